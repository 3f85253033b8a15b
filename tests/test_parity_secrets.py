"""No secret from the environment or the recordings appears in any file the harness writes.

Secrets are planted everywhere they can hide: API keys in the environment (sent as Authorization
headers by both SDKs), a password-like environment value and an sk- key pasted into a prompt
(and echoed back by the server into both answers), a header in a recording's meta, and a customer
number only a user regex knows. The flow is the real one: record through the proxy, import a
cassette, replay with both sides live, report.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import openai
from typer.testing import CliRunner

from migrator.cli import app
from migrator.parity.proxy import RecordingProxy
from migrator.parity.recordings import Scrubber

OPENAI_KEY = "sk-proj-PLANTEDopenaiKEY0123456789abcdef"
MISTRAL_KEY = "PLANTEDmistralKEY0123456789"
DB_PASSWORD = "hunter2-PLANTED-db-password"
PASTED_KEY = "sk-PLANTEDpastedKEYinAprompt0123456789"
CUSTOMER = "CUST-778812"
SECRETS = (OPENAI_KEY, MISTRAL_KEY, DB_PASSWORD, PASTED_KEY, CUSTOMER, "PLANTED")


def _all_text(*roots: Path) -> str:
    parts = []
    for root in roots:
        files = [root] if root.is_file() else [p for p in root.rglob("*") if p.is_file()]
        parts += [p.read_bytes().decode("utf-8", "replace") for p in files]
    return "\n".join(parts)


def test_planted_secrets_never_reach_an_output_file(fresh_openai_server, fresh_mistral_server,
                                                    tmp_path, monkeypatch):
    for name in list(os.environ):
        if name.startswith(("OPENAI_", "MISTRAL_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_KEY)
    monkeypatch.setenv("MISTRAL_API_KEY", MISTRAL_KEY)
    monkeypatch.setenv("SHOP_DB_PASSWORD", DB_PASSWORD)
    recordings = tmp_path / "recordings.jsonl"
    prompt = f"debug: db password {DB_PASSWORD}, key {PASTED_KEY}, customer {CUSTOMER}"

    # 1. record through the proxy (the app authenticates with the planted key)
    with RecordingProxy(fresh_openai_server.url, recordings,
                        scrubber=Scrubber([r"CUST-\d+"])) as proxy:
        sdk = openai.OpenAI(base_url=proxy.url + "/v1", max_retries=0)
        sdk.chat.completions.create(model="gpt-4o-mini", seed=1,
                                    messages=[{"role": "user", "content": prompt}])
        list(sdk.chat.completions.create(model="gpt-4o-mini", stream=True,
                                         messages=[{"role": "user", "content": prompt}]))
    # 2. import a cassette whose request headers and meta hold keys
    cassette = tmp_path / "c.yaml"
    cassette.write_text(
        "interactions:\n- request:\n"
        f"    body: '{json.dumps({'model': 'gpt-4o', 'messages': [{'role': 'user', 'content': prompt}]})}'\n"
        f"    headers: {{Authorization: [Bearer {OPENAI_KEY}], api-key: [{MISTRAL_KEY}]}}\n"
        "    method: POST\n    uri: https://api.openai.com/v1/chat/completions\n"
        "  response:\n    body: {string: '{\"choices\": [{\"index\": 0, \"message\": {\"role\": "
        f"\"assistant\", \"content\": \"{PASTED_KEY}\"}}, \"finish_reason\": \"stop\"}}]}}'}}\n"
        "    status: {code: 200, message: OK}\n")
    runner = CliRunner()
    imported = runner.invoke(app, ["parity", "record", "--import", str(cassette), "--out",
                                   str(recordings), "--scrub", r"CUST-\d+"])
    assert imported.exit_code == 0, imported.output
    assert len(recordings.read_text().splitlines()) == 3
    # a recording file written by someone else, secrets and all (input, not scanned below):
    # what the run writes from it must be scrubbed on the way out
    foreign = tmp_path / "foreign.jsonl"
    with foreign.open("w") as handle:
        handle.write(json.dumps({"id": "raw", "endpoint": "chat.completions", "request": {
            "model": "gpt-4o-mini", "messages": [{"role": "user", "content": prompt}]},
            "response": None, "meta": {"headers": {"Authorization": f"Bearer {OPENAI_KEY}"}}}) + "\n")

    # 3. replay, both sides live, then report
    out = tmp_path / "run"
    result = runner.invoke(app, [
        "parity", "run", str(recordings), str(foreign), "--out", str(out), "--no-progress",
        "--baseline", "openai", "--baseline-url", fresh_openai_server.openai_base_url,
        "--candidate", "mistral", "--candidate-url", fresh_mistral_server.url,
        "--scrub", r"CUST-\d+", "--cache", str(tmp_path / "cache")])
    assert result.exit_code in (0, 1), result.output
    assert "4 sample(s) replayed" in result.output
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert all(r["candidate"]["error"] is None for r in rows), [r["candidate"]["error"] for r in rows]
    assert any("[REDACTED]" in (r["candidate"]["text"] or "") for r in rows)  # echoes were scrubbed

    # The keys really were sent (so the test could catch a leak of them) ...
    sent = [r.headers.get("authorization") for r in fresh_mistral_server.requests]
    assert sent and all(h == f"Bearer {MISTRAL_KEY}" for h in sent)
    # ... and no planted secret is in any file written: recordings, results, reports, cache.
    written = _all_text(recordings, out, tmp_path / "cache") + result.output + imported.output
    leaked = [s for s in SECRETS if s in written]
    where = {str(p) for root in (recordings, out, tmp_path / "cache")
             for p in ([root] if root.is_file() else root.rglob("*"))
             if p.is_file() and any(s in p.read_text("utf-8", "replace") for s in SECRETS)}
    assert leaked == [], where
