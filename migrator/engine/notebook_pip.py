"""MIG113: a notebook's ``%pip install openai`` follows its converted code.

Notebooks install what they import in a cell of their own (``%pip install openai``, ``!pip install -q
openai==1.3.0 tiktoken``). Once the code cells are converted (``migrator.engine.notebooks``), the
converted module's imports decide, as for dependency manifests (MIG114): it imports ``mistralai``
and no longer ``openai`` -> the ``openai`` requirement becomes ``mistralai``; it imports both (a
client kept on OpenAI) -> ``mistralai`` is added next to ``openai``; anything else -> left alone.
"""

from __future__ import annotations

import ast
import re

from migrator.engine.results import Finding, FindingKind
from migrator.engine.project_files import ENV_RULE, PIP_LINE, pin_conflicts
from migrator.mapping.env import API_KEY_ENV
from migrator.mapping.packages import NEEDS_OPENAI_PACKAGE, OPENAI_PACKAGE, PACKAGES
from migrator.rules import rule_selected
from migrator.plan.syntax import ast_walk

RULE = "MIG113"
# `%pip install`, `!pip3 install`, `!python -m pip install`, `!uv pip install`, `%pip install --upgrade`,
# `!{sys.executable} -m pip install` (Jupyter's advice before %pip: held-out review 94, Y4)
_PIP_INSTALL = re.compile(r"^[ \t]*(?:[%!][ \t]*)?(?:(?:python3?|\S*/python3?|([\"']?)\{sys\.executable\}\1)"
                          r"[ \t]+-m[ \t]+)?(?:uv[ \t]+)?pip3?[ \t]+install\b")
# a word of the command (quotes kept), or a shell separator (`;`, `&&`, `|`): where the command ends
_TOKEN = re.compile(r"""(?:"[^"]*"|'[^']*'|[^\s'";&|])+|[;&|]+""")
_REQUIREMENT = re.compile(r"([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)[ \t]*(\[[^\]]*\])?[ \t]*(.*)", re.DOTALL)
# pip options that take a value (the next token is not a requirement)
_VALUED = frozenset({"-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url",
                     "--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix", "--root",
                     "--python", "--platform", "--implementation", "--abi", "--python-version", "--src",
                     "--upgrade-strategy", "--progress-bar", "--report", "--log", "--cache-dir", "--proxy",
                     "--retries", "--timeout", "--exists-action", "--trusted-host", "--cert", "--client-cert",
                     "--no-binary", "--only-binary", "--config-settings", "-C", "--global-option"})


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirements(line: str, start: int):
    """(name, has a version specifier, token start, token end) of each requirement from ``start``."""
    skip_next = False
    for match in _TOKEN.finditer(line, start):
        token = match.group()
        if token.startswith("#"):
            return
        if skip_next:
            skip_next = False
            continue
        if token.startswith("-"):
            skip_next = token in _VALUED
            continue
        if token[0] in ";&|":
            return  # another command follows (`openai;pip install x`: the separator ends the name too)
        bare = token.strip("'\"")
        parsed = _REQUIREMENT.fullmatch(bare)
        if parsed and "/" not in bare and not bare.startswith(("$", "{")):
            yield _canonical(parsed.group(1)), bool(parsed.group(3).strip()), match.start(), match.end()


def _modules(code: str) -> set[str]:
    """Every module the code imports (dotted: ``llama_index.llms.mistralai``), anywhere in it."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set()
    found: set[str] = set()
    for node in ast_walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def _imports_module(modules: set[str], name: str) -> bool:
    return any(module == name or module.startswith(name + ".") for module in modules)


def notebook_installs(text: str) -> set:
    """The packages (canonical names) the ``pip install`` lines of a notebook's code cells install (``text``: the
    notebook's JSON; an unreadable one installs nothing)."""
    import json

    try:
        cells = json.loads(text).get("cells", [])
    except (ValueError, AttributeError):
        return set()
    found: set = set()
    for cell in cells if isinstance(cells, list) else ():
        source = cell.get("source", "") if isinstance(cell, dict) and cell.get("cell_type") == "code" else ""
        for line in ("".join(source) if isinstance(source, list) else str(source)).splitlines():
            command = _PIP_INSTALL.match(line)
            if command:
                found |= {name for name, *_ in _requirements(line, command.end())}
    return found


