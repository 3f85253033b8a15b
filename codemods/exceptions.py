"""MIG103: OpenAI exception classes -> Mistral exception classes (with status checks)."""

from __future__ import annotations

import dataclasses

import builtins
import os
from typing import Optional

import libcst as cst

from codemods._base import MigratorRule, RuleTransformer, dotted, finish_args, walk_cst
from codemods._base import code_of as _code
from codemods._facts import EXC
from migrator.engine.results import Finding, FindingKind
from migrator.plan.model import KEEP
from migrator.mapping.errors import (ABSENT_ATTRIBUTES, ATTRIBUTE_NOTES, ERROR_CODE_TODO, ERROR_MESSAGE_TODO,
                                     ERRORS_IMPORT, ERRORS_MODULE, HTTP_VALIDATION,
                                     HTTPX_IMPORT, MISTRAL_ERROR, NEGATED, OPENAI_ERROR_CODES, RAISE_FAKE,
                                     RAISE_FAKE_OF, REEXPORTED_ERROR_ELSEWHERE_TODO, REEXPORTED_ERROR_TODO,
                                     REQUEST_ERROR, REQUEST_ID_HEADER,
                                     RESPONSE_VALIDATION, SDK_ERROR, TIMEOUT, ErrorRule, error_rule, lacks,
                                     mistral_ancestors, openai_error_phrase)

RETRY_TYPE, RETRY_NOT_TYPE = "retry_if_exception_type", "retry_if_not_exception_type"  # tenacity
RETRY_PREDICATE = "retry_if_exception"
BACKOFF_ON_EXCEPTION = "on_exception"  # backoff.on_exception(wait_gen, exception, giveup=...)
CELERY_TASKS, CELERY_RETRY = ("task", "shared_task"), "autoretry_for"  # @app.task(autoretry_for=(...))
_BUILTIN_EXCEPTIONS = {n for n, v in vars(builtins).items()
                       if isinstance(v, type) and issubclass(v, BaseException)}
_DISJOINT_BUILTINS = _BUILTIN_EXCEPTIONS - {"Exception", "BaseException"}  # no Mistral/httpx2 error is one
USER = "!"  # prefix of a caught class that is the user's own code (kept as written)
Part = tuple[tuple[str, ...], Optional[tuple[str, str]]]  # (classes, status check) for one caught element


class Exceptions(MigratorRule):
    """Rewrites what code catches or tests for OpenAI exceptions into the Mistral classes.

    **What it does.** Looks up each OpenAI exception class (``openai.X``, ``from openai import X``,
    legacy ``openai.error.X``) in ``migrator.mapping.errors`` where it is *caught*: ``except``
    clauses (also tuples), ``isinstance(x, ...)`` and tenacity's ``retry_if_exception_type(...)`` /
    ``retry_if_not_exception_type(...)``. A class with a status-free counterpart is renamed
    (``APITimeoutError`` -> ``httpx2.TimeoutException``). A class Mistral folds into one class gets
    a status check: ``except openai.RateLimitError:`` -> ``except errors.SDKError as e:`` whose body
    starts with ``if e.status_code != 429: raise`` (an ``as`` name is added when missing);
    ``isinstance(x, openai.RateLimitError)`` -> ``(isinstance(x, errors.SDKError) and
    x.status_code == 429)``; ``retry_if_exception_type(openai.RateLimitError)`` ->
    ``retry_if_exception(lambda exc: isinstance(exc, errors.SDKError) and exc.status_code == 429)``;
    ``backoff.on_exception(wait, openai.RateLimitError)`` retries on ``errors.SDKError`` with
    ``giveup=lambda exc: not (<the status check>)``, joined with ``or`` to an existing one-parameter
    ``giveup`` lambda or function name. Celery's ``@app.task(autoretry_for=(...))`` takes classes only: it names
    the Mistral classes (a tuple still), with a TODO where a status-specific class widened to ``errors.SDKError``.
    In a handler, ``e.response`` becomes ``e.raw_response`` where
    every caught class is mistralai's ``MistralError`` family; ``e.code`` / ``e.type`` / ``e.param``, which Mistral's
    errors lack, become ``getattr(e, "code", None)`` (the read raised AttributeError inside the handler), with a TODO.
    A re-raise does not fall through to the next ``except`` clause, so when a later clause of the
    same ``try`` could catch what the status check re-raises (``except RateLimitError: ...
    except APIError: ...``), the clauses are merged into one handler with an ``if``/``elif`` chain in
    the original order, ending in ``else: raise``; a catch-all there (``except Exception:``, a bare
    ``except:``) becomes the chain's ``else:`` and the merged clause catches what it caught
    (``except Exception as e:`` / ``except BaseException as e:``). openai 0.x kept ``error.Timeout`` apart from
    ``error.APIConnectionError``; Mistral's timeout (``httpx2.TimeoutException``) is an ``httpx2.RequestError``, so a
    legacy timeout clause after the connection clause moves above it (a TODO where a clause between could catch a
    timeout, or where an outer ``try`` handled the timeouts the inner connection clause now catches).

    **Which handlers.** Only those the conversion plan says are about converted calls: the calls the ``try``
    makes are traced through the repo's functions and methods (``service.ask()``, ``self.llm.ask()``), three
    calls deep. Around calls of kept clients the handler stays. Where nothing in the ``try`` is traced to a
    client but every client of the tree converts, the handler stays with a TODO in a module that shares a
    process with converted calls (what raises there may also be a library calling OpenAI itself), and
    without one elsewhere.

    **Why.** mistralai 3.7 raises ``errors.SDKError`` for every 4XX/5XX (``HTTPValidationError`` for a
    422 with a JSON body) and lets ``httpx2`` network errors through unwrapped (api-mapping.md §9).

    **Fix safety.** exact for the openai 3.x classes; approximate for ``OpenAIError``,
    ``APIResponseValidationError`` and the legacy ``openai.error`` classes (v0 statuses).

    **Known limits (TODO, code unchanged).** ``raise openai.X(...)``; classes without a Mistral
    equivalent (``LengthFinishReasonError``, webhooks, ...), which leave their whole ``try`` as written
    (each other OpenAI handler of it gets a TODO naming what Mistral raises); a status check on a complex
    ``isinstance`` subject, in ``except*``, or in handlers that bind the exception to different
    names; any other reference (``pytest.raises``, ``issubclass``, variables
    holding classes: ``RETRYABLE = (openai.RateLimitError, ...)`` gets the TODO of the calls its ``except``
    clauses guard, in its module or in the modules importing it), another ``giveup=`` expression; a class read through
    another module of the tree (``from app.llm import RateLimitError``, ``llm.RateLimitError``) in a module whose calls
    converted. Handlers reading ``e.body`` / ``e.code`` ... are converted and get a TODO saying what to read instead
    (and so do OpenAI error codes matched in them: ``"context_length_exceeded" in str(e)``, and phrases of OpenAI's
    error messages: ``"You exceeded your current quota" in str(e)``). ``from tenacity import
    retry_if_exception_type`` stays
    (possibly unused) when the call becomes ``retry_if_exception``.

    **openai-compatible target.** Not applied: the openai SDK stays, and so do its exceptions.
    """

    TARGETS = ("mistral",)  # under openai-compatible the OpenAI SDK stays, and so do its exceptions
    CODE = "MIG103"
    NAME = "exceptions"
    SAFETY = "approximate"
    DESCRIPTION = "except / isinstance / retry_if_exception_type on OpenAI exceptions -> Mistral exceptions"
    BEFORE = 'import time\nimport openai\n\ntry:\n    reply = ask(client)\nexcept openai.RateLimitError:\n    time.sleep(1)\nexcept openai.APIConnectionError:\n    reply = None\n'
    AFTER = 'import time\nimport httpx2\nfrom mistralai.client import errors\n\ntry:\n    reply = ask(client)\nexcept errors.SDKError as e:\n    if e.status_code != 429:\n        raise\n    time.sleep(1)\nexcept (httpx2.RequestError, errors.NoResponseError):\n    reply = None\n'

    def make_transformer(self, facts):
        if facts.view is not None and facts.view.error_names:
            facts.prune = False  # (an exception's class name compared with OpenAI's: no site of the plan's marks it)
        return _Transformer(self, facts)


