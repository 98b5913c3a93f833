"""Light text features for matching claims against stored fact-checks.

The store must answer a lookup in a few milliseconds without loading spaCy,
so this module reads a sentence with plain rules: content words reduced to
their Snowball (Porter 2) stem, a few news-style synonym classes
("rose"/"increased"/"jumped"), numbers with their multipliers ("$1.2 billion",
"1,200,000,000", "35 per cent"), years, and capitalised names as a stand-in
for named entities.  :func:`analyse` returns them as a :class:`Features`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

__all__ = ["APPROXIMATE", "FEATURES_VERSION", "Features", "analyse", "share_tolerance", "stem", "fts_terms"]

# Bump when stems, stopwords or figures change: stores then recount their
# term frequencies (the ``terms`` table) and re-analyse their claims with the
# new rules when next opened (11: "1/3" and "second-highest" read by value;
# 12: a figure said twice is kept twice, ``Features.repeated``; 13: shares in
# words kept apart, ``Features.approximate``, and ranks: "ranked first" is "No. 1").
FEATURES_VERSION = 13

STOPWORDS: frozenset[str] = frozenset(
    """
    a about above across after again against all almost along also although am among an and another any
    anyone anything are around as at be became because been before being below between both but by can
    could did do does doing done down during each either else even ever every few for from further had
    has have having he her here hers herself him himself his how however i if in into is it its itself
    just least less like made make many may me might more most much must my myself near nearly neither
    no nor not now of off often on once one only or other others our ours ourselves out over own per
    perhaps quite rather really roughly same she should since so some still such than that the their
    theirs them themselves then there these they this those though through thus to too under until up
    upon us very was we were what whatever when where whether which while who whom whose why will with
    within without would yet you your yours yourself approximately around nearly just only some
    says said say saying claims claimed claim claiming stated states state told tells tell telling noted
    argued argues insisted insists tweeted wrote writes write added adds according reported reports
    asserted asserts suggested suggests contended contends maintained maintains alleged alleges declared
    declares announced announces explained explains pointed repeated repeats mr mrs ms dr
    that's it's there's he's she's they're we're i'm don't doesn't didn't isn't aren't wasn't weren't
    hundred hundreds thousand thousands million millions billion billions trillion trillions bn mn tn
    bln mln trn trln
    """.split()
)
# Capitalised but not names: they would make unrelated sentences "share an entity".
_NOT_NAMES: frozenset[str] = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december today yesterday tomorrow
    """.split()
)
# "state(s)" is a reporting verb ("he states") and a noun ("the state"); as a
# noun it is too common in political claims to help matching either way.

# Irregular forms the suffix stripper cannot reach.
_IRREGULAR: dict[str, str] = {
    "spent": "spend", "paid": "pay", "gave": "give", "given": "give", "won": "win", "lost": "lose",
    "took": "take", "taken": "take", "bought": "buy", "sold": "sell", "went": "go", "gone": "go",
    "women": "woman", "men": "man", "children": "child", "kids": "child", "kid": "child",
    "people": "person", "persons": "person", "got": "get", "gotten": "get", "held": "hold",
    "led": "lead", "left": "leave", "built": "build", "brought": "bring", "thought": "think",
    "taught": "teach", "caught": "catch", "ran": "run", "began": "begin", "begun": "begin",
    "wrote": "write", "written": "write", "voted": "vote", "higher": "high", "lower": "low",
    "bigger": "big", "largest": "large", "larger": "large", "biggest": "big", "highest": "high",
    "lowest": "low", "worse": "bad", "worst": "bad", "better": "good", "best": "good",
    "loss": "lose", "losses": "lose", "obamacare": "aca", "u.s": "us", "u.s.": "us", "usa": "us", "america's": "us",
    "america": "us", "american": "us", "americans": "us", "gop": "republican", "gov": "governor",
}

