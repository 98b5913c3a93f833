"""Claim types, following Full Fact's taxonomy of checkable claims.

``quantity`` (numbers, statistics, amounts), ``event`` (something happened or
is happening), ``rule`` (what a law, treaty, agreement or policy says),
``prediction`` (the future, hypotheticals), ``causation`` (X caused Y),
``comparison`` (superlatives, rankings, more/less than), ``role`` (who holds
what post or credential) and ``other``.

Types are decided from the parse of the claim's clause -- the reported content when the claim
still carries its frame -- in the precedence of docs/report.md ("Claim types"): role, verdicts
(other), rule, comparison against another thing, prediction, causation in the predicate,
quantity, plain comparison, then opinion verbs and attitudes (other) and events.  What a class of
people must or may do, or what a plan or law requires, is a rule in any tense ("non-EU citizens
will need Home Office approval"); a comparison against another thing ("four times as many as
France", "would be the biggest takeover") is a comparison even with figures or in the future; a
future clause that states what a figure is ("the deficit would be 4.5% of GDP") is a quantity,
one that forecasts an outcome ("would save 65 lives") a prediction; a cause given as an aside
to a figure ("rose 5%, mostly due to Asia") leaves a quantity.  A number makes a quantity only
when it is what the clause asserts (a subject, or the measure of a verb of amount such as rose,
cost, sold), not when it is a vague magnitude ("thousands of commuters walked"), names a
product ("Windows 2000"), gives an age ("the 25-year-old") or is an idiom ("a million miles from").  Opinion verbs
("underlines the need for") and attitudes ("wants the rebate to end", "is prepared to veto") are
``other``, not events; so are absences ("the audit found no evidence of fraud").  Rules stated through a
law, a policy instrument, a request decided or an allocation, causes without a causal verb, and
motives (which leave an act an event) are tested in :mod:`claimcheck.analysis.claim_type_cues`.

Everything is computed from the claim's own tokens and their parse neighbours; whether a token
carries an amount is memoised per document, so typing costs O(claim length).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from claimcheck.analysis.claim_type_cues import (
    allocated_to_class,
    causal_predicate,
    instrument_changes,
    is_make_up,
    is_motive,
    legislation_acts,
    request_decided,
    states_absence,
    within_the_law,
)
from claimcheck.analysis.claims import nominal_subject, subject_index
from claimcheck.analysis.claim_patterns import (
    JUDGEMENT_WORDS,
    idiom_tokens,
    is_verdict,
    judgement_idiom_tokens,
    opinion_heads,
)
from claimcheck.analysis.lexicon import (
    CAUSAL_MARKERS,
    COGNITION_VERBS,
    CAUSAL_VERBS,
    EVALUATIVE,
    FUTURE_MARKERS,
    INSTITUTION_NOUNS,
    NUMERIC_ENTITY_LABELS,
    PERSON_PRONOUNS,
    PREDICTION_VERBS,
    QUANTITY_WORDS,
    RULE_NOUNS,
    RULE_VERBS,
    TITLE_NOUNS,
)
from claimcheck.analysis.spans import entity_index, per_document
from claimcheck.analysis.token_table import TokenTable, token_table

_EVENT_TAGS = frozenset({"VBD", "VBN", "VBG", "VBZ", "VBP"})
#: Verbs whose object or complement is an amount: a number there is the claim.
_MEASURE_VERBS = frozenset(
    ["be", "have", "rise", "fall", "drop", "climb", "jump", "soar", "surge", "plunge", "slump", "slide",
     "increase", "decrease", "decline", "grow", "shrink", "reach", "total", "number", "account", "exceed",
     "top", "hit", "double", "triple", "halve", "cost", "pay", "spend", "earn", "sell", "save", "owe",
     "borrow", "raise", "cut", "lose", "gain", "show", "find", "estimate", "average", "amount", "represent",
     "employ", "attract", "receive", "fetch", "generate", "make", "value", "measure", "stand", "remain"]
)
_DURATION_VERBS = frozenset(["take", "last", "wait", "spend", "be", "remain", "average"])
_ORDINAL_WORDS = frozenset(
    ["first", "second", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
     "twelfth", "twentieth", "hundredth"]
)
_TIME_UNITS = frozenset(["second", "minute", "hour", "day", "week", "month", "year", "decade", "century"])
#: Magnitude words that are an impression, not a count: "thousands of staff went home".
_VAGUE_MAGNITUDES = frozenset(["dozens", "hundreds", "thousands", "millions", "billions", "scores"])
#: Entity labels whose numbers are part of a name ("Windows 2000", "Formula 1", "Section 28").
_NAME_LABELS = frozenset(["PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "FAC", "NORP", "LOC", "GPE"])
#: Words for a share of a whole: as the head of an argument they are a statistic whatever the verb.
_PROPORTION_WORDS = frozenset(
    ["half", "third", "quarter", "majority", "minority", "fraction", "proportion", "share", "percentage"]
)
#: Verbs and adjectives of attitude: "wants the rebate to end", "is prepared to veto" state a stance.
_ATTITUDE_VERBS = frozenset(["want", "wish", "hope", "intend", "prefer", "like", "love", "hate", "aim", "desire"])
_ATTITUDE_ADJECTIVES = frozenset(
    ["prepared", "willing", "ready", "determined", "keen", "eager", "happy", "reluctant", "unwilling",
     "loath", "minded"]
)
#: Deontic forms: what people must, may or may not do.
_DEONTIC_ADJECTIVES = frozenset(
    ["required", "obliged", "obligated", "entitled", "allowed", "permitted", "forbidden", "prohibited",
     "banned", "barred", "eligible", "liable", "exempt"]
)
_PENALTY_NOUNS = frozenset(
    ["fine", "penalty", "ban", "sentence", "jail", "prison", "imprisonment", "charge", "fee", "suspension",
     "disqualification"]
)
#: Verbs by which a class of people is given or loses what a rule sets: "drivers caught speeding will get
#: three penalty points", "anyone earning over 50,000 pounds will lose the allowance".
_SANCTION_VERBS = frozenset(["get", "receive", "lose", "forfeit", "incur", "risk"])
_LOSS_VERBS = frozenset(["lose", "forfeit", "pay", "serve"])
_ENTITLEMENT_NOUNS = frozenset(
    ["point", "benefit", "allowance", "refund", "compensation", "grant", "rebate", "entitlement", "pension",
     "credit", "discount", "exemption", "vote", "right"]
)
#: What a person needs from an authority before acting: "will need Home Office approval to marry".
_PERMISSION_NOUNS = frozenset(
    ["permission", "approval", "consent", "authorisation", "authorization", "visa", "licence", "license",
     "permit", "clearance", "certificate", "exemption", "waiver"]
)
_SANCTION_NOUNS = _PENALTY_NOUNS | _PERMISSION_NOUNS | _ENTITLEMENT_NOUNS


def _names_sanction(verb: Token) -> bool:
    """True when the verb's object (or a noun compounded with it) is a penalty, permission or entitlement."""
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        if obj.lemma_.lower() in _SANCTION_NOUNS or any(c.dep_ == "compound" and c.lemma_.lower() in _SANCTION_NOUNS for c in obj.children):
            return True
    return False


#: Nouns for a policy not yet (or not only) a law: they say what a rule will be
#: ("under plans unveiled by the party", "the proposals would not apply to ...").
_POLICY_NOUNS = frozenset(["plan", "proposal", "scheme", "reform", "regime", "measure", "change", "regulation", "rule"])
#: Verbs by which a law or policy says who it reaches or what it requires.
_SCOPE_VERBS = frozenset(["apply", "cover", "affect", "exempt", "extend", "require", "allow", "ban", "include", "exclude", "oblige"])
_GENERIC_DETS = frozenset(["all", "any", "every", "each", "no", "most"])
_MODAL_HYPOTHETICAL = frozenset(["would", "could", "might"])
#: Verbs whose modal use is a speech act, not a forecast: "would not comment".
_NOT_FORECAST_VERBS = frozenset(
    ["comment", "say", "confirm", "discuss", "reveal", "disclose", "elaborate", "speculate", "name", "answer"]
)
#: Verbs that only assert or believe: when the claim still carries such a frame, its type is the
#: content clause's ("Straw said the UK was prepared to veto" is an attitude, not an event).
#: Acts of speech that are news in themselves stay events: "announced it would scrap the tax",
#: "pledged", "denied", "confirmed".
_FRAME_VERBS = frozenset(
    ["say", "tell", "claim", "argue", "insist", "add", "note", "explain", "state", "suggest", "allege",
     "contend", "maintain", "assert", "believe", "think", "feel", "fear", "assume", "suspect", "reckon",
     "guess", "imagine", "suppose", "consider", "understand", "know", "report"]
)
_OFFICE_NOUNS = frozenset(["office", "post", "position", "seat", "portfolio", "title", "role", "job"])
_STATIVE = frozenset({"be", "have", "seem", "appear", "remain", "look", "feel", "sound", "become", "consist", "exist"})


