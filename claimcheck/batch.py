"""Batches that never lose work: error records for the documents that fail, and the tally.

In a batch (``--input-format jsonl``, :meth:`Engine.check_batch
<claimcheck.engine.Engine.check_batch>`, ``--jobs``, ``--dask``) one document
that cannot be read or that trips a bug must not cost the others.  Such a
document becomes a :class:`DocumentError`, written to the output in its place
(in input order), and :class:`BatchTally` counts what happened so that the
command line can print one summary line and choose its exit code.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from typing import Any

from claimcheck.errors import ErrorCode, ExitCode
from claimcheck.report import REPORT_VERSION, Report
from claimcheck.text.inputs import InputDocument, RefusedInput

#: The two kinds of failure, with the exit code each leads to.
REFUSED = "input"
INTERNAL = "internal"


@dataclass
class DocumentError:
    """The error record that stands in the output for a document that was not checked.

    Attributes:
        id: the document's id (``None`` when its line could not be read as an object).
        source: the batch file it came from.
        code: a stable error code (``CC1xx`` for refused input, ``CC200`` for a bug).
        message: one line saying what happened and what to do.
        line: its line number in the batch file, when known.
        kind: ``"input"`` (the document was refused: fix the input) or
            ``"internal"`` (claimcheck failed on it: a bug to report).
        detail: the traceback of an internal failure (not part of the record).
    """

    id: str | None
    source: str | None
    code: str
    message: str
    line: int | None = None
    kind: str = REFUSED
    detail: str | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON record, written where the document's report would have been."""
        return {
            "version": REPORT_VERSION,
            "document": {"id": self.id, "source": self.source, "line": self.line},
            "error": {"code": self.code, "kind": self.kind, "message": self.message, "line": self.line},
        }

    @classmethod
    def refused(cls, item: RefusedInput) -> DocumentError:
        """The record for a batch line that is not a readable document."""
        return cls(id=item.id, source=item.source, code=item.code, message=item.message, line=item.line)

    @classmethod
    def from_exception(cls, item: InputDocument, exc: BaseException) -> DocumentError:
        """The record for a document claimcheck failed on (or refused with a coded error)."""
        from claimcheck.errors import ClaimcheckError

        line = item.line
        if isinstance(exc, ClaimcheckError):
            internal = exc.exit_code == ExitCode.INTERNAL_ERROR
            return cls(id=item.id, source=item.source, code=exc.code.value, message=exc.message, line=line,
                       kind=INTERNAL if internal else REFUSED)
        first = (str(exc).strip().splitlines() or [""])[0][:300]
        message = (f"claimcheck failed on this document ({type(exc).__name__}: {first}); "
                   "this is a bug: please report it with the document")
        return cls(id=item.id, source=item.source, code=ErrorCode.CHECK_FAILED.value, message=message, line=line,
                   kind=INTERNAL, detail="".join(traceback.format_exception(exc)))


#: What a batch yields for each input document, in input order.
BatchResult = Report | DocumentError


@dataclass
class BatchTally:
    """Counts of a batch's outcomes, for the summary line and the exit code."""

    checked: int = 0
    refused: int = 0
    internal: int = 0
    codes: dict[str, int] = field(default_factory=dict)
    reached: int = 0
    """Reports with a finding at or above ``--fail-on`` (counted by the Dask back-end)."""

    def add(self, result: BatchResult) -> None:
        """Count one result."""
        if isinstance(result, DocumentError):
            if result.kind == INTERNAL:
                self.internal += 1
            else:
                self.refused += 1
            self.codes[result.code] = self.codes.get(result.code, 0) + 1
        else:
            self.checked += 1

    @property
    def failed(self) -> int:
        """Documents that got an error record instead of a report."""
        return self.refused + self.internal

    @property
    def exit_code(self) -> ExitCode | None:
        """``INTERNAL_ERROR`` if claimcheck failed on a document, ``USAGE_ERROR`` if one was refused, else ``None``."""
        if self.internal:
            return ExitCode.INTERNAL_ERROR
        if self.refused:
            return ExitCode.USAGE_ERROR
        return None

    def summary(self) -> str:
        """One line for stderr: how many documents were checked and how many failed, by code."""
        total = self.checked + self.failed
        line = f"{self.checked} of {total} documents checked"
        if not self.failed:
            return line
        parts = []
        if self.refused:
            parts.append(f"{self.refused} refused as input")
        if self.internal:
            parts.append(f"{self.internal} failed inside claimcheck (a bug: please report it)")
        codes = ", ".join(f"{code} x{count}" for code, count in sorted(self.codes.items()))
        return f"{line}; {' and '.join(parts)} ({codes}); each has an error record in the output in its place"
