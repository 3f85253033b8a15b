"""migrator.engine.gitignore against pathspec (1.1's ``GitIgnoreSpec``), the matcher it replaces.

pathspec stays a test dependency for this: random patterns x random paths (with a small alphabet,
so that matches are frequent), whole files of such patterns, and hand-written cases.
"""

from __future__ import annotations

import random
import subprocess
import sys
import warnings
from pathlib import Path

import pathspec
import pytest

from migrator.engine.gitignore import GitIgnore

REPO = Path(__file__).resolve().parents[1]

# Pattern pieces: plain names, wildcards, bracket expressions (valid, negated, unclosed, reversed
# ranges, a "]" member), escapes, the special characters of the syntax, dots.
PIECES = [
    "a", "b", "ab", "ba", "c", "*", "**", "?", "***", "a*", "*a", "a?", "?b", "*.py", "x.py",
    "[ab]", "[!a]", "[^b]", "[a-c]", "[z-a]", "[a", "[]a]", "[!]", "[!]b]", "[a-]", "[\\]]", "[-a]",
    "\\*", "\\!", "\\#", "\\?", "\\[", "\\a", "\\\\", "#", "!", ".", "..", "-", "a b", " ",
]
NAMES = ["a", "b", "ab", "ba", "aa", "c", "x.py", "a.py", "#", "!", "*", "?", "[", "]", "\\", "-",
         ".", "..", "a b", "a ", " ", "[ab]", "#a", "!a", "abc", "", "a\n", "\n"]  # "": "a//b"


def random_pattern(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.02:
        return ""
    if roll < 0.04:
        return rng.choice(["#", "# comment", "#a", "   ", "\t", "!", "! ", "/", "!/", "\\", "\\ "])
    segments = []
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 4])):
        segment = "".join(rng.choice(PIECES) for _ in range(rng.choice([1, 1, 1, 2])))
        segments.append(segment)
    text = "/".join(segments)
    if rng.random() < 0.25:
        text = "/" + text
    if rng.random() < 0.3:
        text += "/"
    if rng.random() < 0.2:
        text = "!" + text
    roll = rng.random()
    if roll < 0.08:
        text += rng.choice([" ", "  ", "\t", " \t "])
    elif roll < 0.14:
        text += rng.choice(["\\ ", "a\\ ", "\\  ", "\\", "\\\\ "])
    return text


def random_path(rng: random.Random) -> str:
    path = "/".join(rng.choice(NAMES) for _ in range(rng.randint(1, 4)))
    return path + "/" if rng.random() < 0.4 else path


def oracle(lines: list[str]):
    """pathspec's spec, or the exception type it raises."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # re's FutureWarning about "[[" in a bracket expression
        try:
            return pathspec.GitIgnoreSpec.from_lines(lines)
        except Exception as exc:  # noqa: BLE001 - GitIgnorePatternError, re.error
            return type(exc)


def ours(lines: list[str]):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return GitIgnore.from_lines(lines)
        except ValueError as exc:
            return type(exc)


def assert_same(lines: list[str], paths: list[str]) -> int:
    """Both refuse the lines, or both give the same answers on every path; the number of checks."""
    spec, mine = oracle(lines), ours(lines)
    if isinstance(spec, type):
        assert isinstance(mine, type), f"pathspec refuses {lines!r} ({spec.__name__}), we accept it"
        return 1
    assert not isinstance(mine, type), f"we refuse {lines!r}, pathspec accepts it"
    assert len(mine) == sum(pattern.include is not None for pattern in spec.patterns), lines
    for path in paths:
        expected = spec.check_file(path).include
        assert mine.check(path) is expected, (lines, path, expected)
        assert mine.match(path) is spec.match_file(path), (lines, path)
    return len(paths) + 1


def test_single_random_patterns_agree_with_pathspec() -> None:
    rng = random.Random(20240607)
    paths = sorted({random_path(rng) for _ in range(160)})
    checks = refused = 0
    for _ in range(2500):
        line = random_pattern(rng)
        checks += assert_same([line], paths)
        refused += isinstance(oracle([line]), type)
        assert GitIgnore.valid(line) is not isinstance(oracle([line]), type), line
    assert checks > 300_000 and 50 < refused < 1000  # the generator reaches both kinds


def test_random_files_agree_with_pathspec() -> None:
    rng = random.Random(7)
    paths = sorted({random_path(rng) for _ in range(120)})
    checks = 0
    for _ in range(600):
        lines = [random_pattern(rng) for _ in range(rng.randint(2, 9))]
        if rng.random() < 0.6:  # most real files are valid: keep only the lines pathspec takes
            lines = [line for line in lines if GitIgnore.valid(line)]
        checks += assert_same(lines, paths)
    assert checks > 50_000


def test_valid_lines_are_what_pathspec_accepts_alone() -> None:
    """The callers' fallback (walk.IgnoreRules.with_file) rebuilds from the lines valid alone."""
    rng = random.Random(3)
    for _ in range(300):
        lines = [random_pattern(rng) for _ in range(6)]
        kept = [line for line in lines if GitIgnore.valid(line)]
        assert not isinstance(ours(kept), type)
        assert kept == [line for line in lines if not isinstance(oracle([line]), type)]


