"""Modules without openai that the code calling OpenAI imports (migrator.engine.companions): the plan
reads them, converts them when it maps something in them, and leaves a constant alone when a module
it did not read may read it."""

from __future__ import annotations

import json
import textwrap

import pytest

from migrator.config import Config
from migrator.engine import Mode, run
from migrator.engine.companions import imported_modules, is_imported
from migrator.engine.files import NO_OPENAI_REASON
from migrator.engine.scan import scan, scan_dict

APP = '''\
from openai import OpenAI
from settings import MODEL, EMBED_MODEL

client = OpenAI()


def ask(q):
    return client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": q}]).choices[0].message.content


def embed(text):
    return client.embeddings.create(model=EMBED_MODEL, input=text).data[0].embedding
'''
SETTINGS = '''\
import os

MODEL = "gpt-4o"  # the chat model
EMBED_MODEL = os.getenv("EMBED_MODEL", "text-embedding-3-small")
'''


def _tree(tmp_path, files: dict[str, str]):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def _findings(report) -> dict[str, list[str]]:
    return {r.path.rsplit("/", 1)[-1]: [f.message for f in getattr(r, "findings", ()) if f.kind == "todo"]
            for r in report.results}


def test_a_model_constant_in_a_settings_module_without_openai_is_mapped_where_it_is_set(tmp_path):
    """Real applications keep model names in config.py / settings.py, which never mention openai, so
    migrator did not read them: every converted call got "make sure it names a Mistral model there"."""
    _tree(tmp_path, {"app.py": APP, "settings.py": SETTINGS})
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    assert report.exit_code == 0
    settings = (tmp_path / "settings.py").read_text(encoding="utf-8")
    assert 'MODEL = "mistral-large-latest"  # the chat model\n' in settings, settings
    assert 'EMBED_MODEL = os.getenv("EMBED_MODEL", "mistral-embed")\n' in settings, settings
    todos = _findings(report)
    assert not any("is imported from settings" in t for t in todos["app.py"]), todos
    assert any("model name from the environment (EMBED_MODEL)" in t for t in todos["settings.py"]), todos
    again = run([str(tmp_path)], mode=Mode.CHECK, jobs=1, progress=False)
    assert again.exit_code == 0, [r.path for r in again.changed]


def test_scan_reads_the_same_modules_as_convert(tmp_path):
    """A client handed to a function of a module without openai: scan follows it there as convert does
    (without the companion, the hand-off is a blocking use and the client is kept)."""
    _tree(tmp_path, {
        "app.py": "from openai import OpenAI\nfrom review import perform_review\n\n"
                  "print(perform_review(OpenAI()))\n",
        # (a call naming no OpenAI model: one that does is read on its own, held-out review 54, R6)
        "review.py": "def perform_review(client):\n"
                     "    return [m.id for m in client.models.list()]\n",
        "unrelated.py": "x = 1\n"})
    data = scan_dict(scan([str(tmp_path)]))
    assert data["files"] == {"seen": 3, "candidates": 1, "parsed": 1, "failed": 0, "skipped": 0}
    assert {client["decision"] for client in data["clients"]} == {"convert"}, data["clients"]
    assert [(use["path"], use["status"]) for use in data["uses"]] == [("review.py", "convert")], data["uses"]
    report = run([str(tmp_path)], mode=Mode.DIFF, jobs=1, progress=False)
    skipped = {r.path.rsplit("/", 1)[-1]: r.reason for r in report.skipped}
    assert skipped == {"unrelated.py": NO_OPENAI_REASON}  # not imported: never read


def test_a_constant_a_module_not_read_may_read_keeps_its_todo(tmp_path):
    """A module without openai that the OpenAI code does not import may still read the constant
    (tiktoken.encoding_for_model(MODEL) raises on a Mistral name; config.EMBED_MODEL handed on): the
    constant is not mapped, and the converted call keeps its TODO. One only printed is mapped (held-out review
    128, Y4: a print's f-string kept an OpenAI name going to Mistral)."""
    _tree(tmp_path, {
        "app.py": APP,
        "settings.py": SETTINGS,
        "count.py": "import tiktoken\nfrom settings import MODEL\nENC = tiktoken.encoding_for_model(MODEL)\n",
        "show.py": "import settings\nregister(settings.EMBED_MODEL)\n",
    })
    report = run([str(tmp_path)], mode=Mode.DIFF, jobs=1, progress=False)
    assert "settings.py" not in {r.path.rsplit("/", 1)[-1] for r in report.changed}
    todos = _findings(report)["app.py"]
    assert any(t.startswith("model=MODEL is imported from settings") for t in todos), todos
    assert any(t.startswith("model=EMBED_MODEL is imported from settings") for t in todos), todos
    (tmp_path / "show.py").write_text("import settings\nprint(settings.EMBED_MODEL)\n")
    report = run([str(tmp_path)], mode=Mode.DIFF, jobs=1, progress=False)
    todos = _findings(report)["app.py"]
    assert not any(t.startswith("model=EMBED_MODEL") for t in todos), todos


def test_a_module_mentioning_openai_in_a_comment_gets_its_model_constant_mapped(tmp_path):
    """The plan mapped the constant (no TODO at the call), but the module imports no openai and its
    rules never ran: the OpenAI name stayed, silently."""
    _tree(tmp_path, {"app.py": APP, "settings.py": "# OpenAI settings\n" + SETTINGS})
    run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    assert 'MODEL = "mistral-large-latest"' in (tmp_path / "settings.py").read_text(encoding="utf-8")


def test_a_client_handed_to_a_function_of_a_module_without_openai_converts_there_too(tmp_path):
    """SakanaAI/AI-Scientist: ``perform_review(text, model, client)`` lives in a module that never
    names openai; the client was kept ("handed to perform_review(...), which migrator cannot
    follow"). Read, the function's calls convert with the client."""
    _tree(tmp_path, {
        "main.py": '''\
            from openai import OpenAI
            from review import perform_review

            client = OpenAI()
            print(perform_review("paper", "gpt-4o-mini", client))
            ''',
        "review.py": '''\
            import json


            def perform_review(text, model, client):
                r = client.chat.completions.create(model=model, messages=[{"role": "user", "content": text}], seed=7)
                return json.loads(r.choices[0].message.content)
            ''',
    })
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    assert report.exit_code == 0
    review = (tmp_path / "review.py").read_text(encoding="utf-8")
    assert "client.chat.complete(model=model, " in review and "random_seed=7" in review, review
    assert "Mistral(" in (tmp_path / "main.py").read_text(encoding="utf-8")
    data = json.loads(render_plan(report))
    assert [c["decision"] for c in data["clients"]] == ["convert", "convert"], data["clients"]


def render_plan(report) -> str:
    return json.dumps(report.plan.to_dict(report.plan_root))


def test_imported_modules_names_what_an_import_may_bring_in():
    found = imported_modules(textwrap.dedent('''\
        from . import (a,
            b as c)
        import x.y as z, w
        from ..cfg import M  # comment
        from app.settings import MODEL
        '''), "/r/pkg/sub/m.py")
    assert found == {"/r/pkg/sub", "/r/pkg/sub/a", "/r/pkg/sub/b", "x/y", "w", "/r/pkg/cfg", "/r/pkg/cfg/M",
                     "app/settings", "app/settings/MODEL"}
    assert is_imported("/r/app/settings.py", {"app/settings"})
    assert is_imported("/r/app/settings/__init__.py", {"app/settings"})
    assert not is_imported("/r/myapp/settings.py", {"app/settings"})


IMPORTED_CLIENT = {
    "svc/__init__.py": "",
    "svc/client.py": "import os\n\nfrom openai import OpenAI\n\nclient = OpenAI(api_key=os.environ[\"OPENAI_API_KEY\"])\n",
    "svc/generate.py": "def generate_plan(client, topic):\n"
                       "    r = client.chat.completions.create(model=\"gpt-4o\", messages=[{\"role\": \"user\", \"content\": topic}])\n"
                       "    return r.choices[0].message.content\n",
    "views.py": "from svc.client import client\nfrom svc.generate import generate_plan\n\n\n"
                "def plan_view(topic):\n    return generate_plan(client, topic)\n",
}


def test_a_module_importing_a_client_is_read_and_its_hand_off_followed(tmp_path):
    """Held-out review 7, D7: views.py (no openai) imports the client and hands it to generate_plan; the
    plan saw no use, called the client unused, converted nothing and left a TODO at every call."""
    _tree(tmp_path, IMPORTED_CLIENT)
    data = scan_dict(scan([str(tmp_path)]))
    assert sorted(c["decision"] for c in data["clients"]) == ["convert", "convert"], data["clients"]
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    assert report.exit_code == 0
    assert "client = Mistral(" in (tmp_path / "svc" / "client.py").read_text()
    assert "client.chat.complete(model=\"mistral-large-latest\"" in (tmp_path / "svc" / "generate.py").read_text()
    assert (tmp_path / "views.py").read_text() == IMPORTED_CLIENT["views.py"]
    assert not any(_findings(report).values()), _findings(report)
    again = run([str(tmp_path)], mode=Mode.CHECK, jobs=1, progress=False)
    assert again.exit_code == 0, [r.path for r in again.changed]


def test_a_client_an_importer_puts_where_migrator_cannot_follow_is_kept_with_one_todo(tmp_path):
    files = dict(IMPORTED_CLIENT, **{"views.py": "from svc.client import client\nfrom svc.generate import generate_plan\n\n\n"
                                                 "def plan_view(topic):\n    kwargs = {\"client\": client, \"topic\": topic}\n"
                                                 "    return generate_plan(**kwargs)\n"})
    _tree(tmp_path, files)
    report = run([str(tmp_path)], mode=Mode.DIFF, jobs=1, progress=False)
    todos = _findings(report)
    assert [len(todos.get(name, [])) for name in ("client.py", "generate.py", "views.py")] == [1, 1, 0], todos
    assert "views.py" in todos["client.py"][0] and "kept on OpenAI" in todos["client.py"][0]
    assert "a client that stays on OpenAI needs nothing" in todos["generate.py"][0]  # what reaches it is not known


@pytest.mark.parametrize("names_openai", [False, True])
def test_a_client_a_module_that_does_not_parse_imports_is_kept(tmp_path, names_openai):
    """Held-out review 12, N9: the client converted although a module importing it failed to parse (its
    uses there unknown: a files.create would have kept it). Kept, naming that module; it is reported."""
    broken = ("import openai  # noqa\n" if names_openai else "") + \
        "from svc.client import client\n\n\ndef upload(f):\n    return client.files.create(file=f)\n\n\ndef broken(:\n    pass\n"
    _tree(tmp_path, dict(IMPORTED_CLIENT, **{"views.py": broken}))
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    todos = _findings(report)
    assert "kept on OpenAI: ../views.py may use it and does not parse" in todos["client.py"][0], todos
    assert "client = OpenAI(" in (tmp_path / "svc" / "client.py").read_text()
    assert (tmp_path / "views.py").read_text() == broken
    assert [r.path.rsplit("/", 1)[-1] for r in report.failed] == (["views.py"] if names_openai else [])


def test_a_factory_a_module_that_does_not_parse_imports_keeps_its_client(tmp_path):
    """Held-out review 105, X1 (propertyai): main.py, which does not parse (a missing comma), imports get_client(),
    a factory building its client into a global; the client converted, the requirement went, and main.py's
    responses.create on it (asyncio.run of a now synchronous call) got no word. Kept, naming that module."""
    broken = ("import asyncio\n\nfrom tool.providers import get_client\n\nclient = get_client()\n\n\n"
              "def summarise(text):\n    return asyncio.run(client.responses.create(\n        model=\"gpt-4o\",\n"
              "        instructions=\"Summarise\"\n        input=text,\n    )).output_text\n")
    providers = ("import os\n\nfrom openai import AsyncOpenAI\n\n_client = None\n\n\ndef get_client():\n"
                 "    global _client\n    if _client is None:\n"
                 "        _client = AsyncOpenAI(api_key=os.environ[\"OPENAI_API_KEY\"])\n    return _client\n\n\n"
                 "async def ask(prompt):\n    r = await get_client().chat.completions.create(model=\"gpt-4o\", "
                 "messages=[{\"role\": \"user\", \"content\": prompt}])\n    return r.choices[0].message.content\n")
    _tree(tmp_path, {"tool/__init__.py": "", "tool/providers.py": providers, "tool/main.py": broken})
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    todos = _findings(report)
    assert "kept on OpenAI: main.py may use it and does not parse" in todos["providers.py"][0], todos
    assert "AsyncOpenAI(" in (tmp_path / "tool" / "providers.py").read_text()
    assert (tmp_path / "tool" / "main.py").read_text() == broken