def _is_future(ids: list[int], head: Token, table: TokenTable) -> bool:
    i = head.i
    dep, lower, children = table.dep, table.lower, table.children
    kids = children[i]
    if dep[i] in ("ccomp", "xcomp") and table.lemma[table.head[i]] in PREDICTION_VERBS and any(dep[c] == "aux" and lower[c] == "to" for c in kids):
        return True  # "[the bank expects] inflation to fall to 2%": the content of a forecast, its frame left out
    if lower[i] in ("going", "gon") and any(dep[c] == "xcomp" and any(lower[a] == "to" for a in children[c]) for c in kids):
        return True  # "it is going to cost passengers 1.5bn euros": the parser heads the clause on "going"
    for child in kids:
        if dep[child] in ("aux", "auxpass") and lower[child] in FUTURE_MARKERS:
            return True
        if dep[child] == "aux" and lower[child] in ("going", "gon") and any(lower[c] == "to" for c in kids):
            return True
    # (the table's lemma is lower-cased: these compare spaCy's own, so a Token is read where the table's matches)
    if table.lemma[i] in PREDICTION_VERBS:
        return True
    if table.lemma[i] == "be" and head.lemma_ == "be":
        doc, lemma_of = head.doc, table.lemma
        # the table's lemma first: a Token is made only for a child whose lower-cased lemma is one of them
        for c in kids:
            if lemma_of[c] in _SCHEDULE_WORDS:
                word = doc[c]
                if word.lemma_ in _SCHEDULE_WORDS and not _compared(word) and not _cause_phrase(word):
                    return True
    # "is expected to rise", "is set to double"
    if table.tag[i] == "VBN" and head.lemma_ in ("expect", "set", "project", "forecast", "predict", "poise", "due"):
        return True
    head_of = table.head
    return any(head_of[k] == i and k in ids for k in _first_looks(head.doc).future_aux)


#: Words after "be" that make the clause a forecast or a schedule: "is likely to", "is due to open".
_SCHEDULE_WORDS = frozenset(("likely", "set", "expected", "due", "poised", "projected"))


def _compared(t: Token) -> bool:
    """ "more likely than", "six times as likely": a comparison of chances, not a forecast."""
    return any(c.lower_ in ("more", "less", "as", "times", "twice") or c.tag_ in ("RBR", "JJR") for c in t.subtree if c.i != t.i)


def _cause_phrase(t: Token) -> bool:
    """ "due to a shortage" gives a cause; "due to open in May" is a schedule."""
    return t.lower_ == "due" and any(c.dep_ == "pobj" or (c.lower_ == "to" and c.dep_ in ("prep", "pcomp")) for c in t.children)


def _is_hypothetical(head: Token, table: TokenTable) -> bool:
    """ "could save 50 lives", "would soar to $1tn": a modal forecast (not "could have", not "would not comment")."""
    if table.lemma[head.i] in _NOT_FORECAST_VERBS:
        return False
    dep, children = table.dep, table.children[head.i]
    if not any(dep[c] == "aux" and table.lower[c] in _MODAL_HYPOTHETICAL for c in children):
        return False
    # the table's lemma is lower-cased: a Token is made only to check the case of a "have"
    return not any(dep[c] == "aux" and table.lemma[c] == "have" and head.doc[c].lemma_ == "have" for c in children)


def _is_generic_subject(head: Token) -> bool:
    """A subject that stands for a class: "passengers", "all airlines", "anyone", "offenders"."""
    node: Token | None = head
    while node is not None:
        subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
        if subject is not None and subject.dep_ == "csubj":
            # "citizens wanting to work here will have to ...": the parser heads the subject on the participle
            subject = next((c for c in subject.children if c.dep_ == "nsubj"), None) if subject.tag_ == "VBG" else None
        if subject is not None:
            if subject.lower_ in ("anyone", "anybody", "everyone", "everybody", "nobody", "no-one", "whoever"):
                return True
            if subject.lower_ == "those" and any(c.dep_ in ("prep", "acl", "relcl", "amod") for c in subject.children):
                return True  # "those without a settled status", "those subject to immigration control"
            modifiers = {c.lower_ for c in subject.children if c.dep_ in ("det", "predet", "amod")}
            if modifiers & _GENERIC_DETS:
                return True
            # Adjectives do not make a class particular ("non-EU citizens"); determiners do ("the citizens").
            dets = {c.lower_ for c in subject.children if c.dep_ in ("det", "predet", "nummod")}
            return subject.tag_ == "NNS" and not dets and not subject.ent_type_ and not any(c.dep_ == "poss" for c in subject.children)
        # "X will have to adhere": the subject sits on "have"
        node = node.head if node.dep_ in ("xcomp", "ccomp") and node.head.i != node.i else None
    return False


_GENERIC_CONDITION_MARKS = frozenset({"if", "when", "whenever", "once"})