def follow_packages(line: str, start: int, moved, keeps, who: str, quote: str = '"') -> tuple[str, list]:
    """``line`` with the ``pip install`` requirements from ``start`` following ``moved`` packages:
    ``openai`` -> ``"mistralai>=3.7,<4"``, or the new one added next to it where ``keeps(package)``
    (the code still imports the old one, or it is a bundle); with (what changed, was pinned) each."""
    whats = []
    for package in moved:
        requirements = list(_requirements(line, start))
        names = {name for name, *_ in requirements}
        if package.old not in names or package.new in names:
            continue
        _, pinned, begin, end = next(r for r in requirements if r[0] == package.old)
        # always the range: the converted code imports what the range's releases have (mistralai.client:
        # 3.x), and an unpinned install leaves an older release already installed as it is
        wanted = f"{quote}{package.requirement}{quote}"  # quoted: the shell would read `>` and `<` as redirections
        if keeps(package):
            why = "installs other integrations too" if package.bundle else \
                f"still imports {package.old_module} for what stays on OpenAI"
            whats.append((f"also installs {wanted} ({who} {why})", pinned))
            line = line[:end] + " " + wanted + line[end:]
        else:
            whats.append((f"installs {wanted} instead of {line[begin:end]} ({who} now imports "
                          f"{package.new_module})", pinned))
            line = line[:begin] + wanted + line[end:]
    return line, whats


def _pip_segments(notebook) -> list:
    """(mask number, its line, where its requirements start) of each masked ``pip install`` line, and of each line
    continuing one with a backslash (``%pip install -q -U \\`` / ``    langchain-openai \\``: IPython joins them;
    held-out review 148, X2, the requirement on a continuation line was not followed)."""
    out = []
    continued = None  # (the mask number expected next, its cell) while a pip command goes on
    for number, line in sorted(notebook.masks.items()):
        command = _PIP_INSTALL.match(line)
        if command:
            out.append((number, line, command.end()))
        elif continued is not None and continued == (number, notebook.mask_cells.get(number)):
            out.append((number, line, 0))
        else:
            continued = None
            continue
        continued = (number + 1, notebook.mask_cells.get(number)) if line.rstrip().endswith("\\") else None
    return out


