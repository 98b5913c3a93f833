"""Claim detection: finding the checkable clauses in a parsed document.

A sentence may hold several claims, or a claim and an opinion, so claims are
found at clause level from the dependency parse:

* **units**: the main clause and every coordinated clause with its own
  subject ("Both sides deny this, | but one could argue ...");
* **frames**: when a unit only reports what somebody says or believes
  ("X said (that) Y", "there's an assumption in Washington that Y",
  "Y, some say"), the claim is the reported content Y and the frame supplies
  the attribution and the hedges;
* **embedded claims** that a sentence takes for granted: "why Putin is in
  North Korea" (Putin is in North Korea), "the agreement they signed today",
  "NATO allies giving Ukraine permission to ...", and people's roles
  ("Chris Monday, an associate professor at ...").

Questions, conditions ("whether ...", "if ..."), imperatives and verbless
fragments are not claims.  Everything here works on token indices of one
``Doc``; :mod:`claimcheck.engine` turns candidates into report claims.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.attrs import DEP, HEAD
from spacy.tokens import Doc, Span, Token

from claimcheck.analysis.claim_patterns import (
    DOUBT_VERBS, JUDGEMENT_WORDS, PERFORMANCE_VERBS, is_appeal, is_attitude, is_conditional_forecast,
    is_labelled_verdict, is_page_reference, is_verdict, judgement_idiom_tokens, opinion_heads,
)
from claimcheck.analysis.spans import doc_text, entity_index, per_document
from claimcheck.analysis.lexicon import (
    CAUSAL_MARKERS, COGNITION_VERBS, EMOTIONS, EVALUATIVE, FRAME_NOUNS, RULE_VERBS, SPEECH_VERBS, TITLE_NOUNS,
)

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_CONTENT_DEPS = frozenset({"ccomp", "acl", "relcl", "advcl", "xcomp", "conj"})
_TRIM_WORDS = frozenset({"that", "and", "but", "or", "so", "yet", "because", "while", "whereas", "although"})
_QUOTE_CHARS = set("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb")
_SPEAKER_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "npadvmod", "nmod", "agent"})
_CONDITION_MARKS = frozenset({"whether", "if", "unless"})
#: "It has emerged that X": verbs that present X as news without a source.
_EMERGE_VERBS = frozenset({"emerge", "transpire"})
#: "The fact is that X", "what is disturbing is the fact that X": nouns that present X as given.
_FACT_NOUNS = frozenset({"fact", "truth", "reality"})
#: Verbs of telling whose passive subject is the hearer, not the speaker: "800 parents were warned (that) X".
_TELLING_VERBS = frozenset({"tell", "warn", "inform", "advise", "remind", "notify", "assure", "promise", "reassure", "brief", "caution"})
#: Punctuation that ends one clause before another: "X want a cap at 1% - the Commission has urged 1.26%",
#: "The message is simple: fares will rise by 5%".
_CLAUSE_BREAKS = frozenset({"-", "\u2013", "\u2014", "--", ";", ":"})


#: Reasons a clause is an opinion (:attr:`Candidate.judgement`), as the report words them.
VALUE_JUDGEMENT = "a value judgement: an opinion, not a checkable fact"
ATTITUDE = "a feeling or attitude: how somebody regards something, not a checkable fact"
SPECULATION = "a speculation: a risk or a hope, not a checkable fact"
APPEAL = "an appeal: a call to act, not a checkable fact"
#: Nouns whose "the N is that X" presents X as something that may happen: "the risk is that demand falls away".
_SPECULATIVE_NOUNS = frozenset({"risk", "danger", "fear", "worry", "hope", "concern", "threat", "possibility", "prospect", "temptation"})


@dataclass
class Frame:
    """What frames a claim: who says or believes it, and with which word.

    ``more`` holds the heads of further reported clauses of the same frame
    that share the first one's subject ("he said they had been given no
    idea ..., had never been interviewed and ...").
    """

    cue: list[int]
    speaker: list[int] = field(default_factory=list)
    tokens: set[int] = field(default_factory=set)
    kind: str = "speech"  # speech | cognition | noun | copula | according | as-put
    more: list[int] = field(default_factory=list)


@dataclass
class Candidate:
    """A claim found in the parse, before enrichment.

    ``start``/``end`` are token indices into the doc (end exclusive);
    ``tokens`` are the tokens that belong to the claim proper (a frame's
    words excluded); ``frame`` is the reporting frame, if any.
    """

    start: int
    end: int
    head: int
    sent_start: int
    sent_end: int
    origin: str  # clause | content | wh | relative | participle | role
    frame: Frame | None = None
    tokens: set[int] = field(default_factory=set)
    #: Why the clause is an opinion and not a claim ("X was breathtaking": :data:`VALUE_JUDGEMENT`;
    #: "X is celebrating Y": :data:`ATTITUDE`), or empty; the score must not report it.
    judgement: str = ""

    @property
    def embedded(self) -> bool:
        return self.origin in ("wh", "relative", "participle", "role")


class _Subjects:
    """Which tokens of a document have a subject, found in one pass over its dependency arcs.

    ``nominal_subject`` and ``has_subject`` are asked about the same verbs by
    detection, typing, attribution and enrichment, for every claim a verb is
    in; walking ``token.children`` each time built a ``Token`` per child.
    """

    __slots__ = ("nominal", "any")

    def __init__(self, doc: Doc) -> None:
        #: head index -> its first ``nsubj``/``nsubjpass`` child (children come in document order).
        self.nominal: dict[int, int] = {}
        #: heads with a child in :data:`SUBJECT_DEPS`.
        self.any: set[int] = set()
        if not len(doc):
            return
        strings = doc.vocab.strings
        nominal = {strings[d] for d in ("nsubj", "nsubjpass")}
        subject = {strings[d] for d in SUBJECT_DEPS}
        for i, (offset, dep) in enumerate(doc.to_array([HEAD, DEP]).astype("int64").tolist()):
            if dep in subject and offset != 0:
                head = i + offset
                self.any.add(head)
                if dep in nominal:
                    self.nominal.setdefault(head, i)


_subjects = per_document(_Subjects)


def nominal_subject(verb: Token) -> Token | None:
    """The verb's nominal subject (``nsubj`` or ``nsubjpass``), if it has one."""
    doc = verb.doc
    i = _subjects(doc).nominal.get(verb.i)
    return None if i is None else doc[i]


def has_subject(token: Token) -> bool:
    """True when ``token`` heads a clause with its own subject."""
    return token.i in _subjects(token.doc).any