def _regularity(ids: list[int], head: Token) -> bool:
    """A future clause under a condition anyone may meet, with a figure of its own: a regularity, not a forecast.

    "If you smoke, your risk will rise by 20%", "when a driver is over the limit, three crashes in
    four will end in injury": the figure says how often or how much, whoever meets the condition.
    A particular condition ("if she wins, she will cut taxes by 2%") forecasts one outcome.
    """
    for condition in head.children:
        if condition.dep_ != "advcl" or not any(
                m.dep_ in ("mark", "advmod") and m.lower_ in _GENERIC_CONDITION_MARKS for m in condition.children):
            continue
        subject = next((c for c in condition.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        # "you", a class ("drivers", "anyone"), or one of a class ("a driver"): whoever meets it
        generic = subject is not None and (subject.lower_ == "you" or _is_generic_subject(condition) or any(
            c.dep_ == "det" and c.lower_ in ("a", "an") for c in subject.children))
        present = condition.tag_ in ("VBP", "VBZ") or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBP", "VBZ") for c in condition.children)
        if not (generic and present):
            continue
        start, end = condition.left_edge.i, condition.right_edge.i
        if condition.i < head.i:
            # The parser often hangs what follows the condition's comma on it ("If you are going at
            # 40mph, nine times out of ten ..."): a condition before the clause ends at its comma.
            text = token_table(head.doc).text
            end = next((k for k in ids if condition.i < k < head.i and text[k] == ","), end)
        amounts = _amount_ids(head.doc)
        return any(k in amounts for k in ids if not start <= k <= end)
    return False


def _is_deontic(ids: list[int], head: Token, table: TokenTable) -> bool:
    """What a class of people must, may or may not do: a rule even without a rule noun.

    "Passengers can claim 250 euros", "all airlines will have to adhere",
    "airlines do not have to offer compensation", "offenders will face a fine".
    """
    i = head.i
    dep, lower, lemma_of, kids = table.dep, table.lower, table.lemma, table.children[i]
    lemma = lemma_of[i]
    obliged = (
        (any(lower[c] in ("must", "can", "may", "cannot", "could") and dep[c] == "aux" for c in kids)
         and lemma not in COGNITION_VERBS)  # "teenagers could expect a 50% chance" is not a permission
        # (the table's lemma is lower-cased: the head's head is made only to check the case of its "have")
        or (dep[i] == "xcomp" and lemma_of[table.head[i]] == "have" and head.head.lemma_ == "have"
            and any(lower[c] == "to" for c in kids))
        or (lemma == "have" and any(dep[c] == "xcomp" for c in kids))
        or (lemma == "be" and any(lower[c] in _DEONTIC_ADJECTIVES for c in kids if dep[c] in ("acomp", "attr")))
        or (table.tag[i] == "VBN" and lower[i] in _DEONTIC_ADJECTIVES)
        or (lemma == "face" and any(t.lemma_.lower() in _PENALTY_NOUNS for t in head.subtree if t.dep_ in ("dobj", "pobj")))
        or (lemma == "face" and any(dep[c] == "xcomp" and lemma_of[c] in _LOSS_VERBS for c in kids))
        or (lemma in _SANCTION_VERBS and _names_sanction(head))
        or (lemma == "need" and any(dep[c] == "dobj" and lemma_of[c] in _PERMISSION_NOUNS for c in kids))
        or (lemma == "have" and any(dep[c] == "dobj" and lemma_of[c] in ("right", "duty", "obligation") for c in kids))
    )
    return obliged and _is_generic_subject(head)


def _is_conditional(head: Token, table: TokenTable) -> bool:
    dep, lower, children = table.dep, table.lower, table.children
    return any(dep[c] == "advcl" and any(lower[m] in ("if", "unless") for m in children[c] if dep[m] == "mark")
               for c in children[head.i]) and any(lower[c] in ("would", "could", "might") for c in children[head.i])


def _is_policy(ids: list[int], head: Token, table: TokenTable) -> bool:
    """What a plan or proposal would require, or whom it would reach.

    "Under plans unveiled on Monday, drivers will pay a daily charge", "the proposals would not
    apply to students", "the changes will cover all private landlords".
    """
    doc = head.doc
    dep = table.dep
    for k in sorted(_first_looks(doc).under.intersection(ids)):  # a Token made only for "under"
        if dep[k] != "prep":
            continue
        t = doc[k]
        if _main_predicate(t.head, head) and any(c.dep_ == "pobj" and c.lemma_.lower() in _POLICY_NOUNS for c in t.children):
            return True
    if table.lemma[head.i] not in _SCOPE_VERBS:
        return False
    subject = subject_index(doc, head.i)
    return subject is not None and (table.lemma[subject] in _POLICY_NOUNS or table.lemma[subject] in RULE_NOUNS)


_LEGALITY_VERBS = frozenset(["breach", "break", "violate", "contravene", "infringe", "flout", "comply", "conform", "satisfy"])
_LEGALITY_ADJECTIVES = frozenset(["compatible", "incompatible", "consistent", "inconsistent", "compliant", "contrary"])


#: What a law gives its holder: having one is a claim about what the law says.
_LEGAL_STATUS_NOUNS = frozenset(["immunity", "jurisdiction", "authority", "entitlement", "veto", "exemption", "privilege"])


def _is_legality(head: Token, table: TokenTable) -> bool:
    """Whether something is within a law: "the detentions breach human rights law", "the rules were
    incompatible with the convention" -- a claim about what the law allows."""
    lemma_of, ent_type, dep, i = table.lemma, table.ent_type, table.dep, head.i

    def names_rule(k: int) -> bool:
        return any(lemma_of[u] in RULE_NOUNS or ent_type[u] == "LAW" for u in table.subtree(k))

    if lemma_of[i] in _LEGALITY_VERBS:
        return any(dep[c] in ("dobj", "prep") and names_rule(c) for c in table.children[i])
    if lemma_of[i] == "be" and head.lemma_ == "be":  # the table's lemma is lower-cased
        return any(dep[c] == "acomp" and table.lower[c] in _LEGALITY_ADJECTIVES and names_rule(c) for c in table.children[i])
    return False


def _is_rule(ids: list[int], head: Token, table: TokenTable) -> bool:
    if _is_policy(ids, head, table) or _is_legality(head, table):
        return True
    lemma_of, dep = table.lemma, table.dep
    if lemma_of[head.i] == "have" and head.lemma_ == "have" and any(dep[c] == "dobj" and lemma_of[c] in _LEGAL_STATUS_NOUNS for c in table.children[head.i]):
        return True  # "the government has sovereign immunity", "the mayor has the authority to veto"
    looks = _first_looks(head.doc)
    has_rule_noun = not looks.rule_nouns.isdisjoint(ids)
    if not has_rule_noun:
        return False
    subject = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    subject_is_rule = any(t.lemma_.lower() in RULE_NOUNS or t.ent_type_ == "LAW" for s in subject for t in s.subtree)
    if head.lemma_.lower() in RULE_VERBS and (subject_is_rule or any(lemma_of[k] in RULE_NOUNS for k in ids if dep[k] in ("dobj", "attr"))):
        return True
    if subject_is_rule and head.lemma_.lower() in ("say", "state", "specify", "set", "make", "call", "oblige", "bar", "give", "apply", "cover", "come", "take"):
        return True
    # "constrained by law", "required by the treaty": the rule is the agent
    for child in head.children:
        if child.dep_ == "agent" and any(t.lemma_.lower() in RULE_NOUNS or t.ent_type_ == "LAW" for t in child.subtree):
            return True
    # "under the treaty, ...", "it is illegal to ..."
    if any(any(lemma_of[c] in RULE_NOUNS for c in table.subtree(k)) for k in looks.under.intersection(ids)):
        return True
    return any(lemma_of[k] in ("illegal", "unlawful", "legal", "mandatory", "compulsory", "banned", "prohibited") for k in ids)


#: Causal verbs that, with a person or organisation as the subject, report an act, not a cause:
#: "the charity pushed aides to find a job" is an event.
_AGENTIVE_CAUSAL = frozenset(
    ["push", "force", "drive", "prompt", "compel", "spark", "trigger", "provoke", "fuel", "create",
     "produce", "generate"]
)
_ANIMATE_LABELS = frozenset(["PERSON", "ORG", "NORP", "GPE"])
_ORGANISATION_WORDS = frozenset(
    ["foundation", "charity", "club", "team", "group", "association", "society", "board", "trust",
     "campaign", "executive", "official"]
)


_TEMPORAL_PREPOSITIONS = frozenset(["before", "after", "until", "since", "while", "when"])


def _on_main_line(t: Token, head: Token) -> bool:
    """True when ``t`` is the claim's head or heads a clause of its main predicate, not a trailing adjunct
    ("100,000 players logged on, forcing the firm to add servers": the claim is the number)."""
    node = t
    while node.i != head.i:
        if node.dep_ in ("advcl", "relcl"):
            return False
        if node.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in node.children):
            return False  # "no evidence that the drug causes harm": the content of a noun, not the claim's predicate
        if node.dep_ == "pcomp" and node.head.lower_ in _TEMPORAL_PREPOSITIONS:
            return False  # "resisted devaluation, before being forced into it": a later event, not the claim
        if node.head.i == node.i:
            return False
        node = node.head
    return True


def _in_verb_adjunct(table: TokenTable, k: int, head: int) -> bool:
    """True when token ``k`` sits in an adverbial or relative clause with its own verb, off the claim's head
    ("..., making Britain second only to the US"); a mis-parsed noun adjunct does not count."""
    dep, pos, head_of = table.dep, table.pos, table.head
    node = k
    while node != head and head_of[node] != node:
        if dep[node] in ("advcl", "relcl", "acl") and pos[node] in ("VERB", "AUX"):
            return True
        node = head_of[node]
    return False


def _animate_subject(verb: Token) -> bool:
    """True when the verb's subject (or, for "appeared to push", its governor's) is a person or organisation."""
    node = verb
    subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
    while subject is None and node.dep_ == "xcomp" and node.head.i != node.i:
        node = node.head
        subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    lemma = subject.lemma_.lower()
    return (subject.ent_type_ in _ANIMATE_LABELS or subject.lower_ in PERSON_PRONOUNS or subject.lower_ in ("i", "we", "they")
            or lemma in TITLE_NOUNS or lemma in INSTITUTION_NOUNS or lemma in _ORGANISATION_WORDS)


def _is_causation(ids: list[int], head: Token) -> bool:
    return _causation_kind(ids, head) is not None


#: The lemmas and words one of :func:`_causation_kind`'s tests starts from.
_CAUSAL_TEST_LEMMAS = CAUSAL_VERBS | frozenset(["prevent", "stop", "block", "hinder", "hamper", "credit", "attribute", "blame", "leave", "make"])
_CAUSAL_TEST_WORDS = CAUSAL_MARKERS | frozenset(["therefore", "consequently", "hence", "as", "due", "result"])


def _causation_kind(ids: list[int], head: Token) -> str | None:
    """``main`` when the claim's predicate is causal ("the closure led to 900 job losses"),
    ``adjunct`` when a cause hangs off another assertion ("profits rose 5%, mostly due to Asia"),
    ``None`` for no cause in the claim."""
    if not ids:
        return None
    if causal_predicate(head):
        return "main"  # "most of the increase in borrowing reflected higher interest payments", "is attributable to", "made no difference"
    first = ids[0]
    adjunct = False
    doc = head.doc
    # Every test below starts from one of the first look's words or lemmas; most tokens are none.
    for k in sorted(_first_looks(doc).causal.intersection(ids)):
        t = doc[k]
        lemma = t.lemma_.lower()
        if lemma in CAUSAL_VERBS and t.pos_ == "VERB":
            if not _on_main_line(t, head):
                continue
            if lemma == "lead" and not any(c.lower_ == "to" for c in t.children):
                continue
            if lemma in ("drive", "push", "create", "produce", "generate") and not any(c.dep_ in ("xcomp", "oprd", "ccomp", "agent") or (c.lower_ == "to" and c.dep_ in ("prep", "dative")) or (c.dep_ == "prt" and c.lower_ in ("up", "down")) for c in t.children):
                continue
            if lemma in _AGENTIVE_CAUSAL and _animate_subject(t):
                continue
            return "main"
        if lemma in ("prevent", "stop", "block", "hinder", "hamper") and t.pos_ == "VERB" and _on_main_line(t, head) and not _animate_subject(t) and any(c.dep_ == "prep" and c.lower_ == "from" for c in t.children):
            return "main"  # "the ban prevented officials from studying sites"
        if lemma in ("credit", "attribute", "blame") and t.pos_ == "VERB" and any(c.dep_ == "prep" and c.lower_ in ("to", "for", "on") for c in t.children):
            return "main"  # "he credits the change to a defection"
        # "As a result, ...", "Therefore, ...": the cause is in an earlier sentence, not in this claim.
        if t.lower_ in ("therefore", "consequently", "hence") and t.i == first:
            continue
        if t.lower_ == "as" and t.i == first and t.i + 2 < len(t.doc) and t.nbor(2).lower_ == "result" and not any(c.dep_ == "prep" for c in t.nbor(2).children):
            return None
        if t.lower_ == "due" and not (t.i + 1 < len(t.doc) and t.nbor(1).lower_ == "to"):
            continue  # "due in 2006": scheduled, not caused
        if lemma == "leave" and _on_main_line(t, head) and any(c.dep_ in ("oprd", "xcomp", "ccomp", "acomp", "advcl") for c in t.children):
            return "main"  # "has left it isolated"
        if lemma == "make" and not is_make_up(t) and _on_main_line(t, head) and any(c.dep_ in ("ccomp", "xcomp") for c in t.children):
            return "main"  # "the cuts made it harder to recruit"
        if t.lower_ in CAUSAL_MARKERS and t.dep_ in ("mark", "prep", "advmod", "amod", "acomp") and t.lower_ != "since" and not is_motive(t):
            if head.lemma_ == "be" and (t.head.i == head.i or t.head.dep_ in ("acomp", "attr") and t.head.head.i == head.i):
                return "main"  # "the rise is due to an ageing population"
            adjunct = True
        if t.lower_ == "result" and t.dep_ == "pobj" and t.head.lower_ == "a" or (t.lower_ == "as" and t.i + 2 < len(t.doc) and t.nbor(1).lower_ == "a" and t.nbor(2).lower_ == "result"):
            adjunct = True
    return "adjunct" if adjunct else None


@per_document
def _amount_ids(doc: Doc) -> frozenset[int]:
    """The document's tokens that carry an amount (:func:`_carries_amount`): numbers, percentages, fraction
    words; not names, ordinals or idioms.  The claim types and the score's ``number`` signal both read
    amounts through this one test.

    Judged once per document, all tokens at once: claims cover most of a document's tokens and each is
    asked about by several tests of every claim it is in, so a set look-up per question is cheaper than a
    memo filled as tokens are asked; the table's first test (:func:`_may_carry_amount`) leaves few tokens
    for the parse walks.
    """
    table = token_table(doc)
    idioms = idiom_tokens(doc)
    return frozenset(i for i in _may_carry_amount(table) if _carries_amount(table, doc, i, idioms))


def _may_carry_amount(table: TokenTable) -> list[int]:
    """The tokens that pass the first test of :func:`_carries_amount`, read from the token table: a number,
    an entity, a per cent sign, a multiplier or a quantity word.  Most tokens are none of these."""
    return [i for i, (num, ent, text, lower, lemma) in enumerate(zip(table.like_num, table.ent_type, table.text, table.lower, table.lemma))
            if num or ent or text == "%" or lower.endswith("fold") or lemma in QUANTITY_WORDS]


def has_amount(doc: Doc, token_ids: Iterable[int]) -> bool:
    """Whether any of the tokens ``token_ids`` carries an amount (:func:`_amount_ids`)."""
    return not _amount_ids(doc).isdisjoint(token_ids)


def _carries_amount(table: TokenTable, doc: Doc, i: int, idioms: frozenset[int]) -> bool:
    """True when token ``i``, one of :func:`_may_carry_amount`'s, is a number, percentage or fraction word
    that states an amount (read from the token table; ``idioms`` are :func:`idiom_tokens`)."""
    ent, lower, n = table.ent_type[i], table.lower[i], table.n
    if ent == "ORDINAL" and i > 0 and table.lower[i - 1] in ("a", "one", "two", "three") and i + 1 < n and table.lower[i + 1] == "of":
        return True  # "a sixth of all callers": a fraction, not an ordinal
    if _is_age(table, i):
        return False  # "the 25-year-old tested positive": a description of a person, not a statistic
    if i in idioms or ent in _NAME_LABELS or ent == "ORDINAL" or _is_ordinal_word(lower):
        return False
    like_num, head = table.like_num[i], table.head[i]
    if like_num and table.pos[head] == "PROPN" and table.dep[i] in ("nummod", "compound", "appos") and i > head:
        return False  # "Halo 2", "Windows 2000": part of a name the tagger missed
    if ent in NUMERIC_ENTITY_LABELS:
        # "the two", "one of them": not a statistic
        hyphened = i + 2 < n and table.text[i + 1] == "-" and table.pos[i + 2] == "NOUN"  # "a one-point lead"
        return hyphened or not (ent == "CARDINAL" and lower in ("one", "two") and table.dep[i] in ("nummod", "nsubj", "pobj")
                                and not any(table.like_num[c] for c in table.children[i]))
    if lower in ("majority", "minority") and any(table.dep[c] == "poss" or table.ent_type[c] == "NORP" for c in table.children[i]):
        return False  # "the council's Labour majority voted": a body of people, not a share
    if _is_amount_word(table, i):
        return True
    # "hang up after 65 seconds", "for more than 40 years": a measured length of time
    return like_num and ent in ("DATE", "TIME") and _is_duration(doc[i])


def _is_age(table: TokenTable, i: int) -> bool:
    """ "25-year-old", "a six-month-old baby": an age used as a description."""
    return (i + 4 < table.n and table.text[i + 1] == "-" and table.lemma[i + 2] in ("year", "month", "week", "day")
            and table.text[i + 3] == "-" and table.lower[i + 4] == "old")


def _is_ordinal_word(lower: str) -> bool:
    """ "first", "21st" (a token's lower case): spaCy counts them as like_num, but an order is not an amount."""
    return lower in _ORDINAL_WORDS or (len(lower) > 2 and lower[:-2].isdigit() and lower[-2:] in ("st", "nd", "rd", "th"))


_MULTIPLIER_STEMS = frozenset(
    ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty", "fifty", "hundred", "thousand", "many"]
)


def _is_amount_word(table: TokenTable, i: int) -> bool:
    """A number that is not a date, a fraction or proportion word, or a per cent sign."""
    lower = table.lower[i]
    if table.like_num[i] and table.ent_type[i] not in ("DATE", "TIME") and lower not in ("one", "two"):
        return True
    if table.lemma[i] in QUANTITY_WORDS and table.pos[i] in ("NOUN", "NUM", "ADJ", "ADV", "VERB") and lower != "most":
        return True
    if lower.endswith("fold") and (lower[:-4].rstrip("-") in _MULTIPLIER_STEMS or lower[:-4].rstrip("-").isdigit()):
        return True  # "up more than tenfold", "a 20-fold increase"
    return table.text[i] == "%"


_POINT_WORDS = frozenset(["ago", "last", "next", "previous", "later", "earlier", "since", "before", "after", "this", "that", "from", "until", "on", "of"])
_CALENDAR_WORDS = frozenset(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
     "yesterday", "tomorrow", "tonight", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
     "nov", "dec"]
)


