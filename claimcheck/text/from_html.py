"""Reading a saved HTML article page: the article body, without the site around it.

Parsed with lxml.  The body is the page's ``<article>`` (the one with the most
text when there are several), else its ``<main>``, else the element holding
the most paragraph text (the densest block).  Inside it, scripts, styles,
navigation, asides, forms, figures' media, footers, hidden elements and
elements whose class or id names furniture (share bars, related links,
newsletter boxes, adverts, comments) are dropped.  Each
block element (paragraph, heading, list item, quotation, table cell) becomes
one paragraph of the extracted text, its whitespace folded as a browser
would, separated by a blank line; ``<br>`` stays a line break.  Report
offsets point into this extracted text.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree  # type: ignore[import-untyped]
from lxml import html as lxml_html  # type: ignore[import-untyped]

#: Elements that are page furniture or not text at all.
DROP: frozenset[str] = frozenset(
    ["script", "style", "noscript", "template", "nav", "aside", "form", "button", "select", "input", "textarea", "iframe", "object", "embed", "svg", "canvas", "video", "audio", "picture", "img", "footer", "menu", "dialog"]
)
#: Class or id words that mark page furniture inside an article (share bars,
#: related links, newsletter boxes, adverts, comment threads), the same kind
#: of "unlikely candidate" list readability-style extractors use.
FURNITURE = re.compile(
    r"(?:^|[-_\s])(share|sharing|social|related|newsletter|promo|advert|advertisement|ads?|cookies?|subscribe|"
    r"subscription|breadcrumbs?|comments?|popup|modal|sponsored|outbrain|taboola)(?:$|[-_\s])",
    re.IGNORECASE,
)
#: Elements that start a new paragraph of the extracted text.
BLOCKS: frozenset[str] = frozenset(
    ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre", "td", "th", "caption", "figcaption", "div", "section", "article", "main", "header", "table", "tr", "ul", "ol", "dl", "figure", "address", "hr"]
)


def _text_length(element: Any) -> int:
    return len(" ".join(element.text_content().split()))


def _container(root: Any) -> Any:
    """The element that holds the article body."""
    for tag in ("article", "main"):
        found = [el for el in root.iter(tag) if _text_length(el) > 0]
        if found:
            return max(found, key=_text_length)
    # The densest block: the element whose own paragraphs hold the most text.
    best, best_length = None, 0
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in DROP:
            continue
        length = sum(_text_length(p) for p in element if isinstance(p.tag, str) and p.tag == "p")
        if length > best_length:
            best, best_length = element, length
    if best is not None:
        return best
    body = root.find("body")
    return body if body is not None else root


def _hidden_or_furniture(element: Any) -> bool:
    """Whether a reader never sees the element (``hidden``, ``aria-hidden``) or it is page furniture by its class or id."""
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    if element.tag in ("article", "main", "body", "html"):
        return False
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    return bool(names.strip()) and bool(FURNITURE.search(names))


class _Blocks:
    def __init__(self) -> None:
        self.blocks: list[str] = []
        self._buffer: list[str] = []

    def add(self, text: str | None) -> None:
        if text:
            self._buffer.append(text)

    def flush(self) -> None:
        lines = "".join(self._buffer).split("\n")
        self._buffer = []
        text = "\n".join(" ".join(line.split()) for line in lines).strip()
        if text:
            self.blocks.append(text)

    def walk(self, element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else None
        if tag is None or tag in DROP or _hidden_or_furniture(element):  # comments, furniture, hidden text
            return
        if tag == "br":
            self.add("\n")
            return
        block = tag in BLOCKS
        if block:
            self.flush()
        self.add(element.text)
        for child in element:
            self.walk(child)
            self.add(child.tail)
        if block:
            self.flush()


def html_to_text(data: bytes | str) -> str:
    """The plain text of an HTML article page's body, one block per paragraph.

    Args:
        data: the page; bytes are decoded as the page declares (``<meta charset>``), else as UTF-8.

    Raises:
        ValueError: when the data cannot be parsed as HTML.
    """
    try:
        root = lxml_html.document_fromstring(data)
    except (etree.ParserError, ValueError) as exc:
        raise ValueError(str(exc) or "not an HTML document") from None
    collector = _Blocks()
    collector.walk(_container(root))
    collector.flush()
    return "\n\n".join(collector.blocks)
