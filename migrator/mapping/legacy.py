"""Legacy openai v0 (0.28) responses read as dicts -> mistralai 3.7 response objects (api-mapping.md §10).

``V0_SCHEMAS``: the fields of a v0 response migrator maps, as a tree (a dict of fields, ``[x]`` a
list of ``x``, ``None`` a value). A read that follows it down to a value is rewritten field by field
(``r["choices"][0]["message"]["content"]`` -> ``r.choices[0].message.content``); any other read keeps
the call on v0 with a TODO.
"""

from __future__ import annotations

from types import MappingProxyType

from migrator.mapping.fim import TEXT_CODE
from migrator.mapping.moderation import FLAGGED_CODE

_USAGE = {"prompt_tokens": None, "completion_tokens": None, "total_tokens": None}
_MESSAGE = {"role": None, "content": None}
_CHAT = {"id": None, "object": None, "created": None, "model": None, "usage": _USAGE,
         "choices": [{"index": None, "finish_reason": None, "message": _MESSAGE}]}
_EMBEDDINGS = {"object": None, "model": None, "usage": {"prompt_tokens": None, "total_tokens": None},
               "data": [{"object": None, "index": None, "embedding": None}]}
_MODELS = {"object": None, "data": [{"id": None, "object": None, "created": None, "owned_by": None}]}
# A moderation's results are read only as ``["flagged"]`` (Mistral's have category booleans, named differently,
# and no flagged: MIG118 writes FLAGGED_CODE); a fill-in-the-middle completion's choices as ``["text"]``
# (Mistral's hold a message: TEXT_CODE).
_MODERATION = {"id": None, "model": None, "results": [{"flagged": None}]}
_COMPLETION = {"id": None, "object": None, "created": None, "model": None, "usage": _USAGE,
               "choices": [{"index": None, "finish_reason": None, "text": None}]}
V0_SCHEMAS = {"chat.completions.create": _CHAT, "embeddings.create": _EMBEDDINGS, "models.list": _MODELS,
              "moderations.create": _MODERATION, "completions.create": _COMPLETION}
# Fields whose v0 read becomes an expression of the item holding them, not an attribute (the template's
# ``{item}`` / ``{choice}``): a moderation result's flagged and a completion choice's text. Read as
# attributes (``result.results[0].flagged``) they keep the call: MIG118 rewrites the dict reads.
V0_DERIVED = MappingProxyType({"flagged": FLAGGED_CODE, "text": TEXT_CODE})
# A chunk of a v0 chat stream (``stream=True``), as each pass of the stream's loop reads it. Mistral's
# loop binds the chunk to ``event.data`` (MIG102), whose fields are these; a delta's content may be None
# there where v0 left the key out, so ``delta.get("content", "")`` becomes ``(delta.content or "")``.
V0_CHUNK = {"id": None, "object": None, "created": None, "model": None,
            "choices": [{"index": None, "finish_reason": None, "delta": _MESSAGE}]}
# The keys whose subscripts the facts mark as sites (LibCST and ast twins count the same nodes).
V0_KEYS = frozenset({"id", "object", "created", "model", "usage", "choices", "index", "finish_reason", "message",
                     "role", "content", "prompt_tokens", "completion_tokens", "total_tokens", "data", "embedding",
                     "delta", "owned_by", "results", "flagged", "text"})
# v0 values that were always there but that mistralai types as Optional: the rewritten read says so
# (``(r.data[0].embedding or [])``), or type checkers flag every ``len(...)`` / ``np.array(...)`` of it.
# Legacy (v0) module resources: `openai.ChatCompletion.create(...)` and friends.
V0_RESOURCES = frozenset({
    "ChatCompletion", "Completion", "Embedding", "Moderation", "Image", "Audio", "Model", "File", "FineTune",
    "FineTuningJob", "Edit", "Engine", "Deployment", "Customer",
})
V0_VALUE_TODO = ("legacy openai v0 API: {name} is handed around as a value here (aliased, returned, stored), so "
                 "migrator cannot see its calls; convert them by hand to the Mistral client "
                 "(Mistral(...).chat.complete, .embeddings.create ...)")
OPTIONAL_FIELDS = {"embedding": "[]"}
