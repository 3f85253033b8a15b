"""One file through the engine: prefilter, encodings, newlines, writing, diffs, failure reasons."""

from __future__ import annotations

import os
import stat

import pytest
from test_engine_support import FAKE_RULE, exploding_transform, rename_transform, write_tree

from migrator.engine import Changed, Failed, Mode, Skipped, Unchanged, run, unified_diff
from migrator.engine.files import atomic_write
from migrator.mapping.client import LANGCHAIN_JUDGE_CALLS, LANGCHAIN_MODEL_STRING_CALLERS


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def one(path, *, mode=Mode.DIFF, transform=rename_transform, **options):
    report = run([path], mode=mode, transform=transform, jobs=1, **options)
    assert len(report.results) == 1, report.results
    return report.results[0]


@pytest.mark.parametrize("content", ["import os\n", "x = 'OpenAI is mentioned nowhere'[:0]\n".replace("OpenAI", "Open AI")])
def test_prefilter_skips_files_without_openai_and_never_parses_them(tree, content):
    write_tree(tree, {"plain.py": content})
    report = run(["plain.py"], transform=exploding_transform, jobs=1)
    assert report.results == (Skipped("plain.py", "no openai reference"),)
    assert report.parsed == 0


@pytest.mark.parametrize("mention", ["import openai", "# uses OpenAI", "OPENAI_API_KEY = 1", "x = 'OpEnAi'"])
def test_prefilter_is_case_insensitive(tree, mention):
    write_tree(tree, {"m.py": mention + "\n"})
    report = run(["m.py"], transform=rename_transform, jobs=1)
    assert report.parsed == 1
    assert isinstance(report.results[0], (Changed, Unchanged))


def test_latin1_file_with_coding_cookie_stays_latin1(tree):
    original = "# -*- coding: latin-1 -*-\n# café\nimport openai\nname = 'é'\n".encode("latin-1")
    write_tree(tree, {"l1.py": original})
    result = one("l1.py", mode=Mode.WRITE)
    assert isinstance(result, Changed) and result.written
    expected = "# -*- coding: latin-1 -*-\n# café\nimport mistral\nname = 'é'\n".encode("latin-1")
    assert (tree / "l1.py").read_bytes() == expected


def test_bom_crlf_and_mixed_newlines_survive_byte_for_byte(tree):
    original = b"\xef\xbb\xbf# d\xc3\xa9j\xc3\xa0\r\nimport openai\r\nx = 1\ny = 2\r\n"
    write_tree(tree, {"bom.py": original})
    result = one("bom.py", mode=Mode.WRITE)
    assert isinstance(result, Changed)
    assert (tree / "bom.py").read_bytes() == original.replace(b"openai", b"mistral")


def test_file_without_final_newline(tree):
    write_tree(tree, {"m.py": "x = 1\nimport openai"})
    result = one("m.py")
    assert result.updated == b"x = 1\nimport mistral"
    assert unified_diff(result) == (
        "--- a/m.py\n+++ b/m.py\n@@ -1,2 +1,2 @@\n x = 1\n-import openai\n"
        "\\ No newline at end of file\n+import mistral\n\\ No newline at end of file\n"
    )


def test_unencodable_result_fails_and_leaves_the_file_untouched(tree):
    original = b"# -*- coding: ascii -*-\nimport openai\n"
    write_tree(tree, {"a.py": original})

    result = one("a.py", mode=Mode.WRITE, transform=snowman_transform)
    assert isinstance(result, Failed)
    assert result.reason == ("the converted code cannot be encoded as ascii (the file's encoding): "
                             "'☃' at line 2; file left unchanged")
    assert (tree / "a.py").read_bytes() == original


def snowman_transform(code, *, config, filename):
    from migrator.engine.results import RuleOutcome

    return RuleOutcome(code.replace("openai", "mistral  # ☃"))


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"import openai\nx = '\xe9'\n", "not valid utf-8 text (default encoding) at byte 19"),
        (b"# coding: ascii\nimport openai\n# \xe9\n", "not valid ascii text (coding cookie encoding) at byte 32"),
        (b"# coding: klingon\nimport openai\n", "bad encoding declaration: unknown encoding: klingon"),
        (b"import openai\nx = 1\0\n", "file contains a NUL byte (at byte 19)"),
    ],
    ids=["bad-utf8", "bad-cookie-encoding", "unknown-cookie", "nul"],
)
def test_undecodable_files_fail_with_one_line_reasons(tree, content, reason):
    write_tree(tree, {"bad.py": content})
    report = run(["bad.py"], transform=exploding_transform, jobs=1)
    assert report.results == (Failed("bad.py", reason),)


