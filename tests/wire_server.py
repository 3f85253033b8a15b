"""Loopback HTTP server that speaks the OpenAI and the Mistral wire protocols, for tests.

The real SDKs (``openai``, ``mistralai``) are the clients in our tests, over real sockets. This
module is the other end: a stdlib-only ``ThreadingHTTPServer`` (HTTP/1.1 keep-alive, chunked SSE)
running in a background thread on ``127.0.0.1`` and a free port. Nothing here reaches the internet.

Quick start::

    from wire_server import WireServer

    with WireServer("mistral") as srv:
        client = Mistral(api_key="test-key-not-secret", server_url=srv.mistral_server_url)
        reply = client.chat.complete(model="mistral-small-latest", random_seed=7, max_tokens=5,
                                     messages=[{"role": "user", "content": "hi"}])
        reply.choices[0].message.content     # -> 'echo(max_tokens=5,seed=7): hi'
    with WireServer("openai") as srv:
        OpenAI(api_key="k", base_url=srv.openai_base_url)  # with /v1; server_url has none

As a process (for demo apps and benchmarks)::

    python tests/wire_server.py --personality mistral [--port 0] [--latency 0.1]

prints its URL (``http://127.0.0.1:PORT``) on one line and serves until killed (SIGTERM/SIGINT).

Endpoints
---------
``POST /v1/chat/completions`` (JSON, or SSE when ``"stream": true``), ``POST /v1/embeddings``, ``POST /v1/moderations``,
``POST /v1/completions`` (OpenAI) / ``POST /v1/fim/completions`` (Mistral, codestral models; JSON only:
the reply is the chat reply to ``prompt<FILL>suffix``), ``POST /v1/responses`` (JSON, or with ``stream``
the Responses events of that answer, see ``response_events``; the reply is the chat reply to the request it
stands for, see
``responses_chat_body``), ``POST /v1/audio/transcriptions`` (multipart; the transcript names the file heard, see
``transcription``), ``POST /v1/audio/speech`` (OpenAI: the audio bytes; Mistral: ``{"audio_data": <base64>}``;
the same audio from the text either way, see ``speech``), ``GET /v1/models``. Files and batches, as each SDK calls them: ``POST /v1/files``
(multipart upload), ``GET`` / ``DELETE /v1/files/{id}``, ``GET /v1/files/{id}/content``; Mistral's
``POST /v1/batch/jobs``, OpenAI's ``POST /v1/batches`` (run the whole batch at once with the same replies
as the live endpoint; per line ``{"custom_id", "response": {"status_code", "body"}, "error"}``, failures
in the error file; a line of the other API's shape is a failure), ``GET /v1/batch/jobs/{id}`` /
``GET /v1/batches/{id}`` (``RUNNING`` / ``in_progress`` for ``srv.batch_polls_until_done`` polls, then
``SUCCESS`` / ``completed`` with the output file) and ``.../cancel``. Anything else is a 404 with the personality's error body. Every request needs
``Authorization: Bearer <non-empty>``, else 401. Received requests are recorded in
``server.requests`` as ``RecordedRequest(method, path, headers, body)`` (headers lower-cased, body
parsed JSON or None); the Authorization header is recorded there and never logged.

Replies: a pure function of the request
---------------------------------------
A reply depends only on the last user message text and the *normalized* sampling parameters, never
on the personality or the model name, so the same program converted from OpenAI to Mistral prints
the same thing only if the codemod mapped the parameters correctly. Normalization:

=====================================================  ================================
sent                                                   echoed as
=====================================================  ================================
``seed`` (OpenAI) / ``random_seed`` (Mistral)          ``seed``
``max_completion_tokens`` / ``max_tokens``             ``max_tokens``
``temperature``, ``top_p``, ``n``, ``presence_penalty``,  same name
``frequency_penalty``, ``parallel_tool_calls``
``stop`` (str or list)                                 ``stop`` (always a list)
``response_format``                                    its ``type`` only
``tool_choice`` / legacy ``function_call``             ``auto``, ``none``, ``required`` (also for
                                                       Mistral ``any``), or ``function:NAME``
=====================================================  ================================

Only parameters that were sent (and not null) are echoed, sorted by name; numbers print
canonically (``1`` and ``1.0`` both print ``1``). Text replies look like::

    echo: <last user text>                                     # no parameters sent
    echo(max_tokens=50,seed=7,temperature=0.2): <last user text>
    tool result(seed=7): <content of the trailing tool message(s), joined by "; ">

The parameters come first so that ``max_tokens`` truncation keeps them visible.

* ``stop`` cuts the echoed text (the part after ``": "``) before the first occurrence of any stop
  string; finish_reason ``stop``.
* ``max_tokens`` keeps the first N whitespace-separated words of the whole reply; when that cuts
  something, finish_reason is ``length``.
* ``n`` gives n choices; choice i > 0 gets a ``" #i"`` suffix (after truncation).
* usage: ``prompt_tokens`` = words in all message contents (text parts), ``completion_tokens`` =
  words in all choices (for tool calls: words in the arguments string), total = the sum.
* ``model`` is echoed back as sent; ``created`` is a fixed timestamp; ids are hashes of the request.

Tools: when ``tools`` are given, ``tool_choice`` is not ``"none"`` and the last message is not a
``tool`` message, every choice is one tool call (content null, finish_reason ``tool_calls``) to the
function named by ``tool_choice``, else to the first tool. Its ``arguments`` is a JSON *string*
built from ``parameters``: string -> last user text, integer -> 42, number -> 1.5, boolean -> true,
array -> [] (``minItems`` honoured), object -> built from its properties, enum/const -> first value,
``$ref``/``anyOf`` followed. Tool-call ids: OpenAI ``call_`` + 24 hex chars, Mistral 9
alphanumerics.
Legacy OpenAI ``functions``/``function_call`` (OpenAI personality only) answer with
``message.function_call`` and finish_reason ``function_call``.

JSON modes: ``response_format={"type": "json_object"}`` -> content is
``{"echo": <last user text>, "params": {normalized params}}`` (plus ``"choice": i`` for i > 0);
``{"type": "json_schema", ...}`` -> an object built from ``json_schema.schema`` as for tool
arguments. ``stop`` is not applied in JSON modes; ``max_tokens`` is (a truncated JSON is what a real
model returns too).

Streaming (``"stream": true``): ``data: {chunk}\\n\\n`` events, then ``data: [DONE]\\n\\n``.
Content is split into word-ish deltas whose concatenation equals the non-streaming content; the
first chunk carries ``role: assistant``. OpenAI: a last chunk per choice with an empty delta and the
finish_reason; usage only with ``stream_options.include_usage``, as an extra final chunk with
``choices: []``. Tool calls come in fragments (id + name, then argument pieces). Mistral: the last
content chunk carries the finish_reason, and the very last chunk also carries usage; each tool call
arrives complete in one delta.

Embeddings: a deterministic unit-length vector from a hash of each input. OpenAI: 1536 dims
(3072 for ``*-3-large``), ``dimensions`` honoured; ``encoding_format="base64"`` (the OpenAI SDK's
default) answers little-endian float32 base64 as the real API does. Mistral: 1024 dims,
``output_dimension`` honoured.

The two personalities
---------------------
``openai``: accepts any model. 400 ``invalid_request_error`` when ``model`` or ``messages`` is
missing, or for a top-level field the OpenAI API does not know (``"Unrecognized request argument
supplied: random_seed"``). Error body: ``{"error": {"message", "type", "param", "code"}}``.

``mistral`` validates like the real API. Error body: ``{"object": "error", "message", "type",
"param", "code"}``.

* 422 for any top-level field the chat (or embeddings) request model of mistralai 3.7 does not
  declare (``user``, ``seed``, ``max_completion_tokens``, ``stream_options``, ``functions``, ...),
  for a message field its role does not declare (``name`` on a user message), for a message role
  other than system/user/assistant/tool, and for a missing ``model``/``messages``. The body is the real
  API's: ``{"object": "error", "message": {"detail": [{"type": "extra_forbidden", "loc": ["body",
  "user"], "msg": "Extra inputs are not permitted", "input": ...}]}, "type":
  "invalid_request_message_error", ...}``. Through the OpenAI SDK this is
  ``openai.UnprocessableEntityError``; through mistralai 3.7 it is ``errors.HTTPValidationError``
  (whose ``.data.detail`` is None for this body, exactly as against the real API: read ``.body``).
* 400 ``invalid_model`` for a model name outside the Mistral families (``MISTRAL_MODEL_PREFIXES``;
  anything starting with ``test-`` is accepted too), e.g. ``gpt-4o``.
* A reasoning model (``magistral-*``) answers a chat completion's content as the real API does: a list of chunks,
  ``[{"type": "thinking", "thinking": [{"type": "text", "text": ...}]}, {"type": "text", "text": <the reply>}]``
  (mistralai: ``[ThinkChunk, TextChunk]``), so a program printing ``message.content`` unjoined differs.
* 400 when a tool message's ``tool_call_id`` or an assistant ``tool_calls[i].id`` is not exactly 9
  characters of ``[A-Za-z0-9]`` ("Tool call id was call_abc but must be a-z, A-Z, 0-9, with a length
  of 9.").

Fault injection
---------------
Faults live in a server-side FIFO queue, so programs using unmodified SDKs hit them. Each request
(any endpoint, before authentication) takes the next fault, if any::

    srv.inject(status=429, retry_after=0.2)      # 429 with a Retry-After header, once
    srv.inject(status=500, count=2)              # the next two requests get a 500
    srv.inject(delay=2.0)                        # sleep 2 s, then answer normally
    srv.inject(reset=True)                       # close the socket (TCP RST) without a response
    srv.inject(torn_stream=True)                 # SSE: some chunks, then the connection drops
                                                 # without [DONE] (non-streaming: half a body)

``delay`` can be combined with any other fault. Error bodies have the personality's shape (a 422
status fault gets the validation body). ``WireServer(latency=0.05)`` delays every request (for
benchmarks). ``srv.reset()`` clears recorded requests and pending faults.
"""

from __future__ import annotations

import argparse
import base64
import collections
import hashlib
import json
import os
from pathlib import Path
import random
import re
import signal
import socket
import struct
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator, NamedTuple

__all__ = [
    "Fault",
    "RecordedRequest",
    "WireServer",
    "build_chat_reply",
    "normalize_params",
    "program_env",
    "MISTRAL_CHAT_FIELDS",
    "MISTRAL_EMBEDDING_FIELDS",
    "MISTRAL_MESSAGE_FIELDS",
    "MISTRAL_MODEL_PREFIXES",
    "MISTRAL_FIM_FIELDS",
    "MISTRAL_RESPONSES_FIELDS",
    "OPENAI_CHAT_FIELDS",
    "OPENAI_EMBEDDING_FIELDS",
    "OPENAI_COMPLETION_FIELDS",
    "OPENAI_RESPONSES_FIELDS",
]

