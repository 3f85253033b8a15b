"""OpenAI reached other than through the SDK's clients: raw HTTP, Weaviate's server-side modules, tests
that patch the SDK. The plan reports them (MIG106); nothing here is converted."""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Optional

from migrator.mapping.client import OPENAI_HOST

# Azure OpenAI's resource hosts (``{resource}.openai.azure.com``): OpenAI's API through Azure, reached over HTTP too
AZURE_OPENAI_HOST = "openai.azure.com"

# What sends an HTTP request (requests, httpx, aiohttp, urllib): given OpenAI's URL, OpenAI is reached
# without the SDK.
HTTP_CALLS = frozenset({"get", "post", "put", "patch", "delete", "request", "Request", "urlopen", "stream",
                        "ws_connect", "connect", "fetch"})
# HTTP clients whose base_url= is where every request made with them goes (httpx, aiohttp, requests sessions), and
# the libraries they come from
HTTP_CLIENTS = frozenset({"Client", "AsyncClient", "ClientSession", "Session"})
HTTP_LIBRARIES = ("httpx", "aiohttp", "requests")
# A `.get(url)` sends a request only on what reads like an HTTP library or client (not a dict's .get)
HTTP_SENDER_MARKS = ("requests", "httpx", "session", "client", "http")
# An OpenAI client's base_url on another host whose path names openai: a relay to OpenAI's models (a reseller's
# proxy; Cloudflare AI Gateway's /openai route, though "cloudflare" names a provider: held-out reviews 59 X5, 60 X11)
OPENAI_RELAY_PATH = re.compile(r"https?://[^/\s\"']+/(?:[^\s\"']*/)?openai(?:/|\b)")
RELAY_GATEWAY_HOSTS = ("gateway.ai.cloudflare.com",)
# A setting not named for OpenAI whose default is OpenAI's URL (the modules sending to it may not name openai at all)
RAW_URL_SETTING_TODO = ("{name} defaults to OpenAI's API ({url}): the code sending HTTP requests to it, without the "
                        "SDK, reaches OpenAI with an OpenAI key; migrator does not convert those requests: point them "
                        "at https://api.mistral.ai/v1 where Mistral serves the endpoint (chat/completions, embeddings, "
                        "audio/transcriptions with voxtral-mini-latest), with MISTRAL_API_KEY and a Mistral model")
# ... which no Python module of the tree reads (held-out review 114, X4)
RAW_URL_UNREAD_TODO = ("{name} defaults to OpenAI's API ({url}), and no Python code of the project reads it: remove it, "
                       "or, where something outside the code uses it, point it at https://api.mistral.ai/v1 (with "
                       "MISTRAL_API_KEY and a Mistral model)")
# What a dict describing an HTTP request carries besides its URL (`dict(url=..., headers=..., json=...)`)
REQUEST_PARTS = frozenset({"headers", "json", "data", "method", "params", "files", "auth"})
# A setting's name that says it holds a URL (whatever it names): its default value decides whether it is OpenAI's
URL_SETTING_WORDS = re.compile(r"(?i)(?:url|base|endpoint|host|server)")
RELAY_WHY = "whose path names openai"
# ... or whose host does (`https://openai.vocareum.com/v1`, a course's relay; `openai.mycorp.internal`: held-out review
# 106, Y2, left alone in the summary only); OpenAI's own hosts and Azure's are told apart before
OPENAI_RELAY_HOST = re.compile(r"^[\w.-]*\bopenai\b[\w.-]*$")
RELAY_HOST_WHY = "whose host names openai"
# Hosts that are OpenAI proxies by name, whatever the path (Helicone's logging proxy forwards to api.openai.com with
# the OpenAI key and model names: held-out review 61, X27): host -> what the TODO calls it
OPENAI_PROXY_HOSTS = MappingProxyType({"oai.helicone.ai": "Helicone's proxy to OpenAI",
                                       "oai.hconeai.com": "Helicone's proxy to OpenAI"})
# Request objects built, not sent (tests build them for fake SDK errors: BadRequestError(..., response=
# httpx.Response(400, request=httpx.Request("POST", "https://api.openai.com/v1/chat/completions"))))
BUILT_REQUESTS = frozenset({"httpx.Request", "requests.Request", "httpx2.Request"})
RAW_HTTP_TODO = ("{callee}(...) calls OpenAI's HTTP API directly, without the SDK: migrator does not convert it; "
                 "send it to https://api.mistral.ai/v1 in Mistral's request shape (or call a Mistral client) by "
                 "hand, with MISTRAL_API_KEY")
