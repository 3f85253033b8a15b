"""The rules skip statements that hold nothing for them; skipping must never lose a site.

codemods._facts numbers statements with Python's ``ast``; the LibCST rules count the same statements
while they walk. These tests pin the numbering on awkward layouts and check that a pruned run and a
full run produce the same code.
"""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest
from libcst.codemod import CodemodContext

from codemods._base import Combined
from codemods._facts import gather, gather_from_source  # noqa: F401
from migrator.config import Config
from migrator.rules import RULES

AWKWARD = textwrap.dedent('''
    """Module docstring."""
    import os; import sys
    from openai import OpenAI, AsyncOpenAI
    x = 1; y = 2;
    if x: a = 1; b = 2
    elif y:
        pass
    else: c = 3
    try: import json
    except ImportError: json = None
    else: pass
    finally: z = 0
    @decorator(lambda q: q)
    class Outer:
        class Inner:
            def m(self): return 1
        async def go(self, c: AsyncOpenAI):
            async with c as s: pass
            return await c.chat.completions.create(model="gpt-4o", messages=[])
    def helper():
        def inner():
            for i in range(3): print(i); continue
            while False: break
            else: pass
        return inner
    match x:
        case 1: pass
        case _:
            client = OpenAI()
    def late():
        return client.chat.completions.create(model="gpt-4o-mini", messages=[], user="u")
    with open(os.devnull) as f: f.read()
''')


def _run(code: str, prune: bool):
    facts = gather_from_source(code)
    facts.prune = prune
    context = CodemodContext()
    transformers = [rule(context, Config()).make_transformer(facts) for _, rule in RULES]
    module = cst.parse_module(code).visit(Combined(transformers))
    return module.code, transformers, facts


@pytest.mark.parametrize("prune", [True, False], ids=["pruned", "full"])
def test_numbering_aligns(prune: bool) -> None:
    """Both walks count exactly the statements ast saw."""
    _, transformers, facts = _run(AWKWARD, prune)
    assert all(t.statements_seen == len(facts.stmt_relevant) for t in transformers)
    assert len(facts.stmt_relevant) > 30


def test_pruned_equals_full() -> None:
    """Skipping irrelevant statements changes nothing in the result, and does skip some."""
    pruned, pruned_transformers, facts = _run(AWKWARD, True)
    full, _, _ = _run(AWKWARD, False)
    assert pruned == full
    assert "client.chat.complete(" in pruned and "c is a parameter annotated AsyncOpenAI" in pruned
    assert not all(facts.stmt_relevant)


def test_misalignment_falls_back_to_full_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    """If the numbering ever disagrees, transform_source walks everything rather than skip sites."""
    from migrator.engine import transform

    original_gather = transform.gather

    def broken_gather(tree, repo=(), view=None):
        facts = original_gather(tree, repo, view)
        facts.stmt_relevant.insert(0, False)  # simulate a numbering slip
        facts.stmt_size.insert(0, 1)
        return facts

    expected = transform.transform_source(AWKWARD, config=Config()).code
    monkeypatch.setattr(transform, "gather", broken_gather)
    outcome = transform.transform_source(AWKWARD, config=Config())
    assert outcome.code == expected
    assert "client.chat.complete(" in outcome.code
