"""LangChain: ``langchain_openai.ChatOpenAI`` -> ``langchain_mistralai.ChatMistralAI`` and
``OpenAIEmbeddings`` -> ``MistralAIEmbeddings`` (MIG116).

Checked against the installed packages, langchain-openai 1.7.4 and langchain-mistralai 1.1.6
(``model_fields``, aliases, validators, and the request each class builds):

* ChatMistralAI speaks HTTP itself (httpx, not the mistralai SDK): ``POST {endpoint}/chat/completions``
  with ``Authorization: Bearer <api_key>``. ``endpoint`` (alias ``base_url``) defaults to
  ``$MISTRAL_BASE_URL`` or ``https://api.mistral.ai/v1``; ``api_key`` to ``$MISTRAL_API_KEY``.
* Its request holds model, temperature, max_tokens, top_p, random_seed, safe_prompt, ``model_kwargs``
  and ``stop``; a keyword that is no field goes to ``model_kwargs`` with a warning (``build_extra``).
* ``temperature`` and ``top_p`` must lie in [0, 1] (a ValueError otherwise); ``timeout`` is whole
  seconds (an int field); ``stop`` is a list; the default temperature is 0.7 (OpenAI's server: 1).
* MistralAIEmbeddings forbids unknown keywords (``extra="forbid"``); its ``endpoint`` has no
  ``base_url`` alias and ignores ``$MISTRAL_BASE_URL``; it loads a Hugging Face tokenizer when built
  (for batching), falling back to ``len()`` offline.
"""

from __future__ import annotations

from types import MappingProxyType

CHAT, EMBEDDINGS, AZURE = "chat", "embeddings", "azure"
COMPLETION = "completion"  # LangChain's OpenAI completion LLM (gpt-3.5-turbo-instruct): no Mistral class
MISTRAL_PACKAGE = "langchain_mistralai"  # where the Mistral classes come from
# An object on an endpoint the app's configuration gives: what to do besides pointing it at Mistral (None: the
# configured-endpoint TODO's own advice holds); LlamaIndex's differs (migrator.mapping.llamaindex)
CONFIGURED_ENDPOINT_ADVICE = None

# Where LangChain's OpenAI classes are imported from (the legacy paths of langchain < 0.2 too).
CHAT_MODULES = ("langchain_openai", "langchain_openai.chat_models", "langchain_openai.chat_models.base",
                "langchain_community.chat_models", "langchain_community.chat_models.openai",
                "langchain.chat_models", "langchain.chat_models.openai")
EMBEDDING_MODULES = ("langchain_openai", "langchain_openai.embeddings", "langchain_openai.embeddings.base",
                     "langchain_community.embeddings", "langchain_community.embeddings.openai",
                     "langchain.embeddings", "langchain.embeddings.openai")
# Imports of LangChain before its 1.0 packages: converted code needs LangChain 1.x.
LEGACY_PREFIXES = ("langchain.", "langchain_community")
# OPENAI_API_KEY set or checked in a module whose converted objects read the key themselves (LangChain's and
# LlamaIndex's: env_todo names them; one TODO for both where a module has both, held-out review 80, Y8)
ENV_TODO_TEXT = ("OPENAI_API_KEY is used here, but the converted {classes} read MISTRAL_API_KEY: with only "
                 "MISTRAL_API_KEY set, a check of OPENAI_API_KEY here fails and a key set here is not read; set or "
                 "check MISTRAL_API_KEY instead if this is about them")


def env_todo(classes) -> str:
    """ENV_TODO_TEXT naming the Mistral classes the module's converted objects are (held-out review 117, Y5: "the
    converted ChatMistralAI / MistralAIEmbeddings" where only embeddings converted), "reads" for one."""
    named = " / ".join(sorted(set(classes)))
    text = ENV_TODO_TEXT.format(classes=named)
    if len(set(classes)) == 1:
        text = text.replace(f"{named} read ", f"{named} reads ", 1).replace("about them", "about it", 1)
    return text


def env_kept_todo(classes, kept) -> str:
    """ENV_TODO_TEXT's case where objects of the module staying on OpenAI (``kept``: their classes) read
    OPENAI_API_KEY too: the key stays, and MISTRAL_API_KEY is needed as well."""
    named = " / ".join(sorted(set(classes))) or "Mistral objects"
    one, many = len(set(classes)) <= 1, len(kept) > 1
    return (f"OPENAI_API_KEY is used here, and {' / '.join(f'{c}(...)' for c in kept)}, kept on OpenAI in this "
            f"module, still {'need' if many else 'needs'} it: keep it; the converted {named} "
            f"{'reads' if one else 'read'} MISTRAL_API_KEY, which must be set as well")


# a chat object mapped to a Mistral reasoning model: its reply's content is a list of blocks (held-out review 143, X2)
REASONING_REPLY_TODO = ("{model} is a reasoning model: its reply's .content comes back as a list of blocks (thinking, "
                        "then text), not a str: read .text (the text blocks joined) where the code reads .content, or "
                        "map this model to a non-reasoning one (--model {old}={instead})")


# ... at `os.environ["OPENAI_API_KEY"] = os.getenv("OPENAI_API_KEY")` (held-out review 115, Y2)
SELF_COPY_TODO = ("this line copies OPENAI_API_KEY onto itself, and raises TypeError at import where OPENAI_API_KEY is "
                  "unset (the env templates now set MISTRAL_API_KEY); the converted LangChain / LlamaIndex objects "
                  "read MISTRAL_API_KEY from the environment themselves: delete it, or make it copy MISTRAL_API_KEY "
                  "if the key has to be exported here")
