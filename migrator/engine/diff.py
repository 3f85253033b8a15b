"""Unified diffs of converted files, in the form ``git apply`` and ``patch -p1`` accept."""

from __future__ import annotations

import difflib
import io

from migrator.engine.files import decode_for_display
from migrator.engine.results import Changed

NO_NEWLINE = "\\ No newline at end of file\n"


def split_lines(text: str) -> list[str]:
    """Lines with their own endings; splits on \\n, \\r\\n and \\r only (not on \\f or U+2028)."""
    return io.StringIO(text, newline="").readlines()


def _label(prefix: str, path: str) -> str:
    return f"{prefix}{path}" if path.startswith("/") else f"{prefix}/{path}"


def unified_diff(result: Changed, *, context: int = 3) -> str:
    """The diff from ``result.original`` to ``result.updated`` with ``a/`` and ``b/`` labels."""
    before = split_lines(decode_for_display(result.original))
    after = split_lines(decode_for_display(result.updated))
    out = []
    for line in difflib.unified_diff(
        before, after, _label("a", result.path), _label("b", result.path), n=context
    ):
        if line.endswith(("\n", "\r")):
            out.append(line)
        else:  # a last line without a newline
            out.append(line + "\n" + NO_NEWLINE)
    return "".join(out)
