"""What every migrator rule shares: facts, scope paths, pruning, TODO comments, findings, imports."""

from __future__ import annotations

from typing import ClassVar, Optional, Union

import libcst as cst
from libcst.codemod import Codemod, CodemodContext

from codemods._facts import ModuleFacts, Path, gather_from_source
from codemods._imports import Needed, fix_imports
from migrator.config import Config
from migrator.engine.results import Finding, FindingKind

# context.scratch keys shared by the rules and migrator.engine.transform
FACTS = "migrator.facts"
FINDINGS = "migrator.findings"
NEEDED_IMPORTS = "migrator.needed_imports"
PIPELINE = "migrator.pipeline"  # set when transform_source fixes imports once after all rules
CONFIG = "migrator.config"

TODO_PREFIX = "# TODO(migrator "


def todo_text(code: str, message: str) -> str:
    return f"{TODO_PREFIX}{code}): {message}"


class MigratorRule(Codemod):
    """Base of every rule: a LibCST ``Codemod`` that needs no metadata wrapper.

    Subclasses set ``CODE``, ``NAME``, ``SAFETY``, ``DESCRIPTION`` and ``BEFORE``/``AFTER`` (shown by
    ``migrator rules``), and implement ``make_transformer``.
    """

    CODE: ClassVar[str]
    NAME: ClassVar[str]
    SAFETY: ClassVar[str]  # exact | approximate | manual (the rule's worst case)
    BEFORE: ClassVar[str] = ""
    AFTER: ClassVar[str] = ""

    def __init__(self, context: CodemodContext, config: Optional[Config] = None) -> None:
        super().__init__(context)
        self.config = config or context.scratch.get(CONFIG) or Config()

    # Codemod.transform_module wraps the tree in a MetadataWrapper, which deep-copies it; the rules
    # use no LibCST metadata (see _facts), so skip that cost.
    def transform_module(self, tree: cst.Module) -> cst.Module:
        return self.transform_module_impl(tree)

    def facts(self, tree: cst.Module) -> ModuleFacts:
        facts = self.context.scratch.get(FACTS)
        if facts is None:
            facts = gather_from_source(tree.code)
            self.context.scratch[FACTS] = facts
        return facts

    def make_transformer(self, facts: ModuleFacts) -> "RuleTransformer":
        raise NotImplementedError

    def transform_module_impl(self, tree: cst.Module) -> cst.Module:
        facts = self.facts(tree)
        transformer = self.make_transformer(facts)
        updated = tree.visit(transformer)
        for finding in transformer.findings:
            if finding.kind is FindingKind.TODO:
                self.warn(f"line {finding.line}: {finding.message}")
        self.context.scratch.setdefault(FINDINGS, []).extend(transformer.findings)
        if not transformer.needed and not transformer.changed:
            return updated
        if self.context.scratch.get(PIPELINE):
            self.context.scratch.setdefault(NEEDED_IMPORTS, []).extend(transformer.needed)
            return updated
        # Standalone use (tests, libcst.tool): fix imports now.
        return cst.parse_module(fix_imports(updated.code, transformer.needed, facts.names_in_use))


