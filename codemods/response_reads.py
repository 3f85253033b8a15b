"""MIG105: reads of chat responses that differ on Mistral (api-mapping.md §3)."""

from __future__ import annotations

from typing import Optional

import libcst as cst

from codemods._base import MigratorRule, RuleTransformer, WrittenTargets, code_of, dotted, keyword_arg
from codemods._facts import READ, RESPONSE_ATTRS, TYPECHECK
from migrator.mapping.chat import (FINISH_REASONS, MISSING_RESPONSE_FIELDS, MISTRAL_MODELS_MODULE,
                                   RENAMED_RESPONSE_FIELDS, RESPONSE_TYPES, SERIALISER_KEYWORDS, SERIALISERS,
                                   UNSUPPORTED_RESPONSE_FIELDS)


def _serialiser_args(name: str, given) -> Optional[list]:
    """The arguments of mistralai's serialiser for the OpenAI SDK's ``to_dict(...)`` / ``to_json(...)`` called with
    ``given``: its defaults as SERIALISERS writes them, then the keywords both take (``indent=``, ``mode=``,
    ``exclude_none=``, ``exclude_defaults=``, ``warnings=``), ``use_api_names=True/False`` as ``by_alias=`` and
    ``exclude_unset=True`` (OpenAI's default; mistralai's models drop unset fields themselves) dropped; None when an
    argument has no such counterpart (held-out review 53, Q7: ``to_json(indent=2)``, the default written out, kept
    the call)."""
    shared = SERIALISER_KEYWORDS[name]
    values: dict = {}
    for text in SERIALISERS[name].split("(", 1)[1].rstrip(")").split(", "):
        key, _, value = text.partition("=")
        values[key] = cst.parse_expression(value)
    for arg in given:
        key = arg.keyword.value if arg.keyword is not None else None
        literal = arg.value.value if isinstance(arg.value, cst.Name) and arg.value.value in ("True", "False") else None
        if arg.star or key is None:
            return None
        if key in shared:
            values[key] = arg.value
        elif key == "use_api_names" and literal is not None:
            values["by_alias"] = arg.value
        elif not (key == "exclude_unset" and literal == "True"):
            return None
    args = [keyword_arg(key, value) for key, value in values.items()]
    return [a.with_changes(comma=cst.MaybeSentinel.DEFAULT) for a in args]


class ResponseReads(MigratorRule):
    """Rewrites reads of response fields that Mistral's response objects lack or spell differently.

    **What it does.** In modules that use OpenAI: ``r.system_fingerprint``, ``msg.refusal`` and
    ``r.service_tier`` become ``getattr(obj, "name", None)`` (Mistral's objects have no such
    attribute); ``x.finish_reason == "length"`` becomes ``x.finish_reason in ("length",
    "model_length")`` and ``== "function_call"`` becomes ``in ("tool_calls",)``; ``x.finish_reason in
    ("length", "stop")`` (a tuple, list or set of strings) gets each value's Mistral ones; a legacy
    ``msg.function_call`` read becomes ``(msg.tool_calls[0].function if msg.tool_calls else None)``.
    ``r.to_dict()`` / ``r.to_json()`` (the OpenAI SDK's serialisers) become ``r.model_dump(by_alias=True)``
    / ``r.model_dump_json(indent=2, by_alias=True)``; the keywords both take (``indent=``, ``mode=``,
    ``exclude_none=``, ...) pass through, ``use_api_names=`` becomes ``by_alias=`` (a TODO for other
    arguments); the dict holds Mistral's fields.
    A log-probability token's ``tok.bytes`` becomes ``tok.bytes_`` (mistralai's field name; ``bytes`` is
    its wire alias only). ``usage.prompt_tokens_details`` / ``completion_tokens_details`` and ``"content_filter"``
    comparisons get a TODO. ``msg.content is None`` (OpenAI's tool-call reply) becomes a truth test
    (Mistral sends ``""`` with tool calls); a stream delta's ``delta.content is None`` (OpenAI's empty last
    chunk, an end-of-stream marker) gets a TODO naming ``finish_reason`` instead.

    **Why.** Reading a missing attribute on a Mistral response raises ``AttributeError``; Mistral
    reports truncation as ``model_length`` too, and legacy ``functions`` became ``tools``.

    **Fix safety.** exact for the attribute reads; approximate for finish reasons.

    **Known limits.** Matched by attribute name in modules that import openai, without type
    inference; ``message.content`` may be a list of chunks for reasoning models and is not flagged.

    **openai-compatible target.** The OpenAI SDK and its response types stay: only the finish-reason
    comparisons change, and only for ``--provider mistral`` (Mistral's API reports ``model_length``).
    """

    CODE = "MIG105"
    NAME = "response-reads"
    SAFETY = "approximate"
    DESCRIPTION = "Response fields Mistral lacks or names differently: system_fingerprint, finish_reason, function_call"
    BEFORE = 'import openai\n\nif r.choices[0].finish_reason == "length":\n    print(r.system_fingerprint)\n'
    AFTER = 'import openai\n\nif r.choices[0].finish_reason in ("length", "model_length"):\n    print(getattr(r, "system_fingerprint", None))\n'

    def make_transformer(self, facts):
        return _Transformer(self, facts)


