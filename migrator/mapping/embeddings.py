"""Embeddings: ``client.embeddings.create`` (openai 3.x) -> ``client.embeddings.create`` (mistralai 3.7).

api-mapping.md §8, checked against the installed SDKs:

* openai: ``create(*, input, model, dimensions, encoding_format, user, extra_headers, extra_query,
  extra_body, timeout)`` -> ``CreateEmbeddingResponse`` (``.data[i].embedding``, ``.model``,
  ``.usage.prompt_tokens`` / ``.total_tokens``). With no ``encoding_format`` the SDK asks for base64
  and decodes it: the caller sees floats.
* mistralai: ``create(*, model, inputs, metadata, output_dimension, output_dtype, encoding_format,
  retries, server_url, timeout_ms, http_headers)`` -> ``EmbeddingResponse`` with the same reads
  (``.data[i].embedding``, ``.model``, ``.usage.prompt_tokens`` / ``.total_tokens``); floats by default.
  ``inputs`` is the Python keyword only: the wire key stays ``"input"``.

One table per use: ``EMBEDDING_KWARGS`` for the codemod (SDK keywords), ``EMBEDDING_PARAMS`` for the
parity harness (wire keys).
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Mapping, Optional

# OpenAI's embeddings response class -> Mistral's (mistralai.client.models), for the return annotation of a
# function returning a converted call (held-out review 42, U2; chat's are migrator.mapping.chat.RESPONSE_TYPES)
RESPONSE_TYPES = MappingProxyType({
    "openai.types.CreateEmbeddingResponse": "EmbeddingResponse",
    "openai.types.create_embedding_response.CreateEmbeddingResponse": "EmbeddingResponse",
})

# Mistral models that take output_dimension (api-mapping.md §12.3: codestral-embed; mistral-embed is
# fixed at 1024 dimensions).
DIMENSION_MODELS = ("codestral-embed",)
MISTRAL_EMBED_DIMENSIONS = 1024
MISTRAL_EMBED_MODEL = "mistral-embed"  # where text-embedding-* maps (models.py), and the Mistral wrappers' default

# SDK keyword -> (Mistral keyword or None to drop, note). A keyword missing here has no rule: the
# call is left as it is (and its client with it).
EMBEDDING_KWARGS: Mapping[str, tuple[Optional[str], str]] = MappingProxyType({
    "input": ("inputs", "the wire key stays input; strings or lists of strings (not token arrays)"),
    "model": ("model", "mapped by the model table (text-embedding-* -> mistral-embed)"),
    "dimensions": ("output_dimension", "only codestral-embed takes output_dimension"),
    "encoding_format": ("encoding_format", "float is kept; base64 returns strings Mistral's response "
                                           "model does not take"),
    "user": (None, "an end-user id for OpenAI's abuse monitoring: nothing to send"),
    # per-request options, as a chat call's (held-out review 111, X4: either kept the whole client on OpenAI)
    "timeout": ("timeout_ms", "seconds -> milliseconds, as a chat call's timeout="),
    "extra_headers": ("http_headers", "the same headers, under mistralai's name"),
})

# Wire key -> Mistral wire key, or None to drop (the parity harness translates request bodies).
EMBEDDING_PARAMS: Mapping[str, Optional[str]] = MappingProxyType({
    "model": "model", "input": "input", "dimensions": "output_dimension",
    "encoding_format": "encoding_format", "user": None,
})

METHOD = "embeddings.create"
ASYNC_METHOD = "embeddings.create_async"


# A parameter annotation that lets token ids through (``List[int]``, ``List[List[int]]``): Mistral embeds text only.
TOKEN_ANNOTATION = re.compile(r"(?i)(list|sequence|iterable)\[\s*int\s*\]")
# A parameter whose name says it carries token ids (the OpenAI cookbook's ``text_or_tokens``), not a budget.
TOKEN_PARAMETER = re.compile(r"(?i)(?<![a-z])tokens?(?![a-z])|token_?ids")
# Calls that keep token ids token ids: ``list(tokens)``, ``batched(tokens, n)``, ``islice(tokens, n)``.
TOKEN_CARRIERS = frozenset({"list", "tuple", "iter", "batched", "islice", "chunked"})


# A tokenizer's methods that return token ids (tiktoken's encode / encode_batch / encode_ordinary, a
# tokenizer's tokenize; a bare encode(text) of the app's own): input= of them is token ids, not text.
TOKENIZER_METHODS = frozenset({"encode", "encode_batch", "encode_ordinary", "tokenize"})
TOKENIZER_FUNCTIONS = frozenset({"encode", "tokenize"})


def token_array(value: object) -> bool:
    """A literal ``input`` of token ids (``[1, 2]`` or ``[[1, 2]]``): Mistral embeds text only."""
    if isinstance(value, (list, tuple)) and value:
        first = value[0]
        return isinstance(first, int) or (isinstance(first, (list, tuple)) and bool(first)
                                          and isinstance(first[0], int))
    return False

# The TODO at each converted embedding model (MIG107 calls, MIG116 / MIG121 objects): stored vectors
# from an OpenAI model do not mix with the new ones.
VECTORS_TODO = ("embeddings now come from {model}, not an OpenAI model: re-embed stored vectors and check the "
                "vector index's dimension before mixing old and new ones")


# Embeddings that only drive LangChain's SemanticChunker (held-out review 36, K8: "re-embed stored vectors" was
# said where no vector is stored).
CHUNKER_TODO = ("these embeddings only decide where SemanticChunker cuts the text: {model} measures distances "
                "otherwise, so the chunks (and the breakpoint threshold that suited OpenAI's) change; re-chunk and "
                "re-ingest the documents, and check breakpoint_threshold_amount")


def chunker_todo(model: str) -> str:
    return CHUNKER_TODO.format(model=model)


# What lets embedding vectors outlive the process that computed them, anywhere in the tree: a vector database or any
# database / storage client, a store persisted to disk, a file or cache written, a web framework (an API may hand them
# to callers that store them). Where no module of the tree names one, the vectors are computed and used in the same
# run (an in-memory FAISS index, a one-off similarity) and nothing stored needs re-embedding: MIG107 / MIG116 / MIG121
# leave the re-embed TODO out and the summary says the check once (held-out review 64, Y5: 22 TODOs a reviewer would
# delete in a repository of LangChain scripts). Read as text, so a mention anywhere keeps the TODO.
VECTOR_PERSISTENCE = re.compile(
    r"(?i)\b(?:chromadb|qdrant\w*|pinecone|weaviate|pymilvus|milvus\w*|lancedb|pgvector|psycopg\w*|asyncpg|"
    r"sqlalchemy|sqlmodel|sqlite\w*|peewee|tortoise|redis\w*|elasticsearch|opensearch\w*|pymongo|motor|mongo\w*|"
    r"supabase|duckdb|deeplake|docarray|typesense|cassandra|astrapy|astradb\w*|vecs|tinydb|shelve|h5py|zarr|"
    r"firebase_admin|firestore|boto3|s3fs|azure\.(?:search|storage|cosmos)|google\.cloud|diskcache|"
    r"LocalFileStore|CacheBackedEmbeddings|PGVector|Neo4j\w*|neo4j|turbopuffer|vespa|marqo|usearch|hnswlib|annoy|"
    r"save_local|write_index|persist\w*|StorageContext|pickle|joblib|savez?|savetxt|tofile|to_parquet|to_csv|"
    # LangChain's database stores (langchain_pinecone's PineconeVectorStore) and indexes read back from disk
    # (FAISS.load_local): vectors made earlier (held-out review 70, Y2: "no module here stores vectors")
    r"langchain_(?:pinecone|chroma|qdrant|milvus|weaviate|mongodb|postgres|elasticsearch|redis|astradb)|"
    r"load_local|read_index|load_index_from_storage|"
    # vectors read back from a file the app wrote earlier (`np.load("doc_vectors.npy")`, a CSV column parsed with
    # literal_eval): held-out review 102, Y1, the first query against them raised, and "no module here stores vectors"
    r"np\.load|numpy\.load|loadtxt|read_parquet|read_pickle|literal_eval|"
    r"to_pickle|to_json|to_feather|to_sql|json\.dumps?|write_text|write_bytes|"
    # a Django model's rows written through its manager, the models imported from the app (held-out review 151, X1: an
    # ingest task's `Chunk.objects.bulk_create(...)` of pgvector rows was not seen as storing vectors)
    r"bulk_create|objects\.(?:create|update_or_create|get_or_create)|"
    r"fastapi|flask|django|starlette|aiohttp|sanic|litestar|quart|tornado|grpc|falcon|bottle)\b"
    r"|\bopen\([^)\n]*['\"](?:w|a|x)[bt+]*['\"]")

# ... and what searches stored vectors (a module reading an index another one wrote): with VECTOR_PERSISTENCE, what
# makes two modules' embeddings one vector space (migrator.plan.decide._keep_shared_vector_spaces)
VECTOR_SEARCH = re.compile(r"\b(?:faiss|read_index|load_local|load_index_from_storage|similarity_search\w*|"
                           r"as_retriever|query_points|search_points)\b")

EPHEMERAL_VECTORS_STEP = ("embeddings now come from {model}: no module here stores vectors (no vector database, file "
                          "or cache write was seen), so nothing was flagged for re-embedding; vectors computed with "
                          "OpenAI and kept anywhere else must be re-embedded before they are mixed with the new ones")


def vectors_persist(sources) -> bool:
    """Does any of ``sources`` (texts) name a way for vectors to outlive the run (VECTOR_PERSISTENCE)?"""
    return any(VECTOR_PERSISTENCE.search(text) for text in sources)


# Other libraries' OpenAI embedders the plan keeps (migrator.mapping.client.FOREIGN_OPENAI): the keyword naming their
# model, and the model they use without it. An SDK embeddings call with that model in the same project shares their
# vector space (held-out review 66, X1: a Chroma collection filled through the SDK and queried through
# OpenAIEmbeddingFunction).
FOREIGN_EMBEDDERS: Mapping[str, tuple[str, str]] = MappingProxyType({
    "chromadb.utils.embedding_functions.OpenAIEmbeddingFunction": ("model_name", "text-embedding-ada-002"),
    "haystack.components.embedders.OpenAITextEmbedder": ("model", "text-embedding-ada-002"),
    "haystack.components.embedders.OpenAIDocumentEmbedder": ("model", "text-embedding-ada-002"),
})


def vectors_todo(model: str) -> str:
    shown = f"{model} ({MISTRAL_EMBED_DIMENSIONS} dimensions)" if model == MISTRAL_EMBED_MODEL else model
    return VECTORS_TODO.format(model=shown)


# One Mistral embeddings request takes about 16k tokens, all inputs together ("Too many tokens in batch. Max is 16384";
# langchain-mistralai batches at 16,000), where OpenAI's takes 300k tokens / 2048 inputs: a list of a document set's
# chunks embedded in one call fails (held-out review 85, X1). Said where the input is a list built or named as one
# (`[c["content"] for c in chunks]`, `texts`), not where the code already slices it (`texts[i:i + 100]`, `batch`).
BATCH_TOKEN_TODO = ("inputs={inputs}: one Mistral embeddings request takes about 16k tokens, all inputs together "
                    "(OpenAI's takes 300k tokens, 2048 inputs), and a larger one fails (HTTP 400, too many tokens): "
                    "where it can hold more (a whole document set), embed it in batches")
# ... a parameter named as a batch (`def generate(text_batch)`): its callers size it
BATCH_PARAMETER_TODO = ("inputs={inputs}: one Mistral embeddings request takes about 16k tokens, all inputs together "
                        "(OpenAI's takes 300k tokens, 2048 inputs), and a larger one fails (HTTP 400, too many tokens): "
                        "make sure the batches this function is handed stay under it")
BATCH_NAME_WORDS = ("batch", "chunk_group", "page")
BATCH_TOKEN_LIMIT = 16_000  # (under the 16384 the API states: the figure a LARGE_BATCH_TODO divides by its batch size)
# a batch this many inputs large (`texts[i:i + 100]`) was sized for OpenAI's 2048 inputs / 300k tokens
LARGE_BATCH = 100
LARGE_BATCH_TODO = ("inputs={inputs}: batches of {size} inputs, sized for OpenAI's limits (2048 inputs, 300k tokens); "
                    "one Mistral embeddings request takes about 16k tokens, all inputs together (HTTP 400 past it): "
                    "lower the batch size unless every input is under about {tokens} tokens")


# The sizes of OpenAI's embedding vectors: where a module whose embeddings convert writes one as a
# vector's length (a pgvector column, an index, EMBEDDING_DIM), MIG107 leaves a TODO there.
# An OpenAI embedding model the plan maps through the run's model map to learn where the converted embeddings go
# (migrator.plan.decide._embedding_target: --model, a provider's map)
OPENAI_EMBEDDING_MODEL = "text-embedding-3-small"
# the sizes text-embedding-3 models return when no dimensions= is asked (OpenAI's embeddings guide): asking for it
# asks nothing of them (held-out review 128, X8)
OPENAI_NATIVE_DIMENSIONS: Mapping[str, int] = MappingProxyType({"text-embedding-3-small": 1536,
                                                                "text-embedding-3-large": 3072})
OPENAI_EMBEDDING_SIZES: Mapping[int, str] = MappingProxyType({
    1536: "text-embedding-ada-002 / text-embedding-3-small", 3072: "text-embedding-3-large"})
# A number is a vector's length when the name, keyword or dict key it is written to says so ...
VECTOR_SIZE_WORDS = ("dim", "size", "embed", "vector", "length")
# ... and, in a module without an embeddings call, the words that still say so (`chunk_size=1536` does not)
VECTOR_STORE_WORDS = ("dim", "vector", "embed")
# ... or, in a string, when it is SQL's vector(1536) or follows "dimension".
# `vector(1536)` (pgvector), `dim=1536`, `FLOAT[1536]` (sqlite-vec, DuckDB arrays: held-out review 43, X1)
# ... and Neo4j's `CALL db.index.vector.createNodeIndex(name, label, 'embedding', 1536, 'cosine')` (held-out review
# 164, Y1: the index kept OpenAI's size, and its searches found nothing)
VECTOR_SIZE_TEXT = re.compile(r"(?i)(?:(?:halfvec|vector)\s*\(\s*|dim\w*\W{0,4}|float(?:32)?\s*\[\s*|"
                              r"create(?:Node|Relationship)Index\s*\([^)]*?,\s*)("
                              + "|".join(map(str, OPENAI_EMBEDDING_SIZES)) + r")(?![\w.])")
# ... in a SQL file (a schema, a migration: VECTOR_SIZE_TEXT's matches, pgvector's halfvec(3072) too: held-out
# review 83, X2), said in "Before you deploy"; {line}: "line 9: 1536" or "lines 9: 1536, 10: 3072"
SQL_SIZE_STEP = ("{path} ({line}) sizes {columns} for OpenAI's {models} vectors; the "
                 "converted embeddings return {vectors}: add a migration resizing {them} (and {its}), then "
                 "re-embed the stored rows")
# ... in a Neo4j script (`db.index.vector.createNodeIndex(..., 1536, ...)`, `vector.dimensions`; held-out review 167,
# Y4)
CYPHER_SIZE_STEP = ("{path} ({line}) creates {columns} sized for OpenAI's {models} vectors; the converted embeddings "
                    "return {vectors}: drop and create {them} again sized for them, then re-embed the stored "
                    "vectors")
# ... in a JSON file (a search index's definition the app uploads: `"dims": 1536`; held-out review 112, Y4, Couchbase's
# FTS/index.json, read on the main path, while only the inline fallback got the TODO)
JSON_VECTOR_SIZE = re.compile(r'"(?:dims?|dimensions?|vector_size|embedding_dim\w*|numDimensions)"\s*:\s*('
                              + "|".join(map(str, OPENAI_EMBEDDING_SIZES)) + r")(?![\w.])")
JSON_SIZE_STEP = ("{path} ({line}) sizes {columns} for OpenAI's {models} vectors; the converted embeddings return "
                  "{vectors}: set {them} to their size and recreate {its}, then re-embed the stored documents")
EMBEDDING_SIZE_TODO = ("{size}: the size of OpenAI's {models} vectors; the converted embeddings calls return "
                       "Mistral's ({model}: {dims} dimensions): size the vector column / index for them, "
                       "and re-embed")


# A size written beside another embedder's name (`VECTOR_SIZE = 3072  # gemini-embedding-001`, under `if PROVIDER ==
# "gemini":`), or in a module that builds another embedder and names no OpenAI, is that embedder's: no TODO (held-out
# review 84, X5: a Gemini 3072 was told it was text-embedding-3-large's)
OTHER_EMBEDDER_MARKERS = ("gemini", "google", "vertex", "cohere", "voyage", "titan", "bedrock", "nomic", "bge-",
                          "bge_", "jina", "ollama", "huggingface", "sentence_transformers", "sentence-transformers",
                          "sentencetransformer", "minilm", "mxbai", "fastembed")
OPENAI_EMBEDDER_MARKERS = ("openai", "text-embedding-3", "ada-002", "ada_002")


def names_another_embedder(text: str) -> bool:
    """Does ``text`` name another provider's embedder, and no OpenAI one?"""
    lowered = text.lower()
    return any(m in lowered for m in OTHER_EMBEDDER_MARKERS) and not any(m in lowered for m in OPENAI_EMBEDDER_MARKERS)