def rewrite_pip_magics(notebook, converted: str, config) -> list[Finding]:
    """Rewrite the notebook's masked ``pip install`` lines (``notebook.masks``) for the converted
    module ``converted``; returns a finding per rewritten requirement. Each package of
    ``migrator.mapping.packages.PACKAGES`` whose replacement the converted cells import (mistralai,
    langchain-mistralai, the LlamaIndex Mistral integrations) follows, as in the manifests (MIG114)."""
    from migrator.engine.notebooks import _WRITEFILE, locate

    modules = _modules(converted)
    moved = [p for p in PACKAGES if _imports_module(modules, p.new_module)]
    if not moved or not rule_selected(config, RULE):
        return []
    # a `%%writefile app.py` cell's code is not converted (its TODO says so), and the app it writes runs with what the
    # notebook installs: its imports keep their packages (held-out review 87, Y2: `!chainlit run app.py` then failed
    # on the langchain_openai the pip line no longer installed)
    for cell in notebook.cells:
        if _WRITEFILE.match(cell.text):
            modules |= _modules(cell.text.split("\n", 1)[1] if "\n" in cell.text else "")
    findings = []
    # a bundle's integration (langchain-mistralai beside `%pip install langchain`) is not added where another pip line
    # of the notebook installs it in place of the OpenAI one (held-out review 90, Y8: both cells were edited)
    # (or installs it already: the quoted requirement a first run wrote, held-out review 109, Y2: a second run added it
    # again beside `%pip install langchain`)
    segments = _pip_segments(notebook)
    installed = {package.new for package in moved if not package.bundle for _, line, start in segments
                 if {package.old, package.new} & {name for name, *_ in _requirements(line, start)}}
    moved = [package for package in moved if not (package.bundle and package.new in installed)]
    added: set = set()  # a bundle's integration added once (held-out review 105, Y9: beside `langchain` and again
    # beside `langchain-community` in the same cell)
    dropped = False  # a pip line no longer installs openai
    rewritten: list = []  # (mask number, its original line, json line, cell, line in cell) of each line rewritten
    for number, line, start in segments:
        original = line
        current = [package for package in moved if not (package.bundle and package.new in added)]
        line, whats = follow_packages(line, start, current, lambda package: package.bundle or _imports_module(
            modules, package.old_module) or (package is OPENAI_PACKAGE and NEEDS_OPENAI_PACKAGE.search(converted)),
            "the notebook")  # (a kept integration that imports openai itself: LanceDB's; held-out review 64, Y2)
        if not whats:
            continue
        added |= {package.new for package in current if package.bundle and package.new in line}
        if OPENAI_PACKAGE.old in {name for name, *_ in _requirements(original, start)} and \
                OPENAI_PACKAGE.old not in {name for name, *_ in _requirements(line, start)}:
            dropped = True
        # a pin on the same line that the added package cannot be installed with (langchain-core==0.2.5
        # next to langchain-mistralai 1.1): pip stops with ResolutionImpossible, so a TODO above the line
        conflicts = [c.message.split(": ", 1)[1] for c in pin_conflicts(original, line, PIP_LINE, "pip")]
        indent = line[:len(line) - len(line.lstrip())]
        notebook.masks[number] = "".join(f"{indent}# TODO(migrator {RULE}): {m}\n" for m in conflicts) + line
        module_line = next(i for i, text in enumerate(notebook.module.splitlines(), 1)
                           if text.endswith(f"#{notebook.tag}mask {number}"))
        cell, in_cell, json_line = locate(notebook, module_line)
        for what, pinned in whats:
            findings.append(Finding(RULE, FindingKind.CONVERTED, json_line,
                                    f"cell {cell.number}, line {in_cell}: `{original.strip()}` {what}",
                                    "approximate" if pinned else "exact"))
        findings += [Finding(RULE, FindingKind.TODO, json_line, f"cell {cell.number}, line {in_cell}: {m}", "manual")
                     for m in conflicts]
        rewritten.append((number, original, json_line, cell.number, in_cell))
    # the SDK the converted cells import, where openai came only through a wrapper the line no longer installs
    # (`%pip install langchain-openai faiss-cpu`: langchain-mistralai does not install mistralai; held-out review 137,
    # X3: a fresh kernel failed with ModuleNotFoundError)
    sdk = OPENAI_PACKAGE in moved and not any(  # (each line as rewritten; a TODO may sit above it)
        {OPENAI_PACKAGE.old, OPENAI_PACKAGE.new} &
        {name for name, *_ in _requirements((notebook.masks[number].splitlines() or [""])[-1], start)}
        for number, _, start in segments)
    for number, original, json_line, cell_number, in_cell in rewritten[:1] if sdk else ():
        masked = notebook.masks[number]
        line = masked.rstrip("\n")
        wanted = f'"{OPENAI_PACKAGE.requirement}"'
        notebook.masks[number] = line + " " + wanted + masked[len(line):]
        findings.append(Finding(RULE, FindingKind.CONVERTED, json_line,
                                f"cell {cell_number}, line {in_cell}: `{original.strip()}` also installs {wanted} (the "
                                f"notebook now imports {OPENAI_PACKAGE.new_module}, which the packages it installed "
                                "brought as openai, and the Mistral integrations do not)", "exact"))
    for number, line in sorted(notebook.masks.items()) if dropped else ():
        if _NOTEBOOK_OPENAI_CLI.match(line):
            # `!openai api chat.completions.create ...`: the CLI the pip line no longer installs (held-out review 107,
            # Y4: silent, while the same line in a .sh file was flagged)
            shown = line.strip()
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            message = (f"`{shown}` runs the openai package's command-line tool, which this notebook's pip line no "
                       "longer installs (command not found): remove it, or call Mistral's SDK in Python instead")
            indent = line[:len(line) - len(line.lstrip())]
            notebook.masks[number] = f"{indent}# TODO(migrator {RULE}): {message}\n" + line
            module_line = next(i for i, text in enumerate(notebook.module.splitlines(), 1)
                               if text.endswith(f"#{notebook.tag}mask {number}"))
            cell, in_cell, json_line = locate(notebook, module_line)
            findings.append(Finding(RULE, FindingKind.TODO, json_line, f"cell {cell.number}, line {in_cell}: {message}",
                                    "manual"))
    return findings


# `!openai api ...` / `!openai --version` in a notebook (the openai package's CLI)
_NOTEBOOK_OPENAI_CLI = re.compile(r"^[ \t]*!\s*openai[ \t]+(?:-V\b|--version\b|api\b|tools\b|migrate\b|-h\b|--help\b)")


DATABRICKS_HEAD = "# Databricks notebook source"
_DATABRICKS_MAGIC = re.compile(r"^# MAGIC[ \t]+")


