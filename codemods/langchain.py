"""MIG116: LangChain's ``ChatOpenAI`` / ``OpenAIEmbeddings`` -> ``ChatMistralAI`` / ``MistralAIEmbeddings``."""

from __future__ import annotations

import ast
import functools
import re
from typing import Optional

import libcst as cst

from codemods._base import MigratorRule, RuleTransformer, code_of, finish_args, keyword_arg
from codemods._facts import ENV, KEPT_KEY_SOURCE, run_name_read
from codemods._imports import without_aliases
from codemods.client_constructor import (_env_call_key, _env_subscript_key, _streamlit_key, env_membership_key,
                                         openai_secret, secret_key_todo, string_value)
from migrator.mapping import langchain as lc
from migrator.mapping.embeddings import MISTRAL_EMBED_MODEL, chunker_todo, vectors_todo
from migrator.mapping.models import NON_REASONING_MODEL, REASONING_MODEL_PREFIX, map_model
from migrator.mapping.client import CONFIGURED_ENDPOINT_TODO, KEY_STEP, provider_named_by_path
from migrator.plan.syntax import ast_walk
from migrator.mapping.outside_sdk import OPENAI_RELAY_HOST, RELAY_HOST_WHY
from migrator.plan.langchain import AZURE, CONVERT, FOLLOW_LIMITS, KEEP, OTHER, Site, legacy_import, plan_module

# context.scratch key: the module's LangChain plan (migrator.plan.langchain), set by the engine
LANGCHAIN = "migrator.langchain"
_LLAMAINDEX = "migrator.llamaindex"  # (codemods.llamaindex.LLAMAINDEX, which imports this module)
_ENV_TOLD = "migrator.langchain.env_told"  # id() of the OPENAI_API_KEY nodes LangChain's TODO covered for both


class LangChain(MigratorRule):
    """Moves LangChain's OpenAI chat model and embeddings to ``langchain_mistralai``.

    **What it does.** ``ChatOpenAI(...)`` becomes ``ChatMistralAI(...)`` and ``OpenAIEmbeddings(...)``
    becomes ``MistralAIEmbeddings(...)`` (langchain-mistralai 1.x), imported from
    ``langchain_mistralai`` (also from the legacy ``langchain.chat_models`` /
    ``langchain_community`` paths, and written through the module: ``import langchain_openai`` then
    ``langchain_openai.ChatOpenAI(...)``, whose import goes when nothing else uses it). Model names map (no ``model=``: ChatOpenAI's default
    ``gpt-3.5-turbo`` is written as its Mistral counterpart) and are passed as ``model_name=`` (the
    alias: type checkers reject ``model=`` on ChatMistralAI); ``openai_api_key`` -> ``api_key``,
    ``OPENAI_API_KEY`` read for ``api_key`` -> ``MISTRAL_API_KEY``; ``seed`` -> ``random_seed``;
    ``max_completion_tokens`` -> ``max_tokens``; ``request_timeout`` -> ``timeout``;
    ``stop_sequences`` -> ``stop`` (a string becomes a list); ``presence_penalty``,
    ``frequency_penalty`` and ``n`` go into ``model_kwargs`` (the only way ChatMistralAI sends them);
    OpenAI's own ``base_url``, ``organization``, ``stream_usage``, ``chunk_size`` are removed. The
    object's later calls (``invoke``, ``stream``, ``bind_tools``, ``with_structured_output``, LCEL
    ``|``, LangChain chains, agents and vector stores) keep LangChain's surface; a read of the
    object's ``.model_name`` becomes ``.model`` (ChatMistralAI's field: ``model_name`` is only its
    constructor alias, and reading it raises AttributeError). A converted embeddings
    object gets MIG107's re-embed TODO (Mistral's vectors do not mix with stored OpenAI ones; not where it only
    fills an in-memory store the module builds and never saves: ``InMemoryVectorStore``, a ``Chroma`` given no
    ``persist_directory`` / ``client``), and
    ``get_openai_callback()`` in a module whose chat model converts gets a TODO (it prices OpenAI models
    only: its ``total_cost`` stays 0.0 for ChatMistralAI). A run's or an event's name compared with the class's
    (``event["name"] == "ChatOpenAI"`` over ``astream_events``, ``type(llm).__name__``) names the Mistral class
    where every object of that class in the project converts (LangChain names a model's runs after its class), and
    gets a TODO where some stay; ``getattr(llm, "model_name", ...)`` in a module whose chat object converts gets a
    TODO (it reads None on ChatMistralAI). An object given no endpoint keyword where the project's env files point
    ``OPENAI_BASE_URL`` / ``OPENAI_API_BASE`` at another provider is that provider's, as an SDK client is, and stays.

    **Why.** ChatMistralAI calls Mistral's chat API itself (``MISTRAL_API_KEY``, ``MISTRAL_BASE_URL``);
    its fields differ from ChatOpenAI's in name, range (``temperature`` and ``top_p`` in [0, 1]) and
    type (``timeout`` in whole seconds, ``stop`` a list), and unknown keywords are sent to the API.

    **Fix safety.** approximate: another model answers; ChatMistralAI's default temperature is 0.7
    and ``with_structured_output`` defaults to ``function_calling`` (ChatOpenAI: ``json_schema``).

    **Known limits (the object stays on OpenAI, one TODO at its constructor).** A keyword with no
    equivalent (``dimensions``, ``default_headers``, ``http_client``, ``reasoning_effort``,
    ``use_responses_api``, ``logprobs``, ``model_kwargs`` keys Mistral lacks, ``**kwargs``); a use of
    the object, followed through the name or ``self`` attribute it is bound to, that ChatMistralAI
    lacks or treats otherwise (``.client`` / ``.root_client``, ``get_num_tokens*``, a write to ``.model_name``,
    ``bind_tools(strict=True)``, ``with_structured_output(strict=True)`` without ``json_schema``, a
    ``seed=`` at call time); an object handed to a function outside LangChain, or returned from one not
    called in its module (its uses are not seen; a factory's calls in its module are followed like a name); an
    optional import (``try: from langchain_openai import ChatOpenAI`` /
    ``except ImportError: ChatOpenAI = None``: a plain Mistral import would make the module need
    langchain_mistralai); a dependency manifest pinning a package langchain-mistralai 1.1 cannot be
    installed with (``langchain-core==0.2.36``, ``langchain = "^0.3"``). ``AzureChatOpenAI`` /
    ``AzureOpenAIEmbeddings`` / ``AzureOpenAI`` stay, with a TODO, and so do the OpenAI classes of a module that
    configures the openai module for Azure (``openai.api_type = "azure"``).
    A class named as a value rather than called (a registry's ``{"openai": OpenAIEmbeddings}``, a factory
    handed the class) gets a TODO: where it is called, migrator does not see.
    A ``base_url`` / ``api_key`` of another provider leaves the object alone. Uses in other modules
    of a module-level object are not checked. ``migrator scan`` does not list these sites yet.

    **openai-compatible target.** Not converted (``ChatOpenAI(base_url=...)`` is how LangChain reaches an
    OpenAI-compatible server): each OpenAI object gets a TODO saying it still calls OpenAI, with the
    provider's ``base_url`` and key variable to pass.
    """

    CODE = "MIG116"
    NAME = "langchain"
    SAFETY = "approximate"
    TARGETS = ("mistral", "openai-compatible")
    DESCRIPTION = "LangChain ChatOpenAI / OpenAIEmbeddings -> langchain_mistralai ChatMistralAI / MistralAIEmbeddings"
    BEFORE = ('from langchain_openai import ChatOpenAI\n\n'
              'llm = ChatOpenAI(model="gpt-4o", temperature=0, seed=7, max_retries=2)\n'
              'answer = (prompt | llm).invoke({"question": question})\n')
    AFTER = ('from langchain_mistralai import ChatMistralAI\n\n'
             'llm = ChatMistralAI(model_name="mistral-large-latest", temperature=0, random_seed=7, max_retries=2)\n'
             'answer = (prompt | llm).invoke({"question": question})\n')

    # where the engine leaves the module's plan, how to make it, and the transformer that applies it
    # (codemods.llamaindex brings its own three)
    SCRATCH = LANGCHAIN
    plan_module = staticmethod(plan_module)

    def transform_module_impl(self, tree: cst.Module) -> cst.Module:
        if self.SCRATCH not in self.context.scratch:  # standalone use (tests, libcst.tool)
            from migrator.plan.source import parse_python

            self.context.scratch[self.SCRATCH] = self.plan_module(parse_python(tree.code))
        return super().transform_module_impl(tree)

    def make_transformer(self, facts):
        plan = self.context.scratch.get(self.SCRATCH)
        if plan is not None and (plan.sites or plan.value_refs) or facts.view is not None and facts.view.run_names:
            # the plan of OpenAI sites does not mark the wrapper's statements (nor a class named as a value:
            # held-out review 20, R-A2, a registry in a module with no call of the class had no TODO; nor a check
            # of a run's name)
            facts.prune = False
        return self.TRANSFORMER(self, facts, plan)


