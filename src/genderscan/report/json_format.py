"""JSON renderer: the Report contract, indented, UTF-8."""

from __future__ import annotations

from genderscan.report.model import Report


def render(report: Report, lang: str = "nl", **_: object) -> str:
    return report.model_dump_json(indent=2) + "\n"
