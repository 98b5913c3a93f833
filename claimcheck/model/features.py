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

import bisect
from collections.abc import Callable
from itertools import chain
from typing import TYPE_CHECKING, Any

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


#: Records already made, by what a record is made of (see :func:`_token_records`).
_RECORDS: dict[tuple[Any, ...], _Record | None] = {}
#: Start :data:`_RECORDS` again past this many, so that a long-running server's stays bounded.
_MAX_RECORDS = 200_000


@per_document
def _token_records(doc: Doc) -> list[_Record | None]:
    """Every token's record, built once per document from its token table: a claim, and the sentence
    around it, read the same tokens.

    A record depends only on the token attributes :func:`_token_record` reads, and most tokens repeat
    a combination seen before (in this document or an earlier one), so records are shared through
    :data:`_RECORDS`: a look-up instead of a handful of new strings and tuples per token, which
    also spares the garbage collector the objects a document's records kept alive.
    """
    table = token_table(doc)
    memo = _RECORDS
    if len(memo) > _MAX_RECORDS:
        memo.clear()
    records: list[_Record | None] = []
    append = records.append
    keys = zip(table.is_space, table.pos, table.text, table.ent_type, table.tag, table.like_num,
               table.lower, table.lemma, table.dep, table.ent_iob)
    for i, key in enumerate(keys):
        try:
            append(memo[key])
        except KeyError:
            record = memo[key] = _token_record(table, i, key[9] == _IOB_INSIDE)
            append(record)
    return records


class _Sequence:
    """A document's abstracted word sequence, read once: the positions of the tokens that stand for a word
    in any span (not whitespace, dropped punctuation or the inside of an entity), each with its feature
    strings and those of the n-grams it ends; a span's features are slices of these lists.

    A span that starts inside an entity also has that entity's word first (``lead``); its n-grams
    with the next words are made for the span.
    """

    __slots__ = ("records", "kept", "counted", "numbers", "own", "word", "bigram", "pos2", "pos3", "reader", "pieces")

    def __init__(self, doc: Doc) -> None:
        self.reader: ColumnReader | None = None  # the last reader of this sequence's columns, and its pieces
        self.pieces: _Pieces | None = None
        records = self.records = _token_records(doc)
        kept: list[int] = []
        counted = [0]
        for i, record in enumerate(records):
            counted.append(counted[-1] + (record is not None))
            if record is not None and record[0] is not None and not record[3]:
                kept.append(i)
        self.kept = kept
        self.counted = counted  # non-space tokens before each position
        words = [records[i][0] for i in kept]  # type: ignore[index]
        tags = [records[i][1] for i in kept]  # type: ignore[index]
        numbers = [0]
        for i in kept:
            numbers.append(numbers[-1] + records[i][2])  # type: ignore[index]
        self.numbers = numbers  # kept number words before each kept index
        self.own: list[tuple[str, ...]] = [records[i][4] for i in kept]  # type: ignore[index]
        self.word = ["w=" + w for w in words]  # type: ignore[operator]
        # The n-gram ending at kept index k (empty where there is none).
        self.bigram = [""] + [f"b={words[k - 1]}_{words[k]}" for k in range(1, len(kept))]
        self.pos2 = [""] + [f"pp={tags[k - 1]}_{tags[k]}" for k in range(1, len(kept))]
        self.pos3 = ["", ""][: len(kept)] + [f"ppp={tags[k - 2]}_{tags[k - 1]}_{tags[k]}" for k in range(2, len(kept))]


_sequence = per_document(_Sequence)


class _Pieces:
    """What :func:`_assemble` joins: the sequence's per-word lists, as feature strings or as a model's columns."""

    __slots__ = ("own", "word", "bigram", "pos2", "pos3")

    def __init__(self, own: list[Any], word: list[Any], bigram: list[Any], pos2: list[Any], pos3: list[Any]) -> None:
        self.own, self.word, self.bigram, self.pos2, self.pos3 = own, word, bigram, pos2, pos3


def _string_pieces(sequence: _Sequence) -> _Pieces:
    return _Pieces(sequence.own, sequence.word, sequence.bigram, sequence.pos2, sequence.pos3)


