"""The replay runner: faults over real sockets with the real SDKs, resume after kill -9, cache,
limits. Every sample ends up in results.jsonl exactly once."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from migrator.parity.model import Recording, Reply, Verdict
from migrator.parity.providers import FakeProvider, MistralProvider, OpenAIProvider, RecordedProvider
from migrator.parity.runner import (RESULTS_FILE, RateLimiter, RunOptions, completed_ids,
                                    read_results, run_replay)

REPO = Path(__file__).resolve().parent.parent
KEY = "test-key-not-secret"


def recording(i: int, *, stream: bool = False, **extra) -> Recording:
    request = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": f"sample {i}"}],
               "seed": i, **extra}
    if stream:
        request["stream"] = True
    response = {"choices": [{"index": 0, "finish_reason": "stop", "message": {
        "role": "assistant", "content": f"echo(seed={i}): sample {i}"}}]}
    return Recording(f"s{i}", "chat.completions", request, response)


def results(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / RESULTS_FILE).read_text().splitlines()]


def fast(**kwargs) -> RunOptions:
    return RunOptions(backoff_initial=0.01, backoff_max=1.0, **kwargs)


@pytest.fixture
def mistral_key(monkeypatch):
    monkeypatch.setenv("MISTRAL_API_KEY", KEY)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)


@pytest.mark.parametrize("fault, stream", [
    pytest.param(dict(status=429, retry_after=0.3), False, id="429-retry-after"),
    pytest.param(dict(status=500, count=2), False, id="500-twice"),
    pytest.param(dict(status=503), True, id="503-stream"),
    pytest.param(dict(delay=1.5), False, id="timeout"),
    pytest.param(dict(reset=True), False, id="connection-reset"),
    pytest.param(dict(torn_stream=True), True, id="torn-sse"),
    pytest.param(dict(torn_stream=True), False, id="torn-json"),
])
def test_faults_are_retried_and_every_sample_is_counted_once(fresh_mistral_server, mistral_key,
                                                              tmp_path, fault, stream):
    server = fresh_mistral_server
    server.inject(**fault)
    provider = MistralProvider(server_url=server.url, timeout=0.5)
    started = time.monotonic()
    summary = run_replay([recording(i, stream=stream) for i in range(6)], RecordedProvider(),
                         provider, tmp_path, fast(concurrency=1))
    elapsed = time.monotonic() - started
    rows = results(tmp_path)
    assert sorted(r["id"] for r in rows) == [f"s{i}" for i in range(6)]
    assert all(r["candidate"]["error"] is None for r in rows), [r["candidate"]["error"] for r in rows]
    assert all(r["candidate"]["text"] == f"echo(seed={i}): sample {i}"
               for i, r in enumerate(sorted(rows, key=lambda r: int(r["id"][1:]))))
    retried = [r for r in rows if r["candidate"]["attempts"] > 1]
    expected_retries = fault.get("count", 1)
    assert sum(r["candidate"]["attempts"] - 1 for r in retried) == expected_retries
    assert summary.attempts == 6 + expected_retries == len(server.requests)
    assert summary.completed == 6 and summary.errors == 0
    if "retry_after" in fault:
        assert elapsed >= 0.3  # Retry-After honoured, not the 10 ms backoff


def test_openai_baseline_live_with_faults(fresh_openai_server, fresh_mistral_server, mistral_key,
                                          tmp_path):
    """Both sides live (openai SDK and mistralai SDK), faults on both."""
    fresh_openai_server.inject(status=429, retry_after=0.1)
    fresh_openai_server.inject(torn_stream=True)
    fresh_mistral_server.inject(reset=True)
    baseline = OpenAIProvider(base_url=fresh_openai_server.openai_base_url, timeout=2)
    candidate = MistralProvider(server_url=fresh_mistral_server.url, timeout=2)
    recs = [recording(i, stream=i % 2 == 0, max_completion_tokens=50) for i in range(8)]
    summary = run_replay(recs, baseline, candidate, tmp_path, fast(concurrency=4))
    rows = results(tmp_path)
    assert len(rows) == 8 and len({r["id"] for r in rows}) == 8
    for row in rows:
        assert row["baseline"]["text"] == row["candidate"]["text"], row["id"]
        assert row["baseline"]["text"].startswith("echo(max_tokens=50,seed=")
    assert summary.retries == 3 and summary.errors == 0


def test_permanent_failures_are_recorded_as_errors_not_dropped(fresh_mistral_server, mistral_key,
                                                               tmp_path):
    fresh_mistral_server.inject(status=500, count=3)
    candidate = MistralProvider(server_url=fresh_mistral_server.url, timeout=2)
    summary = run_replay([recording(0)], RecordedProvider(), candidate, tmp_path,
                         fast(concurrency=1, max_attempts=3))
    (row,) = results(tmp_path)
    assert row["candidate"]["error"]["status"] == 500 and row["candidate"]["attempts"] == 3
    assert summary.errors == 1


def test_client_errors_are_not_retried(fresh_mistral_server, mistral_key, tmp_path):
    candidate = MistralProvider("gpt-4o", server_url=fresh_mistral_server.url, timeout=2)
    run_replay([recording(0)], RecordedProvider(), candidate, tmp_path, fast())
    (row,) = results(tmp_path)
    assert row["candidate"]["error"]["status"] == 400
    assert row["candidate"]["attempts"] == 1 and len(fresh_mistral_server.requests) == 1


def test_untranslatable_sample_skips_the_candidate_with_an_error_verdict(tmp_path):
    fake = FakeProvider(lambda request, endpoint: {"choices": []})
    rec = Recording("u", "chat.completions", {"model": "gpt-4o", "audio": {}, "messages": [
        {"role": "user", "content": "x"}]}, {"choices": []})
    summary = run_replay([rec], RecordedProvider(), fake, tmp_path, fast())
    (row,) = results(tmp_path)
    assert fake.calls == []
    assert row["verdict"] == "error" and row["candidate_request"] is None
    assert row["findings"][0]["reason"].startswith("untranslatable: audio:")
    assert row["meta"]["untranslatable"].startswith("audio:")
    assert summary.untranslatable == 1


def test_resume_skips_done_ids_duplicates_and_repairs_a_torn_last_line(tmp_path):
    fake = FakeProvider(lambda request, endpoint: {"choices": [{"message": {"content": "ok"}}]})
    run_replay([recording(0), recording(1)], RecordedProvider(), fake, tmp_path, fast())
    with (tmp_path / RESULTS_FILE).open("ab") as handle:
        handle.write(b'{"version": 1, "id": "s2", "endpo')  # killed mid-write
    assert completed_ids(tmp_path / RESULTS_FILE) == {"s0", "s1"}
    summary = run_replay([recording(i) for i in (0, 1, 2, 3, 3)], RecordedProvider(), fake,
                         tmp_path, fast())
    assert [r["id"] for r in results(tmp_path)] == ["s0", "s1", "s2", "s3"]
    assert (summary.resumed, summary.duplicates, summary.completed) == (2, 1, 2)
    assert len(fake.calls) == 4


def test_compare_runs_inline_and_a_compare_bug_keeps_the_replies(tmp_path):
    fake = FakeProvider(lambda request, endpoint: {"choices": [{"message": {"content": "ok"}}]})

    def broken(result):
        raise RuntimeError("boom")

    run_replay([recording(0)], RecordedProvider(), fake, tmp_path, fast(compare=broken))
    (row,) = results(tmp_path)
    assert row["verdict"] is None and row["meta"]["compare_error"] == "RuntimeError: boom"
    assert row["candidate"]["text"] == "ok"


def test_cache_answers_a_second_run_without_requests(fresh_mistral_server, mistral_key, tmp_path):
    recs = [recording(i) for i in range(3)]
    options = dict(cache_dir=tmp_path / "cache")
    first = run_replay(recs, RecordedProvider(),
                       MistralProvider(server_url=fresh_mistral_server.url, timeout=2),
                       tmp_path / "run1", fast(**options))
    second = run_replay(recs, RecordedProvider(),
                        MistralProvider(server_url=fresh_mistral_server.url, timeout=2),
                        tmp_path / "run2", fast(**options))
    assert len(fresh_mistral_server.requests) == 3
    assert (first.cache_hits, second.cache_hits, second.attempts) == (0, 3, 0)
    rows = results(tmp_path / "run2")
    assert all(r["candidate"]["cached"] for r in rows)
    texts = {r["id"]: r["candidate"]["text"] for r in rows}
    assert texts == {r["id"]: r["candidate"]["text"] for r in results(tmp_path / "run1")}


def test_rate_limiter_spaces_requests():
    async def go():
        limiter = RateLimiter(rps=20, tpm=None)
        start = time.monotonic()
        for _ in range(5):
            await limiter.acquire(1)
        return time.monotonic() - start

    assert 0.18 <= asyncio.run(go()) < 0.5


def test_token_limiter_waits_for_the_bucket():
    async def go():
        limiter = RateLimiter(rps=None, tpm=600)  # 10 tokens/s, bucket of 600
        start = time.monotonic()
        await limiter.acquire(600)
        await limiter.acquire(3)
        return time.monotonic() - start

    assert 0.25 <= asyncio.run(go()) < 0.8


def test_concurrency_bounds_requests_in_flight(tmp_path):
    in_flight, peak = 0, 0

    class Slow(FakeProvider):
        async def complete(self, request, *, endpoint="chat.completions"):
            nonlocal in_flight, peak
            in_flight += 1
            peak = max(peak, in_flight)
            await asyncio.sleep(0.01)
            in_flight -= 1
            return Reply(provider="slow", text="x")

    run_replay([recording(i) for i in range(40)], Slow(lambda r, e: {}, name="slow-b"),
               Slow(lambda r, e: {}), tmp_path, fast(concurrency=5))
    assert peak == 5


def test_kill_9_mid_run_then_resume_loses_and_repeats_nothing(tmp_path):
    """A subprocess `migrator parity run` is SIGKILLed mid-way; the second run finishes the job:
    every id once, and no sample finished by the first run is requested again."""
    import wire_server

    total = 200
    recs = tmp_path / "recordings.jsonl"
    recs.write_text("".join(json.dumps(recording(i).to_dict()) + "\n" for i in range(total)))
    out = tmp_path / "run"
    with wire_server.WireServer("mistral", latency=0.05) as server:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "MISTRAL_"))}
        env.update(MISTRAL_API_KEY=KEY, NO_PROXY="*")
        command = [sys.executable, "-m", "migrator", "parity", "run", str(recs), "--out", str(out),
                   "--candidate", "mistral", "--candidate-url", server.url, "--concurrency", "4",
                   "--no-progress"]
        proc = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            path = out / RESULTS_FILE
            if path.exists() and path.read_bytes().count(b"\n") >= 20:
                break
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        first_done = completed_ids(out / RESULTS_FILE)
        assert 20 <= len(first_done) < total
        first_requests = len(server.requests)
        server.reset()
        finished = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True,
                                  timeout=120)
        assert finished.returncode in (0, 1), finished.stderr
        # (a request cut off by the kill may still land after reset(), without a body)
        again = [r.body["messages"][0]["content"].split()[-1] for r in server.requests
                 if isinstance(r.body, dict)]
    rows = results(out)
    counts = Counter(r["id"] for r in rows)
    assert set(counts) == {f"s{i}" for i in range(total)} and set(counts.values()) == {1}
    assert not {f"s{i}" for i in again} & first_done
    assert first_requests + len(again) <= total + 4  # at most the in-flight ones were redone
    assert all(r.candidate.error is None for r in read_results(out / RESULTS_FILE))
    assert all(r.verdict != Verdict.ERROR for r in read_results(out / RESULTS_FILE))


def test_results_lines_have_the_shape_of_sample_result_to_dict():
    from migrator.parity.model import Finding, SampleResult, ToolCall
    from migrator.parity.runner import result_dict

    result = SampleResult(
        id="x", endpoint="chat.completions", request={"model": "m", "messages": []},
        candidate_request=None,
        baseline=Reply("recorded", text="a", tool_calls=(ToolCall("f", "{}", "id1"),),
                       raw={"choices": [{"message": {"content": "a"}}]}),
        candidate=Reply("mistral:x", error={"type": "http", "status": 500, "message": "m"}),
        meta={"k": [1, 2]}, findings=(Finding("c", Verdict.DRIFT, "r", {"d": 1}),),
        verdict=Verdict.DRIFT)
    assert json.dumps(result_dict(result)) == json.dumps(result.to_dict())
    assert SampleResult.from_dict(json.loads(json.dumps(result_dict(result)))) == result


def test_cli_run_report_gate_on_the_fixture_recordings(fresh_openai_server, fresh_mistral_server,
                                                       tmp_path, monkeypatch):
    """The README flow, offline: run (both sides live on the wire servers) -> reports -> gate."""
    from typer.testing import CliRunner

    from migrator.cli import app

    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("MISTRAL_API_KEY", KEY)
    fixtures = REPO / "fixtures" / "recordings" / "recordings.jsonl"
    out = tmp_path / "run"
    runner = CliRunner()
    common = ["parity", "run", str(fixtures), "--out", str(out), "--no-progress",
              "--baseline", "openai", "--baseline-url", fresh_openai_server.openai_base_url,
              "--candidate", "mistral", "--candidate-url", fresh_mistral_server.url,
              "--model", "gpt-4o-2024-08-06=mistral-medium-latest", "--rps", "500", "--tpm", "10000000"]
    passed = runner.invoke(app, common + ["--fail-on", "errors>0"])
    assert passed.exit_code == 0, passed.output
    lines = (out / RESULTS_FILE).read_text().splitlines()
    assert len(lines) == sum(1 for _ in fixtures.open())
    for name in ("report.html", "report.md", "report.json", "junit.xml"):
        assert (out / name).stat().st_size > 0
    models = {json.loads(line)["candidate_request"]["model"] for line in lines
              if json.loads(line)["request"]["model"] == "gpt-4o-2024-08-06"}
    assert models == {"mistral-medium-latest"}
    again = runner.invoke(app, common)  # resumed: nothing left to replay
    assert f"0 sample(s) replayed, {len(lines)} already done" in again.output
    gate = runner.invoke(app, ["parity", "report", str(out), "--fail-on", "regressions>=0"])
    assert gate.exit_code == 1 and "parity gate failed" in gate.output
    bad = runner.invoke(app, ["parity", "report", str(out), "--fail-on", "nonsense"])
    assert bad.exit_code == 2


def test_cli_refuses_to_start_without_the_key_in_the_environment(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from migrator.cli import app

    monkeypatch.delenv("MISTRAL_API_KEY", raising=False)
    recs = tmp_path / "r.jsonl"
    recs.write_text(json.dumps(recording(0).to_dict()) + "\n")
    result = CliRunner().invoke(app, ["parity", "run", str(recs), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "MISTRAL_API_KEY is not set" in result.output
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("spec, expected", [
    pytest.param("openai-compatible:mistral:mistral-small-latest", "mistral", id="mistral-preset"),
    pytest.param("openai-compatible:vllm:mistral-small-latest", "openai", id="vllm-passthrough"),
])
def test_openai_compatible_candidates(spec, expected, fresh_mistral_server, fresh_openai_server,
                                      tmp_path, monkeypatch):
    """The openai SDK pointed at another base URL: the Mistral preset sends the Mistral
    translation (the Mistral personality 422s OpenAI-only fields), other presets the OpenAI body."""
    from migrator.parity.providers import provider_from_spec

    monkeypatch.setenv("MISTRAL_API_KEY", KEY)
    monkeypatch.delenv("VLLM_API_KEY", raising=False)
    server = fresh_mistral_server if expected == "mistral" else fresh_openai_server
    candidate = provider_from_spec(spec, url=server.openai_base_url)
    assert candidate.missing_key is None
    run_replay([recording(1, stream=True, user="u"), recording(2)], RecordedProvider(), candidate,
               tmp_path, fast())
    rows = sorted(results(tmp_path), key=lambda r: r["id"])
    assert [r["candidate"]["text"] for r in rows] == ["echo(seed=1): sample 1",
                                                      "echo(seed=2): sample 2"]
    bodies = [r.body for r in server.requests]
    if expected == "mistral":
        assert all("random_seed" in b and "seed" not in b and "user" not in b for b in bodies)
        assert {b["model"] for b in bodies} == {"mistral-small-latest"}
    else:
        assert all("seed" in b for b in bodies) and any(b.get("user") == "u" for b in bodies)


def test_custom_provider_needs_a_url():
    from migrator.parity.providers import provider_from_spec

    with pytest.raises(ValueError, match="--candidate-url"):
        provider_from_spec("openai-compatible:custom:my-model")
    with pytest.raises(ValueError, match="unknown provider"):
        provider_from_spec("anthropic:claude")
