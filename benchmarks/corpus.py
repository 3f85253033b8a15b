"""Real-code corpus: materialise pinned public files, convert them, and measure what happened.

A script, not a test. The corpus is ``benchmarks/corpus/manifest.json``: public GitHub
repositories that use the OpenAI Python SDK, each pinned to a commit, with the Python files that
mention ``openai`` and the Jupyter notebooks whose code cells use the SDK, and an optional ``kind``
(application / library) for the figures per kind. Their code is never committed to this
repository; it is written under ``~/.cache/migrator-corpus`` (or ``--dest``), and this script
refuses to write inside the migrator repository.

    python benchmarks/corpus.py materialise [--dest DIR] [--mirrors DIR]
    python benchmarks/corpus.py companions [--mirrors DIR]   (records them in the manifest)
    python benchmarks/corpus.py measure [--dest DIR] [--out JSON] [--jobs N] [--types mypy|none]
                                        [--provider mistral|scaleway|ovhcloud|vllm]

``materialise`` reads each file at its pinned commit from a local bare mirror when one exists
(under ``--mirrors``, default ``/work/.mirror``: ``owner+name/repo``, ``owner+name``,
``owner__name``, ``owner/name`` or ``name.git``), else from a blobless clone of
``https://github.com/owner/name`` kept in ``~/.cache/migrator-corpus-git`` (``git clone --bare
--filter=blob:none``, then ``git fetch`` of the pinned commit if needed).

``measure`` copies the materialised tree to a temporary directory, runs ``python -m migrator
convert <repo> --write --format json`` per repository, then ``--check`` on the result (a second
run must change nothing), and reports: files changed / failed, OpenAI call sites found by an
independent ``ast`` detector on the original files and what became of each one (converted, kept
with a TODO, other provider, or *silent*), outputs that no longer parse, internal rule failures,
idempotency failures, per-rule counts, and (``--types pyright|mypy``) type errors the conversion
introduced in the changed files: on the lines it changed, and on lines it left alone whose types
changed under them (a read of Mistral's ``Optional`` message), an error counted new when the file
held no error with the same message before. A notebook's sites are found on its code cells (IPython syntax neutralised) and classified
cell by cell (``path:cell N:line``); notebooks are not type-checked. Site figures are also given per
``kind`` of repository (``by_kind``) and the notebooks' share of each figure (``notebooks``).
Run it with the project's virtualenv python (it needs ``migrator``, and mypy for types).
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent
MANIFEST = HERE / "corpus" / "manifest.json"
DEFAULT_DEST = Path("~/.cache/migrator-corpus").expanduser()
DEFAULT_CLONES = Path("~/.cache/migrator-corpus-git").expanduser()
DEFAULT_OUT = Path("~/.cache/migrator-corpus-measure.json").expanduser()
DEFAULT_MIRRORS = Path("/work/.mirror")
TODO_MARK = "# TODO(migrator "
KINDS = ("application", "library")  # the manifest's optional "kind" (figures per kind: by_kind)
NOTEBOOK = ".ipynb"
CONVERT_OK = (0, 3)  # 3: some files failed (reported in the JSON), which is a figure, not a crash


def say(*parts: object) -> None:
    print(*parts, flush=True)


def progress(message: str) -> None:
    print(f"[corpus {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- manifest


@dataclass
class Entry:
    repo: str
    commit: str
    paths: list[str]
    why: str = ""
    kind: str = ""  # application | library ("" when the manifest does not say)
    kind_why: str = ""
    # Python modules without openai that the files above import (``config.py`` holding the model
    # names): read by migrator's plan (migrator.engine.companions). Added by ``corpus.py companions``.
    companions: list[str] = field(default_factory=list)

    @property
    def files(self) -> list[str]:
        return self.paths + self.companions

    @property
    def slug(self) -> str:
        owner, name = self.repo.split("/", 1)
        return f"{owner}__{name}"


def load_manifest(path: Path = MANIFEST) -> list[Entry]:
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = data["repos"] if isinstance(data, dict) else data
    entries = []
    for row in rows:
        if not re.fullmatch(r"[0-9a-f]{40}", row["commit"]):
            raise SystemExit(f"manifest: {row['repo']}: commit is not a 40-hex sha")
        for p in row["paths"] + row.get("companions", []):
            if p.startswith("/") or ".." in Path(p).parts:
                raise SystemExit(f"manifest: {row['repo']}: unsafe path {p!r}")
        kind = row.get("kind", "")
        if kind not in ("",) + KINDS:
            raise SystemExit(f"manifest: {row['repo']}: kind {kind!r} is not one of {', '.join(KINDS)}")
        entries.append(Entry(row["repo"], row["commit"], list(row["paths"]), row.get("why", ""), kind,
                             row.get("kind_why", ""), list(row.get("companions", []))))
    return entries


def _inside(child: Path, parent: Path) -> bool:
    try:
        child.resolve().relative_to(parent.resolve())
        return True
    except ValueError:
        return False


def _repository_roots() -> list[Path]:
    roots = [REPO_ROOT]
    try:
        top = subprocess.run(
            ["git", "-C", str(HERE), "rev-parse", "--show-toplevel"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
        if top:
            roots.append(Path(top))
    except (OSError, subprocess.CalledProcessError):
        pass
    return roots


def refuse_inside_repository(path: Path, what: str) -> None:
    for root in _repository_roots():
        if _inside(path, root):
            raise SystemExit(f"refusing: {what} {path} is inside the migrator repository {root}")


# --------------------------------------------------------------------------- materialise


def _is_git_dir(path: Path) -> bool:
    return (path / "HEAD").is_file() and (path / "objects").is_dir()


def find_mirror(mirrors: Path, repo: str) -> Optional[Path]:
    owner, name = repo.split("/", 1)
    for base in (mirrors / f"{owner}+{name}", mirrors / f"{owner}__{name}", mirrors / owner / name,
                 mirrors / f"{name}.git", mirrors / f"{owner}+{name}.git"):
        for candidate in (base / "repo", base, base / ".git"):
            if candidate.is_dir() and _is_git_dir(candidate):
                return candidate
    return None


def _git(git_dir: Path, *args: str, **kw: Any) -> subprocess.CompletedProcess:
    return subprocess.run(["git", f"--git-dir={git_dir}", *args], capture_output=True, **kw)


def _has_commit(git_dir: Path, commit: str) -> bool:
    return _git(git_dir, "cat-file", "-e", f"{commit}^{{commit}}").returncode == 0


def clone_for(entry: Entry, clones: Path) -> Path:
    """A blobless bare clone from github.com holding ``entry.commit`` (outside this sandbox)."""
    git_dir = clones / f"{entry.slug}.git"
    if not _is_git_dir(git_dir):
        clones.mkdir(parents=True, exist_ok=True)
        url = f"https://github.com/{entry.repo}.git"
        progress(f"{entry.repo}: git clone --bare --filter=blob:none {url}")
        subprocess.run(["git", "clone", "--quiet", "--bare", "--filter=blob:none", url, str(git_dir)],
                       check=True)
    if not _has_commit(git_dir, entry.commit):
        progress(f"{entry.repo}: git fetch {entry.commit}")
        subprocess.run(["git", f"--git-dir={git_dir}", "fetch", "--quiet", "--filter=blob:none",
                        "origin", entry.commit], check=True)
    return git_dir


def materialise(args: argparse.Namespace) -> int:
    dest = Path(args.dest).expanduser()
    refuse_inside_repository(dest, "--dest")
    clones = Path(args.clones).expanduser()
    refuse_inside_repository(clones, "--clones")
    entries = load_manifest(Path(args.manifest))
    mirrors = Path(args.mirrors).expanduser()
    written = missing = 0
    problems: list[str] = []
    for n, entry in enumerate(entries, 1):
        git_dir = find_mirror(mirrors, entry.repo)
        source = "mirror"
        if git_dir is None or not _has_commit(git_dir, entry.commit):
            if args.no_clone:
                problems.append(f"{entry.repo}: no local mirror with {entry.commit[:12]} (and --no-clone)")
                missing += len(entry.files)
                continue
            try:
                git_dir, source = clone_for(entry, clones), "clone"
            except (OSError, subprocess.CalledProcessError) as exc:
                problems.append(f"{entry.repo}: cannot clone: {exc}")
                missing += len(entry.files)
                continue
        root = dest / entry.slug
        got = 0
        for path in entry.files:
            shown = _git(git_dir, "show", f"{entry.commit}:{path}")
            if shown.returncode != 0:
                problems.append(f"{entry.repo}: {path}: missing at {entry.commit[:12]}: "
                                f"{shown.stderr.decode(errors='replace').strip()}")
                missing += 1
                continue
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(shown.stdout)
            got += 1
        written += got
        progress(f"[{n}/{len(entries)}] {entry.repo}@{entry.commit[:12]} ({source}): "
                 f"{got}/{len(entry.files)} files")
    (dest / "MANIFEST.lock.json").write_text(
        json.dumps([{"repo": e.repo, "commit": e.commit, "paths": len(e.files)} for e in entries], indent=1),
        encoding="utf-8",
    )
    say(f"materialised {written} files of {sum(len(e.files) for e in entries)} "
        f"({len(entries)} repositories) under {dest}; {missing} missing")
    for problem in problems:
        say(f"  MISSING {problem}")
    return 0 if not missing else 1


def add_companions(args: argparse.Namespace) -> int:
    """Record, per repository, the Python modules without openai that its OpenAI-using files import
    (``config.py``, ``settings.py``): migrator's plan reads them (migrator.engine.companions), so the
    corpus must hold them for the figures to show what a whole checkout would get. Reads the pinned
    commit from the local mirror (or the blobless clone); rewrites the manifest."""
    from migrator.engine.companions import imported_modules, is_imported
    from migrator.engine.walk import mentions_openai

    manifest = Path(args.manifest)
    data = json.loads(manifest.read_text(encoding="utf-8"))
    rows = data["repos"] if isinstance(data, dict) else data
    entries = {e.repo: e for e in load_manifest(manifest)}
    mirrors, clones = Path(args.mirrors).expanduser(), Path(args.clones).expanduser()
    added = 0
    for n, row in enumerate(rows, 1):
        entry = entries[row["repo"]]
        git_dir = find_mirror(mirrors, entry.repo)
        if git_dir is None or not _has_commit(git_dir, entry.commit):
            if args.no_clone:
                say(f"  {entry.repo}: no local mirror with {entry.commit[:12]}: skipped")
                continue
            git_dir = clone_for(entry, clones)
        listed = _git(git_dir, "ls-tree", "-r", "--name-only", entry.commit)
        tree = [p for p in listed.stdout.decode("utf-8", "replace").splitlines() if p.endswith(".py")]
        wanted: set[str] = set()
        for path in entry.paths:
            shown = _git(git_dir, "show", f"{entry.commit}:{path}")
            if shown.returncode == 0:
                text = shown.stdout.decode("utf-8", "replace")
                if path.endswith(NOTEBOOK):
                    from migrator.engine.notebooks import module_source

                    text = module_source(text) or ""
                wanted |= imported_modules(text, "/" + path)  # paths as if the repository were /
        found = []
        for path in tree:
            if path in entry.paths or not is_imported("/" + path, wanted):
                continue
            shown = _git(git_dir, "show", f"{entry.commit}:{path}")
            if shown.returncode == 0 and not mentions_openai(shown.stdout):
                found.append(path)
        row["companions"] = sorted(found)
        added += len(found)
        progress(f"[{n}/{len(rows)}] {entry.repo}: {len(found)} companion module(s)")
    manifest.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    say(f"{added} companion modules recorded in {manifest}")
    return 0


# --------------------------------------------------------------------------- detector

V1_SURFACES: list[tuple[tuple[str, ...], Optional[frozenset[str]]]] = [
    # (anchor chain, allowed final methods; None = any method below the anchor)
    (("beta", "chat", "completions"), frozenset({"parse", "stream", "create"})),
    (("chat", "completions"), frozenset({"create", "parse", "stream"})),
    (("completions",), frozenset({"create"})),
    (("embeddings",), frozenset({"create"})),
    (("moderations",), frozenset({"create"})),
    (("images",), frozenset({"generate", "edit", "create_variation"})),
    (("audio", "transcriptions"), frozenset({"create"})),
    (("audio", "translations"), frozenset({"create"})),
    (("audio", "speech"), frozenset({"create"})),
    (("responses",), frozenset({"create", "parse", "stream", "retrieve"})),
    (("files",), frozenset({"create", "retrieve", "content", "list", "delete"})),
    (("batches",), frozenset({"create", "retrieve", "list", "cancel"})),
    (("models",), frozenset({"list", "retrieve"})),
    (("fine_tuning", "jobs"), None),
    (("beta", "assistants"), None),
    (("beta", "threads"), None),
    (("beta", "vector_stores"), None),
    (("vector_stores",), None),
]
LEGACY = {
    "ChatCompletion": {"create", "acreate"},
    "Completion": {"create", "acreate"},
    "Embedding": {"create", "acreate"},
    "Moderation": {"create", "acreate"},
    "Image": {"create", "acreate", "create_edit", "create_variation"},
    "Model": {"list", "retrieve"},
    "Audio": {"transcribe", "atranscribe", "translate"},
}
RAW_WRAPPERS = {"with_raw_response", "with_streaming_response"}


def _chain(node: ast.expr) -> tuple[list[str], Optional[ast.expr]]:
    names: list[str] = []
    while isinstance(node, ast.Attribute):
        names.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        names.append(node.id)
        return names[::-1], None
    return names[::-1], node


def surface_of(call: ast.Call, openai_names: set[str]) -> Optional[str]:
    """The OpenAI surface a call's callee names (``chat.completions.create``), else None."""
    if not isinstance(call.func, ast.Attribute):
        return None
    names, base = _chain(call.func)
    names = [n for n in names if n not in RAW_WRAPPERS]
    if base is None and len(names) == 3 and names[0] in openai_names and names[1] in LEGACY:
        if names[2] in LEGACY[names[1]]:
            return f"openai.{names[1]}.{names[2]}"
    if len(names) < 2:
        return None
    for anchor, methods in V1_SURFACES:
        k = len(anchor)
        if methods is None:
            # the anchor anywhere before the method: fine_tuning.jobs.create, beta.threads.runs.list
            for i in range(len(names) - k):
                if tuple(names[i:i + k]) == anchor and (i + k) < len(names):
                    if anchor == ("vector_stores",) and i > 0 and names[i - 1] == "beta":
                        continue
                    return ".".join(names[i:])
            continue
        if names[-1] in methods and tuple(names[-1 - k:-1]) == anchor:
            if anchor == ("completions",) and len(names) >= 3 and names[-3] == "chat":
                continue
            if anchor == ("chat", "completions") and len(names) >= 4 and names[-4] == "beta":
                continue
            return ".".join(anchor + (names[-1],))
    return None


