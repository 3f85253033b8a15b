"""`migrator parity ...`: record, run, report (thin: the logic lives in migrator.parity modules)."""

from __future__ import annotations

import asyncio
import signal
import threading
from pathlib import Path
from typing import Any, Callable, List, Optional

import typer

parity_app = typer.Typer(
    name="parity",
    help="Replay recorded prompts against the old and the new model, compare, report, gate.",
    no_args_is_help=True,
)


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.secho(f"Error: {message}", err=True, fg=typer.colors.RED)
    return typer.Exit(code)


def _model_map(pairs: List[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        old, sep, new = pair.partition("=")
        if not sep or not old or not new:
            raise _fail(f"--model takes OLD=NEW, got {pair!r}")
        out[old.strip()] = new.strip()
    return out


def _compare_function() -> Optional[Callable[..., Any]]:
    """Helper B's compare_sample, or None when it is not installed yet (results stay uncompared
    and the report compares them)."""
    try:
        from migrator.parity.compare import compare_sample
    except ImportError:
        return None
    return compare_sample


def _check_fail_on(fail_on: Optional[str]) -> None:
    """A bad --fail-on is a usage error before any work is done."""
    if fail_on is None:
        return
    try:
        from migrator.parity.report import FailOnError, parse_fail_on
    except ImportError:
        return
    try:
        parse_fail_on(fail_on)
    except FailOnError as exc:
        raise _fail(str(exc)) from None


def _gate(out_dir: Path, fail_on: Optional[str]) -> int:
    """Reports from results.jsonl (comparing what is not compared yet) and the gate's exit code."""
    try:
        from migrator.parity.report import FailOnError, report_dir
    except ImportError:
        typer.secho("Reports are not available in this build (migrator.parity.report missing); "
                    f"results are in {out_dir / 'results.jsonl'}.", err=True, fg=typer.colors.YELLOW)
        return 0
    try:
        outcome = report_dir(out_dir, fail_on=fail_on)
    except FileNotFoundError as exc:
        raise _fail(str(exc)) from None
    except FailOnError as exc:
        raise _fail(str(exc)) from None
    typer.echo(f"reports: {out_dir / 'report.html'}, report.md, report.json, junit.xml")
    typer.echo(outcome.message)
    return int(outcome.exit_code)


@parity_app.command()
def record(
    out: Path = typer.Option(..., "--out", metavar="FILE", help="Recordings file (JSONL) to append to."),
    listen: Optional[str] = typer.Option(
        None, metavar="HOST:PORT", help="Run the recording proxy here (point OPENAI_BASE_URL at "
                                        "http://HOST:PORT/v1). Port 0 picks a free one."),
    upstream: str = typer.Option("https://api.openai.com", metavar="URL",
                                 help="Where the proxy forwards to."),
    import_: Optional[List[Path]] = typer.Option(
        None, "--import", exists=True, metavar="PATH",
        help="Import OpenAI Batch input JSONL, VCR cassettes (YAML) or native JSONL (repeatable)."),
    batch_output: Optional[Path] = typer.Option(
        None, exists=True, metavar="FILE", help="The Batch API output JSONL matching --import."),
    scrub: Optional[List[str]] = typer.Option(
        None, metavar="REGEX", help="Also scrub text matching this regex (repeatable)."),
) -> None:
    """Capture OpenAI traffic as recordings (proxy), or import Batch JSONL / VCR cassettes.

    Authorization / api-key headers, sk-… keys, Bearer tokens, secret-looking environment values
    and --scrub patterns are replaced by [REDACTED] before anything is written.
    """
    from migrator.parity.recordings import Scrubber, import_recordings

    scrubber = Scrubber(scrub or ())
    if bool(listen) == bool(import_):
        raise _fail("give either --listen HOST:PORT (proxy) or --import PATH")
    if import_:
        stats = import_recordings(import_, out, scrubber=scrubber, batch_output=batch_output,
                                  on_error=lambda e: typer.secho(f"skipped {e}", err=True,
                                                                 fg=typer.colors.YELLOW))
        typer.echo(f"{stats.loaded} recording(s) written to {out}; {stats.invalid} malformed, "
                   f"{stats.skipped} not for OpenAI chat/embeddings/responses")
        return
    from migrator.parity.proxy import RecordingProxy

    host, _, port = (listen or "").rpartition(":")
    if not host or not port.isdigit():
        raise _fail("--listen takes HOST:PORT, e.g. 127.0.0.1:8899")
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    signal.signal(signal.SIGINT, lambda *_: stopped.set())
    with RecordingProxy(upstream, out, host=host, port=int(port), scrubber=scrubber) as proxy:
        typer.echo(f"recording proxy on {proxy.url} -> {upstream}; "
                   f"set OPENAI_BASE_URL={proxy.url}/v1", err=False)
        while not stopped.wait(0.2):
            pass
        typer.echo(f"{proxy.recorded} exchange(s) recorded to {out}")


@parity_app.command()
def run(
    recordings: List[Path] = typer.Argument(..., exists=True, metavar="RECORDINGS",
                                            help="Native JSONL, Batch JSONL, VCR cassettes, or dirs."),
    out: Path = typer.Option(Path("parity-run"), "--out", metavar="DIR",
                             help="Run directory: results.jsonl and reports (resumed if present)."),
    candidate: str = typer.Option(
        "mistral", metavar="SPEC",
        help="mistral[:MODEL] (default: each recording's model mapped) or "
             "openai-compatible:PROVIDER:MODEL (mistral, scaleway, ovhcloud, vllm, custom)."),
    baseline: str = typer.Option("recorded", metavar="SPEC",
                                 help="recorded (the recorded response) or openai[:MODEL] (live)."),
    candidate_url: Optional[str] = typer.Option(None, metavar="URL", help="Candidate endpoint."),
    baseline_url: Optional[str] = typer.Option(None, metavar="URL", help="Baseline endpoint."),
    model: Optional[List[str]] = typer.Option(None, metavar="OLD=NEW",
                                              help="Model map override (repeatable)."),
    concurrency: int = typer.Option(8, min=1, help="Requests in flight (both sides together)."),
    rps: Optional[float] = typer.Option(None, min=0.001, help="Requests per second, per provider."),
    tpm: Optional[float] = typer.Option(None, min=1, help="Tokens per minute, per provider."),
    retries: int = typer.Option(5, min=0, help="Retries per request (429, 5xx, timeouts, resets)."),
    timeout: float = typer.Option(120.0, min=0.01, help="Seconds per request attempt."),
    cache: Optional[Path] = typer.Option(None, metavar="DIR", help="Reply cache directory."),
    via_batch: bool = typer.Option(False, "--via-batch",
                                   help="Send the candidate side through the Mistral Batch API."),
    poll_interval: float = typer.Option(5.0, min=0.01, help="--via-batch: seconds between polls."),
    fail_on: Optional[str] = typer.Option(None, metavar="GATE",
                                          help="Gate passed to the report (exit 1 when over it)."),
    scrub: Optional[List[str]] = typer.Option(None, metavar="REGEX",
                                              help="Also scrub text matching this regex."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar."),
) -> None:
    """Replay recordings on the baseline and the candidate, write results.jsonl, report, gate.

    API keys come from the environment only: OPENAI_API_KEY, MISTRAL_API_KEY, SCW_SECRET_KEY,
    OVH_AI_ENDPOINTS_ACCESS_TOKEN, VLLM_API_KEY, OPENAI_COMPATIBLE_API_KEY (custom).
    """
    from migrator.parity.providers import provider_from_spec
    from migrator.parity.recordings import LoadStats, Scrubber, read_recordings
    from migrator.parity.runner import RunOptions, replay

    _check_fail_on(fail_on)
    compare_sample = _compare_function()
    try:
        base = provider_from_spec(baseline, url=baseline_url, timeout=timeout,
                                  max_connections=concurrency)
        cand = provider_from_spec(candidate, url=candidate_url, timeout=timeout,
                                  max_connections=concurrency)
    except ValueError as exc:
        raise _fail(str(exc)) from None
    if base.name != "recorded" and not baseline.startswith("openai"):
        raise _fail("the baseline is `recorded` or `openai[:MODEL]`")
    for side in (base, cand):
        if getattr(side, "missing_key", None):
            raise _fail(f"{side.missing_key} is not set (API keys come from the environment only)")
    stats = LoadStats()
    source = read_recordings(recordings, stats, on_error=lambda e: typer.secho(
        f"skipped {e}", err=True, fg=typer.colors.YELLOW))
    options = RunOptions(concurrency=concurrency, rps=rps, tpm=tpm, max_attempts=retries + 1,
                         model_overrides=_model_map(model or []), compare=compare_sample,
                         cache_dir=cache, scrubber=Scrubber(scrub or ()), progress=progress,
                         total=_count_lines(recordings))
    if via_batch:
        from migrator.parity.batch import replay_via_batch

        summary = asyncio.run(replay_via_batch(source, base, cand, out, options,
                                               poll_interval=poll_interval))
    else:
        summary = asyncio.run(replay(source, base, cand, out, options))
    typer.echo(f"{summary.completed} sample(s) replayed, {summary.resumed} already done, "
               f"{stats.invalid} malformed recording(s) skipped, {summary.untranslatable} "
               f"untranslatable, {summary.errors} with errors; {summary.attempts} request(s), "
               f"{summary.retries} retried, {summary.cache_hits} from cache; "
               f"{summary.wall_s:.1f}s")
    raise typer.Exit(_gate(out, fail_on))


@parity_app.command()
def report(
    run_dir: Path = typer.Argument(..., exists=True, file_okay=False, metavar="DIR",
                                   help="A run directory holding results.jsonl."),
    fail_on: Optional[str] = typer.Option(None, metavar="GATE",
                                          help="Exit 1 when the results are over this gate."),
) -> None:
    """Compare (where not done yet) and write report.html, report.md, report.json, junit.xml.

    Exit code 0 when the gate passes (or there is none), 1 when --fail-on is exceeded.
    """
    raise typer.Exit(_gate(run_dir, fail_on))


def _count_lines(paths: List[Path]) -> Optional[int]:
    """Total for the progress bar: lines of the JSONL inputs (a cheap byte scan), or None when a
    cassette is among them (its interactions are only known once parsed)."""
    files: list[Path] = []
    for path in paths:
        files += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    if any(f.suffix.lower() in (".yaml", ".yml") for f in files):
        return None
    total = 0
    for file in files:
        if file.suffix.lower() == ".jsonl" or file in paths:
            with file.open("rb") as handle:
                total += sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    return total
