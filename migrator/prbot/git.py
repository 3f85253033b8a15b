"""The real ``git``, run as a subprocess with argument lists (no shell, no user string parsed).

Every failure becomes a :class:`RefusedError` (exit 4) whose message is git's own last line,
scrubbed. Pushes use git's own credentials (a CI checkout's, a credential helper, SSH): the forge
token is never handed to git and never written into a remote URL.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

from migrator.prbot.errors import RefusedError, Scrubber, UsageError

_NO_PROMPT = {"GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "", "SSH_ASKPASS": "", "LC_ALL": "C"}


@dataclass(frozen=True)
class Author:
    name: str
    email: str

    @classmethod
    def parse(cls, text: str) -> "Author":
        match = re.fullmatch(r"\s*([^<>]+?)\s*<([^<>\s]+@[^<>\s]+)>\s*", text or "")
        if not match:
            raise UsageError(f"--author expects 'Name <email>', got {text!r}")
        return cls(match.group(1), match.group(2))

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


DEFAULT_AUTHOR = Author("migrator", "migrator@users.noreply.github.com")


class Git:
    """``git -C <cwd> ...`` with the prompt disabled, so a missing credential fails instead of
    hanging a CI job."""

    def __init__(self, cwd: Path, scrub: Scrubber, env: Mapping[str, str] | None = None) -> None:
        self.cwd = Path(cwd)
        self.scrub = scrub
        self._env = {**os.environ, **_NO_PROMPT, **(env or {})}

    def at(self, cwd: Path) -> "Git":
        clone = Git(cwd, self.scrub)
        clone._env = self._env
        return clone

    def run(self, *args: str, check: bool = True, env: Mapping[str, str] | None = None) -> str:
        """Run git; return stdout (stripped of the final newline). Raise RefusedError on failure
        unless ``check`` is false (then "" is returned for a failed command)."""
        command = ["git", "-C", str(self.cwd), *args]
        try:
            done = subprocess.run(command, capture_output=True, text=True, env={**self._env, **(env or {})},
                                  stdin=subprocess.DEVNULL, timeout=600)
        except FileNotFoundError:
            raise UsageError("git is not installed (migrator pr runs the real git)") from None
        except subprocess.TimeoutExpired:
            raise RefusedError(f"git {args[0]} did not finish within 10 minutes") from None
        if done.returncode != 0:
            if not check:
                return ""
            raise RefusedError(self._failure(args, f"{done.stderr}\n{done.stdout}"))
        return done.stdout.rstrip("\n")

    def ok(self, *args: str) -> bool:
        command = ["git", "-C", str(self.cwd), *args]
        done = subprocess.run(command, capture_output=True, text=True, env=self._env,
                              stdin=subprocess.DEVNULL, timeout=600)
        return done.returncode == 0

    def _failure(self, args: Sequence[str], output: str) -> str:
        lines = [line.strip() for line in output.strip().splitlines() if line.strip()]
        # the most telling line: a rejected ref (push), else the first "fatal:", else "error:"
        rejected = next((" ".join(l.lstrip("!").split()) for l in lines
                         if l.startswith("!") and "rejected]" in l), None)
        telling = rejected or next((l for prefix in ("fatal:", "error:") for l in lines
                                    if l.startswith(prefix)), None)
        detail = telling or (lines[-1] if lines else "no output")
        return self.scrub(f"git {args[0]} failed: {detail}")

    # --- questions ---------------------------------------------------------------------------

    def toplevel(self) -> Path:
        out = self.run("rev-parse", "--show-toplevel", check=False)
        if not out:
            raise UsageError(f"{self.cwd} is not inside a git repository")
        return Path(out)

    def dirty(self) -> list[str]:
        """``git status --porcelain`` lines: tracked changes and untracked, non-ignored files."""
        out = self.run("status", "--porcelain", "--untracked-files=normal")
        return [line for line in out.splitlines() if line.strip()]

    def current_branch(self) -> str | None:
        return self.run("symbolic-ref", "--quiet", "--short", "HEAD", check=False) or None

    def remote_url(self, remote: str) -> str | None:
        """The URL as configured (``remote get-url`` would apply ``insteadOf`` rewrites, which can
        hide the forge's host and OWNER/NAME)."""
        return self.run("config", "--get", f"remote.{remote}.url", check=False) or None

    def remote_default_branch(self, remote: str) -> str | None:
        """The remote's HEAD branch, asked of the remote itself (``ls-remote --symref``)."""
        out = self.run("ls-remote", "--symref", "--", remote, "HEAD")
        match = re.search(r"^ref: refs/heads/(\S+)\s+HEAD$", out, re.M)
        return match.group(1) if match else None

    def local_default_branch(self, remote: str) -> str | None:
        """The remote's HEAD as last fetched (``refs/remotes/<remote>/HEAD``), asking nobody."""
        ref = self.run("symbolic-ref", "--quiet", f"refs/remotes/{remote}/HEAD", check=False)
        prefix = f"refs/remotes/{remote}/"
        return ref[len(prefix):] if ref.startswith(prefix) else None

    def remote_branch_sha(self, remote: str, branch: str) -> str:
        """The sha of ``branch`` on the remote, "" when it does not exist (for the push lease)."""
        out = self.run("ls-remote", "--", remote, f"refs/heads/{branch}")
        for line in out.splitlines():
            sha, _, ref = line.partition("\t")
            if ref == f"refs/heads/{branch}":
                return sha
        return ""

    def valid_branch_name(self, name: str) -> bool:
        return not name.startswith("-") and self.ok("check-ref-format", "--branch", name)