def imports_openai(tree: ast.AST) -> tuple[bool, set[str]]:
    """Whether the module imports openai in any form, and the names bound to the module."""
    found, names = False, set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "openai" or alias.name.startswith("openai."):
                    found = True
                    if alias.asname and alias.name == "openai":
                        names.add(alias.asname)
                    elif not alias.asname:
                        names.add("openai")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "openai" or node.module.startswith("openai."):
                found = True
    return found, names


@dataclass
class Site:
    path: str  # relative to the repository root
    line: int  # the call's first line (1-based, original file)
    end_line: int
    stmt_line: int  # first line of the innermost statement holding the call
    surface: str
    status: str = ""  # converted | todo | other-provider | silent
    how: str = ""  # why that status
    cell: int = 0  # a notebook's cell (1-based over all its cells, as migrator counts); lines are the cell's

    @property
    def where(self) -> str:
        return f"{self.path}:cell {self.cell}:{self.line}" if self.cell else f"{self.path}:{self.line}"


def _statements_with_spans(tree: ast.AST) -> list[ast.stmt]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.stmt)]


def _innermost_stmt(stmts: list[ast.stmt], line: int) -> Optional[ast.stmt]:
    best = None
    for s in stmts:
        first = min([s.lineno] + [d.lineno for d in getattr(s, "decorator_list", [])])
        end = s.end_lineno or s.lineno
        if first <= line <= end:
            if best is None or (end - first) < ((best.end_lineno or best.lineno) - best.lineno):
                best = s
    return best


