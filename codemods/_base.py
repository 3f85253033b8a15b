"""What every migrator rule shares: facts, scope paths, pruning, TODO comments, findings, imports."""

from __future__ import annotations

import dataclasses
import re
from typing import Callable, ClassVar, Optional, Union

import libcst as cst

from codemods._facts import ENV_GETTERS, ModuleFacts, Path, dotted_name, gather_from_source
from codemods._imports import STATEMENT, Needed, fix_imports
from migrator.config import Config
from migrator.engine.results import Finding, FindingKind
from migrator.mapping.files import NO_MISTRAL_FORM
from migrator.plan.model import CONVERT, KEEP, UNRESOLVED
from migrator.plan.syntax import ast_walk

# context.scratch keys shared by the rules and migrator.engine.transform
FACTS = "migrator.facts"
FINDINGS = "migrator.findings"
NEEDED_IMPORTS = "migrator.needed_imports"
PIPELINE = "migrator.pipeline"  # set when transform_source fixes imports once after all rules
CONFIG = "migrator.config"
# Rule-mechanics tests: treat every client-dependent site of the snippet as belonging to a converted
# client (the snippets hold no client; the plan's decisions have tests of their own).
ASSUME_CONVERTED = "migrator.assume_converted"

TODO_PREFIX = "# TODO(migrator "

# Statements a TODO comment can stand above (exact types: isinstance on LibCST's ABCs is slow).
STATEMENT_TYPES = frozenset({
    cst.SimpleStatementLine, cst.If, cst.For, cst.While, cst.Try, cst.TryStar, cst.With,
    cst.FunctionDef, cst.ClassDef, cst.Match,
})


# Nodes every rule's transformer must see (statement bookkeeping, pruning, masked f-strings).
_EVERY_RULE = STATEMENT_TYPES | {cst.SimpleStatementSuite, cst.FormattedString, cst.Module}


def todo_text(code: str, message: str) -> str:
    return f"{TODO_PREFIX}{code}): {message}"


class RuleContext:
    """The part of LibCST's ``CodemodContext`` the rules use (``libcst.codemod`` itself costs most
    of a second to import, on every run). ``CodemodTest`` passes a real ``CodemodContext``."""

    def __init__(self, filename: Optional[str] = None, scratch: Optional[dict] = None) -> None:
        self.filename = filename
        self.scratch: dict = scratch if scratch is not None else {}
        self.warnings: list[str] = []


class MigratorRule:
    """Base of every rule: shaped like a LibCST ``Codemod`` (``Rule(context).transform_module(tree)``,
    ``context.warnings``), so ``libcst.codemod.CodemodTest`` tests it, but without its import cost
    or its metadata wrapper.

    Subclasses set ``CODE``, ``NAME``, ``SAFETY``, ``DESCRIPTION`` and ``BEFORE``/``AFTER`` (shown by
    ``migrator rules``), and implement ``make_transformer``.
    """

    CODE: ClassVar[str]
    NAME: ClassVar[str]
    SAFETY: ClassVar[str]  # exact | approximate | manual (the rule's worst case)
    DESCRIPTION: ClassVar[str] = ""
    BEFORE: ClassVar[str] = ""
    AFTER: ClassVar[str] = ""
    # The --target values the rule runs for: the openai-compatible target keeps the OpenAI SDK, so
    # rules about Mistral's SDK (its exceptions, its response types) do not run there.
    TARGETS: ClassVar[tuple[str, ...]] = ("mistral", "openai-compatible")

    def __init__(self, context, config: Optional[Config] = None) -> None:
        self.context = context
        self.config = config or context.scratch.get(CONFIG) or Config()

    def warn(self, warning: str) -> None:
        self.context.warnings.append(warning)

    # (LibCST's Codemod.transform_module wraps the tree in a MetadataWrapper, which deep-copies it;
    # the rules use no LibCST metadata -- see _facts.)
    def transform_module(self, tree: cst.Module) -> cst.Module:
        return self.transform_module_impl(tree)

    def facts(self, tree: cst.Module) -> ModuleFacts:
        facts = self.context.scratch.get(FACTS)
        if facts is None:
            facts = gather_from_source(tree.code, self.context.filename or "<module>",
                                       bool(self.context.scratch.get(ASSUME_CONVERTED)))
            self.context.scratch[FACTS] = facts
        return facts

    def make_transformer(self, facts: ModuleFacts) -> "RuleTransformer":
        raise NotImplementedError

    def transform_module_impl(self, tree: cst.Module) -> cst.Module:
        facts = self.facts(tree)
        transformer = self.make_transformer(facts)
        updated = tree.visit(transformer)
        if not transformer.aligned and facts.prune:  # never skip a site on a numbering slip
            facts.prune = False
            transformer = self.make_transformer(facts)
            updated = tree.visit(transformer)
        self.collect(transformer)
        if self.context.scratch.get(PIPELINE) or not (transformer.needed or transformer.changed):
            return updated
        # Standalone use (tests, libcst.tool): fix imports now.
        return cst.parse_module(fix_imports(updated.code, transformer.needed, facts.names_in_use))

    def collect(self, transformer: "RuleTransformer") -> None:
        """Report a finished transformer's findings (as codemod warnings too) and needed imports."""
        for finding in transformer.findings:
            if finding.kind is FindingKind.TODO:
                self.warn(f"line {finding.line}: {finding.message}")
        self.context.scratch.setdefault(FINDINGS, []).extend(transformer.findings)
        self.context.scratch.setdefault(NEEDED_IMPORTS, []).extend(transformer.needed)


def env_getter(node: cst.Call, default: bool = True) -> str:
    """``VAR`` for ``os.getenv("VAR", ...)`` / ``os.environ.get("VAR", ...)`` (``default``: with a
    default given; else without one, as in ``os.getenv("VAR") or "gpt-4o"``), else ""."""
    target = dotted(node.func) or ""
    if not node.args or (len(node.args) >= 2) != default or \
            not any(target == g or target.endswith("." + g) for g in ENV_GETTERS):
        return ""
    name = node.args[0].value
    return name.evaluated_value if isinstance(name, cst.SimpleString) and \
        isinstance(name.evaluated_value, str) else "an environment variable"


class NodeSet:
    """Nodes a rule made or met, by identity, held alive for the pass: a set of bare ``id()``s would
    let a node freed during the pass (a replaced ``await``) hand its id to a new one, which would
    then pass for it (a flaky MIG120 test)."""

    def __init__(self) -> None:
        self._nodes: dict[int, cst.CSTNode] = {}

    def add(self, node: cst.CSTNode) -> None:
        self._nodes[id(node)] = node

    def __contains__(self, node: object) -> bool:
        return self._nodes.get(id(node)) is node


class Combined(cst.CSTTransformer):
    """Several rules' transformers in one traversal of the tree.

    Running each rule as its own pass costs a full traversal per rule; the rules touch disjoint
    nodes and share their facts (including which subtrees to skip), so one walk serves them all.
    Each transformer sees the nodes in the same order as in a pass of its own; ``original`` is the
    node as parsed, ``updated`` carries the earlier rules' changes.
    """

    def __init__(self, transformers: "list[RuleTransformer]") -> None:
        super().__init__()
        self.transformers = transformers
        # node type -> the transformers with a visit_ / leave_ handler for it: the only ones a node that
        # is not a statement concerns (RuleTransformer's own bookkeeping is about statements)
        self._visitors: dict[type, list] = {}
        self._leavers: dict[type, list] = {}
        self._types = tuple(type(t) for t in transformers)

    def _concerned(self, table: dict, prefix: str, node_type: type) -> list:
        """The handlers (bound methods) the transformers have for ``node_type``, in rule order. A node
        that is not a statement needs none of RuleTransformer's own bookkeeping: its handlers are
        called directly (on_visit / on_leave of each rule would look them up again)."""
        found = table.get(node_type)
        if found is None:
            key = (self._types, prefix, node_type)
            having = _CONCERNED.get(key)
            if having is None:  # (which rules have one is a fact about their classes: worked out once per process)
                having = _CONCERNED[key] = tuple(index for index, t in enumerate(self.transformers)
                                                 if _handler_name(type(t), prefix, node_type) is not None)
            found = table[node_type] = [self.transformers[index]._handler(prefix, node_type) for index in having]
        return found

    def on_visit(self, node: cst.CSTNode) -> bool:
        node_type = type(node)
        if node_type in _EVERY_RULE:
            descend = True
            for transformer in self.transformers:
                descend = transformer.on_visit(node) and descend
            return descend
        descend = True
        for visit in self._concerned(self._visitors, "visit_", node_type):
            descend = visit(node) is not False and descend
        return descend

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        return None  # RuleTransformer ignores attribute events

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        return None

    def on_leave(self, original_node, updated_node):
        node_type = type(original_node)
        if updated_node is not original_node and _same_children(original_node, updated_node):
            updated_node = original_node  # LibCST rebuilt it around the very same children
        if node_type not in _EVERY_RULE:
            for leave in self._concerned(self._leavers, "leave_", node_type):
                updated_node = leave(original_node, updated_node)
                if not isinstance(updated_node, cst.CSTNode) or (node_type in (cst.AnnAssign, cst.Await) and
                                                                  type(updated_node) is not node_type) or \
                        node_type is cst.Call and not isinstance(updated_node, (cst.Call, cst.Await)):
                    # removed (or flattened), `r: T = call` made `r = call`, or `await c` made `(await c).text`, or
                    # `key.startswith("sk-")` made `key`: later rules have nothing to see
                    break
            return updated_node
        before: list = []  # statements a rule put in front of this one (FlattenSentinel)
        after: list = []  # ... and behind it (those it named in its added_after)
        for transformer in self.transformers:
            updated_node = transformer.on_leave(original_node, updated_node)
            if isinstance(updated_node, cst.FlattenSentinel) and updated_node.nodes:
                nodes = list(updated_node.nodes)
                main = max((i for i, n in enumerate(nodes) if id(n) not in transformer.added_after),
                           default=len(nodes) - 1)
                before.extend(nodes[:main])
                after[:0] = nodes[main + 1:]
                updated_node = nodes[main]  # the statement itself: later rules see it (and put TODOs on it)
            if not isinstance(updated_node, cst.CSTNode):
                break  # removed: later rules have nothing left to see
        if (before or after) and isinstance(updated_node, cst.CSTNode):
            return cst.FlattenSentinel([*before, updated_node, *after])
        return updated_node


_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}
_HANDLER_NAMES: dict[tuple, Optional[str]] = {}  # (transformer class, "visit_" / "leave_", node type) -> method name
_CONCERNED: dict[tuple, tuple[int, ...]] = {}  # (transformer classes, prefix, node type) -> those with a handler


def _handler_name(cls: type, prefix: str, node_type: type) -> Optional[str]:
    """The name of ``cls``'s handler for ``node_type`` (``leave_Call``), or None: LibCST's own no-op stubs
    (CSTTransformer has one per node type) are no handler."""
    key = (cls, prefix, node_type)
    try:
        return _HANDLER_NAMES[key]
    except KeyError:
        name = prefix + node_type.__name__
        own = getattr(cls, name, None)
        found = _HANDLER_NAMES[key] = None if own is None or own is getattr(cst.CSTTransformer, name, None) else name
        return found


def _same_children(original: cst.CSTNode, updated: cst.CSTNode) -> bool:
    """Whether ``updated`` is ``original`` rebuilt from the same objects. LibCST rebuilds every node it
    visits, changed or not; a node that keeps its original identity is printed once for both modules
    (transform._print_both) and a module left whole is not printed at all."""
    node_type = type(original)
    if type(updated) is not node_type:
        return False
    names = _CHILD_FIELDS.get(node_type)
    if names is None:
        names = _CHILD_FIELDS[node_type] = tuple(field.name for field in dataclasses.fields(node_type))
    for name in names:
        before = getattr(original, name)
        after = getattr(updated, name)
        if before is after:
            continue
        if type(before) is not type(after) or not isinstance(before, (tuple, list)) or len(before) != len(after):
            return False
        for old, new in zip(before, after):
            if old is not new:
                return False
    return True


def _hydra_source(tree, read: str) -> str:
    """`` (a Hydra config: conf/infer.yaml, key 'model': the value there)`` for ``cfg.model`` read in a function under
    ``@hydra.main(config_path="conf", config_name="infer")`` whose parameter ``cfg`` is (held-out review 133, Y7:
    "computed at run time" named neither the file nor the key, and the YAML's gpt-4o-mini went to Mistral); else ""."""
    import ast

    holder, _, key = read.partition(".")
    for fn in ast.walk(tree):
        if not (isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)) and fn.args.args and
                fn.args.args[0].arg == holder):
            continue
        for deco in fn.decorator_list:
            if not (isinstance(deco, ast.Call) and ast.unparse(deco.func).rsplit(".", 1)[-1] == "main" and
                    "hydra" in ast.unparse(deco.func)):
                continue
            given = {kw.arg: kw.value.value for kw in deco.keywords
                     if isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str)}
            if "config_name" in given:
                name = given["config_name"] if given["config_name"].endswith((".yaml", ".yml")) else \
                    given["config_name"] + ".yaml"
                where = "/".join(part for part in (given.get("config_path", "").strip("/"), name) if part)
                return f" (a Hydra config: {where}, key {key!r}: the value there)"
    return ""