def _is_duration(t: Token) -> bool:
    """True when ``t`` is the number of a length of time ("65 seconds", "four days"), not of a date."""
    ent = next(iter(entity_index(t.doc).overlapping(t.i, t.i + 1)), None)
    if ent is None or not any(w.lemma_.lower() in _TIME_UNITS for w in ent):
        return False
    # A point in time names a calendar word or counts back/forward from now ("two days ago", "May 3");
    # decided from the words, not by asking the date parser, which reads "65 seconds" as "now".
    for w in ent:
        lower = w.lower_
        if lower in _POINT_WORDS or lower in _CALENDAR_WORDS or (w.like_num and len(lower) == 4 and lower.isdigit()):
            return False
    return True


def _is_percentage(t: Token) -> bool:
    return t.ent_type_ == "PERCENT" or t.text == "%" or t.lower_ in ("percent", "cent") or (t.i + 1 < len(t.doc) and t.nbor(1).lower_ in ("%", "percent", "per"))


def _is_quantity(claim_ids: list[int], head: Token, table: TokenTable) -> bool:
    """True when an amount is what the clause asserts, not a detail of an event."""
    doc = head.doc
    amount_ids = _amount_ids(doc)
    if amount_ids.isdisjoint(claim_ids):
        return False
    amounts = [doc[k] for k in claim_ids if k in amount_ids]
    lower, head_of = table.lower, table.head
    if any(lower[k] == "average" and lower[head_of[k]] == "on" for k in claim_ids):
        return True  # "callers on average hang up after 65 seconds": an average is a statistic
    ids = set(claim_ids)
    for t in amounts:
        if _is_percentage(t) or t.ent_type_ in ("MONEY", "QUANTITY") or not _is_verbal(head):
            return True  # sums of money, measures and rates are statistics wherever they stand
        # Climb to the predicate the number belongs to, noting the slot it fills there.
        node, depth = t, 0
        while node.head.i != node.i and node.head.i in ids and not _is_verbal(node.head):
            node, depth = node.head, depth + 1
        verb = node.head
        if verb.i == node.i or verb.i not in ids:
            verb = head
        slot = node.dep_ if node.dep_ != "prep" else "prep:" + node.lower_
        vague = t.lower_ in _VAGUE_MAGNITUDES
        if t.ent_type_ in ("DATE", "TIME"):
            # A length of time is the claim with "took", "lasted", "waited", not as the span of an act
            # ("resisted devaluation for three years").
            if verb.lemma_.lower() in _DURATION_VERBS and depth <= 3:
                return True
            continue
        if verb.lemma_.lower() in _MEASURE_VERBS and depth <= 3 and not vague:
            return True  # "sold more than five million copies", "rose to 4.1%", "200 players were online"
        if (slot in _AMOUNT_SLOTS or slot.startswith("prep")) and depth <= 3 and not vague and _main_predicate(verb, head):
            return True  # "200 new jobs are to be created", "scored six goals", "restore rights to 18,000"
        if (t.lemma_.lower() in _PROPORTION_WORDS or t.ent_type_ == "ORDINAL") and t.dep_ in ("dobj", "attr", "nsubj", "nsubjpass", "pobj"):
            return True  # "they gathered almost half of the capital": a share of a whole
    return False


