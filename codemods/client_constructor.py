"""MIG101: OpenAI client construction -> ``Mistral(...)``."""

from __future__ import annotations

import ast
import bisect
import builtins
import functools
import os
import re
from typing import Optional

import libcst as cst

from codemods._base import (xform_code, seconds_to_ms_code, TIMEOUT_PHASES, TODO_PREFIX, UNKNOWN_TIMEOUT, MigratorRule, RuleTransformer, _v0_spelling,
                            append_arg, code_of, dotted, finish_args, keyword_arg, literal, opening_after,
                            read_timeout, timeout_object, walk_cst)
from codemods._facts import CTOR, ENV, ENV_GETTERS, ENV_SETTERS, HEADER_KEY_READ, KEPT_KEY_SOURCE, MODCFG, bound_value
from codemods._layout import _retry_lines, laid_out
from migrator.mapping import CLIENT_CLASSES, CLIENT_PARAMS, ENV_VARS, MANUAL_CLIENT_CLASSES, DropValue, Policy, Unmappable
from migrator.mapping.client import (ANNOTATED, HTTPX_CLIENTS, MISTRAL_CLIENT, MISTRAL_SERVER, MODULE_CLIENT_NAME,
                                     MODULE_CLIENT_SETTINGS,
                                     MODULE_RETRIES_CARRIED, NO_READ_TIMEOUT, ROUTE_DECORATORS, OPENAI_DEFAULT_RETRIES,
                                     OPENAI_KEY_ERRORS, OPENAI_DEFAULT_TIMEOUT_MS, OPENAI_HOST, OPENAI_SECRET,
                                     SDK_INSTRUMENTERS,
                                     RUNTIME_KEY_CALLS, SHARED_RETRY_CONFIG, CLIENT_CLOSE, CLIENT_CLOSE_METHODS,
                                     GIVEN_KEY_STEP, KEY_STEP, MISTRAL_KEYS_PAGE, OPENAI_KEYS_PAGE, RETRY_STEP,
                                     PACKAGE_CHECK_TODO, PROXIED_CLIENTS, SERVER_URL_REQUIRED_STEP, SERVER_URL_STEP,
                                     fail_note,
                                     is_openai_secret, key_message, openai_key_prefix, retry_budget_ms)
from migrator.mapping.env import (API_KEY_ENV, BASE_URL_VARS, COLAB_SECRETS, ENV_VALUE_NOTES, ENVIRON_ALIAS_TODO,
                                  MESSAGE_CALLS, SERVER_URL_ENV, STREAMLIT_SECRET_TODO, STREAMLIT_SECRETS)
from migrator.engine.notebooks import CELL_LINE
from migrator.mapping.packages import OPENAI_PACKAGE
from migrator.mapping.transforms import strip_v1
from migrator.plan.syntax import SHOWING_CALLS
from migrator.plan.model import CONVERT, KEEP, OTHER, UNRESOLVED, UNUSED


@functools.lru_cache(maxsize=1)
def _wrapper_modules() -> frozenset:
    """The modules LangChain's / LlamaIndex's OpenAI classes are imported from (their tables in migrator.mapping)."""
    from migrator.mapping import langchain as lc, llamaindex as li

    return frozenset(module for table in (lc.CLASSES, li.CLASSES) for entry in table.values() for module in entry[1])


def string_value(node: cst.BaseExpression) -> Optional[str]:
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def string_like(original: cst.BaseExpression, value: str) -> cst.SimpleString:
    quote = '"'
    if isinstance(original, cst.SimpleString) and original.quote in ("'", '"'):
        quote = original.quote
    return cst.SimpleString(f"{quote}{value}{quote}")


class ClientConstructor(MigratorRule):
    """Rewrites ``OpenAI(...)`` / ``AsyncOpenAI(...)`` into ``Mistral(...)``.

    **What it does.** Replaces the client class (also via ``import openai as oai``, ``openai.OpenAI``
    and aliases) with ``mistralai.client.Mistral`` and translates each keyword: ``api_key`` is kept;
    ``base_url`` becomes ``server_url`` without ``/v1``; ``timeout`` seconds become ``timeout_ms`` (an
    httpx ``Timeout``, inline or bound to a module-level name, gives its read timeout, with a TODO;
    ``openai.DEFAULT_TIMEOUT`` gives 600000);
    ``max_retries=N`` becomes a ``RetryConfig``, and so does the default (OpenAI retried twice, Mistral
    retries nothing without one; ``max_retries=0`` gets none), and the constructor is then written one
    argument per line, the ``RetryConfig`` over lines of its own (as a formatter would; in a call already
    written one argument per line, only the ``RetryConfig`` spreads; a module with two or more converted
    constructors, or one inside an expression, shares one ``MISTRAL_RETRY_CONFIG = RetryConfig(...)``
    written after its imports; a notebook's, in the cell of its first openai import); ``http_client`` becomes
    ``client``/``async_client``, a legacy ``httpx.Client(...)`` there an ``httpx2.Client(...)`` (mistralai's
    HTTP library, whose errors the converted except clauses catch), also where it is bound to a name the constructor
    alone reads (``http_client = httpx.Client(...)`` on the line above); a client built elsewhere gets a TODO, unless
    the module works with httpx2 alone; ``organization``/``project`` are dropped with a TODO. A constructor without
    ``base_url`` gets no server URL (Mistral's default server; ``OpenAI()`` honoured ``OPENAI_BASE_URL`` implicitly, so
    code that reads or sets that variable gets a TODO). Reads of ``OPENAI_API_KEY`` / ``OPENAI_BASE_URL`` from the
    environment become ``MISTRAL_API_KEY`` / ``MISTRAL_SERVER_URL`` (a setup check that ``openai`` is installed,
    ``importlib.import_module("openai")``, gets a TODO where every client converts); parameter and return
    annotations naming the OpenAI client classes become ``Mistral``. A key set on the statement
    right after the one that builds the client (``client = OpenAI()`` then ``client.api_key = key``)
    is passed to ``Mistral(api_key=key)`` and the assignment is removed (its comments move above the
    constructor): Mistral reads its key when it is built, so the assignment would do nothing. Set
    anywhere else (a key rotated later), it keeps the client with a TODO. Where openai is imported under a guard
    with a stand-in (``try: from openai import OpenAI`` / ``except ImportError: OpenAI = None``) and every
    constructor of that class in the module converts, a check of the name (``OpenAI() if OpenAI else None``,
    ``if OpenAI is None: raise RuntimeError("pip install openai")``) checks ``Mistral``, imported in the guard's
    place, and its message names mistralai.

    **Why.** Mistral has one client class for sync and async use (async methods end in ``_async``),
    a different base-URL convention and millisecond timeouts (api-mapping.md §1.2).

    **Fix safety.** approximate: timeouts and retries keep their intent, not their exact schedule
    (Mistral retries 429/500/502/503/504 and connection errors within a time budget, set to what
    its backoff takes for about N retries of a fast failure; OpenAI retried 408/409/429/5xx N times).
    The budget counts the requests' own time too, so a slow failure (a 5xx after seconds, a read
    timeout) is retried fewer times than OpenAI did, or not at all: raise ``max_elapsed_time`` where
    such failures are expected. A module-level ``openai.api_key = os.getenv("OPENAI_API_KEY")`` that
    nothing else reads is removed where the module's calls moved to ``mistral_client`` (which reads
    ``MISTRAL_API_KEY``), and so is one alone in a function's body (``GPT.__init__``); a key the app gets while
    it runs (a typed input, a session's or a request's) keeps the module's calls on OpenAI, with a TODO; where no
    call of the project goes through the openai module's own client and every client converted, the setting
    serves nothing and goes too (a key from elsewhere gets a TODO saying so);
    ``os.environ["OPENAI_API_KEY"]``, which fails at start-up when unset, becomes
    ``mistral_client = Mistral(api_key=os.environ["MISTRAL_API_KEY"])``, which still does; one set from elsewhere (``openai.api_key = config.get_openai_token()``) becomes
    that client, where the setting was: ``mistral_client = Mistral(api_key=config.get_openai_token(),
    ...)``, with a TODO (the key must now be a Mistral key); the ``mistral_client`` of another module
    whose v0 calls relied on that process-wide key gets a TODO naming where it was set. openai 0.x's
    ``openai.proxy = "http://..."`` (a URL, an environment read, or one URL for http and https) at the top level of
    a module whose calls convert builds that client on ``httpx2.Client(proxy=..., follow_redirects=True)`` (and
    ``httpx2.AsyncClient`` for ``acreate``), where the setting was or in the key setting's client above it. A
    ``base_url`` from a setting migrator cannot read (imported, a parameter) becomes ``server_url``
    with a TODO: where it defaults to OpenAI's URL, the Mistral key would go there.
    A ``RetryConfig`` / ``BackoffStrategy`` of the application's own is left alone: Mistral's are
    then reached through ``mistralai.client.utils``.

    **Which clients.** Only those the conversion plan (``migrator.plan``) converts: OpenAI's own
    endpoint and every use converted. A client the plan keeps (a use with no rule yet, an
    OpenAI-only consumer such as ``instructor.from_openai``, options Mistral lacks, Azure OpenAI, a
    ``base_url`` from unreadable configuration) gets **one** TODO here naming the blocking uses; a
    client pointed at another provider is not touched. Environment reads are renamed only where they
    feed a converted constructor, or only check that the key is set (``if "OPENAI_API_KEY" not in os.environ:``, with
    the key prompt's write under it; ``if not os.getenv("OPENAI_API_KEY"):
    sys.exit("Set OPENAI_API_KEY")``, or a name only such checks read: the check and its message name
    ``MISTRAL_API_KEY``, which the clients it guards now read; such a check of OpenAI's key prefix,
    ``assert os.getenv("OPENAI_API_KEY", "").startswith("sk-")``, becomes one that the key is set, since a Mistral key
    has no such prefix, and an ``openai.api_key = os.getenv(...)`` in the renamed check's body goes); other reads and
    writes of the variables
    converted clients read implicitly get a TODO (never renamed). A name bound to such a read that
    feeds the constructor and is checked (``if not api_key: raise ...``, ``.strip()``-ed) is renamed with
    the check's message; so is a module's read another module passes as ``api_key=`` (``from config import
    OPENAI_API_KEY``, ``config.OPENAI_API_KEY``, one set in a function through ``global``). A client built
    lazily into a module global (``global _client; _client = AsyncOpenAI()``) is the module's client: its
    declaration ``_client: AsyncOpenAI | None = None`` follows it. A client that a module failing to parse
    may import stays on OpenAI, naming that module. An OpenAI secret written in the code (``api_key="sk-..."``, or a name bound to
    one) is removed from the converted constructor, with a TODO to delete and revoke it: it is never
    sent to Mistral. ``api.openai.com`` URLs in a converted client's ``base_url`` become Mistral's server, also as
    the default of the function parameter it is passed (``def make(base_url="https://api.openai.com/v1")``).
    ``client.close()`` / ``await client.close()`` alone on its line (a shutdown hook) becomes
    ``client.__exit__(None, None, None)`` / ``await client.__aexit__(None, None, None)``: Mistral has no ``close()``;
    leaving its context closes the HTTP client it made. Once every client of the tree converts and none kept reads
    ``OPENAI_API_KEY``, a pydantic settings field requiring it (``OPENAI_API_KEY: str``, ``Field(...)``) gets a TODO:
    a deployment set up for Mistral, without the OpenAI key, would fail at start-up.

    **Known limits.** Constructors with positional arguments, ``**kwargs``, OpenAI-platform options
    (``websocket_base_url``, ``default_headers``, ...) or Azure clients are kept, with the TODO; so are
    clients a parameter shares with clients of the other mode (``OpenAI()`` and ``AsyncOpenAI()``: the call
    cannot be both ``complete`` and ``complete_async``), and clients stored as another object's attribute
    (``app.state.llm_client``) that a call elsewhere goes through. A client nothing uses is left as it is;
    one built at import that reads ``OPENAI_API_KEY``, in a run that moves other clients (and the key) to
    Mistral, gets a TODO: without that key it raises at import.

    **openai-compatible target.** The class stays ``OpenAI`` / ``AsyncOpenAI``: ``base_url=`` becomes
    the provider's URL and ``api_key=`` its key variable (``os.environ.get(NAME, "EMPTY")`` where the
    key is optional); ``organization`` / ``project`` are dropped with a TODO; every other option keeps
    its meaning. ``OPENAI_API_KEY`` reads feeding a moved client become the provider's variable;
    ``openai.api_key`` / ``openai.base_url`` of a moved module client are set to the provider's.
    """

    CODE = "MIG101"
    NAME = "client-constructor"
    SAFETY = "approximate"
    DESCRIPTION = "OpenAI(...) / AsyncOpenAI(...) client construction -> Mistral(...)"
    BEFORE = 'import os\nfrom openai import OpenAI\n\nclient = OpenAI(api_key=os.environ["OPENAI_API_KEY"], timeout=30, max_retries=3)\n'
    AFTER = 'import os\nfrom mistralai.client import Mistral\nfrom mistralai.client.utils import BackoffStrategy, RetryConfig\n\nclient = Mistral(\n    api_key=os.environ["MISTRAL_API_KEY"],\n    timeout_ms=30000,\n    retry_config=RetryConfig(\n        "backoff",\n        BackoffStrategy(\n            initial_interval=500,\n            max_interval=8000,\n            exponent=2.0,\n            max_elapsed_time=4000,\n        ),\n        retry_connection_errors=True,\n    ),\n)\n'

    def make_transformer(self, facts):
        if facts.view is not None and facts.view.package_checks:
            facts.prune = False  # (a setup check of the openai package: no site of the plan's marks it)
        return _Transformer(self, facts)


