"""`migrator scan` through the command line over small trees: the plan as a table, JSON and SARIF
(validated against the OASIS SARIF 2.1.0 schema), failures reported, and no LibCST for a tree that
never mentions openai. Also: `convert --format json` carries the same plan."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from test_engine_support import write_tree
from typer.testing import CliRunner

from migrator.cli import app

# The OASIS SARIF 2.1.0 schema (errata01), vendored: see tests/data/README.md.
SARIF_SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
REPO = Path(__file__).resolve().parent.parent

LLM = """\
import openai
from openai import OpenAI

client = OpenAI()
vec = OpenAI()
ds = OpenAI(base_url="https://api.deepseek.com", api_key="x")


def ask(q):
    r = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])
    return r.choices[0].message.content


def draw(t):
    return vec.images.generate(model="dall-e-3", prompt=t)


def deep(q):
    return ds.chat.completions.create(model="deepseek-chat", messages=[{"role": "user", "content": q}])


def legacy(q):
    return openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[{"role": "user", "content": q}])


def chat_vec(q):
    return vec.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])
"""

TREE = {
    "app/llm.py": LLM,
    "app/broken.py": "import openai\n\ndef oops(:\n    pass\n",
    "app/util.py": "def add(a, b):\n    return a + b\n",
}


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def scan(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["scan", *args], env={"COLUMNS": "200"})
    return result.exit_code, result.stdout


def row(output: str, location: str) -> list[str]:
    """The cells of the table row whose first cell is ``location``."""
    for line in output.splitlines():
        cells = [cell.strip() for cell in line.strip("│ ").split("│")]
        if cells and cells[0] == location:
            return cells
    raise AssertionError(f"no row for {location} in:\n{output}")


def test_table_shows_each_client_decision_and_each_use(tree: Path) -> None:
    """Per client its decision and reason; per use path:line, surface, rule and status; counts."""
    code, out = scan(".")
    assert code == 0
    assert row(out, "app/llm.py:4")[1:5] == ["client", "OpenAI", "openai", "convert"]
    kept = row(out, "app/llm.py:5")
    assert kept[1] == "vec" and kept[4] == "keep"
    assert "blocking: app/llm.py:15 images.generate" in kept[5]
    assert row(out, "app/llm.py:6")[3:5] == ["DeepSeek", "other-provider"]
    assert row(out, "app/llm.py:10")[1:4] == ["chat.completions.create", "MIG102", "convert"]
    assert row(out, "app/llm.py:15")[1:4] == ["images.generate", "MIG106", "todo"]
    assert row(out, "app/llm.py:19")[1:4] == ["chat.completions.create", "MIG102", "other-provider"]
    legacy = row(out, "app/llm.py:23")
    assert legacy[1:4] == ["openai.ChatCompletion.create", "MIG106", "todo"]
    assert "legacy openai v0 API" in legacy[4]
    assert row(out, "app/llm.py:27")[1:4] == ["chat.completions.create", "MIG102", "keep"]
    assert "Files: 3 seen, 2 mention openai, 1 parsed, 1 failed, 0 skipped" in out
    assert "Clients: 1 convert, 1 keep, 1 other-provider, 0 unresolved" in out
    assert "Uses: 1 convert, 2 todo, 1 keep, 1 other-provider" in out


def test_unparsable_file_is_reported_and_the_rest_scanned(tree: Path) -> None:
    """A syntax error, bad bytes or a NUL byte is a failure line, not a crash; exit stays 0."""
    write_tree(tree, {"app/latin.py": b"import openai\n\nx = '\xff'\n", "app/nul.py": b"import openai\0\n"})
    code, out = scan(".")
    assert code == 0
    assert "Failed (3):" in out
    assert "app/broken.py: syntax error at line 3, column 10" in out
    assert "app/latin.py: not valid utf-8 text (default encoding) at byte 20" in out
    assert "app/nul.py: file contains a NUL byte (at byte 13)" in out
    assert row(out, "app/llm.py:4")[4] == "convert"


def test_a_plan_failure_is_a_failure_line_not_a_traceback(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The plan's analysis past its work budget (migrator.plan.build.PlanTooComplex, made small here), or any other bug
    in the plan, is reported for every file read, as convert reports it; scan still exits 0 and prints its table."""
    from migrator.plan import build

    monkeypatch.setattr(build, "work_budget", lambda nodes: 5)
    code, out = scan(".")
    assert code == 0, out
    assert "app/broken.py: syntax error at line 3, column 10" in out
    assert "app/llm.py: internal error in the conversion plan: PlanTooComplex: the analysis of 1 module(s) went past " \
           "its budget of 5 steps" in " ".join(out.split())
    assert "Traceback" not in out
    assert "No OpenAI usage could be read: see the failures below." in out


