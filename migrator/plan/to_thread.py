"""``asyncio.to_thread(client.chat.completions.create, model=..., ...)``: a sync client's call run in a worker thread.

Async code (bots, web handlers) keeps its event loop free this way. The conversion keeps the thread and calls the
sync Mistral method in it: ``asyncio.to_thread(client.chat.complete, model=..., ...)``. (Not Mistral's coroutine
``complete_async``: its ``httpx.AsyncClient`` is bound to the first event loop that uses it, so an app running
``asyncio.run`` per request failed on the second one, and a custom ``http_client=`` applies to sync calls only;
held-out review 65, X1 / X2.) migrator reads such a call as the call it makes: the plan and the rules see
``client.chat.completions.create(model=..., ...)`` at the ``to_thread`` call's place (a sync call), and ``resugar``
puts the ``to_thread`` call back around what the rules made of it, found by a mark on the call (``MARK``). Where the
plan does not convert the call, the module's ast gets the ``to_thread`` call back (``restore``) and the rules see it
as written.

Only a call with keyword arguments the plan can read is read so: no ``**`` splat (its keys may hold ``stream``), no
``stream=`` other than ``False`` (a stream's loop is not rewritten through the thread), and no transcription
``response_format=`` other than ``"json"`` (the rule would read the call's ``.text``).
"""

from __future__ import annotations

import ast
from typing import Optional

import libcst as cst

from codemods._base import dotted
from codemods._facts import dotted_name
from migrator.plan.syntax import ast_walk

# the methods read so (receiver.<chain>): the rules convert each to a sync Mistral method (chat.complete,
# embeddings.create, audio.transcriptions.complete: held-out review 66, Y4)
METHOD_CHAINS = (("chat", "completions", "create"), ("embeddings", "create"), ("audio", "transcriptions", "create"))
FLAG = "_migrator_to_thread"  # set on the ast call read in place of a to_thread call (a sync call, even under await)
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
    for node in ast_walk(tree):
        if isinstance(node, ast.Import):
            names.update(f"{alias.asname or alias.name}.to_thread" for alias in node.names if alias.name == "asyncio")
        elif isinstance(node, ast.ImportFrom) and node.module == "asyncio" and node.level == 0:
            names.update(alias.asname or alias.name for alias in node.names if alias.name == "to_thread")
    return names


def _stream_ok(keywords) -> bool:
    for keyword in keywords:
        if keyword.arg is None:
            return False
        if keyword.arg == "stream" and not (isinstance(keyword.value, ast.Constant) and keyword.value.value is False):
            return False
    return True


def _shape_kept(chain: list, formats: list) -> bool:
    """A transcription's ``response_format`` other than ``"json"``: the rule reads the call's ``.text`` (or keeps the
    call), which the thread's result would need; such a call is not read so. ``formats``: its literal values (None
    for an expression)."""
    return chain[-2:] == ["transcriptions", "create"] and any(value != "json" for value in formats)