# LangChain's vector stores that hold their vectors in the process (rebuilt on every run), the class methods that
# build one from an embeddings object, and the methods that write or read one (a module calling one stores vectors)
IN_MEMORY_STORES = frozenset({"InMemoryVectorStore", "DocArrayInMemorySearch"})
STORE_BUILDERS = frozenset({"from_documents", "from_texts", "afrom_documents", "afrom_texts", "from_params"})
IN_MEMORY_STORE_IO = frozenset({"dump", "load", "persist", "save_local", "load_local"})
# ... and stores in memory unless given where to keep their vectors (Chroma with none of these builds an ephemeral
# chromadb client, which cannot be saved later: held-out review 81, Y6; not FAISS, whose index another module may
# save_local)
STORES_IN_MEMORY_UNLESS = MappingProxyType({"Chroma": frozenset({"persist_directory", "client", "client_settings"})})
# LangChain's OpenAI cost callback in a module whose chat model converts (held-out review 25, B5: Cyberfortress's
# daily cost cap read cb.total_cost, which OpenAICallbackHandler prices from its OpenAI table alone).
# response_metadata keys only ChatOpenAI's messages carry (ChatMistralAI's: token_usage, model_name, model,
# finish_reason, model_provider): a subscript read raises KeyError once the object converts (held-out review 71, Y3)
OPENAI_ONLY_METADATA = frozenset({"system_fingerprint", "service_tier"})
METADATA_TODO = ("{code}: ChatMistralAI's response_metadata has no {key} (OpenAI's only): a KeyError once the model "
                 "converted; read it with .get({key!r})")
# token-usage details only OpenAI reports: ChatMistralAI's token_usage holds prompt / completion / total tokens, its
# usage_metadata input / output / total tokens (langchain-mistralai 1.1; held-out review 90, Y4: KeyError, silently)
OPENAI_ONLY_USAGE = frozenset({"prompt_tokens_details", "completion_tokens_details", "input_token_details",
                               "output_token_details"})
USAGE_TODO = ("{code}: ChatMistralAI reports no {key} (OpenAI's cached / reasoning token counts): a KeyError once the "
              "model converted; read it with .get({key!r}, {{}})")
COST_CALLBACK = "get_openai_callback"
COST_CALLBACK_TODO = ("get_openai_callback() prices OpenAI models only: with the converted ChatMistralAI its "
                      "total_cost stays 0.0 (the token counts still add up); compute the cost from cb.prompt_tokens / "
                      "cb.completion_tokens at Mistral's prices, or use langchain_core.callbacks."
                      "get_usage_metadata_callback()")
# What langchain 1.x still has under langchain.* (module -> names): everything else moved to
# langchain-classic (chains, the old agents, memory, prompts ...) or langchain-core. None: the whole module.
# langchain-core modules 1.x removed (langchain_core.pydantic_v1, a shim over pydantic.v1: held-out review 53, Q2)
GONE_CORE_MODULES = ("langchain_core.pydantic_v1",)
LANGCHAIN_1_NAMES = MappingProxyType({
    "langchain.messages": None, "langchain.rate_limiters": None,
    # (langchain 1.x's langchain/tools/__init__.py exports these only: `from langchain.tools import DuckDuckGoSearchRun`
    # fails at import once langchain-mistralai brings 1.x in; held-out review 156, Y3)
    "langchain.tools": frozenset({"BaseTool", "InjectedState", "InjectedStore", "InjectedToolArg", "InjectedToolCallId",
                                  "ToolException", "ToolRuntime", "tool"}),
    "langchain.agents": frozenset({"create_agent", "AgentState"}),
    "langchain.chat_models": frozenset({"init_chat_model", "BaseChatModel"}),
    "langchain.embeddings": frozenset({"init_embeddings", "Embeddings"}),
    # create_agent's middleware and structured output, new in 1.0 (held-out review 63, X2: called "paths before 1.0")
    "langchain.agents.middleware": None, "langchain.agents.structured_output": None,
})
# (their submodules too: langchain.agents.middleware.types)
LANGCHAIN_1_PACKAGES = ("langchain.agents.middleware.",)
LEGACY_TODO = ("{imports}: LangChain paths before 1.0, which the LangChain of langchain-core >= 1.4.7 (what "
               "langchain-mistralai 1.x needs) no longer has: import {homes} (or pin the langchain-mistralai release "
               "that matches your langchain-core)")