class RuleTransformer(cst.CSTTransformer):
    """Tracks the enclosing class/function path, prunes subtrees with no site, attaches TODOs."""

    def __init__(self, rule: MigratorRule, facts: ModuleFacts) -> None:
        super().__init__()
        self.rule = rule
        self.code = rule.CODE
        self.config = rule.config
        self.facts = facts
        self.path: Path = ()
        self.findings: list[Finding] = []
        self.needed: list[Needed] = []
        self.changed = False
        self._todos: list[list[str]] = []
        self._ordinal: dict[str, int] = {}

    # -- sites and findings -------------------------------------------------------------------
    def next_site_line(self, kind: str) -> int:
        """Line (in the original file) of the next site of ``kind``, in source order."""
        index = self._ordinal.get(kind, 0)
        self._ordinal[kind] = index + 1
        lines = self.facts.sites.get(kind, [])
        return lines[index] if index < len(lines) else 0

    def converted(self, line: int, message: str, safety: str = "exact") -> None:
        self.changed = True
        self.findings.append(Finding(self.code, FindingKind.CONVERTED, line, message, safety))

    def todo(self, line: int, message: str) -> None:
        """Leave ``# TODO(migrator CODE): message`` above the enclosing statement, and report it."""
        self.findings.append(Finding(self.code, FindingKind.TODO, line, message, "manual"))
        if self._todos and message not in self._todos[-1]:
            self._todos[-1].append(message)

    def need_import(self, module: str, name: Optional[str] = None) -> None:
        self.needed.append((module, name))

    # -- traversal ----------------------------------------------------------------------------
    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            self._todos.append([])
        if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
            self.path = self.path + (node.name.value,)
            if self.path not in self.facts.interesting:
                super().on_visit(node)
                return False
        return super().on_visit(node)

    def on_leave(self, original: cst.CSTNode, updated: cst.CSTNode) -> Union[cst.CSTNode, cst.RemovalSentinel,
                                                                            cst.FlattenSentinel]:
        result = super().on_leave(original, updated)
        if isinstance(original, (cst.FunctionDef, cst.ClassDef)):
            self.path = self.path[:-1]
        if isinstance(original, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            self.statement_done()
            todos = self._todos.pop()
            if todos and isinstance(result, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
                result = self._with_todos(result, todos)
        return result

    def statement_done(self) -> None:
        """Hook: a statement's subtree has been transformed; its TODOs are attached right after."""

    def _with_todos(self, stmt, todos: list[str]):
        existing = {line.comment.value for line in stmt.leading_lines if line.comment is not None}
        new = [cst.EmptyLine(indent=True, comment=cst.Comment(todo_text(self.code, t)))
               for t in todos if todo_text(self.code, t) not in existing]
        if not new:
            return stmt
        self.changed = True
        return stmt.with_changes(leading_lines=[*stmt.leading_lines, *new])


def dotted(node: cst.BaseExpression) -> Optional[str]:
    """``a.b.c`` for a Name/Attribute chain, else None."""
    parts = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if isinstance(node, cst.Name):
        parts.append(node.value)
        return ".".join(reversed(parts))
    return None


def literal(node: cst.BaseExpression):
    """The Python value of a literal expression, or raise ValueError."""
    import ast

    code = cst.Module([]).code_for_node(node)
    return ast.literal_eval(code.strip())


def code_of(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def finish_args(original: "tuple[cst.Arg, ...] | list[cst.Arg]", new: list[cst.Arg]) -> list[cst.Arg]:
    """Fix commas and closing whitespace after arguments were dropped, renamed or appended.

    Separators keep the call's own style (one line or one argument per line); the last argument
    takes over the original last argument's trailing comma and whitespace, so the closing
    parenthesis stays where it was.
    """
    if not new or not original:
        return new
    last = original[-1]
    if len(original) >= 2 and isinstance(original[-2].comma, cst.Comma):
        separator = original[-2].comma
        if isinstance(separator.whitespace_after, cst.ParenthesizedWhitespace):  # drop its comment
            separator = separator.with_changes(
                whitespace_after=separator.whitespace_after.with_changes(first_line=cst.TrailingWhitespace()))
    else:
        separator = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    out = []
    for arg in new[:-1]:
        if not isinstance(arg.comma, cst.Comma) or arg.comma is last.comma:
            arg = arg.with_changes(comma=separator)
        out.append(arg)
    tail = new[-1]
    if isinstance(last.comma, cst.Comma) and isinstance(tail.comma, cst.Comma) and tail.comma is not last.comma:
        comma = tail.comma  # trailing-comma style either way: keep the tail's own (it may hold a comment)
        mine, theirs = comma.whitespace_after, last.comma.whitespace_after
        if isinstance(mine, cst.ParenthesizedWhitespace) and isinstance(theirs, cst.ParenthesizedWhitespace):
            # ...but indent the closing parenthesis as the original did
            comma = comma.with_changes(whitespace_after=mine.with_changes(indent=theirs.indent,
                                                                          last_line=theirs.last_line))
    else:
        comma = last.comma
    out.append(tail.with_changes(comma=comma, whitespace_after_arg=last.whitespace_after_arg))
    return out