class RuleTransformer(cst.CSTTransformer):
    """Tracks the enclosing class/function path, prunes subtrees with no site, attaches TODOs."""

    def __init__(self, rule: MigratorRule, facts: ModuleFacts) -> None:
        super().__init__()
        self.rule = rule
        self.code = rule.CODE
        self.config = rule.config
        self.facts = facts
        self.path: Path = ()
        self.findings: list[Finding] = []
        self.needed: list[Needed] = []
        self.changed = False
        self._todos: list[list[str]] = []
        self._ordinal: dict[str, int] = {}
        self._lines: dict[int, int] = {}  # id(original site node) -> its line, set in visit_*
        self._answers: dict[int, object] = {}  # id(original site node) -> the plan's answer for it
        self._api_seen: dict[tuple, int] = {}  # (statement, callee) -> API calls met (api_site)
        self.answer: object = None  # the plan's answer for the site last counted by next_site_line
        # statements a leave_ handler returned after the statement it was given (FlattenSentinel([..., it, *these])):
        # the statement itself is the last node not among them
        self.added_after: set[int] = set()
        self._handlers: dict[str, dict[type, Optional[Callable]]] = {"visit_": {}, "leave_": {}}
        # Statements met so far, in the pre-order codemods._facts numbered them in. At the end it
        # must equal the number of statements ast saw; if not, pruning was misaligned (see aligned).
        self.statements_seen = 0
        self.statement_stack: list[int] = []  # index of each enclosing statement (pre-order numbering)
        self.statement_nodes: list[cst.CSTNode] = []  # the enclosing statements themselves (originals)

    # -- sites and findings -------------------------------------------------------------------
    def next_site_line(self, kind: str) -> int:
        """Line (in the original file) of the next site of ``kind``, in source order."""
        index = self._ordinal.get(kind, 0)
        self._ordinal[kind] = index + 1
        lines = self.facts.sites.get(kind, [])
        answers = self.facts.answers.get(kind, [])
        self.answer = answers[index] if index < len(answers) else None
        return lines[index] if index < len(lines) else 0

    def mark_site(self, node: cst.CSTNode, kind: str) -> int:
        """Count ``node`` as the next site of ``kind``: remember its line and the plan's answer."""
        line = self._lines[id(node)] = self.next_site_line(kind)
        self._answers[id(node)] = self.answer
        return line

    def answer_for(self, node: cst.CSTNode):
        return self._answers.get(id(node))

    def current_line(self) -> int:
        """Line (in the original file) of the innermost statement being visited; 0 outside any."""
        index = self.statement_stack[-1] if self.statement_stack else -1
        return self.facts.stmt_line[index] if 0 <= index < len(self.facts.stmt_line) else 0

    def api_site(self, call: cst.Call):
        """(line, the plan's answer) for an OpenAI API call the plan answered (``facts.api_sites``,
        keyed by statement, callee and occurrence: MIG106, MIG107 and MIG108 count them the same
        way), else None. Call it once per call, in visit order."""
        return self.statement_site(dotted(call.func) or "")

    def statement_site(self, callee: str):
        """(line, the plan's answer) for the next site ``callee`` names in the statement being visited (an API call's
        dotted callee, or a kind: "=" an assignment's, "alias" ...: ``facts.api_sites``), else None."""
        if not self.facts.api_sites or not self.statement_stack:
            return None
        line = self.statement_nodes[-1]
        # (`x = 1; r = openai.ChatCompletion.create(...)`: one LibCST line, each statement numbered by ast)
        count = len(line.body) if type(line) in (cst.SimpleStatementLine, cst.SimpleStatementSuite) else 1
        for index in range(self.statement_stack[-1], self.statement_stack[-1] + count):
            base = (index, callee)
            occurrence = self._api_seen.get(base, 0)
            found = self.facts.api_sites.get((*base, occurrence))
            if found is not None:
                self._api_seen[base] = occurrence + 1
                return found
        return None

    def model_slot(self, name: str):
        """The plan's model slot for ``model=<name>`` here (a constant, a default, a local, an imported
        constant, a function argument whose string is mapped where it is set), else None."""
        slots = self.facts.view.model_slots if self.facts.view is not None else frozenset()
        for slot in (("local", self.path, name), ("default", self.path, name), ("const", name),
                     ("imported", name), ("complete", self.path, name), ("fieldlocal", self.path, name)):
            if slot in slots:
                return slot
        if self.path:
            for slot in slots:
                if slot[0] == "callarg" and slot[1] == self.path[0] and slot[3] == name or \
                        slot[0] == "mcallarg" and tuple(self.path[:len(slot[4])]) == slot[4] and slot[3] == name:
                    return slot
        return None

    def own_model_literal(self, value: cst.BaseExpression) -> Optional[cst.SimpleString]:
        """``model=WHISPER``, a constant of this module that a call kept on OpenAI (or another server) reads as its
        model too (the plan's ``("ownliteral", name, string)`` slot): the constant's string, to be mapped here as a
        literal of this converted call's own, the constant left to the kept call (held-out review 83, X6); else
        None."""
        if not isinstance(value, cst.Name) or value.value in self.facts.scoped_names or self.facts.view is None:
            return None
        found = next((slot[2] for slot in self.facts.view.model_slots
                      if slot[0] == "ownliteral" and slot[1] == value.value), None)
        return cst.SimpleString(f'"{found}"') if isinstance(found, str) and '"' not in found else None

    def set_elsewhere(self, value: cst.BaseExpression) -> bool:
        """``model=<value>`` names a model the plan maps where it is set: a name (``model_slot``), this
        class's ``self.model`` or a settings field (``settings.openai_model``, mapped in the class that
        declares it)."""
        if isinstance(value, cst.Name):
            return self.model_slot(value.value) is not None
        slots = self.facts.view.model_slots if self.facts.view is not None else frozenset()
        if isinstance(value, cst.Subscript) and isinstance(value.value, cst.Name):
            return ("table", value.value.value) in slots  # MODELS[tier], a table mapped where it is set (110, X2)
        key = session_key(value)
        if key is not None:  # st.session_state["openai_model"], set to a literal in the module (review 88, X10)
            return ("session", key) in slots
        if not isinstance(value, cst.Attribute):
            return False
        if isinstance(value.value, cst.Name) and value.value.value == "self":  # self.model of this class
            return any(slot[0] == "selfread" and slot[2] == value.attr.value and self.path[:len(slot[1])] == slot[1]
                       for slot in slots)
        return ("fieldread", value.attr.value) in slots or \
            isinstance(value.value, cst.Name) and ("argread", value.attr.value) in slots or \
            ("modattr", code_of(value)) in slots  # args.model (argparse); config.MODEL (a module of the tree)

    def literal_model(self, value: cst.BaseExpression, say: Callable[[str], None],
                      kind: str = "") -> Optional[tuple[cst.BaseExpression, Optional[str]]]:
        """(``value`` with its OpenAI model name mapped, the Mistral model or None when unknown) for a string literal
        (written in pieces too: ``("text-embedding-" "3-small")``), with ``unknown_model_todo`` said where none is
        known; None for anything else."""
        from migrator.mapping import map_model

        try:
            name = literal(value)
        except ValueError:
            return None
        if not isinstance(name, str):
            return None
        model = map_model(name, self.config.models())
        if model is None:
            say(unknown_model_todo(name, kind))
        elif model != name:
            quote = value.quote if isinstance(value, cst.SimpleString) else '"'
            value = cst.SimpleString(f"{quote}{model}{quote}")
        return value, model

    def mapped_model(self, value: cst.BaseExpression, line: int, keyword: str = "model") -> cst.BaseExpression:
        """``model=`` (``keyword=``) of a converted call whose value keeps its form: a literal OpenAI name
        mapped (TODO when unknown), a name the plan maps where it is set (a model slot) as it is, a
        getenv default mapped as MIG102 maps it (with the run-time TODO), else a TODO -- once per
        module and expression (JARVIS passes one model_name parameter to 11 calls in a file)."""
        from migrator.mapping import map_model

        def literal(string: cst.SimpleString) -> cst.SimpleString:
            mapped = map_model(string.evaluated_value, self.config.models())  # type: ignore[arg-type]
            if mapped is None:
                self.todo(line, unknown_model_todo(string.evaluated_value))  # type: ignore[arg-type]
                return string
            return cst.SimpleString(f"{string.quote}{mapped}{string.quote}")

        value = self.own_model_literal(value) or value
        if isinstance(value, cst.SimpleString) and isinstance(value.evaluated_value, str):
            return literal(value)
        if isinstance(value, cst.IfExp) and all(isinstance(b, cst.SimpleString) and isinstance(b.evaluated_value, str)
                                                for b in (value.body, value.orelse)):
            # `"llama-3.1-70b" if provider == "groq" else "gpt-4o-mini"`: both reach this converted call (held-out
            # review 58, Y4's control: "computed at run time" was said of two literals)
            return value.with_changes(body=literal(value.body), orelse=literal(value.orelse))
        if self.set_elsewhere(value):
            return value  # mapped where it is set
        if isinstance(value, cst.Call) and env_getter(value) and isinstance(value.args[1].value, cst.SimpleString) \
                and isinstance(value.args[1].value.evaluated_value, str):  # os.getenv("MODEL", "gpt-4o")
            value = value.with_changes(args=[value.args[0], value.args[1].with_changes(
                value=literal(value.args[1].value))])
        elif isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or) and \
                isinstance(value.left, cst.Call) and env_getter(value.left, default=False) and \
                isinstance(value.right, cst.SimpleString) and isinstance(value.right.evaluated_value, str):
            # `os.getenv("MODEL") or "gpt-4.1"` (LlamaIndex's create-llama template): its fallback as the default
            # (held-out review 108, Y4: "computed at run time", the variable unnamed)
            value = value.with_changes(right=literal(value.right))
        held = self.object_default_todo(keyword, value)
        if held is not None:
            if held:
                self.todo(line, held)
            return value
        if self.first_in_module(code_of(value)):  # the calls after the first that pass it: no TODO of their own
            self.todo(line, self.run_time_model_todo(keyword, value))
        return value

    def env_model_todo(self, keyword: str, value: cst.BaseExpression, what: str) -> Optional[str]:
        """``model=<an environment read>`` (``os.getenv("EMBEDDING_MODEL")``, a module name bound once to one, or to a
        python-dotenv ``dotenv_values(...)`` entry): the variable named, not "computed at run time" (held-out review
        165, Y2); else None."""
        variable = self._env_variable(value)
        if not variable:
            return None
        return (f"{keyword}={code_of(value)} is read from the environment ({variable}): make sure {variable} holds "
                f"{what} wherever it is set (env files, CI and deployment settings; said once per module)")

    def _env_variable(self, value: cst.BaseExpression) -> str:
        """The variable ``value`` reads: ``os.getenv("OPENAI_MODEL")`` (with a default too, which the rule maps:
        held-out review 84, Y8, "computed at run time" was said of it), or a module constant bound once to such a read
        with no default (``MODEL = getenv("OPENAI_MODEL")``); else ""."""
        if isinstance(value, cst.Call):
            return env_getter(value, default=False) or env_getter(value)
        if isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or) and \
                isinstance(value.left, cst.Call):  # `os.getenv("MODEL") or "gpt-4.1"`
            return env_getter(value.left, default=False) or ""
        if not isinstance(value, cst.Name) or value.value in self.facts.scoped_names:
            return ""
        import ast

        tree = getattr(self.facts, "tree", None)
        bound = [node.value for node in getattr(tree, "body", ()) if isinstance(node, ast.Assign) and
                 any(isinstance(t, ast.Name) and t.id == value.value for t in node.targets)]
        dotenv = _dotenv_key(tree, bound[0]) if len(bound) == 1 else ""
        if dotenv:
            return dotenv  # `model = config["EMBEDDING_MODEL"]`, config = dotenv_values(".env") (held-out review
            # 165, Y2)
        if len(bound) != 1 or not (isinstance(bound[0], ast.Call) and len(bound[0].args) == 1 and
                                   not bound[0].keywords and isinstance(bound[0].args[0], ast.Constant) and
                                   isinstance(bound[0].args[0].value, str)):
            return ""
        target = dotted_name(bound[0].func) or ""
        return bound[0].args[0].value if any(target == g or target.endswith("." + g) for g in ENV_GETTERS) else ""

    def kept_env_todo(self, variable: str, named: str, subject: str) -> str:
        """``subject`` (a model read from ``variable``) told that the variable also sets the model of calls staying on
        OpenAI (the plan's kept_model_env): a Mistral name there breaks them, an OpenAI one this call (held-out review
        95, X3: "make sure CHAT_MODEL holds a Mistral model name" broke the kept calls); "" where none does."""
        import os

        view = self.facts.view
        kept = getattr(view.plan, "kept_model_env", {}).get(variable, ()) if view is not None else ()
        if not kept or self.config.endpoint() is not None:
            return ""
        where = ", ".join(sorted({os.path.relpath(p, os.path.dirname(view.path) or ".").replace(os.sep, "/")
                                  if p != view.path else "this module" for p in kept})[:3])
        own = "MISTRAL_" + variable.removeprefix("OPENAI_") if not variable.startswith("MISTRAL_") else \
            variable + "_MISTRAL"
        return (f"{subject}, which also sets the model of calls staying on OpenAI ({where}): a Mistral name there "
                f"would break them, an OpenAI one this call: give this call a variable of its own ({own}) holding "
                f"{named} (said once per module)")

    def run_time_model_todo(self, keyword: str, value: cst.BaseExpression) -> str:
        """The TODO for a chat model argument migrator cannot map here."""
        model = self.target_model()
        endpoint = self.config.endpoint()
        named = "a Mistral model name" if endpoint is None else f"a {endpoint.spec.name} model name"
        shared = self.shared_field_todo(keyword, value, named, model) or self.kept_wrapper_model_todo(keyword, value)
        if shared:
            return shared
        view = self.facts.view
        given = view.set_fields.get((view.path, code_of(value))) if view is not None and \
            isinstance(value, cst.Attribute) and not (isinstance(value.value, cst.Name) and
                                                      value.value.value == "self") else None
        local = view.set_fields.get((view.path, value.value, tuple(self.path))) if view is not None and \
            isinstance(value, cst.Name) else None
        if local:  # `model = config.chat_model`, then `model=model` (held-out review 173, Y3)
            given = local[0]
            value = cst.parse_expression(f"{value.value} ({value.value} = {local[1]})")
        if given:  # (held-out review 98, Y2: the class default was mapped, the value given where it is built was not)
            return (f"{keyword}={code_of(value)} is given where the settings object is built ({given}), which migrator "
                    f"does not map: make that value name {model} (a default there too, and the variable where it is "
                    "set; said once per module)")
        remote = self.remote_env_todo(keyword, value, named)
        if remote:
            return remote
        variable = self._env_variable(value)
        view = self.facts.view
        kept = self.kept_env_todo(variable, named, f"{keyword}={code_of(value)} is read from the environment "
                                                   f"({variable})") if variable else ""
        if kept:
            return kept
        if variable:  # (held-out review 80, X5: the TODO named neither the variable nor where it is set)
            mapped = view is not None and (view.path, variable) in getattr(view.plan, "model_env_reads", ())
            return (f"{keyword}={code_of(value)} is read from the environment ({variable}): make sure {variable} "
                    f"holds {named} wherever it is set (env files, CI and deployment settings"
                    + ("; example env files are mapped" if mapped else "") + "; said once per module)")
        if isinstance(value, cst.BooleanOperation):  # `model or DEFAULT_MODEL` whose constant is mapped where it is set
            operands, node = [], value
            while isinstance(node, cst.BooleanOperation):
                operands.append(node.right)
                node = node.left
            operands.append(node)
            operands.reverse()
            mapped = [code_of(o) for o in operands if self.set_elsewhere(o)]
            constants = [o.value for o in operands if not self.set_elsewhere(o) and isinstance(o, cst.Name)
                         and o.value in self.facts.module_strings and o.value not in self.facts.scoped_names]
            rest = [code_of(o) for o in operands if not self.set_elsewhere(o) and
                    not (isinstance(o, cst.Name) and o.value in constants)]
            if mapped or constants:  # re-review 37, M3: "computed at run time" of a constant of the module
                parts = [f"{', '.join(mapped)} now names {model} (mapped where it is set)"] if mapped else []
                parts += [f"{name} is set in this module ({name} = {self.facts.module_strings[name]!r}), where "
                          "migrator does not map it (read otherwise too, or set in a form it does not rewrite)"
                          for name in constants]
                parts += [f"{', '.join(rest)} is computed at run time"] if rest else []
                open_ = len(rest) + len(constants)
                return (f"{keyword}={code_of(value)}: {'; '.join(parts)}: make sure "
                        f"{'it' if open_ == 1 else 'each'} names {model}{' too' if mapped else ''} (see `migrator "
                        "rules` / --model; said once per module)")
        if isinstance(value, cst.Attribute) and isinstance(value.value, cst.Name) and value.value.value == "self" and \
                self.facts.view is not None and self.path and \
                ("attrfell", self.path[:-1], value.attr.value) in self.facts.view.model_slots:
            # `self.model = model or "gpt-4o-mini"` (re-review 48, G2)
            return (f"{keyword}={code_of(value)}: its fallback where self.{value.attr.value} is set now names {model} "
                    f"(mapped where it is set); the value the constructor is given is not mapped: make sure it names "
                    f"{model} too (see `migrator rules` / --model; said once per module)")
        callers = [slot[3] for slot in self.facts.view.model_slots if slot[0] == "callers" and slot[1] == self.path
                   and slot[2] == value.value] if isinstance(value, cst.Name) and self.facts.view is not None else []
        if callers:  # `model = "gpt-4o-mini"; ask(q, model); price.get(model)` in a caller (held-out review 57, X5)
            return (f"{keyword}={value.value} comes from {callers[0]}, so migrator leaves that value: give this call "
                    f"{model} of its own, or make that value name {model} and update those readers (see `migrator "
                    "rules` / --model; said once per module)")
        if isinstance(value, cst.Name) and self.facts.view is not None and \
                ("partial", self.path, value.value) in self.facts.view.model_slots:
            # `def call(model, ...)` called as call("gpt-4o", ...) and call(model, ...) (held-out review 47, F1)
            return (f"{keyword}={value.value}: the model names written directly for it (its string default, string "
                    f"arguments of its calls in this module) now name {model}; what its callers pass through other "
                    f"names, or from other modules, is not mapped: make sure it names {model} too (see `migrator "
                    "rules` / --model; said once per module)")
        if isinstance(value, cst.Name) and self.facts.view is not None and \
                ("fellback", self.path, value.value) in self.facts.view.model_slots:
            # `model = model or self._default_model`: the fallback is mapped where it is set (held-out review 47, E3)
            return (f"{keyword}={value.value}: its fallback where {value.value} is set in this function now names {model} "
                    f"(mapped where it is set); the value {value.value} is given is computed at run time: make sure it "
                    f"names {model} too (see `migrator rules` / --model; said once per module)")
        from migrator.mapping import map_model

        default = self._parameter_default(value) if isinstance(value, cst.Name) else None
        constant = self._parameter_default(value, constant=True) if isinstance(value, cst.Name) and default is None \
            else None
        slots = self.facts.view.model_slots if self.facts.view is not None else frozenset()
        import ast

        from migrator.mapping.chat import TOKENIZER_MODEL_CALL

        tree = self.facts.tree
        tokenized = constant is not None and any(  # (MODEL also tiktoken's here: changing it breaks that reader)
            isinstance(n, ast.Attribute) and n.attr == TOKENIZER_MODEL_CALL.rsplit(".", 1)[1]
            for n in ast.walk(tree)) if isinstance(tree, ast.Module) else True
        if constant is not None and constant in self.facts.module_strings and not tokenized and \
                constant not in self.facts.scoped_names and ("const", constant) not in slots:
            # `def get_bound_llm(model_name=MODEL_NAME)`, MODEL_NAME also read where migrator does not follow it (a
            # table of variants another module builds from it): "computed at run time" hid the default the plain
            # call sends (held-out review 154, X1)
            held = self.facts.module_strings[constant]
            mapped = map_model(held, self.config.models())
            if mapped not in (None, held):
                return (f"{keyword}={value.value}: its default, {constant} = {held!r} (set in this module), is an "
                        f"OpenAI model, left as it is because {constant} is read where migrator does not follow it "
                        f"(another module, a table of models): make it {mapped!r} (or another Mistral model) where it "
                        "is set and check those reads; what callers pass must name a Mistral model too (said once per "
                        "module)")
        source = self.facts.imported_from.get(constant) if constant is not None else None
        if source and constant not in self.facts.module_strings:
            # `def ask(prompt, model=DEFAULT_MODEL)`, DEFAULT_MODEL imported from config.py, `model` also checked
            # against an allow-list (held-out review 164, X1: "computed at run time", and gpt-3.5-turbo went to
            # Mistral on every default request)
            return (f"{keyword}={value.value}: its default, {constant}, is imported from {source}, which migrator "
                    f"leaves as it is: make {constant} name {model} where it is set, and check what else reads it (a "
                    f"list of the OpenAI models allowed would refuse it); what callers pass must name {model} too "
                    "(said once per module)")
        if default is not None and map_model(default, self.config.models()) not in (None, default):
            # `def ask(prompt, model="gpt-5-nano")` whose default the plan left (the function compares model with OpenAI
            # names too, or passes it on): "computed at run time" pointed away from the literal (held-out review 85, X3)
            return (f"{keyword}={value.value}: its default, {default!r}, is an OpenAI model, left as it is because "
                    f"{value.value} is read otherwise too (a comparison, another call): make it "
                    f"{map_model(default, self.config.models())!r} (or another Mistral model) and check those reads; "
                    "what callers pass must name a Mistral model too (said once per module)")
        return self.imported_model_todo(keyword, value, model) or self.constant_model_todo(keyword, value, model) or \
            self.dict_model_todo(keyword, value) or self.self_model_todo(keyword, value, model) or (
            f"{keyword}={code_of(value)} is computed at run time{self.holder_source(value)}: make sure it names "
            f"{model}{self.class_models()} (see `migrator rules` / --model; said once per module)")

    def kept_wrapper_model_todo(self, keyword: str, value: cst.BaseExpression) -> str:
        """``model=self.model_name`` of a converted call where the same value is the model of a LangChain / LlamaIndex
        OpenAI object of this module that stays on OpenAI (``ChatOpenAI(model=model_name)``, ``self.model_name =
        model_name``): one value cannot name both providers' models (held-out review 109, Y4: "make sure it names a
        Mistral model" broke the kept object); else ""."""
        import ast

        if not isinstance(value, (cst.Name, cst.Attribute)) or not isinstance(self.facts.tree, ast.AST):
            return ""
        written = code_of(value)
        kept = [site for key in ("migrator.langchain", "migrator.llamaindex")
                for site in getattr(self.rule.context.scratch.get(key), "sites", ()) if site.verdict == "keep"]
        if not kept:
            return ""
        calls = {(n.lineno, n.col_offset): n for n in ast.walk(self.facts.tree) if isinstance(n, ast.Call)}
        held = {f"self.{n.targets[0].attr}": ast.unparse(n.value) for n in ast.walk(self.facts.tree)
                if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Attribute)
                and isinstance(n.targets[0].value, ast.Name) and n.targets[0].value.id == "self"
                and isinstance(n.value, ast.Name)}
        for site in kept:
            call = calls.get((site.line, site.col))
            given = next((kw.value for kw in call.keywords if kw.arg in ("model", "model_name")), None) \
                if call is not None else None
            if given is None:
                continue
            theirs = ast.unparse(given)
            if theirs == written or held.get(written) == theirs or held.get(theirs) == written:
                return (f"{keyword}={written} is also the model of the {site.cls}(...) of this module, which stays on "
                        f"OpenAI: one value cannot name both an OpenAI and a Mistral model; give this call a Mistral "
                        "model of its own (a literal, or a setting of its own), and keep that one's OpenAI model")
        return ""

    def dict_model_todo(self, keyword: str, value: cst.BaseExpression) -> str:
        """``model=CFG["model_name"]`` of a module-level dict literal bound once, whose entry is an OpenAI model
        name: the TODO names the entry and the Mistral model to write there (held-out review 89, Y14: "computed at
        run time" was said of "gpt-4o" written in the module); else ""."""
        import ast

        from migrator.mapping import map_model

        if not (isinstance(value, cst.Subscript) and isinstance(value.value, cst.Name) and len(value.slice) == 1 and
                isinstance(value.slice[0].slice, cst.Index) and
                isinstance(value.slice[0].slice.value, cst.SimpleString)):
            return ""
        name, key = value.value.value, value.slice[0].slice.value.evaluated_value
        bound = [node for node in getattr(self.facts.tree, "body", ()) if isinstance(node, ast.Assign) and
                 any(isinstance(t, ast.Name) and t.id == name for t in node.targets)]
        if len(bound) != 1 or not isinstance(bound[0].value, ast.Dict):
            return ""
        entry = next((v for k, v in zip(bound[0].value.keys, bound[0].value.values)
                      if isinstance(k, ast.Constant) and k.value == key), None)
        if not (isinstance(entry, ast.Constant) and isinstance(entry.value, str)):
            return ""
        mapped = map_model(entry.value, self.config.models())
        if mapped in (None, entry.value):
            return ""
        return (f"{keyword}={code_of(value)} reads {entry.value!r} from {name}, set in this module: an OpenAI model; "
                f"make that entry {mapped!r} (or another Mistral model), checking {name}'s other readers (said once "
                "per module)")

    def object_default_todo(self, keyword: str, value: cst.BaseExpression) -> Optional[str]:
        """``model=model`` of ``def fetch(client, messages, model: str = GPTModel.GPT_3_5_TURBO.value)``: an enum's or
        another object's value, which migrator does not map, named per default (held-out review 176, X2: "computed at
        run time", once a module, and two OpenAI defaults reached Mistral): the TODO, "" where said already in the
        module, None where the parameter's default is no such value."""
        default = self._parameter_default(value, written=True) if isinstance(value, cst.Name) and \
            value.value in self.facts.scoped_names else None
        if default is None or "." not in default or default.startswith(("os.", "self.")) or "(" in default:
            return None
        if not self.first_in_module(f"{code_of(value)}={default}"):
            return ""
        return (f"{keyword}={code_of(value)} takes its default from {default}, which migrator does not map (a value "
                f"another module or object holds): make it name {self.target_model()} where it is set, or pass one "
                "(see `migrator rules` / --model; said once per module and default)")

    def _parameter_default(self, value: cst.Name, constant: bool = False, written: bool = False):
        """The string default of the parameter ``value`` names, of the function the call is in (its ast), else None
        (``constant``: the name the default is written as, ``def f(model=MODEL)``, instead; ``written``: the default's
        code, where it is an attribute chain)."""
        import ast

        node = self.facts.tree
        for name in self.path:
            node = next((n for n in ast.walk(node) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                        ast.ClassDef)) and n.name == name), None)
            if node is None:
                return None
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return None
        args = node.args
        positional = args.posonlyargs + args.args
        pairs = list(zip(positional[len(positional) - len(args.defaults):], args.defaults)) + \
            [(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None]
        default = next((d for a, d in pairs if a.arg == value.value), None)
        if written:  # (an attribute chain: `GPTModel.GPT_4O.value`, `config.model`)
            return ast.unparse(default) if isinstance(default, ast.Attribute) else None
        if constant:
            return default.id if isinstance(default, ast.Name) else None
        return default.value if isinstance(default, ast.Constant) and isinstance(default.value, str) else None

    def class_models(self) -> str:
        """``; class OpenAiLLM names OpenAI models: default_model = 'gpt-4o', ...`` where the call is in a method of a
        class whose body sets attributes to OpenAI model names (a model registry's ``default_model`` / ``models``,
        read at run time into the call's model: held-out review 59, Y7); else ""."""
        import ast

        from migrator.mapping.models import OPENAI_MODEL_TOKEN

        tree = self.facts.tree
        if not self.path or not isinstance(tree, ast.Module):
            return ""
        cls = next((node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == self.path[0]), None)
        if cls is None:
            return ""
        found = []
        for stmt in cls.body:
            target = stmt.target if isinstance(stmt, ast.AnnAssign) else \
                stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else None
            value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
            if isinstance(target, ast.Name) and value is not None and any(
                    isinstance(c, ast.Constant) and isinstance(c.value, str) and OPENAI_MODEL_TOKEN.fullmatch(c.value)
                    for c in ast_walk(value)):
                shown = ast.unparse(value)
                found.append(f"{target.id} = {shown if len(shown) <= 60 else shown[:57] + '...'}")
        if not found:
            return ""
        return (f"; class {cls.name} names OpenAI models ({'; '.join(found[:3])}): if they reach it, make them name "
                f"{self.target_model()} too, with whatever else is keyed on them (a registry)")

    def shared_field_todo(self, keyword: str, value: cst.BaseExpression, named: str, model: str) -> Optional[str]:
        """``model=self.model`` / ``settings.model`` whose value the plan saw is also read by other code
        (migrator.plan.decide: shared_fields): where it comes from and what else reads it, else None."""
        shared = self.facts.view.shared_fields if self.facts.view is not None else {}
        key = ("self", self.path[0] if self.path else "", value.attr.value) if isinstance(value, cst.Attribute) and \
            isinstance(value.value, cst.Name) and value.value.value == "self" else \
            value.attr.value if isinstance(value, cst.Attribute) else None
        if key is None or key not in shared:
            return None
        return (f"{keyword}={code_of(value)} comes from {shared[key]}: {named} there would reach that code too; "
                f"give the converted calls a setting of their own that names {model} (said once per module)")

    def self_model_todo(self, keyword: str, value: cst.BaseExpression, what: str) -> Optional[str]:
        """``model=self.embedding_model`` where the module sets ``self.embedding_model`` once, to an OpenAI model or an
        environment read defaulting to one, which the plan left (it is read otherwise too: a tokenizer): the setting,
        not "computed at run time" (held-out review 156, X2). None otherwise."""
        import ast

        from migrator.mapping import map_model

        tree = getattr(self.facts, "tree", None)
        if not (isinstance(value, cst.Attribute) and isinstance(value.value, cst.Name) and value.value.value == "self"
                and isinstance(tree, ast.Module)):
            return None
        attr = value.attr.value
        # (in the call's own class: another class's `self.model = os.getenv("TOKENIZER_MODEL", ...)` is not this one's;
        # review of session 86)
        home = next((n for n in tree.body if isinstance(n, ast.ClassDef) and self.path and n.name == self.path[0]),
                    None)
        if home is None:
            return None
        sets = [n for n in ast.walk(home) if isinstance(n, (ast.Assign, ast.AnnAssign, ast.AugAssign)) and any(
            isinstance(t, ast.Attribute) and t.attr == attr and isinstance(t.value, ast.Name) and t.value.id == "self"
            for t in (n.targets if isinstance(n, ast.Assign) else [n.target]))]
        if len(sets) != 1 or isinstance(sets[0], ast.AugAssign) or sets[0].value is None:
            return None
        held, var = sets[0].value, None
        if isinstance(held, ast.Call) and (dotted_name(held.func) or "").endswith(("getenv", "environ.get")) and \
                len(held.args) == 2 and not held.keywords and \
                all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in held.args):
            var, held = held.args[0].value, held.args[1]
        if not (isinstance(held, ast.Constant) and isinstance(held.value, str)):
            return None
        mapped = map_model(held.value, self.config.models())
        if mapped in (None, held.value):
            return None
        written = f"self.{attr}"
        if var is not None:
            # (migrator.engine.project_files reads the variable back from this text: LEFT_MODEL_VARIABLE)
            return (f"{keyword}={written} is read from {var} in this module (default {held.value!r}, line "
                    f"{sets[0].lineno}), and {written} is also read other than as a converted call's model= (a "
                    f"tokenizer, a comparison, another call), so migrator leaves its default: make it {mapped!r} and "
                    f"make sure the deployed {var} names {what}, then check those reads (said once per module)")
        return (f"{keyword}={written}: set to {held.value!r} in this module (line {sets[0].lineno}), an OpenAI model, "
                f"left as it is because {written} is read otherwise too (a tokenizer, a comparison, another call): "
                f"make it {mapped!r} (or another Mistral model) and check those reads (said once per module)")

    def constant_model_todo(self, keyword: str, value: cst.BaseExpression, what: str) -> Optional[str]:
        """A model argument naming a string constant of this module that the plan does not map where it is set
        (it is read otherwise too, or bound in a form MIG102 does not rewrite): "computed at run time" was false
        (held-out review 36, K2). None otherwise."""
        name = value.value if isinstance(value, cst.Name) else None
        import ast

        tree = getattr(self.facts, "tree", None)
        lambda_param = tree is not None and name is not None and any(
            isinstance(n, ast.Lambda) and any(a.arg == name for a in n.args.args) or
            isinstance(n, ast.comprehension) and any(isinstance(t, ast.Name) and t.id == name
                                                     for t in ast.walk(n.target)) for n in ast.walk(tree))
        if name is None or name in self.facts.scoped_names and (self.path or lambda_param):
            # (a parameter or local of the same name may be what the call reads: re-review 37, M1; not a call at the
            # module's own level, which reads the module's: held-out review 152, X5, `def num_tokens(messages,
            # model=...)` beside `model = "gpt-3.5-turbo-0613"` made it "computed at run time")
            return None
        if name in self.facts.module_env_strings:  # `MODEL = os.getenv("MODEL", "gpt-4o")`, also returned (Z10)
            var, default = self.facts.module_env_strings[name]
            # (migrator.engine.project_files reads the variable back from this text: LEFT_MODEL_VARIABLE)
            return (f"{keyword}={name} is read from {var} in this module (default {default!r}), and {name} is also "
                    "read other than as a converted call's model= (returned, compared, passed on), so migrator "
                    f"leaves its default: make sure the default and the deployed {var} name {what} (see `migrator "
                    "rules` / --model; said once per module)")
        if name not in self.facts.module_strings:
            return None
        from migrator.mapping import map_model

        value_text = self.facts.module_strings[name]
        if isinstance(value_text, str) and map_model(value_text, self.config.models()) is None:
            # `model_name = "GPT_MODEL"` (a placeholder, a name of the app's own): no model migrator knows (held-out
            # review 131, Y4: silent)
            return (f"{keyword}={name} is set in this module ({name} = {value_text!r}), which names no model migrator "
                    f"knows: make sure it names {what} (--model {value_text}=<mistral model> maps it; said once per "
                    "module)")
        from codemods._facts import module_constant_readers

        readers = module_constant_readers(self.facts.tree, name) if self.facts.tree is not None else []
        if readers:  # (held-out review 56, W3: tiktoken.encoding_for_model(MODEL) and PRICES[MODEL] went unnamed)
            from migrator.mapping.chat import TOKENIZER_MODEL_CALL

            raises = f" ({TOKENIZER_MODEL_CALL} raises KeyError for a Mistral model name)" if any(
                r.startswith(TOKENIZER_MODEL_CALL) for r in readers) else ""
            return (f"{keyword}={name} is set in this module ({name} = {self.facts.module_strings[name]!r}) and also "
                    f"read by {', '.join(readers)}{raises}, so migrator leaves its value: give the call {what} of its "
                    "own, "
                    f"or make {name} name {what} and update those readers (see `migrator rules` / --model; said once "
                    "per module)")
        return (f"{keyword}={name} is set in this module ({name} = {self.facts.module_strings[name]!r}) but also "
                "read other than as a converted call's model=, or set in a form migrator does not rewrite, so "
                f"migrator leaves its value: make sure it names {what} (see `migrator rules` / --model; said once "
                "per module)")

    def holder_source(self, value: cst.BaseExpression) -> str:
        """`` (settings is imported from pkg)`` for ``settings.CHAT_MODEL`` after ``from pkg import settings``: where
        to look (held-out review 28, H5: "computed at run time" said nothing of it); else ""."""
        holder = value.value.value if isinstance(value, cst.Attribute) and isinstance(value.value, cst.Name) else None
        source = self.facts.imported_from.get(holder) if holder and holder not in self.facts.stored_names else None
        return f" ({holder} is imported from {source})" if source else self.config_file_source(value)

    def config_file_source(self, value: cst.BaseExpression) -> str:
        """`` (config is loaded from config.yaml: ...)`` for ``config["model"]`` / ``config.get("model")`` where the
        module binds ``config`` once to ``yaml.safe_load`` / ``json.load`` / ``tomllib.load`` of a file it opens by a
        written path (held-out review 125, X5: "computed at run time" named neither the file nor the key); else ""."""
        import ast

        key, holder = None, ""
        # (`cfg["openai"]["model"]`: the keys read, outermost last; held-out review 160, X6: a nested read named no
        # file)
        keys: list = []
        node: cst.BaseExpression = value
        while isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index) \
                and isinstance(node.slice[0].slice.value, cst.SimpleString):
            keys.insert(0, node.slice[0].slice.value.evaluated_value)
            node = node.value
        if keys and isinstance(node, cst.Name) and all(isinstance(k, str) for k in keys):
            holder, key = node.value, ".".join(keys)
        elif isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and value.func.attr.value == "get" \
                and isinstance(value.func.value, cst.Name) and value.args and \
                isinstance(value.args[0].value, cst.SimpleString):
            holder, key = value.func.value.value, value.args[0].value.evaluated_value
        tree = self.facts.tree
        if key is None and isinstance(value, cst.Attribute) and isinstance(tree, ast.Module):
            return _hydra_source(tree, code_of(value))
        if not isinstance(key, str) or not isinstance(tree, ast.Module):
            return ""
        bound = [n.value for n in ast.walk(tree) if isinstance(n, ast.Assign) and len(n.targets) == 1 and
                 isinstance(n.targets[0], ast.Name) and n.targets[0].id == holder]
        load = bound[0] if len(bound) == 1 else None
        prefix: list = []  # `yaml.safe_load(open("config.yaml"))["llm"]`: the section read (held-out review 141, Y2)
        while isinstance(load, ast.Subscript) and isinstance(load.slice, ast.Constant) and \
                isinstance(load.slice.value, str):
            prefix.insert(0, load.slice.value)
            load = load.value
        key = ".".join([*prefix, key]) if prefix else key
        if not (isinstance(load, ast.Call) and isinstance(load.func, ast.Attribute) and load.args and
                load.func.attr in ("safe_load", "load", "full_load") and isinstance(load.func.value, ast.Name) and
                load.func.value.id in ("yaml", "json", "toml", "tomllib", "tomli")):
            return ""
        handle = load.args[0]
        opened = handle if isinstance(handle, ast.Call) else next(
            (item.context_expr for n in ast.walk(tree) if isinstance(n, (ast.With, ast.AsyncWith)) for item in n.items
             if isinstance(handle, ast.Name) and isinstance(item.optional_vars, ast.Name) and
             item.optional_vars.id == handle.id), None)
        path = opened.args[0].value if isinstance(opened, ast.Call) and isinstance(opened.func, ast.Name) and \
            opened.func.id == "open" and opened.args and isinstance(opened.args[0], ast.Constant) and \
            isinstance(opened.args[0].value, str) else None
        return f" (read from {path}, key {key!r}: the value there)" if path else ""

    def target_model(self) -> str:
        """What a converted call's model must name: "a Mistral model", or, on --target openai-compatible,
        "a model scaleway serves" (held-out review 11, F3: the Scaleway run said "a Mistral model")."""
        endpoint = self.config.endpoint()
        return f"a model {endpoint.spec.name} serves" if endpoint is not None else "a Mistral model"

    def remote_env_todo(self, keyword: str, value: cst.BaseExpression, named: str) -> str:
        """``model=config.MODEL_ID`` / ``model=MODEL_ID`` (imported) where config.py binds it to an environment read
        with no default (the plan's "modenv" slot): the TODO names the variable and the module (held-out review 87,
        X3), else ""."""
        view = self.facts.view
        if view is None or not isinstance(value, (cst.Name, cst.Attribute)):
            return ""
        found = next((slot for slot in view.model_slots if slot[0] == "modenv" and slot[1] == code_of(value)), None)
        if found is None:
            return ""
        _, _, variable, where = found
        subject = (f"{keyword}={code_of(value)} is read from the environment ({variable}, in "
                   f"{where.replace(chr(92), '/').rsplit('/', 1)[-1]})")
        kept = self.kept_env_todo(variable, named, subject)
        if kept:  # (held-out review 144, X4: a kept v0 call reading the same variable was not named)
            return kept
        mapped = (where, variable) in getattr(view.plan, "model_env_reads", ())
        return (f"{subject}: make sure {variable} holds {named} wherever it is set (env files, CI and deployment "
                "settings" + ("; example env files are mapped" if mapped else "") + "; said once per module)")

    def imported_model_todo(self, keyword: str, value: cst.BaseExpression, what: str) -> Optional[str]:
        """A model argument that is a name imported from another module (``from config import
        DEFAULT_MODEL``): it is set there, in a file migrator may not even read (held-out review, OntoChat:
        "computed at run time" was wrong, and the constant still named gpt-4o). None otherwise."""
        remote = self.remote_env_todo(keyword, value, what)
        if remote:
            return remote
        if isinstance(value, cst.Attribute) and self.facts.view is not None:
            # `model=config.OPENAI_MODEL`, also read otherwise (held-out review 61, Y20)
            shared = [slot[2] for slot in self.facts.view.model_slots
                      if slot[0] == "modshared" and slot[1] == code_of(value)]
            if shared:
                return f"{keyword}={code_of(value)}: {shared[0]}{_leaves_its_value(what)}"
        name = value.value if isinstance(value, cst.Name) else None
        source = self.facts.imported_from.get(name) if name else None
        star = self.facts.imported_from.get("*")
        if not source and name and star and name not in self.facts.stored_names and \
                name not in self.facts.bound_names:
            # `from config import *` (held-out review 25, B9: "computed at run time" for a constant of config.py)
            return (f"{keyword}={name} comes from a star import (from {star} import *): make sure it names {what} "
                    "there (migrator maps model names only where a named import shows where they are set; see "
                    "`migrator rules` / --model; said once per module)")
        if not source:
            return None
        shared = [slot[2] for slot in self.facts.view.model_slots if slot[0] == "importedby" and slot[1] == name] \
            if self.facts.view is not None else []
        if shared:  # (held-out review 58, X2: the token counter reading it crashed once it named a Mistral model)
            return f"{keyword}={name} is imported from {source}: {shared[0]}{_leaves_its_value(what)}"
        return (f"{keyword}={name} is imported from {source}: make sure it names {what} there (migrator maps "
                "model names only in the code it converts, where the value is written; see `migrator rules` / "
                "--model; said once per module)")

    def vectors_step(self, model: str) -> tuple:
        """() where stored vectors may need re-embedding (the plan's vectors_persist: the TODO is said at the call),
        else the summary's one step for embeddings that now come from ``model`` (held-out review 64, Y5)."""
        from migrator.mapping.embeddings import EPHEMERAL_VECTORS_STEP

        view = self.facts.view
        # (not where the run sized an index or column for the new vectors: the TODOs there say re-embed; held-out
        # review 90, X12, "nothing was flagged for re-embedding" beside such a TODO)
        return () if view is None or view.plan.vectors_persist or any(view.plan.dimensions.values()) else \
            (EPHEMERAL_VECTORS_STEP.format(model=model),)

    def first_vectors_todo(self, model: str) -> bool:
        """Is this the module's first re-embed TODO for ``model``, by any rule (MIG107's calls, MIG116's / MIG121's
        objects)? Said once (held-out review 67: a notebook said it three times, once per rule and object); not at all
        where the plan names a vector store of the tree the module fills (its TODO says to rebuild it: held-out review
        86, Y8, two TODOs a site)."""
        from migrator.mapping.embeddings import STORED_VECTORS_TODO

        said = self.facts.__dict__.setdefault("_vectors_said", set())
        view = self.facts.view
        stored = STORED_VECTORS_TODO.split("{path}", 1)[1].split("{skip}", 1)[0]
        # (once whatever the model is called: "mistral-embed" at a literal, "a Mistral model" at a name, said twice in
        # one notebook; held-out review 163, Y5)
        if said or view is not None and any(stored in str(todo) for todo in view.dimension_statements.values()):
            return False
        said.add(model)
        return True

    def first_in_module(self, model: str) -> bool:
        """Is this the first run-time ``model=`` value ``model`` (its code) this rule meets in the module?
        Its "computed at run time" TODO is said once per module (JARVIS passes one model_name parameter
        to 11 calls in a file)."""
        # MIG102 and MIG110 both send chat models: one TODO a module between them (held-out review 37, N4: "said
        # once per module" was said twice, once by each)
        said = self.facts.__dict__.setdefault("_chat_run_time_models", set()) if self.code in ("MIG102", "MIG110") \
            else self.__dict__.setdefault("_run_time_models", set())
        if model in said:
            return False
        said.add(model)
        return True

    def mistral_module_client(self, call: cst.Call) -> cst.Name:
        """Mistral has no module-level client: the module's own one (added once after the imports).
        openai>=1's module client retried twice by default, so the one replacing it gets a RetryConfig;
        openai 0.x (``openai.ChatCompletion.create``) retried only failed connections, so its replacement nothing."""
        from migrator.mapping.client import (KEY_STEP, MISTRAL_CLIENT, MODULE_CLIENT_CODE, MODULE_CLIENT_NAME,
                                             MODULE_CLIENT_RETRYING_CODE, OPENAI_DEFAULT_RETRIES)

        retries = self.facts.module_retries  # `openai.max_retries = N` (MIG101 leaves the line a TODO)
        view = self.facts.view
        if view is not None and view.path in view.plan.local_keys:
            # every converted call follows `openai.api_key = <parameter>` in its function, where MIG101 builds the
            # client (mistral_client = Mistral(api_key=<parameter>)); or in its class's __init__, where MIG101 builds
            # self.mistral_client (plan.decide._instance_key_fold)
            if any("self" in span[2:] for span in view.plan.local_keys[view.path]):
                return cst.Attribute(value=cst.Name("self"), attr=cst.Name(MODULE_CLIENT_NAME))  # type: ignore
            return cst.Name(MODULE_CLIENT_NAME)
        if _v0_spelling(call.func) or retries == 0:
            self.need_statement(MODULE_CLIENT_CODE)
        else:
            count = retries if isinstance(retries, int) else OPENAI_DEFAULT_RETRIES
            self.need_statement(MODULE_CLIENT_RETRYING_CODE.format(retry_config=self.retry_config_code(count)))
        self.need_import(*MISTRAL_CLIENT)
        self._key_set_elsewhere()
        if "api_key" not in self.facts.module_settings and self.first_in_module("\0module key step"):
            # the module's client reads MISTRAL_API_KEY: the summary's "Before you deploy" says so, as for a converted
            # OpenAI() (held-out review 80, Y5: v0 conversions never did, and the deploy failed with 401); where
            # another module set OpenAI's key from the app's own variable, that variable is where it is set today
            # (held-out review 129, X3: "wherever OPENAI_API_KEY is set" of a project setting OPENAI_KEY)
            found = view.plan.module_keys.get(view.path) if view is not None else None
            variable = found[5] if found is not None and len(found) > 5 else ""
            self.__dict__["_pending_steps"] = (KEY_STEP.replace("wherever OPENAI_API_KEY is set today",
                                                                f"wherever {variable} (the app's OpenAI key) is set "
                                                                "today") if variable else KEY_STEP,)
        return cst.Name(MODULE_CLIENT_NAME)

    def _key_set_elsewhere(self) -> None:
        """openai 0.x's ``openai.api_key`` is process-wide: another module may set it (from the app's own
        setting) for this module's calls. This module's client reads MISTRAL_API_KEY: say so, once."""
        view = self.facts.view
        if view is None or "api_key" in self.facts.module_settings or not self.first_in_module("\0module key"):
            return
        import os

        found = view.plan.module_keys.get(view.path)  # (the plan decides which module's key reaches this one)
        if found is None:
            return
        path, line_there, code, top, importable = found[:5]
        try:
            shown = os.path.relpath(path, os.path.dirname(view.path) or ".").replace(os.sep, "/")
        except ValueError:
            shown = path
        line = self.current_line()
        # (the statement there becomes that module's own mistral_client where its calls convert: held-out review 92,
        # Y9, the TODO quoted a line the same run had rewritten)
        moved = top and any(c.path == path and c.kind == "module" and c.decision == CONVERT for c in view.plan.clients)
        self.todo(line, f"{shown} set OpenAI's key for every module (openai.api_key = {code}, its line "
                        f"{line_there}" + (", now its own mistral_client" if moved else "") + "); Mistral has no "
                        "such setting, and this module's mistral_client reads MISTRAL_API_KEY: set it, or build the "
                        "client with that key (Mistral(api_key=...))" +
                        (f", or import {shown}'s mistral_client" if moved and importable else ""))

    def retry_config_code(self, retries: "int | str") -> str:
        """The ``RetryConfig(...)`` code for ``max_retries=retries``, its imports requested: the class
        names, or their module where the module already uses one of the names (its own ``RetryConfig``)."""
        from migrator.mapping.client import RETRY_IMPORTS, retry_config_code

        module, names = RETRY_IMPORTS
        # `from mistralai.client.utils import RetryConfig` (a module an earlier run converted) is Mistral's
        # own: no second, qualified import (corpus review R4)
        clash = {name for name in set(names) & (self.facts.names_in_use | self.facts.bound_names)
                 if self.facts.imported_from.get(name) != module}
        if clash:
            self.need_import(module)  # `import mistralai.client.utils`: the app has a RetryConfig of its own
            return retry_config_code(retries, module + ".")
        for name in names:
            self.need_import(module, name)
        return retry_config_code(retries)

    def module_client_endpoint(self, module: str) -> None:
        """--target openai-compatible: the openai module's own client moves, so point it at the
        provider after the imports (settings the module makes itself are rewritten by MIG101)."""
        endpoint = self.config.endpoint()
        if not self.facts.module_settings & {"base_url", "api_base"}:
            self.need_statement(f'{module}.base_url = "{endpoint.module_base_url}"')
        if "api_key" not in self.facts.module_settings:
            self.need_import("os")
            self.need_statement(f"{module}.api_key = {endpoint.key_code}")

    def converted(self, line: int, message: str, safety: str = "exact", steps: tuple = (), code: str = "") -> None:
        """Report a converted site; ``steps``: what it needs outside the repository (the summary's "Before you
        deploy"); ``code``: the rule it counts under, where not this one's."""
        self.changed = True
        pending = self.__dict__.pop("_pending_steps", ())  # (the module client's key, mistral_module_client)
        message = _redacted(message)
        self.findings.append(Finding(code or self.code, FindingKind.CONVERTED, line, message, safety,
                                     tuple(dict.fromkeys((*steps, *pending)))))

    def todo(self, line: int, message: str, steps: tuple = ()) -> None:
        """Leave ``# TODO(migrator CODE): message`` above the enclosing statement, and report it (``steps``: what the
        summary's "Before you deploy" says for it)."""
        message = _redacted(" ".join(message.split()))  # quoted source may span lines; a comment may not
        if self._todos and message in self._todos[-1]:
            return  # one TODO per statement and reason, in the file and in the report
        self.findings.append(Finding(self.code, FindingKind.TODO, line, message, "manual", steps))
        if self._todos:
            self._todos[-1].append(message)

    def need_import(self, module: str, name: Optional[str] = None) -> None:
        self.needed.append((module, name))

    def need_statement(self, code: str) -> None:
        """A module-level statement (one line) to add after the imports, once."""
        self.needed.append((STATEMENT, code))

    # -- traversal ----------------------------------------------------------------------------
    # LibCST's own on_visit/on_leave look the handler up by name on every node, and isinstance on
    # its abstract node classes is slow; both showed at the top of the profile. Handlers are cached
    # per node type, and node kinds are tested by exact type.

    def _handler(self, prefix: str, node_type: type) -> Optional[Callable]:
        # called twice per node and rule: one dict lookup on the hot path
        cache = self._handlers[prefix]
        try:
            return cache[node_type]
        except KeyError:
            name = _handler_name(type(self), prefix, node_type)
            found = cache[node_type] = None if name is None else getattr(self, name)
            return found

    def on_visit(self, node: cst.CSTNode) -> bool:
        node_type = type(node)
        if node_type is cst.Module:
            # (the first statement's comments are the module's header in LibCST: its TODOs are there on a second run;
            # held-out review 96, Y3's repro, a TODO above `client = OpenAI(...)` on line 1 was written again)
            self.__dict__["_header_comments"] = {line.comment.value for line in node.header
                                                 if line.comment is not None}
        if node_type is cst.FormattedString and self.facts.masked and id(node) in self.facts.masked:
            return False  # an f-string of a newer grammar that the ast pass saw as a plain string
        if node_type is cst.SimpleStatementLine or node_type is cst.SimpleStatementSuite:
            # one LibCST line holds as many statements as Python's ast counts (`a = 1; b = 2`)
            if node_type is cst.SimpleStatementLine:
                self._todos.append([])
            first = self.statements_seen
            self.statements_seen += len(node.body)
            self.statement_stack.append(first)  # (on_leave runs for pruned nodes too, and pops it)
            self.statement_nodes.append(node)
            if self.facts.prune and not any(self.facts.stmt_relevant[first:self.statements_seen]):
                return False
        elif node_type in STATEMENT_TYPES:
            self._todos.append([])
            if node_type is cst.FunctionDef or node_type is cst.ClassDef:
                self.path = self.path + (node.name.value,)
            index = self.statements_seen
            self.statements_seen += 1
            self.statement_stack.append(index)
            self.statement_nodes.append(node)
            relevant, size = self.facts.stmt_relevant, self.facts.stmt_size
            if self.facts.prune and index < len(relevant) and not relevant[index]:
                self.statements_seen = index + size[index]
                return False  # nothing for any rule in there
        visit = self._handler("visit_", node_type)
        return visit is None or visit(node) is not False

    def on_leave(self, original: cst.CSTNode, updated: cst.CSTNode) -> Union[cst.CSTNode, cst.RemovalSentinel,
                                                                            cst.FlattenSentinel]:
        node_type = type(original)
        if node_type is cst.FormattedString and self.facts.masked and id(original) in self.facts.masked:
            return updated  # (on_visit skipped it, its visit_ handler too: held-out review 57, Y1 crashed here)
        leave = self._handler("leave_", node_type)
        result = updated if leave is None else leave(original, updated)
        if node_type in STATEMENT_TYPES:
            if node_type is cst.FunctionDef or node_type is cst.ClassDef:
                self.path = self.path[:-1]
            self.statement_done()
            todos = self._todos.pop()
            if todos and type(result) in STATEMENT_TYPES:
                result = self._with_todos(result, todos)
            elif todos and isinstance(result, cst.FlattenSentinel) and result.nodes:
                # (the statement itself, not one put after it: a key setting kept beside its client's line)
                nodes = list(result.nodes)
                main = max((i for i, n in enumerate(nodes) if id(n) not in self.added_after), default=len(nodes) - 1)
                if type(nodes[main]) in STATEMENT_TYPES:
                    nodes[main] = self._with_todos(nodes[main], todos)
                    result = cst.FlattenSentinel(nodes)
        if node_type in STATEMENT_TYPES or node_type is cst.SimpleStatementSuite:
            self.statement_stack.pop()
            self.statement_nodes.pop()
        return result

    # No rule uses attribute visitors (visit_Call_func ...): skip LibCST's two lookups per field.
    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        return None

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        return None

    @property
    def aligned(self) -> bool:
        return self.statements_seen == len(self.facts.stmt_relevant)

    def statement_done(self) -> None:
        """Hook: a statement's subtree has been transformed; its TODOs are attached right after."""

    def _with_todos(self, stmt, todos: list[str]):
        texts = [todo_text(self.code, t) for t in todos]
        existing = {line.comment.value for line in stmt.leading_lines if line.comment is not None} | \
            self.__dict__.get("_header_comments", set())
        # In a module that already holds a converted client (a second run), a kept client's TODO stays
        # as it is: its reasons can read otherwise because of the first run's own output (a name now
        # bound to a converted client too: held-out review 4, D10), and a rewrite would make the
        # conversion not idempotent. (Before any conversion, an earlier version's wording is replaced.)
        kept_head = f"{TODO_PREFIX}{self.code}): kept on OpenAI: "
        before = next((e for e in existing if e.startswith(kept_head)), None)
        if before is not None and "Mistral" in self.facts.names_in_use:
            texts = [before if t.startswith(kept_head) else t for t in texts]
        new = [cst.EmptyLine(indent=True, comment=cst.Comment(text)) for text in texts if text not in existing]
        if not new:
            return stmt
        # A TODO of this rule worded otherwise (an earlier migrator version) is replaced, not repeated.
        own = f"{TODO_PREFIX}{self.code}):"
        kept = [line for line in stmt.leading_lines if line.comment is None
                or not line.comment.value.startswith(own) or line.comment.value in texts]
        self.changed = True
        return stmt.with_changes(leading_lines=[*kept, *new])


