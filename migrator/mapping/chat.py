"""Chat completions: OpenAI 3.57 ``chat.completions.create`` keywords -> mistralai 3.7 ``chat.complete``.

One entry per OpenAI parameter (api-mapping.md §2.2). mistralai 3.7 has no ``**kwargs`` on
``chat.complete``: every keyword must be handled here, none may pass through unexamined.
"""

from __future__ import annotations

from types import MappingProxyType

from migrator.mapping import transforms as t
from migrator.mapping.policies import ParamRule, Policy, Xform

S = Policy.SAME
_same = ParamRule(S)

CHAT_PARAMS = MappingProxyType({
    "model": ParamRule(S, note="model name mapped by migrator.mapping.models"),
    "messages": ParamRule(S, note="roles and content parts: api-mapping.md §2.3"),
    "temperature": _same,
    "top_p": _same,
    "max_tokens": _same,
    "max_completion_tokens": ParamRule(
        Policy.RENAME, "max_tokens", safety="approximate",
        note="OpenAI counts reasoning tokens in max_completion_tokens; Mistral's max_tokens may not"),
    "n": _same,
    "stop": _same,
    "seed": ParamRule(Policy.RENAME, "random_seed"),
    "presence_penalty": _same,
    "frequency_penalty": _same,
    "logprobs": _same,
    "top_logprobs": _same,
    "logit_bias": ParamRule(Policy.DROP_TODO, note="logit_bias has no Mistral equivalent"),
    "response_format": _same,
    "tools": ParamRule(Policy.XFORM, xform=Xform(t.tools, "{value}"),
                       note="only type 'function' tools exist in Mistral chat"),
    "tool_choice": ParamRule(Policy.XFORM, xform=Xform(t.tool_choice, "{value}"),
                             safety="approximate",
                             note="allowed_tools / custom tool_choice are not supported"),
    "parallel_tool_calls": _same,
    "functions": ParamRule(
        Policy.XFORM, "tools",
        xform=Xform(t.functions_to_tools, '[{{"type": "function", "function": f}} for f in {value}]',
                    item_code='{{"type": "function", "function": {value}}}'),
        note="legacy functions become function tools"),
    "function_call": ParamRule(
        Policy.XFORM, "tool_choice", xform=Xform(t.function_call_to_tool_choice),
        note='legacy function_call becomes tool_choice ({"name": X} -> a function tool_choice)'),
    "prediction": ParamRule(Policy.XFORM, xform=Xform(t.prediction),
                            note="Mistral's prediction content must be a string"),
    "reasoning_effort": _same,
    "metadata": _same,
    "prompt_cache_key": _same,
    "prompt_cache_options": ParamRule(Policy.DROP_TODO, note="prompt_cache_options has no Mistral equivalent"),
    "prompt_cache_retention": ParamRule(Policy.DROP_TODO,
                                        note="prompt_cache_retention has no Mistral equivalent"),
    "service_tier": ParamRule(Policy.XFORM, xform=Xform(t.service_tier), safety="approximate",
                              note="Mistral tiers are 'auto' and 'standard_only'"),
    "stream": ParamRule(Policy.XFORM, note="selects chat.stream instead of chat.complete"),
    "stream_options": ParamRule(Policy.DROP,
                                note="Mistral sends usage on the last chunk without being asked"),
    "store": ParamRule(Policy.DROP_TODO, note="there is no stored-completions API in Mistral"),
    "user": ParamRule(Policy.DROP_TODO, note="end-user ids are not sent to Mistral"),
    "safety_identifier": ParamRule(Policy.DROP_TODO, note="safety_identifier has no Mistral equivalent"),
    "modalities": ParamRule(Policy.XFORM, xform=Xform(t.modalities),
                            note="text-only is the default; audio output is not supported"),
    "audio": ParamRule(Policy.FAIL, note="audio output is not supported in Mistral chat; "
                                         "use client.audio.speech.complete"),
    "verbosity": ParamRule(Policy.DROP_TODO, note="verbosity has no Mistral equivalent"),
    "web_search_options": ParamRule(Policy.FAIL, note="Mistral web search exists only via agents"),
    "moderation": ParamRule(Policy.FAIL, note="closest is guardrails=[GuardrailConfig(...)], by hand"),
    "extra_headers": ParamRule(Policy.RENAME, "http_headers"),
    "extra_query": ParamRule(Policy.FAIL, note="pass query params on client=httpx2.Client(params=...)"),
    "extra_body": ParamRule(Policy.FAIL, note="extra_body keys must become Mistral keywords by hand"),
    "timeout": ParamRule(Policy.XFORM, "timeout_ms",
                         xform=Xform(t.seconds_to_ms, "int({value} * 1000)"), safety="approximate",
                         note="seconds become milliseconds"),
    # openai 0.x's name for it (openai.ChatCompletion.create(request_timeout=30)); the plan keeps a
    # (connect, read) tuple on v0 with its TODO
    "request_timeout": ParamRule(Policy.XFORM, "timeout_ms",
                                 xform=Xform(t.seconds_to_ms, "int({value} * 1000)"), safety="approximate",
                                 note="seconds become milliseconds"),
})

