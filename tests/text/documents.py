"""Build the worked example as Markdown, a saved HTML page and a Word file, from article.txt."""

from __future__ import annotations

import html
import io
import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|~&])")


def paragraphs(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def as_markdown(text: str) -> str:
    """A Markdown file: a front-matter block, a heading, the paragraphs escaped, a code block (not prose)."""
    body = "\n\n".join(_MARKDOWN_SPECIAL.sub(r"\\\1", p) for p in paragraphs(text))
    return "---\ntitle: Putin in Pyongyang\n---\n\n" + body + "\n\n```\nprint('not prose')\n```\n"


def as_html(text: str) -> str:
    """A saved article page: site navigation, scripts, a cookie banner, the article, related links, a footer."""
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs(text))
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>News site</title>"
        "<script>var tracker = 'Russia has invaded 40 countries';</script><style>p{color:red}</style></head>"
        "<body><header><nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/politics'>Politics</a></nav></header>"
        "<div class='cookie'>We use cookies. The Prime Minister said 45% of users accept them.</div>"
        f"<main><article>\n{body}<aside>Related: Kim Jong Un visited Moscow in 2023</aside>"
        "<footer>Share this story</footer></article></main>"
        "<footer>Copyright 2024 News site. All rights reserved.</footer></body></html>"
    )


def as_docx(text: str) -> bytes:
    """A Word file with one paragraph per paragraph of the text."""
    from docx import Document

    document = Document()
    for p in paragraphs(text):
        document.add_paragraph(p)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
