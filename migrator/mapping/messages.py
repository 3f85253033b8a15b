"""Message-level transforms, OpenAI chat history -> Mistral (api-mapping.md §2.3, §6.1, §6.3).

Plain functions over request dicts, so that the parity harness (runtime translation of recorded
histories) and the codemods (literal message lists) share them. Each raises ``Unmappable`` when a
message has no exact Mistral form; none of them mutates its input.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, Iterable, Optional

from migrator.mapping.policies import Unmappable

MISTRAL_TOOL_CALL_ID = re.compile(r"[A-Za-z0-9]{9}")
_BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

# Keys each Mistral 3.7 message model declares; anything else is dropped (the SDK would drop it
# silently, the raw API answers 422 extra_forbidden).
MISTRAL_MESSAGE_KEYS = {
    "system": frozenset({"role", "content"}),
    "user": frozenset({"role", "content"}),
    "assistant": frozenset({"role", "content", "tool_calls", "prefix"}),
    "tool": frozenset({"role", "content", "tool_call_id", "name"}),
}
# OpenAI's few-shot idiom: examples as system messages named so, which Mistral reads as bare instructions (it drops
# the name): held-out review 117, Y3
FEW_SHOT_NAMES = frozenset({"example_user", "example_assistant"})
# Content-part types whose bytes are the same in both APIs.
_SAME_PARTS = ("text", "image_url")


def mistral_tool_call_id(openai_id: str, salt: int = 0) -> str:
    """A deterministic 9-character ``[A-Za-z0-9]`` id for an OpenAI ``call_…`` id.

    An id that already has Mistral's shape is kept as it is.
    """
    if salt == 0 and MISTRAL_TOOL_CALL_ID.fullmatch(openai_id):
        return openai_id
    number = int.from_bytes(hashlib.sha256(f"{salt}:{openai_id}".encode()).digest(), "big")
    chars = []
    for _ in range(9):
        number, rem = divmod(number, 62)
        chars.append(_BASE62[rem])
    return "".join(chars)


class ToolCallIds:
    """One conversation's id map: the same old id always gets the same new id, and no two old ids
    share a new one."""

    def __init__(self) -> None:
        self._new: dict[str, str] = {}
        self._taken: set[str] = set()

    def __call__(self, old_id: Any) -> str:
        old = str(old_id)
        if old not in self._new:
            salt = 0
            new = mistral_tool_call_id(old)
            while new in self._taken:
                salt += 1
                new = mistral_tool_call_id(old, salt)
            self._new[old] = new
            self._taken.add(new)
        return self._new[old]

    @property
    def mapping(self) -> dict[str, str]:
        return dict(self._new)


def content_part(part: Any) -> Any:
    """One OpenAI user content part -> its Mistral form (§2.3)."""
    if not isinstance(part, dict):
        return part
    kind = part.get("type")
    if kind in _SAME_PARTS:
        return part
    if kind == "input_audio":
        audio = part.get("input_audio")
        data = audio.get("data") if isinstance(audio, dict) else audio
        if not isinstance(data, str):
            raise Unmappable("input_audio part without base64 data")
        return {"type": "input_audio", "input_audio": data}
    if kind == "file":
        file = part.get("file") or {}
        if isinstance(file, dict) and file.get("file_id"):
            return {"type": "file", "file_id": file["file_id"]}
        raise Unmappable("file content parts need a file_id (inline file_data has no Mistral form)")
    raise Unmappable(f"content part type {kind!r} has no Mistral equivalent")


def content(value: Any) -> Any:
    if isinstance(value, list):
        return [content_part(p) for p in value]
    return value


def _tool_call(call: Any, ids: ToolCallIds) -> Any:
    if not isinstance(call, dict):
        return call
    if call.get("type") not in (None, "function"):
        raise Unmappable(f"tool call type {call.get('type')!r} has no Mistral equivalent")
    out = {"id": ids(call["id"]) if call.get("id") is not None else None,
           "type": "function", "function": call.get("function")}
    return {k: v for k, v in out.items() if v is not None}


def chat_messages(messages: Iterable[Any], notes: Optional[list[str]] = None) -> list[dict]:
    """An OpenAI chat history as a Mistral one.

    ``developer`` becomes ``system``; tool-call ids are rewritten consistently to Mistral's shape
    (assistant ``tool_calls[i].id`` and the matching tool ``tool_call_id``); legacy
    ``function_call`` / ``function`` turns become a tool call and its tool result; content parts
    follow §2.3; keys Mistral does not declare (``name`` on user messages, ``refusal``,
    ``audio``…) are dropped. Each change that may matter is appended to ``notes``.
    """
    notes = notes if notes is not None else []
    ids = ToolCallIds()
    pending_function: dict[str, str] = {}  # legacy function name -> id of its synthetic call
    out: list[dict] = []
    for index, message in enumerate(messages):
        if not isinstance(message, dict):
            raise Unmappable(f"message {index} is not an object")
        role = message.get("role")
        msg = dict(message)
        if role == "developer":
            msg["role"] = role = "system"
            notes.append(f"messages[{index}]: developer role sent as system")
        elif role == "function":
            name = msg.get("name")
            if name not in pending_function:
                raise Unmappable(f"messages[{index}]: legacy function result with no tracked call")
            msg = {"role": "tool", "name": name, "tool_call_id": pending_function.pop(name),
                   "content": msg.get("content")}
            role = "tool"
        if role not in MISTRAL_MESSAGE_KEYS:
            raise Unmappable(f"messages[{index}]: role {role!r} has no Mistral equivalent")
        if role == "assistant":
            legacy = msg.pop("function_call", None)
            if legacy and not msg.get("tool_calls"):
                call_id = ids(f"legacy-function-{index}")
                pending_function[legacy.get("name")] = call_id
                msg["tool_calls"] = [{"id": call_id, "type": "function", "function": legacy}]
                notes.append(f"messages[{index}]: legacy function_call sent as a tool call")
            if msg.get("tool_calls"):
                msg["tool_calls"] = [_tool_call(c, ids) for c in msg["tool_calls"]]
        elif role == "tool" and msg.get("tool_call_id") is not None:
            msg["tool_call_id"] = ids(msg["tool_call_id"])
        if "content" in msg:
            msg["content"] = content(msg["content"])
        dropped = sorted(k for k in msg if k not in MISTRAL_MESSAGE_KEYS[role])
        for key in dropped:
            if msg[key] is not None:
                notes.append(f"messages[{index}]: {key} dropped (not in Mistral's {role} message)")
            del msg[key]
        out.append(msg)
    return out


def tool_definitions(tools: Any) -> Any:
    """Function tools with ``parameters`` made explicit: Mistral requires it, OpenAI does not (§6.1)."""
    if not isinstance(tools, list):
        return tools
    out = []
    for tool in tools:
        function = tool.get("function") if isinstance(tool, dict) else None
        if isinstance(function, dict) and function.get("parameters") is None:
            tool = {**tool, "function": {**function,
                                         "parameters": {"type": "object", "properties": {}}}}
        out.append(tool)
    return out
