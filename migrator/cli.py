"""Command line: parses options, calls the engine, renders with rich. No logic lives here."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from migrator import __version__

app = typer.Typer(
    name="migrator",
    help="Move Python code off the OpenAI SDK onto Mistral: codemods, parity harness, PR bot.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Target(str, Enum):
    mistral = "mistral"
    openai_compatible = "openai-compatible"


class SummaryFormat(str, Enum):
    text = "text"
    json = "json"


class RulesFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


def _usage_error(message: str, command: str = "convert") -> typer.Exit:
    """Exit 2 with ``message``, the way the option parser reports bad options."""
    typer.secho(f"Error: {message}", err=True, fg=typer.colors.RED)
    typer.echo(f"Try 'migrator {command} --help' for help.", err=True)
    return typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"migrator {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Move Python code off the OpenAI SDK onto Mistral: codemods, parity harness, PR bot."""


@app.command()
def convert(
    paths: List[Path] = typer.Argument(
        ..., exists=True, metavar="PATH", help="Files and directories to convert.", show_default=False
    ),
    write: bool = typer.Option(False, "--write", help="Apply the changes to the files."),
    check: bool = typer.Option(
        False, "--check", help="Write nothing; exit 1 when any file would change (for CI)."
    ),
    target: Optional[Target] = typer.Option(
        None, help="What to migrate to: mistral (the mistralai SDK; default) or openai-compatible (keep "
        "the openai SDK and point it at --provider)."
    ),
    provider: Optional[str] = typer.Option(
        None, help="openai-compatible provider: mistral, scaleway, ovhcloud, vllm, or custom (implies "
                   "--target openai-compatible)."
    ),
    base_url: Optional[str] = typer.Option(
        None, metavar="URL", help="openai-compatible: the provider's base URL (required for custom; overrides "
        "the others', e.g. a project-scoped Scaleway URL or a vLLM host)."),
    api_key_env: Optional[str] = typer.Option(
        None, metavar="NAME", help="openai-compatible: the environment variable holding the key (required "
        "for custom)."
    ),
    select: Optional[List[str]] = typer.Option(
        None, metavar="RULE", help="Only apply these rules (repeatable; replaces the configured set)."
    ),
    ignore: Optional[List[str]] = typer.Option(
        None, metavar="RULE", help="Do not apply these rules (repeatable)."
    ),
    model: Optional[List[str]] = typer.Option(
        None, metavar="OLD=NEW", help="Map model OLD to NEW, over the built-in map (repeatable)."
    ),
    exclude: Optional[List[str]] = typer.Option(
        None, metavar="GLOB", help="Skip paths matching this gitignore-style pattern (repeatable)."
    ),
    no_gitignore: bool = typer.Option(False, "--no-gitignore", help="Do not honour .gitignore files."),
    jobs: Optional[int] = typer.Option(
        None, "--jobs", "-j", min=1, metavar="N", help="Worker processes (default: CPU count)."
    ),
    output_format: SummaryFormat = typer.Option(
        SummaryFormat.text, "--format", help="Summary format; json includes each file's diff."
    ),
    max_file_size: str = typer.Option(
        "1MB",
        metavar="SIZE",
        help="Skip larger files (500KB, 5MB; 0 = no limit; a notebook counts its code cells, the whole file up to "
        "32 times the limit). LibCST needs ~50 s and ~2 GB for a 5 MB module.",
    ),
) -> None:
    """Rewrite OpenAI SDK code for Mistral: print a diff (default), --write it, or --check."""
    from migrator.config import ConfigError
    from migrator.engine import Mode, parse_size, render_json, render_text, run, write_diffs
    from migrator.engine.settings import resolve_config

    if write and check:
        raise _usage_error("--write and --check cannot be used together")
    try:
        limit = parse_size(max_file_size)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--max-file-size") from None
    try:
        config = resolve_config(
            paths[0],
            target=target.value if target else None,
            provider=provider,
            base_url=base_url,
            api_key_env=api_key_env,
            select=select or (),
            ignore=ignore or (),
            models=model or (),
            exclude=exclude or (),
            no_gitignore=no_gitignore,
        )
    except ConfigError as exc:
        raise _usage_error(str(exc)) from None

    mode = Mode.WRITE if write else Mode.CHECK if check else Mode.DIFF
    try:
        report = run(paths, config=config, mode=mode, jobs=jobs, max_file_size=limit or None)
    except KeyboardInterrupt:
        typer.echo("migrator: interrupted", err=True)
        raise typer.Exit(130) from None

    _tolerant_stdout()
    try:
        if output_format is SummaryFormat.json:
            sys.stdout.write(render_json(report))
        else:
            from rich.console import Console

            if mode is not Mode.WRITE:
                write_diffs(report, sys.stdout, color=sys.stdout.isatty())
            render_text(report, Console(file=sys.stdout, highlight=False))
        sys.stdout.flush()
    except BrokenPipeError:  # `migrator convert . | head`: the reader has seen enough
        _silence_stdout()
    raise typer.Exit(report.exit_code)


