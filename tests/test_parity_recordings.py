"""Recordings: native JSONL (streamed), validation with line numbers, importers, scrubbing."""

from __future__ import annotations

import json
import textwrap

import pytest

from migrator.parity.model import Recording
from migrator.parity.recordings import (REDACTED, LoadStats, RecordingWriter, Scrubber,
                                        assemble_chat_stream, detect_format, import_recordings,
                                        parse_sse, read_native, read_openai_batch,
                                        read_recordings, read_vcr)

CHAT = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}
ANSWER = {"id": "chatcmpl-1", "object": "chat.completion", "choices": [
    {"index": 0, "message": {"role": "assistant", "content": "hello"}, "finish_reason": "stop"}]}


def _line(**fields) -> str:
    base = {"id": "a", "endpoint": "chat.completions", "request": CHAT, "response": ANSWER}
    base.update(fields)
    return json.dumps(base)


def test_native_file_is_read_lazily_and_bad_lines_are_reported_by_number(tmp_path):
    """Malformed records are skipped with file:line and a reason; the rest load, counted."""
    path = tmp_path / "rec.jsonl"
    path.write_text("\n".join([
        _line(id="ok-1"),
        "{not json",
        _line(id="ok-2", endpoint="completions"),
        json.dumps({"id": "x", "endpoint": "chat.completions", "request": {"model": "m"}}),
        "",
        _line(id="ok-3", response=None),
        json.dumps(["a list"]),
    ]) + "\n")
    stats = LoadStats()
    seen = []
    records = read_native(path, stats, on_error=seen.append)
    first = next(records)  # a generator: nothing past the first line has been judged yet
    assert first.id == "ok-1" and stats.invalid == 0
    rest = list(records)
    assert [r.id for r in rest] == ["ok-3"]
    assert rest[0].response is None
    assert stats.loaded == 2 and stats.invalid == 4
    assert [(e.line, e.message.split(" (")[0]) for e in stats.errors] == [
        (2, "not valid JSON"),
        (3, "'endpoint' must be one of chat.completions, embeddings, responses, not 'completions'"),
        (4, "'request.messages' must be a non-empty list"),
        (7, "expected a JSON object, got list"),
    ]
    assert str(seen[0]).startswith(f"{path}:2: ")


def test_openai_batch_input_joined_with_output_by_custom_id(tmp_path):
    """Batch input lines become recordings; output bodies are matched by custom_id in any
    order; a failed output line leaves the response empty and says why."""
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    inp.write_text("\n".join(json.dumps(x) for x in [
        {"custom_id": "r1", "method": "POST", "url": "/v1/chat/completions", "body": CHAT},
        {"custom_id": "r2", "method": "POST", "url": "/v1/chat/completions", "body": CHAT},
        {"custom_id": "r3", "method": "POST", "url": "/v1/embeddings",
         "body": {"model": "text-embedding-3-small", "input": "x"}},
        {"custom_id": "r4", "method": "POST", "url": "/v1/moderations", "body": {"input": "x"}},
        {"custom_id": "r5", "url": "/v1/chat/completions", "body": {"model": "gpt-4o"}},
    ]) + "\n")
    out.write_text("\n".join(json.dumps(x) for x in [
        {"id": "b2", "custom_id": "r2", "response": {"status_code": 429, "body": {"error": {}}},
         "error": None},
        {"id": "b1", "custom_id": "r1", "response": {"status_code": 200, "body": ANSWER},
         "error": None},
    ]) + "\n")
    assert detect_format(inp) == "openai-batch"
    stats = LoadStats()
    records = {r.id: r for r in read_openai_batch(inp, out, stats)}
    assert set(records) == {"r1", "r2", "r3"}
    assert records["r1"].response == ANSWER
    assert records["r2"].response is None and records["r2"].meta["recorded_error"]["status"] == 429
    assert records["r3"].endpoint == "embeddings"
    assert stats.skipped == 1  # moderations: not replayed
    assert stats.invalid == 1 and stats.errors[0].line == 5


