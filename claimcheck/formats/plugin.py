"""The built-in report formats, registered through the same hook plugins use."""

from __future__ import annotations

from claimcheck.formats.base import ReportFormat
from claimcheck.formats.claimreview import ClaimReviewFormat
from claimcheck.formats.csv import CsvFormat
from claimcheck.formats.html import HtmlFormat
from claimcheck.formats.json import JsonFormat, JsonLinesFormat
from claimcheck.formats.markdown import MarkdownFormat
from claimcheck.formats.sarif import SarifFormat
from claimcheck.formats.text import TextFormat
from claimcheck.plugins.hookspecs import hookimpl


@hookimpl
def claimcheck_report_formats() -> list[ReportFormat]:
    """text, json, jsonl, markdown, html, csv, sarif and claimreview; new objects each call (they keep state)."""
    return [TextFormat(), JsonFormat(), JsonLinesFormat(), MarkdownFormat(), HtmlFormat(), CsvFormat(),
            SarifFormat(), ClaimReviewFormat()]
