"""Parity replay throughput and memory (issue 4, point 7). Not a timed test: run it by hand.

    python benchmarks/parity_throughput.py [--recordings 500] [--latency 0.1] [--concurrency 32]
                                           [--stream-samples 100000]

1. Two wire servers (OpenAI and Mistral personalities, ``--latency`` added to every request) run
   as their own processes, so they do not share the GIL with what is measured.
2. ``migrator parity run`` (a subprocess, as a user runs it) replays ``--recordings`` recordings
   with both sides live: openai SDK baseline, mistralai SDK candidate, compare inline.
   Its wall time (process start to exit, and the replay alone as the run reports it) and peak RSS.
3. The floor on this machine: a raw asyncio + httpx2 client sending the same requests (the
   recorded OpenAI bodies to one server, the translated Mistral bodies to the other) with the same
   concurrency, in a fresh process too.
4. The ideal: N requests x latency / concurrency.
5. Memory while streaming ``--stream-samples`` results through compare + report (``migrator
   parity report`` on a results.jsonl of that many uncompared samples): peak RSS and RSS sampled
   over the run (flat = it does not grow with the number of samples).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

KEY = "test-key-not-secret"
RAW_CLIENT = r'''
import asyncio, json, sys, time, httpx2
openai_url, mistral_url, path, concurrency = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
jobs = [json.loads(line) for line in open(path)]
async def main():
    limits = httpx2.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    headers = {"authorization": "Bearer k"}
    async with httpx2.AsyncClient(limits=limits, headers=headers, timeout=60) as client:
        slots = asyncio.Semaphore(concurrency)
        async def one(job):
            async with slots:
                url = (openai_url if job["side"] == "openai" else mistral_url) + "/v1/chat/completions"
                response = await client.post(url, json=job["body"])
                response.raise_for_status()
                return response.json()
        start = time.perf_counter()
        await asyncio.gather(*(one(job) for job in jobs))
        return time.perf_counter() - start
print(asyncio.run(main()))
'''


def start_server(personality: str, latency: float) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, str(REPO / "tests" / "wire_server.py"),
                             "--personality", personality, "--latency", str(latency)],
                            stdout=subprocess.PIPE, text=True)
    return proc, proc.stdout.readline().strip()


def run_measured(command: list[str], env: dict[str, str]) -> tuple[float, float, str, list[float]]:
    """Wall seconds, peak RSS (MB, from wait4), stdout, and RSS samples (MB) every 50 ms.
    The process's CPU seconds (user + system) are in ``run_measured.cpu`` afterwards."""
    samples: list[float] = []
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    stop = threading.Event()

    def sample() -> None:
        status = Path(f"/proc/{proc.pid}/status")
        while not stop.wait(0.05):
            try:
                for line in status.read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        samples.append(int(line.split()[1]) / 1024)
            except OSError:
                return

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stop.set()
    proc.returncode = os.waitstatus_to_exitcode(status)
    run_measured.cpu = usage.ru_utime + usage.ru_stime
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{command[:5]} failed ({proc.returncode}):\n{out}")
    return wall, usage.ru_maxrss / 1024, out, samples


def make_recordings(path: Path, count: int) -> None:
    with path.open("w") as handle:
        for i in range(count):
            request = {"model": "gpt-4o-mini", "seed": i, "max_completion_tokens": 64,
                       "messages": [{"role": "system", "content": "You are a helpful assistant."},
                                    {"role": "user", "content": f"Question number {i}: what is "
                                                                f"the capital of country {i}?"}]}
            if i % 5 == 0:
                request["stream"] = True
            handle.write(json.dumps({"id": f"r{i}", "endpoint": "chat.completions",
                                     "request": request, "response": None}) + "\n")


def raw_jobs(recordings: Path, out: Path) -> int:
    from migrator.parity.recordings import read_native
    from migrator.parity.translate import translate

    count = 0
    with out.open("w") as handle:
        for recording in read_native(recordings):
            body = {k: v for k, v in recording.request.items() if k != "stream"}
            handle.write(json.dumps({"side": "openai", "body": body}) + "\n")
            mistral = translate(recording.endpoint, recording.request).request
            handle.write(json.dumps({"side": "mistral", "body": mistral}) + "\n")
            count += 2
    return count


