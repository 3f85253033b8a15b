"""``python -m migrator``: the same command line as the ``migrator`` console script."""

from migrator.launch import main

main()
