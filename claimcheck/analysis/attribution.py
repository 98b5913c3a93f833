"""Attribution: who asserts each claim.

Sources are found in reporting frames ("X said", "according to X", "as X put
it", "an assumption in X", "a concern, articulated by X"), and in quotations:
a quotation takes the speaker named next to it, and a quotation with no
speaker of its own that follows another one (a multi-sentence or
multi-paragraph quote) takes that one's.  Pronouns and short names are
resolved to the nearest fitting named source ("He also said" -> Vladimir
Putin; "Mr Monday" -> Chris Monday).

Sources are classified as a named ``person`` or ``organisation``, an
``anonymous`` or vague one ("some say", "sources said", "one tabloid
headline"), or the ``article`` itself.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc

from claimcheck.analysis.claims import Candidate, Frame
from claimcheck.analysis.lexicon import (
    GROUP_PRONOUNS,
    HONORIFICS,
    INSTITUTION_NOUNS,
    PERSON_PRONOUNS,
    VAGUE_SOURCES,
)
from claimcheck.analysis.spans import entity_index

_NAMED_ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
_MEDIA_NOUNS = frozenset({"article", "headline", "tabloid", "report", "paper", "newspaper", "website", "site", "post", "blog"})
_INDEFINITE = frozenset({"a", "an", "one", "some", "many", "several", "various", "numerous", "certain", "few", "most"})


@dataclass
class Source:
    """A resolved source: who, of what kind, and how it was written where it was found."""

    speaker: str | None
    kind: str
    mention: str | None
    cue: str | None
    start: int | None  # token range of the mention in the doc
    end: int | None


@dataclass
class QuoteInfo:
    """A quotation (character range in the parsed text) and its source."""

    start: int
    end: int
    continues_previous: bool
    source: Source | None = None


class SpeakerResolver:
    """Resolves speaker mentions in one document to named sources."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.full_names: dict[str, str] = {}
        self.named: list[tuple[int, str, str]] = []  # (token index, name, kind)
        for ent in entity_index(doc).ents:
            if ent.label_ == "PERSON":
                words = [t for t in ent if t.lower_.rstrip(".") not in HONORIFICS]
                name = " ".join(t.text for t in words)
                if len(words) >= 2:
                    self.full_names.setdefault(words[-1].lower_, name)
                self.named.append((ent.start, name, "person"))
            elif ent.label_ in ("ORG", "GPE"):
                self.named.append((ent.start, ent.text, "organisation"))
        self.speakers: list[tuple[int, str, str]] = []
        # Per kind, sorted token positions and names, so that the nearest
        # earlier source is a bisection, not a walk back through the document.
        self._pools: dict[tuple[str, str], tuple[list[int], list[str]]] = {}
        for index, name, kind in self.named:
            self._add("named", index, name, kind)
        self._quote_index: tuple[list[QuoteInfo], QuoteIndex] | None = None

    def _add(self, pool: str, index: int, name: str, kind: str) -> None:
        positions, names = self._pools.setdefault((pool, kind), ([], []))
        at = bisect.bisect_right(positions, index)
        positions.insert(at, index)
        names.insert(at, name)

    def _nearest(self, pool: str, kind: str, before: int) -> str | None:
        positions, names = self._pools.get((pool, kind), ([], []))
        at = bisect.bisect_left(positions, before)
        return names[at - 1] if at else None

    def named_between(self, lo: int, hi: int, name: str) -> bool:
        """True when an entity called ``name`` starts at a token in ``[lo, hi)``."""
        for kind in ("person", "organisation"):
            positions, names = self._pools.get(("named", kind), ([], []))
            for at in range(bisect.bisect_left(positions, lo), bisect.bisect_left(positions, hi)):
                if names[at] == name:
                    return True
        return False

    def quote_index(self, quotes: list[QuoteInfo]) -> QuoteIndex:
        """The index of this document's quotations, built once."""
        if self._quote_index is None or self._quote_index[0] is not quotes:
            self._quote_index = (quotes, QuoteIndex(self.doc, quotes))
        return self._quote_index[1]

    def full_name(self, name: str) -> str:
        """"Mr Putin" or "Putin" -> "Vladimir Putin" when the document names him in full."""
        words = [w for w in name.split() if w.lower().rstrip(".") not in HONORIFICS]
        if len(words) == 1:
            return self.full_names.get(words[0].lower(), words[0])
        return " ".join(words) if words else name

    def remember(self, token_index: int, source: Source) -> None:
        """Record a resolved named speaker, for later pronouns."""
        if source.speaker and source.kind in ("person", "organisation"):
            bisect.insort(self.speakers, (token_index, source.speaker, source.kind))
            self._add("speakers", token_index, source.speaker, source.kind)

    def resolve_pronoun(self, pronoun: str, before: int, *, pools: str = "speakers+named") -> tuple[str, str] | None:
        """The nearest earlier named source that fits the pronoun, as (name, kind).

        ``pools`` chooses where to look: earlier speakers first then any named
        entity (for speakers), or named entities only (for grammatical subjects).
        """
        lower = pronoun.lower()
        want = "person" if lower in PERSON_PRONOUNS else "organisation" if lower in GROUP_PRONOUNS - {"it", "its"} else None
        if want is None:
            return None
        chosen = {"speakers+named": ("speakers", "named"), "named": ("named",)}[pools]
        for pool in chosen:
            name = self._nearest(pool, want, before)
            if name is not None:
                return (self.full_name(name) if want == "person" else name), want
        return None

    def resolve(self, token_ids: list[int], cue: str | None) -> Source | None:
        """Classify and resolve the speaker mention made of ``token_ids``."""
        if not token_ids:
            return None
        doc = self.doc
        start, end = min(token_ids), max(token_ids) + 1
        span = doc[start:end]
        mention = span.text
        ents = entity_index(doc).within(start, end)
        persons = [e for e in ents if e.label_ == "PERSON"]
        if persons:
            return Source(self.full_name(persons[-1].text), "person", mention, cue, start, end)
        orgs = [e for e in ents if e.label_ in _NAMED_ORG_LABELS]
        head = span.root
        if head.pos_ == "VERB" and head.tag_ == "VBN":
            return Source(mention, "anonymous", mention, cue, start, end)  # "it is understood"
        if head.pos_ == "PRON":
            resolved = self.resolve_pronoun(head.lower_, start)
            if resolved and head.lower_ not in ("it",):
                return Source(resolved[0], resolved[1], mention, cue, start, end)
            return Source(mention, "anonymous", mention, cue, start, end)
        if head.pos_ == "PROPN" and not orgs and head.is_title:
            return Source(self.full_name(mention), "person" if head.ent_type_ != "ORG" else "organisation", mention, cue, start, end)
        lemma = head.lemma_.lower()
        dets = {t.lower_ for t in span if t.dep_ in ("det", "nummod", "amod", "predet") and t.i < head.i}
        if orgs and not (dets & _INDEFINITE):
            return Source(orgs[-1].text, "organisation", mention, cue, start, end)
        if lemma in VAGUE_SOURCES or head.lower_ in VAGUE_SOURCES or dets & _INDEFINITE:
            return Source(mention, "anonymous", mention, cue, start, end)
        if lemma in INSTITUTION_NOUNS and lemma not in _MEDIA_NOUNS:
            return Source(mention, "organisation", mention, cue, start, end)  # "Police said", "the ministry said"
        return Source(mention, "anonymous", mention, cue, start, end)


