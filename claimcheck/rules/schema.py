"""The rule-pack schema: pydantic models for a pack, its rules and their matches.

These models are the single source of truth for the pack format: the loader
validates packs with them and ``claimcheck/schemas/rule-pack.schema.json`` is
generated from them (``python -m claimcheck.rules.jsonschema``).

Schema version 1 tolerates unknown keys in the pack header, in a rule and in
its ``claim`` condition or ``examples``: the loader reports each as a warning
(``CC140``) with its ``file:line:column``.  Schema version 2 will make them
errors, so a pack written for 1 keeps loading while its author is told.
Unknown keys inside ``match`` are always errors: they name a match kind that
does not exist, and ignoring one would silently change what the rule matches.
"""

from __future__ import annotations

import string
from typing import Annotated, Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, field_validator, model_validator
from pydantic_core import PydanticCustomError

from claimcheck.report import CLAIM_TYPES

#: The schema versions this claimcheck reads.
SUPPORTED_SCHEMAS: tuple[int, ...] = (1,)
CURRENT_SCHEMA = 1

#: Names a message may use: ``{match}`` is the matched text.
PLACEHOLDERS: dict[str, str] = {
    "match": "the matched text",
    "claim": "the text of the claim the match is in (empty outside claims)",
    "sentence": "the sentence the match is in",
    "type": "the claim's type (empty outside claims)",
    "speaker": "who the claim is attributed to (empty when unknown)",
    "label": "the entity label, for entity-only rules (empty otherwise)",
    "rule": "the rule's full id, pack.rule",
}

TEXT_MATCH_KINDS: tuple[str, ...] = ("phrases", "tokens", "dependency", "regex")
CONDITION_KINDS: tuple[str, ...] = ("entity", "claim")
ATTRIBUTION_KINDS: tuple[str, ...] = ("person", "organisation", "anonymous", "article")
NAME_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"

ClaimTypeName = Literal["quantity", "event", "rule", "prediction", "causation", "comparison", "role", "other"]
SeverityName = Literal["info", "warning", "error"]
AttributionName = Literal["person", "organisation", "anonymous", "article"]

assert set(CLAIM_TYPES) == set(ClaimTypeName.__args__)  # type: ignore[attr-defined]


def _one_or_list(item: dict[str, Any]) -> WithJsonSchema:
    """The published JSON Schema of a key that takes one item or a list of them."""
    return WithJsonSchema({"anyOf": [item, {"type": "array", "items": item, "minItems": 1}]})


_STRINGS = _one_or_list({"type": "string"})
_PATTERNS = _one_or_list({"type": "array", "items": {"type": "object"}, "minItems": 1})
_CLAIM_TYPES = _one_or_list({"enum": list(CLAIM_TYPES)})
_ATTRIBUTIONS = _one_or_list({"enum": ["person", "organisation", "anonymous", "article"]})


def _one_or_many(value: Any) -> Any:
    """Let a list-valued key also be written as a single value."""
    return [value] if isinstance(value, (str, dict)) else value


def _at(message: str, *subpath: str | int, key: bool = False) -> PydanticCustomError:
    """An error whose position is ``subpath`` below the validated value.

    The loader reads ``at`` (and ``key``: point at the key, not its value) to
    give the exact line of, say, the third regex of a list.
    """
    return PydanticCustomError("pack", message, {"at": subpath, "key": key})