class ScanFormat(str, Enum):
    table = "table"
    json = "json"
    sarif = "sarif"


# The console script runs plain invocations of this command without typer (migrator.launch): keep
# its options in step with migrator.engine.quickscan.plain_arguments.
@app.command()
def scan(
    paths: List[Path] = typer.Argument(
        ..., exists=True, metavar="PATH", help="Files and directories to scan.", show_default=False
    ),
    output_format: ScanFormat = typer.Option(
        ScanFormat.table, "--format", help="table (for people), json (the plan), or sarif (code scanning)."
    ),
    exclude: Optional[List[str]] = typer.Option(
        None, metavar="GLOB", help="Skip paths matching this gitignore-style pattern (repeatable)."
    ),
    no_gitignore: bool = typer.Option(False, "--no-gitignore", help="Do not honour .gitignore files."),
    max_file_size: str = typer.Option(
        "1MB", metavar="SIZE", help="Skip larger files (500KB, 5MB; 0 = no limit)."
    ),
    target: Optional[Target] = typer.Option(None, help="Plan for this target, as for convert (default: mistral)."),
    provider: Optional[str] = typer.Option(None, help="As for convert."),
    base_url: Optional[str] = typer.Option(None, metavar="URL", help="As for convert."),
    api_key_env: Optional[str] = typer.Option(None, metavar="NAME", help="As for convert."),
) -> None:
    """Inventory every OpenAI client and use (the conversion plan); changes nothing. Exit 0."""
    from migrator.config import ConfigError
    from migrator.engine.scan import emit
    from migrator.engine.scan import scan as scan_tree
    from migrator.engine.settings import resolve_config
    from migrator.engine.sizes import parse_size

    try:
        limit = parse_size(max_file_size)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--max-file-size") from None
    try:
        config = resolve_config(paths[0], exclude=exclude or (), no_gitignore=no_gitignore,
                                target=target.value if target else None, provider=provider, base_url=base_url,
                                api_key_env=api_key_env)
    except ConfigError as exc:
        raise _usage_error(str(exc), "scan") from None
    try:
        report = scan_tree(paths, config=config, max_file_size=limit or None)
    except KeyboardInterrupt:
        typer.echo("migrator: interrupted", err=True)
        raise typer.Exit(130) from None
    emit(report, output_format.value)