# Where LangChain 1.x keeps what its pre-1.0 paths offered (held-out review 36, K6: the TODO said "chains and
# agents used here too" of a module importing PromptTemplate alone); the rest is in langchain-classic.
LEGACY_HOMES = MappingProxyType({
    "langchain_core.pydantic_v1": "pydantic (pydantic 2: BaseModel, Field, validator ...)",
    # (held-out review 65, Y5: it sent langchain.pydantic_v1 to langchain_classic, which has no such module)
    "langchain.pydantic_v1": "pydantic (pydantic 2: BaseModel, Field, validator ...)",
    "langchain.prompts": "langchain_core.prompts",
    # (re-review 37, M4: "langchain_core (messages, documents, ...)" named no importable module)
    "langchain.schema.output_parser": "langchain_core.output_parsers", "langchain.schema.runnable":
    "langchain_core.runnables", "langchain.schema.messages": "langchain_core.messages",
    "langchain.schema.document": "langchain_core.documents", "langchain.schema.retriever": "langchain_core.retrievers",
    "langchain.output_parsers": "langchain_core.output_parsers", "langchain.callbacks": "langchain_core.callbacks",
    "langchain.text_splitter": "langchain_text_splitters (pip install langchain-text-splitters)",
    "langchain.docstore.document": "langchain_core.documents",
    # (held-out review 90, Y7: Embeddings and HuggingFaceEmbeddings were sent to langchain_classic)
    "langchain.embeddings.base": "langchain_core.embeddings",
    # langchain_classic only forwards these to langchain_community, and raises ModuleNotFoundError without it
    # (langchain_classic/_api/module_import.py; held-out review 73, Y2: "pip install langchain-classic" did not do)
    **{f"langchain.{part}": f"langchain_community.{part} (pip install \"langchain-community>=0.3.29\")"
       for part in ("document_loaders", "vectorstores", "utilities", "document_transformers", "graphs", "embeddings")},
})
# Pre-1.0 paths whose names langchain-core keeps under one module (the names of langchain-core 1.8.3's __all__, stable
# since 0.1): an import of them only is rewritten there, exactly, instead of the legacy TODO (held-out reviews 131
# X4 and 132 X5: `from langchain.prompts import ChatPromptTemplate` left the converted file unable to import)
_CORE_NAMES = {
    "langchain_core.prompts": frozenset({
        "AIMessagePromptTemplate", "BaseChatPromptTemplate", "BasePromptTemplate", "ChatMessagePromptTemplate",
        "ChatPromptTemplate", "FewShotChatMessagePromptTemplate", "FewShotPromptTemplate", "FewShotPromptWithTemplates",
        "HumanMessagePromptTemplate", "MessagesPlaceholder", "PromptTemplate", "StringPromptTemplate",
        "SystemMessagePromptTemplate", "format_document", "load_prompt"}),
    "langchain_core.documents": frozenset({"BaseDocumentTransformer", "Document"}),
    "langchain_core.messages": frozenset({
        "AIMessage", "AIMessageChunk", "BaseMessage", "BaseMessageChunk", "ChatMessage", "FunctionMessage",
        "HumanMessage", "SystemMessage", "ToolMessage", "get_buffer_string", "messages_from_dict",
        "messages_to_dict"}),
    "langchain_core.output_parsers": frozenset({
        "BaseOutputParser", "CommaSeparatedListOutputParser", "JsonOutputParser", "ListOutputParser",
        "PydanticOutputParser", "SimpleJsonOutputParser", "StrOutputParser", "XMLOutputParser"}),
    "langchain_core.runnables": frozenset({
        "Runnable", "RunnableBranch", "RunnableConfig", "RunnableLambda", "RunnableParallel", "RunnablePassthrough",
        "RunnableSequence", "RunnableWithMessageHistory"}),
    "langchain_core.embeddings": frozenset({"Embeddings"}),
    "langchain_core.retrievers": frozenset({"BaseRetriever"}),
    # (what langchain.agents before 1.0 re-exported from langchain-core: held-out review 156, Y6, `from langchain.agents
    # import tool` was sent to langchain_classic)
    "langchain_core.tools": frozenset({"Tool", "tool"}),
}
CORE_HOMES = MappingProxyType({
    "langchain.prompts": ("langchain_core.prompts",), "langchain.prompts.chat": ("langchain_core.prompts",),
    # (held-out review 137, X6: their TODO named langchain_core.prompts, and left the import as it was)
    "langchain.prompts.prompt": ("langchain_core.prompts",), "langchain.prompts.few_shot": ("langchain_core.prompts",),
    "langchain.schema.retriever": ("langchain_core.retrievers",),
    "langchain.schema.document": ("langchain_core.documents",),
    "langchain.docstore.document": ("langchain_core.documents",),
    "langchain.schema.messages": ("langchain_core.messages",),
    "langchain.schema.output_parser": ("langchain_core.output_parsers",),
    "langchain.output_parsers": ("langchain_core.output_parsers",),
    "langchain.schema.runnable": ("langchain_core.runnables",),
    "langchain.embeddings.base": ("langchain_core.embeddings",),
    "langchain.agents": ("langchain_core.tools",),
    # `from langchain.schema import Document` / `HumanMessage, SystemMessage`: the module holding every name
    "langchain.schema": ("langchain_core.documents", "langchain_core.messages", "langchain_core.output_parsers",
                         "langchain_core.retrievers"),
})


def core_home(module: str, names: list) -> str:
    """The langchain-core module that holds every name a pre-1.0 ``from <module> import <names>`` imports, else ""."""
    return next((home for home in CORE_HOMES.get(module, ()) if names and set(names) <= _CORE_NAMES[home]), "")


# LangChain's OpenAI classes (langchain_openai's; pre-1.0 paths exported them too)
OPENAI_CLASS_NAMES = ("OpenAI", "ChatOpenAI", "OpenAIEmbeddings", "AzureOpenAI", "AzureChatOpenAI",
                      "AzureOpenAIEmbeddings")
