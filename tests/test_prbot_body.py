"""The PR body: a golden rendering (conversion summary with TODOs, the plan's kept clients, a
parity run), the parity gate never reading as a pass, and truncation to GitHub's 65,536 limit."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest

from migrator.prbot.body import BODY_LIMIT, FULL_REPORT_PATH, MARKER, load_parity, render_body
from migrator.prbot.errors import UsageError
from migrator.prbot.forge import web_blob_url

GOLDEN = Path(__file__).resolve().parent / "golden" / "pr_body.md"
BRANCH = "migrator/openai-to-mistral"


def link(path: str, line: int | None) -> str:
    return web_blob_url("github", "https://api.github.com", "acme/support-bot", BRANCH, path, line)


def finding(rule: str, kind: str, line: int, safety: str, message: str = "m") -> dict:
    return {"rule": rule, "kind": kind, "line": line, "message": message, "safety": safety}


SUMMARY = {
    "version": 1, "mode": "write", "exit_code": 0,
    "files": {"seen": 4, "parsed": 3, "changed": 2, "unchanged": 1, "failed": 1, "skipped": 0, "written": 2},
    "sites": {"converted": 4, "todo": 2},
    "rules": {"MIG101": {"converted": 2, "todo": 0}, "MIG102": {"converted": 2, "todo": 2}},
    "safety": {"exact": 3, "approximate": 1, "manual": 2},
    "todos": [
        {"path": "app/llm.py", "line": 12, "rule": "MIG102",
         "message": "logprobs=True has no Mistral equivalent: remove it or keep this call on OpenAI"},
        {"path": "app/tools.py", "line": 40, "rule": "MIG102", "message": "a <b>|pipe|</b> in a message"},
    ],
    "failed": [{"path": "app/broken.py", "reason": "cannot parse: line 3"}],
    "skipped": [],
    "results": [
        {"path": "app/llm.py", "status": "changed", "reason": None, "written": True, "diff": None,
         "findings": [finding("MIG101", "converted", 3, "exact"), finding("MIG101", "converted", 5, "approximate"),
                      finding("MIG102", "todo", 12, "manual")]},
        {"path": "app/tools.py", "status": "changed", "reason": None, "written": True, "diff": None,
         "findings": [finding("MIG102", "converted", 20, "exact"), finding("MIG102", "converted", 30, "exact"),
                      finding("MIG102", "todo", 40, "manual")]},
        {"path": "app/plain.py", "status": "unchanged", "reason": None, "written": False, "diff": None,
         "findings": []},
        {"path": "app/broken.py", "status": "failed", "reason": "cannot parse: line 3", "written": False,
         "diff": None, "findings": []},
    ],
    "plan": {"version": 1, "clients": [
        {"id": "c1", "path": "app/llm.py", "line": 3, "name": "client", "kind": "OpenAI",
         "provider": "openai", "decision": "convert", "reason": "every use has a rule", "blockers": []},
        {"id": "c2", "path": "app/extract.py", "line": 8, "name": "instructor_client", "kind": "OpenAI",
         "provider": "openai", "decision": "keep", "reason": "handed to instructor.from_openai",
         "blockers": ["instructor.from_openai (app/extract.py:9)"]},
        {"id": "c3", "path": "app/local.py", "line": 4, "name": "ollama", "kind": "OpenAI",
         "provider": "ollama", "decision": "other-provider", "reason": "base_url points at Ollama",
         "blockers": []},
    ], "uses": [{"path": "app/llm.py", "line": 12, "client": "c1", "surface": "chat.completions",
                 "rule": "MIG102", "status": "todo"}]},
}

PARITY = {
    "version": 1, "total": 20,
    "counts": {"identical": 10, "equivalent": 4, "drift": 3, "regression": 2, "error": 1},
    "gate": {"passed": False, "exit_code": 1, "conditions": ["regressions>0"],
             "message": "parity gate failed: regressions = 2 (regressions>0)"},
    "samples": [
        {"id": "ticket-7", "endpoint": "chat.completions", "verdict": "regression",
         "findings": [{"check": "json", "verdict": "regression", "reason": "baseline is JSON, candidate is not"},
                      {"check": "text", "verdict": "drift", "reason": "similarity 0.41"}]},
        {"id": "ticket-9", "endpoint": "chat.completions", "verdict": "error",
         "findings": [{"check": "error", "verdict": "error", "reason": "candidate answered HTTP 422"}]},
        {"id": "ticket-3", "endpoint": "chat.completions", "verdict": "drift",
         "findings": [{"check": "text", "verdict": "drift", "reason": "similarity 0.7"}]},
    ],
}


def render(summary=SUMMARY, parity=PARITY, **kw):
    return render_body(summary, link=link, branch=BRANCH, base="main",
                       reproduce=["migrator convert app --write --model gpt-4o=mistral-medium-latest"],
                       parity=parity, full_report_url=link(FULL_REPORT_PATH, None), version="9.9.9", **kw)


def test_golden_body():
    body = render()
    if os.environ.get("MIGRATOR_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(body.text, encoding="utf-8")
    assert body.text == GOLDEN.read_text(encoding="utf-8")
    assert not body.truncated and body.full_text == body.text
    assert body.title == "Migrate from the OpenAI SDK to Mistral"


def test_body_content():
    text = render().text
    assert text.startswith(MARKER)
    # every TODO is a checkbox linking path#Lline on the head branch
    assert ("- [ ] [app/llm.py:12](https://github.com/acme/support-bot/blob/migrator/openai-to-mistral/"
            "app/llm.py#L12) **MIG102**") in text
    assert "a &lt;b&gt;\\|pipe\\|&lt;/b&gt; in a message" in text  # escaped, cannot break the list
    assert "| MIG102 | 2 | 2 | 2 | 0 | 2 |" in text  # sites by rule and fix safety
    assert "instructor_client" in text and "handed to instructor.from_openai" in text  # kept, why
    assert "`app/local.py:4` (ollama)" in text
    assert "❌ **Gate failed** (regressions>0)" in text
    assert "`ticket-7` (regression): json: baseline is JSON, candidate is not" in text
    assert "ticket-3" not in text  # a drift is not among the worst regressions
    assert "`app/broken.py`: cannot parse: line 3" in text
    assert "migrator convert app --write --model gpt-4o=mistral-medium-latest" in text


def test_without_plan_or_parity():
    summary = {k: v for k, v in SUMMARY.items() if k != "plan"}
    text = render(summary, None).text
    assert "Conversion plan" not in text
    assert "No parity run was attached" in text


def test_the_openai_compatible_target_says_where_the_traffic_goes():
    target = {"name": "openai-compatible", "sdk": "openai", "provider": "scaleway",
              "base_url": "https://api.scaleway.ai/v1", "key_env": "SCW_SECRET_KEY", "key_optional": False,
              "models_verified": "", "models_command": "curl -s https://api.scaleway.ai/v1/models"}
    body = render({**SUMMARY, "target": target}, None)
    assert body.title == "Move OpenAI traffic to scaleway (openai SDK kept)"
    assert "keeps the `openai` SDK and points its clients at scaleway (`https://api.scaleway.ai/v1`)" in body.text
    assert "- [ ] Set `SCW_SECRET_KEY` where the app runs." in body.text
    assert "curl -s https://api.scaleway.ai/v1/models" in body.text
    assert "MISTRAL_API_KEY" not in body.text and "`mistralai` SDK" not in body.text


@pytest.mark.parametrize("conditions, passed, expected", [
    pytest.param([], True, "⚠️ **No gate was set** (`--fail-on`), so this is not a pass: 2 regression(s)",
                 id="no-gate-is-not-a-pass"),
    pytest.param(["regressions>5"], True, "✅ **Gate passed** (regressions>5)", id="gate-passed"),
    pytest.param(["regressions>0"], False, "❌ **Gate failed** (regressions>0)", id="gate-failed"),
])
def test_parity_gate_state(conditions, passed, expected):
    parity = copy.deepcopy(PARITY)
    parity["gate"].update(conditions=conditions, passed=passed)
    text = render(parity=parity).text
    assert expected in text
    if not conditions:
        assert "✅" not in text and "review them before merging" in text


def test_load_parity_reads_a_parity_run(tmp_path):
    from migrator.parity.model import Reply, SampleResult
    from migrator.parity.report import write_reports

    results = [SampleResult(id=f"s{i}", endpoint="chat.completions", request={"model": "gpt-4o-mini"},
                            candidate_request=None,
                            baseline=Reply("recorded", text='{"a": 1}', finish_reason="stop"),
                            candidate=Reply("mistral:m", text="prose" if i else '{"a": 1}',
                                            finish_reason="stop")) for i in range(3)]
    write_reports(iter(results), tmp_path)  # no --fail-on
    text = render(parity=load_parity(tmp_path)).text
    assert "**No gate was set**" in text and "3 samples" in text
    with pytest.raises(UsageError, match="no report.json"):
        load_parity(tmp_path / "missing")
    (tmp_path / "report.json").write_text(json.dumps({"what": "else"}))
    with pytest.raises(UsageError, match="not a migrator parity report"):
        load_parity(tmp_path)


def test_a_body_over_the_limit_is_truncated_with_a_pointer_to_the_full_report():
    summary = copy.deepcopy(SUMMARY)
    summary["todos"] = [{"path": f"app/module_{i:04d}.py", "line": i + 1, "rule": "MIG102",
                         "message": f"TODO number {i}: " + "x" * 150} for i in range(2000)]
    body = render(summary)
    assert body.truncated
    assert len(body.text) <= BODY_LIMIT
    assert len(body.full_text) > BODY_LIMIT
    assert body.text.startswith(MARKER)
    pointer = "https://github.com/acme/support-bot/blob/migrator/openai-to-mistral/.migrator/pr-report.md"
    assert f"[`{FULL_REPORT_PATH}`]({pointer})" in body.text
    shown = body.text.count("- [ ] [app/module_")
    assert 100 < shown < 2000
    assert f"… and {2000 - shown} more: see" in body.text
    # the longest list that fits: one more entry would not
    assert len(render(summary, limit=BODY_LIMIT).text) == len(body.text)
    # the sections after the list survive the cut
    assert "### Parity" in body.text and "### Reproduce locally" in body.text
    # the full report has every TODO
    assert all(f"app/module_{i:04d}.py:{i + 1}" in body.full_text for i in range(2000))


def test_a_small_limit_still_yields_a_body_within_it():
    body = render(limit=500)
    assert body.truncated and len(body.text) <= 500 and FULL_REPORT_PATH in body.text


def test_a_renamed_workflow_secret_is_on_the_checklist():
    summary = copy.deepcopy(SUMMARY)
    assert "Create the repository secret" not in render_body(summary, link=link, branch=BRANCH, base="main",
                                                            reproduce=["migrator convert ."]).text
    summary["results"].append(
        {"path": ".github/workflows/test.yml", "status": "changed", "reason": None, "written": True, "diff": None,
         "findings": [finding("MIG115", "converted", 7, "exact", "OPENAI_API_KEY -> MISTRAL_API_KEY (every client "
                              "that read it was converted); create the MISTRAL_API_KEY secret in the repository "
                              "settings")]})
    body = render_body(summary, link=link, branch=BRANCH, base="main", reproduce=["migrator convert ."]).text
    assert "- [ ] Create the repository secret `MISTRAL_API_KEY`: the CI workflows now read" in body


def test_docs_still_naming_the_renamed_key_get_a_checklist_item(tmp_path):
    """Held-out review 14, N-C4: the env examples now say MISTRAL_API_KEY, and the README still tells users to
    `echo "OPENAI_API_KEY=..." >> .env`. Listed only when the run renamed the variable."""
    from migrator.prbot.body import stale_key_docs

    (tmp_path / "docs").mkdir()
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "README.md").write_text("# Bot\n\nSetup:\n\n    echo \"OPENAI_API_KEY=your_key\" >> .env\n")
    (tmp_path / "docs" / "setup.rst").write_text("Set OPENAI_API_KEY first.\n")
    (tmp_path / "docs" / "other.md").write_text("Nothing about keys.\n")
    (tmp_path / "node_modules" / "x.md").write_text("OPENAI_API_KEY\n")
    renamed = copy.deepcopy(SUMMARY)
    renamed["results"] = [{"path": ".env.example", "status": "changed", "findings": [
        finding("MIG115", "converted", 1, "exact",
                "OPENAI_API_KEY -> MISTRAL_API_KEY (every client that read it was converted)")]}]
    assert stale_key_docs(tmp_path, tmp_path, SUMMARY) == []  # not renamed: nothing to say
    stale = stale_key_docs(tmp_path, tmp_path, renamed)
    assert stale == [("README.md", 5), ("docs/setup.rst", 1)], stale
    body = render_body(renamed, link=link, branch=BRANCH, base="main", reproduce=["migrator convert ."],
                       stale_docs=stale).full_text
    assert ("- [ ] Update the docs that still tell users to set `OPENAI_API_KEY` (the converted code reads "
            "`MISTRAL_API_KEY`): [README.md:5](") in body, body
    assert "docs/setup.rst:1" in body
    assert "Update the docs" not in render_body(SUMMARY, link=link, branch=BRANCH, base="main",
                                                reproduce=["migrator convert ."]).full_text
