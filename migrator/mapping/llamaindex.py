"""LlamaIndex: ``llama_index.llms.openai.OpenAI`` -> ``llama_index.llms.mistralai.MistralAI`` and
``llama_index.embeddings.openai.OpenAIEmbedding`` -> ``llama_index.embeddings.mistralai.MistralAIEmbedding``
(MIG121).

Checked against the installed packages, llama-index-llms-openai 0.8.3 / llama-index-embeddings-openai
0.7.0 (with openai 2.54) and llama-index-llms-mistralai 0.11.0 / llama-index-embeddings-mistralai 0.6.0
(with mistralai 3.7.0, llama-index-core 0.14.25): ``__init__`` signatures, ``model_fields``, and what
each class sends (tests/test_rule_llamaindex.py holds the tables to them):

* MistralAI's ``__init__`` takes no ``**kwargs`` (an unknown keyword is a TypeError), while OpenAI's
  hands its ``**kwargs`` to pydantic, which ignores what is no field (``streaming=True``, ``seed=``:
  OpenAI sends neither). ``temperature`` must lie in [0, 1]; ``max_tokens`` defaults to **512**
  (OpenAI: no limit) and cannot be None. The key is ``api_key`` or ``$MISTRAL_API_KEY``, the endpoint
  ``endpoint=`` or ``$MISTRAL_ENDPOINT`` (default ``https://api.mistral.ai``).
* MistralAI sends ``additional_kwargs`` and every call's ``**kwargs`` as keywords of mistralai's
  ``chat.complete`` / ``chat.stream``: their names must be that method's parameters (REQUEST_KEYS).
* MistralAI hands ``max_retries`` to mistralai as ``retries=<int>``, which mistralai 3.7 ignores (it
  only takes a RetryConfig): a converted object does not retry (OpenAI's retried 3 times).
* MistralAIEmbedding builds ``Mistral(api_key=...)`` and nothing else: no endpoint, timeout or retry
  option (unknown keywords are ignored by pydantic); its model keyword is ``model_name`` (default
  ``mistral-embed``), OpenAIEmbedding's is ``model``. Its ``aget_text_embedding`` is broken in 0.6.0
  (it awaits the list the synchronous call returns: a TypeError); ``aget_text_embedding_batch`` and
  ``aget_query_embedding`` work.
"""

from __future__ import annotations

from types import MappingProxyType

from migrator.mapping.embeddings import vectors_todo
from migrator.mapping.langchain import DROP, DROP_TODO, RENAME, SAME

CHAT, EMBEDDINGS, AZURE = "chat", "embeddings", "azure"
LIKE = "openai-like"  # OpenAILike / OpenAILikeEmbedding: OpenAI's unless told another server
MISTRAL_PACKAGE = "llama_index's Mistral integration"  # "... reads MISTRAL_API_KEY" (messages)
# llama-index's OpenAI / OpenAIEmbedding check the model name against OpenAI's: pointed at Mistral's endpoint they
# refuse "mistral-small-latest" (held-out review 63, Y47)
CONFIGURED_ENDPOINT_ADVICE = ("llama-index's OpenAI classes take OpenAI model names only, so to use Mistral convert it "
                              "by hand to {target} (or OpenAILike with Mistral's URL)")

# (llama_index.legacy: llama-index 0.10's copy of the pre-0.10 package; held-out review 115, Y1, its OpenAI objects
# were not recognised at all: "Nothing to change")
LLM_MODULES = ("llama_index.llms.openai", "llama_index.llms.openai.base", "llama_index.llms",
               "llama_index.legacy.llms", "llama_index.legacy.llms.openai")
EMBEDDING_MODULES = ("llama_index.embeddings.openai", "llama_index.embeddings.openai.base", "llama_index.embeddings",
                     "llama_index.legacy.embeddings", "llama_index.legacy.embeddings.openai")
