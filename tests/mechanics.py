"""Rule-mechanics tests: a rule's rewrite of a snippet that holds no client.

The conversion plan leaves client-dependent sites (except clauses, message literals, response reads,
env reads) alone unless they belong to a converted client; snippets that test *how* a rule rewrites
such a site assume they do. The plan's decisions themselves are tested in test_plan.py.
"""

from libcst.codemod import CodemodContext, CodemodTest

from codemods._base import ASSUME_CONVERTED


class MechanicsTest(CodemodTest):
    def assertCodemod(self, before, after, *args, **kwargs):  # noqa: N802 - LibCST's name
        kwargs.setdefault("context_override", CodemodContext(scratch={ASSUME_CONVERTED: True}))
        return super().assertCodemod(before, after, *args, **kwargs)
