"""--target openai-compatible: the providers table, per-provider conversions, and one table for the
codemod and the parity harness. Behaviour over sockets is in test_differential_compat.py."""

from __future__ import annotations

import dataclasses
import textwrap

import pytest

from migrator.config import Config, ConfigError
from migrator.engine.transform import transform_source
from migrator.mapping import providers
from migrator.mapping.providers import PROVIDERS, resolve_endpoint

APP = textwrap.dedent('''\
    import os
    from openai import OpenAI

    client = OpenAI(api_key=os.environ["OPENAI_API_KEY"], organization="org-1", timeout=30)


    def ask(q):
        r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": q}],
                                           seed=3, max_completion_tokens=100, user="u1")
        return r.choices[0].message.content


    def embed(texts):
        return client.embeddings.create(model="text-embedding-3-small", input=texts, dimensions=256)
    ''')


def convert(source: str, provider: str, **config):
    outcome = transform_source(source, config=Config(target="openai-compatible", provider=provider, **config))
    return outcome.code, [f.message for f in outcome.findings if f.kind.value == "todo"]


@pytest.mark.parametrize("name", list(PROVIDERS))
def test_every_provider_is_complete(name):
    spec = PROVIDERS[name]
    assert spec.protocol in ("mistral", "openai")
    assert providers.CHAT in spec.surfaces
    if name == "custom":
        assert spec.base_url is None and spec.key_env is None
    else:
        assert spec.base_url.startswith(("https://", "http://127.0.0.1")) and spec.base_url.endswith("/v1")
        assert spec.key_env and spec.key_env.isupper()
        assert spec.models_command().startswith(f"curl -s {spec.base_url}/models")


@pytest.mark.parametrize("name, url, key, model, embedding", [
    ("mistral", "https://api.mistral.ai/v1", "MISTRAL_API_KEY", "mistral-small-latest", "mistral-embed"),
    ("scaleway", "https://api.scaleway.ai/v1", "SCW_SECRET_KEY", "mistral-small-3.2-24b-instruct-2506",
     "bge-multilingual-gemma2"),
])
def test_constructor_models_and_key_per_provider(name, url, key, model, embedding):
    code, todos = convert(APP, name)
    assert f'OpenAI(base_url="{url}", api_key=os.environ["{key}"], timeout=30)' in code
    assert "organization=" not in code and any("organization dropped" in t for t in todos)
    assert f'model="{model}"' in code and f'model="{embedding}"' in code
    assert "from mistralai" not in code and "from openai import OpenAI" in code


def test_mistral_rejects_openai_only_fields_so_they_move_or_go():
    code, todos = convert(APP, "mistral")
    assert 'max_tokens=100' in code and "max_completion_tokens" not in code
    assert 'extra_body={"random_seed": 3}' in code and "seed=3" not in code
    assert "user=" not in code and any("user dropped" in t for t in todos)
    assert "input=texts)" in code and ", dimensions=" not in code
    assert any("dimensions=256 dropped: mistral-embed takes no output_dimension" in t for t in todos)
    code, _ = convert(APP.replace("text-embedding-3-small", "codestral-embed"), "mistral")
    assert 'extra_body={"output_dimension": 256}' in code


@pytest.mark.parametrize("name", ["scaleway", "ovhcloud", "vllm"])
def test_openai_protocol_providers_take_openai_fields(name):
    code, _ = convert(APP, name)
    assert "seed=3" in code and "max_completion_tokens=100" in code and 'user="u1"' in code


def test_key_optional_providers_read_the_key_with_a_default():
    code, _ = convert("from openai import OpenAI\nclient = OpenAI()\n"
                      "print(client.chat.completions.create(model='m', messages=[]))\n", "ovhcloud")
    assert 'api_key=os.environ.get("OVH_AI_ENDPOINTS_ACCESS_TOKEN", "EMPTY")' in code
    assert code.startswith("import os\n")


def test_vllm_maps_no_model_by_default_and_follows_the_users_map():
    code, todos = convert(APP, "vllm")
    assert 'model="gpt-4o-mini"' in code and any("pass --model gpt-4o-mini=" in t for t in todos)
    code, todos = convert(APP, "vllm", model_map=(("gpt-4o-mini", "Qwen/Qwen3-8B"),))
    assert 'model="Qwen/Qwen3-8B"' in code and not any("gpt-4o-mini" in t for t in todos)