# News rewording swaps these freely; each class matches as one term.
_CLASSES: dict[str, tuple[str, ...]] = {
    "increase": ("increase", "increased", "increases", "increasing", "rise", "rises", "rose", "risen",
                 "rising", "grew", "grow", "grows", "grown", "growing", "growth", "jump", "jumped",
                 "jumps", "climb", "climbed", "climbs", "soar", "soared", "surge", "surged", "doubled",
                 "tripled", "hike", "hiked", "hikes", "boost", "boosted"),
    "decrease": ("decrease", "decreased", "decreases", "decline", "declined", "declines", "declining",
                 "fell", "fall", "falls", "fallen", "falling", "drop", "dropped", "drops", "plunged",
                 "plummeted", "shrank", "shrunk", "reduce", "reduced", "reduces", "reduction", "slashed",
                 "cut", "cuts", "cutting"),
    "death": ("death", "deaths", "die", "died", "dies", "dying", "killed", "kills", "kill", "fatalities",
              "fatal"),
    "job": ("job", "jobs", "employment", "employed", "employ", "hire", "hired", "hiring", "workers",
            "worker"),
    "illegal": ("illegal", "illegally", "undocumented", "unauthorized", "unauthorised"),
    "immigr": ("immigrant", "immigrants", "immigration", "migrants", "migrant", "immigrate"),
    "aca": ("aca", "obamacare"),
    "healthcare": ("healthcare",),
    "percent": ("percent", "percentage", "pct"),
    "tax": ("tax", "taxes", "taxed", "taxing", "taxation"),
    "spend": ("spend", "spending", "spends", "spent", "expenditure", "expenditures"),
    "doubl": ("double", "twice"),
    "gun": ("gun", "guns", "firearm", "firearms"),
    "abort": ("abortion", "abortions"),
    "senat": ("senator", "senate", "sen"),
    "legisl": ("legislation", "bill", "bills", "law", "laws"),
    "cost": ("cost", "costs", "price", "prices"),
    "fund": ("fund", "funds", "funding", "funded", "money"),
    "teen": ("teen", "teens", "teenagers", "teenager", "adolescents"),
}
_CLASS_OF: dict[str, str] = {word: canon for canon, words in _CLASSES.items() for word in words}

# A share said in words ("three in four", "a third", "1/3") is marked by this
# sign after its value: it stands for the nearby figures the words round
# (``Features.approximate``), not for one figure alone.
APPROXIMATE = "\u2248"  # "≈"

# After "top": a count or share ("the top five", "the top third"), or no noun.
_NOT_A_RANK_OF_ONE = (r"(?!\s+(?:of|and|or|to|half|third|quarter|fifth|tenth|one|two|three|four|five|six|seven|eight|"
                      r"nine|ten|twenty|fifty|hundred|dozen|percent)\b)")

