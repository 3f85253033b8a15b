"""What a module's code says about OpenAI, found with the fast ``ast`` module before any rewrite.

LibCST's scope and qualified-name providers cost 5-20x a parse; the rules only need a little name
resolution (which local names are the ``openai`` module or its client classes, which variables hold
clients), so one ``ast`` pass gathers it for all rules. It also records, in source order, the line of
every site a rule may touch: the LibCST transformer visits the same sites in the same order and takes
the line numbers from here (so no position metadata is needed). Statements are numbered in the
same pre-order both trees share, and a statement whose subtree holds nothing for any rule is not
descended into at all (``stmt_relevant`` / ``stmt_size``).
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional, Union

from codemods._imports import _is_openai
from migrator.mapping import CHAT_PARAMS, CLIENT_CLASSES, CLIENT_PARAMS, ENV_VARS, MANUAL_CLIENT_CLASSES, Policy
from migrator.mapping.client import ANNOTATED, HTTPX_CLIENTS, MODULE_CLIENT_SETTINGS, openai_key_prefix
from migrator.mapping.chat import (FINISH_REASONS, LEGACY_FUNCTION_CALL, MESSAGE_ROLES, MISSING_RESPONSE_FIELDS,
                                   ANNOTATION_BLOCKERS, ANNOTATION_TYPES,
                                   RENAMED_RESPONSE_FIELDS,
                                   SERIALISERS, UNSUPPORTED_RESPONSE_FIELDS)
from migrator.mapping.embeddings import EMBEDDING_KWARGS, token_array
from migrator.mapping.env import STREAMLIT_SECRETS
from migrator.mapping.responses import parsed_output_owner
from migrator.mapping.errors import OPENAI_ERROR_CODES, error_rule, openai_error_phrase
from migrator.mapping.files import METHODS as FILE_METHODS
from migrator.mapping.files import READ_SITE_ATTRS, line_dict
from migrator.mapping.legacy import V0_DERIVED, V0_ELAPSED, V0_METHODS, V0_RESOURCES
from migrator.mapping.mistral_versions import OLD_MODULE_IMPORTS, SEPARATE_PACKAGES, old_import
from migrator.mapping.models import fine_tuned, slot_model_literal
from migrator.mapping.responses import UNSET_MODEL_FIELDS, output_text_getattr
from migrator.mapping.speech import RESULT_READS as SPEECH_READS
from migrator.plan.files import bound_file_tuple, bound_once, enumerate_arg
from migrator.plan.model import CONVERT
from migrator.plan.syntax import NodeVisitor, ast_walk, class_read, shown_values

Path = tuple[str, ...]  # names of the enclosing classes/functions; () is the module

CHAT_METHOD_NAMES = ("create", "parse", "stream")
ENV_GETTERS = ("getenv", "environ.get", "environ.setdefault", "environ.pop")
# pytest's monkeypatch setting / removing a variable for a test (``monkeypatch.setenv("OPENAI_API_KEY", "test-key")``):
# a write of it, renamed with the reads it feeds (held-out review 147, X1: the test failed on the renamed read)
ENV_SETTERS = ("monkeypatch.setenv", "monkeypatch.delenv", "mp.setenv", "mp.delenv")

OPENAI_TYPES = "openai.types."  # the SDK's response types (annotations of a converted response's parts)


def openai_typed_value(node: "ast.AnnAssign", qualify) -> bool:
    """``msg: ChatCompletionMessage = <not a call>``: an OpenAI response type annotating a plain value (the
    plan's "annot" site, MIG102's; the call's own ``r: ChatCompletion = create(...)`` is another case)."""
    return node.value is not None and not isinstance(node.value, (ast.Call, ast.Await)) and any(
        (qualify(dotted_name(n)) or "").startswith(OPENAI_TYPES)
        for n in ast_walk(node.annotation) if isinstance(n, (ast.Name, ast.Attribute)) and dotted_name(n))

# Site kinds, each counted in source order by both this module and the LibCST rules.
CTOR, CHAT, ENV = "ctor", "chat", "env"
READ = "read"  # a response attribute read or finish_reason comparison that differs on Mistral
MODCFG = "module-config"  # `openai.api_key = ...`: settings of OpenAI's module-level client
# where a client's api_key comes from: an environment variable's name, or a file read whole (its path)
KEPT_KEY_SOURCE = re.compile(r"""(?:getenv|environ\.get|environ\[)\s*\(?\s*["']([A-Za-z_]\w*)["']|"""
                             r"""\bopen\(\s*["']([^"'\n]+)["'][^)]*\)\s*\.read\(\)""")
# openai.api_key sent as an HTTP request's Authorization header (a raw request to OpenAI's API)
HEADER_KEY_READ = re.compile(r"""Bearer\s*\{\s*openai\.api_key|Bearer\s*["']\s*\+\s*openai\.api_key|"""
                             r"""Authorization["']?\s*[:=][^\n]*openai\.api_key""")
MSG = "message"  # a dict literal shaped like a chat message or content part that needs a change
MODEL = "model"  # a string literal naming an OpenAI chat model (scopes only; no line bookkeeping)
EXC = "exception"  # MIG103: a Name/Attribute naming an OpenAI exception class (outside imports)
TYPECHECK = "typecheck"  # MIG105: isinstance(x, ChatCompletion)
RTEXT = "response-text"  # MIG110: `<response>.output_text` / `.output_parsed` of a converted Responses call
V0READ = "v0-read"  # `r["choices"]` / `m.get("content")` of a converted legacy v0 result (MIG118)
FREAD = "file-read"  # MIG119: `.status` / `.content` / `.output_file_id` ... of a files / batches result
BLINE = "batch-line"  # MIG119: a dict literal shaped like an OpenAI batch input line
ANNOT = "annotation"  # MIG102: `msg: ChatCompletionMessage = <not a call>` (an OpenAI type on a plain value)
RGUARD = "response-guard"  # MIG110: `<response>.usage is not None` of a converted Responses call (UNSET_MODEL_FIELDS)
CTEXT = "completion-text"  # MIG112: `<completion>.choices[i].text` of a converted legacy completion
API = "api"  # MIG106: an OpenAI call with no rule (legacy v0, a surface on an untraced receiver)


@dataclass(frozen=True)
class Binding:
    """A variable that holds an OpenAI client."""

    is_async: bool
    convertible: bool  # False when its constructor is left unconverted (FAIL / manual)
    module_client: bool = False  # the `openai` module itself (openai.chat.completions.create)
    ambiguous: bool = False  # bound to different clients in one scope


@dataclass(frozen=True)
class SplatDict:
    """A dict splatted into a chat (or embeddings) call (``create(**params)``), as built in the same scope."""

    keys: tuple[str, ...]  # every key the dict gets, in order of appearance
    rewritable: bool  # built only from literals in this scope, no other use: its keys can be rewritten
    stream: bool = False  # params["stream"] is True
    reason: str = ""  # why not rewritable
    model: str = ""  # params["model"] when it is a string written there (an embeddings dict's: dimensions follow it)
    elsewhere: frozenset = frozenset()  # the lines of the other branches of an `if` holding the call: not its dict's


MODULE_CLIENT = Binding(is_async=False, convertible=True, module_client=True)
AMBIGUOUS = Binding(is_async=False, convertible=False, ambiguous=True)


@dataclass
class ModuleFacts:
    openai_modules: dict[str, str] = field(default_factory=dict)  # local name -> module ("openai")
    imported: dict[str, str] = field(default_factory=dict)  # local name -> "openai.X"
    bindings: dict[Path, dict[str, Binding]] = field(default_factory=dict)
    class_paths: set[Path] = field(default_factory=set)
    self_attrs: dict[Path, dict[str, Binding]] = field(default_factory=dict)  # class path -> attr
    mistral_attrs: dict[Path, set[str]] = field(default_factory=dict)  # self.<attr> = Mistral(...)
    mistral_names: dict[Path, set[str]] = field(default_factory=dict)  # names bound to Mistral(...)
    streams: dict[Path, dict[str, bool]] = field(default_factory=dict)  # stream var -> only for-iterated
    # a function nested in the one holding a stream, iterating it (`def gen(): for chunk in stream:`): its path ->
    # {stream var: the holder's path}
    stream_closures: dict[Path, dict[str, Path]] = field(default_factory=dict)
    sites: dict[str, list[int]] = field(default_factory=dict)  # kind -> lines in source order
    # kind -> the conversion plan's answer for each site, parallel to ``sites`` (migrator.plan)
    answers: dict[str, list] = field(default_factory=dict)
    view: object = None  # migrator.plan.FileView of this module
    _converts_calls: Optional[bool] = None  # reads_openai_results' answer from the view
    # the module calls a files / batches method MIG119 maps: only then are its result reads sites
    # (`.content`, `.text`, `.status` are everywhere: counting them elsewhere would defeat pruning)
    file_api: bool = False
    # the module reads a `.secrets` attribute (Streamlit's st.secrets): MIG101 checks its secret gates only then (a
    # module's code regenerated for that check cost every module 9% of the run: the speed benchmark, session 54)
    reads_secrets: bool = False
    masked: frozenset = frozenset()  # ids of LibCST f-strings ast could not read (migrator.plan.source)
    # MIG102: statement index -> (line, TODO) for tables and checks of model names converted calls sent
    table_statements: dict[int, tuple[int, str]] = field(default_factory=dict)
    # MIG107: statement index -> (line, TODO) for OpenAI's embedding sizes where embeddings convert
    dimension_statements: dict[int, tuple[int, str]] = field(default_factory=dict)
    key_field_statements: dict[int, tuple[int, str]] = field(default_factory=dict)  # (MIG101: plan.key_fields)
    raw_url_statements: dict[int, tuple[int, str]] = field(default_factory=dict)  # (MIG106: plan.raw_urls)
    # statement index of a try around a converted call whose `except Exception` handler tests str(e) for OpenAI's error
    # codes or messages -> (codes, a message phrase, the exception's name): MIG103's TODO (held-out review 109, Y9)
    generic_error_tests: dict[int, tuple] = field(default_factory=dict)
    # MIG106: (statement index, callee, occurrence) -> (line, the plan's answer)
    api_sites: dict[tuple, tuple] = field(default_factory=dict)
    # MIG110: statement indexes of the loops over a converted responses.create(stream=True) stream
    stream_loops: set[int] = field(default_factory=set)
    env_helpers: frozenset = frozenset()  # functions reading the variable their first parameter names
    delta_names: frozenset = frozenset()  # names bound to a stream delta's content (content_none_check)
    # MIG102: `CompletionUsage` / `ChatCompletion` (local name) read only in annotations -> "UsageInfo" / ...
    annotation_types: dict = field(default_factory=dict)
    reads_responses: bool = False  # the module names `.responses` (MIG110's None tests are sites only then)
    # Per statement, in pre-order: does its subtree hold anything a rule touches; how many statements
    # the subtree holds (itself included). Rules skip irrelevant statements unless prune is off.
    stmt_relevant: list[bool] = field(default_factory=list)
    stmt_size: list[int] = field(default_factory=list)
    stmt_line: list[int] = field(default_factory=list)  # each statement's first line
    prune: bool = True
    module_settings: set[str] = field(default_factory=set)  # `openai.<attr> = ...` in this module
    module_retries: object = None  # `openai.max_retries = N`: N (an int), "?" (another value), None (unset)
    names_in_use: set[str] = field(default_factory=set)
    stored_names: set[str] = field(default_factory=set)  # names the module binds by assignment (any scope)
    reads_parsed_arguments: bool = False  # `.parsed_arguments` (of a parse() tool call) read somewhere
    bound_names: set[str] = field(default_factory=set)  # class / def names and import aliases
    # module-level names bound once, to a string literal (`MODEL = "gpt-4o"`, `MODEL: str = ...`, `A, B = "x", "y"`)
    # -> the string: a model argument naming one is no value "computed at run time" (held-out review 36, K2)
    module_strings: dict[str, str] = field(default_factory=dict)
    # module-level names bound once to `os.getenv("VAR", "gpt-4o-mini")` / `os.environ.get(...)` -> (VAR, default):
    # the model TODO says where the default is, not "computed at run time" (held-out review 44, Z10)
    module_env_strings: dict[str, tuple[str, str]] = field(default_factory=dict)
    tree: object = None  # the module's ast (module_constant_readers reads it, when a TODO needs it)
    scoped_names: set[str] = field(default_factory=set)  # names a function or class binds (parameters too)
    # `from config import MODEL` (a module of the project, not openai): local name -> "config"
    imported_from: dict[str, str] = field(default_factory=dict)
    # constructors the plan converts that take no max_retries= (they read OpenAI's default retries): two
    # or more share one module-level RetryConfig (MIG101)
    default_retry_ctors: int = 0
    # module-level functions that return an OpenAI client (``def get_client(): return OpenAI()``),
    # and factories imported from other modules of the repo (codemods._repo)
    factories: dict[str, Binding] = field(default_factory=dict)
    # `**params` splatted into chat calls: scope path -> name -> how the dict is built
    splats: dict[Path, dict[str, "SplatDict"]] = field(default_factory=dict)  # module `NAME = "gpt-4o"` used as model=NAME
    embedding_splats: dict[Path, dict[str, "SplatDict"]] = field(default_factory=dict)  # MIG107's: rewritable ones
    # `file = ("voice.ogg", data, mime)` read once, by a transcription the plan converts: MIG117 makes it the file dict
    file_tuples: dict[Path, set[str]] = field(default_factory=dict)
    # `http_client = httpx.Client(...)` read once, by a constructor the plan converts: MIG101 builds it with httpx2
    httpx_clients: dict[Path, set[str]] = field(default_factory=dict)
    stream_writers: "StreamWriters" = None  # how this module reaches streamlit's write_stream
    mistral_old: bool = False  # imports an older mistralai (1.x / 0.x): MIG122

    @property
    def mentions_openai(self) -> bool:
        # api_sites: calls the plan decided in a module that imports no openai (an instructor client
        # imported from another module, instructor.from_provider("openai/..."))
        return bool(self.openai_modules or self.imported or any(self.sites.values()) or self.api_sites)

    @property
    def reads_openai_results(self) -> bool:
        """May this module read OpenAI results (response fields, status values, ...)? It names openai, or
        the plan converts a call here on a client imported from another module (held-out review 15, J1:
        `response.output_text` stayed on Mistral's response, an AttributeError on every call). Response
        read sites are counted only then, by codemods._facts and by the rules alike."""
        if self.openai_modules or self.imported:
            return True
        if self._converts_calls is None:  # (asked at every attribute of the module: once)
            self._converts_calls = bool(self.view is not None and getattr(self.view, "converts_calls", False))
        return self._converts_calls

    def qualify(self, dotted: Optional[str]) -> Optional[str]:
        """``oai.OpenAI`` -> ``openai.OpenAI`` when ``oai`` is the openai module here."""
        return qualify(dotted, self.imported, self.openai_modules)

    def lookup(self, path: Path, name: str) -> Optional[Binding]:
        """The client bound to ``name`` as seen from code at ``path`` (Python's LEGB, minus classes);
        the ``openai`` module itself is OpenAI's module-level client."""
        if self.openai_modules.get(name) == "openai" and not any(
                name in self.bindings.get(path[:i], {}) for i in range(len(path) + 1)):
            return MODULE_CLIENT
        for i in range(len(path), -1, -1):
            scope = path[:i]
            if i != len(path) and scope in self.class_paths:
                continue  # class bodies do not enclose their methods' names
            binding = self.bindings.get(scope, {}).get(name)
            if binding is not None:
                return binding
            if name in self.mistral_names.get(scope, ()):
                return None
        return None

    def is_mistral(self, path: Path, name: str) -> bool:
        return any(name in self.mistral_names.get(path[:i], ()) for i in range(len(path), -1, -1))

    def self_attr_is_mistral(self, path: Path, attr: str) -> bool:
        for i in range(len(path) - 1, -1, -1):
            if path[:i] in self.class_paths:
                return attr in self.mistral_attrs.get(path[:i], ()) and \
                    attr not in self.self_attrs.get(path[:i], {})
        return False

    def self_attr(self, path: Path, attr: str) -> Optional[Binding]:
        """The client held in ``self.<attr>`` for a method at ``path``."""
        for i in range(len(path) - 1, -1, -1):
            if path[:i] in self.class_paths:
                return self.self_attrs.get(path[:i], {}).get(attr)
        return None


def qualify(dotted: Optional[str], imported: dict, openai_modules: dict) -> Optional[str]:
    """The openai-qualified name of ``dotted`` given a module's imports (local name -> "openai.X" /
    "openai"), or None when it does not name something of openai's."""
    if not dotted:
        return None
    head, _, rest = dotted.partition(".")
    if head in imported:
        return imported[head] + ("." + rest if rest else "")
    if head in openai_modules:
        return openai_modules[head] + ("." + rest if rest else "")
    return None


def dotted_name(node: ast.AST) -> Optional[str]:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def _is_mistral_annotation(ann: ast.AST) -> bool:
    if isinstance(ann, ast.Subscript):  # Optional[Mistral]
        return _is_mistral_annotation(ann.slice)
    if isinstance(ann, ast.BinOp):  # Mistral | None
        return _is_mistral_annotation(ann.left) or _is_mistral_annotation(ann.right)
    dotted = dotted_name(ann)
    return bool(dotted) and dotted.split(".")[-1] == "Mistral"


def chat_method(func: ast.AST) -> Optional[tuple[str, ast.AST]]:
    """("create" | "parse" | "stream", receiver) for ``X.chat.completions.<method>`` and
    ``X.beta.chat.completions.parse/stream``, else None."""
    links: list[tuple[str, ast.AST]] = []
    node = func
    while isinstance(node, ast.Attribute) and len(links) < 4:
        links.append((node.attr, node.value))
        node = node.value
    names = [name for name, _ in links]
    if len(names) >= 2 and names[0] in ("create", "acreate") and names[1] == "ChatCompletion":
        return "create", links[1][1]  # legacy v0 `openai.ChatCompletion.create`: the plan decides (MIG118)
    if len(names) < 3 or names[0] not in CHAT_METHOD_NAMES or names[1:3] != ["completions", "chat"]:
        return None
    receiver = links[2][1]
    if len(names) == 4 and names[3] == "beta" and names[0] != "create":
        receiver = links[3][1]
    return names[0], receiver


def openai_module_check(node: ast.AST, facts: "ModuleFacts") -> Optional[str]:
    """``openai is None`` / ``openai is not None``: a check that the openai module imported, where a guard binds it
    to a stand-in (``except ImportError: openai = None``); the module's name, else None."""
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.Is, ast.IsNot)) and \
            isinstance(node.left, ast.Name) and facts.openai_modules.get(node.left.id) == "openai" and \
            node.left.id in facts.stored_names and isinstance(node.comparators[0], ast.Constant) and \
            node.comparators[0].value is None:
        return node.left.id
    return None


