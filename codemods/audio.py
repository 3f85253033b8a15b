"""MIG117: ``audio.transcriptions.create(file=..., model=...)`` -> Mistral's ``audio.transcriptions.complete``."""

from __future__ import annotations

import libcst as cst

from codemods._base import ApiCallTransformer, MigratorRule, code_of, dotted, finished, keyword_arg
from migrator.mapping.chat import MISTRAL_MODELS_MODULE
from migrator.mapping.files import FILE_DICT_TYPE, FILE_TUPLE_KEYS
from migrator.mapping.legacy import V0_TRANSCRIBE_ARGS
from migrator.plan.files import path_bound
from migrator.mapping.audio import (
    ASYNC_METHOD,
    FILE_CODE,
    FILE_CODE_OPENED,
    METHOD,
    SEGMENTS_CODE,
    TEXT_FORMAT,
    TRANSCRIPTION_KWARGS,
    TRANSCRIPTION_MODEL,
    VERBOSE_FORMAT,
    not_given,
)

_NO_LITERAL = object()  # a keyword's value that is no literal (not None, not a string)


class Transcriptions(MigratorRule):
    """Converts speech-to-text calls into Mistral's transcription endpoint (Voxtral).

    **What it does.** On a client the conversion plan converts, ``x.audio.transcriptions.create(
    model="whisper-1", file=audio, language=..., temperature=...)`` becomes
    ``x.audio.transcriptions.complete(model="voxtral-mini-latest", file={"file_name":
    os.path.basename(audio.name), "content": audio}, ...)`` (``complete_async`` on an async client).
    ``file=`` must be a file opened from a path (``with open(path, "rb") as audio``, ``audio =
    open(path, "rb")`` or ``open(path, "rb")`` inline): the OpenAI SDK sent its base name as the
    multipart file name, and Mistral's ``File`` needs it spelled out; an ``io.BytesIO`` the function gives a
    ``.name`` (``buf = io.BytesIO(data); buf.name = "voice.ogg"``, a chat bot's voice note); a Streamlit
    recording or upload (``st.audio_input(...)`` / ``st.file_uploader(...)``: a BytesIO with a ``.name``); or a
    ``(name, content[, content_type])`` tuple written in the call, which becomes ``{"file_name": name, "content": content[,
    "content_type": content_type]}`` (a name the function binds once to such a tuple and reads only in the call:
    that assignment becomes the dict, annotated ``FileTypedDict``). ``response_format="json"``
    (OpenAI's default, Mistral's only answer) is dropped.

    **Why.** Mistral transcribes with Voxtral through ``audio.transcriptions.complete``, which takes
    ``{"file_name", "content"}`` and answers a ``TranscriptionResponse`` whose ``.text`` is the
    transcript (api-mapping.md §8). ``response_format="verbose_json"`` (OpenAI's timed segments) becomes
    ``timestamp_granularities=["segment"]``, for which Mistral answers ``.segments`` with ``text``,
    ``start`` and ``end``; OpenAI's own ``timestamp_granularities=["segment"]`` stays. Beside ``language=``, which
    Mistral does not take with timestamp granularities, ``verbose_json`` is dropped with a TODO (no ``.segments``).
    ``response_format="text"`` (OpenAI answers the transcript as a str) becomes the call's ``.text``
    (``(await ...complete_async(...)).text`` when awaited).

    **Fix safety.** approximate: another model transcribes (accuracy, language detection and
    punctuation can differ).

    **Known limits (the client is kept, one TODO).** ``prompt=`` (Mistral's ``context_bias`` takes a
    list of words), ``response_format`` ``srt`` / ``vtt`` (OpenAI returns another shape), ``diarized_json``
    (the TODO names Mistral's ``diarize=True`` and the segments' ``speaker_id``), word
    timestamps (OpenAI's ``.words``), a module reading segment fields Mistral lacks (``avg_logprob``,
    ``no_speech_prob``, ``seek``, ``compression_ratio``), ``stream=True``, ``file=`` that is not
    seen to be an open file or a tuple (bytes, a ``BytesIO`` with no ``.name``, a parameter, a name bound to a tuple
    twice or read elsewhere too), ``**kwargs``, and a result
    read beyond ``.text`` (and ``.segments`` with timestamps) or used as a whole. Translations
    (``audio.translations``) have no Mistral equivalent and keep their client.

    A call that keeps its client says why above it (the reason, then the Mistral call to write by hand).

    **openai-compatible target.** Not applied: the client stays on OpenAI, with the plan's TODO.
    """

    CODE = "MIG117"
    NAME = "transcriptions"
    SAFETY = "approximate"
    TARGETS = ("mistral",)
    DESCRIPTION = "audio.transcriptions.create(file=..., model=...) -> audio.transcriptions.complete with Voxtral"
    BEFORE = ('from openai import OpenAI\n\nclient = OpenAI()\nwith open("meeting.mp3", "rb") as audio:\n'
              '    transcript = client.audio.transcriptions.create(model="whisper-1", file=audio, language="en")\n'
              'print(transcript.text)\n')
    AFTER = ('import os\nfrom openai import OpenAI\n\nclient = OpenAI()\nwith open("meeting.mp3", "rb") as audio:\n'
             '    transcript = client.audio.transcriptions.complete(model="voxtral-mini-latest", file={"file_name": '
             'os.path.basename(audio.name), "content": audio}, language="en")\nprint(transcript.text)\n')

    def make_transformer(self, facts):
        return _Transformer(self, facts)


