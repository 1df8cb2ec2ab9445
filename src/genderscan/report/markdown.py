"""Markdown renderer: the content of the HTML report for a wiki page or a pull-request comment.

GitHub-flavoured Markdown, no HTML except ``<details>`` is avoided so that every
wiki renders it; built from ``templates/report.md.j2``.
"""

from __future__ import annotations

from genderscan.report.model import Report
from genderscan.report.templating import environment
from genderscan.report.view import build_view


def render(report: Report, lang: str = "nl", **_: object) -> str:
    view = build_view(report, lang)
    text = environment("markdown").get_template("report.md.j2").render(v=view, ui=view.ui)
    # collapse runs of blank lines left by conditional blocks
    lines: list[str] = []
    for line in text.splitlines():
        if line.strip() == "" and (not lines or lines[-1] == ""):
            continue
        lines.append(line.rstrip())
    return "\n".join(lines).strip() + "\n"