def test_a_module_importing_a_client_relatively_is_read_too(tmp_path):
    """Re-review of held-out 7, R1: `from .services.client import client` resolved to an absolute module
    path, which the importers' suffixes never held: views.py was not read, the client converted for the
    module importing it absolutely, and generate_plan kept OpenAI's call on a Mistral client."""
    _tree(tmp_path, {
        "app/docs/__init__.py": "", "app/docs/services/__init__.py": "", "app/bot/__init__.py": "",
        "app/docs/services/client.py": IMPORTED_CLIENT["svc/client.py"],
        "app/docs/services/generate.py": IMPORTED_CLIENT["svc/generate.py"] + "\n\n" +
            IMPORTED_CLIENT["svc/generate.py"].replace("generate_plan", "generate_texts"),
        "app/docs/views.py": "from .services.client import client\nfrom .services.generate import generate_plan\n\n\n"
                             "def plan_view(topic):\n    return generate_plan(client, topic)\n",
        "app/bot/handlers.py": "from docs.services.client import client\nfrom docs.services.generate import generate_texts\n\n\n"
                               "def on_paid(topic):\n    return generate_texts(client=client, topic=topic)\n",
    })
    run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    generate = (tmp_path / "app" / "docs" / "services" / "generate.py").read_text()
    assert generate.count("client.chat.complete(") == 2 and "completions" not in generate, generate


def test_a_client_in_a_package_init_is_followed_into_its_importers(tmp_path):
    """Held-out review 8, D2: `from app.analysis import client`, the client built in app/analysis/__init__.py.
    The files read all sat in app/analysis, so the package's module went nameless and nothing matched:
    "Clients: 1 unused", nothing converted, and no word at the audio call."""
    _tree(tmp_path, {
        "app/__init__.py": "",
        "app/analysis/__init__.py": "import os\nfrom openai import AsyncOpenAI\n\n"
                                    "client = AsyncOpenAI(api_key=os.getenv(\"OPENAI_API_KEY\"))\n",
        "app/analysis/title_gen.py": "from app.analysis import client\n\n\nasync def title(desc):\n"
                                     "    r = await client.chat.completions.create(model=\"gpt-4o\", messages=[])\n"
                                     "    return r.choices[0].message.content\n",
    })
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    assert not any(_findings(report).values()), _findings(report)
    assert "client = Mistral(" in (tmp_path / "app" / "analysis" / "__init__.py").read_text()
    assert "await client.chat.complete_async(" in (tmp_path / "app" / "analysis" / "title_gen.py").read_text()


@pytest.mark.parametrize("read, load", [
    ("OPENAI_API_KEY = os.getenv(\"OPENAI_API_KEY\", \"\").strip()\n", "import config\n"),  # config.OPENAI_API_KEY
    ("OPENAI_API_KEY = \"\"\n\n\ndef load_env():\n    global OPENAI_API_KEY\n"
     "    OPENAI_API_KEY = os.getenv(\"OPENAI_API_KEY\", \"\").strip()\n", "import config\n"),
    ("OPENAI_API_KEY = \"\"\n\n\ndef load_env():\n    global OPENAI_API_KEY\n"
     "    OPENAI_API_KEY = os.getenv(\"OPENAI_API_KEY\", \"\").strip()\n", "from config import OPENAI_API_KEY\n"),
])
def test_a_key_read_feeding_a_converted_client_through_a_module_attribute_or_global_is_renamed(tmp_path, read, load):
    """Held-out review 15, J2 (ak811/owl): the key read in config.py, reached as `config.OPENAI_API_KEY` or
    set in `load_env()` through `global`, was not linked to the client it feeds: the read got "the converted
    client reads MISTRAL_API_KEY" (it is given this very value), the client a key TODO, and the env example
    kept a variable nothing read once the read was renamed (N-D7: the Python name OPENAI_API_KEY is no read)."""
    key = "config.OPENAI_API_KEY" if load == "import config\n" else "OPENAI_API_KEY"
    _tree(tmp_path, {
        "config.py": "import os\n\n" + read,
        "app.py": "from openai import OpenAI\n\n" + load + f"\nclient = OpenAI(api_key={key})\n"
                  "print(client.chat.completions.create(model=\"gpt-4o\", messages=[]))\n",
        ".env.example": "OPENAI_API_KEY=\n",
    })
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    assert 'os.getenv("MISTRAL_API_KEY", "").strip()' in (tmp_path / "config.py").read_text()
    assert f"    api_key={key},\n" in (tmp_path / "app.py").read_text()
    assert not any(_findings(report).values()), _findings(report)
    assert (tmp_path / ".env.example").read_text() == "MISTRAL_API_KEY=\n"
    again = run([str(tmp_path)], mode=Mode.CHECK, jobs=1, progress=False)
    assert again.exit_code == 0, [r.path for r in again.changed]


def test_a_factory_method_called_on_a_new_instance_in_a_module_without_openai_is_followed(tmp_path):
    """Held-out review 19, N-A1 (ChatDev): the factory method's caller, in a module that never names openai,
    `OpenAIProvider(key).create_client()` (a method called on a new instance), was not followed: the client
    was kept as "called where migrator cannot follow it"."""
    _tree(tmp_path, {
        "prov.py": '''\
            from openai import OpenAI


            class OpenAIProvider:
                def __init__(self, key):
                    self.key = key

                def create_client(self):
                    return OpenAI(api_key=self.key)
            ''',
        "executor.py": '''\
            from prov import OpenAIProvider


            def run(key, messages):
                client = OpenAIProvider(key).create_client()
                return client.chat.completions.create(model="gpt-4o", messages=messages)
            ''',
    })
    report = run([tmp_path], mode=Mode.WRITE, jobs=1, progress=False)
    assert not report.failed
    assert "return Mistral(" in (tmp_path / "prov.py").read_text()
    assert 'client.chat.complete(model="mistral-large-latest", messages=messages)' in \
        (tmp_path / "executor.py").read_text()


# a converted module's wrapper whose callers choose the model (held-out reviews 25 and 26)
WRAPPER = ("from openai import AsyncOpenAI\n\nclient = AsyncOpenAI()\n\n\n"
           "async def ask(messages, model: str = \"gpt-4o-mini\"):\n"
           "    r = await client.chat.completions.create(model=model, messages=messages)\n"
           "    return r.choices[0].message.content\n")


def test_a_wrappers_model_its_importers_pass_is_mapped_there(tmp_path):
    """Held-out review 25, A3 (phoenix-charts-api): `stream_chat(messages, model="gpt-4o-mini")` in a router that
    never names openai kept the OpenAI name (the wrapper's own default was mapped): Mistral answered 400."""
    _tree(tmp_path, {
        "app/__init__.py": "",
        "app/llm.py": WRAPPER,
        "app/router.py": "from app.llm import ask\n\n\nasync def route(q):\n"
                         "    return await ask([{\"role\": \"user\", \"content\": q}], model=\"gpt-4o\")\n",
    })
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    assert not any(_findings(report).values()), _findings(report)
    assert 'model: str = "mistral-small-latest"' in (tmp_path / "app" / "llm.py").read_text()
    assert 'model="mistral-large-latest")' in (tmp_path / "app" / "router.py").read_text()


def test_a_model_an_importer_passes_at_run_time_keeps_the_todo(tmp_path):
    """The same wrapper called elsewhere with a model chosen at run time: its call keeps the TODO (nothing is
    mapped where the name is not written)."""
    _tree(tmp_path, {
        "app/__init__.py": "",
        "app/llm.py": "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
                      "def ask(q, model):\n"
                      "    return client.chat.completions.create(model=model, messages=[{\"role\": \"user\", "
                      "\"content\": q}])\n",
        "app/router.py": "import os\n\nfrom app.llm import ask\n\n\ndef route(q):\n"
                         "    return ask(q, os.environ[\"LLM\"])\n",
    })
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    assert any("computed at run time" in t for todos in _findings(report).values() for t in todos), _findings(report)


X5_LLM = (
    "from openai import AsyncOpenAI\n\nclient = AsyncOpenAI()\n\n\n"
    "async def question(text, model):\n"
    "    response = await client.chat.completions.create(model=model, messages=[{\"role\": \"user\", \"content\": text}])\n"
    "    return response.choices[0].message.content\n"
)


@pytest.mark.parametrize("also_read", [False, True])
def test_a_model_variable_an_importer_passes_is_mapped_there_or_named(tmp_path, also_read):
    """Held-out review 57, X5 (urgan67/chatgpt-bot): `model = 'gpt-4o-mini-2024-07-18'; await question(text, model)`
    in a bot module that never names openai: the wrapper's call said "computed at run time" and the OpenAI name
    reached Mistral. A variable read only as that argument is mapped where it is set; one a price table also reads
    is left, and the call's TODO names it and its other reader."""
    reader = "price.get(model)" if also_read else "0.15"
    _tree(tmp_path, {
        "llm.py": X5_LLM,
        "bot.py": "from llm import question\n\nprice = {\"gpt-4o-mini-2024-07-18\": 0.15}\n\n\n"
                  "async def on_text(text):\n    model = 'gpt-4o-mini-2024-07-18'\n"
                  f"    answer = await question(text, model)\n    return answer, {reader}\n",
    })
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    bot = (tmp_path / "bot.py").read_text()
    assert "client.chat.complete_async(model=model" in (tmp_path / "llm.py").read_text()
    if also_read:
        assert "model = 'gpt-4o-mini-2024-07-18'" in bot, bot
        assert any(t.startswith("model=model comes from model = 'gpt-4o-mini-2024-07-18' in bot.py (on_text), "
                                "passed to question and also read by price.get(...) in bot.py")
                   for t in _findings(report)["llm.py"]), _findings(report)
    else:
        assert "model = 'mistral-small-latest'" in bot, bot
        assert not any(_findings(report).values()), _findings(report)


Y4_ASSISTANT = (
    "from openai import OpenAI\n\n\nclass Assistant:\n    def __init__(self):\n        self.client = OpenAI()\n\n"
    "    def ask(self, prompt, model_name):\n"
    "        r = self.client.chat.completions.create(model=model_name, messages=[{\"role\": \"user\", \"content\": prompt}])\n"
    "        return r.choices[0].message.content\n\n"
    "    def again(self, prompt):\n        return self.ask(prompt, 'gpt-4o')\n"
)


