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
from claimcheck.analysis.spans import entity_index
from claimcheck.analysis.lexicon import GROUP_PRONOUNS, HONORIFICS, INSTITUTION_NOUNS, PERSON_PRONOUNS, VAGUE_SOURCES

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

    def resolve_pronoun(self, pronoun: str, before: int, *, pools: str = "speakers+named") -> tuple[str, str] | None:
        """The nearest earlier named source that fits the pronoun, as (name, kind).

        ``pools`` chooses where to look: earlier speakers first then any named
        entity (for speakers), or named entities only (for grammatical subjects).
        """
        lower = pronoun.lower()
        want = "person" if lower in PERSON_PRONOUNS else "organisation" if lower in GROUP_PRONOUNS - {"it", "its"} else None
        if want is None:
            return None
        chosen = {"speakers+named": (self.speakers, self.named), "named": (self.named,)}[pools]
        for pool in chosen:
            for index, name, kind in reversed(pool):
                if index < before and kind == want:
                    return (self.full_name(name) if kind == "person" else name), kind
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


def attribute_quotes(resolver: SpeakerResolver, candidates: list[Candidate], quotes: list[QuoteInfo]) -> None:
    """Give every quotation a source: from a frame around it, else from the quotation it continues."""
    doc = resolver.doc
    for quote in quotes:
        for cand in candidates:
            frame = cand.frame
            if frame is None or not frame.speaker or not _inside(doc, cand.head, quote):
                continue
            if any(_inside(doc, i, quote) for i in frame.cue):
                continue  # the frame is part of the quotation itself ("He feels that ...")
            quote.source = frame_source(resolver, frame)
            if quote.source:
                resolver.remember(cand.head, quote.source)
                break
    previous: QuoteInfo | None = None
    for quote in quotes:
        if quote.source is None and previous is not None and previous.source is not None:
            gap = doc.text[previous.end : quote.start]
            # Only the previous quotation's own attribution may stand between
            # them: this quotation starts where that sentence ends.
            if quote.continues_previous or _starts_after_sentence_of(doc, previous.end, quote.start) or not gap.strip(" \n\"\u201c\u201d"):
                quote.source = previous.source
        previous = quote


def _starts_after_sentence_of(doc: Doc, end_char: int, next_start: int) -> bool:
    span = doc.char_span(max(0, end_char - 1), end_char, alignment_mode="expand")
    if span is None:
        return False
    sentence_end = span[0].sent.end_char
    between = doc.text[sentence_end:next_start]
    return not between.strip(" \n\"\u201c\u201d'")


def quote_of(doc: Doc, token_index: int, quotes: list[QuoteInfo]) -> QuoteInfo | None:
    """The quotation a token is in, if any."""
    for quote in quotes:
        if _inside(doc, token_index, quote):
            return quote
    return None


def attribute(resolver: SpeakerResolver, cand: Candidate, quotes: list[QuoteInfo]) -> tuple[Source | None, bool]:
    """The source of one claim and whether the claim is quoted.

    A frame outside any quotation wins ("..., said Mr Monday"); inside a
    quotation the quotation's speaker wins, and a frame within the quotation
    ("He feels that ...") only hedges.
    """
    doc = resolver.doc
    quote = quote_of(doc, cand.head, quotes)
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
