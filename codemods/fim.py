"""MIG112: legacy ``completions.create(prompt=..., suffix=...)`` -> Mistral's ``fim.complete``."""

from __future__ import annotations

import libcst as cst

from codemods._base import ApiCallTransformer, MigratorRule, code_of, finished, legacy_call
from codemods._facts import CTEXT
from migrator.mapping.fim import ASYNC_METHOD, FIM_KWARGS, FIM_MODEL, METHOD, TEXT_CODE


class Fim(MigratorRule):
    """Converts fill-in-the-middle legacy completions into Mistral's FIM endpoint.

    **What it does.** On a client the conversion plan converts, ``x.completions.create(model=...,
    prompt=..., suffix=..., max_tokens=..., temperature=..., top_p=..., stop=..., seed=...)`` becomes
    ``x.fim.complete(model="codestral-latest", ..., random_seed=...)`` (``complete_async`` on an async
    client), and each ``result.choices[i].text`` read becomes ``result.choices[i].message.content``.

    **Why.** Mistral has no legacy completions endpoint; fill-in-the-middle (a prompt and a suffix)
    is ``fim.complete`` with a Codestral model, whose choices hold a message (api-mapping.md §8).

    **Fix safety.** approximate: Codestral completes code, not any text.

    **Known limits (the client is kept, one TODO at its constructor).** A completion without
    ``suffix=`` (a plain prompt: move it to ``chat.complete`` by hand), ``stream=True``, ``n``,
    ``best_of``, ``echo``, ``logprobs``, penalties, ``user``, ``logit_bias``, ``**kwargs``, and a
    result used beyond ``.choices[i].text`` / ``.finish_reason``, ``.usage``, ``.id``, ``.model``.

    **openai-compatible target.** Not applied: the client stays on OpenAI, with the plan's TODO.
    """

    CODE = "MIG112"
    NAME = "fim"
    SAFETY = "approximate"
    TARGETS = ("mistral",)
    DESCRIPTION = "completions.create(prompt=..., suffix=...) -> fim.complete(model=\"codestral-latest\", ...)"
    BEFORE = ('from openai import OpenAI\n\nclient = OpenAI()\n'
              'r = client.completions.create(model="gpt-3.5-turbo-instruct", prompt=head, suffix=tail, seed=1)\n'
              'middle = r.choices[0].text\n')
    AFTER = ('from openai import OpenAI\n\nclient = OpenAI()\n'
             'r = client.fim.complete(model="codestral-latest", prompt=head, suffix=tail, random_seed=1)\n'
             'middle = r.choices[0].message.content\n')

    def make_transformer(self, facts):
        return _Transformer(self, facts)


class _Transformer(ApiCallTransformer):
    def matches(self, node: cst.Call) -> bool:
        func = node.func
        if legacy_call(func, "Completion"):
            return True  # legacy v0 `openai.Completion.create`: the plan converts it as the module client's (MIG118)
        return (isinstance(func, cst.Attribute) and func.attr.value == "create"
                and isinstance(func.value, cst.Attribute) and func.value.attr.value == "completions"
                and not (isinstance(func.value.value, cst.Attribute) and func.value.value.attr.value == "chat"))

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value == "text" and isinstance(node.value, cst.Subscript) and \
                isinstance(node.value.value, cst.Attribute) and node.value.value.attr.value == "choices":
            self.mark_site(node, CTEXT)

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.BaseExpression:
        answer = self.answer_for(original)
        if not (answer and answer[0] == "ctext" and answer[1]) or not isinstance(updated, cst.Attribute):
            return updated
        return cst.parse_expression(TEXT_CODE.format(choice=code_of(updated.value)))

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        found = self.converting(original, updated, f"convert this completions.create call by hand (fill-in-the-"
                                f"middle: fim.complete(model=\"{FIM_MODEL}\", prompt=..., suffix=...))")
        if found is None:
            return updated
        line, is_async, receiver = found
        args = []
        for arg in updated.args:
            name = arg.keyword.value  # type: ignore[union-attr]  (the plan converts keyword-only calls)
            if name == "model":
                value = arg.value
                if isinstance(value, cst.SimpleString):
                    arg = arg.with_changes(value=cst.SimpleString(f"{value.quote}{FIM_MODEL}{value.quote}"))
                else:
                    self.todo(line, f"model={code_of(value)}: Mistral's fill-in-the-middle needs a Codestral model "
                                    f"({FIM_MODEL})")
            elif name in FIM_KWARGS:
                arg = arg.with_changes(keyword=cst.Name(FIM_KWARGS[name]))
            args.append(arg)
        group, method = (ASYNC_METHOD if is_async else METHOD).split(".")
        func = cst.Attribute(value=cst.Attribute(value=receiver, attr=cst.Name(group)), attr=cst.Name(method))
        self.converted(line, f"{code_of(updated.func)}(suffix=...) -> {code_of(func)}(...) with {FIM_MODEL}",
                       "approximate")
        return finished(updated, args, func=func)