def v0_read(node: ast.AST) -> bool:
    """``x["choices"]`` (a key a v0 response has) or ``x.get("content")``: a dict-style read MIG118
    rewrites where the plan says it reads a converted legacy v0 result."""
    from migrator.mapping.legacy import V0_GETS, V0_KEYS

    if isinstance(node, ast.Subscript):  # any context: the LibCST twin cannot tell a target from a read
        return isinstance(node.slice, ast.Constant) and node.slice.value in V0_KEYS
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"
            and bool(node.args) and isinstance(node.args[0], ast.Constant) and node.args[0].value in V0_GETS)


def v0_key_test(node: ast.AST) -> bool:
    """``"choices" in response`` (a field both a v0 response and Mistral's always have, on a name): a key test MIG118
    rewrites as ``response.choices is not None`` where the plan says it tests a converted legacy v0 result."""
    from migrator.mapping.legacy import V0_ALWAYS

    return isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn)) and \
        isinstance(node.left, ast.Constant) and node.left.value in V0_ALWAYS and \
        isinstance(node.comparators[0], ast.Name)


@dataclass(frozen=True)
class StreamWriters:
    """How a module reaches streamlit's ``write_stream``, which takes an OpenAI chat stream whole and
    writes each chunk's ``choices[0].delta.content`` (streamlit's type_util.is_openai_chunk): any
    ``<x>.write_stream(...)`` once streamlit is imported (``st.write_stream``, ``st.chat_message(...)
    .write_stream``, a placeholder's), and the names ``from streamlit import write_stream`` binds."""
    imported: bool = False
    names: frozenset = frozenset()

    def __call__(self, func: ast.AST) -> bool:
        if isinstance(func, ast.Attribute):
            return self.spelled(attribute=func.attr)
        return isinstance(func, ast.Name) and self.spelled(name=func.id)

    def spelled(self, attribute: str = "", name: str = "") -> bool:
        """``<x>.<attribute>(...)`` / ``<name>(...)`` (ast and LibCST callers spell the callee alike)."""
        return (self.imported and attribute == "write_stream") or (bool(name) and name in self.names)


def stream_writers(nodes: Iterable[ast.AST]) -> StreamWriters:
    """From a module's nodes (its imports are enough)."""
    imported, names = False, set()
    for node in nodes:
        if isinstance(node, ast.Import):
            imported = imported or any(alias.name == "streamlit" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module == "streamlit":
            imported = True
            names.update(alias.asname or alias.name for alias in node.names if alias.name == "write_stream")
    return StreamWriters(imported, frozenset(names))


def star_import_sources(tree) -> list:
    """The modules of ``from <module> import *`` statements of ``tree`` that may be the application's own (relative,
    or not the standard library's): where a name the module never binds comes from (the v0 call's TODO names it)."""
    if not isinstance(tree, ast.Module):
        return []
    return [("." * node.level) + (node.module or "") for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and any(alias.name == "*" for alias in node.names) and
            (node.level or (node.module or "").split(".")[0] not in sys.stdlib_module_names)]


def enumerated(loop: ast.AST) -> Optional[ast.AST]:
    """``x`` of ``for i, chunk in enumerate(x[, start])`` (a loop whose target is two names), else None: the loop is
    over the stream too, its second name the chunk (re-review 48, G6)."""
    target = getattr(loop, "target", None)
    if isinstance(loop, ast.For) and isinstance(target, ast.Tuple) and len(target.elts) == 2 and \
            all(isinstance(e, ast.Name) for e in target.elts):
        return enumerate_arg(loop.iter)
    return None


def iter_of(node: ast.AST) -> Optional[ast.AST]:
    """``x`` of ``iter(x)`` (one positional argument), else None: ``for chunk in iter(stream)`` loops over the stream
    (held-out review 47, E4)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "iter" and \
            len(node.args) == 1 and not node.keywords and not isinstance(node.args[0], ast.Starred):
        return node.args[0]
    return None


def written_stream(writers: StreamWriters, parent: Optional[ast.AST], node: ast.AST) -> bool:
    """Is ``node`` the stream a ``write_stream(node)`` call takes (its only argument)?"""
    return isinstance(parent, ast.Call) and writers(parent.func) and len(parent.args) == 1 and \
        not parent.keywords and parent.args[0] is node


def is_chat_create(func: ast.AST) -> bool:
    found = chat_method(func)
    return found is not None and found[0] == "create"


def message_change(keys: dict[str, object]) -> Optional[str]:
    """What a message / content-part dict literal needs, from its constant keys and values."""
    role, kind = keys.get("role"), keys.get("type")
    if role in MESSAGE_ROLES:
        return "role"
    if role == "function":  # a legacy function result; one that names the tool call it answers is a tool message
        return "function_tool" if "tool_call_id" in keys else "function"
    if "name" in keys and (role in ("user", "assistant", "system") or ("role" in keys and not isinstance(role, str))):
        # a speaker's name: mistralai's user, assistant and system messages have no name (tool results do); a computed
        # role (`"assistant" if ... else "user"`, held-out review 65, X3) is one of them; a system message's name is
        # OpenAI's few-shot idiom (held-out review 117, Y3)
        return "name"
    if kind in ("input_audio", "file") and kind in keys:
        return kind
    if kind == "input_image" and "detail" not in keys:  # Responses input: Mistral requires detail
        return "input_image"
    # Mistral's API takes tool-call ids of 9 letters and digits only (a 400 otherwise): ids the app
    # writes itself, in a tool result or in an assistant message's tool call, must follow.
    if role == "tool" and _foreign_call_id(keys.get("tool_call_id")):
        return "tool_call_id"
    if kind == "function" and "function" in keys and _foreign_call_id(keys.get("id")):
        return "call_id"
    if (role == "tool" and keys.get("tool_call_id") is BUILT) or \
            (kind == "function" and "function" in keys and keys.get("id") is BUILT):
        return "built_call_id"
    return None


def tool_lacks_parameters(node: ast.Dict, in_list: bool = True) -> bool:
    """``{"type": "function", "function": {"name": ..., "description": ...}}``: a tool definition (no "id": not a call)
    whose function literal has no "parameters" (optional on OpenAI, required by mistralai: ValidationError on every
    call; api-mapping.md §6.1, held-out review 48, H8)."""
    keys = _dict_constants(node)
    if keys.get("type") != "function" or "id" in keys or any(k is None for k in node.keys):
        return False
    inner = next((v for k, v in zip(node.keys, node.values) if isinstance(k, ast.Constant) and k.value == "function"),
                 None)
    if not isinstance(inner, ast.Dict) or any(k is None for k in inner.keys):
        return False
    named = _dict_constants(inner)
    # (a forced choice, `tool_choice={"type": "function", "function": {"name": ...}}`, has the same shape: a
    # definition is an element of a tools list, or describes itself)
    return "name" in named and "parameters" not in named and "arguments" not in named and \
        (in_list or "description" in named)


def _foreign_call_id(value: object) -> bool:
    from migrator.mapping.messages import MISTRAL_TOOL_CALL_ID

    return isinstance(value, str) and not MISTRAL_TOOL_CALL_ID.fullmatch(value)


class _Built:
    """A value the code builds (an f-string, a call such as ``str(uuid.uuid4())``): not read from a
    response, so its shape is the app's."""

    def __repr__(self) -> str:
        return "BUILT"


BUILT = _Built()


def _dict_constants(node: ast.Dict) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in zip(node.keys, node.values):
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            out[key.value] = value.value if isinstance(value, ast.Constant) else \
                BUILT if isinstance(value, (ast.JoinedStr, ast.Call)) else ...
    return out


RESPONSE_ATTRS = frozenset({*MISSING_RESPONSE_FIELDS, *UNSUPPORTED_RESPONSE_FIELDS, LEGACY_FUNCTION_CALL, *SERIALISERS,
                            *RENAMED_RESPONSE_FIELDS})


def file_read(node: ast.Attribute) -> bool:
    """An attribute MIG119 may rewrite on a converted files / batches result (its LibCST twin:
    ``visit_Attribute`` in codemods/files.py): a read of one of READ_SITE_ATTRS on a name, a call or
    an await, counted only where ``facts.file_api``."""
    return node.attr in READ_SITE_ATTRS and isinstance(node.ctx, ast.Load) and \
        isinstance(node.value, (ast.Name, ast.Call, ast.Await))


def type_check_class(node: ast.Call, qualify) -> Optional[str]:
    """The Mistral class for ``isinstance(x, <OpenAI response class>)``, else None."""
    from migrator.mapping.chat import RESPONSE_TYPES

    if isinstance(node.func, ast.Name) and node.func.id == "isinstance" and len(node.args) == 2 \
            and not node.keywords:
        return RESPONSE_TYPES.get(qualify(dotted_name(node.args[1])) or "")
    return None


def finish_reason_check(node: ast.Compare) -> "Optional[str | tuple]":
    """The OpenAI finish_reason value in ``x.finish_reason == "length"`` (or ``!=``), if mapped; the
    values of ``x.finish_reason in ("length", "stop")`` (or ``not in``, a list or set) when one is."""
    if len(node.ops) != 1 or not (isinstance(node.left, ast.Attribute) and node.left.attr == "finish_reason" or
                                  isinstance(node.left, ast.Name)):
        return None  # (a name: the plan follows it to `finish_reason = response.choices[0].finish_reason`)
    right = node.comparators[0]
    if isinstance(node.ops[0], (ast.Eq, ast.NotEq)) and isinstance(right, ast.Constant) and \
            right.value in FINISH_REASONS:
        return right.value
    if isinstance(node.ops[0], (ast.In, ast.NotIn)) and isinstance(right, (ast.Tuple, ast.List, ast.Set)) and \
            right.elts and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in right.elts) and \
            any(e.value in FINISH_REASONS for e in right.elts):  # type: ignore[attr-defined]
        return tuple(e.value for e in right.elts)  # type: ignore[attr-defined]
    return None


