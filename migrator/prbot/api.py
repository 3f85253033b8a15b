"""A small JSON-over-HTTPS client for the forges: bounded retries with backoff, secrets scrubbed.

Standard library only (``urllib``): two REST calls per run do not need a dependency, and no
redirect is ever followed, so the ``Authorization`` header cannot travel to another host.
"""

from __future__ import annotations

import email.utils
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping
from urllib.parse import urlencode

from migrator import __version__
from migrator.prbot.errors import RefusedError, Scrubber

USER_AGENT = f"migrator/{__version__} (+https://github.com/migrator/migrator)"
RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class Backoff:
    """``attempts`` tries in all; the wait before try ``n+1`` is ``Retry-After`` (or GitHub's
    ``x-ratelimit-reset``) when the server names one, else ``base * 2**n``; never over ``cap``
    seconds. ``sleep`` is injectable so tests retry instantly."""

    attempts: int = 5
    base: float = 1.0
    cap: float = 60.0
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    clock: Callable[[], float] = field(default=time.time, repr=False)

    def delay(self, attempt: int, headers: Mapping[str, str] | None) -> float:
        headers = {k.lower(): v for k, v in (headers or {}).items()}
        wait = None
        retry_after = headers.get("retry-after")
        if retry_after:
            try:
                wait = float(retry_after)
            except ValueError:
                when = email.utils.parsedate_to_datetime(retry_after)
                wait = when.timestamp() - self.clock() if when else None
        elif headers.get("x-ratelimit-remaining") == "0" and headers.get("x-ratelimit-reset"):
            try:
                wait = float(headers["x-ratelimit-reset"]) - self.clock()
            except ValueError:
                wait = None
        if wait is None:
            wait = self.base * (2 ** attempt)
        return max(0.0, min(wait, self.cap))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # the 3xx surfaces as an HTTPError: reported, never followed


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    data: Any


class ApiClient:
    """JSON requests to ``base_url``; ``refusal(status, method, path, message)`` words a 4xx."""

    def __init__(self, base_url: str, *, auth_headers: Mapping[str, str], scrub: Scrubber,
                 forge: str, token_env: str, backoff: Backoff | None = None,
                 timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self._headers = {"User-Agent": USER_AGENT, "Accept": "application/json",
                         "Content-Type": "application/json", **auth_headers}
        self.scrub = scrub
        self.forge = forge
        self.token_env = token_env
        self.backoff = backoff or Backoff()
        self.timeout = timeout
        self._opener = urllib.request.build_opener(_NoRedirect())

    def request(self, method: str, path: str, *, params: Mapping[str, Any] | None = None,
                json_body: Any = None) -> Response:
        url = self.base_url + path + (f"?{urlencode(params)}" if params else "")
        data = None if json_body is None else json.dumps(json_body).encode("utf-8")
        last = ""
        for attempt in range(self.backoff.attempts):
            request = urllib.request.Request(url, data=data, method=method, headers=self._headers)
            try:
                with self._opener.open(request, timeout=self.timeout) as reply:
                    return Response(reply.status, dict(reply.headers.items()), _json(reply.read()))
            except urllib.error.HTTPError as exc:
                headers = dict(exc.headers.items()) if exc.headers else {}
                body = _json(exc.read())
                if not self._retryable(exc.code, headers):
                    raise RefusedError(self._refusal(exc.code, method, path, body)) from None
                last = f"{exc.code} {_api_message(body) or exc.reason}"
                wait = self.backoff.delay(attempt, headers)
            except (urllib.error.URLError, OSError) as exc:  # refused, reset, timed out
                reason = getattr(exc, "reason", exc)
                last = f"{type(reason).__name__}: {reason}"
                wait = self.backoff.delay(attempt, None)
            if attempt + 1 < self.backoff.attempts:
                self.backoff.sleep(wait)
        raise RefusedError(self.scrub(f"{self.forge} {method} {path} still failing after "
                                      f"{self.backoff.attempts} attempts: {last}"))

    @staticmethod
    def _retryable(status: int, headers: Mapping[str, str]) -> bool:
        lowered = {k.lower(): v for k, v in headers.items()}
        # GitHub answers a (secondary) rate limit with 403 + Retry-After / x-ratelimit-remaining: 0
        rate_limited = status == 403 and (
            "retry-after" in lowered or lowered.get("x-ratelimit-remaining") == "0")
        return status in RETRIED_STATUSES or rate_limited

    def _refusal(self, status: int, method: str, path: str, body: Any) -> str:
        message = _api_message(body)
        hint = {
            401: f"the token in {self.token_env} is missing, expired or invalid",
            403: f"the token in {self.token_env} lacks the permission for this",
            404: f"the repository does not exist or the token in {self.token_env} cannot see it",
        }.get(status)
        if 300 <= status < 400:
            hint = "the API answered with a redirect (a renamed repository? a wrong --api-url?)"
        parts = [f"{self.forge} refused {method} {path}: HTTP {status}"]
        if message:
            parts.append(message)
        if hint:
            parts.append(f"({hint})")
        return self.scrub(" ".join(parts))


def _json(raw: bytes) -> Any:
    if not raw:
        return None
    try:
        return json.loads(raw.decode("utf-8", errors="replace"))
    except ValueError:
        return raw.decode("utf-8", errors="replace")[:300]


def _api_message(body: Any) -> str:
    """GitHub: ``{"message", "errors": [{"message"|"code"}]}``; GitLab: ``{"message"|"error"}``."""
    if isinstance(body, str):
        return " ".join(body.split())[:300]
    if not isinstance(body, dict):
        return ""
    message = body.get("message") or body.get("error") or ""
    if not isinstance(message, str):
        message = json.dumps(message, ensure_ascii=False)
    details = [e.get("message") or e.get("code") for e in body.get("errors") or []
               if isinstance(e, dict)]
    details = [str(d) for d in details if d]
    return " ".join(filter(None, [message.strip(), "; ".join(details)]))[:500]
