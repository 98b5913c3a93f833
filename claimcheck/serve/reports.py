"""A JSON report read back into a :class:`~claimcheck.report.Report`, for exports.

The page keeps the report the API returned and asks for it in another format
(Markdown checklist with the editor's statuses, CSV, ClaimReview) without
checking the text again.  The report comes from the client, so it is
validated: wrong types or missing fields are a clear 400, unknown fields are
ignored (a newer report read by an older server).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, TypeVar, Union

from claimcheck.errors import ClaimcheckError, ErrorCode
from claimcheck.report import (
    Attribution,
    Claim,
    DateRef,
    Diagnostic,
    DocumentInfo,
    Entity,
    Evidence,
    Finding,
    Report,
    Span,
)

T = TypeVar("T")
_NESTED: dict[str, type] = {
    "attribution": Attribution, "entities": Entity, "dates": DateRef, "lookups": Evidence,
    "byline_span": Span, "furniture": Span,
}


def _check_type(value: Any, hint: Any, where: str) -> None:
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        if any(_matches(value, arg) for arg in typing.get_args(hint)):
            return
    elif _matches(value, hint):
        return
    raise ClaimcheckError(ErrorCode.BAD_OPTION, f"report field {where} has the wrong type ({type(value).__name__})")


def _matches(value: Any, hint: Any) -> bool:
    if hint is type(None):
        return value is None
    origin = typing.get_origin(hint) or hint
    if origin is typing.Literal:
        return value in typing.get_args(hint)
    if origin is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if origin is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(origin, type):
        return isinstance(value, origin)
    return True


def _build(cls: type[T], data: Any, where: str) -> T:
    if not isinstance(data, dict):
        raise ClaimcheckError(ErrorCode.BAD_OPTION, f"report field {where} must be an object")
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name not in data:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise ClaimcheckError(ErrorCode.BAD_OPTION, f"report field {where}.{f.name} is missing")
            continue
        value = data[f.name]
        nested = _NESTED.get(f.name)
        if nested is not None and value is not None:
            if isinstance(value, list):
                value = [_build(nested, item, f"{where}.{f.name}[{i}]") for i, item in enumerate(value)]
            else:
                value = _build(nested, value, f"{where}.{f.name}")
        else:
            _check_type(value, hints[f.name], f"{where}.{f.name}")
        values[f.name] = value
    return cls(**values)


def report_from_dict(data: Any, text: str | None = None) -> Report:
    """The report a JSON report describes (the inverse of :meth:`Report.to_dict`).

    Args:
        data: the JSON report.
        text: the text its offsets point into, if known.

    Raises:
        ClaimcheckError: ``CC111`` naming the first bad field.
    """
    if not isinstance(data, dict):
        raise ClaimcheckError(ErrorCode.BAD_OPTION, "the report must be a JSON object")
    stats: dict[str, Any] = data["stats"] if isinstance(data.get("stats"), dict) else {}
    claims = data.get("claims", [])
    findings = data.get("findings", [])
    warnings = data.get("warnings", [])
    if not all(isinstance(x, list) for x in (claims, findings, warnings)):
        raise ClaimcheckError(ErrorCode.BAD_OPTION, "report fields claims, findings and warnings must be arrays")
    tool = data.get("tool", {})
    report = Report(
        document=_build(DocumentInfo, data.get("document"), "document"),
        claims=[_build(Claim, c, f"claims[{i}]") for i, c in enumerate(claims)],
        findings=[_build(Finding, f, f"findings[{i}]") for i, f in enumerate(findings)],
        candidates=int(stats.get("candidates", len(claims))) if isinstance(stats.get("candidates", 0), int) else len(claims),
        min_score=float(stats.get("min_score", 0.5)) if isinstance(stats.get("min_score", 0.5), (int, float)) else 0.5,
        warnings=[_build(Diagnostic, w, f"warnings[{i}]") for i, w in enumerate(warnings)],
        tool={str(k): str(v) for k, v in tool.items()} if isinstance(tool, dict) else {},
        text=text,
    )
    if text is not None:
        for claim in report.claims:
            if not 0 <= claim.start <= claim.end <= len(text):
                raise ClaimcheckError(ErrorCode.BAD_OPTION, f"claim {claim.id}'s offsets fall outside the text")
    return report
