"""MIG110: ``client.responses.create(...)`` -> Mistral's ``responses.create(...)``; ``.output_text`` spelled out."""

from __future__ import annotations

import libcst as cst

from codemods._base import ApiCallTransformer, MigratorRule, code_of, finished, finish_elements
from codemods._facts import RGUARD, RTEXT
from migrator.mapping.responses import (ASYNC_METHOD, ASYNC_STREAM_FRAMES, CHAT_TEXT_PART, METHOD, OUTPUT_TEXT_CODE,
                                       OUTPUT_TEXT_HELPER, OUTPUT_TEXT_HELPER_CODE, PARSE_ASYNC_METHOD, PARSE_KWARGS,
                                       PARSE_METHOD, PARSE_ROLES, PARSE_TEXT_PARTS, PARSED_CODE, PINNED,
                                       RESPONSES_KWARGS, STREAM_FRAMES, UNSET_MODEL_FIELDS, VERBOSITY_TODO,
                                       parsed_output_owner)


class Responses(MigratorRule):
    """Converts OpenAI Responses API calls into Mistral's Responses API.

    **What it does.** On a client the conversion plan converts, ``x.responses.create(model=...,
    input=..., instructions=..., tools=[function tools], ...)`` keeps its name and keywords
    (``create_async`` on an async client), the model mapped like chat models; ``store=False`` is
    removed (Mistral pins it), ``extra_headers=`` becomes ``http_headers=``. Each
    ``response.output_text`` read of a converted call's result becomes
    ``"".join(part.text for item in response.output if item.type == "message" for part in
    item.content if part.type == "output_text")``, written once in a module helper ``_output_text(response)``
    added after the imports (inline where the module already uses that name): Mistral's response has the
    same ``output`` items
    (``message``, ``function_call`` with ``name`` / ``arguments`` / ``call_id``) but no
    ``output_text`` property. Output items can be appended to the next request's ``input`` as before.
    With ``stream=True`` (kept), the one ``for`` / ``async for`` loop over the stream (the call, or the
    name it is assigned to) iterates ``(frame.data for frame in stream)``: Mistral's stream yields
    frames whose ``.data`` is the event, with OpenAI's event types (``response.output_text.delta``, ...)
    and fields (``delta``, ``item``, ``arguments``, ``response``). A None test of a converted result's
    ``usage`` / ``error`` / ``incomplete_details`` (``if usage is not None:``, the read or a name bound to it)
    becomes a truth test (``if usage:``; ``bool(...)`` / ``not ...`` where the value is kept): mistralai gives
    ``Unset()``, not None, for one the body lacks or that fails validation, and ``Unset() is not None``.

    **Why.** mistralai 3.7 added ``client.responses`` with OpenAI's request and response shapes
    (api-mapping.md §7); what differs is state, tools, streaming and ``output_text``.

    **Fix safety.** approximate: another model answers.

    **Known limits (the client is kept, one TODO at its constructor).** ``previous_response_id`` /
    ``conversation`` / ``store=True`` / ``background`` (Mistral's Responses API is stateless),
    ``text=`` (mistralai 3.7 drops it from the request: a json_schema would not be enforced),
    a ``stream=True`` stream used other than by one loop reading the events' shared fields, built-in
    tools (web search, file search, ...), ``reasoning`` beyond ``effort``, ``include``, ``timeout`` and
    OpenAI-only options, ``**kwargs``, and a result used as a whole (returned, passed on) or read beyond
    the attributes both responses have.
    ``responses.parse(model, input, instructions, text_format, max_output_tokens)`` becomes
    ``chat.parse(model, messages, response_format, max_tokens)`` (Mistral's Responses API has no
    parse), its ``output_parsed`` read ``choices[0].message.parsed``, Responses text parts (``input_text``,
    ``output_text``) chat's ``text`` parts; one with tools, reasoning beyond ``effort``, Responses items or
    other content parts (``input_image``, ``input_file``) in ``input`` is kept. ``responses.stream`` / ``retrieve`` have no rule.

    **openai-compatible target.** Not listed as served by these providers through the OpenAI SDK:
    the client stays on OpenAI, with the plan's TODO.
    """

    CODE = "MIG110"
    NAME = "responses"
    SAFETY = "approximate"
    DESCRIPTION = "responses.create -> Mistral's responses.create (stateless, function tools); .output_text spelled out"
    BEFORE = ('from openai import OpenAI\n\nclient = OpenAI()\n'
              'response = client.responses.create(model="gpt-4o", input="Hi", store=False)\n'
              'print(response.output_text)\n')
    AFTER = ('from openai import OpenAI\n\n\ndef _output_text(response) -> str:\n'
             '    """The text of a Responses API result (OpenAI\'s output_text; Mistral\'s response has no such '
             'property)."""\n'
             '    return "".join(\n'
             '        part.text for item in response.output if item.type == "message"\n'
             '        for part in item.content if part.type == "output_text"\n'
             '    )\n\n\n'
             'client = OpenAI()\n'
             'response = client.responses.create(model="mistral-large-latest", input="Hi")\n'
             'print(_output_text(response))\n')

    def make_transformer(self, facts):
        return _Transformer(self, facts)


