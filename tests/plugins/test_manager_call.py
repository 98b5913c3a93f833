"""Plugins.call: each implementation on its own, failures become CC150 warnings, pluggy's order."""

from __future__ import annotations

from typing import Any

import pytest

from claimcheck.plugins import hookimpl
from claimcheck.plugins.manager import Plugins
from claimcheck.report import Diagnostic


def make(*objs: object) -> Plugins:
    plugins = Plugins()
    for obj in objs:
        plugins.register(obj)
    return plugins


class Returns:
    def __init__(self, value: Any, name: str = "returns") -> None:
        self.value = value
        self.__name__ = name

    @hookimpl
    def claimcheck_rule_packs(self) -> Any:
        return self.value


class Boom:
    @hookimpl
    def claimcheck_claims(self, doc: Any, claims: list[Any], context: Any) -> None:
        raise KeyError("no such span")


class FewerArgs:
    seen: list[Any] = []

    @hookimpl
    def claimcheck_claims(self, claims: list[Any]) -> list[str]:
        return ["added"]


def test_manager_call_failure_becomes_warning_and_others_still_run() -> None:
    plugins = make(FewerArgs(), Boom())
    warnings: list[Diagnostic] = []
    results = plugins.call("claimcheck_claims", warnings, doc=None, claims=[], context=None)
    assert results == [["added"]]
    assert warnings == [
        Diagnostic(
            code="CC150",
            message="plugin 'Boom' failed in claimcheck_claims: KeyError: 'no such span'",
            plugin="Boom",
            hook="claimcheck_claims",
        )
    ]


def test_manager_call_passes_only_declared_arguments() -> None:
    received: dict[str, Any] = {}

    class OnlyContext:
        @hookimpl
        def claimcheck_claims(self, context: Any) -> None:
            received["context"] = context

    make(OnlyContext()).call("claimcheck_claims", [], doc="d", claims=[], context="ctx")
    assert received == {"context": "ctx"}


def test_manager_call_order_is_last_registered_first_with_tryfirst() -> None:
    class First:
        @hookimpl(tryfirst=True)
        def claimcheck_rule_packs(self) -> list[str]:
            return ["first"]

    plugins = make(Returns(["a"], "a"), First(), Returns(["b"], "b"))
    assert plugins.call("claimcheck_rule_packs", []) == [["first"], ["b"], ["a"]]
    assert [name for name, _ in plugins.call_with_names("claimcheck_rule_packs", [])] == ["First", "b", "a"]


@pytest.mark.parametrize("value", [None])
def test_manager_call_drops_none_results(value: Any) -> None:
    assert make(Returns(value)).call("claimcheck_rule_packs", []) == []


def test_manager_call_unknown_hook_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="no such claimcheck hook"):
        Plugins().call("claimcheck_nope", [])


def test_manager_call_keyboard_interrupt_is_not_swallowed() -> None:
    class Interrupt:
        @hookimpl
        def claimcheck_rule_packs(self) -> None:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        make(Interrupt()).call("claimcheck_rule_packs", [])


def test_manager_call_goes_through_pluggy_monitoring() -> None:
    """Calls are pluggy's own: hook-call monitoring sees every one."""
    plugins = make(Returns(["a"], "a"))
    seen: list[str] = []
    plugins.pm.add_hookcall_monitoring(lambda name, impls, kwargs: seen.append(name), lambda *args: None)
    assert plugins.call("claimcheck_rule_packs", []) == [["a"]]
    assert seen == ["claimcheck_rule_packs"]


def test_manager_call_trace_switch_prints_each_call(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("CLAIMCHECK_TRACE_PLUGINS", "1")
    plugins = make(Returns(["a"], "a"), Boom())
    plugins.call("claimcheck_rule_packs", [])
    plugins.call("claimcheck_claims", [], doc=None, claims=[], context=None)
    err = capsys.readouterr().err
    assert "claimcheck trace: claimcheck_rule_packs()" in err and "implementations: a" in err
    assert "returned [['a']]" in err and "implementations: Boom" in err


def test_manager_call_trace_is_off_by_default(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("CLAIMCHECK_TRACE_PLUGINS", raising=False)
    make(Returns(["a"], "a")).call("claimcheck_rule_packs", [])
    assert capsys.readouterr().err == ""
