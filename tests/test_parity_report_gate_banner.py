"""The parity reports' gate banner: neutral without a gate, green only when a gate passed, red when
it failed. A report with regressions and no --fail-on must never read as a pass (issue 10)."""

from __future__ import annotations

import json
import re

import pytest

from migrator.parity.model import Reply, SampleResult
from migrator.parity.report import write_reports


def _result(sid: str, base: str, cand: str) -> SampleResult:
    return SampleResult(id=sid, endpoint="chat.completions", request={"model": "gpt-4o-mini"},
                        candidate_request=None,
                        baseline=Reply("recorded", text=base, finish_reason="stop", latency_ms=100.0),
                        candidate=Reply("mistral:mistral-small-latest", text=cand, finish_reason="stop",
                                        latency_ms=80.0))


def _results():
    # one identical sample, and one whose JSON answer became prose: a regression
    return [_result("same", "Paris.", "Paris."),
            _result("json", '{"city": "Paris"}', "The city is Paris, I think, in France.")]


def _banner(html: str) -> tuple[str, str]:
    match = re.search(r'<div id="gate" class="gate (\w+)" data-state="(\w+)"[^>]*>([^<]*)</div>', html)
    assert match, "no gate banner in report.html"
    assert match.group(1) == match.group(2)
    return match.group(1), match.group(3).strip()


@pytest.mark.parametrize(
    "fail_on, state, icon, md_icon",
    [
        pytest.param(None, "none", "ℹ", "ℹ️", id="no-gate-is-neutral"),
        pytest.param("regressions>5", "passed", "✔", "✅", id="gate-passed-is-green"),
        pytest.param("regressions>0", "failed", "✘", "❌", id="gate-failed-is-red"),
    ],
)
def test_banner_follows_the_gate(tmp_path, fail_on, state, icon, md_icon):
    write_reports(iter(_results()), tmp_path, fail_on=fail_on)
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["counts"]["regression"] >= 1  # the premise: there is a regression
    assert report["gate"]["state"] == state
    css_class, text = _banner((tmp_path / "report.html").read_text())
    assert css_class == state and text.startswith(icon)
    heading = (tmp_path / "report.md").read_text().splitlines()[0]
    assert heading.startswith(f"## {md_icon} ")


def test_no_gate_with_regressions_shows_no_pass_anywhere(tmp_path):
    write_reports(iter(_results()), tmp_path)
    html = (tmp_path / "report.html").read_text()
    _, text = _banner(html)
    assert "✔" not in text and "no --fail-on gate" in text
    assert 'class="gate passed"' not in html
    assert "✅" not in (tmp_path / "report.md").read_text()
