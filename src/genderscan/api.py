"""The Python API for researchers: text, a file or a DataFrame column in, a Report or a tidy DataFrame out.

    >>> import genderscan
    >>> report = genderscan.analyse("regiovisie.pdf")          # or a string of text
    >>> report.score, report.to_frame()                         # pandas: one row per item / pitfall
    >>> df = genderscan.batch(["a.pdf", "b.pdf"])               # one row per document, A1 … D2 columns

pandas is optional (``pip install 'genderscan[pandas]'``) and imported only by the functions that
return a DataFrame. See docs/api.md.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from genderscan.config import Config
from genderscan.errors import GenderscanError, InputError
from genderscan.i18n import check_lang, message
from genderscan.report.model import Report

if TYPE_CHECKING:
    import pandas

TEXT_NAME = "tekst.txt"


def require_pandas():
    """pandas, or an ImportError that says how to install it."""
    try:
        import pandas
    except ImportError:
        raise ModuleNotFoundError(message("pandas_missing"), name="pandas") from None
    return pandas


def _config(config: Config | None, lang: str | None, rules: Iterable[str | Path] | None, disabled_rules: Iterable[str] | None) -> Config:
    config = (config or Config()).model_copy()
    if lang is not None:
        config.lang = check_lang(lang)
    if rules is not None:
        config.rules = [str(r) for r in rules]
    if disabled_rules is not None:
        config.disabled_rules = list(disabled_rules)
    return config


def _is_path(source: str | os.PathLike) -> bool:
    """A Path, or a one-line string that names an existing file or ends in a document extension."""
    if isinstance(source, os.PathLike):
        return True
    if "\n" in source or len(source) > 1024:
        return False
    from genderscan.ingest import supported_suffixes

    try:
        is_file = Path(source).is_file()
    except OSError:  # a sentence longer than a file name may be (ENAMETOOLONG) is text
        is_file = False
    return is_file or Path(source).suffix.lower() in supported_suffixes()


def analyse_text(text: str, config: Config | None = None, name: str = TEXT_NAME) -> Report:
    """Analyse a string as if it were a plain-text file called ``name`` (a form feed starts a new page)."""
    from genderscan.analyser import Analyser
    from genderscan.ingest import read_bytes
    from genderscan.ingest import text as text_reader

    config = config or Config()
    if not text.strip():
        raise InputError("empty_document", path=name)
    document = read_bytes(name, text.encode("utf-8"), text_reader.read, config.limits)  # as a file is read: the same limits
    return Analyser(config).analyse_document(document)


def analyse(
    source: str | os.PathLike,
    *,
    lang: str | None = None,
    rules: Iterable[str | Path] | None = None,
    disabled_rules: Iterable[str] | None = None,
    config: Config | None = None,
    name: str = TEXT_NAME,
) -> Report:
    """The Report for a document (a path: PDF, DOCX, Markdown, HTML, text) or for a string of text.

    A string counts as a path when it is one line and names an existing file or ends in a document
    extension (``"visie.pdf"``); anything else is analysed as text, shown as ``name`` in the report.
    Unreadable input raises :class:`genderscan.errors.InputError` (``.message("nl")`` says why).
    """
    config = _config(config, lang, rules, disabled_rules)
    if _is_path(source):
        from genderscan.analyser import Analyser

        return Analyser(config).analyse(Path(source))
    if not isinstance(source, str):
        raise TypeError(f"analyse() expects a path or a str, not {type(source).__name__}")
    return analyse_text(source, config, name)


def report_row(report: Report) -> dict[str, Any]:
    """One document as one wide row: score, area scores, the level per item code, 0/1 per pitfall code."""
    from genderscan.checklist import load_checklist

    checklist = load_checklist()
    row: dict[str, Any] = {"pages": report.document.pages, "score": report.score}
    row.update({f"area_{a.id}": a.score for a in report.areas})
    levels = {i.id: (i.level if i.checked else None) for i in report.items}
    row.update({i.code: levels.get(i.id) for i in checklist.items})
    fired = {p.id for p in report.pitfalls if p.evidence}
    row.update({p.code: int(p.id in fired) for p in checklist.pitfalls})
    row["warnings"] = report.warning_codes()  # as the warnings column of scores.csv
    return row


def batch(
    sources: Iterable[str | os.PathLike] | pandas.Series,
    *,
    lang: str | None = None,
    rules: Iterable[str | Path] | None = None,
    disabled_rules: Iterable[str] | None = None,
    config: Config | None = None,
    errors: str = "record",
) -> pandas.DataFrame:
    """Analyse many documents or texts; one row per source, in the order given.

    ``sources`` is a list of paths and/or texts, or a pandas Series (e.g. a DataFrame column of
    texts: the result keeps its index). Columns: ``document, status, error, pages, score,
    percentile, area_A … area_D, A1 … D2`` (level 0/1/2, missing when the item has no rules yet)
    ``, P1 … P4`` (1 when the pitfall fires), ``warnings`` (warning codes joined by ``;``) — as
    ``scores.csv`` of ``genderscan batch``.
    ``percentile`` is the share (%) of the scored sources with the same or a lower score.
    A source that cannot be read gets ``status = "failed"`` and the message code in ``error``
    (``errors="raise"`` raises instead). For many PDFs, ``genderscan batch`` runs in parallel.
    """
    pd = require_pandas()
    if errors not in ("record", "raise"):
        raise ValueError("errors must be 'record' or 'raise'")
    config = _config(config, lang, rules, disabled_rules)
    index = sources.index if isinstance(sources, pd.Series) else None
    items = list(sources)
    rows = []
    for n, source in enumerate(items):
        if isinstance(source, str) and not _is_path(source):
            label = f"{TEXT_NAME.split('.')[0]}-{n + 1}"
        else:
            label = Path(source).name
        row: dict[str, Any] = {"document": label, "status": "ok", "error": None}
        try:
            report = analyse(source, config=config, name=f"{label}.txt")
        except GenderscanError as exc:
            if errors == "raise":
                raise
            row.update(status="failed", error=exc.code)
        else:
            row.update(report_row(report))
        rows.append(row)
    from genderscan.analyser import Analyser

    checklist = Analyser(config).checklist
    columns = ["document", "status", "error", "pages", "score", "percentile", *(f"area_{a}" for a in checklist.areas)]
    columns += [i.code for i in checklist.items] + [p.code for p in checklist.pitfalls] + ["warnings"]
    frame = pd.DataFrame(rows, columns=columns, index=index)
    frame["percentile"] = (frame["score"].rank(pct=True, method="max") * 100).round(1)
    level_columns = ["pages", *(i.code for i in checklist.items), *(p.code for p in checklist.pitfalls)]
    frame[level_columns] = frame[level_columns].astype("Int64")  # integers with <NA> for not checked / failed
    return frame


__all__ = ["analyse", "analyse_text", "batch", "report_row", "require_pandas"]
