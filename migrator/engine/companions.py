"""Modules that never mention openai but set what a converted call reads.

The prefilter reads as code only the files that mention openai. Real applications keep their model
names apart from the calls: ``config.py`` sets ``MODEL = "gpt-4o"`` and ``llm.py`` does
``from config import MODEL`` ... ``client.chat.completions.create(model=MODEL, ...)``. The plan maps
such a constant where it is set when only converted calls read it (``decide._imported_constant``), so
it must see the module that sets it, and every module that may read it:

* **companions**: the tree's modules that a file mentioning openai imports (``from app.config import
  MODEL`` -> a ``.../app/config.py`` or ``.../app/config/__init__.py``; relative imports from the
  importing file's directory). They are read and handed to the plan with the code (a client handed
  to a function of theirs is followed there too); a companion is converted only when the plan touches
  it (a model slot, a client passing through: ``ConversionPlan.touched``), and is otherwise left
  unread by the rules and counted as before.
* **importers**: the modules that import a client the OpenAI code binds at module level, or a function
  returning one (``from svc.client import client`` in a ``views.py`` that hands it to a function of
  another module). The plan is built once more with them, so that their uses decide the client too;
  they are converted, like companions, only when the plan touches them.
* **the rest** (:class:`UnreadModules`): every other module without openai. The plan asks it, before
  mapping a constant, whether a module it has not read names both the constant and the module that
  sets it (``print(config.MODEL)``, ``tiktoken.encoding_for_model(MODEL)``); then the constant keeps
  its TODO. Their bytes are read once, on the first question, and only then.
"""

from __future__ import annotations

import os
import re
from typing import Iterable, Optional, Sequence

from migrator.engine.discovery import SourceFile
from migrator.engine.files import LoadedFile, decode, load
from migrator.engine.walk import read_regular

_FROM = re.compile(r"^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]*)", re.MULTILINE)
_IMPORT = re.compile(r"^[ \t]*import[ \t]+([\w., \t]+)", re.MULTILINE)


def imported_modules(text: str, path: str = "") -> set[str]:
    """The modules ``text`` (the code of ``path``) may import, as ``/``-separated module paths: what a
    companion's path must end with. ``from app.settings import MODEL`` gives ``app/settings`` and
    ``app/settings/MODEL`` (a name imported from a package may be a module); a relative import is
    resolved from ``path``'s directory (``from .config import M`` in ``app/llm.py``: ``app/config``)."""
    found: set[str] = set()
    here = os.path.dirname(os.path.abspath(path)).replace(os.sep, "/") if path else ""
    for dots, module, imported in _FROM.findall(text):
        if dots:
            if not here:
                continue
            base = here
            for _ in range(len(dots) - 1):
                base = base.rsplit("/", 1)[0]
            parent = "/".join(part for part in (base, module.replace(".", "/")) if part)
        elif module:
            parent = module.replace(".", "/")
        else:
            continue
        found.add(parent)
        for part in imported.strip("()").replace("\\", " ").split(","):
            words = part.split()
            if words and words[0].isidentifier():
                found.add(f"{parent}/{words[0]}")
    for group in _IMPORT.findall(text):
        for part in group.split(","):
            words = part.split()
            if words:
                found.add(words[0].replace(".", "/"))
    # (`from gitify.__init__ import DEFAULT_MODEL`: the package's own module, gitify/__init__.py; held-out review 130,
    # X4)
    return {name[:-len("/__init__")] if name.endswith("/__init__") else name for name in found}


def module_path(path: str) -> str:
    """``app/config.py`` -> ``/abs/app/config``; ``app/config/__init__.py`` -> ``/abs/app/config``."""
    full = os.path.abspath(path).replace(os.sep, "/")
    stem = full.rsplit(".", 1)[0]
    return stem[: -len("/__init__")] if stem.endswith("/__init__") else stem


def is_imported(path: str, modules: set[str]) -> bool:
    """Is the module at ``path`` one of ``modules`` (absolute ones match the end of its path)?"""
    full = module_path(path)
    parts = full.split("/")
    return any("/".join(parts[i:]) in modules for i in range(len(parts)))


