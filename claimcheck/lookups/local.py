"""The ``local`` lookup source: prior fact-checks in the SQLite store.

Wraps :class:`~claimcheck.lookups.store.Store` and
:class:`~claimcheck.lookups.match.Matcher` behind the
:class:`~claimcheck.lookups.base.LookupSource` protocol, turning matches
into :class:`~claimcheck.report.Evidence`.  The database is opened on first
use, so building the source costs nothing when no claim is looked up.

A document's claims are looked up together (:meth:`LocalSource.lookup_claims`):
each claim's full-text query, about half of a lookup's time in a store of
100,000 fact-checks, runs on a helper thread with its own connection while
this thread scores the candidates of the claims before it.  SQLite lets go
of the GIL while a query runs, so on two cores the two overlap.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from claimcheck.lookups.features import Features
from claimcheck.lookups.match import Match, Matcher, query_features
from claimcheck.lookups.store import FactCheck, Store
from claimcheck.report import Evidence

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

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
        pipeline: the spaCy pipeline that parses the candidates the matcher vets (the check's own,
            ``--pipeline``; default: the default one).
    """

    name = "local"

    def __init__(self, path: str | os.PathLike[str], *, min_score: float = 0.0, pipeline: str | None = None) -> None:
        self.path = Path(path)
        self.min_score = min_score
        self.pipeline = pipeline
        self._local = threading.local()  # sqlite3 connections must stay in their thread
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        self._pool_pid = 0

    def unavailable(self) -> str | None:
        """Why this source cannot answer at all (no store at its path), or ``None``."""
        if self.path.is_file():
            return None
        return (f"no fact-check store at {self.path}, so no claim was compared with prior fact-checks; "
                "check --db (or $CLAIMCHECK_DB), or create it with 'claimcheck db import FILE'")

    def _matcher(self) -> Matcher:
        matcher = getattr(self._local, "matcher", None)
        if matcher is None:
            matcher = Matcher(Store(self.path, create=False), pipeline=self.pipeline)
            self._local.matcher = matcher
        return matcher

    def lookup(self, text: str, *, claim: Claim | None = None, limit: int = 5) -> list[Evidence]:
        """Up to ``limit`` stored fact-checks about the same claim as ``text``, best first."""
        text, names, claimant = _query(text, claim)
        matches = self._matcher().find(text, limit=limit, names=names, min_score=self.min_score, claimant=claimant)
        return [match_to_evidence(match, self.name) for match in matches]

    def lookup_claims(self, claims: Sequence[Claim], *, limit: int = 5,
                      min_score: float | None = None) -> Iterator[list[Evidence]]:
        """:meth:`lookup` of each claim, in order, with the same answers: their full-text
        queries run on a helper thread while this one scores (see the module's docstring).

        ``min_score`` (default: the source's own) drops weaker matches, and lets
        the scoring skip work on candidates that cannot reach it
        (:meth:`~claimcheck.lookups.match.Matcher.pairs`); the caller's
        threshold is passed here by :func:`~claimcheck.lookups.attach.attach_lookups`.
        An error is raised when the answer of the claim it concerns is asked for.
        """
        floor = self.min_score if min_score is None else max(self.min_score, min_score)
        matcher = self._matcher()
        pool = self._searcher()
        pending: list[tuple[str, Features, Future[list[tuple[FactCheck, float]]]] | Exception] = []
        try:
            for claim in claims:
                try:
                    text, names, claimant = _query(claim.text, claim)
                    query = query_features(text, names=names, claimant=claimant)
                    pending.append((text, query, pool.submit(self._retrieve, query)))
                except Exception as exc:  # raised in its turn, after the answers before it
                    pending.append(exc)
                    break
            for entry in pending:
                if isinstance(entry, Exception):
                    raise entry
                text, query, future = entry
                matches = matcher.rank_candidates(text, query, future.result(), limit=limit, min_score=floor)
                yield [match_to_evidence(match, self.name) for match in matches]
        finally:
            for entry in pending:
                if not isinstance(entry, Exception):
                    entry[2].cancel()

    def _retrieve(self, query: Features) -> list[tuple[FactCheck, float]]:
        """:meth:`Matcher.retrieve`, run on the helper thread with that thread's own connection."""
        return self._matcher().retrieve(query)

    def _searcher(self) -> ThreadPoolExecutor:
        with self._lock:
            # A forked process inherits the pool but not its thread: it makes its own.
            if self._pool is None or self._pool_pid != os.getpid():
                from concurrent.futures import ThreadPoolExecutor

                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="claimcheck-lookup")
                self._pool_pid = os.getpid()
            return self._pool

    def _close_thread(self) -> None:
        matcher = getattr(self._local, "matcher", None)
        if matcher is not None:
            matcher.store.close()
            self._local.matcher = None

    def close(self) -> None:
        """Close this thread's connection and the helper thread's, if open."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None and self._pool_pid == os.getpid():
            pool.submit(self._close_thread).result()
            pool.shutdown()
        self._close_thread()


def _query(text: str, claim: Claim | None) -> tuple[str, tuple[str, ...], str | None]:
    """What :meth:`LocalSource.lookup` looks up for a claim: its text, entity names and speaker."""
    if claim is None:
        return text, (), None
    # The claim as it stands alone (speaker frame removed, pronouns
    # resolved), when the analysis provides it.
    text = getattr(claim, "standalone", None) or text
    return text, tuple(entity.text for entity in claim.entities), _speaker(text, claim)
