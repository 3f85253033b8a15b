"""The OpenAI -> Mistral mapping, as data, in one place (DESIGN.md).

Codemods and the parity harness both read these tables; nothing else restates them.
"""

from migrator.mapping.chat import CHAT_PARAMS, METHODS
from migrator.mapping.client import CLIENT_CLASSES, CLIENT_PARAMS, MANUAL_CLIENT_CLASSES
from migrator.mapping.env import ENV_VARS
from migrator.mapping.errors import ERRORS, ErrorRule, error_rule
from migrator.mapping.messages import ToolCallIds, chat_messages, mistral_tool_call_id, tool_definitions
from migrator.mapping.models import DEFAULT_MODEL_MAP, map_model
from migrator.mapping.policies import DropValue, ParamRule, Policy, Unmappable, Xform

__all__ = [
    "CHAT_PARAMS", "CLIENT_CLASSES", "CLIENT_PARAMS", "DEFAULT_MODEL_MAP", "DropValue", "ENV_VARS",
    "ERRORS", "ErrorRule", "error_rule",
    "MANUAL_CLIENT_CLASSES", "METHODS", "ParamRule", "Policy", "ToolCallIds", "Unmappable", "Xform",
    "chat_messages", "map_model", "mistral_tool_call_id", "tool_definitions",
]