def _is_verbal(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX")


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop punctuation, quote marks, spaces and linking words at the edges."""
    while start < end and (
        doc[start].is_punct or doc[start].is_space or doc[start].text in _QUOTE_CHARS
        # A condition opening the claim is part of it ("if you hit someone at 30mph, ...").
        or (doc[start].dep_ == "mark" and doc[start].lower_ not in _CONDITION_MARKS)
        or (doc[start].lower_ == "that" and doc[start].tag_ == "IN")  # a complementiser, whatever its arc
        or (doc[start].lower_ in _TRIM_WORDS and doc[start].dep_ in ("cc", "advmod", "det"))
    ):
        start += 1
    while end > start and (
        doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].text in _QUOTE_CHARS
        or (doc[end - 1].dep_ == "cc" and doc[end - 1].lower_ in _TRIM_WORDS)
    ):
        if doc[end - 1].text in (")", "%") and start < end - 1:
            break
        end -= 1
    # Keep a closing quote mark whose opening one is inside the claim.
    if end < len(doc) and doc[end].text in _QUOTE_CHARS and sum(t.text in _QUOTE_CHARS for t in doc[start:end]) % 2 == 1:
        end += 1
    return start, end


def _subtree_ids(token: Token) -> set[int]:
    return {t.i for t in token.subtree}


def _speaker_of(verb: Token, exclude: set[int]) -> list[int]:
    """The speaker of a speech verb: its subject, or in "..., gushed one tabloid headline", the noun after it.

    A passive verb's agent comes first: in "residents were told by the council", the council speaks."""
    for child in verb.children:
        if child.dep_ == "agent" and any(c.dep_ == "nsubjpass" for c in verb.children):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.i not in exclude:
                return sorted(t.i for t in pobj.subtree if not t.is_punct)
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.i not in exclude:
            if child.lower_ in ("it", "there"):
                return []  # "it feels like ...": the writer's own view, not a source
            return sorted(t.i for t in child.subtree if not t.is_punct)
    for child in verb.rights:
        if child.dep_ in _SPEAKER_DEPS and child.pos_ in ("NOUN", "PROPN", "PRON") and child.i not in exclude:
            return sorted(t.i for t in child.subtree if not t.is_punct)
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return sorted(t.i for t in pobj.subtree if not t.is_punct)
    return []


def _noun_frame_speaker(noun: Token) -> tuple[list[int], list[int]]:
    """Who holds a framed view: "assumption in Washington", "Washington's assumption",
    "a concern, articulated by Antony Blinken".  Returns (speaker tokens, extra cue tokens)."""
    for child in noun.children:
        if child.dep_ == "poss":
            return sorted(t.i for t in child.subtree if t.dep_ != "case"), []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "among", "from", "by", "within", "of"):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (pobj.ent_type_ or pobj.pos_ == "PROPN" or pobj.lemma_.lower() in ("official", "expert", "analyst", "diplomat")):
                    return sorted(t.i for t in pobj.subtree if not t.is_punct), [child.i]
    for child in noun.children:
        if child.dep_ == "acl" and child.tag_ == "VBN":
            for agent in child.children:
                if agent.dep_ == "agent":
                    for pobj in agent.children:
                        if pobj.dep_ == "pobj":
                            return sorted(t.i for t in pobj.subtree if not t.is_punct), [child.i, agent.i]
    return [], []


def _broken_off(child: Token, head: Token) -> bool:
    """True when a dash or semicolon between ``child`` (before ``head``) and ``head`` ends the child's clause.

    "X want the budget capped at 1% - the Commission has urged 1.26%": the first
    clause is not what the Commission urged, whatever the parse says.
    """
    if child.i > head.i:
        return False
    doc = head.doc
    return any(doc[i].text in _CLAUSE_BREAKS for i in range(child.right_edge.i + 1, head.i))


#: Verbs whose content may come first, before a comma: "X is flawed, critics say", "prices rose, figures show".
_REPORTING_VERBS = SPEECH_VERBS | COGNITION_VERBS | frozenset({"show", "find", "conclude", "rule", "reveal", "suggest", "indicate"})


def _spliced(child: Token, head: Token) -> bool:
    """True for a clause joined to the next by a comma alone: "It's a preposterous law, we are fighting it".

    The parser hangs the first clause below the second as if it were its content.
    They are two statements when both are complete main clauses: the second verb
    neither reports nor finds ("X is flawed, critics say", "prices rose, figures
    show", "..., the Post has learned": nothing but the first clause to learn), neither
    is subordinate ("..., that she was one among millions"), the first is no
    parenthetical frame ("..., the researchers tallied, ...") and no relative clause
    ("a college that costs $100,000, ...", "In a tradition he has kept for 40 years, ...").
    """
    if child.dep_ != "ccomp" or child.i > head.i or not _is_verbal(child) or not has_subject(child):
        return False
    if head.lemma_.lower() in _REPORTING_VERBS or child.lemma_.lower() in _REPORTING_VERBS:
        return False
    if any(c.dep_ == "mark" for c in (*child.children, *head.children)):
        return False
    subject = next(c for c in child.children if c.dep_ in SUBJECT_DEPS)
    if subject.tag_ in ("WDT", "WP") or child.left_edge.i < subject.left_edge.i and child.doc[child.left_edge.i].pos_ == "ADP":
        return False  # "a college that costs $100,000, ...", "In a tradition he has kept for 40 years, ..."
    if not _complete(child, None) or not _complete(head, child):
        return False
    after = child.right_edge.i + 1
    return after < head.i and head.doc[after].text == ","


#: What makes a clause say something of its own besides its subject and verb.
_COMPLEMENT_DEPS = frozenset({"dobj", "attr", "acomp", "oprd", "xcomp", "prep", "dative", "agent", "prt", "ccomp"})


def _complete(verb: Token, besides: Token | None) -> bool:
    """True when ``verb`` has an object or complement other than ``besides``."""
    skip = besides.i if besides is not None else -1
    return any(c.dep_ in _COMPLEMENT_DEPS and c.i != skip for c in verb.children)


def _is_indirect_question(token: Token) -> bool:
    """True for a clause introduced by "whether" or "if": "analysts queried whether X" asserts no X."""
    return any(c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS for c in token.children)


def _content_child(head: Token, deps: frozenset[str] | set[str]) -> Token | None:
    """The reported clause below ``head``: a clause with its own subject, one opened by "that" first."""
    found: list[Token] = []
    for child in head.children:
        if child.dep_ in deps and _is_verbal(child) and has_subject(child):
            if _is_indirect_question(child) or _broken_off(child, head):
                continue
            found.append(child)
    if not found:
        return None
    # "The documents indicate, he said, that Y": the clause "that" opens is the one reported.
    return next((c for c in found if any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), found[0])


