"""OpenAI-compatible providers: one table read by the codemods (``--target openai-compatible``) and by
``migrator parity``'s ``openai-compatible:PROVIDER:MODEL`` candidates (api-mapping.md §12, §13).

Each provider says where its OpenAI-compatible API lives, which environment variable holds its key,
which wire protocol its chat endpoint speaks (``mistral``: Mistral's own field names, unknown fields
rejected with 422; ``openai``: OpenAI's field names), which OpenAI SDK surfaces it serves, and the
models that replace OpenAI's. Catalogues drift: ``models_command`` prints the request that lists what
a provider serves today, and every default can be overridden with ``--model OLD=NEW`` or
``[tool.migrator.models]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping, Optional

from migrator.mapping.models import DEFAULT_MODEL_MAP

# OpenAI SDK surfaces (the attribute path after the client) a provider may serve.
CHAT = "chat"  # chat.completions.create / parse / stream, beta.chat.completions.*
EMBEDDINGS = "embeddings"  # embeddings.create
MODELS = "models"  # models.list / retrieve
TRANSCRIPTION = "audio.transcriptions"  # audio.transcriptions.create
RESPONSES = "responses"  # responses.create


@dataclass(frozen=True)
class ProviderSpec:
    name: str
    base_url: Optional[str]  # OpenAI-style, ending in /v1; None: --base-url is required
    key_env: Optional[str]  # the variable holding the key; None: --api-key-env is required
    key_optional: bool  # the endpoint works without a key (a local vLLM, OVHcloud's anonymous tier)
    protocol: str  # "mistral" | "openai": which request field names the chat endpoint takes
    surfaces: frozenset  # of the constants above
    # Ordered (OpenAI model glob, provider model); first match wins. None: deliberately unmapped.
    models: tuple = ()
    verified: str = ""  # where the model names were checked
    notes: str = ""
    # The model a chat request carrying images goes to when the mapped model takes text only (the
    # provider's Llama / Qwen / gpt-oss); the models of ``models`` that take images. None: no change.
    vision_model: Optional[str] = None
    vision_models: frozenset = frozenset()
    text_only: str = ""  # which of its mapped models take text only (for the TODO where a model is not seen)
    # Surfaces the provider serves that no rule moves yet (their calls keep their client, with a TODO
    # that says the provider serves them, not that it does not).
    served_unmoved: frozenset = frozenset()

    def model_map(self) -> dict[str, Optional[str]]:
        return dict(self.models)

    def models_command(self, base_url: Optional[str] = None) -> str:
        """The request that lists the models this provider serves today."""
        url = (base_url or self.base_url or "$BASE_URL").rstrip("/")
        auth = f' -H "Authorization: Bearer ${self.key_env}"' if self.key_env else ""
        return f"curl -s {url}/models{auth}"


def _mistral_models() -> tuple:
    """Mistral serves its own catalogue: the mistral target's map (migrator.mapping.models)."""
    return DEFAULT_MODEL_MAP


