"""The project files around the code: dependency manifests (MIG114) and env / deploy files (MIG115).

They are edited after the Python modules (and notebooks) are converted, from two facts only:

* what the **converted** code imports: a manifest gains ``mistralai>=3.7,<4`` when the code under
  its directory now imports ``mistralai``; it loses ``openai`` only when none of that code imports
  ``openai`` any more (a kept client, an exception class, a type). A manifest that does not declare
  ``openai`` is never touched.
* what the **plan** kept: ``OPENAI_API_KEY`` becomes the target's key variable (``MISTRAL_API_KEY``)
  in example env files, compose files and CI workflows only when no client kept on OpenAI reads it
  (``ConversionPlan.kept_env``) and no code still names it; when some do, the new variable is added
  next to the old one. A real env file (``.env``, ``.env.production``) is never changed: it is
  reported, and no value from it ever reaches a diff, a log or a report.

Every edit is made on the text, line by line, so the file's formatting, comments and order stay as
they were; TOML and YAML edits are then parsed back and compared with the intended change, and an
edit that does not round-trip is not made (a TODO finding says what to do by hand). Each TODO is also
written into the file as a ``# TODO(migrator MIGnnn)`` comment above its line, where the file takes
one and means the same with it (``_with_written_todos``). Manifests: requirements files, pyproject.toml,
setup.cfg / setup.py, Pipfile and conda's environment.yml (its ``pip:`` list).
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import os
import posixpath
import re
import shlex
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Optional

from migrator.engine.results import Changed, Failed, Finding, FindingKind, RuleOutcome, Unchanged
from migrator.engine.walk import (
    CONDA,
    DEPLOY,
    DEPLOY_DIRS,
    ENV_FILE,
    MANIFEST_KINDS,
    PIPFILE,
    PYPROJECT,
    PYTHON,
    REQUIREMENTS,
    SETUP_CFG,
    INFRA_SUFFIXES,
    SHELL_SUFFIXES,
    file_kind,
    read_regular,
)
from migrator.mapping.client import LOCAL_SERVER_KEYS, MISTRAL_SERVER, REAL_OPENAI_KEY
from migrator.mapping.env import (BASE_URL_VARS, DOCKER_RUN_VALUED, DOCKER_RUNNERS, OPENAI_CLIENT_IMAGES,
                                  SERVER_URL_ENV, SETTINGS_BASES)
from migrator.mapping.llamaindex import EMBEDDING_MODULES as LLAMAINDEX_EMBEDDING_MODULES, imports_openai_wrapper
from migrator.mapping.models import OPENAI_MODEL_TOKEN, chat_model_literal, is_mistral_model, slot_model_literal
from migrator.mapping.transforms import strip_v1
from migrator.mapping.packages import (CAPPING_PINS, COMPANION_PINS, INSTRUCTOR_OPENAI, LANGCHAIN_OPENAI_FOR_OPENAI_2,
                                       NEED_SCOPES, NEEDS_LANGCHAIN_OPENAI, NEEDS_OPENAI_PACKAGE, OPENAI_PACKAGE,
                                       PACKAGES,
                                       PYDANTIC_V1_SETTINGS, UNENFORCED_NEEDS, Package)
from migrator.plan.syntax import ast_walk

DEPENDENCY_RULE = "MIG114"
ENV_RULE = "MIG115"
OPENAI_KEY = "OPENAI_API_KEY"

# (at a line's start, or after a `;`: `import os; from openai import OpenAI` still imports it)
_IMPORT = r'(?:^|;)[ \t]*"?(?:from[ \t]+{0}\b|import[ \t]+(?:[\w.]+[ \t]*(?:as[ \t]+\w+[ \t]*)?,[ \t]*)*{0}\b)'
_IMPORTS: dict = {}


def _imports(module: str):
    """The regular expression that finds an import of ``module`` (in a .py file or a notebook's JSON)."""
    if module not in _IMPORTS:
        _IMPORTS[module] = re.compile(_IMPORT.format(re.escape(module)), re.MULTILINE)
    return _IMPORTS[module]


_KEY_TOKEN = re.compile(r"\bOPENAI_API_KEY\b")
_NOT_CODE_DIRS = frozenset({"node_modules", "__pycache__", "venv", "env", "site-packages", "build", "dist"})


def _code_walk(directory: str):
    """(directory, its file names) under ``directory`` on disk, past hidden, virtualenv and build directories."""
    for root, dirs, files in os.walk(directory or "."):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in _NOT_CODE_DIRS]
        yield root, files


def _python_files_under(directory: str, limit: int = 2000) -> list:
    """The Python modules under ``directory`` on disk (the run reads only those naming openai); ``[None]`` past
    ``limit`` files."""
    found: list = []
    for root, files in _code_walk(directory):
        found.extend(posixpath.join(root.replace("\\", "/"), name) for name in files if name.endswith(".py"))
        if len(found) > limit:
            return [None]
    return found


def _has_code(directory: str) -> bool:
    """Is there a Python module or a notebook on disk under ``directory``?"""
    return any(name.endswith((".py", ".ipynb")) for _root, files in _code_walk(directory) for name in files)


# the files of a directory above a manifest that tell how the project is installed
_INSTALL_DOCS = ("README.md", "README.rst", "README.txt", "README", "Makefile", "install.sh", "setup.sh", "Dockerfile")


def _installed_from_above(path: str) -> bool:
    return installed_from(path) is not None


def installed_from(path: str) -> Optional[str]:
    """The directory above the manifest at ``path`` whose README (or install script, Makefile, Dockerfile) names it by
    its path from there (``pip install -r setup/requirements.txt``), else None: it installs the project from there, not
    only the code beside it (held-out review 150, Y2: a course's setup/requirements.txt, beside a verify_setup.py, kept
    openai while the modules its README installs it for were converted)."""
    path = path.replace("\\", "/")
    above = posixpath.dirname(posixpath.dirname(path))
    for _level in range(3):
        relative = posixpath.relpath(path, above or ".")
        for name in _INSTALL_DOCS:
            try:
                with open(posixpath.join(above, name) if above else name, encoding="utf-8", errors="replace") as doc:
                    if re.search(r"(?<![\w./-])(?:\./)?" + re.escape(relative) + r"\b", doc.read(1 << 20)):
                        return above
            except OSError:
                continue
        if not above or above in (".", "/"):
            break
        above = posixpath.dirname(above)
    return None


def _without_todos(text: str) -> str:
    return "".join(line for line in text.splitlines(keepends=True) if "TODO(migrator " not in line)


# `from app.llm import ask, Bot` / `import app.llm` (absolute imports: a relative one stays in its directory)
_IMPORTED = re.compile(r"^[ \t]*(?:from[ \t]+(?P<module>[A-Za-z_][\w.]*)[ \t]+import[ \t]+(?P<names>\([^)]*\)|[^\n#]+)"
                       r"|import[ \t]+(?P<plain>[A-Za-z_][\w.]*))", re.MULTILINE)
# OPENAI_API_KEY as code names the variable (a string: `os.getenv("OPENAI_API_KEY")`, `${OPENAI_API_KEY}`, `%env`),
# not a Python name that holds what another read gave it (`OPENAI_API_KEY = os.getenv("MISTRAL_API_KEY")`, the constant
# MIG101 renamed the read of: held-out review 15, N-D7, the env example kept a variable nothing read)
# (the name quoted alone, not a message naming it: `raise ValueError("OPENAI_API_KEY is not set")` reads nothing;
# held-out review 107, X3: "main.py still reads it" kept the old key in .env.example and CI)
_KEY_NAMED = re.compile(r"""(?:["']OPENAI_API_KEY\\?["']|\\"OPENAI_API_KEY\\"|[${]\{?OPENAI_API_KEY\b|%env\s+"""
                        r"""OPENAI_API_KEY\b)""")
# A line that only sets the variable in its own process (`os.environ["OPENAI_API_KEY"] = "..."`): no reader (held-out
# review 94, Y6: "app.py still reads it" kept a setup script's OPENAI_API_KEY for a module that only set it)
_KEY_WRITTEN = re.compile(r"""^\s*(?:os\.)?environ\[\s*\\?["']OPENAI_API_KEY\\?["']\s*\]\s*=(?!=)""")
_SETTINGS_KEY_FIELD = re.compile(r"^[ \t]+openai_api_key[ \t]*:", re.MULTILINE | re.IGNORECASE)
# What MIG116 / MIG121 convert reads MISTRAL_API_KEY: env files follow them as they follow the SDK's clients.
_WRAPPER_RULES = ("MIG116", "MIG121")
# A read of an environment variable in code (or a notebook's JSON, quotes escaped): its default, or
# the ``or "..."`` fallback after it.
_Q = r"""\\?["']"""
_VALUE = r"""[^"'\\\n]*"""
_ENV_READ = re.compile(
    rf"(?:getenv|environ\.get)\(\s*(?:key\s*=\s*)?{_Q}(?P<name>[A-Za-z_][A-Za-z0-9_]*){_Q}\s*"
    rf"(?:,\s*(?:default\s*=\s*)?(?:{_Q}(?P<default>{_VALUE}){_Q}|(?P<constant>[A-Za-z_][A-Za-z0-9_]*))\s*)?\)"
    rf"(?:\s*or\s*{_Q}(?P<fallback>{_VALUE}){_Q})?"
    rf"|environ\[\s*{_Q}(?P<indexed>[A-Za-z_][A-Za-z0-9_]*){_Q}\s*\]")
# A module-level string constant (``DEFAULT_MODEL = "mistral-embed"``), the default of an env read.
_BOUND_CONSTANT = r"""^{name}[ \t]*(?::[^=\n]*)?=[ \t]*["'](?P<value>[^"'\\\n]*)["'][ \t]*(?:#.*)?$"""
# A pydantic settings field with a string default (``    openai_model: str = "mistral-small-latest"``).
# (`Field("gpt-4o-mini", ...)` / `Field(default="...")` too: held-out review 88, X5, its env values were left)
_SETTINGS_FIELD = re.compile(r"""^[ \t]+(?P<field>[A-Za-z_][A-Za-z0-9_]*)[ \t]*:[ \t]*str[ \t]*=[ \t]*"""
                             r"""(?:(?:pydantic\.)?Field\([ \t]*(?:default[ \t]*=[ \t]*)?)?"""
                             r"""["'](?P<value>[^"'\\\n]*)["']""", re.MULTILINE)
_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?")
# (and `.env.reference`: a workshop's template, `OPENAI_API_KEY = <your_openai_api_key>`; held-out review 148, X5)
_EXAMPLE_WORDS = ("example", "sample", "template", "dist", "default", "tmpl", "tpl", "skeleton", "reference")
# What an OpenAI secret key looks like (sk-..., sk-proj-...): such a value is never copied or shown.
# Not a placeholder shaped like one, in one case of letters alone (`sk-proj-your_openai_api_key_here`,
# `sk-XXXXXXXX...`): a random key mixes cases and digits (held-out review 25, B4).
_REAL_KEY = REAL_OPENAI_KEY


# an OpenAI SDK client or the v0 module's calls: code that reads OPENAI_API_KEY unless told otherwise
_OPENAI_CLIENT_USE = re.compile(r"\b(?:Async)?(?:Azure)?OpenAI\s*\(|\bopenai\.[A-Z]\w*\.a?create\b|"
                                r"^\s*(?:import openai|from openai\b)", re.MULTILINE)


def canonical(name: str) -> str:
    """PEP 503 normalised project name."""
    return re.sub(r"[-_.]+", "-", name).lower()


DOC_SUFFIXES = (".md", ".mdx", ".rst")
_NOT_DOCS = frozenset({"node_modules", "venv", "site-packages", "__pycache__", "dist", "build"})


def files_naming(start: str, word: str, limit: int = 8, wanted: Callable[[str], bool] = lambda name: True,
                 skip: frozenset = frozenset(), pattern: Optional[re.Pattern] = None) -> list:
    """(path, line) of the files under ``start`` (hidden, vendored and ``skip`` directories aside; ``wanted``: their
    names) naming ``word``: the first line naming it (``pattern``: the first line matching it, files without one
    aside), at most ``limit`` files, in sorted order. Each file is read once."""
    found: list = []
    for directory, dirnames, filenames in os.walk(start):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in _NOT_DOCS and d not in skip)
        for name in sorted(filenames):
            path = os.path.join(directory, name)
            if not wanted(name) or os.path.islink(path):
                continue
            problem, _, data = read_regular(path, 1_000_000)
            if problem or word.encode() not in data:
                continue
            text = data.decode("utf-8", errors="replace")
            line = next((number for number, text_line in enumerate(text.splitlines(), 1)
                         if (pattern.search(text_line) if pattern is not None else word in text_line)), 0)
            if line:
                found.append((os.path.normpath(path).replace(os.sep, "/"), line))
                if len(found) >= limit:
                    return found
    return found


def docs_naming(start: str, word: str, limit: int = 8) -> list:
    """(path, line) of the docs under ``start`` (Markdown, reStructuredText; hidden and vendored directories aside)
    naming ``word``, the first line of each, at most ``limit`` files, in sorted order. A variable's name is matched
    whole: ``VITE_OPENAI_API_KEY`` is a frontend's own variable, not OPENAI_API_KEY (held-out review 172, Y2)."""
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)") if re.fullmatch(r"[A-Z][A-Z0-9_]+", word) else None
    return files_naming(start, word, limit, lambda name: name.lower().endswith(DOC_SUFFIXES), pattern=pattern)


# a config value naming the key's variable (`api_key_env: "OPENAI_API_KEY"`, `"key_var": "OPENAI_API_KEY"`)
# (a setting named for the key's variable, `api_key_env` / `key_var` / `api_key_name`: not render.yaml's `- key:
# OPENAI_API_KEY` nor Cloud Build's `env: 'OPENAI_API_KEY'`, which declare the variable itself)
_KEY_AS_VALUE = re.compile(rb"""(?im)^[ \t]*["']?\w*key\w*?(?:env|var|variable|name)["']?[ \t]*[:=][ \t]*"""
                           rb"""["']?OPENAI_API_KEY["']?[ \t]*(?:#|,|$)""")
_CONFIG_SUFFIXES = (".yaml", ".yml", ".json", ".toml")
# an environment read of a computed name (`os.getenv(config["openai"]["api_key_env"])`, `os.environ[name]`)
_COMPUTED_ENV_READ = re.compile(r"""\b(?:getenv|environ\.get)\(\s*(?!["'])[\w\[]|\benviron\[\s*(?!["'])\w""")


def _config_naming_key(path: str) -> str:
    """The config file (YAML / JSON / TOML) beside the env file at ``path`` that names OPENAI_API_KEY as a value: the
    variable the code reads its key from (``os.getenv(config["openai"]["api_key_env"])``), else ""."""
    directory = os.path.dirname(path) or "."
    try:
        names = sorted(os.listdir(directory))
    except OSError:
        return ""
    for name in names:
        if not name.lower().endswith(_CONFIG_SUFFIXES) or name.startswith(".") or \
                name.lower() in ("package.json", "package-lock.json", "tsconfig.json") or _COMPOSE_NAME.match(name):
            continue
        problem, _, data = read_regular(os.path.join(directory, name), 1_000_000)
        if not problem and _KEY_AS_VALUE.search(data):
            return name
    return ""


# a requirement with an `openai` extra (`langchain[openai]`, `"langchain[anthropic,openai]>=0.3"`)
_OPENAI_EXTRA = re.compile(r"^[ \t]*[\"']?[A-Za-z0-9][\w.-]*\[[^\]]*\bopenai\b[^\]]*\]")


def docs_matching(start: str, word: str, pattern: re.Pattern, limit: int = 8) -> list:
    """(path, line) of the docs under ``start`` naming ``word`` whose first line matching ``pattern`` is given, at most
    ``limit`` files, in sorted order (``docs_naming``'s walk)."""
    return files_naming(start, word, limit, lambda name: name.lower().endswith(DOC_SUFFIXES), pattern=pattern)


def _served_directory(path: str) -> str:
    """The directory whose code an env or deploy file at ``path`` serves: its own, or for a CI workflow
    (``sub/.github/workflows/test.yml``) the repository that holds it (held-out review 89, Y16: a vendored project's
    workflow was told to pass the key "for the converted clients" of another project)."""
    directory = posixpath.dirname(path.replace("\\", "/"))
    if directory == ".github" or directory.startswith(".github/"):
        return ""
    head, sep, _ = directory.partition("/.github/")
    if not sep and directory.endswith("/.github"):
        head, sep = directory[:-len("/.github")], "/"
    return head if sep else directory


@dataclass
class CodeFacts:
    """What the converted code says, for the project files (paths as the run shows them)."""

    texts: dict = field(default_factory=dict)  # path -> converted text (Python modules, notebooks)
    # path -> text before the run, for the files it changed (None: not known, every text counts as written by it)
    originals: dict | None = None
    kept_env: frozenset = frozenset()  # the plan's: variables kept OpenAI clients read implicitly
    kept_env_paths: dict = field(default_factory=dict)  # the plan's: variable -> files of those readers
    converted_env: frozenset = frozenset()  # the plan's: variables converted clients read and no kept client does
    target: str = "mistral"  # the run's target (the base-URL variable is the mistral target's)
    provider: str = "Mistral"  # whose key the converted code reads (--provider's name on openai-compatible)
    any_converted: bool = False
    key_env: str | None = "MISTRAL_API_KEY"  # the variable converted clients read
    rules: frozenset = frozenset({DEPENDENCY_RULE, ENV_RULE})  # after --select / --ignore
    models: dict = field(default_factory=dict)  # the run's model map (--model, the provider's)
    manifests: tuple = ()  # the run's dependency manifests: a nested one answers for its own subtree
    manifest_texts: dict = field(default_factory=dict)  # path -> text of the manifests read
    model_env: frozenset = frozenset()  # the plan's: variables of settings fields only converted model= reads
    model_env_reads: frozenset = frozenset()  # the plan's: (path, variable) whose reads there only model= reads
    # the plan's: modules whose LlamaIndex index embeds with the default OpenAIEmbedding (no embed model set)
    default_embedding: frozenset = frozenset()
    default_llm: frozenset = frozenset()  # (the same for LlamaIndex's default LLM)
    # the settings / variables whose OpenAI vector size the plan flagged (``VECTOR_DIM: int = 3072``, upper-cased)
    dimension_vars: frozenset = frozenset()
    # code the run left as it was though it uses openai (excluded, too large, failed): path -> why (its text is in
    # texts): what it reads and imports stays (held-out review 64, X1)
    unconverted: dict = field(default_factory=dict)
    # variables whose reads keep an OpenAI default, though converted calls send them as their model (the code's TODO
    # says why: LEFT_MODEL_VARIABLE): an example env file's OpenAI value for one gets a TODO (held-out review 81, X5)
    left_model_vars: frozenset = frozenset()

    def dependency_scope(self, path: str) -> dict:
        """The code a dependency manifest at ``path`` governs: ``scope``, minus the subtrees of deeper
        directories with a manifest of their own (held-out review 5, graph-it-uk: the root requirements
        got mistralai for a converted worker/ that declares its own)."""
        scope = self.scope(path)
        directory = posixpath.dirname(path.replace("\\", "/"))
        nested = {posixpath.dirname(m.replace("\\", "/")) for m in self.manifests}
        nested = {d for d in nested if d != directory and (not directory or d.startswith(directory + "/"))}
        if nested and posixpath.basename(path) == "pyproject.toml" and \
                "[tool.poetry" in self.manifest_texts.get(path, ""):
            # a requirements file `poetry export` wrote below it answers for no sub-project of its own: this
            # pyproject is its source (held-out review 66, X6: the export gained mistralai, the pyproject kept
            # openai, and the next export dropped mistralai)
            nested = {d for d in nested if not any(
                posixpath.dirname(m.replace("\\", "/")) == d and _poetry_export(self.manifest_texts.get(m, ""))
                for m in self.manifests)}
        if not nested:
            return scope
        own = {p: t for p, t in scope.items()
               if not any(p.replace("\\", "/").startswith(d + "/") for d in nested)}
        return own

    def scope(self, path: str) -> dict:
        """The code a manifest at ``path`` governs: the files under its directory, else (``requirements/base.txt``)
        all but the code under a sibling sub-project's own manifest (held-out review 12, N2: a/requirements.txt,
        with no code beside it, got b/'s LangChain conversion and a pin conflict with its own)."""
        directory = posixpath.dirname(path.replace("\\", "/"))
        inside = self._inside(path)
        if inside and not _installed_from_above(path):
            return inside
        has_code = self.__dict__.setdefault("_has_code", {})  # directory -> bool (for this run: files change between)
        if directory and directory not in has_code:
            has_code[directory] = _has_code(directory)
        if directory and has_code[directory] and not _installed_from_above(path):
            # a sub-project's manifest beside code that names no openai (read by no step): that code is what it
            # governs, not the rest of the tree (held-out review 117, Y4: a sibling Poetry package was told about the
            # root's converted notebook, its path cut, and kept the root manifest from getting the dependency)
            return {}
        siblings = {posixpath.dirname(m.replace("\\", "/")) for m in self.manifests}
        siblings = {d for d in siblings if d and d != directory and not (directory + "/").startswith(d + "/")}
        return {p: t for p, t in self.texts.items()
                if not any(p.replace("\\", "/").startswith(d + "/") for d in siblings)}

    def model_vars(self, scope: "dict | None" = None) -> frozenset:
        """Environment variables that name the model of converted calls: every read of them in the
        converted code falls back to a model of the target (``os.getenv("OPENAI_MODEL",
        "mistral-small-latest")``, a default MIG102 mapped), so a value an example env file gives them
        is sent to the target too; so is the variable of a pydantic settings field without a default
        that only converted calls' model= read (the plan's ``model_env``; held-out review 7, D1). A read
        without such a default (another use, a kept client) rules the variable out. ``scope``: the code whose reads
        count (a Compose service's build context), else all of it."""
        targets = {target for target in self.models.values() if target}
        verdict: dict[str, bool] = dict.fromkeys(self.model_env, True)  # a settings field with no default
        texts = self.texts if scope is None else scope
        # (a config module the run did not read as code, whose read only converted calls' model= read: review 87, X3)
        verdict.update(dict.fromkeys({name for path, name in self.model_env_reads if path not in self.texts}, True))
        # (and one read as a Streamlit secret, `model=st.secrets["OPENAI_MODEL"]`, which the reads below do not see:
        # held-out review 88, Y8)
        verdict.update(dict.fromkeys({name for path, name in self.model_env_reads
                                      if f'secrets["{name}"]' in self.texts.get(path, "") or
                                      f"secrets['{name}']" in self.texts.get(path, "")}, True))
        for path, text in texts.items():
            for match in _ENV_READ.finditer(text):
                name = match.group("name") or match.group("indexed")
                default = match.group("default") or match.group("fallback")
                if match.group("constant"):  # os.getenv("LLM", DEFAULT_MODEL): the module's constant
                    bound = re.search(_BOUND_CONSTANT.format(name=match.group("constant")), text, re.MULTILINE)
                    default = bound.group("value") if bound else None
                good = default is not None and (is_mistral_model(default) or default in targets) or (
                    default is None and not match.group("constant") and (path, name) in self.model_env_reads)
                verdict[name] = verdict.get(name, True) and good
            if any(base in text for base in SETTINGS_BASES) and "env_prefix" not in text:
                for field in _SETTINGS_FIELD.finditer(text):  # pydantic settings: OPENAI_MODEL sets openai_model
                    default = field.group("value")
                    if is_mistral_model(default) or default in targets:
                        name = field.group("field").upper()
                        verdict[name] = verdict.get(name, True)
        verdict.pop(OPENAI_KEY, None)
        return frozenset(name for name, good in verdict.items() if good)

    def settings_reject_key(self, path: str = "") -> str:
        """The module (of the code under ``path``'s directory) whose pydantic-settings class reads an env
        file (``env_file=``) and names no ``key_env`` field: a variable added to that file is an input it
        rejects at start-up (``extra="forbid"``, its default) and nothing reads (held-out review 14, I1:
        MISTRAL_API_KEY added to .env.example beside a Settings class declaring only OPENAI_API_KEY); else ""."""
        scope = self.scope(path) if path else self.texts
        wanted = (self.key_env or "").lower()
        # (a comment naming the field declares none: migrator's own TODO "declare mistral_api_key" passed for one;
        # held-out review 88, X4)
        return next((module for module, text in scope.items()
                     if "env_file" in text and any(base in text for base in SETTINGS_BASES)
                     and _reads_env_file(text, path)
                     and wanted not in "".join(line for line in text.lower().splitlines(keepends=True)
                                               if not line.lstrip().startswith("#"))
                     and not _SETTINGS_EXTRA_ALLOWED.search(text)), "")

    def env_scope(self, path: str) -> dict:
        """The code an env or deploy file at ``path`` serves: the code under its directory (web/.env
        answers for web/), else all of it. Unlike a manifest's ``scope``, sub-projects with manifests of
        their own are not left out: a .devcontainer/ or deploy/ file runs the whole repository (held-out
        review 18, P4: the devcontainer's OPENAI_API_KEY secret was renamed while backend/, a sub-project,
        kept a client reading it)."""
        return self._inside(path) or self.texts

    def handed_key_vars(self, path: str) -> dict:
        """Variable -> the file whose converted ``Mistral(api_key=...)`` is handed it, for the OpenAI-named variables
        other than OPENAI_API_KEY (``OPENAI_KEY = os.environ["OPENAI_KEY"]``, then ``Mistral(api_key=OPENAI_KEY)``) that
        the code an env or deploy file at ``path`` serves reads into a converted client's key (held-out review 172, Y3 /
        X4: the Kubernetes manifest and .env.example kept feeding it the OpenAI secret, unnamed)."""
        found: dict = {}
        kept: set = set()
        scope = self.env_scope(path)
        for where, text in scope.items():
            if "api_key" not in text:
                continue
            # (read from the code's syntax: the key of a Mistral(...) call, not any api_key= nor a string's or a
            # comment's text; a variable a kept client or the openai module's setting reads too is left out: "set it
            # to a Mistral key" would break it; review of session 89)
            cache = self.__dict__.setdefault("_client_keys", {})  # (each module parsed once a run)
            if where not in cache:
                cache[where] = _client_key_variables(text)
            mistral, openai_read = cache[where]
            for variable in mistral:
                # (OPENAI_API_KEY in another case: _spelled_key_settings's)
                if variable.upper() not in (OPENAI_KEY, self.key_env) and _OPENAI_NAMED.search(variable) and \
                        variable not in self.kept_env:
                    found.setdefault(variable, posixpath.basename(where))
            kept |= openai_read
        return {variable: where for variable, where in found.items() if variable not in kept}

    def serves_converted_code(self, path: str) -> bool:
        """Does the code an env or deploy file at ``path`` serves hold (or import, through the tree's modules)
        code the run changed? False for a directory with code of its own that reaches none: mem0's server/ (held-out
        review 26, D2: its .env.example gained MISTRAL_API_KEY because examples/ elsewhere converted)."""
        inside = self._inside(path)
        if not inside or self.originals is None:
            return True
        inside = dict.fromkeys([*inside, *_python_files_under(_served_directory(path))])
        if None in inside:
            return True  # too many files to read: as before
        return self.reaches(inside, None)

    def reaches(self, starts, hit) -> bool:
        """Do the modules ``starts``, or the tree's modules they import (transitively), hold one ``hit(path, text)``
        answers True for (None: one the run changed, beyond its TODOs)? A module that cannot be read counts."""
        cached = self.__dict__.get("_module_index")
        if cached is None:  # (once per run: every env file of a repository asks)
            changed = {p.replace("\\", "/") for p, before in self.originals.items()  # (not for its TODOs alone)
                       if _without_todos(self.texts.get(p, "")) != _without_todos(before)}
            modules: dict[str, set] = {}  # dotted suffixes of each module's path -> its paths
            for other in self.texts:
                parts = other.replace("\\", "/").removesuffix(".py").removesuffix("/__init__").split("/")
                for i in range(len(parts)):
                    modules.setdefault(".".join(parts[i:]), set()).add(other.replace("\\", "/"))
            cached = self.__dict__["_module_index"] = (changed, modules)
        changed, modules = cached
        reached, todo = set(), [p.replace("\\", "/") for p in starts]
        while todo:
            current = todo.pop()
            if current in reached:
                continue
            if current in changed if hit is None else current in self.texts and hit(current, self.texts[current]):
                return True
            reached.add(current)
            text = self.texts.get(current)
            if text is None:  # a module of the directory the run did not read (it never names openai)
                problem, _, data = read_regular(current, None)  # (never blocks: a named pipe there hung the run)
                if problem == "kind":
                    continue  # not a file: nothing it imports
                if problem:
                    return True
                text = data.decode("utf-8", errors="replace")
            for match in _IMPORTED.finditer(text):
                name = match.group("module") or match.group("plain")
                for candidate in (name, *(f"{name}.{n.strip().split(' ')[0]}" for n in
                                          (match.group("names") or "").strip("()").split(",") if n.strip())):
                    found = modules.get(candidate, ())
                    if candidate.split(".", 1)[0] in _SDK_PACKAGES:
                        # `import openai` is the SDK, not a tree's own `llm/openai.py` out of the importer's reach
                        # (held-out review 173, X1: a legacy app beside it got mistralai and MISTRAL_API_KEY)
                        found = [m for m in found if _importable_from(current, m, candidate)]
                    todo.extend(_nearest(current, found))
        return False

    def _inside(self, path: str) -> dict:
        """The code under the directory of ``path`` (all of it for a file at the root)."""
        directory = _served_directory(path)
        return {p: t for p, t in self.texts.items() if not directory or p.replace("\\", "/").startswith(directory + "/")}

    def kept_client_reads(self, variable: str, scope: dict) -> bool:
        """Does a client kept on OpenAI, in ``scope`` (an env file's code), read ``variable`` itself (the plan's
        kept_env; readers not known: anywhere)."""
        readers = self.kept_env_paths.get(variable)
        return variable in self.kept_env and (readers is None or scope is self.texts or
                                              any(reader in scope for reader in readers))

    def key_still_read(self, path: str = "") -> bool:
        """OPENAI_API_KEY is read by a kept client or named by code (not a comment) after conversion:
        the code under ``path``'s directory (an env file in web/ answers for web/'s code, as manifests
        do; held-out review, hzeng-otterai), else all of it."""
        return bool(self.key_reader(path))

    def config_naming_key(self, path: str = "") -> str:
        """``_config_naming_key`` of the env file at ``path``, where code it serves reads a variable whose name is
        computed (``os.getenv(config["openai"]["api_key_env"])``): a config naming the key beside code that reads
        OPENAI_API_KEY by name is another tool's (review of session 87: the template lost MISTRAL_API_KEY)."""
        if not path:
            return ""
        scope = self.env_scope(path)
        if not any(_COMPUTED_ENV_READ.search(text) for text in scope.values()):
            return ""
        return _config_naming_key(path)

    def key_handed(self, path: str = "") -> str:
        """``client.py`` where a converted client is handed the key by its name (``Mistral(api_key=data[
        "OPENAI_API_KEY"])``, read from a file the script writes): the value under that name goes to Mistral now; else
        "" (held-out review 155, X4). A config file beside the env file naming the variable the code reads its key
        from (``api_key_env: "OPENAI_API_KEY"`` in config.yaml, read by ``os.getenv(config[...])``) too."""
        scope = self.env_scope(path) if path else self.texts
        named = self.config_naming_key(path)
        if named and any("Mistral(" in text and "api_key=" in text for text in scope.values()):
            return named
        for where, text in scope.items():
            if "Mistral(" not in text:
                continue
            if any("api_key=" in line and OPENAI_KEY in line and not line.lstrip().startswith("#")
                   for line in text.splitlines()):
                return posixpath.basename(where)
        return ""

    def key_reader(self, path: str = "") -> str:
        """What still reads OPENAI_API_KEY (``key_still_read``), said for the env and deploy files' findings, or "":
        "clients kept on OpenAI still read it" was said where every client converted and a settings class read it
        (held-out review 44, Z5)."""
        scope = self.env_scope(path) if path else self.texts
        if OPENAI_KEY in self.kept_env:
            readers = self.kept_env_paths.get(OPENAI_KEY)
            if readers is None or scope is self.texts or any(reader in scope for reader in readers):
                return "clients kept on OpenAI still read it"
        named = self.config_naming_key(path)
        if named:  # (held-out review 165, Y1: the env file's key was renamed, and the app read config.yaml's name)
            return f"{named} still reads it"
        for where, text in scope.items():
            name = posixpath.basename(where)
            if where in self.unconverted and _OPENAI_CLIENT_USE.search(text):
                return f"{name}, which this run did not convert ({self.unconverted[where]}), uses the OpenAI SDK"
            for line in text.splitlines():
                if _KEY_NAMED.search(line) and not line.lstrip().lstrip('"').startswith("#") and \
                        not _KEY_WRITTEN.match(line.lstrip().lstrip('"')):
                    return f"{name} still reads it"
            if imports_openai_wrapper(text):
                return f"a LangChain / LlamaIndex OpenAI class kept in {name} reads it"
            if any(base in text for base in SETTINGS_BASES) and _SETTINGS_KEY_FIELD.search(text):
                # pydantic-settings' `openai_api_key: str` reads OPENAI_API_KEY (names match case-insensitively):
                # renamed in the env files, a required field fails at start-up (held-out review 6, jneaimi)
                return f"the settings class in {name} reads it"
        return ""


# -- requirement lines (requirements*.txt, setup.cfg values) ---------------------------------------


@dataclass(frozen=True)
class _Requirement:
    """One requirement inside a line: ``line[start:end]`` is ``name[extras] spec ; marker``."""

    name: str  # canonical
    start: int
    end: int
    marker: str  # "; python_version < '3.12'" as written, or ""


def _requirement_at(line: str, start: int) -> _Requirement | None:
    """The requirement starting at ``line[start:]`` (up to a `` #`` comment or the end of line)."""
    body_end = len(line.rstrip("\r\n"))
    comment = re.search(r"(^|\s)#", line[start:body_end])
    if comment:
        body_end = start + comment.start()
    body = line[start:body_end]
    stripped = body.strip()
    if not stripped or stripped.startswith(("-", "#")):
        return None
    match = _NAME.match(stripped)
    if not match:
        return None
    offset = start + body.index(stripped)
    end = offset + len(stripped)
    semicolon = stripped.find(";")
    marker = stripped[semicolon:] if semicolon >= 0 else ""
    return _Requirement(canonical(match.group()), offset, end, marker)


def _replace_requirement(line: str, req: _Requirement, new: str) -> str:
    rest = line[req.end:]
    comment = re.match(r"(\s*#[^\r\n]*)(\r?\n?)$", rest)
    if comment is not None and re.search(r"(?i)open\s?ai|\d+\.\d+", comment.group(1)):
        # `openai>=1.14.0  # Requires 1.14.0+ for AsyncOpenAI support`: about the package replaced, not the new one
        # (held-out review 142, X5)
        rest = comment.group(2)
    return line[:req.start] + new + (req.marker and "; " + req.marker[1:].strip()) + rest


@dataclass
class _Edit:
    """What a project file's edit produced."""

    text: str
    findings: list = field(default_factory=list)
    late: set = field(default_factory=set)  # messages of TODOs whose line is in the edited text
    steps: dict = field(default_factory=dict)  # line index -> what its change needs outside the repository

    def note(self, rule: str, kind: FindingKind, line: int, message: str, safety: str = "exact",
             steps: tuple = ()) -> None:
        self.findings.append(Finding(rule, kind, line, message, safety, tuple(steps)))


_EXPORT_LINE = re.compile(r"""^[A-Za-z0-9][\w.-]*(?:\[[^\]]*\])?==[^\s;]+\s*;\s*python_version\b""")


_OPENAI_NAMED = re.compile(r"(?i)open_?ai")


def _client_key_variables(text: str) -> tuple[set, set]:
    """(the environment variables ``Mistral(api_key=...)`` calls of ``text`` are handed: read there, or through a name
    bound to a read; those OpenAI clients kept there, ``openai.api_key = ...`` settings and other libraries' OpenAI
    classes are handed), read from the module's syntax; (set(), set()) where it does not parse."""
    import ast

    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return set(), set()
    bound: dict = {}  # name -> the variable an assignment reads into it
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) and \
                (variable := _env_variable(node.value)):
            bound[node.targets[0].id] = variable

    def variable_of(value) -> str:
        return _env_variable(value) or (bound.get(value.id, "") if isinstance(value, ast.Name) else "")
    mistral, openai_read = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            callee = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            for keyword in node.keywords:
                if keyword.arg in ("api_key", "openai_api_key") and (variable := variable_of(keyword.value)):
                    (mistral if callee == "Mistral" else openai_read if "OpenAI" in callee else set()).add(variable)
        elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Attribute) and t.attr == "api_key" and
                                                  isinstance(t.value, ast.Name) and t.value.id == "openai"
                                                  for t in node.targets) and (variable := variable_of(node.value)):
            openai_read.add(variable)
    return mistral, openai_read


def _env_variable(node) -> str:
    """The variable ``os.getenv("X")`` / ``os.environ.get("X")`` / ``os.environ["X"]`` reads, else ""."""
    import ast

    if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) and \
            isinstance(node.args[0].value, str) and isinstance(node.func, ast.Attribute) and (
                node.func.attr == "getenv" or
                node.func.attr == "get" and ast.unparse(node.func.value).endswith("environ")):
        return node.args[0].value
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and \
            isinstance(node.slice.value, str) and ast.unparse(node.value).endswith("environ"):
        return node.slice.value
    return ""


def _handed_key_lines(text: str, path: str, facts: CodeFacts) -> list:
    """A TODO on each line of an env or deploy file setting a variable the converted clients are handed as their key
    (``CodeFacts.handed_key_vars``): it must hold a Mistral key now."""
    handed = facts.handed_key_vars(path)
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("#"):
            continue
        for variable, where in handed.items():
            if re.search(rf"(?<![\w$]){re.escape(variable)}(?!\w)", line):
                found.append(Finding(ENV_RULE, FindingKind.TODO, number,
                                     f"{posixpath.basename(path)}: {variable} is handed to the converted Mistral "
                                     f"client as its key ({where}): set it to a {facts.provider} key wherever it is "
                                     "set (here, and the secret it is read from)", "manual"))
                break
    return found


def _poetry_export(text: str) -> bool:
    """Is ``text`` a requirements file ``poetry export`` wrote (most of its requirement lines
    ``name==1.2 ; python_version >= "3.10" and ...``)?"""
    lines = [line.strip() for line in text.splitlines()
             if line.strip() and not line.lstrip().startswith(("#", "-", "--hash"))]
    return len(lines) >= 2 and sum(bool(_EXPORT_LINE.match(line)) for line in lines) * 2 > len(lines)