# Mistral keywords that an ``extra_body`` key may be hoisted into (api-mapping.md §2.2).
MISTRAL_ONLY_CHAT_PARAMS = ("min_tokens", "repetition_penalty", "top_k", "prompt_logprobs",
                            "top_prompt_logprobs", "prompt_mode", "guardrails", "safe_prompt")

METHODS = MappingProxyType({
    # (openai path, streaming) -> mistral method (sync); async variants add "_async"
    ("chat.completions.create", False): "chat.complete",
    ("chat.completions.create", True): "chat.stream",
    # structured outputs: response_format=<pydantic model> is passed through (api-mapping.md §5)
    ("chat.completions.parse", False): "chat.parse",
})

# A function tool's "parameters" when the OpenAI definition has none (optional there, required by mistralai: §6.1).
EMPTY_TOOL_PARAMETERS = MappingProxyType({"type": "object", "properties": {}})
# Message roles Mistral does not have, and the role that carries the same meaning (§2.3).
MESSAGE_ROLES = MappingProxyType({"developer": "system"})
# openai's omit marker (NOT_GIVEN / NotGiven()): mistralai rejects it before sending. Its counterpart is
# mistralai's UNSET (mistralai.client.types) for OptionalNullable keywords, and None for the keywords whose
# default is None, where UNSET fails validation (checked against mistralai 3.7 and the wire server)
NOT_GIVEN_NAMES = frozenset({"NOT_GIVEN", "NotGiven"})
OPENAI_NOT_GIVEN = "openai.NOT_GIVEN"
UNSET_IMPORT = ("mistralai.client.types", "UNSET")  # (module, name) of mistralai's omit marker
OMITTED_BY_NONE = frozenset({"tool_choice", "response_format", "parallel_tool_calls"})
# keywords whose value MIG102 rewrites as an expression (`timeout=t` -> `timeout_ms=int(t * 1000)`, functions= ->
# tools=): a NOT_GIVEN there keeps its TODO; elsewhere MIG102 writes UNSET / None in its place
NOT_GIVEN_KEPT = frozenset({"model", "timeout", "request_timeout", "functions", "function_call"})