class _Transformer(RuleTransformer):
    def __init__(self, rule, facts) -> None:
        super().__init__(rule, facts)
        self._param: list[Optional[str]] = []  # names of the parameters being visited
        self._env_fed = False  # this statement read an env var that feeds a converted constructor
        self._httpx_bound: dict[str, cst.Call] = {}  # `http_client = httpx2.Client(...)` written here: name -> value
        self._fed_names: set[str] = set()  # names assigned from such reads
        self._lines_of_env: Optional[int] = None
        self.compat = self.config.endpoint()  # --target openai-compatible: the provider, else None
        self._compat_setting: dict[int, int] = {}  # `openai.<setting> = ...` targets -> line (compat)
        self._folds: list[tuple[str, str]] = []  # (client, key): `client.api_key = key` to drop (MIG101 folded it)
        self._key_settings: list[cst.SimpleStatementLine] = []  # `openai.api_key = os.environ[...]` to drop
        self._key_folds: list[cst.Assign] = []  # `openai.api_key = <key>` that become the module's mistral_client
        self._keep_folds: dict[int, Optional[cst.Assign]] = {}  # ... those that stay, and the client made after each
        self._key_args: set = set()  # ids of api_key= argument values
        self._wrapper_args: set = set()  # ids of LangChain / LlamaIndex OpenAI class calls' arguments (theirs)
        # id(fold) -> its function, where it is a local client (its class: self.mistral_client)
        self._fold_scopes: dict[int, "cst.FunctionDef | cst.ClassDef"] = {}
        # `openai.proxy = <url>` built into the module's client: (its statement, the URL, into the key setting's
        # client?, is a call async?) (_proxy_folds)
        self._proxy_fold: Optional[tuple] = None
        # (function, name) holding a renamed key read that only key checks test -> line (function None: the module's;
        # another function's variable of the same name is another variable: held-out review 66, X7)
        self._gate_names: dict[tuple, int] = {}
        self._gate_ifs: dict[int, int] = {}  # id of an if / while statement testing a renamed key read -> line
        self._key_tries: dict[int, int] = {}  # id of a try whose body reads a renamed key by subscript -> line
        self._fstrings: list[str] = []  # the quotes of the f-strings around: a constructor there stays on one line
        self._suites = 0  # inside `if x: stmt` (a one-line suite): a constructor there stays on one line
        self._function_params: list[tuple[int, set]] = []  # the enclosing functions: (id, their parameters)
        # enclosing `if` / `try` blocks: (the node's id, is it a key check (OPENAI_API_KEY, KeyError)?)
        self._blocks: list[tuple[int, bool]] = []
        self._top_values: set[int] = set()  # values a statement alone on its line starts with (see below)
        self._chain_heads: set[int] = set()  # ... of them, a call chain's first call (`OpenAI().embeddings...`)
        self._indent = "    "  # the module's indentation unit (visit_Module)
        self._closes: dict[int, tuple[int, bool]] = {}  # `client.close()` the plan converts -> (line, is async)

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        self._fstrings.append(node.end)

    # a constructor is laid out over lines only where it starts its statement's value (``client =
    # OpenAI()``, ``return OpenAI()``, ``bot = instructor.from_openai(OpenAI())``), in a statement alone
    # on its line: nested in a multi-line call, a lambda, a conditional or a ``;`` line it stays on one
    # line (re-review: misindented or bloated there)
    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        if len(node.body) == 1:
            statement = node.body[0]
            value = getattr(statement, "value", None)
            if isinstance(statement, (cst.Assign, cst.AnnAssign, cst.Return, cst.Expr)) and value is not None:
                value = value.expression if isinstance(value, cst.Await) else value
                self._top_values.add(id(value))
                if isinstance(value, cst.Call):  # one level down: instructor.from_openai(OpenAI())
                    self._top_values.update(id(arg.value) for arg in value.args)
                while isinstance(value, (cst.Call, cst.Attribute, cst.Subscript)):  # OpenAI().chat.completions...
                    value = value.func if isinstance(value, cst.Call) else value.value
                    if isinstance(value, cst.Call):
                        self._top_values.add(id(value))
                        self._chain_heads.add(id(value))

    def leave_SimpleStatementLine(self, original: cst.SimpleStatementLine,
                                  updated: cst.SimpleStatementLine) -> cst.SimpleStatementLine:
        """``client = OpenAI()  # Uses OPENAI_API_KEY from environment`` converted: the comment now names the
        variable the new client reads (held-out review 36, L6: it named the old one). A key setting kept beside its
        fold (``_local_key_fold``): the client's line after it."""
        folded = self._keep_folds.pop(id(original.body[0]), None) if self._keep_folds and original.body else None
        if folded is not None:
            made = cst.SimpleStatementLine([folded])
            self.added_after.add(id(made))
            return cst.FlattenSentinel([updated, made])  # type: ignore[return-value]
        comment = updated.trailing_whitespace.comment
        if comment is not None and updated is not original and _OPENAI_CODE_COMMENT.search(comment.value) and \
                f"{MODULE_CLIENT_NAME} = Mistral(" in code_of(updated) and "openai." in code_of(original):
            # `openai.api_key = os.getenv(...)  # or hardcode: openai.api_key = "sk-..."`, now the module's Mistral
            # client: the comment shows OpenAI code no longer there (held-out review 128, Y10)
            return updated.with_changes(trailing_whitespace=cst.TrailingWhitespace(
                newline=updated.trailing_whitespace.newline))
        if comment is not None and updated is not original and "api.openai.com" in comment.value and \
                self.compat is None and "MISTRAL_SERVER_URL" in code_of(updated) and \
                "MISTRAL_SERVER_URL" not in code_of(original):
            # `BASE_URL = os.getenv("OPENAI_BASE_URL")  # or set manually: "https://api.openai.com/v1"`, now Mistral's
            # server setting: the example URL is Mistral's (held-out review 139, X6)
            return updated.with_changes(trailing_whitespace=updated.trailing_whitespace.with_changes(
                comment=cst.Comment(re.sub(r"https?://api\.openai\.com(?:/v1)?/?", MISTRAL_SERVER,
                                           comment.value))))
        if comment is not None and updated is not original and _OPENAI_KEY_COMMENT.search(comment.value) and \
                "OPENAI_API_KEY" not in comment.value and "Mistral(" in code_of(updated) and \
                "Mistral(" not in code_of(original) and self.compat is None:
            # `openai.api_key = ''  # your OpenAI api key`, now the Mistral client's key: the comment names Mistral
            # (held-out review 139, Y5: "Mistral(api_key='')  # your OpenAI api key")
            return updated.with_changes(trailing_whitespace=updated.trailing_whitespace.with_changes(
                comment=cst.Comment(_OPENAI_WORD.sub(lambda m: {"OPENAI": "MISTRAL", "openai": "mistral"}.get(
                    m.group(0), "Mistral"), comment.value))))
        if comment is None or "OPENAI_API_KEY" not in comment.value or updated is original:
            return updated
        before, after = code_of(original.with_changes(trailing_whitespace=cst.TrailingWhitespace())), \
            code_of(updated.with_changes(trailing_whitespace=cst.TrailingWhitespace()))
        key = self.compat.key_env if self.compat is not None else "MISTRAL_API_KEY"
        if before == after or "OPENAI_API_KEY" in after or not (
                "Mistral(" in after and "Mistral(" not in before or self.compat is not None and "base_url=" in after
                and "base_url=" not in before):
            return updated
        return updated.with_changes(trailing_whitespace=updated.trailing_whitespace.with_changes(
            comment=cst.Comment(comment.value.replace("OPENAI_API_KEY", key))))

    def visit_SimpleStatementSuite(self, node: cst.SimpleStatementSuite) -> None:
        self._suites += 1

    def leave_SimpleStatementSuite(self, original: cst.SimpleStatementSuite,
                                   updated: cst.SimpleStatementSuite) -> cst.SimpleStatementSuite:
        self._suites = max(0, self._suites - 1)  # (on_leave runs for a pruned suite too)
        return updated

    def leave_FormattedString(self, original: cst.FormattedString,
                              updated: cst.FormattedString) -> cst.FormattedString:
        self._fstrings.pop()
        return updated

    # -- `client.api_key = key` folded into the constructor ---------------------------------------
    def leave_IndentedBlock(self, original: cst.IndentedBlock, updated: cst.IndentedBlock) -> cst.IndentedBlock:
        if self._key_settings and any(o is dropped for o in original.body for dropped in self._key_settings):
            left: list = []
            body = self._drop_key_settings(original.body, updated.body, left)
            # (a function whose only statement it was keeps a body; the comments above a last statement dropped stay,
            # above the pass or at the block's end: held-out review 47, F6)
            updated = updated.with_changes(body=body or [cst.SimpleStatementLine([cst.Pass()], leading_lines=left)],
                                           footer=[*left, *updated.footer] if body else updated.footer)
        return updated.with_changes(body=self._drop_folded(updated.body)) if self._folds else updated

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        before = original.code if self.facts.reads_secrets else ""  # (generated only where st.secrets is read)
        if "OPENAI_API_KEY" in before.upper():
            # `if "openai_api_key" not in st.secrets: st.stop()` where every read of that secret now reads the
            # Mistral one: the check asks for the secret the client reads (held-out review 73, Y3: it stopped the app
            # once the secrets held the Mistral key only)
            after = updated.code
            names = {name: _mistral_secret(name) for name in
                     {m.group(1) for m in re.finditer(r"""["'](openai_api_key)["']""", before, re.I)}
                     if not _secret_reads(after, name) and _secret_reads(before, name) and
                     _secret_reads(after, _mistral_secret(name))}
            if names:
                updated = updated.visit(_SecretGates(names))
        if self._key_settings:
            left: list = []
            updated = updated.with_changes(body=self._drop_key_settings(original.body, updated.body, left))
            updated = updated.with_changes(footer=[*left, *updated.footer]) if left else updated
        if self._folds:
            updated = updated.with_changes(body=self._drop_folded(updated.body))
        if self._proxy_fold is not None:
            updated = updated.with_changes(body=self._with_proxy(updated.body))
        if self.__dict__.get("_remapped_names"):
            updated = updated.visit(_RemappedDefaults(self._remapped_names))
        if self._hoisted is not None and not self._reused:  # last: it finds its place in the body as it is now
            updated = updated.with_changes(body=self._with_shared_retry_config(updated.body))
        return updated

    # -- one RetryConfig for the module's constructors ----------------------------------------
    def _shared_retry_config(self, code: str, inline: bool) -> Optional[str]:
        """The name of the module-level RetryConfig this constructor reads (held-out reviews 7 N6, 9 N1:
        seven lines at every function-local client; 200 characters on one line where a constructor sits
        inside an expression), or None to write it in place: a module with two or more converted
        constructors, or one that cannot be laid out over lines. Not inside an f-string, nor where the
        name is taken."""
        if self._reused and not self._fstrings:
            return SHARED_RETRY_CONFIG  # a module an earlier run converted already defines it (review R4)
        if self._in_own_section(self.current_line()):
            return None  # a later notebook cell importing openai itself, to run on its own, keeps its own
        if not self._hoistable or self._fstrings or (self._converting < 2 and not inline) or not self.statement_nodes or \
                SHARED_RETRY_CONFIG in self.facts.bound_names | self.facts.names_in_use or \
                (self._hoisted is not None and self._hoisted != code):
            return None
        self._hoisted = code
        return SHARED_RETRY_CONFIG

    def _in_own_section(self, line: int) -> bool:
        """Is ``line`` in a notebook section that runs on its own: at or after a later cell importing openai itself
        (its client may be built in a cell below that import: held-out review 126, X2, `client = Mistral(...,
        retry_config=MISTRAL_RETRY_CONFIG)` in section 2 read cell 1's constant, a NameError in a fresh kernel)."""
        if not self._self_contained:
            return False
        cell = bisect.bisect_right(self._cell_starts, line)
        section = max((c for c in self.__dict__.get("_import_cells", ()) if c <= cell), default=None)
        return section in self._self_contained

    def _with_shared_retry_config(self, body) -> list:
        """``body`` with ``MISTRAL_RETRY_CONFIG = RetryConfig(...)`` (laid out over lines) before the first
        top-level statement that reads it: bound before any code that runs at import time can use it. The
        blank lines above that statement go above the new one; the statement keeps its comments. Found in
        the body as the rules left it (another rule may have removed or added statements: corpus review
        R1, the constant was then never written and the module raised NameError)."""
        out = list(body)
        index = next((i for i, statement in enumerate(out) if _reads_name(statement, SHARED_RETRY_CONFIG)), None)
        if index is None or self._hoisted is None:
            return out
        first = _first_openai_import(out)
        if self._notebook:
            # in the cell of the first openai import (where the Mistral imports go), after that cell's imports
            index = first + 1
            while index < len(out) and not _starts_cell(out[index]) and _imports_only(out[index]):
                index += 1
        else:
            # with the module's other definitions, up top; after the openai import, where the Mistral ones go
            index = max(min(index, _after_leading_imports(out)), first + 1)
        call = cst.parse_expression(self._hoisted)
        lines = _retry_lines(call, "", self._unit())
        value = cst.parse_expression(lines) if lines is not None else call
        shared = cst.SimpleStatementLine(
            body=[cst.Assign(targets=[cst.AssignTarget(cst.Name(SHARED_RETRY_CONFIG))], value=value)])
        if self._notebook and (index == len(out) or _starts_cell(out[index])):
            # the end of that cell (the next statement keeps its cell's first line)
            out.insert(index, shared.with_changes(leading_lines=[cst.EmptyLine()]))
            return out
        target = out[index]
        leading = list(target.leading_lines)
        blanks = 0
        while blanks < len(leading) and leading[blanks].comment is None:
            blanks += 1
        compound = isinstance(target, (cst.FunctionDef, cst.ClassDef)) or (
            isinstance(target, cst.SimpleStatementLine) is False and bool(getattr(target, "decorators", ())))
        gap = 2 if compound else 1
        shared = shared.with_changes(leading_lines=(leading[:blanks] or [cst.EmptyLine()]) if index else [])
        out[index] = target.with_changes(leading_lines=[cst.EmptyLine()] * gap + leading[blanks:])
        out.insert(index, shared)
        return out

    def _drop_key_settings(self, originals, body, left: list) -> list:
        """``body`` without the module-level ``openai.api_key = os.environ["OPENAI_API_KEY"]`` lines the
        module's mistral_client makes needless; their comments go to the next statement (to ``left`` after the last
        one)."""
        out: list = []
        carried: list = []
        blanks: list = []
        for original, statement in zip(originals, body):
            if any(original is dropped for dropped in self._key_settings):
                # (a comment about the key it set goes with it: "# read the OpenAI API key from the environment" was
                # left above the next class; held-out review 94, X9)
                # (its own TODO stays, above the next statement: "... removed: revoke the secret"; held-out review
                # 106, Y8, it was reported and never written)
                carried += [line for line in statement.leading_lines if line.comment is not None and
                            (not _ABOUT_THE_KEY.search(line.comment.value) or
                             line.comment.value.startswith(f"{TODO_PREFIX}{self.code})"))]
                # (the blank lines above it stay, where the next statement has none: after the imports, re-review
                # 44, Y10)
                blanks = blanks or [line for line in statement.leading_lines if line.comment is None]
                continue
            if carried or blanks:
                own = list(statement.leading_lines)
                # (and above the comments carried, where there are: the TODO keeps the removed line's place instead
                # of sticking to the class above, held-out review 138, Y8)
                above = blanks if blanks and (carried or not any(line.comment is None for line in own[:1])) else []
                statement = statement.with_changes(leading_lines=[*above, *carried, *own])
                carried, blanks = [], []
            out.append(statement)
        if len(body) != len(originals):
            return list(body)
        left += carried
        return out

    def _unpacked_settings(self, target: "cst.Tuple | cst.List") -> None:
        """``openai.api_key, TOKEN = sys.argv[1:3]``: a module setting among the names a statement unpacks to (the
        facts count it as one, as ``_Collector.visit_Assign`` does): where the module's calls moved, the converted
        calls' client reads none of it (held-out review 137, Y2: Mistral() ran with no key, silently)."""
        for element in target.elements:
            value = element.value
            if not (isinstance(value, cst.Attribute) and isinstance(value.value, cst.Name) and
                    self.facts.openai_modules.get(value.value.value) == "openai" and
                    value.attr.value in MODULE_CLIENT_SETTINGS):
                continue
            line = self.next_site_line(MODCFG)
            if not (self.answer and self.answer[0] == "modcfg" and self.answer[1]) or self.compat is not None:
                continue
            if value.attr.value == "api_key":
                self.todo(line, f"{code_of(value)} is set here among other names; the converted calls go through "
                                f"{MODULE_CLIENT_NAME}, which reads MISTRAL_API_KEY, not this: give it "
                                f"Mistral(api_key=...) with a Mistral key from the same place (or set MISTRAL_API_KEY)",
                          (KEY_STEP,))
            else:
                self.todo(line, f"{code_of(value)} configures OpenAI's module-level client: "
                                f"{MODULE_CLIENT_SETTINGS[value.attr.value]}")

    def _key_setting_drops(self, target: cst.Attribute) -> bool:
        """``openai.api_key = os.environ["OPENAI_API_KEY"]`` (or getenv) alone on a module-level line, or
        ``os.getenv`` / ``os.environ.get`` alone on a line of a function's body, with nothing else in the module
        reading ``openai.api_key``: the module's mistral_client reads MISTRAL_API_KEY itself, so the line only
        kept the openai import and package (and, at module level, a KeyError at start-up)."""
        if not self.statement_nodes or type(self.statement_nodes[-1]) is not cst.SimpleStatementLine:
            return False
        line = self.statement_nodes[-1]
        nested = len(self.statement_nodes) > 1  # in a function (`GPT.__init__`): held-out review 42, U4
        assign = line.body[0] if len(line.body) == 1 else None
        comment = line.trailing_whitespace.comment
        if type(assign) is not cst.Assign or len(assign.targets) != 1 or comment is not None and (
                not nested or _NOTE_COMMENT.search(comment.value)):
            # (in a function, a comment saying what the line does goes with it: held-out review 71, Y5; a note stays,
            # and at module level the line becomes the module's client, keeping its comment: re-review 48, G3)
            return False
        secret = openai_secret(assign.value)  # `openai.api_key = "sk-..."`: never handed to Mistral (re-review 5)
        # (`st.secrets["OPENAI_API_KEY"]`, Streamlit's: a KeyError at import once that secret goes; review 68, Y3)
        streamlit = _streamlit_key(assign.value) is not None
        read, local = assign.value, None
        if nested and isinstance(read, cst.Name):
            # `openai_api_key = getenv("OPENAI_API_KEY")` then `openai.api_key = openai_api_key` in one function
            # (held-out review 134, Y3: kept, with a TODO to set what the code read already)
            function = next((n for n in reversed(self.statement_nodes) if isinstance(n, cst.FunctionDef)), None)
            nodes = list(walk_cst(function)) if function is not None else []
            bound = [a for a in nodes if isinstance(a, cst.Assign) and len(a.targets) == 1 and
                     isinstance(a.targets[0].target, cst.Name) and a.targets[0].target.value == read.value]
            if len(bound) == 1:
                named = read.value
                read = bound[0].value
                # (the local goes with the setting where nothing else reads it)
                holder = next((n for n in nodes if isinstance(n, cst.SimpleStatementLine) and len(n.body) == 1 and
                               n.body[0] is bound[0]), None)
                uses = sum(1 for n in nodes if isinstance(n, cst.Name) and n.value == named)
                local = holder if holder is not None and uses == 2 and holder.trailing_whitespace.comment is None \
                    else None
        if not secret and not streamlit and (not _is_env_read(read) or "OPENAI_API_KEY" not in code_of(read)):
            return False
        # under a key gate the plan renamed (`if "OPENAI_API_KEY" in os.environ:`, `try:` between): the setting only
        # read the key the gate now tests for another variable, and raised KeyError where just that one was set
        # (held-out review 143, X3: the review step failed silently with the Mistral key alone); it goes
        gated = nested and isinstance(read, cst.Subscript) and \
            any(id(n) in self._gate_ifs for n in self.statement_nodes[:-1])
        if not secret and isinstance(read, cst.Subscript) and not gated and \
                (nested or len(self.answer) > 2 and self.answer[2]):
            # os.environ["OPENAI_API_KEY"] fails fast when unset: folded, reading MISTRAL_API_KEY (at module level;
            # in a function it fails when that runs, which no constructor keeps: its TODO stays)
            return False
        guard = _key_guard(self.statement_nodes[-2], line) if nested else None
        outer = self.statement_nodes[:-2] if guard is not None else self.statement_nodes[:-1]
        if gated:
            outer = [n for n in outer if id(n) not in self._gate_ifs and not isinstance(n, cst.Try)]
        if nested and guard is None and id(self.statement_nodes[-2]) in self._gate_ifs and \
                isinstance(self.statement_nodes[-2].body, cst.IndentedBlock) and \
                len(self.statement_nodes[-2].body.body) > 1:
            # `if os.getenv("OPENAI_API_KEY") is None: os.environ[...] = getpass(...); openai.api_key = ...`, the gate
            # renamed: the setting in its body goes, the rest stays (held-out review 81, Y3)
            outer = self.statement_nodes[:-2]
        if outer and isinstance(outer[-1], cst.Try) and isinstance(outer[-1].body, cst.IndentedBlock) and \
                len(outer[-1].body.body) > 1 and any(s is line for s in outer[-1].body.body):
            # `try: openai.api_key = key; openai.models.list()`: the setting is one line of the try's body, which
            # cannot raise; the body keeps the rest (held-out review 155, X6: kept, with a TODO asking for the
            # Mistral key the renamed read already gives)
            outer = outer[:-1]
        if not all(isinstance(n, (cst.FunctionDef, cst.ClassDef)) for n in outer):
            return False  # (under an if / try / with: what it guards is not the key alone)
        module = getattr(self, "_module_node", None)
        if module is None or (len(self.answer) > 3 and self.answer[3]) or (len(self.answer) > 4 and self.answer[4]):
            # (another module reads openai.api_key: re-review 44, Y2; this one does, also as getattr(openai,
            # "api_key", None), which the matcher below does not see: the check then always failed)
            return False
        import libcst.matchers as m

        setting = m.Attribute(value=m.Name(target.value.value), attr=m.Name("api_key"))
        reads = m.findall(module, setting)
        # (other settings of the same kind, `openai.api_key = os.getenv("OPENAI_API_KEY")` in two methods, read
        # nothing: they go too)
        same = [a for a in m.findall(module, m.Assign(targets=[m.AssignTarget(setting)]))
                if isinstance(a, cst.Assign) and (openai_secret(a.value) or _streamlit_key(a.value) is not None or
                                                  _is_env_read(a.value) and "OPENAI_API_KEY" in code_of(a.value) or
                                                  a is assign and read is not assign.value)]
        if len(reads) != len(same) or not any(a is assign for a in same):
            return False
        self._key_settings.append(guard if guard is not None else line)
        if local is not None:
            self._key_settings.append(local)
        self._key_setting_value = assign.value
        return True

    def _plain_setting_drops(self, target: cst.Attribute) -> bool:
        """``openai.organization = "org-..."`` (a string, or an environment read) alone on a line at module level or
        in a function's body, nothing in the module reading the setting back: the line goes (``_key_settings``)."""
        import libcst.matchers as m

        if not self.statement_nodes or type(self.statement_nodes[-1]) is not cst.SimpleStatementLine:
            return False
        line = self.statement_nodes[-1]
        assign = line.body[0] if len(line.body) == 1 else None
        if type(assign) is not cst.Assign or len(assign.targets) != 1 or line.trailing_whitespace.comment is not None \
                or not (isinstance(assign.value, cst.SimpleString) or _is_env_read(assign.value)) or \
                not all(isinstance(n, (cst.FunctionDef, cst.ClassDef)) for n in self.statement_nodes[:-1]):
            return False
        module = getattr(self, "_module_node", None)
        setting = m.Attribute(value=m.Name(target.value.value), attr=m.Name(target.attr.value))
        if module is None or len(m.findall(module, setting)) != 1 or target.attr.value in code_of(module).replace(
                code_of(line), "", 1):
            return False  # (read back, or named otherwise: getattr(openai, "organization"))
        self._key_settings.append(line)
        return True

    def _key_setting_folds(self, target: cst.Attribute) -> bool:
        """``openai.api_key = config.get_openai_token()`` (a key not read from OPENAI_API_KEY) alone on a
        module-level line of a module whose own module-client calls convert, with nothing else reading
        ``openai.api_key``: the line becomes the module's ``mistral_client = Mistral(api_key=...)`` (held-out
        review 3: Mistral() read MISTRAL_API_KEY, and the dead setting kept the openai import and package)."""
        if len(self.statement_nodes) != 1 or type(self.statement_nodes[0]) is not cst.SimpleStatementLine:
            return False
        line = self.statement_nodes[0]
        assign = line.body[0] if len(line.body) == 1 else None
        if type(assign) is not cst.Assign or len(assign.targets) != 1 or _is_none(assign.value):
            return False
        module = getattr(self, "_module_node", None)
        if module is None or MODULE_CLIENT_NAME in self.facts.names_in_use:
            return False
        import libcst.matchers as m

        if len(m.findall(module, m.Attribute(value=m.Name(target.value.value), attr=m.Name("api_key")))) != 1:
            return False
        self._key_folds.append(assign)
        return True

    def _fold_key_setting(self, original: cst.Assign, updated: cst.Assign) -> cst.BaseSmallStatement:
        """The folded ``openai.api_key = <key>`` -> ``mistral_client = Mistral(api_key=<key>[, retry_config=...])``,
        with the retries the module client would get (openai>=1's module client retried; openai 0.x's did not)."""
        import libcst.matchers as m

        module = self._fold_scopes.get(id(original), self._module_node)
        v1 = any(not _v0_spelling(call.func) for call in m.findall(module, m.Call(func=m.Attribute()))
                 if (dotted(call.func) or "").split(".")[0] in self.facts.openai_modules
                 and len((dotted(call.func) or "").split(".")) > 2)
        retries = self.facts.module_retries
        key = updated.value
        if isinstance(key, (cst.Subscript, cst.Call)) and _is_env_read(key) and "OPENAI_API_KEY" in code_of(key):
            # (os.getenv too: kept for its trailing comment, it handed Mistral the OpenAI key: re-review 48, G3)
            key = cst.parse_expression(code_of(key).replace("OPENAI_API_KEY", "MISTRAL_API_KEY"))
        key = _streamlit_key(key) or key  # st.secrets["OPENAI_API_KEY"] -> ["MISTRAL_API_KEY"] (held-out review 68)
        # an OpenAI secret written in the code is never handed to Mistral: the client reads MISTRAL_API_KEY (held-out
        # review 67, Y2: `openai.api_key = "sk-..."` became Mistral(api_key="sk-..."), the secret sent to Mistral)
        bound = self._module_values().get(key.value) if isinstance(key, cst.Name) else None
        # (... nor one a module constant holds: `OPENAI_API_KEY = "sk-proj-..."; openai.api_key = OPENAI_API_KEY`,
        # held-out review 152, Y5)
        written = bound is not None and (openai_secret(bound) or _sk_literal(bound))
        args = [] if openai_secret(key) or _sk_literal(key) or _placeholder_literal(key) or written else \
            [keyword_arg("api_key", key)]
        if v1 and retries != 0:
            count = retries if isinstance(retries, int) else OPENAI_DEFAULT_RETRIES
            code = self.retry_config_code(count)
            shared = self._shared_retry_config(code, False)  # not a copy beside the module's constant (R3)
            args.append(keyword_arg("retry_config", cst.Name(shared) if shared else cst.parse_expression(code)))
        self.need_import(*MISTRAL_CLIENT)
        call = cst.Call(func=cst.Name("Mistral"), args=finish_args((), args))
        call = laid_out(call, call, self._unit())
        name = cst.Name(MODULE_CLIENT_NAME)
        held = isinstance(self._fold_scopes.get(id(original)), cst.ClassDef)  # (the plan's _instance_key_fold)
        return updated.with_changes(targets=[cst.AssignTarget(cst.Attribute(value=cst.Name("self"), attr=name)
                                                              if held else name)], value=call)

    def _drop_folded(self, body) -> list:
        """``body`` without the ``client.api_key = key`` statements whose key the constructor right
        before them now takes; their comments go above the constructor (they are about the key)."""
        out: list = []
        for statement in body:
            fold = self._folded(out[-1] if out else None, statement)
            if fold is None:
                out.append(statement)
                continue
            self._folds.remove(fold)
            built = out[-1]
            comments = [line for line in statement.leading_lines if line.comment is not None]
            lines = list(built.leading_lines)
            at = len(lines)
            while at and lines[at - 1].comment is not None and lines[at - 1].comment.value.startswith(TODO_PREFIX):
                at -= 1  # the TODOs stay right above the statement
            out[-1] = built.with_changes(leading_lines=[*lines[:at], *comments, *lines[at:]])
        return out

    def _folded(self, built, statement) -> Optional[tuple[str, str]]:
        if type(built) is not cst.SimpleStatementLine or type(statement) is not cst.SimpleStatementLine \
                or len(built.body) != 1 or len(statement.body) != 1:
            return None
        made, setting = built.body[0], statement.body[0]
        if type(made) is not cst.Assign or type(setting) is not cst.Assign or len(made.targets) != 1 \
                or len(setting.targets) != 1 or not isinstance(made.value, cst.Call) \
                or code_of(made.value.func) != MISTRAL_CLIENT[1]:
            return None
        client, target = code_of(made.targets[0].target), code_of(setting.targets[0].target)
        value = _normal(code_of(setting.value))
        return next((fold for fold in self._folds if fold[0] == client and target == f"{client}.api_key"
                     and _normal(fold[1]) == value), None)

    # -- site bookkeeping (pre-order, matching codemods._facts) ----------------------------------
    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in ("get", "setdefault", "pop") and node.args:
            self._environ_alias_read(node, node.func.value, node.args[0].value)  # (env.get("OPENAI_API_KEY"))
        qualified = self.facts.qualify(dotted(node.func))
        if self.facts.imported_from.get((dotted(node.func) or "").split(".")[0]) in _wrapper_modules():
            # `ChatOpenAI(openai_api_key=st.secrets["OPENAI_API_KEY"])`: MIG116 / MIG121 say what its key needs
            # (held-out review 88, Y11: the Streamlit secret's TODO said it again, of code MIG116 rewrote)
            self._wrapper_args.update(id(arg.value) for arg in node.args)
        if qualified in CLIENT_CLASSES or qualified in MANUAL_CLIENT_CLASSES:
            self.mark_site(node, CTOR)
        elif _env_call_key(node) or self._env_helper_key(node):
            line = self.mark_site(node, ENV)
            if self._env_converts(node):
                self._env_fed, self._lines_of_env = True, line
            self._secret_default(node, line)
        elif self._env_secret_default(node) is not None and self.compat is None and self.facts.view is not None and \
                self.facts.view.any_converted and not any(id(node) == id(arg.value) for arg in self._ctor_args()):
            # `api_key = os.environ.get("KEY", "sk-proj-...")` handed on to a converted client (held-out review 131,
            # X1; a read given to the constructor itself loses its default there)
            from migrator.mapping.client import SECRET_DEFAULT_TODO

            self.todo(self.mark_site(node, ENV), SECRET_DEFAULT_TODO.format(
                name=string_value(node.args[0].value) or "variable"))
        elif isinstance(node.func, cst.Attribute) and node.func.attr.value in CLIENT_CLOSE and self.compat is None:
            found = self.api_site(node)  # client.close(): the plan's "call" answer (converted: a statement alone)
            if found is not None and found[1][0] == "call" and found[1][1] == CONVERT:
                self._closes[id(node)] = (found[0], bool(found[1][2]))
        elif isinstance(node.func, (cst.Name, cst.Attribute)) and \
                ((callee := code_of(node.func)).rsplit(".", 1)[-1] in SDK_INSTRUMENTERS or
                 callee.endswith(("OpenAIInstrumentor().instrument", "autolog"))) and self.config.endpoint() is None:
            found = self.api_site(node)  # cl.instrument_openai() in a module whose calls convert
            if found is not None and found[1][0] == "instr":
                self.todo(found[0], found[1][1])

    def _secret_default(self, node: cst.Call, line: int) -> None:
        """``os.getenv("OPENAI_API_KEY", "sk-proj-...")``, a real secret as the default, where a client converts: the
        TODO to delete and revoke it (held-out review 105, X6)."""
        from migrator.mapping.client import REAL_OPENAI_KEY, SECRET_DEFAULT_TODO

        name = _env_call_key(node)
        default = node.args[1].value if len(node.args) > 1 and node.args[1].keyword is None else next(
            (arg.value for arg in node.args if arg.keyword is not None and arg.keyword.value == "default"), None)
        text = default.evaluated_value if isinstance(default, cst.SimpleString) else None
        if name == "OPENAI_API_KEY" and isinstance(text, str) and REAL_OPENAI_KEY.fullmatch(text.strip()) and \
                self.compat is None and self.facts.view is not None and self.facts.view.any_converted:
            self.todo(line, SECRET_DEFAULT_TODO.format(name=name))

    def _env_converts(self, node) -> bool:
        answer = self.answer_for(node)
        if answer and answer[0] == "env" and answer[1] == "todo":
            line = self._lines.get(id(node), 0)
            first = self.__dict__.setdefault("_env_todos_said", {}).setdefault(answer[2], line)
            # (the same text again, a test file setting the key in each test: the full TODO once; held-out review 115,
            # X7, ten copies of one sentence)
            head = answer[2].split(" here", 1)[0] if " here" in answer[2] else "this line"
            self.todo(line, answer[2] if first == line else
                      f"{head} here too: see the TODO at the first such line in this file")
            return False
        converts = bool(answer and answer[0] == "env" and answer[1] is True)
        statement = self.statement_nodes[-1] if self.statement_nodes else None
        if converts and not (len(answer) > 2 and answer[2] == "gate") and isinstance(statement, cst.SimpleStatementLine) \
                and len(statement.body) == 1 and isinstance(statement.body[0], cst.Assign) and \
                len(statement.body[0].targets) == 1 and isinstance(statement.body[0].targets[0].target,
                                                                   (cst.Name, cst.Attribute)):
            # `api_key = os.getenv("OPENAI_API_KEY")` feeding the client, then `if not api_key: raise
            # ...("OPENAI_API_KEY is not set")`: the check's message names the new variable too (`self.api_key`:
            # re-review 38, O2)
            self._gate_names[(self._function(), code_of(statement.body[0].targets[0].target))] = \
                self._lines.get(id(node), 0)
        if converts and len(answer) > 2 and answer[2] == "gate":
            # a check that the key is set: its message (in the if's body) names the variable too
            statement = self.statement_nodes[-1] if self.statement_nodes else None
            if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 and \
                    isinstance(statement.body[0], cst.Assign) and len(statement.body[0].targets) == 1 and \
                    isinstance(statement.body[0].targets[0].target, cst.Name):
                self._gate_names[(self._function(), statement.body[0].targets[0].target.value)] = \
                    self._lines.get(id(node), 0)
            elif isinstance(statement, cst.SimpleStatementLine) and \
                    any(isinstance(b, cst.Assert) for b in statement.body):  # `assert os.getenv(...), "Set ..."`
                self._gate_ifs[id(statement)] = self._lines.get(id(node), 0)
            else:
                gate = next((n for n in reversed(self.statement_nodes) if isinstance(n, (cst.If, cst.While))), None)
                if gate is not None:
                    self._gate_ifs[id(gate)] = self._lines.get(id(node), 0)
        return converts

    def _standins(self) -> frozenset:
        """The client classes this module imports from openai under a guard with a stand-in (``try: from openai
        import OpenAI`` / ``except ImportError: OpenAI = None``) whose every constructor here converts: a check of
        the name (``OpenAI() if OpenAI else None``, ``if OpenAI is None: raise ...``) asks whether the SDK the
        converted code needs imported (held-out review 28, F5: it kept testing openai, and the Mistral client was
        silently None without the openai package)."""
        found = self.__dict__.get("_standin_names")
        if found is None:
            view = self.facts.view
            names = {name for name, qualified in self.facts.imported.items()
                     if qualified in CLIENT_CLASSES and qualified.startswith("openai.")
                     and name in self.facts.stored_names}
            mine = [c for c in (view.plan.clients if view is not None else ()) if c.path == view.path]
            found = frozenset(name for name in names if self.config.endpoint() is None and any(
                c.kind == self.facts.imported[name].rsplit(".", 1)[-1] for c in mine) and all(
                c.decision == CONVERT for c in mine if c.kind == self.facts.imported[name].rsplit(".", 1)[-1]))
            self.__dict__["_standin_names"] = found
        return found

    def _module_check_todo(self, test: cst.BaseExpression) -> None:
        """``if openai is None:`` where ``try: import openai`` / ``except ImportError: openai = None`` guards the module
        and every client built here converts: whether the Mistral code runs still hangs on the openai package
        (held-out review 125, X2: with openai uninstalled, the app quietly took its offline stand-in)."""
        view = self.facts.view
        if view is None or self.config.endpoint() is not None or not (
                isinstance(test, cst.Comparison) and len(test.comparisons) == 1 and
                isinstance(test.comparisons[0].operator, (cst.Is, cst.IsNot)) and isinstance(test.left, cst.Name) and
                isinstance(test.comparisons[0].comparator, cst.Name) and test.comparisons[0].comparator.value == "None"
                and self.facts.openai_modules.get(test.left.value) == "openai" and
                test.left.value in self.facts.stored_names):
            return
        mine = [c for c in view.plan.clients if c.path == view.path and c.kind != "parameter"]
        if mine and all(c.decision == CONVERT for c in mine):
            self.todo(self.current_line(), f"{code_of(test)} checks that the openai package imported (its `except "
                                           f"ImportError: {test.left.value} = None` guard), but the code it guards now "
                                           "calls Mistral: check mistralai instead (try: from mistralai.client "
                                           "import Mistral / except ImportError: Mistral = None), or the Mistral code "
                                           "is skipped where openai is not installed")

    def _availability_test(self, test: cst.BaseExpression) -> Optional[cst.BaseExpression]:
        """``test`` with the stand-in's name as Mistral's (``OpenAI``, ``not OpenAI``, ``OpenAI is None``, also as an
        operand of ``and`` / ``or``: ``API_KEY and OpenAI``, held-out review 61, Y25), or None."""
        if isinstance(test, cst.BooleanOperation):
            left, right = self._availability_test(test.left), self._availability_test(test.right)
            return test.with_changes(left=left or test.left, right=right or test.right) if left or right else None
        standins = self._standins() if isinstance(test, (cst.Name, cst.UnaryOperation, cst.Comparison)) else ()
        if not standins:
            return None
        name = test.expression if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not) \
            else test.left if isinstance(test, cst.Comparison) and len(test.comparisons) == 1 and isinstance(
                test.comparisons[0].operator, (cst.Is, cst.IsNot)) and isinstance(
                test.comparisons[0].comparator, cst.Name) and test.comparisons[0].comparator.value == "None" \
            else test
        if not (isinstance(name, cst.Name) and name.value in standins):
            return None
        mistral = cst.Name(MISTRAL_CLIENT[1])
        self.need_import(*MISTRAL_CLIENT)
        self.converted(self.current_line(), f"{name.value} availability check -> {MISTRAL_CLIENT[1]} (the SDK the "
                                            "converted client needs)")
        return mistral if test is name else test.with_changes(expression=mistral) \
            if isinstance(test, cst.UnaryOperation) else test.with_changes(left=mistral)

    def visit_Try(self, node: cst.Try) -> None:
        self._blocks.append((id(node), any("KeyError" in code_of(h.type) or "OPENAI_API_KEY" in code_of(h.body)
                                           for h in node.handlers if h.type is not None)))

    def _missing_key_gate(self, call: cst.Call, classes: frozenset = frozenset({"Exception", "BaseException"})
                          ) -> Optional[cst.Try]:
        """The ``try`` whose body builds the client as a statement of its own (``client = OpenAI()``) and whose
        handler catches any exception (bare, Exception, BaseException; or ``classes``): where OpenAI()'s error for a
        missing key was handled; else None."""
        if self.compat is not None or len(self.statement_nodes) < 2 or \
                not isinstance(self.statement_nodes[-2], cst.Try):
            return None
        block, statement = self.statement_nodes[-2], self.statement_nodes[-1]
        small, _ = self._assignment()
        if small is None or small.value is not call or not any(s is statement for s in block.body.body) or not any(
                (h.type is None and "Exception" in classes) or h.type is not None and code_of(h.type) in classes
                for h in block.handlers):
            return None
        return block

    def leave_Try(self, original: cst.Try, updated: cst.Try) -> cst.Try:
        if self._blocks and self._blocks[-1][0] == id(original):  # (a pruned block was never visited)
            self._blocks.pop()
        line = self._key_tries.pop(id(original), None)
        if line is None:
            return updated
        # `try: key = os.environ["MISTRAL_API_KEY"]` / `except KeyError: raise ...("OPENAI_API_KEY required")`: the
        # handler's messages name the variable now read (held-out review 56, V3: the operator was told to set OpenAI's)
        text = _KeyText(self._env_target("OPENAI_API_KEY") or "MISTRAL_API_KEY")
        handlers = [h.with_changes(body=h.body.visit(text)) if h.type is None or re.search(
            r"\b(KeyError|LookupError|Exception|BaseException)\b", code_of(h.type)) else h for h in updated.handlers]
        if all(new.deep_equals(old) for new, old in zip(handlers, updated.handlers)):
            return updated
        self.converted(line, "OPENAI_API_KEY -> MISTRAL_API_KEY in the key read's KeyError handler")
        # (the comment above the try naming the variable too: "# API key is loaded from .env file via OPENAI_API_KEY",
        # left above the renamed read and message; held-out review 96, X4)
        new = self._env_target("OPENAI_API_KEY") or "MISTRAL_API_KEY"
        leading = [line.with_changes(comment=cst.Comment(re.sub(r"(?<![A-Za-z0-9_])OPENAI_API_KEY(?![A-Za-z0-9_])", new,
                                                                line.comment.value)))
                   if line.comment is not None and "OPENAI_API_KEY" in line.comment.value and
                   not line.comment.value.startswith("# TODO(migrator") else line for line in updated.leading_lines]
        return updated.with_changes(handlers=handlers, leading_lines=leading)

    def visit_If(self, node: cst.If) -> None:
        self._module_check_todo(node.test)
        # (a membership test or a read of openai.api_key: a getenv gate is renamed with the client, A3)
        test = code_of(node.test)
        self._blocks.append((id(node), bool(re.search(r"""['"]OPENAI_API_KEY['"]\s+(?:not\s+)?in\b""", test)) or
                             "api_key" in test and "OPENAI_API_KEY" not in test))

    def leave_IfExp(self, original: cst.IfExp, updated: cst.IfExp) -> cst.IfExp:
        test = self._availability_test(updated.test)
        return updated if test is None else updated.with_changes(test=test)

    def leave_If(self, original: cst.If, updated: cst.If) -> cst.If:
        """The body of a key check that now tests MISTRAL_API_KEY: its messages name that variable; a check that the
        openai SDK imported (its guard's stand-in) checks Mistral's, and its message names mistralai."""
        if self._blocks and self._blocks[-1][0] == id(original):
            self._blocks.pop()
        test = self._availability_test(updated.test)
        if test is not None:
            updated = updated.with_changes(test=test, body=updated.body.visit(_PackageText()))
        if not self._gate_ifs and not self._gate_names:
            return updated
        lines = [self._gate_ifs.get(id(original))] + [self._gate_line(n) for n in _tested(original.test)
                                                       if self._gate_names]
        line = next((line for line in lines if line is not None), None)
        if line is None:
            return updated
        text = _KeyText(self._env_target("OPENAI_API_KEY") or "MISTRAL_API_KEY")
        renamed = updated.body.visit(text)
        # (`if os.getenv(KEY): ... else: raise RuntimeError("set KEY")`: the else's message too)
        orelse = updated.orelse.visit(text) if isinstance(updated.orelse, cst.Else) else updated.orelse
        if not (renamed.deep_equals(updated.body) and (orelse is None or orelse.deep_equals(updated.orelse))):
            self.converted(line, "OPENAI_API_KEY -> MISTRAL_API_KEY in the key check's message")
            return updated.with_changes(body=renamed, orelse=orelse)
        return updated

    leave_While = leave_If

    def leave_Expr(self, original: cst.Expr, updated: cst.Expr) -> cst.Expr:
        """``print(f"OPENAI_API_KEY found: {'Yes' if key else 'No'}")``, a line reporting on a renamed key read: its
        text names the new variable (held-out review 106, X10: the start-up print reported MISTRAL_API_KEY under the
        old name, while the raise below it was renamed)."""
        call = updated.value
        if not self._gate_names or not isinstance(call, cst.Call) or \
                not isinstance(call.func, (cst.Name, cst.Attribute)) or \
                code_of(call.func).rsplit(".", 1)[-1] not in ("print", "info", "debug", "warning", "error", "write"):
            return updated
        line = next((found for name in _tested(original.value) if (found := self._gate_line(name)) is not None), None)
        if line is None:
            return updated
        renamed = call.visit(_KeyText(self._env_target("OPENAI_API_KEY") or "MISTRAL_API_KEY"))
        if renamed.deep_equals(call):
            return updated
        self.converted(line, "OPENAI_API_KEY -> MISTRAL_API_KEY in the line reporting on the key")
        return updated.with_changes(value=renamed)

    def leave_BooleanOperation(self, original: cst.BooleanOperation,
                               updated: cst.BooleanOperation) -> cst.BaseExpression:
        """``os.environ.get("OPENAI_API_KEY") or getpass("Enter your OpenAI API key: ")`` whose read was renamed: the
        fallback's prompt asks for the Mistral key (held-out review 82, Y3: a student was asked for an OpenAI key,
        which the converted client then sent to Mistral)."""
        if self.compat is not None or not isinstance(updated.operator, cst.Or) or \
                not isinstance(original.left, cst.Call) or _env_call_key(original.left) != "OPENAI_API_KEY" or \
                "MISTRAL_API_KEY" not in code_of(updated.left):
            return updated
        right = updated.right.visit(_KeyText("MISTRAL_API_KEY"))
        if right.deep_equals(updated.right):
            return updated
        self.converted(self._lines.get(id(original), 0) or self.current_line(),
                       "OpenAI -> Mistral in the prompt asking for the key when MISTRAL_API_KEY is unset")
        return updated.with_changes(right=right)

    def leave_Assert(self, original: cst.Assert, updated: cst.Assert) -> cst.Assert:
        """``assert os.getenv("MISTRAL_API_KEY"), "Set OPENAI_API_KEY"``: the message names the new variable."""
        if updated.msg is None or (not self._gate_ifs and not self._gate_names):
            return updated
        statement = self.statement_nodes[-1] if self.statement_nodes else None
        line = self._gate_ifs.get(id(statement)) if statement is not None else None
        if line is None:
            line = next((self._gate_line(n) for n in _tested(original.test) if self._gate_line(n) is not None),
                        None)
        if line is None or updated.msg is None:
            return updated
        message = updated.msg.visit(_KeyText(self._env_target("OPENAI_API_KEY") or "MISTRAL_API_KEY"))
        if not message.deep_equals(updated.msg):
            self.converted(line, "OPENAI_API_KEY -> MISTRAL_API_KEY in the key check's message")
            return updated.with_changes(msg=message)
        return updated

    def statement_done(self) -> None:
        self._env_fed = False
        found = self.facts.key_field_statements.get(self.statement_stack[-1]) if self.statement_stack else None
        if found is not None:  # `OPENAI_API_KEY: str` in a settings class, every client converted (H6)
            self.todo(*found)

    def _secret_write(self, original: cst.Assign, updated: cst.Assign) -> cst.Assign:
        """``os.environ["OPENAI_API_KEY"] = userdata.get("OPENAI_API_KEY")`` whose target the plan renamed (a
        notebook's every reader converted): the secret copied is the Mistral one, and the notebook's secrets must hold
        it (held-out review 72, Y4)."""
        target = updated.targets[0].target if len(updated.targets) == 1 else None
        if len(original.targets) != 1 or not isinstance(original.targets[0].target, cst.Subscript) or \
                _env_subscript_key(original.targets[0].target) != "OPENAI_API_KEY" or \
                not isinstance(target, cst.Subscript) or len(target.slice) != 1 or \
                not isinstance(target.slice[0].slice, cst.Index) or \
                string_value(target.slice[0].slice.value) != "MISTRAL_API_KEY":
            return updated
        return self._mistral_secret_value(updated)

    def _mistral_secret_value(self, updated: cst.Assign) -> cst.Assign:
        """``updated`` reading the Mistral secret where its value reads the OpenAI one (a Colab / Streamlit secret),
        with the TODO that the secrets must hold it; else as it is."""
        value = updated.value
        if isinstance(value, cst.Call) and len(value.args) == 2 and \
                _env_call_key(value) in ("OPENAI_API_KEY", "MISTRAL_API_KEY"):
            # `env.get("OPENAI_API_KEY", userdata.get("OPENAI_API_KEY"))`: the shell's key, else the secret, both the
            # Mistral ones now (held-out review 135, Y1)
            secret = _streamlit_key(value.args[1].value)
            if secret is None:
                return updated
            self.todo(self.current_line(), secret_key_todo(secret, keyword=""))
            first = value.args[0].with_changes(value=string_like(value.args[0].value, "MISTRAL_API_KEY"))
            second = value.args[1].with_changes(value=secret)
            return updated.with_changes(value=value.with_changes(args=[first, second]))
        if isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or) and \
                _streamlit_key(value.left) is not None:
            # `st.secrets.get("OPENAI_API_KEY") or os.getenv("OPENAI_API_KEY")` (its environment read renamed by its
            # own rule): the Mistral secret first (held-out review 153, Y1)
            secret = _streamlit_key(value.left)
            self.todo(self.current_line(), secret_key_todo(secret, keyword=""))
            return updated.with_changes(value=value.with_changes(left=secret))
        secret = _streamlit_key(value)
        if secret is None:
            return updated
        self.todo(self.current_line(), secret_key_todo(secret, keyword=""))
        return updated.with_changes(value=secret)

    def leave_Assign(self, original: cst.Assign, updated: cst.Assign) -> cst.Assign:
        """``openai.api_key = ...`` of a module client that moves (openai-compatible); ``base = os.getenv("OPENAI_BASE_URL") or "https://api.openai.com/v1"`` feeding a converted
        client: the name now holds a Mistral server URL (its fallback is replaced below)."""
        if self._env_fed and len(original.targets) == 1 and isinstance(original.targets[0].target, cst.Name):
            self._fed_names.add(original.targets[0].target.value)
        if self._compat_setting and len(original.targets) == 1 and id(original.targets[0]) in self._compat_setting:
            return self._compat_module_setting(original, updated, self._compat_setting.pop(id(original.targets[0])))
        if self._key_folds and original is self._key_folds[-1]:
            if id(original) in self._keep_folds:  # (the setting stays: the client goes after its line)
                self._keep_folds[id(original)] = self._fold_key_setting(original, updated)
                return updated
            return self._fold_key_setting(original, updated)
        updated = self._secret_write(original, updated)
        updated = self._secret_constant(original, updated)
        updated = self._handed_base_url(original, updated)
        updated = self._bound_http_client(updated)
        return self._depends_alias(original, updated)

    def _bound_http_client(self, updated: cst.Assign) -> cst.Assign:
        """``http_client = httpx.Client(...)``, handed once to a constructor the plan converts (facts.httpx_clients):
        built with httpx2 where it is bound, as the inline form is (held-out review 144, Y10: a TODO there)."""
        target = updated.targets[0].target if len(updated.targets) == 1 else None
        if not (isinstance(target, cst.Name) and target.value in self.facts.httpx_clients.get(self.path, ()) and
                isinstance(updated.value, cst.Call) and dotted(updated.value.func) in HTTPX_CLIENTS):
            return updated
        line = self.current_line()
        self.need_import("httpx2")
        self.converted(line, f"{target.value} = {code_of(updated.value.func)}(...) -> httpx2 (mistralai's HTTP "
                             "library: the converted client takes it)", "approximate")
        built = self._httpx2_options(updated.value.visit(_ToHttpx2()), line)  # type: ignore[arg-type]
        self._httpx_bound[target.value] = built
        return updated.with_changes(value=built)

    def _handed_base_url(self, original: cst.Assign, updated: cst.Assign) -> cst.Assign:
        """``BASE_URL = os.getenv("BASE_URL", "https://api.openai.com/v1")`` (or the URL alone) at the top level, handed
        to a function whose converted client takes it as server_url (the plan's base_url_args): OpenAI's URL becomes
        Mistral's server (held-out review 109, X5: only the function's default was, and the caller's value sent the
        Mistral key to api.openai.com/v1/v1)."""
        view = self.facts.view
        handed = view.plan.base_url_args.get(view.path, {}) if view is not None and self.compat is None else {}
        target = original.targets[0].target if len(original.targets) == 1 else None
        if not handed or self.path or not isinstance(target, cst.Name) or target.value not in handed:
            return updated
        function, param = handed[target.value]
        value = updated.value
        line = self.current_line()
        if string_value(value) is not None and _is_openai_url(string_value(value)):
            self.converted(line, f"{target.value}: OpenAI's URL -> {MISTRAL_SERVER} (handed to {function}() as "
                                 f"{param}, the converted client's server_url)", "approximate")
            return updated.with_changes(value=string_like(value, MISTRAL_SERVER))
        if isinstance(value, cst.Call) and _is_env_read(value) and len(value.args) > 1 and \
                string_value(value.args[1].value) is not None and _is_openai_url(string_value(value.args[1].value)):
            variable = _env_variable(value)
            self.converted(line, f"{target.value}: its default, OpenAI's URL -> {MISTRAL_SERVER} (handed to "
                                 f"{function}() as {param}, the converted client's server_url)", "approximate")
            self.todo(line, f"{target.value} is handed to {function}() as {param}, which the converted client takes "
                            f"as server_url: its default is Mistral's server now; where {variable} is set (env files, "
                            f"deployment settings), it must name {MISTRAL_SERVER} (no /v1), not OpenAI's base URL")
            return updated.with_deep_changes(value.args[1], value=string_like(value.args[1].value, MISTRAL_SERVER))
        return updated

    def _secret_constant(self, original: cst.Assign, updated: cst.Assign) -> cst.Assign:
        """``OPENAI_API_KEY = st.secrets["OPENAI_API_KEY"]`` that only converted clients take as api_key= (the plan's
        key_names): the Mistral secret is read, as inline (held-out review 92, X3)."""
        if self.compat is not None or self.facts.view is None or len(original.targets) != 1 or \
                not isinstance(original.targets[0].target, cst.Name) or \
                original.targets[0].target.value not in self.facts.view.key_names:
            return updated
        # (a check of it, `if openai_api_key: ... else: st.info("Add OPENAI_API_KEY ...")`, names the new secret too:
        # held-out review 110, X9)
        if _streamlit_key(updated.value) is not None and self._function() is None and not self.path:
            self._gate_names[(None, original.targets[0].target.value)] = self.current_line()
        return self._mistral_secret_value(updated)

    def _depends_alias(self, original: cst.Assign, updated: cst.Assign) -> cst.Assign:
        """``LLM = Annotated[AsyncOpenAI, Depends(get_llm)]`` (FastAPI's alias form) of a factory whose clients
        convert: its class is Mistral's too (held-out review 67, X4)."""
        value = updated.value
        view = self.facts.view
        if view is None or self.compat is not None or not isinstance(value, cst.Subscript) or \
                (dotted(value.value) or "").rsplit(".", 1)[-1] != "Annotated" or len(value.slice) < 2 or \
                not all(isinstance(element.slice, cst.Index) for element in value.slice):
            return updated
        factories = [element.slice.value.args[0].value for element in value.slice[1:]
                     if isinstance(element.slice.value, cst.Call) and element.slice.value.args and
                     (dotted(element.slice.value.func) or "").rsplit(".", 1)[-1] == "Depends" and
                     isinstance(element.slice.value.args[0].value, cst.Name)]
        if not factories or any(view.returns((factory.value,)) != CONVERT for factory in factories):
            return updated
        first = value.slice[0].slice.value
        new = _replace_client_class(first, self.facts)
        if new is first:
            return updated
        self.changed = True
        self.need_import(*MISTRAL_CLIENT)
        return updated.with_changes(value=value.with_changes(
            slice=[value.slice[0].with_changes(slice=cst.Index(new)), *value.slice[1:]]))

    def leave_SimpleString(self, original: cst.SimpleString, updated: cst.SimpleString) -> cst.SimpleString:
        checks = self.facts.view.package_checks if self.facts.view is not None and self.compat is None else {}
        line = self.current_line() if checks else 0
        if line in checks and original.evaluated_value == checks[line][0]:
            name, new = checks[line]
            self.todo(line, PACKAGE_CHECK_TODO.format(name=name, new=new))
        if self.compat is None and self._env_fed and isinstance(updated.evaluated_value, str) and \
                _is_openai_url(updated.evaluated_value):
            line = self._lines_of_env or 0
            self.converted(line, f"OpenAI's URL {updated.evaluated_value} -> {MISTRAL_SERVER} (Mistral's server)")
            return string_like(updated, MISTRAL_SERVER)
        return updated

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        """``openai.api_key = ...`` configures OpenAI's module-level client, which Mistral lacks."""
        target = node.target
        if isinstance(target, (cst.Tuple, cst.List)):
            self._unpacked_settings(target)
            return
        if (isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name)
                and self.facts.openai_modules.get(target.value.value) == "openai"
                and target.attr.value in MODULE_CLIENT_SETTINGS):
            line = self.next_site_line(MODCFG)
            if not (self.answer and self.answer[0] == "modcfg" and self.answer[1]):
                return  # the module client converts nowhere: its settings still serve OpenAI
            if self.answer[1] == "dead":  # no call uses the module's client, every client converts (W6)
                if self.compat is None:
                    self._dead_setting(target, line)
                return
            if self.answer[1] == "readback":  # ... but code reads openai.api_key back (a start-up check: B5)
                module = getattr(self, "_module_node", None)
                elsewhere = self.answer[5] if len(self.answer) > 5 else ()
                if self.compat is None and target.attr.value == "api_key" and elsewhere and not (
                        module is not None and HEADER_KEY_READ.search(code_of(module))):
                    # the header is another module's (held-out review 165, X3)
                    here = os.path.dirname(self.facts.view.path) if self.facts.view is not None else "."
                    shown = ", ".join(os.path.relpath(p, here or ".") for p in elsewhere[:3])
                    self.todo(line, f"{code_of(target)} configures the openai module's own client, which no call uses "
                                    f"any more; it stays because {shown} send{'s' if len(elsewhere) == 1 else ''} "
                                    "openai.api_key as an HTTP request's Authorization header (see the TODO at that "
                                    "request), which needs the OpenAI key while the request goes to OpenAI: once it "
                                    "goes to Mistral, send MISTRAL_API_KEY there and remove this line")
                elif self.compat is None and target.attr.value == "api_key" and module is not None and \
                        HEADER_KEY_READ.search(code_of(module)):
                    # `headers = {"Authorization": f"Bearer {openai.api_key}"}` for a request to OpenAI's HTTP API that
                    # stays (MIG106's TODO there): the line must stay while it does (held-out review 144, X3: "make
                    # that code check MISTRAL_API_KEY" would send OpenAI a Mistral key)
                    self.todo(line, f"{code_of(target)} configures the openai module's own client, which no call uses "
                                    "any more; it stays because code here sends openai.api_key as an HTTP request's "
                                    "Authorization header (see the TODO at that request), which needs the OpenAI key "
                                    "while the request goes to OpenAI: once it goes to Mistral, send MISTRAL_API_KEY "
                                    "there and remove this line")
                elif self.compat is None and target.attr.value == "api_key":
                    self.todo(line, f"{code_of(target)} configures the openai module's own client, which no call uses "
                                    "any more (every client here converted and reads MISTRAL_API_KEY); it stays because "
                                    "code reads openai.api_key back (a start-up check, a header), which still demands "
                                    "the OpenAI key: make that code check MISTRAL_API_KEY, then remove this line")
                return
            if self.compat is not None and self.answer[1] == "mixed":
                self.todo(line, f"{code_of(target)} configures OpenAI's module-level client, which the calls this "
                                "project keeps on OpenAI still use: left as it is; the calls moved elsewhere need "
                                f"{self.compat.spec.name}'s setting")
                return
            if self.compat is not None:
                self._compat_setting[id(node)] = line
                return
            if self._local_key_fold(target, line):
                return
            if target.attr.value in ("organization", "project") and self.answer[1] is True and \
                    self._plain_setting_drops(target):
                # (held-out review 147, Y5: "delete the line" of a line the converted calls never read)
                self.converted(line, f"{code_of(target)} = ... removed: Mistral has no {target.attr.value} setting, "
                                     "and the converted calls do not read this one", "exact")
                return
            advice = MODULE_CLIENT_SETTINGS[target.attr.value]
            if target.attr.value == "max_retries" and isinstance(self.facts.module_retries, int):
                advice = MODULE_RETRIES_CARRIED.format(
                    carried="none" if self.facts.module_retries == 0 else "its retry_config")
            view = self.facts.view
            if self.answer[1] == "mixed" and target.attr.value == "api_key" and view is not None and \
                    view.plan.local_keys.get(view.path):
                # `openai.api_key = api_key` in the function whose legacy call stays, the module's other functions
                # handing their callers' key to a Mistral client of their own: the line serves that call alone
                # (held-out review 176, Y4)
                return
            if self.answer[1] == "mixed":  # it also serves this project's module-client calls kept on OpenAI
                # (the moved calls' mistral_client reads MISTRAL_API_KEY: a deploy step too; held-out review 96, X3)
                # (the app's own variable named where the key comes from one: held-out review 135, X3, "wherever
                # OPENAI_API_KEY is set" of an app reading API_KEY)
                value = self._assigned_value(node)
                bound = self._module_values().get(value.value) if isinstance(value, cst.Name) else value
                variable = _env_variable(bound) if bound is not None and _is_env_read(bound) else None
                own = variable if variable and variable != "OPENAI_API_KEY" else ""
                # (a key read some other way, `config("OPENAI_API_KEY")` of python-decouple, `settings.OPENAI_KEY`:
                # a .env value such a reader loads never reaches the environment Mistral() reads; held-out review 136,
                # X1, the converted calls ran with no key)
                elsewhere = code_of(bound) if isinstance(bound, (cst.Call, cst.Attribute)) and not variable and \
                    target.attr.value == "api_key" else ""
                self.todo(line, f"{code_of(target)} configures OpenAI's module-level client, which the calls this "
                                "project keeps on OpenAI still use; for the calls moved to Mistral: "
                                + advice.split(", and the converted calls", 1)[0]  # (the line stays for the others)
                                + (f" (their mistral_client does not read {own})" if own else "")
                                + (f" (this key comes from {elsewhere}, which puts nothing in the environment "
                                   f"{MODULE_CLIENT_NAME} = Mistral() reads: give it api_key= read the same way, "
                                   "the Mistral key's)" if elsewhere else ""),
                          steps=(KEY_STEP.replace("wherever OPENAI_API_KEY is set today", f"wherever {own} (the app's "
                                                  "OpenAI key) is set today") if own else KEY_STEP,)
                          if target.attr.value == "api_key" else ())
                return
            if self._dropped_key_setting(target, line, "mistral_client (the converted calls' client) reads "
                                                       "MISTRAL_API_KEY"):
                return
            if target.attr.value == "api_key" and len(self.answer) > 2 and self.answer[2] and \
                    self._key_setting_folds(target):
                folded = self._key_folds[-1].value
                if isinstance(folded, (cst.Subscript, cst.Call)) and _is_env_read(folded) and \
                        "OPENAI_API_KEY" in code_of(folded):
                    # corpus review (jiu-jitsu-coach): the app failed at start-up without its key; it still does (a
                    # getenv read, kept for its trailing comment, reads MISTRAL_API_KEY too: re-review 48, G3)
                    # (an `os.environ[...]` read brings the deploy step as a getenv read does: held-out review 128,
                    # Y5, none was said, and the converted app died at import with KeyError: 'MISTRAL_API_KEY')
                    self.converted(line, f"{code_of(target)} = {code_of(folded)} -> {MODULE_CLIENT_NAME} = Mistral("
                                         "api_key=<the same read of MISTRAL_API_KEY>)" + (
                                             " (it still fails at start-up when the variable is unset)"
                                             if isinstance(folded, cst.Subscript) else ""), "exact",
                                   (KEY_STEP,) if isinstance(folded, cst.Subscript) else ())
                    return
                secret = _streamlit_key(folded)
                if secret is not None:
                    self.todo(line, f"api_key={code_of(secret)}: add {_secret_name(secret)} (a Mistral key) to the "
                                    "app's secrets (.streamlit/secrets.toml, the Streamlit Cloud settings)")
                    self.converted(line, f"{code_of(target)} = {code_of(folded)} -> {MODULE_CLIENT_NAME} = Mistral("
                                         f"api_key={code_of(secret)})", "approximate")
                    return
                if (_sk_literal(folded) or _placeholder_literal(folded)) and not openai_secret(folded):
                    # `openai.api_key = "sk-..."`, a placeholder: no Mistral key either (held-out review 68, Y4)
                    # (its value is not repeated: a short key is still a key)
                    # (a pointer to OpenAI's key page is shown: it is no key; held-out review 76, Y7)
                    shown = "\"sk-...\"" if str(folded.evaluated_value).startswith("sk-") else code_of(folded)
                    self.todo(line, f"{code_of(target)} = {shown} (an OpenAI key or its placeholder) removed: the "
                                    "module's client reads MISTRAL_API_KEY; set it (a Mistral key: "
                                    f"{MISTRAL_KEYS_PAGE}), or pass Mistral(api_key=...) a Mistral key")
                    self.converted(line, f"{code_of(target)} = {shown} -> {MODULE_CLIENT_NAME} = Mistral() "
                                         "(it reads MISTRAL_API_KEY)", "approximate")
                    return
                if openai_secret(folded):
                    self.todo(line, f"{code_of(target)} was an OpenAI secret written in the code: removed, so that it "
                                    "is not sent to Mistral (the module's client reads MISTRAL_API_KEY); delete the "
                                    "secret from the code and revoke it, it stays in the repository's history")
                    self.converted(line, f"{code_of(target)} = <an OpenAI secret written in the code> -> "
                                         f"{MODULE_CLIENT_NAME} = Mistral() (it reads MISTRAL_API_KEY)", "approximate")
                    return
                value = code_of(folded)
                bound = self._module_values().get(folded.value) if isinstance(folded, cst.Name) else None
                if bound is not None and (openai_secret(bound) or _sk_literal(bound)):
                    # `OPENAI_API_KEY = "sk-proj-..."`, then `openai.api_key = OPENAI_API_KEY`: as the literal itself
                    # is, never handed to Mistral (held-out review 152, Y5: "check where it comes from")
                    self.todo(line, f"{code_of(target)} = {value}: {value} holds an OpenAI key written in the code "
                                    "(not shown), which is not handed to Mistral: the module's client reads "
                                    f"MISTRAL_API_KEY; set it (a Mistral key: {MISTRAL_KEYS_PAGE}), and delete the key "
                                    "from the code (revoke it if it is a real one: it stays in the repository's "
                                    "history)")
                    self.converted(line, f"{code_of(target)} = {value} -> {MODULE_CLIENT_NAME} = Mistral() (it reads "
                                         "MISTRAL_API_KEY)", "approximate", (KEY_STEP,))
                    return
                if (isinstance(folded, cst.Attribute) or isinstance(folded, cst.Name) and bound is None) and \
                        self.facts.view is not None and value in self.facts.view.key_names:
                    # `openai.api_key = config.OPENAI_API_KEY`, config.py's read renamed by the plan (held-out review
                    # 159, Y1)
                    self.converted(line, f"{code_of(target)} = {value} -> {MODULE_CLIENT_NAME} = Mistral(api_key="
                                         f"{value}) ({value} reads MISTRAL_API_KEY now)", "exact")
                    return
                reads_key = bound is not None and _is_env_read(bound) and "OPENAI_API_KEY" in code_of(bound)
                # (the plan renames the read with it, `X = os.getenv("MISTRAL_API_KEY")`, where only this setting and
                # converted clients read X: held-out review 112, X7)
                renamed = reads_key and self.facts.view is not None and folded.value in self.facts.view.key_names
                if renamed:
                    self.converted(line, f"{code_of(target)} = {value} -> {MODULE_CLIENT_NAME} = Mistral(api_key="
                                         f"{value}) ({value} reads MISTRAL_API_KEY now)", "exact")
                    return  # (the read's own rename brings the deploy step)
                if reads_key:
                    self.todo(line, f"api_key={value} must now be a Mistral key, but the variable {value} reads the "
                                    "OPENAI_API_KEY environment variable: make it read MISTRAL_API_KEY")
                else:
                    self.todo(line, f"api_key={value} must now be a Mistral key (the MISTRAL_API_KEY variable holds "
                                    "one): check where it comes from")
                # (the step a client given api_key= by the app gets: held-out review 81, X4, none was said)
                self.converted(line, f"{code_of(target)} = {value} -> {MODULE_CLIENT_NAME} = Mistral(api_key="
                                     f"{value}) (the converted calls' client takes the key)", "approximate",
                               (KEY_STEP,) if reads_key else (GIVEN_KEY_STEP,))
                return
            value = self._assigned_value(node)
            if target.attr.value == "api_key" and isinstance(value, cst.Name) and self._function_params and \
                    value.value in self._function_params[-1][1]:
                # `def answer(user_key, prompt): openai.api_key = user_key`: a key each caller gives (typed in a
                # sidebar, held-out review 46, C4), which the module's Mistral client, built at import, never reads
                self.todo(line, f"{code_of(target)} = {value.value} sets the key this function's callers give; the "
                                f"converted calls go through {MODULE_CLIENT_NAME}, built at import with MISTRAL_API_KEY, "
                                f"which never reads it: build Mistral(api_key={value.value}) here and make the calls on "
                                "it (or keep them on OpenAI)",
                          (KEY_STEP,))  # (until then they run with MISTRAL_API_KEY: held-out review 82, X3)
                return
            if target.attr.value == "api_key" and isinstance(value, (cst.SimpleString, cst.ConcatenatedString)) and \
                    self._function_params:
                # `openai.api_key = ''` in a function: a literal (empty, a placeholder, a redacted or real key), not a
                # value worked out at run time (held-out review 151, X6: "build Mistral(api_key='') here" sent an empty
                # Authorization header); shown only where it is a placeholder
                placeholder = isinstance(value, cst.SimpleString) and isinstance(value.evaluated_value, str) and \
                    bool(_PLACEHOLDER_KEY.search(value.evaluated_value))
                shown = code_of(value) if placeholder else "<not shown>"
                self.todo(line, f"{code_of(target)} = {shown} is a key written in the code, which {MODULE_CLIENT_NAME} "
                                "(built at import) never reads: it reads MISTRAL_API_KEY; set that (a Mistral key: "
                                f"{MISTRAL_KEYS_PAGE}) and delete this line"
                          + ("" if placeholder else " (revoke the key if it is a real one: it stays in the "
                                                    "repository's history)"),
                          (KEY_STEP,))
                return
            if target.attr.value == "api_key" and value is not None and self._function_params and \
                    not re.search(r"\b(?:environ|getenv)\b", code_of(value)):
                # `openai.api_key = self.api_key` in __init__, `openai.api_key = self.keys[self.cur]` (a rotation):
                # a key the app works out at run time, which the module's Mistral client never reads (held-out review
                # 134, X3: "set MISTRAL_API_KEY, or pass api_key=" said nothing of it, and no deploy step was given)
                self.todo(line, f"{code_of(target)} = {code_of(value)} sets a key the app works out at run time; the "
                                f"converted calls go through {MODULE_CLIENT_NAME}, built at import with "
                                "MISTRAL_API_KEY, which never reads it: put a Mistral key where this comes from and build "
                                f"Mistral(api_key={code_of(value)}) here for the calls (or keep them on OpenAI)",
                          (KEY_STEP,))
                return
            module = getattr(self, "_module_node", None)
            calls_here = module is not None and re.search(
                rf"\b{re.escape(target.value.value)}\.(?:ChatCompletion|Completion|Embedding|Moderation|Audio|chat|"
                r"embeddings|completions|moderations|audio)\b", code_of(module)) is not None \
                if isinstance(target.value, cst.Name) else False
            if target.attr.value == "api_key" and value is not None and self._function_params and calls_here and \
                    _is_env_read(value) and _env_variable(value) not in (None, "OPENAI_API_KEY", "MISTRAL_API_KEY") \
                    and not (len(self.answer) > 4 and self.answer[4]):
                # `def get_hot_word(text): openai.api_key = os.getenv("openai_key")`: read when the function runs, so
                # not folded into the import-time client (held-out review 141, X3: "set MISTRAL_API_KEY, or pass
                # api_key=" with no deploy step)
                self.todo(line, f"{code_of(target)} = {code_of(value)} sets the key of OpenAI's module-level client "
                                f"when this function runs; the converted calls go through {MODULE_CLIENT_NAME}, built "
                                "at import, which reads MISTRAL_API_KEY instead: set that (a Mistral key), or hold a "
                                f"Mistral key in this variable and build Mistral(api_key={code_of(value)}) here for "
                                "the calls; then remove this line",
                          (KEY_STEP,))
                return
            if target.attr.value == "api_key" and len(self.answer) > 4 and self.answer[4]:
                # `if not openai.api_key: exit(1)` (the plan's key readers; held-out review 77, X2: following "set
                # MISTRAL_API_KEY" alone made the CLI exit at start)
                module = getattr(self, "_module_node", None)
                if module is not None and HEADER_KEY_READ.search(code_of(module)):
                    # `f"Bearer {openai.api_key}"` for a raw request (held-out review 102, Y8: "a start-up check" was
                    # said of it, beside MIG106's TODO on the request)
                    advice += ("; code here sends openai.api_key as an HTTP request's Authorization header (see the "
                               "TODO at that request): send MISTRAL_API_KEY there once the request goes to Mistral")
                else:
                    advice += ("; code here reads openai.api_key back (a start-up check), which only the OpenAI key "
                               "satisfies: make it check MISTRAL_API_KEY")
            value = self._assigned_value(node)
            if target.attr.value in ("api_base", "base_url") and value is not None and \
                    "api.openai.com" in code_of(value):
                # `openai.api_base = os.getenv("OPENAI_API_BASE", "https://api.openai.com/v1")`: forwarding it as
                # "pass server_url=" says would send Mistral's requests to OpenAI (held-out review 128, Y7)
                advice = (f"its value falls back to OpenAI's own server, which the converted calls' "
                          f"{MODULE_CLIENT_NAME} must not be given: it talks to Mistral's by default; drop this line "
                          "once no OpenAI call is left (or give Mistral(...) server_url=os.getenv("
                          f"\"MISTRAL_SERVER_URL\", \"{MISTRAL_SERVER}\"))")
            if target.attr.value == "proxy" and self._proxy_folds(target, line):
                return
            gate = self._key_gate_around(code_of(value)) if target.attr.value == "api_key" and value is not None and \
                not isinstance(value, (cst.SimpleString, cst.ConcatenatedString)) else ""
            if gate:
                # `if settings.OPENAI_API_KEY: openai.api_key = ... else: raise Exception("OpenAI API Key not found")`:
                # the check still demands the OpenAI key, which the converted calls no longer use (held-out review 153,
                # X7: "set MISTRAL_API_KEY" alone left the app refusing to start without an OpenAI key)
                advice += (f"; the check `{gate}` around it still demands the OpenAI key, which the converted calls "
                           f"no longer use ({MODULE_CLIENT_NAME} reads MISTRAL_API_KEY): make it test the Mistral key, "
                           "and remove this line (and the openai import) once nothing else reads it")
            self.todo(line, f"{code_of(target)} configures OpenAI's module-level client: {advice}")

    # -- `openai.proxy = "http://..."` built into the module's Mistral client ---------------------
    def _proxy_folds(self, target: cst.Attribute, line: int) -> bool:
        """``openai.proxy = "http://127.0.0.1:7890"`` (a URL, read from the environment, or the same URL for http and
        https) alone on a top-level line of a module whose module-client calls are openai 0.x's and convert: openai
        0.x sent every request through that proxy; the module's Mistral client is built on an httpx2 client with it
        (held-out review 141, Y3: a TODO said to). Where the module's key setting became its ``mistral_client =
        Mistral(...)`` above, the client takes it there (leave_Module) and the line goes; else the line becomes the
        module's client. Not where the value's names are bound after that client, nor where top-level code before
        the line runs the module's calls (the client would not exist yet)."""
        import libcst.matchers as m

        module = getattr(self, "_module_node", None)
        view = self.facts.view
        if module is None or self._notebook or self.compat is not None or len(self.statement_nodes) != 1 or \
                MODULE_CLIENT_NAME in self.facts.names_in_use or self._fold_scopes or \
                (view is not None and view.path in view.plan.local_keys):
            return False
        statement = self.statement_nodes[0]
        at = next((i for i, node in enumerate(module.body) if node is statement), None)
        if at is None or type(statement) is not cst.SimpleStatementLine or len(statement.body) != 1 or \
                type(statement.body[0]) is not cst.Assign or len(statement.body[0].targets) != 1:
            return False
        value = _proxy_url(statement.body[0].value, self._module_values())
        name = target.value.value if isinstance(target.value, cst.Name) else None
        if value is None or name is None or \
                len(m.findall(module, m.Attribute(value=m.Name(name), attr=m.Name("proxy")))) != 1:
            return False
        calls = [call for call in m.findall(module, m.Call(func=m.Attribute()))
                 if (dotted(call.func) or "").split(".")[0] in self.facts.openai_modules
                 and len((dotted(call.func) or "").split(".")) > 2]
        if not calls or not all(_v0_spelling(call.func) for call in calls):
            return False  # (openai>=1 has no proxy setting: the line did nothing there)
        fold = self._key_folds[-1] if self._key_folds else None
        client_at = next((i for i, node in enumerate(module.body) if isinstance(node, cst.SimpleStatementLine)
                          and any(small is fold for small in node.body)), None) if fold is not None else None
        if fold is not None and client_at is None:
            return False
        if fold is None and any(m.findall(node, m.Assign(targets=[m.AssignTarget(target=m.Attribute(
                value=m.Name(name), attr=m.Name("api_key")))])) for node in module.body[at + 1:]):
            return False  # (a key setting below may become the module's client too: the proxy would be lost)
        if client_at is not None:
            bound = _top_bindings(module.body[:client_at])
            if any(n.value not in bound and not hasattr(builtins, n.value) for n in _read_names(value)):
                return False  # (a name bound after the client: it is built before the name exists)
        else:
            defined = {node.name.value for node in module.body[:at] if isinstance(node, (cst.FunctionDef,
                                                                                            cst.ClassDef))}
            for node in module.body[:at]:
                if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
                    continue
                for call in m.findall(node, m.Call()):
                    head = (dotted(call.func) or "").split(".")[0]
                    if head in defined or head in self.facts.openai_modules and \
                            len((dotted(call.func) or "").split(".")) > 2:
                        return False  # (a call run before the line: mistral_client would not exist yet)
        is_async = any(call.func.attr.value == "acreate" for call in calls)
        self._proxy_fold = (statement, value, client_at is not None, is_async)
        self.need_import("httpx2")
        self.converted(line, f"{code_of(target)} = {code_of(value)} -> {MODULE_CLIENT_NAME} = Mistral("
                             + ", ".join(code_of(arg) for arg in self._proxy_args()) + ")", "exact")
        return True

    def _proxy_args(self) -> list:
        _, value, _, is_async = self._proxy_fold
        return [keyword_arg(keyword, cst.parse_expression(code.format(proxy=code_of(value))))
                for keyword, code in PROXIED_CLIENTS.items() if is_async or keyword == "client"]

    def _proxied_client(self, call: cst.Call) -> cst.Call:
        """``Mistral(<its arguments>, client=httpx2.Client(proxy=...), ...)``, one argument per line where the one-line
        form passes 100 characters."""
        args = [*call.args, *self._proxy_args()]
        text = ", ".join(code_of(arg.with_changes(comma=cst.MaybeSentinel.DEFAULT)).strip() for arg in args)
        if len(f"{MODULE_CLIENT_NAME} = {code_of(call.func)}({text})") <= 100:
            return cst.parse_expression(f"{code_of(call.func)}({text})")  # type: ignore[return-value]
        unit = self._unit()
        lines = "".join(f"{unit}{code_of(arg.with_changes(comma=cst.MaybeSentinel.DEFAULT)).strip()},\n"
                        for arg in args)
        return cst.parse_expression(f"{code_of(call.func)}(\n{lines})")  # type: ignore[return-value]

    def _with_proxy(self, body) -> list:
        """The module's body with its ``openai.proxy = ...`` line built into its client (see _proxy_folds); the line's
        comments (about the proxy) go above the client, below its TODOs."""
        statement, _, into_client, _ = self._proxy_fold
        setting = statement.body[0]
        line = next((node for node in body if isinstance(node, cst.SimpleStatementLine) and len(node.body) == 1
                     and node.body[0].deep_equals(setting)), None)
        if line is None:
            return list(body)
        if not into_client or not any(_module_client_line(node) for node in body):
            # (no client to take it after all: the line becomes it, never dropped)
            self.need_import(*MISTRAL_CLIENT)
            call = self._proxied_client(cst.Call(func=cst.Name(MISTRAL_CLIENT[1])))
            made = line.with_changes(body=[setting.with_changes(
                targets=[cst.AssignTarget(cst.Name(MODULE_CLIENT_NAME))], value=call)])
            return [made if node is line else node for node in body]
        comments = [empty for empty in line.leading_lines if empty.comment is not None]
        if line.trailing_whitespace.comment is not None:
            comments.append(cst.EmptyLine(comment=line.trailing_whitespace.comment))
        out: list = []
        for node in body:
            if node is line:
                continue
            if _module_client_line(node):
                lines = list(node.leading_lines)
                at = len(lines)
                while at and lines[at - 1].comment is not None and lines[at - 1].comment.value.startswith(TODO_PREFIX):
                    at -= 1  # (the TODOs stay right above the statement)
                client = node.body[0].with_changes(value=self._proxied_client(node.body[0].value))
                node = node.with_changes(leading_lines=[*lines[:at], *comments, *lines[at:]], body=[client])
            out.append(node)
        return out

    def _local_key_fold(self, target: cst.Attribute, line: int) -> bool:
        """``def run_bot(openai_api): openai.api_key = openai_api`` then the calls: the line becomes
        ``mistral_client = Mistral(api_key=openai_api)`` there, where the plan found every openai-module call of
        the module after such a setting in its function (``ConversionPlan.local_keys``; held-out review 53, Q8)."""
        view = self.facts.view
        spans = view.plan.local_keys.get(view.path, ()) if view is not None else ()
        statement = self.statement_nodes[-1] if self.statement_nodes else None
        assign = statement.body[0] if type(statement) is cst.SimpleStatementLine and len(statement.body) == 1 \
            else None
        span = next((span for span in spans if span[0] == line), None)
        if target.attr.value != "api_key" or span is None or \
                type(assign) is not cst.Assign or not isinstance(assign.value, cst.Name):
            return False
        key = assign.value.value
        self._key_folds.append(assign)
        # (retries as its own calls had them: openai>=1's module client retried, openai 0.x's did not)
        held = "self" in span[2:]  # `__init__`'s setting: self.mistral_client, its methods' client
        self._fold_scopes[id(assign)] = next(n for n in reversed(self.statement_nodes)
                                             if isinstance(n, cst.ClassDef if held else cst.FunctionDef))
        name = f"self.{MODULE_CLIENT_NAME}" if held else MODULE_CLIENT_NAME
        whose = "class" if held else "function"
        if "keep" in span[2:]:
            # legacy calls of the module stay on OpenAI and read the setting: it stays, the client after it
            # (_fold_key_setting, leave_SimpleStatementLine; held-out review 154, Y1)
            self._keep_folds[id(assign)] = None
            self.todo(line, f"api_key={key} is also {code_of(target)}, the key of the calls this module keeps on "
                            f"OpenAI, and {name} = Mistral(api_key={key}) below takes it too: one key cannot be "
                            f"both; have this {whose}'s callers pass a Mistral key of its own (a parameter beside "
                            f"{key}) and hand that to Mistral(api_key=...)")
            self.converted(line, f"{code_of(target)} = {key} kept (calls kept on OpenAI read it); {name} = Mistral("
                                 f"api_key={key}) after it, the client of the converted calls "
                                 f"{'of its methods' if held else 'after it'}", "approximate", (GIVEN_KEY_STEP,))
            return True
        shared = self._key_shared_by_callers(line)
        if shared:  # (its callers hand the same key to a function whose legacy call stays: review of session 90)
            self.todo(line, shared)
        elif view is None or not self.path or view.handed_keys.get(f"{self.path[0]}:fold:{line}") != key:
            self.todo(line, f"api_key={key} must now be a Mistral key: check what this "
                            f"{whose}'s callers pass (a form's field, a setting, OPENAI_API_KEY)")
        # (a key its callers give: the deploy step says to put a Mistral key there; held-out review 145, Y1, none was)
        self.converted(line, f"{code_of(target)} = {key} -> {name} = Mistral(api_key={key}), the client of the "
                             f"converted calls {'of its methods' if held else 'after it'}", "approximate",
                       (GIVEN_KEY_STEP,))
        return True

    def _route_of_request_key(self, value: cst.BaseExpression) -> str:
        """The route decorator (``@router.post("/")``, ``@app.route(...)``) of the function being converted where
        ``value`` is read off one of its parameters (``args.api_key``, ``request.headers["authorization"]``): a key
        the route's caller sends; else ""."""
        functions = self.__dict__.get("_function_nodes") or []
        root = value
        while isinstance(root, (cst.Attribute, cst.Subscript, cst.Call)):
            root = root.value if not isinstance(root, cst.Call) else root.func
        if not functions or not isinstance(root, cst.Name):
            return ""
        function = functions[-1]
        params = function.params
        if root.value not in {p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)}:
            return ""
        for decorator in function.decorators:
            call = decorator.decorator
            func = call.func if isinstance(call, cst.Call) else call
            if isinstance(func, cst.Attribute) and func.attr.value in ROUTE_DECORATORS:
                return "@" + code_of(call)
        return ""

    def _ctor_args(self) -> list:
        """The arguments of the OpenAI constructors of the statement being visited."""
        statement = self.statement_nodes[-1] if self.statement_nodes else None
        if statement is None:
            return []
        found: list = []

        class _Args(cst.CSTVisitor):
            def visit_Call(inner, node: cst.Call) -> None:  # noqa: N805
                found.extend(node.args)

        statement.visit(_Args())
        return found

    @staticmethod
    def _env_secret_default(value: cst.BaseExpression) -> Optional[cst.Call]:
        """``os.environ.get("KEY", "sk-proj-...")`` / ``os.getenv(...)``: the read without its default, where that
        default is an OpenAI secret; else None."""
        from migrator.mapping.client import REAL_OPENAI_KEY

        if not (isinstance(value, cst.Call) and (dotted(value.func) or "").rsplit(".", 1)[-1] in ("getenv", "get") and
                "environ" in code_of(value.func) + "getenv" and len(value.args) == 2):
            return None
        default = value.args[1].value
        text = default.evaluated_value if isinstance(default, cst.SimpleString) else None
        if not (isinstance(text, str) and REAL_OPENAI_KEY.fullmatch(text.strip())):
            return None
        return value.with_changes(args=[value.args[0].with_changes(comma=cst.MaybeSentinel.DEFAULT)])

    def _object_key(self, value: cst.BaseExpression) -> bool:
        """``APIKeyReader()``: an instance of a class this module defines (its str() is the key)."""
        tree = self.facts.tree
        return isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and isinstance(tree, ast.Module) and \
            any(isinstance(n, ast.ClassDef) and n.name == value.func.value for n in tree.body)

    def _param_fed_renamed(self, value: cst.BaseExpression, renamed: frozenset) -> bool:
        """``value`` is a parameter of the function being converted (a class's ``__init__``: its instantiations) that
        every call of it in this module hands a name holding the renamed key read (``key = os.getenv(
        "MISTRAL_API_KEY")``, then ``Agent(key)``): the key is Mistral's now (held-out review 129, Y2: "looks like an
        OpenAI key" of `openai_api_key`, by its name alone)."""
        functions = self.__dict__.get("_function_nodes") or []
        tree = self.facts.tree
        if not isinstance(value, cst.Name) or not functions or not renamed or not isinstance(tree, ast.Module):
            return False
        function = functions[-1]
        params = [p.name.value for p in (*function.params.posonly_params, *function.params.params)]
        if value.value not in params:
            return False
        callee = function.name.value
        if callee == "__init__":  # (the class whose __init__ takes these parameters: one only)
            owners = [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and any(
                isinstance(b, ast.FunctionDef) and b.name == "__init__" and
                [a.arg for a in (*b.args.posonlyargs, *b.args.args)] == params for b in n.body)]
            if len(owners) != 1:
                return False
            callee = owners[0].name
        index = params.index(value.value) - (1 if params and params[0] in ("self", "cls") else 0)
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and (
            isinstance(n.func, ast.Name) and n.func.id == callee or
            isinstance(n.func, ast.Attribute) and n.func.attr == callee)]
        if not calls:
            return False
        for call in calls:
            given = next((k.value for k in call.keywords if k.arg == value.value), None)
            if given is None and 0 <= index < len(call.args) and \
                    not any(isinstance(a, ast.Starred) for a in call.args[:index + 1]):
                given = call.args[index]
            if not (isinstance(given, ast.Name) and given.id in renamed):
                return False
        return True

    def _mistral_key_field(self) -> str:
        """``mistral_api_key of Settings in app/ocr/settings.py``: a settings field of the tree holding a Mistral key
        already (the nearest to this module), else ""."""
        view = self.facts.view
        fields = getattr(view.plan, "mistral_key_fields", ()) if view is not None else ()
        if not fields:
            return ""
        here = os.path.dirname(view.path)
        path, cls, name = max(fields, key=lambda found: len(os.path.commonpath([os.path.abspath(found[0]),
                                                                               os.path.abspath(view.path)])))
        return f"{name} of {cls} in {os.path.relpath(path, here or '.')}"

    def _module_key_setting_read(self, value: cst.BaseExpression) -> Optional[str]:
        """For ``api_key=openai.api_key`` where the module sets ``openai.api_key`` once, at its top level, to a read of
        OPENAI_API_KEY (``os.environ["OPENAI_API_KEY"]``, ``os.getenv(...)``): that read of MISTRAL_API_KEY, as code;
        else None."""
        import ast

        tree = getattr(self.facts, "tree", None)
        if not (isinstance(value, cst.Attribute) and value.attr.value == "api_key" and isinstance(value.value, cst.Name)
                and self.facts.openai_modules.get(value.value.value) == "openai") or tree is None:
            return None
        module = value.value.value
        settings = [n for n in ast.walk(tree) if isinstance(n, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and any(
            isinstance(t, ast.Attribute) and t.attr == "api_key" and isinstance(t.value, ast.Name) and
            t.value.id == module for t in (n.targets if isinstance(n, ast.Assign) else [n.target]))]
        if len(settings) != 1 or settings[0] not in tree.body or not isinstance(settings[0], ast.Assign):
            return None
        read = ast.unparse(settings[0].value)
        if not re.fullmatch(r"""os\.(?:getenv\(|environ\.get\(|environ\[)\s*["']OPENAI_API_KEY["']\s*[)\]]""", read):
            return None
        return read.replace("OPENAI_API_KEY", "MISTRAL_API_KEY")

    def _env_read_kept_elsewhere(self, value: cst.BaseExpression) -> Optional[tuple[str, str]]:
        """(the source, where) when ``value`` reads an environment variable or a key file a client kept on OpenAI is
        given as its key too (the plan's kept_key_vars), else None. A name is followed to the one value it is bound
        to (``key = open("keys/key.txt").read()``; held-out review 165, Y5)."""
        from migrator.plan.build import project_of

        text = code_of(value)
        if isinstance(value, cst.Name):
            bound = self._bound_once(value.value)
            text = ast.unparse(bound) if bound is not None else text
        read = KEPT_KEY_SOURCE.search(text)
        kept = getattr(self.facts.view.plan, "kept_key_vars", {}) if self.facts.view is not None else {}
        source = (read.group(1) or f"file {read.group(2)}") if read is not None else ""
        # (a client of another project of the tree, with its own environment, is not this one's: held-out review 100's
        # two bots each reading API_KEY)
        paths = [p for p in kept.get(source, ()) if project_of(p) == project_of(self.facts.view.path)] \
            if read is not None else []
        # (its file, no line: the TODOs written above the kept client move it)
        return (source, os.path.basename(sorted(paths)[0])) if paths else None

    def _bound_once(self, name: str) -> Optional[ast.expr]:
        """The one value ``name`` is bound to where the statement being converted reads it: its function's own
        assignments (none if it is a parameter there), else the module's; None where there is not exactly one."""
        tree = self.facts.tree
        if not isinstance(tree, ast.Module):
            return None
        scopes: list = [tree]
        for part in self.path:  # (the classes and functions around the statement)
            inner = next((n for n in getattr(scopes[-1], "body", ()) if isinstance(
                n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.name == part), None)
            if inner is None:
                break
            scopes.append(inner)
        for scope in reversed(scopes):
            if isinstance(scope, ast.ClassDef):
                continue
            if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
                arguments = scope.args
                if any(a.arg == name for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs,
                                               arguments.vararg, arguments.kwarg) if a is not None):
                    return None
            found, todo = [], list(scope.body)
            while todo:
                node = todo.pop()
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                    continue  # (another scope's names)
                if isinstance(node, (ast.AugAssign, ast.NamedExpr)) and isinstance(node.target, ast.Name) and \
                        node.target.id == name:
                    found.append(None)  # (`key += ...`, `(key := ...)`: bound otherwise too)
                elif isinstance(node, (ast.Assign, ast.AnnAssign)) and bound_value(node, name) is not None:
                    found.append(bound_value(node, name))
                todo.extend(ast.iter_child_nodes(node))
            if found:
                return found[0] if len(found) == 1 and found[0] is not None else None
        return None

    def _same_key_as_kept(self, value: cst.BaseExpression) -> str:
        """Where a client of this module kept on OpenAI is ("in chat()"; no line number: the TODOs written above move
        it) whose api_key is written as ``value`` is (``api.api_key``: a keyword, or the "api_key" entry of the dict
        it splats), else ""."""
        view, tree = self.facts.view, self.facts.tree
        text = code_of(value)
        if view is None or not isinstance(tree, ast.Module) or not isinstance(value, (cst.Attribute, cst.Subscript)):
            return ""
        for client in view.plan.clients:
            if client.decision != KEEP or client.provider != "openai" or client.path != view.path:
                continue
            for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call) and n.lineno == client.line):
                given = [k.value for k in call.keywords if k.arg == "api_key"]
                for splat in (k.value for k in call.keywords if k.arg is None and isinstance(k.value, ast.Name)):
                    given += [v for node in ast.walk(tree) if isinstance(node, ast.Assign) and
                              any(isinstance(t, ast.Name) and t.id == splat.id for t in node.targets) and
                              isinstance(node.value, ast.Dict)
                              for k, v in zip(node.value.keys, node.value.values)
                              if isinstance(k, ast.Constant) and k.value == "api_key"]
                if any(ast.unparse(v) == text for v in given):
                    around = [d for d in ast.walk(tree) if isinstance(d, (ast.FunctionDef, ast.AsyncFunctionDef))
                              and d.lineno <= client.line <= (d.end_lineno or d.lineno)]
                    return f"in {max(around, key=lambda d: d.lineno).name}()" if around else "at module level"
        return ""

    def _key_shared_by_callers(self, line: int) -> str:
        """The plan's TODO for this converted client whose key parameter its callers, in any module, also hand to a
        function whose client stays on OpenAI (held-out review 176, Y1); else ""."""
        view = self.facts.view
        return view.plan.shared_key_callers.get((view.path, line), "") if view is not None else ""

    def _key_shared_with_kept(self, value: cst.BaseExpression) -> str:
        """Where ``value`` is a parameter of the function being converted and a caller in this module hands the same
        expression to it and to a function whose client stays on OpenAI with that parameter as its key (``run()``:
        ``ask(prompt, key)`` / ``ask_batch(file_id, key)``), the TODO saying one key cannot serve both; else ""."""
        functions = self.__dict__.get("_function_nodes") or []
        view, tree = self.facts.view, self.facts.tree
        if not isinstance(value, cst.Name) or not functions or view is None or tree is None:
            return ""
        kept = [c for c in view.plan.clients if c.decision == KEEP and c.provider == "openai" and c.path == view.path]
        if not kept:
            return ""
        defs = [node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]

        def slot(function: ast.AST, name: str) -> Optional[tuple[int, bool]]:
            """The position of ``name`` among the positional parameters (-1: keyword-only), and whether the first
            parameter is ``self`` / ``cls``; None where it is no parameter."""
            positional = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
            bound = bool(positional) and positional[0] in ("self", "cls")
            if name in positional:
                return positional.index(name), bound
            return (-1, bound) if name in [a.arg for a in function.args.kwonlyargs] else None

        def innermost(line: int) -> Optional[ast.AST]:
            around = [d for d in defs if d.lineno <= line <= (d.end_lineno or d.lineno)]
            return max(around, key=lambda d: d.lineno) if around else None

        converted = next((d for d in defs if d.name == functions[-1].name.value and
                          slot(d, value.value) is not None and
                          any(isinstance(a, ast.Name) and a.id == value.value for a in ast.walk(d))), None)
        if converted is None:
            return ""
        targets = {}  # function name -> (its def, the key parameter, the kept client's line)
        for client in kept:
            holder = innermost(client.line)
            for call in (n for n in ast.walk(holder) if isinstance(n, ast.Call) and n.lineno == client.line) \
                    if holder is not None else ():
                key = next((k.value for k in call.keywords if k.arg == "api_key"), None)
                if isinstance(key, ast.Name) and slot(holder, key.id) is not None:
                    targets.setdefault(holder.name, (holder, key.id, client.line))
        if not targets:
            return ""

        def handed(call: ast.Call, function: ast.AST, name: str) -> Optional[str]:
            where = slot(function, name)
            if any(isinstance(a, ast.Starred) for a in call.args) or where is None:
                return None
            given = next((k.value for k in call.keywords if k.arg == name), None)
            index = where[0] - (1 if where[1] and isinstance(call.func, ast.Attribute) else 0)
            if given is None and 0 <= index < len(call.args) and where[0] >= 0:
                given = call.args[index]
            return ast.unparse(given) if given is not None else None

        def callee(call: ast.Call) -> str:
            return call.func.id if isinstance(call.func, ast.Name) else \
                call.func.attr if isinstance(call.func, ast.Attribute) else ""

        for scope in (tree, *defs):
            calls = [n for n in ast.walk(scope) if isinstance(n, ast.Call) and innermost(n.lineno) is
                     (scope if scope is not tree else None)]
            mine = {handed(c, converted, value.value) for c in calls if callee(c) == converted.name} - {None}
            for call in calls:
                target = targets.get(callee(call))
                if target is None or target[0] is converted:
                    continue
                shared = handed(call, target[0], target[1])
                if shared in mine:
                    where = f"{scope.name}()" if scope is not tree else "the module"
                    return (f"api_key={value.value}: {where} hands the same value ({shared}) to "
                            f"{converted.name}() and to {target[0].name}(), whose client (line {target[2]}) stays on "
                            "OpenAI: one key cannot serve both; give this client a Mistral key of its own (a "
                            "MISTRAL_API_KEY setting, or leave api_key out so the SDK reads MISTRAL_API_KEY) and keep "
                            "the OpenAI key for the other")
        return ""

    def _key_gate_around(self, key: str) -> str:
        """The test (``if settings.OPENAI_API_KEY:``) of an ``if`` / ``while`` / conditional expression in the function
        being converted (the module where none) that checks the key expression ``key``, as written; else ""."""
        functions = self.__dict__.get("_function_nodes") or []
        scope = functions[-1] if functions and self._function_params else getattr(self, "_module_node", None)
        if scope is None:
            return ""
        for node in _walk_tests(scope):
            test = code_of(node.test)
            if re.search(rf"(?<![\w.]){re.escape(key)}(?![\w(])", test):
                module = getattr(self, "_module_node", None)
                stub = re.search(r"^[ \t]*((?:Async)?OpenAI)[ \t]*=[ \t]*None\b", code_of(module), re.MULTILINE) \
                    if module is not None else None
                if stub is not None:  # `if OpenAI is not None and ...`, as the import guard's stand-in is renamed
                    # (held-out review 152, X8: the TODO quoted the check as it was before)
                    test = re.sub(rf"\b{stub.group(1)}(?=\s+is\s+(?:not\s+)?None\b)", "Mistral", test)
                keyword = "while" if isinstance(node, cst.While) else "if"
                return f"{keyword} {test}:" if not isinstance(node, cst.IfExp) else f"... if {test} else ..."
        return ""

    def _function(self) -> Optional[int]:
        return self._function_params[-1][0] if self._function_params else None

    def _gate_line(self, name: str) -> Optional[int]:
        """The line of the renamed key read ``name`` holds here (this function's variable, or the module's)."""
        found = self._gate_names.get((self._function(), name))
        return found if found is not None else self._gate_names.get((None, name))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._function_params.append((id(node), {p.name.value for p in (
            *node.params.posonly_params, *node.params.params, *node.params.kwonly_params)}))
        self.__dict__.setdefault("_function_nodes", []).append(node)

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        if self._function_params and self._function_params[-1][0] == id(original):  # (a pruned one: no visit)
            self._function_params.pop()
            self._function_nodes.pop()
        renamed = self.__dict__.get("_renamed_key_functions", {}).pop(id(original), None)
        if renamed is not None:
            # `return "Test mode: a real answer needs OPENAI_API_KEY in .env"` beside the renamed read, outside its
            # check: the function's messages name the variable it now reads (held-out review 173, Y7 / 171, Y5)
            body = updated.body.visit(_KeyMessages(renamed[1]))
            if not body.deep_equals(updated.body):
                self.converted(renamed[0], f"OPENAI_API_KEY -> {renamed[1]} in the messages of the function reading "
                                           "the key")
                updated = updated.with_changes(body=body)
        remapped = self.__dict__.get("_remapped_defaults", {}).pop(id(original), None)
        if remapped:
            params = updated.params
            fixed = {field: [p.with_changes(default=string_like(p.default, MISTRAL_SERVER))
                             if p.name.value in remapped and p.default is not None else p
                             for p in getattr(params, field)]
                     for field in ("posonly_params", "params", "kwonly_params")}
            updated = updated.with_changes(params=params.with_changes(**fixed))
        return updated

    def _openai_url_default(self, value: cst.BaseExpression) -> Optional[str]:
        """The parameter ``value`` names, of the enclosing function, when its default is OpenAI's URL and the
        function never rebinds it (``def make(base_url: str = "https://api.openai.com/v1"): OpenAI(base_url=
        base_url)``); else None."""
        if not isinstance(value, cst.Name) or not self.__dict__.get("_function_nodes"):
            return None
        function = self._function_nodes[-1]
        params = [*function.params.posonly_params, *function.params.params, *function.params.kwonly_params]
        param = next((p for p in params if p.name.value == value.value), None)
        default = string_value(param.default) if param is not None and param.default is not None else None
        if default is None or not _is_openai_url(default):
            return None
        import ast
        import textwrap

        try:
            tree = ast.parse(textwrap.dedent(cst.Module(body=[function]).code))
        except SyntaxError:
            return None
        if any(isinstance(n, ast.Name) and n.id == value.value and not isinstance(n.ctx, ast.Load)
               for n in ast.walk(tree)):
            return None
        return value.value

    def _assigned_value(self, target: cst.AssignTarget) -> Optional[cst.BaseExpression]:
        """The value assigned to ``target`` (the statement being visited)."""
        statement = self.statement_nodes[-1] if self.statement_nodes else None
        for small in getattr(statement, "body", ()):
            if isinstance(small, cst.Assign) and any(t is target for t in small.targets):
                return small.value
        return None

    def _dropped_key_setting(self, target: cst.Attribute, line: int, why: str) -> bool:
        """Drop ``openai.api_key = <OPENAI_API_KEY read or a secret>`` where ``_key_setting_drops`` allows it, saying
        ``why``; False where it stays."""
        if target.attr.value != "api_key" or not self._key_setting_drops(target):
            return False
        if openai_secret(self._key_setting_value):
            self.todo(line, f"{code_of(target)} = <an OpenAI secret written in the code> removed: {why}; revoke the "
                            "secret, it stays in the repository's history")
        else:  # (the module's client reads MISTRAL_API_KEY now: held-out review 80, Y5)
            self.converted(line, f"{code_of(target)} = <OPENAI_API_KEY> removed: {why}", steps=(KEY_STEP,))
        return True

    def _dead_setting(self, target: cst.Attribute, line: int) -> None:
        """``openai.api_key = ...`` where no call of the project goes through the openai module's own client and
        every client converted: it serves nothing, and only kept the openai import and package."""
        if self._dropped_key_setting(target, line, "no call uses the openai module's client any more (the converted "
                                                   "clients read MISTRAL_API_KEY)"):
            return
        guarded = " (and the check around it, which still demands the OpenAI key: make it check MISTRAL_API_KEY)" \
            if self._blocks and self._blocks[-1][1] and target.attr.value == "api_key" else ""  # (`except KeyError`: B5)
        self.todo(line, f"{code_of(target)} configures the openai module's own client, which no call uses any more "
                        f"(every client here converted): remove it{guarded}, and the openai import it keeps"
                        + (" (give the key to the converted clients, Mistral(api_key=...), if it is theirs)"
                           if target.attr.value == "api_key" else ""))

    def _assignment(self) -> tuple[Optional[cst.Assign], Optional[cst.BaseAssignTargetExpression]]:
        """The statement being visited, where it is ``target = value`` alone on its line, and its one target."""
        statement = self.statement_nodes[-1] if self.statement_nodes else None
        small = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 \
            else None
        if not isinstance(small, cst.Assign):
            return None, None
        return small, small.targets[0].target if len(small.targets) == 1 else None

    def _module_key_setting(self) -> bool:
        """Is the statement being visited ``openai.api_key = ...`` (whose own rules speak for what it reads)?"""
        _, target = self._assignment()
        return isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and \
            self.facts.openai_modules.get(target.value.value) == "openai" and target.attr.value == "api_key"

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None and node.keyword.value == "api_key":
            self._key_args.add(id(node.value))  # (`api_key=st.secrets[...]`: the constructor's own TODO says it)

    def visit_Subscript(self, node: cst.Subscript) -> None:
        if _env_subscript_key(node):
            line = self.mark_site(node, ENV)
            if self._env_converts(node):
                self._env_fed, self._lines_of_env = True, line
        elif self.compat is None and id(node) not in self._key_args and not self._module_key_setting() and \
                dotted(node.value) in STREAMLIT_SECRETS and \
                len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index) and \
                isinstance(node.slice[0].slice.value, cst.SimpleString) and \
                node.slice[0].slice.value.evaluated_value == "OPENAI_API_KEY" and self.facts.view is not None and \
                "OPENAI_API_KEY" in self.facts.view.plan.converted_env and not self._renamed_secret_copy(node) and \
                id(node) not in self._wrapper_args and not self._renamed_secret_constant(node):
            # Streamlit puts root-level secrets in the environment, where the converted clients now read
            # MISTRAL_API_KEY (held-out review 65, X5: the secret read stayed, unflagged)
            self.todo(self.current_line(), STREAMLIT_SECRET_TODO)
        elif isinstance(node.value, cst.Name) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
            self._environ_alias_read(node, node.value, node.slice[0].slice.value)

    def _environ_alias_read(self, node: cst.CSTNode, environ: cst.BaseExpression, key: cst.BaseExpression) -> None:
        """``env["OPENAI_API_KEY"]``, ``env.get("OPENAI_API_KEY")``, ``"OPENAI_API_KEY" in env`` of ``from os import
        environ as env`` in a module whose clients converted: the environment under another name, which the renames do
        not follow (held-out review 166, Y2): one TODO a module. Not the key handed to a client or a LangChain object
        (their own TODOs speak for it)."""
        if self.compat is None and isinstance(environ, cst.Name) and environ.value in self._environ_aliases() and \
                string_value(key) == "OPENAI_API_KEY" and self.facts.view is not None and \
                "OPENAI_API_KEY" in self.facts.view.plan.converted_env and id(node) not in self._key_args and \
                id(node) not in self._wrapper_args and not self.__dict__.get("_environ_alias_said"):
            self.__dict__["_environ_alias_said"] = True
            self.todo(self.current_line(), ENVIRON_ALIAS_TODO.format(alias=environ.value, variable="OPENAI_API_KEY"))

    def _environ_aliases(self) -> frozenset:
        """The names this module imports os.environ as, other than ``environ`` (``from os import environ as env``)."""
        found = self.__dict__.get("_environ_alias_names")
        if found is None:
            tree = self.facts.tree
            found = frozenset(alias.asname for node in (ast.walk(tree) if isinstance(tree, ast.Module) else ())
                              if isinstance(node, ast.ImportFrom) and node.module == "os" and not node.level
                              for alias in node.names
                              if alias.name == "environ" and alias.asname and alias.asname != "environ")
            self.__dict__["_environ_alias_names"] = found
        return found

    def _renamed_secret_constant(self, node: cst.Subscript) -> bool:
        """``node`` is assigned to a name the plan renames with the secret (``_secret_constant`` says it)."""
        small, target = self._assignment()
        return small is not None and small.value is node and isinstance(target, cst.Name) and \
            self.facts.view is not None and target.value in self.facts.view.key_names

    def _renamed_secret_copy(self, node: cst.Subscript) -> bool:
        """``node`` is copied into ``os.environ["OPENAI_API_KEY"]`` by a write the plan renames with the secret
        (``_secret_write`` says what the app's secrets must hold: one TODO, not two; held-out review 74, Y6)."""
        small, target = self._assignment()
        return small is not None and small.value is node and isinstance(target, cst.Subscript) and \
            _env_subscript_key(target) == "OPENAI_API_KEY" and bool(self._env_converts(target))

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if env_membership_key(node):  # `"OPENAI_API_KEY" not in os.environ` (a gate: re-review 46, D6)
            self.mark_site(node, ENV)
        elif len(node.comparisons) == 1 and isinstance(node.comparisons[0].operator, (cst.In, cst.NotIn)):
            self._environ_alias_read(node, node.comparisons[0].comparator, node.left)

    def leave_Comparison(self, original: cst.Comparison, updated: cst.Comparison) -> cst.BaseExpression:
        key = env_membership_key(original)
        if key is None or not self._env_target(key) or not self._env_converts(original):
            return updated
        self._env_converted(original, key)
        return updated.with_changes(left=string_like(updated.left, self._env_target(key)))

    # -- environment variables --------------------------------------------------------------------
    def leave_Subscript(self, original: cst.Subscript, updated: cst.Subscript) -> cst.BaseExpression:
        key = _env_subscript_key(original)
        if key is None or not self._env_target(key) or not self._env_converts(original):
            return updated
        element = updated.slice[0]
        index = element.slice
        assert isinstance(index, cst.Index)
        new_key = string_like(index.value, self._env_target(key))
        self._env_converted(original, key)
        if key == "OPENAI_API_KEY" and self._blocks and self._blocks[-1][1] and \
                isinstance(self.statement_nodes[-2] if len(self.statement_nodes) > 1 else None, cst.Try):
            self._key_tries.setdefault(self._blocks[-1][0], self._lines.get(id(original), 0))
        return updated.with_changes(slice=[element.with_changes(slice=index.with_changes(value=new_key))])

    def _keeps_openai_clients(self) -> bool:
        """Does the plan keep some client of the tree on OpenAI (its constructors' TODOs say why)?"""
        view = self.facts.view
        return view is not None and any(c.decision == KEEP and c.provider == "openai" for c in view.plan.clients)

    def _env_target(self, key: str) -> Optional[str]:
        """The variable ``key`` becomes: Mistral's (mistral target), the provider's key variable
        (openai-compatible; base URL reads are left alone there: the constructor gets the URL)."""
        endpoint = self.compat
        if endpoint is None:
            return ENV_VARS[key]
        return endpoint.key_env if key == "OPENAI_API_KEY" else None

    def _env_converted(self, original: cst.CSTNode, key: str) -> None:
        target = self._env_target(key)
        if key == "OPENAI_API_KEY" and self._function() is not None:  # (its function's messages follow: _KeyMessages)
            self.__dict__.setdefault("_renamed_key_functions", {})[self._function()] = \
                (self._lines.get(id(original), 0), target)
        note = ENV_VALUE_NOTES.get(target)
        # (the key read renamed where a name is bound to it: the variable must be set where the app runs; held-out
        # review 94, X5, said nowhere for `api_key = os.getenv("OPENAI_API_KEY")` handed to a converted ChatOpenAI; a
        # read given to a constructor is the constructor's step)
        self.converted(self._lines.get(id(original), 0), f"environment variable {key} -> {target}"
                       + (f" ({note})" if note else ""), "approximate" if note else "exact",
                       ((SERVER_URL_REQUIRED_STEP if isinstance(original, cst.Subscript) else SERVER_URL_STEP),)
                       if target == SERVER_URL_ENV else
                       (KEY_STEP,) if key == "OPENAI_API_KEY" and self.compat is None and
                       self._assignment()[0] is not None and self._assignment()[0].value is original else ())

    def _env_helper_key(self, node: cst.Call) -> Optional[str]:
        """LibCST twin of ``codemods._facts.env_helper_key``."""
        inline = isinstance(node.func, cst.Attribute) and node.func.attr.value == "get" and \
            isinstance(node.func.value, cst.Call) and \
            (dotted(node.func.value.func) or "").rsplit(".", 1)[-1] == "dotenv_values"
        if not ((inline or self.facts.env_helpers and (dotted(node.func) or "") in self.facts.env_helpers) and
                node.args):
            return None
        first = node.args[0]
        held = first if first.keyword is None and not first.star else next(
            (a for a in node.args if a.keyword is not None and string_value(a.value) in ENV_VARS), None)
        key = string_value(held.value) if held is not None else None
        return key if key in ENV_VARS else None

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        if id(original) in self._closes and isinstance(updated.func, cst.Attribute):
            line, is_async = self._closes.pop(id(original))
            method = CLIENT_CLOSE_METHODS[is_async]
            self.converted(line, f"{code_of(original.func)}() -> {method}(None, None, None): Mistral has no close(); "
                                 "leaving the client's context closes its HTTP client")
            none = cst.Arg(cst.Name("None"))
            return updated.with_changes(func=updated.func.with_changes(attr=cst.Name(method)),
                                        args=[none.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))] * 2 + [none])
        prefix_check = isinstance(original.func, cst.Attribute) and original.func.attr.value == "startswith" and \
            len(original.args) == 1 and isinstance(original.args[0].value, cst.SimpleString) and \
            openai_key_prefix(original.args[0].value.evaluated_value) and self.compat is None
        if prefix_check and (answer := self.answer_for(original.func.value)) and answer[0] == "env" and \
                answer[1] is True and answer[-1] == "prefix" and isinstance(updated.func, cst.Attribute):
            # `assert os.getenv("OPENAI_API_KEY", "").startswith("sk-")`, a test the plan renames with the gate above
            # it: a Mistral key has no such prefix, so the test becomes that a key was given (held-out review 81, Y3)
            self.converted(self.current_line(), f"{code_of(original)} -> {code_of(updated.func.value)}: a Mistral key "
                                                "has no sk- prefix; the check now tests that a key was given",
                           "approximate")
            return updated.func.value
        if prefix_check and self.facts.view is not None and self.facts.view.converts_calls and self.statement_stack:
            # Streamlit's chatbot template: `if not openai_api_key.startswith("sk-"): st.stop()` rejects every
            # Mistral key once the client converted (re-review 46, D3 / D8)
            self.todo(self.current_line(), f"{code_of(original)} tests that the key looks like an OpenAI key (sk-...); "
                                           "a Mistral key never does, so this check rejects the key the converted "
                                           "client needs: drop it (or test that a key was given)")
        key = _env_call_key(original) or self._env_helper_key(original)
        if key is not None and self._env_target(key) and self._env_converts(original):
            args = list(updated.args)
            at = next((i for i, a in enumerate(args) if a.keyword is not None and string_value(a.value) == key), 0) \
                if args and args[0].keyword is not None else 0  # (`require_env(var="OPENAI_API_KEY")`: B8)
            args[at] = args[at].with_changes(value=string_like(args[at].value, self._env_target(key)))
            if key == "OPENAI_API_KEY" and len(args) > 1 and openai_secret(args[1].value):
                # os.getenv("OPENAI_API_KEY", "sk-..."): the OpenAI secret would reach the new provider whenever
                # its variable is unset (re-review of held-out review 5)
                args = [args[0].with_changes(comma=cst.MaybeSentinel.DEFAULT), *args[2:]]
                self.todo(self._lines.get(id(original), 0), "the OpenAI secret written in the code as this read's "
                          "default was removed (it would be sent to the new provider); revoke it, it stays in the "
                          "repository's history")
            elif key == "OPENAI_API_KEY" and len(args) > 1 and args[1].keyword is None and \
                    string_value(args[1].value) is None and code_of(args[1].value) != "None":
                # os.environ.get("OPENAI_API_KEY", key), key read from config.yaml's OPENAI_API_KEY: the fallback
                # was an OpenAI key, sent to the new provider when the variable is unset (re-review 50, K8: a 401)
                self.todo(self._lines.get(id(original), 0),
                          f"{code_of(args[1].value)}, this read's fallback, held an OpenAI key until now: it reaches "
                          f"the converted client whenever {self._env_target(key)} is unset; give it the Mistral key, "
                          "or drop it")
            if ENV_VARS[key] == SERVER_URL_ENV and len(args) > 1:
                default = string_value(args[1].value)
                if default is not None:
                    args[1] = args[1].with_changes(value=string_like(args[1].value, strip_v1(default)))
            if self.compat is not None and self.compat.spec.key_optional and key == "OPENAI_API_KEY" and \
                    len(args) == 1 and (dotted(original.func) or "").endswith(("getenv", "environ.get")):
                # the key may be unset (OVHcloud's anonymous tier, a local vLLM), and the openai SDK refuses
                # None: the default the moved bare constructor gets too (held-out review 4, N5)
                args = [args[0].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                        cst.Arg(cst.SimpleString('"EMPTY"'))]
            self._env_converted(original, key)
            return updated.with_changes(args=args)
        qualified = self.facts.qualify(dotted(original.func))
        if qualified in CLIENT_CLASSES or qualified in MANUAL_CLIENT_CLASSES:
            return self._constructor(original, updated, qualified)
        return updated

    # -- annotations -------------------------------------------------------------------------------
    def visit_Param(self, node: cst.Param) -> None:
        self._param.append(node.name.value)

    def leave_Param(self, original: cst.Param, updated: cst.Param) -> cst.Param:
        self._param.pop()
        return updated

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._param.append(None)

    def leave_AnnAssign(self, original: cst.AnnAssign, updated: cst.AnnAssign) -> cst.AnnAssign:
        self._param.pop()
        answer = self.answer_for(original.value) if original.value is not None else None
        if answer is None and isinstance(original.value, cst.Call):
            # `sync_client: OpenAI = Field(default_factory=lambda: OpenAI(...))` (held-out review 172, Y4)
            built = _factory_built(original.value)
            answer = self.answer_for(built) if built is not None else None
        if answer and answer[0] == "ctor" and answer[1] == CONVERT:  # client: OpenAI = OpenAI()
            return updated.with_changes(annotation=self._retyped(updated.annotation))
        if (original.value is None or isinstance(original.value, cst.Name) and original.value.value == "None") and \
                isinstance(original.target, cst.Name) and self.facts.view is not None \
                and self.facts.view.param(self.path, original.target.value) == CONVERT:
            # class body: `client: OpenAI`; a module's global: `_client: AsyncOpenAI | None = None`
            return updated.with_changes(annotation=self._retyped(updated.annotation))
        if isinstance(original.target, cst.Attribute) and \
                isinstance(original.target.value, cst.Name) and original.target.value.value == "self" and \
                self.facts.view is not None and (self.path[:-1], original.target.attr.value) in \
                self.facts.view.plan.converted_attrs.get(self.facts.view.path, ()):
            # `self._client: OpenAI | None` declared in a method, the attribute's clients converted (review 29, J-D8);
            # `self.client: OpenAI = client` too (held-out review 46, C2)
            return updated.with_changes(annotation=self._retyped(updated.annotation))
        if isinstance(original.target, cst.Name) and self.facts.view is not None and self.path and \
                (tuple(self.path), original.target.value) in \
                self.facts.view.plan.converted_attrs.get(self.facts.view.path, ()):
            # the class body's `client: OpenAI = None`, the attribute its methods set to converted clients (held-out
            # review 149, Y2)
            return updated.with_changes(annotation=self._retyped(updated.annotation))
        view = self.facts.view
        if view is not None and (
                isinstance(original.value, cst.Name) and view.param(self.path, original.value.value) == CONVERT or
                isinstance(original.value, cst.Call) and isinstance(original.value.func, cst.Name) and
                view.returns((original.value.func.value,)) == CONVERT):
            # `self.client: OpenAI = client` of a parameter every caller feeds a converted client, `ai_client: OpenAI =
            # get_ai_client()` of a factory whose clients convert (held-out review 46, C2)
            return updated.with_changes(annotation=self._retyped(updated.annotation))
        if original.value is None and not self.path and isinstance(original.target, cst.Name) and view is not None \
                and view.all_converted:
            # `client : openai.Client` at module level, a bare declaration, every client of the tree converted:
            # evaluated at import, it alone kept openai a dependency (held-out review 176, Y2)
            return updated.with_changes(annotation=self._retyped(updated.annotation))
        return updated

    def leave_Annotation(self, original: cst.Annotation, updated: cst.Annotation) -> cst.Annotation:
        view = self.facts.view
        if view is None:
            return updated
        if self._param:
            name = self._param[-1]
            if name is None or view.param(self.path, name) != CONVERT:
                return updated
        elif view.returns(self.path) != CONVERT:  # a return annotation: the factory's clients convert
            return updated
        return self._retyped(updated)

    def _retyped(self, updated: cst.Annotation) -> cst.Annotation:
        if self.compat is not None:
            return updated  # the OpenAI classes stay
        new = _replace_client_class(updated.annotation, self.facts)
        if new is updated.annotation:
            return updated
        self.changed = True
        self.need_import(*MISTRAL_CLIENT)
        return updated.with_changes(annotation=new)

    # -- constructors ------------------------------------------------------------------------------
    def _is_client_class(self, func: cst.BaseExpression) -> bool:
        qualified = self.facts.qualify(dotted(func))
        return qualified in CLIENT_CLASSES or qualified in MANUAL_CLIENT_CLASSES

    def _constructor(self, original: cst.Call, updated: cst.Call, qualified: str) -> cst.Call:
        line = self._lines.get(id(original), 0)
        is_async = CLIENT_CLASSES.get(qualified, False)
        answer = self.answer_for(original)
        if answer and answer[0] == "ctor" and answer[1] == OTHER and answer[2] and self.compat is None:
            self.todo(line, answer[2])  # a base_url from the app's configuration: maybe OpenAI's after all
        if answer and answer[0] == "ctor" and answer[1] == UNUSED and answer[2]:
            self.todo(line, answer[2])  # built at import, nothing uses it, and it needs OPENAI_API_KEY
        if not answer or answer[0] != "ctor" or answer[1] in (OTHER, UNRESOLVED, UNUSED):
            return updated  # another provider's endpoint: not migrator's to touch
        if answer[1] == KEEP:
            self.todo(line, answer[2])
            return updated
        if self.compat is not None:
            return self._compat_constructor(original, updated, qualified, line)
        problems = _shape_problems(updated, qualified, "may hold OpenAI-only options")
        for arg in () if problems else updated.args:
            rule = CLIENT_PARAMS.get(arg.keyword.value)
            if rule is None:
                problems.append(f"unknown keyword {arg.keyword.value!r}")
            elif rule.policy is Policy.FAIL:
                problems.append(f"{arg.keyword.value}: {fail_note(rule.note, qualified)}")
        if problems:
            self.todo(line, f"{code_of(original.func)}(...) left unchanged: " + "; ".join(problems))
            return updated

        fold = answer[4] if len(answer) > 4 else None
        if fold is not None:  # `client.api_key = key` next: Mistral takes the key when it is built
            key = cst.parse_expression(fold[1])
            given = [arg for arg in updated.args if arg.keyword.value == "api_key"]
            args = [arg.with_changes(value=key) if given and arg is given[0] else arg for arg in updated.args] \
                if given else append_arg(list(updated.args), keyword_arg("api_key", key), updated.whitespace_before_args)
            updated = updated.with_changes(args=args)
            self._folds.append(fold)
            self.converted(line, f"{fold[0]}.api_key = {fold[1]} -> Mistral(api_key={fold[1]}) (Mistral reads "
                                 "its key when it is built)")
        # (`api_key=os.getenv("OPENAI_API_KEY")`, None when unset, is no key either: held-out review 151, X2)
        keyless = not any(arg.keyword.value == "api_key" and not _env_key_read(arg.value) for arg in original.args
                          if arg.keyword)
        imported = self.facts.view.import_gates.get(line, "") if self.facts.view is not None and \
            self.compat is None and self._function() is None else ""  # (a guarded import of it: review 151, X2)
        if fold is None and keyless and (imported == "openai" or
                                         self._missing_key_gate(original, OPENAI_KEY_ERRORS) is not None):
            # `try: client = OpenAI()` / `except openai.OpenAIError: st.error("Set OPENAI_API_KEY")`: OpenAI() raised
            # it when no key was set; Mistral() checks no key when built (held-out review 126, Y3: the guard was dead
            # code, the app failing at its first request)
            self.todo(line, "the except clause around this client handled OpenAI()'s error for a missing key; "
                            "Mistral() checks no key when it is built (the first request fails with 401): test "
                            f'os.environ.get("{API_KEY_ENV}") here instead, and name that variable in its message')
        gate = self._missing_key_gate(original) if fold is None and keyless else None
        if gate is not None or fold is None and keyless and imported == "any":
            # `try: client = OpenAI()` / `except Exception: client = None`: OpenAI() raises when no key is set, and the
            # handler is the app's "key missing" path; Mistral() reads its key at each request, so it would never run
            # (held-out review 75, Y1: a 401 inside the request, the messages naming OPENAI_API_KEY). Reading the key
            # where it is built keeps the failure there (a KeyError, caught alike); the handler's messages follow
            self.need_import("os")
            required = cst.parse_expression(f'os.environ["{API_KEY_ENV}"]')
            updated = updated.with_changes(args=[
                arg.with_changes(value=required) if arg.keyword and arg.keyword.value == "api_key" else arg
                for arg in updated.args]) if any(arg.keyword and arg.keyword.value == "api_key" for arg in
                                                 updated.args) else \
                updated.with_changes(args=append_arg(list(updated.args), keyword_arg("api_key", required),
                                                     updated.whitespace_before_args))
            if gate is not None:
                self._key_tries.setdefault(id(gate), line)
            self.converted(line, f'api_key=os.environ["{API_KEY_ENV}"] (OpenAI() raised when no key was set, and the '
                                 "except clause around it handles that; Mistral() reads its key at each request)"
                           if gate is not None else
                           f'api_key=os.environ["{API_KEY_ENV}"] (OpenAI() raised when no key was set, and a module '
                           "importing this client inside a try handles that; Mistral() reads its key at each request)",
                           "approximate")
        new_args: list[cst.Arg] = []
        notes: list[str] = []
        safety = "exact"
        given_key = None  # api_key= of the app's own (not an environment read the rules rename)
        secret_given = False  # api_key= a Streamlit / Colab secret, renamed
        for arg in updated.args:
            name = arg.keyword.value
            rule = CLIENT_PARAMS[name]
            if rule.policy is Policy.DROP:
                continue
            if rule.policy is Policy.DROP_TODO:
                self.todo(line, f"{name} dropped: {rule.note}")
                continue
            if rule.safety != "exact":
                safety = "approximate"
            target = rule.mistral_name(name)
            value = arg.value
            setting = self._module_key_setting_read(value) if name == "api_key" and self.compat is None else None
            if setting is not None:
                # `openai.api_key = os.environ["OPENAI_API_KEY"]` (once, at module level), then `OpenAI(api_key=
                # openai.api_key)`: the same read of the Mistral variable (held-out review 153, Y2: two TODOs, and
                # the OpenAI key sent to Mistral until edited by hand)
                self.converted(line, f"api_key={code_of(value)} -> api_key={setting} (the module's key setting read "
                                     "the OpenAI variable)", "exact", (KEY_STEP,))
                new_args.append(arg.with_changes(keyword=cst.Name(target), value=cst.parse_expression(setting)))
                continue
            secret_default = self._env_secret_default(value) if name == "api_key" and self.compat is None else None
            if secret_default is not None:
                # `api_key=os.environ.get("KEY", "sk-proj-...")`: where KEY is unset, the OpenAI secret went to
                # Mistral (held-out review 131, X1; an OPENAI_API_KEY read's default had its TODO already)
                value = secret_default
                self.todo(line, f"api_key={code_of(value)}: its default was an OpenAI secret written in the code "
                                "(not shown): removed, so that it is not sent to Mistral; delete it from the code and "
                                "revoke it, it stays in the repository's history")
            if name == "api_key" and self._object_key(value):
                # `api_key=APIKeyReader()`, an object of the app's own class whose __str__ gives the key: httpx took it,
                # Mistral(...) validates a str and raises at once (held-out review 130, X3)
                value = cst.Call(func=cst.Name("str"), args=[cst.Arg(value)])
                self.converted(line, f"api_key={code_of(arg.value)} -> str(...) (Mistral(api_key=) takes a str; "
                                     "OpenAI's client sent the object's str())", "exact")
            # names this rule points at MISTRAL_API_KEY (`OPENAI_API_KEY = os.getenv(...)`) hold a Mistral key
            renamed = self.facts.view.key_names if self.facts.view is not None else frozenset()
            source = answer[3] if len(answer) > 3 else ""  # what a name passed as api_key= was assigned
            key_renamed = (isinstance(value, cst.Name) and value.value in renamed) or code_of(value) in renamed or \
                (name == "api_key" and self._param_fed_renamed(value, renamed))
            secret = _streamlit_key(value) if name == "api_key" and self.compat is None else None
            if secret is not None:
                # `api_key=st.secrets["OPENAI_API_KEY"]`: the secret of the same name for Mistral, as an environment
                # read of the variable is renamed (held-out review 67, Y7: the OpenAI key went to Mistral, two TODOs)
                value = secret
                self.todo(line, secret_key_todo(value))
                secret_given = True  # (that TODO says where the key goes: no MISTRAL_API_KEY step, review 73, Y3)
                new_args.append(arg.with_changes(keyword=cst.Name(target), value=value))
                continue
            read = re.search(r"""\b(?:getenv|environ)\b(?:\.get)?\s*[(\[]\s*["']([^"']+)["']""", code_of(value))
            helper_read = isinstance(value, cst.Call) and code_of(value.func) in self.facts.env_helpers and \
                bool(value.args) and isinstance(value.args[0].value, cst.SimpleString) and \
                value.args[0].value.evaluated_value in ("OPENAI_API_KEY", self._env_target("OPENAI_API_KEY"))
            if name == "api_key" and not key_renamed and not helper_read and (
                    not re.search(r"\b(?:getenv|environ)\b", code_of(value)) or
                    read is not None and read.group(1) not in ("OPENAI_API_KEY", self._env_target("OPENAI_API_KEY"))):
                # the client reads no MISTRAL_API_KEY itself (held-out review 66, X3), nor where it is given another
                # variable (`os.getenv("openai_api_key")`: held-out review 87, X5, "the converted clients read it")
                given_key = code_of(value)
            if name == "api_key" and key_renamed and _SECRET_READ.search(source or ""):
                secret_given = True  # (a constant read from the secrets, renamed there: its TODO says where it goes)
            if name == "api_key" and self.compat is None and (openai_secret(value) or (
                    isinstance(value, cst.Name) and not key_renamed and _openai_secret_source(source))):
                # held-out review 5: a committed OpenAI key went to api.mistral.ai with every request
                self.todo(line, f"api_key={code_of(value) if isinstance(value, cst.Name) else '<the key>'} was an "
                                "OpenAI secret written in the code: removed, so that it is not sent to Mistral (the "
                                "client reads MISTRAL_API_KEY); delete the secret from the code and revoke it, it "
                                "stays in the repository's history")
                given_key = None  # (removed: the client reads MISTRAL_API_KEY)
                continue
            helpers = self.facts.view.key_helpers if self.facts.view is not None else {}
            helper = helpers.get(code_of(value.func)) if name == "api_key" and isinstance(value, cst.Call) and \
                not value.args and self.compat is None else None
            if helper is not None:
                # `api_key=utils.get_openai_key()`, a helper of the tree reading OPENAI_API_KEY (raising when it is
                # unset): the app still needs the OpenAI key (as MIG116 says of LangChain's; held-out review 60, Y14)
                self.todo(line, f"api_key={code_of(value)} reads OPENAI_API_KEY (in {helper}), which the app then "
                                "still needs: make it read MISTRAL_API_KEY, or leave api_key= "
                                "out (the SDK reads MISTRAL_API_KEY when api_key is not given)")
            elif name == "api_key" and isinstance(value, (cst.Name, cst.Attribute)) and key_renamed and \
                    " or " in source:
                # `key = api_key or os.getenv("OPENAI_API_KEY")`: the read is renamed, the rest is the caller's
                # (held-out review 37, N1: "comes from 'OPENAI_API_KEY'" was said of a renamed read)
                # (a prompt naming OpenAI after the read asks for the Mistral key now: leave_BooleanOperation; held-out
                # review 83, X5: the TODO quoted the prompt as it was)
                others = [o for o in _or_operands_besides(source, "OPENAI_API_KEY")
                          if not ((typed := re.match(r"([\w.]+)\(", o)) and "openai" in o.lower() and
                                  typed.group(1).rsplit(".", 1)[-1] in RUNTIME_KEY_CALLS)]
                handed = self.facts.view.handed_keys.get(f"{self.path[0]}:{code_of(value)}") \
                    if self.facts.view is not None and self.path else None
                if others and others != [handed]:
                    key = self._env_target("OPENAI_API_KEY")  # (MISTRAL_API_KEY, or the provider's on compat)
                    owner = "a Mistral" if self.compat is None else f"a {self.compat.spec.name}"
                    self.todo(line, f"api_key={code_of(value)}: its environment read now reads {key}; "
                                    f"{' or '.join(others)} before it must hold {owner} key too (callers passed "
                                    "an OpenAI key until now)")
            elif name == "api_key" and isinstance(value, cst.Name) and not key_renamed and source and (
                    "openai" not in code_of(value).lower() or _typed_in(source)):
                # (`openai_api_key = st.text_input("OpenAI API Key")` too: its prompt is what to change, not a setting;
                # held-out review 105, X9: a bring-your-own-key app still asked its users for an OpenAI key)
                named = re.search(r"[\w.'\"\[\]]*openai[\w.'\"\[\]]*", source, re.IGNORECASE)
                shown = _balanced(named.group(0)) if named else "an OpenAI setting"
                typed = re.search(r"([\w.]+)\(", source)  # ("key getpass('...')": the name, then its value)
                if typed and typed.group(1).rsplit(".", 1)[-1] in RUNTIME_KEY_CALLS:
                    # `api_key = getpass("Paste your OpenAI key")`: "comes from OpenAI" quoted the prompt (held-out
                    # review 45, A4 / A5); the user types the key in, so the prompt is what to change
                    secret = _SECRET_READ.search(source)  # `st.secrets["openai_api_key"]` first, typed in else
                    self.todo(line, f"api_key={code_of(value)} is typed in at run time ({typed.group(1)}(...))"
                                    f"{', whose prompt asks for an OpenAI key' if named else ''}: ask for a Mistral "
                                    "key there (https://console.mistral.ai/api-keys)"
                                    + (f"; it also comes from {_balanced(secret.group(0))}, an OpenAI key: hold the "
                                       "Mistral key in that secret (its name says openai: rename it here and in "
                                       "the secrets, or keep it)" if secret else ""))
                else:
                    self.todo(line, f"api_key={code_of(value)} comes from {shown}"
                                    ", an OpenAI key: pass the Mistral key (the SDK reads MISTRAL_API_KEY when api_key "
                                    "is not given)")
            elif name == "api_key" and "openai" in code_of(value).lower() and not key_renamed:
                # OPENAI_KEY, settings.OPENAI_API_KEY, openai_api_key: an OpenAI credential Mistral rejects
                # (only where the advice is a setting of its own: a check of the very variable handed over holds the
                # Mistral key once that variable does)
                gate = self._key_gate_around(code_of(value)) if isinstance(value, cst.Attribute) else ""
                module = isinstance(value, cst.Attribute) and isinstance(value.value, cst.Name) and \
                    self.facts.openai_modules.get(value.value.value) == "openai"
                existing = self._mistral_key_field() if isinstance(value, cst.Attribute) and not module else ""
                self.todo(line, f"api_key={code_of(value)} looks like an OpenAI key: pass the Mistral key "
                          + ("(the openai module's key setting holds the OpenAI key: read the Mistral key where that "
                             "one is read, or leave api_key out so the SDK reads MISTRAL_API_KEY)" if module else
                             f"(the project's settings hold one already: {existing})" if existing else
                             f"(a MISTRAL_API_KEY setting beside it in {code_of(value.value)}; without api_key, the "
                             "SDK reads MISTRAL_API_KEY from the process environment only)"
                             if isinstance(value, cst.Attribute) else
                             "(the SDK reads MISTRAL_API_KEY when api_key is not given)")
                          # (held-out review 102, X1: following the TODO, the check skipped the converted client)
                          + (f"; the check `{gate}` in this function decides whether the client is used: test the "
                             "Mistral key there too" if gate else ""))
            elif name == "api_key" and isinstance(value, cst.SimpleString) and \
                    str(value.evaluated_value).startswith("sk-"):
                self.todo(line, "api_key is an OpenAI key written in the code: pass the Mistral key from the "
                                "environment instead (the SDK reads MISTRAL_API_KEY when api_key is not given)")
            elif name == "api_key" and isinstance(value, cst.SimpleString) and isinstance(value.evaluated_value, str) \
                    and (_PLACEHOLDER_KEY.search(value.evaluated_value) or
                         re.search(r"\s|[^\x00-\x7f]", value.evaluated_value.strip())):
                # `api_key=""`, `api_key="PASTE-YOUR-KEY-HERE"`: a placeholder for an OpenAI key until now (held-out
                # review 99, Y3: no TODO, and "Before you deploy" pointed at "the TODO at each"); a text in the user's
                # words too (`"API Key"`, a tutorial's "api key 입력": held-out review 107, Y6, silent)
                # (a text with spaces or non-ASCII letters is no key: a placeholder in the user's words)
                self.todo(line, f"api_key={code_of(value)} is written in the code (a placeholder for an OpenAI key "
                                "until now): leave api_key out so the SDK reads MISTRAL_API_KEY, or put a Mistral key "
                                "there (https://console.mistral.ai/api-keys)")
            elif name == "api_key" and isinstance(value, (cst.SimpleString, cst.ConcatenatedString)) and \
                    "mistral" not in code_of(value).lower():
                # `api_key="secret"`: any other literal was an OpenAI key (or a stand-in for one) until now, and the
                # summary's "Before you deploy" points at the TODO at each (held-out review 149, Y6); its text is not
                # shown (it may be a key)
                self.todo(line, "api_key is written in the code (an OpenAI key, or a stand-in for one, until now; not "
                                "shown): Mistral rejects it: leave api_key out so the SDK reads MISTRAL_API_KEY, or "
                                f"pass a Mistral key from the environment ({MISTRAL_KEYS_PAGE})")
            elif name == "api_key" and "mistral" not in code_of(value).lower() and not key_renamed and \
                    not isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
                # config.llm.api_key, a parameter: whatever it holds was an OpenAI key until now (MetaGPT's
                # embeddings got the key of the LLM config its kept AsyncOpenAI client uses: every call a 401)
                named = re.search(r"\b[\w.]*\.(?:openai_api_key|OPENAI_API_KEY)\b", source or "")
                if named and self._keeps_openai_clients():
                    # `self.api_key = api_key or settings.openai_api_key`, which a kept client reads too (held-out
                    # review 57, Y4: "make sure it holds a Mistral key" led to a Mistral key in OpenAI's setting)
                    self.todo(line, f"api_key={code_of(value)} comes from {named.group(0)}, the OpenAI key setting "
                                    "that clients kept on OpenAI may read too: give this client a Mistral key setting "
                                    "of its own (mistral_api_key, MISTRAL_API_KEY) rather than putting a Mistral key "
                                    "there")
                elif (route := self._route_of_request_key(value)):
                    # `@router.post("/") async def _openai_api(args: ChatArgs): AsyncClient(api_key=args.api_key)`: a
                    # proxy's route handing on its caller's key (held-out review 123, Y6: "make sure it holds a
                    # Mistral key" where the server cannot: every caller got a 401 from Mistral)
                    self.todo(line, f"api_key={code_of(value)} comes with the request to this route ({route}): its "
                                    "callers send an OpenAI key today, which Mistral rejects (401); have them send a "
                                    "Mistral key (https://console.mistral.ai/api-keys), or keep this route on OpenAI")
                elif (shared := self._key_shared_with_kept(value) or self._key_shared_by_callers(line)):
                    # held-out review 125, X3: one value handed to this function and to one whose client stays on
                    # OpenAI ("make sure it holds a Mistral key" broke the kept path once followed)
                    self.todo(line, shared)
                elif (kept_where := self._same_key_as_kept(value)):
                    # `AsyncOpenAI(api_key=api.api_key)` here, `params = {"api_key": api.api_key}` of a client kept
                    # on OpenAI in another function (held-out review 138, X1: one attribute cannot hold both keys)
                    self.todo(line, f"api_key={code_of(value)} is also the key of the client kept on OpenAI "
                                    f"{kept_where}: one value cannot hold both keys; give this client a Mistral key of "
                                    "its own (a separate setting, or MISTRAL_API_KEY: leave api_key out)")
                elif (variable := self._env_read_kept_elsewhere(value)):
                    # `OpenAI(api_key=os.getenv("API_KEY"))` here and in a module whose client stays on OpenAI
                    # (held-out review 152, X2: "make sure it holds a Mistral key" broke the kept client once followed)
                    noun = "file" if variable[0].startswith("file ") else "variable"
                    shown = f"the {variable[0]} it reads" if noun == "file" else variable[0]
                    self.todo(line, f"api_key={code_of(value)}: {shown} is also the key of a client kept on "
                                    f"OpenAI ({variable[1]}): one {noun} cannot hold both keys; give this client a "
                                    "Mistral key of its own (leave api_key out: the SDK reads MISTRAL_API_KEY)")
                else:
                    self.todo(line, f"api_key={code_of(value)}: make sure it holds a Mistral API key, not an OpenAI "
                                    "one (the SDK reads MISTRAL_API_KEY when api_key is not given)")
            if name == "base_url":
                value = self._server_url(value, line, answer[5] if len(answer) > 5 else "")
                if value is None:
                    continue
            elif name == "timeout":
                value = self._timeout(value, line, rule)
                if value is None:
                    continue
            elif name == "max_retries":
                value = self._retries(value, line)
                if value is None:
                    continue
            elif name == "http_client":
                original_client = value
                bound = self._httpx_bound.get(value.value) if isinstance(value, cst.Name) else None
                built = bound if bound is not None else self._httpx2(value, line, is_async)
                value = value if bound is not None else built
                if built is not None and built is not original_client and \
                        not any(a.keyword is not None and a.keyword.value == "timeout" for a in updated.args):
                    lifted = self._client_timeout_ms(built, line)
                    if lifted is not None:
                        new_args.append(arg.with_changes(keyword=cst.Name("timeout_ms"), value=lifted))
                if value is None:
                    continue
                if is_async:
                    target = "async_client"
            new_args.append(arg.with_changes(keyword=cst.Name(target), value=value))
        # No base_url: Mistral's default server (a server URL only where the code reads one, spec §13;
        # where the code also reads or sets OPENAI_BASE_URL, the plan puts a TODO there).
        opening = opening_after(updated.args, new_args, updated.whitespace_before_args)
        new_args = finish_args(updated.args, new_args, updated.whitespace_before_args)
        starts = bool(self.statement_stack) and self.current_line() == line
        inline = bool(self._fstrings) or bool(self._suites) or id(original) not in self._top_values or not starts
        steps: tuple = () if secret_given else (KEY_STEP,) if given_key is None else (GIVEN_KEY_STEP,)
        if not any(arg.keyword.value == "max_retries" for arg in updated.args):
            # OpenAI retries twice by default (429, 5xx, connection errors); Mistral only with a RetryConfig
            code = self.retry_config_code(OPENAI_DEFAULT_RETRIES)
            # (a constructor a call chain starts with reads the module's constant, even alone: its RetryConfig laid
            # out over lines inside `return OpenAI().embeddings.create(...)` took eight; held-out review 64, Y13)
            shared = self._shared_retry_config(code, inline or id(original) in self._chain_heads)
            retry = keyword_arg("retry_config", cst.Name(shared) if shared else cst.parse_expression(code))
            new_args = append_arg(new_args, retry, updated.whitespace_before_args)
            notes.append("OpenAI's default retries kept as a RetryConfig"
                         + (f" ({shared}, written once in the module)" if shared else ""))
            steps += (RETRY_STEP.format(budget=retry_budget_ms(OPENAI_DEFAULT_RETRIES) / 1000),)
            safety = "approximate"
        self.need_import(*MISTRAL_CLIENT)
        self.converted(line, f"{code_of(original.func)}(...) -> Mistral(...)"
                       + (f" ({'; '.join(notes)})" if notes else ""), safety, steps)
        converted = updated.with_changes(func=cst.Name(MISTRAL_CLIENT[1]), args=new_args, whitespace_before_args=opening)
        if not self._fstrings:
            if inline:
                return converted
            return laid_out(original, converted, self._unit())
        if '"' in self._fstrings:  # f"{OpenAI()...}": before Python 3.12 no '"' inside its braces
            converted = cst.parse_expression(code_of(converted).replace('"backoff"', "'backoff'"))
        return converted

    def _httpx2(self, value: cst.BaseExpression, line: int, is_async: bool = False) -> Optional[cst.BaseExpression]:
        """``http_client=httpx.Client(...)``: mistralai runs on httpx2, and the except clauses MIG103
        writes catch httpx2's errors; a legacy httpx client's (``httpx.ReadError`` on a reset) escape
        them (probe d14). ``httpx.`` inside the argument becomes ``httpx2.`` (the same API: httpx2
        continues httpx); a client built elsewhere gets a TODO."""
        code = code_of(value)
        if "httpx2" in code:
            return value
        kind = "httpx2.AsyncClient" if is_async else "httpx2.Client"
        if isinstance(value, cst.Call) and (self.facts.qualify(dotted(value.func) or "") or "") in (
                "openai.DefaultAioHttpClient", "openai.DefaultAsyncHttpxClient", "openai.DefaultHttpxClient"):
            if not value.args:
                # openai's own transports (DefaultAioHttpClient: aiohttp, from openai[aiohttp]): mistralai has none of
                # them, and its own client runs on httpx2 (held-out review 109, X9: "built elsewhere", and
                # httpx2.Client advised for async_client=, which mistralai rejects)
                self.converted(line, f"http_client={code_of(value.func)}() dropped: openai's own HTTP transport; "
                                     "Mistral's client runs on httpx2 (pass "
                                     f"{'async_client=httpx2.AsyncClient' if is_async else 'client=httpx2.Client'}"
                                     "(...) for options of your own)", "approximate")
                return None
            # `DefaultHttpxClient(timeout=20.0, proxy=...)`: openai's httpx client subclass, given options of the app's
            # own (a proxy, a timeout): an httpx2 client with them (held-out review 114, X1: dropped with no word, the
            # proxy lost)
            self.need_import("httpx2")
            self.converted(line, f"http_client={code_of(value.func)}(...) -> {kind}(...), the same options "
                                 "(mistralai's HTTP library)", "approximate")
            return self._httpx2_options(value.with_changes(func=cst.parse_expression(kind)), line)
        if isinstance(value, cst.Call) and (dotted(value.func) or "").startswith("httpx."):
            self.need_import("httpx2")
            self.converted(line, f"http_client={code_of(value.func)}(...) -> httpx2 (mistralai's HTTP library)",
                           "approximate")
            return self._httpx2_options(value.visit(_ToHttpx2()), line)  # type: ignore[arg-type]
        if "httpx2" in self.facts.bound_names and "httpx" not in self.facts.bound_names:
            return value  # (a module working with httpx2 already: its client is that)
        if "httpx" not in self.facts.bound_names:
            # built elsewhere (`create_proxy_client()` of a helper module): openai's http_client= takes an httpx
            # client, which is what it most likely is (held-out review 105, X2: the proxy's httpx.ConnectError escaped
            # the converted except clause, with no word)
            self.todo(line, f"http_client={code} is built elsewhere: where it is an httpx client (what openai's "
                            f"http_client= takes), build it with httpx2 instead (import httpx2; {kind}(...), the "
                            "same arguments): mistralai runs on httpx2, and a legacy httpx client's errors "
                            "(httpx.ConnectError ...) escape the converted except clauses, which catch httpx2's")
            return value
        self.todo(line, f"http_client={code}: build it with httpx2 (import httpx2; {kind}(...), the same "
                        "arguments): mistralai runs on httpx2, and a legacy httpx client's errors (httpx.ReadError "
                        "...) escape the converted except clauses, which catch httpx2's")
        return value

    def _httpx2_options(self, client: cst.Call, line: int) -> cst.Call:
        """The options of an httpx client moved to httpx2 that httpx2 spells otherwise: ``proxies=<one URL>`` is
        ``proxy=`` (httpx2 has no proxies=: a TypeError where the module is imported; held-out review 114, X2), a
        dict of proxies gets a TODO (``mounts=``)."""
        args = []
        for arg in client.args:
            if arg.keyword is not None and arg.keyword.value == "proxies":
                if isinstance(arg.value, cst.Dict):
                    self.todo(line, "proxies={...}: httpx2 has no proxies=: give each pattern a transport, "
                                    "mounts={\"https://\": httpx2.HTTPTransport(proxy=url), ...} "
                                    "(AsyncHTTPTransport for an async client)")
                else:
                    self.converted(line, "proxies= -> proxy= (httpx2 takes one proxy URL as proxy=)", "exact")
                    arg = arg.with_changes(keyword=cst.Name("proxy"))
            args.append(arg)
        return client.with_changes(args=args)

    def _client_timeout_ms(self, value: cst.BaseExpression, line: int) -> Optional[cst.BaseExpression]:
        """``timeout=`` of the httpx client handed to the constructor, as Mistral's ``timeout_ms=``: mistralai sends a
        timeout with every request (timeout_ms, else 300 s), which overrides the client's own (held-out review 114,
        X3: a 10 s timeout became 300 s)."""
        timeout = next((arg.value for arg in value.args if arg.keyword is not None and arg.keyword.value == "timeout"),
                       None) if isinstance(value, cst.Call) else None
        if timeout is None:
            return None
        ms = self._timeout(timeout, line, CLIENT_PARAMS["timeout"])
        if ms is not None:
            self.converted(line, f"the HTTP client's timeout={code_of(timeout)} -> timeout_ms= (mistralai sends a "
                                 "timeout with every request, which overrides the client's)", "approximate")
        return ms

    # -- --target openai-compatible -----------------------------------------------------------------
    def _key_read(self) -> cst.BaseExpression:
        self.need_import("os")
        return cst.parse_expression(self.compat.key_code)

    def _compat_constructor(self, original: cst.Call, updated: cst.Call, qualified: str, line: int) -> cst.Call:
        """The OpenAI class stays; base_url and api_key point at the provider, every other option
        (timeout, max_retries, http_client, headers) keeps its meaning in the same SDK."""
        endpoint = self.compat
        problems = _shape_problems(updated, qualified, "may set base_url or api_key")
        if problems:
            self.todo(line, f"{code_of(original.func)}(...) left unchanged: " + "; ".join(problems))
            return updated
        url = cst.SimpleString(f'"{endpoint.base_url}"')
        new_args: list[cst.Arg] = []
        seen = set()
        for arg in updated.args:
            name = arg.keyword.value
            if name in ("organization", "project"):
                if not _is_none(arg.value):
                    self.todo(line, f"{name} dropped: OpenAI {name}s mean nothing to {endpoint.spec.name}")
                continue
            if name == "base_url":
                seen.add(name)
                if not (_is_none(arg.value) or string_value(arg.value) is not None or _is_env_read(arg.value)):
                    # `base_url=settings.OPENAI_BASE_URL` (an option, a setting): no longer read from here on
                    # (held-out review 7, D5: crowdin-helper's --openai-base-url was ignored without a word)
                    self.todo(line, f"base_url={code_of(arg.value)} replaced by {endpoint.spec.name}'s URL: that setting "
                                    "no longer steers this client; point its default at the provider and pass it "
                                    "back here if it should, or remove it")
                new_args.append(arg.with_changes(value=url))
            elif name == "api_key":
                seen.add(name)
                value = arg.value
                renamed = self.facts.view.key_names if self.facts.view is not None else frozenset()
                answer = self.answer_for(original) or ()
                source = answer[3] if len(answer) > 3 else ""
                if openai_secret(value) or (isinstance(value, cst.Name) and value.value not in renamed
                                             and _openai_secret_source(source)):
                    # an OpenAI secret written in the code: never sent to the provider (re-review of held-out 5)
                    shown = code_of(value) if isinstance(value, cst.Name) else "<the key>"
                    self.todo(line, f"api_key={shown} was an OpenAI secret written in the code: the "
                                    f"{endpoint.key_env} variable is read instead; delete the secret from the code and "
                                    "revoke it, it stays in the repository's history")
                    value = self._key_read()
                elif _is_env_read(value) and "OPENAI_API_KEY" not in code_of(value) and \
                        endpoint.key_env not in code_of(value) and "openai" in code_of(value).lower():
                    value = self._key_read()  # another OpenAI variable (OPENAI_KEY, ...): the provider's instead
                elif not ((_is_env_read(value) and endpoint.key_env in code_of(value))
                          or (isinstance(value, cst.Name) and value.value in renamed) or _is_none(value)):
                    # a key the caller passes (a parameter, a form field, a setting): keep it, say whose it is now
                    self.todo(line, f"api_key={code_of(value)} must now be {'an' if endpoint.spec.name[:1] in 'aeiou' else 'a'} {endpoint.spec.name} key (the "
                                    f"{endpoint.key_env} variable holds one): check where it comes from")
                new_args.append(arg.with_changes(value=value))
            else:
                new_args.append(arg)
        extra = []
        if "base_url" not in seen:
            extra.append(keyword_arg("base_url", url))
        if "api_key" not in seen:
            extra.append(keyword_arg("api_key", self._key_read()))
        new_args = finish_args(updated.args, extra + new_args, updated.whitespace_before_args)
        self.converted(line, f"{code_of(original.func)}(...) -> {endpoint.spec.name} at {endpoint.base_url} "
                             f"(key from {endpoint.key_env})")
        return updated.with_changes(args=new_args)

    def _compat_module_setting(self, original: cst.Assign, updated: cst.Assign, line: int) -> cst.Assign:
        target = original.targets[0].target
        setting = target.attr.value  # type: ignore[attr-defined]
        endpoint = self.compat
        if setting in ("base_url", "api_base"):
            value: cst.BaseExpression = cst.SimpleString(f'"{endpoint.module_base_url}"')
        elif setting == "api_key":
            if _is_env_read(updated.value) and endpoint.key_env in code_of(updated.value):
                return updated  # already the provider's variable (renamed above)
            if not (_is_env_read(updated.value) and "OPENAI_API_KEY" in code_of(updated.value)) and \
                    not openai_secret(updated.value):
                # the app's own value (`openai.api_key = settings.OPENAI_API_KEY`, a test's "dummy_key"): it stays,
                # read where the app reads it (held-out review 88, X2: os.environ[...] at import broke the tests'
                # collection without a key, and bypassed the app's config and its default)
                if not isinstance(updated.value, (cst.SimpleString, cst.ConcatenatedString)):
                    self.todo(line, f"{code_of(target)} = {code_of(updated.value)}: the calls now go to "
                                    f"{endpoint.spec.name}: make it hold a {endpoint.spec.name} key (the app's setting "
                                    f"for it, or {endpoint.key_env}), not an OpenAI one")
                return updated
            value = self._key_read()
        else:
            self.todo(line, f"{code_of(target)} configures OpenAI's module-level client: "
                            f"{MODULE_CLIENT_SETTINGS[setting].split(', and the converted calls', 1)[0]}; check it "
                            f"for {endpoint.spec.name}")
            return updated
        self.converted(line, f"{code_of(target)} -> {endpoint.spec.name}")
        return updated.with_changes(value=value)

    def _server_url(self, value: cst.BaseExpression, line: int, source: str = "") -> Optional[cst.BaseExpression]:
        if isinstance(value, cst.Call) and code_of(value.func) == "str" and len(value.args) == 1 and \
                value.args[0].keyword is None and not value.args[0].star:
            # `base_url=str(settings.openai_base_url)` (a pydantic HttpUrl made a string): what it holds is the
            # setting's (held-out review 157, X1: its default, OpenAI's URL, got only "must not end in /v1")
            inner = self._server_url(value.args[0].value, line, source or code_of(value.args[0].value))
            return None if inner is None else value.with_changes(args=[value.args[0].with_changes(value=inner)])
        held = re.fullmatch(r"""[\w.]+ = (['"])(https?://[^'"]+)\1""", source) if source else None
        if held is not None and _is_openai_url(held.group(2)) and isinstance(value, (cst.Name, cst.Attribute)):
            # an imported constant holding OpenAI's own URL (the plan read it there: held-out review 91, X4)
            self.converted(line, f"server_url={code_of(value)} dropped: it holds OpenAI's server ({held.group(2)}, "
                                 "set where it is imported from); the client uses Mistral's")
            return None
        if isinstance(value, cst.Name) and (value.value == "None" or source == f"{value.value} = None"):
            # `base_url=None`: OpenAI's default server, so Mistral's (held-out review 141, X1: server_url=None, with a
            # TODO saying it held what base_url held)
            self.converted(line, f"base_url={code_of(value)} dropped: None, OpenAI's default server; the client uses "
                                 "Mistral's")
            return None
        text = string_value(value)
        if text is not None:
            if _is_openai_url(text):
                return string_like(value, MISTRAL_SERVER)  # never send Mistral traffic to OpenAI's host
            try:
                return string_like(value, strip_v1(text))
            except Unmappable:
                pass
        if _is_env_read(value):
            variable = _env_variable(value)
            if variable is None or variable in BASE_URL_VARS or variable == SERVER_URL_ENV:
                return value  # OPENAI_BASE_URL was renamed to MISTRAL_SERVER_URL, which holds no /v1
            # `os.environ.get("OPENAI_PROXY_URL", "https://api.openai.com/v1")`, a variable of the app's own naming
            # (held-out review 62, Y31: its default, or the env file's value, sent the Mistral key to OpenAI's server
            # and Mistral's SDK added /v1 to a /v1 URL): OpenAI's URL as its default becomes Mistral's server
            default = value.args[1].value if isinstance(value, cst.Call) and len(value.args) > 1 else None
            if default is not None and string_value(default) is not None and _is_openai_url(string_value(default)):
                value = value.with_deep_changes(value.args[1], value=string_like(default, MISTRAL_SERVER))
            self.todo(line, f"server_url={code_of(value)}: {variable} gave OpenAI's client its base URL (OpenAI's "
                            "own, https://api.openai.com/v1, or another ending in /v1): set it to Mistral's server "
                            "(https://api.mistral.ai, no /v1) where it is deployed, or drop server_url (the client "
                            "then talks to Mistral's)")
            return value
        branches = {"body": string_value(value.body), "orelse": string_value(value.orelse)} \
            if isinstance(value, cst.IfExp) else {}
        openai_branch = next((name for name, text in branches.items() if text and _is_openai_url(text)), None)
        if openai_branch is not None:
            # `f"{HOST}/v1" if HOST else "https://api.openai.com/v1"` (held-out review 75, X4: the default run sent the
            # Mistral key to OpenAI's server): OpenAI's URL becomes Mistral's; the other branch is the app's server
            other = value.orelse if openai_branch == "body" else value.body
            value = value.with_changes(**{openai_branch: string_like(getattr(value, openai_branch), MISTRAL_SERVER)})
            self.converted(line, f"server_url: OpenAI's URL ({branches[openai_branch]}) -> {MISTRAL_SERVER}",
                           "approximate")
            self.todo(line, f"server_url={code_of(value)}: where {code_of(other)} is taken, it must be a server of "
                            "Mistral's API, without /v1 (Mistral's paths start with /v1: a base URL ending in /v1 "
                            "doubles it)")
            return value
        if isinstance(value, cst.Name) and (value.value in self._fed_names or self.facts.view is not None and
                                             value.value in self.facts.view.key_names):
            # set from MISTRAL_SERVER_URL (renamed above, or in the settings module it is imported from: held-out
            # review 46, C3), its OpenAI fallback replaced
            return value
        param = self._openai_url_default(value)
        if param is not None:
            # `def make_client(key, base_url: str = "https://api.openai.com/v1")` (held-out review 80, X1: the default
            # call sent the Mistral key to api.openai.com/v1/v1): the default becomes Mistral's server
            remapped = self.__dict__.setdefault("_remapped_defaults", {})
            remapped.setdefault(id(self._function_nodes[-1]), set()).add(param)
            self.converted(line, f"server_url={param}: the parameter's default, OpenAI's URL -> {MISTRAL_SERVER}",
                           "approximate")
            self.todo(line, f"server_url={param}: a caller passing {param} must pass a server of Mistral's API "
                            f"({MISTRAL_SERVER}, no /v1), not OpenAI's base URL; its default is Mistral's now")
            return value
        bound = self._module_values().get(value.value) if isinstance(value, cst.Name) else None
        default = bound.args[1].value if isinstance(bound, cst.Call) and _is_env_read(bound) and \
            len(bound.args) > 1 else None
        if default is not None and _is_openai_url(string_value(default) or ""):
            # `BASE_URL = os.getenv("LLM_BASE_URL", "https://api.openai.com/v1")` then `OpenAI(base_url=BASE_URL)`
            # (held-out review 86, Y2: the default run sent the Mistral key to api.openai.com/v1/v1): as the read
            # written in the call does, the default becomes Mistral's server, where this client is the name's only
            # reader
            variable = _env_variable(bound)
            if self._module_reads(value.value) == 1:
                self.__dict__.setdefault("_remapped_names", {})[value.value] = bound
                self.converted(line, f"server_url={value.value}: its default, OpenAI's URL -> {MISTRAL_SERVER}",
                               "approximate")
                self.todo(line, f"server_url={value.value}: {value.value} reads {variable}, which gave OpenAI's client "
                                "its base URL; its default, OpenAI's URL, is Mistral's server now: where "
                                f"{variable} is set, set it to Mistral's server ({MISTRAL_SERVER}, no /v1), or drop "
                                "server_url")
            else:
                self.todo(line, f"server_url={value.value}: {value.value} = {code_of(bound)} defaults to OpenAI's URL, "
                                "so the Mistral key goes to OpenAI's server where "
                                f"{variable} is not set: give this client Mistral's server ({MISTRAL_SERVER}, no /v1) "
                                "or drop server_url")
            return value
        keyed = self._keyed_module_string(value)
        if keyed is not None and _is_openai_url(keyed):
            # `ENDPOINTS["openai"]` of a module dict naming OpenAI's URL there (held-out review 91, Y1): as a name
            # bound to it, dropped
            self.converted(line, f"server_url={code_of(value)} dropped: it names OpenAI's server ({keyed}); the "
                                 "client uses Mistral's")
            return None
        if bound is not None and string_value(bound) is not None and _is_openai_url(string_value(bound)):
            # `endpoint_url = "https://api.openai.com/v1"` (held-out review 4): as server_url it sent every
            # request, with the Mistral key, to OpenAI; Mistral's own server is the client's default
            self.converted(line, f"server_url={value.value} dropped: it names OpenAI's server "
                                 f"({string_value(bound)}); the client uses Mistral's")
            return None
        if isinstance(value, (cst.Name, cst.Attribute, cst.Subscript)) and bound is None or \
                self._may_name_openai(value):  # (a subscript: `conf["openai"]["base-url"]`, held-out review 91, Y1)
            # `from config import OPENAI_BASE_URL`, `settings.openai_base_url` (held-out review 7, D4): its
            # default is often OpenAI's own URL, and then the Mistral key went to api.openai.com/v1/v1; also as
            # an operand (`base_url or settings.openai_base_url`: held-out review 28, G4)
            # (None is no problem: Mistral(server_url=None) talks to Mistral; held-out review 55, U6)
            named = re.search(r"\b[\w.]*\.(?:openai_base_url|openai_api_base|OPENAI_BASE_URL|OPENAI_API_BASE)\b",
                              source)
            if named:  # `self.base_url = base_url or settings.openai_base_url` (held-out review 57, Y4)
                shared = ", which clients kept on OpenAI may read too" if self._keeps_openai_clients() else ""
                self.todo(line, f"server_url={code_of(value)} comes from {named.group(0)}, OpenAI's base URL "
                                f"setting{shared}: where it holds OpenAI's URL (https://api.openai.com/v1, as env "
                                "files often set it), the Mistral key goes to OpenAI's server; drop server_url "
                                "(the client then talks to Mistral's) or give this client a setting of its own "
                                f"holding Mistral's server ({MISTRAL_SERVER}: no /v1, the mistralai SDK adds it; "
                                "OpenAI's https://api.openai.com/v1 there makes every call .../v1/v1/...)")
                return value
            self.todo(line, f"server_url={code_of(value)} holds what OpenAI's base_url held: where it holds OpenAI's "
                            "URL (a default of https://api.openai.com/v1, say), the Mistral key goes to OpenAI's "
                            "server; point it at Mistral's (https://api.mistral.ai, no /v1) or drop server_url")
            return value
        self.todo(line, "server_url must not end in /v1 (OpenAI's base_url did): check the value")
        return value

    def _keyed_module_string(self, value: cst.BaseExpression) -> Optional[str]:
        """The string under the keys of ``value``, a subscript chain on a module-level dict display (``ENDPOINTS[
        "openai"]``, ``CONF["openai"]["base-url"]``), else None."""
        keys = []
        while isinstance(value, cst.Subscript) and len(value.slice) == 1 and \
                isinstance(value.slice[0].slice, cst.Index) and string_value(value.slice[0].slice.value) is not None:
            keys.append(string_value(value.slice[0].slice.value))
            value = value.value
        node = self._module_values().get(value.value) if keys and isinstance(value, cst.Name) else None
        for key in reversed(keys):
            if not isinstance(node, cst.Dict):
                return None
            node = next((e.value for e in node.elements if isinstance(e, cst.DictElement) and
                         string_value(e.key) == key), None)
        return string_value(node) if node is not None else None

    def _may_name_openai(self, value: cst.BaseExpression) -> bool:
        """An operand of ``a or b`` / ``a if c else b`` is OpenAI's URL, or a name or setting that may hold it."""
        if isinstance(value, cst.BooleanOperation):
            return self._may_name_openai(value.left) or self._may_name_openai(value.right)
        if isinstance(value, cst.IfExp):
            return self._may_name_openai(value.body) or self._may_name_openai(value.orelse)
        text = string_value(value)
        if text is not None:
            return _is_openai_url(text)
        if isinstance(value, cst.Name):
            bound = self._module_values().get(value.value)
            return bound is None and value.value not in self._fed_names or \
                bound is not None and _is_openai_url(string_value(bound) or "")
        return isinstance(value, cst.Attribute)

    def _timeout(self, value: cst.BaseExpression, line: int, rule) -> Optional[cst.BaseExpression]:
        try:
            return cst.Integer(str(rule.xform.runtime(literal(value))))
        except (ValueError, SyntaxError, Unmappable):
            pass
        if timeout_object(value):  # httpx Timeout(...): several phases (api-mapping §1.2: int(t.read * 1000))
            seconds = read_timeout(value)
            if seconds is UNKNOWN_TIMEOUT:
                self.todo(line, f"timeout object: {TIMEOUT_PHASES}; set timeout_ms from it by hand")
                return None
            self.todo(line, f"timeout object: {TIMEOUT_PHASES}" + ("" if seconds is not None else
                            f" (none here: {NO_READ_TIMEOUT})"))
            return cst.Integer(str(int(seconds * 1000))) if seconds is not None else None
        if isinstance(value, cst.Name):
            bound = self._module_values().get(value.value)
            if bound is not None and timeout_object(bound):
                self.todo(line, f"timeout={value.value} is a timeout object: {TIMEOUT_PHASES}")
                name = value.value  # read at run time: the name may be rebound (its read timeout may be None)
                return cst.parse_expression(f"None if {name}.read is None else int({name}.read * 1000)")
        elif self.facts.qualify(dotted(value)) == "openai.DEFAULT_TIMEOUT":
            return cst.Integer(str(OPENAI_DEFAULT_TIMEOUT_MS))  # OpenAI's default Timeout (Mistral's is shorter)
        if isinstance(value, cst.Name) and _numeric(self._module_values().get(value.value)):
            return xform_code(rule.xform.code, value)  # `TIMEOUT = 30`, `SECONDS = 2.5 * 60`: a number
        return seconds_to_ms_code(value, rule.xform.code, self.facts.names_in_use)

    def _module_reads(self, name: str) -> int:
        """How many times the module reads ``name`` (any scope)."""
        import libcst.matchers as m

        module = getattr(self, "_module_node", None)
        return len(m.findall(module, m.Name(name))) - 1 if module is not None else 0  # (less its binding)

    def _module_values(self) -> dict:
        """Names the module binds once, at its top level, to the value they hold (``TIMEOUT = 30``)."""
        found = self.__dict__.get("_values_cache")
        if found is None:
            found, seen = {}, set()
            module = getattr(self, "_module_node", None)
            for statement in getattr(module, "body", ()):
                for small in getattr(statement, "body", ()) if isinstance(statement, cst.SimpleStatementLine) else ():
                    if isinstance(small, cst.Assign) and len(small.targets) == 1 and \
                            isinstance(small.targets[0].target, cst.Name):
                        name = small.targets[0].target.value
                        found[name] = None if name in seen else small.value
                        seen.add(name)
            found = self.__dict__["_values_cache"] = {k: v for k, v in found.items() if v is not None}
        return found

    def _unit(self) -> str:
        """The indentation unit a laid-out constructor uses: the file's (tabs too); in a notebook, the cell's own (the
        first indented line of the cell being converted, 4 spaces where it has none): a notebook read as one module
        took its unit from another cell's 8-space block (held-out review 128, Y9)."""
        module = getattr(self, "_module_node", None)
        if module is None or "\t" in self._indent or self._indent == "    ":
            return self._indent
        lines = self.__dict__.get("_module_lines")
        if lines is None:
            lines = self.__dict__["_module_lines"] = code_of(module).splitlines()
        if not any(CELL_LINE.match(text) for text in lines):
            return self._indent
        at = min(max(self.current_line() - 1, 0), len(lines) - 1)
        start = next((i for i in range(at, -1, -1) if CELL_LINE.match(lines[i])), 0)
        end = next((i for i in range(at + 1, len(lines)) if CELL_LINE.match(lines[i])), len(lines))
        indented = next((text for text in lines[start:end] if text.strip() and text[:1] in " \t"), None)
        return indented[:len(indented) - len(indented.lstrip())] if indented is not None else "    "

    def visit_Module(self, node: cst.Module) -> None:
        self._module_node = node
        self._indent = node.default_indent  # a laid-out constructor indents as the file does (tabs)
        # constructors the plan converts here with OpenAI's default retries: two or more share one
        # module-level RetryConfig (one with max_retries= has a RetryConfig of its own: review R3)
        self._converting = self.facts.default_retry_ctors
        self._hoisted: Optional[str] = None  # the shared RetryConfig's code, once a constructor uses it
        # only in a module that imports openai at its top level unguarded: where openai is imported inside functions
        # or a try (an optional dependency), a module-level RetryConfig would need mistralai at import time. In a
        # notebook, in the cell of its first openai import (held-out review 95, Y10: 36 cells of a course notebook
        # each got the 7-line block)
        self._hoistable = _imports_openai_at_top(node)
        self._notebook = any(_starts_cell(statement) for statement in node.body) or any(
            line.comment is not None and line.comment.value.startswith("# migrator-ipython-") for line in node.header)
        # a notebook's cells after the first openai import's that import openai themselves (to run on their own: a
        # review of oreilly_live_training's notebooks): numbered as bisect finds a line among the cell starts
        self._cell_starts: list = []
        self._self_contained: frozenset = frozenset()
        if self._notebook:
            from migrator.engine.notebooks import cell_starts

            self._cell_starts = list(cell_starts(node.code))  # (a notebook's module only: its code printed once)
            cells = [bisect.bisect_right(self._cell_starts, statement.lineno) for statement in self.facts.tree.body
                     if isinstance(statement, (ast.Import, ast.ImportFrom)) and _names_openai(statement)]
            self._self_contained = frozenset(cells[1:]) - {cells[0]} if cells else frozenset()
            self._import_cells = sorted(set(cells))
            self._converting -= sum(self._in_own_section(line)
                                    for line in self.facts.sites.get(CTOR, ()))  # (they keep their own)
        # `MISTRAL_RETRY_CONFIG = RetryConfig(...)` already there (a module an earlier run converted): reused
        self._reused = any(isinstance(statement, cst.SimpleStatementLine) and any(
            isinstance(small, cst.Assign) and any(isinstance(t.target, cst.Name) and t.target.value ==
                                                  SHARED_RETRY_CONFIG for t in small.targets)
            for small in statement.body) for statement in node.body)

    def _retries(self, value: cst.BaseExpression, line: int) -> Optional[cst.BaseExpression]:
        rule = CLIENT_PARAMS["max_retries"]
        try:
            count = literal(value)
            rule.xform.runtime(count)
        except DropValue:
            return None
        except (ValueError, SyntaxError, Unmappable):
            # a name or expression: no retries when it is 0, as with OpenAI; the budget is a guess
            self.todo(line, f"max_retries={code_of(value)}: Mistral retries by elapsed time; max_elapsed_time is "
                            f"set for OpenAI's default of {OPENAI_DEFAULT_RETRIES} retries: adjust it to the value")
            text = code_of(value)
            return cst.parse_expression(self.retry_config_code(text if isinstance(value, cst.Name) else f"({text})"))
        return cst.parse_expression(self.retry_config_code(count))


