"""Calls of surfaces Mistral has no rule or counterpart for, on a kept client: one TODO each, naming
the closest Mistral feature (migrator.mapping.surfaces), on the mistral target only."""

from __future__ import annotations

import pytest

from migrator.config import Config
from migrator.engine.transform import transform_source
from migrator.mapping.openai_resources import OPENAI_RESOURCES, OPENAI_VERSION, installed_table
from migrator.mapping.surfaces import closest_feature
from mechanics import backoff

SOURCE = '''\
from openai import OpenAI

client = OpenAI()
run = client.beta.threads.runs.create(thread_id="t", assistant_id="a")
store = client.vector_stores.create(name="docs")
job = client.fine_tuning.jobs.create(training_file="f", model="gpt-4o-mini")
reply = client.chat.completions.create(model="gpt-4o", messages=[])
'''


def test_longest_listed_prefix_wins():
    assert "conversations" in closest_feature("beta.threads.runs.create")
    assert "transcriptions.complete" in closest_feature("audio.transcriptions.create")
    assert "fim.complete" in closest_feature("completions.create")
    assert closest_feature("chat.completions.create") is None


def test_one_todo_per_use_on_the_mistral_target_only():
    outcome = transform_source(SOURCE, config=Config())
    todos = {(t.rule, t.line): t.message for t in outcome.findings if t.kind.value == "todo"}
    assert "client.beta.conversations.start" in todos[("MIG106", 4)]
    assert "client.beta.libraries.create" in todos[("MIG106", 5)]
    assert "no fine-tuning client" in todos[("MIG106", 6)]
    assert ("MIG106", 7) not in todos  # a chat call on the kept client: named by the constructor's TODO
    assert "kept on OpenAI" in todos[("MIG101", 3)]
    compat = transform_source(SOURCE, config=Config(target="openai-compatible", provider="mistral"))
    assert not [t for t in compat.findings if t.kind.value == "todo" and t.rule == "MIG106"]


def test_another_providers_client_gets_none(tmp_path):
    """A kept call whose client is another provider's (its base_url comes from the app's configuration,
    built in another module) is left alone: no TODO of its own (langroid's OpenAIAssistant)."""
    from migrator.engine import Mode, run

    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "llm.py").write_text(
        "from openai import OpenAI\n\n\nclass LLM:\n    def __init__(self, config):\n"
        "        if config.api_base:\n            self.client = OpenAI(base_url=config.api_base)\n"
        "        else:\n            self.client = OpenAI()\n")
    agent = ("import openai\n\nfrom app.llm import LLM\n\n\nclass Assistant:\n    def __init__(self, config):\n"
             "        self.llm: LLM = LLM(config)\n        self.client: openai.OpenAI = self.llm.client\n"
             "        self.thread = self.client.beta.threads.create()\n")
    (tmp_path / "app" / "agent.py").write_text(agent)
    run([tmp_path], mode=Mode.WRITE, config=Config())
    assert (tmp_path / "app" / "agent.py").read_text() == agent


def test_no_env_todo_next_to_a_kept_splat_client(tmp_path):
    """A key read that feeds a client kept on OpenAI (built from **kwargs) gets no "the converted client
    reads MISTRAL_API_KEY" TODO because another file converts its client (gorilla, Qwen-Agent)."""
    from migrator.engine import Mode, run

    (tmp_path / "a.py").write_text('from openai import OpenAI\n\nc = OpenAI()\n'
                                   'c.chat.completions.create(model="gpt-4o", messages=[])\n')
    kept = ("import os\nfrom openai import OpenAI\n\n\nclass Handler:\n    def __init__(self):\n"
            "        self.client = OpenAI(**self._kwargs())\n\n    def _kwargs(self):\n        kw = {}\n"
            "        if api_key := os.getenv(\"OPENAI_API_KEY\"):\n            kw[\"api_key\"] = api_key\n"
            "        return kw\n\n    def go(self, **params):\n        return self.client.responses.create(**params)\n")
    (tmp_path / "b.py").write_text(kept)
    run([tmp_path], mode=Mode.WRITE, config=Config())
    after = (tmp_path / "b.py").read_text()
    assert "MISTRAL_API_KEY" not in after and "kept on OpenAI" in after
    assert "c = Mistral(\n    retry_config=RetryConfig(\n        \"backoff\",\n" + backoff(8) + "        retry_connection_errors=True,\n    ),\n)" in (tmp_path / "a.py").read_text()


def test_the_full_hint_once_per_family_and_file():
    outcome = transform_source("from openai import OpenAI\n\nclient = OpenAI()\n"
                               "a = client.beta.assistants.create(model='gpt-4o')\n"
                               "b = client.beta.assistants.retrieve('a')\n"
                               "c = client.files.wait_for_processing('file-1')\n", config=Config())
    todos = {t.line: t.message for t in outcome.findings if t.rule == "MIG106"}
    assert "client.beta.agents.create(model=..., name=..." in todos[4]
    assert "see the TODO at the first beta.assistants call" in todos[5]
    assert "client.files.list() (its files are .data)" in todos[6]


def test_each_audio_resource_gets_its_own_hint():
    """Held-out review 54, S8 (chatGPT-sprint-1023): a streamed speech call after a translation pointed at "the TODO
    at the first audio call", whose hint is about translation; speech has its own (Mistral has text to speech). (The
    streamed form converts since held-out review 101: a raw response stands in for a speech call MIG106 keeps.)"""
    outcome = transform_source("from openai import OpenAI\n\nclient = OpenAI()\n"
                               "t = client.audio.translations.create(model='whisper-1', file=f)\n"
                               "r = client.audio.speech.with_raw_response.create(model='tts-1', voice='alloy', "
                               "input='Hi')\n"
                               "u = client.audio.translations.create(model='whisper-1', file=g)\n", config=Config())
    todos = {t.line: t.message for t in outcome.findings if t.rule == "MIG106"}
    assert "no translation endpoint on Mistral" in todos[4], todos
    assert "client.audio.speech.complete(" in todos[5] and "see the TODO" not in todos[5], todos
    assert "see the TODO at the first audio.translations call" in todos[6], todos


def test_an_untraced_receiver_gets_one_full_todo():
    """Corpus review R5 (pydantic-ai's Bedrock provider): two calls on one untraced receiver got the same
    long TODO. Now the next points back to the first (still a TODO: not silent). (That the run converted no
    client is not said: a second run, after a first converted them, would say it too, changing the text.)"""
    from mechanics import convert_idempotent

    code, todos = convert_idempotent('''\
        from openai import AsyncBedrockOpenAI, AsyncOpenAI


        def make(region, openai_client: AsyncOpenAI | None = None):
            if openai_client is not None:
                base_client = openai_client
            else:
                base_client = AsyncBedrockOpenAI(aws_region=region)
            a = base_client.with_options(timeout=5)
            b = base_client.with_options(timeout=50)
            return a, b
        ''')
    assert len(todos) == 2, todos
    assert todos[0].startswith("base_client is not traced to a client: if it receives a client"), todos
    assert todos[1] == "base_client is not traced to a client: see the TODO at its first such call in this file", todos


def test_raw_http_to_an_api_mistral_lacks_stays_on_openai():
    """Corpus review R7 (FastChat): a POST to OpenAI's /threads/{id}/runs for a thread a kept client made
    was told to move to https://api.mistral.ai/v1, which would break it; an API Mistral has is still told to."""
    from mechanics import convert_idempotent

    _, todos = convert_idempotent('''\
        import os

        import requests
        from openai import OpenAI

        client = OpenAI()
        RUNS = "https://api.openai.com/v1/threads/runs"


        def run(assistant_id, text):
            thread = client.beta.threads.create()
            requests.post(RUNS, json={"assistant_id": assistant_id, "thread": {"id": thread.id}})
            return requests.post(
                f"https://api.openai.com/v1/threads/{thread.id}/runs",
                headers={"Authorization": f"Bearer {os.environ['OPENAI_API_KEY']}"},
                json={"assistant_id": assistant_id},
            )


        def transcribe(data):
            return requests.post("https://api.openai.com/v1/audio/transcriptions", files={"file": data})
        ''')
    raw = [t for t in todos if t.startswith("requests.post(...)")]
    assert len(raw) == 3, todos
    assert "calls OpenAI's threads endpoint directly" in raw[0] and "stays on OpenAI" in raw[0] and \
        "conversations" in raw[0], raw
    # (the same request again: a pointer, the full text once per file: held-out review 116, X3)
    assert raw[1] == "requests.post(...) calls OpenAI's threads endpoint directly too, without the SDK: see the TODO " \
        "at the first such call in this file", raw
    # (an API Mistral has, at the same path: held-out review 94, X11)
    assert "Mistral's https://api.mistral.ai/v1/audio/transcriptions takes a multipart body" in raw[2] and \
        "converted Mistral client" not in raw[2], raw


def test_a_method_the_openai_sdk_lacks_is_said_to_fail_as_written():
    """Held-out review 13, N-B3: `files.download` (OpenAI's is `files.content`) was a call that "stays on
    OpenAI"; it raises AttributeError before and after."""
    source = ("from openai import OpenAI\n\nclient = OpenAI()\nraw = client.files.download(\"file-1\")\n"
              "same = client.files.content(\"file-1\")\n")
    outcome = transform_source(source, config=Config())
    todos = {t.line: t.message for t in outcome.findings if t.kind.value == "todo" and t.rule == "MIG106"}
    assert todos[4].startswith(f"files.download(...) is no method of the openai SDK (openai {OPENAI_VERSION}'s "
                               "files has content, create,"), todos
    assert "the call fails as written (check the version the app pins); Mistral: client.files.list()" in todos[4]
    assert 5 not in todos  # (files.content converts: the client's TODO names what keeps it)


