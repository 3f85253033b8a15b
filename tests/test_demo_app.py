"""The demo app converts end to end: its own test suite passes before and after `migrator convert`.

The demo (fixtures/demo_app) carries a test that starts both wire-server personalities and sets both
sets of environment variables, so the very same test checks the OpenAI version and the converted
Mistral version. Here we copy the demo, run that test, convert, check that no ``openai`` import is
left, run the test again, and check that a second conversion changes nothing.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from test_differential import clean_env, expect, openai_imports, run_migrator, show

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "fixtures" / "demo_app"
PYTEST_TIMEOUT = 180


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.py"))}


def run_demo_tests(root: Path) -> subprocess.CompletedProcess[str]:
    env = clean_env(MIGRATOR_WIRE_SERVER_DIR=str(REPO / "tests"))
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=root, capture_output=True, text=True, timeout=PYTEST_TIMEOUT, env=env,
    )


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    root = tmp_path / "demo_app"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    return root


def test_demo_app_passes_its_tests_before_and_after_conversion(demo_copy: Path) -> None:
    before_tests = run_demo_tests(demo_copy)
    expect(before_tests.returncode == 0 and " passed" in before_tests.stdout,
           "the demo's own tests fail on the unconverted (OpenAI) app\n"
           + show("pytest (before conversion)", before_tests))

    original = snapshot(demo_copy)
    convert = run_migrator("convert", demo_copy, "--write", cwd=demo_copy.parent)
    converted = snapshot(demo_copy)
    changed = sorted(name for name in original if original[name] != converted[name])
    expect(convert.returncode == 0, show("migrator convert --write", convert))
    expect({os.path.join("support_bot", "llm.py"), os.path.join("support_bot", "service.py")}
           <= set(changed), f"expected llm.py and service.py to be converted, changed: {changed}\n"
           + show("migrator convert --write", convert))

    service = converted[os.path.join("support_bot", "service.py")].decode()
    expect('model="mistral-medium-latest"' in service,
           "the demo's [tool.migrator.models] override (gpt-4o -> mistral-medium-latest) was not "
           "applied to service.py\n" + service)

    leftovers = {name: openai_imports(ast.parse(source)) for name, source in converted.items()}
    leftovers = {name: lines for name, lines in leftovers.items() if lines}
    expect(not leftovers, f"openai is still imported after conversion: {leftovers}\n"
           + "\n".join(f"=== {name} ===\n{converted[name].decode()}" for name in leftovers))

    after_tests = run_demo_tests(demo_copy)
    expect(after_tests.returncode == 0 and " passed" in after_tests.stdout,
           "the demo's own tests fail on the converted (Mistral) app\n"
           + show("pytest (after conversion)", after_tests)
           + "".join(f"\n=== {name} (converted) ===\n{converted[name].decode()}" for name in changed))

    second = run_migrator("convert", demo_copy, cwd=demo_copy.parent)
    expect(second.returncode == 0 and "@@" not in second.stdout,
           "a second conversion would still change the converted demo\n"
           + show("migrator convert (diff only)", second))
    check = run_migrator("convert", demo_copy, "--check", cwd=demo_copy.parent)
    expect(check.returncode == 0, show("migrator convert --check", check))
    expect(snapshot(demo_copy) == converted, "a diff-only / --check run modified files")
