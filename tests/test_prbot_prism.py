"""The GitHub requests `migrator pr` sends, checked against GitHub's own published OpenAPI
description (npm @octokit/openapi) by a Prism mock server (npm @stoplight/prism-cli), which
answers 422 to a request that does not match the schema and lists every violation it sees in an
``sl-violations`` header. The description is cut to the operations the bot calls (with all the
components they reference, unmodified) so Prism starts in about a second.

Node and npm must be installed; the packages go to ~/.cache/migrator-prism (MIGRATOR_PRISM_DIR).
The test skips, saying why, only when they cannot be installed."""

from __future__ import annotations

import json

import pytest
from prbot_support import TOKEN, Prism, ensure_prism, github_slice, make_project

from migrator.prbot import ConvertArgs, PrOptions, open_or_update
from migrator.prbot.api import ApiClient, Backoff
from migrator.prbot.errors import RefusedError, Scrubber
from migrator.prbot.forge import GitHub


@pytest.fixture(scope="module")
def prism(tmp_path_factory):
    executable, spec = ensure_prism()
    work = tmp_path_factory.mktemp("prism")
    server = Prism(executable, github_slice(spec, work / "github-pulls.json"), work / "prism.log")
    yield server
    server.close()


@pytest.fixture
def seen(monkeypatch):
    """Every (method, path, status, request violations) the client saw."""
    records = []
    original = ApiClient.request

    def recording(self, method, path, **kw):
        response = original(self, method, path, **kw)
        violations = json.loads(response.headers.get("sl-violations", "[]"))
        records.append((method, path, response.status,
                        [v for v in violations if v.get("location", [""])[0] == "request"]))
        return response

    monkeypatch.setattr(ApiClient, "request", recording)
    return records


def github(prism) -> GitHub:
    return GitHub(prism.url, "acme/support-bot", TOKEN, Scrubber(TOKEN), Backoff(attempts=1))


def test_every_request_of_a_pr_run_matches_githubs_schema(prism, seen, tmp_path):
    project = make_project(tmp_path)
    options = PrOptions(path=project.work, api_url=prism.url, labels=("migration", "mistral"),
                        draft=True, convert=ConvertArgs(jobs=1))
    outcome = open_or_update(options, env={"GITHUB_TOKEN": TOKEN}, say=lambda line: None,
                             backoff=Backoff(attempts=1))
    assert outcome.exit_code == 0
    calls = [(method, path.replace("/repos/acme/support-bot", "")) for method, path, _, _ in seen]
    # Prism's example list holds no PR for our branch, so the bot opens one and labels it
    assert calls == [("GET", "/pulls"), ("POST", "/pulls"), ("POST", "/issues/1347/labels")]
    assert [status for _, _, status, _ in seen] == [200, 201, 200]
    assert all(not violations for *_, violations in seen), seen


def test_update_in_place_matches_githubs_schema(prism, seen):
    forge = github(prism)
    existing = forge.create(branch="migrator/openai-to-mistral", base="main", title="t", body="b",
                            draft=False, labels=())
    forge.update(existing, base="main", title="Migrate", body="new body", labels=["migration"])
    assert [(m, s) for m, _, s, _ in seen] == [("POST", 201), ("PATCH", 200), ("POST", 200)]
    assert all(not violations for *_, violations in seen), seen


@pytest.mark.parametrize("method, path, body, params", [
    pytest.param("POST", "/repos/acme/app/pulls", {"title": "no head or base"}, None, id="missing-head"),
    pytest.param("PATCH", "/repos/acme/app/pulls/1", {"state": "merged"}, None, id="bad-enum"),
    pytest.param("GET", "/repos/acme/app/pulls", None, {"state": "opened"}, id="gitlab-style-query"),
])
def test_prism_rejects_requests_off_the_schema(prism, method, path, body, params):
    """The control: the mock is strict, so the passing tests above mean something."""
    client = ApiClient(prism.url, auth_headers={}, scrub=Scrubber(), forge="GitHub",
                       token_env="GITHUB_TOKEN", backoff=Backoff(attempts=1))
    with pytest.raises(RefusedError, match="HTTP 422"):
        client.request(method, path, json_body=body, params=params)