class _Transformer(ApiCallTransformer):
    def matches(self, node: cst.Call) -> bool:
        return _responses_call(node)

    # -- stream=True: the one loop over the stream reads each frame's event (the plan checked it) ----
    def leave_For(self, original: cst.For, updated: cst.For) -> cst.For:
        if not self.statement_stack or self.statement_stack[-1] not in self.facts.stream_loops:
            return updated
        stream = updated.iter
        frames = ASYNC_STREAM_FRAMES if updated.asynchronous is not None else STREAM_FRAMES
        shown = code_of(stream.with_changes(lpar=[], rpar=[]) if isinstance(stream, cst.Await) else stream)
        self.changed = True
        return updated.with_changes(iter=cst.parse_expression(frames.format(stream=shown)))

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value in ("output_text", "output_parsed") or \
                node.attr.value == "parsed" and parsed_output_owner(node) is not None:
            self.mark_site(node, RTEXT)

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.BaseExpression:
        answer = self.answer_for(original)
        if not (answer and answer[0] == "rtext" and answer[1]) or not isinstance(updated, cst.Attribute):
            return updated
        owner = updated.value
        if updated.attr.value == "parsed":  # `r.output[0].content[0].parsed`: the parsed object (148, Y6)
            owner = parsed_output_owner(updated)
            if owner is None:
                return updated
        code = code_of(owner)
        if not isinstance(owner, (cst.Name, cst.Attribute, cst.Call, cst.Subscript)) and not owner.lpar:
            code = f"({code})"  # `(await client.responses.create(...)).output_text`
        if updated.attr.value in ("output_parsed", "parsed"):
            return cst.parse_expression(PARSED_CODE.format(response=code))
        if OUTPUT_TEXT_HELPER in self.facts.names_in_use:  # the module has a name of its own like it
            return cst.parse_expression(OUTPUT_TEXT_CODE.format(response=code))
        self.need_statement(OUTPUT_TEXT_HELPER_CODE)
        return cst.Call(func=cst.Name(OUTPUT_TEXT_HELPER), args=[cst.Arg(value=owner.with_changes(lpar=[], rpar=[])
                                                                          if owner.lpar else owner)])

    # -- `r.usage is not None`: Mistral's absent usage is a falsy Unset(), not None (the plan traced the read) ----
    def visit_Comparison(self, node: cst.Comparison) -> None:
        if self.facts.reads_responses and _unset_guard(node):
            self.mark_site(node, RGUARD)

    def leave_Comparison(self, original: cst.Comparison, updated: cst.Comparison) -> cst.BaseExpression:
        answer = self.answer_for(original)
        if not (answer and answer[0] == "rguard") or len(updated.comparisons) != 1:
            return updated
        value = updated.left
        self.changed = True
        if isinstance(updated.comparisons[0].operator, cst.Is):  # `x is None` -> `not x`
            value = cst.UnaryOperation(operator=cst.Not(), expression=value)
        elif answer[1] != "test":  # `x is not None` -> `bool(x)` where the value is kept
            value = cst.Call(func=cst.Name("bool"), args=[cst.Arg(value=value.with_changes(lpar=[], rpar=[]))])
        return value.with_changes(lpar=updated.lpar, rpar=updated.rpar) if updated.lpar else value

    def leave_UnaryOperation(self, original: cst.UnaryOperation, updated: cst.UnaryOperation) -> cst.BaseExpression:
        """``not (r.usage is None)``: ``r.usage`` (``bool(r.usage)`` as a value), not ``not (not r.usage)``; ``not
        (r.usage is not None)``: ``not r.usage``."""
        inner = original.expression
        answer = self.answer_for(inner) if isinstance(inner, cst.Comparison) else None
        if not (answer and answer[0] == "rguard" and isinstance(updated.operator, cst.Not)) or \
                len(inner.comparisons) != 1:  # type: ignore[union-attr]
            return updated
        value = updated.expression
        if isinstance(value, cst.UnaryOperation) and isinstance(inner.comparisons[0].operator, cst.Is):  # type: ignore
            value = value.expression
            if answer[1] != "test":
                value = cst.Call(func=cst.Name("bool"), args=[cst.Arg(value=value.with_changes(lpar=[], rpar=[]))])
            return value.with_changes(lpar=updated.lpar, rpar=updated.rpar) if updated.lpar else value
        if isinstance(value, (cst.Name, cst.Attribute)) and value.lpar:
            return updated.with_changes(expression=value.with_changes(lpar=[], rpar=[]))
        return updated

    def visit_Call(self, node: cst.Call) -> None:
        if _output_text_getattr(node):
            self.mark_site(node, RTEXT)
        super().visit_Call(node)

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        if _output_text_getattr(original):
            # `getattr(response, "output_text", "")` of a converted call: Mistral's response has no such attribute, so
            # the default would stand in for every answer (held-out review 109, Y6 / X10)
            answer = self.answer_for(original)
            if not (answer and answer[0] == "rtext" and answer[1]):
                return updated
            owner = updated.args[0].value
            if OUTPUT_TEXT_HELPER in self.facts.names_in_use:
                code = code_of(owner)
                return cst.parse_expression(OUTPUT_TEXT_CODE.format(
                    response=code if isinstance(owner, (cst.Name, cst.Attribute, cst.Call, cst.Subscript)) else f"({code})"))
            self.need_statement(OUTPUT_TEXT_HELPER_CODE)
            return cst.Call(func=cst.Name(OUTPUT_TEXT_HELPER), args=[cst.Arg(value=owner)])
        parse = isinstance(original.func, cst.Attribute) and original.func.attr.value == "parse"
        # (held-out review 85, X6: "takes the same request" beside a blocker of that request, and chat.parse said of
        # a create call)
        found = self.converting(original, updated, "convert this responses call by hand (responses.parse becomes "
                                "chat.parse)" if parse else "convert this responses call by hand (Mistral's "
                                "responses.create takes the rest of the request, is stateless, and its response has "
                                "no .output_text)")
        if found is None:
            return updated
        line, is_async, receiver = found
        if updated.func.attr.value == "parse":  # type: ignore[attr-defined]
            return self._parse(updated, receiver, is_async, line)
        args: list[cst.Arg] = []
        for arg in updated.args:
            name = arg.keyword.value  # the plan converts keyword-only calls
            if name in PINNED:
                continue  # the plan checked it holds Mistral's pinned value
            if name == "text":  # (the plan converts only a verbosity-only text=, or the default text format)
                if "verbosity" in code_of(arg.value):
                    self.todo(line, VERBOSITY_TODO.format(code=code_of(arg.value)))
                continue
            if name == "model":
                arg = arg.with_changes(value=self.mapped_model(arg.value, line))
            elif name == "input" and isinstance(arg.value, cst.List):
                arg = arg.with_changes(value=_typed_messages(arg.value))
            args.append(arg.with_changes(keyword=cst.Name(RESPONSES_KWARGS.get(name, name))))
        group, method = (ASYNC_METHOD if is_async else METHOD).split(".")
        func = cst.Attribute(value=cst.Attribute(value=receiver, attr=cst.Name(group)), attr=cst.Name(method))
        streamed = any(a.keyword.value == "stream" and isinstance(a.value, cst.Name) and  # type: ignore[union-attr]
                       a.value.value == "True" for a in updated.args)
        self.converted(line, f"{code_of(updated.func)}(...) -> {code_of(func)}(...) on Mistral's (stateless) "
                             "Responses API" + (" (its loop reads each frame's .data: the same events)"
                                                if streamed else ""), "approximate")
        return finished(updated, args, func=func)

    def _parse(self, updated: cst.Call, receiver: cst.BaseExpression, is_async: bool, line: int) -> cst.Call:
        """``responses.parse(model, input, instructions, text_format, ...)`` -> ``chat.parse(model,
        messages=[...], response_format, ...)``: Mistral's Responses API has no parse (and drops text=)."""
        instructions = next((a.value for a in updated.args if a.keyword.value == "instructions"), None)  # type: ignore
        args: list[cst.Arg] = []
        for arg in updated.args:
            name = arg.keyword.value  # type: ignore[union-attr]
            if name in PINNED or name == "instructions":
                continue
            value = arg.value
            if name == "model":
                value = self.mapped_model(value, line)
            elif name == "input":
                value = _chat_messages(value, instructions)
            elif name == "reasoning" and isinstance(value, cst.Dict) and len(value.elements) == 1 and \
                    isinstance(value.elements[0], cst.DictElement):
                value = value.elements[0].value  # {"effort": "medium"} -> "medium" (the plan checked its shape)
                self.todo(line, f"reasoning= became reasoning_effort={code_of(value)}: check that the model takes it "
                                "(Mistral's reasoning models do; another may reject or ignore it)")
            args.append(arg.with_changes(keyword=cst.Name(PARSE_KWARGS[name]), value=value))
        group, method = (PARSE_ASYNC_METHOD if is_async else PARSE_METHOD).split(".")
        func = cst.Attribute(value=cst.Attribute(value=receiver, attr=cst.Name(group)), attr=cst.Name(method))
        self.converted(line, f"{code_of(updated.func)}(text_format=...) -> {code_of(func)}(response_format=...): "
                             "Mistral's Responses API has no parse; input/instructions become chat messages, "
                             ".output_parsed becomes .choices[0].message.parsed", "approximate")
        return finished(updated, args, func=func)


