"""Text repair keeps every offset pointing into the original input."""

from __future__ import annotations

import random

import pytest

from claimcheck.text.normalise import normalise


def _check_map(original: str) -> None:
    norm = normalise(original)
    assert len(norm.offsets) == len(norm.text)
    for i, ch in enumerate(norm.text):
        if i in norm.inserted:
            assert ch == " "
            continue
        source = original[norm.offsets[i]]
        assert ch == source or (ch, source) in {("\u201c", "\u201d"), ("'", "\u2019"), ("'", "\u2018"), ("'", "\u201d"), ("'", "\""), (" ", "\u00a0"), (" ", "\t"), ("\n", "\u2028"), ("\n", "\u2029")}


@pytest.mark.parametrize(
    "original,expected",
    [
        ("By Jo Bloggs, Moscow correspondentThere are two views.", "correspondent There"),
        ("Russia denies it.The opposing view is clear.", "it. The"),
        ("what about the programmes?Both sides deny this.", "programmes? Both"),
        ("They met in 2023.The deal followed.", "2023. The"),
    ],
)
def test_text_normalise_splits_glued_paragraphs(original: str, expected: str) -> None:
    norm = normalise(original)
    assert expected in norm.text
    assert norm.boundaries, "a glued paragraph must force a sentence start"
    _check_map(original)


@pytest.mark.parametrize("original", ["He uses an iPhone and YouTube daily.", "The U.S. economy grew 2.5% in Q1.", "See e.g. the report."])
def test_text_normalise_leaves_ordinary_text_alone(original: str) -> None:
    assert normalise(original).text == original.replace("\u2019", "'")


def test_text_normalise_repairs_closing_quotes_used_as_opening() -> None:
    original = "It oversteps the mark.\u201dPutin is angry,\u201d said one expert.\u201dHe feels it.\u201dEither way, talks go on."
    norm = normalise(original)
    assert "\u201cPutin is angry,\u201d" in norm.text
    assert "\u201cHe feels it.\u201d Either" in norm.text
    quoted = [norm.text[q.start : q.end] for q in norm.quotes]
    assert quoted == ["Putin is angry,", "He feels it."]
    _check_map(original)


def test_text_normalise_multi_paragraph_quote_reopens() -> None:
    original = (
        "said Mr Monday.\u201dThere's more talk of a weapon.\u201dA year ago it seemed impossible.\u201dThis isn't how "
        "state media see it. The main point was the welcome.\u201dHe was never met like this,\u201d gushed a headline."
    )
    norm = normalise(original)
    quoted = [norm.text[q.start : q.end] for q in norm.quotes]
    # The reading with the least quoted text: the second paragraph continues the quotation.
    assert quoted[0].startswith("There's more talk")
    assert quoted[1].startswith("A year ago") and norm.quotes[1].continues_previous
    assert quoted[2].startswith("He was never met")
    _check_map(original)


def test_text_normalise_to_original_skips_inserted_characters() -> None:
    original = "correspondentThere are two."
    norm = normalise(original)
    start = norm.text.index("There")
    assert norm.to_original(start - 1, start + 5) == (13, 18)
    assert norm.original_slice(start, start + 5) == "There"