def _after_colon(head: Token) -> Token | None:
    """The quotation after "X said:", however the parser attached it.

    In 'A Treasury source said: "Every penny counts."' the small model may read
    "counts" as a noun; the words after the colon are still what was said.
    """
    doc = head.doc
    colon = next((c for c in head.rights if c.text == ":" and c.i <= head.i + 2), None)
    if colon is None:
        return None
    after = [c for c in head.rights if c.i > colon.i and not c.is_punct]
    if len(after) != 1 or not any(doc[i].text in _QUOTE_CHARS for i in range(colon.i + 1, after[0].left_edge.i + 1)):
        return None
    return after[0]


def _shared_subject_contents(head: Token, content: Token) -> list[Token]:
    """Further reported clauses after ``content`` that share its subject:
    "he said they had been given no idea, had never been interviewed and ..."."""
    return [c for c in head.children
            if c.dep_ == "ccomp" and c.i > content.i and _is_verbal(c) and not has_subject(c)
            and c.tag_ in ("VBD", "VBN", "VBZ", "VBP") and not _is_indirect_question(c)]


def _passive_hearer(head: Token) -> bool:
    """True for "800 parents were warned (that) X": the subject heard it, so the telling is the claim."""
    return head.lemma_.lower() in _TELLING_VERBS and head.tag_ == "VBN" and any(
        c.dep_ == "nsubjpass" for c in head.children) and not any(c.dep_ == "agent" for c in head.children)


def find_frame(head: Token) -> tuple[Frame, Token] | None:
    """If the clause headed by ``head`` reports content, return the frame and the content's head."""
    lemma = head.lemma_.lower()
    if (lemma in SPEECH_VERBS or lemma in COGNITION_VERBS or lemma in _TELLING_VERBS) and not _passive_hearer(head):
        content = _content_child(head, {"ccomp", "parataxis"})
        if content is None and lemma in ("feel", "seem", "look", "sound", "appear"):
            content = _content_child(head, {"advcl"})
        if content is None and lemma in SPEECH_VERBS:
            content = _after_colon(head)
        if content is not None:
            more = _shared_subject_contents(head, content)
            exclude = _subtree_ids(content).union(*(_subtree_ids(m) for m in more))
            speaker = _speaker_of(head, exclude)
            frame_tokens = {t.i for t in head.subtree} - exclude
            kind = "cognition" if lemma in COGNITION_VERBS else "speech"
            if not speaker and head.tag_ == "VBN" and any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in head.children):
                # "It is understood / believed / said that ...": briefing by unnamed sources.
                speaker = sorted(i for i in frame_tokens if not head.doc[i].is_punct and head.doc[i].i <= head.i)
                kind = "speech"
            return Frame(cue=[head.i], speaker=speaker, tokens=frame_tokens, kind=kind, more=[m.i for m in more]), content
    if lemma in _EMERGE_VERBS and any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in head.children):
        # "It has emerged that ...", "it transpired that ...": news with no named source.
        content = _content_child(head, {"ccomp"})
        if content is not None:
            exclude = _subtree_ids(content)
            frame_tokens = {t.i for t in head.subtree} - exclude
            speaker = sorted(i for i in frame_tokens if not head.doc[i].is_punct and i <= head.i)
            return Frame(cue=[head.i], speaker=speaker, tokens=frame_tokens, kind="speech"), content
    if lemma == "be" or head.lower_ in ("'s", "is", "are", "was", "were"):
        for child in head.children:
            if child.dep_ in ("attr", "nsubj") and (child.lemma_.lower() in FRAME_NOUNS or child.lemma_.lower() in _FACT_NOUNS):
                content = _content_child(child, {"acl", "relcl", "ccomp"}) or _content_child(head, {"ccomp"})
                if content is not None:
                    speaker, extra = _noun_frame_speaker(child)
                    exclude = _subtree_ids(content)
                    frame_tokens = {t.i for t in head.subtree} - exclude
                    return Frame(cue=[child.i, *extra], speaker=speaker, tokens=frame_tokens, kind="noun"), content
        content = _content_child(head, {"ccomp"})
        if content is not None and any(c.dep_ == "mark" and c.lower_ == "that" for c in content.children):
            subject = nominal_subject(head)
            exclude = _subtree_ids(content)
            cue = sorted(t.i for t in subject.subtree) if subject is not None else [head.i]
            return Frame(cue=cue, tokens={t.i for t in head.subtree} - exclude, kind="copula"), content
    # "Y, he said" parsed with the quote's verb as the root and "said" below it.
    for child in head.children:
        if child.dep_ in ("parataxis", "ccomp", "advcl") and child.lemma_.lower() in SPEECH_VERBS and child.i > head.i:
            if not any(c.dep_ in ("ccomp", "dobj") for c in child.children) and has_subject(child):
                speaker = _speaker_of(child, set())
                tokens = _subtree_ids(child)
                return Frame(cue=[child.i], speaker=speaker, tokens=tokens, kind="speech"), head
    return None


#: Nouns for documents that speak for their authors: "according to figures published by X".
DOCUMENT_NOUNS = frozenset({"figure", "data", "report", "statistic", "study", "survey", "poll", "estimate", "analysis", "document", "record", "filing", "release", "research"})


def _after_comma(token: Token) -> bool:
    """True when ``token`` comes right after a comma (an apposition or aside)."""
    left = token.left_edge.i - 1
    return left >= 0 and token.doc[left].text == ","


def _source_behind_document(noun: Token) -> Token:
    """"figures published by the health department" -> "department"; "data from the ONS" -> "ONS"."""
    if noun.lemma_.lower() not in DOCUMENT_NOUNS:
        return noun
    for child in noun.children:
        if child.dep_ == "acl":
            for agent in child.children:
                if agent.dep_ == "agent" or (agent.dep_ == "prep" and agent.lower_ in ("by", "from")):
                    pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        return pobj
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return noun


def inline_attribution(unit_tokens: set[int], doc: Doc) -> Frame | None:
    """"according to X" and "as X put it" inside a clause."""
    for i in sorted(unit_tokens):
        token = doc[i]
        if token.lower_ == "according" and i + 1 < len(doc) and doc[i + 1].lower_ == "to":
            pobj = next((c for c in doc[i + 1].children if c.dep_ == "pobj"), None)
            if pobj is None:
                pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                pobj = _source_behind_document(pobj)
                speaker = [t.i for t in pobj.subtree if not t.is_punct]
                # The speaker is the name, not what follows it after a comma
                # ("Chris Monday, an associate professor at ...").
                # A name in apposition without a comma is the source itself ("the car-buying website Parker's").
                trailing = [t.i for c in pobj.children if c.i > pobj.i and (
                    c.dep_ in ("acl", "relcl") or _after_comma(c) or (c.dep_ == "appos" and c.pos_ != "PROPN")) for t in c.subtree]
                speaker = sorted(set(speaker) - set(trailing) - {doc[i + 1].i})
                tokens = {token.i, doc[i + 1].i, *(t.i for t in doc[i + 1].subtree)}
                return Frame(cue=[token.i, doc[i + 1].i], speaker=speaker, tokens=tokens, kind="according")
        if token.dep_ == "advcl" and token.lemma_.lower() in ("put", "say", "describe", "call") and any(
            c.dep_ == "mark" and c.lower_ == "as" for c in token.children
        ):
            speaker = _speaker_of(token, set())
            if speaker:
                return Frame(cue=[token.i], speaker=speaker, tokens=_subtree_ids(token), kind="as-put")
    return None


