"""`migrator pr PATH`: branch from the base, convert, commit, push, open or update the PR/MR.

The conversion runs in a temporary ``git worktree`` checked out at ``<remote>/<base>`` on the bot's
branch, so the user's checkout (its branch, its files) is never switched or rewritten. The user's
worktree must still be clean: uncommitted work would silently be left out of the PR.
"""

from __future__ import annotations

import os
import shlex
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from migrator import __version__
from migrator.prbot.api import Backoff
from migrator.prbot.body import FULL_REPORT_PATH, MARKER, Body, load_parity, render_body, stale_key_docs
from migrator.prbot.errors import (
    DirtyWorktreeError,
    RefusedError,
    Scrubber,
    UsageError,
)
from migrator.prbot.forge import FORGES, TOKEN_ENV, Remote, make_forge, web_blob_url
from migrator.prbot.git import DEFAULT_AUTHOR, Author, Git

DEFAULT_BRANCH = "migrator/openai-to-mistral"


@dataclass(frozen=True)
class ConvertArgs:
    """Every `migrator convert` option, as given on the command line (None/empty = not given)."""

    target: str | None = None
    provider: str | None = None
    base_url: str | None = None
    api_key_env: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    model: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    no_gitignore: bool = False
    jobs: int | None = None
    max_file_size: str = "1MB"

    def flags(self) -> list[str]:
        """The same options as a `migrator convert` command line (for "reproduce locally")."""
        out: list[str] = []
        for name in ("target", "provider", "base_url", "api_key_env"):
            if getattr(self, name):
                out += [f"--{name.replace('_', '-')}", str(getattr(self, name))]
        for name in ("select", "ignore", "model", "exclude"):
            for value in getattr(self, name):
                out += [f"--{name}", value]
        if self.no_gitignore:
            out.append("--no-gitignore")
        if self.max_file_size != "1MB":
            out += ["--max-file-size", self.max_file_size]
        return out


@dataclass(frozen=True)
class PrOptions:
    path: Path
    forge: str | None = None
    repo: str | None = None
    remote: str = "origin"
    base: str | None = None
    branch: str = DEFAULT_BRANCH
    api_url: str | None = None
    draft: bool = False
    labels: tuple[str, ...] = ()
    parity: Path | None = None
    dry_run: bool = False
    author: str | None = None
    convert: ConvertArgs = field(default_factory=ConvertArgs)


@dataclass(frozen=True)
class Outcome:
    exit_code: int
    message: str
    url: str | None = None


Say = Callable[[str], None]


def open_or_update(options: PrOptions, *, env: Mapping[str, str] | None = None,
                   say: Say = print, backoff: Backoff | None = None) -> Outcome:
    """Do the whole job; raise a ``PrError`` (with its exit code and a scrubbed one-line message)
    for anything that stops it."""
    env = dict(os.environ if env is None else env)
    scrub = Scrubber(*(env.get(name) for name in TOKEN_ENV.values()))
    try:
        return _Job(options, env, scrub, say, backoff).run()
    except Exception as exc:  # noqa: BLE001 - anything unexpected still leaves scrubbed
        if hasattr(exc, "exit_code"):
            exc.args = (scrub(exc.args[0] if exc.args else exc),)
            raise
        raise RefusedError(scrub(f"{type(exc).__name__}: {exc}")) from None