def test_the_openai_resource_table_is_the_installed_sdks():
    """migrator.mapping.openai_resources is data read from the openai SDK (introspecting it at run time
    imported some 800 of its modules into every conversion); regenerate it when the installed SDK's resources
    change. The table, not the version string, is the contract: openai 3.60 has 3.57's resources (a fresh
    install picked 3.60 and the version check alone failed CI).

    What the table states must hold for the installed SDK: every resource both know has the same methods
    (``openai_lacks`` tells a user a call "is no method of the openai SDK" from them). A resource only one side
    has is no claim (``openai_lacks`` answers None for a resource missing from the table), so a newer openai
    release adding resources does not fail CI (openai 3.63 added admin...health on a fresh install); the SDK
    the table was read from must match it exactly."""
    import openai

    installed = installed_table()
    table = dict(OPENAI_RESOURCES)
    regenerate = (f"the table is openai {OPENAI_VERSION}'s, the installed SDK is {openai.__version__}: "
                  "python -m migrator.mapping.openai_resources regenerates it")
    if openai.__version__ == OPENAI_VERSION:
        assert table == installed, regenerate
    differ = {path: (table[path], installed[path]) for path in table.keys() & installed.keys()
              if table[path] != installed[path]}
    assert not differ, f"{regenerate}; methods differ (table, installed): {differ}"
    assert len(table.keys() & installed.keys()) > 0.8 * len(table), regenerate  # not a different SDK


def test_the_resource_table_check_fails_on_a_changed_method(monkeypatch):
    """The check above is no test that cannot fail: a method the SDK dropped from a resource is caught."""
    import migrator.mapping.openai_resources as resources

    changed = dict(resources.OPENAI_RESOURCES)
    changed["chat.completions"] = changed["chat.completions"] + " summon"
    monkeypatch.setattr(resources, "OPENAI_RESOURCES", changed)
    monkeypatch.setitem(globals(), "OPENAI_RESOURCES", changed)
    with pytest.raises(AssertionError, match="methods differ|regenerates it"):
        test_the_openai_resource_table_is_the_installed_sdks()


def test_the_mistral_methods_a_patch_todo_names_exist_in_the_installed_sdk():
    """migrator.mapping.outside_sdk.PATCH_EXAMPLES: what a test's patch of each kind of call should target now."""
    import importlib

    from migrator.mapping.outside_sdk import PATCH_EXAMPLES

    for kind, target in PATCH_EXAMPLES.items():
        module, cls, method = target.rsplit(".", 2)
        assert callable(getattr(getattr(importlib.import_module(module), cls), method)), (kind, target)


def test_a_resource_kept_under_another_name_gets_the_todo_where_it_is_taken():
    """Held-out review 40, S7 (top-assist-lab): `self.assistants = client.beta.assistants`, then
    `self.assistants.create(...)`: the calls through the alias are no sites migrator sees, and nothing was
    written (the client's TODO named the read only). The TODO is on the alias, once per family and file."""
    source = (
        "from openai import OpenAI\n\n\nclass Manager:\n    def __init__(self, client):\n"
        "        self.assistants = client.beta.assistants\n        self.assistants_again = client.beta.assistants\n"
        "        self.chat = client.chat\n\n    def create(self, name):\n"
        "        return self.assistants.create(name=name, model=\"gpt-4o\")\n\n\n"
        "manager = Manager(OpenAI())\n")
    outcome = transform_source(source, config=Config())
    todos = {(t.rule, t.line): t.message for t in outcome.findings if t.kind.value == "todo"}
    assert todos[("MIG106", 6)].startswith(
        "client.beta.assistants is kept as self.assistants: the calls made through it stay on OpenAI with its "
        "client; no Assistants API on Mistral; closest: an agent"), todos
    assert "see the TODO at the first beta.assistants use" in todos[("MIG106", 7)], todos
    assert ("MIG106", 8) not in todos  # .chat has a Mistral counterpart: no alias TODO
    assert transform_source(outcome.code, config=Config()).code == outcome.code
    compat = transform_source(source, config=Config(target="openai-compatible", provider="mistral"))
    assert not [t for t in compat.findings if t.kind.value == "todo" and t.rule == "MIG106"]


def test_a_call_on_a_factorys_client_in_another_module_gets_its_todo():
    """Held-out review 44, Z8: `get_client().images.generate(...)` in images.py kept the cached factory's client on
    OpenAI, and only the factory said so; the call itself, whose callee has no dotted name, got no TODO. It gets
    the closest-feature TODO like a call on a module-level client; an inline `OpenAI().images.generate(...)` too."""
    from mechanics import convert_files

    out = convert_files({
        "client.py": "from functools import lru_cache\n\nfrom openai import OpenAI\n\n\n@lru_cache(maxsize=1)\n"
                     "def get_client() -> OpenAI:\n    return OpenAI()\n",
        "images.py": "from client import get_client\n\n\ndef draw(p):\n"
                     "    return get_client().images.generate(model=\"dall-e-3\", prompt=p).data[0].url\n",
        "inline.py": "from openai import OpenAI\n\n\ndef draw(p):\n"
                     "    return OpenAI().images.generate(model=\"dall-e-3\", prompt=p).data[0].url\n",
    })
    for path in ("images.py", "inline.py"):
        assert "# TODO(migrator MIG106): images.generate(...) stays on OpenAI: no image endpoint on Mistral; " \
               "closest:" in out[path], out[path]


def test_a_chat_call_that_keeps_a_client_built_in_another_module_says_why_where_it_is():
    """Held-out review 45, A1: the only TODO about a blocking call was the constructor's, in another module
    (core/loader.py); the call in services/ai.py said nothing. A chat call keeping a client built elsewhere gets its
    reason above it (in the constructor's module the constructor's TODO names it already)."""
    from mechanics import convert_files

    out = convert_files({
        "loader.py": "from openai import OpenAI\n\nclient = OpenAI()\n",
        "svc.py": "from loader import client\n\n\ndef ask(m):\n"
                  "    return client.chat.completions.create(model=\"gpt-4o\", messages=m, audio={\"voice\": \"x\"})\n",
    })
    assert "# TODO(migrator MIG102): chat.completions.create(...) stays on OpenAI: audio: " in out["svc.py"], out["svc.py"]


def test_a_kept_awaited_calls_todo_names_the_async_method():
    """Re-review 46, D4: above `await client.audio.transcriptions.create(...)` the keep TODO advised the sync
    `client.audio.transcriptions.complete(...)`."""
    outcome = transform_source(
        "from openai import AsyncOpenAI\n\nclient = AsyncOpenAI()\n\n\nasync def tr(f):\n"
        "    r = await client.audio.transcriptions.create(file=f, model='whisper-1', prompt='Names: Anna')\n    return r.text\n",
        config=Config())
    todos = [f.message for f in outcome.findings if f.rule == "MIG117" and f.kind.value == "todo"]
    assert todos and "await client.audio.transcriptions.complete_async(" in todos[0], todos


def test_raw_http_to_a_url_built_from_a_constant_gets_its_todo():
    """Re-review 48, G9 (pitomnik_ledi_chi): ``requests.post(f"{API_URL}/threads", ...)`` and ``BASE +
    "/chat/completions"``, the base URL a module constant: no TODO, the bot's only AI path left silent."""
    from mechanics import convert_idempotent

    _, todos = convert_idempotent('''\
        import requests

        API_URL = "https://api.openai.com/v1"


        def new_thread():
            return requests.post(f"{API_URL}/threads", json={}).json()["id"]


        def ask(q):
            return requests.post(API_URL + "/chat/completions", json={"model": "gpt-4o-mini"}).json()
        ''')
    assert len(todos) == 2 and "OpenAI's threads endpoint" in todos[0] and "HTTP API directly" in todos[1], todos


def test_an_openai_url_held_in_a_self_attribute_or_handed_to_another_class_is_reported():
    """Held-out review 57, X3 (TutorBuddy): `self.url = "https://api.openai.com/v1/moderations"` then
    `session.post(self.url, ...)`, and `GenerateAI(request_url=self.request_url)` of another module that sends it:
    "Nothing to change" was said of an app whose every request went to OpenAI. A URL only shown (print, a markdown
    text) gets nothing."""
    from mechanics import convert_snippet

    code, todos = convert_snippet('''\
        import aiohttp
        import streamlit as st
        from generate_ai import GenerateAI

        class Chat:
            def __init__(self):
                self.request_url = "https://api.openai.com/v1/chat/completions"

            async def ask(self, payload):
                return await GenerateAI(request_url=self.request_url).request_gpt(payload=payload)

        class Moderation:
            def __init__(self):
                self.url = "https://api.openai.com/v1/moderations"

            async def check(self, text):
                async with aiohttp.ClientSession() as session:
                    return await session.post(self.url, json={"input": text})

        st.markdown("https://api.openai.com/v1/models lists the models")
        print("https://api.openai.com/v1/chat/completions")
        ''')
    assert any(t.startswith("GenerateAI(...) is handed OpenAI's HTTP API URL (self.request_url)") for t in todos), todos
    assert any(t.startswith("session.post(...) calls OpenAI's HTTP API directly") for t in todos), todos
    assert len(todos) == 2, todos


