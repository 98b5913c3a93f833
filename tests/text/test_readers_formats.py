"""Markdown, HTML and Word inputs: the article's text comes out, the furniture does not, offsets hold."""

from __future__ import annotations

import pytest

from claimcheck.errors import ErrorCode, InputError
from claimcheck.testing import run_cli
from claimcheck.text.from_html import html_to_text
from claimcheck.text.from_markdown import markdown_to_text
from claimcheck.text.readers import extract_text, format_for, read_document
from tests.text.documents import as_docx, as_html, as_markdown, paragraphs

BUILDERS = {
    "markdown": lambda text: as_markdown(text).encode("utf-8"),
    "html": lambda text: as_html(text).encode("utf-8"),
    "docx": as_docx,
}
SUFFIX = {"markdown": ".md", "html": ".html", "docx": ".docx"}


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
def test_readers_extract_the_article_paragraphs(fmt: str, example_text: str) -> None:
    text = extract_text(BUILDERS[fmt](example_text), fmt, "article")
    assert text == "\n\n".join(paragraphs(example_text))
    assert "cookies" not in text and "tracker" not in text and "Related" not in text and "not prose" not in text


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
def test_readers_worked_example_gives_the_same_claims(fmt: str, tmp_path, engine, example_text: str, example_report) -> None:
    path = tmp_path / f"article{SUFFIX[fmt]}"
    path.write_bytes(BUILDERS[fmt](example_text))
    document = read_document(str(path))
    assert document.format == fmt
    report = engine.check(document.text, published="2024-06-19", source=str(path))
    expected = [(c.text, c.type, c.band, c.attribution.speaker if c.attribution else None) for c in example_report.claims]
    got = [(c.text, c.type, c.band, c.attribution.speaker if c.attribution else None) for c in report.claims]
    assert got == expected
    for claim in report.claims:  # offsets point into the extracted text
        assert document.text[claim.start:claim.end] == claim.text
    assert [f.rule for f in report.findings] == [f.rule for f in example_report.findings]


def test_readers_cli_reads_by_extension_and_names_the_format(tmp_path, example_text: str) -> None:
    import json

    path = tmp_path / "article.docx"
    path.write_bytes(as_docx(example_text))
    result = run_cli(["check", str(path), "--date", "2024-06-19", "--format", "json", "--no-model"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["document"]["input_format"] == "docx"
    text = "\n\n".join(paragraphs(example_text))
    assert all(text[c["start"]:c["end"]] == c["text"] for c in report["claims"])


@pytest.mark.parametrize(("name", "fmt"), [("a.md", "markdown"), ("a.MARKDOWN", "markdown"), ("a.htm", "html"),
                                           ("a.html", "html"), ("a.docx", "docx"), ("a.txt", "text"), ("a", "text")])
def test_readers_format_for_extension(name: str, fmt: str) -> None:
    assert format_for(name) == fmt


def test_readers_markdown_blocks_links_and_breaks() -> None:
    source = "# Title\n\nSome *text* with a [link](http://x.example) and `code`.\nNext line.\n\n- one\n- two\n\n![alt text](i.png)\n\n<div>raw</div>\n"
    assert markdown_to_text(source) == "Title\n\nSome text with a link and code.\nNext line.\n\none\n\ntwo\n\nalt text"


def test_readers_html_without_article_takes_the_densest_block() -> None:
    page = ("<html><body><div id='menu'><p>Home</p><p>World</p></div>"
            "<div id='story'><p>The council voted to close three libraries on Monday.</p>"
            "<p>It said the closures would save £2m a year.<br>Residents objected.</p></div>"
            "<div id='footer'><p>Contact us</p></div></body></html>")
    assert html_to_text(page) == ("The council voted to close three libraries on Monday.\n\n"
                                  "It said the closures would save £2m a year.\nResidents objected.")


def test_readers_html_declared_charset() -> None:
    page = "<html><head><meta charset='windows-1252'></head><body><article><p>Caf\xe9 prices rose 5% in May.</p></article></body></html>"
    assert html_to_text(page.encode("cp1252")) == "Café prices rose 5% in May."


@pytest.mark.parametrize(("fmt", "data", "code"), [
    ("docx", b"PK\x03\x04 not really a zip", ErrorCode.UNREADABLE),
    ("docx", b"plain text, not Word", ErrorCode.UNREADABLE),
    ("html", b"<html><body><nav>Home</nav><script>x()</script></body></html>", ErrorCode.EMPTY_INPUT),
    ("html", b"   ", ErrorCode.EMPTY_INPUT),
    ("markdown", b"```\ncode only\n```\n", ErrorCode.EMPTY_INPUT),
    ("markdown", b"caf\xe9 prices rose", ErrorCode.NOT_UTF8),
])
def test_readers_refuse_unreadable_inputs(fmt: str, data: bytes, code: ErrorCode) -> None:
    with pytest.raises(InputError) as info:
        extract_text(data, fmt, "input")
    assert info.value.code == code


def test_readers_cli_bad_docx_is_one_line(tmp_path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"this is not a Word file")
    result = run_cli(["check", str(path), "--no-model"])
    assert result.exit_code == 2 and "[CC107]" in result.stderr and "Traceback" not in result.stderr


def test_readers_html_drops_furniture_inside_the_article() -> None:
    page = ("<html><body><article><h1>Libraries to close</h1>"
            "<div class='share-bar'><a>Share on X</a></div>"
            "<p>The council voted to close three libraries on Monday.</p>"
            "<div class='related-links'><ul><li>Council tax to rise 5%</li></ul></div>"
            "<p hidden>Hidden teaser text.</p><div aria-hidden='true'>Decoration</div>"
            "<section id='comments'><p>I think this is wrong!</p></section>"
            "<div class='article-body'><p>It said the closures would save £2m.</p></div>"
            "</article></body></html>")
    assert html_to_text(page) == ("Libraries to close\n\nThe council voted to close three libraries on Monday.\n\n"
                                  "It said the closures would save £2m.")
