"""The loopback wire server, exercised through the real SDKs over real sockets (no mocks).

Session servers (``openai_server`` / ``mistral_server``) are used read-only; tests that inject
faults or count requests use the ``fresh_*`` servers.
"""

from __future__ import annotations

import asyncio
import base64
import http.client
import json
import os
import re
import struct
import subprocess
import sys
import time
from enum import Enum
from pathlib import Path
from typing import Optional, get_args

import httpx2
import openai
import pytest
from hypothesis import given, settings, strategies as st
from mistralai.client import Mistral, errors, models
from mistralai.client.utils import BackoffStrategy, RetryConfig
from pydantic import BaseModel

import wire_server
from wire_server import WireServer, build_chat_reply, normalize_params

KEY = wire_server.TEST_API_KEY
OPENAI_MODEL = "gpt-4o-mini"
MISTRAL_MODEL = "mistral-small-latest"
HI = [{"role": "user", "content": "Say hello to the whole wide world"}]

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Weather in a city",
        "parameters": {
            "type": "object",
            "properties": {
                "city": {"type": "string"},
                "days": {"type": "integer"},
                "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
                "precise": {"type": "boolean"},
            },
            "required": ["city"],
        },
    },
}
CLOCK_TOOL = {"type": "function", "function": {"name": "get_time", "parameters": {
    "type": "object", "properties": {"zone": {"type": "string"}, "offset": {"type": "number"}}}}}


def oai(server: WireServer, **kwargs) -> openai.OpenAI:
    kwargs.setdefault("max_retries", 0)
    return openai.OpenAI(api_key=KEY, base_url=server.openai_base_url, **kwargs)


def mis(server: WireServer, **kwargs) -> Mistral:
    return Mistral(api_key=KEY, server_url=server.mistral_server_url, **kwargs)


# ---- the accepted field sets are the SDKs' --------------------------------------------------

def _aliases(model: type) -> set[str]:
    return {field.alias or name for name, field in model.model_fields.items()}


def test_mistral_field_sets_match_mistralai_request_models():
    assert wire_server.MISTRAL_CHAT_FIELDS == _aliases(models.ChatCompletionRequest)
    assert wire_server.MISTRAL_CHAT_FIELDS == _aliases(models.ChatCompletionStreamRequest)
    assert wire_server.MISTRAL_EMBEDDING_FIELDS == _aliases(models.EmbeddingRequest)
    by_role = {"system": models.SystemMessage, "user": models.UserMessage,
               "assistant": models.AssistantMessage, "tool": models.ToolMessage}
    assert {role: _aliases(m) for role, m in by_role.items()} == wire_server.MISTRAL_MESSAGE_FIELDS
    assert wire_server.MISTRAL_RESPONSES_FIELDS == _aliases(models.CreateResponseRequest)
    assert wire_server.MISTRAL_FIM_FIELDS == _aliases(models.FIMCompletionRequest)
    assert wire_server.TRANSCRIPTION_FIELDS["mistral"] == _aliases(models.AudioTranscriptionRequest)


def test_openai_field_sets_match_openai_params():
    from openai.types import embedding_create_params
    from openai.types.chat import completion_create_params as chat_params

    assert wire_server.OPENAI_CHAT_FIELDS == (
        set(chat_params.CompletionCreateParamsStreaming.__annotations__)
        | set(chat_params.CompletionCreateParamsBase.__annotations__))
    assert wire_server.OPENAI_EMBEDDING_FIELDS == set(
        embedding_create_params.EmbeddingCreateParams.__annotations__)
    from openai.types import completion_create_params
    from openai.types.responses import response_create_params

    assert wire_server.OPENAI_RESPONSES_FIELDS | {"stream"} == (
        set(response_create_params.ResponseCreateParamsBase.__annotations__) | {"stream"})
    assert wire_server.OPENAI_COMPLETION_FIELDS == (
        set(completion_create_params.CompletionCreateParamsBase.__annotations__) | {"stream"})
    from openai.types.audio import transcription_create_params

    assert {name.removesuffix("[]") for name in wire_server.TRANSCRIPTION_FIELDS["openai"]} == (
        set(transcription_create_params.TranscriptionCreateParamsBase.__annotations__) | {"stream"})


# ---- addresses, lifecycle, recording --------------------------------------------------------

def test_addresses_use_a_free_loopback_port(openai_server, mistral_server):
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", openai_server.url)
    assert openai_server.port != mistral_server.port
    assert openai_server.openai_base_url == openai_server.url + "/v1"
    assert mistral_server.mistral_server_url == mistral_server.url


def test_stop_closes_the_port():
    server = WireServer("openai").start()
    url = server.url
    server.stop()
    with pytest.raises(openai.APIConnectionError):
        openai.OpenAI(api_key=KEY, base_url=url + "/v1", max_retries=0).models.list()


