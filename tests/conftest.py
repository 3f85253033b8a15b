"""Shared pytest fixtures. Each block below belongs to one component; add yours as a new block."""

# ==== wire server (tests/wire_server.py) =========================================================
# Loopback servers speaking the OpenAI / Mistral wire protocols; see the wire_server docstring.
#   openai_server, mistral_server              session-scoped, shared: read-only use (no inject(),
#                                              no assertions on .requests, which other tests fill)
#   fresh_openai_server, fresh_mistral_server  one per test: inject faults, assert on .requests
#   program_env                                env dict for subprocesses against the session
#                                              servers; wire_server.program_env(a, b) for others
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # `import wire_server` from any test

from wire_server import WireServer, program_env as _program_env  # noqa: E402


@pytest.fixture(scope="session")
def openai_server():
    with WireServer("openai") as server:
        yield server


@pytest.fixture(scope="session")
def mistral_server():
    with WireServer("mistral") as server:
        yield server


@pytest.fixture
def fresh_openai_server():
    with WireServer("openai") as server:
        yield server


@pytest.fixture
def fresh_mistral_server():
    with WireServer("mistral") as server:
        yield server


@pytest.fixture
def program_env(openai_server, mistral_server):
    """Environment for running a program as a subprocess against the session servers.

    Dummy keys, OPENAI_BASE_URL (with /v1), MISTRAL_SERVER_URL (without /v1), NO_PROXY=*;
    proxies and inherited OPENAI_*/MISTRAL_* variables removed.
    """
    return _program_env(openai_server, mistral_server)
# ==== end wire server ============================================================================

