"""The rule registry and the documentation `migrator rules` renders from it."""

from __future__ import annotations

import json

import pytest
from libcst.codemod import CodemodContext
import libcst as cst
from typer.testing import CliRunner

from migrator.cli import app
from migrator.rules import RULES, _project_rules, describe_rules, render_rules_markdown

CODES = [code.value for code, _ in RULES] + [cls.CODE for cls in _project_rules()]


@pytest.mark.parametrize("rule", [cls for _, cls in RULES], ids=[code.value for code, _ in RULES])
def test_documented_example_is_what_the_rule_does(rule) -> None:
    """Each rule's BEFORE example, converted by that rule alone, gives its AFTER example. The examples
    show a rule's rewrite, so client-dependent sites follow a converted client (tests/mechanics.py)."""
    from codemods._base import ASSUME_CONVERTED

    assert rule.BEFORE and rule.AFTER
    context = CodemodContext(scratch={ASSUME_CONVERTED: True})
    out = rule(context).transform_module(cst.parse_module(rule.BEFORE)).code
    assert out == rule.AFTER


def test_registry_codes_are_unique_and_documented() -> None:
    assert len(CODES) == len(set(CODES))
    for entry in describe_rules():
        assert entry["code"] in CODES
        assert {"What it does", "Fix safety"} <= {part.strip("* .") for part in entry["doc"].split("**")}
        assert entry["safety"] in ("exact", "approximate", "manual")


def test_rules_command_lists_every_rule() -> None:
    """`migrator rules` in all three formats."""
    runner = CliRunner()
    text = runner.invoke(app, ["rules"])
    assert text.exit_code == 0
    for code in CODES:
        assert code in text.output
    data = json.loads(runner.invoke(app, ["rules", "--format", "json"]).output)
    assert [d["code"] for d in data] == CODES
    markdown = render_rules_markdown()
    assert all(f"## {code}" in markdown for code in CODES)