class _Transformer(RuleTransformer):
    lib = lc  # the wrapper library's tables (codemods.llamaindex brings LlamaIndex's)

    def __init__(self, rule, facts, plan) -> None:
        super().__init__(rule, facts)
        self.plan = plan
        self._next = 0  # the plan's sites, counted in source order
        self._found: dict[int, Site] = {}
        self._not_refs: set[int] = set()  # Name nodes that are no reference to a class
        self._in_import = 0
        self._emptied_at: set = set()  # lines of function-local imports removed (leave_FunctionDef)
        self._converting = 0  # inside a converted constructor's call
        self._keeping = 0  # inside a kept one's: its OPENAI_API_KEY read is its own
        self._read = 0  # the plan's renamed field reads (renamed_reads), counted in source order
        self._renames: set[int] = set()  # id(Attribute) -> rewritten
        self._told_refs: set[tuple[int, str]] = set()  # (line, class) of the value references told about
        self._told_ends: set[tuple[int, str]] = set()  # (line, how) of the assistant-ending messages told about
        self._told_pin = ""  # the class of the module's first object kept by a manifest's pin, once told

    # -- the key the converted objects now read ---------------------------------------------------
    def visit_Subscript(self, node: cst.Subscript) -> None:
        if _env_subscript_key(node) == "OPENAI_API_KEY":
            self._openai_key(node)
        self._metadata_read(node)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if env_membership_key(node) == "OPENAI_API_KEY":  # (`"OPENAI_API_KEY" not in os.environ`: an ENV site too)
            self._openai_key(node)

    def leave_Comparison(self, original: cst.Comparison, updated: cst.Comparison) -> cst.Comparison:
        """``event["name"] == "ChatOpenAI"``: a run's name compared with the class's, where the class's objects
        convert (the plan's run_names): the converted objects' runs are named after ChatMistralAI. Rewritten where
        every object of the class converts; a TODO where some stay."""
        names = self.facts.view.run_names if self.facts.view is not None and self.lib is lc else {}
        line = self.current_line() if names else 0
        if line not in names or self.config.endpoint() is not None:
            return updated
        checks = names[line]
        if not any(_run_name_operand(operand) for operand in (updated.left, *(c.comparator for c in
                                                                         updated.comparisons))):
            return updated  # (`setting == "ChatOpenAI"` beside it in the statement: a setting, left alone)

        def renamed(value: cst.BaseExpression) -> cst.BaseExpression:
            if isinstance(value, (cst.Tuple, cst.List, cst.Set)):
                return value.with_changes(elements=[e.with_changes(value=renamed(e.value)) for e in value.elements])
            cls = value.evaluated_value if isinstance(value, cst.SimpleString) else None
            if cls not in checks:
                return value
            mistral, every = checks[cls]
            if not every:
                self.todo(line, lc.RUN_NAME_TODO.format(cls=cls, mistral=mistral))  # (once per statement: todo())
                return value
            self.converted(line, f"{cls!r} -> {mistral!r}: LangChain names a model's runs and events after its "
                                 f"class, and every {cls} of the project converts")
            return value.with_changes(value=value.value.replace(cls, mistral))

        return updated.with_changes(left=renamed(updated.left), comparisons=[
            c.with_changes(comparator=renamed(c.comparator)) for c in updated.comparisons])

    def _openai_key(self, node: cst.CSTNode, line: int = 0) -> None:
        """``os.environ["OPENAI_API_KEY"] = key`` (a Streamlit app's key box) or a check of it, in a
        module whose converted objects read the key from the environment: they now read
        MISTRAL_API_KEY. MIG101 says so for the SDK's clients (its TODO, when it gives one, stands). ``line``: of a
        call handing the variable's name to the module's setter (not a site of the plan's)."""
        # (every such node counts as its site, whatever follows: the sites are counted in order, and one skipped would
        # give the next one its line)
        line = line or self.mark_site(node, ENV)
        if self.plan is None or not self.plan.implicit_key or self._converting or self._keeping or \
                self.config.endpoint() is not None or id(node) in self.__dict__.get("_handed_keys", ()):
            return
        ranges = self.plan.implicit_ranges
        if ranges and self.path and not any(first <= line <= last for first, last in ranges):
            return  # another function's key: the converted objects live in functions of their own
            # (module-level code sets it up for the whole module: JARVIS's openai.api_key = os.environ[...])
        answer = self.answer_for(node)
        if answer and answer[0] == "env" and (answer[1] == "todo" or answer[1] is True):
            return
        if self._folded_module_key(node):
            return  # MIG101 builds the Mistral client from it, reading MISTRAL_API_KEY (held-out review 91, Y3)
        # LangChain's and LlamaIndex's objects in one module read the key: one TODO (their rules visit a node in
        # registry order, LangChain's first)
        told = self.rule.context.scratch.setdefault(_ENV_TOLD, set())
        statement = self.statement_nodes[-1] if self.statement_nodes else None
        if _self_copy(statement):
            # `os.environ["OPENAI_API_KEY"] = os.getenv("OPENAI_API_KEY")`: a copy of the variable onto itself, which
            # raises TypeError at import once the env files hold MISTRAL_API_KEY only (held-out review 115, Y2: the
            # TODO called it "a check")
            told.add(id(node))
            self.todo(line, lc.SELF_COPY_TODO)
            return
        view = self.facts.view
        # (and another library's OpenAI component built here, Chroma's OpenAIEmbeddingFunction: held-out review 144,
        # Y5, "set or check MISTRAL_API_KEY instead" of the key it is handed)
        kept = sorted({site.cls for site in self.plan.sites if site.verdict != CONVERT and site.reads_key} |
                      set(view.plan.foreign_components.get(view.path, ()) if view is not None else ()))
        if kept and id(node) not in told:
            # an object of this module that stays on OpenAI reads it too (held-out review 140, Y2: "set or check
            # MISTRAL_API_KEY instead" would take the key from the kept OpenAI LLM)
            told.add(id(node))
            self.todo(line, lc.env_kept_todo(self._implicit_classes(self.plan, self.lib), kept))
            return
        if self.lib is not lc:
            if id(node) not in told:
                self.todo(line, lc.env_todo(self._implicit_classes(self.plan, self.lib)))
            return
        llamaindex = self.rule.context.scratch.get(_LLAMAINDEX)
        if llamaindex is not None and llamaindex.implicit_key:
            from migrator.mapping import llamaindex as li

            told.add(id(node))
            self.todo(line, lc.env_todo(self._implicit_classes(self.plan, lc) +
                                        [f"LlamaIndex's {c}" for c in self._implicit_classes(llamaindex, li)]))
        else:
            self.todo(line, lc.env_todo(self._implicit_classes(self.plan, lc)))

    @staticmethod
    def _implicit_classes(plan, lib) -> list:
        """The Mistral classes of ``plan``'s converted objects that read the key variable themselves."""
        return [lib.CLASSES[site.cls][3] for site in plan.sites
                if site.verdict == CONVERT and site.reads_key and lib.CLASSES[site.cls][3]] or \
            [lib.CLASSES[site.cls][3] for site in plan.sites if site.verdict == CONVERT and lib.CLASSES[site.cls][3]]

    # -- constructors -------------------------------------------------------------------------
    def visit_Call(self, node: cst.Call) -> None:
        if _env_call_key(node) == "OPENAI_API_KEY":
            self._openai_key(node)
        elif isinstance(node.func, cst.Name) and node.func.value in self._env_setters and node.args and \
                string_value(node.args[0].value) == "OPENAI_API_KEY":
            self._openai_key(node, self.current_line())  # `_set_env("OPENAI_API_KEY")` (held-out review 87, Y6)
        written = code_of(node.func) if isinstance(node.func, (cst.Name, cst.Attribute)) else ""
        if written == "getattr" and self.lib is lc and len(node.args) >= 2 and self.plan is not None and \
                string_value(node.args[1].value) in lc.RENAMED_ATTRS[lc.CHAT] and any(
                    site.verdict == CONVERT and lc.CLASSES[site.cls][0] == lc.CHAT for site in self.plan.sites) and \
                self.config.endpoint() is None:
            old = string_value(node.args[1].value)
            self.todo(self.current_line(), lc.GETATTR_RENAMED_TODO.format(old=old, new=lc.RENAMED_ATTRS[lc.CHAT][old]))
        if written.rpartition(".")[2] == lc.COST_CALLBACK and self.lib is lc and self.plan is not None and any(
                site.verdict == CONVERT and lc.CLASSES[site.cls][0] == lc.CHAT and
                self._function_of(site.line) in (None, self._function_of(self.current_line()))
                for site in self.plan.sites) and self.config.endpoint() is None:
            # (a converted model of this function, or of the module's top level: held-out review 89, Y6, the TODO was
            # said where the block priced a model kept on OpenAI, the converted one in another function)
            self.todo(self.current_line(), lc.COST_CALLBACK_TODO)
        if self.plan is not None and self.plan.assistant_ends and self.config.endpoint() is None:
            line = self.current_line()
            for end in [end for end in self.plan.assistant_ends if end[0] == line and end not in self._told_ends]:
                self._told_ends.add(end)  # (held-out review 87, Y3)
                self.todo(line, lc.ASSISTANT_END_TODO.format(where=end[1]))
        if self.plan is None or written not in self.plan.locals:
            return
        self._not_refs.add(id(node.func))
        if self._next < len(self.plan.sites):
            site = self.plan.sites[self._next]
            self._next += 1
            if site.local == written and site.arity == len(node.args):
                self._found[id(node)] = site
                self._converting += site.verdict == CONVERT  # its own key is mapped with it
                self._keeping += site.verdict != CONVERT  # ... or stays OpenAI's (held-out review 65, Y6)

    def _metadata_read(self, node: cst.Subscript) -> None:
        if self.lib is lc and self.plan is not None and len(node.slice) == 1 and \
                isinstance(node.slice[0].slice, cst.Index) and isinstance(node.slice[0].slice.value, cst.SimpleString) \
                and node.slice[0].slice.value.evaluated_value in lc.OPENAI_ONLY_METADATA | lc.OPENAI_ONLY_USAGE and \
                self.config.endpoint() is None and any(site.verdict == CONVERT and lc.CLASSES[site.cls][0] == lc.CHAT
                                                       for site in self.plan.sites):
            key = node.slice[0].slice.value.evaluated_value
            self.todo(self.current_line(), (lc.USAGE_TODO if key in lc.OPENAI_ONLY_USAGE else lc.METADATA_TODO)
                      .format(code=code_of(node), key=key))

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        site = self._found.pop(id(original), None)
        if site is not None and site.verdict == CONVERT:
            self._converting -= 1
        elif site is not None:
            self._keeping -= 1
        if site is None:
            return updated
        endpoint = self.config.endpoint()
        if endpoint is not None:  # the class stays; say that it still calls OpenAI (held-out review 6: silent)
            # (OpenAILike with no api_base talks to OpenAI too: held-out review 105, Y3, silent on this target)
            like = site.verdict == AZURE and site.cls in getattr(self.lib, "LIKE_MISTRAL", {})
            if site.verdict in (CONVERT, KEEP) or like:
                said = self.lib.COMPAT_LIKE_TODO if like else self.lib.COMPAT_TODO
                said = said.format(name=site.cls, provider=endpoint.spec.name, base_url=endpoint.base_url,
                                   key_code=endpoint.key_code)
                if site.cls == "OpenAIEmbeddings" and hasattr(self.lib, "COMPAT_EMBEDDINGS"):
                    # (held-out review 109, Y7: followed, the advice sent tiktoken token ids, and mixed vector sizes)
                    said += self.lib.COMPAT_EMBEDDINGS.format(provider=endpoint.spec.name)
                self.todo(site.line, said)
            return updated
        mistral = self.lib.CLASSES[site.cls][3] or self.lib.AZURE_MISTRAL.get(site.cls, "")
        if site.verdict == AZURE and site.cls in getattr(self.lib, "LIKE_MISTRAL", {}):
            mistral, package = self.lib.LIKE_MISTRAL[site.cls]
            self.todo(site.line, self.lib.LIKE_TODO.format(name=site.cls, mistral=mistral, package=package))
        elif site.verdict == AZURE:
            self.todo(site.line, self.lib.AZURE_TODO.format(name=site.cls, mistral=mistral))
        elif site.verdict == KEEP:
            # a manifest's pin (K7), or advice that says what to do and to convert then (re-review 44, Y9)
            # (a blocker saying what to do in full: no "run migrator again" after it)
            rerun = any(b.endswith(("then run migrator again", "then convert", "retire this one"))
                        for b in site.blockers)
            # (a blocker naming the Mistral class already says what to move to: the LLM class with none, F4)
            named = len(site.blockers) == 1 and bool(mistral) and (
                f"use {mistral}" in site.blockers[0] or f"import {mistral} " in site.blockers[0])
            # (held-out review 77, Y5: "once these have a Mistral form" told nothing to do)
            # a use migrator does not follow is nothing the user can change: only converting it by hand helps (held-out
            # review 78, Y2: "Once that is changed" of an embedding in a list)
            ours = all(any(words in b for words in FOLLOW_LIMITS) for b in site.blockers)
            pinned = self.plan is not None and bool(self.plan.blocked) and site.blockers == (self.plan.blocked,)
            if pinned and self._told_pin and self.current_line() == self.__dict__.get("_told_pin_line"):
                return updated  # (the same statement's TODO says it: held-out review 106, X11, "... above" of itself)
            if pinned and self._told_pin:  # the module's first object says the pin in full (held-out review 87, Y11:
                # a ~690-character TODO at each of four objects)
                self.todo(site.line, f"{site.cls}(...) stays on OpenAI: the same dependency pin as the "
                                     f"{self._told_pin}(...) above (see its TODO)")
                return updated
            if pinned and not self._told_pin:
                self.__dict__["_told_pin_line"] = self.current_line()
            self._told_pin = self._told_pin or (site.cls if pinned else "")
            self.todo(site.line, f"{site.cls}(...) stays on OpenAI: {'; '.join(site.blockers)}" + (
                "" if (rerun or named) and len(site.blockers) == 1 else
                f": convert it to {self.lib.CLASSES[site.cls][2]}.{mistral} by hand, checking that use" if ours else
                f". Once {'that is' if len(site.blockers) == 1 else 'these are'} changed, run migrator again "
                f"(or convert it to {self.lib.CLASSES[site.cls][2]}.{mistral} by hand)"))
            if site.store_note:  # (held-out review 93, X2: the store's other object is named at both)
                self.todo(site.line, f"{site.cls}(...) {site.store_note}")
        elif site.verdict == CONVERT:
            return self._convert(updated, site, mistral)
        elif site.verdict == OTHER and site.provider == "unknown endpoint" and \
                not provider_named_by_path(self.facts.view.path if self.facts.view is not None else ""):
            # `ChatOpenAI(base_url=os.getenv("PROXY_BASE"))`: unset, the class talks to OpenAI (held-out review 54,
            # R1: silent, where the SDK's client of the same shape gets the TODO)
            said = CONFIGURED_ENDPOINT_TODO.replace("its base_url", "its endpoint").removesuffix(" or convert it by hand")
            target = f"{self.lib.CLASSES[site.cls][2]}.{mistral}"
            advice = self.lib.CONFIGURED_ENDPOINT_ADVICE
            if site.cls in getattr(self.lib, "LIKE_MISTRAL", {}):
                mistral, package = self.lib.LIKE_MISTRAL[site.cls]
                target, advice = f"{mistral} ({package})", self.lib.LIKE_CONFIGURED_ADVICE
            self.todo(site.line, f"{site.cls}(...) is {said} or convert it by hand to {target}" if advice is None else
                      f"{site.cls}(...) is {said.split(': point it at Mistral there', 1)[0]}: "
                      f"{advice.format(target=target)}")
        elif site.verdict == OTHER and site.provider.startswith("endpoint ") and \
                OPENAI_RELAY_HOST.match(site.provider.removeprefix("endpoint ").lower()):
            # `ChatOpenAI(base_url="https://openai.vocareum.com/v1")`, a course's relay to OpenAI's models, as the SDK's
            # client of that shape is told (held-out review 106, Y2: listed in the summary only)
            self.todo(site.line, f"{site.cls}(...) is left as it is: its base_url is "
                                 f"{site.provider.removeprefix('endpoint ')}, {RELAY_HOST_WHY}: if it relays to OpenAI's "
                                 f"models, it still talks to OpenAI: convert it by hand to "
                                 f"{self.lib.CLASSES[site.cls][2]}.{mistral} (MISTRAL_API_KEY, Mistral model names); if "
                                 "it is another provider's server, nothing to do")
        return updated

    def _convert(self, call: cst.Call, site: Site, mistral: str) -> cst.Call:
        chat = lc.CLASSES[site.cls][0] == lc.CHAT
        table = lc.CHAT_KEYWORDS if chat else lc.EMBEDDING_KEYWORDS
        args, moved, notes = [], [], []
        slot = 0
        for arg in call.args:
            name = arg.keyword.value if arg.keyword is not None else ""
            if name in ("base_url", "openai_api_base"):
                notes.append(f"{name} (OpenAI's endpoint) removed" + (": ChatMistralAI reads MISTRAL_BASE_URL"
                                                                     if chat else ""))
                if not isinstance(arg.value, (cst.SimpleString, cst.ConcatenatedString)) and \
                        not (isinstance(arg.value, cst.Name) and arg.value.value == "None"):
                    # a setting (OPENAI_BASE_URL) may point at a gateway or proxy where the app is deployed
                    self.todo(site.line, f"{name}={code_of(arg.value)} removed: if it points at a gateway or proxy "
                                         "where this runs, pass its Mistral-side URL as endpoint=")
                continue
            policy, detail = table[name]
            if policy == lc.DROP:
                notes.append(f"{name} removed ({detail})")
                continue
            target_name = detail if policy == lc.RENAME else name
            if chat and isinstance(arg.value, cst.Name) and arg.value.value == "None" and \
                    target_name in lc.NOT_NONE_FIELDS:
                # `timeout=None, max_retries=2` (LangChain's documented snippet): ChatMistralAI types these as plain
                # int / float, and None fails validation when it is built (held-out review 87 -> 88, Y1)
                if target_name == "timeout":  # (no timeout became 120 s: held-out review 94, X10, said nowhere)
                    self.todo(site.line, f"{name}=None removed: ChatMistralAI takes no None there, and its default "
                                         f"timeout ({lc.NOT_NONE_FIELDS[target_name]}) now ends a request that "
                                         "ChatOpenAI let run without one (a long streamed answer): pass timeout= in "
                                         "whole seconds if requests may take longer")
                    continue
                notes.append(f"{name}=None removed (ChatMistralAI takes no None there: its default "
                             f"{lc.NOT_NONE_FIELDS[target_name]} applies)")
                continue
            if policy == lc.DROP_TODO:
                self.todo(site.line, f"{name}={code_of(arg.value)} removed: {detail}")
                continue
            if policy == lc.MOVE:
                if not moved:
                    slot = len(args)  # model_kwargs= takes the first one's place (and its line break)
                moved.append(arg)
                continue
            if policy == lc.RENAME:
                arg = arg.with_changes(keyword=cst.Name(detail))
            if name in ("model", "model_name"):
                before = arg.value.evaluated_value if isinstance(arg.value, cst.SimpleString) else None
                arg = arg.with_changes(value=self.mapped_model(arg.value, site.line, name))
                target = arg.value.evaluated_value if isinstance(arg.value, cst.SimpleString) else None
                if chat and isinstance(target, str) and target.startswith(REASONING_MODEL_PREFIX):
                    # (held-out review 143, X2: `ChatOpenAI(model="o3-mini")` became Magistral, whose reply .content
                    # is a list of blocks, printed and fed back into the history as such)
                    self.todo(site.line, lc.REASONING_REPLY_TODO.format(model=target, old=before,
                                                                         instead=NON_REASONING_MODEL))
            elif name in ("api_key", "openai_api_key"):
                key = self._api_key(arg.value, site.line)
                if key is None:
                    continue
                arg = arg.with_changes(value=key)
            elif name in ("stop", "stop_sequences") and isinstance(arg.value, cst.SimpleString):
                arg = arg.with_changes(value=cst.List([cst.Element(arg.value)]))
            args.append(arg)
        if chat and not any(a.keyword is not None and a.keyword.value in ("model", "model_name") for a in call.args):
            default = map_model(lc.CHAT_DEFAULT_MODEL, self.config.models())
            args.insert(0, keyword_arg("model_name", cst.SimpleString(f'"{default}"')))
            notes.append(f"model={default!r} written out (ChatOpenAI's default is {lc.CHAT_DEFAULT_MODEL!r})")
        steps: tuple = ()
        if not chat:  # as MIG107 / MIG121 say at each converted embedding model
            model = next((a.value for a in args if a.keyword is not None and a.keyword.value in ("model", "model_name")),
                         None)
            shown = model.evaluated_value if isinstance(model, cst.SimpleString) else \
                "a Mistral model" if model is not None else MISTRAL_EMBED_MODEL
            todo = (chunker_todo if site.chunker_only else vectors_todo)(shown)
            if "CacheBackedEmbeddings" in self.facts.names_in_use:  # held-out review 5 (jangtaehun)
                todo += ("; CacheBackedEmbeddings here serves the OpenAI vectors it cached for texts it has seen: "
                         "give it a new namespace= (or clear its store)")
            steps = () if site.chunker_only or site.in_memory_only else self.vectors_step(shown)
            # (no vector seen stored: the summary's step instead, held-out review 64, Y5; said once per module and
            # model by any rule, review 67)
            if site.in_memory_only:  # its vectors live as long as the run (held-out review 80, Y7)
                notes.append("its vectors only fill an in-memory store built on each run: nothing to re-embed")
            elif not steps and (site.chunker_only or "CacheBackedEmbeddings" in todo or
                                self.first_vectors_todo(shown)):
                self.todo(site.line, todo)
        if moved:
            args = self._model_kwargs(args, moved, slot)
            notes.append(", ".join(a.keyword.value for a in moved) + " sent through model_kwargs")  # type: ignore
        if not any(a.keyword is not None and a.keyword.value in ("api_key", "openai_api_key") for a in call.args) or \
                any(a.keyword is not None and a.keyword.value == "api_key" and _mistral_env_key(a.value) for a in args):
            # it reads MISTRAL_API_KEY now, as a converted SDK client does (held-out review 83, Y3: no deploy step; 85,
            # Y4: nor where `api_key=os.getenv("OPENAI_API_KEY")` was renamed)
            steps = (*steps, KEY_STEP)
        if mistral == "MistralAIEmbeddings" and not any(a.keyword is not None and a.keyword.value == "tokenizer"
                                                         for a in args):
            steps = (*steps, lc.TOKENIZER_STEP)
        self.converted(site.line, f"{site.cls}(...) -> {mistral}(...)" + (f" ({'; '.join(notes)})" if notes else ""),
                       "approximate", steps)
        return self._renamed(call, site, mistral, args)

    def _renamed(self, call: cst.Call, site: Site, mistral: str, args: list[cst.Arg]) -> cst.Call:
        """The constructor call with the Mistral class and its new arguments (import added when the
        OpenAI class stays imported for another site)."""
        if site.local in self.plan.replace:
            func = call.func if site.local != site.cls else cst.Name(mistral)  # an alias keeps its name
        else:
            func = cst.Name(mistral)
            self.need_import(self.lib.CLASSES[site.cls][2], mistral)
        args = finish_args(call.args, args)
        if not isinstance(call.whitespace_before_args, cst.ParenthesizedWhitespace):
            args = _realigned(args, len(code_of(func)) - len(code_of(call.func)), len(code_of(call.func)) + 1)
        return call.with_changes(func=func, args=args)

    def _api_key(self, value: cst.BaseExpression, line: int) -> Optional[cst.BaseExpression]:
        """The key the Mistral class gets; None to leave it out (an OpenAI secret written in the code:
        never sent to Mistral, nor repeated in the TODO)."""
        if openai_secret(value):
            self.todo(line, f"api_key=<an OpenAI secret written in the code> removed ({self.lib.MISTRAL_PACKAGE} "
                            "reads MISTRAL_API_KEY); revoke the secret, it stays in the repository's history")
            return None
        code = code_of(value)
        if self.facts.qualify(code) == "openai.api_key":
            # `openai_api_key=openai.api_key`: the openai module's key, an OpenAI one (held-out review 66, Y2: handed
            # to Mistral, every call a 401); left out, the class reads MISTRAL_API_KEY
            self.todo(line, f"api_key={code} (OpenAI's key) left out: {self.lib.MISTRAL_PACKAGE} reads "
                            "MISTRAL_API_KEY; set it where OPENAI_API_KEY is set today")
            return None
        secret = _streamlit_key(value)
        if secret is not None:
            # `api_key=st.secrets["OPENAI_API_KEY"]`: Mistral's secret, as MIG101 reads it for a client (held-out
            # review 69, Y2: the OpenAI key went to Mistral while the secrets example gained MISTRAL_API_KEY)
            self.todo(line, secret_key_todo(secret))
            return secret
        variable = next((read for read in KEPT_KEY_SOURCE.finditer(code) if read.group(1) and read.group(1) not in
                         ("OPENAI_API_KEY", "MISTRAL_API_KEY") and "openai" in read.group(1).lower()), None)
        if variable is not None:
            # `openai_api_key=os.environ["OPENAI_API_KEY_PROD"]`: another variable named for OpenAI, which holds an
            # OpenAI key (held-out review 168, Y1: handed to MistralAIEmbeddings silently, every call a 401)
            self.todo(line, f"api_key={code} reads {variable.group(1)}, an OpenAI key by its name, which Mistral "
                            f"rejects: read a Mistral key from a variable of its own (MISTRAL_API_KEY), or leave "
                            f"api_key= out ({self.lib.MISTRAL_PACKAGE} reads MISTRAL_API_KEY)")
            return value
        if ("OPENAI_API_KEY" in code or "MISTRAL_API_KEY" in code) and ("environ" in code or "getenv" in code):
            # (MIG101's environment rule may have renamed the read already: the plan's env site)
            return cst.ensure_type(value.visit(_RenameEnv()), cst.BaseExpression)
        renamed = self.facts.view.key_names if self.facts.view is not None else frozenset()
        helpers = self.facts.view.key_helpers if self.facts.view is not None else {}
        helper = helpers.get(code_of(value.func)) if isinstance(value, cst.Call) and not value.args else None
        if helper is not None:  # `api_key=utils.get_openai_key()` (held-out review 60, Y14)
            self.todo(line, f"api_key={code} reads OPENAI_API_KEY (in {helper}), which the app then still needs: "
                            f"make it read MISTRAL_API_KEY, or leave api_key= out ({self.lib.MISTRAL_PACKAGE} reads "
                            "MISTRAL_API_KEY)")
        elif code != "None" and code not in renamed and isinstance(value, cst.Attribute) and \
                not (isinstance(value.value, cst.Name) and value.value.value == "self"):
            # `settings.OPENAI_API_KEY`: a setting read from OPENAI_API_KEY where the settings are built, often
            # checked there at start-up (held-out review 62, Y37: "leave it out" left the app dying at import)
            # (worded as MIG101's for a client given the same setting: held-out review 92, X9)
            self.todo(line, f"api_key={code} must now hold a Mistral API key: pass the Mistral key (a MISTRAL_API_KEY "
                            f"setting beside it in {code_of(value.value)}), and make any start-up check of it ask for "
                            "that")
        elif code != "None" and code not in renamed:  # (a name the plan reads as MISTRAL_API_KEY where it is set)
            self.todo(line, f"api_key={code} must now hold a Mistral API key (or leave it out: "
                            f"{self.lib.MISTRAL_PACKAGE} reads MISTRAL_API_KEY)")
        return value

    @staticmethod
    def _model_kwargs(args: list[cst.Arg], moved: list[cst.Arg], slot: int) -> list[cst.Arg]:
        """``presence_penalty=0.5`` -> ``model_kwargs={"presence_penalty": 0.5}`` (into a literal
        model_kwargs= when there is one; the plan let no other kind through)."""
        comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        elements = [cst.DictElement(cst.SimpleString(f'"{a.keyword.value}"'), a.value,  # type: ignore[union-attr]
                                    comma=comma) for a in moved]
        for i, arg in enumerate(args):
            if arg.keyword is not None and arg.keyword.value == "model_kwargs" and isinstance(arg.value, cst.Dict):
                merged = [e.with_changes(comma=comma) for e in arg.value.elements] + elements
                merged[-1] = merged[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
                args[i] = arg.with_changes(value=arg.value.with_changes(elements=merged))
                return args
        elements[-1] = elements[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        args.insert(slot, moved[0].with_changes(keyword=cst.Name("model_kwargs"), value=cst.Dict(elements)))
        return args

    # -- imports and references to the classes ------------------------------------------------
    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self._in_import += 1
        if self.plan is None or not self.plan.legacy_imports or isinstance(node.names, cst.ImportStar) \
                or node.relative or node.module is None:
            return
        names = [(code_of(a.name), self._local(a)) for a in node.names]
        # (the plan's TODO lines, matched by line: a notebook's cell holding two legacy imports shifted every later
        # TODO one import up, into the wrong cell, when they were counted; held-out review 105, Y5)
        line = self.current_line()
        if legacy_import(self.lib, code_of(node.module), names, self.plan.locals) and line in self.plan.legacy_imports:
            at = self.plan.legacy_imports.index(line)
            spans = self.plan.legacy_spans
            text = self._legacy_todo(spans[at] if at < len(spans) else None) if self.lib is lc else self.lib.LEGACY_TODO
            if text:
                self.todo(line, text)

    def _legacy_todo(self, span: Optional[tuple[int, int]] = None) -> str:
        """The legacy-import TODO, naming every pre-1.0 import of the module (``from langchain.prompts import
        PromptTemplate``) and where LangChain 1.x keeps it; with ``span`` (a notebook cell's first and last line),
        those of that cell."""
        texts = self.__dict__.setdefault("_legacy_text", {})
        cached = texts.get(span)
        if cached is not None:  # (one text per module: the matcher walk over the module is slow)
            return cached
        imports: list = []
        classes: set = set()
        aliased: set = set()  # (imported under another name: `OpenAIEmbeddings as E`)
        tree = self.facts.tree  # (the module's ast: LibCST's matchers walked it three times, 0.17 s a module)
        for small in ast_walk(tree):
            if isinstance(small, ast.ImportFrom) and not small.level and small.module is not None and \
                    small.names[0].name != "*" and (span is None or span[0] <= small.lineno <= span[1]):
                names = [(a.name, a.asname or a.name) for a in small.names]
                if legacy_import(self.lib, small.module, names, self.plan.locals):
                    # (each name of each path once: two functions importing the same: held-out review 89, Y17)
                    known = next((held for module, held in imports if module == small.module), None)
                    if known is None:
                        imports.append((small.module, known := []))
                    known.extend(n for n, _ in names if n not in known)
                    aliased.update(n for n, local in names if local != n)
                    # (the classes whose import becomes Mistral's: a kept one stays, on its pre-1.0 path: held-out
                    # review 73, Y1)
                    classes.update(n for n, local in names if local in self.plan.replace)
        texts[span] = lc.legacy_todo(imports, frozenset(classes), self._unused_openai_classes(tree, imports) - aliased)
        return texts[span]

    @staticmethod
    def _unused_openai_classes(tree: ast.Module, imports: list) -> frozenset:
        """The OpenAI classes among the pre-1.0 ``imports`` that nothing in the module reads (its name appears only in
        its import; none where the module declares ``__all__``, which may export them)."""
        wanted = {name for _module, names in imports for name in names if name in lc.OPENAI_CLASS_NAMES}
        if not wanted:
            return frozenset()
        read: set = set()
        for node in ast_walk(tree):
            if isinstance(node, ast.Name):
                read.add(node.id)
            elif isinstance(node, ast.Attribute) and node.attr in wanted:
                read.add(node.attr)
        return frozenset() if "__all__" in read else frozenset(wanted - read)

    def visit_Module(self, node: cst.Module) -> None:
        self._module = node  # (codemods.llamaindex reads it)

    def _spent_local_imports(self, node: cst.ImportFrom) -> set:
        """The names a function-local import of the plan's classes binds that the function reads only in
        constructor calls that convert (the module keeps the class for another function's object)."""
        span = self._function_of(self.current_line())
        tree = getattr(self.facts, "tree", None)
        if span is None or tree is None:
            return set()
        function = next((n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and
                         (n.lineno, n.end_lineno or n.lineno) == span), None)
        if function is None:
            return set()
        spent = set()
        for alias in node.names:
            local = self._local(alias)
            if local not in self.plan.locals or local in self.plan.replace:
                continue  # (replaced in place where every object of the module converts)
            sites = [s for s in self.plan.sites if s.local == local and span[0] <= s.line <= span[1]]
            reads = [n for n in ast.walk(function) if isinstance(n, ast.Name) and n.id == local]
            if sites and all(s.verdict == CONVERT for s in sites) and len(reads) == len(sites):
                spent.add(local)
        return spent

    def _folded_module_key(self, node: cst.CSTNode) -> bool:
        """Is ``node`` the value of ``openai.api_key = ...`` in a module whose openai module client converts (MIG101
        turns the statement into the Mistral client, whose key read it renames)?"""
        view = self.facts.view
        statement = self.statement_stack[-1] if self.statement_stack else None
        tree = getattr(self.facts, "tree", None)
        if view is None or statement is None or tree is None:
            return False
        line = self.current_line()
        setting = next((n for n in tree.body if isinstance(n, ast.Assign) and n.lineno == line and
                        len(n.targets) == 1 and isinstance(n.targets[0], ast.Attribute) and
                        n.targets[0].attr == "api_key" and isinstance(n.targets[0].value, ast.Name) and
                        n.targets[0].value.id == "openai"), None)
        return setting is not None and any(c.kind == "module" and c.path == view.path and c.decision == "convert"
                                           for c in view.plan.clients)

    def _function_of(self, line: int) -> "tuple[int, int] | None":
        """The (first, last) lines of the innermost function holding ``line``, or None at the top level."""
        spans = self.__dict__.get("_function_spans")
        if spans is None:
            tree = getattr(self.facts, "tree", None)
            spans = self.__dict__["_function_spans"] = sorted(
                ((node.lineno, node.end_lineno or node.lineno) for node in ast.walk(tree)
                 if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))), key=lambda span: span[1] - span[0]
            ) if tree is not None else []
        return next((span for span in spans if span[0] <= line <= span[1]), None)

    @functools.cached_property
    def _env_setters(self) -> frozenset:
        """The module's functions setting the environment variable their first parameter names (``def _set_env(var):
        os.environ[var] = getpass.getpass(f"{var}: ")``, LangGraph's notebooks): a call naming OPENAI_API_KEY sets
        it as ``os.environ["OPENAI_API_KEY"] = ...`` does (held-out review 87, Y6: only the direct write got the
        TODO)."""
        found = set()
        tree = getattr(self.facts, "tree", None)  # (the module's ast: printing each function back cost seconds)
        for statement in getattr(tree, "body", ()):
            if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) or not statement.args.args:
                continue
            first = statement.args.args[0].arg
            if any(isinstance(node, ast.Assign) and any(
                    isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Name) and
                    target.slice.id == first and isinstance(target.value, ast.Attribute) and
                    target.value.attr == "environ" for target in node.targets) for node in ast.walk(statement)):
                found.add(statement.name)
        return frozenset(found)

    def leave_ImportFrom(self, original: cst.ImportFrom, updated: cst.ImportFrom):
        self._in_import -= 1
        if self.plan is not None and self.plan.sites and not isinstance(updated.names, cst.ImportStar) and \
                self.config.endpoint() is None and (spent := self._spent_local_imports(updated)):
            # `def summarize(): from langchain_openai import ChatOpenAI` whose function's objects all converted (the
            # module's import is kept for another function's): the Mistral class comes from the module's new import
            # (held-out review 89, Y15: the stale local import kept langchain-openai a need of the function)
            kept = [a for a in updated.names if self._local(a) not in spent]
            if not kept:
                self._emptied_at.add(self.current_line())
                return cst.RemoveFromParent()
            kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            return updated.with_changes(names=kept)
        if self.plan is None or not self.plan.replace or isinstance(updated.names, cst.ImportStar) \
                or self.config.endpoint() is not None:
            return updated
        module = code_of(updated.module) if updated.module is not None and not updated.relative else ""
        home = lc.core_home(module, [code_of(a.name) for a in updated.names]) if self.lib is lc and module else ""
        if home:
            # `from langchain.prompts import ChatPromptTemplate`: langchain-core (which langchain-mistralai 1.x brings)
            # holds every name: the import follows, exactly (held-out reviews 131 X4, 132 X5)
            self.converted(self.current_line(), f"from {module} import ... -> from {home} import ... (LangChain 1.x "
                                                "keeps these names in langchain-core)")
            return updated.with_changes(module=cst.parse_expression(home))
        classes = self.lib.CLASSES
        replaced = [a for a in updated.names if self._local(a) in self.plan.replace
                    and module in classes.get(code_of(a.name), ("", ()))[1]]
        if not replaced:
            return updated
        exported = {name for path, name in getattr(self.config, "langchain_exported", ())
                    if path == self.rule.context.filename}
        if any(self._local(a) in exported for a in replaced):
            # other modules take the class from here (`from settings import *`): it stays importable, the Mistral
            # class imported beside it (held-out review 111, Y1: their import failed at start-up)
            for alias in replaced:
                self.need_import(classes[code_of(alias.name)][2], classes[code_of(alias.name)][3])
            return original  # (as written: its names are not the renamed references)
        targets = {classes[code_of(a.name)][2] for a in replaced}
        if len(replaced) == len(updated.names) and len(targets) == 1:  # the whole statement moves: aliases and
            names = [a.with_changes(name=cst.Name(classes[code_of(a.name)][3])) for a in updated.names]  # layout stay
            target = targets.pop()
            tree = self.facts.tree
            imported = {alias.name for node in getattr(tree, "body", ()) if isinstance(node, ast.ImportFrom) and
                        node.module == target and not node.level for alias in node.names if alias.asname is None}
            if all(a.asname is None and code_of(a.name) in imported for a in names):
                # the module imports those Mistral classes already (`from langchain_mistralai import ChatMistralAI`
                # beside it): a second import would be a redefinition (held-out review 102, Y5: ruff F811)
                return cst.RemoveFromParent()
            # ... or an earlier statement of this module became that same import (`from langchain_openai import
            # ChatOpenAI` and `from langchain_community.chat_models import ChatOpenAI`, the second shadowing the first:
            # held-out review 115, Y5, two identical imports)
            written = (target, tuple(code_of(a.name) for a in names))
            moved = self.__dict__.setdefault("_moved_imports", set())
            # (not in a def, a try / except pair, an if; nor in a notebook, whose cells each import what they use)
            top = len(self.statement_stack) == 1 and not self.path and \
                not str(self.rule.context.filename or "").endswith(".ipynb")
            if all(a.asname is None for a in names) and top and written in moved:
                return cst.RemoveFromParent()
            if top:
                moved.add(written)
            return updated.with_changes(module=cst.parse_expression(target), names=names)
        for alias in replaced:
            self.need_import(classes[code_of(alias.name)][2], classes[code_of(alias.name)][3])
        kept = [a for a in updated.names if a not in replaced]
        kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return updated.with_changes(names=kept)

    def leave_Import(self, original: cst.Import, updated: cst.Import):
        """``import langchain_openai`` whose every use was a constructor that converted."""
        if self.plan is None or not self.plan.drop_modules or self.config.endpoint() is not None:
            return updated
        return without_aliases(updated, lambda alias: self._local(alias).split(".")[0] in self.plan.drop_modules)

    @staticmethod
    def _local(alias: cst.ImportAlias) -> str:
        return code_of(alias.asname.name) if alias.asname is not None else code_of(alias.name)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._not_refs.add(id(node.attr))
        renamed = self.plan.renamed_reads if self.plan is not None else ()
        if renamed and any(node.attr.value in table for table in self.lib.RENAMED_ATTRS.values()):
            if self._read < len(renamed) and renamed[self._read] and self.config.endpoint() is None:
                self._renames.add(id(node))
            self._read += 1

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.Attribute:
        """``llm.model_name`` of a converted ChatOpenAI -> ``llm.model`` (ChatMistralAI's field)."""
        if id(original) not in self._renames:
            return updated
        new = next(table[original.attr.value] for table in self.lib.RENAMED_ATTRS.values()
                   if original.attr.value in table)
        return updated.with_changes(attr=cst.Name(new))

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self._not_refs.add(id(node.keyword))
            if "key" in node.keyword.value.lower():
                # `Doctran(openai_api_key=os.getenv("OPENAI_API_KEY"))`, `OpenAI(api_key=...)`: a key handed to that
                # object, whose own TODO says what it needs (held-out review 113, Y2: "keep OPENAI_API_KEY set for it"
                # beside "set or check MISTRAL_API_KEY instead")
                self.__dict__.setdefault("_handed_keys", set()).add(id(node.value))

    def visit_Param(self, node: cst.Param) -> None:
        self._not_refs.add(id(node.name))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._not_refs.add(id(node.name))

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        """A function whose first statement was a local import removed (_spent_local_imports): the blank line that
        followed it does not open the body."""
        body = updated.body
        if not self._emptied_at or not isinstance(body, cst.IndentedBlock) or not body.body:
            return updated
        span = self._function_of(self.current_line())
        if span is None or not any(span[0] <= line <= span[1] for line in self._emptied_at) or \
                len(original.body.body) == len(body.body):
            return updated
        first = body.body[0]
        if not hasattr(first, "leading_lines") or not first.leading_lines or \
                any(line.comment is not None for line in first.leading_lines):
            return updated
        return updated.with_changes(body=body.with_changes(body=[first.with_changes(leading_lines=[]),
                                                                 *body.body[1:]]))

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._not_refs.add(id(node.name))

    def leave_AnnAssign(self, original: cst.AnnAssign, updated: cst.AnnAssign) -> cst.AnnAssign:
        """``x: ChatOpenAI = ChatOpenAI(a,\n b)``: the renamed annotation moves the opening parenthesis too."""
        shift = len(code_of(updated.annotation.annotation)) - len(code_of(original.annotation.annotation))
        value = updated.value
        if not shift or not isinstance(value, cst.Call) or isinstance(value.whitespace_before_args,
                                                                      cst.ParenthesizedWhitespace):
            return updated
        return updated.with_changes(value=value.with_changes(args=_realigned(list(value.args), shift)))

    def visit_Name(self, node: cst.Name) -> None:
        """A class named as a value (a registry's ``{"openai": OpenAIEmbeddings}``): one TODO per statement."""
        if self.plan is None or not self.plan.value_refs or self._in_import or id(node) in self._not_refs \
                or node.value not in self.plan.locals:
            return
        line = self.current_line()
        cls = self.plan.locals[node.value]
        if (line, cls) in self.plan.value_refs and (line, cls) not in self._told_refs:
            self._told_refs.add((line, cls))
            mistral = self.lib.CLASSES[cls]
            if self.plan.blocked:  # a manifest's pin keeps the module's objects on OpenAI (R-A2)
                self.todo(line, f"{cls} is named here as a value (not called): it stays on OpenAI: "
                                f"{self.plan.blocked}")
                return
            self.todo(line, f"{cls} is named here as a value (not called): wherever it is called, migrator does "
                            f"not see it, and it stays on OpenAI; to move it, use {mistral[2]}.{mistral[3]} here and "
                            "check the keywords those calls pass")

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        """An annotation or isinstance class naming a class whose every constructor here converts."""
        if self.plan is None or self._in_import or id(original) in self._not_refs or self.config.endpoint() \
                or original.value not in self.plan.replace or self.plan.locals[original.value] != original.value:
            return updated
        return updated.with_changes(value=self.lib.CLASSES[original.value][3])


