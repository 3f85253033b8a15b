"""MIG107: embeddings.create on converted clients, end to end through the plan (transform_source).

The differential programs (fixtures/programs/embeddings_*.py) run the converted calls against the
wire server; these tests pin the rewrite and the cases that keep the client."""

from __future__ import annotations

import textwrap

import pytest

from migrator.config import Config
from migrator.engine.transform import transform_source
from mechanics import backoff

VECTORS = "embeddings now come from mistral-embed (1024 dimensions), not an OpenAI model"


def convert(body: str, **config) -> tuple[str, list]:
    source = "from openai import AsyncOpenAI, OpenAI\n\nclient = OpenAI()\naclient = AsyncOpenAI()\n\n\n" + \
        textwrap.dedent(body)
    outcome = transform_source(source, config=Config(**config))
    return outcome.code, outcome.findings


def todos(findings, rule="MIG107") -> list[str]:
    return [f.message for f in findings if f.kind.value == "todo" and f.rule == rule]


def test_keywords_model_and_the_vectors_todo() -> None:
    code, findings = convert("""
        def embed(inputs):
            r = client.embeddings.create(model="text-embedding-3-small", input=inputs, user="u1")
            return [d.embedding for d in r.data], r.usage.prompt_tokens
    """)
    assert 'r = client.embeddings.create(model="mistral-embed", inputs=inputs)' in code
    assert "client = Mistral(\n    retry_config=RetryConfig(\n        \"backoff\",\n" + backoff(8) + "        retry_connection_errors=True,\n    ),\n)" in code and "user" not in code.split("def embed")[1]
    assert len(todos(findings)) == 1 and todos(findings)[0].startswith(VECTORS)
    assert "return [d.embedding for d in r.data], r.usage.prompt_tokens" in code  # the reads stay


def test_the_vectors_todo_is_said_once_per_module_and_model() -> None:
    """Held-out review 9, N2: a module with four embeddings calls said the re-embed TODO four times."""
    code, findings = convert("""
        def one(text):
            return client.embeddings.create(model="text-embedding-3-small", input=text).data[0].embedding


        def many(inputs):
            return client.embeddings.create(model="text-embedding-3-small", input=inputs, dimensions=256).data


        async def later(text):
            return await aclient.embeddings.create(model="text-embedding-3-small", input=text)
    """)
    said = todos(findings)
    assert len(said) == 2 and said[0].startswith(VECTORS), said
    assert said[1].startswith("dimensions=256 dropped") and VECTORS not in said[1]
    assert code.count("re-embed stored vectors") == 1


def test_async_client_uses_create_async_and_keeps_float_encoding() -> None:
    code, _ = convert("""
        async def embed(text):
            r = await aclient.embeddings.create(model="text-embedding-3-large", input=text, encoding_format="float")
            return r.data[0].embedding
    """)
    assert ('await aclient.embeddings.create_async(model="mistral-embed", inputs=text, encoding_format="float")'
            in code)


def test_dimensions_become_output_dimension_for_codestral_embed() -> None:
    code, findings = convert("""
        v = client.embeddings.create(model="text-embedding-3-small", input="x", dimensions=256)
    """, model_map=(("text-embedding-3-small", "codestral-embed"),))
    assert 'client.embeddings.create(model="codestral-embed", inputs="x", output_dimension=256)' in code
    assert not any("dimensions=" in t for t in todos(findings))


def test_dimensions_dropped_with_a_todo_for_mistral_embed() -> None:
    code, findings = convert("""
        v = client.embeddings.create(
            model="text-embedding-3-small",
            input="x",
            dimensions=256,
        )
    """)
    assert "dimensions" not in code.split("v = ")[1] and "inputs=\"x\",\n)" in code
    assert todos(findings)[0].startswith("dimensions=256 dropped: mistral-embed takes no output_dimension")


def test_model_from_a_constant_is_mapped_where_it_is_set() -> None:
    code, findings = convert("""
        EMBED = "text-embedding-3-small"
        v = client.embeddings.create(model=EMBED, input="x")
    """)
    assert 'EMBED = "mistral-embed"' in code
    assert not any("computed at run time" in t for t in todos(findings))


def test_a_constant_default_forwarded_through_another_function_is_mapped_where_it_is_set() -> None:
    """Held-out review 92, Y5 (partha-xen/ai-learning pipeline.py): `EMBEDDING_MODEL` reached model= through two
    default parameters (`add_embeddings(rows, model=EMBEDDING_MODEL)` -> `embed_texts(texts, model=model)`): it stayed
    "text-embedding-3-small", under a TODO saying the model was computed at run time. A parameter passed on as it is
    follows; one a caller computes still keeps the TODO."""
    body = """
        EMBEDDING_MODEL = "text-embedding-3-small"


        def embed_texts(texts, model=EMBEDDING_MODEL):
            return [d.embedding for d in client.embeddings.create(model=model, input=texts).data]


        def add_embeddings(rows, model=EMBEDDING_MODEL):
            return embed_texts(rows, model=model)


        print(len(add_embeddings(["hello"], {caller})[0]))
    """
    for caller in ("", 'model="text-embedding-3-large"'):
        code, findings = convert(body.replace("{caller}", caller).replace(", )", ")"))
        assert 'EMBEDDING_MODEL = "mistral-embed"' in code, code
        assert not any("computed at run time" in t for t in todos(findings)), todos(findings)
    assert 'add_embeddings(["hello"], model="mistral-embed")' in code, code
    code, findings = convert(body.replace("{caller}", "model=input()"))
    assert any("computed at run time" in t for t in todos(findings)), todos(findings)


@pytest.mark.parametrize("call, reason", [
    ('client.embeddings.create(model="text-embedding-3-small", input=[[1, 2, 3]])', "token ids"),
    ('client.embeddings.create(model="text-embedding-3-small", input="x", encoding_format="base64")',
     "encoding_format='base64'"),
    ('client.embeddings.create(model="text-embedding-3-small", input="x", extra_body={"x": 1})',
     "unknown keyword 'extra_body'"),
    ('client.embeddings.create(model="text-embedding-3-small", input="x", timeout=httpx.Timeout(5))',
     "set timeout_ms= by hand"),
    ('client.embeddings.create(**params)', "**params"),
], ids=["token-ids", "base64", "extra-body", "timeout-object", "splat"])
def test_calls_that_cannot_convert_keep_the_client(call: str, reason: str) -> None:
    code, findings = convert(f"""
        def go(params):
            return {call}
    """)
    assert call in code and "client = OpenAI()" in code
    kept = todos(findings, "MIG101")
    assert len(kept) == 1 and "embeddings.create" in kept[0] and reason in kept[0], kept


def test_a_kwargs_dict_built_in_the_function_has_its_keys_rewritten() -> None:
    """Held-out review 76, X5: `kwargs = {"model": ..., "input": q}; kwargs["dimensions"] = ...;
    create(**kwargs)` kept its client while another module's call on the same index converted."""
    code, findings = convert("""
        import os


        def search(q, user=None):
            kwargs = {"model": "text-embedding-3-small", "input": q}
            if user:
                kwargs["user"] = user
            if os.getenv("EMBED_DIM"):
                kwargs["dimensions"] = int(os.environ["EMBED_DIM"])
            kwargs.update(encoding_format="float")
            return client.embeddings.create(**kwargs).data[0].embedding
    """)
    body = code.split("def search")[1]
    assert 'kwargs = {"model": "mistral-embed", "inputs": q}\n' in body
    assert 'kwargs.update(encoding_format="float")' in body and "user" not in body.split("\n", 1)[1]
    assert 'kwargs["dimensions"] =' not in body and "EMBED_DIM" not in body
    assert "return client.embeddings.create(**kwargs).data[0].embedding" in body
    said = todos(findings)
    assert said[0] == 'kwargs["dimensions"] dropped: mistral-embed takes no output_dimension (codestral-embed does)'
    assert said[1].startswith(VECTORS) and "client = OpenAI()" not in code


def test_a_kwargs_dict_keeps_output_dimension_for_codestral_embed() -> None:
    code, findings = convert("""
        def embed(texts):
            params = dict(model="text-embedding-3-large", input=texts, dimensions=512)
            return client.embeddings.create(**params)
    """, model_map=(("text-embedding-3-large", "codestral-embed"),))
    assert 'params = dict(model="codestral-embed", inputs=texts, output_dimension=512)' in code, code
    assert not any("dimensions" in t for t in todos(findings))


def test_a_kwargs_dict_model_constant_is_mapped_where_it_is_set() -> None:
    """The plan's model slots follow an embeddings dict as they follow a chat one (a constant read only as the dict's
    model was left as it was, with a TODO saying the dict also read it)."""
    code, findings = convert("""
        EMBED_MODEL = "text-embedding-3-small"


        def embed(q):
            kwargs = {"model": EMBED_MODEL, "input": q}
            return client.embeddings.create(**kwargs)
    """)
    assert 'EMBED_MODEL = "mistral-embed"' in code and 'kwargs = {"model": EMBED_MODEL, "inputs": q}' in code, code
    assert not any("EMBED_MODEL" in t for t in todos(findings)), todos(findings)


@pytest.mark.parametrize("body, reason", [
    ('params = {"model": "text-embedding-3-small", "input": texts, "extra_body": {}}', "unknown key 'extra_body'"),
    ('params = {"model": "text-embedding-3-small", "input": texts, "timeout": 5}', 'set "timeout_ms"'),
    ('params = {"model": "text-embedding-3-small", "input": texts}\n            store(params)',
     "also used outside the call"),
    ('params = {"model": "text-embedding-3-small", "input": texts, "encoding_format": "base64"}', "only float"),
    ('params = make_params(texts)', "not built from a dict literal"),
], ids=["unknown-key", "timeout", "read-elsewhere", "base64", "built-elsewhere"])
def test_a_kwargs_dict_that_cannot_be_followed_keeps_the_client(body: str, reason: str) -> None:
    code, findings = convert(f"""
        def embed(texts):
            {body}
            return client.embeddings.create(**params)
    """)
    assert "client = OpenAI()" in code and body.split("\n")[0] in code
    kept = todos(findings, "MIG101")
    assert len(kept) == 1 and "**params (" in kept[0] and reason in kept[0], kept