PERSONALITIES = ("openai", "mistral")
TEST_API_KEY = "test-key-not-secret"
CREATED = 1_750_000_000  # fixed, so replies are byte-for-byte reproducible

# --- What each API accepts. Hand-typed so this module stays stdlib-only; tests/test_wire_server.py
# --- checks each set against the installed SDKs (mistralai 3.7 request models, openai 3.57
# --- TypedDicts).

MISTRAL_CHAT_FIELDS = frozenset({
    "model", "messages", "temperature", "top_p", "max_tokens", "stream", "stop", "random_seed",
    "metadata", "response_format", "tools", "tool_choice", "presence_penalty", "frequency_penalty",
    "n", "prediction", "parallel_tool_calls", "reasoning_effort", "prompt_mode", "guardrails",
    "safe_prompt", "min_tokens", "repetition_penalty", "top_k", "logprobs", "top_logprobs",
    "prompt_logprobs", "top_prompt_logprobs", "prompt_cache_key", "service_tier",
})
MISTRAL_EMBEDDING_FIELDS = frozenset({
    "model", "input", "metadata", "output_dimension", "output_dtype", "encoding_format",
})
MISTRAL_MESSAGE_FIELDS = {
    "system": frozenset({"role", "content"}),
    "user": frozenset({"role", "content"}),
    "assistant": frozenset({"role", "content", "tool_calls", "prefix"}),
    "tool": frozenset({"role", "content", "tool_call_id", "name"}),
}
MISTRAL_MODEL_PREFIXES = (
    "mistral-", "ministral-", "codestral-", "devstral-", "magistral-", "pixtral-",
    "open-mistral-", "open-mixtral-", "voxtral-", "test-",
)
OPENAI_CHAT_FIELDS = frozenset({
    "model", "messages", "audio", "frequency_penalty", "function_call", "functions", "logit_bias",
    "logprobs", "max_completion_tokens", "max_tokens", "metadata", "modalities", "moderation", "n",
    "parallel_tool_calls", "prediction", "presence_penalty", "prompt_cache_key",
    "prompt_cache_options", "prompt_cache_retention", "reasoning_effort", "response_format",
    "safety_identifier", "seed", "service_tier", "stop", "store", "stream", "stream_options",
    "temperature", "tool_choice", "tools", "top_logprobs", "top_p", "user", "verbosity",
    "web_search_options",
})
OPENAI_EMBEDDING_FIELDS = frozenset({"input", "model", "dimensions", "encoding_format", "user"})
# Legacy completions (POST /v1/completions) and Mistral's fill-in-the-middle (POST /v1/fim/completions).
OPENAI_COMPLETION_FIELDS = frozenset({
    "best_of", "echo", "frequency_penalty", "logit_bias", "logprobs", "max_tokens", "model", "n",
    "presence_penalty", "prompt", "seed", "stop", "stream", "stream_options", "suffix", "temperature", "top_p", "user",
})
MISTRAL_FIM_FIELDS = frozenset({
    "max_tokens", "metadata", "min_tokens", "model", "prompt", "prompt_cache_key", "random_seed", "stop",
    "stream", "suffix", "temperature", "top_p",
})
# Responses API (POST /v1/responses). Mistral's request model pins store/background/truncation/
# top_logprobs as constants; it serves function tools (and namespaces) only.
MISTRAL_RESPONSES_FIELDS = frozenset({
    "background", "conversation", "input", "instructions", "max_output_tokens", "max_tool_calls",
    "metadata", "model", "moderation", "parallel_tool_calls", "previous_response_id", "prompt",
    "prompt_cache_key", "reasoning", "store", "stream", "temperature", "text", "tool_choice", "tools",
    "top_logprobs", "top_p", "truncation",
})
OPENAI_RESPONSES_FIELDS = frozenset({
    "access_programs", "background", "background_options", "context_management", "conversation",
    "image", "include", "input", "instructions", "max_output_tokens", "max_tool_calls", "metadata",
    "model", "moderation", "parallel_tool_calls", "previous_response_id", "prompt", "prompt_cache_key",
    "prompt_cache_options", "prompt_cache_retention", "reasoning", "safety_identifier", "service_tier",
    "store", "stream", "stream_options", "temperature", "text", "tool_choice", "tools", "top_logprobs",
    "top_p", "truncation", "user",
})

_MISTRAL_TOOL_CALL_ID = re.compile(r"[A-Za-z0-9]{9}")
_BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_ECHOED_AS_IS = ("temperature", "top_p", "n", "presence_penalty", "frequency_penalty",
                 "parallel_tool_calls")


# ----------------------------------------------------------------------------------------------
# Pure reply logic (no HTTP): request body -> ChatReply
# ----------------------------------------------------------------------------------------------

def _digest(*parts: Any) -> bytes:
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).digest()


def _base62(data: bytes, length: int) -> str:
    number = int.from_bytes(data, "big")
    chars = []
    for _ in range(length):
        number, rem = divmod(number, 62)
        chars.append(_BASE62[rem])
    return "".join(chars)


def _words(text: str | None) -> int:
    return len(text.split()) if text else 0


def content_text(content: Any) -> str:
    """Text of a message ``content``: the string, or its text parts' ``text`` joined by spaces."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(
            part["text"] for part in content
            if isinstance(part, dict) and isinstance(part.get("text"), str)
        )
    return ""


def last_user_text(messages: list[dict]) -> str:
    for message in reversed(messages):
        if isinstance(message, dict) and message.get("role") == "user":
            return content_text(message.get("content"))
    return ""


def _canonical(value: Any) -> Any:
    """Numbers compare by value (1 == 1.0), everything else as sent."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    as_float = float(value)
    return int(as_float) if as_float.is_integer() else as_float


def _normalize_choice(choice: Any) -> str | None:
    if choice is None:
        return None
    if isinstance(choice, str):
        return "required" if choice == "any" else choice
    if isinstance(choice, dict):
        name = (choice.get("function") or {}).get("name") or choice.get("name")
        return f"function:{name}"
    return str(choice)


def normalize_params(body: dict) -> dict:
    """The provider-neutral sampling parameters of a chat request (only those sent and not null)."""
    params: dict[str, Any] = {}
    seed = body.get("seed") if body.get("seed") is not None else body.get("random_seed")
    if seed is not None:
        params["seed"] = _canonical(seed)
    max_tokens = body.get("max_completion_tokens")
    if max_tokens is None:
        max_tokens = body.get("max_tokens")
    if max_tokens is not None:
        params["max_tokens"] = _canonical(max_tokens)
    for name in _ECHOED_AS_IS:
        if body.get(name) is not None:
            params[name] = _canonical(body[name])
    stop = body.get("stop")
    if stop is not None:
        params["stop"] = [stop] if isinstance(stop, str) else list(stop)
    response_format = body.get("response_format")
    if isinstance(response_format, dict) and response_format.get("type"):
        params["response_format"] = response_format["type"]
    choice = _normalize_choice(body.get("tool_choice", body.get("function_call")))
    if choice is not None:
        params["tool_choice"] = choice
    return dict(sorted(params.items()))


def render_params(params: dict) -> str:
    """``max_tokens=5,seed=7,stop=["END"]``: sorted, compact, deterministic."""
    def render(value: Any) -> str:
        if isinstance(value, str):
            return value
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return ",".join(f"{key}={render(value)}" for key, value in sorted(params.items()))


def _truncate_words(text: str, limit: int) -> tuple[str, bool]:
    """First ``limit`` whitespace-separated words of ``text`` (original spacing kept)."""
    matches = list(re.finditer(r"\S+", text))
    if len(matches) <= limit:
        return text, False
    if limit <= 0:
        return "", True
    return text[: matches[limit - 1].end()], True


def _cut_at_stop(text: str, stops: list[str]) -> tuple[str, bool]:
    positions = [text.find(s) for s in stops if s and s in text]
    if not positions:
        return text, False
    return text[: min(positions)], True


def sample_from_schema(schema: Any, text: str, root: dict | None = None, depth: int = 0) -> Any:
    """A value conforming to a JSON schema: strings are ``text``, integers 42, numbers 1.5, …"""
    if not isinstance(schema, dict) or depth > 20:
        return {}
    root = schema if root is None else root
    if "$ref" in schema:
        target: Any = root
        for key in schema["$ref"].lstrip("#/").split("/"):
            target = target.get(key, {}) if isinstance(target, dict) else {}
        return sample_from_schema(target, text, root, depth + 1)
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return schema["enum"][0]
    for combinator in ("anyOf", "oneOf", "allOf"):
        options = schema.get(combinator)
        if options:
            typed = [o for o in options if not (isinstance(o, dict) and o.get("type") == "null")]
            return sample_from_schema((typed or options)[0], text, root, depth + 1)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind is None:
        kind = "object" if "properties" in schema else "string"
    if kind == "string":
        return text
    if kind == "integer":
        return 42
    if kind == "number":
        return 1.5
    if kind == "boolean":
        return True
    if kind == "null":
        return None
    if kind == "array":
        return [sample_from_schema(schema.get("items", {}), text, root, depth + 1)
                for _ in range(int(schema.get("minItems", 0)))]
    properties = schema.get("properties") or {}
    built = {name: sample_from_schema(sub, text, root, depth + 1)
             for name, sub in properties.items()}
    for name in schema.get("required") or ():
        built.setdefault(name, text)  # required but undeclared: any value is allowed
    return built


@dataclass
class ChoiceReply:
    """One choice of a chat reply, provider-neutral."""

    content: str | None
    finish_reason: str
    tool_calls: list[dict] = field(default_factory=list)  # [{"id", "name", "arguments"}]
    function_call: dict | None = None                     # legacy OpenAI {"name", "arguments"}


@dataclass
class ChatReply:
    choices: list[ChoiceReply]
    prompt_tokens: int
    completion_tokens: int

    @property
    def usage(self) -> dict:
        return {"prompt_tokens": self.prompt_tokens, "completion_tokens": self.completion_tokens,
                "total_tokens": self.prompt_tokens + self.completion_tokens}


def _tool_call_id(personality: str, *seed: Any) -> str:
    digest = _digest("tool-call", *seed)
    if personality == "mistral":
        return _base62(digest, 9)
    return "call_" + digest.hex()[:24]


