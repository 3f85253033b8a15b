"""Differential tests for LlamaIndex programs (MIG121): each program in fixtures/programs_llamaindex
runs with llama-index-llms-openai / -embeddings-openai (openai 2.x) against the wire server's OpenAI
personality, is converted with ``migrator convert --write``, and runs with llama-index-llms-mistralai
/ -embeddings-mistralai (mistralai 3.7) against the Mistral personality, which answers 422 to fields
Mistral's API rejects; stdout must match, no TODO may appear, and a second run must want no change.

The LlamaIndex packages live apart from the project's openai 3.x (tests/test_rule_llamaindex.py says
where and how they are installed); both runs put that directory on PYTHONPATH. MistralAI reads
``MISTRAL_ENDPOINT``; MistralAIEmbedding has no endpoint option and goes to the SDK's default server,
which tests/routing/sitecustomize.py points at the wire server. ``OPENAI_API_BASE`` /
``OPENAI_BASE_URL`` are dead for the converted run, so an object left on OpenAI fails loudly.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_differential import (
    DEAD_OPENAI_BASE_URL,
    clean_env,
    convert_copies,
    expect,
    finish_program,
    show,
    start_program,
)
from test_differential_langchain import expect_same_run
from test_rule_llamaindex import LLAMAINDEX_DIR, llamaindex_missing
from wire_server import program_env

from migrator.mapping import llamaindex as li

PROGRAMS = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "programs_llamaindex").glob("*.py"))

pytestmark = pytest.mark.skipif(llamaindex_missing() is not None, reason=llamaindex_missing() or "")


def _env(openai_server, mistral_server, **extra: str) -> dict[str, str]:
    env = program_env(openai_server, mistral_server)
    return clean_env(env, PYTHONPATH=os.pathsep.join([env["PYTHONPATH"], str(LLAMAINDEX_DIR)]), **extra)


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    return convert_copies(tmp_path_factory.mktemp("programs_llamaindex"), PROGRAMS)


@pytest.mark.parametrize("program", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_llamaindex_program_behaves_the_same_after_conversion(program, converted, openai_server, mistral_server):
    workdir, convert, check = converted
    expect(convert.returncode == 0, show("migrator convert --write", convert))
    converted_text = (workdir / program.name).read_text(encoding="utf-8")
    # both runs at once: importing LlamaIndex takes most of their time
    original = start_program(program, _env(openai_server, mistral_server, OPENAI_API_BASE=openai_server.openai_base_url))
    env = _env(openai_server, mistral_server, OPENAI_BASE_URL=DEAD_OPENAI_BASE_URL,
               OPENAI_API_BASE=DEAD_OPENAI_BASE_URL, MISTRAL_ENDPOINT=mistral_server.mistral_server_url)
    after = finish_program(start_program(workdir / program.name, env))
    before = finish_program(original)
    expect(before.returncode == 0 and before.stdout.strip(),
           "the program must run cleanly against the OpenAI personality\n" + show("original", before))
    expect_same_run(program, converted_text, before, after, check,
                    lambda node: isinstance(node, ast.Name) and node.id in ("OpenAI", "OpenAIEmbedding")
                    or isinstance(node, ast.ImportFrom) and (node.module or "").endswith(".openai"),
                    allowed=(li.EMBEDDING_TODO,))


def test_mistralai_max_retries_has_no_effect(mistral_server, openai_server):
    """Why the rule's docs say a converted object does not retry: llama-index-llms-mistralai 0.11
    hands max_retries to mistralai 3.7 as ``retries=<int>``, which it ignores (it takes a RetryConfig).
    When this starts to retry, drop the warning from MIG121's docs."""
    program = ("from llama_index.llms.mistralai import MistralAI\n"
               "llm = MistralAI(model='mistral-small-latest', max_tokens=20, max_retries=3)\n"
               "try:\n    print('answered:', llm.complete('hi').text)\n"
               "except Exception as error:\n    print('failed:', type(error).__name__)\n")
    mistral_server.inject(status=500, count=1)  # one failure: any retry would get the answer
    env = _env(openai_server, mistral_server, MISTRAL_ENDPOINT=mistral_server.mistral_server_url)
    done = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.stdout.strip() == "failed: SDKError", done.stdout + done.stderr
