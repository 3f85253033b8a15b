"""MIG104: chat message and content-part literals -> their Mistral form."""

from __future__ import annotations

import libcst as cst

from codemods._base import MigratorRule, RuleTransformer
from codemods._facts import BUILT, MSG, message_change
from codemods.chat_completions import render_literal
from migrator.mapping.responses import INPUT_IMAGE_DETAIL
from migrator.mapping.chat import EMPTY_TOOL_PARAMETERS, MESSAGE_ROLES
from migrator.mapping.messages import FEW_SHOT_NAMES, mistral_tool_call_id


def _string(node: cst.BaseExpression) -> object:
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        return node.evaluated_value
    return ...


def _tool_lacks_parameters(node: cst.Dict, in_list: bool = True) -> bool:
    """LibCST twin of ``codemods._facts.tool_lacks_parameters``."""
    if not isinstance(node, cst.Dict) or any(not isinstance(e, cst.DictElement) for e in node.elements):
        return False
    keys = _dict_constants(node)
    if keys.get("type") != "function" or "id" in keys:
        return False
    inner = next((e.value for e in node.elements if _string(e.key) == "function"), None)
    if not isinstance(inner, cst.Dict) or any(not isinstance(e, cst.DictElement) for e in inner.elements):
        return False
    named = _dict_constants(inner)
    return "name" in named and "parameters" not in named and "arguments" not in named and \
        (in_list or "description" in named)


def _dict_constants(node: cst.Dict) -> dict[str, object]:
    """LibCST twin of ``codemods._facts._dict_constants``."""
    out: dict[str, object] = {}
    for element in node.elements:
        if isinstance(element, cst.DictElement):
            key = _string(element.key)
            if isinstance(key, str):  # non-strings never decide a message change; f-strings are built ids
                out[key] = BUILT if isinstance(element.value, (cst.FormattedString, cst.Call)) else \
                    _string(element.value)
    return out


def _system(value: cst.SimpleString) -> cst.SimpleString:
    return value.with_changes(value=f"{value.quote}system{value.quote}")


class ChatMessages(MigratorRule):
    """Rewrites chat message literals that Mistral reads differently.

    **What it does.** In modules that use OpenAI, a dict literal ``{"role": "developer", ...}``
    becomes ``{"role": "system", ...}`` (so does ``role="developer"`` as the default of a function's ``role`` parameter
    that the function makes a message's role, and given to such a function or to ``dict(...)``, where the messages
    reach converted chat calls: ``add_message(prompt, role="developer")``, by position too; and so does a name the
    module binds to it and reads as a message's role: ``SYSTEM_ROLE = "developer"``, ``"developer" if o1 else
    "system"``); content parts ``{"type": "input_audio",
    "input_audio": {"data": X, "format": ...}}`` become ``{"type": "input_audio", "input_audio": X}`` and
    ``{"type": "file", "file": {"file_id": X}}`` becomes ``{"type": "file", "file_id": X}``; a legacy
    function result that names the tool call it answers (``{"role": "function", "tool_call_id": ...}``)
    becomes a ``tool`` message, with a TODO: Mistral also needs the assistant turn holding that call
    earlier in the history (one without the id keeps the client: migrator.plan). A
    ``name`` on a user, assistant or system message gets a TODO (on a system message named ``example_user`` /
    ``example_assistant``, OpenAI's few-shot idiom, it says to write the example as a user / assistant turn).
    Tool-call ids the app writes as literals (an assistant
    message's ``tool_calls[i]["id"]``, a tool result's ``tool_call_id``) become 9 letters and digits,
    the same old id always the same new one. A Responses API image part without ``"detail"``
    (``{"type": "input_image", "image_url": ...}``) gets ``"detail": "auto"``, OpenAI's default, in a
    module whose Responses calls convert (wherever it is built: the part is often returned by a helper).

    **Why.** mistralai rejects the ``developer`` role client-side, drops ``name`` on user, assistant
    and system messages silently, and wraps unknown content parts as ``UNKNOWN`` chunks without an error
    (api-mapping.md §2.3); Mistral's API answers other tool-call ids with a 400; mistralai 3.7's
    Responses request model requires an input image's ``detail`` (a ValidationError before sending).

    **Fix safety.** exact for roles and file parts; approximate for audio (Mistral takes the base64
    string without the format).

    **Known limits.** Only literals are rewritten; messages built at run time (``dict(role=...)``,
    histories loaded from storage) are not — the parity harness translates those when replaying.

    **openai-compatible target.** Applied for ``--provider mistral`` only (Mistral's API reads the
    same message shapes as its SDK); OpenAI-protocol providers take OpenAI's roles and parts.
    """

    CODE = "MIG104"
    NAME = "chat-messages"
    SAFETY = "approximate"
    DESCRIPTION = ("developer role -> system; audio/file content parts reshaped; literal tool-call ids -> Mistral's "
                   "shape; name on user / assistant / system messages flagged; Responses image parts get detail; "
                   "tools without parameters get an empty schema")
    BEFORE = 'messages = [{"role": "developer", "content": "Be brief."}]\n'
    AFTER = 'messages = [{"role": "system", "content": "Be brief."}]\n'

    def make_transformer(self, facts):
        return _Transformer(self, facts)