@pytest.mark.parametrize("other", ["", "ok", "other class", "computed", "unknown receiver", "handed on"])
def test_the_model_literals_callers_pass_to_a_method_of_another_module_are_mapped_there(tmp_path, other):
    """Held-out review 145, Y4: `model.audio_transcriptions(path, 'whisper-1')` in main.py, the method passing its
    parameter to the converted call as its model: "computed at run time", and whisper-1 went to Mistral. Chat alike.
    Each `.ask(...)` of the tree made on an instance of the class passes a literal: each is mapped where it is
    written, and no TODO is left. A caller computing the model, a `.ask(...)` on something migrator cannot tie to a
    class, or the method handed on as a value: the literals stay, and the call keeps its TODO."""
    extra = {"": "", "ok": "\n\ndef helper(q):\n    other = Assistant()\n    return other.ask(q, model_name='gpt-4o-mini')\n",
             # (another class's method of the name, in the same module: its literal is not this method's)
             "other class": "\n\nclass Cache:\n    def ask(self, q, model_name):\n        return (q, model_name)\n\n\n"
                            "cache = Cache()\nhit = cache.ask('q', 'gpt-4o')\n",
             "computed": "\n\ndef pick(q, tier):\n    return bot.ask(q, f'gpt-{tier}')\n",
             "unknown receiver": "\n\ndef pick(q, thing):\n    return thing.ask(q, 'gpt-4o')\n",
             "handed on": "\n\nhandler = bot.ask\n"}[other]
    _tree(tmp_path, {
        "models.py": Y4_ASSISTANT,
        "main.py": "from models import Assistant\n\nbot = Assistant()\n\n\ndef handle(q):\n"
                   "    return bot.ask(q, \"gpt-4o-mini\")\n" + extra,
    })
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    main, models = (tmp_path / "main.py").read_text(), (tmp_path / "models.py").read_text()
    assert "self.client.chat.complete(model=model_name" in models, models
    if other in ("", "ok", "other class"):
        assert 'bot.ask(q, "mistral-small-latest")' in main, main
        assert "self.ask(prompt, 'mistral-large-latest')" in models, models
        assert other != "ok" or "other.ask(q, model_name='mistral-small-latest')" in main, main
        assert other != "other class" or "hit = cache.ask('q', 'gpt-4o')" in main, main
        assert not any(_findings(report).values()), _findings(report)
    else:
        assert 'bot.ask(q, "gpt-4o-mini")' in main, main
        assert "self.ask(prompt, 'gpt-4o')" in models, models
        assert any(t.startswith("model=model_name is computed at run time") for t in _findings(report)["models.py"]), \
            _findings(report)


def test_the_model_a_caller_passes_to_a_v0_transcription_method_is_mapped_there(tmp_path):
    """Held-out review 145, Y4 as found: `openai.Audio.transcribe(model_engine, audio_file)` (openai 0.x, the model
    first) in a method main.py calls with 'whisper-1': mapped there to Voxtral, and no run-time TODO."""
    _tree(tmp_path, {
        "models.py": "import openai\n\n\nclass OpenAIModel:\n    def __init__(self):\n        openai.api_key = 'k'\n\n"
                     "    def audio_transcriptions(self, file_path, model_engine) -> str:\n"
                     "        audio_file = open(file_path, 'rb')\n"
                     "        response = openai.Audio.transcribe(model_engine, audio_file)\n"
                     "        return response['text']\n",
        "main.py": "from models import OpenAIModel\n\nmodel = OpenAIModel()\n\n\ndef handle_audio(path):\n"
                   "    return model.audio_transcriptions(path, 'whisper-1')\n",
    })
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    main, models = (tmp_path / "main.py").read_text(), (tmp_path / "models.py").read_text()
    assert "model.audio_transcriptions(path, 'voxtral-mini-latest')" in main, main
    assert "audio.transcriptions.complete(model=model_engine" in models, models
    assert not any("computed at run time" in t for t in _findings(report)["models.py"]), _findings(report)


def test_a_sibling_apps_model_setting_passed_to_a_method_is_mapped_with_the_example_env_file(tmp_path):
    """Held-out review 145, Y3: tg/main.py's `CHAT_MODEL = os.getenv('CHAT_COMPLETION_MODEL', 'gpt-3.5-turbo')`,
    passed to a method that sends it as model=, was "computed at run time"; since it reads the variable line/ reads
    too, line/.env.example's `CHAT_COMPLETION_MODEL = 'gpt-3.5-turbo'` was left. The default is mapped where it is
    written, as line/main.py's is, and so is the example file's line."""
    _tree(tmp_path, {
        "tg/models.py": "import openai\n\n\nclass OpenAIModel:\n    def __init__(self, api_key: str):\n"
                        "        openai.api_key = api_key\n\n    def chat_completion(self, messages, model_engine):\n"
                        "        response = openai.ChatCompletion.create(model=model_engine, messages=messages)\n"
                        "        return response['choices'][0]['message']['content']\n",
        "tg/main.py": "import os\n\nfrom models import OpenAIModel\n\nmodel = OpenAIModel(os.getenv('OPENAI_API_KEY'))\n"
                      "CHAT_MODEL = os.getenv('CHAT_COMPLETION_MODEL', 'gpt-3.5-turbo')\n\n\ndef webhook(text):\n"
                      "    return model.chat_completion([{'role': 'user', 'content': text}], CHAT_MODEL)\n",
        "line/main.py": "import os\n\nimport openai\n\nopenai.api_key = os.getenv('OPENAI_API_KEY')\n"
                        "CHAT_MODEL = os.getenv('CHAT_COMPLETION_MODEL', 'gpt-3.5-turbo')\n\n\ndef reply(text):\n"
                        "    r = openai.ChatCompletion.create(model=CHAT_MODEL, messages=[{'role': 'user', 'content': text}])\n"
                        "    return r['choices'][0]['message']['content']\n",
        "line/.env.example": "OPENAI_API_KEY = \nCHAT_COMPLETION_MODEL = 'gpt-3.5-turbo'\n",
    })
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    assert "CHAT_MODEL = os.getenv('CHAT_COMPLETION_MODEL', 'mistral-small-latest')" in \
        (tmp_path / "tg/main.py").read_text(), (tmp_path / "tg/main.py").read_text()
    assert "CHAT_COMPLETION_MODEL = 'mistral-small-latest'" in (tmp_path / "line/.env.example").read_text()
    assert not any("computed at run time" in t for t in _findings(report)["models.py"]), _findings(report)


@pytest.mark.parametrize("through", ["pkg", "pkg.embedding_service"])
def test_a_model_literal_passed_to_a_wrapper_class_through_a_package_is_mapped_there(tmp_path, through):
    """Held-out review 148, Y2 (omni-channel-ai-servicing): `from pkg import EmbeddingService` (re-exported by
    pkg/__init__.py), then `EmbeddingService(model="text-embedding-3-small")`, its __init__ handing the parameter to
    the converted OpenAIEmbeddings: the default was mapped, the caller's literal was not, and nothing was said. The
    caller is found through the re-export, and its literal is mapped where it is written."""
    _tree(tmp_path, {
        "pkg/__init__.py": "from .embedding_service import EmbeddingService\n",
        "pkg/embedding_service.py": "from langchain_openai import OpenAIEmbeddings\n\n\nclass EmbeddingService:\n"
                                    "    def __init__(self, model: str = \"text-embedding-3-small\"):\n"
                                    "        self.embeddings = OpenAIEmbeddings(model=model)\n",
        "scripts/build_index.py": f"from {through} import EmbeddingService\n\n"
                                  "svc = EmbeddingService(model=\"text-embedding-3-small\")\n",
    })
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    assert 'svc = EmbeddingService(model="mistral-embed")' in (tmp_path / "scripts/build_index.py").read_text()
    assert 'def __init__(self, model: str = "mistral-embed"):' in (tmp_path / "pkg/embedding_service.py").read_text()
    assert not any(_findings(report).values()), _findings(report)


def test_an_index_size_the_converted_embeddings_feed_is_flagged_beside_embeddings_kept_elsewhere(tmp_path):
    """Held-out review 148, Y1 (omni-channel-ai-servicing): evaluate.py's OpenAIEmbeddings, kept (handed to ragas),
    silenced every vector-size TODO of the tree, while build_index.py fed the converted EmbeddingService's vectors to a
    `FAISSVectorStore(dimension=1536)` (its default 1536 too). Where the converted vectors go, each size is flagged."""
    _tree(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/embedding_service.py": "from langchain_openai import OpenAIEmbeddings\n\n\nclass EmbeddingService:\n"
                                    "    def __init__(self):\n"
                                    "        self.embeddings = OpenAIEmbeddings(model=\"text-embedding-3-small\")\n\n"
                                    "    def embed(self, text):\n        return self.embeddings.embed_query(text)\n",
        "pkg/vector_store.py": "import faiss\n\n\nclass FAISSVectorStore:\n"
                               "    def __init__(self, dimension: int = 1536):\n"
                               "        self.index = faiss.IndexFlatIP(dimension)\n\n    def add(self, vectors):\n"
                               "        self.index.add(vectors)\n",
        "scripts/build_index.py": "from pkg.embedding_service import EmbeddingService\n"
                                  "from pkg.vector_store import FAISSVectorStore\n\nsvc = EmbeddingService()\n"
                                  "store = FAISSVectorStore(dimension=1536)\nstore.add([svc.embed(\"hello\")])\n",
        "evaluate.py": "from langchain_openai import OpenAIEmbeddings\nfrom ragas import evaluate\n\n\n"
                       "def run(dataset):\n    return evaluate(dataset, embeddings=OpenAIEmbeddings())\n",
    })
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    sized = {name: [t for t in todos if t.startswith("1536: the size of OpenAI's")]
             for name, todos in _findings(report).items()}
    assert sized["build_index.py"] and sized["vector_store.py"], _findings(report)
    assert not sized["evaluate.py"], _findings(report)


@pytest.mark.parametrize("passed", ["temperature=0.3", "seed=7"])
def test_a_shared_clients_kwargs_its_callers_in_other_modules_fill_with_chat_keywords_converts(tmp_path, passed):
    """Held-out review 148, Y5 (Fuz_AgenticAI): `LLMClient.chat_completion(self, messages, temperature=0.7, **kwargs)`
    passing **kwargs to the chat call, its instance `llm_client` imported by agent modules naming no openai, kept the
    app's only client on OpenAI ("kwargs is not built in this scope"). Those modules are read, and where each call
    passes only keywords Mistral's chat takes as they are, the client converts; `seed=` (renamed) keeps it."""
    _tree(tmp_path, {
        "config/__init__.py": "",
        "config/llm.py": "from openai import OpenAI\n\n\nclass LLMClient:\n    def __init__(self):\n"
                         "        self.client = OpenAI()\n\n"
                         "    def chat_completion(self, messages, temperature=0.7, **kwargs):\n"
                         "        response = self.client.chat.completions.create(\n"
                         "            model=\"gpt-4\", messages=messages, temperature=temperature, **kwargs\n"
                         "        )\n        return response.choices[0].message.content\n\n\n"
                         "llm_client = LLMClient()\n",
        "agents/__init__.py": "",
        "agents/planner.py": "from config.llm import llm_client\n\n\ndef plan(task):\n"
                             "    return llm_client.chat_completion([{\"role\": \"user\", \"content\": task}], "
                             f"{passed})\n",
    })
    run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    llm = (tmp_path / "config/llm.py").read_text()
    if passed.startswith("temperature"):
        assert "self.client.chat.complete(" in llm and "**kwargs" in llm, llm
    else:
        assert "self.client.chat.completions.create(" in llm, llm


def test_an_imported_model_constant_another_module_also_reads_is_named_with_its_readers(tmp_path):
    """Held-out review 58, X2 (document_summarize): CHAT_MODEL of config.py is also read by
    tiktoken.encoding_for_model(CHAT_MODEL) in tokens.py; "make sure it names a Mistral model there" made the token
    counter raise KeyError. The TODO names the value and its other readers, and says the tokenizer call raises."""
    _tree(tmp_path, {
        "config.py": 'CHAT_MODEL = "gpt-4o-mini"\n',
        "tokens.py": "import tiktoken\n\nfrom config import CHAT_MODEL\n\n\ndef count_tokens(text):\n"
                     "    return len(tiktoken.encoding_for_model(CHAT_MODEL).encode(text))\n",
        "app.py": "from openai import OpenAI\n\nfrom config import CHAT_MODEL\nfrom tokens import count_tokens\n\n"
                  "client = OpenAI()\nn = count_tokens('hi')\n"
                  "r = client.chat.completions.create(model=CHAT_MODEL, messages=[{\"role\": \"user\", \"content\": \"hi\"}])\n",
    })
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    assert (tmp_path / "config.py").read_text() == 'CHAT_MODEL = "gpt-4o-mini"\n'
    assert any(t.startswith("model=CHAT_MODEL is imported from config: CHAT_MODEL = 'gpt-4o-mini' in config.py, also "
                            "read by tiktoken.encoding_for_model(...) in tokens.py (tiktoken.encoding_for_model raises "
                            "KeyError for a Mistral model name") for t in _findings(report)["app.py"]), _findings(report)
    # the tokenizer's own line says so too (held-out review 59, X7), once: a second run changes nothing
    tokens = (tmp_path / "tokens.py").read_text()
    assert tokens.count("# TODO(migrator MIG102): CHAT_MODEL also names the model of calls migrator moved to Mistral "
                        "(app.py): once it names a Mistral model, tiktoken.encoding_for_model raises KeyError") == 1, tokens
    before = {p.name: p.read_text() for p in tmp_path.glob("*.py")}
    run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    assert {p.name: p.read_text() for p in tmp_path.glob("*.py")} == before


