"""MIG108: the models endpoints on converted clients, end to end through the plan (transform_source).
fixtures/programs/models_list.py runs a converted list() against the wire server."""

from __future__ import annotations

import textwrap

import pytest

from migrator.config import Config
from migrator.engine.transform import transform_source
from mechanics import backoff


def convert(body: str) -> tuple[str, list]:
    source = "from openai import AsyncOpenAI, OpenAI\n\nclient = OpenAI()\naclient = AsyncOpenAI()\n\n\n" + \
        textwrap.dedent(body)
    outcome = transform_source(source, config=Config())
    return outcome.code, outcome.findings


def todos(findings, rule: str) -> list[str]:
    """(not the TODO at the unused `aclient = AsyncOpenAI()` of tests that do not use it: MIG101's own)"""
    return [f.message for f in findings if f.kind.value == "todo" and f.rule == rule and
            "nothing here uses it" not in f.message]


def test_iterated_pages_read_data_and_data_reads_stay() -> None:
    code, findings = convert("""
        def names():
            return [m.id for m in client.models.list()]


        def raw():
            return client.models.list().data


        def via_name():
            page = client.models.list()
            return sorted(page, key=lambda m: m.id), list(page)
    """)
    assert "return [m.id for m in client.models.list().data]" in code
    assert "return client.models.list().data\n" in code and ".data.data" not in code
    assert "page = client.models.list().data\n" in code
    assert "client = Mistral(\n    retry_config=RetryConfig(\n        \"backoff\",\n" + backoff(8) + "        retry_connection_errors=True,\n    ),\n)" in code and not todos(findings, "MIG101")


def test_a_listing_nothing_reads_converts_as_it_is() -> None:
    """Held-out review 25, B3 (rippled-ai's key-health check): `client.models.list()` alone, or bound and never
    read, kept its shared client on OpenAI ("the models.list() page is used as a page object")."""
    code, findings = convert("""
        def check():
            client.models.list()
            unused = client.models.list()
            return True
    """)
    assert "    client.models.list()\n    unused = client.models.list()\n" in code and "Mistral(" in code, code
    assert not todos(findings, "MIG101") and not todos(findings, "MIG108")


def test_retrieve_and_delete_take_model_id_with_the_name_mapped() -> None:
    code, findings = convert("""
        card = client.models.retrieve("gpt-4o")
        gone = client.models.delete(model="ft:gpt-4o:acme")
    """)
    assert 'client.models.retrieve(model_id="mistral-large-latest")' in code
    # a fine-tuned OpenAI model has no Mistral counterpart: the id stays, with a TODO
    assert 'client.models.delete(model_id="ft:gpt-4o:acme")' in code
    assert todos(findings, "MIG108") == ["no Mistral model is known for 'ft:gpt-4o:acme': pass --model "
                                         "ft:gpt-4o:acme=<mistral model>"]




def test_async_retrieve_uses_retrieve_async_and_flags_a_computed_id() -> None:
    code, findings = convert("""
        async def card(name):
            return (await aclient.models.retrieve(name)).id
    """)
    assert "(await aclient.models.retrieve_async(model_id=name)).id" in code
    assert todos(findings, "MIG108") == [
        "model_id=name: pass a Mistral model id (Mistral's catalogue, not OpenAI's)"]


@pytest.mark.parametrize("body, reason, constructor", [
    ("page = client.models.list()\nmore = page.has_next_page()\n", "used as a page object", "\nclient = OpenAI()"),
    ("page = client.models.list(timeout=5)\n", "extra_*/timeout", "\nclient = OpenAI()"),
    ("async def go():\n    return [m async for m in aclient.models.list()]\n", "async client",
     "\naclient = AsyncOpenAI()"),
], ids=["page-object", "timeout", "async-list"])
def test_pages_used_otherwise_keep_the_client(body: str, reason: str, constructor: str) -> None:
    code, findings = convert(body)
    assert constructor in code and "Mistral(" not in code
    kept = todos(findings, "MIG101")
    assert any("models.list" in k and reason in k for k in kept), kept


