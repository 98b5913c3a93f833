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
(``rules/editorial.yaml``); these need attribution and date analysis.

This module is a built-in plugin (``DEFAULT_PLUGINS``): the core's findings
come through the ``claimcheck_findings`` hook like any plugin's, reading
what enrichment left in the run context (``context.spans``,
``context.candidates``, ``context.sources``).  It runs first
(``tryfirst``) and adds its findings to ``findings`` in place, so that
other plugins see them.  The ``rules`` configuration disables or re-levels
them as it does the packs' rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimcheck.plugins.hookspecs import hookimpl
from claimcheck.report import Claim, Finding
from claimcheck.rules.policy import RulePolicy

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from claimcheck.context import RunContext

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


#: A sentence that names where its figure comes from (checked by lemma, and "according").
_SOURCING_LEMMAS = frozenset({"say", "report", "estimate", "show"})


@hookimpl(tryfirst=True)
def claimcheck_findings(doc: Doc, claims: list[Claim], findings: list[Finding], context: RunContext) -> None:
    """Add the core's editorial findings for every claim to ``findings``."""
    found = FindingCollector(doc, context)
    for claim in claims:
        found.add(claim)
    for start, end in context.anonymous_cues:
        found.add_uncarried_source(start, end)
    # Imported here: the plugin module is loaded by every command, even --version, without spaCy.
    from claimcheck.analysis.anonymous import vague_sources

    for start, end in vague_sources(doc):
        found.add_uncarried_source(start, end)
    findings.extend(RulePolicy.from_config(context.config).filter_findings(found.findings))


class FindingCollector:
    """The core findings of one document, each place reported once."""

    def __init__(self, doc: Doc, context: RunContext) -> None:
        # Imported here: the plugin module is loaded by every command, even --version, without spaCy.
        from claimcheck.analysis.token_table import token_table

        self.doc = doc
        self.table = token_table(doc)
        self.context = context
        self.original = context.text.original
        self.findings: list[Finding] = []
        self._seen: set[tuple[str, int]] = set()

    def _tok_orig(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            span = self.doc[start:end]
            return self.context.to_original(span.start_char, span.end_char)
        return self.context.to_original(*self.table.chars(start, end))

    def add(self, claim: Claim) -> None:
        """The findings about one claim (none for a claim enrichment did not build)."""
        cand = self.context.candidates.get(claim.id)
        if cand is None:
            return
        source = self.context.sources.get(claim.id)
        if source is not None and source.kind == "anonymous" and source.start is not None and source.end is not None:
            a_tok, b_tok = source.start, source.end
            # "some say": the finding covers the vague source and its reporting verb.
            cue_ids = cand.frame.cue if cand.frame else []
            near = [i for i in cue_ids if abs(i - a_tok) <= 3 or abs(i - (b_tok - 1)) <= 3]
            if near:
                a_tok, b_tok = min(a_tok, *near), max(b_tok, *(i + 1 for i in near))
            a, b = self._tok_orig(a_tok, b_tok)
            if ("anonymous", a) not in self._seen:
                self._seen.add(("anonymous", a))
                self.findings.append(anonymous_attribution(claim, self.original[a:b], a, b))
        attribution = claim.attribution
        if attribution and attribution.quoted and attribution.kind == "article" and not cand.embedded:
            self.findings.append(quote_without_speaker(claim))
        if claim.type == "quantity" and attribution and attribution.kind == "article" and not attribution.quoted:
            self._unsourced_statistic(claim, cand.start, cand.end, cand.sent_start, cand.sent_end)
        for date in claim.dates:
            if date.relative and ("date", date.start) not in self._seen:
                self._seen.add(("date", date.start))
                self.findings.append(relative_date(claim, date.text, date.reading(), date.start, date.end))

    def add_uncarried_source(self, start: int, end: int) -> None:
        """A vague source no claim carried ("which critics said was ..."), unless already reported.

        A source already reported without its reporting word ("A Treasury source",
        from a quotation's attribution) is widened to this span ("A Treasury source said").
        """
        a, b = self._tok_orig(start, end)
        for k, f in enumerate(self.findings):
            if f.rule != ANONYMOUS or not (f.start < b and a < f.end):
                continue
            if a <= f.start and f.end <= b and (a, b) != (f.start, f.end):
                self.findings[k] = anonymous_attribution(None, self.original[a:b], a, b)
                self.findings[k].claim = f.claim
            return  # the same source, found by attribution or by its reporting cue
        if ("anonymous", a) in self._seen:
            return
        self._seen.add(("anonymous", a))
        self.findings.append(anonymous_attribution(None, self.original[a:b], a, b))

    def _unsourced_statistic(self, claim: Claim, start: int, end: int, sent_start: int, sent_end: int) -> None:
        # Imported here: the plugin module is loaded by every command, even --version, without spaCy.
        from claimcheck.analysis.spans import entity_index

        table, doc = self.table, self.doc
        # The table's lemma is lower-cased; the test is on spaCy's own, so a Token is read when the table's matches.
        if any(table.lower[i] == "according" or (table.lemma[i] in _SOURCING_LEMMAS and doc[i].lemma_ in _SOURCING_LEMMAS)
               for i in range(sent_start, sent_end)):
            return
        ent_type, like_num = table.ent_type, table.like_num
        first = next((i for i in range(start, end)
                      if (like_num[i] or ent_type[i] in ("PERCENT", "MONEY", "QUANTITY", "CARDINAL"))
                      and ent_type[i] not in ("DATE", "TIME")), None)
        if first is None:
            return
        ent = next(iter(entity_index(doc).overlapping(first, first + 1)), None)
        if ent is not None:
            a, b = self.context.to_original(ent.start_char, ent.end_char)
        else:
            a, b = self._tok_orig(first, first + 1)
        self.findings.append(unsourced_statistic(claim, self.original[a:b], a, b))
