"""`migrator pr` end to end: the demo app in a git repository whose remote is a bare repository,
the loopback fake forge for the API (stateful: the PR found and updated in place), real git."""

from __future__ import annotations

import pytest
from prbot_support import TOKEN, FakeForge, git, make_project
from typer.testing import CliRunner

from migrator.cli import app
from migrator.prbot import ConvertArgs, PrOptions, open_or_update
from migrator.prbot.api import Backoff
from migrator.prbot.body import MARKER
from migrator.prbot.errors import RefusedError

BRANCH = "migrator/openai-to-mistral"


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path)


@pytest.fixture
def forge(project):
    fake = FakeForge(remote=project.remote, token=TOKEN)
    yield fake
    fake.close()


def pr(project, forge, *args: str, token: str | None = TOKEN, api: str = "/api/v3"):
    env = {"GITHUB_TOKEN": token, "GITLAB_TOKEN": None}
    result = CliRunner().invoke(app, ["pr", str(project.work), "--api-url", forge.url + api,
                                      "--jobs", "1", *args], env=env)
    assert "Traceback" not in result.output, result.output
    return result


def test_opens_a_pr_then_updates_it_in_place(project, forge):
    """Branch from origin/main, convert, commit, push, open; the rerun updates the same PR."""
    first = pr(project, forge, "--label", "migration", "--label", "mistral")
    assert first.exit_code == 0, first.output
    assert "Opened pull request #1" in first.output
    main = project.remote_sha("main")
    log = project.remote_log(BRANCH)
    assert len(log) == 2 and log[0].split(" ", 1)[1] == "Migrate from the OpenAI SDK to Mistral"
    assert git(project.remote, "rev-parse", f"{BRANCH}^") == main
    converted = git(project.remote, "show", f"{BRANCH}:support_bot/llm.py")
    assert "from mistralai" in converted and "OpenAI(" not in converted
    author = git(project.remote, "log", "-1", "--format=%an <%ae>|%cn", BRANCH)
    assert author == "migrator <migrator@users.noreply.github.com>|migrator"
    (created,) = forge.calls("POST")[:1]
    assert created.path == "/api/v3/repos/acme/support-bot/pulls"
    assert created.body["head"] == BRANCH and created.body["base"] == "main"
    assert created.body["draft"] is False
    assert created.body["body"].startswith(MARKER)
    assert forge.pulls[1]["labels"] == ["migration", "mistral"]
    # the user's checkout is untouched: still on main, clean, not converted
    assert git(project.work, "symbolic-ref", "--short", "HEAD") == "main"
    assert git(project.work, "status", "--porcelain") == ""
    assert "from openai import OpenAI" in (project.work / "support_bot" / "llm.py").read_text()

    second = pr(project, forge, "--label", "migration")
    assert second.exit_code == 0, second.output
    assert "Updated pull request #1" in second.output
    assert len(forge.pulls) == 1
    assert len([c for c in forge.calls("POST") if c.path.endswith("/pulls")]) == 1
    assert forge.calls("PATCH")[-1].path == "/api/v3/repos/acme/support-bot/pulls/1"
    # same conversion on the same base: the branch is left as it is (no force-push churn)
    assert "already holds this conversion" in second.output
    assert project.remote_log(BRANCH) == log


def test_rerun_after_the_base_moved_rebuilds_the_branch_and_the_body(project, forge):
    assert pr(project, forge).exit_code == 0
    project.push_to_main({"support_bot/extra.py": (
        "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef ask(q):\n"
        "    return client.chat.completions.create(model='gpt-4o-mini', "
        "messages=[{'role': 'user', 'content': q}], logprobs=True)\n")}, "add extra")
    second = pr(project, forge)
    assert second.exit_code == 0, second.output
    assert "Pushed" in second.output and "Updated pull request #1" in second.output
    assert git(project.remote, "rev-parse", f"{BRANCH}^") == project.remote_sha("main")
    assert len(project.remote_log(BRANCH)) == 3  # two on main + the bot's one commit
    assert "support_bot/extra.py" in forge.pulls[1]["body"]
    assert len(forge.pulls) == 1


def test_draft_and_explicit_base_and_author(project, forge):
    git(project.work, "push", "--quiet", "origin", "main:release")
    result = pr(project, forge, "--draft", "--base", "release", "--branch", "bot/mistral",
                "--author", "Release Bot <bot@example.test>")
    assert result.exit_code == 0, result.output
    body = forge.calls("POST")[0].body
    assert body["draft"] is True and body["base"] == "release" and body["head"] == "bot/mistral"
    assert git(project.remote, "log", "-1", "--format=%an <%ae>", "bot/mistral") == \
        "Release Bot <bot@example.test>"