def delta_content(node: Optional[ast.AST]) -> bool:
    """``<...>.delta.content``: a stream delta's content; also ``getattr(delta, "content", None)`` of a
    ``<...>.delta`` or a name ``delta`` (re-review 45, B3)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr" and \
            len(node.args) >= 2 and isinstance(node.args[1], ast.Constant) and node.args[1].value == "content":
        owner = node.args[0]
        return isinstance(owner, ast.Attribute) and owner.attr == "delta" or \
            isinstance(owner, ast.Name) and owner.id == "delta"
    return isinstance(node, ast.Attribute) and node.attr == "content" and isinstance(node.value, ast.Attribute) \
        and node.value.attr == "delta"


def delta_content_names(tree: ast.AST) -> frozenset:
    """Names the module binds to a stream delta's content (``content = chunk.choices[0].delta.content``, or
    ``(text := chunk.choices[0].delta.content)``)."""
    return frozenset(target.id for node in ast_walk(tree) for target in _delta_targets(node))


def _delta_targets(node: ast.AST) -> list:
    if isinstance(node, ast.Assign) and delta_content(node.value):
        return [t for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, ast.NamedExpr) and delta_content(node.value):
        return [node.target]
    return []


def content_none_check(node: ast.Compare, delta_names: frozenset = frozenset()) -> Optional[bool]:
    """``x.content is None`` (True) / ``x.content is not None`` (False): how OpenAI code tells a tool-call
    reply (content None) from a text one. Mistral sends ``""`` with tool calls, so the test flips
    silently (probe g01); a converted message's check becomes a truth test. Also a name of ``delta_names``
    (``content = chunk.choices[0].delta.content``, then ``content is None``: re-review 43, W3)."""
    left = node.left.value if isinstance(node.left, ast.NamedExpr) else node.left  # `(text := ...content) is None`
    if len(node.ops) != 1 or not (isinstance(left, ast.Attribute) and left.attr == "content" or delta_content(left) or
                                  isinstance(left, ast.Name) and left.id in delta_names) or \
            not (isinstance(node.comparators[0], ast.Constant) and node.comparators[0].value is None):
        return None
    # (`== None` / `!= None` too: re-review 45, B3)
    return True if isinstance(node.ops[0], (ast.Is, ast.Eq)) else \
        False if isinstance(node.ops[0], (ast.IsNot, ast.NotEq)) else None


def unset_guard(node: ast.Compare) -> bool:
    """``x.usage is None`` / ``x.usage is not None``, or the same of a name (which the plan traces to such a read of a
    converted Responses result): the None test Mistral's ``Unset()`` passes (UNSET_MODEL_FIELDS)."""
    left = node.left
    return len(node.ops) == 1 and isinstance(node.ops[0], (ast.Is, ast.IsNot)) and \
        isinstance(node.comparators[0], ast.Constant) and node.comparators[0].value is None and \
        (isinstance(left, ast.Name) or isinstance(left, ast.Attribute) and left.attr in UNSET_MODEL_FIELDS)


def env_key(node: ast.AST) -> Optional[str]:
    """The OPENAI_* variable name read by ``os.environ[...]`` / ``os.getenv(...)`` etc., if any."""
    if isinstance(node, ast.Subscript):
        target, key = dotted_name(node.value), node.slice
        if target and (target == "environ" or target.endswith(".environ")):
            if isinstance(key, ast.Constant) and key.value in ENV_VARS:
                return key.value
    if isinstance(node, ast.Call) and node.args:
        target, key = dotted_name(node.func), node.args[0]
        if target and (any(target == g or target.endswith("." + g) for g in ENV_GETTERS) or target in ENV_SETTERS):
            if isinstance(key, ast.Constant) and key.value in ENV_VARS:
                return key.value
    return None


def run_name_read(node: ast.AST) -> bool:
    """A run's, an event's or a class's name: ``event["name"]``, ``serialized.get("name")``, ``run.name``,
    ``llm.get_name()``, ``type(llm).__name__``."""
    if isinstance(node, ast.Subscript):
        return isinstance(node.slice, ast.Constant) and node.slice.value == "name"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr == "get_name" or node.func.attr == "get" and bool(node.args) and \
            isinstance(node.args[0], ast.Constant) and node.args[0].value == "name"
    return isinstance(node, ast.Attribute) and node.attr in ("name", "__name__")


def env_membership_key(node: ast.AST) -> Optional[str]:
    """The OPENAI_* variable a membership test of the environment names (``"OPENAI_API_KEY" not in os.environ``):
    a check that the key is set, renamed with the clients it guards (re-review 46, D6)."""
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn)) and \
            isinstance(node.left, ast.Constant) and node.left.value in ENV_VARS:
        target = dotted_name(node.comparators[0])
        if target and (target == "environ" or target.endswith(".environ")):
            return node.left.value
    return None


# the methods of django-environ's / environs' Env reading a variable as a string
_ENV_READER_METHODS = ("str", "get_value")


def _env_reader_class(tree: ast.Module, callee: str) -> bool:
    """Is ``callee`` django-environ's or environs' ``Env`` as ``tree`` imports it (``environ.Env``, ``from environs
    import Env``)?"""
    head, _, last = callee.rpartition(".")
    if last != "Env":
        return False
    for statement in tree.body:
        if isinstance(statement, ast.ImportFrom) and statement.module in ("environ", "environs") and \
                statement.level == 0 and not head:
            if any(alias.name == "Env" and (alias.asname or alias.name) == last for alias in statement.names):
                return True
        elif isinstance(statement, ast.Import) and head:
            if any(alias.name in ("environ", "environs") and (alias.asname or alias.name) == head
                   for alias in statement.names):
                return True
    return False


def env_helpers(tree: ast.Module) -> frozenset:
    """The module's functions that read the environment variable named by their first parameter
    (``def _env_ok(var): return bool(os.getenv(var))``): a call naming OPENAI_API_KEY is a read of it
    (held-out review 42, U5: `if not _env_ok("OPENAI_API_KEY"): raise ...` stopped an app set up for Mistral)."""
    found = set()
    for statement in tree.body:
        # python-decouple's config("OPENAI_API_KEY", ...): the variable, from the environment or a .env file (held-out
        # review 136, X2: left as it was, with a TODO, where os.getenv's is renamed)
        if isinstance(statement, ast.ImportFrom) and statement.module == "decouple" and statement.level == 0:
            found.update(alias.asname or alias.name for alias in statement.names if alias.name == "config")
        elif isinstance(statement, ast.Import):
            found.update(f"{alias.asname or alias.name}.config" for alias in statement.names
                         if alias.name == "decouple")
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1 and \
                isinstance(statement.targets[0], ast.Name) and isinstance(statement.value, ast.Call) and \
                dotenv_values_call(statement.value):
            # `config = dotenv_values(".env")`: `config.get("OPENAI_API_KEY")` reads the variable from the .env file
            # (held-out review 157, Y2: left as it was, handed to the converted client, where os.getenv's is renamed)
            found.add(f"{statement.targets[0].id}.get")
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1 and \
                isinstance(statement.targets[0], ast.Name) and isinstance(statement.value, ast.Call) and \
                _env_reader_class(tree, dotted_name(statement.value.func) or ""):
            # django-environ's / environs' `env = Env()`: `env("OPENAI_API_KEY")`, `env.str("OPENAI_API_KEY")` read
            # the variable (from the environment, or the .env file read_env puts there; held-out review 140, X1: the
            # settings' guard stayed on OPENAI_API_KEY, where os.environ.get's is renamed)
            name = statement.targets[0].id
            found.update([name, *(f"{name}.{method}" for method in _ENV_READER_METHODS)])
        if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) or not statement.args.args:
            continue
        param = statement.args.args[0].arg
        for node in ast_walk(statement):
            # (the parameter first: the callee's name is only worked out for a call or subscript given it)
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Name) and \
                    node.args[0].id == param:
                callee = dotted_name(node.func) or ""
                read = any(callee == g or callee.endswith("." + g) for g in ENV_GETTERS[:2])
            elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Name) and node.slice.id == param:
                read = (dotted_name(node.value) or "").endswith("environ")
            elif isinstance(node, ast.Compare) and isinstance(node.left, ast.Name) and node.left.id == param and \
                    len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn)):
                # `if variable_name not in os.environ: st.stop()` (held-out review 112, Y2: the gate stopped the
                # converted app, silently)
                read = (dotted_name(node.comparators[0]) or "").endswith("environ")
            else:
                continue
            if read:
                found.add(statement.name)
                break
    return frozenset(found)


def openai_key_prefix_check(node: ast.AST) -> bool:
    """``key.startswith("sk-")``: a test that the key looks like OpenAI's, which a Mistral key never passes."""
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "startswith" and \
        len(node.args) == 1 and isinstance(node.args[0], ast.Constant) and openai_key_prefix(node.args[0].value)


def dotenv_values_call(node) -> bool:
    """Is ``node`` python-dotenv's ``dotenv_values(...)`` (``dotenv.dotenv_values(...)``)?"""
    return isinstance(node, ast.Call) and (dotted_name(node.func) or "").rsplit(".", 1)[-1] == "dotenv_values"


def env_helper_key(node: ast.AST, helpers: frozenset) -> Optional[str]:
    """The OPENAI_* variable a call of one of the module's ``env_helpers`` reads (``_env_ok("OPENAI_API_KEY")``), or
    ``dotenv_values().get("OPENAI_API_KEY")`` (the .env file's value)."""
    inline = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" and \
        dotenv_values_call(node.func.value)
    if not (isinstance(node, ast.Call) and (inline or helpers and (dotted_name(node.func) or "") in helpers)):
        return None
    # (the variable as the first argument, or by keyword: `require_env(var="OPENAI_API_KEY")`, re-review 45, B8)
    value = node.args[0] if node.args else next((kw.value for kw in node.keywords if isinstance(kw.value, ast.Constant)
                                                 and kw.value.value in ENV_VARS), None)
    return value.value if isinstance(value, ast.Constant) and value.value in ENV_VARS else None


def ctor_convertible(call: ast.Call, qualified: str) -> bool:
    if qualified in MANUAL_CLIENT_CLASSES or call.args:
        return False
    for kw in call.keywords:
        if kw.arg is None:
            return False
        rule = CLIENT_PARAMS.get(kw.arg)
        if rule is None or rule.policy is Policy.FAIL:
            return False
    return True


def chat_call_stream_literal(call: ast.Call) -> Optional[bool]:
    """True/False for ``stream=True/False`` literals (or no stream); None for an expression."""
    for kw in call.keywords:
        if kw.arg == "stream":
            if isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, bool):
                return kw.value.value
            return None
    return False


def chat_call_convertible(call: ast.Call) -> bool:
    if call.args or any(kw.arg is None for kw in call.keywords):
        return False
    if chat_call_stream_literal(call) is None:
        return False
    return all(kw.arg in CHAT_PARAMS and CHAT_PARAMS[kw.arg].policy is not Policy.FAIL
               for kw in call.keywords)


