"""CSV renderer: one row per checklist item and per pitfall that fires, with the codes people cite.

Columns (``ROW_COLUMNS``): ``document, kind (item|pitfall), code (A1 … D2, P1 … P4), id, area, title,
level, status, checked, weight, counted, found, score``. ``level`` is empty for items without rules
(not checked) and for pitfalls; ``score`` repeats the document score on every row so that rows of many
documents can be stacked. ``Report.to_frame()`` returns the same rows as a pandas DataFrame.
"""

from __future__ import annotations

import csv
import io
from pathlib import PurePath
from typing import Any

from genderscan.escape import csv_cell
from genderscan.report.model import Report

ROW_COLUMNS = ["document", "kind", "code", "id", "area", "title", "level", "status", "checked", "weight", "counted", "found", "score"]


def report_rows(report: Report, lang: str = "nl") -> list[dict[str, Any]]:
    """The report as tidy rows (see the module docstring)."""
    from genderscan.report.view import build_view

    v = build_view(report, lang)
    name = PurePath(report.document.path).name
    rows: list[dict[str, Any]] = []
    for i, item in zip(v.items, report.items, strict=True):
        rows.append(
            {
                "document": name,
                "kind": "item",
                "code": i.code,
                "id": i.id,
                "area": i.area,
                "title": i.title,
                "level": item.level if item.checked else None,
                "status": item.status,
                "checked": item.checked,
                "weight": item.weight,
                "counted": len(i.counted),
                "found": len(i.counted) + len(i.not_counted),
                "score": report.score,
            }
        )
    for p in v.pitfalls:
        rows.append(
            {
                "document": name,
                "kind": "pitfall",
                "code": p.code,
                "id": p.id,
                "area": None,
                "title": p.title,
                "level": None,
                "status": "gevonden",
                "checked": True,
                "weight": None,
                "counted": len(p.evidence),
                "found": len(p.evidence),
                "score": report.score,
            }
        )
    return rows


def _cell(value: Any) -> Any:
    """A cell: free text neutralised against spreadsheet formulas (``escape.csv_cell``); numbers and
    booleans as they are (``csv_cell`` would stringify them), ``None`` as an empty cell."""
    if value is None:
        return ""
    return csv_cell(value) if isinstance(value, str) else value


def render(report: Report, lang: str = "nl", **_: object) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=ROW_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in report_rows(report, lang):
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return buf.getvalue()
