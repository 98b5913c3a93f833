"""Reading the user's input: text files, standard input and JSON Lines batches.

Every way an input can be unusable (missing, a directory, empty, binary,
not UTF-8, too large) becomes an :class:`~claimcheck.errors.InputError` with
a stable code and a message that says what to do; nothing here raises a
traceback at the user.
"""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from claimcheck.errors import ClaimcheckError, ErrorCode, InputError

#: The largest single document accepted, in bytes (5 MiB, about 800,000
#: words: a book, not an article).  Parsing runs at a few thousand words a
#: second on a laptop CPU, so a larger input would take many minutes; corpora
#: belong in a JSON Lines batch (``--input-format jsonl``), which has no
#: overall limit because it is read one line at a time.
MAX_INPUT_BYTES = 5 * 1024 * 1024


@dataclass
class InputDocument:
    """One document to check."""

    text: str
    source: str
    id: str | None = None
    published: str | None = None
    format: str = "text"
    """How it was read (``text``, ``markdown``, ``html``, ``docx``); see :mod:`claimcheck.text.readers`."""
    line: int | None = None
    """Its line number in a JSON Lines batch, for error records."""


def _describe_position(data: bytes, index: int) -> str:
    line = data.count(b"\n", 0, index) + 1
    col = index - (data.rfind(b"\n", 0, index) + 1) + 1
    return f"line {line}, column {col}"