class _Collector(NodeVisitor):
    def __init__(self, facts: ModuleFacts) -> None:
        self.facts = facts
        self.path: Path = ()
        self.sites: list[tuple[tuple[int, int, int, int], str, Path, object]] = []
        self.stmt_parent: list[int] = []
        self.stmt_index: dict[int, int] = {}
        self.stmt_stack: list[int] = []
        self.name_iterations: list[tuple[str, int]] = []
        self.splat_calls: list[tuple[Path, str, ast.Call]] = []
        self.embedding_splat_calls: list[tuple[Path, str, ast.Call]] = []
        self.file_tuple_calls: list[tuple[Path, str, ast.Call]] = []  # transcriptions given file=<name>
        self.http_client_names: list[tuple[Path, str]] = []  # converted constructors given http_client=<name>
        self.stream_scopes: dict[Path, bool] = {}  # scopes with a chat call that may stream
        self.scopes: dict[Path, ast.AST] = {}  # (iterated name, statement) for stream loops
        self.chained: set[int] = set()  # attributes read through (`x.y` of `x.y.z`)
        self.called: set[int] = set()  # the callees of calls (`f` of `f(...)`)
        self.tree: ast.Module = ast.Module(body=[], type_ignores=[])

    # -- statement numbering ------------------------------------------------------------------
    def visit(self, node: ast.AST) -> None:
        if not isinstance(node, ast.stmt):
            return super().visit(node)
        facts = self.facts
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            facts.bound_names.add(node.name)  # a name new code must not shadow (or be shadowed by)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            facts.bound_names.update((a.asname or a.name).split(".")[0] for a in node.names if a.name != "*")
        index = len(facts.stmt_relevant)
        self.stmt_index[id(node)] = index
        facts.stmt_relevant.append(False)
        facts.stmt_size.append(1)
        facts.stmt_line.append(node.lineno)
        self.stmt_parent.append(self.stmt_stack[-1] if self.stmt_stack else -1)
        self.stmt_stack.append(index)
        super().visit(node)
        self.stmt_stack.pop()
        facts.stmt_size[index] = len(facts.stmt_relevant) - index

    def visit_Try(self, node: ast.Try) -> None:
        if self.facts.view is not None and self.stmt_stack and any(
                handler.type is None or isinstance(handler.type, ast.Name) and
                handler.type.id in ("Exception", "BaseException") for handler in node.handlers):
            self._generic_error_tests(node)
        self.generic_visit(node)

    def _generic_error_tests(self, node: ast.Try) -> None:
        """``except Exception as e:`` (or a bare except) around a call the plan converts, comparing strings with
        OpenAI's error codes or messages (facts.generic_error_tests)."""
        view = self.facts.view
        if not any(isinstance(n, ast.Call) and (view.site(n) or ("",))[:2] == ("call", CONVERT)
                   for statement in node.body for n in ast_walk(statement)):
            return
        codes: set = set()
        phrase, shown = "", "e"
        for handler in node.handlers:
            if handler.type is not None and not (isinstance(handler.type, ast.Name) and
                                                 handler.type.id in ("Exception", "BaseException")):
                continue
            texts = [operand.value for statement in handler.body for n in ast_walk(statement)
                     if isinstance(n, ast.Compare) for operand in (n.left, *n.comparators)
                     if isinstance(operand, ast.Constant) and isinstance(operand.value, str)]
            found = {text for text in texts if text in OPENAI_ERROR_CODES}
            phrase = phrase or next((text for text in texts if openai_error_phrase(text)), "")
            if found or phrase:
                codes |= found
                shown = handler.name or shown
        if codes or phrase:
            self.facts.generic_error_tests[self.stmt_stack[-1]] = (sorted(codes), phrase, shown)
            self.mark()

    def mark(self, index: Optional[int] = None) -> None:
        """The current statement (and so every enclosing one) holds something a rule touches."""
        if index is None:
            if not self.stmt_stack:
                return
            index = self.stmt_stack[-1]
        while index >= 0 and not self.facts.stmt_relevant[index]:
            self.facts.stmt_relevant[index] = True
            index = self.stmt_parent[index]

    # -- scopes -------------------------------------------------------------------------------
    def splat_scope(self, name: str, path: Optional[Path] = None) -> ast.AST:
        """Where ``**name`` in scope ``path`` (default: the current one) is built (``splat_scope``)."""
        path = self.path if path is None else path
        return splat_scope(self.tree, [self.scopes[path[:i]] for i in range(1, len(path) + 1)], name)

    def _enter(self, node: Union[ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef]) -> None:
        for deco in node.decorator_list:
            self.visit(deco)
        outer = self.path
        self.path = outer + (node.name,)
        self.scopes[self.path] = node
        if isinstance(node, ast.ClassDef):
            self.facts.class_paths.add(self.path)
            for base in node.bases + [k.value for k in node.keywords]:
                self.visit(base)
            for stmt in node.body:
                self.visit(stmt)
        else:
            self._params(node)
            for stmt in node.body:
                self.visit(stmt)
            if self.stream_scopes.pop(self.path, False):
                self._streams(node)
        self.path = outer

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _enter

    def _params(self, node: Union[ast.FunctionDef, ast.AsyncFunctionDef]) -> None:
        args = node.args
        for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]:
            if arg is None:
                continue
            self.facts.names_in_use.add(arg.arg)
            self.facts.stored_names.add(arg.arg)
            self.facts.scoped_names.add(arg.arg)
            self._role_param(arg)  # (`role="developer"`: its default is the function's to change)
            if arg.annotation is None:
                continue
            qualified = self._annotation_class(arg.annotation)
            if _is_mistral_annotation(arg.annotation):
                self.facts.mistral_names.setdefault(self.path, set()).add(arg.arg)
            if qualified in CLIENT_CLASSES:
                self.facts.bindings.setdefault(self.path, {})[arg.arg] = Binding(
                    CLIENT_CLASSES[qualified], True)
                self.mark()
            self.visit(arg.annotation)
        for default in [*args.defaults, *args.kw_defaults]:
            if default is not None:
                self.visit(default)
        if node.returns is not None:
            if self._annotation_class(node.returns) in CLIENT_CLASSES:
                self.mark()
            self.visit(node.returns)

    def _annotation_class(self, ann: ast.AST) -> Optional[str]:
        if isinstance(ann, ast.Subscript) and dotted_name(ann.value) in ("Optional", "typing.Optional"):
            return self._annotation_class(ann.slice)
        if union_member(ann) is not None:
            return self._annotation_class(union_member(ann))
        if isinstance(ann, ast.Subscript) and dotted_name(ann.value) in ANNOTATED and isinstance(ann.slice, ast.Tuple) \
                and ann.slice.elts:  # Annotated[OpenAI, Depends(get_client)]
            return self._annotation_class(ann.slice.elts[0])
        if isinstance(ann, ast.BinOp) and isinstance(ann.op, ast.BitOr):
            left, right = ann.left, ann.right
            if isinstance(right, ast.Constant) and right.value is None:
                return self._annotation_class(left)
            if isinstance(left, ast.Constant) and left.value is None:
                return self._annotation_class(right)
            return None
        return self.facts.qualify(dotted_name(ann))

    def _streams(self, node: Union[ast.FunctionDef, ast.AsyncFunctionDef]) -> None:
        """Find ``s = <streaming chat call>`` whose only uses are ``for x in s`` and ``st.write_stream(s)``
        in this function."""
        streams: dict[str, bool] = {}

        def streaming(call: ast.AST) -> bool:
            if not (isinstance(call, ast.Call) and is_chat_create(call.func)):
                return False
            if chat_call_stream_literal(call):
                return True
            splat = [kw.value.id for kw in call.keywords if kw.arg is None and isinstance(kw.value, ast.Name)]
            return len(splat) == 1 and _splat_dict(self.splat_scope(splat[0]), splat[0], call).stream

        beside: dict[str, frozenset] = {}  # stream name -> the other branch of its `if` (stream_branch)
        for sub in _walk_function(node):
            target = sub.targets[0] if isinstance(sub, ast.Assign) and len(sub.targets) == 1 else (
                sub.target if isinstance(sub, ast.AnnAssign) and sub.value is not None else None)
            if isinstance(target, ast.Name):  # `stream = ...`, `stream: Stream[ChatCompletionChunk] = ...`
                value = uncast(sub.value, self.facts.qualify)  # (`cast(AsyncStream[...], await ...)`: held-out review 28, G5)
                value = value.value if isinstance(value, ast.Await) else value
                if streaming(value):
                    streams[target.id] = True
                    region = stream_branch(node, target.id, sub)
                    if region is not None:
                        beside[target.id] = region[1]
            elif isinstance(sub, (ast.With, ast.AsyncWith)):
                for item in sub.items:
                    value = item.context_expr
                    value = value.value if isinstance(value, ast.Await) else value
                    if isinstance(item.optional_vars, ast.Name) and streaming(value):
                        streams[item.optional_vars.id] = True
        if not streams:
            return
        def streams_into(statement: Optional[ast.stmt], name: str) -> bool:
            value = uncast(bound_value(statement, name), self.facts.qualify)
            return streaming(value.value if isinstance(value, ast.Await) else value)

        for name in streams:
            stretches = None if name in beside else stream_stretches(node, name)
            if stretches is not None:  # straight-line rebinding: the stretches of other values are beside
                beside[name] = frozenset().union(*(ids for statement, ids in stretches
                                                   if not streams_into(statement, name)))
        iterated: set[int] = set()  # `for x in s` statements and comprehensions, x a plain name
        writers = self.facts.stream_writers or StreamWriters()
        for sub in _walk_function(node):
            if isinstance(sub, (ast.For, ast.AsyncFor, ast.comprehension)) and \
                    isinstance(iter_of(sub.iter) or sub.iter, ast.Name):  # (`for x in iter(s)`: E4)
                if isinstance(sub.target, ast.Name):
                    iterated.add(id(iter_of(sub.iter) or sub.iter))
            elif isinstance(enumerated(sub), ast.Name):  # `for i, chunk in enumerate(stream)` (G6)
                iterated.add(id(enumerated(sub)))
            elif isinstance(sub, ast.Call) and sub.args and written_stream(writers, sub, sub.args[0]):
                iterated.add(id(sub.args[0]))  # st.write_stream(stream): rewritten with the loops
        # `print(type(stream))`: its class read while debugging, consuming nothing (held-out review 123, Y5)
        inert = {id(class_read(sub)) for sub in _walk_function(node) if class_read(sub) is not None}
        # (or logged, `logger.info(stream)`: its repr; held-out review 128, Y6)
        inert |= {id(value) for sub in _walk_function(node) for value in shown_values(sub)}
        # (or closed, `async with stream:` / `await stream.close()`: Mistral's event streams close alike; the plan's
        # _stream_consumer_problem twin, held-out review 141, X2)
        inert |= {id(item.context_expr) for sub in _walk_function(node) if isinstance(sub, (ast.With, ast.AsyncWith))
                  for item in sub.items if isinstance(item.context_expr, ast.Name) and item.optional_vars is None}
        inert |= {id(sub.func.value) for sub in _walk_function(node) if isinstance(sub, ast.Call) and
                  isinstance(sub.func, ast.Attribute) and sub.func.attr == "close" and not sub.args and
                  isinstance(sub.func.value, ast.Name)}
        for sub in _walk_function(node):
            if isinstance(sub, ast.Name) and sub.id in streams and isinstance(sub.ctx, ast.Load) and \
                    id(sub) not in inert:
                if id(sub) in beside.get(sub.id, ()):
                    if id(sub) in iterated:
                        streams[sub.id] = False  # a loop over the other branch's value: not an event stream
                elif id(sub) not in iterated:
                    streams[sub.id] = False
        self._stream_closures(node, streams, beside)
        self.facts.streams[self.path] = streams

    def _stream_closures(self, node: ast.AST, streams: dict[str, bool], beside: dict[str, frozenset]) -> None:
        """Functions nested in ``node`` reading its streams (a FastAPI / Flask handler's ``def gen(): for chunk in
        stream: yield ...``, returned to the framework; held-out review 123, X2: the call converted, the closure's
        loop was not rewritten and read ``chunk.choices`` off Mistral's events, and no TODO said so). A closure's
        ``for x in stream`` is rewritten as the function's own (``stream_closures``); any other read there (a lambda's,
        ``enumerate(stream)``, a ``nonlocal``) makes the stream one the rules do not follow (its TODO)."""
        def nested(parent: ast.AST, path: Path) -> Iterator[tuple[ast.AST, Path]]:
            for sub in (parent, *_walk_function(parent)):
                for child in ast.iter_child_nodes(sub):
                    if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                        inner = path if isinstance(child, ast.Lambda) else path + (child.name,)
                        yield child, inner
                        yield from nested(child, inner)

        for inner, path in nested(node, self.path):
            args = inner.args
            bound = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg) if a}
            body = list(_walk_function(inner))
            bound |= {n.id for n in body if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
            declared = {name for n in body if isinstance(n, (ast.Global, ast.Nonlocal)) for name in n.names}
            loops = {id(iter_of(sub.iter) or sub.iter) for sub in body
                     if isinstance(sub, (ast.For, ast.AsyncFor, ast.comprehension)) and
                     isinstance(sub.target, ast.Name) and isinstance(iter_of(sub.iter) or sub.iter, ast.Name)}
            for sub in body:
                if not (isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load) and sub.id in streams) or \
                        sub.id in bound - declared:
                    continue
                if id(sub) in loops and not isinstance(inner, ast.Lambda) and sub.id not in declared and \
                        sub.id not in beside:
                    self.facts.stream_closures.setdefault(path, {})[sub.id] = self.path
                else:
                    streams[sub.id] = False

    # -- imports --------------------------------------------------------------------------------
    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name.split(".", 1)[0] in SEPARATE_PACKAGES or alias.name in OLD_MODULE_IMPORTS:
                self.facts.mistral_old = True  # `import mistralai_azure`, `import mistralai`: MIG122's TODO
                self.mark()
            if alias.name == "openai" or alias.name.startswith("openai."):
                if alias.asname:
                    self.facts.openai_modules[alias.asname] = alias.name
                else:
                    self.facts.openai_modules["openai"] = "openai"

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if node.level == 0 and module.startswith("mistralai") and \
                old_import(module, tuple(alias.name for alias in node.names)) is not None:
            self.facts.mistral_old = True  # mistralai 1.x / 0.x (MIG122)
            self.mark()
        if node.level == 0 and (module == "openai" or module.startswith("openai.")):
            for alias in node.names:
                self.facts.imported[alias.asname or alias.name] = f"{module}.{alias.name}"
            if module == "openai.embeddings_utils" or module == "openai" and any(a.name == "BaseModel"
                                                                                 for a in node.names):
                # (its numpy helpers' import: MIG106 says it keeps openai 0.x, held-out review 102, Y10; openai's
                # re-export of pydantic's BaseModel, review 104, X2)
                self.mark()

    # -- bindings and sites ------------------------------------------------------------------------
    def _site(self, node: ast.AST, kind: str) -> object:
        key = (node.lineno, node.col_offset, -node.end_lineno, -node.end_col_offset)  # type: ignore[attr-defined]
        view = self.facts.view
        answer = view.site(node) if view is not None else None  # type: ignore
        self.sites.append((key, kind, self.path, answer))
        self.mark()
        return answer

    def visit_Call(self, node: ast.Call) -> None:
        self.called.add(id(node.func))
        if isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name) and node.args and \
                isinstance(node.args[0], ast.Constant) and node.args[0].value == "OPENAI_API_KEY":
            self.mark()  # `env.get("OPENAI_API_KEY")` of `from os import environ as env`: MIG101's TODO (166, Y2)
        if openai_key_prefix_check(node):
            self.mark()  # `key.startswith("sk-")`: MIG101's TODO where the module's clients convert (46, D3)
        if node.args and isinstance(node.args[0], ast.Name) and self.stmt_stack and \
                written_stream(self.facts.stream_writers or StreamWriters(), node, node.args[0]):
            self.name_iterations.append((node.args[0].id, self.stmt_stack[-1]))  # st.write_stream(stream)
        if output_text_getattr(node) and self.facts_uses_openai:
            self._site(node, RTEXT)  # `getattr(response, "output_text", "")` (held-out review 109, Y6)
        qualified = self.facts.qualify(dotted_name(node.func))
        if qualified in CLIENT_CLASSES or qualified in MANUAL_CLIENT_CLASSES:
            answer = self._site(node, CTOR)
            if isinstance(answer, (tuple, list)) and tuple(answer[:2]) == ("ctor", CONVERT) and \
                    not any(keyword.arg == "max_retries" for keyword in node.keywords):
                self.facts.default_retry_ctors += 1
            if isinstance(answer, (tuple, list)) and tuple(answer[:2]) == ("ctor", CONVERT):
                self.http_client_names.extend((self.path, kw.value.id) for kw in node.keywords
                                              if kw.arg == "http_client" and isinstance(kw.value, ast.Name))
        elif chat_method(node.func) is not None:
            self._site(node, CHAT)
            answer = self.facts.view.site(node) if self.facts.view is not None and self.stmt_stack else None
            if answer is not None and answer[0] == "v0":  # a legacy call kept on v0: MIG106's TODO
                base = (self.stmt_stack[-1], dotted_name(node.func) or "")
                occurrence = sum(1 for key in self.facts.api_sites if key[:2] == base)
                self.facts.api_sites[(*base, occurrence)] = (node.lineno, answer)
            if chat_call_stream_literal(node) is not False or any(kw.arg is None for kw in node.keywords):
                self.stream_scopes[self.path] = True
            splats = [kw.value.id for kw in node.keywords if kw.arg is None and isinstance(kw.value, ast.Name)]
            if len(splats) == 1 and not node.args:
                self.splat_calls.append((self.path, splats[0], node))
        elif v0_read(node) and self.facts_uses_openai:
            self._site(node, V0READ)
        elif env_key(node) or env_helper_key(node, self.facts.env_helpers):
            self._site(node, ENV)
        elif type_check_class(node, self.facts.qualify) is not None:
            self._site(node, TYPECHECK)
        elif self.facts.view is not None and self.stmt_stack:
            answer = self.facts.view.site(node)  # type: ignore[attr-defined]
            if answer is not None and answer[0] in ("v0", "call", "wrapped-ctor", "iwrap", "icall", "provider", "instr",
                                                    "sdkpatch", "apppatch"):
                # Keyed by (statement, callee, occurrence): MIG106 has no site-order twin to count with.
                base = (self.stmt_stack[-1], dotted_name(node.func) or "")
                occurrence = sum(1 for key in self.facts.api_sites if key[:2] == base)
                self.facts.api_sites[(*base, occurrence)] = (node.lineno, answer)
                self.mark()
        if embeddings_create(node.func) and not node.args:
            splats = [kw.value.id for kw in node.keywords if kw.arg is None and isinstance(kw.value, ast.Name)]
            if len(splats) == 1:  # `client.embeddings.create(**kwargs)` (held-out review 76, X5)
                self.embedding_splat_calls.append((self.path, splats[0], node))
        if self.facts.view is not None and transcription_create(node.func):
            files = [kw.value.id for kw in node.keywords if kw.arg == "file" and isinstance(kw.value, ast.Name)]
            if files:  # (held-out review 77, X3)
                self.file_tuple_calls.append((self.path, files[0], node))
        if len(node.args) == 2 and isinstance(node.args[1], ast.Name) and \
                (dotted_name(node.func) or "").endswith(("getenv", "environ.get")):
            self.mark()  # os.getenv("LLM", DEFAULT_MODEL): MIG102's TODO when the plan maps the constant
        if len(node.args) == 2 and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str) \
                and node.args[1].value.startswith("sk-") and (dotted_name(node.func) or "").endswith(
                    ("getenv", "environ.get")):
            self.mark()  # os.environ.get("KEY", "sk-proj-..."): MIG101's secret-default TODO (held-out review 131, X1)
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if isinstance(node.value, ast.Attribute):
            self.chained.add(id(node.value))  # `openai.ChatCompletion.create`: the resource is called through
            if node.value.attr in V0_RESOURCES and node.attr in V0_METHODS and isinstance(node.value.value, ast.Name) \
                    and self.facts.openai_modules.get(node.value.value.id) == "openai" and \
                    isinstance(node.ctx, ast.Load) and id(node) not in self.called:
                self.mark()  # `create = openai.ChatCompletion.create`: MIG106's TODO (re-review 45, A14)
        elif id(node) not in self.chained and node.attr in V0_RESOURCES and isinstance(node.value, ast.Name) and \
                self.facts.openai_modules.get(node.value.id) == "openai" and isinstance(node.ctx, ast.Load):
            self.mark()  # `Completion = openai.ChatCompletion`, `return openai.ChatCompletion`: MIG106's TODO
        # `.bytes` is a log-probability token's (MIG105) or, in a module with files calls, a file's size (MIG119)
        file_size = node.attr in RENAMED_RESPONSE_FIELDS and self.facts.file_api and file_read(node)
        if node.attr in RESPONSE_ATTRS and isinstance(node.ctx, ast.Load) and self.facts_uses_openai and \
                not file_size:
            self._site(node, READ)
        elif (node.attr in ("output_text", "output_parsed") or node.attr == "parsed" and
              parsed_output_owner(node) is not None) and isinstance(node.ctx, ast.Load) and self.facts_uses_openai:
            self._site(node, RTEXT)  # (`r.output[0].content[0].parsed`: output_parsed spelled out, 148 Y6)
        elif node.attr == "text" and isinstance(node.ctx, ast.Load) and self.facts_uses_openai and \
                isinstance(node.value, ast.Subscript) and isinstance(node.value.value, ast.Attribute) and \
                node.value.value.attr == "choices":
            self._site(node, CTEXT)
        elif file_read(node) and self.facts.file_api and self.facts_uses_openai:
            self._site(node, FREAD)
        elif node.attr == "flagged" and self.facts_uses_openai:
            self.mark()  # MIG109 rewrites a converted moderation result's .results[i].flagged
        if node.attr in SPEECH_READS and self.facts.view is not None and \
                (self.facts.view.site(node) or ("",))[0] == "speechread":  # type: ignore[attr-defined]
            self.mark()  # MIG120 rewrites a converted speech result's .content / .write_to_file(path) ...
        if (node.attr == V0_ELAPSED or node.attr in V0_DERIVED) and self.facts_uses_openai:
            # a converted v0 chat result's response_ms: the timing's name; a moderation result's .flagged, a fill-in-
            # the-middle choice's .text read as attributes: the derived fields (MIG118)
            self._site(node, V0READ)
        self._exception_site(node)
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        if (finish_reason_check(node) is not None or content_none_check(node, self.facts.delta_names) is not None) \
                and self.facts_uses_openai:
            self._site(node, READ)
        elif env_membership_key(node):
            self._site(node, ENV)
        elif isinstance(node.left, ast.Constant) and node.left.value == "OPENAI_API_KEY":
            self.mark()  # `"OPENAI_API_KEY" in env` of `from os import environ as env` (held-out review 166, Y2)
        if self.facts.reads_responses and unset_guard(node) and self.facts_uses_openai:
            self._site(node, RGUARD)
        if v0_key_test(node) and self.facts_uses_openai:
            self._site(node, V0READ)  # `"choices" in response` of a converted v0 result (MIG118)
        if openai_module_check(node, self.facts):
            self.mark()  # `if openai is None:` of an `except ImportError: openai = None` guard (held-out 125, X2)
        self.generic_visit(node)

    @property
    def facts_uses_openai(self) -> bool:
        return self.facts.reads_openai_results

    def visit_List(self, node: ast.List) -> None:
        self.__dict__.setdefault("_listed", set()).update(id(e) for e in node.elts if isinstance(e, ast.Dict))
        self.generic_visit(node)

    def _in_list(self, node: ast.Dict) -> bool:
        return id(node) in self.__dict__.get("_listed", ())

    def visit_Dict(self, node: ast.Dict) -> None:
        if message_change(_dict_constants(node)) or tool_lacks_parameters(node, self._in_list(node)):
            self._site(node, MSG)
        elif self.facts.file_api and self.facts_uses_openai and \
                line_dict([k.value if isinstance(k, ast.Constant) else None for k in node.keys]):
            self._site(node, BLINE)
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        if env_key(node):
            self._site(node, ENV)
        elif v0_read(node) and self.facts_uses_openai:
            self._site(node, V0READ)
        elif isinstance(node.slice, ast.Constant) and node.slice.value == "OPENAI_API_KEY" and \
                dotted_name(node.value) in STREAMLIT_SECRETS:
            self.mark()  # a Streamlit secret the environment mirrors: MIG101's TODO where clients convert (65, X5)
        elif isinstance(node.slice, ast.Constant) and node.slice.value == "OPENAI_API_KEY" and \
                isinstance(node.value, ast.Name):
            self.mark()  # `env["OPENAI_API_KEY"]` of `from os import environ as env`: MIG101's TODO (166, Y2)
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and len(node.value) < 64 and (
                slot_model_literal(node.value) or fine_tuned(node.value)):
            self.mark()  # a model name MIG102 maps where it is set (an OpenAI fine-tuned one: a TODO)
        elif node.value == "developer" and self.facts.view is not None and self.facts.view.developer_roles:
            self.mark()  # `SYSTEM_ROLE = "developer"`, `to_message("developer", ...)`: MIG104 may write "system"

    def visit_For(self, node: Union[ast.For, ast.AsyncFor]) -> None:
        iterated = iter_of(node.iter) or enumerated(node) or node.iter
        if isinstance(iterated, ast.Name) and self.stmt_stack:
            self.name_iterations.append((iterated.id, self.stmt_stack[-1]))
        view = self.facts.view
        answer = view.site(node) if view is not None and self.stmt_stack else None  # type: ignore[attr-defined]
        if answer is not None and answer[:2] == ("rstream", True):
            self.facts.stream_loops.add(self.stmt_stack[-1])  # the loop the plan checked: MIG110 unwraps frames
            self.mark()
        self.generic_visit(node)

    visit_AsyncFor = visit_For

    def visit_comprehension(self, node: ast.comprehension) -> None:
        iterated = iter_of(node.iter) or node.iter
        if isinstance(iterated, ast.Name) and self.stmt_stack:
            self.name_iterations.append((iterated.id, self.stmt_stack[-1]))
        self.generic_visit(node)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        for value in node.values:  # the text parts of an f-string are not model literals
            if isinstance(value, ast.FormattedValue):
                self.visit(value)
            elif isinstance(value, ast.Constant) and isinstance(value.value, str) and "OPENAI_API_KEY" in value.value:
                # `print(f"OPENAI_API_KEY found: {...}")` reporting on a read MIG101 renames (held-out review 106, X10)
                self.mark()

    def visit_keyword(self, node: ast.keyword) -> None:
        if node.arg == "role" and isinstance(node.value, ast.Constant) and node.value.value == "developer" and \
                self.facts.view is not None and self.facts.view.developer_roles:
            self.mark()  # MIG104 writes "system" (held-out review 68, X1)
        self.generic_visit(node)

    def visit_arg(self, node: ast.arg) -> None:
        self._role_param(node)
        self.generic_visit(node)

    def _role_param(self, node: ast.arg) -> None:
        if node.arg == "role" and self.facts.view is not None and self.facts.view.developer_roles:
            self.mark()  # `def add_message(content, role="developer")`: MIG104 may write "system" in its default

    def visit_Name(self, node: ast.Name) -> None:
        self.facts.names_in_use.add(node.id)
        if not isinstance(node.ctx, ast.Load):
            self.facts.stored_names.add(node.id)
            if self.path:
                self.facts.scoped_names.add(node.id)
        self._exception_site(node)

    # ---- MIG103 (codemods/exceptions.py): references to OpenAI exception classes --------------------
    def _exception_site(self, node: Union[ast.Name, ast.Attribute]) -> None:
        if self.facts_uses_openai and error_rule(self.facts.qualify(dotted_name(node))) is not None:
            self._site(node, EXC)
        elif self.facts.view is not None and self.facts.view.reexported_errors and \
                dotted_name(node) in self.facts.view.reexported_errors:
            self.mark()  # an OpenAI error class read through another module of the tree: MIG103's TODO
    # ---- end MIG103 -----------------------------------------------------------------------------------

    def _bind(self, target: ast.AST, value: Optional[ast.AST]) -> None:
        if isinstance(value, ast.Await):
            value = value.value
        if not isinstance(value, ast.Call):
            return
        dotted = dotted_name(value.func)
        qualified = self.facts.qualify(dotted)
        if qualified in CLIENT_CLASSES or qualified in MANUAL_CLIENT_CLASSES:
            binding: Optional[Binding] = Binding(CLIENT_CLASSES.get(qualified, False),
                                                 ctor_convertible(value, qualified))
        elif dotted in self.facts.factories and not value.args and not value.keywords:
            binding = self.facts.factories[dotted]
        elif dotted and dotted.split(".")[-1] == "Mistral":
            binding = None  # a converted client
        else:
            return
        if isinstance(target, ast.Name):
            self._record(self.facts.bindings.setdefault(self.path, {}),
                         self.facts.mistral_names.setdefault(self.path, set()), target.id, binding)
        elif (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
              and target.value.id == "self"):
            for i in range(len(self.path) - 1, -1, -1):
                if self.path[:i] in self.facts.class_paths:
                    self._record(self.facts.self_attrs.setdefault(self.path[:i], {}),
                                 self.facts.mistral_attrs.setdefault(self.path[:i], set()), target.attr, binding)
                    break

    @staticmethod
    def _record(bindings: dict[str, Binding], mistral: set[str], name: str, binding: Optional[Binding]) -> None:
        """Bind ``name`` to a client (``binding``) or to a Mistral client (None). A name bound to
        different clients in one scope is ambiguous: which one a call uses depends on the flow."""
        previous = bindings.get(name)
        if binding is None:
            if previous is not None:
                bindings[name] = AMBIGUOUS
            mistral.add(name)
        elif (previous is not None and previous != binding) or name in mistral:
            bindings[name] = AMBIGUOUS
        else:
            bindings[name] = binding

    def visit_Assign(self, node: ast.Assign) -> None:
        if self.facts.view is not None and self.facts.reads_secrets and len(node.targets) == 1 and \
                isinstance(node.targets[0], ast.Name) and node.targets[0].id in self.facts.view.key_names:
            self.mark()  # `OPENAI_API_KEY = st.secrets.get(...)` the plan renames with the secret (92, X3)
        if self.facts.view is not None and not self.stmt_stack[:-1] and len(node.targets) == 1 and \
                isinstance(node.targets[0], ast.Name) and \
                node.targets[0].id in self.facts.view.plan.base_url_args.get(self.facts.view.path, {}):
            self.mark()  # `BASE_URL = os.getenv("BASE_URL", "https://api.openai.com/v1")` handed to a converted
            # client's base_url parameter (MIG101 maps it; held-out review 109, X5)
        # (`openai.api_key, TOKEN = sys.argv[1:3]`: an element of a tuple target too; held-out review 137, Y2)
        for target in [e for t in node.targets for e in (t.elts if isinstance(t, (ast.Tuple, ast.List)) else [t])]:
            if (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
                    and (self.facts.openai_modules.get(target.value.id) == "openai" or self.facts.view is not None and
                         (self.facts.view.site(target) or ("",))[0] == "modcfg")  # (a star import's: review 125, Y3)
                    and target.attr in MODULE_CLIENT_SETTINGS):
                self.facts.openai_modules.setdefault(target.value.id, "openai")  # (the plan's: a star import's)
                self._site(target, MODCFG)
                self.facts.module_settings.add(target.attr)
                if target.attr == "max_retries":
                    value = node.value.value if isinstance(node.value, ast.Constant) else None
                    self.facts.module_retries = value if type(value) is int and value >= 0 else "?"
        if self.facts.view is not None and self.stmt_stack and (
                isinstance(node.targets[0], ast.Attribute) and
                (self.facts.view.site(node) or ("",))[0] in ("apppatch", "sdkpatch") or  # type: ignore[attr-defined]
                (self.facts.view.site(node) or ("",))[0] == "registry"):  # type: ignore[attr-defined]
            # `fake.chat.completions.create.return_value = ...` on a converted client's fake: MIG106's TODO
            self.facts.api_sites[(self.stmt_stack[-1], "=", 0)] = (node.lineno, self.facts.view.site(node))
            self.mark()
        if self.facts.view is not None and self.stmt_stack and \
                (self.facts.view.site(node) or ("",))[0] == "v0timed":  # type: ignore[attr-defined]
            # a converted v0 chat call whose result's response_ms is read: MIG118 times the statement
            self.facts.api_sites[(self.stmt_stack[-1], "timed", 0)] = (node.lineno, self.facts.view.site(node))
            self.mark()
        self._resource_alias(node)
        if isinstance(node.value, ast.Subscript) and isinstance(node.value.slice, ast.Tuple) and \
                node.value.slice.elts and self._annotation_class(node.value.slice.elts[0]) in CLIENT_CLASSES and \
                (dotted_name(node.value.value) or "").rsplit(".", 1)[-1] == "Annotated":
            self.mark()  # `LLM = Annotated[AsyncOpenAI, Depends(get_llm)]`: MIG101 retypes it (held-out review 67, X4)
        for target in node.targets:
            self._bind(target, node.value)
        self.generic_visit(node)

    def _resource_alias(self, node: Union[ast.Assign, ast.AnnAssign]) -> None:
        """``self.assistants = client.beta.assistants``: an OpenAI resource with no Mistral counterpart kept under
        another name, whose calls migrator does not see (the plan's "alias" site): MIG106's TODO here."""
        if self.facts.view is not None and self.stmt_stack and isinstance(node.value, ast.Attribute):
            answer = self.facts.view.site(node.value)  # type: ignore[attr-defined]
            if answer is not None and answer[0] == "alias":
                self.facts.api_sites[(self.stmt_stack[-1], "alias", 0)] = (node.lineno, answer)
                self.mark()

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._resource_alias(node)
        if self._annotation_class(node.annotation) in CLIENT_CLASSES:
            self.mark()
        if openai_typed_value(node, self.facts.qualify):
            self._site(node, ANNOT)  # (the plan's "annot" site: plan.decide, its twin)
        self._bind(node.target, node.value)
        self.generic_visit(node)

    def visit_With(self, node: Union[ast.With, ast.AsyncWith]) -> None:
        for item in node.items:
            if item.optional_vars is not None:
                self._bind(item.optional_vars, item.context_expr)
        self.generic_visit(node)

    visit_AsyncWith = visit_With