class WrittenTargets:
    """Mixin for a rule whose sites are reads: remembers the targets being written (assigned, deleted,
    a loop's or a with's target), as ast's Store / Del contexts tell its site-order twin."""

    def written(self, node: cst.CSTNode) -> bool:
        return id(node) in self.__dict__.get("_stores", ())

    def _store(self, target: cst.BaseExpression) -> None:
        if isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._store(element.value)
        else:
            self.__dict__.setdefault("_stores", set()).add(id(target))

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._store(node.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._store(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._store(node.target)

    def visit_Del(self, node: cst.Del) -> None:
        self._store(node.target)

    def visit_For(self, node: cst.For) -> None:
        self._store(node.target)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._store(node.asname.name)


def _dotenv_key(tree, value) -> str:
    """``KEY`` of ``config["KEY"]`` / ``config.get("KEY")`` where ``config`` is bound once at module level to
    ``dotenv_values(...)`` (python-dotenv: the file's values, which the environment would otherwise give), else ""."""
    import ast

    if isinstance(value, ast.Subscript) and isinstance(value.slice, ast.Constant):
        holder, key = value.value, value.slice.value
    elif isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "get" and \
            value.args and isinstance(value.args[0], ast.Constant):
        holder, key = value.func.value, value.args[0].value
    else:
        return ""
    if not (isinstance(holder, ast.Name) and isinstance(key, str)):
        return ""
    bound = [node.value for node in getattr(tree, "body", ()) if isinstance(node, ast.Assign) and
             any(isinstance(t, ast.Name) and t.id == holder.id for t in node.targets)]
    return key if len(bound) == 1 and isinstance(bound[0], ast.Call) and \
        (dotted_name(bound[0].func) or "").rsplit(".", 1)[-1] == "dotenv_values" else ""


def unknown_model_todo(name: str, kind: str = "") -> str:
    """The TODO for a model name the map (and the user's --model pairs) do not cover."""
    return f"no Mistral model is known for {name!r}: pass --model {name}=<mistral {kind}model>"


def dotted(node: cst.BaseExpression) -> Optional[str]:
    """``a.b.c`` for a Name/Attribute chain, else None."""
    parts = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if isinstance(node, cst.Name):
        parts.append(node.value)
        return ".".join(reversed(parts))
    return None


_NAMED_CONSTANTS = {"True": True, "False": False, "None": None}


def literal(node: cst.BaseExpression):
    """The Python value of a literal expression, or raise ValueError (like ``ast.literal_eval``,
    without compiling source for every keyword: the common node kinds are read directly)."""
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString, cst.Integer, cst.Float)):
        value = node.evaluated_value
        if value is None and not isinstance(node, (cst.Integer, cst.Float)):
            raise ValueError("not a plain string literal")
        return value
    if isinstance(node, cst.Name) and node.value in _NAMED_CONSTANTS:
        return _NAMED_CONSTANTS[node.value]
    if isinstance(node, (cst.List, cst.Tuple, cst.Set)):
        if any(isinstance(e, cst.StarredElement) for e in node.elements):
            raise ValueError("starred element")
        values = [literal(e.value) for e in node.elements]
        return values if isinstance(node, cst.List) else tuple(values) if isinstance(node, cst.Tuple) \
            else set(values)
    if isinstance(node, cst.Dict):
        out = {}
        for element in node.elements:
            if not isinstance(element, cst.DictElement):
                raise ValueError("** in a dict literal")
            out[literal(element.key)] = literal(element.value)
        return out
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, (cst.Minus, cst.Plus)):
        value = literal(node.expression)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return -value if isinstance(node.operator, cst.Minus) else value
    raise ValueError(f"not a literal: {type(node).__name__}")