def _action(facts: CodeFacts, path: str, pkg: Package) -> str | None:
    """``"replace"`` (openai -> mistralai), ``"add"`` (mistralai next to openai) or None (leave): only where
    the run wrote an import of the new package (a converted module, 1.x imports MIG122 moved), not for code
    that imported it already (held-out review 18, P3: a project converting nothing had its 1.x module's
    ``mistralai`` pinned to 3.x, where ``from mistralai import Mistral`` fails)."""
    scope = facts.dependency_scope(path)
    found = _imports(pkg.new_module)
    old = _imports(pkg.old_module)
    # (or a module importing the new package already, whose import of the old one the run removed: held-out review
    # 102, Y5, langchain-openai stayed declared once nothing imported it)
    writers = [p for p, text in scope.items() if _wrote_import(found, text, facts.originals, p) or (
        facts.originals is not None and p in facts.originals and found.search(text) and not old.search(text) and
        old.search(facts.originals[p]) is not None)]
    if not writers and not scope and _declares(facts.manifest_texts.get(path, ""), pkg.old) and \
            (not _code_of_its_own(facts, path) or _deploys_below(facts, path)):
        # a manifest declaring openai with no code of its own: the sub-projects below with a manifest of their own are
        # what it declares it for (held-out review 92, X6: the root requirements.txt, a copy of backend/'s, kept
        # openai, and `pip install -r requirements.txt` had no mistralai; 94, Y1: the root pyproject.toml uv syncs)
        scope = facts.scope(path)
        writers = [p for p, text in scope.items() if _wrote_import(found, text, facts.originals, p)]
    if not writers and scope and facts.originals is not None and facts.reaches(
            scope, lambda p, text: _wrote_import(found, text, facts.originals, p)):
        # `api/app.py` (under api/requirements.txt) importing lib/embedding.py, which converted: the manifest installs
        # what that code now imports (held-out review 99, X3: Vercel's api/requirements.txt got no mistralai)
        writers = list(scope)
    if not writers:
        return None
    examples = _examples_only(path, writers, facts.manifest_texts.get(path, facts.texts.get(path, "")),
                              facts.manifests)
    if examples:  # a library whose examples / notebooks converted (held-out review 26, D2: mem0's core deps)
        return _EXAMPLES + examples
    if pkg is OPENAI_PACKAGE and any(NEEDS_OPENAI_PACKAGE.search(text) for text in scope.values()):
        return "add"  # a kept LangChain community / Chroma OpenAI class imports openai when it is built
    if pkg is OPENAI_PACKAGE and _EXACT_OPENAI_PIN.search(facts.manifest_texts.get(path, "")) and \
            any(imports_openai_wrapper(text) for text in scope.values()):
        return "add"  # a kept ChatOpenAI still installs openai: a freeze keeps its pin (held-out review 87, X10)
    if pkg.old == "langchain-openai" and any(NEEDS_LANGCHAIN_OPENAI.search(text) for text in scope.values()):
        return "add"  # a kept `init_chat_model("openai:...")` loads langchain-openai when it runs
    if pkg.old_module in LLAMAINDEX_EMBEDDING_MODULES and any(p in scope for p in facts.default_embedding):
        return "add"  # an index there embeds with LlamaIndex's default, OpenAIEmbedding (held-out review 56, V1)
    if pkg.old_module == "llama_index.llms.openai" and any(p in scope for p in facts.default_llm):
        return "add"  # an engine there answers with LlamaIndex's default LLM, OpenAI's (held-out review 72, Y3)
    return "add" if pkg.bundle or any(_imports(pkg.old_module).search(text) for text in scope.values()) else "replace"


_SDK_PACKAGES = frozenset({"openai", "mistralai", "anthropic", "langchain", "langchain_openai", "llama_index"})


def _importable_from(importer: str, module: str, name: str) -> bool:
    """Can ``importer`` import the tree's ``module`` as ``name``: the module's root (its path minus ``name``'s parts)
    is the importer's directory (a script's sibling), or one above it whose directories down to the importer's are
    packages (a package run from its root; not any directory above: review of session 89)?"""
    root = module.removesuffix(".py").removesuffix("/__init__").split("/")[:-len(name.split("."))]
    here = importer.split("/")[:-1]
    if here[:len(root)] != root:
        return False
    return all(os.path.isfile("/".join([*here[:depth], "__init__.py"]))
               for depth in range(len(root) + 1, len(here) + 1))


def _nearest(importer: str, paths) -> list:
    """Of the modules a name may be (``agents`` is planner/agents.py and debate/agents.py), those nearest the module
    importing it (the longest shared directory): two apps in one tree each run their own (held-out review 104, X3: a
    Gemini app's manifest was given mistralai for the other app's converted agents.py)."""
    paths = list(paths)
    if len(paths) < 2:
        return paths
    here = importer.split("/")[:-1]

    def shared(path: str) -> int:
        parts, n = path.split("/")[:-1], 0
        while n < min(len(parts), len(here)) and parts[n] == here[n]:
            n += 1
        return n

    best = max(shared(p) for p in paths)
    return [p for p in paths if shared(p) == best]


# A hosting platform's build / start configuration beside a manifest: what it installs and what it runs
_BUILD_FILES = ("railway.json", "railway.toml", "Procfile", "nixpacks.toml", "render.yaml", "render.yml", "app.json")


_SCRIPT_ASSIGNMENT = re.compile(
    r"""^[ \t]*(?:export[ \t]+)?([A-Za-z_]\w*)[ \t]*(?:\?=|:=|=)[ \t]*["']?([\w.:-]+)["']?[ \t]*$""", re.MULTILINE)
_MODEL_ARGUMENT = re.compile(r"""--model(?:[ \t]+|=)["']?(\$\(\w+\)|\$\{\w+\}|\$\w+|[\w.:-]+)""")


def _script_model_arguments(text: str, path: str) -> list[Finding]:
    """A shell script's or Makefile's ``--model gpt-4o`` (or ``--model $(MODEL)``, ``MODEL ?= gpt-4o`` in the file)
    naming an OpenAI chat model, handed to a program whose calls now go to Mistral: a TODO (held-out review 136, Y3 /
    Y4: the pipeline overrode the mapped default with gpt-4o)."""
    from migrator.mapping.models import chat_model_literal

    values = {m.group(1): m.group(2) for m in _SCRIPT_ASSIGNMENT.finditer(text)}
    found = []
    for match in _MODEL_ARGUMENT.finditer(text):
        given = match.group(1)
        name = given.strip("$(){}") if given.startswith("$") else ""
        value = values.get(name, "") if name else given
        mapped = chat_model_literal(value) if value else None
        if not mapped or mapped == value:
            continue
        shown = f"{given} ({name} is {value})" if name else given
        found.append(Finding(ENV_RULE, FindingKind.TODO, text.count("\n", 0, match.start()) + 1,
                             f"{posixpath.basename(path)}: --model {shown} hands OpenAI's model to a program whose "
                             f"calls now go to Mistral: pass {mapped} (or a Mistral model of your choice)", "manual"))
    return found


def _deploys_below(facts: CodeFacts, path: str) -> bool:
    """Does a platform's build file beside the manifest ``path`` run code of a directory below with a manifest of its
    own (Railway's ``"startCommand": "cd backend && uvicorn app.main:app"`` after ``pip install -r requirements.txt``
    at the root: the root manifest is what the deployed backend gets; held-out review 133, Y2)?"""
    directory = posixpath.dirname(path.replace("\\", "/"))
    below = {posixpath.relpath(posixpath.dirname(m.replace("\\", "/")), directory or ".").split("/")[0]
             for m in facts.manifests if posixpath.dirname(m.replace("\\", "/")) != directory and
             (not directory or m.replace("\\", "/").startswith(directory + "/"))}
    below.discard("..")
    for name in _BUILD_FILES if below else ():
        try:
            with open(posixpath.join(directory, name) if directory else name, encoding="utf-8") as handle:
                text = handle.read(20000)
        except (OSError, UnicodeDecodeError):
            continue
        if any(re.search(rf"(?:\bcd[ \t]+(?:\./)?{re.escape(d)}\b|--app-dir[ =](?:\./)?{re.escape(d)}\b|"
                         rf"(?<![\w./-]){re.escape(d)}/[\w.-]+\.py\b)", text) for d in below):
            return True
    return False


_ENV_FILE_SETTING = re.compile(r"""env_file\s*[=:]\s*(?P<value>\(?\s*(?:["'][^"'\n]+["']\s*,?\s*)+\)?|None\b|.)""")
_TEMPLATE_SUFFIX = re.compile(r"(?i)[._-](?:example|sample|template|tmpl|dist|default)$")


def _reads_env_file(settings: str, path: str) -> bool:
    """May a pydantic-settings class (module text ``settings``) read the env file that the example at ``path`` stands
    for? Not where every ``env_file=`` it gives is a literal naming another file (``env_file=".env"`` beside
    ``.env.production.template``, the template of ``.env.production``: held-out review 133, X5, blamed for a key the
    deploy script's backend reads); yes where it is computed, or without a path."""
    if not path:
        return True
    name = posixpath.basename(path.replace("\\", "/"))
    while _TEMPLATE_SUFFIX.search(name):
        name = _TEMPLATE_SUFFIX.sub("", name)
    name = name if name.startswith(".env") else ".env" if name in ("env", "") else name
    # (not a commented-out setting; `env_file = None` reads no file: held-out review 163, X2, "reads the env file")
    code = "\n".join(line for line in settings.splitlines() if not line.lstrip().startswith("#"))
    given = [m.group("value") for m in _ENV_FILE_SETTING.finditer(code)]
    if given and all(value == "None" for value in given):
        return False
    given = [value for value in given if value != "None"]
    if not given:
        return "env_file" in code  # (named in comments alone: no file read)
    if any(not re.match(r"""\(?\s*["']""", value) for value in given):
        return True  # computed (`env_file=ENV_PATH`): may be any
    named = {posixpath.basename(literal) for value in given for literal in re.findall(r"""["']([^"']+)["']""", value)}
    return name in named


def _code_of_its_own(facts: CodeFacts, path: str) -> bool:
    """Is there a Python module on disk under the manifest ``path``'s directory, outside the directories below it
    with a manifest of their own (past 500 modules: yes)?"""
    directory = posixpath.dirname(path.replace("\\", "/"))
    nested = {posixpath.dirname(m.replace("\\", "/")) for m in facts.manifests}
    nested = {posixpath.relpath(d, directory or ".") for d in nested
              if d != directory and (not directory or d.startswith(directory + "/"))}
    return any(module is None or not any(posixpath.relpath(module, directory or ".").startswith(d + "/")
                                         for d in nested) for module in _python_files_under(directory, 500))


_EXAMPLES = "examples:"
_EXACT_OPENAI_PIN = re.compile(r"""^[ \t]*["']?openai[ \t]*===?[ \t]*\d""", re.IGNORECASE | re.MULTILINE)
# Directories of a repository that hold code a package does not ship (examples, notebooks, docs)
_EXAMPLE_DIRS = frozenset({"examples", "example", "cookbook", "cookbooks", "notebooks", "docs", "demo", "demos",
                           "samples", "sample", "tutorials", "tutorial", "recipes"})


def _examples_only(path: str, writers: list, manifest: str, manifests=()) -> str:
    """The example directories (``examples/``) that hold every module whose new import asks ``path`` for a
    dependency, when ``path`` is a package's pyproject.toml / setup.py / setup.cfg (it names the package): a
    library's dependencies are what it ships, not what its examples (or tests, or notebooks) need; else ""."""
    from migrator.plan.build import is_test_path

    base = posixpath.basename(path.replace("\\", "/"))
    if base not in ("pyproject.toml", "setup.py", "setup.cfg") or not (
            _NAMES_PACKAGE.search(manifest) or base == "setup.py" and re.search(r"\bname\s*=", manifest)) or \
            base == "pyproject.toml" and _builds_no_package(manifest):
        return ""
    directory = posixpath.dirname(path.replace("\\", "/"))
    # (a sub-project below with a manifest of its own ships none of this package's code: held-out review 117, Y4)
    nested = {posixpath.dirname(m.replace("\\", "/")) for m in manifests}
    nested = {d for d in nested if d != directory and (not directory or d.startswith(directory + "/"))}
    if all(writer.endswith(".ipynb") for writer in writers) and not any(
            not is_test_path(module) and not any(module.startswith(d + "/") or module.startswith("./" + d + "/")
                                                 for d in nested)
            for module in _python_files_under(directory, 200) if module is not None):
        return ""  # a project of notebooks alone (a course's lesson): they are what it declares dependencies for
    if all(writer.endswith(".ipynb") for writer in writers) and not any(
            module is None or posixpath.basename(module) == "__init__.py" and not is_test_path(module)
            for module in _python_files_under(directory, 200)):  # (None: more modules than were listed)
        # a project of scripts and notebooks (`03_time/ask.py`, `04_sql/agent.ipynb`), no package among them: its
        # manifest is the environment they all run in (held-out review 126, X1: the notebook's langchain-mistralai
        # was not declared, while the script's mistralai was)
        return ""
    tops = set()
    for writer in writers:
        relative = writer.replace("\\", "/")[len(directory) + 1:] if directory else writer.replace("\\", "/")
        top = relative.split("/", 1)[0] if "/" in relative else ""
        if top.lower() not in _EXAMPLE_DIRS:
            if relative.endswith(".ipynb"):  # a notebook is no module a package ships (held-out review 80, Y4)
                tops.add(relative)
                continue
            if is_test_path(relative):  # nor a test (held-out review 81, Y2: install_requires gained a test's need)
                tops.add(top + "/" if top in ("tests", "test") else relative)
                continue
            return ""
        tops.add(top + "/")
    return ", ".join(sorted(tops))


def _tests_only(where: str) -> bool:
    """Are the places ``_examples_only`` listed all tests (``tests/``, ``pkg/test_io.py``)?"""
    from migrator.plan.build import is_test_path

    return all(place in ("tests/", "test/") or is_test_path(place) for place in where.split(", "))


_NAMES_PACKAGE = re.compile(r"(?m)^\s*(?:name\s*=\s*[\"'][^\"']+[\"']|name\s*=\s*\S+|\s*name\s*=)")
# A pyproject.toml that builds no package: uv's project with no [build-system] (or `package = false`), Poetry's
# `package-mode = false`. Its dependencies are the environment `uv sync` / `poetry install` makes for the code beside it
# (held-out review 83, Y6: a notebook course's only dependency list did not get mistralai)
_NO_PACKAGE = re.compile(r"(?m)^\s*(?:package\s*=\s*false|package-mode\s*=\s*false)\b")


def _builds_no_package(manifest: str) -> bool:
    return _NO_PACKAGE.search(manifest) is not None or \
        "[tool.uv" in manifest and re.search(r"(?m)^\s*\[build-system\]", manifest) is None


def _wrote_import(found, text: str, originals: dict | None, path: str) -> bool:
    """Does ``text`` hold an import ``found`` matches that the run wrote (not there before)?"""
    if originals is None:
        return bool(found.search(text))
    if path not in originals:
        return False
    # (whole import lines: `from mistralai.client import Mistral`, written where `from mistralai import Mistral` of
    # mistralai 1.x was, is a new import of it; held-out review 63, Y42: its 1.x pin stayed, silently)
    return bool(_import_lines(found, text) - _import_lines(found, originals[path]))


def _import_lines(found, text: str) -> set:
    """The import statements ``found`` matches in ``text``, each as the rest of its line from the match."""
    return {text[m.start():text.find("\n", m.end()) if "\n" in text[m.end():] else len(text)].strip()
            for m in found.finditer(text)}


def _why(action: str, pkg: Package) -> str:
    if pkg.bundle:
        return f"converted modules import {pkg.new_module}, which {pkg.old} does not install"
    if action == "replace":
        return f"no converted module imports {pkg.old_module} any more"
    return (f"modules under it still import {pkg.old_module}, or another library's OpenAI class that needs it "
            f"(kept on OpenAI), so {pkg.old} stays")


def _edit_requirement_lines(text: str, action: str, starts: Callable[[int, str], int | None],
                            kind_name: str, pkg: Package, once: bool = False) -> _Edit:
    """Edit the ``pkg.old`` requirement on each line ``starts(index, line)`` says holds one (``once``: the lines
    are one list, a requirements file's, where a second declaration goes; not setup.cfg's sections)."""
    lines = text.splitlines(keepends=True)
    edit = _Edit(text)
    found = []
    bare: list = []
    has_mistral = False
    for index, line in enumerate(lines):
        start = starts(index, line)
        if start is None:
            continue
        req = _requirement_at(line, start)
        if req is None:
            continue
        if req.name == pkg.old:
            found.append((index, req))
        elif req.name == pkg.new:
            has_mistral = True
            if not re.search(r"[<>=!~@]", line[req.start:req.end].split(";", 1)[0]):
                bare.append((index, req))  # `mistralai` with no version: may resolve to 1.x / a future 4.x
    out = list(lines)
    if found and pkg is OPENAI_PACKAGE:
        for index, req in bare:
            out[index] = _replace_requirement(lines[index], req, pkg.requirement)
            edit.note(DEPENDENCY_RULE, FindingKind.CONVERTED, index + 1,
                      f"{kind_name}: {pkg.new} -> {pkg.requirement} (the converted code needs mistralai 3.x; "
                      "1.x code of the project is moved by MIG122)", "approximate")
    # (two openai lines: the first one not hash-pinned is replaced, the others go; held-out review 92, X8)
    first = next((index for index, _ in found if "--hash" not in lines[index] and
                  not lines[index].rstrip("\r\n").endswith("\\")), None) \
        if once and not any(req.marker for _, req in found) else None  # (per-Python lines each keep theirs)
    for index, req in reversed(found):
        line = lines[index]
        if "--hash" in line or line.rstrip("\r\n").endswith("\\"):
            # (a poetry export is written again from the pyproject, which this run edits: held-out review 67, X7)
            edit.note(DEPENDENCY_RULE, FindingKind.TODO, index + 1,
                      f"{kind_name}: {pkg.old} is hash-pinned in this poetry export: regenerate it from pyproject.toml "
                      f"(`poetry lock`, then `poetry export -o {kind_name}`)" if _poetry_export(text) else
                      f"{kind_name}: {pkg.old} is hash-pinned; add {pkg.requirement} with its hashes (pip-compile "
                      "--generate-hashes)" + (f" and remove {pkg.old}" if action == "replace" else ""), "manual")
            continue
        extras = _OPENAI_EXTRAS.search(line[req.start:req.end]) if pkg is OPENAI_PACKAGE else None
        brought = _extra_packages(extras.group(1)) if extras else ""
        if brought and action == "replace":
            # `openai[datalib]` installed numpy and pandas, which mistralai does not (held-out review 28, H4)
            edit.note(DEPENDENCY_RULE, FindingKind.TODO, index + 1,
                      f"{kind_name}: {pkg.old}[{extras.group(1).strip()}] also installed {brought}, which "
                      f"{pkg.new} does not: declare those the code imports", "manual")
        if action == "replace":
            if has_mistral or first is not None and index != first:
                del out[index]
                edit.note(DEPENDENCY_RULE, FindingKind.CONVERTED, index + 1, _dep_message(kind_name, action, True, pkg))
            else:
                out[index] = _replace_requirement(line, req, pkg.requirement)
                edit.note(DEPENDENCY_RULE, FindingKind.CONVERTED, index + 1,
                          _dep_message(kind_name, action, False, pkg), "approximate")
        elif not has_mistral:
            ending = line[len(line.rstrip("\r\n")):] or _newline(text)
            if not line.endswith(("\n", "\r")):
                out[index] = line + ending
                ending = ""
            added = line[:req.start] + pkg.requirement + (req.marker and "; " + req.marker[1:].strip())
            out.insert(index + 1, added + ending)
            edit.note(DEPENDENCY_RULE, FindingKind.CONVERTED, index + 1,
                      _dep_message(kind_name, action, False, pkg), "approximate")
            has_mistral = True
    edit.text = "".join(out)
    return edit


_OPENAI_EXTRAS = re.compile(r"^[A-Za-z0-9._-]+\s*\[([^\]]*)\]")
# `"openai[datalib]>=1"` (PEP 621, setup.py / setup.cfg), `openai = {extras = ["datalib"], ...}` (Poetry, Pipfile)
_MANIFEST_EXTRAS = re.compile(r"""(?m)(?:["'\s]openai\s*\[([^\]]+)\]|^\s*openai\s*=\s*\{[^}\n]*extras\s*=\s*\[([^\]]*)\])""")


def _lost_extras(before: str, edit: "_Edit", name: str) -> "_Edit":
    """A TODO naming what ``openai[extras]`` installed, where the edit replaced openai (held-out review 29, I8: the
    requirements-file TODO of H4, for the other manifests)."""
    match = _MANIFEST_EXTRAS.search(before)
    if match is None or _MANIFEST_EXTRAS.search(edit.text) is not None:
        return edit
    extras = (match.group(1) or match.group(2) or "").replace('"', "").replace("'", "")
    declared = {canonical(found) for found in re.findall(r"[\"'\s]([A-Za-z0-9][\w.-]*)", edit.text)}
    brought = ", ".join(pkg for pkg in _extra_packages(extras).split(", ") if pkg and canonical(pkg) not in declared)
    if brought:
        edit.note(DEPENDENCY_RULE, FindingKind.TODO, before.count("\n", 0, match.start()) + 1 +
                  (match.group(0)[:1] == "\n"),
                  f"{name}: {OPENAI_PACKAGE.old}[{extras.strip()}] also installed {brought}, which "
                  f"{OPENAI_PACKAGE.new} does not: declare those the code imports", "manual")
    return edit


def _extra_packages(extras: str) -> str:
    """The packages openai's extras (``datalib``, ``voice_helpers``, ...) install, from the installed SDK's
    metadata: ``numpy, pandas``."""
    from importlib.metadata import PackageNotFoundError, requires

    wanted = {canonical(name) for name in extras.split(",") if name.strip()}
    try:
        declared = requires("openai") or []
    except PackageNotFoundError:
        return ""
    found = []
    for requirement in declared:
        match = re.match(r"^([A-Za-z0-9._-]+).*;\s*extra\s*==\s*['\"]([^'\"]+)['\"]", requirement)
        if match and canonical(match.group(2)) in wanted and match.group(1) not in found:
            found.append(match.group(1))
    return ", ".join(found)


def _compiled_from(facts: CodeFacts, path: str, pkg: Package) -> tuple:
    """(the name of the source ``path`` is compiled from, the command that compiles it) when the run reads that
    source and it declares ``pkg``'s old package, so that this run adds the new one there; else (). The
    source is the ``.in`` beside it (``requirements.txt`` -> ``requirements.in``) or the file its header's
    ``pip-compile`` / ``uv pip compile`` command names (held-out review 83, Y1: ``uv pip compile pyproject.toml``)."""
    if not path.endswith(".txt"):
        return ()
    text = facts.manifest_texts.get(path, "")
    named, command = _compile_command(path, text)
    for source in (path[:-len(".txt")] + ".in", named):
        held = facts.manifest_texts.get(source) if source else None
        action = _action(facts, source, pkg) if held is not None else None
        if held is None or action is None or action.startswith(_EXAMPLES):
            continue
        declared = any((req := _requirement_at(line, 0)) is not None and req.name == pkg.old
                       for line in held.splitlines()) if source.endswith(".in") else \
            re.search(rf"""["']\s*{re.escape(pkg.old)}\s*[\[<>=!~;"']""", held, re.IGNORECASE) is not None
        if declared:
            shown = posixpath.basename(source.replace("\\", "/"))
            return shown, command if source == named else f"pip-compile {shown}"
    return ()


# The command in a generated requirements file's header (``#    uv pip compile pyproject.toml -o requirements.txt``)
_COMPILE_COMMAND = re.compile(r"^#\s*((?:uv pip compile|pip-compile)\b[^\n]*)$", re.MULTILINE)
_COMPILE_OUTPUT_FLAGS = ("-o", "--output-file")


def _compile_command(path: str, text: str) -> tuple[str, str]:
    """(the path of the source file a generated requirements file's header command compiles, beside it; the command)
    or ("", "")."""
    found = _COMPILE_COMMAND.search(text[:2000])
    if found is None:
        return "", ""
    words = found.group(1).split()
    skip = False
    for word in words[2:] if words[0] == "uv" else words[1:]:
        if skip or word.startswith("-"):
            skip = word in _COMPILE_OUTPUT_FLAGS
            continue
        if word.endswith((".in", ".txt", ".toml", ".cfg", ".py")):
            directory = posixpath.dirname(path.replace("\\", "/"))
            return posixpath.normpath(posixpath.join(directory, word)), found.group(1).strip()
    return "", ""


def compile_source(path: str, text: str) -> str:
    """The path of the source a generated requirements file is compiled from: the ``.in`` beside it, or the file its
    header's command names; "" for a file that says nothing of being generated."""
    if path.endswith(".in") or not _generator(text[:2000].lower()):
        return ""
    return _compile_command(path, text)[0] or (path[:-len(".txt")] + ".in" if path.endswith(".txt") else "")


# What writes a requirements file that says not to edit it (held-out review 19, Q5: xiaogpt's
# "@generated by PDM, do not edit" requirements got mistralai written into it), and how it is written again.
_GENERATORS = (("pip-compile", "pip-compile"), ("uv pip compile", "pip-compile"), ("@generated by pdm", "PDM"),
               ("pdm export", "PDM"), ("uv export", "uv"), ("autogenerated by uv", "uv"),
               ("poetry export", "Poetry"), ("autogenerated", "pip-compile"))
_REGENERATE = {"PDM": "pdm export {flag}-o <this file>", "uv": "uv export {flag}-o <this file>",
               "Poetry": "poetry export {flag}-o <this file>"}
# each exporter's flag for a file without hashes (they all write hashes by default: held-out review 20, R-A8)
_NO_HASHES = {"PDM": "--without-hashes ", "uv": "--no-hashes ", "Poetry": "--without-hashes "}
# pdm-autoexport writes the file on every `pdm lock` (``[[tool.pdm.autoexport]]`` naming it in pyproject.toml)
_AUTOEXPORT = re.compile(r"""^\[\[tool\.pdm\.autoexport\]\][^\[]*?^\s*filename\s*=\s*["']([^"']+)["']""",
                         re.MULTILINE | re.DOTALL)


def _regenerate(tool: str, text: str, autoexported: bool) -> str:
    """The command that regenerates a requirements file ``tool`` exported, as the file was written."""
    if autoexported:
        return "pdm lock, with pdm-autoexport, rewrites it"
    flag = "" if "--hash=" in text else _NO_HASHES.get(tool, "")
    return _REGENERATE[tool].format(flag=flag)


def _autoexported(facts: "CodeFacts", path: str) -> bool:
    """Does the pyproject.toml beside the requirements file at ``path`` have pdm-autoexport write it?"""
    directory, name = posixpath.split(path.replace("\\", "/"))
    pyproject = facts.manifest_texts.get(posixpath.join(directory, "pyproject.toml") if directory else "pyproject.toml")
    return bool(pyproject) and any(posixpath.basename(found) == name for found in _AUTOEXPORT.findall(pyproject))


def _generator(head: str) -> str:
    """The tool a requirements file's header says generated it (lower-cased header), else ""."""
    return next((tool for mark, tool in _GENERATORS if mark in head), "")


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def edit_requirements(text: str, action: str, path: str = "requirements.txt", pkg: Package = OPENAI_PACKAGE,
                      source: tuple = (), autoexported: bool = False) -> _Edit:
    """``source``: (the file this generated one is compiled from, the command that does it) when this run declares
    ``pkg`` there (``_compiled_from``);
    ``autoexported``: pdm-autoexport writes it (pyproject.toml's ``[[tool.pdm.autoexport]]`` names it)."""
    head = text[:2000].lower()
    # (a .in is pip-compile's input, never its output, whatever its comments say: held-out review 79, X3, "compiled
    # into requirements.txt via pip-compile" made the source "generated", and neither file got mistralai)
    tool = _generator(head) if not path.endswith(".in") else ""
    if tool:
        edit = _Edit(text)
        if pkg.bundle and any(other.new == pkg.new and not other.bundle and _declares(text, other.old)
                              for other in PACKAGES):
            return edit  # (said once, at the package it replaces: held-out review 98, Y7, three times in one file)
        for number, line in enumerate(text.splitlines(), 1):
            req = _requirement_at(line, 0)
            if req is not None and req.name == pkg.old:
                # (held-out review 16, N-E2: it asked to declare what this run had declared in requirements.in)
                edit.note(DEPENDENCY_RULE, FindingKind.TODO, number,
                          f"{posixpath.basename(path)} is generated ({tool}) from {source[0]}, which now declares "
                          f"{pkg.requirement}: regenerate it ({source[1]})" if source else
                          f"{posixpath.basename(path)} is generated ({tool}): declare {pkg.requirement} in "
                          f"its source ({'.in / ' if tool == 'pip-compile' else ''}pyproject.toml) and regenerate it"
                          + (f" ({_regenerate(tool, text, autoexported)})" if tool in _REGENERATE else ""),
                          "manual")
        return edit

    def starts(_index: int, line: str) -> int | None:
        return 0

    return _edit_requirement_lines(text, action, starts, posixpath.basename(path), pkg, once=True)


