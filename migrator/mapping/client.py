"""Client construction: ``OpenAI(...)`` / ``AsyncOpenAI(...)`` -> ``Mistral(...)`` (api-mapping.md §1.2)."""

from __future__ import annotations

import re
from types import MappingProxyType

from migrator.mapping import transforms as t
from migrator.mapping.policies import ParamRule, Policy, Xform

# Qualified names of OpenAI client classes; value: is the client async?
CLIENT_CLASSES = MappingProxyType({
    "openai.OpenAI": False,
    "openai.Client": False,
    "openai.AsyncOpenAI": True,
    "openai.AsyncClient": True,
    "openai._client.OpenAI": False,
    "openai._client.AsyncOpenAI": True,
})

# Clients that are OpenAI-platform specific and are never rewritten automatically.
# (the same words whichever module the class is imported from: held-out review 137, Y5, openai.lib.azure's lost the
# MistralAzure hint)
_AZURE_MANUAL = ("Azure OpenAI deployments have no Mistral equivalent; see mistralai.azure.client.MistralAzure for "
                 "Mistral models on Azure")
MANUAL_CLIENT_CLASSES = MappingProxyType({
    f"openai.{module}{name}": _AZURE_MANUAL
    for module in ("", "lib.azure.") for name in ("AzureOpenAI", "AsyncAzureOpenAI")
})

MISTRAL_CLIENT = ("mistralai.client", "Mistral")
MISTRAL_SERVER = "https://api.mistral.ai"  # what an api.openai.com URL in a converted client becomes
RETRY_IMPORTS = ("mistralai.client.utils", ("RetryConfig", "BackoffStrategy"))
OPENAI_DEFAULT_RETRIES = 2  # OpenAI(max_retries=2) by default; openai 0.x retried only connections


def retry_budget_ms(retries: int) -> int:
    """Mistral retries until a time budget is spent, OpenAI a number of times: the budget its backoff
    (0.5 s doubling up to 8 s, plus up to 1 s of jitter per wait) needs for ``retries`` retries of a
    request that fails quickly. Simulated on mistralai's own loop: for the default two, 3 attempts in
    ~90% of runs with 50-300 ms failures (a flat 60 s made ~11 where OpenAI made 3, on top of the
    application's own retry loops; 1 s of slack made 4 in a third of the runs)."""
    return sum(min(500 * 2 ** k, 8000) for k in range(retries)) + 500


def retry_config_code(retries: "int | str" = OPENAI_DEFAULT_RETRIES, qualifier: str = "") -> str:
    """The ``RetryConfig`` for ``max_retries=retries`` (a count, or the code of an expression: then
    ``... if retries else None``, with the budget of OpenAI's default). ``qualifier``: ``"m."`` when the
    class names are reached through their module."""
    budget = retry_budget_ms(retries if isinstance(retries, int) else OPENAI_DEFAULT_RETRIES)
    code = (f'{qualifier}RetryConfig("backoff", {qualifier}BackoffStrategy(initial_interval=500, '
            f'max_interval=8000, exponent=2.0, max_elapsed_time={budget}), retry_connection_errors=True)')
    return code if isinstance(retries, int) else f"{code} if {retries} else None"


MISTRAL_KEYS_PAGE = "https://console.mistral.ai/api-keys"  # where a Mistral key is made
# what a real OpenAI secret looks like (not a placeholder: `sk-...`, `sk-your-key`, `sk-XXXX`)
REAL_OPENAI_KEY = re.compile(r"sk-(?:proj-|svcacct-|admin-)?(?![a-z_-]+(?![\w-])|[A-Z_-]+(?![\w-]))[A-Za-z0-9_-]{20,}")
# the default of an OPENAI_API_KEY read, a real secret, where something converts (held-out review 105, X6: sent to
# Mistral where the variable is unset, while the same literal in a constructor was removed)
SECRET_DEFAULT_TODO = ("the default of this {name} read is an OpenAI secret written in the code (not shown): where the "
                       "variable is unset, the converted client sends it to Mistral; delete it from the code and revoke "
                       "it (it stays in the repository's history)")
OPENAI_KEYS_PAGE = re.compile(r"https://platform\.openai\.com/(?:account/)?api-keys/?")  # ... and an OpenAI one

# What a converted client needs outside the repository (the summary's "Before you deploy"): its key where the old one
# is set (held-out review 65, X4: an untracked .env kept OPENAI_API_KEY) and, with the default RetryConfig, what its
# time budget does not retry (64, X4)
KEY_STEP = (f"set MISTRAL_API_KEY (a Mistral key: {MISTRAL_KEYS_PAGE}) wherever OPENAI_API_KEY is set "
            "today (a local .env, the shell, CI and deployment secrets): the converted clients read it")
# ... and where a converted client is handed its key (`api_key=settings.OPENAI_API_KEY`): it reads no variable itself
# (held-out review 66, X3: "the converted clients read it" was said, and a MISTRAL_API_KEY added to a pydantic-settings
# .env then failed Settings() at start-up)
# (held-out review 100, X3: "declared first where a settings class reads the env file" read as the one way, in an app
# with no settings class that hands the client os.getenv("API_KEY"))
GIVEN_KEY_STEP = ("converted clients given api_key= by the app (see the TODO at each) read no MISTRAL_API_KEY "
                  "themselves: put a Mistral key (https://console.mistral.ai/api-keys) in the variable or setting "
                  "the app hands them (where a settings class reads the env file, a setting of its own such as "
                  "MISTRAL_API_KEY, declared there first), and set it where the app is configured (a .env, CI and "
                  "deployment secrets)")
# ... and where the code's base-URL variable was renamed (held-out review 74, X3: a compose file's renamed variable and
# the code's read were the only trace of it, and OPENAI_BASE_URL's value ends in /v1, which Mistral's must not)
SERVER_URL_STEP = ("set MISTRAL_SERVER_URL wherever OPENAI_BASE_URL / OPENAI_API_BASE is set today, to the server URL "
                   "without /v1 (the converted code reads it; leave it unset for https://api.mistral.ai); the "
                   "mistralai SDK expects Mistral's API there: an OpenAI-compatible server (Ollama, vLLM, LocalAI) may "
                   "leave out fields mistralai requires, such as a response id")
# ... where the code reads it as os.environ["MISTRAL_SERVER_URL"], which raises KeyError when it is unset (held-out
# review 144, Y2: "leave it unset" of such a read)
SERVER_URL_REQUIRED_STEP = ("set MISTRAL_SERVER_URL wherever OPENAI_BASE_URL / OPENAI_API_BASE is set today, to the "
                            "server URL without /v1: the converted code reads it as "
                            "os.environ[\"MISTRAL_SERVER_URL\"], which fails when it is unset (set it to "
                            "https://api.mistral.ai for Mistral's own server); "
                            "the mistralai SDK expects Mistral's API there: an OpenAI-compatible server (Ollama, vLLM, "
                            "LocalAI) may leave out fields mistralai requires, such as a response id")
RETRY_STEP = ("converted clients retry a failed request while {budget:g} s have not passed since the first attempt "
              "(OpenAI's two retries for a request that fails fast); one that fails slowly (a timeout, a slow 5xx) is "
              "not retried: raise max_elapsed_time in their RetryConfig where it should be")

# What a bare `OpenAI()` becomes (OpenAI's default two retries).
RETRY_CONFIG_CODE = retry_config_code()
# The module-level name the converted constructors of a module share that RetryConfig under (two or more
# constructors, or one inside an expression, where it would be written out on one long line).
SHARED_RETRY_CONFIG = "MISTRAL_RETRY_CONFIG"
# Other SDKs whose clients copy OpenAI's interface (``Groq().chat.completions.create``): code an OpenAI
# client shares with one of them cannot move (not Anthropic's, Google's, Cohere's...: their clients have
# other method names, so such code never served both).
OPENAI_LOOKALIKE_SDKS = frozenset({"groq", "together", "fireworks", "cerebras", "zhipuai", "huggingface_hub",
                                   "portkey_ai", "sambanova",
                                   # (their LangChain integrations, which bring them: held-out review 158, X1, a
                                   # `self.together.chat.completions.create` beside langchain_together got a TODO)
                                   "langchain_together", "langchain_groq", "langchain_fireworks",
                                   "langchain_cerebras"})

CLIENT_PARAMS = MappingProxyType({
    "api_key": ParamRule(Policy.SAME),
    "organization": ParamRule(Policy.DROP_TODO, note="OpenAI organization header has no Mistral equivalent"),
    "project": ParamRule(Policy.DROP_TODO, note="OpenAI project header has no Mistral equivalent"),
    "base_url": ParamRule(Policy.XFORM, "server_url", xform=Xform(t.strip_v1), safety="approximate",
                          note="Mistral's server_url has no /v1 suffix"),
    "timeout": ParamRule(Policy.XFORM, "timeout_ms", xform=Xform(t.seconds_to_ms, "int({value} * 1000)"),
                         safety="approximate", note="seconds become milliseconds"),
    "max_retries": ParamRule(Policy.XFORM, "retry_config", xform=Xform(t.max_retries_to_retry_config),
                             safety="approximate",
                             note="Mistral retries are bounded by elapsed time, not by count"),
    "default_headers": ParamRule(Policy.FAIL, note="set headers on client=httpx2.Client(headers=...)"),
    "default_query": ParamRule(Policy.FAIL, note="set params on client=httpx2.Client(params=...)"),
    # (an async client's: async_client=httpx2.AsyncClient(...), see fail_note)
    "http_client": ParamRule(Policy.RENAME, "client", safety="approximate",
                             note="async clients take async_client=; must be an httpx2 client"),
    "websocket_base_url": ParamRule(Policy.FAIL, note="OpenAI-platform specific"),
    "webhook_secret": ParamRule(Policy.FAIL, note="OpenAI-platform specific"),
    "admin_api_key": ParamRule(Policy.FAIL, note="OpenAI-platform specific"),
    "workload_identity": ParamRule(Policy.FAIL, note="OpenAI-platform specific"),
    "provider": ParamRule(Policy.FAIL, note="OpenAI-platform specific"),
    "data_residency": ParamRule(Policy.FAIL, note="closest is Mistral(server='eu'), by hand"),
    "_strict_response_validation": ParamRule(Policy.DROP, note="Mistral always validates responses"),
    "_enforce_credentials": ParamRule(Policy.DROP, note="Mistral reads MISTRAL_API_KEY lazily"),
})