def _reads_name(node: cst.CSTNode, name: str) -> bool:
    """Does ``node`` contain the name ``name``?"""
    class _Find(cst.CSTVisitor):
        found = False

        def visit_Name(self, candidate: cst.Name) -> None:
            if candidate.value == name:
                self.found = True

    finder = _Find()
    node.visit(finder)
    return finder.found


def _after_leading_imports(body) -> int:
    """The index of the module's first statement after its docstring and leading imports (a ``sys.path.append(...)``
    among them counts as one of them: the imports after it need it; held-out review 116, Y2, the retry constant went
    between the path line and the import it serves)."""
    end = len(body)
    for index, statement in enumerate(body):
        if isinstance(statement, cst.SimpleStatementLine) and all(
                isinstance(small, (cst.Import, cst.ImportFrom)) or (
                    index == 0 and isinstance(small, cst.Expr) and isinstance(small.value, cst.SimpleString))
                for small in statement.body):
            continue
        if _path_hack(statement) and any(
                isinstance(later, cst.SimpleStatementLine) and
                any(isinstance(small, (cst.Import, cst.ImportFrom)) for small in later.body)
                for later in body[index + 1:index + 4]):
            continue
        end = index
        break
    return end


def _path_hack(statement) -> bool:
    """``sys.path.append(...)`` / ``sys.path.insert(...)`` as a statement."""
    return isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 and \
        isinstance(statement.body[0], cst.Expr) and isinstance(statement.body[0].value, cst.Call) and \
        (dotted(statement.body[0].value.func) or "").startswith("sys.path.")