# -- reading responses (api-mapping.md §3) ----------------------------------------------------------
# Fields OpenAI responses have and Mistral's do not: a read becomes getattr(obj, name, None).
# (and openai>=1's _request_id, the x-request-id header: held-out review 133, Y1, AttributeError on Mistral's response)
MISSING_RESPONSE_FIELDS = ("system_fingerprint", "refusal", "service_tier", "_request_id")
# Fields Mistral spells differently: a read is renamed. A log-probability token's ``bytes`` is
# ``bytes_`` on mistralai's ChatCompletionResponseTokenLogprobs (alias "bytes" on the wire only: the
# attribute read raised AttributeError).
RENAMED_RESPONSE_FIELDS = MappingProxyType({"bytes": "bytes_"})
# Fields with no Mistral counterpart at all: a TODO.
UNSUPPORTED_RESPONSE_FIELDS = MappingProxyType({
    "prompt_tokens_details": "Mistral usage has no prompt_tokens_details (cached tokens are not reported)",
    "completion_tokens_details": "Mistral usage has no completion_tokens_details (reasoning tokens are "
                                 "not reported)",
})
# The OpenAI SDK's own serialisers (to_dict: by API names, set fields only; to_json: the same, indented
# by 2) -> mistralai's pydantic equivalents (its models drop unset fields when dumped). Called with
# arguments: SERIALISER_KEYWORDS.
SERIALISERS = MappingProxyType({
    "to_dict": "model_dump(by_alias=True)",
    "to_json": "model_dump_json(indent=2, by_alias=True)",
})
# The keywords each OpenAI serialiser shares with its pydantic counterpart (passed through as they are); its
# use_api_names= is by_alias=, its exclude_unset=True what mistralai's models do anyway; any other argument: a TODO.
SERIALISER_KEYWORDS = MappingProxyType({
    "to_dict": ("mode", "exclude_none", "exclude_defaults", "warnings"),
    "to_json": ("indent", "exclude_none", "exclude_defaults", "warnings"),
})
# finish_reason values: OpenAI value -> the Mistral values that mean the same; None = no equivalent.
FINISH_REASONS = MappingProxyType({
    "length": ("length", "model_length"),
    "function_call": ("tool_calls",),
    "content_filter": None,
})
# Legacy message.function_call -> the first tool call's function (legacy functions became tools).
LEGACY_FUNCTION_CALL = "function_call"

# Every keyword mistralai 3.7's chat.complete / chat.stream accept (tests compare it with the SDK).
MISTRAL_CHAT_PARAMS = frozenset({
    "model", "messages", "temperature", "top_p", "max_tokens", "stream", "stop", "random_seed",
    "metadata", "response_format", "tools", "tool_choice", "presence_penalty", "frequency_penalty",
    "min_tokens", "repetition_penalty", "top_k", "logprobs", "top_logprobs", "prompt_logprobs",
    "top_prompt_logprobs", "n", "prediction", "parallel_tool_calls", "reasoning_effort", "prompt_mode",
    "guardrails", "prompt_cache_key", "service_tier", "safe_prompt", "retries", "server_url",
    "timeout_ms", "http_headers",
})