# openai 1.x+ also has a module-level client (`openai.chat.completions.create(...)`, configured by
# `openai.api_key = ...`); Mistral has none, so converted calls go through one module-level client.
# Timeouts (api-mapping §1.2): openai.DEFAULT_TIMEOUT reads for 600 s; mistralai's generated methods
# default to 300000 ms when the client sets no timeout_ms.
OPENAI_DEFAULT_TIMEOUT_MS = 600_000
MISTRAL_DEFAULT_TIMEOUT_S = 300
NO_READ_TIMEOUT = f"Mistral's default ({MISTRAL_DEFAULT_TIMEOUT_S} s) applies"  # a Timeout without a read timeout
MODULE_CLIENT_NAME = "mistral_client"
MODULE_CLIENT_CODE = "mistral_client = Mistral()"  # for openai 0.x calls, which retried no HTTP status
# for openai>=1's module client, which retried twice by default (429, 5xx, connection errors)
MODULE_CLIENT_RETRYING_CODE = "mistral_client = Mistral(retry_config={retry_config})"
# `openai.max_retries = N` with N a number: the module client already carries it.
MODULE_RETRIES_CARRIED = "the module's mistral_client carries the same retries ({carried}); remove this line"
OPENAI_HOST = "api.openai.com"  # OpenAI's API host
# An OpenAI API key written in the code, quoted (``"sk-proj-..."``): never handed to another provider.
_SECRET = r"sk-[\w-]{17,}"
OPENAI_SECRET = re.compile(rf"""(['"]){_SECRET}\1""")  # quoted, in code text


def is_openai_secret(value) -> bool:
    """``"sk-proj-..."``'s value: an OpenAI API key."""
    return isinstance(value, str) and re.fullmatch(_SECRET, value) is not None


# How a client class may be wrapped in an annotation that still means the class itself
# (``Annotated[OpenAI, Depends(get_client)]``: FastAPI reads the first argument as the type).
ANNOTATED = ("Annotated", "typing.Annotated", "typing_extensions.Annotated")

# `OpenAI.<attr> = value`: attributes code sets on the client class, which no client reads (it takes them when built)
CLASS_CLIENT_SETTINGS = ("api_key", "base_url", "organization", "project")
# `openai.<attr> = value` settings of that module client, and what to do instead.
MODULE_CLIENT_SETTINGS = MappingProxyType({
    "api_key": "set MISTRAL_API_KEY, or pass api_key= to Mistral(...)",
    "base_url": "pass server_url= (no /v1) to Mistral(...) (the module-level mistral_client)",
    "api_base": "pass server_url= (no /v1) to Mistral(...) (the module-level mistral_client)",
    # (held-out review 87, X8: the line, and `import openai` for it alone, were kept with no word of what to do)
    "organization": "Mistral has no organization setting, and the converted calls do not read this one: delete the "
                    "line (and `import openai`, where nothing else here uses it)",
    "project": "Mistral has no project setting, and the converted calls do not read this one: delete the line (and "
               "`import openai`, where nothing else here uses it)",
    "default_headers": "pass client=httpx2.Client(headers=...) to Mistral(...)",
    "max_retries": "the module's mistral_client has OpenAI's default retries (its retry_config): set its budget "
                   "from this value, then remove this line",
    "timeout": "pass timeout_ms= to Mistral(...)",
    "api_type": "Azure OpenAI settings have no Mistral equivalent",
    "api_version": "Azure OpenAI settings have no Mistral equivalent",
    "proxy": "pass client=httpx2.Client(proxy=...) to Mistral(...)",
})
# openai 0.x's `openai.proxy = <url>` built into the module's Mistral client: its HTTP clients, given the URL
# (follow_redirects as mistralai's own default clients have it); async_client= where the module calls acreate
PROXIED_CLIENTS = MappingProxyType({
    "client": "httpx2.Client(proxy={proxy}, follow_redirects=True)",
    "async_client": "httpx2.AsyncClient(proxy={proxy}, follow_redirects=True)",
})
# The legacy httpx clients an app hands to openai's http_client=, which MIG101 builds with httpx2 (the same API),
# written inline or bound once to the name it hands over
HTTPX_CLIENTS = frozenset({"httpx.Client", "httpx.AsyncClient"})

# Legacy v0 module resources (openai<1) and the Mistral call to port each to (MIG106's TODO text).
V0_HINTS = MappingProxyType({
    "ChatCompletion": "Mistral(...).chat.complete(...) / chat.stream(...)",
    "Completion": "Mistral(...).chat.complete(...) (or fim.complete for code completion)",
    "Embedding": "Mistral(...).embeddings.create(model=..., inputs=...)",
    "Moderation": "Mistral(...).classifiers.moderate(model=..., inputs=...)",
    "Model": "Mistral(...).models.list() / models.retrieve(model_id=...)",
    "Engine": "Mistral(...).models.list() / models.retrieve(model_id=...) (engines are models)",
    "Edit": "Mistral(...).chat.complete(...) with the instruction and the text in the messages (no edits endpoint)",
    "Audio": "Mistral(...).audio.transcriptions.complete(model=\"voxtral-mini-latest\", file={\"file_name\": ..., "
             "\"content\": ...})",
    # openai.Audio.translate (not transcribe: held-out review 12, N3)
    "Audio.translate": "Mistral(...).audio.transcriptions.complete(model=\"voxtral-mini-latest\", file={\"file_name\": "
                       "..., \"content\": ...}) (no translation endpoint: transcribe, then translate with chat)",
    "File": "Mistral(...).files.upload(file={\"file_name\": ..., \"content\": ...}, purpose=...) / files.list() / "
            "files.retrieve(file_id=...) / files.download(file_id=...) / files.delete(file_id=...)",
    # openai 0.x's helper module (gone in openai>=1): get_embedding(text, engine=...) embeds one text
    "embeddings_utils": "Mistral(...).embeddings.create(model=\"mistral-embed\", inputs=[text]).data[0].embedding "
                        "(openai.embeddings_utils is openai 0.x only; its vectors are not Mistral's: re-embed what "
                        "you stored)",
    # ... and get_embeddings(list_of_text, engine=...) a batch (held-out review 146, Y4: the one-text recipe was given)
    "embeddings_utils.get_embeddings": "[d.embedding for d in Mistral(...).embeddings.create(model=\"mistral-embed\", "
                                       "inputs=list_of_text).data] (one Mistral request takes about 16k tokens, all "
                                       "inputs together: keep each batch under that; openai.embeddings_utils is openai "
                                       "0.x only; its vectors are not Mistral's: re-embed what you stored)",
})
# openai 0.x's openai.embeddings_utils functions that call the API through the module's settings (the
# others, cosine_similarity and the plotting helpers, are local numpy code).
V0_EMBEDDING_HELPERS = frozenset({"get_embedding", "aget_embedding", "get_embeddings", "aget_embeddings"})
# Legacy v0 resources with no Mistral counterpart: what the TODO says instead of a call to port to.
V0_NO_EQUIVALENT = MappingProxyType({
    "Image": "no image endpoint on Mistral; closest: an agent with the image_generation tool "
             "(client.beta.agents.create(..., tools=[{\"type\": \"image_generation\"}]))",
    "FineTune": "mistralai 3.7 has no fine-tuning client: fine-tune in Mistral's console",
    "FineTuningJob": "mistralai 3.7 has no fine-tuning client: fine-tune in Mistral's console",
    "Deployment": "Azure OpenAI deployments have no Mistral equivalent",
})

# Libraries that wrap an OpenAI client (census: instructor.from_openai, langsmith wrap_openai, patch);
# a client handed to one stays OpenAI, with what to do instead.
WRAPPER_HINTS = MappingProxyType({
    "from_openai": "instructor has instructor.from_mistral(Mistral(...)); its calls change too",
    "wrap_openai": "langsmith's wrap_openai traces OpenAI clients only: drop it (trace the calls with langsmith's "
                   "@traceable instead), then run migrator again",
    "patch": "instructor.patch is OpenAI-specific; use instructor.from_mistral(Mistral(...))",
    "apatch": "instructor.apatch is OpenAI-specific; use instructor.from_mistral(Mistral(...))",
})

# OpenAI-only consumers: a client handed to one of these stays on OpenAI (the plan keeps it), with
# what to do instead. Keyed by the callee's last name.
OPENAI_CONSUMERS = MappingProxyType({
    **WRAPPER_HINTS,
    "instrument_openai": "logfire.instrument_openai traces OpenAI clients only; use logfire.instrument_httpx or "
                         "trace the Mistral client another way",
    "OpenAIResponsesModel": "openai-agents models take an OpenAI client; see Mistral's agents API or LiteLLM",
    "OpenAIChatCompletionsModel": "openai-agents models take an OpenAI client; keep it, or route through an "
                                  "OpenAI-compatible Mistral endpoint",
    "set_default_openai_client": "openai-agents needs an OpenAI client",
    "OpenAIProvider": "openai-agents needs an OpenAI client",
    "ChatOpenAI": "LangChain's ChatOpenAI takes an OpenAI client; use langchain_mistralai.ChatMistralAI",
    "OpenAIEmbeddings": "LangChain's OpenAIEmbeddings takes an OpenAI client; use MistralAIEmbeddings",
})

# Tracing wrappers that return the OpenAI client they are given (opik's track_openai, langsmith's
# wrap_openai, parea's wrap_openai_client): handing a client to one keeps it on OpenAI, and calls on
# what it returns are that client's.
TRACING_WRAPPER = re.compile(r"^(?:wrap|track|trace|observe|instrument)_openai(?:_client)?$")

