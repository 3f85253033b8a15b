"""Differential tests for instructor programs (MIG111): each program in fixtures/programs_instructor
runs with instructor 1.17 on the openai SDK against the wire server's OpenAI personality, is
converted with ``migrator convert --write`` (``instructor.from_openai(OpenAI())`` ->
``instructor.from_mistral(Mistral())``, keywords and models mapped), and runs with instructor on
mistralai 3.7 against the Mistral personality, which answers 422 to fields Mistral's API rejects;
stdout must match, no TODO may appear, and a second run must want no change.

instructor 1.17 needs ``jiter<0.15`` while the project's openai 3.57 needs ``jiter>=0.16``: the two
cannot share the project's environment. instructor, the openai release pip pairs with it (3.3.0)
and mistralai 3.7 are installed apart (``.ci/run`` does it once), and both runs put that directory
first on ``PYTHONPATH``. ``OPENAI_BASE_URL`` is dead for the converted run, so a client left on
OpenAI fails loudly.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest
from mechanics import apart_missing
from test_differential import DEAD_OPENAI_BASE_URL, clean_env, convert_copies, expect, finish_program, show, \
    start_program
from test_differential_langchain import expect_same_run
from wire_server import program_env

INSTRUCTOR_DIR = Path(os.environ.get("MIGRATOR_INSTRUCTOR_DIR", Path.home() / ".cache" / "migrator-instructor"))
INSTRUCTOR_PINS = ("instructor==1.17.0", "mistralai==3.7.0")
PROGRAMS = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "programs_instructor").glob("*.py"))


def instructor_missing() -> str | None:
    """Why instructor and mistralai are missing from INSTRUCTOR_DIR, or None."""
    return apart_missing(INSTRUCTOR_DIR, INSTRUCTOR_PINS)


pytestmark = pytest.mark.skipif(instructor_missing() is not None, reason=instructor_missing() or "")


def _env(openai_server, mistral_server, **extra: str) -> dict[str, str]:
    env = program_env(openai_server, mistral_server)
    # the apart directory first: its openai, mistralai and jiter win over the project's
    return clean_env(env, PYTHONPATH=os.pathsep.join([str(INSTRUCTOR_DIR), env["PYTHONPATH"]]), **extra)


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    return convert_copies(tmp_path_factory.mktemp("programs_instructor"), PROGRAMS)


@pytest.mark.parametrize("program", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_instructor_program_behaves_the_same_after_conversion(program, converted, openai_server, mistral_server):
    workdir, convert, check = converted
    expect(convert.returncode == 0, show("migrator convert --write", convert))
    converted_text = (workdir / program.name).read_text(encoding="utf-8")
    original = start_program(program, _env(openai_server, mistral_server))
    after = finish_program(start_program(workdir / program.name,
                                         _env(openai_server, mistral_server, OPENAI_BASE_URL=DEAD_OPENAI_BASE_URL)))
    before = finish_program(original)
    expect(before.returncode == 0 and before.stdout.strip(),
           "the program must run cleanly against the OpenAI personality\n" + show("original", before))
    expect_same_run(program, converted_text, before, after, check,
                    lambda node: isinstance(node, ast.Name) and node.id in ("OpenAI", "AsyncOpenAI", "from_openai")
                    or isinstance(node, ast.Attribute) and node.attr == "from_openai")


def test_the_apart_directory_holds_what_the_project_cannot():
    """The reason for the separate directory: instructor pins jiter below what openai 3.57 needs."""
    import importlib.metadata

    jiter = next(INSTRUCTOR_DIR.glob("jiter-*.dist-info")).name.split("-")[1]
    assert tuple(int(p) for p in jiter.split(".")[:2]) < (0, 15)
    project = importlib.metadata.version("jiter")
    assert tuple(int(p) for p in project.split(".")[:2]) >= (0, 16)
