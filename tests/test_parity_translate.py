"""Runtime request translation: migrator.mapping's tables applied to recorded OpenAI requests."""

from __future__ import annotations

import asyncio
import re

import pytest
from hypothesis import given, settings, strategies as st

from migrator.mapping import CHAT_PARAMS, Policy, ToolCallIds, chat_messages, mistral_tool_call_id
from migrator.parity.providers import MistralProvider
from migrator.parity.translate import translate, translate_chat, translate_embeddings

USER = [{"role": "user", "content": "hi"}]


def chat(**params):
    return {"model": "gpt-4o-mini", "messages": USER, **params}


@pytest.mark.parametrize("params, expected", [
    pytest.param({"temperature": 0.2, "top_p": 0.9}, {"temperature": 0.2, "top_p": 0.9}, id="same"),
    pytest.param({"seed": 7}, {"random_seed": 7}, id="rename-seed"),
    pytest.param({"max_completion_tokens": 9}, {"max_tokens": 9}, id="rename-max-tokens"),
    pytest.param({"service_tier": "default"}, {"service_tier": "standard_only"}, id="xform-tier"),
    pytest.param({"functions": [{"name": "f"}]},
                 {"tools": [{"type": "function", "function": {
                     "name": "f", "parameters": {"type": "object", "properties": {}}}}]},
                 id="xform-legacy-functions-with-parameters-made-explicit"),
    pytest.param({"function_call": {"name": "f"}},
                 {"tool_choice": {"type": "function", "function": {"name": "f"}}},
                 id="xform-legacy-function-call"),
    pytest.param({"prediction": {"type": "content", "content": [{"type": "text", "text": "a"},
                                                                {"type": "text", "text": "b"}]}},
                 {"prediction": {"type": "content", "content": "ab"}}, id="xform-prediction"),
])
def test_parameters_follow_their_policy(params, expected):
    result = translate_chat(chat(**params))
    assert result.untranslatable is None
    assert result.request == {"model": "mistral-small-latest", "messages": USER, **expected}


@pytest.mark.parametrize("params, dropped", [
    pytest.param({"user": "u1", "store": True, "logit_bias": {"1": 2}},
                 ["user", "store", "logit_bias"], id="drop-todo"),
    pytest.param({"stream_options": {"include_usage": True}}, ["stream_options"], id="drop"),
    pytest.param({"modalities": ["text"]}, ["modalities"], id="xform-dropvalue"),
    pytest.param({"service_tier": "flex"}, ["service_tier"], id="xform-dropvalue-tier"),
])
def test_dropped_parameters_are_omitted_and_listed(params, dropped):
    result = translate_chat(chat(**params))
    assert result.request == {"model": "mistral-small-latest", "messages": USER}
    assert list(result.dropped) == dropped
    assert result.meta()["dropped_params"] == dropped


@pytest.mark.parametrize("params, reason", [
    pytest.param({"audio": {"voice": "x"}}, "audio: audio output is not supported", id="fail"),
    pytest.param({"tool_choice": {"type": "allowed_tools"}}, "tool_choice: tool_choice", id="unmappable"),
    pytest.param({"modalities": ["text", "audio"]}, "modalities: modalities", id="unmappable-modalities"),
    pytest.param({"bogus": 1}, "parameter 'bogus' is not an OpenAI chat parameter", id="unknown"),
])
def test_unmappable_requests_are_untranslatable_with_the_reason(params, reason):
    result = translate_chat(chat(**params))
    assert result.request is None
    assert result.untranslatable.startswith(reason)
    assert result.meta()["untranslatable"] == result.untranslatable


def test_every_chat_parameter_in_the_table_is_handled():
    """Each OpenAI parameter the mapping knows translates or is refused; none is passed blindly."""
    samples = {"messages": USER, "model": "gpt-4o", "stream": True, "tools": [],
               "tool_choice": "auto", "functions": [], "function_call": "auto",
               "modalities": ["text"], "service_tier": "auto", "timeout": 3, "prediction": None}
    for name, rule in CHAT_PARAMS.items():
        request = chat(**{name: samples.get(name, 1)})
        result = translate_chat(request)
        if rule.policy == Policy.FAIL:
            assert result.untranslatable, name
        elif rule.policy in (Policy.DROP, Policy.DROP_TODO):
            assert name in result.dropped and name not in (result.request or {}), name
        elif name not in ("stream", "model", "messages"):
            assert (rule.mistral_name(name) in (result.request or {}) or name in result.dropped
                    or result.untranslatable), name


def test_stream_selects_the_method_and_is_not_a_body_key():
    result = translate_chat(chat(stream=True))
    assert result.stream is True and "stream" not in result.request


@pytest.mark.parametrize("model, overrides, expected", [
    pytest.param(None, None, "mistral-large-latest", id="map"),
    pytest.param("mistral-medium-latest", None, "mistral-medium-latest", id="explicit"),
    pytest.param("auto", None, "mistral-large-latest", id="auto"),
    pytest.param("mistral-medium-latest", {"gpt-4o": "codestral-latest"}, "codestral-latest",
                 id="override-wins"),
])
def test_model(model, overrides, expected):
    result = translate_chat({"model": "gpt-4o", "messages": USER}, model=model,
                            model_overrides=overrides)
    assert result.request["model"] == expected


