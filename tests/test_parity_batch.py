"""--via-batch: the candidate side through the Mistral Batch API (mistralai SDK against the wire
server's files + batch endpoints), then compared as usual."""

from __future__ import annotations

import asyncio
import json

from typer.testing import CliRunner

from migrator.cli import app
from migrator.parity.batch import replay_via_batch
from migrator.parity.model import Recording
from migrator.parity.providers import MistralProvider, RecordedProvider
from migrator.parity.runner import RESULTS_FILE, RunOptions


def _recordings():
    recs = []
    for i in range(5):
        request = {"model": "gpt-4o-mini" if i % 2 else "gpt-4o", "seed": i, "user": "u",
                   "messages": [{"role": "developer", "content": "short"},
                                {"role": "user", "content": f"question {i}"}]}
        recs.append(Recording(f"b{i}", "chat.completions", request, {"choices": [{
            "message": {"role": "assistant", "content": f"echo(seed={i}): question {i}"},
            "finish_reason": "stop"}]}))
    recs.append(Recording("emb", "embeddings", {"model": "text-embedding-3-small", "input": "x"},
                          {"object": "list", "data": [{"embedding": [0.1, 0.2]}]}))
    recs.append(Recording("bad", "chat.completions", {"model": "gpt-4o", "audio": {},
                                                      "messages": [{"role": "user", "content": "x"}]}))
    return recs


def test_via_batch_uploads_creates_polls_downloads_and_compares(fresh_mistral_server, tmp_path,
                                                                monkeypatch):
    monkeypatch.setenv("MISTRAL_API_KEY", "test-key-not-secret")
    server = fresh_mistral_server
    server.batch_polls_until_done = 2
    server.inject(status=429, retry_after=0.05)  # the upload is retried
    candidate = MistralProvider(server_url=server.url, timeout=5)
    summary = asyncio.run(replay_via_batch(_recordings(), RecordedProvider(), candidate, tmp_path,
                                           RunOptions(), poll_interval=0.01))
    rows = {r["id"]: r for r in map(json.loads, (tmp_path / RESULTS_FILE).read_text().splitlines())}
    assert set(rows) == {"b0", "b1", "b2", "b3", "b4", "emb", "bad"}
    for i in range(5):
        assert rows[f"b{i}"]["candidate"]["text"] == f"echo(seed={i}): question {i}"
        assert rows[f"b{i}"]["candidate"]["error"] is None
    assert rows["b1"]["candidate_request"]["model"] == "mistral-small-latest"
    assert rows["b0"]["candidate_request"]["model"] == "mistral-large-latest"
    assert len(rows["emb"]["candidate"]["embedding"]) == 1024
    assert rows["bad"]["verdict"] == "error"
    paths = [(r.method, r.path.split("?")[0]) for r in server.requests]
    assert ("POST", "/v1/chat/completions") not in paths  # nothing sent live
    assert paths.count(("POST", "/v1/batch/jobs")) == 3  # one job per (endpoint, model)
    assert paths.count(("POST", "/v1/files")) == 4  # 3 uploads + the retried 429
    assert sum(p == ("GET", "/v1/batch/jobs/job-0001") for p in paths) == 3  # RUNNING x2, SUCCESS
    assert summary.completed == 7 and summary.untranslatable == 1
    uploaded = [r for r in server.requests if r.path == "/v1/batch/jobs"]
    assert {r.body["model"] for r in uploaded} == {"mistral-large-latest", "mistral-small-latest",
                                                   "mistral-embed"}


def test_failed_batch_lines_become_error_replies(fresh_mistral_server, tmp_path, monkeypatch):
    monkeypatch.setenv("MISTRAL_API_KEY", "test-key-not-secret")
    rec = Recording("x", "chat.completions", {"model": "gpt-4o", "messages": [
        {"role": "user", "content": "hi"}]}, None)
    candidate = MistralProvider("not-a-mistral-model", server_url=fresh_mistral_server.url)
    asyncio.run(replay_via_batch([rec], RecordedProvider(), candidate, tmp_path, RunOptions(),
                                 poll_interval=0.01))
    (row,) = map(json.loads, (tmp_path / RESULTS_FILE).read_text().splitlines())
    assert row["candidate"]["error"]["status"] == 400
    assert "Invalid model" in row["candidate"]["error"]["message"]


def test_cli_via_batch(fresh_mistral_server, tmp_path, monkeypatch):
    monkeypatch.setenv("MISTRAL_API_KEY", "test-key-not-secret")
    recs = tmp_path / "r.jsonl"
    recs.write_text("".join(json.dumps(r.to_dict()) + "\n" for r in _recordings()[:5]))
    result = CliRunner().invoke(app, ["parity", "run", str(recs), "--out", str(tmp_path / "run"),
                                      "--candidate-url", fresh_mistral_server.url, "--via-batch",
                                      "--poll-interval", "0.01", "--no-progress"])
    assert result.exit_code in (0, 1), result.output
    assert "5 sample(s) replayed" in result.output
    assert not (tmp_path / "run" / "batch" / "state.json").exists()


def test_batch_work_files_are_scrubbed(fresh_mistral_server, tmp_path, monkeypatch):
    monkeypatch.setenv("MISTRAL_API_KEY", "test-key-not-secret")
    secret = "sk-PLANTEDbatchKEY0123456789abcdef"
    rec = Recording("s", "chat.completions", {"model": "gpt-4o", "messages": [
        {"role": "user", "content": f"key {secret}"}]}, None)
    candidate = MistralProvider(server_url=fresh_mistral_server.url)
    asyncio.run(replay_via_batch([rec], RecordedProvider(), candidate, tmp_path, RunOptions(),
                                 poll_interval=0.01))
    sent = [r.body for r in fresh_mistral_server.requests if r.path == "/v1/batch/jobs"]
    assert sent  # the real request went out unscrubbed to the provider ...
    (row,) = map(json.loads, (tmp_path / RESULTS_FILE).read_text().splitlines())
    assert row["candidate"]["text"] == "echo: key [REDACTED]"  # ... and was answered from the batch
    written = "".join(p.read_text() for p in tmp_path.rglob("*") if p.is_file())
    assert secret not in written