def walk_cst(node: cst.CSTNode):
    """``node`` and every node under it (libcst's ``ast.walk``)."""
    yield node
    for child in node.children:
        yield from walk_cst(child)


def code_of(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


# Expressions that stay one operand wherever a template puts them (`int({value} * 1000)`)
_OPERANDS = (cst.Name, cst.Attribute, cst.Call, cst.Subscript, cst.Integer, cst.Float, cst.Imaginary,
             cst.SimpleString, cst.ConcatenatedString, cst.FormattedString, cst.List, cst.Dict, cst.Set,
             cst.ListComp, cst.DictComp, cst.SetComp)


def xform_code(template: str, value: cst.BaseExpression) -> cst.BaseExpression:
    """A mapping's code template (``int({value} * 1000)``) applied to the source expression ``value``, in
    parentheses unless it is one operand (held-out review 28, G1: ``timeout=a or b`` became ``int(a or b * 1000)``,
    a 30 ms timeout where a was 30)."""
    if template == "{value}":
        return value  # (`tools=tool_schemas or None` as it was: parentheses there were diff noise, review 51 L8)
    text = code_of(value)
    if not isinstance(value, _OPERANDS) and not value.lpar:
        text = f"({text})"
    return cst.parse_expression(template.format(value=text))


def seconds_to_ms_code(value: cst.BaseExpression, template: str, taken: frozenset = frozenset()) -> cst.BaseExpression:
    """``timeout=<value>`` -> Mistral's ``timeout_ms``: a name or attribute may hold None (OpenAI: no timeout; a
    parameter defaulting to None, a setting left unset), which ``int(None * 1000)`` turns into a TypeError before any
    request (held-out review 48, H1): ``None if x is None else int(x * 1000)``. Any other expression that may give
    None (``x if c else None``, ``x or None``, a call) is evaluated once, into a name (``taken``: the module's names):
    ``None if (timeout_s := f()) is None else int(timeout_s * 1000)`` (re-review 50, J5). Arithmetic and numbers
    are converted as they are."""
    if isinstance(value, (cst.Name, cst.Attribute)) and dotted(value) or _lookup(value):
        # (`cfg.get("timeout")`, `getattr(cfg, "timeout", None)`, `cfg["timeout"]`: a lookup, read twice: re-review 49,
        # I3)
        name = code_of(value)
        return cst.parse_expression(f"None if {name} is None else {template.format(value=name)}")
    if _numeric_code(value):
        return xform_code(template, value)
    name = "timeout_s"
    while name in taken:
        name += "_"
    held = value.with_changes(lpar=(), rpar=()) if isinstance(value, cst.BaseExpression) else value
    return cst.parse_expression(f"None if ({name} := {code_of(held)}) is None else {template.format(value=name)}")


def _numeric_code(value: cst.BaseExpression) -> bool:
    """An expression that gives a number, or fails as it did under OpenAI: a number, arithmetic, or a
    choice between numbers (``30 if fast else 60``)."""
    if isinstance(value, (cst.Integer, cst.Float, cst.BinaryOperation)):
        return True
    if isinstance(value, cst.UnaryOperation):
        return _numeric_code(value.expression)
    if isinstance(value, cst.IfExp):
        return _numeric_code(value.body) and _numeric_code(value.orelse)
    if isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or):
        # `given or DEFAULT`, `t or 30`: the fallback decides (`x or None` may give None)
        last = value.right
        return _numeric_code(last) or isinstance(last, (cst.Name, cst.Attribute)) and code_of(last) != "None"
    return isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and \
        value.func.value in ("float", "int", "round", "abs", "max", "min")  # (never None)


