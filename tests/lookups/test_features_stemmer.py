"""The compiled stemmer the lookups use stems exactly as the pure-Python Snowball English stemmer.

Stored fact-checks keep the stems they were analysed with; a stemmer that
disagreed on a word would make its stored and queried forms differ.
"""

from __future__ import annotations

import re
from pathlib import Path

from snowballstemmer.english_stemmer import EnglishStemmer

from claimcheck.lookups import features

ROOT = Path(__file__).resolve().parents[2]


def test_features_stemmer_is_compiled() -> None:
    import Stemmer

    assert isinstance(features._STEMMER, Stemmer.Stemmer)


def test_features_stemmer_same_stems_as_pure_python() -> None:
    words: set[str] = set()
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), *sorted((ROOT / "tests" / "lookups" / "data").iterdir())]:
        words.update(w.lower() for w in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", path.read_text(encoding="utf-8")))
    words.update(["dying", "skies", "news", "generously", "communism", "arsenal", "proceed", "exceed", "inning",
                  "herring", "earring", "ugly", "early", "singly", "y", "yes", "naïve", "café"])
    assert len(words) > 3000
    reference = EnglishStemmer()
    assert {w: features._STEMMER.stemWord(w) for w in words} == {w: reference.stemWord(w) for w in words}