def test_an_expression_merely_holding_openai_s_url_is_not_a_handed_url():
    """The corpus diff of X3's change: `httpx.Response(400, request=request)` (request = httpx.Request("POST", url)),
    `ValueError(f"... {url}")`, `enumerate(urls)` and a Mock given a name bound to such an expression were told they
    send a request to OpenAI. Only a URL as written (a string, an f-string or a concatenation starting with one),
    handed to a function or class of the app, counts."""
    from mechanics import convert_snippet

    _, todos = convert_snippet('''\
        import httpx
        from unittest.mock import Mock
        from openai import OpenAI

        request = httpx.Request("POST", "https://api.openai.com/v1/chat/completions")
        outage = httpx.Response(503, request=request)
        fake = Mock(side_effect=outage)
        THREADS = "https://api.openai.com/v1/threads"
        if not THREADS:
            raise ValueError(THREADS)
        for i, part in enumerate(THREADS):
            pass
        ''')
    assert not todos, todos


def test_an_openai_url_name_is_scoped_and_an_openai_url_setting_is_reported():
    """Held-out review 58, X1 (myAITutor): a `url` local bound to OpenAI's URL in one function made `os.remove(url)`,
    `download_video(url)` of other functions (a parameter there, a YouTube link at module level) "handed OpenAI's HTTP
    API URL". Y2 (intersebd): `client.post(settings.openai_api_url, ...)` (OPENAI_API_URL=https://api.openai.com/v1/
    responses in the env file), the app's main request, got nothing. `headers.get(openai_url)` sends nothing."""
    from mechanics import convert_snippet

    _, todos = convert_snippet('''\
        import os
        import httpx
        import requests
        from config import settings


        def transcribe(path):
            url = "https://api.openai.com/v1/audio/translations"
            return requests.post(url, files={"file": open(path, "rb")}).json()


        def cleanup(url):
            os.remove(url)


        def download_video(url):
            return requests.get(url)


        async def widget(payload, headers, openai_url):
            headers.get(openai_url)
            async with httpx.AsyncClient() as client:
                return await client.post(settings.openai_api_url, json=payload)


        if __name__ == "__main__":
            url = "https://www.youtube.com/watch?v=x"
            cleanup(url)
            download_video(url)
        ''')
    assert len(todos) == 2, todos
    assert todos[0].startswith("requests.post(...) calls OpenAI's HTTP API directly, without the SDK"), todos
    assert todos[1].startswith("client.post(...) calls OpenAI's HTTP API directly (its URL is settings.openai_api_url), "
                               "without the SDK"), todos


def test_raw_http_through_streams_class_attributes_env_reads_and_client_base_urls_is_reported():
    """Held-out review 59: `client.stream("POST", URL)` (X6), a class attribute holding the URL (X3), a URL read inline
    from os.environ / os.getenv or a name bound to such a read, and `httpx.AsyncClient(base_url=...)` (Y1) went
    unflagged; a comprehension or lambda variable named like the URL (X2) and a setting whose only value the tree
    shows is another server (Y2: OpenRouter, Ollama) were flagged."""
    from mechanics import convert_snippet

    _, todos = convert_snippet('''\
        import os
        import httpx
        import requests

        OPENAI_API_BASE = "https://openrouter.ai/api/v1"
        SPEECH = "https://api.openai.com/v1/audio/speech"


        class Whisper:
            url = "https://api.openai.com/v1/audio/transcriptions"

            def run(self, f):
                return requests.post(self.url, files={"file": f})


        async def speak(client, payload):
            async with client.stream("POST", SPEECH, json=payload) as r:
                return await r.aread()


        def inline(payload):
            requests.post(os.environ["OPENAI_API_URL"], json=payload)
            url = os.getenv("OPENAI_API_URL")
            return requests.post(url, json=payload)


        def base():
            return httpx.AsyncClient(base_url="https://api.openai.com/v1")


        def others(urls, payload):
            url = "https://api.openai.com/v1/chat/completions"
            requests.post(url, json=payload)
            pages = [requests.get(url) for url in urls]
            fetch = lambda url: requests.get(url)
            return requests.post(f"{OPENAI_API_BASE}/chat/completions", json=payload), pages, fetch
        ''')
    starts = [t.split(" calls", 1)[0].split(" sends", 1)[0] for t in todos]
    assert starts == ["requests.post(...)", "client.stream(...)", "requests.post(...)", "requests.post(...)",
                      "httpx.AsyncClient(...)", "requests.post(...)"], todos
    assert "(its URL is os.environ['OPENAI_API_URL'])" in todos[2] and "(its URL is url)" in todos[3], todos
    assert "sends its requests to OpenAI's HTTP API (base_url=" in todos[4], todos


def test_a_url_name_bound_from_itself_is_no_endless_recursion():
    """The corpus diff of review 59's Y1 change: names bound from one another in a loop (khoj's initialization.py:
    `default_max_tokens = sizes.get(chat_model)` in `for chat_model in ...`) recursed until RecursionError ('internal
    error in the conversion plan', nothing converted)."""
    from mechanics import convert_snippet

    _, todos = convert_snippet('''\
        import requests
        from openai import OpenAI


        OPENAI_BASE = "https://api.openai.com/v1"


        def outer(sizes, tokenizers):
            def setup(chat_models, vision_enabled=False):
                for chat_model in chat_models:
                    default_max_tokens = sizes.get(chat_model)
                    default_tokenizer = tokenizers.get(chat_model)
                    vision_enabled = vision_enabled and chat_model in default_max_tokens
                return requests.post(default_tokenizer)
            return setup
        ''')
    assert not any("HTTP API" in t for t in todos), todos


def test_an_untraced_completions_stream_with_messages_is_no_legacy_completion():
    """Held-out review 59, Y6 (typedai): `typed_ai.completions.stream(model=..., messages=[...])` on an untraced receiver
    was told about the legacy Completions API and fill-in-the-middle; with messages= it reads like a chat
    completion through an alias, as its create() twin already said."""
    from mechanics import convert_snippet

    _, todos = convert_snippet('''\
        from openai import OpenAI

        client = OpenAI()
        reply = client.chat.completions.create(model="gpt-4o", messages=[])


        def test_stream(typed_ai):
            return typed_ai.completions.stream(model="gpt-3.5-turbo", messages=[{"role": "user", "content": "hi"}])
        ''')
    assert any("it reads like a chat completion through an alias" in t for t in todos), todos
    assert not any("fill-in-the-middle" in t for t in todos), todos


def test_a_client_named_like_an_http_client_that_the_module_does_not_import_is_no_crash():
    """The corpus diff of review 59's Y1 change: `Client(base_url=...)` with `Client` imported from nowhere migrator
    could qualify (FastChat) made the plan fail for the whole repository (AttributeError)."""
    from mechanics import convert_snippet

    _, todos = convert_snippet('''\
        from openai import OpenAI

        OPENAI_BASE = "https://api.openai.com/v1"
        session = Session(base_url=OPENAI_BASE)
        ''')
    assert not any("internal error" in t for t in todos), todos


def test_a_request_sent_with_a_splatted_dict_holding_openais_url_is_reported():
    """Held-out review 60, X14 (ai-bricks-v3): `requests.post(**request)`, request = dict(url=f"{self.api_base_url}/chat/
    completions", ...) with a class attribute holding OpenAI's URL: no TODO, while the direct form had one."""
    from mechanics import convert_snippet

    _, todos = convert_snippet('''\
        import requests


        class Connection:
            api_base_url = "https://api.openai.com/v1"

            def chat(self, messages):
                request = dict(url=f"{self.api_base_url}/chat/completions", json={"messages": messages})
                other = {"url": "https://example.com/x"}
                requests.post(**other)
                return requests.post(**request).json()
        ''')
    assert len(todos) == 1 and todos[0].startswith("requests.post(...) calls OpenAI's HTTP API directly"), todos


def test_a_request_dict_returned_for_another_method_to_post_is_reported_where_it_is_built():
    """Held-out review 61, X28 (ai-bricks-v3 itself): the dict is returned by one method and posted by another
    (`requests.post(**kwargs)`): the request is reported where it is described; a returned dict for another server,
    and a returned requests.post(...) (reported as a call), are not said twice."""
    from mechanics import convert_snippet

    _, todos = convert_snippet('''\
        import requests


        class Connection:
            api_base_url = "https://api.openai.com/v1"

            def request(self, messages):
                return dict(url=f"{self.api_base_url}/chat/completions", json={"messages": messages})

            def other(self):
                return dict(url="https://example.com/x")

            def post(self, **kwargs):
                return requests.post(**kwargs).json()

            def direct(self):
                return requests.post(f"{self.api_base_url}/embeddings", json={})
        ''')
    assert len(todos) == 2 and todos[0].startswith("the request returned here (its url= is f'{self.api_base_url}/chat/"
                                                   "completions') goes to OpenAI's HTTP API where it is sent"), todos
    assert todos[1].startswith("requests.post(...) calls OpenAI's HTTP API directly"), todos


