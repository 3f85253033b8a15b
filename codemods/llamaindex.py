"""MIG121: LlamaIndex's ``OpenAI`` / ``OpenAIEmbedding`` -> ``MistralAI`` / ``MistralAIEmbedding``."""

from __future__ import annotations

from typing import Optional

import libcst as cst

from codemods._base import code_of, keyword_arg
from codemods.langchain import _LLAMAINDEX, LangChain, Site, _mistral_env_key, _Transformer
from migrator.mapping import llamaindex as li
from migrator.mapping.client import KEY_STEP
from migrator.mapping.models import map_model
from migrator.plan.llamaindex import CONVERT, plan_module

# context.scratch key: the module's LlamaIndex plan (migrator.plan.llamaindex), set by the engine
LLAMAINDEX = _LLAMAINDEX


class LlamaIndex(LangChain):
    """Moves LlamaIndex's OpenAI LLM and embedding model to llama_index's Mistral integrations.

    **What it does.** ``OpenAI(...)`` from ``llama_index.llms.openai`` becomes ``MistralAI(...)``
    from ``llama_index.llms.mistralai``, and ``OpenAIEmbedding(...)`` becomes
    ``MistralAIEmbedding(...)`` from ``llama_index.embeddings.mistralai``. Model names map (no
    ``model=``: the LLM's default ``gpt-3.5-turbo`` is written as its Mistral counterpart);
    ``OpenAIEmbedding(model=...)`` -> ``MistralAIEmbedding(model_name=...)``; ``OPENAI_API_KEY`` read
    for ``api_key`` -> ``MISTRAL_API_KEY`` (a key given through ``openai.api_key = ...``, which llama_index's
    OpenAI reads and MistralAI does not, gets a TODO); ``temperature``, ``max_tokens``, ``timeout``,
    ``max_retries``, ``additional_kwargs``, ``system_prompt``, ``callback_manager``,
    ``embed_batch_size`` ... keep their names; OpenAI's own ``api_base``, ``reuse_client``, and what
    llama_index's OpenAI ignored (``streaming``, ``seed``, ``is_chat_model``, ``is_function_calling_model``,
    ``context_window``: its metadata derives them from the model) are removed. The object is followed
    through variables, ``self`` attributes and ``Settings.llm`` / ``Settings.embed_model``; its
    calls (``complete``, ``chat``, ``stream_chat``, ``acomplete``, ``achat``, ``astream_chat``,
    ``structured_predict``, ``get_text_embedding``, ``get_query_embedding``,
    ``get_text_embedding_batch``, ...) and LlamaIndex's indexes, engines and agents keep the same
    surface.

    **Why.** MistralAI calls Mistral's API through the mistralai SDK (``MISTRAL_API_KEY``); its
    constructor rejects keywords it does not know (OpenAI's ignores them), takes temperatures in
    [0, 1] only, and sends extra request keywords to mistralai's ``chat.complete`` by name.

    **Fix safety.** approximate: another model answers, and MistralAI caps answers at 512 tokens
    unless ``max_tokens=`` is set (a TODO says so where it is not); with mistralai 3.7 its
    ``max_retries`` has no effect (llama-index-llms-mistralai 0.11 passes an int where mistralai takes
    a RetryConfig; a TODO says so where it is passed). mistral-embed vectors have 1024 dimensions: each
    converted embedding model gets a TODO to re-index stored vectors. In a module whose LLM converts, an index
    built with no embed model gets a TODO: LlamaIndex's default embedding stays OpenAI's (and ``OPENAI_API_KEY``
    stays in the env files); so does an engine handed no ``llm=`` where no module sets ``Settings.llm`` (it
    answers with LlamaIndex's default LLM, OpenAI's). ``as_chat_engine(chat_mode="openai" / "react")`` in a module
    whose LLM converts gets a TODO: llama-index-core 0.14, which the Mistral integration needs, removed both modes;
    so do the legacy agents there (``ReActAgent.from_tools``, the agent workers, ``AgentRunner``), which core 0.13
    removed (the workflow agents replace them), and ``SubQuestionQueryEngine.from_defaults(...)`` handed no
    ``question_gen=`` (it imports llama-index-question-gen-openai, which has no release for core 0.14).

    **Known limits (the object stays on OpenAI, one TODO at its constructor).** A keyword with no
    equivalent (``dimensions``, ``default_headers``, ``http_client``, ``openai_client``,
    ``reasoning_effort``, ``strict``, ``logprobs``, ``additional_kwargs`` keys mistralai lacks,
    ``**kwargs``); a use, followed through the name, ``self`` attribute or ``Settings`` attribute it
    is bound to, that the Mistral class lacks or treats otherwise (``.api_key``, ``.api_base``,
    ``aget_text_embedding`` -- broken in llama-index-embeddings-mistralai 0.6 --, a call keyword that
    is not a mistralai chat parameter); an object handed to a class that takes only llama_index's
    OpenAI (``OpenAIAgent``, ``OpenAIPydanticProgram``) or to ``ServiceContext`` (gone from the
    llama-index-core the Mistral integration needs); an object handed to a function outside LlamaIndex, or returned
    from one not called in its module; a class imported from LlamaIndex's pre-0.10 paths (``from llama_index.llms import
    OpenAI``: upgrade LlamaIndex first). ``AzureOpenAI`` / ``AzureOpenAIEmbedding`` stay, with a
    TODO, as ``OpenAILike`` / ``OpenAILikeEmbedding`` do where they talk to OpenAI (no ``api_base``, or OpenAI's);
    an ``api_base`` / ``api_key`` of another provider leaves the object alone; a manifest's pin that
    llama-index-llms-mistralai / -embeddings-mistralai cannot be installed beside (``llama-index==0.10.12``, an
    integration capping llama-index-core) keeps the objects of that kind, naming the pin, as MIG116 does. Uses in
    other modules (of a module-level object or of ``Settings``) are not checked; ``migrator scan`` does not list these
    sites yet.

    **openai-compatible target.** Not converted: each OpenAI object gets a TODO saying it still calls
    OpenAI and naming ``OpenAILike`` / ``OpenAILikeEmbedding`` with the provider's ``api_base`` and key
    variable (llama_index's OpenAI classes check model names against OpenAI's list).
    """

    CODE = "MIG121"
    NAME = "llamaindex"
    SAFETY = "approximate"
    TARGETS = ("mistral", "openai-compatible")
    DESCRIPTION = "LlamaIndex OpenAI / OpenAIEmbedding -> llama_index MistralAI / MistralAIEmbedding"
    BEFORE = ('from llama_index.core import Settings\n'
              'from llama_index.embeddings.openai import OpenAIEmbedding\n'
              'from llama_index.llms.openai import OpenAI\n\n'
              'Settings.llm = OpenAI(model="gpt-4o", temperature=0.1, max_tokens=1024)\n'
              'Settings.embed_model = OpenAIEmbedding(model="text-embedding-3-small")\n')
    AFTER = ('from llama_index.core import Settings\n'
             'from llama_index.embeddings.mistralai import MistralAIEmbedding\n'
             'from llama_index.llms.mistralai import MistralAI\n\n'
             'Settings.llm = MistralAI(model="mistral-large-latest", temperature=0.1, max_tokens=1024)\n'
             '# TODO(migrator MIG121): embeddings now come from mistral-embed (1024 dimensions), not an OpenAI model: '
             're-embed stored vectors and check the vector index\'s dimension before mixing old and new ones\n'
             'Settings.embed_model = MistralAIEmbedding(model_name="mistral-embed")\n')

    SCRATCH = LLAMAINDEX
    plan_module = staticmethod(plan_module)