# (class name, modules) -> (kind, Mistral module, Mistral class)
CLASSES = MappingProxyType({
    "OpenAI": (CHAT, LLM_MODULES, "llama_index.llms.mistralai", "MistralAI"),
    "OpenAIEmbedding": (EMBEDDINGS, EMBEDDING_MODULES, "llama_index.embeddings.mistralai", "MistralAIEmbedding"),
    "AzureOpenAI": (AZURE, ("llama_index.llms.azure_openai", "llama_index.llms.azure_openai.base"), "", ""),
    "AzureOpenAIEmbedding": (AZURE, ("llama_index.embeddings.azure_openai",
                                     "llama_index.embeddings.azure_openai.base"), "", ""),
    # (held-out review 86, Y3: never looked at; with no api_base it talks to OpenAI, silently)
    "OpenAILike": (LIKE, ("llama_index.llms.openai_like", "llama_index.llms.openai_like.base"), "", ""),
    "OpenAILikeEmbedding": (LIKE, ("llama_index.embeddings.openai_like", "llama_index.embeddings.openai_like.base"),
                            "", ""),
})
# OpenAILike subclasses llama_index's OpenAI: with no api_base (or OpenAI's) it sends OPENAI_API_KEY to OpenAI's server
LIKE_MISTRAL = MappingProxyType({"OpenAILike": ("MistralAI", "llama-index-llms-mistralai"),
                                 "OpenAILikeEmbedding": ("MistralAIEmbedding", "llama-index-embeddings-mistralai")})
LIKE_CONFIGURED_ADVICE = ("to use Mistral, set that endpoint to https://api.mistral.ai/v1 with a Mistral api_key and "
                          "model (OpenAILike takes any model name), or convert it by hand to {target}")
LIKE_TODO = ("{name}(...) stays on OpenAI: with no api_base, or OpenAI's, it talks to OpenAI's server with "
             "OPENAI_API_KEY, as llama_index's OpenAI class does; to move it, use {mistral} ({package}) by hand, or "
             "give it api_base=\"https://api.mistral.ai/v1\", a Mistral api_key and a Mistral model")
AZURE_MISTRAL = MappingProxyType({"AzureOpenAI": "MistralAI", "AzureOpenAIEmbedding": "MistralAIEmbedding"})
# --target openai-compatible: llama_index's OpenAI classes check model names against OpenAI's list.
COMPAT_TODO = ("{name}(...) still calls OpenAI: this run moves the openai SDK's clients to {provider}; to move this one "
               "too, use llama_index's OpenAILike / OpenAILikeEmbedding (llama-index-llms-openai-like, "
               "llama-index-embeddings-openai-like) with api_base=\"{base_url}\", api_key={key_code} and a "
               "model {provider} serves, or leave it on OpenAI")
# ... an OpenAILike with no api_base (it talks to OpenAI; held-out review 105, Y3)
COMPAT_LIKE_TODO = ("{name}(...) still calls OpenAI (no api_base, or OpenAI's): this run moves the openai SDK's "
                    "clients to {provider}; to move this one too, give it api_base=\"{base_url}\", api_key={key_code} "
                    "and a model {provider} serves, or leave it on OpenAI")
AZURE_TODO = ("an Azure OpenAI deployment stays on {name}; for a Mistral model use {mistral}(model=..., ...) "
              "from llama_index's mistralai package by hand")
LEGACY_TODO = ""  # (MIG116's legacy-import TODO: pre-0.10 objects stay, with LEGACY_BLOCKER, instead)
# llama_index < 0.10 exported the classes here (one package); recognised so that they get a TODO
LEGACY_MODULES = ("llama_index.llms", "llama_index.embeddings", "llama_index.legacy.llms", "llama_index.legacy.llms.openai",
                  "llama_index.legacy.embeddings", "llama_index.legacy.embeddings.openai")
LEGACY_BLOCKER = ("imported from LlamaIndex's pre-0.10 path ({module}); llama-index-llms-mistralai / "
                  "-embeddings-mistralai need llama-index-core 0.14: upgrade LlamaIndex (ServiceContext -> "
                  "Settings) first")
