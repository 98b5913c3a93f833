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

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from claimcheck.analysis.claim_patterns import (
    DOUBT_VERBS, JUDGEMENT_WORDS, PERFORMANCE_VERBS, is_appeal, is_attitude, is_conditional_forecast,
    is_labelled_verdict, is_page_reference, is_verdict, judgement_idiom_tokens, opinion_heads,
)
from claimcheck.analysis.spans import doc_text, entity_index, per_document
from claimcheck.analysis.token_table import TokenTable, token_table
from claimcheck.analysis.attribution_lexicon import FINDING_VERBS
from claimcheck.analysis.lexicon import (
    CAUSAL_MARKERS, COGNITION_VERBS, EMOTIONS, EVALUATIVE, FRAME_NOUNS, RULE_VERBS, SPEECH_VERBS, TITLE_NOUNS,
)

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_CONTENT_DEPS = frozenset({"ccomp", "acl", "relcl", "advcl", "xcomp", "conj"})
_TRIM_WORDS = frozenset({"that", "and", "but", "or", "so", "yet", "because", "while", "whereas", "although"})
_QUOTE_CHARS = set("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb")
_CLOSING_QUOTES = frozenset({"\"", "'", "\u201d", "\u2019", "\u00bb"})
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
    kind: str = "speech"  # speech | cognition | evidential | noun | copula | according | as-put
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
        table = token_table(doc)
        for i, (head, dep) in enumerate(zip(table.head, table.dep)):
            if dep in SUBJECT_DEPS and head != i:
                self.any.add(head)
                if dep in ("nsubj", "nsubjpass"):
                    self.nominal.setdefault(head, i)


_subjects = per_document(_Subjects)


def nominal_subject(verb: Token) -> Token | None:
    """The verb's nominal subject (``nsubj`` or ``nsubjpass``), if it has one."""
    i = subject_index(verb.doc, verb.i)
    return None if i is None else verb.doc[i]


def subject_index(doc: Doc, verb: int) -> int | None:
    """:func:`nominal_subject` on token indices: the index of the verb's nominal subject, if it has one."""
    return _subjects(doc).nominal.get(verb)


def has_subject(token: Token) -> bool:
    """True when ``token`` heads a clause with its own subject."""
    return token.i in _subjects(token.doc).any


_VERBAL = ("VERB", "AUX")


class _Parse:
    """What detection reads of one document, looked up once per sentence instead of once per question:
    the doc, its :class:`~claimcheck.analysis.token_table.TokenTable` and its subject arcs."""

    __slots__ = ("doc", "t", "subjects", "splits", "reasons", "asides", "saying")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        t = self.t = token_table(doc)
        #: Tokens heading a clause with its own subject (:func:`has_subject`).
        subjects = self.subjects = _subjects(doc).any
        #: The tokens at which :func:`_split_conjuncts` may split reported content, in document order:
        #: a verb coordinated with its own subject, or a clausal complement.
        self.splits: list[int] = [i for i, (dep, pos) in enumerate(zip(t.dep, t.pos))
                                  if dep == "ccomp" or (dep == "conj" and pos in _VERBAL and i in subjects)]
        #: Causal markers that give a reason (:func:`_judgement`: a verdict with its reason is a causal claim).
        self.reasons = frozenset(i for i, (lower, dep) in enumerate(zip(t.lower, t.dep)) if lower in CAUSAL_MARKERS
                                 and lower != "since" and dep in ("mark", "prep", "advmod", "amod", "acomp"))
        #: Heads of non-restrictive relative clauses (:func:`_nonrestrictive`), in document order.
        self.asides: list[int] = [i for i, dep in enumerate(t.dep) if dep == "relcl" and _nonrestrictive(t, i)]
        #: Participles of saying set off by a comma ("..., saying ..."), in document order: those with
        #: content of their own are cut from the clause they hang on (:func:`_without_reporting_participles`).
        self.saying: list[int] = [i for i, tag in enumerate(t.tag) if tag == "VBG" and _saying_participle(t, i) and _after_comma(t, i)]


_parse = per_document(_Parse)


def _is_verbal(token: Token) -> bool:
    return token.pos_ in _VERBAL


#: Tags of the relative words that open a relative clause: which, who, whom, whose, where, when.
_RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})


def _nonrestrictive(t: TokenTable, clause: int) -> bool:
    """True for a relative clause set off by a comma and opened by a relative word ("her niece, who
    had grown up in ...", "Ted Cruz, for whom he was to host a fundraiser"): it describes its noun in
    passing instead of picking it out ("the agreement that they signed" is restrictive)."""
    if t.pos[clause] not in _VERBAL:
        return False
    edge = t.left_edge[clause]
    if edge < 1 or t.text[edge - 1] != ",":
        return False
    opener = edge + 1 if t.pos[edge] == "ADP" else edge
    return opener <= clause and t.tag[opener] in _RELATIVE_TAGS and t.lower[opener] != "that"


def _trim(t: TokenTable, start: int, end: int) -> tuple[int, int]:
    """Drop punctuation, quote marks, spaces and linking words at the edges."""
    text, lower, dep, punct, space = t.text, t.lower, t.dep, t.is_punct, t.is_space
    while start < end and (
        punct[start] or space[start] or text[start] in _QUOTE_CHARS
        # A condition opening the claim is part of it ("if you hit someone at 30mph, ...").
        or (dep[start] == "mark" and lower[start] not in _CONDITION_MARKS)
        or (lower[start] == "that" and t.tag[start] == "IN")  # a complementiser, whatever its arc
        or (lower[start] in _TRIM_WORDS and dep[start] in ("cc", "advmod", "det"))
    ):
        start += 1
    while end > start and (
        punct[end - 1] or space[end - 1] or text[end - 1] in _QUOTE_CHARS
        or (dep[end - 1] == "cc" and lower[end - 1] in _TRIM_WORDS)
    ):
        if text[end - 1] in (")", "%") and start < end - 1:
            break
        end -= 1
    # Keep a closing quote mark whose opening one is inside the claim.
    if end < t.n and text[end] in _QUOTE_CHARS and sum(text[i] in _QUOTE_CHARS for i in range(start, end)) % 2 == 1:
        end += 1
    return start, end


def _speaker_of(t: TokenTable, verb: int, exclude: set[int]) -> list[int]:
    """The speaker of a speech verb: its subject, or in "..., gushed one tabloid headline", the noun after it.

    A passive verb's agent comes first: in "residents were told by the council", the council speaks."""
    dep, children = t.dep, t.children[verb]
    for child in children:
        if dep[child] == "agent" and any(dep[c] == "nsubjpass" for c in children):
            pobj = next((c for c in t.children[child] if dep[c] == "pobj"), None)
            if pobj is not None and pobj not in exclude:
                return _named(t, pobj)
    for child in children:
        if dep[child] in ("nsubj", "nsubjpass") and child not in exclude:
            if t.lower[child] in ("it", "there"):
                return []  # "it feels like ...": the writer's own view, not a source
            return _named(t, child)
    for child in children:
        if child > verb and dep[child] in _SPEAKER_DEPS and t.pos[child] in ("NOUN", "PROPN", "PRON") and child not in exclude:
            return _named(t, child)
    for child in children:
        if dep[child] == "agent":
            for pobj in t.children[child]:
                if dep[pobj] == "pobj":
                    return _named(t, pobj)
    return []


def _named(t: TokenTable, speaker: int) -> list[int]:
    """The words that name a speaker: its phrase without what the writer adds after a comma.

    In '"...," said Tom Rath, a veteran party leader who had endorsed Jeb Bush' the speaker
    is Tom Rath; the description is the writer's (and names another person).  A name in
    apposition is who speaks and stays ("The chairman, Mr Hof, said", "The Home Secretary,
    Charles Clarke, said").
    """
    punct = t.is_punct
    added = [c for c in t.children[speaker] if c > speaker and t.text[t.left_edge[c] - 1] == "," and (
        t.dep[c] in ("relcl", "acl") or (t.dep[c] == "appos" and t.pos[c] != "PROPN"))]
    if not added:
        return sorted(i for i in t.subtree_set(speaker) if not punct[i])
    # The phrase ends at the first comma-set description; the comma itself is not the name's.
    end = t.left_edge[min(added)] - 1
    named = sorted(i for i in t.subtree_set(speaker) if i < end and not punct[i])
    if not any(t.ent_type[i] in ("PERSON", "ORG") for i in named):
        # A name the tagger missed: the description may be what tells who speaks.
        return sorted(i for i in t.subtree_set(speaker) if not punct[i])
    return named