# Paths whose request body Mistral's endpoint of the same path takes as is (its model name and key aside): the TODO
# says so (held-out review 61, Y26: "in Mistral's request shape" suggested a rewrite that was not needed)
SAME_SHAPE_PATHS = MappingProxyType({
    "/chat/completions": "the same JSON body (model, messages, temperature, max_tokens, stream, tools ...) and answers "
                         "choices[0].message.content as OpenAI does",
    "/embeddings": "the same JSON body (model, input) and answers data[i].embedding (1024 numbers for mistral-embed)",
    # (mistralai 3.7's AudioTranscriptionRequest: model, file, language, temperature, ...; no response_format / prompt:
    # held-out review 94, X11)
    "/audio/transcriptions": "a multipart body of the same form (file, model: voxtral-mini-latest; language, "
                             "temperature, timestamp_granularities; no response_format or prompt field) and answers "
                             "JSON with text",
})
RAW_HTTP_SAME_SHAPE_TODO = ("{callee}(...) calls OpenAI's HTTP API directly, without the SDK: migrator does not "
                            "convert it; Mistral's https://api.mistral.ai/v1{path} takes {shape}: point the URL "
                            "there, with a Mistral model name and MISTRAL_API_KEY as the bearer key (a field Mistral "
                            "lacks is rejected with 422)")
# A chat body sending OpenAI's legacy function calling (held-out review 74, X1: a Telegram bot's seven posts; Mistral's
# ChatCompletionRequest has tools / tool_choice and no functions / function_call, so each request got a 422)
LEGACY_FUNCTION_FIELDS = frozenset({"functions", "function_call"})
RAW_HTTP_LEGACY_FUNCTIONS = ("; this body sends OpenAI's legacy functions / function_call, which Mistral rejects (422): "
                             "send tools=[{\"type\": \"function\", \"function\": f} for f in functions] and "
                             "tool_choice=\"auto\", and read message[\"tool_calls\"][i][\"function\"] for "
                             "message[\"function_call\"] (a role \"function\" reply becomes role \"tool\" with the "
                             "call's tool_call_id)")
# The same for a path of an API Mistral lacks (corpus review R7: FastChat POSTs to OpenAI's /threads/{id}/runs
# for a thread a kept client made; "send it to Mistral" would break it): URL path -> the surface it serves
# (migrator.mapping.surfaces.CLOSEST says what is closest).
OPENAI_ONLY_PATHS = MappingProxyType({"/threads": "beta.threads", "/assistants": "beta.assistants",
                                      "/vector_stores": "vector_stores", "/fine_tuning": "fine_tuning",
                                      "/images": "images", "/realtime": "realtime", "/uploads": "uploads",
                                      "/containers": "containers", "/evals": "evals", "/videos": "videos",
                                      # the admin API: an organization's usage, costs, projects, keys (held-out review
                                      # 121, X6: told to go to api.mistral.ai, which has no such API)
                                      "/organization": "organization",
                                      # the legacy billing dashboard's usage / subscription (held-out review 157, Y4:
                                      # told to go to api.mistral.ai in Mistral's request shape)
                                      "/dashboard": "dashboard", "/usage": "organization"})
RAW_HTTP_ONLY_OPENAI_TODO = ("{callee}(...) calls OpenAI's {path} endpoint directly, without the SDK: it stays on "
                             "OpenAI ({closest}); its key and any ids it uses (OPENAI_API_KEY) stay OpenAI's")


# A setting or variable named for OpenAI's URL (`settings.openai_api_url`, `OPENAI_BASE_URL`): an HTTP call sent there
# reaches OpenAI without the SDK, its URL in an env file (held-out review 58, Y2).
OPENAI_URL_SETTING = re.compile(r"(?i)openai_(?:api_)?(?:url|endpoint|base_url|base|host)\b")