# What the old LLM sends when no model= is given (llama-index-llms-openai 0.8.3); mapped like a model=.
LLM_DEFAULT_MODEL = "gpt-3.5-turbo"
EMBEDDING_DEFAULT_MODEL = "text-embedding-ada-002"
MISTRAL_EMBEDDING_DEFAULT = "mistral-embed"  # MistralAIEmbedding's own default
MISTRAL_DEFAULT_MAX_TOKENS = 512
EMBEDDING_TODO = vectors_todo(MISTRAL_EMBEDDING_DEFAULT)  # MIG107's, at each converted embedding model
# said in the summary's "Before you deploy" of each converted MistralAI / MistralAIEmbedding (held-out review 65, Y2)
RETRY_STEP = ("LlamaIndex's MistralAI / MistralAIEmbedding make one attempt per request (llama-index's OpenAI classes "
              "retried 3 / 10 times): MistralAI(..., additional_kwargs={\"retries\": RetryConfig(...)}) retries its "
              "chat calls; retry embeddings in your own code where a 429 / 5xx should be retried")
MAX_RETRIES_TODO = ("max_retries= has no effect on MistralAI (llama-index-llms-mistralai 0.11 hands mistralai an "
                    "int, which it ignores; llama_index's OpenAI retried): pass retries through a mistralai "
                    "RetryConfig if you need them")
# LlamaIndex classes that take only llama_index's OpenAI LLM (they check isinstance(llm, OpenAI)), and
# ServiceContext, gone from the llama-index-core that llama-index-llms-mistralai needs.
OPENAI_ONLY_CONSUMERS = MappingProxyType({
    "OpenAIAgent": "OpenAIAgent accepts only llama_index's OpenAI LLM: use FunctionAgent (llama_index.core.agent.workflow)",
    "OpenAIAssistantAgent": "OpenAIAssistantAgent runs on OpenAI's Assistants API",
    "OpenAIPydanticProgram": "OpenAIPydanticProgram accepts only llama_index's OpenAI LLM: use FunctionCallingProgram",
    "ServiceContext": "ServiceContext is gone from llama-index-core 0.14, which llama-index-llms-mistralai needs: move "
                      "to Settings first",
})
MAX_TOKENS_TODO = ("MistralAI(...) answers at most 512 tokens unless max_tokens= is set (llama_index's OpenAI "
                   "set no limit): add max_tokens=<the longest answer you need>")

