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
import threading
from collections.abc import Callable, Sequence
from itertools import accumulate, chain, repeat
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # spaCy is only needed for the annotation; importing it costs ~0.5 s
    from spacy.tokens import Doc, Span

import numpy as np

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


#: What a span's features need to know of one token, read once per document (see :class:`_Sequence`):
#: the word it stands for (``None`` for dropped punctuation), its tag in the POS sequence, whether it is
#: a number, whether it continues an entity (counted once, from the entity's first token), and the
#: token's own feature strings.
_Record = tuple[str | None, str, bool, bool, tuple[str, ...]]



def _token_record(table: TokenTable, i: int, inside_entity: bool) -> _Record | None:
    """One token's part of :func:`span_features` (``None`` for whitespace, which is not counted).

    It reads only the attributes in :class:`_Sequence`'s record key, which records are shared by.
    """
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


#: Marks an n-gram key not yet looked up (``None`` is a looked-up unknown feature).
_UNSEEN: Any = object()

#: A :class:`ColumnReader`'s column of an unknown feature, so that its columns fit an integer array.
_UNKNOWN = -1


def _known(column: int | None) -> int:
    return _UNKNOWN if column is None else column


#: ``Token.ent_iob`` of a token inside (not at the start of) an entity.
_IOB_INSIDE = 1


class _Book:
    """Every record made so far, each once and numbered, with a number for each tag.

    A record depends only on the token attributes :func:`_token_record` reads, and most tokens repeat
    a combination seen before (in this document or an earlier one): a look-up instead of a handful of
    new strings and tuples per token, which also spares the garbage collector the objects a
    document's records kept alive.  A document's kept words become record numbers, so that a
    :class:`ColumnReader` looks each record's columns up once, and its n-grams' by pairs and triples
    of numbers.  A full book is replaced by a new one (a long-running server's stays bounded); a
    sequence keeps the book its numbers are from.
    """

    __slots__ = ("ids", "records", "tag_ids", "tag_of", "_lock")

    #: Records in a book before new documents start another.
    LIMIT = 200_000

    def __init__(self) -> None:
        self.ids: dict[tuple[Any, ...], int] = {}
        self.records: list[_Record | None] = []
        self.tag_ids: dict[str, int] = {}
        self.tag_of: list[int] = []  # each record's tag number (-1 for whitespace)
        self._lock = threading.Lock()  # documents may be read in several threads; only a new record takes it

    def add(self, key: tuple[Any, ...], record: _Record | None) -> int:
        """The number of ``record``, made of ``key``, numbered now unless another thread just did."""
        with self._lock:
            number = self.ids.get(key)
            if number is None:
                number = len(self.records)
                self.records.append(record)
                self.tag_of.append(-1 if record is None else self.tag_ids.setdefault(record[1], len(self.tag_ids)))
                self.ids[key] = number  # last: a number is only found once its record and tag are in
            return number


#: Bits of a record's and a tag's number in an n-gram's key: a book holds at most ``_Book.LIMIT`` records
#: plus one document's (spaCy parses at most a million characters at once), and no more tags than records,
#: so both fit, and a triple of tags fits in 63 bits.
_RECORD_BITS = 31
_TAG_BITS = 21
_BOOK = [_Book()]


def _book() -> _Book:
    """The book new documents' records go into."""
    if len(_BOOK[0].records) >= _Book.LIMIT:
        _BOOK[0] = _Book()
    return _BOOK[0]