# Names whose 1.x home is not their old module's (held-out review 66, Y3: get_openai_callback is not in
# langchain_core.callbacks; langchain_classic's python tool and agent raise "moved to langchain_experimental")
LEGACY_NAME_HOMES = MappingProxyType({
    "get_openai_callback": "langchain_community.callbacks (pip install langchain-community)",
    # langchain.callbacks' third-party handlers live in langchain_community.callbacks (its __init__'s lazy import
    # table), not langchain_core.callbacks (held-out review 148, X3: StreamlitCallbackHandler sent there, ImportError)
    **{name: "langchain_community.callbacks (pip install langchain-community)"
       for name in ("StreamlitCallbackHandler", "OpenAICallbackHandler", "WandbCallbackHandler",
                    "LLMThoughtLabeler")},
    "Embeddings": "langchain_core.embeddings",
    # (`from langchain.agents import tool, AgentExecutor`; `from langchain.tools import Tool`, which 1.x's
    # langchain.tools no longer exports)
    "tool": "langchain_core.tools", "Tool": "langchain_core.tools", "StructuredTool": "langchain_core.tools",
    "HuggingFaceEmbeddings": "langchain_huggingface (pip install langchain-huggingface)",
    # an OpenAI class kept (the completion LLM has no Mistral class): its 1.x home (held-out review 73, Y1: left out
    # of the list, and `from langchain.llms import OpenAI` failed at import under LangChain 1.x)
    **{name: "langchain_openai (pip install langchain-openai)" for name in OPENAI_CLASS_NAMES},
    **{name: "langchain_experimental (pip install langchain-experimental: langchain_experimental.tools, "
             ".utilities, .agents.agent_toolkits)"
       for name in ("PythonREPLTool", "PythonAstREPLTool", "PythonREPL", "create_python_agent",
                    "create_pandas_dataframe_agent", "create_csv_agent")},
})
# What langchain_core.output_parsers (langchain-core 1.8) exports: the other parsers of langchain.output_parsers
# (StructuredOutputParser, ResponseSchema, OutputFixingParser, RetryOutputParser, ...) are langchain_classic's
# (held-out review 84, Y4: "import StructuredOutputParser from langchain_core.output_parsers" raised ImportError)
CORE_OUTPUT_PARSERS = frozenset({
    "BaseCumulativeTransformOutputParser", "BaseGenerationOutputParser", "BaseLLMOutputParser", "BaseOutputParser",
    "BaseTransformOutputParser", "CommaSeparatedListOutputParser", "JsonOutputKeyToolsParser", "JsonOutputParser",
    "JsonOutputToolsParser", "ListOutputParser", "MarkdownListOutputParser", "NumberedListOutputParser",
    "PydanticOutputParser", "PydanticToolsParser", "SimpleJsonOutputParser", "StrOutputParser", "XMLOutputParser",
})
# `from langchain.schema import X`: where X is in langchain_core
SCHEMA_NAMES = MappingProxyType({
    **{name: "langchain_core.messages" for name in (
        "HumanMessage", "AIMessage", "SystemMessage", "BaseMessage", "ChatMessage", "FunctionMessage", "ToolMessage",
        "messages_from_dict", "messages_to_dict")},
    "Document": "langchain_core.documents", "BaseRetriever": "langchain_core.retrievers",
    "StrOutputParser": "langchain_core.output_parsers", "BaseOutputParser": "langchain_core.output_parsers",
    "OutputParserException": "langchain_core.exceptions", "LLMResult": "langchain_core.outputs",
    "ChatGeneration": "langchain_core.outputs", "Generation": "langchain_core.outputs",
})
LEGACY_COMMUNITY_HOME = "the langchain-community release that accepts langchain-core 1.x (>= 0.3.29)"
LEGACY_OTHER_HOME = "langchain_classic (pip install langchain-classic; or its langchain_core / langgraph successor)"


LEGACY_CLASSES_TODO = ("{imports}: LangChain paths before 1.0 (their Mistral classes now come from langchain_mistralai), "
                       "and langchain-mistralai 1.x needs langchain-core >= 1.4.7: move the project's LangChain to 1.x "
                       "(or pin the langchain-mistralai release that matches your langchain-core)")


LEGACY_UNUSED_TODO = ("{imports}: LangChain paths before 1.0, which the LangChain of langchain-core >= 1.4.7 (what "
                      "langchain-mistralai 1.x needs) no longer has, and the module does not use {them}: delete "
                      "{them} from the import")


def legacy_todo(imports: list[tuple[str, list[str]]], classes: frozenset = frozenset(),
                unused: frozenset = frozenset()) -> str:
    """MIG116's TODO for a module's ``from <module> import <names>`` of pre-1.0 LangChain paths, said once;
    ``classes``: the OpenAI classes among the names, which the rule replaces with Mistral's; ``unused``: the OpenAI
    classes among them the module never reads, which need no new home (held-out review 76, Y2: "pip install
    langchain-openai" for an unused OpenAIEmbeddings, in the diff that removed langchain-openai)."""
    others = [(module, [n for n in names if n not in classes]) for module, names in imports]
    others = [(module, names) for module, names in others if names]
    if not others and all(module.startswith("langchain_community") for module, _ in imports):
        # OpenAI classes of langchain_community, their imports now langchain_mistralai's: langchain-community 0.3.29+
        # serves LangChain 1.x, whose pins MIG116 checks before converting (held-out review 85, Y6: "move to 1.x"
        # was said on a project already there, above an import already rewritten)
        return ""
    if not others:
        return LEGACY_CLASSES_TODO.format(imports="; ".join(f"{', '.join(names)} from {module}"
                                                             for module, names in imports))
    # (each once, with where it is imported from: `from langchain import OpenAI` and `from langchain.llms import OpenAI`
    # read "OpenAI, OpenAI": held-out review 98, Y8)
    sources: dict = {}
    for module, names in others:
        for n in names:
            if n in unused:
                sources.setdefault(n, []).append(module)
    dead = [n if len(where) == 1 else f"{n} (from {' and from '.join(where)})" for n, where in sources.items()]
    needed = [(module, [n for n in names if n not in unused]) for module, names in others]
    needed = [(module, names) for module, names in needed if names]
    if not needed:
        them = "it" if len(dead) == 1 else "them"
        return LEGACY_UNUSED_TODO.format(imports="; ".join(f"{', '.join(names)} from {module}"
                                                           for module, names in others), them=them)
    text = LEGACY_TODO.format(imports="; ".join(f"{', '.join(names)} from {module}" for module, names in others),
                              homes=legacy_homes(needed))
    return text + (f"; {', '.join(dead)}: not used in this module, delete from the import" if dead else "")