_SECTION = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:[#;].*)?$")


def _conda_pip_items(text: str) -> dict[int, int]:
    """Line index -> where the requirement starts, for each item of a conda environment's ``pip:`` list
    (``  - pip:`` then ``    - openai==1.59.3``)."""
    positions: dict[int, int] = {}
    pip_indent: int | None = None
    for index, line in enumerate(text.splitlines()):
        stripped = line.lstrip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(stripped)
        if pip_indent is not None and indent > pip_indent and stripped.startswith("- "):
            positions[index] = indent + 2 + (len(stripped[2:]) - len(stripped[2:].lstrip()))
            continue
        pip_indent = indent if re.match(r"-\s*pip\s*:\s*(#.*)?$", stripped) else None
    return positions


def _conda_level_pins(text: str, pip_items: dict) -> dict[int, tuple[str, str]]:
    """Line index -> (canonical name, constraint) of each versioned item of a conda environment's ``dependencies:``
    list that is conda's own (not in its ``pip:`` list): ``- pydantic==2.8.2``, ``- pydantic=2.8.2`` (conda's ``=`` is a
    prefix: ``==2.8.2.*``, read as pip reads it), ``- pydantic>=2.5``. conda installs them beside the pip list, so a
    pin there holds what mistralai needs back as much as one under ``pip:`` (held-out review 155, Y2: `conda env
    create` failed on pydantic 2.8.2, no TODO)."""
    found: dict = {}
    for index, line in enumerate(text.splitlines()):
        if index in pip_items:
            continue
        match = re.match(r"\s*-\s*([A-Za-z0-9][\w.-]*?)\s*(==|=|>=|<=|~=|!=|<|>)\s*([0-9][\w.*+!-]*)\s*(?:#.*)?$",
                         line.split("#", 1)[0].rstrip() if "#" in line else line.rstrip())
        if match is None or match.group(1).lower() in ("python", "pip"):
            continue
        operator, version = match.group(2), match.group(3)
        if operator == "=":
            operator, version = "==", version if version.endswith("*") else version + ".*"
        found[index] = (canonical(match.group(1)), f"{operator}{version}")
    return found


def edit_conda(text: str, action: str, pkg: Package = OPENAI_PACKAGE, name: str = "environment.yml") -> _Edit:
    """A conda environment's ``pip:`` list (held-out review 10, E7: environment.yml kept openai). A conda-level
    ``- openai`` (conda-forge's package, not pip's): the requirement goes to the ``pip:`` list where there is one
    (conda's openai removed where no kept client needs it), else a TODO asks for it."""
    positions = _conda_pip_items(text)
    edit = _edit_requirement_lines(text, action, lambda index, _line: positions.get(index), name, pkg)
    conda_level = [index for index, line in enumerate(text.splitlines()) if index not in positions and
                   re.match(rf"\s*-\s*{re.escape(pkg.old)}\s*(?:[=<>!~]|$|#)", line)]
    if not conda_level:
        return edit
    items = _conda_pip_items(edit.text)
    lines = edit.text.splitlines(keepends=True)
    if items and not any((req := _requirement_at(lines[i], start)) is not None and req.name == pkg.new
                         for i, start in items.items()):
        # the environment has a pip: list: the requirement goes there, after its last item (held-out review 74, Y4:
        # a TODO asked for it, and the pip list's instructor==1.2.0 pin, which fails beside mistralai 3.7, went
        # unchecked because mistralai was not declared)
        last = max(items)
        ending = lines[last][len(lines[last].rstrip("\r\n")):] or _newline(edit.text)
        if not lines[last].endswith(("\n", "\r")):
            lines[last] += ending
        lines.insert(last + 1, lines[last][:items[last]] + pkg.requirement + ending)
        for index in reversed(conda_level):  # (conda's own openai: no kept client needs it, or they do)
            if action == "replace":
                del lines[index if index < last else index + 1]
            edit.note(DEPENDENCY_RULE, FindingKind.CONVERTED, index + 1,
                      f"{name}: {pkg.old} (from conda) -> {pkg.requirement} (its pip: list)" if action == "replace"
                      else f"{name}: {pkg.requirement} added to its pip: list (kept clients still need conda's "
                      f"{pkg.old})", "approximate")
        return _Edit("".join(lines), edit.findings)
    if pkg.bundle and items:
        return edit  # (`- langchain` from conda stays beside langchain-mistralai, declared in its pip: list already:
        # "declare it" of what the run had declared, held-out review 100, Y10)
    for index in conda_level:
        edit.note(DEPENDENCY_RULE, FindingKind.TODO, index + 1,
                  f"{name}: {pkg.old} comes from conda here: declare {pkg.requirement} under its pip: "
                  f"list (and remove {pkg.old} where no kept client needs it)", "manual")
    return edit


def edit_setup_cfg(text: str, action: str, pkg: Package = OPENAI_PACKAGE) -> _Edit:
    """``install_requires`` / ``extras_require`` / ``tests_require`` values in setup.cfg."""
    section = ""
    in_value = False
    keys = ("install_requires", "tests_require", "setup_requires")
    positions: dict[int, int] = {}
    for index, line in enumerate(text.splitlines(keepends=True)):
        header = _SECTION.match(line)
        if header:
            section, in_value = header.group(1).strip(), False
            continue
        if section not in ("options", "options.extras_require"):
            continue
        if line[:1] in (" ", "\t"):
            if in_value:
                positions[index] = 0
            continue
        key, sep, value = line.partition("=")
        if not sep:
            key, sep, value = line.partition(":")
        in_value = bool(sep) and (section == "options.extras_require" or key.strip() in keys)
        if in_value and value.strip():
            positions[index] = len(key) + len(sep)
    return _edit_requirement_lines(text, action, lambda index, _line: positions.get(index), "setup.cfg", pkg)


# -- TOML: pyproject.toml (PEP 621, PEP 735, Poetry), Pipfile ----------------------------------------


def _toml_loads(text: str) -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    return tomllib.loads(text)


_TABLE_KEYS = ("tool.poetry.dependencies", "tool.poetry.dev-dependencies", "packages", "dev-packages")


def _requirement_table(section: str) -> bool:
    """Poetry and Pipfile tables: ``name = version`` (or an inline table)."""
    return section in _TABLE_KEYS or bool(re.fullmatch(r"tool\.poetry\.group\.[^.]+\.dependencies", section))


def _requirement_array(section: str, key: str) -> bool:
    """Arrays of PEP 508 strings: PEP 621, PEP 735, uv, PDM, Hatch environments."""
    if section == "project":
        return key == "dependencies"
    if section in ("dependency-groups", "tool.pdm.dev-dependencies") or section.endswith("optional-dependencies"):
        return True  # (hatch's uv-dynamic-versioning hook has its own optional-dependencies table)
    if section == "tool.uv":
        return key == "dev-dependencies"
    return section.startswith("tool.hatch.envs.") and key in ("dependencies", "extra-dependencies")


def _string_requirement(content: str) -> str | None:
    req = _requirement_at(content, 0)
    return req.name if req is not None and req.start == 0 and req.end == len(content) else None


@dataclass
class _TomlScan:
    """Where a line-by-line read of a TOML file is: table, key at depth 0, bracket depth, open string."""

    section: str = ""
    key: str = ""
    depth: int = 0
    multiline: str = ""  # the delimiter of a multi-line string still open


_KEY = re.compile(r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")


def _unquote_key(key: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", key))


def _scan_toml_line(line: str, state: _TomlScan) -> list[tuple[int, int, str, str, bool]]:
    """The single-line strings on ``line``: (start, end, quote, content, in a requirement array);
    updates ``state``. Multi-line strings are skipped (their content is never edited)."""
    found = []
    i, n = 0, len(line)
    if state.multiline:
        close = line.find(state.multiline)
        if close < 0:
            return found
        i, state.multiline = close + 3, ""
    elif state.depth == 0:
        header = _SECTION.match(line)
        if header and line.lstrip().startswith("["):
            state.section = _unquote_key(header.group(1))
            state.key = ""
            return found
        key = _KEY.match(line)
        if key:
            state.key = _unquote_key(key.group(1))
            i = key.end()
    while i < n:
        char = line[i]
        if char == "#":
            break
        if char in "\"'":
            triple = line[i:i + 3]
            if triple in ('"""', "'''"):
                close = line.find(triple, i + 3)
                if close < 0:
                    state.multiline = triple
                    return found
                i = close + 3
                continue
            j = i + 1
            while j < n and line[j] != char and line[j] not in "\r\n":
                j += 2 if char == '"' and line[j] == "\\" else 1
            if j >= n or line[j] != char:
                return found  # not TOML we understand: no edit on this line
            found.append((i, j + 1, char, line[i + 1:j], _requirement_array(state.section, state.key)))
            i = j + 1
            continue
        if char in "[{":
            state.depth += 1
        elif char in "]}":
            state.depth = max(0, state.depth - 1)
        i += 1
    return found


def edit_toml(text: str, action: str, name: str, pkg: Package = OPENAI_PACKAGE) -> _Edit:
    """PEP 621 / PEP 735 / uv / PDM / Hatch requirement strings, Poetry and Pipfile ``openai = ...``."""
    try:
        before = _toml_loads(text)
    except Exception as exc:  # noqa: BLE001 - tomllib.TOMLDecodeError, with the line in its message
        edit = _Edit(text)
        edit.note(DEPENDENCY_RULE, FindingKind.TODO, 1, f"{name} is not valid TOML ({exc}); add "
                  f"{pkg.requirement} by hand", "manual")
        return edit
    lines = text.splitlines(keepends=True)
    edit = _Edit(text)
    has_mistral = any(item == pkg.new for item in _requirement_names(before, ()))
    state = _TomlScan()
    # (line index, its new text, a line added after it (no line ending) or None, message)
    changes: list[tuple[int, str, str | None, str]] = []
    for index, line in enumerate(lines):
        at_top = state.depth == 0 and not state.multiline
        strings = _scan_toml_line(line, state)
        if at_top and _SECTION.match(line) and line.lstrip().startswith("["):
            parent, _, last = state.section.rpartition(".")
            if _requirement_table(parent) and canonical(last) == pkg.old:
                edit.note(DEPENDENCY_RULE, FindingKind.TODO, index + 1, f"{name}: [{state.section}] table: declare "
                          f"{pkg.new} {pkg.version} by hand", "manual")
            continue
        if at_top and _requirement_table(state.section):
            key = re.match(r"""^(\s*)(["']?)([A-Za-z0-9._-]+)\2(\s*=\s*)(.*?)(\r?\n)?$""", line)
            if key and canonical(key.group(3)) == pkg.old:
                change = _poetry_change(index, line, key, action, has_mistral, name, text, edit, pkg)
                if change:
                    changes.append(change)
            continue
        for start, end, quote, content, in_array in strings:
            if not in_array or _string_requirement(content) != pkg.old:
                continue
            changes.append(_array_change(index, line, start, end, quote, content, action, has_mistral, name, text, pkg))
            break
    changes = [change for change in changes if change[1] is not None]
    if not changes:
        return edit
    out = list(lines)
    for index, new_line, added, _ in reversed(changes):
        if added is not None:
            ending = new_line[len(new_line.rstrip("\r\n")):]
            out[index:index + 1] = [new_line, added + ending]
        else:
            out[index] = new_line
    new_text = "".join(out)
    try:
        after = _toml_loads(new_text)
    except Exception:  # noqa: BLE001
        after = None
    if after != _expected(before, action, has_mistral, (), pkg):
        edit.note(DEPENDENCY_RULE, FindingKind.TODO, changes[0][0] + 1,
                  f"{name}: {pkg.old} is declared in a form migrator cannot edit safely; declare "
                  f"{pkg.requirement} by hand" + (f" and remove {pkg.old}" if action == "replace" else ""), "manual")
        return edit
    edit.text = new_text
    for index, _, _, message in changes:
        edit.note(DEPENDENCY_RULE, FindingKind.CONVERTED, index + 1, message, "approximate")
    return edit


def _poetry_change(index, line, key, action, has_mistral, name, text, edit, pkg):
    indent, quote, old_key, equals, value, ending = key.groups()
    ending = ending or ""
    new_value = _poetry_value(value, pkg)
    if new_value is None:
        edit.note(DEPENDENCY_RULE, FindingKind.TODO, index + 1, f"{name}: {old_key} = {value.split('#')[0].strip()}: "
                  f"declare {pkg.new} {pkg.version} by hand", "manual")
        return None
    message = _dep_message(name, action, has_mistral, pkg)
    if action == "replace":
        new_line = f"{indent}{quote}{pkg.new}{quote}{equals}{new_value}{ending or _newline(text)}"
        return (index, "" if has_mistral else new_line, None, message)
    if has_mistral:
        return None
    # the added line has no comment: the line's comment is about openai
    added = f"{indent}{quote}{pkg.new}{quote}{equals}{_poetry_value(value.split('#')[0], pkg)}"
    return (index, line if ending else line + _newline(text), added, message)


def _array_change(index, line, start, end, quote, content, action, has_mistral, name, text, pkg):
    req = _requirement_at(content, 0)
    literal = f"{quote}{pkg.requirement}{req.marker and '; ' + req.marker[1:].strip()}{quote}"
    rest = line[end:]
    alone = line[:start].strip() == ""  # the element on a line of its own
    message = _dep_message(name, action, has_mistral, pkg)
    if action == "replace":
        if not has_mistral:
            return (index, line[:start] + literal + rest, None, message)
        if alone and rest.lstrip().startswith(","):
            return (index, "", None, message)  # drop the line
        tail = re.match(r"\s*,\s*", rest)
        head = line[:start]
        if not tail:  # the last element: drop the comma before it
            head = re.sub(r",\s*$", "", head)
        return (index, head + rest[tail.end() if tail else 0:], None, message)
    if has_mistral:
        return (index, None, None, message)
    if alone and not rest.strip().startswith("]"):
        comma = rest.lstrip().startswith(",")
        ending = line[len(line.rstrip("\r\n")):] or _newline(text)
        first = line if comma else line[:end] + "," + rest
        if not first.endswith(("\n", "\r")):
            first += ending
        return (index, first, line[:start] + literal + ("," if comma else ""), message)
    return (index, line[:end] + ", " + literal + rest, None, message)


def _dep_message(name: str, action: str, has_mistral: bool, pkg: Package = OPENAI_PACKAGE) -> str:
    if action == "replace":
        if has_mistral:
            return f"{name}: {pkg.old} removed ({_why(action, pkg)}; {pkg.new} is already declared)"
        return f"{name}: {pkg.old} -> {pkg.requirement} ({_why(action, pkg)})"
    return f"{name}: {pkg.requirement} added ({_why(action, pkg)})"


def _poetry_value(value: str, pkg: Package) -> str | None:
    """The mistralai value for a Poetry / Pipfile ``openai = <value>``; None when not simple."""
    code, _, comment = value.partition("#")
    code = code.rstrip()
    comment_part = value[len(code):] if comment else ""
    if re.fullmatch(r"""("[^"\\]*"|'[^']*')""", code):
        return f'"{pkg.version}"' + comment_part
    if code.startswith("{") and code.endswith("}") and "\n" not in code:
        if re.search(r"\b(git|path|url|file)\s*=", code):
            return None
        new, count = re.subn(r"""(\bversion\s*=\s*)("|')[^"']*\2""", rf'\g<1>"{pkg.version}"', code)
        new = re.sub(r"""\s*,?\s*\bextras\s*=\s*\[[^\]]*\]""", "", new)
        new = re.sub(r"\{\s*,\s*", "{ ", new)
        return new + comment_part if count == 1 else None
    return None


def add_to_pyproject(text: str, pkg: Package) -> "tuple[str, int] | None":
    """(text, line) with ``pkg``'s requirement added to ``[project].dependencies`` (one string per line,
    or all on one line) or ``[tool.poetry.dependencies]``, where the project never declared ``pkg.old``;
    None where neither is there in a form this edits safely (held-out review 8, D4: the Docker image built
    from pyproject.toml lacked mistralai, which the converted code imports)."""
    try:
        before = _toml_loads(text)
    except Exception:  # noqa: BLE001
        return None
    project = before.get("project") if isinstance(before.get("project"), dict) else {}
    poetry = ((before.get("tool") or {}).get("poetry") or {}) if isinstance(before.get("tool"), dict) else {}
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if text.count("\r\n") * 2 > text.count("\n") else "\n"
    section = ""
    out = None
    for index, line in enumerate(lines):
        header = re.match(r"^\s*\[([^\[\]]+)\]\s*(?:#.*)?$", line)
        if header:
            section = header.group(1).strip()
            continue
        if section == "project" and isinstance(project.get("dependencies"), list) and \
                re.match(r"^dependencies\s*=\s*\[", line):
            if line.rstrip().endswith("]"):  # dependencies = ["a", "b"]
                inner = line[line.index("[") + 1:line.rindex("]")]
                quote = "'" if inner.strip().startswith("'") else '"'
                item = f"{quote}{pkg.requirement}{quote}"
                head = line[:line.rindex("]")].rstrip()
                glue = "" if head.endswith("[") else (" " if head.endswith(",") else ", ")
                out = lines[:index] + [f"{head}{glue}{item}]" + line[line.rindex("]") + 1:]] + lines[index + 1:]
                line_number = index + 1
            else:  # one string per line, up to a line holding only `]`
                end = next((j for j in range(index + 1, len(lines)) if lines[j].strip().startswith("]")), None)
                items = [j for j in range(index + 1, end or index + 1) if lines[j].strip().startswith(("'", '"'))]
                if end is None or not items:
                    return None
                last = lines[items[-1]]
                indent = last[:len(last) - len(last.lstrip())]
                quote = last.strip()[0]
                body = last.rstrip("\r\n")
                code, comment = (body.split("#", 1) + [""])[:2] if "#" in body else (body, "")
                comma = code.rstrip().endswith(",")
                fixed = last if comma else code.rstrip() + "," + (f"  #{comment}" if comment else "") + newline
                new = f"{indent}{quote}{pkg.requirement}{quote}," + newline
                out = lines[:items[-1]] + [fixed, new] + lines[items[-1] + 1:]
                line_number = items[-1] + 2
            break
        if section == "tool.poetry.dependencies" and isinstance(poetry.get("dependencies"), dict) and \
                re.match(r"^\s*python\s*=", line):
            out = lines[:index + 1] + [f'{pkg.new} = "{pkg.version}"' + newline] + lines[index + 1:]
            line_number = index + 2
            break
    if out is None:
        return None
    new_text = "".join(out)
    try:
        after = _toml_loads(new_text)
    except Exception:  # noqa: BLE001
        return None
    expected = _toml_loads(text)
    if "project" in expected and isinstance(expected["project"].get("dependencies"), list) and \
            after.get("project", {}).get("dependencies") == [*expected["project"]["dependencies"], pkg.requirement]:
        pass
    elif poetry and after.get("tool", {}).get("poetry", {}).get("dependencies") == {
            **poetry["dependencies"], pkg.new: pkg.version}:
        pass
    else:
        return None  # parsed back as something other than the one added requirement: a TODO instead
    if {k: v for k, v in after.items() if k not in ("project", "tool")} != \
            {k: v for k, v in expected.items() if k not in ("project", "tool")}:
        return None
    return new_text, line_number


def add_to_pipfile(text: str, pkg: Package) -> "tuple[str, int] | None":
    """(text, line) with ``pkg`` added to a Pipfile's ``[packages]`` (``mistralai = ">=3.7,<4"``, after its last
    entry), where the project never declared ``pkg.old`` (it came through langchain-openai, say); None where the
    section is not there or the edit does not parse back as that one entry (held-out review 101, Y1: `pipenv install`
    gave no mistralai, and nothing said so)."""
    try:
        before = _toml_loads(text)
    except Exception:  # noqa: BLE001
        return None
    if not isinstance(before.get("packages"), dict):
        return None
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if text.count("\r\n") * 2 > text.count("\n") else "\n"
    start = next((i for i, line in enumerate(lines) if re.match(r"^\s*\[packages\]\s*(?:#.*)?$", line)), None)
    if start is None:
        return None
    end = next((j for j in range(start + 1, len(lines)) if re.match(r"^\s*\[", lines[j])), len(lines))
    last = max((j for j in range(start, end) if lines[j].strip() and not lines[j].lstrip().startswith("#")),
               default=start)
    head = lines[:last + 1]
    if head and not head[-1].endswith(("\n", "\r")):
        head[-1] += newline
    new_text = "".join(head + [f'{pkg.new} = "{pkg.version}"' + newline] + lines[last + 1:])
    try:
        after = _toml_loads(new_text)
    except Exception:  # noqa: BLE001
        return None
    if after.get("packages") != {**before["packages"], pkg.new: pkg.version} or \
            {k: v for k, v in after.items() if k != "packages"} != {k: v for k, v in before.items() if k != "packages"}:
        return None
    return new_text, last + 2


def _requirement_names(data, path: tuple):
    """The canonical names the parsed manifest declares in requirement arrays and tables."""
    if isinstance(data, dict):
        table = _requirement_table(".".join(path))
        for key, value in data.items():
            if table:
                yield canonical(str(key))
            yield from _requirement_names(value, path + (str(key),))
    elif isinstance(data, list) and path and _requirement_array(".".join(path[:-1]), path[-1]):
        for item in data:
            if isinstance(item, str) and _string_requirement(item):
                yield _string_requirement(item)


def _expected(data, action: str, has_mistral: bool, path: tuple, pkg: Package):
    """``data`` with the intended edit made, to compare with the edited file parsed back."""
    if isinstance(data, dict):
        table = _requirement_table(".".join(path))
        out = {}
        for key, value in data.items():
            if table and canonical(str(key)) == pkg.old and isinstance(value, (str, dict)):
                if action == "add":
                    out[key] = value
                if not has_mistral:
                    out[pkg.new] = _expected_poetry(value, pkg)
                continue
            out[key] = _expected(value, action, has_mistral, path + (str(key),), pkg)
        return out
    if isinstance(data, list) and path and _requirement_array(".".join(path[:-1]), path[-1]):
        out_list = []
        for item in data:
            if isinstance(item, str) and _string_requirement(item) == pkg.old:
                req = _requirement_at(item, 0)
                if action == "add":
                    out_list.append(item)
                if not has_mistral:
                    out_list.append(pkg.requirement + (req.marker and "; " + req.marker[1:].strip()))
                continue
            out_list.append(item)
        return out_list
    return data


def _expected_poetry(value, pkg: Package):
    if isinstance(value, str):
        return pkg.version
    new = {k: v for k, v in value.items() if k != "extras"}
    new["version"] = pkg.version
    return new


# -- setup.py -----------------------------------------------------------------------------------------


_SETUP_KEYWORDS = ("install_requires", "extras_require", "tests_require", "setup_requires")


def _setup_requirement_strings(tree: ast.Module) -> list:
    """The string literals of setup.py's requirement lists (``install_requires=[...]``, ``extras_require={...}``,
    ``REQUIREMENTS = [...]``)."""
    holders = []
    for node in ast_walk(tree):
        if isinstance(node, ast.keyword) and node.arg in _SETUP_KEYWORDS or isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and "require" in t.id.lower() for t in node.targets):
            holders.append(node.value)
    return [node for holder in holders for node in ast_walk(holder)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def setup_py_requirements(text: str) -> str:
    """setup.py's requirements as a requirements file's text, one per line ("" when it does not parse)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return ""
    return "\n".join(node.value.replace("\n", " ") for node in _setup_requirement_strings(tree)) + "\n"


def edit_setup_py(text: str, action: str, pkg: Package = OPENAI_PACKAGE) -> _Edit:
    """String literals in setup.py that are openai requirements (``install_requires=["openai>=1"]``)."""
    edit = _Edit(text)
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return edit
    requirement_strings = _setup_requirement_strings(tree)
    strings = [node for node in requirement_strings if _string_requirement(node.value) == pkg.old]
    has_mistral = any(_string_requirement(node.value) == pkg.new for node in requirement_strings)
    lines = text.splitlines(keepends=True)
    for node in sorted(strings, key=lambda n: (n.lineno, n.col_offset), reverse=True):
        if node.lineno != node.end_lineno:
            continue
        line = lines[node.lineno - 1]
        raw = line.encode("utf-8")
        literal = raw[node.col_offset:node.end_col_offset].decode("utf-8")
        quote = literal[-1]
        req = _requirement_at(node.value, 0)
        new_literal = quote + pkg.requirement + (req.marker and "; " + req.marker[1:].strip()) + quote
        start = len(raw[:node.col_offset].decode("utf-8"))
        end = start + len(literal)
        if action == "replace" and not has_mistral:
            lines[node.lineno - 1] = line[:start] + new_literal + line[end:]
        elif action == "add" and not has_mistral and not line[:start].strip() and (
                line[end:].lstrip().startswith(",") or not line[end:].strip()):
            # an entry on a line of its own gets its own line below (held-out review 81, Y2: it was crammed beside)
            last = not line[end:].strip()  # (the list's last entry, with no trailing comma)
            if last:
                lines[node.lineno - 1] = line[:end] + "," + line[end:]
            lines.insert(node.lineno, line[:start] + new_literal + ("" if last else ",") + _newline(line))
        elif action == "add" and not has_mistral:
            lines[node.lineno - 1] = line[:end] + ", " + new_literal + line[end:]
        else:
            continue
        edit.note(DEPENDENCY_RULE, FindingKind.CONVERTED, node.lineno, _dep_message("setup.py", action, False, pkg),
                  "approximate")
    new_text = "".join(lines)
    try:
        ast.parse(new_text)
    except SyntaxError:
        return _Edit(text)
    edit.text = new_text
    return edit


# -- env and deploy files -----------------------------------------------------------------------------


def is_example_env(path: str) -> bool:
    name = posixpath.basename(path.replace("\\", "/")).lower()
    return any(word in name for word in _EXAMPLE_WORDS)


# (also `# OPENAI_API_KEY=...` in an example file: the variable it documents; held-out review 25, A6)
_ENV_LINE = re.compile(r"^([ \t]*(?:#[ \t]*)?(?:export[ \t]+)?)OPENAI_API_KEY([ \t]*=[ \t]*)(.*?)(\r?\n)?$")
_ENV_BARE = re.compile(r"^([ \t]*#[ \t]*)OPENAI_API_KEY()()[ \t]*(\r?\n)?$")  # `# OPENAI_API_KEY` (review 26)
# base64 of "sk-" (a Kubernetes Secret's data:); a key's literal value in a Secret manifest
_B64_KEY = re.compile(r"\bc2st[A-Za-z0-9+/]{20,}={0,2}")
_SECRET_VALUE = re.compile(r"""^\s*["']?OPENAI_API_KEY["']?\s*:\s*["']?[^\s"'#$]""")
# `OPENAI_API_KEY: <base64-encoded-openai-api-key>` in an example Secret: a placeholder, renamed like any other line
_SECRET_PLACEHOLDER = re.compile(r"""^\s*["']?OPENAI_API_KEY["']?\s*:\s*["']?(?:<[^<>]*>|\$\{[^}]*\}|[\w-]*(?:your|"""
                                 r"""placeholder|changeme|replace|xxx)[\w-]*)["']?\s*(?:#.*)?$""", re.IGNORECASE)
# a Jinja / Go template expression in a value (`{{ openai_api_key }}`, `{{ .Values.openaiApiKey | quote }}`)
_TEMPLATE_REF = re.compile(r"(?<!\$)\{\{[^{}\n]*\}\}")  # (not a workflow's `${{ secrets.X }}`)
_SIMPLE_DEPLOY_LINE = re.compile(r"""^\s*(?:-\s*)?(?:(?:ENV|ARG)\s+)?["']?OPENAI_API_KEY["']?\s*[:=]""")


_DUMMY_KEY = re.compile(r"(?i)^[\w-]*(?:dummy|test|fake|mock|example|placeholder|sample|invalid|(?<![a-z0-9])ci"
                        r"(?![a-z0-9]))[\w-]*$")




def _placeholder(value: str, key_env: str = "MISTRAL_API_KEY") -> str:
    """An example value for the new variable: ``your-openai-key`` -> ``your-mistral-key`` (the provider's
    name under --target openai-compatible: ``your-scaleway-key`` beside SCW_SECRET_KEY; held-out review 10)."""
    from migrator.mapping.providers import PROVIDERS

    name = next((spec.name for spec in PROVIDERS.values() if spec.key_env == key_env), "mistral") \
        if key_env != "MISTRAL_API_KEY" else "mistral"
    quote = value[:1] if value[:1] in "\"'" and value.endswith(value[:1]) and len(value) > 1 else ""
    inner = value[1:-1] if quote else value
    if inner.startswith(("sk-", "sk_")):  # (`"sk_*******"`: held-out review 77, Y3)
        # an OpenAI key's value goes; a dummy a CI test step sets (`sk-ci-dummy`, `sk-test`) keeps what it says, or
        # the step's tests run with no key (held-out review 79, X5)
        rest = inner[3:]
        inner = rest if _DUMMY_KEY.search(rest) and len(rest) < 32 else ""
    if inner.lower() in LOCAL_SERVER_KEYS:  # a local server's stand-in (`OPENAI_API_KEY=ollama`) is no Mistral key
        inner = ""  # (held-out review 89, Y4: `MISTRAL_API_KEY=ollama` was added)
    if _OPENAI_KEY_PAGE.search(inner):
        # `<your key from https://platform.openai.com/api-keys>`: Mistral's key page, not a made-up
        # platform.mistral.com (held-out review 112, X5); another provider's page is not known here: left empty
        from migrator.mapping.client import MISTRAL_KEYS_PAGE

        inner = _OPENAI_KEY_PAGE.sub(MISTRAL_KEYS_PAGE, inner) if name == "mistral" else ""
    # any other OpenAI address stays as it is, not made up into platform.mistral.com (held-out review 133, X6: a
    # trailing `# ... generate an API key: https://platform.openai.com/`); OpenAI's platform root is the key page
    urls: list = []

    def kept(match: re.Match) -> str:
        from migrator.mapping.client import MISTRAL_KEYS_PAGE

        platform = re.match(r"https?://platform\.openai\.com/?$", match.group(0)) and name == "mistral"
        urls.append(MISTRAL_KEYS_PAGE if platform else match.group(0))
        return f"\0{len(urls) - 1}\0"

    inner = re.sub(r"https?://[^\s\"'<>]*openai\.com[^\s\"'<>]*", kept, inner)
    for old, new in (("OPENAI", name.upper()), ("OpenAI", name.capitalize()), ("openai", name.lower()),
                     ("Openai", name.capitalize())):
        inner = inner.replace(old, new)
    # `<open_ai_api_key>`, `YOUR_OPEN_AI_KEY` (held-out review 112, Y9: copied into MISTRAL_API_KEY as it was), and
    # a comment's "Open AI"
    inner = re.sub(r"(?i)(?<![a-z0-9])open(?:[_-]| (?=AI\b))ai(?![a-z0-9])", lambda m: name.upper() if
                   m.group(0).isupper() else name.capitalize() if m.group(0)[0].isupper() else name.lower(), inner)
    inner = re.sub(r"\0(\d+)\0", lambda m: urls[int(m.group(1))], inner)
    return f"{quote}{inner}{quote}"


# OpenAI's key pages, and what the comment above an example key line calls the key (held-out review 105, X11: the
# renamed MISTRAL_API_KEY sat under "# OpenAI API Key (Required) / # Get from: https://platform.openai.com/api-keys")
_OPENAI_KEY_PAGE = re.compile(r"https?://platform\.openai\.com/(?:account/)?api-keys/?")
_OPENAI_KEY_WORDS = re.compile(r"\bOpenAI( API(?: [Kk]ey| [Cc]onfiguration| [Ss]ettings)?)\b")


def _mistral_key_comment(line: str) -> str:
    """A comment line above a renamed key: OpenAI's key page and "OpenAI API Key" become Mistral's."""
    from migrator.mapping.client import MISTRAL_KEYS_PAGE

    if _OPENAI_KEY_PAGE.search(line):  # "# OpenAI: get your key at <OpenAI's key page>" names Mistral's page now, so
        line = re.sub(r"\bOpenAI\b", "Mistral", line)  # the label goes with it (held-out review 112, X5)
    return _OPENAI_KEY_WORDS.sub(r"Mistral\1", _OPENAI_KEY_PAGE.sub(MISTRAL_KEYS_PAGE, line))


# a settings class that takes unknown variables (held-out review 15, J3): extra="ignore" / "allow", Extra.ignore, and
# a plain dict's "extra": "ignore" (held-out review 72, X3: ConfigDict / SettingsConfigDict are TypedDicts)
_SETTINGS_EXTRA_ALLOWED = re.compile(r"""(?:\bextra\s*=\s*|["']extra["']\s*:\s*)"""
                                     r"""(?:["'](?:ignore|allow)["']|Extra\.(?:ignore|allow))""")


def edit_env(text: str, path: str, facts: CodeFacts, rename: bool) -> _Edit:
    edit = _Edit(text)
    key_env = facts.key_env
    example = is_example_env(path)
    lines = text.splitlines(keepends=True)
    out = list(lines)
    present = re.search(rf"^\s*(?:#\s*)?(?:export\s+)?{re.escape(key_env)}\s*(?:=|$)", text, re.MULTILINE) is not None
    rejecting = facts.settings_reject_key(path) if example and not rename else ""
    for index in range(len(lines) - 1, -1, -1):
        match = _ENV_LINE.match(lines[index]) or (_ENV_BARE.match(lines[index]) if example else None)
        if not match or (present and example and not rename):  # added already (a second run)
            continue
        prefix, equals, value, ending = match.groups()
        if "#" in prefix and not example:
            continue  # a comment in a real env file: it sets nothing
        if not example:
            edit.note(ENV_RULE, FindingKind.TODO, index + 1,
                      f"{posixpath.basename(path)} sets {OPENAI_KEY} and looks like a real env file: it was not "
                      f"changed (its values are not shown); set {key_env} where it is deployed"
                      + ("" if rename else f" ({OPENAI_KEY} stays: {facts.key_reader(path)})"), "manual")
            continue
        if _REAL_KEY.search(value):
            edit.note(ENV_RULE, FindingKind.TODO, index + 1,
                      f"{posixpath.basename(path)}: {OPENAI_KEY} holds what looks like a real OpenAI key (not shown): "
                      f"it was not copied; rotate it, and add {key_env} by hand", "manual")
            continue
        new_line = f"{prefix}{key_env}{equals}{_placeholder(value, key_env)}{ending or ''}"
        # (a "choose one provider" list: other providers' keys beside it; a lone commented key documents the one to
        # set, and follows: held-out review 25, A6)
        options = "#" in prefix and re.search(rf"^[#\s]*(?:export\s+)?(?!{OPENAI_KEY}\b|{re.escape(key_env)}\b)"
                                              r"[A-Z][A-Z0-9_]*_API_KEY\s*=", text, re.MULTILINE) is not None
        if rename and options and present:
            continue  # (added already: a second run)
        if rename and options:
            # `# OPENAI_API_KEY=` among "choose one provider" options: the option stays (another library, litellm's
            # `openai/...` models, reads it), and the key the converted code needs is set, not an option (held-out
            # review 129, Y3: it became `# MISTRAL_API_KEY=`)
            active = f"{prefix[:len(prefix) - len(prefix.lstrip())]}{key_env}={_placeholder(value, key_env)}"
            first = lines[index] if ending else lines[index] + _newline(text)
            out[index:index + 1] = [first, active + (ending or "")]
            edit.note(ENV_RULE, FindingKind.CONVERTED, index + 1,
                      f"{key_env} added below the commented-out {OPENAI_KEY} (the converted code reads it)")
            continue
        if rename:
            out[index] = new_line
            if key_env == "MISTRAL_API_KEY":  # its comment block: "# Get from: https://platform.openai.com/api-keys"
                above = index - 1
                while above >= 0 and above >= index - 3 and lines[above].lstrip().startswith("#"):
                    out[above] = _mistral_key_comment(out[above])
                    above -= 1
            # the setup docs beside it that still say to set OPENAI_API_KEY (held-out review 88, Y12: a README's
            # "add your OpenAI API key" step beside a renamed .env.example; the PR body said it, the run did not)
            docs = docs_naming(_served_directory(path) or ".", OPENAI_KEY, 3)
            here = posixpath.dirname(path.replace("\\", "/")) or "."
            shown = ", ".join(
                f"{posixpath.relpath(doc, here) if posixpath.isabs(doc) == posixpath.isabs(here) else doc}:{line}"
                for doc, line in docs)
            edit.note(ENV_RULE, FindingKind.CONVERTED, index + 1,
                      f"{OPENAI_KEY} -> {key_env} (every client that read it was converted)", "exact",
                      (f"update the setup docs that still tell users to set {OPENAI_KEY} ({shown}): the converted "
                       f"code reads {key_env}",) if docs else ())
        elif (named := facts.config_naming_key(path)) and facts.key_reader(path) == f"{named} still reads it":
            # `api_key_env: "OPENAI_API_KEY"` in config.yaml, read with os.getenv(config[...]) and handed to the
            # converted client: that variable is the Mistral key's now (held-out review 165, Y1: renamed here, and the
            # app raised "API key not found in environment variable: OPENAI_API_KEY")
            edit.note(ENV_RULE, FindingKind.TODO, index + 1,
                      f"{posixpath.basename(path)}: {named} names {OPENAI_KEY} as the variable the code reads its key "
                      f"from, and hands that key to the converted client: put a {facts.provider} key in it (or rename "
                      f"it here and in {named} together)", "manual")
        elif rejecting:
            module = posixpath.relpath(rejecting, posixpath.dirname(path) or ".")
            settings = facts.texts.get(rejecting, "")
            # a case-sensitive class (or one whose fields are spelled as the variables) matches MISTRAL_API_KEY only by
            # that name (held-out review 85, X4: a mistral_api_key field then met the variable as an extra input)
            field_name = key_env if re.search(r"case_sensitive\b\W*(?:=|:)\s*True", settings) or re.search(
                rf"^\s+{OPENAI_KEY}\s*:", settings, re.MULTILINE) else key_env.lower()
            edit.note(ENV_RULE, FindingKind.TODO, index + 1,
                      f"{key_env} not added: the settings class in {module} reads the env file and has no field "
                      f"for it (pydantic-settings rejects an unknown variable at start-up); declare a "
                      f"{field_name} field, pass it to the converted clients (api_key=), then add {key_env} here",
                      "manual")
        else:
            first = lines[index] if ending else lines[index] + _newline(text)
            out[index:index + 1] = [first, new_line]
            edit.note(ENV_RULE, FindingKind.CONVERTED, index + 1,
                      f"{key_env} added next to {OPENAI_KEY} ({facts.key_reader(path)})")
    if example and rename and key_env == "MISTRAL_API_KEY" and any(
            line.startswith(f"{key_env}=") or line.lstrip("# ").startswith(f"{key_env}") for line in out):
        # OpenAI's key page named anywhere else in the file's comments (`# Get your API key from: <page>` below the
        # key, after a blank line: held-out review 129, Y4)
        out = [_mistral_key_comment(line) if line.lstrip().startswith("#") and _OPENAI_KEY_PAGE.search(line) else line
               for line in out]
    edit.text = "".join(out)
    return edit


# a secret's key (`key: openai-api-key` under secretKeyRef / a Helm value) and the secret's name
# (`secret: openai-api-key`: Koyeb's env entry naming the platform secret it takes; held-out review 61, X17)
_SECRET_KEY_LINE = re.compile(r"""^(\s*)(?:key|secret(?=\s*:))\s*:\s*["']?([A-Za-z0-9_.-]+)""")
_SECRET_NAME_LINE = re.compile(r"""^\s*(?:secretName|name)\s*:\s*["']?([A-Za-z0-9_.-]+)""")


def _nested_block(lines: list, index: int) -> range:
    """The lines under a YAML line that are indented deeper than it (``- name: X`` counts from its dash): the
    mapping that is its value, or its list item's other entries."""
    depth = len(lines[index]) - len(lines[index].lstrip(" "))
    end = index + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip(" ")) > depth):
        end += 1
    while end > index + 1 and not lines[end - 1].strip():
        end -= 1
    return range(index + 1, end)


# a kustomize secretGenerator's `files:` entry: the key's value is the content of the file named
_KUSTOMIZE_FILE_ENTRY = re.compile(r"^\s*-\s*OPENAI_API_KEY=(?!sk-)([^\s$\"'#]*[/.][^\s\"'#]*)\s*(?:#.*)?$")
# ... and one naming the file itself (`- OPENAI_API_KEY.txt`): the key is the file's name
_KUSTOMIZE_KEY_FILE = re.compile(r"^\s*-\s*([^\s=#\"']*/)?(OPENAI_API_KEY\.[A-Za-z0-9]+)\s*(?:#.*)?$")
_SECRET_REF = re.compile(r"(\bsecrets\.)([A-Za-z_][A-Za-z0-9_]*)")
# `${MY_KEY}`, `${MY_KEY:-default}`, `$MY_KEY` in a value: a variable of the host (compose) or of the build
# (Dockerfile ARG); `$$` is compose's escaped dollar
_VAR_REF = re.compile(r"(?<!\$)(\$\{?)([A-Za-z_][A-Za-z0-9_]*)")


def edit_deploy(text: str, path: str, facts: CodeFacts, rename: bool) -> _Edit:
    edit = _Edit(text)
    key_env = facts.key_env
    lines = text.splitlines(keepends=True)
    out = list(lines)
    touched = []
    present = re.search(rf"\b{re.escape(key_env)}\b", text) is not None
    secret_manifest = re.search(r"^kind:\s*Secret\s*$", text, re.MULTILINE) is not None
    workflow = _is_workflow(path)
    kustomization = posixpath.basename(path).lower() in ("kustomization.yaml", "kustomization.yml")
    pulled: dict = {}  # a compose file of images alone: first line -> (a namespaced image, its service's lines)
    foreign = _foreign_service_lines(lines, pulled) if _COMPOSE_NAME.match(posixpath.basename(path)) else \
        _action_step_lines(lines) if workflow else \
        _foreign_item_lines(lines) if path.lower().endswith((".yaml", ".yml")) else frozenset()
    if path.lower().endswith((".yaml", ".yml")) and not workflow:
        foreign = foreign | _other_context_lines(lines, path, facts)
    for first, (tool, block) in (_tool_steps(lines) if workflow else {}).items():
        foreign = foreign | frozenset(block)
        edit.note(ENV_RULE, FindingKind.TODO, first + 1,
                  f"{posixpath.basename(path)}: this step runs {tool}, whose openai: providers read {OPENAI_KEY} "
                  f"themselves: it keeps that key, and it evaluates OpenAI models, not the Mistral model the converted "
                  f"code now calls: to evaluate that one, use {tool}'s mistral: provider (it reads MISTRAL_API_KEY) "
                  f"in its config and pass {key_env} here", "manual")
    for action, block in (_deploy_action_steps(lines) if workflow and not present else {}).values():
        index = next((i for i in block if _KEY_TOKEN.search(lines[i]) and not lines[i].lstrip().startswith("#")), None)
        if index is None:
            continue
        foreign = foreign | frozenset(block)  # (a `run:` deploy too: its env feeds the infrastructure code, which
        # reads OPENAI_API_KEY; renamed, the deployed function got neither key: review of session 87)
        # `uses: youyo/aws-cdk-github-actions@v2` with `env: OPENAI_API_KEY: ...`: the action runs the project's own
        # infrastructure code, which hands the key to the deployed function (held-out review 162, X1: the Lambda ran
        # the converted code with no MISTRAL_API_KEY, silently; the step's env was taken for the action's own)
        named = _iac_naming(_served_directory(path) or ".", OPENAI_KEY)
        where = f" ({', '.join(named)})" if named else ""
        edit.note(ENV_RULE, FindingKind.TODO, index + 1,
                  f"{posixpath.basename(path)}: this step runs {action}, which deploys the project's own "
                  f"infrastructure code with {OPENAI_KEY} in its environment, while the deployed code now reads "
                  f"{key_env}: pass {key_env} (a {facts.provider} key) here and set it in the function's environment "
                  f"where that code sets {OPENAI_KEY}{where}", "manual")
    for image, block in pulled.values():
        index = next((i for i in block if _KEY_TOKEN.search(lines[i]) and not lines[i].lstrip().startswith("#")), None)
        if index is not None:
            edit.note(ENV_RULE, FindingKind.TODO, index + 1,
                      f"{posixpath.basename(path)}: this service runs the image {image}, which the project does not "
                      f"build here: if that image runs the converted app, pass {key_env} (a {facts.provider} key) "
                      f"instead; if it is another program reading {OPENAI_KEY} for its own OpenAI connection, leave it",
                      "manual")
    shared = _action_job_env_lines(lines) if workflow else {}  # line -> the action the job also runs
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if not _KEY_TOKEN.search(line) or line.lstrip().startswith("#") or (present and not rename) or \
                index in foreign:
            continue
        named = _KUSTOMIZE_KEY_FILE.match(line) if kustomization and rename else None
        if named is not None:
            # `files: - OPENAI_API_KEY.txt`: the Secret's key is the file's name, its value the file's content (the
            # OpenAI key); renamed with the variable, the new file must exist (held-out review 112, Y3: renamed with
            # no word, and `kubectl apply -k` failed on the missing file)
            old_file = (named.group(1) or "") + named.group(2)
            new_file = (named.group(1) or "") + named.group(2).replace(OPENAI_KEY, key_env)
            out[index] = line.replace(old_file, new_file, 1)
            edit.note(ENV_RULE, FindingKind.TODO, index + 1,
                      f"{posixpath.basename(path)}: the Secret's key {posixpath.basename(new_file)} is generated from "
                      f"the file {new_file} (it was {old_file}, which holds the OpenAI key and is "
                      f"no longer read): create {new_file} holding a {facts.provider} key (kustomize fails on a "
                      "missing file)", "manual")
            touched.append((index, f"{OPENAI_KEY} -> {key_env} (every client that read it was converted)"))
            continue
        source = _KUSTOMIZE_FILE_ENTRY.match(line) if kustomization else None
        if source is not None:
            # a secretGenerator's `- OPENAI_API_KEY=api-keys/openai-key.txt`: the Secret's key holds that file's
            # content, the OpenAI key; renamed, MISTRAL_API_KEY would be the OpenAI key (held-out review 55, U3)
            edit.note(ENV_RULE, FindingKind.TODO, index + 1,
                      f"{posixpath.basename(path)}: {OPENAI_KEY} is generated from {source.group(1)}, which holds "
                      f"the OpenAI key: add a {key_env} entry generated from a file holding a Mistral key (kustomize "
                      f"fails on a missing file), for the converted clients", "manual")
            continue
        if _REAL_KEY.search(line) or _B64_KEY.search(line) or (secret_manifest and _SECRET_VALUE.match(line) and
                                                               not _SECRET_PLACEHOLDER.match(line)):
            # the key itself (a Kubernetes Secret's data / stringData, a Dockerfile ENV): renaming it would
            # show it in the diff and hand an OpenAI key to the Mistral client
            edit.note(ENV_RULE, FindingKind.TODO, index + 1,
                      f"{posixpath.basename(path)}: {OPENAI_KEY} holds a secret value (not shown): it was not "
                      f"renamed; set {key_env} (a {facts.provider} key) beside it by hand, and rotate the OpenAI key "
                      "if it is a real one in the repository", "manual")
            continue
        new_line = _KEY_TOKEN.sub(key_env, line)
        # `OPENAI_API_KEY: ${MY_KEY}`: the host variable holds the OpenAI key whatever its name; compose's
        # variable takes the host variable of the new name (as a workflow's secret does, below). Elsewhere (a
        # Dockerfile's `ENV OPENAI_API_KEY=${KEY}` reads a build ARG) it is said, not renamed: the ARG and the
        # --build-arg setting it stay
        compose = _COMPOSE_NAME.match(posixpath.basename(path)) is not None
        name_end = new_line.find(key_env) + len(key_env) if key_env in new_line else 0
        host = [] if workflow else \
            sorted({m.group(2) for m in _VAR_REF.finditer(new_line, name_end) if m.group(2) != key_env})
        if host and compose:
            new_line = new_line[:name_end] + _VAR_REF.sub(lambda m: m.group(1) + key_env, new_line[name_end:])
        # `${MISTRAL_API_KEY:-your_default_openai_api_key}`: the example default names the new provider too (held-out
        # review 47, F2)
        new_line = re.sub(r"(\$\{" + re.escape(key_env) + r":?-)([^}]*)(\})",
                          lambda m: m.group(1) + _placeholder(m.group(2), key_env) + m.group(3), new_line)
        # `- OPENAI_API_KEY=sk-proj-abc123` (a short key or a placeholder the secret check lets through): the new
        # variable gets no OpenAI key (re-review 48, G7: renamed with its value, a 401 for the service)
        # (an emptied YAML value is `""`, not a null with a trailing space: held-out review 79, X5)
        new_line = re.sub(r"""^(\s*(?:-\s*)?["']?""" + re.escape(key_env) + r"""\s*[:=]\s*)(["']?sk-[^\s"'#]*["']?)""",
                          lambda m: m.group(1) + (_placeholder(m.group(2), key_env) or
                                                  ('""' if m.group(1).rstrip().endswith(":") else "")), new_line)
        # `ENV OPENAI_API_KEY 'Your OpenAI API Key'`: a placeholder naming OpenAI names the new provider (held-out
        # review 58, X6: it told the user to put an OpenAI key in MISTRAL_API_KEY)
        new_line = re.sub(r"""^(\s*(?:ENV\s+)?""" + re.escape(key_env) + r"""(?:\s*=\s*|\s+))(["'][^"'\n]*["'])""",
                          lambda m: m.group(1) + (_placeholder(m.group(2), key_env) if re.search(
                              r"(?i)\b(?:your|an?|the)\b.*\bopenai\b|\bopenai\b.*\bkey\b", m.group(2)) else m.group(2)),
                          new_line)
        # `- OPENAI_API_KEY=your_openai_api_key_here` (unquoted, a compose list's placeholder naming OpenAI: held-out
        # review 159, Y5, it became MISTRAL_API_KEY=your_openai_api_key_here)
        new_line = re.sub(r"""^(\s*(?:-\s*)?(?:ENV\s+)?""" + re.escape(key_env) + r"""\s*[:=]\s*)"""
                          r"""((?i:[\w.-]*your[\w.-]*openai[\w.-]*|[\w.-]*openai[\w.-]*key[\w.-]*))(\s*)$""",
                          lambda m: m.group(1) + _placeholder(m.group(2), key_env) + m.group(3), new_line)
        # `echo OPENAI_API_KEY=FAKE_OPENAI_API_KEY > .env` in a CI step: a dummy named for OpenAI names the new provider
        # (held-out review 169, X8)
        new_line = re.sub(r"(\b" + re.escape(key_env) + r"\s*=\s*)([\w-]*?(?i:openai)[\w-]*)(?=[\s\"']|$)",
                          lambda m: m.group(1) + re.sub("openai", lambda o: "MISTRAL" if o.group(0).isupper() else
                                                        "mistral" if o.group(0).islower() else "Mistral",
                                                        m.group(2), flags=re.IGNORECASE)
                          if re.search(r"(?i)fake|dummy|test|placeholder|example|your|xxx", m.group(2)) else m.group(0),
                          new_line)
        # `MISTRAL_API_KEY: <base64-encoded-openai-api-key>` in an example Secret (held-out review 61, Y18); a
        # Dockerfile's `ENV MISTRAL_API_KEY=<your-openai-api-key>` (held-out review 70, Y8)
        new_line = re.sub(r"""^(\s*(?:ENV\s+)?["']?""" + re.escape(key_env) +
                          r"""["']?(?:\s*[:=]\s*|\s+))(<[^<>\n]*>)""",
                          lambda m: m.group(1) + _placeholder(m.group(2), key_env), new_line)
        # `OPENAI_API_KEY: ${{ secrets.AI }}`: the secret holds the OpenAI key whatever its name; the variable
        # Mistral's client reads takes the secret of the new name (held-out review 54, S1: a 401 in CI, unflagged)
        held = sorted({m.group(2) for m in _SECRET_REF.finditer(new_line) if m.group(2) != key_env})
        new_line = _SECRET_REF.sub(lambda m: m.group(1) + key_env, new_line)
        # `secrets.OPENAI_TOKEN || secrets.OPENAI_API_KEY`: one secret now (held-out review 55, U9f)
        new_line = re.sub(rf"\bsecrets\.{key_env}(?:\s*\|\|\s*secrets\.{key_env}\b)+", f"secrets.{key_env}", new_line)
        around = "".join(lines[max(0, index - 3):index + 1])
        after = (f"; create the {key_env} secret (a {facts.provider} key) in the repository settings"
                 + (f" (it read the secret {', '.join(held)}, which holds the OpenAI key)" if held else "")) \
            if "secrets." in line else \
            f"; add a {key_env} key (a {facts.provider} key) to that Kubernetes Secret" \
            if "secretKeyRef" in around else \
            f"; set {key_env} (a {facts.provider} key) where this file's variables come from (it read " \
            f"{', '.join(host)}, which holds the OpenAI key)" if host and compose else ""
        if after:  # (the summary's "Before you deploy": held-out review 64, X9)
            edit.steps[index] = (after.removeprefix("; "),)
        if host and not compose:
            edit.note(ENV_RULE, FindingKind.TODO, index + 1,
                      f"{posixpath.basename(path)}: {key_env} takes its value from {', '.join(host)}, which held the "
                      "OpenAI key: give it a Mistral key"
                      + (" (a build argument: --build-arg)" if any(re.search(rf"^\s*ARG\s+{name}\b", text, re.M)
                                                                   for name in host) else "")
                      + " or read another variable", "manual")
        # `OPENAI_API_KEY: "{{ openai_api_key }}"` (Ansible), `- name: OPENAI_API_KEY` / `value: {{ .Values.openaiApiKey
        # }}` (Helm): the template variable holds the OpenAI key whatever the name it is given (held-out review 62, X30)
        following = lines[index + 1] if index + 1 < len(lines) and _K8S_NAME.match(line) else ""
        templated = _TEMPLATE_REF.findall(line[line.find(OPENAI_KEY) + len(OPENAI_KEY):] if OPENAI_KEY in line
                                          else "") + (_TEMPLATE_REF.findall(following)
                                                      if _K8S_VALUE.match(following) else [])
        if templated and rename:
            edit.note(ENV_RULE, FindingKind.TODO, index + 1,
                      f"{posixpath.basename(path)}: {key_env} takes its value from the template variable "
                      f"{templated[0].strip('{} ').split('|')[0].strip()}, which held the OpenAI key: give it a "
                      "Mistral key (a new template variable or values key)", "manual")
        continued = line.rstrip("\r\n").endswith("\\") or (index and lines[index - 1].rstrip("\r\n").endswith("\\"))
        nested = _nested_block(lines, index) if path.endswith((".yaml", ".yml")) else range(0)
        if rename and index not in shared:
            out[index] = new_line
            if index and re.match(r"\s*#.*\bOpenAI API key\b", lines[index - 1], re.IGNORECASE) and \
                    not _KEY_TOKEN.search(lines[index - 1]):
                # `# Set your OpenAI API Key` above it (held-out review 59, X9): the comment follows the variable
                out[index - 1] = re.sub(r"\bOpenAI(?= API key\b)", "Mistral", lines[index - 1], flags=re.IGNORECASE)
            # `OPENAI_API_KEY:` / `- name: OPENAI_API_KEY` whose value is a secret's key named under it (`key:
            # openai-api-key`): that key holds the OpenAI key; the variable takes the key of the new name (as a
            # workflow's secret does; held-out review 55, U5: MISTRAL_API_KEY read the OpenAI secret)
            for j in nested:
                ref = _SECRET_KEY_LINE.match(out[j])
                if ref is None or ref.group(2) == key_env:
                    continue
                # (`key: OPENAI_API_KEY.txt`, a kustomize file's key, renamed as a line of its own already: the key
                # it named held the OpenAI key, the new one is to be added; held-out review 112, Y3)
                first = _SECRET_KEY_LINE.match(lines[j])
                if first is not None and first.group(2) != ref.group(2) and "openai" in first.group(2).lower():
                    ref = first
                    out[j] = lines[j]
                if "openai" in ref.group(2).lower():
                    new_key = re.sub("openai", lambda m: "MISTRAL" if m.group(0).isupper() else "mistral"
                                     if m.group(0).islower() else "Mistral", ref.group(2), flags=re.IGNORECASE)
                    out[j] = out[j][:ref.start(2)] + new_key + out[j][ref.end(2):]
                    holder = next((m.group(1) for k in nested if (m := _SECRET_NAME_LINE.match(lines[k]))), "")
                    # (a step the deploy needs: a TODO, not only the finding's note; held-out review 62, X42)
                    edit.note(ENV_RULE, FindingKind.TODO, j + 1,
                              f"{posixpath.basename(path)}: {key_env} now reads "
                              + (f"the platform secret {new_key}: create it (a {facts.provider} key)"
                                 if out[j].lstrip().startswith("secret") else
                                 f"the key {new_key} of the Secret {holder or 'it reads'}: add it (a "
                                 f"{facts.provider} key)"),
                              "manual")
                else:
                    edit.note(ENV_RULE, FindingKind.TODO, j + 1,
                              f"{posixpath.basename(path)}: {key_env} reads the secret key {ref.group(2)}, which held "
                              "the OpenAI key: point it at a key holding a Mistral key", "manual")
            touched.append((index, f"{OPENAI_KEY} -> {key_env} (every client that read it was converted){after}"))
        elif _SIMPLE_DEPLOY_LINE.match(line) and not continued and not path.endswith(".json") and not nested:
            # (a key whose value is the mapping under it, Helm's `OPENAI_API_KEY:\n  secretName: ...`: a line added
            # after it would take that mapping: the TODO below; held-out review 55, U5)
            # (a line inside `ENV A=1 \` continues; in JSON a copied member may need a comma the last lacks)
            ending = line[len(line.rstrip("\r\n")):]
            out[index:index + 1] = [line if ending else line + _newline(text), new_line]
            why = f"the action {shared[index]} in this job inherits it and may read it" if index in shared else \
                facts.key_reader(path)
            touched.append((index, f"{key_env} added next to {OPENAI_KEY} ({why})" + after))
        elif continued and index and not nested and posixpath.basename(path).lower().startswith(
                ("dockerfile", "containerfile")) and re.match(rf"^\s+{OPENAI_KEY}=", line) and \
                _env_continuation(lines, index):
            # `ENV PYTHONUNBUFFERED=1 \` then `    OPENAI_API_KEY=${OPENAI_API_KEY}`: a line of the same ENV, which the
            # new variable joins (held-out review 121, X5: only a TODO, and nothing written)
            body, ending = line.rstrip("\r\n"), line[len(line.rstrip("\r\n")):] or _newline(text)
            added = new_line.rstrip("\r\n")
            if body.rstrip().endswith("\\"):  # a middle line: the new one continues too
                out[index:index + 1] = [line, added + ending]
            else:  # the last: it continues now, the new one ends the instruction
                out[index:index + 1] = [body + " \\" + ending, added.rstrip().rstrip("\\").rstrip() + ending]
            touched.append((index, f"{key_env} added next to {OPENAI_KEY} ({facts.key_reader(path)})" + after))
        elif path.endswith((".yaml", ".yml")) and _SECRET_KEY_LINE.match(line) and any(
                index in _nested_block(lines, i) for i in range(max(0, index - 8), index)
                if _KEY_TOKEN.search(lines[i])):
            continue  # `key: OPENAI_API_KEY` of the secretKeyRef under `- name: OPENAI_API_KEY`: that entry's TODO (W9)
        elif workflow and nested and re.match(rf"^\s*{OPENAI_KEY}:\s*$", line) and all(
                _WORKFLOW_SECRET_FIELD.match(lines[j]) for j in nested) and _declared_secret(lines, index):
            # a reusable workflow's `on: workflow_call: secrets: OPENAI_API_KEY: {required: ...}`: its callers now pass
            # MISTRAL_API_KEY too, which GitHub rejects unless declared (held-out review 109, X1: both CI workflows
            # stopped loading); declared beside it, not required (a caller passing only the old key still runs)
            indent = line[:len(line) - len(line.lstrip())]
            inner = lines[nested[0]][:len(lines[nested[0]]) - len(lines[nested[0]].lstrip())]
            newline = _newline(text)
            block = [f"{indent}{key_env}:{newline}", f"{inner}required: false{newline}"]
            if not lines[nested[-1]].endswith(("\n", "\r")):
                out[nested[-1]] = lines[nested[-1]] + newline
                block[-1] = block[-1].rstrip("\r\n")
            out[nested[-1] + 1:nested[-1] + 1] = block
            touched.append((index, f"{key_env} declared next to {OPENAI_KEY} among the workflow's secrets (its "
                                   "callers pass it)"))
        elif path.endswith((".yaml", ".yml")) and re.match(rf"^\s+envVarKey:\s*{OPENAI_KEY}\s*$", line) and any(
                re.match(rf"^\s*-\s+key:\s*{OPENAI_KEY}\s*$", lines[i]) and _render_from_service(lines, i)
                for i in range(max(0, index - 6), index)):
            continue  # Render's `fromService: ... envVarKey: OPENAI_API_KEY` of the item above: that item's copy
        elif path.endswith((".yaml", ".yml")) and re.match(rf"^\s*-\s+key:\s*{OPENAI_KEY}\s*$", line) and nested and \
                _render_from_service(lines, index):
            # Render's `- key: OPENAI_API_KEY` / `fromService: {type, name, envVarKey: OPENAI_API_KEY}` (a worker
            # reading the web service's variable): the item is copied for the new variable, which the service it names
            # gets too (held-out review 150, X7: a TODO above the item and another inside it)
            block = [new_line if new_line.endswith(("\n", "\r")) else new_line + _newline(text)] + \
                [_KEY_TOKEN.sub(key_env, lines[j]) if re.match(r"^\s+envVarKey:", lines[j]) else lines[j]
                 for j in nested]
            if not lines[nested[-1]].endswith(("\n", "\r")):
                out[nested[-1]] = lines[nested[-1]] + _newline(text)
                block[-1] = block[-1].rstrip("\r\n")
            out[nested[-1] + 1:nested[-1] + 1] = block
            touched.append((index, f"{key_env} added next to {OPENAI_KEY} ({facts.key_reader(path)}), from the "
                                   "service that gets it"))
        elif path.endswith((".yaml", ".yml")) and re.match(rf"^\s*-\s+key:\s*{OPENAI_KEY}\s*$", line) and nested and \
                all(re.match(r"^\s+sync:\s*false\s*$", lines[j]) for j in nested):
            # Render's `- key: OPENAI_API_KEY` / `sync: false` (a secret asked for in the dashboard): the item is
            # copied for the new variable, as compose's entry is (held-out review 95, X8: only a TODO)
            block = [new_line if new_line.endswith(("\n", "\r")) else new_line + _newline(text)] + \
                [lines[j] for j in nested]
            if not lines[nested[-1]].endswith(("\n", "\r")):
                out[nested[-1]] = lines[nested[-1]] + _newline(text)
                block[-1] = block[-1].rstrip("\r\n")
            out[nested[-1] + 1:nested[-1] + 1] = block
            touched.append((index, f"{key_env} added next to {OPENAI_KEY} ({facts.key_reader(path)}); set it (a "
                                   f"{facts.provider} key) in the Render dashboard"))
        elif workflow and re.search(rf"\$\{{?{OPENAI_KEY}\b", line) and "secrets." not in line and \
                any(_SIMPLE_DEPLOY_LINE.match(lines[j]) and "secrets." in lines[j] and _passed_to_step(lines, j, index)
                    for j in range(index)):
            # `echo "key: $OPENAI_API_KEY"` in a step's run: script, an env: block above passing the secret (given the
            # new variable beside it: the lines are read from the last): the command reads the old one (held-out
            # review 150, Y4: "also pass MISTRAL_API_KEY here" beside the line just added)
            edit.note(ENV_RULE, FindingKind.TODO, index + 1, f"{posixpath.basename(path)}: this command reads "
                      f"${OPENAI_KEY}; where it checks the key or hands it on for the converted clients, do the same "
                      f"with ${key_env} (passed above) ({OPENAI_KEY} stays: {facts.key_reader(path)})", "manual")
        elif re.search(r">>?[ \t]*[\w./-]*\.env\b", line) and (rejecting := facts.settings_reject_key()):
            # `echo "OPENAI_API_KEY=..." > backend/.env`, the file a settings class with no such field reads: the
            # variable added first fails start-up (held-out review 153, X2: ValidationError, extra inputs not permitted)
            edit.note(ENV_RULE, FindingKind.TODO, index + 1, f"{posixpath.basename(path)}: this writes an env file "
                      f"the settings class in {rejecting} reads, which has no field for {key_env} (pydantic-settings "
                      "rejects an unknown entry at start-up): declare one there and pass it to the converted clients "
                      f"(api_key=), then write {key_env} here too ({OPENAI_KEY} stays: {facts.key_reader(path)})",
                      "manual")
        else:
            edit.note(ENV_RULE, FindingKind.TODO, index + 1, f"{posixpath.basename(path)}: also pass {key_env} "
                      f"here, for the converted clients ({OPENAI_KEY} stays: {facts.key_reader(path)})", "manual")
    return _apply(edit, text, "".join(out), touched, ENV_RULE, "exact", True,
                  f"{posixpath.basename(path)}: pass {key_env} instead of {OPENAI_KEY} (migrator could not edit "
                  "this file safely)")


def _passed_to_step(lines: list, line: int, index: int) -> bool:
    """Does the env entry at ``line`` reach the workflow step holding the line at ``index``: it is in that step, or in
    no step at all (a job's or the workflow's env)? (Review of session 84: another step's entry was taken as "passed
    above".)"""
    return line >= _step_start(lines, index) or _step_start(lines, line) == 0


def _step_start(lines: list, index: int) -> int:
    """The line opening the workflow step (``- name: ...`` / ``- run: ...``) the line at ``index`` belongs to; 0 where
    none is found (the line is the job's or the workflow's own: their env blocks pass to every step)."""
    depth = len(lines[index]) - len(lines[index].lstrip(" "))
    for j in range(index - 1, -1, -1):
        text = lines[j]
        indent = len(text) - len(text.lstrip(" "))
        if text.strip() and indent < depth and text.lstrip().startswith("- "):
            return j
    return 0


def _render_from_service(lines: list, index: int) -> bool:
    """Is the item at ``index`` (``- key: OPENAI_API_KEY``) Render's ``fromService`` reference to another service's
    variable of that name (``fromService:`` then ``type`` / ``name`` / ``envVarKey: OPENAI_API_KEY``, nothing else)?"""
    nested = _nested_block(lines, index)
    if not nested or not re.match(r"^\s+fromService:\s*$", lines[nested[0]]):
        return False
    return all(re.match(r"^\s+(?:type|name):\s*[\w.-]+\s*$", lines[j]) or
               re.match(rf"^\s+envVarKey:\s*{OPENAI_KEY}\s*$", lines[j]) for j in nested[1:]) and \
        any(re.match(r"^\s+envVarKey:", lines[j]) for j in nested[1:])


def _env_continuation(lines: list, index: int) -> bool:
    """Is line ``index`` a continuation line of a Dockerfile ``ENV`` instruction (the lines above it ending with
    ``\\`` back to one starting ``ENV``)?"""
    j = index - 1
    while j >= 0 and lines[j].rstrip("\r\n").endswith("\\"):
        if re.match(r"^\s*ENV\s", lines[j], re.IGNORECASE):
            return True
        j -= 1
    return False


_WORKFLOW_SECRET_FIELD = re.compile(r"^\s*(?:required:\s*(?:true|false)|description:.*)\s*$")


def _declared_secret(lines: list, index: int) -> bool:
    """Is line ``index`` an entry of a ``secrets:`` mapping under ``workflow_call:`` (a reusable workflow's inputs)?"""
    indent = len(lines[index]) - len(lines[index].lstrip())
    for above in range(index - 1, -1, -1):
        text = lines[above]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        depth = len(text) - len(text.lstrip())
        if depth < indent:
            if text.strip() != "secrets:":
                return False
            parent = next((lines[k] for k in range(above - 1, -1, -1) if lines[k].strip() and
                           len(lines[k]) - len(lines[k].lstrip()) < depth and not lines[k].lstrip().startswith("#")),
                          "")
            return parent.strip() == "workflow_call:"
    return False


# the openai command-line tool doing work on OpenAI's platform (fine-tuning, files, images, audio; its tools)
_OPENAI_PLATFORM_CLI = re.compile(r"\s*openai\s+(?:api\s+(?:fine_tun\w*|files|image\w*|audio)|tools|wandb)\b")
# a script's own work on OpenAI's platform: its command-line tool, or a request with no Mistral counterpart
_OWN_OPENAI_WORK = re.compile(r"^[ \t]*openai[ \t]+(?:api|tools)\b|api\.openai\.com/v1/(?:completions|fine[-_]tun|"
                              r"images|assistants|threads|vector_stores|audio/speech|realtime|batches|files)",
                              re.MULTILINE)
# ... and a command that may run the converted code (which reads the variable)
_RUNS_APP = re.compile(r"\b(?:python[\d.]*|uvicorn|gunicorn|streamlit|flask|fastapi|celery|pytest|uv[ \t]+run|"
                       r"poetry[ \t]+run|docker|docker-compose|podman|kubectl|gcloud|az|fly|heroku|railway|modal|sam|"
                       r"serverless)\b")


# an HTTP client command of a shell script
_HTTP_TOOL = re.compile(r"(?:^|[\s;&|(])(?:curl|wget|http|https|xh)[ \t]", re.MULTILINE)


def edit_shell(text: str, path: str, facts: CodeFacts, rename: bool) -> _Edit:
    """A shell script setting or passing OPENAI_API_KEY (``export OPENAI_API_KEY=...``, ``gcloud run deploy
    --set-secrets OPENAI_API_KEY=...``, ``docker run -e OPENAI_API_KEY``): one TODO, above the command that first names
    it; never edited (its quoting, secrets and commands are the script's own; held-out review 58, Y3)."""
    edit = _Edit(text)
    key_env = facts.key_env
    if re.search(rf"\b{re.escape(key_env)}\b", text):
        return edit  # it names the new variable already
    lines = text.splitlines(keepends=True)
    index = None
    opened = None  # (the line that opened the heredoc being read, its delimiter, <<- strips tabs)
    for i, line in enumerate(lines):
        body = line.rstrip("\r\n")
        if opened is not None:
            if (body.lstrip("\t") if opened[2] else body) == opened[1]:
                opened = None
            elif _KEY_TOKEN.search(line):
                index = opened[0]  # inside a heredoc's text (a JSON file it writes): above the command that opens it
                break
            continue
        if _KEY_TOKEN.search(line) and not line.lstrip().startswith("#"):
            index = i
            break
        heredoc = _HEREDOC.search(body) if not body.lstrip().startswith("#") else None
        if heredoc is not None:
            opened = (i, heredoc.group(2), heredoc.group(1) == "-")
    if index is None:
        return edit
    openers = _quote_openers(lines)
    while True:
        if openers[index] is not None:
            index = openers[index]  # inside a quoted string of several lines (`VARS="` ... `"`): above the line
            # opening it, not in its text (held-out review 162, X4: the TODO became words of the string, and the start
            # script died on `${TODO(migrator:-}`)
        elif index and lines[index - 1].rstrip("\r\n").endswith("\\"):
            index -= 1  # the command's first line (a comment inside a continued command would end it)
        else:
            break
    where = "instead" if rename else "beside it"
    if _OWN_OPENAI_WORK.search(text) and not _RUNS_APP.search(text):
        # `export OPENAI_API_KEY=...`, then `openai api fine_tunes.create` and `curl api.openai.com/v1/completions`: the
        # key serves the script's own work on OpenAI (no Mistral counterpart), not the converted code, which it does
        # not run (held-out review 151, Y6: "set MISTRAL_API_KEY instead ... point that at api.mistral.ai" broke it)
        return edit
    command = ""  # the command naming the key, its continuation lines joined (comments aside)
    for line in lines[index:]:
        if not line.lstrip().startswith("#"):
            command += line
        if not line.rstrip("\r\n").endswith("\\"):
            break
    if not _RUNS_APP.search(text) and _HTTP_TOOL.search(command) and "api.openai.com" not in text:
        # `curl https://<an Azure / other gateway>/openai/v1/responses -H "Authorization: Bearer $OPENAI_API_KEY"`: the
        # script sends the key itself, to a server not OpenAI's, and runs no converted code (held-out review 158, Y2:
        # "set MISTRAL_API_KEY instead" would send a Mistral key to that gateway)
        return edit
    images = _third_party_images(lines)
    if images:
        # `docker run -e OPENAI_API_KEY=... ghcr.io/open-webui/open-webui:main`: the key goes to a prebuilt image the
        # script does not build, which may be another program reading it for its own OpenAI connection (held-out
        # review 60, X12: "pass MISTRAL_API_KEY instead" broke Open WebUI)
        message = (f"this script passes {OPENAI_KEY} only to the container {', '.join(images[:3])}, which it does not "
                   f"build: if that image runs the converted app, pass {key_env} (a {facts.provider} key) {where}; if "
                   f"it is another program reading {OPENAI_KEY} for its own OpenAI connection, leave it")
    elif not rename and (handed := facts.key_handed(path)) and facts.key_reader(path) == f"{handed} still reads it":
        # `echo "OPENAI_API_KEY = ..." > .streamlit/secrets.toml`, client.py handing `data["OPENAI_API_KEY"]` to the
        # converted Mistral(api_key=...): no MISTRAL_API_KEY is read (held-out review 155, X4: "set MISTRAL_API_KEY
        # beside it ... OPENAI_API_KEY stays", which changed nothing, and the value was Mistral's key now)
        message = (f"this script names {OPENAI_KEY} (sets, passes or checks it), which {handed} hands to the "
                   "converted client as its api_key=: "
                   f"that value must be a {facts.provider} key now (keep the name, or rename it here and in "
                   f"{handed} together)")
    else:
        kept = "" if rename else f" ({OPENAI_KEY} stays: {facts.key_reader(path)})"
        # `curl https://api.openai.com/v1/models -H "Authorization: Bearer $OPENAI_API_KEY"` (a key check): with a
        # Mistral key it fails against OpenAI (held-out review 60, X13)
        calls = "; it also calls api.openai.com (a key check?): point that at https://api.mistral.ai too" \
            if "api.openai.com" in text and facts.target == "mistral" else ""
        api = re.search(r"api\.openai\.com/v1/(chat/completions|embeddings)", text) if calls else None
        if api is not None:
            # `curl https://api.openai.com/v1/chat/completions -d '{"model": "gpt-4o", ...}'`: a request of its own,
            # not a key check; its body's model is OpenAI's (held-out review 114, Y5: following the TODO, a 400)
            from migrator.mapping.models import map_model

            named = re.findall(r"""["']?model["']?\s*:\s*\\?["']([\w.:-]+)\\?["']""", text)
            models = ", ".join(f"{m!r} -> {map_model(m)!r}" for m in dict.fromkeys(named) if map_model(m) and
                               map_model(m) != m)
            calls = (f"; it also calls OpenAI's {api.group(1).replace('/', ' ')} API (api.openai.com/v1/"
                     f"{api.group(1)}): point it at https://api.mistral.ai/v1/{api.group(1)}"
                     + (f" and name a Mistral model in its body ({models})" if models else
                        " and name a Mistral model in its body"))
        what = "this Terraform file" if path.lower().endswith(".tf") else "this systemd unit" \
            if path.lower().endswith(".service") else "this script"
        message = (f"{what} names {OPENAI_KEY} (sets, passes or checks it), but the converted clients read "
                   f"{key_env}: set, pass or check {key_env} (a {facts.provider} key) {where} (a secret or variable it "
                   f"names must exist where {'it is applied' if what != 'this script' else 'the script runs'})"
                   f"{kept}{calls}")
    edit.note(ENV_RULE, FindingKind.TODO, index + 1, f"{posixpath.basename(path)}: {message}", "manual")
    return edit


def _quote_openers(lines: list) -> list:
    """For each line of a shell script, the index of the line whose quote (' or ") is still open where it starts, or
    None: a comment line written there would become text of the string. Backslash escapes count in double quotes and
    outside quotes; a # starts a comment outside quotes only at the start of a word."""
    openers: list = []
    quote, opened = None, None
    heredoc = None  # (its delimiter, <<- strips tabs): a heredoc's text opens no quote (`don't` in a SQL comment)
    for number, line in enumerate(lines):
        openers.append(opened if quote else None)
        if heredoc is not None:
            body = line.rstrip("\r\n")
            if (body.lstrip("\t") if heredoc[1] else body) == heredoc[0]:
                heredoc = None
            continue
        if not quote and not line.lstrip().startswith("#") and (found := _HEREDOC.search(line)) is not None:
            heredoc = (found.group(2), found.group(1) == "-")  # (from the next line on)
        i, previous = 0, " "
        while i < len(line):
            char = line[i]
            if quote == "'":
                if char == "'":
                    quote = None
            elif char == "\\":
                i += 1  # (escapes the next character, in double quotes and outside quotes)
            elif quote == '"':
                if char == '"':
                    quote = None
            elif char == "#" and previous in " \t;|&(":
                break  # a comment, to the end of the line
            elif char in "'\"":
                quote, opened = char, number
            previous = char
            i += 1
    return openers


def _third_party_images(lines: list) -> list:
    """The images of the ``docker run`` / ``podman run`` commands naming OPENAI_API_KEY, when every command naming it
    (outside comments) is one, each image is written out (no ``$IMAGE``) and the script builds none of them
    (``docker build -t``); else []."""
    commands, current = [], ""
    for line in lines:
        body = line.rstrip("\r\n")
        if not current and body.lstrip().startswith("#"):
            continue
        if body.endswith("\\"):
            current += body[:-1] + " "
            continue
        commands.append(current + body)
        current = ""
    if current:
        commands.append(current)
    built = set()
    for command in commands:
        if re.search(r"\b(?:docker|podman)\s+(?:image\s+)?build\b", command):
            built |= {tag.split(":")[0].rsplit("/", 1)[-1] for tag in re.findall(r"(?:-t|--tag)[ =](\S+)", command)}
    images = []
    for command in commands:
        if not _KEY_TOKEN.search(command):
            continue
        try:
            words = shlex.split(command, comments=True)
        except ValueError:
            return []
        image = _run_image(words)
        if image is None or "$" in image or image.split("@")[0].split(":")[0].rsplit("/", 1)[-1] in built:
            return []
        images.append(image)
    return list(dict.fromkeys(images))


def _run_image(words: list) -> str | None:
    """The image of ``docker run [options] IMAGE ...`` (or ``docker container run``, ``podman run``), else None."""
    for i, word in enumerate(words):
        if posixpath.basename(word) in DOCKER_RUNNERS and words[i + 1:i + 2] == ["run"] or \
                posixpath.basename(word) in DOCKER_RUNNERS and words[i + 1:i + 3] == ["container", "run"]:
            rest = words[i + (2 if words[i + 1] == "run" else 3):]
            skip = False
            for item in rest:
                if skip:
                    skip = False
                elif item.startswith("-"):
                    skip = "=" not in item and item in DOCKER_RUN_VALUED
                else:
                    return item
            return None
    return None


# `cat > config.json <<JSON`, `python - <<'PY'`, `<<-EOF`: the lines up to the delimiter are the command's input
_HEREDOC = re.compile(r"""<<(-?)[ \t]*["']?([A-Za-z_][\w]*)["']?""")


# OpenAI's base-URL variables (the SDK reads OPENAI_BASE_URL itself; LangChain and v0 code OPENAI_API_BASE) and the
# one converted code reads instead (migrator.mapping.env: MISTRAL_SERVER_URL, without /v1)
_URL_VARS = "|".join(BASE_URL_VARS)
_URL_TOKEN = re.compile(rf"\b(?:{_URL_VARS})\b")
_URL_NAMED = re.compile(r"""(?:["'${]|%env\s+|\\")""" + rf"(?:{_URL_VARS})\b")
_SERVER_URL_NAMED = re.compile(r"""(?:["'${]|%env\s+|\\")""" + SERVER_URL_ENV + r"\b")
_URL_VALUE = re.compile(r"""https?://[^\s"'}#,;)]+""")
_ENV_URL_LINE = re.compile(r"^([ \t]*(?:#[ \t]*)?(?:export[ \t]+)?)(" + _URL_VARS + r")([ \t]*=[ \t]*)(.*?)(\r?\n)?$")


def _code_lines_naming(texts: dict, pattern: re.Pattern) -> str:
    """The first module of ``texts`` naming ``pattern`` on a line that is not a comment, or ""."""
    for where, text in texts.items():
        if any(pattern.search(line) and not line.lstrip().lstrip('"').startswith("#") for line in text.splitlines()):
            return posixpath.basename(where)
    return ""


def _server_url(value: str) -> str:
    """An OpenAI base URL in a value as MISTRAL_SERVER_URL holds it: no /v1, OpenAI's own host -> Mistral's."""
    return _URL_VALUE.sub(lambda m: strip_v1(m.group(0)), value)


# `WHISPERX_BASE_URL=https://api.openai.com/v1` in an env file: a URL setting of the app's own naming
_OPENAI_URL_ENV_LINE = re.compile(r"""^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*["']?https?://"""
                                  r"""api\.openai\.com\b""")


_ACTION_INPUT_KEY = re.compile(r"^\s*([A-Z_][A-Z0-9_]*)\s*:\s*\$\{\{\s*inputs\.([\w-]+)\s*\}\}")
_ACTION_DEFAULT = re.compile(r"""^\s*default\s*:\s*["']?([\w.:-]+)["']?\s*$""")


def _action_findings(text: str, path: str, key_env: str) -> list[Finding]:
    """A GitHub Action's metadata (action.yml): the key its steps now hand the converted script comes from an input its
    callers fill with an OpenAI key today (`openai-key: ${{ secrets.OPENAI_API_KEY }}`), and an input's default that
    is an OpenAI chat model reaches the converted calls (held-out review 130, X1)."""
    found = []
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        match = _ACTION_INPUT_KEY.match(line)
        if match and match.group(1) == key_env:
            found.append(Finding(ENV_RULE, FindingKind.TODO, number,
                                 f"{posixpath.basename(path)}: {key_env} comes from the action's input "
                                 f"{match.group(2)}, which its callers fill with an OpenAI key today (`with: "
                                 f"{match.group(2)}: ...` in their workflows): have them pass a Mistral key "
                                 f"(secrets.{key_env}), and rename the input if its name says openai", "manual"))
        default = _ACTION_DEFAULT.match(line)
        if default and chat_model_literal(default.group(1)) is not None:
            found.append(Finding(ENV_RULE, FindingKind.TODO, number,
                                 f"{posixpath.basename(path)}: default {default.group(1)!r} is an OpenAI model, which "
                                 "the converted script would send to Mistral where this input reaches its model: set "
                                 f"a Mistral model ({chat_model_literal(default.group(1))})", "manual"))
    return found


def _openai_url_settings(text: str, path: str, facts: CodeFacts | None = None) -> list[Finding]:
    """A TODO on each variable of an env file, other than OpenAI's own base-URL variables (edit_base_url's), set to
    OpenAI's API: the code reading it sends requests there, without the SDK or through a client migrator left alone
    (held-out review 63, Y43: WHISPERX_BASE_URL sent every transcription to OpenAI, silently); or, read in a module
    whose converted code passes server_url=, through the converted client (held-out review 127, X2: `openai_api_base`
    handed to Mistral(server_url=...) sent requests to api.openai.com/v1/v1 with the Mistral key)."""
    found = []
    scope = facts.env_scope(path) if facts is not None else {}
    for number, line in enumerate(text.splitlines(), 1):
        match = _OPENAI_URL_ENV_LINE.match(line)
        if match is None or match.group(1) in BASE_URL_VARS or match.group(1) == SERVER_URL_ENV:
            continue
        read = re.compile(rf"""\b(?:getenv|environ)\b(?:\.get)?\s*[(\[]\s*["']{re.escape(match.group(1))}["']""")
        if any(read.search(code) and "server_url=" in code for code in scope.values() if code):
            found.append(Finding(ENV_RULE, FindingKind.TODO, number,
                                 f"{posixpath.basename(path)}: {match.group(1)} names OpenAI's API, and the converted "
                                 "code hands it to Mistral(server_url=...), which sends there: set Mistral's server, "
                                 f"{MISTRAL_SERVER} (no /v1: the SDK adds it), or drop the setting where the code "
                                 "leaves server_url out", "manual"))
            continue
        # (a whole endpoint, `https://api.openai.com/v1/chat/completions`, the code posting to it as it is: Mistral's
        # of the same path; held-out review 159, Y2, the base URL it was told to set got a 404)
        endpoint = re.search(r"api\.openai\.com/v1/(chat/completions|embeddings|audio/transcriptions)/?[\"']?"
                             r"[ \t]*(?:#.*)?$", line)
        target = f"https://api.mistral.ai/v1/{endpoint.group(1)}" if endpoint else "https://api.mistral.ai/v1"
        serves = "" if endpoint else " (it serves chat/completions, embeddings and audio/transcriptions)"
        found.append(Finding(ENV_RULE, FindingKind.TODO, number,
                             f"{posixpath.basename(path)}: {match.group(1)} names OpenAI's API: the code reading it "
                             "reaches OpenAI (by HTTP without the SDK, or through a client migrator left as it is); "
                             f"where it should reach Mistral, set {target}{serves} with a Mistral key and model",
                             "manual"))
    return found


_ENV_NAME_LINE = re.compile(r"^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*=")


def _spelled_key_settings(text: str, path: str, facts: CodeFacts) -> list[Finding]:
    """A TODO on ``openai_api_key=...`` (OPENAI_API_KEY spelled in another case) in an env file whose code hands it to a
    converted client (``api_key=os.getenv("openai_api_key")``): the rename follows OPENAI_API_KEY only, and the
    client now needs a Mistral key there (held-out review 87, X5: left as it was, with no word)."""
    found = []
    scope = facts.env_scope(path)
    for number, line in enumerate(text.splitlines(), 1):
        match = _ENV_NAME_LINE.match(line)
        name = match.group(1) if match else ""
        if not name or name.upper() != OPENAI_KEY or name == OPENAI_KEY:
            continue
        read = re.compile(rf"""\b(?:getenv|environ)\b(?:\.get)?\s*[(\[]\s*["']{re.escape(name)}["']""")
        if any(read.search(code) for code in scope.values()):
            found.append(Finding(ENV_RULE, FindingKind.TODO, number,
                                 f"{posixpath.basename(path)}: {name} is what the converted code hands its Mistral "
                                 f"clients as api_key=: hold a Mistral key there (https://console.mistral.ai/"
                                 f"api-keys), or rename it in the code and here", "manual"))
    return found


# `API_KEY="Paste OpenAI ApiKey here"`: a variable of the app's own naming whose example value names OpenAI
_NAMED_VALUE_LINE = re.compile(r"^([ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*)"
                               r"([^\r\n]*?)([ \t]*)(\r?\n)?$")
# an OpenAI client constructed in converted code: a client kept on OpenAI (or one the run left)
_KEPT_CLIENT = re.compile(r"\b(?:(?:Async)?(?:Azure)?OpenAI|(?:Azure)?ChatOpenAI|(?:Azure)?OpenAIEmbeddings?)\s*\(")


def _generic_key_placeholders(edit: _Edit, path: str, facts: CodeFacts) -> None:
    """An example env file's ``API_KEY="Paste OpenAI ApiKey here"`` (a key variable of the app's own naming) whose
    variable the converted code hands its Mistral clients as ``api_key=os.getenv("API_KEY")``, and no code it serves
    keeps an OpenAI client: its example value asks for a Mistral key now (held-out review 100, X3: a user following the
    shipped example pasted an OpenAI key, and the converted bot got 401s). A value that is no placeholder (no space
    or angle bracket, a real-looking key) is left alone."""
    scope = facts.env_scope(path)
    lines = edit.text.splitlines(keepends=True)
    changed = False
    for index, line in enumerate(lines):
        match = _NAMED_VALUE_LINE.match(line)
        if not match or match.group(2).upper() in (OPENAI_KEY, facts.key_env or ""):
            continue
        head, name, value, space, ending = match.groups()
        if "openai" not in value.lower() or _REAL_KEY.search(value) or not re.search(r"[\s<]", value.strip("\"'")):
            continue
        handed = re.compile(rf"""\bapi_key\s*=\s*os\.(?:getenv|environ\.get)\(\s*["']{re.escape(name)}["']"""
                            rf"""|\bapi_key\s*=\s*os\.environ\[\s*["']{re.escape(name)}["']\s*\]""")
        read = re.compile(rf"""["']{re.escape(name)}["']""")
        readers = [code for code in scope.values() if read.search(code)]
        # (a TODO naming "a client kept on OpenAI (app.py)" is no client)
        if not any(handed.search(code) and "Mistral(" in code for code in readers) or \
                any(_KEPT_CLIENT.search(_without_todos(code)) for code in readers):
            continue
        lines[index] = f"{head}{_placeholder(value, facts.key_env or 'MISTRAL_API_KEY')}{space}{ending or ''}"
        changed = True
        edit.note(ENV_RULE, FindingKind.CONVERTED, index + 1,
                  f"{name}'s example value asks for a {facts.provider} key now (the converted code hands {name} to "
                  f"its {facts.provider} clients as api_key=)", "exact")
    if changed:
        edit.text = "".join(lines)


_OPENAI_LOG_LINE = re.compile(r"^[ \t]*(?:export[ \t]+)?OPENAI_LOG[ \t]*=")


def _openai_log_settings(text: str, path: str) -> list[Finding]:
    """A TODO on ``OPENAI_LOG=debug`` in an env file whose clients all converted: only the openai SDK reads it
    (held-out review 86, X11: kept silently); mistralai logs each request and response at DEBUG where
    MISTRAL_DEBUG is set (mistralai.client.utils.logger)."""
    return [Finding(ENV_RULE, FindingKind.TODO, number,
                    f"{posixpath.basename(path)}: OPENAI_LOG sets the openai SDK's log level, and the converted "
                    "clients do not read it: for mistralai's log (each request and response, bodies included, at "
                    "DEBUG) set MISTRAL_DEBUG=1 instead", "manual")
            for number, line in enumerate(text.splitlines(), 1) if _OPENAI_LOG_LINE.match(line)]


def edit_base_url(text: str, path: str, facts: CodeFacts, kind: str) -> _Edit:
    """``OPENAI_BASE_URL`` (or ``OPENAI_API_BASE``) set in an env or deploy file, where converted code reads the
    URL from ``MISTRAL_SERVER_URL`` instead (MIG101 renamed the read): renamed when nothing else reads the old
    variable, added beside it when something does, its value without the ``/v1`` Mistral's SDK adds itself
    (``.../v1/v1``: every request a 404) and OpenAI's own URL as Mistral's. Where converted clients read the old
    variable only implicitly (``OpenAI()``), Mistral's SDK reads no URL variable: a URL of another server set
    there is no longer used, and that is said (held-out review 50, K7)."""
    edit = _Edit(text)
    base = posixpath.basename(path)
    scope = facts.env_scope(path)
    reads_new = _code_lines_naming(scope, _SERVER_URL_NAMED)
    implicit = "OPENAI_BASE_URL" in facts.converted_env
    if not reads_new and not implicit:
        return edit
    kept = "clients kept on OpenAI still read it" if facts.kept_client_reads("OPENAI_BASE_URL", scope) else ""
    kept = kept or (f"{found} still reads it" if (found := _code_lines_naming(scope, _URL_NAMED)) else "")
    kept = kept or next((f"a LangChain / LlamaIndex OpenAI class kept in {posixpath.basename(where)} reads it"
                         for where, code in scope.items() if imports_openai_wrapper(code)), "")
    example = kind == ENV_FILE and is_example_env(path)
    present = re.search(rf"\b{SERVER_URL_ENV}\b", text) is not None
    lines = text.splitlines(keepends=True)
    out = list(lines)
    touched = []
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if kind == ENV_FILE:
            match = _ENV_URL_LINE.match(line)
            if not match or "#" in match.group(1) and not example:
                continue  # (`# OPENAI_BASE_URL=...` documents the variable in an example: held-out review 51, L9)
            name, value = match.group(2), match.group(4)
        else:
            if not _URL_TOKEN.search(line) or line.lstrip().startswith("#"):
                continue
            name, value = _URL_TOKEN.search(line).group(0), line
        urls = _URL_VALUE.findall(value)
        elsewhere = [url for url in urls if strip_v1(url) != MISTRAL_SERVER]
        if kind == ENV_FILE and "#" in match.group(1) and elsewhere:
            continue  # `# OPENAI_BASE_URL=https://openrouter.ai/api/v1`: another provider's example (review 52, N9)
        if implicit and elsewhere and name == "OPENAI_BASE_URL":
            edit.note(ENV_RULE, FindingKind.TODO, index + 1,
                      f"{base}: {name} points OpenAI clients built without base_url= at another server; converted, "
                      "they no longer read it (Mistral's SDK reads no URL variable) and go to https://api.mistral.ai: "
                      f"pass them server_url= (no /v1) if they must go there", "manual")
        if not reads_new:
            continue
        if present and not (kept and example):
            continue  # added or renamed already (a second run)
        if kind == ENV_FILE and not example:
            edit.note(ENV_RULE, FindingKind.TODO, index + 1,
                      f"{base} sets {name} and looks like a real env file: it was not changed (its values are not "
                      f"shown); the converted code reads {SERVER_URL_ENV}: set it where it is deployed, without "
                      "the /v1 an OpenAI URL ends in", "manual")
            continue
        new_line = _server_url(_URL_TOKEN.sub(SERVER_URL_ENV, line))
        if not kept:
            out[index] = new_line
            touched.append((index, f"{name} -> {SERVER_URL_ENV}, without /v1 (the converted code reads it; "
                                   "Mistral's SDK adds the version itself)"))
        elif kind == ENV_FILE and not present:
            ending = line[len(line.rstrip("\r\n")):]
            out[index:index + 1] = [line if ending else line + _newline(text), new_line]
            touched.append((index, f"{SERVER_URL_ENV} added next to {name}, without /v1 ({kept})"))
        elif not present:
            edit.note(ENV_RULE, FindingKind.TODO, index + 1,
                      f"{base}: also pass {SERVER_URL_ENV} here (this URL without /v1) for the converted code "
                      f"({name} stays: {kept})", "manual")
    return _apply(edit, text, "".join(out), touched, ENV_RULE, "approximate", kind == DEPLOY,
                  f"{base}: the converted code reads {SERVER_URL_ENV}: pass it instead of OPENAI_BASE_URL, without "
                  "/v1 (migrator could not edit this file safely)")


_COMPOSE_NAME = re.compile(r"^(?:docker-)?compose[\w.-]*\.ya?ml$")
_STEP_ITEM = re.compile(r"^(\s*)- ")
_USES = re.compile(r"^\s*(?:- )?uses\s*:")


def _steps(lines: list):
    """(depth, the lines' range) of each item of a YAML list (a workflow's ``- name: ...`` steps), nested ones too."""
    for index, line in enumerate(lines):
        item = _STEP_ITEM.match(line)
        if item is None:
            continue
        depth = len(item.group(1))
        end = index + 1
        while end < len(lines) and (not lines[end].strip() or lines[end].lstrip().startswith("#") or
                                    len(lines[end]) - len(lines[end].lstrip(" ")) > depth):
            end += 1
        yield depth, range(index, end)


def _action_step_lines(lines: list) -> frozenset:
    """The lines of a GitHub workflow step that runs an action (``- uses: fluxninja/openai-pr-reviewer@latest``):
    its ``env:`` is what that action reads, not a key the project's converted code reads (held-out review 44, Z2:
    OPENAI_API_KEY was renamed, and the OpenAI PR reviewer action lost its key)."""
    foreign: set = set()
    for depth, block in _steps(lines):
        index = block.start
        if any(_USES.match(lines[i]) and (i == index or len(lines[i]) - len(lines[i].lstrip(" ")) == depth + 2)
               for i in block):
            foreign.update(block)
            if any(_DOCKER_BUILD_ACTION.match(lines[i]) for i in block):
                # docker/build-push-action's `build-args:` feed the project's Dockerfile, whose ARG is renamed with
                # the code (held-out review 55, U2: the image was built with an empty MISTRAL_API_KEY)
                foreign.difference_update(_block_under(lines, block, "build-args"))
            # a remote script an action runs (appleboy/ssh-action's `with: script:`, writing the server's .env): the
            # project's own deploy step, as `run:` is (held-out review 100, X1: the server kept only OPENAI_API_KEY)
            foreign.difference_update(_block_under(lines, block, "script"))
    return frozenset(foreign)


_DOCKER_BUILD_ACTION = re.compile(r"^\s*(?:- )?uses\s*:\s*['\"]?docker/build-push-action@")
# A workflow step running an eval tool that reads OPENAI_API_KEY itself (promptfoo's openai: providers and grader), and
# no Python: its env is the tool's (held-out review 87, Y5: the key was renamed, and the eval lost it)
_OPENAI_TOOL_RUN = re.compile(r"\bpromptfoo\b")
_PYTHON_RUN = re.compile(r"\b(?:python3?|pytest|uv\s+run|poetry\s+run|pipenv\s+run|tox|nox|streamlit|uvicorn|"
                         r"gunicorn|flask|manage\.py|make)\b")


# actions that deploy the project's own infrastructure code (AWS CDK, SAM, Serverless, Pulumi, Terraform, Zappa): the
# step's env reaches the deployed functions through that code, not the action itself
_DEPLOY_TOOLS = ("cdk", "sam", "serverless", "sls", "pulumi", "terraform", "zappa", "chalice")
_DEPLOY_ACTION = re.compile(r"(?i)(?<![a-z])(?:aws-)?(?:" + "|".join(_DEPLOY_TOOLS) + r")(?![a-z])")
# infrastructure code that may hand a variable to a deployed function (its own language's files, not the app's Python)
_IAC_SUFFIXES = (".ts", ".js", ".mjs", ".tf", ".tfvars", ".json", ".yml", ".yaml")
_IAC_SKIP = frozenset({"node_modules", "cdk.out", ".serverless", ".aws-sam", ".terraform", "dist", "build"})


# ... and the same tools run by a step's own command (`run: npx cdk deploy`, `sam deploy`, `serverless deploy`)
_DEPLOY_RUN = re.compile(r"\b(?:" + "|".join(_DEPLOY_TOOLS) + r")\s+(?:[\w-]+\s+)?(?:deploy|up|apply|update)\b")


def _deploy_action_steps(lines: list) -> dict:
    """First line -> (what it runs, the step's lines) of each workflow step running a deploy action (_DEPLOY_ACTION)
    or a deploy command of those tools (_DEPLOY_RUN)."""
    found = {}
    for _depth, block in _steps(lines):
        action = next((m.group(1) for i in block if (m := re.match(r"^\s*(?:- )?uses\s*:\s*['\"]?([^\s'\"#]+)",
                                                                      lines[i]))), None)
        if action is not None and _DEPLOY_ACTION.search(action.split("@", 1)[0]):
            found[block.start] = (action, block)
            continue
        command = next((m.group(0).strip() for i in block for m in [_DEPLOY_RUN.search(lines[i].split("#", 1)[0])]
                        if m is not None), None)
        if action is None and command is not None:
            found[block.start] = (f"`{command}`", block)
    return found


def _iac_naming(start: str, word: str, limit: int = 3) -> list:
    """``path:line`` of the infrastructure files under ``start`` (not .github, not the app's Python, not compose files,
    which the run edits itself) naming ``word``."""
    def wanted(name: str) -> bool:
        return name.lower().endswith(_IAC_SUFFIXES) and name.lower() not in (
            "package.json", "package-lock.json", "tsconfig.json") and not _COMPOSE_NAME.match(name)

    return [f"{os.path.relpath(path, start).replace(os.sep, '/')}:{line}"
            for path, line in files_naming(start, word, limit, wanted, skip=_IAC_SKIP)]


def _tool_steps(lines: list) -> dict:
    """First line -> the tool, of each workflow step that runs an eval tool reading OPENAI_API_KEY (_OPENAI_TOOL_RUN)
    and no Python."""
    found = {}
    for _depth, block in _steps(lines):
        text = "".join(lines[i].split("#", 1)[0] + "\n" for i in block)
        tool = _OPENAI_TOOL_RUN.search(text)
        if tool is not None and _PYTHON_RUN.search(text) is None and _KEY_TOKEN.search(text):
            found[block.start] = (tool.group(0), block)
    return found


def _block_under(lines: list, block: range, key: str) -> list:
    """The lines of ``block`` inside its ``key:`` entry (``build-args: |`` and the lines indented under it)."""
    return [j for i in block if re.match(rf"^\s*{re.escape(key)}\s*:", lines[i]) for j in _nested_block(lines, i)]


# actions that read no OpenAI key: a job running only these keeps nothing of OPENAI_API_KEY for them
_PLAIN_ACTIONS = re.compile(r"^(?:actions/|docker/|astral-sh/setup-uv|pypa/|codecov/|github/|peaceiris/|"
                            r"snok/install-poetry|abatilo/actions-poetry|pre-commit/)")


def _action_job_env_lines(lines: list) -> dict:
    """The lines of a job's ``env:`` (or the workflow's) whose job (any job, for the workflow's) also runs an action
    that is not one of the plain ones (``uses: fluxninja/openai-pr-reviewer@latest``): the action inherits that env
    and may read OPENAI_API_KEY there, so it stays, with the new variable beside it (re-review 45, B6: the job's
    variable was renamed and the action lost its key). Line -> the action."""
    uses = []  # (line, indent, action)
    for index, line in enumerate(lines):
        found = re.match(r"^(\s*)(?:- )?uses\s*:\s*['\"]?([^\s'\"#]+)", line)
        if found and not _PLAIN_ACTIONS.match(found.group(2)) and not found.group(2).startswith("./") and \
                not _KEY_TOKEN.search("".join(lines[i] for i in _step_block(lines, index))):
            uses.append((index, len(found.group(1)), found.group(2)))  # (a step setting the key itself: its own)
    if not uses:
        return {}
    shared: dict = {}
    for index, line in enumerate(lines):
        found = re.match(r"^(\s*)env\s*:\s*$", line)
        if not found:
            continue
        depth = len(found.group(1))
        # the block holding this env: (the whole file at depth 0), up to the next line as shallow as its parent
        start = next((i for i in range(index - 1, -1, -1) if lines[i].strip() and not lines[i].lstrip().startswith("#")
                      and len(lines[i]) - len(lines[i].lstrip(" ")) < depth), -1) if depth else -1
        end = next((i for i in range(index + 1, len(lines)) if lines[i].strip() and not lines[i].lstrip().startswith(
            "#") and len(lines[i]) - len(lines[i].lstrip(" ")) < depth), len(lines)) if depth else len(lines)
        action = next((a for i, _, a in uses if start < i < end), None)
        if action is None or start >= 0 and lines[start].lstrip().startswith("-"):
            continue  # (a step's own env: _action_step_lines)
        stop = next((i for i in range(index + 1, len(lines)) if lines[i].strip() and not lines[i].lstrip().startswith(
            "#") and len(lines[i]) - len(lines[i].lstrip(" ")) <= depth), len(lines))
        shared.update({i: action for i in range(index + 1, stop)})
    return shared


def _step_block(lines: list, index: int) -> range:
    """The lines of the workflow step holding line ``index`` (from its ``- `` item to the next line as shallow)."""
    start = next((i for i in range(index, -1, -1) if _STEP_ITEM.match(lines[i])), index)
    depth = len(_STEP_ITEM.match(lines[start]).group(1)) if _STEP_ITEM.match(lines[start]) else 0
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].lstrip().startswith("#") or
                                len(lines[end]) - len(lines[end].lstrip(" ")) > depth):
        end += 1
    return range(start, end)