def test_untraced_receiver_gets_the_conditional_todo() -> None:
    code, findings = convert("""
        def embed(llm, text):
            return llm.embeddings.create(model="text-embedding-3-small", input=text)
    """)
    assert 'llm.embeddings.create(model="text-embedding-3-small", input=text)' in code
    assert todos(findings, "MIG107") == [
        "llm: migrator cannot tell which client it holds; convert this embeddings.create call by hand (inputs= for "
        "input=, a Mistral embedding model) if it receives a client migrator converted; a client that stays on "
        "OpenAI needs nothing"]


def test_module_client_gets_a_module_level_mistral_client() -> None:
    source = 'import openai\n\n\ndef one(t):\n    return openai.embeddings.create(model="text-embedding-3-small", input=t)\n'
    outcome = transform_source(source, config=Config())
    # openai>=1's module client retried: the replacement carries a RetryConfig, laid out as MIG101 lays out constructors
    assert ('mistral_client = Mistral(\n    retry_config=RetryConfig(\n        "backoff",\n' + backoff(8) +
            '        retry_connection_errors=True,\n    ),\n)\n') in outcome.code
    assert 'return mistral_client.embeddings.create(model="mistral-embed", inputs=t)' in outcome.code


def test_openai_embedding_sizes_in_a_converted_module_get_a_todo() -> None:
    """Review (souleastforest/pgvector-pg16-demo): `vector(1536)` in the table the converted calls
    fill: pgvector rejects 1024-dimension mistral-embed vectors. Each statement holding OpenAI's
    sizes as a vector's length gets a TODO where it is written; the same number as a token limit or
    a port does not, a size inside the call is the call's own TODO, and a module whose embeddings
    stay on OpenAI gets none."""
    from mechanics import convert_idempotent

    code, todos = convert_idempotent('''\
        """Usage: embed.py --max-length 1536"""
        from openai import OpenAI

        client = OpenAI()
        EMBEDDING_DIM = 3072
        SCHEMA = "CREATE TABLE items (id bigserial PRIMARY KEY, embedding vector(1536))"
        PAGE = 1536.5
        MAX_TOKENS = 1536
        PORT = 3072
        LIMITS = {"tokens": 1536}
        column = Column(Vector(1536), nullable=True)  # pgvector's sqlalchemy type (held-out review 25, B7)
        title = Column(String(1536))
        ZERO = [0.0] * 1536  # a fallback embedding (held-out review 22, T2)
        PAD = "-" * 1536
        FALLBACK = np.zeros(1536)  # the same as an array (held-out review 78, X4)
        BUFFER = io.BytesIO(bytes(1536))
        VEC = "CREATE VIRTUAL TABLE v USING vec0(embedding FLOAT[1536])"  # sqlite-vec (held-out review 43, X1)


        def embed(text):
            return client.embeddings.create(input=[text], model="text-embedding-3-small").data[0].embedding
        ''')
    sizes = [t for t in todos if "the size of OpenAI's" in t]
    assert len(sizes) == 6, todos
    assert sizes[0].startswith("3072: the size of OpenAI's text-embedding-3-large vectors")
    lines = code.splitlines()
    assert lines[lines.index("EMBEDDING_DIM = 3072") - 1].startswith("# TODO(migrator MIG107): 3072:")
    assert lines[lines.index('SCHEMA = "CREATE TABLE items (id bigserial PRIMARY KEY, embedding vector(1536))"')
                 - 1].startswith("# TODO(migrator MIG107): 1536:")
    assert lines[lines.index("column = Column(Vector(1536), nullable=True)  # pgvector's sqlalchemy type (held-out "
                             "review 25, B7)") - 1].startswith("# TODO(migrator MIG107): 1536:")

    kept, todos = convert_idempotent('''\
        from openai import OpenAI

        client = OpenAI()
        DIM = 1536


        def embed(text):
            return client.embeddings.create(input=[text], model="text-embedding-3-small")


        def draw(prompt):
            return client.images.generate(prompt=prompt)
        ''')
    assert not [t for t in todos if "the size of OpenAI's" in t], todos


def test_a_shortened_vector_size_in_a_converted_module_gets_a_todo() -> None:
    """Review (sweep's redis_vector_db): ``DIMENSIONS_TO_KEEP = 512`` cut text-embedding-3 vectors,
    which are trained to be shortened; the converted module cut mistral-embed's 1024 the same way
    with no word. A size assigned to a name (or keyword) that says "dim" gets a TODO; mistral-embed's
    own 1024, and a size that says nothing of dimensions (``CHUNK_SIZE = 512``), do not."""
    from mechanics import convert_idempotent

    code, todos = convert_idempotent('''\
        import numpy as np
        from openai import OpenAI

        DIMENSIONS_TO_KEEP = 512
        CHUNK_SIZE = 512
        EMBED_DIM = 1024
        client = OpenAI()


        def embed(batch):
            response = client.embeddings.create(input=batch, model="text-embedding-3-small")
            return np.array([d.embedding for d in response.data])[:, :DIMENSIONS_TO_KEEP]
        ''')
    shortened = [t for t in todos if "not made to be shortened" in t]
    assert len(shortened) == 1 and shortened[0].startswith("512: a vector size other than mistral-embed's 1024"), todos
    lines = code.splitlines()
    assert lines[lines.index("DIMENSIONS_TO_KEEP = 512") - 1].startswith("# TODO(migrator MIG107): 512:")


def test_shortened_sizes_are_told_by_names_about_vectors_not_by_any_dim() -> None:
    """Probe review: HIDDEN_DIM, MAX_IMAGE_DIM, PCA_DIM or torch's kdim are not the embeddings'
    size; EMBEDDING_SIZE, TRUNCATE_DIM, an index's dimension= and a slice of .embedding are."""
    from mechanics import convert_idempotent

    code, todos = convert_idempotent('''\
        import torch
        from openai import OpenAI

        MAX_IMAGE_DIM = 2048
        THUMB_DIM = 256
        HIDDEN_DIM = 512
        PCA_DIM = 128
        EMBEDDING_SIZE = 512
        TRUNCATE_DIM = 256
        client = OpenAI()
        attn = torch.nn.MultiheadAttention(embed_dim=1024, num_heads=8, kdim=64, vdim=64)
        index = make_index(dimension=768)


        def embed(batch):
            r = client.embeddings.create(input=batch, model="text-embedding-3-small")
            return [d.embedding[:256] for d in r.data]
        ''')
    shortened = sorted(t.split(":")[0] for t in todos if "not made to be shortened" in t)
    assert shortened == ["256", "256", "512", "768"], todos
    lines = code.splitlines()
    for statement in ("EMBEDDING_SIZE = 512", "TRUNCATE_DIM = 256", "index = make_index(dimension=768)"):
        assert lines[lines.index(statement) - 1].startswith("# TODO(migrator MIG107)"), statement
    for statement in ("MAX_IMAGE_DIM = 2048", "THUMB_DIM = 256", "HIDDEN_DIM = 512", "PCA_DIM = 128"):
        assert not lines[lines.index(statement) - 1].startswith("# TODO"), statement


def test_an_input_parameter_annotated_to_take_token_ids_keeps_the_client():
    """openai/evals' validators: ``emb_input: Union[str, List[str], List[List[int]]]`` passed as input=:
    OpenAI embeds token arrays, Mistral text only (and its inputs= type says so)."""
    from mechanics import convert_idempotent

    code, todos = convert_idempotent('''\
        from typing import List, Union
        from openai import OpenAI
        client = OpenAI()
        def embed(emb_input: Union[str, List[str], List[List[int]]]):
            return client.embeddings.create(model="text-embedding-3-small", input=emb_input)
        ''')
    assert "client = OpenAI()" in code and any("is annotated to take token ids" in t for t in todos), todos
    code, _ = convert_idempotent('''\
        from typing import List
        from openai import OpenAI
        client = OpenAI()
        def embed(texts: List[str]):
            return client.embeddings.create(model="text-embedding-3-small", input=texts)
        ''')
    assert 'client.embeddings.create(model="mistral-embed", inputs=texts)' in code, code


def test_a_vector_size_in_an_applied_schema_migration_asks_for_a_new_migration() -> None:
    """Held-out review 117, X5 (rag-core-api): `Vector(1536)` in an Alembic revision was told to "size the vector
    column" there, which changes no database that already ran it (inserts of 1024-d vectors still fail). In a
    migration the TODO asks for a new one that alters the column; the ORM model's keeps the plain TODO."""
    from mechanics import convert_files

    revision = ('"""add embedding column"""\nfrom alembic import op\nimport sqlalchemy as sa\n'
                'from pgvector.sqlalchemy import Vector\n\nrevision = "4e89"\ndown_revision = "9b7d"\n\n\n'
                'def upgrade() -> None:\n    op.add_column("chunks", sa.Column("embedding", Vector(1536), nullable=True))\n')
    model = ("import sqlalchemy as sa\nfrom pgvector.sqlalchemy import Vector\n\n\nclass Chunk:\n"
             "    embedding = sa.Column(Vector(1536))\n")
    ingest = ("from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef embed(text):\n    return client.embeddings.create("
              "model='text-embedding-3-small', input=text).data[0].embedding\n")
    out = convert_files({"alembic/versions/4e89_add_embedding.py": revision, "app/models.py": model,
                         "app/ingest.py": ingest})
    migration = out["alembic/versions/4e89_add_embedding.py"]
    assert "in a schema migration that databases may already have run (editing it changes none of them): add a new " \
           "migration resizing the column" in migration and "op.alter_column(..., type_=Vector(1024))" in migration, \
        migration
    assert "size the vector column / index for them" in out["app/models.py"], out["app/models.py"]


