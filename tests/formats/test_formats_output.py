"""Built-in report formats."""

from __future__ import annotations

import io
import json

from claimcheck.formats.json import JsonFormat, JsonLinesFormat
from claimcheck.formats.text import TextFormat


def test_formats_json_single_and_batch(example_report) -> None:
    out = io.StringIO()
    fmt = JsonFormat()
    fmt.write(example_report, out)
    fmt.close(out)
    assert json.loads(out.getvalue())["version"] == "1.3"
    out = io.StringIO()
    fmt.write(example_report, out)
    fmt.write(example_report, out)
    fmt.close(out)
    assert len(json.loads(out.getvalue())) == 2


def test_formats_jsonl_one_line_per_report(example_report) -> None:
    out = io.StringIO()
    fmt = JsonLinesFormat()
    fmt.write(example_report, out)
    fmt.write(example_report, out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 and all(json.loads(line)["claims"] for line in lines)


def test_formats_text_has_no_colour_codes_when_piped(example_report, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    out = io.StringIO()
    TextFormat().write(example_report, out)
    text = out.getvalue()
    assert "\x1b[" not in text
    assert "Ivor Bennett" in text and "Findings" in text and "anonymous attribution" in text
