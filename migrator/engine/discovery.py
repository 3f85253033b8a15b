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
from typing import Any, Iterable, Iterator, Union

from migrator.engine.results import Failed, Skipped
from migrator.engine.walk import (  # noqa: F401 - re-exported: discovery's public names
    DEFAULT_SKIPPED_DIRS,
    EXCLUDED,
    FILE,
    IGNORED,
    LINK,
    PYTHON,
    PYTHON_ONLY,
    PYTHON_SUFFIXES,
    compile_excludes,
    display_path,
    file_kind,
    walk,
)


@dataclass(frozen=True)
class SourceFile:
    """A file to consider: ``path`` is how it is shown, ``real_path`` where it is read and written."""

    path: str
    real_path: str
    explicit: bool = False
    kind: str = PYTHON  # walk.file_kind: python, notebook, requirements, pyproject, env, deploy, ...
    excluded: bool = False  # left out by --exclude: never converted (discover(excluded_too=True) only)
    ignored: bool = False  # (with excluded) matched by a .gitignore outside a git work tree: git may track it


Discovered = Union[SourceFile, Skipped, Failed]


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


def _walk(root: str, exclude: Any, respect_gitignore: bool, kinds: frozenset,
          excluded_too: bool = False) -> Iterator[Discovered]:
    root_real = os.path.realpath(root)
    for kind, shown, detail in walk(root, exclude, respect_gitignore, kinds=kinds, excluded_too=excluded_too):
        if kind == FILE:
            yield SourceFile(shown, detail, kind=file_kind(shown) or PYTHON)
        elif kind == EXCLUDED:
            yield SourceFile(shown, detail, kind=file_kind(shown) or PYTHON, excluded=True)
        elif kind == IGNORED:
            yield SourceFile(shown, detail, kind=file_kind(shown) or PYTHON, excluded=True, ignored=True)
        elif kind == LINK:
            yield Skipped(shown, _symlink_reason(detail, root_real))
        else:
            yield Failed(shown, f"cannot list directory: {os_reason(detail)}")


def os_reason(exc: OSError) -> str:
    """``PermissionError(13, 'Permission denied')`` -> ``permission denied``."""
    return (exc.strerror or str(exc) or type(exc).__name__).lower()


def discover(
    paths: Iterable[str | os.PathLike[str]],
    *,
    exclude: Iterable[str] = (),
    respect_gitignore: bool = True,
    kinds: frozenset = PYTHON_ONLY,
    excluded_too: bool = False,
) -> Iterator[Discovered]:
    """Yield every file to consider under ``paths``, or a ``Skipped``/``Failed`` saying why not.

    Walked directories yield the files whose ``walk.file_kind`` is in ``kinds`` (Python modules by
    default); an explicit file path is always yielded (a Python module unless its name says
    otherwise). Each real file is yielded once even when several paths reach it. Raises
    ``ValueError`` for an invalid ``exclude`` pattern (a usage error, checked before any file is read).
    """
    exclude_spec = compile_excludes(exclude)
    seen: set[str] = set()
    for raw in paths:
        path = os.fspath(raw)
        if os.path.isdir(path):
            found: Iterable[Discovered] = _walk(path, exclude_spec, respect_gitignore, kinds, excluded_too)
        elif os.path.lexists(path):
            shown = display_path(path)
            kind = file_kind(shown) if kinds != PYTHON_ONLY else PYTHON
            found = [SourceFile(shown, os.path.realpath(path), explicit=True, kind=kind or PYTHON)]
        else:
            found = [Failed(display_path(path), "no such file or directory")]
        for item in found:
            if isinstance(item, SourceFile):
                if item.real_path in seen:
                    continue
                seen.add(item.real_path)
            yield item
