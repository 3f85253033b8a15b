"""``migrator scan``: the conversion plan of a tree, printed; nothing is parsed by LibCST or rewritten.

Discovery, the prefilter and ``[tool.migrator]`` are convert's (``discover``, ``files.load``): the
same files are seen, and only those that mention openai are read as code. The plan itself is built
with ``ast`` (``migrator.plan.build``). The builder, the mapping tables it reads, rich and the rule
registry (which imports LibCST) are imported only once such a file has been found, so scanning a
tree without OpenAI usage costs little more than reading it.

JSON shape (``--format json``): the plan's own ``to_dict`` (``version``, ``clients``, ``uses``,
``wrappers`` -- LangChain's / LlamaIndex's OpenAI objects, with their decision and rule --, ``counts``, which count
those objects with the clients; paths relative to ``root``) plus

    root      the scanned root: the common directory of the paths given (absolute)
    files     {seen, candidates, parsed, failed, skipped}  -- candidates mention openai
    failed    [{path, reason}]  -- unreadable, undecodable, unparsable files
    skipped   [{path, reason}]  -- e.g. over --max-file-size, symlinks; files that never mention
                                   openai are only counted (files.seen - files.candidates)
"""

from __future__ import annotations

import json
import os
import sys

from migrator.engine.quickscan import FORMATS, NO_USAGE, counts_line, scan_root

# Imported for the type checker only: a scan of a tree without OpenAI usage prints its json / sarif
# from here, and typing + dataclasses + pathlib were a third of that (issue 7: within 3x grep).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Iterable, Optional

    from migrator.config import Config
    from migrator.engine.files import LoadedFile
    from migrator.engine.results import Failed, Skipped

__all__ = ["FORMATS", "ScanReport", "emit", "render", "scan", "scan_dict", "sarif_dict"]
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
CLIENT_RULE = "MIG101"  # a kept client's finding: the constructor rule owns the client's TODO
FALLBACK_RULE = "MIG106"  # a use no rule converts yet
SRCROOT = "SRCROOT"


class ScanReport:
    """What ``scan`` found. ``plan`` is None when no file mentions openai.

    ``failed`` / ``skipped`` (besides the files that never mention openai) are tuples of the engine's
    ``Failed`` / ``Skipped``; ``plan`` is the ``ConversionPlan`` built over absolute paths, ``display``
    maps an absolute path to the path as the engine shows it (relative to the cwd). A plain class, not
    a dataclass: see the imports."""

    __slots__ = ("root", "seen", "candidates", "parsed", "failed", "skipped", "plan", "display", "target")

    def __init__(self, root: str, seen: int, candidates: int, parsed: int, failed: tuple[Failed, ...],
                 skipped: tuple[Skipped, ...], plan: Any = None, display: Any = None, target: str = "") -> None:
        self.root, self.seen, self.candidates, self.parsed = root, seen, candidates, parsed
        self.failed, self.skipped, self.plan, self.display = failed, skipped, plan, display
        self.target = target  # "" for the mistral target, else where openai-compatible sends the traffic

    def relative(self, path: str) -> str:
        if not os.path.isabs(path):
            path = os.path.abspath(path)
        try:
            return os.path.relpath(path, self.root).replace(os.sep, "/")
        except ValueError:  # another drive
            return path