# ``cl.instrument_openai()`` (Chainlit) and the like, called without a client: they patch the openai SDK
# itself, so the calls converted in their module leave the traces (MIG101's TODO there).
SDK_INSTRUMENTERS = MappingProxyType({
    # (chainlit 2.12's instrument_mistralai wraps mistralai.chat / .fim, which mistralai 3.x does not have: held-out
    # review 130, X2; and instrument_openai raises without openai installed, which stays declared for it)
    "instrument_openai": ("{callee}() instruments the openai SDK only: the calls converted in this module now go "
                          "through mistralai and drop out of its traces (it raises ValueError where openai is not "
                          "installed: openai stays in the requirements for it); Chainlit's instrument_mistralai() "
                          "wraps mistralai 1.x (mistralai.chat), not 3.x: trace the Mistral calls another way, then "
                          "remove this call and the openai requirement"),
    "OpenAIInstrumentor().instrument": (
        "{callee}() (OpenInference) traces the openai SDK only: the calls converted in this module now go through "
        "mistralai and drop out of its traces; instrument them with OpenInference's MistralAIInstrumentor "
        "(openinference-instrumentation-mistralai: check that it supports mistralai 3.x) or trace them another way"),
})

# Loggers that patch the openai SDK when called (with arguments too): qualified callee -> the TODO (held-out review
# 147, X3: W&B's autolog in a course notebook lost the converted calls silently)
SDK_AUTOLOGGERS = MappingProxyType({
    "wandb.integration.openai.autolog": (
        "{callee}(...) (W&B) logs the openai SDK's calls only: the calls converted in this module now go through "
        "mistralai and are no longer logged; log them another way (by hand, or Weave's Mistral integration once it "
        "is checked against mistralai 3.x), then remove this call"),
    # (mlflow.mistral.autolog patches mistralai.chat.Chat, mistralai 1.x's; MLflow's docs, 2026-12-07, name 1.x
    # releases only)
    "mlflow.openai.autolog": (
        "{callee}(...) logs the openai SDK's calls only: the calls converted in this module now go through mistralai "
        "and are no longer logged; mlflow.mistral.autolog() patches mistralai 1.x (mistralai.chat), not 3.x: trace "
        "them another way (mlflow.trace by hand), then remove this call"),
})

# Modules that re-export the OpenAI SDK wrapped in another library's instrumentation: clients built
# from them are OpenAI clients the wrapper needs (kept, with what to do instead).
WRAPPED_OPENAI_MODULES = MappingProxyType({
    "langfuse.openai": "langfuse's drop-in OpenAI integration wraps the OpenAI SDK: trace a Mistral client "
                       "with langfuse's @observe / its Mistral integration instead",
    "portkey_ai": "Portkey's OpenAI-compatible client: keep it, or point it at Mistral through Portkey",
    "agentops": "agentops patches the OpenAI SDK: check its Mistral support",
})
# The OpenAI Agents SDK (openai-agents, imported as `agents`): its agents run on OpenAI and read
# OPENAI_API_KEY themselves. Names that tell it from a project's own `agents` package.
AGENTS_SDK_MODULE = "agents"
AGENTS_SDK_NAMES = frozenset({"Runner", "function_tool", "RunContextWrapper", "ModelSettings", "handoff",
                              "set_default_openai_key", "set_default_openai_api", "set_tracing_disabled",
                              "WebSearchTool", "FileSearchTool", "GuardrailFunctionOutput", "InputGuardrail",
                              "OutputGuardrail", "input_guardrail", "output_guardrail", "SQLiteSession"})
# ... and the names by which a module gives the SDK a client or provider of its own (then that client
# is what the plan follows, through OPENAI_CONSUMERS, not the agents)
AGENTS_SDK_OWN_CLIENT = frozenset({"set_default_openai_client", "OpenAIProvider", "MultiProvider", "LitellmModel",
                                   "LitellmProvider"})
# OpenAIProvider's keywords that give it a client or server of the app's own; without them it builds an OpenAI client
# on OpenAI's URL (openai-agents' OpenAIProvider(api_key=None, base_url=None, openai_client=None, ...))
AGENTS_PROVIDER_OWN_KEYWORDS = frozenset({"openai_client", "base_url"})
AGENTS_SDK_TODO = ("the OpenAI Agents SDK (openai-agents) runs this agent on OpenAI and reads OPENAI_API_KEY: "
                   "migrator does not convert it (OPENAI_API_KEY stays in the env files); on Mistral, the closest "
                   "is its agents API (client.beta.agents.create, client.beta.conversations.start), or give the "
                   "agent model=OpenAIChatCompletionsModel(model=..., openai_client=AsyncOpenAI(base_url="
                   "\"https://api.mistral.ai/v1\", api_key=...))")
# its hosted tools run on OpenAI's Responses API only, over OpenAI's own stores (held-out review 90, Y6: the advice
# above was given to agents searching an OpenAI vector store with FileSearchTool, where no model swap can work)
AGENTS_SDK_HOSTED_TOOLS = frozenset({"FileSearchTool", "WebSearchTool", "CodeInterpreterTool", "ImageGenerationTool",
                                     "HostedMCPTool", "ComputerTool", "LocalShellTool"})
AGENTS_SDK_HOSTED_TODO = ("the OpenAI Agents SDK (openai-agents) runs this agent on OpenAI and reads OPENAI_API_KEY: "
                          "migrator does not convert it; this module's agents use hosted tools ({tools}), which run "
                          "on OpenAI's Responses API only (a FileSearchTool's vector_store_ids name OpenAI vector "
                          "stores): no model swap moves them; on Mistral, rebuild them first with Mistral's agents "
                          "API (client.beta.agents.create with its web_search / code_interpreter / document_library "
                          "tools, a library holding the documents), or as function tools of your own")
# Other frameworks' OpenAI components, which call OpenAI and read OPENAI_API_KEY themselves: a TODO at
# each (held-out review 4: Haystack's OpenAIGenerator was left without one), the variable still read.
_HAYSTACK_MISTRAL = ("migrator does not convert it (OPENAI_API_KEY stays in the env files); on Mistral: the "
                     "mistral-haystack integration (pip install mistral-haystack), {mistral} from {module}")
FOREIGN_OPENAI = MappingProxyType({
    "haystack.components.generators.OpenAIGenerator": _HAYSTACK_MISTRAL.format(
        mistral="MistralChatGenerator", module="haystack_integrations.components.generators.mistral")
    + " (a chat generator: it takes chat messages, so a PromptBuilder in front of it becomes a ChatPromptBuilder)",
    "haystack.components.generators.chat.OpenAIChatGenerator": _HAYSTACK_MISTRAL.format(
        mistral="MistralChatGenerator", module="haystack_integrations.components.generators.mistral"),
    "haystack.components.embedders.OpenAITextEmbedder": _HAYSTACK_MISTRAL.format(
        mistral="MistralTextEmbedder", module="haystack_integrations.components.embedders.mistral"),
    "haystack.components.embedders.OpenAIDocumentEmbedder": _HAYSTACK_MISTRAL.format(
        mistral="MistralDocumentEmbedder", module="haystack_integrations.components.embedders.mistral"),
    # held-out review 5 (wilganfauzan, jeeehaan): a Chroma collection embedded by OpenAI
    "chromadb.utils.embedding_functions.OpenAIEmbeddingFunction": (
        # (held-out review 131, Y5: "stays in the requirements" was said where the project declares none)
        "migrator does not convert it (it needs the openai package installed, and OPENAI_API_KEY); on Mistral: an EmbeddingFunction of your own whose __call__ returns "
        "[d.embedding for d in Mistral().embeddings.create(model=\"mistral-embed\", inputs=input).data] "
        "(Chroma's MistralEmbeddingFunction imports mistralai 1.x names), then re-embed the collection"),
})
# held-out review 12, G3 (propertyai): pydantic-ai's OpenAI models ran the app's agents, silently, while its
# plain client converted. pydantic-ai's mistral extra (mistralai>=2.9.2) takes mistralai 3.7.
_PYDANTIC_AI_MISTRAL = ("migrator does not convert it (it needs the openai package and OPENAI_API_KEY, which stay); "
                        "on Mistral: pydantic_ai.models.mistral.MistralModel(\"mistral-large-latest\", "
                        "provider=pydantic_ai.providers.mistral.MistralProvider()) or the model string "
                        "\"mistral:mistral-large-latest\" (pip install \"pydantic-ai-slim[mistral]\"; it reads "
                        "MISTRAL_API_KEY)")
FOREIGN_OPENAI = MappingProxyType({**FOREIGN_OPENAI, **{
    f"pydantic_ai.{module}.openai.{name}": _PYDANTIC_AI_MISTRAL
    for module, names in (("models", ("OpenAIModel", "OpenAIChatModel", "OpenAIResponsesModel")),
                          ("providers", ("OpenAIProvider",)))
    for name in names}})
# pydantic-ai's model strings that name OpenAI (``Agent("openai:gpt-4o")``)
PYDANTIC_AI_OPENAI_PREFIXES = ("openai:", "openai-chat:", "openai-responses:")
PYDANTIC_AI_STRING_TODO = ("{agent}(\"{model}\") runs the agent on OpenAI through pydantic-ai (it reads OPENAI_API_KEY); "
                           + _PYDANTIC_AI_MISTRAL.split("; ", 1)[1] + " (said once per module, for its OpenAI models too)")
# held-out review 14, I2 (Thought-model-generator): LangChain 1.x picks a model by a "provider:model" string
# (init_chat_model, create_agent; openevals' judges and LangGraph's agents pass it to init_chat_model): silent.
# callee -> the packages it comes from (the model is its first argument or model=); "mistralai" is
# init_chat_model's / init_embeddings' provider for langchain-mistralai.
LANGCHAIN_MODEL_STRING_CALLERS = MappingProxyType({
    "init_chat_model": ("langchain",), "init_embeddings": ("langchain",), "create_agent": ("langchain",),
    "create_react_agent": ("langgraph",), "create_llm_as_judge": ("openevals",),
    "create_async_llm_as_judge": ("openevals",), "create_deep_agent": ("deepagents",),
})
# the model-name prefixes LangChain's init_chat_model takes for OpenAI's when no provider is given
LANGCHAIN_INFERRED_OPENAI = ("gpt-", "o1", "o3", "o4", "chatgpt", "text-davinci")
# ({keyword}: init_embeddings's is provider=, held-out review 104, Y10)
LANGCHAIN_STRING_TODO = ("{callee}({model}){where} runs on OpenAI through langchain-openai (it reads OPENAI_API_KEY); "
                         "migrator does not convert it; on Mistral: the model string \"mistralai:{mistral}\" "
                         "(or {keyword}=\"mistralai\"; pip install langchain-mistralai, which reads "
                         "MISTRAL_API_KEY)")