def test_requests_are_recorded_with_lowercased_headers(fresh_mistral_server):
    mis(fresh_mistral_server).chat.complete(model=MISTRAL_MODEL, messages=HI, temperature=0.3)
    (method, path, headers, body), = fresh_mistral_server.requests
    assert (method, path) == ("POST", "/v1/chat/completions")
    assert headers["authorization"] == f"Bearer {KEY}"
    assert headers["user-agent"].startswith("mistral-client-python/")
    assert body == {"model": MISTRAL_MODEL, "temperature": 0.3, "stream": False,
                    "messages": [{"content": HI[0]["content"], "role": "user"}]}
    fresh_mistral_server.reset()
    assert fresh_mistral_server.requests == []


def test_keep_alive_serves_several_requests_on_one_connection(openai_server):
    conn = http.client.HTTPConnection("127.0.0.1", openai_server.port, timeout=5)
    auth = {"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"}
    stream_body = json.dumps({"model": "m", "messages": HI, "stream": True})
    conn.request("POST", "/v1/chat/completions", body=stream_body, headers=auth)
    first = conn.getresponse()
    assert first.getheader("transfer-encoding") == "chunked"
    assert first.read().endswith(b"data: [DONE]\n\n")
    sock = conn.sock
    conn.request("GET", "/v1/models", headers=auth)
    second = conn.getresponse()
    assert second.status == 200 and json.loads(second.read())["object"] == "list"
    assert conn.sock is sock  # same socket: the server kept the connection open
    conn.close()


def test_command_line_prints_its_url_and_serves():
    script = Path(wire_server.__file__)
    proc = subprocess.Popen([sys.executable, str(script), "--personality", "mistral"],
                            stdout=subprocess.PIPE, text=True)
    try:
        url = proc.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url)
        client = Mistral(api_key=KEY, server_url=url)
        reply = client.chat.complete(model=MISTRAL_MODEL, messages=HI, random_seed=1)
        assert reply.choices[0].message.content == "echo(seed=1): Say hello to the whole wide world"
    finally:
        proc.terminate()
        assert proc.wait(timeout=5) == 0


def test_program_env(program_env, openai_server, mistral_server):
    env = wire_server.program_env(openai_server, mistral_server,
                                  base={"HTTPS_PROXY": "http://proxy:3128", "OPENAI_ORG_ID": "org",
                                        "MISTRAL_API_KEY": "real-looking", "PATH": "/bin"})
    assert env == {"PATH": "/bin", "OPENAI_API_KEY": KEY, "MISTRAL_API_KEY": KEY,
                   "OPENAI_BASE_URL": openai_server.url + "/v1",
                   "MISTRAL_SERVER_URL": mistral_server.url, "NO_PROXY": "*", "no_proxy": "*",
                   "MIGRATOR_TEST_MISTRAL_DEFAULT_SERVER": mistral_server.url,
                   "PYTHONPATH": os.pathsep.join([str(Path(wire_server.__file__).parent / "routing"),
                                                  str(Path(wire_server.__file__).parent / "stand_ins")])}
    assert program_env["OPENAI_BASE_URL"] == openai_server.openai_base_url
    assert not any(k.lower().endswith("_proxy") and k.lower() != "no_proxy" for k in program_env)


# ---- chat through each SDK ------------------------------------------------------------------

def test_openai_sync_chat(openai_server):
    reply = oai(openai_server).chat.completions.create(
        model=OPENAI_MODEL, messages=[{"role": "system", "content": "Be brief."}, *HI],
        seed=7, temperature=0.2)
    choice = reply.choices[0]
    assert choice.message.content == (
        "echo(seed=7,temperature=0.2): Say hello to the whole wide world")
    assert choice.finish_reason == "stop"
    assert reply.model == OPENAI_MODEL and reply.object == "chat.completion"
    assert (reply.usage.prompt_tokens, reply.usage.completion_tokens) == (2 + 7, 1 + 7)
    assert reply.usage.total_tokens == 17


def test_openai_async_chat(openai_server):
    async def run():
        client = openai.AsyncOpenAI(api_key=KEY, base_url=openai_server.openai_base_url)
        async with client:
            reply = await client.chat.completions.create(model=OPENAI_MODEL, messages=HI, n=2)
            stream = await client.chat.completions.create(model=OPENAI_MODEL, messages=HI,
                                                          stream=True)
            deltas = [c.choices[0].delta.content or "" async for c in stream if c.choices]
        return reply, "".join(deltas)

    reply, streamed = asyncio.run(run())
    assert [c.message.content for c in reply.choices] == [
        "echo(n=2): Say hello to the whole wide world",
        "echo(n=2): Say hello to the whole wide world #1"]
    assert streamed == "echo: Say hello to the whole wide world"


