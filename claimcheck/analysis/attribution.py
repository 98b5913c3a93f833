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

from spacy.tokens import Doc, Span, Token

from claimcheck.analysis.attribution_cues import APPEARANCE_VERBS, CUE_VERBS, DOCUMENT_NOUNS, Cue, CueIndex, act_agent, act_content, colon_source, frame_of, source_of
from claimcheck.analysis.attribution_lexicon import SPEECH_ACT_VERBS
from claimcheck.analysis.attribution_model import SentenceVerbs, cue_candidates, load_cue_model
from claimcheck.analysis.attribution_repair import lost_subject
from claimcheck.analysis.claims import Candidate, Frame, nominal_subject
from claimcheck.analysis.lexicon import (
    GROUP_PRONOUNS,
    HONORIFICS,
    INSTITUTION_NOUNS,
    PERSON_PRONOUNS,
    TITLE_NOUNS,
    INDEFINITE_DETERMINERS,
    VAGUE_SOURCES,
)
from claimcheck.analysis.spans import doc_text, entity_index, sentences
from claimcheck.analysis.token_table import token_table

_NAMED_ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
_MEDIA_NOUNS = frozenset({"article", "headline", "tabloid", "report", "paper", "newspaper", "website", "site", "post", "blog"})
#: Frame nouns that report hearsay: with nobody holding them, the claim rests on no source.
HEARSAY_NOUNS = frozenset("rumour rumor report speculation suggestion allegation claim word".split())
#: Groups named by their role in a case or story: identifiable, so not anonymous.
_IDENTIFIABLE_GROUPS = frozenset("prosecutor investigator detective police lawyer attorney judge juror jury regulator auditor inspector".split())
_DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})
#: Institutions that, as a bare plural, name nobody in particular: "authorities said".
_VAGUE_BARE_PLURALS = frozenset({"authority", "official", "source", "report", "study", "analysis", "survey", "poll"})
_INDEFINITE = INDEFINITE_DETERMINERS
#: Firms named by their kind: "the company said" speaks for the firm the story is about.
_FIRM_NOUNS = frozenset("company firm group bank carrier airline retailer maker manufacturer insurer lender operator".split())
#: How far back (in tokens) a firm named by its kind looks for its name.
_FIRM_WINDOW = 300
#: Where a named organisation stands when it is what a passage is about: its subject or owner.
_TOPIC_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})


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
        self.speakers: list[tuple[int, str, str]] = []
        # Per kind, sorted token positions and names, so that the nearest
        # earlier source is a bisection, not a walk back through the document.
        self._pools: dict[tuple[str, str], tuple[list[int], list[str]]] = {}
        titled: list[tuple[str, str]] = []  # (name, gender) where an honorific says which
        ents = entity_index(doc).ents
        for ent in ents:
            if ent.label_ == "PERSON":
                words = [t for t in ent if t.lower_.rstrip(".") not in HONORIFICS]
                if len(words) >= 2:
                    self.full_names.setdefault(words[-1].lower_, " ".join(t.text for t in words))
        for ent in ents:
            if ent.label_ == "PERSON" or self.misread_person(ent):
                words = [t for t in ent if t.lower_.rstrip(".") not in HONORIFICS]
                name = " ".join(t.text for t in words)
                if len(words) >= 2 and ent.label_ != "PERSON":  # every PERSON's full name is in already
                    self.full_names.setdefault(words[-1].lower_, name)
                self.named.append((ent.start, name, "person"))
                if _is_subject(ent.root):
                    self._add("subjects", ent.start, name, "person")
                honorific = doc[ent.start - 1] if ent.start and ent[0].lower_.rstrip(".") not in HONORIFICS else ent[0]
                gender = _HONORIFIC_GENDER.get(honorific.lower_.rstrip("."))
                if gender and name:
                    titled.append((name, gender))
            elif ent.label_ in ("ORG", "GPE"):
                self.named.append((ent.start, ent.text, "organisation"))
        for index, name, kind in self.named:
            self._add("named", index, name, kind)
        #: Who is known to be a man or a woman ("Mrs Ruiz"), by full name, for "he" and "she".
        self.gender: dict[str, str] = {}
        for name, gender in titled:
            self.gender.setdefault(self.full_name(name), gender)
        self._quote_index: tuple[list[QuoteInfo], QuoteIndex] | None = None
        self._cues: CueIndex | None = None
        self._firms: list[tuple[int, str]] | None = None
        self._documents: list[tuple[int, str]] | None = None
        self._titles: list[tuple[int, str, frozenset[str]]] | None = None
        #: The candidate cues of each sentence the cue model was asked about, found once.
        self.sentence_verbs: SentenceVerbs = {}

    def misread_person(self, ent: Span) -> bool:
        """True for a person the tagger called something else: "Mr Straw" tagged an organisation,
        a bare surname of somebody the document names in full."""
        if ent.label_ == "PERSON" or ent.label_ in ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"):
            return False
        before = self.doc[ent.start - 1] if ent.start else None
        if ent[0].lower_.rstrip(".") in HONORIFICS or (before is not None and before.is_title and before.lower_.rstrip(".") in HONORIFICS):
            return len(ent) <= 3
        return len(ent) == 1 and ent[0].lower_ in self.full_names

    def _add(self, pool: str, index: int, name: str, kind: str) -> None:
        positions, names = self._pools.setdefault((pool, kind), ([], []))
        at = bisect.bisect_right(positions, index)
        positions.insert(at, index)
        names.insert(at, name)

    def _nearest(self, pool: str, kind: str, before: int) -> str | None:
        positions, names = self._pools.get((pool, kind), ([], []))
        at = bisect.bisect_left(positions, before)
        return names[at - 1] if at else None

    def _it_stands_for(self, index: int) -> str | None:
        """What a source "it" at ``index`` stands for when no organisation spoke just before: the
        nearer of the document and the organisation last named as a clause's subject within
        ``_IT_WINDOW`` tokens ("The council's report ... It says", "Acme posted a loss. It said")."""
        document = self._document_before(index)
        firm = self._firm_before(index, _IT_WINDOW)
        if firm is not None and (token_table(self.doc).ent_type[firm[0]] != "ORG" or firm[1].lower() in self.full_names):
            # An untagged capitalised subject, or a surname tagged as a body ("Trump" beside "Donald
            # Trump"), may be a person: "it" is never one.
            firm = None
        found = [f for f in (document, firm) if f is not None]
        return max(found)[1] if found else None

    def _firm_before(self, index: int, window: int = 0) -> tuple[int, str] | None:
        """The organisation last named, within ``_FIRM_WINDOW`` tokens before ``index``, as the
        subject or owner of a clause ("Microsoft is celebrating", "Twitter acknowledged",
        "Bloomberg's own list"): what a later "the company" stands for.  Names the tagger left
        untagged count when capitalised and not a person's or a place's."""
        if self._firms is None:
            doc = self.doc
            firms: list[tuple[int, str]] = []
            for token in doc:
                if token.dep_ not in _TOPIC_DEPS or token.pos_ != "PROPN":
                    continue
                if token.ent_type_ == "ORG":
                    ent = next((e for e in entity_index(doc).overlapping(token.i, token.i + 1)), None)
                    if ent is not None and ent.root.i == token.i and not any(t.lower_ in _PUBLIC_BODIES for t in ent):
                        firms.append((ent.start, ent.text))
                elif not token.ent_type_ and token.is_title and token.lower_ not in HONORIFICS and not any(
                    c.dep_ == "compound" for c in token.children
                ):
                    firms.append((token.i, token.text))
            self._firms = firms
        at = bisect.bisect_left(self._firms, (index, ""))
        if at and index - self._firms[at - 1][0] <= (window or _FIRM_WINDOW):
            return self._firms[at - 1]
        return None

    def _document_before(self, index: int) -> tuple[int, str] | None:
        """The document last named, within ``_IT_WINDOW`` tokens before ``index``, as the subject of a
        clause with a determiner or owner ("the email read", "Thursday's memo from the panel seemed"):
        what a later "it stated" or "it says" stands for."""
        if self._documents is None:
            table = token_table(self.doc)
            found: list[tuple[int, str]] = []
            for i, dep in enumerate(table.dep):
                if dep in _SUBJECT_DEPS and table.pos[i] == "NOUN" and table.lemma[i] in DOCUMENT_NOUNS and any(
                    table.dep[c] == "poss" or table.lower[c] in _DEFINITE for c in table.children[i]
                ):
                    found.append((i, self.doc[table.left_edge[i] : i + 1].text))
            self._documents = found
        at = bisect.bisect_left(self._documents, (index, ""))
        if at and index - self._documents[at - 1][0] <= _IT_WINDOW:
            return self._documents[at - 1]
        return None

    def named_between(self, lo: int, hi: int, name: str) -> bool:
        """True when an entity called ``name`` starts at a token in ``[lo, hi)``."""
        for kind in ("person", "organisation"):
            positions, names = self._pools.get(("named", kind), ([], []))
            for at in range(bisect.bisect_left(positions, lo), bisect.bisect_left(positions, hi)):
                if names[at] == name:
                    return True
        return False

    def record_frames(self, candidates: list[Candidate]) -> None:
        """Remember, per sentence, the claims that carry a frame with a speaker."""
        self._frames: dict[int, list[Candidate]] = {}
        for cand in candidates:
            if not cand.embedded and cand.frame is not None and cand.frame.speaker:
                self._frames.setdefault(cand.sent_start, []).append(cand)

    def enclosing_frame(self, cand: Candidate) -> Frame | None:
        """The frame of the framed claim that holds ``cand`` ("Mr Hof said the address was
        President Obama's answer": the role claim "President Obama" is Mr Hof's too)."""
        for outer in getattr(self, "_frames", {}).get(cand.sent_start, ()):
            frame = outer.frame
            # Only inside the reported content: a role in the source's own words
            # ("according to Andy Smith, director of ...") is the article's.
            if frame is not None and cand.head in outer.tokens and cand.head not in frame.tokens and cand.head not in frame.speaker:
                return frame
        return None

    def cues(self) -> CueIndex:
        """The document's attribution cues, found on first use."""
        if self._cues is None:
            self._cues = CueIndex(self.doc)
        return self._cues

    def resolve_cue(self, cue: Cue) -> Source | None:
        """The source a cue names; "it" only when it points back to a document or organisation just named."""
        doc = self.doc
        cue_text = doc[cue.verb].text
        ids = list(cue.source)
        if len(ids) == 1 and doc[ids[0]].lower_ == "it":
            index = ids[0]
            positions, names = self._pools.get(("speakers", "organisation"), ([], []))
            at = bisect.bisect_left(positions, index)
            if at and index - positions[at - 1] <= _IT_WINDOW:
                return Source(names[at - 1], "organisation", doc[index].text, cue_text, index, index + 1)
            stands_for = self._it_stands_for(index)
            if stands_for is not None:
                return Source(stands_for, "organisation", doc[index].text, cue_text, index, index + 1)
            return None
        source = self.resolve(ids, cue_text)
        verb = doc[cue.verb]
        if source is not None and source.kind == "anonymous" and verb.lower_ == "according" and source.end is not None:
            # "according to sources": the vague source is written with its cue, as the claim's frame writes it.
            return Source(source.speaker, source.kind, doc[verb.i : source.end].text, "according to", verb.i, source.end)
        pronoun = nominal_subject(verb) if verb.dep_ == "relcl" else None
        if source is not None and pronoun is not None and pronoun.tag_ in ("WP", "WDT") and not cue.act:
            # "Thomas Perez, who said ...": written at the cue as "who", as "he" is for a pronoun.
            source = Source(source.speaker, source.kind, pronoun.text, source.cue, pronoun.i, pronoun.i + 1)
        return source

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
        if want == "person" and pools == "speakers+named":
            # The most recent person who spoke or was a clause's subject, of the pronoun's gender
            # when the document says it: "Starmer was in Leeds. He said ..." is Starmer's, even
            # when an earlier paragraph quoted somebody else, and "She" skips "Mr Pike".
            found = self._salient_person(lower, before)
            if found is not None:
                return found, "person"
        chosen = {"speakers+named": ("speakers", "named"), "named": ("named",)}[pools]
        for pool in chosen:
            name = self._nearest(pool, want, before)
            if name is not None:
                return (self.full_name(name) if want == "person" else name), want
        return None

    def _titled_person(self, title: str, before: int) -> str | None:
        """The person last named, within ``_TITLE_WINDOW`` tokens before ``before``, with the job
        title ``title`` beside the name ("Finance Minister Rosa Delgado", "Mark Evans, the union's
        president"): whom a later "the minister" or "the president" means."""
        if self._titles is None:
            doc = self.doc
            self._titles = []
            for ent in entity_index(doc).ents:
                if ent.label_ != "PERSON":
                    continue
                root = ent.root
                near = [t for t in doc[max(ent.sent.start, ent.start - 4) : ent.start]]
                near += [c for c in root.children if c.dep_ == "appos"]
                if root.dep_ == "appos":
                    near.append(root.head)
                titles = {_title_word(t) for t in (*near, *ent)} & _TITLES
                if titles:
                    words = [t for t in ent if t.lower_.rstrip(".") not in HONORIFICS and _title_word(t) not in _TITLES]
                    if words:
                        self._titles.append((ent.start, " ".join(t.text for t in words), frozenset(titles)))
        at = bisect.bisect_left(self._titles, (before, "", frozenset()))
        for j in range(at - 1, -1, -1):
            position, name, held = self._titles[j]
            if before - position > _TITLE_WINDOW:
                break
            if title in held:
                return self.full_name(name)
        return None

    def _salient_person(self, pronoun: str, before: int, window: int | None = None) -> str | None:
        """The most recent earlier speaker or subject-named person the pronoun can stand for."""
        gender = "m" if pronoun in ("he", "him", "his") else "f" if pronoun in ("she", "her", "hers") else None
        best: tuple[int, str] | None = None
        for pool in ("speakers", "subjects"):
            positions, names = self._pools.get((pool, "person"), ([], []))
            at = bisect.bisect_left(positions, before)
            # A few steps back at most: past them, gender clashes mean the nearest fitting person is far.
            for j in range(at - 1, max(at - 6, -1), -1):
                name = self.full_name(names[j])
                known = self.gender.get(name)
                if window is not None and before - positions[j] > window:
                    break
                if gender is None or known is None or known == gender:
                    if best is None or positions[j] > best[0]:
                        best = (positions[j], name)
                    break
        return best[1] if best else None

    def resolve(self, token_ids: list[int], cue: str | None) -> Source | None:
        """Classify and resolve the speaker mention made of ``token_ids``."""
        if not token_ids:
            return None
        doc = self.doc
        start, end = min(token_ids), max(token_ids) + 1
        span = doc[start:end]
        mention = span.text
        ents = entity_index(doc).within(start, end)
        # A surname the tagger missed speaks only as the mention's head: "Mr Straw said", not
        # "the Clinton campaign said".
        persons = [e for e in ents if e.label_ == "PERSON" or (e.root.i == span.root.i and self.misread_person(e))]
        if persons:
            person = persons[-1]
            owner = person.root.head
            if person.root.dep_ == "appos" and person.start == owner.i + 1 and owner.pos_ == "NOUN" and owner.lemma_.lower() in _BODY_NOUNS:
                # "the car-buying website Parker's": a body's name, whatever the tagger took it for
                # (not "the Observer magazine, Dr Lund," where a comma sets the person apart).
                return Source(person.text, "organisation", mention, cue, start, end)
            return Source(self.full_name(person.text), "person", mention, cue, start, end)
        orgs = [e for e in ents if e.label_ in _NAMED_ORG_LABELS]
        head = span.root
        if head.pos_ == "VERB" and head.tag_ == "VBN":
            # "It is understood": from the dummy subject on, without "On the new board".
            it = next((c for c in head.children if c.dep_ == "nsubjpass" and c.lower_ == "it"), None)
            if it is not None and it.i > start:
                start = it.i
                mention = doc[start:end].text
            return Source(mention, "anonymous", mention, cue, start, end)
        if head.pos_ == "PRON":
            resolved = self.resolve_pronoun(head.lower_, start)
            if resolved and head.lower_ not in ("it",):
                return Source(resolved[0], resolved[1], mention, cue, start, end)
            stands_for = self._it_stands_for(start) if head.lower_ == "it" and len(span) == 1 else None
            if stands_for is not None:
                return Source(stands_for, "organisation", mention, cue, start, end)  # "The memo ... It stated that"
            return Source(mention, "anonymous", mention, cue, start, end)
        lemma = head.lemma_.lower()
        if _title_word(head) in _TITLES and span[0].lower_ == "the" and not any(c.dep_ in ("poss", "prep") for c in head.children) and all(
            t.lower_ in _TITLE_LEADS or t.ent_type_ in ("GPE", "NORP") or t.pos_ == "ADJ" for t in span if t.i < head.i
        ):
            # "the minister said", "the Vermont senator said": the person last named with that title.
            title = _title_word(head)
            # A party names too many people to match on: "the Kentucky Republican" is whoever the
            # passage is about, the person who last spoke or acted in the sentences just before.
            holder = self._salient_person("", start, window=_EPITHET_WINDOW) if title in _PARTY_MEMBERS else self._titled_person(title, start)
            if holder is None and _by_origin(span, head):
                holder = self._salient_person("", start, window=_EPITHET_WINDOW)  # "the Russian president said"
            if holder is not None:
                return Source(holder, "person", mention, cue, start, end)
        if span[0].lower_ == "the" and head.tag_ == "NN" and _by_origin(span, head) and not (
            lemma in _NOT_EPITHETS or lemma in VAGUE_SOURCES or any(c.dep_ in ("poss", "prep", "relcl", "acl") for c in head.children)
        ):
            # "The Romanian international later said ...": an epithet by origin for the person the
            # passage is about, who spoke or acted in the sentences just before.
            holder = self._salient_person("", start, window=_EPITHET_WINDOW)
            if holder is not None:
                return Source(holder, "person", mention, cue, start, end)
        if head.pos_ == "PROPN" and not orgs and head.is_title:
            return Source(self.full_name(mention), "person" if head.ent_type_ != "ORG" else "organisation", mention, cue, start, end)
        dets = {t.lower_ for t in span if t.dep_ in ("det", "nummod", "amod", "predet") and t.i < head.i}
        # Entities, not capitals: "Nonpartisan analyses" opens a sentence but names nobody.
        named = bool(orgs) or any(t.ent_type_ in _NAMED_ORG_LABELS or t.ent_type_ in ("PERSON", "WORK_OF_ART") for t in span)
        definite = bool(dets & _DEFINITE) or any(c.dep_ == "poss" for c in head.children)
        if lemma in DOCUMENT_NOUNS and (named or definite):
            # A poll, report or record speaks for whoever made it: "a Fox News poll", "the register";
            # "studies show" and "a report said" name nobody.
            return Source(mention, "organisation", mention, cue, start, end)
        if head.tag_ == "NNS" and not named and not definite and lemma in _VAGUE_BARE_PLURALS and not any(
            c.dep_ in ("compound", "nmod") for c in head.children
        ):
            return Source(mention, "anonymous", mention, cue, start, end)  # "authorities have said"
        vague_head = lemma in VAGUE_SOURCES or head.lower_ in VAGUE_SOURCES
        if orgs and lemma in INSTITUTION_NOUNS and all(e.label_ == "GPE" and e.root.dep_ == "poss" and e.root.head.i == head.i for e in orgs):
            # "the UK's highest court ruled": the court, not the country, is the source.
            return Source(mention, "organisation", mention, cue, start, end)
        if orgs and lemma in _SPOKES_NOUNS and any(
            (e.root.dep_ == "compound" and e.root.head.i == head.i) or (e.root.head.dep_ == "prep" and e.root.head.head.i == head.i)
            for e in orgs
        ):
            # "a spokesman for Tesco said", "a Fifa spokesman said": the body speaks through an identified office.
            return Source(orgs[-1].text, "organisation", mention, cue, start, end)
        if orgs and not (dets & _INDEFINITE) and not (vague_head and any(e.start <= head.i < e.end for e in orgs)):
            # "Pentagon officials" are the Pentagon's; "Insiders" tagged as an organisation are not.
            return Source(orgs[-1].text, "organisation", mention, cue, start, end)
        if lemma in VAGUE_SOURCES or head.lower_ in VAGUE_SOURCES or dets & _INDEFINITE:
            return Source(mention, "anonymous", mention, cue, start, end)
        if lemma in _FIRM_NOUNS and dets == {"the"} and not any(c.dep_ in ("compound", "amod", "poss", "prep") for c in head.children):
            # "the company said": the firm last named as a clause's subject or owner
            # ("Microsoft is celebrating ..."), not any firm the passage mentions in passing.
            firm = self._firm_before(start)
            if firm is not None:
                return Source(firm[1], "organisation", mention, cue, start, end)
        if lemma in INSTITUTION_NOUNS and lemma not in _MEDIA_NOUNS:
            return Source(mention, "organisation", mention, cue, start, end)  # "Police said", "the ministry said"
        if lemma in TITLE_NOUNS or lemma in _IDENTIFIABLE_GROUPS or "the" in dets or any(c.dep_ == "poss" for c in head.children):
            # "the judge", "prosecutors", "the company's chief": identifiable, if not named.
            kind = "person" if head.tag_ in ("NN", "NNP") and lemma in TITLE_NOUNS else "organisation"
            return Source(mention, kind, mention, cue, start, end)
        return Source(mention, "anonymous", mention, cue, start, end)