def _cue_text(doc: Doc, frame: Frame) -> str:
    if frame.kind == "as-put":
        return "as " + doc[frame.cue[0]].text + " it" if doc[frame.cue[0]].lemma_ == "put" else "as " + doc[frame.cue[0]].text
    return " ".join(doc[i].text for i in sorted(frame.cue))


def frame_source(resolver: SpeakerResolver, frame: Frame) -> Source | None:
    """The source a frame names, if it names one."""
    if not frame.speaker:
        return None
    return resolver.resolve(frame.speaker, _cue_text(resolver.doc, frame))


def _inside(doc: Doc, token_index: int, quote: QuoteInfo) -> bool:
    return quote.start <= doc[token_index].idx < quote.end


class QuoteIndex:
    """The quotations of one document, sorted, with look-ups by character.

    Built once per document so that finding the quotation around a token, or
    the sentence around a character, is a bisection: attribution then takes
    time linear in the length of the document, not quotations times claims.
    """

    def __init__(self, doc: Doc, quotes: list[QuoteInfo]) -> None:
        self.doc = doc
        # ``Doc.text`` joins every token on each access: read it once.
        self.text = doc.text
        self.quotes = sorted(quotes, key=lambda q: (q.start, q.end))
        self._starts = [q.start for q in self.quotes]
        sents = list(doc.sents)
        self._sent_starts = [s.start_char for s in sents]
        self._sent_ends = [s.end_char for s in sents]

    def at_char(self, char: int) -> QuoteInfo | None:
        """The quotation holding character ``char``, if any (the innermost when they nest)."""
        i = bisect.bisect_right(self._starts, char) - 1
        # Quotations do not overlap in normalised text, but stay correct if they do.
        while i >= 0:
            quote = self.quotes[i]
            if quote.start <= char < quote.end:
                return quote
            if i == 0 or self.quotes[i - 1].end <= quote.start:
                return None
            i -= 1
        return None

    def of_token(self, token_index: int) -> QuoteInfo | None:
        """The quotation token ``token_index`` is in, if any."""
        return self.at_char(self.doc[token_index].idx)

    def sentence_end(self, char: int) -> int | None:
        """The end character of the sentence that holds (or last ended before) ``char``."""
        i = bisect.bisect_right(self._sent_starts, char) - 1
        return self._sent_ends[i] if i >= 0 else None


