"""Terminal renderer (rich): a brief overview that fits one screen; with ``verbose`` also the evidence,
the recommendation and a model passage per item.

The layout follows the width it is given (the CLI passes the terminal's width, which honours
``COLUMNS``): from ``WIDE`` columns on the table has a column with the number of sentences; below
it the narrow layout drops that column and shortens the bars, so no line is longer than the width.
Every table row is one line (long titles end in "…"), so the brief view is about 30 lines.
"""

from __future__ import annotations

import shutil

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from genderscan.escape import terminal_text
from genderscan.report.model import Report
from genderscan.report.templating import text_bar
from genderscan.report.view import EvidenceView, build_view, fmt_score

STYLE = {"afwezig": "red", "genoemd": "yellow", "uitgewerkt": "green", "niet-gecontroleerd": "dim"}
WIDE = 100  # from this width on: the wide layout
MIN_WIDTH = 40
DEFAULT_WIDTH = 100  # files and pipes
MAX_WIDTH = 120  # wider lines are hard to read


def terminal_width() -> int:
    """The terminal's width in columns (``COLUMNS`` first, as ``shutil`` reads it)."""
    return max(MIN_WIDTH, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)


def _brief_summary(console: Console, v) -> None:
    """The brief view's closing lines: counts per level, the first gaps, and what 'afwezig' means."""
    ui = v.ui
    order = ("uitgewerkt", "genoemd", "afwezig", "niet-gecontroleerd")
    counts = {s: sum(1 for i in v.items if i.status == s) for s in order}
    parts = [f"{ui['status'][s]}: {n}" for s, n in counts.items() if n or s != "niet-gecontroleerd"]
    console.print(Text(" · ".join(parts)))
    if v.top_gaps:
        gaps = ", ".join(f"{g.code} {g.title}" for g in v.top_gaps)
        console.print(Text(f"{ui['brief_top_gaps']}: {gaps}"))
    if counts["afwezig"]:
        console.print(Text(ui["absent_means_short"], style="dim"))


def render(
    report: Report,
    lang: str = "nl",
    verbose: bool = False,
    width: int = DEFAULT_WIDTH,
    color: bool = False,
    command: str | None = None,
    **_: object,
) -> str:
    """``command`` is how the user started genderscan on this document (for the closing hint)."""
    v = build_view(report, lang)
    ui = v.ui
    width = max(MIN_WIDTH, min(width, MAX_WIDTH))
    wide = width >= WIDE
    console = Console(width=width, record=True, force_terminal=color, no_color=not color, file=_Null())  # type: ignore[arg-type]  # a sink that only needs write and flush
    console.print(Text(f"{v.title}: {terminal_text(v.document_name)}", style="bold"))
    meta = f"{ui['analysed_on']} {v.analysed_on} · " if v.analysed_on else ""
    console.print(Text(f"{meta}{ui['pages']}: {v.pages} · genderscan {v.version}", style="dim"))
    if v.confidence:
        console.print(Text(f"! {ui['confidence']}: {v.confidence}", style="yellow"))
    console.print()

    scores = Table.grid(padding=(0, 1))
    scores.add_column(no_wrap=True, overflow="ellipsis")
    scores.add_column(justify="right", no_wrap=True, min_width=5)
    bars = 20 if wide else 10 if width >= 60 else 0
    if bars:
        scores.add_column(no_wrap=True)
    console.print(Text(f"{ui['score_heading']}: {fmt_score(v.score, ui)} {ui['score_of']}", style="bold"))
    for a in v.areas:
        scores.add_row(f"{a.id} {a.title}", fmt_score(a.score, ui), *([text_bar(a.score, bars)] if bars else []))
    console.print(scores)
    console.print()

    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    table.add_column(ui["item"], ratio=1, min_width=12, no_wrap=True, overflow="ellipsis")
    table.add_column(ui["level"], no_wrap=True, min_width=max(len(f"{i.status_mark} {i.status_label}") for i in v.items))
    if wide:
        table.add_column(ui["evidence_count"], justify="right", no_wrap=True)
    for i in v.items:
        status = Text(f"{i.status_mark} {i.status_label}", style=STYLE.get(i.status, ""))
        row: list[Text | str] = [Text(f"{i.code} {i.title}"), status]
        if wide:
            row.append(f"{len(i.counted)}/{len(i.counted) + len(i.not_counted)}")
        table.add_row(*row)
    console.print(table)

    if verbose:
        for line in v.summary:
            console.print(line, highlight=False)
    else:
        _brief_summary(console, v)
    for p in v.pitfalls:
        console.print(Text(f"⚠ {ui['pitfall']}: {p.code} {p.title}", style="bold magenta"))
    for h in v.hints:
        console.print(Text(f"ℹ {ui['hint']}: {h.title}", style="cyan"))

    if verbose:
        _details(console, v)
    for w in v.warnings:
        console.print(Text(f"! {w}", style="yellow"))
    if not verbose:
        console.print(Text(ui["more_evidence"], style="dim"))
        cmd = command or f"genderscan analyse {_quote(v.document_path)}"
        console.print(Text(f"  {cmd} -o {ui['report_file']}"), soft_wrap=False)
    out = console.export_text(styles=color)
    # without colours nothing in the output is an escape sequence of ours: show every control character
    return out if color else terminal_text(out)


def _details(console: Console, v) -> None:
    ui = v.ui
    for i in v.items:
        console.print()
        console.print(Text(f"{i.code} {i.title} — {i.status_mark} {i.status_label}", style="bold"))
        console.print(Text(f"  {ui['id_label']}: {i.id}", style="dim"))
        for e in i.counted:
            label = ui["counted"] + (f", {ui['operational']}" if e.operational else "")
            if e.marks:
                label = f"{ui['counted']}, {', '.join(e.marks)} ({ui['level1_only']})"
            _evidence(console, e, label, ui["page_short"])
        for e in i.not_counted:
            _evidence(console, e, f"{ui['not_counted']}: {', '.join(e.reasons)}", ui["page_short"])
        if i.recommendation:
            console.print(Text(f"  → {ui['recommendation']}: {i.recommendation}"))
        if i.example and i.example.get("text"):
            console.print(Text(f"  {ui['example']}: “{' '.join(i.example['text'].split())}”", style="italic"))
            if i.example.get("source"):
                console.print(Text(f"    {ui['example_source']}: {i.example['source']}", style="dim"))
    for p in v.pitfalls + v.hints:
        console.print()
        console.print(Text(f"{p.code} {p.title}".strip(), style="bold"))
        console.print(Text(f"  {p.explanation}"))
        for e in p.evidence:
            _evidence(console, e, ui["pitfall_found_in"].lower(), ui["page_short"])
        if p.recommendation:
            console.print(Text(f"  → {ui['recommendation']}: {p.recommendation}"))


def _quote(path: str) -> str:
    import shlex

    return shlex.quote(path)


def _evidence(console: Console, e: EvidenceView, flag: str, page_short: str = "p.") -> None:
    where = f"{e.page}" + (f", {e.section}" if e.section else "")
    console.print(Text(f"  {page_short} {where} [{flag}]", style="dim"))
    console.print(Text(f"    “{e.quote}”"))
    if e.semantic:
        console.print(Text(f"    {e.semantic}", style="dim italic"))


class _Null:
    def write(self, _: str) -> int:
        return 0

    def flush(self) -> None:
        pass
