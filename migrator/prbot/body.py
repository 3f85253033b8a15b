"""The PR/MR title and body, rendered from ``templates/pr_body.md.j2``.

Inputs are plain data: the ``convert --format json`` summary (paths relative to the repository
root; its ``plan`` key when the engine provides one), the parity run's ``report.json`` when given,
and a ``link(path, line)`` function for the head branch. A body over :data:`BODY_LIMIT` characters
is re-rendered with shorter lists (the longest that fits) and points at the full body, which the
caller commits as :data:`FULL_REPORT_PATH`.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from migrator import __version__, templating
from migrator.prbot.errors import UsageError

BODY_LIMIT = 65_536  # GitHub's limit on a pull request body, in characters
MARKER = "<!-- migrator:pr openai-to-mistral -->"
FULL_REPORT_PATH = ".migrator/pr-report.md"
TITLE = "Migrate from the OpenAI SDK to Mistral"


def title_for(target: Mapping[str, Any] | None) -> str:
    """The PR title: the mistral target's, or where the openai SDK now sends its traffic."""
    provider = (target or {}).get("provider")
    if not provider:
        return TITLE
    return "Move OpenAI traffic to Mistral's API (openai SDK kept)" if provider == "mistral" else \
        f"Move OpenAI traffic to {provider} (openai SDK kept)"
SAFETY_LEVELS = ("exact", "approximate", "manual")
WORST_SHOWN = 5

Link = Callable[[str, "int | None"], str]


@dataclass(frozen=True)
class Body:
    title: str
    text: str  # what the PR carries (within BODY_LIMIT)
    full_text: str  # the whole report; differs from ``text`` only when truncated
    truncated: bool


