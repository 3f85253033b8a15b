"""The models endpoints: ``client.models.list / retrieve / delete`` (openai 3.x) -> mistralai 3.7.

api-mapping.md §8, checked against the installed SDKs:

* openai: ``list()`` -> ``SyncPage[Model]`` (iterable, ``.data``), ``retrieve(model)`` -> ``Model``,
  ``delete(model)`` -> ``ModelDeleted``; ``Model`` has ``id``, ``created``, ``object``, ``owned_by``.
* mistralai: ``list(provider=, model=)`` -> ``ModelList`` (``.data`` only: not iterable),
  ``retrieve(model_id=)`` -> ``BaseModelCard | FTModelCard`` (``id``, ``created``, ``object``,
  ``owned_by`` and more), ``delete(model_id=)`` -> ``DeleteModelResponse``.
"""

from __future__ import annotations

import re
from typing import Optional

from migrator.mapping.models import map_model

# The OpenAI method -> (Mistral method, the keyword the model id goes to; None for list()).
MODEL_METHODS = {"list": ("list", None), "retrieve": ("retrieve", "model_id"), "delete": ("delete", "model_id")}

# Mistral's model cards name their owner "mistralai" (your organisation's id for fine-tuned models; BaseModelCard's
# default), OpenAI's "openai" / "system": a listing filtered on OpenAI's owners keeps none (held-out review 59, Y8).
OWNED_BY_TODO = ("the listed models' owned_by is compared in this {where}: Mistral's cards say owned_by=\"mistralai\" "
                 "(your organisation's id for fine-tuned models), not OpenAI's \"openai\" / \"system\"; update the "
                 "filter, or it keeps none")

# A listing compared with an audio / embeddings / moderation model's id ("whisper-1"): the Mistral model migrator maps
# it to is the id to look for (held-out review 170, X4), and the ModelCapabilities field a check can test instead.
# A Mistral model's prefix -> that field ("": none; the chat families keep the family-prefix TODO).
CAPABILITIES = (("voxtral-mini-tts", "audio_speech"), ("voxtral", "audio_transcription"), ("mistral-embed", ""),
                ("codestral-embed", ""), ("mistral-moderation", "moderation"), ("pixtral", "vision"),
                ("mistral-ocr", "ocr"), ("", "completion_chat"))
# an audio family's name a listing filters by (`startswith("whisper")`), and the model standing for each family
AUDIO_FAMILY = re.compile(r"(?i)(whisper|tts)(-|$)")
FAMILIES = (("whisper", "whisper-1"), ("tts", "tts-1"), ("text-embedding", "text-embedding-3-small"),
            ("omni-moderation", "omni-moderation-latest"), ("text-moderation", "omni-moderation-latest"))


def listed_counterpart(name: str, models) -> Optional[str]:
    """The Mistral model migrator maps ``name`` to, or a family prefix's (``"whisper-"``), else None."""
    found = map_model(name, models)
    if found is None:
        family = next((model for prefix, model in FAMILIES if name.lower().startswith(prefix)), None)
        found = map_model(family, models) if family is not None else None
    return found


def capability_of(model: str) -> str:
    """The ModelCapabilities field of the Mistral ``model`` (CAPABILITIES)."""
    return next(field for prefix, field in CAPABILITIES if model.startswith(prefix))