def test_a_file_whose_own_plan_fails_is_left_out_and_the_others_scanned(tree: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """As convert does (engine.runner._plan_culprits): the file whose own plan goes past its budget is reported, and
    the others are planned without it (review of session 89: scan failed every file and said "No OpenAI usage
    found")."""
    from migrator.plan import build

    big = "from openai import OpenAI\nclient = OpenAI()\n" + "".join(
        f"r{i} = client.chat.completions.create(model='gpt-4o', messages=[{{'role': 'user', 'content': str({i})}}])\n"
        for i in range(40))
    write_tree(tree, {"app/big.py": big})
    monkeypatch.setattr(build, "work_budget", lambda nodes: 10 ** 9 if nodes < 400 else 30)
    code, out = scan(".")
    assert code == 0, out
    flat = " ".join(out.split())
    assert "app/big.py: internal error in the conversion plan: PlanTooComplex: the analysis of 1 module(s) went past " \
           "its budget of 30 steps" in flat and "left out, the other files were planned" in flat, out
    assert row(out, "app/llm.py:4")[4] == "convert", out
    # a client the left-out module imports stays on OpenAI, as convert keeps it (review of session 89)
    write_tree(tree, {"app/big.py": "from app.llm import client\n" + big})
    code, out = scan(".")
    assert row(out, "app/llm.py:4")[4] == "keep" and "big.py may use it, and migrator failed on it" in \
        " ".join(out.split()), out


def test_json_is_the_plan_with_paths_relative_to_the_root(tree: Path) -> None:
    code, out = scan(".", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert os.path.realpath(data["root"]) == os.path.realpath(tree)
    assert data["version"] == 1
    assert data["files"] == {"seen": 3, "candidates": 2, "parsed": 1, "failed": 1, "skipped": 0}
    clients = {c["name"]: c for c in data["clients"]}
    assert {name: c["decision"] for name, c in clients.items()} == {
        "client": "convert", "vec": "keep", "ds": "other-provider"}
    assert clients["vec"]["path"] == "app/llm.py" and clients["vec"]["line"] == 5
    assert clients["vec"]["blockers"] == ["app/llm.py:15 images.generate: images.generate(...) has no rule yet"]
    assert clients["ds"]["provider"] == "DeepSeek"
    uses = {u["line"]: u for u in data["uses"]}
    assert uses[23] == {
        "path": "app/llm.py", "line": 23, "client": None, "surface": "openai.ChatCompletion.create",
        "rule": "MIG106", "status": "todo", "blocking": False,
        "detail": "legacy openai v0 API openai.ChatCompletion.create(...): the v0 response is used as a whole "
                  "(returned, passed on): code elsewhere may read it as a dict"}
    assert uses[15]["client"] == clients["vec"]["id"] == "app/llm.py:5:6"
    assert data["counts"] == {"convert": 1, "keep": 1, "other-provider": 1, "unresolved": 0, "unused": 0}
    assert [f["path"] for f in data["failed"]] == ["app/broken.py"]
    assert data["failed"][0]["reason"].startswith("syntax error at line 3")


def test_json_root_is_the_common_directory_of_the_paths(tree: Path) -> None:
    code, out = scan("app")
    data = json.loads(scan("app", "--format", "json")[1])
    assert os.path.realpath(data["root"]) == os.path.realpath(tree / "app")
    assert {c["path"] for c in data["clients"]} == {"llm.py"}


def _sarif_errors(document: dict) -> list[str]:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    return [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(document)]


def test_sarif_is_valid_and_has_one_result_per_todo_kept_use_and_kept_client(tree: Path) -> None:
    from migrator.rules import describe_rules

    code, out = scan(".", "--format", "sarif")
    assert code == 0
    document = json.loads(out)
    assert _sarif_errors(document) == []
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r["code"] for r in describe_rules()]
    found = set()
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "SRCROOT"
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        found.add((result["ruleId"], result["level"], location["artifactLocation"]["uri"],
                   location["region"]["startLine"]))
    assert found == {
        ("MIG101", "warning", "app/llm.py", 5),  # the kept client
        ("MIG106", "warning", "app/llm.py", 15),  # embeddings: no rule yet
        ("MIG106", "warning", "app/llm.py", 23),  # legacy v0 call
        ("MIG102", "note", "app/llm.py", 27),  # chat call that stays on OpenAI with its client
    }
    assert len(run["results"]) == 4
    base = run["originalUriBaseIds"]["SRCROOT"]["uri"]
    assert base.startswith("file:///") and base.endswith("/")
    assert os.path.realpath(base[len("file://"):]) == os.path.realpath(tree)
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["message"]["text"].split(":")[0] for n in notes] == ["app/broken.py"]


