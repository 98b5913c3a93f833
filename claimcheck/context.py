"""The per-document context handed to plugin hooks and enrichment steps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from claimcheck.report import Diagnostic

if TYPE_CHECKING:
    from spacy.tokens import Span

    from claimcheck.analysis.attribution import Source
    from claimcheck.analysis.claims import Candidate
    from claimcheck.config import Config
    from claimcheck.report import Claim
    from claimcheck.text.normalise import NormalisedText


@dataclass
class RunContext:
    """What a hook may need to know about the document being checked.

    Attributes:
        config: the run's :class:`~claimcheck.config.Config` (``min_score``, ``rules``, ``lookup`` ...).
        published: the publication date the dates are resolved against.
        source: the input's name (file path, ``-`` for stdin, or a JSONL id).
        text: the normalised text and its map back to the original input.
        spans: each claim's spaCy span, by claim id.
        candidates: the analysis behind each claim (its head, sentence and
            reporting frame), by claim id.
        sources: the source each claim is attributed to (token offsets into
            the doc), or ``None`` when the article asserts it, by claim id.
        anonymous_cues: token ranges of vague sources ("critics said") that
            no claim carries.
        warnings: problems met so far; append a :class:`Diagnostic` to add one.
    """

    config: Config
    published: dt.date | None
    source: str | None
    text: NormalisedText
    spans: dict[str, Span] = field(default_factory=dict)
    candidates: dict[str, Candidate] = field(default_factory=dict)
    sources: dict[str, Source | None] = field(default_factory=dict)
    anonymous_cues: list[tuple[int, int]] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    claim_factory: Callable[[Span], Claim] | None = None

    def plugin_config(self, name: str) -> dict[str, Any] | None:
        """The configuration's ``plugins.NAME`` table (``$env`` values resolved), or ``None``."""
        return self.config.plugin_config(name)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a character range of the parsed (normalised) text to the original input."""
        return self.text.to_original(start, end)

    def original_text(self, start: int, end: int) -> str:
        """The original input between two original offsets."""
        return self.text.original[start:end]

    def new_claim(self, span: Span) -> Claim:
        """Build a fully enriched claim (type, attribution, dates, score) from a span of the doc."""
        if self.claim_factory is None:
            raise RuntimeError("new_claim() is only available while a document is being checked")
        return self.claim_factory(span)

    def warn(self, code: str, message: str, *, plugin: str | None = None, hook: str | None = None) -> None:
        """Record a problem that did not stop the run."""
        self.warnings.append(Diagnostic(code=code, message=message, plugin=plugin, hook=hook))