def _positional_getenv(tree: ast.Module) -> None:
    """``os.getenv(key="MODEL_NAME", default="gpt-4o-mini")`` read as ``os.getenv("MODEL_NAME", "gpt-4o-mini")``, in
    place: the plan's environment reads are positional (held-out review 93, Y3: the keyword form's OpenAI default and
    its env file's value stayed). LibCST's arguments list the keywords in order, as the rules read them."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and not node.args and node.keywords and \
                (dotted_name(node.func) or "").endswith(("getenv", "environ.get")):
            given = {k.arg: k for k in node.keywords}
            if "key" in given and [k.arg for k in node.keywords][:len(given.keys() & {"key", "default"})] == \
                    [name for name in ("key", "default") if name in given]:
                node.args = [given[name].value for name in ("key", "default") if name in given]
                node.keywords = [k for k in node.keywords if k.arg not in ("key", "default")]


def desugar(tree: ast.Module, code: str) -> ast.Module:
    """``tree`` with each readable ``to_thread`` call of an SDK method replaced by the method's call (``FLAG`` set on
    it), in place. ``code``: the source, to skip the walk where no ``to_thread`` is written."""
    if "key=" in code:
        _positional_getenv(tree)
    if "to_thread" not in code:
        return tree
    names = _to_thread_names(tree)
    if not names:
        return tree

    class Desugar(ast.NodeTransformer):
        def visit_Call(self, node: ast.Call) -> ast.AST:
            self.generic_visit(node)
            if len(node.args) != 1 or dotted_name(node.func) not in names or not _stream_ok(node.keywords):
                return node
            method = node.args[0]
            chain = _ast_names(method)
            if not isinstance(method, ast.Attribute) or chain is None or not _chain_matches(chain):
                return node
            if _shape_kept(chain, [k.value.value if isinstance(k.value, ast.Constant) else None
                                   for k in node.keywords if k.arg == "response_format"]):
                return node
            call = ast.Call(func=method, args=[], keywords=node.keywords)
            ast.copy_location(call, node)
            call.end_lineno, call.end_col_offset = node.end_lineno, node.end_col_offset
            setattr(call, FLAG, True)
            getattr(tree, READ).append((call, node))
            return call

    if getattr(tree, READ, None) is not None:
        return tree  # (read so already: the plan of a single-file run is given the tree transform_source read)
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

def _cst_names(node: cst.BaseExpression) -> Optional[list]:
    names = []
    while isinstance(node, cst.Attribute):
        names.append(node.attr.value)
        node = node.value
    if not isinstance(node, (cst.Name, cst.Call, cst.Subscript)):
        return None
    return list(reversed(names))


# the whitespace between the method and its ``(`` of a call read in place of a to_thread call: form feeds, which no one
# writes there; the rules keep a call's whitespace_after_func (call.with_changes), and resugar takes the call apart
MARK = cst.SimpleWhitespace("\f\f\f")


def _marked(call: cst.Call) -> bool:
    return isinstance(call.whitespace_after_func, cst.SimpleWhitespace) and \
        call.whitespace_after_func.value == MARK.value


class CstDesugar(cst.CSTTransformer):
    """The twin of ``desugar`` on LibCST's tree: the same calls, met in the same (post-)order; ``stays[i]`` says
    whether the i-th is read as its SDK call (the rules convert it) or left as written."""

    def __init__(self, names: set, stays: list) -> None:
        super().__init__()
        self.names = names
        self.stays = stays
        self.index = 0
        self.made: list = []  # the to_thread calls replaced, in post-order

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        if len(updated.args) < 1 or dotted(updated.func) not in self.names:
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
        if _shape_kept(chain, [arg.value.evaluated_value if isinstance(arg.value, cst.SimpleString) else None
                               for arg in rest if arg.keyword.value == "response_format"]):
            return updated
        index, self.index = self.index, self.index + 1
        if index >= len(self.stays) or not self.stays[index]:
            return updated
        self.made.append(updated)
        return updated.with_changes(func=first.value.with_changes(lpar=(), rpar=()), args=rest,
                                    whitespace_after_func=MARK)


class Resugar(cst.CSTTransformer):
    """Puts each ``to_thread`` call back around what the rules made of the SDK call read in its place (the method,
    converted or not, as its first argument; the keywords as the rules left them)."""

    def __init__(self, made: list) -> None:
        super().__init__()
        self.made = made
        self.put_back = 0

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        if not _marked(updated):
            return updated
        if self.put_back >= len(self.made):
            raise RuntimeError("to_thread calls: more marked calls than were read")
        written, self.put_back = self.made[self.put_back], self.put_back + 1
        method = written.args[0].with_changes(value=updated.func)
        return written.with_changes(args=[method, *updated.args], lpar=updated.lpar, rpar=updated.rpar)


def cst_desugar(module: cst.Module, tree: ast.Module, stays: list):
    """``module`` with the ``to_thread`` calls ``desugar`` read as their SDK calls (and ``restore`` left so) replaced
    by those calls, marked; the ``CstDesugar`` that did it (None when nothing was)."""
    if not any(stays):
        return module, None
    desugarer = CstDesugar(_to_thread_names(tree), stays)
    updated = module.visit(desugarer)
    if desugarer.index != len(stays):
        raise RuntimeError(f"to_thread calls: {len(stays)} read by ast, {desugarer.index} by LibCST")
    return updated, desugarer


def resugar(module: cst.Module, desugarer) -> cst.Module:
    """``module`` (the rules' output) with its to_thread calls put back; raises when a call read in place of one is
    lost (the file is then left unchanged, reported)."""
    if desugarer is None:
        return module
    resugarer = Resugar(desugarer.made)
    updated = module.visit(resugarer)
    if resugarer.put_back != len(desugarer.made):
        raise RuntimeError("to_thread calls: the rules changed a call read in place of one beyond recognition")
    return updated
