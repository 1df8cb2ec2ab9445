"""Ingest benchmark: pages/second of genderscan's PDF ingest vs. raw pypdfium2 text extraction.

Run:  PYTHONPATH=src python benchmarks/bench_ingest.py [--pages 60] [--repeat 5] [--pdfplumber]

Generates a two-column, regiovisie-like PDF (running header/footer, headings,
hyphenated line breaks, bullets, footnotes) with reportlab, then times, on the
same file in the same run (best of ``--repeat``):

* raw pypdfium2: open the PDF and ``get_text_range()`` every page;
* genderscan: ``genderscan.ingest.read_document`` (layout, cleaning, blocks);
* optionally pdfplumber ``extract_text()`` for comparison.

Targets (issue 3): genderscan >= 100 pages/s and at most 3x slower than raw
pypdfium2. Exit code 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "ingest"))


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pdfplumber", action="store_true", help="also time pdfplumber (slow)")
    args = parser.parse_args()

    import pypdfium2 as pdfium
    from pdfgen import make_pdf, regiovisie_pages

    from genderscan.ingest import read_document

    with tempfile.TemporaryDirectory() as tmp:
        path = make_pdf(Path(tmp) / "regiovisie-60.pdf", regiovisie_pages(args.pages), cover=False)

        def raw_pdfium() -> None:
            pdf = pdfium.PdfDocument(str(path))
            for i in range(len(pdf)):
                page = pdf[i]
                textpage = page.get_textpage()
                textpage.get_text_range()
                textpage.close()
                page.close()
            pdf.close()

        def genderscan_ingest() -> None:
            read_document(path)

        read_document(path)  # warm up imports and caches
        raw_pdfium()
        t_raw = best_of(args.repeat, raw_pdfium)
        t_gs = best_of(args.repeat, genderscan_ingest)
        doc = read_document(path)
        rows = [("pypdfium2 raw text", t_raw), ("genderscan ingest", t_gs)]
        if args.pdfplumber:
            import pdfplumber

            def plumber() -> None:
                with pdfplumber.open(path) as pdf:
                    for page in pdf.pages:
                        page.extract_text()

            rows.append(("pdfplumber extract_text", best_of(1, plumber)))

    n = args.pages
    print(f"{n}-page two-column PDF, best of {args.repeat} runs")
    for name, t in rows:
        print(f"  {name:<26} {t * 1000:8.1f} ms  {n / t:8.0f} pages/s")
    ratio = t_gs / t_raw
    pps = n / t_gs
    print(f"  genderscan / raw pypdfium2: {ratio:.2f}x  ({len(doc.blocks)} blocks, {len(doc.text)} chars)")
    ok = pps >= 100 and ratio <= 3
    print(f"  target >= 100 pages/s and <= 3x raw: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
