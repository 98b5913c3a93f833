"""The ``html`` report format: one self-contained page that opens offline.

The article with every claim highlighted in place (coloured by band) and
findings underlined; a click on a claim opens its panel (score and reasons,
type, speaker, hedges, dates, findings, prior fact-checks), and a sidebar
lists the claims most check-worthy first with a status the editor sets.  It
is the viewer ``claimcheck serve`` shows, with its stylesheet, script and the
reports inlined; a Content-Security-Policy forbids every network request.
Without JavaScript the page still shows each article and its claim list,
rendered here with every value HTML-escaped.
"""

from __future__ import annotations

from importlib import resources
from typing import IO

from claimcheck.formats.escape import html_link, html_text, script_json
from claimcheck.report import Report

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

_INIT = """
(function () {
  var data = JSON.parse(document.getElementById("claimcheck-data").textContent);
  data.forEach(function (item, i) {
    var root = document.getElementById("claimcheck-" + i);
    window.ClaimcheckViewer.render(root, item.text, item.report, { storageKey: window.ClaimcheckViewer.textKey(item.text) });
  });
})();
"""


def viewer_asset(name: str) -> str:
    """The text of one of the viewer's files (``viewer.js``, ``viewer.css``)."""
    return (resources.files("claimcheck.formats") / "viewer" / name).read_text(encoding="utf-8")


def _fallback(report: Report) -> str:
    """The article and claim list as static HTML, shown until (or unless) the script runs."""
    parts = [f'<pre class="cc-article">{html_text(report.text or "")}</pre>', "<ol>"]
    for claim in report.claims:
        evidence = "".join(
            f"<li>{html_text(e.verdict)}: {html_link(e.publisher or e.source, e.url)}: {html_text(e.claim)}</li>"
            for e in claim.lookups
        )
        parts.append(
            f'<li data-claim="{html_text(claim.id)}">{claim.score:.2f} {html_text(claim.band)} '
            f"{html_text(claim.type)}: {html_text(claim.text)}" + (f"<ul>{evidence}</ul>" if evidence else "") + "</li>"
        )
    parts.append("</ol>")
    return "".join(parts)


def render_page(reports: list[Report], title: str = "claimcheck report") -> str:
    """The whole page for one or more reports."""
    script = viewer_asset("viewer.js")
    # The script is inlined; it must not be able to end its own element.
    if "</script" in script.lower():
        raise ValueError("viewer.js must not contain '</script'")
    sections = []
    for i, report in enumerate(reports):
        name = report.document.id or report.document.source or "text"
        sections.append(
            f'<section class="cc-document"><h1 class="cc-title">{html_text(name)}</h1>'
            f'<div id="claimcheck-{i}" class="cc-root">{_fallback(report)}</div></section>'
        )
    data = [{"text": report.text or "", "report": report.to_dict()} for report in reports]
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html_text(title)}</title><style>{viewer_asset('viewer.css')}"
        ".cc-title{font-size:1.1rem;margin:1rem 1rem 0;max-width:90rem}</style></head><body>"
        + "".join(sections)
        + f'<script type="application/json" id="claimcheck-data">{script_json(data)}</script>'
        + f"<script>{script}</script><script>{_INIT}</script></body></html>\n"
    )


class HtmlFormat:
    """``--format html``: a self-contained page with the article highlighted (all documents on one page)."""

    name = "html"
    description = "one self-contained HTML page: claims highlighted in the article, click for details (opens offline)"

    def __init__(self) -> None:
        self._reports: list[Report] = []

    def write(self, report: Report, out: IO[str]) -> None:
        """Keep the report for the page."""
        self._reports.append(report)

    def close(self, out: IO[str]) -> None:
        """Write the page."""
        title = "claimcheck report"
        if len(self._reports) == 1:
            doc = self._reports[0].document
            title = f"claimcheck: {doc.id or doc.source or 'text'}"
        out.write(render_page(self._reports, title))
        self._reports = []
