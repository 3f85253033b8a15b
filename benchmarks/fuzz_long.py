"""Long run of the chat fuzzer: the property of tests/test_fuzz_chat.py over many more modules.

A script, not a test. It prints how many modules were checked, what the property saw in them
(calls converted, calls left with a TODO, calls on Mistral clients) and the time taken; on the
first failure it prints the shrunk module and exits 1.

    python benchmarks/fuzz_long.py                       # 50,000 examples, random seed (printed)
    python benchmarks/fuzz_long.py --examples 5000 --seed 1234 --units 2
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from test_fuzz_chat import check_module, modules  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=None, help="hypothesis seed (default: random)")
    parser.add_argument("--units", type=int, default=3,
                        help="clients + call sites per module (CI uses 1, to stay fast)")
    args = parser.parse_args()
    run_seed = args.seed if args.seed is not None else random.randrange(2**32)

    totals: Counter[str] = Counter()

    @seed(run_seed)
    @settings(max_examples=args.examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(modules(max_units=args.units))
    def prop(source: str) -> None:
        totals["modules"] += 1  # shrinking after a failure counts too
        totals["lines"] += source.count("\n")
        totals.update(check_module(source))

    print(f"fuzzing {args.examples:,} modules of up to {args.units} units, seed {run_seed}", flush=True)
    start = time.perf_counter()
    failed = False
    try:
        prop()
    except Exception:  # hypothesis re-raises the shrunk failure, with the module in the notes
        failed = True
        traceback.print_exc()
    elapsed = time.perf_counter() - start
    modules_run = totals["modules"] or 1
    print(f"modules checked     {totals['modules']:>10,}  ({totals['lines']:,} lines)")
    print(f"calls converted     {totals['converted']:>10,}")
    print(f"calls left + TODO   {totals['left_with_todo']:>10,}")
    print(f"calls on Mistral    {totals['non_openai']:>10,}")
    print(f"time                {elapsed:>10.1f} s  ({1000 * elapsed / modules_run:.1f} ms per module)")
    print("FAILED" if failed else "passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