def test_base_url_override_and_custom_provider():
    code, _ = convert(APP, "custom", base_url="https://llm.example.eu/v1", api_key_env="LLM_KEY")
    assert 'OpenAI(base_url="https://llm.example.eu/v1", api_key=os.environ["LLM_KEY"], timeout=30)' in code
    code, _ = convert(APP, "mistral", base_url="https://api.eu.mistral.ai/v1")
    assert 'base_url="https://api.eu.mistral.ai/v1"' in code
    with pytest.raises(ValueError, match="--base-url"):
        resolve_endpoint("custom")
    with pytest.raises(ValueError, match="--api-key-env"):
        resolve_endpoint("custom", "https://llm.example.eu/v1")
    with pytest.raises(ValueError, match="unknown provider"):
        resolve_endpoint("anthropic")


def test_surfaces_a_provider_does_not_serve_keep_the_client():
    source = ("from openai import OpenAI\nclient = OpenAI()\n"
              "r = client.chat.completions.create(model='gpt-4o', messages=[])\n"
              "client.images.generate(prompt='a cat')\n")
    code, todos = convert(source, "mistral")
    assert "base_url" not in code and any("images.generate" in t and "kept on OpenAI" in t for t in todos)
    source = ("from openai import OpenAI\nclient = OpenAI()\n"
              "e = client.embeddings.create(model='text-embedding-3-small', input='x')\n")
    code, todos = convert(source, "ovhcloud")  # OVHcloud's verified list has no embedding model
    assert "base_url" not in code and any("ovhcloud does not serve" in t for t in todos)


def test_todos_about_what_the_provider_serves_and_its_model_names_are_true():
    """Held-out review 3 (tedkim81, csalvador58 on Scaleway): a transcription got "scaleway does not
    serve it" though Scaleway serves /v1/audio/transcriptions (no rule moves those calls yet), and a
    model table got "converted calls now send Mistral model names" though they send Scaleway's."""
    source = ('from openai import OpenAI\nclient = OpenAI()\n'
              'print(client.audio.transcriptions.create(model="whisper-1", file=open("a.mp3", "rb")).text)\n')
    _, todos = convert(source, "scaleway")
    assert any("scaleway serves it too, but migrator does not move these calls yet" in t for t in todos), todos
    assert not any("does not serve" in t for t in todos)
    # Mistral's too, and its /v1/responses (held-out review 98, X3: "mistral does not serve it through the OpenAI SDK"
    # of the endpoints the mistral target's calls go to)
    for call in ('client.audio.transcriptions.create(model="whisper-1", file=open("a.mp3", "rb")).text',
                 'client.responses.create(model="gpt-4o", input="hi").output_text'):
        _, todos = convert(f"from openai import OpenAI\nclient = OpenAI()\nprint({call})\n", "mistral")
        assert any("mistral serves it too, but migrator does not move these calls yet" in t for t in todos), todos
        assert not any("does not serve" in t for t in todos), todos
    source = ('from openai import OpenAI\nclient = OpenAI()\nMODELS = ["gpt-4o", "gpt-4o-mini"]\n'
              'r = client.chat.completions.create(model="gpt-4o", messages=[])\n')
    _, todos = convert(source, "scaleway")
    assert any("converted calls now send scaleway's model names instead" in t for t in todos), todos


def test_exceptions_and_response_types_stay_openai():
    source = textwrap.dedent('''\
        import openai
        from openai import OpenAI
        client = OpenAI()
        try:
            r = client.chat.completions.create(model="gpt-4o", messages=[])
            print(r.system_fingerprint)
        except openai.RateLimitError:
            pass
        ''')
    code, _ = convert(source, "mistral")
    assert "except openai.RateLimitError:" in code and "r.system_fingerprint" in code


def test_the_module_client_is_pointed_at_the_provider():
    source = ("import openai\n\n"
              "r = openai.chat.completions.create(model='gpt-4o-mini', messages=[])\n")
    code, _ = convert(source, "scaleway")
    assert 'openai.base_url = "https://api.scaleway.ai/v1/"' in code
    assert 'openai.api_key = os.environ["SCW_SECRET_KEY"]' in code


