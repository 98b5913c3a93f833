"""The issue's baseline: a TF-IDF + logistic regression sentence classifier trained on CT24.

This is the ClaimBuster approach the issue measures claimcheck against: word
1-2-grams, TF-IDF, logistic regression (C=10, liblinear), trained on the CLEF
CheckThat! 2024 English train split, reading raw sentences.  With these
settings it scores F1 0.873 at 0.5 on CT24 dev (the issue quotes 0.875;
sklearn's default C=1 gives 0.823).  ``train/train_checkworthy.py`` trains the
same baseline on its own splits.

Needs the ``train`` extra (scikit-learn).  Training takes a few seconds.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from claimcheck.model.labelled import read_labelled

if TYPE_CHECKING:
    from spacy.language import Language

ROOT = Path(__file__).resolve().parent.parent
#: The shared data folder: $CLAIMCHECK_DATA, else ``shared/data`` beside the repository (or its parents).
DATA_ENV = "CLAIMCHECK_DATA"

#: Scores texts: one probability of check-worthiness per text.
TextScorer = Callable[[Sequence[str]], Sequence[float]]


def data_dir() -> Path:
    """Where the shared data lives: ``$CLAIMCHECK_DATA`` or the nearest ``shared/data`` above the repository."""
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV])
    for folder in ROOT.parents:
        if (folder / "shared" / "data").is_dir():
            return folder / "shared" / "data"
    return ROOT.parent / "shared" / "data"


def fit_baseline(texts: Sequence[str], labels: Sequence[int], seed: int = 20240619, balanced: bool = False) -> TextScorer:
    """TF-IDF over word 1-2-grams + logistic regression (C=10), fitted on ``texts``.

    ``balanced`` weighs the classes equally (sklearn's ``class_weight="balanced"``):
    a stronger baseline on news, where it flags more sentences.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(ngram_range=(1, 2))
    clf = LogisticRegression(C=10.0, solver="liblinear", random_state=seed, max_iter=1000,
                             class_weight="balanced" if balanced else None)
    clf.fit(vec.fit_transform(list(texts)), list(labels))
    return lambda batch: clf.predict_proba(vec.transform(list(batch)))[:, 1]


def load_baseline(data: Path | None = None, balanced: bool = False) -> TextScorer:
    """The baseline trained on all of CT24 train."""
    rows = read_labelled((data or data_dir()) / "checkworthy" / "CT24_checkworthy_english_train.tsv")
    return fit_baseline([r.text for r in rows], [int(r.label) for r in rows], balanced=balanced)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence offsets of an article: each line (headline, paragraph) split by spaCy's rule-based sentencizer."""
    nlp = _sentencizer()
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            for sent in nlp(body).sents:
                if sent.text.strip():
                    spans.append((offset + sent.start_char, offset + sent.end_char))
        offset += len(line)
    return spans


@functools.lru_cache(maxsize=1)
def _sentencizer() -> Language:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
