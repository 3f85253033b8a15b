"""Environment variables (api-mapping.md §1.4)."""

from __future__ import annotations

from types import MappingProxyType

# OpenAI variable -> the Mistral-side variable generated code reads instead.
# MISTRAL_SERVER_URL is migrator's own convention (Mistral's SDK reads no base-URL variable): it holds
# the server URL *without* /v1, and converted clients pass it as server_url.
ENV_VARS = MappingProxyType({
    "OPENAI_API_KEY": "MISTRAL_API_KEY",
    "OPENAI_BASE_URL": "MISTRAL_SERVER_URL",
    "OPENAI_API_BASE": "MISTRAL_SERVER_URL",
    # (an app's own spelling, common in settings classes: held-out review 103, X2, the env file kept OpenAI's URL
    # there while the converted client took it as server_url)
    "OPENAI_API_BASE_URL": "MISTRAL_SERVER_URL",
})
SERVER_URL_ENV = "MISTRAL_SERVER_URL"
# OpenAI's base-URL variables (the SDK reads OPENAI_BASE_URL itself; v0 code and LangChain OPENAI_API_BASE)
BASE_URL_VARS = tuple(name for name, new in ENV_VARS.items() if new == SERVER_URL_ENV)
API_KEY_ENV = "MISTRAL_API_KEY"

# Variables whose value changes meaning: the codemod renames them, so the value must change too.
# (OPENAI_BASE_URL includes /v1; MISTRAL_SERVER_URL must not.)
ENV_VALUE_NOTES = MappingProxyType({
    "MISTRAL_SERVER_URL": "set MISTRAL_SERVER_URL to the server URL without /v1 (e.g. https://api.mistral.ai)",
})

# Settings classes whose fields are read from the environment (pydantic-settings, pydantic 1): a field
# ``openai_model: str = "gpt-4o"`` is set by OPENAI_MODEL (names match case-insensitively).
SETTINGS_BASES = ("BaseSettings",)

# A shell script's `docker run [options] IMAGE`: the commands that run an image, and the run options that take a
# value (`-e KEY=...`, `-p 3000:8080`, `--name x`); an option not listed is read as a flag (`-d`, `--rm`). A key
# passed only to a prebuilt image the script does not build may be another program's (held-out review 60, X12).
DOCKER_RUNNERS = ("docker", "podman", "nerdctl")
DOCKER_RUN_VALUED = frozenset((
    "-e", "--env", "--env-file", "-p", "--publish", "-v", "--volume", "--name", "-w", "--workdir", "--network",
    "--net", "--entrypoint", "-u", "--user", "--mount", "--restart", "-l", "--label", "--label-file", "--add-host",
    "--gpus", "-m", "--memory", "--cpus", "--platform", "--pull", "--shm-size", "--device", "-h", "--hostname",
    "--ulimit", "--log-driver", "--log-opt", "--runtime", "--ipc", "--pid", "--cap-add", "--cap-drop",
    "--security-opt", "--tmpfs", "--volumes-from", "--dns", "--health-cmd", "--expose", "--link", "--memory-swap",
    "--cpu-shares", "--cpuset-cpus", "--stop-signal", "--stop-timeout", "--group-add", "--cidfile", "--ip",
    "--network-alias", "--storage-opt", "--sysctl", "--userns", "--uts", "--isolation", "--attach", "-a"))

# Images of third-party programs that read OPENAI_API_KEY (and OPENAI_MODEL ...) for their own OpenAI connection: a
# deploy manifest's container running one is not the converted app (held-out review 62, X31: a LiteLLM proxy's key
# was renamed). Matched as parts of the image reference.
OPENAI_CLIENT_IMAGES = ("berriai/litellm", "litellm/litellm", "open-webui/open-webui", "flowiseai/flowise",
                        "langflowai/langflow", "librechat", "mintplexlabs/anythingllm", "langgenius/dify",
                        "n8nio/n8n", "chatgpt-next-web", "lobehub/lobe-chat")

# Streamlit's secrets (`st.secrets["OPENAI_API_KEY"]`): root-level ones are put in the environment too, where converted
# clients read MISTRAL_API_KEY (held-out review 65, X5)
STREAMLIT_SECRETS = ("st.secrets", "streamlit.secrets")
# Colab's notebook secrets (`from google.colab import userdata`; `userdata.get("OPENAI_API_KEY")`): read the same way,
# the secret to add named (held-out review 71, Y7)
COLAB_SECRETS = ("userdata", "google.colab.userdata")
# Calls that show a message to the user (Streamlit's, print, logging's): a renamed secret gate's message names the new
# secret in them (held-out review 74, Y5)
MESSAGE_CALLS = frozenset({"error", "warning", "info", "write", "markdown", "caption", "text", "toast", "print",
                           "exception", "success"})
STREAMLIT_SECRET_TODO = ("st.secrets[\"OPENAI_API_KEY\"]: Streamlit also puts root-level secrets in the environment, "
                         "where the converted clients now read MISTRAL_API_KEY: add MISTRAL_API_KEY (a Mistral key) "
                         "to the app's secrets (.streamlit/secrets.toml, the Streamlit Cloud settings), and read it "
                         "here if the code needs it")

# `from os import environ as env` then `env["OPENAI_API_KEY"] = ...` in a module whose clients converted: the
# environment under another name, which migrator's renames do not follow (held-out review 166, Y2)
ENVIRON_ALIAS_TODO = ("{alias} is os.environ (from os import environ as {alias}): {variable} is set or read here, but "
                      "the converted clients read MISTRAL_API_KEY: set or read MISTRAL_API_KEY (a Mistral key; in "
                      "Colab, a secret of that name) instead where this is about them")
