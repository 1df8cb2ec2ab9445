"""The one function that runs the whole pipeline for one file.

ingest -> nlp -> rules -> scoring -> report. The CLI, batch, check, compare and
the web page all call :func:`analyse`. Heavy objects (the spaCy pipeline, the
compiled rules) are built once per process and reused.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from genderscan.config import Config
from genderscan.document import Document
from genderscan.ingest import read_document
from genderscan.nlp import annotate, load_pipeline
from genderscan.report import Report, build_report
from genderscan.rules import RuleSet, load_rules
from genderscan.scoring import score


@cache
def _ruleset(rules: tuple[str, ...], disabled: tuple[str, ...]) -> RuleSet:
    return load_rules(rules, disabled)


def ruleset_for(config: Config) -> RuleSet:
    return _ruleset(tuple(config.rules), tuple(config.disabled_rules))


def analyse_document(document: Document, config: Config | None = None) -> Report:
    """Score an already ingested document."""
    config = config or Config()
    nlp = load_pipeline(config.model)
    ruleset = ruleset_for(config)
    findings = ruleset.run(annotate(document, nlp), nlp)
    if config.inline_suppressions:
        from genderscan.suppress import apply_inline_suppressions

        findings = apply_inline_suppressions(document, findings)
    scored = score(findings, ruleset.checklist, ruleset.checked_items(), config.weights)
    return build_report(document, scored, config.lang)


def analyse(path: str | Path, config: Config | None = None) -> Report:
    """Read, annotate, match, score: the Report for the file at ``path``."""
    return analyse_document(read_document(path), config)