# Constructor keywords (SAME / RENAME / DROP as in migrator.mapping.langchain). Keywords not listed
# keep the object on OpenAI (BLOCK gives the reason and the closest Mistral way).
LLM_KEYWORDS = MappingProxyType({
    "model": (SAME, ""), "temperature": (SAME, ""),  # literal checked: MistralAI accepts [0, 1] only
    "max_tokens": (SAME, ""), "max_new_tokens": (RENAME, "max_tokens"),  # OpenAI's deprecated spelling
    "timeout": (SAME, ""), "max_retries": (SAME, ""), "api_key": (SAME, ""),
    "additional_kwargs": (SAME, ""),  # a literal dict with keys of mistralai's chat.complete only
    "callback_manager": (SAME, ""), "system_prompt": (SAME, ""), "messages_to_prompt": (SAME, ""),
    "completion_to_prompt": (SAME, ""), "pydantic_program_mode": (SAME, ""), "output_parser": (SAME, ""),
    "reuse_client": (DROP, "MistralAI builds one client anyway"),
    # no field of OpenAI: pydantic ignores them there, MistralAI would raise TypeError
    "streaming": (DROP, "llama_index's OpenAI ignored it; stream with .stream_chat / .stream_complete"),
    "seed": (DROP, "llama_index's OpenAI ignored it (not sent); MistralAI takes random_seed="),
    # pydantic ignores these on OpenAI too: its metadata derives them from the model name (held-out review 77, Y5)
    "is_chat_model": (DROP, "llama_index's OpenAI ignored it (its metadata derives it from the model); MistralAI's "
                            "metadata says is_chat_model=True"),
    "is_function_calling_model": (DROP, "llama_index's OpenAI ignored it (derived from the model); MistralAI's "
                                        "metadata derives it from the model too"),
    "context_window": (DROP, "llama_index's OpenAI ignored it (derived from the model); MistralAI's metadata "
                             "derives it from the model too"),
})
EMBEDDING_KEYWORDS = MappingProxyType({
    "model": (RENAME, "model_name"), "model_name": (SAME, ""), "api_key": (SAME, ""),
    "embed_batch_size": (SAME, ""), "callback_manager": (SAME, ""), "num_workers": (SAME, ""),
    "embeddings_cache": (SAME, ""), "rate_limiter": (SAME, ""),
    "reuse_client": (DROP, "MistralAIEmbedding builds one client anyway"),
    "timeout": (DROP_TODO, "MistralAIEmbedding has no timeout option: mistralai's default applies"),
    "max_retries": (DROP_TODO, "MistralAIEmbedding has no retry option, and mistralai retries nothing by default: "
                               "a rate-limited ingestion now fails at its first 429"),
})
BLOCK = MappingProxyType({
    "api_version": "an Azure / OpenAI API version; MistralAI has none",
    "default_headers": "MistralAI has no header option",
    "http_client": "MistralAI builds its mistralai client itself (no http_client=)",
    "async_http_client": "MistralAI builds its mistralai client itself (no async_http_client=)",
    "openai_client": "a raw OpenAI client; MistralAI builds its own mistralai client",
    "async_openai_client": "a raw OpenAI client; MistralAI builds its own mistralai client",
    "strict": "MistralAI has no strict tool schemas",
    "reasoning_effort": "Mistral reasons with magistral models (model=\"magistral-medium-latest\"), no effort knob",
    "modalities": "MistralAI has no audio output", "audio_config": "MistralAI has no audio output",
    "logprobs": "MistralAI does not read log probabilities", "top_logprobs": "MistralAI does not read log "
                                                                           "probabilities",
    "rate_limiter": "MistralAI(...) takes no rate_limiter= (a TypeError in llama-index-llms-mistralai 0.11); "
                    "MistralAIEmbedding does""",
    "query_wrapper_prompt": "MistralAI(...) takes no query_wrapper_prompt= (a TypeError)",
    "dimensions": "mistral-embed returns 1024 dimensions, not configurable; codestral-embed takes "
                  "output_dimension through Mistral's SDK (client.embeddings.create) -- re-index your vectors",
    "mode": "OpenAIEmbedding's mode= picks OpenAI's first-generation engines; MistralAIEmbedding has one model",
})
# Parameters of mistralai's chat.complete / chat.stream (3.7) that an OpenAI request also has under
# the same name, so ``additional_kwargs`` keys and call keywords may carry them as they are.
REQUEST_KEYS = frozenset({"temperature", "top_p", "max_tokens", "stop", "presence_penalty", "frequency_penalty",
                          "n", "tools", "tool_choice", "parallel_tool_calls", "random_seed", "safe_prompt",
                          "response_format", "reasoning_effort", "logprobs", "top_logprobs", "metadata",
                          "prompt_cache_key", "service_tier", "prediction", "prompt_mode"})