#: Words that name a public body, not a firm: "the Senate", "the State Department" are never "the company".
_PUBLIC_BODIES = frozenset("""government ministry department agency police army military court commission council
    parliament congress senate house committee university bureau office authority administration kremlin pentagon
    regulator union party campaign fbi cia nhs""".split())
#: Common nouns for bodies that a name in apposition names: "the website Parker's", "the pressure group Liberty".
_BODY_NOUNS = INSTITUTION_NOUNS | _MEDIA_NOUNS | _FIRM_NOUNS | frozenset("charity organisation organization campaign think-tank tank consultancy agency".split())
#: Those who speak for an organisation by office: "a spokesman for Tesco" is Tesco speaking.
_SPOKES_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative", "spokespeople", "spokesmen"})
#: How far back (in tokens) a source "it" looks for the organisation or document it stands for.
_IT_WINDOW = 60
#: How far back (in tokens) "the minister" looks for the minister named.
_TITLE_WINDOW = 600
#: Words that may stand before a bare title and still mean one known holder: "the former minister".
_TITLE_LEADS = frozenset({"the", "former", "then", "new", "outgoing", "incoming"})
#: Abbreviated titles before a name: "Sen. Claire McCaskill" holds the title "senator".
_TITLE_ABBREVIATIONS = {"sen": "senator", "rep": "representative", "gov": "governor", "pres": "president", "gen": "general", "prof": "professor", "supt": "superintendent", "insp": "inspector"}
#: Party members, named by party in a later reference: "Sen. Roy Blunt (R-Mo.) ... the Missouri Republican said".
_PARTY_MEMBERS = frozenset({"republican", "democrat"})
_TITLES = TITLE_NOUNS | _PARTY_MEMBERS
#: How far back (in tokens) "the Kentucky Republican" looks for the person meant.
_EPITHET_WINDOW = 80


