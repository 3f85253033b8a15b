"""Run the rule pipeline over one module's source text.

This is the single seam between the engine (files, processes, bytes) and the codemods (syntax).
"""

from __future__ import annotations

from migrator.config import Config
from migrator.engine.results import RuleOutcome


def transform_source(code: str, *, config: Config, filename: str = "<string>") -> RuleOutcome:
    """Apply every selected rule, in registry order, to ``code``.

    ``code`` is the decoded text of the file with its original newlines. Raises
    ``libcst.ParserSyntaxError`` when the code does not parse; the engine turns that (and any other
    exception) into a ``Failed`` result. Returns the new code (identical when nothing applies) and the
    findings (converted sites and TODOs), with lines numbered in the original file.
    """
    raise NotImplementedError("filled in by the rules work")
