"""Bugs found by the chat fuzzer (tests/test_fuzz_chat.py), as plain reproducers.

Each is a strict xfail until the codemods are fixed: when one starts passing, remove its marker and
the matching exclusion in the fuzz strategy (the comment there names the test).
"""

from __future__ import annotations

import textwrap

import libcst
import pytest

from migrator.config import Config
from migrator.engine.transform import transform_source


def run(code: str) -> str:
    return transform_source(textwrap.dedent(code), config=Config(), filename="fuzz.py").code


@pytest.mark.xfail(strict=True, reason="MIG102: a receiver known through its annotation or self.<attr> "
                                       "is not recognised as Mistral after conversion, so a call left "
                                       "unchanged gets a second TODO on every later run")
@pytest.mark.parametrize("code", [
    pytest.param("""
        from openai import OpenAI


        def ask(c: OpenAI, msgs):
            return c.chat.completions.create(model="gpt-4o", messages=msgs, **params)
        """, id="annotated_parameter"),
    pytest.param("""
        from openai import OpenAI


        class Bot:
            def __init__(self):
                self.llm = OpenAI()

            def ask(self, msgs):
                return self.llm.chat.completions.create(model="gpt-4o", messages=msgs, stream=flag)
        """, id="self_attribute"),
])
def test_unchanged_call_on_converted_annotated_or_self_client(code: str) -> None:
    """A second run over converted output changes nothing."""
    once = run(code)
    assert run(once) == once


@pytest.mark.xfail(strict=True, raises=libcst.CSTValidationError,
                   reason="MIG102: a TODO message quoting source that spans lines (the call's chain, "
                          "a model= expression) is not a valid comment: CSTValidationError")
@pytest.mark.parametrize("code", [
    pytest.param("""
        import openai


        def ask(llm, msgs):
            return (llm
                    .chat.completions
                    .create(model="gpt-4o", messages=msgs))
        """, id="multi_line_chain_unknown_receiver"),
    pytest.param("""
        from openai import OpenAI

        client = OpenAI()
        r = client.chat.completions.create(model=(cfg
                                                  .model), messages=msgs)
        """, id="multi_line_model_expression"),
])
def test_todo_quoting_a_multi_line_chain_crashes(code: str) -> None:
    """The engine annotates the call instead of raising."""
    out = run(code)
    assert "# TODO(migrator MIG102)" in out


@pytest.mark.xfail(strict=True, reason="MIG101/MIG102: client bindings are per scope, not per "
                                       "statement: the last constructor bound to a name decides for "
                                       "every call on that name")
@pytest.mark.parametrize("code, check", [
    pytest.param("""
        from openai import OpenAI

        with OpenAI(default_headers={"X": "1"}) as c:
            first = c.chat.completions.create(model="gpt-4o", messages=msgs, **params)

        with OpenAI() as c:
            second = c.chat.completions.create(model="gpt-4o", messages=msgs, **params)
        """, "idempotent", id="two_with_blocks_not_idempotent"),
    pytest.param("""
        from openai import OpenAI

        c = OpenAI(default_headers={"X": "1"})
        first = c.chat.completions.create(model="gpt-4o", messages=msgs)
        c = OpenAI()
        second = c.chat.completions.create(model="gpt-4o", messages=msgs)
        """, "first_unchanged", id="call_on_unconverted_client_converted"),
])
def test_client_name_rebound_in_one_scope(code: str, check: str) -> None:
    """Each call is judged by the client bound when it runs."""
    once = run(code)
    if check == "idempotent":
        assert run(once) == once
    else:  # `first` runs on the OpenAI client that was left unchanged: it must stay an OpenAI call
        assert "first = c.chat.completions.create(" in once, once


@pytest.mark.xfail(strict=True, reason="MIG102: an OpenAI model literal inside a converted call's model= "
                                       "expression is left by the first run (inside a chat call) and "
                                       "mapped by the second (chat.complete is not a chat call to it), "
                                       "when the module still imports something from openai")
def test_model_literal_inside_model_expression_is_stable() -> None:
    """A second run over converted output changes nothing."""
    once = run("""
        import os
        from openai import OpenAI, AsyncOpenAI

        client = OpenAI()
        r = client.chat.completions.create(model=os.getenv("OPENAI_MODEL", "gpt-4o-mini"), messages=msgs)
        """)
    assert run(once) == once


@pytest.mark.xfail(strict=True, reason="MIG102: modalities other than ['text'] (or not a literal) stays "
                                       "in the converted call with a TODO; Mistral's chat.complete has no "
                                       "modalities keyword, so the converted call raises TypeError")
@pytest.mark.parametrize("value", ['["text", "audio"]', "modalities"])
def test_unmappable_modalities_not_passed_to_mistral(value: str) -> None:
    """A call whose modalities cannot be dropped is left for a human, not converted half-way."""
    out = run(f"""
        from openai import OpenAI

        client = OpenAI()
        r = client.chat.completions.create(model="gpt-4o", messages=msgs, modalities={value})
        """)
    assert "chat.completions.create(" in out or "modalities=" not in out, out
