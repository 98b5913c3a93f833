"""The typed collectors: report_formats, rule_pack_paths, lookup_sources."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from claimcheck.plugins import hookimpl
from claimcheck.plugins.manager import Plugins
from claimcheck.report import Diagnostic, Evidence, Report


class Fmt:
    def __init__(self, name: str) -> None:
        self.name = name
        self.description = f"the {name} format"

    def write(self, report: Report, out: IO[str]) -> None:
        out.write(self.name)

    def close(self, out: IO[str]) -> None:
        pass


def formats_plugin(name: str, *formats: Any) -> object:
    class P:
        @hookimpl
        def claimcheck_report_formats(self) -> list[Any]:
            return list(formats)

    P.__name__ = name
    return P()


def test_manager_collect_formats_first_registered_wins() -> None:
    plugins = Plugins()
    first, second = Fmt("md"), Fmt("md")
    plugins.register(formats_plugin("early", first, Fmt("csv")))
    plugins.register(formats_plugin("late", second, "not a format"))
    warnings: list[Diagnostic] = []
    formats = plugins.report_formats(warnings)
    assert list(formats) == ["md", "csv"]
    assert formats["md"] is first
    assert [(w.code, w.plugin, w.hook) for w in warnings] == [("CC150", "late", "claimcheck_report_formats")] * 2
    assert "report format 'md' from plugin 'late' ignored: plugin 'early' already provides it" in warnings[0].message
    assert "returned str, not a ReportFormat," in warnings[1].message


def test_manager_collect_rule_packs(tmp_path: Path) -> None:
    pack = tmp_path / "desk.yaml"
    pack.write_text("pack: desk\n", encoding="utf-8")

    class Packs:
        @hookimpl
        def claimcheck_rule_packs(self) -> list[Any]:
            return [str(pack), tmp_path, pack, tmp_path / "missing.yaml", 42]

    warnings: list[Diagnostic] = []
    plugins = Plugins()
    plugins.register(Packs())
    assert plugins.rule_pack_paths(warnings) == [pack, tmp_path]
    assert [w.message for w in warnings] == [
        f"plugin 'Packs' returned a rule pack that does not exist ({tmp_path / 'missing.yaml'}) from claimcheck_rule_packs; ignored",
        "plugin 'Packs' returned int, not a path, from claimcheck_rule_packs; ignored",
    ]


def test_manager_collect_rule_packs_accepts_a_single_path(tmp_path: Path) -> None:
    class One:
        @hookimpl
        def claimcheck_rule_packs(self) -> Path:
            return tmp_path

    plugins = Plugins()
    plugins.register(One())
    assert plugins.rule_pack_paths([]) == [tmp_path]


class Source:
    name = "desk"

    def lookup(self, text: str, *, claim: Any = None, limit: int = 5) -> list[Evidence]:
        return []


def test_manager_collect_lookup_sources_receive_config() -> None:
    seen: list[dict[str, Any]] = []

    class Sources:
        @hookimpl
        def claimcheck_lookup_sources(self, config: dict[str, Any]) -> list[Any]:
            seen.append(config)
            return [Source(), object()] if config["lookup"]["enabled"] else []

    plugins = Plugins()
    plugins.register(Sources())
    warnings: list[Diagnostic] = []
    config = {"lookup": {"enabled": True}}
    sources = plugins.lookup_sources(config, warnings)
    assert [s.name for s in sources] == ["desk"]
    assert seen == [config]
    assert len(warnings) == 1 and "not a LookupSource" in warnings[0].message
    assert plugins.lookup_sources({"lookup": {"enabled": False}}, []) == []
