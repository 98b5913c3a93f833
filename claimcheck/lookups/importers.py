"""Read fact-check files into :class:`~claimcheck.lookups.store.FactCheck` records.

Four formats are understood (``--format`` names in brackets):

- schema.org ClaimReview JSON-LD [``claimreview``]: a single object, a list,
  a page's ``@graph``, a DataFeed, or an HTML page with
  ``<script type="application/ld+json">`` blocks;
- the Google Fact Check Tools API ``claims:search`` response [``google``]:
  ``claims[]`` each with ``claimReview[]``;
- LIAR [``liar``]: PolitiFact statements, 14 tab-separated columns (the
  speaker's job title is kept as the claimant's title);
- AVeriTeC [``averitec``]: a JSON list of claims with ``label``,
  ``claim_date`` (dd-mm-yyyy), ``speaker`` and ``fact_checking_article``.

:func:`read_file` detects the format unless one is forced, parses the whole
file, and refuses anything malformed with a ``CC171`` error naming the file
and the place; nothing is written until the whole file has been read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from claimcheck.errors import ClaimcheckError, ErrorCode
from claimcheck.text.inputs import open_input
from claimcheck.lookups.store import FactCheck, ImportResult, Store
from claimcheck.lookups.verdicts import normalise_verdict

__all__ = ["FORMATS", "detect_format", "read_file", "import_file", "parse_claimreview", "parse_google",
           "parse_liar", "parse_averitec", "google_claims_to_records"]

FORMATS: tuple[str, ...] = ("claimreview", "google", "liar", "averitec")

LIAR_VERDICTS: dict[str, str] = {
    "pants-fire": "false", "false": "false", "barely-true": "mostly-false",
    "half-true": "mixed", "mostly-true": "mostly-true", "true": "true",
}
# PolitiFact's own wording of each LIAR label, kept as the rating "as written".
LIAR_RATINGS: dict[str, str] = {
    "pants-fire": "Pants on Fire!", "false": "False", "barely-true": "Mostly False",
    "half-true": "Half True", "mostly-true": "Mostly True", "true": "True",
}
AVERITEC_VERDICTS: dict[str, str] = {
    "Supported": "true", "Refuted": "false", "Conflicting Evidence/Cherrypicking": "mixed",
    "Not Enough Evidence": "unrated",
}
_LIAR_ID = re.compile(r"^\d+\.json$")


def _refuse(path: str, message: str) -> ClaimcheckError:
    return ClaimcheckError(ErrorCode.IMPORT_FORMAT, f"{path}: {message}; nothing was imported")


def _mapping(value: Any) -> dict[str, Any]:
    """``value`` if it is a JSON object, else an empty one (a missing or malformed field)."""
    return value if isinstance(value, dict) else {}


def _iso_date(value: Any) -> str | None:
    """An ISO date from ``2020-03-10``, ``2020-03-10T12:00:00Z`` or ``31-10-2020``; ``None`` otherwise."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if match:
        y, m, d = (int(g) for g in match.groups())
    else:
        match = re.match(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$", value)
        if not match:
            return None
        d, m, y = (int(g) for g in match.groups())
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _job_title(value: Any) -> str | None:
    """The ``jobTitle`` of a schema.org Person (the first person of a list that has one)."""
    if isinstance(value, list):
        return next((t for t in map(_job_title, value) if t), None)
    return _text(value.get("jobTitle")) if isinstance(value, dict) else None


def _name(value: Any) -> str | None:
    """The name of a schema.org Thing given as text, an object or a list of either."""
    if isinstance(value, list):
        for item in value:
            name = _name(item)
            if name:
                return name
        return None
    if isinstance(value, dict):
        for key in ("name", "alternateName", "legalName", "url", "@id"):
            if isinstance(value.get(key), str) and value[key].strip():
                return value[key].strip()
        return None
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _number(value: Any) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _language(value: Any) -> str | None:
    if isinstance(value, dict):
        code = _text(value.get("alternateName")) or _text(value.get("name"))
        return code
    return _name(value)


def _is_type(node: dict[str, Any], name: str) -> bool:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1].rsplit(":", 1)[-1] == name for k in kinds)


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object in a document, depth first (covers lists, ``@graph`` and DataFeeds)."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