class _Sequence:
    """A document's abstracted word sequence, read once: the positions of the tokens that stand for a word
    in any span (not whitespace, dropped punctuation or the inside of an entity), each with its feature
    strings and those of the n-grams it ends; a span's features are slices of these lists.

    A span that starts inside an entity also has that entity's word first (``lead``); its n-grams
    with the next words are made for the span.

    ``records`` holds every token's record (``None`` for whitespace), ``numbers_of_kept`` the record
    numbers (in ``book``) of the kept words; the feature strings (:func:`_string_pieces`) are made
    only when asked for, since a model reads columns (:class:`ColumnReader`).
    """

    __slots__ = ("book", "records", "kept", "kept_ids", "counted", "numbers", "read", "strings")

    def __init__(self, doc: Doc) -> None:
        # The last reader of this sequence's columns and its pieces, as one pair so that a thread never
        # sees one reader with another's pieces.
        self.read: tuple[ColumnReader, _Pieces] | None = None
        self.strings: _Pieces | None = None
        book = self.book = _book()
        table = token_table(doc)
        ids = book.ids
        # The key is every attribute _token_record reads (a record is shared by all tokens with the same key):
        # an attribute it comes to read must be added here, or tokens that differ in it share a record.
        keys = list(zip(table.is_space, table.pos, table.text, table.ent_type, table.tag, table.like_num,
                        table.lower, table.lemma, table.dep, table.ent_iob))
        numbers_of: list[Any] = list(map(ids.get, keys))  # most tokens repeat a record made before: one pass
        if None in numbers_of:
            for i, number in enumerate(numbers_of):
                if number is None:  # new records numbered in token order, as one pass would
                    key = keys[i]
                    number = ids.get(key)  # made for an earlier token of this document
                    numbers_of[i] = book.add(key, _token_record(table, i, key[9] == _IOB_INSIDE)) if number is None else number
        records = self.records = list(map(book.records.__getitem__, numbers_of))
        kept: list[int] = []
        counted = [0]
        for i, record in enumerate(records):
            counted.append(counted[-1] + (record is not None))
            if record is not None and record[0] is not None and not record[3]:
                kept.append(i)
        self.kept = kept
        self.kept_ids = [numbers_of[i] for i in kept]
        self.counted = counted  # non-space tokens before each position
        numbers = [0]
        for i in kept:
            numbers.append(numbers[-1] + records[i][2])  # type: ignore[index]
        self.numbers = numbers  # kept number words before each kept index


_sequence = per_document(_Sequence)


class _Pieces:
    """What :func:`_assemble` joins: the sequence's per-word lists, as feature strings or as a model's columns
    (-1 for an unknown feature)."""

    __slots__ = ("own", "word", "bigram", "pos2", "pos3", "flat")

    def __init__(self, own: list[Any], word: list[Any], bigram: list[Any], pos2: list[Any], pos3: list[Any]) -> None:
        self.own, self.word, self.bigram, self.pos2, self.pos3 = own, word, bigram, pos2, pos3
        self.flat: _Flat | None = None  # the columns as one array, made when a batch first reads them


class _Flat:
    """A document's columns (:class:`_Pieces` of a :class:`ColumnReader`) in one array, so that a batch of
    spans is gathered with a few numpy calls rather than a list joined per span: each kept word's own
    columns in turn, then one column per kept word for its word, bigram, tag bigram and tag trigram
    (-1 for an unknown feature or none).  ``own_at[k]`` is where kept word ``k``'s own columns start,
    ``word_at`` .. ``pos3_at`` where the per-word runs start."""

    __slots__ = ("columns", "own_at", "word_at", "bigram_at", "pos2_at", "pos3_at")

    def __init__(self, pieces: _Pieces) -> None:
        self.own_at = [0, *accumulate(map(len, pieces.own))]
        n = len(pieces.word)
        self.word_at = self.own_at[-1]
        self.bigram_at, self.pos2_at, self.pos3_at = self.word_at + n, self.word_at + 2 * n, self.word_at + 3 * n
        self.columns = np.fromiter(chain(chain.from_iterable(pieces.own), pieces.word, pieces.bigram, pieces.pos2, pieces.pos3),
                                   dtype=np.int64, count=self.word_at + 4 * n)


def _string_pieces(sequence: _Sequence) -> _Pieces:
    """The sequence's feature strings: each kept word's own ones, its word and the n-grams it ends
    (empty where there is none)."""
    if sequence.strings is None:
        records = sequence.records
        kept = sequence.kept
        words = [records[i][0] for i in kept]  # type: ignore[index]
        tags = [records[i][1] for i in kept]  # type: ignore[index]
        sequence.strings = _Pieces(
            [records[i][4] for i in kept],  # type: ignore[index]
            ["w=" + w for w in words],  # type: ignore[operator]
            [""] + [f"b={words[k - 1]}_{words[k]}" for k in range(1, len(kept))],
            [""] + [f"pp={tags[k - 1]}_{tags[k]}" for k in range(1, len(kept))],
            ["", ""][: len(kept)] + [f"ppp={tags[k - 2]}_{tags[k - 1]}_{tags[k]}" for k in range(2, len(kept))],
        )
    return sequence.strings


def _lead(sequence: _Sequence, start: int, end: int) -> _Record | None:
    """The record of the entity a span starts inside (its word comes first), or ``None`` for a span that starts
    on a word of the sequence or on no word."""
    lead = sequence.records[start] if start < end else None
    if lead is not None and (lead[0] is None or not lead[3]):
        return None
    return lead