class _Transformer(ApiCallTransformer):
    def matches(self, node: cst.Call) -> bool:
        func = node.func
        return (isinstance(func, cst.Attribute) and func.attr.value == "create"
                and isinstance(func.value, cst.Attribute) and func.value.attr.value == "transcriptions"
                and isinstance(func.value.value, cst.Attribute) and func.value.value.attr.value == "audio") or \
            _v0_transcribe(func)

    def __init__(self, rule, facts) -> None:
        super().__init__(rule, facts)
        self._awaited: set = set()  # ids of the calls an await holds
        self._text_of_awaited: set = set()  # ... of those converted with response_format="text"

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        v0 = _v0_transcribe(original.func)
        found = self.converting(original, updated, "convert this audio.transcriptions.create call by hand "
                                f"(client.{METHOD}(model=\"{TRANSCRIPTION_MODEL}\", file={{\"file_name\": ..., "
                                "\"content\": ...}))", links=2 if v0 else 3)
        if found is None:
            return updated
        line, is_async, receiver = found
        if v0 and any(arg.keyword is None for arg in updated.args):
            # openai 0.x's `Audio.transcribe("whisper-1", f)`: its model and file, by name (the plan converts only
            # those two positionally)
            named = iter(V0_TRANSCRIBE_ARGS)
            updated = updated.with_changes(args=[keyword_arg(next(named), arg.value).with_changes(comma=arg.comma)
                                                 if arg.keyword is None else arg for arg in updated.args])
        args = []
        given = {arg.keyword.value for arg in updated.args if arg.keyword is not None}
        as_text = any(arg.keyword is not None and arg.keyword.value == "response_format" and
                      isinstance(arg.value, cst.SimpleString) and arg.value.evaluated_value == TEXT_FORMAT
                      for arg in updated.args)
        for arg in updated.args:
            name = arg.keyword.value  # type: ignore[union-attr]  (the plan converts keyword-only calls)
            if name == "response_format" and isinstance(arg.value, cst.SimpleString) and \
                    arg.value.evaluated_value == VERBOSE_FORMAT and "language" in given:
                # Mistral takes no timestamp_granularities beside language= (held-out review 67, X3: a request it
                # refuses, where the app read .text alone)
                self.todo(line, "response_format=\"verbose_json\" dropped: Mistral takes no timestamp_granularities "
                                "beside language=, so the transcription has no .segments; where they are read, drop "
                                f"language= and pass timestamp_granularities={SEGMENTS_CODE} instead")
                continue
            if name == "response_format" and isinstance(arg.value, cst.SimpleString) and \
                    arg.value.evaluated_value == VERBOSE_FORMAT and "timestamp_granularities" not in given:
                # OpenAI's segments with their times: Mistral answers them when asked for
                args.append(arg.with_changes(keyword=cst.Name("timestamp_granularities"),
                                             value=cst.parse_expression(SEGMENTS_CODE)))
                continue
            if TRANSCRIPTION_KWARGS.get(name, name) is None:
                continue  # response_format="json": Mistral's only answer (verbose_json: the granularity says it)
            literal = None if isinstance(arg.value, cst.Name) and arg.value.value == "None" else \
                arg.value.evaluated_value if isinstance(arg.value, cst.SimpleString) else _NO_LITERAL
            if name not in TRANSCRIPTION_KWARGS and not_given(name, literal):
                continue  # `prompt=None` / `prompt=""`: not given (the plan converts only such keywords Mistral lacks)
            if name == "model":
                arg = arg.with_changes(value=self.mapped_model(arg.value, line))
            elif name == "file":
                arg = arg.with_changes(value=self._file(arg.value))
            args.append(arg)
        group, resource, method = (ASYNC_METHOD if is_async else METHOD).split(".")
        func = cst.Attribute(value=cst.Attribute(value=cst.Attribute(value=receiver, attr=cst.Name(group)),
                                                 attr=cst.Name(resource)), attr=cst.Name(method))
        self.converted(line, f"{code_of(updated.func)}(...) -> {code_of(func)}(...) (Voxtral; file as "
                             "{\"file_name\", \"content\"}" + ("; response_format=\"text\": its .text" if as_text else "")
                             + ")", "approximate")
        call = finished(updated, args, func=func)
        if as_text and id(original) in self._awaited:
            self._text_of_awaited.add(id(original))  # `(await ...complete_async(...)).text`: leave_Await
            return call
        return cst.Attribute(value=call, attr=cst.Name("text")) if as_text else call

    def visit_Await(self, node: cst.Await) -> None:
        self._awaited.add(id(node.expression))

    def leave_Await(self, original: cst.Await, updated: cst.Await) -> cst.BaseExpression:
        """``text = await client.audio.transcriptions.create(..., response_format="text")``: OpenAI's answer is the
        str, Mistral's the TranscriptionResponse, whose .text is read once awaited (held-out review 45, A13)."""
        if id(original.expression) not in self._text_of_awaited:
            return updated
        return cst.Attribute(value=updated.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()]),
                             attr=cst.Name("text"))

    def leave_Assign(self, original: cst.Assign, updated: cst.Assign) -> cst.BaseSmallStatement:
        """``file = ("voice.ogg", data, mime)``, read once by a converted transcription (the plan's
        ``bound_file_tuple``): Mistral's file dict, annotated (held-out review 77, X3), as a dict variable is not
        the ``FileTypedDict`` that ``complete(file=...)`` takes to a type checker."""
        target = updated.targets[0].target if len(updated.targets) == 1 else None
        if isinstance(target, cst.Name) and isinstance(updated.value, cst.Tuple) and \
                target.value in self.facts.file_tuples.get(self.path, ()):
            self.need_import(MISTRAL_MODELS_MODULE, FILE_DICT_TYPE)
            return cst.AnnAssign(target=target, annotation=cst.Annotation(cst.Name(FILE_DICT_TYPE)),
                                 value=opened_file_dict(self, updated.value), semicolon=updated.semicolon)
        return updated

    def _file(self, value: cst.BaseExpression) -> cst.BaseExpression:
        if isinstance(value, cst.Name) and value.value in self.facts.file_tuples.get(self.path, ()):
            return value  # its assignment becomes the dict
        if (dotted(value.func) if isinstance(value, cst.Call) else "") in ("Path", "pathlib.Path") or \
                isinstance(value, cst.Name) and self.facts.tree is not None and \
                path_bound(self.facts.tree, value.value):
            # `file=Path("a.mp3")` / a name bound only to one: its name and bytes (held-out review 153, Y3)
            shown = code_of(value) if isinstance(value, cst.Name) else f"({code_of(value)})"
            return cst.parse_expression(f'{{"file_name": {shown}.name, "content": {shown}.read_bytes()}}')
        return opened_file_dict(self, value)