LangChain.TRANSFORMER = _Transformer


def _self_copy(statement) -> bool:
    """``os.environ["OPENAI_API_KEY"] = os.getenv("OPENAI_API_KEY")`` (``os.environ.get(...)``) as a statement."""
    if not (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 and
            isinstance(statement.body[0], cst.Assign) and len(statement.body[0].targets) == 1):
        return False
    target, value = statement.body[0].targets[0].target, statement.body[0].value
    return isinstance(target, cst.Subscript) and _env_subscript_key(target) == "OPENAI_API_KEY" and \
        isinstance(value, cst.Call) and _env_call_key(value) == "OPENAI_API_KEY"


def _realigned(args: list[cst.Arg], shift: int, least: int = 0) -> list[cst.Arg]:
    """Continuation lines aligned with the opening parenthesis follow it when the class name's
    length changes (``ChatOpenAI(`` -> ``ChatMistralAI(``). ``least``: the narrowest indentation such a line can
    have (past the name and its parenthesis); a narrower one is a hanging indent of its own, left as it is (held-out
    review 114, Y7: `OpenAI(temperature=0,\n    api_key=...)` went to 7 spaces)."""
    if not shift:
        return args
    out = []
    for arg in args:
        comma = arg.comma
        if isinstance(comma, cst.Comma) and isinstance(comma.whitespace_after, cst.ParenthesizedWhitespace) and \
                len(comma.whitespace_after.last_line.value) >= least:
            after = comma.whitespace_after
            width = len(after.last_line.value) + shift
            if width > 0:
                arg = arg.with_changes(comma=comma.with_changes(whitespace_after=after.with_changes(
                    last_line=cst.SimpleWhitespace(" " * width))))
        out.append(arg)
    return out


class _RenameEnv(cst.CSTTransformer):
    """``os.getenv("OPENAI_API_KEY")`` -> ``os.getenv("MISTRAL_API_KEY")`` (the string only)."""

    def leave_SimpleString(self, original: cst.SimpleString, updated: cst.SimpleString) -> cst.SimpleString:
        if original.evaluated_value == "OPENAI_API_KEY":
            return updated.with_changes(value=updated.value.replace("OPENAI_API_KEY", "MISTRAL_API_KEY"))
        return updated


def _run_name_operand(value: cst.BaseExpression) -> bool:
    """``event["name"]``, ``type(llm).__name__``, ...: the plan's run_name_read, of a LibCST operand."""
    try:
        return run_name_read(ast.parse(code_of(value).strip(), mode="eval").body)
    except SyntaxError:
        return False


def _mistral_env_key(value: cst.BaseExpression) -> bool:
    """``os.getenv("MISTRAL_API_KEY")`` / ``os.environ["MISTRAL_API_KEY"]`` (an OpenAI read _api_key renamed): the
    variable the deploy must now set."""
    code = code_of(value)
    return "MISTRAL_API_KEY" in code and ("environ" in code or "getenv" in code)
