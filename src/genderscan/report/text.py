"""Terminal renderer (rich): compact overview table; with ``verbose`` also the evidence and advice per item."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from genderscan.report.model import Report
from genderscan.report.templating import text_bar
from genderscan.report.view import EvidenceView, build_view, fmt_score

STYLE = {"afwezig": "red", "genoemd": "yellow", "uitgewerkt": "green", "niet-gecontroleerd": "dim"}


def render(report: Report, lang: str = "nl", verbose: bool = False, width: int = 100, color: bool = False, **_: object) -> str:
    v = build_view(report, lang)
    ui = v.ui
    console = Console(width=width, record=True, force_terminal=color, no_color=not color, file=_Null())
    head = Text(f"{v.title}: {v.document_name}", style="bold")
    console.print(head)
    meta = f"{ui['analysed_on']} {v.analysed_on} · " if v.analysed_on else ""
    console.print(Text(f"{meta}{ui['pages']}: {v.pages} · genderscan {v.version}", style="dim"))
    console.print()

    scores = Table.grid(padding=(0, 1))
    scores.add_column()
    scores.add_column(justify="right")
    scores.add_column()
    console.print(Text(f"{ui['score_heading']}: {fmt_score(v.score, ui)} {ui['score_of']}", style="bold"))
    for a in v.areas:
        scores.add_row(f"{a.id} {a.title}", fmt_score(a.score, ui), text_bar(a.score, 20))
    console.print(scores)
    console.print()

    table = Table(expand=True, show_lines=False)
    table.add_column(ui["item"], ratio=5)
    table.add_column(ui["level"], ratio=2)
    table.add_column(ui["evidence_count"], ratio=2, justify="right")
    for i in v.items:
        status = Text(f"{i.status_mark} {i.status_label}", style=STYLE.get(i.status, ""))
        found = len(i.counted) + len(i.not_counted)
        label = Text(f"{i.code} {i.title}\n")
        label.append(i.id, style="dim")  # the ID used in rules/, JSON and configuration
        table.add_row(label, status, f"{len(i.counted)}/{found}")
    console.print(table)

    for line in v.summary:
        console.print(line, highlight=False)
    for p in v.pitfalls:
        console.print(Text(f"⚠ {ui['pitfall']}: {p.code} {p.title}", style="bold magenta"))
    for h in v.hints:
        console.print(Text(f"ℹ {ui['hint']}: {h.title}", style="cyan"))

    if verbose:
        for i in v.items:
            if not (i.counted or i.not_counted or i.recommendation):
                continue
            console.print()
            console.print(Text(f"{i.code} {i.title} — {i.status_mark} {i.status_label}", style="bold"))
            for e in i.counted:
                label = ui["counted"] + (f", {ui['operational']}" if e.operational else "")
                if e.marks:
                    label = f"{ui['counted']}, {', '.join(e.marks)} ({ui['level1_only']})"
                _evidence(console, e, label, ui["page_short"])
            for e in i.not_counted:
                _evidence(console, e, f"{ui['not_counted']}: {', '.join(e.reasons)}", ui["page_short"])
            if i.recommendation:
                console.print(Text(f"  → {ui['recommendation']}: {i.recommendation}"))
        for p in v.pitfalls + v.hints:
            console.print()
            console.print(Text(f"{p.code} {p.title}".strip(), style="bold"))
            console.print(Text(f"  {p.explanation}"))
            for e in p.evidence:
                _evidence(console, e, ui["pitfall_found_in"].lower(), ui["page_short"])
    else:
        console.print(Text(ui["more_evidence"], style="dim"))

    for w in v.warnings:
        console.print(Text(f"! {w}", style="yellow"))
    return console.export_text(styles=color)


def _evidence(console: Console, e: EvidenceView, flag: str, page_short: str = "p.") -> None:
    where = f"{e.page}" + (f", {e.section}" if e.section else "")
    console.print(Text(f"  {page_short} {where} [{flag}]", style="dim"))
    console.print(Text(f"    “{e.quote}”"))


class _Null:
    def write(self, _: str) -> int:
        return 0

    def flush(self) -> None:
        pass