def test_an_index_sized_for_openai_in_a_module_without_embeddings_calls_gets_a_todo() -> None:
    """Held-out review 39, P3 (FirstRag): create_index.py (`pc.create_index(dimension=1536)`, no openai in it) was
    skipped, while ingest.py's embeddings converted to mistral-embed (1024): upserts failed, and the line to change
    had no TODO. Where some embeddings call of the tree stays on OpenAI, the index may serve it: nothing is said."""
    from mechanics import convert_files

    index = ("from pinecone import Pinecone\n\npc = Pinecone()\npc.create_index(name='docs', dimension=1536, "
             "metric='cosine')\nTIMEOUT = 1536  # not a vector's size\n")
    ingest = ("from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef embed(text):\n    return client.embeddings.create("
              "model='text-embedding-3-small', input=text).data[0].embedding\n")
    out = convert_files({"create_index.py": index, "ingest.py": ingest})
    assert out["create_index.py"].startswith("from pinecone import Pinecone\n\npc = Pinecone()\n# TODO(migrator MIG107): "
                                             "1536: the size of OpenAI's"), out["create_index.py"]
    assert out["create_index.py"].count("TODO") == 1
    kept = ingest + "\n\ndef other(text):\n    return client.embeddings.create(model='text-embedding-3-small', " \
                    "input=text, **options)\n"
    out = convert_files({"create_index.py": index, "ingest.py": kept})
    assert out["create_index.py"] == index, out["create_index.py"]


def test_made_up_vectors_of_openais_size_get_the_todo_and_a_printed_size_does_not() -> None:
    """Held-out review 133, Y9 (llm-model-interaction's Pinecone lessons): `[random.random() for _ in range(1536)]`
    built the vectors upserted into the index with no TODO, while `print(f"All vectors match dimension 1536: ...")`
    had one."""
    from mechanics import convert_files

    dims = ("import random\nfrom pinecone import Pinecone\n\npc = Pinecone()\n"
            "vectors = [{\"id\": str(i), \"values\": [random.random() for _ in range(1536)]} for i in range(8)]\n"
            "print(f\"All vectors match dimension 1536: {len(vectors)}\")\nfor i in range(1536):\n    pass\n")
    ingest = ("from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef embed(text):\n    return client.embeddings.create("
              "model='text-embedding-3-small', input=text).data[0].embedding\n")
    out = convert_files({"dims.py": dims, "ingest.py": ingest})
    assert out["dims.py"].count("TODO") == 1 and "# TODO(migrator MIG107): 1536: the size of OpenAI's" in \
        out["dims.py"].split("vectors = ")[0], out["dims.py"]


def test_the_other_module_size_check_reads_only_vector_sizes_and_never_fails_a_file() -> None:
    """Re-review 40, R1: a Python 2 file holding `WIDTH = 1536`, read only for the size check, failed the run; R2:
    `chunk_size=1536`, `MAX_IMAGE_SIZE = 1536`, `max_length=1536` in a module without embeddings got the size TODO."""
    import tempfile
    from pathlib import Path

    from migrator.config import Config
    from migrator.engine import Mode, run

    ingest = ("from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef embed(text):\n    return client.embeddings.create("
              "model='text-embedding-3-small', input=text).data[0].embedding\n")
    splitter = ("from langchain_text_splitters import RecursiveCharacterTextSplitter\n\n"
                "splitter = RecursiveCharacterTextSplitter(chunk_size=1536, chunk_overlap=0)\nMAX_IMAGE_SIZE = 1536\n"
                "EMBEDDING_DIM = 1536\n")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "ingest.py").write_text(ingest)
        (root / "splitter.py").write_text(splitter)
        (root / "old.py").write_text("WIDTH = 1536\nprint 'resize'\n")
        report = run([root], mode=Mode.WRITE, jobs=1, progress=False, config=Config())
        assert not report.failed, report.failed
        out = (root / "splitter.py").read_text()
    assert out.count("TODO(migrator MIG107)") == 1 and out.index("TODO") < out.index("EMBEDDING_DIM") and \
        out.index("TODO") > out.index("MAX_IMAGE_SIZE"), out


def test_a_size_read_from_the_store_with_a_literal_fallback_elsewhere_gets_no_todo() -> None:
    """Held-out review 69, X5 (AIPLAZA): `vector_size = 3072`, then `vector_size = int(info.config.params.vectors.size)`
    and `vector_size = 3072` again in its except branch, in an admin module's storage estimate (no embeddings call):
    two identical size TODOs. The size is read from the store there; the literal is a fallback. A name set to the same
    size twice in one scope gets one TODO."""
    from mechanics import convert_files

    ingest = ("from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef embed(text):\n    return client.embeddings.create("
              "model='text-embedding-3-small', input=text).data[0].embedding\n")
    stats = ("def qdrant_bytes(client, names):\n    total = 0\n    for name in names:\n"
             "        info = client.get_collection(collection_name=name)\n        vector_size = 3072\n        try:\n"
             "            vector_size = int(info.config.params.vectors.size)\n        except Exception:\n"
             "            vector_size = 3072\n        total += (info.points_count or 0) * vector_size * 4\n"
             "    return total\n")
    out = convert_files({"ingest.py": ingest, "stats.py": stats})
    assert out["stats.py"] == stats, out["stats.py"]
    twice = "def make(dim):\n    if dim:\n        vector_size = 1536\n    else:\n        vector_size = 1536\n" \
            "    return VectorParams(size=vector_size)\n"
    out = convert_files({"ingest.py": ingest, "index.py": twice})
    assert out["index.py"].count("TODO(migrator MIG107)") == 1, out["index.py"]


def test_a_size_said_to_be_another_embedder_s_gets_no_todo() -> None:
    """Held-out review 84, X5: `VECTOR_SIZE = 3072  # Dimension of gemini-embedding-001` in a module building Gemini's
    embedder, and the 3072 under `if PROVIDER == "gemini":`, were told they were text-embedding-3-large's. A size beside
    another embedder's name (its line, the test of the `if` holding it) or in a module that builds another embedder
    and names no OpenAI is that embedder's; the OpenAI branch's size keeps its TODO."""
    from mechanics import convert_files

    ingest = ("from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef embed(text):\n"
              "    return client.embeddings.create(model='text-embedding-3-small', input=text).data[0].embedding\n")
    gemini = ("from langchain_google_genai import GoogleGenerativeAIEmbeddings\n\n"
              "embeddings = GoogleGenerativeAIEmbeddings(model='models/gemini-embedding-001')\nVECTOR_SIZE = 3072\n")
    branches = ("import os\n\nPROVIDER = os.getenv('EMBEDDINGS', 'openai')\nif PROVIDER == 'gemini':\n"
                "    VECTOR_DIM = 3072\nelse:\n    VECTOR_DIM = 1536\nINDEX_DIM = 3072  # voyage-3-large\n")
    out = convert_files({"ingest.py": ingest, "gemini_store.py": gemini, "store.py": branches})
    assert out["gemini_store.py"] == gemini, out["gemini_store.py"]
    assert out["store.py"].count("TODO(migrator MIG107): 1536") == 1 and "TODO(migrator MIG107): 3072" not in \
        out["store.py"], out["store.py"]
    # (a module naming OpenAI as well as Gemini: its sizes may be OpenAI's)
    out = convert_files({"ingest.py": ingest, "store.py": "# OpenAI's index (Gemini's later)\nVECTOR_SIZE = 3072\n"})
    assert "TODO(migrator MIG107): 3072" in out["store.py"], out["store.py"]


def test_a_list_of_inputs_built_in_the_code_gets_the_batch_token_todo() -> None:
    """Held-out review 85, X1 (fanlabs-gpt-fresh): `texts = [c["content"] for c in json.load(f)]`, then
    `client.embeddings.create(model="text-embedding-3-small", input=texts)`: a document set's ~74k tokens in one
    request, which OpenAI takes (300k) and Mistral rejects (about 16k tokens a request), with no TODO. A list built by a
    comprehension or list(...) gets one, so does a parameter named or typed as a list of texts (held-out review 109
    X3: `embed_texts(texts)` was handed a whole document's chunks); a string, or a name saying it is a batch does
    not."""
    from mechanics import convert_files

    head = "import json\nfrom openai import OpenAI\n\nclient = OpenAI()\n\n\n"
    code = head + ("def embed_all(f):\n    texts = [c['content'] for c in json.load(f)]\n"
                   "    return client.embeddings.create(model='text-embedding-3-small', input=texts)\n\n\n"
                   "def embed_lines(lines):\n    return client.embeddings.create(model='text-embedding-3-small', "
                   "input=list(lines))\n\n\n"
                   "def embed_batch(texts, i):\n    batch = [t.strip() for t in texts[i:i + 64]]\n"
                   "    return client.embeddings.create(model='text-embedding-3-small', input=batch)\n\n\n"
                   "def embed_one(texts):\n    return client.embeddings.create(model='text-embedding-3-small', "
                   "input=texts)\n"
                   "print(client.embeddings.create(model='text-embedding-3-small', input=texts))\n")
    out = convert_files({"embed.py": code})["embed.py"]
    assert out.count("one Mistral embeddings request takes about 16k tokens") == 3, out
    assert out.index("def embed_one") < out.rindex("inputs=texts: one Mistral"), out
    assert "# TODO(migrator MIG107): inputs=texts: one Mistral" in out and "inputs=list(lines): one Mistral" in out
    assert out.index("inputs=list(lines): one") < out.index("def embed_batch"), out
    # (a function's names end with it: the module's `texts` below is imported, not that list)
    later = head.replace("import json\n", "import json\nfrom data import texts\n") + \
        "def embed_all(f):\n    texts = [c['content'] for c in json.load(f)]\n    return texts\n\n\n" \
        "print(client.embeddings.create(model='text-embedding-3-small', input=texts))\n"
    assert "16k tokens" not in convert_files({"embed.py": later})["embed.py"]
    typed = head + ("def embed(items: list[str], query: str):\n"
                    "    a = client.embeddings.create(model='text-embedding-3-small', input=items)\n"
                    "    return a, client.embeddings.create(model='text-embedding-3-small', input=query)\n")
    assert convert_files({"embed.py": typed})["embed.py"].count("16k tokens") == 1
    # a list grown in a loop, `chunks = []` then `chunks.extend(...)` (gpt_examples: a whole PDF in one request)
    grown = head + ("class Data:\n    def pdf(self, pages):\n        chunks = []\n        for page in pages:\n"
                    "            chunks.extend([page[i:i + 500] for i in range(0, len(page), 500)])\n"
                    "        return client.embeddings.create(model='text-embedding-3-small', input=chunks)\n")
    assert "inputs=chunks: one Mistral embeddings request takes about 16k tokens" in \
        convert_files({"embed.py": grown})["embed.py"]