def follow_databricks_magics(original: str, code: str, config) -> tuple[str, list[Finding]]:
    """A Databricks notebook exported as ``.py`` (``# Databricks notebook source``; a magic is a ``# MAGIC %pip
    install openai`` comment line): its pip lines follow the converted ``code`` as an ``.ipynb``'s do (held-out
    review 39, Q7: the notebook imported mistralai and installed openai). ``original``: the file as read, whose
    line numbers the findings give."""
    if not code.startswith(DATABRICKS_HEAD) or not rule_selected(config, RULE):
        return code, []
    modules = _modules(code)
    moved = [p for p in PACKAGES if _imports_module(modules, p.new_module)]
    if not moved:
        return code, []
    numbers = {}  # a magic line's text -> its line numbers in the original, in order
    for number, line in enumerate(original.splitlines(), 1):
        if _DATABRICKS_MAGIC.match(line):
            numbers.setdefault(line, []).append(number)
    lines = code.splitlines(keepends=True)
    findings = []
    for index, line in enumerate(lines):
        magic = _DATABRICKS_MAGIC.match(line)
        command = _PIP_INSTALL.match(line[magic.end():]) if magic else None
        if command is None:
            continue
        body = line.rstrip("\r\n")
        new, whats = follow_packages(body, magic.end() + command.end(), moved,
                                     lambda package: package.bundle or _imports_module(modules, package.old_module),
                                     "the notebook")
        if not whats:
            continue
        lines[index] = new + line[len(body):]
        number = (numbers.get(body) or [0]).pop(0) if numbers.get(body) else 0
        findings += [Finding(RULE, FindingKind.CONVERTED, number, f"`{body.strip()}` {what}",
                             "approximate" if pinned else "exact") for what, pinned in whats]
    return "".join(lines), findings


class NotebookPip:
    """A notebook's ``pip install openai`` magic follows its converted code.

    **What it does.** In a notebook (``.ipynb``) whose code cells the rules converted, a ``%pip
    install`` / ``!pip install`` line (also ``!pip3``, ``!python -m pip``, ``!uv pip``) that installs
    ``openai`` installs ``mistralai`` instead when the converted notebook imports ``mistralai`` and no
    longer ``openai``; when it still imports ``openai`` (a client kept on OpenAI), ``mistralai`` is
    added next to ``openai``, as ``"mistralai>=3.7,<4"`` (quoted for the shell): the converted cells
    import ``mistralai.client``, which older mistralai releases lack, and an unpinned install leaves an
    older one in the kernel as it is. Options, other packages and comments on the line stay as they are.
    The wrappers MIG116 / MIG121 convert follow the same way, as in the manifests (MIG114):
    ``langchain-openai`` -> ``"langchain-mistralai>=1.1,<2"``, ``llama-index-llms-openai`` ->
    ``"llama-index-llms-mistralai>=0.11,<0.12"``, ``llama-index-embeddings-openai`` -> its Mistral
    counterpart (added next to the ``llama-index`` bundle).

    A pin on the same line that the added package cannot be installed with (``pydantic==2.5.3`` next to
    mistralai, which needs pydantic>=2.11.2; ``langchain-core==0.2.5`` next to langchain-mistralai)
    gets a TODO above the line, as MIG114 reports it in a manifest.

    A Databricks notebook exported as a ``.py`` file (its first line ``# Databricks notebook source``, each
    magic a ``# MAGIC %pip install openai`` comment) follows the same way.

    **Why.** The notebook's first cell installs what the others import: after conversion it must
    install ``mistralai``, and keep ``openai`` only while some code still imports it.

    **Fix safety.** exact for a bare name; approximate for a pinned one (the version range is
    migrator's: the SDK it converts to, not a lock).

    **Known limits.** ``-r requirements.txt`` lines are left to MIG114 (the manifest itself); ``pip``
    calls inside ``%%bash`` cells, ``subprocess`` calls and ``%conda install`` are left as they are.

    **openai-compatible target.** The code keeps the ``openai`` SDK: the line is left alone.
    """

    CODE = RULE
    NAME = "notebook-pip"
    SAFETY = "approximate"
    TARGETS = ("mistral", "openai-compatible")
    DESCRIPTION = ("a notebook's %pip / !pip install openai -> mistralai (added next to openai when a client is kept); "
                   "langchain-openai / llama-index OpenAI integrations -> their Mistral counterparts")
    LANGUAGE = "text"
    BEFORE = "# a notebook cell\n%pip install -q openai tiktoken\n"
    AFTER = "# a notebook cell\n%pip install -q \"mistralai>=3.7,<4\" tiktoken\n"