# A vector size other than OpenAI's full ones, written where a name or keyword says "dim"
# (DIMENSIONS_TO_KEEP = 512, dimension=256): the application shortens OpenAI's text-embedding-3 vectors,
# which are trained to be cut; mistral-embed's are not.
SHORTENED_SIZE_TODO = ("{size}: a vector size other than {model}'s {dims}: if the code cuts the converted "
                       "embeddings to it, note that {model} vectors are not made to be shortened (OpenAI's "
                       "text-embedding-3 are): keep {dims}, or use codestral-embed with output_dimension={size}")
SHORTENED_SIZE_RANGE = range(32, 4097)
# ... where the name says both "vector" and "size" (EMBEDDING_SIZE, vector_dim), or "dim" and a cut
# (DIMENSIONS_TO_KEEP, TRUNCATE_DIM): HIDDEN_DIM, MAX_IMAGE_DIM or PCA_DIM say nothing of these vectors.
SHORTENED_VECTOR_WORDS = ("embed", "vector", "vec")
SHORTENED_SIZE_WORDS = ("dim", "size", "len")
SHORTENED_CUT_WORDS = ("keep", "trunc", "cut", "short")


def says_shortened_size(name: str) -> bool:
    words = name.lower()
    return (any(w in words for w in SHORTENED_VECTOR_WORDS) and any(w in words for w in SHORTENED_SIZE_WORDS)) or \
        ("dim" in words and any(w in words for w in SHORTENED_CUT_WORDS)) or words in ("dimension", "dimensions")