def test_an_imported_model_constant_a_module_without_openai_reads_is_named_with_that_read(tmp_path):
    """Held-out review 60, X15: CHAT_MODEL of config.py is also read by litellm.completion(model=CHAT_MODEL) in b.py,
    a module without openai the plan does not read; "make sure it names a Mistral model there" broke the LiteLLM
    call (which wants "mistral/..."). The constant stays, and the TODO names its value and that read."""
    _tree(tmp_path, {
        "config.py": 'CHAT_MODEL = "gpt-4o-mini"\n',
        "b.py": "import litellm\nimport config\nfrom config import CHAT_MODEL\n\n\ndef ask2(q):\n"
                "    print(config.CHAT_MODEL)\n"
                "    return litellm.completion(model=CHAT_MODEL, messages=[{'role': 'user', 'content': q}])\n",
        "a.py": "from openai import OpenAI\n\nfrom config import CHAT_MODEL\n\nclient = OpenAI()\n"
                "r = client.chat.completions.create(model=CHAT_MODEL, messages=[])\n",
    })
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    assert (tmp_path / "config.py").read_text() == 'CHAT_MODEL = "gpt-4o-mini"\n'
    # (b.py, a LiteLLM module, is read since held-out review 173, Y2: its call gets the LiteLLM TODO of its own)
    assert any(t.startswith("model=CHAT_MODEL is imported from config: CHAT_MODEL = 'gpt-4o-mini' in config.py, also "
                            "read by litellm.completion(...) in b.py, so migrator leaves its value")
               for t in _findings(report)["a.py"]), _findings(report)  # (the print only shows it: review 128, Y4)
    assert any("litellm.completion(model=CHAT_MODEL) sends the model it is given through LiteLLM" in t
               for t in _findings(report)["b.py"]), _findings(report)


def test_a_vector_store_the_tree_holds_is_named_where_converted_embeddings_open_it(tmp_path):
    """Held-out review 60, Y15 (Astrosera): db/chroma_db, built with OpenAI embeddings, is in the repository, and
    ingestion skips the rebuild while it exists; the converted embeddings (1024 dims) cannot query it. The first
    statement opening it says so, naming the existence check; a store path the tree does not hold, or a module whose
    embeddings stay on OpenAI, gets nothing."""
    _tree(tmp_path, {
        "ingest.py": "import os\n\nfrom langchain_chroma import Chroma\n"
                     "from langchain_openai import OpenAIEmbeddings\n\n"
                     "PERSIST = 'db/chroma_db'\n\n\ndef main(chunks):\n"
                     "    emb = OpenAIEmbeddings(model='text-embedding-3-small')\n"
                     "    if os.path.exists(PERSIST):\n"
                     "        return Chroma(persist_directory=PERSIST, embedding_function=emb)\n"
                     "    return Chroma.from_documents(chunks, emb, persist_directory=PERSIST)\n",
        "other.py": "from langchain_chroma import Chroma\nfrom langchain_openai import OpenAIEmbeddings\n\n"
                    "db = Chroma(persist_directory='db/elsewhere', embedding_function=OpenAIEmbeddings())\n",
        "kept.py": "from langchain_chroma import Chroma\nfrom langchain_openai import OpenAIEmbeddings\n\n"
                   "db = Chroma(persist_directory='db/chroma_db', embedding_function=OpenAIEmbeddings(\n"
                   "    base_url='https://openrouter.ai/api/v1'))\n",
    })
    (tmp_path / "db" / "chroma_db").mkdir(parents=True)
    (tmp_path / "db" / "chroma_db" / "chroma.sqlite3").write_bytes(b"")
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    todo = ("db/chroma_db exists in this tree: the vectors stored there came from OpenAI embeddings, which the "
            "converted ones cannot query (other size and space): delete it and rebuild it with the Mistral embeddings")
    ingest = (tmp_path / "ingest.py").read_text()
    assert f"    if os.path.exists(PERSIST):\n        # TODO(migrator MIG107): {todo} (the os.path.exists(PERSIST) " \
        "check here skips the rebuild while it exists)\n        return Chroma(" in ingest, ingest
    assert ingest.count("MIG107") == 1, ingest
    # the object's own "re-embed stored vectors" TODO would say it again (held-out review 86, Y8: two TODOs a site)
    assert ingest.count("TODO(migrator") == 1 and "re-embed" not in ingest, ingest
    assert not any("exists in this tree" in t for path in ("other.py", "kept.py")
                   for t in _findings(report).get(path, [])), _findings(report)
    # a store of the tree written and read with local embeddings (held-out review 62, X34): nothing to rebuild
    (tmp_path / "local.py").write_text("from langchain_chroma import Chroma\nfrom langchain_huggingface import "
                                       "HuggingFaceEmbeddings\n\nemb = HuggingFaceEmbeddings()\n"
                                       "db = Chroma(persist_directory='db/chroma_db', embedding_function=emb)\n")
    report = run([str(tmp_path)], mode=Mode.CHECK, jobs=1, progress=False)
    assert not _findings(report).get("local.py"), _findings(report)
    before = {p.name: p.read_text() for p in tmp_path.glob("*.py")}
    run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    assert {p.name: p.read_text() for p in tmp_path.glob("*.py")} == before


@pytest.mark.parametrize("directory", [".", "./", ".."])
def test_a_store_persisted_in_the_modules_own_directory_is_not_told_to_be_deleted(tmp_path, directory):
    """Held-out review 82, X6 (ALBADWIMAJID/rag-telegram-bot): `Chroma(persist_directory=".")`, its files downloaded
    at start-up: ". exists in this tree ... delete it" (the directory of the code itself, which always exists), stacked
    under the re-embed TODO that says what to do."""
    _tree(tmp_path, {"app/bot.py": "from langchain_chroma import Chroma\nfrom langchain_openai import OpenAIEmbeddings"
                                   f"\n\ndb = Chroma(persist_directory={directory!r}, "
                                   "embedding_function=OpenAIEmbeddings())\n"})
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    bot = (tmp_path / "app" / "bot.py").read_text()
    assert "MistralAIEmbeddings" in bot and "MIG107" not in bot, bot
    assert any("re-embed stored vectors" in t for t in _findings(report)["bot.py"]), _findings(report)


def test_a_class_whose_default_model_its_importers_leave_alone_is_mapped(tmp_path):
    """Held-out review 25, A5 (learn-openai): `PromptManager()` in an event.py that never names openai kept the
    constructor's `model="gpt-4o"` default with a "computed at run time" TODO."""
    _tree(tmp_path, {
        "pm.py": "from openai import OpenAI\n\nclient = OpenAI()\n\n\nclass PromptManager:\n"
                 "    def __init__(self, model=\"gpt-4o\"):\n        self.model = model\n\n"
                 "    def ask(self, q):\n        return client.chat.completions.create(model=self.model, "
                 "messages=[{\"role\": \"user\", \"content\": q}])\n",
        "event.py": "from pm import PromptManager\n\nPromptManager().ask(\"x\")\n",
    })
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    assert not any(_findings(report).values()), _findings(report)
    assert 'def __init__(self, model="mistral-large-latest"):' in (tmp_path / "pm.py").read_text()


def test_a_model_constant_from_a_star_import_says_where_it_comes_from(tmp_path):
    """Held-out review 25, B9 (Cyberfortress): `from config import *` ... model=CHAT_MODEL was "computed at run
    time"; a name the module binds itself still is."""
    from mechanics import convert_idempotent

    _, todos = convert_idempotent('''\
        from openai import OpenAI
        from config import *

        client = OpenAI()


        def ask(q, chosen):
            client.chat.completions.create(model=CHAT_MODEL, messages=[{"role": "user", "content": q}])
            client.chat.completions.create(model=chosen, messages=[{"role": "user", "content": q}])
        ''')
    assert any(t.startswith("model=CHAT_MODEL comes from a star import (from config import *)") for t in todos), todos
    assert any(t.startswith("model=chosen is computed at run time") for t in todos), todos


@pytest.mark.parametrize("also", ["", "LIMIT = {\"gpt-4o-mini\": 128000}[MODEL]\n"])
def test_a_model_constant_of_a_star_imported_module_of_the_tree_is_mapped_where_it_is_set(tmp_path, also):
    """Held-out review 77, Y7: `from cfg import *` of the tree's cfg.py, whose client was converted through it, still
    said "model=MODEL comes from a star import"; read only as model= of converted calls, cfg's MODEL is mapped where it
    is set, as a named import's is. Read otherwise too, it keeps its value and the call says so."""
    _tree(tmp_path, {
        "cfg.py": "from openai import OpenAI\n\nclient = OpenAI()\nMODEL = \"gpt-4o-mini\"\n",
        "main.py": "from cfg import *\n\n" + also + "\ndef ask(q):\n    return client.chat.completions.create("
                   "model=MODEL, messages=[{\"role\": \"user\", \"content\": q}])\n",
    })
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    todos = [message for found in _findings(report).values() for message in found]
    if also:
        assert 'MODEL = "gpt-4o-mini"' in (tmp_path / "cfg.py").read_text() and todos, todos
    else:
        assert 'MODEL = "mistral-small-latest"' in (tmp_path / "cfg.py").read_text() and not todos, todos
        assert "client.chat.complete(model=MODEL" in (tmp_path / "main.py").read_text()


@pytest.mark.parametrize("caller", [
    "from app import llm\n\n\nasync def route(q):\n    return await llm.ask([], model=\"gpt-4o\")\n",
    "import os\n\nfrom app.llm import ask\n\n\nasync def route(q):\n    return await ask([], model=os.environ[\"M\"])\n",
])
def test_a_wrapper_whose_importers_pass_what_is_not_lined_up_keeps_the_calls_todo(tmp_path, caller):
    """Held-out review 26, C1 / C2 / D1: `llm.ask(model="gpt-4o")` through the module, or a model from the
    environment: the wrapper's default was mapped and the others' names reached Mistral with no TODO."""
    _tree(tmp_path, {
        "app/__init__.py": "",
        "app/llm.py": WRAPPER,
        "app/router.py": caller,
    })
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    # (the TODO stays for what the importers pass; the default, which only reaches model=, is mapped since held-out
    # review 47, F1)
    assert any("model=model" in t and "what its callers pass through other names" in t
               for t in _findings(report)["llm.py"]), _findings(report)
    assert 'model: str = "mistral-small-latest"' in (tmp_path / "app" / "llm.py").read_text()


def test_a_factorys_result_bound_at_module_level_is_followed_into_the_modules_importing_it(tmp_path):
    """Held-out review 46, C1 (Augere): `ai_client: OpenAI = get_ai_client()` in client.py, `from client import
    ai_client; Agent(ai_client)` in a main.py that names no openai: main.py was not read, so Agent's parameter had "no
    caller", its call stayed OpenAI's while the factory's client became Mistral's (AttributeError). It is read, and
    Agent converts with the client; the annotations name Mistral (C2)."""
    _tree(tmp_path, {
        "client.py": "from functools import lru_cache\n\nfrom openai import OpenAI\n\n\n@lru_cache\ndef get_ai_client() -> OpenAI:\n"
                     "    return OpenAI()\n\n\nai_client: OpenAI = get_ai_client()\n",
        "agent.py": "from openai import OpenAI\n\n\nclass Agent:\n    def __init__(self, client: OpenAI):\n"
                    "        self.client: OpenAI = client\n\n    def ask(self, prompt):\n"
                    "        return self.client.chat.completions.create(model='gpt-4o-mini', messages=[]).choices[0].message.content\n",
        "main.py": "from agent import Agent\nfrom client import ai_client\n\nprint(Agent(ai_client).ask('hi'))\n",
    })
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    assert not report.failed
    agent = (tmp_path / "agent.py").read_text()
    assert "self.client.chat.complete(" in agent and "self.client: Mistral = client" in agent and "openai" not in agent, agent
    assert "ai_client: Mistral = get_ai_client()" in (tmp_path / "client.py").read_text()


