"""The one function that runs the whole pipeline for one file.

ingest -> nlp -> rules (+ the semantic layer, unless ``Config.semantic`` is off)
-> scoring -> report. The CLI, batch, check, compare and
the web page all call :func:`analyse`. Heavy objects (the spaCy pipeline, the
compiled rules) are built once per process and reused.

With a :class:`~genderscan.cache.Cache`, :func:`analyse` first looks for the
Report of the same bytes (same code, rules and settings), then for the ingested
Document (same ingest code), and stores what it had to compute.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from genderscan.cache import Cache, file_sha256
from genderscan.config import Config
from genderscan.document import Document
from genderscan.errors import InputError
from genderscan.ingest import check_limits, read_document
from genderscan.report import Report, build_report
from genderscan.scoring import score

if TYPE_CHECKING:  # spaCy and the rule engine are imported when a document is analysed, not for an input error
    from genderscan.rules import RuleSet


@cache
def _ruleset(rules: tuple[str, ...], disabled: tuple[str, ...]) -> RuleSet:
    from genderscan.rules.ruleset import all_rules, load_rules

    # with rules switched off, load_rules skips their term references (a broken rule may be switched off)
    return load_rules(rules, disabled) if disabled else all_rules(rules)


def ruleset_for(config: Config) -> RuleSet:
    return _ruleset(tuple(config.rules), tuple(config.disabled_rules))


def analyse_document(document: Document, config: Config | None = None) -> Report:
    """Score an already ingested document."""
    from genderscan.nlp import annotate, load_pipeline

    config = config or Config()
    nlp = load_pipeline(config.model)
    ruleset = ruleset_for(config)
    annotated = annotate(document, nlp)
    findings = ruleset.run(annotated, nlp)
    if config.semantic:
        findings = add_semantic(annotated, ruleset, findings)
    if config.inline_suppressions:
        from genderscan.suppress import apply_inline_suppressions, known_names

        targets = [*ruleset.checklist.targets()]
        findings = apply_inline_suppressions(document, findings, known_names([r.id for r in ruleset.rules], targets))
    scored = score(findings, ruleset.checklist, ruleset.checked_items(), config.weights)
    return build_report(document, scored, config.lang, ruleset.checklist)


def semantic_targets(ruleset: RuleSet) -> set[str]:
    """Items and pitfalls the semantic layer may add evidence to: those with active rules (a switched-off item stays off)."""
    from genderscan.findings import TargetKind

    return ruleset.checked_items() | {r.target for r in ruleset.rules if r.kind == TargetKind.pitfall}


def warm_semantic(config: Config) -> None:
    """Load the semantic model and encoder now (a long-lived worker), not at the first document."""
    if config.semantic:
        from genderscan.semantic import load_model
        from genderscan.semantic.encoder import embed

        load_model()
        embed(["gender"])


def add_semantic(annotated, ruleset: RuleSet, findings: list) -> list:
    """The rules' findings plus the semantic layer's (which adds nothing where a rule found the same target in a sentence)."""
    from genderscan.semantic import run as run_semantic

    return merge_semantic(findings, run_semantic(annotated, semantic_targets(ruleset), findings))


def merge_semantic(findings: list, extra: list) -> list:
    """The rules' ``findings`` plus the semantic layer's ``extra`` where no rule has a finding for the
    same target and sentence, in document order (``findings`` itself when nothing is added)."""
    taken = {(f.target, f.block_id, f.start) for f in findings}
    added = [f for f in extra if (f.target, f.block_id, f.start) not in taken]
    return sorted([*findings, *added], key=lambda f: (f.start, f.target)) if added else findings


@dataclass
class Analysis:
    """A Report and where it came from: ``cached`` is "report", "document" or None (computed)."""

    report: Report
    cached: str | None


def analyse_cached(path: str | Path, config: Config | None = None, cache: Cache | None = None) -> Analysis:
    """Like :func:`analyse`, saying which cache layer (if any) answered."""
    config = config or Config()
    if cache is None or not cache.enabled:
        return Analysis(analyse_document(read_document(path, config.limits), config), None)
    path = Path(path)
    try:
        sha256 = file_sha256(path) if path.is_file() else None
    except OSError:  # unreadable: read_document says why
        sha256 = None
    if sha256 is None:  # a missing / unreadable file or a folder: read_document raises the InputError
        return Analysis(analyse_document(read_document(path, config.limits), config), None)
    report = cache.get_report(sha256, config, str(path))
    if report is not None:
        return Analysis(report, "report")
    document = cache.get_document(sha256, str(path))
    cached = "document" if document is not None else None
    if document is not None:
        check_limits(document, config.limits)  # it may have been read under higher limits
    else:
        failure = cache.get_failure(sha256, str(path))
        if failure is not None:
            raise failure
        try:
            document = read_document(path, config.limits)
        except InputError as exc:
            cache.put_failure(sha256, exc)  # not a refusal for a limit (Cache.put_failure)
            raise
        cache.put_document(document)
    report = analyse_document(document, config)
    cache.put_report(sha256, config, report)
    return Analysis(report, cached)


def analyse(path: str | Path, config: Config | None = None, cache: Cache | None = None) -> Report:
    """Read, annotate, match, score: the Report for the file at ``path``."""
    return analyse_cached(path, config, cache).report