def shortened_size_todo(size: int) -> str:
    return SHORTENED_SIZE_TODO.format(size=size, model=MISTRAL_EMBED_MODEL, dims=MISTRAL_EMBED_DIMENSIONS)


# ... where the converted calls go to another model than mistral-embed (--model, an OpenAI-compatible provider), whose
# size migrator does not know (held-out review 64, X5: the TODO named mistral-embed's 1024 for Scaleway's bge model)
EMBEDDING_SIZE_OTHER_TODO = ("{size}: the size of OpenAI's {models} vectors; the converted embeddings calls now use "
                             "{model}: check the size it returns, size the vector column / index for it, and re-embed")


def dropped_size_todo(size: int) -> str:
    """A vector size the converted embeddings calls asked OpenAI for with ``dimensions=`` (dropped: mistral-embed
    takes none), written where an index or column is sized."""
    return (f"{size}: the vector size the converted embeddings calls asked OpenAI for (dimensions={size}, dropped: "
            f"{MISTRAL_EMBED_MODEL} takes none); they now return {MISTRAL_EMBED_DIMENSIONS}-dimension vectors: size "
            "the vector column / index for them, and re-embed")


# ... in a schema migration (an Alembic revision, a Django migration): a database that ran it is not changed by editing
# it (held-out review 117, X5: the TODO said to size the column there)
MIGRATION_SIZE_TODO = ("{size}: the size of OpenAI's {models} vectors, in a schema migration that databases may "
                       "already have run (editing it changes none of them): add a new migration resizing the column / "
                       "index for the converted embeddings' vectors ({model}: {dims} dimensions: {how}), then re-embed "
                       "the stored rows")