def _first_openai_import(body) -> int:
    """The index of the module's first top-level ``import openai`` / ``from openai import ...``, else -1."""
    for index, statement in enumerate(body):
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if isinstance(small, cst.Import) and any((dotted(alias.name) or "").split(".")[0] == "openai"
                                                     for alias in small.names):
                return index
            if isinstance(small, cst.ImportFrom) and not small.relative and small.module is not None and \
                    (dotted(small.module) or "").split(".")[0] == "openai":
                return index
    return -1


def _env_key_read(value: cst.BaseExpression) -> bool:
    """``os.getenv("OPENAI_API_KEY")`` / ``os.environ.get("OPENAI_API_KEY")`` with no default: None when unset, as if
    no key were given (OpenAI() then raises)."""
    return bool(re.fullmatch(r"""os\.(?:getenv|environ\.get)\(\s*["']OPENAI_API_KEY["']\s*\)""", code_of(value)))


# a key literal that is a placeholder to fill in: empty, "PASTE-YOUR-KEY-HERE", "<your key>", "xxx"
_PLACEHOLDER_KEY = re.compile(r"^\s*$|your|paste|here|insert|replace|placeholder|changeme|<|xxx", re.IGNORECASE)


def _names_openai(statement) -> bool:
    """``import openai`` / ``from openai import ...`` (an ast statement)."""
    if isinstance(statement, ast.Import):
        return any(alias.name.split(".")[0] == "openai" for alias in statement.names)
    return not statement.level and (statement.module or "").split(".")[0] == "openai"


