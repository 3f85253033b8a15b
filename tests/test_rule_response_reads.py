"""MIG105: response reads that differ on Mistral."""

from __future__ import annotations

from libcst.codemod import CodemodTest  # noqa: F401
from mechanics import MechanicsTest

from codemods.response_reads import ResponseReads


class TestResponseReads(MechanicsTest):
    TRANSFORM = ResponseReads

    def test_noop(self) -> None:
        """Modules without OpenAI, and assignments to such names, are left alone."""
        code = """
            r.system_fingerprint
            x.finish_reason == "length"
        """
        self.assertCodemod(code, code)
        code = """
            import openai
            state.refusal = None
            print(r.choices[0].message.content, r.usage.total_tokens)
        """
        self.assertCodemod(code, code)

    def test_missing_fields_become_getattr(self) -> None:
        """system_fingerprint / refusal / service_tier: getattr with a None default."""
        before = """
            import openai
            print(r.system_fingerprint, r.choices[0].message.refusal)
        """
        after = """
            import openai
            print(getattr(r, "system_fingerprint", None), getattr(r.choices[0].message, "refusal", None))
        """
        self.assertCodemod(before, after)

    def test_finish_reasons(self) -> None:
        """length also matches model_length; function_call becomes tool_calls; content_filter flagged."""
        before = """
            from openai import OpenAI
            truncated = choice.finish_reason == "length"
            if choice.finish_reason != "function_call":
                pass
            blocked = choice.finish_reason == "content_filter"
        """
        after = """
            from openai import OpenAI
            truncated = choice.finish_reason in ("length", "model_length")
            if choice.finish_reason not in ("tool_calls",):
                pass
            # TODO(migrator MIG105): finish_reason "content_filter" does not exist on Mistral (it may report "error")
            blocked = choice.finish_reason == "content_filter"
        """
        self.assertCodemod(before, after)

    def test_legacy_function_call_and_usage_details(self) -> None:
        """message.function_call reads the first tool call; usage details get a TODO."""
        before = """
            import openai
            call = msg.function_call
            cached = r.usage.prompt_tokens_details.cached_tokens
        """
        after = """
            import openai
            call = (msg.tool_calls[0].function if msg.tool_calls else None)
            # TODO(migrator MIG105): prompt_tokens_details: Mistral usage has no prompt_tokens_details (cached tokens are not reported)
            cached = r.usage.prompt_tokens_details.cached_tokens
        """
        self.assertCodemod(before, after)