# Multi-word expressions folded before tokenising.
_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), r)
    for p, r in (
        (r"\bper[\s-]+cent\b", "percent"),
        (r"%", " percent"),
        (r"\bu\.\s?s\.(?:\s?a\.)?", "USA "),
        (r"\bunited states(?: of america)?\b", "USA"),
        (r"\baffordable care act\b", "ACA"),
        (r"\bhealth[\s-]+care\b", "healthcare"),
        (r"\bwent up\b", "increased"),
        (r"\bwent down\b", "decreased"),
        # Spans of years before the shares: "a quarter century" is 25 years, not 25 percent.
        (r"\b(?:(?:a|one)[\s-]+)?quarter[\s-]+(?:of[\s-]+a[\s-]+)?century\b", "25 years"),
        (r"\bhalf[\s-]+a[\s-]+century\b", "50 years"),
        (r"\b(a|one|past|last|previous|next|first|second|single)\s+decade\b", r"\1 10 years"),
        # Durations by value, before "a quarter" and "half" are read as shares:
        # "an hour and a quarter" is 75 minutes, as is "an hour and 15 minutes".
        (r"\b(?:an|one)[\s-]+hour[\s-]+and[\s-]+a[\s-]+quarter\b", "75 minutes"),
        (r"\b(?:an|one)[\s-]+hour[\s-]+and[\s-]+a[\s-]+half\b", "90 minutes"),
        (r"\bhalf[\s-]+an[\s-]+hour\b", "30 minutes"),
        (r"\b(?:a[\s-]+)?quarter[\s-]+(?:of[\s-]+an[\s-]+)?hour\b", "15 minutes"),
        (r"\b(?:a|one)[\s-]+year[\s-]+and[\s-]+a[\s-]+half\b", "18 months"),
        (r"\b(?:an|one)[\s-]+hour(?=[\s,]+(?:and[\s-]+)?\w+[\s-]+minutes?\b)", "1 hours"),
        # "second" is a rank before a superlative ("the second-highest", "second
        # most"); alone it is too often a unit of time or "another".
        (r"\bsecond(?=[\s-]+(?:most|least|best|worst|highest|lowest|largest|biggest|smallest|greatest|fastest|"
         r"slowest|richest|poorest|oldest|youngest|longest|shortest|deadliest|busiest|safest|strongest|weakest|"
         r"cheapest|wealthiest|healthiest|heaviest|hottest|coldest|warmest|tallest)\b)", "2nd"),
        (r"\btwo[\s-]+thirds\b", "66.7≈ percent"),
        (r"\b(?:one|a)[\s-]+third\b", "33.3≈ percent"),
        (r"\bthree[\s-]+quarters\b", "75≈ percent"),
        (r"\b(?:one|a)[\s-]+quarter\b", "25≈ percent"),
        (r"\b(?:one|a)[\s-]+fifth\b", "20≈ percent"),
        (r"\b(?:one|a)[\s-]+tenth\b", "10≈ percent"),
        # "half of", "half the kids", "half all"; not "half a million" (below) or "half time".
        (r"\bhalf(?:\s+of)?(?=\s+(?:the|all|our|their|its|his|her|these|those|every)\b)", "50≈ percent of"),
        # "half of Florida's campaigns" too, but not "the first half of 2015".
        (r"(?<!first\s)(?<!second\s)(?<!other\s)(?<!latter\s)\bhalf\s+of\b", "50≈ percent of"),
        (r"\bhalf an? (hundred|thousand|million|billion|trillion)\b", r"0.5 \1"),
        (r"\b(?:one|a) (hundred|thousand|million|billion|trillion)\b", r"1 \1"),
        # "one" is seldom a count ("one of the"), but "one in four" is a share.
        (r"\bone(?=[\s-]+(?:times[\s-]+)?(?:in|out[\s-]+of)[\s-]+(?:every[\s-]+)?(?:\d|two|three|four|five|six|seven|eight|"
         r"nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
         r"forty|fifty|sixty|seventy|eighty|ninety|hundred))", "1"),
    )
)
# Ranks read by value: "ranked first", "first in the nation", "number one",
# "came in first", "the world's top destination", "the top spot" and "the top
# state in the nation" say "No. 1" ("1st"); "ranked second" says "No. 2".
# "Top" alone is left: "top officials", "the top rate", "one of the top
# threats", "the top third" name no rank of one; nor does "in the first place".
_RANKS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), r)
    for p, r in (
        (r"\b((?:rank(?:s|ed|ing)?|placed?|places|finish(?:ed|es)?|came|comes)\s+)(?:in\s+|at\s+the\s+)?(?:first|top)\b",
         r"\g<1>1st"),
        (r"\b((?:rank(?:s|ed|ing)?|placed?|places|finish(?:ed|es)?|came|comes)\s+)(?:in\s+)?second\b", r"\g<1>2nd"),
        # "took the top spot", "the top-ranked state": a rank of one said of one thing.
        (r"\bthe\s+top(?=[\s-]+(?:spot|place|position|ranking|ranked)\b)", "the 1st"),
        (r"\bfirst(?=\s+in\s+the\s+(?:nation|country|world|state)\b)", "1st"),
        (r"\bsecond(?=\s+in\s+the\s+(?:nation|country|world|state)\b)", "2nd"),
        (r"\bnumber[\s-]+one\b", "No. 1"),
        (r"\b((?:world|nation|country|state|america)['’]?s\s+)top" + _NOT_A_RANK_OF_ONE + r"(?=\s+[^\W\d]+\b)",
         r"\g<1>1st"),
        (r"\bthe\s+top" + _NOT_A_RANK_OF_ONE + r"(?=(?:\s+[^\W\d]+)?\s+[^\W\d]*[^\W\ds]\s+in\s+the\s+"
         r"(?:nation|country|world|state)\b)", "the 1st"),
    )
)
# The words without which no rank pattern can match (most claims have none).
_RANK_WORDS = ("first", "second", "top", "number")

