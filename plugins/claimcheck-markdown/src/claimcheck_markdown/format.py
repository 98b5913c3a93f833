"""The ``cms-comment`` report format: a compact numbered list to paste into a
CMS comment, a ticket or a pull request.

An example of the ``claimcheck_report_formats`` hook.  (The desk's full
checklist, ``--format markdown``, is built into claimcheck; it grew out of
this format.)  One section per document: the claims to check as a numbered
list (who said it, the dates, hedges, notes and prior fact-checks under
each), then the editorial findings, then any warnings.

Every value -- article text, rule messages, imported fact-checks and their
URLs -- goes through claimcheck's escaping helpers
(:mod:`claimcheck.formats.escape`): a fact-check file is not trusted, and a
crafted URL must not add a link or an image of its own to the comment.
"""

from __future__ import annotations

from typing import IO

from claimcheck.formats.escape import markdown_link
from claimcheck.formats.escape import markdown_text as escape
from claimcheck.report import Claim, Finding, Report

_SEVERITY_MARK = {"error": "🔴", "warning": "🟠", "info": "🔵"}


def _claim_lines(number: int, claim: Claim) -> list[str]:
    lines = [f"{number}. **{escape(claim.text)}** _({escape(claim.type)} · {claim.score:.2f} {escape(claim.band)})_"]
    details: list[str] = []
    attribution = claim.attribution
    if attribution is not None and attribution.kind != "article":
        who = escape(attribution.speaker or "an unnamed source")
        how = f"{attribution.kind}, quoted" if attribution.quoted else attribution.kind
        details.append(f"Said by: {who} ({how})")
    elif attribution is not None:
        details.append("Said by: the article itself")
    # reading() says what any date resolved to (a point, an interval, a length of time).
    readings = [(d.text, d.reading()) for d in claim.dates]
    dates = [f"{escape(text)} = {escape(reading)}" for text, reading in readings if reading]
    if dates:
        details.append("Dates: " + "; ".join(dates))
    if claim.hedges:
        details.append("Hedged: " + ", ".join(f"“{escape(h)}”" for h in claim.hedges))
    details += [f"Note: {escape(note)}" for note in claim.notes]
    for evidence in claim.lookups:
        label = f"{evidence.publisher or evidence.source}: {evidence.rating or evidence.verdict}"
        details.append(f"Prior fact-check: {markdown_link(label, evidence.url)} — “{escape(evidence.claim)}”")
    lines += [f"   - {detail}" for detail in details]
    return lines


def _finding_line(finding: Finding) -> str:
    rule = markdown_link(finding.rule, finding.link)
    mark = _SEVERITY_MARK.get(finding.severity)
    severity = f"{mark} **{finding.severity}**" if mark else f"**{finding.severity}**"
    return f"- {severity} {rule}: {escape(finding.message)} — “{escape(finding.text)}”"


def render(report: Report) -> str:
    """The Markdown section for one report."""
    document = report.document
    title = document.id or document.source or "text"
    count = len(report.claims)
    lines = [f"### claimcheck: {count} claim{'s' if count != 1 else ''} to check in {escape(title)}", ""]
    facts = []
    if document.published:
        facts.append(f"published {document.published}")
    facts.append(f"{document.sentences} sentences")
    facts.append(f"{report.candidates} candidate claims, showing score ≥ {report.min_score:.2f}")
    if report.tool.get("version"):
        facts.append(f"claimcheck {report.tool['version']}")
    lines += ["_" + " · ".join(facts) + "_", ""]
    if report.claims:
        for number, claim in enumerate(report.claims, 1):
            lines += _claim_lines(number, claim)
    else:
        lines.append("No check-worthy claims found.")
    if report.findings:
        lines += ["", f"#### Editorial findings ({len(report.findings)})", ""]
        lines += [_finding_line(finding) for finding in report.findings]
    if report.warnings:
        lines += ["", "<details><summary>Warnings</summary>", ""]
        lines += [f"- {escape(w.code)} {escape(w.message)}" for w in report.warnings]
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


class CmsCommentFormat:
    """``--format cms-comment``: one numbered section per document, a total at the end when there are several."""

    name = "cms-comment"
    description = "compact Markdown list for a CMS comment or ticket: claims with notes, findings, warnings"
    streaming = True

    def __init__(self) -> None:
        self._documents = 0
        self._claims = 0
        self._findings = 0

    def write(self, report: Report, out: IO[str]) -> None:
        """Write one document's section (separated from the previous one by a rule)."""
        if self._documents:
            out.write("\n---\n\n")
        out.write(render(report))
        self._documents += 1
        self._claims += len(report.claims)
        self._findings += len(report.findings)

    def close(self, out: IO[str]) -> None:
        """Write a total line when more than one document was checked."""
        if self._documents > 1:
            out.write(
                f"\n---\n\n**{self._documents} documents: {self._claims} claims to check, "
                f"{self._findings} editorial findings.**\n"
            )
