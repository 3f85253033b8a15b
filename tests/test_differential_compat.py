"""Differential execution for ``--target openai-compatible --provider mistral``.

Every program in fixtures/programs/ runs unchanged against the wire server's OpenAI personality;
a copy converted with ``migrator convert --write --target openai-compatible --provider mistral``
keeps the ``openai`` SDK and must print the same when it reaches the wire server's *Mistral*
personality through its OpenAI-compatible path (``/v1/chat/completions``, ``/v1/embeddings``,
``/v1/models``), which rejects unknown request fields with a 422 as Mistral's API does. The converted
code names ``https://api.mistral.ai/v1``; routing/sitecustomize.py sends that origin to the wire
server (the real SDK, real sockets; only the destination changes). ``OPENAI_BASE_URL`` is dead, so
a client the conversion missed fails loudly.

TODOs: ``# compat-expect-todo: MIGnnn`` requires one, ``# compat-allow-todo: MIGnnn`` permits one
(the mistral target's ``expect-todo`` headers do not apply: that conversion differs).
"""

from __future__ import annotations

import ast
import difflib
import re
import shutil
from pathlib import Path

import pytest
from test_differential import (PACKAGES, PROGRAMS, TODO_MARK, clean_env, expect, finish_program, run_migrator, show,
                               start_program, DEAD_OPENAI_BASE_URL)
from wire_server import program_env

EXPECT_TODO = re.compile(r"^#\s*compat-expect-todo:\s*(MIG\d+)\s*$", re.MULTILINE)
ALLOW_TODO = re.compile(r"^#\s*compat-allow-todo:\s*(MIG\d+)\s*$", re.MULTILINE)
MISTRAL_ORIGIN = "https://api.mistral.ai"
TARGET = ("--target", "openai-compatible", "--provider", "mistral")

# Programs this target leaves on OpenAI on purpose (the plan keeps their client, with a TODO).
_RESPONSES_KEPT = ("Mistral serves /v1/responses, but no rule moves these calls on this target yet (whether the OpenAI "
                   "SDK parses Mistral's Response is unverified)")
KEPT: dict[str, str] = {
    "api_key_set_after_construction": "client.api_key = ... set after construction would replace the provider's key",
    "audio_transcription": "served (Mistral, Scaleway), but no rule moves transcriptions on this target yet",
    "embeddings_kwargs_dict": "user / dimensions inside a splatted dict would need its keys rewritten",
    "files_and_batches": "Mistral's /v1/files and /v1/batch/jobs differ from OpenAI's /v1/files and /v1/batches",
    "fim_suffix": "legacy completions are not listed as served through the OpenAI SDK by these providers",
    "kwargs_dict": "seed / max_completion_tokens inside a splatted dict would need its keys rewritten",
    "legacy_functions": "legacy functions= must become tools= first; Mistral's API rejects functions",
    "moderation_flagged": "moderation is not served through the OpenAI SDK by these providers",
    "responses_basic": _RESPONSES_KEPT,
    "responses_image_input": _RESPONSES_KEPT,
    "responses_parse": "the Responses API is not listed as served through the OpenAI SDK (unverified)",
    "responses_stream": _RESPONSES_KEPT,
    "responses_tools": _RESPONSES_KEPT,
    "text_to_speech": "text to speech is not listed as served through the OpenAI SDK by these providers",
    "wrapper_kwargs": "a wrapper's pass-through **kwargs: its callers' keys are checked against Mistral's chat "
                      "mapping, not against this target's field policy (kept, with the TODO)",
}
# Programs that answer themselves: they serve faults from their own server through OPENAI_BASE_URL,
# which this target replaces with the provider's URL. The exceptions stay the OpenAI SDK's here.
OWN_SERVER = {"default_retries", "errors_async_retry", "errors_backoff", "errors_connection", "errors_status",
              "errors_timeout"}