CAST_NAMES = frozenset({"cast", "typing.cast", "t.cast", "typing_extensions.cast"})


def uncast(value: Optional[ast.AST], qualify) -> Optional[ast.AST]:
    """``x`` of ``typing.cast(T, x)`` where ``T`` names an OpenAI type (``AsyncStream[ChatCompletionChunk]``: a
    type checker's hint, nothing at run time, which MIG102 drops with the call's conversion), else ``value``."""
    if isinstance(value, ast.Call) and len(value.args) == 2 and not value.keywords and \
            dotted_name(value.func) in CAST_NAMES and any(
                (qualify(dotted_name(n)) or "").startswith("openai.") for n in ast_walk(value.args[0])
                if isinstance(n, (ast.Name, ast.Attribute))):
        return value.args[1]
    return value


def union_member(ann: ast.AST) -> Optional[ast.AST]:
    """``X`` of ``Union[X]`` / ``Union[X, None]`` (held-out review 12, G2: propertyai's ``client: Union[AsyncOpenAI]``
    was not taken for a client annotation), else None."""
    if not (isinstance(ann, ast.Subscript) and dotted_name(ann.value) in ("Union", "typing.Union")):
        return None
    members = [m for m in (ann.slice.elts if isinstance(ann.slice, ast.Tuple) else [ann.slice])
               if not (isinstance(m, ast.Constant) and m.value is None)]
    return members[0] if len(members) == 1 else None


