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