def _noun_frame_speaker(t: TokenTable, noun: int) -> tuple[list[int], list[int]]:
    """Who holds a framed view: "assumption in Washington", "Washington's assumption",
    "a concern, articulated by Antony Blinken".  Returns (speaker tokens, extra cue tokens)."""
    dep, children, punct = t.dep, t.children, t.is_punct
    for child in children[noun]:
        if dep[child] == "poss":
            return sorted(i for i in t.subtree_set(child) if dep[i] != "case"), []
    for child in children[noun]:
        if dep[child] == "prep" and t.lower[child] in ("in", "among", "from", "by", "within", "of"):
            for pobj in children[child]:
                if dep[pobj] == "pobj" and (t.ent_type[pobj] or t.pos[pobj] == "PROPN" or t.lemma[pobj] in ("official", "expert", "analyst", "diplomat")):
                    return sorted(i for i in t.subtree_set(pobj) if not punct[i]), [child]
    for child in children[noun]:
        if dep[child] == "acl" and t.tag[child] == "VBN":
            for agent in children[child]:
                if dep[agent] == "agent":
                    for pobj in children[agent]:
                        if dep[pobj] == "pobj":
                            return sorted(i for i in t.subtree_set(pobj) if not punct[i]), [child, agent]
    return [], []


def _broken_off(t: TokenTable, child: int, head: int) -> bool:
    """True when a dash or semicolon between ``child`` (before ``head``) and ``head`` ends the child's clause.

    "X want the budget capped at 1% - the Commission has urged 1.26%": the first
    clause is not what the Commission urged, whatever the parse says.
    """
    if child > head:
        return False
    return any(_clause_break(t, i) for i in range(t.right_edge[child] + 1, head))


def _clause_break(t: TokenTable, i: int) -> bool:
    """True when token ``i`` is a dash, semicolon or colon between clauses.

    A hyphen or en dash that spaCy splits off inside a word ("Lopez-Cantera",
    "drink-drive", "2010\u20132012") joins, it does not break: such a dash between
    clauses has a space before it.  An em dash breaks, spaced or not.
    """
    text = t.text[i]
    if text not in _CLAUSE_BREAKS:
        return False
    return text not in ("-", "\u2013") or i == 0 or t.idx[i] > t.idx[i - 1] + len(t.text[i - 1])


#: Tags of a finite verb: a clause with one can stand as a sentence.
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _finite(t: TokenTable, clause: int) -> bool:
    """Whether the clause headed by ``clause`` has a finite verb, its own or an auxiliary's."""
    return t.tag[clause] in _FINITE_TAGS or any(
        t.dep[c] in ("aux", "auxpass") and t.tag[c] in _FINITE_TAGS for c in t.children[clause])


def _dashed_on(p: _Parse, child: int, head: int) -> bool:
    """True for a clause after a spaced dash or a semicolon that the parser hung on a verb that reports nothing.

    "The bill would let courts use breath tests - at present a blood test is
    needed" (the parser reads a ccomp, or an advcl without a mark): the second clause is a statement of its own, not what the bill
    allows.  After a reporting or finding verb the clause may be its content
    ("He warned - and repeated it - that ..."), and a clause opened by a mark
    ("that", "because") is subordinate: both stay whole.
    """
    t = p.t
    if child < head or t.dep[child] not in ("ccomp", "advcl") or t.pos[child] not in _VERBAL or child not in p.subjects:
        return False
    if not _finite(t, child):
        return False  # "- the door slamming behind him" leans on the clause before it
    if t.lemma[head] in _REPORTING_VERBS or t.lemma[head] in FINDING_VERBS or t.lemma[child] in _REPORTING_VERBS:
        return False
    if any(t.dep[c] == "mark" for c in t.children[child]):
        return False
    edge = t.left_edge[child]
    for i in (edge, edge - 1):
        if head < i and t.text[i] in _CLAUSE_BREAKS:
            # A spaced dash, not the hyphen of "drink-drive", which spaCy splits off too.
            return t.text[i] == ";" or t.idx[i] > t.idx[i - 1] + len(t.text[i - 1])
    return False


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


def _is_indirect_question(t: TokenTable, token: int) -> bool:
    """True for a clause introduced by "whether" or "if": "analysts queried whether X" asserts no X."""
    return any(t.dep[c] == "mark" and t.lower[c] in _CONDITION_MARKS for c in t.children[token])


def _content_child(p: _Parse, head: int, deps: frozenset[str] | set[str]) -> int | None:
    """The reported clause below ``head``: a clause with its own subject, one opened by "that" first."""
    t = p.t
    dep, pos, subjects = t.dep, t.pos, p.subjects
    found: list[int] = []
    for child in t.children[head]:
        if dep[child] in deps and pos[child] in _VERBAL and child in subjects:
            if _is_indirect_question(t, child) or _broken_off(t, child, head):
                continue
            found.append(child)
    if not found:
        return None
    # "The documents indicate, he said, that Y": the clause "that" opens is the one reported.
    return next((c for c in found if any(dep[m] == "mark" and t.lower[m] == "that" for m in t.children[c])), found[0])


def _after_colon(t: TokenTable, head: int) -> int | None:
    """The quotation after "X said:", however the parser attached it.

    In 'A Treasury source said: "Every penny counts."' the small model may read
    "counts" as a noun; the words after the colon are still what was said.
    """
    rights = [c for c in t.children[head] if c > head]
    colon = next((c for c in rights if t.text[c] == ":" and c <= head + 2), None)
    if colon is None:
        return None
    after = [c for c in rights if c > colon and not t.is_punct[c]]
    if len(after) != 1 or not any(t.text[i] in _QUOTE_CHARS for i in range(colon + 1, t.left_edge[after[0]] + 1)):
        return None
    return after[0]


def _shared_subject_contents(p: _Parse, head: int, content: int) -> list[int]:
    """Further reported clauses after ``content`` that share its subject:
    "he said they had been given no idea, had never been interviewed and ..."."""
    t = p.t
    return [c for c in t.children[head]
            if t.dep[c] == "ccomp" and c > content and t.pos[c] in _VERBAL and c not in p.subjects
            and t.tag[c] in ("VBD", "VBN", "VBZ", "VBP") and not _is_indirect_question(t, c)]


def _passive_hearer(t: TokenTable, head: int) -> bool:
    """True for "800 parents were warned (that) X": the subject heard it, so the telling is the claim."""
    return t.lemma[head] in _TELLING_VERBS and t.tag[head] == "VBN" and any(
        t.dep[c] == "nsubjpass" for c in t.children[head]) and not any(t.dep[c] == "agent" for c in t.children[head])


def find_frame(head: Token) -> tuple[Frame, Token] | None:
    """If the clause headed by ``head`` reports content, return the frame and the content's head."""
    doc = head.doc
    found = _find_frame(_parse(doc), head.i)
    return None if found is None else (found[0], doc[found[1]])


#: Verbs that frame a clause as how things look, not as what somebody believes: "it seems that X".
_EVIDENTIAL_VERBS = frozenset({"seem", "appear"})


def _find_frame(p: _Parse, head: int) -> tuple[Frame, int] | None:
    """:func:`find_frame` on token indices."""
    t = p.t
    dep, lower, children = t.dep, t.lower, t.children
    lemma = t.lemma[head]
    finding = lemma in FINDING_VERBS  # "the inquiry found that X": X is the claim, as after "said that"
    if (lemma in SPEECH_VERBS or lemma in COGNITION_VERBS or lemma in _TELLING_VERBS or finding) and not _passive_hearer(t, head):
        content = _content_child(p, head, {"ccomp", "parataxis"})
        if finding and content is not None and t.tag[t.left_edge[content]] in ("WRB", "WP", "WDT", "WP$"):
            content = None  # "the review shows how the money was spent": the finding is the claim
        if content is None and lemma in ("feel", "seem", "look", "sound", "appear"):
            content = _content_child(p, head, {"advcl"})
        if content is None and lemma in SPEECH_VERBS:
            content = _after_colon(t, head)
        if content is not None:
            more = _shared_subject_contents(p, head, content)
            exclude = t.subtree_set(content).union(*(t.subtree_set(m) for m in more))
            speaker = _speaker_of(t, head, exclude)
            frame_tokens = t.subtree_set(head) - exclude
            kind = "cognition" if lemma in COGNITION_VERBS else "speech"
            if not speaker and t.tag[head] == "VBN" and any(dep[c] == "nsubjpass" and lower[c] == "it" for c in children[head]):
                # "It is understood / believed / said that ...": briefing by unnamed sources.
                speaker = sorted(i for i in frame_tokens if not t.is_punct[i] and i <= head)
                kind = "speech"
            elif lemma in _EVIDENTIAL_VERBS and not speaker and not any(
                    dep[c] == "prep" and lower[c] == "to" for c in children[head]):
                kind = "evidential"  # "It seems that X": nobody's belief, the writer's hedged X ("seems to me" is a view)
            return Frame(cue=[head], speaker=speaker, tokens=frame_tokens, kind=kind, more=more), content
    if lemma in _EMERGE_VERBS and any(dep[c] in ("nsubj", "expl") and lower[c] == "it" for c in children[head]):
        # "It has emerged that ...", "it transpired that ...": news with no named source.
        content = _content_child(p, head, {"ccomp"})
        if content is not None:
            exclude = t.subtree_set(content)
            frame_tokens = t.subtree_set(head) - exclude
            speaker = sorted(i for i in frame_tokens if not t.is_punct[i] and i <= head)
            return Frame(cue=[head], speaker=speaker, tokens=frame_tokens, kind="speech"), content
    if lemma == "be" or lower[head] in ("'s", "is", "are", "was", "were"):
        for child in children[head]:
            if dep[child] in ("attr", "nsubj") and (t.lemma[child] in FRAME_NOUNS or t.lemma[child] in _FACT_NOUNS):
                content = _content_child(p, child, {"acl", "relcl", "ccomp"})
                if content is None:
                    content = _content_child(p, head, {"ccomp"})
                if content is not None:
                    speaker, extra = _noun_frame_speaker(t, child)
                    exclude = t.subtree_set(content)
                    frame_tokens = t.subtree_set(head) - exclude
                    return Frame(cue=[child, *extra], speaker=speaker, tokens=frame_tokens, kind="noun"), content
        content = _content_child(p, head, {"ccomp"})
        if content is not None and any(dep[c] == "mark" and lower[c] == "that" for c in children[content]):
            subject = _subjects(p.doc).nominal.get(head)
            exclude = t.subtree_set(content)
            cue = t.subtree(subject) if subject is not None else [head]
            return Frame(cue=sorted(cue), tokens=t.subtree_set(head) - exclude, kind="copula"), content
    # "Y, he said" parsed with the quote's verb as the root and "said" below it.
    for child in children[head]:
        if dep[child] in ("parataxis", "ccomp", "advcl") and t.lemma[child] in SPEECH_VERBS and child > head:
            # Not a clause of its own: "..., as Republicans continue to warn that Y" is no "Y, he continued".
            if not any(dep[c] in ("ccomp", "dobj", "xcomp", "mark") for c in children[child]) and child in p.subjects:
                speaker = _speaker_of(t, child, set())
                tokens = t.subtree_set(child)
                return Frame(cue=[child], speaker=speaker, tokens=tokens, kind="speech"), head
    return None