# What code may do with a converted object (the same on both classes).
LLM_ATTRS = frozenset({
    "complete", "acomplete", "stream_complete", "astream_complete", "chat", "achat", "stream_chat",
    "astream_chat", "predict", "apredict", "stream", "astream", "structured_predict", "astructured_predict",
    "stream_structured_predict", "astream_structured_predict", "as_structured_llm", "chat_with_tools",
    "achat_with_tools", "stream_chat_with_tools", "astream_chat_with_tools", "predict_and_call",
    "apredict_and_call", "get_tool_calls_from_response", "metadata", "class_name",
    "model", "temperature", "max_tokens", "max_retries", "timeout", "additional_kwargs", "callback_manager",
    "system_prompt", "messages_to_prompt", "completion_to_prompt", "pydantic_program_mode", "output_parser",
})
EMBEDDING_ATTRS = frozenset({
    "get_text_embedding", "get_query_embedding", "get_text_embedding_batch", "aget_query_embedding",
    "aget_text_embedding_batch", "get_agg_embedding_from_queries", "aget_agg_embedding_from_queries",
    "similarity", "class_name", "model_name", "embed_batch_size", "callback_manager", "num_workers",
})
# Calls whose keywords reach mistralai's chat API (their **kwargs are request parameters).
REQUEST_METHODS = frozenset({"complete", "acomplete", "stream_complete", "astream_complete", "chat", "achat",
                             "stream_chat", "astream_chat"})
CALL_KEYWORDS = frozenset({"formatted"})  # complete(prompt, formatted=True): llama_index's own
BLOCKING_ATTRS = MappingProxyType({
    "aget_text_embedding": "broken in llama-index-embeddings-mistralai 0.6.0 (it awaits a list: TypeError); "
                           "use await embed_model.aget_text_embedding_batch([text]) and take [0]",
    "api_key": "MistralAI keeps its key inside its mistralai client (no .api_key)",
    "api_base": "MistralAI has no .api_base (its endpoint is endpoint= / MISTRAL_ENDPOINT)",
    "api_version": "MistralAI has no .api_version", "reuse_client": "MistralAI has no .reuse_client",
    "dimensions": "MistralAIEmbedding has no dimensions",
    "logprobs": "MistralAI has no log probabilities", "top_logprobs": "MistralAI has no log probabilities",
    "strict": "MistralAI has no strict tool schemas", "reasoning_effort": "MistralAI has no reasoning_effort attribute",
    "default_headers": "MistralAI has no headers",
})
# Libraries whose functions and classes take any LlamaIndex LLM / embedding model.
LLAMAINDEX_PACKAGES = ("llama_index",)
# Methods of LlamaIndex objects (indexes, engines, agents) that take llm= / embed_model= and use the
# common interface only; matched by name since the receiver's type is not known statically.
CONSUMER_METHODS = frozenset({
    "as_query_engine", "as_chat_engine", "as_retriever", "from_documents", "from_defaults", "from_tools",
    "from_vector_store", "from_args", "from_llm", "from_index",
})
SETTINGS_ATTRS = MappingProxyType({"llm": CHAT, "embed_model": EMBEDDINGS})  # llama_index.core.Settings
SETTINGS_CLASSES = ("llama_index.core.Settings", "llama_index.core.settings.Settings")

# LlamaIndex embeds with Settings.embed_model, whose default is OpenAI's OpenAIEmbedding (it reads
# OPENAI_API_KEY): a module that builds or queries an index and never names an embed model keeps
# embedding with OpenAI after its LLM moved (held-out review 4, sausheong/programming_ai).
INDEX_NAMES = ("VectorStoreIndex", "SummaryIndex", "KnowledgeGraphIndex", "PropertyGraphIndex", "TreeIndex",
               "from_documents", "load_index_from_storage", "from_vector_store", "load_indices_from_storage",
               "load_graph_from_storage")
# ... of which these never embed (keywords, summaries, trees: the LLM reads them; held-out review 81, Y8)
NON_EMBEDDING_INDEXES = frozenset({"KeywordTableIndex", "SimpleKeywordTableIndex", "RAKEKeywordTableIndex",
                                   "SummaryIndex", "ListIndex", "TreeIndex"})
# (its key: OPENAI_API_KEY, else openai.api_key, llama_index.embeddings.openai's resolve_openai_credentials; held-out
# review 87, Y13: "which stays in the env files" was said of an app keying it from st.secrets, with no env file)
DEFAULT_EMBEDDING_TODO = ("LlamaIndex embeds with Settings.embed_model, and this module sets none: its default is "
                          "OpenAI's OpenAIEmbedding (its key: OPENAI_API_KEY, else openai.api_key, which must stay "
                          "set for it); to embed "
                          "with Mistral too, set Settings.embed_model = "
                          "MistralAIEmbedding(model_name=\"mistral-embed\") (llama-index-embeddings-mistralai) and "
                          "re-index stored vectors")


