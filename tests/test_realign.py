"""Continuation lines aligned under a bracket stay aligned when a rule renames the call
(codemods/_realign.py), and nothing else moves."""

from __future__ import annotations

import textwrap

from codemods._realign import realign
from mechanics import convert_snippet


def _renamed(source: str) -> tuple[str, str]:
    old = textwrap.dedent(source)
    return old, realign(old, old.replace("chat.completions.create", "chat.complete"))


def test_arguments_aligned_under_the_bracket_follow_it():
    old, new = _renamed('''\
        def ask(q):
            response = client.chat.completions.create(model="gpt-4o",
                                                      messages=[{"role": "user",
                                                                 "content": q}],  # the question
                                                      temperature=0)
            return response
        ''')
    assert new == textwrap.dedent('''\
        def ask(q):
            response = client.chat.complete(model="gpt-4o",
                                            messages=[{"role": "user",
                                                       "content": q}],  # the question
                                            temperature=0)
            return response
        ''')


def test_hanging_indents_strings_and_untouched_calls_do_not_move():
    old, new = _renamed('''\
        x = client.chat.completions.create(
            model="m", messages=m)
        y = other(a,
                  b)
        s = """chat.completions.create(
              text"""
        z = client.chat.completions.create(model="m",
            messages=m)
        ''')
    assert new == old.replace("chat.completions.create", "chat.complete")


def test_code_that_does_not_tokenize_is_returned_as_converted():
    assert realign("f(a,\n  b)\n", "g(a,\n  b\n") == "g(a,\n  b\n"


def test_the_conversion_keeps_aligned_arguments_aligned_and_is_idempotent():
    code, _ = convert_snippet('''\
        from openai import OpenAI

        client = OpenAI()


        def ask(q):
            response = client.chat.completions.create(model="gpt-4o",
                                                      messages=[{"role": "user", "content": q}],
                                                      seed=7)
            return response.choices[0].message.content
        ''')
    assert ('    response = client.chat.complete(model="mistral-large-latest",\n'
            '                                    messages=[{"role": "user", "content": q}],\n'
            '                                    random_seed=7)\n') in code
    assert convert_snippet(code)[0] == code


def test_form_feeds_and_line_separators_do_not_shift_the_line_count():
    # str.splitlines splits on \x0c and U+2028, tokenize does not: a string's inside must never move
    old, new = _renamed('\x0c\ndef ask(q):\n    r = client.chat.completions.create(messages=[{"content": """Be terse.\n'
                        '                                       Answer in French \u2028 please."""}],\n'
                        '                                       model="gpt-4o")\n')
    assert '\n                                       Answer in French \u2028 please."""}],\n' in new
    assert '\n                             model="gpt-4o")\n' in new


def test_a_rewritten_line_follows_its_aligned_siblings():
    old = 'r = client.chat.completions.create(model="gpt-4o",\n                                   messages=m,\n' \
          '                                   seed=1,\n                                   user="u")\n'
    new = '# TODO: something\nr = client.chat.complete(model="m",\n                                   messages=m,\n' \
          '                                   random_seed=1)\n'
    assert realign(old, new) == ('# TODO: something\nr = client.chat.complete(model="m",\n'
                                 '                         messages=m,\n                         random_seed=1)\n')


def test_a_tab_inside_a_string_does_not_stop_the_realignment():
    old, new = _renamed('r = client.chat.completions.create(model="a\\tb",\n'
                        '                                   messages=m)\n')
    assert new.endswith('\n                         messages=m)\n')


def test_a_last_line_that_lost_an_argument_follows_its_bracket_beside_a_todo():
    """Held-out review 69, X3: `user=` dropped from the last continuation line, a TODO added above: the rewritten
    line was paired with no original line (two lines became three), so it stayed at the old bracket's column."""
    code, _ = convert_snippet('''\
        from openai import AsyncOpenAI

        client = AsyncOpenAI()


        async def ask(body):
            r = await client.chat.completions.create(model="gpt-4o", messages=body["messages"], max_completion_tokens=2,
                                                     seed=1, user=body.get("user"))
            return r.choices[0].message.content
        ''')
    assert ('    r = await client.chat.complete_async(model="mistral-large-latest", messages=body["messages"], '
            'max_tokens=2,\n                                         random_seed=1)\n') in code, code
    assert convert_snippet(code)[0] == code


def test_a_hanging_indent_under_a_realigned_line_moves_with_it():
    """Held-out review 130, X8 (autogit): `messages=[{` re-aligned under the renamed call, its dict's lines (a hanging
    indent) stayed ten columns deeper than the line opening them."""
    old, new = _renamed('''\
        response = client.chat.completions.create(model="gpt-4o",
                                                  messages=[{
                                                      "role": "user",
                                                      "content": "hi"
                                                  }],
                                                  temperature=0.4)
        ''')
    assert new == textwrap.dedent('''\
        response = client.chat.complete(model="gpt-4o",
                                        messages=[{
                                            "role": "user",
                                            "content": "hi"
                                        }],
                                        temperature=0.4)
        '''), new


def test_an_argument_dropped_below_keeps_the_lines_above_aligned() -> None:
    """Held-out review 142, Y3 (MEGABOT): `user=` dropped from a streamed v0 call aligned under its bracket: the
    messages list's last line, rewritten to close the call, stayed two columns left of its first."""
    old = ("for r in openai.ChatCompletion.create(model='gpt-4',\n"
           "                                      messages=[{'role': 'system', 'content': 'Write code.'},\n"
           "                                                {'role': 'user', 'content': prompt}],\n"
           "                                      user=str(uid),\n"
           "                                      stream=True):\n"
           "    print(r)\n")
    new = ("for event in mistral_client.chat.stream(model='mistral-large-latest',\n"
           "                                      messages=[{'role': 'system', 'content': 'Write code.'},\n"
           "                                                {'role': 'user', 'content': prompt}]):\n"
           "    r = event.data\n"
           "    print(r)\n")
    lines = realign(old, new).split("\n")
    assert lines[1].index("messages") == lines[0].index("(") + 1, lines
    assert lines[2].index("{") == lines[1].index("[") + 1, lines