def _foreign_item_lines(lines: list) -> frozenset:
    """The lines of the YAML list items (a platform manifest's service, a Kubernetes container) that run something
    other than the converted Python app: another runtime (Render's `runtime: node`, Koyeb's `buildpack: nodejs`), or a
    known third-party image that reads OPENAI_API_KEY itself (`image: ghcr.io/berriai/litellm`): their OpenAI
    variables are theirs (held-out review 62, X29: a Node frontend's key was renamed; X31: a LiteLLM proxy's)."""
    foreign: set = set()
    for index, line in enumerate(lines):
        marker = _FOREIGN_RUNTIME.match(line)
        image = _IMAGE_LINE.match(line) if marker is None else None
        if marker is None and not (image and any(name in image.group(1).lower() for name in OPENAI_CLIENT_IMAGES)):
            continue
        indent = len(line) - len(line.lstrip(" "))
        start = next((j for j in range(index, -1, -1) if lines[j].lstrip(" ").startswith("- ") and
                      len(lines[j]) - len(lines[j].lstrip(" ")) < indent), None)
        if start is None:
            continue
        dash = len(lines[start]) - len(lines[start].lstrip(" "))
        end = next((j for j in range(start + 1, len(lines)) if lines[j].strip() and not lines[j].lstrip().startswith(
            "#") and len(lines[j]) - len(lines[j].lstrip(" ")) <= dash), len(lines))
        foreign.update(range(start, end))
    return frozenset(foreign)


