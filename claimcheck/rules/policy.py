"""Which rules are on and at what severity, from the ``rules`` configuration.

``rules.enable`` / ``rules.disable`` list pack names (``editorial``) or rule
ids (``editorial.weasel-words``); ``rules.severity`` maps either to a level.
The most specific entry wins: a rule named in ``enable`` stays on even when
its pack is disabled, and a rule's own severity beats its pack's.  When
``enable`` is not empty it is an allow-list: only what it names is on.
The same policy applies to the core's built-in findings
(``editorial.anonymous-attribution`` ...), see :meth:`RulePolicy.filter_findings`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Iterable

from claimcheck.report import Diagnostic, Finding
from claimcheck.errors import ErrorCode

if TYPE_CHECKING:
    from claimcheck.config import ConfigLike

#: Findings the core emits from Python; configuration may name them too.
CORE_RULE_IDS: frozenset[str] = frozenset(
    {"editorial.anonymous-attribution", "editorial.unsourced-statistic", "editorial.relative-date",
     "editorial.quote-without-speaker"}
)


@dataclass(frozen=True)
class RulePolicy:
    """The resolved ``rules`` configuration."""

    enable: frozenset[str] = frozenset()
    disable: frozenset[str] = frozenset()
    severity: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_config(cls, config: ConfigLike | None) -> RulePolicy:
        """Build the policy from a configuration dict (its ``rules`` table)."""
        rules = (config or {}).get("rules") or {}
        return cls(
            enable=frozenset(rules.get("enable") or ()),
            disable=frozenset(rules.get("disable") or ()),
            severity=dict(rules.get("severity") or {}),
        )

    def enabled(self, rule_id: str) -> bool:
        """Whether the rule ``pack.rule`` is on."""
        pack = rule_id.split(".", 1)[0]
        if rule_id in self.disable:
            return False
        if rule_id in self.enable:
            return True
        if pack in self.disable:
            return False
        return not self.enable or pack in self.enable

    def severity_for(self, rule_id: str, default: str) -> str:
        """The rule's severity after configuration overrides."""
        pack = rule_id.split(".", 1)[0]
        return self.severity.get(rule_id) or self.severity.get(pack) or default

    def filter_findings(self, findings: Iterable[Finding]) -> list[Finding]:
        """Drop findings of disabled rules and apply severity overrides (for the core's own findings)."""
        return [replace(f, severity=self.severity_for(f.rule, f.severity)) for f in findings if self.enabled(f.rule)]

    def unknown_names(self, packs: Iterable[str], rule_ids: Iterable[str]) -> list[Diagnostic]:
        """A warning for each configured name that matches no loaded pack or rule (a typo, usually)."""
        known = set(packs) | set(rule_ids) | CORE_RULE_IDS | {r.split(".", 1)[0] for r in CORE_RULE_IDS}
        diagnostics = []
        for key, names in (("rules.enable", self.enable), ("rules.disable", self.disable), ("rules.severity", self.severity)):
            for name in sorted(names):
                if name not in known:
                    diagnostics.append(
                        Diagnostic(ErrorCode.BAD_CONFIG.value, f"{key} names {name!r}, which is no loaded pack or rule")
                    )
        return diagnostics
