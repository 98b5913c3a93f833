"""Render Markdown with a CommonMark parser and list what the result would show.

Used by the escaping tests: a value is escaped when, once rendered, it adds no
image, no raw HTML and no link of its own, and reads as written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from markdown_it import MarkdownIt


@dataclass
class Rendered:
    """What a rendered page contains."""

    links: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    raw_html: list[str] = field(default_factory=list)
    text: str = ""


class _Collector(HTMLParser):
    def __init__(self, allowed: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.result = Rendered()
        self._allowed = allowed
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a":
            self.result.links.append(values.get("href") or "")
        elif tag == "img":
            self.result.images.append(values.get("src") or "")
        elif tag not in self._allowed:
            self.result.raw_html.append(tag)

    def handle_data(self, data: str) -> None:
        self._text.append(data)

    def close(self) -> None:
        super().close()
        self.result.text = "".join(self._text)


# The tags CommonMark produces from Markdown syntax (anything else came from raw HTML).
_MARKDOWN_TAGS = {"p", "ul", "ol", "li", "em", "strong", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "code", "pre",
                  "blockquote", "br", "input", "details", "summary"}


def rendered_markdown(markdown: str, allow_html: set[str] | None = None) -> Rendered:
    """Render ``markdown`` (CommonMark with raw HTML on, as CMS comment boxes often allow) and collect it."""
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    collector = _Collector(_MARKDOWN_TAGS | (allow_html or set()))
    collector.feed(html)
    collector.close()
    return collector.result