def test_transform_errors_become_failed_results(tree):
    write_tree(tree, {"boom.py": "import openai\n"})
    result = one("boom.py", transform=exploding_transform)
    assert isinstance(result, Failed)
    assert result.reason == "internal error in the rules: AssertionError: the transform must not be called for boom.py"


def test_a_syntax_error_in_migrators_own_code_is_an_internal_error_not_the_inputs(tree):
    """A rule module that does not compile (a developer's slip) was reported as the *input* file's syntax error, at
    the rule module's line."""
    import migrator

    def broken_rule(text, config=None, filename=None):
        raise SyntaxError("invalid syntax", (os.path.join(os.path.dirname(migrator.__file__), "rule.py"), 3, 1, "x("))

    write_tree(tree, {"app.py": "import openai\n"})
    result = one("app.py", transform=broken_rule)
    assert isinstance(result, Failed) and result.reason.startswith("internal error in the rules: SyntaxError"), result


def test_syntax_error_reason_names_line_and_column(tree):
    write_tree(tree, {"bad.py": "import openai\n\ndef f(:\n    pass\n"})
    result = one("bad.py")
    assert isinstance(result, Failed)
    assert result.reason.startswith("syntax error at line 3, column 7: ")
    assert "\n" not in result.reason


def test_unchanged_file_is_not_rewritten(tree):
    write_tree(tree, {"m.py": "import OpenAI_compat\n"})  # mentions openai only in another case
    before = os.stat("m.py")
    result = one("m.py", mode=Mode.WRITE)
    assert result == Unchanged("m.py", ())
    after = os.stat("m.py")
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_write_is_atomic_and_keeps_the_mode(tree):
    write_tree(tree, {"tool.py": "#!/usr/bin/env python\nimport openai\n"})
    os.chmod("tool.py", 0o751)
    inode_before = os.stat("tool.py").st_ino
    result = one("tool.py", mode=Mode.WRITE)
    assert isinstance(result, Changed) and result.written
    info = os.stat("tool.py")
    assert stat.S_IMODE(info.st_mode) == 0o751
    assert info.st_ino != inode_before  # replaced by rename, not rewritten in place
    assert sorted(os.listdir(".")) == ["tool.py"]  # no temp file left behind
    assert result.findings[0].rule == FAKE_RULE


def test_atomic_write_leaves_no_temp_file_when_it_fails(tree):
    write_tree(tree, {"d/x.py": "old"})
    with pytest.raises(OSError):
        atomic_write(str(tree / "d" / "x.py" / "impossible"), b"new", mode=0o644)
    assert os.listdir(tree / "d") == ["x.py"]


def test_write_goes_through_an_explicit_symlink_to_its_target(tree):
    write_tree(tree, {"real.py": "import openai\n"})
    os.symlink("real.py", "link.py")
    result = one("link.py", mode=Mode.WRITE)
    assert isinstance(result, Changed) and result.written
    assert os.path.islink("link.py")
    assert (tree / "real.py").read_text() == "import mistral\n"


def test_diff_and_check_modes_write_nothing(tree):
    write_tree(tree, {"m.py": "import openai\n"})
    for mode in (Mode.DIFF, Mode.CHECK):
        result = one("m.py", mode=mode)
        assert isinstance(result, Changed) and not result.written
        assert (tree / "m.py").read_text() == "import openai\n"


def test_crlf_diff_keeps_line_endings(tree):
    write_tree(tree, {"w.py": b"a = 1\r\nimport openai\r\n"})
    diff = unified_diff(one("w.py"))
    assert "-import openai\r\n+import mistral\r\n" in diff


def test_max_file_size_skips_larger_files_without_reading_them(tree):
    write_tree(tree, {"big.py": "import openai\n" + "x = 1\n" * 200_000})
    result = one("big.py", transform=exploding_transform, max_file_size=1_000_000)
    assert result == Skipped("big.py", "file is 1.2 MB, over the --max-file-size limit of 1 MB")


def test_a_notebook_over_the_limit_by_its_outputs_is_converted_and_keeps_them(tree):
    """Held-out review 78, Y3: a course notebook of 4 MB (rendered images) was skipped whole, though its code is a few
    KB; the limit is its code cells'. Code over the limit is still skipped, saying how much of it is code."""
    import json

    def notebook(code: str, output: str) -> str:
        return json.dumps({"cells": [{"cell_type": "code", "source": [code], "metadata": {}, "execution_count": 1,
                                      "outputs": [{"output_type": "display_data", "metadata": {},
                                                   "data": {"image/png": output}}]}],
                           "metadata": {}, "nbformat": 4, "nbformat_minor": 5})

    write_tree(tree, {"plots.ipynb": notebook(
        "from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model=\"gpt-4o\", messages=[])\n",
        "A" * 1_200_000),
                      "long.ipynb": notebook("import openai\n" + "x = 1\n" * 200_000, "")})
    report = run(["plots.ipynb", "long.ipynb"], mode=Mode.WRITE, jobs=1, max_file_size=1_000_000)
    by_path = {result.path: result for result in report.results}
    assert isinstance(by_path["plots.ipynb"], Changed) and by_path["plots.ipynb"].written, by_path
    written = json.loads((tree / "plots.ipynb").read_text())
    assert "Mistral(" in "".join(written["cells"][0]["source"])
    assert written["cells"][0]["outputs"][0]["data"]["image/png"] == "A" * 1_200_000
    assert isinstance(by_path["long.ipynb"], Skipped) and by_path["long.ipynb"].reason.startswith(
        "file is 1.4 MB (1.2 MB in its code cells), over the --max-file-size limit of 1 MB"), by_path


