"""The repo-wide first pass: which modules of the repo export OpenAI clients or client factories.

A single file is not always enough to know that ``client`` is an OpenAI client: real code builds it
in ``app/llm.py`` and imports it elsewhere (``from app.llm import client``), or calls a factory
(``client = get_client()``). Like bump-pydantic, the engine first reads every candidate file (only
those that passed the prefilter) with the fast ``ast`` module and collects these exports; each file's
conversion then resolves such imports against them.
"""

from __future__ import annotations

import ast
import sys
from pathlib import PurePath
from typing import Iterable, NamedTuple, Optional

from codemods._facts import Binding, ModuleFacts, gather


class Export(NamedTuple):
    module: str  # dotted module name, relative to the converted root ("app.llm")
    name: str  # the exported name
    kind: str  # "client" (a module-level client) or "factory" (a function returning one)
    is_async: bool
    convertible: bool


def module_name(path: str, root: str) -> str:
    """``app/llm.py`` under ``root`` -> ``app.llm`` (``__init__.py`` -> its package)."""
    try:
        relative = PurePath(path).relative_to(root)
    except ValueError:
        relative = PurePath(PurePath(path).name)
    parts = list(relative.with_suffix("").parts)
    if parts and parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def exports(facts: ModuleFacts, module: str) -> list[Export]:
    found = [Export(module, name, "client", b.is_async, b.convertible)
             for name, b in facts.bindings.get((), {}).items()]
    found += [Export(module, name, "factory", b.is_async, b.convertible)
              for name, b in facts.factories.items()]
    return found


def index_sources(sources: Iterable[tuple[str, str]], root: str) -> tuple[Export, ...]:
    """Exports of every (path, code) that parses; files that do not parse are skipped here (the
    conversion reports them)."""
    found: list[Export] = []
    for path, code in sources:
        try:
            facts = gather(ast.parse(code))
        except (SyntaxError, ValueError, RecursionError):
            continue
        found.extend(exports(facts, module_name(path, root)))
    return tuple(found)


def resolve(repo: tuple[Export, ...], module: str, level: int, name: str) -> Optional[Export]:
    """The export ``from <module> import <name>`` refers to. Relative imports (``level`` > 0) and
    source layouts (``src/app/llm.py`` imported as ``app.llm``) match by module-name suffix."""
    matches = [e for e in repo if e.name == name and (_same_module(e.module, module) or (level and not module))]
    if len(matches) == 1 or (matches and all(m[2:] == matches[0][2:] for m in matches)):
        return matches[0]
    return None


# Top-level packages of libraries whose modules share names with an application's scripts (``llama_index.core.
# ingestion`` and a course's ``ingestion.py``; held-out review 84, Y2): an import from one is never the tree's module of
# the same last name. With the standard library's names (``sys.stdlib_module_names``).
LIBRARY_ROOTS = frozenset({
    "llama_index", "langchain", "langchain_core", "langchain_community", "langchain_openai", "langchain_mistralai",
    "langchain_text_splitters", "langchain_classic", "langgraph", "openai", "mistralai", "anthropic", "google",
    "transformers", "torch", "numpy", "pandas", "django", "flask", "fastapi", "starlette", "pydantic",
    "pydantic_settings", "streamlit", "gradio", "chainlit", "chromadb", "qdrant_client", "pinecone", "instructor",
    "httpx", "requests", "sqlalchemy", "celery", "boto3", "azure", "haystack", "crewai", "autogen", "dspy",
    "litellm", "tiktoken", "dotenv", "telegram", "discord", "slack_sdk", "slack_bolt", "aiogram",
    "sentence_transformers", "sklearn", "scipy", "weaviate", "pymilvus", "lancedb", "faiss", "semantic_kernel",
    "guidance", "datasets",
})


def library_module(imported: str) -> bool:
    """Does ``imported`` (``llama_index.core.ingestion``) name a module of a library, not of the tree?"""
    root = imported.split(".", 1)[0]
    return root in LIBRARY_ROOTS or root in sys.stdlib_module_names


def _same_module(exported: str, imported: str, path: str = "") -> bool:
    """``app.llm`` and ``llm`` name the same module when the root sits at or inside ``app`` (a library's module,
    ``llama_index.core.ingestion``, is not the tree's ``ingestion``). ``path``: the file of ``exported``, whose
    directories must then be ``app`` (``from linebot.models import X`` names no ``tg/models.py``: held-out review 145,
    Y2, a LINE bot's third-party import made a sibling app's module one of its program's)."""
    if not exported or not imported:
        return False
    if exported == imported or exported.endswith("." + imported):
        return True
    if not imported.endswith("." + exported) or library_module(imported):
        return False
    if not path:
        return True
    prefix = imported[: -len(exported) - 1].split(".")
    parts = path.replace("\\", "/").split("/")
    own = exported.count(".") + (parts[-1] == "__init__.py")  # (the directories the module's own name spells)
    above = parts[:-1][: len(parts) - 1 - own]
    return above[-len(prefix):] == prefix


def binding(export: Export) -> Binding:
    return Binding(export.is_async, export.convertible)
