"""migrator.parity.compare: comparators, verdicts, thresholds, normalization, and the fixture set.

The fixture set (fixtures/recordings/) plants regressions and harmless variations on the candidate
side; every planted regression must be flagged with the right check and reason, and no harmless
variation may be a regression.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from migrator.parity.compare import (
    Thresholds,
    check_text,
    compare_sample,
    content_text,
    finish_class,
    normalize_reply,
    reply_from_body,
    similarity,
)
from migrator.parity.model import Finding, Reply, SampleResult, ToolCall, Verdict

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "recordings"


def _load_fixture_module():
    spec = importlib.util.spec_from_file_location("parity_fixture_results", FIXTURES / "build_results.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fixture_module = _load_fixture_module()
FIXTURE_RESULTS = {r.id: r for r in fixture_module.sample_results()}
EXPECT = fixture_module.expectations()


def sample(baseline: Reply, candidate: Reply, request=None, **meta) -> SampleResult:
    return SampleResult(id="s", endpoint="chat.completions", request=request or {"model": "gpt-4o"},
                        candidate_request=None, baseline=baseline, candidate=candidate, meta=meta)


def text(value, finish="stop", provider="mistral:mistral-small-latest") -> Reply:
    return Reply(provider=provider, text=value, finish_reason=finish)


def calls(*pairs, finish="tool_calls") -> Reply:
    return Reply(provider="x", tool_calls=tuple(ToolCall(n, a) for n, a in pairs), finish_reason=finish)


def checks(result: SampleResult) -> dict[str, Finding]:
    return {f.check: f for f in result.findings}


# --- the fixture set --------------------------------------------------------------------------------

def test_fixture_set_is_realistic_and_complete():
    """≥ 40 samples covering every category, and each planted regression kind is present."""
    assert len(FIXTURE_RESULTS) >= 40
    assert set(FIXTURE_RESULTS) == set(EXPECT)
    tags = {t for r in FIXTURE_RESULTS.values() for t in r.meta.get("tags", ())}
    assert {"prose", "json_object", "json_schema", "tools", "multi-turn", "streaming"} <= tags
    planted_checks = {e.get("check") for e in EXPECT.values() if e["verdict"] in ("regression", "error")}
    assert {"json.valid", "json.schema", "tool_calls.name", "tool_calls.missing",
            "tool_calls.arguments", "finish_reason", "refusal", "error.candidate"} <= planted_checks
    streamed = [r for r in FIXTURE_RESULTS.values() if r.request.get("stream")]
    assert len(streamed) >= 4 and all(r.meta.get("stream") for r in streamed)


@pytest.mark.parametrize("sample_id", sorted(EXPECT))
def test_fixture_sample_gets_expected_verdict_and_reason(sample_id):
    """Each sample's verdict is the expected one; the deciding finding has the expected check/reason."""
    expected = EXPECT[sample_id]
    result = compare_sample(FIXTURE_RESULTS[sample_id])
    assert result.verdict.value == expected["verdict"], [f.to_dict() for f in result.findings]
    deciding = [f for f in result.findings if f.verdict == result.verdict]
    if "check" in expected:
        assert expected["check"] in {f.check for f in deciding}, deciding
    if "reason_contains" in expected:
        assert any(expected["reason_contains"] in f.reason for f in deciding), deciding


def test_no_harmless_variation_is_a_regression():
    harmless = [sid for sid, e in EXPECT.items() if e["verdict"] in ("identical", "equivalent", "drift")]
    assert len(harmless) >= 25
    regressions = [sid for sid in harmless
                   if compare_sample(FIXTURE_RESULTS[sid]).verdict.rank >= Verdict.REGRESSION.rank]
    assert regressions == []


def test_compare_sample_returns_a_copy_with_sorted_findings():
    original = FIXTURE_RESULTS["json-classify-truncated"]
    result = compare_sample(original)
    assert original.findings == () and original.verdict is None
    assert result.verdict is Verdict.REGRESSION
    ranks = [f.verdict.rank for f in result.findings]
    assert ranks == sorted(ranks, reverse=True)
    assert SampleResult.from_dict(json.loads(json.dumps(result.to_dict()))) == result


# --- normalization -------------------------------------------------------------------------------

def test_content_list_joins_text_chunks_and_skips_thinking():
    content = [{"type": "thinking", "thinking": [{"type": "text", "text": "hmm"}]},
               {"type": "text", "text": "Hello "}, {"type": "text", "text": "world"}]
    assert content_text(content) == "Hello world"
    assert normalize_reply(Reply("m", text=content)).text == "Hello world"