# (a later OpenAI model string of the module gets a short TODO pointing back here; "the module's later OpenAI model
# strings each get a short TODO" was said where there were none, the string itself in another module: held-out review
# 156, Y5)
# held-out review 57, X2 (minion-bot): agno's OpenAIChat ran the bot's agents while the openai package left its
# manifest (agno imports it lazily: ImportError at start-up); autogen and smolagents wrap the SDK the same way.
_KEEPS_OPENAI = ("migrator does not convert it (it needs the openai package and OPENAI_API_KEY, which stay); "
                 "on Mistral: ")
# agno's: {{model}} (the Mistral model its id= maps to, else these defaults) and {{key}} (AGNO_KEY_READ, or
# AGNO_KEY_GIVEN where api_key= is given) are filled in per call (migrator.plan.build._agno_how)
_AGNO = _KEEPS_OPENAI + "{mistral}({field}=\"{{model}}\") from {module} ({{key}}; check that your agno release takes " \
    "mistralai 3)"
AGNO_DEFAULT_MODELS = MappingProxyType({"OpenAIChat": "mistral-large-latest", "OpenAIResponses": "mistral-large-latest",
                                        "OpenAIEmbedder": "mistral-embed"})
AGNO_KEY_READ = "it reads MISTRAL_API_KEY"
AGNO_KEY_GIVEN = "given api_key={given}: pass it a Mistral key"
FOREIGN_OPENAI = MappingProxyType({**FOREIGN_OPENAI, **{
    f"agno.models.openai{sub}.{name}": _AGNO.format(mistral="MistralChat", field="id", module="agno.models.mistral")
    for sub, name in (("", "OpenAIChat"), (".chat", "OpenAIChat"), ("", "OpenAIResponses"),
                      (".responses", "OpenAIResponses"))}, **{
    f"agno.{where}.openai.OpenAIEmbedder": _AGNO.format(mistral="MistralEmbedder", field="model",
                                                        module=f"agno.{where}.mistral")
    + ", then re-embed stored vectors"
    for where in ("embedder", "knowledge.embedder")},
    "autogen_ext.models.openai.OpenAIChatCompletionClient": _KEEPS_OPENAI + (
        "the same class pointed at Mistral's OpenAI-compatible endpoint (base_url=\"https://api.mistral.ai/v1\", "
        "api_key=a Mistral key, model=\"mistral-large-latest\", model_info=... for a model autogen does not know)"),
    # held-out review 133, Y4 (glianorex-oai): guidance's OpenAI model ran the whole app, with no TODO
    **{f"guidance.{module}.{name}": _KEEPS_OPENAI + (
        "a guidance model for Mistral, models.LiteLLM(\"mistral/mistral-large-latest\") (or models.MistralChat where "
        "your guidance release has it); check that its select() / gen(regex=...) constraints still hold there")
       for module, name in (("models", "OpenAI"), ("models", "OpenAIChat"), ("llms", "OpenAI"))},
    **{f"smolagents{sub}.{name}": _KEEPS_OPENAI + (
        "the same class pointed at Mistral's OpenAI-compatible endpoint (model_id=\"mistral-large-latest\", "
        "api_base=\"https://api.mistral.ai/v1\", api_key=a Mistral key), or "
        "LiteLLMModel(\"mistral/mistral-large-latest\")")
       for sub in ("", ".models") for name in ("OpenAIServerModel", "OpenAIModel")},
})
# held-out review 67, Y4: LlamaIndex's multi-modal OpenAI class was silent (MIG121 converts its text LLM and
# embedding only). llama-index-multi-modal-llms-mistralai 0.5.1 (MistralAIMultiModal) needs llama-index-llms-mistralai
# <0.8, which predates mistralai 3.7 (checked: its wheel's METADATA)
FOREIGN_OPENAI = MappingProxyType({**FOREIGN_OPENAI, **{
    f"llama_index.multi_modal_llms.openai{sub}.OpenAIMultiModal": (
        "migrator does not convert it (LlamaIndex's Mistral multi-modal class, MistralAIMultiModal in "
        "llama-index-multi-modal-llms-mistralai 0.5, needs llama-index-llms-mistralai<0.8, older than the mistralai "
        "3.7 the converted code uses); on Mistral: a vision model (pixtral-large-latest, mistral-medium-latest) "
        "through Mistral(...).chat.complete with image_url content chunks, by hand")
    for sub in ("", ".base")}})
# held-out review 88, Y5 (Streamlit-MultiChat): PandasAI's OpenAI LLM answered a deployed page's questions, silently
# (pandasai 2 has no Mistral class of its own; its LangchainLLM takes any LangChain chat model)
FOREIGN_OPENAI = MappingProxyType({**FOREIGN_OPENAI, **{
    f"pandasai.llm{sub}.OpenAI": _KEEPS_OPENAI + (
        "pandasai.llm.LangchainLLM(ChatMistralAI(model=\"mistral-large-latest\")) (langchain-mistralai; it reads "
        "MISTRAL_API_KEY), or on pandasai 3 pandasai_litellm.LiteLLM(model=\"mistral/mistral-large-latest\")")
    for sub in ("", ".openai")}})
# held-out review 89, Y5 (LEARN_LLM): Semantic Kernel's OpenAI connectors ran its samples on OpenAI, silently; its own
# Mistral connectors (semantic_kernel.connectors.ai.mistral_ai, the semantic-kernel[mistralai] extra) take their place
FOREIGN_OPENAI = MappingProxyType({**FOREIGN_OPENAI, **{
    f"semantic_kernel.connectors.ai.open_ai{sub}.{cls}": _KEEPS_OPENAI + (
        f"{mistral}(ai_model_id=\"{model}\", api_key=os.environ[\"MISTRAL_API_KEY\"]) from "
        "semantic_kernel.connectors.ai.mistral_ai (pip install \"semantic-kernel[mistralai]\")")
    for sub in ("", ".services.open_ai_chat_completion", ".services.open_ai_text_embedding")
    for cls, mistral, model in (("OpenAIChatCompletion", "MistralAIChatCompletion", "mistral-large-latest"),
                                ("OpenAITextEmbedding", "MistralAITextEmbedding", "mistral-embed"))}})
# TruLens' OpenAI feedback provider judges with OpenAI's models (held-out review 102, Y2: an evaluation's judge stayed
# on OpenAI silently while the deploy steps moved its key); its LiteLLM provider takes Mistral's
FOREIGN_OPENAI = MappingProxyType({**FOREIGN_OPENAI, **{
    f"{module}.OpenAI": _KEEPS_OPENAI + (
        f"{litellm}(model_engine=\"mistral/mistral-large-latest\") (LiteLLM reads MISTRAL_API_KEY{extra}), then "
        "check the feedback scores against the OpenAI judge's")
    for module, litellm, extra in (
        ("trulens_eval", "trulens_eval.LiteLLM", ""),
        ("trulens_eval.feedback.provider", "trulens_eval.LiteLLM", ""),
        ("trulens_eval.feedback.provider.openai", "trulens_eval.LiteLLM", ""),
        ("trulens.providers.openai", "trulens.providers.litellm.LiteLLM", "; pip install trulens-providers-litellm"),
        ("trulens.providers.openai.provider", "trulens.providers.litellm.LiteLLM",
         "; pip install trulens-providers-litellm"))}})
# LlamaIndex's OpenAI-only helpers (held-out review 104, Y5: silent, scan counting no use): their core counterparts take
# any LLM
_LI_MISTRAL = "MistralAI(model=\"mistral-large-latest\") (llama-index-llms-mistralai)"
FOREIGN_OPENAI = MappingProxyType({**FOREIGN_OPENAI, **{
    f"{module}.{name}": _KEEPS_OPENAI + how
    for module, name, how in (
        ("llama_index.program.openai", "OpenAIPydanticProgram",
         f"FunctionCallingProgram.from_defaults(output_cls=..., prompt_template_str=..., llm={_LI_MISTRAL}) from "
         "llama_index.core.program"),
        ("llama_index.agent.openai", "OpenAIAgent",
         f"FunctionAgent(tools=..., llm={_LI_MISTRAL}) from llama_index.core.agent.workflow"),
        ("llama_index.question_gen.openai", "OpenAIQuestionGenerator",
         f"LLMQuestionGenerator.from_defaults(llm={_LI_MISTRAL}) from llama_index.core.question_gen"),
        ("llama_index.llms.openai", "OpenAIResponses", f"{_LI_MISTRAL}, whose chat() answers as OpenAI's does"))}})
# toyaikit's OpenAIClient builds OpenAI() itself and calls its Responses API (held-out review 103, Y1: a course's agent
# runner stayed on OpenAI silently beside the notebook's converted client); it takes client=
FOREIGN_OPENAI = MappingProxyType({**FOREIGN_OPENAI, **{
    f"toyaikit.llm{sub}.OpenAIClient": _KEEPS_OPENAI + (
        "OpenAIClient(model=<a Mistral model>, client=OpenAI(base_url=\"https://api.mistral.ai/v1\", "
        "api_key=os.environ[\"MISTRAL_API_KEY\"])), where your toyaikit release takes client= (its runner calls the "
        "Responses API through it)")
    for sub in ("", ".openai")}})