#: Nouns that name a body or a document, never one person described by origin ("the French government").
_NOT_EPITHETS = INSTITUTION_NOUNS | DOCUMENT_NOUNS | _FIRM_NOUNS | _MEDIA_NOUNS | frozenset("side team club country nation state people public economy market".split())


def _by_origin(span: Span, head: Token) -> bool:
    """True for "the Romanian international", "the Texas billionaire": a nationality or place before
    the noun, and nothing else but adjectives."""
    before = [t for t in span if t.i < head.i and t.lower_ not in _TITLE_LEADS]
    return any(t.ent_type_ in ("GPE", "NORP") for t in before) and all(
        t.ent_type_ in ("GPE", "NORP") or t.pos_ in ("ADJ", "PROPN") for t in before
    )


def _title_word(token: Token) -> str:
    """The job title a word names, abbreviations spelt out ("Sen." -> "senator")."""
    word = token.lower_.rstrip(".")
    return _TITLE_ABBREVIATIONS.get(word) or token.lemma_.lower()


_HONORIFIC_GENDER = {"mr": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f", "miss": "f", "dame": "f", "lady": "f"}
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def _is_subject(token: Token) -> bool:
    """True for a name that is, or stands beside, its clause's subject ("Labour leader Keir Starmer was ...")."""
    if token.dep_ in _SUBJECT_DEPS:
        return True
    return token.dep_ in ("appos", "compound") and token.head.dep_ in _SUBJECT_DEPS


def _cue_text(doc: Doc, frame: Frame) -> str:
    if frame.kind == "as-put":
        return "as " + doc[frame.cue[0]].text + " it" if doc[frame.cue[0]].lemma_ == "put" else "as " + doc[frame.cue[0]].text
    return " ".join(doc[i].text for i in sorted(frame.cue))


#: Markers of an adverbial clause that is a view's content: "feels as if / as though / like ...".
_AS_IF = frozenset({"if", "though", "like"})


def _holds_view(doc: Doc, frame: Frame) -> bool:
    """Whether a cognition frame's subject holds the view it frames.  Not for "seem" and
    "appear", whatever the parse made their content; and "feel" with an adverbial clause only
    when the clause is "as if", "as though" or "like" ("Ryan is feeling pressure as members
    ... back Trump" gives a reason, not Ryan's view)."""
    verb = doc[frame.cue[0]]
    if verb.lemma_.lower() in APPEARANCE_VERBS:
        return False
    content = [c for c in verb.children if c.dep_ == "advcl" and c.i not in frame.tokens]
    return all(any(m.dep_ in ("mark", "prep") and m.lower_ in _AS_IF for m in c.children) for c in content)


def speaker_ids(doc: Doc, frame: Frame) -> list[int]:
    """The tokens of the speaker a frame names: its own, else the name the parser cut off its verb."""
    if frame.speaker:
        return frame.speaker if frame.kind != "cognition" or _holds_view(doc, frame) else []
    if frame.kind == "speech":
        verb = doc[frame.cue[0]]
        if verb.dep_ == "conj" and nominal_subject(verb) is None:
            return source_of(verb)  # "Acme posted a loss and said it would ...": the subject it shares
        return lost_subject(verb)
    return []


def frame_source(resolver: SpeakerResolver, frame: Frame) -> Source | None:
    """The source a frame names, if it names one."""
    ids = speaker_ids(resolver.doc, frame)
    if not ids:
        return None
    return resolver.resolve(ids, _cue_text(resolver.doc, frame))


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
        self.text = doc_text(doc)
        self.quotes = sorted(quotes, key=lambda q: (q.start, q.end))
        self._starts = [q.start for q in self.quotes]
        self._token_starts = token_table(doc).idx
        sents = sentences(doc)
        self._sent_starts = [s.start_char for s in sents]
        self._sent_ends = [s.end_char for s in sents]
        self._sent_tokens = [s.start for s in sents]

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
        return self.at_char(self._token_starts[token_index])

    def token_at(self, char: int) -> int | None:
        """The index of the token that holds (or last starts before) character ``char``."""
        i = bisect.bisect_right(self._token_starts, char) - 1
        return i if i >= 0 else None

    def sentence_token(self, char: int) -> int | None:
        """The first token of the sentence that holds (or last started before) ``char``."""
        i = bisect.bisect_right(self._sent_starts, char) - 1
        return self._sent_tokens[i] if i >= 0 else None

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
    resolver.record_frames(candidates)
    for cand in candidates:
        frame = cand.frame
        if frame is None or not speaker_ids(doc, frame):
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
    for quote in index.quotes:
        if quote.source is None:
            quote.source = _introduced_by_colon(resolver, index, quote) or _reported_by_cue(resolver, index, quote)
    # A quotation that runs on into the next paragraph (re-opened there, no closing mark
    # here) is the words of whoever is named where it ends, not of the last speaker before.
    for current, following in zip(index.quotes[-2::-1], index.quotes[:0:-1]):
        if current.source is None and following.continues_previous and following.source is not None:
            current.source = following.source
    previous: QuoteInfo | None = None
    for quote in index.quotes:
        if quote.source is None and previous is not None and previous.source is not None:
            gap = index.text[previous.end : quote.start]
            # Only the previous quotation's own attribution may stand between
            # them: this quotation starts where that sentence ends.
            if quote.continues_previous or _starts_after_sentence_of(index, previous.end, quote.start) or not gap.strip(" \n\"\u201c\u201d"):
                quote.source = previous.source
        previous = quote


def _introduced_by_colon(resolver: SpeakerResolver, index: QuoteIndex, quote: QuoteInfo) -> Source | None:
    """The source of a quotation introduced by a colon: 'The minister said: "..."'."""
    text = index.text
    j = quote.start - 1
    while j >= 0 and (text[j].isspace() or text[j] in _QUOTE_MARKS):
        j -= 1
    if j < 0 or text[j] != ":":
        return None
    colon = index.token_at(j)
    if colon is None:
        return None
    found = colon_source(resolver.doc, colon)
    if found is None and colon > 0 and resolver.doc[colon - 1].lemma_.lower() in CUE_VERBS:
        lost = lost_subject(resolver.doc[colon - 1])  # 'Ms Dunwoody, who chairs ..., says: "..."'
        found = (lost, resolver.doc[colon - 1].text) if lost else None
    if found is None:
        return None
    source = resolver.resolve(*found)
    if source is not None:
        resolver.remember(colon, source)
    return source


def _reported_by_cue(resolver: SpeakerResolver, index: QuoteIndex, quote: QuoteInfo) -> Source | None:
    """The source of a quotation whose frame held no claim ('"Every single amendment," said
    Cruz'): a cue outside it, in the sentence where it ends, whose content reaches into it."""
    last = index.token_at(quote.end - 1)
    sent = index.sentence_token(quote.end - 1)
    if last is None or sent is None:
        return None
    first = index.token_at(quote.start)
    inside = range(max(first if first is not None else last, sent), last + 1)
    doc = resolver.doc
    for cue in resolver.cues().in_sentence(sent):
        if _inside(doc, cue.verb, quote):
            continue
        # '"...," said Cruz': the speech verb right after the closing mark, or "he said" after it.
        follows = last < cue.verb <= last + 4 and doc[cue.verb].lemma_.lower() in CUE_VERBS and all(
            doc[i].is_punct or doc[i].is_quote or i in cue.source for i in range(last + 1, cue.verb)
        )
        if not follows and (cue.act or not any(cue.covers(i) for i in inside)):
            continue
        source = resolver.resolve_cue(cue)
        if source is not None:
            resolver.remember(cue.verb, source)
            return source
    return None


_QUOTE_MARKS = frozenset("\"'\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019")


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
    ("He feels that ...") only hedges.  A claim with neither takes the frame
    of the claim it is embedded in, else the cue whose content holds it
    (:mod:`claimcheck.analysis.attribution_cues`).
    """
    doc = resolver.doc
    quote = quote_of(resolver, cand.head, quotes)
    frame = cand.frame
    if frame is not None and speaker_ids(doc, frame):
        frame_in_quote = quote is not None and any(_inside(doc, i, quote) for i in frame.cue)
        if not frame_in_quote:
            source = frame_source(resolver, frame)
            if source is not None:
                resolver.remember(cand.head, source)
                return _unless_vetoed(resolver, cand, source, quotes, quote), quote is not None
    if quote is not None and quote.source is not None:
        return quote.source, True
    if frame is not None and not frame.speaker and frame.kind == "noun" and doc[frame.cue[0]].lemma_.lower() in HEARSAY_NOUNS:
        # "There are rumours that ...", "amid reports that ...": hearsay nobody owns.
        cue_token = doc[frame.cue[0]]
        start = min(i for i in frame.tokens if not doc[i].is_punct) if frame.tokens else cue_token.i
        start = min(start, cue_token.i)
        mention = doc[start : cue_token.i + 1].text
        return Source(mention, "anonymous", mention, cue_token.text, start, cue_token.i + 1), quote is not None
    if cand.embedded:
        outer = resolver.enclosing_frame(cand)
        if outer is not None:
            source = frame_source(resolver, outer)
            if source is not None:
                return _unless_vetoed(resolver, cand, source, quotes, quote), quote is not None
    # A role inside what a cue reports is the source's too ("a poll showed Senator Marco Rubio
    # at 8 percent"); a relative clause ("Gruenberg, who was nominated by ...") and a role in
    # the object of an act ("accused President Obama of ...") stay the article's description.
    # A relative clause that is mostly what its noun said is the noun's ("Thomas Perez, who
    # said he expects the deal to be signed this week"), as a clause headed by its cue is.
    index = resolver.cues()
    cue = index.for_claim(cand.head, cand.sent_start, None if cand.embedded else cand.tokens)
    if cue is not None and cand.embedded and (cue.verb == cand.head or cue.act or cand.origin == "relative"):
        if not (cand.origin == "relative" and cue.verb == cand.head and not cue.act and (
                _reports_relative(doc[cue.verb]) or index.mostly_reported(cue, cand.tokens))):
            cue = None
    if cue is not None and not (quote is not None and _inside(doc, cue.verb, quote)):
        source = resolver.resolve_cue(cue)
        if source is not None and not (source.kind == "anonymous" and (doc[cue.verb].pos_ != "VERB" or cue.act)):
            # ("In a statement released on Monday, ..." names no source worth a finding, and
            # "officials declined to say ..." reports an act, not vague sourcing.)
            resolver.remember(cand.head, source)
            return _unless_vetoed(resolver, cand, source, quotes, quote), quote is not None
    act = act_source(resolver, cand)
    if act is not None and quote is None:
        resolver.remember(cand.head, act)
        return act, False
    return _learned_source(resolver, cand, quotes), quote is not None


def act_source(resolver: SpeakerResolver, cand: Candidate) -> Source | None:
    """The agent of the speech act that heads a claim: "Yukos accused Gazprom of theft", "BMW has
    announced £100m of investment", "the minister promised to cut taxes".  That the act happened
    is the article's report; what it alleges, announces or promises is the agent's, and that is
    what a fact-checker checks, against the agent's words, so the agent is the speaker and the
    act's verb the cue.  Only an act that says something (:func:`~claimcheck.analysis.attribution_cues.act_content` is most of the
    claim's words, not "Priebus rejected that idea on Monday"), neither negated nor modal.  A vague
    agent ("some accused him of ...") is an unnamed source of what it alleges."""
    doc = resolver.doc
    table = token_table(doc)
    head = cand.head
    if table.pos[head] != "VERB" or table.lemma[head] not in SPEECH_ACT_VERBS:
        return None
    if any(table.dep[c] == "neg" or table.tag[c] == "MD" for c in table.children[head]):
        # "Toomey has not endorsed Trump", "Comey will testify": no act yet, nothing of the agent's to check.
        return None
    agent = act_agent(doc[head])
    if not agent:
        return None
    words = [i for i in cand.tokens if not table.is_punct[i]]
    content = act_content(doc, head).difference(agent)
    if 2 * len(content.intersection(words)) <= len(words):
        return None  # "Priebus rejected that idea": mostly the act itself, the article's report
    return resolver.resolve(agent, doc[head].text)


def _unless_vetoed(resolver: SpeakerResolver, cand: Candidate, source: Source, quotes: list[QuoteInfo],
                   quote: QuoteInfo | None) -> Source | None:
    """The rules' source, unless the claim is the whole clause of its own verb, that verb's subject
    is the source, and the cue model gives the pair a probability under its veto: "Mr. Trump has
    railed against the TPP" is the article's report of an act, not Mr. Trump's claim (PolNeAR reads
    such a clause as the source's only when what follows the verb is most of it)."""
    model = load_cue_model()
    if model is None or not model.veto or quote is not None or source.start is None or source.end is None:
        return source
    head = cand.head
    if token_table(resolver.doc).pos[head] != "VERB":
        return source
    index = resolver.quote_index(quotes)
    candidates = cue_candidates(resolver.doc, cand, lambda i: index.of_token(i) is not None, resolver.sentence_verbs)
    if any(cand.start <= c.verb < cand.end and index.of_token(c.verb) is not None for c in candidates):
        return source  # the claim holds part of a quotation ('... not even close," said X'): the quotation's report
    if cand.origin == "relative":
        return source  # "the levy, which he said would raise £2m": the relative clause reports what the noun is
    own = [c for c in candidates if c.verb == head and any(source.start <= t < source.end for t in c.source)
           and ("lex_cue" in c.features or "lex_frame" in c.features)]  # a verb the rules read as a cue
    if own and max(model.score(c) for c in own) < model.veto:
        return None
    return source


def _reports_relative(verb: Token) -> bool:
    """True for a relative clause that reports what its noun is: "the deficit, which he said would
    be 4.5%" (the relative pronoun is the subject of the reported clause, not of the verb)."""
    return not any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP") for c in verb.children) and any(
        c.dep_ == "ccomp" and any(g.dep_ in ("nsubj", "nsubjpass") and g.tag_ in ("WDT", "WP") for g in c.children)
        for c in verb.children
    )