# An endpoint's URL (a path after /v1), not a base URL an SDK client takes: handed to a function or class of the app,
# it is where that code sends its request (held-out review 57, X3: TutorBuddy's GenerateAI(request_url=...)).
OPENAI_ENDPOINT_PATH = re.compile(r"/v1/[a-z]")
# Calls that only show or store a value (a URL printed, logged, put in a dict) are not where a request goes.
# (and an environment read's default, `os.getenv("EMBEDDING_PROVIDER_URL", "<OpenAI's URL>")`: the call sending to the
# value it returns is the one to flag; held-out review 130, X6, said "the request it sends" of a variable nothing read)
RAW_HTTP_SHOWN = frozenset({"print", "debug", "info", "warning", "error", "exception", "critical", "log", "dict",
                            "format", "join", "startswith", "endswith", "replace", "split", "append", "get", "str",
                            "getenv", "setdefault"})
RAW_HTTP_HANDED_TODO = ("{callee}(...) is handed OpenAI's HTTP API URL ({given}): the request it sends with it goes to "
                        "OpenAI without the SDK; migrator does not convert it: send it to https://api.mistral.ai/v1 in "
                        "Mistral's request shape (or call a Mistral client) by hand, with MISTRAL_API_KEY")


def raw_http_handed_todo(callee: str, given: str, url_text: str) -> str:
    """MIG106's TODO for a call handed OpenAI's endpoint URL ``url_text`` (as ``given``), for an API Mistral has or
    lacks."""
    path = url_text.split(OPENAI_HOST, 1)[-1].strip()
    if path and not path.startswith(("/", "http")):
        path = "/" + path  # (a path joined to a base held elsewhere: `urljoin(self.base_url, "images/generations")`)
    for prefix, surface in OPENAI_ONLY_PATHS.items():
        if f"/v1{prefix}" in path or path.startswith(prefix):
            return raw_http_todo(callee, url_text)
    return RAW_HTTP_HANDED_TODO.format(callee=callee, given=given)


RAW_HTTP_REPEAT = re.compile(r"(?P<callee>[\w.]+)\(\.\.\.\) calls OpenAI's (?P<what>[\w/]+ endpoint|HTTP API) directly"
                             r"(?: \(its URL is [^)]*\))?, without the SDK: (?P<rest>.+)", re.S)


def raw_http_repeat(todo: str) -> Optional[tuple[str, str]]:
    """(what a later call sending the same request shares with the first one: the TODO without its callee, the short
    TODO pointing at the first) for MIG106's TODO of an HTTP call to OpenAI's API; None for any other TODO. A function
    of five requests to /threads... got the 370-character text five times (held-out review 116, X3)."""
    found = RAW_HTTP_REPEAT.fullmatch(todo)
    if found is None:
        return None
    shared = todo[len(found.group("callee")):]
    return shared, (f"{found.group('callee')}(...) calls OpenAI's {found.group('what')} directly too, without the "
                    "SDK: see the TODO at the first such call in this file")


def raw_http_todo(callee: str, url_text: str, legacy_functions: bool = False) -> str:
    """MIG106's TODO for an HTTP call to OpenAI's API whose URL (its string parts) is ``url_text``;
    ``legacy_functions``: its body sends OpenAI's ``functions`` / ``function_call``."""
    from migrator.mapping.surfaces import closest_feature

    path = url_text.split(OPENAI_HOST, 1)[-1].strip()
    if path and not path.startswith(("/", "http")):
        path = "/" + path  # (a path joined to a base held elsewhere: `urljoin(self.base_url, "images/generations")`)
    for prefix, surface in OPENAI_ONLY_PATHS.items():
        if f"/v1{prefix}" in path or path.startswith(prefix):
            closest = closest_feature(surface) or "Mistral has no such endpoint"
            return RAW_HTTP_ONLY_OPENAI_TODO.format(callee=callee, path=prefix.lstrip("/"), closest=closest)
    for same, shape in SAME_SHAPE_PATHS.items():
        if path.rstrip("/").endswith(f"/v1{same}") or path.rstrip("/") == same:
            todo = RAW_HTTP_SAME_SHAPE_TODO.format(callee=callee, path=same, shape=shape)
            return todo + RAW_HTTP_LEGACY_FUNCTIONS if legacy_functions and same == "/chat/completions" \
                else todo
    return RAW_HTTP_TODO.format(callee=callee)


