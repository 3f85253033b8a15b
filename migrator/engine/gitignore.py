"""Gitignore matching for ``migrator.engine.walk``, with the results of ``pathspec.GitIgnoreSpec``.

``pathspec`` (1.1) was the matcher; importing it cost about a quarter of a ``migrator scan`` on a
tree without OpenAI usage (it probes its hyperscan and re2 backends and loads ``typing`` machinery),
so this module gives the same answers with ``re`` alone. The tests (``tests/test_gitignore.py``)
hold it to ``pathspec`` on generated patterns and paths, pathspec's quirks included:

* a line ending in ``\\`` + space keeps its trailing whitespace (the escaped space and anything
  before it); any other line loses its trailing whitespace (``str.rstrip``);
* blank lines, ``#`` comments, a lone ``/`` and patterns with an unclosed ``[`` match nothing;
* a lone ``!``, a segment ending in an unpaired ``\\`` and a bracket expression that ``re`` rejects
  (``[z-a]``) make the whole spec invalid (``from_lines`` raises ``ValueError``; ``valid`` is
  False for such a line);
* ``[!...]`` / ``[^...]`` bracket expressions are copied into the regular expression as they are
  (so a negated set may match ``/``), which is also why ``re`` alone decides what is invalid;
* precedence: the last pattern that matches the path itself wins; only when none does, the last
  pattern that matches a directory above it (or the path as a directory, ``"dir/"``) decides.

Each pattern becomes one regular expression (matched from the start of the path), built the way
pathspec builds it, so that where the engine backtracks to -- which says whether a match is on the
path itself or on a directory above it -- is the same. A combined expression of all the patterns
answers the common question "does anything match at all?" in one call.
"""

from __future__ import annotations

import os
import re

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any

# pathspec turns these separators into "/" (none on POSIX; "\\" on Windows).
_SEPARATORS = tuple(sep for sep in (os.sep, os.altsep) if sep and sep != "/")

# A mark in a translated pattern: the "/" after a directory the pattern matched. Rendered as a
# capturing group in a pattern's own expression (a match through it is a directory match) and as
# a plain "/" in the combined expression.
_MARK = object()

# Whole-pattern shortcuts (pathspec special-cases the same patterns, and searches for these
# expressions anywhere in the path instead of matching from its start).
_ANYTHING = "."  # "*", "**", "/**": any path (with a character other than a newline)
_NESTED = "/"  # "**/*/**": any path with a "/" in it
_NESTED_DIR = "(/)"  # "**/", "*/": the same, as a directory match

_LEADING_DIRS = "(?:.+/)?"  # the leading "**/": any directories above, or none

_SET_OPERATORS = ("--", "&&", "~~", "||")


class GitIgnoreError(ValueError):
    """A line that pathspec refuses (and git would drop)."""


class _Unclosed(Exception):
    """A ``[`` without its ``]``: the pattern matches nothing."""


def _glob(segment: str) -> str:
    """One path segment of a pattern (not ``**``) as a regular expression."""
    out = []
    i, end = 0, len(segment)
    while i < end:
        char = segment[i]
        i += 1
        if char == "\\":
            if i == end:
                raise GitIgnoreError("a backslash with nothing to escape")
            out.append(re.escape(segment[i]))
            i += 1
        elif char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            # Find the closing "]": a leading "!" or "^" negates, and a "]" right after the
            # opening (or the negation) is a member, not the end.
            start = i
            if start < end and segment[start] in "!^":
                start += 1
            if start < end and segment[start] == "]":
                start += 1
            close = segment.find("]", start)
            if close < 0:
                raise _Unclosed
            negated = segment[i] in "!^"
            members = segment[i + 1 if negated else i:close]
            out.append("[^" if negated else "[")
            out.append(members.replace("\\", "\\\\"))  # a backslash is a member too
            out.append("]")
            i = close + 1
        else:
            out.append(re.escape(char))
    return "".join(out)


def _translate(line: str) -> tuple[bool, str | None, list] | None:
    """``(include, shortcut, parts)`` for one line: ``include`` False for a ``!`` pattern;
    either a shortcut expression (searched anywhere) or the parts of an expression matched from
    the start of the path (strings and ``_MARK``; a first part ``_LEADING_DIRS`` when the pattern
    starts with ``**/``, stated or implied). None for a line that matches nothing; raises
    ``GitIgnoreError`` for a line pathspec refuses."""
    text = line if line.endswith("\\ ") else line.rstrip()
    if not text or text[0] == "#" or text == "/":
        return None
    include = text[0] != "!"
    if not include:
        text = text[1:]
    segments = text.split("/")
    directory_only = segments[-1] == ""
    if segments[0] == "":
        del segments[0]  # "/x": anchored at the top
    elif (len(segments) == 1 or (len(segments) == 2 and directory_only)) and segments[0] != "**":
        segments.insert(0, "**")  # "x", "x/": at any depth
    if not segments:
        raise GitIgnoreError("nothing to match")
    if segments[-1] == "":
        segments[-1] = "**"  # "x/": everything below x
    segments = [seg for k, seg in enumerate(segments)
                if not (seg == "**" and k and segments[k - 1] == "**")]  # "**/**" is "**"

    if segments == ["**"]:
        return include, _NESTED_DIR if directory_only else _ANYTHING, []
    if segments == ["**", "*"]:
        return include, _ANYTHING, []
    if segments == ["**", "*", "**"]:
        return include, _NESTED_DIR if directory_only else _NESTED, []

    parts: list = []
    last = len(segments) - 1
    slash = False  # a "/" is due before the next named segment
    try:
        for k, seg in enumerate(segments):
            if seg == "**":
                if k == 0:
                    parts.append(_LEADING_DIRS)
                elif k < last:
                    parts.append("(?:/.+)?")  # zero or more directories in between
                    slash = True
                elif directory_only:
                    parts.append(_MARK)
                else:
                    parts.append("/")
                continue
            if slash:
                parts.append("/")
            parts.append("[^/]+" if seg == "*" else _glob(seg))
            if k == last:
                parts += ["(?:", _MARK, "|$)"]  # a directory (the mark), or the path's end
            slash = True
    except _Unclosed:
        return None  # like git, which drops a pattern with an unclosed range
    return include, None, parts