def _lookup(value: cst.BaseExpression) -> bool:
    """A setting's lookup that may give None and reads the same twice: ``x.get(...)``, ``getattr(x, "a", None)``,
    ``x["a"]`` on a name or attribute."""
    if isinstance(value, cst.Call) and not any(a.star for a in value.args):
        func = value.func
        return isinstance(func, cst.Attribute) and func.attr.value == "get" and bool(dotted(func.value)) or \
            isinstance(func, cst.Name) and func.value == "getattr" and bool(value.args) and bool(dotted(value.args[0].value))
    return isinstance(value, cst.Subscript) and bool(dotted(value.value)) and len(value.slice) == 1 and \
        isinstance(value.slice[0].slice, cst.Index) and \
        isinstance(value.slice[0].slice.value, (cst.SimpleString, cst.Integer))


class ApiCallTransformer(RuleTransformer):
    """A rule for one OpenAI API surface answered by the plan's API sites (MIG107, MIG108, MIG109):
    ``matches`` picks the rule's calls, ``site_answer`` hands back (line, the plan's "call" answer)."""

    def __init__(self, rule, facts) -> None:
        super().__init__(rule, facts)
        self._answers_by_node: dict[int, tuple] = {}

    def matches(self, node: cst.Call) -> bool:
        raise NotImplementedError

    def visit_Call(self, node: cst.Call) -> None:
        found = self.api_site(node)  # every API call counts, so the occurrences line up with MIG106's
        if found is not None and self.matches(node):
            self._answers_by_node[id(node)] = found

    def site_answer(self, original: cst.Call, updated: cst.CSTNode):
        """(line, answer) for a call of this rule the plan answered, else None (also when an earlier
        rule of the pass replaced the call)."""
        found = self._answers_by_node.pop(id(original), None)
        if found is None or not isinstance(updated, cst.Call) or found[1][0] != "call":
            return None
        return found

    def converting(self, original: cst.Call, updated: cst.CSTNode, by_hand: str, links: int = 2):
        """(line, is_async, receiver) when the plan converts this call on the mistral target (the
        receiver is the module's Mistral client for the openai module's own client), else None. An
        untraced receiver's call gets a TODO: ``by_hand`` says how to convert it. ``links``: the
        attributes between the receiver and the call (``client.completions.create``: 2)."""
        found = self.site_answer(original, updated)
        if found is None:
            return None
        line, answer = found
        _, verdict, is_async, module_client, blocking, *_ = answer
        receiver = updated.func  # type: ignore[attr-defined]
        for _ in range(links):
            receiver = receiver.value  # type: ignore[attr-defined]
        if verdict == UNRESOLVED and not blocking and self.config.endpoint() is None:
            self.todo(line, f"{code_of(receiver)}: migrator cannot tell which client it holds; if it receives a client "
                            f"migrator converted, {by_hand}; a client that stays on OpenAI needs nothing")
            return None
        if verdict == KEEP and isinstance(blocking, str) and blocking and not module_client and \
                self.config.endpoint() is None and not blocking.endswith("has no rule yet"):
            # (`vector_stores.files.create(...) has no rule yet`: another surface's call this rule's shape matched;
            # MIG106 says what is closest)
            # this call keeps its client on OpenAI: its reason goes above it, not only in the client's list, which
            # may be in another module (held-out review 45, A1: a transcription's prompt= was named nowhere near it;
            # the openai module's own client: MIG106 says it)
            surface = ".".join(code_of(updated.func).split(".")[-links:])  # type: ignore[attr-defined]
            if is_async and "_async(" not in by_hand:  # an awaited call: the async method (re-review 46, D4)
                by_hand = re.sub(r"\b(client(?:\.\w+)+)\.(\w+)\(", r"await \1.\2_async(", by_hand, count=1)
            # (a reason that says what to do by hand already: no second "by hand")
            # (nor where the reason says the thing has no Mistral form: an assistant's file id, an assistants
            # upload; "convert by hand" contradicted it, held-out review 69, X7)
            if blocking.startswith("legacy openai v0 API "):  # (its own call named: not chat.completions.create)
                self.todo(line, blocking)
            else:
                self.todo(line, f"{surface}(...) stays on OpenAI: {blocking}"
                          + ("" if "by hand" in blocking or blocking.endswith(NO_MISTRAL_FORM) else
                             f"; to move it, {by_hand}"))
        if verdict != CONVERT or self.config.endpoint() is not None:
            return None
        return line, is_async, self.mistral_module_client(updated) if module_client else receiver


