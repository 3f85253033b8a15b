"""``migrator scan`` from the console script, before the command-line framework loads.

Most trees a scan is pointed at first have no OpenAI usage at all, and for those the answer is a
count. So with plain arguments (paths and the scan options, all valid) this module walks the tree
with ``migrator.engine.walk`` -- the walk and prefilter ``convert`` uses -- importing nothing else,
and prints the count itself (``--format table``; json and sarif load their renderer). It hands
over to the full scan (``migrator.engine.scan``) as soon as there is anything more to say: a file
that mentions openai, a symlink, an unreadable or oversized file, a ``[tool.migrator]`` table to
read. Anything not plainly valid, including ``--help`` and every usage error, returns None: the
typer application in ``migrator.cli`` owns those messages and exit codes.

Issue 7 asks for a scan of a 2,000-file tree without OpenAI usage within 3x ``grep -rl openai``
(``benchmarks/scan_speed.py``): typer alone costs ~250 ms of start-up, the engine's modules ~60 ms.
"""

from __future__ import annotations

import os
import sys

from migrator.engine.walk import (
    FILE,
    NOTEBOOK,
    PYTHON,
    compile_excludes,
    find_pyproject_dir,
    mentions_openai,
    read_regular,
    walk,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (a few ms of a quick scan)
if TYPE_CHECKING:
    from typing import Any, Optional

FORMATS = ("table", "json", "sarif")
_SCANNED = frozenset({PYTHON, NOTEBOOK})  # the files the full scan counts as seen (and reads)
DEFAULT_MAX_FILE_SIZE = "1MB"

_VALUED = {"--format": "format", "--exclude": "exclude", "--max-file-size": "max_file_size"}


def plain_arguments(args: list[str]) -> Optional[dict[str, Any]]:
    """``scan``'s arguments when they are all plainly valid, else None (typer then parses them).

    Keep in step with ``migrator.cli.scan``'s options."""
    options: dict[str, Any] = {"format": "table", "exclude": [], "max_file_size": DEFAULT_MAX_FILE_SIZE,
                               "no_gitignore": False, "paths": []}
    position = 0
    only_paths = False
    while position < len(args):
        arg = args[position]
        position += 1
        if only_paths or not arg.startswith("-"):
            options["paths"].append(arg)
        elif arg == "--":
            only_paths = True
        elif arg == "--no-gitignore":
            options["no_gitignore"] = True
        else:
            name, equals, value = arg.partition("=")
            if name not in _VALUED:
                return None  # -h, --help, an unknown option: typer's to answer
            if not equals:
                if position >= len(args):
                    return None
                value = args[position]
                position += 1
            if name == "--exclude":
                options["exclude"].append(value)
            else:
                options[_VALUED[name]] = value
    if not options["paths"] or options["format"] not in FORMATS:
        return None
    if not all(os.path.exists(path) for path in options["paths"]):
        return None
    return options


def scan_root(paths: list[str]) -> str:
    """The common directory of the paths given (a file's own directory)."""
    directories = [os.path.abspath(p) if os.path.isdir(p) else os.path.dirname(os.path.abspath(p)) for p in paths]
    try:
        return os.path.commonpath(directories) if directories else os.getcwd()
    except ValueError:  # paths on different drives
        return directories[0]


def counts_line(seen: int, candidates: int, parsed: int, failed: int, skipped: int) -> str:
    return (f"Files: {seen} seen, {candidates} mention openai, {parsed} parsed, {failed} failed, "
            f"{skipped} skipped")


NO_USAGE = "No OpenAI usage found."


def count_without_usage(paths: list[str], *, exclude: Any, respect_gitignore: bool,
                        max_file_size: Optional[int]) -> Optional[int]:
    """How many files ``discover`` would yield under ``paths`` when none of them mentions openai
    and every one is a plain readable file within the size limit; else None (the full scan has
    more to report). Stops at the first such file."""
    real_paths: set[str] = set()
    for path in paths:
        if os.path.isdir(path):
            found = walk(path, exclude, respect_gitignore, ordered=False, kinds=_SCANNED)
        elif os.path.lexists(path):
            found = iter([(FILE, path, os.path.realpath(path))])
        else:
            return None
        for kind, _shown, detail in found:
            if kind != FILE:
                return None
            if detail in real_paths:
                continue
            real_paths.add(detail)
            if not _plain_file_without_usage(detail, max_file_size):
                return None
    return len(real_paths)


def _plain_file_without_usage(path: str, max_file_size: Optional[int]) -> bool:
    problem, _, data = read_regular(path, max_file_size)  # files.load's read, without its phrasing
    return not problem and not mentions_openai(data)


def _configured(paths: list[str]) -> bool:
    """Whether the first path's project has a ``[tool.migrator]`` table (the full scan reads it)."""
    directory = find_pyproject_dir(paths[0])
    if directory is None:
        return False
    try:
        with open(os.path.join(directory, "pyproject.toml"), "rb") as handle:
            return b"tool.migrator" in handle.read()
    except OSError:
        return True


def quick_command(args: list[str]) -> Optional[int]:
    """Run ``migrator scan ARGS`` without typer; None when typer must handle the arguments."""
    options = plain_arguments(args)
    if options is None:
        return None
    paths = options["paths"]
    seen = None
    if not _configured(paths):
        from migrator.engine.sizes import parse_size  # (its `re` is loaded already: the console script)

        try:
            limit = parse_size(options["max_file_size"])
            exclude = compile_excludes(options["exclude"])
        except ValueError:
            return None
        try:
            seen = count_without_usage(paths, exclude=exclude, respect_gitignore=not options["no_gitignore"],
                                       max_file_size=limit or None)
        except KeyboardInterrupt:
            sys.stderr.write("migrator: interrupted\n")
            return 130
    if seen is None:
        from migrator.engine.scan import full_command

        return full_command(options)
    if options["format"] == "table":
        try:
            sys.stdout.write(f"{counts_line(seen, 0, 0, 0, 0)}\n{NO_USAGE}\n")
            sys.stdout.flush()
        except BrokenPipeError:
            from migrator.engine.scan import quiet_stdout

            quiet_stdout()
        return 0
    from migrator.engine import scan

    scan.emit(scan.ScanReport(scan_root(paths), seen, 0, 0, (), ()), options["format"])
    return 0