# Weaviate's modules that call OpenAI from the Weaviate server (v3 strings, v4 Configure.* names).
WEAVIATE_OPENAI = ("text2vec-openai", "generative-openai", "X-OpenAI-Api-Key", "text2vec_openai", "generative_openai")
WEAVIATE_OPENAI_TODO = ("Weaviate's OpenAI module (text2vec-openai / generative-openai, X-OpenAI-Api-Key): the Weaviate "
                        "server calls OpenAI for this app; migrator does not change it. On Mistral: Weaviate's "
                        "text2vec-mistral / generative-mistral modules with X-Mistral-Api-Key (re-vectorize the "
                        "collection: Mistral's vectors do not mix with OpenAI's)")

# LightRAG's OpenAI functions (held-out review 36, K5: `LightRAG(llm_model_func=gpt_4o_complete,
# embedding_func=openai_embed)` queried OpenAI, and the run said "Nothing to change"). They build their own
# AsyncOpenAI client and read OPENAI_API_KEY; given base_url= they serve another endpoint.
LIGHTRAG_OPENAI_MODULES = ("lightrag.llm.openai", "lightrag.llm")
# (nvidia_openai_complete calls NVIDIA's endpoint: not OpenAI's, not listed; re-review 37, M2)
LIGHTRAG_OPENAI_NAMES = frozenset({"gpt_4o_complete", "gpt_4o_mini_complete", "openai_complete", "openai_complete_if_cache",
                                   "openai_embed", "openai_embedding"})
LIGHTRAG_EMBED_NAMES = frozenset({"openai_embed", "openai_embedding"})
LIGHTRAG_OPENAI_TODO = ("LightRAG's OpenAI functions from lightrag.llm.openai ({names}) call OpenAI and read OPENAI_API_KEY: "
                        "migrator does not change them. On Mistral: {how}; then rebuild the working directory ({built} "
                        "came from OpenAI's models)")
LIGHTRAG_LLM_HOW = ("an llm_model_func of your own that returns await openai_complete_if_cache(\"mistral-small-latest\", "
                    "prompt, ..., base_url=\"https://api.mistral.ai/v1\", api_key=os.environ[\"MISTRAL_API_KEY\"])")
LIGHTRAG_EMBED_HOW = ("an embedding_func calling openai_embed(texts, model=\"mistral-embed\", base_url=..., api_key=...) "
                      "with embedding_dim=1024")


def lightrag_todo(names: list[str]) -> str:
    """MIG106's TODO for LightRAG's OpenAI functions ``names`` used in a module."""
    embeds = [n for n in names if n in LIGHTRAG_EMBED_NAMES]
    llms = [n for n in names if n not in LIGHTRAG_EMBED_NAMES]
    how = " and ".join(([LIGHTRAG_LLM_HOW] if llms else []) + ([LIGHTRAG_EMBED_HOW] if embeds else []))
    built = "its vectors and graph" if embeds and llms else "its vectors" if embeds else "its graph"
    return LIGHTRAG_OPENAI_TODO.format(names=", ".join(names), how=how, built=built)


# What replaces an attribute for a test (unittest.mock, pytest's monkeypatch / mocker).
SDK_PATCHERS = frozenset({"patch", "setattr"})
# A test patching the client class a converted module builds, by dotted path (held-out review 8, D3:
# mocker.patch("pkg.services.llm_service.OpenAI") then failed with AttributeError).
APP_PATCH_TODO = ("this test patches {target}, the OpenAI client class that module builds: the conversion builds "
                  "Mistral there now, so the patch fails (the module has no {name}); patch {module}.Mistral instead "
                  "and fake what the code now calls (chat.complete, embeddings.create, ...)")
# `patch("app.nodes.openai")`: the openai module as a converted module imported it (re-review 41, T12)
APP_MODULE_PATCH_TODO = ("this test patches {target}, the openai module as that module imports it: the conversion "
                         "moved its clients to Mistral and it no longer imports openai, so the patch fails; patch "
                         "{module}.Mistral instead and fake what the code now calls (chat.complete, embeddings.create, "
                         "...)")
