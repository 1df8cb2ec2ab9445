"""The composition root: every front end analyses through an :class:`Analyser`.

Settings are resolved in one place, :func:`genderscan.settings.resolve`:
built-in defaults < ``genderscan.toml`` / ``[tool.genderscan]`` (found from the
target's folder up, or ``--config``) < ``GENDERSCAN_*`` environment < flags.
:meth:`Analyser.resolve` does that for a front end and wires the pipeline once:

    analyser = Analyser.resolve(path, flags={"lang": lang, "rules": rules}, config_file=config_file)
    report = analyser.analyse(path)

``analyse``, ``batch`` (in each worker process), ``compare``, ``check``,
``baseline``, ``serve`` (in each worker process) and ``evaluate`` all do so; the
Python API builds one from a :class:`~genderscan.config.Config` it is given.
Heavy objects (the spaCy pipeline, the compiled rules, the semantic layer's model and
encoder) are built once per process (:meth:`warm`) and shared by every Analyser with the same settings.
The checklist comes from the loaded rule set (:attr:`checklist`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from genderscan.config import Config

if TYPE_CHECKING:  # spaCy and the rule engine load when a document is analysed, not for an input error
    from genderscan.cache import Cache
    from genderscan.checklist import Checklist
    from genderscan.document import Document
    from genderscan.pipeline import Analysis
    from genderscan.report import Report
    from genderscan.rules import RuleSet
    from genderscan.settings import Settings


class Analyser:
    """One configured pipeline: ingest -> nlp -> rules -> scoring -> report, with an optional cache."""

    def __init__(self, config: Config | None = None, cache: Cache | None = None, settings: Settings | None = None) -> None:
        self.settings = settings
        self.config = config or (settings.config if settings is not None else Config())
        self.cache = cache

    @classmethod
    def resolve(
        cls,
        target: str | Path | None = None,
        *,
        flags: Mapping[str, Any] | None = None,
        config_file: str | Path | None = None,
        cache: Cache | None = None,
    ) -> Analyser:
        """The Analyser for ``target`` (a file or folder; None = the working directory) under the resolved settings."""
        from genderscan.settings import resolve

        settings = resolve(target, flags, config_path=config_file)
        return cls(settings.config, cache, settings)

    # -- the heavy objects, built once per process ----------------------------------------------
    @property
    def ruleset(self) -> RuleSet:
        from genderscan.pipeline import ruleset_for

        return ruleset_for(self.config)

    @property
    def checklist(self) -> Checklist:
        """The checklist the loaded rule set was validated against."""
        return self.ruleset.checklist

    def warm(self) -> None:
        """Build the spaCy pipeline, compile the rules and, with the semantic layer on, load its model and
        encoder now (a worker's start: batch, serve), not on the first document."""
        from genderscan.nlp import load_pipeline
        from genderscan.pipeline import warm_semantic

        self.ruleset.compiled(load_pipeline(self.config.model))
        warm_semantic(self.config)

    # -- analysing -------------------------------------------------------------------------------
    def analyse(self, path: str | Path) -> Report:
        """Read, annotate, match, score: the Report for the file at ``path``."""
        return self.analyse_cached(path).report

    def analyse_cached(self, path: str | Path) -> Analysis:
        """Like :meth:`analyse`, saying which cache layer (if any) answered."""
        from genderscan.pipeline import analyse_cached

        return analyse_cached(path, self.config, self.cache)

    def analyse_document(self, document: Document) -> Report:
        """Score an already ingested document (the API's text input, the gold sets)."""
        from genderscan.pipeline import analyse_document

        return analyse_document(document, self.config)
