"""Reading a Word (.docx) file: its paragraphs and table cells, in order, as plain text.

Read with python-docx.  Each non-empty paragraph of the body (tables' cells
included, where they stand in the document) becomes one paragraph of the
extracted text, separated by a blank line; line breaks inside a paragraph
stay line breaks, hyperlinks keep their text.  Headers, footers, comments
and footnotes are not the article and are left out.  Report offsets point
into this extracted text.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree  # type: ignore[import-untyped]


def _paragraphs(container: Any) -> Iterator[str]:
    for item in container.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item.text
        elif isinstance(item, Table):
            seen: set[int] = set()
            for row in item.rows:
                for cell in row.cells:
                    # A merged cell appears once per grid column it spans.
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    yield from _paragraphs(cell)


def docx_to_text(data: bytes) -> str:
    """The plain text of a .docx file's body, one paragraph per block.

    Raises:
        ValueError: when the data is not a Word .docx file.
    """
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile) as exc:
        raise ValueError(f"not a Word .docx file ({exc})") from None
    except (KeyError, ValueError, etree.XMLSyntaxError) as exc:  # a zip with missing or damaged Word parts
        raise ValueError(f"not a readable Word .docx file ({type(exc).__name__}: {exc})") from None
    blocks = [text.strip() for text in _paragraphs(document)]
    return "\n\n".join(block for block in blocks if block)
