"""A converted script's own dependencies: inline script metadata (PEP 723).

A single-file script may declare what it needs in a comment block that ``uv run``, ``pipx run`` and
``pip-run`` read before running it::

    # /// script
    # dependencies = ["openai>=1.63.0", "rich"]
    # ///

When the conversion made the script import ``mistralai``, its block must say so, or the runner builds an
environment without it and the script fails with ``ModuleNotFoundError`` (held-out review 19, Q2). Like
MIG114 for manifests: ``openai`` becomes ``mistralai>=3.7,<4`` when the script no longer imports openai,
and ``mistralai>=3.7,<4`` is added next to it when it still does (a client kept on OpenAI). The block is
TOML in comments, so nothing else in it changes, and no TODO line is written inside it.
"""

from __future__ import annotations

import re

from migrator.engine.results import Finding, FindingKind
from migrator.mapping.packages import OPENAI_PACKAGE

RULE = "MIG114"  # the dependency rule (project_files.DEPENDENCY_RULE): the script's block is its manifest
_BLOCK = re.compile(r"^# /// script[ \t]*\r?\n((?:#[^\n]*\n)*?)# ///[ \t]*$", re.MULTILINE)
_IMPORTS_MISTRAL = re.compile(r"^[ \t]*(?:from|import)[ \t]+mistralai\b", re.MULTILINE)
_IMPORTS_OPENAI = re.compile(r"^[ \t]*(?:from|import)[ \t]+openai\b", re.MULTILINE)
# a dependency string naming openai, with or without a version ("openai", 'openai[datalib]>=1.0')
_OPENAI_ENTRY = re.compile(r"""(["'])openai(?:\[[^\]]*\])?\s*(?:[<>=!~;][^"']*)?\1""")
_MISTRAL_ENTRY = re.compile(r"""["']mistralai\b""")


def follow_the_code(code: str) -> tuple[str, list[Finding]]:
    """``code`` with its inline script block declaring what the converted code imports (module docstring)."""
    match = _BLOCK.search(code)
    if match is None or not _IMPORTS_MISTRAL.search(code):
        return code, []
    block = match.group(1)
    entry = _OPENAI_ENTRY.search(block)
    if entry is None or _MISTRAL_ENTRY.search(block):
        return code, []
    quote = entry.group(1)
    wanted = f"{quote}{OPENAI_PACKAGE.requirement}{quote}"
    keep = bool(_IMPORTS_OPENAI.search(code))
    replacement = f"{entry.group(0)}, {wanted}" if keep else wanted
    start = match.start(1) + entry.start()
    line = code.count("\n", 0, start) + 1
    new = code[:start] + replacement + code[start + len(entry.group(0)):]
    what = (f"inline script metadata (PEP 723): {OPENAI_PACKAGE.requirement} added next to openai (the script "
            "still imports openai)" if keep else
            f"inline script metadata (PEP 723): openai -> {OPENAI_PACKAGE.requirement} (uv run / pipx run install "
            "what it declares)")
    return new, [Finding(RULE, FindingKind.CONVERTED, line, what, "approximate")]
