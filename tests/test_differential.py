"""Differential execution: each program in fixtures/programs/ must behave the same after conversion.

For every program: run it unchanged against the wire server's OpenAI personality, convert a copy
with ``migrator convert --write``, run the copy against the Mistral personality, and require the
same stdout. The converted run gets a dead ``OPENAI_BASE_URL``, so a call the codemod missed fails
loudly instead of quietly reaching the OpenAI personality. A second ``convert --check`` must find
nothing to do (idempotence).

A program that deliberately uses a parameter Mistral lacks declares the TODO it expects with a
top-of-file comment ``# expect-todo: MIGnnn`` (repeatable); ``# allow-todo: MIGnnn`` permits a TODO
without requiring it (a site the codemod may or may not be able to settle statically). Any other
TODO fails the test.
"""

from __future__ import annotations

import ast
import difflib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from wire_server import program_env

REPO = Path(__file__).resolve().parents[1]
PROGRAMS_DIR = REPO / "fixtures" / "programs"
PROGRAMS = sorted(PROGRAMS_DIR.glob("*.py"))
PACKAGES = sorted(p for p in PROGRAMS_DIR.iterdir() if p.is_dir() and (p / "__init__.py").is_file())

# Nothing listens on the discard port: an OpenAI call left behind by the codemod fails fast.
DEAD_OPENAI_BASE_URL = "http://127.0.0.1:9/v1"
RUN_TIMEOUT = 60
CONVERT_TIMEOUT = 120

EXPECT_TODO = re.compile(r"^#\s*expect-todo:\s*(MIG\d+)\s*$", re.MULTILINE)
ALLOW_TODO = re.compile(r"^#\s*allow-todo:\s*(MIG\d+)\s*$", re.MULTILINE)
TODO_MARK = "TODO(migrator"

# Programs whose conversion is known to be wrong, with the reason (strict: they must keep failing).
# Remove an entry when the codemod is fixed: strict xfail turns the fix into a failure (XPASS).
KNOWN_FAILURES: dict[str, str] = {}


def migrator_command() -> list[str]:
    """``python -m migrator`` when the package is runnable, else the console script of this venv."""
    import importlib.util

    if importlib.util.find_spec("migrator.__main__") is not None:
        return [sys.executable, "-m", "migrator"]
    script = Path(sys.executable).with_name("migrator")
    if script.exists():
        return [str(script)]
    pytest.fail("neither `python -m migrator` nor a `migrator` console script is available")


def run_migrator(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*migrator_command(), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=CONVERT_TIMEOUT,
        env=clean_env(),
    )


def clean_env(base: dict[str, str] | None = None, **extra: str) -> dict[str, str]:
    """``base`` (default: this process's environment without OpenAI/Mistral settings) + ``extra``."""
    if base is None:
        base = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "MISTRAL_"))}
    env = dict(base)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONHASHSEED"] = "0"
    env.update(extra)
    return env


