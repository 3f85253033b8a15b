"""Test doubles for the PR bot: a stateful loopback forge (GitHub REST v3 + GitLab REST v4 shapes)
on 127.0.0.1, a bare git repository as the remote holding the demo app, and the Prism mock server
serving GitHub's published OpenAPI description (installed from npm into a cache directory)."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEMO_APP = ROOT / "fixtures" / "demo_app"
TOKEN = "ghp_tok3nNEVERsh0wn0123456789abcdefXYZ"  # a distinctive fake secret: grep finds it anywhere
GIT_ENV = {"GIT_AUTHOR_NAME": "Dev", "GIT_AUTHOR_EMAIL": "dev@example.test",
           "GIT_COMMITTER_NAME": "Dev", "GIT_COMMITTER_EMAIL": "dev@example.test",
           "GIT_CONFIG_NOSYSTEM": "1"}


# --- git ---------------------------------------------------------------------------------------

def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}, check=False)
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout.strip()


@dataclass
class Project:
    """A clone of the demo app (``work``) whose ``origin`` is the bare repository ``remote``, reached
    through the URL ``https://github.com/acme/support-bot.git`` (rewritten by ``insteadOf``)."""

    work: Path
    remote: Path
    url: str

    def remote_sha(self, branch: str) -> str | None:
        out = subprocess.run(["git", "--git-dir", str(self.remote), "rev-parse", "--verify", "--quiet",
                              f"refs/heads/{branch}"], capture_output=True, text=True)
        return out.stdout.strip() or None

    def remote_log(self, branch: str) -> list[str]:
        return git(self.remote, "log", "--format=%H %s", branch).splitlines()

    def push_to_main(self, files: dict[str, str], message: str) -> None:
        """Someone else moves the base branch: commit in a second clone and push."""
        other = self.work.parent / "other-clone"
        if not other.exists():
            git(self.work.parent, "clone", "--quiet", str(self.remote), str(other))
        git(other, "pull", "--quiet", "origin", "main")
        for name, text in files.items():
            (other / name).parent.mkdir(parents=True, exist_ok=True)
            (other / name).write_text(text)
        git(other, "add", "--all")
        git(other, "commit", "--quiet", "-m", message)
        git(other, "push", "--quiet", "origin", "main")


