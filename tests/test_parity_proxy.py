"""The recording proxy: the real openai SDK -> proxy -> wire server (OpenAI personality)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import openai
import pytest
from typer.testing import CliRunner

from migrator.cli import app
from migrator.parity.proxy import RecordingProxy
from migrator.parity.recordings import LoadStats, read_native

REPO = Path(__file__).resolve().parent.parent
APP_KEY = "sk-proj-appKEYappKEYappKEYappKEY0001"


def client(proxy: RecordingProxy) -> openai.OpenAI:
    return openai.OpenAI(api_key=APP_KEY, base_url=proxy.url + "/v1", max_retries=0)


def test_json_stream_and_embeddings_are_recorded_as_replayable_recordings(fresh_openai_server,
                                                                         tmp_path):
    out = tmp_path / "rec.jsonl"
    with RecordingProxy(fresh_openai_server.url, out) as proxy:
        sdk = client(proxy)
        reply = sdk.chat.completions.create(model="gpt-4o-mini", seed=3, messages=[
            {"role": "user", "content": "hello there"}])
        stream = sdk.chat.completions.create(
            model="gpt-4o-mini", stream=True, stream_options={"include_usage": True},
            tools=[{"type": "function", "function": {"name": "lookup", "parameters": {
                "type": "object", "properties": {"q": {"type": "string"}}}}}],
            messages=[{"role": "user", "content": "find it"}])
        chunks = list(stream)
        vector = sdk.embeddings.create(model="text-embedding-3-small", input="abc")
        models = sdk.models.list()
    assert reply.choices[0].message.content == "echo(seed=3): hello there"
    assert chunks[-1].usage.total_tokens > 0 and len(vector.data[0].embedding) == 1536
    assert [m.id for m in models][0] == "gpt-4o"
    stats = LoadStats()
    records = list(read_native(out, stats))
    assert stats.invalid == 0 and proxy.recorded == 3 and proxy.not_recorded == 1  # GET /models
    chat, streamed, embedding = records
    assert chat.request == {"model": "gpt-4o-mini", "seed": 3,
                            "messages": [{"role": "user", "content": "hello there"}]}
    assert chat.response == json.loads(json.dumps(reply.model_dump(exclude_unset=True)))
    assert streamed.meta["stream"] is True and streamed.request["stream"] is True
    call = streamed.response["choices"][0]["message"]["tool_calls"][0]
    assert call["function"] == {"name": "lookup", "arguments": '{"q": "find it"}'}
    assert call["id"].startswith("call_")
    assert streamed.response["choices"][0]["finish_reason"] == "tool_calls"
    assert embedding.endpoint == "embeddings" and embedding.request["encoding_format"] == "base64"
    assert chat.id.startswith("rec-000001-") and streamed.id.startswith("rec-000002-")
    assert APP_KEY not in out.read_text()


def test_errors_are_relayed_and_torn_streams_not_recorded(fresh_openai_server, tmp_path):
    out = tmp_path / "rec.jsonl"
    fresh_openai_server.inject(status=429, retry_after=0.1)
    fresh_openai_server.inject(torn_stream=True)
    with RecordingProxy(fresh_openai_server.openai_base_url, out) as proxy:
        sdk = client(proxy)
        with pytest.raises(openai.RateLimitError) as caught:
            sdk.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "a"}])
        assert caught.value.response.headers["retry-after"] == "0.1"
        with pytest.raises(openai.APIConnectionError):
            list(sdk.chat.completions.create(model="gpt-4o", stream=True,
                                             messages=[{"role": "user", "content": "b c d e"}]))
        ok = sdk.with_options(max_retries=2).chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "c"}])
    assert ok.choices[0].message.content == "echo: c"
    assert [r.request["messages"][0]["content"] for r in read_native(out)] == ["c"]
    assert proxy.not_recorded == 2


def test_upstream_down_is_a_502(tmp_path):
    with RecordingProxy("http://127.0.0.1:9", tmp_path / "r.jsonl") as proxy:
        with pytest.raises(openai.InternalServerError) as caught:
            client(proxy).chat.completions.create(model="gpt-4o", messages=[
                {"role": "user", "content": "x"}])
    assert caught.value.status_code == 502


def test_cli_record_listen_until_sigterm(fresh_openai_server, tmp_path):
    """`migrator parity record --listen` with the app pointed at it through OPENAI_BASE_URL."""
    out = tmp_path / "rec.jsonl"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "MISTRAL_"))}
    proc = subprocess.Popen([sys.executable, "-m", "migrator", "parity", "record", "--listen",
                             "127.0.0.1:0", "--upstream", fresh_openai_server.openai_base_url,
                             "--out", str(out)], cwd=REPO, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        base_url = line.split("OPENAI_BASE_URL=")[1].strip()
        app_env = {**env, "OPENAI_BASE_URL": base_url, "OPENAI_API_KEY": APP_KEY}
        program = ("from openai import OpenAI; c = OpenAI(); print(c.chat.completions.create("
                   "model='gpt-4o-mini', messages=[{'role': 'user', 'content': 'via env'}])"
                   ".choices[0].message.content)")
        ran = subprocess.run([sys.executable, "-c", program], env=app_env, capture_output=True,
                             text=True, timeout=60)
        assert ran.stdout.strip() == "echo: via env", ran.stderr
    finally:
        proc.send_signal(signal.SIGTERM)
        tail, _ = proc.communicate(timeout=20)
    assert proc.returncode == 0 and "1 exchange(s) recorded" in tail
    (record,) = read_native(out)
    assert record.response["choices"][0]["message"]["content"] == "echo: via env"


def test_cli_record_import(tmp_path):
    source = tmp_path / "batch.jsonl"
    source.write_text(json.dumps({"custom_id": "c1", "method": "POST", "url": "/v1/chat/completions",
                                  "body": {"model": "gpt-4o", "messages": [
                                      {"role": "user", "content": "sk-abcdefghijklmnopqrstuvwxyz"}]}})
                      + "\nnot json\n")
    out = tmp_path / "rec.jsonl"
    result = CliRunner().invoke(app, ["parity", "record", "--import", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 recording(s) written" in result.output and "1 malformed" in result.output
    assert f"{source}:2: not valid JSON" in result.output
    assert "sk-abc" not in out.read_text()
