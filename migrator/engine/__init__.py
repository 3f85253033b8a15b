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
"""

from migrator.engine.diff import unified_diff
from migrator.engine.discovery import SourceFile, discover
from migrator.engine.files import Transform, format_size
from migrator.engine.results import Changed, Failed, FileResult, Finding, FindingKind, RuleOutcome, Skipped, Unchanged
from migrator.engine.runner import DEFAULT_MAX_FILE_SIZE, Mode, Report, run
from migrator.engine.sizes import parse_size
from migrator.engine.summary import SUMMARY_VERSION, render_json, render_text, summarize, write_diffs

__all__ = [
    "Changed", "DEFAULT_MAX_FILE_SIZE", "Failed", "FileResult", "Finding", "FindingKind", "Mode", "Report",
    "RuleOutcome", "SUMMARY_VERSION", "Skipped", "SourceFile", "Transform", "Unchanged", "discover",
    "format_size", "parse_size", "render_json", "render_text", "run", "summarize", "unified_diff",
    "write_diffs",
]