def test_sarif_schema_check_rejects_an_invalid_log(tree: Path) -> None:
    """The vendored schema is really applied: a log with a bad level and no version fails."""
    document = json.loads(scan(".", "--format", "sarif")[1])
    del document["version"]
    document["runs"][0]["results"][0]["level"] = "fatal"
    errors = _sarif_errors(document)
    assert any("'version' is a required property" in e for e in errors)
    assert any("'fatal' is not one of" in e for e in errors)


def test_sarif_without_openai_usage_is_valid_and_empty(tmp_path: Path) -> None:
    write_tree(tmp_path, {"util.py": "def add(a, b):\n    return a + b\n"})
    code, out = scan(str(tmp_path), "--format", "sarif")
    assert code == 0
    document = json.loads(out)
    assert _sarif_errors(document) == []
    assert document["runs"][0]["results"] == []


def test_discovery_is_converts_own(tree: Path) -> None:
    """.gitignore, --exclude, [tool.migrator] exclude and --max-file-size apply as in convert."""
    write_tree(tree, {
        ".git/HEAD": "ref: refs/heads/main\n",
        ".gitignore": "ignored/\n",
        "ignored/a.py": "from openai import OpenAI\nc = OpenAI()\n",
        "excluded/b.py": "from openai import OpenAI\nc = OpenAI()\n",
        "configured/c.py": "from openai import OpenAI\nc = OpenAI()\n",
        "big/d.py": "from openai import OpenAI\nc = OpenAI()\n" + "#" * 2000 + "\n",
        "pyproject.toml": '[tool.migrator]\nexclude = ["configured/"]\n',
    })
    data = json.loads(scan(".", "--format", "json", "--exclude", "excluded/", "--max-file-size", "1KB")[1])
    assert {c["path"] for c in data["clients"]} == {"app/llm.py"}
    assert data["skipped"] == [{"path": "big/d.py", "reason": "file is 2 KB, over the --max-file-size limit of 1 KB"}]
    everything = json.loads(scan(".", "--format", "json", "--no-gitignore")[1])
    assert {c["path"] for c in everything["clients"]} == {"app/llm.py", "ignored/a.py", "excluded/b.py", "big/d.py"}


@pytest.mark.parametrize("args", [
    pytest.param(["--format", "xml", "."], id="bad-format"),
    pytest.param(["missing/"], id="missing-path"),
    pytest.param(["--max-file-size", "lots", "."], id="bad-size"),
    pytest.param(["--exclude", "!", "."], id="bad-exclude"),
])
def test_usage_errors_exit_2(tree: Path, args: list[str]) -> None:
    assert CliRunner().invoke(app, ["scan", *args]).exit_code == 2