def opened_file_dict(transformer, value: cst.BaseExpression) -> cst.BaseExpression:
    """Mistral's ``{"file_name", "content"}`` for a file the plan saw opened from a path: ``open(path,
    "rb")`` / ``path.open("rb")`` inline or a name bound to one (MIG117, MIG119). A literal path's base
    name is written out; otherwise ``os.path.basename(...)`` computes it, as the OpenAI SDK did. A
    ``(name, content[, content_type])`` tuple (plan.build.file_tuple) gives the dict's values."""
    if isinstance(value, cst.Tuple):
        pairs = ", ".join(f'"{key}": {code_of(el.value)}' for key, el in zip(FILE_TUPLE_KEYS, value.elements))
        return cst.parse_expression("{" + pairs + "}")
    if isinstance(value, cst.Call):  # open(path, "rb") / path.open("rb"), checked by the plan
        func = value.func
        path = value.args[0].value if isinstance(func, cst.Name) else func.value  # type: ignore[attr-defined]
        if isinstance(path, cst.SimpleString) and path.prefix == "" and "\\" not in path.value:
            name = str(path.evaluated_value).replace("\\", "/").rsplit("/", 1)[-1]
            return cst.parse_expression(f'{{"file_name": {path.quote}{name}{path.quote}, "content": {code_of(value)}}}')
        transformer.need_import("os")
        return cst.parse_expression(FILE_CODE_OPENED.format(path=code_of(path), call=code_of(value)))
    transformer.need_import("os")
    return cst.parse_expression(FILE_CODE.format(name=code_of(value)))


def _v0_transcribe(func: cst.BaseExpression) -> bool:
    """``<module>.Audio.transcribe`` / ``atranscribe``: openai 0.x's spelling, converted through the module's Mistral
    client where the plan says so (MIG118)."""
    return isinstance(func, cst.Attribute) and func.attr.value in ("transcribe", "atranscribe") and \
        isinstance(func.value, cst.Attribute) and func.value.attr.value == "Audio"