PROVIDERS: Mapping[str, ProviderSpec] = MappingProxyType({
    "mistral": ProviderSpec(
        "mistral", "https://api.mistral.ai/v1", "MISTRAL_API_KEY", False, "mistral",
        frozenset({CHAT, EMBEDDINGS, MODELS}),
        _mistral_models(),
        verified="mistralai 3.7.0 source and Mistral's migration guide (docs.mistral.ai)",
        notes="strict: an unknown request field is a 422; Mistral-only options go in extra_body",
        # mistralai 3.7 posts these to /v1/audio/transcriptions and /v1/responses, OpenAI's paths and field names
        # (api-mapping.md §12.1: whether the OpenAI SDK parses Mistral's Response is unverified; held-out review 98,
        # X3: "mistral does not serve it through the OpenAI SDK" was said of what the mistral target converts to)
        served_unmoved=frozenset({TRANSCRIPTION, RESPONSES})),
    "scaleway": ProviderSpec(
        "scaleway", "https://api.scaleway.ai/v1", "SCW_SECRET_KEY", False, "openai",
        frozenset({CHAT, EMBEDDINGS, MODELS}),
        (
            ("whisper-1", "whisper-large-v3"),
            ("gpt-4o*-transcribe*", "voxtral-small-24b-2507"),
            ("*-tts*", None), ("tts-1*", None), ("*realtime*", None), ("*audio-preview*", None),
            ("gpt-4o-mini*", "mistral-small-3.2-24b-instruct-2506"),
            ("gpt-4.1-mini*", "mistral-small-3.2-24b-instruct-2506"),
            ("gpt-4.1-nano*", "mistral-nemo-instruct-2407"),
            ("gpt-5*-mini*", "mistral-small-3.2-24b-instruct-2506"),
            ("gpt-5*-nano*", "mistral-nemo-instruct-2407"),
            ("gpt-3.5-turbo*", "mistral-small-3.2-24b-instruct-2506"),
            ("gpt-4o*", "llama-3.3-70b-instruct"),
            ("gpt-4.1*", "llama-3.3-70b-instruct"),
            ("gpt-4*", "llama-3.3-70b-instruct"),
            ("gpt-5*", "qwen3-235b-a22b-instruct-2507"),
            ("chatgpt-4o*", "llama-3.3-70b-instruct"),
            ("o1*", "gpt-oss-120b"), ("o3*", "gpt-oss-120b"), ("o4-mini*", "gpt-oss-120b"),
            ("text-embedding-*", "bge-multilingual-gemma2"),
        ),
        verified="Scaleway's supported-models page (2026); not queried live",
        notes="a project-scoped base URL (https://api.scaleway.ai/<PROJECT_ID>/v1) also works: --base-url",
        # Llama 3.3 70B, Qwen3 235B, Mistral Nemo and gpt-oss take text only (their model cards)
        vision_model="mistral-small-3.2-24b-instruct-2506", text_only="its Llama, Qwen, Nemo and gpt-oss models",
        vision_models=frozenset({"mistral-small-3.2-24b-instruct-2506", "pixtral-12b-2409"}),
        served_unmoved=frozenset({TRANSCRIPTION})),  # /v1/audio/transcriptions (whisper-large-v3, voxtral)
    "ovhcloud": ProviderSpec(
        "ovhcloud", "https://oai.endpoints.kepler.ai.cloud.ovh.net/v1", "OVH_AI_ENDPOINTS_ACCESS_TOKEN", True,
        "openai", frozenset({CHAT, MODELS}),
        (
            ("*-tts*", None), ("tts-1*", None), ("*realtime*", None), ("*audio-preview*", None),
            ("*transcribe*", None), ("whisper-1", None),
            ("gpt-4o-mini*", "Mistral-Small-3.2-24B-Instruct-2506"),
            ("gpt-4.1-mini*", "Mistral-Small-3.2-24B-Instruct-2506"),
            ("gpt-4.1-nano*", "Mistral-Small-3.2-24B-Instruct-2506"),
            ("gpt-5*-mini*", "Mistral-Small-3.2-24B-Instruct-2506"),
            ("gpt-5*-nano*", "Mistral-Small-3.2-24B-Instruct-2506"),
            ("gpt-3.5-turbo*", "Mistral-Small-3.2-24B-Instruct-2506"),
            ("gpt-4o*", "Meta-Llama-3_3-70B-Instruct"),
            ("gpt-4.1*", "Meta-Llama-3_3-70B-Instruct"),
            ("gpt-4*", "Meta-Llama-3_3-70B-Instruct"),
            ("gpt-5*", "gpt-oss-120b"),
            ("chatgpt-4o*", "Meta-Llama-3_3-70B-Instruct"),
            ("o1*", "gpt-oss-120b"), ("o3*", "gpt-oss-120b"), ("o4-mini*", "gpt-oss-120b"),
            ("text-embedding-*", None),
        ),
        verified="OVHcloud AI Endpoints' /v1/models list in 2026; not queried live",
        notes="anonymous use is rate-limited; embedding models are not in the verified list",
        vision_model="Mistral-Small-3.2-24B-Instruct-2506", text_only="its Llama and gpt-oss models",
        vision_models=frozenset({"Mistral-Small-3.2-24B-Instruct-2506"})),
    "vllm": ProviderSpec(
        "vllm", "http://127.0.0.1:8000/v1", "VLLM_API_KEY", True, "openai",
        frozenset({CHAT, EMBEDDINGS, MODELS}),
        (),
        verified="vLLM's OpenAI-compatible server defaults",
        notes="the served model name is whatever `vllm serve` was given: map models with --model OLD=NEW"),
    "custom": ProviderSpec(
        "custom", None, None, False, "openai",
        frozenset({CHAT, EMBEDDINGS, MODELS}),
        (),
        notes="--base-url and --api-key-env are required; map models with --model OLD=NEW"),
})


class UnknownProvider(ValueError):
    pass


def provider_spec(name: Optional[str]) -> ProviderSpec:
    if name is None or name not in PROVIDERS:
        raise UnknownProvider(
            f"unknown provider {name!r}: one of {', '.join(PROVIDERS)}" if name else
            f"--target openai-compatible needs --provider ({', '.join(PROVIDERS)})")
    return PROVIDERS[name]


@dataclass(frozen=True)
class Endpoint:
    """A provider resolved with the run's --base-url / --api-key-env overrides."""

    spec: ProviderSpec
    base_url: str
    key_env: Optional[str]

    @property
    def key_optional(self) -> bool:
        return self.spec.key_optional and self.key_env == self.spec.key_env

    @property
    def key_code(self) -> str:
        """The expression generated code reads the key with (needs ``import os``). An optional key
        gets a placeholder: the openai SDK refuses to build a client with no key at all."""
        if self.key_optional:
            return f'os.environ.get("{self.key_env}", "EMPTY")'
        return f'os.environ["{self.key_env}"]'

    @property
    def module_base_url(self) -> str:
        """``openai.base_url`` for the module's own client, which joins paths onto it as written."""
        return self.base_url + "/"