def detect_sites(path: str, source: str) -> tuple[list[Site], Optional[str]]:
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError) as exc:
        return [], f"{type(exc).__name__}: {exc}"
    found, names = imports_openai(tree)
    if not found:
        return [], None
    names = names or {"openai"}
    stmts = _statements_with_spans(tree)
    foreign = _foreign_names(tree)
    sites = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            surface = surface_of(node, names)
            if surface and _receiver_root(node.func) in foreign:
                continue  # another SDK's object (anthropic.Anthropic(), g4f AsyncClient()): not OpenAI's
            if surface:
                stmt = _innermost_stmt(stmts, node.lineno)
                sites.append(Site(path, node.lineno, node.end_lineno or node.lineno,
                                  stmt.lineno if stmt else node.lineno, surface))
    sites.sort(key=lambda s: (s.line, s.surface))
    return sites, None


def _foreign_names(tree: ast.Module) -> set[str]:
    """Names bound (anywhere in the module) only to objects built by another, non-openai library:
    ``c = anthropic.Anthropic()``, ``g4f_client = AsyncClient()`` with ``from g4f.client import
    AsyncClient``, and names of other SDK modules themselves. Kept simple on purpose: the detector
    must not lean on migrator's own analysis."""
    other: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            other |= {(a.asname or a.name).split(".")[0] for a in node.names
                      if a.name.split(".")[0] in OTHER_SDKS}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and \
                node.module.split(".")[0] in OTHER_SDKS:
            other |= {a.asname or a.name for a in node.names}
    bound: dict[str, list[bool]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            value = node.value.value if isinstance(node.value, ast.Await) else node.value
            root = _receiver_root(value.func) if isinstance(value, ast.Call) else None
            bound.setdefault(node.targets[0].id, []).append(root in other)
    return other | {n for n, flags in bound.items() if flags and all(flags)} | {"anthropic"}


OTHER_SDKS = frozenset({"anthropic", "g4f", "groq", "cohere", "google", "together", "mistralai", "ollama",
                        "litellm", "zhipuai", "dashscope", "boto3", "vertexai", "replicate", "fireworks"})


def _receiver_root(func: ast.AST) -> str | None:
    while isinstance(func, (ast.Attribute, ast.Call)):
        func = func.value if isinstance(func, ast.Attribute) else func.func
    return func.id if isinstance(func, ast.Name) else None


# --------------------------------------------------------------------------- notebooks

# Cell magics whose body is Python (IPython runs it): only their first line is neutralised.
PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug"})
_ASSIGNED_MAGIC = re.compile(r"[ \t]*[A-Za-z_][\w.]*(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*)*[ \t]*=[ \t]*[!%]")
_HELP = re.compile(r"\s*(?:\?{1,2}[\w.*]+|[\w.*]+\?{1,2})\s*$")


def notebook_cells(text: str) -> tuple[Optional[list[tuple[int, str]]], Optional[str]]:
    """A notebook's code cells, in order, as (cell number over all cells, source text); None and the
    reason when the text is not an nbformat-4 notebook or its kernel is not Python (migrator leaves
    such notebooks alone)."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        return None, f"not JSON: {type(exc).__name__}"
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        return None, "not a notebook (no cells list)"
    metadata = data.get("metadata") if isinstance(data.get("metadata"), dict) else {}
    for key, name in (("language_info", "name"), ("kernelspec", "language")):
        info = metadata.get(key)
        if isinstance(info, dict) and isinstance(info.get(name), str):
            if info[name].lower() != "python":
                return None, f"kernel language {info[name]!r}"
            break
    cells = []
    for number, cell in enumerate(data["cells"], 1):
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            source = cell.get("source", "")
            cells.append((number, "".join(source) if isinstance(source, list) else str(source)))
    return cells, None


def _lines_of(text: str) -> list[str]:
    """Lines split at "\n" only (with their endings), as the notebook module counts them."""
    return [piece for piece in re.split(r"(?<=\n)", text) if piece]


def neutralise_ipython(source: str) -> str:
    """The cell's code with IPython syntax made Python, line for line (line numbers unchanged):
    ``%magic`` / ``!shell`` / ``x = !cmd`` / ``obj?`` lines become ``pass`` at their indentation (their
    backslash continuations comments), a ``%%cell`` magic comments out the whole cell (its first line
    only for the magics whose body is Python: %%time, %%timeit, %%capture, %%prun, %%debug)."""
    lines = _lines_of(source)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    whole: range = range(0)
    if first is not None and lines[first].lstrip().startswith("%%"):
        name = (lines[first].lstrip()[2:].split(None, 1) or [""])[0]
        whole = range(first, first + 1) if name in PYTHON_CELL_MAGICS else range(first, len(lines))
    out, continued = [], False
    for index, line in enumerate(lines):
        body = line.rstrip("\r\n")
        ending = line[len(body):]
        stripped = body.lstrip()
        indent = body[:len(body) - len(stripped)]
        if index in whole and index != first:
            out.append(f"#{body}{ending}")
            continue
        if continued:
            out.append(f"{indent}#{stripped}{ending}")
            continued = body.endswith("\\")
            continue
        if index in whole or stripped.startswith(("%", "!")) or _ASSIGNED_MAGIC.match(body) \
                or _HELP.fullmatch(body):
            out.append(f"{indent}pass  # ipython{ending}")
            continued = body.endswith("\\") and index not in whole
            continue
        out.append(line)
    return "".join(out)


@dataclass
class NotebookModule:
    """A notebook's code cells (IPython neutralised) as one module, laid out as migrator's notebook
    module is (a marker line, then the cell's lines): so plan lines are module lines here too."""

    cells: list[tuple[int, str]]  # (cell number, neutralised source)
    first_lines: list[int]  # module line of each cell's first line
    text: str

    @classmethod
    def of(cls, cells: list[tuple[int, str]]) -> "NotebookModule":
        parts, firsts, line = [], [], 1
        neutral = []
        for number, source in cells:
            code = neutralise_ipython(source)
            neutral.append((number, code))
            if code and not code.endswith(("\n", "\r")):
                code += "\n"
            parts.append(f"# corpus: cell {number}\n")
            firsts.append(line + 1)
            parts.append(code)
            line += 1 + code.count("\n")
        return cls(neutral, firsts, "".join(parts))

    def locate(self, module_line: int) -> tuple[int, int]:
        """(index in ``cells``, line in that cell) of a module line."""
        index = max(0, sum(1 for first in self.first_lines if first <= module_line) - 1)
        return index, module_line - self.first_lines[index] + 1

    def span(self, index: int) -> tuple[int, int]:
        """The module lines (first, last) of cell ``index``."""
        first = self.first_lines[index]
        return first, first + max(1, len(_lines_of(self.cells[index][1]))) - 1


def detect_notebook_sites(path: str, text: str) -> tuple[list[Site], Optional[str], Optional[NotebookModule]]:
    """The OpenAI sites of a notebook's code cells: the .py detector on the cells as one module (an
    import in one cell, a call in another), each site placed back in its cell."""
    cells, problem = notebook_cells(text)
    if cells is None:
        return [], problem, None
    module = NotebookModule.of(cells)
    sites, problem = detect_sites(path, module.text)
    if problem:
        for number, code in module.cells:  # name the cell that does not parse
            try:
                ast.parse(code)
            except (SyntaxError, ValueError) as exc:
                return [], f"cell {number}: {type(exc).__name__}: {exc}", module
        return [], problem, module
    for site in sites:
        index, site.line = module.locate(site.line)
        site.cell = module.cells[index][0]
        site.end_line -= module.first_lines[index] - 1
        site.stmt_line -= module.first_lines[index] - 1
    return sites, None, module


_CELL_FINDING = re.compile(r"^cell (\d+), line (\d+): ")


def cell_findings(findings: list[dict]) -> dict[int, list[dict]]:
    """A notebook's findings by cell number, their line the line in the cell (migrator's messages
    say ``cell 3, line 2: ...``; their ``line`` is the .ipynb text's)."""
    out: dict[int, list[dict]] = defaultdict(list)
    for finding in findings:
        m = _CELL_FINDING.match(finding.get("message") or "")
        if m:
            out[int(m.group(1))].append(dict(finding, line=int(m.group(2))))
    return out


# --------------------------------------------------------------------------- line mapping


class LineMap:
    """Original line -> output line(s), from difflib opcodes over the two files' lines."""

    def __init__(self, before: list[str], after: list[str]):
        self.ops = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
        self.changed_after: set[int] = set()  # 1-based output lines that are new or replaced
        for tag, i1, i2, j1, j2 in self.ops:
            if tag in ("replace", "insert"):
                self.changed_after.update(range(j1 + 1, j2 + 1))

    def span(self, line: int) -> tuple[int, int, str]:
        """The output lines (1-based, inclusive) that original ``line`` became, and the op tag."""
        i = line - 1
        for tag, i1, i2, j1, j2 in self.ops:
            if i1 <= i < i2:
                if tag == "equal":
                    return j1 + (i - i1) + 1, j1 + (i - i1) + 1, tag
                if tag == "replace":
                    return j1 + 1, max(j1 + 1, j2), tag
                return j1 + 1, j1, tag  # delete: an empty span at the deletion point
        return line, line, "equal"


# --------------------------------------------------------------------------- plan


class Plan:
    def __init__(self, data: Optional[dict], root: Path):
        self.present = isinstance(data, dict)
        self.clients: dict[Any, dict] = {}
        self.uses: dict[str, list[dict]] = defaultdict(list)
        if not self.present:
            return
        for client in data.get("clients", []) or []:
            self.clients[client.get("id")] = client
        for use in data.get("uses", []) or []:
            self.uses[_rel(use.get("path", ""), root)].append(use)

    def use_for(self, site: Site) -> Optional[dict]:
        for use in self.uses.get(site.path, []):
            line = use.get("line")
            if isinstance(line, int) and min(site.stmt_line, site.line) <= line <= site.end_line:
                return use
        return None

    def for_cell(self, path: str, first: int, last: int, number: int) -> "Plan":
        """This plan with ``path``'s uses in notebook cell ``number`` renumbered to the cell's lines and
        the rest of the notebook's uses dropped. A use carrying its cell (``cell``, ``cell_line``: the plan
        as migrator reports it, lines of the .ipynb text) is placed by them; an older plan's use by its
        line of the cells-as-one-module, ``first..last`` for this cell."""
        view = Plan(None, Path("."))
        view.present, view.clients = self.present, self.clients
        view.uses = defaultdict(list, self.uses)
        view.uses[path] = [dict(use, line=use["cell_line"]) if "cell" in use else
                           dict(use, line=use["line"] - first + 1) for use in self.uses.get(path, [])
                           if (use.get("cell") == number if "cell" in use else
                               isinstance(use.get("line"), int) and first <= use["line"] <= last)]
        return view

    def rule_for(self, site: Site) -> Optional[str]:
        use = self.use_for(site) if self.present else None
        return use.get("rule") if use else None

    def decision_for(self, site: Site) -> Optional[tuple[str, str]]:
        """(decision, detail) for the site's use in the plan: keep / other-provider / convert / todo."""
        if not self.present:
            return None
        use = self.use_for(site)
        if use is None:
            return None
        client = self.clients.get(use.get("client"))
        decision = (client or {}).get("decision")
        if client and decision in ("keep", "other-provider"):
            return decision, f"client {client.get('name')} at line {client.get('line')}: {client.get('reason', '')}"
        status = use.get("status")
        if status in ("keep", "other-provider", "todo"):
            return status, f"use status {status}"
        return decision or status or "", "plan"


def _rel(path: str, root: Path) -> str:
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.resolve().relative_to(root.resolve())
        except ValueError:
            return p.as_posix()
    s = p.as_posix()
    return s[2:] if s.startswith("./") else s


# --------------------------------------------------------------------------- classification


# Surfaces whose Mistral method has the OpenAI name: the converted call is told apart by a keyword
# only Mistral's takes (embeddings.create(inputs=...)).
MISTRAL_ONLY_KEYWORDS = {"embeddings.create": "inputs"}


def _calls_with_surface(tree: ast.AST, names: set[str]) -> list[tuple[int, int, str]]:
    """The OpenAI-shaped calls in a (converted) module: (first line, last line, surface)."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            s = surface_of(node, names | {"openai"})
            mistral_keyword = MISTRAL_ONLY_KEYWORDS.get(s) if s else None
            if mistral_keyword is not None and mistral_keyword in {kw.arg for kw in node.keywords}:
                continue  # already Mistral's call
            if s:
                out.append((node.lineno, node.end_lineno or node.lineno, s))
    return out


def _todo_above(lines: list[str], first_line: int) -> bool:
    """A ``# TODO(migrator `` comment in the block of comment lines directly above ``first_line``."""
    k = first_line - 2
    while k >= 0 and lines[k].strip().startswith("#"):
        if TODO_MARK in lines[k]:
            return True
        k -= 1
    return False


# Rules whose findings are about something near a call, not the call itself: client constructors,
# exceptions, message contents, response reads. A converted finding of any other rule on the call's
# first line (or its statement's) counts as "converted per finding" (with a plan: the use's rule).
NOT_CALL_RULES = {"MIG101", "MIG103", "MIG104", "MIG105"}
# Surfaces whose Mistral call has the OpenAI call's shape (mistralai 3.7's client.responses.create,
# files.list / retrieve / delete): converted when a rule's finding says so, the plan converts its client
# and the module uses mistralai.
SAME_SHAPE_SURFACES = {"responses.create", "files.list", "files.retrieve", "files.delete"}
# Rules whose converted calls keep their shape: an instructor client's calls (MIG111) are instructor's
# surface on from_mistral's client too.
SAME_SHAPE_RULES = {"MIG111"}


def classify(sites: list[Site], before: str, after: str, findings: list[dict], plan: Plan,
             same_sdk: bool = False) -> None:
    """What became of each site. ``same_sdk`` (--target openai-compatible): a converted call keeps its
    shape (the same openai SDK call, now reaching the provider), so the rule's finding decides."""
    a_lines, b_lines = before.splitlines(), after.splitlines()
    lmap = LineMap(a_lines, b_lines)
    try:
        out_tree: Optional[ast.AST] = ast.parse(after)
    except (SyntaxError, ValueError):
        out_tree = None
    out_calls = _calls_with_surface(out_tree, set()) if out_tree is not None else []
    any_calls = ([(n.lineno, n.end_lineno or n.lineno) for n in ast.walk(out_tree) if isinstance(n, ast.Call)]
                 if out_tree is not None else [])
    out_stmts = _statements_with_spans(out_tree) if out_tree is not None else []
    converted = [(f.get("line"), f.get("rule")) for f in findings if f.get("kind") == "converted"]
    for site in sites:
        o1, _, tag1 = lmap.span(site.line)
        _, o2, tag2 = lmap.span(site.end_line)
        if o2 < o1:
            o2 = o1
        deleted = tag1 == "delete" and tag2 == "delete"
        if out_tree is not None:
            matches = [lo for lo, hi, s in out_calls if s == site.surface and lo <= o2 and hi >= o1]
            present = bool(matches)
            # no call at all where the site was: the call was dropped, not converted
            deleted = deleted or not any(lo <= o2 and hi >= o1 for lo, hi in any_calls)
            # A replaced block can begin with inserted comment lines (the TODO itself): anchor on
            # the call, else on the block's first code line.
            anchor = min(matches) if matches else next(
                (k for k in range(o1, min(o2, len(b_lines)) + 1)
                 if b_lines[k - 1].strip() and not b_lines[k - 1].strip().startswith("#")), o1)
            stmt = _innermost_stmt(out_stmts, anchor)
            first = stmt.lineno if stmt else anchor
            if stmt is not None and getattr(stmt, "decorator_list", None):
                first = min(d.lineno for d in stmt.decorator_list)
        else:
            tail = site.surface.split(".")[-2:]
            pattern = re.compile(r"\.".join(map(re.escape, tail)) + r"\s*\(")
            present = any(pattern.search(b_lines[k - 1]) for k in range(o1, min(o2, len(b_lines)) + 1))
            first = o1
        plan_says = plan.decision_for(site)
        use_rule = plan.rule_for(site)
        claimed = any(
            ln in (site.line, site.stmt_line) and (rule == use_rule if use_rule else rule not in NOT_CALL_RULES)
            for ln, rule in converted
        )
        if not present and not deleted:
            site.status, site.how = "converted", "call shape gone" + (" (finding)" if claimed else "")
        elif same_sdk and claimed and not deleted and plan_says and plan_says[0] == "convert":
            site.status, site.how = "converted", "same SDK call, its client moved (finding)"
        elif (site.surface in SAME_SHAPE_SURFACES or use_rule in SAME_SHAPE_RULES) and claimed and not deleted \
                and "mistralai" in after and plan_says and plan_says[0] == "convert" and not _todo_above(b_lines, first):
            site.status, site.how = "converted", "same call shape on a Mistral client (finding)"
        elif present and _todo_above(b_lines, first):
            site.status, site.how = "todo", "TODO above the statement"
        elif plan_says and plan_says[0] in ("keep", "todo"):
            site.status, site.how = "todo", f"plan: {plan_says[1]}"
            if (plan.use_for(site) or {}).get("blocking"):
                # the use that keeps its client has no TODO of its own: the reader sees the client's TODO
                # elsewhere, naming it, but not why here (held-out review 44, Z8)
                site.how += "; blocking use, no TODO at the site"
        elif plan_says and plan_says[0] == "other-provider":
            site.status, site.how = "other-provider", f"plan: {plan_says[1]}"
        elif claimed and not deleted:
            site.status, site.how = "converted", "finding claims converted, but the call shape is still there"
        elif deleted:
            site.status, site.how = "silent", "statement deleted"
        else:
            site.status, site.how = "silent", "unchanged, no TODO"


# --------------------------------------------------------------------------- mypy

MYPY_LINE = re.compile(r"^(?P<path>[^:\n]+\.py):(?P<line>\d+):(?:(?P<col>\d+):)? error: (?P<msg>.*)$")


def find_pyright() -> Optional[str]:
    """A pyright executable: on PATH, or installed by `npm install pyright` under ~/.cache/migrator-pyright."""
    found = shutil.which("pyright")
    if found:
        return found
    cached = Path("~/.cache/migrator-pyright/node_modules/.bin/pyright").expanduser()
    return str(cached) if cached.exists() else None


def run_pyright(cwd: Path, files: list[str], cache: Path) -> tuple[list[tuple[str, int, str]], str]:
    """pyright errors on ``files`` (relative to ``cwd``), checked against this python's installed SDKs."""
    exe = find_pyright()
    if exe is None:
        return [], "pyright not found (npm install pyright in ~/.cache/migrator-pyright)"
    config = cwd / "pyrightconfig.json"
    existed = config.exists()
    saved = config.read_bytes() if existed else None
    config.write_text(json.dumps({"pythonVersion": "3.11", "typeCheckingMode": "standard",
                                  "reportMissingImports": False, "reportMissingModuleSource": False}))
    try:
        proc = subprocess.run([exe, "--outputjson", "--pythonpath", sys.executable, *files], cwd=cwd,
                              capture_output=True, text=True)
    finally:
        if existed:
            config.write_bytes(saved)  # type: ignore[arg-type]
        else:
            config.unlink()
    try:
        data = json.loads(proc.stdout)
    except ValueError:
        return [], (proc.stderr.strip() or proc.stdout.strip() or f"pyright exit {proc.returncode}")[:300]
    errors = []
    for diag in data.get("generalDiagnostics", []):
        if diag.get("severity") != "error":
            continue
        path = Path(diag["file"]).resolve().relative_to(cwd.resolve()).as_posix()
        message = " ".join(diag.get("message", "").split())
        rule = diag.get("rule")
        errors.append((path, diag["range"]["start"]["line"] + 1, f"{message}  [{rule}]" if rule else message))
    return errors, ""


def run_mypy(cwd: Path, files: list[str], cache: Path) -> tuple[list[tuple[str, int, str]], str]:
    """mypy errors on ``files`` (relative to ``cwd``): [(path, line, message)], and a problem."""
    base = [sys.executable, "-m", "mypy", "--ignore-missing-imports", "--follow-imports=silent",
            "--no-error-summary", "--show-column-numbers", "--python-version", "3.11",
            "--explicit-package-bases", "--no-color-output", "--cache-dir", str(cache)]

    def once(batch: list[str]) -> tuple[list[tuple[str, int, str]], Optional[str]]:
        proc = subprocess.run(base + batch, cwd=cwd, capture_output=True, text=True)
        errors = []
        for raw in proc.stdout.splitlines():
            m = MYPY_LINE.match(raw)
            if m:
                errors.append((Path(m["path"]).as_posix(), int(m["line"]), m["msg"].strip()))
        if proc.returncode not in (0, 1):
            text = (proc.stderr.strip() or proc.stdout.strip()).splitlines()
            return errors, text[-1] if text else f"mypy exit {proc.returncode}"
        return errors, None

    errors, problem = once(files)
    if problem is None:
        return errors, ""
    # A whole-repo run can die on duplicate module names and the like: one file at a time.
    errors, problems = [], []
    for f in files:
        e, p = once([f])
        errors.extend(e)
        if p:
            problems.append(f"{f}: {p}")
    return errors, "; ".join(problems)


# --------------------------------------------------------------------------- measure


@dataclass
class RepoResult:
    repo: str
    files: int = 0
    materialised: int = 0
    changed: list[str] = field(default_factory=list)
    failed: list[dict] = field(default_factory=list)
    crash: str = ""
    second_run_changed: list[str] = field(default_factory=list)
    second_run_crash: str = ""
    unparsable: list[str] = field(default_factory=list)  # a notebook's: "path:cell N" per cell
    notebooks: list[str] = field(default_factory=list)  # the materialised .ipynb paths
    notebook_mismatches: list[str] = field(default_factory=list)  # code cells added / removed / unreadable
    unparsable_preexisting: list[str] = field(default_factory=list)
    sites: list[Site] = field(default_factory=list)
    detector_unparsable: list[str] = field(default_factory=list)
    not_discovered: list[str] = field(default_factory=list)  # under a directory migrator never walks
    rules: dict[str, Counter] = field(default_factory=dict)
    plan_present: bool = False
    new_type_errors: list[tuple[str, int, str]] = field(default_factory=list)  # on lines the conversion changed
    # on lines it left as they were: a read whose type changed under it (Mistral's Optional message)
    new_type_errors_elsewhere: list[tuple[str, int, str]] = field(default_factory=list)
    carried_type_errors: list[tuple[str, int, str]] = field(default_factory=list)
    type_problem: str = ""
    seconds: float = 0.0


def _convert(cwd: Path, extra: list[str]) -> tuple[int, Optional[dict], str]:
    # -P: the repository's own modules (a types.py at its root) must not shadow the standard library
    cmd = [sys.executable, "-P", "-m", "migrator", "convert", ".", "--format", "json", "--jobs", "1", *extra]
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    try:
        data = json.loads(proc.stdout) if proc.stdout.strip() else None
    except json.JSONDecodeError:
        data = None
    return proc.returncode, data, proc.stderr


def _parses_310(src: str) -> bool:
    try:
        ast.parse(src, feature_version=(3, 10))
        return True
    except (SyntaxError, ValueError):
        return False


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


def measure_repo(entry: Entry, dest: Path, work: Path, flags: tuple[str, ...] = ()) -> RepoResult:
    started = time.monotonic()
    res = RepoResult(entry.repo, files=len(entry.paths))
    original_root, root = dest / entry.slug, work / "after" / entry.slug
    from migrator.engine.walk import DEFAULT_SKIPPED_DIRS

    present = [p for p in entry.paths if (original_root / p).is_file()]
    # Jupyter checkpoints, caches, vendored site-packages: not the application's code; migrator
    # skips them by design, so their calls are not counted as sites
    res.not_discovered = [p for p in present if DEFAULT_SKIPPED_DIRS & set(Path(p).parts[:-1])]
    present = [p for p in present if p not in res.not_discovered]
    res.materialised = len(present)
    if not present:
        return res
    code, data, err = _convert(root, ["--write", *flags])
    if code not in CONVERT_OK or data is None:
        res.crash = f"exit {code}: " + (err.strip().splitlines()[-1] if err.strip() else "no JSON on stdout")
        data = data or {}
    res.failed = [{"path": _rel(f["path"], root), "reason": f["reason"]} for f in data.get("failed", [])]
    for f in res.failed:
        # A "syntax error" on a file this python parses came from the rules' own output.
        if "syntax" in f["reason"].lower() and (original_root / f["path"]).is_file():
            original = _read(original_root / f["path"])
            if f["path"].endswith(NOTEBOOK):  # its code cells, IPython neutralised
                cells = notebook_cells(original)[0]
                if cells is None:
                    f["original_parses"] = False
                    continue
                original = NotebookModule.of(cells).text
            try:
                ast.parse(original)
                f["original_parses"] = True
            except (SyntaxError, ValueError):
                f["original_parses"] = False
    for rule, counts in (data.get("rules") or {}).items():
        res.rules[rule] = Counter({"converted": counts.get("converted", 0), "todo": counts.get("todo", 0)})
    plan = Plan(data.get("plan"), root)
    res.plan_present = plan.present
    findings_by_path = {_rel(r["path"], root): r.get("findings", []) for r in data.get("results", [])}

    code2, data2, err2 = _convert(root, ["--check", *flags])
    if code2 not in (0, 1, 3) or data2 is None:
        res.second_run_crash = f"exit {code2}: " + (err2.strip().splitlines()[-1] if err2.strip() else "no JSON")
    else:
        res.second_run_changed = sorted(_rel(r["path"], root) for r in data2.get("results", [])
                                        if r.get("status") == "changed")

    failed_reasons = {f["path"]: f["reason"] for f in res.failed}
    for path in present:
        before, after = _read(original_root / path), _read(root / path)
        if before != after:
            res.changed.append(path)
        if path.endswith(NOTEBOOK):
            res.notebooks.append(path)
            sites = _measure_notebook(res, path, before, after, findings_by_path.get(path, []), plan, flags)
        else:
            if before != after and not _parses_310(after):
                (res.unparsable if _parses_310(before) else res.unparsable_preexisting).append(path)
            sites, problem = detect_sites(path, before)
            if problem:
                res.detector_unparsable.append(f"{path}: {problem}")
            if sites:
                classify(sites, before, after, findings_by_path.get(path, []), plan, same_sdk=bool(flags))
        failure = failed_reasons.get(path)
        if sites and failure is not None and before == after:
            # The file is reported as failed and left untouched: loud, not silent.
            for site in sites:
                if site.status == "silent":
                    site.status, site.how = "failed-file", f"the file failed: {failure}"
        res.sites.extend(sites)
    res.seconds = time.monotonic() - started
    return res


def _measure_notebook(res: RepoResult, path: str, before: str, after: str, findings: list[dict], plan: Plan,
                      flags: tuple[str, ...]) -> list[Site]:
    """A notebook's sites, each classified on its own cell before and after (cells keep their order:
    migrator never adds or removes one), and its converted cells that no longer parse."""
    sites, problem, module = detect_notebook_sites(path, before)
    if problem:
        res.detector_unparsable.append(f"{path}: {problem}")
    if module is None:
        return sites
    after_cells, after_problem = notebook_cells(after)
    if after_cells is None or [n for n, _ in after_cells] != [n for n, _ in module.cells]:
        why = (f"the output is not a readable notebook ({after_problem})" if after_cells is None else
               f"code cells {[n for n, _ in module.cells]} became {[n for n, _ in after_cells]}")
        res.notebook_mismatches.append(f"{path}: {why}")
        for site in sites:
            site.status, site.how = "silent", f"cannot compare the cells: {why}"
        return sites
    before_raw = dict(notebook_cells(before)[0] or [])
    by_cell = cell_findings(findings)
    for index, ((number, before_code), (_, after_source)) in enumerate(zip(module.cells, after_cells)):
        after_code = neutralise_ipython(after_source)
        if after_source != before_raw.get(number) and not _parses_310(after_code):
            (res.unparsable if _parses_310(before_code) else res.unparsable_preexisting).append(
                f"{path}:cell {number}")
        here = [site for site in sites if site.cell == number]
        if here:
            first, last = module.span(index)
            classify(here, before_code, after_code, by_cell.get(number, []), plan.for_cell(path, first, last, number),
                     same_sdk=bool(flags))
    return sites


def type_check_repo(res: RepoResult, entry: Entry, work: Path, cache: Path, checker: str = "mypy") -> None:
    changed = [p for p in res.changed if p.endswith(".py")]  # notebooks are not type-checked
    if not changed:
        return
    before_root, after_root = work / "before" / entry.slug, work / "after" / entry.slug
    run = run_pyright if checker == "pyright" else run_mypy
    b_errors, p1 = run(before_root, changed, cache)
    a_errors, p2 = run(after_root, changed, cache)
    res.type_problem = "; ".join(p for p in (p1, p2) if p)
    known = {(p, msg) for p, _, msg in b_errors}
    carried = {(p, _error_shape(msg)) for p, _, msg in b_errors}
    maps: dict[str, LineMap] = {}
    for path, line, msg in a_errors:
        if (path, msg) in known:
            continue
        if path not in maps:
            maps[path] = LineMap(_read(before_root / path).splitlines(), _read(after_root / path).splitlines())
        if (path, _error_shape(msg)) in carried:
            # The same error before, worded with the other SDK's types (e.g. a list[dict[str, str]]
            # passed as messages= is rejected by both SDKs' TypedDicts): not introduced.
            res.carried_type_errors.append((path, line, msg))
        elif line in maps[path].changed_after:
            res.new_type_errors.append((path, line, msg))
        else:
            res.new_type_errors_elsewhere.append((path, line, msg))


def _error_shape(msg: str) -> tuple:
    """What an error is about, without the SDK's type names: its code, the argument it names and the
    type the code passed (``Argument "messages" ... incompatible type "list[dict[str, str]]" [arg-type]``)."""
    if msg.endswith("]") and "[report" in msg:  # pyright: Argument of type "T" cannot be assigned to parameter "p"
        code = re.search(r"\[(report\w+)\]$", msg)
        argument = re.search(r'to parameter "([^"]+)"', msg)
        passed = re.match(r'Argument of type "([^"]+)"', msg)
    else:  # mypy
        code = re.search(r"\[([a-z-]+)\]$", msg)
        argument = re.match(r'Argument "?([^" ]+)"? ', msg)
        passed = re.search(r'incompatible type "([^"]+)"', msg)
    if not (argument and passed):
        # The same error about the other SDK's class ("__getitem__" method not defined on type
        # "CreateEmbeddingResponse" / "EmbeddingResponse": the app subscripted a response before too)
        return (re.sub(r'"(?!None"|Unknown")[A-Z][A-Za-z0-9_]*"', '"<class>"', msg),)
    # matched by what the code passed, whatever the argument is called now (input= -> inputs=)
    return (code and code.group(1), passed.group(1))


def measure(args: argparse.Namespace) -> int:
    dest = Path(args.dest).expanduser()
    out = Path(args.out).expanduser()
    refuse_inside_repository(out, "--out")
    entries = load_manifest(Path(args.manifest))
    if args.repo:
        entries = [e for e in entries if e.repo in set(args.repo)]
    if not dest.is_dir():
        raise SystemExit(f"{dest} does not exist: run `materialise` first")
    types = args.types
    flags = ("--target", "openai-compatible", "--provider", args.provider) if args.provider else ()
    if types is None and find_pyright() is not None:
        types = "pyright"  # understands mistralai's union-typed messages= (mypy rejects the SDK's own example)
    if types is None:
        try:
            import mypy  # noqa: F401

            types = "mypy"
        except ImportError:
            progress("neither pyright nor mypy is available: type figures skipped "
                     "(npm install pyright / pip install mypy, or --types none to silence this)")
            types = "none"
    work = Path(tempfile.mkdtemp(prefix="migrator-corpus-"))
    refuse_inside_repository(work, "the temporary directory")
    progress(f"work tree: {work}")
    for entry in entries:
        for side in ("before", "after"):
            for p in entry.files:
                src = dest / entry.slug / p
                if src.is_file():
                    target = work / side / entry.slug / p
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(src, target)
    progress(f"copied {len(entries)} repositories; converting with {args.jobs} job(s)")
    results: dict[str, RepoResult] = {}

    def one(entry: Entry) -> RepoResult:
        res = measure_repo(entry, dest, work, flags)
        progress(f"converted {entry.repo}: {res.materialised} files, {len(res.changed)} changed, "
                 f"{len(res.sites)} sites, {sum(s.status == 'silent' for s in res.sites)} silent"
                 f"{', CRASH ' + res.crash if res.crash else ''} ({res.seconds:.1f}s)")
        return res

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for res in pool.map(one, entries):
            results[res.repo] = res

    if types in ("mypy", "pyright"):
        cache = work / "mypy-cache"
        todo = [e for e in entries if any(p.endswith(".py") for p in results[e.repo].changed)]
        for n, entry in enumerate(todo, 1):
            t0 = time.monotonic()
            res = results[entry.repo]
            type_check_repo(res, entry, work, cache, types)
            new = len(res.new_type_errors) + len(res.new_type_errors_elsewhere)
            progress(f"{types} [{n}/{len(todo)}] {entry.repo}: {len(res.changed)} files, "
                     f"{new} new errors ({time.monotonic() - t0:.1f}s)"
                     f"{' ! ' + res.type_problem[:200] if res.type_problem else ''}")

    figures = summarise(entries, results, types)
    report(figures, results, types)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=1, default=str), encoding="utf-8")
    say(f"\nfigures written to {out}")
    if args.keep:
        say(f"work tree kept: {work} (before/ = originals, after/ = converted)")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def site_figures(sites: list[Site]) -> dict[str, Any]:
    """detected / converted / todo / other provider / silent, and converted as a % of the sites not
    on another provider (None when there are none)."""
    status = Counter(s.status for s in sites)
    reachable = len(sites) - status["other-provider"]
    return {
        "detected": len(sites),
        "converted": status["converted"],
        "todo": status["todo"],
        "other_provider": status["other-provider"],
        "silent": status["silent"],
        "in_failed_files": status["failed-file"],
        "converted_pct": round(100 * status["converted"] / reachable, 1) if reachable else None,
    }


