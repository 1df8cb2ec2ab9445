"""What a batch writes: per-document reports, scores.csv, evidence.csv, summary.json, overview.html."""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from genderscan import __version__
from genderscan import formats as output_formats
from genderscan.atomic import TEMP_SUFFIX, cannot_write, open_atomic, write_text
from genderscan.batch.manifest import Manifest, Row, slug
from genderscan.batch.run import Outcome
from genderscan.cache import Cache
from genderscan.checklist import Checklist, load_checklist
from genderscan.i18n import checklist_texts, message



@dataclass
class Entry:
    """One document of the batch: its outcome, its name in the outputs and its manifest rows."""

    outcome: Outcome
    name: str
    rows: list[Row] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)
    percentile: float | None = None  # see percentiles(); None for a failed document

    def meta(self, column: str) -> str:
        values = []
        for r in self.rows:
            v = getattr(r, column)
            if v and v not in values:
                values.append(v)
        return "; ".join(values)


def entries(outcomes: list[Outcome], manifest: Manifest | None) -> list[Entry]:
    """Give every document a unique output name (its file stem, numbered on clashes) and its percentile."""
    used: set[str] = set()
    result = []
    for o in outcomes:
        base = slug(Path(o.path).stem) or "document"
        name, n = base, 2
        while name in used:
            name, n = f"{base}-{n}", n + 1
        used.add(name)
        result.append(Entry(o, name, manifest.match(Path(o.path)) if manifest else []))
    ranks = percentiles(result)
    for e in result:
        e.percentile = ranks.get(e.name)
    return result


def write_reports(batch: list[Entry], out: Path, formats: list[str], lang: str, remove_stale: bool = True) -> None:
    """One report per document and format (each written atomically); then (``remove_stale``) remove the
    reports this run did not write: those of files that failed this time or are no longer in the run."""
    from genderscan.report import render

    folder = out / "reports"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(folder, exc) from None
    written: set[str] = set()
    for e in batch:
        if e.outcome.report is None:
            continue
        for fmt in formats:
            target = folder / f"{e.name}.{output_formats.extension(fmt)}"
            options = {"verbose": True} if fmt == "text" else {}
            write_text(target, render(e.outcome.report, fmt, lang, **options))
            e.outputs[fmt] = str(target.relative_to(out))
            written.add(target.name)
    if remove_stale:
        remove_stale_reports(folder, written)


def remove_stale_reports(folder: Path, keep: set[str]) -> list[Path]:
    """Delete report files (by their extensions) in ``folder`` that are not in ``keep``, and leftover temporary files."""
    from genderscan.report import FORMATS

    suffixes = {f".{output_formats.extension(f)}" for f in FORMATS}
    removed = []
    for f in folder.iterdir():
        stale_report = f.suffix in suffixes and not f.name.startswith(".") and f.name not in keep
        leftover = f.name.startswith(".") and f.name.endswith(TEMP_SUFFIX)
        if (stale_report or leftover) and f.is_file() and not f.is_symlink():
            try:
                f.unlink()
                removed.append(f)
            except OSError as exc:
                raise cannot_write(f, exc) from None
    return removed