# LangChain's evaluators (LangSmith's LangChainStringEvaluator, load_evaluator) judge with OpenAI's gpt-4 when no llm
# is given (langchain.evaluation.loading: `llm or ChatOpenAI(model="gpt-4", ...)`; held-out review 103, Y2)
LANGCHAIN_JUDGE_CALLS = frozenset({"LangChainStringEvaluator", "load_evaluator", "load_evaluators"})
LANGCHAIN_JUDGE_TODO = ("{callee}(...) grades with LangChain's default judge, OpenAI's gpt-4 (it needs "
                        "langchain-openai and OPENAI_API_KEY), given no llm: pass a Mistral judge ({how}) (said once "
                        "per module, for its other evaluators too)")
# mirascope's OpenAI provider (`@openai.call("gpt-4o-mini")` of `from mirascope.core import openai`; held-out review
# 104, Y6: silent, the openai pin replaced)
MIRASCOPE_TODO = ("{callee}(...) is mirascope's OpenAI provider: it calls OpenAI through the openai package "
                  "(mirascope's openai extra) with OPENAI_API_KEY; migrator does not convert it: on Mistral, "
                  "mistral.call(\"{mistral}\") from mirascope.core (pip install \"mirascope[mistral]\"; it reads "
                  "MISTRAL_API_KEY) (said once per module, for its other OpenAI calls too)")
# crewAI's agents run on OpenAI unless given another LLM (held-out review 111, Y4: silent beside converted clients)
CREWAI_TODO = ("{callee}(...) is crewAI's and runs on OpenAI ({model}), through LiteLLM with OPENAI_API_KEY; migrator does "
               "not convert it: on Mistral, llm=LLM(model=\"mistral/{mistral}\") from crewai (it reads MISTRAL_API_KEY) "
               "(said once per module, for its other agents too)")
# marvin's AI functions and models (``@ai_model``, ``@ai_fn``, ``marvin.extract(...)``, ``@marvin.fn``) call OpenAI by
# default (held-out review 102, Y3: silent beside converted clients, its key moved by the deploy steps)
MARVIN_TODO = ("{callee}(...) runs marvin, whose AI functions call OpenAI by default (reading OPENAI_API_KEY, or "
               "MARVIN_OPENAI_API_KEY); migrator does not convert it: marvin 3 takes a pydantic-ai model such as "
               "\"mistral:mistral-large-latest\" (it reads MISTRAL_API_KEY), marvin 1.x and 2.x run on OpenAI only "
               "(said once per module, for its other marvin calls too)")
# AutoGen (pyautogen / AG2 0.2 style): an llm_config whose model is OpenAI's and that names no other api_type /
# base_url calls OpenAI (held-out review 89, Y5)
# a setup check that the openai / langchain_openai package is installed, where the run took it out of the dependency
# files (migrator.plan.decide._package_checks)
PACKAGE_CHECK_TODO = ("{name!r} is checked here as an installed package, but the converted code needs {new!r} and the "
                      "dependency files no longer declare {name!r}: check {new!r} instead")
AUTOGEN_LLMCONFIG_TODO = ("{callee}(...) configures AG2 for OpenAI (its model is {model!r}, with no api_type / "
                          "base_url naming another server), and the agents built with it run there; migrator does not "
                          "convert it: on Mistral, api_type=\"mistral\", model=\"{mistral}\" and api_key="
                          "os.environ[\"MISTRAL_API_KEY\"] (AG2 with its mistral extra)")
AUTOGEN_OPENAI_TODO = ("{callee}(llm_config=...) runs AutoGen on OpenAI (its config's model is {model!r}, with no "
                       "api_type / base_url naming another server); migrator does not convert it: on Mistral, give "
                       "that config \"api_type\": \"mistral\", \"model\": \"{mistral}\" and \"api_key\": "
                       "os.environ[\"MISTRAL_API_KEY\"] (AG2 / pyautogen with its mistral extra)")
# ... its config list read from a JSON file by config_list_from_json (AutoGen's OAI_CONFIG_LIST; held-out review 94, X1:
# judy_sec's agents stayed on OpenAI silently, the code writing OPENAI_API_KEY into the list it read)
AUTOGEN_FILE_TODO = ("{callee}(llm_config=...) runs AutoGen on OpenAI (its config list, read from {file} by "
                     "config_list_from_json, names {model!r} with no api_type / base_url naming another server); "
                     "migrator does not convert it: on Mistral, give that entry of {file} \"api_type\": \"mistral\" "
                     "and \"model\": \"{mistral}\", and its api_key a Mistral key (AG2 / pyautogen with its mistral "
                     "extra)")
AUTOGEN_UNREAD_TODO = ("{callee}(llm_config=...) runs AutoGen on the config list config_list_from_json reads from "
                       "{file} (a file, or an environment variable of that name holding the JSON), which migrator "
                       "did not read: where its entries name OpenAI models with no api_type / base_url, AutoGen "
                       "calls OpenAI; on Mistral, give them \"api_type\": \"mistral\", a Mistral model and a "
                       "Mistral api_key (AG2 / pyautogen with its mistral extra)")
# AgentScope's model configs: a "model_type" of its OpenAI wrappers with no client_args base_url calls OpenAI
AGENTSCOPE_OPENAI_TYPES = frozenset({"openai_chat", "openai", "openai_embedding", "openai_dall_e", "openai_tts",
                                     "openai_stt"})
AGENTSCOPE_OPENAI_TODO = ("{callee}(...) runs AgentScope on OpenAI (a model config of model_type {model_type!r}, "
                          "with no client_args base_url naming another server); migrator does not convert it: on "
                          "Mistral, use a LiteLLM config (\"model_type\": \"litellm_chat\", \"model_name\": "
                          "\"mistral/mistral-large-latest\"; LiteLLM reads MISTRAL_API_KEY), or keep OPENAI_API_KEY "
                          "set for it")
# held-out review 88, Y4 (Streamlit-MultiChat): mem0's Memory() on its defaults (OpenAI's gpt-4o-mini extracts the facts
# of every turn, text-embedding-3-small embeds them; OPENAI_API_KEY) stayed silent beside a converted client
MEM0_DEFAULT_TODO = ("{call} runs mem0 on OpenAI for {missing} (its config's \"openai\" provider, or mem0's defaults "
                     "where the config leaves them out: gpt-4o-mini and text-embedding-3-small), reading "
                     "OPENAI_API_KEY; migrator does not convert it: to "
                     "move it, give its config those entries on Mistral (mem0's \"litellm\" LLM provider takes "
                     "\"mistral/mistral-large-latest\"; check the embedders your mem0 release lists), or keep "
                     "OPENAI_API_KEY set for it")
# held-out review 88, Y4 (GenAI-project_proposal_analyser): crewAI's memory and crewai_tools' RAG tools embed with
# OpenAI on their defaults (OPENAI_API_KEY), silently beside a converted model
CREWAI_MEMORY_TODO = ("{call} gives the crew crewAI's memory on its default embedder, OpenAI's "
                      "(text-embedding-3-small, reading OPENAI_API_KEY); migrator does not convert it: to move it, "
                      "pass embedder={{\"provider\": ..., \"config\": {{...}}}} on a provider your crewAI release "
                      "lists, or keep OPENAI_API_KEY set for it")
# held-out review 164, Y2 (emerge_2023_langchain_project): LangChain objects on their OpenAI defaults, built without an
# OpenAI class the tree names: VectorstoreIndexCreator() embeds with OpenAIEmbeddings (and its index.query(...) answers
# with an OpenAI LLM when given no llm=), load_llm("x.json") builds the class its file names ("_type": "openai")
LANGCHAIN_INDEX_TODO = ("{call} embeds with LangChain's default, OpenAIEmbeddings (and index.query(...) without llm= "
                        "answers with an OpenAI LLM), reading OPENAI_API_KEY; migrator does not convert it: pass "
                        "embedding=MistralAIEmbeddings(model=\"mistral-embed\") (langchain_mistralai) and "
                        "query(..., llm=ChatMistralAI(...)), or keep OPENAI_API_KEY and openai for it")
LANGCHAIN_LOADED_TODO = ("{call} builds the LLM {path} describes (\"_type\": \"openai\"), an OpenAI one reading "
                         "OPENAI_API_KEY; migrator does not convert it: build ChatMistralAI(...) (langchain_mistralai) "
                         "instead, or keep OPENAI_API_KEY and openai for it")
CREWAI_RAG_TOOLS = frozenset({"CodeDocsSearchTool", "CSVSearchTool", "DirectorySearchTool", "DOCXSearchTool",
                              "GithubSearchTool", "JSONSearchTool", "MDXSearchTool", "PDFSearchTool", "RagTool",
                              "TXTSearchTool", "WebsiteSearchTool", "XMLSearchTool", "YoutubeChannelSearchTool",
                              "YoutubeVideoSearchTool"})
CREWAI_RAG_TODO = ("{call} is a crewai_tools RAG tool on its defaults: it embeds with OpenAI (and embedchain-based "
                   "releases also answer with an OpenAI model), reading OPENAI_API_KEY; migrator does not convert it: "
                   "to move it, pass config={{...}} naming another embedding provider (and LLM, where your release "
                   "takes one), or keep OPENAI_API_KEY set for it")
# held-out review 95, Y2 (llamaindex_virtual_assistant): ragas.evaluate(...) given no llm= / embeddings= judges with
# ragas' defaults, OpenAI's (llm_factory's gpt-4o-mini, embedding_factory's OpenAIEmbeddings, OPENAI_API_KEY)
# ragas metrics that embed (answer_relevancy, answer_similarity, SemanticSimilarity, ResponseRelevancy): only they need
# the embeddings ragas defaults to OpenAI's
RAGAS_EMBEDDING_METRIC = re.compile(r"(?i)relevancy|similarity|semantic")
# Library modules that import openai's client classes, imported from there by apps (``from instructor.distil import
# OpenAI``: held-out review 97, Y1): (module, name)
OPENAI_REEXPORTS = frozenset({("instructor.distil", "OpenAI")})
RAGAS_DEFAULT_TODO = ("{call} judges with ragas' default models, OpenAI's ({missing}), reading OPENAI_API_KEY; "
                      "migrator does not convert it: on Mistral, pass llm=LangchainLLMWrapper(ChatMistralAI("
                      "model=\"mistral-large-latest\")) and embeddings=LangchainEmbeddingsWrapper("
                      "MistralAIEmbeddings()) (ragas.llms / ragas.embeddings; langchain-mistralai), or keep "
                      "OPENAI_API_KEY set for it")