def stream_branch(function: ast.AST, name: str, assign: ast.AST) -> Optional[tuple[frozenset, frozenset]]:
    """``if stream: response = create(..., stream=True); for chunk in response: ...`` / ``else: response =
    create(...); response.choices[0]...``: the ids of the nodes of the branch holding ``assign`` (a statement
    binding ``name``) and of the other branch, when the two bind ``name`` apart: ``assign`` is the one binding
    in its branch, every other binding is in the other one, every read is in one of the two, and no loop
    around the ``if`` carries a value from one pass to the next (held-out review 11, F4). Else None."""
    parents: dict[int, ast.AST] = {}
    for sub in [function, *_walk_function(function)]:
        for child in ast.iter_child_nodes(sub):
            parents[id(child)] = sub
    branch = other = None
    holder = parents.get(id(assign))
    if isinstance(holder, ast.If):
        if any(statement is assign for statement in holder.body):
            branch, other = holder.body, holder.orelse
        elif any(statement is assign for statement in holder.orelse):
            branch, other = holder.orelse, holder.body
    if branch is None or not other:
        return None
    up = parents.get(id(holder))
    while up is not None and up is not function:
        if isinstance(up, (ast.For, ast.AsyncFor, ast.While)):
            return None
        up = parents.get(id(up))

    def ids(statements: list) -> frozenset:
        return frozenset(id(node) for statement in statements for node in ast_walk(statement))

    inside, beside = ids(branch), ids(other)
    own = 0
    for sub in _walk_function(function):
        if isinstance(sub, ast.Name) and sub.id == name:
            if id(sub) in inside:
                own += not isinstance(sub.ctx, ast.Load)
            elif id(sub) not in beside:
                return None
    return (inside, beside) if own == 1 else None


def bound_value(statement: Optional[ast.AST], name: str) -> Optional[ast.AST]:
    """What ``statement`` binds to ``name`` itself: the value of ``name = <value>`` / ``name: T = <value>``, the
    context of ``with <value> as name:``; else None."""
    if isinstance(statement, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in statement.targets) \
            or isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) and \
            statement.target.id == name:
        return statement.value
    if isinstance(statement, (ast.With, ast.AsyncWith)):
        return next((item.context_expr for item in statement.items
                     if isinstance(item.optional_vars, ast.Name) and item.optional_vars.id == name), None)
    return None


def stream_stretches(function: ast.AST, name: str) -> Optional[list[tuple[Optional[ast.stmt], frozenset]]]:
    """``result = claude.messages.stream(...)``, ``with result as stream: ...`` (another SDK's stream), then
    ``stream = client.chat.completions.create(..., stream=True)`` and ``for chunk in stream: ...`` in one script or
    notebook: (binding statement, ids of the nodes it reaches) for each binding of ``name``, in order, when every
    binding is a statement of the function's own body (``name = ...``, ``with ... as name:``): straight-line code,
    where each statement's binding reaches the statements up to the next one (the first stretch, before any
    binding, has None). Else None: a binding nested in a branch or a loop, a value reading the name, a nested
    function or a global statement reading it (held-out review 52, N10: 7 course notebooks kept their client)."""
    body = getattr(function, "body", None)
    if not isinstance(body, list):
        return None
    starts: list[int] = []
    for index, statement in enumerate(body):
        value = bound_value(statement, name)
        if value is not None:
            if isinstance(statement, (ast.Assign, ast.AnnAssign)) and any(
                    isinstance(n, ast.Name) and n.id == name for n in ast_walk(value)):
                return None  # `stream = wrap(stream)`: the value reads the binding before
            starts.append(index)
            stores = [n for n in ast_walk(statement) if isinstance(n, ast.Name) and n.id == name
                      and not isinstance(n.ctx, ast.Load)]
            if len(stores) != 1:
                return None
        elif any(isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load)
                 or isinstance(n, (ast.Global, ast.Nonlocal)) and name in n.names for n in ast_walk(statement)):
            return None  # bound inside a branch, a loop, a try, or declared global
    if len(starts) < 2:
        return None
    for node in ast_walk(function):  # a nested function reading the name (not its own) sees the latest binding
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)) and node is not function:
            inner = list(ast_walk(node))
            own = any(isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load)
                      or isinstance(n, ast.arg) and n.arg == name for n in inner)
            if not own and any(isinstance(n, ast.Name) and n.id == name for n in inner):
                return None

    def ids(statements: list) -> frozenset:
        return frozenset(id(node) for statement in statements for node in ast_walk(statement))

    bounds = [0, *starts, len(body)]
    return [(body[bounds[i]] if i else None, ids(body[bounds[i]:bounds[i + 1]])) for i in range(len(bounds) - 1)]


def _nested_key_write(target: ast.Subscript, name: str) -> "tuple[ast.Name, str] | None":
    """(the ``name`` node, its first key) for ``name["key"][...]...`` written two subscripts deep or more, else None."""
    node: ast.AST = target.value
    while isinstance(node, ast.Subscript):
        if isinstance(node.value, ast.Name):
            if node.value.id == name and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
                return node.value, node.slice.value
            return None
        node = node.value
    return None


def _walk_function(node: ast.AST) -> Iterator[ast.AST]:
    """Walk a function body without descending into nested functions, classes or lambdas."""
    todo = list(ast.iter_child_nodes(node))
    while todo:
        sub = todo.pop()
        if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        yield sub
        todo.extend(ast.iter_child_nodes(sub))


def gather(tree: ast.Module, repo: tuple = (), view=None) -> ModuleFacts:
    """Facts about one module; ``repo`` holds the exports of the repo's other modules
    (``codemods._repo.Export``), so that imported clients and factories resolve; ``view`` is the
    conversion plan's view of this module (``migrator.plan.FileView``), whose per-site answers the
    rules apply."""
    facts = ModuleFacts()
    facts.view = view
    facts.tree = tree
    facts.env_helpers = getattr(view, "env_helpers", frozenset())
    collector = _Collector(facts)
    collector.tree = tree
    # Imports first, wherever they are, so that names used before a late import still resolve.
    imports: list[ast.AST] = []
    env_read = False
    declares_global = False
    delta_names: set = set()
    for node in ast_walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("getenv", "environ", "dotenv_values") or \
                isinstance(node, ast.Name) and node.id in ("getenv", "environ", "dotenv_values") or \
                isinstance(node, ast.ImportFrom) and node.module in ("decouple", "environ", "environs") or \
                isinstance(node, ast.Import) and any(a.name in ("decouple", "environ", "environs")
                                                     for a in node.names):  # (their config / Env)
            env_read = True
        elif isinstance(node, ast.Attribute) and node.attr == "secrets":
            facts.reads_secrets = True
        elif isinstance(node, ast.Global):
            declares_global = True
        elif isinstance(node, (ast.Assign, ast.NamedExpr)):  # (delta_content_names, in this walk)
            delta_names.update(t.id for t in _delta_targets(node))
        if isinstance(node, ast.Call):
            if not facts.file_api and isinstance(node.func, ast.Attribute) and \
                    isinstance(node.func.value, ast.Attribute) and \
                    f"{node.func.value.attr}.{node.func.attr}" in FILE_METHODS:
                facts.file_api = True
        elif isinstance(node, ast.Import):
            imports.append(node)
            collector.visit_Import(node)
        elif isinstance(node, ast.ImportFrom):
            imports.append(node)
            collector.visit_ImportFrom(node)
            module = "." * node.level + (node.module or "")
            if not _is_openai(node.module or "") or node.level:
                for alias in node.names:
                    facts.imported_from.setdefault(alias.asname or alias.name, module)
            if repo:
                _imported_clients(facts, node, repo)
        elif type(node) is ast.Attribute and node.attr == "parsed_arguments":
            facts.reads_parsed_arguments = True
        elif type(node) is ast.Attribute and node.attr == "responses":
            facts.reads_responses = True
    if env_read:  # (functions reading the variable their parameter names: only where the module reads the env)
        facts.env_helpers = facts.env_helpers | env_helpers(tree)
    facts.delta_names = frozenset(delta_names)
    _local_factories(facts, tree)
    facts.stream_writers = stream_writers(imports)
    collector.visit(tree)
    for kind in ("llm", "embedding") if view is not None and hasattr(view, "default_line") else ():
        line = view.default_line(kind)  # (LlamaIndex's default models: MIG121 says so at that statement)
        for index, first in enumerate(facts.stmt_line) if line else ():
            if first == line:
                collector.mark(index)
    if view is not None and any(q in ANNOTATION_TYPES for q in facts.imported.values()) and \
            getattr(view, "converts_every_call", False):
        facts.annotation_types = _annotation_types(tree, facts)
        _mark_names(collector, tree, set(facts.annotation_types))
    if collector.stream_scopes.pop((), False):
        collector._streams(tree)  # module-level scripts stream too
    _module_strings(tree, facts, declares_global)
    collector.sites.sort(key=lambda s: s[0])
    for (line, *_), kind, path, answer in collector.sites:
        facts.sites.setdefault(kind, []).append(line)
        facts.answers.setdefault(kind, []).append(answer)
    collector.scopes[()] = tree
    module_dicts: dict[str, SplatDict] = {}  # module-level dicts splatted in functions: every call converts
    for path, name, call in collector.splat_calls:
        scope = collector.splat_scope(name, path)
        info = _splat_dict(scope, name, call)
        problem = _splat_call_problem(facts, path, call)
        if scope is tree:
            info = module_dicts.get(name, info)
        if info.rewritable and problem:
            info = SplatDict(info.keys, False, info.stream, problem)
        if scope is tree:
            module_dicts[name] = info
        facts.splats.setdefault(path, {})[name] = info
        mark_statements_using(collector, scope, name)
    for path, name, call in collector.embedding_splat_calls:  # (a function's dict: `embeddings_splat`)
        scope = collector.splat_scope(name, path)
        info = _splat_dict(scope, name, call, embeddings=True)
        if facts.view is None or not info.rewritable or _splat_call_problem(facts, path, call):
            continue  # the call keeps its client (or its dict cannot be followed): the dict stays as written
        facts.embedding_splats.setdefault(path, {})[name] = info
        mark_statements_using(collector, scope, name)
    for path, name, call in collector.file_tuple_calls:
        scope = collector.splat_scope(name, path)
        if not _splat_call_problem(facts, path, call) and bound_file_tuple(scope, name) is not None:
            facts.file_tuples.setdefault(path, set()).add(name)
            mark_statements_using(collector, scope, name)
    for path, name in collector.http_client_names:  # (held-out review 144, Y10: the inline form converted, this not)
        scope = collector.splat_scope(name, path)
        value = bound_once(scope, name)
        if isinstance(value, ast.Call) and (dotted_name(value.func) or "") in HTTPX_CLIENTS:
            facts.httpx_clients.setdefault(path, set()).add(name)
            mark_statements_using(collector, scope, name)
    for name, info in module_dicts.items():  # the same answer where the dict is built and at each call
        facts.splats.setdefault((), {})[name] = info
        for path, splats in facts.splats.items():
            if path and name in splats and collector.splat_scope(name, path) is tree:
                splats[name] = info
    for spans, into in ((getattr(view, "table_statements", None), facts.table_statements),
                        (getattr(view, "dimension_statements", None), facts.dimension_statements),
                        (getattr(view, "key_field_statements", None), facts.key_field_statements),
                        (getattr(view, "raw_url_statements", None), facts.raw_url_statements)):
        if not spans:
            continue
        for node in ast_walk(tree):
            if isinstance(node, ast.stmt) and id(node) in collector.stmt_index:
                message = spans.get((node.lineno, node.col_offset, node.end_lineno, node.end_col_offset))
                if message is not None:
                    index = collector.stmt_index[id(node)]
                    into[index] = (node.lineno, message)
                    collector.mark(index)
    stream_names = {name for streams in facts.streams.values() for name in streams}
    for name, index in collector.name_iterations:  # loops that may need `chunk = event.data`, stream writers
        if name in stream_names:
            collector.mark(index)
    return facts


