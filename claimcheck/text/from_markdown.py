"""Reading Markdown: the prose a reader of the rendered page sees, as plain text.

Parsed with markdown-it-py (CommonMark plus tables), not with regular
expressions.  Each block (paragraph, heading, list item, table cell) becomes
one paragraph of the extracted text, separated by a blank line; inside a
block, soft and hard line breaks stay line breaks, escapes and entities are
resolved, links keep their text and images their alt text.  Code blocks,
raw HTML and front matter are not prose and are left out.  Report offsets
point into this extracted text.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

_PARSER = MarkdownIt("commonmark").enable("table")


def _inline_text(children: list[Token]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(_inline_text(child.children or []))
    return "".join(parts)


def _strip_front_matter(source: str) -> str:
    """Leave out a YAML front-matter block (``---`` ... ``---`` at the very top)."""
    if not source.startswith("---\n"):
        return source
    end = source.find("\n---\n", 4)
    return source[end + 5:] if end != -1 else source


def markdown_to_text(source: str) -> str:
    """The plain text of a Markdown document, one block per paragraph."""
    blocks = []
    for token in _PARSER.parse(_strip_front_matter(source)):
        if token.type == "inline":
            text = _inline_text(token.children or []).strip()
            if text:
                blocks.append(text)
    return "\n\n".join(blocks)
