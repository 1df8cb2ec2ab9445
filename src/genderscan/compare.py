"""Comparing two versions of a vision: level per item, new and removed evidence, score change.

Evidence is matched by item and sentence text (whitespace and case folded), not
by page: a sentence that only moved to another page is neither new nor removed.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from genderscan.analyser import Analyser
from genderscan.document import fold
from genderscan.i18n import message
from genderscan.report import Report
from genderscan.report.model import DocumentInfo, Evidence

COMPARE_FORMATS = ("text", "markdown", "html", "json")


class ItemChange(BaseModel):
    id: str
    code: str | None = Field(default=None, description="Short code of the item (A1 … D2).")
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
    code: str | None = Field(default=None, description="A1 … D2 for items, P1 … P4 for pitfalls; none for hints.")
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


def _codes(*reports: Report) -> dict[str, str]:
    """Item and pitfall ID -> code, from the reports (and the checklist for older reports without codes)."""
    codes: dict[str, str] = {}
    try:
        from genderscan.checklist import load_checklist

        checklist = load_checklist()
        codes.update({i.id: i.code for i in checklist.items})
        codes.update({p.id: p.code for p in checklist.pitfalls})
    except Exception:  # noqa: BLE001 - codes are decoration; the IDs are there anyway
        pass
    for r in reports:
        codes.update({i.id: i.code for i in r.items if i.code})
        codes.update({p.id: p.code for p in r.pitfalls if p.code})
    return codes


def _key(kind: str, item: str, e: Evidence) -> tuple[str, str, str, bool]:
    return kind, item, re.sub(r"\s+", " ", fold(e.text)).strip(), e.counted


def _diff(a: Report, b: Report, codes: dict[str, str]) -> list[EvidenceChange]:
    """Evidence in ``b`` that ``a`` does not have."""
    have = {_key(k, i, e) for k, i, e in _evidence(a)}
    return [
        EvidenceChange(kind=k, item=i, code=codes.get(i) if k != "hint" else None, page=e.page, section=e.section, text=e.text, qualifiers=e.qualifiers, counted=e.counted)
        for k, i, e in _evidence(b)
        if _key(k, i, e) not in have
    ]


def compare_reports(old: Report, new: Report) -> Comparison:
    old_items = {i.id: i for i in old.items}
    codes = _codes(old, new)
    items = []
    for n in new.items:
        o = old_items.get(n.id)
        old_level = o.level if o else 0
        items.append(ItemChange(id=n.id, code=codes.get(n.id), area=n.area, checked=n.checked, old_level=old_level, new_level=n.level, change=n.level - old_level))
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
        added_evidence=_diff(old, new, codes),
        removed_evidence=_diff(new, old, codes),
        pitfalls_added=sorted(new_p - old_p),
        pitfalls_removed=sorted(old_p - new_p),
    )


def load_report(path: Path, analyser: Analyser) -> Report:
    """A Report from a ``.json`` report file (e.g. from ``genderscan batch``), else by analysing the document."""
    if path.suffix.lower() == ".json" and path.is_file():
        try:
            return Report.model_validate_json(path.read_text(encoding="utf-8"))
        except (ValidationError, ValueError, UnicodeDecodeError) as exc:
            from genderscan.errors import InputError

            raise InputError("compare_bad_report", path=str(path), detail=str(exc).splitlines()[0]) from None
    return analyser.analyse(path)


# -- rendering ----------------------------------------------------------------
# Codes, titles, level labels and number format are those of the reports (report/view.py, ui.yaml).


def _signed(x: float, ui: dict) -> str:
    return fmt_signed(x, ui)


def fmt_signed(x: float, ui: dict) -> str:
    from genderscan.report.view import fmt_score

    return ("+" if x > 0 else "-" if x < 0 else "") + fmt_score(abs(x), ui)


def comparison_view(cmp: Comparison, lang: str = "nl") -> dict:
    """What every rendering of a comparison shows, with the reports' words (codes, titles, level labels)."""
    from genderscan.i18n import DEFAULT_LANG, LANGUAGES, checklist_texts, load
    from genderscan.report.view import fmt_score

    lang = lang if lang in LANGUAGES else DEFAULT_LANG
    ui = load(lang, "ui")
    texts = checklist_texts(lang)
    titles = {k: (v or {}).get("title", k) for k, v in (texts.get("items") or {}).items()}
    flag_titles = {k: (v or {}).get("title", k) for part in ("pitfalls", "hints") for k, v in (texts.get(part) or {}).items()}
    areas = texts.get("areas") or {}
    qualifiers = texts.get("qualifiers") or {}
    codes = _codes()

    def status(checked: bool, level: int) -> tuple[str, str]:
        key = STATUS_KEYS[level] if checked else "niet-gecontroleerd"
        return key, f"{ui['status_mark'][key]} {ui['status'][key]}"

    def label(item_id: str, code: str | None) -> str:
        code = code or codes.get(item_id, "")
        return f"{code} {titles.get(item_id) or flag_titles.get(item_id, item_id)}".strip()

    def change(value: int) -> str:
        return f"{value:+d}" if value else message("compare_unchanged", lang)

    items = []
    for i in cmp.items:
        old_key, old_label = status(i.checked, i.old_level)
        new_key, new_label = status(i.checked, i.new_level)
        items.append(
            {"id": i.id, "code": i.code or codes.get(i.id, ""), "label": label(i.id, i.code), "old": old_label, "new": new_label,
             "old_status": old_key, "new_status": new_key, "change": change(i.change), "delta": i.change}
        )

    def evidence(rows: list[EvidenceChange]) -> list[dict]:
        return [
            {"id": e.item, "label": label(e.item, e.code), "page": e.page, "section": e.section, "text": " ".join(e.text.split()),
             "counted": e.counted, "reasons": ", ".join(qualifiers.get(q, q) for q in e.qualifiers)}
            for e in rows
        ]

    def flags(ids: list[str]) -> list[dict]:
        return [{"id": p, "label": label(p, None)} for p in ids]

    return {
        "lang": lang,
        "ui": ui,
        "t": lambda code, **kw: message(code, lang, **kw),
        "old_path": cmp.old.path,
        "new_path": cmp.new.path,
        "score": {"old": fmt_score(cmp.old_score, ui), "new": fmt_score(cmp.new_score, ui), "change": _signed(cmp.score_change, ui), "delta": cmp.score_change},
        "areas": [
            {"id": a.id, "label": f"{a.id} {(areas.get(a.id) or {}).get('title', '')}".strip(), "old": fmt_score(a.old_score, ui),
             "new": fmt_score(a.new_score, ui), "change": _signed(a.change, ui), "delta": a.change}
            for a in cmp.areas
        ],
        "items": items,
        "changed": sum(1 for i in cmp.items if i.change),
        "added": evidence(cmp.added_evidence),
        "removed": evidence(cmp.removed_evidence),
        "pitfalls_added": flags(cmp.pitfalls_added),
        "pitfalls_removed": flags(cmp.pitfalls_removed),
    }