# "two in five", "9 out of 10", "nine times out of ten": a share, read as a
# percentage once the words are digits (see _fold_phrases).  Ordinals ("4th
# out of 40") are ranks, not shares, and are left alone.
# Hyphenated too: "a one-in-three chance".
_SHARE = re.compile(r"\b(\d+)[\s-]+(?:times[\s-]+)?(?:in|out[\s-]+of)[\s-]+(?:every[\s-]+)?(\d+)\b(?!\s*(?:percent|%))",
                    re.IGNORECASE)


# "three-fifths of voters", "2 thirds": any share said as a fraction, not only
# the common ones of _PHRASES; "two-tenths of a percent" and "three-fifths of
# a vote" are amounts of a unit, not shares.
_FRACTION = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|[2-9])[\s-]+(thirds|fifths|sixths|sevenths|eighths|"
                       r"ninths|tenths)\b(?!\s+of\s+an?\b)", re.IGNORECASE)
_DENOMINATORS = {"thirds": 3, "fifths": 5, "sixths": 6, "sevenths": 7, "eighths": 8, "ninths": 9, "tenths": 10}


def _fraction(match: re.Match[str]) -> str:
    numerator = match.group(1).lower()
    part = int(numerator) if numerator.isdigit() else int(_NUMBER_WORDS[numerator])
    whole = _DENOMINATORS[match.group(2).lower()]
    if part >= whole:
        return match.group(0)
    return f"{round(100 * part / whole, 1):g}{APPROXIMATE} percent"


# "3 hundred thousand" (from "three hundred thousand"): 300 thousand.
_HUNDREDS = re.compile(r"\b(\d{1,2}) hundred (thousand|million|billion)\b", re.IGNORECASE)
# "2 hundred and 82" (from "two hundred and eighty-two"): 282.
_HUNDRED_AND = re.compile(r"\b([1-9]) hundred(?:\s+and)?\s+(\d{1,2})\b", re.IGNORECASE)
# "1 hours and 15 minutes", "2 hours 30 minutes", "2 and a half hours": minutes.
_HOURS_MINUTES = re.compile(r"\b(\d{1,2})\s+hours?[\s,]+(?:and\s+)?(\d{1,2})\s+minutes?\b", re.IGNORECASE)
_HOURS_AND_HALF = re.compile(r"\b(\d{1,2})\s+and\s+a\s+half\s+hours\b", re.IGNORECASE)
# "3 decades" (from "three decades"): 30 years.
_DECADES = re.compile(r"\b(\d{1,2})\s+decades\b", re.IGNORECASE)
# A range sharing its multiplier: "25 to 30 million" is 25 million to 30 million
# (but "500,000 and 1 million" is left alone: its first figure is whole).
_RANGE = re.compile(r"(?<![\d.,])(\d+(?:\.\d+)?)(\s*(?:to|-|–|or|and)\s*\$?)(\d+(?:\.\d+)?)\s*"
                    r"(thousand|million|billion|trillion|bln|mln|trln|trn|bn|mn|tn)\b", re.IGNORECASE)
# "2009-13": the years 2009 to 2013, not 2009 and the number 13.
_YEAR_SPAN = re.compile(r"\b((?:18|19|20)\d\d)\s*[-–/]\s*(\d\d)\b(?![.,]\d|\s*(?:percent|%))")


