"""The published JSON Schema is generated from the models, up to date, and accepts the built-in packs."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from claimcheck.rules.plugin import builtin_rules_dir
from claimcheck.rules.schema_export import SCHEMA_FILE, render


def test_schema_file_is_up_to_date() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == render(), "run: python -m claimcheck.rules.schema_export"


@pytest.mark.parametrize("pack", sorted(builtin_rules_dir().glob("*.yaml")), ids=lambda p: p.name)
def test_schema_file_accepts_builtin_pack(pack) -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(pack.read_text(encoding="utf-8")), schema)


def test_schema_file_rejects_a_rule_without_message() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    pack = {"pack": "p", "version": "1", "description": "d", "schema": 1, "claimcheck": ">=0.1",
            "rules": [{"id": "r", "match": {"phrases": "x"}, "examples": {"fire": "a", "pass": "b"}}]}
    with pytest.raises(jsonschema.ValidationError, match="'message' is a required property"):
        jsonschema.validate(pack, schema)