@pytest.mark.parametrize("seed", range(5))
def test_text_normalise_offset_map_random_text(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = "abcXYZ .?!,\u201c\u201d\"\u2019\n\u00a0\u200bThe"
    original = "".join(rng.choice(alphabet) for _ in range(400))
    _check_map(original)
    norm = normalise(original)
    for _ in range(50):
        a = rng.randrange(len(norm.text) + 1)
        b = rng.randrange(a, len(norm.text) + 1)
        s, e = norm.to_original(a, b)
        assert 0 <= s <= e <= len(original)


def test_text_normalise_deletes_invisible_characters() -> None:
    original = "Zero\u200bwidth and soft\u00adhyphen."
    norm = normalise(original)
    assert norm.text == "Zerowidth and softhyphen."
    assert norm.original_slice(0, 9) == "Zero\u200bwidth"


@pytest.mark.parametrize(
    "original,quoted",
    [
        ("The council admits the scheme isn\u201dt working and says \u201cthe funds won\u201dt come\u201d this year.", ["the funds won't come"]),
        ("Scotland\u201ds ferries are late. The operator said: \u201cWe\u201dre doing our best.\u201d", ["We're doing our best."]),
        ('The plan doesn"t add up, said Ms Reyes.', []),
        ("\u201cThey\u201dll be back,\u201d he said.", ["They'll be back,"]),
    ],
)
def test_normalise_closing_mark_as_apostrophe_is_not_a_quote(original: str, quoted: list[str]) -> None:
    norm = normalise(original)
    assert [norm.text[q.start:q.end] for q in norm.quotes] == quoted
    assert "\u201dt" not in norm.text and '"t' not in norm.text
    _check_map(original)


def test_normalise_doubled_apostrophes_are_one_quote_mark() -> None:
    from claimcheck.text.normalise import normalise

    original = "The plans are ''deeply reckless,'' said Ms Lee. It is the pupils' choice."
    norm = normalise(original)
    assert norm.text == 'The plans are "deeply reckless," said Ms Lee. It is the pupils\' choice.'
    assert [norm.text[q.start:q.end] for q in norm.quotes] == ["deeply reckless,"]
    start = norm.text.index("deeply")
    a, b = norm.to_original(start, start + len("deeply reckless"))
    assert original[a:b] == "deeply reckless"


def _quoted(original: str) -> list[str]:
    norm = normalise(original)
    if "''" not in original:  # a doubled apostrophe becomes one '"' and one deleted character
        _check_map(original)
    return [norm.original_slice(q.start, q.end) for q in norm.quotes]


@pytest.mark.parametrize("open_mark,close_mark", [("\u201c", "\u201d"), ('"', '"')])
def test_text_normalise_unclosed_quotation_ends_with_its_paragraph(open_mark: str, close_mark: str) -> None:
    # A missing closing mark: the quotation must not swallow the paragraphs after it.
    original = (
        f"The minister said {open_mark}the plan will cut waiting lists by half.\n\n"
        "Critics doubt it. The budget fell last year.\n\n"
        f"{open_mark}It is a fantasy,{close_mark} said the shadow minister."
    )
    assert _quoted(original) == ["the plan will cut waiting lists by half.", "It is a fantasy,"]
    norm = normalise(original)
    assert not norm.quotes[1].continues_previous


@pytest.mark.parametrize("open_mark", ["\u201c", '"'])
def test_text_normalise_stray_opening_mark_stays_in_its_paragraph(open_mark: str) -> None:
    # A stray mark in the last paragraph but one, with no quotation after it.
    original = f"Officials called the scheme a {open_mark}success. They gave no figures.\n\nThe council meets on Monday.\n\nIt will vote then."
    quoted = _quoted(original)
    assert quoted == ["success. They gave no figures."]


def test_text_normalise_paragraphs_are_lines_without_blank_lines() -> None:
    original = "He said \u201cthe plan works.\nThe council meets on Monday.\nIt will vote then."
    assert _quoted(original) == ["the plan works."]


def test_text_normalise_hard_wrapped_quotation_stays_whole() -> None:
    # With blank lines between paragraphs, a single newline is a wrapped line, not a paragraph end.
    original = "He said \u201cthe plan works and\nit will go on,\u201d adding nothing.\n\nThe council meets on Monday."
    assert _quoted(original) == ["the plan works and\nit will go on,"]


@pytest.mark.parametrize("open_mark,close_mark", [("\u201c", "\u201d"), ('"', '"'), ("''", "''")])
def test_text_normalise_multi_paragraph_quotation_stays_whole(open_mark: str, close_mark: str) -> None:
    # The convention for a quotation that runs on: no closing mark, the next paragraph re-opens it.
    original = (
        f"{open_mark}We will not raise taxes. We never have.\n\n"
        f"{open_mark}And we will balance the budget by 2020,{close_mark} the chancellor said.\n\nThe vote is on Tuesday."
    )
    norm = normalise(original)
    assert _quoted(original) == ["We will not raise taxes. We never have.", "And we will balance the budget by 2020,"]
    assert norm.quotes[1].continues_previous


def test_text_normalise_closed_quotations_across_paragraphs_unchanged() -> None:
    original = "\u201cFirst,\u201d she said.\n\nThen \u201csecond\u201d came.\n\n\u201cThird.\u201d"
    assert _quoted(original) == ["First,", "second", "Third."]


@pytest.mark.parametrize("brk", ["\r\n\r\n", "\u2029", "\n \n"])
def test_text_normalise_paragraph_breaks_of_other_writings(brk: str) -> None:
    original = f"He said \u201cthe plan works.{brk}The council meets on Monday.{brk}It will vote then."
    assert _quoted(original) == ["the plan works."]