#: Verbs whose reported content is an intention: the act of announcing it is the checkable event.
ANNOUNCING_VERBS = frozenset({"announce", "pledge", "promise", "vow", "unveil", "declare", "threaten", "commit", "propose", "plan"})


def _announces_intention(head: Token, content: Token) -> bool:
    """True for "X announced (that) it would/will ...": report the announcement, dated, as an event."""
    if head.lemma_.lower() not in ANNOUNCING_VERBS or head.tag_ not in ("VBD", "VBN", "VBZ", "VBP"):
        return False
    return any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall", "wo") for c in content.children)


def _units(sent: Span) -> list[Token]:
    """Heads of the sentence's independent clauses: the root and coordinated clauses with a subject."""
    heads = [sent.root]
    for token in sent:
        if token is sent.root:
            continue
        if token.dep_ in ("conj", "parataxis") and _is_verbal(token) and has_subject(token):
            if token.head.i in {h.i for h in heads} or _is_verbal(token.head):
                if not _inside_content_of_frame(token):
                    heads.append(token)
        elif token.dep_ == "conj" and token.head.i in {h.i for h in heads} and token.lemma_.lower() in SPEECH_VERBS \
                and _content_child(token, {"ccomp"}) is not None:
            heads.append(token)  # "Acme posted a loss and said it would cut 500 jobs": the saying is a frame of its own
        elif token.dep_ == "ccomp" and token.head.i in {h.i for h in heads} and _is_verbal(token) and has_subject(token):
            if _broken_off(token, token.head) or _spliced(token, token.head):
                heads.append(token)  # "X want a cap at 1% - the Commission has urged 1.26%"
            elif token.i < token.head.i and _content_child(token.head, {"ccomp", "parataxis"}) not in (None, token):
                # "Romney not only opposed it, he suggested that Y": the verb reports Y, and
                # the clause before it is a claim of its own.
                heads.append(token)
        elif token.dep_ == "advcl" and _contrasts_another_source(token):
            heads.append(token)  # "X said the club would be sold, while prosecutors said ..."
    return heads


#: Marks of a clause set against another: "..., while / whereas Y said ...".
_CONTRAST_MARKS = frozenset({"while", "whilst", "whereas", "although", "though"})


def _contrasts_another_source(token: Token) -> bool:
    """True for a contrasting clause with its own speaker and reported content: it is a claim of
    its own, not part of what the first speaker said."""
    lemma = token.lemma_.lower()
    if not (lemma in SPEECH_VERBS or lemma in COGNITION_VERBS) or not has_subject(token):
        return False
    if not any(c.dep_ == "mark" and c.lower_ in _CONTRAST_MARKS for c in token.children):
        return False
    return _content_child(token, {"ccomp"}) is not None


def _inside_content_of_frame(token: Token) -> bool:
    """True when a conjunct hangs below a reported clause (it is split there instead)."""
    node = token.head
    while node.dep_ not in ("ROOT",) and node.head.i != node.i:
        if node.dep_ in ("ccomp", "acl", "relcl", "pcomp", "advcl"):
            return True
        node = node.head
    return False


def _assign(sent: Span, heads: list[Token]) -> dict[int, set[int]]:
    """Give every token of the sentence to the nearest unit head above it."""
    head_ids = {h.i for h in heads}
    owned: dict[int, set[int]] = {h.i: set() for h in heads}
    # Every token on a walk shares the walk's owner, so remember it: each
    # token's head is then looked up once instead of once per descendant.
    owner_of: dict[int, int] = {}
    root_i: int | None = None
    for token in sent:
        node = token
        path: list[int] = []
        while node.i not in head_ids and node.i not in owner_of and node.head.i != node.i:
            path.append(node.i)
            node = node.head
        if node.i in head_ids:
            owner = node.i
        elif node.i in owner_of:
            owner = owner_of[node.i]
        else:
            if root_i is None:
                root_i = sent.root.i
            owner = root_i
        for i in path:
            owner_of[i] = owner
        owned[owner].add(token.i)
    return owned


def _split_conjuncts(content: Token, tokens: set[int]) -> list[tuple[Token, set[int]]]:
    """Split reported content at coordinated clauses with their own subjects, and at comma splices."""
    parts = [content]
    for token in content.subtree:
        if token.head.i not in {p.i for p in parts}:
            continue
        if (token.dep_ == "conj" and _is_verbal(token) and has_subject(token)) or _spliced(token, token.head):
            parts.append(token)
    if len(parts) == 1:
        return [(content, tokens)]
    part_ids = {p.i for p in parts}
    owned: dict[int, set[int]] = {p.i: set() for p in parts}
    for i in tokens:
        node = content.doc[i]
        while node.i not in part_ids and node.head.i != node.i and node.i != content.i:
            node = node.head
        owned.setdefault(node.i if node.i in part_ids else content.i, set()).add(i)
    return [(p, owned[p.i]) for p in parts if owned.get(p.i)]


def _is_question(sent: Span) -> bool:
    doc = sent.doc
    # Only the last token that is not a space or a quote mark matters: look from the end.
    for i in range(sent.end - 1, sent.start - 1, -1):
        text = doc[i].text
        if not doc[i].is_space and text not in _QUOTE_CHARS:
            return text in ("?", "?!", "!?")
    return False


def _is_condition_or_imperative(head: Token) -> bool:
    if any(c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS for c in head.children):
        return True
    if head.tag_ == "VB" and not has_subject(head) and head.i == head.sent.start + _leading_skip(head.sent):
        return True
    return False


def _subject_before(head: Token, quote_start: int) -> set[int]:
    """The tokens of ``head``'s subject when it stands before the quotation that holds ``head``."""
    for child in head.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.i < head.i and child.right_edge.idx < quote_start:
            return _subtree_ids(child)
    return set()


def _leading_skip(sent: Span) -> int:
    skip = 0
    for token in sent:
        if token.is_punct or token.is_space or token.text in _QUOTE_CHARS:
            skip += 1
        else:
            break
    return skip


