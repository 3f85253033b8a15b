"""Model names (api-mapping.md §12.3). Overridable by ``--model OLD=NEW`` and ``[tool.migrator.models]``."""

from __future__ import annotations

import re
from fnmatch import fnmatchcase
from typing import Mapping, Optional

from migrator.mapping.speech import SPEECH_MODEL

# Ordered (pattern, Mistral model): first match wins. Exact names before globs.
DEFAULT_MODEL_MAP: tuple[tuple[str, Optional[str]], ...] = (
    # Audio, speech and realtime models first: "gpt-4o-mini-transcribe" must not match "gpt-4o-mini*".
    ("whisper-1", "voxtral-mini-latest"),
    ("gpt-4o*-transcribe*", "voxtral-mini-latest"),
    ("*-tts*", SPEECH_MODEL),  # text to speech (MIG120; voices map in migrator.mapping.speech)
    ("tts-1*", SPEECH_MODEL),
    ("*realtime*", None),  # no Mistral realtime API
    ("*audio-preview*", None),
    ("gpt-4o-mini*", "mistral-small-latest"),
    ("gpt-4.1-mini*", "mistral-small-latest"),
    ("gpt-4.1-nano*", "mistral-small-latest"),
    ("gpt-5*-mini*", "mistral-small-latest"),
    ("gpt-5*-nano*", "mistral-small-latest"),
    ("gpt-3.5-turbo-instruct*", "mistral-small-latest"),
    ("gpt-3.5-turbo*", "mistral-small-latest"),
    ("gpt-4o*", "mistral-large-latest"),
    ("gpt-4.1*", "mistral-large-latest"),
    ("gpt-4*", "mistral-large-latest"),
    ("gpt-5*", "mistral-large-latest"),
    ("chatgpt-4o*", "mistral-large-latest"),
    ("o1*", "magistral-medium-latest"),
    ("o3*", "magistral-medium-latest"),
    ("o4-mini*", "magistral-medium-latest"),
    ("text-embedding-*", "mistral-embed"),
    # OpenAI's first embedding models (retired in 2024; held-out review 95, Y8: text-similarity-davinci-001 was sent
    # to Mistral as it was, under two contradicting TODOs)
    ("text-similarity-*", "mistral-embed"),
    ("text-search-*", "mistral-embed"),
    ("code-search-*", "mistral-embed"),
    ("omni-moderation-*", "mistral-moderation-2603"),
    ("text-moderation-*", "mistral-moderation-2603"),
)

# Targets above that are not chat models (a variable holding one is not what a chat call sends).
NON_CHAT_MODELS = ("mistral-embed", "mistral-moderation-2603", "voxtral-mini-latest", SPEECH_MODEL)
# OpenAI's image models (no Mistral counterpart: images stay on OpenAI): a call naming one is OpenAI's whatever its
# receiver (migrator.plan.build._openai_only_call; the prefilter in migrator.engine.walk spells them out too)
IMAGE_MODEL_PREFIXES = ("dall-e", "gpt-image")

MISTRAL_MODEL_PREFIXES = ("mistral-", "ministral-", "codestral-", "devstral-", "magistral-", "pixtral-",
                          "open-mistral-", "open-mixtral-", "voxtral-")


def is_mistral_model(name: str) -> bool:
    return name.startswith(MISTRAL_MODEL_PREFIXES)


def map_model(name: str, overrides: Optional[Mapping[str, str]] = None) -> Optional[str]:
    """The Mistral model for an OpenAI model name, or None when there is no mapping.

    ``overrides`` (user config) are checked first, exact names then glob patterns; a Mistral model
    name maps to itself.
    """
    overrides = overrides or {}
    if name in overrides:
        return overrides[name]
    for pattern, target in overrides.items():
        if fnmatchcase(name, pattern):
            return target
    if is_mistral_model(name):
        return name
    # The chat model list above is ordered so that the audio glob does not catch chat models.
    for pattern, target in DEFAULT_MODEL_MAP:
        if fnmatchcase(name, pattern):
            return target  # None: deliberately unmapped
    return None


def chat_model_literal(value: str, overrides: Optional[Mapping[str, str]] = None) -> Optional[str]:
    """The Mistral chat model for a string literal that is exactly an OpenAI chat model name.

    Stricter than ``map_model``: a bare ``"o1"`` may be anything, so names must look like model ids
    (``gpt-…``, ``chatgpt-…``, or hyphenated like ``o3-mini``) unless the user's overrides name them
    exactly. Embedding, moderation and audio models are not chat models and are not mapped here.
    """
    if overrides and value in overrides:
        return overrides[value]
    if not (value.startswith(("gpt-", "chatgpt-")) or (value[:1] == "o" and "-" in value)):
        return None
    if " " in value or is_mistral_model(value):
        return None
    target = map_model(value, overrides)
    if target is None or target in NON_CHAT_MODELS:
        return None
    return target


