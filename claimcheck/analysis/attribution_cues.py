"""Attribution cues found in the parse, independently of claim detection.

Claim detection (:mod:`claimcheck.analysis.claims`) splits a reporting frame
from its content for the common frames.  This module finds every reporting
cue of a document once, with its source and the token range of its content,
so that a claim the frames did not cover still gets its source:

* verdict and finding verbs ("the court ruled that", "the inquiry found that")
  and the other cue verbs mined from PolNeAR train
  (:mod:`claimcheck.analysis.attribution_lexicon`);
* parenthetical cues in the middle of the content ("Mr Obama, officials said,
  has ...") and participles that carry on a speaker's words ("..., saying
  that ...", "and said ...");
* documents that speak ("a poll shows Clinton leading", "the register shows
  Hague earning £820,000");
* relative pronouns as sources ("Thomas Perez, who said he expects ...");
* acts reported with a complement, as mined cue frames
  (:mod:`claimcheck.analysis.attribution_frames`: "declined to say ...",
  "called for ...", "criticized X for ...").

Cues are indexed by sentence; looking one up is a scan of the few cues of one
sentence, so the whole pass stays linear in the document.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from claimcheck.analysis.attribution_frames import MINED_CUE_FRAMES
from claimcheck.analysis.attribution_lexicon import MINED_CUE_VERBS
from claimcheck.analysis.claims import nominal_subject, subject_index
from claimcheck.analysis.lexicon import COGNITION_VERBS, QUOTING_VERBS, SPEECH_VERBS
from claimcheck.analysis.spans import doc_text, per_document, sentences
from claimcheck.analysis.token_table import TokenTable, token_table

#: Every verb that can report what somebody says, finds or believes.
CUE_VERBS = SPEECH_VERBS | COGNITION_VERBS | MINED_CUE_VERBS

#: Nouns for documents, polls and records that speak for their authors.
DOCUMENT_NOUNS = frozenset(
    """poll survey report study data figure figures statistic statistics census record records analysis
    review inquiry investigation probe audit assessment document documents filing filings letter memo
    email transcript ruling verdict judgment judgement release statement register research estimate
    estimates projection projections forecast survey tally count index book""".split()
)

#: Verbs by which a document presents what it holds: "the poll shows X leading".
_DOCUMENT_VERBS = frozenset("show find reveal indicate suggest estimate put give project list record".split())
# Clauses only: a "to" complement ("refused to speculate", "continues to lead") is the
# subject's own act or state, which the article reports in its own voice.
_CONTENT_DEPS = frozenset({"ccomp", "parataxis"})
_CARRY_DEPS = frozenset({"conj", "advcl", "xcomp"})
_RELATIVE = frozenset({"who", "which", "that"})
#: Verbs that, with a dummy "it", report hearsay without a source: "it has emerged that ...".
IMPERSONAL_HEARSAY = frozenset("emerge transpire".split())
#: Verbs that say how a thing looks: their subject is what looks so, never who holds the view
#: ("the climate appears to be destabilizing", "he appeared deferential, as he dictated ...").
APPEARANCE_VERBS = frozenset({"seem", "appear"})
#: Verbs that name a source as their object: "the paper quoted an insider as saying ...".
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True)
class Cue:
    """A reporting cue: its word, the source's tokens and the content's token range."""

    verb: int
    source: tuple[int, ...]
    content: frozenset[int]
    #: A mined frame ("declined to say", "called for"): the source's act, reported by the
    #: article, so never evidence of vague sourcing on its own.
    act: bool = False

    def covers(self, token_index: int) -> bool:
        return token_index in self.content


def _span_ids(token: Token, drop: set[int] | None = None) -> list[int]:
    """The mention headed by ``token``: its subtree, without clauses or asides after a comma."""
    table = token_table(token.doc)
    i = token.i
    ids = table.subtree_set(i)  # a fresh set, ours to cut down
    for c in table.children[i]:
        if c > i and table.dep[c] in ("appos", "acl", "relcl", "punct") and not _names_role(table, i, c):
            ids -= table.subtree_set(c)
    if drop:
        ids -= drop
    punct = table.is_punct
    return sorted([t for t in ids if not punct[t]])


def _names_role(table: TokenTable, head: int, appos: int) -> bool:
    """Whether an apposition names who a common noun is: "One superdelegate, Nancy Worley," (not
    "Tom Rath, a veteran party leader", where the name comes first and the role describes it)."""
    return table.dep[appos] == "appos" and table.pos[head] == "NOUN" and table.ent_type[appos] == "PERSON"


def _no_sources(doc: Doc) -> dict[int, tuple[int, ...]]:
    return {}


#: Per document, the source found for each verb asked about: the cue index, the cue model's
#: candidates (every verb of a sentence with a claim) and colon look-backs ask about the same verbs.
_sources = per_document(_no_sources)


def source_of(verb: Token) -> list[int]:
    """Who the cue verb reports: its subject, its "by" agent, or the subject it carries on from."""
    memo = _sources(verb.doc)
    found = memo.get(verb.i)
    if found is None:
        found = memo[verb.i] = tuple(_find_source(verb))
    return list(found)  # a fresh list: callers may keep or change it


def _find_source(verb: Token) -> list[int]:
    # Read from the token table: the cue model asks this of every verb of a sentence with a claim.
    doc = verb.doc
    table = token_table(doc)
    dep, head, children, lower, lemma = table.dep, table.head, table.children, table.lower, table.lemma
    node = verb.i
    for _ in range(3):
        subject = nominal_subject(doc[node])
        if subject is not None:
            said = lower[subject.i]
            if said in ("there",):
                return []
            if said in _RELATIVE and dep[node] == "relcl" and table.pos[head[node]] in ("NOUN", "PROPN"):
                return _span_ids(doc[head[node]], table.subtree_set(node))
            if said == "it" and (table.tag[node] == "VBN" or lemma[node] in IMPERSONAL_HEARSAY):
                # "It is understood / was reported / has emerged that ...": unnamed briefing.
                return list(range(subject.i, node + 1))
            if node != verb.i and lemma[node] in QUOTING_VERBS:
                quoted = next((c for c in children[node] if dep[c] == "dobj"), None)
                if quoted is not None:
                    return _span_ids(doc[quoted])  # "quoted an insider as saying ..."
            return _span_ids(subject)
        agent = next((c for c in children[node] if dep[c] == "agent"), None)
        if agent is not None:
            pobj = next((c for c in children[agent] if dep[c] == "pobj"), None)
            if pobj is not None:
                return _span_ids(doc[pobj])
        up = head[node]
        if dep[node] in _CARRY_DEPS and table.pos[up] in ("VERB", "AUX") and up != node:
            node = up  # "..., saying that ...", "X arrived and said ..."
            continue
        if dep[node] == "xcomp" and table.pos[up] == "ADJ" and dep[up] == "acomp" and table.pos[head[up]] in ("VERB", "AUX"):
            node = head[up]  # "advisers are quick to point out that ...": the copula's subject speaks
            continue
        if dep[node] == "pcomp" and lower[up] == "as" and table.pos[head[up]] == "VERB":
            node = head[up]  # "quoted an insider as saying ..."
            continue
        break
    return []


def frame_of(verb: Token) -> str:
    """The complement a verb takes, as a frame key: ``clause`` ("said that ..."), ``to``
    ("declined to say ..."), ``obj`` ("criticized Clinton ..."), ``prep:<word>`` ("called
    for ..."), ``passive`` ("was criticized as ...": the subject is not the source), else
    ``none``.  Mined cue frames are keyed by lemma and this."""
    table = token_table(verb.doc)
    v = verb.i
    children, dep = table.children, table.dep
    kinds = {dep[c] for c in children[v]}
    if "nsubjpass" in kinds or "auxpass" in kinds:
        return "passive"
    if "ccomp" in kinds or "parataxis" in kinds:
        return "clause"
    if "xcomp" in kinds:
        return "to"
    if "dobj" in kinds:
        return "obj"
    prep = next((c for c in children[v] if dep[c] == "prep" and c > v and any(dep[g] in ("pobj", "pcomp") for g in children[c])), None)
    if prep is not None:
        return "prep:" + table.lower[prep]
    return "none"


#: Children of a frame verb that are not what it reports: "has not yet", "publicly".
_FRAME_SKIP_DEPS = frozenset({"aux", "auxpass", "neg", "advmod", "punct", "cc", "conj", "mark", "prt"})


def _reported_after(doc: Doc, verb: int) -> set[int]:
    """What follows a frame verb that it may report: the subtrees of its children after it, less
    auxiliaries, negation, adverbs, punctuation and conjuncts (:data:`_FRAME_SKIP_DEPS`)."""
    table = token_table(doc)
    after: set[int] = set()
    for c in table.children[verb]:
        if c > verb and table.dep[c] not in _FRAME_SKIP_DEPS:
            after |= table.subtree_set(c)
    return after


def _quoted_source(verb: Token, source: list[int]) -> list[int]:
    """``source``, unless the parser took the quotation for it ('"Every single amendment," said
    Cruz'): then the noun after the verb, if any, else nothing."""
    doc = verb.doc
    if not source or source[-1] >= verb.i or not any(doc[i].is_quote for i in range(source[-1] + 1, verb.i)):
        return source
    after = _named_after(verb)
    return _span_ids(after) if after is not None else []


def _named_after(verb: Token) -> Token | None:
    """The noun after a speech verb that the parser made something other than its subject: the
    speaker of '"...," said Cruz' or '"...," mused the host'; the person named when the parser split
    a description from the name ('mused radio co-host Ann Lee' with "co" and "Lee" as objects)."""
    nouns = [c for c in verb.children if c.i > verb.i and c.dep_ in ("dobj", "npadvmod", "attr", "nsubj") and c.pos_ in ("PROPN", "NOUN", "PRON")]
    return next((c for c in reversed(nouns) if c.ent_type_ == "PERSON"), nouns[0] if nouns else None)


#: What ends a quotation's words right before its closing mark when its speaker follows: '"...," she said'.
_QUOTE_END_PUNCT = frozenset({",", "?", "!"})
_QUOTE_MARK_TEXT = frozenset({'"', "\u201c", "\u201d", "''"})


def _closing_mark(verb: Token, source: list[int]) -> int | None:
    """The closing quotation mark a trailing speech cue follows, if it does: '"...," Huckabee said'
    (only the source, and adverbs, between the mark and the verb) or '"...," said the mayor' (the
    verb right after the mark).  A comma, question or exclamation mark before the quotation mark
    says it closes the quotation rather than opens one."""
    doc = verb.doc
    table = token_table(doc)
    first = verb.i
    while first > 0 and (first - 1 in source or table.dep[first - 1] in ("advmod", "aux", "neg")) and first > verb.i - 12:
        first -= 1
    mark = first - 1
    if mark < 1 or table.text[mark] not in _QUOTE_MARK_TEXT or table.text[mark - 1] not in _QUOTE_END_PUNCT:
        return None
    if source and not all(first <= t < verb.i for t in source) and not all(t > verb.i for t in source):
        return None
    return mark


#: What may follow a speech verb that is not in the lexicon, after a quotation: '"...," Trump fumed on Monday'.
_TRAILING_DEPS = frozenset({"prep", "advmod", "npadvmod", "punct"})


def _trailing_quote_cue(verb: Token) -> Cue | None:
    """A verb outside the cue lexicon used as a speech verb after a quotation ('"...," Trump fumed';
    '"...," mused the host'): the position makes it a cue when nothing but its speaker and adjuncts
    follow it."""
    table = token_table(verb.doc)
    if table.tag[verb.i] not in ("VBD", "VBZ", "VBP"):
        return None
    source = _quoted_source(verb, source_of(verb)) or _speaker_after_quotation(verb)
    if not source:
        return None
    # After the verb only adjuncts, or the speaker when the verb comes first ('mused Blaze co-host
    # Stu Burguiere', whose words the parser may make several objects).
    if min(source) > verb.i and not _only_speaker_after(verb):
        return None
    if min(source) < verb.i and any(c > verb.i and table.dep[c] not in _TRAILING_DEPS for c in table.children[verb.i]):
        return None
    content = _quoted_content(verb, source)
    # What a verb outside the lexicon reports must be a clause: 'A self-described "geeky kid," Mr.
    # Cruz changed his name' quotes a phrase, and the verb after it is the sentence's own.
    if not content or not any(table.pos[t] in ("VERB", "AUX") for t in content):
        return None
    return Cue(verb.i, tuple(source), frozenset(content))


def _speaker_after_quotation(verb: Token) -> list[int]:
    """The speaker of a quotation that the parser did not make the verb's subject: the subject
    standing between the closing mark and the verb when the quotation took the subject's place too
    ('"The fact that he tried," Huckabee said' with two subjects), or the noun after a verb that
    follows the mark ('"...," mused the host', the host parsed as an object)."""
    for c in verb.children:
        if c.i < verb.i and c.dep_ == "nsubj" and c.left_edge.i >= 2 and _closing_mark(verb, _span_ids(c)) is not None:
            return _span_ids(c)
    if _closing_mark(verb, []) is None:
        return []
    named = _named_after(verb)
    if named is None or not _only_speaker_after(verb):
        return []  # '"...," Will urged the electorate to abandon ...' ("Will" read as an auxiliary): an act
    return _span_ids(named)


def _only_speaker_after(verb: Token) -> bool:
    """Whether nothing but adjuncts and the words of a speaker follow a verb: 'mused Blaze co-host Stu
    Burguiere on Monday', not 'urged the electorate to abandon ...'."""
    table = token_table(verb.doc)
    return all(table.dep[c] in _TRAILING_DEPS or (table.pos[c] in ("PROPN", "NOUN", "PUNCT") and table.dep[c] in _NAME_DEPS)
               for c in table.children[verb.i] if c > verb.i)


#: How the parser attaches the words of a speaker named after the verb: '"...," said the mayor'.
_NAME_DEPS = frozenset({"dobj", "nsubj", "npadvmod", "attr", "xcomp", "punct", "appos"})


def _quoted_content(verb: Token, source: list[int]) -> set[int] | None:
    """The quotation a trailing speech cue reports when the parser hung it off the verb as
    something other than a clause ('"The fact that he tried," Huckabee said' with "fact" as a
    ``dep``; '"Imagine ...," mused the host' with "Imagine" as an ``advcl``): the subtrees of the
    verb's children that end before the closing mark."""
    mark = _closing_mark(verb, source)
    if mark is None:
        return None
    table = token_table(verb.doc)
    content: set[int] = set()
    for c in table.children[verb.i]:
        if c < mark - 1 and c not in source and table.right_edge[c] < mark:
            content |= table.subtree_set(c)
    return {t for t in content if not table.is_punct[t]} or None


def _inverted_speaker(verb: Token, source: list[int]) -> tuple[list[int], set[int]] | None:
    """The speaker and the words of "..., said Geert Wilders, founder of ..." when the parser made
    both subjects of the speech verb (a verb in the words misread as a noun: "The rejection of the
    treaty signals the end, said Geert Wilders"): the subject after the verb speaks, the one
    before it, ending at the comma right before the verb, is what was said."""
    table = token_table(verb.doc)
    v = verb.i
    if table.lemma[v] not in SPEECH_VERBS or not source or v < 2 or table.text[v - 1] != ",":
        return None
    first = subject_index(verb.doc, v)
    if first is None or first > v or table.right_edge[first] != v - 2:
        return None
    after = next((c for c in table.children[v] if c > v and table.dep[c] == "nsubj" and table.pos[c] in ("PROPN", "NOUN")), None)
    # The source found so far is one of the two subjects (the later one when quotation marks in
    # the words already told ``_quoted_source`` so).
    if after is None or not (first in source or after in source):
        return None
    said = {t for t in table.subtree_set(first) if not table.is_punct[t]}
    return _span_ids(verb.doc[after]), said


def _passive_subject(verb: Token, source: list[int]) -> bool:
    """Whether ``source`` is the cue verb's own passive subject: who was asked or told ("they have
    been asked to keep ...", "customers who were told they would learn ..."), not who speaks.
    A dummy "it" ("it is understood that ...") stays the mark of unnamed hearsay."""
    table = token_table(verb.doc)
    subject = subject_index(verb.doc, verb.i)
    if subject is None or table.dep[subject] != "nsubjpass" or table.lower[subject] == "it":
        return False
    if table.lower[subject] in _RELATIVE:
        return subject not in source and table.head[verb.i] in source  # "customers who were told": the noun
    return subject in source


def _agent(verb: Token) -> list[int]:
    """The speaker a passive cue names with "by": "was told by officials that ..."."""
    table = token_table(verb.doc)
    for c in table.children[verb.i]:
        if table.dep[c] == "agent":
            pobj = next((g for g in table.children[c] if table.dep[g] == "pobj"), None)
            if pobj is not None:
                return _span_ids(verb.doc[pobj])
    return []


#: The arguments of a speech act verb, which say what was alleged, promised or asked: its object,
#: clause or infinitive, and a preposition that the verb governs ("accused X of", "warned of",
#: "called for", "insisted on").  Adjuncts ("on Thursday", "during a tour", "in an effort to
#: ...") say when, where or why the act took place, and are the article's.
_ACT_ARGUMENT_DEPS = frozenset({"dobj", "dative", "ccomp", "xcomp", "attr", "oprd"})
_ACT_ARGUMENT_PREPOSITIONS = frozenset({"of", "for", "about", "against", "on", "over", "to"})


def act_content(doc: Doc, verb: int) -> set[int]:
    """What a speech act verb says was alleged, announced or promised: the subtrees of its
    arguments after it (:data:`_ACT_ARGUMENT_DEPS`), adjuncts left out."""
    table = token_table(doc)
    content: set[int] = set()
    for c in table.children[verb]:
        dep = table.dep[c]
        if c > verb and (dep in _ACT_ARGUMENT_DEPS or dep == "prep" and table.lower[c] in _ACT_ARGUMENT_PREPOSITIONS):
            content |= table.subtree_set(c)
    return content


def act_agent(verb: Token) -> list[int]:
    """Who performs the act a verb names: its subject, or its "by" agent when the subject is
    passive ("Gazprom was accused by Yukos of ...": Yukos, never Gazprom, who was accused)."""
    source = source_of(verb)
    if source and _passive_subject(verb, source):
        return _agent(verb)
    return source


def _frame_cue(verb: Token) -> Cue | None:
    """The cue of a mined frame: the subject is the source, what follows the verb the content."""
    source = _quoted_source(verb, source_of(verb))
    if not source:
        return None
    content = _reported_after(verb.doc, verb.i) - set(source)
    if not content:
        return None
    return Cue(verb.i, tuple(source), frozenset(content), act=True)


def _cue(verb: Token) -> Cue | None:
    """The cue headed by ``verb``, if it reports content and names a source."""
    # Children from the token table: ``Token.children`` scans the verb's whole subtree (for a
    # sentence's root, the sentence), and the cue index asks this of every cue verb.
    table = token_table(verb.doc)
    v = verb.i
    kids, dep = table.children[v], table.dep
    lemma = table.lemma[v]
    if lemma in IMPERSONAL_HEARSAY and not any(dep[c] in _SUBJECTS and table.lower[c] == "it" for c in kids):
        return None  # "Cruz emerged as the favourite" reports nothing
    if lemma in APPEARANCE_VERBS:
        return None  # "the climate appears to be destabilizing": what looks so, not who thinks so
    source = _quoted_source(verb, source_of(verb)) or _speaker_after_quotation(verb)
    if source and _passive_subject(verb, source):
        source = _agent(verb)
    if not source:
        return None
    content: set[int] | None = None
    inverted = _inverted_speaker(verb, source)
    if inverted is not None:
        source, content = inverted
    # The dependency label says it is a clause even when the tagger missed its verb ("children skip").
    child = next((c for c in kids if dep[c] in _CONTENT_DEPS), None)
    head = table.head[v]
    if content is not None:
        pass
    elif child is not None:
        content = table.subtree_set(child)
    elif dep[v] in ("parataxis", "ccomp") and head != v and table.pos[head] in ("VERB", "AUX"):
        # "Mr Obama, officials said, has grown sceptical": the content is the clause around the cue.
        # (Not an adverbial clause: "as Mr Kerry continues to pursue diplomacy, ...".)  An aside is
        # set off by punctuation; a cue clause that is not ("Trump supports the procedure sometimes
        # called ...", misread as a complement of "supports") is part of what is said.
        own = table.subtree_set(v)
        left = table.left_edge[v]
        aside = left > 0 and (table.is_punct[left - 1] or table.is_punct[left]) or head > v
        # "If the talks fail, the union said, workers will strike": the parser hangs the sentence's
        # fronted clause on the aside; it is part of what was said.
        fronted = [c for c in kids if dep[c] == "advcl" and c < min(source) and head > v]
        for c in fronted:
            own = own - table.subtree_set(c)
        if aside and not any(dep[c] in ("dobj", "ccomp", "xcomp", "advcl", "mark") for c in kids if c not in fronted):
            content = table.subtree_set(head) - own - set(source)
    elif (
        dep[v] == "advcl"
        and table.pos[head] in ("VERB", "AUX")
        and any(dep[c] == "mark" and table.lower[c] == "as" for c in kids)
        and not any(dep[c] in ("dobj", "xcomp", "prep", "dative") for c in kids)
    ):
        # "As The Hill reported, Trump was accused of ...": the clause the cue hangs off
        # (not "even as he defended Melania Trump", an act of his own).
        content = table.subtree_set(head) - table.subtree_set(v)
    if content is None:
        content = _quoted_content(verb, source)
    if content is None and lemma in CUE_VERBS:
        content = _fronted_content(verb, source)
    if content is None and lemma in _DOCUMENT_VERBS:
        subject = nominal_subject(verb)
        obj = next((c for c in kids if dep[c] == "dobj"), None)
        if subject is not None and obj is not None and table.lemma[subject.i] in DOCUMENT_NOUNS:
            content = table.subtree_set(obj)
    if not content:
        return None
    return Cue(v, tuple(source), frozenset(content))


#: Left children that are the reported clause when the parser missed it: "Detaining suspects
#: without trial breaks the law, the court has ruled" (``Detaining`` taken for an adverbial clause).
_FRONTED_DEPS = frozenset({"advcl", "csubj", "dep"})


def _fronted_content(verb: Token, source: list[int]) -> set[int] | None:
    """The reported clause before a trailing cue ("..., the court has ruled."), when the parser
    hung it off the verb as something else: a clause without a subordinating word ("When the
    vote was held, the court ruled" is an adverbial clause, "Asked if ..." and "To meet ..."
    asides), ending at a comma right before the source, with nothing reported after the verb."""
    table = token_table(verb.doc)
    v = verb.i
    dep, tag, children = table.dep, table.tag, table.children
    if not source or any(dep[c] in ("dobj", "xcomp", "ccomp", "attr", "dative") for c in children[v]):
        return None
    first = min(source)
    if first == 0 or table.text[first - 1] != "," or v < first:
        return None
    for child in children[v]:
        if dep[child] not in _FRONTED_DEPS or child >= first or table.pos[child] not in ("VERB", "AUX"):
            continue
        if tag[child] == "VBN" or any(dep[c] == "mark" or (dep[c] == "aux" and tag[c] == "TO") for c in children[child]):
            return None  # "Asked if ..., he said", "To meet the target, the plan calls for ...": asides
        ids = table.subtree_set(child)
        if max(ids) < first - 1 and min(ids) <= table.sent_start[v] + 1:
            return ids
    return None


def _document_frames(sent) -> list[Cue]:  # type: ignore[no-untyped-def]
    """"In a poll released Sunday, three of four Americans disapproved": the document speaks
    for the clause it opens."""
    root = sent.root
    out = []
    table = token_table(sent.doc)
    for i in table.children[root.i]:
        if not (table.dep[i] == "prep" and table.lower[i] in ("in", "from") and i < root.i):
            continue  # read from the table: most sentences have no such child
        child = sent.doc[i]
        pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.lemma_.lower() in DOCUMENT_NOUNS and pobj.lemma_.lower() not in _NOT_SPEAKING:
            own = table.subtree_set(i)
            content = frozenset(table.subtree_set(root.i) - own)
            out.append(Cue(child.i, tuple(_span_ids(pobj)), content))
    return out


def _according_frames(sent) -> list[Cue]:  # type: ignore[no-untyped-def]
    """"A raised $5.7m, and B had $5m in cash, according to his filings": "according to X" that
    opens or closes a sentence speaks for all of it, every conjunct, whichever verb the parser hung
    it on ("according to X" inside a clause is the claim's own frame, :mod:`claims`)."""
    out = []
    table = token_table(sent.doc)
    lower, punct = table.lower, table.is_punct
    for i in range(sent.start, sent.end - 1):
        if lower[i] != "according" or lower[i + 1] != "to":
            continue
        pobj = next((c for c in table.children[i + 1] if table.dep[c] == "pobj"), None)
        if pobj is None:
            continue
        phrase = table.subtree_set(i)
        last = max(phrase)
        opens = i == sent.start and last + 1 < sent.end and lower[last + 1] == ","
        closes = i > sent.start and lower[i - 1] == "," and all(punct[t] for t in range(last + 1, sent.end))
        if not (opens or closes):
            continue
        content = frozenset(t for t in range(sent.start, sent.end) if t not in phrase and not punct[t])
        if content:
            out.append(Cue(i, tuple(_span_ids(sent.doc[pobj])), content))
    return out


_FRAME_LEMMAS = frozenset(key.split()[0] for key in MINED_CUE_FRAMES)

#: Documents that hold things rather than say them: "in the record", "in the index".
_NOT_SPEAKING = frozenset({"record", "records", "index", "count", "book", "register", "data"})


class CueIndex:
    """The attribution cues of one document, by sentence."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._by_sentence: dict[int, list[Cue]] = {}
        table = token_table(doc)
        pos, lemmas, texts = table.pos, table.lemma, table.text
        for sent in sentences(doc):
            cues = _document_frames(sent) + _according_frames(sent)
            for i in range(sent.start, sent.end):
                if pos[i] != "VERB":
                    continue
                lemma = lemmas[i]
                cue = None
                if lemma in CUE_VERBS or lemma in _DOCUMENT_VERBS or lemma in IMPERSONAL_HEARSAY:
                    cue = _cue(doc[i])
                if cue is None and lemma in _FRAME_LEMMAS:
                    token = doc[i]
                    if f"{lemma} {frame_of(token)}" in MINED_CUE_FRAMES:
                        cue = _frame_cue(token)
                elif cue is None and lemma not in CUE_VERBS and not _QUOTE_MARK_TEXT.isdisjoint(texts[max(sent.start, i - 6) : i]):
                    cue = _trailing_quote_cue(doc[i])
                if cue is not None:
                    cues.append(cue)
            if cues:
                self._by_sentence[sent.start] = cues
        self._colon_introduced(doc)

    def _colon_introduced(self, doc: Doc) -> None:
        """"Soerens argued that:" / "The transcript reads as follows:" - the sentences after the
        colon, to the end of the next paragraph, are the source's."""
        text = doc_text(doc)
        # Paragraphs end at a blank line, or at a line break in text whose paragraphs are lines.
        newlines = text.count("\n")
        paragraph_end = "\n\n" if newlines and 2 * text.count("\n\n") >= newlines / 2 else "\n"
        source: tuple[int, ...] | None = None
        until = 0
        for sent in sentences(doc):
            if source is not None and sent.start_char < until:
                content = frozenset(range(sent.start, sent.end))
                self._by_sentence.setdefault(sent.start, []).append(Cue(sent.start - 1, source, content))
                continue
            source = None
            last = sent.end - 1
            while last > sent.start and (doc[last].is_space or doc[last].text in ('"', "\u201c")):
                last -= 1
            if doc[last].text != ":":
                continue
            found = colon_source(doc, last)
            if found is None:
                continue
            after = doc[last].idx + 1
            while after < len(text) and text[after].isspace():
                after += 1
            end = text.find(paragraph_end, after)
            source, until = tuple(found[0]), end if end >= 0 else len(text)

    def in_sentence(self, sent_start: int) -> list[Cue]:
        """The cues of the sentence that starts at token ``sent_start``."""
        return self._by_sentence.get(sent_start, [])

    def all(self) -> list[Cue]:
        """Every cue of the document, in order."""
        return [cue for cues in self._by_sentence.values() for cue in cues]

    def mostly_reported(self, cue: Cue, tokens: set[int]) -> bool:
        """Whether a claim headed by ``cue``'s verb is mostly what the cue reports: most of its
        words lie after the verb ("The poll showed Trump losing supporters after the debate,
        with 40 percent ..."); a claim mostly made of its source ("Felicia Wong, president of
        ..., and Stan Greenberg, ..., applauded it") is the article's report of an act."""
        table = token_table(self.doc)
        # A cue after the quotation it reports ('"...," Manchin said, referring to ...') reports
        # the quotation, not what follows the verb.
        quoted_before = bool(cue.content) and max(cue.content) < cue.verb and not _QUOTE_MARK_TEXT.isdisjoint(
            table.text[max(cue.content) + 1 : cue.verb])
        after = set() if quoted_before else _reported_after(self.doc, cue.verb)
        for c in table.children[cue.verb]:
            if c > cue.verb and not after.isdisjoint(cue.source) and c in after and not table.subtree_set(c).isdisjoint(cue.source):
                # '"...," said Tom Rath, a veteran party leader who ...': the speaker after the verb,
                # with all that describes him, is who speaks, not what is reported.
                after -= table.subtree_set(c)
        punct = table.is_punct
        words = {i for i in tokens if not punct[i]}
        return bool(words) and 2 * len(words & (after | cue.content)) >= len(words)

    def for_claim(self, head: int, sent_start: int, tokens: set[int] | None = None) -> Cue | None:
        """The cue that reports the claim headed by ``head``: the claim's own verb, else the
        innermost cue whose content holds the head.  ``tokens`` are the claim's: a
        claim headed by the cue must hold some of its content."""
        best: Cue | None = None
        table = token_table(self.doc)
        for cue in self._by_sentence.get(sent_start, ()):
            if cue.verb == head or _controlled_by(table, cue.verb, head):
                # The claim is the whole frame: it is the source's when it is mostly the reported
                # clause ("The commission ruled on 30 July that the act discriminated ..."); a
                # bare "Corker said" is not.  (Objects and "to" complements are left out:
                # "Clinton unveiled a $275bn plan" is the article's report of an act.)
                if tokens is None:
                    return cue
                return cue if self.mostly_reported(cue, tokens) else None
            if cue.covers(head) and head not in cue.source and (best is None or len(cue.content) < len(best.content)):
                best = cue
        return best


def _controlled_by(table: TokenTable, verb: int, head: int) -> bool:
    """Whether a cue verb is the infinitive of an adjective the claim's head (a copula) takes:
    "aides are quick to point out that ...", "the union was eager to say that ..." (the
    copula's subject speaks).  Not the infinitive of a verb: "he then proceeded to repeat ..." and
    "he has begun to indicate ..." report acts."""
    adjective = table.head[verb]
    return (table.dep[verb] == "xcomp" and table.pos[adjective] == "ADJ" and table.dep[adjective] == "acomp"
            and table.head[adjective] == head)


def colon_source(doc: Doc, colon: int) -> tuple[list[int], str] | None:
    """The source that introduces a quotation after a colon: "X said:", "From the report:".

    Looks back from the colon to the start of its sentence; returns the source's
    tokens and the cue word.
    """
    if colon > 0:
        # "More from Jeffrey M. Jones: '...'", "- HuffPollster: '...'": the name the colon follows,
        # tagged as one, or two or more capitalised names after a dash, "from" or "by".
        before = doc[colon - 1]
        if before.pos_ == "PROPN" and before.ent_type_ in ("PERSON", "ORG"):
            start = colon - 1
            while start > 0 and doc[start].ent_iob_ == "I":
                start -= 1
            return list(range(start, colon)), ":"
        start = colon
        while start > 0 and colon - start < 4 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
            start -= 1
        if colon - start >= 2 and start > 0 and doc[start - 1].lower_ in ("-", "–", "—", "from", "by"):
            return list(range(start, colon)), ":"
    for i in range(colon - 1, max(colon - 40, -1), -1):
        token = doc[i]
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in CUE_VERBS:
            ids = source_of(token)
            if ids:
                return ids, token.text
        if token.lower_ in ("from", "in") and token.dep_ == "prep":
            pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.lemma_.lower() in DOCUMENT_NOUNS:
                return _span_ids(pobj), token.text
        if token.is_sent_start:
            break
    return None