def make_project(tmp: Path, *, host: str = "github.com", path: str = "acme/support-bot") -> Project:
    remote, work = tmp / "remote.git", tmp / "work"
    git(tmp, "init", "--quiet", "--bare", "-b", "main", str(remote))
    shutil.copytree(DEMO_APP, work, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    git(work, "init", "--quiet", "-b", "main")
    url = f"https://{host}/{path}.git"
    git(work, "config", f"url.{remote}.insteadOf", url)
    git(work, "remote", "add", "origin", url)
    git(work, "add", "--all")
    git(work, "commit", "--quiet", "-m", "support bot on OpenAI")
    git(work, "push", "--quiet", "origin", "main")
    git(work, "fetch", "--quiet", "origin")
    return Project(work, remote, url)


# --- the loopback forge --------------------------------------------------------------------------

@dataclass
class Recorded:
    method: str
    path: str  # decoded
    raw_path: str  # as sent (GitLab wants the project path URL-encoded: acme%2Fbots%2Fapp)
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: Any


@dataclass
class FakeForge:
    """Both forges' PR/MR endpoints over shared state. ``faults`` is a list of
    ``(status, headers, body)`` answered (in order) before any real handling."""

    remote: Path | None = None  # when set, a PR's head branch must exist there (like GitHub)
    requests: list[Recorded] = field(default_factory=list)
    pulls: dict[int, dict[str, Any]] = field(default_factory=dict)
    faults: list[tuple[int, dict[str, str], Any]] = field(default_factory=list)
    token: str | None = None  # the expected Authorization bearer; anything else gets a 401

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        forge = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw else None
                parts = urlsplit(self.path)
                record = Recorded(self.command, unquote(parts.path), parts.path, parse_qs(parts.query),
                                  dict(self.headers.items()), body)
                with forge._lock:
                    forge.requests.append(record)
                    status, headers, payload = forge._answer(record, self.headers)
                data = json.dumps(payload).encode()
                self.send_response(status)
                for key, value in {"Content-Type": "application/json", **headers}.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PATCH = do_PUT = _serve

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def calls(self, method: str | None = None) -> list[Recorded]:
        return [r for r in self.requests if method is None or r.method == method]

    def _answer(self, r: Recorded, headers: Any) -> tuple[int, dict[str, str], Any]:
        if self.faults:
            return self.faults.pop(0)
        auth = headers.get("Authorization", "")
        if self.token is not None and auth != f"Bearer {self.token}":
            return 401, {}, {"message": f"Bad credentials (got {auth!r})"}
        if m := re.fullmatch(r"/api/v3/repos/([^/]+)/([^/]+)/pulls", r.path):
            return self._github_pulls(r, m.group(1))
        if m := re.fullmatch(r"/api/v3/repos/[^/]+/[^/]+/pulls/(\d+)", r.path):
            return self._github_update(r, int(m.group(1)))
        if m := re.fullmatch(r"/api/v3/repos/[^/]+/[^/]+/issues/(\d+)/labels", r.path):
            pr = self.pulls[int(m.group(1))]
            pr["labels"] = sorted(set(pr["labels"]) | set(r.body["labels"]))
            return 200, {}, [{"name": n} for n in pr["labels"]]
        if m := re.fullmatch(r"/api/v4/projects/[^/]+/merge_requests", r.raw_path):
            return self._gitlab_mrs(r)
        if m := re.fullmatch(r"/api/v4/projects/[^/]+/merge_requests/(\d+)", r.raw_path):
            return self._gitlab_update(r, int(m.group(1)))
        return 404, {}, {"message": "Not Found"}

    def _branch_exists(self, branch: str) -> bool:
        if self.remote is None:
            return True
        return subprocess.run(["git", "--git-dir", str(self.remote), "rev-parse", "--verify", "--quiet",
                               f"refs/heads/{branch}"], capture_output=True).returncode == 0

    def _github_pulls(self, r: Recorded, owner: str) -> tuple[int, dict[str, str], Any]:
        if r.method == "GET":
            head = r.query.get("head", [""])[0]
            found = [self._github_view(p) for p in self.pulls.values()
                     if p["state"] == "open" and f"{owner}:{p['head']}" == head]
            return 200, {}, found
        body = r.body
        if not self._branch_exists(body["head"]):
            return 422, {}, {"message": "Validation Failed", "errors": [{"code": "invalid", "field": "head"}]}
        number = len(self.pulls) + 1
        self.pulls[number] = {"number": number, "title": body["title"], "body": body["body"],
                              "head": body["head"], "base": body["base"], "state": "open",
                              "draft": body.get("draft", False), "labels": []}
        return 201, {}, self._github_view(self.pulls[number])

    def _github_update(self, r: Recorded, number: int) -> tuple[int, dict[str, str], Any]:
        pr = self.pulls[number]
        pr.update({k: v for k, v in r.body.items() if k in ("title", "body", "base")})
        return 200, {}, self._github_view(pr)

    def _github_view(self, p: dict[str, Any]) -> dict[str, Any]:
        return {"number": p["number"], "title": p["title"], "body": p["body"], "state": p["state"],
                "draft": p["draft"], "html_url": f"https://github.example/pull/{p['number']}",
                "head": {"ref": p["head"]}, "base": {"ref": p["base"]},
                "labels": [{"name": n} for n in p["labels"]]}

    def _gitlab_mrs(self, r: Recorded) -> tuple[int, dict[str, str], Any]:
        if r.method == "GET":
            branch = r.query.get("source_branch", [""])[0]
            return 200, {}, [self._gitlab_view(p) for p in self.pulls.values()
                             if p["state"] == "opened" and p["head"] == branch]
        body = r.body
        if not self._branch_exists(body["source_branch"]):
            return 400, {}, {"message": ["Source branch does not exist"]}
        iid = len(self.pulls) + 1
        self.pulls[iid] = {"number": iid, "title": body["title"], "body": body["description"],
                           "head": body["source_branch"], "base": body["target_branch"],
                           "state": "opened", "labels": [l for l in body.get("labels", "").split(",") if l]}
        return 201, {}, self._gitlab_view(self.pulls[iid])

    def _gitlab_update(self, r: Recorded, iid: int) -> tuple[int, dict[str, str], Any]:
        mr = self.pulls[iid]
        mr.update({"title": r.body["title"], "body": r.body["description"], "base": r.body["target_branch"]})
        mr["labels"] = sorted(set(mr["labels"]) | set(filter(None, r.body.get("add_labels", "").split(","))))
        return 200, {}, self._gitlab_view(mr)

    def _gitlab_view(self, p: dict[str, Any]) -> dict[str, Any]:
        return {"iid": p["number"], "title": p["title"], "description": p["body"], "state": p["state"],
                "source_branch": p["head"], "target_branch": p["base"], "labels": p["labels"],
                "web_url": f"https://gitlab.example/acme/support-bot/-/merge_requests/{p['number']}"}


# --- Prism serving GitHub's OpenAPI description ------------------------------------------------

PRISM_DIR = Path(os.environ.get("MIGRATOR_PRISM_DIR", Path.home() / ".cache" / "migrator-prism"))
PRISM_PACKAGES = ("@stoplight/prism-cli@5", "@octokit/openapi@23")
PRISM_STARTUP_SECONDS = 60
USED_PATHS = ("/repos/{owner}/{repo}/pulls", "/repos/{owner}/{repo}/pulls/{pull_number}",
              "/repos/{owner}/{repo}/issues/{issue_number}/labels")


def ensure_prism() -> tuple[Path, Path]:
    """(prism executable, GitHub's api.github.com.json); installs them with npm into PRISM_DIR
    on first use. Skips the calling test, with the reason, when that is impossible."""
    prism = PRISM_DIR / "node_modules" / ".bin" / "prism"
    spec = PRISM_DIR / "node_modules" / "@octokit" / "openapi" / "generated" / "api.github.com.json"
    if prism.exists() and spec.exists():
        return prism, spec
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        pytest.skip("Prism contract test: node/npm are not installed, so @stoplight/prism-cli cannot be")
    PRISM_DIR.mkdir(parents=True, exist_ok=True)
    try:
        done = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--silent", "--prefix",
                               str(PRISM_DIR), *PRISM_PACKAGES], capture_output=True, text=True,
                              timeout=600)
    except subprocess.TimeoutExpired:
        pytest.skip("Prism contract test: `npm install @stoplight/prism-cli @octokit/openapi` took over 10 minutes")
    if done.returncode != 0 or not prism.exists() or not spec.exists():
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        pytest.skip(f"Prism contract test: npm could not install {' '.join(PRISM_PACKAGES)}: {tail[0]}")
    return prism, spec