class _Lenient(BaseModel):
    """Schema 1: unknown keys are kept (and reported as warnings by the loader)."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


class ClaimCondition(_Lenient):
    """Which claims a rule applies to; every key given must hold."""

    type: Annotated[Optional[list[ClaimTypeName]], _CLAIM_TYPES] = Field(None, description="The claim's type is one of these.")
    min_score: Optional[float] = Field(None, ge=0, le=1, description="The claim's score is at least this.")
    max_score: Optional[float] = Field(None, ge=0, le=1, description="The claim's score is at most this.")
    attribution: Annotated[Optional[list[AttributionName]], _ATTRIBUTIONS] = Field(
        None, description="The claim's attribution kind is one of these ('article' when unattributed)."
    )
    hedged: Optional[bool] = Field(None, description="true: the claim carries a hedge ('may', 'reportedly'); false: it does not.")

    _lists = field_validator("type", "attribution", mode="before")(_one_or_many)

    @model_validator(mode="after")
    def _score_range(self) -> ClaimCondition:
        if self.min_score is not None and self.max_score is not None and self.min_score > self.max_score:
            raise ValueError("min_score is greater than max_score")
        return self


class Match(BaseModel):
    """What a rule looks for: at most one text kind, plus optional conditions."""

    model_config = ConfigDict(extra="forbid")

    phrases: Annotated[Optional[list[str]], _STRINGS] = Field(
        None, description="Phrases matched case-insensitively, in any inflection ('experts say' matches 'Experts said')."
    )
    tokens: Annotated[Optional[list[list[dict[str, Any]]]], _PATTERNS] = Field(
        None, description="spaCy Matcher token patterns: one pattern (a list of token specs) or a list of them."
    )
    dependency: Annotated[Optional[list[list[dict[str, Any]]]], _PATTERNS] = Field(
        None, description="spaCy DependencyMatcher patterns: one pattern or a list of them."
    )
    regex: Annotated[Optional[list[str]], _STRINGS] = Field(
        None, description="Regular expressions (RE2 syntax: no lookaround or backreferences) searched in the text; "
        "use (?i) for case-insensitive."
    )
    entity: Annotated[Optional[list[str]], _STRINGS] = Field(
        None,
        description="Entity labels (GPE, ORG, MONEY ...): alone, every such entity matches; with a text kind, "
        "the match's sentence must contain one.",
    )
    claim: Optional[ClaimCondition] = Field(
        None, description="The match must fall inside a claim meeting these conditions; alone, each such claim matches."
    )

    _single = field_validator("phrases", "regex", "entity", mode="before")(_one_or_many)

    @field_validator("tokens", "dependency", mode="before")
    @classmethod
    def _one_pattern_or_many(cls, value: Any) -> Any:
        # ``tokens: [{LOWER: a}, {LOWER: b}]`` is one pattern; a list of lists is several.
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            return [value]
        return value

    @field_validator("phrases", "regex", "entity", "tokens", "dependency")
    @classmethod
    def _not_empty(cls, value: Optional[list[Any]]) -> Optional[list[Any]]:
        if value is not None and not value:
            raise ValueError("must not be empty")
        return value

    @field_validator("phrases")
    @classmethod
    def _phrases_have_words(cls, value: Optional[list[str]]) -> Optional[list[str]]:
        for index, phrase in enumerate(value or []):
            if not phrase.strip():
                raise _at("a phrase must not be blank", index)
        return value

    @field_validator("regex")
    @classmethod
    def _regex_compiles(cls, value: Optional[list[str]]) -> Optional[list[str]]:
        from claimcheck.rules.safe_regex import UnsafeRegex, compile_regex

        for index, pattern in enumerate(value or []):
            try:
                compiled = compile_regex(pattern)
            except UnsafeRegex as exc:
                raise _at(str(exc), index) from None
            if compiled.match(""):
                raise _at(f"regular expression {pattern!r} matches the empty string", index)
        return value

    @model_validator(mode="before")
    @classmethod
    def _known_kinds(cls, data: Any) -> Any:
        if isinstance(data, dict):
            unknown = [key for key in data if key not in TEXT_MATCH_KINDS + CONDITION_KINDS]
            if unknown:
                known = ", ".join(TEXT_MATCH_KINDS + CONDITION_KINDS)
                raise _at(f"unknown match kind {unknown[0]!r} (expected one of: {known})", unknown[0], key=True)
        return data

    @model_validator(mode="after")
    def _one_kind(self) -> Match:
        kinds = [kind for kind in TEXT_MATCH_KINDS if getattr(self, kind) is not None]
        if len(kinds) > 1:
            raise ValueError(f"a rule matches with one kind, got {' and '.join(kinds)}: split it into rules")
        if not kinds and self.entity is None and self.claim is None:
            raise ValueError(f"match needs one of: {', '.join(TEXT_MATCH_KINDS + CONDITION_KINDS)}")
        return self

    @property
    def kind(self) -> str:
        """The text match kind, or ``entity`` / ``claim`` for condition-only rules."""
        for kind in TEXT_MATCH_KINDS:
            if getattr(self, kind) is not None:
                return kind
        return "entity" if self.entity is not None else "claim"


class Examples(_Lenient):
    """Sentences proving the rule works: ``claimcheck rules test`` runs them."""

    fire: Annotated[list[str], _STRINGS] = Field(..., min_length=1, description="Texts on which the rule must fire.")
    pass_: Annotated[list[str], _STRINGS] = Field(..., alias="pass", min_length=1, description="Texts on which the rule must not fire.")

    _single = field_validator("fire", "pass_", mode="before")(_one_or_many)


class Rule(_Lenient):
    """One rule: what to match, what to say, and what to change."""

    id: str = Field(..., pattern=NAME_PATTERN, description="Unique within the pack; reported as pack.id.")
    message: str = Field(..., min_length=1, description="What the finding says; placeholders: " + ", ".join(f"{{{p}}}" for p in PLACEHOLDERS))
    severity: SeverityName = Field("warning", description="info, warning or error.")
    link: Optional[str] = Field(None, description="A page explaining the rule.")
    description: Optional[str] = Field(None, description="Longer explanation shown by 'claimcheck rules show'.")
    match: Match
    examples: Examples
    finding: bool = Field(True, description="Report a finding for each match (false: only apply the effects).")
    set_type: Optional[ClaimTypeName] = Field(None, description="Set the type of the claim the match is in.")
    score: Optional[float] = Field(None, ge=-1, le=1, description="Add this to the claim's score (clamped to [0, 1]).")
    note: Optional[str] = Field(None, min_length=1, description="A note for the fact-checker added to the claim.")

    @field_validator("message")
    @classmethod
    def _placeholders(cls, value: str) -> str:
        try:
            fields = [name for _, name, spec, conv in string.Formatter().parse(value) if name is not None]
        except ValueError as exc:
            raise ValueError(f"bad placeholder in message: {exc} (write {{{{ and }}}} for literal braces)") from None
        for name in fields:
            if name not in PLACEHOLDERS:
                raise ValueError(f"unknown placeholder {{{name}}} (known: {', '.join(PLACEHOLDERS)})")
        return value

    @model_validator(mode="after")
    def _does_something(self) -> Rule:
        if not self.finding and self.set_type is None and self.score is None and self.note is None:
            raise ValueError("finding: false needs an effect (set_type, score or note)")
        return self


class Pack(_Lenient):
    """A rule pack: a header and its rules."""

    pack: str = Field(..., pattern=NAME_PATTERN, description="The pack's name, the first part of every rule id.")
    version: str = Field(..., min_length=1, description="The pack's own version.")
    description: str = Field(..., min_length=1, description="What the pack checks, in a sentence.")
    schema_version: int = Field(..., alias="schema", description="The pack schema version this pack is written for (1).")
    claimcheck: str = Field(..., description="The claimcheck versions the pack supports, a PEP 440 specifier ('>=0.1').")
    link: Optional[str] = Field(None, description="The pack's home page.")
    rules: list[Rule] = Field(..., min_length=1)

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> Any:
        # ``version: 1.0`` is a float in YAML; authors mean the text.
        return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value

    @field_validator("schema_version")
    @classmethod
    def _schema_known(cls, value: int) -> int:
        if value not in SUPPORTED_SCHEMAS:
            supported = ", ".join(str(v) for v in SUPPORTED_SCHEMAS)
            raise ValueError(f"schema {value} is not supported by this claimcheck (supports {supported}); upgrade claimcheck")
        return value

    @field_validator("claimcheck")
    @classmethod
    def _specifier(cls, value: str) -> str:
        from packaging.specifiers import InvalidSpecifier, SpecifierSet

        try:
            SpecifierSet(value)
        except InvalidSpecifier:
            raise ValueError(f"{value!r} is not a PEP 440 version specifier (e.g. '>=0.1,<2')") from None
        return value