_PROBE = """
import json, sys
from migrator.cli import app
try:
    app(["scan", *sys.argv[2:], sys.argv[1]])
except SystemExit:
    pass
heavy = ("libcst", "rich", "openai", "mistralai", "migrator.mapping", "migrator.plan.build", "codemods")
print(json.dumps(sorted(name for name in heavy if name in sys.modules)), file=sys.stderr)
"""


def _heavy_modules(root: Path, *args: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", _PROBE, str(root), *args], capture_output=True,
                          text=True, cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("output_format", ["table", "json", "sarif"])
def test_tree_without_openai_loads_no_libcst_rich_or_tables(tmp_path: Path, output_format: str) -> None:
    write_tree(tmp_path, {f"pkg/m{i}.py": f"def f{i}():\n    return {i}\n" for i in range(20)})
    assert _heavy_modules(tmp_path, "--format", output_format) == []


def test_tree_with_openai_builds_the_plan(tmp_path: Path) -> None:
    """The contrast to the test above: a candidate file loads the builder and, for SARIF, the rules."""
    write_tree(tmp_path, {"llm.py": LLM})
    loaded = _heavy_modules(tmp_path, "--format", "sarif")
    assert {"migrator.plan.build", "migrator.mapping", "libcst"} <= set(loaded)


def test_convert_json_includes_the_plan(tree: Path) -> None:
    result = CliRunner().invoke(app, ["convert", ".", "--format", "json"])
    summary = json.loads(result.stdout)
    assert {"version", "mode", "files", "todos", "results"} <= set(summary)  # the existing keys stay
    plan = summary["plan"]
    assert plan["counts"] == {"convert": 1, "keep": 1, "other-provider": 1, "unresolved": 0, "unused": 0}
    assert {c["name"]: c["decision"] for c in plan["clients"]} == {
        "client": "convert", "vec": "keep", "ds": "other-provider"}
    assert {(u["path"], u["line"], u["status"]) for u in plan["uses"]} >= {
        ("app/llm.py", 10, "convert"), ("app/llm.py", 23, "todo")}
    scanned = json.loads(scan(".", "--format", "json")[1])
    assert plan["clients"] == scanned["clients"] and plan["uses"] == scanned["uses"]


def _console_script(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """``python -m migrator`` runs the console script's entry point (migrator.launch.main)."""
    env = {**os.environ, "COLUMNS": "200", "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "migrator", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120)


@pytest.mark.parametrize("args", [
    pytest.param([".", "--format", "json"], id="json"),
    pytest.param(["--format=sarif", "--", "."], id="sarif"),
    pytest.param([".", "--exclude", "app/broken.py", "--no-gitignore", "--max-file-size=2MB"], id="table"),
])
def test_console_script_fast_path_prints_what_typer_prints(tree: Path, args: list[str]) -> None:
    """Plain `migrator scan` invocations skip typer (migrator.launch); the output is the same."""
    fast = _console_script(tree, "scan", *args)
    assert fast.returncode == 0, fast.stderr
    assert fast.stdout == scan(*args)[1]
    assert "app/llm.py" in fast.stdout


def test_console_script_leaves_usage_errors_and_help_to_typer(tree: Path) -> None:
    bad = _console_script(tree, "scan", "--format", "xml", ".")
    assert bad.returncode == 2 and "'xml' is not one of" in bad.stderr
    missing = _console_script(tree, "scan", "nowhere/")
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    helped = _console_script(tree, "scan", "--help")
    assert helped.returncode == 0 and "--format" in helped.stdout


QUIET_TREE = {
    ".gitignore": "build/\n*.gen.py\n!keep.gen.py\n",
    "pyproject.toml": "[project]\nname = 'x'\n",
    "pkg/a.py": "x = 1\n",
    "pkg/b.gen.py": "x = 2\n",
    "pkg/keep.gen.py": "x = 3\n",
    "pkg/sub/.gitignore": "local.py\n",
    "pkg/sub/local.py": "x = 4\n",
    "pkg/sub/c.py": "x = 5\n",
    "build/lib/openai_copy.py": "import openai\n",  # ignored: never read
    "venv2/pyvenv.cfg": "home = /usr\n",
    "venv2/lib/openai_pkg.py": "import openai\n",  # a virtualenv: never entered
    "docs/conf.py": "x = 6\n",
    "notes.txt": "openai\n",  # not Python
}


@pytest.mark.parametrize("case", ["plain", "exclude", "configured", "symlink", "oversized", "candidate",
                                  "explicit-and-overlapping", "no-gitignore", "quiet-notebook", "notebook"])
@pytest.mark.parametrize("output_format", ["table", "json"])
def test_quick_count_is_what_the_full_scan_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    case: str, output_format: str) -> None:
    """The console script's quick count (migrator.engine.quickscan) and typer's full scan agree on
    every tree: where the count can answer alone and where it hands over (symlink, oversized file,
    a candidate, a [tool.migrator] table)."""
    write_tree(tmp_path, QUIET_TREE)
    monkeypatch.chdir(tmp_path)
    args = [".", "--format", output_format]
    if case == "exclude":
        args += ["--exclude", "docs/"]
    elif case == "configured":
        (tmp_path / "pyproject.toml").write_text("[tool.migrator]\nexclude = ['pkg/sub/']\n")
    elif case == "symlink":
        os.symlink(tmp_path / "pkg" / "a.py", tmp_path / "pkg" / "link.py")
    elif case == "oversized":
        args += ["--max-file-size", "3B"]
    elif case == "candidate":
        (tmp_path / "pkg" / "llm.py").write_text("from openai import OpenAI\nclient = OpenAI()\n")
    elif case == "explicit-and-overlapping":
        args += ["pkg", "build/lib/openai_copy.py", "pkg/a.py"]  # no git repo: pkg/ is walked without ../.gitignore
    elif case == "no-gitignore":
        args += ["--no-gitignore"]
    elif case in ("quiet-notebook", "notebook"):  # a notebook is seen, and read when it mentions openai
        code = "from openai import OpenAI\nclient = OpenAI()\n" if case == "notebook" else "x = 7\n"
        (tmp_path / "pkg" / "nb.ipynb").write_text(_notebook(code))
    quick = _console_script(tmp_path, "scan", *args)
    assert quick.returncode == 0, quick.stderr
    assert quick.stdout == scan(*args)[1]
    if output_format == "json":
        seen = json.loads(quick.stdout)["files"]["seen"]
        expected = {"plain": 4, "exclude": 3, "configured": 3, "symlink": 5, "oversized": 4, "candidate": 5,
                    # (no-gitignore: build/ beside pyproject.toml, holding only lib/, is setuptools' output, never
                    # walked: held-out review 97, Y8)
                    "explicit-and-overlapping": 6, "no-gitignore": 6, "quiet-notebook": 5, "notebook": 5}
        assert seen == expected[case]


def _notebook(*sources: str) -> str:
    cells = [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
              "source": source.splitlines(keepends=True)} for source in sources]
    return json.dumps({"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# Chat\n"]}, *cells],
                       "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"


