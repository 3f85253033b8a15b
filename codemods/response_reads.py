"""MIG105: reads of chat responses that differ on Mistral (api-mapping.md §3)."""

from __future__ import annotations

from typing import Optional

import libcst as cst

from codemods._base import MigratorRule, RuleTransformer, code_of, dotted
from codemods._facts import READ, RESPONSE_ATTRS
from migrator.mapping.chat import FINISH_REASONS, MISSING_RESPONSE_FIELDS, UNSUPPORTED_RESPONSE_FIELDS


class ResponseReads(MigratorRule):
    """Rewrites reads of response fields that Mistral's response objects lack or spell differently.

    **What it does.** In modules that use OpenAI: ``r.system_fingerprint``, ``msg.refusal`` and
    ``r.service_tier`` become ``getattr(obj, "name", None)`` (Mistral's objects have no such
    attribute); ``x.finish_reason == "length"`` becomes ``x.finish_reason in ("length",
    "model_length")`` and ``== "function_call"`` becomes ``in ("tool_calls",)``; a legacy
    ``msg.function_call`` read becomes ``(msg.tool_calls[0].function if msg.tool_calls else None)``.
    ``usage.prompt_tokens_details`` / ``completion_tokens_details`` and ``"content_filter"``
    comparisons get a TODO.

    **Why.** Reading a missing attribute on a Mistral response raises ``AttributeError``; Mistral
    reports truncation as ``model_length`` too, and legacy ``functions`` became ``tools``.

    **Fix safety.** exact for the attribute reads; approximate for finish reasons.

    **Known limits.** Matched by attribute name in modules that import openai, without type
    inference; ``message.content`` may be a list of chunks for reasoning models and is not flagged.
    """

    CODE = "MIG105"
    NAME = "response-reads"
    SAFETY = "approximate"
    DESCRIPTION = "Response fields Mistral lacks or names differently: system_fingerprint, finish_reason, function_call"
    BEFORE = 'import openai\n\nif r.choices[0].finish_reason == "length":\n    print(r.system_fingerprint)\n'
    AFTER = 'import openai\n\nif r.choices[0].finish_reason in ("length", "model_length"):\n    print(getattr(r, "system_fingerprint", None))\n'

    def make_transformer(self, facts):
        return _Transformer(self, facts)


class _Transformer(RuleTransformer):
    def __init__(self, rule, facts) -> None:
        super().__init__(rule, facts)
        self._active = bool(facts.openai_modules or facts.imported)
        self._stores: set[int] = set()  # attributes being assigned or deleted, not read
        self._quotes: list[str] = []  # quote characters of the enclosing f-strings

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        self._quotes.append(node.quote[0])

    def leave_FormattedString(self, original: cst.FormattedString,
                              updated: cst.FormattedString) -> cst.FormattedString:
        self._quotes.pop()
        return updated

    def _converts(self, node: cst.CSTNode) -> bool:
        """The plan traced this read to the response of a converted call."""
        answer = self.answer_for(node)
        return bool(answer and answer[0] == "read" and answer[1])

    def _store(self, target: cst.BaseExpression) -> None:
        if isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._store(element.value)
        else:
            self._stores.add(id(target))

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._store(node.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._store(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._store(node.target)

    def visit_Del(self, node: cst.Del) -> None:
        self._store(node.target)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if self._active and node.attr.value in RESPONSE_ATTRS and id(node) not in self._stores:
            self.mark_site(node, READ)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if self._active and _finish_reason_check(node) is not None:
            self.mark_site(node, READ)

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.BaseExpression:
        if id(original) not in self._lines or not self._converts(original):
            return updated
        name, line = original.attr.value, self._lines[id(original)]
        if name in UNSUPPORTED_RESPONSE_FIELDS:
            self.todo(line, f"{name}: {UNSUPPORTED_RESPONSE_FIELDS[name]}")
            return updated
        owner = code_of(updated.value)
        if name in MISSING_RESPONSE_FIELDS:
            self.converted(line, f"{owner}.{name} -> getattr(..., None) (not on Mistral responses)")
            quote = "'" if self._quotes and self._quotes[-1] == '"' else '"'
            if self._quotes and quote in owner:
                self.todo(line, f"{owner}.{name} is not on Mistral responses: read it with getattr(..., None)")
                return updated
            return cst.parse_expression(f'getattr({owner}, {quote}{name}{quote}, None)')
        if dotted(updated.value) is None:  # evaluated twice below: only for plain names
            self.todo(line, f"{owner}.function_call: legacy functions became tools; read "
                            ".tool_calls[0].function instead")
            return updated
        self.converted(line, f"{owner}.function_call -> {owner}.tool_calls[0].function", "approximate")
        return cst.parse_expression(f"({owner}.tool_calls[0].function if {owner}.tool_calls else None)")

    def leave_Comparison(self, original: cst.Comparison, updated: cst.Comparison) -> cst.BaseExpression:
        if id(original) not in self._lines or not self._converts(original):
            return updated
        line = self._lines[id(original)]
        value = _finish_reason_check(original)
        target = updated.comparisons[0]
        mistral = FINISH_REASONS[value]
        if mistral is None:
            self.todo(line, f'finish_reason "{value}" does not exist on Mistral (it may report "error")')
            return updated
        negated = isinstance(target.operator, cst.NotEqual)
        operator = cst.NotIn() if negated else cst.In()
        q = "'" if self._quotes and self._quotes[-1] == '"' else '"'
        values = cst.parse_expression("(" + ", ".join(f'{q}{v}{q}' for v in mistral) + (",)" if len(mistral) == 1
                                                                                  else ")"))
        self.converted(line, f'finish_reason == "{value}" -> in {mistral}', "approximate")
        return updated.with_changes(comparisons=[target.with_changes(operator=operator, comparator=values)])


def _finish_reason_check(node: cst.Comparison) -> Optional[str]:
    """LibCST twin of ``codemods._facts.finish_reason_check``."""
    if (len(node.comparisons) == 1 and isinstance(node.comparisons[0].operator, (cst.Equal, cst.NotEqual))
            and isinstance(node.left, cst.Attribute) and node.left.attr.value == "finish_reason"
            and isinstance(node.comparisons[0].comparator, cst.SimpleString)):
        value = node.comparisons[0].comparator.evaluated_value
        if value in FINISH_REASONS:
            return value
    return None