MIGRATION_HOW: Mapping[str, str] = MappingProxyType({"alembic": "op.alter_column(..., type_=Vector({dims}))",
                                                     "django": "an AlterField to {dims} dimensions"})


def schema_migration(path: str, source: str) -> str:
    """"alembic" or "django" where the module at ``path`` is an Alembic revision or a Django migration, else ""."""
    parts = path.replace("\\", "/").split("/")[:-1]
    if "versions" in parts and "revision" in source and "alembic" in source:
        return "alembic"
    return "django" if "migrations" in parts and "migrations.Migration" in source else ""


def embedding_size_todo(size: int, model: "str | None" = MISTRAL_EMBED_MODEL, migration: str = "") -> str:
    if migration and model == MISTRAL_EMBED_MODEL:
        return MIGRATION_SIZE_TODO.format(size=size, models=OPENAI_EMBEDDING_SIZES[size], model=MISTRAL_EMBED_MODEL,
                                          dims=MISTRAL_EMBED_DIMENSIONS,
                                          how=MIGRATION_HOW[migration].format(dims=MISTRAL_EMBED_DIMENSIONS))
    if model != MISTRAL_EMBED_MODEL:
        return EMBEDDING_SIZE_OTHER_TODO.format(size=size, models=OPENAI_EMBEDDING_SIZES[size],
                                                model=model or "the target's embedding model")
    return EMBEDDING_SIZE_TODO.format(size=size, models=OPENAI_EMBEDDING_SIZES[size], model=MISTRAL_EMBED_MODEL,
                                      dims=MISTRAL_EMBED_DIMENSIONS)