def _imported_clients(facts: ModuleFacts, node: ast.ImportFrom, repo: tuple) -> None:
    from codemods._repo import binding, resolve

    for alias in node.names:
        export = resolve(repo, node.module or "", node.level, alias.name)
        if export is None:
            continue
        local = alias.asname or alias.name
        if export.kind == "client":
            facts.bindings.setdefault((), {})[local] = binding(export)
        else:
            facts.factories[local] = binding(export)


def _local_factories(facts: ModuleFacts, tree: ast.Module) -> None:
    """Module-level functions returning a client constructor call or a module-level client."""
    clients: dict[str, Binding] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            qualified = facts.qualify(dotted_name(node.value.func))
            if qualified in CLIENT_CLASSES:
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        clients[target.id] = Binding(CLIENT_CLASSES[qualified],
                                                     ctor_convertible(node.value, qualified))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found = None
            for sub in _walk_function(node):
                if not isinstance(sub, ast.Return) or sub.value is None:
                    continue
                value = sub.value
                if isinstance(value, ast.Call):
                    qualified = facts.qualify(dotted_name(value.func))
                    if qualified in CLIENT_CLASSES:
                        found = Binding(CLIENT_CLASSES[qualified], ctor_convertible(value, qualified))
                elif isinstance(value, ast.Name) and value.id in clients:
                    found = clients[value.id]
            if found is not None:
                facts.factories[node.name] = found


def _binds(function: ast.AST, name: str) -> bool:
    """Whether ``function`` has a local ``name`` of its own (a parameter, an assignment, an import, a
    nested def): its ``**name`` is not the module's dict. ``global name`` makes it the module's."""
    args = getattr(function, "args", None)
    if args is not None and any(a.arg == name for a in (*args.posonlyargs, *args.args, *args.kwonlyargs,
                                                        *filter(None, (args.vararg, args.kwarg)))):
        return True
    for node in _walk_function(function):
        if isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names:
            return isinstance(node, ast.Nonlocal)
    for node in _walk_function(function):
        if isinstance(node, ast.Name) and node.id == name and not isinstance(node.ctx, ast.Load):
            return True
        if isinstance(node, (ast.Import, ast.ImportFrom)) and any(
                (a.asname or a.name.split(".")[0]) == name for a in node.names):
            return True
    return any(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.name == name
               for n in ast.iter_child_nodes(function))


def _same_key_read(call: ast.Call, embeddings: bool) -> bool:
    """``params.get("n")`` / ``params.get("n", 1)`` of a splatted chat dict: a read of a key the mapping sends under its
    own name and value (Policy.SAME), which the conversion leaves as the code reads it. A key it renames, drops or
    does not know is no such read."""
    if embeddings or call.func.attr != "get" or not 1 <= len(call.args) <= 2 or call.keywords or \
            not (isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)):
        return False
    rule = CHAT_PARAMS.get(call.args[0].value)
    return rule is not None and rule.policy is Policy.SAME


def splat_scope(tree: ast.Module, chain: list, name: str) -> ast.AST:
    """Where the dict a call splats (``**name``) is built: the call's own scope (``chain[-1]``, the
    module when empty), or the module when the call sits in functions (``chain``: the enclosing
    scopes, outermost first) none of which binds ``name`` and the module assigns it at top level
    (Chainlit's ``settings = {"model": ..., "temperature": 0}`` splatted in each handler)."""
    if not chain:
        return tree
    if any(not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) for n in chain) or \
            any(_binds(n, name) for n in chain):
        return chain[-1]
    if any(isinstance(s, (ast.Assign, ast.AnnAssign)) and any(
            isinstance(t, ast.Name) and t.id == name for t in (s.targets if isinstance(s, ast.Assign) else [s.target]))
           for s in tree.body):
        return tree
    return chain[-1]


def module_constant_readers(tree: ast.Module, name: str, limit: int = 3) -> list[str]:
    """Where the module's constant ``name`` is read other than as a call's model=
    (``tiktoken.encoding_for_model(MODEL)``, ``PRICES[MODEL]``): what a model TODO names, so that following it breaks
    nothing unsaid (held-out review 56, W3)."""
    found: list[str] = []
    todo: list = [(child, tree, child) for child in ast.iter_child_nodes(tree)]
    while todo and len(found) < limit:
        node, parent, statement = todo.pop(0)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) and _binds(node, name):
            continue
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load):
            if isinstance(parent, ast.keyword) and parent.arg in ("model", "engine", "deployment_id"):
                continue
            if isinstance(parent, ast.Call) and node in parent.args:
                place = f"{dotted_name(parent.func) or 'a call'}({name})" if len(parent.args) == 1 else \
                    f"{dotted_name(parent.func) or 'a call'}(...)"
            elif isinstance(parent, ast.Subscript) and parent.slice is node:
                place = f"{ast.unparse(parent.value)[:40]}[{name}]"
            else:  # the statement it is in: `PRICES = {MODEL: 5.0}`, `if model == MODEL:`
                text = ast.unparse(statement).splitlines()[0] if isinstance(statement, ast.stmt) else name
                place = text if len(text) <= 60 else text[:57] + "..."
            if place not in found:
                found.append(place)
        todo.extend((child, node, child if isinstance(child, ast.stmt) else statement)
                    for child in ast.iter_child_nodes(node))
    return found


def _module_uses(tree: ast.Module, name: str) -> Iterator[ast.Name]:
    """Every ``name`` in the module that is the module's own (not inside a function with a local of
    that name)."""
    todo = list(ast.iter_child_nodes(tree))
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) and _binds(node, name):
            continue
        if isinstance(node, ast.Name) and node.id == name:
            yield node
        todo.extend(ast.iter_child_nodes(node))


def _other_branches(scope: ast.AST, call: ast.AST) -> set[int]:
    """The ids of the nodes in ``scope`` that run only where ``call`` does not: the other branch of each ``if`` holding
    it (its ``else`` where the call is in its body, its body where the call is in its ``else``)."""
    out: set[int] = set()
    for node in ast_walk(scope):
        if not isinstance(node, ast.If):
            continue
        if any(n is call for statement in node.body for n in ast_walk(statement)):
            out.update(id(n) for statement in node.orelse for n in ast_walk(statement))
        elif any(n is call for statement in node.orelse for n in ast_walk(statement)):
            out.update(id(n) for statement in node.body for n in ast_walk(statement))
    return out


def _splat_dict(scope: ast.AST, name: str, call: ast.Call, embeddings: bool = False) -> SplatDict:
    """How ``name`` (splatted into ``call``) is built in ``scope``: rewritable only when every
    statement that touches it is a literal-keyed build step (``name = {...}``,
    ``name["key"] = value``, ``name.update({...})`` / ``name.update(key=value)``). Its keys are checked against
    the chat mapping, or with ``embeddings`` against the embeddings one (``embeddings_splat``)."""
    keys: list[str] = []
    stream = False
    reason = ""
    built = False
    build_nodes: set[int] = set()
    models: list[ast.AST] = []
    nested: list[str] = []  # the keys written into (`kwargs["messages"][0]["content"] = ...`)

    def add(key: str, value: ast.AST) -> None:
        nonlocal stream, reason
        keys.append(key)
        if embeddings:
            reason = reason or _embedding_key_problem(name, key, value)
            if key == "model":
                models.append(value)
        elif key == "stream":
            if isinstance(value, ast.Constant) and isinstance(value.value, bool):
                stream = value.value
            else:
                reason = reason or f'{name}["stream"] is an expression'

    def dict_items(node: ast.Dict) -> bool:
        for key, value in zip(node.keys, node.values):
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                return False
            add(key.value, value)
        return True

    # (the other branch of an `if` holding the call binds a dict of its own: `else: params = {...};
    # claude.messages.create(**params)`, held-out review 150, Y5)
    elsewhere = _other_branches(scope, call) if not isinstance(scope, ast.Module) else set()
    for stmt in _walk_function(scope):
        if id(stmt) in elsewhere:
            continue
        if isinstance(stmt, ast.AnnAssign) and stmt.value is not None and isinstance(stmt.target, ast.Name) and \
                stmt.target.id == name:
            # `kwargs: Dict[str, Any] = {...}`: built as a plain assignment is (held-out review 95, X5: its target
            # was taken for a use outside the call, and the client stayed on OpenAI)
            stmt = ast.Assign(targets=[stmt.target], value=stmt.value)
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
            if isinstance(target, ast.Name) and target.id == name:
                built = True
                build_nodes.add(id(target))
                if isinstance(stmt.value, ast.Call) and isinstance(stmt.value.func, ast.Name) and \
                        stmt.value.func.id == "dict" and not stmt.value.args and \
                        all(kw.arg is not None for kw in stmt.value.keywords):
                    for kw in stmt.value.keywords:  # `dict(model=..., messages=...)`: a literal too (review 48, H2)
                        add(kw.arg, kw.value)
                elif isinstance(stmt.value, ast.Dict) and any(
                        key is None and not isinstance(value, (ast.Dict, ast.IfExp))
                        for key, value in zip(stmt.value.keys, stmt.value.values)):
                    # `{"model": ..., **self.extra_params, **kwargs}`: a literal whose spread entries' keys migrator
                    # cannot see (held-out review 176, X5: "not built from a dict literal" was said of it)
                    spread = ", ".join(f"**{ast.unparse(v)}" for k, v in zip(stmt.value.keys, stmt.value.values)
                                       if k is None and not isinstance(v, (ast.Dict, ast.IfExp)))
                    reason = reason or (f"{name} spreads {spread}, whose keys migrator cannot see (an OpenAI-only "
                                        "keyword among them would reach Mistral)")
                elif not (isinstance(stmt.value, ast.Dict) and dict_items(stmt.value)):
                    reason = reason or f"{name} is not built from a dict literal here"
            elif (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name)
                  and target.value.id == name):
                build_nodes.add(id(target.value))
                if isinstance(target.slice, ast.Constant) and isinstance(target.slice.value, str):
                    add(target.slice.value, stmt.value)
                else:
                    reason = reason or f"{name}[...] is set with a computed key"
            elif isinstance(target, ast.Subscript) and (inner := _nested_key_write(target, name)) is not None:
                # `kwargs["messages"][0]["content"] = [text part, image part]`: a build step inside a key already
                # set (held-out review 101, Y8: "used outside the call" was said of it)
                root, key = inner
                build_nodes.add(id(root))
                nested.append(key)
        elif (isinstance(stmt, ast.Call) and isinstance(stmt.func, ast.Attribute)
              and isinstance(stmt.func.value, ast.Name) and stmt.func.value.id == name):
            build_nodes.add(id(stmt.func.value))
            if _same_key_read(stmt, embeddings):
                continue  # `n = params.get("n")`: a key the call sends as it is, read (held-out review 145, X5)
            if stmt.func.attr != "update" or len(stmt.args) > 1 or \
                    (stmt.args and not (isinstance(stmt.args[0], ast.Dict) and dict_items(stmt.args[0]))):
                reason = reason or f"{name}.{stmt.func.attr}(...) changes it in a way migrator cannot follow"
            for kw in stmt.keywords:
                if kw.arg is None:
                    reason = reason or f"{name}.update(**...) adds unknown keys"
                else:
                    add(kw.arg, kw.value)
    for key in nested:
        if key not in keys:
            reason = reason or f"{name}[{key!r}] is written into, and {key!r} is not set where migrator sees it"
    splat_use = next(kw.value for kw in call.keywords if kw.arg is None)
    if isinstance(scope, ast.Module) and embeddings:
        reason = reason or f"{name} is built at the module's top level"  # (one call's dict: a function's)
        allowed, uses = set(), ()  # (held-out review 120, X1: `uses` was left unbound, an UnboundLocalError)
    elif isinstance(scope, ast.Module):
        # a module-level dict: every use in the module (functions included) is a build step or the
        # splat of a chat call (the plan decides those calls' clients together)
        allowed = {id(kw.value) for node in ast_walk(scope) if isinstance(node, ast.Call)
                   and chat_method(node.func) is not None for kw in node.keywords if kw.arg is None}
        uses: Iterable[ast.AST] = _module_uses(scope, name)
    else:
        allowed, uses = set(), _walk_function(scope)
    logged: Optional[set] = None
    for node in uses:
        if (isinstance(node, ast.Name) and node.id == name and id(node) not in build_nodes
                and node is not splat_use and id(node) not in allowed and id(node) not in elsewhere):
            if logged is None:
                logged = _logged_names(scope, name)
            if id(node) in logged:
                continue  # `log.info("request %s", request_data)`: shown, not read (held-out review 56, W6)
            # no line number here: TODO lines inserted above would move it on every run
            reason = reason or f"{name} is also used outside the call and its build steps"
    if not built:
        reason = reason or f"{name} is not built in this scope"
    for key in keys if not embeddings else ():
        rule = CHAT_PARAMS.get(key)
        if rule is None:
            reason = reason or f"unknown key {key!r}"
        elif rule.policy is Policy.FAIL:
            reason = reason or f"{key}: {rule.note}"
    model = ""
    if len(models) > 1:
        reason = reason or f'{name}["model"] is set more than once'
    elif models and isinstance(models[0], ast.Constant) and isinstance(models[0].value, str):
        model = models[0].value
    lines = frozenset(line for node in ast_walk(scope) if id(node) in elsewhere and isinstance(node, ast.stmt)
                      for line in range(node.lineno, (node.end_lineno or node.lineno) + 1)) \
        if elsewhere else frozenset()
    return SplatDict(tuple(dict.fromkeys(keys)), not reason, stream, reason, model, lines)