def attribute_quotes(resolver: SpeakerResolver, candidates: list[Candidate], quotes: list[QuoteInfo]) -> None:
    """Give every quotation a source: from a frame around it, else from the quotation it continues."""
    doc = resolver.doc
    index = resolver.quote_index(quotes)
    # The first candidate (in document order) with a frame outside the
    # quotation names its speaker: one pass over the candidates.
    settled: set[int] = set()
    for cand in candidates:
        frame = cand.frame
        if frame is None or not frame.speaker:
            continue
        quote = index.of_token(cand.head)
        if quote is None or id(quote) in settled:
            continue
        if any(_inside(doc, i, quote) for i in frame.cue):
            continue  # the frame is part of the quotation itself ("He feels that ...")
        quote.source = frame_source(resolver, frame)
        if quote.source:
            resolver.remember(cand.head, quote.source)
            settled.add(id(quote))
    previous: QuoteInfo | None = None
    for quote in index.quotes:
        if quote.source is None and previous is not None and previous.source is not None:
            gap = index.text[previous.end : quote.start]
            # Only the previous quotation's own attribution may stand between
            # them: this quotation starts where that sentence ends.
            if quote.continues_previous or _starts_after_sentence_of(index, previous.end, quote.start) or not gap.strip(" \n\"\u201c\u201d"):
                quote.source = previous.source
        previous = quote


def _starts_after_sentence_of(index: QuoteIndex, end_char: int, next_start: int) -> bool:
    if end_char <= 0:
        return False
    sentence_end = index.sentence_end(end_char - 1)
    if sentence_end is None:
        return False
    between = index.text[sentence_end:next_start]
    return not between.strip(" \n\"\u201c\u201d'")


def quote_of(resolver: SpeakerResolver, token_index: int, quotes: list[QuoteInfo]) -> QuoteInfo | None:
    """The quotation a token is in, if any."""
    return resolver.quote_index(quotes).of_token(token_index)


def attribute(resolver: SpeakerResolver, cand: Candidate, quotes: list[QuoteInfo]) -> tuple[Source | None, bool]:
    """The source of one claim and whether the claim is quoted.

    A frame outside any quotation wins ("..., said Mr Monday"); inside a
    quotation the quotation's speaker wins, and a frame within the quotation
    ("He feels that ...") only hedges.
    """
    doc = resolver.doc
    quote = quote_of(resolver, cand.head, quotes)
    frame = cand.frame
    if frame is not None and frame.speaker:
        frame_in_quote = quote is not None and any(_inside(doc, i, quote) for i in frame.cue)
        if not frame_in_quote:
            source = frame_source(resolver, frame)
            if source is not None:
                resolver.remember(cand.head, source)
                return source, quote is not None
    if quote is not None:
        return quote.source, True
    return None, False
