"""`migrator scan` vs `grep -rl openai` on a 2,000-file tree without OpenAI usage (issue 7: within 3x).

Builds two trees in a temporary directory (deleted afterwards) and prints the wall time of each
command, best of 3, as whole processes (interpreter start-up included, with bytecode as installed):

* ``synthetic``: 2,000 generated modules of ~4 KB in 40 packages, with a ``.gitignore``; small files,
  where per-file and start-up costs weigh most;
* ``stdlib``: 2,000 real modules copied from this interpreter's standard library (cycled when it
  has fewer), i.e. real code sizes.

Usage: python benchmarks/scan_speed.py [--files N] [--runs R]
A printed figure, no assertion.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path


def synthetic_tree(root: Path, files: int) -> None:
    body = "\n".join(
        f"def handler_{i}(request, retries=3):\n    \"\"\"Handle {i}.\"\"\"\n"
        f"    values = [x * {i} for x in range(retries)]\n    return sum(values) + len(str(request))\n"
        for i in range(28)
    )
    (root / ".gitignore").write_text("build/\n*.egg-info/\n")
    for index in range(files):
        directory = root / f"pkg{index // 50}" / f"sub{index % 5}"
        directory.mkdir(parents=True, exist_ok=True)
        (directory / f"module{index}.py").write_text(f'"""Module {index}."""\nimport os\n\n{body}\n')


def stdlib_tree(root: Path, files: int) -> None:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    sources = []
    for path in sorted(stdlib.rglob("*.py")):
        if "site-packages" in path.parts:
            continue
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if b"openai" not in data.lower() and b"chat.completions" not in data:
            sources.append((path, data))
    (root / ".gitignore").write_text("build/\n")
    for index in range(files):
        path, data = sources[index % len(sources)]
        target = root / f"copy{index // len(sources)}" / path.relative_to(stdlib)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


# An installed migrator has its bytecode (pip compiles it): a shell exporting PYTHONDONTWRITEBYTECODE
# would make every run recompile our modules from source, which no user pays.
CHILD_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def best_of(runs: int, command: list[str]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=CHILD_ENV)
        best = min(best, time.perf_counter() - start)
    return best


def migrator_command() -> list[str]:
    script = Path(sys.executable).with_name("migrator")
    return [str(script)] if script.exists() else [sys.executable, "-m", "migrator"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    grep = shutil.which("grep")
    if grep is None:
        sys.exit("grep not found")
    with tempfile.TemporaryDirectory(prefix="migrator-scan-speed-") as temp:
        for name, build in (("synthetic", synthetic_tree), ("stdlib", stdlib_tree)):
            root = Path(temp) / name
            root.mkdir()
            build(root, args.files)
            count = sum(1 for _ in root.rglob("*.py"))
            size = sum(p.stat().st_size for p in root.rglob("*.py"))
            commands = {
                "grep -rl openai": [grep, "-rl", "openai", str(root)],
                "migrator scan": [*migrator_command(), "scan", str(root)],
                "migrator scan --format sarif": [*migrator_command(), "scan", str(root), "--format", "sarif"],
            }
            for command in commands.values():  # warm the page cache and the bytecode cache
                subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                               env=CHILD_ENV)
            times = {label: best_of(args.runs, command) for label, command in commands.items()}
            base = times["grep -rl openai"]
            print(f"{name}: {count} files, {size / 1e6:.1f} MB (best of {args.runs})")
            for label, seconds in times.items():
                print(f"  {label:<30} {seconds * 1000:7.1f} ms   {seconds / base:4.1f}x grep")


if __name__ == "__main__":
    main()
