"""Receivers beyond one file: clients and factories imported from the repo, local factories."""

from __future__ import annotations

import textwrap
from pathlib import Path

from libcst.codemod import CodemodTest

from codemods.chat_completions import ChatCompletions
from migrator.config import Config
from migrator.engine import Mode, run
from mechanics import backoff


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, code in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(code), encoding="utf-8")
    return tmp_path


def test_clients_and_factories_imported_from_the_repo(tmp_path: Path) -> None:
    """`from app.llm import client`, relative imports and imported factories resolve; a second run is a no-op."""
    root = _tree(tmp_path, {
        "app/__init__.py": "",
        "app/llm.py": """
            from openai import OpenAI, AsyncOpenAI
            client = OpenAI()
            def get_async():
                return AsyncOpenAI()
        """,
        "app/service.py": """
            from app.llm import client, get_async
            from .llm import client as same

            def ask(q):
                return client.chat.completions.create(model="gpt-4o", messages=q)

            async def ask_async(q):
                llm = get_async()
                return await llm.chat.completions.create(model="gpt-4o-mini", messages=q)

            def again(q):
                return same.chat.completions.create(model="gpt-4o", messages=q)
        """,
    })
    report = run([root], config=Config(), mode=Mode.WRITE, jobs=1, progress=False)
    assert report.exit_code == 0
    service = (root / "app/service.py").read_text()
    assert "client.chat.complete(model=\"mistral-large-latest\"" in service
    assert "await llm.chat.complete_async(model=\"mistral-small-latest\"" in service
    assert "same.chat.complete(" in service
    assert "TODO(migrator" not in service
    second = run([root], config=Config(), mode=Mode.CHECK, jobs=1, progress=False)
    assert second.exit_code == 0 and not second.changed


def test_unresolved_import_still_gets_todo(tmp_path: Path) -> None:
    """A client imported from outside the converted tree is not guessed at."""
    root = _tree(tmp_path, {"svc.py": """
        from elsewhere import client
        r = client.chat.completions.create(model="gpt-4o", messages=[])
    """})
    run([root], config=Config(), mode=Mode.WRITE, jobs=1, progress=False)
    assert "# TODO(migrator MIG102): client: migrator cannot tell which client it holds" in (root / "svc.py").read_text()


class TestLocalFactory(CodemodTest):
    TRANSFORM = ChatCompletions

    def test_factory_in_module(self) -> None:
        """A module-level function returning a client is a receiver source."""
        before = """
            from openai import OpenAI
            def make():
                return OpenAI()
            def ask(q):
                c = make()
                return c.chat.completions.create(model="gpt-4o", messages=q)
        """
        after = """
            from openai import OpenAI
            def make():
                return OpenAI()
            def ask(q):
                c = make()
                return c.chat.complete(model="mistral-large-latest", messages=q)
        """
        self.assertCodemod(before, after)


def test_module_level_openai_client() -> None:
    """openai.chat.completions.create on the module client goes through one module-level Mistral client."""
    from migrator.engine.transform import transform_source

    source = textwrap.dedent("""\
        import os
        import openai

        openai.api_key = os.environ["OPENAI_API_KEY"]

        def ask(q):
            return openai.chat.completions.create(model="gpt-4o-mini", messages=q)
    """)
    outcome = transform_source(source, config=Config())
    lines = outcome.code.splitlines()
    # the key setting becomes the module's mistral_client, reading MISTRAL_API_KEY the same way (it still
    # fails at start-up when unset), and import openai goes
    assert lines[:17] == ["import os", "from mistralai.client import Mistral",
                          "from mistralai.client.utils import BackoffStrategy, RetryConfig", "",
                          "mistral_client = Mistral(",  # openai>=1's retried twice: over lines, as MIG101 lays out
                          '    api_key=os.environ["MISTRAL_API_KEY"],',
                          "    retry_config=RetryConfig(",
                          '        "backoff",',
                          *backoff(8).rstrip("\n").split("\n"),
                          "        retry_connection_errors=True,", "    ),", ")"]
    assert '    return mistral_client.chat.complete(model="mistral-small-latest", messages=q)' in lines
    assert [(f.rule, f.kind.value, f.line) for f in outcome.findings] == [("MIG101", "converted", 4),
                                                                           ("MIG102", "converted", 7)]
    assert transform_source(outcome.code, config=Config()).code == outcome.code