def _chat_messages(value: cst.BaseExpression, instructions) -> cst.BaseExpression:
    """``input=`` of a converted ``responses.parse`` as chat ``messages=``: role/content items as they
    are (``developer`` -> ``system``), text as one user message; ``instructions`` first, as the system
    message."""
    system = (cst.parse_expression(f'{{"role": "system", "content": {code_of(instructions)}}}')
              if instructions is not None else None)
    if not isinstance(value, (cst.List, cst.Tuple)):
        items = ([f'{{"role": "system", "content": {code_of(instructions)}}}'] if instructions is not None else [])
        items.append(f'{{"role": "user", "content": {code_of(value)}}}')
        return cst.parse_expression("[" + ", ".join(items) + "]")
    elements = []
    for element in value.elements:
        item = element.value
        if isinstance(item, cst.Dict):
            item = item.with_changes(elements=[
                e.with_changes(value=e.value.with_changes(
                    value=f"{e.value.quote}{PARSE_ROLES[e.value.evaluated_value]}{e.value.quote}"))
                if _keyed(e, "role") and isinstance(e.value, cst.SimpleString)
                and e.value.evaluated_value in PARSE_ROLES else
                e.with_changes(value=_text_parts(e.value)) if _keyed(e, "content") else e
                for e in item.elements])
        elements.append(element.with_changes(value=item))
    if system is not None:
        first = value.elements[0] if value.elements else None
        comma = first.comma if first is not None and isinstance(first.comma, cst.Comma) else \
            cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        elements.insert(0, cst.Element(value=system, comma=comma))
    return cst.List(elements=elements, lbracket=getattr(value, "lbracket", cst.LeftSquareBracket()),
                    rbracket=getattr(value, "rbracket", cst.RightSquareBracket()))


