"""CI integrations: the composite GitHub Action (action.yml) and the pre-commit hook
(.pre-commit-hooks.yaml), the hook run by the real `pre-commit` in a temporary repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from prbot_support import GIT_ENV, git

ROOT = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
BIN = Path(sys.executable).parent

OPENAI_CODE = """\
from openai import OpenAI

client = OpenAI()


def ask(question):
    return client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": question}]
    ).choices[0].message.content
"""


# --- the GitHub Action -------------------------------------------------------------------------

def test_action_is_a_composite_action_with_the_three_modes():
    assert ACTION["runs"]["using"] == "composite"
    assert {"mode", "path", "base", "branch", "labels", "draft", "parity", "args", "sarif-file",
            "token"} <= set(ACTION["inputs"])
    assert ACTION["inputs"]["mode"]["default"] == "check"
    assert ACTION["outputs"]["sarif-file"]["value"] == "${{ steps.run.outputs.sarif-file }}"
    for step in ACTION["runs"]["steps"]:
        if "run" in step:
            assert step["shell"] == "bash"
            # inputs reach scripts through env only: no ${{ }} expansion inside a script
            assert "${{" not in step["run"], step["run"]


def _run_step() -> dict:
    return next(s for s in ACTION["runs"]["steps"] if s.get("id") == "run")


def _run_action(tmp_path: Path, **inputs: str) -> tuple[subprocess.CompletedProcess, list[str], Path]:
    """The action's run script under bash, with a stub `migrator` that records its arguments."""
    stub_dir = tmp_path / "bin"
    stub_dir.mkdir(exist_ok=True)
    calls = tmp_path / "calls.txt"
    stub = stub_dir / "migrator"
    stub.write_text('#!/usr/bin/env bash\nfor a in "$@"; do printf "%s\\n" "$a" >> "$CALLS"; done\n'
                    'printf "GITHUB_TOKEN=%s\\n" "${GITHUB_TOKEN:-}" >> "$CALLS"\necho "{}"\n')
    stub.chmod(0o755)
    defaults = {k: str(v.get("default", "")) for k, v in ACTION["inputs"].items()}
    values = {**defaults, "token": "tkn", **inputs}
    env = {"PATH": f"{stub_dir}:{os.environ['PATH']}", "CALLS": str(calls),
           "GITHUB_OUTPUT": str(tmp_path / "output.txt"),
           "GITHUB_API_URL": "https://ghe.example/api/v3", "GITHUB_REPOSITORY": "acme/app"}
    for name, expression in _run_step()["env"].items():
        match = re.fullmatch(r"\$\{\{ (inputs|github)\.([\w-]+) \}\}", expression)
        assert match, expression
        env[name] = values[match.group(2)] if match.group(1) == "inputs" else {
            "api_url": env["GITHUB_API_URL"], "repository": env["GITHUB_REPOSITORY"]}[match.group(2)]
    done = subprocess.run(["bash", "-c", _run_step()["run"]], env=env, cwd=tmp_path,
                          capture_output=True, text=True)
    args = calls.read_text().splitlines() if calls.exists() else []
    return done, args, tmp_path / "output.txt"


def test_action_pr_mode_builds_the_pr_command(tmp_path):
    done, args, _ = _run_action(tmp_path, mode="pr", path="src", labels="migration, mistral ,",
                                draft="true", base="develop", args="--model gpt-4o=mistral-medium-latest")
    assert done.returncode == 0, done.stderr
    assert args == ["pr", "src", "--forge", "github", "--repo", "acme/app", "--api-url",
                    "https://ghe.example/api/v3", "--branch", "migrator/openai-to-mistral",
                    "--base", "develop", "--draft", "--label", "migration", "--label", "mistral",
                    "--model", "gpt-4o=mistral-medium-latest", "GITHUB_TOKEN=tkn"]


def test_action_check_and_scan_modes(tmp_path):
    done, args, _ = _run_action(tmp_path, mode="check")
    assert done.returncode == 0 and args == ["convert", ".", "--check", "GITHUB_TOKEN="]
    (tmp_path / "calls.txt").unlink()
    done, args, output = _run_action(tmp_path, mode="scan", path="app", **{"sarif-file": "out.sarif"})
    assert done.returncode == 0 and args == ["scan", "app", "--format", "sarif", "GITHUB_TOKEN="]
    assert (tmp_path / "out.sarif").read_text() == "{}\n"
    assert output.read_text() == "sarif-file=out.sarif\n"


def test_action_rejects_an_unknown_mode(tmp_path):
    done, args, _ = _run_action(tmp_path, mode="deploy")
    assert done.returncode == 2 and "mode must be pr, check or scan" in done.stdout and args == []


def test_action_input_cannot_inject_shell(tmp_path):
    done, args, _ = _run_action(tmp_path, mode="pr", base='x"; touch pwned; echo "')
    assert done.returncode == 0 and not (tmp_path / "pwned").exists()
    assert 'x"; touch pwned; echo "' in args


# --- the pre-commit hook -----------------------------------------------------------------------

@pytest.fixture
def hook_repo(tmp_path):
    """A git repository whose .pre-commit-config.yaml runs the migrator-check hook definition.

    The definition is ours, field for field, except ``language: system`` instead of ``python``:
    pre-commit would otherwise build a virtualenv and pip-install migrator with its dependencies
    (minutes, and the package index); ``system`` runs the `migrator` of this test's environment.
    """
    if shutil.which("pre-commit", path=str(BIN)) is None:
        pytest.skip("the pre-commit package is not installed (pip install '.[test]')")
    (hook,) = HOOKS
    assert hook["id"] == "migrator-check" and hook["entry"] == "migrator convert --check"
    assert hook["language"] == "python" and "python" in hook["types_or"]
    local = {**hook, "language": "system"}
    local.pop("minimum_pre_commit_version")
    config = {"repos": [{"repo": "local", "hooks": [local]}]}
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "--quiet", "-b", "main")
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    (repo / "bot.py").write_text(OPENAI_CODE)
    (repo / "plain.py").write_text("def add(a, b):\n    return a + b\n")
    (repo / "notes.txt").write_text("from openai import OpenAI\n")
    git(repo, "add", "--all")
    return repo


def pre_commit(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **GIT_ENV, "PATH": f"{BIN}:{os.environ['PATH']}",
           "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home")}
    return subprocess.run([str(BIN / "pre-commit"), "run", *args], cwd=repo, env=env,
                          capture_output=True, text=True)


def test_pre_commit_hook_fails_on_openai_code_and_names_the_file(hook_repo):
    done = pre_commit(hook_repo, "migrator-check", "--all-files")
    assert done.returncode == 1, done.stdout
    assert "migrator (OpenAI SDK code left to convert)" in done.stdout and "Failed" in done.stdout
    assert "+++ b/bot.py" in done.stdout or "bot.py" in done.stdout
    assert "notes.txt" not in done.stdout  # not Python: pre-commit does not pass it


def test_pre_commit_hook_checks_only_the_files_it_is_given(hook_repo):
    done = pre_commit(hook_repo, "migrator-check", "--files", "plain.py", "notes.txt")
    assert done.returncode == 0, done.stdout
    assert "Passed" in done.stdout


def test_pre_commit_hook_passes_once_converted(hook_repo):
    from typer.testing import CliRunner

    from migrator.cli import app

    assert CliRunner().invoke(app, ["convert", str(hook_repo / "bot.py"), "--write"]).exit_code == 0
    git(hook_repo, "add", "--all")
    done = pre_commit(hook_repo, "migrator-check", "--all-files")
    assert done.returncode == 0, done.stdout
