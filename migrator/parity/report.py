"""Parity reports (report.html, report.md, report.json, junit.xml) from streamed results; the gate.

One pass over the results, never all of them in memory: counts, token sums and costs are running
totals, latency percentiles come from :class:`StreamingQuantiles` (exact up to 10,000 values, then a
1 %-resolution log histogram), the HTML/JSON/Markdown detail keeps only the ``detail_limit`` worst
non-identical samples (a bounded heap; the report says how many it left out), and JUnit test
cases are spooled to a temporary file and streamed through the template at the end. Rendering is
templates only (``templates/parity_report.*.j2``, ``templates/parity_junit.xml.j2``, autoescaped).

The gate (``--fail-on``) is a comma-separated list of conditions such as ``regressions>0`` or
``regression-rate>0.02``; the run fails (exit code 1) when any holds. See :func:`parse_fail_on`.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import heapq
import itertools
import json
import math
import os
import re
import tempfile
import warnings
from base64 import b64encode
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Optional

from migrator import __version__ as migrator_version
from migrator import templating
from migrator.parity.compare import Thresholds, compare_sample
from migrator.parity.model import SampleResult, Verdict
from migrator.parity.prices import CURRENCY, PRICES_AS_OF, Price, merge_prices, price_for

REPORT_VERSION = 1
DETAIL_LIMIT = 500  # non-identical samples embedded in report.html / report.json (worst first)
WORST_IN_MARKDOWN = 10
TEXT_LIMIT = 6000  # characters of each side's text shown per sample
VERDICTS = tuple(v.value for v in Verdict)
REPORT_FILES = ("report.html", "report.md", "report.json", "junit.xml")


# --- the gate ------------------------------------------------------------------------------------

class FailOnError(ValueError):
    """A ``--fail-on`` expression that cannot be understood."""


_METRICS = {
    "regressions": ("regression",), "errors": ("error",), "drifts": ("drift",),
    "failures": ("regression", "error"),
}
_OPS = {">": lambda a, b: a > b, ">=": lambda a, b: a >= b}
_CONDITION = re.compile(r"^\s*([a-z-]+)\s*(>=|>)\s*([0-9]*\.?[0-9]+)\s*(%?)\s*$")


@dataclass(frozen=True)
class GateCondition:
    metric: str  # e.g. "regressions", "regression-rate"
    op: str
    threshold: float

    def value(self, counts: Mapping[str, int]) -> float:
        base = self.metric[:-5] + "s" if self.metric.endswith("-rate") else self.metric
        number = sum(counts.get(v, 0) for v in _METRICS[base])
        if self.metric.endswith("-rate"):
            total = counts.get("total", 0)
            return number / total if total else 0.0
        return float(number)

    def holds(self, counts: Mapping[str, int]) -> bool:
        return _OPS[self.op](self.value(counts), self.threshold)

    def __str__(self) -> str:
        number = f"{self.threshold:g}"
        return f"{self.metric}{self.op}{number}"


def _metric_names() -> list[str]:
    names = []
    for base in _METRICS:
        names += [base, base[:-1] + "-rate"]
    return names


def parse_fail_on(spec: str) -> tuple[GateCondition, ...]:
    """``"regressions>0"``, ``"regression-rate>0.02"`` (or ``>2%``), ``"regressions>0,errors>=5"``.

    Metrics: regressions, errors, drifts, failures (regressions + errors), each also as a rate
    (``regression-rate``, ``error-rate``, ``drift-rate``, ``failure-rate``: a fraction of all
    samples, 0..1, or a percentage with ``%``). Operators: ``>`` and ``>=``. The gate fails when
    any condition holds.
    """
    if spec is None or not str(spec).strip():
        raise FailOnError("--fail-on is empty; expected e.g. 'regressions>0' or "
                          "'regression-rate>0.02'")
    conditions = []
    known = _metric_names()
    for part in str(spec).split(","):
        match = _CONDITION.match(part.lower())
        if not match:
            raise FailOnError(f"--fail-on: cannot read {part.strip()!r}; expected METRIC>NUMBER or "
                              f"METRIC>=NUMBER, e.g. 'regressions>0' or 'regression-rate>0.02' "
                              f"(metrics: {', '.join(known)})")
        metric, op, number, percent = match.groups()
        if metric not in known:
            hint = difflib.get_close_matches(metric, known, n=1)
            raise FailOnError(f"--fail-on: unknown metric {metric!r}"
                              + (f" (did you mean {hint[0]!r}?)" if hint else "")
                              + f"; known: {', '.join(known)}")
        threshold = float(number) / (100 if percent else 1)
        if percent and not metric.endswith("-rate"):
            raise FailOnError(f"--fail-on: {metric!r} is a count; a percentage needs a rate metric "
                              f"such as {metric[:-1]}-rate")
        if metric.endswith("-rate") and threshold > 1:
            raise FailOnError(f"--fail-on: {metric} is a fraction between 0 and 1 (or use "
                              f"'{number}%'), got {number}")
        conditions.append(GateCondition(metric, op, threshold))
    return tuple(conditions)


@dataclass(frozen=True)
class GateOutcome:
    passed: bool
    exit_code: int  # 0 passed, 1 the --fail-on threshold was exceeded
    message: str
    counts: dict[str, int]


def evaluate_gate(conditions: Optional[Iterable[GateCondition]],
                  counts: Mapping[str, int]) -> GateOutcome:
    counts = dict(counts)
    summary = ", ".join(f"{counts.get(v, 0)} {v}" for v in VERDICTS)
    if not conditions:
        return GateOutcome(True, 0, f"no --fail-on gate; {summary}", counts)
    broken = [c for c in conditions if c.holds(counts)]
    if broken:
        why = "; ".join(f"{c.metric} = {_fmt_metric(c, counts)} ({c})" for c in broken)
        return GateOutcome(False, 1, f"parity gate failed: {why}", counts)
    held = ", ".join(str(c) for c in conditions)
    return GateOutcome(True, 0, f"parity gate passed (fails on {held}); {summary}", counts)


def _fmt_metric(condition: GateCondition, counts: Mapping[str, int]) -> str:
    value = condition.value(counts)
    return f"{value:.2%}" if condition.metric.endswith("-rate") else f"{value:g}"


# --- streaming statistics ------------------------------------------------------------------------

class StreamingQuantiles:
    """Percentiles over a stream in bounded memory: exact (nearest rank) up to ``exact_limit``
    values, then a log-scale histogram with 1 %-wide buckets (a percentile within ~0.5 %)."""

    def __init__(self, exact_limit: int = 10_000, resolution: float = 0.01) -> None:
        self.exact_limit = exact_limit
        self._log_step = math.log1p(resolution)
        self._values: Optional[list[float]] = []
        self._buckets: Counter[int] = Counter()
        self.count = 0

    @property
    def exact(self) -> bool:
        return self._values is not None

    def add(self, value: Optional[float]) -> None:
        if value is None or not isinstance(value, (int, float)) or math.isnan(value) or value < 0:
            return
        self.count += 1
        if self._values is not None:
            self._values.append(float(value))
            if len(self._values) > self.exact_limit:
                for v in self._values:
                    self._bucket(v)
                self._values = None
        else:
            self._bucket(value)

    def _bucket(self, value: float) -> None:
        self._buckets[math.floor(math.log(max(value, 1e-3)) / self._log_step)] += 1

    def quantile(self, q: float) -> Optional[float]:
        if not self.count:
            return None
        rank = max(1, math.ceil(q * self.count))
        if self._values is not None:
            return sorted(self._values)[rank - 1]
        seen = 0
        for key in sorted(self._buckets):
            seen += self._buckets[key]
            if seen >= rank:
                return math.exp((key + 0.5) * self._log_step)
        return None


MAX_MODELS_PER_SIDE = 100  # beyond this, usage is pooled under "(other)" to keep memory bounded


@dataclass
class SideStats:
    """Running totals for one side (baseline or candidate)."""

    latency: StreamingQuantiles = field(default_factory=StreamingQuantiles)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    failed: int = 0
    cached: int = 0
    providers: Counter = field(default_factory=Counter)
    usage_by_model: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))

    def add(self, reply, model: Optional[str]) -> None:
        self.latency.add(reply.latency_ms)
        p, c = reply.prompt_tokens or 0, reply.completion_tokens or 0
        self.prompt_tokens += p
        self.completion_tokens += c
        self.failed += bool(reply.error)
        self.cached += bool(reply.cached)
        if reply.provider in self.providers or len(self.providers) < MAX_MODELS_PER_SIDE:
            self.providers[reply.provider] += 1
        key = model or "(unknown model)"
        if key not in self.usage_by_model and len(self.usage_by_model) >= MAX_MODELS_PER_SIDE:
            key = "(other)"
        usage = self.usage_by_model[key]
        usage[0] += p
        usage[1] += c
        usage[2] += 1

    def summary(self, prices: Mapping[str, Price]) -> dict[str, Any]:
        cost, unpriced, by_model = 0.0, [], []
        for model, (p, c, n) in sorted(self.usage_by_model.items()):
            price = price_for(model, prices)
            model_cost = price.cost(p, c) if price else None
            if price:
                cost += model_cost
            elif p or c:
                unpriced.append(model)
            by_model.append({"model": model, "samples": n, "prompt_tokens": p,
                             "completion_tokens": c, "cost": model_cost})
        p50, p95 = self.latency.quantile(0.50), self.latency.quantile(0.95)
        return {
            "providers": [name for name, _ in self.providers.most_common(5)],
            "latency_ms": {"p50": p50, "p95": p95, "samples": self.latency.count,
                           "exact": self.latency.exact},
            "prompt_tokens": self.prompt_tokens, "completion_tokens": self.completion_tokens,
            "estimated_cost": cost if by_model and len(unpriced) < len(by_model) else None,
            "unpriced_models": unpriced, "by_model": by_model,
            "failed": self.failed, "cached": self.cached,
        }


def _side_model(reply, request: Optional[Mapping[str, Any]]) -> Optional[str]:
    """The model that answered: the raw body's ``model``, else the request's, else the provider
    spec's (``mistral:NAME``, ``openai-compatible:PROVIDER:NAME``; ``auto`` means "mapped per
    recording", so it names no model)."""
    raw_model = reply.raw.get("model") if isinstance(reply.raw, Mapping) else None
    if raw_model:
        return str(raw_model)
    if request and request.get("model"):
        return str(request["model"])
    kind, _, rest = reply.provider.partition(":")
    if kind == "openai-compatible":
        rest = rest.partition(":")[2]
    return rest if rest and rest != "auto" else None


