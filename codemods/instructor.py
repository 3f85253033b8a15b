"""MIG111: ``instructor.from_openai(OpenAI())`` -> ``instructor.from_mistral(Mistral())``; its calls' keywords."""

from __future__ import annotations

import libcst as cst

from codemods._base import MigratorRule, RuleTransformer, code_of, finished, keyword_arg
from codemods._facts import CHAT
from codemods.chat_completions import chat_method
from migrator.mapping.instructor import CALL_DROPS, CALL_RENAMES, MISTRAL_WRAPPER, MODES, WRAPPERS
from migrator.plan.model import CONVERT


class Instructor(MigratorRule):
    """Moves instructor clients from OpenAI to Mistral.

    **What it does.** On a client the conversion plan converts (MIG101 turns ``OpenAI()`` into
    ``Mistral()``), ``instructor.from_openai(client, mode=...)`` / ``instructor.patch(client)`` become
    ``instructor.from_mistral(client, mode=...)`` (``patch(client)`` after ``from instructor import patch``
    becomes ``from_mistral(client)``, imported there), with ``use_async=True`` for an async client or
    ``instructor.apatch``; modes map (``MISTRAL_TOOLS`` -> ``TOOLS``, ``JSON`` /
    ``MISTRAL_STRUCTURED_OUTPUTS`` -> ``JSON_SCHEMA``). The instructor client's calls keep instructor's
    surface (``client.chat.completions.create(response_model=...)``, ``create_partial``,
    ``create_iterable``, ``create_with_completion``, ``client.create``, and its hooks ``on`` / ``off`` / ``clear``,
    whose response handlers then receive mistralai's ``ChatCompletionResponse``); only what instructor hands to
    Mistral's ``chat.complete`` changes: OpenAI model names map, ``seed`` -> ``random_seed``,
    ``max_completion_tokens`` -> ``max_tokens``, ``user`` / ``logit_bias`` removed (each raises
    TypeError on Mistral).

    **Why.** instructor 1.17 reaches Mistral only through ``from_mistral``: ``from_openai(Mistral())``
    and ``patch(Mistral())`` fail, and an async client needs ``use_async=True`` (api-mapping.md §13.1).

    **Fix safety.** approximate: another model answers; ``TOOLS`` mode sends ``tool_choice="any"``.

    **Known limits (the client is kept, one TODO at its constructor).** ``PARALLEL_TOOLS``,
    ``FUNCTIONS``, ``TOOLS_STRICT``, ``RESPONSES_TOOLS`` modes (ModeError with Mistral), other wrapper
    arguments, ``**kwargs`` or unknown keywords on a call, developer / function messages written in
    the call, methods outside instructor's surface, an alias of the wrapper's ``.chat.completions``
    (``self.completer = client.chat.completions``: its calls are not seen), a wrapper handed to another call
    (``cast(AsyncOpenAI, instructor.patch(...))``). ``instructor.from_provider("openai/...")`` has
    no rule yet: a TODO gives the Mistral provider string. Not verified at run time: instructor 1.17.0 requires ``jiter<0.15`` and openai 3.57
    requires ``jiter>=0.16``, so they cannot be installed together for the differential tests.

    **openai-compatible target.** Not applied: the client stays an OpenAI client.
    """

    CODE = "MIG111"
    NAME = "instructor"
    SAFETY = "approximate"
    TARGETS = ("mistral",)
    DESCRIPTION = "instructor.from_openai/patch(OpenAI()) -> instructor.from_mistral(Mistral()); call keywords mapped"
    BEFORE = ('import instructor\nfrom openai import OpenAI\n\nclient = instructor.from_openai(OpenAI())\n'
              'user = client.chat.completions.create(model="gpt-4o", response_model=User, seed=7,\n'
              '                                      messages=[{"role": "user", "content": text}])\n')
    AFTER = ('import instructor\nfrom openai import OpenAI\n\nclient = instructor.from_mistral(OpenAI())\n'
             'user = client.chat.completions.create(model="mistral-large-latest", response_model=User, '
             'random_seed=7,\n'
             '                                      messages=[{"role": "user", "content": text}])\n')

    def make_transformer(self, facts):
        return _Transformer(self, facts)