def test_the_module_client_stays_whole_where_one_of_its_calls_cannot_move():
    """Held-out review 88, X1 (techx/pigeon, --provider ovhcloud): `openai.base_url` was set for the chat call while
    the module's embeddings call was said to "stay on OpenAI": one client for the process, so the embeddings went to
    OVH, which does not serve them, with the OpenAI key. Every call of the module client stays, and says why."""
    source = ("import os\n\nimport openai\n\nopenai.api_key = os.environ['OPENAI_API_KEY']\n\n\n"
              "def embed(text):\n    return openai.embeddings.create(model='text-embedding-3-small', input=text)\n\n\n"
              "def answer(q):\n    return openai.chat.completions.create(model='gpt-4o', messages=[q])\n")
    code, todos = convert(source, "ovhcloud")
    assert "openai.base_url =" not in code and "model='gpt-4o'" in code, code
    # a standalone script of its own (another program) still moves
    from mechanics import convert_files

    out = convert_files({"rag.py": source, "chat.py": "import openai\n\n"
                         "r = openai.chat.completions.create(model='gpt-4o', messages=[])\n"},
                        target="openai-compatible", provider="ovhcloud")
    assert "openai.base_url = " in out["chat.py"] and "openai.base_url =" not in out["rag.py"], out
    assert any(t.startswith("chat.completions.create left unchanged: the openai module's client is one for the whole "
                            "process, which openai.base_url would point at ovhcloud, and its embeddings.create(...) "
                            "call in ") for t in todos), todos


def test_config_accepts_the_target_and_validates_the_provider(tmp_path):
    from migrator.engine.settings import resolve_config

    (tmp_path / "pyproject.toml").write_text(
        '[tool.migrator]\ntarget = "openai-compatible"\nprovider = "scaleway"\n')
    config = resolve_config(tmp_path)
    assert config.endpoint().base_url == "https://api.scaleway.ai/v1"
    with pytest.raises(ConfigError, match="--api-key-env"):
        resolve_config(tmp_path, provider="custom", base_url="https://x.example/v1")
    with pytest.raises(ConfigError, match="only applies to --target openai-compatible"):
        resolve_config(tmp_path, target="mistral", provider="scaleway")


def test_a_provider_alone_means_the_openai_compatible_target(tmp_path):
    """Held-out review 11, M1: `convert --provider scaleway` was a usage error; it can only mean that target."""
    from migrator.engine.settings import resolve_config

    config = resolve_config(tmp_path, provider="scaleway")
    assert config.target == "openai-compatible" and config.endpoint().base_url == "https://api.scaleway.ai/v1"
    assert resolve_config(tmp_path).target == "mistral"


def test_one_table_edit_changes_the_codemod_and_the_parity_candidate(monkeypatch):
    """The codemod and `migrator parity`'s openai-compatible candidates read the same entry."""
    from migrator.parity.providers import provider_from_spec

    moved = dataclasses.replace(PROVIDERS["scaleway"], base_url="https://fr-par.example.eu/v1",
                                key_env="EU_KEY")
    monkeypatch.setattr(providers, "PROVIDERS", {**PROVIDERS, "scaleway": moved})  # the one edit
    code, _ = convert(APP, "scaleway")
    assert 'OpenAI(base_url="https://fr-par.example.eu/v1", api_key=os.environ["EU_KEY"]' in code
    monkeypatch.setenv("EU_KEY", "k")
    candidate = provider_from_spec("openai-compatible:scaleway:some-model")
    assert str(candidate.sdk().base_url).startswith("https://fr-par.example.eu/v1")


def test_finish_reasons_follow_mistral_only_on_the_mistral_protocol():
    source = textwrap.dedent('''\
        from openai import OpenAI
        client = OpenAI()
        r = client.chat.completions.create(model="gpt-4o", messages=[])
        if r.choices[0].finish_reason == "length":
            print(r.system_fingerprint)
        ''')
    code, _ = convert(source, "mistral")
    assert 'finish_reason in ("length", "model_length")' in code and "r.system_fingerprint" in code
    code, _ = convert(source, "scaleway")
    assert 'finish_reason == "length"' in code


