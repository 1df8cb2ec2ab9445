"""From a Document and its scoring to the Report contract."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from genderscan import __version__
from genderscan.checklist import Checklist, load_checklist
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
    SemanticEvidence,
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
        semantic=SemanticEvidence.model_validate(f.semantic, from_attributes=True) if f.semantic is not None else None,
    )


def analysed_at() -> str:
    """Now in UTC (seconds), or SOURCE_DATE_EPOCH when set (reproducible reports and snapshots)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def gaps(items: list[ItemReport]) -> list[str]:
    """Checked items below level 2, the most to gain first ((2 - level) x weight), then checklist order."""
    below = [(i, item) for i, item in enumerate(items) if item.checked and item.level < 2]
    below.sort(key=lambda pair: (-(2 - pair[1].level) * pair[1].weight, pair[0]))
    return [item.id for _, item in below]


def build_report(document: Document, scored: Scored, lang: str = "nl", checklist: Checklist | None = None) -> Report:
    """The Report of a scored document; ``checklist``: the one the rule set was loaded with (default: the built-in)."""
    checklist = checklist or load_checklist()
    codes = {i.id: i.code for i in checklist.items} | {p.id: p.code for p in checklist.pitfalls}
    items = [
        ItemReport(
            id=i.id,
            area=i.area,
            code=codes.get(i.id),
            weight=i.weight,
            level=i.level,
            status=STATUS[i.level] if i.checked else NOT_CHECKED,
            checked=i.checked,
            evidence=[evidence(f, document) for f in i.evidence],
        )
        for i in scored.items
    ]
    return Report(
        tool=Tool(version=__version__),
        document=DocumentInfo(path=document.path, sha256=document.sha256, format=document.format, pages=len(document.pages)),
        analysed_at=analysed_at(),
        score=scored.score,
        areas=[AreaReport(id=a, score=s) for a, s in scored.areas.items()],
        items=items,
        pitfalls=[FlagReport(id=p.id, code=codes.get(p.id), evidence=[evidence(f, document) for f in p.evidence]) for p in scored.pitfalls if p.evidence],
        hints=[FlagReport(id=h.id, evidence=[evidence(f, document) for f in h.evidence]) for h in scored.hints if h.evidence],
        warnings=[Notice(code=w.code, message=message(w.code, lang, **w.params)) for w in document.warnings],
        gaps=gaps(items),
    )