def scan(
    paths: Iterable[str | os.PathLike[str]],
    *,
    config: Optional[Config] = None,
    max_file_size: Optional[int] = None,
) -> ScanReport:
    """Discover and prefilter like ``convert``, then build the plan over the candidate files."""
    from migrator.config import Config
    from migrator.engine.discovery import SourceFile, discover
    from migrator.engine.files import NO_OPENAI_REASON, LoadedFile, load
    from migrator.engine.results import Failed
    from migrator.engine.walk import DEPLOY, ENV_FILE, MANIFEST_KINDS, NOTEBOOK, PYTHON, PYTHON_ONLY, file_kind

    settings_kinds = frozenset({ENV_FILE, DEPLOY})

    config = config if config is not None else Config()
    paths = [os.fspath(path) for path in paths]
    seen = 0
    failed: list[Failed] = []
    skipped: list[Skipped] = []
    loaded: list[LoadedFile] = []
    settings: list[LoadedFile] = []  # example env and deploy files: the base URL they give the SDK
    manifests: list[LoadedFile] = []  # dependency files: a pin may keep LangChain's / LlamaIndex's objects on OpenAI
    others: list[SourceFile] = []  # modules without openai: the plan may read them (engine.companions)
    for item in discover(paths, exclude=config.exclude, respect_gitignore=config.respect_gitignore,
                         kinds=PYTHON_ONLY | {NOTEBOOK} | settings_kinds | MANIFEST_KINDS):
        if file_kind(item.path) in settings_kinds | MANIFEST_KINDS:  # read for the plan only, as convert's reads them
            manifest = file_kind(item.path) in MANIFEST_KINDS
            found = load(item, max_file_size=max_file_size, prefilter=not manifest) \
                if isinstance(item, SourceFile) else None
            if isinstance(found, LoadedFile):
                (manifests if manifest else settings).append(found)
            continue
        seen += 1
        source = item
        if isinstance(item, SourceFile):
            item = load(item, max_file_size=max_file_size)
        if isinstance(item, LoadedFile):
            loaded.append(item)
        elif isinstance(item, Failed):
            failed.append(item)
        elif item.reason != NO_OPENAI_REASON:
            skipped.append(item)
        elif isinstance(source, SourceFile) and source.kind == PYTHON:
            others.append(source)
    root = scan_root(paths)
    if not loaded:
        return ScanReport(root, seen, 0, 0, tuple(failed), tuple(skipped))

    sources: list[tuple[str, str]] = []
    display: dict[str, str] = {}
    notebooks: dict[str, str] = {}  # absolute path -> text: the plan reads their code cells as one module
    for item in loaded:
        path = item.source.path
        problem, code = _readable_code(item)
        if problem:
            failed.append(Failed(path, problem))
            continue
        absolute = os.path.abspath(path)
        if item.source.kind == NOTEBOOK:
            if code is None:  # another kernel language: convert leaves it alone too
                continue
            notebooks[absolute], code = code
        display[absolute] = path
        sources.append((absolute, code))
    from migrator.engine.companions import UnreadModules, companions, exported_names, importers, test_exported_names
    from migrator.plan.build import is_test_path
    from dataclasses import replace

    from migrator.engine.runner import env_base_urls, package_root, wrapper_config
    from migrator.plan import build_plan

    urls = {(*key[:-1], os.path.abspath(key[-1])) if isinstance(key, tuple) else os.path.abspath(key): url
            for key, url in env_base_urls(settings).items()}
    # what keeps LangChain's / LlamaIndex's objects on OpenAI, as convert reads it (held-out review 88, Y9)
    config = wrapper_config(config, loaded, manifests, others, max_file_size)
    config = replace(config, langchain_blocker=_absolute(config.langchain_blocker),  # (the plan's paths are absolute)
                     llamaindex_blocker=tuple(map(_absolute, config.llamaindex_blocker)))
    cache: dict = {}  # the unread modules' bytes, read once for both rounds

    def planned(sources: list, failed_plans: list) -> Any:
        extra: list = []  # what convert's plan reads besides (engine.companions), the same way
        more = companions(sources, others, max_file_size)
        for _round in range(2):  # then once more with the modules importing its clients, if there are any
            for item in more:
                problem, code = _readable_code(item)
                if not problem:
                    extra.append((os.path.abspath(item.source.path), code))
            read = {path for path, _ in extra}
            unread = UnreadModules([s.real_path for s in others if os.path.abspath(s.path) not in read], max_file_size,
                                   cache)
            if failed_plans:  # (as convert reads them: a client they import stays on OpenAI; engine.runner._with_plan)
                unread = unread.with_unparsed(failed_plans, failed=True)
            plan = build_plan(sources + extra, package_root(root), endpoint=config.endpoint(), env_base_urls=urls,
                              unread=unread, models=config.models(), langchain_blocker=config.langchain_blocker,
                              llamaindex_blocker=config.llamaindex_blocker,
                              langchain_imported=config.langchain_imported,
                              langchain_reexports=config.langchain_reexports)
            if _round:
                break
            unread_items = [s for s in others if os.path.abspath(s.path) not in read]
            more = importers(exported_names(plan, sources), unread_items, max_file_size, unread)
            taken = {item.source.path for item in more}
            more += importers(test_exported_names(plan, sources),  # (as the conversion reads them: engine.runner)
                              [s for s in unread_items if s.path not in taken and is_test_path(s.path)],
                              max_file_size, unread)
            if not more:
                break
        return plan

    try:
        plan = planned(sources, [])
    except Exception as exc:  # noqa: BLE001 - a bug in the plan (PlanTooComplex, ...): reported as convert does
        # the files whose own plan fails are left out, and the others planned again (engine.runner._with_plan)
        from migrator.engine.runner import plan_culprits

        detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        culprits = plan_culprits([(path, [(path, code)]) for path, code in sources])
        rest = [(path, code) for path, code in sources if path not in culprits]
        try:
            if not culprits or not rest:
                raise exc
            plan = planned(rest, [(path, code) for path, code in sources if path in culprits])
        except Exception:  # noqa: BLE001 - not one file's: nothing is planned
            reported = {failure.path for failure in failed}
            failed.extend(Failed(item.source.path, f"internal error in the conversion plan: {detail}; nothing was "
                                                   "planned") for item in loaded if item.source.path not in reported)
            failed.sort(key=lambda failure: failure.path)
            return ScanReport(root, seen, len(loaded), len(sources), tuple(failed), tuple(skipped))
        failed.extend(Failed(display.get(path, path), f"internal error in the conversion plan: {why}; left out, the "
                                                      "other files were planned") for path, why in culprits.items())
    failed.sort(key=lambda failure: failure.path)
    endpoint = config.endpoint()
    target = f"openai-compatible: the openai SDK pointed at {endpoint.spec.name} ({endpoint.base_url})" \
        if endpoint is not None else ""
    if notebooks:
        from migrator.engine.notebooks import plan_lines

        plan = plan.relocated(plan_lines(notebooks))
    return ScanReport(root, seen, len(loaded), len(sources), tuple(failed), tuple(skipped), plan, display, target)


