"""docs/plugins.md documents every hook, with its real signature and a working example."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

from claimcheck.plugins import hookspecs
from claimcheck.plugins.manager import Plugins, hook_names

DOCS = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"
HEADING = re.compile(r"^### `(claimcheck_\w+)\((.*?)\)`\s*$", re.MULTILINE)


def sections() -> dict[str, str]:
    """Hook name -> the text of its section in docs/plugins.md."""
    text = DOCS.read_text(encoding="utf-8")
    found = list(HEADING.finditer(text))
    result = {}
    for match, following in zip(found, [*found[1:], None]):
        end = following.start() if following else text.find("\n## ", match.end())
        result[match.group(1)] = text[match.start() : end if end != -1 else len(text)]
    return result


def python_blocks(section: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", section, re.DOTALL)


def test_docs_hooks_every_hook_is_documented() -> None:
    documented = set(sections())
    assert sorted(documented) == hook_names(), "document every hook in docs/plugins.md, and only real hooks"


@pytest.mark.parametrize("hook", hook_names())
def test_docs_hooks_heading_and_signature_match_the_spec(hook: str) -> None:
    section = sections()[hook]
    spec_args = list(inspect.signature(getattr(hookspecs, hook)).parameters)
    heading_args = [a.strip() for a in HEADING.search(section).group(2).split(",") if a.strip()]  # type: ignore[union-attr]
    assert heading_args == spec_args
    signature = python_blocks(section)[0]
    tree = ast.parse(signature.strip() + ": ...")
    function = tree.body[0]
    assert isinstance(function, ast.FunctionDef) and function.name == hook
    assert [a.arg for a in function.args.args] == spec_args


@pytest.mark.parametrize("hook", hook_names())
def test_docs_hooks_example_is_a_valid_plugin(hook: str) -> None:
    """The example compiles, defines the hook, and registers without contract errors."""
    blocks = python_blocks(sections()[hook])
    assert len(blocks) >= 2, f"{hook}: give a signature block and an example"
    namespace: dict[str, object] = {"__name__": f"docs_example_{hook}"}
    exec(compile(blocks[1], f"docs/plugins.md:{hook}", "exec"), namespace)
    assert hook in namespace
    plugins = Plugins()

    class Example:
        pass

    for name, value in namespace.items():
        if name.startswith("claimcheck_"):
            setattr(Example, name, staticmethod(value))  # type: ignore[arg-type]
    plugins.register(Example())
    assert plugins.list_plugins()[0].hooks == [hook]