def test_unknown_model_without_override_is_untranslatable():
    result = translate_chat({"model": "my-finetune", "messages": USER})
    assert result.untranslatable == "no Mistral model for 'my-finetune': pass --model my-finetune=NEW"


HISTORY = [
    {"role": "developer", "content": "Be brief."},
    {"role": "user", "content": "weather in Oslo and Bergen?", "name": "bob"},
    {"role": "assistant", "content": None, "refusal": None, "tool_calls": [
        {"id": "call_AAAAAAAAAAAAAAAAAAAAAAAA", "type": "function",
         "function": {"name": "weather", "arguments": '{"city": "Oslo"}'}},
        {"id": "call_BBBBBBBBBBBBBBBBBBBBBBBB", "type": "function",
         "function": {"name": "weather", "arguments": '{"city": "Bergen"}'}}]},
    {"role": "tool", "tool_call_id": "call_BBBBBBBBBBBBBBBBBBBBBBBB", "content": "rain"},
    {"role": "tool", "tool_call_id": "call_AAAAAAAAAAAAAAAAAAAAAAAA", "content": "sun"},
    {"role": "user", "content": [{"type": "text", "text": "and this?"},
                                 {"type": "input_audio", "input_audio": {"data": "UklGRg==",
                                                                         "format": "wav"}},
                                 {"type": "file", "file": {"file_id": "file-1"}}]},
]


def test_history_roles_ids_and_parts():
    notes: list[str] = []
    out = chat_messages(HISTORY, notes)
    assert out[0] == {"role": "system", "content": "Be brief."}
    assert out[1] == {"role": "user", "content": "weather in Oslo and Bergen?"}
    ids = [c["id"] for c in out[2]["tool_calls"]]
    assert all(re.fullmatch(r"[A-Za-z0-9]{9}", i) for i in ids) and ids[0] != ids[1]
    assert out[3]["tool_call_id"] == ids[1] and out[4]["tool_call_id"] == ids[0]
    assert "refusal" not in out[2]
    assert out[5]["content"][1:] == [{"type": "input_audio", "input_audio": "UklGRg=="},
                                    {"type": "file", "file_id": "file-1"}]
    assert chat_messages(HISTORY) == out  # deterministic
    assert HISTORY[0]["role"] == "developer"  # input untouched
    assert "messages[0]: developer role sent as system" in notes
    assert "messages[1]: name dropped (not in Mistral's user message)" in notes


def test_legacy_function_turns_become_a_tool_call_and_its_result():
    history = [{"role": "user", "content": "x"},
               {"role": "assistant", "content": None,
                "function_call": {"name": "lookup", "arguments": "{}"}},
               {"role": "function", "name": "lookup", "content": "42"}]
    out = chat_messages(history)
    call = out[1]["tool_calls"][0]
    assert call["function"] == {"name": "lookup", "arguments": "{}"}
    assert out[2] == {"role": "tool", "name": "lookup", "tool_call_id": call["id"], "content": "42"}


def test_function_result_without_a_call_is_untranslatable():
    result = translate_chat(chat(messages=[{"role": "function", "name": "f", "content": "1"}]))
    assert result.untranslatable == "messages[0]: legacy function result with no tracked call"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=30))
def test_tool_call_ids_are_consistent_injective_and_mistral_shaped(old_ids):
    ids = ToolCallIds()
    new = [ids(old) for old in old_ids]
    assert all(re.fullmatch(r"[A-Za-z0-9]{9}", n) for n in new)
    assert [ids(old) for old in old_ids] == new
    assert len(set(new)) == len(set(old_ids))


def test_mistral_shaped_ids_are_kept():
    assert mistral_tool_call_id("abcDEF123") == "abcDEF123"


def test_embeddings():
    result = translate_embeddings({"model": "text-embedding-3-small", "input": ["a"],
                                   "dimensions": 256, "user": "u", "encoding_format": "float"})
    assert result.request == {"model": "mistral-embed", "input": ["a"], "output_dimension": 256,
                              "encoding_format": "float"}
    assert result.dropped == ("user",)


def test_responses_endpoint_is_not_translated_yet():
    assert translate("responses", {"model": "gpt-4o", "input": "x"}).untranslatable


def test_translated_tool_history_is_accepted_by_mistral(fresh_mistral_server, monkeypatch):
    """The Mistral personality answers 400 to OpenAI call ids and 422 to developer roles and
    user names: a multi-turn OpenAI history goes through only translated."""
    monkeypatch.setenv("MISTRAL_API_KEY", "test-key-not-secret")
    request = {"model": "gpt-4o-mini", "messages": HISTORY[:5], "seed": 1, "user": "u",
               "tools": [{"type": "function", "function": {"name": "weather"}}]}
    provider = MistralProvider(server_url=fresh_mistral_server.url, timeout=5)
    translation = provider.prepare("chat.completions", request)

    async def go():
        try:
            return await provider.complete(translation.request)
        finally:
            await provider.aclose()

    reply = asyncio.run(go())
    assert reply.error is None, reply.error
    assert reply.text == "tool result(seed=1): rain; sun"
    sent = fresh_mistral_server.requests[-1].body
    assert sent["messages"][0]["role"] == "system" and "seed" not in sent and "user" not in sent