def test_mistral_complete_and_complete_async(mistral_server):
    client = mis(mistral_server)
    reply = client.chat.complete(model=MISTRAL_MODEL, messages=HI, top_p=0.9)
    assert reply.choices[0].message.content == "echo(top_p=0.9): Say hello to the whole wide world"
    assert reply.model == MISTRAL_MODEL and reply.choices[0].finish_reason == "stop"
    assert reply.usage.prompt_tokens == 7 and reply.usage.completion_tokens == 8
    async_reply = asyncio.run(
        client.chat.complete_async(model=MISTRAL_MODEL, messages=HI, top_p=0.9))
    assert async_reply.choices[0].message.content == reply.choices[0].message.content


def test_mistral_stream_and_stream_async(mistral_server):
    client = mis(mistral_server)
    events = list(client.chat.stream(model=MISTRAL_MODEL, messages=HI, temperature=0.1))
    assert events[0].data.choices[0].delta.role == "assistant"
    assert [e.data.usage is not None for e in events] == [False] * (len(events) - 1) + [True]
    assert events[-1].data.choices[0].finish_reason == "stop"
    assert events[-1].data.usage.total_tokens == 7 + 8
    text = "".join(e.data.choices[0].delta.content for e in events)
    assert text == "echo(temperature=0.1): Say hello to the whole wide world"

    async def run():
        stream = await client.chat.stream_async(model=MISTRAL_MODEL, messages=HI, temperature=0.1)
        return "".join([e.data.choices[0].delta.content async for e in stream])

    assert asyncio.run(run()) == text


def test_openai_stream_usage_only_when_asked(openai_server):
    client = oai(openai_server)
    plain = list(client.chat.completions.create(model=OPENAI_MODEL, messages=HI, stream=True))
    assert all(c.usage is None and c.choices for c in plain)
    assert plain[0].choices[0].delta.role == "assistant"
    assert plain[-1].choices[0].finish_reason == "stop"
    with_usage = list(client.chat.completions.create(
        model=OPENAI_MODEL, messages=HI, stream=True, stream_options={"include_usage": True}))
    assert with_usage[-1].choices == [] and with_usage[-1].usage.total_tokens == 7 + 8
    assert all(c.usage is None for c in with_usage[:-1])


# ---- the same request through both SDKs prints the same -----------------------------------

PARITY_CASES = [
    pytest.param({"seed": 7, "max_completion_tokens": 5}, {"random_seed": 7, "max_tokens": 5},
                 id="seed-max_tokens"),
    pytest.param({"temperature": 1, "top_p": 0.5, "stop": "wide"},
                 {"temperature": 1.0, "top_p": 0.5, "stop": ["wide"]}, id="sampling-stop"),
    pytest.param({"n": 2, "presence_penalty": 0.1, "frequency_penalty": 0.2},
                 {"n": 2, "presence_penalty": 0.1, "frequency_penalty": 0.2}, id="n-penalties"),
    pytest.param({"tools": [WEATHER_TOOL], "tool_choice": "none", "parallel_tool_calls": False},
                 {"tools": [WEATHER_TOOL], "tool_choice": "none", "parallel_tool_calls": False},
                 id="tools-none"),
    pytest.param({"response_format": {"type": "json_object"}, "seed": 3},
                 {"response_format": {"type": "json_object"}, "random_seed": 3}, id="json_object"),
]


@pytest.mark.parametrize(("openai_kwargs", "mistral_kwargs"), PARITY_CASES)
def test_same_request_same_content_through_both_sdks(openai_server, mistral_server,
                                                     openai_kwargs, mistral_kwargs):
    o = oai(openai_server).chat.completions.create(model=OPENAI_MODEL, messages=HI, **openai_kwargs)
    m = mis(mistral_server).chat.complete(model=MISTRAL_MODEL, messages=HI, **mistral_kwargs)
    assert [c.message.content for c in o.choices] == [c.message.content for c in m.choices]
    assert [c.finish_reason for c in o.choices] == [c.finish_reason for c in m.choices]
    assert (o.usage.prompt_tokens, o.usage.completion_tokens) == (
        m.usage.prompt_tokens, m.usage.completion_tokens)


def test_a_mapping_mistake_changes_the_content(openai_server, mistral_server):
    o = oai(openai_server).chat.completions.create(model=OPENAI_MODEL, messages=HI, seed=7)
    m = mis(mistral_server).chat.complete(model=MISTRAL_MODEL, messages=HI)  # seed dropped
    assert o.choices[0].message.content != m.choices[0].message.content