def _imports_only(statement) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and all(
        isinstance(small, (cst.Import, cst.ImportFrom)) for small in statement.body)


def _starts_cell(statement) -> bool:
    """Is ``statement`` the first of a notebook cell (the module of a notebook: migrator.engine.notebooks; not a
    masked IPython line inside a cell)?"""
    from migrator.engine.notebooks import CELL_LINE

    return any(line.comment is not None and CELL_LINE.match(line.comment.value)
               for line in getattr(statement, "leading_lines", ()))


def _imports_openai_at_top(module: cst.Module) -> bool:
    """``import openai`` / ``from openai import ...`` as a statement of the module's own body."""
    return _first_openai_import(module.body) >= 0


def _replace_client_class(node: cst.BaseExpression, facts) -> cst.BaseExpression:
    qualified = facts.qualify(dotted(node))
    if qualified in CLIENT_CLASSES:
        return cst.Name(MISTRAL_CLIENT[1])
    if isinstance(node, cst.SimpleString) and isinstance(node.evaluated_value, str) and node.prefix == "":
        # a forward reference (`client: "AsyncOpenAI"`): its import goes, so the string must follow (review 13)
        try:
            inner = cst.parse_expression(node.evaluated_value)
        except cst.ParserSyntaxError:
            return node
        new = _replace_client_class(inner, facts)
        if new is inner:
            return node
        text = cst.Module(body=[]).code_for_node(new)
        quote = node.quote
        return node if quote in text else node.with_changes(value=f"{quote}{text}{quote}")
    if isinstance(node, cst.Subscript) and dotted(node.value) in ("Optional", "typing.Optional"):
        elements = list(node.slice)
        if len(elements) == 1 and isinstance(elements[0].slice, cst.Index):
            inner = _replace_client_class(elements[0].slice.value, facts)
            if inner is not elements[0].slice.value:
                index = elements[0].slice.with_changes(value=inner)
                return node.with_changes(slice=[elements[0].with_changes(slice=index)])
    if isinstance(node, cst.Subscript) and dotted(node.value) in ("Union", "typing.Union") and \
            all(isinstance(element.slice, cst.Index) for element in node.slice):  # Union[AsyncOpenAI, None] (G2)
        elements = [element.with_changes(slice=element.slice.with_changes(
            value=_replace_client_class(element.slice.value, facts))) for element in node.slice]
        if any(new.slice.value is not old.slice.value for new, old in zip(elements, node.slice)):
            return node.with_changes(slice=elements)
    if isinstance(node, cst.Subscript) and dotted(node.value) in ANNOTATED and node.slice and \
            isinstance(node.slice[0].slice, cst.Index):  # Annotated[OpenAI, Depends(get_client)]
        first = node.slice[0]
        inner = _replace_client_class(first.slice.value, facts)
        if inner is not first.slice.value:
            return node.with_changes(slice=[first.with_changes(slice=first.slice.with_changes(value=inner)),
                                            *node.slice[1:]])
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.BitOr):
        left = _replace_client_class(node.left, facts)
        right = _replace_client_class(node.right, facts)
        if left is not node.left or right is not node.right:
            return node.with_changes(left=left, right=right)
    return node