class _Job:
    def __init__(self, options: PrOptions, env: dict[str, str], scrub: Scrubber, say: Say,
                 backoff: Backoff | None) -> None:
        self.o, self.env, self.scrub, self.say, self.backoff = options, env, scrub, say, backoff

    # --- checks before anything is touched ---------------------------------------------------

    def run(self) -> Outcome:
        o = self.o
        if o.forge is not None and o.forge not in FORGES:
            raise UsageError(f"--forge must be one of {', '.join(FORGES)}, got {o.forge!r}")
        if o.repo is not None and (o.repo.count("/") < 1 or o.repo.startswith("/") or o.repo.endswith("/")):
            raise UsageError(f"--repo expects OWNER/NAME, got {o.repo!r}")
        author = Author.parse(o.author) if o.author else DEFAULT_AUTHOR
        path = Path(o.path).resolve()
        if not path.exists():
            raise UsageError(f"{o.path} does not exist")
        git = Git(path if path.is_dir() else path.parent, self.scrub)
        root = git.toplevel().resolve()
        rel = path.relative_to(root)
        if not git.valid_branch_name(o.branch):
            raise UsageError(f"--branch {o.branch!r} is not a valid branch name")
        parity = load_parity(o.parity) if o.parity else None
        self._check_convert_args()

        remote_url = git.remote_url(o.remote)
        remote = Remote.parse(remote_url)
        forge_name = o.forge or remote.guess_forge()
        repo = o.repo or remote.path
        api_url = (o.api_url or remote.default_api_url(forge_name)).rstrip("/")
        forge = None
        if not o.dry_run:
            if remote_url is None:
                raise UsageError(f"git remote {o.remote!r} does not exist (see --remote)")
            if repo is None:
                raise UsageError(f"cannot tell OWNER/NAME from the URL of remote {o.remote!r}; "
                                 "pass --repo")
            forge = make_forge(forge_name, api_url=api_url, repo=repo, env=self.env,
                               scrub=self.scrub, backoff=self.backoff)

        dirty = git.dirty()
        if dirty:
            raise DirtyWorktreeError(
                f"the worktree at {root} has {len(dirty)} uncommitted change(s) (first: "
                f"{dirty[0].strip()}); commit or stash them first")

        if o.dry_run:
            base = o.base or git.local_default_branch(o.remote) or git.current_branch() or "main"
        else:
            base = o.base or git.remote_default_branch(o.remote)
            if not base:
                raise RefusedError(f"cannot tell the default branch of remote {o.remote!r}; pass --base")
        if o.branch == base:
            raise RefusedError(f"refusing to push to the base branch {base!r}: choose another --branch")
        if not o.dry_run and not git.valid_branch_name(base):
            raise UsageError(f"--base {base!r} is not a valid branch name")

        context = {"root": root, "rel": rel, "forge": forge_name, "repo": repo, "api_url": api_url,
                   "base": base, "author": author, "parity": parity}
        if o.dry_run:
            return self._dry_run(git, context, remote_url)
        return self._real_run(git, forge, context)

    def _check_convert_args(self) -> None:
        from migrator.engine import parse_size

        try:
            parse_size(self.o.convert.max_file_size)
        except ValueError as exc:
            raise UsageError(f"--max-file-size: {exc}") from None

    # --- conversion -----------------------------------------------------------------------------

    def _convert(self, tree_root: Path, rel: Path, *, write: bool) -> dict[str, Any]:
        from migrator.config import ConfigError
        from migrator.engine import Mode, parse_size, run, summarize
        from migrator.engine.settings import resolve_config

        args = self.o.convert
        target = tree_root / rel
        try:
            config = resolve_config(
                target, target=args.target, provider=args.provider, base_url=args.base_url,
                api_key_env=args.api_key_env, select=args.select, ignore=args.ignore,
                models=args.model, exclude=args.exclude, no_gitignore=args.no_gitignore)
        except ConfigError as exc:
            raise UsageError(str(exc)) from None
        limit = parse_size(args.max_file_size)
        report = run([target], config=config, mode=Mode.WRITE if write else Mode.DIFF,
                     jobs=args.jobs, max_file_size=limit or None, progress=False)
        return _relative_summary(summarize(report), tree_root)

    def _body(self, summary: dict[str, Any], ctx: dict[str, Any]) -> Body:
        o = self.o
        repo = ctx["repo"] or "OWNER/NAME"

        def link(path: str, line: int | None) -> str:
            return web_blob_url(ctx["forge"], ctx["api_url"], repo, o.branch, path, line)

        command = ["migrator", "convert", str(ctx["rel"]), "--write", *o.convert.flags()]
        stale = stale_key_docs(Path(ctx["root"]), Path(ctx["root"]) / ctx["rel"], summary)
        return render_body(summary, link=link, branch=o.branch, base=ctx["base"],
                           reproduce=[shlex.join(command)], parity=ctx["parity"],
                           full_report_url=link(FULL_REPORT_PATH, None), stale_docs=stale)

    def _commit_message(self, summary: dict[str, Any], ctx: dict[str, Any], title: str) -> str:
        files, sites = summary["files"], summary["sites"]
        command = shlex.join(["migrator", "convert", str(ctx["rel"]), "--write", *self.o.convert.flags()])
        return (f"{title}\n\n"
                f"Converted {sites['converted']} site(s) in {files['changed']} file(s) with\n"
                f"`{command}`; {sites['todo']} TODO(s) left for review.\n\n"
                f"Generated by migrator {__version__} (migrator pr).\n")

    # --- dry run ----------------------------------------------------------------------------------

    def _dry_run(self, git: Git, ctx: dict[str, Any], remote_url: str | None) -> Outcome:
        o, say = self.o, self.say
        summary = self._convert(ctx["root"], ctx["rel"], write=False)
        say("Dry run: nothing is written, committed or pushed, and no API is called.")
        where = ctx["repo"] or "OWNER/NAME (unknown: "
        if not ctx["repo"]:
            where += f"remote {o.remote!r} {'has no OWNER/NAME in its URL' if remote_url else 'does not exist'}; pass --repo)"
        say(f"Forge:   {ctx['forge']} {where} via {ctx['api_url']}")
        say(f"Branch:  {o.branch} (reset to {o.remote}/{ctx['base']}; pushed with --force-with-lease)")
        changed = [r["path"] for r in summary["results"] if r["status"] == "changed"]
        if not changed:
            say(f"Nothing to change under {ctx['rel']}: no commit and no {self._noun(ctx)} would be made.")
            return Outcome(0, "nothing to change")
        body = self._body(summary, ctx)
        message = self._commit_message(summary, ctx, body.title)
        say(f"Commit:  by {ctx['author']} (converted from the working tree; the real run converts "
            f"{o.remote}/{ctx['base']})")
        for line in message.rstrip("\n").splitlines():
            say(f"    {line}".rstrip())
        for path in changed + ([FULL_REPORT_PATH] if body.truncated else []):
            say(f"    M {path}" if path != FULL_REPORT_PATH else f"    A {path}")
        extras = [f"labels: {', '.join(o.labels)}"] if o.labels else []
        if o.draft:
            extras.append("draft")
        say(f"{self._noun(ctx).capitalize()}: open one, or update the open one on {o.branch} "
            f"({', '.join(extras) or 'no labels'})")
        say(f"Title:   {body.title}")
        say(f"Body ({len(body.text):,} characters{', truncated' if body.truncated else ''}):")
        say(body.text.rstrip("\n"))
        return Outcome(0, "dry run")

    @staticmethod
    def _noun(ctx: Mapping[str, Any]) -> str:
        return "merge request" if ctx["forge"] == "gitlab" else "pull request"

    # --- the real thing -------------------------------------------------------------------------

    def _real_run(self, git: Git, forge, ctx: dict[str, Any]) -> Outcome:
        o, say, remote, base = self.o, self.say, self.o.remote, ctx["base"]
        default = git.remote_default_branch(remote)
        if default and o.branch == default:
            raise RefusedError(f"refusing to push to {default!r}, the default branch of {remote!r}")
        tracking = f"refs/remotes/{remote}/{base}"
        git.run("fetch", "--quiet", "--no-tags", "--", remote, f"+refs/heads/{base}:{tracking}")
        lease = git.remote_branch_sha(remote, o.branch)
        if lease:
            git.run("fetch", "--quiet", "--no-tags", "--", remote,
                    f"+refs/heads/{o.branch}:refs/remotes/{remote}/{o.branch}")
        existed = git.ok("rev-parse", "--verify", "--quiet", f"refs/heads/{o.branch}")
        # ask the forge first: a PR on this branch that is not the bot's stops everything
        existing = forge.find_open(o.branch, base)
        if existing is not None and MARKER not in existing.body:
            raise RefusedError(f"{forge.name} {self._noun(ctx)} #{existing.number} on {o.branch} was not "
                               f"opened by migrator (no marker in its description); not overwriting it")

        scratch = Path(tempfile.mkdtemp(prefix="migrator-pr-"))
        tree = scratch / "worktree"
        cleanup_branch = False
        try:
            git.run("worktree", "add", "--quiet", "--force", "--no-track", "-B", o.branch,
                    str(tree), tracking)
            work = git.at(tree)
            summary = self._convert(tree, ctx["rel"], write=True)
            if not work.dirty():
                say(f"Nothing to change under {ctx['rel']} on {remote}/{base}: no commit, no "
                    f"{self._noun(ctx)}.")
                cleanup_branch = not existed
                return Outcome(0, "nothing to change")
            body = self._body(summary, ctx)
            if body.truncated:
                report = tree / FULL_REPORT_PATH
                report.parent.mkdir(parents=True, exist_ok=True)
                report.write_text(body.full_text, encoding="utf-8")
            author = ctx["author"]
            identity = {"GIT_AUTHOR_NAME": author.name, "GIT_AUTHOR_EMAIL": author.email,
                        "GIT_COMMITTER_NAME": author.name, "GIT_COMMITTER_EMAIL": author.email}
            work.run("add", "--all", "--", ".")
            # --no-verify: the repository's own hooks (formatters, linters) are not the bot's to run
            work.run("commit", "--quiet", "--no-verify", "-m",
                     self._commit_message(summary, ctx, body.title), env=identity)
            head = work.run("rev-parse", "HEAD")
            if lease and _same_change(work, head, f"refs/remotes/{remote}/{o.branch}"):
                say(f"Branch {o.branch} on {remote} already holds this conversion: not pushed.")
            else:
                work.run("push", "--quiet", "--porcelain", f"--force-with-lease=refs/heads/{o.branch}:{lease}",
                         "--", remote, f"HEAD:refs/heads/{o.branch}")
                say(f"Pushed {o.branch} ({head[:12]}) to {remote}, based on {base}.")
        finally:
            git.run("worktree", "remove", "--force", str(tree), check=False)
            shutil.rmtree(scratch, ignore_errors=True)
            git.run("worktree", "prune", check=False)
            if cleanup_branch:
                git.run("branch", "--quiet", "-D", o.branch, check=False)

        if existing is not None:
            pr = forge.update(existing, base=base, title=body.title, body=body.text, labels=o.labels)
            say(f"Updated {self._noun(ctx)} #{pr.number}: {pr.url}")
        else:
            pr = forge.create(branch=o.branch, base=base, title=body.title, body=body.text,
                              draft=o.draft, labels=o.labels)
            say(f"Opened {self._noun(ctx)} #{pr.number}: {pr.url}")
        return Outcome(0, "updated" if existing else "opened", pr.url)


