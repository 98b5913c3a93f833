"""Discovery of installed plugins through the ``claimcheck`` entry-point group.

Each test lays out a real ``*.dist-info`` (what pip installs) in a temporary
folder on ``sys.path``, so ``importlib.metadata`` finds it exactly as it
finds an installed plugin, without touching the virtualenv.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.plugins.manager import get_plugins

PLUGIN_SOURCE = '''
from claimcheck.plugins import hookimpl

@hookimpl
def claimcheck_rule_packs():
    return []
'''


def third_party(plugins: object) -> dict[str, object]:
    return {info.name: info for info in plugins.list_plugins() if not info.builtin}  # type: ignore[attr-defined]


@pytest.fixture
def installed(site: Path, distribution: Callable[..., Path]) -> Path:
    distribution("claimcheck-desk-tools", "1.2.3", {"desk": "cc_desk_tools"}, {"cc_desk_tools.py": PLUGIN_SOURCE})
    return site


def test_manager_entrypoints_installed_plugin_is_registered(installed: Path) -> None:
    plugins = get_plugins()
    info = third_party(plugins)["desk"]
    assert (info.version, info.distribution, info.hooks, info.builtin) == (
        "1.2.3",
        "claimcheck-desk-tools",
        ["claimcheck_rule_packs"],
        False,
    )


def test_manager_entrypoints_load_entrypoints_false_skips_them(installed: Path) -> None:
    assert third_party(get_plugins(load_entrypoints=False)) == {}


@pytest.mark.parametrize(
    ("allow", "loaded", "warned"),
    [
        ("", False, None),
        ("  ", False, None),
        ("desk", True, None),
        ("Claimcheck_Desk.Tools", True, None),  # the distribution name, normalised
        ("other, desk", True, "other"),
        ("other", False, "other"),
    ],
)
def test_manager_entrypoints_allow_list(
    installed: Path, monkeypatch: pytest.MonkeyPatch, allow: str, loaded: bool, warned: str | None
) -> None:
    monkeypatch.setenv("CLAIMCHECK_LOAD_PLUGINS", allow)
    plugins = get_plugins()
    assert ("desk" in third_party(plugins)) is loaded
    messages = [w.message for w in plugins.load_warnings if w.plugin == warned]
    if warned:
        assert messages == [f"CLAIMCHECK_LOAD_PLUGINS names '{warned}', but no installed claimcheck plugin has that name"]


def test_manager_entrypoints_broken_plugin_is_skipped_with_a_warning(distribution: Callable[..., Path]) -> None:
    distribution("claimcheck-broken", "0.0.1", {"broken": "cc_broken"}, {"cc_broken.py": "import not_a_module_anywhere\n"})
    distribution("claimcheck-desk-tools", "1.2.3", {"desk": "cc_desk_tools"}, {"cc_desk_tools.py": PLUGIN_SOURCE})
    plugins = get_plugins()
    assert list(third_party(plugins)) == ["desk"]
    (warning,) = [w for w in plugins.load_warnings if w.plugin == "broken"]
    assert warning.code == "CC151"
    assert warning.message == (
        "plugin 'broken' (from claimcheck-broken 0.0.1) could not be loaded: "
        "ModuleNotFoundError: No module named 'not_a_module_anywhere'"
    )


def test_manager_entrypoints_misspelt_hook_in_installed_plugin_fails_loudly(distribution: Callable[..., Path]) -> None:
    source = "from claimcheck.plugins import hookimpl\n\n@hookimpl\ndef claimcheck_report_format():\n    return []\n"
    distribution("claimcheck-typo", "0.1", {"typo": "cc_typo"}, {"cc_typo.py": source})
    with pytest.raises(ClaimcheckError) as info:
        get_plugins()
    assert str(info.value) == (
        "[CC151] plugin 'typo' implements unknown hook 'claimcheck_report_format'; "
        "did you mean 'claimcheck_report_formats'?"
    )


def test_manager_entrypoints_object_entry_point(distribution: Callable[..., Path]) -> None:
    source = (
        "from claimcheck.plugins import hookimpl\n\n"
        "class Desk:\n    @hookimpl\n    def claimcheck_claims(self, claims):\n        return None\n\nplugin = Desk()\n"
    )
    distribution("claimcheck-obj", "2.0", {"obj": "cc_obj:plugin"}, {"cc_obj.py": source})
    assert third_party(get_plugins())["obj"].hooks == ["claimcheck_claims"]  # type: ignore[attr-defined]


def test_manager_entrypoints_same_object_twice_is_registered_once(distribution: Callable[..., Path]) -> None:
    distribution("claimcheck-twice", "1.0", {"one": "cc_twice", "two": "cc_twice"}, {"cc_twice.py": PLUGIN_SOURCE})
    plugins = get_plugins()
    assert [name for name in third_party(plugins) if name in ("one", "two")] == ["one"]
    assert not [w for w in plugins.load_warnings if w.plugin in ("one", "two")]
