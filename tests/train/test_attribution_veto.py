"""The cue model's veto, as ``train_attribution.fit`` judges it.

The veto reviews the rules' source only for a claim outside quotation marks that
is its own verb's clause, when that verb's subject is the source the rules gave;
every other claim keeps what the rules or the fill step decided.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from train.train_attribution import outcome, own_verb, training_claims, vetoable  # noqa: E402


def _claim(*, inside: bool, rule_ok: bool, quoted: bool = False, source: list[int] | None = None,
           rel: str = "rel=self") -> dict[str, Any]:
    return {"inside": inside, "rule_has": True, "rule_ok": rule_ok, "quoted": quoted, "rule_source": [0, 2],
            "score": 0.9, "candidates": [{"verb": 3, "source": source if source is not None else [0, 1],
                                          "features": ["bias", rel, "lex_cue"], "ok": rule_ok}]}


def test_a_low_probability_own_verb_leaves_an_own_voice_claim_alone() -> None:
    claim = _claim(inside=False, rule_ok=False)
    assert own_verb(claim) == [0]
    assert outcome(claim, [0.05], "fill", 0.4, veto=0.2) is True
    assert outcome(claim, [0.05], "fill", 0.4, veto=0.0) is False  # no veto: the rules' (wrong) source stays
    assert outcome(claim, [0.5], "fill", 0.4, veto=0.2) is False  # the model agrees with the rules


def test_the_veto_costs_a_right_speaker_when_the_claim_was_reported() -> None:
    claim = _claim(inside=True, rule_ok=True)
    assert outcome(claim, [0.05], "fill", 0.4, veto=0.2) is False
    assert outcome(claim, [0.3], "fill", 0.4, veto=0.2) is True


def test_quoted_claims_other_verbs_and_other_sources_are_not_reviewed() -> None:
    for claim in (_claim(inside=False, rule_ok=False, quoted=True),
                  _claim(inside=False, rule_ok=False, rel="rel=below"),
                  _claim(inside=False, rule_ok=False, source=[5, 6])):
        assert own_verb(claim) == []
        assert outcome(claim, [0.01], "fill", 0.4, veto=0.3) is False


def test_the_model_learns_from_the_claims_it_decides() -> None:
    reviewed = _claim(inside=False, rule_ok=False)
    kept = _claim(inside=False, rule_ok=False, quoted=True)
    unattributed = {**_claim(inside=True, rule_ok=False), "rule_has": False}
    assert training_claims([reviewed, kept, unattributed], "fill") == [reviewed, unattributed]


def test_a_claim_holding_part_of_a_quotation_is_not_reviewed() -> None:
    claim = _claim(inside=True, rule_ok=True)
    claim["candidates"].append({"verb": 1, "source": [4], "features": ["bias", "pos=inside", "quote=01"], "ok": False})
    assert own_verb(claim) == []
    assert outcome(claim, [0.05, 0.05], "fill", 0.4, veto=0.3) is True


def test_relative_clauses_and_verbs_the_rules_do_not_read_are_not_overruled() -> None:
    relative = _claim(inside=True, rule_ok=True)
    relative["candidates"][0]["features"].append("origin=relative")
    act = _claim(inside=True, rule_ok=True)
    act["candidates"][0]["features"].remove("lex_cue")
    for claim in (relative, act):
        assert own_verb(claim) == [0] and vetoable(claim) == []
        assert outcome(claim, [0.01], "fill", 0.4, veto=0.3) is True
    act["candidates"][0]["features"].append("lex_frame")
    assert vetoable(act) == [0]