def test_an_untraced_receiver_gets_a_todo_naming_the_provider():
    source = textwrap.dedent('''\
        import openai
        from openai import OpenAI
        client = OpenAI()
        client.chat.completions.create(model="gpt-4o", messages=[])

        def ask(c, q):
            return c.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}], seed=1)
        ''')
    _, todos = convert(source, "mistral")
    assert any("c: migrator cannot tell which client it holds" in t and "model mistral serves" in t
               and "seed" in t for t in todos)


def test_todos_speak_of_the_provider_not_of_the_mistral_sdk():
    source = textwrap.dedent('''\
        import os
        import openai
        from openai import OpenAI

        if not os.getenv("OPENAI_API_KEY"):
            raise SystemExit("set OPENAI_API_KEY")
        client = OpenAI()
        client.chat.completions.create(model="gpt-4o", messages=[])
        legacy = openai.ChatCompletion.create(model="gpt-4", messages=[])

        def embed(c):
            return c.embeddings.create(model="text-embedding-3-small", input="x")
        ''')
    _, todos = convert(source, "scaleway")
    text = " ".join(todos)
    assert "the moved client reads SCW_SECRET_KEY" in text
    assert 'OpenAI(base_url="https://api.scaleway.ai/v1", api_key=...)' in text
    assert "embedding model scaleway serves" in text
    assert "Mistral(" not in text and "MISTRAL_API_KEY" not in text


def test_a_key_the_caller_passes_is_kept_with_a_todo():
    source = textwrap.dedent('''\
        import os
        from openai import OpenAI

        def make(user_key):
            c = OpenAI(api_key=user_key)
            return c.chat.completions.create(model="gpt-4o", messages=[])

        d = OpenAI(api_key=os.getenv("OPENAI_KEY")).chat.completions.create(model="gpt-4o", messages=[])
        ''')
    code, todos = convert(source, "scaleway")
    assert 'OpenAI(base_url="https://api.scaleway.ai/v1", api_key=user_key)' in code
    assert any("api_key=user_key must now be a scaleway key" in t for t in todos)
    assert 'api_key=os.environ["SCW_SECRET_KEY"]' in code and "OPENAI_KEY" not in code


def test_azure_clients_are_left_with_a_todo_for_this_target():
    source = ('from openai import AzureOpenAI\n'
              'c = AzureOpenAI(azure_endpoint="https://x.openai.azure.com", api_version="2024-02-01")\n'
              'c.chat.completions.create(model="deployment", messages=[])\n')
    code, todos = convert(source, "mistral")
    assert "AzureOpenAI(azure_endpoint" in code and "base_url" not in code.split("\n", 2)[2]
    assert any('OpenAI(base_url="https://api.mistral.ai/v1", api_key=...)' in t and "mistralai.azure" not in t
               for t in todos)


def test_module_client_settings_go_after_load_dotenv():
    source = textwrap.dedent('''\
        import openai
        from dotenv import load_dotenv

        load_dotenv()

        print(openai.chat.completions.create(model="gpt-4o-mini", messages=[]))
        ''')
    code, _ = convert(source, "mistral")
    lines = code.splitlines()
    assert lines.index("load_dotenv()") < lines.index('openai.api_key = os.environ["MISTRAL_API_KEY"]')


def test_module_client_settings_go_after_a_load_dotenv_further_down():
    """Held-out review 98, X1 (rag-chroma-openai): `app = Flask(__name__)` between the imports and `load_dotenv()`:
    `openai.api_key = os.environ["MISTRAL_API_KEY"]` went above both, and the module raised KeyError at import with
    the key in .env. The settings go after that load; not past code reading what they set."""
    source = textwrap.dedent('''\
        import os
        import openai
        from dotenv import load_dotenv

        APP_NAME = "demo"

        load_dotenv()

        MODEL = os.getenv("MODEL", "gpt-4o-mini")
        print(openai.chat.completions.create(model=MODEL, messages=[]))
        ''')
    lines = convert(source, "mistral")[0].splitlines()
    assert lines.index("load_dotenv()") < lines.index('openai.api_key = os.environ["MISTRAL_API_KEY"]'), lines
    early = source.replace('APP_NAME = "demo"', 'openai.organization = os.getenv("ORG")')
    lines = convert(early, "mistral")[0].splitlines()
    assert lines.index('openai.api_key = os.environ["MISTRAL_API_KEY"]') < lines.index("load_dotenv()"), lines


