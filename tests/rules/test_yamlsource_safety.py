"""Packs are data: no YAML construct can run code, and alias bombs are refused."""

from __future__ import annotations

import pytest

from claimcheck.rules.yamlsource import YamlSyntaxError, load_yaml


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system ['echo pwned']\n",
        "a: !!python/name:os.system\n",
        "a: !!python/object:collections.OrderedDict {}\n",
        "a: !!set {x}\n",
        "a: !custom 1\n",
    ],
    ids=["apply", "name", "object", "set", "custom-tag"],
)
def test_yamlsource_safety_refuses_tags(text: str) -> None:
    with pytest.raises(YamlSyntaxError) as raised:
        load_yaml(text)
    assert raised.value.position is not None and raised.value.position.line == 1


def test_yamlsource_safety_alias_bomb() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join(['*a' + str(i - 1)] * 10)}]" for i in range(1, 9)]
    with pytest.raises(YamlSyntaxError, match="more than"):
        load_yaml("\n".join(lines) + "\n")


def test_yamlsource_safety_positions_and_merge_keys() -> None:
    data, source = load_yaml("base: &b {x: 1}\nitem:\n  <<: *b\n  y: 2\n")
    assert data == {"base": {"x": 1}, "item": {"x": 1, "y": 2}}
    assert (source.find(("item", "y")).line, source.find(("item", "y")).column) == (4, 6)
    assert source.find(("item", "y"), key=True).column == 3