def _keyed(element, key: str) -> bool:
    return isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString) and \
        element.key.evaluated_value == key


def _text_parts(content: cst.BaseExpression) -> cst.BaseExpression:
    """A literal list of Responses text parts (``{"type": "input_text", "text": ...}``) as chat's text parts (``"type":
    "text"``); the plan converts no other list (held-out review 69, Y1)."""
    if not isinstance(content, (cst.List, cst.Tuple)):
        return content
    parts = []
    for element in content.elements:
        part = element.value
        if isinstance(part, cst.Dict):
            part = part.with_changes(elements=[
                e.with_changes(value=e.value.with_changes(value=f"{e.value.quote}{CHAT_TEXT_PART}{e.value.quote}"))
                if _keyed(e, "type") and isinstance(e.value, cst.SimpleString) and
                e.value.evaluated_value in PARSE_TEXT_PARTS else e for e in part.elements])
        parts.append(element.with_changes(value=part))
    return content.with_changes(elements=parts)


def _typed_messages(items: cst.List) -> cst.List:
    """``{"role": ..., "content": ...}`` items of a literal ``input=`` list get ``"type": "message"``:
    mistralai 3.7's TypedDict declares ``type`` required (its pydantic model and both APIs do not
    need it), so a type checker would reject the list without it."""
    elements = []
    for element in items.elements:
        value = element.value
        if isinstance(element, cst.Element) and isinstance(value, cst.Dict):
            keys = [e.key.evaluated_value for e in value.elements
                    if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)]
            if "role" in keys and "type" not in keys and len(keys) == len(value.elements):
                quote = value.elements[0].key.quote  # type: ignore[union-attr]
                extra = cst.DictElement(key=cst.SimpleString(f"{quote}type{quote}"),
                                        value=cst.SimpleString(f"{quote}message{quote}"))
                element = element.with_changes(value=value.with_changes(
                    elements=finish_elements(value.elements, [*value.elements, extra])))
        elements.append(element)
    return items.with_changes(elements=elements)


