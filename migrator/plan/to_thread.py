"""``asyncio.to_thread(client.chat.completions.create, model=..., ...)``: a sync client's call run in a worker thread.

Async code (bots, web handlers) keeps its event loop free this way. Mistral's SDK has the coroutine itself
(``client.chat.complete_async(...)``), so migrator reads such a call as the awaited call it stands for: the plan and
the rules see ``client.chat.completions.create(model=..., ...)`` at the ``to_thread`` call's place, an awaited call
(``asyncio.to_thread(...)`` and ``complete_async(...)`` are both coroutines, whether awaited there, gathered or handed
to ``asyncio.wait_for``). Where the plan does not convert the call, the module's ast gets the ``to_thread`` call back
(``restore``) and the rules see it as written; an OpenAI-compatible target's rules rewrite the call's arguments and the
``to_thread`` call is put back around it (``resugar``).

Only a call with keyword arguments the plan can read is read so: no ``**`` splat (its keys may hold ``stream``) and no
``stream=`` other than ``False`` (a stream run in a thread is iterated with a plain ``for``; Mistral's async stream
needs ``async for``).
"""

from __future__ import annotations

import ast
from typing import Optional

import libcst as cst

# the methods read so (receiver.<chain>): each has an awaited form the rules write (chat.complete_async,
# embeddings.create_async)
METHOD_CHAINS = (("chat", "completions", "create"), ("embeddings", "create"))
FLAG = "_migrator_to_thread"  # set on the ast call read in place of a to_thread call
READ_NAMES = "_migrator_to_thread_names"  # set on the tree: the names the replaced calls read (`asyncio`, `to_thread`)
READ = "_migrator_to_thread_calls"  # set on the tree: [(the call read, the to_thread call)] in post-order


def _chain_matches(names: list) -> bool:
    return any(len(names) >= len(chain) and tuple(names[-len(chain):]) == chain for chain in METHOD_CHAINS)


def _ast_names(node: ast.AST) -> Optional[list]:
    names = []
    while isinstance(node, ast.Attribute):
        names.append(node.attr)
        node = node.value
    if not isinstance(node, (ast.Name, ast.Call, ast.Subscript)):
        return None
    return list(reversed(names))


