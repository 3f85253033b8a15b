"""Bugs the chat fuzzer (tests/test_fuzz_chat.py) found, as plain reproducers.

Each was committed as a strict xfail (with its shape excluded from the fuzz strategy) and fixed in
the codemods (73615e8, 2ce9033); they now guard against regressions, and the strategy generates
every shape again. A new finding goes here the same way: a strict xfail naming the bug, and an
exclusion in the strategy whose comment names the test.
"""

from __future__ import annotations

import textwrap

import pytest

from migrator.config import Config
from migrator.engine.transform import transform_source


def run(code: str) -> str:
    return transform_source(textwrap.dedent(code), config=Config(), filename="fuzz.py").code


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
    """A second run over converted output changes nothing.

    Was: a receiver known through its annotation or ``self.<attr>`` was not recognised as Mistral
    after conversion, so a call left unchanged got a second TODO on every later run.
    """
    once = run(code)
    assert run(once) == once


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
    """The engine annotates the call instead of raising.

    Was: the TODO quoted source spanning lines (the call's chain, a ``model=`` expression), which is
    not a valid comment: ``CSTValidationError``.
    """
    out = run(code)
    assert "# TODO(migrator MIG102)" in out


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
    """A name bound to two clients in one scope does not get calls converted for the wrong one.

    Was: bindings are per scope, so the last constructor bound to a name decided for every call on
    it: a call on an OpenAI client left unconverted became ``chat.complete``, and output was not
    stable on rerun.
    """
    once = run(code)
    if check == "idempotent":
        assert run(once) == once
    else:  # `first` runs on the OpenAI client that was left unchanged: it must stay an OpenAI call
        assert "first = c.chat.completions.create(" in once, once


def test_model_literal_inside_model_expression_is_stable() -> None:
    """A second run over converted output changes nothing.

    Was: an OpenAI model literal inside a converted call's ``model=`` expression was left by the first
    run (inside a chat call) and mapped by the second, when the module still imported from openai.
    """
    once = run("""
        import os
        from openai import OpenAI, AsyncOpenAI

        client = OpenAI()
        r = client.chat.completions.create(model=os.getenv("OPENAI_MODEL", "gpt-4o-mini"), messages=msgs)
        """)
    assert run(once) == once


@pytest.mark.parametrize("value", ['["text", "audio"]', "modalities"])
def test_unmappable_modalities_not_passed_to_mistral(value: str) -> None:
    """A call whose modalities cannot be dropped is left for a human, not converted half-way.

    Was: the keyword stayed on the converted call with a TODO; Mistral's ``chat.complete`` has no
    ``modalities`` keyword, so the converted call raised ``TypeError``.
    """
    out = run(f"""
        from openai import OpenAI

        client = OpenAI()
        r = client.chat.completions.create(model="gpt-4o", messages=msgs, modalities={value})
        """)
    assert "chat.completions.create(" in out or "modalities=" not in out, out


@pytest.mark.parametrize("keyword", ['functions=[{"name": "f", "parameters": {}}]', 'service_tier="default"',
                                     'function_call={"name": "f"}'])
def test_transformed_literal_inside_f_string(keyword: str) -> None:
    """The output of a call inside an f-string still parses.

    Was: a transformed literal was rendered with ``repr()`` (single quotes); inside a single-quoted
    f-string that is a SyntaxError before Python 3.12, raised from ``transform_source``.
    """
    out = run(f"""
        from openai import OpenAI

        client = OpenAI()
        line = f'answer: {{client.chat.completions.create(model="gpt-4o", messages=msgs, {keyword}).choices[0].message.content}}'
        """)
    compile(out, "fuzz.py", "exec")


def test_splat_used_twice_todo_is_stable() -> None:
    """A second run over the output changes nothing (the receiver is still an OpenAI client then).

    Was: the TODO for a dict splatted into two calls cited a line number ("params is used elsewhere
    (line 5)") that the first run's TODO lines shifted, so every rerun added another TODO.
    """
    once = run("""
        import openai


        def ask(msgs):
            first = openai.chat.completions.create(model="gpt-4o", messages=msgs, **params)
            second = openai.chat.completions.create(model="gpt-4o", messages=msgs, **params)
        """)
    assert run(once) == once
