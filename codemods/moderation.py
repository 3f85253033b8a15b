"""MIG109: ``client.moderations.create(input=...)`` -> Mistral's ``classifiers.moderate(inputs=...)``."""

from __future__ import annotations

import libcst as cst

from codemods._base import (ApiCallTransformer, MigratorRule, NodeSet, code_of, finished, keyword_arg,
                            legacy_call, literal, unknown_model_todo)
from migrator.mapping import map_model
from migrator.mapping.moderation import ASYNC_METHOD, FLAGGED_CODE, METHOD, MODERATION_KWARGS, MODERATION_MODEL


class Moderation(MigratorRule):
    """Converts OpenAI moderation calls into Mistral's moderation classifier.

    **What it does.** On a client the conversion plan converts, ``x.moderations.create(input=...,
    model=...)`` becomes ``x.classifiers.moderate(model=..., inputs=...)`` (``moderate_async`` on an
    async client), the model mapped (``omni-moderation-latest`` -> ``mistral-moderation-2603``; that
    model when none was given), and each ``result.results[i].flagged`` read becomes
    ``any((result.results[i].categories or {}).values())`` (and ``item.flagged`` of ``item = <call>.results[i]``
    ``any((item.categories or {}).values())``).

    **Why.** mistralai 3.7's ``classifiers.moderate`` takes ``inputs`` (the wire key stays ``input``)
    and returns per-input category booleans and scores, with no ``flagged`` (api-mapping.md §8).
    ``mistral-moderation-latest`` still points at the deprecated 2411 model.

    **Fix safety.** approximate: Mistral's categories and thresholds are not OpenAI's, so the same
    text may be flagged differently.

    **Known limits (the client is kept, one TODO at its constructor).** Image inputs, ``**kwargs``,
    other keywords, and a result used beyond ``.results[i].flagged`` (returned, passed on, its
    ``categories`` / ``category_scores`` read: Mistral names them differently, e.g.
    ``violence_and_threats`` for ``violence``).

    **openai-compatible target.** Not served through the OpenAI SDK by these providers: the client
    stays on OpenAI, with the plan's TODO.
    """

    CODE = "MIG109"
    NAME = "moderation"
    SAFETY = "approximate"
    DESCRIPTION = "moderations.create(input=...) -> classifiers.moderate(inputs=...); .flagged -> any(categories)"
    BEFORE = ('from openai import OpenAI\n\nclient = OpenAI()\n'
              'result = client.moderations.create(model="omni-moderation-latest", input=text)\n'
              'blocked = result.results[0].flagged\n')
    AFTER = ('from openai import OpenAI\n\nclient = OpenAI()\n'
             'result = client.classifiers.moderate(model="mistral-moderation-2603", inputs=text)\n'
             'blocked = any((result.results[0].categories or {}).values())\n')

    def make_transformer(self, facts):
        return _Transformer(self, facts)