def summarise(entries: list[Entry], results: dict[str, RepoResult], types: str) -> dict[str, Any]:
    rs = [results[e.repo] for e in entries]
    kinds = {e.repo: e.kind or "unclassified" for e in entries}
    sites = [s for r in rs for s in r.sites]
    status = Counter(s.status for s in sites)
    rules: dict[str, Counter] = defaultdict(Counter)
    for r in rs:
        for rule, c in r.rules.items():
            rules[rule].update(c)
    failed = [dict(f, repo=r.repo) for r in rs for f in r.failed]
    rule_failures = [f for f in failed if f["reason"].startswith("internal error") or f.get("original_parses")]
    nb_sites = [s for s in sites if s.cell]
    nb_failed = {(f["repo"], f["path"]) for f in failed if f["path"].endswith(NOTEBOOK)}
    by_kind: dict[str, Any] = {"all": {"repos": len(rs), "files": sum(r.materialised for r in rs),
                                       **site_figures(sites)}}
    for kind in KINDS + ("unclassified",):
        members = [r for r in rs if kinds[r.repo] == kind]
        if members or kind in KINDS:
            by_kind[kind] = {"repos": len(members), "files": sum(r.materialised for r in members),
                             **site_figures([s for r in members for s in r.sites])}
    return {
        "version": 1,
        "repos": len(rs),
        "plan_present": any(r.plan_present for r in rs),
        "files": {
            "manifest": sum(r.files for r in rs),
            "materialised": sum(r.materialised for r in rs),
            "not_discovered": sum(len(r.not_discovered) for r in rs),
            "changed": sum(len(r.changed) for r in rs),
            "failed": len(failed),
        },
        "sites": {
            "detected": len(sites),
            "converted": status["converted"],
            "todo": status["todo"],
            "other_provider": status["other-provider"],
            "silent": status["silent"],
            "in_failed_files": status["failed-file"],
            "claimed_but_shape_present": sum(1 for s in sites if "still there" in s.how),
            "blocking_without_todo": sum(1 for s in sites if "no TODO at the site" in s.how),
        },
        "unparsable_outputs": sum(len(r.unparsable) for r in rs),
        "unparsable_preexisting": sum(len(r.unparsable_preexisting) for r in rs),
        "rule_failures": len(rule_failures),
        "detector_unparsable_originals": sum(len(r.detector_unparsable) for r in rs),
        "idempotency_failures": sum(len(r.second_run_changed) for r in rs),
        "crashes": [f"{r.repo}: {r.crash}" for r in rs if r.crash]
        + [f"{r.repo} (second run): {r.second_run_crash}" for r in rs if r.second_run_crash],
        "type_checker": types,
        "new_type_errors": sum(len(r.new_type_errors) + len(r.new_type_errors_elsewhere) for r in rs)
        if types != "none" else None,
        "new_type_errors_on_changed_lines": sum(len(r.new_type_errors) for r in rs) if types != "none" else None,
        "new_type_errors_on_unchanged_lines": sum(len(r.new_type_errors_elsewhere) for r in rs)
        if types != "none" else None,
        "carried_type_errors": sum(len(r.carried_type_errors) for r in rs) if types != "none" else None,
        "rules": {k: dict(v) for k, v in sorted(rules.items())},
        "notebooks": {
            "files": {
                "manifest": sum(1 for e in entries for p in e.paths if p.endswith(NOTEBOOK)),
                "materialised": sum(len(r.notebooks) for r in rs),
                "changed": sum(1 for r in rs for p in r.changed if p.endswith(NOTEBOOK)),
                "failed": len(nb_failed),
                "with_sites": len({(r.repo, s.path) for r in rs for s in r.sites if s.cell}),
            },
            "sites": {k: v for k, v in site_figures(nb_sites).items() if k != "converted_pct"},
            "unparsable_cells": sum(1 for r in rs for p in r.unparsable if NOTEBOOK + ":cell" in p),
            "cell_count_mismatches": sum(len(r.notebook_mismatches) for r in rs),
            "idempotency_failures": sum(1 for r in rs for p in r.second_run_changed if p.endswith(NOTEBOOK)),
        },
        "by_kind": by_kind,
        "sites_by_surface": {
            surface: dict(Counter(s.status for s in sites if s.surface == surface))
            for surface in sorted({s.surface for s in sites})
        },
        "silent_by_surface": dict(Counter(s.surface for s in sites if s.status == "silent").most_common()),
        "details": {
            "failed": failed,
            "rule_failures": [f"{f['repo']}/{f['path']}: {f['reason']}"
                              + (" (the original parses: the rules produced it)" if f.get("original_parses") else "")
                              for f in rule_failures],
            "silent": [f"{r.repo}/{s.where} {s.surface} ({s.how})" for r in rs for s in r.sites
                       if s.status == "silent"],
            "claimed_but_shape_present": [f"{r.repo}/{s.where} {s.surface}" for r in rs
                                          for s in r.sites if "still there" in s.how],
            "blocking_without_todo": [f"{r.repo}/{s.where} {s.surface}" for r in rs
                                      for s in r.sites if "no TODO at the site" in s.how],
            "notebook_cell_count_mismatches": [f"{r.repo}/{x}" for r in rs for x in r.notebook_mismatches],
            "unparsable_outputs": [f"{r.repo}/{p}" for r in rs for p in r.unparsable],
            "unparsable_preexisting": [f"{r.repo}/{p}" for r in rs for p in r.unparsable_preexisting],
            "idempotency_failures": [f"{r.repo}/{p}" for r in rs for p in r.second_run_changed],
            "new_type_errors": [f"{r.repo}/{p}:{ln} {m}" for r in rs for p, ln, m in r.new_type_errors],
            "new_type_errors_on_unchanged_lines": [f"{r.repo}/{p}:{ln} {m}" for r in rs
                                                   for p, ln, m in r.new_type_errors_elsewhere],
            "type_check_problems": [f"{r.repo}: {r.type_problem}" for r in rs if r.type_problem],
            "detector_unparsable_originals": [f"{r.repo}/{x}" for r in rs for x in r.detector_unparsable],
            "per_repo": {
                r.repo: {
                    "kind": kinds[r.repo], "notebooks": len(r.notebooks),
                    "files": r.materialised, "changed": len(r.changed), "failed": len(r.failed),
                    "sites": len(r.sites), **Counter(s.status for s in r.sites),
                    "new_type_errors": len(r.new_type_errors) + len(r.new_type_errors_elsewhere), "seconds": round(r.seconds, 1),
                }
                for r in rs
            },
            "sites": [asdict(s) | {"repo": r.repo} for r in rs for s in r.sites],
        },
    }


