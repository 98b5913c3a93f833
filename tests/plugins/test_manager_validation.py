"""A plugin that breaks the hook contract fails loudly (CC151) when it is registered."""

from __future__ import annotations

from typing import Any

import pytest

from claimcheck.errors import ClaimcheckError, ErrorCode
from claimcheck.plugins import hookimpl
from claimcheck.plugins.manager import Plugins, get_plugins, registered_plugins


class MisspeltMarked:
    @hookimpl
    def claimcheck_claim(self, claims: list[Any]) -> None:
        """Misspelt: the hook is claimcheck_claims."""


class MisspeltUnmarked:
    def claimcheck_rule_pack(self) -> list[str]:
        """Misspelt and without @hookimpl: still caught by the claimcheck_ prefix."""
        return []


class WrongArgument:
    @hookimpl
    def claimcheck_claims(self, document: Any) -> None:
        """``document`` is not an argument of the hook."""


class Wrapper:
    @hookimpl(wrapper=True)
    def claimcheck_claims(self, claims: list[Any]) -> Any:
        return (yield)


@pytest.mark.parametrize(
    ("plugin", "expected"),
    [
        (MisspeltMarked(), "plugin 'MisspeltMarked' implements unknown hook 'claimcheck_claim'; did you mean 'claimcheck_claims'?"),
        (MisspeltUnmarked(), "plugin 'MisspeltUnmarked' implements unknown hook 'claimcheck_rule_pack'; did you mean 'claimcheck_rule_packs'?"),
        (WrongArgument(), "plugin 'WrongArgument' implements claimcheck_claims with argument(s) {'document'} that the hook does not have (it has: doc, claims, context)"),
        (Wrapper(), "plugin 'Wrapper' implements 'claimcheck_claims' as a wrapper; claimcheck hooks do not support wrappers"),
    ],
)
def test_manager_validation_contract_errors_are_loud(plugin: object, expected: str) -> None:
    plugins = Plugins()
    with pytest.raises(ClaimcheckError) as info:
        plugins.register(plugin)
    assert info.value.code is ErrorCode.PLUGIN_LOAD
    assert info.value.message == expected
    # The manager is left as it was: the bad plugin is not half-registered.
    assert plugins.list_plugins() == []
    assert plugins.call("claimcheck_claims", [], doc=None, claims=[], context=None) == []


def test_manager_validation_misspelt_hook_fails_get_plugins() -> None:
    with registered_plugins(MisspeltMarked()), pytest.raises(ClaimcheckError, match=r"\[CC151\].*claimcheck_claim'"):
        get_plugins(load_entrypoints=False)


def test_manager_validation_optional_hooks_are_allowed() -> None:
    class Future:
        @hookimpl(optionalhook=True)
        def claimcheck_from_the_future(self) -> None:
            """A hook a newer claimcheck may add: tolerated when marked optional."""

    assert Plugins().register(Future()) == "Future"


def test_manager_validation_helpers_not_named_like_hooks_are_ignored() -> None:
    class Helpers:
        def normalise(self) -> None:
            """Not a hook: no marker and no claimcheck_ prefix."""

        claimcheck_threshold = 0.5  # an attribute, not a function

    plugins = Plugins()
    plugins.register(Helpers())
    assert plugins.list_plugins()[0].hooks == []
