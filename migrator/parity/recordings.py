"""Recordings in and out: the native JSONL format, importers, validation, scrubbing.

Native format (DESIGN.md "Parity harness"): one JSON object a line, ``{"id", "endpoint",
"request", "response", "meta"}``. Files are streamed line by line and never loaded whole. A
malformed line is reported with its file and line number and skipped; the rest still load.

Importers: OpenAI Batch API input JSONL (optionally joined with its output JSONL by
``custom_id``) and VCR.py cassettes (YAML; only OpenAI endpoints are kept). Everything written goes
through a ``Scrubber`` first.
"""

from __future__ import annotations

import json
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence, Union
from urllib.parse import urlsplit

from migrator.parity.model import ENDPOINTS, Recording

REDACTED = "[REDACTED]"
SECRET_HEADERS = frozenset({"authorization", "api-key", "x-api-key", "openai-api-key",
                            "proxy-authorization", "cookie", "set-cookie"})
# sk-…, sk-proj-…, sk-svcacct-… (OpenAI), and the Bearer form whatever the token looks like.
_BUILTIN_PATTERNS = (r"\bsk-[A-Za-z0-9_\-]{16,}", r"(?<=[Bb][Ee][Aa][Rr][Ee][Rr] )[A-Za-z0-9._~+/=\-]{8,}")
_SECRET_KEY_IN_JSON = re.compile(
    r'"(?i:' + "|".join(re.escape(h) for h in sorted(SECRET_HEADERS)) + r')"\s*:')
# Environment variables whose values are secrets wherever they turn up.
_SECRET_ENV_NAME = re.compile(r"(KEY|TOKEN|SECRET|PASSWORD)", re.I)
_MIN_ENV_SECRET = 8

# URL path suffix -> endpoint (VCR cassettes, Batch API ``url``, the recording proxy).
_PATH_ENDPOINTS = (("/chat/completions", "chat.completions"), ("/embeddings", "embeddings"),
                   ("/responses", "responses"))


def endpoint_for_path(path: str) -> Optional[str]:
    path = urlsplit(path).path.rstrip("/")
    for suffix, endpoint in _PATH_ENDPOINTS:
        if path.endswith(suffix):
            return endpoint
    return None


# ---- scrubbing ----------------------------------------------------------------------------------

class Scrubber:
    """Removes secrets from anything about to be written.

    Header values under ``Authorization``, ``api-key`` and friends; ``sk-…`` keys and Bearer
    tokens anywhere in a string; user regexes; and the literal values of environment variables
    whose names say KEY / TOKEN / SECRET / PASSWORD (so a key the app put in a prompt is caught
    too).
    """

    def __init__(self, patterns: Sequence[str] = (), *, environ: Optional[dict[str, str]] = None,
                 secrets: Sequence[str] = ()):
        env = os.environ if environ is None else environ
        literals = [v for k, v in env.items() if _SECRET_ENV_NAME.search(k)
                    and v and len(v) >= _MIN_ENV_SECRET]
        literals += [s for s in secrets if s]
        parts = [re.escape(s) for s in sorted(set(literals), key=len, reverse=True)]
        parts += list(_BUILTIN_PATTERNS) + list(patterns)
        self._regex = re.compile("|".join(f"(?:{p})" for p in parts))
        # The same secrets as they appear inside JSON text (escaped), for ``dumps``.
        escaped = {json.dumps(s, ensure_ascii=False)[1:-1] for s in literals}
        json_parts = [re.escape(s) for s in sorted(escaped, key=len, reverse=True)]
        self._json_regex = re.compile("|".join(f"(?:{p})" for p in json_parts + list(_BUILTIN_PATTERNS)))
        self._user_patterns = bool(patterns)

    def text(self, value: str) -> str:
        return self._regex.sub(REDACTED, value)

    def __call__(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {k: (REDACTED if isinstance(k, str) and k.lower() in SECRET_HEADERS
                        and v is not None else self(v)) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self(v) for v in value]
        return value

    def dumps(self, data: Any) -> str:
        """``json.dumps(self(data))``, faster: one regex pass over the JSON text when that is
        equivalent (no user patterns, which may be written against decoded text, and no secret
        header key anywhere)."""
        text = json.dumps(data, ensure_ascii=False)
        if self._user_patterns or _SECRET_KEY_IN_JSON.search(text):
            return json.dumps(self(data), ensure_ascii=False)
        return self._json_regex.sub(REDACTED, text)

    def recording(self, recording: Recording) -> Recording:
        return Recording.from_dict(self(recording.to_dict()))


# ---- validation ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class RecordingError:
    source: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.message}"