def test_a_module_that_does_not_parse_and_only_mentions_the_clients_module_does_not_keep_it(tmp_path):
    """Held-out review 52, N1 (openai/build-hours): a jupytext script with `%load_ext` (it does not parse) whose
    comments and strings hold the words "client" and "main" kept main.py's client on OpenAI. Only an import line
    naming the module counts (the import case is the test above)."""
    files = {"main.py": "from openai import OpenAI\n\nclient = OpenAI()\n"
                        "r = client.chat.completions.create(model=\"gpt-4o\", messages=[])\n",
             "pipeline.py": "# %%\n%load_ext autoreload\n# the main loop: each client gets its prompt\n"
                            "import openai  # noqa\nprint('main client')\n"}
    _tree(tmp_path, files)
    run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    assert "client = Mistral(" in (tmp_path / "main.py").read_text()


def test_a_module_named_as_no_identifier_is_not_read_by_a_text_naming_it(tmp_path):
    """Held-out review 53, Q6 (workshop_llm_0): openai/0_getting_started.py's key read was not renamed because a
    Gemini script (not read: no openai) names "0_getting_started.py" in its docstring and has an `api_key` keyword.
    No import statement can name a module `0_getting_started`: such a text does not read its names."""
    _tree(tmp_path, {
        "openai_app/0_getting_started.py": (
            'import os\n\nfrom openai import OpenAI\n\napi_key = os.getenv("OPENAI_API_KEY")\n\n'
            'client = OpenAI(api_key=api_key)\nr = client.chat.completions.create(model="gpt-4o-mini", '
            'messages=[{"role": "user", "content": "Hello!"}])\nprint(r.choices[0].message.content)\n'),
        "google_app/0_getting_started.py": ('"""\n0_getting_started.py: the same with Gemini\n"""\nimport os\n\n'
                                            'import google.generativeai as genai\n\n'
                                            'genai.configure(api_key=os.getenv("GOOGLE_API_KEY"))\n'),
    })
    run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    code = (tmp_path / "openai_app" / "0_getting_started.py").read_text()
    assert 'api_key = os.getenv("MISTRAL_API_KEY")' in code and "TODO" not in code, code


def test_a_constant_named_only_as_an_environment_variable_elsewhere_is_not_read_there(tmp_path):
    """Held-out review 69, Y3 (atobe/abc): another sub-project's llm.py (not read: no openai) with
    `os.environ.get("MODEL", None)` and `from raal.llm import ...` counted as reading extract/llm.py's constant MODEL:
    its default stayed "gpt-4o" under a converted call. A quoted "MODEL" is a string, not the constant."""
    other = ('import os\n\nfrom raal.llm import streaming_llm\n\nmodel = os.environ.get("MODEL", None)\n\n\n'
             'def call_llm(messages):\n    return streaming_llm(model=model, messages=messages)\n')
    app = ('import os\n\nfrom openai import OpenAI\n\nMODEL = os.environ.get("MODEL", "gpt-4o")\n\n\n'
           'def call_llm(prompt):\n    return OpenAI().chat.completions.create(model=MODEL, messages=['
           '{"role": "user", "content": prompt}]).choices[0].message.content\n')
    for case, reads, default in (("quoted", other, "mistral-large-latest"),
                                 ("named", other + "tally(MODEL)\n", "gpt-4o")):  # (the constant itself: it may be)
        root = _tree(tmp_path / case, {"extract/llm.py": app, "agent/agent/llm.py": reads})
        run([str(root)], mode=Mode.WRITE, jobs=1, progress=False)
        code = (root / "extract" / "llm.py").read_text()
        assert f'MODEL = os.environ.get("MODEL", "{default}")' in code, (case, code)


def test_an_imported_model_setting_a_kept_agent_also_reads_is_named(tmp_path):
    """Held-out review 59, Y9 (chatbot-demo): `openai_chat_model = os.getenv("OPENAI_CHAT_MODEL", openai_llm_model)` of
    common/__init__.py feeds a converted call and a kept OpenAI Agents SDK agent; "make sure it names a Mistral model
    there" would have sent a Mistral name to OpenAI. The TODO names the value and the other reader."""
    _tree(tmp_path, {
        "common/__init__.py": 'import os\n\nopenai_llm_model = os.getenv("OPENAI_LLM_MODEL", "gpt-4o-mini")\n'
                              'openai_chat_model = os.getenv("OPENAI_CHAT_MODEL", openai_llm_model)\n',
        "agent_demo.py": "from agents import Agent\n\nfrom common import openai_chat_model as model\n\n"
                         "agent = Agent(model=model, name=\"Assistant\")\n",
        "chat_demo.py": "from openai import OpenAI\n\nfrom common import openai_chat_model as model\n\nclient = OpenAI()\n"
                        "r = client.chat.completions.create(model=model, messages=[{\"role\": \"user\", \"content\": \"hi\"}])\n",
    })
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    assert any(t.startswith("model=model is imported from common: openai_chat_model = os.getenv('OPENAI_CHAT_MODEL', "
                            "openai_llm_model) in common/__init__.py, also read by Agent(...) in agent_demo.py, so "
                            "migrator leaves its value") for t in _findings(report)["chat_demo.py"]), _findings(report)


@pytest.mark.parametrize("also_read", [False, True])
def test_an_instance_attribute_set_to_a_model_in_another_modules_class_is_mapped_there_or_named(tmp_path, also_read):
    """Held-out review 59, X4 (SCAINs): `params = DefaultParams()`; `model=params.GPT_MODEL`, with `self.GPT_MODEL =
    "gpt-4o-mini"` in DefaultParams.__init__ of app/utils/params.py: "computed at run time", and each Celery task
    retried Mistral's 400 four times. Read only as model=, it is mapped where it is set; read otherwise too, the TODO
    names it."""
    extra = "\n\ndef show():\n    return params.GPT_MODEL.upper()\n" if also_read else ""
    _tree(tmp_path, {
        "app/__init__.py": "",
        "app/utils/__init__.py": "",
        "app/utils/params.py": "class DefaultParams:\n    def __init__(self):\n        self.GPT_MODEL = \"gpt-4o-mini\"\n",
        "app/tasks.py": "from openai import OpenAI\n\nfrom app.utils.params import DefaultParams\n\nclient = OpenAI()\n"
                        "params = DefaultParams()\n\n\ndef ask(prompt):\n    return client.chat.completions.create("
                        "model=params.GPT_MODEL, messages=[{\"role\": \"user\", \"content\": prompt}])\n" + extra,
    })
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    params = (tmp_path / "app" / "utils" / "params.py").read_text()
    if also_read:
        assert 'self.GPT_MODEL = "gpt-4o-mini"' in params, params
        assert any("DefaultParams().GPT_MODEL (set to 'gpt-4o-mini' in params.py), also read by" in t
                   for t in _findings(report)["tasks.py"]), _findings(report)
    else:
        assert 'self.GPT_MODEL = "mistral-small-latest"' in params, params
        assert not any(_findings(report).values()), _findings(report)


def test_a_start_up_check_listing_openai_api_key_among_variables_gets_a_todo(tmp_path):
    """Held-out review 60, Y12 (ai-ticket-classifier): `PROVIDER_VARS = ["GEMINI_API_KEY", "OPENAI_API_KEY"]`, then
    `if not any(os.getenv(var) for var in PROVIDER_VARS)`: the converted client reads MISTRAL_API_KEY, and the check
    failed with only that set (/ready: 503), silently. A list of names no code reads from the environment gets nothing."""
    _tree(tmp_path, {
        "env_check.py": "import os\n\nPROVIDER_VARS = [\"GEMINI_API_KEY\", \"OPENAI_API_KEY\"]\n"
                        "SHOWN = [\"OPENAI_API_KEY\"]\n\n\ndef validate():\n"
                        "    return any(os.getenv(var) for var in PROVIDER_VARS), SHOWN\n",
        "provider.py": "from openai import OpenAI\n\nclient = OpenAI()\n"
                       "r = client.chat.completions.create(model=\"gpt-4o\", messages=[])\n",
        "app.py": "from env_check import validate\n\nvalidate()\n",
    })
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    assert _findings(report)["env_check.py"] == [
        "PROVIDER_VARS lists OPENAI_API_KEY among the variables this module reads from the environment, but the "
        "converted clients read MISTRAL_API_KEY: put MISTRAL_API_KEY in its place (with only MISTRAL_API_KEY set, a "
        "check of these fails; keep both only if clients of the other remain)"], \
        _findings(report)
    # a membership test, and a literal written in place (held-out review 61, Y22); a test popping the key is told
    # to pop the new one too
    (tmp_path / "env_check.py").write_text(
        "import os\nimport sys\n\nREQUIRED = (\"OPENAI_API_KEY\", \"DATABASE_URL\")\n\n\ndef validate():\n"
        "    for name in REQUIRED:\n        if name not in os.environ:\n            sys.exit(name)\n"
        "    missing = [k for k in (\"OPENAI_API_KEY\", \"DB\") if not os.getenv(k)]\n    return missing\n")
    (tmp_path / "provider.py").write_text("from openai import OpenAI\n\nclient = OpenAI()\n"
                                          "r = client.chat.completions.create(model=\"gpt-4o\", messages=[])\n")
    (tmp_path / "test_app.py").write_text("import os\n\n\ndef test_keyless():\n"
                                          "    os.environ.pop(\"OPENAI_API_KEY\", None)\n    import app  # noqa\n")
    report = run([str(tmp_path)], mode=Mode.CHECK, jobs=1, progress=False)
    found = _findings(report)
    assert [t.split(" lists ")[0] for t in found["env_check.py"]] == ["REQUIRED", "this check"], found
    assert found["test_app.py"] == ["OPENAI_API_KEY is removed here, but the converted client reads MISTRAL_API_KEY: "
                                    "remove that too if this is about it (migrator never renames this)"], found


@pytest.mark.parametrize("loop", ["{k: v for k, v in os.environ.items() if k not in SECRET_VARS}",
                                  "[k for k in os.environ if k in SECRET_VARS]"])
def test_a_list_filtering_the_environment_by_openai_api_key_gets_a_todo(tmp_path, loop):
    """Held-out review 86, X1: `SECRET_VARS = ("OPENAI_API_KEY", "BOT_TOKEN")` kept out of an untrusted subprocess's
    environment (`{k: v for k, v in os.environ.items() if k not in SECRET_VARS}`): the converted client read
    MISTRAL_API_KEY, which then passed the filter, silently. A list no environment filter reads gets nothing."""
    _tree(tmp_path, {
        "sandbox.py": "import os\n\nSECRET_VARS = (\"OPENAI_API_KEY\", \"BOT_TOKEN\")\n"
                      f"SHOWN = [\"OPENAI_API_KEY\"]\n\n\ndef scrubbed():\n    return {loop}, SHOWN\n",
        "provider.py": "from openai import OpenAI\n\nclient = OpenAI()\n"
                       "r = client.chat.completions.create(model=\"gpt-4o\", messages=[])\n",
    })
    report = run([str(tmp_path)], mode=Mode.CHECK, jobs=1, progress=False)
    assert _findings(report)["sandbox.py"] == [
        "SECRET_VARS lists OPENAI_API_KEY among the variables this module filters the environment by, but the "
        "converted clients read MISTRAL_API_KEY: add MISTRAL_API_KEY to it (where the list keeps secrets out, the "
        "Mistral key now passes)"], _findings(report)


