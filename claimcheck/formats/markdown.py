"""The ``markdown`` report format: the fact-check desk's checklist.

One section per document, to paste into a CMS comment, a ticket or a pull
request: a task-list item per claim, most check-worthy first, with who said
it, its resolved dates, hedges, notes and prior fact-checks; then the
editorial findings; warnings folded in a ``<details>`` block.  Every value
(article text, rule messages, imported fact-checks and their URLs) goes
through :mod:`claimcheck.formats.escape`, so it renders as written and can
add no link, image or HTML of its own.
"""

from __future__ import annotations

from typing import IO

from claimcheck.formats.escape import markdown_link, markdown_text
from claimcheck.report import Claim, Finding, Report

_SEVERITY_MARK = {"error": "🔴", "warning": "🟠", "info": "🔵"}
#: Claim statuses the desk sets in ``claimcheck serve`` (claim id -> status).
STATUSES: tuple[str, ...] = ("to check", "checked", "needs source")


def _claim_lines(number: int, claim: Claim, status: str | None) -> list[str]:
    box = "x" if status == "checked" else " "
    flag = " — **needs source**" if status == "needs source" else ""
    lines = [(f"- [{box}] {number}. **{markdown_text(claim.text)}** "
              f"_({markdown_text(claim.type)} · {claim.score:.2f} {markdown_text(claim.band)})_{flag}")]
    details: list[str] = []
    attribution = claim.attribution
    if attribution is not None and attribution.kind != "article":
        who = markdown_text(attribution.speaker or "an unnamed source")
        how = f"{attribution.kind}, quoted" if attribution.quoted else attribution.kind
        details.append(f"Said by: {who} ({markdown_text(how)})")
    elif attribution is not None:
        details.append("Said by: the article itself")
    dates = [f"{markdown_text(d.text)} = {markdown_text(r)}" for d in claim.dates if (r := d.reading())]
    if dates:
        details.append("Dates: " + "; ".join(dates))
    if claim.hedges:
        details.append("Hedged: " + ", ".join(f"“{markdown_text(h)}”" for h in claim.hedges))
    standalone = getattr(claim, "standalone", None)
    if isinstance(standalone, str) and standalone and standalone != claim.text:
        details.append(f"Standalone: {markdown_text(standalone)}")
    details += [f"Note: {markdown_text(note)}" for note in claim.notes]
    for evidence in claim.lookups:
        label = f"{evidence.publisher or evidence.source}: {evidence.rating or evidence.verdict}"
        details.append(f"Prior fact-check: {markdown_link(label, evidence.url)} — “{markdown_text(evidence.claim)}”")
    lines += [f"  - {detail}" for detail in details]
    return lines


def _finding_line(finding: Finding) -> str:
    rule = markdown_link(finding.rule, finding.link)
    mark = _SEVERITY_MARK.get(finding.severity, "")
    severity = f"{mark} **{markdown_text(finding.severity)}**".strip()
    return f"- {severity} {rule}: {markdown_text(finding.message)} — “{markdown_text(finding.text)}”"


def render(report: Report, statuses: dict[str, str] | None = None) -> str:
    """The Markdown checklist section for one report.

    Args:
        report: the report.
        statuses: claim id -> ``to check``, ``checked`` or ``needs source``
            (``checked`` ticks the box); claims not listed are to check.
    """
    statuses = statuses or {}
    document = report.document
    title = document.id or document.source or "text"
    count = len(report.claims)
    lines = [f"### claimcheck: {count} claim{'s' if count != 1 else ''} to check in {markdown_text(title)}", ""]
    facts = []
    if document.published:
        facts.append(f"published {markdown_text(document.published)}")
    facts.append(f"{document.sentences} sentences")
    facts.append(f"{report.candidates} candidate claims, showing score ≥ {report.min_score:.2f}")
    if report.tool.get("version"):
        facts.append(f"claimcheck {markdown_text(report.tool['version'])}")
    lines += ["_" + " · ".join(facts) + "_", ""]
    if report.claims:
        for number, claim in enumerate(report.claims, 1):
            lines += _claim_lines(number, claim, statuses.get(claim.id))
    else:
        lines.append("No check-worthy claims found.")
    if report.findings:
        lines += ["", f"#### Editorial findings ({len(report.findings)})", ""]
        lines += [_finding_line(finding) for finding in report.findings]
    if report.warnings:
        lines += ["", "<details><summary>Warnings</summary>", ""]
        lines += [f"- {markdown_text(w.code)} {markdown_text(w.message)}" for w in report.warnings]
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


class MarkdownFormat:
    """``--format markdown``: one checklist section per document, a total at the end when there are several.

    Attributes:
        statuses: claim id -> status, set by ``claimcheck serve`` when the
            editor exports the checklist; empty on the command line.
    """

    name = "markdown"
    description = "the fact-check desk's Markdown checklist (task list of claims, findings, warnings)"

    def __init__(self) -> None:
        self.statuses: dict[str, str] = {}
        self._documents = 0
        self._claims = 0
        self._findings = 0

    def write(self, report: Report, out: IO[str]) -> None:
        """Write one document's section (separated from the previous one by a rule)."""
        if self._documents:
            out.write("\n---\n\n")
        out.write(render(report, self.statuses))
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