def _absolute(blockers: Any) -> Any:
    """A manifest's blockers (``((manifest path, why), ...)``, migrator.plan.langchain.blocker_for) with absolute
    paths, as the plan's modules are given here; one reason for every module (a string) as it is."""
    return blockers if isinstance(blockers, str) else tuple((os.path.abspath(m), why) for m, why in blockers)


def _readable_code(item: LoadedFile) -> tuple[str, Any]:
    """("", code) for a file the plan can read, else (the reason it cannot, ""). A notebook's code is
    (its text, its code cells as one module), or None for a notebook in another kernel language."""

    from migrator.engine.files import decode

    nul = item.data.find(b"\0")
    if nul >= 0:
        return f"file contains a NUL byte (at byte {nul})", ""
    try:
        code = decode(item.data)[0]
    except Exception as exc:  # noqa: BLE001 - files._Problem carries the phrased reason
        return str(exc) or type(exc).__name__, ""
    from migrator.engine.walk import NOTEBOOK

    if item.source.kind == NOTEBOOK:
        from migrator.engine.notebooks import NotebookError, read_notebook

        try:  # the checks convert's own reading makes (transform_notebook), with its reasons
            notebook = read_notebook(code)
        except NotebookError as exc:
            return str(exc), ""
        except (ValueError, RecursionError):
            return "not a notebook: invalid JSON", ""
        return "", (code, notebook.module) if notebook.python and notebook.cells else None
    try:
        from migrator.plan.source import parse_python

        parse_python(code, item.source.path)  # this interpreter's grammar, or masked newer f-strings
    except SyntaxError as exc:
        return f"syntax error at line {exc.lineno}, column {exc.offset}: {exc.msg}", ""
    except (ValueError, RecursionError, MemoryError) as exc:
        return f"cannot parse: {type(exc).__name__}", ""
    return "", code


