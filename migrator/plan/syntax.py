"""``ast_walk``: ``ast.walk``, faster.

The plan, the facts and the import fixer walk the same trees dozens of times per module; ``ast.walk``
goes through ``ast.iter_child_nodes`` and ``ast.iter_fields`` (two generators per node), which the
profile put at a tenth of a conversion's time. This yields the same nodes in the same (breadth-first)
order with one loop per node.
"""

from __future__ import annotations

import ast
from collections import deque
from typing import Iterator, Optional

_AST = ast.AST


def ast_walk(node: ast.AST) -> Iterator[ast.AST]:
    """Every node under ``node`` (itself included), in ``ast.walk``'s order. (``child_nodes``'s loop is written out
    here: calling it per node made this walk a third slower over the corpus's trees.)"""
    todo = deque((node,))
    pop, append = todo.popleft, todo.append
    while todo:
        node = pop()
        for name in node._fields:
            try:
                field = getattr(node, name)
            except AttributeError:  # (an optional field a hand-built node left out, as ast.iter_fields allows)
                continue
            if isinstance(field, _AST):
                append(field)
            elif isinstance(field, list):
                for item in field:
                    if isinstance(item, _AST):
                        append(item)
        yield node


def child_nodes(node: ast.AST) -> list[ast.AST]:
    """``list(ast.iter_child_nodes(node))``, in one loop."""
    children = []
    append = children.append
    for name in node._fields:
        try:
            field = getattr(node, name)
        except AttributeError:
            continue
        if isinstance(field, _AST):
            append(field)
        elif isinstance(field, list):
            for item in field:
                if isinstance(item, _AST):
                    append(item)
    return children


class NodeVisitor(ast.NodeVisitor):
    """``ast.NodeVisitor`` with its handler looked up once per node type (not by name on every node) and
    a ``generic_visit`` in one loop: the same calls in the same order."""

    def visit(self, node: ast.AST):
        handlers = self.__dict__.get("_handlers")
        if handlers is None:
            handlers = self.__dict__["_handlers"] = {}
        try:
            handler = handlers[type(node)]
        except KeyError:
            handler = handlers[type(node)] = getattr(self, "visit_" + type(node).__name__, self.generic_visit)
        return handler(node)

    def generic_visit(self, node: ast.AST) -> None:
        visit = self.visit
        for child in child_nodes(node):
            visit(child)


def class_read(call: ast.AST) -> Optional[ast.AST]:
    """The argument of ``type(x)`` (a value's class read, printed while debugging: it consumes nothing), else None."""
    if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "type" and \
            len(call.args) == 1 and not call.keywords:
        return call.args[0]
    return None


# calls that show a value (its repr) and consume nothing of it
SHOWING_CALLS = frozenset({"print", "debug", "info", "warning", "warn", "error", "exception", "critical", "log"})
# test doubles of unittest.mock (a value built by one is a fake, not a client or a call made)
MOCK_CLASSES = frozenset({"Mock", "MagicMock", "AsyncMock", "NonCallableMock", "create_autospec", "patch"})


def shown_values(call: ast.AST) -> list:
    """The positional arguments of ``print(x)`` / ``logger.info(x)``: values shown (their repr), not consumed (a
    stream logged before its loop: held-out review 128, Y6), else []."""
    if not isinstance(call, ast.Call):
        return []
    func = call.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    return list(call.args) if name in SHOWING_CALLS else []
