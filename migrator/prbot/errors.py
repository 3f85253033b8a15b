"""What can stop `migrator pr`, as exceptions carrying their exit code, and the token scrubber."""

from __future__ import annotations

import base64
from urllib.parse import quote

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_REFUSED = 4  # the forge or git refused (auth, permissions, protection, a failed push)
EXIT_DIRTY = 5


class PrError(Exception):
    """A failure shown to the user as one line (already scrubbed of secrets), no traceback."""

    exit_code = EXIT_REFUSED


class UsageError(PrError):
    exit_code = EXIT_USAGE


class RefusedError(PrError):
    exit_code = EXIT_REFUSED


class DirtyWorktreeError(PrError):
    exit_code = EXIT_DIRTY


class Scrubber:
    """Replaces every form of a secret a message could carry: as is, URL-encoded, and inside an
    HTTP basic-auth header (``user:token`` base64-encoded, as git credential helpers send it)."""

    MASK = "***"

    def __init__(self, *secrets: str | None) -> None:
        forms: set[str] = set()
        for secret in secrets:
            if not secret or len(secret) < 4:  # masking "a" would shred every message
                continue
            forms |= {secret, quote(secret, safe="")}
            for user in ("x-access-token", "oauth2", "git", "token"):
                forms.add(base64.b64encode(f"{user}:{secret}".encode()).decode())
        self._forms = sorted(forms, key=len, reverse=True)

    def __call__(self, text: object) -> str:
        text = str(text)
        for form in self._forms:
            text = text.replace(form, self.MASK)
        return text