# -- JSON -----------------------------------------------------------------------------------------


def _empty_plan_dict() -> dict:
    from migrator.plan.model import ConversionPlan

    return ConversionPlan().to_dict()


def scan_dict(report: ScanReport) -> dict[str, Any]:
    """The ``--format json`` document (module docstring)."""
    data = report.plan.to_dict(report.root) if report.plan is not None else _empty_plan_dict()
    data["root"] = report.root
    data["files"] = {
        "seen": report.seen,
        "candidates": report.candidates,
        "parsed": report.parsed,
        "failed": len(report.failed),
        "skipped": len(report.skipped),
    }
    data["failed"] = [{"path": report.relative(f.path), "reason": f.reason} for f in report.failed]
    data["skipped"] = [{"path": report.relative(s.path), "reason": s.reason} for s in report.skipped]
    return data


def render_json(report: ScanReport) -> str:
    return json.dumps(scan_dict(report), indent=2, ensure_ascii=False) + "\n"


# -- SARIF ----------------------------------------------------------------------------------------


def _sarif_rules() -> list[dict[str, Any]]:
    from migrator.rules import describe_rules

    rules = []
    for rule in describe_rules():
        entry: dict[str, Any] = {
            "id": str(rule["code"]),
            "name": str(rule["name"]),
            "shortDescription": {"text": str(rule["summary"])},
            "properties": {"fixSafety": str(rule["safety"])},
        }
        if rule.get("doc"):
            entry["fullDescription"] = {"text": str(rule["doc"])}
            entry["help"] = {"text": str(rule["doc"])}
        rules.append(entry)
    return rules


def _sarif_result(rule_id: str, level: str, text: str, uri: str, line: int, rule_index: dict) -> dict:
    result: dict[str, Any] = {
        "ruleId": rule_id,
        "level": level,
        "message": {"text": text},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": uri, "uriBaseId": SRCROOT},
                "region": {"startLine": max(line, 1)},
            }
        }],
    }
    if rule_id in rule_index:
        result["ruleIndex"] = rule_index[rule_id]
    return result


def sarif_dict(report: ScanReport) -> dict[str, Any]:
    """SARIF 2.1.0: one result per kept client (MIG101, warning), per use left with a TODO
    (warning) and per use that stays on OpenAI with its client (note). URIs are relative to the
    scanned root (``%SRCROOT%``); scan the repository root for GitHub code scanning."""
    from migrator import __version__

    plan = report.plan
    rules = _sarif_rules() if plan is not None else []
    rule_index = {rule["id"]: index for index, rule in enumerate(rules)}
    results = []
    if plan is not None:
        findings = []
        for client in plan.clients:
            if client.decision != "keep":
                continue
            text = f"OpenAI client `{client.name}` ({client.kind}) stays on OpenAI: {client.reason}"
            if client.blockers:
                text += "; blocking uses: " + "; ".join(_relative_blocker(report, b) for b in client.blockers)
            findings.append((client.path, client.line, CLIENT_RULE, "warning", text))
        for path, line, name, kind, decision, reason, rule in plan.wrapper_objects:
            if decision == "keep":  # (a LangChain / LlamaIndex object kept on OpenAI: its rule's TODO)
                findings.append((path, line, rule, "warning", f"{kind} `{name}` stays on OpenAI: {reason}"))
        for use in plan.uses:
            if use.status not in ("todo", "keep"):
                continue
            text = f"{use.surface}: " + (use.detail or ("no rule converts it yet" if use.status == "todo"
                                                         else "stays on OpenAI with its client"))
            level = "warning" if use.status == "todo" else "note"
            findings.append((use.path, use.line, use.rule or FALLBACK_RULE, level, text))
        for path, line, rule_id, level, text in sorted(findings, key=lambda f: (f[0], f[1], f[2])):
            results.append(_sarif_result(rule_id, level, text, report.relative(path), line, rule_index))
    root_uri = "file://" + _uri_path(report.root).rstrip("/") + "/"
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "migrator",
                "version": __version__,
                "informationUri": "https://github.com/OWNER/migrator",
                "rules": rules,
            }},
            "originalUriBaseIds": {SRCROOT: {"uri": root_uri}},
            "results": results,
            "invocations": [{
                "executionSuccessful": True,
                "toolExecutionNotifications": [
                    {"level": "error", "message": {"text": f"{report.relative(f.path)}: {f.reason}"}}
                    for f in report.failed
                ],
            }],
        }],
    }