# --- per-sample detail ---------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: Any, limit: Optional[int] = None) -> str:
    """Text safe for XML 1.0 (no control characters), cut to ``limit`` characters with a marker."""
    text = _CONTROL.sub("\ufffd", "" if text is None else str(text))
    if limit is not None and len(text) > limit:
        text = text[:limit] + f"… [{len(text) - limit} more characters not shown]"
    return text


def _pretty_args(arguments: str) -> str:
    try:
        return json.dumps(json.loads(arguments), indent=2, ensure_ascii=False, sort_keys=True)
    except (ValueError, TypeError):
        return arguments


def _side_view(reply) -> dict[str, Any]:
    calls = [{"name": c.name, "arguments": clean(_pretty_args(c.arguments), 2000)}
             for c in reply.tool_calls[:20]]
    text = reply.text if isinstance(reply.text, str) else None
    return {
        "provider": reply.provider, "text": clean(text, TEXT_LIMIT) if text is not None else None,
        "tool_calls": calls, "finish_reason": reply.finish_reason,
        "refusal": clean(reply.refusal, 500) or None,
        "latency_ms": reply.latency_ms, "prompt_tokens": reply.prompt_tokens,
        "completion_tokens": reply.completion_tokens,
        "error": {k: clean(v, 500) for k, v in reply.error.items()} if reply.error else None,
        "embedding_dims": len(reply.embedding) if reply.embedding is not None else None,
    }


