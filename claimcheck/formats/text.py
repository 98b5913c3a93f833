"""The terminal report: what an editor reads.

Claims most check-worthy first, each with its score and band, type, source,
hedges and resolved dates; then the editorial findings.  Uses rich, which
turns colour off for ``NO_COLOR`` and when stdout is not a terminal.
"""

from __future__ import annotations

from typing import IO

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from claimcheck.report import Claim, Report

_BAND_STYLE = {"high": "bold red", "medium": "yellow", "low": "dim"}
_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _attribution(claim: Claim) -> str:
    a = claim.attribution
    if a is None or a.kind == "article":
        return "the article" + (" (quoted, speaker unknown)" if a is not None and a.quoted else "")
    who = a.speaker or "?"
    if a.mention and a.mention != a.speaker:
        who += f" (\u201c{a.mention}\u201d)"
    cue = f", {a.cue}" if a.cue else ""
    return f"{who} [{a.kind}{cue}]"


class TextFormat:
    """Human-readable report for the terminal."""

    name = "text"
    description = "a readable report for the terminal (default)"

    def __init__(self) -> None:
        self._count = 0

    def write(self, report: Report, out: IO[str]) -> None:
        console = Console(file=out, highlight=False, soft_wrap=True)
        self._count += 1
        if self._count > 1:
            console.print()
        d = report.document
        title = d.id or d.source or "document"
        console.print(Text(f"claimcheck: {title}", style="bold"))
        facts = []
        if d.published:
            facts.append(f"published {d.published}" + (" (found in the text)" if d.published_from == "text" else ""))
        if d.byline:
            facts.append(f"by {d.byline}")
        above = sum(1 for c in report.claims if c.score >= report.min_score)
        if above < len(report.claims):  # --all: claims below the threshold are shown too
            facts.append(f"{len(report.claims)} claims (all shown; {above} at score >= {report.min_score:g})")
        else:
            facts.append(f"{len(report.claims)} of {report.candidates} candidate claims at score >= {report.min_score:g}")
        console.print(Text("  " + " \u00b7 ".join(facts), style="dim"))
        for i, claim in enumerate(report.claims, start=1):
            console.print()
            style = _BAND_STYLE.get(claim.band, "")
            console.print(f"[{style}]{i:>2}. {claim.score:.2f} {claim.band:<6}[/] [bold]{claim.type}[/]  "
                          f"[dim]chars {claim.start}-{claim.end}[/]")
            console.print("    " + escape(claim.text))
            console.print(f"    [dim]source:[/] {escape(_attribution(claim))}")
            if claim.hedges:
                console.print(f"    [dim]hedges:[/] {escape(', '.join(claim.hedges))}")
            if claim.dates:
                dates = ", ".join(f"{d.text} = {r}" if (r := d.reading()) else f"{d.text} (unresolved)" for d in claim.dates)
                console.print(f"    [dim]dates:[/] {escape(dates)}")
            if claim.reasons:
                console.print(f"    [dim]why:[/] {escape('; '.join(claim.reasons))}")
            for note in claim.notes:
                console.print(f"    [dim]note:[/] {escape(note)}")
            for ev in claim.lookups:
                console.print(f"    [dim]checked before:[/] {escape(ev.verdict)} ({escape(ev.rating or '')}) "
                              f"{escape(ev.publisher or ev.source)}: {escape(ev.claim)} {escape(ev.url or '')} [dim]{ev.score:.2f}[/]")
        if report.findings:
            console.print()
            console.print(Text("Findings", style="bold"))
            for f in report.findings:
                style = _SEVERITY_STYLE.get(f.severity, "")
                console.print(f"  [{style}]{f.severity:<7}[/] {escape(f.rule)}  [dim]chars {f.start}-{f.end}[/]")
                console.print(f"          {escape(f.message)}")
        if not report.claims and not report.findings:
            console.print("  nothing to check above the threshold (use --all to see every candidate)")

    def close(self, out: IO[str]) -> None:
        out.flush()