_AMOUNT_SLOTS = frozenset(
    ["nsubj", "nsubjpass", "csubj", "expl", "dobj", "attr", "npadvmod", "dative", "prep:to", "prep:by",
     "prep:from", "prep:at", "prep:of", "prep:up", "prep:over", "prep:under", "prep:around", "prep:about",
     "prep:than"]
)


#: Nouns that name a statistic: a clause saying how one moved or stood is a quantity claim even
#: without a figure ("prices rose sharply", "the share of poorer students hardly changed").
_STATISTIC_NOUNS = frozenset(
    ["percentage", "proportion", "share", "rate", "number", "level", "price", "sale", "output", "turnover",
     "revenue", "profit", "spending", "attendance", "unemployment", "inflation", "deficit", "debt",
     "productivity", "growth", "income", "wage", "earning", "cost", "figure", "total", "volume", "count",
     "population", "turnout", "enrolment", "enrollment", "borrowing", "export", "import"]
)
_MOVEMENT_VERBS = frozenset(
    ["rise", "fall", "drop", "climb", "jump", "soar", "surge", "plunge", "slump", "slide", "increase",
     "decrease", "decline", "grow", "shrink", "double", "triple", "halve", "change", "stagnate", "recover",
     "rebound", "dip", "tumble", "slow", "fluctuate", "peak"]
)
_LEVEL_WORDS = frozenset(["flat", "unchanged", "stable", "steady", "static", "up", "down", "higher", "lower", "level"])


def _statistic_moved(head: Token, table: TokenTable) -> bool:
    """True when the claim says how a statistic moved or stood: "prices rose", "sales were flat"."""
    subject = subject_index(head.doc, head.i)
    if subject is None or table.lemma[subject] not in _STATISTIC_NOUNS:
        return False
    lemma = table.lemma[head.i]
    if lemma in _MOVEMENT_VERBS:
        return True
    return lemma in ("be", "remain", "stay") and any(c.dep_ in ("acomp", "advmod") and c.lower_ in _LEVEL_WORDS for c in head.children)


def _main_predicate(verb: Token, head: Token) -> bool:
    """True when ``verb`` is the claim's head or reached from it through complements and conjuncts only."""
    node = verb
    while node.i != head.i:
        if node.dep_ not in ("xcomp", "ccomp", "conj") or node.head.i == node.i:
            return False
        node = node.head
    return True


