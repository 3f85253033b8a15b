"""The directory walk and the prefilter under ``discover`` and ``migrator scan``'s quick path.

Import-light on purpose (``os`` only; ``migrator.engine.gitignore``, which needs ``re``, is imported
when the first ``.gitignore`` or ``--exclude`` pattern is met): ``migrator scan`` on a tree without
OpenAI usage walks it before anything else is loaded (``migrator.engine.quickscan``), and both it
and ``migrator.engine.discovery`` walk with this one generator, so they see the same files.

Rules: no symlink is followed (each is yielded as ``LINK``, for the caller to explain); ``.gitignore``
files are honoured -- the ones between the enclosing git repository's top and the root, and every
nested one below it -- as are ``--exclude`` globs (gitignore-style, relative to the project root: the
directory of the nearest ``pyproject.toml`` at or above the path given, else that path); the
directories in ``DEFAULT_SKIPPED_DIRS`` and virtualenvs are never entered.
"""

from __future__ import annotations

import codecs
import os
import re
import stat

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (a few ms of a quick scan)
if TYPE_CHECKING:
    from typing import Any, Iterable, Iterator

PYTHON_SUFFIXES = (".py",)

# The kinds of file a walk can yield (``file_kind``). Python modules are what the rules convert; a
# conversion (``migrator convert``) also reads notebooks and the project files that declare the
# dependency on openai or carry its key (dependency manifests, env examples, deploy and CI files).
PYTHON = "python"
NOTEBOOK = "notebook"
REQUIREMENTS = "requirements"  # requirements*.txt / *.in, and files under a requirements/ directory
PYPROJECT = "pyproject"
SETUP_CFG = "setup.cfg"
PIPFILE = "pipfile"
CONDA = "conda"  # a conda environment file (environment.yml): its pip: list is a requirements list
MANIFEST_KINDS = frozenset({REQUIREMENTS, PYPROJECT, SETUP_CFG, PIPFILE, CONDA})  # dependency manifests (and setup.py)
ENV_FILE = "env"  # .env, .env.example, example.env, ...
DEPLOY = "deploy"  # docker-compose / compose files, CI workflows, Dockerfiles, Kubernetes / Helm YAML
PYTHON_ONLY = frozenset({PYTHON})
ALL_KINDS = frozenset({PYTHON, NOTEBOOK, REQUIREMENTS, PYPROJECT, SETUP_CFG, PIPFILE, CONDA, ENV_FILE, DEPLOY})
_YAML = (".yml", ".yaml")


# an example env file without the leading dot, or with a prefix of its own
# `env.example`, `backend.env.example`, `.env_template`, `.env-example`, `env_example` (held-out review 53, Q3)
# (`env_example.txt`, which a README says to copy to .env: held-out review 89, Y12, it was never read)
# (a word between, `env_config_example.txt`: held-out review 94, X8, it kept OPENAI_API_KEY and an OpenAI model)
_ENV_EXAMPLE = re.compile(r"(?:^|\.)\.?env[._-](?:[a-z0-9]+[._-])?(?:example|sample|template|dist|default|tmpl|tpl|"
                          r"skeleton)(?:\.txt)?$|"
                          # (`example_env`, a course's "copy this file to .env": held-out review 175, Y5)
                          r"^(?:example|sample|template)[_-]env(?:\.txt)?$")


_SHORT_REQUIREMENTS = re.compile(r"^reqs?(?:[-_.][\w.-]*)?\.(?:txt|in)$")


