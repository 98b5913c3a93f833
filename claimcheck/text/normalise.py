"""Text normalisation that repairs scraped prose and remembers where every
character came from.

Scraped articles glue paragraphs together (``correspondentThere``,
``Ukraine.”He``, ``programmes?Both``), use closing quote marks as opening ones
and hide invisible characters.  :func:`normalise` repairs this so that the
parser splits sentences and quotations correctly, and returns a
:class:`NormalisedText` whose offset map sends every character of the
repaired text back to the original input: reports always point into what the
user gave us ("offsets are sacred").

Only three kinds of edit are made, so the map stays simple: a character is
replaced by one other character, deleted, or a space is inserted.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field

# Characters that carry no text and confuse the tokenizer.
_DELETED = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\r"}
# One-for-one replacements that help the parser and change no meaning.
# Curly apostrophes become straight ones: the English pipeline tags "doesn't"
# correctly but "doesn’t" as a noun.
_REPLACED = {"\u2019": "'", "\u2018": "'", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\t": " ", "\u2028": "\n", "\u2029": "\n"}

_OPEN_ONLY = {"\u201c", "\u201e", "\u00ab"}  # “ „ «
_CLOSE_ONLY = {"\u00bb"}  # »
_EITHER = {"\u201d", '"'}  # ” and the straight quote are used both ways in scraped text
_SENTENCE_END = set(".?!\u2026")
_CLAUSE_END = set(",;:")

# Words that start sentences: a lower-case word glued to one of these
# ("correspondentThere") is two paragraphs run together, while brand names
# (``iPhone``, ``eBay``) and CamelCase names (``YouTube``) are left alone.
SENTENCE_STARTERS = frozenset(
    """a an the this that these those there here it its he she his her they their we our i you
    in on at as after before but and or so yet if when while since although though because
    however meanwhile moreover many most some several one two three four five both each every
    no not according officials police mr mrs ms dr president prime minister speaking""".split()
)

_SPECIAL_CHAR = re.compile("[" + re.escape("".join(sorted(_DELETED | set(_REPLACED)))) + "]")
_QUOTE_MARK = re.compile("[" + re.escape("".join(sorted(_OPEN_ONLY | _CLOSE_ONLY | _EITHER))) + "]")
_GLUED_SENTENCE = re.compile(r"(?<=[a-z]{2}|[a-z][)\]]|[0-9]{2}|[a-z]['’])([.?!\u2026]+)(?=[A-Z\u2018(\[])")
#: What follows an apostrophe at the end of an English word: n't, 's, 're, 've, 'll, 'd, 'm.
_CONTRACTION_TAIL = re.compile(r"(?:t|s|re|ve|ll|d|m)(?![A-Za-z])", re.IGNORECASE)
#: Two apostrophes standing for a double quote mark, as in some newswire archives: ``are ''profoundly irresponsible''``.
_DOUBLED_APOSTROPHE = re.compile(r"(?<!')''(?!')")
_QUOTE_CHARS = _OPEN_ONLY | _CLOSE_ONLY | _EITHER
# A paragraph break: a blank line (``\r\n`` line ends too) or Unicode's paragraph separator.
_BLANK_LINE = re.compile(r"\n[ \t\r\u00a0]*\n|\u2029")
_NEWLINE = re.compile(r"[\n\u2028\u2029]")
_GLUED_CAMEL = re.compile(r"(?<![A-Za-z])([a-z][a-z]+)([A-Z][a-z]*)(?=[^A-Za-z]|$)")


@dataclass(frozen=True)
class QuoteSpan:
    """A stretch of quoted speech in the normalised text (marks excluded)."""

    start: int
    end: int
    continues_previous: bool = False


@dataclass
class NormalisedText:
    """Repaired text plus the map back to the original input.

    Attributes:
        original: the input exactly as given.
        text: the repaired text that is parsed.
        offsets: ``offsets[i]`` is the index in ``original`` of ``text[i]``;
            an inserted character maps to the original character after it.
        inserted: positions in ``text`` that were inserted (not in the input).
        quotes: quoted stretches found while repairing quote marks.
        boundaries: positions in ``text`` where a new sentence must start
            (glued paragraphs).
    """

    original: str
    text: str
    offsets: array
    inserted: frozenset[int] = frozenset()
    quotes: list[QuoteSpan] = field(default_factory=list)
    boundaries: list[int] = field(default_factory=list)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map ``text[start:end]`` to the smallest original range holding its real characters."""
        # Asked for every claim, entity, hedge and finding: comparisons rather than min/max calls,
        # and no walk over inserted characters in the usual text that has none.
        size = len(self.text)
        if not size:
            return (0, 0)
        start = 0 if start < 0 else size if start > size else start
        end = size if end > size else end
        if end < start:
            end = start
        inserted = self.inserted
        if inserted:
            while start < end and start in inserted:
                start += 1
            while end > start and (end - 1) in inserted:
                end -= 1
        if start >= end:
            pos = self.offsets[start] if start < len(self.offsets) else len(self.original)
            return (pos, pos)
        return (self.offsets[start], self.offsets[end - 1] + 1)

    def original_slice(self, start: int, end: int) -> str:
        """The original input behind ``text[start:end]``."""
        a, b = self.to_original(start, end)
        return self.original[a:b]