def test_max_tokens_stop_and_content_parts(openai_server):
    client = oai(openai_server)
    parts = [{"role": "user", "content": [{"type": "text", "text": "one two"},
                                          {"type": "image_url",
                                           "image_url": {"url": "http://x/i.png"}},
                                          {"type": "text", "text": "three STOP four"}]}]
    cut = client.chat.completions.create(model=OPENAI_MODEL, messages=parts, stop=["STOP", "zzz"])
    assert cut.choices[0].message.content == 'echo(stop=["STOP","zzz"]): one two three '
    assert cut.choices[0].finish_reason == "stop"
    short = client.chat.completions.create(model=OPENAI_MODEL, messages=parts, max_tokens=3)
    assert short.choices[0].message.content == "echo(max_tokens=3): one two"
    assert short.choices[0].finish_reason == "length"
    assert short.usage.prompt_tokens == 5


@pytest.mark.parametrize("kwargs", [{}, {"temperature": 0.4, "n": 2},
                                    {"max_completion_tokens": 4}, {"stop": "whole"}])
def test_stream_concatenation_equals_non_streaming_content(openai_server, mistral_server, kwargs):
    client = oai(openai_server)
    full = client.chat.completions.create(model=OPENAI_MODEL, messages=HI, **kwargs)
    texts: dict[int, str] = {}
    finish: dict[int, str] = {}
    for chunk in client.chat.completions.create(model=OPENAI_MODEL, messages=HI, stream=True,
                                                **kwargs):
        for c in chunk.choices:
            texts[c.index] = texts.get(c.index, "") + (c.delta.content or "")
            finish[c.index] = c.finish_reason or finish.get(c.index)
    assert [texts[i] for i in sorted(texts)] == [c.message.content for c in full.choices]
    assert [finish[i] for i in sorted(finish)] == [c.finish_reason for c in full.choices]

    mistral_kwargs = {("max_tokens" if k == "max_completion_tokens" else k): v
                      for k, v in kwargs.items()}
    mtexts: dict[int, str] = {}
    for event in mis(mistral_server).chat.stream(model=MISTRAL_MODEL, messages=HI,
                                                 **mistral_kwargs):
        for c in event.data.choices:
            mtexts[c.index] = mtexts.get(c.index, "") + (c.delta.content or "")
    assert mtexts == texts


# ---- tools ------------------------------------------------------------------------------

def _expected_weather_args(text: str) -> dict:
    return {"city": text, "days": 42, "unit": "celsius", "precise": True}


def test_openai_tool_call_round_trip(openai_server):
    client = oai(openai_server)
    messages = [{"role": "user", "content": "Paris"}]
    first = client.chat.completions.create(model=OPENAI_MODEL, messages=messages,
                                           tools=[CLOCK_TOOL, WEATHER_TOOL],
                                           tool_choice={"type": "function",
                                                        "function": {"name": "get_weather"}})
    choice = first.choices[0]
    assert choice.finish_reason == "tool_calls" and choice.message.content is None
    call, = choice.message.tool_calls
    assert re.fullmatch(r"call_[0-9a-f]{24}", call.id)
    assert call.function.name == "get_weather"
    assert json.loads(call.function.arguments) == _expected_weather_args("Paris")

    messages += [choice.message.model_dump(exclude_none=True),
                 {"role": "tool", "tool_call_id": call.id, "content": "22C and sunny"}]
    second = client.chat.completions.create(model=OPENAI_MODEL, messages=messages,
                                            tools=[WEATHER_TOOL], seed=1)
    assert second.choices[0].message.content == "tool result(seed=1): 22C and sunny"
    assert second.choices[0].finish_reason == "stop"


def test_mistral_tool_call_round_trip(mistral_server):
    client = mis(mistral_server)
    messages = [{"role": "user", "content": "Paris"}]
    first = client.chat.complete(model=MISTRAL_MODEL, messages=messages, tools=[WEATHER_TOOL],
                                 tool_choice="any")
    choice = first.choices[0]
    assert choice.finish_reason == "tool_calls"
    call, = choice.message.tool_calls
    assert re.fullmatch(r"[A-Za-z0-9]{9}", call.id)
    assert call.function.name == "get_weather"
    assert json.loads(call.function.arguments) == _expected_weather_args("Paris")

    messages += [choice.message,
                 {"role": "tool", "tool_call_id": call.id, "name": "get_weather",
                  "content": "22C and sunny"}]
    second = client.chat.complete(model=MISTRAL_MODEL, messages=messages, tools=[WEATHER_TOOL],
                                  random_seed=1)
    assert second.choices[0].message.content == "tool result(seed=1): 22C and sunny"


