"""Find the Python files to convert under the paths given on the command line.

Walks directories without following any symlink: a symlinked file or directory is reported as
``Skipped`` (out of the tree, a loop, dangling, or pointing back into the tree, whose target is then
visited in its own place). ``.gitignore`` files are honoured -- the ones between the enclosing git
repository's top and the root, and every nested one below it -- as are ``--exclude`` globs
(gitignore-style, relative to the project root: the directory of the nearest ``pyproject.toml`` at
or above the path given, else that path). Explicit file paths are always considered.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Union

import pathspec

from migrator.config import find_pyproject
from migrator.engine.results import Failed, Skipped

PYTHON_SUFFIXES = (".py",)

# Directory names that never hold the application's own code.
DEFAULT_SKIPPED_DIRS = frozenset(
    {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "site-packages", "__pycache__", ".tox",
     ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache"}
)


@dataclass(frozen=True)
class SourceFile:
    """A file to consider: ``path`` is how it is shown, ``real_path`` where it is read and written."""

    path: str
    real_path: str
    explicit: bool = False


Discovered = Union[SourceFile, Skipped, Failed]


def display_path(path: str) -> str:
    """Relative to the working directory when below it, else absolute; always with ``/``."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive on Windows
        return Path(absolute).as_posix()
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return Path(absolute).as_posix()
    return Path(relative).as_posix()


class _IgnoreRules:
    """The gitignore specs that apply in one directory, each with that directory's path relative
    to the spec's own directory (``""`` or ``"a/b/"``), so that matching needs no path arithmetic.

    Git's precedence: the deepest file that has an opinion about a path decides, and within one file
    the last matching pattern wins (``GitIgnoreSpec.check_file`` gives us the latter).
    """

    def __init__(self, specs: tuple[tuple[pathspec.GitIgnoreSpec, str], ...] = ()) -> None:
        self.specs = specs

    def with_file(self, ignore_file: str, prefix: str = "") -> "_IgnoreRules":
        try:
            with open(ignore_file, encoding="utf-8", errors="replace") as handle:
                lines = handle.read().splitlines()
        except OSError:
            return self
        try:
            spec = pathspec.GitIgnoreSpec.from_lines(lines)
        except Exception:  # noqa: BLE001 - like git, drop the lines that are not valid patterns
            spec = pathspec.GitIgnoreSpec.from_lines(line for line in lines if _valid_pattern(line))
        return _IgnoreRules(self.specs + ((spec, prefix),)) if len(spec) else self

    def descend(self, name: str) -> "_IgnoreRules":
        return _IgnoreRules(tuple((spec, f"{prefix}{name}/") for spec, prefix in self.specs))

    def ignored(self, name: str, is_dir: bool) -> bool:
        for spec, prefix in reversed(self.specs):
            verdict = spec.check_file(f"{prefix}{name}/" if is_dir else f"{prefix}{name}").include
            if verdict is not None:
                return verdict
        return False


def _valid_pattern(line: str) -> bool:
    try:
        pathspec.GitIgnoreSpec.from_lines([line])
    except Exception:  # noqa: BLE001 - pathspec raises several kinds
        return False
    return True


def compile_excludes(patterns: Iterable[str]) -> pathspec.GitIgnoreSpec | None:
    """The ``--exclude`` patterns as one spec; ValueError naming the first invalid pattern."""
    patterns = list(patterns)
    for pattern in patterns:
        if not _valid_pattern(pattern):
            raise ValueError(f"invalid exclude pattern: {pattern!r}")
    return pathspec.GitIgnoreSpec.from_lines(patterns) if patterns else None


def _prefix(directory: str, base: str) -> str:
    """``directory`` relative to its ancestor ``base``, as a match prefix: ``""`` or ``"a/b/"``."""
    relative = os.path.relpath(directory, base)
    return "" if relative == os.curdir else Path(relative).as_posix() + "/"


def _git_top(directory: str) -> str | None:
    for candidate in [directory, *map(str, Path(directory).parents)]:
        if os.path.lexists(os.path.join(candidate, ".git")):
            return candidate
    return None


def _initial_ignore_rules(root: str) -> _IgnoreRules:
    """The ignore files that apply to ``root`` from above it (up to the git top, if any)."""
    rules = _IgnoreRules()
    top = _git_top(root)
    if top is None:
        return rules
    rules = rules.with_file(os.path.join(top, ".git", "info", "exclude"), _prefix(root, top))
    ancestors = []
    directory = root
    while directory != top:
        directory = os.path.dirname(directory)
        ancestors.append(directory)
    for directory in reversed(ancestors):
        rules = rules.with_file(os.path.join(directory, ".gitignore"), _prefix(root, directory))
    return rules


