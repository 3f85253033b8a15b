"""Differential tests for LangChain programs (MIG116): each program in fixtures/programs_langchain runs
with langchain-openai against the wire server's OpenAI personality, is converted with
``migrator convert --write``, and runs with langchain-mistralai (ChatMistralAI speaks HTTP itself and
reads ``MISTRAL_BASE_URL`` / ``MISTRAL_API_KEY``) against the Mistral personality, which answers 422
to fields Mistral's API rejects; stdout must match, no TODO may appear, and a second run must want no
change. ``OPENAI_BASE_URL`` is dead for the converted run, so an object left on ChatOpenAI fails loudly.

Embeddings are not run here: building a MistralAIEmbeddings downloads a tokenizer from Hugging Face.
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest
from test_differential import (
    DEAD_OPENAI_BASE_URL,
    TODO_MARK,
    clean_env,
    convert_copies,
    expect,
    finish_program,
    show,
    start_program,
)
from wire_server import program_env

PROGRAMS = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "programs_langchain").glob("*.py"))
MISSING = [name for name in ("langchain_openai", "langchain_mistralai") if importlib.util.find_spec(name) is None]

pytestmark = pytest.mark.skipif(bool(MISSING), reason=f"{', '.join(MISSING)} not installed (pip install -e .[test])")


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    return convert_copies(tmp_path_factory.mktemp("programs_langchain"), PROGRAMS)


@pytest.mark.parametrize("program", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_langchain_program_behaves_the_same_after_conversion(program, converted, openai_server, mistral_server):
    workdir, convert, check = converted
    before = finish_program(start_program(program, clean_env(program_env(openai_server, mistral_server))))
    expect(before.returncode == 0 and before.stdout.strip(),
           "the program must run cleanly against the OpenAI personality\n" + show("original", before))
    expect(convert.returncode == 0, show("migrator convert --write", convert))
    converted_text = (workdir / program.name).read_text(encoding="utf-8")
    env = clean_env(program_env(openai_server, mistral_server), OPENAI_BASE_URL=DEAD_OPENAI_BASE_URL,
                    MISTRAL_BASE_URL=mistral_server.url + "/v1")
    after = finish_program(start_program(workdir / program.name, env))
    expect_same_run(program, converted_text, before, after, check,
                    lambda node: isinstance(node, ast.Name) and node.id in ("ChatOpenAI", "OpenAIEmbeddings")
                    or isinstance(node, ast.ImportFrom) and node.module == "langchain_openai")


def expect_same_run(program: Path, converted_text: str, before, after, check, is_left, allowed=()) -> None:
    """A converted wrapper program (MIG116, MIG121) printed what the original printed, holds no TODO
    but the ``allowed`` ones (their texts: advice that holds for every such conversion) and no OpenAI
    class (``is_left(node)``), and a second conversion wants no change."""
    problems = [f"TODO: {line.strip()}" for line in converted_text.splitlines()
                if TODO_MARK in line and not any(text in line for text in allowed)]
    left = [node.lineno for node in ast.walk(ast.parse(converted_text)) if is_left(node)]
    if left:
        problems.append(f"OpenAI classes are left on lines {left}")
    if after.returncode != 0 or after.stdout != before.stdout:
        problems.append("the converted program does not print what the original printed")
    if check.returncode != 0 and f"b/{program.name}" in check.stdout:
        problems.append("a second conversion still wants to change the program")
    expect(not problems, "\n".join(problems) + "\n" + show("original", before) + "\n" + show("converted", after)
           + "\n--- converted source\n" + converted_text)