def _make(doc: Doc, sent: Span, tokens: set[int], head: Token, origin: str, frame: Frame | None,
          quote: tuple[int, int] | None = None) -> Candidate | None:
    if quote is not None:
        inside = {i for i in tokens if quote[0] <= doc[i].idx < quote[1]}
        if head.i in inside:
            # A quoted predicate keeps its subject from outside the quote:
            # the plant's turbines "remain fully operational".
            inside |= _subject_before(head, quote[0]) & tokens
        tokens = inside
    if not tokens:
        return None
    last = max(tokens)
    words = [i for i in tokens if not (doc[i].is_punct or doc[i].is_space)]
    if words:
        # The sentence's full stop hangs off the root even when a later clause is a unit of its
        # own ("Acme posted a loss and said it would ..."): it does not stretch the claim over it.
        run = max(words)
        while run + 1 in tokens:
            run += 1
        last = run
    start, end = _trim(doc, min(tokens), last + 1)
    if end - start < 2 or not any(_is_verbal(doc[i]) or doc[i].pos_ in ("NOUN", "PROPN", "NUM") for i in range(start, end)):
        return None
    return Candidate(start, end, head.i, sent.start, sent.end, origin, frame, {i for i in tokens if start <= i < end})


def _embedded(doc: Doc, sent: Span, taken: set[tuple[int, int]]) -> list[Candidate]:
    """Claims a sentence takes for granted: wh-clauses, dated relative clauses, participles, roles."""
    out: list[Candidate] = []

    def add(start: int, end: int, head: Token, origin: str) -> None:
        start, end = _trim(doc, start, end)
        if end - start >= 2 and (start, end) not in taken:
            taken.add((start, end))
            out.append(Candidate(start, end, head.i, sent.start, sent.end, origin, None, set(range(start, end))))

    for token in sent:
        if not _is_verbal(token):
            continue
        # "..., said Baker, adding that the union would ballot members": the
        # participle reports more content from the same speaker.
        if token.tag_ == "VBG" and token.dep_ in ("advcl", "xcomp", "conj") and token.lemma_.lower() in SPEECH_VERBS:
            content = _content_child(token, {"ccomp"})
            if content is not None:
                exclude = _subtree_ids(content)
                speaker = _speaker_of(token.head, exclude | _subtree_ids(token)) if _is_verbal(token.head) else []
                start, end = _trim(doc, content.left_edge.i, content.right_edge.i + 1)
                if end - start >= 2 and (start, end) not in taken:
                    taken.add((start, end))
                    frame = Frame(cue=[token.i], speaker=speaker, tokens={token.i}, kind="speech")
                    out.append(Candidate(start, end, content.i, sent.start, sent.end, "content", frame, set(range(start, end))))
                continue
        # "regarding why Vladimir Putin is in North Korea" presupposes that he is.
        if token.dep_ in ("relcl", "ccomp", "pcomp", "advcl", "acl") and has_subject(token):
            why = [c for c in token.children if c.dep_ == "advmod" and c.lower_ == "why"]
            if why:
                add(why[0].i + 1, token.right_edge.i + 1, token, "wh")
                continue
        # "the agreement they signed today": an event the sentence presupposes.
        if token.dep_ == "relcl" and token.tag_ in ("VBD", "VBN") and has_subject(token):
            sub = token.subtree
            if any(t.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "GPE", "ORG", "PERSON") for t in sub):
                noun = token.head
                add(noun.left_edge.i, token.right_edge.i + 1, token, "relative")
                continue
        # "NATO allies, including the UK, giving Ukraine permission to use their weapons".
        if token.tag_ == "VBG" and token.dep_ in ("acl", "advcl") and not has_subject(token):
            if not any(c.dep_ in ("dobj", "dative") for c in token.children):
                continue
            if not any(t.ent_type_ for t in token.subtree):
                continue
            if token.lemma_.lower() in _VERDICT_PARTICIPLES and _passes_verdict(token):
                continue  # "..., leaving many to wonder whether ...": the writer's aside, left out of the claim
            left = token.left_edge.i - 1
            while left >= sent.start and (doc[left].is_punct or doc[left].is_space):
                left -= 1
            start = token.left_edge.i
            if left >= sent.start and doc[left].pos_ in ("NOUN", "PROPN"):
                noun = _noun_phrase_head(doc[left], token)
                start = noun.left_edge.i
            add(start, token.right_edge.i + 1, token, "participle")

    for ent in entity_index(doc).within(sent.start, sent.end):
        if ent.label_ != "PERSON":
            continue
        root = ent.root
        if _speaks(root):
            continue  # "said BPI chairman Jo Bloggs": the frame introduces the speaker, it claims nothing
        # "Chris Monday, an associate professor at Busan's Dongseo University".
        for child in root.children:
            if child.dep_ == "appos" and child.i > root.i and any(t.lemma_.lower() in TITLE_NOUNS for t in child.subtree):
                add(ent.start, child.right_edge.i + 1, child, "role")
        # "US secretary of state Antony Blinken".
        lefts = [c for c in root.lefts if c.i < ent.start and c.dep_ in ("compound", "nmod", "amod")]
        if lefts and any(t.lemma_.lower() in TITLE_NOUNS for c in lefts for t in c.subtree):
            add(min(c.left_edge.i for c in lefts), ent.end, root, "role")
    return out


def _speaks(person: Token) -> bool:
    """True when ``person`` is the subject of a speech or belief verb: "Jo Bloggs, head of policy
    at X, said ...".  (A source after "according to" keeps its credentials as a claim: the
    sentence rests on them.)"""
    node = person
    for _ in range(3):
        if node.dep_ in ("compound", "appos", "conj") and node.head.i != node.i:
            node = node.head
    if node.dep_ == "nsubj":
        lemma = node.head.lemma_.lower()
        return lemma in SPEECH_VERBS or lemma in COGNITION_VERBS
    return False


_LISTING_PREPS = frozenset({"including", "like", "such", "as", "especially", "notably"})


def _noun_phrase_head(noun: Token, limit: Token) -> Token:
    """Climb from the last noun before a participle to the head of its noun phrase.

    "NATO allies, including the UK, giving ...": from "UK" up through
    "including" to "allies", but not out of the phrase ("in reference to").
    """
    node = noun
    while node.head.i != node.i and node.head.i < limit.i:
        parent = node.head
        if node.dep_ in ("conj", "appos", "compound"):
            node = parent
        elif node.dep_ == "pobj" and parent.lower_ in _LISTING_PREPS:
            node = parent
        elif node.dep_ == "prep" and node.lower_ in _LISTING_PREPS and parent.pos_ in ("NOUN", "PROPN"):
            node = parent
        else:
            break
    return node if node.pos_ in ("NOUN", "PROPN") else noun