def _same_change(git: Git, head: str, remote_ref: str) -> bool:
    """The remote branch already is this conversion: same tree, same parent (the base)."""
    ours = git.run("rev-parse", f"{head}^{{tree}}", f"{head}^")
    theirs = git.run("rev-parse", f"{remote_ref}^{{tree}}", f"{remote_ref}^", check=False)
    return bool(theirs) and ours.split() == theirs.split()


def _relative_summary(summary: dict[str, Any], root: Path) -> dict[str, Any]:
    """Every path in the summary (and its plan) relative to the repository root, with '/'."""
    root_text = str(root)

    def rel(path: Any) -> Any:
        if not isinstance(path, str):
            return path
        candidate = Path(path)
        if not candidate.is_absolute():
            candidate = Path.cwd() / candidate
        try:
            return candidate.resolve().relative_to(Path(root_text).resolve()).as_posix()
        except ValueError:
            return path

    for key in ("results", "todos", "failed", "skipped"):
        for item in summary.get(key) or []:
            item["path"] = rel(item.get("path"))
    plan = summary.get("plan")
    if isinstance(plan, dict):
        for key in ("clients", "uses"):
            for item in plan.get(key) or []:
                if isinstance(item, dict) and "path" in item:
                    item["path"] = rel(item["path"])
    return summary