def _assemble(span: Span, sequence: _Sequence, pieces: _Pieces, convert: Callable[[str], Any]) -> list[Any]:
    """The features of ``span`` in :func:`span_features`' order (before duplicates are dropped), each taken
    from ``pieces`` or passed through ``convert``: the feature strings themselves, or a model's columns."""
    start, end = span.start, span.end
    records = sequence.records
    kept = sequence.kept
    a = bisect.bisect_left(kept, start)
    b = bisect.bisect_left(kept, end)
    lead = _lead(sequence, start, end)
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
        first: _Record | None = lead
        has_num = lead[2] or sequence.numbers[b] > sequence.numbers[a]
    else:
        feats.extend(pieces.word[a:b])
        feats.extend(pieces.bigram[a + 1 : b])
        feats.extend(pieces.pos2[a + 1 : b])
        feats.extend(pieces.pos3[a + 2 : b])
        first = records[kept[a]] if n else None
        has_num = sequence.numbers[b] > sequence.numbers[a]
    feats.extend(_tail(span, sequence, first, has_num, convert))
    return feats


def _tail(span: Span, sequence: _Sequence, first: _Record | None, has_num: bool, convert: Callable[[str], Any]) -> list[Any]:
    """The span's features that are not slices of the sequence's lists, in order: its first word and tag
    (``first``, the record of its first word, if any), root, length, whether it has a number, entity labels."""
    start, end = span.start, span.end
    table = token_table(span.doc)
    root = span.root.i
    feats: list[Any] = [] if first is None else [convert("first=" + first[0]), convert("pfirst=" + first[1])]  # type: ignore[operator]
    feats += (convert("root=" + table.lemma[root]), convert("roottag=" + table.tag[root]),
              convert("len=" + _length_bucket(sequence.counted[end] - sequence.counted[start])))
    if has_num:
        feats.append(convert("hasnum"))
    # Span.ents rebuilds every entity of the doc on each call; the cached index does not.
    labels = entity_index(span.doc).labels_within(start, end)
    if labels:
        feats.extend(convert(f) for f in sorted({"e=" + label for label in labels}))
    return feats


class _TailColumns:
    """:func:`_tail`'s features as a :class:`ColumnReader`'s columns, for a batch of spans: the same columns in
    the same order, with each string's column kept by what it is made of (a record's first word and tag, a root's
    lemma and tag, a length, a set of entity labels), so that a span costs a few look-ups rather than five to
    eight strings made and looked up.  The record-keyed part is for one book."""

    __slots__ = ("lookup", "firsts", "root", "length", "hasnum", "labels")

    def __init__(self, lookup: Callable[[str], int | None]) -> None:
        self.lookup = lookup
        # By record number, with the book the numbers are of (one pair, read once per call, so that a thread
        # still reading a document of an older book never files its columns under the new book's numbers).
        self.firsts: tuple[_Book | None, dict[int, tuple[int | None, int | None]]] = (None, {})
        self.root: dict[tuple[str, str], tuple[int | None, int | None]] = {}
        self.length: dict[int, int | None] = {}
        self.hasnum = lookup("hasnum")
        self.labels: dict[tuple[str, ...], list[int | None]] = {}

    def columns(self, table: TokenTable, entities: Any, sequence: _Sequence, start: int, end: int, root: int,
                first: int | None, has_num: bool) -> list[int | None]:
        """The columns of ``_tail(span, sequence, records[first], has_num, lookup)`` for the span
        ``start``-``end`` whose root is ``root``, ``first`` being its first kept word's record number."""
        lookup = self.lookup
        book, firsts = self.firsts
        if book is not sequence.book:
            firsts = {}
            self.firsts = (sequence.book, firsts)
        out: list[int | None] = []
        if first is not None:
            cols = firsts.get(first)
            if cols is None:
                record = sequence.book.records[first]
                cols = firsts[first] = (lookup("first=" + record[0]), lookup("pfirst=" + record[1]))  # type: ignore[index,operator]
            out += cols
        key = (table.lemma[root], table.tag[root])
        pair = self.root.get(key)
        if pair is None:
            if len(self.root) > _Book.LIMIT:
                self.root.clear()
            pair = self.root[key] = (lookup("root=" + key[0]), lookup("roottag=" + key[1]))
        out += pair
        count = sequence.counted[end] - sequence.counted[start]
        if count not in self.length:
            self.length[count] = lookup("len=" + _length_bucket(count))
        out.append(self.length[count])
        if has_num:
            out.append(self.hasnum)
        labels = entities.labels_within(start, end)
        if labels:
            named = tuple(labels)
            found = self.labels.get(named)
            if found is None:
                if len(self.labels) > _Book.LIMIT:
                    self.labels.clear()
                found = self.labels[named] = [lookup(f) for f in sorted({"e=" + label for label in labels})]
            out += found
        return out


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