def test_streamed_tool_calls(openai_server, mistral_server):
    chunks = list(oai(openai_server).chat.completions.create(
        model=OPENAI_MODEL, messages=[{"role": "user", "content": "Paris"}],
        tools=[WEATHER_TOOL], stream=True))
    calls = [tc for c in chunks if c.choices for tc in c.choices[0].delta.tool_calls or []]
    assert len(calls) > 2  # id + name first, then argument fragments
    assert calls[0].id.startswith("call_") and calls[0].function.name == "get_weather"
    assert all(tc.index == 0 and tc.id is None for tc in calls[1:])
    arguments = "".join(tc.function.arguments or "" for tc in calls)
    assert json.loads(arguments) == _expected_weather_args("Paris")
    assert chunks[-1].choices[0].finish_reason == "tool_calls"

    events = list(mis(mistral_server).chat.stream(
        model=MISTRAL_MODEL, messages=[{"role": "user", "content": "Paris"}], tools=[WEATHER_TOOL]))
    mcalls = [tc for e in events for tc in e.data.choices[0].delta.tool_calls or []]
    assert len(mcalls) == 1
    assert json.loads(mcalls[0].function.arguments) == _expected_weather_args("Paris")
    assert events[-1].data.choices[0].finish_reason == "tool_calls" and events[-1].data.usage


def test_legacy_functions_on_openai(openai_server):
    reply = oai(openai_server).chat.completions.create(
        model=OPENAI_MODEL, messages=[{"role": "user", "content": "Rome"}],
        functions=[CLOCK_TOOL["function"], WEATHER_TOOL["function"]],
        function_call={"name": "get_weather"})
    choice = reply.choices[0]
    assert choice.finish_reason == "function_call" and not choice.message.tool_calls
    assert choice.message.function_call.name == "get_weather"
    assert json.loads(choice.message.function_call.arguments) == _expected_weather_args("Rome")


def test_mistral_rejects_openai_style_tool_call_ids(mistral_server):
    history = [{"role": "user", "content": "Paris"},
               {"role": "assistant", "content": "", "tool_calls": [
                   {"id": "call_abc123", "type": "function",
                    "function": {"name": "get_weather", "arguments": "{}"}}]},
               {"role": "tool", "tool_call_id": "call_abc123", "content": "sunny"}]
    with pytest.raises(errors.SDKError) as caught:
        mis(mistral_server).chat.complete(model=MISTRAL_MODEL, messages=history)
    assert caught.value.status_code == 400
    expected = "Tool call id was call_abc123 but must be a-z, A-Z, 0-9, with a length of 9"
    assert expected in caught.value.body


# ---- JSON modes ---------------------------------------------------------------------------

def test_json_object_mode(openai_server, mistral_server):
    reply = mis(mistral_server).chat.complete(model=MISTRAL_MODEL, messages=HI, random_seed=5,
                                              response_format={"type": "json_object"})
    assert json.loads(reply.choices[0].message.content) == {
        "echo": HI[0]["content"], "params": {"response_format": "json_object", "seed": 5}}


class Unit(str, Enum):
    C = "celsius"
    F = "fahrenheit"


class Place(BaseModel):
    city: str
    country: Optional[str]


class Forecast(BaseModel):
    place: Place
    unit: Unit
    highs: list[float]
    rain: bool


def test_json_schema_mode_parses_in_both_sdks(openai_server, mistral_server):
    expected = Forecast(place=Place(city="Lyon", country="Lyon"), unit=Unit.C, highs=[], rain=True)
    messages = [{"role": "user", "content": "Lyon"}]
    parsed = oai(openai_server).chat.completions.parse(model=OPENAI_MODEL, messages=messages,
                                                       response_format=Forecast)
    assert parsed.choices[0].message.parsed == expected
    mparsed = mis(mistral_server).chat.parse(response_format=Forecast, model=MISTRAL_MODEL,
                                             messages=messages)
    assert mparsed.choices[0].message.parsed == expected


# ---- embeddings and models -------------------------------------------------------------------

def test_openai_embeddings_base64_default_and_dimensions(fresh_openai_server):
    client = oai(fresh_openai_server)
    reply = client.embeddings.create(model="text-embedding-3-small", input=["alpha", "beta"])
    assert fresh_openai_server.requests[-1].body["encoding_format"] == "base64"
    first, second = (d.embedding for d in reply.data)
    assert len(first) == 1536 and isinstance(first[0], float)
    assert sum(x * x for x in first) == pytest.approx(1.0, abs=1e-5)
    assert first != second
    again = client.embeddings.create(model="text-embedding-3-small", input="alpha",
                                     encoding_format="float", dimensions=256)
    assert len(again.data[0].embedding) == 256
    assert reply.usage.prompt_tokens == 2