def _is_apostrophe(text: str, i: int) -> bool:
    """True for a closing double quote mark used as an apostrophe inside a word: ``isn”t``, ``Britain”s``.

    Broken encodings and some keyboards put ``”`` where ``’`` belongs; read as
    a quote mark it would open or close a quotation in mid-word.
    """
    if text[i] not in _EITHER or i == 0 or not text[i - 1].isalpha():
        return False
    m = _CONTRACTION_TAIL.match(text, i + 1)
    return m is not None


def _classify_quote(text: str, i: int) -> str:
    """Say how a double quote mark at ``text[i]`` can be read: open, close, boundary or apostrophe."""
    ch = text[i]
    if ch in _OPEN_ONLY:
        return "open"
    if ch in _CLOSE_ONLY:
        return "close"
    if _is_apostrophe(text, i):
        return "apostrophe"
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if (prev.isspace() or prev in "([{\u2014\u2013-") and (nxt.isalnum() or nxt in "\u2018'(\u2026."):
        return "open"
    if (prev in _SENTENCE_END or prev in _CLAUSE_END) and nxt.isalpha():
        return "boundary"
    if prev.isalnum() and nxt.isalpha():
        return "boundary"
    return "close"


def paragraph_breaks(text: str) -> list[int]:
    """Where the paragraphs of ``text`` end: the first newline of every paragraph break.

    A blank line separates paragraphs when the text has any (a hard-wrapped
    paragraph keeps single newlines inside it); a text without one puts each
    paragraph on its own line.
    """
    pattern = _BLANK_LINE if _BLANK_LINE.search(text) else _NEWLINE
    return [m.start() for m in pattern.finditer(text.rstrip())]


def _reopens_after(text: str, brk: int) -> bool:
    """True when the paragraph after the break at ``brk`` starts with a quote mark that can open.

    That is how a quotation runs on into the next paragraph: the earlier
    paragraph has no closing mark and the next one re-opens it.
    """
    i = brk
    while i < len(text) and text[i].isspace():
        i += 1
    if text.startswith("''", i):
        return True  # a newswire double quote written as two apostrophes
    return i < len(text) and text[i] in _QUOTE_CHARS and _classify_quote(text, i) in ("open", "boundary")


def _resolve_quotes(text: str, marks: list[int]) -> tuple[list[str], list[int]]:
    """Choose, for every quote mark, whether it opens or closes a quotation.

    Ambiguous marks (a glued paragraph boundary, ``down.”Either``) are
    resolved by dynamic programming: the reading must be consistent (a close
    needs an open quotation) and, among consistent readings, the one that puts
    the fewest characters inside quotation marks wins.  In a multi-paragraph
    quotation the earlier paragraphs have no closing mark, so at a boundary
    inside a quotation the mark may also *re-open* it.

    A quotation never runs past the end of its paragraph unless the next
    paragraph re-opens it with a mark (the journalistic convention): one stray
    or missing mark would otherwise put the rest of the article inside a
    quotation.  An unclosed quotation ends with its paragraph.

    Returns one of ``open``, ``close``, ``reopen`` per mark, and the paragraph
    breaks (positions in ``text``) where an unclosed quotation ends.
    """
    big = 10**7
    events = sorted([(pos, _classify_quote(text, pos)) for pos in marks] + [(brk, "paragraph") for brk in paragraph_breaks(text)])
    # cost[state], back[k][state] = (previous state, action)
    cost: dict[int, float] = {0: 0, 1: big}
    back: list[dict[int, tuple[int, str]]] = []
    prev_pos = 0
    for pos, kind in events:
        gap = pos - prev_pos
        inside = {0: cost[0], 1: cost[1] + gap}
        new: dict[int, float] = {0: float("inf"), 1: float("inf")}
        choice: dict[int, tuple[int, str]] = {}

        def offer(to: int, frm: int, action: str, extra: int = 0) -> None:
            c = inside[frm] + extra
            if c < new[to]:
                new[to] = c
                choice[to] = (frm, action)

        if kind == "paragraph":
            offer(0, 0, "none")
            # An open quotation either runs on (the next paragraph re-opens it) or ends here.
            if _reopens_after(text, pos):
                offer(1, 1, "none")
            else:
                offer(0, 1, "end")
            back.append(choice)
            cost = new
            prev_pos = pos
            continue
        if kind == "open":
            offer(1, 0, "open")
            offer(1, 1, "reopen", 50)
        elif kind == "close":
            offer(0, 1, "close")
            offer(0, 0, "close", big)  # a stray closing mark
        else:  # boundary
            offer(1, 0, "open")
            offer(0, 1, "close")
            offer(1, 1, "reopen")
            offer(0, 0, "close", big)
        # Any other reading stays possible at a prohibitive cost, so that
        # malformed text always has a (bad) reading rather than none.
        for to in (0, 1):
            for frm in (0, 1):
                offer(to, frm, "open" if to == 1 else "close", 2 * big)
        back.append(choice)
        cost = new
        prev_pos = pos
    end_cost = {0: cost[0], 1: cost[1] + (len(text) - prev_pos) + 200}
    state = 0 if end_cost[0] <= end_cost[1] else 1
    actions: list[str] = []
    ends: list[int] = []
    for (pos, kind), choice in zip(reversed(events), reversed(back)):
        frm, action = choice[state]
        if kind != "paragraph":
            actions.append(action)
        elif action == "end":
            ends.append(pos)
        state = frm
    return list(reversed(actions)), list(reversed(ends))


