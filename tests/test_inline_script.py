"""A converted script's inline metadata (PEP 723) declares what its code now imports (held-out review 19,
Q2: `uv run` built an environment from `dependencies = ["openai>=1.63.0"]` and the converted script failed
with ModuleNotFoundError: mistralai)."""

from __future__ import annotations

import re
import tomllib

from mechanics import convert_idempotent

CHAT = 'print(chat.chat.completions.create(model="gpt-4o-mini", messages=[]))\n'


def _metadata(code: str) -> dict:
    """The block as uv reads it (the reference implementation in PEP 723)."""
    block = re.search(r"(?m)^# /// script$\s(?P<content>(^#(| .*)$\s)+)^# ///$", code).group("content")
    return tomllib.loads("".join(line[2:] if line.startswith("# ") else line[1:]
                                 for line in block.splitlines(keepends=True)))


def test_openai_becomes_mistralai_when_the_script_no_longer_imports_openai() -> None:
    code, _ = convert_idempotent('# /// script\n# requires-python = ">=3.11"\n# dependencies = [\n#   "openai>=1.63.0",\n'
                                 '#   "rich",\n# ]\n# ///\nfrom openai import OpenAI\n\nchat = OpenAI()\n' + CHAT)
    assert _metadata(code) == {"requires-python": ">=3.11", "dependencies": ["mistralai>=3.7,<4", "rich"]}
    assert "from mistralai.client import Mistral" in code


def test_mistralai_joins_openai_while_a_kept_client_still_imports_it() -> None:
    code, _ = convert_idempotent("# /// script\n# dependencies = ['openai', 'rich']\n# ///\nfrom openai import OpenAI\n\n"
                                 "chat = OpenAI()\nart = OpenAI()\n" + CHAT + 'img = art.images.generate(prompt="x")\n')
    assert _metadata(code)["dependencies"] == ["openai", "mistralai>=3.7,<4", "rich"]


def test_a_script_that_converts_nothing_keeps_its_block() -> None:
    source = ('# /// script\n# dependencies = ["openai"]\n# ///\nfrom openai import OpenAI\n\nart = OpenAI()\n'
              'img = art.images.generate(prompt="x")\n')
    code, _ = convert_idempotent(source)
    assert code.startswith('# /// script\n# dependencies = ["openai"]\n# ///\n')


def test_mistralai_is_declared_where_openai_comes_through_another_package() -> None:
    """Held-out review 20, R-A3 (single-file-agents): `dependencies = ["openai-agents", "rich"]` brings openai
    without naming it; the converted script imported mistralai, which the block did not declare."""
    listed = ('# /// script\n# dependencies = [\n#   "openai-agents>=0.0.3",\n#   "rich>=13.7.0",\n# ]\n# ///\n'
              'from openai import OpenAI\n\nchat = OpenAI()\n' + CHAT)
    code, _ = convert_idempotent(listed)
    assert _metadata(code)["dependencies"] == ["mistralai>=3.7,<4", "openai-agents>=0.0.3", "rich>=13.7.0"]
    assert '#   "mistralai>=3.7,<4",\n#   "openai-agents>=0.0.3",\n' in code
    inline, _ = convert_idempotent('#!/usr/bin/env -S uv run\n# /// script\n# dependencies = ["rich"]\n# ///\n'
                                   'from openai import OpenAI\n\nchat = OpenAI()\n' + CHAT)
    assert inline.startswith("#!/usr/bin/env -S uv run\n") and _metadata(inline)["dependencies"] == [
        "mistralai>=3.7,<4", "rich"]
    for empty in ("# dependencies = []\n", ""):
        code, _ = convert_idempotent(f'# /// script\n{empty}# ///\nfrom openai import OpenAI\n\nchat = OpenAI()\n' + CHAT)
        assert _metadata(code)["dependencies"] == ["mistralai>=3.7,<4"]


def test_an_entry_on_a_line_of_its_own_gets_a_line_of_its_own() -> None:
    code, _ = convert_idempotent('# /// script\n# dependencies = [\n#   "openai>=1.63.0",\n#   "rich",\n# ]\n# ///\n'
                                 'from openai import OpenAI\n\nchat = OpenAI()\nart = OpenAI()\n' + CHAT +
                                 'img = art.images.generate(prompt="x")\n')
    assert '#   "mistralai>=3.7,<4",\n#   "openai>=1.63.0",\n' in code
    assert _metadata(code)["dependencies"] == ["mistralai>=3.7,<4", "openai>=1.63.0", "rich"]


def test_a_requires_python_older_than_mistralai_supports_gets_a_todo_above_the_block() -> None:
    """R-A4: `requires-python = ">=3.8"`: uv run cannot build the environment on 3.8 / 3.9."""
    code, _ = convert_idempotent('# /// script\n# requires-python = ">=3.8"\n# dependencies = ["openai"]\n# ///\n'
                                     'from openai import OpenAI\n\nchat = OpenAI()\n' + CHAT)
    assert code.startswith('# TODO(migrator MIG114): this script declares requires-python = ">=3.8", but '
                           'mistralai>=3.7,<4 needs Python >=3.10 (uv run finds no release for an older one): raise '
                           'it to >=3.10\n# /// script\n'), code
    assert _metadata(code) == {"requires-python": ">=3.8", "dependencies": ["mistralai>=3.7,<4"]}
    recent, _ = convert_idempotent('# /// script\n# requires-python = ">=3.11"\n# dependencies = ["openai"]\n# ///\n'
                                   'from openai import OpenAI\n\nchat = OpenAI()\n' + CHAT)
    assert "TODO" not in recent
