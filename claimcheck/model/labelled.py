"""Reading labelled sentences for ``claimcheck eval`` and for training.

Two formats are accepted, told apart by the file's first non-blank character:

* CheckThat! TSV: ``id<TAB>text<TAB>label`` with labels ``Yes``/``No`` or
  ``1``/``0``; a header row is optional.  Texts may be CSV-quoted
  (``"He said ""no""."``), as in the CheckThat! 2024 release, and lines may end
  in CRLF.
* JSONL: one object a line, ``{"id": ..., "text": ..., "label": ...}``, with the
  same labels (booleans too).

Anything else fails with a :class:`~claimcheck.errors.ClaimcheckError` that
names the file, the line and what is wrong.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from claimcheck.errors import ClaimcheckError, ErrorCode

# OBJ/SUBJ: CheckThat! subjectivity files, read as objective = check-worthy class.
_POSITIVE = frozenset({"yes", "1", "true", "y", "obj"})
_NEGATIVE = frozenset({"no", "0", "false", "n", "subj"})
_HEADER_LABELS = frozenset({"label", "class_label", "class", "labels", "check_worthy", "checkworthy"})


@dataclass(frozen=True)
class LabelledSentence:
    """One sentence with its check-worthiness label."""

    id: str
    text: str
    label: bool


def parse_label(value: object) -> bool | None:
    """``True``/``False`` for a recognised label, ``None`` otherwise."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return {1: True, 0: False}.get(value)
    if isinstance(value, str):
        low = value.strip().lower()
        if low in _POSITIVE:
            return True
        if low in _NEGATIVE:
            return False
    return None


def _unquote(text: str) -> str:
    # CheckThat! files quote texts that contain quote marks, CSV style.
    if len(text) >= 2 and text.startswith('"') and text.endswith('"'):
        return text[1:-1].replace('""', '"')
    return text


def read_labelled(path: Path) -> list[LabelledSentence]:
    """Read a labelled TSV or JSONL file.

    Args:
        path: the file.

    Returns:
        The sentences in file order.

    Raises:
        ClaimcheckError: the file is missing, not UTF-8, empty, or a line is malformed.
    """
    if not path.exists():
        raise ClaimcheckError(ErrorCode.FILE_NOT_FOUND, f"{path}: no such file")
    if path.is_dir():
        raise ClaimcheckError(ErrorCode.IS_A_DIRECTORY, f"{path}: is a directory, expected a labelled TSV or JSONL file")
    try:
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ClaimcheckError(ErrorCode.NOT_UTF8, f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise ClaimcheckError(ErrorCode.UNREADABLE, f"{path}: cannot read ({exc.strerror})") from None
    if not content.strip():
        raise ClaimcheckError(ErrorCode.EMPTY_INPUT, f"{path}: the file is empty")
    if "\x00" in content:
        raise ClaimcheckError(ErrorCode.BINARY_INPUT, f"{path}: binary data, expected a labelled TSV or JSONL file")
    if content.lstrip().startswith("{"):
        rows = _read_jsonl(path, content)
    else:
        rows = _read_tsv(path, content)
    if not rows:
        raise ClaimcheckError(ErrorCode.EMPTY_INPUT, f"{path}: no labelled sentences (only a header?)")
    return rows


def _read_jsonl(path: Path, content: str) -> list[LabelledSentence]:
    rows: list[LabelledSentence] = []
    for lineno, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ClaimcheckError(ErrorCode.BAD_JSONL, f"{path}:{lineno}: not JSON ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise ClaimcheckError(ErrorCode.BAD_JSONL, f"{path}:{lineno}: expected an object with id, text and label")
        text = obj.get("text")
        if not isinstance(text, str):
            raise ClaimcheckError(ErrorCode.BAD_JSONL, f"{path}:{lineno}: missing or non-string \"text\"")
        if "label" not in obj:
            raise ClaimcheckError(ErrorCode.BAD_JSONL, f"{path}:{lineno}: missing \"label\"")
        label = parse_label(obj["label"])
        if label is None:
            raise ClaimcheckError(
                ErrorCode.BAD_JSONL, f"{path}:{lineno}: label {obj['label']!r} is not Yes/No, 1/0 or true/false"
            )
        rows.append(LabelledSentence(str(obj.get("id", lineno)), text, label))
    return rows


def _read_tsv(path: Path, content: str) -> list[LabelledSentence]:
    rows: list[LabelledSentence] = []
    label_from_end = 0  # the label's column counted from the end: a header may name it; else the last
    for lineno, line in enumerate(content.splitlines(), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) < 3:
            raise ClaimcheckError(
                ErrorCode.UNREADABLE,
                f"{path}:{lineno}: expected 3 tab-separated columns (id, text, label), found {len(cells)}",
            )
        if not rows:
            named = [i for i, cell in enumerate(cells) if cell.strip().lower() in _HEADER_LABELS]
            if named:
                label_from_end = len(cells) - 1 - named[0]
                continue  # the optional header row
        # Texts may themselves contain tabs: the id is first, the label last
        # (or in the column a header named, as in the CheckThat! subjectivity files).
        index = len(cells) - 1 - label_from_end
        if index < 2:
            raise ClaimcheckError(ErrorCode.UNREADABLE, f"{path}:{lineno}: too few columns for the header's label column")
        if index == len(cells) - 1:
            ident, label_cell, text = cells[0], cells[-1], "\t".join(cells[1:-1])
        else:
            ident, label_cell, text = cells[0], cells[index], "\t".join(cells[1:index])
        label = parse_label(label_cell)
        if label is None:
            raise ClaimcheckError(
                ErrorCode.UNREADABLE, f"{path}:{lineno}: label {label_cell.strip()!r} is not Yes/No, 1/0 or OBJ/SUBJ"
            )
        rows.append(LabelledSentence(ident.strip(), _unquote(text.strip()), label))
    return rows