class _Transformer(RuleTransformer):
    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        """``add_message(prompt, role="developer")`` in a module whose messages reach converted chat calls (the plan's
        developer_roles): the role a helper puts in its message dict is Mistral's system (held-out review 68, X1).
        Only given to ``dict(...)`` or to a function of the tree that makes it a message's role (the plan's
        role_functions: an access-control ``add_member(user, role="developer")`` is no message, review 70, X3)."""
        if not isinstance(updated, cst.Call) or not updated.args:
            return updated  # (an earlier rule made it something else: `(await c).text`, `x or y`)
        func = updated.func
        callee = func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) else ""
        view = self.facts.view
        if not (callee == "dict" or view is not None and callee in view.role_functions):
            return updated
        args = list(updated.args)
        # (the role given by position too: `to_message("developer", text)`, held-out review 127, X1)
        at = view.role_positions.get(callee) if view is not None and not any(a.star for a in args) else None
        for index, arg in enumerate(args):
            if (arg.keyword is not None and arg.keyword.value == "role" or arg.keyword is None and index == at) and \
                    self._developer(arg.value):
                self.converted(self.current_line(), 'role="developer" -> role="system" (a message built from it '
                                                    "reaches converted chat calls; Mistral has no developer role)")
                args[index] = arg.with_changes(value=_system(arg.value))
        return updated.with_changes(args=args) if args != list(updated.args) else updated

    def leave_Assign(self, original: cst.Assign, updated: cst.Assign) -> cst.Assign:
        """``SYSTEM_ROLE = "developer"`` (or ``"developer" if reasoning else "system"``) where the module reads the name
        as a message's role (the plan's role_names): Mistral's system role (held-out review 127, X1)."""
        view = self.facts.view
        target = updated.targets[0].target if len(updated.targets) == 1 else None
        if view is None or not isinstance(target, cst.Name) or target.value not in view.role_names:
            return updated
        value = self._system_role(updated.value)
        if value is not updated.value:
            self.converted(self.current_line(), f'{target.value} = "developer" -> "system" (read as the role of '
                                                "messages converted chat calls may send; Mistral has no developer "
                                                "role)")
            return updated.with_changes(value=value)
        return updated

    def _system_role(self, value: cst.BaseExpression) -> cst.BaseExpression:
        if isinstance(value, cst.IfExp):
            body, orelse = self._system_role(value.body), self._system_role(value.orelse)
            if body is value.body and orelse is value.orelse:
                return value
            same = all(isinstance(v, cst.SimpleString) and v.evaluated_value == "system" for v in (body, orelse))
            # (not `"system" if o1 else "system"`)
            return body if same else value.with_changes(body=body, orelse=orelse)
        return _system(value) if self._developer(value) else value

    def leave_Param(self, original: cst.Param, updated: cst.Param) -> cst.Param:
        view = self.facts.view
        if updated.name.value == "role" and updated.default is not None and self._developer(updated.default) and \
                self.path and view is not None and self.path[-1] in view.role_functions:
            self.converted(self.current_line(), 'role="developer" (a parameter\'s default) -> "system"')
            return updated.with_changes(default=_system(updated.default))
        return updated

    def _developer(self, value: cst.BaseExpression) -> bool:
        view = self.facts.view
        return isinstance(value, cst.SimpleString) and value.evaluated_value == "developer" and view is not None \
            and view.developer_roles and (self.config.endpoint() is None or
                                          self.config.endpoint().spec.protocol == "mistral")

    def visit_List(self, node: cst.List) -> None:
        self.__dict__.setdefault("_listed", set()).update(id(e.value) for e in node.elements)

    def visit_Dict(self, node: cst.Dict) -> None:
        if message_change(_dict_constants(node)) or \
                _tool_lacks_parameters(node, id(node) in self.__dict__.get("_listed", ())):
            self.mark_site(node, MSG)

    def leave_Dict(self, original: cst.Dict, updated: cst.Dict) -> cst.BaseExpression:
        """Message and content-part literals Mistral reads differently (api-mapping.md §2.3), where
        the plan found they only reach converted chat calls."""
        change = message_change(_dict_constants(original)) or ("parameters" if _tool_lacks_parameters(
            original, id(original) in self.__dict__.get("_listed", ())) else None)
        answer = self.answer_for(original)
        if change is None or not (answer and answer[0] == "msg" and answer[1]):
            return updated
        endpoint = self.config.endpoint()
        if endpoint is not None and endpoint.spec.protocol != "mistral":
            return updated  # an OpenAI-protocol server takes OpenAI's roles and content parts
        line = self._lines.get(id(original), 0)
        elements = list(updated.elements)
        if change == "parameters":  # a tool without parameters: mistralai requires them (§6.1, H8)
            for index, element in enumerate(elements):
                if isinstance(element, cst.DictElement) and _string(element.key) == "function" and \
                        isinstance(element.value, cst.Dict):
                    inner = element.value
                    quote = getattr(element.key, "quote", '"')
                    schema = cst.parse_expression(render_literal(dict(EMPTY_TOOL_PARAMETERS), quote))
                    last = inner.elements[-1] if inner.elements else None
                    spaced = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
                    if len(inner.elements) >= 2 and isinstance(inner.elements[-2].comma, cst.Comma) and \
                            isinstance(last.comma, cst.Comma):
                        spaced = inner.elements[-2].comma  # one element a line: the new one on a line of its own
                    head = [*inner.elements[:-1], last.with_changes(comma=spaced)] if last is not None else []
                    added = cst.DictElement(cst.SimpleString(f"{quote}parameters{quote}"), schema,
                                            comma=last.comma if last is not None and
                                            not isinstance(last.comma, cst.MaybeSentinel) else cst.MaybeSentinel.DEFAULT)
                    elements[index] = element.with_changes(value=inner.with_changes(elements=[*head, added]))
                    self.converted(line, f'tool without "parameters" -> "parameters": {render_literal(dict(EMPTY_TOOL_PARAMETERS))} '
                                         "(Mistral requires them)")
            return updated.with_changes(elements=elements)
        if change in ("role", "function_tool"):  # developer -> system; a function result naming its call -> tool
            for index, element in enumerate(elements):
                if isinstance(element, cst.DictElement) and _string(element.key) == "role":
                    old, quote = _string(element.value), getattr(element.value, "quote", '"')
                    new = MESSAGE_ROLES[old] if change == "role" else "tool"
                    elements[index] = element.with_changes(value=cst.SimpleString(f"{quote}{new}{quote}"))
                    self.converted(line, f"message role {old!r} -> {new!r}" + (
                        " (a legacy function result with its tool_call_id: a tool message)" if old == "function" else ""))
            if change == "function_tool":
                self.todo(line, "this is now a tool message: Mistral answers it with a 400 unless the assistant "
                                "message holding that tool call (message.tool_calls) comes earlier in the history, "
                                "which OpenAI's function role did not need; append the assistant turn before the "
                                "results if the code does not")
            return updated.with_changes(elements=elements)
        if change == "input_image":
            at = next(i for i, element in enumerate(elements)
                      if isinstance(element, cst.DictElement) and _string(element.key) == "type")
            if any(not isinstance(element, cst.DictElement) for element in elements[:at]):
                at = -1  # a **splat before "type" may set detail: ours goes first, so that it still wins
            kind = elements[at] if at >= 0 else elements[0]
            quote = getattr(kind.key, "quote", '"') if at >= 0 else '"'
            detail = cst.DictElement(cst.SimpleString(f"{quote}detail{quote}"),
                                     cst.SimpleString(f"{quote}{INPUT_IMAGE_DETAIL}{quote}"),
                                     comma=kind.comma if isinstance(kind.comma, cst.Comma) else
                                     cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            if at >= 0 and not isinstance(kind.comma, cst.Comma):  # "type" was last: it gets a comma now
                elements[at] = kind.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
                detail = detail.with_changes(comma=cst.MaybeSentinel.DEFAULT)
            elements.insert(at + 1, detail)
            self.converted(line, f'input_image part: "detail": "{INPUT_IMAGE_DETAIL}" added '
                                 "(OpenAI's default; Mistral requires it)")
            return updated.with_changes(elements=elements)
        if change == "function":
            self.todo(line, 'legacy {"role": "function"} result: Mistral needs {"role": "tool", "tool_call_id": '
                            '<id of the tool call it answers>, "name": ..., "content": ...}')
            return updated
        if change in ("tool_call_id", "call_id"):
            key = "tool_call_id" if change == "tool_call_id" else "id"
            for index, element in enumerate(elements):
                if isinstance(element, cst.DictElement) and _string(element.key) == key:
                    old = _string(element.value)
                    new = mistral_tool_call_id(old)
                    quote = element.value.quote if isinstance(element.value, cst.SimpleString) and \
                        element.value.quote in ("'", '"') else '"'
                    elements[index] = element.with_changes(value=cst.SimpleString(f"{quote}{new}{quote}"))
                    self.converted(line, f"tool-call id {old!r} -> {new!r} (Mistral takes 9 letters and digits; "
                                         "the same id always maps to the same one)", "approximate")
            return updated.with_changes(elements=elements)
        if change == "built_call_id":
            self.todo(line, "tool-call id built here: Mistral takes ids of exactly 9 letters and digits (a 400 "
                            "otherwise); build it in that shape, e.g. uuid.uuid4().hex[:9]")
            return updated
        if change == "name":
            keys = _dict_constants(updated)
            role = keys.get("role")
            what = "a user message" if role == "user" else "an assistant message" if role == "assistant" else \
                "a system message" if role == "system" else \
                "a message whose role is computed (Mistral keeps a name on tool results only)"
            if role == "system" and keys.get("name") in FEW_SHOT_NAMES:
                self.todo(line, f"name on {what}: Mistral drops it silently; OpenAI's few-shot \"example_user\" / "
                                "\"example_assistant\" system messages become bare instructions: write each example as "
                                "a user / assistant turn")
            else:
                self.todo(line, f"name on {what}: Mistral drops it silently; put it in the content "
                                "if the model needs it")
            return updated
        # content parts: the nested object becomes a plain value (input_audio) or a flat key (file)
        inner_key, flat = ("input_audio", "data") if change == "input_audio" else ("file", "file_id")
        for index, element in enumerate(elements):
            if (isinstance(element, cst.DictElement) and _string(element.key) == inner_key
                    and isinstance(element.value, cst.Dict)):
                nested = {_string(e.key): e for e in element.value.elements if isinstance(e, cst.DictElement)}
                if flat in nested:
                    value = nested[flat].value
                    if change == "input_audio":
                        elements[index] = element.with_changes(value=value)
                    else:
                        elements[index] = element.with_changes(key=cst.SimpleString('"file_id"'), value=value)
                    self.converted(line, f"{change} content part -> Mistral's form", "approximate"
                                   if change == "input_audio" else "exact")
                    return updated.with_changes(elements=elements)
        self.todo(line, f"{change} content part: Mistral expects "
                        + ("input_audio as a base64 string" if change == "input_audio" else "a file_id")
                        + "; the SDK would send this as an UNKNOWN chunk")
        return updated
