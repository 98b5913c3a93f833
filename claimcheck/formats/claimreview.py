"""The ``claimreview`` report format: a schema.org ClaimReview skeleton per claim.

For a fact-checker's CMS: one ``ClaimReview`` JSON-LD object per reported
claim, with what claimcheck knows filled in (``claimReviewed``, the
``itemReviewed`` Claim with its author when the claim is attributed, where
and when it appeared) and what only the fact-checker can say left empty
(``reviewRating``, the review's ``author``, ``url`` and ``datePublished``).
All objects sit in one ``@graph``; a batch adds every document's claims.
"""

from __future__ import annotations

import json
from typing import IO, Any

from claimcheck.formats.escape import one_line, safe_url
from claimcheck.report import Claim, Report

SCHEMA_CONTEXT = "https://schema.org"
_AUTHOR_TYPE = {"person": "Person", "organisation": "Organization"}


def claim_review(claim: Claim, report: Report) -> dict[str, Any]:
    """The ClaimReview skeleton for one claim."""
    document = report.document
    item: dict[str, Any] = {"@type": "Claim"}
    a = claim.attribution
    if a is not None and a.kind in _AUTHOR_TYPE and a.speaker:
        item["author"] = {"@type": _AUTHOR_TYPE[a.kind], "name": a.speaker}
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    url = safe_url(document.source)
    if url:
        appearance["url"] = url
    elif document.source or document.id:
        appearance["name"] = document.id or document.source
    if document.published:
        appearance["datePublished"] = document.published
        item["datePublished"] = document.published
    if document.byline:
        appearance["author"] = {"@type": "Person", "name": document.byline}
    item["appearance"] = appearance
    return {
        "@type": "ClaimReview",
        "identifier": claim.id,
        "claimReviewed": one_line(claim.text),
        "itemReviewed": item,
        "author": {"@type": "Organization", "name": ""},
        "datePublished": "",
        "url": "",
        "reviewRating": {"@type": "Rating", "ratingValue": "", "bestRating": "", "worstRating": "", "alternateName": ""},
    }


class ClaimReviewFormat:
    """``--format claimreview``: JSON-LD with a ClaimReview skeleton per reported claim."""

    name = "claimreview"
    description = "schema.org ClaimReview JSON-LD skeletons, one per claim, rating left for the fact-checker"

    def __init__(self) -> None:
        self._graph: list[dict[str, Any]] = []

    def write(self, report: Report, out: IO[str]) -> None:
        """Add this report's claims to the graph."""
        self._graph += [claim_review(claim, report) for claim in report.claims]

    def close(self, out: IO[str]) -> None:
        """Write the JSON-LD document."""
        json.dump({"@context": SCHEMA_CONTEXT, "@graph": self._graph}, out, ensure_ascii=False, indent=2)
        out.write("\n")
        self._graph = []
