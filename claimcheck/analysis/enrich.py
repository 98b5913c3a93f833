"""Enrichment: turning the parse of one document into report claims and findings.

:class:`ClaimBuilder` takes the claim candidates of a parsed document
(:mod:`claimcheck.analysis.claims`) and gives each its type, attribution, hedges,
entities, dates, subject and score.  It is given what it needs (the
check-worthiness model, the hedge finder, the run context), not the engine
that builds one per document.  The analysis behind each claim (its
candidate and source) is left in ``context.candidates`` / ``context.sources``
for the findings plugins (:mod:`claimcheck.analysis.findings`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Span

from claimcheck.analysis.attribution import QuoteInfo, Source, SpeakerResolver, anonymous_cues, attribute, attribute_quotes
from claimcheck.analysis.claim_types import classify, has_amount
from claimcheck.analysis.claims import SUBJECT_DEPS, Candidate, find_candidates, has_subject, nominal_subject
from claimcheck.context import RunContext
from claimcheck.analysis.dates import clause_tense, resolve
from claimcheck.analysis.document import DocumentMeta
from claimcheck.analysis.genre import resolve_genre
from claimcheck.analysis.hedges import HedgeFinder
from claimcheck.analysis.lexicon import CONTENT_ENTITY_LABELS, GROUP_PRONOUNS, PERSON_PRONOUNS, STANCE_VERBS
from claimcheck.report import Attribution, Claim, DateRef, Entity
from claimcheck.analysis.scoring import ScoreInput, score_claim
from claimcheck.analysis.spans import doc_text, entity_index, sentences
from claimcheck.analysis.standalone import Replacement, build_standalone, format_date, format_interval
from claimcheck.analysis.token_table import token_table
from claimcheck.text.normalise import NormalisedText


if TYPE_CHECKING:
    from claimcheck.model import CheckworthinessModel


#: Contractions after a pronoun, written out when the pronoun is replaced by a name.
_CONTRACTIONS = {"'re": "are", "'ve": "have", "'ll": "will", "'d": "would", "'s": "is", "'m": "am"}
#: First words of a resolved subject that are capitalised only because it began a sentence.
_COMMON_LEADS = frozenset({"the", "a", "an", "both", "all", "some", "many", "most", "several", "this", "these", "those", "its", "their", "each", "every"})


#: The most a value judgement may score: below 0.5, the line of check-worthiness, whatever the model read.
JUDGEMENT_CEILING = 0.49


#: Why a verdict given ("critics condemned the ruling") is kept below the line.
STANCE = "a verdict given: that somebody praised or condemned something, not a checkable fact about it"


def stance_reasons(doc: Doc, cands: list[Candidate]) -> None:
    """Mark the claims that only report a verdict somebody gave: "critics condemned the ruling",
    "Republicans decried the lack of details", "rights groups praised the senators".

    The head is a verb of judgement (:data:`~claimcheck.analysis.lexicon.STANCE_VERBS`) with
    something judged and no figure: that the verdict was given is on the record, but it is an
    opinion reported, as an attitude ("the union welcomed the plan") is, and what is worth
    checking is the thing judged, which the article reports elsewhere.  A claim with a figure
    ("praised the 5% rise") keeps its score.  Marked claims are demoted by
    :func:`_demote_judgements`, with the reason :data:`STANCE`.
    """
    table = token_table(doc)
    for cand in cands:
        head = cand.head
        if cand.judgement or table.lemma[head] not in STANCE_VERBS or table.pos[head] != "VERB":
            continue
        if not any(table.dep[c] in ("dobj", "prep", "ccomp") for c in table.children[head]):
            continue  # "the move was widely welcomed": the thing judged is the subject, reported elsewhere
        if has_amount(doc, sorted(cand.tokens)):
            continue
        cand.judgement = STANCE


#: Why a clause that only announces the lines after it ("The proposals include:") is kept below the line.
LEAD_IN = "a lead-in: it announces the lines that follow, where what is checkable is said"
#: After a claim's last word: closing quotes, a colon, and the end of the line (or of the text).
_ENDS_IN_LEAD_IN = re.compile(r"[\"'\u201d\u2019]*[ \t]*:[ \t]*(?:\r?\n|$)")


def lead_in_reasons(doc: Doc, cands: list[Candidate]) -> None:
    """Mark the claims that end at a colon closing their line: "The proposals include:", "Devine said
    areas where Sanders wants to see changes include:", "The countervailing evidence is:".

    Such a clause introduces a list or a paragraph and states nothing the lines after it do not
    (the guide's "reporting frames on their own"); each line after it is a claim of its own.  A
    colon inside a line ("He told the BBC: "We know ...") introduces words in the same sentence
    and is left alone.  Marked claims are demoted by :func:`_demote_judgements`, with the reason
    :data:`LEAD_IN`.  One regular-expression match at each claim's end.
    """
    if not cands:
        return
    table = token_table(doc)
    text = doc_text(doc)  # doc.text joins every token again (0.1-0.2 ms a document)
    for cand in cands:
        if cand.judgement or cand.end <= cand.start:
            continue
        if _ENDS_IN_LEAD_IN.match(text, table.chars(cand.start, cand.end)[1]):
            cand.judgement = LEAD_IN


def _demote_judgements(cands: list[Candidate], claims: list[Claim]) -> None:
    """Halve the score of a value judgement or an attitude ("X was breathtaking", "the club were right
    to sack him", "the studio is celebrating bumper sales").

    Opinions are not check-worthy claims (docs/report.md, "What is a claim"), but the
    model reads the names and events they mention; the claim stays in the report, with
    the reason, and below the line.
    """
    for cand, claim in zip(cands, claims):
        if cand.judgement:
            claim.score = min(claim.score * 0.5, JUDGEMENT_CEILING)
            claim.reasons.insert(0, f"- {cand.judgement}")


class ClaimBuilder:
    """Turns the parse of one document into enriched claims.

    Args:
        doc: the parsed document.
        norm: its normalised text and the map back to the original input.
        meta: byline, dateline and furniture found before parsing.
        published: the date relative dates resolve against.
        context: the run context; each claim's span, candidate and source are recorded there.
        model: the check-worthiness model, or ``None`` to score on features only.
        hedges: the hedge finder of the pipeline's vocabulary.
    """

    def __init__(self, doc: Doc, norm: NormalisedText, meta: DocumentMeta, published: dt.date | None,
                 context: RunContext, *, model: CheckworthinessModel | None, hedges: HedgeFinder) -> None:
        self.model = model
        self.doc = doc
        self.norm = norm
        self.meta = meta
        self.published = published
        self.context = context
        self.quotes = [QuoteInfo(q.start, q.end, q.continues_previous) for q in norm.quotes]
        self.quote_ranges = [(q.start, q.end) for q in self.quotes]
        self.table = token_table(doc)
        self.resolver = SpeakerResolver(doc)
        self.hedge_ranges = hedges.find(doc)
        self.hedge_starts = [start for start, _ in self.hedge_ranges]
        self._counter = 0
        self.sentence_probabilities: dict[int, float] = {}
        # Speech or article decides the score's calibration; read once per document.
        self.genre = resolve_genre(str(context.config.get("genre", "auto")), doc, self.quote_ranges)

    def _orig(self, start_char: int, end_char: int) -> tuple[int, int]:
        return self.norm.to_original(start_char, end_char)

    def _tok_orig(self, start: int, end: int) -> tuple[int, int]:
        return self._orig(*self._chars(start, end))

    def _chars(self, start: int, end: int) -> tuple[int, int]:
        """``doc[start:end]``'s character range in the parsed text, from the token table: a
        ``Span`` costs about 5 us to make, and this is asked for every claim."""
        if end <= start:
            span = self.doc[start:end]
            return span.start_char, span.end_char
        return self.table.chars(start, end)

    def candidates(self) -> list[Candidate]:
        out: list[Candidate] = []
        for sent in sentences(self.doc):
            if self.meta.excluded(sent.start_char, sent.end_char):
                continue
            for cand in find_candidates(self.doc, sent, self.quote_ranges):
                if not self.meta.excluded(*self._chars(cand.start, cand.end)):
                    out.append(cand)
        return out

    def build(self) -> list[Claim]:
        """The document's claims, enriched and scored, in document order."""
        cands = self.candidates()
        attribute_quotes(self.resolver, cands, self.quotes)
        model = self.model
        probabilities: list[float | None] = [None] * len(cands)
        self.sentence_probabilities = {}
        # One span per claim, for the model and then the run context (the rule packs read it).
        spans = [self.doc[c.start:c.end] for c in cands]
        if model is not None and cands:
            # The model reads each claim and, for context, the sentence it is in.
            sentence_starts = sorted({c.sent_start for c in cands})
            sentence_ends = {c.sent_start: c.sent_end for c in cands}
            sentence_spans = self._sentence_spans(sentence_starts, sentence_ends)
            predicted = [float(p) for p in model.predict(spans + sentence_spans)]
            probabilities = list(predicted[: len(cands)])
            self.sentence_probabilities = dict(zip(sentence_starts, predicted[len(cands):]))
        stance_reasons(self.doc, cands)
        lead_in_reasons(self.doc, cands)
        claims = [self._claim(cand, prob, span) for cand, prob, span in zip(cands, probabilities, spans)]
        self._anonymous_cues()
        self._demote_frames(cands, claims)
        _demote_judgements(cands, claims)
        return claims

    def _sentence_spans(self, starts: list[int], ends: dict[int, int]) -> list[Span]:
        """``doc[start:ends[start]]`` for each start: the document's own sentence span where it is that
        one, rather than a new span (a ``Span`` costs about 5 us to make)."""
        own = {(s.start, s.end): s for s in sentences(self.doc)}
        return [own.get((start, ends[start])) or self.doc[start:ends[start]] for start in starts]

    def _anonymous_cues(self) -> None:
        """Record vague sources whose words no claim carried ("which critics said was ...") for the findings."""
        for source, cue in anonymous_cues(self.resolver):
            if source.start is None or source.end is None or self.meta.excluded(*self._chars(source.start, source.end)):
                continue
            self.context.anonymous_cues.append((min(source.start, cue), max(source.end, cue + 1)))

    def _demote_frames(self, cands: list[Candidate], claims: list[Claim]) -> None:
        """Halve the score of a framing clause whose checkable content is all in a claim it embeds.

        "There are two schools of thought regarding why Putin is in North
        Korea": the names are all in the embedded claim, which is what an
        editor checks; the frame around it is not a second claim.
        """
        for cand, claim in zip(cands, claims):
            if cand.embedded or claim.type != "other":
                continue
            names = {(e.start, e.end) for e in claim.entities if e.label in CONTENT_ENTITY_LABELS}
            if not names:
                continue
            for inner_cand, inner in zip(cands, claims):
                if inner_cand.origin not in ("wh", "relative") or not (claim.start <= inner.start and inner.end <= claim.end):
                    continue
                if all(inner.start <= a and b <= inner.end for a, b in names):
                    claim.score = claim.score * 0.5
                    claim.reasons.insert(0, f"- frames claim {inner.id}, which holds everything checkable in it")
                    break

    def claim_from_span(self, span: Span) -> Claim:
        """Build a claim for an arbitrary span of the doc (used by plugins)."""
        sent = span.sent
        cand = Candidate(span.start, span.end, span.root.i, sent.start, sent.end, "plugin", None, set(range(span.start, span.end)))
        prob = None
        if self.model is not None:
            prob, sentence_prob = (float(p) for p in self.model.predict([span, sent]))
            self.sentence_probabilities.setdefault(sent.start, sentence_prob)
        return self._claim(cand, prob)

    def _claim(self, cand: Candidate, probability: float | None, span: Span | None = None) -> Claim:
        doc = self.doc
        self._counter += 1
        claim_id = f"c{self._counter}"
        start, end = self._tok_orig(cand.start, cand.end)
        s_start, s_end = self._tok_orig(cand.sent_start, cand.sent_end)
        original = self.norm.original
        claim_ids = set(range(cand.start, cand.end))

        source, quoted = attribute(self.resolver, cand, self.quotes)
        attribution = self._attribution(source, quoted)
        frame_ids = cand.frame.tokens if cand.frame else set()
        hedges, framing = self._hedges(cand, frame_ids)

        claim_type = classify(doc, claim_ids, cand.head, cand.origin)
        entities: list[Entity] = []
        dates: list[DateRef] = []
        for ent in entity_index(doc).overlapping(cand.start, cand.end):
            a, b = self._orig(ent.start_char, ent.end_char)
            entities.append(Entity(original[a:b], ent.label_, a, b))
            if ent.label_ == "DATE":
                # The word before tells "since 2010" (an interval to publication) from "in 2010".
                before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
                resolved = resolve(ent.text, self.published, claim_type == "prediction", before, clause_tense(ent.root))
                dates.append(DateRef(original[a:b], resolved.value, resolved.precision,  # type: ignore[arg-type]
                                     resolved.relative, a, b, resolved.kind, resolved.begins,  # type: ignore[arg-type]
                                     resolved.ends, resolved.duration))

        frame_kind = cand.frame.kind if cand.frame and cand.frame.kind in ("cognition", "copula") else None
        scored = score_claim(doc, ScoreInput(
            token_ids=list(range(cand.start, cand.end)), head=cand.head, type=claim_type, attribution_kind=attribution.kind,
            hedges=len(hedges) - framing, has_date=bool(dates), embedded=cand.embedded, quoted=quoted,
            frame_kind=frame_kind, frame_token_ids=sorted(frame_ids - claim_ids), model_probability=probability,
            sentence_probability=self.sentence_probabilities.get(cand.sent_start) if probability is not None else None,
            combination=self.model.combination if self.model is not None and probability is not None else None,
            genre=self.genre,
        ))
        claim = Claim(
            id=claim_id,
            text=original[start:end],
            sentence=original[s_start:s_end],
            start=start,
            end=end,
            sentence_start=s_start,
            sentence_end=s_end,
            type=claim_type,
            score=scored.score,
            band="",  # derived from the score by Claim
            reasons=scored.reasons,
            attribution=attribution,
            hedges=hedges,
            entities=entities,
            dates=dates,
            subject=self._subject(cand),
            embedded=cand.embedded,
        )
        claim.standalone = self._standalone(cand, claim)
        self.context.spans[claim_id] = span if span is not None else doc[cand.start:cand.end]
        self.context.candidates[claim_id] = cand
        self.context.sources[claim_id] = source
        return claim

    def _hedges(self, cand: Candidate, frame_ids: set[int]) -> tuple[list[str], int]:
        """The hedges that start in the claim or its frame, as written (each once, whatever its case),
        and how many of them are the reporting verb that frames the claim.

        A reporting verb that frames the claim ("the company claims that ...") says who asserts
        it, which the attribution already carries: it is listed, but does not lower the score.
        """
        # The claim's tokens are a range: its hedges are found without a set of them and the frame's.
        first, last = cand.start, cand.end - 1
        if frame_ids:
            first, last = min(first, min(frame_ids)), max(last, max(frame_ids))
        lo = bisect.bisect_left(self.hedge_starts, first)
        hi = bisect.bisect_right(self.hedge_starts, last)
        if lo == hi:
            return [], 0
        reporting = set(cand.frame.cue) if cand.frame and cand.frame.kind == "speech" else set()
        original = self.norm.original
        hedges: list[str] = []
        framing = 0
        for h_start, h_end in self.hedge_ranges[lo:hi]:
            if cand.start <= h_start < cand.end or h_start in frame_ids:
                a, b = self._tok_orig(h_start, h_end)
                text = original[a:b]
                if text.lower() not in (h.lower() for h in hedges):
                    hedges.append(text)
                    framing += h_start in reporting and h_end - h_start == 1
        return hedges, framing

    def _standalone(self, cand: Candidate, claim: Claim) -> str | None:
        """The claim rewritten to stand alone (see :mod:`claimcheck.analysis.standalone`)."""
        replacements: list[Replacement] = []
        head = self.doc[cand.head]
        subject = nominal_subject(head)
        if subject is not None and cand.start <= subject.i < cand.end:
            table = self.table
            lower = table.lower[subject.i]
            # The subject itself, or a possessive inside it ("its economy"), from the token table.
            is_subject = table.pos[subject.i] == "PRON"
            at = subject.i if is_subject else next(
                (t for t in table.subtree(subject.i) if table.tag[t] == "PRP$" and table.dep[t] == "poss"), None)
            if at is not None and (table.lower[at] in PERSON_PRONOUNS or table.lower[at] in GROUP_PRONOUNS):
                resolved = (claim.subject or {}).get("resolved") if is_subject else None
                if resolved is None:
                    resolved = self.resolve_subject_pronoun(table.lower[at] if is_subject else lower, at)
                if resolved:
                    replacements.append(self._pronoun_replacement(self.doc[at], resolved, cand.start))
        elif subject is None:
            shared = self._shared_subject(cand)
            if shared:
                replacements.append(Replacement(claim.start, claim.start, shared + " "))
        relative = [(d.start, d.end, words) for d in claim.dates if d.relative
                    for words in [format_date(d.value, d.precision) if d.value
                                  else format_interval(d.begins, d.ends) if d.begins and d.ends else None]
                    if words]
        attribution = claim.attribution
        # "The inspector said the pupils had been sent home, ..." read whole: the claim names its speaker already.
        said_inside = attribution is not None and attribution.start is not None and attribution.end is not None \
            and claim.start <= attribution.start and attribution.end <= claim.end
        speaker = attribution.speaker if attribution and not said_inside else None
        return build_standalone(
            self.doc, cand, claim.text, claim.start, replacements,
            speaker, attribution.kind if attribution and speaker else "article",
            relative, self.published,
        )

    def _shared_subject(self, cand: Candidate) -> str | None:
        """The subject a further reported clause shares with the first: in "he said they had been given
        no idea and had never been interviewed", "they" for "had never been interviewed"."""
        frame = cand.frame
        if frame is None or cand.head not in frame.more or not frame.cue:
            return None
        verb = self.doc[frame.cue[0]]
        first = next((c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.i < cand.head and has_subject(c)), None)
        if first is None:
            return None
        subject = next(c for c in first.children if c.dep_ in SUBJECT_DEPS)
        if subject.pos_ == "PRON" and (subject.lower_ in PERSON_PRONOUNS or subject.lower_ in GROUP_PRONOUNS):
            resolved = self.resolve_subject_pronoun(subject.lower_, subject.i)
            if resolved:
                return resolved
        a, b = self._tok_orig(subject.left_edge.i, subject.right_edge.i + 1)
        return self.norm.original[a:b]

    def _pronoun_replacement(self, pronoun: Any, resolved: str, claim_start: int) -> Replacement:
        """Write ``resolved`` in the pronoun's place: "its" -> "Russia's", "They're" -> "Russia are"."""
        if pronoun.i != claim_start and resolved.split(" ", 1)[0].lower() in _COMMON_LEADS:
            resolved = resolved[0].lower() + resolved[1:]  # "Both sides" taken from the start of a sentence
        end = pronoun.i + 1
        if pronoun.tag_ == "PRP$":
            resolved += "'s"
        else:
            contraction = self.doc[end] if end < len(self.doc) else None
            full = _CONTRACTIONS.get(contraction.lower_.replace("\u2019", "'")) if contraction is not None else None
            if full is not None and contraction is not None and contraction.idx == pronoun.idx + len(pronoun.text):
                resolved += " " + full
                end += 1
        a, b = self._tok_orig(pronoun.i, end)
        return Replacement(a, b, resolved)

    def _attribution(self, source: Source | None, quoted: bool) -> Attribution:
        if source is None:
            return Attribution(speaker=None, cue=None, kind="article", quoted=quoted)
        start = end = None
        if source.start is not None and source.end is not None:
            start, end = self._tok_orig(source.start, source.end)
        mention = source.mention if source.mention != source.speaker else None
        return Attribution(source.speaker, source.cue, source.kind, mention, quoted, start, end)  # type: ignore[arg-type]

    def _subject(self, cand: Candidate) -> dict[str, str] | None:
        head = self.doc[cand.head]
        subject = nominal_subject(head)
        if subject is None:
            return None
        table = self.table
        left = table.left_edge[subject.i]
        while left < subject.i and table.lower[left] in ("that", "and", "but", "so", "\u201c", '"'):
            left += 1
        right = table.right_edge[subject.i]
        text = self.norm.original_slice(*table.chars(left, right + 1))  # as written
        out = {"text": text}
        lower = subject.lower_
        if subject.pos_ == "PRON" and (lower in PERSON_PRONOUNS or lower in GROUP_PRONOUNS):
            resolved = self.resolve_subject_pronoun(lower, subject.i)
            if resolved:
                out["resolved"] = resolved
        elif subject.ent_type_:
            out["resolved"] = self.resolver.full_name(text) if subject.ent_type_ == "PERSON" else text
        return out

    def resolve_subject_pronoun(self, pronoun: str, before: int) -> str | None:
        """Resolve a subject pronoun: "they" to a plural subject earlier in the sentence
        ("Both sides deny this, but ... the agreement they signed"), else to the
        nearest named organisation or place, or person for "he"/"she"."""
        table = self.table
        sent_start = table.sent_start[before]
        if pronoun in ("they", "them", "their"):
            for i in range(sent_start, before):
                if table.dep[i] in ("nsubj", "nsubjpass") and table.tag[i] in ("NNS", "NNPS"):
                    return self.norm.original_slice(*self._chars(table.left_edge[i], i + 1))
        found = self.resolver.resolve_pronoun(pronoun, sent_start, pools="named")
        # Only a close antecedent is trusted: within the two previous sentences.
        if found is None:
            return None
        window = max(0, sent_start - 80)
        if not self.resolver.named_between(window, sent_start, found[0]) and pronoun in GROUP_PRONOUNS:
            return None
        return found[0]