def _is_verbal(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX")


_BARE_BOUND_WORDS = frozenset(["more", "less", "fewer", "over", "under"])
_RANK_NOUNS = frozenset(["place", "position", "spot", "rank", "ranking", "number", "top"])
_STANDARD_NOUNS = frozenset(
    ["average", "target", "level", "norm", "rate", "limit", "forecast", "expectation", "estimate",
     "benchmark"]
)


def _than_is_bound(t: Token) -> bool:
    """ "more than 200,000", "less than a year": an approximate amount, not a comparison."""
    before = t.nbor(-1) if t.i > 0 else None
    after = t.nbor(1) if t.i + 1 < len(t.doc) else None
    if before is None or after is None or before.lower_ not in _BARE_BOUND_WORDS:
        return False
    if before.i > 0 and before.nbor(-1).lower_ in ("times", "much", "far", "even", "no", "any") or any(c.lower_ == "times" for c in before.children):
        return False  # "two and a half times more than France"
    return (after.like_num or after.ent_type_ in NUMERIC_ENTITY_LABELS or after.ent_type_ in ("DATE", "TIME")
            or after.lower_ in ("a", "an", "half", "double", "twice") or after.lower_.endswith("fold"))


#: Words after "than" or "compared with" that make the standard the past or an expectation:
#: "higher than expected", "more than a year earlier", "than previously thought".
_EXPECTATION_WORDS = frozenset(
    ["expected", "predicted", "forecast", "projected", "planned", "estimated", "anticipated", "thought",
     "feared", "hoped", "budgeted", "previously", "before", "usual", "normal", "average", "last", "earlier",
     "originally", "initially", "once", "then", "now", "had", "was", "were", "is", "are"]
)
_TIME_PREPOSITIONS = frozenset(["in", "at", "on", "during", "for", "by", "over", "from"])


def _standard_is_past_or_figure(marker: Token) -> bool:
    """True when what follows "than" / "compared with" is a time, a figure, an expectation or a clause:
    "12% higher than a year earlier", "than expected", "compared with 10 million in 1984".
    Such a comparison is about the figure (a quantity); against another thing it is a comparison."""
    doc = marker.doc
    i = marker.i + 1
    if i < len(doc) and doc[i].lower_ in _TIME_PREPOSITIONS and i + 1 < len(doc):
        i += 1  # "than in 2003", "compared with at the same point last year"
    if i < len(doc) and doc[i].lower_ in ("between", "about", "around", "some", "nearly", "almost", "just", "only", "the", "a") and i + 1 < len(doc):
        nxt = doc[i + 1]
        if nxt.like_num or nxt.ent_type_ in ("DATE", "TIME") or nxt.ent_type_ in NUMERIC_ENTITY_LABELS or nxt.lower_ in _EXPECTATION_WORDS or nxt.lemma_.lower() in _TIME_UNITS:
            return True
        if doc[i].lower_ not in ("the", "a"):
            i += 1
    if i >= len(doc):
        return True
    after = doc[i]
    return (after.like_num or after.ent_type_ in ("DATE", "TIME") or after.ent_type_ in NUMERIC_ENTITY_LABELS
            or after.lower_ in _EXPECTATION_WORDS or after.pos_ in ("VERB", "AUX") or after.is_punct)


_MULTIPLIED_NOUNS = frozenset(
    ["size", "number", "amount", "level", "rate", "value", "cost", "price", "population", "length", "height",
     "weight", "speed", "area", "budget", "output", "volume", "figure", "total"]
)


#: The words and lemmas one of :func:`_comparison_kind`'s tests starts from (besides superlatives and ordinals).
_COMPARISON_WORDS = frozenset(
    ["most", "least", "than", "times", "twice", "thrice", "half", "double", "triple", "treble", "compared",
     "record", "first", "only", "last", "time", "top", "number", "never", "one"]
)
_MULTIPLIED_OR_STANDARD = _MULTIPLIED_NOUNS | _STANDARD_NOUNS
_RELATIVE_POSITION_LEMMAS = frozenset(["below", "above", "behind", "ahead", "short", "outstrip", "outpace", "trail", "exceed", "beat"])
_COMPARISON_LEMMAS = _RANK_NOUNS | _RELATIVE_POSITION_LEMMAS


def _comparison_kind(ids: list[int], doc: Doc, table: TokenTable) -> str | None:
    """``relative`` for a comparison against another thing (multipliers, firsts, ranks, standards),
    ``plain`` for superlatives, records and "than" that a figure in the claim may be the point of,
    ``None`` for no comparison."""
    plain = False
    if not ids:
        return None
    lowers, tags, lemmas, ents, heads, deps, pos = table.lower, table.tag, table.lemma, table.ent_type, table.head, table.dep, table.pos
    children, like_num, n = table.children, table.like_num, table.n
    # Every test below starts from one of the first look's words or tags; most tokens pass none of them.
    # Read from the token table (its lemma is spaCy's lower-cased); a Token is made only for the few
    # tests that walk the parse or compare spaCy's own lemma.
    for i in sorted(_first_looks(doc).comparison.intersection(ids)):
        tag, lower, lemma, ent = tags[i], lowers[i], lemmas[i], ents[i]
        superlative = tag in ("JJS", "RBS")
        if superlative and _ranked_by_measure(table, i):
            return "relative"  # "the best-selling novel", "the highest-paid player": a ranking, not praise
        if superlative and lower not in ("most", "least") and lemma not in EVALUATIVE and lower not in EVALUATIVE:
            if ent in ("DATE", "TIME") or lower == "latest":
                continue  # "the latest defence bill": a date, not a ranking
            plain = True  # "the largest", not "the worst decision ever" (an opinion)
        if lower in ("most", "least") and pos[heads[i]] == "ADJ" and lemmas[heads[i]] not in EVALUATIVE:
            plain = True
        if lower == "than" and table.text[i] != "Than" and not _than_is_bound(doc[i]):  # a capital "Than" is part of a name ("Faster Than Light Ltd")
            if i + 1 < n and (lowers[i + 1] in ("any", "all", "every", "anyone", "anything", "other", "ever", "those")
                              or ents[i + 1] in ("GPE", "ORG", "PERSON", "NORP") or pos[i + 1] == "PRON"):
                return "relative"  # "more than France", "slower than any other car"
            if not _standard_is_past_or_figure(doc[i]):
                return "relative"  # "18% more likely than men", "fewer patients than the old drug"
            plain = True
        if lower == "times" and i + 2 < n and lowers[i + 1] in ("many", "much", "more", "less", "fewer", "likely", "high", "large"):
            return "relative"  # "four times as many", "twice as likely"
        if lower in ("twice", "times") and i + 2 < n and lowers[i + 1] == "as" and lowers[i + 2] in ("many", "much", "likely", "high", "large", "big", "fast"):
            return "relative"
        if lower == "compared" and i + 1 < n and lowers[i + 1] in ("with", "to"):
            if not _standard_is_past_or_figure(doc[i + 1]):
                return "relative"  # "compared with France"; "compared with 10 million in 1984" is about the figure
            plain = True
        if lower in ("times", "twice", "thrice", "half", "double", "triple", "treble") and i + 2 < n and lowers[i + 1] in ("the", "its", "their", "his", "her") and (
                lemmas[i + 2] in _MULTIPLIED_NOUNS or lemmas[heads[i + 1]] in _MULTIPLIED_OR_STANDARD):
            return "relative"  # "three times the size of Hong Kong's", "twice the national rate", "double the average"
        if (superlative and lower != "latest" and ent not in ("DATE", "TIME")
                and (lower not in ("most", "least") or pos[heads[i]] in ("ADJ", "ADV", "VERB")) and _record_scope(table, ids)):
            return "relative"  # "the least popular for 20 years", "the highest since 1992", "the biggest ever"
        if superlative and lemma not in EVALUATIVE and _superlative_predicate(doc[i]):
            return "relative"  # "the deal would be the sector's biggest takeover": a ranking whatever the tense
        if (lower == "record" and deps[i] in ("amod", "compound") and pos[heads[i]] == "NOUN" and deps[heads[i]] == "attr"
                and lemmas[heads[heads[i]]] == "be" and doc[i].head.head.lemma_ == "be"):
            return "relative"  # "he is the club's record scorer": a ranking, like "the club's top scorer"
        if lower == "record" and deps[i] in ("amod", "compound", "attr", "appos", "dobj"):
            plain = True
        if lower in ("first", "only", "last") and ent not in ("DATE", "TIME") and deps[i] in ("amod", "attr", "nsubj", "dobj"):
            # "the first man since Wilander to win", "the first Russian woman to win", "the only country to ..."
            noun = heads[i] if deps[i] == "amod" else i
            if lowers[noun] == "time":
                continue  # "for the first time since 2008": a record, which a figure or forecast outranks
            if any(deps[c] in ("relcl", "acl") and any(lowers[m] == "to" for m in children[c]) or (deps[c] == "prep" and lowers[c] == "since")
                   for c in children[noun]):
                return "relative"
        if ent == "ORDINAL" and lower not in ("first", "last") and (
            (i + 1 < n and (tags[i + 1] in ("JJS", "RBS") or lowers[i + 1] in ("in", "among", "place", "largest", "biggest")))
            or lemmas[heads[i]] in ("rank", "finish", "come", "place")
        ):
            return "relative"  # "49th in the nation", "the second highest", "ranks 11th"
        if lower == "time" and i >= 2 and lowers[i - 1] == "first" and lowers[i - 2] in ("the", "a"):
            plain = True  # "for the first time": a record, which a figure or forecast in the claim outranks
        if lemma in _RANK_NOUNS and any(like_num[c] for c in children[i]) and lower != "number" or (lower == "top" and i + 1 < n and like_num[i + 1]):
            return "relative"  # "re-enter the top 50", "third place"
        if lower == "number" and 0 < i < n - 1 and like_num[i + 1] and lowers[i - 1] in ("to", "at", "from"):
            return "relative"  # "fell to number nine"
        if lemma in _RELATIVE_POSITION_LEMMAS and any(lemmas[u] in _STANDARD_NOUNS for u in table.subtree(i)):
            return "relative"  # "well below the industry target", "trails the national average"
        if lower == "never" and any(lowers[u] == "ever" or (lowers[u] == "before" and not any(deps[c] == "pobj" for c in children[u])) for u in ids):
            plain = True
        if lower == "one" and i + 3 < n and lowers[i + 1] == "of" and lowers[i + 2] == "the" and tags[i + 3] == "JJS":
            return "relative"  # "one of the lowest"
    return "plain" if plain else None


#: Verbs that, with "as <title>", say what post someone holds ("earns his money as a director"),
#: not what they did with it ("resigned as leader" is an event).
_ROLE_AS_VERBS = frozenset(["work", "serve", "act", "earn", "make", "sit", "remain", "continue", "stay", "operate", "double"])


def _ranked_by_measure(table: TokenTable, i: int) -> bool:
    """A superlative (token ``i``) joined to a participle: "best-selling", "highest-paid", "most-watched" rank by a measure."""
    return (table.tag[i] in ("JJS", "RBS") and i + 2 < table.n and table.text[i + 1] == "-"
            and table.tag[i + 2] in ("VBG", "VBN"))


def _record_scope(table: TokenTable, ids: list[int]) -> bool:
    """A span of time or history that makes a superlative a record: "for 20 years", "since 1992", "ever",
    "on record", "in history"."""
    lowers, dep, children = table.lower, table.dep, table.children
    for k in ids:
        lower = lowers[k]
        if lower in ("for", "since") and any(dep[c] == "pobj" and table.ent_type[c] == "DATE" for c in children[k]):
            return True
        if lower == "in" and any(dep[c] == "pobj" and table.lemma[c] in ("history", "decade", "year", "generation", "memory") and any(table.like_num[g] or lowers[g] == "living" for g in children[c]) or lowers[c] == "history" for c in children[k]):
            return True
        if lower == "ever" or (lower == "record" and k > 0 and lowers[k - 1] == "on"):
            return True
    return False


def _superlative_predicate(t: Token) -> bool:
    """True when a superlative is, or qualifies, the predicate of a copula: "X would be the biggest Y"."""
    node = t.head if t.dep_ in ("amod", "advmod") and t.head.pos_ in ("NOUN", "PROPN", "ADJ") else t
    return node.dep_ in ("attr", "acomp") and node.head.lemma_ == "be" and t.lower_ not in ("most", "least", "latest")


#: Verbs that state what a figure is, not how it will change: "the deficit would be 4.5% of GDP",
#: "the proposal would mean a 35% rise", "Rosneft will control about 16% of output".
#: A price or outlay set by a decision is stated, not forecast: "the council will spend 2m pounds on roads".
_STATING_VERBS = frozenset(["be", "mean", "total", "amount", "represent", "control", "account", "equal", "stand", "add", "make",
                            "cost", "pay", "spend", "invest", "charge"])


#: Participles that announce a forecast ("200 staff are poised to leave"), not an act done to a count.
_FUTURE_OR_MODAL = FUTURE_MARKERS | _MODAL_HYPOTHETICAL
_FORECAST_PARTICIPLES = frozenset(["poise", "set", "expect", "project", "forecast", "predict", "due", "tip", "slate", "schedule"])


def _stated_figure(head: Token) -> bool:
    """True when a future or modal clause states a figure (a quantity) rather than forecasting an outcome
    ("would save 65 lives", "will exceed 137 million", "is expected to grow by 4.5%" stay predictions)."""
    lemma = head.lemma_.lower()
    if lemma in PREDICTION_VERBS:
        # "the deficit is projected to be $544bn": the forecast states what the figure is
        inner = next((c for c in head.children if c.dep_ == "xcomp" and c.lemma_ == "be"), None)
        return inner is not None and _figure_in_slots(inner)
    if (head.tag_ == "VBN" and lemma not in _FORECAST_PARTICIPLES and any(c.dep_ == "aux" and c.lower_ in _FUTURE_OR_MODAL for c in head.children)
            and any(c.dep_ == "nsubjpass" and has_amount(head.doc, token_table(head.doc).subtree_set(c.i)) for c in head.children)):
        return True  # "300 posts will be created", as "are to be created": the count a decision states
    return lemma in _STATING_VERBS and head.dep_ != "xcomp" and _figure_in_slots(head)


def _figure_in_slots(verb: Token) -> bool:
    """True when the verb's complement or object, or what it comes "to", holds an amount."""
    slots = [c for c in verb.children if c.dep_ in ("attr", "dobj", "acomp")]
    slots += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for p in c.children if p.dep_ == "pobj"]
    table = token_table(verb.doc)
    return any(has_amount(verb.doc, table.subtree_set(s.i)) for s in slots)