def _pick_function(definitions: list[dict], wanted: str | None) -> tuple[str, dict]:
    for definition in definitions:
        if wanted is None or definition.get("name") == wanted:
            return definition.get("name", ""), definition.get("parameters") or {}
    return wanted or "", {}


def token_logprobs(content: Optional[str], body: dict, personality: str) -> Optional[dict]:
    """``logprobs`` of a choice when the request asked for them: one token per word of the content,
    with its UTF-8 ``bytes`` and ``top_logprobs`` alternatives (Mistral's tokens carry a ``token_id``)."""
    if not body.get("logprobs") or content is None:
        return None
    words = re.findall(r"\S+\s*", content)
    top = int(body.get("top_logprobs") or 0)

    def token(text: str, rank: int, index: int) -> dict:
        entry: dict[str, Any] = {"token": text, "logprob": -0.125 * (rank + 1) * (index % 3 + 1),
                                 "bytes": list(text.encode("utf-8"))}
        if personality == "mistral":
            entry["token_id"] = 1000 + index * 10 + rank
        return entry

    out = []
    for index, word in enumerate(words):
        entry = token(word, 0, index)
        entry["top_logprobs"] = [token(word if rank == 0 else f"{word.strip()}~{rank}", rank, index)
                                 for rank in range(top)]
        out.append(entry)
    return {"content": out, "refusal": None} if personality == "openai" else {"content": out}


REASONING_PREFIX = "magistral-"  # Mistral's reasoning models: their content is a list of chunks


def build_chat_reply(body: dict, personality: str) -> ChatReply:
    """The reply to a (valid) chat request. Depends on the personality only for tool-call ids."""
    messages = [m for m in body.get("messages") or [] if isinstance(m, dict)]
    params = normalize_params(body)
    text = last_user_text(messages)
    n = max(1, min(int(params.get("n", 1)), 16))
    prompt_tokens = sum(_words(content_text(m.get("content"))) for m in messages)

    tools = [t.get("function") or {} for t in body.get("tools") or [] if isinstance(t, dict)]
    legacy = not tools and bool(body.get("functions")) and personality == "openai"
    definitions = tools or (body.get("functions") or [] if legacy else [])
    choice = params.get("tool_choice")
    trailing_tool = []
    for message in reversed(messages):
        if message.get("role") not in ("tool", "function"):
            break
        trailing_tool.insert(0, content_text(message.get("content")))

    choices: list[ChoiceReply] = []
    if definitions and choice != "none" and not trailing_tool:
        wanted = choice.split(":", 1)[1] if choice and choice.startswith("function:") else None
        name, schema = _pick_function(definitions, wanted)
        arguments = json.dumps(sample_from_schema(schema, text), ensure_ascii=False)
        for index in range(n):
            if legacy:
                choices.append(ChoiceReply(None, "function_call",
                                           function_call={"name": name, "arguments": arguments}))
            else:
                call_id = _tool_call_id(personality, name, arguments, index, len(messages))
                choices.append(ChoiceReply(None, "tool_calls", tool_calls=[
                    {"id": call_id, "name": name, "arguments": arguments}]))
        completion = sum(_words(arguments) for _ in choices)
        return ChatReply(choices, prompt_tokens, completion)

    response_type = params.get("response_format")
    for index in range(n):
        finish = "stop"
        if response_type == "json_object":
            obj: dict[str, Any] = {"echo": text, "params": params}
            if index:
                obj["choice"] = index
            content = json.dumps(obj, ensure_ascii=False)
        elif response_type == "json_schema":
            schema = (body.get("response_format") or {}).get("json_schema") or {}
            content = json.dumps(sample_from_schema(schema.get("schema") or {}, text),
                                 ensure_ascii=False)
        else:
            kind = "tool result" if trailing_tool else "echo"
            payload = "; ".join(trailing_tool) if trailing_tool else text
            payload, _ = _cut_at_stop(payload, params.get("stop") or [])
            rendered = render_params(params)
            content = f"{kind}({rendered}): {payload}" if rendered else f"{kind}: {payload}"
        if "max_tokens" in params:
            content, truncated = _truncate_words(content, int(params["max_tokens"]))
            if truncated:
                finish = "length"
        if index and response_type not in ("json_object", "json_schema"):
            content += f" #{index}"
        choices.append(ChoiceReply(content, finish))
    completion = sum(_words(c.content) for c in choices)
    return ChatReply(choices, prompt_tokens, completion)


def fim_chat_body(body: dict) -> dict:
    """A legacy completion / FIM request as the chat request it stands for: the prompt and the suffix
    joined by ``<FILL>`` as the user text, the sampling parameters as they are."""
    text = f"{body.get('prompt') or ''}<FILL>{body.get('suffix') or ''}"
    chat: dict[str, Any] = {"model": body.get("model"), "messages": [{"role": "user", "content": text}]}
    for name in ("temperature", "top_p", "max_tokens", "stop", "seed", "random_seed"):
        if body.get(name) is not None:
            chat[name] = body[name]
    return chat


def responses_chat_body(body: dict) -> dict:
    """A Responses API request as the chat request it stands for, so both APIs share one reply
    function: ``instructions`` -> a system message, ``input`` (text, or items: messages,
    ``function_call``, ``function_call_output``) -> messages, flat function tools -> chat tools,
    ``max_output_tokens`` -> ``max_tokens``, ``text.format`` -> ``response_format``. ``parallel_tool_calls`` is echoed only when false
    (mistralai always sends its default, true; the OpenAI SDK sends nothing)."""
    messages: list[dict] = []
    if body.get("instructions"):
        messages.append({"role": "system", "content": body["instructions"]})
    raw = body.get("input")
    items = [{"role": "user", "content": raw}] if isinstance(raw, str) else list(raw or [])
    for item in items:
        if not isinstance(item, dict):
            continue
        kind = item.get("type") or "message"
        if kind == "message":
            content = item.get("content")
            if isinstance(content, list):
                content = "".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
            messages.append({"role": item.get("role", "user"), "content": content})
        elif kind == "function_call":
            messages.append({"role": "assistant", "content": None, "tool_calls": [
                {"id": item.get("call_id"), "type": "function",
                 "function": {"name": item.get("name"), "arguments": item.get("arguments")}}]})
        elif kind == "function_call_output":
            messages.append({"role": "tool", "tool_call_id": item.get("call_id"),
                             "content": item.get("output")})
    chat: dict[str, Any] = {"model": body.get("model"), "messages": messages}
    tools = [t for t in body.get("tools") or [] if isinstance(t, dict) and t.get("type") == "function"]
    if tools:
        chat["tools"] = [{"type": "function", "function": {"name": t.get("name"),
                                                          "parameters": t.get("parameters") or {}}}
                         for t in tools]
    for name in ("temperature", "top_p", "tool_choice"):
        if body.get(name) is not None:
            chat[name] = body[name]
    if body.get("max_output_tokens") is not None:
        chat["max_tokens"] = body["max_output_tokens"]
    if body.get("parallel_tool_calls") is False:
        chat["parallel_tool_calls"] = False
    text_format = (body.get("text") or {}).get("format") or {}
    if text_format.get("type") == "json_schema":  # what the OpenAI SDK's responses.parse sends
        chat["response_format"] = {"type": "json_schema", "json_schema": {"schema": text_format.get("schema") or {}}}
    elif text_format.get("type") == "json_object":
        chat["response_format"] = {"type": "json_object"}
    return chat


def _deltas(text: str) -> list[str]:
    """Word-ish pieces (leading space + word) whose concatenation is ``text``; at least one."""
    pieces = re.findall(r"\s*\S+", text)
    tail = text[len("".join(pieces)):]
    if tail:
        pieces.append(tail)
    return pieces or [text]


def _fragments(text: str, size: int = 8) -> list[str]:
    return [text[i:i + size] for i in range(0, len(text), size)] or [""]


# Moderation: an input is flagged for violence when it holds one of these words (deterministic).
VIOLENT_WORDS = ("kill", "attack", "hurt")


def moderation_scores(text: str) -> float:
    return 0.91 if any(word in text.lower() for word in VIOLENT_WORDS) else 0.02


def embedding_vector(text: str, dims: int) -> list[float]:
    """A deterministic unit-length vector for ``text``."""
    rng = random.Random(int.from_bytes(_digest("embedding", text)[:8], "big"))
    raw = [rng.uniform(-1.0, 1.0) for _ in range(dims)]
    norm = sum(x * x for x in raw) ** 0.5 or 1.0
    return [x / norm for x in raw]


# ----------------------------------------------------------------------------------------------
# Personalities: validation, error bodies, response shapes
# ----------------------------------------------------------------------------------------------

