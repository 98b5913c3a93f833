"""JSON and JSON Lines report formats (the versioned wire format, see docs/report.md)."""

from __future__ import annotations

import json
from typing import IO, TYPE_CHECKING

from claimcheck.report import Report

if TYPE_CHECKING:
    from claimcheck.batch import DocumentError


class JsonFormat:
    """Pretty-printed JSON: one object for one document, an array for a batch."""

    name = "json"
    description = "the JSON report (one object; an array when several documents are checked)"

    def __init__(self) -> None:
        self._buffer: list[dict[str, object]] = []

    def write(self, report: Report, out: IO[str]) -> None:
        self._buffer.append(report.to_dict())

    def write_error(self, error: DocumentError, out: IO[str]) -> None:
        """Put a batch document's error record where its report would have been."""
        self._buffer.append(error.to_dict())

    def close(self, out: IO[str]) -> None:
        payload: object = self._buffer[0] if len(self._buffer) == 1 else self._buffer
        json.dump(payload, out, ensure_ascii=False, indent=2)
        out.write("\n")
        self._buffer = []


class JsonLinesFormat:
    """One compact JSON report per line, written as each document is checked."""

    name = "jsonl"
    description = "one JSON report per line (batch mode; each carries document.id)"

    def write(self, report: Report, out: IO[str]) -> None:
        out.write(json.dumps(report.to_dict(), ensure_ascii=False, separators=(",", ":")))
        out.write("\n")

    def write_error(self, error: DocumentError, out: IO[str]) -> None:
        """Put a batch document's error record on its line, where its report would have been."""
        out.write(json.dumps(error.to_dict(), ensure_ascii=False, separators=(",", ":")))
        out.write("\n")

    def close(self, out: IO[str]) -> None:
        out.flush()