class _ReaderState:
    """What a :class:`ColumnReader` has looked up for the records of one book: by record number, the
    columns of a record's own features and of its word; by packed numbers (see :meth:`ColumnReader._ngrams`),
    those of bigrams and tag n-grams.  A reader starts a new one for a new book (never clears this one,
    which a thread may still be reading a document of the old book with); the per-record lists only grow,
    under ``lock``."""

    __slots__ = ("book", "own", "word", "ngrams", "lock")

    def __init__(self, book: _Book | None) -> None:
        self.book = book
        self.own: list[tuple[int, ...]] = []
        self.word: list[int] = []
        self.ngrams: dict[str, dict[int, int]] = {"b": {}, "pp": {}, "ppp": {}}
        self.lock = threading.Lock()


class ColumnReader:
    """Reads spans as a model's columns (the positions of their known features in its vocabulary), in the
    order of :func:`span_features`: each document's per-word features are looked up once, not once per span.

    Args:
        index: the model's vocabulary, feature string to column.
    """

    def __init__(self, index: dict[str, int]) -> None:
        self._lookup = index.get
        self._state = _ReaderState(None)
        self._tails = _TailColumns(index.get)

    def _for(self, sequence: _Sequence) -> _Pieces:
        # Kept on the document's sequence (which lives as long as the doc's memos) for the reader that
        # made it: a slot read per span, where a weak mapping keyed by the doc was a Python call.
        read = sequence.read
        if read is not None and read[0] is self:
            return read[1]
        book = sequence.book
        state = self._state
        if state.book is not book:  # numbers from another book mean other records: start again
            state = self._state = _ReaderState(book)
        lookup = self._lookup
        own_cols, word_cols = state.own, state.word
        if len(own_cols) < len(book.records):
            with state.lock:
                for record in book.records[len(own_cols):]:  # records new since the last document
                    if record is None or record[0] is None:
                        own_cols.append(())
                        word_cols.append(_UNKNOWN)
                    else:
                        own_cols.append(tuple(c for c in map(lookup, record[4]) if c is not None))
                        word_cols.append(_known(lookup("w=" + record[0])))
        ids = sequence.kept_ids
        number = np.asarray(ids, dtype=np.int64)
        tag = np.asarray(list(map(book.tag_of.__getitem__, ids)), dtype=np.int64)
        found = _Pieces(
            list(map(own_cols.__getitem__, ids)),
            list(map(word_cols.__getitem__, ids)),
            self._ngrams(sequence, state.ngrams["b"], "b", (number[:-1] << _RECORD_BITS) | number[1:], 1),
            self._ngrams(sequence, state.ngrams["pp"], "pp", (tag[:-1] << _TAG_BITS) | tag[1:], 1),
            self._ngrams(sequence, state.ngrams["ppp"], "ppp",
                         (((tag[:-2] << _TAG_BITS) | tag[1:-1]) << _TAG_BITS) | tag[2:], 2),
        )
        sequence.read = (self, found)
        return found

    def _ngrams(self, sequence: _Sequence, cache: dict[int, int], kind: str, keys: np.ndarray, size: int) -> list[int]:
        """The columns of the sequence's ``kind`` n-grams (``b``, ``pp``, ``ppp``) of ``size + 1`` words, by
        kept index of their last word (-1 before the first or for an unknown n-gram), given each n-gram's numbers packed in one
        integer: its words' record numbers (``b``) or tags' numbers; each key is looked up as a string once."""
        if len(cache) > _Book.LIMIT:
            cache.clear()
        cols: list[int] = list(map(cache.get, keys.tolist(), repeat(_UNSEEN)))
        if _UNSEEN in cols:
            records = sequence.records
            kept = sequence.kept
            part = 0 if kind == "b" else 1  # the word, or the tag
            for k, col in enumerate(cols):
                if col is _UNSEEN:
                    last = k + size
                    text = "_".join([records[kept[j]][part] for j in range(k, last + 1)])  # type: ignore[index,misc]
                    cols[k] = cache[int(keys[k])] = _known(self._lookup(f"{kind}={text}"))
        return [_UNKNOWN] * min(size, len(sequence.kept)) + cols

    def columns(self, span: Span) -> list[int]:
        """The distinct columns of the span's known features, in the order of their first feature string."""
        return self.batch([span])[1].tolist()  # type: ignore[no-any-return]

    def batch(self, spans: Sequence[Span]) -> tuple[np.ndarray, np.ndarray]:
        """The distinct columns of each span's known features, as parallel arrays of span numbers and columns:
        span by span, each span's in the order of their first feature string (:func:`span_features`' order),
        which is the order the model adds their weights in.

        A span's features are slices of its document's per-word runs (:class:`_Flat`) and a few of its own
        (:func:`_tail`), so a batch is a list of (start, length) runs gathered at once; repeated and unknown
        columns are then dropped for all spans together.  (Distinct strings have distinct columns, so dropping
        unknown features and then repeated columns keeps what dropping repeated strings and then unknown ones
        keeps, in the same order.)
        """
        runs = _Runs()
        tails = self._tails
        doc: Doc | None = None
        for span in spans:
            if span.doc is not doc:
                doc = span.doc
                sequence = _sequence(doc)
                pieces = self._for(sequence)
                if pieces.flat is None:
                    pieces.flat = _Flat(pieces)
                flat = pieces.flat
                base = runs.add_source(flat.columns)
                table = token_table(doc)
                entities = entity_index(doc)
            start, end = span.start, span.end
            if _lead(sequence, start, end) is not None:  # rare: the general path, as the span's own columns
                runs.add(base, flat, 0, 0, _assemble(span, sequence, pieces, self._lookup))
                continue
            kept = sequence.kept
            a = bisect.bisect_left(kept, start)
            b = bisect.bisect_left(kept, end)
            first = sequence.kept_ids[a] if b > a else None
            runs.add(base, flat, a, b, tails.columns(table, entities, sequence, start, end, span.root.i, first,
                                                     sequence.numbers[b] > sequence.numbers[a]))
        return runs.distinct()


