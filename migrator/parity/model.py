"""The parity harness's data: recordings in, replies and per-sample results out.

Everything here is a plain dataclass with ``to_dict`` / ``from_dict`` so that it round-trips through
JSON lines (``recordings.jsonl``, ``results.jsonl``) without pickling, and so that the modules
``recordings``, ``providers``, ``runner``, ``compare`` and ``report`` depend on this file only.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any, Optional

RESULTS_VERSION = 1

ENDPOINTS = ("chat.completions", "embeddings", "responses")


@dataclass(frozen=True)
class Recording:
    """One recorded exchange (DESIGN.md "Parity harness").

    ``request`` is the OpenAI request body as sent; ``response`` the raw OpenAI response body (for a
    streamed exchange: the assembled final body, with the raw SSE events in ``meta["sse"]`` if
    kept), or None when only the request is known. ``meta`` holds anything else: source file and
    line, tags, per-recording ``assertions`` (see compare), the original latency.
    """

    id: str
    endpoint: str
    request: dict[str, Any]
    response: Optional[dict[str, Any]] = None
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Recording":
        return cls(id=str(data["id"]), endpoint=data["endpoint"], request=data["request"],
                   response=data.get("response"), meta=data.get("meta") or {})


@dataclass(frozen=True)
class ToolCall:
    name: str
    arguments: str  # JSON text as the provider sent it (a dict from Mistral is dumped to JSON)
    id: Optional[str] = None


@dataclass(frozen=True)
class Reply:
    """One side's answer to one request, normalized across providers.

    ``error`` is set (and the other fields may be empty) when the request failed for good after
    retries: ``{"type": "http"|"timeout"|"connection"|"protocol"|..., "status": int|None,
    "message": str}``. ``raw`` is the raw response body as received on the wire (never an SDK
    ``model_dump()``: mistralai 3.7 drops fields there, api-mapping.md §7).
    """

    provider: str  # e.g. "recorded", "openai:gpt-4o-mini", "mistral:mistral-small-latest"
    text: Optional[str] = None
    tool_calls: tuple[ToolCall, ...] = ()
    finish_reason: Optional[str] = None
    refusal: Optional[str] = None
    prompt_tokens: Optional[int] = None
    completion_tokens: Optional[int] = None
    latency_ms: Optional[float] = None
    error: Optional[dict[str, Any]] = None
    raw: Optional[dict[str, Any]] = None
    embedding: Optional[list[float]] = None  # first vector, for the embeddings endpoint
    attempts: int = 1
    cached: bool = False

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["tool_calls"] = [asdict(c) for c in self.tool_calls]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Reply":
        data = dict(data)
        data["tool_calls"] = tuple(ToolCall(**c) for c in data.get("tool_calls") or ())
        return cls(**data)


class Verdict(str, Enum):
    """Ordered from best to worst; a sample's verdict is the worst of its findings."""

    IDENTICAL = "identical"  # same output, byte for byte after normalization
    EQUIVALENT = "equivalent"  # differs only in ways that do not matter (whitespace, key order…)
    DRIFT = "drift"  # differs in a way worth a look, not a failure (rephrasing, length)
    REGRESSION = "regression"  # the candidate is worse in a way that breaks callers
    ERROR = "error"  # a side could not be evaluated (request failed, nothing to compare)

    @property
    def rank(self) -> int:
        return list(Verdict).index(self)


@dataclass(frozen=True)
class Finding:
    """One comparator's conclusion about one sample."""

    check: str  # e.g. "json.valid", "tool_calls.arguments", "text.similarity", "assert.regex"
    verdict: Verdict
    reason: str  # one line, shown in reports
    detail: Optional[dict[str, Any]] = None  # structured diff (deepdiff output), numbers…

    def to_dict(self) -> dict[str, Any]:
        return {"check": self.check, "verdict": self.verdict.value, "reason": self.reason,
                "detail": self.detail}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Finding":
        return cls(check=data["check"], verdict=Verdict(data["verdict"]), reason=data["reason"],
                   detail=data.get("detail"))


@dataclass(frozen=True)
class SampleResult:
    """One line of ``results.jsonl``: a recording replayed on both sides (compared or not yet)."""

    id: str
    endpoint: str
    request: dict[str, Any]  # the OpenAI request (scrubbed)
    candidate_request: Optional[dict[str, Any]]  # what was sent to the candidate (translated)
    baseline: Reply
    candidate: Reply
    meta: dict[str, Any] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    verdict: Optional[Verdict] = None
    version: int = RESULTS_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version, "id": self.id, "endpoint": self.endpoint,
            "request": self.request, "candidate_request": self.candidate_request,
            "baseline": self.baseline.to_dict(), "candidate": self.candidate.to_dict(),
            "meta": self.meta, "findings": [f.to_dict() for f in self.findings],
            "verdict": self.verdict.value if self.verdict else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "SampleResult":
        return cls(
            id=str(data["id"]), endpoint=data["endpoint"], request=data["request"],
            candidate_request=data.get("candidate_request"),
            baseline=Reply.from_dict(data["baseline"]), candidate=Reply.from_dict(data["candidate"]),
            meta=data.get("meta") or {},
            findings=tuple(Finding.from_dict(f) for f in data.get("findings") or ()),
            verdict=Verdict(data["verdict"]) if data.get("verdict") else None,
            version=data.get("version", RESULTS_VERSION),
        )
