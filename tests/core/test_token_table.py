"""The per-document token table gives, token by token, what spaCy's own attributes give."""

from __future__ import annotations

import pytest

from claimcheck.analysis.token_table import TokenTable, span_root, token_table

TEXTS = [
    "Prices rose 3.5 percent last year, the ONS said.\n\nIn New York City, rents fell. Nobody expected it!",
    "\"Every penny counts,\" a Treasury source said: the fund, which was set up in 2019, has lost £2bn.",
    "",
]


def _spacy_row(tok):
    return (tok.head.i, tok.dep_, tok.pos_, tok.tag_, tok.lower_, tok.lemma_.lower(), tok.text, tok.ent_type_,
            tok.idx, tok.is_punct, tok.is_space, tok.like_num, tok.is_alpha, tok.ent_iob, [c.i for c in tok.children],
            tok.left_edge.i, tok.right_edge.i, tok.sent.start, tok.sent.end, [t.i for t in tok.subtree])


def _table_row(table: TokenTable, i: int):
    return (table.head[i], table.dep[i], table.pos[i], table.tag[i], table.lower[i], table.lemma[i], table.text[i],
            table.ent_type[i], table.idx[i], table.is_punct[i], table.is_space[i], table.like_num[i], table.is_alpha[i],
            table.ent_iob[i],
            list(table.children[i]), table.left_edge[i], table.right_edge[i], table.sent_start[i], table.sent_end[i],
            table.subtree(i))


@pytest.mark.parametrize("text", TEXTS)
def test_token_table_matches_spacy_attributes(nlp, text):
    doc = nlp(text)
    table = TokenTable(doc)
    assert table.n == len(doc)
    for tok in doc:
        assert _table_row(table, tok.i) == _spacy_row(tok)
        assert table.subtree_set(tok.i) == {t.i for t in tok.subtree}


def test_token_table_matches_spacy_on_the_worked_example(nlp, example_text):
    # A news article long enough to hold a parse that is not projective (subtree order).
    doc = nlp(example_text)
    table = TokenTable(doc)
    mismatched = [tok.i for tok in doc if _table_row(table, tok.i) != _spacy_row(tok)]
    assert mismatched == []


def test_token_table_built_once_per_document(nlp):
    doc = nlp(TEXTS[0])
    assert token_table(doc) is token_table(doc)
    assert token_table(nlp(TEXTS[0])) is not token_table(doc)


def test_span_root_is_spacys_root_for_every_short_span(nlp, example_text):
    # Every span of up to 12 tokens: spans with and without a sentence root, across sentences,
    # and ones whose candidate roots are a bare punctuation mark or space (spaCy ranks those last).
    doc = nlp(TEXTS[0] + "\n\n  " + TEXTS[1] + " " + example_text[:2000])
    wrong = [(a, b) for a in range(len(doc)) for b in range(a + 1, min(a + 13, len(doc) + 1))
             if span_root(doc, a, b) != doc[a:b].root.i]
    assert wrong == []


def test_span_root_leaves_a_root_hook_to_spacy(nlp):
    doc = nlp(TEXTS[0])
    doc.user_span_hooks["root"] = lambda span: span[-1]
    assert span_root(doc, 0, 4) == 3