def _unset_guard(node: cst.Comparison) -> bool:
    """``x.usage is (not) None`` / ``name is (not) None``: codemods._facts.unset_guard, on LibCST's tree."""
    left = node.left
    return len(node.comparisons) == 1 and isinstance(node.comparisons[0].operator, (cst.Is, cst.IsNot)) and \
        isinstance(node.comparisons[0].comparator, cst.Name) and node.comparisons[0].comparator.value == "None" and \
        (isinstance(left, cst.Name) or isinstance(left, cst.Attribute) and left.attr.value in UNSET_MODEL_FIELDS)


def _responses_call(node: cst.Call) -> bool:
    func = node.func
    return (isinstance(func, cst.Attribute) and func.attr.value in ("create", "parse")
            and isinstance(func.value, cst.Attribute) and func.value.attr.value == "responses")


def _output_text_getattr(node: cst.Call) -> bool:
    """``getattr(response, "output_text"[, default])`` (twin of migrator.mapping.responses.output_text_getattr)."""
    return isinstance(node.func, cst.Name) and node.func.value == "getattr" and len(node.args) in (2, 3) and \
        all(arg.keyword is None and not arg.star for arg in node.args) and \
        isinstance(node.args[1].value, cst.SimpleString) and node.args[1].value.evaluated_value == "output_text"
