"""The pull-request bot: ``migrator pr PATH`` (see :func:`migrator.prbot.run.open_or_update`).

Modules: ``git`` (the real git, argument lists only), ``api`` (JSON over HTTPS with bounded
retries), ``forge`` (GitHub REST v3, GitLab REST v4), ``body`` (the PR body from
``templates/pr_body.md.j2``), ``run`` (the whole job), ``errors`` (exit codes, token scrubbing).
"""

from migrator.prbot.errors import EXIT_DIRTY, EXIT_OK, EXIT_REFUSED, EXIT_USAGE, PrError
from migrator.prbot.run import DEFAULT_BRANCH, ConvertArgs, Outcome, PrOptions, open_or_update

__all__ = ["ConvertArgs", "DEFAULT_BRANCH", "EXIT_DIRTY", "EXIT_OK", "EXIT_REFUSED", "EXIT_USAGE",
           "Outcome", "PrError", "PrOptions", "open_or_update"]
