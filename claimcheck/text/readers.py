"""Choosing how to read an input: plain text, Markdown, an HTML page or a Word file.

The format comes from ``--input-format`` or, when that is not given, from the
file's extension (``.md``/``.markdown``, ``.html``/``.htm``/``.xhtml``,
``.docx``; anything else is plain text).  Markdown, HTML and Word inputs are
turned into plain text first (see :mod:`~claimcheck.text.from_markdown`,
:mod:`~claimcheck.text.from_html`, :mod:`~claimcheck.text.from_docx`), and the
report's offsets point into that extracted text, which the report's
``document.input_format`` names and ``--format html`` shows.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import BinaryIO

from claimcheck.errors import ErrorCode, InputError
from claimcheck.text.inputs import InputDocument, _read_bytes, decode_text

#: Input formats for one document (``jsonl`` batches are read by :func:`~claimcheck.text.inputs.read_jsonl`).
DOCUMENT_FORMATS: tuple[str, ...] = ("text", "markdown", "html", "docx")

_EXTENSIONS = {
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".docx": "docx",
}


def format_for(path: str) -> str:
    """The input format a file's extension names (``text`` when it names none)."""
    return _EXTENSIONS.get(PurePath(path).suffix.lower(), "text")


def extract_text(data: bytes, input_format: str, source: str) -> str:
    """The plain text of an input, with clear errors for inputs that cannot be read.

    Args:
        data: the raw bytes.
        input_format: one of :data:`DOCUMENT_FORMATS`.
        source: the input's name, for messages.
    """
    if input_format not in DOCUMENT_FORMATS:
        raise InputError(ErrorCode.BAD_OPTION, f"unknown input format {input_format!r}; choose one of: {', '.join(DOCUMENT_FORMATS)}")
    if input_format == "text":
        return decode_text(data, source)
    if input_format == "markdown":
        from claimcheck.text.from_markdown import markdown_to_text

        text = markdown_to_text(decode_text(data, source))
    elif input_format == "html":
        from claimcheck.text.from_html import html_to_text

        if not data.strip():
            raise InputError(ErrorCode.EMPTY_INPUT, f"{source}: the input is empty; there is nothing to check")
        try:
            text = html_to_text(data)
        except ValueError as exc:
            raise InputError(ErrorCode.UNREADABLE, f"{source}: cannot be read as HTML ({exc})") from None
    else:
        from claimcheck.text.from_docx import docx_to_text

        if not data.strip():
            raise InputError(ErrorCode.EMPTY_INPUT, f"{source}: the input is empty; there is nothing to check")
        try:
            text = docx_to_text(data)
        except ValueError as exc:
            raise InputError(ErrorCode.UNREADABLE, f"{source}: {exc}; save it from Word as .docx, or as plain text") from None
    if not text.strip():
        raise InputError(ErrorCode.EMPTY_INPUT, f"{source}: no article text found in this {input_format} file")
    return text


def read_document(path: str, input_format: str | None = None, stdin: BinaryIO | None = None) -> InputDocument:
    """Read one document from a file (or ``-``), in the given format or the one its extension names.

    Returns:
        The document; its ``text`` is the extracted plain text and its ``format`` the format read.
    """
    source = "<stdin>" if path == "-" else path
    chosen = input_format or (format_for(path) if path != "-" else "text")
    data = _read_bytes(path, stdin)
    return InputDocument(text=extract_text(data, chosen, source), source=source, format=chosen)