class _Runs:
    """A batch's columns as runs of one array: per span (row), slices of its document's :class:`_Flat` columns
    for its kept words ``a`` to ``b``, then columns of its own (:func:`_tail`), gathered by :meth:`distinct`."""

    __slots__ = ("sources", "size", "spans", "own")

    def __init__(self) -> None:
        self.sources: list[np.ndarray] = []
        self.size = 0  # of the sources so far
        self.spans: list[tuple[int, ...]] = []
        self.own: list[int] = []

    def add_source(self, columns: np.ndarray) -> int:
        """Where ``columns`` start among the sources' columns."""
        self.sources.append(columns)
        self.size += len(columns)
        return self.size - len(columns)

    def add(self, base: int, flat: _Flat, a: int, b: int, own: list[int | None]) -> None:
        """The next span's runs: its kept words ``a`` to ``b`` of ``flat`` (found at ``base``), then ``own`` (``None``
        or -1 for an unknown feature)."""
        own_a = flat.own_at[a]
        n = b - a
        # Its runs' starts, then their lengths (a negative one is none): its words' own columns, words, bigrams
        # (from its second word), tag bigrams (likewise), tag trigrams (from its third word), then ``own``
        # (counted from the end of the sources, see distinct).
        self.spans.append((base + own_a, base + flat.word_at + a, base + flat.bigram_at + a + 1, base + flat.pos2_at + a + 1,
                           base + flat.pos3_at + a + 2, len(self.own),
                           flat.own_at[b] - own_a, n, n - 1, n - 1, n - 2, len(own)))
        self.own.extend(map(_known, own))

    def distinct(self) -> tuple[np.ndarray, np.ndarray]:
        """Rows and columns of every span's runs in turn, less unknown columns and a row's repeated ones (the
        first of each kept, in order)."""
        if not self.spans:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        runs = np.array(self.spans, dtype=np.int64)
        runs[:, 5] += self.size  # the spans' own columns come after the sources
        starts = runs[:, :6].ravel()
        lengths = np.maximum(runs[:, 6:], 0)
        per_span = lengths.sum(axis=1)
        lengths = lengths.ravel()
        source = np.concatenate([*self.sources, np.asarray(self.own, dtype=np.int64)])
        ends = np.cumsum(lengths)
        # Each run's positions in the source: a count from 0 shifted by (run start - where the run begins).
        at = np.arange(int(ends[-1]), dtype=np.int64) + np.repeat(starts - (ends - lengths), lengths)
        cols = source[at]
        rows = np.repeat(np.arange(len(per_span), dtype=np.int64), per_span)  # a span's row is its number
        known = cols >= 0
        cols, rows = cols[known], rows[known]
        if not len(cols):
            return rows, cols
        # Sorting (row, column, position) triples packed in one integer puts each row's repeated column first
        # where it came first: a plain sort (faster than a stable argsort) of distinct numbers.
        count = len(cols)
        packed = np.sort((rows * (int(cols.max()) + 1) + cols) * count + np.arange(count, dtype=np.int64))
        keys = packed // count
        first = packed[np.concatenate(([True], keys[1:] != keys[:-1]))] % count  # where each row's distinct columns first are
        first.sort()
        return rows[first], cols[first]
