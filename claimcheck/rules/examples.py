"""Run the ``examples`` of rules: each ``fire`` text must trigger the rule, each ``pass`` text must not.

``claimcheck rules test`` and the test suite use this.  A rule "fires" on a
text when it produces its finding or one of its effects (``set_type``,
``score``, ``note``) there.  :class:`EngineFiring` runs every example through
the real engine (``Engine.check(text, all=True)``) with only the example's
pack loaded, so claim conditions see real claims.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Literal

from claimcheck.plugins.hookspecs import hookimpl
from claimcheck.report import Report
from claimcheck.rules.loader import LoadedPack

if TYPE_CHECKING:
    from claimcheck.config import ConfigLike

#: Given a pack and a text, the ids (``pack.rule``) of the rules that fired.
Firing = Callable[[LoadedPack, str], set[str]]

#: The publication date examples are checked against (relative dates resolve the same every run).
EXAMPLE_DATE = "2024-06-19"


@dataclass(frozen=True)
class ExampleResult:
    """The outcome of one example."""

    rule: str
    kind: Literal["fire", "pass"]
    text: str
    ok: bool
    pack_file: str

    def describe(self) -> str:
        """One line for a failure: which rule, what was expected, the text."""
        expected = "should fire but did not" if self.kind == "fire" else "fired but should not"
        return f"{self.rule}: {expected}: {self.text!r} ({self.pack_file})"


def example_cases(packs: Iterable[LoadedPack]) -> list[tuple[LoadedPack, str, Literal["fire", "pass"], str]]:
    """Every ``(pack, rule id, kind, text)`` example of the packs, in file order."""
    cases: list[tuple[LoadedPack, str, Literal["fire", "pass"], str]] = []
    for pack in packs:
        for rule in pack.model.rules:
            rule_id = f"{pack.name}.{rule.id}"
            cases.extend((pack, rule_id, "fire", text) for text in rule.examples.fire)
            cases.extend((pack, rule_id, "pass", text) for text in rule.examples.pass_)
    return cases


def run_examples(packs: Iterable[LoadedPack], firing: Firing) -> list[ExampleResult]:
    """Run every example of ``packs`` and say which passed."""
    results = []
    for pack, rule_id, kind, text in example_cases(packs):
        fired = rule_id in firing(pack, text)
        results.append(ExampleResult(rule_id, kind, text, fired if kind == "fire" else not fired, str(pack.path)))
    return results


def fired_in_report(report: Report, pack: LoadedPack) -> set[str]:
    """The pack's rules whose finding or effect shows in a report.

    Used when the rule set's observer cannot be reached: findings carry the
    rule id, ``score`` effects leave ``pack.rule (+0.10)`` in the claim's
    reasons and ``note`` effects leave the note on the claim.
    """
    fired = {f.rule for f in report.findings}
    for rule in pack.model.rules:
        rule_id = f"{pack.name}.{rule.id}"
        for claim in report.claims:
            if any(reason.startswith(rule_id + " (") for reason in claim.reasons):
                fired.add(rule_id)
            if rule.note is not None and not rule.finding and rule.note in claim.notes:
                fired.add(rule_id)
    return fired


class _PackOnly:
    """A plugin offering one pack: how a pack is loaded alone into the engine."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.__name__ = f"rules-test:{path.name}"

    @hookimpl
    def claimcheck_rule_packs(self) -> list[Path]:
        return [self.path]


class EngineFiring:
    """Decides what fired by running the engine with only the example's pack.

    One engine per pack, all sharing the process's spaCy pipeline.
    """

    def __init__(self, config: ConfigLike | None = None) -> None:
        self.config = dict(config or {})
        self._engines: dict[Path, Any] = {}
        self._fired: set[str] = set()

    def _engine(self, pack: LoadedPack) -> Any:
        if pack.path not in self._engines:
            from claimcheck.engine import Engine
            from claimcheck.plugins.manager import Plugins

            plugin = _PackOnly(pack.path)
            plugins = Plugins()
            plugins.register(plugin, name=plugin.__name__)
            # Examples test the pack as written: no severity or enable/disable overrides.
            config = {**self.config, "all": True, "rules": {"enable": [], "disable": [], "severity": {}, "packs": []}}
            self._engines[pack.path] = Engine(config=config, plugins=plugins)
        return self._engines[pack.path]

    def __call__(self, pack: LoadedPack, text: str) -> set[str]:
        engine = self._engine(pack)
        ruleset = getattr(engine, "rules", None)
        self._fired = set()
        if ruleset is not None and hasattr(ruleset, "observer"):
            ruleset.observer = lambda rule_id, effect: self._fired.add(rule_id)
        report = engine.check(text, published=EXAMPLE_DATE, source="example")
        return self._fired | fired_in_report(report, pack)
