"""Comparing two versions of a vision: level per item, new and removed evidence, score change.

Evidence is matched by item and sentence text (whitespace and case folded), not
by page: a sentence that only moved to another page is neither new nor removed.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from genderscan.config import Config
from genderscan.document import fold
from genderscan.i18n import message
from genderscan.report import Report
from genderscan.report.model import DocumentInfo, Evidence

COMPARE_FORMATS = ("text", "markdown", "json")


class ItemChange(BaseModel):
    id: str
    area: str
    checked: bool
    old_level: int
    new_level: int
    change: int


class AreaChange(BaseModel):
    id: str
    old_score: float
    new_score: float
    change: float


class EvidenceChange(BaseModel):
    kind: str = Field(description="item, pitfall or hint")
    item: str
    page: int
    section: str | None
    text: str
    qualifiers: list[str]
    counted: bool


class Comparison(BaseModel):
    old: DocumentInfo
    new: DocumentInfo
    old_score: float
    new_score: float
    score_change: float
    areas: list[AreaChange]
    items: list[ItemChange]
    added_evidence: list[EvidenceChange]
    removed_evidence: list[EvidenceChange]
    pitfalls_added: list[str]
    pitfalls_removed: list[str]


def _evidence(report: Report) -> list[tuple[str, str, Evidence]]:
    found = [("item", i.id, e) for i in report.items for e in i.evidence]
    found += [("pitfall", p.id, e) for p in report.pitfalls for e in p.evidence]
    found += [("hint", h.id, e) for h in report.hints for e in h.evidence]
    return found


def _key(kind: str, item: str, e: Evidence) -> tuple[str, str, str, bool]:
    return kind, item, re.sub(r"\s+", " ", fold(e.text)).strip(), e.counted


def _diff(a: Report, b: Report) -> list[EvidenceChange]:
    """Evidence in ``b`` that ``a`` does not have."""
    have = {_key(k, i, e) for k, i, e in _evidence(a)}
    return [
        EvidenceChange(kind=k, item=i, page=e.page, section=e.section, text=e.text, qualifiers=e.qualifiers, counted=e.counted)
        for k, i, e in _evidence(b)
        if _key(k, i, e) not in have
    ]


def compare_reports(old: Report, new: Report) -> Comparison:
    old_items = {i.id: i for i in old.items}
    items = []
    for n in new.items:
        o = old_items.get(n.id)
        old_level = o.level if o else 0
        items.append(ItemChange(id=n.id, area=n.area, checked=n.checked, old_level=old_level, new_level=n.level, change=n.level - old_level))
    old_areas = {a.id: a.score for a in old.areas}
    areas = [AreaChange(id=a.id, old_score=old_areas.get(a.id, 0.0), new_score=a.score, change=round(a.score - old_areas.get(a.id, 0.0), 1)) for a in new.areas]
    old_p = {p.id for p in old.pitfalls if p.evidence}
    new_p = {p.id for p in new.pitfalls if p.evidence}
    return Comparison(
        old=old.document,
        new=new.document,
        old_score=old.score,
        new_score=new.score,
        score_change=round(new.score - old.score, 1),
        areas=areas,
        items=items,
        added_evidence=_diff(old, new),
        removed_evidence=_diff(new, old),
        pitfalls_added=sorted(new_p - old_p),
        pitfalls_removed=sorted(old_p - new_p),
    )


def load_report(path: Path, config: Config, cache=None) -> Report:
    """A Report from a ``.json`` report file (e.g. from ``genderscan batch``), else by analysing the document."""
    if path.suffix.lower() == ".json" and path.is_file():
        try:
            return Report.model_validate_json(path.read_text(encoding="utf-8"))
        except (ValidationError, ValueError, UnicodeDecodeError) as exc:
            from genderscan.errors import InputError

            raise InputError("compare_bad_report", path=str(path), detail=str(exc).splitlines()[0]) from None
    from genderscan.pipeline import analyse

    return analyse(path, config, cache)


# -- rendering ----------------------------------------------------------------
def _signed(x: float) -> str:
    return f"{x:+.1f}"


def _titles(lang: str) -> dict[str, str]:
    from genderscan.i18n import checklist_texts

    try:
        items = checklist_texts(lang).get("items", {})
    except OSError:
        return {}
    return {k: (v or {}).get("title", k) for k, v in items.items()}


def _levels(lang: str) -> list[str]:
    return [message(f"batch_level_{n}", lang) for n in range(3)]


def render_comparison(cmp: Comparison, fmt: str = "text", lang: str = "nl") -> str:
    if fmt == "json":
        return cmp.model_dump_json(indent=2) + "\n"
    if fmt == "markdown":
        return _markdown(cmp, lang)
    if fmt == "text":
        return _text(cmp, lang)
    from genderscan.errors import GenderscanError

    raise GenderscanError("unknown_format", format=fmt, choices=", ".join(COMPARE_FORMATS))


def _level(item: ItemChange, level: int, lang: str) -> str:
    return _levels(lang)[level] if item.checked else message("batch_not_checked", lang)


def _markdown(cmp: Comparison, lang: str) -> str:
    from genderscan.escape import markdown_code, markdown_text

    t = lambda code, **kw: message(code, lang, **kw)  # noqa: E731
    titles = _titles(lang)
    lines = [f"# {t('compare_title')}", ""]
    lines += [f"- {t('compare_old')}: {markdown_code(cmp.old.path)}", f"- {t('compare_new')}: {markdown_code(cmp.new.path)}", ""]
    lines += [f"| | {t('compare_old')} | {t('compare_new')} | {t('compare_change')} |", "|---|---:|---:|---:|"]
    lines.append(f"| **{t('compare_score')}** | {cmp.old_score:.1f} | {cmp.new_score:.1f} | **{_signed(cmp.score_change)}** |")
    lines += [f"| {a.id} | {a.old_score:.1f} | {a.new_score:.1f} | {_signed(a.change)} |" for a in cmp.areas]
    lines += ["", f"## {t('compare_items_heading')}", "", f"| {t('compare_item')} | {t('compare_old')} | {t('compare_new')} | {t('compare_change')} |", "|---|---|---|---|"]
    for i in cmp.items:
        change = f"**{i.change:+d}**" if i.change else t("compare_unchanged")
        lines.append(f"| {titles.get(i.id, i.id)} (`{i.id}`) | {_level(i, i.old_level, lang)} | {_level(i, i.new_level, lang)} | {change} |")
    for heading, evidence in ((t("compare_added_heading"), cmp.added_evidence), (t("compare_removed_heading"), cmp.removed_evidence)):
        lines += ["", f"## {heading}", ""]
        if not evidence:
            lines.append(t("compare_nothing"))
        for e in evidence:
            note = "" if e.counted else f" _({t('compare_not_counted')}: {', '.join(e.qualifiers)})_"
            lines.append(f"- {markdown_code(e.item)}, {t('compare_page')} {e.page}: “{markdown_text(e.text)}”{note}")
    for heading, ids in ((t("compare_pitfalls_added"), cmp.pitfalls_added), (t("compare_pitfalls_removed"), cmp.pitfalls_removed)):
        if ids:
            lines += ["", f"## {heading}", "", *(f"- {markdown_code(p)}" for p in ids)]
    return "\n".join(lines) + "\n"


def _text(cmp: Comparison, lang: str, width: int = 100) -> str:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    t = lambda code, **kw: message(code, lang, **kw)  # noqa: E731
    titles = _titles(lang)
    console = Console(width=width, record=True, no_color=True, file=io.StringIO())
    console.print(Text(t("compare_title"), style="bold"))
    console.print(f"{t('compare_old')}: {cmp.old.path}", markup=False, highlight=False)
    console.print(f"{t('compare_new')}: {cmp.new.path}", markup=False, highlight=False)
    console.print(f"{t('compare_score')}: {cmp.old_score:.1f} → {cmp.new_score:.1f} ({_signed(cmp.score_change)})   " + "  ".join(f"{a.id}: {_signed(a.change)}" for a in cmp.areas), highlight=False)
    table = Table(expand=True)
    table.add_column(t("compare_item"), ratio=5)
    table.add_column(t("compare_old"), ratio=2)
    table.add_column(t("compare_new"), ratio=2)
    table.add_column(t("compare_change"), ratio=1, justify="right")
    for i in cmp.items:
        table.add_row(f"{i.id}\n{titles.get(i.id, '')}".rstrip(), _level(i, i.old_level, lang), _level(i, i.new_level, lang), f"{i.change:+d}" if i.change else "=")
    console.print(table)
    for heading, evidence, mark in ((t("compare_added_heading"), cmp.added_evidence, "+"), (t("compare_removed_heading"), cmp.removed_evidence, "-")):
        console.print(Text(f"\n{heading} ({len(evidence)})", style="bold"))
        for e in evidence:
            note = "" if e.counted else f" [{t('compare_not_counted')}: {', '.join(e.qualifiers)}]"
            console.print(f"  {mark} {e.item} {t('compare_page')} {e.page}: {e.text}{note}", markup=False, highlight=False)
    for heading, ids in ((t("compare_pitfalls_added"), cmp.pitfalls_added), (t("compare_pitfalls_removed"), cmp.pitfalls_removed)):
        if ids:
            console.print(Text(f"\n{heading}: " + ", ".join(ids), style="bold magenta"))
    return console.export_text()


__all__ = ["COMPARE_FORMATS", "Comparison", "compare_reports", "load_report", "render_comparison"]