def test_untraced_receiver_gets_the_conditional_todo() -> None:
    code, findings = convert("""
        def names(llm):
            return [m.id for m in llm.models.list()]
    """)
    assert "llm.models.list()]" in code
    assert todos(findings, "MIG108")[0].startswith("llm: migrator cannot tell which client it holds")


def test_a_listing_filtered_by_openai_model_names_gets_a_todo():
    """Probe d07 / x8: `[m.id for m in client.models.list() if m.id.startswith("gpt-")]` converted to
    `.data` with the same filter, which finds none of Mistral's models (a fallback then sent gpt-4o-mini)."""
    from mechanics import convert_idempotent

    code, todos = convert_idempotent('''\
        from openai import OpenAI
        client = OpenAI()
        chat_models = [m.id for m in client.models.list() if m.id.startswith("gpt-")]
        everything = [m.id for m in client.models.list()]
        ''')
    assert "client.models.list().data if m.id.startswith" in code
    assert [t for t in todos if "compared with OpenAI model names" in t] == [
        "the listed ids are compared with OpenAI model names here ('gpt-'): Mistral's are mistral-*, ministral-*, "
        "codestral-*, devstral-*, ...; filter by those (or by model.capabilities), or the check finds none"]


def test_a_listing_filtered_by_openai_model_names_on_a_later_line_gets_a_todo():
    """Held-out review 54, R2 (harlev/eva-l): `models = client.models.list()` then `[m.id for m in models if
    m.id.startswith("gpt")]` on the next line: the model picker came up empty on Mistral, unflagged. Later readers
    of the name (a comprehension, a loop's test) count; a name no OpenAI model name is compared with does not."""
    from mechanics import convert_idempotent

    code, todos = convert_idempotent('''\
        from openai import OpenAI


        def gpt_models():
            client = OpenAI()
            models = client.models.list()
            return [model.id for model in models if model.id.startswith("gpt")]


        def chat_models():
            client = OpenAI()
            listed = client.models.list()
            out = []
            for card in listed:
                if "gpt-4" in card.id:
                    out.append(card.id)
            return out


        def all_models():
            client = OpenAI()
            models = client.models.list()
            return [m.id for m in models]
        ''')
    compared = [t for t in todos if "compared with OpenAI model names where they are read" in t]
    assert len(compared) == 2 and "('gpt')" in compared[0] and "('gpt-4')" in compared[1], todos
    assert code.count("client.models.list()") == 3, code


def test_a_listing_iterated_by_a_loop_header_is_no_assignment():
    """Re-review of R2: `for model in openai.Model.list()["data"]:` (a compound statement holding the call) raised
    TypeError in the later-readers check (its body is a block, not a list of small statements)."""
    from mechanics import convert_idempotent

    code, todos = convert_idempotent('''\
        from openai import OpenAI
        client = OpenAI()
        for card in client.models.list():
            print(card.id)
        ''')
    assert "for card in client.models.list().data:" in code, code


def test_a_listing_filtered_on_owned_by_gets_a_todo() -> None:
    """Held-out review 59, Y8 (chatbot-demo): `if model.owned_by != os.getenv("OWNED_BY", "openai")` after a converted
    models.list(): every Mistral card says owned_by="mistralai", so the script listed nothing, silently. A listing
    that only prints the owner gets nothing."""
    code, findings = convert("""
        import os


        def show():
            owned_by = os.getenv("OWNED_BY", "openai")
            for model in client.models.list():
                if model.owned_by != owned_by:
                    continue
                print(model.id)


        def everything():
            for model in client.models.list():
                print(model.id, model.owned_by)
    """)
    assert code.count("client.models.list().data") == 2, code
    assert todos(findings, "MIG108") == [
        "the listed models' owned_by is compared in this function: Mistral's cards say owned_by=\"mistralai\" (your "
        "organisation's id for fine-tuned models), not OpenAI's \"openai\" / \"system\"; update the filter, or it keeps "
        "none"], todos(findings, "MIG108")


