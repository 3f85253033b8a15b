"""The models endpoints: ``client.models.list / retrieve / delete`` (openai 3.x) -> mistralai 3.7.

api-mapping.md §8, checked against the installed SDKs:

* openai: ``list()`` -> ``SyncPage[Model]`` (iterable, ``.data``), ``retrieve(model)`` -> ``Model``,
  ``delete(model)`` -> ``ModelDeleted``; ``Model`` has ``id``, ``created``, ``object``, ``owned_by``.
* mistralai: ``list(provider=, model=)`` -> ``ModelList`` (``.data`` only: not iterable),
  ``retrieve(model_id=)`` -> ``BaseModelCard | FTModelCard`` (``id``, ``created``, ``object``,
  ``owned_by`` and more), ``delete(model_id=)`` -> ``DeleteModelResponse``.
"""

from __future__ import annotations

# The OpenAI method -> (Mistral method, the keyword the model id goes to; None for list()).
MODEL_METHODS = {"list": ("list", None), "retrieve": ("retrieve", "model_id"), "delete": ("delete", "model_id")}

# Mistral's model cards name their owner "mistralai" (your organisation's id for fine-tuned models; BaseModelCard's
# default), OpenAI's "openai" / "system": a listing filtered on OpenAI's owners keeps none (held-out review 59, Y8).
OWNED_BY_TODO = ("the listed models' owned_by is compared in this {where}: Mistral's cards say owned_by=\"mistralai\" "
                 "(your organisation's id for fine-tuned models), not OpenAI's \"openai\" / \"system\"; update the "
                 "filter, or it keeps none")