def report(fig: dict[str, Any], results: dict[str, RepoResult], types: str) -> None:
    f, s = fig["files"], fig["sites"]
    nf, ns, nb = fig["notebooks"]["files"], fig["notebooks"]["sites"], fig["notebooks"]
    rows = [  # (figure, value, of which in notebooks)
        ("repositories", fig["repos"], None),
        ("files in the manifest", f["manifest"], nf["manifest"]),
        ("files materialised", f["materialised"], nf["materialised"]),
        ("  under directories migrator skips (not counted)", f["not_discovered"], None),
        ("files changed", f["changed"], nf["changed"]),
        ("files failed", f["failed"], nf["failed"]),
        ("OpenAI sites (detector)", s["detected"], ns["detected"]),
        ("  converted", s["converted"], ns["converted"]),
        ("  kept with a TODO", s["todo"], ns["todo"]),
        ("  other provider", s["other_provider"], ns["other_provider"]),
        ("  in a file that failed (reported, left untouched)", s["in_failed_files"], ns["in_failed_files"]),
        ("  SILENT (must be 0)", s["silent"], ns["silent"]),
        ("  converted per finding, call shape still there", s["claimed_but_shape_present"], None),
        ("  kept: a use blocking its client, with no TODO of its own", s["blocking_without_todo"], None),
        ("unparsable outputs (3.10 grammar; a notebook's per cell)", fig["unparsable_outputs"],
         nb["unparsable_cells"]),
        ("  (original already not 3.10-parsable)", fig["unparsable_preexisting"], None),
        ("rule failures (internal error / syntax error the original lacks)", fig["rule_failures"], None),
        ("originals this python cannot parse (no sites counted)", fig["detector_unparsable_originals"], None),
        ("idempotency failures", fig["idempotency_failures"], nb["idempotency_failures"]),
        ("notebooks whose code cells were added / removed (must be 0)", nb["cell_count_mismatches"], None),
        (f"new type errors ({types}; notebooks not checked)",
         fig["new_type_errors"] if types != "none" else "not measured", None),
        ("  on lines the conversion changed", fig["new_type_errors_on_changed_lines"] if types != "none"
         else "not measured", None),
        ("  on unchanged lines (a read whose type changed)", fig["new_type_errors_on_unchanged_lines"]
         if types != "none" else "not measured", None),
        ("  same error before, other SDK's type names", fig["carried_type_errors"] if types != "none"
         else "not measured", None),
        ("plan in the convert JSON", "yes" if fig["plan_present"] else "no", None),
    ]
    say("\n== corpus figures ==")
    say(f"  {'':<66} {'all':>12} {'notebooks':>10}")
    for name, value, in_notebooks in rows:
        say(f"  {name:<66} {value!s:>12} {'' if in_notebooks is None else in_notebooks:>10}")
    say("\n== sites by kind of repository (converted % of the sites not on another provider) ==")
    say(f"  {'kind':<14} {'repos':>5} {'files':>5} {'sites':>6} {'conv':>6} {'todo':>5} {'other':>5} "
        f"{'failed':>6} {'SILENT':>6} {'conv %':>7}")
    for kind, k in fig["by_kind"].items():
        pct = "-" if k["converted_pct"] is None else f"{k['converted_pct']:.1f}"
        say(f"  {kind:<14} {k['repos']:>5} {k['files']:>5} {k['detected']:>6} {k['converted']:>6} {k['todo']:>5} "
            f"{k['other_provider']:>5} {k['in_failed_files']:>6} {k['silent']:>6} {pct:>7}")
    say("\n== per rule (from the convert JSON) ==")
    for rule, c in fig["rules"].items():
        say(f"  {rule:<8} converted {c.get('converted', 0):>5}  todo {c.get('todo', 0):>5}")
    say("\n== sites by surface ==")
    say(f"  {'surface':<38} {'conv':>5} {'todo':>5} {'other':>5} {'failed':>6} {'SILENT':>6}")
    for surface, c in sorted(fig["sites_by_surface"].items(), key=lambda kv: -sum(kv[1].values())):
        say(f"  {surface:<38} {c.get('converted', 0):>5} {c.get('todo', 0):>5} "
            f"{c.get('other-provider', 0):>5} {c.get('failed-file', 0):>6} {c.get('silent', 0):>6}")
    d = fig["details"]
    for title, key in (("crashes", None), ("failed files", "failed"), ("rule failures", "rule_failures"),
                       ("SILENT sites", "silent"),
                       ("converted per finding but the call shape is still there", "claimed_but_shape_present"),
                       ("uses blocking their client with no TODO at the site", "blocking_without_todo"),
                       ("unparsable outputs", "unparsable_outputs"), ("idempotency failures", "idempotency_failures"),
                       ("notebooks whose code cells were added / removed", "notebook_cell_count_mismatches"),
                       ("new type errors on changed lines", "new_type_errors"),
                       ("new type errors on unchanged lines", "new_type_errors_on_unchanged_lines"),
                       ("type-check problems", "type_check_problems")):
        items = fig["crashes"] if key is None else d[key]
        if not items:
            continue
        say(f"\n== {title} ({len(items)}) ==")
        for item in items:
            if isinstance(item, dict):
                item = f"{item['repo']}/{item['path']}: {item['reason']}"
            say(f"  {item}")