PYTHON_TEMPLATE = """\
# Byte-compiled / optimized / DLL files
__pycache__/
*.py[cod]
*$py.class

# Distribution / packaging
.Python
build/
dist/
*.egg-info/
.installed.cfg
*.egg
MANIFEST

# Unit test / coverage reports
htmlcov/
.tox/
.coverage
.coverage.*
nosetests.xml
*.cover
.hypothesis/
.pytest_cache/

# Sphinx documentation
docs/_build/

# mkdocs documentation
/site

# Environments
.env
.venv
env/
venv/
""".splitlines()


@pytest.mark.parametrize(("path", "verdict"), [
    ("a.pyc", True), ("pkg/a.pyo", True), ("pkg/a.pyd", True), ("a.py", None), ("a.pyx", None),
    ("m$py.class", True), ("pkg/mpy.class", None),
    ("__pycache__/", True), ("pkg/__pycache__/", True), ("pkg/__pycache__/m.py", True),
    ("__pycache__", None),  # a file of that name: the pattern is for directories
    (".coverage", True), (".coverage.host.1", True), (".coveragerc", None),
    ("docs/_build/", True), ("docs/_build/html/index.py", True), ("x/docs/_build/", None),
    ("site", True), ("site/", True), ("site/a.py", True), ("pkg/site/", None),
    ("build/", True), ("src/build/", True), ("a.egg-info/", True), ("a.egg-info", None),
    ("env/", True), ("env", None), (".venv", True), (".venv/", True),
])
def test_python_gitignore_template(path: str, verdict: bool | None) -> None:
    spec = GitIgnore.from_lines(PYTHON_TEMPLATE)
    assert spec.check(path) is verdict
    assert_same(PYTHON_TEMPLATE, [path])


@pytest.mark.parametrize(("lines", "path", "verdict"), [
    # "!" re-includes; the last matching pattern wins
    (["*.py", "!keep.py"], "keep.py", False),
    (["*.py", "!keep.py"], "d/keep.py", False),
    (["!keep.py", "*.py"], "keep.py", True),
    # a match on the path itself beats one on a directory above it (pathspec, and git's own
    # behaviour of re-including files below an excluded directory)
    (["build/", "!build/keep.py"], "build/keep.py", False),
    (["build/", "!build/keep.py"], "build/other.py", True),
    (["!keep.py", "build/"], "build/keep.py", False),
    # "**" forms
    (["**/foo"], "foo", True), (["**/foo"], "a/b/foo", True), (["**/foo"], "a/foo/x", True),
    (["**/foo/bar"], "bar", None), (["**/foo/bar"], "x/foo/bar", True),
    (["a/**"], "a/x", True), (["a/**"], "a/x/y", True), (["a/**"], "a", None),
    (["a/**"], "a/", True),
    (["a/**/b"], "a/b", True), (["a/**/b"], "a/x/y/b", True), (["a/**/b"], "x/a/b", None),
    (["**"], "x", True), (["**"], "x/y/", True),
    (["**/"], "x", None), (["**/"], "x/", True), (["**/"], "x/y", True),
    (["*"], "x", True), (["*"], "x/y/", True),
    (["*/"], "x", None), (["*/"], "x/", True), (["*/"], "x/y", True),
    (["/*"], "x", True), (["/*"], "x/y", True),
    # escapes
    (["\\#x"], "#x", True), (["#x"], "#x", None),
    (["\\!x"], "!x", True), (["!x"], "!x", None),
    (["x\\ "], "x ", True), (["x\\ "], "x", None), (["x "], "x", True), (["x "], "x ", None),
    (["\\*"], "*", True), (["\\*"], "a", None), (["\\[a]"], "[a]", True),
    # bracket expressions
    (["[ab]c"], "bc", True), (["[!a]c"], "ac", None), (["[!a]c"], "bc", True),
    (["[a-c]x"], "bx", True), (["a[!b]c"], "a/c", True),  # not in git: a negated set matches "/"
    (["[]a]"], "]", True), (["x[a"], "x[a", None),  # an unclosed "[": the pattern is dropped
])
def test_hand_written(lines: list[str], path: str, verdict: bool | None) -> None:
    assert GitIgnore.from_lines(lines).check(path) is verdict
    assert GitIgnore.from_lines(lines).match(path) is (verdict is True)
    assert_same(lines, [path])


