"""Fixtures for the plugin-system tests: fake installed distributions and the example plugins."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_PLUGINS = REPO / "plugins"


def write_distribution(
    site: Path,
    name: str,
    version: str,
    entry_points: dict[str, str],
    files: dict[str, str] | None = None,
) -> Path:
    """Lay out an installed distribution in ``site`` as pip would: code plus ``*.dist-info``.

    ``importlib.metadata`` then finds it (and its ``claimcheck`` entry points)
    once ``site`` is on ``sys.path``.
    """
    for relative, text in (files or {}).items():
        target = site / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    info = site / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")
    lines = ["[claimcheck]", *(f"{ep} = {target}" for ep, target in entry_points.items())]
    (info / "entry_points.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return info


def package_files(project: Path) -> list[Path]:
    """The files of a src-layout project's packages (not build artefacts such as ``*.egg-info``)."""
    src = project / "src"
    return [
        path
        for package in src.iterdir()
        if (package / "__init__.py").is_file()
        for path in package.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    ]


def install_from_source(project: Path, site: Path) -> None:
    """'Install' a setuptools src-layout project into ``site`` without pip: copy its
    packages and write the dist-info its ``pyproject.toml`` describes."""
    meta = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    files = {
        str(path.relative_to(project / "src")): path.read_text(encoding="utf-8")
        for path in package_files(project)
    }
    write_distribution(site, meta["name"], meta["version"], meta["entry-points"]["claimcheck"], files)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh folder on ``sys.path`` standing in for site-packages; cleaned up afterwards.

    Modules imported from it are dropped from ``sys.modules`` at the end, so
    tests can reuse module names.
    """
    folder = tmp_path / "site-packages"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.delenv("CLAIMCHECK_LOAD_PLUGINS", raising=False)
    before = set(sys.modules)
    yield folder
    for name in set(sys.modules) - before:
        module = sys.modules.get(name)
        origin = getattr(module, "__file__", None) or ""
        if origin.startswith(str(tmp_path)):
            del sys.modules[name]


@pytest.fixture
def distribution(site: Path) -> Callable[..., Path]:
    """``distribution(name, version, entry_points, files)``: lay out an installed distribution in ``site``."""

    def make(name: str, version: str, entry_points: dict[str, str], files: dict[str, str] | None = None) -> Path:
        return write_distribution(site, name, version, entry_points, files)

    return make


@pytest.fixture
def install_project(site: Path) -> Callable[[Path], None]:
    """``install_project(path)``: 'install' a src-layout project folder into ``site``."""

    def install(project: Path) -> None:
        install_from_source(project, site)

    return install


@pytest.fixture
def project_files() -> Callable[[Path], list[Path]]:
    """``project_files(project)``: the files of a src-layout project's packages."""
    return package_files


@pytest.fixture
def example_plugin(monkeypatch: pytest.MonkeyPatch) -> Callable[[str, str], object]:
    """Import a module of an example plugin in ``plugins/NAME/src`` (not installed)."""
    import importlib

    def load(package: str, module: str) -> object:
        monkeypatch.syspath_prepend(str(EXAMPLE_PLUGINS / package / "src"))
        return importlib.import_module(module)

    return load
