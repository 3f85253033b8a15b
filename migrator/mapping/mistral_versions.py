"""Imports of older mistralai releases, and where mistralai 3.x keeps each name (api-mapping.md §11).

A project moving to Mistral may already hold code written for mistralai 1.x (``from mistralai import
Mistral``) or 0.x (``from mistralai.client import MistralClient``). mistralai 3.x, which the converted
code needs, turned ``mistralai`` into a namespace package: those imports raise ImportError, so the
module that was already on Mistral breaks when the requirements move to ``mistralai>=3.7,<4``
(held-out review 5, wilganfauzan/RAG_chat_with_document). Where a name still exists in 3.x, only its
module changed; the installed SDK (mistralai 3.7, a dependency of migrator) says where each name lives.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

# 1.x modules whose names moved under mistralai.client in 2.x / 3.x.
V1_MODULES = frozenset({"mistralai", "mistralai.models", "mistralai.utils", "mistralai.types"})
# 0.x modules: a different API (``client.chat(...)``, ``ChatMessage``): ported by hand.
V0_MODULES = frozenset({"mistralai.async_client", "mistralai.exceptions"})
# 0.x's submodules of mistralai.models (1.x has others: mistralai.models.sdkerror, .usermessage ...)
V0_SUBMODULES = frozenset({"chat_completion", "embeddings", "models", "jobs", "files", "common"})
V1_PREFIX = "mistralai.models."
OLD_MODULE_IMPORTS = frozenset({"mistralai", "mistralai.models", "mistralai.utils", "mistralai.types"})
IMPORT_TODO = ("mistralai 1.x: `import {module}` then {module}.<name>: mistralai 3.x, which the converted code needs, "
               "keeps the names under mistralai.client (from mistralai.client import Mistral; "
               "mistralai.client.models, mistralai.client.errors): rewrite these uses by hand")
V0_CLIENT = ("mistralai.client", "MistralClient")
SEPARATE_PACKAGES = {"mistralai_azure": "from mistralai.azure.client import MistralAzure",
                     "mistralai_gcp": "from mistralai.gcp.client import MistralGCP (renamed from MistralGoogleCloud)"}

V0_TODO = ("mistralai 0.x API ({module}): mistralai 3.x, which the converted code needs, no longer has it; port "
           "this module by hand (Mistral(...).chat.complete(...), UserMessage / dict messages; Mistral's migration "
           "guide: docs.mistral.ai)")
SEPARATE_TODO = ("{package} is mistralai 1.x's separate package; with mistralai 3.x, which the converted code needs: "
                 "{instead}; check the calls against mistralai 3.x by hand")
UNKNOWN_TODO = ("mistralai 1.x import: {names} not in mistralai 3.x (renamed in 2.0, see "
                "https://github.com/mistralai/client-python/blob/main/MIGRATION.md); rewrite this import by hand: "
                "the converted code needs mistralai 3.x, where `from mistralai import ...` raises ImportError")
MOVED = "mistralai 1.x import -> {modules} (mistralai 3.x, which the converted code needs, moved these names)"
BY_HAND_TODO = ("mistralai 1.x import ({what}): mistralai 3.x, which the converted code needs, keeps these names under "
                "mistralai.client (.models, .errors, .utils, .types); rewrite this import by hand")


@lru_cache(maxsize=None)
def new_home(name: str, module: str) -> Optional[str]:
    """The mistralai 3.x module that has ``name`` (imported from the 1.x ``module``), else None."""
    import importlib

    if name == "Mistral":
        return "mistralai.client"
    order = {"mistralai.utils": ("mistralai.client.utils",), "mistralai.types": ("mistralai.client.types",)}.get(
        module, ("mistralai.client.errors", "mistralai.client.models", "mistralai.client.utils", "mistralai.client.types"))
    for candidate in order:
        try:
            if hasattr(importlib.import_module(candidate), name):
                return candidate
        except ImportError:  # noqa: PERF203 - a module of the installed SDK that cannot load here
            continue
    return None


def old_import(module: str, names: tuple[str, ...]) -> Optional[str]:
    """``"v1"``, ``"v0"`` or ``"separate"`` for a ``from <module> import <names>`` (absolute) of an older
    mistralai, else None."""
    root = module.split(".", 1)[0]
    if root in SEPARATE_PACKAGES:
        return "separate"
    if module in V0_MODULES or (module == V0_CLIENT[0] and V0_CLIENT[1] in names) or (
            module.startswith(V1_PREFIX) and module[len(V1_PREFIX):].split(".", 1)[0] in V0_SUBMODULES):
        return "v0"
    if module in V1_MODULES or module.startswith(V1_PREFIX):  # mistralai.models.sdkerror: 1.x
        return "v1"
    return None
