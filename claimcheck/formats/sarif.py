"""The ``sarif`` report format: SARIF 2.1.0 for copy kept in git and reviewed in code-scanning tools.

One run per invocation; each reported claim is a result (rule
``claimcheck.claim.<type>``, level ``warning`` for high-band claims, ``note``
otherwise) and each editorial finding is a result under its own rule id with
its severity as the level.  Every result has a physical location whose
region gives ``startLine``/``startColumn``/``endLine``/``endColumn`` (1-based,
counted in Unicode code points: ``run.columnKind`` says so) and
``charOffset``/``charLength`` into the same text as the JSON report's offsets.
Message text is plain text with ``[``/``]`` escaped, so that nothing in an
article reads as a SARIF embedded link; only http(s) help URIs are kept.
"""

from __future__ import annotations

import bisect
import json
from typing import IO, Any
from urllib.parse import quote

from claimcheck.formats.escape import safe_url, sarif_text
from claimcheck.report import Report

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


class _Lines:
    """Offset -> (line, column), both 1-based."""

    def __init__(self, text: str | None) -> None:
        self.known = text is not None
        self._starts = [0]
        if text is not None:
            self._starts += [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


def _region(lines: _Lines, start: int, end: int, snippet: str) -> dict[str, Any]:
    region: dict[str, Any] = {"charOffset": start, "charLength": max(0, end - start)}
    if lines.known:
        start_line, start_col = lines.position(start)
        end_line, end_col = lines.position(end)
        region.update(startLine=start_line, startColumn=start_col, endLine=end_line, endColumn=end_col)
    region["snippet"] = {"text": snippet}
    return region


def _location(uri: str, lines: _Lines, start: int, end: int, snippet: str) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": {"uri": uri}, "region": _region(lines, start, end, snippet)}}


class SarifFormat:
    """``--format sarif``: one SARIF 2.1.0 log with a result per claim and per finding."""

    name = "sarif"
    description = "SARIF 2.1.0 for code-scanning tools (claims and findings as results with line/column regions)"

    def __init__(self) -> None:
        self._results: list[dict[str, Any]] = []
        self._rules: dict[str, dict[str, Any]] = {}
        self._version = ""

    def _rule(self, rule_id: str, text: str, link: str | None = None) -> None:
        if rule_id not in self._rules:
            rule: dict[str, Any] = {"id": rule_id, "shortDescription": {"text": sarif_text(text)}}
            help_uri = safe_url(link)
            if help_uri:
                rule["helpUri"] = help_uri
            self._rules[rule_id] = rule

    def write(self, report: Report, out: IO[str]) -> None:
        """Collect this report's claims and findings as results."""
        self._version = report.tool.get("version", self._version)
        uri = quote(report.document.source or report.document.id or "input.txt", safe="/:._-~")
        lines = _Lines(report.text)
        for claim in report.claims:
            rule_id = f"claimcheck.claim.{claim.type}"
            self._rule(rule_id, f"A checkable {claim.type} claim")
            reasons = f" ({'; '.join(claim.reasons)})" if claim.reasons else ""
            who = claim.attribution.speaker if claim.attribution is not None and claim.attribution.speaker else None
            said = f", said by {who}" if who else ""
            message = f"Check this {claim.type} claim: score {claim.score:.2f}, {claim.band}{said}{reasons}."
            self._results.append({
                "ruleId": rule_id,
                "level": "warning" if claim.band == "high" else "note",
                "message": {"text": sarif_text(message)},
                "locations": [_location(uri, lines, claim.start, claim.end, claim.text)],
                "properties": {"claimId": claim.id, "score": round(claim.score, 4), "band": claim.band,
                               "document": report.document.id or report.document.source},
            })
        for finding in report.findings:
            self._rule(finding.rule, finding.message, finding.link)
            self._results.append({
                "ruleId": finding.rule,
                "level": _LEVEL.get(finding.severity, "note"),
                "message": {"text": sarif_text(finding.message)},
                "locations": [_location(uri, lines, finding.start, finding.end, finding.text)],
                "properties": {"claimId": finding.claim, "document": report.document.id or report.document.source},
            })

    def close(self, out: IO[str]) -> None:
        """Write the SARIF log."""
        driver: dict[str, Any] = {"name": "claimcheck", "rules": list(self._rules.values())}
        if self._version:
            driver["version"] = self._version
        log = {
            "$schema": SARIF_SCHEMA,
            "version": SARIF_VERSION,
            "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": self._results}],
        }
        json.dump(log, out, ensure_ascii=False, indent=2)
        out.write("\n")
        self._results, self._rules = [], {}
