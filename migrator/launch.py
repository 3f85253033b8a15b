"""The ``migrator`` console script.

``migrator scan`` answers before the command-line framework loads when its arguments are plain
(paths and the scan options, all valid; ``migrator.engine.quickscan``): typer parses options
through pydantic adapters, ~250 ms of start-up, which would be most of a scan of a tree without
OpenAI usage (issue 7: such a scan stays within 3x ``grep -rl openai``). Anything else, including
every usage error and ``--help``, goes to the typer application in ``migrator.cli``, which owns the
messages and exit codes.
"""

from __future__ import annotations

import sys


def main() -> None:
    argv = sys.argv[1:]
    if argv[:1] == ["scan"]:
        from migrator.engine.quickscan import quick_command

        code = quick_command(argv[1:])
        if code is not None:
            sys.exit(code)
    from migrator.cli import app

    app(prog_name="migrator")