def test_dict_tool_arguments_become_json_text():
    reply = normalize_reply(Reply("m", tool_calls=(ToolCall("f", {"a": 1}),)))
    assert json.loads(reply.tool_calls[0].arguments) == {"a": 1}


@pytest.mark.parametrize("raw, cls", [
    pytest.param("length", "length", id="length"),
    pytest.param("model_length", "length", id="model_length"),
    pytest.param("function_call", "tool_calls", id="legacy"),
    pytest.param("weird", "weird", id="unknown"),
    pytest.param(None, None, id="none"),
])
def test_finish_class(raw, cls):
    assert finish_class(raw) == cls


def test_reply_from_mistral_body_reads_list_content_dict_args_and_usage():
    body = {"choices": [{"message": {"content": [{"type": "text", "text": "ok"}],
                                     "tool_calls": [{"id": "abcDEF123", "function": {"name": "f", "arguments": {"x": 1}}}]},
                         "finish_reason": "model_length"}],
            "usage": {"prompt_tokens": 3, "completion_tokens": 4}}
    reply = reply_from_body(body, "mistral:m", latency_ms=12.0)
    assert (reply.text, reply.finish_reason, reply.prompt_tokens, reply.completion_tokens) == ("ok", "model_length", 3, 4)
    assert reply.tool_calls == (ToolCall("f", '{"x": 1}', "abcDEF123"),)


def test_reply_from_error_bodies():
    mistral = reply_from_body({"object": "error", "message": "bad", "type": "invalid_request_error"}, "m")
    openai = reply_from_body({"error": {"message": "nope", "type": "invalid_request_error"}}, "o")
    assert mistral.error["message"] == "bad" and openai.error["message"] == "nope"
    assert reply_from_body(None, "recorded").error["type"] == "missing"


# --- comparators -----------------------------------------------------------------------------------

def test_identical_text_has_no_findings():
    result = compare_sample(sample(text("Paris."), text("Paris.")))
    assert result.verdict is Verdict.IDENTICAL and result.findings == ()


def test_schema_violation_only_drift_when_baseline_violates_too():
    schema = {"type": "object", "required": ["a"]}
    req = {"response_format": {"type": "json_schema", "json_schema": {"name": "x", "schema": schema}}}
    result = compare_sample(sample(text('{"b": 1}'), text('{"c": 1}'), req))
    assert checks(result)["json.schema"].verdict is Verdict.DRIFT
    assert result.verdict is Verdict.DRIFT


def test_json_mode_both_invalid_is_drift_not_regression():
    req = {"response_format": {"type": "json_object"}}
    result = compare_sample(sample(text('{"a": '), text("not json"), req))
    assert result.verdict is Verdict.DRIFT


def test_tool_arguments_deepdiff_detail_is_structured():
    result = compare_sample(sample(calls(("f", '{"city": "Paris", "days": [1, 2]}')),
                                   calls(("f", '{"days": [2, 1], "city": "Lyon"}'))))
    finding = checks(result)["tool_calls.arguments"]
    assert finding.verdict is Verdict.REGRESSION
    assert "Paris" in finding.reason and "Lyon" in finding.reason
    assert "values_changed" in finding.detail  # list order ignored, only the city changed


def test_candidate_invalid_tool_arguments_json():
    result = compare_sample(sample(calls(("f", '{"a": 1}')), calls(("f", '{"a": 1'))))
    assert "not valid JSON" in checks(result)["tool_calls.arguments"].reason
    assert result.verdict is Verdict.REGRESSION


def test_candidate_5xx_and_429_are_errors_4xx_is_regression():
    base = text("hello")
    for status, verdict in ((500, Verdict.ERROR), (429, Verdict.ERROR), (400, Verdict.REGRESSION)):
        failed = Reply("m", error={"type": "http", "status": status, "message": "x"})
        assert compare_sample(sample(base, failed)).verdict is verdict, status
    lenient = Thresholds(client_error_is_regression=False)
    failed = Reply("m", error={"type": "http", "status": 400, "message": "x"})
    assert compare_sample(sample(base, failed), lenient).verdict is Verdict.ERROR


def test_baseline_error_and_missing_baseline_are_errors():
    failed = Reply("recorded", error={"type": "missing", "status": None, "message": "no body"})
    assert compare_sample(sample(failed, text("x"))).verdict is Verdict.ERROR
    assert compare_sample(sample(Reply("recorded"), text("x"))).verdict is Verdict.ERROR