def _elements(node: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The classes of a caught tuple; a tuple with ``*splat`` counts as one opaque class."""
    if isinstance(node, cst.Tuple) and not any(isinstance(e, cst.StarredElement) for e in node.elements):
        return [e.value for e in node.elements]
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.BitOr):
        # `isinstance(exc, APITimeoutError | APIConnectionError)` (PEP 604): as a tuple (held-out review 28, G6)
        return _elements(node.left) + _elements(node.right)
    return [node]


def code_of(node: cst.CSTNode) -> str:
    """Source of ``node`` on one line (TODO comments cannot span lines)."""
    return " ".join(_code(node).split())


def _without_subsumed(parts: list[Part]) -> list[Part]:
    """Drop a status-checked class that another class of the same clause catches whole:
    ``(RateLimitError, APIError)`` is ``(SDKError with 429, MistralError, ...)``, and MistralError
    catches every SDKError, so the status check (and a guard that could never re-raise) would be noise.
    Classes caught whole stay as written (``(APITimeoutError, APIConnectionError)``)."""
    plain = {c for classes, status in parts if status is None for c in classes if not c.startswith(USER)}
    out = []
    for classes, status in parts:
        kept = classes if status is None else tuple(c for c in classes if not mistral_ancestors(c) & plain)
        if kept:
            out.append((kept, status))
    return out


def _openai_subclasses(elements: list, before: list) -> bool:
    """Were the classes ``elements`` names already caught by ``before``'s in openai itself (``except
    APIConnectionError`` then ``except APITimeoutError``, a subclass): dead code before the conversion too."""
    import openai

    def classes(nodes: list) -> list:
        found = [getattr(openai, (dotted(n) or "").rsplit(".", 1)[-1], None) for n in nodes]
        return [c for c in found if isinstance(c, type)]

    mine, theirs = classes(elements), classes(before)
    return bool(mine) and len(mine) == len(elements) and all(any(issubclass(c, t) for t in theirs) for c in mine)


def _flat(parts: list[Part]) -> list[str]:
    return [c for classes, _ in parts for c in classes]


class _Transformer(RuleTransformer):
    def __init__(self, rule, facts) -> None:
        super().__init__(rule, facts)
        self._skip: set[int] = set()  # Name nodes that are not references (attribute names, keywords)
        self._claimed: set[int] = set()  # references a context (except, isinstance, ...) converts
        self._in_import = 0
        self._errors_taken = "errors" in facts.names_in_use
        self._scopes: list[cst.CSTNode] = []  # the module and the functions around the current node
        self._merge_names: dict[int, Optional[str]] = {}  # first handler of a merged group -> its name
        self._built: set[int] = set()  # references that are called (`RateLimitError(...)`: a test's fake error)
        self._tries: list = []  # the try statements around the current node (originals), innermost last

    # -- sites (same order as codemods._facts) -----------------------------------------------------
    def visit_Import(self, node) -> None:
        self._in_import += 1

    def leave_Import(self, original, updated):
        self._in_import -= 1
        return updated

    visit_ImportFrom, leave_ImportFrom = visit_Import, leave_Import

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self._skip.add(id(node.keyword))

    def visit_Param(self, node: cst.Param) -> None:
        self._skip.add(id(node.name))

    def visit_ClassDef(self, node) -> None:
        self._skip.add(id(node.name))  # a definition's name is not a reference (ast has no node there)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._skip.add(id(node.name))
        self._scopes.append(node)

    def leave_FunctionDef(self, original, updated):
        if self._scopes and self._scopes[-1] is original:  # (a pruned function was never visited)
            self._scopes.pop()
        return updated

    def visit_Module(self, node: cst.Module) -> None:
        self._scopes = [node]

    def leave_SimpleString(self, original: cst.SimpleString, updated: cst.SimpleString) -> cst.SimpleString:
        # `exc.__class__.__name__ in {"BadRequestError", ...}` in a module whose calls convert (the plan's error_names:
        # held-out review 175, Y2)
        checks = self.facts.view.error_names if self.facts.view is not None else {}
        line = self.current_line() if checks else 0
        if line in checks and original.evaluated_value == checks[line][0]:
            self.todo(line, checks[line][1])
        return updated

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._skip.add(id(node.attr))
        self._site(node)

    def visit_Name(self, node: cst.Name) -> None:
        if not self._in_import and id(node) not in self._skip:
            self._site(node)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        if isinstance(node.target, cst.Name):
            # `OpenAIError = Exception` (a compatibility shim's fallback) binds the app's own name: no reference to
            # OpenAI's class to convert, and no TODO (held-out review 79, X4: one on a dead fallback)
            self._claimed.add(id(node.target))
            self.__dict__.setdefault("_stored", set()).add(id(node.target))

    def _site(self, node) -> None:
        rule = error_rule(self.facts.qualify(dotted(node)))
        if rule is None:
            self._reexported(node)
            return
        line = self.mark_site(node, EXC)
        if id(node) in self.__dict__.get("_stored", ()):
            return
        answer = self.answer_for(node)
        if answer and answer[0] == "exc" and answer[1] == "todo":
            self.todo(line, f"{code_of(node)}: some calls that may raise here are converted and some are not "
                            f"(or migrator cannot see them): where Mistral raises, catch {self._describe(rule)}")
        elif answer and answer[0] == "exc" and answer[1] == "untraced" and id(node) in self._built:
            # a fake error a test raises into a mock (rippled-ai: `side_effect=[RateLimitError(...), ok]`; held-out
            # review 25, B1: the TODO said to catch what the test builds)
            fake = RAISE_FAKE_OF.get(rule.catch[0]) if rule.catch and SDK_ERROR not in rule.catch else None
            how = f"{fake}, say" if fake else f"{RAISE_FAKE} has that status_code"
            self.todo(line, f"{code_of(node)}(...) is built here: where it stands for an error of a client migrator "
                            f"converted (a fake's side_effect), the converted code catches {self._describe(rule)} "
                            f"instead, so raise that ({how}); if a library that calls "
                            "OpenAI itself raises it, leave this as it is")
        elif answer and answer[0] == "exc" and answer[1] == "untraced":
            # (one TODO per statement: a retry's tuple of three classes got three; held-out review 108, X5)
            self._statement_todo(line, (code_of(node), self._describe(rule)), lambda parts: (
                f"{', '.join(name for name, _ in parts)}: migrator traces no call here to a client it converted; if "
                "one raises here (reached where migrator cannot follow), catch " + (
                    parts[0][1] if len(parts) == 1 else
                    "Mistral's errors instead (" + "; ".join(f"{name.rsplit('.', 1)[-1]}: {caught}"
                                                             for name, caught in parts) + ")") +
                "; if a library that calls OpenAI itself raises it, leave this as it is"), "_untraced_said")
        elif answer and answer[0] == "exc" and answer[1] == "wrapper":
            self._wrapper_todo(line, code_of(node))

    def _wrapper_todo(self, line: int, name: str) -> None:
        """The TODO of an openai exception that a LangChain / LlamaIndex object migrator moves may be what raises: one
        per statement, naming each class it holds (held-out review 104, X7: four identical TODOs stacked above an
        `ERROR_MESSAGES = {RateLimitError: ..., APITimeoutError: ...}` table)."""
        self._statement_todo(line, name, lambda names: (
            f"{', '.join(names)}: what raises here may be a LangChain / LlamaIndex object that migrator moves "
            "to Mistral (MIG116 / MIG121), which raises no openai exceptions: ChatMistralAI / "
            "MistralAIEmbeddings raise httpx.HTTPStatusError (.response.status_code), LlamaIndex's MistralAI "
            "mistralai's errors.SDKError (.status_code); catch those once they are converted"), "_wrapper_said")

    def _statement_todo(self, line: int, name, message_of, slot: str) -> None:
        """One TODO per statement for the classes ``name`` it names: ``message_of(names)`` is rewritten in place as each
        class is met (``slot``: the kind of TODO, said apart)."""
        said = self.__dict__.setdefault(slot, {})
        statement = self._todos[-1] if self._todos else None
        before = said.get(id(statement)) if statement is not None else None
        names = [*before[1], name] if before is not None and before[0] is statement and name not in before[1] else \
            before[1] if before is not None and before[0] is statement else [name]
        message = message_of(names)
        if before is not None and before[0] is statement:
            old = before[2]
            statement[statement.index(old)] = message
            index = next(i for i, f in enumerate(self.findings) if f.message == old and f.rule == self.code)
            self.findings[index] = dataclasses.replace(self.findings[index], message=message)
        else:
            self.todo(line, message)
        if statement is not None:
            said[id(statement)] = (statement, names, message)

    def _reexported(self, node) -> None:
        """``except RateLimitError`` / ``except llm.RateLimitError`` where another module of the tree imports the
        class from openai, in a module whose calls converted: Mistral raises its own errors there, which the clause
        no longer catches (held-out review 70, X1: the class was kept importable, and the handler dead, silently)."""
        view = self.facts.view
        errors = view.reexported_errors if view is not None else None
        found = errors.get(dotted(node) or "") if errors else None
        if found is None or self.config.endpoint() is not None:
            return
        qualified, where, here = found
        rule = error_rule(qualified)
        if rule is None:
            return
        todo = (REEXPORTED_ERROR_TODO if here else REEXPORTED_ERROR_ELSEWHERE_TODO).format(
            code=code_of(node), qualified=qualified, where=os.path.basename(where), catch=self._describe(rule))
        if not here and self.facts.view is not None and any(
                c.path == self.facts.view.path and c.decision == KEEP and c.provider == "openai"
                for c in self.facts.view.plan.clients):
            return  # (a client of this module stays on OpenAI: the clause may guard its calls; review of session 88)
        self.todo(self.current_line(), todo)

    def _rule(self, node: cst.BaseExpression) -> Optional[ErrorRule]:
        """The mapping for an OpenAI exception reference the plan converts (the calls that raise it
        are converted), else None: the reference stays as written."""
        rule = error_rule(self.facts.qualify(dotted(node)))
        if rule is None:
            return None
        answer = self._answers.get(id(node))
        if answer is not None and not (answer[0] == "exc" and answer[1] == "convert"):
            return None
        return rule

    def _line(self, elements) -> int:
        return min(self._lines.get(id(e), 0) for e in elements if self._rule(e))

    # -- contexts claim their references before the references are left -------------------------------
    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        if node.type is not None:
            self._claimed.update(id(e) for e in _elements(node.type))

    visit_ExceptStarHandler = visit_ExceptHandler

    def visit_Call(self, node: cst.Call) -> None:
        self._built.add(id(node.func))
        target = self._classes_arg(node)
        if target is not None:
            self._claimed.update(id(e) for e in _elements(target.value))

    @staticmethod
    def _raised(node: cst.Raise) -> Optional[cst.BaseExpression]:
        return node.exc.func if isinstance(node.exc, cst.Call) else node.exc

    def visit_Raise(self, node: cst.Raise) -> None:
        exc = self._raised(node)
        if exc is not None and self._rule(exc) is not None:
            self._claimed.add(id(exc))

    def leave_Raise(self, original: cst.Raise, updated: cst.Raise) -> cst.Raise:
        exc = self._raised(original)
        # (the plan's answer for the class is known only once its node was visited, after visit_Raise)
        if exc is not None and id(exc) in self._claimed and self._rule(exc) is not None:
            self.todo(self._lines.get(id(exc), 0), f"raise {code_of(exc)}(...): Mistral errors are built from an "
                      "httpx2.Response (errors.SDKError(message, raw_response)); raise your own exception instead")
        return updated

    def leave_Name(self, original, updated):
        return self._unclaimed(original, updated)

    def leave_Attribute(self, original, updated):
        return self._unclaimed(original, updated)

    def _unclaimed(self, original, updated):
        rule = self._rule(original)
        if rule is not None and id(original) in self._lines and id(original) not in self._claimed:
            why = rule.note if not rule.catch else f"Mistral raises {self._describe(rule)}"
            self.todo(self._lines[id(original)], f"{code_of(original)} left unchanged: {why}; convert by hand")
        return updated

    # -- names, imports, predicates ----------------------------------------------------------------------
    def _name(self, qualified: str) -> str:
        if qualified.startswith(USER):
            return qualified[len(USER):]
        module, _, name = qualified.partition(".")
        if module == "httpx2":
            self.need_import(HTTPX_IMPORT)
            return qualified
        if self._errors_taken:
            self.need_import(ERRORS_MODULE, name)
            return name
        self.need_import(*ERRORS_IMPORT)
        return qualified

    def _describe(self, rule: ErrorRule) -> str:
        classes = " / ".join(rule.catch)
        return f"{classes} with status_code {' '.join(rule.status)}" if rule.status else classes

    def _parts(self, elements) -> Optional[list[Part]]:
        """Per element: Mistral classes + status check; None when one has no Mistral equivalent."""
        parts = []
        for element in elements:
            rule = self._rule(element)
            if rule is not None and not rule.catch:
                others = [code_of(e) for e in elements if e is not element and self._rule(e) is not None]
                self.todo(self._lines.get(id(element), 0), f"{code_of(element)}: {rule.note}; convert by hand"
                          + (f" (left with it: {', '.join(others)}, for which Mistral raises other classes)"
                             if others else ""))
                return None
            parts.append(((USER + _code(element),), None) if rule is None else (rule.catch, rule.status))
        return _without_subsumed(parts)

    def _report(self, elements, what: str) -> None:
        rules = [r for r in map(self._rule, elements) if r is not None]
        safety = "exact" if all(r.safety == "exact" for r in rules) else "approximate"
        names = ", ".join(code_of(e) for e in elements if self._rule(e) is not None)
        self.converted(self._line(elements), f"{what} {names}", safety)

    def _classes(self, names) -> str:
        names = [self._name(n) for n in dict.fromkeys(names)]
        return names[0] if len(names) == 1 else f"({', '.join(names)})"

    def _predicate(self, subject: str, parts: list[Part], implied: frozenset = frozenset()) -> str:
        """``implied``: the classes the enclosing ``except`` already guarantees (no always-true isinstance)."""
        plain = [c for classes, status in parts if status is None for c in classes]
        terms = [f"isinstance({subject}, {self._classes(plain)})"] if plain else []
        for classes, status in parts:
            if status is not None:
                check = f"{subject}.status_code {status[0]} {status[1]}"
                terms.append(check if implied and set(classes) == implied
                             else f"isinstance({subject}, {self._classes(classes)}) and {check}")
        return " or ".join(f"({t})" if " and " in t and len(terms) > 1 else t for t in terms)

    # -- isinstance(...) and tenacity predicates ---------------------------------------------------------------
    def _classes_arg(self, node: cst.Call) -> Optional[cst.Arg]:
        name = dotted(node.func) or ""
        if name == "isinstance" and len(node.args) == 2 and not any(a.star or a.keyword for a in node.args):
            arg = node.args[1]
        elif name.split(".")[-1] in (RETRY_TYPE, RETRY_NOT_TYPE) and node.args:
            arg = next((a for a in node.args if a.keyword is None or a.keyword.value == "exception_types"), None)
        elif name.split(".")[-1] in CELERY_TASKS and name.count(".") <= 1:
            arg = next((a for a in node.args if a.keyword is not None and a.keyword.value == CELERY_RETRY), None)
        elif name.split(".")[-1] == BACKOFF_ON_EXCEPTION and (name.startswith("backoff.") or name == BACKOFF_ON_EXCEPTION):
            positional = [a for a in node.args if a.keyword is None and not a.star]
            arg = next((a for a in node.args if a.keyword is not None and a.keyword.value == "exception"),
                       positional[1] if len(positional) >= 2 else None)
        else:
            return None
        if arg is None or arg.star or not any(self._rule(e) for e in _elements(arg.value)):
            return None
        return arg

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        arg = self._classes_arg(original)
        if arg is None:
            return updated
        elements = _elements(arg.value)
        parts = self._parts(elements)
        if parts is None:
            return updated
        index = original.args.index(arg)
        celery = (dotted(original.func) or "").split(".")[-1] in CELERY_TASKS
        if all(status is None for _, status in parts):
            new = cst.parse_expression(self._classes(c for classes, _ in parts for c in classes))
            if celery and not isinstance(new, cst.Tuple):  # (Celery makes a tuple of it: a class is no iterable)
                new = cst.Tuple([cst.Element(new)])
            args = list(updated.args)
            args[index] = args[index].with_changes(value=new)
            if (dotted(original.func) or "").split(".")[-1] == BACKOFF_ON_EXCEPTION:
                for i, arg in enumerate(args):  # the app's giveup= sees mistralai's exceptions now
                    if arg.keyword is not None and arg.keyword.value == "giveup":
                        args[i] = arg.with_changes(value=self._own_giveup(arg.value, parts, self._line(elements)))
            self._report(elements, "caught class")
            return updated.with_changes(args=args)
        line = self._line(elements)
        if dotted(original.func) == "isinstance":
            subject = dotted(original.args[0].value)
            if subject is None:
                self.todo(line, f"isinstance({code_of(original.args[0].value)}, ...) needs a status check on a "
                                "complex expression; assign it to a name first")
                return updated
            self._report(elements, "isinstance check on")
            return cst.parse_expression(f"({self._predicate(subject, parts)})")
        if (dotted(original.func) or "").split(".")[-1] == BACKOFF_ON_EXCEPTION:
            return self._backoff(original, updated, index, elements, parts, line)
        if celery:
            # `@app.task(autoretry_for=(openai.RateLimitError, ...))`: Celery takes classes only, so the task retries on
            # the Mistral classes, wider than OpenAI's status-specific ones (held-out review 59, X8: left unchanged,
            # the tuple never matched and the task stopped retrying on 429 / 5xx)
            caught = list(dict.fromkeys(c for classes, _ in parts for c in classes))
            args = list(updated.args)
            new = cst.parse_expression(self._classes(caught))
            args[index] = args[index].with_changes(value=new if isinstance(new, cst.Tuple) else cst.Tuple([
                cst.Element(new)]))
            narrowed = [(code_of(e), rule) for e in elements if (rule := self._rule(e)) is not None and rule.status]
            wide = list(dict.fromkeys(c for _, rule in narrowed for c in rule.catch))
            needed = len(self.needed)
            shown = " / ".join(self._name(c) for c in wide)
            del self.needed[needed:]  # (only quoted here: the tuple above imports what it names)
            self.todo(line, f"autoretry_for= now names {shown}, which Mistral raises for every HTTP error status, "
                            f"where {', '.join(n for n, _ in narrowed)} meant only status_code "
                            f"{' or '.join(dict.fromkeys(' '.join(r.status) for _, r in narrowed))}: to retry on those "
                            "alone, catch it in the task and retry (self.retry(exc=exc), with bind=True) when the "
                            "status matches")
            self._report(elements, "Celery autoretry_for on")
            return updated.with_changes(args=args)
        func = updated.func
        predicate = self._predicate("exc", parts)
        if dotted(func).split(".")[-1] == RETRY_NOT_TYPE:
            predicate = f"not ({predicate})"
        if isinstance(func, cst.Name):
            self.need_import("tenacity", RETRY_PREDICATE)
            func = cst.Name(RETRY_PREDICATE)
        else:
            func = func.with_changes(attr=cst.Name(RETRY_PREDICATE))
        self._report(elements, "retry predicate on")
        return cst.Call(func=func, args=[cst.Arg(cst.parse_expression(f"lambda exc: {predicate}"))])

    def _own_giveup(self, own: cst.BaseExpression, parts: list[Part], line: int) -> cst.BaseExpression:
        """The app's own ``giveup=`` now receives mistralai's exceptions: in a one-parameter lambda,
        ``.response`` becomes ``.raw_response`` where every caught class has it, other OpenAI-only reads
        get a TODO; a function gets a TODO to check what it reads."""
        caught = list(dict.fromkeys(c for classes, _ in parts for c in classes))
        param = _single_param(own)
        if param is not None:
            reads = {m.attr.value for m in _attribute_reads(own.body, param)}
            renamed = {"response"} if "response" in reads and _has_raw_response(caught) else set()
            if renamed:
                own = own.with_changes(body=own.body.visit(_ResponseRead(param)))
            own = own.with_changes(body=own.body.visit(_AbsentRead(param)))
            for attr in sorted(reads - renamed):
                if attr in ATTRIBUTE_NOTES:
                    self.todo(line, f"giveup= reads {ATTRIBUTE_NOTES[attr].format(e=param)}")
        elif isinstance(own, (cst.Name, cst.Attribute)) and dotted(own) is not None:
            self.todo(line, f"giveup={code_of(own)} now receives mistralai's exceptions: check what it reads "
                            "(.response is .raw_response, .body a str, no .code)")
        return own

    def _backoff(self, original: cst.Call, updated: cst.Call, index: int, elements, parts: list[Part],
                 line: int) -> cst.Call:
        """``backoff.on_exception(wait, openai.RateLimitError, ...)``: retry on the Mistral classes and give
        up on what the OpenAI classes would not have caught (``giveup=``)."""
        existing = next((i for i, a in enumerate(updated.args) if a.keyword is not None and a.keyword.value == "giveup"),
                        None)
        args = list(updated.args)
        if existing is not None:
            # give up on what the OpenAI classes would not have caught, or where the app's own giveup says so
            own = self._own_giveup(args[existing].value, parts, line)
            param = _single_param(own)
            if param is not None:
                value = f"lambda {param}: not ({self._predicate(param, parts)}) or ({code_of(own.body)})"
            elif isinstance(own, (cst.Name, cst.Attribute)) and dotted(own) is not None:
                value = f"lambda exc: not ({self._predicate('exc', parts)}) or {code_of(own)}(exc)"
            else:
                needed = len(self.needed)
                check = self._predicate("exc", parts)
                del self.needed[needed:]  # the names are only quoted in the TODO
                self.todo(line, f"backoff.on_exception already has giveup=: make it also give up when not ({check}), "
                                "and retry on the Mistral classes, by hand")
                return updated
            args[existing] = args[existing].with_changes(value=cst.parse_expression(value))
        caught = list(dict.fromkeys(c for classes, _ in parts for c in classes))
        args[index] = args[index].with_changes(value=cst.parse_expression(self._classes(caught)))
        self._report(elements, "backoff retry on")
        if existing is not None:
            return updated.with_changes(args=args)
        # isinstance even where backoff only ever hands over the one class: giveup= is typed to take an
        # Exception, and a type checker rejects exc.status_code on it
        giveup = cst.Arg(cst.parse_expression(f"lambda exc: not ({self._predicate('exc', parts)})"),
                         keyword=cst.Name("giveup"), equal=cst.AssignEqual(
                             whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")))
        return updated.with_changes(args=finish_args(updated.args, [*args, giveup], updated.whitespace_before_args))

    # -- except clauses ------------------------------------------------------------------------------------------
    def visit_Try(self, node: cst.Try) -> None:
        self._tries.append(node)

    visit_TryStar = visit_Try

    def leave_Try(self, original: cst.Try, updated: cst.Try) -> cst.Try:
        if self._tries and self._tries[-1] is original:
            self._tries.pop()
        self._codes_caught_generically(original)
        self._handler_todos: dict[int, list[tuple[int, str]]] = {}  # handler index -> (line, TODO)s above it
        self._group = None  # the index, after merging, of the handler being converted
        converted = self._convert_try(original, updated)
        self._group = None
        return self._place_handler_todos(converted)

    leave_TryStar = leave_Try

    def _place_handler_todos(self, updated):
        """A TODO about one ``except`` clause goes right above it, where the report's line points
        (not above the ``try:``, possibly many lines away)."""
        if not self._handler_todos:
            return updated
        handlers = list(updated.handlers)
        for index, todos in sorted(self._handler_todos.items()):
            lines: dict[str, int] = {}
            for line, message in todos:
                lines.setdefault(" ".join(message.split()), line)
            for message, line in lines.items():
                self.findings.append(Finding(self.code, FindingKind.TODO, line, message, "manual"))
            handlers[index] = self._with_todos(handlers[index], list(lines))
        self._handler_todos = {}
        self._group = None
        return updated.with_changes(handlers=handlers)

    def _legacy_timeouts_first(self, original, updated):
        """``except openai.error.APIConnectionError`` before ``except openai.error.Timeout``: in openai 0.x the two
        are disjoint, so their order did not matter; Mistral's timeout (httpx2.TimeoutException) is an
        httpx2.RequestError, so the connection clause would catch it first and the timeout clause never run
        (held-out review 39, Q3). The timeout clause moves up, above the connection one, where no clause between
        them could catch a timeout (else a TODO). Returns the two trys, reordered or as they were."""
        def rules(handler):
            elements = _elements(handler.type) if handler.type is not None else []
            return elements, [self._rule(e) for e in elements]

        def legacy(rule) -> bool:
            return rule is not None and rule.note.startswith("legacy")

        connection = next((i for i, h in enumerate(original.handlers)
                           if any(legacy(r) and REQUEST_ERROR in r.catch for r in rules(h)[1])), None)
        if connection is None:
            return original, updated

        def timeout_clause(handler) -> bool:  # (with 0.x classes disjoint from APIConnectionError: R3)
            found = rules(handler)[1]
            return any(legacy(r) and r.catch == (TIMEOUT,) for r in found) and \
                all(r is not None and legacy(r) and REQUEST_ERROR not in r.catch for r in found)

        def has_timeout(handler) -> bool:
            return any(legacy(r) and r.catch == (TIMEOUT,) for r in rules(handler)[1])

        if not any(has_timeout(h) for h in original.handlers[connection + 1:]):
            outer = next((h for t in reversed(self._tries) for h in t.handlers if timeout_clause(h)), None) or \
                self._caller_timeout_clause(timeout_clause)
            if outer is not None and not any(timeout_clause(h) for h in original.handlers[:connection]):
                # the timeout went past this try to an outer clause in 0.x (re-review 40, R4)
                self._handler_todos.setdefault(connection, []).append((
                    self._line(rules(original.handlers[connection])[0]),
                    f"except {code_of(original.handlers[connection].type)} now also catches Mistral's timeouts "
                    "(httpx2.TimeoutException is an httpx2.RequestError), which openai 0.x raised past it to the "
                    f"outer except {code_of(outer.type)}: re-raise them here (if isinstance(e, "
                    "httpx2.TimeoutException): raise) if that clause should still handle them"))
            return original, updated
        order, todos = list(range(len(original.handlers))), []
        for index in range(connection + 1, len(original.handlers)):
            elements, found = rules(original.handlers[index])
            if not has_timeout(original.handlers[index]):
                continue
            between = original.handlers[connection + 1:index]
            if timeout_clause(original.handlers[index]) and all(h.type is not None and all(
                    (r is not None and TIMEOUT not in r.catch and REQUEST_ERROR not in r.catch) or
                    (r is None and _code(e) in _DISJOINT_BUILTINS) for e, r in zip(*rules(h))) for h in between):
                order.remove(index)
                order.insert(order.index(connection), index)
                self.findings.append(Finding(self.code, FindingKind.CONVERTED, self._line(elements),
                                             f"except {code_of(original.handlers[index].type)} moved above except "
                                             f"{code_of(original.handlers[connection].type)}: Mistral's timeouts are "
                                             "connection errors (httpx2.TimeoutException is an httpx2.RequestError), "
                                             "which openai 0.x kept apart", "approximate"))
            else:
                todos.append((index, (
                    self._line(elements), f"except {code_of(original.handlers[index].type)}: Mistral's timeouts are "
                    f"connection errors (httpx2.TimeoutException is an httpx2.RequestError), so except "
                    f"{code_of(original.handlers[connection].type)} above now catches them first; catch "
                    "httpx2.TimeoutException before it (or move this clause above it) if timeouts should reach this "
                    "one")))
        for index, todo in todos:  # (at the clause's place once the others moved)
            self._handler_todos.setdefault(order.index(index), []).append(todo)
        if order == sorted(order):
            return original, updated
        return (original.with_changes(handlers=[original.handlers[i] for i in order]),
                updated.with_changes(handlers=[updated.handlers[i] for i in order]))

    def _caller_timeout_clause(self, timeout_clause):
        """The ``except openai.error.Timeout`` clause of a ``try`` in this module whose body calls the function the
        current ``try`` is in (``def ask(): try: return _call(q) except openai.error.Timeout: ...``), else None
        (re-review 41, T7: the helper's connection clause now caught the caller's timeouts, silently)."""
        function = next((s for s in reversed(self._scopes) if isinstance(s, cst.FunctionDef)), None)
        if function is None or not self._scopes or not isinstance(self._scopes[0], cst.Module):
            return None
        name = function.name.value
        found = []

        class _Calls(cst.CSTVisitor):
            def visit_Try(self, node: cst.Try) -> None:
                clause = next((h for h in node.handlers if timeout_clause(h)), None)
                if clause is None:
                    return
                calls = _CallsOf()
                node.body.visit(calls)
                if calls.hit:
                    found.append(clause)

        class _CallsOf(cst.CSTVisitor):
            hit = False

            def visit_Call(self, node: cst.Call) -> None:
                func = node.func
                if (isinstance(func, cst.Name) and func.value == name) or \
                        (isinstance(func, cst.Attribute) and func.attr.value == name):
                    self.hit = True

        self._scopes[0].visit(_Calls())
        return found[0] if found else None

    def _convert_try(self, original, updated):
        self._merge_names = {}
        original, updated = self._legacy_timeouts_first(original, updated)
        plans: dict[int, tuple[list, list[Part]]] = {}  # handler index -> (elements, parts)
        for index, handler in enumerate(original.handlers):
            elements = _elements(handler.type) if handler.type is not None else []
            if any(self._rule(e) for e in elements):
                parts = self._parts(elements)
                if parts is None:
                    self._left_with(original, index)
                    return updated
                plans[index] = (elements, parts)
        self._unprocessable_apart(plans)
        self._shadowed_apart(plans)
        groups, index = [], 0  # (first, last) handler indexes; first..last become one handler
        while index < len(original.handlers):
            last = self._group_end(original, plans, index) if index in plans else index
            if last is None:
                self._left_with(original, index)
                return updated
            groups.append((index, last))
            index = last + 1
        # after merging, the handler of group g sits at index g
        self._handler_todos = {g: self._handler_todos[first] for g, (first, _) in enumerate(groups)
                               if first in self._handler_todos}
        handlers = []
        for first, last in groups:
            self._group = len(handlers)  # where an attribute TODO of this handler goes (_attribute_todos)
            if first not in plans:
                handlers.append(updated.handlers[first])
            elif first == last:
                handlers.append(self._convert_handler(original.handlers[first], updated.handlers[first],
                                                      *plans[first]))
            else:
                handlers.append(self._merge(self._merge_names.get(first), original.handlers[first:last + 1],
                                            updated.handlers[first:last + 1],
                                            [plans.get(i) for i in range(first, last + 1)]))
        return updated.with_changes(handlers=handlers)

    def _unprocessable_apart(self, plans: dict) -> None:
        """``except BadRequestError`` (Mistral's 400 and 422: it answers 422 where OpenAI answered 400) before an
        ``except UnprocessableEntityError`` (422) of the same ``try``: the first takes 400 alone, so that the 422
        handler is not dead code, with a TODO saying where Mistral's invalid requests go now (held-out review 61,
        X25: the 422 branch never ran, and the app's own error for it was lost, silently)."""
        wide = ("in", "(400, 422)")
        later = [i for i, (elements, _) in plans.items()
                 if any((rule := self._rule(e)) is not None and rule.status == ("==", "422") for e in elements)]
        for index, (elements, parts) in plans.items():
            if not any(wide == status for _, status in parts) or not any(i > index for i in later):
                continue
            plans[index] = (elements, [(classes, ("==", "400") if status == wide else status)
                                       for classes, status in parts])
            self._handler_todos.setdefault(index, []).append((self._line(elements), (
                f"except {code_of(elements[0]) if len(elements) == 1 else 'this clause'}: it takes status 400 only "
                "now, as the UnprocessableEntityError handler below takes 422; Mistral answers an invalid field with "
                "422 where OpenAI answered 400, so requests this handler saw now reach that one: check it fits")))

    def _shadowed_apart(self, plans: dict) -> None:
        """``except openai.APIError: ...`` then ``except openai.OpenAIError: ... raise``: both become Mistral's same
        classes, so the second clause never runs (held-out review 125, Y7: two identical clauses, the second
        unreachable, silently). A TODO at the second, where neither tests a status (those are merged)."""
        order = sorted(plans)
        for position, index in enumerate(order):
            elements, parts = plans[index]
            if any(status is not None for _, status in parts):
                continue
            mine = set(_flat(parts))
            for earlier in order[:position]:
                before, their = plans[earlier]
                if any(status is not None for _, status in their):
                    continue
                caught = set(_flat(their))
                if mine and all(c in caught or mistral_ancestors(c) & caught for c in mine) and \
                        not _openai_subclasses(elements, before):
                    self._handler_todos.setdefault(index, []).append((self._line(elements), (
                        f"except {code_of(elements[0]) if len(elements) == 1 else 'this clause'}: the except "
                        f"{code_of(before[0]) if len(before) == 1 else 'clause'} above now catches the same Mistral "
                        "errors, so this clause no longer runs; fold what it does into that one (OpenAI raised here "
                        "what the clause above did not catch)")))
                    break

    def _left_with(self, original, blocked: int) -> None:
        """The other OpenAI handlers of a ``try`` left as written because handler ``blocked`` cannot
        convert: each gets a TODO (review: a sibling ``except openai.RateLimitError`` went dead silently)."""
        for index, handler in enumerate(original.handlers):
            elements = _elements(handler.type) if handler.type is not None else []
            rules = [r for r in map(self._rule, elements) if r is not None]
            if index == blocked or not rules or not all(r.catch for r in rules):
                continue
            self._handler_todos.setdefault(index, []).append((
                self._line(elements), f"except {code_of(handler.type)} left as written (another handler of this "
                f"try cannot convert): Mistral raises {' / '.join(self._describe(r) for r in rules)} here"))

    def _group_end(self, original, plans, first: int) -> Optional[int]:
        """Last handler a status check in handler ``first`` must be merged with (a re-raise would skip
        it), or None (TODO) when they cannot be merged."""
        elements, parts = plans[first]
        if all(status is None for _, status in parts):
            return first
        caught, last = set(_flat(parts)), first
        for index in range(first + 1, len(original.handlers)):
            handler = original.handlers[index]
            if _catch_all(handler):
                # `except Exception:` / `except:` would have caught what the status check re-raises: it
                # becomes the chain's `else:` (nothing after a catch-all sees an exception), unless a
                # handler before it catches what `except Exception` does not (KeyboardInterrupt,
                # asyncio.CancelledError, a class of unknown base): folded in, it would never run
                between = original.handlers[first + 1:index]
                if handler.type is None or _code(handler.type) == "BaseException" or \
                        all(self._within_exception(h) for h in between):
                    last = index
                else:
                    self._handler_todos.setdefault(first, []).append((
                        self._line(elements), f"except {code_of(original.handlers[first].type)}: other statuses "
                        f"are re-raised here and no longer reach the `except {_code(handler.type)}` below; handle "
                        "them there if they should"))
                break
            if self._overlaps(caught, handler):
                last = index
                caught |= {c for classes, _ in plans.get(index, (0, self._parts(_elements(handler.type))))[1]
                           for c in classes}
        group = original.handlers[first:last + 1]
        name = _merged_name(group)
        problem = None
        if type(original) is not cst.Try:
            problem = "an except* group"
        elif name is not None:
            inside = sum(_reads(h.body, name) for h in group)
            renamed = [h.name.name.value for h in group if h.name is not None and h.name.name.value != name]
            # The merged clause binds (and, leaving, deletes) the name on every path. It cannot be a
            # name another handler's body reads as something else (an outer variable), nor, where an
            # unnamed handler left it alone, one read elsewhere in the scope (a loop variable): then a
            # name used nowhere in the module, each handler's own name renamed to it in its branch.
            if any((h.name is None or h.name.name.value != name) and _reads(h.body, name) for h in group) or \
                    any(h.name is None for h in group) and self._scopes and _reads(self._scopes[-1], name) > inside:
                name = self._free_name()
                renamed = [h.name.name.value for h in group if h.name is not None]
            if any(_binds(h.body, old) for old in renamed for h in group):
                problem = "handlers naming the exception differently"
        if problem is None:
            self._merge_names[first] = name
            return last
        self._handler_todos.setdefault(first, []).append((
            self._line(elements), f"except {code_of(original.handlers[first].type)}: Mistral raises "
            f"{' / '.join(c for c in _flat(parts) if not c.startswith(USER))} for it, and the status check cannot be "
            f"merged with {problem}; rewrite it by hand branching on e.status_code"))
        return None

    def _overlaps(self, caught: set[str], handler) -> bool:
        """Could ``handler`` catch an exception of one of the ``caught`` classes?"""
        if handler.type is None:
            return True
        mine = {a for c in caught for a in mistral_ancestors(c)}
        for element in _elements(handler.type):
            rule = self._rule(element)
            if rule is None:
                if USER + _code(element) in caught or _code(element) not in _DISJOINT_BUILTINS:
                    return True
            elif any(c in mine or mine & mistral_ancestors(c) for c in rule.catch):
                return True
        return False

    def _within_exception(self, handler) -> bool:
        """Does ``except Exception`` catch everything ``handler`` catches (OpenAI's classes, the
        built-in subclasses of Exception)?"""
        return all(self._rule(element) is not None or self._is_exception(_code(element))
                   for element in _elements(handler.type))

    def _is_exception(self, name: str, depth: int = 0) -> bool:
        """A built-in subclass of Exception, or a class of this module whose bases all are."""
        if name in _BUILTIN_EXCEPTIONS:
            return issubclass(getattr(builtins, name), Exception)
        module = self._scopes[0] if self._scopes else None
        if depth > 5 or not isinstance(module, cst.Module):
            return False
        found = [s for s in module.body if isinstance(s, cst.ClassDef) and s.name.value == name]
        return len(found) == 1 and bool(found[0].bases) and all(
            not arg.keyword and not arg.star and self._is_exception(_code(arg.value), depth + 1)
            for arg in found[0].bases)

    def _free_name(self) -> str:
        return next(n for n in ("e", "exc", "err", "error", "api_error", "mistral_error")
                    if n not in self.facts.names_in_use)

    @staticmethod
    def _block(body) -> cst.IndentedBlock:
        if isinstance(body, cst.IndentedBlock):
            return body
        return cst.IndentedBlock(body=[cst.SimpleStatementLine(body.body)])

    def _convert_handler(self, original, updated, elements, parts: list[Part]):
        caught = _flat(parts)
        covered = {c for c in caught if not c.startswith(USER)}  # (SDKError with 429, MistralError with 400 / 422)
        caught = list(dict.fromkeys(c for c in caught if not (mistral_ancestors(c) - {c}) & covered))
        new = updated.with_changes(type=cst.parse_expression(self._classes(caught)))
        name = original.name.name.value if original.name is not None else None
        if name is not None and _response_renamed(original.body, name, caught):
            new = new.with_changes(body=new.body.visit(_ResponseRead(name)))
        if name is not None:
            new = new.with_changes(body=new.body.visit(_AbsentRead(name, _has_raw_response(caught))))
        self._attribute_todos(original, name, caught, elements)
        self._report(elements, "except")
        if all(status is None for _, status in parts):
            return new
        if name is None:
            name = self._free_name()
            new = new.with_changes(name=cst.AsName(cst.Name(name)))
        statuses = [status for _, status in parts]
        if len(set(caught)) == 1 and all(statuses) and all(set(classes) == set(caught) for classes, _ in parts):
            if len(statuses) == 1:
                check = f"{name}.status_code {NEGATED[statuses[0][0]]} {statuses[0][1]}"
            elif all(op == "==" for op, _ in statuses):
                check = f"{name}.status_code not in ({', '.join(v for _, v in statuses)})"
            else:
                check = "not (" + " or ".join(f"{name}.status_code {op} {v}" for op, v in statuses) + ")"
        else:
            check = self._status_only_check(name, parts) or \
                f"not ({self._predicate(name, parts, frozenset(caught) if len(caught) == 1 else frozenset())})"
        block = self._block(new.body)
        return new.with_changes(body=block.with_changes(body=[cst.parse_statement(f"if {check}:\n    raise\n"),
                                                              *block.body]))

    def _status_only_check(self, name: str, parts: list) -> str:
        """``isinstance(e, errors.SDKError) and e.status_code not in (503, 409)`` where the clause's classes caught
        whatever their status are unrelated to the one class caught for some statuses: the re-raise test names that
        class alone (held-out review 93, X8: a 230-character test restating every class), else ""."""
        plain = {c for classes, status in parts if status is None for c in classes}
        checked = [(classes, status) for classes, status in parts if status is not None]
        kinds = {c for classes, _ in checked for c in classes}
        if not plain or len(kinds) != 1 or any(status[0] != "==" for _, status in checked):
            return ""
        kind = next(iter(kinds))
        if kind in plain or any(kind in mistral_ancestors(c) or c in mistral_ancestors(kind) for c in plain) or any(
                c.startswith(USER) and c[len(USER):] not in _BUILTIN_EXCEPTIONS for c in plain):
            return ""  # (a class of the app's own may subclass the one checked)
        values = list(dict.fromkeys(status[1] for _, status in checked))
        test = f"!= {values[0]}" if len(values) == 1 else f"not in ({', '.join(values)})"
        return f"isinstance({name}, {self._classes([kind])}) and {name}.status_code {test}"

    def _merge(self, name: Optional[str], originals, updates, plans):
        """Handlers that must not re-raise past each other -> one handler with an if/elif chain. A
        catch-all at the end (``except Exception:``, a bare ``except:``) is the chain's ``else:`` and the
        merged handler catches what it caught; otherwise the ``else:`` re-raises."""
        name = name or self._free_name()
        # a handler that named the exception otherwise reads it under the merged clause's name
        updates = [u if o.name is None or o.name.name.value == name else
                   u.with_changes(body=u.body.visit(_Rename(o.name.name.value, name)))
                   for o, u in zip(originals, updates)]
        chain: "cst.If | cst.Else" = cst.Else(cst.IndentedBlock(body=[cst.SimpleStatementLine([cst.Raise()])]))
        catch_all = None
        if _catch_all(originals[-1]):
            catch_all = cst.Name("BaseException") if originals[-1].type is None else updates[-1].type
            chain = cst.Else(self._block(updates[-1].body), leading_lines=updates[-1].leading_lines)
            originals, updates, plans = originals[:-1], updates[:-1], plans[:-1]
        caught: list[str] = []
        resolved = []
        for original, plan in zip(originals, plans):
            elements, parts = plan or (_elements(original.type), self._parts(_elements(original.type)))
            resolved.append((elements, parts))
            caught += _flat(parts)
        covered = {c for c in caught if not c.startswith(USER)}
        caught = list(dict.fromkeys(c for c in caught if not (mistral_ancestors(c) - {c}) & covered))
        implied = frozenset(caught) if len(caught) == 1 and catch_all is None else frozenset()
        everything = f"isinstance({name}, {self._classes(caught)})"  # what the merged clause catches
        for index, (original, updated, plan, (elements, parts)) in reversed(list(enumerate(
                zip(originals, updates, plans, resolved)))):
            if plan is not None:
                # the clause's body reads the exception under its own name (renamed to `name` in updated)
                own = original.name.name.value if original.name is not None else name
                self._attribute_todos(original, own, _flat(parts), elements, shown=name)
                self._report(elements, "except (merged)")
                if _has_raw_response(_flat(parts)):
                    updated = updated.with_changes(body=updated.body.visit(_ResponseRead(name)))
                updated = updated.with_changes(body=updated.body.visit(_AbsentRead(name, _has_raw_response(
                    _flat(parts)))))
            predicate = self._predicate(name, parts, implied)
            if index == len(originals) - 1 and catch_all is None and predicate == everything and index > 0:
                # the last clause catches all the merged one does: its body is the else (no re-raise after it)
                chain = cst.Else(self._block(updated.body), leading_lines=updated.leading_lines)
                continue
            chain = cst.If(test=cst.parse_expression(predicate),
                           body=self._block(updated.body), orelse=chain, leading_lines=updated.leading_lines)
        return updates[0].with_changes(type=catch_all or cst.parse_expression(self._classes(caught)),
                                       name=cst.AsName(cst.Name(name)),
                                       body=cst.IndentedBlock(body=[chain.with_changes(leading_lines=())]))

    def _codes_caught_generically(self, original: cst.Try) -> None:
        """``except Exception as e:`` around a converted call, testing ``str(e)`` for OpenAI's error codes
        (``"insufficient_quota" in error_message``): Mistral's errors never carry them (held-out review 109, Y9: the
        quota branch went dead with no word). The facts found them (``generic_error_tests``); one TODO per try."""
        found = self.facts.generic_error_tests.get(self.statement_stack[-1]) if self.statement_stack else None
        if found is None or self.config.endpoint() is not None:
            return
        codes, phrase, shown = found
        if codes:
            self.todo(self.current_line(), ERROR_CODE_TODO.format(code='", "'.join(codes), e=shown).replace(
                "is OpenAI's error code", "are OpenAI's error codes" if len(codes) > 1 else "is OpenAI's error code"))
        elif phrase:
            self.todo(self.current_line(), ERROR_MESSAGE_TODO.format(text=phrase, e=shown))

    def _attribute_todos(self, handler, name: Optional[str], caught: list[str], elements,
                         shown: Optional[str] = None) -> None:
        """A TODO per OpenAI-only attribute the handler reads from ``name`` (shown as ``shown``, the
        merged clause's name); ``.response`` is renamed instead where every caught class has
        ``raw_response`` (``_ResponseRead``)."""
        if name is None:
            return
        shown = shown or name
        line = self._line(elements)
        reads = {m.attr.value for m in _attribute_reads(handler.body, name)}

        def todo(message: str) -> None:  # above the except clause it is about (not above the try:)
            if self._group is None:
                self.todo(line, message)
            else:
                self._handler_todos.setdefault(self._group, []).append((line, message))

        codes = sorted({node.evaluated_value for node in walk_cst(handler.body) if isinstance(node, cst.SimpleString)
                        and node.evaluated_value in OPENAI_ERROR_CODES})
        for code in codes:
            todo(ERROR_CODE_TODO.format(code=code, e=shown))
        # (a string compared with something, `"You exceeded your current quota" in str(e)`: not a message returned)
        compared = [operand for node in walk_cst(handler.body) if isinstance(node, cst.Comparison)
                    for operand in (node.left, *(target.comparator for target in node.comparisons))]
        phrases = sorted({node.evaluated_value for node in compared if isinstance(node, cst.SimpleString)
                          and isinstance(node.evaluated_value, str) and openai_error_phrase(node.evaluated_value)})
        for text in phrases[:1]:  # (one per handler: the advice is the same)
            todo(ERROR_MESSAGE_TODO.format(text=text, e=shown))
        for attr in sorted(reads):
            if attr == "response" and _response_renamed(handler.body, name, caught):
                self.converted(line, f"{shown}.response -> {shown}.raw_response (the httpx2 response)")
            elif attr == "request_id" and _has_raw_response(caught):
                self.converted(line, f"{shown}.request_id -> {shown}.headers.get(\"{REQUEST_ID_HEADER}\") (the "
                                     "id Mistral's responses carry; None where a response has none)", "approximate")
            elif attr == "code" and codes and not _other_codes(handler.body, name, codes):
                continue  # (the error code's TODO says it: one TODO, not two saying the same; not where the handler
                # compares e.code with a string of no such TODO too: held-out review 75, X6, "invalid_request_error")
            elif attr in ATTRIBUTE_NOTES:
                todo(ATTRIBUTE_NOTES[attr].format(e=shown))
        read = reads & {"message", "status_code"}
        lacking = {attr: [c for c in caught if lacks(c, attr)]
                   for attr in sorted(read & _unguarded_reads(handler.body, name) if read else ())}
        lacking = {attr: classes for attr, classes in lacking.items() if classes}
        if list(lacking) == ["message"] and all(c.startswith("httpx2.") for c in lacking["message"]):
            todo(f"httpx2 errors have no .message: use str({shown})")
        elif lacking:
            said = [f"{', '.join(classes)} {'has' if len(classes) == 1 else 'have'} no .{attr}"
                    for attr, classes in lacking.items()]
            todo(f"{'; '.join(said)}: test isinstance({shown}, errors.MistralError) before reading "
                 f"{' / '.join(f'{shown}.{attr}' for attr in lacking)}"
                 + (f" (str({shown}) is any one's message)" if "message" in lacking else ""))


def _merged_name(group) -> Optional[str]:
    """The name the merged clause binds: the catch-all's own (the bulk of the code), else the first
    handler's that has one; None when no handler names the exception."""
    named = [h.name.name.value for h in group if h.name is not None]
    if group[-1].name is not None and _catch_all(group[-1]):
        return group[-1].name.name.value
    return named[0] if named else None


def _reads(node: cst.CSTNode, name: str) -> int:
    """How many times the code under ``node`` uses the variable ``name`` (not attribute names, keyword
    names, or an ``except ... as name`` binding), nested functions included."""
    count = 0

    class _Reads(cst.CSTVisitor):
        def visit_Attribute(self, node: cst.Attribute) -> bool:
            node.value.visit(self)
            return False

        def visit_Arg(self, node: cst.Arg) -> bool:
            node.value.visit(self)
            return False

        def visit_ExceptHandler(self, node: cst.ExceptHandler) -> bool:
            if node.type is not None:
                node.type.visit(self)
            node.body.visit(self)
            return False

        def visit_Name(self, node: cst.Name) -> None:
            nonlocal count
            count += node.value == name

    node.visit(_Reads())
    return count


def _binds(body: cst.CSTNode, name: str) -> bool:
    """Does ``body`` assign ``name`` or bind it in a nested scope (then renaming it is not safe)?"""
    found = []

    class _Bindings(cst.CSTVisitor):
        def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
            found.extend(n for n in _names_in(node.target) if n == name)

        def visit_For(self, node: cst.For) -> None:
            found.extend(n for n in _names_in(node.target) if n == name)

        def visit_CompFor(self, node: cst.CompFor) -> None:
            found.extend(n for n in _names_in(node.target) if n == name)

        def visit_Param(self, node: cst.Param) -> None:
            if node.name.value == name:
                found.append(name)

        def visit_AsName(self, node: cst.AsName) -> None:
            found.extend(n for n in _names_in(node.name) if n == name)

        def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
            found.extend(n for n in _names_in(node.target) if n == name)

    body.visit(_Bindings())
    return bool(found)


def _names_in(node: cst.CSTNode) -> list[str]:
    if isinstance(node, cst.Name):
        return [node.value]
    if isinstance(node, (cst.Tuple, cst.List)):
        return [n for e in node.elements for n in _names_in(e.value)]
    if isinstance(node, cst.StarredElement):
        return _names_in(node.value)
    return []


class _Rename(cst.CSTTransformer):
    """Every ``old`` name read in a handler body -> ``new`` (``_binds`` has ruled out rebinding)."""

    def __init__(self, old: str, new: str) -> None:
        super().__init__()
        self.old, self.new = old, new

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.Attribute:
        return updated.with_changes(attr=original.attr)  # `x.e` is an attribute, not the name

    def leave_Arg(self, original: cst.Arg, updated: cst.Arg) -> cst.Arg:
        return updated.with_changes(keyword=original.keyword)  # `f(e=1)`: a keyword, not the name

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        return updated.with_changes(value=self.new) if original.value == self.old else updated


# Mistral's exceptions that hold the HTTP response (MistralError(message, raw_response, body) and its
# subclasses): OpenAI's status errors' `.response` is their `.raw_response`.
_RAW_RESPONSE = frozenset({SDK_ERROR, HTTP_VALIDATION, MISTRAL_ERROR, RESPONSE_VALIDATION})


def _has_raw_response(caught: list[str]) -> bool:
    return bool(caught) and set(caught) <= _RAW_RESPONSE


class _ResponseRead(cst.CSTTransformer):
    """``name.response`` -> ``name.raw_response`` in a handler body (reads and calls alike)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.Attribute:
        if original.attr.value == "response" and isinstance(original.value, cst.Name) and \
                original.value.value == self.name:
            return updated.with_changes(attr=cst.Name("raw_response"))
        return updated

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        """``getattr(e, "response", None)`` -> ``getattr(e, "raw_response", None)``; ``hasattr(e, "response")`` too
        (held-out review 66, X4: a guard left on the old name made the Retry-After branch dead)."""
        tested = isinstance(original.func, cst.Name) and original.func.value == "hasattr" and \
            len(original.args) == 2 and _getattr_of(original.with_changes(func=cst.Name("getattr")), self.name)
        if _getattr_of(original, self.name) == "response" or tested == "response":
            text = updated.args[1].value
            quote = text.quote if isinstance(text, cst.SimpleString) else '"'
            args = list(updated.args)
            args[1] = args[1].with_changes(value=cst.SimpleString(f"{quote}raw_response{quote}"))
            return updated.with_changes(args=args)
        return updated


def _other_codes(body: cst.CSTNode, name: str, codes: list) -> bool:
    """Does ``body`` compare ``name.code`` with a string that is not one of ``codes``?"""
    for node in walk_cst(body):
        if not isinstance(node, cst.Comparison):
            continue
        operands = [node.left, *(target.comparator for target in node.comparisons)]
        if any(isinstance(o, cst.Attribute) and o.attr.value == "code" and isinstance(o.value, cst.Name) and
               o.value.value == name for o in operands) and any(
                isinstance(o, cst.SimpleString) and o.evaluated_value not in codes for o in operands):
            return True
    return False


class _AbsentRead(cst.CSTTransformer):
    """``name.code`` (``.type``, ``.param``, ``.request_id``) -> ``getattr(name, "code", None)`` in a handler body:
    Mistral's errors have none, and the read would raise AttributeError inside the handler (ATTRIBUTE_NOTES says what to
    read). ``headers``: every class caught is one of Mistral's HTTP errors, whose response headers carry the request's
    id: ``name.request_id`` -> ``name.headers.get(REQUEST_ID_HEADER)`` (held-out review 168, X2)."""

    def __init__(self, name: str, headers: bool = False) -> None:
        super().__init__()
        self.name = name
        self.headers = headers

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.BaseExpression:
        if original.attr.value in ABSENT_ATTRIBUTES and isinstance(original.value, cst.Name) and \
                original.value.value == self.name:
            read = cst.parse_expression(f'{self.name}.headers.get("{REQUEST_ID_HEADER}")'
                                        if self.headers and original.attr.value == "request_id" else
                                        f'getattr({self.name}, "{original.attr.value}", None)')
            return read.with_changes(lpar=updated.lpar, rpar=updated.rpar)
        return updated

    def leave_AssignTarget(self, original: cst.AssignTarget, updated: cst.AssignTarget) -> cst.AssignTarget:
        return original  # (`e.code = ...` sets it: left as written)


def _getattr_of(call: cst.Call, name: str) -> Optional[str]:
    """The attribute ``getattr(name, "attr"[, default])`` reads, else None."""
    if isinstance(call.func, cst.Name) and call.func.value == "getattr" and len(call.args) in (2, 3) and \
            isinstance(call.args[0].value, cst.Name) and call.args[0].value.value == name and \
            isinstance(call.args[1].value, cst.SimpleString) and call.args[1].keyword is None:
        value = call.args[1].value.evaluated_value
        return value if isinstance(value, str) else None
    return None


def _single_param(value: cst.BaseExpression) -> Optional[str]:
    """The parameter of ``lambda e: ...`` (one plain positional parameter), else None."""
    if not isinstance(value, cst.Lambda):
        return None
    params = value.params
    if len(params.params) != 1 or params.posonly_params or params.kwonly_params or params.params[0].default or \
            not isinstance(params.star_arg, cst.MaybeSentinel) or params.star_kwarg is not None:
        return None
    return params.params[0].name.value


def _catch_all(handler) -> bool:
    """``except:``, ``except Exception:``, ``except BaseException:`` (also as a tuple of those)."""
    return handler.type is None or all(_code(e) in ("Exception", "BaseException") for e in _elements(handler.type))


def _response_renamed(body: cst.CSTNode, name: str, caught: list[str]) -> bool:
    """Does ``name.response`` become ``name.raw_response`` in a handler: every caught class has it, or every read of it
    is under ``hasattr(name, "response")`` / a ``getattr`` default, which the rename carries along (held-out review 67,
    X5: under `except openai.APIError`, whose httpx2 errors have no response, the guarded read got a TODO)."""
    return _has_raw_response(caught) or "response" in {m.attr.value for m in _attribute_reads(body, name)} and \
        "response" not in _unguarded_reads(body, name) or _response_reads_guarded(body, name)


def _response_reads_guarded(body: cst.CSTNode, name: str) -> bool:
    """Is every ``name.response`` read of ``body`` under a ``hasattr(name, "response")`` test: in the ``if``'s body
    or its test after the check (``hasattr(e, "response") and e.response is not None``: held-out review 68, X2)?"""
    def tests(node: cst.CSTNode) -> bool:
        return any(isinstance(n, cst.Call) and dotted(n.func) == "hasattr" and len(n.args) == 2 and
                   isinstance(n.args[0].value, cst.Name) and n.args[0].value.value == name and
                   isinstance(n.args[1].value, cst.SimpleString) and n.args[1].value.evaluated_value == "response"
                   for n in walk_cst(node))

    found = {"reads": 0, "open": 0}

    def walk(node: cst.CSTNode, guarded: bool) -> None:
        if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == name and \
                node.attr.value == "response":
            found["reads"] += 1
            found["open"] += not guarded
            return
        if isinstance(node, (cst.If, cst.IfExp)) and tests(node.test):
            walk(node.test, guarded)  # (its own `and` operands: below)
            walk(node.body, True)
            if node.orelse is not None:
                walk(node.orelse, guarded)
            return
        if isinstance(node, cst.BooleanOperation) and isinstance(node.operator, cst.And) and tests(node.left):
            walk(node.left, guarded)
            walk(node.right, True)
            return
        for child in node.children:
            walk(child, guarded)

    walk(body, False)
    return found["reads"] > 0 and found["open"] == 0


def _unguarded_reads(body: cst.CSTNode, name: str) -> set[str]:
    """The attributes ``body`` reads from ``name`` other than under a ``hasattr(name, "attr")`` test (``e.message
    if hasattr(e, "message") else str(e)``) or as ``getattr(name, "attr", default)``: what may raise AttributeError
    (held-out review 44, Z4: the guarded read of .message got the "httpx2 errors have no .message" TODO)."""
    found: set[str] = set()
    guards: list[set] = []

    def checked(test: cst.BaseExpression) -> set:
        return {attr for node in walk_cst(test) if isinstance(node, cst.Call) and dotted(node.func) == "hasattr"
                and len(node.args) == 2 and isinstance(node.args[0].value, cst.Name) and
                node.args[0].value.value == name and isinstance(node.args[1].value, cst.SimpleString)
                and isinstance(attr := node.args[1].value.evaluated_value, str)}

    class _Reads(cst.CSTVisitor):
        def visit_Attribute(self, node: cst.Attribute) -> None:
            if isinstance(node.value, cst.Name) and node.value.value == name and \
                    not any(node.attr.value in guard for guard in guards):
                found.add(node.attr.value)

        def visit_Call(self, node: cst.Call) -> None:
            attr = _getattr_of(node, name)
            if attr is not None and attr.isidentifier() and len(node.args) < 3 and \
                    not any(attr in guard for guard in guards):
                found.add(attr)

        def _guarded(self, test, body, orelse) -> bool:
            test.visit(self)
            guards.append(checked(test))
            body.visit(self)
            guards.pop()
            if orelse is not None:
                orelse.visit(self)
            return False

        def visit_If(self, node: cst.If) -> bool:
            return self._guarded(node.test, node.body, node.orelse)

        def visit_IfExp(self, node: cst.IfExp) -> bool:
            return self._guarded(node.test, node.body, node.orelse)

    body.visit(_Reads())
    return found


def _attribute_reads(body: cst.CSTNode, name: str) -> list[cst.Attribute]:
    """``name.attr`` nodes in ``body``; ``getattr(name, "attr", ...)`` counts as one (``name.attr``)."""
    found: list[cst.Attribute] = []

    class _Reads(cst.CSTVisitor):
        def visit_Attribute(self, node: cst.Attribute) -> None:
            if isinstance(node.value, cst.Name) and node.value.value == name:
                found.append(node)

        def visit_Call(self, node: cst.Call) -> None:
            attr = _getattr_of(node, name)
            if attr is not None and attr.isidentifier():
                found.append(cst.Attribute(value=cst.Name(name), attr=cst.Name(attr)))

    body.visit(_Reads())
    return found
