"""A parsed document's token attributes as plain Python lists, read once per document.

The rules of detection, typing and attribution ask the same tokens the same
questions for every claim a token is in (``token.head``, ``token.children``,
``token.dep_``, ``token.lemma_.lower()``).  Each ``doc[i]``, ``.head`` or
``.children`` builds a new spaCy ``Token`` (about 0.5 us each, 2.7 million of
them for 61,000 tokens in the fourth round's profile).  :func:`token_table`
reads the attributes with one ``Doc.to_array`` call and turns them into
lists indexed by token position: a list element is read faster than a
``Token`` is made, or than a numpy scalar is indexed.

Every list holds what spaCy's own attribute gives for that token (the test
``tests/core/test_token_table.py`` compares them token by token), so a rule
may read ``table.dep[i]`` where it read ``doc[i].dep_`` and stay exact.
"""

from __future__ import annotations

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, LEMMA, ORTH, POS, TAG
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.vocab import Vocab

from claimcheck.analysis.spans import per_document, sentences

#: The attributes read with ``Doc.to_array``; the lexical ones (a function of the word's form: its
#: text, lower case and flags) come from :func:`_lexical_facts` instead.
_ATTRS = [HEAD, DEP, POS, TAG, LEMMA, ORTH, ENT_TYPE, IDX, ENT_IOB]


#: The strings of the hashes seen so far, and the lower case of lemmas: a dict look-up per token
#: instead of a StringStore one (a hash names the same string in every vocab).
_NAMES: dict[int, str] = {}
_LOWERED: dict[int, str] = {}
#: Start the memos again past this many strings, so that a long-running server's stay bounded.
_MAX_NAMES = 500_000


def _names(column: list[int], strings: StringStore, memo: dict[int, str]) -> list[str]:
    """The strings of a column of hashes (lower-cased when ``memo`` is :data:`_LOWERED`)."""
    try:
        return list(map(memo.__getitem__, column))
    except KeyError:
        if len(memo) > _MAX_NAMES:
            memo.clear()
        lower = memo is _LOWERED
        for key in set(column).difference(memo):
            memo[key] = strings[key].lower() if lower else strings[key]
        return list(map(memo.__getitem__, column))


#: A lexeme's text, lower case, ``is_punct``, ``is_space``, ``like_num`` and ``is_alpha``.
_Facts = tuple[str, str, bool, bool, bool, bool]
#: Per vocabulary (by id, with the vocabulary itself so that the id is not reused): each word form's
#: lexical facts, by its ORTH hash.  They are the lexeme's, set when spaCy first makes it and the same
#: for every token of that form, so they are read once per process rather than once per token (spaCy's
#: ``to_array`` of the four flags and the lower case cost two thirds of the table's array).
_LEXICAL: dict[int, tuple[Vocab, dict[int, _Facts]]] = {}
#: Vocabularies kept at once (a process normally has one pipeline).
_MAX_VOCABS = 4


def _lexical_facts(vocab: Vocab, orths: list[int]) -> list[_Facts]:
    """The lexical facts of each ORTH hash of ``orths`` (see :data:`_LEXICAL`)."""
    held = _LEXICAL.get(id(vocab))
    if held is None or held[0] is not vocab:
        if len(_LEXICAL) >= _MAX_VOCABS:
            _LEXICAL.clear()
        held = _LEXICAL[id(vocab)] = (vocab, {})
    memo = held[1]
    try:
        return list(map(memo.__getitem__, orths))
    except KeyError:
        if len(memo) > _MAX_NAMES:
            memo.clear()
        for orth in set(orths).difference(memo):
            lex = vocab[orth]
            memo[orth] = (lex.orth_, lex.lower_, lex.is_punct, lex.is_space, lex.like_num, lex.is_alpha)
        return list(map(memo.__getitem__, orths))