# Publishers' own names for the sites that appear most in public fact-check
# sets, so that a site and its name count as one publisher in ``db stats``.
_SITE_NAMES: dict[str, str] = {
    "politifact.com": "PolitiFact", "factcheck.org": "FactCheck.org", "snopes.com": "Snopes",
    "fullfact.org": "Full Fact", "factcheck.afp.com": "AFP Fact Check", "washingtonpost.com": "The Washington Post",
    "leadstories.com": "Lead Stories", "usatoday.com": "USA Today", "reuters.com": "Reuters",
    "africacheck.org": "Africa Check", "checkyourfact.com": "Check Your Fact", "aap.com.au": "AAP FactCheck",
}


def _publisher_from_url(url: str | None) -> str | None:
    if not url:
        return None
    # AVeriTeC links through the Wayback Machine; the publisher is the archived site.
    inner = re.match(r"^https?://web\.archive\.org/web/[^/]+/(.+)$", url)
    host = (urlsplit(inner.group(1) if inner else url).hostname or "").removeprefix("www.")
    return _SITE_NAMES.get(host, host) or None


# -- the four formats -----------------------------------------------------------


def parse_claimreview(data: Any, path: str = "<data>") -> list[FactCheck]:
    """Records from schema.org ClaimReview JSON-LD, wherever the objects sit in ``data``."""
    records: list[FactCheck] = []
    reviews = [node for node in _walk(data) if _is_type(node, "ClaimReview")]
    for index, review in enumerate(reviews, start=1):
        item = _mapping(review.get("itemReviewed"))
        claim = _text(review.get("claimReviewed")) or _text(item.get("text")) or _text(item.get("name"))
        if not claim:
            raise _refuse(path, f"ClaimReview #{index} has no claimReviewed text")
        rating_node = _mapping(review.get("reviewRating"))
        rating = _text(rating_node.get("alternateName")) or _text(rating_node.get("name"))
        value = _number(rating_node.get("ratingValue"))
        verdict = normalise_verdict(rating, value, _number(rating_node.get("bestRating")),
                                    _number(rating_node.get("worstRating")))
        if rating is None and value is not None:
            rating = str(rating_node.get("ratingValue"))
        appearance = item.get("appearance") or item.get("firstAppearance")
        claim_date = _iso_date(item.get("datePublished")) or _iso_date(
            appearance.get("datePublished") if isinstance(appearance, dict) else None
        )
        url = _text(review.get("url")) or (_text(review.get("@id")) if str(review.get("@id", "")).startswith("http") else None)
        records.append(FactCheck(
            claim=claim, verdict=verdict, dataset="claimreview", rating=rating,
            claimant=_name(item.get("author")), claimant_title=_job_title(item.get("author")), claim_date=claim_date,
            publisher=_name(review.get("author")) or _name(review.get("publisher")) or _publisher_from_url(url),
            url=url, review_date=_iso_date(review.get("datePublished")),
            language=_language(review.get("inLanguage")),
        ))
    if not records:
        raise _refuse(path, "no schema.org ClaimReview objects found")
    return records


def google_claims_to_records(claims: Any, path: str = "<response>") -> list[FactCheck]:
    """Records from the ``claims`` list of a Fact Check Tools ``claims:search`` response (one per review)."""
    if not isinstance(claims, list):
        raise _refuse(path, "'claims' is not a list")
    records: list[FactCheck] = []
    for index, claim in enumerate(claims, start=1):
        if not isinstance(claim, dict) or not _text(claim.get("text")):
            raise _refuse(path, f"claims[{index - 1}] has no 'text'")
        reviews = claim.get("claimReview") or []
        if not isinstance(reviews, list):
            raise _refuse(path, f"claims[{index - 1}].claimReview is not a list")
        for review in reviews:
            if not isinstance(review, dict):
                raise _refuse(path, f"claims[{index - 1}].claimReview holds a non-object")
            rating = _text(review.get("textualRating"))
            publisher = _mapping(review.get("publisher"))
            url = _text(review.get("url"))
            records.append(FactCheck(
                claim=claim["text"].strip(), verdict=normalise_verdict(rating), dataset="google-factcheck",
                rating=rating, claimant=_text(claim.get("claimant")), claim_date=_iso_date(claim.get("claimDate")),
                publisher=_text(publisher.get("name")) or _text(publisher.get("site")) or _publisher_from_url(url),
                url=url, review_date=_iso_date(review.get("reviewDate")),
                language=_text(review.get("languageCode")),
            ))
    return records


