"""Generate the published JSON Schema of rule packs from the pydantic models.

``claimcheck/schemas/rule-pack.schema.json`` is this module's output, committed
so that editors (``# yaml-language-server: $schema=...``) and other tools can
use it; a test fails when the committed file is out of date.  Regenerate with::

    python -m claimcheck.rules.schema_export
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from claimcheck.rules.schema import CURRENT_SCHEMA, Pack

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schemas" / "rule-pack.schema.json"
SCHEMA_ID = "https://github.com/claimcheck/claimcheck/blob/main/claimcheck/schemas/rule-pack.schema.json"


def pack_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a rule pack, schema version :data:`CURRENT_SCHEMA`."""
    schema = Pack.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"claimcheck rule pack (schema {CURRENT_SCHEMA})",
        **{key: value for key, value in schema.items() if key != "title"},
    }


def render() -> str:
    """The schema file's text: stable key order, two-space indent, final newline."""
    return json.dumps(pack_json_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the schema file (or, with ``--check``, exit 1 when it is out of date)."""
    args = sys.argv[1:] if argv is None else argv
    text = render()
    if "--check" in args:
        current = SCHEMA_FILE.read_text(encoding="utf-8") if SCHEMA_FILE.exists() else ""
        if current != text:
            print(f"{SCHEMA_FILE} is out of date: run python -m claimcheck.rules.schema_export", file=sys.stderr)
            return 1
        return 0
    SCHEMA_FILE.parent.mkdir(parents=True, exist_ok=True)
    SCHEMA_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {SCHEMA_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
