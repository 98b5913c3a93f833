"""The report: what one run of claimcheck found in one document.

These dataclasses are the library's return values and, through
:meth:`Report.to_dict`, the JSON report documented in ``docs/report.md``.
The JSON report is a public interface versioned by :data:`REPORT_VERSION`:
fields are added, never renamed or removed, within a major version.

All ``start``/``end`` offsets are character offsets into the *original*
input text (Python string indices, end exclusive), whatever normalisation
was applied before parsing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

REPORT_VERSION = "1.3"

ClaimType = Literal["quantity", "event", "rule", "prediction", "causation", "comparison", "role", "other"]
CLAIM_TYPES: tuple[str, ...] = ("quantity", "event", "rule", "prediction", "causation", "comparison", "role", "other")
Band = Literal["high", "medium", "low"]
AttributionKind = Literal["person", "organisation", "anonymous", "article"]
Severity = Literal["info", "warning", "error"]
SEVERITIES: tuple[str, ...] = ("info", "warning", "error")
Verdict = Literal["false", "mostly-false", "mixed", "mostly-true", "true", "unrated"]
VERDICTS: tuple[str, ...] = ("false", "mostly-false", "mixed", "mostly-true", "true", "unrated")


@dataclass
class Span:
    """A piece of the original input."""

    text: str
    start: int
    end: int


@dataclass
class Entity:
    """A named entity inside a claim (spaCy's label set)."""

    text: str
    label: str
    start: int
    end: int


@dataclass
class DateRef:
    """A date expression resolved against the publication date.

    ``value`` is an ISO 8601 date cut to ``precision``: ``2024-06-19`` (day,
    or the day a ``week`` expression points at), ``2023-06`` (month), ``2023``
    (year) or ``1990`` (decade); ``None`` for what is not a point and for
    relative expressions when no publication date is known.  ``kind`` says
    what the expression is: a ``point`` in time, an ``interval`` ("the past two
    weeks", "since 2010": ``begins`` and ``ends``, inclusive, cut to
    ``precision``), a ``duration`` ("for 25 years") or a ``recurring`` period
    ("annually"); ``duration`` is the length in ISO 8601 ("P25Y"), and ``kind``
    is None for an age written like a date ("16-year-olds").
    """

    text: str
    value: str | None
    precision: Literal["day", "week", "month", "year", "decade"] | None
    relative: bool
    start: int
    end: int
    kind: Literal["point", "interval", "duration", "recurring"] | None = "point"
    begins: str | None = None
    ends: str | None = None
    duration: str | None = None

    def reading(self) -> str | None:
        """What the expression resolves to, in one short string for the text, Markdown and CSV
        reports: the value of a point, "2016-04-20 to 2016-05-04" for an interval ("to 2016-05"
        when only its end is known), a duration's length ("a length of time,
        P25Y", so that no editor reads it as a date), "recurs every P1Y"; None when nothing was resolved."""
        if self.kind == "interval":
            if self.begins and self.ends:
                return f"{self.begins} to {self.ends}"
            return f"from {self.begins}" if self.begins else (f"to {self.ends}" if self.ends else None)
        if self.kind == "duration":
            return f"a length of time, {self.duration}" if self.duration else "a length of time"
        if self.kind == "recurring":
            return f"recurs every {self.duration}" if self.duration else "recurs"
        return self.value


@dataclass
class Attribution:
    """Who asserts a claim.

    ``kind`` is ``person`` or ``organisation`` for a named source,
    ``anonymous`` for a vague or unnamed one ("some say", "sources said",
    "one tabloid headline"), and ``article`` when the article asserts the claim
    in its own voice (``speaker`` and ``cue`` are then ``None``).
    ``mention`` is the speaker as written at the cue when it differs from the
    resolved ``speaker`` (a pronoun, or "Mr Monday" resolved to "Chris Monday").
    """

    speaker: str | None
    cue: str | None
    kind: AttributionKind
    mention: str | None = None
    quoted: bool = False
    start: int | None = None
    end: int | None = None


@dataclass
class Evidence:
    """A related record found by a lookup source (e.g. a prior fact-check)."""

    source: str
    claim: str
    rating: str | None
    verdict: Verdict
    publisher: str | None
    url: str | None
    date: str | None
    score: float
    claimant: str | None = None
    language: str | None = None


@dataclass
class Claim:
    """One checkable claim.

    ``text`` is the claim as written (the clause, which may be shorter than the
    sentence); ``sentence`` is the whole sentence around it.  ``score`` is the
    check-worthiness in [0, 1] (0.5 and above: worth checking), ``band`` its
    coarse reading and ``reasons`` the main signals behind it.  ``standalone``
    is the claim rewritten to be understood alone (pronouns resolved, speaker
    and date added), or ``None`` when ``text`` needs nothing added.

    ``score`` and ``band`` are kept consistent here, in one place: setting
    ``score`` clamps it to [0, 1] and rounds it (:func:`clamp_score`), and
    ``band`` is always ``band_for(score)``; a ``band`` given to the
    constructor or assigned later is ignored.
    """

    id: str
    text: str
    sentence: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    type: str
    score: float
    band: str
    reasons: list[str] = field(default_factory=list)
    attribution: Attribution | None = None
    hedges: list[str] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    subject: dict[str, str] | None = None
    embedded: bool = False
    notes: list[str] = field(default_factory=list)
    lookups: list[Evidence] = field(default_factory=list)
    standalone: str | None = None


class _ClaimScore:
    """Sets ``Claim.score`` clamped and rounded (:func:`clamp_score`), and ``band`` from it.

    ``score`` and ``band`` are set through descriptors rather than a ``Claim.__setattr__``: that
    ran in Python for every one of a claim's twenty fields each time a claim was built, for two of
    them.  Having no ``__get__``, they leave reading to the instance's own dictionary.
    """

    def __set__(self, claim: Claim, value: float) -> None:
        value = clamp_score(value)
        claim.__dict__["score"] = value
        claim.__dict__["band"] = band_for(value)


class _ClaimBand:
    """Sets ``Claim.band`` to ``band_for(score)``: a band given to the constructor (older plugins still
    pass one) or assigned later is ignored once the claim has a score."""

    def __set__(self, claim: Claim, value: str) -> None:
        held = claim.__dict__
        held["band"] = band_for(held["score"]) if "score" in held else value


# Set after the dataclass is made, so that it sees no default for either field.
setattr(Claim, "score", _ClaimScore())  # noqa: B010 - a plain assignment would not type-check
setattr(Claim, "band", _ClaimBand())  # noqa: B010


@dataclass
class Finding:
    """An editorial observation not tied to one claim's truth.

    ``rule`` is ``pack.rule`` (``editorial.anonymous-attribution``); ``claim``
    is the id of the claim it concerns, if any.
    """

    rule: str
    severity: str
    message: str
    text: str
    start: int
    end: int
    claim: str | None = None
    link: str | None = None


@dataclass
class Diagnostic:
    """A problem met during the run that did not stop it (a failing plugin,
    a skipped rule pack, an unreachable lookup service)."""

    code: str
    message: str
    plugin: str | None = None
    hook: str | None = None


@dataclass
class DocumentInfo:
    """What is known about the document as a whole."""

    source: str | None
    published: str | None
    published_from: Literal["argument", "text"] | None
    byline: str | None
    byline_span: Span | None
    characters: int
    sentences: int
    furniture: list[Span] = field(default_factory=list)
    id: str | None = None
    dateline: str | None = None
    input_format: str = "text"
    """How the input was read: ``text``, ``markdown``, ``html`` or ``docx``.
    For the last three, offsets point into the plain text extracted from the
    file (see docs/report.md, "Offsets and input formats")."""
    genre: str | None = None
    """How the document was read for the score's calibration: ``speech``
    (a transcript or first-person remarks), ``article`` or ``unknown`` (too
    short to tell); set by ``--genre`` / ``genre:`` when given."""


@dataclass
class Report:
    """Everything claimcheck found in one document."""

    document: DocumentInfo
    claims: list[Claim]
    findings: list[Finding]
    candidates: int
    min_score: float
    warnings: list[Diagnostic] = field(default_factory=list)
    version: str = REPORT_VERSION
    tool: dict[str, str] = field(default_factory=dict)
    text: str | None = field(default=None, repr=False, compare=False)
    """The text every offset points into (the input, or the text extracted
    from a Markdown, HTML or Word file); formats that quote or highlight the
    article use it.  Not part of the JSON report."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form of the report (see ``docs/report.md``)."""
        return {
            "version": self.version,
            "tool": dict(self.tool),
            "document": asdict(self.document),
            "claims": [asdict(c) for c in self.claims],
            "findings": [asdict(f) for f in self.findings],
            "warnings": [asdict(w) for w in self.warnings],
            "stats": {
                "candidates": self.candidates,
                "reported": len(self.claims),
                "min_score": self.min_score,
            },
        }


#: Decimal places a claim's score is kept to (the report's precision).
SCORE_DECIMALS = 3


def clamp_score(score: float) -> float:
    """A score clamped to [0, 1] and rounded to :data:`SCORE_DECIMALS` places."""
    return round(min(1.0, max(0.0, float(score))), SCORE_DECIMALS)


def band_for(score: float) -> str:
    """The band a score falls in: ``high`` >= 0.7, ``medium`` >= 0.5, else ``low``."""
    if score >= 0.7:
        return "high"
    if score >= 0.5:
        return "medium"
    return "low"