def test_a_url_setting_whose_code_default_is_another_server_but_whose_env_example_is_openais_is_reported(tmp_path):
    """Held-out review 60, Y16: `openai_base_url: str = "http://localhost:11434/v1"` (a dev default) with
    OPENAI_BASE_URL=https://api.openai.com/v1 in the shipped .env.example: the raw requests to it got no TODO."""
    from migrator.engine import Mode, run

    (tmp_path / "config.py").write_text("from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n"
                                        "    openai_base_url: str = \"http://localhost:11434/v1\"\n\n\n"
                                        "settings = Settings()\n")
    (tmp_path / "client.py").write_text("import requests\n\nfrom config import settings\n\n\ndef ask(payload):\n"
                                        "    return requests.post(f\"{settings.openai_base_url}/chat/completions\", "
                                        "json=payload).json()\n")
    (tmp_path / ".env.example").write_text("OPENAI_BASE_URL=https://api.openai.com/v1\n")
    report = run([str(tmp_path)], mode=Mode.CHECK, jobs=1, progress=False)
    todos = [f.message for r in report.results for f in getattr(r, "findings", ()) if f.kind.value == "todo"]
    assert any(t.startswith("requests.post(...) calls OpenAI's HTTP API directly (its URL is settings.openai_base_url)")
               for t in todos), todos
    # with the settings class's env_prefix, the env file names APP_OPENAI_BASE_URL (held-out review 61, Y23)
    (tmp_path / "config.py").write_text("from pydantic_settings import BaseSettings, SettingsConfigDict\n\n\n"
                                        "class Settings(BaseSettings):\n"
                                        "    model_config = SettingsConfigDict(env_prefix=\"APP_\")\n"
                                        "    openai_base_url: str = \"http://localhost:11434/v1\"\n\n\n"
                                        "settings = Settings()\n")
    (tmp_path / ".env.example").write_text("APP_OPENAI_BASE_URL=https://api.openai.com/v1\n")
    report = run([str(tmp_path)], mode=Mode.CHECK, jobs=1, progress=False)
    todos = [f.message for r in report.results for f in getattr(r, "findings", ()) if f.kind.value == "todo"]
    assert any(t.startswith("requests.post(...) calls OpenAI's HTTP API directly (its URL is settings.openai_base_url)")
               for t in todos), todos
    (tmp_path / ".env.example").write_text("OTHER_OPENAI_BASE_URL=https://api.openai.com/v1\n")  # another prefix
    report = run([str(tmp_path)], mode=Mode.CHECK, jobs=1, progress=False)
    assert not [f for r in report.results for f in getattr(r, "findings", ()) if f.kind.value == "todo" and
                r.path.endswith(".py")]  # (the env line itself names OpenAI's API: its own TODO, review 63 Y43)


def test_a_raw_request_to_an_endpoint_mistral_serves_in_the_same_shape_says_so():
    """Held-out review 61, Y26 (UniversalTranslator): a POST of {"model", "messages"} to OpenAI's /v1/chat/completions
    was told to go "in Mistral's request shape", suggesting a rewrite: Mistral's endpoint of the same path takes that
    body as is. /embeddings too; another path keeps the general text."""
    from migrator.mapping.outside_sdk import raw_http_todo

    chat = raw_http_todo("requests.post", "https://api.openai.com/v1/chat/completions")
    assert "Mistral's https://api.mistral.ai/v1/chat/completions takes the same JSON body" in chat, chat
    assert "https://api.mistral.ai/v1/embeddings takes the same JSON body (model, input)" in raw_http_todo(
        "httpx.post", "https://api.openai.com/v1/embeddings")
    assert "in Mistral's request shape" in raw_http_todo("requests.post", "https://api.openai.com/v1/audio/speech")
    # (held-out review 94, X11: whisper-api-stt's multipart post to /v1/audio/transcriptions)
    whisper = raw_http_todo("requests.post", "https://api.openai.com/v1/audio/transcriptions")
    assert "https://api.mistral.ai/v1/audio/transcriptions takes a multipart body of the same form (file, model: " \
        "voxtral-mini-latest;" in whisper, whisper


def test_a_raw_chat_request_with_legacy_function_fields_is_told_to_send_tools(tmp_path):
    """Held-out review 74, X1 (a Telegram bot's seven posts): a body with OpenAI's legacy functions / function_call
    was told Mistral "takes the same JSON body": Mistral's request has tools / tool_choice only (422). A dict written
    in the call, a name bound to one, and keys set on that name alike; a body without them keeps the plain text."""
    from migrator.engine import Mode, run

    (tmp_path / "bot.py").write_text(
        "import httpx\nimport requests\n\nURL = \"https://api.openai.com/v1/chat/completions\"\n\n\n"
        "def built(messages, functions):\n"
        "    payload = {\"model\": \"gpt-4o\", \"messages\": messages, \"functions\": functions}\n"
        "    return httpx.post(URL, json=payload).json()\n\n\n"
        "def set_later(messages, functions):\n"
        "    body = {\"model\": \"gpt-4o\", \"messages\": messages}\n"
        "    body[\"function_call\"] = \"auto\"\n"
        "    return requests.post(URL, json=body).json()\n\n\n"
        "def inline(messages):\n"
        "    return requests.post(URL, json={\"model\": \"gpt-4o\", \"messages\": messages, \"functions\": []})\n\n\n"
        "def plain(messages):\n"
        "    return requests.post(URL, json={\"model\": \"gpt-4o\", \"messages\": messages})\n")
    report = run([str(tmp_path)], mode=Mode.CHECK, jobs=1, progress=False)
    todos = [f.message for r in report.results for f in getattr(r, "findings", ()) if f.kind.value == "todo"]
    legacy = [t for t in todos if "this body sends OpenAI's legacy functions / function_call" in t]
    # (the same TODO again in the file: a pointer to the first, held-out review 116, X3)
    again = [t for t in todos if t.endswith("calls OpenAI's HTTP API directly too, without the SDK: see the TODO at "
                                            "the first such call in this file")]
    assert len(todos) == 4 and len(legacy) == 1 and len(again) == 2, todos
    assert all('send tools=[{"type": "function", "function": f} for f in functions]' in t for t in legacy)


@pytest.mark.parametrize("update", ['body.update({"functions": functions, "function_call": function_call})',
                                    "body.update(functions=functions)"])
def test_a_raw_chat_body_given_legacy_function_fields_by_update_is_told_to_send_tools(tmp_path, update):
    """Held-out review 146, Y5 (dingkun-ai): `body.update({"functions": functions, "function_call": function_call})`
    before `requests.post(..., json=body)`: the TODO said Mistral "takes the same JSON body" (a 422 followed)."""
    from migrator.engine import Mode, run

    (tmp_path / "util.py").write_text(
        "import os\n\nimport requests\n\n\ndef call_with_functions(messages, functions, function_call):\n"
        "    headers = {\"Authorization\": \"Bearer \" + os.environ[\"OPENAI_API_KEY\"]}\n"
        "    body = {\"model\": \"gpt-3.5-turbo\", \"messages\": messages}\n"
        f"    {update}\n"
        "    r = requests.post(\"https://api.openai.com/v1/chat/completions\", headers=headers, json=body)\n"
        "    return r.json()[\"choices\"][0][\"message\"][\"function_call\"][\"arguments\"]\n")
    report = run([str(tmp_path)], mode=Mode.CHECK, jobs=1, progress=False)
    todos = [f.message for r in report.results for f in getattr(r, "findings", ()) if f.kind.value == "todo"]
    assert any("this body sends OpenAI's legacy functions / function_call" in t for t in todos), todos


def test_a_setting_not_named_for_openai_whose_default_is_openais_url_gets_a_todo(tmp_path):
    """Held-out review 62, Y38 (suitenumerique/meet): `whisperx_base_url: str = "https://api.openai.com/v1"`, read by a
    worker that posts audio to it with requests and names no openai (so it is not read): every transcription went to
    OpenAI, silently. The field says so; one an SDK client takes as base_url= is that client's business."""
    from migrator.engine import Mode, run

    (tmp_path / "config.py").write_text("from pydantic_settings import BaseSettings\n\n\n"
                                        "class Settings(BaseSettings):\n"
                                        "    whisperx_base_url: str = \"https://api.openai.com/v1\"\n"
                                        "    llm_base_url: str = \"https://api.openai.com/v1\"\n\n\n"
                                        "settings = Settings()\n")
    (tmp_path / "llm.py").write_text("from openai import OpenAI\n\nfrom config import settings\n\n"
                                     "client = OpenAI(base_url=settings.llm_base_url)\n")
    report = run([str(tmp_path)], mode=Mode.CHECK, jobs=1, progress=False)
    todos = [f.message for r in report.results if r.path.endswith("config.py") for f in r.findings]
    # (read by no Python module of the tree: said so; held-out review 114, X4)
    assert len(todos) == 1 and todos[0].startswith("whisperx_base_url defaults to OpenAI's API (https://api.openai.com"
                                                   "/v1), and no Python code of the project reads it"), todos
    (tmp_path / "worker.py").write_text("import requests\n\nfrom config import settings\n\n\ndef transcribe(audio):\n"
                                        "    return requests.post(settings.whisperx_base_url + '/audio', data=audio)\n")
    report = run([str(tmp_path)], mode=Mode.CHECK, jobs=1, progress=False)
    todos = [f.message for r in report.results if r.path.endswith("config.py") for f in r.findings]
    assert len(todos) == 1 and todos[0].startswith("whisperx_base_url defaults to OpenAI's API (https://api.openai.com"
                                                   "/v1): the code sending HTTP requests to it"), todos


