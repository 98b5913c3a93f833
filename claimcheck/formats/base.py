"""The report-format interface that built-in and plugin formats implement."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from claimcheck.report import Report


@runtime_checkable
class ReportFormat(Protocol):
    """A way to print reports (``claimcheck check --format NAME``).

    ``streaming`` formats write one report at a time as documents are checked
    (JSON Lines); others receive each report as it is ready too, but may
    buffer.  ``write`` is called once per document; ``close`` once at the end.
    """

    name: str
    description: str

    def write(self, report: Report, out: IO[str]) -> None:
        """Write one report to ``out``."""
        ...

    def close(self, out: IO[str]) -> None:
        """Finish the output (closing brackets, summaries); may do nothing."""
        ...