def test_a_list_built_by_a_statement_the_rules_do_not_visit_gets_the_batch_token_todo_too() -> None:
    """Held-out review 126, Y5: `texts = [d["body"] for d in docs if d["body"]]` (no call in it: the rules skip the
    statement) then `embeddings.create(input=texts)` had no batch TODO, while its twin taking `texts` as a parameter
    did. The module's tree is read, as for a grown list; a name bound twice, or saying it is a batch, is not."""
    from mechanics import convert_files

    head = "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
    code = head + ("def embed_corpus(docs):\n    texts = [d['body'] for d in docs if d['body']]\n"
                   "    return client.embeddings.create(model='text-embedding-3-small', input=texts)\n\n\n"
                   "def embed_pages(docs):\n    page_texts = [d['body'] for d in docs]\n"
                   "    return client.embeddings.create(model='text-embedding-3-small', input=page_texts)\n\n\n"
                   "def embed_either(docs, one):\n    rows = [d['body'] for d in docs]\n"
                   "    if one:\n        rows = docs[:1]\n"
                   "    return client.embeddings.create(model='text-embedding-3-small', input=rows)\n")
    out = convert_files({"embed.py": code})["embed.py"]
    assert "inputs=texts: one Mistral embeddings request takes about 16k tokens" in out, out
    assert out.count("16k tokens") == 1, out


def test_langchain_embeddings_that_convert_count_for_the_other_module_size_check() -> None:
    """Re-review 40, R12: OpenAIEmbeddings moved to MistralAIEmbeddings while create_index.py kept
    `pc.create_index(dimension=1536)`, unflagged (only SDK embeddings calls counted)."""
    from mechanics import convert_files

    out = convert_files({
        "create_index.py": "from pinecone import Pinecone\n\npc = Pinecone()\npc.create_index(name='docs', dimension=1536)\n",
        "ingest.py": "from langchain_openai import OpenAIEmbeddings\n\nemb = OpenAIEmbeddings(model='text-embedding-3-small')\n"
                     "vectors = emb.embed_documents(['a'])\n"})
    assert "MistralAIEmbeddings(" in out["ingest.py"], out["ingest.py"]
    assert "# TODO(migrator MIG107): 1536: the size of OpenAI's" in out["create_index.py"], out["create_index.py"]


def test_a_function_returning_the_converted_call_is_annotated_with_mistrals_class() -> None:
    """Held-out review 42, U2 (electro): `-> CreateEmbeddingResponse` stayed on a function returning the converted
    call (a type error, and the openai import it kept held the openai package), while `-> ChatCompletion` was
    mapped. A function returning something else keeps its annotation."""
    from mechanics import convert_idempotent

    code, _ = convert_idempotent('''\
        from openai import OpenAI
        from openai.types import CreateEmbeddingResponse

        client = OpenAI()


        def embed(texts) -> CreateEmbeddingResponse:
            return client.embeddings.create(model="text-embedding-3-small", input=texts)


        def cached(texts, cache) -> CreateEmbeddingResponse:
            if texts in cache:
                return cache[texts]
            return client.embeddings.create(model="text-embedding-3-small", input=texts)
        ''')
    assert "def embed(texts) -> EmbeddingResponse:" in code, code
    assert "from mistralai.client.models import EmbeddingResponse" in code, code
    assert "def cached(texts, cache) -> CreateEmbeddingResponse:" in code, code


def test_the_vectors_todo_names_the_modules_whose_embeddings_stay_on_openai() -> None:
    """Held-out review 46, C7 (egovagent): ingest.py's embeddings stayed on OpenAI (ada-002, 1536) while search.py's
    moved to mistral-embed (1024) over the same Pinecone index; the "re-embed stored vectors" TODO could not be
    followed and named neither file. It names the modules whose embeddings stay."""
    from mechanics import convert_files

    out = convert_files({
        "ingest.py": "import openai\n\n\ndef ingest(texts):\n"
                     "    r = openai.Embedding.create(input=texts, model='text-embedding-ada-002')\n"
                     "    return [d['embedding'] for j, d in enumerate(r['data'])]\n",
        "search.py": "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef search(q):\n"
                     "    return client.embeddings.create(input=[q], model='text-embedding-ada-002').data[0].embedding\n",
    })
    assert "embeddings in ingest.py stay on OpenAI: where both fill or query the same vector store, the vectors will " \
           "not match: move them together" in out["search.py"], out["search.py"]


def test_a_mock_embedding_of_openai_size_gets_no_vector_size_todo() -> None:
    """Held-out review 47, F8 (a dry-run cost estimator): llama_index's ``MockEmbedding(embed_dim=1536)`` got the
    "1536: the size of OpenAI's vectors ... size the vector column" TODO; a stand-in stores no vectors."""
    from mechanics import convert_files

    out = convert_files({
        "rag.py": "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef embed(t):\n"
                  "    return client.embeddings.create(model='text-embedding-3-small', input=t).data[0].embedding\n",
        "dry.py": "from llama_index.core import MockEmbedding\n\n\ndef run_dry():\n"
                  "    return MockEmbedding(embed_dim=1536)\n",
        "store.py": "EMBEDDING_DIM = 1536\n"})
    assert "TODO" not in out["dry.py"], out["dry.py"]
    assert "client.embeddings.create(" in out["rag.py"] and "mistral-embed" in out["rag.py"], out["rag.py"]


def test_a_faiss_index_size_and_a_parameter_default_of_openai_size_get_the_size_todo() -> None:
    """Held-out review 48, H3 (genai-fastapi-chatbot): ``faiss.IndexFlatL2(1536)`` and ``def __init__(self,
    dim=1536)`` got no MIG107 note (constants, pgvector columns and DDL did): the upload failed once the vectors came
    back 1024 wide. ``max_tokens=1536`` is still no vector size."""
    from mechanics import convert_files

    out = convert_files({
        "emb.py": "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef embed(t):\n"
                  "    return client.embeddings.create(model='text-embedding-3-small', input=t).data[0].embedding\n",
        "store.py": "import faiss\n\nINDEX = faiss.IndexFlatL2(1536)\n\n\nclass VectorStore:\n"
                    "    def __init__(self, dim=1536, max_tokens=1536):\n        self.index = faiss.IndexFlatL2(dim)\n"})
    store = out["store.py"]
    assert store.count("TODO(migrator MIG107): 1536") == 2, store
    assert "# TODO(migrator MIG107): 1536" in store.split("INDEX =")[0], store
    assert "    # TODO(migrator MIG107): 1536" in store.split("def __init__")[0], store


def test_another_apps_kept_embeddings_do_not_take_this_apps_index_size_todo() -> None:
    """Held-out review 104, X4 (AI-For-Future): search/store.py's `def __init__(self, dim=1536)` faiss index holds the
    vectors of search/embed.py, which converted, but docchat/ (another app, its own requirements.txt) keeps an
    OpenAIEmbeddings: "not every embeddings call converts" was decided tree-wide and the index got no TODO (converting
    search/ alone gave it). Each project decides for its own modules."""
    from mechanics import convert_files

    out = convert_files({
        "docchat/requirements.txt": "streamlit\nlangchain-openai\n",
        "docchat/app.py": ("import streamlit as st\nfrom langchain_openai import OpenAIEmbeddings\n\n"
                           "st.session_state.embeddings = OpenAIEmbeddings(dimensions=256)\n"),
        "search/requirements.txt": "openai\nfaiss-cpu\n",
        "search/app.py": "from embed import embed\nfrom store import VectorStore\n\nVectorStore().add(embed('hi'))\n",
        "search/embed.py": ("from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef embed(text):\n"
                            "    return client.embeddings.create(model='text-embedding-3-small', input=text)"
                            ".data[0].embedding\n"),
        "search/store.py": ("import faiss\nimport numpy as np\n\n\nclass VectorStore:\n"
                            "    def __init__(self, dim=1536):\n        self.index = faiss.IndexFlatL2(dim)\n\n"
                            "    def add(self, vector):\n        self.index.add(np.array([vector], dtype='float32'))\n"),
    })
    assert "OpenAIEmbeddings(dimensions=256)" in out["docchat/app.py"], out["docchat/app.py"]
    assert "TODO(migrator MIG107): 1536" in out["search/store.py"], out["search/store.py"]


def test_token_ids_reaching_an_input_parameter_from_its_callers_keep_the_client():
    """The OpenAI cookbook's long-input embedding (held-out review 56, W2): token ids reach
    ``get_embedding``'s parameter from a truncation helper, or from a loop over a chunking generator; Mistral
    embeds text only (``EmbeddingRequest(inputs=[1, 2, 3])`` is a ValidationError), so the call stays, with the
    reason. A parameter that only ever receives text still converts."""
    from mechanics import convert_idempotent

    cookbook = '''\
        import tiktoken
        from itertools import islice
        from openai import OpenAI
        client = OpenAI()
        def get_embedding(text, model="text-embedding-3-small"):
            return client.embeddings.create(input=text, model=model).data[0].embedding
        def batched(iterable, n):
            it = iter(iterable)
            while (batch := tuple(islice(it, n))):
                yield batch
        def chunked_tokens(text, chunk_length=8191):
            encoding = tiktoken.get_encoding("cl100k_base")
            tokens = encoding.encode(text)
            chunks_iterator = batched(tokens, chunk_length)
            yield from chunks_iterator
        def len_safe_get_embedding(text):
            chunk_embeddings = []
            for chunk in chunked_tokens(text):
                chunk_embeddings.append(get_embedding(chunk))
            return chunk_embeddings
        '''
    code, todos = convert_idempotent(cookbook)
    assert "client = OpenAI()" in code, code
    assert any("input=text may hold token ids (get_embedding() is called with chunked_tokens(...), which gives "
               "encoding.encode(text))" in t for t in todos), todos

    truncated = '''\
        import tiktoken
        from openai import OpenAI
        client = OpenAI()
        def get_embedding(text):
            return client.embeddings.create(input=text, model="text-embedding-3-small").data[0].embedding
        def truncate_text_tokens(text, max_tokens=8191):
            return tiktoken.get_encoding("cl100k_base").encode(text)[:max_tokens]
        def embed_long(text):
            truncated = truncate_text_tokens(text)
            return get_embedding(truncated)
        '''
    code, todos = convert_idempotent(truncated)
    assert "client = OpenAI()" in code and any("truncate_text_tokens(...), which gives" in t for t in todos), todos

    named, todos = convert_idempotent('''\
        from openai import OpenAI
        client = OpenAI()
        def get_embedding(text_or_tokens):
            return client.embeddings.create(input=text_or_tokens, model="text-embedding-3-small")
        ''')
    assert "client = OpenAI()" in named and any("its name, text_or_tokens, says tokens" in t for t in todos), todos

    text_only, todos = convert_idempotent(truncated.replace("get_embedding(truncated)", "get_embedding(text)"))
    assert "client = Mistral(" in text_only and "inputs=text" in text_only, text_only


