"""``--via-batch``: the candidate side through the Mistral Batch API, then the usual replay.

1. Recordings are spooled to ``OUT/batch/recordings.jsonl`` (streamed; the source is read once),
   each translated by the candidate; requests go into one batch input file per (endpoint, model)
   as ``{"custom_id", "body"}`` lines (the model is the job's).
2. Each file is uploaded (``files.upload``, purpose ``batch``), a job created
   (``batch.jobs.create``), and polled (``batch.jobs.get``) until it ends; its output and error
   files are downloaded (``files.download``). Job ids are kept in ``OUT/batch/state.json``, so a
   killed run resumes polling instead of submitting again.
3. Answers are stored on disk by request, and the normal runner replays the spool with a candidate
   that answers from them: results.jsonl, resume, compare and reports work as for a live run.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional

from migrator.parity.model import Recording, Reply
from migrator.parity.providers import (RETRYABLE_STATUS, MistralProvider, reply_from_body,
                                       retry_after_seconds)
from migrator.parity.recordings import Scrubber
from migrator.parity.runner import RESULTS_FILE, ReplyCache, RunOptions, RunSummary, completed_ids, replay
from migrator.parity.translate import Translation

ENDPOINT_PATHS = {"chat.completions": "/v1/chat/completions", "embeddings": "/v1/embeddings"}
TERMINAL = {"SUCCESS", "FAILED", "TIMEOUT_EXCEEDED", "CANCELLED"}


def _answer_key(provider: str, endpoint: str, request: Mapping[str, Any]) -> str:
    body = {k: v for k, v in request.items() if k != "stream"}  # batch answers are not streamed
    return ReplyCache.key(provider, endpoint, body)


class BatchAnswers:
    """A candidate that answers from downloaded batch output (same name and translation as the
    live candidate, so results look the same)."""

    def __init__(self, live: Any, store: ReplyCache):
        self.live, self.store = live, store
        self.name, self.protocol = live.name, getattr(live, "protocol", "mistral")

    def prepare(self, endpoint: str, request: dict[str, Any], *,
                model_overrides: Optional[Mapping[str, str]] = None) -> Translation:
        return self.live.prepare(endpoint, request, model_overrides=model_overrides)

    async def complete(self, request: dict[str, Any], *, endpoint: str = "chat.completions") -> Reply:
        reply = self.store.get(_answer_key(self.name, endpoint, request))
        if reply is None:
            return Reply(provider=self.name, error={
                "type": "batch", "status": None, "message": "no answer in the batch output",
                "retryable": False, "retry_after": None})
        return reply

    async def aclose(self) -> None:
        await self.live.aclose()


async def _with_retries(call, attempts: int = 6, initial: float = 0.5) -> Any:
    """Batch API calls (upload, create, poll, download) retried on 429/5xx/connection errors."""
    delay = initial
    for attempt in range(1, attempts + 1):
        try:
            return await call()
        except Exception as exc:  # noqa: BLE001 - classify, then retry or re-raise
            status = getattr(exc, "status_code", None)
            transient = status in RETRYABLE_STATUS or (status is None and any(
                n in {"TransportError", "TimeoutException", "NoResponseError"}
                for n in (c.__name__ for c in type(exc).__mro__)))
            if not transient or attempt == attempts:
                raise
            headers = getattr(exc, "headers", None) or {}
            wait = retry_after_seconds({k.lower(): v for k, v in dict(headers).items()})
            await asyncio.sleep(wait if wait is not None else delay)
            delay = min(delay * 2, 30.0)


async def _download(client: Any, file_id: str) -> bytes:
    response = await _with_retries(lambda: client.files.download_async(file_id=file_id))
    return await response.aread()


async def replay_via_batch(recordings: Iterable[Recording], baseline: Any, candidate: Any,
                           out_dir: Path, options: Optional[RunOptions] = None, *,
                           poll_interval: float = 5.0, timeout_hours: int = 24) -> RunSummary:
    if not isinstance(candidate, MistralProvider):
        raise ValueError("--via-batch needs a mistral:MODEL candidate (the Mistral Batch API)")
    options = options or RunOptions()
    out_dir = Path(out_dir)
    work = out_dir / "batch"
    work.mkdir(parents=True, exist_ok=True)
    state_path = work / "state.json"
    state: dict[str, Any] = json.loads(state_path.read_text()) if state_path.exists() else {}
    spool = work / "recordings.jsonl"
    scrub = options.scrubber or Scrubber()
    store = ReplyCache(work / "answers", scrub)
    client = candidate.sdk()

    if not state.get("jobs"):
        done = completed_ids(out_dir / RESULTS_FILE)
        groups: dict[tuple[str, str], list[str]] = {}
        seen: set[str] = set()
        with spool.open("w", encoding="utf-8") as spooled:
            for recording in recordings:
                if recording.id in done or recording.id in seen:
                    continue
                seen.add(recording.id)
                # The spool is scrubbed like any output; answers are keyed on it (phase 3).
                spooled.write(json.dumps(scrub(recording.to_dict()), ensure_ascii=False) + "\n")
                translation = candidate.prepare(recording.endpoint, recording.request,
                                                model_overrides=options.model_overrides)
                if translation.request is None or recording.endpoint not in ENDPOINT_PATHS:
                    continue  # the runner reports it untranslatable
                body = dict(translation.request)
                model = body.pop("model")
                line = json.dumps({"custom_id": recording.id, "body": body}, ensure_ascii=False)
                groups.setdefault((recording.endpoint, model), []).append(line)
        jobs = []
        for index, ((endpoint, model), lines) in enumerate(sorted(groups.items())):
            content = ("\n".join(lines) + "\n").encode()
            uploaded = await _with_retries(lambda: client.files.upload_async(
                file={"file_name": f"parity-{index}.jsonl", "content": content}, purpose="batch"))
            job = await _with_retries(lambda: client.batch.jobs.create_async(
                input_files=[uploaded.id], endpoint=ENDPOINT_PATHS[endpoint], model=model,
                metadata={"created_by": "migrator parity"}, timeout_hours=timeout_hours))
            jobs.append({"id": job.id, "endpoint": endpoint, "model": model, "file": uploaded.id})
        state = {"jobs": jobs}
        state_path.write_text(json.dumps(state))

    bodies: dict[str, tuple[str, dict[str, Any]]] = {}
    for job in state["jobs"]:
        while True:
            status = await _with_retries(lambda: client.batch.jobs.get_async(job_id=job["id"]))
            if str(status.status) in TERMINAL:
                break
            await asyncio.sleep(poll_interval)
        job["status"] = str(status.status)
        for file_id in (status.output_file, status.error_file):
            if isinstance(file_id, str) and file_id:
                for raw in (await _download(client, file_id)).splitlines():
                    try:
                        line = json.loads(raw)
                    except ValueError:
                        continue
                    if isinstance(line, dict) and line.get("custom_id") is not None:
                        bodies[str(line["custom_id"])] = (job["endpoint"], line)
    state_path.write_text(json.dumps(state))

    # Store each answer under the translated request it belongs to, then replay from the spool.
    with spool.open(encoding="utf-8") as spooled:
        for raw in spooled:
            recording = Recording.from_dict(json.loads(raw))
            translation = candidate.prepare(recording.endpoint, recording.request,
                                            model_overrides=options.model_overrides)
            if translation.request is None or recording.id not in bodies:
                continue
            endpoint, line = bodies[recording.id]
            response = line.get("response") or {}
            if response.get("status_code") == 200 and isinstance(response.get("body"), dict):
                reply = reply_from_body(candidate.name, endpoint, response["body"])
            else:
                message = json.dumps(line.get("error") or response.get("body"))[:500]
                reply = Reply(provider=candidate.name, error={
                    "type": "http" if response.get("status_code") else "batch",
                    "status": response.get("status_code"), "message": message,
                    "retryable": False, "retry_after": None})
            key = _answer_key(candidate.name, recording.endpoint, translation.request)
            store.put(key, reply)

    def spooled_recordings():
        with spool.open(encoding="utf-8") as handle:
            for raw in handle:
                yield Recording.from_dict(json.loads(raw))

    summary = await replay(spooled_recordings(), baseline, BatchAnswers(candidate, store),
                           out_dir, options)
    state_path.unlink()  # finished: a later run in this directory submits anew
    return summary