_ENV_MAGIC = re.compile(r"^\s*%(?:set_)?env\s+OPENAI_API_KEY\b")


def flag_env_magics(notebook, converted: str, config) -> list[Finding]:
    """A TODO above each ``%env OPENAI_API_KEY ...`` line of a notebook whose converted cells import
    mistralai (the converted client reads MISTRAL_API_KEY): the value is a secret, so it is never
    rewritten nor shown; the line is left for a person."""
    from migrator.engine.notebooks import locate

    imports = {module.split(".")[0] for module in _modules(converted)}
    if "mistralai" not in imports or not rule_selected(config, ENV_RULE):
        return []
    # (the notebook still imports openai: a kept client may read OPENAI_API_KEY, or the import is a leftover; it was
    # said "a client kept on OpenAI still reads" where none was kept: held-out review 45, A17)
    message = (f"set {API_KEY_ENV} here too (with a Mistral key): the converted client reads it; keep "
               "OPENAI_API_KEY only while code that still imports openai needs it") if "openai" in imports else \
        f"the converted client reads {API_KEY_ENV}: set that (with a Mistral key) instead of OPENAI_API_KEY"
    todo = f"# TODO(migrator {ENV_RULE}): {message}"
    findings = []
    for number, line in sorted(notebook.masks.items()):
        if not _ENV_MAGIC.match(line) or todo in line:
            continue
        module_line = _mask_line(notebook, number)
        lines = notebook.module.splitlines()
        if module_line >= 2 and lines[module_line - 2].strip() == todo:
            pass  # a second run: the TODO is there already
        else:
            indent = line[:len(line) - len(line.lstrip())]
            notebook.masks[number] = f"{indent}{todo}\n{line}"
        cell, in_cell, json_line = locate(notebook, module_line)
        findings.append(Finding(ENV_RULE, FindingKind.TODO, json_line, f"cell {cell.number}, line {in_cell}: {message}"))
    return findings


def _mask_line(notebook, number: int) -> int:
    """The line of the notebook's module holding its mask ``number`` (a magic line)."""
    return next(i for i, text in enumerate(notebook.module.splitlines(), 1)
                if text.endswith(f"#{notebook.tag}mask {number}"))


# `%env OPENAI_MODEL=gpt-4o-mini` / `%env OPENAI_MODEL gpt-4o-mini` / `%set_env ...`: mapped as MIG102 maps the model
# names of converted calls
MODEL_RULE = "MIG102"
_ENV_MODEL_MAGIC = re.compile(r"^(?P<head>\s*%(?:set_)?env\s+(?P<var>\w+)(?:\s*=\s*|\s+))"
                              r"(?P<value>[\w.:/-]+)(?P<tail>\s*)$")


def map_env_model_magics(notebook, config, filename: str) -> list[Finding]:
    """``%env OPENAI_MODEL=gpt-4o-mini`` in a notebook whose every read of that variable is a converted call's model=
    (the plan's model_env_reads): the value is mapped, as ``os.environ["OPENAI_MODEL"] = ...`` is (held-out review 118,
    Y4: the notebook's first cell kept an OpenAI model, which its converted calls then sent to Mistral)."""
    from migrator.engine.notebooks import locate
    from migrator.mapping.models import slot_model_literal

    plan = getattr(config, "plan", None)
    reads = getattr(plan, "model_env_reads", frozenset()) if plan is not None else frozenset()
    if not reads or not rule_selected(config, MODEL_RULE):
        return []
    variables = {variable for path, variable in reads if path == filename}
    findings = []
    for number, line in sorted(notebook.masks.items()):
        found = _ENV_MODEL_MAGIC.match(line)
        if found is None or found.group("var") not in variables:
            continue
        value = found.group("value")
        target = slot_model_literal(value, config.models())
        if target is None or target == value:
            continue
        notebook.masks[number] = found.group("head") + target + found.group("tail")
        cell, in_cell, json_line = locate(notebook, _mask_line(notebook, number))
        findings.append(Finding(MODEL_RULE, FindingKind.CONVERTED, json_line,
                                f"cell {cell.number}, line {in_cell}: model name {value!r} -> {target!r} (%env "
                                f"{found.group('var')}: only converted calls' model= reads it)", "exact"))
    return findings