_URI_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~/")


def _uri_path(path: str) -> str:
    """``/abs/my dir`` -> ``/abs/my%20dir``: the path part of its file URI, as ``Path.as_uri`` writes
    it (pathlib and urllib cost more than the scan of a tree without OpenAI usage)."""
    path = path.replace(os.sep, "/")
    if not path.startswith("/"):  # C:/x on Windows: file:///C:/x
        path = "/" + path
    return "".join(chr(b) if b in _URI_SAFE or (b == 58 and i == 2) else f"%{b:02X}"
                   for i, b in enumerate(os.fsencode(path)))


def _relative_blocker(report: ScanReport, text: str) -> str:
    head, sep, rest = text.partition(":")
    return report.relative(head) + sep + rest if sep and os.path.isabs(head) else text


def render_sarif(report: ScanReport) -> str:
    return json.dumps(sarif_dict(report), indent=2, ensure_ascii=False) + "\n"


# -- table ----------------------------------------------------------------------------------------


def _counts_line(report: ScanReport) -> str:
    return counts_line(report.seen, report.candidates, report.parsed, len(report.failed), len(report.skipped))


def render_table(report: ScanReport, out: Any) -> None:
    """Human output on a text stream: per client its decision, per use its surface, rule, status."""
    if report.plan is None and not report.failed and not report.skipped:
        # Nothing to tabulate: say so without loading rich.
        out.write(f"{_counts_line(report)}\n{NO_USAGE}\n")
        return
    import os

    from rich.console import Console

    # piped or written to a file (a CI log): rich would lay the tables out in 80 columns and cut the rule and status
    # columns to "MIG…" / "conve…" (held-out review 88, X13); COLUMNS still rules where it is set
    tty = hasattr(out, "isatty") and out.isatty()
    width = None if tty or os.environ.get("COLUMNS") else 200
    _rich_table(report, Console(file=out, highlight=False, width=width))


