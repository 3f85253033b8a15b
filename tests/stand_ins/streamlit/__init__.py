"""A stand-in for streamlit's ``write_stream``, for the differential programs (streamlit itself pulls
in pyarrow and pandas, and its elements need a running app).

It reproduces what streamlit 1.67 (``streamlit/elements/write.py``, ``write_stream``) does with each
item of the stream: an OpenAI ``ChatCompletionChunk`` becomes the text of ``choices[0].delta.content``
("" without choices or delta), a ``str`` is written as is, anything else is written as an object
(``st.write``). It returns the text when every item was text, else the list of written items, as
streamlit does. The programs print that value, so a converted program that handed streamlit
Mistral's events (objects it does not read) prints something else.
"""
from __future__ import annotations

from typing import Any, Iterable

_OPENAI_CHUNK = "openai.types.chat.chat_completion_chunk.ChatCompletionChunk"


def _is_openai_chunk(obj: Any) -> bool:
    kind = type(obj)
    return f"{kind.__module__}.{kind.__qualname__}" == _OPENAI_CHUNK


def write_stream(stream: Iterable[Any]) -> Any:
    written: list[Any] = []
    for chunk in stream:
        if _is_openai_chunk(chunk):
            if not chunk.choices or chunk.choices[0].delta is None:
                chunk = ""
            else:
                chunk = chunk.choices[0].delta.content or ""
        if isinstance(chunk, str) and written and isinstance(written[-1], str):
            written[-1] += chunk
        else:
            written.append(chunk)
    if all(isinstance(item, str) for item in written):
        return "".join(written)
    return written


class _Container:
    def __enter__(self) -> "_Container":
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def write_stream(self, stream: Iterable[Any]) -> Any:
        return write_stream(stream)


def chat_message(name: str) -> _Container:
    return _Container()