def test_a_url_field_only_overridden_from_the_environment_by_its_class_still_gets_the_todo(tmp_path):
    """Held-out review 166, X1 (fescii/voice-agent): WhisperConfig's `base_url: str = "https://api.openai.com/v1"`,
    whose __init__ only overrides it (`self.base_url = os.getenv("WHISPER_BASE_URL", self.base_url)`), was taken as
    read by the class's own requests, and processor.py's aiohttp post of the audio to it was silent. An override is no
    request: the field gets the TODO; a method of the class sending it still speaks for itself."""
    from migrator.engine import Mode, run

    (tmp_path / "whisper_config.py").write_text(
        "import os\n\nfrom pydantic import BaseModel\n\n\nclass WhisperConfig(BaseModel):\n"
        "    base_url: str = \"https://api.openai.com/v1\"\n    model: str = \"whisper-1\"\n\n"
        "    def __init__(self, **kwargs):\n        super().__init__(**kwargs)\n"
        "        self.base_url = os.getenv(\"WHISPER_BASE_URL\", self.base_url)\n")
    (tmp_path / "processor.py").write_text(
        "import aiohttp\n\nfrom whisper_config import WhisperConfig\n\n\nasync def transcribe(audio):\n"
        "    config = WhisperConfig()\n    async with aiohttp.ClientSession() as session:\n"
        "        return await session.post(f\"{config.base_url}/audio/transcriptions\", data=audio)\n")
    for override in ('self.base_url = os.getenv("WHISPER_BASE_URL", self.base_url)',
                     'self.base_url += os.getenv("WHISPER_SUFFIX", "")'):  # (review of session 88: augmented)
        source = (tmp_path / "whisper_config.py").read_text().splitlines()
        (tmp_path / "whisper_config.py").write_text("\n".join(source[:-1] + ["        " + override]) + "\n")
        report = run([str(tmp_path)], mode=Mode.CHECK, jobs=1, progress=False)
        todos = [f.message for r in report.results if r.path.endswith("whisper_config.py") for f in r.findings]
        assert len(todos) == 1 and todos[0].startswith("base_url defaults to OpenAI's API (https://api.openai.com/v1): "
                                                       "the code sending HTTP requests to it"), todos
    # (a method of the class sending it speaks for itself: its request's TODO)
    (tmp_path / "whisper_config.py").write_text(
        "import requests\n\n\nclass WhisperConfig:\n    base_url: str = \"https://api.openai.com/v1\"\n\n"
        "    def send(self, audio):\n        return requests.post(f\"{self.base_url}/audio/transcriptions\", "
        "data=audio)\n")
    report = run([str(tmp_path)], mode=Mode.CHECK, jobs=1, progress=False)
    todos = [f.message for r in report.results if r.path.endswith("whisper_config.py") for f in r.findings]
    assert not any(t.startswith("base_url defaults to OpenAI's API") for t in todos), todos


def test_a_self_url_is_another_providers_in_another_class_and_a_link_dict_is_no_request():
    """Held-out review 62, X35: OpenAIProvider and AnthropicProvider each set self.url; both request() methods were
    told they go to OpenAI (self.url was keyed by name across the file). Only OpenAI's class is; a returned dict with a
    URL and nothing a request carries (`dict(url=..., label=...)`) is a link, not a request."""
    from mechanics import convert_snippet

    _, todos = convert_snippet('''\
        import requests


        class OpenAIProvider:
            def __init__(self):
                self.url = "https://api.openai.com/v1/chat/completions"

            def request(self, body):
                return dict(url=self.url, json=body)


        class AnthropicProvider:
            def __init__(self):
                self.url = "https://api.anthropic.com/v1/messages"

            def request(self, body):
                return dict(url=self.url, json=body)

            def send(self, body):
                return requests.post(self.url, json=body)


        def link():
            return dict(url="https://api.openai.com/v1/models", label="OpenAI models endpoint")
        ''')
    assert len(todos) == 1 and todos[0].startswith("the request returned here (its url= is self.url)"), todos


def test_an_openai_url_held_in_a_parameter_default_is_reported():
    """Held-out review 83, Y2 (streaming-structured-outputs): `url="https://api.openai.com/v1/chat/completions"` as a
    function parameter's default, sent with `aconnect_sse(client, "POST", url, ...)`: no TODO, no report line (only
    assignments bound a URL name). A parameter the function rebinds, or whose default is another server, says
    nothing."""
    from mechanics import convert_snippet

    _, todos = convert_snippet('''\
        import json
        import httpx
        import requests
        from httpx_sse import aconnect_sse


        async def create(model, messages, url="https://api.openai.com/v1/chat/completions", api_key=None):
            body = {"model": model, "messages": messages, "stream": True}
            async with httpx.AsyncClient() as client:
                async with aconnect_sse(client, "POST", url, headers={"Authorization": f"Bearer {api_key}"},
                                        json=body) as source:
                    async for event in source.aiter_sse():
                        yield json.loads(event.data)


        def speak(payload, *, url="https://api.openai.com/v1/audio/speech"):
            return requests.post(url, json=payload)


        def local(payload, url="http://localhost:8000/v1/chat/completions"):
            return requests.post(url, json=payload)


        def rebound(payload, url="https://api.openai.com/v1/chat/completions", proxy=None):
            url = proxy or url
            return requests.post(url, json=payload)
        ''')
    assert len(todos) == 2, todos
    assert todos[0].startswith("aconnect_sse(...) is handed OpenAI's HTTP API URL (url): the request it sends"), todos
    assert todos[1].startswith("requests.post(...) calls OpenAI's HTTP API directly, without the SDK"), todos


def test_the_module_clients_threads_calls_say_the_closest_feature_once_and_no_equivalent_is_said_as_such():
    """Held-out review 101, X9 (Immigration-and-Refugee-Support): each `openai.beta.threads...` call on the openai
    module's client got the whole closest-feature text, after "has no rule yet" (threads are unsupported by design);
    and later videos calls pointed at "Mistral's closest feature" in a TODO naming none."""
    outcome = transform_source(
        "import openai\n\n\ndef ask(thread_id, assistant_id, q):\n"
        "    openai.beta.threads.messages.create(thread_id=thread_id, role='user', content=q)\n"
        "    run = openai.beta.threads.runs.create(thread_id=thread_id, assistant_id=assistant_id)\n"
        "    return run\n", config=Config())
    todos = {t.line: t.message for t in outcome.findings if t.rule == "MIG106"}
    assert todos[5].startswith("beta.threads.messages.create(...) stays on OpenAI with the openai module's client: "
                               "no threads/runs on Mistral; closest: "), todos
    assert todos[6] == ("beta.threads.runs.create(...) stays on OpenAI with the openai module's client: Mistral's "
                        "closest feature: see the TODO at the first beta.threads call in this file"), todos
    outcome = transform_source("from openai import OpenAI\n\nclient = OpenAI()\nv = client.videos.create(prompt='x')\n"
                               "w = client.videos.retrieve('id')\n", config=Config())
    todos = {t.line: t.message for t in outcome.findings if t.rule == "MIG106"}
    assert todos[5] == ("videos.retrieve(...) stays on OpenAI (no Mistral equivalent: see the TODO at the first "
                        "videos call in this file)"), todos


def test_a_request_to_a_langchain_objects_own_local_endpoint_is_not_told_it_calls_openai():
    """Held-out review 100, Y4 (langchain1.0-in-10-lines): `requests.get(f"{vl_llm.openai_api_base}models")`, where
    vl_llm is a ChatOpenAI on LM Studio (base_url="http://127.0.0.1:1234/v1/", listed as another provider's), got
    "calls OpenAI's HTTP API directly"; the URL is that server's. The same read of an object on OpenAI is still told."""
    from mechanics import convert_files

    converter = ('import requests\nfrom LLM import vl_llm\n\n\ndef list_models():\n'
                 '    resp = requests.get(f"{vl_llm.openai_api_base}models", timeout=5)\n'
                 '    return [m["id"] for m in resp.json()["data"]]\n')
    out = convert_files({"LLM.py": 'from langchain_openai import ChatOpenAI\n\nvl_llm = ChatOpenAI(model="qwen3", '
                                   'api_key="not-needed", base_url="http://127.0.0.1:1234/v1/")\n',
                         "converter.py": converter})
    assert "TODO" not in out["converter.py"], out["converter.py"]
    out = convert_files({"LLM.py": 'from langchain_openai import ChatOpenAI\n\nvl_llm = ChatOpenAI(model="gpt-4o", '
                                   'base_url="https://api.openai.com/v1/")\n', "converter.py": converter})
    assert "calls OpenAI's HTTP API directly" in out["converter.py"], out["converter.py"]


def test_trulens_openai_judges_and_marvin_get_a_todo_and_keep_the_key():
    """Held-out review 102, Y2 / Y3 (applied-ai-rag-assistant, LearningLangChain): TruLens' OpenAI feedback provider
    and marvin's AI functions (`@ai_model`, `marvin.extract`) run on OpenAI; both stayed silent beside a converted
    client whose deploy step moved the key. Each gets a TODO naming the Mistral way, once per module for marvin."""
    from mechanics import convert_files

    app = ('from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef answer(q):\n    r = client.chat.completions.create('
           'model="gpt-4o-mini", messages=[{"role": "user", "content": q}])\n    return r.choices[0].message.content\n')
    evals = ("from trulens_eval import Feedback, OpenAI as TruOpenAI\nfrom trulens.providers.openai import OpenAI\n\n"
             "provider = TruOpenAI()\nprovider2 = OpenAI(model_engine='gpt-4o')\n"
             "relevance = Feedback(provider.relevance).on_input_output()\n")
    tickets = ("import marvin\nfrom marvin import ai_model\nfrom pydantic import BaseModel\n\n\n@ai_model\n"
               "class Ticket(BaseModel):\n    title: str\n\n\ndef ticket(text):\n    return Ticket(text)\n\n\n"
               "def city(text):\n    return marvin.extract(text, target=str)[0]\n")
    out = convert_files({"app.py": app, "evals.py": evals, "tickets.py": tickets})
    assert out["evals.py"].count("is TruLens's OpenAI component") == 2, out["evals.py"]
    assert 'trulens_eval.LiteLLM(model_engine="mistral/mistral-large-latest")' in out["evals.py"]
    assert "trulens.providers.litellm.LiteLLM(" in out["evals.py"]
    assert out["tickets.py"].count("runs marvin, whose AI functions call OpenAI by default") == 1, out["tickets.py"]
    assert "    # TODO(migrator MIG106): Ticket(...) runs marvin" in out["tickets.py"], out["tickets.py"]


