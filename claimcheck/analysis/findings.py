"""Editorial findings that need the linguistic analysis, not only patterns.

* ``editorial.anonymous-attribution``: a claim rests on a vague or unnamed
  source ("some say", "others believe", "sources said").
* ``editorial.unsourced-statistic``: a number the article states in its own
  voice with no source.
* ``editorial.relative-date``: "today", "last week", "a year ago": pin the
  date down, since the article will be read later.
* ``editorial.quote-without-speaker``: a quoted claim that neither its own
  sentence nor the quotation it continues attributes to anyone.

Pattern-based editorial checks live in the ``editorial`` rule pack
(``rules/editorial.yaml``); these three need attribution and date analysis.
"""

from __future__ import annotations

from claimcheck.report import Claim, Finding

ANONYMOUS = "editorial.anonymous-attribution"
UNSOURCED_STATISTIC = "editorial.unsourced-statistic"
RELATIVE_DATE = "editorial.relative-date"
QUOTE_WITHOUT_SPEAKER = "editorial.quote-without-speaker"


def quote_without_speaker(claim: Claim) -> Finding:
    """A finding for a quoted claim with no speaker."""
    return Finding(
        rule=QUOTE_WITHOUT_SPEAKER,
        severity="warning",
        message=f"quotation with no speaker: '{claim.text[:80]}' - say who said it",
        text=claim.text,
        start=claim.start,
        end=claim.end,
        claim=claim.id,
    )


def anonymous_attribution(claim: Claim | None, text: str, start: int, end: int) -> Finding:
    """A finding for a claim that rests on a vague source (``text`` is the source as written)."""
    return Finding(
        rule=ANONYMOUS,
        severity="warning",
        message=f"anonymous attribution: '{text}' - who says so? Name the source or say why it cannot be named",
        text=text,
        start=start,
        end=end,
        claim=claim.id if claim else None,
    )


def unsourced_statistic(claim: Claim, number: str, start: int, end: int) -> Finding:
    """A finding for a number stated in the article's own voice with no source."""
    return Finding(
        rule=UNSOURCED_STATISTIC,
        severity="warning",
        message=f"unsourced statistic: '{number}' is stated without a source; say where the figure comes from",
        text=number,
        start=start,
        end=end,
        claim=claim.id,
    )


def relative_date(claim: Claim | None, text: str, value: str | None, start: int, end: int) -> Finding:
    """A finding for a relative date expression an editor should pin down."""
    resolved = f" (resolves to {value})" if value else ""
    return Finding(
        rule=RELATIVE_DATE,
        severity="info",
        message=f"relative date: '{text}'{resolved}; consider the absolute date, the article will be read later",
        text=text,
        start=start,
        end=end,
        claim=claim.id if claim else None,
    )