def test_a_langchain_key_from_a_helper_reading_openai_api_key_names_the_helper(tmp_path):
    """Held-out review 60, Y14 (seedlit/summarize): `ChatOpenAI(api_key=utils.get_openai_key())`, the helper reading
    OPENAI_API_KEY and raising when it is unset: the converted ChatMistralAI's TODO said only "must now hold a
    Mistral API key"; with only MISTRAL_API_KEY set every request raised. The TODO names the helper's read."""
    _tree(tmp_path, {
        "src/__init__.py": "",
        "src/utils.py": "import os\n\n\ndef get_openai_key():\n    api_key = os.getenv(\"OPENAI_API_KEY\")\n"
                        "    if not api_key:\n        raise ValueError(\"OPENAI_API_KEY not set\")\n    return api_key\n",
        "src/summarize.py": "from langchain_openai import ChatOpenAI\n\nfrom src import utils\n\n\ndef summarize(text):\n"
                            "    return ChatOpenAI(api_key=utils.get_openai_key()).invoke(text).content\n",
    })
    report = run([str(tmp_path)], mode=Mode.CHECK, jobs=1, progress=False)
    assert any(t.startswith("api_key=utils.get_openai_key() reads OPENAI_API_KEY (in utils.py), which the app then "
                            "still needs: make it read MISTRAL_API_KEY") for t in _findings(report)["summarize.py"]), \
        _findings(report)
    # the SDK client given such a key says so too (it said "looks like an OpenAI key")
    (tmp_path / "src" / "summarize.py").write_text(
        "from openai import OpenAI\n\nfrom src import utils\n\nclient = OpenAI(api_key=utils.get_openai_key())\n"
        "r = client.chat.completions.create(model='gpt-4o', messages=[{'role': 'user', 'content': 'hi'}])\n")
    report = run([str(tmp_path)], mode=Mode.CHECK, jobs=1, progress=False)
    assert any(t.startswith("api_key=utils.get_openai_key() reads OPENAI_API_KEY (in utils.py), which the app then "
                            "still needs: make it read MISTRAL_API_KEY, or leave api_key= out (the SDK reads")
               for t in _findings(report)["summarize.py"]), _findings(report)


def test_a_run_time_model_in_a_class_naming_openai_models_names_them(tmp_path):
    """Held-out review 59, Y7 (promptview): `model=config.model`, read at run time from the class's own
    `default_model = "gpt-4o"` and `models = [...]` (a registry keyed on them): "computed at run time" said nothing of
    them. The TODO names the class's attributes."""
    _tree(tmp_path, {
        "llm.py": "import openai\n\n\nclass OpenAiLLM:\n    default_model: str = 'gpt-4o'\n"
                  "    models = ['gpt-4o', 'gpt-4o-mini']\n    temperature = 0\n\n"
                  "    def __init__(self, config):\n        self.config = config\n"
                  "        self.client = openai.OpenAI()\n\n"
                  "    def complete(self, messages, config):\n"
                  "        return self.client.chat.completions.create(messages=messages, model=config.model)\n",
    })
    report = run([str(tmp_path)], mode=Mode.CHECK, jobs=1, progress=False)
    assert any(t.startswith("model=config.model is computed at run time: make sure it names a Mistral model; class "
                            "OpenAiLLM names OpenAI models (default_model = 'gpt-4o'; models = ['gpt-4o', "
                            "'gpt-4o-mini']): if they reach it") for t in _findings(report)["llm.py"]), \
        _findings(report)


def test_a_model_constant_read_as_module_attribute_is_mapped_where_it_is_set(tmp_path):
    """Held-out review 61, Y20 (naveentopno20/rag-app): `import config` then `model=config.OPENAI_MODEL` was "computed
    at run time" while `from config import X` is followed; config.py kept OpenAI's names and every call sent them to
    Mistral. Now mapped there the same way; a constant also read otherwise stays, and the call's TODO names it."""
    _tree(tmp_path, {
        "config.py": "import os\n\nOPENAI_MODEL = os.getenv(\"OPENAI_MODEL\", \"gpt-4o-mini\")\nPLAIN = \"gpt-4o\"\n"
                     "PRICED = \"gpt-4o\"\nPRICES = {PRICED: 5}\n",
        "a.py": "from openai import OpenAI\n\nimport config\n\nclient = OpenAI()\n\n\ndef chat(q):\n"
                "    a = client.chat.completions.create(model=config.OPENAI_MODEL, messages=[])\n"
                "    b = client.chat.completions.create(model=config.PLAIN, messages=[])\n"
                "    return client.chat.completions.create(model=config.PRICED, messages=[]), a, b\n",
    })
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    code = (tmp_path / "config.py").read_text()
    assert 'os.getenv("OPENAI_MODEL", "mistral-small-latest")' in code, code
    assert 'PLAIN = "mistral-large-latest"' in code, code
    assert 'PRICED = "gpt-4o"' in code, code
    todos = _findings(report)["a.py"]
    assert todos == ["model=config.PRICED: PRICED = 'gpt-4o' in config.py, also read by PRICES = ... in config.py "
                     "(line 6), so migrator "
                     "leaves its value: give this call a Mistral model of its own, or make it name a Mistral model "
                     "there and update those readers (see `migrator rules` / --model; said once per module)"], todos
    before = {p.name: p.read_text() for p in tmp_path.glob("*.py")}
    run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    assert {p.name: p.read_text() for p in tmp_path.glob("*.py")} == before


def test_a_model_constant_read_through_a_dotted_module_import_is_mapped_where_it_is_set():
    """Held-out review 144, X2: `import config.app` then `model=config.app.MODEL_ID`: "computed at run time" while
    `from config import app` ... `app.MODEL_ID` mapped config/app.py's default and the example env file. Now the same;
    another module's dotted read of it otherwise is a reader that keeps its value."""
    from mechanics import convert_files

    settings = 'import os\nMODEL_ID = os.getenv("MODEL_ID", "gpt-3.5-turbo")\nPLAIN = "gpt-4o"\n'
    sender = ('import openai\nimport config.app\n\n\nasync def send(message):\n'
              '    response = await openai.ChatCompletion.acreate(model=config.app.MODEL_ID, '
              'messages=[{"role": "user", "content": message}])\n'
              '    other = await openai.ChatCompletion.acreate(model=config.app.PLAIN, messages=[])\n'
              '    return response.choices[0].message.content, other.choices[0].message.content\n')
    out = convert_files({"config/__init__.py": "", "config/app.py": settings, "chat_sender.py": sender,
                         ".env.dist": "OPENAI_API_KEY=\nMODEL_ID=gpt-3.5-turbo\n"})
    assert 'MODEL_ID = os.getenv("MODEL_ID", "mistral-small-latest")' in out["config/app.py"], out["config/app.py"]
    assert 'PLAIN = "mistral-large-latest"' in out["config/app.py"], out["config/app.py"]
    assert "MODEL_ID=mistral-small-latest" in out[".env.dist"], out[".env.dist"]
    assert "model=config.app.MODEL_ID," in out["chat_sender.py"] and "computed at run time" not in out["chat_sender.py"]
    out = convert_files({"config/__init__.py": "", "config/app.py": settings, "chat_sender.py": sender,
                         "label.py": "import config.app\n\nLABEL = config.app.PLAIN.upper()\n"})
    assert 'PLAIN = "gpt-4o"' in out["config/app.py"], out["config/app.py"]
    assert "model=config.app.PLAIN: PLAIN = 'gpt-4o' in app.py, also read by code in label.py" in \
        out["chat_sender.py"], \
        out["chat_sender.py"]


def test_a_model_variable_a_kept_v0_call_reads_too_is_named_in_the_converted_calls_todo():
    """Held-out review 144, X4: `model=config.app.MODEL_ID` (config/app.py: `os.getenv("MODEL_ID")`) converted with
    "make sure MODEL_ID holds a Mistral model name", while handler.py's kept `openai.Completion.acreate(model=
    os.getenv("MODEL_ID"), ...)` reads the same variable: a Mistral name there breaks it. The TODO names it now."""
    from mechanics import convert_files

    out = convert_files({
        "config/__init__.py": "",
        "config/app.py": 'import os\nMODEL_ID = os.getenv("MODEL_ID")\n',
        "chat_sender.py": ('import openai\nimport config.app\n\n\nasync def send(message):\n'
                           '    response = await openai.ChatCompletion.acreate(model=config.app.MODEL_ID, '
                           'messages=[{"role": "user", "content": message}])\n'
                           '    return response.choices[0].message.content\n'),
        "handler.py": ('import os\nimport openai\n\n\nasync def handle(text):\n'
                       '    response = await openai.Completion.acreate(model=os.getenv("MODEL_ID"), prompt=text)\n'
                       '    return response.choices[0].text\n'),
        ".env.dist": "MODEL_ID=gpt-3.5-turbo\n"})
    assert "model=config.app.MODEL_ID is read from the environment (MODEL_ID, in app.py), which also sets the model " \
           "of calls staying on OpenAI (handler.py): a Mistral name there would break them, an OpenAI one this " \
           "call: give this call a variable of its own (MISTRAL_MODEL_ID)" in out["chat_sender.py"], \
        out["chat_sender.py"]
    assert out[".env.dist"] == "MODEL_ID=gpt-3.5-turbo\n", out[".env.dist"]


def test_the_readers_of_a_shared_model_name_list_the_converted_modules_first_and_say_how_many_more():
    """Held-out review 112, X4 (simple-ai-slack-bot): the "also read by" list of an imported model constant was cut at
    three entries with no word of it, dropping the one reader in the converted module (a token counter raising for
    any non-GPT name); an f-string read was "code in configuration.py", with no line."""
    from mechanics import convert_files

    config = ('import os\n\nMODEL_NAME = os.getenv("MODEL_NAME", "gpt-3.5-turbo")\n\n'
              'if MODEL_NAME.startswith("gpt-4"):\n    MAX_TOKENS = 8192\nelif MODEL_NAME.startswith("gpt-3.5"):\n'
              '    MAX_TOKENS = 4097\nelse:\n    raise NotImplementedError(f"Unknown model {MODEL_NAME}")\n\n'
              'SYSTEM_PROMPT = f"You are a Slack bot running on {MODEL_NAME}."\nLIMITS = {MODEL_NAME: 1}\n'
              'print(len(MODEL_NAME))\n')
    app = ('from openai import OpenAI\n\nfrom configuration import MODEL_NAME\nfrom tokens import count_tokens\n\n'
           'client = OpenAI()\n\n\ndef ask(q):\n    count_tokens(q, MODEL_NAME)\n'
           '    return client.chat.completions.create(model=MODEL_NAME, messages=[{"role": "user", "content": q}])\n')
    out = convert_files({"configuration.py": config, "app.py": app,
                         "tokens.py": "def count_tokens(text, model):\n    return len(text)\n"})["app.py"]
    assert "also read by count_tokens(...) in app.py, MODEL_NAME.startswith(...) in configuration.py, " \
           "NotImplementedError(...) in configuration.py, SYSTEM_PROMPT = ... in configuration.py (line 12) " \
           "and 2 more, " \
           "so migrator leaves its value" in out, out


def test_a_self_attribute_set_from_a_shared_settings_field_names_it(tmp_path):
    """Held-out review 61, X23 (portfolio-ai-backend): `self.model = settings.openai_model`, a field a health check
    reads too, then `model=self.model`: "computed at run time", while `model=settings.openai_model` named the field and
    its other reader. Both say the same now."""
    _tree(tmp_path, {
        "config.py": "from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n"
                     "    openai_model: str = \"gpt-4o-mini\"\n\n\nsettings = Settings()\n",
        "health.py": "from config import settings\n\n\ndef health():\n    return {\"model\": settings.openai_model}\n",
        "gen.py": "from openai import OpenAI\n\nfrom config import settings\n\n\nclass Generator:\n"
                  "    def __init__(self):\n        self.client = OpenAI()\n"
                  "        self.model = settings.openai_model\n\n"
                  "    def run(self, q):\n        return self.client.chat.completions.create(model=self.model, "
                  "messages=[])\n",
    })
    report = run([str(tmp_path)], mode=Mode.CHECK, jobs=1, progress=False)
    assert _findings(report)["gen.py"] == [
        "model=self.model comes from settings.openai_model, the settings field openai_model (config.py, default "
        "'gpt-4o-mini'), also read by code in health.py (line 5): a Mistral model name there would reach that code "
        "too; give "
        "the converted calls a setting of their own that names a Mistral model (said once per module)"], \
        _findings(report)


