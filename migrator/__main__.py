"""``python -m migrator``: the same command line as the ``migrator`` console script."""

from migrator.cli import app

app(prog_name="migrator")