@dataclass
class LoadStats:
    """What a load saw: records loaded, malformed ones (with where and why), skipped ones."""

    loaded: int = 0
    skipped: int = 0  # well-formed but not for us (a non-OpenAI endpoint in a cassette, …)
    errors: list[RecordingError] = field(default_factory=list)

    @property
    def invalid(self) -> int:
        return len(self.errors)


class InvalidRecording(ValueError):
    pass


def validate(data: Any) -> Recording:
    """A Recording from a parsed JSON line, or ``InvalidRecording`` saying what is wrong."""
    if not isinstance(data, dict):
        raise InvalidRecording(f"expected a JSON object, got {type(data).__name__}")
    missing = [k for k in ("id", "endpoint", "request") if k not in data]
    if missing:
        raise InvalidRecording(f"missing field(s): {', '.join(missing)}")
    if not isinstance(data["id"], (str, int)) or str(data["id"]) == "":
        raise InvalidRecording("'id' must be a non-empty string")
    if data["endpoint"] not in ENDPOINTS:
        raise InvalidRecording(f"'endpoint' must be one of {', '.join(ENDPOINTS)}, "
                               f"not {data['endpoint']!r}")
    request = data["request"]
    if not isinstance(request, dict):
        raise InvalidRecording("'request' must be an object")
    if not isinstance(request.get("model"), str):
        raise InvalidRecording("'request.model' must be a string")
    if data["endpoint"] == "chat.completions" and not (
            isinstance(request.get("messages"), list) and request["messages"]):
        raise InvalidRecording("'request.messages' must be a non-empty list")
    if data["endpoint"] == "embeddings" and "input" not in request:
        raise InvalidRecording("'request.input' is missing")
    if data.get("response") is not None and not isinstance(data["response"], dict):
        raise InvalidRecording("'response' must be an object or null")
    if data.get("meta") is not None and not isinstance(data["meta"], dict):
        raise InvalidRecording("'meta' must be an object")
    return Recording.from_dict(data)


# ---- reading ------------------------------------------------------------------------------------

