"""Files and batches -> mistralai 3.7 ``files.*`` and ``batch.jobs.*`` (api-mapping.md §8, checked
against the installed SDK: ``files.upload(file={"file_name", "content"}, purpose=...)`` answers a
``CreateFileResponse``; ``files.download(file_id=...)`` an unread streaming ``httpx`` response;
``batch.jobs.create(input_files=[...], endpoint=..., model=..., metadata=...)`` a ``BatchJob`` whose
status enum is upper case and whose output / error files are ``output_file`` / ``error_file``).
"""

from __future__ import annotations

from types import MappingProxyType

# OpenAI surface (after the client) -> the Mistral method (``_async`` appended on async clients).
METHODS = MappingProxyType({
    "files.create": "files.upload",
    "files.retrieve": "files.retrieve",
    "files.delete": "files.delete",
    "files.content": "files.download",
    "batches.create": "batch.jobs.create",
    "batches.retrieve": "batch.jobs.get",
    "batches.cancel": "batch.jobs.cancel",
    "files.list": "files.list",
    "batches.list": "batch.jobs.list",
})
# list(): the keywords that carry over (OpenAI -> Mistral), and the items' kind. OpenAI's page is iterable
# and its iteration fetches every page; Mistral answers one page (ListFilesResponse / ListBatchJobsResponse,
# not iterable: its .data is), page 0 of page_size (100 by default).
LIST_KEYWORDS = MappingProxyType({"files.list": MappingProxyType({"purpose": "purpose", "limit": "page_size"}),
                                  "batches.list": MappingProxyType({"limit": "page_size"})})
LIST_PAGE_SIZE = 100
LIST_TODO = ("Mistral's {method} answers one page ({size} items unless page_size= says otherwise; page= for the "
             "next), where iterating OpenAI's page went through every page (limit= was the size of each): page "
             "through it if there can be more")
LIST_DATA_TODO = ("Mistral's {method} answers one page of {size} items unless page_size= says otherwise (page= for "
                  "the next); OpenAI's .data held a page of its own default size: set page_size= if the count matters")
# The id an OpenAI method takes first (positionally or by name) -> Mistral's keyword for it.
ID_KEYWORDS = MappingProxyType({
    "files.retrieve": ("file_id", "file_id"), "files.delete": ("file_id", "file_id"),
    "files.content": ("file_id", "file_id"),
    "batches.retrieve": ("batch_id", "job_id"), "batches.cancel": ("batch_id", "job_id"),
})
# files.create(purpose=...): OpenAI purposes Mistral's files.upload has (the others: fine-tune, batch,
# ocr, agentic_safety; "assistants", "vision", "user_data", "evals" have no Mistral counterpart).
PURPOSES = frozenset({"batch", "fine-tune"})
# files.create(file=<tuple literal>): OpenAI's (name, content[, content type]) -> Mistral's File dict.
FILE_TUPLE_KEYS = ("file_name", "content", "content_type")
# A name bound to that dict is annotated with Mistral's TypedDict (from MISTRAL_MODELS_MODULE), which a type checker
# needs to see the variable as the ``file=`` it is
FILE_DICT_TYPE = "FileTypedDict"
# batches.create keywords: input_file_id -> input_files=[...]; completion_window "24h" is Mistral's
# default timeout (timeout_hours=24) and is dropped.
BATCH_ENDPOINTS = frozenset({"/v1/chat/completions"})
COMPLETION_WINDOW = "24h"

# How a converted result may be read. Files: the fields both answers have, as they are.
FILE_ATTRS = frozenset({"id", "filename", "created_at", "purpose"})
FILE_RENAMES = MappingProxyType({"bytes": "size_bytes"})
DELETED_ATTRS = frozenset({"id", "deleted"})
# files.content -> files.download: an httpx response that is not read yet (stream=True).
CONTENT_READS = MappingProxyType({"content": "read()", "text": "read().decode()"})
# ... and on an async client, an unread async stream (api-mapping.md §13: ``await r.aread()``).
ASYNC_CONTENT_READS = MappingProxyType({"content": "await {owner}.aread()", "text": "(await {owner}.aread()).decode()"})
# Methods that work on the unread response as they are (sync only: an async one must be awaited, and
# .json() needs the body read first).
CONTENT_METHODS = frozenset({"read", "iter_bytes", "iter_lines", "iter_text"})
# Batch jobs: fields as they are, fields renamed, request counts flattened.
# (completed_at: the same meaning on Mistral's BatchJob, epoch seconds: re-review 54, R4; in_progress_at is its started_at)
BATCH_ATTRS = frozenset({"id", "created_at", "metadata", "endpoint", "completed_at"})
BATCH_RENAMES = MappingProxyType({"output_file_id": "output_file", "error_file_id": "error_file",
                                  "input_file_id": "input_files[0]", "in_progress_at": "started_at"})
REQUEST_COUNTS = MappingProxyType({"total": "total_requests", "completed": "succeeded_requests",
                                   "failed": "failed_requests"})
# OpenAI batch status -> Mistral's (upper case; Mistral has no validating / finalizing phase:
# those compare as QUEUED / RUNNING).
# "finalizing" has no counterpart (Mistral reports RUNNING until the job ends): comparing with it keeps
# the client, since it would turn into "RUNNING" and take in_progress's branch.
UNMAPPED_STATUSES = frozenset({"finalizing"})
STATUSES = MappingProxyType({
    "validating": "QUEUED", "in_progress": "RUNNING", "finalizing": "RUNNING", "completed": "SUCCESS",
    "failed": "FAILED", "expired": "TIMEOUT_EXCEEDED", "cancelling": "CANCELLATION_REQUESTED",
    "cancelled": "CANCELLED",
})
# Attributes the codemod may rewrite on a converted result (the sites both twins count).
READ_SITE_ATTRS = frozenset({"status", "request_counts", "content", "text", *BATCH_RENAMES, *FILE_RENAMES})

# A batch input line the application writes: OpenAI's {"custom_id", "method", "url", "body"} ->
# Mistral's {"custom_id", "body"} (the endpoint and the model are the job's).
LINE_KEYS = frozenset({"custom_id", "method", "url", "body"})
LINE_DROPPED = frozenset({"method", "url"})
# Chat body keys that mean the same in a Mistral chat request, and the renamed ones.
LINE_BODY_KEYS = frozenset({"model", "messages", "temperature", "max_tokens", "top_p", "stop", "n",
                            "response_format", "tools", "presence_penalty", "frequency_penalty"})
LINE_BODY_RENAMES = MappingProxyType({"max_completion_tokens": "max_tokens", "seed": "random_seed"})


def line_dict(keys: "list[object]") -> bool:
    """Are ``keys`` (a dict literal's keys, None for ``**x``) an OpenAI batch input line's?"""
    return all(isinstance(k, str) for k in keys) and set(keys) == LINE_KEYS  # type: ignore[arg-type]


# Why a files call stays on OpenAI where it has no Mistral form at all (a kept call's TODO then gives no "convert by
# hand" advice: codemods._base.converting): an upload of a purpose Mistral lacks, an id an OpenAI-only resource made.
PURPOSE_TODO = ("Mistral's files take purpose \"batch\", \"fine-tune\", \"ocr\" or \"agentic_safety\"; assistants / "
                "vision / user data files have no Mistral counterpart")
OPENAI_ONLY_IDS = ("this module uses assistants / threads / vector stores / fine-tuning jobs, whose files stay on "
                   "OpenAI: their ids do not exist on Mistral")
NO_MISTRAL_FORM = (PURPOSE_TODO, OPENAI_ONLY_IDS)