def test_fifo_is_reported_without_blocking(tree):
    os.mkfifo("pipe.py")
    result = one("pipe.py", transform=exploding_transform)
    assert result == Failed("pipe.py", "not a regular file (a named pipe)")


@pytest.mark.parametrize("caller", sorted(LANGCHAIN_MODEL_STRING_CALLERS))
def test_the_prefilter_reads_every_langchain_model_string_caller(caller):
    """walk.py spells LangChain's model-string callers out (no mapping import on the quick scan's path): each one the
    mapping names makes the prefilter read a module that never names openai, and a plain mention does not."""
    from migrator.engine.walk import PYTHON, read_for_the_plan

    assert read_for_the_plan(PYTHON, f"from x import {caller}\n\nagent = {caller}(model=MODEL)\n".encode())
    assert not read_for_the_plan(PYTHON, f"# see {caller}\nx = 1\n".encode())


@pytest.mark.parametrize("caller", sorted(LANGCHAIN_JUDGE_CALLS))
def test_the_prefilter_reads_every_langchain_evaluator(caller):
    """walk.py spells LangChain's evaluators out (held-out review 167, Y1): each one the mapping names makes the
    prefilter read a module naming no openai, LangSmith's too (review of session 88: `from langsmith.evaluation import
    LangChainStringEvaluator` names no langchain in lower case)."""
    from migrator.engine.walk import PYTHON, read_for_the_plan

    for module in ("langchain.evaluation", "langsmith.evaluation"):
        assert read_for_the_plan(PYTHON, f"from {module} import {caller}\n\njudge = {caller}('qa')\n".encode())


def test_the_prefilter_reads_every_llamaindex_index_builder():
    """walk.py spells LlamaIndex's index builders out (held-out review 61, Y19): each of the mapping's INDEX_NAMES makes
    the prefilter read a LlamaIndex module that never names openai; the same names without llama_index do not."""
    from migrator.engine.walk import PYTHON, read_for_the_plan
    from migrator.mapping.llamaindex import INDEX_NAMES

    for name in INDEX_NAMES:
        assert read_for_the_plan(PYTHON, f"from llama_index.core import x\n\nindex = x.{name}(docs)\n".encode()), name
        assert not read_for_the_plan(PYTHON, f"index = x.{name}(docs)\n".encode()), name


@pytest.mark.parametrize("model", ["whisper-1", "text-embedding-3-small", "tts-1", "gpt-4o-mini-transcribe",
                                   "gpt-4o-mini-tts", "omni-moderation-latest", "text-moderation-stable"])
def test_the_prefilters_openai_model_names_agree_with_the_model_map(model):
    """walk.py spells out the OpenAI models no chat call sends (no mapping import on the quick scan's path): a call
    naming one is read in a module that never names openai (held-out review 54, R6), as the plan's
    _openai_only_call decides from migrator.mapping: each is a model the map knows, and not a chat model."""
    from migrator.engine.walk import mentions_openai
    from migrator.mapping.models import NON_CHAT_MODELS, map_model

    assert map_model(model) in NON_CHAT_MODELS
    assert mentions_openai(f"r = client.audio.speech.create(model='{model}', input=x)\n".encode())
    assert not mentions_openai(b"r = client.audio.speech.create(model='voxtral-mini-latest', input=x)\n")


def test_the_prefilter_reads_calls_naming_an_openai_image_model():
    """walk.py spells out OpenAI's image models too (held-out review 55, T3): each prefix of the mapping's
    IMAGE_MODEL_PREFIXES makes a module that never names openai read."""
    from migrator.engine.walk import mentions_openai
    from migrator.mapping.models import IMAGE_MODEL_PREFIXES

    for prefix in IMAGE_MODEL_PREFIXES:
        assert mentions_openai(f"r = client.images.generate(model='{prefix}-3', prompt=p)\n".encode()), prefix
    assert mentions_openai(b"job = client.batches.create(input_file_id=f, completion_window='24h')\n")
