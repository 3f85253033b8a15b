"""Reading Python source independently of the running interpreter's grammar.

migrator's fast passes use CPython's ``ast``, whose grammar is the running interpreter's: on 3.11 an
f-string that nests the same quotes (``f"{d["k"]}"``, valid since 3.12, PEP 701) is a syntax error.
LibCST reads it. When ``ast`` refuses code LibCST accepts, each f-string ``ast`` cannot read is
masked by a plain string literal of exactly the same lines and columns, so every other node keeps its
position; the rules then leave those f-strings alone (``masked_fstrings``).
"""

from __future__ import annotations

import ast
from typing import Optional


def parse_python(code: str, filename: str = "<unknown>", module=None) -> ast.Module:
    """``ast.parse(code)``, or the ast of ``code`` with its newer-grammar f-strings masked. Raises the
    original SyntaxError when LibCST cannot read the code either (or masking does not help)."""
    try:
        return ast.parse(code, filename=filename)
    except SyntaxError as error:
        masked = _masked_source(code, module)
        if masked is None:
            raise error
        try:
            return ast.parse(masked, filename=filename)
        except SyntaxError:
            raise error from None


def masked_fstrings(module) -> list:
    """The LibCST f-string nodes of ``module`` that this interpreter's ``ast`` cannot read."""
    import libcst as cst

    found = []

    class Finder(cst.CSTVisitor):
        def visit_FormattedString(self, node: cst.FormattedString) -> bool:
            try:
                ast.parse(module.code_for_node(node).strip(), mode="eval")
            except SyntaxError:
                found.append(node)
            return False  # an outer f-string that cannot be read is masked whole

    module.visit(Finder())
    return found


def masked_names(code: str) -> Optional[set]:
    """The names the f-strings ``masked_fstrings`` finds in ``code`` read (what the masked ast cannot show), or
    None when LibCST cannot read ``code``."""
    import libcst as cst

    try:
        module = cst.parse_module(code)
    except Exception:  # noqa: BLE001 - LibCST cannot read it either
        return None
    names: set = set()

    class Names(cst.CSTVisitor):
        def visit_Name(self, node: cst.Name) -> None:
            names.add(node.value)

    for node in masked_fstrings(module):
        node.visit(Names())
    return names