CASSETTE = textwrap.dedent("""\
    interactions:
    - request:
        body: '{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}'
        headers:
          Authorization: [Bearer sk-proj-ABCDEFGHIJKLMNOPQRSTUVWX]
        method: POST
        uri: https://api.openai.com/v1/chat/completions
      response:
        body: {string: '{"choices": [{"index": 0, "message": {"role": "assistant", "content": "hello"}, "finish_reason": "stop"}]}'}
        headers: {}
        status: {code: 200, message: OK}
    - request:
        body: null
        method: GET
        uri: https://api.openai.com/v1/models
      response:
        body: {string: '{}'}
        status: {code: 200, message: OK}
    - request:
        body: '{"model": "gpt-4o-mini", "stream": true, "messages": [{"role": "user", "content": "s"}]}'
        method: POST
        uri: https://api.openai.com/v1/chat/completions
      response:
        body:
          string: "data: {\\"choices\\": [{\\"index\\": 0, \\"delta\\": {\\"content\\": \\"he\\"}}]}\\n\\ndata: {\\"choices\\": [{\\"index\\": 0, \\"delta\\": {\\"content\\": \\"llo\\"}, \\"finish_reason\\": \\"stop\\"}]}\\n\\ndata: [DONE]\\n\\n"
        status: {code: 200, message: OK}
    - request: {method: POST}
      response: {}
    - request:
        body: '{"model": "gpt-4o", "messages": [{"role": "user", "content": "x"}]}'
        method: POST
        uri: https://api.openai.com/v1/chat/completions
      response:
        body: {string: '{"error": {"message": "rate"}}'}
        status: {code: 429, message: Too Many Requests}
    """)


def test_vcr_cassette_keeps_openai_endpoints_and_assembles_streams(tmp_path):
    path = tmp_path / "test_chat.yaml"
    path.write_text(CASSETTE)
    stats = LoadStats()
    records = list(read_vcr(path, stats))
    assert [r.id for r in records] == ["test_chat-1", "test_chat-3", "test_chat-5"]
    assert records[0].response["choices"][0]["message"]["content"] == "hello"
    assert records[1].response["choices"][0]["message"]["content"] == "hello"
    assert records[1].response["choices"][0]["finish_reason"] == "stop"
    assert records[2].response is None and records[2].meta["recorded_error"]["status"] == 429
    assert stats.skipped == 1
    assert stats.invalid == 1 and "interaction 4" in stats.errors[0].message


def test_broken_cassette_is_one_error_not_a_crash(tmp_path):
    path = tmp_path / "bad.yml"
    path.write_text("interactions: [\n  - {a: 1\n")
    stats = LoadStats()
    assert list(read_recordings([path], stats)) == []
    assert stats.invalid == 1 and "not valid YAML" in stats.errors[0].message


def test_import_scrubs_keys_headers_env_secrets_and_user_patterns(tmp_path, monkeypatch):
    """Nothing secret reaches the written file, wherever it sat in the source."""
    monkeypatch.setenv("ACME_SERVICE_TOKEN", "tok-planted-0123456789")
    cassette = tmp_path / "c.yaml"
    cassette.write_text(CASSETTE.replace('"content": "hi"', '"content": "my key is '
                                         'sk-abcdefghijklmnopqrstuvwxyz0123 and tok-planted-0123456789,'
                                         ' account ACCT-99812"'))
    out = tmp_path / "rec.jsonl"
    stats = import_recordings([cassette], out, scrubber=Scrubber([r"ACCT-\d+"]))
    text = out.read_text()
    assert stats.loaded == 3
    for secret in ("sk-abcdefghijklmnopqrstuvwxyz0123", "tok-planted-0123456789", "ACCT-99812",
                   "sk-proj-ABCDEFGHIJKLMNOPQRSTUVWX"):
        assert secret not in text
    first = json.loads(text.splitlines()[0])
    assert first["request"]["messages"][0]["content"] == (
        f"my key is {REDACTED} and {REDACTED}, account {REDACTED}")