def legacy_homes(imports: list[tuple[str, list[str]]]) -> str:
    """Where LangChain 1.x keeps each name of ``imports`` (pre-1.0 ``(module, names)``): "PromptTemplate from
    langchain_core.prompts; RetrievalQA from langchain_classic (...)"."""
    homes: dict[str, list[str]] = {}
    for module, names in imports:
        for name in names:
            home = SCHEMA_NAMES.get(name) if module == "langchain.schema" else None
            home = home or (LEGACY_NAME_HOMES.get(name) if module == "langchain" or module.startswith("langchain.")
                            else None)
            if module.split(".")[:2] == ["langchain", "output_parsers"] and name not in CORE_OUTPUT_PARSERS:
                home = home or LEGACY_OTHER_HOME
            home = home or next((h for m, h in LEGACY_HOMES.items() if module == m or module.startswith(m + ".")),
                                None)
            if home is None:
                home = LEGACY_COMMUNITY_HOME if module.startswith("langchain_community") else LEGACY_OTHER_HOME
            homes.setdefault(home, []).append(name)
    return "; ".join(f"{', '.join(dict.fromkeys(names))} from {home}" for home, names in homes.items())
# (class name, modules) -> (kind, Mistral module, Mistral class)
# a run's name compared with the name of a class some of whose objects convert (migrator.plan.decide._run_name_checks)
RUN_NAME_TODO = ("{cls!r}: LangChain names a model's runs and events after its class, and some {cls} objects of this "
                 "project now are {mistral} (their runs are named {mistral!r}) while others stay: compare with both "
                 "names where the runs of either reach this check")
CLASSES = MappingProxyType({
    "ChatOpenAI": (CHAT, CHAT_MODULES, "langchain_mistralai", "ChatMistralAI"),
    "OpenAIEmbeddings": (EMBEDDINGS, EMBEDDING_MODULES, "langchain_mistralai", "MistralAIEmbeddings"),
    "AzureChatOpenAI": (AZURE, CHAT_MODULES, "", ""),
    "AzureOpenAIEmbeddings": (AZURE, EMBEDDING_MODULES, "", ""),
    # the Azure completion LLM (held-out review 147, Y2: skipped with no TODO, not counted, beside AzureChatOpenAI's)
    "AzureOpenAI": (AZURE, ("langchain_openai", "langchain_openai.llms", "langchain_openai.llms.azure",
                            "langchain_community.llms", "langchain_community.llms.openai", "langchain.llms",
                            "langchain.llms.openai", "langchain"), "", ""),
    "OpenAI": (COMPLETION, ("langchain_openai", "langchain_openai.llms", "langchain_openai.llms.base",
                            "langchain_community.llms", "langchain_community.llms.openai", "langchain.llms",
                            "langchain.llms.openai", "langchain"), "langchain_mistralai", "ChatMistralAI"),
    # the deprecated LLM wrapper over the chat API (held-out review 97, Y2: a notebook's, said nowhere)
    "OpenAIChat": (COMPLETION, ("langchain_community.llms", "langchain_community.llms.openai", "langchain.llms",
                                "langchain.llms.openai"), "langchain_mistralai", "ChatMistralAI"),
})
# what a completion LLM's blocker says of ChatMistralAI's result, and what it says instead where the LLM is handed
# straight to a chain or agent, which takes a chat model's message too (held-out review 119, X5)
CHAT_RESULT_NOTE = " (its invoke() returns a message: read .content)"
CHAIN_RESULT_NOTE = " (the chain it is handed to takes a chat model too)"
# per class, where the completion kind's blocker does not describe it
COMPLETION_BLOCKERS = MappingProxyType({
    "OpenAIChat": ("LangChain's OpenAIChat (a deprecated LLM wrapper over OpenAI's chat API: invoke() returns a "
                   "str) has no langchain-mistralai counterpart: use ChatMistralAI, a chat model" + CHAT_RESULT_NOTE),
})
COMPLETION_BLOCKER = ("LangChain's OpenAI completion LLM (the legacy completions API, gpt-3.5-turbo-instruct) has "
                      "no langchain-mistralai class: use ChatMistralAI, a chat model" + CHAT_RESULT_NOTE)
# langchain-mistralai 1.x's MistralAIEmbeddings loads a tokenizer from huggingface.co when it is built (to size its
# batches; a gated repository: without HF_TOKEN it warns and counts characters; offline it waits on the network):
# held-out review 106, Y5 (23 s per build on a host with no network, built on every chat turn)
TOKENIZER_STEP = ("MistralAIEmbeddings fetches the mistralai/Mixtral-8x7B-v0.1 tokenizer from huggingface.co whenever "
                  "it is built (to size its batches; a gated repository: without HF_TOKEN it warns and counts "
                  "characters; with no network it waits for the timeout): give the hosts that build it network access "
                  "and HF_TOKEN, or pass tokenizer=; build it once, not per request")
# --target openai-compatible: the class stays, and still calls OpenAI unless pointed at the provider.
COMPAT_TODO = ("{name}(...) still calls OpenAI: this run moves the openai SDK's clients to {provider}; to move this one "
               "too, pass base_url=\"{base_url}\", api_key={key_code} and a model {provider} serves "
               "(langchain_openai takes them), or leave it on OpenAI")
# ... and for OpenAIEmbeddings: it sends tiktoken token ids unless told not to (its docstring says so for other
# providers), and another provider's vectors are not OpenAI's
COMPAT_EMBEDDINGS = ("; with check_embedding_ctx_length=False too (else it sends token ids, which {provider} does not "
                     "take), and re-embed what a vector store holds: {provider}'s vectors are not OpenAI's (another "
                     "size, another space)")