class TokenTable:
    """One document's tokens, attribute by attribute; every list has one entry per token.

    Strings are spaCy's own (``dep`` holds ``token.dep_``, ``lower`` ``token.lower_``);
    ``lemma`` is ``token.lemma_.lower()``, the form every rule compares.  Tree
    attributes are token indices: ``head[i]`` is ``token.head.i`` (a root is its own
    head), ``children[i]`` the indices of ``token.children`` in document order,
    ``left_edge[i]``/``right_edge[i]`` those of ``token.left_edge``/``token.right_edge``
    (``children[i]`` is a tuple).
    ``ent_iob[i]`` is ``token.ent_iob`` (3 begins an entity, 1 is inside one, 2 outside, 0 unset).
    ``sent_start[i]``/``sent_end[i]`` are the bounds of the sentence holding token ``i``.
    """

    __slots__ = ("n", "head", "dep", "pos", "tag", "lower", "lemma", "text", "ent_type", "idx",
                 "is_punct", "is_space", "like_num", "is_alpha", "ent_iob", "children", "left_edge", "right_edge",
                 "sent_start", "sent_end")

    def __init__(self, doc: Doc) -> None:
        n = self.n = len(doc)
        array = doc.to_array(_ATTRS) if n else numpy.zeros((0, len(_ATTRS)), dtype="uint64")
        strings = doc.vocab.strings
        columns = array[:, 1:9].T.tolist()
        # HEAD is an offset from the token, stored unsigned.
        self.head: list[int] = (array[:, 0].astype("int64") + numpy.arange(n)).tolist()
        self.dep: list[str] = _names(columns[0], strings, _NAMES)
        self.pos: list[str] = _names(columns[1], strings, _NAMES)
        self.tag: list[str] = _names(columns[2], strings, _NAMES)
        self.lemma: list[str] = _names(columns[3], strings, _LOWERED)
        self.ent_type: list[str] = _names(columns[5], strings, _NAMES)
        self.idx: list[int] = columns[6]
        self.ent_iob: list[int] = columns[7]
        if n:
            text, lower, punct, space, num, alpha = map(list, zip(*_lexical_facts(doc.vocab, columns[4])))
        else:
            text, lower, punct, space, num, alpha = [], [], [], [], [], []
        self.text: list[str] = text
        self.lower: list[str] = lower
        self.is_punct: list[bool] = punct
        self.is_space: list[bool] = space
        self.like_num: list[bool] = num
        self.is_alpha: list[bool] = alpha
        below: dict[int, list[int]] = {}
        roots: list[int] = []
        for i, h in enumerate(self.head):
            if h != i:
                below.setdefault(h, []).append(i)
            else:
                roots.append(i)
        # Tuples, and one shared empty tuple for the leaves: the table lives as long as its doc,
        # and the garbage collector stops tracking a tuple of ints, where it would scan a list
        # per token on every pass (what the first version of this table cost most).
        children: list[tuple[int, ...]] = [()] * n
        for h, kids in below.items():
            children[h] = tuple(kids)
        self.children = children
        # The edges bound each subtree (what spaCy stores as ``l_edge``/``r_edge``), found
        # children first: reading ``token.left_edge`` would make three Tokens per token.
        left = list(range(n))
        right = list(range(n))
        order: list[int] = []
        stack = roots[:]
        while stack:
            node = stack.pop()
            order.append(node)
            stack.extend(children[node])
        for node in reversed(order):  # every child comes after its head in ``order``
            for c in children[node]:
                if left[c] < left[node]:
                    left[node] = left[c]
                if right[c] > right[node]:
                    right[node] = right[c]
        self.left_edge: list[int] = left
        self.right_edge: list[int] = right
        self.sent_start: list[int] = [0] * n
        self.sent_end: list[int] = [n] * n
        for sent in sentences(doc):
            a, b = sent.start, sent.end
            self.sent_start[a:b] = [a] * (b - a)
            self.sent_end[a:b] = [b] * (b - a)

    def chars(self, start: int, end: int) -> tuple[int, int]:
        """``doc[start:end]``'s ``(start_char, end_char)`` for a non-empty range (``end > start``): its
        first token's start and its last token's end, without making a ``Span`` (about 5 us each)."""
        return self.idx[start], self.idx[end - 1] + len(self.text[end - 1])

    def subtree(self, i: int) -> list[int]:
        """The indices of ``token.subtree`` for token ``i``, in spaCy's order: each node's left
        children's subtrees, the node, its right children's subtrees (document order unless the
        parse is not projective, which the small model's is for about one token in 600)."""
        out: list[int] = []
        children = self.children
        stack = [i]
        while stack:
            node = stack.pop()
            if node < 0:
                out.append(~node)  # a node whose left subtrees are done
                continue
            below = children[node]
            stack.extend(c for c in reversed(below) if c > node)
            stack.append(~node)
            stack.extend(c for c in reversed(below) if c < node)
        return out

    def subtree_set(self, i: int) -> set[int]:
        """The indices of ``token.subtree`` for token ``i``, as a set."""
        out = {i}
        children = self.children
        stack = list(children[i])
        while stack:
            j = stack.pop()
            out.add(j)
            stack.extend(children[j])
        return out


#: The document's :class:`TokenTable`, built on first use and kept as long as the doc lives.
token_table = per_document(TokenTable)


def span_root(doc: Doc, start: int, end: int) -> int:
    """``doc[start:end].root.i`` for a non-empty span, read from the token table: making the ``Span``
    and its root ``Token`` costs several microseconds, the look-up a few list reads.

    It is spaCy's rule (``Span.root``): a sentence root in the span if there is one; else, of the
    tokens whose head is outside the span, the one with the fewest steps up to its sentence's root,
    the first of equals, where a space or punctuation mark with no children counts as
    ``len(doc) - 1`` steps; else the span's first token.  A ``root`` span hook is spaCy's to answer.
    """
    if end <= start or "root" in doc.user_span_hooks:
        return doc[start:end].root.i  # type: ignore[no-any-return]
    table = token_table(doc)
    head = table.head
    for i in range(start, end):
        if head[i] == i:
            return i
    best, root = table.n, -1
    for i in range(start, end):
        if start <= head[i] < end:
            continue
        if (table.is_space[i] or table.is_punct[i]) and not table.children[i]:
            steps = table.n - 1
        else:
            steps, node = 0, i
            while head[node] != node:
                node = head[node]
                steps += 1
        if steps < best:
            best, root = steps, i
    return start if root == -1 else root
