"""Runtime request translation, OpenAI request body -> Mistral request body.

Reads ``migrator.mapping`` (the tables the codemods use), so a parity run tests the translation the
codemod writes into the code. Nothing here calls a provider.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Optional

from migrator.mapping import CHAT_PARAMS, DropValue, Policy, Unmappable, map_model
from migrator.mapping.embeddings import EMBEDDING_PARAMS
from migrator.mapping.messages import chat_messages, tool_definitions


@dataclass(frozen=True)
class Translation:
    """The candidate request, or why there is none.

    ``request`` is the Mistral request body without ``stream`` (``stream`` says which method to
    call); ``dropped`` lists the OpenAI parameters left out (DROP, DROP+TODO, DropValue);
    ``notes`` every other change worth showing in a report.
    """

    request: Optional[dict[str, Any]]
    stream: bool = False
    dropped: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    untranslatable: Optional[str] = None

    def meta(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.dropped:
            out["dropped_params"] = list(self.dropped)
        if self.notes:
            out["translation_notes"] = list(self.notes)
        if self.untranslatable:
            out["untranslatable"] = self.untranslatable
        return out


@dataclass
class _Draft:
    request: dict[str, Any] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def fail(self, reason: str, stream: bool = False) -> Translation:
        return Translation(None, stream, tuple(self.dropped), tuple(self.notes), reason)

    def done(self, stream: bool) -> Translation:
        return Translation(self.request, stream, tuple(self.dropped), tuple(self.notes))


def candidate_model(openai_model: Any, model: Optional[str] = None,
                    overrides: Optional[Mapping[str, str]] = None) -> Optional[str]:
    """``--model OLD=NEW`` overrides first, then the model named on the candidate, then the map."""
    if isinstance(openai_model, str) and overrides and openai_model in overrides:
        return overrides[openai_model]
    if model and model != "auto":
        return model
    return map_model(openai_model, overrides) if isinstance(openai_model, str) else None


def translate_chat(request: Mapping[str, Any], *, model: Optional[str] = None,
                   model_overrides: Optional[Mapping[str, str]] = None) -> Translation:
    """A chat.completions request for mistralai 3.7 ``chat.complete`` / ``chat.stream``."""
    draft = _Draft()
    stream = bool(request.get("stream"))
    for name, value in request.items():
        rule = CHAT_PARAMS.get(name)
        if rule is None:
            return draft.fail(f"parameter {name!r} is not an OpenAI chat parameter", stream)
        if name == "stream":
            continue
        if name == "model":
            target = candidate_model(value, model, model_overrides)
            if target is None:
                return draft.fail(f"no Mistral model for {value!r}: pass --model {value}=NEW", stream)
            draft.request["model"] = target
            continue
        if name == "messages":
            try:
                draft.request["messages"] = chat_messages(value or [], draft.notes)
            except Unmappable as exc:
                return draft.fail(str(exc), stream)
            continue
        if rule.policy in (Policy.SAME, Policy.RENAME):
            draft.request[rule.mistral_name(name)] = value
        elif rule.policy == Policy.XFORM:
            assert rule.xform is not None, name
            try:
                draft.request[rule.mistral_name(name)] = rule.xform.runtime(value)
            except DropValue as exc:
                draft.dropped.append(name)
                draft.notes.append(f"{name} dropped: {exc}")
            except Unmappable as exc:
                return draft.fail(f"{name}: {exc}", stream)
        elif rule.policy in (Policy.DROP, Policy.DROP_TODO):
            draft.dropped.append(name)
            if rule.policy == Policy.DROP_TODO:
                draft.notes.append(f"{name} dropped: {rule.note}")
        else:  # FAIL
            return draft.fail(f"{name}: {rule.note or 'no safe translation'}", stream)
    if "tools" in draft.request:
        draft.request["tools"] = tool_definitions(draft.request["tools"])
    return draft.done(stream)


def translate_embeddings(request: Mapping[str, Any], *, model: Optional[str] = None,
                         model_overrides: Optional[Mapping[str, str]] = None) -> Translation:
    draft = _Draft()
    for name, value in request.items():
        if name not in EMBEDDING_PARAMS:
            return draft.fail(f"parameter {name!r} is not an OpenAI embeddings parameter")
        target = EMBEDDING_PARAMS[name]
        if target is None:
            draft.dropped.append(name)
        elif name == "model":
            mapped = candidate_model(value, model, model_overrides)
            if mapped is None:
                return draft.fail(f"no Mistral model for {value!r}: pass --model {value}=NEW")
            draft.request["model"] = mapped
        else:
            draft.request[target] = value
    return draft.done(False)


def translate(endpoint: str, request: Mapping[str, Any], *, model: Optional[str] = None,
              model_overrides: Optional[Mapping[str, str]] = None) -> Translation:
    """Dispatch on the recording's endpoint."""
    if endpoint == "chat.completions":
        return translate_chat(request, model=model, model_overrides=model_overrides)
    if endpoint == "embeddings":
        return translate_embeddings(request, model=model, model_overrides=model_overrides)
    # Responses: mistralai 3.7 drops ``text`` from the body (api-mapping.md §7); not replayed yet.
    return Translation(None, bool(request.get("stream")),
                       untranslatable=f"endpoint {endpoint!r} is not translated for Mistral yet")


def passthrough(endpoint: str, request: Mapping[str, Any], *, model: Optional[str] = None,
                model_overrides: Optional[Mapping[str, str]] = None) -> Translation:
    """For OpenAI-protocol servers that take OpenAI parameters (vLLM, Scaleway, OVHcloud):
    only the model changes."""
    body = {k: v for k, v in request.items() if k != "stream"}
    if model or model_overrides:
        mapped = candidate_model(request.get("model"), model, model_overrides)
        if mapped:
            body["model"] = mapped
    return Translation(body, bool(request.get("stream")))
