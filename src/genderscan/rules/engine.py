"""The rule engine's public entry points.

The engine is three parts (see docs/rules.md, *Hoe de motor werkt*):

- :mod:`genderscan.rules.ruleset` — the data: :class:`RuleSet` (rules,
  checklist, term lists, level-2 profiles) and :func:`load_rules`;
- :mod:`genderscan.rules.index` — the compiled index, cached per spaCy vocabulary;
- :mod:`genderscan.rules.matcher` — the matcher: rules over the body blocks of
  one document, one finding per target and sentence;

followed by the checklist's declared aggregations
(:mod:`genderscan.rules.aggregations`). This module holds the bare-text entry points
(:func:`run_on_text`, :func:`text_document`) and keeps the rule-set names callers import
from here (``RuleSet``, ``load_rules``, ``default_ruleset``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from genderscan.document import BlockKind, Document
from genderscan.findings import Finding
from genderscan.rules.ruleset import RuleSet, default_ruleset, load_rules

if TYPE_CHECKING:
    from spacy.language import Language


def text_document(text: str, kind: BlockKind = BlockKind.paragraph) -> Document:
    """A one-block Document for a bare text (rule examples, the evaluation)."""
    from genderscan.document import DocumentBuilder

    builder = DocumentBuilder("<tekst>", "", "txt")
    builder.add(kind, text)
    return builder.build()


def run_on_text(ruleset: RuleSet, nlp: Language, text: str, kind: BlockKind = BlockKind.paragraph) -> list[Finding]:
    """Run the rules over a bare text (for rule examples and the evaluation)."""
    from genderscan.nlp import annotate

    return ruleset.run(annotate(text_document(text, kind), nlp), nlp)


__all__ = ["RuleSet", "default_ruleset", "load_rules", "run_on_text", "text_document"]
