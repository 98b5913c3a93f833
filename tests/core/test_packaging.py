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


def test_packaging_runtime_does_not_import_test_only_dependencies() -> None:
    """jsonschema is a test extra: nothing the command line or the engine loads may import it."""
    import subprocess
    import sys

    code = ("import sys, claimcheck, claimcheck.engine, claimcheck.cli, claimcheck.commands.rules, "
            "claimcheck.rules.schema_export; print('jsonschema' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    runtime = " ".join(config["project"]["dependencies"])
    assert "jsonschema" not in runtime and "jsonschema" in " ".join(config["project"]["optional-dependencies"]["test"])


def test_packaging_distribution_name_is_not_the_taken_one() -> None:
    import claimcheck

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["project"]["name"] == claimcheck.DISTRIBUTION == "claimcheck-news"
    assert config["project"]["scripts"] == {"claimcheck": "claimcheck.cli:run"}
    for plugin in (ROOT / "plugins").glob("*/pyproject.toml"):
        deps = tomllib.loads(plugin.read_text(encoding="utf-8"))["project"]["dependencies"]
        assert not any(d.startswith("claimcheck>") or d == "claimcheck" for d in deps), plugin


def test_packaging_every_runtime_import_is_declared() -> None:
    """Third-party modules the package imports are dependencies (a merge once dropped two)."""
    import ast

    declared = " ".join(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"])
    for module, distribution in (("platformdirs", "platformdirs"), ("snowballstemmer", "snowballstemmer"),
                                 ("pluggy", "pluggy"), ("pydantic", "pydantic")):
        used = any(
            isinstance(node, (ast.Import, ast.ImportFrom))
            and any((getattr(node, "module", None) or alias.name).split(".")[0] == module for alias in node.names)
            for path in (ROOT / "claimcheck").rglob("*.py")
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        )
        assert used and distribution in declared, module