def test_a_model_constant_imported_by_another_module_is_mapped_where_it_is_set(tmp_path: Path) -> None:
    """Held-out review 3 (raisultan/dse): EMBEDDING_MODEL, the default of a converted call's model
    parameter, was mapped alone; once another module imported it for its own converted call it was no
    longer mapped, and both calls sent 'text-embedding-ada-002' to Mistral. A reader that is not
    model= of a converted call (here: a price table's key; a log line or print would be fine, held-out review 44,
    Z10) still keeps the value, with a TODO."""
    files = {
        "app/__init__.py": "",
        "app/embedding.py": """
            import openai

            EMBEDDING_MODEL = 'text-embedding-ada-002'


            def create_embedding(text, model=EMBEDDING_MODEL):
                return openai.Embedding.create(input=text, model=model)["data"][0]["embedding"]
        """,
        "app/insert.py": """
            import openai

            from app.embedding import EMBEDDING_MODEL


            def embed_ad(text):
                return openai.Embedding.create(input=text, model=EMBEDDING_MODEL)["data"][0]["embedding"]
        """,
    }
    root = _tree(tmp_path / "a", files)
    report = run([root], config=Config(), mode=Mode.WRITE, jobs=1, progress=False)
    assert report.exit_code == 0
    embedding, insert = (root / "app/embedding.py").read_text(), (root / "app/insert.py").read_text()
    assert "EMBEDDING_MODEL = 'mistral-embed'" in embedding and "computed at run time" not in embedding, embedding
    assert "model=EMBEDDING_MODEL" in insert and "EMBEDDING_MODEL" not in "".join(
        line for line in insert.splitlines() if "TODO" in line), insert
    second = run([root], config=Config(), mode=Mode.CHECK, jobs=1, progress=False)
    assert second.exit_code == 0 and not second.changed

    files["app/report.py"] = "from app.embedding import EMBEDDING_MODEL\n\nPRICE_PER_TOKEN = {EMBEDDING_MODEL: 1e-7}\n"
    files["app/report.py"] += "import openai\n"
    root = _tree(tmp_path / "b", files)
    run([root], config=Config(), mode=Mode.WRITE, jobs=1, progress=False)
    embedding = (root / "app/embedding.py").read_text()
    assert "EMBEDDING_MODEL = 'text-embedding-ada-002'" in embedding and "TODO(migrator" in embedding, embedding


def test_response_reads_in_a_module_that_imports_only_the_client_are_rewritten(tmp_path: Path) -> None:
    """Held-out review 15, J1: `from pkg.llm import client` in a module naming no openai: its Responses call
    converted but `response.output_text` stayed (AttributeError on Mistral's response), as did a moderation
    result's `.flagged` (response read sites were counted only in modules importing openai)."""
    root = _tree(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/llm.py": """
            from openai import OpenAI
            client = OpenAI()
        """,
        "pkg/service.py": """
            from pkg.llm import client


            def ask(q: str) -> str:
                response = client.responses.create(model="gpt-4o-mini", input=q)
                return response.output_text


            def flagged(q: str) -> bool:
                r = client.moderations.create(input=q)
                return r.results[0].flagged


            def chat(q: str) -> dict:
                r = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])
                return r.model_dump()
        """,
    })
    report = run([str(root)], config=Config(), mode=Mode.WRITE, jobs=1, progress=False)
    assert report.exit_code == 0
    service = (root / "pkg" / "service.py").read_text()
    assert "    return _output_text(response)\n" in service and "def _output_text(response) -> str:" in service
    assert "    return any((r.results[0].categories or {}).values())\n" in service, service
    assert ".output_text" not in service.replace("\"output_text\"", "").replace("OpenAI's output_text", "")
    again = run([str(root)], config=Config(), mode=Mode.CHECK, jobs=1, progress=False)
    assert again.exit_code == 0, [r.path for r in again.changed]


def test_other_surfaces_on_a_client_parameter_of_a_module_naming_no_openai_get_the_chat_calls_todo(
        tmp_path: Path) -> None:
    """Held-out review 54, R6 (ivekhov/ai_projects): helpers taking `client` as a parameter, in a module that names
    no openai: its chat call got "cannot tell which client it holds", its transcription, moderation and embeddings
    calls nothing (each breaks on a converted client). An OpenAI model named, or a moderation call, is OpenAI's;
    another SDK's call with a model of its own stays quiet."""
    root = _tree(tmp_path, {"helpers.py": """
        def transcribe(client, path):
            with open(path, "rb") as f:
                return client.audio.transcriptions.create(model="whisper-1", file=f).text


        def is_flagged(client, text):
            return client.moderations.create(input=text).results[0].flagged


        def embed(client, text):
            return client.embeddings.create(model="text-embedding-3-small", input=text).data[0].embedding


        def groq_transcribe(client, f):
            return client.audio.transcriptions.create(model="whisper-large-v3", file=f).text
    """})
    report = run([str(root)], config=Config(), mode=Mode.CHECK, jobs=1, progress=False)
    todos = {f.line: f.message for r in report.results for f in getattr(r, "findings", ()) if f.kind.value == "todo"}
    assert todos, report.results
    assert all("cannot tell which client it holds" in todos.get(line, "") for line in (4, 8, 12)), todos
    assert 16 not in todos, todos


