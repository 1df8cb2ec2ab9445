"""Render examples/regiovisie-voorbeeld.txt to examples/regiovisie-voorbeeld.pdf.

Run:  /tmp/venv/bin/python examples/make_example_pdf.py

Text conventions: paragraphs are separated by a blank line, a line with only a
form feed starts a new page, numbered lines ("2.1 ...") and "Bijlage..." lines
are headings, lines starting with "- " are bullet items. The first paragraph is
the document title. The output is deterministic (invariant=1).
"""

import re
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "regiovisie-voorbeeld.txt"
TARGET = HERE / "regiovisie-voorbeeld.pdf"
SHORT_TITLE = "Regiovisie Veenstreek 2025–2028"

HEADING = re.compile(r"^(\d+(?:\.\d+)*)\s+\S|^Bijlage\b")

BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=9.5, leading=12.5,
                      alignment=TA_JUSTIFY, spaceAfter=5)
BULLET = ParagraphStyle("bullet", parent=BODY, leftIndent=14, bulletIndent=4,
                        spaceAfter=2)
TITLE = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=16,
                       leading=20, spaceAfter=10)
H1 = ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=13, leading=16,
                    spaceBefore=8, spaceAfter=6)
H2 = ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=11, leading=14,
                    spaceBefore=6, spaceAfter=4)


def blocks(page_text):
    """Split one page of text into paragraphs (lists of lines)."""
    for chunk in re.split(r"\n\s*\n", page_text.strip("\n")):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if lines:
            yield lines


def flowables(text):
    story, first = [], True
    for number, page in enumerate(text.split("\f")):
        if number:
            story.append(PageBreak())
        for lines in blocks(page):
            if first:
                story.append(Paragraph(escape(" ".join(lines)), TITLE))
                first = False
            elif all(line.startswith("- ") for line in lines):
                for line in lines:
                    story.append(Paragraph(escape(line[2:]), BULLET, bulletText="-"))
                story.append(Spacer(1, 4))
            elif len(lines) == 1 and HEADING.match(lines[0]):
                match = HEADING.match(lines[0])
                level2 = match.group(1) and "." in match.group(1)
                story.append(Paragraph(escape(lines[0]), H2 if level2 else H1))
            else:
                story.append(Paragraph(escape(" ".join(lines)), BODY))
    return story


def header_footer(canvas, doc):
    width, height = A4
    canvas.saveState()
    canvas.setFont("Helvetica", 8)
    canvas.drawString(2.2 * cm, height - 1.5 * cm, SHORT_TITLE)
    canvas.line(2.2 * cm, height - 1.65 * cm, width - 2.2 * cm, height - 1.65 * cm)
    canvas.drawRightString(width - 2.2 * cm, 1.2 * cm, f"pagina {doc.page}")
    canvas.restoreState()


def main():
    text = SOURCE.read_text(encoding="utf-8")
    doc = SimpleDocTemplate(
        str(TARGET), pagesize=A4, invariant=1,
        leftMargin=2.2 * cm, rightMargin=2.2 * cm,
        topMargin=2.2 * cm, bottomMargin=2.0 * cm,
        title="Regiovisie Huiselijk Geweld en Kindermishandeling Regio Veenstreek 2025–2028",
        author="Centrumgemeente Veenhaven (fictief voorbeeld)",
        subject="Voorbeeld voor genderscan", creator="genderscan examples",
    )
    doc.build(flowables(text), onFirstPage=header_footer, onLaterPages=header_footer)
    print(f"wrote {TARGET.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
