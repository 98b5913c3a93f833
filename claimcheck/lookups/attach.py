"""Attach lookup results to a document's claims (``claimcheck check --lookup``).

The engine calls :func:`attach_lookups` once per document with the sources
the plugins offered.  A source that fails is reported once as a ``CC160``
warning naming it and is not asked again for that document; the run goes on.
A source with a ``lookup_claims(claims, limit=...)`` method is given all the
document's claims at once and yields one answer per claim, in order.
A source that says it cannot answer at all (``unavailable()``: the local
store's file is missing) and a run with no source are warned about too, so
that a report without lookups never reads as "never fact-checked".
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from claimcheck.errors import ClaimcheckError, ErrorCode
from claimcheck.lookups.base import LookupSource
from claimcheck.lookups.match import DEFAULT_THRESHOLD
from claimcheck.report import Claim, Diagnostic, Evidence

if TYPE_CHECKING:
    from claimcheck.config import ConfigLike

__all__ = ["attach_lookups", "DEFAULT_LIMIT"]

DEFAULT_LIMIT = 3


def lookup_options(config: ConfigLike | None) -> tuple[float, int]:
    """The threshold and per-claim limit from ``config["lookup"]``."""
    options = (config or {}).get("lookup") or {}
    threshold = options.get("threshold")
    limit = options.get("limit")
    return (DEFAULT_THRESHOLD if threshold is None else float(threshold),
            DEFAULT_LIMIT if limit is None else int(limit))


def attach_lookups(claims: Sequence[Claim], sources: Sequence[LookupSource], config: ConfigLike | None,
                   warnings: list[Diagnostic]) -> None:
    """Fill each claim's ``lookups`` with evidence scoring at least the threshold.

    Args:
        claims: the document's claims; their ``lookups`` are replaced.
        sources: the lookup sources (``claimcheck_lookup_sources`` results).
        config: the run's configuration (``lookup.threshold``, ``lookup.limit``).
        warnings: the report's warnings; failures are appended here.
    """
    threshold, limit = lookup_options(config)
    found: dict[int, list] = {index: [] for index in range(len(claims))}
    if not sources:
        warnings.append(Diagnostic(
            code=ErrorCode.LOOKUP_FAILED.value,
            message="lookups were asked for but no lookup source is available; no claim was compared "
                    "with prior fact-checks",
            hook="claimcheck_lookup_sources",
        ))
    for source in sources:
        name = str(getattr(source, "name", type(source).__name__))
        problem = getattr(source, "unavailable", None)
        reason = problem() if callable(problem) else None
        if reason:
            warnings.append(Diagnostic(code=ErrorCode.LOOKUP_FAILED.value, message=f"lookup source '{name}': {reason}",
                                       plugin=name, hook="claimcheck_lookup_sources"))
            continue
        # A source may answer a document's claims together (the local store
        # overlaps its queries with its scoring), one list per claim in order.
        together = getattr(source, "lookup_claims", None)
        # A source that takes the threshold may skip work on candidates that cannot reach it.
        floor = {"min_score": threshold} if callable(together) and _takes_min_score(together) else {}
        answers: Iterator[list[Evidence]] = (
            together(claims, limit=limit, **floor) if callable(together)
            else (source.lookup(claim.text, claim=claim, limit=limit) for claim in claims))
        try:
            for index, evidence in zip(range(len(claims)), answers):
                found[index].extend(e for e in evidence if e.score >= threshold)
        except Exception as exc:  # a lookup source must never fail the run
            detail = (exc.message if isinstance(exc, ClaimcheckError) else str(exc)) or type(exc).__name__
            warnings.append(Diagnostic(
                code=ErrorCode.LOOKUP_FAILED.value,
                message=f"lookup source '{name}' failed: {detail}; its results are missing from this report",
                plugin=name, hook="claimcheck_lookup_sources",
            ))
        finally:
            close = getattr(answers, "close", None)
            if callable(close):
                close()
    for index, claim in enumerate(claims):
        claim.lookups = sorted(found[index], key=lambda e: -e.score)[:limit]


def _takes_min_score(method: Callable[..., object]) -> bool:
    """Whether a source's ``lookup_claims`` accepts ``min_score`` (the built-in store's does)."""
    try:
        return "min_score" in inspect.signature(method).parameters
    except (TypeError, ValueError):  # a callable whose signature cannot be read
        return False