# held-out review 166, Y1 (Agentic-RAG-Chatbot): DeepEval's LLM-as-a-judge metrics (``AnswerRelevancyMetric()``,
# ``FaithfulnessMetric()``, ``GEval(...)``) built without model= judge with OpenAI's GPT, reading OPENAI_API_KEY;
# the metrics that call no model (exact / pattern matches, ...) are not named
DEEPEVAL_MODEL_FREE_METRICS = frozenset({"ExactMatchMetric", "PatternMatchMetric", "BaseMetric",
                                         "BaseConversationalMetric", "BaseMultimodalMetric", "NonLLMMetric"})
DEEPEVAL_DEFAULT_TODO = ("{subject}, reading OPENAI_API_KEY; migrator does not convert it: pass model= a Mistral "
                         "judge (deepeval.models' LiteLLMModel(model=\"mistral/mistral-large-latest\"), or a "
                         "DeepEvalBaseLLM wrapping ChatMistralAI), or keep OPENAI_API_KEY set for it (said once "
                         "per module, for its other metrics too)")
# held-out review 89, X1 (TelegramRPBot): `ModelsToolkit(openai_api_key=...)` of omnimodkit ran the whole bot on OpenAI
# (chat, vision, images, speech), and nothing was said: a library migrator does not know, handed an OpenAI key by
# that keyword, calls OpenAI itself
LIBRARY_KEY_KEYWORDS = frozenset({"openai_api_key"})
LIBRARY_KEY_TODO = ("{callee}(...) is handed an OpenAI key ({keyword}=): {package} calls OpenAI with it itself, and "
                    "migrator does not convert it (its models and options are {package}'s): check whether {package} "
                    "can run on Mistral, or keep OPENAI_API_KEY set for it")
# The keywords that point such a class at a server (another one's: no TODO about moving it).
FOREIGN_ENDPOINT_KEYWORDS = ("base_url", "api_base")
# openai-multi-client runs its requests through openai 0.x's module-level client (openai.ChatCompletion.acreate, the
# key in openai.api_key): the module's openai settings stay for it (held-out review 94, Y3: SyntheticPersons' key line
# was removed beside it, and its requests went to OpenAI without a key)
FOREIGN_OPENAI = MappingProxyType({**FOREIGN_OPENAI, **{
    f"openai_multi_client{sub}.OpenAIMultiClient": (
        "migrator does not convert it (it sends its requests through openai 0.x's module-level client, "
        "openai.ChatCompletion.acreate, reading openai.api_key, which stays set for it, and needs openai<1); on "
        "Mistral: send the requests with Mistral(...).chat.complete_async under asyncio.gather (or a thread pool), "
        "by hand")
    for sub in ("", ".openai_multi_client")}})
# held-out review 168, Y2 (baksoftware/gpt): phidata, agno's former name, runs its agents on OpenAIChat the same way
FOREIGN_OPENAI = MappingProxyType({**FOREIGN_OPENAI, **{
    f"phi.{where}.{name}": _KEEPS_OPENAI + (
        f"{mistral} from phi.{mistral_module} (it reads MISTRAL_API_KEY; check that your phidata release takes "
        "mistralai 3, or move to agno, phidata's successor)")
    for where, name, mistral, mistral_module in (
        ("llm.openai", "OpenAIChat", "MistralChat(id=\"mistral-large-latest\")", "model.mistral"),
        ("model.openai", "OpenAIChat", "MistralChat(id=\"mistral-large-latest\")", "model.mistral"),
        ("model.openai.chat", "OpenAIChat", "MistralChat(id=\"mistral-large-latest\")", "model.mistral"),

        ("embedder.openai", "OpenAIEmbedder", "MistralEmbedder(model=\"mistral-embed\")", "embedder.mistral"))}})
# held-out review 168, Y3 (python-openai-projects): LangChain's OpenAIWhisperParser sends the audio to OpenAI's Whisper
FOREIGN_OPENAI = MappingProxyType({**FOREIGN_OPENAI, **{
    f"{package}.document_loaders.parsers{sub}.OpenAIWhisperParser": _KEEPS_OPENAI + (
        "a parser of your own (BaseBlobParser) calling Mistral(...).audio.transcriptions.complete(model="
        "\"voxtral-mini-latest\", file=...) on each blob: LangChain has no Mistral audio parser")
    for package in ("langchain", "langchain_community") for sub in ("", ".audio")}})
# held-out review 173, Y1 (Multi-LLM-Routing-RAG): semantic-router's OpenAIEncoder embeds every routed query on OpenAI
FOREIGN_OPENAI = MappingProxyType({**FOREIGN_OPENAI, **{
    f"semantic_router.encoders{sub}.OpenAIEncoder": _KEEPS_OPENAI + (
        "semantic_router.encoders.MistralEncoder(name=\"mistral-embed\") (semantic-router>=0.1.8; it reads "
        "MISTRAL_API_KEY), and the routes' utterances encoded again with it")
    for sub in ("", ".openai")}})
# ... and its OpenAILLM answers dynamic routes on OpenAI (batch-4 review of session 89: silent)
FOREIGN_OPENAI = MappingProxyType({**FOREIGN_OPENAI, **{
    f"semantic_router.llms{sub}.OpenAILLM": _KEEPS_OPENAI + (
        "a semantic_router.llms.BaseLLM of your own whose __call__ sends the messages to Mistral(...).chat.complete("
        "model=\"mistral-large-latest\", ...) (semantic-router's MistralAILLM, in the releases "
        "seen, is built on mistralai 0.x's MistralClient, which mistralai 3 does not have, and reads "
        "MISTRALAI_API_KEY)")
    for sub in ("", ".openai")}})
# held-out review 175, X1 (vibe-to-live): Arize Phoenix's eval model for LLM-as-a-judge calls OpenAI with
# OPENAI_API_KEY
FOREIGN_OPENAI = MappingProxyType({**FOREIGN_OPENAI, **{
    f"phoenix.evals{sub}.OpenAIModel": _KEEPS_OPENAI + (
        "phoenix.evals' MistralAIModel(model=\"mistral-large-latest\") (it reads MISTRAL_API_KEY; check that your "
        "arize-phoenix-evals release takes mistralai 3, which the converted code pins)")
    for sub in ("", ".models", ".models.openai", ".legacy", ".legacy.models", ".legacy.models.openai")}})
# the libraries of FOREIGN_OPENAI that call through the openai module's own client: its settings stay for them
MODULE_CLIENT_LIBRARIES = frozenset({"openai_multi_client"})
FOREIGN_LIBRARIES = MappingProxyType({"haystack": "Haystack", "chromadb": "Chroma", "pydantic_ai": "pydantic-ai",
                                      "agno": "agno", "autogen_ext": "autogen", "smolagents": "smolagents",
                                      "llama_index": "LlamaIndex", "pandasai": "PandasAI",
                                      "semantic_kernel": "Semantic Kernel", "trulens_eval": "TruLens",
                                      "trulens": "TruLens", "toyaikit": "toyaikit",
                                      "openai_multi_client": "openai-multi-client", "livekit": "LiveKit",
                                      "guidance": "guidance", "phi": "phidata", "langchain": "LangChain",
                                      "langchain_community": "LangChain", "semantic_router": "semantic-router",
                                      "phoenix": "Arize Phoenix"})
# LiveKit Agents' OpenAI plugin (`from livekit.plugins import openai`: held-out review 117, Y1, a voice agent silently
# on OpenAI); livekit-plugins-mistralai has an LLM, STT (Voxtral) and TTS, and no speech-to-speech realtime model
_LIVEKIT = "livekit.plugins.openai"
FOREIGN_OPENAI = MappingProxyType({**FOREIGN_OPENAI, **{
    f"{_LIVEKIT}.LLM": _KEEPS_OPENAI + "livekit.plugins.mistralai.LLM(model=\"mistral-large-latest\") (pip install "
                                      "livekit-plugins-mistralai; it reads MISTRAL_API_KEY)",
    f"{_LIVEKIT}.STT": _KEEPS_OPENAI + "livekit.plugins.mistralai.STT(model=\"voxtral-mini-latest\") (pip install "
                                      "livekit-plugins-mistralai; it reads MISTRAL_API_KEY)",
    f"{_LIVEKIT}.TTS": _KEEPS_OPENAI + "livekit.plugins.mistralai.TTS(...) in a release of livekit-plugins-mistralai "
                                      "that has it (check its voices: OpenAI's are not Mistral's)",
    **{f"{_LIVEKIT}.{path}": "it stays on OpenAI with its key: Mistral has no speech-to-speech realtime model; on "
                             "Mistral the agent session takes livekit.plugins.mistralai's STT, LLM and TTS in its place"
       for path in ("realtime.RealtimeModel", "beta.realtime.RealtimeModel")},
}})
FOREIGN_OPENAI_TODO = "{name}(...) is {library}'s OpenAI component: it calls OpenAI {reads}; {how}"
FOREIGN_READS = "and reads OPENAI_API_KEY"  # (FOREIGN_OPENAI_TODO's {reads}; a key given: FOREIGN_GIVEN_KEY)
FOREIGN_GIVEN_KEY = "with the key it is given"
# LiteLLM picks the provider from the model name: `litellm.completion(model="gpt-4o-mini")` calls OpenAI and reads
# OPENAI_API_KEY itself (held-out review 63, X3: the env files' key was renamed beside it, and every call failed)
LITELLM_CALLS = frozenset({"completion", "acompletion", "embedding", "aembedding", "text_completion",
                           "atext_completion"})
LITELLM_OPENAI_TODO = ("litellm.{callee}(model={model!r}) runs on OpenAI through LiteLLM (it reads OPENAI_API_KEY, "
                       "which stays in the env files while it does): on Mistral, pass model=\"mistral/{mistral}\" "
                       "(LiteLLM then reads MISTRAL_API_KEY) (said once per module)")
