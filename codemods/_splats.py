"""The build steps of a dict a converted call splats (``create(**params)``), rewritten key by key.

Shared by MIG102 (chat: ``codemods.chat_completions``) and MIG107 (embeddings): which dicts qualify is decided in
``codemods._facts`` (``_splat_dict``: built from literal keys in the call's scope, read nowhere else); what each key
becomes is the rule's ``_rewrite_item``.
"""

from __future__ import annotations

from typing import Optional

import libcst as cst

from codemods._base import code_of, env_getter, finish_elements, finished


class SplatSteps:
    """A mixin for a rule's transformer: ``params = {...}`` / ``params = dict(...)``, ``params["key"] = value`` and
    ``params.update(...)`` of a dict the rule's ``_splat`` answers for are rewritten with its ``_rewrite_item``
    (``(new key, new value)``, or None to drop the key); a statement left with nothing goes, and so does an ``if``
    whose body was only such a statement."""

    def splat_steps_init(self) -> None:
        # `kwargs.update(user=user)` left with no argument: goes (id -> the node, held so that its id is not reused by
        # a node made later, which then went too: a flaky test run dropped `kwargs.update(temperature=0)`)
        self._emptied_updates: dict[int, cst.Call] = {}
        self._drops = 0  # statements of a splatted dict removed so far (`kwargs["user"] = user`, an emptied update)
        self._if_drops: list[int] = []  # self._drops when each enclosing `if` was entered
        self._elifs: set[int] = set()  # `elif` branches (an If in another's orelse): never removed on their own

    def _splat(self, node: cst.BaseExpression):  # pragma: no cover - each rule answers
        raise NotImplementedError

    def _rewrite_item(self, owner: str, key: str, value: cst.BaseExpression) -> Optional[tuple]:  # pragma: no cover
        raise NotImplementedError

    def _rewritable(self, node: cst.BaseExpression) -> bool:
        info = self._splat(node)
        # (not a statement of another branch, binding a dict of its own: held-out review 150, Y5)
        return info is not None and info.rewritable and not (info.elsewhere and self.current_line() in info.elsewhere)

    def rewrite_annotated_step(self, updated: cst.AnnAssign):
        """``kwargs: Dict[str, Any] = {...}`` (or ``= dict(...)``): its value rewritten as ``rewrite_build_step``
        rewrites a plain assignment's (held-out review 95, X5)."""
        if updated.value is None or not isinstance(updated.target, cst.Name):
            return updated
        plain = self.rewrite_build_step(cst.Assign(targets=[cst.AssignTarget(target=updated.target)],
                                                   value=updated.value))
        return updated.with_changes(value=plain.value) if isinstance(plain, cst.Assign) else updated

    def rewrite_build_step(self, updated: cst.Assign):
        """``updated`` with its keys rewritten when it builds a rewritable splatted dict (RemoveFromParent when its
        only key goes)."""
        if len(updated.targets) != 1:
            return updated
        target = updated.targets[0].target
        if isinstance(target, cst.Name) and isinstance(updated.value, cst.Dict) and self._rewritable(target):
            return updated.with_changes(value=self._rewrite_dict(target.value, updated.value))
        if isinstance(target, cst.Name) and isinstance(updated.value, cst.Call) and \
                isinstance(updated.value.func, cst.Name) and updated.value.func.value == "dict" and \
                all(a.keyword is not None for a in updated.value.args) and self._rewritable(target):
            # `kwargs = dict(model=..., max_completion_tokens=...)`: its keywords are the keys (held-out review 48, H2)
            args = []
            for arg in updated.value.args:
                new = self._rewrite_item(target.value, arg.keyword.value, arg.value)
                if new is not None:
                    args.append(arg.with_changes(keyword=cst.Name(new[0]), value=new[1]))
            return updated.with_changes(value=finished(updated.value, args))
        if (isinstance(target, cst.Subscript) and self._rewritable(target.value) and len(target.slice) == 1
                and isinstance(target.slice[0].slice, cst.Index)):
            index = target.slice[0].slice
            key = index.value.evaluated_value if isinstance(index.value, cst.SimpleString) else None
            if not isinstance(key, str):
                return updated
            new = self._rewrite_item(target.value.value, key, updated.value)  # type: ignore[attr-defined]
            if new is None:
                self._drops += 1
                return cst.RemoveFromParent()
            new_key, value = new
            element = target.slice[0].with_changes(slice=index.with_changes(
                value=cst.SimpleString(f"{index.value.quote}{new_key}{index.value.quote}")))
            return updated.with_changes(targets=[updated.targets[0].with_changes(
                target=target.with_changes(slice=[element]))], value=value)
        return updated

    def _rewrite_dict(self, owner: str, node: cst.Dict) -> cst.Dict:
        kept = []
        for element in node.elements:
            key = element.key.evaluated_value if isinstance(element, cst.DictElement) and \
                isinstance(element.key, cst.SimpleString) else None
            new = self._rewrite_item(owner, key, element.value) if isinstance(key, str) else (key, element.value)
            if new is None:
                continue
            new_key, value = new
            if isinstance(key, str):
                element = element.with_changes(key=cst.SimpleString(f"{element.key.quote}{new_key}{element.key.quote}"),
                                               value=value)
            kept.append(element)
        return node.with_changes(elements=finish_elements(node.elements, kept))

    def _update(self, updated: cst.Call) -> cst.Call:
        """``params.update({...})`` / ``params.update(key=value)`` on a splatted dict."""
        owner = updated.func.value.value  # type: ignore[attr-defined]
        args = []
        for arg in updated.args:
            if arg.keyword is None and isinstance(arg.value, cst.Dict):
                args.append(arg.with_changes(value=self._rewrite_dict(owner, arg.value)))
            elif arg.keyword is not None:
                new = self._rewrite_item(owner, arg.keyword.value, arg.value)
                if new is not None:
                    args.append(arg.with_changes(keyword=cst.Name(new[0]), value=new[1]))
            else:
                args.append(arg)
        result = finished(updated, args)
        if not args:  # every key dropped (`kwargs.update(user=user)`): the statement goes (held-out review 49, I9)
            self._emptied_updates[id(result)] = result
        return result

    def leave_Expr(self, original: cst.Expr, updated: cst.Expr):
        if self._emptied_updates.get(id(updated.value)) is updated.value:
            self._drops += 1
            return cst.RemoveFromParent()
        return updated

    def visit_If(self, node: cst.If) -> None:
        self._if_drops.append(self._drops)
        if isinstance(node.orelse, cst.If):
            self._elifs.add(id(node.orelse))

    def leave_If(self, original: cst.If, updated: cst.If):
        """``if user: kwargs["user"] = user`` whose body was only the dropped key: LibCST would leave
        ``if user: pass``; the whole ``if`` goes when its test only reads names and no comment or TODO
        would go with it."""
        entered = self._if_drops.pop() if self._if_drops else self._drops
        todos = self._todos[-1]  # type: ignore[attr-defined]  # (the statement's: RuleTransformer's)
        if entered == self._drops or updated.orelse is not None or id(original) in self._elifs or todos or \
                not _plain_test(updated.test) or "#" in code_of(original):
            return updated
        # (its statements, or the small statements of `if user: kwargs["user"] = user`: none left, LibCST prints `pass`)
        return updated if updated.body.body else cst.RemoveFromParent()


def _plain_test(node: cst.BaseExpression) -> bool:
    """An ``if`` test with nothing to run but reads: names, attributes of names, constants, an environment
    variable's value (``os.getenv("EMBED_DIM")``: held-out review 76, X5), and comparisons / ``not`` / ``and`` /
    ``or`` of those."""
    if isinstance(node, (cst.Name, cst.SimpleString, cst.Integer)):
        return True
    if isinstance(node, cst.Call) and (env_getter(node) or env_getter(node, default=False)):
        return all(_plain_test(arg.value) for arg in node.args if not arg.star)
    if isinstance(node, cst.Attribute):
        return _plain_test(node.value)
    if isinstance(node, cst.UnaryOperation):
        return isinstance(node.operator, cst.Not) and _plain_test(node.expression)
    if isinstance(node, cst.BooleanOperation):
        return _plain_test(node.left) and _plain_test(node.right)
    if isinstance(node, cst.Comparison):
        return _plain_test(node.left) and all(_plain_test(target.comparator) for target in node.comparisons)
    return False