# --------------------------------------------------------------------------- CLI


def main(argv: Optional[Iterable[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--manifest", default=str(MANIFEST), help="default: %(default)s")
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("materialise", aliases=["materialize"], help="write the pinned files under DEST")
    m.add_argument("--dest", default=str(DEFAULT_DEST), help="default: %(default)s")
    m.add_argument("--mirrors", default=str(DEFAULT_MIRRORS),
                   help="where to look for local bare mirrors (default: %(default)s)")
    m.add_argument("--clones", default=str(DEFAULT_CLONES),
                   help="cache for blobless clones from github.com (default: %(default)s)")
    m.add_argument("--no-clone", action="store_true", help="use local mirrors only")
    m.set_defaults(func=materialise)
    c = sub.add_parser("companions", help="record the modules without openai that the pinned files import")
    c.add_argument("--mirrors", default=str(DEFAULT_MIRRORS), help="local bare mirrors (default: %(default)s)")
    c.add_argument("--clones", default=str(DEFAULT_CLONES), help="blobless clones cache (default: %(default)s)")
    c.add_argument("--no-clone", action="store_true", help="use local mirrors only")
    c.set_defaults(func=add_companions)
    ms = sub.add_parser("measure", help="convert a copy of the corpus and report the figures")
    ms.add_argument("--dest", default=str(DEFAULT_DEST), help="the materialised corpus (default: %(default)s)")
    ms.add_argument("--out", default=str(DEFAULT_OUT), help="figures JSON (default: %(default)s)")
    ms.add_argument("--jobs", type=int, default=max(1, (os.cpu_count() or 2) // 2),
                    help="repositories converted at once (default: %(default)s)")
    ms.add_argument("--types", choices=("pyright", "mypy", "none"), default=None,
                    help="type errors introduced (default: pyright when found, else mypy when importable)")
    ms.add_argument("--repo", action="append", help="only this owner/name (repeatable)")
    ms.add_argument("--provider", help="convert with --target openai-compatible --provider PROVIDER "
                                       "(default: the mistral target)")
    ms.add_argument("--keep", action="store_true", help="keep the temporary before/after tree")
    ms.set_defaults(func=measure)
    args = parser.parse_args(list(argv) if argv is not None else None)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
