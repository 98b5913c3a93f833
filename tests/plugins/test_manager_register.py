"""Registering plugins: names, built-ins, the registered_plugins() stack, listing."""

from __future__ import annotations

import types

import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.plugins import hookimpl
from claimcheck.plugins.manager import DEFAULT_PLUGINS, PluginInfo, Plugins, get_plugins, registered_plugins


class Packs:
    @hookimpl
    def claimcheck_rule_packs(self) -> list[str]:
        return []


def test_manager_register_names_from_module_class_or_type() -> None:
    module = types.ModuleType("my_plugin")
    plugins = Plugins()
    assert plugins.register(module) == "my_plugin"
    assert plugins.register(Packs) == "Packs"
    assert plugins.register(Packs()) == "Packs-2"
    assert plugins.register(Packs(), "custom") == "custom"


def test_manager_register_same_object_twice_keeps_one() -> None:
    plugins = Plugins()
    obj = Packs()
    assert plugins.register(obj) == plugins.register(obj) == "Packs"
    assert len(plugins.list_plugins()) == 1


def test_manager_register_explicit_name_clash_is_an_error() -> None:
    plugins = Plugins()
    plugins.register(Packs(), "x")
    with pytest.raises(ClaimcheckError, match=r"\[CC151\] two plugins are named 'x'"):
        plugins.register(Packs(), "x")


def test_manager_register_missing_builtin_is_a_warning_not_a_crash() -> None:
    plugins = Plugins()
    plugins.load_builtins(("claimcheck.no_such_module_plugin",))
    (warning,) = plugins.load_warnings
    assert warning.code == "CC151"
    assert warning.plugin == "claimcheck.no_such_module_plugin"
    assert "could not be loaded: ModuleNotFoundError" in warning.message


def test_manager_register_builtins_are_listed_as_builtin() -> None:
    plugins = get_plugins(load_entrypoints=False)
    loaded = {info.name for info in plugins.list_plugins()}
    failed = {w.plugin for w in plugins.load_warnings}
    # Every built-in either loaded or was skipped with a warning naming it.
    assert loaded | failed == set(DEFAULT_PLUGINS)
    for info in plugins.list_plugins():
        assert info.builtin and info.distribution == "claimcheck-news" and info.version


def test_manager_register_get_plugins_returns_a_new_manager_each_time() -> None:
    assert get_plugins(load_entrypoints=False) is not get_plugins(load_entrypoints=False)


def test_manager_register_pushed_plugins_only_inside_the_block() -> None:
    outer, inner = Packs(), Packs()
    with registered_plugins(outer):
        with registered_plugins(inner):
            names = [i.name for i in get_plugins(load_entrypoints=False).list_plugins() if not i.builtin]
            assert names == ["Packs", "Packs-2"]
        names = [i.name for i in get_plugins(load_entrypoints=False).list_plugins() if not i.builtin]
        assert names == ["Packs"]
    assert [i for i in get_plugins(load_entrypoints=False).list_plugins() if not i.builtin] == []


def test_manager_register_extra_and_listing() -> None:
    class Both:
        @hookimpl
        def claimcheck_report(self, report: object) -> None:
            pass

        @hookimpl
        def claimcheck_claims(self, claims: list[object]) -> None:
            pass

    plugins = get_plugins(load_entrypoints=False, extra=[Both()])
    assert plugins.list_plugins()[-1] == PluginInfo(
        name="Both", version=None, distribution=None, hooks=["claimcheck_claims", "claimcheck_report"], builtin=False
    )
    assert "Both" in plugins
    plugins.unregister("Both")
    assert "Both" not in plugins