class WireError(Exception):
    """An HTTP error answer: status, message, and optional type/param/code/detail."""

    def __init__(self, status: int, message: Any, type_: str | None = None,
                 param: str | None = None, code: str | None = None,
                 headers: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.type = status, message, type_
        self.param, self.code = param, code
        self.headers = headers or {}


class _OpenAIWire:
    name = "openai"
    embedding_dims = 1536
    default_types = {400: "invalid_request_error", 401: "invalid_request_error",
                     404: "invalid_request_error", 422: "invalid_request_error",
                     429: "requests"}
    default_messages = {
        401: "You didn't provide an API key.",
        422: "Unprocessable entity",
        429: "Rate limit reached for requests",
        500: "The server had an error while processing your request. Sorry about that!",
        503: "The server is overloaded.",
    }
    default_codes = {401: "invalid_api_key", 429: "rate_limit_exceeded"}

    def error_body(self, err: WireError) -> dict:
        kind = err.type or self.default_types.get(err.status, "server_error")
        code = err.code or self.default_codes.get(err.status)
        message = err.message or self.default_messages.get(err.status, "Error")
        return {"error": {"message": message, "type": kind, "param": err.param, "code": code}}

    @staticmethod
    def _check_fields(body: dict, required: tuple, fields: frozenset, unknown_style: str = "legacy") -> None:
        """OpenAI's 400s: a missing required parameter, then an unknown one (the Responses API words
        it "Unknown parameter", the older endpoints "Unrecognized request argument")."""
        for name in required:
            if name not in body:
                raise WireError(400, f"Missing required parameter: '{name}'.", param=name,
                                code="missing_required_parameter")
        for key in body:
            if key not in fields:
                if unknown_style == "responses":
                    raise WireError(400, f"Unknown parameter: '{key}'.", param=key, code="unknown_parameter")
                raise WireError(400, f"Unrecognized request argument supplied: {key}", param=key)

    def validate_chat(self, body: dict) -> None:
        for required in ("model", "messages"):
            if required not in body:
                raise WireError(400, f"Missing required parameter: '{required}'.", param=required,
                                code="missing_required_parameter")
        if not isinstance(body["messages"], list) or not body["messages"]:
            raise WireError(400, "Invalid 'messages': expected a non-empty array.",
                            param="messages", code="invalid_value")
        self._check_fields(body, (), OPENAI_CHAT_FIELDS)

    def validate_embeddings(self, body: dict) -> None:
        self._check_fields(body, ("model", "input"), OPENAI_EMBEDDING_FIELDS)

    def completion(self, body: dict, reply: ChatReply, request_id: str) -> dict:
        choices = []
        for index, choice in enumerate(reply.choices):
            message: dict[str, Any] = {"role": "assistant", "content": choice.content,
                                       "refusal": None, "annotations": []}
            if choice.tool_calls:
                message["tool_calls"] = [
                    {"id": c["id"], "type": "function",
                     "function": {"name": c["name"], "arguments": c["arguments"]}}
                    for c in choice.tool_calls]
            if choice.function_call:
                message["function_call"] = dict(choice.function_call)
            choices.append({"index": index, "message": message,
                            "logprobs": token_logprobs(choice.content, body, "openai"),
                            "finish_reason": choice.finish_reason})
        return {"id": f"chatcmpl-{request_id}", "object": "chat.completion", "created": CREATED,
                "model": body.get("model"), "choices": choices, "usage": reply.usage,
                "service_tier": "default", "system_fingerprint": "fp_wireserver"}

    def chunks(self, body: dict, reply: ChatReply, request_id: str) -> Iterator[dict]:
        include_usage = bool((body.get("stream_options") or {}).get("include_usage"))

        def chunk(choices: list, **extra: Any) -> dict:
            out = {"id": f"chatcmpl-{request_id}", "object": "chat.completion.chunk",
                   "created": CREATED, "model": body.get("model"),
                   "system_fingerprint": "fp_wireserver", "choices": choices}
            if include_usage:
                out["usage"] = None
            out.update(extra)
            return out

        for index, choice in enumerate(reply.choices):
            def delta(d: dict, finish: str | None = None) -> dict:
                return chunk([{"index": index, "delta": d, "logprobs": None,
                               "finish_reason": finish}])
            if choice.tool_calls:
                for position, call in enumerate(choice.tool_calls):
                    head = {"index": position, "id": call["id"], "type": "function",
                            "function": {"name": call["name"], "arguments": ""}}
                    yield delta({"role": "assistant", "content": None, "tool_calls": [head]}
                                if position == 0 else {"tool_calls": [head]})
                    for piece in _fragments(call["arguments"]):
                        yield delta({"tool_calls": [{"index": position,
                                                     "function": {"arguments": piece}}]})
            elif choice.function_call:
                call = choice.function_call
                yield delta({"role": "assistant", "content": None,
                             "function_call": {"name": call["name"], "arguments": ""}})
                for piece in _fragments(call["arguments"]):
                    yield delta({"function_call": {"arguments": piece}})
            else:
                for position, piece in enumerate(_deltas(choice.content or "")):
                    yield delta({"role": "assistant", "content": piece, "refusal": None}
                                if position == 0 else {"content": piece})
            yield delta({}, choice.finish_reason)
        if include_usage:
            yield chunk([], usage=reply.usage)

    def embeddings(self, body: dict, inputs: list[str], request_id: str) -> dict:
        model = str(body.get("model", ""))
        dims = body.get("dimensions") or (3072 if "3-large" in model else self.embedding_dims)
        return {"object": "list", "model": model,
                "data": [{"object": "embedding", "index": i,
                          "embedding": _encode(embedding_vector(text, int(dims)), body)}
                         for i, text in enumerate(inputs)],
                "usage": {"prompt_tokens": sum(map(_words, inputs)),
                          "total_tokens": sum(map(_words, inputs))}}

    def validate_moderation(self, body: dict) -> None:
        if "input" not in body:
            raise WireError(400, "Missing required parameter: 'input'.", param="input")

    def moderation(self, body: dict, inputs: list[str], request_id: str) -> dict:
        results = []
        for text in inputs:
            score = moderation_scores(text)
            categories = {"violence": score > 0.5, "hate": False, "harassment": False, "self-harm": False,
                          "sexual": False}
            results.append({"flagged": score > 0.5, "categories": categories,
                            "category_scores": {k: (score if k == "violence" else 0.01) for k in categories},
                            "category_applied_input_types": {k: ["text"] for k in categories}})
        return {"id": f"modr-{request_id[:16]}", "model": body.get("model") or "omni-moderation-latest",
                "results": results}

    def validate_completion(self, body: dict) -> None:
        self._check_fields(body, ("model", "prompt"), OPENAI_COMPLETION_FIELDS)

    def text_completion(self, body: dict, reply: ChatReply, request_id: str) -> dict:
        choice = reply.choices[0]
        return {"id": f"cmpl-{request_id}", "object": "text_completion", "created": CREATED,
                "model": body.get("model"), "system_fingerprint": "fp_wireserver",
                "choices": [{"index": 0, "text": choice.content or "", "logprobs": None,
                             "finish_reason": choice.finish_reason}], "usage": reply.usage}

    def validate_responses(self, body: dict) -> None:
        self._check_fields(body, ("model",), OPENAI_RESPONSES_FIELDS, "responses")

    def response(self, body: dict, reply: ChatReply, request_id: str) -> dict:
        return _response_object(body, reply, request_id, "resp_", {"cached_tokens": 0})

    def models(self) -> dict:
        names = ("gpt-4o", "gpt-4o-mini", "gpt-4.1", "text-embedding-3-small",
                 "text-embedding-3-large")
        return {"object": "list", "data": [{"id": n, "object": "model", "created": CREATED,
                                            "owned_by": "system"} for n in names]}


class _MistralWire:
    name = "mistral"
    embedding_dims = 1024
    default_types = {400: "invalid_request_error", 401: "unauthorized", 404: "not_found",
                     429: "rate_limited", 422: "invalid_request_message_error"}
    default_messages = {401: "Unauthorized", 404: "Not Found",
                        429: "Requests rate limit exceeded", 500: "Internal server error",
                        503: "Service unavailable"}

    def error_body(self, err: WireError) -> dict:
        message = err.message
        if err.status == 422 and message is None:
            message = {"detail": [{"type": "value_error", "loc": ["body"],
                                   "msg": "Unprocessable entity", "input": None}]}
        return {"object": "error",
                "message": message or self.default_messages.get(err.status, "Error"),
                "type": err.type or self.default_types.get(err.status, "internal_server_error"),
                "param": err.param, "code": err.code}

    @staticmethod
    def _unprocessable(details: list[dict]) -> WireError:
        return WireError(422, {"detail": details}, "invalid_request_message_error")

    @staticmethod
    def _extra(loc: list, value: Any) -> dict:
        return {"type": "extra_forbidden", "loc": loc, "msg": "Extra inputs are not permitted",
                "input": value}

    @staticmethod
    def _missing(loc: list, value: Any) -> dict:
        return {"type": "missing", "loc": loc, "msg": "Field required", "input": value}

    def _check_model(self, body: dict) -> None:
        model = body.get("model")
        if not (isinstance(model, str) and model.startswith(MISTRAL_MODEL_PREFIXES)):
            raise WireError(400, f"Invalid model: {model}", "invalid_model", code="1500")

    def validate_chat(self, body: dict) -> None:
        details = self._field_details(body, ("model", "messages"), MISTRAL_CHAT_FIELDS)
        messages = body.get("messages")
        if messages is not None and not isinstance(messages, list):
            details.append({"type": "list_type", "loc": ["body", "messages"],
                            "msg": "Input should be a valid list", "input": messages})
            messages = []
        for index, message in enumerate(messages or []):
            role = message.get("role") if isinstance(message, dict) else None
            if role not in MISTRAL_MESSAGE_FIELDS:
                details.append({
                    "type": "union_tag_invalid", "loc": ["body", "messages", index],
                    "msg": f"Input tag '{role}' found using 'role' does not match any of the "
                           "expected tags: 'system', 'user', 'assistant', 'tool'",
                    "input": message})
                continue
            details += [self._extra(["body", "messages", index, role, key], value)
                        for key, value in message.items()
                        if key not in MISTRAL_MESSAGE_FIELDS[role]]
        if details:
            raise self._unprocessable(details)
        self._check_model(body)
        self._check_tool_call_ids(body["messages"])

    @staticmethod
    def _check_tool_call_ids(messages: list) -> None:
        """Mistral's tool-call ids are 9 letters and digits (a 400 otherwise), in tool results and in
        assistant tool calls."""
        for message in messages:
            ids = [message.get("tool_call_id")] if message.get("role") == "tool" else []
            ids += [call.get("id") for call in message.get("tool_calls") or []
                    if isinstance(call, dict)]
            for call_id in ids:
                if call_id is not None and not _MISTRAL_TOOL_CALL_ID.fullmatch(str(call_id)):
                    raise WireError(400, f"Tool call id was {call_id} but must be a-z, A-Z, 0-9, "
                                         "with a length of 9.", "invalid_request_message_error",
                                    code="3280")

    def _field_details(self, body: dict, required: tuple, fields: frozenset) -> list[dict]:
        """422 details for missing required fields and extra ones (Mistral forbids unknown fields)."""
        details = [self._missing(["body", key], body) for key in required if key not in body]
        return details + [self._extra(["body", key], value) for key, value in body.items() if key not in fields]

    def validate_embeddings(self, body: dict) -> None:
        details = self._field_details(body, ("model", "input"), MISTRAL_EMBEDDING_FIELDS)
        if details:
            raise self._unprocessable(details)
        self._check_model(body)

    def completion(self, body: dict, reply: ChatReply, request_id: str) -> dict:
        choices = []
        for index, choice in enumerate(reply.choices):
            calls = [{"id": c["id"], "type": "function", "index": i,
                      "function": {"name": c["name"], "arguments": c["arguments"]}}
                     for i, c in enumerate(choice.tool_calls)] or None
            content: Any = choice.content or ""
            if str(body.get("model", "")).startswith(REASONING_PREFIX) and content and not calls:
                content = [{"type": "thinking", "thinking": [{"type": "text", "text": "Thinking it over."}]},
                           {"type": "text", "text": content}]
            choices.append({"index": index, "finish_reason": choice.finish_reason,
                            "message": {"role": "assistant", "content": content,
                                        "tool_calls": calls, "prefix": False}})
            logprobs = token_logprobs(choice.content, body, "mistral")
            if logprobs is not None:
                choices[-1]["logprobs"] = logprobs
        return {"id": request_id, "object": "chat.completion", "model": body.get("model"),
                "usage": reply.usage, "created": CREATED, "choices": choices}

    def chunks(self, body: dict, reply: ChatReply, request_id: str) -> Iterator[dict]:
        last_choice = len(reply.choices) - 1
        for index, choice in enumerate(reply.choices):
            if choice.tool_calls:
                calls = [{"id": c["id"], "type": "function", "index": i,
                          "function": {"name": c["name"], "arguments": c["arguments"]}}
                         for i, c in enumerate(choice.tool_calls)]
                pieces = [{"role": "assistant", "content": "", "tool_calls": calls}]
            else:
                pieces = [{"content": p} for p in _deltas(choice.content or "")]
                pieces[0] = {"role": "assistant", **pieces[0]}
            for position, delta in enumerate(pieces):
                final = position == len(pieces) - 1
                out = {"id": request_id, "object": "chat.completion.chunk", "created": CREATED,
                       "model": body.get("model"),
                       "choices": [{"index": index, "delta": delta,
                                    "finish_reason": choice.finish_reason if final else None}]}
                if final and index == last_choice:
                    out["usage"] = reply.usage
                yield out

    def embeddings(self, body: dict, inputs: list[str], request_id: str) -> dict:
        dims = int(body.get("output_dimension") or self.embedding_dims)
        usage = sum(map(_words, inputs))
        return {"id": request_id, "object": "list", "model": body.get("model"),
                "data": [{"object": "embedding", "index": i,
                          "embedding": _encode(embedding_vector(text, dims), body)}
                         for i, text in enumerate(inputs)],
                "usage": {"prompt_tokens": usage, "completion_tokens": 0, "total_tokens": usage}}

    def validate_moderation(self, body: dict) -> None:
        details = self._field_details(body, ("model", "input"), frozenset({"model", "input", "metadata"}))
        if details:
            raise self._unprocessable(details)
        self._check_model(body)

    def moderation(self, body: dict, inputs: list[str], request_id: str) -> dict:
        results = []
        for text in inputs:
            score = moderation_scores(text)
            names = ("violence_and_threats", "hate_and_discrimination", "sexual", "selfharm", "pii")
            results.append({"categories": {k: k == "violence_and_threats" and score > 0.5 for k in names},
                            "category_scores": {k: (score if k == "violence_and_threats" else 0.01)
                                                for k in names}})
        return {"id": request_id, "model": body.get("model"), "results": results}

    def validate_completion(self, body: dict) -> None:
        details = self._field_details(body, ("model", "prompt"), MISTRAL_FIM_FIELDS)
        if details:
            raise self._unprocessable(details)
        if not str(body.get("model", "")).startswith("codestral-"):
            raise WireError(400, f"Invalid model: {body.get('model')} does not support FIM", "invalid_model",
                            code="1500")

    def text_completion(self, body: dict, reply: ChatReply, request_id: str) -> dict:
        return self.completion(body, reply, request_id)  # FIM answers in chat.completion shape

    def validate_responses(self, body: dict) -> None:
        details = self._field_details(body, ("model", "input"), MISTRAL_RESPONSES_FIELDS)
        for index, tool in enumerate(body.get("tools") or []):
            kind = tool.get("type") if isinstance(tool, dict) else None
            if kind not in ("function", "namespace"):
                details.append({"type": "union_tag_invalid", "loc": ["body", "tools", index],
                                "msg": f"Input tag '{kind}' found using 'type' does not match any of the "
                                       "expected tags: 'function', 'namespace'", "input": tool})
        for key, pinned in (("store", False), ("background", False)):
            if key in body and body[key] is not pinned:
                details.append({"type": "literal_error", "loc": ["body", key],
                                "msg": f"Input should be {pinned}", "input": body[key]})
        if details:
            raise self._unprocessable(details)
        self._check_model(body)
        self._check_tool_call_ids(responses_chat_body(body)["messages"])

    def response(self, body: dict, reply: ChatReply, request_id: str) -> dict:
        return _response_object(body, reply, request_id, "",
                                {"cached_tokens": 0, "cache_write_tokens": 0})

    def models(self) -> dict:
        names = ("mistral-large-latest", "mistral-medium-latest", "mistral-small-latest",
                 "codestral-latest", "mistral-embed")
        return {"object": "list", "data": [
            {"id": n, "object": "model", "created": CREATED, "owned_by": "mistralai",
             "type": "base", "capabilities": {"completion_chat": n != "mistral-embed",
                              "function_calling": n != "mistral-embed"},
             "max_context_length": 131072, "aliases": []} for n in names]}


_WIRES = {"openai": _OpenAIWire(), "mistral": _MistralWire()}


def _response_object(body: dict, reply: ChatReply, request_id: str, prefix: str, cached: dict) -> dict:
    """A Responses API ``response`` object (both providers share the shape; the ids and the usage
    details differ): one ``message`` item with ``output_text``, or one ``function_call`` item per call."""
    choice = reply.choices[0]
    output: list[dict] = []
    for call in choice.tool_calls:
        output.append({"type": "function_call", "id": f"fc_{call['id']}", "call_id": call["id"],
                       "name": call["name"], "arguments": call["arguments"], "status": "completed"})
    if not choice.tool_calls:
        output.append({"type": "message", "id": f"msg_{request_id[:24]}", "status": "completed",
                       "role": "assistant", "content": [
                           {"type": "output_text", "text": choice.content or "", "annotations": []}]})
    tools = [t for t in body.get("tools") or [] if isinstance(t, dict)]
    return {"id": f"{prefix}{request_id}", "object": "response", "created_at": CREATED,
            "status": "incomplete" if choice.finish_reason == "length" else "completed",
            "model": body.get("model"), "output": output, "error": None,
            "incomplete_details": {"reason": "max_output_tokens"} if choice.finish_reason == "length" else None,
            "instructions": body.get("instructions"), "metadata": body.get("metadata") or {},
            "parallel_tool_calls": body.get("parallel_tool_calls", True),
            "temperature": body.get("temperature"), "top_p": body.get("top_p"),
            "tool_choice": body.get("tool_choice") or "auto", "tools": tools,
            "usage": {"input_tokens": reply.prompt_tokens, "input_tokens_details": cached,
                      "output_tokens": reply.completion_tokens,
                      "output_tokens_details": {"reasoning_tokens": 0},
                      "total_tokens": reply.prompt_tokens + reply.completion_tokens}}


def response_events(response: dict) -> list[dict]:
    """The Responses API stream of ``response`` (OpenAI's and Mistral's event types are the same):
    created, then per output item added / its text or arguments in deltas / done, then completed."""
    events: list[dict] = []

    def emit(kind: str, **fields: Any) -> None:
        events.append({"type": kind, "sequence_number": len(events), **fields})

    emit("response.created", response=response | {"status": "in_progress", "output": [], "usage": None})
    for index, item in enumerate(response["output"]):
        item_id = item.get("id") or f"item_{index}"
        if item["type"] == "message":
            text = item["content"][0]["text"]
            emit("response.output_item.added", output_index=index,
                 item=item | {"status": "in_progress", "content": []})
            emit("response.content_part.added", item_id=item_id, output_index=index, content_index=0,
                 part={"type": "output_text", "text": "", "annotations": []})
            cut = [text[i:i + 8] for i in range(0, len(text), 8)] or [""]
            for piece in cut:
                emit("response.output_text.delta", item_id=item_id, output_index=index, content_index=0,
                     delta=piece, logprobs=[])
            emit("response.output_text.done", item_id=item_id, output_index=index, content_index=0, text=text,
                 logprobs=[])
            emit("response.content_part.done", item_id=item_id, output_index=index, content_index=0,
                 part=item["content"][0])
        else:  # function_call
            emit("response.output_item.added", output_index=index,
                 item=item | {"status": "in_progress", "arguments": ""})
            emit("response.function_call_arguments.delta", item_id=item_id, output_index=index,
                 delta=item["arguments"])
            emit("response.function_call_arguments.done", item_id=item_id, output_index=index,
                 arguments=item["arguments"], name=item["name"])
        emit("response.output_item.done", output_index=index, item=item)
    emit("response.completed" if response["status"] == "completed" else "response.incomplete", response=response)
    return events


def _encode(vector: list[float], body: dict) -> Any:
    if body.get("encoding_format") == "base64":
        return base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode("ascii")
    return vector


def _embedding_inputs(raw: Any) -> list[str]:
    """Inputs as strings: text as is, token arrays as their JSON (hash input only)."""
    if isinstance(raw, str):
        return [raw]
    if isinstance(raw, list) and raw and all(isinstance(x, int) for x in raw):
        return [json.dumps(raw)]
    if isinstance(raw, list):
        return [x if isinstance(x, str) else json.dumps(x) for x in raw]
    return [json.dumps(raw)]


# ----------------------------------------------------------------------------------------------
# Faults and recording
# ----------------------------------------------------------------------------------------------

class RecordedRequest(NamedTuple):
    method: str
    path: str
    headers: dict[str, str]  # lower-cased names
    body: Any                # parsed JSON, or None


@dataclass(frozen=True)
class Fault:
    """One injected fault, consumed by one request."""

    status: int | None = None
    retry_after: float | None = None
    delay: float = 0.0
    reset: bool = False
    torn_stream: bool = False
    message: str | None = None


# ----------------------------------------------------------------------------------------------
# HTTP plumbing
# ----------------------------------------------------------------------------------------------

class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: every answer has a Content-Length or is chunked
    server_version = "wire-server/1"
    sys_version = ""
    timeout = 120  # idle keep-alive connections are dropped after this
    # Headers and body go out in separate writes; with Nagle on, the body of every keep-alive
    # request after the first waits ~40 ms for the client's delayed ACK.
    disable_nagle_algorithm = True

    # Typed access to our server object.
    @property
    def wire(self) -> "WireServer":
        return self.server.wire  # type: ignore[attr-defined]

    def setup(self) -> None:
        super().setup()
        self.wire._track(self.connection, add=True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.wire._track(self.connection, add=False)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Silent: request logs are noise in test output (and headers carry keys)."""

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        self._handle()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_GET

    # -- one request ------------------------------------------------------------------------

    def _handle(self) -> None:
        wire, personality = self.wire, _WIRES[self.wire.personality]
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        body: Any = None
        parse_error = False
        if raw:
            try:
                body = json.loads(raw)
            except ValueError:
                parse_error = True
        headers = {k.lower(): v for k, v in self.headers.items()}
        wire._record(RecordedRequest(self.command, self.path, headers, body))
        request_id = hashlib.sha256(raw + self.path.encode()).hexdigest()[:32]

        fault = wire._next_fault()
        pause = wire.latency + (fault.delay if fault else 0.0)
        if pause > 0:
            time.sleep(pause)
        if fault and fault.reset:
            self._reset_connection()
            return
        try:
            if fault and fault.status:
                extra = {"Retry-After": _seconds(fault.retry_after)} if fault.retry_after else {}
                raise WireError(fault.status, fault.message, headers=extra)
            self._authenticate(headers)
            path = self.path.split("?", 1)[0].rstrip("/")
            if self._batch_route(personality.name, path, headers, raw, body, fault):
                return
            if self.command == "POST" and path == "/v1/audio/transcriptions":
                fields = _multipart(headers.get("content-type", ""), raw)
                answer = transcription(fields, personality.name)
                if personality.name == "openai" and (fields.get("response_format") or (None, b""))[1] == b"text":
                    payload = (answer["text"] + "\n").encode()  # OpenAI's text format: the bare transcript
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain; charset=utf-8")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                    self.wfile.flush()
                    return
                self._send_json(200, answer, fault)
                return
            if parse_error or (raw and not isinstance(body, dict)):
                if personality.name == "mistral":
                    raise WireError(422, {"detail": [{"type": "json_invalid", "loc": ["body", 0],
                                                      "msg": "JSON decode error", "input": {}}]})
                raise WireError(400, "We could not parse the JSON body of your request.")
            if self.command == "POST" and path == "/v1/chat/completions":
                self._chat(personality, body or {}, request_id, fault)
            elif self.command == "POST" and path == "/v1/embeddings":
                personality.validate_embeddings(body or {})
                inputs = _embedding_inputs((body or {}).get("input"))
                self._send_json(200, personality.embeddings(body, inputs, request_id), fault)
            elif self.command == "POST" and path == ("/v1/fim/completions" if personality.name == "mistral"
                                                     else "/v1/completions"):
                personality.validate_completion(body or {})
                if (body or {}).get("stream"):
                    raise WireError(400, "streaming completions are not served by the wire server")
                reply = build_chat_reply(fim_chat_body(body), personality.name)
                self._send_json(200, personality.text_completion(body, reply, request_id), fault)
            elif self.command == "POST" and path == "/v1/responses":
                personality.validate_responses(body or {})
                reply = build_chat_reply(responses_chat_body(body), personality.name)
                response = personality.response(body, reply, request_id)
                if (body or {}).get("stream"):
                    self._send_events(response_events(response), request_id, fault)
                else:
                    self._send_json(200, response, fault)
            elif self.command == "GET" and path == "/v1/models":
                self._send_json(200, personality.models(), fault)
            elif self.command == "POST" and path == "/v1/audio/speech":
                self._speech(personality.name, body or {}, fault)
            elif self.command == "POST" and path == "/v1/moderations":
                personality.validate_moderation(body or {})
                inputs = _embedding_inputs((body or {}).get("input"))
                self._send_json(200, personality.moderation(body, inputs, request_id), fault)
            else:
                raise WireError(404, f"Invalid URL ({self.command} {self.path})"
                                if personality.name == "openai" else None)
        except WireError as err:
            self._send_json(err.status, personality.error_body(err), None, err.headers)

    # -- files + batches: Mistral's files.* and batch.jobs.*, OpenAI's files.* and batches.* -------

    def _batch_route(self, name: str, path: str, headers: dict, raw: bytes, body: Any,
                     fault: Fault | None) -> bool:
        wire = self.wire
        if self.command == "POST" and path == "/v1/files":
            fields = _multipart(headers.get("content-type", ""), raw)
            if "file" not in fields or (name == "openai" and "purpose" not in fields):
                missing = "file" if "file" not in fields else "purpose"
                raise WireError(422, {"detail": [_missing_field(["body", missing])]}) if name == "mistral" else \
                    WireError(400, f"Missing required parameter: '{missing}'.")
            filename, content = fields["file"]
            purpose = (fields.get("purpose") or ("", b"fine-tune"))[1].decode()
            meta = wire._store_file(filename or "upload.jsonl", content, purpose)
            self._send_json(200, _file_meta(meta, name), fault)
            return True
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        if self.command == "GET" and path == "/v1/files":  # files.list: one page (Mistral) / a cursor page (OpenAI)
            metas = [stored["meta"] for stored in list(wire._files.values())
                     if "purpose" not in query or stored["meta"]["purpose"] == query["purpose"][0]]
            self._send_json(200, _page([_file_meta(meta, name) for meta in metas], query, name), fault)
            return True
        match = re.fullmatch(r"/v1/files/([^/]+)(/content)?", path)
        if match and self.command in ("GET", "DELETE"):
            stored = wire._files.get(match.group(1))
            if stored is None:
                raise WireError(404, "File not found" if name == "mistral" else
                                f"No such File object: {match.group(1)}")
            if match.group(2) and self.command == "GET":
                self.send_response(200)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Content-Length", str(len(stored["content"])))
                self.end_headers()
                self.wfile.write(stored["content"])
            elif match.group(2):
                return False
            elif self.command == "DELETE":
                with wire._lock:
                    wire._files.pop(match.group(1), None)
                self._send_json(200, {"id": match.group(1), "object": "file", "deleted": True}, fault)
            else:
                self._send_json(200, _file_meta(stored["meta"], name), fault)
            return True
        jobs = "/v1/batch/jobs" if name == "mistral" else "/v1/batches"
        if self.command == "POST" and path == jobs:
            if name == "mistral":
                if not isinstance(body, dict) or not body.get("input_files") or not body.get("endpoint"):
                    raise WireError(422, {"detail": [_missing_field(["body", "input_files"])]})
                self._send_json(200, wire._create_job(body), fault)
            else:
                for key in ("input_file_id", "endpoint", "completion_window"):
                    if not isinstance(body, dict) or not body.get(key):
                        raise WireError(400, f"Missing required parameter: '{key}'.")
                job = wire._create_job({"input_files": [body["input_file_id"]], "endpoint": body["endpoint"],
                                        "metadata": body.get("metadata")}, "openai")
                self._send_json(200, _openai_batch(job, body), fault)
            return True
        if self.command == "GET" and path == jobs:  # batch.jobs.list / batches.list: the jobs as they stand
            found = [wire._poll_job(job_id, count=False) for job_id in list(wire._jobs)]
            self._send_json(200, _page([job if name == "mistral" else _openai_batch(job) for job in found
                                        if job is not None], query, name), fault)
            return True
        match = re.fullmatch(re.escape(jobs) + r"/([^/]+)(/cancel)?", path)
        if match and self.command == ("POST" if match.group(2) else "GET"):
            job = wire._poll_job(match.group(1), cancel=bool(match.group(2)))
            if job is None:
                raise WireError(404, "Batch job not found" if name == "mistral" else
                                f"No batch found with id '{match.group(1)}'.")
            self._send_json(200, job if name == "mistral" else _openai_batch(job), fault)
            return True
        return False

    def _speech(self, personality: str, body: dict, fault: Fault | None) -> None:
        audio, fmt = speech(body, personality)
        if personality == "mistral":
            self._send_json(200, {"audio_data": base64.b64encode(audio).decode()}, fault)
            return
        self.send_response(200)
        self.send_header("Content-Type", SPEECH_CONTENT_TYPES[fmt])
        self.send_header("Content-Length", str(len(audio)))
        self.end_headers()
        self.wfile.write(audio)
        self.wfile.flush()

    def _authenticate(self, headers: dict) -> None:
        scheme, _, token = headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise WireError(401, None)

    def _chat(self, personality: Any, body: dict, request_id: str, fault: Fault | None) -> None:
        personality.validate_chat(body)
        reply = build_chat_reply(body, personality.name)
        if not body.get("stream"):
            self._send_json(200, personality.completion(body, reply, request_id), fault)
            return
        frames = [f"data: {json.dumps(c, ensure_ascii=False)}\n\n".encode()
                  for c in personality.chunks(body, reply, request_id)]
        self._send_sse(frames, request_id, fault, done=b"data: [DONE]\n\n")

    def _send_events(self, events: list[dict], request_id: str, fault: Fault | None) -> None:
        """Server-sent events named by their ``type`` (the Responses API's stream, both providers)."""
        frames = [f"event: {e['type']}\ndata: {json.dumps(e, ensure_ascii=False)}\n\n".encode() for e in events]
        self._send_sse(frames, request_id, fault)

    def _send_sse(self, frames: list[bytes], request_id: str, fault: Fault | None, done: bytes = b"") -> None:
        """A chunked text/event-stream answer of ``frames`` (then ``done``); a torn-stream fault sends
        half of them and drops the connection."""
        torn = bool(fault and fault.torn_stream)
        if torn:
            frames = frames[: max(1, len(frames) // 2)]
        elif done:
            frames = [*frames, done]
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("x-request-id", request_id)
        self.end_headers()
        for frame in frames:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(frame), frame))
            self.wfile.flush()
        if torn:
            self._drop_connection()
            return
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _send_json(self, status: int, obj: Any, fault: Fault | None,
                   headers: dict | None = None) -> None:
        payload = json.dumps(obj, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        if self.wire.personality == "openai":
            self.send_header("openai-processing-ms", "42")  # as OpenAI does (openai 0.x reads it as response_ms)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if fault and fault.torn_stream:  # a torn non-streaming answer: half the promised body
            self.wfile.write(payload[: len(payload) // 2])
            self.wfile.flush()
            self._drop_connection()
            return
        self.wfile.write(payload)
        self.wfile.flush()

    def _drop_connection(self) -> None:
        """Half-close: the client sees EOF in the middle of the body."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    def _reset_connection(self) -> None:
        """Abort with a TCP RST and no response at all."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
        except OSError:
            pass


def _missing_field(loc: list) -> dict:
    return {"type": "missing", "loc": loc, "msg": "Field required", "input": None}


# Speech to text (POST /v1/audio/transcriptions, multipart): the fields each SDK may send. The
# transcript names what was heard (file name, size, language) so a program prints the same text
# through either SDK only when both uploaded the same file under the same name.
TRANSCRIPTION_FIELDS = {
    "openai": frozenset({"file", "model", "language", "prompt", "response_format", "temperature", "stream",
                         "chunking_strategy", "timestamp_granularities[]", "include[]", "keywords[]", "languages[]",
                         "known_speaker_names[]", "known_speaker_references[]"}),  # lists are sent as name[]
    "mistral": frozenset({"model", "file", "file_url", "file_id", "language", "temperature", "stream", "diarize",
                          "context_bias", "timestamp_granularities", "speaker_references"}),
}


def transcription(fields: dict, personality: str) -> dict:
    required = ("file", "model") if personality == "openai" else ("model",)
    missing = [name for name in required if name not in fields]
    unknown = sorted(set(fields) - TRANSCRIPTION_FIELDS[personality])
    if personality == "mistral" and (missing or unknown):
        raise WireError(422, {"detail": [_missing_field(["body", name]) for name in missing]
                              + [{"type": "extra_forbidden", "loc": ["body", name], "msg": "Extra inputs are not "
                                  "permitted", "input": None} for name in unknown]})
    if missing or unknown:
        raise WireError(400, f"Missing or unknown field: {(missing or unknown)[0]}")
    response_format = (fields.get("response_format") or (None, b"json"))[1]
    if personality == "openai" and response_format not in (b"json", b"verbose_json", b"text"):
        raise WireError(400, "the wire server answers response_format=json, verbose_json or text only")
    filename, content = fields.get("file", (None, b""))
    language = fields["language"][1].decode() if "language" in fields else None
    text = f"Heard {len(content)} bytes of {filename or 'audio'}" + (f" in {language}" if language else "") + "."
    # timed segments (OpenAI: verbose_json; Mistral: timestamp_granularities=["segment"]): the two halves
    # of the transcript, a second each, in each API's segment shape
    words = text.split()
    halves = [" ".join(words[:len(words) // 2]), " ".join(words[len(words) // 2:])]
    timed = [(index * 1.0, index + 1.0, half) for index, half in enumerate(halves)]
    if personality == "openai":
        if response_format == b"verbose_json":
            return {"task": "transcribe", "language": "english", "duration": 2.0, "text": text,
                    "segments": [{"id": i, "seek": 0, "start": start, "end": end, "text": half, "tokens": [1],
                                  "temperature": 0.0, "avg_logprob": -0.1, "compression_ratio": 1.0,
                                  "no_speech_prob": 0.0} for i, (start, end, half) in enumerate(timed)],
                    "usage": {"type": "duration", "seconds": max(1, len(content) // 16000)}}
        return {"text": text, "usage": {"type": "duration", "seconds": max(1, len(content) // 16000)}}
    segmented = b"segment" in (fields.get("timestamp_granularities") or (None, b""))[1]
    segments = [{"type": "transcription_segment", "text": half, "start": start, "end": end}
                for start, end, half in timed] if segmented else []
    return {"model": fields["model"][1].decode(), "text": text, "language": language, "segments": segments,
            "usage": {"prompt_tokens": 0, "completion_tokens": _words(text), "total_tokens": _words(text),
                      "prompt_audio_seconds": max(1, len(content) // 16000)}}


# Text to speech (POST /v1/audio/speech, JSON). OpenAI answers the audio itself (Content-Type of the
# format), Mistral JSON {"audio_data": <base64>}. The audio is a pure function of the text, the format
# and the speed (never of the model or the voice: their names differ by design), so a program prints
# the same digest through either SDK only when both asked for the same text in the same format.
SPEECH_FIELDS = {
    "openai": frozenset({"input", "model", "voice", "instructions", "response_format", "speed", "stream_format"}),
    "mistral": frozenset({"input", "model", "metadata", "stream", "prompt_cache_key", "voice_id", "ref_audio",
                          "expressiveness", "phoneme_hints", "conversation_history", "response_format"}),
}
SPEECH_CONTENT_TYPES = {"mp3": "audio/mpeg", "opus": "audio/opus", "aac": "audio/aac", "flac": "audio/flac",
                        "wav": "audio/wav", "pcm": "audio/pcm"}
SPEECH_FORMATS = {"openai": frozenset(SPEECH_CONTENT_TYPES), "mistral": frozenset({"pcm", "wav", "mp3", "flac", "opus"})}
# Each format's leading bytes, so a file written in the wrong format shows in a digest.
_SPEECH_MAGIC = {"mp3": b"ID3\x04\x00\x00", "opus": b"OggS\x00\x02", "aac": b"\xff\xf1", "flac": b"fLaC",
                 "wav": b"RIFF\x00\x00\x00\x00WAVEfmt ", "pcm": b""}
# Mistral's preset voices (docs.mistral.ai, text-to-speech voices): Voxtral 3's voice_<n> ids and
# Voxtral 2's <lang>_<speaker>_<emotion> presets. OpenAI's voice names are not among them.
_MISTRAL_VOICE = re.compile(r"voice_\d+|(en|gb|fr|de|es|it|pt|nl|hi|ar)_[a-z]+_[a-z]+")
# Mistral's default format is not documented: the wire server answers another one than OpenAI's mp3,
# so a conversion that leaves the format to the server shows in the output.
MISTRAL_DEFAULT_SPEECH_FORMAT = "wav"


def speech(body: dict, personality: str) -> tuple[bytes, str]:
    """(audio, format) for a speech request, or a WireError the way each API rejects it."""
    unknown = sorted(set(body) - SPEECH_FIELDS[personality])
    required = ("input", "model", "voice") if personality == "openai" else ("input",)
    fmt = body.get("response_format") or ("mp3" if personality == "openai" else MISTRAL_DEFAULT_SPEECH_FORMAT)
    if personality == "mistral":
        missing = [name for name in required if name not in body]
        if missing or unknown:
            raise _MistralWire._unprocessable([_MistralWire._missing(["body", name], None) for name in missing]
                                              + [_MistralWire._extra(["body", name], body[name]) for name in unknown])
        voice = body.get("voice_id")
        if voice is None and not body.get("ref_audio"):
            raise _MistralWire._unprocessable([_MistralWire._missing(["body", "voice_id"], None)])
        if voice is not None and not _MISTRAL_VOICE.fullmatch(str(voice)):
            raise _MistralWire._unprocessable([{"type": "value_error", "loc": ["body", "voice_id"],
                                                "msg": f"Voice {voice!r} not found", "input": voice}])
        if body.get("stream"):
            raise WireError(400, "streamed speech is not served by the wire server")
    else:
        _OpenAIWire._check_fields(body, required, SPEECH_FIELDS["openai"])
        if body.get("stream_format", "audio") != "audio":
            raise WireError(400, "the wire server answers stream_format=audio only")
    if fmt not in SPEECH_FORMATS[personality]:
        raise WireError(400 if personality == "openai" else 422, f"response_format {fmt!r} is not supported")
    return speech_audio(str(body["input"]), fmt, float(body.get("speed", 1.0))), fmt


def speech_audio(text: str, fmt: str, speed: float = 1.0) -> bytes:
    """Deterministic stand-in audio: the format's magic bytes, then about 4 bytes a character of the
    text at speed 1 (fewer when faster), derived from the text."""
    size = max(16, int(len(text.encode()) * 4 / speed))
    seed = f"{fmt}|{speed}|{text}".encode()
    blocks = b"".join(hashlib.sha256(seed + i.to_bytes(4, "big")).digest() for i in range(size // 32 + 1))
    return _SPEECH_MAGIC[fmt] + blocks[:size]


def _multipart(content_type: str, raw: bytes) -> dict[str, tuple[str | None, bytes]]:
    """``name -> (filename, bytes)`` from a multipart/form-data body (stdlib email parser)."""
    from email.parser import BytesParser
    from email.policy import HTTP

    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + raw)
    fields: dict[str, tuple[str | None, bytes]] = {}
    for part in message.iter_parts() if message.is_multipart() else ():
        name = part.get_param("name", header="content-disposition")
        if name:
            fields[name] = (part.get_filename(), part.get_payload(decode=True) or b"")
    return fields


def run_batch_line(line: dict, job: dict, index: int, personality: str = "mistral") -> tuple[dict, bool]:
    """One batch input line -> (output line, ok): the same replies as the live endpoint. Mistral's lines
    are ``{"custom_id", "body"}`` (the job names the endpoint and may name the model), OpenAI's
    ``{"custom_id", "method": "POST", "url": <the job's endpoint>, "body"}``; a line of the other
    shape is an error line (stricter than Mistral documents: it catches lines a migration missed)."""
    custom_id = line.get("custom_id", str(index))
    body = dict(line.get("body") or {})
    if job.get("model") and "model" not in body:
        body["model"] = job["model"]
    request_id = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:32]
    wire = _WIRES[personality]
    try:
        extra = sorted(set(line) - ({"custom_id", "body"} if personality == "mistral" else
                                    {"custom_id", "method", "url", "body"}))
        if extra:
            raise WireError(400, f"unexpected key(s) in a batch line: {', '.join(extra)}")
        if personality == "openai" and (line.get("method") != "POST" or line.get("url") != job["endpoint"]):
            raise WireError(400, f"the line's method/url must be POST {job['endpoint']}")
        if job["endpoint"] == "/v1/embeddings":
            wire.validate_embeddings(body)
            answer = wire.embeddings(body, _embedding_inputs(body.get("input")), request_id)
        else:
            wire.validate_chat(body)
            answer = wire.completion(body, build_chat_reply(body, personality), request_id)
    except WireError as err:
        return ({"id": f"batch-{request_id[:12]}", "custom_id": custom_id,
                 "response": {"status_code": err.status, "body": wire.error_body(err)},
                 "error": {"message": str(err.message), "code": err.status}}, False)
    return ({"id": f"batch-{request_id[:12]}", "custom_id": custom_id,
             "response": {"status_code": 200, "request_id": request_id, "body": answer}, "error": None}, True)


_OPENAI_STATUSES = {"QUEUED": "validating", "RUNNING": "in_progress", "SUCCESS": "completed", "FAILED": "failed",
                    "TIMEOUT_EXCEEDED": "expired", "CANCELLATION_REQUESTED": "cancelling", "CANCELLED": "cancelled"}


def _file_meta(meta: dict, personality: str) -> dict:
    """A stored file as each API describes it (OpenAI's FileObject, Mistral's file response)."""
    if personality == "openai":
        return {key: meta[key] for key in ("id", "object", "bytes", "created_at", "filename", "purpose")} | {
            "status": "processed", "expires_at": None, "status_details": None}
    return meta | {"deleted": False}


def _page(items: list, query: dict, personality: str) -> dict:
    """A list answer: Mistral's one page (``page`` / ``page_size``, 100 by default, with ``total``),
    OpenAI's cursor page (``limit`` items after ``after``, with ``has_more``)."""
    if personality == "mistral":
        size, page = int(query.get("page_size", ["100"])[0]), int(query.get("page", ["0"])[0])
        return {"object": "list", "data": items[page * size:(page + 1) * size], "total": len(items)}
    after = query.get("after", [None])[0]
    start = next((i + 1 for i, item in enumerate(items) if item["id"] == after), 0) if after else 0
    limit = int(query.get("limit", ["20"])[0])
    data = items[start:start + limit]
    return {"object": "list", "data": data, "has_more": start + limit < len(items),
            "first_id": data[0]["id"] if data else None, "last_id": data[-1]["id"] if data else None}


def _openai_batch(job: dict, body: dict | None = None) -> dict:
    """A Mistral-shaped job record as OpenAI's Batch object."""
    return {"id": job["id"], "object": "batch", "endpoint": job["endpoint"], "errors": None,
            "input_file_id": job["input_files"][0], "completion_window": (body or {}).get("completion_window", "24h"),
            "status": _OPENAI_STATUSES[job["status"]], "output_file_id": job["output_file"],
            "error_file_id": job["error_file"], "created_at": job["created_at"], "in_progress_at": job["started_at"],
            "completed_at": job["completed_at"], "metadata": job["metadata"],
            "request_counts": {"total": job["total_requests"], "completed": job["succeeded_requests"],
                               "failed": job["failed_requests"]}}


def _seconds(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    wire: "WireServer"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients dropping connections (or our own resets) are normal here: stay quiet."""


# ----------------------------------------------------------------------------------------------
# Public API
# ----------------------------------------------------------------------------------------------

class WireServer:
    """A loopback server with an OpenAI or Mistral personality (see the module docstring)."""

    def __init__(self, personality: str = "openai", latency: float = 0.0,
                 host: str = "127.0.0.1", port: int = 0):
        if personality not in PERSONALITIES:
            raise ValueError(f"personality must be one of {PERSONALITIES}, not {personality!r}")
        self.personality = personality
        self.latency = float(latency)
        self._host, self._port = host, port
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []
        self._faults: collections.deque[Fault] = collections.deque()
        self._connections: set[socket.socket] = set()
        self._files: dict[str, dict] = {}  # Mistral files API: id -> {"content", "meta"}
        self._jobs: dict[str, dict] = {}   # Mistral batch jobs: id -> job body (+ polls)
        self.batch_polls_until_done = 1    # GETs that still answer RUNNING before SUCCESS
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle --------------------------------------------------------------------------

    def start(self) -> "WireServer":
        if self._httpd is not None:
            return self
        httpd = _HTTPServer((self._host, self._port), _Handler)
        httpd.wire = self
        self._httpd = httpd
        self._thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"wire-server-{self.personality}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.server_close()
        with self._lock:
            connections = list(self._connections)
        for conn in connections:  # unblock handler threads waiting on idle keep-alive sockets
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> "WireServer":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    # -- addresses --------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("WireServer is not started")
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT`` (no trailing slash, no /v1)."""
        return f"http://{self._host}:{self.port}"

    @property
    def openai_base_url(self) -> str:
        """What ``OpenAI(base_url=...)`` / ``OPENAI_BASE_URL`` take: the URL plus ``/v1``."""
        return self.url + "/v1"

    @property
    def mistral_server_url(self) -> str:
        """What ``Mistral(server_url=...)`` takes: the URL without ``/v1``."""
        return self.url

    # -- recording and faults -----------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """A snapshot of the requests received so far, oldest first."""
        with self._lock:
            return list(self._requests)

    @property
    def pending_faults(self) -> int:
        with self._lock:
            return len(self._faults)

    def reset(self) -> None:
        """Forget recorded requests and drop pending faults."""
        with self._lock:
            self._requests.clear()
            self._faults.clear()

    def inject(self, *, status: int | None = None, retry_after: float | None = None,
               delay: float = 0.0, reset: bool = False, torn_stream: bool = False,
               count: int = 1, message: str | None = None) -> None:
        """Queue a fault for the next ``count`` requests (after faults already queued).

        Exactly one of ``status`` / ``reset`` / ``torn_stream`` may be given; ``delay`` (seconds)
        combines with any of them or stands alone. ``retry_after`` (seconds) adds a Retry-After
        header to a status fault; ``message`` overrides the error message.
        """
        if sum((status is not None, reset, torn_stream)) > 1:
            raise ValueError("give at most one of status, reset, torn_stream")
        if status is None and not (reset or torn_stream or delay > 0):
            raise ValueError("inject() needs status, reset, torn_stream or delay")
        if retry_after is not None and status is None:
            raise ValueError("retry_after needs a status")
        if count < 1:
            raise ValueError("count must be >= 1")
        fault = Fault(status=status, retry_after=retry_after, delay=float(delay), reset=reset,
                      torn_stream=torn_stream, message=message)
        with self._lock:
            self._faults.extend([fault] * count)

    def _next_fault(self) -> Fault | None:
        with self._lock:
            return self._faults.popleft() if self._faults else None

    # -- Mistral files and batch jobs ------------------------------------------------------

    def _store_file(self, filename: str, content: bytes, purpose: str) -> dict:
        with self._lock:
            file_id = f"file-{len(self._files) + 1:04d}-{hashlib.sha256(content).hexdigest()[:8]}"
            meta = {"id": file_id, "object": "file", "bytes": len(content), "created_at": CREATED,
                    "filename": filename, "purpose": purpose, "sample_type": "batch_request"
                    if purpose == "batch" else "instruct", "source": "upload",
                    "num_lines": content.count(b"\n")}
            self._files[file_id] = {"content": content, "meta": meta}
        return meta

    def _create_job(self, body: dict, personality: str = "mistral") -> dict:
        """Runs the whole batch at once; polls then report RUNNING a few times, then SUCCESS."""
        outputs, errors = [], []
        index = 0
        for file_id in body["input_files"]:
            stored = self._files.get(file_id)
            if stored is None:
                raise WireError(404, f"File {file_id} not found")
            for raw_line in stored["content"].splitlines():
                if not raw_line.strip():
                    continue
                try:
                    line = json.loads(raw_line)
                except ValueError:
                    errors.append({"custom_id": None, "error": {"message": "invalid JSON line"}})
                    continue
                out, ok = run_batch_line(line, body, index, personality)
                (outputs if ok else errors).append(out)
                index += 1
        with self._lock:
            job_id = f"job-{len(self._jobs) + 1:04d}"
        output_file = self._store_file(f"{job_id}.jsonl", "".join(
            json.dumps(o) + "\n" for o in outputs).encode(), "batch_result")["id"]
        error_file = self._store_file(f"{job_id}-errors.jsonl", "".join(
            json.dumps(e) + "\n" for e in errors).encode(), "batch_error")["id"] if errors else None
        job = {"id": job_id, "object": "batch", "input_files": body["input_files"],
               "endpoint": body["endpoint"], "model": body.get("model"),
               "metadata": body.get("metadata"), "errors": [], "status": "QUEUED",
               "created_at": CREATED, "total_requests": index, "completed_requests": 0,
               "succeeded_requests": 0, "failed_requests": 0, "output_file": None,
               "error_file": None, "started_at": None, "completed_at": None}
        with self._lock:
            self._jobs[job_id] = {"job": job, "polls": 0, "output_file": output_file,
                                  "error_file": error_file, "ok": len(outputs),
                                  "failed": len(errors)}
        return job

    def _poll_job(self, job_id: str, cancel: bool = False, count: bool = True) -> dict | None:
        """The job as a GET sees it (``count=False``: as a listing shows it, without counting a poll)."""
        with self._lock:
            state = self._jobs.get(job_id)
            if state is None:
                return None
            if cancel:
                state["cancelled"] = True
            state["polls"] += 1 if count else 0
            job = dict(state["job"])
            if state.get("cancelled"):
                job.update(status="CANCELLATION_REQUESTED" if cancel else "CANCELLED")
            elif state["polls"] <= self.batch_polls_until_done:
                job.update(status="RUNNING", started_at=CREATED)
            else:
                job.update(status="SUCCESS", started_at=CREATED, completed_at=CREATED + 1,
                           completed_requests=job["total_requests"],
                           succeeded_requests=state["ok"], failed_requests=state["failed"],
                           output_file=state["output_file"], error_file=state["error_file"])
            return job

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(request)

    def _track(self, conn: socket.socket, *, add: bool) -> None:
        with self._lock:
            (self._connections.add if add else self._connections.discard)(conn)

    def __repr__(self) -> str:
        where = self.url if self._httpd else "stopped"
        return f"WireServer({self.personality!r}, {where})"


_PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")
_PROVIDER_PREFIXES = ("OPENAI_", "MISTRAL_", "AZURE_OPENAI_")


def program_env(openai_server: WireServer, mistral_server: WireServer,
                base: dict[str, str] | None = None) -> dict[str, str]:
    """A full environment for running a program as a subprocess against the two servers.

    Starts from ``base`` (default ``os.environ``), removes proxies and every inherited
    ``OPENAI_*`` / ``MISTRAL_*`` / ``AZURE_OPENAI_*`` variable (no real key can leak into a test
    program), then sets dummy keys, ``OPENAI_BASE_URL`` (with /v1), ``MISTRAL_SERVER_URL``
    (without /v1; a name the codemod emits, the SDK does not read it) and ``NO_PROXY=*``.
    """
    env = dict(os.environ if base is None else base)
    for name in list(env):
        if name in _PROXY_VARS or name.upper() == "NO_PROXY" or name.startswith(_PROVIDER_PREFIXES):
            del env[name]
    env.update({
        "OPENAI_API_KEY": TEST_API_KEY,
        "OPENAI_BASE_URL": openai_server.openai_base_url,
        "MISTRAL_API_KEY": TEST_API_KEY,
        "MISTRAL_SERVER_URL": mistral_server.mistral_server_url,
        # a converted bare Mistral() goes to the SDK's default server: routing/sitecustomize.py
        # points that at the wire server (the real SDK, real sockets; only the destination changes)
        "MIGRATOR_TEST_MISTRAL_DEFAULT_SERVER": mistral_server.mistral_server_url,
        # stand_ins: libraries a program's consumer code calls (streamlit's write_stream), not the SDKs
        "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(__file__).parent / "routing"),
                                                    str(Path(__file__).parent / "stand_ins"),
                                                    env.get("PYTHONPATH")])),
        "NO_PROXY": "*",
        "no_proxy": "*",
    })
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Loopback OpenAI/Mistral wire server for tests.")
    parser.add_argument("--personality", choices=PERSONALITIES, default="openai")
    parser.add_argument("--port", type=int, default=0, help="0 (default) picks a free port")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to every request")
    args = parser.parse_args(argv)
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    signal.signal(signal.SIGINT, lambda *_: stopped.set())
    with WireServer(args.personality, latency=args.latency, port=args.port) as server:
        print(server.url, flush=True)
        while not stopped.wait(0.5):
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
