"""Configuration: found by walking up from the input, first file wins, the command line wins, errors are CC130."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.config import find_config, load_config
from claimcheck.errors import ConfigError


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "desk" / "beat" / "drafts").mkdir(parents=True)
    return tmp_path


def test_config_discovery_walks_up_to_yaml(tree: Path) -> None:
    (tree / "desk" / ".claimcheck.yaml").write_text("min_score: 0.7\nrules:\n  disable: [economy]\n", encoding="utf-8")
    article = tree / "desk" / "beat" / "drafts" / "story.txt"
    config = load_config(article, {})
    assert config["min_score"] == 0.7
    assert config["rules"]["disable"] == ["economy"]
    assert config.config_file == str(tree / "desk" / ".claimcheck.yaml")


def test_config_discovery_nearest_wins_and_pyproject_needs_table(tree: Path) -> None:
    (tree / "desk" / ".claimcheck.yaml").write_text("min_score: 0.7\n", encoding="utf-8")
    (tree / "desk" / "beat" / "pyproject.toml").write_text("[tool.claimcheck]\nmin_score = 0.6\n", encoding="utf-8")
    (tree / "desk" / "beat" / "drafts" / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    found = find_config(tree / "desk" / "beat" / "drafts")
    assert found == tree / "desk" / "beat" / "pyproject.toml"
    assert load_config(tree / "desk" / "beat" / "drafts", {})["min_score"] == 0.6


def test_config_discovery_same_folder_prefers_yaml(tree: Path) -> None:
    (tree / "desk" / ".claimcheck.yaml").write_text("min_score: 0.7\n", encoding="utf-8")
    (tree / "desk" / "pyproject.toml").write_text("[tool.claimcheck]\nmin_score = 0.6\n", encoding="utf-8")
    assert load_config(tree / "desk", {})["min_score"] == 0.7


def test_config_discovery_command_line_wins_and_packs_add(tree: Path) -> None:
    (tree / "desk" / ".claimcheck.yaml").write_text(
        "min_score: 0.7\nfail_on: warning\nrules:\n  packs: [house.yaml]\n", encoding="utf-8"
    )
    config = load_config(tree / "desk", {"min_score": 0.2, "fail_on": None, "rules": {"packs": ["extra.yaml"]}})
    assert config["min_score"] == 0.2
    assert config["fail_on"] == "warning"  # None means "not given on the command line"
    assert config["rules"]["packs"] == [str((tree / "desk" / "house.yaml").resolve()), "extra.yaml"]


def test_config_discovery_none_found(tree: Path) -> None:
    config = load_config(tree / "desk", {})
    assert config.config_file is None and config.min_score == 0.5 and config.model is True


def test_config_discovery_explicit_file(tree: Path) -> None:
    path = tree / "custom.yaml"
    path.write_text("all: true\n", encoding="utf-8")
    assert load_config(tree / "desk", {}, explicit=path)["all"] is True
    with pytest.raises(ConfigError, match=r"CC130.*no such configuration file"):
        load_config(tree, {}, explicit=tree / "missing.yaml")


@pytest.mark.parametrize(
    ("name", "text", "fragment"),
    [
        (".claimcheck.yaml", "min_score: 2\n", ".claimcheck.yaml:1:12: min_score: Input should be less than or equal to 1"),
        (".claimcheck.yaml", "rules:\n  severity:\n    editorial.superlative: loud\n", ":3:28: rules.severity.editorial.superlative"),
        (".claimcheck.yaml", "rules:\n  disabel: [economy]\n", ":2:3: rules.disabel: unknown key; did you mean 'disable'?"),
        (".claimcheck.yaml", "min_score: [0.5\n", "YAML syntax error"),
        ("pyproject.toml", "[tool.claimcheck]\nfail_on = 'fatal'\n", "pyproject.toml: fail_on: Input should be"),
        ("pyproject.toml", "[tool.claimcheck\n", "invalid TOML"),
    ],
    ids=["range", "severity", "unknown-key", "yaml-syntax", "toml-value", "toml-syntax"],
)
def test_config_discovery_errors(tree: Path, name: str, text: str, fragment: str) -> None:
    (tree / "desk" / name).write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(tree / "desk", {})
    assert str(raised.value).startswith("[CC130] ")
    assert fragment in str(raised.value)


def test_config_discovery_bad_override() -> None:
    with pytest.raises(ConfigError, match=r"\[CC130\] command line: min_score"):
        load_config(None, {"min_score": 7})