def test_mistral_finish_reason_error_is_regression():
    result = compare_sample(sample(text("hi"), text("hi", finish="error")))
    assert checks(result)["error.candidate"].verdict is Verdict.REGRESSION


def test_refusal_field_and_content_filter_count_as_refusals():
    refused = Reply("o", refusal="I can't help with that.", finish_reason="stop")
    assert compare_sample(sample(text("Sure, here it is."), refused)).verdict is Verdict.REGRESSION
    filtered = text(None, finish="content_filter")
    assert checks(compare_sample(sample(text("Fine."), filtered)))["refusal"].verdict is Verdict.REGRESSION
    assert checks(compare_sample(sample(refused, text("Sure."))))["refusal"].verdict is Verdict.DRIFT


def test_refusal_phrase_inside_a_long_answer_is_not_a_refusal():
    answer = text("Here is the summary. Note: I can't help with tax questions, ask an accountant.")
    result = compare_sample(sample(text("Here is the summary."), answer))
    assert "refusal" not in checks(result)


# --- text thresholds ---------------------------------------------------------------------------

def test_similarity_is_word_level():
    assert similarity("a b c d", "a b c d") == 1.0
    assert similarity("a b c d", "a b x d") == pytest.approx(0.75)
    assert similarity("", "") == 1.0


@pytest.mark.parametrize("thresholds, verdict", [
    pytest.param(Thresholds(), Verdict.DRIFT, id="default-drift"),
    pytest.param(Thresholds(similarity_equivalent=0.5), Verdict.EQUIVALENT, id="lenient"),
    pytest.param(Thresholds(similarity_regression=0.7), Verdict.REGRESSION, id="strict"),
])
def test_text_similarity_thresholds(thresholds, verdict):
    base, cand = text("one two three four five six"), text("one two three four nine ten")
    assert compare_sample(sample(base, cand), thresholds).verdict is verdict


def test_length_ratio_thresholds():
    base, cand = text("short answer here"), text("short answer here " + "with many more words " * 5)
    default = checks(compare_sample(sample(base, cand)))
    assert default["text.length"].verdict is Verdict.DRIFT and "longer" in default["text.length"].reason
    strict = compare_sample(sample(base, cand), Thresholds(length_ratio_regression=3.0))
    assert strict.verdict is Verdict.REGRESSION


def test_thresholds_validation_and_from_mapping():
    assert Thresholds.from_mapping({"similarity-equivalent": 0.9}).similarity_equivalent == 0.9
    with pytest.raises(ValueError, match="unknown threshold"):
        Thresholds.from_mapping({"similarity": 0.9})
    with pytest.raises(ValueError, match="between 0 and 1"):
        Thresholds(similarity_equivalent=1.5)
    with pytest.raises(ValueError, match=">= 1"):
        Thresholds(length_ratio_drift=0.5)
    assert Thresholds(extra_tool_calls="regression").extra_tool_calls is Verdict.REGRESSION


def test_text_check_skipped_when_structure_decided():
    from migrator.parity.compare import Context
    ctx = Context(request={}, thresholds=Thresholds(), decided_by_structure=True)
    assert check_text(text("a"), text("b"), ctx) == []


# --- assertions ----------------------------------------------------------------------------------

@pytest.mark.parametrize("assertion, baseline_text, candidate_text, verdict", [
    pytest.param({"type": "contains", "value": "paris"}, "Paris", "Paris is nice", None, id="contains-ci"),
    pytest.param({"type": "contains", "value": "paris", "case_sensitive": True}, "paris", "Paris",
                 "regression", id="contains-cs"),
    pytest.param({"type": "not-contains", "value": "Lyon"}, "Paris", "Lyon it is", "regression",
                 id="not-contains"),
    pytest.param({"type": "regex", "pattern": r"^\d{5}$"}, "12345", "12345", None, id="regex-ok"),
    pytest.param({"type": "is-json"}, "{}", "{oops", "regression", id="is-json"),
    pytest.param({"type": "json-schema", "schema": {"type": "array"}}, "[]", "{}", "regression",
                 id="schema"),
    pytest.param({"type": "equals", "value": {"a": [1, 2]}}, '{"a": [1, 2]}', '{"a": [2, 1]}', None,
                 id="equals-json"),
    pytest.param({"type": "equals", "value": "Yes."}, "Yes.", " Yes. ", None, id="equals-text"),
    pytest.param({"type": "typo"}, "x", "x", "error", id="unknown-type"),
    pytest.param({"type": "regex", "pattern": "("}, "x", "x", "error", id="bad-regex"),
])
def test_assertions(assertion, baseline_text, candidate_text, verdict):
    result = compare_sample(sample(text(baseline_text), text(candidate_text), assertions=[assertion]))
    found = [f for f in result.findings if f.check.startswith("assert.")]
    if verdict is None:
        assert found == []
    else:
        assert found and found[0].verdict.value == verdict, found