def make_results(path: Path, count: int) -> None:
    """Uncompared results (varied texts, some JSON, some tool calls, some errors)."""
    from migrator.parity.model import Reply, SampleResult, ToolCall

    with path.open("w") as handle:
        for i in range(count):
            request = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": f"q {i}"}]}
            text = f"The answer to question {i} is {i * 7 % 13}. " * (1 + i % 4)
            candidate_text = text if i % 3 else text.replace("answer", "reply")
            calls = (ToolCall("lookup", json.dumps({"id": i}), "abc123XYZ"),) if i % 10 == 0 else ()
            error = {"type": "http", "status": 500, "message": "boom"} if i % 97 == 0 else None
            result = SampleResult(
                id=f"s{i}", endpoint="chat.completions", request=request,
                candidate_request={**request, "model": "mistral-small-latest"},
                baseline=Reply("openai:gpt-4o-mini", text=text, tool_calls=calls,
                               finish_reason="tool_calls" if calls else "stop", prompt_tokens=12,
                               completion_tokens=40, latency_ms=300 + i % 200),
                candidate=Reply("mistral:mistral-small-latest", text=candidate_text,
                                tool_calls=calls, finish_reason="tool_calls" if calls else "stop",
                                prompt_tokens=12, completion_tokens=41, latency_ms=250 + i % 170,
                                error=error))
            handle.write(json.dumps(result.to_dict()) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--recordings", type=int, default=500)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--stream-samples", type=int, default=100_000,
                        help="results streamed through compare + report (0: skip)")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "MISTRAL_"))}
    env.update(OPENAI_API_KEY=KEY, MISTRAL_API_KEY=KEY, NO_PROXY="*")

    servers = [start_server("openai", args.latency), start_server("mistral", args.latency)]
    (_, openai_url), (_, mistral_url) = servers
    try:
        with tempfile.TemporaryDirectory() as tmp:
            tmp_path = Path(tmp)
            recordings = tmp_path / "recordings.jsonl"
            make_recordings(recordings, args.recordings)
            requests = 2 * args.recordings

            command = [sys.executable, "-m", "migrator", "parity", "run", str(recordings),
                       "--out", str(tmp_path / "run"), "--baseline", "openai",
                       "--baseline-url", openai_url + "/v1", "--candidate", "mistral",
                       "--candidate-url", mistral_url, "--concurrency", str(args.concurrency),
                       "--no-progress"]
            wall, rss, out, _ = run_measured(command, env)
            cpu = run_measured.cpu
            summary = next(line for line in out.splitlines() if "sample(s) replayed" in line)
            replay_wall = float(summary.rsplit("; ", 1)[1].rstrip("s"))
            lines = (tmp_path / "run" / "results.jsonl").read_text().splitlines()
            errors = sum(1 for line in lines if json.loads(line)["candidate"]["error"]
                         or json.loads(line)["baseline"]["error"])

            jobs = tmp_path / "raw.jsonl"
            raw_jobs(recordings, jobs)
            raw_cmd = [sys.executable, "-c", RAW_CLIENT, openai_url, mistral_url, str(jobs),
                       str(args.concurrency)]
            raw_total, raw_rss, raw_out, _ = run_measured(raw_cmd, env)
            raw_wall = float(raw_out.strip())
            raw_cpu = run_measured.cpu
            ideal = requests * args.latency / args.concurrency

            print(f"workload: {args.recordings} recordings, both sides live = {requests} requests, "
                  f"{args.latency * 1000:.0f} ms added latency, concurrency {args.concurrency}")
            print(f"migrator parity run   : replay {replay_wall:.2f} s, process {wall:.2f} s, "
                  f"CPU {cpu:.1f} s, peak RSS {rss:.0f} MB ({len(lines)} results, {errors} with "
                  "errors)")
            print(f"raw asyncio + httpx2  : requests {raw_wall:.2f} s, process {raw_total:.2f} s, "
                  f"CPU {raw_cpu:.1f} s, peak RSS {raw_rss:.0f} MB")
            print(f"machine               : {os.cpu_count()} CPUs, load average "
                  f"{os.getloadavg()[0]:.1f} (both wire servers share them)")
            print(f"ideal N x latency / c : {ideal:.2f} s")
            print(f"migrator / raw        : replay {replay_wall / raw_wall:.2f}x, "
                  f"process {wall / raw_total:.2f}x (target <= 1.2x)")

            if args.stream_samples:
                run_dir = tmp_path / "big"
                run_dir.mkdir()
                make_results(run_dir / "results.jsonl", args.stream_samples)
                size = (run_dir / "results.jsonl").stat().st_size / 1e6
                command = [sys.executable, "-m", "migrator", "parity", "report", str(run_dir)]
                wall, rss, out, samples = run_measured(command, env)
                tenth = max(1, len(samples) // 10)
                curve = ", ".join(f"{samples[min(i * tenth, len(samples) - 1)]:.0f}"
                                  for i in range(1, 10)) if samples else "n/a"
                print(f"compare + report      : {args.stream_samples} results ({size:.0f} MB "
                      f"results.jsonl) in {wall:.1f} s, peak RSS {rss:.0f} MB "
                      f"(target <= 150 MB); RSS at 10..90 % of the run: {curve} MB")
    finally:
        for proc, _ in servers:
            proc.terminate()
            proc.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
