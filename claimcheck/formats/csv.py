"""The ``csv`` report format: one row per claim, for a spreadsheet or a desk tracker.

Columns are stable (see :data:`COLUMNS`); a batch writes one header and the
rows of every document, told apart by the ``document`` column.  Cells that a
spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``) are written
with a leading apostrophe, as OWASP advises against CSV injection.
"""

from __future__ import annotations

import csv
from typing import IO

from claimcheck.formats.escape import csv_cell, one_line
from claimcheck.report import Claim, Report

COLUMNS: tuple[str, ...] = (
    "document", "rank", "claim_id", "score", "band", "type", "text", "speaker", "attribution",
    "hedges", "dates", "start", "end", "findings", "prior_fact_checks", "status",
)


def _row(report: Report, rank: int, claim: Claim, statuses: dict[str, str]) -> list[str]:
    a = claim.attribution
    findings = [f.rule for f in report.findings if f.claim == claim.id]
    evidence = [" ".join(part for part in (e.verdict, e.publisher or e.source, e.url or "") if part) for e in claim.lookups]
    values: list[object] = [
        report.document.id or report.document.source or "",
        rank,
        claim.id,
        f"{claim.score:.3f}",
        claim.band,
        claim.type,
        one_line(claim.text),
        (a.speaker or "") if a is not None else "",
        a.kind if a is not None else "",
        "; ".join(claim.hedges),
        "; ".join(f"{d.text}={r}" if (r := d.reading()) else d.text for d in claim.dates),
        claim.start,
        claim.end,
        "; ".join(findings),
        " | ".join(evidence),
        statuses.get(claim.id, "to check"),
    ]
    return [csv_cell(v) for v in values]


class CsvFormat:
    """``--format csv``: a header, then one row per reported claim of every document."""

    name = "csv"
    description = "one row per claim (score, type, speaker, hedges, dates, findings, prior fact-checks)"

    def __init__(self) -> None:
        self.statuses: dict[str, str] = {}
        self._header_written = False

    def write(self, report: Report, out: IO[str]) -> None:
        """Write the header once, then this report's rows."""
        writer = csv.writer(out, lineterminator="\n")
        if not self._header_written:
            writer.writerow(COLUMNS)
            self._header_written = True
        for rank, claim in enumerate(report.claims, start=1):
            writer.writerow(_row(report, rank, claim, self.statuses))

    def close(self, out: IO[str]) -> None:
        """Write the header even when no document was checked."""
        if not self._header_written:
            csv.writer(out, lineterminator="\n").writerow(COLUMNS)
            self._header_written = True
        out.flush()
