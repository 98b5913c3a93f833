"""The claimcheck hooks of claimcheck-markdown (the ``claimcheck`` entry point)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimcheck.plugins import hookimpl

from claimcheck_markdown.format import CmsCommentFormat
from claimcheck_markdown.units import unit_note, unitless_numbers

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from claimcheck.context import RunContext
    from claimcheck.report import Claim


@hookimpl
def claimcheck_report_formats() -> list[CmsCommentFormat]:
    """``--format cms-comment``; a new object per run, as it counts documents."""
    return [CmsCommentFormat()]


@hookimpl
def claimcheck_claims(doc: Doc, claims: list[Claim], context: RunContext) -> None:
    """Add a note to each claim for every number it states without a unit."""
    for claim in claims:
        span = context.spans.get(claim.id)
        if span is None:
            continue
        for number in unitless_numbers(span):
            note = unit_note(number)
            if note not in claim.notes:
                claim.notes.append(note)