def test_a_settings_key_name_in_the_listing_call_is_no_compared_model_name():
    """Held-out review 97, Y6 (guilhermecxe/rag): `openai.OpenAI(api_key=SETTINGS.get("OPENAI_API_KEY")).models.list()`
    then `m.id == model`: the TODO quoted 'OPENAI_API_KEY' as the OpenAI model name the ids are compared with."""
    from mechanics import convert_snippet

    _, todos = convert_snippet("import openai\n\n\ndef check_model(model):\n"
                               "    models = openai.OpenAI(api_key=SETTINGS.get(\"OPENAI_API_KEY\")).models.list()\n"
                               "    return bool(list(filter(lambda m: m.id == model, models)))\n")
    assert not any("'OPENAI_API_KEY'" in t for t in todos), todos


def test_a_key_check_stays_where_a_library_or_langchain_object_keeps_the_key_on_openai():
    """Held-out review 101, Y2 (RAG-chatbot): a start-up check, `OpenAI(api_key=KEY).models.list()`, converted while
    the key's consumers, Chroma's OpenAIEmbeddingFunction and a pinned ChatOpenAI, stayed on OpenAI: with the OpenAI
    key the converted check failed at start-up, and with a Mistral key the kept ones did. It stays with them."""
    from mechanics import convert_files

    setup = ("import openai\nfrom config import OPENAI_API_KEY\n\n\ndef validate():\n"
             "    client = openai.OpenAI(api_key=OPENAI_API_KEY)\n    try:\n        client.models.list()\n"
             "    except openai.AuthenticationError:\n        raise RuntimeError('bad key')\n")
    rag = ("from chromadb.utils.embedding_functions import OpenAIEmbeddingFunction\n"
           "from config import OPENAI_API_KEY\n\n"
           "ef = OpenAIEmbeddingFunction(api_key=OPENAI_API_KEY, model_name='text-embedding-3-small')\n")
    out = convert_files({"config.py": "import os\nOPENAI_API_KEY = os.getenv('OPENAI_API_KEY')\n",
                         "setup_service.py": setup, "rag_service.py": rag})
    assert "openai.OpenAI(api_key=OPENAI_API_KEY)" in out["setup_service.py"], out["setup_service.py"]
    assert "it only lists or retrieves models (a check of a key or model) while other clients stay on OpenAI" in \
        out["setup_service.py"], out["setup_service.py"]


def test_held_out_157_a_v0_key_check_stays_where_a_star_importer_keeps_its_v0_calls():
    """Held-out review 157, X2 (autocontent): gpt_config.py sets openai.api_key and calls `openai.Model.list()` at
    import to fail fast; handler.py takes that openai module through `from app.gpt_config import *` and calls
    `openai.ChatCompletion.create(...)`, which migrator does not follow (kept, a TODO). The check moved to Mistral,
    and the service needed a Mistral key to start while its calls stayed on OpenAI. It stays, and the handler's TODO
    names the import."""
    from mechanics import convert_files

    out = convert_files({
        "app/__init__.py": "",
        "app/gpt_config.py": ("import os\nimport openai\n\nopenai.api_key = os.getenv(\"OPENAI_API_KEY\")\n"
                              "CHAT_MODEL = \"gpt-3.5-turbo\"\nopenai.Model.list()\n"),
        "app/handler.py": ("from app.gpt_config import *\n\n\ndef ask(dialog):\n"
                           "    response = openai.ChatCompletion.create(model=CHAT_MODEL, messages=dialog)\n"
                           "    return response.choices[0].message.content\n")})
    assert "\nopenai.Model.list()\n" in out["app/gpt_config.py"] and "mistralai" not in out["app/gpt_config.py"], \
        out["app/gpt_config.py"]
    assert "the openai module app.gpt_config (through `import *`) re-exports" in out["app/handler.py"], \
        out["app/handler.py"]