class _Transformer(WrittenTargets, RuleTransformer):
    def __init__(self, rule, facts) -> None:
        super().__init__(rule, facts)
        self._active = facts.reads_openai_results  # (twin of codemods._facts' facts_uses_openai)
        endpoint = self.config.endpoint()
        # openai-compatible: the same SDK objects; Mistral's API still reports its own finish reasons
        self._same_sdk = endpoint is not None
        self._finish_reasons = endpoint is None or endpoint.spec.protocol == "mistral"
        self._quotes: list[str] = []  # quote characters of the enclosing f-strings
        self._bindings: dict[int, dict[str, str]] = {}  # id(statement) -> owner -> bound name
        self._elifs: set[int] = set()
        # expressions read only for their truth (if / while / conditional tests and their and / or operands)
        self._truth_tests: set[int] = set()
        self._skips: set[int] = set()  # the tests of `if <test>: continue`
        self._module: Optional[cst.Module] = None  # (visit_Module): a module-level read's scope

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

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if isinstance(node.value, cst.Attribute) and node.value.attr.value in UNSUPPORTED_RESPONSE_FIELDS:
            self.__dict__.setdefault("_chained", set()).add(id(node.value))  # usage.prompt_tokens_details.x
        if self._active and node.attr.value in RESPONSE_ATTRS and not self.written(node) and \
                not self._file_size(node):
            self.mark_site(node, READ)

    def _file_size(self, node: cst.Attribute) -> bool:
        """``f.bytes`` in a module with files calls: MIG119's (twin of the check in codemods._facts)."""
        return node.attr.value in RENAMED_RESPONSE_FIELDS and self.facts.file_api and \
            isinstance(node.value, (cst.Name, cst.Call, cst.Await))

    def visit_Call(self, node: cst.Call) -> None:
        if self._active and _type_check_class(node, self.facts.qualify) is not None:
            self.mark_site(node, TYPECHECK)

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        """isinstance(resp, ChatCompletion) on a converted call's response -> the Mistral class;
        ``resp.to_dict()`` / ``.to_json()`` -> mistralai's pydantic serialisers."""
        func = original.func
        if isinstance(func, cst.Attribute) and func.attr.value in SERIALISERS and id(func) in self._lines:
            return self._serialiser(original, updated)
        if id(original) not in self._lines or self._same_sdk:
            return updated
        answer = self.answer_for(original)
        if not (answer and answer[0] == "typecheck" and answer[1]):
            return updated
        target = _type_check_class(original, self.facts.qualify)
        if target in self.facts.bound_names:  # the module's own AssistantMessage (ag_ui's): not shadowed
            self.todo(self._lines[id(original)], f"isinstance(..., {code_of(original.args[1].value)}): the object is "
                                                 f"now mistralai.client.models.{target}, a name this module binds "
                                                 "to something else: import it under another name")
            return updated
        self.need_import(MISTRAL_MODELS_MODULE, target)
        self.converted(self._lines[id(original)], f"isinstance(..., {code_of(original.args[1].value)}) -> {target}")
        args = list(updated.args)
        args[1] = args[1].with_changes(value=cst.Name(target))
        return updated.with_changes(args=args)

    def _serialiser(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        answer = self.answer_for(original.func)
        if self._same_sdk or not (answer and answer[0] == "read" and (answer[1] or (len(answer) > 2 and answer[2]))):
            return updated
        name, line = original.func.attr.value, self._lines[id(original.func)]
        owner = code_of(updated.func.value)  # type: ignore[attr-defined]
        args = _serialiser_args(name, updated.args) if answer[1] else None
        if args is None:
            reason = "it may hold a converted call's Mistral response here" if not answer[1] else \
                "its arguments are the OpenAI SDK's"
            self.todo(line, f"{owner}.{name}(...): Mistral's objects are pydantic models without {name} ({reason}): "
                            f"use .{SERIALISERS[name].split('(')[0]}(...)")
            return updated
        method = SERIALISERS[name].split("(")[0]
        written = ", ".join(f"{a.keyword.value}={code_of(a.value)}" for a in args)
        self.converted(line, f"{owner}.{name}({'...' if updated.args else ''}) -> {owner}.{method}({written}) "
                             "(Mistral's fields)", "approximate")
        return updated.with_changes(func=updated.func.with_changes(attr=cst.Name(method)),  # type: ignore[attr-defined]
                                    args=args)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if self._active and (_finish_reason_check(node) is not None or
                             _content_none_check(node, self.facts.delta_names) is not None):
            self.mark_site(node, READ)

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.BaseExpression:
        if id(original) not in self._lines or self._same_sdk:
            return updated
        answer = self.answer_for(original)  # ("read", the converted call's response, or may be: plan.decide)
        if not (answer and answer[0] == "read" and (answer[1] or (len(answer) > 2 and answer[2]))):
            return updated
        converts = bool(answer[1])
        name, line = original.attr.value, self._lines[id(original)]
        if name in SERIALISERS:
            return updated  # the call around it is rewritten (leave_Call); a bare read stays

        owner = code_of(updated.value)
        root = updated.value
        while isinstance(root, (cst.Attribute, cst.Subscript)):
            root = root.value
        maybe = "" if converts else (f"{code_of(root)} may hold a converted call's Mistral response here (it is "
                                     "also bound to other values): ")
        if name in RENAMED_RESPONSE_FIELDS:  # a log-probability token's .bytes -> .bytes_
            new = RENAMED_RESPONSE_FIELDS[name]
            if maybe:
                self.todo(line, f"{maybe}{owner}.{name} is .{new} on Mistral's log-probability tokens")
                return updated
            self.converted(line, f"{owner}.{name} -> {owner}.{new} (Mistral's log-probability tokens)")
            return updated.with_changes(attr=cst.Name(new))
        if name in UNSUPPORTED_RESPONSE_FIELDS:
            self.todo(line, f"{maybe}{name}: {UNSUPPORTED_RESPONSE_FIELDS[name]}")
            quote = "'" if self._quotes and self._quotes[-1] == '"' else '"'
            if maybe or (self._quotes and quote in owner) or id(original) in self.__dict__.get("_chained", ()):
                return updated  # read further (.cached_tokens): None would fail there too
            # None, as getattr gives it on any object: a guard (`if usage.prompt_tokens_details`) keeps working
            return cst.parse_expression(f'getattr({owner}, {quote}{name}{quote}, None)')
        if maybe and name not in MISSING_RESPONSE_FIELDS:  # the rewrite below is for Mistral's objects only
            self.todo(line, f"{maybe}{owner}.function_call: legacy functions became tools; read "
                            ".tool_calls[0].function on Mistral's")
            return updated
        if name in MISSING_RESPONSE_FIELDS:  # getattr(..., None): right on any object, whichever it holds
            self.converted(line, f"{owner}.{name} -> getattr(..., None) (not on Mistral responses)")
            quote = "'" if self._quotes and self._quotes[-1] == '"' else '"'
            if self._quotes and quote in owner:
                self.todo(line, f"{owner}.{name} is not on Mistral responses: read it with getattr(..., None)")
                return updated
            return cst.parse_expression(f'getattr({owner}, {quote}{name}{quote}, None)')
        if self._reads_tool_calls_too(owner):
            # `if message.function_call: ... elif message.tool_calls: ...`: the code handles tool calls already;
            # reading them here too would take the legacy branch and skip the other (held-out review 19, Q1:
            # its tool_call was never bound). Mistral's message has no function_call: the branch goes dead
            self.converted(line, f"{owner}.function_call -> getattr(..., None) (Mistral answers tool_calls, which "
                                 "this code reads too)", "approximate")
            quote = "'" if self._quotes and self._quotes[-1] == '"' else '"'
            return cst.parse_expression(f'getattr({owner}, {quote}function_call{quote}, None)')
        if not _plain_path(updated.value):  # evaluated twice below: only names, attributes and literal indexes
            self.todo(line, f"{owner}.function_call: legacy functions became tools; read "
                            ".tool_calls[0].function instead")
            return updated
        self.converted(line, f"{owner}.function_call -> {owner}.tool_calls[0].function", "approximate")
        bound = self._bind_function_call(owner)
        if bound is not None:
            return cst.Name(bound)
        return cst.parse_expression(f"({owner}.tool_calls[0].function if {owner}.tool_calls else None)")

    def _reads_tool_calls_too(self, owner: str) -> bool:
        """Does the function (or module) around this read also read ``owner.tool_calls``?"""
        scope = next((node for node in reversed(self.statement_nodes)
                      if type(node) in (cst.FunctionDef, cst.ClassDef)), None) or self._module
        return scope is not None and f"{owner}.tool_calls" in code_of(scope)

    def visit_Module(self, node: cst.Module) -> None:
        self._module = node

    # -- legacy function_call reads: bind the first tool call once per statement ----------------------
    def _bind_function_call(self, owner: str):
        """The name that holds ``owner``'s first tool call's function, bound just above the outermost
        statement of this function that reads it and does not rebind ``owner``; None when no such
        statement can take a statement above it (an ``elif``)."""
        if "." in owner:
            return None
        name = f"{owner}_function_call"
        anchor = None
        for node in reversed(self.statement_nodes):
            if type(node) in (cst.FunctionDef, cst.ClassDef):
                break
            if owner in _bound_names(node) or name in self.facts.names_in_use:
                break
            anchor = node
        if anchor is None or id(anchor) in self._elifs or _reads_of(anchor, owner) < 2:
            return None  # one read: the inline expression is as clear as a binding
        self._bindings.setdefault(id(anchor), {})[owner] = name
        return name

    def visit_If(self, node: cst.If) -> None:
        if isinstance(node.orelse, cst.If):
            self._elifs.add(id(node.orelse))
        self._truth_tests.add(id(node.test))
        body = node.body.body if isinstance(node.body, cst.IndentedBlock) else ()
        if node.orelse is None and len(body) == 1 and isinstance(body[0], cst.SimpleStatementLine) and \
                len(body[0].body) == 1 and isinstance(body[0].body[0], cst.Continue):
            self._skips.add(id(node.test))  # `if content is None: continue`

    def visit_While(self, node: cst.While) -> None:
        self._truth_tests.add(id(node.test))

    def visit_IfExp(self, node: cst.IfExp) -> None:
        self._truth_tests.add(id(node.test))

    def visit_BooleanOperation(self, node: cst.BooleanOperation) -> None:
        if id(node) in self._truth_tests:  # `if a and msg.content is not None:`: its operands are tests too
            self._truth_tests.update({id(node.left), id(node.right)})

    def on_leave(self, original, updated):
        result = super().on_leave(original, updated)
        bindings = self._bindings.pop(id(original), None)
        if not bindings or not isinstance(result, cst.CSTNode):
            return result
        statements = [cst.parse_statement(f"{name} = {owner}.tool_calls[0].function if {owner}.tool_calls else None")
                      for owner, name in bindings.items()]
        statements[0] = statements[0].with_changes(leading_lines=result.leading_lines)
        return cst.FlattenSentinel([*statements, result.with_changes(leading_lines=[])])

    def _finish_reasons_in(self, updated: cst.Comparison, values: tuple, line: int) -> cst.BaseExpression:
        if any(FINISH_REASONS.get(v, ()) is None for v in values):
            gone = next(v for v in values if v in FINISH_REASONS and FINISH_REASONS[v] is None)
            self.todo(line, f'finish_reason "{gone}" does not exist on Mistral (it may report "error")')
            return updated
        mapped = list(dict.fromkeys(m for v in values for m in (FINISH_REASONS.get(v) or (v,))))
        if mapped == list(values):
            return updated
        container = updated.comparisons[0].comparator
        q = "'" if self._quotes and self._quotes[-1] == '"' else '"'
        quote = container.elements[0].value.quote if not self._quotes else q  # type: ignore[attr-defined]
        text = ", ".join(f"{quote}{m}{quote}" for m in mapped)
        new = {cst.Tuple: f"({text}{',' if len(mapped) == 1 else ''})", cst.List: f"[{text}]",
               cst.Set: "{" + text + "}"}[type(container)]
        self.converted(line, f"finish_reason in {values} -> in {tuple(mapped)}", "approximate")
        return updated.with_changes(comparisons=[updated.comparisons[0].with_changes(
            comparator=cst.parse_expression(new))])

    def leave_Comparison(self, original: cst.Comparison, updated: cst.Comparison) -> cst.BaseExpression:
        if id(original) not in self._lines or not self._finish_reasons or not self._converts(original):
            return updated
        line = self._lines[id(original)]
        none = _content_none_check(original, self.facts.delta_names)
        if none and id(original) in self._skips:
            # `if content is None: continue` skips the deltas without text: a truth test skips the same ones on
            # Mistral (its "" too), and the stream's end is not what it tests (re-review 45, B26)
            self.converted(line, "content is None -> a truth test (skipping the deltas without text)", "approximate")
            return cst.UnaryOperation(operator=cst.Not(), expression=updated.left, lpar=updated.lpar,
                                      rpar=updated.rpar)
        if none and (_delta_content(original.left) or isinstance(original.left, cst.Name)):
            # `chunk.choices[0].delta.content is None` in a stream: OpenAI's tool-call deltas and its empty last
            # chunk; Mistral has no such last chunk and opens with content "": neither the test nor a truth test
            # tells the end of the stream there (held-out review 42, V1: "[DONE]" after the first chunk). (`is not
            # None`, "is there text", becomes a truth test: the same on both)
            self.todo(line, f"{code_of(updated)}: OpenAI's stream ends with an empty delta (content None) and its "
                            "tool-call deltas carry None; Mistral's has no empty last chunk and sends \"\" where "
                            "there is no text: test chunk.choices[0].finish_reason for the end of the stream, "
                            "delta.tool_calls for tool calls")
            return updated
        if none is not None:  # `msg.content is None`: Mistral's tool-call replies carry content ""
            content = updated.left
            self.converted(line, f"content is {'' if none else 'not '}None -> a truth test (Mistral sends \"\" with "
                                 "tool calls)", "approximate")
            if none:
                return cst.UnaryOperation(operator=cst.Not(), expression=content, lpar=updated.lpar, rpar=updated.rpar)
            if id(original) in self._truth_tests:
                return content.with_changes(lpar=updated.lpar, rpar=updated.rpar) if updated.lpar else content
            return cst.Call(func=cst.Name("bool"), args=[cst.Arg(content)], lpar=updated.lpar, rpar=updated.rpar)
        value = _finish_reason_check(original)
        target = updated.comparisons[0]
        if isinstance(value, tuple):  # `in ("length", "stop")`: each value its Mistral ones
            return self._finish_reasons_in(updated, value, line)
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


def _bound_names(statement: cst.CSTNode) -> set[str]:
    """Names a statement (and what it holds) assigns: targets, for/with/except/import names."""
    found: set[str] = set()

    class Visitor(cst.CSTVisitor):
        def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
            found.update(n.value for n in _names(node.target))

        def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
            found.update(n.value for n in _names(node.target))

        def visit_AugAssign(self, node: cst.AugAssign) -> None:
            found.update(n.value for n in _names(node.target))

        def visit_For(self, node: cst.For) -> None:
            found.update(n.value for n in _names(node.target))

        def visit_AsName(self, node: cst.AsName) -> None:
            found.update(n.value for n in _names(node.name))

        def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
            found.update(n.value for n in _names(node.target))

        def visit_CompFor(self, node: cst.CompFor) -> None:
            found.update(n.value for n in _names(node.target))

    statement.visit(Visitor())
    return found


def _reads_of(statement: cst.CSTNode, owner: str) -> int:
    count = 0

    class Visitor(cst.CSTVisitor):
        def visit_Attribute(self, node: cst.Attribute) -> None:
            nonlocal count
            if node.attr.value == "function_call" and isinstance(node.value, cst.Name) and \
                    node.value.value == owner:
                count += 1

    statement.visit(Visitor())
    return count


def _names(node: cst.CSTNode) -> list:
    if isinstance(node, cst.Name):
        return [node]
    if isinstance(node, (cst.Tuple, cst.List)):
        return [n for e in node.elements for n in _names(e.value)]
    if isinstance(node, cst.StarredElement):
        return _names(node.value)
    return []


def _type_check_class(node: cst.Call, qualify) -> Optional[str]:
    """LibCST twin of ``codemods._facts.type_check_class``."""
    if isinstance(node.func, cst.Name) and node.func.value == "isinstance" and len(node.args) == 2 and \
            all(a.keyword is None and not a.star for a in node.args):
        return RESPONSE_TYPES.get(qualify(dotted(node.args[1].value)) or "")
    return None


def _content_none_check(node: cst.Comparison, delta_names: frozenset = frozenset()) -> Optional[bool]:
    """LibCST twin of ``codemods._facts.content_none_check``."""
    left = node.left.value if isinstance(node.left, cst.NamedExpr) else node.left
    if len(node.comparisons) != 1 or not (isinstance(left, cst.Attribute) and left.attr.value == "content"
                                          or _delta_content(left)
                                          or isinstance(left, cst.Name) and left.value in delta_names):
        return None
    operator, right = node.comparisons[0].operator, node.comparisons[0].comparator
    if not (isinstance(right, cst.Name) and right.value == "None"):
        return None
    return True if isinstance(operator, (cst.Is, cst.Equal)) else \
        False if isinstance(operator, (cst.IsNot, cst.NotEqual)) else None


def _delta_content(node: cst.BaseExpression) -> bool:
    """``chunk.choices[0].delta.content`` / ``delta.content`` / ``getattr(delta, "content", None)``: a stream delta's
    content."""
    if isinstance(node, cst.NamedExpr):
        node = node.value
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "getattr" and \
            len(node.args) >= 2 and isinstance(node.args[1].value, cst.SimpleString) and \
            node.args[1].value.evaluated_value == "content":
        owner = node.args[0].value
    else:
        owner = node.value if isinstance(node, cst.Attribute) and node.attr.value == "content" else None
    return isinstance(owner, cst.Attribute) and owner.attr.value == "delta" or \
        isinstance(owner, cst.Name) and owner.value == "delta"


def _finish_reason_check(node: cst.Comparison) -> "Optional[str | tuple]":
    """LibCST twin of ``codemods._facts.finish_reason_check``."""
    if len(node.comparisons) != 1 or not (isinstance(node.left, cst.Attribute) and
                                          node.left.attr.value == "finish_reason" or isinstance(node.left, cst.Name)):
        return None
    operator, right = node.comparisons[0].operator, node.comparisons[0].comparator
    if isinstance(operator, (cst.Equal, cst.NotEqual)) and isinstance(right, cst.SimpleString):
        value = right.evaluated_value
        return value if value in FINISH_REASONS else None
    if isinstance(operator, (cst.In, cst.NotIn)) and isinstance(right, (cst.Tuple, cst.List, cst.Set)) and \
            right.elements and all(isinstance(e, cst.Element) and isinstance(e.value, cst.SimpleString) and
                                   isinstance(e.value.evaluated_value, str) for e in right.elements):
        values = tuple(e.value.evaluated_value for e in right.elements)  # type: ignore[attr-defined]
        return values if any(v in FINISH_REASONS for v in values) else None
    return None


def _plain_path(node: cst.BaseExpression) -> bool:
    """``message`` / ``choice.message`` / ``response.choices[0].message``: a read that is safe to evaluate twice (no
    call; an index only a literal int). ``response.choices[0].message.function_call`` got a TODO and stayed, on a
    converted call's Mistral message, which has no function_call (held-out review 45, A8)."""
    while isinstance(node, (cst.Attribute, cst.Subscript)):
        if isinstance(node, cst.Subscript):
            if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index) or \
                    not isinstance(node.slice[0].slice.value, cst.Integer):
                return False
        node = node.value
    return isinstance(node, cst.Name)
