"""Estimated list prices per 1M tokens (USD), for the cost column of parity reports.

These are ESTIMATES: public list prices for standard (non-batch, non-cached) usage as the authors
knew them on ``PRICES_AS_OF``; providers change them without notice and they were not verified
against a live price page. Override them with ``--prices FILE`` (JSON or TOML), either flat::

    {"gpt-4o": {"input": 2.5, "output": 10.0}}

or under a ``models`` key (with optional ``currency`` and ``as_of``)::

    [models."mistral-large-latest"]
    input = 0.5
    output = 1.5

A model is priced by its exact name, else by the longest known prefix (``gpt-4o-2024-08-06`` →
``gpt-4o``; ``gpt-4o-mini-2024-07-18`` → ``gpt-4o-mini``). Unknown models get no cost (n/a).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Optional

PRICES_AS_OF = "2026-11-26"
CURRENCY = "USD"


@dataclass(frozen=True)
class Price:
    input: float  # per 1M prompt tokens
    output: float  # per 1M completion tokens

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        return (prompt_tokens * self.input + completion_tokens * self.output) / 1_000_000


# (input, output) per 1M tokens.
DEFAULT_PRICES: dict[str, Price] = {name: Price(i, o) for name, (i, o) in {
    # OpenAI
    "gpt-5": (1.25, 10.0),
    "gpt-5-mini": (0.25, 2.0),
    "gpt-5-nano": (0.05, 0.40),
    "gpt-4.1": (2.0, 8.0),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-4o": (2.50, 10.0),
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4-turbo": (10.0, 30.0),
    "gpt-4": (30.0, 60.0),
    "gpt-3.5-turbo": (0.50, 1.50),
    "o1": (15.0, 60.0),
    "o1-mini": (1.10, 4.40),
    "o3": (2.0, 8.0),
    "o3-mini": (1.10, 4.40),
    "o4-mini": (1.10, 4.40),
    "text-embedding-3-small": (0.02, 0.0),
    "text-embedding-3-large": (0.13, 0.0),
    "text-embedding-ada-002": (0.10, 0.0),
    # Mistral
    "mistral-large-latest": (2.0, 6.0),
    "mistral-medium-latest": (0.40, 2.0),
    "mistral-small-latest": (0.10, 0.30),
    "ministral-8b-latest": (0.10, 0.10),
    "ministral-3b-latest": (0.04, 0.04),
    "magistral-medium-latest": (2.0, 5.0),
    "magistral-small-latest": (0.50, 1.50),
    "codestral-latest": (0.30, 0.90),
    "devstral-medium-latest": (0.40, 2.0),
    "devstral-small-latest": (0.10, 0.30),
    "pixtral-large-latest": (2.0, 6.0),
    "open-mistral-nemo": (0.15, 0.15),
    "mistral-embed": (0.10, 0.0),
    "codestral-embed": (0.15, 0.0),
}.items()}


def _family(model: str) -> str:
    """Pinned Mistral names share the ``-latest`` alias's price (``mistral-small-2503`` → small)."""
    for stem in ("mistral-large", "mistral-medium", "mistral-small", "magistral-medium",
                 "magistral-small", "ministral-8b", "ministral-3b", "codestral", "devstral-medium",
                 "devstral-small", "pixtral-large"):
        if model.startswith(stem + "-") and not model.endswith("-latest") and "embed" not in model:
            return stem + "-latest"
    return model


def price_for(model: Optional[str], table: Mapping[str, Price]) -> Optional[Price]:
    if not model:
        return None
    if model in table:
        return table[model]
    family = _family(model)
    if family in table:
        return table[family]
    prefixes = [name for name in table if model.startswith(name + "-")]
    return table[max(prefixes, key=len)] if prefixes else None


def merge_prices(overrides: Optional[Mapping[str, Any]]) -> dict[str, Price]:
    """Defaults updated with ``overrides`` (flat or under ``models``; values dicts or Price)."""
    table = dict(DEFAULT_PRICES)
    if not overrides:
        return table
    models = overrides.get("models", overrides) if isinstance(overrides, Mapping) else {}
    for name, value in models.items():
        if name in ("currency", "as_of"):
            continue
        if isinstance(value, Price):
            table[name] = value
            continue
        if not isinstance(value, Mapping) or not {"input", "output"} <= set(value):
            raise ValueError(f"price for {name!r} must have 'input' and 'output' (per 1M tokens), "
                             f"got {value!r}")
        try:
            table[name] = Price(float(value["input"]), float(value["output"]))
        except (TypeError, ValueError) as exc:
            raise ValueError(f"price for {name!r} is not a number: {value!r}") from exc
    return table


def load_prices(path: Path) -> dict[str, Any]:
    """Read a price override file (``.json`` or ``.toml``); merge with :func:`merge_prices`."""
    text = Path(path).read_text(encoding="utf-8")
    if str(path).endswith(".toml"):
        try:
            import tomllib
        except ModuleNotFoundError as exc:  # Python 3.10
            raise ValueError("TOML price files need Python 3.11+; use JSON") from exc
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"{path}: not valid TOML ({exc})") from exc
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}: not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a table of model prices")
    merge_prices(data)  # validate now, with the file name in the error
    return data