def _json_lines(path: Path, stats: LoadStats,
                on_error: Optional[Callable[[RecordingError], None]]) -> Iterator[tuple[int, Any]]:
    with path.open("r", encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except ValueError as exc:
                _error(stats, on_error, RecordingError(str(path), number, f"not valid JSON ({exc})"))


def _error(stats: LoadStats, on_error: Optional[Callable[[RecordingError], None]],
           error: RecordingError) -> None:
    stats.errors.append(error)
    if on_error is not None:
        on_error(error)


def read_native(path: Union[str, Path], stats: Optional[LoadStats] = None,
                on_error: Optional[Callable[[RecordingError], None]] = None) -> Iterator[Recording]:
    """Recordings from a native JSONL file, one at a time."""
    path, stats = Path(path), stats if stats is not None else LoadStats()
    for number, data in _json_lines(path, stats, on_error):
        try:
            recording = validate(data)
        except InvalidRecording as exc:
            _error(stats, on_error, RecordingError(str(path), number, str(exc)))
            continue
        stats.loaded += 1
        yield recording


def _batch_output_index(path: Path) -> dict[str, int]:
    """custom_id -> byte offset of its line in a Batch output file (bodies stay on disk)."""
    index: dict[str, int] = {}
    with path.open("rb") as handle:
        offset = 0
        for line in handle:
            match = re.search(rb'"custom_id"\s*:\s*"((?:[^"\\]|\\.)*)"', line)
            if match:
                index[json.loads(b'"' + match.group(1) + b'"')] = offset
            offset += len(line)
    return index


def read_openai_batch(input_path: Union[str, Path], output_path: Union[str, Path, None] = None,
                      stats: Optional[LoadStats] = None,
                      on_error: Optional[Callable[[RecordingError], None]] = None
                      ) -> Iterator[Recording]:
    """Recordings from an OpenAI Batch API input file (``custom_id``, ``url``, ``body``), with
    responses from the matching output file when given."""
    input_path, stats = Path(input_path), stats if stats is not None else LoadStats()
    index = _batch_output_index(Path(output_path)) if output_path else {}
    output = Path(output_path).open("rb") if output_path else None
    try:
        for number, data in _json_lines(input_path, stats, on_error):
            if not isinstance(data, dict) or not {"custom_id", "url", "body"} <= set(data):
                _error(stats, on_error, RecordingError(
                    str(input_path), number, "not a Batch API input line (custom_id, url, body)"))
                continue
            endpoint = endpoint_for_path(str(data["url"]))
            if endpoint is None:
                stats.skipped += 1
                continue
            response, meta = None, {"source": f"{input_path.name}:{number}",
                                    "format": "openai-batch"}
            if output is not None and data["custom_id"] in index:
                output.seek(index[data["custom_id"]])
                try:
                    result = json.loads(output.readline())
                    body = (result.get("response") or {}).get("body")
                    status = (result.get("response") or {}).get("status_code")
                    if status == 200 and isinstance(body, dict):
                        response = body
                    else:
                        meta["recorded_error"] = result.get("error") or {"status": status,
                                                                          "body": body}
                except ValueError as exc:
                    meta["recorded_error"] = {"message": f"unreadable output line: {exc}"}
            try:
                recording = validate({"id": data["custom_id"], "endpoint": endpoint,
                                      "request": data["body"], "response": response, "meta": meta})
            except InvalidRecording as exc:
                _error(stats, on_error, RecordingError(str(input_path), number, str(exc)))
                continue
            stats.loaded += 1
            yield recording
    finally:
        if output is not None:
            output.close()


def _vcr_body(body: Any) -> Optional[str]:
    if isinstance(body, dict):
        body = body.get("string")
    if isinstance(body, bytes):
        body = body.decode("utf-8", errors="replace")
    return body if isinstance(body, str) else None


def read_vcr(path: Union[str, Path], stats: Optional[LoadStats] = None,
             on_error: Optional[Callable[[RecordingError], None]] = None) -> Iterator[Recording]:
    """Recordings from a VCR.py cassette. Interactions with non-OpenAI endpoints are skipped.

    A cassette is one YAML document, so it is parsed whole (cassettes are small; JSONL is the
    format for large sets).
    """
    import yaml

    path, stats = Path(path), stats if stats is not None else LoadStats()
    try:
        with path.open("rb") as handle:
            document = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        _error(stats, on_error, RecordingError(str(path), mark.line + 1 if mark else 0,
                                               f"not valid YAML ({getattr(exc, 'problem', exc)})"))
        return
    interactions = document.get("interactions") if isinstance(document, dict) else None
    if not isinstance(interactions, list):
        _error(stats, on_error, RecordingError(str(path), 1, "no 'interactions' list"))
        return
    for number, interaction in enumerate(interactions, 1):
        where = f"interaction {number}"
        try:
            request, response = interaction["request"], interaction["response"]
            endpoint = endpoint_for_path(request["uri"])
            if endpoint is None or request.get("method", "POST").upper() != "POST":
                stats.skipped += 1
                continue
            body = json.loads(_vcr_body(request.get("body")) or "null")
            status = (response.get("status") or {}).get("code")
            text = _vcr_body(response.get("body")) or ""
            meta: dict[str, Any] = {"source": f"{path.name}#{number}", "format": "vcr"}
            reply = None
            if status == 200 and text.lstrip().startswith("data:"):
                events = list(parse_sse(text.encode()))
                reply = assemble_chat_stream(events)
            elif status == 200 and text:
                reply = json.loads(text)
            else:
                meta["recorded_error"] = {"status": status, "body": text[:2000]}
            recording = validate({"id": f"{path.stem}-{number}", "endpoint": endpoint,
                                  "request": body, "response": reply, "meta": meta})
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            message = str(exc) if isinstance(exc, InvalidRecording) else f"malformed ({exc!r})"
            _error(stats, on_error, RecordingError(str(path), number, f"{where}: {message}"))
            continue
        stats.loaded += 1
        yield recording


def detect_format(path: Union[str, Path]) -> str:
    """``native``, ``openai-batch`` or ``vcr``, from the extension and the first JSON line."""
    path = Path(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        return "vcr"
    with path.open("r", encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if line.strip():
                try:
                    data = json.loads(line)
                except ValueError:
                    return "native"
                if isinstance(data, dict) and "custom_id" in data and "body" in data:
                    return "openai-batch"
                return "native"
    return "native"


def read_recordings(paths: Iterable[Union[str, Path]], stats: Optional[LoadStats] = None,
                    on_error: Optional[Callable[[RecordingError], None]] = None,
                    batch_output: Optional[Union[str, Path]] = None) -> Iterator[Recording]:
    """Recordings from any mix of native JSONL, Batch input JSONL and VCR cassettes (directories
    are walked for ``*.jsonl``, ``*.yaml``, ``*.yml``)."""
    stats = stats if stats is not None else LoadStats()
    for path in _expand(paths):
        kind = detect_format(path)
        if kind == "vcr":
            yield from read_vcr(path, stats, on_error)
        elif kind == "openai-batch":
            yield from read_openai_batch(path, batch_output, stats, on_error)
        else:
            yield from read_native(path, stats, on_error)


def _expand(paths: Iterable[Union[str, Path]]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*")
                              if p.suffix.lower() in (".jsonl", ".yaml", ".yml") and p.is_file())
        else:
            yield path


# ---- writing ------------------------------------------------------------------------------------

class RecordingWriter:
    """Appends scrubbed recordings to a native JSONL file, one flushed line each (thread-safe)."""

    def __init__(self, path: Union[str, Path], scrubber: Optional[Scrubber] = None):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.scrubber = scrubber or Scrubber()
        self._lock = threading.Lock()
        self._handle = self.path.open("a", encoding="utf-8")
        self.written = 0

    def write(self, recording: Recording) -> None:
        line = json.dumps(self.scrubber.recording(recording).to_dict(), ensure_ascii=False)
        with self._lock:
            self._handle.write(line + "\n")
            self._handle.flush()
            self.written += 1

    def close(self) -> None:
        with self._lock:
            self._handle.close()

    def __enter__(self) -> "RecordingWriter":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def import_recordings(sources: Iterable[Union[str, Path]], out: Union[str, Path], *,
                      scrubber: Optional[Scrubber] = None, batch_output: Optional[Path] = None,
                      on_error: Optional[Callable[[RecordingError], None]] = None) -> LoadStats:
    """Convert Batch JSONL / VCR cassettes / native files into one scrubbed native JSONL file."""
    stats = LoadStats()
    with RecordingWriter(out, scrubber) as writer:
        for recording in read_recordings(sources, stats, on_error, batch_output):
            writer.write(recording)
    return stats


# ---- streamed bodies ----------------------------------------------------------------------------

def parse_sse(raw: bytes) -> Iterator[dict[str, Any]]:
    """The JSON ``data:`` events of an SSE body, up to ``[DONE]`` (torn tails are ignored)."""
    for block in raw.replace(b"\r\n", b"\n").split(b"\n\n"):
        data = b"\n".join(line[5:].lstrip() for line in block.split(b"\n")
                          if line.startswith(b"data:"))
        if not data:
            continue
        if data.strip() == b"[DONE]":
            return
        try:
            event = json.loads(data)
        except ValueError:
            continue
        if isinstance(event, dict):
            yield event


def sse_complete(raw: bytes) -> bool:
    """True when an SSE body ended with ``data: [DONE]``."""
    return raw.rstrip().endswith(b"[DONE]")


def assemble_chat_stream(events: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The chat.completion body a streamed exchange amounts to (OpenAI or Mistral chunks):
    content deltas joined, tool-call fragments merged by index, finish_reason and usage kept."""
    head: dict[str, Any] = {}
    choices: dict[int, dict[str, Any]] = {}
    usage = None
    for event in events:
        for key in ("id", "created", "model", "system_fingerprint"):
            if key in event and key not in head:
                head[key] = event[key]
        if event.get("usage"):
            usage = event["usage"]
        for chunk in event.get("choices") or []:
            index = chunk.get("index", 0)
            choice = choices.setdefault(index, {"index": index, "message": {
                "role": "assistant", "content": None}, "finish_reason": None})
            message, delta = choice["message"], chunk.get("delta") or {}
            piece = delta.get("content")
            if isinstance(piece, str):
                message["content"] = (message["content"] or "") + piece
            elif isinstance(piece, list):
                text = "".join(p.get("text", "") for p in piece if isinstance(p, dict))
                message["content"] = (message["content"] or "") + text
            if delta.get("refusal"):
                message["refusal"] = (message.get("refusal") or "") + delta["refusal"]
            for call in delta.get("tool_calls") or []:
                calls = message.setdefault("tool_calls", [])
                position = call.get("index", len(calls))
                while len(calls) <= position:
                    calls.append({"id": None, "type": "function",
                                  "function": {"name": "", "arguments": ""}})
                target, function = calls[position], call.get("function") or {}
                if call.get("id"):
                    target["id"] = call["id"]
                if function.get("name"):
                    target["function"]["name"] += function["name"]
                arguments = function.get("arguments")
                if isinstance(arguments, dict):
                    arguments = json.dumps(arguments)
                if arguments:
                    target["function"]["arguments"] += arguments
            if delta.get("function_call"):
                legacy = message.setdefault("function_call", {"name": "", "arguments": ""})
                legacy["name"] += delta["function_call"].get("name") or ""
                legacy["arguments"] += delta["function_call"].get("arguments") or ""
            if chunk.get("finish_reason"):
                choice["finish_reason"] = chunk["finish_reason"]
    body = {**head, "object": "chat.completion",
            "choices": [choices[i] for i in sorted(choices)]}
    if usage is not None:
        body["usage"] = usage
    return body