def _context_blocks(lines: list, path: str) -> list:
    """(first line, end, directory) of each service a deploy file builds from a directory of the tree (Compose
    ``build: ./svc_a`` / ``context: ./svc_a``, Render's ``rootDir``): "" for the file's own directory's root."""
    directory = posixpath.dirname(path.replace("\\", "/"))
    blocks = []
    for index, line in enumerate(lines):
        match = _BUILD_CONTEXT_LINE.match(line)
        if match is None:
            continue
        context = posixpath.normpath(posixpath.join(directory, match.group(2)))
        if context.startswith(".."):
            continue
        indent = len(line) - len(line.lstrip(" "))
        start = index
        for j in range(index - 1, -1, -1):  # up to the service (past `build:` for its `context:`)
            if lines[j].strip() and not lines[j].lstrip().startswith("#") and \
                    len(lines[j]) - len(lines[j].lstrip(" ")) < indent:
                start, indent = j, len(lines[j]) - len(lines[j].lstrip(" "))
                if lines[j].strip().rstrip(":").lstrip("- ") not in ("build",):
                    break
        end = next((j for j in range(start + 1, len(lines)) if lines[j].strip() and not lines[j].lstrip().startswith(
            "#") and len(lines[j]) - len(lines[j].lstrip(" ")) <= indent), len(lines))
        blocks.append((start, end, "" if context == "." else context))
    return blocks


def _other_context_lines(lines: list, path: str, facts: CodeFacts) -> frozenset:
    """The lines of a service built from a directory that holds none of the converted code (Compose `build: ./web`,
    `context: ./web`, Render's `dockerContext: ./web` / `rootDir: web`, Koyeb's `workdir: web`): a Node frontend's
    OpenAI variables are its own (held-out review 63, X4: they were renamed with the Python app's)."""
    if not facts.texts:
        return frozenset()
    directory = posixpath.dirname(path.replace("\\", "/"))
    code_dirs = {posixpath.dirname(p.replace("\\", "/")) for p in facts.texts}
    foreign: set = set()
    for start, end, context in _context_blocks(lines, path):
        if context in ("", ".", directory) or any(d == context or d.startswith(context + "/") for d in code_dirs):
            continue
        foreign.update(range(start, end))
    return frozenset(foreign)


_BUILD_CONTEXT_LINE = re.compile(r"""^\s*(?:-\s*)?(build|context|dockerContext|rootDir|workdir)\s*:\s*["']?"""
                                 r"""([\w./-]+?)["']?\s*(?:#.*)?$""")


# A service of another runtime (Render `runtime: node` / `env: node`, Koyeb `buildpack: nodejs`), and an image line
_FOREIGN_RUNTIME = re.compile(r"^\s*(?:runtime|env|buildpack)\s*:\s*[\"']?(?:node|nodejs|ruby|go|golang|rust|elixir|"
                              r"static|php|java|dotnet|deno|bun)[\"']?\s*(?:#.*)?$", re.IGNORECASE)
_IMAGE_LINE = re.compile(r"""^\s*(?:-\s*)?image\s*:\s*["']?([^\s"'#]+)""")


def _foreign_service_lines(lines: list, pulled: dict | None = None) -> frozenset:
    """The lines of a Compose service that runs another image (``image:``, no ``build:``) beside a service the file
    builds, or that points its OpenAI base URL at a service of the same file: an Open WebUI container, whose
    OPENAI_API_KEY is what it sends to this app's own endpoint or to OpenAI, not a key the converted code reads
    (held-out review 28, G2: it was renamed, and the container lost its variable). The project's own image deployed
    by name in a file of images alone (``image: app:latest``) is not one, nor a service running the image another
    service of the file builds (``image: germ:latest`` beside ``build: .`` + ``image: germ:latest``; held-out review 87,
    X1: the bot's key was left OPENAI_API_KEY, silently)."""
    services: dict[str, tuple[int, int, set]] = {}  # name -> (first line, end line, its keys)
    images: dict[str, str] = {}  # service -> the image it names
    depth_of = None  # the depth of the service names under `services:`, once met
    name, start, child, keys = None, 0, None, set()
    for index, line in enumerate([*lines, "end:\n"]):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        depth = len(line) - len(line.lstrip(" "))
        if depth == 0 or (depth_of is not None and depth_of >= 0 and depth == depth_of):
            if name is not None:
                services[name] = (start, index, keys)
            name, start, child, keys = (stripped.split(":", 1)[0].strip(), index, None, set()) if depth else \
                (None, 0, None, set())
            if depth == 0:
                depth_of = -1 if stripped.startswith("services:") else None
            continue
        if depth_of == -1:
            depth_of, name, start, child, keys = depth, stripped.split(":", 1)[0].strip(), index, None, set()
            continue
        if name is not None:
            child = depth if child is None else child
            if depth == child:
                key, _, value = stripped.partition(":")
                keys.add(key.strip().lstrip("- "))
                if key.strip() == "image":
                    images[name] = value.split("#", 1)[0].strip().strip("\"'")
    foreign: set = set()
    builds = any("build" in keys for _first, _last, keys in services.values())
    built = {images.get(other) for other, (_f, _l, keys) in services.items() if "build" in keys} - {None, ""}
    for own, (first, last, keys) in services.items():
        if "image" not in keys or "build" in keys or images.get(own) in built:
            continue
        block = "".join(lines[first:last])
        # beside a service this file builds (the app), an image it only pulls is someone else's (Open WebUI,
        # a database: held-out review 29, I3); a file of images alone deploys the project's own (image: app:latest)
        if builds or any(re.search(rf"(?i)(?:BASE_URL|API_BASE)\w*\W+[^\n]*://{re.escape(other)}\b", block)
                         for other in services if other != own):
            foreign.update(range(first, last))
        elif pulled is not None and "/" in images.get(own, "") and not _VAR_REF.search(images.get(own, "")):
            # a file of images alone, one pulled from someone's namespace (`mem0/openmemory-mcp:latest`): it may be
            # this app's own image or another program reading OPENAI_API_KEY for itself; said, not renamed (held-out
            # review 139, X2: the openmemory container lost its key)
            foreign.update(range(first, last))
            pulled[first] = (images[own], range(first, last))
    return frozenset(foreign)


# The variable of codemods._base's TODO on a converted call whose model= reads a module constant migrator leaves
# (``model=EMBED_MODEL is read from EMBED_MODEL in this module (default '...'), and ...``)
LEFT_MODEL_VARIABLE = re.compile(r"^model=[\w.]+ is read from (\w+) in this module \(default ")


# a Dockerfile's `ENV MODEL=${EMBED_MODEL}` / `ENV MODEL $EMBED_MODEL`: (the variable, the build argument it takes)
_ARG_FEEDS = re.compile(r"^[ \t]*ENV[ \t]+(\w+)(?:[ \t]*=[ \t]*|[ \t]+)[\"']?\$\{?(\w+)\}?[\"']?[ \t]*$", re.MULTILINE)


def edit_model_values(text: str, path: str, facts: CodeFacts, kind: str) -> _Edit:
    """``OPENAI_MODEL=gpt-4o`` in an example env file or a deploy file, where the variable names the
    model of converted calls only (``CodeFacts.model_vars``): the value follows the model map, as the
    code's default did. A real env file is reported, its value not shown."""
    edit = _Edit(text)
    names = facts.model_vars()
    if kind == ENV_FILE and is_example_env(path) and facts.left_model_vars - names:
        _left_model_values(edit, text, path, facts, facts.left_model_vars - names)
    # a Compose / Render service built from a directory: the code there decides its variables (held-out review 109, X3:
    # another service reading OPENAI_EMBED_MODEL with an OpenAI default kept this one's value OpenAI's, while its
    # converted embeddings call sent it to Mistral)
    blocks = [(start, end, facts.model_vars({p: t for p, t in facts.texts.items()
                                             if not context or p.replace("\\", "/").startswith(context + "/")}))
              for start, end, context in _context_blocks(text.splitlines(keepends=True), path)] \
        if kind == DEPLOY and path.lower().endswith((".yaml", ".yml")) else []
    if not names and not any(found for _, _, found in blocks):
        return edit
    base = posixpath.basename(path)
    if kind == DEPLOY and "dockerfile" in base.lower():
        # `ARG EMBED_MODEL=text-embedding-3-small` then `ENV MODEL=${EMBED_MODEL}`: the ARG's default is the value
        # (held-out review 99, X1: the ENV's variable was mapped in the code, the image still set the OpenAI model)
        names = names | {feeding.group(2) for feeding in _ARG_FEEDS.finditer(text) if feeding.group(1) in names}
    patterns: dict = {}

    def pattern_of(found: frozenset) -> re.Pattern:
        if found not in patterns:
            patterns[found] = re.compile(
                r"^(\s*(?:export\s+)?)(" + "|".join(map(re.escape, sorted(found))) + r")(\s*=)(.*?)(\r?\n)?$"
                if kind == ENV_FILE else
                r"""^(\s*(?:-\s*)?(?:(?:ENV|ARG)\s+)?["']?)(""" + "|".join(map(re.escape, sorted(found)))
                + r""")(["']?\s*[:=]|[ \t]+(?=\S))(.*?)(\r?\n)?$""") if found else None
        return patterns[found]

    def names_at(index: int) -> frozenset:
        return next((found for start, end, found in blocks if start <= index < end), names)

    lines = text.splitlines(keepends=True)
    out = list(lines)
    touched = []
    # (another runtime's service, a third-party container: its model variable is its own; held-out review 62, X29)
    foreign = (_foreign_item_lines(lines) | _other_context_lines(lines, path, facts)) \
        if kind == DEPLOY and path.lower().endswith((".yaml", ".yml")) else frozenset()
    for index, line in enumerate(lines):
        if index in foreign:
            continue
        here = names_at(index)
        pattern = pattern_of(here)
        match = pattern.match(line) if pattern is not None else None
        name_of_value = None
        if not match and kind == DEPLOY and index and _K8S_VALUE.match(line):
            # Kubernetes `- name: OPENAI_MODEL` (Render's `- key: OPENAI_MODEL`) then `value: gpt-4o` on the next line
            named = _K8S_NAME.match(lines[index - 1])
            if named and named.group(1) in here:
                match = re.match(r"^(\s*)(value)(\s*:)(.*?)(\r?\n)?$", line)
                name_of_value = named.group(1)
        if not match:
            continue
        head, written, equals, value, ending = match.groups()  # written: the variable, or k8s's `value`
        name = name_of_value or written
        if not equals.strip() and "ENV" not in head and "ARG" not in head:
            continue  # `NAME value` is a Dockerfile ENV's form only
        changes = []

        def follow(token: re.Match) -> str:
            target = slot_model_literal(token.group(1), facts.models)
            if target is None or target == token.group(1):
                return token.group(0)
            changes.append((token.group(1), target))
            return target

        new_value = OPENAI_MODEL_TOKEN.sub(follow, value.split(" #", 1)[0]) + (
            " #" + value.split(" #", 1)[1] if " #" in value else "")
        if not changes:
            continue
        if kind == ENV_FILE and not is_example_env(path):
            edit.note(ENV_RULE, FindingKind.TODO, index + 1,
                      f"{base} sets {name}, which converted calls send as their model, to an OpenAI model "
                      f"(its value is not shown): set it to a {facts.provider} model where it is deployed", "manual")
            continue
        out[index] = f"{head}{written}{equals}{new_value}{ending or ''}"
        said = ", ".join(f"{old!r} -> {new!r}" for old, new in changes)
        touched.append((index, f"{name}: {said} (converted calls send it as their model; see --model)"))
    return _apply(edit, text, "".join(out), touched, ENV_RULE, "approximate", kind == DEPLOY,
                  f"{base}: {', '.join(sorted(names))} name the model of converted calls: set a Mistral model "
                  "here (migrator could not edit this file safely)")


def _left_model_values(edit: _Edit, text: str, path: str, facts: CodeFacts, left: frozenset) -> None:
    """A TODO on each ``EMBED_MODEL=text-embedding-3-small`` of an example env file whose variable converted calls send
    as their model although migrator left its default (it is read otherwise too: the code's TODO says so)."""
    for index, line in enumerate(text.splitlines()):
        match = re.match(r"^\s*(?:export\s+)?(\w+)\s*=\s*[\"']?([\w.:\-]+)", line)
        if not match or match.group(1) not in left:
            continue
        target = slot_model_literal(match.group(2), facts.models)
        if target and target != match.group(2):
            edit.note(ENV_RULE, FindingKind.TODO, index + 1,
                      f"{posixpath.basename(path)}: {match.group(1)}={match.group(2)} names an OpenAI model, and "
                      f"converted calls send {match.group(1)} as their model (migrator left it: the TODO at the call "
                      f"says why): set a Mistral model here ({target}, say)", "manual")


def _apply(edit: _Edit, text: str, new_text: str, touched: list, rule: str, safety: str, yaml: bool,
           fallback: str) -> _Edit:
    """``new_text`` with a finding per (line index, message) of ``touched``; when ``yaml`` and the edit
    would change the YAML's shape (or not parse), no edit and one TODO (``fallback``) instead."""
    if not touched:
        return edit
    if yaml and not _same_yaml_shape(text, new_text):
        edit.note(rule, FindingKind.TODO, min(index for index, _ in touched) + 1, fallback, "manual")
        return edit
    edit.text = new_text
    for index, message in sorted(touched):
        edit.note(rule, FindingKind.CONVERTED, index + 1, message, safety, edit.steps.get(index, ()))
    return edit


# `pip install ...` in a shell line: a Dockerfile's RUN, a CI step's run:, a script line
# (also opening a quoted command: `bash -c "pip install openai && ..."`, compose's exec form; held-out review 72, Y2)
_SHELL_PIP = re.compile(r"(?:^|(?<=[\s;&|\"']))(?:(?:\S*/)?python3?(?:\.\d+)?\s+-m\s+)?(?:uv\s+)?pip3?\s+install\b")


def edit_pip_commands(text: str, path: str, facts: CodeFacts) -> _Edit:
    """``pip install openai`` in a Dockerfile or a CI step follows the converted code, as the
    manifests do (MIG114): the image or the job would install openai and run code importing mistralai."""
    from migrator.engine.notebook_pip import follow_packages

    edit = _Edit(text)
    moved = [(pkg, action) for pkg in PACKAGES if (action := _action(facts, path, pkg)) is not None]
    # a bundle's integration (added beside `pip install llama-index`) that the file installs already in place of the
    # OpenAI one (`pip install llama-index-llms-openai` becomes its Mistral twin): once is enough (held-out 82, Y5)
    replaced = {pkg.new for pkg, _ in moved if not pkg.bundle and
                re.search(rf"(?<![\w.-]){re.escape(pkg.old)}(?![\w-])", text)}
    moved = [(pkg, action) for pkg, action in moved if not (pkg.bundle and pkg.new in replaced)]
    if not moved:
        return edit
    adds = {pkg for pkg, action in moved if action == "add"}
    lines = text.splitlines(keepends=True)
    touched = []
    continuing = False  # the previous line's pip install goes on here (`RUN pip install \`)
    for index, line in enumerate(lines):
        starts = [0] if continuing else []
        continuing = False
        if line.lstrip().startswith("#") or ("install" not in line and not starts):
            continue
        commands = list(_SHELL_PIP.finditer(line))
        starts += [command.end() for command in commands]
        if starts and line.rstrip("\r\n").endswith("\\") and not any(
                sep in line[max(starts):] for sep in (";", "&&", "||", "|")):
            continuing = True
        for start in reversed(starts):
            # inside a double-quoted command the requirement is single-quoted (and the other way round)
            quoted = _quote_before(line, start)
            new, whats = follow_packages(line, start, [pkg for pkg, _ in moved], lambda pkg: pkg in adds, "the code",
                                         quote="'" if quoted == '"' else '"')
            if whats:
                line = new
                touched += [(index, what) for what, _ in whats]
        lines[index] = line
    name = posixpath.basename(path)
    new_text = "".join(lines)
    edit = _apply(edit, text, new_text, [(index, f"{name}: pip install {what}") for index, what in touched],
                  DEPENDENCY_RULE, "approximate", True,
                  f"{name}: its pip install follows the converted code by hand (migrator could not edit it safely)")
    _conda_installs(edit, text, moved, name)
    if edit.text != new_text:
        return edit
    if any(pkg is OPENAI_PACKAGE and action == "replace" for pkg, action in moved):
        # `openai --version` after the install line that no longer installs openai: command not found, and a `set -e`
        # script stops there (held-out review 94, Y6)
        for index, line in enumerate(new_text.splitlines()):
            if _OPENAI_CLI.match(line) and _OPENAI_PLATFORM_CLI.match(line):
                # `openai api fine_tunes.create ...`: work on OpenAI's platform, not a check of the SDK (held-out
                # review 151, Y6: "remove it" of a fine-tuning script's command)
                edit.findings.append(Finding(DEPENDENCY_RULE, FindingKind.TODO, index + 1, (
                    f"{name}: `{_shortened(line.strip())}` runs the openai package's command-line tool against "
                    "OpenAI's platform, which the dependencies no longer install (command not found): install openai "
                    "where this script runs (pip install openai) to keep it on OpenAI, or redo it with Mistral's API "
                    "(fine-tuning: client.fine_tuning.jobs.create)"), "manual"))
            elif _OPENAI_CLI.match(line):
                edit.findings.append(Finding(DEPENDENCY_RULE, FindingKind.TODO, index + 1, (
                    f"{name}: `{_shortened(line.strip())}` runs the openai package's command-line tool, which the "
                    "dependencies no longer install (command not found): remove it, or check the SDK with "
                    "`pip show mistralai`"), "manual"))
    # pins the added package cannot be installed with, anywhere in the file's pip commands (a RUN
    # continued over several lines names them on lines of their own)
    edit.findings.extend(pin_conflicts(text, new_text, PIP_LINE, name))
    return edit


def _shortened(text: str, width: int = 60) -> str:
    """``text``, cut to ``width`` characters with an ellipsis where it is longer (held-out review 107, Y8)."""
    return text if len(text) <= width else text[:width - 3] + "..."


# A shell line running the openai package's CLI (`openai --version`, `openai api chat.completions.create ...`)
_OPENAI_CLI = re.compile(r"^[ \t]*(?:RUN[ \t]+|-[ \t]+(?:run:[ \t]*)?)?openai[ \t]+(?:-V\b|--version\b|api\b|tools\b|"
                         r"migrate\b|-h\b|--help\b)")
# `conda install -y -c conda-forge openai streamlit` (mamba's, micromamba's too), over continued lines
_CONDA_INSTALL = re.compile(r"(?:^|(?<=[\s;&|\"']))(?:conda|mamba|micromamba)\s+install\b")