#: Nouns for documents that speak for their authors: "according to figures published by X".
DOCUMENT_NOUNS = frozenset({"figure", "data", "report", "statistic", "study", "survey", "poll", "estimate", "analysis", "document", "record", "filing", "release", "research"})


def _after_comma(t: TokenTable, token: int) -> bool:
    """True when ``token`` comes right after a comma (an apposition or aside), also one that a
    closing quotation mark follows: 'Obama "founded ISIS," saying ...' (the comma goes inside)."""
    left = t.left_edge[token] - 1
    if left >= 1 and t.text[left] in _CLOSING_QUOTES:
        left -= 1
    return left >= 0 and t.text[left] == ","


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


@per_document
def _inline_cues(doc: Doc) -> frozenset[int]:
    """The tokens :func:`inline_attribution` starts from ("according", and an adverbial clause of putting or
    saying), found in one pass: every unit of every sentence asks, and most hold none."""
    t = token_table(doc)
    return frozenset(i for i, (lower, dep, lemma) in enumerate(zip(t.lower, t.dep, t.lemma))
                     if lower == "according" or (dep == "advcl" and lemma in _AS_PUT_VERBS))


#: Verbs of "as X put it", "as X said".
_AS_PUT_VERBS = frozenset({"put", "say", "describe", "call"})


def inline_attribution(unit_tokens: set[int], doc: Doc) -> Frame | None:
    """"according to X" and "as X put it" inside a clause."""
    t = token_table(doc)
    dep, lower, children = t.dep, t.lower, t.children
    for i in sorted(_inline_cues(doc).intersection(unit_tokens)):
        if lower[i] == "according" and i + 1 < t.n and lower[i + 1] == "to":
            pobj = next((c for c in children[i + 1] if dep[c] == "pobj"), None)
            if pobj is None:
                pobj = next((c for c in children[i] if dep[c] == "pobj"), None)
            if pobj is not None:
                pobj = _source_behind_document(doc[pobj]).i
                speaker = [k for k in t.subtree(pobj) if not t.is_punct[k]]
                # The speaker is the name, not what follows it after a comma
                # ("Chris Monday, an associate professor at ...").
                # A name in apposition without a comma is the source itself ("the car-buying website Parker's").
                trailing = [k for c in children[pobj] if c > pobj and (
                    dep[c] in ("acl", "relcl") or _after_comma(t, c) or (dep[c] == "appos" and t.pos[c] != "PROPN"))
                    for k in t.subtree(c)]
                speaker = sorted(set(speaker) - set(trailing) - {i + 1})
                tokens = {i, i + 1, *t.subtree(i + 1)}
                return Frame(cue=[i, i + 1], speaker=speaker, tokens=tokens, kind="according")
        if dep[i] == "advcl" and t.lemma[i] in _AS_PUT_VERBS and any(
            dep[c] == "mark" and lower[c] == "as" for c in children[i]
        ) and not any(dep[c] == "ccomp" and not _elliptical(t, c) for c in children[i]):
            # ("as X said that Y" reports Y, a claim of its own: :func:`_contrasts_another_source`.)
            speaker = _speaker_of(t, i, set())
            if speaker:
                return Frame(cue=[i], speaker=speaker, tokens=t.subtree_set(i), kind="as-put")
    return None


#: Verbs whose reported content is an intention: the act of announcing it is the checkable event.
ANNOUNCING_VERBS = frozenset({"announce", "pledge", "promise", "vow", "unveil", "declare", "threaten", "commit", "propose", "plan"})


def _announces_intention(t: TokenTable, head: int, content: int) -> bool:
    """True for "X announced (that) it would/will ...": report the announcement, dated, as an event."""
    if t.lemma[head] not in ANNOUNCING_VERBS or t.tag[head] not in ("VBD", "VBN", "VBZ", "VBP"):
        return False
    return any(t.dep[c] == "aux" and t.lower[c] in ("will", "would", "'ll", "shall", "wo") for c in t.children[content])


def _units(p: _Parse, sent: Span) -> list[int]:
    """Heads of the sentence's independent clauses: the root and coordinated clauses with a subject."""
    t = p.t
    dep, pos, head_of, subjects = t.dep, t.pos, t.head, p.subjects
    heads = [sent.root.i]
    # Every token is looked at, the root too (the loop used to skip it with ``token is sent.root``,
    # which never held: spaCy makes a new Token on each access).
    for i in range(sent.start, sent.end):
        d = dep[i]
        if d in ("conj", "parataxis") and pos[i] in _VERBAL and i in subjects:
            if head_of[i] in heads or pos[head_of[i]] in _VERBAL:
                if not _inside_content_of_frame(t, i):
                    heads.append(i)
        elif d == "conj" and head_of[i] in heads and t.lemma[i] in SPEECH_VERBS \
                and _content_child(p, i, {"ccomp"}) is not None:
            heads.append(i)  # "Acme posted a loss and said it would cut 500 jobs": the saying is a frame of its own
        elif d == "ccomp" and head_of[i] in heads and pos[i] in _VERBAL and i in subjects:
            if _broken_off(t, i, head_of[i]) or _dashed_on(p, i, head_of[i]) or _spliced(p.doc[i], p.doc[head_of[i]]):
                heads.append(i)  # "X want a cap at 1% - the Commission has urged 1.26%"
            elif i < head_of[i] and _content_child(p, head_of[i], {"ccomp", "parataxis"}) not in (None, i):
                # "Romney not only opposed it, he suggested that Y": the verb reports Y, and
                # the clause before it is a claim of its own.
                heads.append(i)
        elif d == "advcl" and head_of[i] in heads and _dashed_on(p, i, head_of[i]):
            heads.append(i)  # "X approved the budget - currently patients travel 40 miles"
        elif d == "advcl" and head_of[i] in heads and _set_beside(p, i, head_of[i]):
            heads.append(i)  # "engineers were called in, while staff resorted to fax"
        elif d == "advcl" and _contrasts_another_source(p, i):
            heads.append(i)  # "X said the club would be sold, while prosecutors said ..."
    return heads


#: Marks of a clause set against or beside another: "..., while / whereas Y said ...", "..., as Y said
#: that ..." (with content of its own, "as" reports a second statement, not how the first was put).
_CONTRAST_MARKS = frozenset({"while", "whilst", "whereas", "although", "though", "as"})


def _set_beside(p: _Parse, clause: int, head: int) -> bool:
    """True for "X, while / whereas Y" with Y a finite clause of its own after the main one: two statements.

    "Engineers were called in, while staff resorted to fax": Y is not part of how or
    when X happened; a clause before the main one ("While prices rose, ...") stays with it.
    """
    t = p.t
    if clause < head or clause not in p.subjects or t.pos[clause] not in _VERBAL:
        return False
    if not any(t.dep[c] == "mark" and t.lower[c] in ("while", "whilst", "whereas") for c in t.children[clause]):
        return False
    if not _finite(t, clause):
        return False
    edge = t.left_edge[clause]
    return edge > 0 and t.text[edge - 1] in (",", ";")


