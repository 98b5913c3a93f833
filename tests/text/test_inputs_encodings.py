"""UTF-16 and UTF-32 input is read (with a byte-order mark, or UTF-16 recognised without one); offsets are characters."""

from __future__ import annotations

import pytest

from claimcheck.errors import ErrorCode, InputError
from claimcheck.text.inputs import decode_text

TEXT = "The minister said unemployment fell by 3% in Zürich, “officials said”.\nA second line — with a dash.\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_inputs_wide_encodings_are_decoded(encoding: str) -> None:
    assert decode_text(TEXT.encode(encoding), "a.txt") == TEXT


def test_inputs_utf16_that_does_not_decode_says_how_to_convert() -> None:
    data = TEXT.encode("utf-16") + b"\x00\xd8"  # a lone high surrogate at the end
    with pytest.raises(InputError) as raised:
        decode_text(data, "a.txt")
    assert raised.value.code == ErrorCode.NOT_UTF8
    assert "UTF-16-LE" in raised.value.message and "iconv -f UTF-16-LE -t UTF-8" in raised.value.message


@pytest.mark.parametrize(
    "data",
    [b"\x00\x01\x02binary\x00" * 40, bytes(range(256)) * 8, b"PK\x03\x04" + b"\x00" * 200],
    ids=["nul-mixed", "all-bytes", "zip-like"],
)
def test_inputs_binary_is_still_refused(data: bytes) -> None:
    with pytest.raises(InputError) as raised:
        decode_text(data, "b.bin")
    assert raised.value.code == ErrorCode.BINARY_INPUT


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_inputs_utf16_batch_is_refused_once_with_the_conversion(tmp_path, encoding: str) -> None:
    from claimcheck.text.inputs import read_jsonl

    batch = tmp_path / "b.jsonl"
    batch.write_bytes('{"id": "a", "text": "Prices rose."}\n{"id": "b", "text": "Prices fell."}\n'.encode(encoding))
    with pytest.raises(InputError) as raised:
        list(read_jsonl(str(batch)))
    assert raised.value.code == ErrorCode.NOT_UTF8
    assert "JSON Lines must be UTF-8" in raised.value.message and "iconv -f UTF-" in raised.value.message
