"""Generated code parses on every supported Python; input is read whatever this interpreter's grammar."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from migrator.engine import Mode, run
from migrator.engine import transform as transform_module

APP = """\
from openai import OpenAI
client = OpenAI()
reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])
print(f"refused: {reply.choices[0].message.refusal}")
"""

NEWER_GRAMMAR = """\
from openai import OpenAI
client = OpenAI()
reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])
table = {"k": 1}
print(f"{reply.choices[0].message.content!r} {table["k"]}")
print(reply.choices[0].message.refusal)
"""


def test_getattr_inside_a_double_quoted_fstring_is_quote_safe(tmp_path: Path) -> None:
    """D11: the generated getattr uses the other quote inside an f-string (valid before 3.12)."""
    path = tmp_path / "app.py"
    path.write_text(APP)
    report = run([tmp_path], mode=Mode.WRITE, jobs=1, progress=False)
    assert not report.failed
    out = path.read_text()
    assert "getattr(reply.choices[0].message, 'refusal', None)" in out
    compile(out, "app.py", "exec")


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="the point is an interpreter older than PEP 701")
def test_newer_fstring_grammar_converts_on_an_older_interpreter(tmp_path: Path) -> None:
    """A 3.12 f-string (same quotes nested) does not stop the conversion on 3.11: it is left as is."""
    path = tmp_path / "app.py"
    path.write_text(NEWER_GRAMMAR)
    report = run([tmp_path], mode=Mode.WRITE, jobs=1, progress=False)
    assert not report.failed, report.failed
    out = path.read_text()
    assert "client.chat.complete(" in out and 'model="mistral-large-latest"' in out
    assert '{table["k"]}' in out  # the f-string ast cannot read is untouched
    assert 'getattr(reply.choices[0].message, "refusal", None)' in out
    assert not run([tmp_path], mode=Mode.CHECK, jobs=1, progress=False).changed


NEWEST_GRAMMAR = """\
import openai
from openai import OpenAI

client = OpenAI()

type Pair[T] = tuple[T, T]


def first[T](xs: list[T]) -> T:
    return xs[0]


class Box[T]:
    def get(self) -> str:
        try:
            return client.chat.completions.create(model="gpt-4o", messages=[]).choices[0].message.content
        except openai.RateLimitError, openai.APITimeoutError:
            return ""
"""


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="the point is an interpreter older than PEP 695")
def test_type_parameters_and_unparenthesised_except_convert_on_an_older_interpreter(tmp_path: Path) -> None:
    """Held-out review 62, Y30 (suitenumerique/docs, Python 3.14): `def first[T](...)`, `class Box[T]:`, `type Pair[T]
    = ...` (PEP 695) and `except A, B:` (PEP 758) failed as "syntax error" on 3.11 and nothing converted: LibCST reads
    them, and the ast passes read them masked. The module converts; a second run changes nothing."""
    path = tmp_path / "app.py"
    path.write_text(NEWEST_GRAMMAR)
    report = run([tmp_path], mode=Mode.WRITE, jobs=1, progress=False)
    assert not report.failed, report.failed
    out = path.read_text()
    assert "client.chat.complete(" in out and "type Pair[T] = tuple[T, T]" in out and "class Box[T]:" in out, out
    assert "except (errors.SDKError, httpx2.TimeoutException) as e:" in out, out
    assert not run([tmp_path], mode=Mode.CHECK, jobs=1, progress=False).changed


def test_code_that_does_not_parse_is_an_internal_error_and_nothing_is_written(tmp_path, monkeypatch) -> None:
    """If the rules ever produce invalid code, the file is reported (as migrator's fault) and kept."""
    path = tmp_path / "app.py"
    path.write_text(APP)
    original = path.read_bytes()
    real = transform_module.fix_imports
    monkeypatch.setattr(transform_module, "fix_imports", lambda code, *a, **k: real(code, *a, **k) + "def (:\n")
    report = run([tmp_path], mode=Mode.WRITE, jobs=1, progress=False)
    assert len(report.failed) == 1
    reason = report.failed[0].reason
    assert reason.startswith("internal error in the rules: GeneratedCodeError: the converted code does not parse")
    assert "syntax error" not in reason
    assert path.read_bytes() == original


class _RenameClient:
    """A transformer that renames every `client` name: the statements holding none stay the same objects."""

    @staticmethod
    def visitor():
        import libcst as cst

        class Rename(cst.CSTTransformer):
            def leave_Name(self, original, updated):
                return updated.with_changes(value="mistral") if original.value == "client" else updated

        return Rename()


@pytest.mark.parametrize("source", [
    APP, NEWER_GRAMMAR, APP.rstrip("\n"), "", "\n", "# only a comment\n", "x = 1\r\nclient = 2\r\n",
    *(path.read_text() for path in sorted((Path(__file__).parent.parent / "fixtures" / "plan").glob("*/before/**/*.py"))),
])
def test_both_modules_print_as_libcst_prints_them(source: str) -> None:
    """The speed-up of the round-trip check (statements shared by the original and the converted module are
    printed once) prints exactly what Module.code prints, for both modules."""
    import libcst as cst

    original = cst.parse_module(source)
    updated = original.visit(_RenameClient.visitor())
    new, old = transform_module._print_both(original, updated)
    assert new == updated.code and old() == original.code == source


def test_a_newer_fstring_beside_an_ordinary_one_does_not_crash_the_rules(tmp_path: Path) -> None:
    """Held-out review 57, Y1 (mitmedialab/ai-peer-review-crisis): `[f"{row["id"]}", f"{row['id']}"]`: the rules
    skipped the 3.12 f-string on the way in but left it on the way out (IndexError: pop from empty list: the whole
    file failed)."""
    path = tmp_path / "app.py"
    path.write_text('from openai import OpenAI\n\nclient = OpenAI()\nrow = {"id": 1}\n'
                    'ids = [f"{row["id"]}", f"{row[\'id\']}"]\n'
                    'print(client.chat.completions.create(model="gpt-4o-mini", messages=[]).choices[0].message.content)\n')
    report = run([tmp_path], mode=Mode.WRITE, jobs=1, progress=False)
    assert not report.failed, report.failed
    assert "client.chat.complete(" in path.read_text()
    assert not run([tmp_path], mode=Mode.CHECK, jobs=1, progress=False).changed