def fine_tuned(value: str) -> bool:
    """An OpenAI fine-tuned model id (``ft:gpt-4o-mini-2024-07-18:org::abc123``): no Mistral model
    answers to it, whatever the map says."""
    return value.startswith("ft:")


FINE_TUNED_NOTE = "an OpenAI fine-tuned model: fine-tune a Mistral model and name it here"


def env_default_todo(variable: str, model: str, kind: str = "", provider: str = "Mistral") -> str:
    """The TODO where an environment variable's default model name was mapped (``os.getenv("LLM", "gpt-4o-mini")``):
    the variable may still name an OpenAI model where it is set. ``kind``: "embedding " for an embedding model;
    ``provider``: whose model (--target openai-compatible: the provider's, held-out review 100, X5: "a Mistral model"
    above the Llama default written for Scaleway)."""
    return (f"model name from the environment ({variable}): its default is now {model!r}, but a deployed value may "
            f"still name an OpenAI model: make sure it names a {provider} {kind}model")


# OpenAI's embedding models (``text-embedding-3-small``): mapped where set, they count under MIG107
EMBEDDING_MODEL_PREFIX = "text-embedding-"


# OpenAI's reasoning models named bare (no hyphen): chat_model_literal leaves them, as a bare "o1" may be anything
# the Mistral model an OpenAI reasoning model maps to where the call asks for a reasoning effort (api-mapping.md's
# "o1/o3/o4-mini -> magistral-medium-latest or mistral-medium-latest + reasoning_effort": Medium takes the effort and
# answers a str content; held-out review 128, X2)
REASONING_EFFORT_MODEL = "mistral-medium-latest"
# Mistral's reasoning models (the map sends o1 / o3 / o4-mini there): their answers' content is a list of thinking and
# text chunks; the model to map to instead where the code needs a str
REASONING_MODEL_PREFIX = "magistral-"
NON_REASONING_MODEL = "mistral-large-latest"
# a label naming the converted call's OpenAI model beside what that call produced (`{"model": "ada-002", ...}`,
# `result["model"] = ...`; held-out review 134, Y4)
MODEL_LABEL_TODO = ("{label!r}: {model!r} names the model of the converted call of this function, which now uses "
                    "{target!r}: where this labels what that call produced (stored vectors, a record, a log), name "
                    "{target!r} here")
BARE_REASONING_MODELS = frozenset({"o1", "o3"})


def slot_model_literal(value: str, overrides: Optional[Mapping[str, str]] = None) -> Optional[str]:
    """The Mistral model for a string set where converted calls' ``model=`` reads it (a constant, a
    default): a chat model name as ``chat_model_literal`` reads it, an embedding model name
    (``text-embedding-3-small`` -> ``mistral-embed``), a speech one (``tts-1`` -> Voxtral TTS) or a transcription
    one (``whisper-1`` -> Voxtral: held-out review 82, X1, a constant kept whisper-1 with no word)."""
    target = chat_model_literal(value, overrides)
    if target is None and value in BARE_REASONING_MODELS:
        # `MODEL = "o3"` / a table's `"o1"`, which the plan traced into converted calls' model=: the name is a model
        # there (held-out review 119, X2: sent to Mistral as it was, where the call's own `model="o3"` is mapped)
        target = map_model(value, overrides)
    if target is None and " " not in value and (
            value.startswith((EMBEDDING_MODEL_PREFIX, "tts-1")) or value == "whisper-1" or
            value.startswith("gpt-") and ("-tts" in value or "-transcribe" in value)):
        target = map_model(value, overrides)
    return target


# An OpenAI model name, or the start of one, in a branch's test (`if "gpt" in model:`, `if model ==
# "text-embedding-ada-002":`, `if model.startswith("gpt")`): the plan keeps a call that runs for OpenAI
# models only (a dispatcher's OpenAI branch).
# (audio, image and moderation models too: a key check `m.id == "whisper-1"` over Mistral's list finds none; held-out
# review 103, X1)
OPENAI_MODEL_MARK = re.compile(r"(?i)^(gpt|o1|o3|o4|chatgpt|text-embedding|ada|davinci|babbage|openai|whisper-|tts-1|"
                               r"dall-e|omni-moderation|text-moderation)")

# An OpenAI model name inside a text value (an env file's ``OPENAI_MODEL=gpt-4o``, a compose default
# ``${LLM:-gpt-4o-mini}``): the project files' model variables follow slot_model_literal on each.
OPENAI_MODEL_TOKEN = re.compile(r"(?:(?<=:-)|(?<![\w.-]))"
                                r"((?:gpt-|chatgpt-|text-embedding-|tts-1|o[134]-)[\w.-]*|o[134]|whisper-1)(?![\w.-])")


# the calls whose result's `.model` is the model that answered, not a settings field of that name
API_RESULT_CALLS = ("completions.create", "completions.parse", "chat.complete", "chat.complete_async",
                    "responses.create", "responses.parse", "embeddings.create", "chat.parse")