_BYTE_ORDER_MARKS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian mark begins with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32, from a byte-order mark, or UTF-16 recognised without one; else ``None``.

    Without a mark, UTF-16 text is recognised by its NUL bytes: in English
    text most characters are ASCII, and each has a NUL as its high byte, so
    nearly every other byte (the odd ones little-endian, the even ones
    big-endian) is NUL and almost none of the others is.  Binary files have
    NULs too, but not in that alternation.
    """
    for mark, encoding in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return encoding
    sample = data[:8192]
    half = len(sample) // 2
    if half < 2 or b"\x00" not in sample:
        return None
    even, odd = sample[0 : 2 * half : 2].count(0), sample[1 : 2 * half : 2].count(0)
    if odd >= 0.6 * half and even <= 0.02 * half:
        return "utf-16-le"
    if even >= 0.6 * half and odd <= 0.02 * half:
        return "utf-16-be"
    return None


def decode_text(data: bytes, source: str) -> str:
    """Decode bytes as text (UTF-8; UTF-16 and UTF-32 too, see :func:`_wide_encoding`), refusing binary data and empty input.

    Args:
        data: the raw bytes.
        source: the name to use in error messages.

    Returns:
        The text, without a leading byte-order mark.
    """
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(
            ErrorCode.TOO_LARGE,
            f"{source}: {len(data) / 1e6:.1f} MB is larger than the {MAX_INPUT_BYTES // (1024 * 1024)} MiB limit "
            "for one document; split it, or check a corpus as JSON Lines (--input-format jsonl)",
        )
    if not data.strip():
        raise InputError(ErrorCode.EMPTY_INPUT, f"{source}: the input is empty; there is nothing to check")
    wide = _wide_encoding(data)
    if wide is not None:
        # Word on Windows and Notepad save "Unicode" as UTF-16: read it, rather
        # than call it binary.  Offsets are characters of the decoded text, as
        # for UTF-8 input, so the report's offsets do not depend on the encoding.
        try:
            data = data.decode(wide).encode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                ErrorCode.NOT_UTF8,
                f"{source}: looks like {wide.upper()} text but byte {exc.start} cannot be decoded; "
                f"convert it first, e.g. with `iconv -f {wide.upper()} -t UTF-8`",
            ) from None
    sample = data[:8192]
    if b"\x00" in sample:
        raise InputError(ErrorCode.BINARY_INPUT, f"{source}: this looks like a binary file, not text (it contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            ErrorCode.NOT_UTF8,
            f"{source}: not valid UTF-8 text (bad byte 0x{data[exc.start]:02x} at {_describe_position(data, exc.start)}); "
            "convert it first, e.g. with `iconv -f latin1 -t utf-8`",
        ) from None
    text = text.removeprefix("\ufeff")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if controls > max(8, len(text[:8192]) // 100):
        raise InputError(ErrorCode.BINARY_INPUT, f"{source}: this looks like a binary file, not text (many control characters)")
    if not text.strip():
        raise InputError(ErrorCode.EMPTY_INPUT, f"{source}: the input is empty; there is nothing to check")
    return text


def open_input(path: str, stdin: BinaryIO | None, what: str) -> BinaryIO:
    """Open a file (or standard input for ``-``) for reading bytes, with clear errors.

    Args:
        path: the file, or ``-``.
        stdin: the stream to use for ``-`` (default: the process's standard input).
        what: what the file should be, for the message when it is a directory.
    """
    if path == "-":
        if stdin is not None:
            return stdin
        if sys.stdin is None or sys.stdin.closed:
            raise InputError(ErrorCode.UNREADABLE, "standard input is closed; give a file, or pipe the text in (... | claimcheck check -)")
        return sys.stdin.buffer
    p = Path(path)
    if not p.exists():
        raise InputError(ErrorCode.FILE_NOT_FOUND, f"{path}: no such file")
    if p.is_dir():
        raise InputError(ErrorCode.IS_A_DIRECTORY, f"{path}: is a directory; give {what} (or - for standard input)")
    try:
        return p.open("rb")
    except PermissionError:
        raise InputError(ErrorCode.UNREADABLE, f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(ErrorCode.UNREADABLE, f"{path}: cannot be read ({exc.strerror or exc})") from None


def _read_bytes(path: str, stdin: BinaryIO | None = None) -> bytes:
    stream = open_input(path, stdin, "a text file")
    if path != "-":
        size = Path(path).stat().st_size
        if size > MAX_INPUT_BYTES:
            stream.close()
            raise InputError(
                ErrorCode.TOO_LARGE,
                f"{path}: {size / 1e6:.1f} MB is larger than the {MAX_INPUT_BYTES // (1024 * 1024)} MiB limit "
                "for one document; split it, or check a corpus as JSON Lines (--input-format jsonl)",
            )
    try:
        return stream.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise InputError(ErrorCode.UNREADABLE, f"{path}: cannot be read ({exc.strerror or exc})") from None
    finally:
        if path != "-":
            stream.close()


def read_text(path: str, stdin: BinaryIO | None = None) -> InputDocument:
    """Read one text document from a file path, or standard input for ``-``."""
    source = "<stdin>" if path == "-" else path
    return InputDocument(text=decode_text(_read_bytes(path, stdin), source), source=source)


def _refuse_wide_batch(stream: BinaryIO, source: str) -> None:
    """Refuse a UTF-16 or UTF-32 batch as a whole: split into lines at b"\\n" it would be one error per line."""
    peek = getattr(stream, "peek", None)
    head = peek(8192)[:8192] if callable(peek) else b""
    wide = _wide_encoding(head) if head else None
    if wide is not None:
        raise InputError(
            ErrorCode.NOT_UTF8,
            f"{source}: JSON Lines must be UTF-8, this file is {wide.upper()}; "
            f"convert it first, e.g. with `iconv -f {wide.upper()} -t UTF-8`",
        )


@dataclass
class RefusedInput:
    """A batch input that could not be read as a document: it becomes an error record, not a stopped run.

    Attributes:
        source: the batch file it came from.
        line: its line number in that file (1-based).
        code: the stable error code (an :class:`~claimcheck.errors.ErrorCode` value).
        message: what is wrong with it and what to do.
        id: the document's ``id`` when the line was an object that had one.
    """

    source: str
    line: int
    code: str
    message: str
    id: str | None = None


def parse_jsonl_line(raw: bytes, lineno: int, source: str) -> InputDocument | RefusedInput | None:
    """Read one line of a JSON Lines batch.

    Args:
        raw: the line's bytes.
        lineno: its line number, for messages and the default id.
        source: the batch's name, for messages and reports.

    Returns:
        The document; a :class:`RefusedInput` when the line is not a
        ``{"id"?, "text", "published"?}`` object; ``None`` for a blank line.
    """
    if not raw.strip():
        return None

    def refuse(code: ErrorCode, message: str, doc_id: object = None) -> RefusedInput:
        return RefusedInput(source=source, line=lineno, code=code.value, message=f"{source}:{lineno}: {message}",
                            id=None if doc_id is None else str(doc_id))

    if b"\x00" in raw:
        return refuse(ErrorCode.BINARY_INPUT, "binary data, not JSON Lines")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        return refuse(ErrorCode.NOT_UTF8, "not valid UTF-8 text")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return refuse(ErrorCode.BAD_JSONL, f"not valid JSON ({exc.msg})")
    if not isinstance(obj, dict):
        return refuse(ErrorCode.BAD_JSONL, 'expected an object with a "text" string')
    doc_id = obj.get("id", lineno)
    if isinstance(doc_id, (dict, list)):
        return refuse(ErrorCode.BAD_JSONL, '"id" must be a string or a number')
    if not isinstance(obj.get("text"), str):
        return refuse(ErrorCode.BAD_JSONL, 'expected an object with a "text" string', doc_id)
    if len(obj["text"].encode("utf-8")) > MAX_INPUT_BYTES:
        return refuse(ErrorCode.TOO_LARGE, f"this document is larger than the {MAX_INPUT_BYTES // (1024 * 1024)} MiB limit; split it", doc_id)
    published = obj.get("published")
    if published is not None and not isinstance(published, str):
        return refuse(ErrorCode.BAD_JSONL, '"published" must be a date string like 2024-06-19', doc_id)
    if published is not None:
        from claimcheck.analysis.dates import publication_date

        try:
            publication_date(published)  # the same rule as --date: one reading, never the machine's clock
        except ClaimcheckError as exc:
            return refuse(ErrorCode.BAD_DATE, f'"published": {exc.message}', doc_id)
    return InputDocument(text=obj["text"], source=source, id=str(doc_id), published=published, line=lineno)


def read_jsonl(path: str, stdin: BinaryIO | None = None, *, strict: bool = True) -> Iterator[InputDocument | RefusedInput]:
    """Read a JSON Lines batch: one ``{"id", "text", "published"?}`` object per line.

    The file is streamed, so a corpus of any size works.  Blank lines are
    skipped; a document without an ``id`` gets its line number.

    Args:
        path: the file, or ``-`` for standard input.
        stdin: the stream to use for ``-``.
        strict: when true (the library default) a bad line raises
            :class:`InputError` with its line number; when false it is yielded
            as a :class:`RefusedInput`, so that one bad line does not refuse the
            whole batch (what ``claimcheck check`` does).

    Raises:
        InputError: the file cannot be opened, holds no lines, or (``strict``) a line is bad.
    """
    source = "<stdin>" if path == "-" else path
    stream = open_input(path, stdin, "a JSON Lines file")
    seen_any = False
    try:
        _refuse_wide_batch(stream, source)
        for lineno, raw in enumerate(stream, start=1):
            item = parse_jsonl_line(raw, lineno, source)
            if item is None:
                continue
            if isinstance(item, RefusedInput) and strict:
                raise InputError(ErrorCode(item.code), item.message)
            seen_any = True
            yield item
    except OSError as exc:
        raise InputError(ErrorCode.UNREADABLE, f"{source}: cannot be read ({exc.strerror or exc})") from None
    finally:
        if path != "-":
            stream.close()
    if not seen_any:
        raise InputError(ErrorCode.EMPTY_INPUT, f"{source}: no JSON lines to check")
