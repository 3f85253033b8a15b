"""A changed line's trailing comment that quotes the name the conversion replaced on it follows the new name
(codemods._comments; held-out review 77, Y6)."""

from __future__ import annotations

import textwrap

from codemods._comments import refresh_comments
from mechanics import convert_snippet
from migrator.mapping import map_model


def convert(code: str) -> str:
    return convert_snippet(textwrap.dedent(code))[0]


def test_a_model_named_in_the_comment_of_its_line_follows_the_mapping():
    code = convert('''\
        from openai import OpenAI
        client = OpenAI()

        def run(path, q):
            with open(path, "rb") as audio_file:
                transcript = client.audio.transcriptions.create(
                    model="whisper-1",  # Use whisper-1 model
                    file=audio_file,
                )
            r = client.chat.completions.create(model="gpt-4o-mini", messages=[q])  # gpt-4o-mini: cheap
            return transcript.text, r.choices[0].message.content
        ''')
    assert 'model="voxtral-mini-latest",  # Use voxtral-mini-latest model\n' in code, code
    assert 'messages=[q])  # mistral-small-latest: cheap\n' in code, code
    assert convert(code) == code  # idempotent


def test_comments_of_unchanged_lines_and_other_words_stay():
    old = textwrap.dedent('''\
        MODEL = "gpt-4o"  # gpt-4o-mini would be cheaper
        r = create(model="gpt-4o-mini")  # not gpt-4o-mini-tts, see gpt-4o-mini.md; gpt-4o-mini here
        s = create(model="gpt-4o-mini")  # a comment
        ''')
    new = old.replace('create(model="gpt-4o-mini")', 'complete(model="mistral-small-latest")')
    refreshed = refresh_comments(old, new, lambda value: map_model(value))
    assert refreshed.splitlines() == [
        'MODEL = "gpt-4o"  # gpt-4o-mini would be cheaper',  # its line did not change
        'r = complete(model="mistral-small-latest")  # not gpt-4o-mini-tts, see gpt-4o-mini.md; mistral-small-latest '
        'here',
        's = complete(model="mistral-small-latest")  # a comment',
    ]


def test_a_comment_listing_other_models_as_the_choices_is_left_alone():
    """Held-out review 148, Y7 (GutoL/GPT-API): `model_name='gpt-3.5-turbo-1106') # 'gpt-4-1106-preview',
    'gpt-3.5-turbo' 'gpt-3.5-turbo-1106'`, the values the line may take, had its last one rewritten, making a list of
    OpenAI models and one Mistral model. A comment quoting other OpenAI models stays as written."""
    old = textwrap.dedent('''\
        bot = ChatGPT(model_name='gpt-3.5-turbo-1106') # 'gpt-4-1106-preview', 'gpt-3.5-turbo' 'gpt-3.5-turbo-1106'
        ''')
    new = old.replace("model_name='gpt-3.5-turbo-1106')", "model_name='mistral-small-latest')")
    assert refresh_comments(old, new, lambda value: map_model(value)) == new


def test_a_comment_listing_bare_model_names_is_left_alone():
    """Held-out review 149, Y5 (BettyBot): `model="gpt-4o",  # gpt-4o,  gpt-4-turbo,    gpt-3.5-turbo` (the choices,
    unquoted) became `# mistral-large-latest,  gpt-4-turbo, ...`, half edited. A comment of model names alone stays."""
    old = 'r = create(model="gpt-4o",  # gpt-4o,  gpt-4-turbo,    gpt-3.5-turbo\n           messages=m)\n'
    new = old.replace('create(model="gpt-4o",', 'complete(model="mistral-large-latest",')
    assert refresh_comments(old, new, lambda value: map_model(value)) == new


def test_the_same_comment_on_two_changed_lines_is_left_alone():
    old = 'a = f(model="gpt-4o")  # gpt-4o\nb = f(model="gpt-4o-mini")  # gpt-4o\n'
    new = 'a = g(model="mistral-large-latest")  # gpt-4o\nb = g(model="mistral-small-latest")  # gpt-4o\n'
    assert refresh_comments(old, new, lambda value: map_model(value)) == new


def test_code_that_does_not_tokenize_is_returned_as_it_is():
    assert refresh_comments('x = "gpt-4o"  # gpt-4o\n', 'x = ("gpt-4o"  # gpt-4o\n', map_model) == \
        'x = ("gpt-4o"  # gpt-4o\n'


def test_a_refreshed_comment_follows_the_other_names_the_file_replaced_everywhere():
    """Held-out review 82, X7: `FALLBACK = "gpt-4o"  # use gpt-4o when gpt-4o-mini fails`, with `MODEL = "gpt-4o-mini"`
    above, both mapped: the comment named the new fallback and the old primary. A name still used somewhere in the
    file stays in it (it may be that one the comment means)."""
    old = ('MODEL = "gpt-4o-mini"\nFALLBACK = "gpt-4o"  # use gpt-4o when gpt-4o-mini fails\n'
           'OTHER = "gpt-4"  # gpt-4o, not gpt-4\n')
    new = old.replace('"gpt-4o-mini"', '"mistral-small-latest"').replace('"gpt-4o"', '"mistral-large-latest"')
    refreshed = refresh_comments(old, new, lambda value: map_model(value))
    assert refreshed.splitlines()[1:] == [
        'FALLBACK = "mistral-large-latest"  # use mistral-large-latest when mistral-small-latest fails',
        'OTHER = "gpt-4"  # gpt-4o, not gpt-4',  # its line did not change
    ]
    kept = new.replace('MODEL = "mistral-small-latest"', 'MODEL = "gpt-4o-mini"')  # not replaced everywhere
    assert refresh_comments(old, kept, lambda value: map_model(value)).splitlines()[1] == \
        'FALLBACK = "mistral-large-latest"  # use mistral-large-latest when gpt-4o-mini fails'
