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
