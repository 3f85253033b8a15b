"""Legacy completions with ``suffix=`` -> mistralai 3.7 ``fim.complete`` (api-mapping.md §8: only
fill-in-the-middle prompts map; Codestral serves FIM)."""

from __future__ import annotations

from types import MappingProxyType

METHOD, ASYNC_METHOD = "fim.complete", "fim.complete_async"
FIM_MODEL = "codestral-latest"
# OpenAI keyword -> fim.complete keyword (model, prompt and suffix keep their names).
FIM_KWARGS = MappingProxyType({"max_tokens": "max_tokens", "temperature": "temperature", "top_p": "top_p",
                               "stop": "stop", "seed": "random_seed"})
# `<completion>.choices[i].text` -> `.message.content` on Mistral's FIM response.
TEXT_CODE = "{choice}.message.content"
# What a converted completion's result may be read as: these attributes as they are, and
# `.choices[i].<field>` for these fields (`text` is rewritten by TEXT_CODE).
RESULT_ATTRS = frozenset({"usage", "id", "model"})
CHOICE_FIELDS = frozenset({"text", "finish_reason"})