# DSPy's LM is LiteLLM underneath: "openai/gpt-4o-mini" (or a bare OpenAI name) runs on OpenAI; DSPy 2.4's dspy.OpenAI
# is its own OpenAI client (held-out review 117, Y2: a DSPy service was "Nothing to change")
DSPY_CALLS = frozenset({"LM", "OpenAI"})
DSPY_OPENAI_TODO = ("dspy.{callee}({model}) runs on OpenAI through DSPy ({via}it reads OPENAI_API_KEY, which stays "
                    "in the env files while it does): on Mistral, dspy.LM(\"mistral/{mistral}\") (LiteLLM then reads "
                    "MISTRAL_API_KEY){legacy}")
DSPY_LEGACY = "; dspy.OpenAI is DSPy 2.4's client, gone from DSPy 2.5, which has dspy.LM"
# ... with a model computed at run time in a module naming OpenAI's models (held-out review 121, X1)
LITELLM_RUNTIME_TODO = ("litellm.{callee}(model={model}) sends the model it is given through LiteLLM, and {where} "
                        "names OpenAI's ({named}), which run on OpenAI (it reads OPENAI_API_KEY, or the api_key= it "
                        "is handed): on Mistral, pass model=\"mistral/{mistral}\" (LiteLLM then reads "
                        "MISTRAL_API_KEY) (said once per module)")
# instructor over LiteLLM: the structured calls' model= goes through LiteLLM (held-out review 112, Y1)
INSTRUCTOR_LITELLM_TODO = ("{callee}(...) sends each structured call's model= through LiteLLM: {model!r} runs on OpenAI "
                           "(it reads OPENAI_API_KEY, which stays in the env files while it does): on Mistral, pass "
                           "model=\"mistral/{mistral}\" (LiteLLM then reads MISTRAL_API_KEY) (said once per module)")
# ScrapeGraphAI picks its provider from the config's llm model: "openai/gpt-4o-mini" (or a bare OpenAI name) runs on
# OpenAI (held-out review 88, Y5: Streamlit-MultiChat's deployed scraping page, silently beside converted clients);
# "mistralai/<model>" runs on Mistral through langchain-mistralai (scrapegraphai's own examples)
SCRAPEGRAPH_OPENAI_TODO = ("{callee}(...) runs ScrapeGraphAI on OpenAI (its config's llm model is {model!r}), with "
                           "an OpenAI key; migrator does not convert it: on Mistral, give that llm "
                           "\"model\": \"mistralai/{mistral}\" and \"api_key\": os.getenv(\"MISTRAL_API_KEY\") "
                           "(scrapegraphai installs langchain-mistralai for it)")
# LangExtract picks its provider from model_id: `lx.extract(model_id="gpt-4o")` runs its OpenAI provider (the openai
# SDK), which reads OPENAI_API_KEY (or LANGEXTRACT_API_KEY) when no api_key= is given (langextract 1.7: providers/
# patterns.py, factory.py; held-out review 84, Y3: the module's OPENAI_API_KEY guard was renamed beside it, no TODO)
LANGEXTRACT_CALLS = frozenset({"extract"})
LANGEXTRACT_OPENAI_MODEL = r"^(?:gpt-3\.5|gpt-4|gpt4\.|gpt-5|gpt5\.|o[1-9])"
LANGEXTRACT_OPENAI_TODO = ("{callee}(model_id={model!r}) runs on OpenAI through LangExtract (its OpenAI provider reads "
                           "OPENAI_API_KEY when no api_key= is given, which stays in the env files while it does), and "
                           "migrator does not convert it: on Mistral, pass config=lx.factory.ModelConfig(model_id=\""
                           "{mistral}\", provider=\"openai\", provider_kwargs={{\"api_key\": <a Mistral key>, "
                           "\"base_url\": \"https://api.mistral.ai/v1\"}}) in place of model_id= and api_key= (said "
                           "once per module)")
# held-out review 93, Y2 (openai-cheat-sheet): OpenAI's evals makes a completion fn of an OpenAI model name
# (OpenAIChatCompletionFn, reading OPENAI_API_KEY); the embeddings beside it converted, the answers stayed OpenAI's,
# unsaid
EVALS_OPENAI_TODO = ("{callee}({model!r}) runs on OpenAI through OpenAI's evals (an OpenAI model name makes its "
                     "OpenAIChatCompletionFn, which reads OPENAI_API_KEY), and migrator does not convert it: evals has "
                     "no Mistral completion fn; register a CompletionFn of your own calling Mistral(...).chat.complete "
                     "(model \"{mistral}\"), or keep OPENAI_API_KEY set for it (said once per module)")
# dependency-injector builds a client where the container says (`providers.Singleton(OpenAI, api_key=...)`), and hands
# it to the classes it provides; migrator follows neither (held-out review 84, X4: no TODO there, and the classes'
# calls were told "no caller passes it a client")
DI_PROVIDERS = frozenset({"Singleton", "ThreadSafeSingleton", "ThreadLocalSingleton", "ContextLocalSingleton",
                          "Factory", "ThreadSafeFactory", "Callable", "Resource", "Object"})
DI_CLIENT_TODO = ("providers.{provider}({cls}, ...) builds an OpenAI client for dependency-injector, which migrator "
                  "does not follow: the calls of the classes it is injected into stay on OpenAI (each is told so); "
                  "to move to Mistral, provide Mistral here (from mistralai.client import Mistral; providers."
                  "{provider}(Mistral, api_key=<a Mistral key>)) and convert those calls (client.chat.complete, ...) "
                  "by hand")
# ... where a class it is injected into also makes calls with no Mistral counterpart (held-out review 112, X2)
DI_KEPT_CLIENT_TODO = ("providers.{provider}({cls}, ...) builds an OpenAI client for dependency-injector, which migrator "
                       "does not follow; {classes}, which it is injected into, also makes calls with no Mistral "
                       "counterpart ({surfaces}): keep this provider on OpenAI; to move the other calls, add a second "
                       "provider (from mistralai.client import Mistral; providers.{provider}(Mistral, api_key=<a "
                       "Mistral key>)), inject it beside this one, and make those calls on it by hand "
                       "(client.chat.complete, ...)")
# held-out review 54, S2 (jxnl/n-levels-of-rag): a LanceDB table embedded by the registry's OpenAI function, queried
# with vectors from converted embeddings calls (1024-dim mistral-embed against its Vector(256)), unflagged
LANCEDB_OPENAI_TODO = ("get_registry().get(\"openai\") is LanceDB's OpenAI embedding function: it calls OpenAI and reads "
                       "OPENAI_API_KEY, and migrator does not convert it (the openai package stays); the tables it "
                       "embeds hold OpenAI vectors, so vectors from embeddings calls converted to mistral-embed (1024 "
                       "dimensions, another model) do not match them: on Mistral, register an EmbeddingFunction of your "
                       "own that calls Mistral().embeddings.create(model=\"mistral-embed\", inputs=...) with ndims() "
                       "1024, then re-create and re-embed the tables")
WRAPPED_CLIENT_NAMES = frozenset({"OpenAI", "AsyncOpenAI", "AzureOpenAI", "AsyncAzureOpenAI", "Client",
                                  "AsyncClient"})

# Where an OpenAI-SDK client points, read from the text of its base_url / api_key arguments (with the
# names they read expanded). First match wins; anything that names OpenAI's own host or variables is
# OpenAI; an unknown host is another provider.
OTHER_PROVIDER_MARKERS = (
    ("deepseek", "DeepSeek"), ("x.ai", "xAI"), ("xai_", "xAI"), ("grok", "xAI"), ("together", "Together"),
    ("groq", "Groq"), ("openrouter", "OpenRouter"), ("perplexity", "Perplexity"), ("pplx", "Perplexity"),
    ("ollama", "Ollama"), ("lmstudio", "LM Studio"), ("lm_studio", "LM Studio"), ("lm-studio", "LM Studio"),
    ("vllm", "vLLM"), ("localhost", "local server"), ("127.0.0.1", "local server"), ("0.0.0.0", "local server"),
    ("azure", "Azure"), ("anyscale", "Anyscale"), ("fireworks", "Fireworks"), ("moonshot", "Moonshot"),
    ("dashscope", "DashScope"), ("siliconflow", "SiliconFlow"), ("zhipu", "Zhipu"), ("bigmodel", "Zhipu"),
    ("gemini", "Gemini"), ("googleapis", "Google"), ("anthropic", "Anthropic"), ("mistral", "Mistral"),
    ("nvidia", "NVIDIA"), ("cerebras", "Cerebras"), ("sambanova", "SambaNova"), ("huggingface", "Hugging Face"),
    ("scaleway", "Scaleway"), ("ovh", "OVHcloud"), ("litellm", "LiteLLM"), ("cloudflare", "Cloudflare"),
    ("baidu", "Baidu"), ("qwen", "Qwen"), ("nebius", "Nebius"), ("hyperbolic", "Hyperbolic"),
    ("github", "GitHub Models"), ("sglang", "SGLang"), ("tgi", "TGI"), ("llamacpp", "llama.cpp"),
    ("llama_cpp", "llama.cpp"), ("lmdeploy", "LMDeploy"), ("xinference", "Xinference"), ("samba", "SambaNova"),
    ("nemotron", "NVIDIA"), ("qianwen", "Qwen"),
    # a setting named for a server that speaks OpenAI's protocol (OPENAI_COMPATIBLE_ENDPOINT, openai_like_base_url,
    # CUSTOM_OPENAI_BASE_URL): not OpenAI's own (held-out review 18, P2: converted to Mistral(server_url=...),
    # which then asked <endpoint>/v1/v1/models)
    ("compatible", "an OpenAI-compatible server"), ("openai_like", "an OpenAI-compatible server"),
    ("openailike", "an OpenAI-compatible server"), ("custom_", "an OpenAI-compatible server"),
    ("self_hosted", "a self-hosted server"), ("selfhosted", "a self-hosted server"),
)