def _shape_problems(call: cst.Call, qualified: str, splat_risk: str) -> list[str]:
    """Why a constructor cannot be rewritten by keyword: Azure's classes, ``**kwargs``, positionals."""
    if qualified in MANUAL_CLIENT_CLASSES:
        return [MANUAL_CLIENT_CLASSES[qualified]]
    problems = []
    for arg in call.args:
        if arg.star == "**":
            problems.append(f"**{code_of(arg.value)} {splat_risk}; convert by hand")
        elif arg.keyword is None:
            problems.append("positional arguments; pass keywords and convert by hand")
    return problems


def openai_secret(node: cst.BaseExpression) -> bool:
    """``"sk-proj-..."``: an OpenAI API key written in the code."""
    return isinstance(node, cst.SimpleString) and is_openai_secret(node.evaluated_value)


def _openai_secret_source(source: str) -> bool:
    """What a name passed as api_key= was assigned (the plan's expansion) is such a string literal."""
    return bool(source) and OPENAI_SECRET.search(source) is not None


def _is_none(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"


def _is_openai_url(text: str) -> bool:
    return text.rstrip("/").split("://", 1)[-1].split("/", 1)[0].lower() == OPENAI_HOST


def _numeric(node: Optional[cst.CSTNode]) -> bool:
    """A number written out: ``30``, ``2.5 * 60``, ``-1``."""
    if isinstance(node, (cst.Integer, cst.Float)):
        return True
    if isinstance(node, cst.BinaryOperation):
        return _numeric(node.left) and _numeric(node.right)
    return isinstance(node, cst.UnaryOperation) and _numeric(node.expression)


def env_membership_key(node: cst.CSTNode) -> Optional[str]:
    """LibCST twin of ``codemods._facts.env_membership_key``: ``"OPENAI_API_KEY" in os.environ``."""
    if not (isinstance(node, cst.Comparison) and len(node.comparisons) == 1 and
            isinstance(node.comparisons[0].operator, (cst.In, cst.NotIn))):
        return None
    target = dotted(node.comparisons[0].comparator)
    key = string_value(node.left)
    return key if key in ENV_VARS and target and (target == "environ" or target.endswith(".environ")) else None


def _env_subscript_key(node: cst.Subscript) -> Optional[str]:
    target = dotted(node.value)
    if not target or not (target == "environ" or target.endswith(".environ")) or len(node.slice) != 1:
        return None
    index = node.slice[0].slice
    if isinstance(index, cst.Index):
        key = string_value(index.value)
        if key in ENV_VARS:
            return key
    return None


def _key_guard(statement: cst.CSTNode, line: cst.SimpleStatementLine) -> Optional[cst.If]:
    """``if os.getenv("OPENAI_API_KEY"):`` whose whole body is ``line`` (the key setting), with no ``else``:
    the guard goes with it (re-review 43, W7: the read in it was renamed, handing OpenAI's setting the Mistral
    key)."""
    if isinstance(statement, cst.If) and statement.orelse is None and isinstance(statement.body, cst.IndentedBlock) \
            and len(statement.body.body) == 1 and statement.body.body[0] is line and \
            _is_env_read(statement.test) and "OPENAI_API_KEY" in code_of(statement.test):
        return statement
    return None


def _env_call_key(node: cst.Call) -> Optional[str]:
    target = dotted(node.func)
    if not target or not node.args or node.args[0].keyword is not None or node.args[0].star:
        return None
    if any(target == g or target.endswith("." + g) for g in ENV_GETTERS) or target in ENV_SETTERS:
        key = string_value(node.args[0].value)
        if key in ENV_VARS:
            return key
    return None


class _ToHttpx2(cst.CSTTransformer):
    """``httpx.X`` -> ``httpx2.X`` in an httpx client's construction (httpx2 continues httpx's API)."""

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.Attribute:
        if isinstance(updated.value, cst.Name) and updated.value.value == "httpx":
            return updated.with_changes(value=cst.Name("httpx2"))
        return updated


class _RemappedDefaults(cst.CSTTransformer):
    """``NAME = os.getenv("X", "https://api.openai.com/v1")`` at the module's top level -> Mistral's server as its
    default, for the names (-> their original value) a converted client reads as its server_url."""

    def __init__(self, names: dict) -> None:
        super().__init__()
        self.names = names

    def leave_Assign(self, original: cst.Assign, updated: cst.Assign) -> cst.Assign:
        target = updated.targets[0].target if len(updated.targets) == 1 else None
        bound = self.names.get(target.value) if isinstance(target, cst.Name) else None
        if bound is None or not isinstance(updated.value, cst.Call) or not updated.value.deep_equals(bound):
            return updated
        default = updated.value.args[1].value
        return updated.with_deep_changes(updated.value.args[1], value=string_like(default, MISTRAL_SERVER))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False  # (module level only)

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False


def _env_variable(node: cst.BaseExpression) -> Optional[str]:
    """``X`` of ``os.environ["X"]`` / ``os.getenv("X", ...)`` (an environment read), else None."""
    if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
        return string_value(node.slice[0].slice.value)
    if isinstance(node, cst.Call) and node.args:
        return string_value(node.args[0].value)
    return None


def _module_client_line(node: cst.CSTNode) -> bool:
    """``mistral_client = Mistral(...)`` alone on its line (the module's client a key setting became)."""
    return isinstance(node, cst.SimpleStatementLine) and len(node.body) == 1 and type(node.body[0]) is cst.Assign \
        and isinstance(node.body[0].value, cst.Call) and code_of(node.body[0].value.func) == MISTRAL_CLIENT[1] \
        and [code_of(t.target) for t in node.body[0].targets] == [MODULE_CLIENT_NAME]


def _proxy_url(value: cst.BaseExpression, module_values: dict) -> Optional[cst.BaseExpression]:
    """The URL an ``openai.proxy = <value>`` gives every request: a string, an f-string, an environment read, a name
    bound once at the top level to one of those, or the same one for ``{"http": ..., "https": ...}``; else None
    (a dict of two proxies, a value migrator cannot see)."""
    if isinstance(value, cst.Dict):
        keys = [string_value(e.key) if isinstance(e, cst.DictElement) else None for e in value.elements]
        values = {code_of(e.value) for e in value.elements if isinstance(e, cst.DictElement)}
        if sorted(keys, key=str) != ["http", "https"] or len(values) != 1:
            return None
        return _proxy_url(value.elements[0].value, module_values)
    if isinstance(value, cst.Name):
        bound = module_values.get(value.value)
        url = _proxy_url(bound, {}) if bound is not None else None
        return url if isinstance(bound, cst.Dict) else value if url is not None else None  # (the dict's one URL)
    if isinstance(value, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)) or _is_env_read(value):
        return value
    return None