def file_kind(path: str) -> str | None:
    """What ``path`` (a file's shown path, ``/``-separated) is to migrator, or None for nothing."""
    directory, _, name = path.replace(os.sep, "/").rpartition("/")
    if name.endswith(PYTHON_SUFFIXES):
        return PYTHON
    if name.endswith(".ipynb"):
        return NOTEBOOK
    lower = name.lower()
    # (requirement.txt too: cloudagent's was never read, held-out review 25, A4)
    # (misspelled too, `requirments.txt`: held-out review 92, Y3, its folder's dependencies went to a sibling's file)
    if lower.endswith((".txt", ".in")) and ("requirement" in lower or "requirment" in lower or
                                            directory.rpartition("/")[2] == "requirements"):
        return REQUIREMENTS
    if _SHORT_REQUIREMENTS.match(lower):
        # `req.txt`, `reqs-dev.txt` (held-out review 138, X4: a Dockerfile's `pip install -r req.txt` was never read,
        # and the package went to a root requirements.txt the image does not install)
        return REQUIREMENTS
    if name == "pyproject.toml":
        return PYPROJECT
    if name == "setup.cfg":
        return SETUP_CFG
    if name == "Pipfile":
        return PIPFILE
    if lower in ("environment.yml", "environment.yaml", "conda.yml", "conda.yaml"):
        return CONDA
    if lower.endswith((".yml", ".yaml")) and (lower.startswith(("environment", "conda", "env.", "env-", "env_")) or
                                              directory.rpartition("/")[2].lower() in _CONDA_DIRS):
        # `environment-dev.yml`, `install/genai.yml` (held-out review 100, Y5: a course's conda file kept
        # langchain-openai, and the install step said no manifest declared the new package)
        return CONDA
    if lower == ".env" or lower.startswith(".env.") or lower.endswith(".env") or lower == ".envrc" or (
            _ENV_EXAMPLE.search(lower)):  # `env.example`, `backend.env.example` (held-out review 21, S-B10)
        return ENV_FILE
    if lower.startswith(".envrc") and any(word in lower for word in _TEMPLATE_WORDS):
        return ENV_FILE  # direnv's templates, `.envrc_template`, `.envrc.example` (held-out review 110, Y4)
    if "secrets" in lower and ".toml" in lower and (directory.rpartition("/")[2] == ".streamlit" or any(
            word in lower for word in ("template", "example", "sample"))):
        # (a template outside .streamlit, `secrets_template.toml`: held-out review 86, X6, it kept OPENAI_API_KEY)
        # Streamlit's secrets (`KEY = "value"` lines; root-level ones are put in the environment): an env file to
        # migrator, `.streamlit/secrets.toml.example` an example of one (held-out review 65, X5), and so is
        # `.streamlit/example_secrets.toml` (held-out review 77, Y3: the template kept OPENAI_API_KEY)
        return ENV_FILE
    if lower == "dockerfile" or lower.startswith("dockerfile.") or lower.endswith(".dockerfile"):
        return DEPLOY
    if lower in ("runtime.txt", ".python-version"):  # the Python a platform (Heroku) or pyenv runs
        return DEPLOY
    if lower in _PLATFORM_FILES:  # a hosting platform's manifest: the app's environment variables
        return DEPLOY
    if lower.endswith(SHELL_SUFFIXES):  # a deploy / run script (`gcloud run ... --set-secrets OPENAI_API_KEY=...`)
        return DEPLOY
    if lower in ("makefile", "gnumakefile") or lower.endswith(".mk"):
        # its recipes run the app with its environment (`@test -n "$$OPENAI_API_KEY"`): read as a script is (held-out
        # review 136, Y4: never read)
        return DEPLOY
    if lower.endswith(INFRA_SUFFIXES):  # Terraform's env blocks, a systemd unit's Environment= (held-out review 110, Y5)
        return DEPLOY
    if lower.endswith(_YAML):
        stem = lower.rsplit(".", 1)[0]
        if stem.startswith(("docker-compose", "compose")) or stem == ".gitlab-ci":
            return DEPLOY
        if directory == ".github/workflows" or directory.endswith("/.github/workflows"):
            return DEPLOY
        if lower in ("action.yml", "action.yaml"):
            # a GitHub Action's metadata: its steps' env (`OPENAI_API_KEY: ${{ inputs.openai-key }}`) and inputs'
            # defaults run the converted script (held-out review 130, X1: never read, every run exited at the key check)
            return DEPLOY
        if set(directory.lower().split("/")) & DEPLOY_DIRS:  # Kubernetes manifests, Helm charts
            return DEPLOY
        if set(re.split(r"[-_.]", stem)) & DEPLOY_NAME_WORDS:  # k8s-deployment.yaml, secrets.example.yaml
            return DEPLOY
    return None


# Hosting platforms' manifests, which set the application's environment (held-out review 3: Render's
# envVars kept OPENAI_API_KEY while the converted code read MISTRAL_API_KEY): Render, App Engine,
# Fly.io, Heroku (app.json), the Serverless Framework, a dev container's remoteEnv / containerEnv, and Koyeb (held-out
# review 61, X17: koyeb.yaml kept OPENAI_API_KEY, never read).
_PLATFORM_FILES = frozenset({"render.yaml", "render.yml", "app.yaml", "app.yml", "fly.toml", "app.json",
                             "serverless.yml", "serverless.yaml", "devcontainer.json", "koyeb.yaml", "koyeb.yml",
                             "cloudbuild.yaml", "cloudbuild.yml"})

# Directories whose YAML files are conda environments (`install/genai.yml`)
_CONDA_DIRS = frozenset({"install", "conda", "envs"})

# Shell scripts, which deploy or run the application with its environment (held-out review 58, Y3: Cloud Run's
# `--set-secrets "OPENAI_API_KEY=..."` in configure_runtime.sh was never read; the converted client got no key).
SHELL_SUFFIXES = (".sh", ".bash")
# files that hand the deployed app its environment in a language migrator does not edit (a TODO only, as a script's)
INFRA_SUFFIXES = (".tf", ".service")

# Directories whose YAML deploys the application (its environment variables and secrets).
DEPLOY_DIRS = frozenset({"k8s", "kubernetes", "kube", "helm", "charts", "deploy", "deployment", "manifests"})