def find_candidates(doc: Doc, sent: Span, quotes: list[tuple[int, int]]) -> list[Candidate]:
    """All claim candidates in one sentence.

    Args:
        doc: the parsed document.
        sent: one of its sentences.
        quotes: quoted stretches of the document, as character ranges.
    """
    if _is_question(sent):
        return []
    candidates: list[Candidate] = []
    # Who speaks in this sentence: a description of a speaker is part of the frame, not a claim.
    speakers: set[int] = set()
    heads = _units(sent)
    owned = _assign(sent, heads)
    for head in heads:
        tokens = owned[head.i]
        if _is_condition_or_imperative(head):
            continue
        if _asks_whether(head):
            continue  # "analysts queried whether X": a question, not a claim that X
        quote = quote_around(head, quotes)
        found = find_frame(head)
        if found is not None and _announces_intention(head, found[1]):
            found = None  # "the government announced it would scrap the tax": the announcement is the claim
        if found is not None and _counted_speakers(found[0], doc):
            found = None  # "42% of them say that ...": the poll finding, figure and all, is the claim
        if found is not None:
            frame: Frame | None
            frame, content = found
            # The frame is this clause's own words, not a coordinated clause's.
            frame.tokens &= tokens
            if frame.kind in ("speech", "cognition"):
                speakers.update(frame.speaker)
            for reported in (content, *(doc[i] for i in frame.more)):
                content_ids = _subtree_ids(reported) & tokens
                if _recommends(reported, content_ids) and head.lemma_.lower() not in RULE_VERBS | _ADVOCACY_VERBS:
                    # "the Lib Dems say Mr Clarke should use ...": advice, not a claim.  A position
                    # somebody took ("Romney suggested that employers should ...") is a record of
                    # what they advocated, and stays.
                    continue
                for part, part_tokens in _split_conjuncts(reported, content_ids):
                    part_tokens = part_tokens - _evaluative_tail(part, part_tokens)
                    cand = _make(doc, sent, part_tokens, part, "content", frame, quote_around(part, quotes))
                    if cand:
                        # "the coach insists the board was right to sack him": his verdict
                        cand.judgement = _judgement(part, part_tokens) or _speculation(frame, part_tokens, doc)
                        candidates.append(cand)
            continue
        if _bare_frame_after_quote(head, sent, quotes):
            continue
        if is_page_reference(head):
            continue  # "the tables below show ...": page furniture  # '"Who will pay for it?" | the governor said on Tuesday.': a frame on its own
        inline = inline_attribution(tokens, doc)
        if not _is_verbal(head) and not _has_figure(doc, tokens) and not _clause_below(head) and not _list_item(sent):
            continue  # a verbless fragment: "Ominous words for the West."
        claim_tokens = tokens - (inline.tokens if inline and inline.kind == "according" else set())
        if _recommends(head, claim_tokens):
            continue
        claim_tokens -= _evaluative_tail(head, claim_tokens)
        cand = _make(doc, sent, claim_tokens, head, "clause", inline, quote)
        if cand:
            candidates.append(cand)
            cand.judgement = _judgement(head, claim_tokens)
            if cand.judgement:
                # "It is extraordinary to do it now, just as we are becoming the biggest contributor":
                # the clause the verdict is pinned to is a claim of its own.
                for sub, sub_tokens in _clauses_below(head, claim_tokens):
                    below = _make(doc, sent, sub_tokens, sub, "clause", inline, quote_around(sub, quotes))
                    if below:
                        candidates.append(below)
    taken = {(c.start, c.end) for c in candidates}
    covered = [(c.start, c.end) for c in candidates]
    for cand in _embedded(doc, sent, taken):
        # A participle inside a reported clause is already part of that claim
        # ("shares have fallen 40%, wiping $2bn off its value").
        if cand.origin == "participle" and any(a <= cand.start and cand.end <= b for a, b in covered):
            continue
        # "..., said Jo Bloggs, a Republican who headed the committee": who the speaker is.
        if speakers and all(i in speakers for i in range(cand.start, cand.end) if not doc[i].is_punct):
            continue
        candidates.append(cand)
    return candidates


#: What a verb of saying reports, when it reports anything in its own sentence.
_SAID_DEPS = frozenset({"ccomp", "xcomp", "parataxis", "attr", "oprd", "acomp"})


def _bare_frame_after_quote(head: Token, sent: Span, quotes: Sequence[tuple[int, int]]) -> bool:
    """True for a sentence that only says who spoke the quotation just before it.

    The splitter ends a sentence at a quoted question or exclamation ('"Who will
    pay for it?" | the governor said on Tuesday.'); what is left is a reporting
    frame on its own, which claims nothing ("the governor testified on Tuesday",
    with no quotation before it, is an event and stays).
    """
    if head.lemma_.lower() not in SPEECH_VERBS or any(
            c.dep_ in _SAID_DEPS or (c.dep_ in ("advcl", "conj") and _is_verbal(c)) for c in head.children):
        return False  # it reports something, or goes on to say something of its own
    if any(c.dep_ == "dobj" for c in head.children) and head.lemma_.lower() not in _TELLING_VERBS:
        return False  # "she said a prayer", "he wrote a letter"
    i = bisect_right(quotes, sent.start_char, key=lambda q: q[0]) - 1
    # The quotation before the sentence ends at its start, give or take the closing mark and a space.
    return i >= 0 and 0 <= sent.start_char - quotes[i][1] <= 2 and quotes[i][1] - quotes[i][0] > 1


#: Verbs whose "whether" clause is a question asked, not a claim made.
_ASKING_VERBS = frozenset({"ask", "query", "question", "wonder", "doubt", "debate", "investigate", "examine", "consider", "probe"})


def _asks_whether(head: Token) -> bool:
    """True for "some analysts queried whether X had overpaid": the clause reports a question."""
    lemma = head.lemma_.lower()
    if lemma not in _ASKING_VERBS and lemma not in SPEECH_VERBS and lemma not in COGNITION_VERBS:
        return False
    # An "if" adverbial clause is a condition ("could claim 600 euros if ..."), except after
    # a verb of asking, where the parser often puts the question ("wondered if ...").
    deps = ("ccomp", "advcl") if lemma in _ASKING_VERBS else ("ccomp",)
    clauses = [c for c in head.children if c.dep_ in deps and _is_verbal(c)]
    return bool(clauses) and all(_is_indirect_question(c) for c in clauses)


#: Verbs that report a position taken: "X proposed that Y should ..." can be checked against the record.
_ADVOCACY_VERBS = frozenset({"suggest", "propose", "recommend", "urge", "advocate", "demand", "insist", "argue", "call"})
#: Modal verbs of advice: "X should Y" recommends, it does not state.
_ADVICE_MODALS = frozenset({"should", "ought", "shouldn't", "oughtn't"})


