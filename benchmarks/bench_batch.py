"""Benchmark ``genderscan batch``: 23 regiovisie-like PDFs of 40 pages (two columns, headers, footers).

Measures, in one run:

- raw pypdfium2 text extraction of the same files (the floor: no cleaning, no NLP);
- ``genderscan batch --jobs 1`` and ``--jobs 2``, each cold (empty cache) and cached (second run);
- peak RSS per worker process (from summary.json: ``worker_peak_rss_mb``).

Wall times are measured around the real command (``python -m genderscan batch``),
so they include start-up (importing spaCy). Run:

    PYTHONPATH=src python benchmarks/bench_batch.py            # prints a Markdown table
    PYTHONPATH=src python benchmarks/bench_batch.py --json     # machine-readable

The generated PDFs are kept in --data (default /tmp/genderscan-bench/pdfs) and
reused by later runs; text is taken from examples/regiovisie-voorbeeld.txt,
shuffled per region with a fixed seed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "examples" / "regiovisie-voorbeeld.txt"
REGIONS = [
    "Noord-Holland Noord", "Amsterdam-Amstelland", "Achterhoek", "Drenthe", "Flevoland", "Friesland",
    "Gelderland-Zuid", "Gooi en Vechtstreek", "Groningen", "Haaglanden", "Hart van Brabant", "Hollands Midden",
    "IJsselland", "Kennemerland", "Noord- en Midden-Limburg", "Noordoost-Brabant", "Noord- en Oost-Gelderland",
    "Rotterdam-Rijnmond", "Twente", "Regio Utrecht", "West-Veluwe Vallei", "Zaanstreek-Waterland", "Zeeland",
]  # fmt: skip
PAGES = 40


def paragraphs() -> list[str]:
    text = SOURCE.read_text(encoding="utf-8").replace("\f", "\n\n")
    chunks = [" ".join(c.split()) for c in re.split(r"\n\s*\n", text)]
    return [c for c in chunks if len(c) > 80]


def make_pdf(path: Path, region: str, seed: int, pages: int = PAGES) -> None:
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=9.5, leading=12.5, alignment=TA_JUSTIFY, spaceAfter=5)
    h1 = ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=12, leading=15, spaceBefore=6, spaceAfter=4)
    width, height = A4
    margin, gap = 2.0 * cm, 0.8 * cm
    col = (width - 2 * margin - gap) / 2
    frames = [Frame(margin + i * (col + gap), 2.0 * cm, col, height - 4.2 * cm, id=f"c{i}") for i in range(2)]

    def header_footer(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(margin, height - 1.4 * cm, f"Regiovisie huiselijk geweld en kindermishandeling {region}")
        canvas.line(margin, height - 1.55 * cm, width - margin, height - 1.55 * cm)
        canvas.drawString(margin, 1.2 * cm, "Vastgesteld door het college")
        canvas.drawRightString(width - margin, 1.2 * cm, f"pagina {doc.page} van {pages}")
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=A4, invariant=1, title=f"Regiovisie {region}")
    doc.addPageTemplates([PageTemplate(id="two", frames=frames, onPage=header_footer)])
    rng = random.Random(seed)
    source = paragraphs()
    story, chapter = [], 0
    # ~ 15 paragraphs fill one two-column page: write too many, then keep the first `pages`
    for i in range(pages * 18):
        if i % 25 == 0:
            chapter += 1
            story.append(Paragraph(f"{chapter} Hoofdstuk {chapter}", h1))
        story.append(Paragraph(escape(rng.choice(source)), body))
    doc.build(story)
    import pypdfium2 as pdfium

    full = pdfium.PdfDocument(str(path))
    trimmed = pdfium.PdfDocument.new()
    trimmed.import_pages(full, list(range(min(pages, len(full)))))
    full.close()
    with open(path.with_suffix(".tmp"), "wb") as fh:
        trimmed.save(fh)
    trimmed.close()
    path.with_suffix(".tmp").replace(path)


def generate(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i, region in enumerate(REGIONS):
        path = folder / f"regiovisie-{i + 1:02d}.pdf"
        if not path.exists():
            make_pdf(path, region, seed=i)
        files.append(path)
    return files


def raw_extraction(files: list[Path]) -> tuple[float, int]:
    import pypdfium2 as pdfium

    started = time.perf_counter()
    pages = 0
    for f in files:
        pdf = pdfium.PdfDocument(str(f))
        for page in pdf:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            pages += 1
        pdf.close()
    return time.perf_counter() - started, pages


def run_batch(folder: Path, out: Path, cache: Path, jobs: int) -> tuple[float, dict]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    cmd = [sys.executable, "-m", "genderscan", "batch", str(folder), "--out", str(out), "--jobs", str(jobs), "--cache-dir", str(cache), "--quiet"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 2):
        raise SystemExit(f"batch failed ({proc.returncode}):\n{proc.stderr}")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    # CPU seconds of the command and its workers: less sensitive than wall time to other load on the machine
    summary["cpu_seconds"] = round((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), 2)
    return seconds, summary


def stage_times(path: Path) -> dict[str, float]:
    """Seconds per pipeline stage for one file, in this process (pipeline and rules built beforehand)."""
    sys.path.insert(0, str(ROOT / "src"))
    from genderscan.config import Config
    from genderscan.ingest import read_document
    from genderscan.nlp import annotate, load_pipeline
    from genderscan.pipeline import ruleset_for
    from genderscan.report import build_report
    from genderscan.scoring import score

    config = Config()
    nlp = load_pipeline()
    ruleset = ruleset_for(config)
    ruleset.compiled(nlp)
    t0 = time.perf_counter()
    document = read_document(path)
    t1 = time.perf_counter()
    annotated = annotate(document, nlp)
    t2 = time.perf_counter()
    findings = ruleset.run(annotated, nlp)
    t3 = time.perf_counter()
    if config.semantic:
        from genderscan.pipeline import add_semantic

        findings = add_semantic(annotated, ruleset, findings)
    t3s = time.perf_counter()
    build_report(document, score(findings, ruleset.checklist, ruleset.checked_items()), "nl")
    t4 = time.perf_counter()
    return {"ingest": round(t1 - t0, 2), "nlp": round(t2 - t1, 2), "rules": round(t3 - t2, 2), "semantic": round(t3s - t3, 2), "score_and_report": round(t4 - t3s, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/tmp/genderscan-bench/pdfs"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/genderscan-bench/work"))
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    t0 = time.perf_counter()
    files = generate(args.data)
    generation = time.perf_counter() - t0
    raw_seconds, pages = raw_extraction(files)
    results = {"documents": len(files), "pages": pages, "cpus": os.cpu_count(), "generation_seconds": round(generation, 1), "raw_pypdfium2_seconds": round(raw_seconds, 2), "load_average_at_start": os.getloadavg(), "runs": []}
    results["stages_one_file"] = stage_times(files[0])
    for jobs in args.jobs:
        cache = args.work / f"cache-j{jobs}"
        shutil.rmtree(cache, ignore_errors=True)
        for phase in ("cold", "cached"):
            seconds, summary = run_batch(args.data, args.work / f"out-j{jobs}-{phase}", cache, jobs)
            results["runs"].append(
                {
                    "jobs": jobs,
                    "phase": phase,
                    "seconds": round(seconds, 2),
                    "cpu_seconds": summary["cpu_seconds"],
                    "ok": summary["counts"]["ok"],
                    "failed": summary["counts"]["failed"],
                    "from_cache": summary["cache"]["reports"],
                    "worker_peak_rss_mb": summary["worker_peak_rss_mb"],
                }
            )
    if args.json:
        print(json.dumps(results, indent=2))
        return
    load = ", ".join(f"{x:.1f}" for x in results["load_average_at_start"])
    print(f"{results['documents']} PDFs, {pages} pages, {results['cpus']} CPUs (load average at start: {load}); raw pypdfium2 text extraction: {raw_seconds:.2f} s")
    print("Per stage, one 40-page file: " + ", ".join(f"{k} {v:.2f} s" for k, v in results["stages_one_file"].items()))
    print()
    print("| jobs | run | wall time (s) | CPU time (s) | documents ok | from cache | peak RSS per worker (MB) |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for r in results["runs"]:
        rss = "–" if r["worker_peak_rss_mb"] is None else f"{r['worker_peak_rss_mb']:.0f}"
        print(f"| {r['jobs']} | {r['phase']} | {r['seconds']:.2f} | {r['cpu_seconds']:.2f} | {r['ok']} | {r['from_cache']} | {rss} |")


if __name__ == "__main__":
    main()