# Words of a YAML file's name that say it deploys the application wherever it is (held-out review 61, Y18: Kubernetes
# manifests at the repository root, k8s-deployment.yaml and secrets.example.yaml, were never read).
DEPLOY_NAME_WORDS = frozenset({"k8s", "kube", "kubernetes", "deployment", "deploy", "secret", "secrets", "configmap",
                               "statefulset", "cronjob", "daemonset", "pod", "manifest", "helm"})

# Directory names that never hold the application's own code.
DEFAULT_SKIPPED_DIRS = frozenset(
    {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "site-packages", "__pycache__", ".tox",
     ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".ipynb_checkpoints",  # Jupyter autosave copies
     ".ipynb_aml_checkpoints"}  # ... Azure ML Studio's (held-out review 119, Y2: one was the run's only conversion)
)

# What ``walk`` yields, as (kind, shown path, detail):
FILE = "file"  # detail: the real path to read (symlinked directories above it resolved)
LINK = "link"  # detail: the symlink's path, to explain why it is not followed
UNLISTABLE = "unlistable"  # a directory that cannot be listed; detail: the OSError
# a Python module or notebook --exclude leaves out (itself, or a directory above it); detail: its real path. It is not
# converted, but if it uses openai, the project files keep what it needs (held-out review 64, X1)
EXCLUDED = "excluded"
# a Python module or notebook a .gitignore matches, outside a git work tree (an archive of a repository): git may track
# it (held-out review 90, Y2: a tracked codeconverter.py was left silently, and its openai pin removed); detail: its
# real path. Not converted; the project files keep what it needs, as for EXCLUDED
IGNORED = "ignored"
# ignored directories of built copies, not walked for ignored modules to report
_BUILT_DIRS = frozenset({"build", "dist", ".eggs", "htmlcov", "wheels"})
# what names an env file a template (project_files._EXAMPLE_WORDS)
_TEMPLATE_WORDS = ("example", "sample", "template", "dist", "default", "tmpl", "tpl", "skeleton")


_OPENAI = b"openai"
# A module can use a client built elsewhere without naming openai (`from app.llm import client`).
_CHAT = b"chat.completions"
# ... or another of its surfaces, OpenAI's by name: a moderation, or a call naming an OpenAI model that is no chat
# model (held-out review 54, R6: a helper taking the client as a parameter; migrator.plan.build._openai_only_call),
# a batch's completion_window= or an image model (held-out review 55, T3)
_OTHER_SURFACE = re.compile(rb"\.moderations\.create\(|\bcompletion_window\s*=|[\"'](?:whisper-1|text-embedding-|tts-1|"
                            rb"gpt-4o(?:-mini)?-(?:transcribe|tts)|omni-moderation-|text-moderation-|dall-e-|gpt-image-)")


# A manifest may name only the LlamaIndex bundle, which installs its OpenAI integrations (MIG121).
_LLAMA_INDEX_BUNDLE = b"llama-index"