def parse_google(data: Any, path: str = "<data>") -> list[FactCheck]:
    """Records from a saved Google Fact Check Tools API response (or a list of pages of it)."""
    pages = data if isinstance(data, list) else [data]
    records: list[FactCheck] = []
    for page in pages:
        if not isinstance(page, dict) or "claims" not in page:
            raise _refuse(path, "not a Fact Check Tools response (no 'claims' list)")
        records.extend(google_claims_to_records(page["claims"], path))
    if not records:
        raise _refuse(path, "the response holds no claim reviews")
    return records


def parse_liar(text: str, path: str = "<data>") -> list[FactCheck]:
    """Records from a LIAR TSV file (train, valid or test split).

    The LIAR id is PolitiFact's statement id in an API that no longer
    answers; it does not give the review's web address, so ``url`` is left
    empty and the id is kept as ``source_id``.
    """
    records: list[FactCheck] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != 14:
            raise _refuse(path, f"line {number} has {len(cols)} tab-separated columns, LIAR has 14")
        statement_id, label, statement, _subjects, speaker, job_title = cols[:6]
        if not _LIAR_ID.match(statement_id):
            raise _refuse(path, f"line {number}: {statement_id!r} is not a LIAR statement id (like 2635.json)")
        if label not in LIAR_VERDICTS:
            raise _refuse(path, f"line {number}: unknown LIAR label {label!r}")
        if not statement.strip():
            raise _refuse(path, f"line {number} has an empty statement")
        claimant = speaker.replace("-", " ").title() if speaker.strip() else None
        records.append(FactCheck(
            claim=statement.strip(), verdict=LIAR_VERDICTS[label], dataset="liar", rating=LIAR_RATINGS[label],
            claimant=claimant, publisher="PolitiFact", language="en", source_id=statement_id.removesuffix(".json"),
            claimant_title=" ".join(job_title.split()) or None,
        ))
    if not records:
        raise _refuse(path, "no LIAR rows found")
    return records


def parse_averitec(data: Any, path: str = "<data>") -> list[FactCheck]:
    """Records from an AVeriTeC JSON file (train or dev split)."""
    if not isinstance(data, list):
        raise _refuse(path, "AVeriTeC data is a JSON list of claims")
    records: list[FactCheck] = []
    for index, item in enumerate(data):
        if not isinstance(item, dict) or not _text(item.get("claim")):
            raise _refuse(path, f"item {index} has no 'claim'")
        label = item.get("label")
        if label not in AVERITEC_VERDICTS:
            raise _refuse(path, f"item {index}: unknown AVeriTeC label {label!r}")
        url = _text(item.get("fact_checking_article"))
        records.append(FactCheck(
            claim=item["claim"].strip(), verdict=AVERITEC_VERDICTS[label], dataset="averitec", rating=label,
            claimant=_text(item.get("speaker")), claim_date=_iso_date(item.get("claim_date")),
            publisher=_publisher_from_url(url), url=url, language="en",
        ))
    if not records:
        raise _refuse(path, "the file holds no claims")
    return records


# -- detection and reading -----------------------------------------------------------


_LD_JSON = re.compile(r"<script[^>]*type\s*=\s*[\"']application/ld\+json[\"'][^>]*>(.*?)</script>", re.I | re.S)


