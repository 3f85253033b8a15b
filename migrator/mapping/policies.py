"""Parameter policies: how one OpenAI keyword becomes (or does not become) a Mistral keyword.

Both the codemods (static rewrite) and the parity harness (runtime request translation) read these
tables, so a parity run tests exactly the translation the codemod writes into the code.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, Callable, Optional


class Policy(str, Enum):
    SAME = "SAME"  # same name, same value
    RENAME = "RENAME"  # new name, same value
    XFORM = "XFORM"  # value (and maybe name) transformed
    DROP = "DROP"  # removed; Mistral behaves the same without it
    DROP_TODO = "DROP+TODO"  # removed, with a TODO: behaviour may change
    FAIL = "FAIL"  # the call is left unchanged, with a TODO: no safe automatic rewrite


class Unmappable(ValueError):
    """A value cannot be translated (the XFORM falls back to FAIL for this value)."""


class DropValue(Exception):
    """A value translates to "leave the parameter out" (e.g. ``modalities=["text"]``)."""


@dataclass(frozen=True)
class Xform:
    """A value transform, usable both at runtime and in a codemod.

    ``runtime`` maps a plain Python value (what a request body holds) to the Mistral value; it raises
    ``Unmappable`` when there is no exact translation and ``DropValue`` when the parameter should
    be omitted. ``code`` is a ``str.format`` template with ``{value}`` for the source expression,
    used when the value is not a literal the codemod can evaluate; ``None`` means a non-literal
    value cannot be rewritten statically (TODO). ``item_code``: the template for each element of a list written out in
    the call, used instead of ``code`` there (``functions=[{...}]``: each element a tool, not a comprehension over the
    list; held-out review 64, Y13).
    """

    runtime: Callable[[Any], Any]
    code: Optional[str] = None
    item_code: Optional[str] = None


@dataclass(frozen=True)
class ParamRule:
    """The policy for one OpenAI keyword argument."""

    policy: Policy
    target: Optional[str] = None  # the Mistral keyword (RENAME / XFORM); None = same name
    xform: Optional[Xform] = None
    note: str = ""  # why; shown in TODO comments and docs
    safety: str = "exact"  # exact | approximate | manual

    def mistral_name(self, openai_name: str) -> str:
        return self.target or openai_name