def _recommends(head: Token, tokens: set[int]) -> bool:
    """True for advice with nothing checkable in it: "the minister should use his first week to ...".

    A figure keeps the clause ("a used Mini should still fetch at least 8,000 pounds" is a
    forecast), as does a rule's wording, which the caller checks ("the code stipulates that a
    first offence should be followed by a ban").
    """
    if not any(c.dep_ in ("aux", "auxpass") and c.lower_ in _ADVICE_MODALS for c in head.children):
        return False
    doc = head.doc
    # Digits and amounts, not ordinals: "should use his first week" is still advice.
    return not any(doc[i].tag_ == "CD" or doc[i].ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL") for i in tokens)


def _judgement(head: Token, tokens: set[int]) -> str:
    """Why a clause whose predicate is a value judgement or an attitude, with no figure in it, is
    an opinion (:data:`VALUE_JUDGEMENT`, :data:`ATTITUDE`), an appeal (:data:`APPEAL`) or a
    conditional forecast (:data:`SPECULATION`); empty for any other clause.

    "X's performance in the final was breathtaking", "the club were right to sack
    him", "the Mini has gone from strength to strength", "the case underlines the
    need for reform": opinions, which the annotation guide and fact-checkers do not
    count as claims; so are attitudes ("the studio is celebrating bumper sales",
    "I have never equated the prize with sales").  A figure keeps the clause ("the
    scheme was a failure, costing £2bn"), as does a coordinated verb of its own
    ("the plan was flawed and was dropped in May"), which states something besides
    the verdict, and a reason.
    """
    doc = head.doc
    # A coordinated clause split off as a claim of its own is judged on its own.
    if any(c.dep_ == "conj" and _is_verbal(c) and c.i in tokens for c in head.children):
        return ""
    # A verdict with its reason is a causal claim: "the rebate remained justified because less farm money came to the UK".
    if any(doc[i].lower_ in CAUSAL_MARKERS and doc[i].lower_ != "since" and doc[i].dep_ in ("mark", "prep", "advmod", "amod", "acomp")
           for i in tokens):
        return ""
    # A figure in a relative clause on the subject is that clause's own claim ("the factory,
    # which seemed too large for 100,000 cars, is being put to good use"), and dates are not figures.
    aside = {t.i for c in head.children if c.dep_ in SUBJECT_DEPS for r in c.children if r.dep_ in ("relcl", "acl") for t in r.subtree}
    # So is a number that only counts the subject ("three players dominated the season", "the
    # 10-point plan was a failure"), as claim types read it (claim_types._describes_subject).
    for verb in (head, *(c for c in head.children if c.dep_ in ("ccomp", "xcomp"))):
        subject = nominal_subject(verb)
        if subject is not None:
            aside |= {n.i for n in subject.children if n.dep_ == "nummod"}
    if any(_is_amount(doc[i]) for i in tokens - aside):
        return ""
    if head.i in opinion_heads(doc) or (is_verdict(head) and not _feeling(head)):
        return VALUE_JUDGEMENT
    if is_attitude(head):
        return ATTITUDE
    if _judges_performance(head):
        return VALUE_JUDGEMENT
    idioms = judgement_idiom_tokens(doc)
    if head.i in idioms or any(c.i in idioms and c.dep_ not in SUBJECT_DEPS for c in head.children):
        return VALUE_JUDGEMENT
    if is_labelled_verdict(head, idioms):
        return VALUE_JUDGEMENT
    if is_appeal(head):
        return APPEAL
    if is_conditional_forecast(head):
        return SPECULATION
    return ""


def _speculation(frame: Frame, tokens: set[int], doc: Doc) -> str:
    """:data:`SPECULATION` for the content of "the risk / fear / hope is that X" with no figure in it."""
    if frame.kind != "noun" or not frame.cue:
        return ""
    noun = doc[frame.cue[0]]
    if noun.dep_ != "nsubj" or noun.lemma_.lower() not in _SPECULATIVE_NOUNS or any(_is_amount(doc[i]) for i in tokens):
        return ""
    return SPECULATION


def _judges_performance(head: Token) -> bool:
    """ "The sector is thriving", "the year saw one player dominate the sport": how something went, unmeasured."""
    if head.lemma_.lower() in PERFORMANCE_VERBS:
        return True
    return head.lemma_.lower() in ("see", "witness") and any(
        c.dep_ in ("ccomp", "xcomp") and c.lemma_.lower() in PERFORMANCE_VERBS for c in head.children)


#: Verbs of a participle that passes a verdict on what the clause said: "..., making it difficult to ...".
_VERDICT_PARTICIPLES = frozenset({"make", "leave", "render"})
#: Adjectives of difficulty, which such a participle's verdict usually is.
_DIFFICULTY = frozenset({"difficult", "hard", "harder", "easy", "easier", "impossible", "tough", "tougher", "tricky",
                         "unclear", "confusing", "awkward", "pointless", "meaningless"})
#: Every word a verdict participle's complement can be judged by (built once, not per participle).
_VERDICT_WORDS = _DIFFICULTY | JUDGEMENT_WORDS | EVALUATIVE | EMOTIONS | DOUBT_VERBS


def _evaluative_tail(head: Token, tokens: set[int]) -> set[int]:
    """The tokens of a participle that ends the clause with a verdict on it, to leave out of the claim.

    "The fees are listed in bands of £5,000, making it difficult to compare earnings": the
    listing is the claim, the difficulty the writer's view ("leaving fans baffled",
    "rendering the test pointless").
    """
    doc = head.doc
    last = max((i for i in tokens if not (doc[i].is_punct or doc[i].is_space)), default=-1)
    # The participle may hang on the last of coordinated verbs: "X transported them and released
    # them, leaving many to wonder whether ...".
    verbs = [head, *(c for c in head.children if c.dep_ == "conj" and c.i in tokens)]
    for child in (c for verb in verbs for c in verb.children):
        if child.dep_ != "advcl" or child.tag_ != "VBG" or child.lemma_.lower() not in _VERDICT_PARTICIPLES:
            continue
        if child.right_edge.i < last or child.i < head.i:
            continue
        if _passes_verdict(child):
            return {i for i in tokens if i >= child.left_edge.i}  # with the full stop after it
    return set()


def _passes_verdict(participle: Token) -> bool:
    """Whether a participle of :data:`_VERDICT_PARTICIPLES` has a verdict or an open question as
    its complement ("making it difficult", "leaving fans baffled", "leaving many to wonder whether")."""
    # The verdict is the participle's complement, not a word describing its object ("making a
    # difficult choice"). An adjective after the object is its complement too ("leaving commuters furious").
    complements = ("ccomp", "oprd", "acomp", "xcomp")
    verdicts = [t for c in participle.children if c.dep_ in complements for t in (c, *c.children) if t.dep_ in complements]
    verdicts += [t for c in participle.children if c.dep_ == "dobj" for t in c.children if t.dep_ in ("amod", "oprd") and t.i > c.i]
    # "leaving some to question if ...": the parser may attach the infinitive of doubt as an advcl.
    verdicts += [c for c in participle.children if c.dep_ == "advcl" and c.lemma_.lower() in DOUBT_VERBS]
    return any(_verdict_word(t) for t in verdicts)


def _verdict_word(token: Token) -> bool:
    return token.lower_ in _VERDICT_WORDS or token.lemma_.lower() in _VERDICT_WORDS


def _feeling(head: Token) -> bool:
    """ "People are very concerned": a feeling, which the score explains as one (:mod:`claimcheck.analysis.scoring`)."""
    return any(c.dep_ in ("acomp", "attr", "oprd") and c.lemma_.lower() in EMOTIONS for c in head.children)


def _clauses_below(head: Token, tokens: set[int]) -> list[tuple[Token, set[int]]]:
    """Adverbial clauses with their own subject below ``head`` ("..., just as we are becoming the
    biggest contributor"), other than conditions, each with its tokens."""
    out: list[tuple[Token, set[int]]] = []
    for token in head.subtree:
        if token.dep_ == "advcl" and token.i in tokens and _is_verbal(token) and has_subject(token) \
                and not _is_condition_or_imperative(token) and not _recurring(token, head) \
                and not any(o.i <= token.i <= o.right_edge.i for o, _ in out):
            marks = [c for c in token.children if c.dep_ == "mark"]
            # The clause starts after its conjunction: "just as we are becoming" -> "we are becoming".
            opening = {t.i for m in marks for t in token.lefts if t.i <= m.i}
            out.append((token, (_subtree_ids(token) & tokens) - opening))
    return out


#: Entity types whose numbers are part of a name: "Halo 2", "Apollo 11", "World War 2".
_NAMED_NUMBER_TYPES = frozenset({"DATE", "TIME", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "FAC", "ORG"})


def _recurring(clause: Token, head: Token) -> bool:
    """True for a clause inside "whenever X" / "every time X" (up to ``head``): a condition that
    recurs, not something that happened."""
    node = clause
    while node.i != head.i:
        if node.lower_ in ("time", "times") and any(d.lower_ in ("every", "each", "any") for d in node.children):
            return True
        if any(c.dep_ in ("mark", "advmod") and c.lower_ == "whenever" for c in node.children):
            return True
        if node.head.i == node.i:
            break
        node = node.head
    return False


#: Number words that, as the head of a definite noun phrase, point back to people or things already
#: named ("the two", "these three") instead of counting anything new.
_REFERRING_NUMBERS = frozenset("two three four five six seven eight nine ten".split())


def _is_amount(token: Token) -> bool:
    """A number that is not a date or part of a name: "100,000", "£2bn" (whose "2bn" the tagger calls a
    noun), "five"; not "2004", "Halo 2"."""
    if token.ent_type_ in _NAMED_NUMBER_TYPES or (token.dep_ == "nummod" and token.head.pos_ == "PROPN"):
        return False
    if token.lower_ in _REFERRING_NUMBERS and token.dep_ != "nummod" and any(
            c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in token.children):
        return False  # "no daylight between the two": people already named, not a figure
    return token.like_num or token.tag_ == "CD" or token.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL") or (
        token.text[:1].isdigit())


