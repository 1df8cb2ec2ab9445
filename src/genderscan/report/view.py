"""What every human-readable report shows, prepared once from a Report.

The Markdown and HTML templates (and the terminal and SARIF renderers) read
this view, so they say the same thing. All words come from the locale files
``checklist.yaml`` (texts per item) and ``ui.yaml`` (labels); this module only
arranges them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePath
from typing import Any

from genderscan.i18n import DEFAULT_LANG, LANGUAGES, checklist_texts, load
from genderscan.kinds import LEVEL1_ONLY
from genderscan.report.model import Evidence, FlagReport, ItemReport, Report

TOP_GAPS = 3


@dataclass
class EvidenceView:
    quote: str
    page: str
    section: str | None
    rule: str
    counted: bool
    operational: bool
    reasons: list[str]
    start: int
    end: int
    semantic: str | None = None  # "semantisch gevonden (kans 0,87; lijkt op: “…”)" for a semantic finding
    marks: list[str] = field(default_factory=list)  # counted, but only as ambition or quote (level 1): its labels


@dataclass
class ItemView:
    id: str
    code: str
    area: str
    title: str
    question: str
    why: str
    status: str
    status_label: str
    status_mark: str
    status_explain: str
    level: int
    checked: bool
    weight: float
    counted: list[EvidenceView]
    not_counted: list[EvidenceView]
    recommendation: str | None
    example: dict[str, str] | None
    sources: list[str]

    @property
    def needs_advice(self) -> bool:
        return self.checked and self.level < 2


@dataclass
class FlagView:
    id: str
    code: str
    title: str
    explanation: str
    recommendation: str | None
    evidence: list[EvidenceView]


@dataclass
class AreaView:
    id: str
    title: str
    score: float
    items: list[ItemView] = field(default_factory=list)


@dataclass
class ReportView:
    lang: str
    ui: dict[str, Any]
    title: str
    document_name: str
    document_path: str
    document_format: str
    pages: int
    sha256: str
    analysed_on: str | None
    analysed_at: str | None
    version: str
    score: float
    areas: list[AreaView]
    items: list[ItemView]
    summary: list[str]
    top_gaps: list[ItemView]
    pitfalls: list[FlagView]
    hints: list[FlagView]
    methodology: str
    warnings: list[str]
    confidence: str | None = None  # set when the document was damaged (shown in the header)


def fmt_score(value: float, ui: dict[str, Any] | None = None) -> str:
    """One decimal, with the language's decimal separator (``50,0`` in Dutch)."""
    text = f"{value:.1f}"
    return text.replace(".", (ui or {}).get("decimal", "."))


def join_list(words: list[str], conjunction: str) -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def format_date(iso: str | None, ui: dict[str, Any]) -> str | None:
    """``2025-03-14T10:00:00Z`` -> ``14 maart 2025`` (month names from ui.yaml)."""
    if not iso:
        return None
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    months = ui.get("months") or []
    month = months[moment.month - 1] if len(months) == 12 else f"{moment.month:02d}"
    return f"{moment.day} {month} {moment.year}"


def _evidence(e: Evidence, qualifiers: dict[str, str], ui: dict[str, Any]) -> EvidenceView:
    reasons = [qualifiers.get(q, q) for q in e.qualifiers]
    if not e.counted and not reasons:
        reasons = [ui["reason_other"]]
    marks = [qualifiers.get(q, q) for q in e.qualifiers if q in LEVEL1_ONLY] if e.counted and not e.operational else []
    return EvidenceView(
        quote=" ".join(e.text.split()),
        page=e.page_label or str(e.page),
        section=e.section,
        rule=e.rule,
        counted=e.counted,
        operational=e.operational,
        reasons=reasons,
        start=e.start,
        end=e.end,
        semantic=_semantic_note(e, ui),
        marks=marks,
    )


def _semantic_note(e: Evidence, ui: dict[str, Any]) -> str | None:
    """The semantic layer's explanation in words: probability and the most similar labelled example."""
    s = e.semantic
    if s is None:
        return None
    p = f"{s.probability:.2f}".replace(".", ui.get("decimal", "."))
    if s.example_text:
        example = " ".join(s.example_text.split())
        if len(example) > 160:
            example = example[:157].rstrip() + "…"
        return ui["semantic_found_like"].format(p=p, example=example, id=s.example_id or "")
    return ui["semantic_found"].format(p=p)