# ... where the module sets it only in a function, after an index built at import (held-out review 88, Y3)
LATE_EMBEDDING_TODO = DEFAULT_EMBEDDING_TODO.replace(
    "and this module sets none", "and this index is built at import, before the function setting it runs", 1)


# The same where the module names no LlamaIndex OpenAI class (held-out review 57, Y5: "Nothing to change" for an app
# whose every query and embedding went to OpenAI through LlamaIndex's defaults).
DEFAULT_LLM_PART = " and Settings.llm (OpenAI's OpenAI, where none is set)"
# (LlamaIndex's default LLM, gpt-3.5-turbo, maps to mistral-small-latest, as it does where one converts: held-out
# review 95, Y9)
DEFAULT_SET_LLM = " and Settings.llm = MistralAI(model=\"mistral-small-latest\") (llama-index-llms-mistralai)"
DEFAULT_MODELS_TODO = ("{call}(...) runs on LlamaIndex's defaults, OpenAI's: Settings.embed_model "
                       "(OpenAIEmbedding){llm}, which read OPENAI_API_KEY; to move to Mistral, set "
                       "Settings.embed_model = MistralAIEmbedding(model_name=\"mistral-embed\") (llama-index-embeddings-mistralai){set_llm} "
                       "before it, then re-index stored vectors")


# A pre-0.10 ``ServiceContext.from_defaults(...)`` handed no llm= / embed_model= runs on LlamaIndex's defaults,
# OpenAI's (held-out review 83, Y5: the app's queries and chat engine went to OpenAI, and "Nothing to change" was said).
LEGACY_DEFAULTS_TODO = ("ServiceContext.from_defaults(...) is handed no {missing}, so it runs on LlamaIndex's default "
                        "{what}, OpenAI's {models} (they read OPENAI_API_KEY); ServiceContext is gone from "
                        "llama-index-core 0.14, which llama-index-llms-mistralai needs: upgrade LlamaIndex, move to "
                        "Settings and set {sets}{reindex}")
LEGACY_DEFAULT_PARTS = MappingProxyType({
    # keyword -> (what, OpenAI's default model, the Settings line to write, other keywords giving it)
    "llm": ("LLM", LLM_DEFAULT_MODEL, "Settings.llm = MistralAI(model=\"mistral-small-latest\")", ("llm_predictor",)),
    "embed_model": ("embed model", EMBEDDING_DEFAULT_MODEL,
                    "Settings.embed_model = MistralAIEmbedding(model_name=\"mistral-embed\")", ()),
})


def legacy_defaults_todo(missing: list) -> str:
    """LEGACY_DEFAULTS_TODO for the keywords (of LEGACY_DEFAULT_PARTS) a ServiceContext is not handed."""
    parts = [LEGACY_DEFAULT_PARTS[keyword] for keyword in missing]
    return LEGACY_DEFAULTS_TODO.format(
        missing=" or ".join(f"{keyword}=" for keyword in missing), what=" and ".join(p[0] for p in parts),
        models=" and ".join(p[1] for p in parts), sets=" and ".join(p[2] for p in parts),
        reindex=", then re-index stored vectors" if "embed_model" in missing else "")


# ... in a module on LlamaIndex before 0.10 (``from llama_index import ...``), whose Settings do not exist yet
DEFAULT_MODELS_LEGACY = ("; this module imports LlamaIndex's pre-0.10 paths, which have no Settings: upgrade to "
                         "llama-index-core 0.14 first")


def legacy_import(module: str) -> bool:
    """Is ``module`` (of a ``from <module> import ...``) a path LlamaIndex had only before 0.10?"""
    return module == "llama_index" or module in LEGACY_MODULES or module.startswith("llama_index.legacy")


