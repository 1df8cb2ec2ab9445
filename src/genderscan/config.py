"""Run configuration: what the pipeline needs besides the file.

The CLI fills it from flags; the check command (later) also from
``genderscan.toml`` / ``[tool.genderscan]``.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from genderscan.limits import Limits, environment_values

#: Environment variable with the default of :attr:`Config.semantic` ("0" / "false" / "off": rule-only).
SEMANTIC_ENV = "GENDERSCAN_SEMANTIC"


#: The words a yes/no setting accepts (genderscan.toml, GENDERSCAN_* variables): one list for every reader.
TRUE_WORDS = ("1", "true", "yes", "on", "ja")
FALSE_WORDS = ("0", "false", "no", "off", "nee")


def parse_bool(value: object) -> bool:
    """A yes/no setting: a bool, or one of :data:`TRUE_WORDS` / :data:`FALSE_WORDS` (any case); else ValueError."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in TRUE_WORDS:
        return True
    if isinstance(value, str) and value.strip().lower() in FALSE_WORDS:
        return False
    raise ValueError("verwacht true of false")


def semantic_default() -> bool:
    """``GENDERSCAN_SEMANTIC`` for the Python API (the command line reads it through settings.resolve),
    parsed the same way: an unknown word is the error ``config_invalid_value``."""
    return bool(environment_values(("semantic",), lambda _, raw: parse_bool(raw)).get("semantic", True))


class Config(BaseModel):
    lang: str = Field(default="nl", description="Language of reports and messages: nl or en.")
    model: str | None = Field(default=None, description="spaCy model name; None = embedded offline pipeline.")
    rules: list[str] = Field(default_factory=list, description="Extra rule packs (folders) on top of the built-in rules.")
    disabled_rules: list[str] = Field(default_factory=list, description="Rule IDs to switch off.")
    weights: dict[str, float] = Field(default_factory=dict, description="Item weights overriding the checklist's.")
    semantic: bool = Field(
        default_factory=semantic_default,
        description=f"Run the semantic recall layer after the rules (off: rule-only results). Default on; ${SEMANTIC_ENV}=0 turns the default off.",
    )
    inline_suppressions: bool = Field(default=True, description="Honour <!-- genderscan-disable --> comments in Markdown/text sources.")
    limits: Limits = Field(
        default_factory=Limits.from_environment,
        description="Input limits (docs/limits.md); they decide whether a document is read, never its report.",
    )