# (the module called the openai module's own client, `openai.chat.completions.create(...)`: its calls now go through
# the module-level client migrator writes, built at import, which a patch of {module}.Mistral no longer reaches)
APP_MODULE_CLIENT_PATCH_TODO = ("this test patches {target}, the openai module as that module imports it: its calls "
                                "now go through the Mistral client migrator writes there ({module}.{client}, built at "
                                "import), so the patch no longer reaches them (and fails with AttributeError where the "
                                "module no longer imports openai); patch {module}.{client} instead and fake what the "
                                "code now calls ({methods})")
CLIENT_CLASS_NAMES = ("OpenAI", "AsyncOpenAI")
# a test patching a converted module's instructor (held-out review 29, J-D6: its `.patch.return_value` set-up no
# longer met the code, which calls instructor.from_mistral, and its model assertion named the OpenAI model)
INSTRUCTOR_PATCH_TODO = ("this test patches {target}: the converted module calls instructor.from_mistral(...) now, not "
                         "instructor.patch / from_openai, and sends Mistral model names: set up from_mistral's return "
                         "value and update the model assertions")
# the same for a LangChain class the module's objects convert from (held-out review 29, J-D7: ChunkRecallTrainer's
# autouse `monkeypatch.setattr("pkg.graph.ChatOpenAI", DummyLLM)` made every test error)
APP_LANGCHAIN_PATCH_TODO = ("this test patches {target}, the LangChain class that module builds: the conversion "
                            "builds {new} there now, so the patch fails (the module has no {name}); patch "
                            "{module}.{new} instead, and make the fake a {new} (langchain_mistralai)")
# A test patching what gives the code a client the run converts (a factory, a module's client: held-out review 20,
# R-B3: kabot's fake, set up as an OpenAI client, met chat.complete_async after the conversion and the test failed).
CLIENT_PATCH_TODO = ("this test patches {target}, which gives the code an OpenAI client the conversion moved to "
                     "Mistral: the code now calls Mistral's methods on it (chat.complete for chat.completions.create, "
                     "embeddings.create(inputs=...) for embeddings.create, their *_async forms where awaited), so a "
                     "fake set up as an OpenAI client no longer matches: update the fake and its assertions")
# patch.object(service._client.chat.completions, "create", ...) on a converted client (held-out review 25, B1)
OBJECT_PATCH_TODO = ("this test patches {target} on a client the conversion moved to Mistral: the converted code now "
                     "calls {now}; patch that, and update the fake's return value, assertions and errors (raise "
                     "errors.SDKError where it raised an openai error: the converted except no longer catches those)")
# ... rewritten where the converted code calls one method in its place (PATCH_REWRITABLE: the patched surfaces whose
# sync Mistral method PATCHED_NOW names is the one the converted code calls): what the test's fake and assertions
# say is still to check (held-out review 140, X3)
PATCH_REWRITABLE = frozenset({"chat.completions.create", "chat.completions.parse", "beta.chat.completions.parse",
                              "embeddings.create"})
PATCH_REWRITTEN_TODO = ("this test patched {target} on a client the conversion moved to Mistral: the target is now "
                        "{now}, the method the converted code calls; check the fake's return value and the assertions "
                        "on the mock (model names, keyword names: inputs= for input=) against Mistral's, and raise "
                        "errors.SDKError where it raised an openai error")
# a test's fake set up as an OpenAI client and put in a converted client's place (held-out review 26, C4)
FAKE_CLIENT_TODO = ("this test's fake `{fake}` is set up as an OpenAI client ({fake}.{surface}) and takes the place of "
                    "{place}, a client the conversion moved to Mistral: the converted code now calls {now}; set "
                    "that up, and update the fake's return value and assertions{errors}")
# the same, set up through the attribute that holds the client (`s.client.chat.completions.create.return_value = ...`)
FAKE_ATTRIBUTE_TODO = ("this test sets {fake} up as an OpenAI client ({fake}.{surface}), a client the conversion moved "
                       "to Mistral: the converted code now calls {now}; set that up, and update the fake's return "
                       "value and assertions{errors}")
# ... {errors} where the test module raises (`side_effect = openai.RateLimitError(...)`, a fake's `raise`); said of a
# fake that raises nothing, it sent the reader looking for errors that are not there (held-out review 170, X5)
FAKE_ERRORS = (", and the errors it raises (errors.SDKError where it raised an openai error: the converted except no "
               "longer catches those)")