AZURE_TODO = ("an Azure OpenAI deployment stays on {name}; for a Mistral model use "
              "langchain_mistralai.{mistral}(model=..., endpoint=...) by hand")
AZURE_MISTRAL = MappingProxyType({"AzureChatOpenAI": "ChatMistralAI",
                                  "AzureOpenAIEmbeddings": "MistralAIEmbeddings",
                                  # (a completion LLM: Mistral's is a chat model, whose invoke() returns a message)
                                  "AzureOpenAI": "ChatMistralAI"})

# Constructor keywords. SAME: kept as written. RENAME: new keyword, same value. DROP: removed with a
# finding (no effect on a Mistral request). MOVE: a request parameter Mistral's API takes under the
# same name, which ChatMistralAI only sends from model_kwargs. Keywords not listed block the
# constructor (BLOCK gives the reason and the closest Mistral way). DROP_TODO: removed with a TODO, where the
# setting changed behaviour the Mistral class cannot keep (held-out review 36, L5: an embedding's retries).
SAME, RENAME, DROP, MOVE, DROP_TODO = "same", "rename", "drop", "move", "drop+todo"
# ChatMistralAI's fields typed without None (langchain-mistralai 1.1): ChatOpenAI(timeout=None, max_retries=None,
# temperature=None) means "the default" there, and fails validation here (held-out review 88, Y1) -> its default
NOT_NONE_FIELDS = MappingProxyType({"timeout": "120 s", "max_retries": "5", "temperature": "0.7", "top_p": "1",
                                    "streaming": "False", "max_concurrent_requests": "64"})
CHAT_KEYWORDS = MappingProxyType({
    # ChatMistralAI's model field is spelled model_name at construction by type checkers (its alias;
    # model= works at run time only through populate_by_name, and pyright flags it): value mapped
    "model": (RENAME, "model_name"), "model_name": (SAME, ""),
    "temperature": (SAME, ""),  # literal checked: ChatMistralAI accepts [0, 1] only
    "top_p": (SAME, ""), "max_tokens": (SAME, ""), "max_retries": (SAME, ""), "streaming": (SAME, ""),
    "model_kwargs": (SAME, ""),  # a literal dict with keys Mistral's API takes only
    # the field is mistral_api_key, its alias (the constructor keyword type checkers know) api_key
    "api_key": (SAME, ""), "openai_api_key": (RENAME, "api_key"),
    "timeout": (SAME, ""), "request_timeout": (RENAME, "timeout"),  # whole seconds
    "stop": (SAME, ""), "stop_sequences": (RENAME, "stop"),  # a string becomes a one-item list
    "seed": (RENAME, "random_seed"), "max_completion_tokens": (RENAME, "max_tokens"),
    "presence_penalty": (MOVE, ""), "frequency_penalty": (MOVE, ""), "n": (MOVE, ""),
    # BaseChatModel's own fields: the same on both classes
    "callbacks": (SAME, ""), "tags": (SAME, ""), "metadata": (SAME, ""), "verbose": (SAME, ""),
    "cache": (SAME, ""), "rate_limiter": (SAME, ""), "disable_streaming": (SAME, ""), "name": (SAME, ""),
    "custom_get_token_ids": (SAME, ""), "output_version": (SAME, ""),
    "organization": (DROP, "an OpenAI organization header"),
    "openai_organization": (DROP, "an OpenAI organization header"),
    "stream_usage": (DROP, "ChatMistralAI reports usage from Mistral's last stream chunk anyway"),
    "tiktoken_model_name": (DROP, "only for OpenAI token counting"),
    # (`disabled_params={"stop": None}` for gpt-5, which rejects stop: ChatMistralAI sends only the parameters it is
    # given, and Mistral's models take them; held-out review 105, Y10, seven objects kept on OpenAI for it)
    "disabled_params": (DROP, "parameters OpenAI's model rejects; Mistral's models take them"),
})
EMBEDDING_KEYWORDS = MappingProxyType({
    "model": (SAME, ""), "api_key": (SAME, ""), "openai_api_key": (RENAME, "api_key"),
    "max_retries": (SAME, ""), "timeout": (SAME, ""), "request_timeout": (RENAME, "timeout"),
    "organization": (DROP, "an OpenAI organization header"),
    "openai_organization": (DROP, "an OpenAI organization header"),
    "chunk_size": (DROP, "MistralAIEmbeddings batches by tokens (16k a request) itself"),
    "show_progress_bar": (DROP, "MistralAIEmbeddings has no progress bar"),
    "tiktoken_model_name": (DROP, "only for OpenAI's tokenizer"),
    "embedding_ctx_length": (DROP, "only for OpenAI's tokenizer"),
    # tiktoken's special-token check (`disallowed_special=()` lets "<|endoftext|>" in a text through):
    # MistralAIEmbeddings counts tokens with a Hugging Face tokenizer (tokenizers.Tokenizer.encode_batch), which
    # raises on none (held-out review 151, Y4: four objects, and a ChatOpenAI sharing their key, kept on OpenAI for it)
    "disallowed_special": (DROP, "tiktoken's special-token check; MistralAIEmbeddings' tokenizer raises on none"),
    "allowed_special": (DROP, "tiktoken's special-token check; MistralAIEmbeddings' tokenizer raises on none"),
    # dimensions=1024 only (another size keeps the object: plan.langchain._value_problem): mistral-embed returns
    # 1024 (held-out review 108, Y5: kept "because mistral-embed returns 1024 dimensions")
    "dimensions": (DROP, "mistral-embed returns the 1024 dimensions asked for"),
})
# Keywords that keep the object on OpenAI: why, and the closest Mistral way.
BLOCK = MappingProxyType({
    "dimensions": "mistral-embed returns 1024 dimensions, not configurable; codestral-embed takes "
                  "output_dimension through Mistral's SDK (client.embeddings.create) -- re-index your vectors",
    "default_headers": "ChatMistralAI has no header option; pass client=httpx.Client(base_url=..., headers=...) "
                       "with the Authorization header yourself",
    "headers": "MistralAIEmbeddings has no header option; pass client=httpx.Client(...) yourself",
    "http_client": "langchain_mistralai's client= (ChatMistralAI, MistralAIEmbeddings) is a plain httpx.Client "
                   "that must carry base_url and the Authorization header itself",
    "http_async_client": "langchain_mistralai's async_client= (ChatMistralAI, MistralAIEmbeddings) is a plain "
                         "httpx.AsyncClient that must carry base_url and the Authorization header itself",
    "default_query": "ChatMistralAI has no query-parameter option",
    "openai_proxy": "pass client=httpx.Client(proxy=..., base_url=..., headers=...) to ChatMistralAI",
    "reasoning_effort": "Mistral reasons with magistral models (model=\"magistral-medium-latest\"), no effort knob",
    "reasoning": "Mistral reasons with magistral models (model=\"magistral-medium-latest\"), no effort knob",
    "use_responses_api": "ChatMistralAI has no Responses API mode",
    "use_previous_response_id": "ChatMistralAI has no Responses API mode",
    "include": "ChatMistralAI has no Responses API mode", "truncation": "ChatMistralAI has no Responses API mode",
    "context_management": "ChatMistralAI has no Responses API mode",
    "store": "Mistral has no stored completions", "service_tier": "ChatMistralAI has no service tier",
    "verbosity": "Mistral has no verbosity parameter", "prompt_cache_options": "Mistral has no prompt cache options",
    "logprobs": "ChatMistralAI does not read log probabilities", "top_logprobs": "ChatMistralAI does not read "
                                                                               "log probabilities",
    "logit_bias": "Mistral has no logit_bias", "extra_body": "ChatMistralAI sends model_kwargs= instead; check "
                                                             "each key against Mistral's chat API",
    "include_response_headers": "ChatMistralAI does not return response headers",
    "stream_chunk_timeout": "use timeout=",
    "http_socket_options": "ChatMistralAI has no socket options",
    "deployment": "an Azure deployment name", "openai_api_version": "an Azure API version",
    "openai_api_type": "an Azure API type", "allowed_special": "OpenAI tokenizer option",
    "disallowed_special": "OpenAI tokenizer option", "check_embedding_ctx_length": "OpenAI tokenizer option",
    "tiktoken_enabled": "OpenAI tokenizer option", "skip_empty": "MistralAIEmbeddings has no skip_empty",
    "retry_min_seconds": "MistralAIEmbeddings waits wait_time= seconds between retries",
    "retry_max_seconds": "MistralAIEmbeddings waits wait_time= seconds between retries",
})
# Request parameters a model_kwargs / bind / invoke keyword may carry (Mistral's chat API takes them
# under the same names, api-mapping.md §2.2).
REQUEST_KEYS = frozenset({"temperature", "top_p", "max_tokens", "stop", "presence_penalty", "frequency_penalty",
                          "n", "tools", "tool_choice", "parallel_tool_calls", "random_seed", "safe_prompt",
                          "response_format"})