# Text with a UTF-16 / UTF-32 byte order mark (what `pip freeze > requirements.txt` writes in Windows
# PowerShell 5): the codec that reads it after its BOM, and that BOM. UTF-32 first (its LE BOM starts
# with UTF-16's).
WIDE_BOMS = {"utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE,
             "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}


# An import from the OpenAI Agents SDK (openai-agents: `from agents import Agent, Runner`), whose agents run on
# OpenAI and read OPENAI_API_KEY without the file naming openai (held-out review 19, Q4): read, for MIG106's TODO
# (after a UTF-8 BOM on the first line, or as a notebook's JSON source line `"from agents import ...`: re-review 50, J6)
_AGENTS_SDK_IMPORT = re.compile(rb"^(?:\xef\xbb\xbf)?[ \t]*\"?from[ \t]+agents(?:\.[\w.]+)?[ \t]+import\b", re.MULTILINE)


# An import of marvin, whose AI functions run on OpenAI and read OPENAI_API_KEY without the file naming openai (held-out
# review 102, Y3): read, for MIG106's TODO
# crewAI's agents run on OpenAI by default (no llm=: gpt-4o-mini, OPENAI_API_KEY), in modules that never name openai
# (held-out review 122, Y2: a crewAI-only project was "Nothing to change"; its MIG106 TODO fires where the module is
# read)
_CREWAI_IMPORT = re.compile(rb"^[ \t]*(?:from|import)[ \t]+crewai\b", re.MULTILINE)
_MARVIN_IMPORT = re.compile(rb"^(?:\xef\xbb\xbf)?[ \t]*\"?(?:from[ \t]+marvin(?:\.[\w.]+)?[ \t]+import|"
                            rb"import[ \t]+marvin)\b", re.MULTILINE)


# A Streamlit page calling an SDK surface on a client it takes from the session state (`st.session_state.client.beta
# .threads.create()`, the client built in another page): read, since the plan follows st.session_state's clients
# across the app's modules (held-out review 123, Y4: the page never names openai, and a converted client would break it)
_SESSION_STATE = b"session_state"
_SDK_SURFACE_CALL = re.compile(rb"\.(?:beta|audio|embeddings|images|files|responses|batches|vector_stores|fine_tuning|"
                               rb"uploads|moderations|models|completions)\.\w+(?:\.\w+)*\(")


def wide_bom(data: bytes) -> str | None:
    """The codec of ``data`` when it starts with a UTF-16 / UTF-32 BOM, else None."""
    return next((name for name, bom in WIDE_BOMS.items() if data.startswith(bom)), None)


def bomless_wide(data: bytes) -> str | None:
    """``"utf-16le"`` / ``"utf-16be"`` for UTF-16 text written without a BOM (an editor's "UTF-16 LE" save of a
    .env.example: held-out review 154, X6, skipped as "no openai reference"): an even length, a NUL in one byte of
    nearly every pair (mostly ASCII text) and in none of the others, and it decodes; else None. Written back as read,
    without a BOM (the codec names are not WIDE_BOMS' keys)."""
    if len(data) < 8 or len(data) % 2 or wide_bom(data) is not None:
        return None
    sample = data[:4096]
    pairs = len(sample) // 2
    first, second = sample[0::2].count(0), sample[1::2].count(0)
    codec = "utf-16le" if second >= 0.7 * pairs and first == 0 else \
        "utf-16be" if first >= 0.7 * pairs and second == 0 else None
    if codec is None:
        return None
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return None
    return codec


# An import of mistralai 1.x / 0.x (``from mistralai import Mistral``): such a module breaks once the
# converted code's mistralai 3.x is installed, so it is read too (migrator.mapping.mistral_versions).
_MISTRAL_OLD_IMPORT = re.compile(
    rb"^[ \t]*(?:from[ \t]+mistralai(?:\.models(?:\.\w+)*|\.utils|\.types|\.async_client|\.exceptions)?[ \t]+import\b"
    rb"|from[ \t]+mistralai\.client[ \t]+import[ \t]+\(?[ \t]*MistralClient\b"
    rb"|(?:from|import)[ \t]+mistralai_(?:azure|gcp)\b"
    rb"|import[ \t]+mistralai(?:\.models|\.utils|\.types)?(?:[ \t]*(?:$|[#;,])|[ \t]+as\b))", re.MULTILINE)


def mentions_openai(data: bytes) -> bool:
    """The prefilter: only files that pass it are read as code (those that mention openai or another of its surfaces,
    those importing an older mistralai or a library running on OpenAI by default, and Streamlit pages calling an SDK
    surface on a session-state client)."""
    wide = wide_bom(data)
    if wide is not None:  # held-out review 3: a UTF-16 requirements.txt was skipped as "no openai reference"
        data = data[len(WIDE_BOMS[wide]):].decode(wide, errors="replace").encode("utf-8")
    elif b"\0" in data[:4096] and (bare := bomless_wide(data)) is not None:
        data = data.decode(bare).encode("utf-8")
    lowered = data.lower()
    return _CHAT in data or _OPENAI in lowered or _LLAMA_INDEX_BUNDLE in lowered or \
        _OTHER_SURFACE.search(data) is not None or (
        b"mistralai" in data and _MISTRAL_OLD_IMPORT.search(data) is not None) or (
        b"from agents" in data and _AGENTS_SDK_IMPORT.search(data) is not None) or (
        b"marvin" in data and _MARVIN_IMPORT.search(data) is not None) or (
        b"crewai" in data and _CREWAI_IMPORT.search(data) is not None) or (
        _SESSION_STATE in data and _SDK_SURFACE_CALL.search(data) is not None)


_OPENAI_VECTOR_SIZE = re.compile(rb"(?<![\w.])(?:1536|3072)(?![\w.])")


# LangChain's callers of a "provider:model" string: migrator.mapping.client.LANGCHAIN_MODEL_STRING_CALLERS, written out
# here (importing migrator.mapping would cost a quick scan ~60 ms); tests/test_engine_files.py checks the two agree
_MODEL_STRING_CALLER = re.compile(rb"\b(?:init_chat_model|init_embeddings|create_agent|create_react_agent|"
                                  rb"create_llm_as_judge|create_async_llm_as_judge|create_deep_agent)\s*\(")


# A LlamaIndex module building or loading an index, or setting its global models: an index on LlamaIndex's defaults
# embeds and answers with OpenAI without naming openai (held-out review 61, Y19: the Streamlit app queried with OpenAI
# embeddings the store the converted ingestion filled with Mistral's, silently)
_LLAMA_INDEX_DEFAULTS = re.compile(rb"\b(?:VectorStoreIndex|SummaryIndex|KnowledgeGraphIndex|PropertyGraphIndex|"
                                   rb"TreeIndex|from_documents|load_index_from_storage|from_vector_store|"
                                   rb"load_indices_from_storage|load_graph_from_storage)\b|"
                                   rb"\bSettings\.(?:embed_model|llm)\b|\bset_global_service_context\b")


# An OpenAI model name written as a string (`litellm.completion(model="gpt-4o-mini")`: LiteLLM calls OpenAI with it;
# held-out review 63, X3)
_OPENAI_MODEL_STRING = re.compile(rb"""["'](?:openai/)?(?:gpt-|chatgpt-|text-embedding-|o[134]-|o[134]["'])""")


# LiteLLM's calls (`from litellm import completion`, `litellm.acompletion(`): their model may be an OpenAI name another
# module holds (an Enum's value; held-out review 173, Y2: both modules were skipped as "no openai reference")
_LITELLM_CALL = re.compile(rb"\b(?:litellm\.)?a?(?:completion|embedding|text_completion)\s*\(")


# An env / deploy file giving a variable a URL or an OpenAI model name (`BASE_URL=https://api.fireworks.ai/...`,
# `LLM_MODEL: gpt-4o-mini`): the code may read it as a client's base_url or a converted call's model (held-out
# reviews 88 X6 and 89 X6: such files, naming no openai, were never read)
_SETTING_VALUE = re.compile(rb"""^[ \t]*(?:export[ \t]+|-[ \t]*)?["']?[A-Za-z_][A-Za-z0-9_]*["']?"""
                            rb"""[ \t]*[:=][ \t]*["']?"""
                            rb"""(?:https?://|gpt-|chatgpt-|o[1-9](?:-|\b)|text-embedding-|whisper-|tts-1|dall-e)""",
                            re.MULTILINE)


# LangChain on its OpenAI defaults without naming openai (held-out review 164, Y2): VectorstoreIndexCreator() embeds
# with OpenAIEmbeddings, load_llm("llm.json") builds the class its file names; its evaluators given no llm judge with
# OpenAI's gpt-4 (held-out review 167, Y1: app/grader.py was skipped as "no openai reference"; the evaluators are
# migrator.mapping.client.LANGCHAIN_JUDGE_CALLS, written out here: tests/test_engine_files.py checks the two agree)
_LANGCHAIN_DEFAULTS = re.compile(rb"\bVectorstoreIndexCreator\s*\(|\bload_llm\s*\(|\bload_evaluators?\s*\(|"
                                 rb"\bLangChainStringEvaluator\s*\(")


# OpenAI's error classes imported from a module of the tree (`from llm import ask, RateLimitError`: re-exported by a
# module whose calls may convert; held-out review 168, X1, the handlers went dead silently)
# (named anywhere: `import llm` then `except llm.RateLimitError`, a backslash-continued import; the plan decides)
_ERROR_CLASS_IMPORT = re.compile(rb"\b(?:RateLimitError|APIConnectionError|APITimeoutError|APIStatusError|APIError|"
                                 rb"AuthenticationError|BadRequestError|OpenAIError|InternalServerError|"
                                 rb"PermissionDeniedError|UnprocessableEntityError|ConflictError)\b")


def read_for_the_plan(kind: str, data: bytes) -> bool:
    """Python code writing one of OpenAI's vector sizes (``pc.create_index(dimension=1536)``), or calling LangChain
    with a model string that may name OpenAI from another module (``create_react_agent(model=AGENT_MODEL)``): read
    even when it never mentions openai, for the plan (held-out review 39, P3: the index script of a RAG app kept
    1536, unflagged; re-review 40, R5: the agent's "openai:..." constant came from settings.py, silent). A notebook
    too, on the same marks (held-out review 87, Y1: one on LlamaIndex's defaults was skipped as "no openai reference",
    where the same cell in a .py got its TODO); its cells are parsed when it is read. An env or deploy file giving a
    variable a URL or an OpenAI model name (_SETTING_VALUE)."""
    if kind == DEPLOY and b"env_file" in data:
        return True  # (the env files it loads configure its services: migrator.engine.runner._compose_env_files)
    if kind in (ENV_FILE, DEPLOY):
        return _SETTING_VALUE.search(data) is not None
    if kind not in (PYTHON, NOTEBOOK) or (
            _OPENAI_VECTOR_SIZE.search(data) is None and _MODEL_STRING_CALLER.search(data) is None and
            not (b"llama_index" in data and _LLAMA_INDEX_DEFAULTS.search(data) is not None) and
            not ((b"langchain" in data or b"langsmith" in data) and _LANGCHAIN_DEFAULTS.search(data) is not None) and
            not (b"litellm" in data and (_OPENAI_MODEL_STRING.search(data) is not None or
                                         _LITELLM_CALL.search(data) is not None)) and
            not (b"Error" in data and _ERROR_CLASS_IMPORT.search(data) is not None)):
        return False
    if kind == NOTEBOOK:
        return True
    import ast  # (here: only for the few files that write those sizes)

    try:  # a file read only for this that does not parse (Python 2) is skipped, never failed (re-review 40, R1)
        ast.parse(data)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return False
    return True


def names_python(kind: str, data: bytes) -> bool:
    """A deploy file that may name the Python it runs (``FROM python:3.9``, ``python-version: 3.9``,
    a runtime.txt's ``python-3.9.18``, a .python-version's ``3.9``): read even when it never
    mentions openai, for MIG114 to check that Python against what the converted code needs."""
    return kind == DEPLOY and (b"python" in data.lower() or data.strip()[:1].isdigit())


# O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def read_regular(path: str, max_file_size: int | None) -> tuple[str, Any, bytes]:
    """``("", stat, data)`` for a regular file within ``max_file_size`` (None or 0: no limit), else
    ``(problem, detail, b"")``: ``"open"`` / ``"read"`` with the OSError, ``"kind"`` / ``"size"``
    with the stat. Never blocks (pipes) and never raises: the callers phrase the problem."""
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError as exc:
        return "open", exc, b""
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return "kind", info, b""
        if max_file_size and info.st_size > max_file_size:
            return "size", info, b""
        return "", info, read_all(fd, info.st_size)
    except OSError as exc:
        return "read", exc, b""
    finally:
        os.close(fd)


def read_all(fd: int, size: int) -> bytes:
    """The file's bytes with plain ``os.read`` calls: half the cost of ``FileIO.readall`` per small
    file, which is most of the prefilter's time on a large tree (``migrator scan``)."""
    chunks = [os.read(fd, size + 1)]
    if len(chunks[0]) <= size:  # a regular file's short read is its end
        return chunks[0]
    while chunks[-1]:  # until end of file: it may have grown (or a read may come up short)
        chunks.append(os.read(fd, max(size + 1 - sum(map(len, chunks)), 1 << 16)))
    return chunks[0] if len(chunks) == 2 else b"".join(chunks)


def display_path(path: str) -> str:
    """Relative to the working directory when below it, else absolute; always with ``/``."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive on Windows
        return absolute.replace(os.sep, "/")
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return absolute.replace(os.sep, "/")
    return relative.replace(os.sep, "/")


def find_pyproject_dir(path: str) -> str | None:
    """The directory of the nearest ``pyproject.toml`` at or above ``path`` (a file's: its own)."""
    directory = os.path.realpath(path)
    if not os.path.isdir(directory):
        directory = os.path.dirname(directory)
    return _nearest(directory, lambda d: os.path.isfile(os.path.join(d, "pyproject.toml")))


def _nearest(directory: str, holds) -> str | None:
    """``directory`` or its nearest ancestor for which ``holds(it)``; None when none does."""
    while True:
        if holds(directory):
            return directory
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


class IgnoreRules:
    """The gitignore specs that apply in one directory, each with that directory's path relative
    to the spec's own directory (``""`` or ``"a/b/"``), so that matching needs no path arithmetic.

    Git's precedence: the deepest file that has an opinion about a path decides, and within one file
    the last matching pattern wins (``GitIgnore.check`` gives us the latter).
    """

    __slots__ = ("specs",)

    def __init__(self, specs: tuple[tuple[Any, str], ...] = ()) -> None:
        self.specs = specs

    def with_file(self, ignore_file: str, prefix: str = "") -> "IgnoreRules":
        try:
            with open(ignore_file, encoding="utf-8", errors="replace") as handle:
                lines = handle.read().splitlines()
        except OSError:
            return self
        if not any(line.strip() and not line.startswith("#") for line in lines):
            return self  # nothing to match: spare the import
        from migrator.engine.gitignore import GitIgnore

        try:
            spec = GitIgnore.from_lines(lines)
        except ValueError:  # like git, drop the lines that are not valid patterns
            spec = GitIgnore.from_lines(line for line in lines if valid_pattern(line))
        return IgnoreRules(self.specs + ((spec, prefix),)) if len(spec) else self

    def descend(self, name: str) -> "IgnoreRules":
        if not self.specs:
            return self
        return IgnoreRules(tuple((spec, f"{prefix}{name}/") for spec, prefix in self.specs))

    def ignored(self, name: str, is_dir: bool) -> bool:
        for spec, prefix in reversed(self.specs):
            verdict = spec.check(f"{prefix}{name}/" if is_dir else f"{prefix}{name}")
            if verdict is not None:
                return verdict
        return False


def valid_pattern(line: str) -> bool:
    from migrator.engine.gitignore import GitIgnore

    return GitIgnore.valid(line)


def compile_excludes(patterns: Iterable[str]) -> Any:
    """The ``--exclude`` patterns as one ``migrator.engine.gitignore.GitIgnore`` (None when there
    are none); ValueError naming the first invalid pattern."""
    patterns = list(patterns)
    if not patterns:
        return None
    from migrator.engine.gitignore import GitIgnore

    for pattern in patterns:
        if not valid_pattern(pattern):
            raise ValueError(f"invalid exclude pattern: {pattern!r}")
    return GitIgnore.from_lines(patterns)


def match_prefix(directory: str, base: str) -> str:
    """``directory`` relative to its ancestor ``base``, as a match prefix: ``""`` or ``"a/b/"``."""
    relative = os.path.relpath(directory, base)
    return "" if relative == os.curdir else relative.replace(os.sep, "/") + "/"


def _git_top(directory: str) -> str | None:
    return _nearest(directory, lambda d: os.path.lexists(os.path.join(d, ".git")))


def manifest_above(directory: str) -> bool:
    """Does a directory above ``directory``, up to its repository's root (the one holding .git), hold a dependency
    manifest (``migrator convert src/`` of a project declaring its dependencies at its top)?"""
    here = os.path.realpath(directory)
    top = _git_top(here)
    while top is not None and here != top:
        here = os.path.dirname(here)
        try:
            names = os.listdir(here)
        except OSError:
            return False
        if any(name == "setup.py" or file_kind(name) in MANIFEST_KINDS for name in names):
            return True
    return False


def initial_ignore_rules(root: str) -> IgnoreRules:
    """The ignore files that apply to ``root`` from above it (up to the git top, if any)."""
    rules = IgnoreRules()
    top = _git_top(root)
    if top is None:
        return rules
    rules = rules.with_file(os.path.join(top, ".git", "info", "exclude"), match_prefix(root, top))
    ancestors = []
    directory = root
    while directory != top:
        directory = os.path.dirname(directory)
        ancestors.append(directory)
    for directory in reversed(ancestors):
        rules = rules.with_file(os.path.join(directory, ".gitignore"), match_prefix(root, directory))
    return rules


def _setuptools_build(directory: str, parent: str) -> bool:
    """Is ``directory`` (a ``build`` beside a packaging file) setuptools' output: ``build/lib`` (``lib.<platform>``),
    and ``bdist.*`` at most beside it?"""
    try:
        names = os.listdir(directory)
    except OSError:
        return False
    return bool(names) and any(n == "lib" or n.startswith("lib.") for n in names) and \
        all(n == "lib" or n.startswith(("lib.", "bdist.", "temp.", "scripts-")) for n in names) and \
        any(os.path.isfile(os.path.join(parent, m)) for m in ("setup.py", "setup.cfg", "pyproject.toml"))


def _is_virtualenv(directory: str) -> bool:
    return os.path.isfile(os.path.join(directory, "pyvenv.cfg"))


def _python_script(path: str) -> bool:
    """Does the file at ``path`` start with a ``#!`` line running Python (a script with no .py suffix)?"""
    try:
        with open(path, "rb") as handle:
            first = handle.readline(200)
    except OSError:
        return False
    return first.startswith(b"#!") and re.search(rb"\bpython[\d.]*\b", first) is not None


def walk(root: str, exclude: Any, respect_gitignore: bool, ordered: bool = True,
         kinds: frozenset = PYTHON_ONLY, excluded_too: bool = False) -> Iterator[tuple[str, str, Any]]:
    """Yield ``(FILE | LINK | UNLISTABLE, shown path, detail)`` for the tree under directory
    ``root``: depth-first, each directory's entries in name order (in the file system's order when
    not ``ordered``: a count does not need the order). Files are those whose ``file_kind`` is in
    ``kinds`` (Python modules by default). ``excluded_too``: the Python modules and notebooks ``exclude``
    leaves out are yielded too, as ``EXCLUDED``."""
    python_only = kinds == PYTHON_ONLY
    root_abs = os.path.abspath(root)
    pyproject_dir = find_pyproject_dir(root_abs)
    exclude_base = pyproject_dir if pyproject_dir is not None else root_abs
    rules = initial_ignore_rules(root_abs) if respect_gitignore else IgnoreRules()
    # Each directory: (absolute path, real path, shown path, rules in force, exclude prefix).
    stack = [(root_abs, os.path.realpath(root), display_path(root), rules, match_prefix(root_abs, exclude_base), False,
              False)]
    walked: set = set()  # the files yielded (a tracked file ignore rules match is added after the walk)
    # (outside a git work tree, what git tracks is unknown: an ignored module is reported, not dropped)
    untracked_unknown = respect_gitignore and excluded_too and _git_top(root_abs) is None
    while stack:
        # (hidden: a directory .gitignore matches, walked outside a git work tree only to report what it holds)
        path, real, shown, rules, exclude_prefix, left_out, hidden = stack.pop()
        if respect_gitignore:
            rules = rules.with_file(os.path.join(path, ".gitignore"))
        try:
            with os.scandir(path) as it:
                entries = sorted(it, key=lambda entry: entry.name) if ordered else list(it)
        except OSError as exc:
            if not left_out:
                yield UNLISTABLE, shown, exc
            continue
        subdirectories = []
        for entry in entries:
            name = entry.name
            is_link = entry.is_symlink()
            try:
                is_dir = entry.is_dir()  # for a symlink: the kind of its target, for matching
            except OSError:  # a symlink loop or a vanished entry
                is_dir = False
            if is_dir and name in DEFAULT_SKIPPED_DIRS:
                continue
            if is_dir and name == "build" and _setuptools_build(entry.path, real):
                continue  # setuptools' copy of the package (build/lib), committed: the source is converted, not it
                # (held-out review 97, Y8: the summary pointed at the build copy)
            if not is_dir and (not name.endswith(PYTHON_SUFFIXES) if python_only
                               else file_kind(f"{shown}/{name}") not in kinds) and \
                    not ((python_only or PYTHON in kinds) and "." not in name and _python_script(entry.path)):
                # (a script with no .py, run by its `#!/usr/bin/env python3` line: bin/yousum, a git hook; held-out
                # review 136, Y1: its OpenAI calls were never read)
                continue
            excluded = left_out
            if exclude is not None and not excluded:
                relative = exclude_prefix + name
                excluded = bool(exclude.match(relative + "/" if is_dir else relative))
                if excluded and not excluded_too:
                    continue
            if hidden or rules.specs and rules.ignored(name, is_dir) and not (
                    # an env template (`.env.example` under `.env.*`) is meant to be committed: outside a git work tree
                    # it is read (held-out review 93, X5: the template kept OPENAI_API_KEY beside converted code)
                    untracked_unknown and not is_dir and not is_link and file_kind(f"{shown}/{name}") == ENV_FILE
                    and any(word in name.lower() for word in _TEMPLATE_WORDS) or
                    # ... and so is a dependency manifest a broad pattern matches (`*.txt` over requirements.txt:
                    # held-out review 113, X5, openai stayed, mistralai was not added, "no requirements.txt found")
                    untracked_unknown and not is_dir and not is_link and
                    file_kind(f"{shown}/{name}") in (REQUIREMENTS, PYPROJECT, SETUP_CFG, PIPFILE, CONDA)):
                if untracked_unknown and not is_dir and not is_link and not excluded and \
                        (python_only or file_kind(f"{shown}/{name}") in (PYTHON, NOTEBOOK)):
                    yield IGNORED, name if shown == os.curdir else f"{shown}/{name}", os.path.join(real, name)
                elif untracked_unknown and is_dir and not is_link and not excluded and not _is_virtualenv(entry.path) \
                        and name not in _BUILT_DIRS and not name.endswith(".egg-info"):
                    # its modules are reported one by one, as an ignored module is (held-out review 108, Y1: lctut's
                    # `sql*` rule hid sql_qa/main.py, an OpenAI use, from the summary and --check)
                    subdirectories.append((entry.path, os.path.join(real, name), f"{shown}/{name}" if shown != os.curdir
                                           else name, rules, f"{exclude_prefix}{name}/", excluded, True))
                continue
            child_shown = name if shown == os.curdir else f"{shown}/{name}"
            if is_link:
                if not excluded:
                    yield LINK, child_shown, entry.path
            elif is_dir:
                if not _is_virtualenv(entry.path):
                    subdirectories.append((entry.path, os.path.join(real, name), child_shown,
                                           rules.descend(name), f"{exclude_prefix}{name}/", excluded, False))
            elif excluded:
                if respect_gitignore:
                    walked.add(child_shown)
                if python_only or file_kind(child_shown) in (PYTHON, NOTEBOOK):
                    yield EXCLUDED, child_shown, os.path.join(real, name)
            else:
                if respect_gitignore:
                    walked.add(child_shown)
                yield FILE, child_shown, os.path.join(real, name)
        # Depth-first, in name order: push in reverse so the first name is popped first.
        stack.extend(reversed(subdirectories))
    if respect_gitignore:  # what git tracks though .gitignore matches it (`git add -f`): git does not ignore it
        shown_root = display_path(root)
        for relative in tracked_but_ignored(root_abs):
            parts = relative.split("/")
            if any(part in DEFAULT_SKIPPED_DIRS for part in parts[:-1]) or (
                    file_kind(relative) not in kinds if not python_only else not relative.endswith(PYTHON_SUFFIXES)):
                continue
            full = os.path.join(root_abs, *parts)
            if exclude is not None and exclude.match(match_prefix(os.path.dirname(full), exclude_base) + parts[-1]):
                continue
            shown = relative if shown_root == os.curdir else f"{shown_root}/{relative}"
            if shown in walked or os.path.islink(full) or not os.path.isfile(full):
                continue
            yield FILE, shown, os.path.realpath(full)


def tracked_but_ignored(root: str) -> list[str]:
    """The files under ``root`` git tracks although an ignore file matches them (``git ls-files -ci
    --exclude-standard``), ``/``-separated and relative to ``root``; none outside a git work tree or without git
    (held-out review 28, H2: a committed notebook under an ignored notebooks/ was never read, and --check passed)."""
    if _git_top(root) is None:
        return []
    import subprocess

    try:
        done = subprocess.run(["git", "-c", "core.quotePath=off", "ls-files", "-z", "-c", "-i", "--exclude-standard"],
                              cwd=root, capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    if done.returncode != 0:
        return []
    return sorted(name for name in done.stdout.decode("utf-8", "surrogateescape").split("\0") if name)
