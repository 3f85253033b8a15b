"""One file through the pipeline: read -> prefilter -> decode -> transform -> encode -> (write).

Every step that can fail on a bad file returns ``Failed`` with a one-line reason; nothing here lets
an exception escape for a file's sake. Bytes outside what the rules change are preserved exactly:
the text is decoded without newline translation, re-encoded with the file's own encoding, and the
UTF-8 BOM is kept (``utf-8-sig``).
"""

from __future__ import annotations

import codecs
import io
import os
import re
import stat
from dataclasses import dataclass
from typing import Callable, Union

from migrator.config import Config
from migrator.engine.discovery import SourceFile, os_reason
from migrator.engine.results import Changed, Failed, FileResult, RuleOutcome, Skipped, Unchanged
from migrator.engine.walk import (NOTEBOOK, PYTHON, WIDE_BOMS, mentions_openai, names_python, read_regular,
                                  read_for_the_plan, wide_bom, bomless_wide)

Transform = Callable[..., RuleOutcome]
"""``transform(code: str, *, config: Config, filename: str) -> RuleOutcome``; a module-level
function, so that it pickles into worker processes."""

NO_OPENAI_REASON = "no openai reference"
_CODING_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", re.ASCII)
_FILE_KINDS = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFDIR: "a directory",
}


@dataclass(frozen=True)
class LoadedFile:
    """A file that passed the prefilter: its bytes and the stat taken when they were read."""

    source: SourceFile
    data: bytes
    mode: int
    mtime_ns: int
    size: int


def format_size(size: int) -> str:
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


# A notebook may be this many times --max-file-size when its code cells are within the limit (its outputs are not read).
NOTEBOOK_ALLOWANCE = 32


def notebook_code_size(data: bytes):
    """The bytes of a notebook's code cells (their source, UTF-8), or None when it is not a notebook's JSON."""
    import json

    try:
        cells = json.loads(data).get("cells", [])
        return sum(len("".join(cell.get("source", "")).encode("utf-8")) for cell in cells
                   if cell.get("cell_type") == "code")
    except (ValueError, AttributeError, TypeError):
        return None


def load(source: SourceFile, *, max_file_size: int | None, prefilter: bool = True) -> Union[LoadedFile, Skipped, Failed]:
    """Read a file for the prefilter (``prefilter=False``: read it whatever it mentions); never blocks
    (pipes) and never raises."""
    notebook = source.kind == NOTEBOOK and bool(max_file_size)
    problem, info, data = read_regular(source.real_path, max_file_size * NOTEBOOK_ALLOWANCE if notebook
                                       else max_file_size)  # type: ignore[operator]
    if problem in ("open", "read"):
        return Failed(source.path, f"cannot {problem}: {os_reason(info)}")
    if problem == "kind":
        kind = _FILE_KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
        return Failed(source.path, f"not a regular file ({kind})")
    if problem == "size":
        return Skipped(
            source.path,
            f"file is {format_size(info.st_size)}, over the --max-file-size limit of {format_size(max_file_size)}",
        )
    if prefilter and not mentions_openai(data) and not names_python(source.kind, data) and \
            not read_for_the_plan(source.kind, data):
        return Skipped(source.path, NO_OPENAI_REASON)
    if notebook and info.st_size > max_file_size:  # type: ignore[operator]
        # its outputs (plots, audio) are not what migrator reads: the limit is its code's (held-out review 78, Y3:
        # a course's main notebook, 4 MB of rendered images, was skipped whole)
        code = notebook_code_size(data)
        if code is None or code > max_file_size:  # type: ignore[operator]
            return Skipped(source.path, f"file is {format_size(info.st_size)}" + (
                f" ({format_size(code)} in its code cells)" if code is not None else "") +
                f", over the --max-file-size limit of {format_size(max_file_size)}")  # type: ignore[arg-type]
    return LoadedFile(source, data, stat.S_IMODE(info.st_mode), info.st_mtime_ns, info.st_size)


class _Problem(Exception):
    """A bad-file condition, already phrased for the user."""