def _contrasts_another_source(p: _Parse, token: int) -> bool:
    """True for a contrasting clause with its own speaker and reported content: it is a claim of
    its own, not part of what the first speaker said."""
    t = p.t
    lemma = t.lemma[token]
    if not (lemma in SPEECH_VERBS or lemma in COGNITION_VERBS) or token not in p.subjects:
        return False
    if not any(t.dep[c] == "mark" and t.lower[c] in _CONTRAST_MARKS for c in t.children[token]):
        return False
    content = _content_child(p, token, {"ccomp"})
    return content is not None and not _elliptical(t, content)


def _elliptical(t: TokenTable, clause: int) -> bool:
    """True for a clause that leaves its verb out: "as the Bank had said they would", "as he said it did"."""
    return t.pos[clause] == "AUX" and not any(
        t.dep[c] not in ("nsubj", "nsubjpass", "neg", "punct", "advmod", "mark") for c in t.children[clause])


def _inside_content_of_frame(t: TokenTable, token: int) -> bool:
    """True when a conjunct hangs below a reported clause (it is split there instead)."""
    dep, head_of = t.dep, t.head
    node = head_of[token]
    while dep[node] != "ROOT" and head_of[node] != node:
        if dep[node] in ("ccomp", "acl", "relcl", "pcomp", "advcl"):
            return True
        node = head_of[node]
    return False


def _assign(t: TokenTable, sent: Span, heads: list[int]) -> dict[int, set[int]]:
    """Give every token of the sentence to the nearest unit head above it."""
    head_of = t.head
    head_ids = set(heads)
    owned: dict[int, set[int]] = {h: set() for h in heads}
    # Every token on a walk shares the walk's owner, so remember it: each
    # token's head is then looked up once instead of once per descendant.
    owner_of: dict[int, int] = {}
    root_i: int | None = None
    for i in range(sent.start, sent.end):
        node = i
        path: list[int] = []
        while node not in head_ids and node not in owner_of and head_of[node] != node:
            path.append(node)
            node = head_of[node]
        if node in head_ids:
            owner = node
        elif node in owner_of:
            owner = owner_of[node]
        else:
            if root_i is None:
                root_i = sent.root.i
            owner = root_i
        for k in path:
            owner_of[k] = owner
        owned[owner].add(i)
    return owned


def _may_split(p: _Parse, content: int) -> bool:
    """Whether a split point of :func:`_split_conjuncts` other than ``content`` lies within its edges.

    Most reported clauses hold none; the subtree lies within the edges, so a bisection of the
    document's split points answers without walking the subtree.
    """
    t, splits = p.t, p.splits
    last = t.right_edge[content]
    k = bisect_left(splits, t.left_edge[content])
    while k < len(splits) and splits[k] <= last:
        if splits[k] != content:
            return True
        k += 1
    return False


def _coordinated_reports(p: _Parse, reported: int) -> list[tuple[int, int]]:
    """Verbs of saying coordinated with reported content, with no subject of their own, that go
    back to the frame's subject, with what each reports.

    In "Spicer said the party was not in a crisis, and urged that everyone relax" and "Kirsch told
    the AP her group never worked with them and said the group hired ..." the parser hangs the
    second verb on the content's verb, but it is the frame's subject who urged and said: its
    content is a claim of the frame's speaker, and the first content ends before it.  A content
    opened by "that" marks its own extent, and a verb joined inside it without a comma shares its
    subject ("It was reported that the mayor denied the claim and said ...": the mayor said).
    """
    t = p.t
    opened = any(t.dep[c] == "mark" and t.lower[c] == "that" for c in t.children[reported])
    out: list[tuple[int, int]] = []
    for verb in t.children[reported]:
        if t.dep[verb] != "conj" or t.pos[verb] != "VERB" or verb in p.subjects or t.lemma[verb] not in SPEECH_VERBS:
            continue
        if opened and not (verb >= 2 and t.dep[verb - 1] == "cc" and t.text[verb - 2] == ","):
            continue
        inner = _content_child(p, verb, {"ccomp"})
        if inner is not None:
            out.append((verb, inner))
    return out


def _split_conjuncts(p: _Parse, content: int, tokens: set[int]) -> list[tuple[int, set[int]]]:
    """Split reported content at coordinated clauses with their own subjects, and at comma splices."""
    if not _may_split(p, content):
        return [(content, tokens)]
    t = p.t
    dep, head_of = t.dep, t.head
    parts = [content]
    for token in t.subtree(content):
        if head_of[token] not in parts:
            continue
        if (dep[token] == "conj" and t.pos[token] in _VERBAL and token in p.subjects) or (
                dep[token] == "ccomp" and _spliced(p.doc[token], p.doc[head_of[token]])):
            parts.append(token)
    if len(parts) == 1:
        return [(content, tokens)]
    part_ids = set(parts)
    owned: dict[int, set[int]] = {k: set() for k in parts}
    for i in tokens:
        node = i
        while node not in part_ids and head_of[node] != node and node != content:
            node = head_of[node]
        owned.setdefault(node if node in part_ids else content, set()).add(i)
    return [(k, owned[k]) for k in parts if owned.get(k)]


def _asides(p: _Parse, tokens: set[int]) -> list[int]:
    """The non-restrictive relative clauses among ``tokens`` whose noun is among them too.

    What such a clause says about a person or thing the content names ("Mr Rubio said he would pray
    for the nominee, who has a large lead") is the writer's description, not what the speaker said:
    it is left out of the reported content and reported as a claim of its own (:func:`_embedded`).
    """
    asides = p.asides
    if not asides or not tokens:
        return []
    t = p.t
    k = bisect_left(asides, min(tokens))
    last = max(tokens)
    out: list[int] = []
    while k < len(asides) and asides[k] <= last:
        clause = asides[k]
        if clause in tokens and t.head[clause] in tokens and not any(t.left_edge[o] <= clause <= t.right_edge[o] for o in out):
            out.append(clause)
        k += 1
    return out


def _without_asides(p: _Parse, tokens: set[int], quotes: Sequence[tuple[int, int]], cut: set[int],
                    frame: Frame | None = None) -> set[int]:
    """``tokens`` without the non-restrictive relative clauses the writer adds to reported content
    (:func:`_asides`), whose heads are added to ``cut``.

    What stays: a clause inside a quotation (the speaker's words), one that reports or draws a
    conclusion ("the levy, which he said would ...", "..., which means Kasich can do damage": it
    takes a clause of its own and is part of the argument), and one holding the ``frame``'s cue
    ("the deal, which would cut its tax rate, according to company leaders").
    """
    t = p.t
    drop: set[int] = set()
    for clause in _asides(p, tokens):
        if t.lemma[clause] in SPEECH_VERBS or t.lemma[clause] in COGNITION_VERBS:
            continue
        if any(t.dep[c] == "ccomp" for c in t.children[clause]):
            continue
        if _quote_at(t.idx[clause], quotes) is not None:
            continue
        if frame is not None and any(t.left_edge[clause] <= c <= t.right_edge[clause] for c in frame.cue):
            continue
        cut.add(clause)
        drop |= t.subtree_set(clause)
    for noun, clause in _descriptions_in_passing(p, tokens - drop, quotes):
        cut.add(clause)
        drop |= t.subtree_set(noun)
    return tokens - drop if drop else tokens