def test_a_constructor_default_model_also_read_by_a_dimension_table_is_named():
    """Held-out review 57, Y8 (SkillMCP-Agent): `def __init__(self, model="text-embedding-3-small")`, read by
    `self.MODEL_DIMENSIONS.get(model, 1536)` too, stays (mapping it would miss the table); the call's TODO names the
    default and that reader instead of "computed at run time"."""
    from mechanics import convert_idempotent

    code, todos = convert_idempotent('''\
        from openai import OpenAI

        class Embedder:
            MODEL_DIMENSIONS = {"text-embedding-3-small": 1536}

            def __init__(self, model: str = "text-embedding-3-small"):
                self.model = model
                self._dimension = self.MODEL_DIMENSIONS.get(model, 1536)
                self._client = OpenAI()

            def embed(self, texts):
                return [d.embedding for d in self._client.embeddings.create(model=self.model, input=texts).data]

        embedder = Embedder()
        ''')
    assert any(t.startswith("model=self.model comes from the default 'text-embedding-3-small' of Embedder(model=...)")
               and "also read by self.MODEL_DIMENSIONS.get(...)" in t for t in todos), todos


def test_a_split_of_embeddings_within_one_module_is_said_and_a_kept_calls_size_is_not() -> None:
    """Held-out review 64, Y3 / Y10: one module's documents stayed on OpenAI (a base64 call keeps their client) while
    its queries moved to mistral-embed, and only a split across two files was said; the kept call's dimensions=256
    got the converted vectors' size TODO."""
    from mechanics import convert_idempotent

    source = (
        "from openai import AsyncOpenAI, OpenAI\n\nclient = OpenAI()\naclient = AsyncOpenAI()\n\n\n"
        "def embed_documents(texts):\n"
        "    r = client.embeddings.create(model='text-embedding-3-small', input=texts, encoding_format='base64')\n"
        "    return [d.embedding for d in r.data]\n\n\n"
        "def embed_small(texts):\n"
        "    return client.embeddings.create(model='text-embedding-3-small', input=texts, dimensions=256)\n\n\n"
        "async def embed_query(text):\n"
        "    r = await aclient.embeddings.create(model='text-embedding-3-small', input=text)\n"
        "    return r.data[0].embedding\n")
    code, todos = convert_idempotent(source)
    assert "await aclient.embeddings.create_async(model=" in code and "client = OpenAI()" in code
    assert any("other embeddings calls of this module stay on OpenAI: where both fill or query the same vector "
               "store, the vectors will not match: move them together" in t for t in todos), todos
    assert not any(t.startswith("256:") for t in todos), todos


@pytest.mark.parametrize("config, model", [
    ({}, None),
    ({"model_map": {"text-embedding-3-small": "codestral-embed"}}, "codestral-embed"),
    ({"target": "openai-compatible", "provider": "scaleway"}, "bge-multilingual-gemma2"),
    ({"target": "openai-compatible", "provider": "vllm"}, "the target's embedding model"),
])
def test_an_index_size_todo_names_the_model_the_calls_now_use(config, model) -> None:
    """Held-out review 64, X5: the vector index's size TODO said "mistral-embed: 1024 dimensions" whatever model the
    converted calls were given (Scaleway's bge model, an unknown vLLM one, codestral-embed by --model)."""
    from mechanics import convert_files

    out = convert_files({
        "embed.py": "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef embed(texts):\n"
                    "    return client.embeddings.create(model='text-embedding-3-small', input=texts)\n",
        "store.py": "import pinecone\n\npc = pinecone.Pinecone()\npc.create_index(name='docs', dimension=1536)\n",
    }, **config)
    if model is None:
        assert "(mistral-embed: 1024 dimensions): size the vector column / index for them" in out["store.py"]
    else:
        assert f"the converted embeddings calls now use {model}: check the size it returns" in out["store.py"], \
            out["store.py"]


@pytest.mark.parametrize("given, expected", [
    ('os.getenv("EMBED_MODEL", "text-embedding-3-small")', 'os.getenv("EMBED_MODEL", "mistral-embed")'),
    ('os.environ.get("EMBED_MODEL") or "text-embedding-3-large"', 'os.environ.get("EMBED_MODEL") or "mistral-embed"'),
])
def test_an_environment_default_as_the_model_is_mapped_with_a_todo(given, expected) -> None:
    """Held-out review 76, X2: the chat rule maps `model=os.getenv("CHAT_MODEL", "gpt-4.1-mini")`'s default, this one
    left `os.getenv("EMBED_MODEL", "text-embedding-3-small")` as it was: Mistral got the OpenAI name wherever the
    variable is unset. The default is mapped; the deployed value gets the TODO; a second run changes nothing."""
    code, findings = convert(f"""
        import os

        def embed(texts):
            return client.embeddings.create(model={given}, input=texts).data
    """)
    assert f"client.embeddings.create(model={expected}, inputs=texts)" in code, code
    assert todos(findings)[0] == ("model name from the environment (EMBED_MODEL): its default is now 'mistral-embed', "
                                  "but a deployed value may still name an OpenAI model: make sure it names a Mistral "
                                  "embedding model"), todos(findings)
    again = transform_source(code, config=Config())
    assert again.code == code


def test_an_embedder_s_size_returned_by_a_property_gets_the_size_todo() -> None:
    """Held-out review 76, Y1: embedbase's embedder states its size as `@property def dimensions(self): return 1536`
    (an index's column is made from it), while its embed() converted to mistral-embed (1024): no TODO, and the summary
    said nothing needed flagging. A function whose name says a vector size returning OpenAI's gets the TODO; one
    returning a token limit does not."""
    from mechanics import convert_idempotent

    code, todos = convert_idempotent('''\
        from openai import OpenAI

        client = OpenAI()


        class OpenAIEmbedder:
            @property
            def dimensions(self) -> int:
                return 1536

            def max_tokens(self) -> int:
                return 3072

            def embed(self, texts):
                return [d.embedding for d in client.embeddings.create(input=texts, model="text-embedding-3-small").data]
        ''')
    assert "        # TODO(migrator MIG107): 1536: the size of OpenAI's" in code.split("def dimensions")[1], code
    assert "TODO" not in code.split("def max_tokens")[1].split("def embed")[0], code


def test_a_data_file_of_vectors_read_where_the_embeddings_convert_is_named() -> None:
    """Held-out review 77, X1 (orientation-chatbot): faq_embedded.json held 1536-d ada-002 vectors, read with
    json.load and compared with np.dot to the converted 1024-d queries; nothing was said, and the summary read "no
    module here stores vectors". A data file without vectors (an FAQ's text) is not named."""
    from mechanics import convert_files

    app = ('import json\n\nfrom openai import OpenAI\n\nclient = OpenAI()\n\nwith open("faq_embedded.json", '
           'encoding="utf-8") as f:\n    faq = json.load(f)["faq"]\nwith open("faq.json") as f:\n    texts = json.load(f)'
           '\n\n\ndef embed(text):\n    return client.embeddings.create(model="text-embedding-3-small", input=text).data'
           '[0].embedding\n')
    vector = ", ".join(f"{0.001 * i:.4f}" for i in range(1536))
    out = convert_files({"main.py": app, "faq_embedded.json": '{"faq": [{"q": "hi", "embedding": [' + vector + ']}]}',
                         "faq.json": '{"faq": [{"q": "hi", "a": "hello"}]}'})
    said = [line.strip() for line in out["main.py"].splitlines() if "TODO(migrator" in line]
    assert said[0] == ("# TODO(migrator MIG107): faq_embedded.json exists in this tree: the vectors stored there came "
                       "from OpenAI embeddings, which the converted ones cannot query (other size and space): delete "
                       "it and rebuild it with the Mistral embeddings"), said
    assert out["main.py"].index(said[0]) < out["main.py"].index('with open("faq_embedded.json"')
    # (the call's own "re-embed stored vectors" TODO would say it again: held-out review 86, Y8)
    assert len(said) == 1, said


def test_a_data_file_of_vectors_read_by_a_module_importing_the_converted_helper_is_named() -> None:
    """Held-out review 78, X1 (flaskchatbot): app.py read the CSV of 1536-d vectors and compared them with what
    utils/embeddings_utils.get_embedding (converted) returns; the TODO was said only where the call itself sat. A
    module that imports no converted embeddings is not told."""
    from mechanics import convert_files

    helper = ('from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef get_embedding(text):\n'
              '    return client.embeddings.create(input=[text], model="text-embedding-3-small").data[0].embedding\n')
    app = ('import pandas as pd\n\nfrom utils.embeddings_utils import get_embedding\n\n'
           'df = pd.read_csv("data/faq.csv", sep=";")\n\n\ndef ask(q):\n    return get_embedding(q)\n')
    other = 'import pandas as pd\n\nfrom openai import OpenAI\n\ndf = pd.read_csv("data/faq.csv", sep=";")\n'
    vector = ", ".join(f"{0.001 * i:.4f}" for i in range(80))
    out = convert_files({"utils/__init__.py": "", "utils/embeddings_utils.py": helper, "app.py": app,
                         "other.py": other, "data/faq.csv": f'q;embedding\nhi;"[{vector}]"\n'})
    assert out["app.py"].startswith("import pandas as pd\n\nfrom utils.embeddings_utils import get_embedding\n\n"
                                    "# TODO(migrator MIG107): data/faq.csv exists in this tree: the vectors stored "
                                    "there came from OpenAI embeddings"), out["app.py"]
    assert "TODO" not in out["other.py"]