# OpenAI response classes in isinstance checks of converted responses -> the Mistral class
# (imported from mistralai.client.models).
RESPONSE_TYPES = MappingProxyType({
    "openai.types.chat.ChatCompletion": "ChatCompletionResponse",
    "openai.types.chat.chat_completion.ChatCompletion": "ChatCompletionResponse",
    "openai.types.chat.ChatCompletionChunk": "CompletionChunk",
    "openai.types.chat.chat_completion_chunk.ChatCompletionChunk": "CompletionChunk",
    # a history holding the response's message beside dicts: `isinstance(m, ChatCompletionMessage)`
    "openai.types.chat.ChatCompletionMessage": "AssistantMessage",
    "openai.types.chat.chat_completion_message.ChatCompletionMessage": "AssistantMessage",
    # a tool-call loop's guard: `if not isinstance(tool_call, ChatCompletionMessageFunctionToolCall): continue` (held-out
    # review 40, S2: never true of Mistral's ToolCall, so every tool call was skipped)
    "openai.types.chat.ChatCompletionMessageToolCall": "ToolCall",
    "openai.types.chat.ChatCompletionMessageFunctionToolCall": "ToolCall",
    "openai.types.chat.chat_completion_message_tool_call.ChatCompletionMessageToolCall": "ToolCall",
    "openai.types.chat.chat_completion_message_function_tool_call.ChatCompletionMessageFunctionToolCall": "ToolCall",
})
MISTRAL_MODELS_MODULE = "mistralai.client.models"
# A reasoning model's (magistral's) message content is a list of chunks (thinking, then text): a read of it, where every
# use of the result is one, is given the text through a module helper (held-out review 147, X7: printed a list of
# chunk objects, the thinking included). api-mapping.md's codemod helper, the text chunks joined.
MESSAGE_TEXT_HELPER = "_message_text"
MESSAGE_TEXT_HELPER_CODE = (
    "\n\ndef _message_text(content):\n"
    '    """A Mistral message\'s content as text: a reasoning model answers a list of chunks (thinking, then '
    'text)."""\n'
    "    if isinstance(content, list):\n"
    '        return "".join(chunk.text for chunk in content if isinstance(chunk, TextChunk))\n'
    "    return content\n"
)
# `usage: CompletionUsage` annotations in a module whose calls all convert: the usage they describe is Mistral's
# (prompt_tokens, completion_tokens and total_tokens read the same; it has no *_details: a module reading those keeps
# the name, and MIG105 speaks of the reads; held-out review 79, Y7: the import kept openai and its pin)
USAGE_TYPES = MappingProxyType({
    "openai.types.CompletionUsage": "UsageInfo",
    "openai.types.completion_usage.CompletionUsage": "UsageInfo",
})
USAGE_DETAIL_FIELDS = frozenset({"prompt_tokens_details", "completion_tokens_details"})
# The same for a chat response named only in annotations (`-> ChatCompletion | None`, `def text_of(response:
# ChatCompletion)`; held-out review 86, X9: only a bare `-> ChatCompletion` returning the call was renamed, and the
# import kept openai declared): a module reading a field Mistral's response lacks keeps OpenAI's name.
ANNOTATION_TYPES = MappingProxyType({
    **USAGE_TYPES,
    "openai.types.chat.ChatCompletion": "ChatCompletionResponse",
    "openai.types.chat.chat_completion.ChatCompletion": "ChatCompletionResponse",
    # a choice and its message (held-out review 144, X5: `message: ChatCompletionMessage = response.choices[0].message`
    # and `-> Choice` kept their openai imports, and with them the openai dependency)
    "openai.types.chat.ChatCompletionMessage": "AssistantMessage",
    "openai.types.chat.chat_completion_message.ChatCompletionMessage": "AssistantMessage",
    "openai.types.chat.chat_completion.Choice": "ChatCompletionChoice",
})
# the fields OpenAI's message has and Mistral's AssistantMessage lacks (role, content, tool_calls: both)
_MESSAGE_ONLY_FIELDS = frozenset({"refusal", "annotations", "audio", "function_call", "parsed"})
ANNOTATION_BLOCKERS = MappingProxyType({
    "UsageInfo": USAGE_DETAIL_FIELDS,
    "ChatCompletionResponse": USAGE_DETAIL_FIELDS | set(MISSING_RESPONSE_FIELDS) | {"audio", "annotations"},
    "AssistantMessage": _MESSAGE_ONLY_FIELDS,
    # (a choice's logprobs are shaped otherwise on Mistral)
    "ChatCompletionChoice": _MESSAGE_ONLY_FIELDS | {"logprobs"},
})

# Mistral's chat wants the last message to be user or tool, or assistant with "prefix": True (400 "Expected
# last role User or Tool (or Assistant with prefix True)", api-mapping 2.3); OpenAI takes a trailing system one.
# tiktoken in a module whose calls now go to Mistral (held-out review 56, W4: a 120000-token budget counted with
# gpt-4o-mini's o200k_base bounded a prompt for mistral-small-latest, with no note). Once per module, at the first one.
TOKENIZER_MODEL_CALL = "tiktoken.encoding_for_model"  # raises KeyError for a model name tiktoken does not know
# the same where the model it is asked for also feeds calls converted to Mistral, in another module (held-out review
# 59, X7: the TODO was only at the call's module, and this line raised once the model was a Mistral one)
TOKENIZER_SHARED_TODO = ("{name} also names the model of calls migrator moved to Mistral ({module}): once it names a "
                         "Mistral model, tiktoken.encoding_for_model raises KeyError here; count with "
                         "tiktoken.get_encoding(\"o200k_base\") (approximate) or mistral-common's tokenizer")
TOKENIZER_CALLS = ("tiktoken.encoding_for_model", "tiktoken.get_encoding", "tiktoken.encoding_name_for_model")
TOKENIZER_TODO = ("{call} counts tokens with OpenAI's tokenizer, and this module's calls now go to Mistral models, "
                  "whose tokenizer counts differently: a token budget, truncation or cost computed with it is "
                  "approximate; leave a margin, or count with mistral-common's tokenizer (said once per module)")