def test_a_factory_called_through_an_import_alias_is_not_said_to_be_called_by_none(tmp_path):
    """Held-out review 62, Y41 (ai-writer): `from ext.openai import init_app as init_openai_app`, then
    `app.state.llm_client = await init_openai_app(app)`: the reason said init_app() was called by none of the modules
    migrator read, beside naming that very caller."""
    _tree(tmp_path, {
        "ext/__init__.py": "",
        "ext/openai/__init__.py": "from openai import AsyncOpenAI\n\n\nasync def init_app(app):\n"
                                  "    return AsyncOpenAI()\n",
        "main.py": "from ext.openai import init_app as init_openai_app\n\n\nasync def start(app):\n"
                   "    app.state.llm_client = await init_openai_app(app)\n",
        "service.py": "async def ask(app, q):\n    return await app.state.llm_client.chat.completions.create(\n"
                      "        model='gpt-4o-mini', messages=[{'role': 'user', 'content': q}])\n",
    })
    report = run([str(tmp_path)], mode=Mode.CHECK, jobs=1, progress=False)
    todos = [t for ts in _findings(report).values() for t in ts]
    assert not any("none of the modules migrator read calls" in t for t in todos), todos
    # (app.state is one registry since held-out review 65, X9: the call through it converts with the client)
    changed = {r.path.replace("\\", "/").rsplit("/", 1)[-1] for r in report.results if type(r).__name__ == "Changed"}
    assert {"__init__.py", "service.py"} <= changed, report.results


def test_a_settings_model_default_tests_read_or_mock_is_still_mapped(tmp_path):
    """Held-out review 62, Y33 (knowledge-table): `llm_model: str = "gpt-4o"` stayed OpenAI's because a test set its
    own value on a MagicMock (`mock_settings.llm_model = "test_model"`, a module the plan does not read) and conftest
    built its own Settings(...): neither sees the default. Mapped, with the usual deployed-value TODO."""
    _tree(tmp_path, {
        "app/__init__.py": "",
        "app/config.py": "from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n"
                         "    llm_model: str = \"gpt-4o\"\n\n\nsettings = Settings()\n",
        "app/llm.py": "from openai import OpenAI\n\nfrom app.config import settings\n\nclient = OpenAI()\n\n\n"
                      "def ask(q):\n    return client.chat.completions.create(model=settings.llm_model, messages=[])\n",
        "tests/test_factory.py": "from unittest.mock import MagicMock\n\nfrom app.config import Settings\n\n\n"
                                 "def test_mock():\n    mock_settings = MagicMock(spec=Settings)\n"
                                 "    mock_settings.llm_model = \"test_model\"\n",
    })
    run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    assert 'llm_model: str = "mistral-large-latest"' in (tmp_path / "app" / "config.py").read_text()


def test_a_module_attribute_constant_read_by_a_module_without_openai_is_named(tmp_path):
    """Held-out review 62, X40: `model=config.CHAT_MODEL`, and `tiktoken.encoding_for_model(config.CHAT_MODEL)` in
    tokens.py (no openai: not read by the plan): "computed at run time". The value stays, and the TODO names it and
    that read, as for `from config import CHAT_MODEL`."""
    _tree(tmp_path, {
        "config.py": 'CHAT_MODEL = "gpt-4o-mini"\n',
        "tokens.py": "import tiktoken\n\nimport config\n\nENC = tiktoken.encoding_for_model(config.CHAT_MODEL)\n",
        "llm.py": "from openai import OpenAI\n\nimport config\n\nclient = OpenAI()\n"
                  "r = client.chat.completions.create(model=config.CHAT_MODEL, messages=[])\n",
    })
    report = run([str(tmp_path)], mode=Mode.CHECK, jobs=1, progress=False)
    assert any(t.startswith("model=config.CHAT_MODEL: CHAT_MODEL = 'gpt-4o-mini' in config.py, also read by "
                            "tiktoken.encoding_for_model(...) in tokens.py (not converted), so migrator leaves its "
                            "value")
               for t in _findings(report)["llm.py"]), _findings(report)


def test_a_sibling_class_own_property_of_the_same_name_is_not_a_read_of_the_openai_factory(tmp_path):
    """Held-out review 63, X1 (talkto): OpenAILLM's lazy `client` property returns OpenAI(...); OllamaLLM, in another
    module, reads `self.client` of its own `client` property: the OpenAI client was kept ("called where migrator cannot
    follow it") and nothing converted. Its own class's property is not the OpenAI factory."""
    _tree(tmp_path, {
        "llm/__init__.py": "from .ollama_llm import OllamaLLM\nfrom .openai_llm import OpenAILLM\n",
        "llm/openai_llm.py": "from openai import OpenAI\n\n\nclass OpenAILLM:\n    @property\n    def client(self):\n"
                             "        return OpenAI()\n\n    def ask(self, q):\n"
                             "        return self.client.chat.completions.create(model='gpt-4o', messages=[])\n",
        "llm/ollama_llm.py": "import ollama\n\n\nclass OllamaLLM:\n    @property\n    def client(self):\n"
                             "        return ollama.Client()\n\n    def models(self):\n"
                             "        return self.client.list()\n",
    })
    run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    code = (tmp_path / "llm" / "openai_llm.py").read_text()
    assert "return Mistral(" in code and "self.client.chat.complete(" in code, code
    assert (tmp_path / "llm" / "ollama_llm.py").read_text().endswith("return self.client.list()\n")


@pytest.mark.parametrize("use", ["import config\n\n", "from config import MODEL_ID\n\n"])
def test_a_model_read_from_the_environment_in_a_config_module_is_named_and_its_example_value_mapped(tmp_path, use):
    """Held-out review 87, X3 (openai-telegram-bot): `MODEL_ID = os.getenv("MODEL_ID")` in config, sent as
    `model=config.MODEL_ID` (or imported) by the converted call: its TODO said "computed at run time" (or "make sure it
    names a Mistral model there") without the variable, and .env.dist kept MODEL_ID=gpt-3.5-turbo, which the converted
    call sent to Mistral."""
    from mechanics import convert_files

    model = "config.MODEL_ID" if use.startswith("import") else "MODEL_ID"
    out = convert_files({
        "config.py": 'import os\n\nMODEL_ID = os.getenv("MODEL_ID")\n',
        "chat.py": "from openai import OpenAI\n\n" + use + "client = OpenAI()\n\n\ndef send(m):\n"
                   f"    return client.chat.completions.create(model={model}, messages=[m])\n",
        ".env.example": "OPENAI_API_KEY=\nMODEL_ID=gpt-3.5-turbo\n"})
    assert out[".env.example"] == "MISTRAL_API_KEY=\nMODEL_ID=mistral-small-latest\n", out[".env.example"]
    assert f"# TODO(migrator MIG102): model={model} is read from the environment (MODEL_ID, in config.py): make sure " \
        "MODEL_ID holds a Mistral model name wherever it is set (env files, CI and deployment settings; example env " \
        "files are mapped; said once per module)" in out["chat.py"], out["chat.py"]


def test_a_vector_store_at_the_run_root_is_named_for_a_module_of_a_folder_without_init(tmp_path):
    """Held-out review 93, X4 (murilofray/llm-ti-maneger): backend/file.py (no `__init__.py`, run from the root through
    app.py) loads `FAISS.load_local("faiss_index", embeddings)`; the committed faiss_index/ at the root held OpenAI's
    1536-dimension vectors, and only the generic "re-embed" TODO was said. The run's root is looked at too."""
    _tree(tmp_path, {
        "app.py": "from backend.search import *\n",
        "backend/search.py": "from langchain_community.vectorstores import FAISS\n"
                             "from langchain_openai import OpenAIEmbeddings\n\n"
                             "embeddings = OpenAIEmbeddings()\n"
                             "db = FAISS.load_local('faiss_index', embeddings, allow_dangerous_deserialization=True)\n",
    })
    (tmp_path / "faiss_index").mkdir()
    (tmp_path / "faiss_index" / "index.faiss").write_bytes(b"\0")
    run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    search = (tmp_path / "backend" / "search.py").read_text()
    assert "# TODO(migrator MIG107): faiss_index exists in this tree" in search, search


def test_held_out_130_a_constant_imported_from_a_packages_own_init_module_is_mapped(tmp_path):
    """Held-out review 130, X4 (autogit): `from gitify.__init__ import DEFAULT_MODEL` (the package's __init__.py, no
    openai there) was never read, and the default 'gpt-4.1-nano' went to Mistral ("computed at run time")."""
    _tree(tmp_path, {
        "gitify/__init__.py": "DEFAULT_MODEL = 'gpt-4.1-nano'\n",
        "gitify/llm.py": "from openai import OpenAI\n\nfrom gitify.__init__ import DEFAULT_MODEL\n\n\n"
                         "def generate(diff, model=DEFAULT_MODEL):\n    client = OpenAI()\n"
                         "    r = client.chat.completions.create(model=model, messages=[\n"
                         "        {'role': 'user', 'content': diff}])\n"
                         "    return r.choices[0].message.content\n",
    })
    run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    assert (tmp_path / "gitify" / "__init__.py").read_text() == "DEFAULT_MODEL = 'mistral-small-latest'\n"


def test_held_out_145_a_placeholder_base_url_in_an_example_env_file_is_no_server():
    """Held-out review 145, Y5 (XvKuoMing/TeleGPT): `.env.example` holding `OPENAI_BASE_URL="https://api.../v1"` made
    `AsyncOpenAI(base_url=os.getenv('OPENAI_BASE_URL'))` "another provider" (endpoint api...), left alone with no
    TODO, while without that file it converts. A stand-in to fill in names no server; a real host still counts."""
    from mechanics import convert_files

    bot = ("import os\nfrom openai import AsyncOpenAI\n\nclient = AsyncOpenAI(api_key=os.getenv('OPENAI_TOKEN'), "
           "base_url=os.getenv('OPENAI_BASE_URL'))\n\n\nasync def ask(q):\n"
           "    r = await client.chat.completions.create(model='gpt-4o', messages=[{'role': 'user', 'content': q}])\n"
           "    return r.choices[0].message.content\n")
    for placeholder in ('"https://api.../v1"', "https://your-server/v1", "<your base url>"):
        out = convert_files({"bot.py": bot, ".env.example": f"OPENAI_TOKEN=\nOPENAI_BASE_URL={placeholder}\n"})
        assert "client = Mistral(" in out["bot.py"], (placeholder, out["bot.py"])
    out = convert_files({"bot.py": bot, ".env.example": "OPENAI_TOKEN=\nOPENAI_BASE_URL=https://api.deepseek.com/v1\n"})
    assert "client = AsyncOpenAI(" in out["bot.py"], out["bot.py"]


def test_held_out_161_a_stored_index_path_imported_from_a_config_module_is_named(tmp_path):
    """Held-out review 161, Y5 (ai-RAG-FASTAPI): `FAISS.load_local(endpoint, embeddings, ...)` with `endpoint` imported
    from app/config/config.py (`endpoint = "app/vectorstore/knowledge_base"`, a 1536-dimension index committed there):
    only the generic re-embed note, the index unnamed, where the literal path got MIG107's "delete it and rebuild
    it"."""
    _tree(tmp_path, {
        "app/__init__.py": "",
        "app/config/__init__.py": "",
        "app/config/config.py": 'endpoint = "app/vectorstore/knowledge_base"\n',
        "app/rag.py": "from langchain_community.vectorstores import FAISS\nfrom langchain_openai import "
                      "OpenAIEmbeddings\n\nfrom app.config.config import endpoint\n\n"
                      "embeddings = OpenAIEmbeddings(model=\"text-embedding-3-small\")\n\n\ndef search(query):\n"
                      "    db = FAISS.load_local(endpoint, embeddings, allow_dangerous_deserialization=True)\n"
                      "    return db.similarity_search(query, k=3)\n",
        # (a parameter is no import: resolving it raised KeyError in the plan, every file of the tree failed)
        "app/other.py": "import os\n\nfrom langchain_community.vectorstores import FAISS\nfrom langchain_openai import "
                        "OpenAIEmbeddings\n\n\ndef load(d):\n"
                        "    return FAISS.load_local(os.path.join(d, \"idx\"), OpenAIEmbeddings())\n",
    })
    (tmp_path / "app" / "vectorstore" / "knowledge_base").mkdir(parents=True)
    (tmp_path / "app" / "vectorstore" / "knowledge_base" / "index.faiss").write_bytes(b"IxF2")
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    assert not report.failed, report.failed
    rag = (tmp_path / "app" / "rag.py").read_text()
    assert "    # TODO(migrator MIG107): app/vectorstore/knowledge_base exists in this tree: the vectors stored " \
        "there came from OpenAI embeddings" in rag, rag
    assert rag.count("TODO(migrator") == 1, rag