# Default model ChatOpenAI sends when none is given (langchain-openai 1.7.4); mapped like a model=.
CHAT_DEFAULT_MODEL = "gpt-3.5-turbo"
# What OpenAIEmbeddings embeds with when no model= is given (langchain-openai, checked against the installed one)
EMBEDDING_DEFAULT_MODEL = "text-embedding-ada-002"

# What code may do with a converted object (attributes both classes have with the same meaning).
RUNNABLE_METHODS = frozenset({
    "invoke", "ainvoke", "stream", "astream", "batch", "abatch", "batch_as_completed", "abatch_as_completed",
    "astream_events", "astream_log", "transform", "atransform", "bind", "with_config", "with_retry",
    "with_fallbacks", "with_listeners", "with_alisteners", "with_types", "pipe", "assign", "pick", "map",
    "configurable_fields", "configurable_alternatives", "as_tool", "get_name", "generate", "agenerate",
    "generate_prompt", "agenerate_prompt", "InputType", "OutputType", "input_schema", "output_schema",
    "get_input_schema", "get_output_schema", "config_schema", "get_graph", "get_prompts",
    "bind_tools", "with_structured_output",
})
CHAT_FIELDS = frozenset({"temperature", "max_tokens", "top_p", "max_retries", "streaming", "stop", "model_kwargs",
                         "callbacks", "tags", "metadata", "verbose", "cache", "rate_limiter", "disable_streaming",
                         "name", "model"})
EMBEDDING_ATTRS = frozenset({"embed_query", "embed_documents", "aembed_query", "aembed_documents", "model",
                             "max_retries"})
# Field reads spelled otherwise on the Mistral class: rewritten on a converted object (a write keeps it).
RENAMED_ATTRS = MappingProxyType({CHAT: MappingProxyType({"model_name": "model"})})
# ... read by name (`getattr(llm, "model_name", None)`), in a module whose chat object converts: None on ChatMistralAI
# (held-out review 100, Y3: a saved state held None, and the restore built ChatOpenAI(model=None))
GETATTR_RENAMED_TODO = ("getattr(..., {old!r}): a ChatMistralAI keeps it in .{new} ({old} is only its constructor "
                        "alias, and this reads None there): read {new!r} where this holds a converted object")