def test_assertion_failing_on_both_sides_is_drift():
    result = compare_sample(sample(text("Lyon"), text("Lyon"), assertions=[{"type": "contains", "value": "Paris"}]))
    assert result.verdict is Verdict.DRIFT and "both sides" in result.findings[0].reason


def test_true_and_1_differ_but_1_and_1_0_do_not():
    req = {"response_format": {"type": "json_object"}}
    assert compare_sample(sample(text('{"a": true}'), text('{"a": 1}'), req)).verdict is Verdict.DRIFT
    assert compare_sample(sample(text('{"a": 1.0}'), text('{"a": 1}'), req)).verdict is Verdict.EQUIVALENT
    changed = compare_sample(sample(calls(("f", '{"on": true}')), calls(("f", '{"on": 1}'))))
    assert changed.verdict is Verdict.REGRESSION


def test_reply_from_responses_api_body():
    body = {"object": "response", "status": "incomplete",
            "incomplete_details": {"reason": "max_output_tokens"},
            "output": [{"type": "reasoning", "summary": []},
                       {"type": "message", "content": [{"type": "output_text", "text": "Hel"},
                                                       {"type": "output_text", "text": "lo"}]},
                       {"type": "function_call", "name": "f", "arguments": '{"a": 1}', "call_id": "call_1"}],
            "usage": {"input_tokens": 5, "output_tokens": 7}}
    reply = reply_from_body(body, "recorded")
    assert (reply.text, reply.finish_reason, reply.prompt_tokens, reply.completion_tokens) == ("Hello", "length", 5, 7)
    assert reply.tool_calls == (ToolCall("f", '{"a": 1}', "call_1"),)
    refused = reply_from_body({"object": "response", "status": "completed", "output": [
        {"type": "message", "content": [{"type": "refusal", "refusal": "No."}]}]}, "recorded")
    assert (refused.refusal, refused.finish_reason) == ("No.", "stop")


@pytest.mark.parametrize("schema", [
    pytest.param({"$ref": "https://example.invalid/schema.json"}, id="remote-ref"),
    pytest.param({"type": "no-such-type"}, id="invalid"),
])
def test_unusable_schema_is_an_error_not_a_regression_or_a_crash(schema):
    req = {"response_format": {"type": "json_schema", "json_schema": {"name": "x", "schema": schema}}}
    result = compare_sample(sample(text('{"a": 1}'), text('{"a": 2}'), req))
    assert checks(result)["json.schema"].verdict is Verdict.ERROR
    asserted = compare_sample(sample(text("{}"), text("{}"),
                                     assertions=[{"type": "json-schema", "schema": schema}]))
    assert asserted.verdict is Verdict.ERROR and asserted.findings[0].check == "assert.invalid"


def test_a_crashing_comparator_becomes_an_error_finding(monkeypatch):
    import migrator.parity.compare as compare

    def broken(baseline, candidate, ctx):
        raise RuntimeError("boom")

    monkeypatch.setattr(compare, "COMPARATORS", (broken, *compare.COMPARATORS))
    result = compare.compare_sample(sample(text("a"), text("a")))
    assert result.verdict is Verdict.ERROR
    assert result.findings[0].check == "compare.internal" and "boom" in result.findings[0].reason


def test_schema_violation_shared_with_the_baseline_is_drift() -> None:
    """Both sides breaking the tool schema the same way is not a migration regression."""
    from migrator.parity.compare import compare_replies
    from migrator.parity.model import Reply, ToolCall, Verdict

    request = {"model": "gpt-4o", "messages": [{"role": "user", "content": "x"}], "tools": [
        {"type": "function", "function": {"name": "f", "parameters": {
            "type": "object", "properties": {"code": {"type": "string", "pattern": "^[A-Z]{3}$"}},
            "required": ["code"]}}}]}
    call = ToolCall(name="f", arguments='{"code": "abc"}')
    findings = compare_replies(Reply("recorded", tool_calls=(call,), finish_reason="tool_calls"),
                               Reply("mistral", tool_calls=(call,), finish_reason="tool_calls"),
                               request)
    schema = [f for f in findings if f.check == "tool_calls.schema"]
    assert schema and all(f.verdict is Verdict.DRIFT for f in schema)
    assert not any(f.verdict is Verdict.REGRESSION for f in findings)