def _item(item: ItemReport, texts: dict[str, Any], ui: dict[str, Any]) -> ItemView:
    t = texts.get("items", {}).get(item.id, {})
    qualifiers = texts.get("qualifiers", {})
    evidence = [_evidence(e, qualifiers, ui) for e in item.evidence]
    advice = item.checked and item.level < 2
    return ItemView(
        id=item.id,
        code=item.code or "",
        area=item.area,
        title=t.get("title", item.id),
        question=t.get("question", ""),
        why=t.get("why", ""),
        status=item.status,
        status_label=ui["status"][item.status],
        status_mark=ui["status_mark"][item.status],
        status_explain=ui["status_explain"][item.status],
        level=item.level,
        checked=item.checked,
        weight=item.weight,
        counted=[e for e in evidence if e.counted],
        not_counted=[e for e in evidence if not e.counted],
        recommendation=t.get("recommendation") if advice else None,
        example=t.get("example") if advice else None,
        sources=list(t.get("sources") or []),
    )


def _flag(flag: FlagReport, texts: dict[str, Any], qualifiers: dict[str, str], ui: dict[str, Any]) -> FlagView:
    t = texts.get(flag.id, {})
    return FlagView(
        id=flag.id,
        code=flag.code or "",
        title=t.get("title", flag.id),
        explanation=t.get("explanation", ""),
        recommendation=t.get("recommendation"),
        evidence=[_evidence(e, qualifiers, ui) for e in flag.evidence],
    )


def _summary(items: list[ItemView], pitfalls: list[FlagView], ui: dict[str, Any]) -> list[str]:
    conj = ui["and"]

    def names(selected: list[ItemView]) -> str:
        return join_list([i.title for i in selected], conj)

    strong = [i for i in items if i.checked and i.level == 2]
    mentioned = [i for i in items if i.checked and i.level == 1]
    missing = [i for i in items if i.checked and i.level == 0]
    unchecked = [i for i in items if not i.checked]
    lines = [ui["summary_strong"].format(items=names(strong)) if strong else ui["summary_none_strong"]]
    if mentioned:
        lines.append(ui["summary_mentioned"].format(items=names(mentioned)))
    if missing:
        lines.append(ui["summary_missing"].format(items=names(missing)))
    if pitfalls:
        lines.append(ui["summary_pitfalls"].format(items=join_list([p.title for p in pitfalls], conj)))
    if unchecked:
        lines.append(ui["summary_not_checked"].format(items=join_list([i.code or i.id for i in unchecked], conj)))
    return lines


def build_view(report: Report, lang: str = DEFAULT_LANG) -> ReportView:
    lang = lang if lang in LANGUAGES else DEFAULT_LANG
    texts = checklist_texts(lang)
    ui = load(lang, "ui")
    qualifiers = texts.get("qualifiers", {})
    items = [_item(i, texts, ui) for i in report.items]
    by_id = {i.id: i for i in items}
    area_titles = texts.get("areas", {})
    areas = [
        AreaView(
            id=a.id,
            title=(area_titles.get(a.id) or {}).get("title", a.id),
            score=a.score,
            items=[i for i in items if i.area == a.id],
        )
        for a in report.areas
    ]
    pitfalls = [_flag(p, texts.get("pitfalls", {}), qualifiers, ui) for p in report.pitfalls]
    hints = [_flag(h, texts.get("hints", {}), qualifiers, ui) for h in report.hints]
    return ReportView(
        lang=lang,
        ui=ui,
        title=ui["report_title"],
        document_name=PurePath(report.document.path).name,
        document_path=report.document.path,
        document_format=report.document.format,
        pages=report.document.pages,
        sha256=report.document.sha256,
        analysed_on=format_date(report.analysed_at, ui),
        analysed_at=report.analysed_at,
        version=report.tool.version,
        score=report.score,
        areas=areas,
        items=items,
        summary=_summary(items, pitfalls, ui),
        top_gaps=[by_id[g] for g in report.gaps[:TOP_GAPS] if g in by_id],
        pitfalls=pitfalls,
        hints=hints,
        methodology=texts.get("methodology", ""),
        warnings=[w.message for w in report.warnings],
        confidence=confidence(report, ui),
    )


#: Warnings that mean the text read may be incomplete: they lower the confidence shown in the header.
DAMAGE_CODES = frozenset({"pdf_repaired", "pdf_page_lost_text"})


def confidence(report: Report, ui: dict[str, Any]) -> str | None:
    """"lower: ..." when the reader had to repair the document, else None (nothing shown)."""
    codes = [w.code for w in report.warnings]
    if not DAMAGE_CODES.intersection(codes):
        return None
    lost = codes.count("pdf_page_lost_text")
    return ui["confidence_reduced"].format(lost=lost, pages=report.document.pages)
