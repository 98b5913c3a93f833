"""Loading the pipeline: the saved tokenizer is read once, disabled components are not loaded, failures are one line."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from claimcheck.analysis import nlp as nlp_module
from claimcheck.analysis.nlp import DEFAULT_PIPELINES, SPACY_TOKENIZER, load_pipeline
from claimcheck.cli import main
from claimcheck.errors import ExitCode

TRICKY = "Dr. Smith's U.S.-led plan (costing $3.5bn, i.e. 40%) won't pass—or will it? See https://example.org/a-b."


def _installed() -> str:
    return next(name for name in DEFAULT_PIPELINES if spacy.util.is_package(name))


def test_nlp_loading_tokenizer_is_the_one_spacy_load_gives(nlp) -> None:
    name = _installed()
    path = nlp_module._config_path(name)
    assert path is not None
    components = list(spacy.util.load_config(path)["nlp"]["pipeline"])
    plain = spacy.load(name, exclude=components)  # tokenizer and vocab, as a plain spacy.load builds them
    # Without the vocab, which the session's earlier tests have added strings to.
    assert nlp.tokenizer.to_bytes(exclude=["vocab"]) == plain.tokenizer.to_bytes(exclude=["vocab"])
    assert [(t.text, t.whitespace_) for t in nlp.make_doc(TRICKY)] == [(t.text, t.whitespace_) for t in plain.make_doc(TRICKY)]
    assert load_pipeline().config["nlp"]["tokenizer"] == SPACY_TOKENIZER  # the config says what a plain load says


def test_nlp_loading_disabled_components_are_not_loaded() -> None:
    name = _installed()
    assert nlp_module._load_plan(name) == (True, ["senter"])
    shared = load_pipeline()
    assert "senter" not in shared.component_names and shared.disabled == []
    assert {"parser", "ner", "lemmatizer"} <= set(shared.pipe_names)


def test_nlp_loading_plan_only_for_spacy_tokenizers(tmp_path: Path) -> None:
    assert nlp_module._load_plan("no_such_pipeline_xyz") is None
    assert nlp_module._load_plan(str(tmp_path)) is None  # a folder without a config
    (tmp_path / "config.cfg").write_text('[nlp]\nlang = "en"\ntokenizer = {"@tokenizers":"my.Tokenizer.v1"}\n'
                                         'disabled = ["senter"]\n', encoding="utf-8")
    assert nlp_module._load_plan(str(tmp_path)) == (False, ["senter"])
    (tmp_path / "config.cfg").write_text('[nlp]\nlang = "en"\ntokenizer = {"@tokenizers":"spacy.Tokenizer.v1"}\n',
                                         encoding="utf-8")
    assert nlp_module._load_plan(str(tmp_path)) == (False, [])  # no saved tokenizer to read
    (tmp_path / "tokenizer").write_bytes(b"")
    assert nlp_module._load_plan(str(tmp_path)) == (True, [])
    (tmp_path / "config.cfg").write_text("[nlp\nbroken", encoding="utf-8")
    assert nlp_module._load_plan(str(tmp_path)) is None


@pytest.mark.parametrize("extra", [[], ["--format", "json"]])
def test_nlp_loading_unknown_pipeline_is_one_line_exit_2(capsys, tmp_path: Path, extra: list[str]) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The minister said unemployment fell to 4.2% in May.\n", encoding="utf-8")
    code = main(["check", str(article), "--pipeline", "no_such_pipeline_xyz", *extra])
    out, err = capsys.readouterr()
    assert code == ExitCode.USAGE_ERROR and out == ""
    assert err.startswith("claimcheck: error: [CC120]") and err.count("\n") == 1 and "no_such_pipeline_xyz" in err