def legacy_call(func: cst.BaseExpression, resource: str) -> bool:
    """``<module>.<resource>.create`` / ``acreate``: openai 0.x's spelling of a call (``openai.Embedding.create``),
    which the plan converts as the module client's (MIG118)."""
    return isinstance(func, cst.Attribute) and func.attr.value in ("create", "acreate") and \
        isinstance(func.value, cst.Attribute) and func.value.attr.value == resource


def _v0_spelling(func: cst.BaseExpression) -> bool:
    """``openai.ChatCompletion.create`` / ``openai.Model.list``: a call through one of openai 0.x's
    resources (``migrator.mapping.client.V0_HINTS``, ``migrator.mapping.legacy.V0_RESOURCES``: ``openai.Image.create``
    too, held-out review 154, Y1), not openai>=1's ``openai.chat.completions``."""
    from migrator.mapping.client import V0_HINTS
    from migrator.mapping.legacy import V0_RESOURCES

    while isinstance(func, cst.Attribute):
        if func.attr.value in V0_HINTS or func.attr.value in V0_RESOURCES:
            return True
        func = func.value
    return False


def keyword_arg(name: str, value: cst.BaseExpression) -> cst.Arg:
    """``name=value`` written the way PEP 8 writes keyword arguments (no spaces around ``=``)."""
    tight = cst.SimpleWhitespace("")
    return cst.Arg(keyword=cst.Name(name), value=value,
                   equal=cst.AssignEqual(whitespace_before=tight, whitespace_after=tight))


