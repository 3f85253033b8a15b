"""Value transforms shared by codemods and the parity harness (api-mapping.md §1.2, §2.2, §6)."""

from __future__ import annotations

from typing import Any

from migrator.mapping.policies import DropValue, Unmappable


def seconds_to_ms(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Unmappable(f"timeout {value!r} is not a number of seconds")
    return int(round(value * 1000))


def functions_to_tools(functions: Any) -> list:
    if not isinstance(functions, list):
        raise Unmappable("functions is not a list")
    return [{"type": "function", "function": f} for f in functions]


def function_call_to_tool_choice(value: Any) -> Any:
    if value in ("auto", "none"):
        return value
    if isinstance(value, dict) and set(value) == {"name"}:
        return {"type": "function", "function": {"name": value["name"]}}
    raise Unmappable(f"function_call {value!r} has no tool_choice equivalent")


def tool_choice(value: Any) -> Any:
    if value is None or value in ("auto", "none", "required"):
        return value  # None: both SDKs leave the choice to the server
    if isinstance(value, dict) and value.get("type") == "function":
        return value
    raise Unmappable(f"tool_choice {value!r} is not supported by Mistral (allowed_tools/custom)")


def tools(value: Any) -> Any:
    if isinstance(value, list):
        for tool in value:
            if isinstance(tool, dict) and tool.get("type") not in (None, "function"):
                raise Unmappable(f"tool type {tool.get('type')!r} is not supported by Mistral")
    return value


def prediction(value: Any) -> Any:
    if isinstance(value, dict) and isinstance(value.get("content"), list):
        text = "".join(p.get("text", "") for p in value["content"] if isinstance(p, dict))
        return {**value, "content": text}
    return value


def service_tier(value: Any) -> Any:
    if value == "auto":
        return "auto"
    if value == "default":
        return "standard_only"
    raise DropValue(f"service_tier {value!r} has no Mistral equivalent")


def modalities(value: Any) -> Any:
    if value == ["text"]:
        raise DropValue("text-only output is Mistral's default")
    raise Unmappable(f"modalities {value!r}: audio output is not supported in Mistral chat")


def strip_v1(url: Any) -> Any:
    """OpenAI base URLs include ``/v1``; Mistral's ``server_url`` must not."""
    if not isinstance(url, str):
        raise Unmappable("base_url is not a string")
    stripped = url.rstrip("/")
    if stripped.endswith("/v1"):
        stripped = stripped[: -len("/v1")]
    if stripped in ("https://api.openai.com", "http://api.openai.com"):
        return "https://api.mistral.ai"
    return stripped


def max_retries_to_retry_config(value: Any) -> Any:
    """Runtime form of the retry translation (the codemod emits the RetryConfig constructor)."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise Unmappable(f"max_retries {value!r} is not an integer")
    if value <= 0:  # OpenAI makes no retry for 0 or less
        raise DropValue("Mistral does not retry by default")
    from migrator.mapping.client import retry_budget_ms

    return {"strategy": "backoff", "initial_interval": 500, "max_interval": 8000, "exponent": 2.0,
            "max_elapsed_time": retry_budget_ms(value), "retry_connection_errors": True}
