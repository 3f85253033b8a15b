"""`migrator parity ...`: record, run, report (thin: the logic lives in migrator.parity modules)."""

from __future__ import annotations

import typer

parity_app = typer.Typer(
    name="parity",
    help="Replay recorded prompts against the old and the new model, compare, report, gate.",
    no_args_is_help=True,
)