def _assemble(span: Span, sequence: _Sequence, pieces: _Pieces, convert: Callable[[str], Any]) -> list[Any]:
    """The features of ``span`` in :func:`span_features`' order (before duplicates are dropped), each taken
    from ``pieces`` or passed through ``convert``: the feature strings themselves, or a model's columns."""
    start, end = span.start, span.end
    records = sequence.records
    kept = sequence.kept
    a = bisect.bisect_left(kept, start)
    b = bisect.bisect_left(kept, end)
    lead = records[start] if start < end else None
    if lead is not None and (lead[0] is None or not lead[3]):
        lead = None  # the span starts on a word of the sequence, or on no word
    feats: list[Any] = list(chain.from_iterable(pieces.own[a:b]))
    n = b - a
    if lead is not None:
        # A span that starts inside an entity: that entity's word comes first (its record has no own features).
        n += 1
        words = [lead[0]] + [records[i][0] for i in kept[a : a + 2]]  # type: ignore[index]
        tags = [lead[1]] + [records[i][1] for i in kept[a : a + 2]]  # type: ignore[index]
        feats.append(convert("w=" + words[0]))  # type: ignore[operator]
        feats.extend(pieces.word[a:b])
        if n > 1:
            feats.append(convert(f"b={words[0]}_{words[1]}"))
        feats.extend(pieces.bigram[a + 1 : b])
        if n > 1:
            feats.append(convert(f"pp={tags[0]}_{tags[1]}"))
        feats.extend(pieces.pos2[a + 1 : b])
        if n > 2:
            feats.append(convert(f"ppp={tags[0]}_{tags[1]}_{tags[2]}"))
        feats.extend(pieces.pos3[a + 2 : b])
        first_word, first_tag = words[0], tags[0]
        has_num = lead[2] or sequence.numbers[b] > sequence.numbers[a]
    else:
        feats.extend(pieces.word[a:b])
        feats.extend(pieces.bigram[a + 1 : b])
        feats.extend(pieces.pos2[a + 1 : b])
        feats.extend(pieces.pos3[a + 2 : b])
        if n:
            first_word, first_tag = records[kept[a]][0], records[kept[a]][1]  # type: ignore[index]
        has_num = sequence.numbers[b] > sequence.numbers[a]
    if n:
        feats.append(convert("first=" + first_word))  # type: ignore[operator]
        feats.append(convert("pfirst=" + first_tag))
    table = token_table(span.doc)
    root = span.root.i
    feats.append(convert("root=" + table.lemma[root]))
    feats.append(convert("roottag=" + table.tag[root]))
    feats.append(convert("len=" + _length_bucket(sequence.counted[end] - sequence.counted[start])))
    if has_num:
        feats.append(convert("hasnum"))
    # Span.ents rebuilds every entity of the doc on each call; the cached index does not.
    feats.extend(convert(f) for f in sorted({"e=" + ent.label_ for ent in entity_index(span.doc).within(start, end)}))
    return feats


def _same(feature: str) -> str:
    return feature


def span_features(span: Span) -> list[str]:
    """The feature strings of one span (a claim clause or a whole sentence).

    Args:
        span: a span of a Doc parsed by a pipeline with a tagger, parser,
            lemmatizer and entity recogniser (``en_core_web_sm``).

    Returns:
        The distinct feature strings, in a stable order.
    """
    sequence = _sequence(span.doc)
    # Set semantics (binary features) while keeping the first-seen order.
    return list(dict.fromkeys(_assemble(span, sequence, _string_pieces(sequence), _same)))


class ColumnReader:
    """Reads spans as a model's columns (the positions of their known features in its vocabulary), in the
    order of :func:`span_features`: each document's per-word features are looked up once, not once per span.

    Args:
        index: the model's vocabulary, feature string to column.
    """

    def __init__(self, index: dict[str, int]) -> None:
        self._lookup = index.get
        # A word's own features repeat with the word, in this document and the next: each distinct set
        # (a tuple shared through the records' memo) is looked up once, its columns kept as a tuple.
        self._own: dict[tuple[str, ...], tuple[int, ...]] = {}

    def _for(self, sequence: _Sequence) -> _Pieces:
        # Kept on the document's sequence (which lives as long as the doc's memos) for the reader that
        # made it: a slot read per span, where a weak mapping keyed by the doc was a Python call.
        if sequence.reader is self:
            return sequence.pieces  # type: ignore[return-value]
        lookup = self._lookup
        known = self._own
        if len(known) > _MAX_RECORDS:
            known.clear()
        own = []
        for feats in sequence.own:
            cols = known.get(feats)
            if cols is None:
                cols = known[feats] = tuple(c for c in map(lookup, feats) if c is not None)
            own.append(cols)
        found = _Pieces(own, list(map(lookup, sequence.word)), list(map(lookup, sequence.bigram)),
                        list(map(lookup, sequence.pos2)), list(map(lookup, sequence.pos3)))
        sequence.reader, sequence.pieces = self, found
        return found

    def columns(self, span: Span) -> list[int]:
        """The distinct columns of the span's known features, in the order of their first feature string.

        (Distinct strings have distinct columns, so dropping unknown features and then repeated
        columns keeps what dropping repeated strings and then unknown ones keeps, in the same order.)
        """
        sequence = _sequence(span.doc)
        distinct = dict.fromkeys(_assemble(span, sequence, self._for(sequence), self._lookup))
        distinct.pop(None, None)  # unknown features: first occurrences of the rest keep their order
        return list(distinct)