# Uses that keep the object on OpenAI: why.
BLOCKING_ATTRS = MappingProxyType({
    "client": "the raw OpenAI client (ChatMistralAI's client is an httpx.Client)",
    "async_client": "the raw OpenAI client (ChatMistralAI's async_client is an httpx.AsyncClient)",
    "root_client": "the raw OpenAI client; ChatMistralAI has none",
    "root_async_client": "the raw OpenAI client; ChatMistralAI has none",
    "get_num_tokens": "OpenAI's tiktoken counts; ChatMistralAI counts with a GPT-2 tokenizer it downloads",
    "get_num_tokens_from_messages": "OpenAI's tiktoken counts; ChatMistralAI counts with a GPT-2 tokenizer "
                                    "it downloads",
    "get_token_ids": "OpenAI's tiktoken ids; ChatMistralAI uses a GPT-2 tokenizer it downloads",
    "model_name": "ChatMistralAI's field is .model (model_name is only a constructor alias): a write to it",
    "openai_api_key": "ChatMistralAI's key is .mistral_api_key", "openai_api_base": "ChatMistralAI's URL is .endpoint",
    "dimensions": "MistralAIEmbeddings has no dimensions", "predict": "removed in langchain-core 1.x: use .invoke",
    "predict_messages": "removed in langchain-core 1.x: use .invoke", "call_as_llm": "removed: use .invoke",
})
# LangChain classes that count tokens with the chat model they are given (llm.get_num_tokens_from_messages): what for
TOKEN_COUNTING = MappingProxyType({
    "ConversationSummaryBufferMemory": "prunes its buffer by the model's token count",
    "ConversationTokenBufferMemory": "keeps the last messages by the model's token count",
})
# Method keywords allowed on a converted object (others keep it on OpenAI).
INVOKE_KEYWORDS = REQUEST_KEYS | {"config", "return_exceptions", "version", "include_names", "exclude_names"}
# the first parameter of a Runnable's / chat model's methods (langchain-core 1.x), which a call may pass by keyword
INVOKE_FIRST_PARAMETER = MappingProxyType({
    "invoke": "input", "ainvoke": "input", "stream": "input", "astream": "input", "astream_events": "input",
    "batch": "inputs", "abatch": "inputs", "generate": "messages", "agenerate": "messages"})
STRUCTURED_METHODS = ("function_calling", "json_mode", "json_schema")
# Libraries whose functions take any LangChain chat model / embeddings (only the common interface).
# (langserve's add_routes serves any Runnable: invoke / batch / stream; held-out review 112, Y8, "may rely on what
# ChatMistralAI lacks" kept the app's only served model on OpenAI)
LANGCHAIN_PACKAGES = ("langchain", "langgraph", "langsmith", "langserve")


# LangChain's OpenAI functions agents: they bind OpenAI's legacy functions= and read additional_kwargs["function_call"],
# which ChatMistralAI neither sends nor returns (held-out review 43, X2): the agent types and the builders
FUNCTIONS_AGENT_TYPES = ("OPENAI_FUNCTIONS", "OPENAI_MULTI_FUNCTIONS", "openai-functions", "openai-multi-functions")
# (create_conversational_retrieval_agent builds an OpenAIFunctionsAgent: held-out review 161, X1)
FUNCTIONS_AGENT_CALLS = frozenset({"create_openai_functions_agent", "OpenAIFunctionsAgent", "OpenAIMultiFunctionsAgent",
                                   "from_llm_and_tools", "create_conversational_retrieval_agent"})
# ... and its OpenAI functions chains (langchain.chains.openai_functions), which bind functions= / function_call= and
# parse additional_kwargs["function_call"] (JsonKeyOutputFunctionsParser): an OutputParserException with ChatMistralAI
# (re-review 45, B27); `llm.with_structured_output(Schema)` does the same with tools
FUNCTIONS_CHAIN_CALLS = frozenset({
    "create_extraction_chain", "create_extraction_chain_pydantic", "create_tagging_chain",
    "create_tagging_chain_pydantic", "create_openai_fn_runnable", "create_openai_fn_chain",
    "create_structured_output_runnable", "create_structured_output_chain", "create_qa_with_structure_chain",
    "create_qa_with_sources_chain", "create_citation_fuzzy_match_chain", "create_citation_fuzzy_match_runnable",
    "get_openapi_chain"})
# the agents that take agent_type= (the csv / pandas / spark / sql toolkits' builders): "tool-calling" is theirs
AGENT_TYPE_BUILDERS = ("create_csv_agent", "create_pandas_dataframe_agent", "create_spark_dataframe_agent",
                       "create_sql_agent", "create_json_agent", "create_openapi_agent", "create_xorbits_agent")


# A converted chat object handed messages ending with an assistant message: Mistral answers 400 unless it has "prefix",
# which langchain-mistralai forwards from an AIMessage's additional_kwargs (held-out review 87, Y3)
ASSISTANT_END_TODO = ("the messages end with an assistant message ({where}), which ChatMistralAI sends as it is: "
                      "Mistral wants the last one to be user or tool (a 400 otherwise): end with a user message "
                      "asking for the reply, or send it as AIMessage(content, additional_kwargs={{\"prefix\": True}}) "
                      "to have Mistral continue that text")
# crewAI rebuilds a LangChain model handed to it as a LiteLLM model named by its .model_name (llm_utils.create_llm),
# which ChatMistralAI lacks (held-out review 88, Y2: the crew got str(obj) as its model name)
CREWAI_HANDOFF = ("crewAI rebuilds it as a LiteLLM model from its .model_name, which ChatMistralAI lacks: keep it, or "
                  "give crewAI its own model, crewai.LLM(model=\"mistral/mistral-large-latest\") (it reads "
                  "MISTRAL_API_KEY), then convert")