# A vector store persisted on disk whose directory (or file) the repository holds: its vectors came from OpenAI's
# embeddings, which the converted ones cannot query (other size, other space), and an ingestion script that skips
# the rebuild while the directory exists never replaces them (held-out review 60, Y15: Chroma's db/chroma_db, 1536
# dims, queried with 1024-dim mistral-embed vectors). Where a store is opened: keyword arguments naming its path ...
STORE_PATH_KEYWORDS = ("persist_directory", "persist_dir", "persist_path", "folder_path", "index_path")
# ... and the callees (last dotted part) whose first argument, or ``path=`` / ``uri=``, is one.
STORE_PATH_CALLS = ("load_local", "read_index", "PersistentClient", "QdrantClient", "load_index_from_storage")
STORE_PATH_CALL_KEYWORDS = ("path", "uri")
# ... and the keywords handing the store its embeddings (whose vectors it holds)
STORE_EMBEDDING_KEYWORDS = ("embedding_function", "embedding", "embeddings", "embed_model")
# The checks an ingestion script skips its rebuild with (``if os.path.exists(PERSIST): return``).
STORE_EXISTS_CALLS = ("os.path.exists", "os.path.isdir", "os.path.isfile", "exists", "is_dir", "os.listdir")
# A data file the repository holds, read where the embeddings convert (``json.load(open("faq_embedded.json"))``,
# ``np.load("vectors.npy")``): the callees that read one, by their last dotted part, with the path first (held-out
# review 77, X1: 1536-d vectors in a JSON file met 1024-d queries in np.dot, and nothing was said).
DATA_READ_CALLS = ("open", "load", "loadtxt", "read_csv", "read_json", "read_parquet", "read_pickle", "read_feather")
DATA_TEXT_SUFFIXES = (".json", ".jsonl", ".ndjson", ".csv", ".tsv", ".txt")
DATA_BINARY_SUFFIXES = (".npy", ".npz", ".pkl", ".pickle", ".joblib", ".pt", ".parquet", ".feather", ".h5", ".hdf5")
# A text file holds vectors when it has a run of 64 or more floats in a row (one vector's numbers); a binary one when
# its name says so.
VECTOR_RUN = re.compile(rb"-?\d\.\d+(?:[eE][-+]?\d+)?(?:\s*,\s*-?\d\.\d+(?:[eE][-+]?\d+)?){63}")
VECTOR_FILE_NAME = re.compile(r"(?i)embed|vector|vec(?:s|tors?)?\b|index")


def holds_vectors(path: str, limit: int = 4 << 20) -> bool:
    """Does the data file at ``path`` hold embedding vectors (``VECTOR_RUN`` in its first ``limit`` bytes, or a binary
    file's name)?"""
    import os

    lower = path.lower()
    if lower.endswith(DATA_BINARY_SUFFIXES):
        return VECTOR_FILE_NAME.search(os.path.basename(path)) is not None
    if not lower.endswith(DATA_TEXT_SUFFIXES):
        return False
    try:
        with open(path, "rb") as handle:
            return VECTOR_RUN.search(handle.read(limit)) is not None
    except OSError:
        return False


STORED_VECTORS_TODO = ("{path} exists in this tree: the vectors stored there came from OpenAI embeddings, which the "
                       "converted ones cannot query (other size and space): delete it and rebuild it with the Mistral "
                       "embeddings{skip}")
STORED_VECTORS_SKIP = " (the {check} check here skips the rebuild while it exists)"


def stored_vectors_todo(path: str, check: str = "") -> str:
    return STORED_VECTORS_TODO.format(path=path, skip=STORED_VECTORS_SKIP.format(check=check) if check else "")