def test_toyaikit_clients_and_langchain_default_judges_get_a_todo_and_keep_what_they_need():
    """Held-out review 103, Y1 / Y2 (llm-course-datatalksclub, generative-ai-rag-development-using-langchain):
    toyaikit's OpenAIClient (it builds OpenAI() itself) and LangSmith's LangChainStringEvaluator with no llm (its
    default judge is OpenAI's gpt-4, through langchain-openai) stayed silent beside converted code, and
    langchain-openai was replaced in requirements.txt: the judge failed to load."""
    from mechanics import convert_files

    out = convert_files({
        "agent.py": "from openai import OpenAI\nfrom toyaikit.llm import OpenAIClient\n\nclient = OpenAI()\n"
                    "r = client.responses.create(model='gpt-4o-mini', input='hi')\nprint(r.output_text)\n"
                    "llm_client = OpenAIClient(model='gpt-4o-mini')\n",
        "evals.py": "from langchain_openai import ChatOpenAI\nfrom langsmith.evaluation import evaluate, "
                    "LangChainStringEvaluator\n\nchain = ChatOpenAI()\n"
                    "evaluators = [LangChainStringEvaluator('cot_qa'), "
                    "LangChainStringEvaluator('labeled_criteria', config={'criteria': 'conciseness'}),\n"
                    "              LangChainStringEvaluator('qa', config={'llm': chain})]\n",
        "requirements.txt": "langchain>=1.0\nlangchain-openai>=1.0\nlangsmith\nopenai\ntoyaikit\n"})
    assert "OpenAIClient(...) is toyaikit's OpenAI component" in out["agent.py"], out["agent.py"]
    assert out["evals.py"].count("grades with LangChain's default judge, OpenAI's gpt-4") == 1, out["evals.py"]
    assert "langchain-openai>=1.0" in out["requirements.txt"], out["requirements.txt"]


def test_openais_reexport_of_pydantics_base_model_is_said_to_keep_the_dependency():
    """Held-out review 104, X2 (PDF-Summary-AI-): `from openai import BaseModel` (pydantic's class, re-exported) alone
    kept openai in the manifest, with no word, once every client converted."""
    from mechanics import convert_files

    out = convert_files({"settings.py": "from openai import BaseModel\n\n\nclass Settings(BaseModel):\n"
                                        "    model: str\n",
                         "llm.py": "from openai import OpenAI\n\nclient = OpenAI()\nr = client.chat.completions.create("
                                   "model='gpt-4o', messages=[{'role': 'user', 'content': 'x'}])\n"})
    assert "# TODO(migrator MIG106): openai's BaseModel is pydantic's BaseModel with extra=\"allow\"" in \
        out["settings.py"], out["settings.py"]


def test_mirascope_and_marvin_keep_the_openai_requirement_and_mirascope_gets_a_todo():
    """Held-out review 104, Y6 / Y9 (llm-structured-output-benchmarks): mirascope's `@openai.call("gpt-4o-mini")` was
    silent and the project's openai pin replaced (mirascope 1.x gets the SDK only through an extra: the module no
    longer imported); a marvin module likewise lost the openai requirement it runs on."""
    from mechanics import convert_files

    out = convert_files({
        "books.py": "from mirascope.core import openai, prompt_template\n\n\n@openai.call('gpt-4o-mini')\n"
                    "@prompt_template('Recommend a {genre} book')\ndef recommend_book(genre: str): ...\n",
        "app.py": "from openai import OpenAI\n\nclient = OpenAI()\nr = client.chat.completions.create(model='gpt-4o', "
                  "messages=[{'role': 'user', 'content': 'x'}])\n",
        "requirements.txt": "mirascope==1.0.6\nopenai==1.47.0\n"})
    assert "openai.call(...) is mirascope's OpenAI provider" in out["books.py"], out["books.py"]
    assert 'mistral.call("mistral-small-latest")' in out["books.py"], out["books.py"]
    assert "openai==1.47.0" in out["requirements.txt"], out["requirements.txt"]
    out = convert_files({"tickets.py": "import marvin\n\n\ndef city(text):\n"
                                       "    return marvin.extract(text, target=str)\n",
                         "app.py": "from openai import OpenAI\n\nclient = OpenAI()\n"
                                   "r = client.chat.completions.create(model='gpt-4o', messages=[])\n",
                         "requirements.txt": "marvin\nopenai==1.47.0\n"})
    assert "openai==1.47.0" in out["requirements.txt"], out["requirements.txt"]


def test_calls_on_a_parameter_named_openai_get_their_todos():
    """Held-out review 105, Y1 (petrutaraul/ema): bot.py passes the openai module to handlers whose parameter is
    named openai; `openai.images.generate(...)` and the v0 `openai.Image.create_variation(...)` there got no TODO
    ("Nothing to change"), and scan counted no use."""
    from mechanics import convert_files

    out = convert_files({
        "bot.py": "import openai\nfrom handlers.pictures import make_picture, make_variation\n\n"
                  "openai.api_key = 'sk-placeholder'\n\n\ndef on_photo(prompt):\n    return make_picture(openai, prompt)\n"
                  "\n\ndef on_variation(image):\n    return make_variation(openai, image)\n",
        "handlers/__init__.py": "",
        "handlers/pictures.py": "def make_picture(openai, prompt):\n"
                                "    return openai.images.generate(prompt=prompt, n=1).data[0].url\n\n\n"
                                "def make_variation(openai, image):\n"
                                "    return openai.Image.create_variation(image=image, n=1)['data'][0]['url']\n"})
    pictures = out["handlers/pictures.py"]
    assert pictures.count("# TODO(migrator MIG106)") == 2, pictures
    assert "openai.Image.create_variation(...)" in pictures and "no image endpoint on Mistral" in pictures, pictures


def test_a_url_local_built_from_a_constant_holding_openais_url_is_followed():
    """Held-out review 108, X2 (Evals): `url = f"{BASE}/chat/completions"`, BASE bound to OpenAI's URL, then
    `post(url, ...)`: silent (0 converted, 0 TODO, the app kept calling OpenAI), while the same f-string written in
    the call got its TODO."""
    from mechanics import convert_snippet

    _, todos = convert_snippet('''\
        import httpx

        BASE = "https://api.openai.com/v1"


        async def score(payload):
            url = f"{BASE}/chat/completions"
            async with httpx.AsyncClient() as c:
                return (await c.post(url, json=payload)).json()["choices"][0]["message"]["content"]
        ''')
    assert any(t.startswith("c.post(...) calls OpenAI's HTTP API directly") for t in todos), todos


def test_a_raw_http_call_to_a_url_constant_imported_from_another_module_gets_the_todo():
    """Held-out review 108, Y3: `from settings import OPENAI_CHAT_URL` then `client.post(OPENAI_CHAT_URL, ...)`:
    "Nothing to change", while the same constant defined in the calling module got its TODO."""
    from mechanics import convert_files

    out = convert_files({
        "settings.py": "import os\n\nOPENAI_CHAT_URL = \"https://api.openai.com/v1/chat/completions\"\n",
        "llm.py": "import httpx\n\nfrom settings import OPENAI_CHAT_URL\n\n\nasync def ask(messages):\n"
                  "    async with httpx.AsyncClient() as client:\n"
                  "        r = await client.post(OPENAI_CHAT_URL, json={\"model\": \"gpt-4o-mini\", \"messages\": messages})\n"
                  "    return r.json()[\"choices\"][0][\"message\"][\"content\"]\n"})
    assert "# TODO(migrator MIG106): client.post(...) calls OpenAI's HTTP API directly" in out["llm.py"], out["llm.py"]


def test_a_path_joined_to_an_openai_url_setting_picks_the_endpoints_todo():
    """Held-out review 110, X5 (funny_bot): `session.post(url=urljoin(self.base_url, "images/generations"))`, the
    dataclass field `base_url = "https://api.openai.com/v1/"`, was told to go to Mistral "in Mistral's request shape";
    Mistral has no images endpoint. The path written beside the setting picks the endpoint's TODO, as it does for a
    module constant."""
    from mechanics import convert_snippet

    _, todos = convert_snippet('''\
        from dataclasses import dataclass
        from urllib.parse import urljoin

        import httpx


        @dataclass
        class OpenaiClient:
            token: str
            base_url: str = "https://api.openai.com/v1/"

            async def image(self, prompt):
                async with httpx.AsyncClient() as session:
                    r = await session.post(url=urljoin(self.base_url, "images/generations"), json={"prompt": prompt})
                return r.json()["data"][0]["b64_json"]
        ''')
    assert len(todos) == 1 and todos[0].startswith("session.post(...) calls OpenAI's images endpoint directly (its URL "
                                                   "is self.base_url), without the SDK: it stays on OpenAI"), todos


