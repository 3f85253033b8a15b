"""Moderation: OpenAI ``moderations.create`` -> mistralai 3.7 ``classifiers.moderate`` (api-mapping.md §8)."""

from __future__ import annotations

from types import MappingProxyType

# mistral-moderation-latest still points at the deprecated 2411 model (api-mapping.md §8, §12.3).
MODERATION_MODEL = "mistral-moderation-2603"
METHOD, ASYNC_METHOD = "classifiers.moderate", "classifiers.moderate_async"
# OpenAI keyword -> Mistral keyword (the wire key stays "input").
MODERATION_KWARGS = MappingProxyType({"input": "inputs", "model": "model"})
# OpenAI category -> the Mistral category closest to it (for TODOs; the sets differ).
CATEGORY_NAMES = MappingProxyType({
    "hate": "hate_and_discrimination", "hate/threatening": "hate_and_discrimination",
    "harassment": "hate_and_discrimination", "harassment/threatening": "violence_and_threats",
    "violence": "violence_and_threats", "violence/graphic": "violence_and_threats",
    "self-harm": "selfharm", "self-harm/intent": "selfharm", "self-harm/instructions": "selfharm",
    "sexual": "sexual", "sexual/minors": "sexual", "illicit": "dangerous_and_criminal_content",
    "illicit/violent": "dangerous_and_criminal_content",
})
# `result.results[i].flagged` -> this expression of the result item (Mistral has category booleans,
# possibly None, and no flagged).
FLAGGED_CODE = "any(({item}.categories or {{}}).values())"