@pytest.mark.parametrize("line", ["!", "!  ", "x\\", "a\\/b", "[z-a]", "x[c-a]y", "[a-\\]"])
def test_invalid_lines(line: str) -> None:
    assert isinstance(oracle([line]), type)
    assert not GitIgnore.valid(line)
    with pytest.raises(ValueError):
        GitIgnore.from_lines(["ok.py", line])


@pytest.mark.parametrize("line", ["", "   ", "#", "# x", "/", "[a", "x/[b/c"])
def test_lines_that_match_nothing(line: str) -> None:
    assert GitIgnore.valid(line)
    spec = GitIgnore.from_lines([line])
    assert len(spec) == 0 and spec.check("a") is None and spec.check("[a/") is None


ODD_PATHS = ["", "a//b", "a///b", "x//b", "a//", "a\nb", "a\n", "\n", "a\n/", "a\n/b", "\n/b"]


@pytest.mark.parametrize("line", ["a/**/b", "**/b", "b", "a*", "*", "**", "a", "a/", "*/", "**/",
                                  "a/**", "/a", "a/*", "?", "[!a]"])
def test_empty_segments_and_newlines_in_paths(line: str) -> None:
    """The regular expressions' own quirks: ".+" needs a character, "." and "$" and newlines."""
    assert_same([line], ODD_PATHS)
    assert_same([line, "!x", "c/"], ODD_PATHS)  # with the combined expression


def test_leading_slash_and_dot_slash_are_dropped_like_pathspec() -> None:
    assert_same(["a", "!/b/c"], ["/a", "./a", "/b/c", "./b/c", "//a", ".//a"])