def companions(sources: Iterable[tuple[str, str]], others: Sequence[SourceFile],
               max_file_size: Optional[int]) -> list[LoadedFile]:
    """The modules among ``others`` (Python files that never mention openai) that ``sources`` import."""
    wanted: set[str] = set()
    for path, text in sources:
        wanted |= imported_modules(text, path)
    found = []
    taken: set = set()
    for item in others:
        if is_imported(item.path, wanted):
            loaded = load(item, max_file_size=max_file_size, prefilter=False)
            if isinstance(loaded, LoadedFile):
                found.append(loaded)
                taken.add(item.path)
    # a package's __init__.py re-exporting its modules (`from .history import add_message`): what the importer
    # reaches is those modules (held-out review 104, X1: a history helper's "developer" role was never read)
    again: set[str] = set()
    for loaded in found:
        if os.path.basename(loaded.source.path) == "__init__.py":
            again |= imported_modules(decode(loaded.data)[0], loaded.source.path)
    for item in others if again else ():
        if item.path not in taken and is_imported(item.path, again):
            loaded = load(item, max_file_size=max_file_size, prefilter=False)
            if isinstance(loaded, LoadedFile):
                found.append(loaded)
    return found


_TOP_CLASS = re.compile(r"^class[ \t]+([A-Za-z_]\w*)")


def _top_class_at(lines: list[str], line: int) -> Optional[str]:
    """The top-level class whose body holds line ``line`` (1-based), else None."""
    for text in reversed(lines[:line]):
        if text[:1].strip() and not text.startswith(("#", ")", "]", "}")):  # a statement at the top level
            found = _TOP_CLASS.match(text)
            return found.group(1) if found else None
    return None