def test_an_embedding_model_default_counts_under_the_embeddings_rule():
    """Held-out review 87, X9: a module with only an embeddings call reported "MIG102 converted 1" for its parameter's
    default 'text-embedding-3-small' -> 'mistral-embed': it counts under MIG107."""
    from migrator.config import Config
    from migrator.engine.transform import transform_source

    outcome = transform_source(textwrap.dedent('''\
        from openai import OpenAI

        client = OpenAI()


        def get_embedding(text, model="text-embedding-3-small"):
            return client.embeddings.create(input=[text], model=model).data[0].embedding
        '''), config=Config(), filename="embed.py")
    mapped = [f for f in outcome.findings if "-> 'mistral-embed'" in f.message]
    assert [f.rule for f in mapped] == ["MIG107"], outcome.findings


def test_no_nothing_flagged_step_beside_a_flagged_index_size() -> None:
    """Held-out review 90, X12 (rag-gpt): the summary said "no module here stores vectors ... nothing was flagged for
    re-embedding" in the run that flagged the FAISS index's 3072 for re-embedding."""
    import tempfile
    from pathlib import Path

    from migrator.engine import Mode, run

    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "config.py").write_text("VECTOR_DIM = 3072\n")
        (Path(tmp) / "store.py").write_text(
            "import faiss\nfrom openai import OpenAI\n\nfrom config import VECTOR_DIM\n\nclient = OpenAI()\n"
            "index = faiss.IndexFlatL2(VECTOR_DIM)\n\n\ndef add(t):\n"
            "    v = client.embeddings.create(model='text-embedding-3-large', input=t).data[0].embedding\n"
            "    index.add(v)\n")
        report = run([tmp], mode=Mode.CHECK, jobs=1, progress=False)
    assert any("3072: the size of OpenAI's" in f.message for r in report.results for f in getattr(r, "findings", ()))
    steps = [step for result in report.results for finding in getattr(result, "findings", ())
             for step in finding.steps]
    assert not [s for s in steps if "nothing was flagged for re-embedding" in s], steps


def test_two_openai_models_that_become_one_are_said_to() -> None:
    """Held-out review 93, Y9 (Mockaj/laws_rag): embed_small (text-embedding-3-small) and embed_large
    (text-embedding-3-large) both became mistral-embed, one TODO for the module: a notebook scoring against the store
    built with the large model got no word. The call whose model joins another's says so."""
    code, findings = convert("""
        def embed_small(t):
            return client.embeddings.create(model="text-embedding-3-small", input=t).data[0].embedding


        def embed_large(t):
            return client.embeddings.create(model="text-embedding-3-large", input=t).data[0].embedding


        def embed_again(t):
            return client.embeddings.create(model="text-embedding-3-small", input=t).data[0].embedding
    """)
    merged = [t for t in todos(findings) if "both become" in t]
    assert merged == ["text-embedding-3-large here and text-embedding-3-small above both become mistral-embed: the two "
                      "models are one now, and the vectors stored with either must be re-embedded"], todos(findings)


def test_an_annotated_kwargs_dict_is_built_as_a_plain_one() -> None:
    """Held-out review 95, X5 (suaps-brain's /chat and /search): `kwargs: Dict[str, Any] = {...}` splatted into the
    call kept the client on OpenAI, "kwargs is also used outside the call and its build steps" (its annotated target
    taken for a use); the plain form converted. Both convert, embeddings and chat alike."""
    from mechanics import convert_idempotent

    code, todos = convert_idempotent(
        "from typing import Any, Dict\nfrom openai import OpenAI\n\nclient = OpenAI()\n\n\ndef embed(text: str):\n"
        "    kwargs: Dict[str, Any] = {\"model\": \"text-embedding-3-small\", \"input\": text}\n"
        "    er = client.embeddings.create(**kwargs)\n    return er.data[0].embedding\n\n\ndef ask(q: str):\n"
        "    params: dict = {\"model\": \"gpt-4o-mini\", \"messages\": [{\"role\": \"user\", \"content\": q}]}\n"
        "    params[\"max_tokens\"] = 64\n    return client.chat.completions.create(**params).choices[0].message"
        ".content\n")
    assert 'kwargs: Dict[str, Any] = {"model": "mistral-embed", "inputs": text}' in code, code
    assert 'params: dict = {"model": "mistral-small-latest", "messages":' in code and "client.chat.complete(**params)" \
        in code and "Mistral(" in code, code
    assert not any("outside the call" in t for t in todos), todos


def test_a_converted_writer_in_a_plain_directory_is_told_of_kept_query_embeddings() -> None:
    """Held-out review 95, X4 (suaps-brain): ingest/pipeline.py (a directory without __init__.py, the app run from the
    root, whose requirements.txt holds the project) converted its Pinecone writer to mistral-embed, and was not told
    that router/'s query embeddings stayed on OpenAI: "the project" stopped at ingest/. The manifest's directory is the
    project: the split is said at the writer."""
    from mechanics import convert_files

    files = {"requirements.txt": "openai\n",
             "ingest/write.py": "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef vec(text):\n"
                                "    return client.embeddings.create(model=\"text-embedding-3-small\", input=text)"
                                ".data[0].embedding\n",
             "router/search.py": "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef query(text):\n"
                                 "    client.images.generate(model=\"dall-e-3\", prompt=text)\n"
                                 "    return client.embeddings.create(model=\"text-embedding-3-small\", input=text)"
                                 ".data[0].embedding\n"}
    out = convert_files(files)
    assert "embeddings in ../router/search.py stay on OpenAI" in out["ingest/write.py"], out["ingest/write.py"]


@pytest.mark.parametrize("model", ["text-similarity-davinci-001", "text-search-ada-doc-001",
                                   "code-search-babbage-code-001"])
def test_openai_first_generation_embedding_models_map_to_mistral_embed(model) -> None:
    """Held-out review 95, Y8 (openaiapidemo): `openai.Embedding.create(input=[...],
    engine="text-similarity-davinci-001")` became a Mistral call sending that name, under "no Mistral model is known"
    and "embeddings now come from a Mistral model": OpenAI's first embedding models map to mistral-embed as
    text-embedding-* do."""
    from migrator.mapping.models import map_model

    assert map_model(model) == "mistral-embed"


def test_an_embedding_models_env_default_set_apart_asks_for_an_embedding_model():
    """Held-out review 98, X6 (rag-chroma-openai): `EMBEDDING_MODEL = os.getenv("EMBEDDING_MODEL",
    "text-embedding-3-small")` read by a converted embeddings call: its default became mistral-embed under "make sure
    it names a Mistral model", which a chat model would satisfy."""
    from mechanics import convert_files

    out = convert_files({"app.py": (
        "import os\nimport openai\n\nEMBEDDING_MODEL = os.getenv('EMBEDDING_MODEL', 'text-embedding-3-small')\n\n\n"
        "def embed(text):\n    return openai.embeddings.create(model=EMBEDDING_MODEL, input=text).data\n")})
    code = out["app.py"]
    assert "EMBEDDING_MODEL = os.getenv('EMBEDDING_MODEL', 'mistral-embed')" in code, code
    assert "(EMBEDDING_MODEL): its default is now 'mistral-embed'" in code and \
        "make sure it names a Mistral embedding model" in code, code


def test_a_tests_mock_vectors_of_openais_size_get_no_todo():
    """Held-out review 99, X7 (nodo-documentos): `mock_encoder.embed.return_value = [0.1] * 1536` and
    `assert_called_once_with(embedding=[0.1] * 1536)` in tests got the "size the vector column / index" TODO (6 of the
    repository's 13): test doubles reach no store. A fallback vector in the app keeps it."""
    from mechanics import convert_files

    encoder = ("from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef embed(text):\n"
               "    return client.embeddings.create(model='text-embedding-3-small', input=text).data[0].embedding\n")
    test = ("from unittest.mock import MagicMock\n\n\ndef test_search():\n    encoder = MagicMock()\n"
            "    encoder.embed.return_value = [0.1] * 1536\n    db = MagicMock()\n    db.search([0.1] * 1536)\n"
            "    db.search.assert_called_once_with(embedding=[0.1] * 1536)\n")
    fallback = "from encoder import embed\n\n\ndef safe(text):\n    try:\n        return embed(text)\n" \
               "    except Exception:\n        return [0.0] * 1536\n"
    out = convert_files({"encoder.py": encoder, "tests/__init__.py": "", "tests/test_search.py": test,
                         "safe.py": fallback})
    assert "TODO" not in out["tests/test_search.py"], out["tests/test_search.py"]
    assert "MIG107" in out["safe.py"], out["safe.py"]


def test_per_request_timeout_and_headers_convert_on_embeddings_calls() -> None:
    """Held-out review 111, X4 (Document-Q-A-AI-Backend): `embeddings.create(..., timeout=20)` (or extra_headers=) kept
    the whole client on OpenAI ("unknown keyword"), while the same keywords convert on chat calls: timeout= becomes
    timeout_ms= (seconds -> milliseconds), extra_headers= http_headers=."""
    code, findings = convert("""
        T = 30


        def embed(text):
            a = client.embeddings.create(model="text-embedding-3-small", input=text, timeout=20,
                                         extra_headers={"x-app": "a"})
            b = client.embeddings.create(model="text-embedding-3-small", input=text, timeout=T)
            return a, b
    """)
    assert 'inputs=text, timeout_ms=20000,' in code and 'http_headers={"x-app": "a"})' in code, code
    assert "timeout_ms=None if T is None else int(T * 1000)" in code, code
    assert "client = Mistral(" in code, code


def test_a_module_level_settings_dict_splatted_into_embeddings_is_kept_not_a_crash() -> None:
    """Held-out review 120, X1 (gpt4-discord): `client.embeddings.create(input=texts, **SETTINGS)`, SETTINGS a
    module-level dict: the rule raised UnboundLocalError ('uses'), the file failed and `scan` crashed. It keeps the
    call with its TODO."""
    from mechanics import convert_snippet

    code, todos = convert_snippet('''\
        from openai import OpenAI

        SETTINGS = {"model": "text-embedding-3-large", "dimensions": 3072}
        client = OpenAI()


        def embed(texts):
            responses = client.embeddings.create(input=texts, **SETTINGS).data
            return [r.embedding for r in responses]
        ''')
    assert "**SETTINGS" in code and any("SETTINGS is built at the module's top level" in t for t in todos), \
        (code, todos)