def _own_nodes(body: cst.CSTNode, kind: type) -> list:
    """The nodes of type ``kind`` in a function body, not in the functions, lambdas or classes nested in it."""
    found: list = []

    class Walker(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            if isinstance(node, kind):
                found.append(node)
            return not isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda))

    for child in body.children:
        child.visit(Walker())
    return found


def _own_returns(body: cst.CSTNode) -> list:
    """The ``return`` statements of a function body, not of the functions, lambdas or classes nested in it."""
    return _own_nodes(body, cst.Return)


def _own_statements(body: cst.CSTNode) -> list:
    """The simple statement lines of a function body, not of the functions or classes nested in it."""
    return _own_nodes(body, cst.SimpleStatementLine)


def _names_bound(target: cst.BaseExpression) -> list:
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [n for e in target.elements for n in _names_bound(e.value)]
    return []


def session_key(node: cst.CSTNode) -> Optional[str]:
    """The key of a Streamlit session-state entry (``st.session_state["openai_model"]``, ``st.session_state.model``),
    else None (migrator.plan.decide._session_key reads the same in the ast)."""
    if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index) and \
            isinstance(node.slice[0].slice.value, cst.SimpleString) and \
            (dotted(node.value) or "").endswith("session_state"):
        key = node.slice[0].slice.value.evaluated_value
        return key if isinstance(key, str) else None
    if isinstance(node, cst.Attribute) and (dotted(node.value) or "").endswith("session_state"):
        return node.attr.value
    return None


def retyped_returns(rule, original: cst.FunctionDef, updated: cst.FunctionDef, converted: set,
                    targets) -> cst.FunctionDef:
    """``updated`` with its return annotation naming Mistral's class (``targets``: OpenAI's qualified name ->
    Mistral's, in mistralai.client.models) when every ``return`` of its own gives one of ``converted`` (the ids of
    converted call expressions), directly or through a name the function assigns once: ``-> ChatCompletion`` /
    ``-> CreateEmbeddingResponse`` of ``return client.<...>.create(...)``."""
    from migrator.mapping.chat import MISTRAL_MODELS_MODULE

    returns = original.returns
    annotation = returns.annotation if returns is not None else None
    quoted = isinstance(annotation, cst.SimpleString) and isinstance(annotation.evaluated_value, str) and \
        annotation.evaluated_value.replace(".", "").replace("_", "").isalnum()
    if quoted:  # `-> "ChatCompletion"` (a forward reference; re-review 45, B22): the name it quotes
        annotation = cst.parse_expression(annotation.evaluated_value)  # type: ignore[arg-type]
    target = targets.get(rule.facts.qualify(dotted(annotation)) or "") if annotation is not None else None
    if not converted or target is None:
        return updated
    every = _own_returns(original.body)
    assigned: dict = {}  # name -> the values the function's own assignments give it
    for statement in _own_statements(original.body):
        for small in getattr(statement, "body", ()):
            if isinstance(small, cst.Assign):
                for t in small.targets:
                    for n in _names_bound(t.target):
                        assigned.setdefault(n, []).append(small.value)
            elif isinstance(small, (cst.AugAssign, cst.AnnAssign)):
                # (`r: ChatCompletion = client.chat.completions.create(...)`, then `return r`: the call's value)
                value = small.value if isinstance(small, cst.AnnAssign) else None
                for n in _names_bound(small.target):
                    assigned.setdefault(n, []).append(value)

    def converted_value(node) -> bool:
        if id(node) in converted:
            return True
        values = assigned.get(node.value, []) if isinstance(node, cst.Name) else []
        return len(values) == 1 and id(values[0]) in converted  # `completion = <call>; return completion`

    if not every or any(n.value is None or not converted_value(n.value) for n in every):
        return updated
    rule.need_import(MISTRAL_MODELS_MODULE, target)
    rule.converted(rule.current_line(), f"-> {code_of(returns.annotation)} annotation: the function returns the "
                                        f"converted call's {target}")
    written = cst.SimpleString(f'{returns.annotation.quote}{target}{returns.annotation.quote}') if quoted \
        else cst.Name(target)  # type: ignore[union-attr]
    return updated.with_changes(returns=returns.with_changes(annotation=written))


def _leaves_its_value(what: str) -> str:
    """The end of the TODO for a model constant set in another module that other code reads too."""
    return (f", so migrator leaves its value: give this call {what} of its own, or make it name {what} there and "
            "update those readers (see `migrator rules` / --model; said once per module)")


def finish_args(original: "tuple[cst.Arg, ...] | list[cst.Arg]", new: list[cst.Arg],
                opening: Optional[cst.BaseParenthesizableWhitespace] = None) -> list[cst.Arg]:
    """Fix commas and closing whitespace after arguments were dropped, renamed or appended.

    Separators keep the call's own style (one line or one argument per line); the last argument
    takes over the original last argument's trailing comma and whitespace, so the closing
    parenthesis stays where it was.
    """
    if not new or not original:
        return new
    original, new = _drop_comments_of_dropped(original, new)
    last = original[-1]
    if len(original) >= 2 and isinstance(original[-2].comma, cst.Comma):
        separator = original[-2].comma
        if isinstance(separator.whitespace_after, cst.ParenthesizedWhitespace):  # drop its comment
            separator = separator.with_changes(
                whitespace_after=separator.whitespace_after.with_changes(first_line=cst.TrailingWhitespace()))
    elif isinstance(opening, cst.ParenthesizedWhitespace):
        # one argument per line (``OpenAI(\n    api_key=k\n)``): new arguments go on lines of their own (the
        # comments after "(" stay where they are, not copied before each: held-out review 39, P5)
        separator = cst.Comma(whitespace_after=opening.with_changes(
            first_line=cst.TrailingWhitespace(newline=opening.first_line.newline), empty_lines=[]))
    else:
        separator = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    # an argument kept in place takes over the comma of the arguments dropped after it: the line break
    # before the next kept argument stays (`seed=7, user="u1",\n    max_tokens=64`: user dropped)
    position = {id(a.comma): i for i, a in enumerate(original) if isinstance(a.comma, cst.Comma)}
    kept = {position[id(a.comma)] for a in new if id(a.comma) in position}
    out = []
    for arg in new[:-1]:
        index = position.get(id(arg.comma))
        if index is not None:
            following = next((m for m in range(index + 1, len(original)) if m in kept or m == len(original) - 1),
                             index + 1)
            if following > index + 1 and isinstance(original[following - 1].comma, cst.Comma):
                arg = arg.with_changes(comma=_taken_over(arg.comma, original[following - 1].comma))
        if not isinstance(arg.comma, cst.Comma) or arg.comma is last.comma:
            arg = arg.with_changes(comma=separator)
        if arg.whitespace_after_arg is last.whitespace_after_arg and len(new) > 1:
            arg = arg.with_changes(whitespace_after_arg=cst.SimpleWhitespace(""))  # the closing ) moves on
        out.append(arg)
    tail = new[-1]
    if isinstance(last.comma, cst.Comma) and isinstance(tail.comma, cst.Comma) and tail.comma is not last.comma:
        comma = tail.comma  # trailing-comma style either way: keep the tail's own (it may hold a comment)
        mine, theirs = comma.whitespace_after, last.comma.whitespace_after
        if isinstance(mine, cst.ParenthesizedWhitespace) and isinstance(theirs, cst.ParenthesizedWhitespace):
            # ...but indent the closing parenthesis as the original did
            comma = comma.with_changes(whitespace_after=mine.with_changes(indent=theirs.indent,
                                                                          last_line=theirs.last_line))
        elif not isinstance(mine, cst.ParenthesizedWhitespace):
            # `temperature=0.2, stream=True,\n)`, the arguments after it dropped: the closing parenthesis keeps
            # its line (`temperature=0.2, )` otherwise: held-out review 39, P6)
            comma = last.comma
        closing = last.whitespace_after_arg
    else:
        comma = last.comma
        closing = last.whitespace_after_arg
        mine = tail.comma.whitespace_after if isinstance(tail.comma, cst.Comma) else None
        if tail.comma is not last.comma and isinstance(mine, cst.ParenthesizedWhitespace) \
                and mine.first_line.comment is not None and isinstance(closing, cst.ParenthesizedWhitespace):
            # ``messages=m,  # history\n    stream=True\n)``, stream dropped: the comment stays on its argument
            closing = closing.with_changes(first_line=mine.first_line)
    out.append(tail.with_changes(comma=comma, whitespace_after_arg=closing))
    if not any(a.keyword is not None and a.keyword.value == "timeout_ms" for a in original):
        # timeout=30 (seconds) became timeout_ms=30000: a comment that only named the unit follows it
        out = [milliseconds_comment(a) if a.keyword is not None and a.keyword.value == "timeout_ms"
               and not isinstance(a.value, cst.Call) else a for a in out]
    return out