def test_import_is_light() -> None:
    """Only ``re`` (and what it loads): no pathspec, no typing."""
    probe = ("import sys; from migrator.engine.gitignore import GitIgnore;"
             "GitIgnore.from_lines(['*.pyc', 'build/']).check('a/b.pyc');"
             "print(sorted(m for m in ('pathspec', 'typing', 'dataclasses') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_an_ignored_module_outside_a_git_work_tree_is_reported_and_keeps_its_dependency(tmp_path):
    """Held-out review 90, Y2 (CodeConverto, from a repository archive): codeconverter.py, tracked by git but matched
    by .gitignore, was left out without a word, and requirements.txt lost the openai pin it needs. Outside a git work
    tree migrator cannot tell what git tracks: the module is listed as skipped, and its dependency stays."""
    import os

    from migrator.config import Config
    from migrator.engine.runner import Mode, run

    (tmp_path / ".gitignore").write_text("legacy_cli.py\n")
    (tmp_path / "requirements.txt").write_text("openai==1.0.0\n")
    (tmp_path / "app.py").write_text("from openai import OpenAI\n\nclient = OpenAI()\n"
                                     "r = client.chat.completions.create(model='gpt-4o', messages=[])\n")
    legacy = "from openai import OpenAI\n\nOpenAI().chat.completions.create(model='gpt-4o', messages=[])\n"
    (tmp_path / "legacy_cli.py").write_text(legacy)
    report = run([tmp_path], config=Config(), mode=Mode.WRITE, jobs=1, progress=False)
    assert [(os.path.basename(s.path), s.reason.split(";")[0]) for s in report.skipped] == [
        ("legacy_cli.py", "matched by .gitignore, not converted (outside a git work tree migrator cannot tell whether "
                          "git tracks it: convert it with --no-gitignore if it belongs to the app)")], report.skipped
    assert (tmp_path / "legacy_cli.py").read_text() == legacy
    assert (tmp_path / "requirements.txt").read_text().startswith("openai==1.0.0\n")
    assert "Mistral(" in (tmp_path / "app.py").read_text()


def test_a_module_under_an_ignored_directory_outside_a_git_work_tree_is_reported(tmp_path):
    """Held-out review 108, Y1 (lctut, from an archive): `.gitignore` held `sql*` (meant for sqlite files), and
    sql_qa/main.py, an OpenAI use, appeared nowhere: not converted, not skipped, and a second run said "Nothing to
    change". An ignored directory's modules are reported one by one, as an ignored module is; a virtualenv or a built
    copy under it is not walked."""
    import os

    from migrator.config import Config
    from migrator.engine.runner import Mode, run

    (tmp_path / ".gitignore").write_text("sql*\nbuild/\n")
    (tmp_path / "requirements.txt").write_text("openai==1.0.0\n")
    call = "from openai import OpenAI\n\nOpenAI().chat.completions.create(model='gpt-4o', messages=[])\n"
    (tmp_path / "app.py").write_text(call)
    (tmp_path / "sql_qa" / "deep").mkdir(parents=True)
    (tmp_path / "sql_qa" / "main.py").write_text(call)
    (tmp_path / "sql_qa" / "deep" / "tool.py").write_text(call)
    (tmp_path / "sql_qa" / "plain.py").write_text("print('no model here')\n")
    (tmp_path / "build" / "lib").mkdir(parents=True)
    (tmp_path / "build" / "lib" / "app.py").write_text(call)
    report = run([tmp_path], config=Config(), mode=Mode.WRITE, jobs=1, progress=False)
    assert sorted(os.path.relpath(s.path, tmp_path) for s in report.skipped
                  if s.reason.startswith("matched by .gitignore")) == ["sql_qa/deep/tool.py", "sql_qa/main.py"], \
        report.skipped
    assert (tmp_path / "sql_qa" / "main.py").read_text() == call
    assert (tmp_path / "requirements.txt").read_text().startswith("openai==1.0.0\n")
    assert "Mistral(" in (tmp_path / "app.py").read_text()


def test_an_env_template_a_gitignore_matches_is_read_outside_a_git_work_tree(tmp_path):
    """Held-out review 93, X5 (jermainewakeup/granpost, from an archive): `.gitignore` held `.env.*`, and the committed
    `.env.example` kept only OPENAI_API_KEY beside the converted code. A template is meant to be committed: it is read;
    a real `.env` stays unread."""
    from migrator.config import Config
    from migrator.engine.runner import Mode, run

    (tmp_path / ".gitignore").write_text(".env\n.env.*\n")
    (tmp_path / ".env.example").write_text('export OPENAI_API_KEY="enter-your-key-here"\n')
    (tmp_path / ".env.local").write_text("OPENAI_API_KEY=sk-local\n")
    (tmp_path / "app.py").write_text("import os\n\nfrom openai import OpenAI\n\nclient = OpenAI()\n"
                                     "r = client.chat.completions.create(model='gpt-4o', messages=[])\n")
    run([tmp_path], config=Config(), mode=Mode.WRITE, jobs=1, progress=False)
    assert "MISTRAL_API_KEY" in (tmp_path / ".env.example").read_text()
    assert (tmp_path / ".env.local").read_text() == "OPENAI_API_KEY=sk-local\n"


def test_a_dependency_manifest_a_broad_gitignore_pattern_matches_is_read_outside_a_git_work_tree(tmp_path):
    """Held-out review 113, X5 (llm-api-service, from an archive): `.gitignore` held `*.txt`, and the committed
    requirements.txt kept openai, got no mistralai, and the summary said no requirements.txt was found."""
    from migrator.config import Config
    from migrator.engine.runner import Mode, run

    (tmp_path / ".gitignore").write_text("*.txt\n")
    (tmp_path / "requirements.txt").write_text("fastapi\nopenai\n")
    (tmp_path / "notes.txt").write_text("openai\n")
    (tmp_path / "app.py").write_text("from openai import OpenAI\n\nclient = OpenAI()\n"
                                     "r = client.chat.completions.create(model='gpt-4o', messages=[])\n")
    run([tmp_path], config=Config(), mode=Mode.WRITE, jobs=1, progress=False)
    assert (tmp_path / "requirements.txt").read_text() == "fastapi\nmistralai>=3.7,<4\n"
    assert (tmp_path / "notes.txt").read_text() == "openai\n"
