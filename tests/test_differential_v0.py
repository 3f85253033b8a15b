"""Differential tests for legacy openai 0.x programs (MIG118): each program in fixtures/programs_v0
runs with the real openai 0.28.1 SDK against the wire server's OpenAI personality, is converted with
``migrator convert --write``, and runs with mistralai against the Mistral personality; stdout must
match, every TODO must be declared, and a second run must want no change.

openai 0.28 cannot be installed next to the project's openai 3.x, so it lives in a directory of its
own, put first on the original program's PYTHONPATH: ``$MIGRATOR_OPENAI_V0_DIR``, by default
``~/.cache/migrator-openai-v0``; ``.ci/run`` installs it there (``pip install --target``). Without
it these tests skip, saying how to install it.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest
from test_differential import (ALLOW_TODO, EXPECT_TODO, TODO_MARK, clean_env, convert_copies, expect,
                               finish_program, mistral_env, show, start_program)
from wire_server import program_env

PROGRAMS = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "programs_v0").glob("*.py"))
# each converted on its own, as a project of one module (a key set in a function reaches the modules beside it)
STANDALONE = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "programs_v0" / "standalone").glob("*.py"))
V0_DIR = Path(os.environ.get("MIGRATOR_OPENAI_V0_DIR", Path.home() / ".cache" / "migrator-openai-v0"))
INSTALL = f'.venv/bin/pip install --no-warn-conflicts --target "{V0_DIR}" "openai==0.28.1" numpy'  # its Embedding needs numpy


def _v0_sdk() -> str | None:
    """Why the legacy SDK is missing, or None."""
    init = V0_DIR / "openai" / "version.py"
    if not init.is_file():
        return f"openai 0.28 is not installed in {V0_DIR} ({INSTALL})"
    if 'VERSION = "0.28' not in init.read_text(encoding="utf-8"):
        return f"{V0_DIR} holds another openai than 0.28 ({INSTALL})"
    if not (V0_DIR / "numpy").is_dir():
        return f"numpy is missing from {V0_DIR} (openai 0.28's Embedding needs it: {INSTALL})"
    return None


pytestmark = pytest.mark.skipif(_v0_sdk() is not None, reason=_v0_sdk() or "")


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    return convert_copies(tmp_path_factory.mktemp("programs_v0"), PROGRAMS)


@pytest.mark.parametrize("program", PROGRAMS + STANDALONE, ids=[p.stem for p in PROGRAMS + STANDALONE])
def test_legacy_program_behaves_the_same_after_conversion(program, request, tmp_path_factory, openai_server,
                                                          mistral_server):
    workdir, convert, check = request.getfixturevalue("converted") if program in PROGRAMS else \
        convert_copies(tmp_path_factory.mktemp(program.stem), [program])
    original_text = program.read_text(encoding="utf-8")
    env = program_env(openai_server, mistral_server)
    legacy = clean_env(env, OPENAI_API_BASE=openai_server.openai_base_url,
                       PYTHONPATH=os.pathsep.join([str(V0_DIR), env.get("PYTHONPATH", "")]))
    before = finish_program(start_program(program, legacy))
    expect(before.returncode == 0 and before.stdout.strip() and "openai 0.28" not in before.stderr,
           "the v0 program must run cleanly with openai 0.28 against the OpenAI personality\n"
           + show("original (openai 0.28)", before))
    expect(convert.returncode == 0, show("migrator convert --write", convert))
    converted_text = (workdir / program.name).read_text(encoding="utf-8")
    after = finish_program(start_program(workdir / program.name, mistral_env(openai_server, mistral_server)))
    allowed = set(EXPECT_TODO.findall(original_text)) | set(ALLOW_TODO.findall(original_text))
    problems = [f"undeclared TODO: {line.strip()}" for line in converted_text.splitlines()
                if TODO_MARK in line and not any(f"{TODO_MARK} {code}" in line for code in allowed)]
    problems += [f"no {code} TODO" for code in EXPECT_TODO.findall(original_text)
                 if f"{TODO_MARK} {code}" not in converted_text]
    left = [node.lineno for node in ast.walk(ast.parse(converted_text)) if isinstance(node, ast.Attribute)
            and node.attr in ("ChatCompletion", "Embedding", "Moderation", "Completion", "Model")]
    if left:
        problems.append(f"v0 calls are left on lines {left}")
    if after.returncode != 0 or after.stdout != before.stdout:
        problems.append("the converted program does not print what the original printed")
    if check.returncode != 0 and f"b/{program.name}" in check.stdout:
        problems.append("not idempotent: a second run wants changes")
    expect(not problems, "\n".join(problems) + "\n" + show("original (openai 0.28)", before) + "\n"
           + show("converted (mistral)", after) + f"\n=== converted ===\n{converted_text}")
