"""migrator.parity.report: the four reports, the --fail-on gate, results.jsonl reading, prices."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from migrator.parity.compare import compare_sample
from migrator.parity.model import Reply, SampleResult, ToolCall, Verdict
from migrator.parity.prices import DEFAULT_PRICES, Price, load_prices, merge_prices, price_for
from migrator.parity.report import (
    REPORT_FILES,
    FailOnError,
    StreamingQuantiles,
    evaluate_gate,
    iter_results,
    parse_fail_on,
    report_dir,
    write_reports,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "recordings"
_spec = importlib.util.spec_from_file_location("parity_fixture_results_r", FIXTURES / "build_results.py")
fixture_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixture_module)

EXPECTED_COUNTS = {"total": 52}
for _e in fixture_module.expectations().values():
    EXPECTED_COUNTS[_e["verdict"]] = EXPECTED_COUNTS.get(_e["verdict"], 0) + 1


@pytest.fixture(scope="module")
def fixture_reports(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    outcome = write_reports(iter(fixture_module.sample_results()), out, fail_on="regressions>0")
    return out, outcome


def _result(sid: str, base: str, cand: str, **kw) -> SampleResult:
    return SampleResult(id=sid, endpoint="chat.completions", request={"model": "gpt-4o-mini"},
                        candidate_request=None,
                        baseline=Reply("recorded", text=base, finish_reason="stop", latency_ms=100.0,
                                       prompt_tokens=10, completion_tokens=5),
                        candidate=Reply("mistral:mistral-small-latest", text=cand, finish_reason="stop",
                                        latency_ms=80.0, prompt_tokens=11, completion_tokens=6), **kw)


# --- the reports over the fixture set -------------------------------------------------------------

def test_all_four_reports_are_written_and_agree_on_counts(fixture_reports):
    out, outcome = fixture_reports
    assert sorted(p.name for p in out.iterdir()) == sorted(REPORT_FILES)  # no temp files left
    report = json.loads((out / "report.json").read_text())
    assert report["version"] == 1
    assert {"total": report["total"], **{k: v for k, v in report["counts"].items() if v}} == EXPECTED_COUNTS
    assert outcome.counts["regression"] == EXPECTED_COUNTS["regression"]
    assert (outcome.passed, outcome.exit_code) == (False, 1)
    assert "regressions = 15" in outcome.message
    assert report["gate"]["passed"] is False


def test_report_json_has_sides_with_latency_tokens_and_cost(fixture_reports):
    report = json.loads((fixture_reports[0] / "report.json").read_text())
    for side in ("baseline", "candidate"):
        stats = report["sides"][side]
        assert 0 < stats["latency_ms"]["p50"] <= stats["latency_ms"]["p95"]
        assert stats["prompt_tokens"] > 0 and stats["completion_tokens"] > 0
        assert stats["estimated_cost"] > 0 and stats["unpriced_models"] == []
    assert report["sides"]["candidate"]["failed"] == 2
    models = {m["model"] for m in report["sides"]["candidate"]["by_model"]}
    assert {"mistral-small-latest", "mistral-large-latest", "magistral-medium-latest"} <= models
    assert report["prices"]["as_of"] and report["prices"]["currency"] == "USD"


def test_junit_has_one_case_per_sample(fixture_reports):
    root = ET.parse(fixture_reports[0] / "junit.xml").getroot()
    cases = root.findall(".//testcase")
    assert len(cases) == 52
    assert len(root.findall(".//testcase/failure")) == EXPECTED_COUNTS["regression"]
    assert len(root.findall(".//testcase/error")) == EXPECTED_COUNTS["error"]
    assert root.attrib["tests"] == "52" and root.attrib["failures"] == str(EXPECTED_COUNTS["regression"])
    wrong_tool = next(c for c in cases if c.attrib["name"] == "tool-wrong-tool")
    assert "wrong tool" in wrong_tool.find("failure").attrib["message"]


def test_markdown_fits_a_pr_comment(fixture_reports):
    md = (fixture_reports[0] / "report.md").read_text()
    assert len(md) < 65536
    assert md.startswith("## ❌ Parity report: 15 regression(s), 1 error(s) in 52 samples")
    assert "| regression | 15 |" in md
    assert "### Worst regressions and errors (10 of 16)" in md
    assert "| `prose-loyalty-timeout` | error |" in md  # worst verdict first, then input order
    assert "| `prose-apology-truncated` | regression | finish_reason: candidate truncated" in md
    # model text in the worst-samples table cannot break its columns (pipes are escaped)
    rows = [line for line in md.splitlines() if re.match(r"\| `[^`]+` \| (regression|error) \|", line)]
    assert len(rows) == 10 and all(len(re.findall(r"(?<!\\)\|", r)) == 4 for r in rows)


def test_html_is_self_contained_and_escapes_model_output(fixture_reports):
    html = (fixture_reports[0] / "report.html").read_text()
    assert html.count("<script") == 1  # ours only; the model's <script> is text
    assert "&lt;script&gt;document.body.setAttribute" in html
    assert "onerror=\"document" not in html and "</textarea></pre>\n" not in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)  # no network resources
    assert "Content-Security-Policy" in html and "script-src 'sha256-" in html
    assert html.count('class="sample"') == 52 - EXPECTED_COUNTS["identical"]
    assert 'id="count-regression" data-count="regression">15<' in html


def test_embedded_detail_is_capped_and_says_so(tmp_path):
    results = [compare_sample(_result(f"s{i}", "alpha beta", "gamma delta" if i % 2 else "alpha beta"))
               for i in range(30)]
    write_reports(results, tmp_path, detail_limit=5)
    html = (tmp_path / "report.html").read_text()
    assert html.count('class="sample"') == 5
    assert "Showing the 5 worst of 15 non-identical samples (limit 5)" in html
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["details_capped"] is True and len(report["samples"]) == 5


def test_worst_samples_are_kept_when_capped(tmp_path):
    results = [_result(f"ok{i}", "a b c", "x y z") for i in range(50)]  # drift
    results.insert(37, _result("broken", "a b c", "", ))  # regression (empty)
    write_reports(results, tmp_path, detail_limit=3)
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["samples"][0]["id"] == "broken"
    assert [s["id"] for s in report["samples"][1:]] == ["ok0", "ok1"]  # then input order


def test_results_are_consumed_once_and_compared_when_needed(tmp_path):
    consumed = []

    def generate():
        for i in range(3):
            consumed.append(i)
            yield _result(f"s{i}", "same", "same")

    outcome = write_reports(generate(), tmp_path)
    assert consumed == [0, 1, 2]
    assert outcome.counts == {"total": 3, "identical": 3, "equivalent": 0, "drift": 0,
                              "regression": 0, "error": 0}
    assert (outcome.passed, outcome.exit_code) == (True, 0)


def test_recompare_overrides_stored_verdicts(tmp_path):
    stale = dataclasses.replace(_result("s", "a", "a"), verdict=Verdict.REGRESSION)
    assert write_reports([stale], tmp_path).counts["regression"] == 1
    assert write_reports([stale], tmp_path, recompare=True).counts["identical"] == 1


def test_empty_run(tmp_path):
    outcome = write_reports([], tmp_path, fail_on="regression-rate>0.02")
    assert outcome.passed and outcome.counts["total"] == 0
    assert "n/a" in (tmp_path / "report.md").read_text()
    ET.parse(tmp_path / "junit.xml")


def test_control_characters_and_markup_stay_valid_xml(tmp_path):
    nasty = "bad\x00\x07 text ]]> <failure/> & \"quotes\""
    result = _result("id-with-<&>", "fine", nasty)
    result = dataclasses.replace(result, candidate=dataclasses.replace(result.candidate, text=None,
                                 tool_calls=(ToolCall("f\x01", '{"a": "' + "\\u0000" + '"}'),)))
    write_reports([result], tmp_path)
    root = ET.parse(tmp_path / "junit.xml").getroot()
    assert root.find(".//testcase").attrib["name"] == "id-with-<&>"


# --- results.jsonl -------------------------------------------------------------------------------

def _write_results(path: Path, results, tail: str = "") -> None:
    with path.open("w") as handle:
        for r in results:
            handle.write(json.dumps(r.to_dict()) + "\n")
        handle.write(tail)


def test_iter_results_tolerates_a_torn_last_line(tmp_path):
    path = tmp_path / "results.jsonl"
    results = [compare_sample(_result(f"s{i}", "a", "b")) for i in range(3)]
    _write_results(path, results, tail='{"version": 1, "id": "s3", "endpo')
    skipped: list[int] = []
    with pytest.warns(UserWarning, match="results.jsonl:4"):
        read = list(iter_results(path, skipped=skipped))
    assert read == results and skipped == [4]


def test_report_dir_rerenders_and_notes_skipped_lines(tmp_path):
    results = [compare_sample(_result(f"s{i}", "a b", "a b" if i else "")) for i in range(4)]
    _write_results(tmp_path / "results.jsonl", results, tail="\n{torn")
    outcome = report_dir(tmp_path, fail_on="regressions>0")
    assert (outcome.exit_code, outcome.counts["regression"], outcome.counts["total"]) == (1, 1, 4)
    md = (tmp_path / "report.md").read_text()
    assert "1 unreadable line(s) in results.jsonl skipped (line 6)" in md
    html = (tmp_path / "report.html").read_text()
    assert "1 unreadable line(s)" in html


def test_report_dir_without_results(tmp_path):
    with pytest.raises(FileNotFoundError, match="results.jsonl"):
        report_dir(tmp_path)


# --- the gate --------------------------------------------------------------------------------------

COUNTS = {"total": 100, "identical": 80, "equivalent": 10, "drift": 5, "regression": 3, "error": 2}


@pytest.mark.parametrize("spec, passed", [
    pytest.param("regressions>0", False, id="count"),
    pytest.param("regressions>3", True, id="count-not-exceeded"),
    pytest.param("regressions>=3", False, id="ge"),
    pytest.param("regression-rate>0.02", False, id="rate"),
    pytest.param("regression-rate>0.05", True, id="rate-ok"),
    pytest.param("regression-rate>5%", True, id="percent"),
    pytest.param("failures>4", False, id="failures"),
    pytest.param("failure-rate>0.05", True, id="failure-rate-equal"),
    pytest.param("failure-rate>=0.05", False, id="failure-rate-ge"),
    pytest.param("errors>5, drifts>10", True, id="all-hold"),
    pytest.param("errors>5,drift-rate>0.04", False, id="one-broken"),
    pytest.param(" Regressions > 0 ", False, id="spaces-case"),
])
def test_gate(spec, passed):
    outcome = evaluate_gate(parse_fail_on(spec), COUNTS)
    assert outcome.passed is passed and outcome.exit_code == (0 if passed else 1)
    assert ("passed" if passed else "failed") in outcome.message


@pytest.mark.parametrize("spec, message", [
    pytest.param("regresions>0", "did you mean 'regressions'", id="typo"),
    pytest.param("regressions", "expected METRIC>NUMBER", id="no-op"),
    pytest.param("regressions<2", "expected METRIC>NUMBER", id="bad-op"),
    pytest.param("regression-rate>2", "fraction between 0 and 1", id="rate-over-1"),
    pytest.param("regressions>2%", "is a count", id="percent-count"),
    pytest.param("", "empty", id="empty"),
])
def test_gate_errors_are_clear(spec, message):
    with pytest.raises(FailOnError, match=re.escape(message)):
        parse_fail_on(spec)


def test_bad_fail_on_raises_before_reading_results(tmp_path):
    def never():
        raise AssertionError("results read before the --fail-on check")
        yield

    with pytest.raises(FailOnError):
        write_reports(never(), tmp_path, fail_on="nonsense")
    assert not (tmp_path / "report.html").exists()


def test_no_gate_passes():
    outcome = evaluate_gate((), COUNTS)
    assert outcome.passed and outcome.exit_code == 0 and "no --fail-on" in outcome.message


# --- percentiles and prices ----------------------------------------------------------------------

def test_quantiles_exact_then_histogram():
    small = StreamingQuantiles()
    for v in range(1, 101):
        small.add(float(v))
    small.add(None)
    assert (small.quantile(0.5), small.quantile(0.95), small.exact) == (50.0, 95.0, True)
    rng = random.Random(7)
    values = [rng.lognormvariate(6, 0.8) for _ in range(30_000)]
    big = StreamingQuantiles(exact_limit=1000)
    for v in values:
        big.add(v)
    values.sort()
    assert not big.exact
    for q in (0.5, 0.95):
        exact = values[int(q * len(values)) - 1]
        assert big.quantile(q) == pytest.approx(exact, rel=0.011)


def test_price_lookup_by_prefix_and_family():
    assert price_for("gpt-4o-mini-2024-07-18", DEFAULT_PRICES) == DEFAULT_PRICES["gpt-4o-mini"]
    assert price_for("gpt-4o-2024-08-06", DEFAULT_PRICES) == DEFAULT_PRICES["gpt-4o"]
    assert price_for("mistral-small-2503", DEFAULT_PRICES) == DEFAULT_PRICES["mistral-small-latest"]
    assert price_for("llama-3-70b", DEFAULT_PRICES) is None
    assert Price(2.0, 6.0).cost(1_000_000, 500_000) == pytest.approx(5.0)


def test_price_overrides_from_dict_and_files(tmp_path):
    table = merge_prices({"models": {"gpt-4o": {"input": 1, "output": 2}}, "currency": "USD"})
    assert table["gpt-4o"] == Price(1.0, 2.0)
    (tmp_path / "p.json").write_text('{"my-model": {"input": 3, "output": 4}}')
    (tmp_path / "p.toml").write_text('[models."my-model"]\ninput = 5\noutput = 6\n')
    assert merge_prices(load_prices(tmp_path / "p.json"))["my-model"] == Price(3.0, 4.0)
    assert merge_prices(load_prices(tmp_path / "p.toml"))["my-model"] == Price(5.0, 6.0)
    (tmp_path / "bad.json").write_text('{"m": {"input": 1}}')
    with pytest.raises(ValueError, match="'input' and 'output'"):
        load_prices(tmp_path / "bad.json")


def test_prices_reach_the_report_and_unknown_models_show_na(tmp_path):
    result = _result("s", "a", "a")
    unknown = dataclasses.replace(result, candidate=dataclasses.replace(
        result.candidate, provider="openai-compatible:ovhcloud:Mistral-Nemo-Instruct-2407"))
    write_reports([unknown], tmp_path, prices={"gpt-4o-mini": {"input": 1_000_000, "output": 0}})
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["sides"]["baseline"]["estimated_cost"] == pytest.approx(10.0)
    assert report["sides"]["candidate"]["estimated_cost"] is None
    assert report["sides"]["candidate"]["unpriced_models"] == ["Mistral-Nemo-Instruct-2407"]
    assert "no price for Mistral-Nemo-Instruct-2407" in (tmp_path / "report.html").read_text()


def test_markdown_cells_escape_pipes_newlines_and_html(tmp_path):
    refused = _result("a|b", "Sure, here it is.", "I can't help | with <b>that</b>\nat all")
    write_reports([refused], tmp_path)
    row = next(line for line in (tmp_path / "report.md").read_text().splitlines()
               if line.startswith("| `a"))
    assert len(re.findall(r"(?<!\\)\|", row)) == 4
    assert "a\\|b" in row and "&lt;b&gt;" in row and "<b>" not in row