def test_mistral_embeddings(mistral_server):
    client = mis(mistral_server)
    reply = client.embeddings.create(model="mistral-embed", inputs=["alpha", "beta"])
    assert [len(d.embedding) for d in reply.data] == [1024, 1024]
    assert sum(x * x for x in reply.data[0].embedding) == pytest.approx(1.0)
    assert client.embeddings.create(model="mistral-embed", inputs="alpha").data[0].embedding == \
        reply.data[0].embedding
    assert len(client.embeddings.create(model="codestral-embed", inputs="a",
                                        output_dimension=64).data[0].embedding) == 64


def test_models_list(openai_server, mistral_server):
    assert "gpt-4o" in [m.id for m in oai(openai_server).models.list()]
    assert "mistral-small-latest" in [m.id for m in mis(mistral_server).models.list().data]


# ---- validation and auth ----------------------------------------------------------------------

def test_mistral_422_for_an_openai_only_field(mistral_server):
    client = openai.OpenAI(api_key=KEY, base_url=mistral_server.openai_base_url, max_retries=0)
    with pytest.raises(openai.UnprocessableEntityError) as caught:
        client.chat.completions.create(model=MISTRAL_MODEL, messages=HI, user="u1")
    detail, = caught.value.body["message"]["detail"]
    assert detail["type"] == "extra_forbidden" and detail["loc"] == ["body", "user"]
    assert detail["msg"] == "Extra inputs are not permitted"


@pytest.mark.parametrize("message", [
    pytest.param({"role": "developer", "content": "x"}, id="developer-role"),
    pytest.param({"role": "user", "content": "x", "name": "bob"}, id="name-on-user"),
])
def test_mistral_422_for_messages_it_does_not_accept(mistral_server, message):
    client = openai.OpenAI(api_key=KEY, base_url=mistral_server.openai_base_url, max_retries=0)
    with pytest.raises(openai.UnprocessableEntityError):
        client.chat.completions.create(model=MISTRAL_MODEL, messages=[message])


def test_mistral_400_for_unknown_model(mistral_server):
    with pytest.raises(errors.SDKError) as caught:
        mis(mistral_server).chat.complete(model="gpt-4o", messages=HI)
    assert caught.value.status_code == 400
    body = json.loads(caught.value.body)
    assert body["object"] == "error" and body["type"] == "invalid_model"
    assert mis(mistral_server).chat.complete(model="test-model", messages=HI).choices


def test_openai_400s(openai_server):
    client = oai(openai_server)
    with pytest.raises(openai.BadRequestError, match="random_seed"):
        client.chat.completions.create(model=OPENAI_MODEL, messages=HI,
                                       extra_body={"random_seed": 1})
    with pytest.raises(openai.BadRequestError) as caught:
        client.post("/chat/completions", body={"model": OPENAI_MODEL}, cast_to=object)
    assert caught.value.param == "messages" and caught.value.code == "missing_required_parameter"
    with pytest.raises(openai.BadRequestError):
        client.chat.completions.create(model=OPENAI_MODEL, messages=[])


def test_401_without_key(openai_server, mistral_server, monkeypatch):
    for header in ("Bearer", "Basic dGVzdDp0ZXN0"):  # the SDK insists on a key: override it
        with pytest.raises(openai.AuthenticationError):
            oai(openai_server, default_headers={"Authorization": header}).models.list()
    monkeypatch.delenv("MISTRAL_API_KEY", raising=False)
    with pytest.raises(errors.SDKError) as caught:
        Mistral(server_url=mistral_server.url).chat.complete(model=MISTRAL_MODEL, messages=HI)
    assert caught.value.status_code == 401 and json.loads(caught.value.body)["object"] == "error"


def test_unknown_path_is_404_in_the_personality_shape(openai_server, mistral_server):
    auth = {"Authorization": f"Bearer {KEY}"}
    o = httpx2.post(openai_server.url + "/v1/nothing", json={}, headers=auth)
    m = httpx2.get(mistral_server.url + "/v1/nothing", headers=auth)
    assert o.status_code == m.status_code == 404
    assert set(o.json()["error"]) == {"message", "type", "param", "code"}
    assert m.json()["object"] == "error"


# ---- fault injection -----------------------------------------------------------------------

def test_429_retry_after_is_honoured_by_the_openai_sdk(fresh_openai_server):
    fresh_openai_server.inject(status=429, retry_after=0.3)
    started = time.monotonic()
    reply = oai(fresh_openai_server, max_retries=2).chat.completions.create(
        model=OPENAI_MODEL, messages=HI)
    assert time.monotonic() - started >= 0.3
    assert reply.choices[0].message.content.startswith("echo")
    assert len(fresh_openai_server.requests) == 2
    assert fresh_openai_server.requests[1].headers["x-stainless-retry-count"] == "1"