def test_never_pushes_to_the_base_branch(project, forge):
    before = project.remote_sha("main")
    result = pr(project, forge, "--branch", "main")
    assert result.exit_code == 4
    assert "refusing to push to the base branch 'main'" in result.output
    # nor to the remote's default branch when another base is named
    git(project.work, "push", "--quiet", "origin", "main:develop")
    result = pr(project, forge, "--branch", "main", "--base", "develop")
    assert result.exit_code == 4 and "default branch" in result.output
    assert project.remote_sha("main") == before
    assert forge.requests == []  # refused before any API call that could change anything


def test_refuses_a_dirty_worktree(project, forge):
    (project.work / "support_bot" / "llm.py").write_text("# local edit\n")
    result = pr(project, forge)
    assert result.exit_code == 5
    assert "uncommitted change" in result.output and "support_bot/llm.py" in result.output
    assert project.remote_sha(BRANCH) is None and forge.requests == []
    (project.work / "support_bot" / "llm.py").unlink()
    git(project.work, "checkout", "--quiet", "--", ".")
    (project.work / "notes.txt").write_text("untracked\n")
    assert pr(project, forge).exit_code == 5


def test_nothing_to_change_makes_no_commit_and_no_pr(project, forge):
    CliRunner().invoke(app, ["convert", str(project.work), "--write", "--jobs", "1"])
    git(project.work, "commit", "--quiet", "-am", "converted by hand")
    git(project.work, "push", "--quiet", "origin", "main")
    result = pr(project, forge)
    assert result.exit_code == 0, result.output
    assert "Nothing to change" in result.output
    assert project.remote_sha(BRANCH) is None
    assert forge.calls("POST") == [] and forge.calls("PATCH") == []
    assert not git(project.work, "branch", "--list", BRANCH)  # no stray local branch either


def test_an_open_pr_that_is_not_the_bots_is_left_alone(project, forge):
    forge.pulls[1] = {"number": 1, "title": "Mine", "body": "hand-written", "head": BRANCH,
                      "base": "main", "state": "open", "draft": False, "labels": []}
    result = pr(project, forge)
    assert result.exit_code == 4
    assert "not opened by migrator" in result.output
    assert forge.pulls[1]["body"] == "hand-written" and project.remote_sha(BRANCH) is None


