"""DOCX reader (python-docx): headings from paragraph styles, list items, tables, page breaks.

* Headings: built-in "Heading N" / "Kop N" styles (any language: the style's
  outline level or a trailing number), and "Title"/"Titel".
* List items: list styles ("List Bullet", "Lijstalinea", ...) or paragraphs
  with numbering properties.
* Tables: one table block per row, cells joined with " | ".
* Pages: Word writes where it last broke pages (``w:lastRenderedPageBreak``);
  those are used when present, else explicit page breaks. Footnotes and
  comments are not read.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from genderscan.document import BlockKind, Document, DocumentBuilder
from genderscan.errors import InputError
from genderscan.ingest.layout import PageInfo, Piece, clean_line, emit
from genderscan.limits import CharacterBudget, Limits, check_archive, check_pages

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADING_STYLE = re.compile(r"^(?:heading|kop|überschrift|titre)\s*(\d)$", re.I)
TITLE_STYLE = re.compile(r"^(?:title|titel|subtitle|ondertitel)$", re.I)
LIST_STYLE = re.compile(r"list|lijst|opsomming|bullet", re.I)


def _style_level(paragraph) -> tuple[BlockKind, int | None]:
    style = paragraph.style
    names = []
    while style is not None:
        names.append(style.name or "")
        style = style.base_style
    for name in names:
        m = HEADING_STYLE.match(name.strip())
        if m:
            return BlockKind.heading, int(m.group(1))
        if TITLE_STYLE.match(name.strip()):
            return BlockKind.heading, 1
    ppr = paragraph._p.pPr
    if ppr is not None:
        outline = ppr.find(f"{W}outlineLvl")
        if outline is not None and outline.get(f"{W}val", "9").isdigit() and int(outline.get(f"{W}val")) < 9:
            return BlockKind.heading, int(outline.get(f"{W}val")) + 1
        if ppr.find(f"{W}numPr") is not None:
            return BlockKind.list_item, None
    if any(LIST_STYLE.search(n) for n in names):
        return BlockKind.list_item, None
    return BlockKind.paragraph, None


def _page_breaks(element, rendered: bool) -> int:
    if rendered:
        return len(element.findall(f".//{W}lastRenderedPageBreak"))
    return sum(1 for br in element.iter(f"{W}br") if br.get(f"{W}type") == "page")


def read(path: Path, data: bytes, sha256: str, limits: Limits | None = None) -> Document:
    limits = limits or Limits()
    check_archive(str(path), data, limits)  # before python-docx expands every part in memory
    budget = CharacterBudget(str(path), limits)
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError("corrupt_file", path=str(path), kind="DOCX", detail=str(exc) or type(exc).__name__) from None
    except Exception as exc:  # python-docx raises several kinds for broken packages
        if exc.__class__.__name__ in ("PackageNotFoundError", "XMLSyntaxError", "OpcError"):
            raise InputError("corrupt_file", path=str(path), kind="DOCX", detail=str(exc)) from None
        raise

    body = document.element.body
    rendered = body.find(f".//{W}lastRenderedPageBreak") is not None
    page = 1
    pieces: list[Piece] = []
    for child in body.iterchildren():
        if child.tag == f"{W}p":
            breaks = _page_breaks(child, rendered)
            # python-docx reads text only from runs and hyperlinks: a paragraph without them is
            # empty (skipped cheaply; a hostile file can hold millions of them)
            if child.find(f"{W}r") is None and child.find(f"{W}hyperlink") is None:
                if breaks:
                    page += breaks
                    check_pages(str(path), page, limits)
                continue
            paragraph = Paragraph(child, document)
            # a break before any text starts the paragraph on the next page
            text = clean_line(paragraph.text.replace("\n", " ").replace("\v", " "))
            if breaks and not text.strip():
                page += breaks
                continue
            if text.strip():
                kind, level = _style_level(paragraph)  # only for text: a style lookup is slow
                budget.add(len(text))
                pieces.append(Piece(kind, [(text, page)], level=level))
            page += breaks
            check_pages(str(path), page, limits)
        elif child.tag == f"{W}tbl":
            table = Table(child, document)
            for row in table.rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = " ".join(clean_line(p.text) for p in cell.paragraphs if p.text.strip())
                    if value and (not cells or cells[-1] != value):  # merged cells repeat
                        cells.append(value)
                if cells:
                    budget.add(sum(map(len, cells)))
                    pieces.append(Piece(BlockKind.table, [(" | ".join(cells), page)]))
            page += _page_breaks(child, rendered)
            check_pages(str(path), page, limits)
    builder = DocumentBuilder(str(path), sha256, "docx")
    emit(builder, pieces, [PageInfo(n) for n in range(1, page + 1)])
    return builder.build()