STATUS_KEYS = ("afwezig", "genoemd", "uitgewerkt")


def render_comparison(cmp: Comparison, fmt: str = "text", lang: str = "nl", width: int = 100) -> str:
    """``width``: columns of the text format (the CLI passes the terminal's width)."""
    if fmt == "json":
        return cmp.model_dump_json(indent=2) + "\n"
    if fmt == "markdown":
        return _markdown(cmp, lang)
    if fmt == "text":
        return _text(cmp, lang, max(40, min(width, 120)))
    if fmt == "html":
        return _html(cmp, lang)
    from genderscan.errors import GenderscanError

    raise GenderscanError("unknown_format", format=fmt, choices=", ".join(COMPARE_FORMATS))


def _markdown(cmp: Comparison, lang: str) -> str:
    from genderscan.escape import markdown_code
    from genderscan.escape import markdown_text as md

    v = comparison_view(cmp, lang)
    t = v["t"]
    lines = [f"# {t('compare_title')}", ""]
    lines += [f"- {t('compare_old')}: {markdown_code(cmp.old.path)}", f"- {t('compare_new')}: {markdown_code(cmp.new.path)}", ""]
    lines += [f"| | {t('compare_old')} | {t('compare_new')} | {t('compare_change')} |", "|---|---:|---:|---:|"]
    s = v["score"]
    lines.append(f"| **{t('compare_score')}** | {s['old']} | {s['new']} | **{s['change']}** |")
    lines += [f"| {md(a['label'])} | {a['old']} | {a['new']} | {a['change']} |" for a in v["areas"]]
    lines += ["", f"## {t('compare_items_heading')}", "", f"| {t('compare_item')} | {t('compare_old')} | {t('compare_new')} | {t('compare_change')} |", "|---|---|---|---|"]
    for i in v["items"]:
        change = f"**{i['change']}**" if i["delta"] else i["change"]
        lines.append(f"| {md(i['label'])} | {i['old']} | {i['new']} | {change} |")
    for heading, evidence in ((t("compare_added_heading"), v["added"]), (t("compare_removed_heading"), v["removed"])):
        lines += ["", f"## {heading}", ""]
        if not evidence:
            lines.append(t("compare_nothing"))
        for e in evidence:
            note = "" if e["counted"] else f" _({t('compare_not_counted')}: {e['reasons']})_"
            lines.append(f"- {md(e['label'])}, {t('compare_page')} {e['page']}: “{md(e['text'])}”{note}")
    for heading, flagged in ((t("compare_pitfalls_added"), v["pitfalls_added"]), (t("compare_pitfalls_removed"), v["pitfalls_removed"])):
        if flagged:
            lines += ["", f"## {heading}", "", *(f"- {md(p['label'])}" for p in flagged)]
    return "\n".join(lines) + "\n"