def test_files_batches_models_and_images_calls_on_a_client_parameter_get_a_todo_too(tmp_path: Path) -> None:
    """Held-out review 55, T3 (R6's rest): in a module naming no openai, `client.files.create`, `client.batches.create`,
    `client.models.list()` and `client.images.generate` on a `client` parameter got nothing while the chat call on a
    `client` beside them got "cannot tell which client it holds"; each breaks on a converted client. They get the
    TODO where the module makes chat calls on the same name, or where only OpenAI's API has them (a batch's
    completion_window=, an image model); a files call of a module making no such chat call stays quiet."""
    root = _tree(tmp_path, {"helpers.py": """
        def up(client, path):
            return client.files.create(file=open(path, "rb"), purpose="batch").id


        def bat(client, fid):
            return client.batches.create(input_file_id=fid, endpoint="/v1/chat/completions", completion_window="24h")


        def models(client):
            return [m.id for m in client.models.list()]


        def img(client, p):
            return client.images.generate(model="dall-e-3", prompt=p).data[0].url


        def ask(client, q):
            return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": q}])
    """, "jobs.py": """
        def submit(client, fid):
            return client.batches.create(input_file_id=fid, endpoint="/v1/chat/completions", completion_window="24h")


        def upload(store, path):
            return store.files.create(file=open(path, "rb"))
    """})
    report = run([str(root)], config=Config(), mode=Mode.CHECK, jobs=1, progress=False)
    todos = {(r.path.rsplit("/", 1)[-1], f.line): f.message for r in report.results
             for f in getattr(r, "findings", ()) if f.kind.value == "todo"}
    for line in (3, 7, 11, 15, 19):
        assert ("helpers.py", line) in todos, todos
    assert "no image endpoint on Mistral" in todos[("helpers.py", 15)], todos
    assert ("jobs.py", 3) in todos and ("jobs.py", 7) not in todos, todos


def test_a_fallback_client_stays_the_helper_s_client_when_callers_only_pass_their_own_none_on():
    """Held-out review 57, Y2 / Y3 (adelavega/publang): `def ask(msgs, client=None): if client is None: client =
    openai.OpenAI()`, called from another module as `ask(msgs, client=client)` by `def extract(text, client=None)`,
    which nothing passes a client: the fallback is the client the call uses (it was "unused", the parameter
    "unresolved"; a method handed on as a callable then got no TODO at all: "Nothing to change")."""
    from mechanics import convert_files

    helper = ("import openai\n\n\ndef reexecutor(func, **kwargs):\n    return func(**kwargs)\n\n\n"
              "def ask(messages, client: openai.OpenAI = None):\n    if client is None:\n        client = openai.OpenAI()\n"
              "    completion = CALL\n    return completion.choices[0].message.content\n")
    caller = "from oai import ask\n\n\ndef extract(text, client=None):\n    return ask([text], client=client)\n"
    direct = helper.replace("CALL", "client.chat.completions.create(model='gpt-4o', messages=messages)")
    out = convert_files({"oai.py": direct, "extract.py": caller})
    assert "client = Mistral(" in out["oai.py"] and "client.chat.complete(" in out["oai.py"], out["oai.py"]
    handed = helper.replace("CALL", "reexecutor(client.chat.completions.create, model='gpt-4o', messages=messages)")
    out = convert_files({"oai.py": handed, "extract.py": caller})
    assert "passed on as a callable" in out["oai.py"] and "client = openai.OpenAI()" in out["oai.py"], out["oai.py"]