@pytest.fixture(scope="session")
def compat_programs(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("compat") / "prog"
    workdir.mkdir()
    for program in PROGRAMS:
        shutil.copyfile(program, workdir / program.name)
    for package in PACKAGES:
        shutil.copytree(package, workdir / package.name, ignore=shutil.ignore_patterns("__pycache__"))
    convert = run_migrator("convert", workdir, "--write", *TARGET, cwd=workdir.parent)
    converted = {p.name: p.read_text(encoding="utf-8") for p in workdir.glob("*.py")}
    check = run_migrator("convert", workdir, "--check", *TARGET, cwd=workdir.parent)
    for name, text in converted.items():
        assert (workdir / name).read_text(encoding="utf-8") == text, f"--check modified {name}"
    return workdir, convert, check


def _openai_env(openai_server, mistral_server) -> dict[str, str]:
    return clean_env(program_env(openai_server, mistral_server))


def _compat_env(openai_server, mistral_server) -> dict[str, str]:
    return clean_env(program_env(openai_server, mistral_server), OPENAI_BASE_URL=DEAD_OPENAI_BASE_URL,
                     MIGRATOR_TEST_REDIRECT=f"{MISTRAL_ORIGIN}={mistral_server.mistral_server_url}")


# Programs whose mistral-target conversion the openai-compatible target does not make: a reasoning model's chunked
# content is joined by a helper only where the call moves to mistralai (the compat target keeps the call, with the
# reasoning TODO: tests/test_rule_chat_completions.py)
MISTRAL_ONLY = {"reasoning_content": "the openai-compatible target leaves a reasoning model's chunks with its TODO"}


@pytest.mark.parametrize("program", [
    pytest.param(p, id=p.stem, marks=[pytest.mark.skip(reason="serves its own faults on OPENAI_BASE_URL")]
                 if p.stem in OWN_SERVER else [pytest.mark.skip(reason=MISTRAL_ONLY[p.stem])]
                 if p.stem in MISTRAL_ONLY else []) for p in PROGRAMS])
def test_program_behaves_the_same_on_the_openai_compatible_target(program: Path, compat_programs,
                                                                  openai_server, mistral_server) -> None:
    original_text = program.read_text(encoding="utf-8")
    expected = EXPECT_TODO.findall(original_text)
    allowed = set(expected) | set(ALLOW_TODO.findall(original_text))
    workdir, convert, again = compat_programs
    converted_path = workdir / program.name
    running_original = start_program(program, _openai_env(openai_server, mistral_server))
    running_converted = start_program(converted_path, _compat_env(openai_server, mistral_server))
    before = finish_program(running_original)
    expect(before.returncode == 0 and before.stdout.strip(),
           "the unconverted program must run cleanly\n" + show("original", before))

    converted_text = converted_path.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(original_text.splitlines(keepends=True),
                                        converted_text.splitlines(keepends=True),
                                        f"a/{program.name}", f"b/{program.name}"))
    context = f"\n=== conversion diff ===\n{diff or '(no change)'}\n" + show("migrator convert --write", convert)
    expect(convert.returncode == 0, "migrator convert --write failed" + context)

    problems: list[str] = []
    if program.stem in KEPT:
        code = "\n".join(line for line in converted_text.splitlines() if not line.lstrip().startswith("#"))
        expect(f"{TODO_MARK} MIG101): kept on OpenAI" in converted_text and MISTRAL_ORIGIN not in code,
               f"{program.stem} should stay on OpenAI with its constructor's TODO ({KEPT[program.stem]})"
               + context)
        running_converted.kill()
        return
    expect(converted_text != original_text, "the conversion changed nothing" + context)
    tree = ast.parse(converted_text)
    if any(isinstance(n, ast.ImportFrom) and (n.module or "").startswith("mistralai") for n in ast.walk(tree)):
        problems.append("the openai-compatible target must keep the openai SDK, not import mistralai")
    for code in expected:
        if f"{TODO_MARK} {code}" not in converted_text:
            problems.append(f"no `# {TODO_MARK} {code})` though the program declares compat-expect-todo")
    problems += [f"TODO the program does not declare: {line.strip()}" for line in converted_text.splitlines()
                 if TODO_MARK in line and not any(f"{TODO_MARK} {code}" in line for code in allowed)]
    after = finish_program(running_converted)
    if after.returncode != 0:
        problems.append("the converted program failed against the Mistral personality")
    elif after.stdout != before.stdout:
        problems.append("stdout differs after conversion:\n" + "".join(difflib.unified_diff(
            before.stdout.splitlines(keepends=True), after.stdout.splitlines(keepends=True),
            "original (openai)", "converted (openai SDK -> mistral)")))
    if again.returncode != 0 and f"b/{program.name}" in again.stdout:
        problems.append("not idempotent: a second --check wants changes\n" + show("--check", again))
    expect(not problems, "\n".join(f"* {p}" for p in problems) + "\n\n" + show("original", before) + "\n"
           + show("converted", after) + context)
