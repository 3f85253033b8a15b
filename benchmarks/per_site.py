"""Cost of the rule pipeline per converted site, to compare two revisions of migrator.

A script, not a test: it prints figures and asserts nothing. Issue 8 requires the codemod not to get
slower per converted site by more than 10% as rules are added; run this script from each revision
(``git worktree add /tmp/base <commit>`` and ``python /tmp/base/benchmarks/per_site.py``) on the
same files and compare the "ms per converted site" lines.

    python benchmarks/per_site.py                       # fixtures/programs + fixtures/demo_app
    python benchmarks/per_site.py --tree ~/.cache/migrator-corpus --repeat 3
    python benchmarks/per_site.py --tree ~/.cache/migrator-corpus --repeat 3 --cpu   # CPU time, on a shared host

Each file goes through ``migrator.engine.transform.transform_source`` in-process (the plan of that
file alone, as a single-file run builds it); the best of ``--repeat`` runs is reported.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))  # this revision's migrator, whichever is installed


def sources(roots: list[Path]) -> list[tuple[str, str]]:
    out = []
    for root in roots:
        for path in sorted(root.rglob("*.py")) if root.is_dir() else [root]:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if "openai" in text:
                out.append((str(path), text))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, action="append",
                        help="files or directories to convert (repeatable; default: fixtures/programs and "
                             "fixtures/demo_app of this revision)")
    parser.add_argument("--repeat", type=int, default=5, help="best of N (default 5)")
    parser.add_argument("--cpu", action="store_true",
                        help="time the CPU this process uses (time.process_time) instead of the wall clock: "
                             "steadier on a shared host, where other tenants move wall times by 20%%")
    args = parser.parse_args()
    clock = time.process_time if args.cpu else time.perf_counter
    from migrator.config import Config
    from migrator.engine.transform import transform_source

    roots = args.tree or [REPO_ROOT / "fixtures" / "programs", REPO_ROOT / "fixtures" / "demo_app"]
    files = sources(roots)
    config = Config()
    best = float("inf")
    converted = todo = failed = 0
    for _ in range(max(1, args.repeat)):
        converted = todo = failed = 0
        started = clock()
        for path, text in files:
            try:
                outcome = transform_source(text, config=config, filename=path)
            except Exception:  # noqa: BLE001 - a file the rules reject is counted, not fatal
                failed += 1
                continue
            for finding in outcome.findings:
                if finding.kind.value == "converted":
                    converted += 1
                else:
                    todo += 1
        best = min(best, clock() - started)
    print(f"revision: {REPO_ROOT}")
    print(f"files: {len(files)} ({failed} failed); findings: {converted} converted, {todo} TODO")
    print(f"pipeline {'CPU ' if args.cpu else ''}time (best of {args.repeat}): {best * 1000:.0f} ms")
    print(f"ms per file: {best * 1000 / max(1, len(files)):.2f}")
    print(f"ms per converted site: {best * 1000 / max(1, converted):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
