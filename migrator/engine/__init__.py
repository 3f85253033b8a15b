"""The conversion engine: discover -> prefilter -> parse -> rules -> result -> diff/write.

Public API::

    run(paths, *, config, mode, jobs, max_file_size, transform, progress) -> Report
    summarize(report) -> dict          # the --format json document
    render_json(report) -> str
    render_text(report, console)       # rich
    write_diffs(report, out, color=)   # unified diffs
    unified_diff(changed) -> str
    discover(paths, *, exclude, respect_gitignore) -> Iterator[SourceFile | Skipped | Failed]
    parse_size("1MB") -> int

Nothing here imports LibCST: the rules load on first use, so a run that parses nothing stays fast.
The names below are resolved on first access (PEP 562), so that importing one submodule (as
``migrator scan`` does with ``discovery`` and ``files``) does not import the process pool, difflib
and the summary as well.
"""

from importlib import import_module

_EXPORTS = {
    "unified_diff": "diff",
    "SourceFile": "discovery", "discover": "discovery",
    "Transform": "files", "format_size": "files",
    "Changed": "results", "Failed": "results", "FileResult": "results", "Finding": "results",
    "FindingKind": "results", "RuleOutcome": "results", "Skipped": "results", "Unchanged": "results",
    "DEFAULT_MAX_FILE_SIZE": "runner", "Mode": "runner", "Report": "runner", "run": "runner",
    "parse_size": "sizes",
    "SUMMARY_VERSION": "summary", "render_json": "summary", "render_text": "summary",
    "summarize": "summary", "write_diffs": "summary",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
