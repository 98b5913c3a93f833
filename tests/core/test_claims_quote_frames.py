"""A quotation followed by its frame: the claim is the quotation, not the frame after it.

Classes read on PolNeAR train 400:500, where a claim ran from a quotation over the
verb of saying, the speaker and what the writer adds about either:

* '"Y," said X, a description': the parser read no clause in Y ("Let me make it
  clear ...", "What the council did is ..."), so no frame was found and the whole
  sentence was one claim;
* '"Y," X said, in an interview': the verb of saying is a unit of its own in the
  parse, and was reported as a claim of its own;
* '"Y," Lopez-Garcia said': the hyphen inside the name was read as a dash that
  breaks Y off from the verb that reports it.

The sentences are written for these tests.
"""

from __future__ import annotations

import pytest

#: (sentence, the quotation, its speaker, words of the frame that must stay out of the claim)
_UNPARSED_QUOTES = [
    ("\u201cLet me make it very clear, if I haven\u2019t 100 times before, that the plant will close in 2025,\u201d "
     "he told reporters on Tuesday, repeating the warning that had angered the union.",
     "Let me make it very clear, if I haven\u2019t 100 times before, that the plant will close in 2025", "he", "reporters"),
    ("\u201cLet\u2019s say the council cuts 500 jobs, wherever they come from,\u201d Mayor Tom Hale said, "
     "referring to the budget that was passed in March.",
     "Let\u2019s say the council cuts 500 jobs, wherever they come from", "Tom Hale", "referring"),
    ("\u201cKind of strange that the board spent $2 million on the move,\u201d said Jane Porter, "
     "a councillor who voted against it in March.",
     "Kind of strange that the board spent $2 million on the move", "Jane Porter", "councillor"),
]


def _claims(engine, text: str) -> list:
    return engine.check(text, published="2024-06-19", all=True).claims


@pytest.mark.parametrize("text,quoted,speaker,frame_word", _UNPARSED_QUOTES)
def test_claims_quotation_before_its_frame_is_the_claim(engine, text: str, quoted: str, speaker: str,
                                                        frame_word: str) -> None:
    claims = _claims(engine, text)
    texts = [c.text for c in claims]
    assert quoted in texts, texts
    claim = claims[texts.index(quoted)]
    assert claim.attribution is not None and claim.attribution.speaker == speaker, claim.attribution
    # No claim runs from the quotation into the frame.
    assert not any(quoted in t and frame_word in t for t in texts), texts


@pytest.mark.parametrize("text", [
    "\"This is the same plan he tabled in May. It's fundamentally the same plan,\" council leader Tom Hale said, "
    "in the debate following the vote on Monday.",
    "\"It's essentially the same tax,\" finance director Ann Smith said, in the interview following the budget on Monday.",
])
def test_claims_frame_after_a_quotation_is_no_claim(engine, text: str) -> None:
    texts = [c.text for c in _claims(engine, text)]
    assert not any(" said" in t for t in texts), texts


def test_claims_hyphenated_speaker_does_not_break_off_the_quotation(engine) -> None:
    text = ("\u201cNo council is ever going to balance the books,\u201d Lopez-Garcia said when asked about the budget, "
            "which was passed in March.")
    claims = _claims(engine, text)
    texts = [c.text for c in claims]
    quoted = "No council is ever going to balance the books"
    assert not any(quoted in t and t != quoted for t in texts), texts
    claim = claims[texts.index(quoted)]
    assert claim.attribution is not None and claim.attribution.speaker == "Lopez-Garcia", claim.attribution


@pytest.mark.parametrize("text,claim", [
    # A spaced dash between clauses still breaks: the second clause is no content of the first's verb.
    ("Ministers want the tax cut to 1 percent - the Commission has urged 1.26 percent.",
     "the Commission has urged 1.26 percent"),
    # A dash inside a word joins: the compound is one word of the clause.
    ("The drink-drive limit was cut to 50mg in 2019, officials said.", "The drink-drive limit was cut to 50mg in 2019"),
])
def test_claims_dash_breaks_only_between_clauses(engine, text: str, claim: str) -> None:
    texts = [c.text for c in _claims(engine, text)]
    assert claim in texts, texts