def test_exported_names(plan, sources: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """path -> the top-level classes whose code builds a converted client (``self._client = client or OpenAI()``):
    the tests importing them (which may never name openai) patch or fake what the converted code calls (held-out
    review 28: `patch.object(s._client.audio...)`; review 29, J-D5: `Annotator(client=FakeClient(...))`). Read
    only among test modules: elsewhere the plan follows such classes already."""
    texts = dict(sources)
    found: dict[str, set[str]] = {}
    for client in plan.clients:
        text = texts.get(client.path)
        if text is not None and client.decision == "convert" and client.kind != "parameter":
            owner = _top_class_at(text.splitlines(), client.line)
            if owner is not None:
                found.setdefault(client.path, set()).add(owner)
    return found


def exported_names(plan, sources: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """path -> the module-level names of that module another module may import to reach an OpenAI
    client: a client bound at module level (``client = OpenAI()``), a function returning one, the class of a
    method returning one."""
    texts = dict(sources)
    found: dict[str, set[str]] = {}
    for client in plan.clients:
        text = texts.get(client.path)
        if text is not None and client.name.isidentifier() and \
                re.search(rf"^{re.escape(client.name)}[ \t]*(?::[^=\n]*)?=", text, re.MULTILINE):
            found.setdefault(client.path, set()).add(client.name)
    for path, scope in plan.returns:
        if path in texts and len(scope) in (1, 2):
            # a function, or the class of a method returning one (`OpenAIAsync.instance()`, a classmethod singleton
            # whose callers in modules that never name openai were not read: held-out review 21, S-A1)
            found.setdefault(path, set()).add(scope[0])
            if len(scope) == 1:
                # `ai_client: OpenAI = get_ai_client()` at module level: the name importers take (held-out review 46,
                # C1: main.py's `Agent(ai_client)` was not read, and the class it feeds stayed on OpenAI)
                found[path].update(re.findall(rf"^([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=[ \t]*{re.escape(scope[0])}\(",
                                              texts[path], re.MULTILINE))
    for path, names in getattr(plan, "injectable", {}).items():
        # a function or class taking a client that `client or OpenAI()` stands in for: a test injecting a fake
        # (held-out review 28, G3)
        if path in texts:
            found.setdefault(path, set()).update(names)
    for path, names in getattr(plan, "response_returners", {}).items():
        # a function returning a chat completion, whose callers in modules that never name openai may read a field
        # Mistral's response lacks (held-out review 47, E6)
        if path in texts:
            found.setdefault(path, set()).update(names)
    for path, names in getattr(plan, "embedders", {}).items():
        # a function returning converted embeddings, whose callers may compare them with vectors a data file of the
        # tree holds (held-out review 78, X1)
        if path in texts:
            found.setdefault(path, set()).update(names)
    for path, names in getattr(plan, "role_callees", {}).items():
        # a function making its `role` parameter a message's role, whose callers in modules that never name openai
        # may pass role="developer" (held-out review 70, X2)
        if path in texts:
            found.setdefault(path, set()).update(names)
    for path in {*getattr(plan, "default_embedding", ()), *getattr(plan, "default_llm", {}),
                 *getattr(plan, "handler_modules", ())}:
        # a module building an index on LlamaIndex's defaults: a program importing it and the module setting
        # Settings (`import settings; from query import answer` in main.py) sets them first (held-out review 80, Y3); a
        # module whose openai exception handlers are traced to no call: a program importing it may run converted calls
        # in them (held-out review 108, X5)
        if path in texts:
            found.setdefault(path, set()).update(re.findall(r"^(?:async[ \t]+)?(?:def|class)[ \t]+([A-Za-z_]\w*)",
                                                            texts[path], re.MULTILINE))
    for path, names in getattr(plan, "model_callees", {}).items():
        # a function or class whose caller chooses the model converted calls send (`stream_chat(m, model=
        # "gpt-4o-mini")` in a router that never names openai; held-out review 25, A3 / A5)
        if path in texts:
            found.setdefault(path, set()).update(names)
    for path, text in texts.items():
        # a constant bound to OpenAI's URL (`CHAT_URL = "https://api.openai.com/v1/chat/completions"`, in a module-level
        # branch too), which a module naming no openai may post to (review of session 89: silent)
        if "api.openai.com" in text:
            found.setdefault(path, set()).update(_OPENAI_URL_CONSTANT.findall(text))
    return {path: names for path, names in found.items() if names}


_OPENAI_URL_CONSTANT = re.compile(
    r"""^[ \t]*([A-Z][A-Z0-9_]*)[ \t]*(?::[^=\n]*)?=[ \t]*[fFrR]?["']https?://api\.openai\.com""", re.MULTILINE)


def importers(exports: dict[str, set[str]], others: Sequence[SourceFile], max_file_size: Optional[int],
              unread: Optional["UnreadModules"] = None) -> list[LoadedFile]:
    """The modules among ``others`` (not read yet) that import a name of ``exports`` (held-out review 7,
    D7: ``from svc.client import client`` in a views.py that hands it to a function of another module;
    the plan, seeing no use, called the client unused and converted nothing)."""
    if not exports:
        return []
    wanted: dict[str, set[str]] = {}  # module path suffixes -> names
    for path, names in exports.items():
        parts = module_path(path).split("/")
        for i in range(len(parts)):  # `/abs/app/svc/client` too: what a relative import resolves to
            wanted.setdefault("/".join(parts[i:]), set()).update(names)
    words = re.compile(rb"\b(?:" + b"|".join(re.escape(n.encode()) for n in sorted(set().union(*exports.values())))
                       + rb")\b")
    found = []
    for item in others:
        if unread is not None:
            data = unread.bytes_of(item.real_path)  # read once for both questions
        else:
            problem, _info, data = read_regular(item.real_path, max_file_size)
            data = None if problem else data
        if data is None or not words.search(data):
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        modules = imported_modules(text, item.path)
        if any(module in wanted or (module.rsplit("/", 1)[0] in wanted
                                    and module.rsplit("/", 1)[1] in wanted[module.rsplit("/", 1)[0]])
               for module in modules if module):
            loaded = load(item, max_file_size=max_file_size, prefilter=False)
            if isinstance(loaded, LoadedFile):
                found.append(loaded)
    return found


def _names_both(name: str, module: str):
    """A test: does a module's code name both ``name`` and ``module`` as words? (``name`` quoted alone is a string:
    ``os.environ.get("MODEL")`` reads the environment, not the constant MODEL: held-out review 69, Y3.)"""
    word = re.compile(rb"\b(?<![\"'])" + re.escape(name.encode()) + rb"\b(?![\"'])")
    where = re.compile(rb"\b" + re.escape(module.encode()) + rb"\b")
    return lambda data: bool(word.search(data) and where.search(data))


class UnreadModules:
    """The modules the plan did not read: does one of them name ``name`` and the module setting it?"""

    def __init__(self, paths: Sequence[str], max_file_size: Optional[int] = None,
                 cache: Optional[dict] = None) -> None:
        self._paths = list(paths)
        self._max = max_file_size
        self._data: Optional[list[bytes]] = None
        self._answers: dict[tuple[str, str], bool] = {}
        self._cache = {} if cache is None else cache  # path -> bytes (None: unreadable), shared by the plan's rounds
        self._unparsed: list[tuple[str, bytes]] = []
        self._failed: frozenset = frozenset()  # of those, the paths whose own plan failed (not unparsable)

    def with_unparsed(self, sources: Sequence[tuple[str, str]], failed: bool = False) -> "UnreadModules":
        """These modules and the given ones: modules handed to the plan whose code does not parse, which
        may read a client as well as any module it did not read (held-out review 12, N9: a client
        converted although a module importing it failed to parse); ``failed``: modules whose own plan failed
        (an internal error: left unchanged, as such a module is; held-out review 150, X1)."""
        other = UnreadModules(self._paths, self._max, self._cache)
        other._unparsed = [*self._unparsed, *((path, code.encode("utf-8", "surrogateescape"))
                                              for path, code in sources)]
        other._failed = self._failed | (frozenset(path for path, _ in sources) if failed else frozenset())
        return other

    def plan_failed(self, path: str) -> bool:
        """Was ``path`` (an ``unparsed_reader`` answer) given as a module whose own plan failed?"""
        return path in self._failed

    def unparsed_reader(self, name: str, module: str) -> Optional[str]:
        """The path of a module given to the plan that does not parse, imports ``module`` (an import line naming
        it: words in comments and strings do not count, held-out review 52, N1) and names ``name``, or None."""
        word = re.compile(rb"\b" + re.escape(name.encode()) + rb"\b")
        escaped = re.escape(module.encode())
        imports = re.compile(rb"^[ \t]*(?:from[ \t]+[\w.]*\b" + escaped + rb"\b[\w.]*[ \t]+import\b|import[ \t]+[^\n#]*\b"
                             + escaped + rb"\b)", re.MULTILINE)
        return next((path for path, data in self._unparsed if imports.search(data) and word.search(data)), None)

    def has_module(self, top: str) -> bool:
        """Is a module the plan did not read the module ``top`` or inside a package of that name?"""
        return any(os.path.splitext(os.path.basename(path))[0] == top or
                   f"{os.sep}{top}{os.sep}" in f"{os.sep}{path}" for path in self._paths)

    def bytes_of(self, path: str) -> Optional[bytes]:
        if path not in self._cache:
            problem, _info, data = read_regular(path, self._max)
            self._cache[path] = None if problem else data
        return self._cache[path]

    def _texts(self) -> list[bytes]:
        if self._data is None:
            self._data = [data for data in map(self.bytes_of, self._paths) if data is not None] + \
                [data for _path, data in self._unparsed]
        return self._data

    def search(self, pattern: re.Pattern) -> bool:
        """Does an unread module match ``pattern`` (a bytes pattern)?"""
        return any(pattern.search(data) for data in self._texts())

    def read_elsewhere(self, name: str, module: str) -> bool:
        """Does an unread module name both ``name`` and ``module`` (the last part of the dotted name
        of the module that sets it) as words? Then it may read the constant. A module whose name is no
        identifier (``0_getting_started``, ``my-script``) cannot be imported by an import statement: a text that
        names it (a docstring, a command line) does not read its names (held-out review 53, Q6)."""
        if not module.isidentifier():
            return False
        key = (name, module)
        if key not in self._answers:
            names = _names_both(name, module)
            self._answers[key] = any(map(names, self._texts()))
        return self._answers[key]

    def imports(self, module: str) -> bool:
        """Does an unread module import the module ``module`` (the last part of its dotted name) by an import line?"""
        if not module.isidentifier():
            return False
        key = ("import ", module)
        if key not in self._answers:
            escaped = re.escape(module.encode())
            line = re.compile(rb"^[ \t]*(?:from[ \t]+[\w.]*\b" + escaped + rb"\b[\w.]*[ \t]+import\b"
                              rb"|from[ \t]+[\w.]+[ \t]+import[ \t]+[^\n#]*\b" + escaped +
                              rb"\b|import[ \t]+[^\n#]*\b" + escaped + rb"\b)", re.MULTILINE)
            self._answers[key] = any(line.search(data) for data in self._texts())
        return self._answers[key]

    def naming(self, name: str) -> list[tuple[str, bytes]]:
        """(path, code) of each unread module naming ``name`` as a word, whatever it imports it from (a package
        re-exporting it: review of session 88)."""
        word = re.compile(rb"\b" + re.escape(name.encode()) + rb"\b")
        sources = [(path, self.bytes_of(path)) for path in self._paths] + self._unparsed
        return [(path, data) for path, data in sources if data is not None and word.search(data)]

    def readers_of(self, name: str, module: str) -> list[tuple[str, bytes]]:
        """(path, code) of each unread module that names both ``name`` and ``module`` (see read_elsewhere)."""
        if not module.isidentifier() or not self.read_elsewhere(name, module):
            return []
        names = _names_both(name, module)
        sources = [(path, self.bytes_of(path)) for path in self._paths] + self._unparsed
        return [(path, data) for path, data in sources if data is not None and names(data)]
