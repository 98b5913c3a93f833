"""The ``local`` lookup source: prior fact-checks in the SQLite store.

Wraps :class:`~claimcheck.lookups.store.Store` and
:class:`~claimcheck.lookups.match.Matcher` behind the
:class:`~claimcheck.lookups.base.LookupSource` protocol, turning matches
into :class:`~claimcheck.report.Evidence`.  The database is opened on first
use, so building the source costs nothing when no claim is looked up.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from claimcheck.lookups.match import Match, Matcher
from claimcheck.lookups.store import Store
from claimcheck.report import Evidence

if TYPE_CHECKING:
    from claimcheck.report import Claim

__all__ = ["LocalSource", "match_to_evidence", "with_speaker"]


def with_speaker(text: str, claim: Claim) -> str:
    """The claim's text with its named speaker in front, when the text leaves it out.

    Fact-checks record who made a claim; a clause cut from "Reid said that
    ..." has lost it, and the matcher counts a named claimant.
    """
    attribution = claim.attribution
    if attribution is None or attribution.kind not in ("person", "organisation") or not attribution.speaker:
        return text
    if attribution.speaker.casefold() in text.casefold():
        return text
    return f"{attribution.speaker}: {text}"


def _speaker(text: str, claim: Claim) -> str | None:
    """The claim's named speaker, when the text leaves it out (see :func:`with_speaker`)."""
    attribution = claim.attribution
    if attribution is None or attribution.kind not in ("person", "organisation") or not attribution.speaker:
        return None
    return None if attribution.speaker.casefold() in text.casefold() else attribution.speaker


def match_to_evidence(match: Match, source: str) -> Evidence:
    """The report's form of a store match."""
    record = match.record
    return Evidence(
        source=source, claim=record.claim, rating=record.rating, verdict=record.verdict,  # type: ignore[arg-type]
        publisher=record.publisher, url=record.url, date=record.review_date or record.claim_date,
        score=match.score, claimant=record.claimant, language=record.language,
    )


class LocalSource:
    """Looks claims up in the local fact-check store.

    Args:
        path: the database file; it must exist (``claimcheck db import``
            creates it).
        min_score: matches scoring lower are not returned.
    """

    name = "local"

    def __init__(self, path: str | os.PathLike[str], *, min_score: float = 0.0) -> None:
        self.path = Path(path)
        self.min_score = min_score
        self._local = threading.local()  # sqlite3 connections must stay in their thread

    def unavailable(self) -> str | None:
        """Why this source cannot answer at all (no store at its path), or ``None``."""
        if self.path.is_file():
            return None
        return (f"no fact-check store at {self.path}, so no claim was compared with prior fact-checks; "
                "check --db (or $CLAIMCHECK_DB), or create it with 'claimcheck db import FILE'")

    def _matcher(self) -> Matcher:
        matcher = getattr(self._local, "matcher", None)
        if matcher is None:
            matcher = Matcher(Store(self.path, create=False))
            self._local.matcher = matcher
        return matcher

    def lookup(self, text: str, *, claim: Claim | None = None, limit: int = 5) -> list[Evidence]:
        """Up to ``limit`` stored fact-checks about the same claim as ``text``, best first."""
        names: tuple[str, ...] = ()
        claimant = None
        if claim is not None:
            names = tuple(entity.text for entity in claim.entities)
            # The claim as it stands alone (speaker frame removed, pronouns
            # resolved), when the analysis provides it.
            text = getattr(claim, "standalone", None) or text
            claimant = _speaker(text, claim)
        matches = self._matcher().find(text, limit=limit, names=names, min_score=self.min_score, claimant=claimant)
        return [match_to_evidence(match, self.name) for match in matches]

    def close(self) -> None:
        """Close this thread's connection, if open."""
        matcher = getattr(self._local, "matcher", None)
        if matcher is not None:
            matcher.store.close()
            self._local.matcher = None
