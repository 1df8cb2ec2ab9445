"""Terminal renderer (rich): overview table and, with ``verbose``, the evidence."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from genderscan.i18n import checklist_texts, load
from genderscan.report.model import Report

STYLE = {0: "red", 1: "yellow", 2: "green"}
MARK = {0: "✗", 1: "~", 2: "✓"}


def render(report: Report, lang: str = "nl", verbose: bool = True, width: int = 100, color: bool = False, **_: object) -> str:
    texts = checklist_texts(lang)
    ui = load(lang, "ui")
    console = Console(width=width, record=True, force_terminal=color, no_color=not color, file=_Null())
    console.print(Text(f"genderscan {report.tool.version} · {report.document.path}", style="bold"))
    console.print(f"{ui['score']}: [bold]{report.score:.1f}[/bold] / 100   " + "  ".join(f"{a.id}: {a.score:.1f}" for a in report.areas))
    table = Table(show_lines=False, expand=True)
    table.add_column(ui["item"], ratio=5)
    table.add_column(ui["level"], ratio=2)
    table.add_column(ui["evidence"], ratio=1, justify="right")
    for item in report.items:
        title = texts["items"].get(item.id, {}).get("title", item.id)
        if item.checked:
            status = Text(f"{MARK[item.level]} {texts['levels'][item.level]}", style=STYLE[item.level])
        else:
            status = Text(f"· {texts['not_checked']}", style="dim")
        counted = sum(e.counted for e in item.evidence)
        table.add_row(f"{item.id}\n[dim]{title}[/dim]", status, f"{counted}/{len(item.evidence)}")
    console.print(table)
    for pitfall in report.pitfalls:
        p = texts["pitfalls"].get(pitfall.id, {})
        console.print(Text(f"⚠ {ui['pitfall']}: {p.get('title', pitfall.id)}", style="bold magenta"))
    for hint in report.hints:
        h = texts["hints"].get(hint.id, {})
        console.print(Text(f"ℹ {ui['hint']}: {h.get('title', hint.id)}", style="cyan"))
    if verbose:
        for item in report.items:
            if not item.evidence:
                continue
            console.print(Text(f"\n{item.id}", style="bold"))
            for e in item.evidence:
                reason = ", ".join(texts["qualifiers"].get(q, q) for q in e.qualifiers)
                flag = ui["counted"] if e.counted else f"{ui['not_counted']}: {reason}"
                console.print(f"  p. {e.page_label or e.page} [{flag}] {e.text}", markup=False, highlight=False)
    for w in report.warnings:
        console.print(Text(f"! {w.message}", style="yellow"))
    return console.export_text(styles=color)


class _Null:
    def write(self, _: str) -> int:
        return 0

    def flush(self) -> None:
        pass