def test_scan_plans_for_the_target(tmp_path):
    from typer.testing import CliRunner

    from migrator.cli import app

    (tmp_path / "app.py").write_text("from openai import OpenAI\nc = OpenAI()\n"
                                     "c.embeddings.create(model='text-embedding-3-small', input='x')\n")
    result = CliRunner().invoke(app, ["scan", str(tmp_path), "--target", "openai-compatible",
                                      "--provider", "ovhcloud"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "Target: openai-compatible: the openai SDK pointed at ovhcloud" in text
    assert "1 keep" in text  # OVHcloud serves no embeddings


def test_openai_service_tiers_are_not_sent_to_mistral():
    source = ("from openai import OpenAI\nclient = OpenAI()\n"
              "client.chat.completions.create(model='gpt-4o', messages=[], service_tier='flex')\n")
    code, todos = convert(source, "mistral")
    assert "service_tier=" not in code and any("service_tier dropped" in t for t in todos)
    code, _ = convert(source, "scaleway")
    assert "service_tier='flex'" in code


@pytest.mark.parametrize("name, vision, text_only", [("scaleway", "mistral-small-3.2-24b-instruct-2506", "llama-3.3-70b-instruct"),
                                                     ("ovhcloud", "Mistral-Small-3.2-24B-Instruct-2506",
                                                      "Meta-Llama-3_3-70B-Instruct")])
def test_a_request_carrying_images_goes_to_the_providers_vision_model(name, vision, text_only):
    """Held-out review 3 (tedkim81, csalvador58): gpt-4o with image_url parts was mapped to Llama 3.3
    70B, which takes text only, with no TODO. The text-only call next to it keeps the default map;
    a name the user mapped (--model) is left as mapped."""
    source = textwrap.dedent('''\
        from openai import OpenAI

        client = OpenAI()


        def look(url):
            parts = [{"type": "text", "text": "What is in this image?"}, {"type": "image_url", "image_url": {"url": url}}]
            return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": parts}])


        def ask(q):
            return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])
        ''')
    outcome = transform_source(source, config=Config(target="openai-compatible", provider=name))
    looked, asked = outcome.code.split("def ask")
    assert f'model="{vision}"' in looked and f'model="{text_only}"' in asked, outcome.code
    assert any(f"gpt-4o -> {vision}, not {text_only}: this request carries images" in f.message
               for f in outcome.findings if f.kind.value == "converted")
    code, _ = convert(source, name, model_map={"gpt-4o": "my-model"})
    assert code.count('model="my-model"') == 2
    source = textwrap.dedent('''\
        from openai import OpenAI

        client = OpenAI()
        model_kwargs = {"model": "gpt-4o", "temperature": 0.3}


        def look(url):
            parts = [{"type": "text", "text": "?"}, {"type": "image_url", "image_url": {"url": url}}]
            return client.chat.completions.create(messages=[{"role": "user", "content": parts}], **model_kwargs)
        ''')
    _, todos = convert(source, name)  # held-out review 4 (D9): the model comes through the dict
    assert any(f"make sure the model in **model_kwargs takes images on {name} (e.g. {vision})" in t for t in todos), todos


def test_a_key_read_for_an_optional_key_provider_gets_its_default():
    """Held-out review 4 (snudurupati on OVHcloud): api_key=os.getenv("OPENAI_API_KEY") became the provider's
    variable without a default, so an unset token raised in OpenAI() though the provider's key is optional."""
    source = ('import os\nfrom openai import OpenAI\nclient = OpenAI(api_key=os.getenv("OPENAI_API_KEY"))\n'
              'print(client.chat.completions.create(model="gpt-4o", messages=[]).choices[0].message.content)\n')
    code, _ = convert(source, "ovhcloud")
    assert 'api_key=os.getenv("OVH_AI_ENDPOINTS_ACCESS_TOKEN", "EMPTY")' in code, code
    code, _ = convert(source, "scaleway")
    assert 'api_key=os.getenv("SCW_SECRET_KEY")' in code, code


def test_a_configured_base_url_replaced_by_the_providers_says_so():
    """Held-out review 7, D5: base_url=settings.OPENAI_BASE_URL (a CLI option, a setting) became the
    provider's URL written in, and the setting was ignored from then on without a word."""
    from migrator.config import Config
    from migrator.engine.transform import transform_source

    code = ("from openai import OpenAI\n\nfrom config import OPENAI_BASE_URL\n\n"
            "client = OpenAI(base_url=OPENAI_BASE_URL)\n"
            "print(client.chat.completions.create(model=\"gpt-4o\", messages=[]))\n")
    outcome = transform_source(code, config=Config(target="openai-compatible", provider="ovhcloud"), filename="app.py")
    assert 'base_url="https://oai.endpoints.kepler.ai.cloud.ovh.net/v1"' in outcome.code
    todos = [f.message for f in outcome.findings if f.kind == "todo"]
    assert any(t.startswith("base_url=OPENAI_BASE_URL replaced by ovhcloud's URL: that setting no longer steers")
               for t in todos), todos


def test_an_openai_annotation_stays_where_the_openai_sdk_stays():
    """Re-review of held-out 7, R2: the annotation of a result is dropped for the Mistral SDK only."""
    from migrator.config import Config
    from migrator.engine.transform import transform_source

    code = ("from openai import OpenAI\nfrom openai.types.chat import ChatCompletion\n\nclient = OpenAI()\n"
            "response: ChatCompletion = client.chat.completions.create(model=\"gpt-4o\", messages=[], seed=1)\n")
    outcome = transform_source(code, config=Config(target="openai-compatible", provider="scaleway"), filename="app.py")
    assert "response: ChatCompletion = client.chat.completions.create(" in outcome.code, outcome.code
    assert "from openai.types.chat import ChatCompletion\n" in outcome.code


def test_an_embedding_model_constant_read_otherwise_too_is_named_and_its_env_file_told(tmp_path):
    """Held-out review 86, X7 (high-speed-rag-chatbot, --provider mistral): `EMBED_MODEL =
    os.environ.get("EMBED_MODEL", "text-embedding-3-small")`, also returned by an endpoint: the call's TODO said
    "computed at run time" and .env.example kept the OpenAI model with no TODO, where the mistral target names both."""
    from migrator.engine import Mode, run

    (tmp_path / "app.py").write_text(
        'import os\n\nfrom openai import OpenAI\n\n'
        'EMBED_MODEL = os.environ.get("EMBED_MODEL", "text-embedding-3-small")\n'
        "client = OpenAI(base_url=os.environ.get('OPENAI_BASE_URL'))\n\n\n"
        "def embed(text):\n    return client.embeddings.create(model=EMBED_MODEL, input=text).data[0].embedding\n\n\n"
        "def root():\n    return {'model': EMBED_MODEL}\n")
    (tmp_path / ".env.example").write_text("OPENAI_API_KEY=sk-REPLACE_ME\nEMBED_MODEL=text-embedding-3-small\n")
    report = run([tmp_path], mode=Mode.CHECK, jobs=1, progress=False,
                 config=Config(target="openai-compatible", provider="mistral", respect_gitignore=False))
    todos = [f.message for r in report.results for f in getattr(r, "findings", ()) if f.kind.value == "todo"]
    assert any(t.startswith("model=EMBED_MODEL is read from EMBED_MODEL in this module (default "
                            "'text-embedding-3-small')") for t in todos), todos
    told = ".env.example: EMBED_MODEL=text-embedding-3-small names an OpenAI model"
    assert any(t.startswith(told) for t in todos), todos


def test_the_module_key_from_the_apps_config_stays_and_sdk_patches_need_nothing():
    """Held-out review 88, X2 (techx/pigeon, --provider mistral): `openai.api_key = OPENAI_API_KEY` (the app's config,
    with a test default) became `os.environ["MISTRAL_API_KEY"]`, read at import: the tests failed at collection without
    a key, and a test's deliberate `openai.api_key = "dummy_key"` was replaced too. The app's value stays (a TODO says
    it must hold the provider's key); a literal dummy stays silently. X3: a test patching the SDK still intercepts it
    (the same SDK): no TODO saying the code calls Mistral's SDK."""
    from mechanics import convert_files

    out = convert_files({
        "app/__init__.py": "",
        "app/config.py": "import os\n\nOPENAI_API_KEY = os.environ.get('OPENAI_API_KEY', 'test_key')\n",
        "app/llm.py": "import openai\n\nfrom app.config import OPENAI_API_KEY\n\nopenai.api_key = OPENAI_API_KEY\n\n\n"
                      "def ask(q):\n    return openai.chat.completions.create(model='gpt-4o', messages=[q])\n",
        "tests/test_llm.py": "from unittest.mock import patch\n\nimport openai\n\n\ndef test_ask():\n"
                             "    openai.api_key = 'dummy_key'\n    with patch('openai.chat.completions.create'):\n"
                             "        pass\n",
    }, target="openai-compatible", provider="mistral")
    assert "openai.api_key = OPENAI_API_KEY" in out["app/llm.py"] and "from app.config import OPENAI_API_KEY" in \
        out["app/llm.py"], out["app/llm.py"]
    assert "# TODO(migrator MIG101): openai.api_key = OPENAI_API_KEY: the calls now go to mistral: make it hold a " \
        "mistral key" in out["app/llm.py"], out["app/llm.py"]
    assert "openai.api_key = 'dummy_key'" in out["tests/test_llm.py"] and "TODO" not in out["tests/test_llm.py"], \
        out["tests/test_llm.py"]


def test_texts_name_the_providers_key_and_url_not_mistrals():
    """Held-out review 88, X8 (bapsang-back, scholarship-finder; --provider scaleway): "create the SCW_SECRET_KEY
    secret (a Mistral key)", and Chroma's OpenAIEmbeddingFunction TODO advised Mistral().embeddings.create, the
    mistralai SDK, under a target keeping the openai SDK."""
    import tempfile
    from pathlib import Path

    from mechanics import convert_files

    from migrator.engine import Mode, run

    out = convert_files({
        "app.py": "from chromadb.utils import embedding_functions\nfrom openai import OpenAI\n\n"
                  "ef = embedding_functions.OpenAIEmbeddingFunction(api_key='x', model_name='text-embedding-3-small')\n"
                  "client = OpenAI()\nr = client.chat.completions.create(model='gpt-4o', messages=[])\n",
    }, target="openai-compatible", provider="scaleway")
    assert "OpenAIEmbeddingFunction(api_base=\"https://api.scaleway.ai/v1\", api_key=os.environ[\"SCW_SECRET_KEY\"]" \
        in out["app.py"] and "Mistral()" not in out["app.py"], out["app.py"]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / ".github/workflows").mkdir(parents=True)
        (root / ".github/workflows/main.yml").write_text(
            "jobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n        env:\n"
            "          OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}\n")
        (root / "app.py").write_text("from openai import OpenAI\n\nclient = OpenAI()\n"
                                     "r = client.chat.completions.create(model='gpt-4o', messages=[])\n")
        report = run([root], mode=Mode.CHECK, jobs=1, progress=False,
                     config=Config(target="openai-compatible", provider="scaleway"))
        steps = [s for r in report.results for f in r.findings for s in f.steps]
    assert any("create the SCW_SECRET_KEY secret (a scaleway key)" in s for s in steps), steps
    assert not any("(a Mistral key)" in s for s in steps), steps


def test_an_embeddings_model_read_with_a_literal_default_is_mapped() -> None:
    """Held-out review 95, X7 (suaps-brain's selftest): `model=os.getenv("EMBED_MODEL", "text-embedding-3-small")`
    kept its OpenAI default under "computed at run time" on openai-compatible, where the chat default beside it and
    the mistral target both map it: it is mapped, with the deployed-value TODO."""
    source = ('import os\nfrom openai import OpenAI\n\noai = OpenAI()\n'
              'er = oai.embeddings.create(model=os.getenv("EMBED_MODEL", "text-embedding-3-small"), input="x")\n')
    code, todos = convert(source, "mistral")[:2]
    assert 'model=os.getenv("EMBED_MODEL", "mistral-embed")' in code, code
    assert any(t.startswith("model name from the environment (EMBED_MODEL): its default is now 'mistral-embed'")
               for t in todos) and not any("computed at run time" in t for t in todos), todos


def test_an_env_default_model_todo_names_the_providers_models():
    """Held-out review 100, X5 (central_ai_assistant on Scaleway): "make sure it names a Mistral model" right above the
    Llama default written for the provider."""
    code, todos = convert('import os\nfrom openai import OpenAI\nMODEL = os.getenv("GPT_MODEL", "gpt-4o")\n'
                          'client = OpenAI()\nr = client.chat.completions.create(model=MODEL, messages=[])\n',
                          "scaleway")
    assert 'os.getenv("GPT_MODEL", "llama-3.3-70b-instruct")' in code, code
    assert any(t.endswith("make sure it names a scaleway model") for t in todos), todos


def test_v0_image_calls_stay_on_openai_as_the_v1_form_does():
    """Held-out review 111, X8 (openai-telegram-bot): `openai.Image.create(...)` on openai-compatible (mistral) was told
    to be ported by hand to an OpenAI client pointed at Mistral, which serves no images; the v1 form says so."""
    from migrator.config import Config
    from migrator.engine.transform import transform_source

    outcome = transform_source("import openai\n\n\ndef draw(prompt):\n    return openai.Image.create(prompt=prompt, n=1)\n",
                               config=Config(target="openai-compatible", provider="mistral"))
    said = [f.message for f in outcome.findings if f.kind.value == "todo"]
    assert said == ["legacy openai v0 API openai.Image.create(...) stays on OpenAI: mistral does not serve it through "
                    "the OpenAI SDK"], said


@pytest.mark.parametrize("chat_type, told", [('type="messages"', True), ('type="tuples"', False)])
def test_a_gradio_messages_history_sent_to_mistral_gets_a_todo(chat_type, told):
    """Held-out review 112, X1 (llm-engineer-yt): `gr.ChatInterface(fn=chat, type="messages")` hands `chat` a history
    whose messages carry Gradio's `metadata` / `options` keys; the openai SDK sends them, Mistral's endpoint rejects
    unknown message keys (from the second turn on), and --provider mistral said nothing. A tuples history (rebuilt
    as role / content dicts by the app) and the scaleway provider (OpenAI's protocol) get no such TODO."""
    from migrator.config import Config
    from migrator.engine.transform import transform_source

    code = ("import gradio as gr\nfrom openai import OpenAI\n\nclient = OpenAI()\n\n\ndef chat(message, past):\n"
            "    messages = [{\"role\": \"system\", \"content\": \"Be brief.\"}] + past + "
            "[{\"role\": \"user\", \"content\": message}]\n"
            "    r = client.chat.completions.create(model=\"gpt-4o-mini\", messages=messages)\n"
            "    return r.choices[0].message.content\n\n\n"
            f"gr.ChatInterface(fn=chat, {chat_type}).launch()\n")
    for provider, expected in (("mistral", told), ("scaleway", False)):
        outcome = transform_source(code, config=Config(target="openai-compatible", provider=provider),
                                   filename="app.py")
        todos = [f.message for f in outcome.findings if f.kind == "todo"]
        assert any(t.startswith("messages= is built from past, a Gradio chat history") for t in todos) == expected, \
            (provider, todos)


@pytest.mark.parametrize("pins, said", [("chromadb==0.3.21\nopenai==0.27.4\n", "the project pins chromadb 0.3.21, "
                                         "whose OpenAIEmbeddingFunction takes no api_base="),
                                        ("chromadb==0.4.22\nopenai==0.27.4\n", "the project pins openai==0.27.4, "
                                         "with which Chroma's OpenAIEmbeddingFunction calls openai 0.x's"),
                                        ("chromadb==0.4.22\nopenai>=1\n", "OpenAIEmbeddingFunction(api_base=")])
def test_chromas_embedding_function_advice_fits_the_pinned_chromadb(pins, said):
    """Held-out review 112, X6 (intercom-gpt-bot): "pass api_base=" to Chroma's OpenAIEmbeddingFunction, in a project
    pinning chromadb 0.3.21 (no such parameter: TypeError) and openai 0.27 (/engines/... routes the provider does not
    serve). The advice says to upgrade first, or to write an EmbeddingFunction of one's own."""
    from mechanics import convert_files

    out = convert_files({
        "requirements.txt": pins,
        "app.py": "from chromadb.utils import embedding_functions\nfrom openai import OpenAI\n\n"
                  "ef = embedding_functions.OpenAIEmbeddingFunction(api_key='x', model_name='text-embedding-3-small')\n"
                  "client = OpenAI()\nr = client.chat.completions.create(model='gpt-4o', messages=[])\n",
    }, target="openai-compatible", provider="mistral")
    assert said in out["app.py"], out["app.py"]
