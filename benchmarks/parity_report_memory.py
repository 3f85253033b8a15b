"""Peak RSS while streaming many parity results through compare + report (the issue asks ≤ 150 MB, flat).

Writes N synthetic, uncompared results to a results.jsonl (one line at a time), then runs
``migrator.parity.report.report_dir`` on it: iter_results → compare_sample → write_reports, the
same path as ``migrator parity report DIR``. The mix resembles a real run: prose (identical,
whitespace, reworded, truncated), JSON mode (key order, invalid), json_schema (violations) and
tool calls (same, changed arguments, wrong tool), with ~4 KB texts now and then. RSS (VmRSS) is
sampled every N/10 results while the report streams; flat means the last samples are within a
few MB of the first ones after warm-up.

    python benchmarks/parity_report_memory.py [--count 100000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import tempfile
import time
from pathlib import Path

from migrator.parity import report as report_module
from migrator.parity.model import Reply, SampleResult, ToolCall

SCHEMA = {"type": "object", "required": ["name", "total"],
          "properties": {"name": {"type": "string"}, "total": {"type": "number"}}}
TOOLS = [{"type": "function", "function": {"name": "get_order", "parameters": {
    "type": "object", "properties": {"order_id": {"type": "string"}}, "required": ["order_id"]}}},
    {"type": "function", "function": {"name": "search", "parameters": {
        "type": "object", "properties": {"q": {"type": "string"}}}}}]
WORDS = ("order shipped arrive thursday refund policy thirty days books poetry delivery express "
         "tracking customer service gift card loyalty points oslo bergen").split()


def vm_rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def sentence(i: int, n: int) -> str:
    return " ".join(WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(n))


def synthetic(i: int) -> SampleResult:
    kind = i % 10
    variant = (i // 10) % 50
    req = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": f"question {i}: " + sentence(i, 12)}]}
    base_text = sentence(i, 40 if i % 97 else 600)  # now and then a long (~4 KB) answer
    cand_text, finish, calls_b, calls_c = base_text, "stop", (), ()
    if kind <= 3:  # prose
        if variant == 1:
            cand_text = base_text.replace(" ", "  ", 3) + "\n"
        elif variant == 2:
            cand_text = sentence(i + 5, 45)
        elif variant == 3:
            cand_text, finish = " ".join(base_text.split()[:10]), "model_length"
    elif kind <= 5:  # JSON mode
        req["response_format"] = {"type": "json_object"}
        value = {"name": sentence(i, 3), "total": i % 1000, "tags": [sentence(i, 1), sentence(i + 1, 1)]}
        base_text = json.dumps(value)
        cand_text = json.dumps(dict(reversed(list(value.items())))) if variant else base_text
        if variant == 4:
            cand_text = "```json\n" + base_text + "\n```"
    elif kind <= 7:  # json_schema
        req["response_format"] = {"type": "json_schema", "json_schema": {"name": "Doc", "schema": SCHEMA}}
        base_text = json.dumps({"name": sentence(i, 2), "total": i})
        cand_text = base_text if variant != 5 else json.dumps({"name": sentence(i, 2), "total": str(i)})
    else:  # tools
        req["tools"] = TOOLS
        base_text = cand_text = None
        finish = "tool_calls"
        calls_b = (ToolCall("get_order", json.dumps({"order_id": str(48000 + i % 999)})),)
        calls_c = calls_b
        if variant == 6:
            calls_c = (ToolCall("get_order", json.dumps({"order_id": str(49000 + i % 999)})),)
        elif variant == 7:
            calls_c = (ToolCall("search", json.dumps({"q": "order"})),)
    return SampleResult(
        id=f"sample-{i:06d}", endpoint="chat.completions", request=req, candidate_request=None,
        baseline=Reply("recorded", text=base_text, tool_calls=calls_b,
                       finish_reason="tool_calls" if calls_b else "stop",
                       prompt_tokens=40 + i % 50, completion_tokens=60 + i % 70,
                       latency_ms=300 + (i * 37) % 1500),
        candidate=Reply("mistral:mistral-small-latest", text=cand_text, tool_calls=calls_c,
                        finish_reason=finish, prompt_tokens=42 + i % 50,
                        completion_tokens=55 + i % 80, latency_ms=250 + (i * 53) % 1300),
        meta={"source": "app.py:1"},
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="write into this directory and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="parity-memory-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        started = time.perf_counter()
        with (work / "results.jsonl").open("w", encoding="utf-8") as out:
            for i in range(args.count):
                out.write(json.dumps(synthetic(i).to_dict()) + "\n")
        size_mb = (work / "results.jsonl").stat().st_size / 2**20
        print(f"wrote {args.count:,} results ({size_mb:.0f} MB) in {time.perf_counter() - started:.1f} s; "
              f"RSS {vm_rss_mb():.1f} MB, peak {peak_rss_mb():.1f} MB")

        samples: list[tuple[int, float]] = []
        step = max(1, args.count // 10)
        original = report_module.iter_results

        def sampled(path, **kwargs):
            for n, result in enumerate(original(path, **kwargs), 1):
                if n % step == 0:
                    samples.append((n, vm_rss_mb()))
                yield result

        report_module.iter_results = sampled
        started = time.perf_counter()
        outcome = report_module.report_dir(work, fail_on="regression-rate>0.02")
        elapsed = time.perf_counter() - started
        report_module.iter_results = original

        print(f"compare + report of {args.count:,} results: {elapsed:.1f} s "
              f"({args.count / elapsed:,.0f} results/s)")
        print("RSS while streaming (results read → MB):")
        for n, mb in samples:
            print(f"  {n:>9,}  {mb:7.1f}")
        if len(samples) >= 3:
            later = [mb for _, mb in samples[1:]]
            print(f"growth after the first sample: {max(later) - samples[0][1]:+.1f} MB "
                  f"(first {samples[0][1]:.1f}, last {samples[-1][1]:.1f})")
        print(f"peak RSS: {peak_rss_mb():.1f} MB (limit 150 MB)")
        sizes = {name: (work / name).stat().st_size / 1024 for name in report_module.REPORT_FILES}
        print("reports: " + ", ".join(f"{k} {v:,.0f} KB" for k, v in sizes.items()))
        print(f"gate: {outcome.message}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