def _newer_syntax(module) -> list:
    """(node, how) for what 3.11's ``ast`` cannot read and LibCST can, besides f-strings: the type parameters of a
    def / class / ``type`` statement (PEP 695, Python 3.12) and the ``type`` keyword itself ("keyword"), and the
    types after the first of an unparenthesised ``except A, B:`` (PEP 758, Python 3.14), blanked ("blank").
    Held-out review 62, Y30: such modules failed as "syntax error" and nothing in them converted."""
    import sys

    import libcst as cst

    if sys.version_info >= (3, 14):
        return []
    found: list = []

    class Finder(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
            if node.type_parameters is not None and sys.version_info < (3, 12):
                found.append((node.type_parameters, "blank"))

        def visit_ClassDef(self, node: cst.ClassDef) -> None:
            if node.type_parameters is not None and sys.version_info < (3, 12):
                found.append((node.type_parameters, "blank"))

        def visit_TypeAlias(self, node: cst.TypeAlias) -> None:
            if sys.version_info < (3, 12):
                found.append((node, "keyword"))
                if node.type_parameters is not None:
                    found.append((node.type_parameters, "blank"))

        def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
            if isinstance(node.type, cst.Tuple) and not node.type.lpar and len(node.type.elements) > 1:
                found.extend((element, "blank") for element in node.type.elements[1:])
                first = node.type.elements[0]
                if isinstance(first.comma, cst.Comma):
                    found.append((first.comma, "blank"))

    module.visit(Finder())
    return found


def _masked_source(code: str, module=None) -> Optional[str]:
    import libcst as cst
    from libcst.metadata import MetadataWrapper, PositionProvider

    try:
        module = module or cst.parse_module(code)
    except Exception:  # noqa: BLE001 - LibCST cannot read it either: the original error stands
        return None
    nodes = masked_fstrings(module)
    newer = _newer_syntax(module)
    if not nodes and not newer:
        return None
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    positions = wrapper.resolve(PositionProvider)
    lines = code.splitlines(keepends=True)
    for node, kind in newer:  # (before the f-strings: a masked f-string inside one is blanked with it)
        span = positions[node]
        (l1, c1), (l2, c2) = (span.start.line, span.start.column), (span.end.line, span.end.column)
        if kind == "keyword":  # `type X = ...` -> `type=X = ...`: a chained assignment, every column kept
            line = lines[l1 - 1]
            lines[l1 - 1] = line[:c1 + 4] + "=" + line[c1 + 5:]
            continue
        for number in range(l1, l2 + 1):  # `[T]` of `def f[T](...)`, `, B` of `except A, B:`: blanked
            line = lines[number - 1]
            start = c1 if number == l1 else 0
            end = c2 if number == l2 else len(line.rstrip("\r\n"))
            lines[number - 1] = line[:start] + " " * (end - start) + line[end:]
    for node in nodes:
        span = positions[node]
        (l1, c1), (l2, c2) = (span.start.line, span.start.column), (span.end.line, span.end.column)
        for number in range(l1, l2 + 1):
            line = lines[number - 1]
            body_end = len(line.rstrip("\r\n"))
            start = c1 if number == l1 else 0
            end = c2 if number == l2 else body_end
            lines[number - 1] = line[:start] + " " * (end - start) + line[end:]
        quote = '"""' if l1 != l2 else '"'
        first = lines[l1 - 1]
        lines[l1 - 1] = first[:c1] + quote + first[c1 + len(quote):]
        last = lines[l2 - 1]
        lines[l2 - 1] = last[:c2 - len(quote)] + quote + last[c2:]
    return "".join(lines)


# Where a value is used or held, in words: a TODO never names an ast class ("a Lambda node").
PLACES = {"Assign": "an assignment", "AnnAssign": "an assignment", "Return": "a return", "Lambda": "a lambda",
          "List": "a list", "Tuple": "a tuple", "Set": "a set", "Dict": "a dict", "Subscript": "a subscript",
          "Attribute": "an attribute", "Starred": "a * unpacking", "JoinedStr": "an f-string",
          "FormattedValue": "an f-string", "UnaryOp": "an operator", "BinOp": "an operator", "For": "a for loop",
          "AsyncFor": "an async for loop", "With": "a with statement", "AsyncWith": "an async with statement",
          "withitem": "a with statement", "comprehension": "a comprehension", "DictComp": "a comprehension",
          "ListComp": "a comprehension", "SetComp": "a comprehension", "GeneratorExp": "a generator expression",
          "IfExp": "a conditional expression", "Yield": "a yield", "Await": "an await"}


def parameter_for(function, call: ast.Call, given: ast.AST, method: bool = False) -> Optional[str]:
    """The parameter of ``function`` that ``given`` (a positional argument of ``call``, or one of its keywords)
    lands in; None when none does (``*args``, too many arguments, an unknown keyword). ``method``: its first
    parameter (self) takes no argument."""
    if any(isinstance(a, ast.Starred) for a in call.args):
        return None
    positional = [a.arg for a in [*function.args.posonlyargs, *function.args.args]][1 if method else 0:]
    if isinstance(given, ast.keyword):
        return given.arg if given.arg in positional or given.arg in [a.arg for a in function.args.kwonlyargs] \
            else None
    index = next((i for i, a in enumerate(call.args) if a is given), None)
    return positional[index] if index is not None and index < len(positional) else None


def place_of(node) -> str:
    """``a lambda``, ``an assignment`` ...: where ``node`` is, for a message."""
    return PLACES.get(type(node).__name__, "an expression")