class Unconvertible(Exception):
    """Raised by a transform to leave the file as it is; the message is the one-line reason."""


def detect_encoding(data: bytes) -> tuple[str, str]:
    """(codec name, where it came from: "BOM" | "coding cookie" | "default")."""
    wide = wide_bom(data)
    if wide is not None:
        return wide, "BOM"
    bare = bomless_wide(data) if b"\0" in data[:4096] else None
    if bare is not None:
        return bare, "NUL bytes (UTF-16 without a BOM)"
    import tokenize  # here, not at the top: a scan that reads no code as text does not need it

    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        raise _Problem(f"bad encoding declaration: {_one_line(str(exc.msg))}") from None
    if data.startswith(codecs.BOM_UTF8):
        return encoding, "BOM"
    if any(_CODING_COOKIE.match(line) for line in data.splitlines()[:2]):
        return encoding, "coding cookie"
    return encoding, "default"


def decode(data: bytes) -> tuple[str, str]:
    """Text with its original newlines (no translation), and the codec to encode it back with."""
    encoding, origin = detect_encoding(data)
    try:
        if encoding in WIDE_BOMS:  # the BOM is not part of the text; encode() writes it back
            return data[len(WIDE_BOMS[encoding]):].decode(encoding), encoding
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        name = codecs.lookup(encoding).name
        raise _Problem(f"not valid {name} text ({origin} encoding) at byte {exc.start}") from None
    except LookupError:
        raise _Problem(f"unknown encoding {encoding!r}") from None


def decode_for_display(data: bytes) -> str:
    """Best-effort text of a file's bytes, for diffs."""
    try:
        encoding, _ = detect_encoding(data)
        if encoding in WIDE_BOMS:
            return data[len(WIDE_BOMS[encoding]):].decode(encoding, errors="replace")
        return data.decode(encoding, errors="replace")
    except (_Problem, LookupError):
        return data.decode("utf-8", errors="replace")


def encode(text: str, encoding: str) -> bytes:
    try:
        return WIDE_BOMS.get(encoding, b"") + text.encode(encoding)
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        char = exc.object[exc.start]
        name = codecs.lookup(encoding).name
        raise _Problem(
            f"the converted code cannot be encoded as {name} (the file's encoding): "
            f"{char!r} at line {line}; file left unchanged"
        ) from None


def atomic_write(path: str, data: bytes, *, mode: int) -> None:
    """Replace ``path`` with ``data``: temp file in the same directory, fsync, ``os.replace``."""
    import tempfile

    directory, name = os.path.split(path)
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".migrator-tmp", dir=directory or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        try:
            original = os.stat(path)
            if hasattr(os, "chown"):
                os.chown(temp, original.st_uid, original.st_gid)
        except OSError:
            pass  # keeping the owner needs privileges; the content and mode are what matter
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_LIBCST_LOCATION = re.compile(r"^(?:parser error: )?error at (\d+):(\d+): ")


def _syntax_error_reason(exc: Exception) -> str:
    message = " ".join(str(getattr(exc, "message", exc)).split())
    line, column = getattr(exc, "raw_line", 0), getattr(exc, "raw_column", 0) + 1
    located = _LIBCST_LOCATION.match(message)
    if located:  # the parser's own position is more precise than raw_column
        line, column = int(located.group(1)), int(located.group(2))
        message = message[located.end():]
    elif message.startswith("tokenizer error: "):
        message = message[len("tokenizer error: "):]
    return _one_line(f"syntax error at line {line}, column {column}: {message}", 160)


def _ours(exc: SyntaxError, path: str) -> bool:
    """Was ``exc`` raised compiling migrator's own code (a rule module that does not import), not the input file?
    (It was reported as the input's syntax error, at the rule module's line.)"""
    if not exc.filename or os.path.abspath(exc.filename) == os.path.abspath(path):
        return False
    here = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # holds migrator/, codemods/
    where = os.path.abspath(exc.filename)
    return any(where.startswith(os.path.join(here, package) + os.sep) for package in ("migrator", "codemods"))