def test_faults_apply_in_fifo_order(fresh_openai_server):
    fresh_openai_server.inject(status=429, retry_after=0.05)
    fresh_openai_server.inject(status=500, count=2)
    client = oai(fresh_openai_server)
    for expected in (openai.RateLimitError, openai.InternalServerError, openai.InternalServerError):
        with pytest.raises(expected):
            client.chat.completions.create(model=OPENAI_MODEL, messages=HI)
    assert fresh_openai_server.pending_faults == 0
    assert client.chat.completions.create(model=OPENAI_MODEL, messages=HI).choices


def test_mistral_500_is_sdkerror_and_retry_config_retries(fresh_mistral_server):
    fresh_mistral_server.inject(status=500)
    with pytest.raises(errors.SDKError) as caught:
        mis(fresh_mistral_server).chat.complete(model=MISTRAL_MODEL, messages=HI)
    assert caught.value.status_code == 500
    assert json.loads(caught.value.body)["object"] == "error"

    fresh_mistral_server.inject(status=429, retry_after=0.3)
    retrying = mis(fresh_mistral_server, retry_config=RetryConfig(
        "backoff", BackoffStrategy(10, 100, 2.0, 5000), retry_connection_errors=True))
    started = time.monotonic()
    assert retrying.chat.complete(model=MISTRAL_MODEL, messages=HI).choices
    assert time.monotonic() - started >= 0.3  # Retry-After wins over the 10 ms backoff
    assert len(fresh_mistral_server.requests) == 3


def test_mistral_422_fault_is_http_validation_error(fresh_mistral_server):
    fresh_mistral_server.inject(status=422)
    with pytest.raises(errors.HTTPValidationError) as caught:
        mis(fresh_mistral_server).chat.complete(model=MISTRAL_MODEL, messages=HI)
    # The real API nests `detail` under `message`; mistralai 3.7 models it at the top level.
    assert caught.value.data.detail is None
    assert json.loads(caught.value.body)["message"]["detail"]


def test_delay_and_latency(fresh_openai_server):
    fresh_openai_server.inject(delay=1.0)
    with pytest.raises(openai.APITimeoutError):
        oai(fresh_openai_server, timeout=0.2).models.list()
    slow = WireServer("mistral", latency=0.2)
    with slow:
        started = time.monotonic()
        mis(slow).models.list()
        assert time.monotonic() - started >= 0.2


def test_reset_is_a_connection_error(fresh_openai_server, fresh_mistral_server):
    fresh_openai_server.inject(reset=True)
    with pytest.raises(openai.APIConnectionError):
        oai(fresh_openai_server).chat.completions.create(model=OPENAI_MODEL, messages=HI)
    assert len(fresh_openai_server.requests) == 1
    fresh_mistral_server.inject(reset=True)
    with pytest.raises(httpx2.TransportError):
        mis(fresh_mistral_server).chat.complete(model=MISTRAL_MODEL, messages=HI)


def test_torn_stream_raises_mid_iteration(fresh_openai_server, fresh_mistral_server):
    fresh_openai_server.inject(torn_stream=True)
    received = []
    with pytest.raises(openai.APIConnectionError):
        for chunk in oai(fresh_openai_server).chat.completions.create(
                model=OPENAI_MODEL, messages=HI, stream=True):
            received.append(chunk)
    assert received and received[0].choices[0].delta.role == "assistant"

    fresh_mistral_server.inject(torn_stream=True)
    events = []
    with pytest.raises(httpx2.RemoteProtocolError):
        for event in mis(fresh_mistral_server).chat.stream(model=MISTRAL_MODEL, messages=HI):
            events.append(event)
    assert events and events[-1].data.choices[0].finish_reason is None


def test_inject_rejects_contradictions(fresh_openai_server):
    with pytest.raises(ValueError):
        fresh_openai_server.inject(status=500, reset=True)
    with pytest.raises(ValueError):
        fresh_openai_server.inject()


# ---- the reply function itself -----------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
       seed=st.integers(0, 2**31), max_tokens=st.integers(0, 12),
       temperature=st.floats(0, 2, allow_nan=False))
def test_openai_and_mistral_spellings_give_the_same_reply(text, seed, max_tokens, temperature):
    messages = [{"role": "user", "content": text}]
    o = {"model": "gpt-4o", "messages": messages, "seed": seed,
         "max_completion_tokens": max_tokens, "temperature": temperature}
    m = {"model": "mistral-large-latest", "messages": messages, "random_seed": seed,
         "max_tokens": max_tokens, "temperature": temperature, "stream": False}
    assert normalize_params(o) == normalize_params(m)
    assert build_chat_reply(o, "openai") == build_chat_reply(m, "mistral")
    content = build_chat_reply(o, "openai").choices[0].content
    assert "".join(wire_server._deltas(content)) == content
    assert len(content.split()) <= max_tokens