def _range(match: re.Match[str]) -> str:
    low, high = float(match.group(1)), float(match.group(3))
    if low >= high:
        return match.group(0)
    return f"{match.group(1)} {match.group(4)}{match.group(2)}{match.group(3)} {match.group(4)}"


def _year_span(match: re.Match[str]) -> str:
    first = match.group(1)
    last = first[:2] + match.group(2)
    return f"{first} to {last}" if last > first else match.group(0)


def _share(match: re.Match[str]) -> str:
    part, whole = int(match.group(1)), int(match.group(2))
    if not 0 < part <= whole <= 1000 or 1800 <= whole <= 2099:
        return match.group(0)
    return f"{round(100 * part / whole, 1):g}{APPROXIMATE} percent"

# Words (with an inner apostrophe), or a number with any letters glued to it
# ("10th", "5m", "$1.4tn"), which is skipped as a word and read by _numbers.
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d[\d,]*(?:\.\d+)?[^\W_]*", re.UNICODE)
_MULTIPLIERS: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "millions": 1e6, "m": 1e6, "mn": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "trillions": 1e12, "tn": 1e12,
    # News agencies' abbreviations ("$2.3 bln", "3 mln").
    "mln": 1e6, "bln": 1e9, "trn": 1e12, "trln": 1e12,
}
_NUMBER_WORDS: dict[str, float] = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
    # Ordinals from "third" on ("first" and "second" are too often not numbers).
    "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "eleventh": 11, "twelfth": 12, "fifteenth": 15, "twentieth": 20, "hundredth": 100,
}
_NUM_WITH_MULT = re.compile(
    # The number is never cut short: "2.3xyz" is not read as 2 (the figure
    # stays unread instead); "2.5pc" is the British "per cent".
    r"(?<![\w.])(\d(?:[\d,]*\d)?(?:\.\d+)?)(?![.,]?\d)(?:-|\s*)"
    r"(hundred|thousand|millions?|billions?|trillions?|bln|mln|trln|trn|bn|mn|tn|[kmb])?(?:st|nd|rd|th|pc)?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Features:
    """What the matcher compares between two claims.

    Attributes:
        stems: content words, stemmed and folded into synonym classes.
        names: stems of capitalised words and acronyms (named-entity stand-in).
        numbers: quantities with multipliers applied (years excluded).
        years: four-digit years 1800-2099.
        words: the content words as written, lower-cased, for the FTS query.
        repeated: each further time a figure of ``numbers`` is said, sorted
            ("10 years ... the last 10 years" repeats 10 once): a claim that
            keeps one of the two and changes the other states another figure.
        approximate: the figures of ``numbers`` said as a share in words
            ("three times out of four" is 75, "a third" 33.3): they agree with
            any figure the words would round to (:func:`share_tolerance`).
    """

    stems: frozenset[str]
    names: frozenset[str]
    numbers: frozenset[float]
    years: frozenset[int]
    words: tuple[str, ...]
    repeated: tuple[float, ...] = ()
    approximate: frozenset[float] = frozenset()

    def figures(self) -> list[float]:
        """Every figure as often as it is said, sorted."""
        return sorted((*self.numbers, *self.repeated))

    def to_json(self) -> str:
        """A compact JSON form, stored beside each fact-check at import time."""
        return json.dumps([sorted(self.stems), sorted(self.names), sorted(self.numbers), sorted(self.years),
                           list(self.words), list(self.repeated), sorted(self.approximate)], separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Features:
        """The features :meth:`to_json` wrote."""
        stems, names, numbers, years, words, *rest = json.loads(text)
        repeated, approximate = (rest + [[], []])[:2]
        return cls(frozenset(stems), frozenset(names), frozenset(float(n) for n in numbers),
                   frozenset(int(y) for y in years), tuple(words), tuple(float(n) for n in repeated),
                   frozenset(float(n) for n in approximate))


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball (Porter 2) stem of a lower-case word, after irregular forms and synonym classes."""
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = _IRREGULAR.get(word, word)
    if word in _CLASS_OF:
        return _CLASS_OF[word]
    stemmed: str = _STEMMER.stemWord(word)
    return _CLASS_OF.get(stemmed, stemmed)


def _numbers(text: str) -> tuple[list[float], set[int], set[float]]:
    numbers: list[float] = []
    years: set[int] = set()
    approximate: set[float] = set()
    for match in _NUM_WITH_MULT.finditer(text):
        raw, mult = match.group(1), (match.group(2) or "").lower()
        digits = raw.replace(",", "")
        try:
            value = float(digits)
        except ValueError:
            continue
        is_plain_int = "," not in raw and "." not in raw
        if not mult and is_plain_int and len(digits) == 4 and 1800 <= value <= 2099:
            tail = text[match.end(): match.end() + 9].lower()
            if not tail.lstrip().startswith(("percent", "people", "dollars")):
                years.add(int(value))
                continue
        if mult in {"m", "b", "k"} and match.end() < len(text) and text[match.end() - 1].isalpha():
            # "5m" is a multiplier, "5 m" (metres) is not: require the letter to touch the number.
            if text[match.start(2) - 1].isspace():
                mult = ""
        value *= _MULTIPLIERS.get(mult, 1.0)
        numbers.append(round(value, 6))
        if text.startswith(APPROXIMATE, match.end()):
            approximate.add(round(value, 6))
    return numbers, years, approximate


_ORDINAL_WORDS = frozenset(w for w in _NUMBER_WORDS if w.endswith(("th", "rd", "fth", "lfth")) and w != "eighty")
_NUMBER_WORD = re.compile(
    r"\b(" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")(?:-(" + "|".join(
        sorted(_NUMBER_WORDS, key=len, reverse=True)) + r"))?\b",
    re.IGNORECASE,
)


def _number_word(match: re.Match[str]) -> str:
    words = [w.lower() for w in match.groups() if w]
    value = int(sum(_NUMBER_WORDS[w] for w in words))
    return f"{value}th" if words[-1] in _ORDINAL_WORDS else str(value)


def _fold_phrases(text: str) -> str:
    """Fold multi-word expressions and spelled-out numbers ("eight million" -> "8 million")."""
    lower = text.lower()
    if any(word in lower for word in _RANK_WORDS):
        for pattern, repl in _RANKS:
            text = pattern.sub(repl, text)
    text = _FRACTION.sub(_fraction, text)
    for pattern, repl in _PHRASES:
        text = pattern.sub(repl, text)
    text = _NUMBER_WORD.sub(_number_word, text)
    text = _HUNDRED_AND.sub(lambda m: str(int(m.group(1)) * 100 + int(m.group(2))), text)
    text = _HUNDREDS.sub(lambda m: f"{int(m.group(1)) * 100} {m.group(2)}", text)
    text = _HOURS_MINUTES.sub(lambda m: f"{60 * int(m.group(1)) + int(m.group(2))} minutes", text)
    text = _HOURS_AND_HALF.sub(lambda m: f"{60 * int(m.group(1)) + 30} minutes", text)
    text = _DECADES.sub(lambda m: f"{int(m.group(1)) * 10} years", text)
    text = _YEAR_SPAN.sub(_year_span, text)
    text = _RANGE.sub(_range, text)
    text = _SLASH_SHARE.sub(_slash_share, text)
    return _SHARE.sub(_share, text)


# "1/3 of our kids", "2/3": a share like "a third", "two-thirds".  Only a
# proper fraction of small numbers, alone: "24/7", "9/11" and dates
# ("6/19/2024") are not shares.
_SLASH_SHARE = re.compile(r"(?<![\d/.])([1-9])\s?/\s?([2-9]|10)(?![\d/.])")


def _slash_share(match: re.Match[str]) -> str:
    numerator, denominator = int(match.group(1)), int(match.group(2))
    if numerator >= denominator:
        return match.group(0)
    return f"{round(100 * numerator / denominator, 1):g}{APPROXIMATE} percent"


@lru_cache(maxsize=4096)
def analyse(text: str, extra_names: tuple[str, ...] = ()) -> Features:
    """The matching features of a sentence.

    Args:
        text: the claim or fact-checked statement.
        extra_names: entity texts known from elsewhere (spaCy's entities of a
            :class:`~claimcheck.report.Claim`), added to the names.
    """
    text = _fold_phrases(_strip_accents(text))
    numbers, years, approximate = _numbers(text)
    stems: set[str] = set()
    names: set[str] = set()
    words: list[str] = []
    tokens = _WORD.findall(text)
    for i, token in enumerate(tokens):
        if token[0].isdigit():
            continue
        lower = token.lower().replace("’", "'")
        if lower in STOPWORDS or lower in _NUMBER_WORDS or len(lower) < 2:
            continue
        s = stem(lower)
        stems.add(s)
        words.append(lower)
        # A capitalised first word is a name when the next word is one too
        # ("Donald Trump has described ..."), not when it merely opens the sentence.
        capitalised = token[0].isupper() and (i > 0 or token.isupper())
        if (capitalised or (token.isupper() and len(token) >= 2)) and lower not in _NOT_NAMES:
            names.add(s)
    for name in extra_names:
        for token in _WORD.findall(_strip_accents(name)):
            lower = token.lower()
            if not token[0].isdigit() and lower not in STOPWORDS:
                names.add(stem(lower))
    distinct = frozenset(numbers)
    repeated = sorted(numbers)
    for n in distinct:
        repeated.remove(n)
    return Features(frozenset(stems), frozenset(names), distinct, frozenset(years), tuple(words), tuple(repeated),
                    frozenset(approximate))


def fts_terms(features: Features) -> list[str]:
    """Words to OR together in the full-text query: the words as written,
    the head word of their synonym classes, and whole numbers and years."""
    terms: dict[str, None] = {}
    for word in features.words:
        terms[word.replace("'", " ").split()[0]] = None
        canon = stem(word)
        if canon in _CLASSES:
            # Only the class's head word: every variant would flood BM25 with
            # common words and push the rarer, telling ones out of the top.
            terms[_CLASSES[canon][0]] = None
    for year in sorted(features.years):
        terms[str(year)] = None
    for number in sorted(features.numbers):
        # Stored text may spell a figure either way: "8" / "eight", "8 million" / "8,000,000".
        for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
            if number >= scale:
                mantissa = number / scale
                if mantissa.is_integer():
                    terms[str(int(mantissa))] = None
                    if mantissa in _DIGIT_WORDS:
                        terms[_DIGIT_WORDS[mantissa]] = None
                terms[word] = None
                break
        else:
            if number.is_integer() and 1 < number < 1e6:
                terms[str(int(number))] = None
                if number in _DIGIT_WORDS:
                    terms[_DIGIT_WORDS[number]] = None
    return list(terms)


_DIGIT_WORDS: dict[float, str] = {
    value: word for word, value in _NUMBER_WORDS.items() if not word.endswith(("th", "rd", "fth", "lfth")) and word != "dozen"
}


# Shares a journalist writes in words: every fraction with a denominator up to ten.
_SIMPLE_SHARES: tuple[float, ...] = tuple(sorted({round(100 * p / q, 6) for q in range(1, 11) for p in range(q + 1)}))


def share_tolerance(value: float) -> float:
    """How far a share said in words may be from a figure it stands for, in points.

    Words round to the nearest simple fraction, so "three times out of four"
    stands for any figure nearer 75 than any other fraction with a
    denominator up to ten (7/9 is 77.8, 5/7 71.4): 76 is three out of four,
    78 is not.  Half the distance to the nearest other such fraction.
    """
    gaps = [abs(value - share) for share in _SIMPLE_SHARES if abs(value - share) > 0.05]
    return min(gaps) / 2 if gaps else 0.0