def test_a_page_name_rebound_to_its_ids_is_read_as_the_page_where_the_binding_reaches():
    """Held-out review 102, Y7 (SetonGPT): `model_list = OpenAI().models.list()`, then `model_list = [m.id for m in
    model_list.data]` and list operations on it: kept, "used as a page object", though only the .data read touches
    the page (renamed, the same code converted)."""
    from mechanics import convert_snippet

    code, todos = convert_snippet('''\
        from openai import OpenAI


        def get_available_models(filter_by=None):
            model_list = OpenAI().models.list()
            model_list = [m.id for m in model_list.data]
            if filter_by:
                model_list = [m for m in model_list if filter_by in m]
            return model_list
        ''')
    assert "Mistral(" in code and "model_list = [m.id for m in model_list.data]" in code, code
    assert not any("used as a page object" in t for t in todos), todos


@pytest.mark.parametrize("model, counterpart", [
    ("whisper-1", "'voxtral-mini-latest', the model migrator maps it to (or test "
                  "model.capabilities.audio_transcription)"),
    ("whisper", "'voxtral-mini-latest', the model migrator maps it to (or test "
                "model.capabilities.audio_transcription)"),
    ("tts-1", "'voxtral-mini-tts-latest', the model migrator maps it to (or test model.capabilities.audio_speech)"),
    ("dall-e-3", None),
    ("omni-moderation-latest", "'mistral-moderation-2603', the model migrator maps it to (or test "
                               "model.capabilities.moderation)"),
    ("gpt-4o-mini", None), ("text-embedding-3-small", "'mistral-embed', the model migrator maps it to")])
def test_a_listed_id_checked_against_an_audio_image_or_moderation_model_gets_the_todo(model, counterpart):
    """Held-out review 103, X1 (whisperToMe): `any(m.id == "whisper-1" for m in client.models.list())`, a key check,
    converted silently: Mistral's list never holds it, so every key was rejected (gpt-* names got the TODO). Held-out
    review 170, X4: the TODO listed Mistral's chat families only; it names the model migrator maps the name to."""
    from mechanics import convert_snippet

    code, todos = convert_snippet(f'''\
        import os
        from openai import OpenAI

        client = OpenAI(api_key=os.getenv("OPENAI_API_KEY"))


        def valid():
            return any(m.id == "{model}" for m in client.models.list())
        ''')
    if counterpart is None:
        assert any(f"the listed ids are compared with OpenAI model names here ({model!r})" in t for t in todos), todos
    else:
        assert any(f"the listed ids are compared with an OpenAI model name here ({model!r}): compare with its Mistral "
                   f"counterpart {counterpart}, or the check finds none" in t for t in todos), todos


def test_a_page_that_is_only_printed_besides_its_data_read_converts():
    """Held-out review 105, Y7 (openai-completions-workshop): `models = client.models.list()`, `print(models)`, then
    `for m in models.data: print(m.id, m.owned_by)`: kept, "used as a page object ... (read .data)", though the code
    reads .data and printing a page is no page use (Mistral's ModelList prints too). A page read otherwise stays."""
    from mechanics import convert_snippet

    source = '''\
        from openai import OpenAI

        client = OpenAI()
        models = client.models.list()
        print(models)  # debug output
        {use}
        '''
    code, todos = convert_snippet(source.format(use="for m in models.data:\n            print(m.id, m.owned_by)"))
    assert "Mistral(" in code and not any("used as a page object" in t for t in todos), (code, todos)
    code, todos = convert_snippet(source.format(use="print(models.has_next_page())"))
    assert any("used as a page object" in t for t in todos), todos