def test_base64_is_little_endian_float32():
    vector = wire_server.embedding_vector("x", 4)
    encoded = wire_server._encode(vector, {"encoding_format": "base64"})
    assert struct.unpack("<4f", base64.b64decode(encoded)) == pytest.approx(vector, rel=1e-6)


def test_routing_sends_a_bare_mistral_client_to_the_wire_server(program_env, mistral_server, tmp_path):
    """tests/routing/sitecustomize.py: a converted `Mistral()` (no server_url) reaches the loopback
    server in test programs, through the real SDK over a real socket."""
    import subprocess
    import sys

    program = tmp_path / "bare.py"
    program.write_text("from mistralai.client import Mistral\n"
                       "r = Mistral().chat.complete(model='mistral-small-latest', "
                       "messages=[{'role': 'user', 'content': 'hi'}])\n"
                       "print(r.choices[0].message.content)\n")
    done = subprocess.run([sys.executable, str(program)], env=program_env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert "hi" in done.stdout


# ---- text to speech (POST /v1/audio/speech, MIG120) ------------------------------------------------

def test_speech_field_sets_match_both_sdks():
    from openai.types.audio import speech_create_params

    assert wire_server.SPEECH_FIELDS["openai"] == set(speech_create_params.SpeechCreateParams.__annotations__)
    assert wire_server.SPEECH_FIELDS["mistral"] == _aliases(models.SpeechRequest)
    assert wire_server.SPEECH_FORMATS["mistral"] == set(get_args(models.SpeechOutputFormat))


def test_speech_same_audio_through_both_sdks(openai_server, mistral_server):
    """OpenAI answers the bytes with the format's content type, Mistral base64 JSON: the same audio."""
    spoken = oai(openai_server).audio.speech.create(model="tts-1", voice="alloy", input="Bonjour", response_format="wav")
    assert spoken.response.headers["content-type"] == "audio/wav" and spoken.content.startswith(b"RIFF")
    reply = mis(mistral_server).audio.speech.complete(model="voxtral-mini-tts-latest", voice_id="gb_jane_neutral",
                                                      input="Bonjour", response_format="wav")
    assert base64.b64decode(reply.audio_data) == spoken.content
    # OpenAI's default format is mp3; another text or speed is other audio
    default = oai(openai_server).audio.speech.create(model="tts-1", voice="alloy", input="Bonjour")
    assert default.response.headers["content-type"] == "audio/mpeg" and default.content.startswith(b"ID3")
    assert default.content != oai(openai_server).audio.speech.create(
        model="tts-1", voice="alloy", input="Bonjour", speed=2.0).content
    assert default.content != oai(openai_server).audio.speech.create(model="tts-1", voice="alloy", input="Salut").content


def test_speech_mistral_rejects_what_it_does_not_take(mistral_server, openai_server):
    client = mis(mistral_server)
    with pytest.raises(errors.HTTPValidationError, match="Voice 'alloy' not found"):
        client.audio.speech.complete(model="voxtral-mini-tts-latest", voice_id="alloy", input="Hi")
    with pytest.raises(errors.HTTPValidationError, match="voice_id"):
        client.audio.speech.complete(model="voxtral-mini-tts-latest", input="Hi")
    with pytest.raises(errors.HTTPValidationError, match="speed"):
        client.audio.speech.complete(model="voxtral-mini-tts-latest", voice_id="en_paul_neutral", input="Hi",
                                     additional_properties={"speed": 1.5})
    # no documented default format: not OpenAI's mp3, so a conversion must name it
    reply = client.audio.speech.complete(model="voxtral-mini-tts-latest", voice_id="en_paul_neutral", input="Hi")
    assert base64.b64decode(reply.audio_data).startswith(b"RIFF")
    with pytest.raises(openai.BadRequestError, match="voice_id"):
        oai(openai_server).audio.speech.create(model="tts-1", voice="alloy", input="Hi", extra_body={"voice_id": "x"})


async def _speak_async(server) -> bytes:
    reply = await mis(server).audio.speech.complete_async(model="voxtral-mini-tts-latest", voice_id="voice_478",
                                                          input="Later", response_format="flac")
    return base64.b64decode(reply.audio_data)


def test_speech_async_clients(openai_server, mistral_server):
    async def openai_side() -> bytes:
        spoken = await openai.AsyncOpenAI(api_key=KEY, base_url=openai_server.openai_base_url, max_retries=0
                                          ).audio.speech.create(model="tts-1", voice="nova", input="Later",
                                                                response_format="flac")
        return await spoken.aread()

    assert asyncio.run(openai_side()) == asyncio.run(_speak_async(mistral_server))
