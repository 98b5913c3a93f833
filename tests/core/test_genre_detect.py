"""A document's genre (speech or article) is read off it, or set, and chooses the score's calibration."""

from __future__ import annotations

import pytest

from claimcheck.analysis.genre import collection_genre, detect_genre, is_transcript, resolve_genre
from claimcheck.text.normalise import normalise

ARTICLE = (
    "The council voted on Tuesday to close the library. "
    "The building will be sold next year, officials said. "
    "Residents have started a petition against the plan. "
    '"We will fight this," said one campaigner.'
)
SPEECH = (
    "I voted against that bill twice. "
    "You cut taxes for the richest families in this country. "
    "We created 14 million jobs. "
    "The deficit went down."
)
TRANSCRIPT = "MODERATOR: Good evening.\nCLINTON: I think that is wrong.\nTRUMP: Wrong.\nCLINTON: It is a fact.\n"


def _genre(nlp, text: str) -> str:
    norm = normalise(text)
    return detect_genre(nlp(norm.text), [(q.start, q.end) for q in norm.quotes])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ARTICLE, "article"),  # the quoted "We" is the campaigner talking, not the article
        (SPEECH, "speech"),
        (TRANSCRIPT, "speech"),
        ("Unemployment fell to 4.1% in May.", "unknown"),  # one sentence cannot tell
        ("We cut the deficit in half.", "speech"),
    ],
)
def test_genre_detect(nlp, text: str, expected: str) -> None:
    assert _genre(nlp, text) == expected


#: Sentences of a debate, one a line as a labelled file holds them: one alone rarely shows its genre.
DEBATE_SENTENCES = [
    "I voted against that bill twice.",
    "The deficit went down by a third.",
    "You cut taxes for the richest families in this country.",
    "Unemployment fell to 4.1% in May.",
]
#: Sentences of articles: a quoted "we" is the source talking, not the file.
ARTICLE_SENTENCES = [
    "The council voted on Tuesday to close the library.",
    "The building will be sold next year, officials said.",
    '"We will fight this," said one campaigner.',
    "Unemployment fell to 4.1% in May.",
]


def test_genre_collection_reads_all_sentences_together(nlp) -> None:
    # Alone, the debate's third and fourth sentences read unknown; the file they come from reads speech.
    assert [_genre(nlp, s) for s in DEBATE_SENTENCES] == ["speech", "unknown", "speech", "unknown"]
    assert collection_genre(nlp, DEBATE_SENTENCES) == "speech"
    assert collection_genre(nlp, ARTICLE_SENTENCES) == "article"
    # Too few sentences without a sign of speech cannot be told apart, as for one document.
    assert collection_genre(nlp, ARTICLE_SENTENCES[3:]) == "unknown"


def test_genre_collection_in_eval(tmp_path, engine) -> None:
    from claimcheck.commands.eval import engine_scorer
    from claimcheck.model.labelled import read_labelled

    path = tmp_path / "debate.tsv"
    path.write_text("id\ttext\tlabel\n" + "".join(f"{i}\t{s}\tNo\n" for i, s in enumerate(DEBATE_SENTENCES)), encoding="utf-8")
    rows = read_labelled(path)
    scores = engine_scorer()(rows)
    # auto reads the file as speech: every sentence gets the score a transcript gives it.
    expected = [max((c.score for c in engine.check(s, all=True, genre="speech").claims), default=0.0) for s in DEBATE_SENTENCES]
    alone = [max((c.score for c in engine.check(s, all=True).claims), default=0.0) for s in DEBATE_SENTENCES]
    assert list(scores) == expected
    assert expected != alone


def test_genre_detect_transcript_needs_turns() -> None:
    assert is_transcript(TRANSCRIPT)
    # A heading or two with a colon does not make an article a transcript.
    assert not is_transcript("Related: more news\nThe council voted to close it.\nIt will be sold.\nUpdate: none.\n")


def test_genre_resolve_option_wins(nlp) -> None:
    doc = nlp(SPEECH)
    assert resolve_genre("article", doc) == "article"
    assert resolve_genre("auto", doc) == "speech"


def test_genre_chooses_the_scaling(engine) -> None:
    text = "Taxes went up last year."
    combination = engine.model.combination
    assert combination is not None and combination.speech is not None and combination.article is not None
    scores = {g: engine.check(text, all=True, genre=g).claims[0].score for g in ("speech", "article")}
    # The debates' scaling is steeper and higher: a claim the model rates check-worthy scores higher in a speech.
    assert combination.scaling("speech") != combination.scaling("article")
    assert scores["speech"] > scores["article"]


def test_genre_is_recorded_in_the_report(engine) -> None:
    assert engine.check(SPEECH).to_dict()["document"]["genre"] == "speech"
    assert engine.check(SPEECH, genre="article").document.genre == "article"
    assert engine.check("Taxes went up last year.").document.genre == "unknown"


def test_genre_option_from_the_command_line(tmp_path) -> None:
    from claimcheck.cli import build_parser
    from claimcheck.commands.check import _config

    article = tmp_path / "a.txt"
    article.write_text(SPEECH, encoding="utf-8")
    parser = build_parser()
    assert _config(parser.parse_args(["check", str(article), "--genre", "speech"])).genre == "speech"
    assert _config(parser.parse_args(["check", str(article)])).genre == "auto"
    assert parser.parse_args(["eval", "x.tsv", "--genre", "article"]).genre == "article"
    with pytest.raises(SystemExit):
        parser.parse_args(["check", str(article), "--genre", "poem"])
