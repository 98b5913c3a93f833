"""One typed configuration: files, the command line and the API all end in a validated Config."""

from __future__ import annotations

from pathlib import Path

import pytest

import claimcheck
from claimcheck.config import Config, load_config, validate_config
from claimcheck.engine import Engine
from claimcheck.errors import ConfigError


def test_config_typed_engine_refuses_a_bad_value_before_loading() -> None:
    with pytest.raises(ConfigError, match=r"CC130.*min_score: Input should be a valid number"):
        Engine(config={"min_score": "high"})


def test_config_typed_engine_refuses_an_unknown_key_with_a_suggestion() -> None:
    with pytest.raises(ConfigError, match=r"CC130.*min_scor: unknown key; did you mean 'min_score'\?"):
        Engine(config={"min_scor": 0.9})


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        ({"min_scor": 0.9}, "unknown option 'min_scor'; did you mean 'min_score'?"),
        ({"min_score": "high"}, "min_score: Input should be a valid number"),
        ({"lookup": {"threshold": 2}}, "lookup.threshold: Input should be less than or equal to 1"),
    ],
    ids=["misspelt", "bad-value", "nested"],
)
def test_config_typed_check_refuses_bad_options(options: dict[str, object], fragment: str) -> None:
    with pytest.raises(ConfigError) as raised:
        claimcheck.check("The council voted.", **options)
    assert fragment in str(raised.value)


def test_config_typed_engine_option_cannot_change_per_call(engine: Engine) -> None:
    with pytest.raises(ConfigError, match=r"CC111.*'pipeline' is fixed when the engine is built"):
        engine.check("The council voted.", pipeline="en_core_web_sm")


def test_config_typed_engine_keeps_the_model(engine: Engine) -> None:
    assert isinstance(engine.config, Config)
    assert engine.config.min_score == 0.5 and engine.config.lookup.enabled is False


def test_config_typed_per_call_options_reach_the_report(engine: Engine) -> None:
    report = engine.check("Unemployment rose to 5.2% in May, the ministry said.", min_score=0.0, lookup=False)
    assert report.min_score == 0.0 and report.claims


def test_config_typed_lookup_switch_and_mapping_reads() -> None:
    config = validate_config({"lookup": True, "db": "/tmp/x.sqlite3"})
    assert config.lookup.enabled is True
    # Plugins written against the dict configuration still read it.
    assert config["lookup"]["enabled"] is True and config.get("db") == "/tmp/x.sqlite3"
    assert config.get("nope", 7) == 7 and "lookup" in config and {**config}["all"] is False


def test_config_typed_model_path_is_loaded_and_relative_to_the_file(tmp_path: Path) -> None:
    from claimcheck.model import DEFAULT_MODEL

    model = tmp_path / "models" / "mine.npz"
    model.parent.mkdir()
    model.write_bytes(DEFAULT_MODEL.read_bytes())
    (tmp_path / ".claimcheck.yaml").write_text("model: models/mine.npz\n", encoding="utf-8")
    config = load_config(tmp_path)
    assert config.model == str(model.resolve())
    engine = Engine(config=config)
    assert engine.model is not None
    assert engine.model.info == {} or engine.model.name  # read from the file, not the package default
    (tmp_path / ".claimcheck.yaml").write_text("model: models/missing.npz\n", encoding="utf-8")
    with pytest.raises(claimcheck.ClaimcheckError, match="CC180.*no such model file"):
        Engine(config=load_config(tmp_path)).model  # noqa: B018


def test_config_typed_plugin_config_reads_its_table(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DESK_TOKEN", "s3cret")
    (tmp_path / ".claimcheck.yaml").write_text(
        "plugins:\n  city-desk:\n    patch: [Leeds, Bradford]\n    token: {$env: DESK_TOKEN}\n", encoding="utf-8"
    )
    config = load_config(tmp_path)
    assert config.plugin_config("city-desk") == {"patch": ["Leeds", "Bradford"], "token": "s3cret"}
    assert config.plugin_config("other") is None


def test_config_typed_plugin_config_reaches_hooks() -> None:
    from claimcheck.testing import make_engine

    seen: list[object] = []

    class Desk:
        @staticmethod
        def claimcheck_claims(claims, context):  # type: ignore[no-untyped-def]
            seen.append(context.plugin_config("desk"))

    engine = make_engine(plugins=[Desk()], config={"model": False, "plugins": {"desk": {"beat": "city"}}})
    engine.check("The council voted to close three libraries.")
    assert seen == [{"beat": "city"}]