def resolve_endpoint(name: Optional[str], base_url: Optional[str] = None,
                     api_key_env: Optional[str] = None) -> Endpoint:
    """The provider's base URL and key variable, overridden by the caller's; raises ValueError when a
    required one is missing (custom needs both)."""
    spec = provider_spec(name)
    url = base_url or spec.base_url
    if not url:
        raise ValueError(f"provider {spec.name!r} needs --base-url URL")
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"--base-url must be an http(s) URL, got {url!r}")
    key = api_key_env or spec.key_env
    if spec.key_env is None and key is None:
        raise ValueError(f"provider {spec.name!r} needs --api-key-env NAME")
    if key is not None and not key.replace("_", "").isalnum():
        raise ValueError(f"--api-key-env must be an environment variable name, got {key!r}")
    return Endpoint(spec, url.rstrip("/"), key)


# -- request fields through the OpenAI SDK -------------------------------------------------------
# What happens to one chat.completions keyword when the OpenAI SDK talks to a provider:
KEEP = "keep"  # sent as it is
RENAME = "rename"  # another OpenAI keyword (detail: its name)
EXTRA_BODY = "extra_body"  # sent under the provider's own name in extra_body (detail: that name)
DROP = "drop"  # removed; the provider behaves the same without it
DROP_TODO = "drop+todo"  # removed, with a TODO: behaviour may change (detail: why)
FAIL = "fail"  # no safe rewrite: the client stays on OpenAI (detail: why)

# Options of the OpenAI SDK's request itself, never sent as body fields.
SDK_OPTIONS = frozenset({"timeout", "extra_headers", "extra_query", "extra_body", "stream"})

# Chat keywords any OpenAI-compatible server lacks: OpenAI platform features.
_OPENAI_PLATFORM_ONLY = {
    "audio": "audio output is an OpenAI feature; no OpenAI-compatible provider here serves it",
    "web_search_options": "built-in web search is an OpenAI feature",
    "functions": "legacy functions: move to tools= first (the mistral target converts them)",
    "function_call": "legacy function_call: move to tool_choice= first (the mistral target converts it)",
}


def compat_chat_field(spec: ProviderSpec, name: str) -> tuple[str, str]:
    """(action, detail) for chat keyword ``name`` sent through the OpenAI SDK to ``spec``."""
    from migrator.mapping.chat import CHAT_PARAMS
    from migrator.mapping.policies import Policy

    if name in SDK_OPTIONS:
        return KEEP, ""
    if name in _OPENAI_PLATFORM_ONLY:
        return FAIL, _OPENAI_PLATFORM_ONLY[name]
    rule = CHAT_PARAMS.get(name)
    if rule is None:
        return FAIL, f"{name!r} is not a chat.completions keyword migrator knows"
    if spec.protocol != "mistral":
        if name == "store":
            return DROP_TODO, "stored completions are an OpenAI platform feature"
        return KEEP, ""
    # Mistral's API behind the OpenAI SDK: the mistral target's policies, on the wire's field names.
    if name == "seed":
        return EXTRA_BODY, "random_seed"
    if name == "max_completion_tokens":
        return RENAME, "max_tokens"
    if name in ("tools", "tool_choice", "response_format"):
        return KEEP, ""  # the same wire shapes (function tools)
    if name == "service_tier":  # OpenAI's flex / priority / default are not Mistral's auto / standard_only
        return DROP_TODO, "Mistral's service tiers are auto (its default) and standard_only, not OpenAI's"
    if name in ("prediction", "modalities"):
        return FAIL, rule.note
    if rule.policy is Policy.SAME:
        return KEEP, ""
    if rule.policy is Policy.DROP:
        return DROP, rule.note
    if rule.policy is Policy.DROP_TODO:
        return DROP_TODO, rule.note
    return FAIL, rule.note or f"{name} has no Mistral equivalent"


def compat_embedding_field(spec: ProviderSpec, name: str) -> tuple[str, str]:
    """(action, detail) for an embeddings.create keyword sent through the OpenAI SDK to ``spec``."""
    if name in SDK_OPTIONS or name in ("model", "input"):
        return KEEP, ""
    if name == "encoding_format":
        return KEEP, ""  # the SDK asks for base64 and decodes it; Mistral's schema allows base64
    if spec.protocol != "mistral":
        return KEEP, ""
    if name == "dimensions":
        return EXTRA_BODY, "output_dimension"
    if name == "user":
        return DROP_TODO, "end-user ids are not sent to Mistral"
    return FAIL, f"{name!r} is not an embeddings keyword migrator knows"


def serves(spec: ProviderSpec, surface: str) -> bool:
    """Does ``spec`` serve the OpenAI SDK surface ``surface`` (``chat.completions.create``, ...)?"""
    return surface_family(surface) in spec.surfaces


def surface_family(surface: str) -> Optional[str]:
    if surface.startswith(("chat.completions.", "beta.chat.completions.")):
        return CHAT
    if surface == "embeddings.create":
        return EMBEDDINGS
    if surface in ("models.list", "models.retrieve"):
        return MODELS
    if surface == "audio.transcriptions.create":
        return TRANSCRIPTION
    if surface == "responses.create":
        return RESPONSES
    return None