def _learned_source(resolver: SpeakerResolver, cand: Candidate, quotes: list[QuoteInfo]) -> Source | None:
    """The source of the verb the cue model scores highest for a claim the rules left unattributed
    (:mod:`claimcheck.analysis.attribution_model`), if it clears the model's threshold."""
    model = load_cue_model()
    if model is None:
        return None
    index = resolver.quote_index(quotes)
    best = model.taken(resolver.doc, cand, lambda i: index.of_token(i) is not None, resolver.sentence_verbs)
    if best is None:
        return None
    verb = resolver.doc[best[0].verb]
    source = resolver.resolve(list(best[0].source), verb.text)
    if source is None or (source.kind == "anonymous" and (
            verb.lemma_.lower() not in CUE_VERBS or frame_of(verb) not in ("clause", "none") or verb.dep_ == "xcomp")):
        # An act with a vague actor ("officials declined to say whether ...") is reported, not vague sourcing.
        return None
    resolver.remember(cand.head, source)
    return source


def anonymous_cues(resolver: SpeakerResolver) -> list[tuple[Source, int]]:
    """Every vague source a reporting cue names, with the cue's token, whether or not a claim
    was found in its content ("the rule, which critics said was discriminatory")."""
    out = []
    for cue in resolver.cues().all():
        head = resolver.doc[cue.verb]
        if cue.act or head.pos_ != "VERB" or any(resolver.doc[i].pos_ == "PRON" and resolver.doc[i].lower_ != "it" for i in cue.source):
            continue  # unresolved pronouns are not vague sourcing
        source = resolver.resolve_cue(cue)
        if source is not None and source.kind == "anonymous":
            out.append((source, cue.verb))
    return out