# An index's engines answer with Settings.llm where they are handed no llm= (``BaseIndex.as_chat_engine`` /
# ``as_query_engine``: ``llm or Settings.llm``); its default resolves "default" to llama_index.llms.openai's OpenAI
# (``resolve_llm``: an ImportError once that package is gone). A converted LLM the engines never receive left them on
# OpenAI, and the requirements lost the package they import (held-out review 72, Y3).
DEFAULT_LLM_ENGINES = frozenset({"as_chat_engine", "as_query_engine"})
# ... and the components that take ``llm or Settings.llm`` when built (llama-index-core 0.14), by the name they are
# imported under and the method called: the position of their llm parameter (None: by keyword only, through
# **kwargs). Held-out review 108, Y2: TitleExtractor(), PropertyGraphIndex.from_documents(docs),
# RetrieverQueryEngine.from_args(retriever) and LLMSingleSelector.from_defaults() stayed on OpenAI's LLM, silently.
DEFAULT_LLM_COMPONENTS = {
    "TitleExtractor": 0, "QuestionsAnsweredExtractor": 0, "SummaryExtractor": 0, "KeywordExtractor": 0,
    "LLMRerank": 0, "QueryFusionRetriever": 1, "RetrieverQueryEngine.from_args": 1, "RouterQueryEngine": 2,
    "RouterQueryEngine.from_defaults": 1, "CitationQueryEngine.from_args": 1, "LLMSingleSelector.from_defaults": 0,
    "LLMMultiSelector.from_defaults": 0, "get_response_synthesizer": 0, "PropertyGraphIndex": 1,
    "PropertyGraphIndex.from_documents": None, "KeywordTableIndex": 3, "KeywordTableIndex.from_documents": None,
    "TreeIndex": 3, "TreeIndex.from_documents": None, "DocumentSummaryIndex": 3,
    "DocumentSummaryIndex.from_documents": None, "SimpleChatEngine.from_defaults": 5,
    "CondenseQuestionChatEngine.from_defaults": 8, "ContextChatEngine.from_defaults": 8,
    "CondensePlusContextChatEngine.from_defaults": 1, "FaithfulnessEvaluator": 0, "RelevancyEvaluator": 0,
    "CorrectnessEvaluator": 0,
}
# keywords that hand a component its LLM (or what it would build with one: PropertyGraphIndex's kg_extractors=)
DEFAULT_LLM_GIVEN = frozenset({"llm", "service_context", "llm_predictor", "kg_extractors"})
DEFAULT_LLM_TODO = ("{engine}(...) here is handed no llm= and this program sets no Settings.llm, so it answers with "
                    "LlamaIndex's default, OpenAI's OpenAI (OPENAI_API_KEY; it needs llama-index-llms-openai "
                    "installed): to answer with Mistral, pass it llm={llm} or set Settings.llm before it")
# ... the LLM to pass: the module's one converted LLM bound to a module-level name (held-out review 80, Y6), or
DEFAULT_LLM_PASSED = "MistralAI(...)"
# ... where the engine is built before its scope sets Settings.llm (held-out review 104, Y3)
LATE_LLM_TODO = ("{engine}(...) here is handed no llm= and runs before Settings.llm is set below, so it answers with "
                 "LlamaIndex's default, OpenAI's OpenAI (OPENAI_API_KEY; it needs llama-index-llms-openai installed): "
                 "to answer with Mistral, set Settings.llm before it or pass it llm={llm}")


def may_build_index(source: str) -> bool:
    """Does a module's text import LlamaIndex and name an index builder or loader (a prefilter)?"""
    return "llama_index" in source and any(n in source for n in INDEX_NAMES)


def uses_default_embedding(source: str) -> bool:
    """Does a module that imports LlamaIndex build or load an index without naming an embed model (from its text:
    the plan reads the calls, migrator.plan.build)?"""
    return may_build_index(source) and "embed_model" not in source

