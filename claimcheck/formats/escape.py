"""Escaping for every place a report value is written into markup.

Report values come from the article, from rule packs and from imported
fact-check files, so none of them can be trusted to be plain text: a
fact-check URL such as ``https://x/) ![](https://tracker/`` would otherwise
add an image to a CMS comment, and a ``javascript:`` link would run in an
editor's browser.  Every format writes values through these helpers.
"""

from __future__ import annotations

import html
import json
import re
from urllib.parse import quote, urlsplit

# CommonMark lets a backslash escape any ASCII punctuation; these are the
# characters that can start or end inline markup (emphasis, code, links,
# images, raw HTML, entities, tables, strikethrough).  Values are folded onto
# one line and never start a line, so block markers ("-", "+", "1.") are safe.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|~&])")
# Printable ASCII a URL may keep as is; everything else (spaces, quotes,
# brackets, parentheses, backslashes, control characters, non-ASCII) is
# percent-encoded, so the URL cannot close the markup it sits in.
_URL_SAFE = "/?#@!$&*+,;=%-._~:"
_SARIF_BRACKETS = re.compile(r"([\\\[\]])")
# Spreadsheet programs run a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (line breaks included) folded to one space."""
    return " ".join(text.split())


def markdown_text(text: str) -> str:
    """``text`` as literal Markdown: syntax characters escaped, line breaks folded."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", one_line(text))


def safe_url(url: str | None) -> str | None:
    """A web link made safe to put into markup, or ``None`` when it is not one.

    Only ``http`` and ``https`` URLs with a host are links; anything else
    (``javascript:``, ``data:``, relative paths, junk) is not linked at all.
    Characters that could end the markup around the link are percent-encoded.
    """
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=_URL_SAFE)


def markdown_link(label: str, url: str | None) -> str:
    """A Markdown link whose label and target are both escaped; the bare label without a safe URL."""
    target = safe_url(url)
    text = markdown_text(label)
    return f"[{text}]({target})" if target else text


def html_text(text: str) -> str:
    """``text`` escaped for HTML content and attribute values."""
    return html.escape(text, quote=True)


def html_link(label: str, url: str | None) -> str:
    """An HTML link opening in a new tab, or the escaped label without a safe URL."""
    target = safe_url(url)
    if target is None:
        return html_text(label)
    return f'<a href="{html_text(target)}" rel="noopener noreferrer nofollow" target="_blank">{html_text(label)}</a>'


def script_json(value: object) -> str:
    """JSON to embed in an HTML ``<script>`` element: ``<``, ``>`` and ``&`` written as escapes."""
    text = json.dumps(value, ensure_ascii=False)
    return (
        text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


def sarif_text(text: str) -> str:
    """Plain SARIF message text: brackets escaped so that nothing reads as an embedded link (SARIF 3.11.6)."""
    return _SARIF_BRACKETS.sub(r"\\\1", text)


def csv_cell(value: object) -> str:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text
