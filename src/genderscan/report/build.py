"""From a Document and its scoring to the Report contract."""

from __future__ import annotations

from genderscan import __version__
from genderscan.document import Document
from genderscan.findings import Finding
from genderscan.i18n import message
from genderscan.report.model import (
    NOT_CHECKED,
    STATUS,
    AreaReport,
    DocumentInfo,
    Evidence,
    FlagReport,
    ItemReport,
    Notice,
    Report,
    Tool,
)
from genderscan.scoring import Scored


def evidence(f: Finding, document: Document) -> Evidence:
    label = document.page_label_at(f.start)
    return Evidence(
        page=f.page,
        page_label=label if label != str(f.page) else None,
        section=f.section,
        text=f.text,
        start=f.start,
        end=f.end,
        rule=f.rule,
        qualifiers=f.qualifiers,
        counted=f.counted,
        operational=f.operational,
    )


def build_report(document: Document, scored: Scored, lang: str = "nl") -> Report:
    return Report(
        tool=Tool(version=__version__),
        document=DocumentInfo(path=document.path, sha256=document.sha256, format=document.format, pages=len(document.pages)),
        score=scored.score,
        areas=[AreaReport(id=a, score=s) for a, s in scored.areas.items()],
        items=[
            ItemReport(
                id=i.id,
                area=i.area,
                level=i.level,
                status=STATUS[i.level] if i.checked else NOT_CHECKED,
                checked=i.checked,
                evidence=[evidence(f, document) for f in i.evidence],
            )
            for i in scored.items
        ],
        pitfalls=[FlagReport(id=p.id, evidence=[evidence(f, document) for f in p.evidence]) for p in scored.pitfalls if p.evidence],
        hints=[FlagReport(id=h.id, evidence=[evidence(f, document) for f in h.evidence]) for h in scored.hints if h.evidence],
        warnings=[Notice(code=w.code, message=message(w.code, lang, **w.params)) for w in document.warnings],
    )