# as_chat_engine(chat_mode=...) modes llama-index-core 0.14 removed (``BaseIndex.as_chat_engine`` raises ValueError:
# "ChatMode.REACT and ChatMode.OPENAI are now deprecated and removed"); llama-index-llms-mistralai 0.11 needs that core
# (held-out review 69, Y4: a module whose LLM converted kept chat_mode="openai", OpenAI's agent, silently)
REMOVED_CHAT_MODES = frozenset({"openai", "react"})
CHAT_MODE_TODO = ("as_chat_engine(chat_mode={mode}): llama-index-core 0.14, which llama-index-llms-mistralai 0.11 "
                  "needs, removed this mode (ValueError at run time){openai}: use chat_mode=\"condense_plus_context\" "
                  "or \"context\", or a FunctionAgent / ReActAgent (llama_index.core.agent.workflow) with MistralAI "
                  "and a query engine tool")
CHAT_MODE_OPENAI = "; it was OpenAI's function-calling agent"
# The legacy agent API llama-index-core 0.13 removed (``ReActAgent.from_tools``, the agent workers and runner): beside
# an LLM that converts, whose Mistral integration needs core 0.14 (held-out review 99, Y2: AttributeError 'from_tools'
# once the requirements written were installed, said nowhere)
LEGACY_AGENT_CALLS = frozenset({"ReActAgent.from_tools", "FunctionCallingAgent.from_tools", "OpenAIAgent.from_tools",
                                "ReActAgentWorker.from_tools", "FunctionCallingAgentWorker.from_tools",
                                "OpenAIAgentWorker.from_tools", "AgentRunner", "StructuredPlannerAgent"})
LEGACY_AGENT_TODO = ("{call}(...): llama-index-core 0.13 removed the legacy agents (from_tools, the agent workers and "
                     "AgentRunner, their .chat() / .query()), and llama-index-llms-mistralai 0.11 needs core 0.14: "
                     "use ReActAgent(...) or FunctionAgent(...) from llama_index.core.agent.workflow, given tools= "
                     "and llm=, and await agent.run(user_msg=...)")

# `SubQuestionQueryEngine.from_defaults(...)` handed no question_gen= imports llama_index.question_gen.openai itself,
# a package with no release for the llama-index-core llama-index-llms-mistralai 0.11 needs (held-out review 104, Y8)
SUB_QUESTION_CALL = "SubQuestionQueryEngine.from_defaults"
SUB_QUESTION_TODO = ("SubQuestionQueryEngine.from_defaults(...) is handed no question_gen=, so it imports "
                     "llama-index-question-gen-openai (OpenAIQuestionGenerator), which has no release for the "
                     "llama-index-core 0.14 llama-index-llms-mistralai 0.11 needs: it raises ImportError there; pass "
                     "question_gen=LLMQuestionGenerator.from_defaults(llm=...) (from llama_index.core.question_gen "
                     "import LLMQuestionGenerator)")


def imports_openai_wrapper(source: str) -> bool:
    """Does ``source`` import an OpenAI class of LangChain or LlamaIndex (``from langchain_openai import
    ChatOpenAI``, ``from llama_index.llms.openai import OpenAI``)? Such an object reads OPENAI_API_KEY
    without naming it: the plan's key checks and the env files keep that variable while one remains.
    Read from both libraries' CLASSES tables."""
    import re

    from migrator.mapping import langchain as lc

    if "OpenAI" not in source:
        return False
    for match in re.finditer(r"^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)", source, re.MULTILINE):
        listed = match.group(2).strip("()").split("#")[0] if "\n" not in match.group(2) else \
            ",".join(line.split("#")[0] for line in match.group(2).strip("()").splitlines())
        module, names = match.group(1), {n.strip().split(" as ")[0].strip() for n in listed.split(",")}
        for table in (lc.CLASSES, CLASSES):
            if any(name in names and module in modules for name, (_, modules, _, _) in table.items()):
                return True
    return False