def github_slice(spec_path: Path, out: Path) -> Path:
    """GitHub's description cut down to the operations the bot calls, with every component they
    reference (transitively), unmodified: Prism starts in about a second instead of ten."""
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    paths = {p: spec["paths"][p] for p in USED_PATHS}
    components: dict[str, dict[str, Any]] = {}
    pending = [paths]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/components/"):
                _, _, kind, name = ref.split("/", 3)
                if name not in components.setdefault(kind, {}):
                    components[kind][name] = spec["components"][kind][name]
                    pending.append(components[kind][name])
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    sliced = {k: spec[k] for k in ("openapi", "info", "servers")}
    sliced.update(paths=paths, components=components)
    out.write_text(json.dumps(sliced), encoding="utf-8")
    return out


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Prism:
    def __init__(self, prism: Path, spec: Path, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self._log_handle = log.open("w")
        self.process = subprocess.Popen([str(prism), "mock", "-h", "127.0.0.1", "-p", str(self.port),
                                         str(spec)], stdout=self._log_handle, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + PRISM_STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            if "Prism is listening" in log.read_text(errors="replace"):
                return
            time.sleep(0.2)
        self.close()
        tail = log.read_text(errors="replace")[-500:]
        pytest.fail(f"Prism did not start within {PRISM_STARTUP_SECONDS} s: {tail}")

    def violations(self) -> list[str]:
        """Request violations Prism logged (responses are its own examples: not ours to judge)."""
        return [line for line in self.log.read_text(errors="replace").splitlines()
                if "Request" in line and ("violation" in line.lower() or "must" in line)]

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self._log_handle.close()