def _comparable_lines(view: dict[str, Any]) -> list[str]:
    lines = (view["text"] or "").splitlines()
    for call in view["tool_calls"]:
        lines.append(f"→ {call['name']}(")
        lines.extend("    " + line for line in call["arguments"].splitlines())
        lines.append(")")
    return lines


def _request_view(request: Mapping[str, Any]) -> dict[str, Any]:
    messages = request.get("messages") or []
    last_user = next((m.get("content") for m in reversed(messages)
                      if isinstance(m, Mapping) and m.get("role") == "user"), None)
    if isinstance(last_user, list):
        last_user = " ".join(str(p.get("text", "")) for p in last_user if isinstance(p, Mapping))
    if last_user is None and "input" in request:
        last_user = request["input"]
    fmt = request.get("response_format")
    return {
        "model": request.get("model"), "messages": len(messages),
        "last_user": clean(last_user, 1500) if last_user is not None else None,
        "response_format": fmt.get("type") if isinstance(fmt, Mapping) else None,
        "tools": [t.get("function", {}).get("name") for t in request.get("tools") or ()
                  if isinstance(t, Mapping)][:20],
        "stream": bool(request.get("stream")),
    }


def _detail_json(detail: Any, limit: int = 4000) -> Optional[str]:
    if not detail:
        return None
    return clean(json.dumps(detail, indent=2, ensure_ascii=False, default=str), limit)


