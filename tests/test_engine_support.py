"""Helpers shared by the engine tests (no tests here).

``rename_transform`` stands in for the rule pipeline where a test is about files, not rules: it
parses with LibCST (so syntax errors surface as they do with the real rules), renames ``openai`` to
``mistral`` on every line that mentions it and reports one CONVERTED finding per such line, and one
TODO finding per line containing ``NEEDS-HUMAN``. Module level, so it pickles into worker processes.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import libcst

from migrator.config import Config
from migrator.engine.results import Finding, FindingKind, RuleOutcome

FAKE_RULE = "MIG900"
TODO_RULE = "MIG901"


def rename_transform(code: str, *, config: Config, filename: str) -> RuleOutcome:
    libcst.parse_module(code)
    lines = io.StringIO(code, newline="").readlines()
    findings = []
    for number, line in enumerate(lines, start=1):
        if "openai" in line:
            lines[number - 1] = line.replace("openai", "mistral")
            findings.append(Finding(FAKE_RULE, FindingKind.CONVERTED, number, "renamed", "approximate"))
        if "NEEDS-HUMAN" in line:
            findings.append(Finding(TODO_RULE, FindingKind.TODO, number, "do this by hand", "manual"))
    return RuleOutcome("".join(lines), tuple(findings))


def exploding_transform(code: str, *, config: Config, filename: str) -> RuleOutcome:
    """Fails the test's expectations loudly if the engine ever hands it code."""
    raise AssertionError(f"the transform must not be called for {filename}")


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Create ``files`` (relative path -> text or bytes) under ``root``; returns ``root``."""
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    """Every regular file's bytes under ``root``, by relative path (symlinks and pipes ignored)."""
    out = {}
    for directory, _, names in os.walk(root):
        for name in names:
            path = Path(directory, name)
            if path.is_symlink() or not path.is_file():
                continue
            out[path.relative_to(root).as_posix()] = path.read_bytes()
    return out


def pid_transform(code: str, *, config: Config, filename: str) -> RuleOutcome:
    """Reports which process converted the file."""
    return RuleOutcome(code, (Finding(FAKE_RULE, FindingKind.CONVERTED, 1, f"pid {os.getpid()}"),))


def text_rename_transform(code: str, *, config: Config, filename: str) -> RuleOutcome:
    """Like ``rename_transform`` without parsing: for files too big to parse in a test."""
    return RuleOutcome(code.replace("import openai", "import mistral"),
                       (Finding(FAKE_RULE, FindingKind.CONVERTED, 1, "renamed"),))