def _conda_installs(edit: _Edit, text: str, moved: list, name: str) -> None:
    """A MIG114 TODO where a conda command installs a moved package (conda-forge's build, not pip's: migrator does not
    rewrite it), as an environment.yml's conda-level entry gets (held-out review 72, Y2: the image installed openai
    and ran code importing mistralai, silently)."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        found = _CONDA_INSTALL.search(line)
        if found is None or line.lstrip().startswith("#"):
            continue
        command, end = line[found.end():], index
        while command.rstrip().endswith("\\") and end + 1 < len(lines):
            end += 1
            command = command.rstrip()[:-1] + " " + lines[end]
        command = re.split(r"&&|\|\||;|\|", command)[0]
        words = [word.strip("\"'") for word in command.split()]
        for pkg, action in moved:
            if any(re.fullmatch(rf"{re.escape(pkg.old)}(?:[=<>!~].*)?", word) for word in words):
                also = "beside it" if action == "add" else f"(and drop {pkg.old} where no kept client needs it)"
                edit.note(DEPENDENCY_RULE, FindingKind.TODO, index + 1,
                          f"{name}: {pkg.old} comes from conda here (conda install): install {pkg.requirement} with "
                          f"pip {also}", "manual")


def _quote_before(line: str, start: int) -> str:
    """The quote that opens the string a ``pip install`` ending at ``start`` sits in (the character before ``pip``,
    or before ``python -m pip``), else None."""
    found = re.search(r"""(["'])\s*(?:\S*/)?(?:python3?(?:\.\d+)?\s+-m\s+)?(?:uv\s+)?pip3?\s+install$""", line[:start])
    return found.group(1) if found else ""


# (`- key: OPENAI_MODEL` then `value: ...`: Render's envVars; held-out review 61, X18)
_K8S_NAME = re.compile(r"""^\s*-\s*(?:name|key):\s*["']?([A-Za-z_][A-Za-z0-9_]*)["']?\s*(?:#.*)?$""")
_K8S_VALUE = re.compile(r"^\s*value\s*:")

# -- the Python a deploy file runs ------------------------------------------------------------------

# ``FROM python:3.9-slim`` (Dockerfile), ``image: python:3.9`` (GitLab CI, compose), ``container: python:3.9``
_PYTHON_IMAGE = re.compile(r"""^\s*(?:FROM\s+(?:--\S+\s+)*|-?\s*(?:image|container)\s*:\s*["']?(?:docker://)?)"""
                           r"(?:\S+/)?python:(\d+)\.(\d+)", re.IGNORECASE)
# a workflow's ``python-version: "3.9"`` / ``python-version: ["3.8", "3.9"]`` (setup-python, a matrix key)
_PYTHON_KEY = re.compile(r"""^(\s*)(?:-\s*)?["']?(?:python-versions?|python_versions?|python|py)["']?\s*:\s*(.*)$""")
_VERSION_ITEM = re.compile(r"""^\s*-\s*["']?((?:pypy-?)?\d+\.\d+[\w.-]*)["']?\s*(?:#.*)?$""")
_PYTHON_VERSION = re.compile(r"""(?<![\w.])(?:pypy-?|python-)?(\d+)\.(\d+)(?![\d])""")
# files that hold nothing but the Python version: Heroku's runtime.txt (python-3.9.18), pyenv's .python-version
RUNTIME_FILES = ("runtime.txt", ".python-version")
# App Engine's ``runtime: python39``; Render's ``- key: PYTHON_VERSION`` with ``value: 3.9.0`` on the next line
_APP_ENGINE_RUNTIME = re.compile(r"""^runtime\s*:\s*["']?python(3)(\d+)["']?\s*(?:#.*)?$""")
_PYTHON_VERSION_KEY = re.compile(r"""^\s*(?:-\s*)?key\s*:\s*["']?PYTHON_VERSION["']?\s*$""")
_VALUE = re.compile(r"""^\s*value\s*:\s*["']?(\d+)\.(\d+)""")


def _deploy_pythons(text: str, name: str):
    """``(line number, "3.9", what)`` for each Python version ``text`` says it runs."""
    lines = text.splitlines()
    if name in RUNTIME_FILES:
        for number, line in enumerate(lines, 1):
            match = _PYTHON_VERSION.search(line.split("#", 1)[0])
            if match and line.strip().lower().startswith(("python-", "pypy", "3", "2")):
                yield number, f"{match.group(1)}.{match.group(2)}", name
        return
    block = None  # the indentation of a `python-version:` key whose versions follow as a list
    for number, line in enumerate(lines, 1):
        if line.lstrip().startswith("#"):
            continue
        runtime = _APP_ENGINE_RUNTIME.match(line) if name in ("app.yaml", "app.yml") else None
        if runtime:
            yield number, f"{runtime.group(1)}.{runtime.group(2)}", "runtime"
            continue
        if _PYTHON_VERSION_KEY.match(line) and number < len(lines):
            value = _VALUE.match(lines[number])
            if value:
                yield number + 1, f"{value.group(1)}.{value.group(2)}", "PYTHON_VERSION"
            continue
        if block is not None:
            item = _VERSION_ITEM.match(line)
            indent = len(line) - len(line.lstrip())
            if item and indent >= block:
                version = _PYTHON_VERSION.search(item.group(1))
                if version:
                    yield number, f"{version.group(1)}.{version.group(2)}", "python-version"
                continue
            if line.strip():
                block = None
        image = _PYTHON_IMAGE.match(line)
        if image:
            yield number, f"{image.group(1)}.{image.group(2)}", "the image"
            continue
        key = _PYTHON_KEY.match(line)
        if not key:
            continue
        value = re.sub(r"\s+#.*$", "", key.group(2)).strip()
        if not value:
            block = len(key.group(1))
            continue
        if "${{" in value or "$" in value.split("#")[0][:1]:
            continue  # ``${{ matrix.python-version }}``: the matrix names the versions
        for version in _PYTHON_VERSION.finditer(value):
            yield number, f"{version.group(1)}.{version.group(2)}", "python-version"


# A CI workflow whose installs (_WORKFLOW_PIP) name none of the project's (its requirements, the package, its lock) nor
# mistralai installs nothing an old Python fails on.
_WORKFLOW_PIP = re.compile(r"pip3?\s+install|uv\s+pip|conda\s+install", re.IGNORECASE)
_WORKFLOW_INSTALLS = re.compile(r"-r\s|requirements|install\s+(?:-[eU]\s+)?\.(?:\[|\s|$)|poetry\s+install|uv\s+sync|"
                                r"pipenv|pdm\s+install|hatch|\btox\b|\bnox\b|setup\.py|pyproject|mistralai|\bmake\b|"
                                r"environment\.ya?ml|docker", re.IGNORECASE | re.MULTILINE)


def _is_workflow(path: str) -> bool:
    """A GitHub Actions workflow (``.github/workflows/*.yml``, in any directory)."""
    return "/.github/workflows/" in "/" + path.replace("\\", "/")


def python_runtime_conflicts(text: str, path: str, facts: CodeFacts) -> list[Finding]:
    """A TODO on each line of a deploy file (Dockerfile, CI workflow, compose, runtime.txt,
    .python-version) naming a Python older than a package the converted code now needs supports
    (``python-version: ["3.8", "3.9"]`` or ``FROM python:3.9`` next to mistralai, which needs 3.10):
    pip finds no release there, and the job or image fails to install."""
    # (a Dockerfile also answers for the manifests it copies from a subdirectory with code of its own: `COPY
    # app/src/requirements.txt .`; held-out review 61, Y17: FROM python:3.9 got no TODO, the image build failed)
    if _is_workflow(path) and _WORKFLOW_PIP.search(text) and \
            not _WORKFLOW_INSTALLS.search(text):
        return []  # a lint-only job (`pip install flake8`) installs nothing the converted code needs (78, X6)
    if _is_workflow(path) and _docs_only_installs(text, path, facts):
        return []  # a docs build (`pip install -r requirements.txt` of jupyter-book; held-out review 109, Y3)
    governed = [path, *_copied_manifests(text, path, facts)]
    floors = [(interval[0], pkg) for pkg in PACKAGES
              if pkg.python and any(_action(facts, where, pkg) is not None for where in governed)
              and (interval := _interval(pkg.python)) and interval[0] is not None]
    if not floors:
        return []
    floor, pkg = max(floors, key=lambda pair: pair[0])
    name = posixpath.basename(path.replace("\\", "/"))
    old: dict = {}
    for number, version, what in _deploy_pythons(text, name):
        if _version(version) < floor:
            old.setdefault(number, (what, []))[1].append(version)
    findings = []
    for number, (what, versions) in sorted(old.items()):
        several = len(versions) > 1
        runs, fix = {
            "the image": (f"the image runs Python {versions[0]}", "use a newer python image"),
            "python-version": (f"the job runs Python {', '.join(versions)} (python-version)",
                               f"drop {'those versions' if several else 'it'} or raise "
                               f"{'them' if several else 'it'}"),
            "runtime": (f"the App Engine runtime is Python {versions[0]}", "use runtime: python310 or newer"),
            "PYTHON_VERSION": (f"the service runs Python {versions[0]} (PYTHON_VERSION)", "raise it"),
        }.get(what, (f"it pins Python {versions[0]}", "raise it"))
        findings.append(Finding(DEPENDENCY_RULE, FindingKind.TODO, number,
                                f"{name}: {runs}, but the converted code needs {pkg.new}, which needs Python "
                                f"{pkg.python} (pip finds no release for older Pythons): {fix}", "manual"))
    return findings


def _docs_only_installs(text: str, path: str, facts: CodeFacts) -> bool:
    """Does the workflow install only requirements files that build documentation (``pip install -r
    requirements.txt`` of jupyter-book, then ``jupyter-book build``)?"""
    where = path.replace("\\", "/")
    root = "" if where.startswith(".github/workflows/") else where.split("/.github/workflows/")[0]
    installs = [m.group(0) for m in _WORKFLOW_INSTALLS.finditer(text)]
    files = re.findall(r"-r\s+[\"']?([^\s\"';&|]+)", text)
    if not files or any(not re.fullmatch(r"-r\s|requirements", found, re.IGNORECASE) for found in installs):
        return False
    texts = [facts.manifest_texts.get(posixpath.normpath(posixpath.join(root, name)) if root else
                                      posixpath.normpath(name)) for name in files]
    return all(found is not None and docs_requirements(found) for found in texts)


def _copied_manifests(text: str, path: str, facts: CodeFacts) -> list:
    """The run's manifests a Dockerfile's ``COPY`` / ``ADD`` lines name (a file, or a directory holding one) below
    its own directory (the build context it is usually run from); [] for other files."""
    name = posixpath.basename(path.replace("\\", "/")).lower()
    if not (name.startswith("dockerfile") or name.endswith(".dockerfile")) or not facts.manifests:
        return []
    directory = posixpath.dirname(path.replace("\\", "/"))
    found = []
    for line in text.splitlines():
        words = line.split()
        if len(words) < 3 or words[0].upper() not in ("COPY", "ADD"):
            continue
        for source in (w for w in words[1:-1] if not w.startswith("--")):
            source = posixpath.normpath(posixpath.join(directory, source.strip("\"'"))).rstrip("/")
            if source in (".", directory) or source.startswith("..") or "*" in source:
                continue
            found += [m for m in facts.manifests if m.replace("\\", "/") == source or
                      m.replace("\\", "/").startswith(source + "/")]
    return list(dict.fromkeys(found))


def _same_yaml_shape(before: str, after: str) -> bool:
    """The edited YAML still parses (when the original did), with as many documents."""
    import yaml

    try:
        old = list(yaml.safe_load_all(before))
    except yaml.YAMLError:
        return True  # templated YAML (Helm, Jinja): a line edit is as good as it gets
    try:
        new = list(yaml.safe_load_all(after))
    except yaml.YAMLError:
        return False
    return len(old) == len(new)


# -- the pass -------------------------------------------------------------------------------------


def project_transform(facts: CodeFacts, kind: str):
    """A ``files.Transform`` for one project file of ``kind`` (walk.file_kind)."""

    def transform(text: str, *, config, filename: str) -> RuleOutcome:
        edit = _edit(text, filename, kind, facts)
        return RuleOutcome(edit.text, tuple(sorted(edit.findings, key=lambda f: f.line)))

    return transform


# -- pins the added requirement cannot live with ----------------------------------------------------

def langchain_blockers(manifests: Iterable[tuple[str, str, str, str]], kept: Iterable[str] = (),
                       package: "str | tuple" = "langchain-mistralai") -> tuple[tuple[str, str], ...]:
    """(path, why or "") of each manifest (path, text, kind, real path): the subtree whose LangChain objects a pin
    in it keeps on OpenAI (``langchain_blocker``; migrator.plan.langchain.blocker_for picks the one for a module).
    A requirements file's pins include those of the files it includes (``-r base.txt``: held-out review 52, O3).
    ``kept``: modules whose LangChain objects stay on OpenAI anyway; under a manifest holding one,
    langchain-openai stays declared, and its own pin counts too."""
    kept = tuple(kept)
    manifests = list(manifests)
    known = {os.path.normpath(real): text for _, text, kind, real in manifests if kind == REQUIREMENTS}
    written = {posixpath.normpath(path.replace(os.sep, "/")) for path, _, _, _ in manifests}
    out = []
    for path, text, kind, real in manifests:
        if kind == REQUIREMENTS:  # (a marked line before each included file's text: langchain_blocker names it)
            text += "".join(f"\n{_INCLUDED_MARK}{posixpath.relpath(included, posixpath.dirname(real))}\n{body}"
                            for included, body in included_requirements(real, text, known))
        source = compile_source(path.replace(os.sep, "/"), text) if kind == REQUIREMENTS else ""
        if source and source in written:
            # a lock generated from a manifest of this run: migrator declares the new package in that source, and
            # the lock is compiled again from it (its MIG114 TODO says so), its old pins with it (held-out review
            # 83, Y1: `uv pip compile pyproject.toml`'s langchain-core==1.2.5 kept 30 ChatOpenAI on OpenAI)
            out.append((path.replace(os.sep, "/"), ""))
            continue
        directory = posixpath.dirname(path.replace(os.sep, "/"))
        stays = any(not directory or module.startswith(directory + "/") for module in kept)
        out.append((path.replace(os.sep, "/"), langchain_blocker([(path, text, kind)], openai_stays=stays,
                                                                  package=package)))
    return tuple(out)


# A line before the text of a file a requirements file includes, when langchain_blocker reads them together
_INCLUDED_MARK = "# migrator-included: "


def langchain_blocker(manifests: Iterable[tuple[str, str, str]], openai_stays: bool = False,
                      package: "str | tuple" = "langchain-mistralai") -> str:
    """Why LangChain's OpenAI classes cannot move, or "": a manifest (path, text, kind) pins a package
    langchain-mistralai 1.1 cannot be installed with (``langchain-core==0.2.36``, ``langchain = "^0.3"``).
    Converting them would write a requirement pip cannot resolve (held-out review 8, D1): they stay, with
    the pin named. ``package``: the Mistral package whose needs count (LlamaIndex's integrations the same way:
    held-out review 85, Y5, its objects converted beside `llama-index = "0.10.12"`)."""
    from migrator.mapping.packages import NO_RELEASE, PACKAGES

    # (langchain-openai's pin goes with it; the langchain / langchain-community bundles stay beside
    # langchain-mistralai, so their pins count: held-out review 18, P5, langchain==0.0.184 converted)
    # (several packages moving together, LlamaIndex's LLM and embeddings of one manifest: one target, the stricter
    # need of each distribution, and no advice to raise what the other replaces; held-out review 110, Y3)
    packages = (package,) if isinstance(package, str) else tuple(package)
    replaced = {pkg.old for pkg in PACKAGES if pkg.new in packages and not pkg.bundle}
    if openai_stays:  # an object kept on OpenAI keeps langchain-openai, pin and all (held-out review 28, H3)
        replaced = set()
    needs = []
    for moving in packages:
        for need in next(pkg.needs for pkg in PACKAGES if pkg.new == moving):
            if not any(need[0] == taken[0] for taken in needs):
                needs.append(need)
    found: list[str] = []  # every conflicting pin, said at once (held-out review 77, Y2: three pins, three runs)
    for path, text, kind in manifests:
        pins = _pins(text, kind)
        for dist, needed, why in needs:
            if dist in replaced:
                continue
            wanted = _interval(needed)
            for number, pinned_name, constraint, poetry in pins:
                if pinned_name != dist:
                    continue
                allowed = _interval(constraint, poetry)
                if _out_of_scope(dist, allowed):
                    continue
                if allowed is not None and (allowed is False or _disjoint(allowed, wanted)):
                    # (the manifest named, not its line: the run may write TODO comments above the pin, and a
                    # line number cited in code would then go stale: held-out review 10, E4)
                    # a LangChain 0.x project moves as a whole; a project on LangChain 1.x with an older langchain-core
                    # (held-out review 36, L2) or an integration versioned on its own (held-out review 77, Y2:
                    # langchain-chroma 0.2.2 was told "move LangChain to 1.x") needs that pin raised
                    on_0 = package == "langchain-mistralai" and dist in ("langchain", "langchain-core") and (
                        allowed is False or _disjoint(allowed, _interval(">=1.0")))
                    where = "{manifest}"
                    included = [line[len(_INCLUDED_MARK):] for line in text.splitlines()[:number]
                                if line.startswith(_INCLUDED_MARK)]
                    if included:  # the pin sits in a file the manifest includes (-r base.txt)
                        where = f"{included[-1]}, which {{manifest}} includes"
                    advice = "move LangChain to 1.x (langchain-core>=1.4.7)" if on_0 else \
                        "remove it, and move the code importing it off it" + _NO_RELEASE_USERS.get(dist, "") \
                        if needed == NO_RELEASE else f"raise it to {dist}{needed}"
                    companion = COMPANION_PINS.get(dist)
                    twin = next((_pin_shown(other, spec) for _, other, spec, _ in pins if companion and
                                 other == companion[0]), None) if needed != NO_RELEASE and not on_0 else None
                    if twin:
                        # (`pydantic_core==2.14.6` beside it: raised alone, the next run converted and pip could not
                        # resolve the manifest; held-out review 121, Y1)
                        advice += f" and the {twin} pin beside it, as {companion[1]}"
                    # (a second pin the same move lifts says so, not the move again: held-out review 87, X12)
                    found.append(f"{dist} {constraint} (in {where}), and {why}: {advice}" if not found else
                                 f"{dist} {constraint} (the same move)" if found[0].endswith(f": {advice}") else
                                 f"{dist} {constraint} ({advice})")
    if not found:
        return ""
    # (the Python the project declares, where it is older than the moving package needs: the move cannot lock either;
    # held-out review 140, Y5, `python = "~3.9"` beside "move LangChain to 1.x")
    python = next((pkg.python for pkg in PACKAGES if pkg.new in packages and pkg.python), None)
    older = next(((path, hit[1]) for path, text, kind in manifests
                  if python and (hit := _older_python(text, kind, python)) is not None), None)
    return (f"the project pins {found[0]}" + (f"; it also pins {', '.join(found[1:])}" if found[1:] else "")
            + (f"; its Python ({older[1]}, in {{manifest}}) is older than {packages[0]} supports ({python}): raise "
               "it too" if older else "") + ", then run migrator again")


def _out_of_scope(dist: str, allowed, needed: str = "") -> bool:
    """A pin of ``dist`` only admitting releases its need does not concern (``aiogram==2.25.1``: NEED_SCOPES)."""
    scope = NEED_SCOPES.get((dist, needed)) or NEED_SCOPES.get(dist)
    return scope is not None and allowed not in (None, False) and _disjoint(allowed, _interval(scope))


# what imports a package with no release for the new stack though no module names it (held-out review 104, Y8)
_NO_RELEASE_USERS = {"llama-index-question-gen-openai": "; a SubQuestionQueryEngine.from_defaults(...) handed no "
                                                        "question_gen= imports it too: pass it question_gen="
                                                        "LLMQuestionGenerator.from_defaults(llm=...)"}


PIP_LINE = "pip-line"  # pin_conflicts on one `pip install ...` command line (a notebook's, a Dockerfile's)
_OPS = r"(?:===|==|~=|!=|<=|>=|<|>)"
# ``name[extras] (spec, spec)`` as PEP 508 writes it (requirements, setup.cfg / setup.py, PEP 621 strings)
_PEP508_PIN = re.compile(r"(?<![\w.-])([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*\(?\s*"
                         rf"({_OPS}\s*[\w.*+!-]+(?:\s*,\s*{_OPS}\s*[\w.*+!-]+)*)")
# ``name = "constraint"`` / ``name = {version = "constraint", ...}`` (Poetry, Pipfile)
_TOML_PIN = re.compile(r"""^\s*["']?([A-Za-z0-9][A-Za-z0-9._-]*)["']?\s*=\s*(?:\{[^}]*?\bversion\s*=\s*)?["']([^"']+)["']""")


def _version(text: str):
    from packaging.version import InvalidVersion, Version

    try:
        return Version(text)
    except InvalidVersion:
        return None


def _bump(release: tuple, places: int):
    """The version after every ``release[:places]`` one: (1, 4, 2), 2 -> 1.5."""
    from packaging.version import Version

    head = list(release[:places]) or [0]
    head[-1] += 1
    return Version(".".join(map(str, head)))


def _pin_shown(name: str, spec: str) -> str:
    """A pin as a TODO names it: ``httpcore==1.0.5`` (a requirements line's), ``httpcore 1.0.5`` (Poetry's bare version,
    ``httpcore = "1.0.5"``: held-out review 145, Y7, "the httpcore1.0.5 pin")."""
    spec = spec.strip()
    return f"{name}{spec}" if spec[:1] in "=<>!~" else f"{name} {spec}"


def _interval(spec: str, poetry: bool = False):
    """The versions ``spec`` allows as (low, low inclusive, high, high inclusive), None for unbounded;
    False when they are none, None when the spec is not understood. Poetry's ``^`` / ``~`` / bare
    versions are read as Poetry reads them when ``poetry`` is set."""
    low, low_in, high, high_in = None, True, None, True

    def above(version, inclusive):
        nonlocal low, low_in
        if low is None or version > low or (version == low and not inclusive):
            low, low_in = version, inclusive

    def below(version, inclusive):
        nonlocal high, high_in
        if not inclusive and not (version.is_prerelease or version.is_postrelease or version.local):
            # PEP 440: `<1.0.0` (and `~=0.3`, `^0.3`) admits no pre-release of 1.0.0 (held-out review 47, E1:
            # `langchain<1.0.0` read as admitting 1.0.0a10, and the converted requirements did not resolve)
            version = _version(".".join(map(str, version.release)) + ".dev0") or version
        if high is None or version < high or (version == high and not inclusive):
            high, high_in = version, inclusive

    for part in spec.split(","):
        part = part.strip()
        if not part or part == "*":
            continue
        match = re.fullmatch(r"(===|==|~=|!=|<=|>=|<|>|\^|~|=)?\s*([\w.*+!-]+)", part)
        if not match:
            return None
        op, text = match.group(1) or ("==" if poetry else None), match.group(2)
        if op is None:
            return None
        if op == "!=":
            continue
        wildcard = text.endswith(".*")
        version = _version(text[:-2] if wildcard else text)
        if version is None:
            return None
        release = version.release
        if op in ("==", "===", "=") and wildcard:
            above(version, True)
            below(_bump(release, len(release)), False)
        elif op in ("==", "===", "="):
            above(version, True)
            below(version, True)
        elif op == "~=":
            above(version, True)
            below(_bump(release, max(1, len(release) - 1)), False)
        elif op == "^":
            above(version, True)
            nonzero = next((i for i, n in enumerate(release) if n), len(release) - 1)
            below(_bump(release, nonzero + 1), False)
        elif op == "~":
            above(version, True)
            below(_bump(release, 2 if len(release) > 1 else 1), False)
        elif op in (">=", ">"):
            above(version, op == ">=")
        else:
            below(version, op == "<=")
    if low is not None and high is not None and (low > high or (low == high and not (low_in and high_in))):
        return False
    return low, low_in, high, high_in


def _tightest(bounds: list, pick) -> tuple | None:
    """The bound ``pick`` (max for lows, min for highs) chooses; inclusive only if every bound at that
    version is."""
    bounds = [bound for bound in bounds if bound[0] is not None]
    if not bounds:
        return None
    version = pick(bound[0] for bound in bounds)
    return version, all(inclusive for v, inclusive in bounds if v == version)


def _below(interval):
    """The versions below ``interval``'s lower bound (``_interval``'s tuple), as an interval."""
    low, low_in = interval[0], interval[1]
    return (None, True, low, not low_in) if low is not None else False


def _disjoint(first, second) -> bool:
    """No version lies in both intervals (``_interval``'s tuples)."""
    low = _tightest([first[:2], second[:2]], max)
    high = _tightest([first[2:], second[2:]], min)
    if low is None or high is None:
        return False
    return low[0] > high[0] or (low[0] == high[0] and not (low[1] and high[1]))


def _pins(text: str, kind: str) -> list[tuple[int, str, str, bool]]:
    """(line number, canonical name, constraint, Poetry syntax) of each requirement with a version."""
    found = []
    toml = kind in (PYPROJECT, PIPFILE)
    items = _conda_pip_items(text) if kind == CONDA else {}
    conda = _conda_level_pins(text, items) if kind == CONDA else {}
    for number, line in enumerate(text.splitlines(), 1):
        code = line.split("#", 1)[0] if not toml else _toml_code(line)
        if kind == CONDA:
            if number - 1 in conda:  # `  - pydantic==2.8.2` / `  - pydantic=2.8.2`, conda's own package
                found.append((number, *conda[number - 1], False))
                continue
            if number - 1 not in items:
                continue
            code = code[items[number - 1]:]  # `    - pydantic==2.10.4`: the requirement after the dash
        if code.lstrip().startswith(("#", "-")) and kind != PIP_LINE:  # a requirements file's options
            continue
        pin = _TOML_PIN.match(code) if toml else None
        if pin:
            found.append((number, canonical(pin.group(1)), pin.group(2), kind == PYPROJECT))
            continue
        for match in _PEP508_PIN.finditer(code):
            marker = re.match(r"\s*\)?\s*;(.*)", code[match.end():])
            if marker and re.search(r"python(?:_full)?_version\s*(?:<|<=)\s*['\"]3\.[0-9](?:\.\d+)?['\"]",
                                    marker.group(1)):
                continue  # only for Pythons older than 3.10, where mistralai is not installed anyway
            # (another marker, `python_version >= "3.8"`, applies where mistralai does: held-out review 10, E9)
            found.append((number, canonical(match.group(1)), re.sub(r"\s+", "", match.group(2)), False))
    return found


def _toml_code(line: str) -> str:
    """A TOML line without its comment (a ``#`` outside strings)."""
    quote = ""
    for index, char in enumerate(line):
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "#":
            return line[:index]
    return line


# what langchain-openai (every release since 0.1) installs of openai, written where it is replaced and code kept on
# OpenAI imports openai
LANGCHAIN_OPENAI_OPENAI = "openai>=1"


# a manifest's lines that name no dependency: a pyproject's / setup.cfg's keywords, description, summary and URLs
# (`keywords = ["rag", "openai"]`: held-out review 160, X2, "openai is declared here ... remove it" once the dependency
# itself was replaced)
_NOT_DEPENDENCIES = re.compile(r"""^[ \t]*(?:keywords|description|summary)[ \t]*=[ \t]*"""
                               r"""(?:\[[^\]]*\]|"[^"\n]*"|'[^'\n]*')"""
                               r"""|^[ \t]*[\w.-]+[ \t]*=[ \t]*["']https?://[^"'\n]*["']""", re.MULTILINE)


@functools.lru_cache(maxsize=512)
def _dependency_text(text: str) -> str:
    """``text`` without the lines that name no dependency (asked for every package of every manifest: cached)."""
    return _NOT_DEPENDENCIES.sub("", text) if "=" in text else text


def _declares(text: str, name: str) -> bool:
    pattern = r"[-_.]+".join(map(re.escape, re.split(r"[-_.]+", name)))
    return re.search(rf"(?<![\w.-]){pattern}(?![\w-])", _dependency_text(text), re.IGNORECASE) is not None


# "Before you deploy" for a pin the new requirement cannot be installed beside (held-out review 86, X8: the converted
# manifest could not be installed, and only a TODO on the pin's line said so)
UNRESOLVABLE_STEP = ("the dependency files cannot be installed as written: move the pins their MIG114 TODOs name "
                     "(pip finds no set of releases for them beside what the converted code needs), then install again")


def pin_conflicts(before: str, after: str, kind: str, name: str, needed: frozenset = frozenset(),
                  instructor_moved: bool = True) -> list[Finding]:
    """A TODO for each pin in ``after`` outside what a requirement the edit added needs (mistralai
    3.7 needs pydantic>=2.11.2: ``pydantic==1.10.13`` next to it cannot be installed). ``needed``: the
    packages (``Package.new``) the converted code needs from this manifest even where it declared them
    already, so that the edit changed nothing (``mistralai==1.2.0`` beside a kept client's ``openai``).
    ``instructor_moved``: the converted code under the manifest uses instructor's Mistral client (from_mistral);
    where it does not, an instructor pin of 0.x releases (no Mistral client to fail on) is left alone."""
    findings = []
    pins = _pins(after, kind)
    seen = set()
    for pkg in PACKAGES:
        moved = False  # the package itself is pinned to a release the converted code cannot use
        # an old pin of the package itself (mistralai==0.4.2)
        if (before != after or pkg.new in needed) and _declares(after, pkg.new):
            wanted = _interval(pkg.version)
            for number, pinned_name, constraint, poetry in pins:
                allowed = _interval(constraint, poetry) if pinned_name == pkg.new else None
                if allowed is not None and (allowed is False or _disjoint(allowed, wanted)) and \
                        (number, pkg.new) not in seen:
                    seen.add((number, pkg.new))
                    moved = True
                    findings.append(Finding(DEPENDENCY_RULE, FindingKind.TODO, number,
                                            f"{name}: {pkg.new} is pinned to {constraint}, but the converted code "
                                            f"needs {pkg.requirement}: move the pin", "manual", (UNRESOLVABLE_STEP,)))
                elif allowed is not None and allowed is not False and (number, pkg.new) not in seen and \
                        _below(wanted) is not False and not _disjoint(allowed, _below(wanted)):
                    # `mistralai>=1.0.0`, declared for code written against 1.x: a lock file or an environment made
                    # from it keeps a release without the mistralai.client API (held-out review 73, X1: ImportError)
                    seen.add((number, pkg.new))
                    findings.append(Finding(DEPENDENCY_RULE, FindingKind.TODO, number,
                                            f"{name}: {pkg.new} is declared {constraint}, which admits releases the "
                                            f"converted code cannot use (it needs {pkg.requirement}); a lock file or "
                                            "an installed environment keeps the release it has: raise it to "
                                            f"{pkg.requirement} ({_upgrade_advice(kind, after, pkg.new)})", "manual"))
        # (an old pin of the package, moved as its TODO says, meets these pins too: held-out review 36, L3)
        if not pkg.needs or (_declares(before, pkg.new) and not moved) or not _declares(after, pkg.new):
            continue
        for dist, needed, why in pkg.needs:
            wanted = _interval(needed)
            for number, pinned_name, constraint, poetry in pins:
                if pinned_name != dist or (number, dist) in seen:
                    continue
                allowed = _interval(constraint, poetry)
                if not instructor_moved and _instructor_zero(pinned_name, allowed):
                    continue  # (instructor 0.x: no Mistral client to fail on, held-out review 94, Y11)
                if allowed is not None and allowed is not False and dist in UNENFORCED_NEEDS and \
                        not _disjoint(allowed, wanted) and _below(wanted) is not False and \
                        not _disjoint(allowed, _below(wanted)):
                    seen.add((number, dist))  # `instructor>=1.10.0`: admits the release a lock file keeps
                    findings.append(Finding(DEPENDENCY_RULE, FindingKind.TODO, number,
                                            f"{name}: {dist} is declared {constraint}, which admits releases the "
                                            f"converted code cannot use: {why}; a lock file or an installed "
                                            f"environment keeps the release it has: raise it to {dist}{needed} "
                                            f"({_upgrade_advice(kind, after, dist)})", "manual"))
                    continue
                if allowed is None or not (allowed is False or _disjoint(allowed, wanted)) or \
                        _out_of_scope(dist, allowed, needed):
                    continue
                seen.add((number, dist))
                # pydantic's own core is pinned with it (`pip freeze`): moving one pin alone still fails
                # (held-out review 10, N-b: pydantic 2.11 requires its own pydantic-core release)
                twin = next((_pin_shown(other, spec) for _, other, spec, _ in pins
                             if other == f"{dist}-core" and dist == "pydantic"), None)
                # opentelemetry-sdk / -exporter-* / -instrumentation-* pin the api exactly: they move together
                # (held-out review 39, P4: pip cannot resolve the api moved alone; review 73, X2: nor the semantic
                # conventions, which pin the api, and which the sdk pins)
                family = [_pin_shown(other, spec) for _, other, spec, _ in pins if dist.startswith("opentelemetry-") and
                          other.startswith("opentelemetry-") and other != dist] if not twin else []
                # a pin beside it capping it (httpcore before 1.0.9 caps h11 below 0.15: held-out review 61, Y29)
                caps, held = [], dist
                while held is not None and len(caps) < 3:  # h11 <- httpcore <- httpx
                    capped_by = None
                    for cap in CAPPING_PINS.get(held, ()):  # (anyio: fastapi, openai)
                        found = next((_pin_shown(other, spec) for _, other, spec, _ in pins if other == cap[0] and
                                      _interval(spec, poetry) not in (None, False) and
                                      _disjoint(_interval(spec, poetry), _interval(cap[1])) and
                                      not (cap[3] and _disjoint(_interval(spec, poetry), _interval(cap[3])))),
                                     None)
                        if found is not None:
                            caps.append(f"the {found} pin beside it ({cap[2]})")
                            capped_by = capped_by or cap[0]
                    held = capped_by
                capping = ", and ".join(caps)
                # (instructor 0.x imports no mistralai: it has no from_mistral at all; held-out review 101, Y10)
                said = _INSTRUCTOR_ZERO_WHY if _instructor_zero(pinned_name, allowed) else why
                findings.append(Finding(DEPENDENCY_RULE, FindingKind.TODO, number,
                                        f"{name}: {dist} is pinned to {constraint}, but {said}: move the pin"
                                        + (f" and the {twin} pin beside it (each pydantic release needs its own "
                                           "pydantic-core)" if twin else "")
                                        + (f" and the opentelemetry pins beside it ({', '.join(family)}: the "
                                           "opentelemetry packages of one release pin each other exactly)"
                                           if family else "")
                                        + (f" and {capping}" if capping else "")
                                        + f" (and check the code against that {dist})"
                                        # (no older mistralai has the mistralai.client API the converted code
                                        # uses: held-out review 55, U9)
                                        + (f" or pin a {pkg.new} release that accepts it" if pkg.new != "mistralai"
                                           else ""), "manual", (UNRESOLVABLE_STEP,)))
    findings.extend(_python_conflicts(before, after, kind, name))
    findings.extend(_instructor_openai_cap(before, after, pins, kind, name, needed, seen, instructor_moved))
    return sorted(findings, key=lambda finding: finding.line)


# instructor's Mistral client built in code (not a TODO comment naming it; a notebook's JSON line too)
_FROM_MISTRAL = re.compile(r"^(?![ \t]*\"?[ \t]*#).*\bfrom_mistral\(", re.MULTILINE)


_INSTRUCTOR_ZERO_WHY = ("instructor 0.x has no from_mistral, which the converted code calls (instructor added it in "
                        "1.2.2; beside mistralai 3.7 it needs 1.17)")


def _instructor_zero(name: str, allowed) -> bool:
    """An instructor pin admitting only 0.x releases (``instructor==0.2.8``): instructor before 1.0 has no Mistral
    client to import beside mistralai 3.7, nor from_openai / from_mistral; the code on it (``instructor.patch()`` of
    openai 0.x) stays on OpenAI with its TODO, and raising the pin to 1.17, with openai to 2, would break that code
    (held-out review 94, Y11)."""
    return name == "instructor" and allowed is not None and allowed is not False and \
        _disjoint(allowed, _interval(">=1"))


def _instructor_openai_cap(before: str, after: str, pins: list, kind: str, name: str, needed: frozenset,
                           seen: set, instructor_moved: bool = True) -> list[Finding]:
    """A TODO on an openai pin (kept for code left on OpenAI) below 2 beside instructor, which beside mistralai 3.7
    must be 1.17 or later, whose Requires-Dist says openai>=2 (held-out review 79, Y2: `openai==1.35.7` stayed
    beside the raised `instructor>=1.17`, and pip could not resolve the file)."""
    if not ((before != after or "mistralai" in needed) and _declares(after, "mistralai") and
            _declares(after, "instructor")) or not instructor_moved and any(
                _instructor_zero(pinned, _interval(constraint, poetry)) for _, pinned, constraint, poetry in pins):
        return []
    out = []
    for number, pinned_name, constraint, poetry in pins:
        allowed = _interval(constraint, poetry) if pinned_name == "openai" else None
        if allowed is None or (number, "openai") in seen or not (
                allowed is False or _disjoint(allowed, _interval(INSTRUCTOR_OPENAI))):
            continue
        seen.add((number, "openai"))
        out.append(Finding(DEPENDENCY_RULE, FindingKind.TODO, number,
                           f"{name}: openai is pinned to {constraint}, but instructor 1.17 (the release mistralai 3.7 "
                           f"needs) needs openai{INSTRUCTOR_OPENAI}: move the pin (openai 2 keeps the 1.x client "
                           "API) and check the code kept on OpenAI against it", "manual"))
    for number, pinned_name, constraint, poetry in pins if instructor_moved else ():
        # a langchain-openai before 1.0 kept for code on OpenAI caps openai below 2: beside instructor 1.17 nothing
        # resolves (held-out review 95, Y4)
        allowed = _interval(constraint, poetry) if pinned_name == "langchain-openai" else None
        if allowed is None or allowed is False or (number, "langchain-openai") in seen or \
                not _disjoint(allowed, _interval(LANGCHAIN_OPENAI_FOR_OPENAI_2)):
            continue
        seen.add((number, "langchain-openai"))
        out.append(Finding(DEPENDENCY_RULE, FindingKind.TODO, number,
                           f"{name}: langchain-openai is pinned to {constraint} for code kept on OpenAI, and releases "
                           "before 1.0 cap openai below 2, while instructor 1.17 (the release mistralai 3.7 needs) "
                           f"needs openai{INSTRUCTOR_OPENAI} (the resolver finds no set): move LangChain to 1.x first "
                           "(langchain-openai 1.x accepts openai 2), or keep the instructor code on OpenAI",
                           "manual", (UNRESOLVABLE_STEP,)))
    return out


# ``requires-python`` (PEP 621), Poetry's ``python``, ``python_requires`` (setup.py / setup.cfg)
_PYTHON_PIN = re.compile(r"""^\s*(?:requires-python|python|python_requires)\s*=\s*["']?([^"'#\n]+?)["']?\s*,?\s*(?:#.*)?$"""
                         r"""|python_requires\s*=\s*["']([^"']+)["']""")


# What refuses a project that declares a Python older than the added package needs, by manifest.
_LOCKERS = {PYPROJECT: "uv and Poetry refuse to lock", PIPFILE: "pipenv refuses to lock",
            CONDA: "conda env create finds no release for that Python",
            SETUP_CFG: "an install on an older Python it admits finds no release",
            PYTHON: "an install on an older Python it admits finds no release"}
# A conda environment's `- python=3.9` / `- python>=3.8` (its dependencies list)
_CONDA_PYTHON = re.compile(r"""^\s*-\s*python\s*((?:==|>=|<=|~=|=|>|<)\s*[\d.*]+)\s*(?:#.*)?$""")
# Pipfile's [requires] python_version = "3.9" (one minor version)
_PIPFILE_PYTHON = re.compile(r"""^\s*python_(?:full_)?version\s*=\s*["']([\d.]+)["']""")


def _python_conflicts(before: str, after: str, kind: str, name: str) -> list[Finding]:
    """A TODO where the project declares Pythons older than an added requirement supports
    (``requires-python = ">=3.8"`` next to mistralai, which needs 3.10): uv / Poetry refuse to lock."""
    added = [pkg for pkg in PACKAGES if pkg.python and not _declares(before, pkg.new) and _declares(after, pkg.new)]
    if not added:
        return []
    pkg = added[0]
    found = _older_python(after, kind, pkg.python)
    if found is None:
        return []
    number, spec = found
    return [Finding(DEPENDENCY_RULE, FindingKind.TODO, number,
                    f"{name}: the project declares Python {spec}, but {pkg.new} needs Python {pkg.python} "
                    f"({_LOCKERS.get(kind, 'pip finds no release for it')}): raise it to {pkg.python}", "manual")]


def _older_python(text: str, kind: str, python: str) -> "tuple[int, str] | None":
    """(line number, spec) of the Python the manifest ``text`` declares where it admits Pythons older than
    ``python`` (``>=3.10``) allows, else None."""
    needed = _interval(python)
    for number, line in enumerate(text.splitlines(), 1):
        match = (_CONDA_PYTHON.match(line) if kind == CONDA else _PYTHON_PIN.search(line)) or \
            (kind == PIPFILE and _PIPFILE_PYTHON.match(line))
        if not match:
            continue
        spec = (match.group(1) or (match.group(2) if match.re is not _CONDA_PYTHON else "") or "").strip()
        if kind == CONDA and spec.startswith("=") and not spec.startswith("=="):  # conda's `python=3.9`: 3.9.*
            version = spec[1:].strip()
            spec = f"=={version}.*" if version.count(".") == 1 else f"=={version}"
        if kind == PIPFILE and match.re is _PIPFILE_PYTHON:
            spec = f"=={spec}.*" if spec.count(".") == 1 else f"=={spec}"
        # (Poetry's `>=3.9,<3.9.7 || >3.9.7,<4.0`: the union's lowest floor is the project's; held-out review 132, Y1:
        # no interval was read, and the project could not be locked beside mistralai)
        parts = [_interval(part.strip(), poetry=kind == PYPROJECT and not part.strip().startswith((">", "<", "=",
                                                                                                    "!")))
                 for part in spec.split("||")] if "||" in spec else None
        declared = _interval(spec, poetry=kind == PYPROJECT and not spec.startswith((">", "<", "=", "!"))) \
            if parts is None else next((part for part in parts if part and (part[0] is None or (
                needed is not None and needed[0] and part[0] < needed[0]))), parts[0] if parts else None)
        if not declared or needed is None or not needed[0]:
            continue
        if declared[0] is None or declared[0] < needed[0]:  # the project admits Pythons the package does not
            return number, spec
    return None


_PYTHON_REQUIRES_NAME = re.compile(r"""\bpython_requires\s*=\s*([A-Za-z_]\w*)\s*[,)\n]""")


def _setup_py_python(before: str, after: str, path: str) -> list[Finding]:
    """A requirements file that gains mistralai and that setup.py beside it reads for its install_requires
    (``open("requirements.txt").read().splitlines()``), where setup.py declares Pythons older than mistralai supports,
    in place or through a module constant (``python_requires=PYTHON_REQUIRES``, ``PYTHON_REQUIRES = ">=3.8"``):
    the TODO _python_conflicts gives a manifest declaring such a range, naming setup.py's line (held-out review 134,
    X2: setup.py, naming no openai, is not read, and nothing was said)."""
    if _declares(before, OPENAI_PACKAGE.new) or not _declares(after, OPENAI_PACKAGE.new):
        return []
    directory = posixpath.dirname(path.replace("\\", "/"))
    setup = posixpath.join(directory, "setup.py") if directory else "setup.py"
    try:
        with open(setup, encoding="utf-8") as handle:
            text = handle.read(200_000)
    except (OSError, UnicodeDecodeError):
        return []
    if not re.search(rf"""["'](?:\./)?{re.escape(posixpath.basename(path))}["']""", text) or \
            "install_requires" not in text:
        return []
    constant = _PYTHON_REQUIRES_NAME.search(text)
    shown = text
    if constant is not None:  # `python_requires=PYTHON_REQUIRES`: the constant's value, read as if written in place
        bound = re.search(rf"""^{re.escape(constant.group(1))}\s*=\s*(["'][^"'\n]+["'])""", text, re.MULTILINE)
        if bound is not None:
            shown = text[:bound.start()] + "python_requires=" + bound.group(1) + text[bound.end():]
    found = _python_conflicts("", shown + f"\n{OPENAI_PACKAGE.new}\n", PYTHON, "setup.py")
    name = posixpath.basename(path)
    return [Finding(DEPENDENCY_RULE, FindingKind.TODO, 1, f.message.replace(
        f"setup.py: the project declares", f"{name}: setup.py (line {f.line}), which takes its install_requires "
        "from this file, declares", 1), "manual") for f in found]


# Generic names of hosting manifests: only when they look like one (App Engine's top-level runtime:,
# Heroku's "env"); otherwise an app's own config file, which the code may read (re-review, B6).
_APP_ENGINE = re.compile(r"^runtime\s*:", re.MULTILINE)
_PLATFORM_SHAPES = {"app.yaml": _APP_ENGINE, "app.yml": _APP_ENGINE, "app.json": re.compile(r'"env"\s*:')}


def _edit(text: str, path: str, kind: str, facts: CodeFacts) -> _Edit:
    edit = _edit_file(text, path, kind, facts)
    return _with_written_todos(text, edit, path, kind)


# Project files whose TODOs are written in as ``#`` comments (setup.py and setup.cfg: at their first line only).
_COMMENTED_KINDS = frozenset({REQUIREMENTS, PYPROJECT, PIPFILE, CONDA, ENV_FILE, DEPLOY, SETUP_CFG, PYTHON})


def _with_written_todos(before: str, edit: _Edit, path: str, kind: str) -> _Edit:
    """The edited file with each of its TODOs written in as a comment above the line it is about (held-out
    review 9, D4: a pin pip cannot install beside mistralai, a stale lock, a CI job's old Python were said
    only in the run's summary; after --write nothing in the repository recorded them). Inside a YAML block
    scalar (``run: |``) the comment goes above the key that opens it; never after a continued line, in
    JSON, or in Heroku's runtime.txt, which rejects comments (held-out review 10, E5). The line must be
    known in the edited text (the file kept its line count, or the TODO was computed on the edited text);
    a comment already there is not written twice. The file must mean the same with the comments as
    without (TOML, YAML, setup.cfg and setup.py are parsed both ways), and a file that does not parse, or
    a real env file, is left byte for byte: its TODOs are reported only."""
    name = posixpath.basename(path.replace("\\", "/"))
    todos = [f for f in edit.findings if f.kind is FindingKind.TODO]
    if not todos or name.lower().endswith((".json", ".toml.j2")) or name == "runtime.txt" or \
            kind not in _COMMENTED_KINDS or (kind == ENV_FILE and not is_example_env(path)):
        return edit
    lines = edit.text.splitlines(keepends=True)
    same = before.count("\n") == edit.text.count("\n")
    moved = {} if same else _moved_lines(before, lines)
    newline = _newline(edit.text)
    inserted = False
    yaml_file = name.lower().endswith((".yml", ".yaml"))
    placed = sorted(((f, f.line if same or f.message in edit.late or f.line == 1 else moved.get(f.line, 0))
                     for f in todos), key=lambda pair: pair[1], reverse=True)
    for finding, number in placed:
        # (a line of the original found unchanged in the edited text, which gained lines: held-out review 109, X1,
        # a workflow's TODOs were said in the summary only, after an added MISTRAL_API_KEY line moved them)
        if not 1 <= number <= max(len(lines), 1):
            continue
        if not lines:
            lines = [""]
        if yaml_file:
            opener = _block_scalar_opener(lines, number - 1)
            number = number if opener is None else opener + 1  # above `run: |`, not inside its text
        target = lines[number - 1]
        if number > 1 and lines[number - 2].rstrip("\r\n").endswith("\\"):
            continue
        indent = target[:len(target) - len(target.lstrip())] if target.strip() else ""
        if name.lower() in ("makefile", "gnumakefile") or name.lower().endswith(".mk"):
            indent = ""  # (a tab-indented comment in a recipe is a recipe line, which make echoes)
        comment = f"{indent}# TODO(migrator {finding.rule}): {finding.message}"
        above = number - 2
        present = False
        while above >= 0 and lines[above].lstrip().startswith("#"):
            if lines[above].strip() == comment.strip():
                present = True
                break
            above -= 1
        if present:
            continue
        lines.insert(number - 1, comment + newline)
        inserted = True
    if not inserted:
        return edit
    written = "".join(lines)
    if not _same_meaning(edit.text, written, kind, name):
        return edit
    return _Edit(written, edit.findings, edit.late)


def _moved_lines(before: str, lines: list) -> dict:
    """1-based line of ``before`` -> its line in ``lines`` (the edited text), for the lines the edit left as they were
    (an added line moves those after it)."""
    import difflib

    found = {}
    matcher = difflib.SequenceMatcher(a=before.splitlines(keepends=True), b=lines, autojunk=False)
    for tag, i1, i2, j1, _j2 in matcher.get_opcodes():
        if tag == "equal":
            found.update((i1 + k + 1, j1 + k + 1) for k in range(i2 - i1))
    return found


def _same_meaning(text: str, commented: str, kind: str, name: str) -> bool:
    """Does ``commented`` (``text`` with comment lines added) parse to what ``text`` does? False when
    ``text`` does not parse: such a file is left as it is."""
    try:
        if kind in (PYPROJECT, PIPFILE) or name.lower().endswith(".toml"):
            import tomllib

            return tomllib.loads(text) == tomllib.loads(commented)
        if name.lower().endswith((".yml", ".yaml")):
            import yaml

            try:
                return list(yaml.safe_load_all(text)) == list(yaml.safe_load_all(commented))
            except yaml.YAMLError:
                # a template (Helm's `{{ .Values.x | quote }}`): a whole-line `#` comment outside a block scalar is a
                # comment of the rendered YAML too, unless it holds a template expression, which the template engine
                # would render (held-out review 63, X6: the chart's TODO was not written)
                added = [line for line in commented.splitlines() if line.lstrip().startswith("# TODO(migrator")]
                return "{{" in text and not any("{{" in line or "{%" in line for line in added)
        if kind == SETUP_CFG:
            import configparser

            def read(source: str) -> dict:
                parser = configparser.ConfigParser(interpolation=None)
                parser.read_string(source)
                return {section: dict(parser[section]) for section in parser.sections()}

            return read(text) == read(commented)
        if kind == PYTHON:
            return ast.dump(ast.parse(text)) == ast.dump(ast.parse(commented))
    except Exception:  # noqa: BLE001 - any parser's error: the file stays as it is
        return False
    return True


def _block_scalar_opener(lines: list, index: int) -> int | None:
    """The index of the line opening the YAML block scalar (``run: |``, ``- >-``) that ``lines[index]``
    is part of, else None: a comment there would be the scalar's text."""
    line = lines[index]
    lowest = len(line) - len(line.lstrip()) if line.strip() else 10 ** 6
    for j in range(index - 1, -1, -1):
        previous = lines[j]
        if not previous.strip():
            continue
        own = len(previous) - len(previous.lstrip())
        if own < lowest:
            if re.search(r"[|>][-+0-9]*\s*(#.*)?$", previous.rstrip("\r\n")):
                return j
            lowest = own
            if own == 0:
                return None
    return None


def _in_block_scalar(lines: list, index: int) -> bool:
    """Is ``lines[index]`` inside a YAML block scalar (``run: |``): a comment there would be its content."""
    return _block_scalar_opener(lines, index) is not None


# a CI step running a Python script of the repository: `python podcast.py`, `python3 chap6/run.py --flag`
_RUN_SCRIPT = re.compile(r"\bpython[\d.]*[ \t]+(?:-u[ \t]+)?([\w./-]+\.py)\b")


def _runs_only_unconverted(text: str, path: str, facts: CodeFacts) -> bool:
    """A CI workflow whose steps run Python scripts of the repository (``python podcast.py``), none of which the run
    changed nor reaches changed code through its imports, and nothing else (no pytest, module run or app server): the
    converted code elsewhere is none of its business (held-out review 153, Y4: the podcast workflow, running a script
    kept on OpenAI, was given mistralai and MISTRAL_API_KEY because another file converted)."""
    shown = path.replace("\\", "/")
    if "/.github/workflows/" not in f"/{shown}" or facts.originals is None:
        return False
    # (anything else that may run the converted code: a test runner, a server, make / a shell script / npm, a module)
    if re.search(r"\b(?:pytest|tox|nox|uvicorn|gunicorn|streamlit|flask|make|bash|sh|zsh|npm|npx|yarn|pnpm|node|"
                 r"docker|just|invoke|poetry|uv|pipenv|hatch|pdm)\b|python[\d.]*[ \t]+-m[ \t]+(?!pip\b)|[ \t]\./",
                 text):
        return False
    scripts = _RUN_SCRIPT.findall(text)
    runs = len(re.findall(r"\bpython[\d.]*[ \t]+(?!-m[ \t]+pip\b)", text))
    if not scripts or runs != len(scripts):
        return False  # (a python command whose script is not read plainly: `python -W ignore app.py`)
    root = _served_directory(shown)
    found = []
    for script in scripts:
        candidate = posixpath.normpath(posixpath.join(root, script)) if root else posixpath.normpath(script)
        match = next((p for p in facts.texts if p.replace("\\", "/") == candidate or
                      p.replace("\\", "/").endswith("/" + candidate)), None)
        if match is None:
            return False  # a script migrator did not read (no openai in it, or elsewhere): not known
        found.append(match)
    return not facts.reaches(found, None)


def _edit_file(text: str, path: str, kind: str, facts: CodeFacts) -> _Edit:
    shown = path.replace("\\", "/")
    shape = _PLATFORM_SHAPES.get(posixpath.basename(shown))
    if kind == DEPLOY and shape is not None and not shape.search(text) and \
            not set(posixpath.dirname(shown).lower().split("/")) & DEPLOY_DIRS:  # (k8s/app.yaml is a manifest)
        return _Edit(text)
    if kind in (ENV_FILE, DEPLOY):
        # (whatever converts: such a URL is an OpenAI use of its own; held-out review 63, Y43)
        urls = _openai_url_settings(text, path, facts) if kind == ENV_FILE and ENV_RULE in facts.rules and \
            facts.target == "mistral" and not _other_language_project(path, facts) else []
        if not facts.any_converted or _other_language_project(path, facts) or not facts.serves_converted_code(path) \
                or _runs_only_unconverted(text, path, facts):
            return _Edit(text, urls)
        edit = _Edit(text, urls)
        base = posixpath.basename(shown).lower()
        shell = kind == DEPLOY and (base.endswith(SHELL_SUFFIXES + INFRA_SUFFIXES) or
                                    base in ("makefile", "gnumakefile") or base.endswith(".mk"))
        if ENV_RULE in facts.rules and facts.key_env and facts.key_env != OPENAI_KEY:
            rename = not facts.key_still_read(path)
            edit = edit_env(text, path, facts, rename) if kind == ENV_FILE else \
                edit_shell(text, path, facts, rename) if shell else edit_deploy(text, path, facts, rename)
            edit.findings[:0] = [f for f in urls if f not in edit.findings]  # (held-out review 127, X2: they were lost)
            if kind == ENV_FILE and facts.target == "mistral":
                edit.findings.extend(_spelled_key_settings(text, path, facts))
                if is_example_env(path):
                    _generic_key_placeholders(edit, path, facts)
                for match in _DIMENSION_LINE.finditer(text) if facts.dimension_vars else ():
                    if match.group(1).upper() in facts.dimension_vars:  # (held-out review 90, X6: VECTOR_DIM=3072 left)
                        edit.note(ENV_RULE, FindingKind.TODO, text.count("\n", 0, match.start()) + 1,
                                  f"{posixpath.basename(path)}: {match.group(1)}={match.group(2)} sizes vectors for "
                                  "OpenAI's embeddings, which the converted code no longer makes (mistral-embed's have "
                                  "1024 dimensions): set it to 1024 here too, and re-embed what is stored", "manual")
            if rename and kind == ENV_FILE and facts.target == "mistral" and \
                    not facts.kept_client_reads("OPENAI_LOG", facts.env_scope(path)):
                edit.findings.extend(_openai_log_settings(text, path))
        if ENV_RULE in facts.rules and shell and facts.target == "mistral":
            edit.findings.extend(_script_model_arguments(text, path))
        if ENV_RULE in facts.rules and facts.target == "mistral" and facts.key_env:
            edit.findings.extend(f for f in _handed_key_lines(edit.text, path, facts) if f not in edit.findings)
        if ENV_RULE in facts.rules and not shell:  # (a script's variables: its key's TODO only)
            step = edit_model_values(edit.text, path, facts, kind)
            edit = _Edit(step.text, edit.findings + step.findings)
        if ENV_RULE in facts.rules and facts.target == "mistral" and not shell:
            step = edit_base_url(edit.text, path, facts, kind)
            edit = _Edit(step.text, edit.findings + step.findings)
        if ENV_RULE in facts.rules and facts.target == "mistral" and \
                posixpath.basename(shown).lower() in ("action.yml", "action.yaml"):
            edit.findings.extend(_action_findings(edit.text, path, facts.key_env))

        if kind == DEPLOY and DEPENDENCY_RULE in facts.rules:
            step = edit_pip_commands(edit.text, path, facts)
            edit = _Edit(step.text, edit.findings + step.findings)
            runtime = python_runtime_conflicts(edit.text, path, facts)
            edit.findings.extend(runtime)
            edit.late.update(f.message for f in runtime)
        return edit
    if DEPENDENCY_RULE not in facts.rules:
        return _Edit(text)
    name = posixpath.basename(path.replace("\\", "/"))
    edit = _Edit(text)
    needed = set()
    examples: dict[str, list] = {}  # example directories -> the requirements only they need
    for pkg in PACKAGES:  # openai, then the wrappers a rule converts (each on the text so far)
        action = _action(facts, path, pkg)
        if action is None:
            continue
        if action.startswith(_EXAMPLES):  # the package's own code did not move: only its examples did
            # (another manifest declaring it for them: one whose code is theirs too, not a sibling project's:
            # held-out review 90, Y3, the notebooks' own TODO went because another lesson's manifest was updated)
            mine = set(facts.dependency_scope(path))
            if not any(other != path and (elsewhere := _action(facts, other, pkg)) is not None and
                       not elsewhere.startswith(_EXAMPLES) and mine & set(facts.dependency_scope(other))
                       for other in facts.manifest_texts):
                # (a requirements file this run updates declares it for them already: held-out review 78, Y6)
                examples.setdefault(action[len(_EXAMPLES):], []).append(pkg.requirement)
            continue
        needed.add(pkg.new)
        if kind == REQUIREMENTS:
            step = edit_requirements(edit.text, action, path, pkg, _compiled_from(facts, path, pkg),
                                     _autoexported(facts, path))
        elif kind == SETUP_CFG:
            step = edit_setup_cfg(edit.text, action, pkg)
        elif kind == CONDA:
            step = edit_conda(edit.text, action, pkg, name)
        elif kind in (PYPROJECT, PIPFILE):
            step = edit_toml(edit.text, action, name, pkg)
        elif kind == PYTHON and name == "setup.py":
            step = edit_setup_py(edit.text, action, pkg)
        else:
            continue
        edit = _Edit(step.text, edit.findings + step.findings)
    if _declares(text, "langchain-openai") and not _declares(edit.text, "langchain-openai") and \
            not _declares(edit.text, "openai"):
        # langchain-openai went, and with it the openai package it installed, which code kept on OpenAI under the
        # manifest still imports (held-out review 95, X2: `from openai import OpenAI` in pictures.py, a fresh install
        # then failed with ModuleNotFoundError)
        users = sorted(posixpath.relpath(p.replace("\\", "/"), posixpath.dirname(path.replace("\\", "/")) or ".")
                       for p, code in facts.dependency_scope(path).items()
                       if _imports("openai").search(code) or NEEDS_OPENAI_PACKAGE.search(code))
        at = next((i for i, line in enumerate(edit.text.splitlines(), 1) if "langchain-mistralai" in line), 1)
        lines = edit.text.splitlines(keepends=True)
        if users and kind == REQUIREMENTS and 1 <= at <= len(lines) and "langchain-mistralai" in lines[at - 1]:
            # langchain-openai installed openai>=1 for it: the same floor, written where it was (held-out review 148,
            # X4: "declare openai here", and until then the kept client failed at import)
            ending = lines[at - 1][len(lines[at - 1].rstrip("\r\n")):] or "\n"
            lines.insert(at - 1, f"{LANGCHAIN_OPENAI_OPENAI}{ending}")
            edit.text = "".join(lines)
            edit.note(DEPENDENCY_RULE, FindingKind.CONVERTED, at,
                      f"{name}: {LANGCHAIN_OPENAI_OPENAI} declared: langchain-openai, replaced, was what installed the "
                      f"openai package, which code kept on OpenAI still imports ({', '.join(users[:3])}"
                      f"{' ...' if len(users) > 3 else ''})", "approximate")
            edit.late.add(edit.findings[-1].message)
        elif users:
            edit.note(DEPENDENCY_RULE, FindingKind.TODO, at,
                      f"{name}: langchain-openai, replaced, was what installed the openai package, which code kept on "
                      f"OpenAI still needs ({', '.join(users[:3])}{' ...' if len(users) > 3 else ''}): declare "
                      "openai here (the release that code was written for)", "manual")
            edit.late.add(edit.findings[-1].message)  # (its line is the edited text's)
    governed = facts.dependency_scope(path)
    if kind in (REQUIREMENTS, PYPROJECT, PIPFILE, SETUP_CFG) and _declares(edit.text, "openai") and \
            _action(facts, path, OPENAI_PACKAGE) is None and not any(
                _imports("openai").search(code) or NEEDS_OPENAI_PACKAGE.search(code) for code in governed.values()):
        # openai declared above a sub-project whose converted code declares its own (now mistralai), and read by no code
        # this manifest governs: a deployment building from this file would get no mistralai (held-out review 133, Y2)
        directory = posixpath.dirname(path.replace("\\", "/"))
        moved = sorted(other for other in facts.manifest_texts if other != path and
                       posixpath.dirname(other.replace("\\", "/")).startswith(directory + "/" if directory else "") and
                       _action(facts, other, OPENAI_PACKAGE) == "replace")
        if moved:
            at = next((i for i, line in enumerate(edit.text.splitlines(), 1)
                       if re.match(r"^[ \t]*[\"']?openai\b(?![-_.\w])", line)), 1)
            shown = posixpath.relpath(moved[0].replace("\\", "/"), directory or ".")
            edit.note(DEPENDENCY_RULE, FindingKind.TODO, at,
                      f"{name}: openai is declared here, and no code it governs imports it; the converted code below "
                      f"declares its own dependencies ({shown}{' ...' if len(moved) > 1 else ''}: mistralai now): if "
                      f"this file installs that code too (a deployment's build), replace openai with "
                      f"{OPENAI_PACKAGE.requirement} here", "manual")
    # (langchain-openai declared beside it too, and replaced: held-out review 101, X11, openai stayed unexplained)
    if "langchain-mistralai" in needed and _declares(edit.text, "openai") and \
            not _declares(edit.text, "langchain-openai") \
            and not any(_imports("openai").search(code) or NEEDS_OPENAI_PACKAGE.search(code)
                        for code in governed.values()) and not facts.kept_client_reads(OPENAI_KEY, governed):
        # openai declared for langchain_community's OpenAI classes, which converted: nothing under the manifest
        # imports it any more (held-out review 95, X10: it stayed, unexplained); not where a use the plan leaves on
        # OpenAI reads its key (`init_chat_model("gpt-4.1")` through langchain[openai]: held-out review 96, Y1,
        # "remove it" contradicted its TODO)
        at = next((i for i, line in enumerate(edit.text.splitlines(), 1)
                   if re.match(r"^[ \t]*[\"']?openai\b(?![-_.\w])", line)), 1)
        # (an `[openai]` extra beside it installs it again, with langchain-openai: held-out review 163, X5)
        extras = [line.strip() for line in edit.text.splitlines() if _OPENAI_EXTRA.match(line)]
        shown = re.match(r"""^[ \t]*["']?([A-Za-z0-9][\w.-]*\[[^\]]*\])""", extras[0]).group(1) if extras else ""
        also = f" (and the [openai] extra of {shown}, which installs it again with langchain-openai)" if extras else ""
        edit.note(DEPENDENCY_RULE, FindingKind.TODO, at,
                  f"{name}: openai is declared here, and no code under it imports it any more (the LangChain OpenAI "
                  f"classes that needed it converted): remove it{also}, unless a library of the project uses it "
                  "itself", "manual")
        edit.late.add(edit.findings[-1].message)  # (its line is the edited text's)
    # (instructor's Mistral client, from_mistral, in the converted code under it: instructor must be 1.17 whatever its
    # pin; without it, a 0.x pin serves code left on OpenAI: held-out reviews 94 Y11, 95 Y1)
    moved = any("from_mistral" in code and _FROM_MISTRAL.search(code) for code in facts.dependency_scope(path).values())
    # (not where this file declares no mistralai and a manifest beside it declares instructor: that one serves the
    # code, a training image's requirements.txt beside requirements_eval.txt does not; held-out review 147, X6)
    directory = posixpath.dirname(path.replace("\\", "/"))
    beside = not _declares(edit.text, "mistralai") and any(
        other != path and posixpath.dirname(other.replace("\\", "/")) == directory and _declares(text_, "instructor")
        for other, text_ in facts.manifest_texts.items())
    if moved and needed and kind in (REQUIREMENTS, PYPROJECT, PIPFILE, SETUP_CFG) and not beside and \
            not _declares(edit.text, "instructor") and _builds_from_mistral(facts, path):
        # instructor.from_mistral written, and instructor not declared: an environment holding an older one (1.3
        # fails at import beside mistralai 3.7) keeps it (held-out review 97, Y5)
        edit.note(DEPENDENCY_RULE, FindingKind.TODO, 1,
                  f"{name}: the converted code builds instructor.from_mistral(...), and instructor is not declared "
                  "here: declare instructor>=1.17 (the release mistralai 3.7 needs; before 1.17 it fails at import "
                  "beside it)", "manual")
    if (kind in (REQUIREMENTS, PYPROJECT) or kind == PYTHON and name == "setup.py") and needed:
        edit = _raised_floors(edit, needed, kind, moved)
    if kind in (PYPROJECT, PIPFILE, SETUP_CFG) or (kind == PYTHON and name == "setup.py"):
        edit = _lost_extras(text, edit, name)  # (requirements files: _edit_requirement_lines)
    if kind in (REQUIREMENTS, PYPROJECT, PIPFILE, SETUP_CFG) and any(_action(facts, path, pkg) == "add"
                                                                      for pkg in PACKAGES):
        edit = _type_imports_keep(edit, path, name, facts)
    for where, requirements in examples.items():
        edit.note(DEPENDENCY_RULE, FindingKind.TODO, 1,
                  f"{name}: only converted code in {where} needs {', '.join(dict.fromkeys(requirements))}, not "
                  "the package's own: not added to the package's dependencies; declare it where " + (
                      "the tests' dependencies are (a test or dev extra, say)" if _tests_only(where) else
                      "those examples list theirs" + (" (a %pip install cell, say)" if ".ipynb" in where else "")),
                  "manual")
    for pkg in [p for p in PACKAGES if not p.bundle]:  # (one per new distribution)
        if any(pkg.requirement in requirements for requirements in examples.values()):
            continue  # only examples need it, and the TODO above says so (held-out review 51, M1: it was added too)
        added = _undeclared(edit, path, kind, name, facts, pkg)
        if added is not edit:
            needed.add(pkg.new)
        edit = added
    if edit.text != text:
        late = _v1_settings(pin_conflicts(text, edit.text, kind, name, frozenset(needed), moved), path, facts) + \
            stale_locks(path, kind, name, needed, text) + \
            (_setup_py_python(text, edit.text, path) if kind == REQUIREMENTS else [])
        if "langchain-mistralai" in needed and not _declares(text, "langchain-mistralai"):
            late += _legacy_langchain_modules(path, name, facts)
        edit.findings.extend(late)
        edit.late.update(f.message for f in late)  # lines of the edited text
    elif needed:  # declared already: its pin may still be one the converted code cannot run with
        edit.findings.extend(_v1_settings(pin_conflicts(text, text, kind, name, frozenset(needed), moved), path, facts))
    return edit


def _v1_settings(findings: list, path: str, facts: CodeFacts) -> list:
    """``findings`` with the pydantic pin's TODO naming the modules under the manifest that import pydantic 1's
    BaseSettings, which pydantic 2 moved to pydantic-settings (held-out review 118, X2: following the TODO, the app
    failed at import with PydanticImportError)."""
    if not any("pydantic is pinned to" in f.message for f in findings):
        return findings
    directory = posixpath.dirname(path.replace("\\", "/"))
    users = sorted(posixpath.relpath(p.replace("\\", "/"), directory or ".")
                   for p, code in facts.dependency_scope(path).items() if PYDANTIC_V1_SETTINGS.search(code))
    if not users:
        return findings
    note = (f"; pydantic 2 moved BaseSettings to the pydantic-settings package: `from pydantic import BaseSettings` in "
            f"{', '.join(users[:3])}{' ...' if len(users) > 3 else ''} becomes `from pydantic_settings import "
            "BaseSettings` (declare pydantic-settings)")
    return [dataclasses.replace(f, message=f.message + note) if "pydantic is pinned to" in f.message else f
            for f in findings]


_OPENAI_TYPES_IMPORT = re.compile(r'(?:^|;)[ \t]*"?from[ \t]+openai\.types\b', re.MULTILINE)
_OPENAI_LINE = re.compile(r"""^\s*(?:["']?openai\s*(?:[\[<>=!~;,"'\s#]|$)|openai\s*=)""", re.IGNORECASE)
# (a TOML array on one line: `dependencies = ["openai>=1.40"]`; held-out review 86, X9)
_QUOTED_OPENAI = re.compile(r"""["']openai\s*(?:\[[^\]]*\]\s*)?(?:[<>=!~;,"'])""", re.IGNORECASE)


# a requirement of the manifest that installs openai itself (openai-agents, langchain-openai, llama-index-llms-openai)
_OPENAI_DEPENDENT = re.compile(r"""^\s*["']?(?:[\w.]+[-_.])?openai[-_.][\w.-]+|^\s*["']?[\w.-]+[-_.]openai\b""",
                               re.MULTILINE | re.IGNORECASE)


def _dimension_vars(plan, texts: dict) -> frozenset:  # (``texts``: the modules as they were read)
    """The names (upper-cased) of the settings fields and environment variables in the statements where the plan
    flagged an OpenAI vector size (``VECTOR_DIM: int = 3072``, ``int(os.getenv("EMBED_DIM", "1536"))``): an env file
    giving them a value sizes the same vectors."""
    import ast

    found = set()
    for path, spans in (getattr(plan, "dimensions", None) or {}).items():
        text = texts.get(path)
        if not spans or text is None or path.endswith(".ipynb"):
            continue
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError, RecursionError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.stmt) and (node.lineno, node.col_offset, node.end_lineno, node.end_col_offset) \
                    in spans:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
                    if isinstance(node, ast.AnnAssign) else []
                found.update(t.id.upper() for t in targets if isinstance(t, ast.Name))
                found.update(sub.args[0].value.upper() for sub in ast.walk(node) if isinstance(sub, ast.Call) and
                             sub.args and isinstance(sub.args[0], ast.Constant) and isinstance(sub.args[0].value, str)
                             and (getattr(sub.func, "attr", "") or getattr(sub.func, "id", "")) in ("getenv", "get"))
    return frozenset(found)