def _read_names(value: cst.BaseExpression) -> list:
    """The names an expression reads (not attribute names)."""
    import libcst.matchers as m

    attrs = {id(a.attr) for a in m.findall(value, m.Attribute())}
    return [n for n in m.findall(value, m.Name()) if id(n) not in attrs]


def _top_bindings(body) -> set:
    """The names top-level statements bind (imports, assignments, functions, classes)."""
    names: set = set()
    for node in body:
        if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
            names.add(node.name.value)
        for small in getattr(node, "body", ()) if isinstance(node, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.Import):
                names.update((code_of(a.asname.name) if a.asname else code_of(a.name).split(".")[0])
                             for a in small.names)
            elif isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
                names.update(code_of(a.asname.name) if a.asname else code_of(a.name) for a in small.names)
            elif isinstance(small, cst.Assign):
                names.update(n.value for t in small.targets for n in _read_names(t.target))
            elif isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                names.add(small.target.value)
    return names


def _is_env_read(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.Subscript):
        target = dotted(node.value)
        return bool(target) and target.endswith("environ")
    if isinstance(node, cst.Call):
        target = dotted(node.func)
        return bool(target) and any(target == g or target.endswith("." + g) for g in ENV_GETTERS)
    return False


def _normal(code: str) -> str:
    """``code`` (an expression) as ast writes it: the same expression however it is spaced."""
    import ast

    try:
        return ast.unparse(ast.parse(code.strip(), mode="eval"))
    except SyntaxError:
        return code.strip()