def test_held_out_163_a_module_setting_a_skipped_file_calls_through_is_not_dead(tmp_path):
    """Held-out review 163, X3 (tartanhacks): app.py's `openai.api_key = os.getenv(...)` was told "configures the openai
    module's own client, which no call uses any more ... remove this line", while routes/image.py, skipped for
    --max-file-size, still called `openai.chat.completions.create` through it: following the TODO broke it."""
    _tree(tmp_path, {
        "app.py": "import os\n\nimport openai\n\nopenai.api_key = os.getenv(\"OPENAI_API_KEY\")\n",
        "chat.py": "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef ask(q):\n"
                   "    r = client.chat.completions.create(model=\"gpt-4o\", messages=[])\n"
                    "    return r.choices[0].message.content\n",
        "image.py": "import openai\n\nBLOB = \"" + "A" * 4000 + "\"\n\n\ndef describe(q):\n"
                    "    r = openai.chat.completions.create(model=\"gpt-4o\", messages=[])\n"
                    "    return r.choices[0].message.content\n",
    })
    image = (tmp_path / "image.py").read_text()
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False, max_file_size=2048)
    assert "Mistral(" in (tmp_path / "chat.py").read_text()
    app = (tmp_path / "app.py").read_text()
    assert "no call uses any more" not in app and "openai.api_key = os.getenv" in app, app
    assert [r.path for r in report.results if getattr(r, "reason", "") and "max-file-size" in r.reason], report.results
    # `import openai as oa` and another resource too (review of session 87: only `openai.<a listed surface>.` counted)
    (tmp_path / "image.py").write_text(image.replace("import openai\n", "import openai as oa\n").replace(
        "openai.chat.completions.create(", "oa.vector_stores.create(name=q) or oa.chat.completions.create("))
    run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False, max_file_size=2048)
    assert "openai.api_key = os.getenv" in (tmp_path / "app.py").read_text()
    # an excluded notebook importing openai (its JSON lines: review of session 87)
    (tmp_path / "image.py").unlink()
    cell = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
            "source": ["import app\n", "import openai\n",
                       "print(openai.ChatCompletion.create(model=\"gpt-3.5-turbo\", messages=[]))\n"]}
    (tmp_path / "legacy.ipynb").write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4,
                                                       "nbformat_minor": 5}))
    run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False, config=Config(exclude=("legacy.ipynb",)))
    assert "openai.api_key = os.getenv" in (tmp_path / "app.py").read_text()


def test_an_excluded_module_importing_a_client_is_not_taken_for_one_that_does_not_parse(tmp_path):
    """Review of session 87: code left as it is was read as modules that do not parse, so an excluded scratch script
    importing the client kept it on OpenAI with "does not parse (fix it, then run migrator again)", and every large
    skipped file was searched again at each constant lookup."""
    _tree(tmp_path, {
        "chat.py": "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef ask(q):\n"
                   "    r = client.chat.completions.create(model=\"gpt-4o\", messages=[])\n"
                   "    return r.choices[0].message.content\n",
        "scratch/try.py": "# a manual check of the openai client\nfrom chat import client\n\n"
                          "print(client.models.list())\n",
    })
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False,
                 config=Config(exclude=("scratch",), respect_gitignore=False))
    assert "Mistral(" in (tmp_path / "chat.py").read_text(), _findings(report)


def test_held_out_164_langchain_objects_on_their_openai_defaults_get_a_todo(tmp_path):
    """Held-out review 164, Y2 (emerge_2023_langchain_project): `VectorstoreIndexCreator()` (OpenAIEmbeddings by
    default) and `load_llm("llm.json")` of a file saying "_type": "openai", in modules naming no openai: no TODO, and
    the requirements were told to drop openai, which both still need. Each gets a TODO, and openai stays."""
    _tree(tmp_path, {
        "requirements.txt": "langchain\nopenai\n",
        "chat.py": "from langchain_openai import ChatOpenAI\n\nllm = ChatOpenAI(temperature=0)\n",
        "sdk.py": "from openai import OpenAI\n\nclient = OpenAI()\n"
                  "r = client.chat.completions.create(model=\"gpt-4o\", messages=[])\n",
        "index_qa.py": "from langchain.indexes import VectorstoreIndexCreator\n\n\ndef main(loader):\n"
                       "    index = VectorstoreIndexCreator().from_loaders([loader])\n    return index.query(\"q\")\n",
        "from_json.py": "from langchain.llms.loading import load_llm\n\n\ndef main():\n"
                        "    return load_llm(\"llm.json\")(\"Tell me a joke\")\n",
        "llm.json": "{\"model_name\": \"text-davinci-003\", \"_type\": \"openai\"}\n",
    })
    report = run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    assert "TODO(migrator MIG106): VectorstoreIndexCreator() embeds with LangChain's default, OpenAIEmbeddings" in \
        (tmp_path / "index_qa.py").read_text()
    assert "TODO(migrator MIG106): load_llm('llm.json') builds the LLM llm.json describes (\"_type\": \"openai\")" in \
        (tmp_path / "from_json.py").read_text()
    assert not any("openai is declared here, and no code under it imports it" in t
                   for path, todos in _findings(report).items() for t in todos), _findings(report)
    assert "openai" in (tmp_path / "requirements.txt").read_text().split()  # (review of session 87: dropped beside
    # a converted client)


def test_held_out_166_a_key_set_beside_langchains_openai_defaults_is_kept_for_them(tmp_path):
    """Held-out review 166, Y4 (chatgpt-stream-with-own-data): `os.environ["OPENAI_API_KEY"] = ...` in a module whose
    ChatOpenAI converted and whose VectorstoreIndexCreator() embeds with OpenAIEmbeddings was told "set or check
    MISTRAL_API_KEY instead", beside the index's own TODO saying it reads OPENAI_API_KEY: following it broke the index.
    The key TODO says the index still needs it."""
    _tree(tmp_path, {
        "rag.py": "import os\n\nfrom langchain.indexes import VectorstoreIndexCreator\n"
                  "from langchain_openai import ChatOpenAI\n\n"
                  "os.environ[\"OPENAI_API_KEY\"] = os.environ[\"APP_KEY\"]\n\n\n"
                  "def answer(loader, question):\n    index = VectorstoreIndexCreator().from_loaders([loader])\n"
                  "    llm = ChatOpenAI(model=\"gpt-4o-mini\")\n"
                  "    return llm.invoke(question + index.vectorstore.similarity_search(question)[0].page_content)\n",
    })
    run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    code = (tmp_path / "rag.py").read_text()
    assert "ChatMistralAI(" in code, code
    assert "OPENAI_API_KEY is used here, and VectorstoreIndexCreator(...), kept on OpenAI in this module, still " \
        "needs it: keep it" in code, code
    assert "set or check MISTRAL_API_KEY instead" not in code, code


def test_held_out_167_a_langchain_evaluator_in_a_module_naming_no_openai_is_read(tmp_path):
    """Held-out review 167, Y1: app/grader.py's `load_evaluator("labeled_score_string")`, given no llm (LangChain's
    default judge, OpenAI's gpt-4), was skipped as "no openai reference" beside a converted client: silent."""
    _tree(tmp_path, {
        "requirements.txt": "openai\nlangchain==0.3.27\nlangchain-openai\n",
        "app/chat.py": "from openai import OpenAI\n\nclient = OpenAI()\n"
                       "r = client.chat.completions.create(model=\"gpt-4o\", messages=[])\n",
        "app/grader.py": "from langchain.evaluation import load_evaluator\n\n\ndef score(text):\n"
                         "    return load_evaluator(\"labeled_score_string\").evaluate_strings(prediction=text)\n",
    })
    run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    assert "TODO(migrator MIG106): load_evaluator(...) grades with LangChain's default judge, OpenAI's gpt-4" in \
        (tmp_path / "app" / "grader.py").read_text()


def test_a_load_llm_of_a_yaml_file_on_openai_gets_the_todo(tmp_path):
    """Review of session 87: LangChain's `llm.save("llm.yaml")` writes `_type: openai` unquoted: missed."""
    _tree(tmp_path, {
        "app.py": "from langchain.llms.loading import load_llm\n\nllm = load_llm(\"llm.yaml\")\nprint(llm(\"hi\"))\n",
        "llm.yaml": "_type: openai\nmodel_name: text-davinci-003\n",
        "chat.py": "from openai import OpenAI\n\nclient = OpenAI()\n"
                   "r = client.chat.completions.create(model=\"gpt-4o\", messages=[])\n",
    })
    run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    assert "TODO(migrator MIG106): load_llm('llm.yaml') builds the LLM" in (tmp_path / "app.py").read_text()


def test_a_manifest_keeps_openai_for_langchains_openai_defaults_beside_a_converted_client(tmp_path):
    """Review of session 87: `VectorstoreIndexCreator()` (OpenAIEmbeddings by default) beside a converted SDK client:
    requirements.txt's openai became mistralai, and the index raised ImportError."""
    _tree(tmp_path, {
        "requirements.txt": "langchain\nopenai\nchromadb\n",
        "app.py": "from langchain.indexes import VectorstoreIndexCreator\n\n\ndef main(loader):\n"
                  "    return VectorstoreIndexCreator().from_loaders([loader]).query(\"q\")\n",
        "chat.py": "from openai import OpenAI\n\nclient = OpenAI()\n"
                   "r = client.chat.completions.create(model=\"gpt-4o\", messages=[])\n",
    })
    run([str(tmp_path)], mode=Mode.WRITE, jobs=1, progress=False)
    assert (tmp_path / "requirements.txt").read_text().split() == ["langchain", "openai", "mistralai>=3.7,<4",
                                                                   "chromadb"]


def test_held_out_169_an_r_markdown_document_calling_openai_is_named_before_deploying(tmp_path):
    """Held-out review 169, X2 (working-with-the-openai-api): src/notebook.Rmd's python chunks mirrored the converted
    notebook (17 clients, 19 calls on OpenAI) and were named nowhere. A step names it; one with no OpenAI code is
    not."""
    _tree(tmp_path, {
        "main.py": "from openai import OpenAI\n\nclient = OpenAI()\n"
                   "r = client.chat.completions.create(model=\"gpt-4o\", messages=[])\n",
        "notebook.Rmd": "---\ntitle: demo\n---\n\n```{python}\nfrom openai import OpenAI\nclient = OpenAI()\n```\n",
        "other.qmd": "---\ntitle: openai notes\n---\n\nNo code here.\n",
    })
    report = run([str(tmp_path)], mode=Mode.CHECK, jobs=1, progress=False)
    steps = [s for r in report.results for f in getattr(r, "findings", ()) for s in f.steps if "R Markdown" in s]
    assert steps == ["notebook.Rmd:6: R Markdown / Quarto document whose python chunks call OpenAI, which migrator "
                     "does not convert: convert them by hand as the converted code was (or pair them with a notebook, "
                     "jupytext, and run migrator on that)"], steps
    skipped = [r.reason for r in report.results if r.path.endswith(".Rmd")]
    assert skipped == ["an R Markdown / Quarto document whose python chunks call OpenAI (line 6): migrator does not "
                       "convert them; convert them by hand"], skipped
    # (the project's only OpenAI code in it: listed as skipped, not "Nothing to change" alone; review of session 88)
    (tmp_path / "main.py").unlink()
    report = run([str(tmp_path)], mode=Mode.CHECK, jobs=1, progress=False)
    assert [r.path.endswith("notebook.Rmd") for r in report.results if r.path.endswith((".Rmd", ".qmd"))] == [True]