def test_a_client_imported_in_a_try_with_a_none_fallback_is_the_imported_client(tmp_path: Path) -> None:
    """Held-out review 76, X1: `try: from vendors.oai import client as _oai / except Exception: _oai = None` in a module
    that never names openai: the None alone decided the name, so its `embeddings.create(input=...)` stayed as it was,
    silently, while vendors/oai.py's client converted (TypeError: unexpected keyword argument 'input')."""
    root = _tree(tmp_path, {
        "vendors/__init__.py": "",
        "vendors/oai.py": """
            from openai import OpenAI
            client = OpenAI()
        """,
        "agent/__init__.py": "",
        "agent/retrieval.py": """
            try:
                from vendors.oai import client as _oai_client
            except Exception:
                _oai_client = None

            def embed(text):
                if _oai_client is None:
                    raise RuntimeError("no client")
                return _oai_client.embeddings.create(model="text-embedding-3-small", input=text).data[0].embedding
        """,
    })
    report = run([root], config=Config(), mode=Mode.WRITE, jobs=1, progress=False)
    assert report.exit_code == 0
    assert "Mistral(" in (root / "vendors/oai.py").read_text()
    retrieval = (root / "agent/retrieval.py").read_text()
    assert '_oai_client.embeddings.create(model="mistral-embed", inputs=text)' in retrieval, retrieval
    second = run([root], config=Config(), mode=Mode.CHECK, jobs=1, progress=False)
    assert second.exit_code == 0 and not second.changed


def test_a_client_reached_through_a_dotted_module_import_is_that_client(tmp_path: Path) -> None:
    """Held-out review 144, X1: `import core.llm` then `core.llm.client.chat.completions.create(...)` was "cannot tell
    which client it holds" while the client itself converted: the call stayed OpenAI's on a Mistral client
    (AttributeError). The path names the client: the call converts with it, and a use that cannot blocks it."""
    files = {
        "core/__init__.py": "",
        "core/llm.py": """
            from openai import OpenAI

            client = OpenAI()
        """,
        "handlers.py": """
            import core.llm


            def answer(q):
                r = core.llm.client.chat.completions.create(model="gpt-4o-mini", messages=q)
                return r.choices[0].message.content
        """,
    }
    root = _tree(tmp_path / "a", files)
    report = run([root], config=Config(), mode=Mode.WRITE, jobs=1, progress=False)
    assert report.exit_code == 0
    handlers = (root / "handlers.py").read_text()
    assert 'r = core.llm.client.chat.complete(model="mistral-small-latest"' in handlers, handlers
    assert "TODO(migrator" not in handlers and "client = Mistral(" in (root / "core/llm.py").read_text()
    second = run([root], config=Config(), mode=Mode.CHECK, jobs=1, progress=False)
    assert second.exit_code == 0 and not second.changed

    files["handlers.py"] = textwrap.dedent(files["handlers.py"]) + textwrap.dedent('''

        def draw(p):
            return core.llm.client.images.generate(prompt=p).data[0].url
        ''')
    root = _tree(tmp_path / "b", files)
    report = run([root], config=Config(), mode=Mode.WRITE, jobs=1, progress=False)
    assert report.exit_code == 0 and not report.failed
    assert "client = OpenAI()" in (root / "core/llm.py").read_text()
    assert "core.llm.client.chat.completions.create(" in (root / "handlers.py").read_text()