def test_dry_run_prints_everything_and_touches_nothing(project, forge):
    result = pr(project, forge, "--dry-run", "--label", "migration", token=None)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Branch:  migrator/openai-to-mistral (reset to origin/main" in out
    assert "Forge:   github acme/support-bot via " in out
    assert "    Migrate from the OpenAI SDK to Mistral" in out and "    M support_bot/llm.py" in out
    assert "Title:   Migrate from the OpenAI SDK to Mistral" in out
    assert MARKER in out and "### TODO: finish by hand" in out
    assert forge.requests == []
    assert project.remote_sha(BRANCH) is None
    assert git(project.work, "branch", "--list", BRANCH) == ""
    assert git(project.work, "status", "--porcelain") == ""


def test_exit_codes_for_usage_errors(project, forge):
    missing = pr(project, forge, token=None)
    assert missing.exit_code == 2 and "GITHUB_TOKEN is not set" in missing.output
    assert pr(project, forge, "--forge", "bitbucket").exit_code == 2
    bad_repo = pr(project, forge, "--repo", "no-slash")
    assert bad_repo.exit_code == 2 and "OWNER/NAME" in bad_repo.output
    bad_branch = pr(project, forge, "--branch", "-x")
    assert bad_branch.exit_code == 2
    no_parity = pr(project, forge, "--parity", str(project.work))
    assert no_parity.exit_code == 2 and "report.json" in no_parity.output
    bad_model = pr(project, forge, "--model", "nonsense")
    assert bad_model.exit_code == 2 and "OLD=NEW" in bad_model.output
    assert project.remote_sha(BRANCH) is None


@pytest.mark.parametrize("status", [401, 403, 404])
def test_forge_refusal_is_one_line_and_exit_4(project, forge, status):
    forge.faults = [(status, {}, {"message": f"refused, token {TOKEN}"})]
    result = pr(project, forge)
    assert result.exit_code == 4
    lines = [l for l in result.output.splitlines() if l.strip()]
    assert len(lines) == 1, result.output
    assert f"HTTP {status}" in lines[0] and "GITHUB_TOKEN" in lines[0]
    assert TOKEN not in result.output and "***" in lines[0]  # the server echoed it: scrubbed


def test_git_refusal_is_exit_4(project, forge):
    git(project.work, "remote", "set-url", "origin", str(project.work.parent / "nowhere.git"))
    result = pr(project, forge, "--repo", "acme/support-bot")
    assert result.exit_code == 4
    assert result.output.startswith("migrator pr: git ") and len(result.output.strip().splitlines()) == 1


def test_rate_limits_and_server_errors_are_retried_with_backoff(project, forge):
    waits: list[float] = []
    forge.faults = [(503, {}, {"message": "unavailable"}),
                    (429, {"Retry-After": "7"}, {"message": "slow down"}),
                    (403, {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1030"},
                     {"message": "API rate limit exceeded"})]
    options = PrOptions(path=project.work, api_url=forge.url + "/api/v3", convert=ConvertArgs(jobs=1))
    backoff = Backoff(attempts=5, base=0.5, cap=20, sleep=waits.append, clock=lambda: 1000.0)
    outcome = open_or_update(options, env={"GITHUB_TOKEN": TOKEN}, say=lambda line: None,
                             backoff=backoff)
    assert outcome.exit_code == 0 and outcome.url
    assert waits == [0.5, 7.0, 20.0]  # exponential, Retry-After, reset time (capped)
    assert len(forge.pulls) == 1


def test_retries_are_bounded(project, forge):
    waits: list[float] = []
    forge.faults = [(502, {}, {"message": "bad gateway"})] * 3
    options = PrOptions(path=project.work, api_url=forge.url + "/api/v3", convert=ConvertArgs(jobs=1))
    with pytest.raises(RefusedError, match="still failing after 3 attempts: 502"):
        open_or_update(options, env={"GITHUB_TOKEN": TOKEN}, say=lambda line: None,
                       backoff=Backoff(attempts=3, base=1, sleep=waits.append))
    assert waits == [1, 2]


def test_gitlab_merge_request_created_then_updated(tmp_path):
    project = make_project(tmp_path, host="gitlab.example.com", path="acme/bots/support-bot")
    forge = FakeForge(remote=project.remote, token=TOKEN)
    try:
        env = {"GITLAB_TOKEN": TOKEN, "GITHUB_TOKEN": None}
        args = ["pr", str(project.work), "--api-url", forge.url + "/api/v4", "--jobs", "1",
                "--label", "migration", "--draft"]
        first = CliRunner().invoke(app, args, env=env)  # forge and repo guessed from the remote URL
        assert first.exit_code == 0, first.output
        assert "Opened merge request #1" in first.output
        created = forge.calls("POST")[0]
        assert created.raw_path == "/api/v4/projects/acme%2Fbots%2Fsupport-bot/merge_requests"
        assert created.body["title"] == "Draft: Migrate from the OpenAI SDK to Mistral"
        assert created.body["source_branch"] == BRANCH and created.body["target_branch"] == "main"
        assert "/-/blob/migrator/openai-to-mistral/" in created.body["description"]
        second = CliRunner().invoke(app, args, env=env)
        assert second.exit_code == 0 and "Updated merge request #1" in second.output
        assert forge.calls("PUT")[0].body["title"].startswith("Draft: ")
        assert len(forge.pulls) == 1 and forge.pulls[1]["labels"] == ["migration"]
    finally:
        forge.close()


def test_the_token_never_appears_anywhere(project, forge, tmp_path):
    """Not in stdout/stderr, the commit, the PR body, any request URL, or any file written."""
    outputs = [pr(project, forge, "--label", "x").output, pr(project, forge).output,
               pr(project, forge, "--dry-run").output]
    forge.faults = [(500, {}, {"message": f"boom {TOKEN}"})] * 5
    options = PrOptions(path=project.work, api_url=forge.url + "/api/v3", convert=ConvertArgs(jobs=1))
    with pytest.raises(RefusedError) as error:
        open_or_update(options, env={"GITHUB_TOKEN": TOKEN}, say=outputs.append,
                       backoff=Backoff(attempts=2, sleep=lambda s: None))
    outputs.append(str(error.value))
    assert all(TOKEN not in text for text in outputs)
    for request in forge.requests:
        assert TOKEN not in request.path and TOKEN not in str(request.query)
        assert TOKEN not in str(request.body)
    for pull in forge.pulls.values():
        assert TOKEN not in pull["body"]
    history = git(project.remote, "log", "--all", "-p", "--format=%H %an %ae %s %b")
    assert history and TOKEN not in history
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path
    assert TOKEN not in git(project.work, "config", "--list")


def test_push_is_refused_when_the_branch_moved_after_it_was_read(project, forge, monkeypatch):
    """--force-with-lease: a push made to the bot's branch by someone else between our read and our
    push is not overwritten."""
    from migrator.prbot.git import Git

    assert pr(project, forge).exit_code == 0
    seen = project.remote_sha(BRANCH)
    project.push_to_main({"README.md": "moved\n"}, "move main")
    git(project.remote, "update-ref", f"refs/heads/{BRANCH}", project.remote_sha("main"))  # someone else
    theirs = project.remote_sha(BRANCH)
    monkeypatch.setattr(Git, "remote_branch_sha", lambda self, remote, branch: seen)  # our stale read
    result = pr(project, forge)
    assert result.exit_code == 4, result.output
    assert "git push failed" in result.output and "stale info" in result.output
    assert project.remote_sha(BRANCH) == theirs