# a test passing a value the plan cannot trace where `client or OpenAI()` takes one (held-out review 28, G3);
# {surfaces}: the OpenAI methods the converted code called on it (held-out review 170, X5: "chat.completions.create"
# was said of an embeddings fake)
INJECTED_FAKE_TODO = ("this test passes {value} as {place}, which stands in for a client the conversion moved to "
                      "Mistral: the converted code calls {now} on it; a fake set up as an OpenAI client "
                      "({surfaces}) no longer matches: update the fake and its assertions")
# what the converted code calls instead of a patched SDK method: (sync, async, note)
PATCHED_NOW = MappingProxyType({
    "chat.completions.create": ("chat.complete", "chat.complete_async", " (stream / stream_async for stream=True)"),
    "chat.completions.parse": ("chat.parse", "chat.parse_async", ""),
    "beta.chat.completions.parse": ("chat.parse", "chat.parse_async", ""),
    "embeddings.create": ("embeddings.create", "embeddings.create_async", ", with inputs= for input="),
    # (held-out review 28: an audio patch got the generic chat / embeddings list)
    "audio.transcriptions.create": ("audio.transcriptions.complete", "audio.transcriptions.complete_async",
                                    ", with file={\"file_name\", \"content\"}"),
    "audio.speech.create": ("audio.speech.complete", "audio.speech.complete_async", ", with voice_id= for voice="),
    "moderations.create": ("classifiers.moderate", "classifiers.moderate_async", ", with inputs= for input="),
    "files.create": ("files.upload", "files.upload_async", ", with file={\"file_name\", \"content\"}"),
    # (held-out review 124, Y9: a Responses patch got the generic chat / embeddings list)
    "responses.create": ("responses.create", "responses.create_async",
                         " (Mistral's result has no .output_text: the code reads its output items' text, so a fake "
                         "giving output_text alone is no longer read)"),
    "responses.parse": ("chat.parse", "chat.parse_async", " (read as .choices[0].message.parsed)"),
    "models.list": ("models.list", "models.list_async", " (read as .data)"),
})
PATCHED_ANY = ("Mistral's method (chat.complete for chat.completions.create, which Mistral's client lacks; "
               "embeddings.create with inputs=)")


def patched_now(receiver: str, surface: str, is_async: bool) -> str:
    """What the converted code calls instead of ``receiver.surface`` (a test's patch.object target)."""
    if surface not in PATCHED_NOW:
        return PATCHED_ANY
    sync, async_, note = PATCHED_NOW[surface]
    return f"{receiver}.{async_ if is_async else sync}{note}"


SDK_PATCH_TODO = ("this test patches the OpenAI SDK ({target}): the converted code calls Mistral's SDK, so the patch "
                  "no longer intercepts it and the test would reach the real API; patch what the code now calls "
                  "(the Mistral client's method, e.g. {example}) by hand")
# `patch("openai.OpenAI", return_value=fake)`: the client class, which the converted code no longer builds; building
# Mistral's client calls nothing, so "the test would reach the real API" overclaimed where the test set its fake on the
# object itself (held-out review 155, Y6)
SDK_CLASS_PATCH_TODO = ("this test patches the OpenAI SDK ({target}), its client class, which the converted code no "
                        "longer builds (it builds Mistral(...)): the patch intercepts nothing now; where the test "
                        "relies on it for a fake client, patch the Mistral class where the code imports it "
                        "(mistralai.client.Mistral, or the module's own name for it) and fake what the code now calls "
                        "(chat.complete, embeddings.create, ...)")
# `patch("pkg.chatgpt.openai.ChatCompletion.create")`: the openai module as a module of the tree imports it; where that
# module's v0 calls convert it no longer imports openai at all (held-out review 39, Q4: the TODO said the test "would
# reach the real API" when it failed at once)
# (... and where the module still imports openai for something kept, `openai.api_key = app.config[...]`, the patch
# resolves and intercepts nothing: the test reaches the real Mistral API; held-out review 105, X3)
MODULE_SDK_PATCH_TODO = ("this test patches the openai module as {module} imports it ({target}): where {module}'s "
                         "calls convert, the patch no longer intercepts them: once nothing there uses openai, its "
                         "import goes and the patch fails with AttributeError; while something still does, the patch "
                         "resolves and the test reaches the real Mistral API; patch the Mistral client it now calls by "
                         "hand ({module}.{client}.{method}, the module-level client migrator writes there)")