def test_a_url_built_in_a_local_from_an_openai_setting_held_on_self_is_flagged():
    """Held-out review 108, X2 rest (Evals): `self.base_url = settings.openai_base_url` in __init__, then `url =
    f"{self.base_url}/chat/completions"` and `self._client.post(url, ...)`: silent, though the same URL built from a
    module constant was flagged. The local URL and the attribute's setting are followed; the chat path picks the
    same-body TODO."""
    from mechanics import convert_files

    out = convert_files({
        "app/__init__.py": "",
        "app/config.py": "from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n"
                         "    openai_base_url: str = 'https://api.openai.com/v1'\n    openai_api_key: str = ''\n\n\n"
                         "settings = Settings()\n",
        "app/service.py": "import httpx\n\nfrom app.config import settings\n\n\nclass FeedbackService:\n"
                          "    def __init__(self):\n        self.base_url = settings.openai_base_url\n"
                          "        self._client = httpx.AsyncClient(timeout=60)\n\n"
                          "    async def score(self, payload):\n        url = f'{self.base_url}/chat/completions'\n"
                          "        resp = await self._client.post(url, json=payload)\n"
                          "        return resp.json()['choices'][0]['message']['content']\n"})
    assert "# TODO(migrator MIG106): self._client.post(...) calls OpenAI's HTTP API directly (its URL is " \
           "settings.openai_base_url), without the SDK" in out["app/service.py"], out["app/service.py"]
    assert "https://api.mistral.ai/v1/chat/completions takes the same JSON body" in out["app/service.py"]


def test_crewai_agents_on_openai_get_one_todo_per_module():
    """Held-out review 111, Y4 (agentic-ai): crewAI agents with no llm= (crewAI's default model is OpenAI's), with
    llm="gpt-4o-mini" or LLM(model="openai/gpt-4o"), ran on OpenAI with no word beside converted code; an agent given
    a Mistral LLM is left alone."""
    from mechanics import convert_snippet

    _, todos = convert_snippet('''\
        from crewai import Agent, LLM

        a = Agent(role="Writer", goal="Write", backstory="A poet.", llm="gpt-4o-mini")
        b = Agent(role="Editor", goal="Edit", backstory="An editor.", llm=LLM(model="openai/gpt-4o"))
        ''')
    assert todos == ["Agent(...) is crewAI's and runs on OpenAI (gpt-4o-mini), through LiteLLM with OPENAI_API_KEY; "
                     'migrator does not convert it: on Mistral, llm=LLM(model="mistral/mistral-small-latest") from '
                     'crewai (it reads MISTRAL_API_KEY) (said once per module, for its other agents too)'], todos
    _, todos = convert_snippet('''\
        from crewai import Agent, LLM

        c = Agent(role="Critic", goal="Judge", backstory="A critic.")
        ''')
    assert len(todos) == 1 and "(crewAI's default model, gpt-4o-mini)" in todos[0], todos
    _, todos = convert_snippet('''\
        from crewai import Agent, LLM

        d = Agent(role="Critic", goal="Judge", backstory="A critic.", llm=LLM(model="mistral/mistral-large-latest"))
        ''')
    assert todos == [], todos


def test_vector_store_calls_on_an_untraced_receiver_say_no_counterpart():
    """Held-out review 111, X9 (pdf-chat): `client.vector_stores.create(...)` on a parameter migrator cannot trace
    was told "convert this call by hand (vector_stores.create(...) has no rule yet)", as if a Mistral form existed,
    while vector_stores.list beside it said there are no vector stores on Mistral."""
    from mechanics import convert_snippet

    _, todos = convert_snippet('''\
        from openai import OpenAI


        def create_store(client: OpenAI, name):
            return client.vector_stores.create(name=name)


        def add_file(client, store_id, file_id):
            return client.vector_stores.files.create(vector_store_id=store_id, file_id=file_id)
        ''')
    assert len(todos) == 2 and all("has no Mistral counterpart (no vector stores on Mistral" in t and
                                   "convert this call by hand" not in t for t in todos), todos


def test_instructor_over_litellm_on_an_openai_model_gets_the_litellm_todo():
    """Held-out review 112, Y1 (llm-structured-extraction): `client = instructor.from_litellm(completion)`, then
    `client.chat.completions.create(model=LLM_MODEL, response_model=...)`, LLM_MODEL an env read defaulting to "gpt-4":
    silent, though litellm.completion(model="gpt-4o-mini") itself gets its TODO."""
    from mechanics import convert_snippet

    _, todos = convert_snippet('''\
        import os

        import instructor
        from litellm import completion
        from pydantic import BaseModel

        LLM_MODEL = os.getenv("LLM_MODEL", "gpt-4")


        class User(BaseModel):
            name: str


        def extract(text):
            client = instructor.from_litellm(completion)
            return client.chat.completions.create(model=LLM_MODEL, response_model=User,
                                                  messages=[{"role": "user", "content": text}])
        ''')
    assert any(t.startswith("instructor.from_litellm(...) sends each structured call's model= through LiteLLM: 'gpt-4' "
                            "runs on OpenAI") and 'model="mistral/mistral-large-latest"' in t for t in todos), todos


def test_dspy_on_an_openai_model_gets_the_litellm_route():
    """Held-out review 117, Y2 (dspy_with_conversational_history): `dspy.LM("openai/gpt-4o-mini")` and DSPy 2.4's
    `dspy.OpenAI(model=...)` ran the service on OpenAI, "Nothing to change", while litellm.completion(...) (which
    dspy.LM wraps) gets its TODO. Each gets one naming the Mistral model string; an LM on another provider gets none."""
    from mechanics import convert_snippet

    _, todos = convert_snippet('''\
        import dspy

        lm = dspy.LM("openai/gpt-4o-mini", max_tokens=250)
        dspy.settings.configure(lm=lm)
        legacy = dspy.OpenAI(model="gpt-3.5-turbo")
        local = dspy.LM("ollama_chat/llama3.1", api_base="http://localhost:11434")
        ''')
    assert len(todos) == 2, todos
    assert todos[0].startswith("dspy.LM('openai/gpt-4o-mini') runs on OpenAI through DSPy (LiteLLM: it reads "
                               "OPENAI_API_KEY") and 'dspy.LM("mistral/mistral-small-latest")' in todos[0], todos
    assert todos[1].startswith("dspy.OpenAI(model='gpt-3.5-turbo') runs on OpenAI through DSPy") and \
        'dspy.LM("mistral/mistral-small-latest")' in todos[1] and "DSPy 2.5" in todos[1], todos


def test_livekits_openai_plugin_gets_a_todo_naming_its_mistral_plugin():
    """Held-out review 117, Y1 (rag-realtime): `from livekit.plugins import openai`, then `openai.LLM(...)` and
    `openai.realtime.RealtimeModel(...)` ran the voice agent on OpenAI, silently ("Nothing to change"). The text LLM
    is told livekit-plugins-mistralai's LLM; the realtime model, which Mistral has no counterpart of, stays."""
    from mechanics import convert_snippet

    _, todos = convert_snippet('''\
        from livekit.plugins import openai


        def build():
            llm = openai.LLM(model="gpt-4o-mini")
            model = openai.realtime.RealtimeModel(model="gpt-4o-realtime-preview", voice="coral")
            other = openai.LLM.with_ollama(model="llama3.1")
            return llm, model, other
        ''')
    assert len(todos) == 2, todos
    assert todos[0].startswith("LLM(...) is LiveKit's OpenAI component: it calls OpenAI and reads OPENAI_API_KEY") and \
        "livekit.plugins.mistralai.LLM(model=\"mistral-large-latest\")" in todos[0], todos
    assert todos[1].startswith("RealtimeModel(...) is LiveKit's OpenAI component") and \
        "no speech-to-speech realtime model" in todos[1], todos


def test_guidances_openai_model_gets_a_todo():
    """Held-out review 133, Y4 (glianorex-oai): `models.OpenAI("gpt-4o-...")` of guidance ran the whole evaluation on
    OpenAI, and migrator said "Nothing to change"."""
    from mechanics import convert_snippet

    _, todos = convert_snippet('''\
        from guidance import models, select, user

        gpt4o = models.OpenAI("gpt-4o-2024-05-13")
        with user():
            lm = gpt4o + "Pick A or B" + select(options=["A", "B"], name="choice")
        ''')
    assert len(todos) == 1 and todos[0].startswith("OpenAI(...) is guidance's OpenAI component: it calls OpenAI and "
                                                   "reads OPENAI_API_KEY") and "models.LiteLLM(" in todos[0], todos


def test_a_litellm_call_handed_its_key_is_told_to_hand_it_a_mistral_key():
    """Held-out review 118, Y2 (practice_py): `completion(model="openai/gpt-4o", api_key=config["OPENAI_KEY"])` was told
    it reads OPENAI_API_KEY and that model="mistral/..." makes LiteLLM read MISTRAL_API_KEY: it reads no variable, and
    the model-only change sent the OpenAI key to Mistral (401)."""
    from mechanics import convert_snippet

    _, todos = convert_snippet('''\
        from dotenv import dotenv_values
        from litellm import completion

        config = dotenv_values(".env")
        response = completion(model="openai/gpt-4o", messages=[], api_key=config["OPENAI_KEY"])
        ''')
    assert len(todos) == 1 and "(with the key it is handed, config['OPENAI_KEY'])" in todos[0] and \
        'pass model="mistral/mistral-large-latest" and hand it a Mistral key in place of config[\'OPENAI_KEY\']' in \
        todos[0] and "OPENAI_API_KEY" not in todos[0], todos


