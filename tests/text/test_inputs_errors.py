"""Every unusable input becomes one clear error with a stable code."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from claimcheck.errors import ErrorCode, InputError
from claimcheck.text.inputs import MAX_INPUT_BYTES, InputDocument, RefusedInput, read_jsonl, read_text


def _error(path: str, stdin: io.BytesIO | None = None) -> InputError:
    with pytest.raises(InputError) as info:
        read_text(path, stdin)
    return info.value


def test_inputs_missing_file(tmp_path: Path) -> None:
    assert _error(str(tmp_path / "nope.txt")).code is ErrorCode.FILE_NOT_FOUND


def test_inputs_directory(tmp_path: Path) -> None:
    assert _error(str(tmp_path)).code is ErrorCode.IS_A_DIRECTORY


@pytest.mark.parametrize("content", [b"", b"   \n\t\n"])
def test_inputs_empty(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert _error(str(path)).code is ErrorCode.EMPTY_INPUT


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(1, 32)) * 40])
def test_inputs_binary(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(content)
    assert _error(str(path)).code is ErrorCode.BINARY_INPUT


def test_inputs_invalid_utf8_names_the_position(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\u00e9 owners said prices rose.\nSecond line \u00e9.".encode("latin-1"))
    err = _error(str(path))
    assert err.code is ErrorCode.NOT_UTF8
    assert "line 1, column 4" in err.message and "0xe9" in err.message


def test_inputs_too_large_is_refused_with_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as fh:
        fh.truncate(20 * 1024 * 1024)  # sparse: 20 MB without writing it
    err = _error(str(path))
    assert err.code is ErrorCode.TOO_LARGE
    assert "5 MiB" in err.message and "jsonl" in err.message
    assert MAX_INPUT_BYTES == 5 * 1024 * 1024


def test_inputs_reads_stdin_and_strips_bom() -> None:
    doc = read_text("-", io.BytesIO("\ufeffThe bill passed.".encode()))
    assert doc.text == "The bill passed." and doc.source == "<stdin>"


@pytest.mark.parametrize(
    "lines,code",
    [
        (b'{"id": 1, "text": "ok"}\nnot json\n', ErrorCode.BAD_JSONL),
        (b'{"id": 1}\n', ErrorCode.BAD_JSONL),
        (b'{"id": 1, "text": "ok", "published": 2024}\n', ErrorCode.BAD_JSONL),
        (b"\n\n", ErrorCode.EMPTY_INPUT),
        (b'{"id": 1, "text": "caf\xe9"}\n', ErrorCode.NOT_UTF8),
    ],
)
def test_inputs_jsonl_errors_name_the_line(tmp_path: Path, lines: bytes, code: ErrorCode) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(lines)
    with pytest.raises(InputError) as info:
        list(read_jsonl(str(path)))
    assert info.value.code is code


def test_inputs_jsonl_streams_documents(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text('{"id": "a", "text": "One."}\n\n{"text": "Two.", "published": "2024-01-02"}\n', encoding="utf-8")
    docs = list(read_jsonl(str(path)))
    assert [(d.id, d.text, d.published) for d in docs] == [("a", "One.", None), ("3", "Two.", "2024-01-02")]


def test_inputs_jsonl_bad_lines_become_records_when_not_strict(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b'{"id": "a", "text": "One."}\nnot json\n{"id": "c"}\n[1, 2]\n'
                     b'{"id": "e", "text": "Five.", "published": 5}\n{"text": "caf\xe9"}\n{"id": "g", "text": "Seven."}\n')
    items = list(read_jsonl(str(path), strict=False))
    assert [type(i).__name__ for i in items] == ["InputDocument"] + ["RefusedInput"] * 5 + ["InputDocument"]
    refused = [i for i in items if isinstance(i, RefusedInput)]
    assert [(r.line, r.code, r.id) for r in refused] == [
        (2, "CC112", None), (3, "CC112", "c"), (4, "CC112", None), (5, "CC112", "e"), (6, "CC105", None)]
    assert all(r.message.startswith(f"{path}:{r.line}: ") for r in refused)
    assert [(d.id, d.line) for d in items if isinstance(d, InputDocument)] == [("a", 1), ("g", 7)]
