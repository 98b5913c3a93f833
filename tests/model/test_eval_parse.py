"""``claimcheck eval`` input: CheckThat! TSV and JSONL, and clear errors for bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.model.labelled import LabelledSentence, read_labelled


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("Sentence_id\tText\tclass_label\n1\tTaxes rose.\tYes\n2\tHello.\tNo\n",
         [LabelledSentence("1", "Taxes rose.", True), LabelledSentence("2", "Hello.", False)]),
        ("1\tTaxes rose.\t1\r\n2\tHello.\t0\r\n",
         [LabelledSentence("1", "Taxes rose.", True), LabelledSentence("2", "Hello.", False)]),
        ('26\t"You know, I saw a movie - ""Crocodile Dundee."""\tNo\n',
         [LabelledSentence("26", 'You know, I saw a movie - "Crocodile Dundee."', False)]),
        ("id\ttext\tlabel\n\n7\tA\ttab inside.\tyes\n",
         [LabelledSentence("7", "A\ttab inside.", True)]),
        ('{"id": "a", "text": "Taxes rose.", "label": "Yes"}\n{"id": 2, "text": "Hello.", "label": 0}\n\n'
         '{"text": "It grew.", "label": true}\n',
         [LabelledSentence("a", "Taxes rose.", True), LabelledSentence("2", "Hello.", False), LabelledSentence("4", "It grew.", True)]),
    ],
    ids=["tsv-header-yes-no", "tsv-crlf-1-0", "tsv-csv-quoted", "tsv-tab-in-text", "jsonl"],
)
def test_eval_parse_formats(tmp_path: Path, content: str, expected: list[LabelledSentence]) -> None:
    path = tmp_path / "labelled.txt"
    path.write_text(content, encoding="utf-8")
    assert read_labelled(path) == expected


@pytest.mark.parametrize(
    ("content", "code", "fragment"),
    [
        ("", "CC103", "empty"),
        ("id\ttext\tlabel\n", "CC103", "no labelled sentences"),
        ("1\tTaxes rose.\tMaybe\n", "CC107", "labelled.txt:1: label 'Maybe'"),
        ("1\tTaxes rose.\tYes\n2\tno label here\n", "CC107", "labelled.txt:2: expected 3"),
        ('{"id": 1, "text": "x", "label": "Yes"}\n{"id": 2, "text": \n', "CC112", "labelled.txt:2: not JSON"),
        ('{"id": 1, "label": "Yes"}\n', "CC112", '"text"'),
        ('{"id": 1, "text": "x"}\n', "CC112", '"label"'),
        ('{"id": 1, "text": "x", "label": 3}\n', "CC112", "label 3"),
        (b"\xff\xfe1\tx\tYes\n", "CC105", "not UTF-8"),
        (b"1\tx\x00\tYes\n", "CC104", "binary"),
    ],
    ids=["empty", "header-only", "bad-label", "short-row", "bad-json", "no-text", "no-label", "json-bad-label", "not-utf8", "binary"],
)
def test_eval_parse_bad_inputs(tmp_path: Path, content: str | bytes, code: str, fragment: str) -> None:
    path = tmp_path / "labelled.txt"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ClaimcheckError) as info:
        read_labelled(path)
    assert info.value.code.value == code
    assert fragment in str(info.value)


def test_eval_parse_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ClaimcheckError) as missing:
        read_labelled(tmp_path / "nope.tsv")
    assert missing.value.code.value == "CC101"
    with pytest.raises(ClaimcheckError) as folder:
        read_labelled(tmp_path)
    assert folder.value.code.value == "CC102"
