"""Run configuration: what the pipeline needs besides the file.

The CLI fills it from flags; the check command (later) also from
``genderscan.toml`` / ``[tool.genderscan]``.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from genderscan.limits import Limits


class Config(BaseModel):
    lang: str = Field(default="nl", description="Language of reports and messages: nl or en.")
    model: str | None = Field(default=None, description="spaCy model name; None = embedded offline pipeline.")
    rules: list[str] = Field(default_factory=list, description="Extra rule packs (folders) on top of the built-in rules.")
    disabled_rules: list[str] = Field(default_factory=list, description="Rule IDs to switch off.")
    weights: dict[str, float] = Field(default_factory=dict, description="Item weights overriding the checklist's.")
    inline_suppressions: bool = Field(default=True, description="Honour <!-- genderscan-disable --> comments in Markdown/text sources.")
    limits: Limits = Field(
        default_factory=Limits.from_environment,
        description="Input limits (docs/limits.md); they decide whether a document is read, never its report.",
    )