_DIMENSION_LINE = re.compile(r"""^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*["']?"""
                             r"""(1536|3072|512|256)["']?[ \t]*(?:#.*)?$""", re.MULTILINE)


def _type_imports_keep(edit: _Edit, path: str, name: str, facts: CodeFacts) -> _Edit:
    """A TODO on the kept openai requirement where every module under it that still imports openai imports only its
    response types (``from openai.types import Embedding``, unused or an annotation): they make no OpenAI call, yet
    they alone keep openai installed (held-out review 78, X5: the pin stayed beside mistralai, and nothing said why)."""
    found = _imports("openai")
    if _OPENAI_DEPENDENT.search(edit.text):
        return edit  # (openai-agents, a kept langchain-openai, ... install openai anyway: held-out review 89, Y13)
    scope = facts.dependency_scope(path)
    importers = {p: code for p, code in scope.items() if found.search(code)}
    if any("import *" in code and _STAR_OPENAI_READ.search(code) and not found.search(code) for code in scope.values()):
        return edit  # (`from helper import *` then `openai.api_key = ...`: the import serves it; held-out 125, Y3)
    if any(p in facts.unconverted for p in importers):
        return edit  # (a module the run failed on or left: its OpenAI code keeps openai, held-out review 120, X2)
    if importers and facts.kept_client_reads(OPENAI_KEY, importers):
        return edit  # (a library there runs on OpenAI with its key, crewAI's default agents: held-out review 122, Y2)
    if not importers or any(len(found.findall(code)) != len(_OPENAI_TYPES_IMPORT.findall(code)) +
                            _unused_plain_imports(code) or NEEDS_OPENAI_PACKAGE.search(code)
                            for code in importers.values()):
        return edit
    # (the line in the edited text, said late: the comment goes above it there)
    lines = edit.text.splitlines()
    line = next((i for i, line in enumerate(lines, 1) if _OPENAI_LINE.match(line)), None) or \
        next((i for i, line in enumerate(lines, 1) if _QUOTED_OPENAI.search(line.split("#", 1)[0])), None)
    if line is None:
        return edit
    here = posixpath.dirname(path.replace("\\", "/")) or "."
    found_in = importers
    importers = sorted(posixpath.relpath(p.replace("\\", "/"), here) for p in importers)
    shown = ", ".join(importers[:3]) + (f" and {len(importers) - 3} more" if len(importers) > 3 else "")
    edit.note(DEPENDENCY_RULE, FindingKind.TODO, line,
              (f"{name}: openai stays only because {shown} import{'s' if len(importers) == 1 else ''} it (its "
               "types, from openai.types ..., or an `import openai` nothing reads but a setting its TODO says to "
               "remove), which makes no OpenAI call: drop "
               "those imports (or use Mistral's types: mistralai.client.models), then remove openai")
              if any(_unused_plain_imports(code) for code in found_in.values()) else
              f"{name}: openai stays only because {shown} import{'s' if len(importers) == 1 else ''} its types "
              "(from openai.types ...), which make no OpenAI call: drop those imports (or use Mistral's types: "
              "mistralai.client.models), then remove openai", "manual")
    edit.late.add(edit.findings[-1].message)
    return edit


_PLAIN_OPENAI_IMPORT = re.compile(r"^[ \t]*import[ \t]+openai[ \t]*(?:#.*)?$", re.MULTILINE)
# a read of the openai module in code (``openai.api_key = ...``), which a star import may bring
_STAR_OPENAI_READ = re.compile(r"(?<![\w.])openai\.\w")


def _unused_plain_imports(code: str) -> int:
    """How many ``import openai`` lines a module whose code names openai nowhere else has (0 where it does: a read,
    a string; held-out review 85, Y11: such an import alone kept openai declared, silently)."""
    plain = len(_PLAIN_OPENAI_IMPORT.findall(code))
    if not plain:
        return 0
    rest = _PLAIN_OPENAI_IMPORT.sub("", code).splitlines()
    # `openai.api_key = ...` under MIG101's TODO saying no call uses the module's client any more: a setting to
    # remove with the import (held-out review 124, Y10: openai==1.11.1 stayed declared beside mistralai, silently)
    rest = [line for index, line in enumerate(rest) if not (
        index and _DEAD_MODULE_SETTING in rest[index - 1] and re.match(r"[ \t]*openai\.\w+[ \t]*=[^=]", line))]
    rest = "\n".join(line.split("#", 1)[0] for line in rest)
    return 0 if re.search(r"\bopenai\b", rest) else plain


# MIG101's TODO above a setting of the openai module's own client that no call uses (codemods.client_constructor)
_DEAD_MODULE_SETTING = "configures the openai module's own client, which no call uses any more"


def _upgrade_advice(kind: str, text: str, dist: str) -> str:
    """How the project's own tool moves its lock to a newer ``dist`` (held-out review 67, Y6: uv was named in a
    Poetry project)."""
    if kind == PYPROJECT and "[tool.poetry" in text:
        return f"Poetry: `poetry update {dist}`"
    if kind == PIPFILE:
        return f"pipenv: `pipenv update {dist}`"
    return f"uv: `uv lock --upgrade-package {dist}`; pip: `pip install -U {dist}`"


def _raised_floors(edit: _Edit, needed: set, kind: str = REQUIREMENTS, instructor_moved: bool = True) -> _Edit:
    """``instructor>=1.3`` (a floor alone) below what the added package needs of a distribution the resolver does not
    hold to it (UNENFORCED_NEEDS): the floor is raised to the need, one token as the openai line's (held-out review
    66, Y6: a TODO said to do it); in a pyproject, a PEP 621 ``"instructor>=1.3",`` and a Poetry ``instructor =
    "^1.3"`` / ``">=1.3"`` line too (review 67, Y6). A lock file still holds the old release: stale_locks says so."""
    if kind == PYTHON:
        return _raised_setup_floors(edit, needed)
    lines = edit.text.splitlines(keepends=True)
    findings = list(edit.findings)
    for pkg in PACKAGES:
        if pkg.new not in needed:
            continue
        for dist, need, why in pkg.needs:
            if dist not in UNENFORCED_NEEDS or not need.startswith(">="):
                continue
            name = re.escape(dist)
            floors = [re.compile(rf"^(\s*{name}\s*)(>=)\s*([\d.]+)(\s*(?:#.*)?\r?\n?)$", re.IGNORECASE)] \
                if kind == REQUIREMENTS else [
                    re.compile(rf"""^(\s*["']{name}\s*)(>=)\s*([\d.]+)(["']\s*,?\s*(?:#.*)?\r?\n?)$""",
                               re.IGNORECASE),
                    re.compile(rf"""^(\s*{name}\s*=\s*["'])(\^|>=)\s*([\d.]+)(["']\s*(?:#.*)?\r?\n?)$""",
                               re.IGNORECASE)]
            bare = re.compile(rf"^(\s*{name})(\s*(?:#.*)?\r?\n?)$", re.IGNORECASE) if kind == REQUIREMENTS else None
            # in a pyproject's dependency array, `"instructor"` alone (or Poetry's `instructor = "*"`): uv / pip
            # keep the locked or installed older release (held-out review 94, Y2: uv.lock's instructor 1.8.3)
            listed = _dependency_array_lines(lines) if kind == PYPROJECT else set()
            quoted = re.compile(rf"""((?:^|[\[,])\s*)(["']){name}\2(?=\s*(?:[,\]]|#|$))""", re.IGNORECASE)
            starred = re.compile(rf"""^(\s*{name}\s*=\s*)(["'])\*\2""", re.IGNORECASE)
            for index, line in enumerate(lines):
                unpinned = bare.match(line) if bare is not None else None
                if unpinned is not None:
                    # `instructor` alone: an environment holding an older release keeps it (held-out review 92, Y7:
                    # the pinned twin was raised, the bare line left)
                    lines[index] = f"{unpinned.group(1)}{need}{unpinned.group(2)}"
                    findings.append(Finding(DEPENDENCY_RULE, FindingKind.CONVERTED, index + 1,
                                            f"{dist} -> {dist}{need} ({why})", "exact"))
                    continue
                if kind == PYPROJECT:
                    raised = quoted.sub(lambda m: f"{m.group(1)}{m.group(2)}{dist}{need}{m.group(2)}",
                                        line.rstrip("\r\n"), count=1) if index in listed else \
                        starred.sub(lambda m: f"{m.group(1)}{m.group(2)}{need}{m.group(2)}", line.rstrip("\r\n"),
                                    count=1)
                    if raised != line.rstrip("\r\n"):
                        lines[index] = raised + line[len(line.rstrip("\r\n")):]
                        findings.append(Finding(DEPENDENCY_RULE, FindingKind.CONVERTED, index + 1,
                                                f"{dist} -> {dist}{need} ({why})", "exact"))
                        continue
                match = next((m for m in (floor.match(line) for floor in floors) if m), None)
                if match and not instructor_moved and dist == "instructor" and match.group(3).startswith("0."):
                    continue  # (a 0.x instructor serving code left on OpenAI: held-out review 94, Y11)
                wanted = _interval(need)
                declared = _interval(">=" + match.group(3)) if match else None
                if not (declared and wanted and declared[0] is not None and wanted[0] is not None and
                        declared[0] < wanted[0]):
                    continue  # (no floor alone, or one the need admits)
                operator = match.group(2)
                lines[index] = f"{match.group(1)}{operator}{need[2:]}{match.group(4)}"
                findings.append(Finding(DEPENDENCY_RULE, FindingKind.CONVERTED, index + 1,
                                        f"{dist} {operator}{match.group(3)} -> {operator}{need[2:]} ({why})", "exact"))
    text = "".join(lines)
    return edit if text == edit.text else _Edit(text, findings)