def test_batches_sized_for_openai_get_the_batch_size_todo() -> None:
    """Held-out review 121, X2 (viewstats): `batch = texts[i:i + BATCH_SIZE]`, BATCH_SIZE = 1000 (sized for OpenAI's
    2048 inputs), converted with no word, while the unbatched call got the 16k-token TODO. A batch of 100 inputs or
    more says it; a small one does not."""
    from mechanics import convert_snippet

    source = \
        "from openai import OpenAI\n\nclient = OpenAI()\nBATCH_SIZE = 1000\n\n\ndef embed_all(texts):\n    out = []\n" \
        "    for i in range(0, len(texts), BATCH_SIZE):\n        batch = texts[i:i + BATCH_SIZE]\n" \
        "        response = client.embeddings.create(input=batch, model=\"text-embedding-3-small\")\n" \
        "        out.extend(d.embedding for d in response.data)\n    return out\n"
    _, todos = convert_snippet(source)
    assert any(t.startswith("inputs=batch: batches of 1000 inputs, sized for OpenAI's limits") and
               "under about 16 tokens" in t for t in todos), todos
    _, todos = convert_snippet(source.replace("BATCH_SIZE = 1000", "BATCH_SIZE = 32"))
    assert not any("batches of" in t for t in todos), todos


@pytest.mark.parametrize("default", ["100", "BATCH_SIZE"])
def test_a_batch_sized_by_a_parameter_default_gets_the_batch_size_todo(default: str) -> None:
    """Held-out review 154, X2 (rag-fastapi-system): `def embed_batch(texts, batch_size: int = 100)` then
    `texts[i:i + batch_size]` converted with no word, while a module constant of 100 got the batch TODO. The
    parameter's default sizes the batch where the function never rebinds it; a small one says nothing."""
    from mechanics import convert_snippet

    source = ("from openai import OpenAI\n\nclient = OpenAI()\nBATCH_SIZE = 100\n\n\n"
              f"def embed_batch(texts: list[str], batch_size: int = {default}) -> list:\n    out = []\n"
              "    for i in range(0, len(texts), batch_size):\n        batch = texts[i:i + batch_size]\n"
              "        resp = client.embeddings.create(model=\"text-embedding-3-small\", input=batch)\n"
              "        out.extend(d.embedding for d in resp.data)\n    return out\n")
    _, todos = convert_snippet(source)
    assert any(t.startswith("inputs=batch: batches of 100 inputs, sized for OpenAI's limits") for t in todos), todos
    _, todos = convert_snippet(source.replace("100", "16"))
    assert not any("batches of" in t for t in todos), todos
    _, todos = convert_snippet(source.replace("    out = []\n", "    out = []\n    batch_size = min(batch_size, 8)\n"))
    assert not any("batches of" in t for t in todos), todos


def test_a_dataframe_column_embedded_whole_or_in_array_split_batches_gets_the_batch_todo() -> None:
    """Held-out review 133, Y3 (llm-model-interaction's Pinecone scripts): `for batch in np.array_split(df, len(df) /
    100): texts = batch["text"].tolist()` sent 100 rows (about 22k tokens) as one request, with no TODO; a whole
    column's `.tolist()` neither."""
    from mechanics import convert_snippet

    source = ("import numpy as np\nimport pandas as pd\nfrom openai import OpenAI\n\nclient = OpenAI()\n"
              "df = pd.read_csv(\"squad.csv\")\n\nfor batch in np.array_split(df, len(df) / 100):\n"
              "    texts = batch[\"text\"].tolist()\n"
              "    response = client.embeddings.create(input=texts, model=\"text-embedding-3-small\")\n")
    _, todos = convert_snippet(source)
    assert any(t.startswith("inputs=texts: batches of 100 inputs") for t in todos), todos
    _, todos = convert_snippet(source.replace("len(df) / 100", "len(df) / 10"))
    assert not any("batches of" in t or "16k" in t for t in todos), todos
    whole = ("import pandas as pd\nfrom openai import OpenAI\n\nclient = OpenAI()\ndf = pd.read_csv(\"x.csv\")\n"
             "texts = df[\"text\"].tolist()\n"
             "vectors = client.embeddings.create(input=texts, model=\"text-embedding-3-small\").data\n")
    _, todos = convert_snippet(whole)
    assert any(t.startswith("inputs=texts: one Mistral embeddings request takes about 16k tokens") for t in todos), todos


def test_a_parameter_named_as_a_batch_gets_the_batch_size_todo() -> None:
    """Held-out review 134, Y1 (vector-embedding-api): `def generate(text_batch)` embedded the whole list a request
    posted (100 lines a time) as one Mistral request, with no TODO: the name said "batch", so it was taken as sized."""
    from mechanics import convert_snippet

    _, todos = convert_snippet('''\
        from openai import OpenAI

        client = OpenAI()


        def generate(text_batch):
            response = client.embeddings.create(input=text_batch, model="text-embedding-ada-002")
            return [d.embedding for d in response.data]
        ''')
    assert any(t.startswith("inputs=text_batch: one Mistral embeddings request takes about 16k tokens") and
               "make sure the batches this function is handed stay under it" in t for t in todos), todos


def test_held_out_140_a_splatted_request_dicts_model_constant_is_mapped_though_the_dict_is_logged() -> None:
    """Held-out review 140, X4 (personal-ai-assistant): `request_data = {"model": model, "input": [text]}` splatted
    into embeddings.create and handed to a log helper kept the module's model (text-embedding-3-small), with a TODO
    quoting the dict's old 'input' key; Mistral refused the OpenAI model. Handed on to anything else, it stays."""
    from mechanics import convert_snippet

    source = '''\
        from openai import OpenAI

        client = OpenAI()
        model = "text-embedding-3-small"


        def log_request(endpoint, data):
            print(endpoint, data)


        def get_embedding(text):
            request_data = {"model": model, "input": [text]}
            response = client.embeddings.create(**request_data)
            log_request("embeddings", request_data)
            return response.data[0].embedding
        '''
    code, todos = convert_snippet(source)
    assert 'model = "mistral-embed"' in code and '{"model": model, "inputs": [text]}' in code, code
    assert not any("also read by" in t for t in todos), todos
    code, todos = convert_snippet(source.replace("    print(endpoint, data)", "    STORE.append(data)"))
    assert 'model = "text-embedding-3-small"' in code and todos, (code, todos)


def test_held_out_142_an_index_built_for_an_azure_query_side_stays_with_it() -> None:
    """Held-out review 142, Y1 (userPersonaApplication): build_index.py's v0 Embedding.create wrote index.json and
    converted to mistral-embed; app.py reads index.json and embeds its queries on an Azure deployment (kept): the
    distance of 1536- and 1024-dimension vectors raised. The index side stays, naming the query side."""
    from mechanics import convert_files

    out = convert_files({
        "build_index.py": "import json\n\nimport openai\n\ndata = [\"refund policy\", \"shipping times\"]\n"
                          "rows = [openai.Embedding.create(input=t, model=\"text-embedding-ada-002\")[\"data\"][0]"
                          "[\"embedding\"] for t in data]\nwith open(\"index.json\", \"w\") as f:\n"
                          "    json.dump(rows, f)\n",
        "app.py": "import json\n\nimport openai\nfrom openai.embeddings_utils import get_embedding\n\n"
                  "openai.api_type = \"azure\"\nopenai.api_base = \"https://example.openai.azure.com/\"\n\n"
                  "rows = json.load(open(\"index.json\"))\n\n\ndef nearest(question):\n"
                  "    return get_embedding(text=question, engine=\"my-ada-deployment\"), rows\n"})
    assert "openai.Embedding.create(input=t" in out["build_index.py"], out["build_index.py"]
    assert "its vectors go to index.json, which app.py also reads" in out["build_index.py"], out["build_index.py"]


def test_held_out_145_a_logged_parameter_forwarded_down_to_the_call_maps_the_clis_default() -> None:
    """Held-out review 145, X2 (swayclarkeii/AI_Agency_Sprint): `--model` (argparse default "text-embedding-3-small")
    handed down process_file -> embed_texts -> generate_embedding -> embeddings.create; the parameters' defaults became
    "mistral-embed" and the CLI's did not, because embed_texts also printed the model: every run sent OpenAI's model
    name to Mistral (and the except stored zero vectors). A log line is no reader: the option's default is mapped."""
    from mechanics import convert_idempotent

    code, todos = convert_idempotent('''\
        import argparse
        from openai import OpenAI

        client = OpenAI()


        def generate_embedding(text: str, model: str = "text-embedding-3-small"):
            return client.embeddings.create(model=model, input=text).data[0].embedding


        def embed_texts(texts, model: str = "text-embedding-3-small"):
            print(f"embedding with {model}")
            return [generate_embedding(t, model) for t in texts]


        def process_file(path, embedding_model: str = "text-embedding-3-small"):
            return embed_texts([open(path).read()], model=embedding_model)


        if __name__ == "__main__":
            ap = argparse.ArgumentParser()
            ap.add_argument("--model", default="text-embedding-3-small")
            args = ap.parse_args()
            print(process_file("a.txt", embedding_model=args.model))
        ''')
    assert 'ap.add_argument("--model", default="mistral-embed")' in code, code
    assert code.count('"mistral-embed"') == 4 and "text-embedding-3-small" not in code, code
    assert not any("computed at run time" in t for t in todos), todos


@pytest.mark.parametrize("setting", ["os.getenv('EMBEDDING_MODEL', 'text-embedding-3-large')",
                                     "'text-embedding-3-large'"])