class _Transformer(RuleTransformer):
    def __init__(self, rule, facts) -> None:
        super().__init__(rule, facts)
        self._found: dict[int, tuple] = {}  # id(original call) -> (line, the plan's answer)

    def visit_Call(self, node: cst.Call) -> None:
        if chat_method(node.func) is not None:
            line = self.mark_site(node, CHAT)
            answer = self.answer_for(node)
        else:
            found = self.api_site(node)
            line, answer = found if found is not None else (0, None)
        if answer and answer[0] in ("iwrap", "icall"):
            self._found[id(node)] = (line, answer)
        elif answer and answer[0] == "provider" and self.config.endpoint() is None:
            self.todo(line, answer[1])

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        found = self._found.get(id(original))
        if found is None:
            return updated
        line, (kind, verdict, is_async) = found
        if verdict != CONVERT or self.config.endpoint() is not None:
            return updated
        return self._wrapper(updated, line, is_async) if kind == "iwrap" else self._call(updated, line)

    def visit_Module(self, node: cst.Module) -> None:
        # `from instructor import patch`: how often each such name is read (its import goes once all are converted)
        self._imported = {(a.asname.name.value if isinstance(a.asname, cst.AsName) and
                           isinstance(a.asname.name, cst.Name) else a.name.value): a.name.value
                          for s in node.body if isinstance(s, cst.SimpleStatementLine)
                          for i in s.body if isinstance(i, cst.ImportFrom) and not i.relative and
                          isinstance(i.module, cst.Name) and i.module.value == "instructor" and
                          not isinstance(i.names, cst.ImportStar)
                          for a in i.names if isinstance(a.name, cst.Name)}
        self._converted: dict[str, int] = {}
        if self._imported:
            import libcst.matchers as m

            self._reads = {local: len(m.findall(node, m.Name(local))) - 1 for local in self._imported}

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        if not self._converted:
            return updated
        gone = {local for local, count in self._converted.items() if count >= self._reads.get(local, 0)}
        body = []
        for statement in updated.body:
            first = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 \
                else None
            if isinstance(first, cst.ImportFrom) and isinstance(first.module, cst.Name) and \
                    first.module.value == "instructor" and not first.relative and \
                    not isinstance(first.names, cst.ImportStar):
                names = [a for a in first.names if not (isinstance(a.name, cst.Name) and
                                                        (a.asname.name.value if a.asname else a.name.value) in gone)]
                if not any(isinstance(a.name, cst.Name) and a.name.value == MISTRAL_WRAPPER and a.asname is None
                           for a in names):
                    names.append(cst.ImportAlias(name=cst.Name(MISTRAL_WRAPPER)))
                names = [a.with_changes(comma=cst.MaybeSentinel.DEFAULT) for a in names]
                statement = statement.with_changes(body=[first.with_changes(names=names)])
            body.append(statement)
        return updated.with_changes(body=body)

    def _wrapper(self, call: cst.Call, line: int, is_async: bool) -> cst.Call:
        func = call.func  # `<instructor module>.from_openai`, or a name imported from it (the plan checked the shape)
        if isinstance(func, cst.Name):  # `from instructor import patch`: `from_mistral(...)`, imported there
            name = f"instructor.{self._imported.get(func.value, func.value)}"
            self._converted[func.value] = self._converted.get(func.value, 0) + 1
        else:
            name = f"instructor.{func.attr.value}"  # type: ignore[attr-defined]
        args = []
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value == "mode" and isinstance(arg.value, cst.Attribute):
                arg = arg.with_changes(value=arg.value.with_changes(attr=cst.Name(MODES[arg.value.attr.value])))
            args.append(arg)
        if is_async or WRAPPERS.get(name):
            args.append(keyword_arg("use_async", cst.Name("True")))
        new_func = cst.Name(MISTRAL_WRAPPER) if isinstance(func, cst.Name) else \
            func.with_changes(attr=cst.Name(MISTRAL_WRAPPER))  # type: ignore[attr-defined]
        self.converted(line, f"{name}(...) -> instructor.{MISTRAL_WRAPPER}(...)"
                             + (" with use_async=True" if is_async or WRAPPERS.get(name) else ""), "approximate")
        return finished(call, args, func=new_func)

    def _call(self, call: cst.Call, line: int) -> cst.Call:
        args, notes = [], []
        for arg in call.args:
            name = arg.keyword.value if arg.keyword is not None else None
            if name in CALL_DROPS:  # with a TODO, as MIG102 drops them from a chat call
                self.todo(line, f"{name} dropped: {CALL_DROPS[name]}")
                continue
            if name in CALL_RENAMES:
                arg = arg.with_changes(keyword=cst.Name(CALL_RENAMES[name]))
            elif name == "model":
                arg = arg.with_changes(value=self.mapped_model(arg.value, line))
            args.append(arg)
        self.converted(line, f"{code_of(call.func)}(...) now runs on Mistral through instructor.from_mistral"
                             + (f" ({'; '.join(notes)})" if notes else ""), "approximate")
        return finished(call, args)
