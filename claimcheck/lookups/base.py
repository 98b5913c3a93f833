"""The lookup-source interface that plugins implement.

A lookup source answers one question for a claim: which known records (prior
fact-checks, reference data) are about the same thing?  It returns
:class:`~claimcheck.report.Evidence` records, best first, each with a
similarity ``score`` in [0, 1].
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from claimcheck.errors import ClaimcheckError, ErrorCode, ExitCode
from claimcheck.report import Evidence

if TYPE_CHECKING:
    from claimcheck.report import Claim

__all__ = ["Evidence", "LookupFailed", "LookupSource"]


class LookupFailed(ClaimcheckError):
    """A lookup source cannot answer (no API key, service down, bad answer).

    Raise it from :meth:`LookupSource.lookup` with a message saying what to
    do; the engine reports it as a ``CC160`` warning naming the source and
    the run goes on.
    """

    def __init__(self, message: str) -> None:
        super().__init__(ErrorCode.LOOKUP_FAILED, message, ExitCode.USAGE_ERROR)


@runtime_checkable
class LookupSource(Protocol):
    """Something that finds evidence related to a claim.

    ``name`` identifies the source in reports and warnings
    (``Evidence.source``).  ``lookup`` may raise; the engine turns the error
    into a warning naming the source and carries on.
    """

    name: str

    def lookup(self, text: str, *, claim: Claim | None = None, limit: int = 5) -> list[Evidence]:
        """Return up to ``limit`` records related to ``text``, best first.

        Args:
            text: the claim as written.
            claim: the full claim (entities, dates, type) when called from
                ``claimcheck check --lookup``; ``None`` for a free-text lookup.
            limit: the most records to return.
        """
        ...