# ... settled where the plan knows which case holds (held-out review 161, Y2: the hedge stood above a patch migrator had
# just made fail, the module's import of openai removed in the same run)
MODULE_SDK_PATCH_GONE_TODO = ("this test patches the openai module as {module} imports it ({target}): {module}'s calls "
                              "convert and it no longer imports openai, so the patch fails with AttributeError; patch "
                              "the Mistral client it now calls ({module}.{client}.{method}, the module-level client "
                              "migrator writes there){fake}")
# (a fake chat response must read as the converted code reads it)
MODULE_SDK_PATCH_FAKE = (", and give its fake what the converted code reads (an object with "
                         ".choices[0].message.content, not a dict)")
MODULE_SDK_PATCH_KEPT_TODO = ("this test patches the openai module as {module} imports it ({target}): {module} keeps "
                              "openai for what stays on OpenAI there, so the patch resolves but no longer intercepts "
                              "its converted calls, and the test reaches the real Mistral API; patch the Mistral "
                              "client they now call ({module}.{client}.{method}, the module-level client migrator "
                              "writes there)")
# `patch("app.service.openai.Client")`: the client class through the openai module as a module of the tree imports it
# (held-out review 55, T5: the TODO said the test "would reach the real API" when it failed at set-up)
MODULE_CLASS_PATCH_TODO = ("this test patches the OpenAI client class through the openai module as {module} imports "
                           "it ({target}): where {module}'s clients convert, it no longer imports openai, so the patch "
                           "fails with AttributeError; patch {module}.Mistral instead and fake what the code now calls "
                           "(chat.complete, embeddings.create, ...)")
MODULE_PATCH_METHODS = {"chat": "chat.complete", "embeddings": "embeddings.create",
                        "moderations": "classifiers.moderate", "models": "models.list"}
# the Mistral method a patch of each kind of call would now target (mistralai 3.7's classes; held-out review
# 16, N-E1: a patch of the embeddings call was pointed at Chat.complete)
PATCH_EXAMPLES = {"chat": "mistralai.client.chat.Chat.complete",
                  "embeddings": "mistralai.client.embeddings.Embeddings.create",
                  "moderations": "mistralai.client.classifiers.Classifiers.moderate",
                  "files": "mistralai.client.files.Files.upload", "models": "mistralai.client.models_.Models.list",
                  "batches": "mistralai.client.jobs.Jobs.create"}


def patch_example(target: str, kinds: frozenset) -> str:
    """The Mistral method a patch of ``target`` (its call_kinds: ``kinds``) would now target: PATCH_EXAMPLES', an audio
    call's own class (held-out review 169, X4: a transcription's patch was pointed at Chat.complete, and the test
    reached the real API)."""
    if "audio" in kinds:
        return "mistralai.client.speech.Speech.complete" if "speech" in target.lower() else \
            "mistralai.client.transcriptions.Transcriptions.complete"
    return next((PATCH_EXAMPLES[kind] for kind in PATCH_EXAMPLES if kind in kinds), PATCH_EXAMPLES["chat"])


# The kinds of API call a patch target or a plan surface names (a test patching chat calls gets a TODO only
# where the run converts chat calls).
KIND_WORDS = {"chat": ("chat", "chatcompletion"), "embeddings": ("embedding",), "moderations": ("moderation",),
              "audio": ("audio", "transcription", "speech"), "responses": ("responses",),
              "models": ("models.", ".model."), "files": ("files", ".file."), "batches": ("batch",)}


def call_kinds(text: str) -> frozenset:
    """``openai.resources.chat.Completions.create`` -> {"chat"}; ``embeddings.create`` -> {"embeddings"}."""
    text = text.lower()
    return frozenset(kind for kind, words in KIND_WORDS.items() if any(word in text for word in words))


# unittest.mock's API on a patched SDK path (`...create.assert_called_once()`, `...create.return_value = ...`): a mock's
# attribute, no SDK use (held-out review 111, X2 / X3)
MOCK_ATTRIBUTES = frozenset({"return_value", "side_effect", "call_args", "call_args_list", "call_count", "mock_calls",
                             "method_calls", "reset_mock", "configure_mock", "called"})
