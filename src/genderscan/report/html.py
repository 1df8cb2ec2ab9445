"""HTML renderer: one self-contained page (inline CSS and SVG, no scripts, no external requests).

Built from ``templates/report.html.j2``. Accessible (semantic headings, status in
words and symbols as well as colour, a skip link, visible focus) and printable
on A4.
"""

from __future__ import annotations

from dataclasses import dataclass

from genderscan.report.model import Report
from genderscan.report.templating import environment
from genderscan.report.view import build_view, fmt_score


@dataclass
class Bar:
    label: str
    value: str
    y: float
    width: float
    overall: bool


# Geometry of the score chart (SVG user units; it scales with the page).
CHART_WIDTH = 640
LABEL_WIDTH = 310
BAR_MAX = 260
ROW = 30
BAR_HEIGHT = 18


def score_bars(view) -> tuple[list[Bar], int]:
    rows = [(view.ui["score_overall"], view.score, True)] + [(f"{a.id} {a.title}", a.score, False) for a in view.areas]
    bars = [
        Bar(label=label, value=fmt_score(score, view.ui), y=8 + n * ROW, width=round(BAR_MAX * score / 100, 1), overall=overall)
        for n, (label, score, overall) in enumerate(rows)
    ]
    return bars, 8 + len(rows) * ROW


def page_context(report: Report, lang: str = "nl") -> dict:
    """The variables of ``report.html.j2`` (``genderscan serve`` renders its report page, which extends it, with them)."""
    view = build_view(report, lang)
    bars, height = score_bars(view)
    chart_desc = view.ui["score_chart_desc"].format(
        score=fmt_score(view.score, view.ui),
        areas="; ".join(view.ui["area_score"].format(name=f"{a.id} {a.title}", score=fmt_score(a.score, view.ui)) for a in view.areas),
    )
    return dict(
        v=view,
        ui=view.ui,
        bars=bars,
        chart=dict(width=CHART_WIDTH, height=height, label_width=LABEL_WIDTH, bar_max=BAR_MAX, bar_height=BAR_HEIGHT, desc=chart_desc),
    )


def render(report: Report, lang: str = "nl", **_: object) -> str:
    return environment("html").get_template("report.html.j2").render(**page_context(report, lang))