class _Transformer(ApiCallTransformer):
    def __init__(self, rule, facts) -> None:
        super().__init__(rule, facts)
        self._converted = NodeSet()  # the calls (and awaits of them) this rule rewrote
        # per function (by node id): names bound to a converted call's result, and to one of its results
        # (`result = client.moderations.create(input=text).results[0]`)
        self._results: list[tuple[int, set[str], set[str]]] = [(0, set(), set())]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._results.append((id(node), set(), set()))

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        if self._results[-1][0] == id(original):  # (a pruned function is neither visited nor left)
            self._results.pop()
        return updated

    def matches(self, node: cst.Call) -> bool:
        return _moderation_call(node)

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        found = self.converting(original, updated, "convert this moderations.create call by hand "
                                f"(classifiers.moderate(model=\"{MODERATION_MODEL}\", inputs=...); no .flagged: "
                                "any((result.categories or {}).values()): categories may be None)")
        if found is None:
            return updated
        line, is_async, receiver = found
        args: list[cst.Arg] = []
        model_given = False
        for arg in updated.args:
            name = arg.keyword.value  # the plan converts keyword-only calls
            if name == "model":
                model_given = True
                arg = arg.with_changes(value=self._model(arg.value, line))
            args.append(arg.with_changes(keyword=cst.Name(MODERATION_KWARGS[name])))
        if not model_given:  # OpenAI's default model; Mistral needs one named
            args.insert(0, keyword_arg("model", cst.SimpleString(f'"{MODERATION_MODEL}"')))
        group, method = (ASYNC_METHOD if is_async else METHOD).split(".")
        func = cst.Attribute(value=cst.Attribute(value=receiver, attr=cst.Name(group)), attr=cst.Name(method))
        self.converted(line, f"{code_of(updated.func)}(...) -> {code_of(func)}(...); Mistral's categories "
                             "and thresholds differ from OpenAI's", "approximate")
        new = finished(updated, args, func=func)
        self._converted.add(new)
        return new

    def _model(self, value: cst.BaseExpression, line: int) -> cst.BaseExpression:
        try:
            name = literal(value)
        except ValueError:
            name = None
        if not isinstance(name, str):
            if not self.first_in_module(code_of(value)):
                return value
            self.todo(line, self.imported_model_todo("model", value, f"a Mistral moderation model ({MODERATION_MODEL})")
                      or self.self_model_todo("model", value, f"a Mistral moderation model ({MODERATION_MODEL})")
                      or f"model={code_of(value)} is computed at run time: make sure it names a Mistral "
                         f"moderation model ({MODERATION_MODEL}; said once per module)")
            return value
        mapped = map_model(name, self.config.models())
        if mapped is None:
            self.todo(line, unknown_model_todo(name, "moderation "))
            return value
        quote = value.quote if isinstance(value, cst.SimpleString) else '"'
        return cst.SimpleString(f"{quote}{mapped}{quote}")

    def leave_Await(self, original: cst.Await, updated: cst.Await) -> cst.BaseExpression:
        if updated.expression in self._converted:
            self._converted.add(updated)
        return updated

    def leave_Assign(self, original: cst.Assign, updated: cst.Assign) -> cst.Assign:
        if len(updated.targets) != 1 or not isinstance(updated.targets[0].target, cst.Name):
            return updated
        if updated.value in self._converted:
            self._results[-1][1].add(updated.targets[0].target.value)
        value = updated.value
        if isinstance(value, cst.Subscript) and isinstance(value.value, cst.Attribute) and \
                value.value.attr.value == "results" and value.value.value in self._converted:
            self._results[-1][2].add(updated.targets[0].target.value)  # (the plan checked it is read as .flagged)
        return updated

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.BaseExpression:
        """``<result>.results[i].flagged`` of a converted call: the plan checked every read is one."""
        if not isinstance(updated, cst.Attribute):  # an earlier rule of the pass replaced it
            return updated
        item = updated.value
        if updated.attr.value == "flagged" and isinstance(item, cst.Name) and item.value in self._results[-1][2]:
            return cst.parse_expression(FLAGGED_CODE.format(item=code_of(item)))  # `result.flagged` of one result
        if updated.attr.value != "flagged" or not isinstance(item, cst.Subscript):
            return updated
        results = item.value
        if not (isinstance(results, cst.Attribute) and results.attr.value == "results"):
            return updated
        owner = results.value
        if owner in self._converted or (isinstance(owner, cst.Name) and owner.value in self._results[-1][1]):
            return cst.parse_expression(FLAGGED_CODE.format(item=code_of(item)))
        return updated


def _moderation_call(node: cst.Call) -> bool:
    """``<receiver>.moderations.create(...)``, or the legacy v0 ``openai.Moderation.create`` / ``acreate``
    (the plan converts it as the module client's, MIG118)."""
    func = node.func
    if legacy_call(func, "Moderation"):
        return True
    return (isinstance(func, cst.Attribute) and func.attr.value == "create" and isinstance(func.value, cst.Attribute)
            and func.value.attr.value == "moderations")