# markers that name a server or a server setting, never a key (classify_endpoint's api_key text)
_SERVER_SETTING_MARKERS = frozenset({"localhost", "127.0.0.1", "0.0.0.0", "compatible", "openai_like", "openailike",
                                     "custom_", "self_hosted", "selfhosted"})


def provider_named_by_path(path: str) -> str:
    """The other provider a module's own name or directory names (``models/samba_model.py``,
    ``experimental/_vllm.py``, ``providers/github.py``), else "": a base_url its configuration gives is
    that provider's, however it is spelled."""
    parts = path.replace("\\", "/").lower().rsplit("/", 3)[-3:]
    # (a directory named for the code host, `.github/scripts/ai_review.py`, `integrations/github/review.py`, names no
    # model provider: held-out review 110, X4, its client was "GitHub Models'" and left with no TODO)
    parts = [part for part in parts[:-1] if part not in (".github", "github", "gitlab", ".gitlab")] + parts[-1:]
    text = "/".join(parts).removesuffix(".py")
    for marker, name in OTHER_PROVIDER_MARKERS:
        if marker not in ("localhost", "127.0.0.1", "0.0.0.0", "custom_") and marker in text:
            return name
    return ""


def classify_endpoint(text: str, argument: str = "base_url") -> str:
    """``openai`` when the expression text points at OpenAI (its host, or OPENAI_* settings), else the
    name of the other provider it points at (``unknown endpoint`` for a host migrator does not know)."""
    import re

    lowered = text.lower()
    # (a key's text holds no endpoint: a URL there is the key page a prompt names, `getpass("Paste your key from
    # https://platform.openai.com/account/api-keys")`, which made the client "another provider": held-out review
    # 45, A4)
    hosts = re.findall(r"https?://([^/\"'\s:]+)", lowered) if argument != "api_key" else []
    for host in hosts:
        if host != OPENAI_HOST and not host.endswith(".openai.com"):
            for marker, name in OTHER_PROVIDER_MARKERS:
                # (at the start of one of the host's labels: "grok" is no marker in "abc.ngrok-free.app", held-out
                # review 110, X8, an ngrok tunnel said to be xAI's)
                if marker in host and re.search(r"(?:^|[.\-])" + re.escape(marker), host):
                    return name
            if "{" in host:  # `f"http://{args.host}:{args.port}/v1"`: a host the code computes (review 43, X6)
                return "an endpoint the code builds (" + text.strip()[:80] + ")"
            return f"endpoint {host}"
    if hosts:
        return "openai"
    for marker, name in OTHER_PROVIDER_MARKERS:
        # (a key's text names no server: `api_key=custom_service.key` is no "custom_ endpoint" setting; held-out
        # review 115, X1, the app's OpenAI client was left alone as another provider's, silently)
        if marker in lowered and not (argument == "api_key" and marker in _SERVER_SETTING_MARKERS):
            if marker == "custom_" and argument == "base_url" and "openai" in lowered and "environ[" not in lowered:
                # `config.custom_openai_endpoint()`, None by default (OpenAI): a server the configuration may give,
                # OpenAI's where it gives none (held-out review 155, Y1: left alone as another server's, silently);
                # not a required variable (`os.environ["CUSTOM_OPENAI_BASE_URL"]`: always that server)
                return "unknown endpoint"
            return name
    if argument == "base_url" and lowered.strip() not in ("none", "") and \
            not re.search(r"openai[a-z0-9_]*?(?:base|url|endpoint|host)", lowered):
        # OpenAI's own only by a setting named for it (OPENAI_BASE_URL, settings.openai_api_base):
        # a class that merely says OpenAI (OpenAIEmbedderConfig().base_url) is often filled with
        # another server ("custom endpoints like Ollama").
        return "unknown endpoint"
    return "openai"


def fail_note(note: str, class_name: str) -> str:
    """A CLIENT_PARAMS note for the class it is about: an async client takes ``async_client=``."""
    if "Async" in class_name:
        return note.replace("client=httpx2.Client(", "async_client=httpx2.AsyncClient(")
    return note


# What gives a key while the app runs (re-review of held-out review 42, U3: `openai.api_key = api_key` of a key typed in
# a Streamlit field moved to a Mistral client built at import): the last name of the call
RUNTIME_KEY_CALLS = frozenset({"text_input", "input", "getpass", "prompt", "Textbox"})


def openai_key_prefix(text: object) -> bool:
    """``"sk-"`` (``"sk"``, ``"sk-proj-"``...) tested as a key's start (``key.startswith("sk-")``): OpenAI's key prefix,
    which a Mistral key never has (re-review 46, D3). Not ``"skip"``, nor a placeholder's start (``"sk-test"``,
    ``"sk-xxx"``: a check rejecting a test key lets a Mistral key through; held-out review 89, Y11)."""
    return isinstance(text, str) and (text in ("sk", "sk-") or text.startswith(OPENAI_KEY_KINDS))


OPENAI_KEY_KINDS = ("sk-proj", "sk-svcacct", "sk-admin", "sk-None")  # the prefixes of OpenAI's key kinds


# the last name of a web framework's route decorator (`@app.post("/ask")`, `@router.get(...)`, `@app.route(...)`):
# a key read from its request is the caller's, given at run time
# What OpenAI() raised for a missing key, as an except clause around it names it (Mistral() checks no key when built:
# such a guard needs its TODO; held-out review 126, Y3)
OPENAI_KEY_ERRORS = frozenset({"openai.OpenAIError", "OpenAIError"})
# FastAPI's parameter functions, whose first argument (or default=) is the parameter's default (`Form("gpt-4o")`)
FRAMEWORK_PARAM_DEFAULTS = frozenset({"Form", "Query", "Body", "Header", "Cookie"})
ROUTE_DECORATORS = frozenset({"get", "post", "put", "patch", "delete", "route", "websocket", "api_route"})

# OpenAI's client.close() (AsyncOpenAI: await client.close()): Mistral has no close(); leaving the client's context
# closes the HTTP client it made (mistralai 3.7: Mistral.__exit__ / __aexit__; api-mapping.md §1.5)
CLIENT_CLOSE = frozenset({"close"})
CLIENT_CLOSE_METHODS = MappingProxyType({False: "__exit__", True: "__aexit__"})


# Another provider's client is left alone without a word, except one whose base_url the app's configuration
# gives: where that leaves it unset (None) or names OpenAI, the client talks to OpenAI (held-out review 18, P6:
# gpt-pilot's main client, base_url=self.config.base_url defaulting to None, was listed in the summary only).
# An OpenAI client pointed at another host whose path names openai (`https://api.proxyapi.ru/openai/v1`): a reseller's
# relay to OpenAI's models, or another provider's OpenAI-compatible path (held-out review 59, X5).
RELAY_ENDPOINT_TODO = ("left as it is: its base_url is {host}, {why}: if it relays to OpenAI's "
                       "models, this client still talks to OpenAI: convert it by hand (Mistral(...), MISTRAL_API_KEY, "
                       "Mistral model names); if it is another provider's server, nothing to do")
CONFIGURED_ENDPOINT_TODO = ("left as it is: its base_url comes from the app's configuration and is not OpenAI's by "
                            "name; where the configuration leaves it unset (None) or names OpenAI, this client talks "
                            "to OpenAI: point it at Mistral there (https://api.mistral.ai/v1, a Mistral key and "
                            "model) or convert it by hand")


# api_key values that stand in for no key on a local OpenAI-compatible server (FastChat's "EMPTY", Ollama's "ollama",
# vLLM's, LM Studio's): a client given one talks to such a server, not to OpenAI
LOCAL_SERVER_KEYS = frozenset({"empty", "ollama", "lm-studio", "lmstudio", "vllm", "localai", "llamacpp", "llama.cpp",
                               "none", "null", "not-needed", "not_needed", "notneeded", "no-key", "nokey", "local"})


def key_message(text: str, new: str = "MISTRAL_API_KEY") -> str:
    """A key check's message (``text``, a string's source or value) naming the variable the converted clients read
    (``new``): OPENAI_API_KEY -> ``new``; for MISTRAL_API_KEY also "OpenAI API key" -> "Mistral API key", OpenAI's
    key page -> Mistral's, and the rest of a message so rewritten naming Mistral. (MIG101's rewrite of a renamed
    check's body, and the plan's reading of the tests asserting such a message.)"""
    # (ASCII bounds: "OPENAI_API_KEYが環境変数に..." names it too, held-out review 174, Y2)
    value = re.sub(r"(?<![A-Za-z0-9_])OPENAI_API_KEY(?![A-Za-z0-9_])", new, text)
    if new == "MISTRAL_API_KEY":  # "Please add your OpenAI API key" (held-out review 25, Cyberfortress)
        value = re.sub(r"\b(?:(an) |(An) )?OpenAI(?= (?:API|api|Api) [Kk]ey\b| [Kk]ey\b)",
                       lambda m: ("a " if m.group(1) else "A " if m.group(2) else "") + "Mistral", value)
        # "Enter API key for OpenAI: " (LangChain's quick-start prompt: held-out review 101, Y13)
        value = re.sub(r"\b((?:API|api|Api) [Kk]ey|[Kk]ey) for OpenAI\b", r"\1 for Mistral", value)
        # ... and OpenAI's key page, where the prompt says to get it (held-out review 45, A5)
        value = OPENAI_KEYS_PAGE.sub(MISTRAL_KEYS_PAGE, value)
        # `export MISTRAL_API_KEY=sk-...`: Mistral's keys have no sk- prefix (held-out review 108, X8)
        value = re.sub(r"\b(MISTRAL_API_KEY\s*=\s*[\"']?)sk-(?:\.\.\.|…|x+|\*+|<[^<>]*>|your[\w-]*)",
                       r"\1...", value)
        if value != text:
            # the rest of a message rewritten so (`"... found - will use OpenAI for inference"`): the provider the
            # check is about now (held-out review 139, X6: half of it named Mistral); not Azure OpenAI's, nor an
            # OpenAI-compatible server's
            value = re.sub(r"(?<!Azure )(?<![\w./-])OpenAI(?![\w-])", "Mistral", value)
    return value
