"""GitHub (REST v3) and GitLab (REST v4): find the bot's open PR/MR, create it, update it in place.

Both speak through :class:`migrator.prbot.api.ApiClient`; the token comes from ``GITHUB_TOKEN`` /
``GITLAB_TOKEN`` only and travels in a header, never in a URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping, Sequence
from urllib.parse import quote, urlsplit

from migrator.prbot.api import ApiClient, Backoff
from migrator.prbot.errors import RefusedError, Scrubber, UsageError

FORGES = ("github", "gitlab")
TOKEN_ENV = {"github": "GITHUB_TOKEN", "gitlab": "GITLAB_TOKEN"}


@dataclass(frozen=True)
class Remote:
    """Where a git remote URL points: ``host`` (None for a local path) and ``path`` (OWNER/NAME,
    or GROUP/SUBGROUP/NAME on GitLab)."""

    host: str | None
    path: str | None

    @classmethod
    def parse(cls, url: str | None) -> "Remote":
        if not url:
            return cls(None, None)
        scp = re.fullmatch(r"(?:[^@/]+@)?([^:/]+):(?!//)(.+)", url)  # git@host:owner/name.git
        if scp and "://" not in url:
            host, path = scp.group(1), scp.group(2)
        else:
            parts = urlsplit(url)
            if parts.scheme in ("", "file"):
                return cls(None, None)
            host, path = parts.hostname, parts.path
        path = re.sub(r"\.git$", "", path.strip("/")) or None
        return cls(host.lower() if host else None, path if path and "/" in path else None)

    def guess_forge(self) -> str:
        return "gitlab" if self.host and "gitlab" in self.host else "github"

    def default_api_url(self, forge: str) -> str:
        if forge == "gitlab":
            return f"https://{self.host or 'gitlab.com'}/api/v4"
        if not self.host or self.host == "github.com":
            return "https://api.github.com"
        return f"https://{self.host}/api/v3"  # GitHub Enterprise Server


@dataclass(frozen=True)
class PullRequest:
    number: int  # GitHub's number, GitLab's iid
    url: str
    body: str
    title: str


class Forge:
    """What the bot needs of a forge."""

    name, key, noun = "forge", "github", "pull request"

    def __init__(self, api_url: str, repo: str, token: str, scrub: Scrubber,
                 backoff: Backoff | None = None) -> None:
        self.api_url = api_url.rstrip("/")
        self.repo = repo
        self.client = ApiClient(self.api_url, auth_headers=self._auth(token), scrub=scrub,
                                forge=self.name, token_env=TOKEN_ENV[self.key], backoff=backoff)

    def _auth(self, token: str) -> dict[str, str]:
        raise NotImplementedError

    def find_open(self, branch: str, base: str) -> PullRequest | None:
        raise NotImplementedError

    def create(self, *, branch: str, base: str, title: str, body: str, draft: bool,
               labels: Sequence[str]) -> PullRequest:
        raise NotImplementedError

    def update(self, pr: PullRequest, *, base: str, title: str, body: str,
               labels: Sequence[str]) -> PullRequest:
        raise NotImplementedError


class GitHub(Forge):
    name, key, noun = "GitHub", "github", "pull request"

    def _auth(self, token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}", "Accept": "application/vnd.github+json, application/json",
                "X-GitHub-Api-Version": "2022-11-28"}

    @property
    def _owner(self) -> str:
        return self.repo.split("/", 1)[0]

    def _pulls(self) -> str:
        owner, name = self.repo.split("/", 1)
        return f"/repos/{quote(owner, safe='')}/{quote(name, safe='')}/pulls"

    def find_open(self, branch: str, base: str) -> PullRequest | None:
        reply = self.client.request("GET", self._pulls(), params={
            "state": "open", "head": f"{self._owner}:{branch}", "per_page": 100})
        pulls = reply.data if isinstance(reply.data, list) else []
        # the head filter is the API's; check it again so a misbehaving server cannot mislead us
        mine = [p for p in pulls if isinstance(p, dict) and (p.get("head") or {}).get("ref") == branch]
        return self._pr(mine[0]) if mine else None

    def create(self, *, branch: str, base: str, title: str, body: str, draft: bool,
               labels: Sequence[str]) -> PullRequest:
        reply = self.client.request("POST", self._pulls(), json_body={
            "title": title, "head": branch, "base": base, "body": body, "draft": draft,
            "maintainer_can_modify": True})
        pr = self._pr(reply.data)
        self._label(pr, labels)
        return pr

    def update(self, pr: PullRequest, *, base: str, title: str, body: str,
               labels: Sequence[str]) -> PullRequest:
        reply = self.client.request("PATCH", f"{self._pulls()}/{pr.number}", json_body={
            "title": title, "body": body, "base": base})
        updated = self._pr(reply.data)
        self._label(updated, labels)
        return updated

    def _label(self, pr: PullRequest, labels: Sequence[str]) -> None:
        if labels:  # adds; labels people put on the PR stay
            issues = self._pulls().rsplit("/pulls", 1)[0] + f"/issues/{pr.number}/labels"
            self.client.request("POST", issues, json_body={"labels": list(labels)})

    def _pr(self, data: object) -> PullRequest:
        if not isinstance(data, dict) or "number" not in data:
            raise RefusedError("GitHub answered without a pull request (is --api-url a GitHub API?)")
        return PullRequest(int(data["number"]), str(data.get("html_url") or ""),
                           str(data.get("body") or ""), str(data.get("title") or ""))



class GitLab(Forge):
    name, key, noun = "GitLab", "gitlab", "merge request"

    def _auth(self, token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    def _mrs(self) -> str:
        return f"/projects/{quote(self.repo, safe='')}/merge_requests"

    def find_open(self, branch: str, base: str) -> PullRequest | None:
        reply = self.client.request("GET", self._mrs(), params={
            "state": "opened", "source_branch": branch, "per_page": 100})
        mrs = [m for m in reply.data or [] if isinstance(m, dict) and m.get("source_branch") == branch]
        return self._mr(mrs[0]) if mrs else None

    def create(self, *, branch: str, base: str, title: str, body: str, draft: bool,
               labels: Sequence[str]) -> PullRequest:
        reply = self.client.request("POST", self._mrs(), json_body={
            "source_branch": branch, "target_branch": base,
            "title": f"Draft: {title}" if draft else title, "description": body,
            "labels": ",".join(labels)})
        return self._mr(reply.data)

    def update(self, pr: PullRequest, *, base: str, title: str, body: str,
               labels: Sequence[str]) -> PullRequest:
        if re.match(r"(?i)(draft:|\[draft\]|\(draft\))", pr.title):
            title = f"Draft: {title}"  # keep a draft a draft
        payload = {"title": title, "description": body, "target_branch": base}
        if labels:
            payload["add_labels"] = ",".join(labels)
        reply = self.client.request("PUT", f"{self._mrs()}/{pr.number}", json_body=payload)
        return self._mr(reply.data)

    def _mr(self, data: object) -> PullRequest:
        if not isinstance(data, dict) or "iid" not in data:
            raise RefusedError("GitLab answered without a merge request (is --api-url a GitLab API?)")
        return PullRequest(int(data["iid"]), str(data.get("web_url") or ""),
                           str(data.get("description") or ""), str(data.get("title") or ""))



def _web_root(api_url: str, forge: str) -> str:
    """https://api.github.com -> https://github.com; https://ghe.example/api/v3 -> https://ghe.example;
    https://gitlab.example/api/v4 -> https://gitlab.example."""
    parts = urlsplit(api_url)
    host = parts.netloc
    if forge == "github" and host == "api.github.com":
        return "https://github.com"
    path = re.sub(r"/api/v[34]/?$", "", parts.path.rstrip("/"))
    return f"{parts.scheme}://{host}{path}"


def web_blob_url(forge: str, api_url: str, repo: str, branch: str, path: str, line: int | None) -> str:
    """A link to ``path`` (line ``line``) on ``branch``, as the forge's web UI spells it."""
    root = _web_root(api_url, forge)
    middle = "/-/blob/" if forge == "gitlab" else "/blob/"
    return f"{root}/{repo}{middle}{quote(branch)}/{quote(path)}" + (f"#L{line}" if line else "")


def make_forge(forge: str, *, api_url: str, repo: str, env: Mapping[str, str], scrub: Scrubber,
               backoff: Backoff | None = None) -> Forge:
    token = env.get(TOKEN_ENV[forge], "")
    if not token.strip():
        raise UsageError(f"{TOKEN_ENV[forge]} is not set: migrator pr reads the {forge} token from "
                         "the environment only")
    cls = GitHub if forge == "github" else GitLab
    return cls(api_url, repo, token.strip(), scrub, backoff)