def test_scrubber_redacts_secret_header_values_in_any_dict():
    scrub = Scrubber(environ={})
    data = {"meta": {"headers": {"Authorization": "Bearer abc", "API-Key": "k", "x": "y"}},
            "text": "Authorization: Bearer abcdefghij1234"}
    assert scrub(data) == {"meta": {"headers": {"Authorization": REDACTED, "API-Key": REDACTED,
                                                "x": "y"}},
                           "text": f"Authorization: Bearer {REDACTED}"}


def test_writer_appends_one_flushed_line_per_recording(tmp_path):
    path = tmp_path / "sub" / "rec.jsonl"
    with RecordingWriter(path, Scrubber(environ={})) as writer:
        writer.write(Recording("1", "chat.completions", CHAT, ANSWER))
        assert path.read_text().count("\n") == 1  # visible before close
        writer.write(Recording("2", "chat.completions", CHAT, None, {"k": "v"}))
    assert [r.id for r in read_native(path)] == ["1", "2"]


def test_directories_are_walked(tmp_path):
    (tmp_path / "a.jsonl").write_text(_line(id="n1") + "\n")
    (tmp_path / "b.yaml").write_text(CASSETTE)
    (tmp_path / "notes.txt").write_text("ignored")
    ids = [r.id for r in read_recordings([tmp_path])]
    assert ids == ["n1", "b-1", "b-3", "b-5"]


def test_stream_assembly_merges_tool_call_fragments_and_keeps_usage():
    raw = b"".join(f"data: {json.dumps(e)}\n\n".encode() for e in [
        {"id": "c", "model": "m", "choices": [{"index": 0, "delta": {"role": "assistant", "tool_calls": [
            {"index": 0, "id": "call_1", "type": "function", "function": {"name": "f", "arguments": ""}}]}}]},
        {"choices": [{"index": 0, "delta": {"tool_calls": [{"index": 0, "function": {"arguments": '{"a":'}}]}}]},
        {"choices": [{"index": 0, "delta": {"tool_calls": [{"index": 0, "function": {"arguments": " 1}"}}]},
                      "finish_reason": "tool_calls"}]},
        {"choices": [], "usage": {"prompt_tokens": 3, "completion_tokens": 2}},
    ]) + b"data: [DONE]\n\n"
    body = assemble_chat_stream(parse_sse(raw))
    call = body["choices"][0]["message"]["tool_calls"][0]
    assert call == {"id": "call_1", "type": "function", "function": {"name": "f", "arguments": '{"a": 1}'}}
    assert body["choices"][0]["finish_reason"] == "tool_calls"
    assert body["usage"] == {"prompt_tokens": 3, "completion_tokens": 2}
    assert body["id"] == "c" and body["model"] == "m"


@pytest.mark.parametrize("name, first, expected", [
    pytest.param("a.yaml", "interactions: []", "vcr", id="yaml"),
    pytest.param("a.jsonl", '{"custom_id": "x", "body": {}}', "openai-batch", id="batch"),
    pytest.param("a.jsonl", _line(), "native", id="native"),
    pytest.param("a.jsonl", "garbage", "native", id="garbage-is-native-and-reported-later"),
])
def test_detect_format(tmp_path, name, first, expected):
    path = tmp_path / name
    path.write_text(first + "\n")
    assert detect_format(path) == expected


@pytest.mark.parametrize("data", [
    pytest.param({"a": "key sk-abcdefghijklmnopqrstuvwxyz and p\"w\\secret-123456"}, id="escaped"),
    pytest.param({"h": {"Authorization": "x"}, "t": "Bearer abcdefghijkl"}, id="header-key"),
    pytest.param({"t": ["plain", 1, None, {"n": "sk-short"}]}, id="nothing"),
])
def test_scrubber_dumps_equals_scrubbing_then_dumping(data):
    scrub = Scrubber(environ={"DB_PASSWORD": 'p"w\\secret-123456'})
    assert scrub.dumps(data) == json.dumps(scrub(data), ensure_ascii=False)
    assert 'secret-123456' not in scrub.dumps(data)
