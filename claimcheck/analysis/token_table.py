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

from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, LEMMA, LIKE_NUM, LOWER, ORTH, POS, TAG
from spacy.tokens import Doc

from claimcheck.analysis.spans import per_document, sentences

_ATTRS = [HEAD, DEP, POS, TAG, LOWER, LEMMA, ORTH, ENT_TYPE, IDX, IS_PUNCT, IS_SPACE, LIKE_NUM, IS_ALPHA]


class TokenTable:
    """One document's tokens, attribute by attribute; every list has one entry per token.

    Strings are spaCy's own (``dep`` holds ``token.dep_``, ``lower`` ``token.lower_``);
    ``lemma`` is ``token.lemma_.lower()``, the form every rule compares.  Tree
    attributes are token indices: ``head[i]`` is ``token.head.i`` (a root is its own
    head), ``children[i]`` the indices of ``token.children`` in document order,
    ``left_edge[i]``/``right_edge[i]`` those of ``token.left_edge``/``token.right_edge``.
    ``sent_start[i]``/``sent_end[i]`` are the bounds of the sentence holding token ``i``.
    """

    __slots__ = ("n", "head", "dep", "pos", "tag", "lower", "lemma", "text", "ent_type", "idx",
                 "is_punct", "is_space", "like_num", "is_alpha", "children", "left_edge", "right_edge",
                 "sent_start", "sent_end")

    def __init__(self, doc: Doc) -> None:
        n = self.n = len(doc)
        rows = doc.to_array(_ATTRS).astype("int64").T.tolist() if n else [[] for _ in _ATTRS]
        offsets, deps, poses, tags, lowers, lemmas, orths, ents, idx, punct, space, num, alpha = rows
        strings = doc.vocab.strings
        # One look-up per distinct string, not per token (to_array gives the hashes as signed
        # integers; the StringStore wants them unsigned).
        names = {key: strings[key % (1 << 64)] for key in {*deps, *poses, *tags, *lowers, *orths, *ents}}
        lowered = {key: strings[key % (1 << 64)].lower() for key in set(lemmas)}
        name = names.__getitem__
        self.head: list[int] = [i + offset for i, offset in enumerate(offsets)]
        self.dep: list[str] = list(map(name, deps))
        self.pos: list[str] = list(map(name, poses))
        self.tag: list[str] = list(map(name, tags))
        self.lower: list[str] = list(map(name, lowers))
        self.lemma: list[str] = list(map(lowered.__getitem__, lemmas))
        self.text: list[str] = list(map(name, orths))
        self.ent_type: list[str] = list(map(name, ents))
        self.idx: list[int] = idx
        self.is_punct: list[bool] = list(map(bool, punct))
        self.is_space: list[bool] = list(map(bool, space))
        self.like_num: list[bool] = list(map(bool, num))
        self.is_alpha: list[bool] = list(map(bool, alpha))
        children: list[list[int]] = [[] for _ in range(n)]
        roots: list[int] = []
        for i, h in enumerate(self.head):
            if h != i:
                children[h].append(i)
            else:
                roots.append(i)
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