def _cpython_syntax_reason(exc: SyntaxError) -> str:
    return _one_line(f"syntax error at line {exc.lineno}, column {exc.offset}: {exc.msg}", 160)


def _is_parser_syntax_error(exc: Exception) -> bool:
    try:
        from libcst import ParserSyntaxError
    except ImportError:  # pragma: no cover - libcst is a dependency
        return False
    return isinstance(exc, ParserSyntaxError)


def default_transform(code: str, *, config: Config, filename: str) -> RuleOutcome:
    """The real rule pipeline, imported on first use: scans that parse nothing never load LibCST."""
    from migrator.engine.transform import transform_source

    return transform_source(code, config=config, filename=filename)


def convert(
    loaded: LoadedFile, *, config: Config, transform: Transform | None = None, write: bool = False
) -> tuple[FileResult, bool]:
    """Run the rules over one loaded file; returns (result, whether the code reached the parser)."""
    path = loaded.source.path
    data = loaded.data
    try:
        wide = wide_bom(data) or (bomless_wide(data) if b"\0" in data[:4096] else None)
        if wide is not None and loaded.source.kind in (PYTHON, NOTEBOOK):
            raise _Problem(f"{wide} text{' (byte order mark)' if wide in WIDE_BOMS else ''}: Python and Jupyter "
                           "read these files as UTF-8")
        nul = data.find(b"\0") if wide is None else -1  # UTF-16 / UTF-32 text (a manifest) is full of NULs
        if nul >= 0:
            raise _Problem(f"file contains a NUL byte (at byte {nul})")
        text, encoding = decode(data)
    except _Problem as exc:
        return Failed(path, str(exc)), False
    except Exception as exc:  # noqa: BLE001 - the engine never raises on a bad file
        return Failed(path, _one_line(f"cannot decode: {type(exc).__name__}: {exc}")), False

    if transform is None and loaded.source.kind == NOTEBOOK:
        from migrator.engine.notebooks import transform_notebook

        transform = transform_notebook
    try:
        outcome = (transform or default_transform)(text, config=config, filename=path)
    except Unconvertible as exc:
        return Failed(path, _one_line(str(exc))), True
    except RecursionError:
        return Failed(path, "code is nested too deeply to parse"), True
    except MemoryError:
        return Failed(path, "out of memory while converting (try a smaller --max-file-size)"), True
    except Exception as exc:  # noqa: BLE001
        if isinstance(exc, SyntaxError) and not _ours(exc, path):  # CPython's parser, which some rules also consult
            return Failed(path, _cpython_syntax_reason(exc)), True
        if _is_parser_syntax_error(exc):
            # CPython's messages are the clearer ones ("Missing parentheses in call to 'print'");
            # LibCST's stand when only LibCST rejects the code.
            import ast

            try:
                compile(text, path, "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
            except SyntaxError as cpython_error:
                return Failed(path, _cpython_syntax_reason(cpython_error)), True
            except Exception:  # noqa: BLE001 - e.g. ValueError, RecursionError: keep LibCST's
                pass
            return Failed(path, _syntax_error_reason(exc)), True
        detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        return Failed(path, _one_line(f"internal error in the rules: {detail}")), True

    findings = tuple(outcome.findings)
    if outcome.code == text:
        return Unchanged(path, findings), True
    try:
        updated = encode(outcome.code, encoding)
    except _Problem as exc:
        return Failed(path, str(exc)), True
    if updated == data:
        return Unchanged(path, findings), True
    if not write:
        return Changed(path, data, updated, findings), True

    real_path = loaded.source.real_path
    try:
        now = os.stat(real_path)
        if (now.st_mtime_ns, now.st_size) != (loaded.mtime_ns, loaded.size):
            return Failed(path, "file changed on disk while it was being converted; not written"), True
        atomic_write(real_path, updated, mode=loaded.mode)
    except OSError as exc:
        return Failed(path, f"cannot write: {os_reason(exc)}"), True
    return Changed(path, data, updated, findings, written=True), True