# A message role given as a member of a (str, Enum) class: mistralai picks the message model from f"{role}", which on
# Python >= 3.11 is "RoleEnum.USER" for such a member (a ValidationError before any request; the openai SDK sent its
# value): said at the class, where a module converting chat calls uses it (held-out review 81, X1)
CHAT_ROLES = frozenset({"system", "user", "assistant", "tool", "developer", "function"})
ROLE_ENUM_TODO = ("{name} is a (str, Enum) of chat roles: mistralai reads a message's role with f\"{{role}}\", which "
                  "gives '{name}.{member}', not '{value}', on Python 3.11+ (a ValidationError before the request): "
                  "pass the role's .value in the messages of the converted calls (model_dump(mode=\"json\") for a "
                  "pydantic model holding it), or make {name} an enum.StrEnum (Python 3.11+)")
# a user message right after tool results (api-mapping.md §6.3; held-out review 132, X1)
USER_AFTER_TOOL_TODO = ("a user message is appended right after the tool results: Mistral answers 400 (\"Unexpected "
                        "role 'user' after role 'tool'\"), where OpenAI took it; send the tool results to the model "
                        "first and append its reply before the next user message")
# a converted chat response written out as text whole (`json.dump(r, f, default=str)`, `str(r)` searched with a regex):
# mistralai's ChatCompletionResponse prints differently (held-out review 159, X1: a saved log and a regex over it)
SERIALISED_RESPONSE_TODO = ("{what}: the whole response turned into text: {name} is now mistralai's "
                            "ChatCompletionResponse, whose text differs from OpenAI's ChatCompletion (no class name in "
                            "str(), other field order, message=AssistantMessage(...), usage=UsageInfo(...), no "
                            "system_fingerprint); check what reads that text (a saved log, a regex, a test), or write "
                            "{name}.model_dump_json() and read its JSON")
TRAILING_SYSTEM_TODO = ("the last message is a system message: Mistral wants the last one to be user or tool (a 400 "
                        "otherwise); move the instruction before the history or send it as a user message")
# the same for a list the plan sees ended so where it is built (held-out review 23, U1: `msgs = history + [{...}]`)
# held-out review 112, X1 (llm-engineer-yt): a Gradio messages-format history carries `metadata` / `options` keys per
# message; the openai SDK sends them as they are (the mistralai SDK keeps role / content only), and Mistral's endpoint
# rejects unknown message keys (422 extra_forbidden): every turn after the first failed under --target
# openai-compatible, with no TODO
GRADIO_HISTORY_TODO = ("messages= is built from {name}, a Gradio chat history, whose messages carry keys of Gradio's own "
                       "(metadata, options) that the openai SDK sends as they are, and {provider} rejects unknown "
                       "message keys (a 422 from the second turn on): send only role and content, e.g. "
                       "[{{\"role\": m[\"role\"], \"content\": m[\"content\"]}} for m in {name}]")
TRAILING_SYSTEM_ENDS_TODO = ("messages= can end with a system message ({where}): Mistral wants the last one to be user "
                             "or tool (a 400 otherwise); move the instruction before the history or send it as a user "
                             "message")
STORED_HISTORY_TODO = ("{where}: a history saved before the migration holds OpenAI's tool-call ids "
                       "(call_...), and Mistral answers 400 to any id that is not 9 letters or digits: map each stored "
                       "id to such an id (hashlib.sha256(old_id.encode()).hexdigest()[:9], say), the same in the "
                       "assistant's tool_calls and in its tool results, when the history is loaded")
# A list ending with an assistant message (no "prefix"): Mistral answers 400, or, with "prefix": True, continues that
# text, where OpenAI answered after it (held-out review 87, X2 / Y4: a list built with `+` / append, or in a caller,
# reached Mistral as it was; a list written in the call got "prefix": True silently)
TRAILING_ASSISTANT_ENDS_TODO = ("messages= can end with an assistant message ({where}): Mistral wants the last one to "
                                "be user or tool (a 400 otherwise), or an assistant message with \"prefix\": True, "
                                "whose text Mistral then continues (OpenAI answered after it): end with a user message "
                                "asking for the reply, or add \"prefix\": True to continue that text")