def _json_from_html(text: str, path: str) -> list[Any]:
    blocks = []
    for number, block in enumerate(_LD_JSON.findall(text), start=1):
        try:
            blocks.append(json.loads(block))
        except json.JSONDecodeError as exc:
            raise _refuse(path, f"JSON-LD block {number} is not valid JSON ({exc.msg}, line {exc.lineno})") from exc
    return blocks


def detect_format(text: str, path: str = "<data>") -> tuple[str, Any]:
    """Guess a file's format from its content; returns the format and the parsed JSON (or the text).

    Raises:
        ClaimcheckError: ``CC171`` when the content is none of :data:`FORMATS`.
    """
    stripped = text.lstrip()
    if stripped[:1] in ("{", "["):
        data = _load_json(text, path)
        if isinstance(data, dict) and isinstance(data.get("claims"), list):
            return "google", data
        if isinstance(data, list) and data and all(isinstance(x, dict) and "claims" in x for x in data):
            return "google", data
        if isinstance(data, list) and data and isinstance(data[0], dict) and "claim" in data[0] and "label" in data[0]:
            return "averitec", data
        if any(_is_type(node, "ClaimReview") for node in _walk(data)):
            return "claimreview", data
        raise _refuse(path, "JSON, but neither ClaimReview, a Fact Check Tools response nor AVeriTeC; "
                            "use --format to say which it is")
    if "<" in stripped[:1000] and "ld+json" in text:
        return "claimreview", _json_from_html(text, path)
    first = next((line for line in text.splitlines() if line.strip()), "")
    cols = first.split("\t")
    if len(cols) == 14 and _LIAR_ID.match(cols[0]) and cols[1] in LIAR_VERDICTS:
        return "liar", text
    raise _refuse(path, "not a known fact-check format (ClaimReview JSON-LD, Fact Check Tools response, "
                        "LIAR TSV, AVeriTeC JSON)")


def _load_json(text: str, path: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _refuse(path, f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from exc


_PARSERS: dict[str, Callable[[Any, str], list[FactCheck]]] = {
    "claimreview": parse_claimreview,
    "google": parse_google,
    "liar": parse_liar,
    "averitec": parse_averitec,
}


def read_text(path: str | Path) -> tuple[str, str]:
    """A file's text and SHA-256; a missing, unreadable or non-UTF-8 file is refused."""
    file = Path(path)
    with open_input(str(file), None, "a fact-check file") as stream:
        try:
            raw = stream.read()
        except OSError as exc:
            raise ClaimcheckError(ErrorCode.UNREADABLE, f"{file}: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _refuse(str(file), f"not UTF-8 text (byte {exc.start})") from exc
    if "\x00" in text:
        raise _refuse(str(file), "binary data, not a fact-check file")
    return text, hashlib.sha256(raw).hexdigest()


def read_file(path: str | Path, format: str = "auto") -> tuple[str, list[FactCheck], str]:
    """Parse a fact-check file completely.

    Args:
        path: the file.
        format: one of :data:`FORMATS`, or ``auto`` to detect it.

    Returns:
        The format, the records, and the file's SHA-256.

    Raises:
        ClaimcheckError: ``CC171`` for corrupt or foreign content, ``CC101``
            for a missing file.
    """
    text, digest = read_text(path)
    name = str(path)
    if format == "auto":
        format, data = detect_format(text, name)
    elif format in _PARSERS:
        if format == "liar":
            data = text
        elif format == "claimreview" and text.lstrip()[:1] not in ("{", "["):
            data = _json_from_html(text, name)
        else:
            data = _load_json(text, name)
    else:
        raise ClaimcheckError(ErrorCode.BAD_OPTION, f"unknown format {format!r}; choose from auto, {', '.join(FORMATS)}")
    return format, _PARSERS[format](data, name), digest


def import_file(store: Store, path: str | Path, format: str = "auto") -> ImportResult:
    """Read a file and add its fact-checks to ``store`` in one transaction."""
    format, records, digest = read_file(path, format)
    return store.import_records(records, file=str(path), format=format, sha256=digest)