def sample_detail(result: SampleResult, index: int) -> dict[str, Any]:
    """What the HTML/JSON reports show for one sample (bounded size)."""
    baseline, candidate = _side_view(result.baseline), _side_view(result.candidate)
    diff = list(itertools.islice(difflib.unified_diff(
        _comparable_lines(baseline), _comparable_lines(candidate), "baseline", "candidate",
        lineterm="", n=2), 400))
    return {
        "index": index, "id": clean(result.id, 200), "endpoint": result.endpoint,
        "verdict": result.verdict.value,
        "findings": [{"check": f.check, "verdict": f.verdict.value, "reason": clean(f.reason, 500),
                      "detail": _detail_json(f.detail)} for f in result.findings[:30]],
        "request": _request_view(result.request), "baseline": baseline, "candidate": candidate,
        "diff": [clean(line, 1000) for line in diff[2:]] if diff else [],
        "source": clean(result.meta.get("source"), 200) or None,
        "tags": [clean(t, 40) for t in result.meta.get("tags", ())][:10]
        if isinstance(result.meta.get("tags"), list) else [],
    }


# --- the aggregator ------------------------------------------------------------------------------

@dataclass
class Aggregate:
    """Everything the reports need, built one result at a time."""

    detail_limit: int = DETAIL_LIMIT
    counts: Counter = field(default_factory=Counter)
    by_endpoint: dict = field(default_factory=lambda: defaultdict(Counter))
    checks: dict = field(default_factory=lambda: defaultdict(Counter))  # check -> verdict -> n
    baseline: SideStats = field(default_factory=SideStats)
    candidate: SideStats = field(default_factory=SideStats)
    _heap: list = field(default_factory=list)  # (rank, -index, detail): the worst non-identical
    non_identical: int = 0

    def add(self, result: SampleResult, index: int) -> None:
        verdict = result.verdict.value
        self.counts["total"] += 1
        self.counts[verdict] += 1
        self.by_endpoint[result.endpoint][verdict] += 1
        for finding in result.findings:
            if finding.verdict is not Verdict.IDENTICAL:
                self.checks[finding.check][finding.verdict.value] += 1
        self.baseline.add(result.baseline, _side_model(result.baseline, result.request))
        self.candidate.add(result.candidate,
                           _side_model(result.candidate, result.candidate_request))
        if result.verdict is Verdict.IDENTICAL:
            return
        self.non_identical += 1
        key = (result.verdict.rank, -index)
        if len(self._heap) < self.detail_limit:
            heapq.heappush(self._heap, (key, sample_detail(result, index)))
        elif self.detail_limit and key > self._heap[0][0]:
            heapq.heapreplace(self._heap, (key, sample_detail(result, index)))

    def details(self) -> list[dict[str, Any]]:
        """Embedded samples, worst verdict first, then in input order."""
        return [d for _, d in sorted(self._heap, key=lambda item: (-item[0][0], -item[0][1]))]

    def check_rows(self, limit: int = 40) -> list[dict[str, Any]]:
        rows = [{"check": check, "counts": dict(counts),
                 "worst": max(counts, key=lambda v: Verdict(v).rank)}
                for check, counts in self.checks.items()]
        rows.sort(key=lambda r: (-Verdict(r["worst"]).rank, -r["counts"][r["worst"]], r["check"]))
        return rows[:limit]


# --- results.jsonl -------------------------------------------------------------------------------