def _tolerant_stdout() -> None:
    """Code in any encoding can reach a terminal that cannot show it: escape, never crash."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(errors="backslashreplace")
        except (ValueError, OSError):
            pass


def _silence_stdout() -> None:
    # Point stdout at devnull so the interpreter's final flush does not raise again.
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


@app.command()
def rules(
    output_format: RulesFormat = typer.Option(RulesFormat.text, "--format", help="Output format."),
) -> None:
    """List every rule: code, what it converts, fix safety, before/after."""
    try:
        from migrator.rules import describe_rules
    except ImportError as exc:
        typer.echo(f"migrator: the rule registry is not available ({exc})", err=True)
        raise typer.Exit(1) from None
    described = describe_rules()
    if output_format is RulesFormat.json:
        typer.echo(json.dumps(described, indent=2, ensure_ascii=False))
    elif output_format is RulesFormat.markdown:
        typer.echo(_rules_markdown(described))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title="migrator rules", caption="targets: mistral (mistralai SDK), openai-compatible "
                      "(openai SDK kept); `--format markdown` for each rule's details")
        for column in ("code", "name", "fix safety", "converts", "targets"):
            table.add_column(column)
        for rule in described:
            table.add_row(str(rule["code"]), str(rule["name"]), str(rule["safety"]), str(rule["summary"]),
                          "both" if "," in str(rule["targets"]) else f"{rule['targets']} only")
        Console(file=sys.stdout).print(table)


def _rules_markdown(described: list[dict]) -> str:
    parts = ["# migrator rules", ""]
    for rule in described:
        parts += [
            f"## {rule['code']}: {rule['name']}",
            "",
            str(rule["summary"]),
            "",
            f"**Fix safety:** {rule['safety']}",
            "",
            f"**Targets:** {rule['targets']}",
            "",
        ]
        if rule.get("doc"):
            parts += [str(rule["doc"]).strip(), ""]
        for label, key in (("Before", "before"), ("After", "after")):
            if rule.get(key):
                parts += [f"**{label}:**", "", f"```{rule.get('language', 'python')}", str(rule[key]).strip("\n"),
                          "```", ""]
    return "\n".join(parts).rstrip() + "\n"


def _mount_subcommands() -> None:
    from migrator.parity.cli import parity_app

    app.add_typer(parity_app, name="parity")


_mount_subcommands()


class Forge(str, Enum):
    github = "github"
    gitlab = "gitlab"


@app.command()
def pr(
    path: Path = typer.Argument(..., exists=True, metavar="PATH", help="What to convert (inside a git repository)."),
    forge: Optional[Forge] = typer.Option(None, help="github or gitlab (default: guessed from the remote URL, else github)."),
    repo: Optional[str] = typer.Option(None, metavar="OWNER/NAME", help="Repository on the forge (default: from the remote URL)."),
    remote: str = typer.Option("origin", help="Git remote to fetch from and push to."),
    base: Optional[str] = typer.Option(None, help="Base branch (default: the remote's default branch)."),
    branch: str = typer.Option("migrator/openai-to-mistral", help="The bot's branch (created or reset from the base)."),
    api_url: Optional[str] = typer.Option(None, metavar="URL", help="API base URL (GitHub Enterprise: https://HOST/api/v3)."),
    draft: bool = typer.Option(False, "--draft", help="Open the PR as a draft."),
    label: Optional[List[str]] = typer.Option(None, metavar="LABEL", help="Label to add (repeatable)."),
    parity: Optional[Path] = typer.Option(None, metavar="DIR", help="A `migrator parity run` --out directory to summarise."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the branch, commit, title and body; touch nothing."),
    author: Optional[str] = typer.Option(None, metavar="'NAME <EMAIL>'", help="Commit author (default: migrator)."),
    target: Optional[Target] = typer.Option(None, help="As for convert."),
    provider: Optional[str] = typer.Option(None, help="As for convert."),
    base_url: Optional[str] = typer.Option(None, metavar="URL", help="As for convert."),
    api_key_env: Optional[str] = typer.Option(None, metavar="NAME", help="As for convert."),
    select: Optional[List[str]] = typer.Option(None, metavar="RULE", help="As for convert."),
    ignore: Optional[List[str]] = typer.Option(None, metavar="RULE", help="As for convert."),
    model: Optional[List[str]] = typer.Option(None, metavar="OLD=NEW", help="As for convert."),
    exclude: Optional[List[str]] = typer.Option(None, metavar="GLOB", help="As for convert."),
    no_gitignore: bool = typer.Option(False, "--no-gitignore", help="As for convert."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, metavar="N", help="As for convert."),
    max_file_size: str = typer.Option("1MB", metavar="SIZE", help="As for convert."),
) -> None:
    """Open or update a pull request (GitHub) / merge request (GitLab) holding the conversion.

    Exit codes: 0 done or nothing to do, 2 usage error, 4 the forge or git refused, 5 dirty worktree.
    """
    from migrator.prbot import ConvertArgs, PrError, PrOptions, open_or_update

    options = PrOptions(
        path=path, forge=forge.value if forge else None, repo=repo, remote=remote, base=base,
        branch=branch, api_url=api_url, draft=draft, labels=tuple(label or ()), parity=parity,
        dry_run=dry_run, author=author,
        convert=ConvertArgs(
            target=target.value if target else None, provider=provider, base_url=base_url,
            api_key_env=api_key_env, select=tuple(select or ()), ignore=tuple(ignore or ()),
            model=tuple(model or ()), exclude=tuple(exclude or ()), no_gitignore=no_gitignore,
            jobs=jobs, max_file_size=max_file_size,
        ),
    )
    try:
        outcome = open_or_update(options, say=typer.echo)
    except PrError as exc:
        if exc.exit_code == 2:
            raise _usage_error(str(exc), "pr") from None
        typer.secho(f"migrator pr: {exc}", err=True, fg=typer.colors.RED)
        raise typer.Exit(exc.exit_code) from None
    raise typer.Exit(outcome.exit_code)