def _is_virtualenv(directory: str) -> bool:
    return os.path.isfile(os.path.join(directory, "pyvenv.cfg"))


def _symlink_reason(link: str, root_real: str) -> str:
    """Why a symlink met while walking is not followed."""
    try:
        os.stat(link)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop"
        return f"dangling symlink to {os.readlink(link)}"
    target = os.path.realpath(link)
    if target != root_real and not target.startswith(root_real.rstrip(os.sep) + os.sep):
        return f"symlink to {target}, outside the tree"
    return "symlink inside the tree (its target is converted in its own place)"


@dataclass(frozen=True)
class _Directory:
    path: str  # absolute, for the file system
    real: str  # symlinks resolved, for SourceFile.real_path
    shown: str  # as displayed
    rules: _IgnoreRules  # .gitignore files in force
    exclude_prefix: str  # this directory relative to the exclude patterns' base

    def child_shown(self, name: str) -> str:
        return name if self.shown == os.curdir else f"{self.shown}/{name}"


def _walk(root: str, exclude: pathspec.GitIgnoreSpec | None, respect_gitignore: bool) -> Iterator[Discovered]:
    root_abs = os.path.abspath(root)
    root_real = os.path.realpath(root)
    pyproject = find_pyproject(Path(root_abs))
    exclude_base = str(pyproject.parent) if pyproject is not None else root_abs
    rules = _initial_ignore_rules(root_abs) if respect_gitignore else _IgnoreRules()
    stack = [_Directory(root_abs, root_real, display_path(root), rules, _prefix(root_abs, exclude_base))]
    while stack:
        directory = stack.pop()
        rules = directory.rules
        if respect_gitignore:
            rules = rules.with_file(os.path.join(directory.path, ".gitignore"))
        try:
            with os.scandir(directory.path) as it:
                entries = sorted(it, key=lambda entry: entry.name)
        except OSError as exc:
            yield Failed(directory.shown, f"cannot list directory: {os_reason(exc)}")
            continue
        subdirectories = []
        for entry in entries:
            name = entry.name
            is_link = entry.is_symlink()
            try:
                is_dir = entry.is_dir()  # for a symlink: the kind of its target, for matching
            except OSError:  # a symlink loop or a vanished entry
                is_dir = False
            if is_dir and name in DEFAULT_SKIPPED_DIRS:
                continue
            if not is_dir and not name.endswith(PYTHON_SUFFIXES):
                continue
            if exclude is not None:
                relative = directory.exclude_prefix + name
                if exclude.match_file(relative + "/" if is_dir else relative):
                    continue
            if rules.ignored(name, is_dir):
                continue
            if is_link:
                yield Skipped(directory.child_shown(name), _symlink_reason(entry.path, root_real))
            elif is_dir:
                if not _is_virtualenv(entry.path):
                    subdirectories.append(_Directory(
                        entry.path, os.path.join(directory.real, name), directory.child_shown(name),
                        rules.descend(name), f"{directory.exclude_prefix}{name}/"))
            else:
                yield SourceFile(directory.child_shown(name), os.path.join(directory.real, name))
        # Depth-first, in name order: push in reverse so the first name is popped first.
        stack.extend(reversed(subdirectories))


def os_reason(exc: OSError) -> str:
    """``PermissionError(13, 'Permission denied')`` -> ``permission denied``."""
    return (exc.strerror or str(exc) or type(exc).__name__).lower()


def discover(
    paths: Iterable[str | os.PathLike[str]],
    *,
    exclude: Iterable[str] = (),
    respect_gitignore: bool = True,
) -> Iterator[Discovered]:
    """Yield every Python file to consider under ``paths``, or a ``Skipped``/``Failed`` saying why not.

    Each real file is yielded once even when several paths reach it. Raises ``ValueError`` for an
    invalid ``exclude`` pattern (a usage error, checked before any file is read).
    """
    exclude_spec = compile_excludes(exclude)
    seen: set[str] = set()
    for raw in paths:
        path = os.fspath(raw)
        if os.path.isdir(path):
            found: Iterable[Discovered] = _walk(path, exclude_spec, respect_gitignore)
        elif os.path.lexists(path):
            found = [SourceFile(display_path(path), os.path.realpath(path), explicit=True)]
        else:
            found = [Failed(display_path(path), "no such file or directory")]
        for item in found:
            if isinstance(item, SourceFile):
                if item.real_path in seen:
                    continue
                seen.add(item.real_path)
            yield item