def finished(call: cst.Call, args: list[cst.Arg], **changes) -> cst.Call:
    """``call`` with ``args`` (the arguments kept, renamed or added) finished in its layout (``finish_args``) and
    the whitespace after ``(`` following a dropped first argument (``opening_after``), plus ``changes``."""
    return call.with_changes(args=finish_args(call.args, args),
                             whitespace_before_args=opening_after(call.args, args, call.whitespace_before_args),
                             **changes)


def _drop_comments_of_dropped(original, new):
    """``original`` and ``new`` without the comments of the arguments that were dropped: a dropped
    argument's trailing comment and the comment lines directly above it go with it (``stream=True  # stream
    the answer`` dropped: the comment does not move onto ``messages=``; held-out review 40, R13). The same
    comma or whitespace node is replaced by the same new node in both lists, so identities still pair them."""
    present = set()
    for arg in new:
        present.update({id(arg.value), id(arg.comma), id(arg.whitespace_after_arg)} |
                       ({id(arg.keyword)} if arg.keyword is not None else set()))
    swap: dict = {}
    own = _own

    def edited(node):
        return swap.get(id(node), (node,))[0]

    for index, arg in enumerate(original):
        if own(arg) & present:
            continue
        if index and isinstance(original[index - 1].comma, cst.Comma):
            above = edited(original[index - 1].comma)
            if isinstance(above.whitespace_after, cst.ParenthesizedWhitespace) \
                    and any(line.comment is not None for line in above.whitespace_after.empty_lines):
                lines = [line for line in above.whitespace_after.empty_lines if line.comment is None]
                swap[id(original[index - 1].comma)] = (above.with_changes(
                    whitespace_after=above.whitespace_after.with_changes(empty_lines=lines)),)
        comma = edited(arg.comma) if isinstance(arg.comma, cst.Comma) else None
        if comma is not None and isinstance(comma.whitespace_after, cst.ParenthesizedWhitespace) \
                and comma.whitespace_after.first_line.comment is not None:
            swap[id(arg.comma)] = (comma.with_changes(whitespace_after=comma.whitespace_after.with_changes(
                first_line=cst.TrailingWhitespace(newline=comma.whitespace_after.first_line.newline))),)
        after = arg.whitespace_after_arg
        if comma is None and isinstance(after, cst.ParenthesizedWhitespace) and after.first_line.comment is not None:
            swap[id(after)] = (after.with_changes(first_line=cst.TrailingWhitespace(newline=after.first_line.newline)),)
    if not swap:
        return original, new

    def mended(arg):
        return arg.with_changes(comma=edited(arg.comma), whitespace_after_arg=edited(arg.whitespace_after_arg))
    return [mended(a) for a in original], [mended(a) for a in new]


def _own(arg: cst.Arg) -> set:
    """The ids of the nodes that are ``arg``'s own (its value, comma and own closing whitespace): a kept argument
    (renamed, its value mapped) still holds one of them."""
    return {id(arg.value)} | ({id(arg.comma)} if isinstance(arg.comma, cst.Comma) else set()) \
        | ({id(arg.keyword)} if arg.keyword is not None else set()) \
        | ({id(arg.whitespace_after_arg)} if isinstance(arg.whitespace_after_arg, cst.ParenthesizedWhitespace)
           else set())


def opening_after(original: "tuple[cst.Arg, ...] | list[cst.Arg]", new: list[cst.Arg],
                  opening: cst.BaseParenthesizableWhitespace) -> cst.BaseParenthesizableWhitespace:
    """The whitespace after ``(`` once the arguments before the first kept one are dropped (``new`` as given to
    ``finish_args``), one argument per line: the comment lines above the dropped first argument go with it, and
    those above the first kept one come along (``organization="ORG",`` / ``# key from the vault`` / ``api_key=k``:
    the comment was lost; ``# ask for a stream`` / ``stream=True,`` stayed above ``model=``: held-out review 43,
    W9). A comment on the line of ``(`` stays."""
    if not isinstance(opening, cst.ParenthesizedWhitespace) or not original or not new:
        return opening
    present: set = set()
    for arg in new:
        present.update(_own(arg))
    first = next((i for i, arg in enumerate(original) if _own(arg) & present), None)
    if not first or not (_own(new[0]) & _own(original[first])):
        return opening
    above = original[first - 1].comma
    if not isinstance(above, cst.Comma) or not isinstance(above.whitespace_after, cst.ParenthesizedWhitespace):
        return opening  # the dropped argument shared the kept one's line: its comment lines are that line's
    return opening.with_changes(empty_lines=above.whitespace_after.empty_lines)


def _taken_over(mine, theirs: cst.Comma) -> cst.Comma:
    """The comma a kept argument takes over from the arguments dropped after it, keeping the kept
    argument's own trailing comment (``seed=7,  # fixed\n    user="u1",\n    max_tokens=64``: user dropped)."""
    if isinstance(mine, cst.Comma) and isinstance(mine.whitespace_after, cst.ParenthesizedWhitespace) \
            and mine.whitespace_after.first_line.comment is not None:
        if not isinstance(theirs.whitespace_after, cst.ParenthesizedWhitespace):
            return mine
        return theirs.with_changes(whitespace_after=theirs.whitespace_after.with_changes(
            first_line=mine.whitespace_after.first_line))
    return theirs


# ``timeout=30,  # seconds``: a comment that names only the unit is wrong once the value is milliseconds
_SECONDS_COMMENT = re.compile(r"^#\s*(?:in\s+)?(?:seconds?|secs?|s)\.?\s*$", re.IGNORECASE)


def milliseconds_comment(arg: cst.Arg) -> cst.Arg:
    """``arg`` with a trailing comment that only says "seconds" saying "milliseconds" (the comment
    may sit after the comma or, on the last argument, after the value)."""
    def fixed(space):
        if isinstance(space, cst.ParenthesizedWhitespace) and space.first_line.comment is not None \
                and _SECONDS_COMMENT.match(space.first_line.comment.value):
            text = re.sub(r"(?i)\b(?:seconds?|secs?|s)\b", "milliseconds", space.first_line.comment.value, count=1)
            return space.with_changes(first_line=space.first_line.with_changes(comment=cst.Comment(text)))
        return space
    if isinstance(arg.comma, cst.Comma):
        arg = arg.with_changes(comma=arg.comma.with_changes(whitespace_after=fixed(arg.comma.whitespace_after)))
    return arg.with_changes(whitespace_after_arg=fixed(arg.whitespace_after_arg))


def append_arg(args: list[cst.Arg], arg: cst.Arg,
               opening: Optional[cst.BaseParenthesizableWhitespace] = None) -> list[cst.Arg]:
    """``args`` (already finished) with ``arg`` added at the end, in the call's layout. One argument
    per line (after ``(`` or in a hanging indent): the last argument's comma and trailing comment stay
    on its line (``timeout=30,  # seconds``; ``api_key=k  # the key`` gets a comma before its comment),
    ``arg`` gets a line of its own, and comment lines before ``)`` stay before it."""
    last = args[-1] if args else None
    # the line break and indent that start an argument's line: after "(", else between the last two arguments
    line = opening if isinstance(opening, cst.ParenthesizedWhitespace) else \
        args[-2].comma.whitespace_after if len(args) >= 2 and isinstance(args[-2].comma, cst.Comma) and \
        isinstance(args[-2].comma.whitespace_after, cst.ParenthesizedWhitespace) else None
    if last is None or line is None:
        return finish_args(args, [*args, arg], opening)
    if isinstance(last.comma, cst.Comma) and isinstance(last.comma.whitespace_after, cst.ParenthesizedWhitespace):
        closing = last.comma.whitespace_after
        own_line = closing.with_changes(empty_lines=[], indent=line.indent, last_line=line.last_line)
        return [*args[:-1], last.with_changes(comma=last.comma.with_changes(whitespace_after=own_line)),
                arg.with_changes(comma=cst.Comma(whitespace_after=closing.with_changes(
                    first_line=cst.TrailingWhitespace(newline=closing.first_line.newline))))]
    if last.comma is cst.MaybeSentinel.DEFAULT and isinstance(last.whitespace_after_arg, cst.ParenthesizedWhitespace) \
            and last.whitespace_after_arg.first_line.comment is not None:
        # ``api_key=k  # the key\n)``: the comment stays on its argument's line, after the new comma
        closing = last.whitespace_after_arg
        own_line = closing.with_changes(empty_lines=[], indent=line.indent, last_line=line.last_line)
        return [*args[:-1], last.with_changes(comma=cst.Comma(whitespace_after=own_line),
                                              whitespace_after_arg=cst.SimpleWhitespace("")),
                arg.with_changes(whitespace_after_arg=closing.with_changes(
                    first_line=cst.TrailingWhitespace(newline=closing.first_line.newline)))]
    return finish_args(args, [*args, arg], opening)


def finish_elements(original, new: list) -> list:
    """``finish_args`` for dict elements (no whitespace after the element itself)."""
    if not new or not original:
        return new
    last = original[-1]
    separator = original[-2].comma if len(original) >= 2 and isinstance(original[-2].comma, cst.Comma) \
        else cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    out = [e.with_changes(comma=separator) if not isinstance(e.comma, cst.Comma) or e.comma is last.comma else e
           for e in new[:-1]]
    out.append(new[-1].with_changes(comma=last.comma))
    return out


# -- httpx Timeout objects (MIG101's timeout=, MIG102's per-call timeout=) ------------------------------

UNKNOWN_TIMEOUT = object()  # read_timeout: the read timeout is not written as a number or None


def timeout_object(value: cst.BaseExpression) -> bool:
    """``httpx.Timeout(...)`` / ``Timeout(...)``: an httpx timeout with several phases."""
    return isinstance(value, cst.Call) and (dotted(value.func) or "").rsplit(".", 1)[-1] == "Timeout"


def read_timeout(call: cst.Call):
    """The read timeout of ``httpx.Timeout(30.0, connect=5.0)`` / ``Timeout(read=20)`` in seconds, None
    when it is None (no read timeout), UNKNOWN_TIMEOUT when not written as either. httpx's first
    argument (``timeout=``) is the default of every phase ``read=`` does not override."""
    keywords = {arg.keyword.value: arg.value for arg in call.args if arg.keyword is not None}
    positional = [arg.value for arg in call.args if arg.keyword is None and not arg.star]
    value = keywords.get("read", keywords.get("timeout", positional[0] if positional else None))
    if value is None or any(arg.star for arg in call.args):
        return UNKNOWN_TIMEOUT
    try:
        number = literal(value)
    except (ValueError, SyntaxError):
        return UNKNOWN_TIMEOUT
    if number is None:
        return None
    return float(number) if isinstance(number, (int, float)) and not isinstance(number, bool) else UNKNOWN_TIMEOUT


TIMEOUT_PHASES = "Mistral takes one timeout_ms: the read timeout is used (connect / write / pool have no setting)"


def _redacted(message: str) -> str:
    """``message`` with any OpenAI secret it quotes (code shown in a TODO: `api_key=os.environ.get("KEY", "sk-proj-
    ...")`) replaced: secrets never go into TODO comments, logs or reports (held-out review 131, X1)."""
    from migrator.mapping.client import REAL_OPENAI_KEY

    return REAL_OPENAI_KEY.sub("<an OpenAI key, not shown>", message) if "sk-" in message else message