_BULLETS = frozenset({"-", "*", "\u2022", "\u2013", "\u00b7", "\u25cf", "\u25aa"})


def _list_item(sent: Span) -> bool:
    """True for a bulleted line with some substance: "- Duty cuts on capital goods and raw materials".

    Items of a list ("he has announced: - ... - ...") are claims written without
    verbs; a heading or a navigation link has no bullet, or only a word or two.
    The sentence splitter may leave the bullet in a sentence of its own, so the
    line is read from the text.
    """
    text = doc_text(sent.doc)
    begin = sent.start_char
    # Only a few characters either side matter: "\n - Expanded ..." or "\n- Duty ...".
    window = text[max(0, begin - 8) : begin + 2]
    cut = window.rfind("\n")
    if cut == -1 and begin > 8:
        return False
    line = window[cut + 1 :].strip()
    if not line or line[0] not in _BULLETS:
        return False
    words = [t for t in sent if t.is_alpha]
    return len(words) >= 4 and any(t.pos_ == "NOUN" for t in words)


def _has_figure(doc: Doc, tokens: set[int]) -> bool:
    """True when a fragment states a figure: "Increased spending on health to 102.8bn rupees"."""
    return any(doc[i].like_num or doc[i].tag_ == "CD" for i in tokens)


def _clause_below(head: Token) -> bool:
    """True when a noun the parser took for the root is really a clause: it governs a finite clause
    with its own subject ("Increasingly more women than men went to university" parsed with
    "women" as the root), or it has a subject and an object itself (a verb tagged as a noun)."""
    if head.dep_ == "ROOT" and any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children) and any(
        c.dep_ == "dobj" for c in head.children
    ):
        return True  # a verb tagged as a noun: "Any player who takes drugs breaches his contract"
    return any(c.dep_ in ("advcl", "ccomp") and c.tag_ in ("VBD", "VBZ", "VBP") and has_subject(c) for c in head.children)


#: Words that count people: "a majority of voters say", "two-thirds of them believe".
_SHARE_WORDS = frozenset({"majority", "minority", "half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "percent", "proportion", "share", "%"})


def _counted_speakers(frame: Frame, doc: Doc) -> bool:
    """True when the speakers of a frame are counted ("42% of them say", "three in four voters think"):
    a survey result, whose figure is what a fact-checker checks."""
    if frame.kind not in ("speech", "cognition") or not frame.speaker:
        return False
    for i in frame.speaker:
        token = doc[i]
        counting = token.dep_ in ("nsubj", "nsubjpass") or (i + 1 < len(doc) and doc[i + 1].lower_ == "of")
        if token.ent_type_ == "PERCENT" or (token.lower_ in _SHARE_WORDS and counting and token.pos_ != "PROPN"):
            return True  # a share of the speakers, not "Senate Majority Leader Harry Reid said"
        # "three in four voters", "nine out of ten doctors"
        if token.like_num and i + 2 < len(doc) and doc[i + 1].lower_ in ("in", "out") and (doc[i + 2].like_num or doc[i + 2].lower_ == "of"):
            return True
    return False


def quote_around(token: Token, quotes: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The quotation holding ``token``; ``quotes`` are in text order and disjoint (as normalise finds them)."""
    i = bisect_right(quotes, token.idx, key=lambda q: q[0]) - 1  # the last one opening at or before the token
    if i >= 0 and token.idx < quotes[i][1]:
        return quotes[i]
    return None
