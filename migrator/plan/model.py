"""The conversion plan as data: every OpenAI client in the tree, every use of it, one decision each.

Built once over the whole tree (``migrator.plan.build``) before any rewrite; the rules only ask it.
Frozen, picklable (worker processes receive it) and serialisable (``migrator scan``,
``convert --format json``). Paths are as the engine sees them; ``to_dict(root)`` makes them relative.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Optional

# Decisions for a client (and so for everything that depends on it).
CONVERT = "convert"  # talks to OpenAI and every use converts: the client and its uses become Mistral
KEEP = "keep"  # some use has no rule, or an OpenAI-only consumer holds it: left as is, one TODO
# Why a legacy v0 call is an Azure deployment's by its own arguments (not by its module's settings).
V0_DEPLOYMENT = "engine= / deployment_id="
# A legacy v0 call of a module another provider's server configures (its Use's detail; the summary lists the module)
V0_OTHER = "legacy openai v0 API, "  # (then "the openai module pointed at <provider>")
OTHER = "other-provider"  # the OpenAI SDK pointed at someone else: untouched, no TODO
UNRESOLVED = "unresolved"  # a receiver that may be an OpenAI client migrator cannot trace (TODO per call)
UNUSED = "unused"  # a client nothing uses: left as it is

# Statuses of a use.
USE_CONVERT, USE_TODO, USE_KEEP, USE_OTHER = "convert", "todo", "keep", "other-provider"

PLAN_VERSION = 1


def node_key(path: str, node) -> tuple:
    """Where an ast node is: (path, line, column, end line, end column)."""
    return (path, getattr(node, "lineno", -1), getattr(node, "col_offset", -1),
            getattr(node, "end_lineno", -1), getattr(node, "end_col_offset", -1))


@dataclass(frozen=True)
class Use:
    """One use of a client (or an OpenAI-shaped use with no client, such as a legacy v0 call)."""

    path: str
    line: int
    col: int
    surface: str  # "chat.completions.create", "embeddings.create", "handed to instructor.from_openai", ...
    client: Optional[str]  # the client's id, None for v0 calls and untraced receivers
    rule: Optional[str]  # the rule that converts it, if any
    status: str  # convert | todo | keep | other-provider
    blocking: bool = False  # this use alone keeps its client on OpenAI
    detail: str = ""  # why it blocks / what to do
    cell: Optional[tuple[int, int]] = None  # in a notebook (as reports show it): (cell number, line in the cell)

    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Client:
    """One OpenAI client: a constructor call, the ``openai`` module client, or a parameter."""

    id: str
    path: str
    line: int
    col: int
    name: str  # how the code refers to it (variable, ``self.client``, ``openai``, ...)
    kind: str  # OpenAI | AsyncOpenAI | AzureOpenAI | module | parameter
    is_async: bool
    provider: str  # openai | azure | <other provider name> | unknown
    decision: str
    reason: str
    blockers: tuple[str, ...] = ()  # "path:line surface: why" for each use that keeps it
    cell: Optional[tuple[int, int]] = None  # in a notebook (as reports show it): (cell number, line in the cell)


@dataclass(frozen=True)
class ConversionPlan:
    clients: tuple[Client, ...] = ()
    uses: tuple[Use, ...] = ()
    # Per-site answers the rules ask for, keyed by (path, line, col) of the ast node.
    sites: dict = field(default_factory=dict, compare=False, hash=False)  # (path, line, col) -> answer
    params: dict = field(default_factory=dict, compare=False, hash=False)  # (path, scope, name) -> decision
    returns: dict = field(default_factory=dict, compare=False, hash=False)  # (path, scope) -> decision
    model_slots: dict = field(default_factory=dict, compare=False, hash=False)  # path -> frozenset(slots)
    # path -> top-level functions / classes of the module whose parameter reaches model= of converted calls
    model_callees: dict = field(default_factory=dict, compare=False, hash=False)
    # modules whose openai exception handlers are traced to no call while every client converts (their importers, read,
    # may run converted calls there)
    handler_modules: frozenset = field(default_factory=frozenset, compare=False, hash=False)
    # path -> top-level functions / classes of the module returning a chat completion (their callers' reads matter)
    response_returners: dict = field(default_factory=dict, compare=False, hash=False)
    # path -> top-level functions / classes holding a converted embeddings call (their callers may compare the vectors
    # with stored ones: decide._stored_vectors)
    embedders: dict = field(default_factory=dict, compare=False, hash=False)
    # path -> top-level functions / classes with a parameter standing in for a converted client (`client or OpenAI()`)
    injectable: dict = field(default_factory=dict, compare=False, hash=False)
    # path -> {(class scope, attribute)}: bare `self._client: OpenAI | None` declarations of converted clients
    converted_attrs: dict = field(default_factory=dict, compare=False, hash=False)
    # paths of modules (tests) that import, directly or not, only tree modules whose OpenAI code stays on OpenAI
    kept_only: frozenset = frozenset()
    # path -> the openai names a module of the tree star-imports from it and reads (`from config import *` then
    # `openai.ChatCompletion.create(...)`): its imports of them stay (re-review 40, S3: NameError)
    star_exports: dict = field(default_factory=dict, compare=False, hash=False)
    # path -> {"RateLimitError" / "llm.RateLimitError": ("openai.RateLimitError", exporting module's path)}: OpenAI
    # error classes a module with converted calls reads through another module of the tree (MIG103's TODO there)
    reexported_errors: dict = field(default_factory=dict, compare=False, hash=False)
    env_helpers: dict = field(default_factory=dict, compare=False, hash=False)  # path -> imported env helpers
    key_helpers: dict = field(default_factory=dict, compare=False, hash=False)  # path -> {callee: where it is}
    # a test that patches (the paths in "patch"): the modules of the tree it imports, directly or not
    patch_reach: dict = field(default_factory=dict, compare=False, hash=False)
    # path -> {(line, col, end line, end col) of a statement: TODO}: tables / checks of model names
    tables: dict = field(default_factory=dict, compare=False, hash=False)
    # path -> {statement span: TODO}: OpenAI's embedding sizes (1536, 3072) where embeddings convert
    dimensions: dict = field(default_factory=dict, compare=False, hash=False)
    # path -> {statement span: TODO}: a settings class's required OPENAI_API_KEY field once every client converted
    key_fields: dict = field(default_factory=dict, compare=False, hash=False)
    # (path, class, field) of the tree's settings-class fields holding a Mistral key already (``mistral_api_key: str``)
    mistral_key_fields: tuple = field(default=(), compare=False, hash=False)
    # path -> {statement span: TODO}: a setting not named for OpenAI whose default is OpenAI's API URL (MIG106)
    raw_urls: dict = field(default_factory=dict, compare=False, hash=False)
    # path -> {name: (function, parameter)}: module-level names holding OpenAI's URL (or an env read defaulting to it)
    # handed to a function's base_url parameter that a converted constructor takes (MIG101 rewrites them there)
    base_url_args: dict = field(default_factory=dict, compare=False, hash=False)
    # path -> names assigned an environment read that MIG101 renames (OPENAI_API_KEY -> MISTRAL_API_KEY)
    key_names: dict = field(default_factory=dict, compare=False, hash=False)
    # path -> {`<class>:self.<attr>`: the parameter of __init__ it holds, which its one caller hands a renamed key read}
    handed_keys: dict = field(default_factory=dict, compare=False, hash=False)
    # path -> {line of a module-level constructor: "any" / "openai"}: another module imports its client inside a try
    # whose handler catches any exception ("any") or OpenAIError ("openai"), the app's path for a missing key
    import_gates: dict = field(default_factory=dict, compare=False, hash=False)
    # environment variable -> the paths of clients kept on OpenAI (or another server) given it as api_key=
    kept_key_vars: dict = field(default_factory=dict, compare=False, hash=False)
    any_converted: bool = False
    all_converted: bool = False  # every client in the tree converts (no keep/other/unresolved)
    # OPENAI_API_KEY / OPENAI_BASE_URL when a client kept on OpenAI reads them implicitly (no api_key=,
    # **kwargs, the v0 module client): env and deploy files must then keep them (migrator.engine.project_files)
    kept_env: frozenset = frozenset()
    # OPENAI_API_KEY / OPENAI_BASE_URL that converted clients read (implicitly or by name) and no kept client does
    converted_env: frozenset = frozenset()
    # variable -> the files whose readers kept on OpenAI read it (an env file answers for the code under it)
    kept_env_paths: dict = field(default_factory=dict, compare=False, hash=False)
    # modules that build or load a LlamaIndex index with its default (OpenAI) embedding: no module of the
    # tree sets an embed model (MIG121's TODO at their converted LLM)
    default_embedding: frozenset = frozenset()
    # modules whose LlamaIndex index engines (as_chat_engine / as_query_engine) are handed no llm= while no module of
    # the program sets Settings.llm: they answer with its default, OpenAI's (MIG121's TODO at their converted classes)
    default_llm: dict = field(default_factory=dict, compare=False, hash=False)  # path -> the engine method
    default_llm_more: dict = field(default_factory=dict, compare=False, hash=False)  # path -> (name, ...)
    # (path, "llm" | "embedding") -> the line of the statement running on that default (the TODO goes there)
    default_at: dict = field(default_factory=dict, compare=False, hash=False)
    # path -> (setter path, line, code of the value, at its top level, it does not import the module) of another
    # module's ``openai.api_key = <value>`` set from the app's own setting that reaches the module: openai 0.x's key
    # is process-wide, Mistral's module clients are per module
    module_keys: dict = field(default_factory=dict, compare=False, hash=False)
    # path -> ((line, last line of its function), ...) of each ``openai.api_key = <parameter>`` that becomes a local
    # ``mistral_client = Mistral(api_key=<parameter>)``: every converted openai-module call of the module follows one
    local_keys: dict = field(default_factory=dict, compare=False, hash=False)
    # variables that set a settings field without a default (``OPENAI_MODEL: str = ""``) that only converted
    # calls' model= read: an example env file's value for them is a model name to map
    model_env: frozenset = frozenset()
    # (path, variable): every read of the variable there without a default is a converted call's model=
    model_env_reads: frozenset = frozenset()
    # (path, line, where) of converted chat calls whose messages= list is seen to end with a system message
    trailing_system: frozenset = frozenset()
    # (the same for a list ending with an assistant message without "prefix": held-out review 87, X2 / Y4)
    trailing_assistant: frozenset = frozenset()
    # (path, line, where) of converted chat calls sending tools with a messages= history loaded from storage
    stored_histories: frozenset = frozenset()
    # settings field -> what else reads it besides converted calls' model= (their run-time TODO says so)
    shared_fields: dict = field(default_factory=dict, compare=False, hash=False)
    # (path, line, name, reason) of LangChain / LlamaIndex OpenAI objects left for another provider (MIG116 / MIG121
    # leave them): listed with the SDK's clients left alone (held-out review 55, T6)
    wrapper_others: tuple = ()
    # (path, line, name, kind, decision, reason, rule) of the LangChain / LlamaIndex OpenAI objects that convert or stay
    # on OpenAI (MIG116 / MIG121 decide them per module; ``scan`` lists them beside the SDK's clients)
    wrapper_objects: tuple = ()
    # path -> {(line, col): provider} of LangChain / LlamaIndex constructors whose endpoint keyword another module's
    # settings point at another server (the codemods plan those objects with it: migrator.plan.langchain.plan_module)
    wrapper_endpoints: dict = field(default_factory=dict, compare=False, hash=False)
    # path -> {(line, col): (KEEP, why) / ("note", what)} of LangChain embeddings objects sharing a vector store with
    # one staying on OpenAI (migrator.plan.langchain.shared_stores; plan_module takes them)
    wrapper_stores: dict = field(default_factory=dict, compare=False, hash=False)
    # path -> (LangChain blocker, LlamaIndex blocker) where the manifest's pin is said in full in another module only
    # (migrator.plan.build._brief_blockers; the codemods take them instead of Config's)
    wrapper_blockers: dict = field(default_factory=dict, compare=False, hash=False)
    # path -> names of a module's top-level openai imports nothing uses, in a tree whose clients all convert: removed
    # (they alone kept the openai package a dependency: migrator.plan.decide._dead_openai_imports)
    dead_imports: dict = field(default_factory=dict, compare=False, hash=False)
    # environment variable -> paths of calls kept on OpenAI reading their model= from it (decide._kept_model_env)
    kept_model_env: dict = field(default_factory=dict, compare=False, hash=False)
    # path -> class names of other libraries' OpenAI components built there (Chroma's OpenAIEmbeddingFunction, ...):
    # they stay on OpenAI and read OPENAI_API_KEY themselves
    foreign_components: dict = field(default_factory=dict, compare=False, hash=False)
    # path -> {statement line: {class: (Mistral class, every object of the class converts)}}: a LangChain OpenAI
    # class's name compared with a run's or an event's name (``event["name"] == "ChatOpenAI"``: LangChain names a
    # model's runs after its class), where objects of that class convert (migrator.plan.decide._run_name_checks)
    run_names: dict = field(default_factory=dict, compare=False, hash=False)
    # settings field -> where the settings object is built with the field given (``Settings(OPENAI_MODEL_NAME=
    # os.getenv(...))``), which migrator does not map: a converted call's model= reading it gets a TODO naming that
    set_fields: dict = field(default_factory=dict, compare=False, hash=False)
    # (path, line) of a converted client built with a parameter as its key -> the TODO where its callers hand the same
    # name to a function whose client stays on OpenAI with it (migrator.plan.decide._shared_key_callers)
    shared_key_callers: dict = field(default_factory=dict, compare=False, hash=False)
    # path -> {statement line: (import name, its replacement)}: checks that openai / langchain_openai is installed,
    # where the dependency files no longer declare it (migrator.plan.decide._package_checks)
    package_checks: dict = field(default_factory=dict, compare=False, hash=False)
    # path -> {statement line: (the first OpenAI exception name, the TODO)}: an exception's class name compared with
    # OpenAI's (``exc.__class__.__name__ in {"BadRequestError"}``) where calls convert (decide._error_name_checks)
    error_names: dict = field(default_factory=dict, compare=False, hash=False)
    # a module of the tree (or one the plan did not read) names a way for embedding vectors to outlive the run
    # (migrator.mapping.embeddings.VECTOR_PERSISTENCE): the converted embeddings' re-embed TODO is said
    vectors_persist: bool = True
    # where every embeddings call / object of the tree converts: the SQL files of the tree that size a vector column for
    # OpenAI's vectors (``embedding vector(1536)``): (shown path, the summary's "Before you deploy" step naming it; a
    # migration is not edited: held-out review 77, Y4)
    sql_sizes: tuple = ()
    # the top-level names of the tree's modules and packages (a package of the tree named `langchain_limiter` is no
    # LangChain package: held-out review 81, Y1)
    own_packages: frozenset = frozenset()
    # modules whose `role="developer"` keyword / parameter default builds messages converted chat calls may send
    # (the module itself converts chat calls, or one that does imports it): MIG104 writes "system" there
    developer_roles: frozenset = frozenset()
    # names of the tree's functions whose `role` parameter is the role of a message dict they build
    # (`def make_msg(text, role="developer"): return {"role": role, ...}`): only their defaults and the `role=` given
    # to them are such roles (held-out review 70, X3: an access-control `add_member(user, role="developer")` changed)
    role_functions: frozenset = frozenset()
    # path -> its role functions: their callers in modules naming no openai are read too (engine.companions)
    role_callees: dict = field(default_factory=dict, compare=False, hash=False)
    # role function name -> the position of its `role` parameter (`to_message("developer", text)`), and path -> the
    # names its module binds to "developer" and reads as a message's role (`SYSTEM_ROLE = "developer"`)
    role_positions: dict = field(default_factory=dict, compare=False, hash=False)
    role_names: dict = field(default_factory=dict, compare=False, hash=False)

    def view(self, path: str) -> "FileView":
        return FileView(self, path)

    @cached_property
    def touched(self) -> frozenset:
        """The paths the plan asks anything of: a site, a use, a client, a model slot, a table, ... A
        module without openai that the plan read (migrator.engine.companions) is converted when it is
        one of them."""
        paths = {key[0] for key in self.sites} | {key[0] for key in self.params} | \
            {key[0] for key in self.returns}
        paths |= {use.path for use in self.uses} | {client.path for client in self.clients} | self.developer_roles
        # (a LangChain / LlamaIndex object converting: other modules' key TODOs name it; held-out review 89, Y21, a
        # module that then failed to print was still named "the converted ChatMistralAI", and a second run said so)
        paths |= {row[0] for row in self.wrapper_objects if row[4] == CONVERT}
        for table in (self.model_slots, self.tables, self.dimensions, self.key_names, self.key_fields, self.raw_urls,
                      self.base_url_args,
                      self.run_names, self.package_checks, self.error_names):
            paths |= {path for path, value in table.items() if value}
        return frozenset(paths)

    @cached_property
    def kept_embeddings(self) -> tuple:
        """The modules whose embeddings calls stay on OpenAI (sorted): vectors they store do not match the converted
        ones (held-out review 46, C7: the ingestion kept ada-002 while the search moved to mistral-embed)."""
        # (a call on a receiver migrator cannot trace, where no client of the tree stays on OpenAI, stays on nothing:
        # "embeddings in debug_selftest.py stay on OpenAI" was said of one; held-out review 169, Y3)
        kept_any = any(client.decision in (KEEP, UNRESOLVED) for client in self.clients if client.provider == "openai")
        return tuple(sorted({use.path for use in self.uses if use.status in ("keep", "todo") and
                             (use.client is not None or use.status == "keep" or kept_any or
                              "Embedding.create" in use.surface) and
                             ("embeddings.create" in use.surface or "Embedding.create" in use.surface)}))

    @cached_property
    def converting_paths(self) -> frozenset:
        """The modules with an OpenAI API use the plan converts (a module that names no openai calling a
        client imported from another: its response reads are rewritten as anywhere else)."""
        return frozenset(use.path for use in self.uses if use.status == CONVERT)

    @cached_property
    def mixed_paths(self) -> frozenset:
        """The modules with an OpenAI API use the plan keeps or leaves with a TODO."""
        return frozenset(use.path for use in self.uses if use.status != CONVERT)

    def client(self, client_id: Optional[str]) -> Optional[Client]:
        for client in self.clients:
            if client.id == client_id:
                return client
        return None

    def relocated(self, lines: dict) -> "ConversionPlan":
        """The plan as reports show it: ``lines`` maps a path to a function from the line the plan
        read to (the line shown, (cell number, line in the cell)): a notebook's virtual module -> its
        ``.ipynb`` text, as findings are placed; clients, uses, ids and blockers of other paths stay as
        they are. Only for output: the rules' sites keep the plan's own lines."""
        if not lines or not any(client.path in lines for client in self.clients) and \
                not any(use.path in lines for use in self.uses) and \
                not any(other[0] in lines for other in self.wrapper_others + self.wrapper_objects):
            return self

        def ref(text: Optional[str]) -> Optional[str]:  # "path:line..." (a client id, a blocker)
            for path, shown in lines.items():
                if text and text.startswith(path + ":"):
                    tail = text[len(path) + 1:]
                    number = re.match(r"\d+", tail)
                    if number:
                        return f"{path}:{shown(int(number.group()))[0]}{tail[number.end():]}"
            return text

        def moved(item):
            if item.path not in lines:
                return {}
            line, cell = lines[item.path](item.line)
            return {"line": line, "cell": cell}

        clients = tuple(replace(c, id=ref(c.id), blockers=tuple(map(ref, c.blockers)), **moved(c)) for c in self.clients)
        uses = tuple(replace(u, client=ref(u.client), **moved(u)) for u in self.uses)
        others, objects = (tuple((path, lines[path](line)[0] if path in lines else line, *rest)
                                 for path, line, *rest in rows) for rows in (self.wrapper_others, self.wrapper_objects))
        return replace(self, clients=clients, uses=uses, wrapper_others=others, wrapper_objects=objects)

    def counts(self) -> dict[str, int]:
        """Clients per decision: constructed ones, the openai module's, LangChain's / LlamaIndex's objects. A
        parameter handed a client is no client of its own (held-out review 100, X7: "Clients: 30 keep" for one
        constructor passed to 29 functions): ``receivers`` counts those."""
        out = {CONVERT: 0, KEEP: 0, OTHER: 0, UNRESOLVED: 0, UNUSED: 0}
        seen = set()  # the openai module's own client is planned per use: counted once per module and decision
        for client in self.clients:
            if client.kind == "parameter":
                continue
            if client.kind == "module":
                if (client.path, client.decision) in seen:
                    continue
                seen.add((client.path, client.decision))
            out[client.decision] = out.get(client.decision, 0) + 1
        out[OTHER] += len(self.wrapper_others)
        for row in self.wrapper_objects:  # (LangChain's / LlamaIndex's objects hold a client of their own)
            out[row[4]] += 1
        return out

    def receivers(self) -> int:
        """The parameters handed clients (``def ask(client): client.chat...``), each planned with what it receives."""
        return sum(client.kind == "parameter" for client in self.clients)

    def to_dict(self, root: str = "") -> dict:
        def rel(path: str) -> str:
            if root and os.path.isabs(path):
                try:
                    return os.path.relpath(path, root).replace(os.sep, "/")
                except ValueError:
                    return path
            return path

        def rel_blocker(text: str) -> str:
            head, sep, rest = text.partition(":")
            return rel(head) + sep + rest if sep else text

        return {
            "version": PLAN_VERSION,
            "clients": [
                {"id": rel_blocker(c.id), "path": rel(c.path), "line": c.line, "name": c.name, "kind": c.kind,
                 "provider": c.provider, "decision": c.decision, "reason": c.reason,
                 "blockers": [rel_blocker(b) for b in c.blockers], **_cell(c.cell)}
                for c in self.clients
            ],
            "uses": [
                {"path": rel(u.path), "line": u.line, "client": rel_blocker(u.client) if u.client else None,
                 "surface": u.surface, "rule": u.rule, "status": u.status, "blocking": u.blocking,
                 "detail": u.detail, **_cell(u.cell)}
                for u in self.uses
            ],
            # LangChain / LlamaIndex objects (their library's class, not an SDK client): converted, kept, or left for
            # another provider
            "wrappers": sorted([{"path": rel(path), "line": line, "name": name, "kind": kind, "decision": decision,
                                 "reason": reason, "rule": rule}
                                for path, line, name, kind, decision, reason, rule in self.wrapper_objects] +
                               [{"path": rel(path), "line": line, "name": name, "kind": reason.split(" pointed at ")[0],
                                 "decision": OTHER, "reason": reason, "rule": None}
                                for path, line, name, reason in self.wrapper_others],
                               key=lambda row: (row["path"], row["line"])),
            "counts": self.counts(),
        }


def _cell(cell: Optional[tuple[int, int]]) -> dict:
    """A notebook client's or use's place in its cell, for ``to_dict`` (nothing for a module's)."""
    return {"cell": cell[0], "cell_line": cell[1]} if cell else {}


class FileView:
    """The plan as one file's rules see it."""

    def __init__(self, plan: ConversionPlan, path: str) -> None:
        self.plan = plan
        self.path = path

    def site(self, node, default=None):
        """The answer for an ast node of this module (keyed by its whole span: a call and the
        constructor call inside it start at the same place)."""
        return self.plan.sites.get(node_key(self.path, node), default)

    def param(self, scope: tuple, name: str) -> Optional[str]:
        return self.plan.params.get((self.path, scope, name))

    def returns(self, scope: tuple) -> Optional[str]:
        return self.plan.returns.get((self.path, scope))

    @property
    def table_statements(self) -> dict:
        return self.plan.tables.get(self.path, {})

    @property
    def dimension_statements(self) -> dict:
        return self.plan.dimensions.get(self.path, {})

    @property
    def key_field_statements(self) -> dict:
        return self.plan.key_fields.get(self.path, {})

    @property
    def raw_url_statements(self) -> dict:
        return self.plan.raw_urls.get(self.path, {})

    @property
    def key_names(self) -> frozenset:
        return self.plan.key_names.get(self.path, frozenset())

    @property
    def handed_keys(self) -> dict:
        return self.plan.handed_keys.get(self.path, {})

    @property
    def import_gates(self) -> dict:
        return self.plan.import_gates.get(self.path, {})

    @property
    def set_fields(self) -> dict:
        return self.plan.set_fields

    @property
    def package_checks(self) -> dict:
        return self.plan.package_checks.get(self.path, {})

    @property
    def run_names(self) -> dict:
        return self.plan.run_names.get(self.path, {})

    @property
    def error_names(self) -> dict:
        return self.plan.error_names.get(self.path, {})

    @property
    def star_exports(self) -> frozenset:
        return self.plan.star_exports.get(self.path, frozenset())

    @property
    def reexported_errors(self) -> dict:
        return self.plan.reexported_errors.get(self.path, {})

    @property
    def env_helpers(self) -> frozenset:
        """Functions imported from another module of the tree that read the variable their first parameter
        names (codemods._facts.env_helpers)."""
        return self.plan.env_helpers.get(self.path, frozenset())

    @property
    def key_helpers(self) -> dict:
        """``utils.get_openai_key`` -> ``src/utils.py``: functions of the tree this module calls whose return is read
        from OPENAI_API_KEY (held-out review 60, Y14)."""
        return self.plan.key_helpers.get(self.path, {})

    @property
    def model_slots(self) -> frozenset:
        return self.plan.model_slots.get(self.path, frozenset())

    @property
    def shared_fields(self) -> dict:
        return self.plan.shared_fields

    @property
    def touched(self) -> bool:
        return self.path in self.plan.touched

    @property
    def any_converted(self) -> bool:
        return self.plan.any_converted

    @property
    def developer_roles(self) -> bool:
        return self.path in self.plan.developer_roles

    @property
    def role_functions(self) -> frozenset:
        return self.plan.role_functions

    @property
    def role_positions(self) -> dict:
        return self.plan.role_positions

    @property
    def role_names(self) -> frozenset:
        return self.plan.role_names.get(self.path, frozenset())

    @property
    def converts_calls(self) -> bool:
        return self.path in self.plan.converting_paths

    @property
    def converts_every_call(self) -> bool:
        """Does every OpenAI API use of this module convert (and is there one)?"""
        return self.path in self.plan.converting_paths and self.path not in self.plan.mixed_paths

    @property
    def default_embedding(self) -> bool:
        return self.path in self.plan.default_embedding

    def default_line(self, kind: str) -> int:
        """The line of the statement here running on LlamaIndex's default ``kind`` ("llm", "embedding"), else 0."""
        return self.plan.default_at.get((self.path, kind), 0)

    @property
    def default_llm(self) -> str:
        """The engine method (``as_chat_engine``) answering with LlamaIndex's default LLM here, else ""."""
        return self.plan.default_llm.get(self.path, "")

    @property
    def default_llm_more(self) -> tuple:
        """The names of the other components here handed no llm= on that default LLM (``RetrieverQueryEngine.from_args``)."""
        return self.plan.default_llm_more.get(self.path, ())

    @property
    def all_converted(self) -> bool:
        return self.plan.all_converted

    def stored_history(self, line: int) -> Optional[str]:
        """Where the tool-sending converted chat call at ``line`` loads its messages= history from storage."""
        return next((where for path, at, where in self.plan.stored_histories if path == self.path and at == line),
                    None)

    def trailing_system(self, line: int) -> Optional[str]:
        """Where the messages list of the converted chat call at ``line`` is ended with a system message."""
        return next((where for path, at, where in self.plan.trailing_system if path == self.path and at == line), None)

    def trailing_assistant(self, line: int) -> Optional[str]:
        """Where the messages list of the converted chat call at ``line`` is ended with an assistant message."""
        return next((where for path, at, where in self.plan.trailing_assistant if path == self.path and at == line),
                    None)


class AssumeConverted(FileView):
    """A view in which every site that depends on a client follows a converted one: for tests of a
    rule's rewrite mechanics on snippets that hold no client (the plan's own decisions are tested
    in tests/test_plan.py)."""

    OVERRIDES = {"exc": ("exc", "convert"), "msg": ("msg", True), "read": ("read", True), "env": ("env", True)}

    def __init__(self, view: FileView) -> None:
        super().__init__(view.plan, view.path)

    def site(self, node, default=None):
        answer = super().site(node, default)
        if answer and answer[0] in self.OVERRIDES:
            return self.OVERRIDES[answer[0]]
        if answer and answer[0] == "ctor" and answer[1] in (OTHER, UNRESOLVED, UNUSED):
            return ("ctor", CONVERT, answer[2])  # snippets point base_url at made-up hosts
        return answer

    def param(self, scope: tuple, name: str) -> Optional[str]:
        return CONVERT

    def returns(self, scope: tuple) -> Optional[str]:
        return CONVERT if super().returns(scope) is not None else None

    @property
    def any_converted(self) -> bool:
        return True
