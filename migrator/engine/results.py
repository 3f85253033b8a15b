"""What the engine returns for each file.

Frozen, picklable dataclasses: a process pool carries them back to the parent, and the engine
never raises on a bad file -- it returns ``Failed`` with a one-line reason instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Union


class FindingKind(str, Enum):
    """What a rule did at one site."""

    CONVERTED = "converted"  # rewritten, no human action needed
    TODO = "todo"  # left (fully or partly) for a human, with a `# TODO(migrator MIGnnn)` comment


@dataclass(frozen=True)
class Finding:
    """One site a rule touched. ``line`` is 1-based, in the *original* file."""

    rule: str  # e.g. "MIG101"
    kind: FindingKind
    line: int
    message: str
    safety: str = "exact"  # exact | approximate | manual
    # what the change needs outside the repository (a secret to set, a voice to listen to): the summary's "Before you
    # deploy" (migrator.engine.summary)
    steps: tuple = ()


@dataclass(frozen=True)
class Changed:
    path: str
    original: bytes
    updated: bytes
    findings: tuple[Finding, ...] = ()
    written: bool = False


@dataclass(frozen=True)
class Unchanged:
    path: str
    findings: tuple[Finding, ...] = ()  # e.g. TODO-only sites that were already annotated


@dataclass(frozen=True)
class Failed:
    path: str
    reason: str  # one line, no traceback


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str  # e.g. "does not mention openai", "excluded", "symlink out of tree"


FileResult = Union[Changed, Unchanged, Failed, Skipped]


@dataclass(frozen=True)
class RuleOutcome:
    """Result of running the rule pipeline over one module's source text."""

    code: str
    findings: tuple[Finding, ...] = field(default_factory=tuple)
