"""The built-in report formats, registered through the same hook plugins use."""

from __future__ import annotations

from claimcheck.formats.base import ReportFormat
from claimcheck.formats.json import JsonFormat, JsonLinesFormat
from claimcheck.formats.text import TextFormat
from claimcheck.plugins.hookspecs import hookimpl


@hookimpl
def claimcheck_report_formats() -> list[ReportFormat]:
    """text, json and jsonl."""
    return [TextFormat(), JsonFormat(), JsonLinesFormat()]
