"""Is a document a transcript of speech or a written article? It decides how scores are calibrated.

The same model logit means different odds in the two: in debates and
speeches a sentence the model is unsure of is more often check-worthy than in
news prose, where reported opinion looks factual (names, numbers) to a model
of sentences.  The check-worthiness score is therefore calibrated per genre
(:class:`claimcheck.model.combination.Combination`), and this module says
which calibration a document gets.

``genre`` in the configuration is ``auto`` (the default), ``speech`` or
``article``.  ``auto`` reads the document, one pass over its tokens:

* ``speech``: a transcript with speaker turns (most non-blank lines open with
  ``NAME:``), or first- and second-person talk outside quotation marks in at
  least a quarter of the sentences ("I voted against it", "you cut taxes");
* ``article``: any other document of three sentences or more;
* ``unknown``: a sentence or two with neither sign, which could come from
  either; it gets the calibration fitted on both genres together.

A file of sentences taken from one source (``claimcheck eval`` on a labelled
file: the sentences of a debate, or of articles) is one collection, whose
genre is read off all its sentences together (:func:`collection_genre`): a
debate sentence alone rarely shows its genre (CT24 dev: a third of its
sentences have no first- or second-person subject and read ``unknown``, the
rest ``speech``), but the transcript it came from does, and that is what a
user who checks a transcript gives claimcheck.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal

from claimcheck.analysis.claims import _quote_at
from claimcheck.analysis.spans import doc_text, sentences as sentence_spans
from claimcheck.analysis.token_table import token_table
from claimcheck.text.normalise import normalise

if TYPE_CHECKING:  # spaCy is only needed for the annotation
    from spacy.language import Language
    from spacy.tokens import Doc

Genre = Literal["speech", "article", "unknown"]
#: What the configuration may ask for.
GenreOption = Literal["auto", "speech", "article"]
GENRES: tuple[Genre, ...] = ("speech", "article", "unknown")

#: Subjects that make a sentence talk rather than report.
SPEAKER_SUBJECTS = frozenset({"i", "we", "you"})
#: Share of sentences with such a subject (outside quotes) from which a document reads as speech.
SPEECH_SHARE = 0.25
#: Fewer sentences than this, without a sign of speech, cannot be told apart.
MIN_ARTICLE_SENTENCES = 3
#: A transcript's turn: a line opening with a speaker's name or label and a colon.
_TURN = re.compile(r"^[A-Z][A-Za-z.'\- ]{0,30}[A-Za-z.]:\s", re.MULTILINE)
_MIN_TURNS = 3


def is_transcript(text: str) -> bool:
    """True when most non-blank lines (and at least three) open with a speaker's turn (``TRUMP: ...``)."""
    turns = len(_TURN.findall(text))
    if turns < _MIN_TURNS:
        return False
    lines = sum(1 for line in text.splitlines() if line.strip())
    return turns * 2 >= lines


def _talk(doc: Doc, quotes: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """``(sentences, talking)``: the document's sentences with words, and those of them with a speaker's subject outside quotes."""
    # Read from the token table, once over the document: a Token for every word was most of this pass.
    table = token_table(doc)
    lower, dep, idx, sent_start = table.lower, table.dep, table.idx, table.sent_start
    is_space, is_punct = table.is_space, table.is_punct
    talking_sentences = {sent_start[i] for i in range(table.n)
                         if lower[i] in SPEAKER_SUBJECTS and dep[i] in ("nsubj", "nsubjpass") and _quote_at(idx[i], quotes) is None}
    sentences = talking = 0
    for sent in sentence_spans(doc):
        if all(is_space[i] or is_punct[i] for i in range(sent.start, sent.end)):
            continue
        sentences += 1
        talking += sent.start in talking_sentences
    return sentences, talking


def _genre_of(sentences: int, talking: int) -> Genre:
    if sentences and talking >= SPEECH_SHARE * sentences:
        return "speech"
    return "article" if sentences >= MIN_ARTICLE_SENTENCES else "unknown"


def detect_genre(doc: Doc, quotes: Sequence[tuple[int, int]] = ()) -> Genre:
    """The genre of a parsed document (see the module's docstring).

    Args:
        doc: the parsed document.
        quotes: character ranges of its quotations, in text order and
            disjoint as normalisation finds them (a quoted "I" is the source
            talking, not the document).

    Returns:
        ``speech``, ``article`` or ``unknown``.
    """
    if is_transcript(doc_text(doc)):
        return "speech"
    return _genre_of(*_talk(doc, quotes))


def collection_genre(nlp: Language, texts: Iterable[str]) -> Genre:
    """The genre of a collection of short texts from one source, read off all of them together.

    The texts are normalised and parsed (the dependency parse only: the
    subjects are all the detection reads) and their sentences counted as one
    document's would be; a collection holds no speaker turns, since each text
    is a sentence or two.

    Args:
        nlp: the spaCy pipeline that checks the texts.
        texts: the collection, e.g. the sentences of a labelled file.

    Returns:
        ``speech``, ``article`` or ``unknown`` (fewer than three sentences in all, without a sign of speech).
    """
    norms = [normalise(text) for text in texts]
    unused = [name for name in nlp.pipe_names if name not in _PARSE_COMPONENTS]
    sentences = talking = 0
    with nlp.select_pipes(disable=unused):
        for norm, doc in zip(norms, nlp.pipe(norm.text for norm in norms)):
            counted = _talk(doc, [(q.start, q.end) for q in norm.quotes])
            sentences += counted[0]
            talking += counted[1]
    return _genre_of(sentences, talking)


#: The components the detection needs: the dependency parse and what feeds it (spaCy's small English pipelines).
_PARSE_COMPONENTS = frozenset({"tok2vec", "parser", "senter"})


def resolve_genre(option: str, doc: Doc, quotes: Sequence[tuple[int, int]] = ()) -> Genre:
    """The configured genre, or the detected one for ``auto``."""
    if option == "speech":
        return "speech"
    if option == "article":
        return "article"
    return detect_genre(doc, quotes)