_NAMED_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_RELATING_PREPS = frozenset({"of", "for", "at", "to", "with"})


def _named(table: TokenTable, k: int, labels: frozenset[str] = _NAMED_LABELS) -> bool:
    """Token ``k`` is an entity of one of ``labels``, or a proper noun outside any entity."""
    return table.ent_type[k] in labels or (table.pos[k] == "PROPN" and not table.ent_type[k])


_PARTY_LABELS = frozenset({"PERSON", "ORG"})


def _relates_to_named(table: TokenTable, noun: int) -> bool:
    """ "Maersk's subsidiary", "the ministry's buyer", "a contractor for the Ministry of Defence": a noun
    (token ``noun``) tied to a party (:func:`_named`, read from the token table)."""
    dep, children = table.dep, table.children
    for child in children[noun]:
        if dep[child] == "poss" and table.pos[child] in ("NOUN", "PROPN", "PRON"):
            return True
        if dep[child] == "prep" and table.lower[child] in _RELATING_PREPS and any(
                dep[p] == "pobj" and _named(table, p) for p in children[child]):
            return True
    return False


def _is_identity(head: Token, table: TokenTable) -> bool:
    """A copula that says who somebody is to another named party: an affiliation, read as a role.

    "Northgate is a catering contractor for the Ministry of Defence", "Halvorsen is a
    subsidiary of Maersk", "the committee's new chairman is John Baker".  A verdict ("X
    is a disgrace to Y") and a place ("Paris is the capital of France") are not roles.
    """
    doc, i = head.doc, head.i
    if table.lemma[i] not in ("be", "become", "remain"):
        return False
    # Read from the token table: every claim on a copula asks.
    dep, kids = table.dep, table.children[i]
    subject_i = subject_index(doc, i)
    attr_i = next((c for c in kids if dep[c] == "attr" and table.pos[c] in ("NOUN", "PROPN")), None)
    if subject_i is None or attr_i is None:
        return False
    if any(dep[c] == "aux" and (table.lower[c] in FUTURE_MARKERS or table.tag[c] == "MD") for c in kids):
        return False  # "X will be his main target": a plan or a forecast, not who X is
    lemma_of, children = table.lemma, table.children
    for word in (subject_i, attr_i):
        if any(dep[c] == "amod" and table.tag[c] == "JJS" for c in children[word]):
            return False  # "the firm's biggest customer is X": a superlative is a comparison
        if lemma_of[word] in EVALUATIVE or lemma_of[word] in JUDGEMENT_WORDS or any(
                dep[c] == "amod" and lemma_of[c] in EVALUATIVE for c in children[word]):
            return False
    pos = table.pos
    if _named(table, subject_i, _PARTY_LABELS) and pos[attr_i] == "NOUN" and _relates_to_named(table, attr_i):
        return True  # "Northgate is a contractor for the MoD"
    return table.ent_type[attr_i] == "PERSON" and pos[subject_i] == "NOUN" and (
        _relates_to_named(table, subject_i) or lemma_of[subject_i] in TITLE_NOUNS)  # "the MoD's chief buyer is Ann Lee"


