"""Feature strings for the check-worthiness model, read off a parsed spaCy span.

The same function is used to train the model (``train/train_checkworthy.py``)
and to score claims at run time, so the two can never drift apart.  Every
feature is a short string (``"w=<PERCENT>"``, ``"pp=AUX_VERB"``); the shipped
model maps the strings it knows to weights and ignores the rest.

The features favour what carries over to new topics and to news prose over
what memorises the debates the model was trained on:

* words are kept only for ordinary vocabulary; named entities become their
  label (``<PERSON> said``), numbers become ``<NUM>``/``<PERCENT>``/``<MONEY>``
  and dates ``<DATE>``, so "Unemployment fell to 3.5 percent in 2019" and
  "Inflation rose to 9 percent in 2022" share most of their features;
* part-of-speech n-grams, fine-grained tags (tense), the subject's person,
  negation, modality and length describe how a sentence is built rather than
  what it is about.

All of it comes from what the parser already computed, and the per-token work
is a handful of attribute reads, so scoring costs a few per cent of the parse.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is only needed for the annotation; importing it costs ~0.5 s
    from spacy.tokens import Doc, Span

from claimcheck.analysis.spans import entity_index, per_document
from claimcheck.analysis.token_table import TokenTable, token_table

#: Entity labels that stand for a name: the word is replaced by the label.
NAME_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"})
#: Entity labels for quantities: the words become one placeholder each.
QUANTITY_LABELS = frozenset({"PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL", "DATE", "TIME"})
#: Punctuation kept as words because it changes what a sentence is.
KEPT_PUNCT = frozenset({"?", "!", "%", "$"})
#: Parts of speech whose lemma is added: it merges inflections of content words.
LEMMA_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV"})
#: Subject pronouns, grouped by person: "I think" and "we will" are rarely checkable.
PERSON_OF = {
    "i": "1", "we": "1", "me": "1", "us": "1",
    "you": "2",
    "he": "3", "she": "3", "it": "3", "they": "3", "this": "3", "that": "3", "there": "3",
}
#: Token-count buckets (upper bounds): sentence length matters, its exact value does not.
LENGTH_BUCKETS = (3, 6, 10, 15, 25, 40)


def _length_bucket(n: int) -> str:
    for bound in LENGTH_BUCKETS:
        if n <= bound:
            return str(bound)
    return "more"


#: What a span's features need to know of one token, read once per document (see :func:`_token_records`):
#: the word it stands for (``None`` for dropped punctuation), its tag in the POS sequence, whether it is
#: a number, whether it continues an entity (counted once, from the entity's first token), and the
#: token's own feature strings.
_Record = tuple[str | None, str, bool, bool, tuple[str, ...]]



def _token_record(table: TokenTable, i: int, inside_entity: bool) -> _Record | None:
    """One token's part of :func:`span_features` (``None`` for whitespace, which is not counted)."""
    if table.is_space[i]:
        return None
    pos = table.pos[i]
    if pos == "PUNCT" and table.text[i] not in KEPT_PUNCT:
        return (None, pos, False, False, ())
    ent = table.ent_type[i]
    if ent in NAME_LABELS or ent in QUANTITY_LABELS:
        return (f"<{ent}>", ent, ent in QUANTITY_LABELS and ent not in ("DATE", "TIME"), inside_entity, ())
    fine = table.tag[i]
    if table.like_num[i] or fine == "CD":
        return ("<NUM>", "NUM", True, False, ())
    lower = table.lower[i]
    feats = ["t=" + fine]
    if pos in LEMMA_POS:
        feats.append("l=" + table.lemma[i])
    dep = table.dep[i]
    if dep in ("nsubj", "nsubjpass"):
        person = PERSON_OF.get(lower, pos if pos != "PRON" else "pron")
        feats.append("subj=" + person)
        if fine.startswith("NN") or pos == "PROPN":
            feats.append("subj=noun")
    elif dep == "neg":
        feats.append("neg")
    elif fine == "MD":
        feats.append("md=" + lower)
    return (lower, pos, False, False, tuple(feats))


#: ``Token.ent_iob`` of a token inside (not at the start of) an entity.
_IOB_INSIDE = 1


@per_document
def _token_records(doc: Doc) -> list[_Record | None]:
    """Every token's record, built once per document from its token table: a claim, and the sentence
    around it, read the same tokens."""
    from spacy.attrs import ENT_IOB

    table = token_table(doc)
    inside = [v == _IOB_INSIDE for v in doc.to_array(ENT_IOB).tolist()] if len(doc) else []
    return [_token_record(table, i, inside[i]) for i in range(table.n)]


def span_features(span: Span) -> list[str]:
    """The feature strings of one span (a claim clause or a whole sentence).

    Args:
        span: a span of a Doc parsed by a pipeline with a tagger, parser,
            lemmatizer and entity recogniser (``en_core_web_sm``).

    Returns:
        The distinct feature strings, in a stable order.
    """
    words: list[str] = []   # abstracted word sequence (entities collapsed to one item)
    tags: list[str] = []    # coarse POS sequence aligned with ``words``
    feats: list[str] = []
    n_tokens = 0
    has_num = False
    start = span.start
    records = _token_records(span.doc)
    for i in range(start, span.end):
        record = records[i]
        if record is None:
            continue
        n_tokens += 1
        word, tag, number, continues, own = record
        # Multi-token entities ("last year", "3.5 percent") count once.
        if word is None or (continues and i > start):
            continue
        words.append(word)
        tags.append(tag)
        has_num = has_num or number
        feats.extend(own)

    n = len(words)
    feats.extend("w=" + w for w in words)
    feats.extend(f"b={words[i - 1]}_{words[i]}" for i in range(1, n))
    feats.extend(f"pp={tags[i - 1]}_{tags[i]}" for i in range(1, n))
    feats.extend(f"ppp={tags[i - 2]}_{tags[i - 1]}_{tags[i]}" for i in range(2, n))
    if n:
        feats.append("first=" + words[0])
        feats.append("pfirst=" + tags[0])
    root = span.root
    feats.append("root=" + root.lemma_.lower())
    feats.append("roottag=" + root.tag_)
    feats.append("len=" + _length_bucket(n_tokens))
    if has_num:
        feats.append("hasnum")
    # Span.ents rebuilds every entity of the doc on each call; the cached index does not.
    feats.extend(sorted({"e=" + ent.label_ for ent in entity_index(span.doc).within(span.start, span.end)}))
    # Set semantics (binary features) while keeping the first-seen order.
    return list(dict.fromkeys(feats))
