"""Per-converted-site cost of two revisions of migrator, measured side by side.

A script, not a test: it prints figures and asserts nothing. ``per_site.py`` times one revision at a
time; on a shared host other tenants move those figures by 20% between runs, more than the 10%
issue 8 allows. This script removes most of that noise by interleaving: one worker process per
revision (each importing its own ``migrator``), and for every file of every round both workers
convert it back to back, in alternating order, timing their own CPU (``time.process_time``). A slow
spell of the host then lands on both revisions alike, and the per-round ratio is what is reported.

    git worktree add /tmp/base <commit>
    python benchmarks/compare_revisions.py --base /tmp/base --tree ~/.cache/migrator-corpus --rounds 7

Prints, per round, each revision's CPU time and ms per converted site, and the ratio
head / base of ms per converted site; then the median ratio and its range over the rounds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

# Runs inside each worker: sys.path[0] is the revision's root, so ``migrator`` is that revision's.
WORKER = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from migrator.config import Config
from migrator.engine.transform import transform_source
files = json.loads(sys.stdin.readline())
texts = [open(p, encoding="utf-8").read() for p in files]
config = Config()
print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    index = int(line)
    started = time.process_time()
    converted = todo = failed = 0
    try:
        outcome = transform_source(texts[index], config=config, filename=files[index])
    except Exception:
        failed = 1
    else:
        for finding in outcome.findings:
            if finding.kind.value == "converted":
                converted += 1
            else:
                todo += 1
    cpu = time.process_time() - started
    print(json.dumps({"cpu": cpu, "converted": converted, "todo": todo, "failed": failed}), flush=True)
"""


def sources(roots: list[Path]) -> list[str]:
    """The files per_site.py times: Python files under ``roots`` that mention openai."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from per_site import sources as texts

    return [path for path, _ in texts(roots)]


class Worker:
    def __init__(self, root: Path, files: list[str]) -> None:
        self.root = root
        self.proc = subprocess.Popen([sys.executable, "-c", WORKER, str(root)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        self._send(json.dumps(files))
        self._read()

    def _send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def _read(self) -> dict:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit(f"the worker for {self.root} stopped (see its error above)")
        return json.loads(line)

    def run(self, index: int) -> dict:
        self._send(str(index))
        return self._read()

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="source tree of the base revision")
    parser.add_argument("--head", type=Path, default=REPO_ROOT,
                        help="source tree of the revision under test (default: this one)")
    parser.add_argument("--tree", type=Path, action="append",
                        help="files or directories to convert (repeatable; default: fixtures/programs and "
                             "fixtures/demo_app of the head revision)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds over all files (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed rounds first (default 1)")
    args = parser.parse_args()

    roots = args.tree or [args.head / "fixtures" / "programs", args.head / "fixtures" / "demo_app"]
    files = sources(roots)
    if not files:
        parser.error("no Python file mentioning openai under --tree")
    print(f"files: {len(files)}; base {args.base}; head {args.head}", flush=True)
    workers = {"base": Worker(args.base, files), "head": Worker(args.head, files)}
    ratios = []
    try:
        for number in range(args.warmup + args.rounds):
            totals = {name: {"cpu": 0.0, "converted": 0, "todo": 0, "failed": 0} for name in workers}
            for index in range(len(files)):
                order = ["base", "head"] if (index + number) % 2 == 0 else ["head", "base"]
                for name in order:
                    result = workers[name].run(index)
                    for key in totals[name]:
                        totals[name][key] += result[key]
            if number < args.warmup:
                print(f"warm-up round {number + 1} done", flush=True)
                continue
            per_site = {name: t["cpu"] * 1000 / max(1, t["converted"]) for name, t in totals.items()}
            ratio = per_site["head"] / per_site["base"]
            ratios.append(ratio)
            print(f"round {number - args.warmup + 1}: "
                  + "; ".join(f"{name} {t['cpu']:.1f} s CPU, {t['converted']} converted, {t['todo']} TODO, "
                              f"{t['failed']} failed, {per_site[name]:.2f} ms per converted site"
                              for name, t in totals.items())
                  + f"; head/base {ratio:.3f}", flush=True)
    finally:
        for worker in workers.values():
            worker.close()
    print(f"ms per converted site, head / base: median {statistics.median(ratios):.3f} "
          f"(min {min(ratios):.3f}, max {max(ratios):.3f}, {len(ratios)} rounds)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