def start_program(path: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    """Start a program in the background (runs overlap with conversion to keep the suite quick)."""
    return subprocess.Popen([sys.executable, str(path)], cwd=path.parent, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish_program(proc: subprocess.Popen[str]) -> subprocess.CompletedProcess[str]:
    try:
        stdout, stderr = proc.communicate(timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        stdout, stderr = proc.communicate()
        stderr += f"\n[killed after {RUN_TIMEOUT}s]"
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)


def run_program(path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return finish_program(start_program(path, env))


def openai_env(openai_server, mistral_server) -> dict[str, str]:
    """Run the original program: OPENAI_* point at the OpenAI personality."""
    return clean_env(program_env(openai_server, mistral_server))


def mistral_env(openai_server, mistral_server) -> dict[str, str]:
    """Run the converted program: MISTRAL_* point at the Mistral personality.

    OPENAI_API_KEY stays set, so an unconverted ``OpenAI()`` still constructs; OPENAI_BASE_URL is
    dead, so such a client cannot quietly get its answer from the OpenAI personality.
    """
    return clean_env(program_env(openai_server, mistral_server),
                     OPENAI_BASE_URL=DEAD_OPENAI_BASE_URL)


def _dotted(node: ast.AST) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def openai_imports(tree: ast.Module) -> list[int]:
    """Line numbers of ``import openai…`` / ``from openai… import …``."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "openai" for a in node.names):
            lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "openai":
            lines.append(node.lineno)
    return lines


def leftover_create_calls(tree: ast.Module) -> list[int]:
    """First lines of the statements that still call ``….chat.completions.create``."""
    found = []

    def visit(node: ast.AST, statement: ast.stmt | None) -> None:
        if isinstance(node, ast.stmt):
            statement = node
        if isinstance(node, ast.Call) and _dotted(node.func).endswith("chat.completions.create"):
            found.append(statement.lineno if statement else node.lineno)
        for child in ast.iter_child_nodes(node):
            visit(child, statement)

    visit(tree, None)
    return sorted(set(found))


def comment_block_above(lines: list[str], lineno: int) -> str:
    """The contiguous comment lines directly above 1-based ``lineno``."""
    block = []
    i = lineno - 2
    while i >= 0 and lines[i].lstrip().startswith("#"):
        block.append(lines[i])
        i -= 1
    return "\n".join(reversed(block))


def expect(condition: object, message: str) -> None:
    """Fail with ``message`` alone (outputs and diffs), without pytest's source dump."""
    if not condition:
        pytest.fail(message, pytrace=False)


def show(label: str, proc: subprocess.CompletedProcess[str]) -> str:
    return (f"--- {label}: exit {proc.returncode}\n[stdout]\n{proc.stdout}"
            f"[stderr]\n{proc.stderr[-4000:]}")


@pytest.fixture(scope="session")
def converted_programs(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess[str],
                                                  subprocess.CompletedProcess[str]]:
    """Every program converted by one ``migrator convert --write`` run (as a user converts a repo),
    then checked by one ``--check`` run (a second run must want no change)."""
    return convert_copies(tmp_path_factory.mktemp("programs"), PROGRAMS)


def convert_copies(parent: Path, programs: list[Path]) -> tuple[Path, subprocess.CompletedProcess[str],
                                                                 subprocess.CompletedProcess[str]]:
    """``programs`` copied to ``parent/prog``, converted by ``migrator convert --write``, then checked
    by ``--check`` (which must not write): (the directory, the write run, the check run)."""
    workdir = parent / "prog"
    workdir.mkdir()
    for program in programs:
        shutil.copyfile(program, workdir / program.name)
    for package in PACKAGES:  # modules a program imports (companion_lib: no SDK name in some of them)
        shutil.copytree(package, workdir / package.name, ignore=shutil.ignore_patterns("__pycache__"))
    convert = run_migrator("convert", workdir, "--write", cwd=workdir.parent)
    converted = {p.name: p.read_text(encoding="utf-8") for p in workdir.glob("*.py")}
    check = run_migrator("convert", workdir, "--check", cwd=workdir.parent)
    for name, text in converted.items():  # --check must not write
        assert (workdir / name).read_text(encoding="utf-8") == text, f"--check modified {name}"
    return workdir, convert, check


@pytest.mark.parametrize(
    "program",
    [
        pytest.param(p, id=p.stem, marks=[pytest.mark.xfail(reason=KNOWN_FAILURES[p.stem], strict=True)]
                     if p.stem in KNOWN_FAILURES else [])
        for p in PROGRAMS
    ],
)
def test_program_behaves_the_same_after_conversion(program: Path, converted_programs,
                                                    openai_server, mistral_server) -> None:
    original_text = program.read_text(encoding="utf-8")
    expected_todos = EXPECT_TODO.findall(original_text)
    allowed_todos = set(expected_todos) | set(ALLOW_TODO.findall(original_text))

    workdir, convert, again = converted_programs
    converted_path = workdir / program.name
    # both runs at once: each spends most of its time starting Python and importing an SDK
    running_original = start_program(program, openai_env(openai_server, mistral_server))
    running_converted = start_program(converted_path, mistral_env(openai_server, mistral_server))

    before = finish_program(running_original)
    if not (before.returncode == 0 and before.stdout.strip()):
        running_converted.kill()
    expect(before.returncode == 0 and before.stdout.strip(), (
        "the unconverted program must run cleanly against the OpenAI personality\n"
        + show("original (openai personality)", before)))

    converted_text = converted_path.read_text(encoding="utf-8")
    conversion_diff = "".join(difflib.unified_diff(
        original_text.splitlines(keepends=True), converted_text.splitlines(keepends=True),
        f"a/{program.name}", f"b/{program.name}"))
    context = (f"\n=== conversion diff ===\n{conversion_diff or '(no change)'}\n"
               + show("migrator convert --write", convert))
    expect(convert.returncode == 0, "migrator convert --write failed" + context)
    expect(converted_text != original_text, "migrator convert --write changed nothing" + context)

    problems: list[str] = []
    converted_lines = converted_text.splitlines()
    tree = ast.parse(converted_text)
    if openai_imports(tree) and TODO_MARK not in converted_text:
        problems.append(f"still imports openai (lines {openai_imports(tree)}) and no TODO says why")
    for lineno in leftover_create_calls(tree):
        if TODO_MARK not in comment_block_above(converted_lines, lineno):
            problems.append(f"line {lineno} still calls chat.completions.create with no TODO above it")
    for code in expected_todos:
        if f"{TODO_MARK} {code}" not in converted_text:
            problems.append(f"no `# {TODO_MARK} {code})` comment, though the program declares "
                            f"`# expect-todo: {code}`")
    problems += [f"TODO the program does not declare: {line.strip()}" for line in converted_lines
                 if TODO_MARK in line
                 and not any(f"{TODO_MARK} {code}" in line for code in allowed_todos)]

    after = finish_program(running_converted)
    if after.returncode != 0:
        problems.append("the converted program failed against the Mistral personality")
    elif after.stdout != before.stdout:
        problems.append("stdout differs after conversion:\n" + "".join(difflib.unified_diff(
            before.stdout.splitlines(keepends=True), after.stdout.splitlines(keepends=True),
            "original (openai)", "converted (mistral)")))
    if again.returncode != 0 and f"b/{program.name}" in again.stdout:
        problems.append("not idempotent: a second `migrator convert --check` wants changes\n"
                        + show("migrator convert --check", again))

    outputs = (show("original (openai personality)", before) + "\n"
               + show("converted (mistral personality)", after))
    expect(not problems, "\n".join(f"* {p}" for p in problems) + "\n\n" + outputs + context)