def _rich_table(report: ScanReport, console: Any) -> None:
    from rich.table import Table
    from rich.text import Text

    plan = report.plan
    shown = (report.display or {}).get

    def where(path: str, line: int) -> str:
        return f"{shown(path, path)}:{line}"

    def say(*parts: str | tuple[str, str]) -> None:
        console.print(Text.assemble(*parts), soft_wrap=True, highlight=False)

    styles = {"convert": "green", "keep": "yellow", "todo": "yellow", "other-provider": "cyan",
              "unresolved": "magenta"}
    if plan is not None and (plan.clients or plan.wrapper_others or plan.wrapper_objects):
        table = Table(title="Clients", title_justify="left", show_lines=False)
        for column in ("client", "name", "kind", "provider", "decision"):
            table.add_column(column, no_wrap=True)
        table.add_column("reason", overflow="fold", ratio=1)
        for client in plan.clients:
            reason = client.reason
            if client.blockers:
                reason += "; blocking: " + "; ".join(
                    _display_blocker(report, blocker) for blocker in client.blockers)
            table.add_row(where(client.path, client.line), client.name, client.kind, client.provider,
                          Text(client.decision, style=styles.get(client.decision, "")), Text(reason))
        for path, line, name, reason in plan.wrapper_others:  # LangChain / LlamaIndex objects on another provider
            kind, _, provider = reason.partition(" pointed at ")
            table.add_row(where(path, line), name, kind, provider,
                          Text("other-provider", style=styles["other-provider"]), Text(reason))
        for path, line, name, kind, decision, reason, rule in plan.wrapper_objects:  # the others (held-out 88, Y9)
            table.add_row(where(path, line), name, kind, "openai", Text(decision, style=styles.get(decision, "")),
                          Text(f"{rule}: {reason}"))
        console.print(table)
    if plan is not None and plan.uses:
        table = Table(title="Uses", title_justify="left")
        for column in ("use", "surface", "rule", "status"):
            table.add_column(column, no_wrap=True)
        table.add_column("detail", overflow="fold", ratio=1)
        for use in plan.uses:
            table.add_row(where(use.path, use.line), Text(use.surface), use.rule or "-",
                          Text(use.status, style=styles.get(use.status, "")), Text(use.detail))
        console.print(table)
    say(("Files: ", "bold"), _counts_line(report)[len("Files: "):])
    if report.target:
        say(("Target: ", "bold"), report.target)
    if plan is not None:
        counts = plan.counts()
        receivers = plan.receivers()
        say(("Clients: ", "bold"), ", ".join(f"{n} {decision}" for decision, n in counts.items())
            + (f" ({receivers} parameter{'s' if receivers != 1 else ''} handed them)" if receivers else ""))
        statuses: dict[str, int] = {"convert": 0, "todo": 0, "keep": 0, "other-provider": 0}
        for use in plan.uses:
            statuses[use.status] = statuses.get(use.status, 0) + 1
        say(("Uses: ", "bold"), ", ".join(f"{n} {status}" for status, n in statuses.items()))
    elif report.failed:  # (the files naming openai failed: "No OpenAI usage found" would say they hold none)
        say("No OpenAI usage could be read: see the failures below.")
    else:
        say(NO_USAGE)
    if report.failed:
        say((f"Failed ({len(report.failed)}):", "bold red"))
        for failure in report.failed:
            say(f"  {failure.path}: ", (failure.reason, "red"))
    if report.skipped:
        say((f"Skipped ({len(report.skipped)}, besides files that never mention openai):", "bold"))
        for skip in report.skipped:
            say(f"  {skip.path}: {skip.reason}")


def _display_blocker(report: ScanReport, text: str) -> str:
    """``/abs/app.py:15 embeddings.create: why`` -> ``app.py:15 embeddings.create`` (the why is
    in the use's own row)."""
    head, sep, rest = text.partition(":")
    if not sep:
        return text
    return (report.display or {}).get(head, head) + sep + rest.split(": ", 1)[0]


def render(report: ScanReport, output_format: str, out: Any) -> None:
    """Write the report to ``out`` in ``table``, ``json`` or ``sarif`` format."""
    if output_format == "json":
        out.write(render_json(report))
    elif output_format == "sarif":
        out.write(render_sarif(report))
    else:
        render_table(report, out)


def emit(report: ScanReport, output_format: str) -> None:
    """Write the report on stdout; a terminal that cannot show a character gets an escape, and a
    reader that stops early (``| head``) ends the output quietly."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(errors="backslashreplace")
        except (ValueError, OSError):
            pass
    try:
        render(report, output_format, sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        quiet_stdout()


def quiet_stdout() -> None:
    """After a reader stopped early: point stdout at devnull so the interpreter's final flush does
    not raise again."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


# -- the console script's path (migrator.engine.quickscan) ------------------------------------------


def full_command(options: dict[str, Any]) -> Optional[int]:
    """``migrator scan`` with ``quickscan.plain_arguments``' options, once the quick count could
    not answer; None for a value only typer reports properly (a bad size, config or pattern)."""
    from pathlib import Path

    from migrator.config import ConfigError
    from migrator.engine.settings import resolve_config
    from migrator.engine.sizes import parse_size

    try:
        limit = parse_size(options["max_file_size"])
        config = resolve_config(Path(options["paths"][0]), exclude=options["exclude"],
                                no_gitignore=options["no_gitignore"])
    except (ValueError, ConfigError):  # ConfigError is a ValueError
        return None
    try:
        report = scan(options["paths"], config=config, max_file_size=limit or None)
    except KeyboardInterrupt:
        sys.stderr.write("migrator: interrupted\n")
        return 130
    emit(report, options["format"])
    return 0