def _raised_setup_floors(edit: _Edit, needed: set) -> _Edit:
    """``_raised_floors`` for setup.py: a string of its ``install_requires=[...]`` / ``extras_require={...}`` values
    naming a distribution the resolver does not hold to what the added package needs (``"instructor"`` alone, or a
    floor below the need) is raised in place, as a requirements file's line is (held-out review 155, Y3: setup.py
    kept a bare instructor beside requirements.txt's raised one)."""
    try:
        tree = ast.parse(edit.text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return edit
    lists = [node.value for node in ast.walk(tree) if isinstance(node, ast.keyword) and node.arg == "install_requires"]
    lists += [value for node in ast.walk(tree) if isinstance(node, ast.keyword) and node.arg == "extras_require" and
              isinstance(node.value, ast.Dict) for value in node.value.values]  # (an extra's name is no requirement)
    strings = [value for held in lists if isinstance(held, (ast.List, ast.Tuple)) for value in held.elts
               if isinstance(value, ast.Constant) and isinstance(value.value, str) and value.lineno == value.end_lineno]
    lines = edit.text.splitlines(keepends=True)
    findings = list(edit.findings)
    changed = False
    for string in sorted(strings, key=lambda n: (n.lineno, -n.col_offset)):  # (right to left within a line)
        requirement = re.fullmatch(r"\s*([A-Za-z0-9][\w.-]*)\s*(?:>=\s*([\d.]+))?\s*", string.value)
        if requirement is None:
            continue
        for pkg in PACKAGES:
            need_of = {dist: (need, why) for dist, need, why in pkg.needs
                       if dist in UNENFORCED_NEEDS and need.startswith(">=")} if pkg.new in needed else {}
            found = need_of.get(canonical(requirement.group(1)))
            if found is None:
                continue
            need, why = found
            floor = _interval(">=" + requirement.group(2)) if requirement.group(2) else None
            wanted = _interval(need)
            if floor is not None and not (floor[0] is not None and wanted and wanted[0] is not None and
                                          floor[0] < wanted[0]):
                break  # (a floor the need admits)
            line = lines[string.lineno - 1]
            start, end = _utf8_columns(line, string.col_offset, string.end_col_offset)
            opened = _STRING_OPENING.match(line[start:end])
            if opened is None:
                break
            head = line[start:start + opened.end()]  # (a prefix, `u"instructor"`, stays: review of session 85)
            lines[string.lineno - 1] = f"{line[:start]}{head}{requirement.group(1)}{need}{opened.group(1)}{line[end:]}"
            findings.append(Finding(DEPENDENCY_RULE, FindingKind.CONVERTED, string.lineno,
                                    f"{string.value.strip()} -> {requirement.group(1)}{need} ({why})", "exact"))
            changed = True
            break
    return _Edit("".join(lines), findings) if changed else edit


_STRING_OPENING = re.compile(r"[A-Za-z]*(\"\"\"|'''|\"|')")  # a string literal's prefix and quote


def _utf8_columns(line: str, start: int, end: int) -> tuple[int, int]:
    """ast's UTF-8 byte columns of ``line`` as character indexes."""
    data = line.encode("utf-8")
    return len(data[:start].decode("utf-8", "replace")), len(data[:end].decode("utf-8", "replace"))


def _dependency_array_lines(lines: list) -> set:
    """The indexes of a pyproject's lines inside a dependency array: ``dependencies = [...]`` (PEP 621, uv's
    ``dev-dependencies``), any array of ``[project.optional-dependencies]`` / ``[dependency-groups]``."""
    out, section, depth = set(), "", 0
    for index, line in enumerate(lines):
        code = line.split("#", 1)[0]
        header = re.match(r"^\s*\[([^\[\]]+)\]\s*$", code)
        if header and not depth:
            section = header.group(1).strip()
            continue
        opened = re.match(r"^\s*([\w.\"'-]+)\s*=\s*\[", code)
        if not depth and opened and (opened.group(1).strip("\"'") in ("dependencies", "dev-dependencies") or
                                     section in ("project.optional-dependencies", "dependency-groups")):
            depth = 1
            code = code[opened.end():]
            out.add(index)
        elif depth:
            out.add(index)
        if depth:
            depth += code.count("[") - code.count("]")
            depth = max(depth, 0)
    return out


# (a parenthesised import over several lines too: held-out review 93, X3, `from langchain.prompts import (` was missed)
_LANGCHAIN_FROM = re.compile(r"^[ \t]*from[ \t]+(langchain(?:\.[\w.]+)?|langchain_core\.pydantic_v1)[ \t]+import[ \t]+"
                             r"(\([^)]*\)|[\w, \t]+)", re.MULTILINE)


# a retriever's methods langchain-core 1.x removed (BaseRetriever has invoke / ainvoke)
_GONE_RETRIEVER_CALL = re.compile(r"\.(a?get_relevant_documents)\(")
# a requirement of LangChain 1.x or later (`langchain>=1.2.13`, `langchain-core = "^1.0"`, `langchain==1.0.3`)
_LANGCHAIN_1_REQUIREMENT = re.compile(r"""(?im)(?:^|[\[,])\s*["']?(langchain(?:-core)?\s*["']?\s*(?:=\s*["']?)?"""
                                      r"""(?:>=|==|~=|\^)\s*[1-9][0-9]*\.[0-9.*]*)""")


def _legacy_langchain_modules(path: str, name: str, facts: CodeFacts) -> list[Finding]:
    """langchain-mistralai 1.x, added to a manifest, brings LangChain 1.x: the modules under it that import a path
    LangChain 1.x no longer has (``from langchain.agents import Tool``) and that no rule touched (MIG116 says so in
    the modules it converts) break at import; one TODO names them (held-out review 51, M2)."""
    from migrator.mapping.langchain import legacy_homes
    from migrator.plan.langchain import gone_in_langchain_1

    directory = posixpath.dirname(path.replace("\\", "/"))
    found: list[str] = []
    imports: list = []
    methods: list = []  # the retriever methods 1.x removed, called under the manifest
    # (on disk only in a run, which knows the files it changed: the modules naming no openai were not read)
    modules = _python_files_under(directory) if facts.originals is not None else list(facts.scope(path))
    for module in modules:
        if module is None:
            return []  # too many files to read: as before
        text = facts.texts.get(module) or facts.texts.get(module.removeprefix("./"))
        # converted: its own MIG116 TODO names its imports (a module whose LangChain object stays does not: held-out
        # review 52, O1), not its retriever calls
        told = text is not None and "LangChain paths before 1.0" in text
        if text is None:
            try:
                with open(module, encoding="utf-8", errors="replace") as handle:
                    text = handle.read()
            except OSError:
                continue
        if "langchain" not in text:
            continue
        for match in _GONE_RETRIEVER_CALL.finditer(text):
            # `retriever.get_relevant_documents(q)`: gone from langchain-core 1.x's retrievers (held-out review 117, X4:
            # the app's only query path raised AttributeError once its imports were fixed)
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{posixpath.relpath(module, directory or '.')}:{line} (.{match.group(1)}(...))")
            methods.append(match.group(1))
        for match in () if told else _LANGCHAIN_FROM.finditer(text):
            listed = re.sub(r"#[^\n]*", "", match.group(2)).strip("()")
            names = [n.strip().split()[0] for n in listed.split(",") if n.strip()]
            if names and gone_in_langchain_1(match.group(1), names):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{posixpath.relpath(module, directory or '.')}:{line} ({', '.join(names)} from "
                             f"{match.group(1)})")
                imports.append((match.group(1), names))
    if not found:
        return []
    # every such import, not each module's first (held-out review 73, Y2: the list read as complete)
    shown = "; ".join(found[:5]) + (f" and {len(found) - 5} more" if len(found) > 5 else "")
    what = ("pre-1.0 paths and retriever methods these modules use" if imports else
            "retriever methods these modules call") if methods else "pre-1.0 paths these modules import"
    fix = "; ".join(([f"import {legacy_homes(imports)}"] if imports else []) +
                    (["call the retrievers' .invoke(query) / .ainvoke(query)"] if methods else []))
    declared = _LANGCHAIN_1_REQUIREMENT.search(facts.manifest_texts.get(path, "") or "")
    if declared:
        # the project is on LangChain 1.x already (`langchain>=1.2.13`): those imports fail with or without the
        # migration, and no older langchain-mistralai fits it (held-out review 114, Y4)
        requirement = re.sub(r"[\"' ]", "", declared.group(1))
        return [Finding(DEPENDENCY_RULE, FindingKind.TODO, 1,
                        f"{name}: the project already requires LangChain 1.x ({requirement}), which no longer has the "
                        f"{what}: {shown}: {fix} (they fail with "
                        "or without this migration)", "manual")]
    return [Finding(DEPENDENCY_RULE, FindingKind.TODO, 1,
                    f"{name}: langchain-mistralai 1.x brings LangChain 1.x (langchain-core >= 1.4.7), which no longer "
                    f"has the {what}: {shown}: {fix} (or pin "
                    "the langchain-mistralai release that matches your langchain-core)", "manual")]


# The lock files a manifest's tool writes beside it, and the command that brings one up to date.
LOCKS = {PYPROJECT: (("poetry.lock", "`poetry lock` (Poetry 1.x: `poetry lock --no-update`)"),
                     ("uv.lock", "`uv lock`"), ("pdm.lock", "`pdm lock --update-reuse`")),
         PIPFILE: (("Pipfile.lock", "`pipenv lock`"),)}


def stale_locks(path: str, kind: str, name: str, added: Iterable[str] = (), text: str = "") -> list[Finding]:
    """A TODO for each lock file beside an edited manifest: it no longer matches (held-out review 7,
    D3: Poetry 1.8+ refuses `poetry install` with a stale poetry.lock, older Poetry installs the locked
    set without mistralai, `pipenv install --deploy` refuses a stale Pipfile.lock). ``added``: the distributions the
    edit added (held-out review 88, X11: "leave mistralai out" was said where langchain-mistralai was added).
    ``text``: the manifest as it was (the packages it declares, whose locked requirements may cap what the added ones
    need: ``_locked_caps``)."""
    directory = os.path.dirname(path)
    added = tuple(added)
    shown = " and ".join(sorted(added)) or "mistralai"
    found = [Finding(DEPENDENCY_RULE, FindingKind.TODO, 1,
                     f"{name} changed, and {lock} beside it no longer matches: run {command} and commit it "
                     f"(installs from the old lock fail or leave {shown} out)"
                     + "".join(_locked_caps(os.path.join(directory, lock), added, text, name)), "manual")
             for lock, command in LOCKS.get(kind, ()) if os.path.isfile(os.path.join(directory, lock))]
    root = _uv_workspace_root(directory) if kind == PYPROJECT and not found else None
    if root is not None:
        # a uv workspace member: its lock is the workspace's, at the root (held-out review 75, Y4: `uv sync --locked`
        # failed and `uv sync --frozen` installed the old set, without mistralai)
        where = os.path.relpath(os.path.join(root, "uv.lock"), directory).replace("\\", "/")
        found.append(Finding(DEPENDENCY_RULE, FindingKind.TODO, 1,
                             f"{name} changed, and the uv lock that records it ({where}: a workspace's, or that of "
                             "a project depending on it by path) no longer matches: run `uv lock` there and commit it "
                             f"(installs from the old lock fail or leave {shown} out)", "manual"))
    return found


def _locked_caps(lock: str, added: tuple, text: str, name: str) -> list[str]:
    """Clauses for the stale-lock TODO: each package ``text`` (the manifest) declares whose release poetry.lock records
    requires a dependency below what an added distribution needs (quart-sqlalchemy 2.0.0's `anyio = ">=3.3.4,<3.4.0"`,
    mistralai 3.7 needing anyio>=4.10 through httpx2): `poetry lock` finds a set only if a release of it that the
    manifest admits takes the need (held-out review 154, Y2: "run `poetry lock`", which then failed)."""
    from migrator.mapping.packages import NO_RELEASE

    if not text or not added or os.path.basename(lock) != "poetry.lock":
        return []
    needs: dict = {}
    for pkg in PACKAGES:
        if pkg.new in added:
            for dist, need, why in pkg.needs:
                if need != NO_RELEASE:
                    needs.setdefault(canonical(dist), (need, why))
    if not needs:
        return []
    try:
        with open(lock, encoding="utf-8") as handle:
            locked = _toml_loads(handle.read()).get("package", [])
    except (OSError, ValueError, UnicodeDecodeError):
        return []
    said = []
    for package in locked if isinstance(locked, list) else []:
        holder = package.get("name") if isinstance(package, dict) else None
        if not isinstance(holder, str) or canonical(holder) in needs or not _declares(text, holder):
            continue
        requires = package.get("dependencies")
        for dependency, spec in (requires.items() if isinstance(requires, dict) else ()):
            wanted = needs.get(canonical(dependency))
            if isinstance(spec, dict) and (spec.get("optional") or spec.get("markers")):
                continue  # (an extra not asked for, or a requirement only some Pythons / platforms have)
            spec = spec.get("version") if isinstance(spec, dict) else spec
            if wanted is None or not isinstance(spec, str):
                continue
            allowed, need = _interval(spec, True), _interval(wanted[0])
            if allowed is None or need is None or not (allowed is False or _disjoint(allowed, need)):
                continue
            said.append(f"; and the locked {holder} {package.get('version', '')} requires {dependency} {spec}, while "
                        f"{wanted[1].removesuffix(' (pip cannot install both)')}: the lock resolves only if a "
                        f"{holder} release that {name} admits takes {dependency}{wanted[0]} (else raise {holder}'s "
                        "constraint, or drop it)")
    return said


def _uv_workspace_root(directory: str) -> str | None:
    """The directory above ``directory`` holding a uv workspace (``[tool.uv.workspace]`` in its pyproject.toml, its
    uv.lock beside it) whose members include ``directory``; else None."""
    import fnmatch

    here = os.path.abspath(directory or ".")
    parent = os.path.dirname(here)
    for _ in range(6):
        if parent == here:
            return None
        manifest = os.path.join(parent, "pyproject.toml")
        if os.path.isfile(manifest) and os.path.isfile(os.path.join(parent, "uv.lock")):
            try:
                with open(manifest, encoding="utf-8") as handle:
                    uv = _toml_loads(handle.read()).get("tool", {}).get("uv", {})
            except (OSError, ValueError):
                return None
            workspace = uv.get("workspace", {}) if isinstance(uv, dict) else {}
            member = os.path.relpath(os.path.abspath(directory or "."), parent).replace("\\", "/")
            matches = [fnmatch.fnmatch(member, str(glob).rstrip("/")) for glob in workspace.get("members", [])]
            excluded = [fnmatch.fnmatch(member, str(glob).rstrip("/")) for glob in workspace.get("exclude", [])]
            # a path dependency of the root project (`[tool.uv.sources] backend = {path = "backend"}`): its lock
            # records the member's requirements too (held-out review 87, Y10)
            sources = uv.get("sources", {}) if isinstance(uv, dict) else {}
            pathed = any(isinstance(source, dict) and isinstance(source.get("path"), str) and
                         posixpath.normpath(source["path"].replace("\\", "/")) == posixpath.normpath(member)
                         for source in (sources.values() if isinstance(sources, dict) else ()))
            return parent if (any(matches) and not any(excluded)) or pathed else None
        here, parent = parent, os.path.dirname(parent)
    return None


def _other_language_project(path: str, facts: CodeFacts) -> bool:
    """Is ``path`` in a directory of a JavaScript project (package.json beside it) with no Python code of
    the run under it? Its env template is that app's, which reads OPENAI_API_KEY itself (held-out review 8,
    D6: a Next.js UI's .env.example lost the variable its route still read)."""
    directory = os.path.dirname(path)
    if not directory:
        return False
    prefix = directory.replace("\\", "/").rstrip("/") + "/"
    if any(p.replace("\\", "/").startswith(prefix) for p in facts.texts):
        return False
    # (or, without a package.json, JavaScript / TypeScript under it reading the key: held-out review 165, X1, a
    # frontend/services/search.ts reading process.env.OPENAI_API_KEY lost it in frontend/.env.sample)
    return os.path.isfile(os.path.join(directory, "package.json")) or _js_reading_key(directory)


_JS_SUFFIXES = (".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx")


def _js_reading_key(directory: str, limit: int = 2000) -> bool:
    """Does JavaScript / TypeScript under ``directory`` (node_modules aside) name OPENAI_API_KEY?"""
    seen = 0
    for root, dirnames, filenames in os.walk(directory):
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and d not in ("node_modules", "dist", "build")]
        for name in filenames:
            if not name.endswith(_JS_SUFFIXES):
                continue
            seen += 1
            if seen > limit:
                return False
            problem, _, data = read_regular(os.path.join(root, name), 1_000_000)
            if not problem and OPENAI_KEY.encode() in data:
                return True
    return False


_INCLUDE = re.compile(r"^[ \t]*(?:-r|--requirement)(?:[ \t]*=?[ \t]*)(?P<file>[^\s#]+)", re.MULTILINE)


def included_requirements(path: str, text: str, known: dict, depth: int = 0) -> Iterator[tuple[str, str]]:
    """(path, text) of each requirements file ``text`` (at ``path``) includes (``-r base.txt``), followed
    through their own includes; ``known``: texts already read, by normalised path (others are read from disk)."""
    if depth > 5:
        return
    for match in _INCLUDE.finditer(text):
        included = os.path.normpath(os.path.join(os.path.dirname(path), match.group("file")))
        body = known.get(included)
        if body is None:
            try:
                with open(included, encoding="utf-8", errors="replace") as handle:
                    body = handle.read(1_000_000)
            except OSError:
                continue
        yield included, body
        yield from included_requirements(included, body, known, depth + 1)


def _included_declares(path: str, text: str, facts: CodeFacts, names: tuple) -> bool:
    """Does a requirements file ``text`` includes (``-r base.txt``, followed through its own includes)
    declare one of ``names``? The included file gets the requirement; the includer needs none (held-out
    review 8, D4: mistralai went to the root requirements.txt as well as to requirements/base.txt)."""
    known = {os.path.normpath(other): other_text for other, other_text in facts.manifest_texts.items()}
    return any(_declares(body, name) for _, body in included_requirements(path, text, known) for name in names)


def _builds_from_mistral(facts: CodeFacts, path: str) -> bool:
    """Does code the manifest at ``path`` governs by place (under its directory, or beside a ``requirements/``
    directory), not by the fallback to all code, build instructor.from_mistral? (held-out review 101, Y4: a
    generated sub-project's requirements.txt, beside code the run did not read, was told to declare instructor)"""
    directory = posixpath.dirname(path.replace("\\", "/"))
    served = posixpath.dirname(directory) if posixpath.basename(directory) == "requirements" else directory
    return any("from_mistral" in code and _FROM_MISTRAL.search(code) for code in _own_code(facts, served).values())


def _own_code(facts: CodeFacts, directory: str) -> dict:
    """The code of the run under ``directory`` that no deeper manifest governs (no fallback to all code)."""
    nested = {posixpath.dirname(m.replace("\\", "/")) for m in facts.manifests}
    nested = {d for d in nested if d != directory and (not directory or d.startswith(directory + "/"))}
    return {p: t for p, t in facts.texts.items()
            if (not directory or p.replace("\\", "/").startswith(directory + "/"))
            and not any(p.replace("\\", "/").startswith(d + "/") for d in nested)}


def _undeclared(edit: _Edit, path: str, kind: str, name: str, facts: CodeFacts, pkg: Package = OPENAI_PACKAGE
                ) -> _Edit:
    """The converted code imports ``pkg.new_module`` (mistralai, langchain_mistralai, ...), and no manifest of
    this directory declares it or what it replaces (openai came through langchain-openai, or was never
    declared): a ``requirements.txt`` gets the requirement, so does a pyproject.toml's ``[project].dependencies``
    or ``[tool.poetry.dependencies]`` (held-out review 8); another manifest with dependencies gets a TODO
    (held-out review 6: ModuleNotFoundError at start-up; review 39, Q1: langchain-mistralai was not added
    where neither langchain-openai nor langchain was declared, though mistralai was)."""
    if _action(facts, path, pkg) is None:
        return edit
    if kind == REQUIREMENTS and docs_requirements(facts.manifest_texts.get(path, edit.text)):
        return edit  # it builds the docs, and runs no code (held-out review 109, Y3: CI's Python 3.7 could not install it)
    names = {p.old for p in PACKAGES if p.new == pkg.new} | {pkg.new}
    directory = posixpath.dirname(path.replace("\\", "/"))
    beside = False  # a requirements file beside this Pipfile declares it (pipenv reads the Pipfile only)
    for other, text in {**facts.manifest_texts, path: edit.text}.items():
        if posixpath.dirname(other.replace("\\", "/")) == directory and any(_declares(text, n) for n in names):
            # (not a pyproject.toml: its package's dependencies, beside a requirements file the examples install;
            # held-out review 78, Y6)
            if kind == PIPFILE and other != path and file_kind(other) == REQUIREMENTS:
                # (held-out review 101, Y1: requirements.txt got mistralai, the Pipfile `pipenv install` reads did not)
                beside = True
                continue
            if kind == PYPROJECT and other != path and file_kind(other) == REQUIREMENTS and \
                    not (_action(facts, path, pkg) or "").startswith(_EXAMPLES):
                # the package's own code converted (not its examples): `uv run` / `pip install .` install from the
                # pyproject.toml, not from the frozen requirements file beside it (held-out review 110, Y1:
                # ModuleNotFoundError under `uv run`)
                beside = True
                continue
            return edit
    if kind == REQUIREMENTS and _included_declares(path, edit.text, facts, tuple(sorted(names))):
        return edit
    for other, text in facts.manifest_texts.items():  # a manifest above it declares them: the code is covered
        above = posixpath.dirname(other.replace("\\", "/"))
        if above != directory and (not above or directory.startswith(above + "/")) and \
                (_declares(text, pkg.new) or any(_declares(text, n) for n in names) and
                 _action(facts, other, pkg) is not None):
            # (not where it declares only what the package replaces and the run leaves it so: held-out review 156, Y2,
            # the root requirements.txt kept openai==1.50.0 and Dspy/requirement.txt got no mistralai)
            return edit
    # (requirements/base.txt serves the code beside its directory)
    served = posixpath.dirname(directory) if posixpath.basename(directory) == "requirements" else directory
    if not any(_imports(pkg.new_module).search(text) for text in _own_code(facts, served).values()):
        return edit  # no converted code under it: a sub-project's own manifest (held-out review 9, D5)
    from migrator.plan.build import is_test_path

    users = [p for p, text in _own_code(facts, served).items() if _imports(pkg.new_module).search(text)]
    if kind == REQUIREMENTS and users and all(is_test_path(p) for p in users):
        # only tests (a scratch script under tests/) import it, and the app's requirements never declared openai:
        # adding it there installs it, and its pins' conflicts, for an app that does not use it (held-out review 135,
        # X4: the bot's idna==3.7 could no longer be installed)
        shown = ", ".join(sorted({posixpath.relpath(p.replace("\\", "/"), directory or ".") for p in users})[:3])
        return _Edit(edit.text, edit.findings + [Finding(
            DEPENDENCY_RULE, FindingKind.TODO, 1,
            f"{name}: only tests ({shown}) import {pkg.new_module} now, and this file never declared {pkg.old}: "
            f"not added here; install {pkg.requirement} where those tests run", "manual")])
    if kind == REQUIREMENTS and _main_requirements(path, facts):
        text = edit.text
        lines = text.splitlines(keepends=True)
        last = max((i for i, ln in enumerate(lines) if ln.strip()), default=-1)
        # blank lines at the end stay at the end (held-out review 7); the last line is kept as written, its
        # trailing blanks too (held-out review 92, Y10: `easyocr ` lost its space in the diff)
        head = "".join(lines[:last + 1])
        head += _newline(text) if head and not head.endswith(("\n", "\r")) else ""
        added = head + pkg.requirement + _newline(text) + "".join(lines[last + 1:])
        line = head.count("\n") + 1
        return _Edit(added, edit.findings + [Finding(DEPENDENCY_RULE, FindingKind.CONVERTED, line,
                                                     f"{name}: {pkg.requirement} added (the converted code imports "
                                                     f"{pkg.new_module}; {pkg.old} was not declared here, perhaps "
                                                     "installed through another package)", "approximate")])
    if kind == REQUIREMENTS and not any(
            _main_requirements(other, facts) or file_kind(other) != REQUIREMENTS for other in facts.manifest_texts
            if posixpath.dirname(other.replace("\\", "/")) == directory):
        # requirements-dev.txt alone: where the app's dependencies go is not known (said, not guessed)
        return _Edit(edit.text, edit.findings + [Finding(
            DEPENDENCY_RULE, FindingKind.TODO, 1, f"{name}: the converted code imports {pkg.new_module}, which no "
            f"manifest here declares ({pkg.old} was not declared either), and this file reads as one for development: "
            f"add {pkg.requirement} where the app's dependencies are declared", "manual")])
    if kind in (PYPROJECT, PIPFILE):
        added = add_to_pyproject(edit.text, pkg) if kind == PYPROJECT else add_to_pipfile(edit.text, pkg)
        if added is not None:
            text, line = added
            return _Edit(text, edit.findings + [Finding(DEPENDENCY_RULE, FindingKind.CONVERTED, line,
                                                        f"{name}: {pkg.requirement} added (the converted code imports "
                                                        f"{pkg.new_module}; {pkg.old} was not declared here, perhaps "
                                                        "installed through another package)", "approximate")])
    if beside:
        return edit  # (where this file's list cannot take it, the requirements file beside it declares it)
    if kind in (PYPROJECT, PIPFILE, SETUP_CFG, CONDA) and re.search(r"dependencies|^\s*\[packages\]", edit.text,
                                                                   re.IGNORECASE | re.MULTILINE) or \
            (kind == PYTHON and name == "setup.py" and "install_requires" in edit.text):
        return _Edit(edit.text, edit.findings + [Finding(
            DEPENDENCY_RULE, FindingKind.TODO, 1, f"{name}: the converted code imports {pkg.new_module}, which is not "
            f"declared here ({pkg.old} was not either): add {pkg.requirement}", "manual")])
    return edit


# a requirements file for development, not for running the app: requirements-dev.txt, test-requirements.txt, docs/...
_DEV_REQUIREMENTS = re.compile(r"(?:^|[-_.])(?:dev|develop|development|tests?|testing|lint|linting|docs?|ci|style|"
                               r"typing|mypy|bench|benchmarks?)(?:[-_.]|$)", re.IGNORECASE)


# what builds a project's documentation or book (a requirements file naming only these runs no app code)
_DOCS_PACKAGE = re.compile(r"^(?:jupyter-book|sphinx(?:-.+)?|sphinxcontrib-.+|mkdocs(?:-.+)?|myst-(?:nb|parser)|furo|"
                           r"pydata-sphinx-theme|nbsphinx|jupytext|ghp-import|docutils|recommonmark|breathe|"
                           r"readthedocs-sphinx-.+|mike|pdoc3?)$")
_DOCS_HEADER = re.compile(r"^\s*#.*\b(?:build(?:ing)?|render(?:ing)?)\b.*\b(?:book|docs|documentation|site)\b",
                          re.IGNORECASE | re.MULTILINE)


def docs_requirements(text: str) -> bool:
    """Is ``text`` a requirements file for building documentation (a Jupyter Book, Sphinx, MkDocs): every package it
    names builds docs, or its comment says it is for building them and it names no openai?"""
    names = [re.split(r"[\s\[<>=!~;@]", line.strip(), maxsplit=1)[0].lower() for line in text.splitlines()
             if line.strip() and not line.lstrip().startswith(("#", "-"))]
    if not names or any(_declares(text, old) for old in ("openai", "langchain-openai", "llama-index-llms-openai")):
        return False
    return all(_DOCS_PACKAGE.match(name) for name in names) or _DOCS_HEADER.search(text) is not None


def _main_requirements(path: str, facts: CodeFacts) -> bool:
    """Is the requirements file at ``path`` one the converted code's new dependency goes into when its directory's
    manifests declare none: ``requirements.txt``, a pip-compile input (``requirements.in``), or, in a directory with
    neither, one that is not for development (``requirements_advanced.txt``, ``requirements-prod.txt``; held-out review
    101, X2: the directory's only manifest got nothing, no TODO, no install step, and the app failed on import)."""
    directory, name = posixpath.split(path.replace("\\", "/"))
    if name == "requirements.txt" or name.endswith(".in") and not _DEV_REQUIREMENTS.search(name[:-len(".in")]):
        return True
    if not name.endswith(".txt") or _DEV_REQUIREMENTS.search(name[:-len(".txt")]):
        return False
    siblings = [posixpath.basename(other.replace("\\", "/")) for other in facts.manifest_texts
                if posixpath.dirname(other.replace("\\", "/")) == directory and file_kind(other) == REQUIREMENTS]
    if "requirements.txt" in siblings or any(other.endswith(".in") for other in siblings):
        return False
    # (requirements/production.txt's `-r base.txt`: base.txt gets it, once)
    included = {m.group(1) for m in _INCLUDE_LINE.finditer(facts.manifest_texts.get(path, ""))}
    return not any(other in included and other.endswith(".txt") and not _DEV_REQUIREMENTS.search(other[:-len(".txt")])
                   for other in siblings)


_INCLUDE_LINE = re.compile(r"^\s*(?:-r|--requirements?)[ =]\s*(?:\./)?([^\s/#]+)\s*(?:#.*)?$", re.MULTILINE)


def _notebook_code(text: str) -> str:
    """The code cells of the notebook ``text``, one after another (what the import, key and settings patterns read:
    a notebook saved as one line of JSON had its `from openai import ...` after `"source":["`, no line start; held-out
    review 65, Y1), or ``text`` when it is not a notebook's JSON."""
    import json

    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return text
    cells = data.get("cells") if isinstance(data, dict) else None
    if not isinstance(cells, list):
        return text
    out = []
    for cell in cells:
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            source = cell.get("source", "")
            out.append("".join(str(line) for line in source) if isinstance(source, list) else str(source))
    return "\n".join(out) + "\n"


def project_pass(project: list, code: list, code_results: list, config, target: dict, *, write: bool,
                 manifests: Iterable[str] = (), unconverted: dict | None = None) -> list:
    """Edit the project files from the converted code; returns ``code_results`` with their results
    (a ``setup.py`` the rules left unchanged may be edited here: its result is replaced). ``unconverted``: code files
    the run did not read as code though they use openai (``--exclude``, ``--max-file-size``): path -> (why, text)."""
    from migrator.engine.files import convert, decode

    by_path = {result.path: result for result in code_results}
    texts, originals = {}, {}
    left = {path: why for path, (why, _) in (unconverted or {}).items()}
    for item in code:
        result = by_path.get(item.source.path)
        data = result.updated if isinstance(result, Changed) else item.data
        try:
            texts[item.source.path] = decode(data)[0]
            if isinstance(result, Changed):
                originals[item.source.path] = decode(item.data)[0]
        except Exception:  # noqa: BLE001 - an undecodable file: reported by its own conversion
            continue
        if isinstance(result, Failed):
            left[item.source.path] = "it failed"
    for path, (_, text) in (unconverted or {}).items():
        texts.setdefault(path, text)
    for path, text in texts.items():  # a notebook: its code cells' text, as the code would read in a module
        if path.endswith(".ipynb"):
            texts[path] = _notebook_code(text)
            if path in originals:
                originals[path] = _notebook_code(originals[path])
    plan = config.plan
    select, ignore = {s.upper() for s in config.select}, {s.upper() for s in config.ignore}
    facts = CodeFacts(texts, originals, kept_env=frozenset(getattr(plan, "kept_env", frozenset())),
                      kept_env_paths=dict(getattr(plan, "kept_env_paths", {}) or {}),
                      converted_env=frozenset(getattr(plan, "converted_env", frozenset())),
                      target=target.get("name", "mistral"),
                      provider="Mistral" if target.get("provider", "mistral") == "mistral" else target["provider"],
                      model_env=frozenset(getattr(plan, "model_env", frozenset())),
                      model_env_reads=frozenset(getattr(plan, "model_env_reads", frozenset())),
                      default_embedding=frozenset(getattr(plan, "default_embedding", frozenset())),
                      default_llm=frozenset(getattr(plan, "default_llm", frozenset())),
                      dimension_vars=_dimension_vars(plan, {**texts, **originals}),
                      unconverted=left,
                      left_model_vars=frozenset(
                          found.group(1) for result in code_results for finding in getattr(result, "findings", ())
                          if finding.kind is FindingKind.TODO and
                          (found := LEFT_MODEL_VARIABLE.match(finding.message))),
                      any_converted=bool(getattr(plan, "any_converted", False)) or any(
                          finding.rule in _WRAPPER_RULES and finding.kind is FindingKind.CONVERTED
                          for result in code_results for finding in getattr(result, "findings", ())),
                      key_env=target.get("key_env"),
                      rules=frozenset(code for code in (DEPENDENCY_RULE, ENV_RULE)
                                      if (not select or code in select) and code not in ignore),
                      models=config.models(),
                      manifests=tuple(dict.fromkeys([*manifests, *(item.source.path for item in project
                                                                   if item.source.kind in MANIFEST_KINDS)]))
                      + tuple(path for path, text in texts.items() if posixpath.basename(path) == "setup.py"
                              and re.search(r"\b(?:setuptools|distutils)\b", text)))  # a packaging script, not app/setup.py
    for item in project:
        if item.source.kind in MANIFEST_KINDS:
            try:
                facts.manifest_texts[item.source.path] = decode(item.data)[0]
            except Exception:  # noqa: BLE001 - reported by its own pass
                continue
    out = list(code_results)
    for item in project:
        out.append(convert(item, config=config, transform=project_transform(facts, item.source.kind), write=write)[0])
    for item in code:
        if posixpath.basename(item.source.path) != "setup.py" or item.source.kind != PYTHON:
            continue
        result = by_path.get(item.source.path)
        if not isinstance(result, Unchanged):
            continue
        edited = convert(item, config=config, transform=project_transform(facts, PYTHON), write=write)[0]
        if isinstance(edited, Changed):
            edited = replace(edited, findings=tuple(result.findings) + tuple(edited.findings))
            out[out.index(result)] = edited
    return out


# -- documentation (``migrator rules``) -------------------------------------------------------------


class DependencyFiles:
    """Dependency manifests declaring ``openai`` follow the converted code.

    **What it does.** ``requirements*.txt`` / ``*.in`` (and files under ``requirements/``), ``pyproject.toml``
    (PEP 621 ``dependencies`` and ``optional-dependencies``, PEP 735 ``dependency-groups``, Poetry
    ``[tool.poetry.dependencies]`` and groups), ``setup.cfg`` (``install_requires``, ``extras_require``),
    ``setup.py`` string literals and ``Pipfile``: when the code under the manifest's directory (else
    anywhere in the run) now imports ``mistralai``, ``openai`` becomes ``mistralai>=3.7,<4``; when some
    of that code still imports ``openai`` (a client kept on OpenAI), ``mistralai>=3.7,<4`` is added
    next to it instead. Environment markers are kept, extras dropped; nothing else in the file moves.
    A converted script's inline metadata (PEP 723, ``# /// script`` ... ``# dependencies = [...]``, what
    ``uv run`` installs) follows its own imports the same way (``migrator.engine.inline_script``);
    ``mistralai`` is added to its list where openai comes through another package (``openai-agents``), and
    a ``requires-python`` older than mistralai supports gets a TODO above the block. A package's own manifest
    (a pyproject.toml / setup.py / setup.cfg naming the package) is not changed for code that only its examples,
    notebooks or tests hold: a TODO on it says where to declare the new requirement instead (the examples' own
    list, a test or dev extra).

    **Why.** The converted code needs ``mistralai`` installed, and ``openai`` should go only when no
    kept client, exception class or type still imports it.

    ``pip install openai`` in a Dockerfile's ``RUN`` or a CI step's ``run:`` follows the same way.

    **Fix safety.** Approximate: the version range is migrator's (the SDK it converts to), not a lock.
    **Left with a TODO:** hash-pinned lines (``--hash``: regenerate with pip-compile), files generated by
    pip-compile (edit their ``.in``), Poetry git / path dependencies and ``[tool.poetry.dependencies.openai]``
    tables, and any TOML edit that does not parse back to exactly the intended change. **Reported with a
    TODO on its line:** a pin the added requirement cannot be installed with, read as pip (or Poetry:
    ``^``, ``~``) reads it: ``pydantic==1.10.13`` or ``pydantic<2`` next to ``mistralai`` (which needs
    pydantic>=2.11.2), ``langchain-core==0.1.52`` or ``langchain==0.3.27`` next to ``langchain-mistralai``
    1.x (langchain-core>=1.4.7), as is a LangChain integration pinned to a release that caps langchain-core
    below that (``langchain-postgres==0.0.9``: 33 integrations, from their wheels), ``llama-index==0.10.50`` next to the LlamaIndex Mistral integrations,
    ``instructor`` before 1.17 (1.3 fails at import next to mistralai 3), an ``openai`` pin below 2 kept beside
    instructor (1.17 needs openai>=2); an ``openai`` kept only because modules import its types
    (``from openai.types import ...``, which make no call) is said on its line, naming them; and a declared Python range
    older than the added package supports (``requires-python = ">=3.8"``, Poetry ``python = "^3.8"``,
    ``python_requires``, Pipfile ``python_version``: mistralai needs 3.10, and uv / Poetry refuse to
    lock). **The same for the Python a deploy file runs** once the code needs mistralai: a Dockerfile's
    ``FROM python:3.9``, a CI ``image: python:3.9``, a workflow's ``python-version: ["3.8", "3.9"]``
    (setup-python or a matrix, flow or block list), Heroku's ``runtime.txt``, pyenv's
    ``.python-version``: pip finds no release there, so the job or the image fails to install. Those
    files are read even when they never mention openai; only the report names the line.

    A lock file beside an edited manifest (``poetry.lock``, ``uv.lock``, ``pdm.lock``, ``Pipfile.lock``)
    is never edited: a TODO names the command that brings it up to date.

    **openai-compatible target.** The code keeps the ``openai`` SDK: manifests are left alone.
    """

    CODE = DEPENDENCY_RULE
    NAME = "dependency-files"
    SAFETY = "approximate"
    TARGETS = ("mistral", "openai-compatible")
    DESCRIPTION = "requirements / pyproject / setup.cfg / setup.py / Pipfile: openai -> mistralai>=3.7,<4"
    LANGUAGE = "text"
    BEFORE = "# requirements.txt\nopenai>=1.3  # LLM client\ntiktoken==0.7.0\n"
    AFTER = "# requirements.txt\nmistralai>=3.7,<4  # LLM client\ntiktoken==0.7.0\n"


class EnvFiles:
    """``OPENAI_API_KEY`` in env examples, compose files and CI workflows follows the converted clients.

    **What it does.** ``.env.example`` (any env file named example / sample / template / dist / default;
    ``env.example`` and ``backend.env.example`` too),
    ``docker-compose*.yml`` / ``compose*.yml``, ``.github/workflows/*.yml``, ``.gitlab-ci.yml``,
    Dockerfiles (``ENV`` / ``ARG``), YAML under ``k8s/``, ``helm/``, ``charts/``, ``deploy/`` ..., and
hosting platforms' manifests (``render.yaml``, App Engine's ``app.yaml``, ``fly.toml``, Heroku's
``app.json``, ``serverless.yml``, Cloud Build's ``cloudbuild.yaml``; a Dockerfile ``ARG`` whose default an ``ENV``
model variable takes follows the model map):
    ``OPENAI_API_KEY`` becomes the target's key variable (``MISTRAL_API_KEY``; the provider's under
    ``--target openai-compatible``) when every client that read it was converted and no code still
    names it (a file in a subdirectory answers for the code under that directory, as manifests do);
    when clients kept on OpenAI still read it, the new variable is added on a line of its own next
    to the old one, except in an env file a pydantic-settings class reads (``env_file=``) without a
    field for it and no ``extra="ignore"`` / ``"allow"``: that class would reject the unknown variable at
    start-up, so a TODO (written into the example file) says to declare the field first. Example values follow (``your-openai-key`` -> ``your-mistral-key``;
    ``sk-...`` values are emptied, except a short dummy a CI step sets: ``sk-ci-dummy`` -> ``ci-dummy``).
    A workflow's ``secrets.OPENAI_API_KEY`` is renamed too, and
    the finding reminds you to create that secret; a step that runs an action (``uses:``) keeps its own
    ``env:``, which that action reads, and so does a step running promptfoo and no Python (its openai: providers
    read the key; a TODO says how to evaluate the Mistral model) (a compose service running another image than the
    one the file builds is left alone likewise). An env file's ``openai_api_key`` (the variable in another case)
    that converted code hands its clients as ``api_key=`` gets a TODO.
    A variable that names the model of converted calls
    (every read of it in the converted code falls back to a Mistral model, as MIG102 mapped
    ``os.getenv("OPENAI_MODEL", "gpt-4o-mini")``) follows the model map in those files too:
    ``OPENAI_MODEL=gpt-4o`` -> ``OPENAI_MODEL=mistral-large-latest``, ``${LLM:-gpt-4o-mini}`` ->
    ``${LLM:-mistral-small-latest}``; a variable also read without such a default is left alone.
    ``OPENAI_BASE_URL`` (or ``OPENAI_API_BASE``) follows the converted code's ``MISTRAL_SERVER_URL`` read the
    same way (renamed, or added beside it while something still reads the old one), its value without the
    ``/v1`` Mistral's SDK adds itself (``http://gateway:8080/v1`` -> ``http://gateway:8080``; OpenAI's own URL ->
    ``https://api.mistral.ai``); where converted clients read it only implicitly (``OpenAI()``), a URL of
    another server set there gets a TODO: ``Mistral()`` reads no URL variable. ``OPENAI_LOG`` in an env file whose
    clients all converted gets a TODO naming ``MISTRAL_DEBUG``, mistralai's debug log switch.

    An env or deploy file of a JavaScript app (``package.json`` beside it, no Python code of the run
    under it: a Next.js UI next to the converted server) is that app's, and is left alone; so is one of a
    directory whose Python code neither converted nor imports converted code (a server/ beside converted
    examples/), and a Compose service running another image beside the one the file builds, or pointing its OpenAI
    base URL at a service of the file (Open WebUI in front of the app: its key is what it sends to the app).

    **Why.** The converted clients read the new variable; a deployment that only sets the old one
    fails at the first call (or, for the URL, silently goes to another server; a copied ``/v1`` gives 404s). An example that still names an OpenAI model sends it to Mistral, which
    answers 400.

    **Fix safety.** Exact for the rename. **Never changed, reported:** a real env file (``.env``,
    ``.env.production``: no value from it is shown anywhere), an example whose value looks like a real
    OpenAI key (rotate it), a real env file's model variable that names an OpenAI model (the value is
    not shown), YAML that would not parse back, and lines where the variable is used
    inside a command while clients kept on OpenAI still read it. A notebook's ``%env OPENAI_API_KEY=...``
    line (mistral target, cells converted) gets a TODO above it to set ``MISTRAL_API_KEY``; the value
    is a secret and is never rewritten nor shown. A shell script (``.sh``, ``.bash``) that sets or passes
    ``OPENAI_API_KEY`` (``export``, ``docker run -e``, ``gcloud run deploy --set-secrets``) gets one TODO above the
    command that first names it and is never edited otherwise (its ``pip install`` lines follow the code, MIG114).
    """

    CODE = ENV_RULE
    NAME = "env-files"
    SAFETY = "exact"
    TARGETS = ("mistral", "openai-compatible")
    DESCRIPTION = ("OPENAI_API_KEY -> MISTRAL_API_KEY (OPENAI_BASE_URL -> MISTRAL_SERVER_URL) in .env examples, "
                   "compose files, CI workflows, deploy manifests")
    LANGUAGE = "yaml"
    BEFORE = ("# .github/workflows/test.yml\n    env:\n      OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}\n")
    AFTER = ("# .github/workflows/test.yml\n    env:\n      MISTRAL_API_KEY: ${{ secrets.MISTRAL_API_KEY }}\n")


PROJECT_RULES = (DependencyFiles, EnvFiles)
