"""A converted script's own dependencies: inline script metadata (PEP 723).

A single-file script may declare what it needs in a comment block that ``uv run``, ``pipx run`` and
``pip-run`` read before running it::

    # /// script
    # dependencies = ["openai>=1.63.0", "rich"]
    # ///

When the conversion made the script import ``mistralai``, its block must say so, or the runner builds an
environment without it and the script fails with ``ModuleNotFoundError`` (held-out review 19, Q2). Like
MIG114 for manifests: ``openai`` becomes ``mistralai>=3.7,<4`` when the script no longer imports openai,
and ``mistralai>=3.7,<4`` is added next to it when it still does (a client kept on OpenAI), or to the list
where openai comes through another package (``openai-agents``: held-out review 20, R-A3). The block is TOML
in comments, so nothing else in it changes, and no TODO line is written inside it: a ``requires-python``
older than mistralai supports gets its TODO above the block.
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


_DEPENDENCIES = re.compile(r"^#[ \t]*dependencies[ \t]*=[ \t]*\[", re.MULTILINE)
_REQUIRES_PYTHON = re.compile(r"""^#[ \t]*requires-python[ \t]*=[ \t]*(["'])([^"']*)\1""", re.MULTILINE)


def follow_the_code(code: str) -> tuple[str, list[Finding]]:
    """``code`` with its inline script block declaring what the converted code imports (module docstring),
    and a TODO above the block where its ``requires-python`` admits Pythons mistralai does not support."""
    match = _BLOCK.search(code)
    if match is None or not _IMPORTS_MISTRAL.search(code):
        return code, []
    findings: list[Finding] = []
    if not _MISTRAL_ENTRY.search(match.group(1)):
        code, finding = _declare(code, match, keep=bool(_IMPORTS_OPENAI.search(code)))
        findings.append(finding)
        match = _BLOCK.search(code)
    python = _REQUIRES_PYTHON.search(match.group(1))
    if python is not None and OPENAI_PACKAGE.python:
        from migrator.engine.project_files import _interval

        declared, needed = _interval(python.group(2)), _interval(OPENAI_PACKAGE.python)
        if declared and needed and needed[0] and (declared[0] is None or declared[0] < needed[0]):
            # (R-A4: `uv run` cannot build the script's environment on the older Pythons the block admits)
            text = (f"this script declares requires-python = \"{python.group(2)}\", but "
                    f"{OPENAI_PACKAGE.requirement} needs Python {OPENAI_PACKAGE.python} (uv run finds no release for "
                    f"an older one): raise it to {OPENAI_PACKAGE.python}")
            comment = f"# TODO(migrator {RULE}): {text}"
            if comment not in code:  # above the block: a line inside it would be read as TOML
                newline = "\r\n" if code[match.start():match.end(1)].endswith("\r\n") else "\n"
                code = code[:match.start()] + comment + newline + code[match.start():]
                findings.append(Finding(RULE, FindingKind.TODO, code.count("\n", 0, match.start()) + 1, text, "manual"))
    return code, findings


def _declare(code: str, match: re.Match, keep: bool) -> tuple[str, Finding]:
    """``code`` with ``mistralai`` declared in the block ``match`` found: in place of its ``openai`` entry, beside
    it (``keep``: the script still imports openai), or in its dependencies list where openai comes through another
    package (``openai-agents``: held-out review 20, R-A3), or as a dependencies key of its own."""
    block, start = match.group(1), match.start(1)
    wanted = OPENAI_PACKAGE.requirement
    newline = "\r\n" if "\r\n" in block else "\n"
    entry = _OPENAI_ENTRY.search(block)
    if entry is not None:
        quote = entry.group(1)
        line_start = block.rfind("\n", 0, entry.start()) + 1
        prefix = block[line_start:entry.start()]
        where = start + entry.start()
        if keep and prefix.strip() == "#":  # an entry on a line of its own: mistralai on a line before it
            where = start + line_start
            new = code[:where] + f"{prefix}{quote}{wanted}{quote},{newline}" + code[where:]
        else:
            replacement = f"{entry.group(0)}, {quote}{wanted}{quote}" if keep else f"{quote}{wanted}{quote}"
            new = code[:where] + replacement + code[where + len(entry.group(0)):]
        what = (f"inline script metadata (PEP 723): {wanted} added next to openai (the script still imports openai)"
                if keep else f"inline script metadata (PEP 723): openai -> {wanted} (uv run / pipx run install what "
                             "it declares)")
    else:
        listed = _DEPENDENCIES.search(block)
        if listed is not None:
            after = start + listed.end()
            rest = code[after:code.index("\n", after)].strip()
            if rest in ("", "\r"):  # a list over several lines: an entry line of the same shape as the next
                following = code[code.index("\n", after) + 1:]
                indent = re.match(r"#[ \t]*", following).group(0) if following.startswith("#") else "#   "
                where = code.index("\n", after) + 1
                new = code[:where] + f'{indent}"{wanted}",{newline}' + code[where:]
            else:
                new = code[:after] + f'"{wanted}"' + ("" if rest.startswith("]") else ", ") + code[after:]
        else:  # no dependencies: a key of its own, first (top-level keys come before any table)
            new = code[:start] + f'# dependencies = ["{wanted}"]{newline}' + code[start:]
        where = start
        what = (f"inline script metadata (PEP 723): {wanted} added (the script imports mistralai now; uv run / "
                "pipx run install what it declares)")
    line = code.count("\n", 0, where) + 1
    return new, Finding(RULE, FindingKind.CONVERTED, line, what, "approximate")