class _LlamaIndexTransformer(_Transformer):
    lib = li

    def _source(self) -> str:
        module = self.__dict__.get("_module")
        return module.code if module is not None else ""

    def _openai_module_key(self) -> Optional[str]:
        """The value of the module's ``openai.api_key = <value>``, unless it reads OPENAI_API_KEY from the
        environment (MISTRAL_API_KEY is then the variable to set, which the env files say)."""
        import libcst.matchers as m

        module = self.__dict__.get("_module")
        if module is None:
            return None
        for assign in m.findall(module, m.Assign(targets=[m.AssignTarget(m.Attribute(value=m.Name("openai"),
                                                                                    attr=m.Name("api_key")))])):
            value = code_of(assign.value)  # type: ignore[attr-defined]
            if not ("OPENAI_API_KEY" in value and ("environ" in value or "getenv" in value)):
                return value
        return None

    def visit_Call(self, node: cst.Call) -> None:
        super().visit_Call(node)
        self._default_models_here()
        if isinstance(node.func, cst.Attribute) and node.func.attr.value == "as_chat_engine" and \
                self.plan is not None and self.config.endpoint() is None and any(
                    site.verdict == CONVERT and li.CLASSES[site.cls][0] == li.CHAT for site in self.plan.sites):
            mode = next((arg.value for arg in node.args if arg.keyword is not None and
                         arg.keyword.value == "chat_mode"), None)
            name = mode.evaluated_value if isinstance(mode, cst.SimpleString) else \
                mode.attr.value.lower() if isinstance(mode, cst.Attribute) and code_of(mode.value) == "ChatMode" else ""
            if name in li.REMOVED_CHAT_MODES:
                self.todo(self.current_line(), li.CHAT_MODE_TODO.format(
                    mode=code_of(mode), openai=li.CHAT_MODE_OPENAI if name == "openai" else ""))
        written = code_of(node.func) if isinstance(node.func, (cst.Name, cst.Attribute)) else ""
        if written in li.LEGACY_AGENT_CALLS and self.plan is not None and self.config.endpoint() is None and any(
                site.verdict == CONVERT and li.CLASSES[site.cls][0] == li.CHAT for site in self.plan.sites):
            self.todo(self.current_line(), li.LEGACY_AGENT_TODO.format(call=written))
        if written == li.SUB_QUESTION_CALL and self.plan is not None and self.config.endpoint() is None and \
                not any(arg.keyword is None and arg.star or arg.keyword is not None and
                        arg.keyword.value == "question_gen" for arg in node.args) and \
                any(site.verdict == CONVERT for site in self.plan.sites):
            self.todo(self.current_line(), li.SUB_QUESTION_TODO)

    def _default_models_here(self) -> None:
        """At the statement running on LlamaIndex's default embedding (an index built with no embed model) or LLM (an
        engine handed no llm=), in a module whose LLM / some object converts: the TODO saying so (it sat at the
        converted constructor: held-out review 80, Y6)."""
        view = self.facts.view
        # (a module with no LlamaIndex OpenAI class of its own has no plan: its engine on the default LLM still counts)
        sites = self.plan.sites if self.plan is not None else ()
        line = self.current_line() if view is not None else 0
        if not line or line not in (view.default_line("embedding"), view.default_line("llm")) or \
                self.config.endpoint() is not None:
            return  # (called for every call of the module: the statements running on a default are few)
        chat = [site for site in sites if li.CLASSES[site.cls][0] == li.CHAT]
        if line == view.default_line("embedding") and view.default_embedding and \
                any(site.verdict == CONVERT for site in chat) and not self.__dict__.get("_default_embedding_said"):
            self._default_embedding_said = True
            self.todo(line, li.LATE_EMBEDDING_TODO if view.default_line("late") == line else li.DEFAULT_EMBEDDING_TODO)
        # (or where the run converts elsewhere: a module building its engine with another provider's embed model and
        # no LLM of its own answers with OpenAI's, silently; held-out review 103, Y3)
        # (not where the module's index runs on the default embedding too: that TODO names the LLM as well)
        if line == view.default_line("llm") and view.default_llm and (
                any(site.verdict == CONVERT for site in sites) or not view.default_line("embedding") and (
                    view.any_converted or any(row[4] == CONVERT for row in view.plan.wrapper_objects))) and \
                not self.__dict__.get("_default_llm_said"):
            self._default_llm_said = True
            bound = self._module_llm_names() if chat and all(site.verdict == CONVERT and site.line < line
                                                              for site in chat) else []
            said = li.LATE_LLM_TODO if view.default_line("llm_late") == line else li.DEFAULT_LLM_TODO
            more = view.default_llm_more
            self.todo(line, said.format(engine=view.default_llm,
                                        llm=bound[0] if len(bound) == 1 else li.DEFAULT_LLM_PASSED) + (
                "; so do " + ", ".join(f"{name}(...)" for name in more[:4]) +
                (f" and {len(more) - 4} more" if len(more) > 4 else "") + " below, each handed no llm=" if more else ""))

    def _module_llm_names(self) -> list[str]:
        """The module-level names bound to a call of the module's LlamaIndex OpenAI LLM (``llm = OpenAI(...)``)."""
        module = self.__dict__.get("_module")
        names = []
        for statement in module.body if module is not None else ():
            for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else ():
                if isinstance(small, cst.Assign) and len(small.targets) == 1 and \
                        isinstance(small.targets[0].target, cst.Name) and isinstance(small.value, cst.Call) and \
                        isinstance(small.value.func, (cst.Name, cst.Attribute)) and \
                        li.CLASSES.get(self.plan.locals.get(code_of(small.value.func), ""), ("",))[0] == li.CHAT:
                    names.append(small.targets[0].target.value)
        return names

    def _convert(self, call: cst.Call, site: Site, mistral: str) -> cst.Call:
        llm = li.CLASSES[site.cls][0] == li.CHAT
        table = li.LLM_KEYWORDS if llm else li.EMBEDDING_KEYWORDS
        args, notes, written = [], [], set()
        for arg in call.args:
            name = arg.keyword.value if arg.keyword is not None else ""
            if name == "api_base":
                notes.append("api_base (OpenAI's endpoint) removed" + (": MistralAI reads MISTRAL_ENDPOINT"
                                                                       if llm else ""))
                if not isinstance(arg.value, (cst.SimpleString, cst.ConcatenatedString)) and \
                        not (isinstance(arg.value, cst.Name) and arg.value.value == "None"):
                    # a setting (OPENAI_BASE_URL) may point at a gateway or proxy where the app is deployed
                    self.todo(site.line, f"api_base={code_of(arg.value)} removed: if it points at a gateway or "
                                         "proxy where this runs, " + ("pass its Mistral-side URL as endpoint=" if llm
                                                                     else "MistralAIEmbedding cannot follow it"))
                continue
            policy, detail = table[name]
            if policy == li.DROP:
                notes.append(f"{name} removed ({detail})")
                continue
            if policy == li.DROP_TODO:
                self.todo(site.line, f"{name}={code_of(arg.value)} removed: {detail}")
                continue
            if policy == li.RENAME:
                arg = arg.with_changes(keyword=cst.Name(detail))
            if name in ("model", "model_name"):
                arg = arg.with_changes(value=self.mapped_model(arg.value, site.line))
            elif name == "api_key":
                key = self._api_key(arg.value, site.line)
                if key is None:
                    continue
                arg = arg.with_changes(value=key)
            elif name == "additional_kwargs" and isinstance(arg.value, cst.Dict):
                # {"seed": 1}: mistralai's chat.complete takes random_seed (the plan let only that key through;
                # held-out review 51, M10)
                def seed(element) -> bool:
                    return isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString) and \
                        element.key.evaluated_value == "seed"

                if any(seed(element) for element in arg.value.elements):
                    arg = arg.with_changes(value=arg.value.with_changes(elements=[
                        element.with_changes(key=cst.SimpleString(f"{element.key.quote}random_seed{element.key.quote}"))
                        if seed(element) else element for element in arg.value.elements]))
                    notes.append("additional_kwargs' seed -> random_seed")
            written.add(arg.keyword.value)  # type: ignore[union-attr]
            args.append(arg)
        if "model" not in written and "model_name" not in written:
            old = li.LLM_DEFAULT_MODEL if llm else li.EMBEDDING_DEFAULT_MODEL
            default = map_model(old, self.config.models())
            if llm or default != li.MISTRAL_EMBEDDING_DEFAULT:
                args.insert(0, keyword_arg("model" if llm else "model_name", cst.SimpleString(f'"{default}"')))
                notes.append(f"model {default!r} written out ({site.cls}'s default is {old!r})")
        key_steps: tuple = ()
        if any(a.keyword is not None and a.keyword.value == "api_key" and _mistral_env_key(a.value) for a in args):
            key_steps = (KEY_STEP,)  # `api_key=os.getenv("OPENAI_API_KEY")`, renamed (held-out review 85, Y4)
        elif "api_key" not in written:
            key = self._openai_module_key()
            if key is None:  # it reads MISTRAL_API_KEY (a ValueError when built without: held-out review 83, Y3)
                key_steps = (KEY_STEP,)
            else:
                # `openai.api_key = st.secrets.OPENAI_API_KEY`: llama-index's OpenAI reads it, MistralAI only api_key=
                # or MISTRAL_API_KEY (a ValueError when built: held-out review 43, X4)
                self.todo(site.line, f"{site.cls}(...) took its key from openai.api_key = {key}; {mistral} reads only "
                                     "api_key= or MISTRAL_API_KEY (a ValueError when it is built without one): pass "
                                     "api_key= a Mistral key, or set MISTRAL_API_KEY")
        if llm and "max_tokens" not in written:
            self.todo(site.line, li.MAX_TOKENS_TODO)
        view = self.facts.view
        if llm and view is None and li.uses_default_embedding(self._source()) and \
                not self.__dict__.get("_default_embedding_said"):
            self._default_embedding_said = True  # (standalone use: no plan says where the index is built)
            self.todo(site.line, li.DEFAULT_EMBEDDING_TODO)
        if llm and "max_retries" in written:
            self.todo(site.line, li.MAX_RETRIES_TODO)
        steps = () if llm else self.vectors_step(li.MISTRAL_EMBEDDING_DEFAULT)
        # (no vector seen stored: the summary's step instead, held-out review 64, Y5; once per module, review 67)
        if not llm and not steps and self.first_vectors_todo(li.MISTRAL_EMBEDDING_DEFAULT):
            self.todo(site.line, li.EMBEDDING_TODO)
        self.converted(site.line, f"{site.cls}(...) -> {mistral}(...)" + (f" ({'; '.join(notes)})" if notes else ""),
                       "approximate", (li.RETRY_STEP, *key_steps, *steps))
        return self._renamed(call, site, mistral, args)


LlamaIndex.TRANSFORMER = _LlamaIndexTransformer