def test_a_litellm_call_on_a_run_time_model_in_a_module_naming_openai_models_gets_the_todo():
    """Held-out review 121, X1 (Multi-Source_RAG_Platform): `litellm.completion(**params)` / `litellm.completion(
    model=current_model)`, the model a parameter defaulting to "gpt-3.5-turbo" (callers passing "gpt-4o"): the app's
    answers stayed on OpenAI with no TODO. A module naming OpenAI's models gets the LiteLLM TODO for such a call."""
    from mechanics import convert_snippet

    _, todos = convert_snippet('''\
        import litellm


        class Completer:
            def __init__(self, model_name="gpt-3.5-turbo"):
                self.model_name = model_name

            def get(self, prompt, model_name=None):
                current_model = model_name or self.model_name
                params = {"model": current_model, "messages": [{"role": "user", "content": prompt}]}
                return litellm.completion(**params).choices[0].message.content
        ''')
    assert len(todos) == 1 and todos[0].startswith("litellm.completion(model=current_model) sends the model it is "
                                                   "given through LiteLLM, and this module names OpenAI's "
                                                   "('gpt-3.5-turbo')"), todos
    _, todos = convert_snippet('''\
        import litellm


        def get(prompt, model):
            return litellm.completion(model=model, messages=[{"role": "user", "content": prompt}])
        ''')
    assert not todos, todos


def test_raw_http_to_openais_admin_api_stays_on_openai():
    """Held-out review 121, X6 (Multi-Source_RAG_Platform): a GET of `https://api.openai.com/v1/organization/costs`
    (the admin API, an admin key) was told to go to https://api.mistral.ai/v1, which has no such API."""
    from mechanics import convert_snippet

    _, todos = convert_snippet('''\
        import os
        import requests

        BASE_URL = "https://api.openai.com/v1/organization/costs"
        response = requests.get(BASE_URL, headers={"Authorization": f"Bearer {os.getenv('OPENAI_ADMIN_KEY')}"})
        ''')
    assert len(todos) == 1 and "calls OpenAI's organization endpoint directly" in todos[0] and \
        "stays on OpenAI" in todos[0] and "api.mistral.ai" not in todos[0], todos


@pytest.mark.parametrize("path", ["dashboard/billing/usage?start_date=2023-04-01", "usage/completions"])
def test_held_out_157_raw_http_to_openais_billing_dashboard_stays_on_openai(path: str):
    """Held-out review 157, Y4 (Cloud-Computing's /usage command): a GET of OpenAI's billing dashboard was told to go
    to https://api.mistral.ai/v1 "in Mistral's request shape"; Mistral has no billing or usage API."""
    from mechanics import convert_snippet

    _, todos = convert_snippet(f'''\
        import os
        import requests


        def usage():
            headers = {{"Authorization": f"Bearer {{os.environ['ADMIN_KEY']}}"}}
            return requests.get(url=f"https://api.openai.com/v1/{path}", headers=headers).json()
        ''')
    assert len(todos) == 1 and "stays on OpenAI" in todos[0] and "Mistral's console" in todos[0] and \
        "api.mistral.ai/v1" not in todos[0], todos


def test_held_out_130_an_environment_reads_default_of_openais_url_is_no_request():
    """Held-out review 130, X6 (Research-Assistant): `EMBEDDING_PROVIDER_URL = os.getenv("EMBEDDING_PROVIDER_URL",
    "https://api.openai.com/v1/embeddings")`, read nowhere: "the request it sends with it goes to OpenAI" was said of
    os.getenv. A request sent to the value is still flagged where it is sent."""
    from mechanics import convert_snippet

    _, todos = convert_snippet('''\
        import os

        import requests

        URL = os.getenv("EMBEDDING_PROVIDER_URL", "https://api.openai.com/v1/embeddings")
        UNUSED = os.getenv("OTHER_URL", "https://api.openai.com/v1/embeddings")


        def embed(texts):
            return requests.post(URL, json={"input": texts, "model": "text-embedding-3-small"}).json()
        ''')
    assert not any(t.startswith("os.getenv(...) is handed") for t in todos), todos
    assert any(t.startswith("requests.post(...)") for t in todos), todos


def test_azure_openai_reached_over_http_gets_the_raw_http_todo():
    """Held-out review 144, Y3: an app whose only model calls went to Azure OpenAI with requests
    (`f"https://{resource}.openai.azure.com/openai/deployments/{dep}/chat/completions?..."`) was "Nothing to change":
    OpenAI's API through Azure, as silent as api.openai.com would not be."""
    from mechanics import convert_snippet

    _, todos = convert_snippet('''\
        import json

        import openai
        import requests

        openai.api_key = "x"
        resource, deployment = "myres", "gpt4"
        ENDPOINT = "https://myres.openai.azure.com/openai/deployments/gpt4/chat/completions?api-version=2023-05-15"


        def review(messages):
            r = requests.post(
                f"https://{resource}.openai.azure.com/openai/deployments/{deployment}/chat/completions",
                headers={"api-key": openai.api_key}, data=json.dumps({"messages": messages}))
            return r.json()["choices"][0]["message"]["content"]


        def again(messages):
            return requests.post(ENDPOINT, json={"messages": messages}).json()
        ''')
    assert len([t for t in todos if t.startswith("requests.post(...) calls OpenAI's HTTP API directly")]) == 2, todos


@pytest.mark.parametrize("call", ["claims.get(\"https://api.openai.com/auth\", {})",
                                  "requests.get(\"https://api.openai.com/v1/models\")",
                                  "session.get(\"https://api.openai.com/v1/models\")",
                                  "s.get(\"https://api.openai.com/v1/models\")"])
def test_a_dict_lookup_keyed_by_an_openai_url_is_no_http_call(call: str) -> None:
    """Held-out review 155, Y5 (bz-cogs' codex/oauth.py): `claims.get("https://api.openai.com/auth", {})`, a decoded
    token's claim, was told it "calls OpenAI's HTTP API directly". A `.get` on no HTTP sender is a lookup; requests'
    and a session's still say it."""
    from mechanics import convert_snippet

    _, todos = convert_snippet(f"import requests\n\nsession = s = requests.Session()\n\n\ndef f(claims):\n"
                               f"    return {call}\n")
    said = any("calls OpenAI's HTTP API directly" in t for t in todos)
    assert said == (not call.startswith("claims")), todos  # (`s.get` of an API path: review of session 85)


@pytest.mark.parametrize("source, said", [
    ("from phi.agent import Agent\nfrom phi.model.openai import OpenAIChat\n\n"
     "agent = Agent(model=OpenAIChat(id=\"o3-mini\"))\nagent.print_response(\"hi\")\n",
     "OpenAIChat(...) is phidata's OpenAI component: it calls OpenAI and reads OPENAI_API_KEY"),
    ("from langchain.document_loaders.generic import GenericLoader\n"
     "from langchain.document_loaders.parsers import OpenAIWhisperParser\n\n"
     "loader = GenericLoader(blobs, OpenAIWhisperParser())\nprint(loader.load())\n",
     "OpenAIWhisperParser(...) is LangChain's OpenAI component: it calls OpenAI and reads OPENAI_API_KEY")])
def test_held_out_168_phidata_and_langchains_whisper_parser_get_the_foreign_component_todo(source, said):
    """Held-out review 168, Y2 (baksoftware/gpt: phidata's OpenAIChat, agno's former name) and Y3
    (python-openai-projects: LangChain's OpenAIWhisperParser sending the audio to OpenAI's Whisper): silent."""
    from mechanics import convert_snippet

    _code, todos = convert_snippet(source)
    assert any(t.startswith(said) for t in todos), todos


def test_held_out_168_an_aliased_requests_get_of_an_openai_url_held_in_a_name_gets_the_todo():
    """Held-out review 168, Y4 (rngtang/Telephone-Assistant): `import requests as req`, `url =
    "https://api.openai.com/v1/threads"`, `req.get(url, headers=headers)`: silent, as `requests.get` was not."""
    from mechanics import convert_snippet

    _code, todos = convert_snippet('''\
        import os
        import requests as req

        url = "https://api.openai.com/v1/threads"
        resp = req.get(url, headers={"Authorization": f"Bearer {os.environ['OPENAI_API_KEY']}"})
        print(resp.json())
        ''')
    assert any(t.startswith("req.get(...) calls OpenAI's threads endpoint directly, without the SDK") for t in todos), \
        todos


def test_phidatas_openai_model_keeps_the_openai_package():
    """Review of session 88: phidata's OpenAIChat imports openai, as agno's does; its requirement was replaced by
    mistralai beside a converted client, and the agent's module raised ImportError (its TODO said openai stays)."""
    from mechanics import convert_files

    out = convert_files({
        "requirements.txt": "phidata\nopenai\n",
        "agent.py": "from phi.agent import Agent\nfrom phi.model.openai import OpenAIChat\n\n"
                    "agent = Agent(model=OpenAIChat(id=\"gpt-4o\"))\n",
        "chat.py": "from openai import OpenAI\n\nclient = OpenAI()\n"
                   "print(client.chat.completions.create(model=\"gpt-4o\", messages=[]).choices[0].message.content)\n"})
    assert "openai" in out["requirements.txt"].split(), out["requirements.txt"]