TRAILING_ASSISTANT_BUILT_TODO = TRAILING_ASSISTANT_ENDS_TODO.replace("messages=", "messages={name}", 1)
# a written one gets "prefix": True (else a 400); its text reads as a reply, not a prefill (`"{"`, `"Sure:"`): said
PREFIX_ADDED_TODO = ("the last message is the assistant's: \"prefix\": True added (Mistral answers 400 without it), "
                     "and Mistral continues that text where OpenAI answered after it: if this asks for a new reply, "
                     "not a continuation, end with a user message instead")
PREFILL_MAX_CHARS = 40  # a literal assistant text this short is read as a prefill: no TODO
TRAILING_SYSTEM_BUILT_TODO = ("messages={name} can end with a system message ({where}): Mistral wants the last one to "
                              "be user or tool (a 400 otherwise); move the instruction before the history or send it "
                              "as a user message")


# The fields of mistralai 3.7's stream chunk, its choices and their delta (CompletionChunk,
# CompletionResponseStreamChoice, DeltaMessage): a project's code reading another field of a chunk handed to it
# (OpenAI's service_tier, system_fingerprint, delta.refusal) fails on Mistral's (held-out review 82, Y1)
CHUNK_FIELDS = frozenset({"id", "model", "choices", "object", "created", "usage"})
CHUNK_CHOICE_FIELDS = frozenset({"index", "delta", "finish_reason", "logprobs", "prompt_logprobs"})
DELTA_FIELDS = frozenset({"role", "content", "tool_calls", "tool_call_id", "index", "metadata"})
# ... and of its response, a choice, the assistant message and the usage (ChatCompletionResponse, ChatCompletionChoice,
# AssistantMessage, UsageInfo: its extra fields are allowed, but Mistral sends no prompt_tokens_details)
RESPONSE_FIELDS = frozenset({"id", "object", "model", "usage", "created", "choices"})
CHOICE_FIELDS = frozenset({"index", "finish_reason", "message", "messages", "logprobs", "prompt_logprobs"})
MESSAGE_FIELDS = frozenset({"role", "content", "tool_calls", "prefix"})
USAGE_FIELDS = frozenset({"prompt_tokens", "completion_tokens", "total_tokens", "prompt_audio_seconds", "service_tier"})
# kind -> (its fields, {field: the kind it holds}; "choices[]": an item of the list), from a chunk or a response down
RESULT_SHAPES = MappingProxyType({
    "chunk": (CHUNK_FIELDS, {"choices[]": "stream choice", "usage": "usage"}),
    "stream choice": (CHUNK_CHOICE_FIELDS, {"delta": "delta"}),
    "delta": (DELTA_FIELDS, {}),
    "response": (RESPONSE_FIELDS, {"choices[]": "choice", "usage": "usage"}),
    "choice": (CHOICE_FIELDS, {"message": "message"}),
    "message": (MESSAGE_FIELDS, {}),
    "usage": (USAGE_FIELDS, {}),
})
# what a kind is called in a reason, and Mistral's class for it
RESULT_KIND_NAMES = MappingProxyType({
    "chunk": ("a stream chunk", "CompletionChunk"),
    "stream choice": ("a stream chunk's choice", "CompletionResponseStreamChoice"),
    "delta": ("a stream chunk's delta", "DeltaMessage"), "response": ("the response", "ChatCompletionResponse"),
    "choice": ("a choice of the response", "ChatCompletionChoice"),
    "message": ("the response's message", "AssistantMessage"), "usage": ("the response's usage", "UsageInfo")})

# messages= items the OpenAI SDK serialised itself (model_dump(exclude_unset=True)) and mistralai rejects: instances of
# the app's classes deriving from these pydantic bases, built directly or through these classmethods (held-out review
# 144, Y1)
PYDANTIC_BASES = frozenset({"BaseModel", "RootModel", "SQLModel"})
MODEL_BUILDERS = frozenset({"model_validate", "model_validate_json", "parse_obj", "model_construct", "construct"})