def _tested(node: cst.CSTNode) -> list:
    """The names and ``self.<attr>`` reads in a test, as written."""
    import libcst.matchers as m

    return [n.value for n in _names_in(node)] + [code_of(a) for a in m.findall(node, m.Attribute(value=m.Name("self")))]


def _names_in(node: cst.CSTNode) -> list:
    import libcst.matchers as m

    return m.findall(node, m.Name())


def secret_key_todo(secret: cst.BaseExpression, keyword: str = "api_key=") -> str:
    """The TODO beside ``api_key=st.secrets["MISTRAL_API_KEY"]`` / Colab's ``userdata.get("MISTRAL_API_KEY")``
    (``_streamlit_key``'s rewrite; ``keyword`` "": the secret copied to the environment)."""
    colab = isinstance(secret, cst.Call) and isinstance(secret.func, cst.Attribute) and \
        dotted(secret.func.value) in COLAB_SECRETS
    where = "the notebook's secrets (Colab's Secrets panel)" if colab else \
        "the app's secrets (.streamlit/secrets.toml, the Streamlit Cloud settings)"
    return f"{keyword}{code_of(secret)}: add {_secret_name(secret)} (a Mistral key) to {where}"


# A trailing comment showing OpenAI code (`# or hardcode: openai.api_key = "sk-..."`)
_OPENAI_CODE_COMMENT = re.compile(r"\bopenai\.\w+\s*=|[\"']sk-")
# A trailing comment calling the value OpenAI's key (`# your OpenAI api key`), and the word in it
_OPENAI_KEY_COMMENT = re.compile(r"(?i)\bopen ?ai\b[^#]*\b(?:api[ _-]?)?key\b")
_OPENAI_WORD = re.compile(r"(?i)\bopen ?ai\b")
# A trailing comment that is more than a description of its line: a note to act on, or a tool's pragma
_NOTE_COMMENT = re.compile(r"(?i)\b(?:todo|fixme|xxx|hack|noqa|pragma|pylint|type:|fmt:|nosec|migrator)\b")


def _secret_name(value: cst.BaseExpression) -> str:
    """The secret ``st.secrets[...]`` / ``st.secrets.get(...)`` / ``st.secrets.NAME`` reads (``_streamlit_key``'s)."""
    if isinstance(value, cst.Attribute):
        return value.attr.value
    found = re.search(r"""["']([^"']+)["']""", code_of(value))
    return found.group(1) if found else "MISTRAL_API_KEY"


def _typed_in(source: str) -> bool:
    """Is ``source`` (what a name was assigned) a key typed in at run time (``st.text_input(...)``, ``getpass(...)``)?"""
    typed = re.search(r"([\w.]+)\(", source)
    return typed is not None and typed.group(1).rsplit(".", 1)[-1] in RUNTIME_KEY_CALLS


def _sk_literal(value: cst.BaseExpression) -> bool:
    """A string literal starting with ``sk-``, or naming OpenAI's key page (``"<https://platform.openai.com/account/
    api-keys>"``, a notebook's placeholder: held-out review 76, Y7): an OpenAI key or its placeholder, never a Mistral
    key."""
    text = value.evaluated_value if isinstance(value, cst.SimpleString) else None
    return isinstance(text, str) and (text.startswith("sk-") or OPENAI_KEYS_PAGE.search(text) is not None)



def _placeholder_literal(value: cst.BaseExpression) -> bool:
    """A string literal standing in for a key (``"your_openai_api_key"``, ``""``): held-out review 159, Y3, handed to
    ``Mistral(api_key=...)`` it was sent as the key (a 401), or failed as an empty bearer header."""
    text = value.evaluated_value if isinstance(value, cst.SimpleString) else None
    return isinstance(text, str) and _PLACEHOLDER_KEY.search(text) is not None


def _mistral_secret(name: str) -> str:
    """The Mistral secret's name for OpenAI's, in its case (``openai_api_key`` -> ``mistral_api_key``: held-out review
    68, Y6)."""
    return "MISTRAL_API_KEY" if name.isupper() else "mistral_api_key" if name.islower() else \
        "Mistral" + name[len("openai"):]


def _secret_reads(code: str, name: str) -> bool:
    """Does ``code`` read Streamlit's / Colab's secret ``name`` (``st.secrets["name"]``, ``.get("name")``,
    ``st.secrets.name``, ``userdata.get("name")``)?"""
    return re.search(rf"""(?:secrets\s*\[\s*|(?:secrets|userdata)\.get\(\s*)["']{re.escape(name)}["']"""
                     rf"""|secrets\.{re.escape(name)}\b""", code) is not None


# A comment naming OpenAI above an OpenAI key setting MIG101 removes ("# read the OpenAI API key"): it goes with the
# setting, as it would mislead above the next statement; one saying no more than "the key" stays (held-out review 47,
# F6: "# ! Do not forget to set the environment variable !")
_ABOUT_THE_KEY = re.compile(r"(?i)\bopen[ _-]?ai\b")


class _SecretGates(cst.CSTTransformer):
    """``"openai_api_key" in st.secrets`` (``not in``) -> the Mistral secret's name, for the names in ``names``."""

    def __init__(self, names: dict) -> None:
        super().__init__()
        self.names = names

    def _gate(self, node: cst.Comparison) -> Optional[str]:
        """The secret's name ``node`` checks for (``"openai_api_key" in st.secrets``) where it is one of ours."""
        if isinstance(node.left, cst.SimpleString) and node.left.evaluated_value in self.names and \
                len(node.comparisons) == 1 and isinstance(node.comparisons[0].operator, (cst.In, cst.NotIn)) and \
                dotted(node.comparisons[0].comparator) in STREAMLIT_SECRETS:
            return str(node.left.evaluated_value)
        return None

    def leave_Comparison(self, original: cst.Comparison, updated: cst.Comparison) -> cst.BaseExpression:
        name = self._gate(updated)
        if name is None:
            return updated
        return updated.with_changes(left=string_like(updated.left, self.names[name]))

    def leave_If(self, original: cst.If, updated: cst.If) -> cst.If:
        """The gate's own message (``st.error("Add openai_api_key to .streamlit/secrets.toml")``) names the secret
        it now checks for (held-out review 74, Y5: the user added the old one, and the app stopped)."""
        gated = [name for node in walk_cst(original.test) if isinstance(node, cst.Comparison)
                 and (name := self._gate(node)) is not None]
        if not gated:
            return updated
        # (`if "OPENAI_API_KEY" in st.secrets: ... else: st.error("Please add OPENAI_API_KEY.")`: the else's message
        # too; held-out review 113, X4)
        text = _MessageText(gated[0], self.names[gated[0]])
        orelse = updated.orelse.visit(text) if updated.orelse is not None else None
        return updated.with_changes(body=updated.body.visit(text), orelse=orelse)


class _MessageText(cst.CSTTransformer):
    """A secret's name -> its new one in the strings shown to the user (``st.error(...)``, ``print(...)``)."""

    def __init__(self, old: str, new: str) -> None:
        super().__init__()
        self.pattern, self.new = re.compile(rf"\b{re.escape(old)}\b"), new

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        called = (dotted(original.func) or "").rsplit(".", 1)[-1]
        if called not in MESSAGE_CALLS:
            return updated
        args = [arg.with_changes(value=arg.value.with_changes(value=self.pattern.sub(self.new, arg.value.value)))
                if isinstance(arg.value, cst.SimpleString) else arg for arg in updated.args]
        return updated.with_changes(args=args)


def _streamlit_key(value: cst.BaseExpression) -> Optional[cst.BaseExpression]:
    """``st.secrets["OPENAI_API_KEY"]`` / ``st.secrets.get("OPENAI_API_KEY")`` with MISTRAL_API_KEY read instead, else
    None."""
    def renamed(key: cst.SimpleString) -> Optional[cst.SimpleString]:
        name = key.evaluated_value
        if not isinstance(name, str) or name.upper() != "OPENAI_API_KEY":
            return None
        return string_like(key, _mistral_secret(name))

    if isinstance(value, cst.Subscript) and dotted(value.value) in STREAMLIT_SECRETS and len(value.slice) == 1 and \
            isinstance(value.slice[0].slice, cst.Index) and isinstance(value.slice[0].slice.value, cst.SimpleString) \
            and (new := renamed(value.slice[0].slice.value)) is not None:
        return value.with_changes(slice=[value.slice[0].with_changes(slice=cst.Index(new))])
    if isinstance(value, cst.Attribute) and dotted(value.value) in STREAMLIT_SECRETS and \
            value.attr.value.upper() == "OPENAI_API_KEY":
        # `st.secrets.OPENAI_API_KEY`: the attribute form of the same secret (held-out review 72, Y1)
        return value.with_changes(attr=cst.Name(_mistral_secret(value.attr.value)))
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and value.func.attr.value == "get" and \
            dotted(value.func.value) in (*STREAMLIT_SECRETS, *COLAB_SECRETS) and value.args and \
            isinstance(value.args[0].value, cst.SimpleString) and (new := renamed(value.args[0].value)) is not None:
        return value.with_changes(args=[value.args[0].with_changes(value=new), *value.args[1:]])
    return None


class _PackageText(cst.CSTTransformer):
    """"pip install openai" / "the openai package" in a string -> mistralai (the message of an availability check)."""

    def leave_SimpleString(self, original: cst.SimpleString, updated: cst.SimpleString) -> cst.SimpleString:
        from codemods._imports import NAMED_OPENAI, named_package, pip_mistralai

        text = pip_mistralai(updated.value)
        text = NAMED_OPENAI.sub(named_package, text)
        # "OpenAI SDK not installed. Ensure 'openai' is installed." (held-out review 109, X12: the check tested
        # Mistral's, and its message sent the operator to install openai)
        text = _OPENAI_SDK_WORDS.sub(lambda m: "Mistral " + m.group(1), text)
        text = _QUOTED_OPENAI.sub(lambda m: m.group(1) + OPENAI_PACKAGE.new + m.group(2), text)
        return updated if text == updated.value else updated.with_changes(value=text)


_OPENAI_SDK_WORDS = re.compile(r"\bOpenAI (SDK|Python SDK|library|package|client library)\b")
_QUOTED_OPENAI = re.compile(r"""(\\?['`"])openai(\\?['`"])""")


# openai.api_key sent as a request header (`f"Bearer {openai.api_key}"`, `"Authorization": "Bearer " + openai.api_key`)


def _walk_tests(node: cst.CSTNode):
    """The ``if`` / ``while`` statements and conditional expressions under ``node``, in source order."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, (cst.If, cst.While, cst.IfExp)):
            yield current
        stack.extend(reversed(current.children))


def _factory_built(call: cst.Call) -> Optional[cst.BaseExpression]:
    """What ``Field(default_factory=lambda: <value>)`` / ``field(default_factory=lambda: <value>)`` makes a class field
    hold: the lambda's body, when it takes no parameters (the plan's build._field_factory)."""
    if code_of(call.func).rsplit(".", 1)[-1] not in ("Field", "field"):
        return None
    factory = next((arg.value for arg in call.args if arg.keyword is not None and
                    arg.keyword.value == "default_factory"), None)
    return factory.body if isinstance(factory, cst.Lambda) and not factory.params.params and \
        not factory.params.kwonly_params and factory.params.star_arg is cst.MaybeSentinel.DEFAULT and \
        factory.params.star_kwarg is None else None


class _KeyMessages(cst.CSTTransformer):
    """OPENAI_API_KEY -> the new variable in the messages a function returns, raises, prints or logs (``return "set
    OPENAI_API_KEY"``), not in its nested functions and classes, nor in an environment read."""

    # (the calls that show a value and the ones showing a message to the user: migrator.plan.syntax's, mapping.env's;
    # click's echo too)
    _SAYING = SHOWING_CALLS | MESSAGE_CALLS | {"echo", "secho"}

    def __init__(self, new: str) -> None:
        super().__init__()
        self.new = new

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    # (the text a message is made of, in a tuple, a concatenation, a .format(...); not data: a dict's keys and values,
    # a keyword argument, `env={"OPENAI_API_KEY": ...}` for a third-party CLI; reviews of session 90)
    def leave_Return(self, original: cst.Return, updated: cst.Return) -> cst.Return:
        return updated if updated.value is None else updated.with_changes(value=updated.value.visit(
            _KeyMessageText(self.new, own_call=False)))  # (a call returned is no message: `subprocess.run([...])`)

    def leave_Raise(self, original: cst.Raise, updated: cst.Raise) -> cst.Raise:
        return updated if updated.exc is None else updated.with_changes(exc=updated.exc.visit(_KeyMessageText(
            self.new)))

    def leave_Expr(self, original: cst.Expr, updated: cst.Expr) -> cst.Expr:
        call = updated.value
        if isinstance(call, cst.Call) and isinstance(call.func, (cst.Name, cst.Attribute)) and \
                code_of(call.func).rsplit(".", 1)[-1] in self._SAYING:
            return updated.with_changes(value=call.visit(_KeyMessageText(self.new)))
        return updated


class _KeyMessageText(cst.CSTTransformer):
    """_KeyText's renaming, in the text of a message only: not in a dict, a keyword argument, a call other than a
    string's own ``.format(...)`` / ``.join(...)`` (a process run, an API call: what they are handed is data)."""

    def __init__(self, new: str, own_call: bool = True) -> None:
        super().__init__()
        self.new = new
        self._depth = 0 if own_call else 1

    def visit_Dict(self, node: cst.Dict) -> bool:
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        return node.keyword is None

    def visit_Call(self, node: cst.Call) -> bool:
        self._depth += 1  # (the outermost call is the message's own: print(...), raise X(...))
        return self._depth == 1 or isinstance(node.func, cst.Attribute) and node.func.attr.value in ("format", "join") \
            and isinstance(node.func.value, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString))

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        self._depth -= 1
        return updated

    def leave_SimpleString(self, original: cst.SimpleString, updated: cst.SimpleString) -> cst.SimpleString:
        return updated.visit(_KeyText(self.new))

    def leave_FormattedString(self, original: cst.FormattedString,
                              updated: cst.FormattedString) -> cst.FormattedString:
        return updated.visit(_KeyText(self.new))


class _KeyText(cst.CSTTransformer):
    """``OPENAI_API_KEY`` -> the new variable in the plain strings of a key check's body."""

    def __init__(self, new: str) -> None:
        super().__init__()
        self.new = new

    def visit_Call(self, node: cst.Call) -> bool:
        # (an environment read in the body is a read, not a message: the plan decides it; `openai.api_key =
        # os.getenv("OPENAI_API_KEY")` kept under the check was handed the Mistral key: re-review 44, Y8)
        return _env_call_key(node) is None

    def visit_Subscript(self, node: cst.Subscript) -> bool:
        return not _is_env_read(node)

    def _text(self, text: str) -> str:
        return key_message(text, self.new)

    def leave_SimpleString(self, original: cst.SimpleString, updated: cst.SimpleString) -> cst.SimpleString:
        value = self._text(updated.value)
        return updated.with_changes(value=value) if value != updated.value else updated

    def leave_FormattedStringText(self, original: cst.FormattedStringText,
                                  updated: cst.FormattedStringText) -> cst.FormattedStringText:
        value = self._text(updated.value)  # (an f-string's text: held-out review 106, X10)
        return updated.with_changes(value=value) if value != updated.value else updated


def _or_operands_besides(source: str, variable: str) -> list[str]:
    """The operands of the ``or`` in ``source`` (the plan's key source: a name, then the text of what it is
    assigned, then of the names that reads), but those naming ``variable``."""
    tokens = source.split()[1:]
    for end in range(len(tokens), 0, -1):  # the longest run of text after the name that is one expression
        try:
            value = ast.parse(" ".join(tokens[:end]), mode="eval").body
        except SyntaxError:
            continue
        if isinstance(value, ast.BoolOp) and isinstance(value.op, ast.Or):
            return [ast.unparse(v) for v in value.values if variable not in ast.unparse(v)]
        return []
    return []


# A secret read naming OpenAI's key (Streamlit's st.secrets["openai_api_key"] / .OPENAI_API_KEY / .get(...), Colab's
# userdata.get("OPENAI_API_KEY")): held-out review 74, Y3, the secret half of `secret or text_input` went unsaid
_SECRET_READ = re.compile(r"""(?i)\b(?:st\.secrets|userdata)(?:\[[^\]]*openai[^\]]*\]|\.get\([^)]*openai[^)]*\)|"""
                          r"""\.\w*openai\w*)""")


def _balanced(text: str) -> str:
    """``text`` without quotes and brackets left unpaired by cutting it out of an expression
    (``openai_key.txt'`` from ``open("./keys/openai_key.txt")``: re-review)."""
    for opening, closing in (("[", "]"), ('"', '"'), ("'", "'")):
        while text and (text.count(opening) != text.count(closing) if opening != closing else text.count(opening) % 2):
            if text.endswith((closing,)):
                text = text[:-1]
            elif text.startswith((opening,)):
                text = text[1:]
            else:
                break
    return text