def _is_role(ids: list[int], head: Token, origin: str, table: TokenTable) -> bool:
    if origin == "role" or _is_identity(head, table):
        return True
    lemma = table.lemma[head.i]
    if lemma == "hold":
        # "he held each of the great offices of state", "she held the post of chancellor"
        objects = [c for c in head.children if c.dep_ == "dobj"]
        inner = [p for o in objects for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
        titled = any(o.lemma_.lower() in _OFFICE_NOUNS or o.lemma_.lower() in TITLE_NOUNS for o in objects + inner)
    elif lemma in _ROLE_AS_VERBS and any(c.dep_ == "prep" and c.lower_ == "as" and any(p.dep_ == "pobj" and p.lemma_.lower() in TITLE_NOUNS for p in c.children) for c in head.children):
        titled = True  # "he earns his money as a non-executive director of BAE", "she joined as chief executive"
    elif lemma not in ("be", "become", "serve", "remain", "appoint", "name", "elect"):
        return False
    else:
        # read only for the verbs that can state a role: most claims' heads are none of them
        lemma_of, dep = table.lemma, table.dep
        titled = any(lemma_of[k] in TITLE_NOUNS and dep[k] in ("attr", "pobj", "oprd", "appos", "dobj") for k in ids)
    if not titled:
        return False
    subject = nominal_subject(head)
    person_subject = subject is not None and subject.lower_ in PERSON_PRONOUNS
    if person_subject:
        return True
    ent_type, pos = table.ent_type, table.pos
    return any(ent_type[k] == "PERSON" or pos[k] == "PROPN" for k in ids)


def _is_opinion(ids: list[int], head: Token) -> bool:
    """A verdict or an idiom of judgement with no figure in it (a figure that only describes the subject,
    "the 40-page report is a masterpiece", does not count): opinion, whatever else it names."""
    doc = head.doc
    amounts = _amount_ids(doc)
    if any(not _describes_subject(doc[k], head) for k in amounts.intersection(ids)):
        return False
    if is_verdict(head):
        return True
    return not judgement_idiom_tokens(doc).isdisjoint(ids)


def _describes_subject(t: Token, head: Token) -> bool:
    """True when a number only modifies the clause's subject: "the 10-point plan", "the 3-0 defeat"."""
    node = t
    while (node.dep_ in ("nummod", "compound", "amod", "quantmod", "nmod", "punct", "advmod") or (node.dep_ == "prep" and node.like_num)) and node.head.i != node.i:
        node = node.head  # a score ("3-0") is sometimes parsed as a preposition
    return node.i != t.i and node.dep_ in ("nsubj", "nsubjpass") and node.head.i == head.i


def _names_occasion(head: Token, table: TokenTable) -> bool:
    """A copula whose complement happened at a dated or named occasion: "Baikal was the buyer of the unit at
    an auction on Sunday", "it was a third-round loss at the French Open"."""
    dep, lower, head_of, ent_type = table.dep, table.lower, table.head, table.ent_type
    for child in table.children[head.i]:
        if dep[child] not in ("attr", "prep"):
            continue
        for t in table.subtree(child):
            if dep[t] == "pobj" and lower[head_of[t]] in ("at", "on", "in", "during") and ent_type[t] in ("DATE", "EVENT", "FAC"):
                return True
    return False


def _is_attitude(head: Token, table: TokenTable) -> bool:
    """ "he wants the rebate to end", "the UK was prepared to veto": a stance, not an event."""
    dep, kids, lemma = table.dep, table.children[head.i], table.lemma[head.i]
    if lemma in _ATTITUDE_VERBS and any(dep[c] in ("xcomp", "ccomp") for c in kids):
        return True
    if table.lower[head.i] in _ATTITUDE_ADJECTIVES and any(dep[c] == "auxpass" for c in kids):
        return True  # "was prepared to veto", parsed as a passive
    return lemma == "be" and any(dep[c] == "acomp" and table.lower[c] in _ATTITUDE_ADJECTIVES for c in kids)


def _rule_by_cue(ids: list[int], head: Token) -> bool:
    """Rules stated through the law, a policy instrument, a request decided, an allocation or legality."""
    return ((legislation_acts(head) and not has_amount(head.doc, ids)) or instrument_changes(head) or request_decided(head)
            or allocated_to_class(head) or within_the_law(head))


def claim_content(doc: Doc, token_ids: Iterable[int], head_index: int, origin: str) -> tuple[list[int], Token]:
    """The tokens and head a claim's type is decided on: the reported content when the claim still
    carries a reporting frame, the complement of "appeared to".

    Args:
        doc: the parsed document.
        token_ids: the claim's tokens.
        head_index: the claim's head token.
        origin: how the claim was found (``clause``, ``content``, ``role`` ...).

    Returns:
        The token indices (in order; the tests read them from the document's token table and make a
        ``Token`` only for the few a test's first look lets through) and the head.
    """
    ids = set(token_ids)
    tokens = sorted(ids)
    table = token_table(doc)
    dep, children = table.dep, table.children
    head = head_index
    # "the foundation appeared to push aides ...": the claim is about the complement's act.
    if table.lemma[head] in ("appear", "seem") and origin != "role":
        complement = next((c for c in children[head] if dep[c] == "xcomp" and table.pos[c] == "VERB"), None)
        if complement is not None and complement in ids:
            head = complement
    # "Straw said the UK was prepared to veto ...", "it is thought that half a million children ...": when the
    # claim still carries its reporting frame, its type is the reported content's.
    if table.lemma[head] in _FRAME_VERBS and origin != "role":
        content = next((c for c in children[head] if dep[c] == "ccomp" and c in ids), None)
        # "55 percent of voters say she does not": the count of who says it is the claim
        if content is not None and not any(
                has_amount(doc, table.subtree_set(c)) for c in children[head] if dep[c] in ("nsubj", "nsubjpass")):
            start, end = table.left_edge[content], table.right_edge[content]
            inside = [k for k in tokens if start <= k <= end]
            if inside:
                head, tokens = content, inside
    return tokens, doc[head]


def classify(doc: Doc, token_ids: Iterable[int], head_index: int, origin: str) -> str:
    """Decide a claim's type.

    Args:
        doc: the parsed document.
        token_ids: the claim's tokens.
        head_index: the claim's head token.
        origin: how the claim was found (``clause``, ``content``, ``role`` ...).

    Returns:
        The type.
    """
    tokens, head = claim_content(doc, token_ids, head_index, origin)
    table = token_table(doc)  # read once here and handed to the tests
    if _is_role(tokens, head, origin, table):
        return "role"
    if _is_opinion(tokens, head) and not _is_causation(tokens, head):
        return "other"  # a verdict with its reason ("justified because ...") is a causal claim
    if _is_rule(tokens, head, table) or _is_deontic(tokens, head, table) or _rule_by_cue(tokens, head):
        return "rule"
    # A comparison against another thing ("four times as many as France", "would be the biggest
    # takeover") is a comparison even with figures in it or in the future tense; a superlative or
    # "than" beside a figure ("sales were 12% higher than a year earlier") is about the figure.
    # Only a comparison in the claim's own predicate outranks a figure: in "26,000 albums are released
    # a year, making Britain second only to the US" the claim is the number.
    comparison = _comparison_kind(tokens, doc, table)
    main_comparison = comparison if comparison != "relative" else _comparison_kind(
        [k for k in tokens if not _in_verb_adjunct(table, k, head.i)], doc, table)
    quantity = _is_quantity(tokens, head, table)
    if main_comparison == "relative" or (comparison == "relative" and not quantity):
        return "comparison"
    if _is_future(tokens, head, table) or _is_conditional(head, table) or _is_hypothetical(head, table):
        return "quantity" if _stated_figure(head) or _regularity(tokens, head) else "prediction"
    # A cause in the predicate makes a causal claim; a cause given as an aside ("mostly due to ...",
    # "partly because ...") to a figure leaves the claim a quantity.
    causation = _causation_kind(tokens, head)
    if causation == "main" or (causation == "adjunct" and not quantity):
        return "causation"
    if quantity or _statistic_moved(head, table):
        return "quantity"
    if comparison == "plain":
        return "comparison"
    h = head.i
    if h in opinion_heads(doc) or _is_attitude(head, table) or states_absence(head):
        return "other"  # an absence ("the audit found no evidence of fraud") is not an event
    # (the table's lemma is spaCy's lower-cased: a "be" or "have" is confirmed on the Token)
    if table.pos[h] in ("VERB", "AUX") and (table.lemma[h] not in _STATIVE or table.tag[h] in ("VBG",)):
        return "event"
    ent_type = table.ent_type
    be = table.lemma[h] == "be" and head.lemma_ == "be"
    if be and any(table.dep[c] == "prep" for c in table.children[h]) and any(ent_type[k] in ("GPE", "LOC", "FAC") for k in tokens):
        return "event"  # "Putin is in North Korea"
    if be and _names_occasion(head, table):
        return "event"  # "the only let-down was a loss to Kuerten at the French Open"
    if table.lemma[h] == "have" and head.lemma_ in ("have",) and any(ent_type[k] for k in tokens):
        return "event"
    return "other"


class _FirstLooks:
    """The tokens of a document that the first look of a typing test lets through, one set per test, found
    in one pass over the token table.

    Several tests of :func:`classify` start by scanning every token of the claim for a word, tag or lemma
    that most tokens lack (a superlative, a causal word, a rule noun); claims overlap and cover most of the
    document, so each token was scanned several times.  A test now intersects the claim's tokens with its
    set and runs its own checks, unchanged, on what is left, in document order.  The one pass asks each
    token one combined question first (:data:`_LOOK_WORDS`, :data:`_LOOK_LEMMAS`) and sorts out only the
    few that pass it.
    """

    __slots__ = ("comparison", "causal", "rule_nouns", "under", "future_aux")

    def __init__(self, doc: Doc) -> None:
        t = token_table(doc)
        comparison: list[int] = []  # :func:`_comparison_kind`: superlatives, ordinals, words and lemmas of comparison
        causal: list[int] = []  # :func:`_causation_kind`: causal verbs and markers
        rule_nouns: list[int] = []  # :func:`_is_rule`: rule nouns and laws
        under: list[int] = []  # :func:`_is_policy` and :func:`_is_rule`: "under"
        future_aux: list[int] = []  # :func:`_is_future`: future auxiliaries
        for i, (tag, ent, lower, lemma) in enumerate(zip(t.tag, t.ent_type, t.lower, t.lemma)):
            if not (lower in _LOOK_WORDS or lemma in _LOOK_LEMMAS or tag in ("JJS", "RBS") or ent in ("ORDINAL", "LAW")):
                continue
            if tag in ("JJS", "RBS") or ent == "ORDINAL" or lower in _COMPARISON_WORDS or lemma in _COMPARISON_LEMMAS:
                comparison.append(i)
            if lemma in _CAUSAL_TEST_LEMMAS or lower in _CAUSAL_TEST_WORDS:
                causal.append(i)
            if lemma in RULE_NOUNS or ent == "LAW":
                rule_nouns.append(i)
            if lower == "under":
                under.append(i)
            if lower in FUTURE_MARKERS and t.dep[i] in ("aux", "auxpass"):
                future_aux.append(i)
        self.comparison = frozenset(comparison)
        self.causal = frozenset(causal)
        self.rule_nouns = frozenset(rule_nouns)
        self.under = frozenset(under)
        self.future_aux = frozenset(future_aux)


#: The words and lemmas some first look of :class:`_FirstLooks` asks for (besides tags and entity types).
_LOOK_WORDS = _COMPARISON_WORDS | _CAUSAL_TEST_WORDS | frozenset({"under"}) | FUTURE_MARKERS
_LOOK_LEMMAS = _COMPARISON_LEMMAS | _CAUSAL_TEST_LEMMAS | RULE_NOUNS


_first_looks = per_document(_FirstLooks)