def test_held_out_156_a_self_model_setting_a_tokenizer_also_reads_is_named_at_the_call(setting: str) -> None:
    """Held-out review 156, X2: `self.embedding_model = os.getenv('EMBEDDING_MODEL', 'text-embedding-3-large')`, also
    read by tiktoken.encoding_for_model, so left as it is: the call's TODO said "computed at run time", hiding the
    OpenAI default it sends. It names the setting, its default and the Mistral model to make it."""
    from mechanics import convert_idempotent

    _, todos = convert_idempotent(f'''\
        import os
        import tiktoken
        from openai import OpenAI


        class QA:
            def __init__(self):
                self.client = OpenAI()
                self.embedding_model = {setting}
                self.tokenizer = tiktoken.encoding_for_model(self.embedding_model)

            def embed(self, texts):
                r = self.client.embeddings.create(model=self.embedding_model, input=texts)
                return [d.embedding for d in r.data]
        ''')
    [said] = [t for t in todos if t.startswith("model=self.embedding_model")]
    assert "'text-embedding-3-large'" in said and "computed at run time" not in said, said
    if "getenv" in setting:
        assert "is read from EMBEDDING_MODEL" in said and "line 9" in said and "make it 'mistral-embed'" in said, said


def test_a_self_model_setting_of_another_class_is_not_named_at_the_call() -> None:
    """Review of session 86: `model=self.model` in Bot, whose model comes from its base class elsewhere, while an
    unrelated Counter of the module sets `self.model = os.getenv("TOKENIZER_MODEL", ...)`: the call's TODO named
    Counter's variable (and the env example was told to set TOKENIZER_MODEL to a Mistral model). Only the call's own
    class counts."""
    from mechanics import convert_idempotent

    _, todos = convert_idempotent('''\
        import os
        import tiktoken
        from openai import OpenAI
        from base import Base


        class Counter:
            def __init__(self):
                self.model = os.getenv("TOKENIZER_MODEL", "text-embedding-3-small")
                self.enc = tiktoken.encoding_for_model(self.model)


        class Bot(Base):
            def __init__(self):
                self.client = OpenAI()

            def embed(self, texts):
                return self.client.embeddings.create(model=self.model, input=texts).data
        ''')
    assert not any("TOKENIZER_MODEL" in t for t in todos), todos


def test_held_out_163_the_re_embed_todo_is_said_once_whatever_the_model_is_called():
    """Held-out review 163, Y5 (openai-cheat-sheet): a call with model="text-embedding-3-small" ("mistral-embed") and
    one with model=EMBEDDING_MODEL ("a Mistral model") each got the "re-embed stored vectors ... (said once per
    module)" TODO in one notebook."""
    from mechanics import convert_snippet

    _, todos = convert_snippet('''\
        import json
        from openai import OpenAI

        client = OpenAI()
        EMBEDDING_MODEL = "text-embedding-3-small"
        a = client.embeddings.create(input="a", model="text-embedding-3-small").data[0].embedding
        b = client.embeddings.create(input="b", model=EMBEDDING_MODEL).data[0].embedding
        json.dump([a, b], open("vectors.json", "w"))
        print(EMBEDDING_MODEL)
        ''')
    assert sum("re-embed stored vectors" in t for t in todos) == 1, todos


def test_held_out_164_a_neo4j_vector_index_of_openais_size_gets_a_todo():
    """Held-out review 164, Y1 (ririse02): `CALL db.index.vector.createNodeIndex(..., 'embedding', 1536, 'cosine')`
    beside converted embeddings: no TODO at the 1536 (vector(1536) and dimension=1536 had one); Neo4j does not index
    vectors of another length, and the memory search found nothing."""
    from mechanics import convert_snippet

    _, todos = convert_snippet('''\
        from neo4j import GraphDatabase
        from openai import OpenAI

        client = OpenAI()
        driver = GraphDatabase.driver("bolt://localhost:7687")


        def create_index(label):
            with driver.session() as session:
                session.run("CALL db.index.vector.createNodeIndex($label, $label, 'embedding', 1536, 'cosine')",
                            label=label)


        def create_named(session, name, label):  # (in an f-string too: review of session 87)
            session.run(f"CALL db.index.vector.createNodeIndex('{name}', '{label}', 'embedding', 3072, 'cosine')")


        def embed(text):
            return client.embeddings.create(input=[text], model="text-embedding-3-small").data[0].embedding
        ''')
    assert any(t.startswith("1536: the size of OpenAI's text-embedding-ada-002 / text-embedding-3-small vectors")
               for t in todos), todos
    assert any(t.startswith("3072: the size of OpenAI's text-embedding-3-large vectors") for t in todos), todos


def test_held_out_165_a_model_read_from_a_dotenv_file_names_its_variable():
    """Held-out review 165, Y2 (Specialty-Router-Design): `config = dotenv_values(".env")`, `model =
    config["EMBEDDING_MODEL"]`, `embeddings.create(model=model)`: "computed at run time"; the variable is named (and
    for a chat model too)."""
    from mechanics import convert_snippet

    _, todos = convert_snippet('''\
        from dotenv import dotenv_values
        from openai import OpenAI

        config = dotenv_values(".env")
        model = config["EMBEDDING_MODEL"]
        chat_model = config.get("CHAT_MODEL")
        client = OpenAI()


        def embed(text):
            return client.embeddings.create(input=[text], model=model).data[0].embedding


        def ask(q):
            return client.chat.completions.create(model=chat_model, messages=[]).choices[0].message.content
        ''')
    assert any(t.startswith("model=model is read from the environment (EMBEDDING_MODEL): make sure EMBEDDING_MODEL "
                            "holds a Mistral embedding model") for t in todos), todos
    assert any(t.startswith("model=chat_model is read from the environment (CHAT_MODEL)") for t in todos), todos


@pytest.mark.parametrize("reader", ["pinecone.Index(INDEX_NAME).query([xq], top_k=5)",
                                    "qdrant.search(collection_name=INDEX_NAME, query_vector=xq)"])
def test_held_out_163_an_index_a_kept_reader_queries_keeps_its_writer(reader: str) -> None:
    """Held-out review 163, Y2 (Wyatt-SG/embeddings-example): scripts/populate_index.py's v0 Embedding.create
    converted to mistral-embed and filled the Pinecone index "my-gpt"; app.py, querying that index, stayed on OpenAI
    (its `openai` is config.py's re-export, which migrator does not follow): the split was written, with a TODO saying
    so, and every query raised on the dimension. The writer stays with the reader, naming the index."""
    from mechanics import convert_files

    config = ("import os\nimport openai\nimport pinecone\n\nopenai.api_key = os.environ.get(\"OPENAI_KEY\")\n\n"
              "EMBEDDING_MODEL = \"text-embedding-ada-002\"\nINDEX_NAME = \"my-gpt\"\n")
    writer = ("import openai\nimport pinecone\n\nINDEX_NAME = \"my-gpt\"\n\n\ndef populate_index(lines):\n"
              "    res = openai.Embedding.create(input=lines, engine=\"text-embedding-ada-002\")\n"
              "    embeds = [record[\"embedding\"] for record in res[\"data\"]]\n"
              "    pinecone.Index(INDEX_NAME).upsert(vectors=list(zip(map(str, range(len(lines))), embeds)))\n")
    app = ("from config import openai, pinecone, qdrant, EMBEDDING_MODEL, INDEX_NAME\n\n\ndef search(prompt):\n"
           "    xq = openai.Embedding.create(input=prompt, engine=EMBEDDING_MODEL)[\"data\"][0][\"embedding\"]\n"
           f"    return {reader}\n")
    out = convert_files({"config.py": config, "app.py": app, "scripts/populate_index.py": writer,
                         "requirements.txt": "openai<1\npinecone-client\n"})
    assert "openai.Embedding.create(input=lines" in out["scripts/populate_index.py"], out["scripts/populate_index.py"]
    assert "its vectors go to the vector store 'my-gpt', which ../app.py also uses" in \
        out["scripts/populate_index.py"], out["scripts/populate_index.py"]
    # another index: the writer converts (the split TODO stays the only word)
    out = convert_files({"config.py": config, "app.py": app, "requirements.txt": "openai<1\npinecone-client\n",
                         "scripts/populate_index.py": writer.replace('"my-gpt"', '"other"')})
    assert "mistral_client.embeddings.create(inputs=lines" in out["scripts/populate_index.py"], \
        out["scripts/populate_index.py"]
    # (review of session 88: a database's collection of that name, in modules naming no vector store, is no index)
    database = {"config.py": config.replace("import pinecone\n", "import pymongo\n"),
                "app.py": "from config import openai, db, INDEX_NAME\n\n\ndef search(prompt):\n"
                          "    xq = openai.Embedding.create(input=prompt, engine=\"text-embedding-ada-002\")\n"
                          "    return db.get_collection(INDEX_NAME).find_one({}), xq\n",
                "scripts/populate_index.py": writer.replace("import pinecone\n", "import json\n").replace(
                    "    pinecone.Index(INDEX_NAME).upsert(vectors=list(zip(map(str, range(len(lines))), embeds)))\n",
                    "    db.get_collection(INDEX_NAME).insert_one({})\n"
                    "    json.dump(embeds, open(\"e.json\", \"w\"))\n"),
                "requirements.txt": "openai<1\npymongo\n"}
    out = convert_files(database)
    assert "mistral_client.embeddings.create(inputs=lines" in out["scripts/populate_index.py"], \
        out["scripts/populate_index.py"]


def test_held_out_169_an_untraced_embeddings_call_where_every_client_converts_stays_on_nothing() -> None:
    """Held-out review 169, Y3 (suaps-brain): every OpenAI client converted and openai left the requirements, and the
    converted embeddings' TODOs said "embeddings in debug_selftest.py stay on OpenAI ... move them together" of a
    helper's call on a client parameter migrator could not trace. No module stays on OpenAI: nothing of the kind is
    said (the helper's own TODO tells of its client)."""
    from mechanics import convert_files

    out = convert_files({
        "search.py": "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef embed(t):\n"
                     "    return client.embeddings.create(model='text-embedding-3-small', input=t).data[0].embedding\n",
        "selftest.py": "from openai import OpenAI\n\n\ndef selftest_embed():\n    oai = OpenAI()\n"
                       "    return oai.embeddings.create(model='text-embedding-3-small', input='x')"
                       ".data[0].embedding\n\n\n"
                       "def _embedding_dim(client, model):\n"
                       "    return len(client.embeddings.create(model=model, input='x').data[0].embedding)\n"})
    assert "stay on OpenAI" not in out["search.py"] + out["selftest.py"], out
    assert "migrator cannot tell which client it holds" in out["selftest.py"], out["selftest.py"]