def _text(cmp: Comparison, lang: str, width: int = 100) -> str:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    v = comparison_view(cmp, lang)
    t = v["t"]
    console = Console(width=width, record=True, no_color=True, file=io.StringIO())
    console.print(Text(t("compare_title"), style="bold"))
    console.print(f"{t('compare_old')}: {cmp.old.path}", markup=False, highlight=False)
    console.print(f"{t('compare_new')}: {cmp.new.path}", markup=False, highlight=False)
    s = v["score"]
    console.print(f"{t('compare_score')}: {s['old']} → {s['new']} ({s['change']})   " + "  ".join(f"{a['id']}: {a['change']}" for a in v["areas"]), highlight=False)
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    table.add_column(t("compare_item"), ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column(t("compare_old"), no_wrap=True)
    table.add_column(t("compare_new"), no_wrap=True)
    table.add_column(t("compare_change"), justify="right", no_wrap=True)
    for i in v["items"]:
        table.add_row(i["label"], i["old"], i["new"], i["change"] if i["delta"] else "=")
    console.print(table)
    for heading, evidence, mark in ((t("compare_added_heading"), v["added"], "+"), (t("compare_removed_heading"), v["removed"], "-")):
        console.print(Text(f"\n{heading} ({len(evidence)})", style="bold"))
        for e in evidence:
            note = "" if e["counted"] else f" [{t('compare_not_counted')}: {e['reasons']}]"
            console.print(f"  {mark} {e['label']}, {t('compare_page')} {e['page']}: {e['text']}{note}", markup=False, highlight=False)
    for heading, flagged in ((t("compare_pitfalls_added"), v["pitfalls_added"]), (t("compare_pitfalls_removed"), v["pitfalls_removed"])):
        if flagged:
            console.print(Text(f"\n{heading}: " + ", ".join(p["label"] for p in flagged), style="bold magenta"))
    from genderscan.escape import terminal_text

    return terminal_text(console.export_text())


def _html(cmp: Comparison, lang: str) -> str:
    from genderscan import __version__
    from genderscan.report.templating import environment

    return environment("html").get_template("compare.html.j2").render(v=comparison_view(cmp, lang), version=__version__)


__all__ = ["COMPARE_FORMATS", "Comparison", "compare_reports", "comparison_view", "load_report", "render_comparison"]