def _render(parts: list, mark: str) -> str:
    return "".join(mark if part is _MARK else part for part in parts)


def _compile(expression: str, line: str) -> re.Pattern:
    try:
        return re.compile(expression)
    except re.error as exc:  # a bracket expression re rejects, e.g. "[z-a]"
        raise GitIgnoreError(f"invalid gitignore pattern {line!r}: {exc}") from None


def _compile_later(rule: list[Any], expression: str, search: bool) -> Callable:
    def first_call(path: str) -> re.Match | None:
        compiled = re.compile(expression)
        rule[1] = find = compiled.search if search else compiled.match
        return find(path)

    return first_call


class GitIgnore:
    """The patterns of one ``.gitignore`` (or ``--exclude`` list), for paths relative to its
    directory, with ``/`` separators and a trailing ``/`` for a directory."""

    __slots__ = ("_any", "_rules")

    def __init__(self, rules: list[list[Any]], any_match: Callable | None) -> None:
        # Last pattern first: [include, match or search of its expression, has a directory mark].
        self._rules = rules
        # Whether any pattern matches at all (None: not worth asking, go through the rules).
        self._any = any_match

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> GitIgnore:
        """The spec of these lines; ``GitIgnoreError`` (a ``ValueError``) when pathspec would
        refuse one of them (which it names; not always the first of several)."""
        patterns = []  # (line, include, expression, whether to search it rather than match it)
        leading, anchored, shortcuts = [], [], set()
        combinable = True
        for line in lines:
            if not line:
                continue
            try:
                translated = _translate(line)
            except GitIgnoreError as exc:
                raise GitIgnoreError(f"invalid gitignore pattern {line!r}: {exc}") from None
            if translated is None:
                continue
            include, shortcut, parts = translated
            if shortcut is not None:
                patterns.append((line, include, shortcut, True))
                shortcuts.add(shortcut)
                continue
            patterns.append((line, include, _render(parts, "(/)"), False))
            if "[" in line and (line.count("[") > 1 or any(op in line for op in _SET_OPERATORS)):
                # re warns (FutureWarning) about a "[" or a doubled operator in a bracket
                # expression: compile such patterns once, as pathspec does.
                combinable = False
            if parts[0] is _LEADING_DIRS:
                leading.append(_render(parts[1:], "/"))
            else:
                anchored.append(_render(parts, "/"))

        any_match = None
        if len(patterns) > 1 and _ANYTHING not in shortcuts and combinable:
            alternatives = anchored
            if leading:
                alternatives.append(_LEADING_DIRS + "(?:" + "|".join(leading) + ")")
            if shortcuts:  # "/" anywhere in the path, as a match from its start
                alternatives.append("[^/]*/")
            try:
                any_match = re.compile("|".join(f"(?:{alt})" for alt in alternatives)).match
            except re.error as exc:  # name the line
                for line, _, expression, _ in patterns:
                    _compile(expression, line)
                raise GitIgnoreError(f"invalid gitignore patterns: {exc}") from None
        rules = []
        for line, include, expression, search in reversed(patterns):
            rule: list[Any] = [include, None, "(/)" in expression]  # the mark, as a capturing group
            if any_match is None:  # compile now, which also tells whether re accepts it
                compiled = _compile(expression, line)
                rule[1] = compiled.search if search else compiled.match
            else:  # re accepted it: compile when the combined expression first lets a path by
                rule[1] = _compile_later(rule, expression, search)
            rules.append(rule)
        return cls(rules, any_match)

    @staticmethod
    def valid(line: str) -> bool:
        """Whether ``from_lines`` accepts this line (pathspec's ``from_lines([line])`` would not
        raise)."""
        try:
            GitIgnore.from_lines([line])
        except ValueError:
            return False
        return True

    def __len__(self) -> int:
        """The number of patterns that can match (blank lines, comments and dropped patterns not
        counted)."""
        return len(self._rules)

    def __repr__(self) -> str:
        return f"GitIgnore(<{len(self._rules)} patterns>)"

    def check(self, path: str) -> bool | None:
        """True: ignored; False: re-included by a ``!`` pattern; None: no pattern matches
        (``pathspec.GitIgnoreSpec.check_file(path).include``)."""
        for sep in _SEPARATORS:
            path = path.replace(sep, "/")
        if path[:1] == "/":
            path = path[1:]
        elif path[:2] == "./":
            path = path[2:]
        if self._any is not None and self._any(path) is None:
            return None
        directory_verdict = None
        for include, find, marked in self._rules:
            found = find(path)
            if found is None:
                continue
            if not (marked and found.group(1)):
                return include  # a match on the path itself: the last one wins
            if directory_verdict is None:
                directory_verdict = include  # a directory match: only if nothing else matches
        return directory_verdict

    def match(self, path: str) -> bool:
        """Whether the path is ignored (``pathspec.GitIgnoreSpec.match_file``)."""
        return self.check(path) is True