def _descriptions_in_passing(p: _Parse, tokens: set[int], quotes: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Appositions that end reported content and describe its last noun with a clause of their own:
    "he said the deal-breaker was the ban on Muslims entering the U.S., a plan the billionaire has
    since modified".  Like a non-restrictive relative clause (:func:`_asides`), the description is
    the writer's, not what the speaker said.  Returns (apposition, its clause) pairs; a name in
    apposition ("the chairman, Mr Hof") and a quoted description stay.
    """
    t = p.t
    words = [i for i in tokens if not (t.is_punct[i] or t.is_space[i])]
    if not words:
        return []
    last = max(words)
    out: list[tuple[int, int]] = []
    for noun in words:
        if t.dep[noun] != "appos" or t.pos[noun] != "NOUN" or t.head[noun] not in tokens or t.right_edge[noun] != last:
            continue
        if not _after_comma(t, noun) or _quote_at(t.idx[noun], quotes) is not None:
            continue
        clause = next((c for c in t.children[noun] if t.dep[c] in ("relcl", "acl") and c in p.subjects
                       and t.pos[c] in _VERBAL), None)
        if clause is not None:
            out.append((noun, clause))
    return out


#: How a participle of saying hangs on the clause whose subject speaks.
_PARTICIPLE_DEPS = frozenset({"advcl", "xcomp", "conj"})


def _saying_participle(t: TokenTable, token: int) -> bool:
    """True for a participle of saying hung on a clause: "..., saying / adding ..."."""
    return t.tag[token] == "VBG" and t.dep[token] in _PARTICIPLE_DEPS and t.lemma[token] in SPEECH_VERBS


def _reporting_participle(p: _Parse, token: int) -> int | None:
    """The content of "..., saying / adding (that) Y" headed by ``token``, or ``None``.

    Such a participle reports Y from the subject of the verb it hangs on: :func:`_embedded` makes
    Y a claim with that speaker.  Y may be a verbless clause with its own subject ("saying she was
    appalled that ...").
    """
    t = p.t
    if not _saying_participle(t, token):
        return None
    content = _content_child(p, token, {"ccomp"})
    if content is None:
        content = next((c for c in t.children[token] if t.dep[c] == "ccomp" and t.pos[c] == "ADJ" and c in p.subjects), None)
    return content


def _without_reporting_participles(p: _Parse, tokens: set[int]) -> set[int]:
    """``tokens`` without a participle set off by a comma that reports content of its own.

    "Ayotte has tangled with Trump, saying she was appalled that ...": what she said is a claim of
    its own, hers (:func:`_embedded`); the clause it hangs on is what she did, and does not carry
    the reported words, nor their speaker, with it.
    """
    saying = p.saying
    if not saying or not tokens:
        return tokens
    t = p.t
    k = bisect_left(saying, min(tokens))
    last = max(tokens)
    drop: set[int] = set()
    while k < len(saying) and saying[k] <= last:
        token = saying[k]
        if token in tokens and token not in drop and t.head[token] in tokens and _reporting_participle(p, token) is not None:
            drop |= t.subtree_set(token)
        k += 1
    return tokens - drop if drop else tokens


def _according_scope(p: _Parse, head: int, frame: Frame, tokens: set[int]) -> int | None:
    """The clause below ``head`` that an "according to X" inside it speaks for, or ``None`` when it
    speaks for the whole clause.

    The clause must have its own subject after the phrase: "..., because, according to Trump, the
    media would call him a chicken" (a parser that hangs the phrase on a subjectless conjunct has
    misread the sentence, and the phrase is the clause's).
    """
    t = p.t
    clause = t.head[frame.cue[0]]
    if clause == head or clause not in tokens or t.dep[clause] not in ("advcl", "ccomp", "conj"):
        return None
    if t.pos[clause] not in _VERBAL or clause not in p.subjects:
        return None
    subject = next((c for c in t.children[clause] if t.dep[c] in SUBJECT_DEPS), None)
    if subject is None or subject < frame.cue[0]:
        return None
    return clause


#: Documents that hold things rather than say them: "in the record, ...".
_HOLDING_DOCUMENTS = frozenset({"record", "data", "figure"})


def _document_opener(t: TokenTable, head: int) -> set[int]:
    """The tokens of "In a poll released Sunday," opening the clause headed by ``head``, or none.

    The phrase must come before the verb and end at a comma, with a document noun as its object.
    """
    for child in t.children[head]:
        if child > head:
            break
        if t.dep[child] != "prep" or t.lower[child] not in ("in", "from"):
            continue
        pobj = next((c for c in t.children[child] if t.dep[c] == "pobj"), None)
        if pobj is None or t.lemma[pobj] not in DOCUMENT_NOUNS or t.lemma[pobj] in _HOLDING_DOCUMENTS:
            continue
        after = t.right_edge[child] + 1
        if after < head and t.text[after] == ",":
            return t.subtree_set(child)
    return set()


def _without_lead_before(t: TokenTable, tokens: set[int], phrase_end: int) -> set[int]:
    """``tokens`` without the words before the end of an "according to" phrase when they carry no
    content: "Now, according to the poll, some are swinging" is the claim "some are swinging"."""
    lead = [i for i in tokens if i < phrase_end]
    if not lead or len(lead) == len(tokens) or any(t.pos[i] in _CONTENT_POS for i in lead):
        return tokens
    return tokens.difference(lead)


def _is_question(t: TokenTable, sent: Span) -> bool:
    # Only the last token that is not a space or a quote mark matters: look from the end.
    for i in range(sent.end - 1, sent.start - 1, -1):
        text = t.text[i]
        if not t.is_space[i] and text not in _QUOTE_CHARS:
            return text in ("?", "?!", "!?")
    return False


def _is_condition_or_imperative(p: _Parse, head: int) -> bool:
    t = p.t
    if any(t.dep[c] == "mark" and t.lower[c] in _CONDITION_MARKS for c in t.children[head]):
        return True
    if t.tag[head] == "VB" and head not in p.subjects and head == t.sent_start[head] + _leading_skip(t, head):
        return True
    return False


def _subject_before(t: TokenTable, head: int, quote_start: int) -> set[int]:
    """The tokens of ``head``'s subject when it stands before the quotation that holds ``head``."""
    for child in t.children[head]:
        if t.dep[child] in ("nsubj", "nsubjpass") and child < head and t.idx[t.right_edge[child]] < quote_start:
            return t.subtree_set(child)
    return set()


def _leading_skip(t: TokenTable, token: int) -> int:
    """How many punctuation, space and quote tokens open the sentence holding ``token``."""
    start, end = t.sent_start[token], t.sent_end[token]
    skip = 0
    for i in range(start, end):
        if t.is_punct[i] or t.is_space[i] or t.text[i] in _QUOTE_CHARS:
            skip += 1
        else:
            break
    return skip


#: The parts of speech a claim needs one of: a verb, or a noun or number for a verbless claim.
_CONTENT_POS = frozenset({"VERB", "AUX", "NOUN", "PROPN", "NUM"})


def _make(t: TokenTable, sent: Span, tokens: set[int], head: int, origin: str, frame: Frame | None,
          quote: tuple[int, int] | None = None) -> Candidate | None:
    if quote is not None:
        idx = t.idx
        inside = {i for i in tokens if quote[0] <= idx[i] < quote[1]}
        if head in inside:
            # A quoted predicate keeps its subject from outside the quote:
            # the plant's turbines "remain fully operational".
            inside |= _subject_before(t, head, quote[0]) & tokens
        tokens = inside
    if not tokens:
        return None
    last = max(tokens)
    punct, space = t.is_punct, t.is_space
    words = [i for i in tokens if not (punct[i] or space[i])]
    if words:
        # The sentence's full stop hangs off the root even when a later clause is a unit of its
        # own ("Acme posted a loss and said it would ..."): it does not stretch the claim over it.
        run = max(words)
        while run + 1 in tokens:
            run += 1
        last = run
    start, end = _trim(t, min(tokens), last + 1)
    pos = t.pos
    if end - start < 2 or not any(pos[i] in _CONTENT_POS for i in range(start, end)):
        return None
    return Candidate(start, end, head, sent.start, sent.end, origin, frame, {i for i in tokens if start <= i < end})


def _embedded(p: _Parse, sent: Span, taken: set[tuple[int, int]], cut: set[int]) -> list[Candidate]:
    """Claims a sentence takes for granted: wh-clauses, dated relative clauses, participles, roles,
    and the relative clauses in ``cut``, left out of the reported content they stood in."""
    doc, t = p.doc, p.t
    dep, tag, pos, children, subjects = t.dep, t.tag, t.pos, t.children, p.subjects
    out: list[Candidate] = []

    def add(start: int, end: int, head: int, origin: str) -> None:
        start, end = _trim(t, start, end)
        if end - start >= 2 and (start, end) not in taken:
            taken.add((start, end))
            out.append(Candidate(start, end, head, sent.start, sent.end, origin, None, set(range(start, end))))

    for i in range(sent.start, sent.end):
        if pos[i] not in _VERBAL:
            continue
        d = dep[i]
        # "..., said Baker, adding that the union would ballot members": the
        # participle reports more content from the same speaker.
        if tag[i] == "VBG":
            content = _reporting_participle(p, i)
            if content is not None:
                exclude = t.subtree_set(content)
                above = t.head[i]
                speaker = _speaker_of(t, above, exclude | t.subtree_set(i)) if pos[above] in _VERBAL else []
                start, end = _trim(t, t.left_edge[content], t.right_edge[content] + 1)
                if end - start >= 2 and (start, end) not in taken:
                    taken.add((start, end))
                    frame = Frame(cue=[i], speaker=speaker, tokens={i}, kind="speech")
                    out.append(Candidate(start, end, content, sent.start, sent.end, "content", frame, set(range(start, end))))
                continue
        if d == "relcl" and i in subjects:
            reported = _relative_report(p, i)
            if reported is not None:
                # "Juanita Broaddrick, who said Clinton raped her in 1978": what she said is the claim, hers.
                frame, content = reported
                start, end = _trim(t, t.left_edge[content], t.right_edge[content] + 1)
                if end - start >= 2 and (start, end) not in taken:
                    taken.add((start, end))
                    out.append(Candidate(start, end, content, sent.start, sent.end, "content", frame, set(range(start, end))))
                continue
        # "regarding why Vladimir Putin is in North Korea" presupposes that he is.
        if d in ("relcl", "ccomp", "pcomp", "advcl", "acl") and i in subjects:
            why = [c for c in children[i] if dep[c] == "advmod" and t.lower[c] == "why"]
            if why:
                add(why[0] + 1, t.right_edge[i] + 1, i, "wh")
                continue
        # "the agreement they signed today": an event the sentence presupposes.
        if d == "relcl" and tag[i] in ("VBD", "VBN") and i in subjects:
            if any(t.ent_type[k] in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "GPE", "ORG", "PERSON") for k in t.subtree(i)):
                noun = t.head[i]
                add(t.left_edge[noun], t.right_edge[i] + 1, i, "relative")
                continue
        # "Serco, which operates six prisons", "Capita, the firm which runs the system": what a
        # named organisation is or does (the present tense; "who plan to X" is an intention),
        # told in passing, is its role.
        if d == "relcl" and tag[i] in ("VBZ", "VBP") and i in subjects and not any(dep[c] == "xcomp" for c in children[i]):
            organisation = _described_organisation(p, i)
            if organisation is not None:
                add(organisation.start, t.right_edge[i] + 1, i, "role")
                continue
        if i in cut:
            # "..., he said of Ted Cruz, for whom he was to host a fundraiser": the noun with what
            # the writer says of it, so that the claim keeps its subject.
            add(t.left_edge[t.head[i]], t.right_edge[i] + 1, i, "relative")
            continue
        # "NATO allies, including the UK, giving Ukraine permission to use their weapons".
        if tag[i] == "VBG" and d in ("acl", "advcl") and i not in subjects:
            if not any(dep[c] in ("dobj", "dative") for c in children[i]):
                continue
            if not any(t.ent_type[k] for k in t.subtree(i)):
                continue
            if t.lemma[i] in _VERDICT_PARTICIPLES and _passes_verdict(t, i):
                continue  # "..., leaving many to wonder whether ...": the writer's aside, left out of the claim
            left = t.left_edge[i] - 1
            while left >= sent.start and (t.is_punct[left] or t.is_space[left]):
                left -= 1
            start = t.left_edge[i]
            if left >= sent.start and pos[left] in ("NOUN", "PROPN"):
                noun_token = _noun_phrase_head(doc[left], doc[i])
                start = noun_token.left_edge.i
            add(start, t.right_edge[i] + 1, i, "participle")

    for ent in entity_index(doc).within(sent.start, sent.end):
        if ent.label_ != "PERSON":
            continue
        root = ent.root
        if _speaks(root):
            continue  # "said BPI chairman Jo Bloggs": the frame introduces the speaker, it claims nothing
        # "Chris Monday, an associate professor at Busan's Dongseo University".
        for child in root.children:
            if child.dep_ == "appos" and child.i > root.i and any(t.lemma[k] in TITLE_NOUNS for k in t.subtree(child.i)):
                add(ent.start, child.right_edge.i + 1, child.i, "role")
        # "US secretary of state Antony Blinken".
        lefts = [c for c in root.lefts if c.i < ent.start and c.dep_ in ("compound", "nmod", "amod")]
        if lefts and any(t.lemma[k] in TITLE_NOUNS for c in lefts for k in t.subtree(c.i)):
            add(min(c.left_edge.i for c in lefts), ent.end, root.i, "role")
    return out


_RELATIVE_PRONOUNS = frozenset({"which", "who", "that"})
#: Entity labels that name a speaker.
_NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _relative_report(p: _Parse, clause: int) -> tuple[Frame, int] | None:
    """The frame and content of a relative clause that reports: "X, who said (that) Y", "a poll that
    found Y".  The relative pronoun is the clause's subject, so the noun it stands for speaks."""
    t = p.t
    lemma = t.lemma[clause]
    if not (lemma in SPEECH_VERBS or lemma in COGNITION_VERBS or lemma in FINDING_VERBS):
        return None
    pronoun = next((c for c in t.children[clause] if t.dep[c] == "nsubj" and t.lower[c] in _RELATIVE_PRONOUNS), None)
    if pronoun is None:
        return None
    content = _content_child(p, clause, {"ccomp"})
    if content is None:
        return None
    kind = "cognition" if lemma in COGNITION_VERBS else "speech"
    clause_ids = t.subtree_set(clause)
    speaker = [k for k in _named(t, t.head[clause]) if k not in clause_ids]
    if any(t.ent_type[k] in _NAME_LABELS for k in speaker):
        # The pronoun is where the sentence names the speaker ("he said" is mentioned by "he"); a
        # description without a name stays the mention on its own ("a headline that said").
        speaker.append(pronoun)
    return Frame(cue=[clause], speaker=speaker, tokens={clause, pronoun}, kind=kind), content


def _described_organisation(p: _Parse, clause: int) -> Span | None:
    """The named organisation a non-restrictive relative clause describes, directly ("Serco, which
    operates six prisons") or through an apposition ("Capita, the firm which runs the system").

    None when the clause is restrictive (no comma before it), its subject is not the relative
    pronoun, or the organisation speaks in the sentence ("Acme, which makes engines, said ...":
    its credentials are the frame's).
    """
    t = p.t
    if not any(t.dep[c] == "nsubj" and t.lower[c] in _RELATIVE_PRONOUNS for c in t.children[clause]):
        return None
    noun = t.head[clause]
    # Non-restrictive: a comma opens the clause, or the apposition it hangs on.
    direct = t.ent_type[noun] == "ORG"
    edge = t.left_edge[clause] if direct else t.left_edge[noun]
    if edge < 2 or t.text[edge - 1] != ",":
        return None
    named = noun if direct else edge - 2
    if t.ent_type[named] != "ORG":
        return None
    organisation = next((e for e in entity_index(p.doc).overlapping(named, named + 1) if e.label_ == "ORG"), None)
    if organisation is None or _speaks(organisation.root):
        return None
    return organisation


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
    p = _parse(doc)
    t = p.t
    if _is_question(t, sent):
        return []
    candidates: list[Candidate] = []
    # Who speaks in this sentence: a description of a speaker is part of the frame, not a claim.
    speakers: set[int] = set()
    # Relative clauses cut out of reported content (:func:`_without_asides`), each a claim of its own.
    cut: set[int] = set()
    heads = _units(p, sent)
    owned = _assign(t, sent, heads)
    # Verbs of saying that frame another unit's content ('Y," X said, in an interview').
    cues: set[int] = set()
    for head in heads:
        if head in cues:
            continue  # the frame of a clause before it, a unit of its own only in the parse
        tokens = owned[head]
        if _is_condition_or_imperative(p, head):
            continue
        if _asks_whether(t, head):
            continue  # "analysts queried whether X": a question, not a claim that X
        quote = _quote_at(t.idx[head], quotes)
        found = _find_frame(p, head)
        if found is None:
            found = _quotation_before(p, head, tokens, quotes)
        if found is not None and _announces_intention(t, head, found[1]):
            found = None  # "the government announced it would scrap the tax": the announcement is the claim
        if found is not None and _counted_speakers(t, found[0]):
            found = None  # "42% of them say that ...": the poll finding, figure and all, is the claim
        if found is not None:
            frame: Frame | None
            frame, content = found
            # The frame is this clause's own words, not a coordinated clause's.
            frame.tokens &= tokens
            cues.update(frame.cue)
            if frame.kind in ("speech", "cognition"):
                # With the speaker's description: "said Jo Bloggs, a Republican who headed the committee".
                speakers.update(k for i in frame.speaker for k in t.subtree(i))
            reports = [(content, frame), *((m, frame) for m in frame.more)]
            for reported, frame in reports:  # grows while it is read: see _coordinated_reports
                content_ids = t.subtree_set(reported) & tokens
                for verb, inner in _coordinated_reports(p, reported):
                    # "X said Y, and urged that Z": Z is X's too, and Y ends before "and urged".
                    content_ids -= t.subtree_set(verb)
                    reports.append((inner, Frame(cue=[verb], speaker=frame.speaker, kind="speech",
                                                 tokens=(t.subtree_set(verb) - t.subtree_set(inner)) & tokens)))
                if _recommends(t, reported, content_ids) and t.lemma[head] not in _POSITION_VERBS:
                    # "the Lib Dems say Mr Clarke should use ...": advice, not a claim.  A position
                    # somebody took ("Romney suggested that employers should ...") is a record of
                    # what they advocated, and stays.
                    continue
                for part, part_tokens in _split_conjuncts(p, reported, content_ids):
                    part_tokens = part_tokens - _evaluative_tail(t, part, part_tokens)
                    part_tokens = _without_asides(p, part_tokens, quotes, cut)
                    part_tokens = _without_reporting_participles(p, part_tokens)
                    cand = _make(t, sent, part_tokens, part, "content", frame, _quote_at(t.idx[part], quotes))
                    if cand:
                        # "the coach insists the board was right to sack him": his verdict
                        cand.judgement = _judgement(p, part, part_tokens) or _speculation(frame, part_tokens, doc)
                        candidates.append(cand)
            continue
        if _bare_frame_after_quote(t, head, sent, quotes):
            continue  # '"Who will pay for it?" | the governor said on Tuesday.': a frame on its own
        if is_page_reference(doc[head]):
            continue  # "the tables below show ...": page furniture
        inline = inline_attribution(tokens, doc)
        if t.pos[head] not in _VERBAL and not _has_figure(t, tokens) and not _clause_below(doc[head]) and not _list_item(sent):
            continue  # a verbless fragment: "Ominous words for the West."
        claim_tokens = tokens - (inline.tokens if inline and inline.kind == "according" else set())
        if inline is not None and inline.kind == "according":
            scope = _according_scope(p, head, inline, claim_tokens)
            if scope is not None:
                # "He will go, because, according to Trump, the media would call him a chicken": Trump
                # says why, the writer says he will go.
                scoped = _without_lead_before(t, claim_tokens & t.subtree_set(scope), max(inline.tokens))
                below = _make(t, sent, scoped, scope, "clause", inline, _quote_at(t.idx[scope], quotes))
                if below:
                    candidates.append(below)
                claim_tokens = claim_tokens - t.subtree_set(scope)
                inline = None
            else:
                claim_tokens = _without_lead_before(t, claim_tokens, max(inline.tokens))
        elif inline is None:
            opener = _document_opener(t, head)
            if opener:
                # "In the new poll, conducted March 11-13, 40 percent back Sanders": the poll speaks
                # (attribution reads it as the clause's source), and the claim is what it found.
                claim_tokens = _without_lead_before(t, claim_tokens - opener, max(opener))
        if _recommends(t, head, claim_tokens):
            continue
        claim_tokens -= _evaluative_tail(t, head, claim_tokens)
        claim_tokens = _without_reporting_participles(p, claim_tokens)
        if inline is not None:
            # "Clinton, who collected $112m in 2015, leads, according to figures": the figures say she leads.
            claim_tokens = _without_asides(p, claim_tokens, quotes, cut, inline)
        cand = _make(t, sent, claim_tokens, head, "clause", inline, quote)
        if cand:
            candidates.append(cand)
            cand.judgement = _judgement(p, head, claim_tokens)
            if cand.judgement:
                # "It is extraordinary to do it now, just as we are becoming the biggest contributor":
                # the clause the verdict is pinned to is a claim of its own.
                for sub, sub_tokens in _clauses_below(p, head, claim_tokens):
                    below = _make(t, sent, sub_tokens, sub, "clause", inline, _quote_at(t.idx[sub], quotes))
                    if below:
                        candidates.append(below)
    taken = {(c.start, c.end) for c in candidates}
    covered = [(c.start, c.end) for c in candidates]
    for cand in _embedded(p, sent, taken, cut):
        # A participle inside a reported clause is already part of that claim
        # ("shares have fallen 40%, wiping $2bn off its value"), also of one reported by
        # a participle of saying ("..., saying they were nitpicking while missing ...").
        if cand.origin == "participle" and any(a <= cand.start and cand.end <= b for a, b in covered):
            continue
        if cand.origin == "content":
            covered.append((cand.start, cand.end))
        # "..., said Jo Bloggs, a Republican who headed the committee": who the speaker is (what
        # the speaker is said to have said, "..., said Borges, who predicted that Y", stays).
        if speakers and cand.origin != "content" and all(i in speakers for i in range(cand.start, cand.end) if not t.is_punct[i]):
            continue
        candidates.append(cand)
    return candidates


#: What closes a quotation that a frame follows: '"Y," he said', '"Y?" she asked', '"Y -" he added'.
_QUOTE_CLOSERS = frozenset(",?!\u2014-")


def _quotation_before(p: _Parse, head: int, tokens: set[int], quotes: Sequence[tuple[int, int]]) -> tuple[Frame, int] | None:
    """The frame and content of '"Y," said X' or '"Y," X said' when the parse gives no reported clause.

    The small model often cannot parse a quotation as a clause ("Let me make it
    clear ...", "What Ryan did is ..."): it hangs the quotation's words on the
    verb of saying as a modifier or object, and the whole sentence, quotation,
    verb, speaker and the speaker's description, was one claim.  A quotation
    that closes with a comma (or "?", "!", a dash) right before the verb and its
    subject is what the verb reports, whatever the arcs say.  Returns the
    verb's child that holds most of the quotation as the content's head.
    """
    t = p.t
    if t.lemma[head] not in SPEECH_VERBS or _quote_at(t.idx[head], quotes) is not None:
        return None
    i = bisect_right(quotes, t.idx[head], key=lambda q: q[0]) - 1
    if i < 0 or quotes[i][1] > t.idx[head] or doc_text(p.doc)[quotes[i][1] - 1] not in _QUOTE_CLOSERS:
        return None
    start, end = quotes[i]
    # Between the quotation and the verb: punctuation, the closing mark, the verb's subject.
    subject = next((c for c in t.children[head] if t.dep[c] in ("nsubj", "nsubjpass")), None)
    between = t.subtree_set(subject) if subject is not None and subject < head else set()
    for k in range(head - 1, -1, -1):
        if t.idx[k] < end:
            break
        if not (t.is_punct[k] or t.is_space[k] or k in between):
            return None
    # The opening mark may hang on the quotation's first word: it starts a character before ``start``.
    inside = [c for c in t.children[head] if c < head and c in tokens and start - 1 <= t.idx[t.left_edge[c]]
              and t.idx[t.right_edge[c]] < end and (c in p.subjects or any(t.pos[k] in _VERBAL for k in t.subtree(c)))]
    if not inside:
        return None
    content = max(inside, key=lambda c: t.right_edge[c] - t.left_edge[c])
    exclude = t.subtree_set(content)
    speaker = _speaker_of(t, head, exclude)
    return Frame(cue=[head], speaker=speaker, tokens=t.subtree_set(head) - exclude, kind="speech"), content


#: What a verb of saying reports, when it reports anything in its own sentence.
_SAID_DEPS = frozenset({"ccomp", "xcomp", "parataxis", "attr", "oprd", "acomp"})


def _bare_frame_after_quote(t: TokenTable, head: int, sent: Span, quotes: Sequence[tuple[int, int]]) -> bool:
    """True for a sentence that only says who spoke the quotation just before it.

    The splitter ends a sentence at a quoted question or exclamation ('"Who will
    pay for it?" | the governor said on Tuesday.'); what is left is a reporting
    frame on its own, which claims nothing ("the governor testified on Tuesday",
    with no quotation before it, is an event and stays).
    """
    dep, children = t.dep, t.children[head]
    if t.lemma[head] not in SPEECH_VERBS or any(
            dep[c] in _SAID_DEPS or (dep[c] in ("advcl", "conj") and t.pos[c] in _VERBAL) for c in children):
        return False  # it reports something, or goes on to say something of its own
    if any(dep[c] == "dobj" for c in children) and t.lemma[head] not in _TELLING_VERBS:
        return False  # "she said a prayer", "he wrote a letter"
    start_char = t.idx[sent.start]
    i = bisect_right(quotes, start_char, key=lambda q: q[0]) - 1
    # The quotation before the sentence ends at its start, give or take the closing mark and a space.
    return i >= 0 and 0 <= start_char - quotes[i][1] <= 2 and quotes[i][1] - quotes[i][0] > 1


#: Verbs whose "whether" clause is a question asked, not a claim made.
_ASKING_VERBS = frozenset({"ask", "query", "question", "wonder", "doubt", "debate", "investigate", "examine", "consider", "probe"})


def _asks_whether(t: TokenTable, head: int) -> bool:
    """True for "some analysts queried whether X had overpaid": the clause reports a question."""
    lemma = t.lemma[head]
    if lemma not in _ASKING_VERBS and lemma not in SPEECH_VERBS and lemma not in COGNITION_VERBS:
        return False
    # An "if" adverbial clause is a condition ("could claim 600 euros if ..."), except after
    # a verb of asking, where the parser often puts the question ("wondered if ...").
    deps = ("ccomp", "advcl") if lemma in _ASKING_VERBS else ("ccomp",)
    clauses = [c for c in t.children[head] if t.dep[c] in deps and t.pos[c] in _VERBAL]
    return bool(clauses) and all(_is_indirect_question(t, c) for c in clauses)


#: Verbs that report a position taken: "X proposed that Y should ..." can be checked against the record.
_ADVOCACY_VERBS = frozenset({"suggest", "propose", "recommend", "urge", "advocate", "demand", "insist", "argue", "call"})
#: Verbs whose reported advice is a position on the record ("the code stipulates", "Romney suggested").
_POSITION_VERBS = RULE_VERBS | _ADVOCACY_VERBS
#: Modal verbs of advice: "X should Y" recommends, it does not state.
_ADVICE_MODALS = frozenset({"should", "ought", "shouldn't", "oughtn't"})


def _recommends(t: TokenTable, head: int, tokens: set[int]) -> bool:
    """True for advice with nothing checkable in it: "the minister should use his first week to ...".

    A figure keeps the clause ("a used Mini should still fetch at least 8,000 pounds" is a
    forecast), as does a rule's wording, which the caller checks ("the code stipulates that a
    first offence should be followed by a ban").
    """
    if not any(t.dep[c] in ("aux", "auxpass") and t.lower[c] in _ADVICE_MODALS for c in t.children[head]):
        return False
    # Digits and amounts, not ordinals: "should use his first week" is still advice.
    tag, ent_type = t.tag, t.ent_type
    return not any(tag[i] == "CD" or ent_type[i] in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL") for i in tokens)


def _judgement(p: _Parse, head: int, tokens: set[int]) -> str:
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
    doc, t = p.doc, p.t
    dep, children = t.dep, t.children
    # A coordinated clause split off as a claim of its own is judged on its own.
    if any(dep[c] == "conj" and t.pos[c] in _VERBAL and c in tokens for c in children[head]):
        return ""
    # A verdict with its reason is a causal claim: "the rebate remained justified because less farm money came to the UK".
    if not p.reasons.isdisjoint(tokens):
        return ""
    # A figure in a relative clause on the subject is that clause's own claim ("the factory,
    # which seemed too large for 100,000 cars, is being put to good use"), and dates are not figures.
    aside = {k for c in children[head] if dep[c] in SUBJECT_DEPS for r in children[c] if dep[r] in ("relcl", "acl")
             for k in t.subtree_set(r)}
    # So is a number that only counts the subject ("three players dominated the season", "the
    # 10-point plan was a failure"), as claim types read it (claim_types._describes_subject).
    nominal = _subjects(doc).nominal
    for verb in (head, *(c for c in children[head] if dep[c] in ("ccomp", "xcomp"))):
        subject = nominal.get(verb)
        if subject is not None:
            aside |= {n for n in children[subject] if dep[n] == "nummod"}
    if not _amounts(doc).isdisjoint(tokens - aside):
        return ""
    token = doc[head]
    if head in opinion_heads(doc) or (is_verdict(token) and not _feeling(token)):
        return VALUE_JUDGEMENT
    if is_attitude(token):
        return ATTITUDE
    if _judges_performance(token):
        return VALUE_JUDGEMENT
    idioms = judgement_idiom_tokens(doc)
    if head in idioms or any(c in idioms and dep[c] not in SUBJECT_DEPS for c in children[head]):
        return VALUE_JUDGEMENT
    if is_labelled_verdict(token, idioms):
        return VALUE_JUDGEMENT
    if is_appeal(token):
        return APPEAL
    if is_conditional_forecast(token):
        return SPECULATION
    return ""


def _speculation(frame: Frame, tokens: set[int], doc: Doc) -> str:
    """:data:`SPECULATION` for the content of "the risk / fear / hope is that X" with no figure in it."""
    if frame.kind != "noun" or not frame.cue:
        return ""
    noun = doc[frame.cue[0]]
    if noun.dep_ != "nsubj" or noun.lemma_.lower() not in _SPECULATIVE_NOUNS or not _amounts(doc).isdisjoint(tokens):
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


def _evaluative_tail(t: TokenTable, head: int, tokens: set[int]) -> set[int]:
    """The tokens of a participle that ends the clause with a verdict on it, to leave out of the claim.

    "The fees are listed in bands of £5,000, making it difficult to compare earnings": the
    listing is the claim, the difficulty the writer's view ("leaving fans baffled",
    "rendering the test pointless").
    """
    dep, children = t.dep, t.children
    last: int | None = None  # the last word of the clause, read only when a participle may end it
    # The participle may hang on the last of coordinated verbs: "X transported them and released
    # them, leaving many to wonder whether ...".
    verbs = [head, *(c for c in children[head] if dep[c] == "conj" and c in tokens)]
    for child in (c for verb in verbs for c in children[verb]):
        if dep[child] != "advcl" or t.tag[child] != "VBG" or t.lemma[child] not in _VERDICT_PARTICIPLES:
            continue
        if last is None:
            last = max((i for i in tokens if not (t.is_punct[i] or t.is_space[i])), default=-1)
        if t.right_edge[child] < last or child < head:
            continue
        if _passes_verdict(t, child):
            return {i for i in tokens if i >= t.left_edge[child]}  # with the full stop after it
    return set()


def _passes_verdict(t: TokenTable, participle: int) -> bool:
    """Whether a participle of :data:`_VERDICT_PARTICIPLES` has a verdict or an open question as
    its complement ("making it difficult", "leaving fans baffled", "leaving many to wonder whether")."""
    dep, children = t.dep, t.children
    # The verdict is the participle's complement, not a word describing its object ("making a
    # difficult choice"). An adjective after the object is its complement too ("leaving commuters furious").
    complements = ("ccomp", "oprd", "acomp", "xcomp")
    verdicts = [k for c in children[participle] if dep[c] in complements for k in (c, *children[c]) if dep[k] in complements]
    verdicts += [k for c in children[participle] if dep[c] == "dobj" for k in children[c] if dep[k] in ("amod", "oprd") and k > c]
    # "leaving some to question if ...": the parser may attach the infinitive of doubt as an advcl.
    verdicts += [c for c in children[participle] if dep[c] == "advcl" and t.lemma[c] in DOUBT_VERBS]
    return any(t.lower[k] in _VERDICT_WORDS or t.lemma[k] in _VERDICT_WORDS for k in verdicts)


def _feeling(head: Token) -> bool:
    """ "People are very concerned": a feeling, which the score explains as one (:mod:`claimcheck.analysis.scoring`)."""
    return any(c.dep_ in ("acomp", "attr", "oprd") and c.lemma_.lower() in EMOTIONS for c in head.children)


def _clauses_below(p: _Parse, head: int, tokens: set[int]) -> list[tuple[int, set[int]]]:
    """Adverbial clauses with their own subject below ``head`` ("..., just as we are becoming the
    biggest contributor"), other than conditions, each with its tokens."""
    doc, t = p.doc, p.t
    out: list[tuple[int, set[int]]] = []
    for token in t.subtree(head):
        if t.dep[token] == "advcl" and token in tokens and t.pos[token] in _VERBAL and token in p.subjects \
                and not _is_condition_or_imperative(p, token) and not _recurring(doc[token], doc[head]) \
                and not any(o <= token <= t.right_edge[o] for o, _ in out):
            marks = [c for c in t.children[token] if t.dep[c] == "mark"]
            # The clause starts after its conjunction: "just as we are becoming" -> "we are becoming".
            opening = {k for m in marks for k in t.children[token] if k < token and k <= m}
            out.append((token, (t.subtree_set(token) & tokens) - opening))
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


@per_document
def _amounts(doc: Doc) -> frozenset[int]:
    """The tokens that are numbers and not dates or parts of names: "100,000", "£2bn" (whose "2bn"
    the tagger calls a noun), "five"; not "2004", "Halo 2".  Read once per document: every claim
    asks about its tokens."""
    t = token_table(doc)
    out: list[int] = []
    # The figure test first, in one pass over the columns: most tokens are no figure, and the
    # exclusions below (which read heads and children) then need not be asked.
    figures = [i for i, (num, ent, tag, text) in enumerate(zip(t.like_num, t.ent_type, t.tag, t.text))
               if num or tag == "CD" or ent in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL") or text[:1].isdigit()]
    for i in figures:
        ent, dep, text = t.ent_type[i], t.dep[i], t.text[i]
        if ent in _NAMED_NUMBER_TYPES or (dep == "nummod" and t.pos[t.head[i]] == "PROPN"):
            continue
        if text.lower() in _REFERRING_NUMBERS and dep != "nummod" and any(
                t.dep[c] == "det" and t.lower[c] in ("the", "these", "those") for c in t.children[i]):
            continue  # "no daylight between the two": people already named, not a figure
        out.append(i)
    return frozenset(out)


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


def _has_figure(t: TokenTable, tokens: set[int]) -> bool:
    """True when a fragment states a figure: "Increased spending on health to 102.8bn rupees"."""
    return any(t.like_num[i] or t.tag[i] == "CD" for i in tokens)


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


def _counted_speakers(t: TokenTable, frame: Frame) -> bool:
    """True when the speakers of a frame are counted ("42% of them say", "three in four voters think"):
    a survey result, whose figure is what a fact-checker checks."""
    if frame.kind not in ("speech", "cognition") or not frame.speaker:
        return False
    lower, n = t.lower, t.n
    first = min(frame.speaker)
    for i in sorted(frame.speaker):
        if i > first and t.text[i - 1] == ",":
            break  # what the writer adds about the speaker: "Borges, who predicted one-third of ..."
        counting = t.dep[i] in ("nsubj", "nsubjpass") or (i + 1 < n and lower[i + 1] == "of")
        if t.ent_type[i] == "PERCENT" or (lower[i] in _SHARE_WORDS and counting and t.pos[i] != "PROPN"):
            return True  # a share of the speakers, not "Senate Majority Leader Harry Reid said"
        # "three in four voters", "nine out of ten doctors"
        if t.like_num[i] and i + 2 < n and lower[i + 1] in ("in", "out") and (t.like_num[i + 2] or lower[i + 2] == "of"):
            return True
    return False


def quote_around(token: Token, quotes: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The quotation holding ``token``; ``quotes`` are in text order and disjoint (as normalise finds them)."""
    return _quote_at(token.idx, quotes)


def _quote_at(char: int, quotes: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The quotation holding character ``char`` (:func:`quote_around` for a token's first character)."""
    i = bisect_right(quotes, char, key=lambda q: q[0]) - 1  # the last one opening at or before it
    if i >= 0 and char < quotes[i][1]:
        return quotes[i]
    return None