def _embedding_key_problem(name: str, key: str, value: ast.AST) -> str:
    """Why the key ``key`` (set to ``value``) of a dict splatted into ``embeddings.create`` keeps its call ("" when
    MIG107 rewrites it: ``EMBEDDING_KWARGS``)."""
    if key not in EMBEDDING_KWARGS:
        return f"unknown key {key!r}"
    if key == "timeout":  # (seconds; the call's keyword converts to timeout_ms, a dict's value is not rewritten)
        return f'{name}["timeout"]: set "timeout_ms" (milliseconds) by hand'
    if key == "encoding_format" and not (isinstance(value, ast.Constant) and value.value == "float"):
        return f'{name}["encoding_format"]: only float is known to convert'
    if key == "input":
        try:
            tokens = token_array(ast.literal_eval(value))
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            tokens = False
        if tokens:
            return f'{name}["input"] holds token ids: Mistral embeds text only'
    return ""


def embeddings_create(func: ast.AST) -> bool:
    """``<receiver>.embeddings.create``."""
    return isinstance(func, ast.Attribute) and func.attr == "create" and isinstance(func.value, ast.Attribute) and \
        func.value.attr == "embeddings"


def transcription_create(func: ast.AST) -> bool:
    """``<receiver>.audio.transcriptions.create``."""
    return isinstance(func, ast.Attribute) and func.attr == "create" and isinstance(func.value, ast.Attribute) and \
        func.value.attr == "transcriptions" and isinstance(func.value.value, ast.Attribute) and \
        func.value.value.attr == "audio"


def embeddings_splat(scope: ast.AST, call: ast.Call) -> Optional[SplatDict]:
    """The dict ``embeddings.create(**name)`` splats, as built in ``scope`` (None for another splat: an
    expression, several, or positional arguments beside it)."""
    splats = [kw.value for kw in call.keywords if kw.arg is None]
    if len(splats) != 1 or not isinstance(splats[0], ast.Name) or call.args:
        return None
    return _splat_dict(scope, splats[0].id, call, embeddings=True)


# A function of the app's own named for logging (`log_request(endpoint, request_data, response)`, `_log(...)`): it shows
# what it is handed (held-out review 86, X5: a request dict handed to one kept the client on OpenAI)
_LOGGING_HELPER = re.compile(r"(?:^|_)(?:log|logs|print|debug|trace)(?:_|$)", re.IGNORECASE)


def _logged_names(scope: ast.AST, name: str) -> set:
    """ids of the reads of ``name`` in ``scope`` that only show it: an argument of print(...) or of a logger's
    method (``log.info("%s", name)``), or a value of an f-string such a call prints."""
    from migrator.plan.build import HARMLESS_METHODS  # (a logger's methods; imported here: build imports this module)

    shown: set = set()
    for node in ast_walk(scope):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        last = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if not (last == "print" or isinstance(func, ast.Attribute) and func.attr in HARMLESS_METHODS or
                _LOGGING_HELPER.search(last)):
            continue
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            parts = [v.value for v in arg.values if isinstance(v, ast.FormattedValue)] \
                if isinstance(arg, ast.JoinedStr) else [arg]
            shown.update(id(p) for p in parts if isinstance(p, ast.Name) and p.id == name)
    return shown


def splat_problem(name: str, info) -> str:
    """The TODO text for a ``**name`` splat (``SplatDict`` or None) that cannot be rewritten."""
    if info is None:
        return f"**{name}: its keys must follow the chat mapping; convert by hand"
    changes = []
    # (in words, not the mapping's policy names, and not the key the reason names already: held-out review 79, X11,
    # "web_search_options: Mistral web search exists only via agents; keys to check: web_search_options (FAIL)")
    said = {Policy.RENAME: "renamed", Policy.XFORM: "its value changes", Policy.DROP: "dropped",
            Policy.DROP_TODO: "dropped", Policy.FAIL: "no Mistral equivalent"}
    for key in sorted(info.keys):
        rule = CHAT_PARAMS.get(key)
        if info.reason.startswith(f"{key}:"):
            continue
        if rule is None:
            changes.append(f"{key} (not a chat parameter)")
        elif rule.policy is not Policy.SAME:
            changes.append(f"{key} (" + (f"-> {rule.target}" if rule.target and rule.target != key else
                                         said.get(rule.policy, rule.policy.value.lower())) + ")")
    keys = f"; keys to check: {', '.join(changes)}" if changes else (
        # (named as the user can look it up: held-out review 118, Y5, "the chat mapping" was migrator's own word)
        "; its keys are not known here: check them against MIG102 in `migrator rules --format markdown`"
        if not info.keys else "")
    return f"**{name}: {info.reason}{keys}"


def _splat_call_problem(facts: ModuleFacts, path: Path, call: ast.Call) -> str:
    """Why the chat call that splats a dict will not be converted (so its dict must stay)."""
    if facts.view is not None:  # the conversion plan decides whether the call converts
        answer = facts.view.site(call)  # type: ignore[attr-defined]
        if answer and answer[0] == "call" and answer[1] == "convert":
            return ""
        return "the call is not converted (its client stays on OpenAI, or its receiver is not traced)"
    method, receiver = chat_method(call.func)  # type: ignore[misc]
    if method == "stream":
        return "the chat.completions.stream helper is not converted"
    binding = None
    if isinstance(receiver, ast.Name):
        binding = facts.lookup(path, receiver.id)
    elif (isinstance(receiver, ast.Attribute) and isinstance(receiver.value, ast.Name)
          and receiver.value.id == "self"):
        binding = facts.self_attr(path, receiver.attr)
    if binding is None or not binding.convertible:
        return "the receiver is not a convertible OpenAI client"
    for kw in call.keywords:
        if kw.arg is None:
            continue
        rule = CHAT_PARAMS.get(kw.arg)
        if rule is None or rule.policy is Policy.FAIL:
            return f"{kw.arg} cannot be converted"
        if kw.arg == "stream" and not (isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, bool)):
            return "stream is an expression"
    return ""


def _annotation_types(tree: ast.Module, facts: ModuleFacts) -> dict:
    """Local name -> Mistral's class, for the names of OpenAI's usage and chat response types (ANNOTATION_TYPES) read
    only in annotations, in a module that reads no field Mistral's class lacks (ANNOTATION_BLOCKERS; the caller
    checked every call converts)."""
    names = {local: ANNOTATION_TYPES[q] for local, q in facts.imported.items() if q in ANNOTATION_TYPES}
    annotations = [n for node in ast_walk(tree) for n in (
        [a.annotation for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs,
                                *([node.args.vararg] if node.args.vararg else []),
                                *([node.args.kwarg] if node.args.kwarg else []))] + [node.returns]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) else
        [node.annotation] if isinstance(node, ast.AnnAssign) else []) if n is not None]
    inside = {id(n) for a in annotations for n in ast_walk(a)}
    for node in ast_walk(tree):
        if isinstance(node, ast.Attribute):
            for local in [k for k, target in names.items() if node.attr in ANNOTATION_BLOCKERS[target]]:
                names.pop(local)
        if isinstance(node, ast.Name) and node.id in names and id(node) not in inside:
            names.pop(node.id)  # built, or read as a value (`isinstance(u, CompletionUsage)`): stays
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in names:
            return {}  # a quoted annotation: left as it is
    taken = set(ANNOTATION_TYPES.values())  # (the module's own UsageInfo: left as it is)
    taken = taken & set(facts.imported) | {node.id for node in ast_walk(tree)
                                           if isinstance(node, ast.Name) and node.id in taken}
    return {local: target for local, target in names.items() if target not in taken}


def _mark_names(collector: "_Collector", tree: ast.Module, names: set) -> None:
    """The statements reading one of ``names`` (in any scope) are relevant."""
    def visit(node: ast.AST, statement: Optional[int]) -> None:
        for child in ast.iter_child_nodes(node):
            index = collector.stmt_index.get(id(child), statement)
            if isinstance(child, ast.Name) and child.id in names and index is not None:
                collector.mark(index)
            visit(child, index)

    if names:
        visit(tree, None)


def mark_statements_using(collector: "_Collector", scope: ast.AST, name: str) -> None:
    """Statements that build a splatted dict are relevant: a rule rewrites their keys."""

    def visit(node: ast.AST, statement: Optional[int]) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                continue
            index = collector.stmt_index.get(id(child), statement)
            if isinstance(child, ast.Name) and child.id == name and index is not None:
                collector.mark(index)
            visit(child, index)

    visit(scope, collector.stmt_index.get(id(scope)))


def _module_strings(tree: ast.Module, facts: ModuleFacts, declares_global: bool = True) -> None:
    bound: dict[str, list] = {}
    for node in tree.body:
        pairs: list = []
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    pairs.append((target, node.value))
                elif isinstance(target, (ast.Tuple, ast.List)) and isinstance(node.value, (ast.Tuple, ast.List)) \
                        and len(target.elts) == len(node.value.elts):
                    pairs.extend(zip(target.elts, node.value.elts))
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            pairs.append((node.target, node.value))
        for target, value in pairs:
            if isinstance(target, ast.Name):
                bound.setdefault(target.id, []).append(value)
    # bound again in a block of the module (`with st.sidebar: model_name = st.selectbox(...)`, a loop, a branch) or
    # through `global` in a function: not the constant it looks like (held-out review 39, Q2)
    stores: dict[str, int] = {}
    pending = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            for inner in ast_walk(node) if declares_global else ():  # (no `global` in the module: nothing to see)
                if isinstance(inner, ast.Global):
                    for name in inner.names:
                        stores[name] = stores.get(name, 0) + 2
            continue
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            stores[node.id] = stores.get(node.id, 0) + 1
        pending.extend(ast.iter_child_nodes(node))
    for name, values in bound.items():
        if len(values) != 1 or stores.get(name, 0) > 1:
            continue
        value = values[0]
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            facts.module_strings[name] = value.value
        elif isinstance(value, ast.Call) and (dotted_name(value.func) or "").endswith(("getenv", "environ.get")) and \
                len(value.args) == 2 and not value.keywords and all(
                    isinstance(a, ast.Constant) and isinstance(a.value, str) for a in value.args):
            facts.module_env_strings[name] = (value.args[0].value, value.args[1].value)


def gather_from_source(code: str, filename: str = "<module>", assume_converted: bool = False) -> ModuleFacts:
    """Facts for one module on its own: its plan is built from this module alone.
    ``assume_converted``: every client-dependent site follows a converted client (rule tests)."""
    from migrator.plan import build_plan
    from migrator.plan.model import AssumeConverted

    from migrator.plan.source import parse_python

    view = build_plan([(filename, code)]).view(filename)
    return gather(parse_python(code), view=AssumeConverted(view) if assume_converted else view)


def click_dest(flags: list) -> Optional[str]:
    """The parameter a ``@click.option(...)`` fills: a flag without dashes names it, else as argparse's first long
    flag does (``option_dest``)."""
    bare = [flag for flag in flags if isinstance(flag, str) and not flag.startswith("-")]
    return bare[0] if bare else option_dest(flags)


def option_dest(flags: list, dest: Optional[str] = None) -> Optional[str]:
    """The attribute argparse stores an option under: ``dest=``, else its first long flag (``--embedding-model`` ->
    ``embedding_model``), else its first short one, else a positional's name. ``flags``: the string arguments."""
    if dest is not None:
        return dest
    if not flags or not all(isinstance(flag, str) for flag in flags):
        return None
    long = next((flag for flag in flags if flag.startswith("--")), None)
    if long is not None:
        return long[2:].replace("-", "_") or None
    return flags[0].lstrip("-").replace("-", "_") or None