def test_notebooks_are_scanned_and_placed_as_convert_places_them(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """`scan` reads notebooks as `convert` does (their code cells as one module) and shows their clients
    and uses at the line of the .ipynb text, where convert's findings are; `convert --format json`
    carries the same plan. A notebook that is not nbformat 4 is reported as convert reports it."""
    text = _notebook("from openai import OpenAI\nclient = OpenAI()\n",
                     "r = client.chat.completions.create(model='gpt-4o', messages=[])\n"
                     "client.images.generate(prompt='a cat')\n")
    write_tree(tmp_path, {"nb/chat.ipynb": text, "nb/old.ipynb": json.dumps({"cells": [], "nbformat": 3,
                                                                          "metadata": {"t": "openai"}})})
    monkeypatch.chdir(tmp_path)
    lines = text.splitlines()
    scanned = json.loads(scan(".", "--format", "json")[1])
    [client] = scanned["clients"]
    assert lines[client["line"] - 1].strip() == '"client = OpenAI()\\n"'
    assert client["id"] == f"nb/chat.ipynb:{client['line']}:9" and client["decision"] == "keep"
    [blocker] = client["blockers"]
    images = next(u for u in scanned["uses"] if u["surface"] == "images.generate")
    assert blocker.startswith(f"nb/chat.ipynb:{images['line']} images.generate")
    assert lines[images["line"] - 1].strip().startswith('"client.images.generate(')
    assert {u["client"] for u in scanned["uses"]} == {client["id"]}
    assert scanned["files"] == {"seen": 2, "candidates": 2, "parsed": 1, "failed": 1, "skipped": 0}
    assert "nbformat 3 is not supported" in scanned["failed"][0]["reason"]
    converted = json.loads(CliRunner().invoke(app, ["convert", ".", "--format", "json"]).stdout)
    assert converted["plan"]["clients"] == scanned["clients"] and converted["plan"]["uses"] == scanned["uses"]
    todo = next(t for t in converted["todos"] if t["rule"] == "MIG106")
    assert todo["line"] == images["line"]  # the finding and the plan name the same line


@pytest.mark.parametrize("path", ["/tmp/a b/c", "/tmp/ü€/x", "/tmp/a%b#c?d;e", "/plain/dir"])
def test_sarif_root_uri_is_what_pathlib_writes(path: str) -> None:
    """The SARIF root URI is percent-encoded by hand (pathlib costs a scan of a quiet tree more)."""
    from migrator.engine.scan import _uri_path

    assert _uri_path(path) == Path(path).as_uri()[len("file://"):]


def test_the_openai_modules_client_counts_once_per_module(tmp_path):
    """Held-out review 15, N-D5: `openai.embeddings.create` and `openai.chat.completions.create` in one module
    said "Clients: 2 convert" (the module's client is planned per use; one Mistral client is written)."""
    from migrator.engine.scan import scan, scan_dict

    (tmp_path / "app.py").write_text(
        "import openai\n\n\ndef embed(t):\n    return openai.embeddings.create(model=\"text-embedding-3-small\", "
        "input=t).data[0].embedding\n\n\ndef ask(q):\n    return openai.chat.completions.create(model=\"gpt-4o\", "
        "messages=[]).choices[0].message.content\n")
    data = scan_dict(scan([str(tmp_path)]))
    assert data["counts"]["convert"] == 1 and len(data["clients"]) == 2, data


def test_langchain_and_llamaindex_objects_on_another_provider_are_listed(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Held-out review 55, T6: `ChatOpenAI(base_url="https://openrouter.ai/api/v1")` and LlamaIndex's
    `OpenAI(api_base="http://localhost:11434/v1")` are left alone (rightly) but were listed nowhere, while the SDK's
    client on OpenRouter was: scan's table and JSON, convert's summary and the counts list them."""
    write_tree(tmp_path, {"app.py": (
        "from langchain_openai import ChatOpenAI\nfrom llama_index.llms.openai import OpenAI\n\n"
        "llm = ChatOpenAI(model='gpt-4o', base_url='https://openrouter.ai/api/v1')\n"
        "l2 = OpenAI(model='gpt-4o', api_base='http://localhost:11434/v1')\n")})
    monkeypatch.chdir(tmp_path)
    code, out = scan(".")
    assert code == 0
    assert row(out, "app.py:4")[1:5] == ["llm", "LangChain's ChatOpenAI", "OpenRouter", "other-provider"], out
    assert row(out, "app.py:5")[1:5] == ["l2", "LlamaIndex's OpenAI", "local server", "other-provider"], out
    assert "Clients: 0 convert, 0 keep, 2 other-provider" in out
    code, out = scan(".", "--format", "json")
    data = json.loads(out)
    assert data["wrappers"] == [
        {"path": "app.py", "line": 4, "name": "llm", "kind": "LangChain's ChatOpenAI", "decision": "other-provider",
         "reason": "LangChain's ChatOpenAI pointed at OpenRouter", "rule": None},
        {"path": "app.py", "line": 5, "name": "l2", "kind": "LlamaIndex's OpenAI", "decision": "other-provider",
         "reason": "LlamaIndex's OpenAI pointed at local server", "rule": None}], data
    assert data["counts"]["other-provider"] == 2
    result = CliRunner().invoke(app, ["convert", "."], env={"COLUMNS": "200"})
    assert "Left alone, another provider (2):\n  app.py:4  llm: LangChain's ChatOpenAI pointed at OpenRouter\n" \
           "  app.py:5  l2: LlamaIndex's OpenAI pointed at local server" in result.stdout, result.stdout


def test_langchain_and_llamaindex_objects_that_convert_or_stay_are_counted(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Held-out review 88, Y9: scan on LangChain / LlamaIndex projects printed "Clients: 0 convert, 0 keep" and
    "wrappers: []" where convert converted or kept their objects. Now listed and counted, as convert decides them: a
    chat model handed to crewAI in another module stays, and so does one a manifest's pin keeps on OpenAI."""
    write_tree(tmp_path, {
        "app/llm.py": "from langchain_openai import ChatOpenAI, OpenAIEmbeddings\n\n"
                      "llm = ChatOpenAI(model='gpt-4o')\nembeddings = OpenAIEmbeddings()\n",
        "app/crew_llm.py": "from langchain_openai import ChatOpenAI\n\ncrew_llm = ChatOpenAI(model='gpt-4o')\n",
        "app/agents.py": "from crewai import Agent\n\nfrom crew_llm import crew_llm\n\n"
                         "writer = Agent(role='w', goal='g', backstory='b', llm=crew_llm)\n",
        "app/index.py": "from llama_index.core import Settings\nfrom llama_index.llms.openai import OpenAI\n\n"
                        "Settings.llm = OpenAI(model='gpt-4o')\n",
        "pinned/requirements.txt": "langchain==0.1.0\nlangchain-openai\n",
        "pinned/old.py": "from langchain_openai import ChatOpenAI\n\nold = ChatOpenAI(model='gpt-4o')\n"})
    monkeypatch.chdir(tmp_path)
    code, out = scan(".", "--format", "json")
    assert code == 0
    data = json.loads(out)
    decisions = {(w["path"], w["name"]): (w["decision"], w["rule"]) for w in data["wrappers"]}
    assert decisions == {("app/llm.py", "llm"): ("convert", "MIG116"),
                         ("app/llm.py", "embeddings"): ("convert", "MIG116"),
                         ("app/crew_llm.py", "crew_llm"): ("keep", "MIG116"),
                         ("app/index.py", "Settings.llm"): ("convert", "MIG121"),
                         ("pinned/old.py", "old"): ("keep", "MIG116")}, data["wrappers"]
    assert data["counts"]["convert"] == 3 and data["counts"]["keep"] == 2, data["counts"]
    code, out = scan(".")
    assert row(out, "app/llm.py:3")[1:5] == ["llm", "LangChain's ChatOpenAI", "openai", "convert"], out
    assert "Clients: 3 convert, 2 keep" in out, out
    code, out = scan(".", "--format", "sarif")
    assert _sarif_errors(json.loads(out)) == []
    results = json.loads(out)["runs"][0]["results"]
    kept = sorted((r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in results
                  if "stays on OpenAI" in r["message"]["text"])
    assert kept == [("MIG116", "app/crew_llm.py"), ("MIG116", "pinned/old.py")], results


def test_a_v0_module_configured_for_another_provider_is_listed_as_left_alone(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Held-out review 82, X8 (a Telegram bot on Groq): `openai.api_base = "https://api.groq.com/openai/v1"` then
    `openai.ChatCompletion.create(...)`: scan counted it other-provider, but convert printed "Nothing to change." and no
    line saying the module was seen and left alone, as it does for a v1 client on Groq."""
    write_tree(tmp_path, {"bot.py": (
        "import os\n\nimport openai\n\nopenai.api_key = os.getenv(\"GROQ_API_KEY\")\n"
        "openai.api_base = \"https://api.groq.com/openai/v1\"\n\n\ndef reply(text):\n"
        "    r = openai.ChatCompletion.create(model=\"llama-3.1-8b-instant\", messages=[{\"role\": \"user\", "
        "\"content\": text}])\n    return r[\"choices\"][0][\"message\"][\"content\"]\n\n\n"
        "def again(text):\n    return openai.ChatCompletion.create(model=\"llama-3.1-8b-instant\", messages=[])\n")})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["convert", "."], env={"COLUMNS": "200"})
    assert "Left alone, another provider (1):\n  bot.py:10  openai (v0 module API): the openai module pointed at " \
           "Groq\n" in result.stdout, result.stdout  # (once for the module, not per call)
    assert "Nothing to change." in result.stdout


def test_langchain_object_whose_endpoint_parameter_defaults_to_another_provider_is_left_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Held-out review 78, Y5: `base_url=base_url` of an `__init__` parameter defaulting to OpenRouter's URL is
    OpenRouter's, as the SDK client's plan reads it (it had a MIG116 "the app's configuration" TODO); a parameter the
    function rebinds is not read as its default."""
    write_tree(tmp_path, {"agent.py": (
        "from langchain_openai import ChatOpenAI\n\n\nclass ScannerAgent:\n"
        "    def __init__(self, api_key: str, base_url: str = \"https://openrouter.ai/api/v1\"):\n"
        "        self.llm = ChatOpenAI(model=\"openai/gpt-4o-mini\", api_key=api_key, base_url=base_url)\n\n\n"
        "def other(base_url=\"https://openrouter.ai/api/v1\"):\n"
        "    base_url = base_url or OTHER\n    return ChatOpenAI(model=\"gpt-4o\", base_url=base_url)\n")})
    monkeypatch.chdir(tmp_path)
    code, out = scan(".", "--format", "json")
    assert code == 0
    reasons = {w["line"]: w["reason"] for w in json.loads(out)["wrappers"]}
    assert reasons[6] == "LangChain's ChatOpenAI pointed at OpenRouter", reasons
    assert "OpenRouter" not in reasons[11], reasons


def test_the_tables_keep_their_columns_when_piped(tmp_path, monkeypatch):
    """Held-out review 88, X13: `migrator scan > scan.txt` (a CI log) laid the tables out in 80 columns, and the rule
    and status columns read "MIG…" / "conve…": written to a file, they keep their cells (COLUMNS still rules)."""
    monkeypatch.delenv("COLUMNS", raising=False)
    write_tree(tmp_path, {"app.py": "from openai import OpenAI\n\nclient = OpenAI()\n"
                                    "r = client.chat.completions.create(model='gpt-4o-mini', messages=[], user='u1', "
                                    "store=True, logit_bias={1: 2})\n"})
    done = subprocess.run([sys.executable, "-m", "migrator", "scan", str(tmp_path)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
    assert done.returncode == 0, done.stderr
    assert "│ MIG102 │" in done.stdout and "│ convert │" in done.stdout and "…" not in done.stdout, done.stdout


def test_parameters_handed_a_client_are_not_counted_as_clients(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Held-out review 100, X7 (studai-backend): "Clients: 30 keep" for one OpenAI() handed to 29 functions. The
    parameters are said apart, in convert's summary and scan's."""
    write_tree(tmp_path, {"app.py": (
        "import os\nfrom openai import OpenAI\n\nclient = OpenAI()\n\n\ndef f1(client):\n"
        "    client.api_key = os.getenv('OPENAI_API_KEY')\n"
        "    return client.chat.completions.create(model='gpt-4o', messages=[{'role': 'user', 'content': '1'}])\n\n\n"
        "def f2(client):\n"
        "    return client.chat.completions.create(model='gpt-4o', messages=[{'role': 'user', 'content': '2'}])\n\n\n"
        "f1(client)\nf2(client)\n")})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["convert", "."], env={"COLUMNS": "200"})
    assert "Clients: 1 keep (2 parameters handed them)\n" in result.stdout, result.stdout
    code, out = scan(".")
    assert "Clients: 0 convert, 1 keep, 0 other-provider, 0 unresolved, 0 unused (2 parameters handed them)" in out, out
