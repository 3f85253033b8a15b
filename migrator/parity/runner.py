"""Replay: recordings -> both sides -> ``results.jsonl``, resumable.

asyncio with a bounded number of requests in flight (``concurrency``, shared by both sides),
per-provider rate limits (requests/s and tokens/min), retries with exponential backoff that honour
``Retry-After`` (the SDKs' own retries are off, so every attempt is counted), an on-disk reply cache
keyed by (provider, model, normalized request), and ``results.jsonl`` appended as each sample
finishes, by a writer thread that flushes and fsyncs (group commit). A run killed at any point
(``kill -9``) resumes: ids already in ``results.jsonl`` are skipped, a torn last line is cut off,
and no sample is ever written twice.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import json
import os
import queue
import random
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional

from migrator.parity.model import Finding, Recording, Reply, SampleResult, Verdict
from migrator.parity.providers import RecordedProvider
from migrator.parity.recordings import Scrubber
from migrator.parity.translate import Translation

RESULTS_FILE = "results.jsonl"


@dataclass
class RunOptions:
    concurrency: int = 8  # requests in flight, both sides together
    rps: Optional[float] = None  # per live provider
    tpm: Optional[float] = None  # per live provider, estimated request tokens
    max_attempts: int = 6
    backoff_initial: float = 0.5
    backoff_max: float = 30.0
    cache_dir: Optional[Path] = None
    model_overrides: Mapping[str, str] = field(default_factory=dict)
    compare: Optional[Callable[[SampleResult], SampleResult]] = None
    scrubber: Optional[Scrubber] = None
    progress: bool = False
    total: Optional[int] = None  # for the progress bar, when known


@dataclass
class RunSummary:
    seen: int = 0
    resumed: int = 0  # already in results.jsonl, skipped
    duplicates: int = 0  # the same id twice in the recordings: replayed once
    completed: int = 0
    untranslatable: int = 0
    errors: int = 0  # samples with a side that failed for good
    attempts: int = 0  # HTTP attempts sent, retries included
    retries: int = 0
    cache_hits: int = 0
    wall_s: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


# ---- results.jsonl --------------------------------------------------------------------------------

def completed_ids(path: Path) -> set[str]:
    """Ids already in a results file; a torn last line (a run killed mid-write) is cut off."""
    done: set[str] = set()
    if not path.exists():
        return done
    good_end = 0
    with path.open("rb") as handle:
        offset = 0
        for line in handle:
            offset += len(line)
            if not line.endswith(b"\n"):
                break
            try:
                done.add(str(json.loads(line)["id"]))
            except (ValueError, KeyError, TypeError):
                break
            good_end = offset
    if good_end != path.stat().st_size:
        with path.open("r+b") as handle:
            handle.truncate(good_end)
    return done


def read_results(path: Path) -> Iterator[SampleResult]:
    """Results from a results file, one at a time (unreadable lines are skipped)."""
    with Path(path).open("r", encoding="utf-8") as handle:
        for line in handle:
            try:
                yield SampleResult.from_dict(json.loads(line))
            except (ValueError, KeyError, TypeError):
                continue


class _ResultsWriter:
    """Appends lines from a background thread: write all queued lines, flush, fsync, repeat."""

    _STOP = object()

    def __init__(self, path: Path):
        self._handle = path.open("ab")
        self._queue: "queue.SimpleQueue[Any]" = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._loop, name="results-writer", daemon=True)
        self._error: Optional[BaseException] = None
        self.written = 0
        self._thread.start()

    def put(self, line: bytes) -> None:
        if self._error is not None:
            raise self._error
        self._queue.put(line)

    def _loop(self) -> None:
        try:
            while True:
                batch = [self._queue.get()]
                while True:
                    try:
                        batch.append(self._queue.get_nowait())
                    except queue.Empty:
                        break
                stop = batch[-1] is self._STOP
                lines = [b for b in batch if b is not self._STOP]
                if lines:
                    self._handle.write(b"".join(lines))
                    self._handle.flush()
                    os.fsync(self._handle.fileno())
                    self.written += len(lines)
                if stop:
                    return
        except BaseException as exc:  # noqa: BLE001 - surfaced on the next put / close
            self._error = exc

    def close(self) -> None:
        self._queue.put(self._STOP)
        self._thread.join()
        self._handle.close()
        if self._error is not None:
            raise self._error


# ---- limits, cache --------------------------------------------------------------------------------

class RateLimiter:
    """Requests/s (evenly spaced) and tokens/min (token bucket) for one provider."""

    def __init__(self, rps: Optional[float], tpm: Optional[float]):
        self._interval = 1.0 / rps if rps else 0.0
        self._next = 0.0
        self._tpm = float(tpm) if tpm else None
        self._tokens = self._tpm or 0.0
        self._stamp = time.monotonic()
        self._lock = asyncio.Lock()

    async def acquire(self, tokens: int) -> None:
        if not self._interval and self._tpm is None:
            return
        async with self._lock:
            now = time.monotonic()
            if self._interval:
                slot = max(now, self._next)
                self._next = slot + self._interval
                if slot > now:
                    await asyncio.sleep(slot - now)
            if self._tpm is not None:
                need = min(float(tokens), self._tpm)
                while True:
                    now = time.monotonic()
                    self._tokens = min(self._tpm, self._tokens + (now - self._stamp) * self._tpm / 60)
                    self._stamp = now
                    if self._tokens >= need:
                        self._tokens -= need
                        break
                    await asyncio.sleep((need - self._tokens) * 60 / self._tpm)


def estimate_tokens(request: Mapping[str, Any]) -> int:
    """Rough request size for --tpm: a token per 4 characters of the body plus the output budget."""
    size = len(json.dumps(request.get("messages") or request.get("input") or "", ensure_ascii=False))
    budget = request.get("max_tokens") or request.get("max_completion_tokens") or 0
    return max(1, size // 4 + (budget if isinstance(budget, int) else 0))


class ReplyCache:
    """Successful replies on disk, one JSON file per (provider, endpoint, normalized request).

    Entries are scrubbed like every other file the harness writes.
    """

    def __init__(self, root: Path, scrubber: Optional[Scrubber] = None):
        self.root = Path(root)
        self.scrubber = scrubber
        self.root.mkdir(parents=True, exist_ok=True)

    @staticmethod
    def key(provider: str, endpoint: str, request: Mapping[str, Any]) -> str:
        blob = json.dumps([provider, endpoint, request], sort_keys=True, ensure_ascii=False,
                          separators=(",", ":"))
        return hashlib.sha256(blob.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> Optional[Reply]:
        try:
            return Reply.from_dict(json.loads(self._path(key).read_text("utf-8")))
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def put(self, key: str, reply: Reply) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        data = reply.to_dict()
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(self.scrubber(data) if self.scrubber else data, handle, ensure_ascii=False)
        os.replace(tmp, path)


# ---- the run ------------------------------------------------------------------------------------

class _Side:
    def __init__(self, provider: Any, options: RunOptions, slots: asyncio.Semaphore,
                 cache: Optional[ReplyCache], summary: RunSummary):
        self.provider, self.options, self.slots = provider, options, slots
        self.cache, self.summary = cache, summary
        self.limiter = RateLimiter(options.rps, options.tpm)

    async def call(self, endpoint: str, request: dict[str, Any]) -> Reply:
        key = None
        if self.cache is not None:
            key = ReplyCache.key(self.provider.name, endpoint, request)
            hit = self.cache.get(key)
            if hit is not None:
                self.summary.cache_hits += 1
                return dataclasses.replace(hit, cached=True)
        attempt, tokens = 0, estimate_tokens(request)
        while True:
            attempt += 1
            await self.limiter.acquire(tokens)
            async with self.slots:
                reply = await self.provider.complete(request, endpoint=endpoint)
            self.summary.attempts += 1
            error = reply.error
            if error is None or not error.get("retryable") or attempt >= self.options.max_attempts:
                break
            self.summary.retries += 1
            await asyncio.sleep(self._backoff(attempt, error.get("retry_after")))
        reply = dataclasses.replace(reply, attempts=attempt)
        if key is not None and reply.error is None:
            self.cache.put(key, reply)
        return reply

    def _backoff(self, attempt: int, retry_after: Optional[float]) -> float:
        if retry_after is not None:
            return min(float(retry_after), self.options.backoff_max)
        ceiling = min(self.options.backoff_max, self.options.backoff_initial * 2 ** (attempt - 1))
        return ceiling * random.uniform(0.5, 1.0)


def _reply_dict(reply: Reply) -> dict[str, Any]:
    data = {f.name: getattr(reply, f.name) for f in dataclasses.fields(Reply)}
    data["tool_calls"] = [{"name": c.name, "arguments": c.arguments, "id": c.id}
                          for c in reply.tool_calls]
    return data


def result_dict(result: SampleResult) -> dict[str, Any]:
    """``result.to_dict()`` without its deep copies (``asdict`` copies every raw body): the
    results line is serialized right away, so sharing the dicts is safe."""
    return {
        "version": result.version, "id": result.id, "endpoint": result.endpoint,
        "request": result.request, "candidate_request": result.candidate_request,
        "baseline": _reply_dict(result.baseline), "candidate": _reply_dict(result.candidate),
        "meta": result.meta, "findings": [f.to_dict() for f in result.findings],
        "verdict": result.verdict.value if result.verdict else None,
    }


def _request_with_stream(translation: Translation) -> Optional[dict[str, Any]]:
    if translation.request is None:
        return None
    return {**translation.request, "stream": True} if translation.stream else dict(translation.request)


def _failed(provider: str, kind: str, message: str) -> Reply:
    return Reply(provider=provider, error={"type": kind, "status": None, "message": message,
                                           "retryable": False, "retry_after": None}, attempts=0)


async def _replay_one(recording: Recording, baseline: Any, candidate: _Side,
                      baseline_side: Optional[_Side], options: RunOptions) -> SampleResult:
    translation = candidate.provider.prepare(recording.endpoint, recording.request,
                                             model_overrides=options.model_overrides)
    candidate_request = _request_with_stream(translation)

    async def run_candidate() -> Reply:
        if candidate_request is None:
            return _failed(candidate.provider.name, "untranslatable",
                           translation.untranslatable or "untranslatable")
        return await candidate.call(recording.endpoint, candidate_request)

    async def run_baseline() -> Reply:
        if baseline_side is None:
            return baseline.reply_for(recording)
        prepared = baseline_side.provider.prepare(recording.endpoint, recording.request)
        return await baseline_side.call(recording.endpoint, _request_with_stream(prepared) or {})

    base_reply, cand_reply = await asyncio.gather(run_baseline(), run_candidate())
    meta = {**recording.meta, **translation.meta()}
    result = SampleResult(id=recording.id, endpoint=recording.endpoint, request=recording.request,
                          candidate_request=candidate_request, baseline=base_reply,
                          candidate=cand_reply, meta=meta)
    if translation.untranslatable:
        finding = Finding("translation", Verdict.ERROR,
                          f"untranslatable: {translation.untranslatable}")
        return dataclasses.replace(result, findings=(finding,), verdict=Verdict.ERROR)
    if options.compare is not None:
        try:
            result = options.compare(result)
        except Exception as exc:  # noqa: BLE001 - a comparator bug must not lose the replies
            meta = {**result.meta, "compare_error": f"{type(exc).__name__}: {exc}"}
            result = dataclasses.replace(result, meta=meta)
    return result


def _progress(options: RunOptions):  # pragma: no cover - display only
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)
    return Progress(TextColumn("[bold]parity"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), TimeRemainingColumn(), TextColumn("{task.fields[info]}"),
                    transient=False)


async def replay(recordings: Iterable[Recording], baseline: Any, candidate: Any, out_dir: Path,
                 options: Optional[RunOptions] = None) -> RunSummary:
    """Replay ``recordings`` on both sides into ``out_dir/results.jsonl`` (resuming it)."""
    options = options or RunOptions()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    results_path = out_dir / RESULTS_FILE
    done = completed_ids(results_path)
    summary = RunSummary()
    scrub = options.scrubber or Scrubber()
    slots = asyncio.Semaphore(max(1, options.concurrency))
    cache = ReplyCache(options.cache_dir, scrub) if options.cache_dir else None
    candidate_side = _Side(candidate, options, slots, cache, summary)
    baseline_side = None if isinstance(baseline, RecordedProvider) else _Side(
        baseline, options, slots, cache, summary)
    for provider in (candidate, baseline):  # imports and clients before the clock starts
        if hasattr(provider, "open"):
            provider.open()
    writer = _ResultsWriter(results_path)
    work: "asyncio.Queue[Optional[Recording]]" = asyncio.Queue(maxsize=2 * options.concurrency)
    started = time.perf_counter()
    progress = _progress(options) if options.progress else None
    task_id = None
    if progress is not None:
        progress.start()
        remaining = options.total - len(done) if options.total is not None else None
        task_id = progress.add_task("replay", total=remaining, info="")

    async def produce() -> None:
        seen: set[str] = set()
        for recording in recordings:
            summary.seen += 1
            if recording.id in done:
                summary.resumed += 1
                continue
            if recording.id in seen:
                summary.duplicates += 1
                continue
            seen.add(recording.id)
            await work.put(recording)
        for _ in range(workers):
            await work.put(None)

    async def consume() -> None:
        while (recording := await work.get()) is not None:
            result = await _replay_one(recording, baseline, candidate_side, baseline_side, options)
            line = scrub.dumps(result_dict(result)) + "\n"
            writer.put(line.encode("utf-8"))
            summary.completed += 1
            if result.verdict == Verdict.ERROR and result.meta.get("untranslatable"):
                summary.untranslatable += 1
            elif result.baseline.error or result.candidate.error:
                summary.errors += 1
            if progress is not None:
                progress.update(task_id, advance=1, info=f"retries {summary.retries} "
                                                          f"errors {summary.errors}")

    workers = max(1, options.concurrency)
    try:
        await asyncio.gather(produce(), *(consume() for _ in range(workers)))
    finally:
        writer.close()
        if progress is not None:
            progress.stop()
        for side in (candidate, baseline):
            await side.aclose()
    summary.wall_s = time.perf_counter() - started
    return summary


def run_replay(recordings: Iterable[Recording], baseline: Any, candidate: Any, out_dir: Path,
               options: Optional[RunOptions] = None) -> RunSummary:
    return asyncio.run(replay(recordings, baseline, candidate, out_dir, options))