def _to_thread_names(tree: ast.Module) -> set:
    """The names ``asyncio.to_thread`` is called by in ``tree``: ``asyncio.to_thread`` (``import asyncio``),
    ``<alias>.to_thread``, ``to_thread`` (``from asyncio import to_thread``)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(f"{alias.asname or alias.name}.to_thread" for alias in node.names if alias.name == "asyncio")
        elif isinstance(node, ast.ImportFrom) and node.module == "asyncio" and node.level == 0:
            names.update(alias.asname or alias.name for alias in node.names if alias.name == "to_thread")
    return names


def _dotted(node: ast.AST) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return ""
    return ".".join([node.id, *reversed(parts)])


def _stream_ok(keywords) -> bool:
    for keyword in keywords:
        if keyword.arg is None:
            return False
        if keyword.arg == "stream" and not (isinstance(keyword.value, ast.Constant) and keyword.value.value is False):
            return False
    return True


def desugar(tree: ast.Module, code: str) -> ast.Module:
    """``tree`` with each readable ``to_thread`` call of an SDK method replaced by the method's call (``FLAG`` set on
    it), in place. ``code``: the source, to skip the walk where no ``to_thread`` is written."""
    if "to_thread" not in code:
        return tree
    names = _to_thread_names(tree)
    if not names:
        return tree

    class Desugar(ast.NodeTransformer):
        def visit_Call(self, node: ast.Call) -> ast.AST:
            self.generic_visit(node)
            if len(node.args) != 1 or _dotted(node.func) not in names or not _stream_ok(node.keywords):
                return node
            method = node.args[0]
            chain = _ast_names(method)
            if not isinstance(method, ast.Attribute) or chain is None or not _chain_matches(chain):
                return node
            call = ast.Call(func=method, args=[], keywords=node.keywords)
            ast.copy_location(call, node)
            call.end_lineno, call.end_col_offset = node.end_lineno, node.end_col_offset
            setattr(call, FLAG, True)
            getattr(tree, READ).append((call, node))
            read = node.func
            while isinstance(read, ast.Attribute):
                read = read.value
            getattr(tree, READ_NAMES).add(read.id)  # (an import the conversion leaves unused goes: fix_imports)
            return call

    if getattr(tree, READ, None) is not None:
        return tree  # (read so already: the plan of a single-file run is given the tree transform_source read)
    setattr(tree, READ_NAMES, set())
    setattr(tree, READ, [])
    return Desugar().visit(tree)


def restore(tree: ast.Module, keep) -> list:
    """Put back in ``tree`` the ``to_thread`` calls ``desugar`` replaced for which ``keep(call read)`` is false (the
    rules do not convert them). Returns, in post-order, whether each replaced call stays read as its SDK call."""
    read = getattr(tree, READ, None) or []
    if not read:
        return []
    stays = [bool(keep(call)) for call, _ in read]
    back = {id(call): written for (call, written), stay in zip(read, stays) if not stay}
    if back:
        class Restore(ast.NodeTransformer):
            def visit_Call(self, node: ast.Call) -> ast.AST:
                self.generic_visit(node)
                return back.get(id(node), node)

        Restore().visit(tree)
        setattr(tree, READ, [(call, written) for (call, written), stay in zip(read, stays) if stay])
    return stays


# -- the same on LibCST's tree, for the rules ---------------------------------------------------------------------

def _cst_dotted(node: cst.BaseExpression) -> str:
    parts = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if not isinstance(node, cst.Name):
        return ""
    return ".".join([node.value, *reversed(parts)])


def _cst_names(node: cst.BaseExpression) -> Optional[list]:
    names = []
    while isinstance(node, cst.Attribute):
        names.append(node.attr.value)
        node = node.value
    if not isinstance(node, (cst.Name, cst.Call, cst.Subscript)):
        return None
    return list(reversed(names))


def _code(node: cst.CSTNode) -> str:
    return cst.Module(body=()).code_for_node(node)


class CstDesugar(cst.CSTTransformer):
    """The twin of ``desugar`` on LibCST's tree: the same calls, met in the same (post-)order; ``stays[i]`` says
    whether the i-th is read as its SDK call (the rules convert it) or left as written."""

    def __init__(self, names: set, stays: list) -> None:
        super().__init__()
        self.names = names
        self.stays = stays
        self.index = 0
        self.methods: set[str] = set()  # the code of the methods read so (`client.chat.completions.create`)
        self.made: list[tuple] = []  # (the call written, the to_thread call it replaced), in post-order
        self.written: list[bool] = []  # see order()

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        if len(updated.args) < 1 or _cst_dotted(updated.func) not in self.names:
            return updated
        first, rest = updated.args[0], updated.args[1:]
        if first.keyword is not None or first.star or any(arg.keyword is None for arg in rest):
            return updated  # positional arguments or a ** splat after the method
        for arg in rest:
            if arg.keyword.value == "stream" and not (isinstance(arg.value, cst.Name) and arg.value.value == "False"):
                return updated
        chain = _cst_names(first.value)
        if not isinstance(first.value, cst.Attribute) or chain is None or not _chain_matches(chain):
            return updated
        index, self.index = self.index, self.index + 1
        if index >= len(self.stays) or not self.stays[index]:
            return updated
        method = first.value.with_changes(lpar=(), rpar=())
        self.methods.add(_code(method))
        call = updated.with_changes(func=method, args=rest)
        self.made.append((call, updated))
        return call

    def order(self, module: cst.Module) -> None:
        """Note, in post-order, which calls of the methods read so in ``module`` (the tree this desugarer made) are
        the ones it wrote: ``Resugar`` finds them again by that order."""
        made = {id(call) for call, _ in self.made}
        methods, order = self.methods, self.written

        class Order(cst.CSTVisitor):
            def leave_Call(self, node: cst.Call) -> None:
                if isinstance(node.func, cst.Attribute) and _code(node.func) in methods:
                    order.append(id(node) in made)

        module.visit(Order())


class Resugar(cst.CSTTransformer):
    """Puts each ``to_thread`` call back around the SDK call it was read as (with the arguments the rules left it): an
    OpenAI-compatible target keeps the openai SDK, whose calls stay in their threads. The rules of that target leave
    the method of such a call as it is and remove no call of it, so the calls are found again by their order."""

    def __init__(self, desugarer: "CstDesugar") -> None:
        super().__init__()
        self.methods = desugarer.methods
        self.written = desugarer.written
        self.calls = [written for _, written in desugarer.made]
        self.seen = 0
        self.put_back = 0

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        if not (isinstance(updated.func, cst.Attribute) and _code(updated.func) in self.methods):
            return updated
        index, self.seen = self.seen, self.seen + 1
        if index >= len(self.written) or not self.written[index]:
            return updated
        written, self.put_back = self.calls[self.put_back], self.put_back + 1
        return written.with_changes(args=[written.args[0], *updated.args], lpar=updated.lpar, rpar=updated.rpar)


def cst_desugar(module: cst.Module, tree: ast.Module, code: str, stays: list):
    """``module`` with the ``to_thread`` calls ``desugar`` read as their SDK calls (and ``restore`` left so) replaced
    by those calls; the ``CstDesugar`` that did it (None when nothing was)."""
    if not any(stays):
        return module, None
    desugarer = CstDesugar(_to_thread_names(tree), stays)
    updated = module.visit(desugarer)
    if desugarer.index != len(stays):
        raise RuntimeError(f"to_thread calls: {len(stays)} read by ast, {desugarer.index} by LibCST")
    desugarer.order(updated)
    return updated, desugarer


def resugar(module: cst.Module, desugarer) -> cst.Module:
    """``module`` (the rules' output for an OpenAI-compatible target) with its to_thread calls put back."""
    if desugarer is None:
        return module
    resugarer = Resugar(desugarer)
    updated = module.visit(resugarer)
    if resugarer.seen != len(desugarer.written) or resugarer.put_back != len(desugarer.made):
        raise RuntimeError("to_thread calls: the rules changed the calls read in their place")
    return updated


def left_unconverted(module: cst.Module, desugarer) -> bool:
    """Is a call ``desugarer`` wrote still there after the rules (its method unchanged, so not awaitable)?"""
    if desugarer is None:
        return False
    methods = desugarer.methods
    found = []

    class Finder(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            if isinstance(node.func, cst.Attribute) and node.func.attr.value == "create" and \
                    _code(node.func) in methods:
                found.append(node)

    module.visit(Finder())
    return bool(found)