def normalise(original: str) -> NormalisedText:
    """Repair scraped text for parsing and build the map back to ``original``.

    Args:
        original: the input text, as read.

    Returns:
        The repaired text with its offset map, quotations and forced sentence
        boundaries.
    """
    replace: dict[int, str] = {}
    insert_before: dict[int, str] = {}
    boundary_at: set[int] = set()  # original indices that must start a sentence

    for m in _SPECIAL_CHAR.finditer(original):
        ch = m.group()
        replace[m.start()] = "" if ch in _DELETED else _REPLACED[ch]

    # Paragraphs glued after sentence punctuation: "some say.The opposing view".
    for m in _GLUED_SENTENCE.finditer(original):
        insert_before[m.end()] = " "
        boundary_at.add(m.end())

    # Paragraphs glued without punctuation: "Moscow correspondentThere are".
    for m in _GLUED_CAMEL.finditer(original):
        if m.group(2).lower() in SENTENCE_STARTERS:
            insert_before[m.start(2)] = " "
            boundary_at.add(m.start(2))

    # Quotation marks: decide which open and which close, then repair.
    marks = []
    for m in _QUOTE_MARK.finditer(original):
        if _is_apostrophe(original, m.start()):
            replace[m.start()] = "'"  # ``isn”t`` -> ``isn't``: a word, not a quotation
        else:
            marks.append(m.start())
    # ``''`` is one quote mark written with two characters: the first becomes
    # ``"`` and the second is deleted, so the parser sees an ordinary quotation.
    doubled = [m.start() for m in _DOUBLED_APOSTROPHE.finditer(original)]
    for pos in doubled:
        replace[pos] = '"'
        replace[pos + 1] = ""
    if doubled:
        marks = sorted(marks + doubled)
    actions, ends = _resolve_quotes(original, marks) if marks else ([], [])
    quote_events: list[tuple[int, str]] = [(pos, "end") for pos in ends]
    for pos, action in zip(marks, actions):
        kind = _classify_quote(original, pos)
        if action in ("open", "reopen"):
            if original[pos] == "\u201d":
                replace[pos] = "\u201c"
            if kind == "boundary":
                insert_before[pos] = " "
                boundary_at.add(pos)
        elif kind == "boundary":  # a closing mark glued to the next paragraph
            insert_before[pos + 1] = " "
            boundary_at.add(pos + 1)
        quote_events.append((pos, action))

    inserted: set[int] = set()
    orig_to_norm: dict[int, int] | range
    if not insert_before and all(len(rep) == 1 for rep in replace.values()):
        # The common case: nothing inserted or deleted, so the map is the
        # identity and the per-character loop below is not needed.
        chars = list(original)
        for i, rep in replace.items():
            chars[i] = rep
        text = "".join(chars)
        offsets = array("l", range(len(original)))
        orig_to_norm = range(len(original) + 1)
    else:
        out: list[str] = []
        offsets = array("l")
        orig_to_norm = {}
        for i, ch in enumerate(original):
            ins = insert_before.get(i)
            if ins:
                for c in ins:
                    inserted.add(len(out))
                    out.append(c)
                    offsets.append(i)
            orig_to_norm[i] = len(out)
            rep = replace.get(i, ch)
            for c in rep:
                out.append(c)
                offsets.append(i)
        orig_to_norm[len(original)] = len(out)
        text = "".join(out)

    quotes: list[QuoteSpan] = []
    open_at: int | None = None
    continues = False
    for pos, action in sorted(quote_events):
        npos = orig_to_norm[pos]
        if action == "end":
            # An unclosed quotation ends with its paragraph.
            if open_at is not None:
                quotes.append(QuoteSpan(open_at, _rstrip_pos(text, npos), continues))
            open_at, continues = None, False
        elif action in ("open", "reopen"):
            if action == "reopen" and open_at is not None:
                # The previous paragraph's quotation ends unmarked here.
                quotes.append(QuoteSpan(open_at, _rstrip_pos(text, npos), continues))
            continues = action == "reopen" and open_at is not None
            open_at = npos + 1
        elif open_at is not None:
            quotes.append(QuoteSpan(open_at, npos, continues))
            open_at, continues = None, False
    if open_at is not None:
        quotes.append(QuoteSpan(open_at, len(text), continues))

    boundaries = sorted(orig_to_norm[i] for i in boundary_at if i in orig_to_norm)
    return NormalisedText(original, text, offsets, frozenset(inserted), quotes, boundaries)


def _rstrip_pos(text: str, end: int) -> int:
    """Move ``end`` left over whitespace."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end