def _safe(text: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection) in free text and file names."""
    from genderscan.escape import csv_cell

    return csv_cell(text)


def percentiles(batch: list[Entry]) -> dict[str, float]:
    """Per scored document: the share (%) of all scored documents with the same or a lower score.

    The best vision gets 100; with ten visions the lowest gets 10. The same as pandas
    ``scores.rank(pct=True, method="max") * 100``. Failed documents get none.
    """
    from bisect import bisect_right

    scored = sorted(e.outcome.report.score for e in batch if e.outcome.report is not None)
    return {
        e.name: round(100 * bisect_right(scored, e.outcome.report.score) / len(scored), 1)
        for e in batch
        if e.outcome.report is not None
    }


def score_columns(checklist: Checklist) -> list[str]:
    """Item and pitfall columns are named by their code (A1 … D2, P1 … P4), as people cite them."""
    return [
        "document",
        "path",
        "region",
        "centrumgemeente",
        "title",
        "period",
        "status",
        "error",
        "pages",
        "score",
        "percentile",
        *(f"area_{a}" for a in checklist.areas),
        *(i.code for i in checklist.items),
        *(p.code for p in checklist.pitfalls),
        "warnings",  # added last, so readers of the older columns keep working
    ]


def write_scores(batch: list[Entry], out: Path, checklist: Checklist) -> Path:
    """One row per document. Item columns hold the level (0, 1, 2), empty when the item has no rules yet
    or the file failed; pitfall columns hold 1 when the pitfall fires; ``warnings`` the warning codes."""
    target = out / "scores.csv"
    codes = {i.id: i.code for i in checklist.items} | {p.id: p.code for p in checklist.pitfalls}
    with open_atomic(target, newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=score_columns(checklist))
        writer.writeheader()
        for e in batch:
            r = e.outcome.report
            row: dict[str, object] = {
                "document": e.name,
                "path": e.outcome.path,
                "region": e.meta("region"),
                "centrumgemeente": e.meta("centrumgemeente"),
                "title": e.meta("title"),
                "period": e.meta("period"),
                "status": e.outcome.status,
                "error": e.outcome.error_code or "",
                "pages": r.document.pages if r else "",
            }
            if r is not None:
                row["score"] = r.score
                row["percentile"] = e.percentile
                row.update({f"area_{a.id}": a.score for a in r.areas})
                row.update({codes.get(i.id, i.code or i.id): i.level if i.checked else "" for i in r.items})
                fired = {p.id for p in r.pitfalls if p.evidence}
                row.update({codes[p]: int(p in fired) for p in checklist.pitfall_ids})
                row["warnings"] = r.warning_codes()
            writer.writerow({k: _safe(str(v)) if isinstance(v, str) else v for k, v in row.items()})
    return target


EVIDENCE_COLUMNS = ["document", "kind", "code", "item", "page", "page_label", "section", "text", "qualifiers", "counted", "operational", "rule"]


def write_evidence(batch: list[Entry], out: Path) -> Path:
    """One row per piece of evidence (items, pitfalls and hints), counted or not."""
    target = out / "evidence.csv"
    with open_atomic(target, newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=EVIDENCE_COLUMNS)
        writer.writeheader()
        for e in batch:
            r = e.outcome.report
            if r is None:
                continue
            groups = [("item", i.code or "", i.id, i.evidence) for i in r.items]
            groups += [("pitfall", p.code or "", p.id, p.evidence) for p in r.pitfalls]
            groups += [("hint", "", h.id, h.evidence) for h in r.hints]
            for kind, code, target_id, evidence in groups:
                for ev in evidence:
                    writer.writerow(
                        {
                            "document": _safe(e.name),
                            "kind": kind,
                            "code": code,
                            "item": target_id,
                            "page": ev.page,
                            "page_label": _safe(ev.page_label or ""),
                            "section": _safe(ev.section or ""),
                            "text": _safe(ev.text),
                            "qualifiers": ";".join(ev.qualifiers),
                            "counted": int(ev.counted),
                            "operational": int(ev.operational),
                            "rule": _safe(ev.rule),
                        }
                    )
    return target


def summary(batch: list[Entry], *, formats: list[str], jobs: int, cache: Cache, seconds: float, exit_code: int, lang: str, unmatched_rows: list[Row]) -> dict:
    outcomes = [e.outcome for e in batch]
    rss = [o.worker_peak_rss_mb for o in outcomes if o.worker_peak_rss_mb is not None]
    return {
        "tool": {"name": "genderscan", "version": __version__},
        "exit_code": exit_code,
        "seconds": round(seconds, 2),
        "jobs": jobs,
        "formats": formats,
        "cache": {
            "dir": str(cache.root) if cache.enabled else None,
            "reports": sum(o.cached == "report" for o in outcomes),
            "documents": sum(o.cached == "document" for o in outcomes),
            "failures": sum(o.cached == "failure" for o in outcomes),
            "computed": sum(o.status == "ok" and o.cached is None for o in outcomes),
        },
        "counts": {
            "documents": len(outcomes),
            "ok": sum(o.status == "ok" for o in outcomes),
            "failed": sum(o.status == "failed" for o in outcomes),
            "pages": sum(o.pages for o in outcomes),
        },
        "worker_peak_rss_mb": max(rss) if rss else None,
        "documents": [
            {
                "document": e.name,
                "path": e.outcome.path,
                "region": e.meta("region") or None,
                "centrumgemeente": e.meta("centrumgemeente") or None,
                "title": e.meta("title") or None,
                "period": e.meta("period") or None,
                "status": e.outcome.status,
                "score": e.outcome.report.score if e.outcome.report else None,
                "percentile": e.percentile,
                "pages": e.outcome.pages,
                "cached": e.outcome.cached,
                "seconds": e.outcome.seconds,
                "outputs": e.outputs,
                **({"error": {"code": e.outcome.error_code, "message": e.outcome.error}} if e.outcome.status == "failed" else {}),
            }
            for e in batch
        ],
        "failures": [{"document": e.name, "path": e.outcome.path, "code": e.outcome.error_code, "message": e.outcome.error} for e in batch if e.outcome.status == "failed"],
        "manifest_rows_without_document": [{"region": r.region, "title": r.title, "period": r.period, "path": r.path} for r in unmatched_rows],
    }


def write_summary(data: dict, out: Path) -> Path:
    return write_text(out / "summary.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n")


# -- overview.html ------------------------------------------------------------
LEVEL_COLOURS = ["#d7301f", "#fdae61", "#1a9850"]  # afwezig, genoemd, uitgewerkt
NOT_CHECKED_COLOUR = "#e0e0e0"


def heatmap_svg(batch: list[Entry], checklist: Checklist, lang: str, cache: Cache | None = None) -> str:
    """Documents x items as an inline SVG, drawn here (no plotting library); cached by its content."""
    ok = [e for e in batch if e.outcome.report is not None]
    if not ok:
        return ""
    codes = [i.code for i in checklist.items]
    matrix = [[(it.level if it.checked else -1) for it in e.outcome.report.items] for e in ok if e.outcome.report is not None]
    labels = [f"{e.meta('region')} ({e.meta('period')})" if e.meta("region") and e.meta("period") else e.meta("region") or e.name for e in ok]
    key = hashlib.sha256(json.dumps(["svg-2", __version__, lang, codes, labels, matrix]).encode()).hexdigest()
    if cache is not None and (svg := cache.get_blob("heatmap", key)):
        return svg
    svg = draw_heatmap(matrix, labels, codes, lang)
    if cache is not None:
        cache.put_blob("heatmap", key, svg)
    return svg


#: Text colour per level (-1 = not checked): dark on the light cells, white on the dark ones (contrast >= 4.5:1).
_INK = {-1: "#333333", 0: "#ffffff", 1: "#222222", 2: "#ffffff"}


def draw_heatmap(matrix: list[list[int]], labels: list[str], codes: list[str], lang: str) -> str:
    """An SVG table of coloured cells with the level printed in each (colour is not the only cue),
    the item codes on top, the documents on the left and a legend below. It scales with ``viewBox``."""
    from html import escape

    cell_w, cell_h, gap = 30, 22, 2
    shown = [lbl if len(lbl) <= 40 else lbl[:39] + "…" for lbl in labels]
    label_w = 12 + 7 * max((len(lbl) for lbl in shown), default=10)
    top = 24
    width = label_w + len(codes) * (cell_w + gap) + 8
    legend_y = top + len(labels) * (cell_h + gap) + 14
    height = legend_y + 26
    levels = checklist_levels(lang)
    title = message("batch_heatmap_heading", lang)
    desc = message("batch_heatmap_caption", lang)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="heatmap-title heatmap-desc" font-family="system-ui, DejaVu Sans, Arial, sans-serif" font-size="12">',
        f'<title id="heatmap-title">{escape(title)}</title><desc id="heatmap-desc">{escape(desc)}</desc>',
    ]
    for x, code in enumerate(codes):
        cx = label_w + x * (cell_w + gap) + cell_w / 2
        out.append(f'<text x="{cx:g}" y="{top - 8}" text-anchor="middle" font-weight="600">{escape(code)}</text>')
    for y, (label, row) in enumerate(zip(shown, matrix, strict=True)):
        ry = top + y * (cell_h + gap)
        out.append(f'<text x="{label_w - 8}" y="{ry + cell_h / 2 + 4:g}" text-anchor="end">{escape(label)}</text>')
        for x, level in enumerate(row):
            rx = label_w + x * (cell_w + gap)
            colour = NOT_CHECKED_COLOUR if level < 0 else LEVEL_COLOURS[level]
            name = message("batch_not_checked", lang) if level < 0 else levels[level]
            out.append(
                f'<g><title>{escape(label)}, {escape(codes[x])}: {escape(name)}</title>'
                f'<rect x="{rx}" y="{ry}" width="{cell_w}" height="{cell_h}" fill="{colour}"/>'
                f'<text x="{rx + cell_w / 2:g}" y="{ry + cell_h / 2 + 4:g}" text-anchor="middle" fill="{_INK[level]}">{"·" if level < 0 else level}</text></g>'
            )
    x = label_w
    for colour, name in [*zip(LEVEL_COLOURS, levels, strict=True), (NOT_CHECKED_COLOUR, message("batch_not_checked", lang))]:
        out.append(f'<rect x="{x}" y="{legend_y}" width="14" height="14" fill="{colour}"/><text x="{x + 19}" y="{legend_y + 11}">{escape(name)}</text>')
        x += 19 + 7 * len(name) + 18
    out.append("</svg>")
    return "\n".join(out)


def checklist_levels(lang: str) -> list[str]:
    try:
        levels = checklist_texts(lang)["levels"]
        return [levels[0], levels[1], levels[2]]
    except (OSError, KeyError, TypeError, IndexError):
        return [message(f"batch_level_{n}", lang) for n in range(3)]


def item_titles(lang: str, checklist: Checklist) -> dict[str, str]:
    try:
        items = checklist_texts(lang).get("items", {})
    except OSError:
        items = {}
    return {i.id: (items.get(i.id) or {}).get("title", i.id) for i in checklist.items}


def write_overview(batch: list[Entry], out: Path, data: dict, lang: str, cache: Cache | None = None, checklist: Checklist | None = None) -> Path:
    from jinja2 import Environment, PackageLoader, select_autoescape

    checklist = checklist or load_checklist()
    env = Environment(loader=PackageLoader("genderscan.batch", "templates"), autoescape=select_autoescape(["html", "j2"]))
    env.globals["t"] = lambda code, **kw: message(code, lang, **kw)
    from genderscan.i18n import load
    from genderscan.report.view import fmt_score

    ui = load(lang, "ui")
    env.filters["score"] = lambda value: fmt_score(value, ui)  # as in the reports: 60,0 in Dutch
    template = env.get_template("overview.html.j2")
    html = template.render(
        lang=lang,
        data=data,
        batch=batch,
        checklist=checklist,
        titles=item_titles(lang, checklist),
        levels=checklist_levels(lang),
        colours=LEVEL_COLOURS,
        not_checked_colour=NOT_CHECKED_COLOUR,
        heatmap=heatmap_svg(batch, checklist, lang, cache),
    )
    return write_text(out / "overview.html", html)


def ensure_out(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(out, exc) from None


__all__ = [
    "EVIDENCE_COLUMNS",
    "Entry",
    "entries",
    "ensure_out",
    "draw_heatmap",
    "heatmap_svg",
    "remove_stale_reports",
    "score_columns",
    "summary",
    "write_evidence",
    "write_overview",
    "write_reports",
    "write_scores",
    "write_summary",
]
