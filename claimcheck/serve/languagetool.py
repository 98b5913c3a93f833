"""Reports as LanguageTool ``/v2/check`` answers, for the editors journalists already use.

LanguageTool's clients (the browser extension in Google Docs and CMS editors,
LibreOffice, Word add-ins) can be pointed at a custom server.  Answering in
LanguageTool's shape lets them underline check-worthy claims and editorial
findings in place.  The shape follows LanguageTool's public HTTP API:
``software``, ``warnings``, ``language`` (with ``detectedLanguage``) and
``matches[]`` with ``message``, ``shortMessage``, ``replacements`` (always
empty: a claim has no automatic fix), ``offset``, ``length``, ``context``
(``text``, ``offset``, ``length``), ``sentence``, ``type``, ``rule`` (``id``,
``description``, ``issueType``, ``category`` with ``id`` and ``name``, and
``urls`` when the rule links to its documentation).

LanguageTool counts offsets in UTF-16 code units (Java strings); claimcheck
counts code points, so every offset is converted.  With ``data`` (text and
markup annotations) offsets refer to the whole annotated document, markup
included, as LanguageTool's do.
"""

from __future__ import annotations

import json
from typing import Any

from claimcheck import __version__
from claimcheck.errors import ClaimcheckError, ErrorCode
from claimcheck.formats.escape import safe_url
from claimcheck.report import Report

#: Characters of context on each side of a match, as LanguageTool gives.
CONTEXT_CHARS = 40
LANGUAGES: list[dict[str, str]] = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
]
_CLAIMS = {"id": "CLAIMCHECK_CLAIMS", "name": "Claims to check"}
_FINDINGS = {"id": "CLAIMCHECK_FINDINGS", "name": "Editorial findings"}
_ISSUE_TYPE = {"error": "inconsistency", "warning": "inconsistency", "info": "style"}


def language_for(code: str) -> dict[str, Any]:
    """The ``language`` object for a request's ``language`` field; refuses languages other than English."""
    requested = (code or "").strip()
    if requested.lower() != "auto" and requested.lower().split("-")[0] != "en":
        raise ClaimcheckError(ErrorCode.BAD_OPTION, f"claimcheck checks English text only, not {requested!r}; use language=en-US or auto")
    long_code = "en-US" if requested.lower() in ("auto", "en") else requested
    name = next((lang["name"] for lang in LANGUAGES if lang["longCode"].lower() == long_code.lower()), "English")
    return {"name": name, "code": long_code,
            "detectedLanguage": {"name": name, "code": long_code, "confidence": 1.0 if requested.lower() != "auto" else 0.9}}


def text_from_data(data: str) -> str:
    """The text to check from LanguageTool's ``data`` field (``{"annotation": [{"text"} | {"markup", "interpretAs"?}]}``).

    Markup is replaced by its ``interpretAs`` (cut or padded with spaces to the
    markup's length) so that offsets into the checked text are offsets into
    the annotated document.
    """
    try:
        parsed = json.loads(data)
    except json.JSONDecodeError as exc:
        raise ClaimcheckError(ErrorCode.BAD_OPTION, f"data is not valid JSON ({exc.msg})") from None
    annotation = parsed.get("annotation") if isinstance(parsed, dict) else None
    if not isinstance(annotation, list):
        raise ClaimcheckError(ErrorCode.BAD_OPTION, 'data must be {"annotation": [{"text": ...} or {"markup": ...}]}')
    parts = []
    for item in annotation:
        if isinstance(item, dict) and isinstance(item.get("text"), str):
            parts.append(item["text"])
        elif isinstance(item, dict) and isinstance(item.get("markup"), str):
            markup = item["markup"]
            interpret_as = item.get("interpretAs")
            interpret = interpret_as if isinstance(interpret_as, str) else ""
            parts.append((interpret + " " * len(markup))[: len(markup)])
        else:
            raise ClaimcheckError(ErrorCode.BAD_OPTION, 'each annotation item needs a "text" or a "markup" string')
    return "".join(parts)


class _Utf16:
    """Code-point offset -> UTF-16 offset, for one text."""

    def __init__(self, text: str) -> None:
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def __call__(self, offset: int) -> int:
        import bisect

        return offset + bisect.bisect_left(self._astral, offset)


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _context(text: str, start: int, end: int) -> dict[str, Any]:
    left = max(0, start - CONTEXT_CHARS)
    right = min(len(text), end + CONTEXT_CHARS)
    before = ("..." if left > 0 else "") + text[left:start]
    body = text[start:end]
    after = text[end:right] + ("..." if right < len(text) else "")
    flat = (before + body + after).replace("\n", " ")
    return {"text": flat, "offset": _utf16_len(before), "length": _utf16_len(body)}


def _match(text: str, to16: _Utf16, start: int, end: int, message: str, short: str, sentence: str,
           rule: dict[str, Any]) -> dict[str, Any]:
    return {
        "message": message,
        "shortMessage": short,
        "replacements": [],
        "offset": to16(start),
        "length": to16(end) - to16(start),
        "context": _context(text, start, end),
        "sentence": sentence,
        "type": {"typeName": "Hint"},
        "rule": rule,
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


def to_languagetool(report: Report, text: str, language: dict[str, Any]) -> dict[str, Any]:
    """The LanguageTool answer for a report on ``text``: one match per claim and per finding, in text order."""
    to16 = _Utf16(text)
    matches = []
    for claim in report.claims:
        who = claim.attribution.speaker if claim.attribution is not None and claim.attribution.speaker else None
        said = f" Said by {who}." if who else ""
        hedged = f" Hedged: {', '.join(claim.hedges)}." if claim.hedges else ""
        reasons = f" Why: {'; '.join(claim.reasons)}." if claim.reasons else ""
        message = f"Check-worthy {claim.type} claim (score {claim.score:.2f}, {claim.band}).{said}{hedged}{reasons}"
        rule_id = f"CLAIMCHECK_CLAIM_{claim.type.upper()}"
        claim_rule: dict[str, Any] = {"id": rule_id, "description": f"A checkable {claim.type} claim",
                                      "issueType": "uncategorized", "category": dict(_CLAIMS)}
        matches.append((claim.start, _match(text, to16, claim.start, claim.end, message, "Check this claim",
                                            claim.sentence, claim_rule)))
    for finding in report.findings:
        rule: dict[str, Any] = {"id": finding.rule.upper().replace(".", "_").replace("-", "_"),
                                "description": finding.rule,
                                "issueType": _ISSUE_TYPE.get(finding.severity, "uncategorized"),
                                "category": dict(_FINDINGS)}
        link = safe_url(finding.link)
        if link:
            rule["urls"] = [{"value": link}]
        sentence = next((c.sentence for c in report.claims if c.id == finding.claim), finding.text)
        matches.append((finding.start, _match(text, to16, finding.start, finding.end, finding.message,
                                              finding.severity.capitalize(), sentence, rule)))
    matches.sort(key=lambda item: item[0])
    return {
        "software": {"name": "claimcheck", "version": __version__, "buildDate": None, "apiVersion": 1,
                     "premium": False, "premiumHint": "", "status": ""},
        "warnings": {"incompleteResults": False},
        "language": language,
        "matches": [m for _, m in matches],
    }
