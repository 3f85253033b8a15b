"""Compare a baseline reply with a candidate reply: structure first, then text, then assertions.

Each comparator is a small function ``(baseline, candidate, context) -> list[Finding]``; a sample's
verdict is the worst of its findings (``identical`` when there is none). The order of the checks
follows DESIGN.md "Parity harness":

1. errors (a side failed), empty replies, refusals, the finish-reason class (``model_length`` is
   ``length``);
2. JSON validity and JSON-schema conformance when the request asked for JSON (``response_format``)
   or the baseline answered JSON; tool calls (names, then arguments deep-diffed with deepdiff,
   order-insensitive, and checked against the tool's ``parameters`` schema);
3. text, only when neither JSON nor tool calls decided the sample: exact, normalized (whitespace,
   Unicode) equality, a word-level similarity ratio and a length ratio;
4. per-recording assertions from ``meta["assertions"]`` (contains, not-contains, regex, is-json,
   json-schema, equals), evaluated on the candidate; an assertion that the baseline fails as well
   is drift, not a regression.

Both sides are normalized first (:func:`normalize_reply`): Mistral reasoning models answer a list of
content chunks, Mistral tool arguments may be a dict, and its ``model_length`` finish reason means
``length`` (api-mapping.md §3, §4, §6). :func:`reply_from_body` builds a :class:`Reply` from a raw
chat-completions body of either provider.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterable, Mapping, Optional

import jsonschema
from deepdiff import DeepDiff

from migrator.parity.model import Finding, Reply, SampleResult, ToolCall, Verdict

# Refusals: OpenAI has a `refusal` field, Mistral does not, so a refusal is also recognized by how
# it starts (the first sentence), never by a phrase buried in a long answer.
DEFAULT_REFUSAL_PATTERNS = (
    r"^(i'?m|i am) (so |very )?sorry,? (but )?(i|we) (can(no|')?t|cannot|am unable|won'?t)",
    r"^(i|we) (can(no|')?t|cannot|won'?t|am unable to|'m unable to|am not able to) "
    r"(help|assist|provide|comply|do that|answer|fulfil|support|share|create|write|generate)",
    r"^(sorry|unfortunately),? (but )?(i|we) (can(no|')?t|cannot|am unable|won'?t)",
    r"^as an ai( language model)?,? i (can(no|')?t|cannot|am unable)",
)


@dataclass(frozen=True)
class Thresholds:
    """Where differences turn into verdicts. Defaults suit a model migration (rephrasing is fine).

    similarity_equivalent
        Word-level similarity ratio (difflib, 0..1) at or above which two different texts are
        ``equivalent``; below it they are ``drift``. 0.8 tolerates small edits, not a rephrasing.
    similarity_regression
        Below this ratio a text difference is a ``regression``. None (default): text alone never
        makes a regression, because a correct answer may be worded differently; use assertions.
    length_ratio_drift
        A candidate text longer than ``x`` times, or shorter than ``1/x`` times, the baseline is
        ``drift`` (reported even when the similarity check passes).
    length_ratio_regression
        Same, but a ``regression`` (None: off). Catches answers cut to a stub.
    infer_json_from_baseline
        When the request did not ask for JSON but the baseline answered a JSON object or array,
        check the candidate as JSON too (apps that prompt "answer in JSON" parse it).
    tool_args_ignore_string_case
        Tool arguments whose strings differ only in case and surrounding whitespace are
        ``equivalent`` rather than a regression.
    extra_tool_calls
        Verdict when the candidate makes more calls than the baseline (all expected calls present).
    client_error_is_regression
        A candidate request rejected with a 4xx (other than 408/429) is a ``regression`` (the
        translated request is wrong); timeouts, connection errors, 429s and 5xx are ``error``.
    refusal_patterns
        Regular expressions (case-insensitive, matched at the start of the normalized text) that
        mark a refusal.
    max_similarity_words
        Only the first N words enter the similarity ratio (difflib is quadratic in the worst case).
    """

    similarity_equivalent: float = 0.8
    similarity_regression: Optional[float] = None
    length_ratio_drift: float = 2.0
    length_ratio_regression: Optional[float] = None
    infer_json_from_baseline: bool = True
    tool_args_ignore_string_case: bool = True
    extra_tool_calls: Verdict = Verdict.DRIFT
    client_error_is_regression: bool = True
    refusal_patterns: tuple[str, ...] = DEFAULT_REFUSAL_PATTERNS
    max_similarity_words: int = 2000

    def __post_init__(self) -> None:
        for name in ("similarity_equivalent", "similarity_regression"):
            value = getattr(self, name)
            if value is not None and not 0.0 <= value <= 1.0:
                raise ValueError(f"Thresholds.{name} must be between 0 and 1, got {value!r}")
        for name in ("length_ratio_drift", "length_ratio_regression"):
            value = getattr(self, name)
            if value is not None and value < 1.0:
                raise ValueError(f"Thresholds.{name} must be >= 1 (a factor), got {value!r}")
        if not isinstance(self.extra_tool_calls, Verdict):
            object.__setattr__(self, "extra_tool_calls", Verdict(self.extra_tool_calls))
        object.__setattr__(self, "refusal_patterns", tuple(self.refusal_patterns))

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> "Thresholds":
        """From a config table (``[tool.migrator.parity.thresholds]``); unknown keys fail."""
        known = {f.name for f in dataclasses.fields(cls)}
        values = {str(k).replace("-", "_"): v for k, v in data.items()}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown threshold(s): {', '.join(unknown)}; "
                             f"known: {', '.join(sorted(known))}")
        return cls(**values)


@dataclass
class Context:
    """What the comparators know about the sample besides the two replies."""

    request: Mapping[str, Any]
    thresholds: Thresholds
    assertions: list[Any] = field(default_factory=list)
    decided_by_structure: bool = False  # JSON or tool calls compared: skip the text comparison

    @property
    def response_format(self) -> Mapping[str, Any]:
        value = self.request.get("response_format")
        return value if isinstance(value, Mapping) else {}

    @property
    def wants_json(self) -> bool:
        return self.response_format.get("type") in ("json_object", "json_schema")

    @property
    def json_schema(self) -> Optional[Mapping[str, Any]]:
        if self.response_format.get("type") != "json_schema":
            return None
        spec = self.response_format.get("json_schema") or {}
        schema = spec.get("schema")
        return schema if isinstance(schema, Mapping) else None

    def tool_parameters(self, name: str) -> Optional[Mapping[str, Any]]:
        for tool in self.request.get("tools") or ():
            function = tool.get("function") if isinstance(tool, Mapping) else None
            if isinstance(function, Mapping) and function.get("name") == name:
                params = function.get("parameters")
                return params if isinstance(params, Mapping) else None
        for function in self.request.get("functions") or ():  # legacy OpenAI functions
            if isinstance(function, Mapping) and function.get("name") == name:
                return function.get("parameters")
        return None


# --- normalization ------------------------------------------------------------------------------

FINISH_REASON_CLASSES = {
    "stop": "stop", "end_turn": "stop",
    "length": "length", "model_length": "length", "max_tokens": "length",
    "tool_calls": "tool_calls", "function_call": "tool_calls",
    "content_filter": "content_filter",
    "error": "error",
}


def finish_class(reason: Optional[str]) -> Optional[str]:
    """``model_length`` (Mistral) and ``length`` (OpenAI) are one class; unknown values stay."""
    if reason is None:
        return None
    return FINISH_REASON_CLASSES.get(str(reason), str(reason))


def content_text(content: Any) -> Optional[str]:
    """Text of a message content: a str, or a list of chunks (Mistral reasoning models: a thinking
    chunk then text chunks); only ``text`` chunks count, thinking is not the answer."""
    if content is None or isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = []
        for chunk in content:
            if isinstance(chunk, str):
                parts.append(chunk)
            elif isinstance(chunk, Mapping) and chunk.get("type", "text") == "text":
                parts.append(str(chunk.get("text") or ""))
        return "".join(parts)
    return str(content)


def arguments_text(arguments: Any) -> str:
    """Tool arguments as JSON text: Mistral may send a dict, OpenAI always sends a string."""
    if isinstance(arguments, str):
        return arguments
    return json.dumps(arguments, ensure_ascii=False)


def normalize_reply(reply: Reply) -> Reply:
    """Same reply with list content joined to text and dict arguments dumped to JSON text."""
    text = content_text(reply.text)
    calls = tuple(
        c if isinstance(c.arguments, str)
        else dataclasses.replace(c, arguments=arguments_text(c.arguments))
        for c in reply.tool_calls
    )
    if text is reply.text and calls == reply.tool_calls:
        return reply
    return dataclasses.replace(reply, text=text, tool_calls=calls)


def reply_from_body(body: Optional[Mapping[str, Any]], provider: str, *,
                    latency_ms: Optional[float] = None) -> Reply:
    """A :class:`Reply` from a raw chat-completions, Responses or embeddings body (either provider).

    Only the first choice is read. A Mistral error body (``{"object": "error", ...}``) or an OpenAI
    one (``{"error": {...}}``) becomes ``Reply.error``.
    """
    if body is None:
        return Reply(provider=provider, latency_ms=latency_ms,
                     error={"type": "missing", "status": None, "message": "no response body"})
    if "error" in body and isinstance(body["error"], Mapping) or body.get("object") == "error":
        err = body.get("error") if isinstance(body.get("error"), Mapping) else body
        return Reply(provider=provider, latency_ms=latency_ms, raw=dict(body),
                     error={"type": "http", "status": body.get("status"),
                            "message": str(err.get("message"))})
    usage = body.get("usage") or {}
    if body.get("object") == "response":
        return _reply_from_responses_body(body, provider, latency_ms)
    if body.get("object") == "list" and body.get("data"):  # embeddings
        return Reply(provider=provider, embedding=list(body["data"][0].get("embedding") or []),
                     prompt_tokens=usage.get("prompt_tokens"), latency_ms=latency_ms,
                     raw=dict(body))
    choices = body.get("choices") or [{}]
    choice = choices[0] or {}
    message = choice.get("message") or {}
    calls = []
    for call in message.get("tool_calls") or ():
        function = call.get("function") or {}
        calls.append(ToolCall(name=str(function.get("name")),
                              arguments=arguments_text(function.get("arguments", "")),
                              id=call.get("id")))
    legacy = message.get("function_call")
    if isinstance(legacy, Mapping):
        calls.append(ToolCall(name=str(legacy.get("name")),
                              arguments=arguments_text(legacy.get("arguments", ""))))
    return Reply(
        provider=provider, text=content_text(message.get("content")), tool_calls=tuple(calls),
        finish_reason=choice.get("finish_reason"), refusal=message.get("refusal"),
        prompt_tokens=usage.get("prompt_tokens"), completion_tokens=usage.get("completion_tokens"),
        latency_ms=latency_ms, raw=dict(body),
    )


def _reply_from_responses_body(body: Mapping[str, Any], provider: str,
                               latency_ms: Optional[float]) -> Reply:
    """Responses API (``POST /v1/responses``) body: output items of type message / function_call."""
    texts, refusals, calls = [], [], []
    for item in body.get("output") or ():
        if item.get("type") == "message":
            for part in item.get("content") or ():
                if part.get("type") in ("output_text", "text"):
                    texts.append(str(part.get("text") or ""))
                elif part.get("type") == "refusal":
                    refusals.append(str(part.get("refusal") or ""))
        elif item.get("type") == "function_call":
            calls.append(ToolCall(name=str(item.get("name")),
                                  arguments=arguments_text(item.get("arguments", "")),
                                  id=item.get("call_id")))
    incomplete = (body.get("incomplete_details") or {}).get("reason")
    if body.get("status") == "incomplete":
        finish = {"max_output_tokens": "length",
                  "content_filter": "content_filter"}.get(incomplete, incomplete)
    else:
        finish = "tool_calls" if calls else "stop"
    usage = body.get("usage") or {}
    return Reply(provider=provider, text="".join(texts) if texts else None, tool_calls=tuple(calls),
                 finish_reason=finish, refusal="".join(refusals) or None,
                 prompt_tokens=usage.get("input_tokens"),
                 completion_tokens=usage.get("output_tokens"),
                 latency_ms=latency_ms, raw=dict(body))


_WS = re.compile(r"\s+")


def normalize_text(text: Optional[str]) -> str:
    """Unicode NFKC, whitespace runs collapsed, trimmed (case is kept: it can matter)."""
    if not text:
        return ""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def similarity(a: str, b: str, max_words: int = 2000) -> float:
    """Word-level difflib ratio of two normalized texts (1.0 = same words in the same order)."""
    wa, wb = a.split()[:max_words], b.split()[:max_words]
    if not wa and not wb:
        return 1.0
    return difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def _short(text: Any, limit: int = 80) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _canonical(value: Any) -> Any:
    """JSON value with integral floats as ints (``980.0`` and ``980`` are one JSON number); bools
    stay bools (deepdiff's ignore_numeric_type_changes would equate ``true`` and ``1``)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    return value


def _json_or_error(text: Optional[str]) -> tuple[Any, Optional[str]]:
    if text is None or not text.strip():
        return None, "empty"
    try:
        return _canonical(json.loads(text)), None
    except (json.JSONDecodeError, RecursionError) as exc:
        return None, f"{exc.msg if hasattr(exc, 'msg') else exc} at char {getattr(exc, 'pos', '?')}"


@lru_cache(maxsize=256)
def _validator(schema_json: str) -> Any:
    """A compiled validator per distinct schema (checking and compiling a schema costs far more
    than validating with it; a run has few distinct schemas). Raises SchemaError."""
    schema = json.loads(schema_json)
    validator_cls = jsonschema.validators.validator_for(schema)
    validator_cls.check_schema(schema)
    return validator_cls(schema)


class SchemaUnusable(Exception):
    """The schema itself is invalid or cannot be applied (e.g. an unresolvable remote ``$ref``)."""


def _schema_error(instance: Any, schema: Mapping[str, Any]) -> Optional[str]:
    """First (most relevant) schema violation, as ``path: message``; None when valid.

    Raises SchemaUnusable when the schema cannot judge anything; the caller reports that as an
    ``error`` finding (the sample could not be evaluated), never as a candidate regression.
    """
    try:
        validator = _validator(json.dumps(schema, sort_keys=True, default=str))
        error = jsonschema.exceptions.best_match(validator.iter_errors(instance))
    except jsonschema.exceptions.SchemaError as exc:
        raise SchemaUnusable(f"invalid schema: {_short(exc.message, 120)}") from exc
    except Exception as exc:  # referencing.exceptions.Unresolvable and friends
        raise SchemaUnusable(f"schema cannot be applied: {_short(exc, 120)}") from exc
    if error is None:
        return None
    path = "$" + "".join(f"[{p!r}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    return f"{path}: {_short(error.message, 160)}"


def _diff_detail(diff: DeepDiff) -> dict[str, Any]:
    """deepdiff's result as plain JSON-able data (it may hold sets and custom types)."""
    return json.loads(diff.to_json())


def _is_refusal(reply: Reply, patterns: Iterable[re.Pattern[str]]) -> bool:
    if reply.refusal:
        return True
    if finish_class(reply.finish_reason) == "content_filter":
        return True
    head = normalize_text(reply.text)[:300].lower().replace("’", "'")
    return bool(head) and any(p.search(head) for p in patterns)


_PATTERN_CACHE: dict[tuple[str, ...], tuple[re.Pattern[str], ...]] = {}


def _refusal_patterns(thresholds: Thresholds) -> tuple[re.Pattern[str], ...]:
    key = thresholds.refusal_patterns
    if key not in _PATTERN_CACHE:
        _PATTERN_CACHE[key] = tuple(re.compile(p, re.IGNORECASE) for p in key)
    return _PATTERN_CACHE[key]


def _is_empty(reply: Reply) -> bool:
    return not (reply.text and reply.text.strip()) and not reply.tool_calls and not reply.embedding


# --- comparators --------------------------------------------------------------------------------

Comparator = Callable[[Reply, Reply, Context], list[Finding]]

_TRANSIENT_STATUSES = {408, 429}


def check_errors(baseline: Reply, candidate: Reply, ctx: Context) -> list[Finding]:
    """A failed side: nothing else can be compared."""
    findings = []
    if baseline.error:
        findings.append(Finding("error.baseline", Verdict.ERROR,
                                f"baseline failed: {_error_text(baseline.error)}",
                                dict(baseline.error)))
    if candidate.error:
        status = candidate.error.get("status")
        rejected = (isinstance(status, int) and 400 <= status < 500
                    and status not in _TRANSIENT_STATUSES)
        verdict = Verdict.REGRESSION if rejected and ctx.thresholds.client_error_is_regression \
            else Verdict.ERROR
        what = "candidate rejected the request" if rejected else "candidate failed"
        findings.append(Finding("error.candidate", verdict,
                                f"{what}: {_error_text(candidate.error)}", dict(candidate.error)))
    if finish_class(candidate.finish_reason) == "error" and not candidate.error:
        findings.append(Finding("error.candidate", Verdict.REGRESSION,
                                "candidate stopped with finish_reason 'error'"))
    return findings


def _error_text(error: Mapping[str, Any]) -> str:
    status = error.get("status")
    kind = error.get("type") or "error"
    head = f"HTTP {status}" if status else str(kind)
    return f"{head}: {_short(error.get('message') or '', 120)}"


def check_empty(baseline: Reply, candidate: Reply, ctx: Context) -> list[Finding]:
    if _is_empty(candidate) and not _is_empty(baseline):
        return [Finding("reply.empty", Verdict.REGRESSION,
                        "candidate reply is empty (no text, no tool call)")]
    if _is_empty(baseline) and not _is_empty(candidate):
        return [Finding("reply.empty", Verdict.DRIFT,
                        "baseline reply was empty, candidate answered")]
    return []


def check_refusal(baseline: Reply, candidate: Reply, ctx: Context) -> list[Finding]:
    patterns = _refusal_patterns(ctx.thresholds)
    b, c = _is_refusal(baseline, patterns), _is_refusal(candidate, patterns)
    if c and not b:
        said = candidate.refusal or candidate.text or candidate.finish_reason
        return [Finding("refusal", Verdict.REGRESSION,
                        f"candidate refused: {_short(normalize_text(said), 100)!r}")]
    if b and not c:
        return [Finding("refusal", Verdict.DRIFT, "baseline refused, candidate answered")]
    if b and c:
        ctx.decided_by_structure = True  # how a refusal is worded does not matter
        return [Finding("refusal", Verdict.EQUIVALENT, "both sides refused")]
    return []


def check_finish_reason(baseline: Reply, candidate: Reply, ctx: Context) -> list[Finding]:
    b, c = finish_class(baseline.finish_reason), finish_class(candidate.finish_reason)
    if c == "length" and b != "length":
        return [Finding("finish_reason", Verdict.REGRESSION,
                        f"candidate truncated (finish_reason {candidate.finish_reason!r}, "
                        f"baseline {baseline.finish_reason!r})",
                        {"baseline": baseline.finish_reason, "candidate": candidate.finish_reason})]
    if b == "length" and c not in ("length", None):
        return [Finding("finish_reason", Verdict.DRIFT,
                        "baseline was truncated, candidate finished "
                        f"({candidate.finish_reason!r})")]
    if b == c and baseline.finish_reason != candidate.finish_reason:
        return [Finding("finish_reason", Verdict.EQUIVALENT,
                        f"finish_reason {candidate.finish_reason!r} ≈ {baseline.finish_reason!r}")]
    # stop vs tool_calls is the tool-call comparator's business; error/content_filter are handled
    # by check_errors and check_refusal.
    return []


def check_json(baseline: Reply, candidate: Reply, ctx: Context) -> list[Finding]:
    """JSON validity, schema conformance and value equality, when JSON is expected."""
    if baseline.tool_calls or candidate.tool_calls:
        return []
    base_value, base_error = _json_or_error(baseline.text)
    inferred = (not ctx.wants_json and ctx.thresholds.infer_json_from_baseline
                and base_error is None and isinstance(base_value, (dict, list)))
    if not ctx.wants_json and not inferred:
        return []
    ctx.decided_by_structure = True
    check = "json.valid"
    cand_value, cand_error = _json_or_error(candidate.text)
    if cand_error is not None:
        if base_error is not None:
            return [Finding(check, Verdict.DRIFT,
                            f"neither side answered valid JSON (candidate: {cand_error})")]
        why = "the request asked for JSON" if ctx.wants_json else "the baseline answered JSON"
        return [Finding(check, Verdict.REGRESSION,
                        f"candidate JSON is invalid ({cand_error}); {why}",
                        {"error": cand_error, "text": _short(candidate.text or "", 300)})]
    findings = []
    schema = ctx.json_schema
    try:
        violation = _schema_error(cand_value, schema) if schema is not None else None
    except SchemaUnusable as exc:
        findings.append(Finding("json.schema", Verdict.ERROR, f"response_format {exc}"))
        violation = None
    if violation:
        base_ok = base_error is None and _schema_error(base_value, schema) is None
        verdict = Verdict.REGRESSION if base_ok else Verdict.DRIFT
        suffix = "" if base_ok else " (the baseline violates it too)"
        findings.append(Finding("json.schema", verdict,
                                f"candidate JSON violates the schema: {violation}{suffix}",
                                {"violation": violation}))
    if base_error is not None:
        findings.append(Finding(check, Verdict.DRIFT,
                                f"baseline JSON was invalid ({base_error}), candidate's is valid"))
        return findings
    if baseline.text == candidate.text:
        return findings
    diff = None if _same_value(base_value, cand_value) else DeepDiff(
        base_value, cand_value, ignore_order=True, verbose_level=2)
    if not diff:
        findings.append(Finding("json.values", Verdict.EQUIVALENT,
                                "same JSON value (formatting or key order differs)"))
    else:
        findings.append(Finding("json.values", Verdict.DRIFT,
                                f"JSON values differ: {_summarize_diff(diff)}", _diff_detail(diff)))
    return findings


def _summarize_diff(diff: DeepDiff, limit: int = 3) -> str:
    parts = []
    for kind, label in (("values_changed", "changed"), ("type_changes", "type changed"),
                        ("dictionary_item_added", "added"), ("dictionary_item_removed", "removed"),
                        ("iterable_item_added", "added"), ("iterable_item_removed", "removed")):
        entries = diff.get(kind)
        if not entries:
            continue
        paths = list(entries.keys() if isinstance(entries, Mapping) else entries)
        for path in paths[:limit]:
            path_text = str(path).replace("root", "$", 1)
            if kind in ("values_changed", "type_changes"):
                change = entries[path]
                parts.append(f"{path_text} {_short(repr(change.get('old_value')), 40)} → "
                             f"{_short(repr(change.get('new_value')), 40)}")
            else:
                parts.append(f"{label} {path_text}")
    if not parts:
        return _short(str(diff), 120)
    more = sum(len(v) for v in diff.values() if hasattr(v, "__len__")) - len(parts)
    return "; ".join(parts[:limit]) + (f" (+{more} more)" if more > 0 else "")


def _same_value(a: Any, b: Any) -> bool:
    """Cheap exact test before deepdiff: dict equality ignores key order and 1 == 1.0; bools are
    not numbers here (True == 1 in Python, not in JSON)."""
    return a == b and _no_bool_int_mix(a, b)


def _no_bool_int_mix(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b)
    if isinstance(a, dict):
        return all(_no_bool_int_mix(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return all(_no_bool_int_mix(x, y) for x, y in zip(a, b))
    return True


def _casefold_strings(value: Any) -> Any:
    if isinstance(value, str):
        return normalize_text(value).casefold()
    if isinstance(value, list):
        return [_casefold_strings(v) for v in value]
    if isinstance(value, dict):
        return {k: _casefold_strings(v) for k, v in value.items()}
    return value


def check_tool_calls(baseline: Reply, candidate: Reply, ctx: Context) -> list[Finding]:
    """Names as a multiset; same-named calls paired order-insensitively, arguments deep-diffed."""
    if not baseline.tool_calls and not candidate.tool_calls:
        return []
    ctx.decided_by_structure = True
    if not candidate.tool_calls:
        names = ", ".join(c.name for c in baseline.tool_calls)
        return [Finding("tool_calls.missing", Verdict.REGRESSION,
                        f"missing tool call: expected {names}, candidate answered text"
                        + (f" {_short(normalize_text(candidate.text), 60)!r}"
                           if candidate.text else ""))]
    if not baseline.tool_calls:
        names = ", ".join(c.name for c in candidate.tool_calls)
        return [Finding("tool_calls.unexpected", Verdict.REGRESSION,
                        f"unexpected tool call {names}: the baseline answered text")]
    findings: list[Finding] = []
    remaining = list(candidate.tool_calls)
    pairs, missing = [], []
    for expected in baseline.tool_calls:
        same = [c for c in remaining if c.name == expected.name]
        if not same:
            missing.append(expected)
            continue
        best = same[0] if len(same) == 1 else min(
            same, key=lambda c: _args_distance(expected.arguments, c.arguments))
        remaining.remove(best)
        pairs.append((expected, best))
    if missing:
        got = ", ".join(c.name for c in remaining) or "nothing else"
        findings.append(Finding(
            "tool_calls.name", Verdict.REGRESSION,
            f"wrong tool: expected {', '.join(c.name for c in missing)}, got {got}",
            {"expected": [c.name for c in baseline.tool_calls],
             "candidate": [c.name for c in candidate.tool_calls]}))
    elif remaining:
        findings.append(Finding("tool_calls.extra", ctx.thresholds.extra_tool_calls,
                                f"candidate made {len(remaining)} extra call(s): "
                                f"{', '.join(c.name for c in remaining)}"))
    for expected, got in pairs:
        findings.extend(_compare_arguments(expected, got, ctx))
    same_order = [c.name for c in baseline.tool_calls] == [c.name for c in candidate.tool_calls]
    if not findings and not same_order:
        findings.append(Finding("tool_calls.order", Verdict.EQUIVALENT,
                                "same tool calls, other order"))
    return findings


def _args_distance(a: str, b: str) -> int:
    va, ea = _json_or_error(a)
    vb, eb = _json_or_error(b)
    if ea or eb:
        return 0 if a == b else 10**6
    return len(DeepDiff(va, vb, ignore_order=True).affected_paths)


def _compare_arguments(expected: ToolCall, got: ToolCall, ctx: Context) -> list[Finding]:
    name = got.name
    base_value, base_error = _json_or_error(expected.arguments or "{}")
    value, error = _json_or_error(got.arguments or "{}")
    if error is not None:
        return [Finding("tool_calls.arguments", Verdict.REGRESSION,
                        f"{name}: candidate arguments are not valid JSON ({error})",
                        {"arguments": _short(got.arguments, 300)})]
    findings = []
    params = ctx.tool_parameters(name)
    if params:
        try:
            violation = _schema_error(value, params)
        except SchemaUnusable as exc:
            findings.append(Finding("tool_calls.schema", Verdict.ERROR,
                                    f"{name}: parameters {exc}"))
            violation = None
        if violation:
            # The baseline breaking the same schema means the schema, not the migration, is off.
            baseline_violates = base_error is None and _schema_error(base_value, params) is not None
            findings.append(Finding(
                "tool_calls.schema", Verdict.DRIFT if baseline_violates else Verdict.REGRESSION,
                f"{name}: arguments violate the tool's parameters schema"
                + (" (so do the baseline's)" if baseline_violates else "") + f": {violation}",
                {"violation": violation}))
    if base_error is not None or expected.arguments == got.arguments:
        return findings
    diff = None if _same_value(base_value, value) else DeepDiff(
        base_value, value, ignore_order=True, verbose_level=2)
    if not diff:
        findings.append(Finding("tool_calls.arguments", Verdict.EQUIVALENT,
                                f"{name}: same arguments (formatting or key order differs)"))
    elif ctx.thresholds.tool_args_ignore_string_case and not DeepDiff(
            _casefold_strings(base_value), _casefold_strings(value), ignore_order=True):
        findings.append(Finding("tool_calls.arguments", Verdict.EQUIVALENT,
                                f"{name}: arguments differ only in case or whitespace"))
    else:
        findings.append(Finding("tool_calls.arguments", Verdict.REGRESSION,
                                f"{name}: arguments changed: {_summarize_diff(diff)}",
                                _diff_detail(diff)))
    return findings


def check_text(baseline: Reply, candidate: Reply, ctx: Context) -> list[Finding]:
    if ctx.decided_by_structure or baseline.text is None or candidate.text is None:
        return []
    if baseline.text == candidate.text:
        return []
    t = ctx.thresholds
    a, b = normalize_text(baseline.text), normalize_text(candidate.text)
    if a == b:
        return [Finding("text.normalized", Verdict.EQUIVALENT,
                        "same text after whitespace/Unicode normalization")]
    findings = []
    ratio = similarity(a, b, t.max_similarity_words)
    detail = {"similarity": round(ratio, 3)}
    if t.similarity_regression is not None and ratio < t.similarity_regression:
        findings.append(Finding("text.similarity", Verdict.REGRESSION,
                                f"text similarity {ratio:.2f} < {t.similarity_regression}", detail))
    elif ratio >= t.similarity_equivalent:
        findings.append(Finding("text.similarity", Verdict.EQUIVALENT,
                                f"text similar (similarity {ratio:.2f})", detail))
    else:
        findings.append(Finding("text.similarity", Verdict.DRIFT,
                                f"text reworded (similarity {ratio:.2f} < "
                                f"{t.similarity_equivalent})",
                                detail))
    length_ratio = (len(b) + 1) / (len(a) + 1)
    spread = max(length_ratio, 1 / length_ratio)
    how = f"{length_ratio:.1f}× longer" if length_ratio > 1 else f"{1 / length_ratio:.1f}× shorter"
    if t.length_ratio_regression is not None and spread > t.length_ratio_regression:
        findings.append(Finding("text.length", Verdict.REGRESSION,
                                f"candidate text is {how} than the baseline",
                                {"length_ratio": round(length_ratio, 3)}))
    elif spread > t.length_ratio_drift:
        findings.append(Finding("text.length", Verdict.DRIFT,
                                f"candidate text is {how} than the baseline",
                                {"length_ratio": round(length_ratio, 3)}))
    return findings


def check_embedding(baseline: Reply, candidate: Reply, ctx: Context) -> list[Finding]:
    if baseline.embedding is None and candidate.embedding is None:
        return []
    ctx.decided_by_structure = True
    if not candidate.embedding:
        return []  # check_empty reports it
    nb, nc = len(baseline.embedding or ()), len(candidate.embedding)
    if nb and nb != nc:
        return [Finding("embedding.dimensions", Verdict.DRIFT,
                        f"embedding dimension {nb} → {nc}: vectors are not comparable across "
                        "models; re-index the vector store")]
    return [Finding("embedding.dimensions", Verdict.EQUIVALENT,
                    f"embedding present ({nc} dimensions); values are not comparable across "
                    "models")]


# --- per-recording assertions -------------------------------------------------------------------

def _assert_holds(assertion: Mapping[str, Any], reply: Reply) -> tuple[bool, str]:
    """(holds, why-not) for one assertion on one reply's text (tool-call arguments when no text)."""
    kind = assertion.get("type")
    text = reply.text
    if not text and reply.tool_calls:
        text = reply.tool_calls[0].arguments
    text = text or ""
    if kind in ("contains", "not-contains"):
        value = str(assertion.get("value", ""))
        case = assertion.get("case_sensitive", False)
        found = (value in text) if case else (value.casefold() in text.casefold())
        if kind == "contains":
            return found, f"{value!r} not found"
        return not found, f"{value!r} found"
    if kind == "regex":
        flags = re.IGNORECASE if assertion.get("ignore_case") else 0
        ok = re.search(str(assertion.get("pattern", assertion.get("value", ""))), text,
                       flags | re.MULTILINE) is not None
        pattern = assertion.get("pattern", assertion.get("value"))
        return ok, f"/{_short(pattern, 60)}/ does not match"
    if kind == "is-json":
        _, error = _json_or_error(text)
        return error is None, f"not JSON ({error})"
    if kind == "json-schema":
        value, error = _json_or_error(text)
        if error is not None:
            return False, f"not JSON ({error})"
        violation = _schema_error(value, assertion.get("schema") or {})
        return violation is None, f"schema violation: {violation}"
    if kind == "equals":
        expected = assertion.get("value")
        if isinstance(expected, str):
            return normalize_text(text) == normalize_text(expected), \
                f"text is not {_short(expected, 60)!r}"
        value, error = _json_or_error(text)
        ok = error is None and not DeepDiff(_canonical(expected), _canonical(value),
                                            ignore_order=True)
        return ok, f"value is not {_short(json.dumps(expected), 60)}"
    raise KeyError(kind)


ASSERTION_TYPES = ("contains", "not-contains", "regex", "is-json", "json-schema", "equals")


def check_assertions(baseline: Reply, candidate: Reply, ctx: Context) -> list[Finding]:
    findings = []
    for index, assertion in enumerate(ctx.assertions):
        kind = assertion.get("type") if isinstance(assertion, Mapping) else None
        check = f"assert.{kind}"
        if kind not in ASSERTION_TYPES:
            findings.append(Finding("assert.invalid", Verdict.ERROR,
                                    f"assertion #{index + 1}: unknown type {kind!r} "
                                    f"(known: {', '.join(ASSERTION_TYPES)})"))
            continue
        try:
            holds, why = _assert_holds(assertion, candidate)
            baseline_holds = baseline.error is None and _assert_holds(assertion, baseline)[0]
        except re.error as exc:
            findings.append(Finding("assert.invalid", Verdict.ERROR,
                                    f"assertion #{index + 1}: bad regex ({exc})"))
            continue
        except SchemaUnusable as exc:
            findings.append(Finding("assert.invalid", Verdict.ERROR,
                                    f"assertion #{index + 1}: {exc}"))
            continue
        if holds:
            continue
        label = assertion.get("name") or kind
        if not baseline_holds:
            findings.append(Finding(check, Verdict.DRIFT,
                                    f"assertion {label} fails on both sides: {why}"))
        else:
            findings.append(Finding(check, Verdict.REGRESSION,
                                    f"assertion {label} fails on the candidate: {why}",
                                    {"assertion": dict(assertion)}))
    return findings


COMPARATORS: tuple[Comparator, ...] = (
    check_empty, check_refusal, check_finish_reason, check_embedding, check_tool_calls, check_json,
    check_text,
)


def compare_replies(baseline: Reply, candidate: Reply, request: Mapping[str, Any],
                    thresholds: Thresholds = Thresholds(),
                    assertions: Optional[list[Any]] = None) -> list[Finding]:
    """Every finding for one pair of replies (normalized first)."""
    baseline, candidate = normalize_reply(baseline), normalize_reply(candidate)
    ctx = Context(request=request or {}, thresholds=thresholds, assertions=list(assertions or ()))
    findings = check_errors(baseline, candidate, ctx)
    if baseline.error or candidate.error:
        return findings
    if _is_empty(baseline) and not ctx.assertions and baseline.finish_reason is None:
        return [Finding("baseline.missing", Verdict.ERROR,
                        "baseline has no reply to compare against (no recorded response)")]
    for comparator in (*COMPARATORS, check_assertions):
        try:
            findings.extend(comparator(baseline, candidate, ctx))
        except Exception as exc:  # one broken comparator must not lose the sample (or the run)
            findings.append(Finding("compare.internal", Verdict.ERROR,
                                    f"{comparator.__name__} failed: {type(exc).__name__}: "
                                    f"{_short(exc, 160)}"))
    return findings


def worst(findings: Iterable[Finding]) -> Verdict:
    return max((f.verdict for f in findings), key=lambda v: v.rank, default=Verdict.IDENTICAL)


def compare_sample(result: SampleResult, thresholds: Thresholds = Thresholds()) -> SampleResult:
    """A copy of ``result`` with its findings and verdict (the worst finding; identical if none)."""
    findings = compare_replies(result.baseline, result.candidate, result.request, thresholds,
                               result.meta.get("assertions"))
    findings.sort(key=lambda f: -f.verdict.rank)
    return dataclasses.replace(result, findings=tuple(findings), verdict=worst(findings))