def load_parity(run_dir: Path) -> dict[str, Any]:
    """``report.json`` of a ``migrator parity run`` / ``parity report`` output directory."""
    path = Path(run_dir) / "report.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"--parity {run_dir}: no report.json there (point it at the --out "
                         "directory of `migrator parity run`)") from None
    except (OSError, ValueError) as exc:
        raise UsageError(f"--parity {run_dir}: cannot read report.json ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("counts"), dict):
        raise UsageError(f"--parity {run_dir}: report.json is not a migrator parity report")
    return data


def parity_view(report: Mapping[str, Any]) -> dict[str, Any]:
    """Counts, the gate's state (``none`` | ``passed`` | ``failed``) and the worst samples.

    No gate never reads as a pass: with regressions or errors and no ``--fail-on``, the state is
    ``none`` and the body says the result is unreviewed.
    """
    counts = {k: int(v) for k, v in report["counts"].items()}
    gate = report.get("gate") or {}
    conditions = list(gate.get("conditions") or [])
    state = ("passed" if gate.get("passed") else "failed") if conditions else "none"
    worst = []
    for sample in report.get("samples") or []:
        if sample.get("verdict") in ("regression", "error"):
            reasons = [f"{f.get('check')}: {f.get('reason')}" for f in sample.get("findings") or []
                       if f.get("verdict") in ("regression", "error")]
            worst.append({"id": sample.get("id"), "verdict": sample.get("verdict"),
                          "reasons": reasons[:3]})
    return {"total": int(report.get("total", sum(counts.values()))), "counts": counts,
            "state": state, "conditions": conditions, "message": gate.get("message", ""),
            "worst": worst, "failures": counts.get("regression", 0) + counts.get("error", 0)}


def _rule_rows(summary: Mapping[str, Any]) -> list[dict[str, Any]]:
    per_rule: dict[str, Counter] = {}
    for result in summary.get("results") or []:
        for finding in result.get("findings") or []:
            counts = per_rule.setdefault(finding["rule"], Counter())
            counts[finding["kind"]] += 1
            counts[finding.get("safety") or "manual"] += 1
    return [{"rule": rule, **{k: counts[k] for k in ("converted", "todo", *SAFETY_LEVELS)}}
            for rule, counts in sorted(per_rule.items())]


def _files(summary: Mapping[str, Any], link: Link) -> list[dict[str, Any]]:
    rows = []
    for result in summary.get("results") or []:
        if result.get("status") != "changed":
            continue
        kinds = Counter(f["kind"] for f in result.get("findings") or [])
        rows.append({"path": result["path"], "converted": kinds["converted"], "todo": kinds["todo"],
                     "link": link(result["path"], None)})
    return rows


def _plan_view(plan: Mapping[str, Any] | None, link: Link) -> dict[str, Any] | None:
    if not isinstance(plan, Mapping):
        return None
    clients = [c for c in plan.get("clients") or [] if isinstance(c, Mapping)]
    # (LangChain / LlamaIndex objects left for another provider: listed and counted with the SDK's clients)
    clients += [c for c in plan.get("wrappers") or [] if isinstance(c, Mapping)]
    decisions = Counter(str(c.get("decision")) for c in clients)

    def view(client: Mapping[str, Any]) -> dict[str, Any]:
        blockers = client.get("blockers") or []
        if not isinstance(blockers, list):
            blockers = [blockers]
        return {"path": client.get("path"), "line": client.get("line"),
                "name": client.get("name") or client.get("kind") or "client",
                "provider": client.get("provider"), "reason": client.get("reason") or "",
                "blockers": [str(b) for b in blockers],
                "link": link(str(client.get("path")), client.get("line"))}

    return {"decisions": dict(decisions),
            "kept": [view(c) for c in clients if c.get("decision") == "keep"],
            "other": [view(c) for c in clients if c.get("decision") == "other-provider"],
            "uses": len(plan.get("uses") or [])}


def _new_secrets(summary: Mapping[str, Any], target: Mapping[str, Any]) -> list[str]:
    """The CI secrets the converted workflows now read (MIG115 renamed ``secrets.OPENAI_API_KEY``)."""
    key = target.get("key_env") or "MISTRAL_API_KEY"
    for result in summary.get("results") or []:
        for finding in result.get("findings") or []:
            if finding.get("rule") == "MIG115" and f"create the {key} secret" in finding.get("message", ""):
                return [key]
    return []


def stale_key_docs(root: Path, start: Path, summary: Mapping[str, Any], limit: int = 8) -> list[tuple[str, int]]:
    """(path relative to ``root``, line) of the docs under ``start`` (Markdown, reStructuredText) that still
    name ``OPENAI_API_KEY`` where the run renamed it in the env files (every client reading it converted):
    their setup steps are wrong now (held-out review 14, N-C4). The first line of each file, at most ``limit``."""
    from migrator.engine.project_files import docs_naming

    renamed = any(finding.get("rule") == "MIG115" and finding.get("message", "").startswith("OPENAI_API_KEY -> ")
                  for result in summary.get("results") or [] for finding in result.get("findings") or [])
    if not renamed:
        return []
    return [(Path(path).relative_to(root).as_posix(), line)
            for path, line in docs_naming(str(start), "OPENAI_API_KEY", limit)]


def render_body(summary: Mapping[str, Any], *, link: Link, branch: str, base: str,
                reproduce: Sequence[str], parity: Mapping[str, Any] | None = None,
                full_report_url: str | None = None, version: str = __version__,
                limit: int = BODY_LIMIT, stale_docs: Sequence[tuple[str, int]] = ()) -> Body:
    """Render the body; if it exceeds ``limit``, shorten every list to the longest length that
    fits and add a pointer to ``full_report_url`` (the full body committed on the branch)."""
    todos = [{**t, "link": link(t["path"], t["line"])} for t in summary.get("todos") or []]
    target = dict(summary.get("target") or {"name": "mistral"})
    title = title_for(target)
    base_values = {
        "marker": MARKER, "title": title, "target": target, "version": version, "branch": branch, "base": base,
        "files": summary.get("files") or {}, "sites": summary.get("sites") or {},
        "safety": summary.get("safety") or {}, "rules": _rule_rows(summary),
        "changed_files": _files(summary, link), "todos": todos, "failed": summary.get("failed") or [],
        "plan": _plan_view(summary.get("plan"), link),
        "parity": parity_view(parity) if parity is not None else None,
        "reproduce": list(reproduce), "full_report_url": full_report_url,
        "full_report_path": FULL_REPORT_PATH,
        "new_secrets": _new_secrets(summary, target),
        "stale_docs": [{"path": path, "line": line, "link": link(path, line)} for path, line in stale_docs],
    }

    def render(shown: int | None) -> str:
        return templating.render("pr_body.md.j2", shown=shown, **base_values)

    full = render(None)
    if len(full) <= limit:
        return Body(title, full, full, False)
    longest = max(len(todos), len(base_values["changed_files"]),
                  len((base_values["plan"] or {}).get("kept", [])), WORST_SHOWN)
    low, high, best = 0, longest, None  # the largest list length whose rendering fits
    while low <= high:
        middle = (low + high) // 2
        text = render(middle)
        if len(text) <= limit:
            best, low = text, middle + 1
        else:
            high = middle - 1
    if best is None:  # even empty lists do not fit (enormous messages): cut, keep the pointer
        notice = f"\n\n… truncated: the full report is {FULL_REPORT_PATH} on `{branch}`\n"
        best = render(0)[: limit - len(notice)] + notice
    return Body(title, best, full, True)
