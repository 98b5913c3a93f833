"""The wheel ships every package and data file claimcheck needs at run time."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_packaging_lists_every_package() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "claimcheck").rglob("__init__.py")}
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert config["tool"]["setuptools"]["package-dir"]["claimcheck._builtin_rules"] == "rules"


def test_packaging_data_files_exist() -> None:
    assert sorted(p.name for p in (ROOT / "rules").glob("*.yaml"))
    assert (ROOT / "claimcheck" / "model" / "checkworthy.npz").stat().st_size < 25 * 1024 * 1024
    assert (ROOT / "claimcheck" / "schemas" / "rule-pack.schema.json").exists()