def iter_results(path: Path, *, skipped: Optional[list[int]] = None) -> Iterator[SampleResult]:
    """Read ``results.jsonl`` one line at a time.

    A line that is not a complete JSON object (the torn last line of a killed run, or a line cut
    by a crash before a resumed run appended more) is skipped with a warning; its 1-based line
    number is appended to ``skipped`` when given. Blank lines are ignored.
    """
    with Path(path).open("r", encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                result = SampleResult.from_dict(data)
            except (ValueError, KeyError, TypeError) as exc:
                warnings.warn(f"{path}:{number}: unreadable result line skipped "
                              f"({exc.__class__.__name__})", stacklevel=2)
                if skipped is not None:
                    skipped.append(number)
                continue
            yield result


# --- writing -------------------------------------------------------------------------------------

def _atomic_writer(path: Path):
    """Write to a temporary file next to ``path`` and rename it into place on success."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    return os.fdopen(fd, "w", encoding="utf-8", newline="\n"), Path(tmp)


def _write_text(path: Path, chunks: Iterable[str]) -> None:
    handle, tmp = _atomic_writer(path)
    try:
        with handle:
            for chunk in chunks:
                handle.write(chunk)
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; reports are meant to be shared
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _junit_cases(spool: Path) -> Iterator[dict[str, Any]]:
    with spool.open(encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def _script_and_hash() -> tuple[str, str]:
    script = templating.render("parity_report.js.j2")
    digest = b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return script, f"sha256-{digest}"


def write_reports(results: Iterable[SampleResult], out_dir: Path, *, fail_on: Optional[str] = None,
                  prices: Optional[Mapping[str, Any]] = None,
                  thresholds: Optional[Thresholds] = None, recompare: bool = False,
                  detail_limit: int = DETAIL_LIMIT, title: str = "Parity report",
                  notes: Optional[list[str]] = None) -> GateOutcome:
    """Write report.html, report.md, report.json and junit.xml into ``out_dir``; return the gate.

    ``results`` is consumed once (it may be a generator over results.jsonl). A result without a
    verdict is compared here (``thresholds``); ``recompare=True`` compares every result again.
    ``prices`` overrides the estimated price table (see migrator.parity.prices). ``notes`` (read
    after the pass, so an ``iter_results(..., skipped=...)`` list can feed it) are shown in the
    reports. ``fail_on`` is parsed before any work, so a bad expression raises FailOnError early.
    """
    conditions = parse_fail_on(fail_on) if fail_on is not None else ()
    price_table = merge_prices(prices)
    thresholds = thresholds or Thresholds()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    agg = Aggregate(detail_limit=detail_limit)

    spool_handle, spool = _atomic_writer(out_dir / "junit-cases.jsonl")
    try:
        with spool_handle:
            for index, result in enumerate(results):
                if recompare or result.verdict is None:
                    result = compare_sample(result, thresholds)
                agg.add(result, index)
                spool_handle.write(json.dumps(_junit_case(result), ensure_ascii=False) + "\n")
        outcome = evaluate_gate(conditions, {"total": agg.counts["total"],
                                             **{v: agg.counts[v] for v in VERDICTS}})
        report = _build_report(agg, outcome, conditions, price_table, thresholds, title,
                               notes or [])
        context = report.template_values()
        script, script_hash = _script_and_hash()
        _write_text(out_dir / "report.json", [json.dumps(report.to_json_dict(), indent=2,
                                                          ensure_ascii=False, default=str) + "\n"])
        _write_text(out_dir / "report.md", [templating.render("parity_report.md.j2", **context)])
        _write_text(out_dir / "report.html", [templating.render(
            "parity_report.html.j2", script=script, script_hash=script_hash, **context)])
        junit = templating.environment(True).get_template("parity_junit.xml.j2")
        _write_text(out_dir / "junit.xml", junit.generate(cases=_junit_cases(spool), **context))
    finally:
        spool.unlink(missing_ok=True)
    return outcome


def _junit_case(result: SampleResult) -> dict[str, Any]:
    latency = result.candidate.latency_ms
    return {
        "id": clean(result.id, 300), "endpoint": result.endpoint, "verdict": result.verdict.value,
        "reasons": [f"[{f.verdict.value}] {f.check}: {clean(f.reason, 400)}"
                    for f in result.findings[:10]],
        "time": round(latency / 1000, 3) if isinstance(latency, (int, float)) else 0,
    }


@dataclass(frozen=True)
class ParityReport:
    """What every report renders (report.json is its ``to_json_dict``); ``version`` is bumped on
    incompatible changes to report.json."""

    version: int
    title: str
    migrator_version: str
    generated_at: str
    total: int
    verdicts: tuple[str, ...]
    counts: dict[str, int]
    rates: dict[str, float]
    gate: dict[str, Any]
    by_endpoint: dict[str, dict[str, int]]
    checks: list[dict[str, Any]]
    sides: dict[str, dict[str, Any]]
    prices: dict[str, str]
    thresholds: dict[str, Any]
    details: list[dict[str, Any]]  # the embedded samples, worst first (at most detail_limit)
    worst: list[dict[str, Any]]  # the first regressions/errors of details, for report.md
    non_identical: int
    detail_limit: int
    details_capped: bool
    notes: list[str]

    def template_values(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}

    def to_json_dict(self) -> dict[str, Any]:
        """report.json: everything but the embedded texts; samples carry their findings only."""
        data = {k: v for k, v in self.template_values().items()
                if k not in ("details", "worst", "verdicts")}
        data["samples"] = [{"id": d["id"], "endpoint": d["endpoint"], "verdict": d["verdict"],
                            "findings": [{k: f[k] for k in ("check", "verdict", "reason")}
                                         for f in d["findings"]]}
                           for d in self.details]
        return data


def _build_report(agg: Aggregate, outcome: GateOutcome, conditions, prices, thresholds: Thresholds,
                  title: str, notes: list[str]) -> ParityReport:
    total = agg.counts["total"]
    details = agg.details()
    return ParityReport(
        version=REPORT_VERSION, title=title, migrator_version=migrator_version,
        generated_at=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        total=total, verdicts=VERDICTS,
        counts={v: agg.counts[v] for v in VERDICTS},
        rates={v: (agg.counts[v] / total if total else 0.0) for v in VERDICTS},
        gate={"passed": outcome.passed, "exit_code": outcome.exit_code,
              "message": outcome.message, "conditions": [str(c) for c in conditions],
              # "none" when no --fail-on was given: a report without a gate never shows a pass
              "state": ("passed" if outcome.passed else "failed") if conditions else "none"},
        by_endpoint={e: {v: c[v] for v in VERDICTS} for e, c in sorted(agg.by_endpoint.items())},
        checks=agg.check_rows(),
        sides={"baseline": agg.baseline.summary(prices),
               "candidate": agg.candidate.summary(prices)},
        prices={"as_of": PRICES_AS_OF, "currency": CURRENCY},
        thresholds={f.name: (getattr(thresholds, f.name).value
                             if isinstance(getattr(thresholds, f.name), Verdict)
                             else getattr(thresholds, f.name))
                    for f in dataclasses.fields(thresholds) if f.name != "refusal_patterns"},
        details=details,
        worst=[d for d in details if d["verdict"] in ("regression", "error")][:WORST_IN_MARKDOWN],
        non_identical=agg.non_identical, detail_limit=agg.detail_limit,
        details_capped=agg.non_identical > len(details),
        notes=[clean(n, 500) for n in notes],
    )


def report_dir(run_dir: Path, *, fail_on: Optional[str] = None,
               prices: Optional[Mapping[str, Any]] = None, thresholds: Optional[Thresholds] = None,
               recompare: bool = False, out_dir: Optional[Path] = None) -> GateOutcome:
    """``migrator parity report DIR``: re-render the reports from ``DIR/results.jsonl``."""
    run_dir = Path(run_dir)
    results_path = run_dir / "results.jsonl"
    if not results_path.is_file():
        raise FileNotFoundError(f"{results_path} does not exist (run `migrator parity run` first)")
    skipped: list[int] = []
    notes: list[str] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = _noting(iter_results(results_path, skipped=skipped), skipped, notes)
        outcome = write_reports(results, out_dir or run_dir, fail_on=fail_on, prices=prices,
                                thresholds=thresholds, recompare=recompare, notes=notes)
    return outcome


def _noting(results: Iterator[SampleResult], skipped: list[int],
            notes: list[str]) -> Iterator[SampleResult]:
    yield from results
    if skipped:
        shown = ", ".join(str(n) for n in skipped[:10]) + (" …" if len(skipped) > 10 else "")
        notes.append(f"{len(skipped)} unreadable line(s) in results.jsonl skipped (line {shown}); "
                     "a torn last line is what a killed run leaves")
