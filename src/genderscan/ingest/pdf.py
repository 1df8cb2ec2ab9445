"""PDF reader: text and positions via pypdfium2, layout analysis per page, cleaning by :mod:`.layout`.

Speed matters (a regiovisie is 30-80 pages; batch runs read hundreds), so the
reader never asks pdfium about every character. It takes the page text in one
call (``get_text_range``, one character per pdfium char index) and asks for the
position, font size and font name only of the first and last character of each
line (plus the few characters that may be footnote markers or a column gap).
pdfplumber (pdfminer) is not used: it is ~20x slower and pdfium's line
positions carry all the layout this reader needs. See docs/ingest.md.

Per page the reader

1. splits the text into lines with their box, baseline, font size and boldness;
2. finds column gutters (x positions many lines start at and almost no line
   crosses) and orders lines column by column between full-width lines;
3. drops running headers/footers (lines in the top or bottom band that repeat,
   digits ignored, on several pages) and page numbers;
4. keeps small-font lines at the page bottom that start with a number out of
   the running text, as footnotes, and removes the superscript markers;
5. groups lines into headings (larger or bold, short), list items and
   paragraphs (by vertical gap), and hands them to :func:`.layout.emit`.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from genderscan.document import BlockKind, Document, DocumentBuilder, Notice
from genderscan.errors import InputError
from genderscan.limits import CharacterBudget, Limits, check_pages
from genderscan.ingest.pdfpage import Line, reading_order, running_lines, strip_running
from genderscan.ingest.layout import (
    BULLET,
    PAGE_NUMBER,
    SENTENCE_END,
    is_toc_line,
    Lexicon,
    PageInfo,
    Piece,
    clean_line,
    emit,
    heading_level,
)

#: A document with more image-only pages than this share is refused, not scored 0.
MAX_IMAGE_PAGE_SHARE = 0.5
#: A page with fewer visible characters than this counts as without text.
MIN_PAGE_CHARS = 20
BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)
MARKER_CANDIDATE = re.compile(r"(?<=[^\W\d_]{2})([.,;:)’”]?)(\d{1,3})(?=\s|$)")
LINE = re.compile(r"[^\r\n]+")
DIGIT = re.compile(r"\d")


def open_pdf(path: Path, data: bytes) -> pdfium.PdfDocument:
    if b"%PDF" not in data[:1024]:
        raise InputError("not_a_pdf", path=str(path))
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        detail = str(exc)
        if "password" in detail.lower():
            raise InputError("encrypted_pdf", path=str(path)) from None
        raise InputError("corrupt_file", path=str(path), kind="PDF", detail=detail) from None


class _CharInfo:
    """Thin, allocation-free access to pdfium's per-character data."""

    def __init__(self, textpage: pdfium.PdfTextPage) -> None:
        self.tp = textpage
        self._l, self._r, self._b, self._t = (ctypes.c_double() for _ in range(4))
        self._x, self._y = ctypes.c_double(), ctypes.c_double()
        self._buf = ctypes.create_string_buffer(96)
        self._flags = ctypes.c_int()
        self._bold: dict[bytes, bool] = {}

    def box(self, i: int) -> tuple[float, float, float, float]:
        raw.FPDFText_GetCharBox(self.tp, i, self._l, self._r, self._b, self._t)
        return self._l.value, self._r.value, self._b.value, self._t.value

    def origin(self, i: int) -> tuple[float, float]:
        raw.FPDFText_GetCharOrigin(self.tp, i, self._x, self._y)
        return self._x.value, self._y.value

    def right(self, i: int) -> float:
        raw.FPDFText_GetCharBox(self.tp, i, self._l, self._r, self._b, self._t)
        return self._r.value

    def size(self, i: int) -> float:
        return raw.FPDFText_GetFontSize(self.tp, i)

    def bold(self, i: int) -> bool:
        raw.FPDFText_GetFontInfo(self.tp, i, self._buf, 96, self._flags)
        name = self._buf.value
        hit = self._bold.get(name)
        if hit is None:
            hit = self._bold[name] = bool(BOLD.search(name.decode("latin-1")))
        return hit or bool(self._flags.value & 0x40000)


def page_lines(textpage: pdfium.PdfTextPage, number: int) -> list[Line]:
    """The visual lines of one page, with position and font."""
    n = textpage.count_chars()
    if n <= 0:
        return []
    text = textpage.get_text_range()
    if len(text) != n:  # not one char per index (rare): ask pdfium char by char
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage, i) or 32) for i in range(n))
    info = _CharInfo(textpage)
    origin, right, size_of, is_bold = info.origin, info.right, info.size, info.bold
    segments: list[tuple[int, int, float, float, float]] = []
    for m in LINE.finditer(text):
        a, b = m.span()
        while a < b and text[a] == " ":
            a += 1
        while b > a and text[b - 1] == " ":
            b -= 1
        if a < b:
            x0, base = origin(a)
            segments.append((a, b, x0, right(b - 1), base))
    segments = _split_wide(segments, text, info)
    lines: list[Line] = []
    prev: Line | None = None
    for a, b, x0, x1, base in segments:
        seg = text[a:b]
        # a representative letter for the font size (skip bullets and digits)
        k = a if seg[0].isalpha() else next((a + j for j, c in enumerate(seg[:12]) if c.isalpha()), a)
        size = size_of(k) or 10.0
        # only lines that could be a heading need the (slower) font name
        bold = (
            not seg[0].islower() and seg[-1] not in ".,;" and b - a < 160
            and is_bold(k) and (not seg[-1].isalnum() or is_bold(b - 1))
        )
        if DIGIT.search(seg):
            seg = _drop_markers(seg, a, size, info)
        if prev is not None and abs(prev.base - base) < 0.3 * size and -1 <= x0 - prev.x1 < 1.5 * size:
            # pdfium broke one visual line (e.g. after a superscript): join the pieces again
            prev.text += (" " if x0 - prev.x1 > 0.15 * size else "") + seg
            prev.x1 = x1
            prev.bold = prev.bold and bold
            continue
        prev = Line(seg, x0, x1, base, size, bold, number)
        lines.append(prev)
    return lines


def _drop_markers(seg: str, a: int, size: float, info: _CharInfo) -> str:
    """Remove superscript footnote numbers glued to a word ("bereikt.7" -> "bereikt.")."""
    cut: list[tuple[int, int]] = []
    for m in MARKER_CANDIDATE.finditer(seg):
        if info.size(a + m.start(2)) < size * 0.85:
            cut.append(m.span(2))
    for s, e in reversed(cut):
        seg = seg[:s] + seg[e:]
    return seg


def _split_wide(segments: list[tuple[int, int, float, float, float]], text: str, info: _CharInfo) -> list[tuple[int, int, float, float, float]]:
    """pdfium joins two columns' lines that share a baseline into one line; split them at a wide gap.

    Only lines that are much wider than their number of characters suggests (a gap inside) or
    much wider than the page's typical line are examined, at their spaces, so ordinary pages
    cost nothing extra.
    """
    if len(segments) < 2:
        return segments
    density = sorted((x1 - x0) / (b - a) for a, b, x0, x1, _ in segments if b - a >= 8)
    if not density:
        return segments
    typical = density[len(density) // 2]
    widths = sorted(x1 - x0 for _, _, x0, x1, _ in segments)
    wide = widths[len(widths) // 2] * 1.35
    out: list[tuple[int, int, float, float, float]] = []
    for a, b, x0, x1, base in segments:
        if b - a < 8 or ((x1 - x0) < wide and (x1 - x0) / (b - a) < typical * 1.25) or " " not in text[a:b]:
            out.append((a, b, x0, x1, base))
            continue
        cut_a, cut_x0 = a, x0
        for j in range(a + 1, b - 1):
            if text[j] != " ":
                continue
            left, right = info.box(j - 1)[1], info.box(j + 1)[0]
            if right - left > max(4 * typical, 12.0):
                out.append((cut_a, j, cut_x0, left, base))
                cut_a, cut_x0 = j + 1, right
        out.append((cut_a, b, cut_x0, x1, base))
    return out


# ---------------------------------------------------------------------------
# blocks


def body_size(pages: list[list[Line]]) -> float:
    weights: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            weights[line.size] += len(line.text)
    return round(weights.most_common(1)[0][0] * 2) / 2 if weights else 10.0


def split_footnotes(lines: list[Line], body: float) -> tuple[list[Line], list[Line]]:
    """Small-font lines at the bottom of the page that start with a note number."""
    if not lines:
        return lines, []
    bottom_up = sorted(lines, key=lambda l: l.base)
    block: list[Line] = []
    for line in bottom_up:
        if line.size <= body * 0.88 and line.size > 0:
            block.append(line)
        else:
            break
    if not block:
        return lines, []
    block.reverse()  # top-down
    # the footnote area begins at its first numbered line
    first = next((i for i, l in enumerate(block) if re.match(r"^(?:\d{1,3}|[*†¹²³⁴⁵⁶⁷⁸⁹])\s*\S", l.text)), None)
    if first is None:
        return lines, []
    notes = block[first:]
    ids = {id(l) for l in notes}
    return [l for l in lines if id(l) not in ids], notes


def page_pieces(lines: list[Line], body: float, heading_sizes: list[float]) -> list[Piece]:
    """Group ordered lines into pieces (heading, list item, paragraph)."""
    deltas = [
        round(a.base - b.base, 1)
        for a, b in zip(lines, lines[1:])
        if a.column == b.column and abs(a.size - b.size) < 0.5 and 0 < a.base - b.base < 3 * a.size
    ]
    leading = Counter(deltas).most_common(1)[0][0] if deltas else body * 1.25
    pieces: list[Piece] = []
    current: Piece | None = None
    prev: Line | None = None
    item_x = 0.0
    for line in lines:
        text = clean_line(line.text)
        if not text.strip():
            continue
        level = _heading(line, text, body, heading_sizes)
        if level is not None:
            if (
                current is not None
                and current.kind == BlockKind.heading
                and prev is not None
                and _near(prev, line, line.size * 1.5)
                and abs(prev.size - line.size) < 0.5
                and current.level == level
                and heading_level(text) is None
            ):
                current.lines.append((text, line.page))  # a heading over two lines
            else:
                current = Piece(BlockKind.heading, [(text, line.page)], level=level)
                pieces.append(current)
            prev = line
            continue
        starts_item = bool(BULLET.match(text)) and not re.match(r"^\d{1,2}\.\d", text)
        if is_toc_line(text):
            current = Piece(BlockKind.paragraph, [(text, line.page)])
            pieces.append(current)
            prev, current = line, None
            continue
        new = (
            current is None
            or current.kind == BlockKind.heading
            or starts_item
            or prev is None
            or not _near(prev, line, leading)
            or abs(prev.size - line.size) > 1.0
            or (current.kind == BlockKind.list_item and line.x0 < item_x - 2)
        )
        if not new and current is not None and prev is not None and line.x0 > prev.x0 + 8 and prev.text.rstrip().endswith(SENTENCE_END) and current.kind == BlockKind.paragraph:
            new = True  # first-line indent
        if new:
            current = Piece(BlockKind.list_item if starts_item else BlockKind.paragraph, [(text, line.page)])
            pieces.append(current)
            if starts_item:
                item_x = line.x0 + 6
        else:
            assert current is not None  # not new: there is a piece to continue
            current.lines.append((text, line.page))
        prev = line
    return pieces


def _near(a: Line, b: Line, leading: float) -> bool:
    if a.column != b.column and not (a.column == -1 or b.column == -1):
        return False
    gap = a.base - b.base
    return 0 < gap <= leading * 1.3 + 0.5


def _heading(line: Line, text: str, body: float, heading_sizes: list[float]) -> int | None:
    if not line.bold and line.size < body * 1.12:
        return None
    words = text.count(" ") + 1
    if words > 18 or text.endswith((",", ";")) or is_toc_line(text) or PAGE_NUMBER.match(text):
        return None
    bigger = line.size >= body * 1.12
    if not bigger and not (line.bold and line.size >= body * 0.95 and words <= 14 and not text.endswith(".")):
        return None
    if not any(c.isalpha() for c in text):
        return None
    numbered = heading_level(text)
    if numbered is not None:
        return numbered
    size = round(line.size * 2) / 2
    if size in heading_sizes:
        return heading_sizes.index(size) + 1
    return len(heading_sizes) + 1


# ---------------------------------------------------------------------------


def _has_objects(page: pdfium.PdfPage, kinds: list[int]) -> bool:
    for _obj in page.get_objects(filter=kinds, max_depth=2):
        return True
    return False


def _image_page(page: pdfium.PdfPage) -> bool:
    return _has_objects(page, [raw.FPDF_PAGEOBJ_IMAGE])


def _graphic_page(page: pdfium.PdfPage) -> bool:
    """Drawn content without text (vector paths, shadings): a scan vectorised, or a drawing."""
    return _has_objects(page, [raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_SHADING, raw.FPDF_PAGEOBJ_FORM])


def _page_label(pdf: pdfium.PdfDocument, index: int) -> str | None:
    try:
        return pdf.get_page_label(index) or None
    except Exception:  # no or broken /PageLabels
        return None


def read(path: Path, data: bytes, sha256: str, limits: Limits | None = None) -> Document:
    limits = limits or Limits()
    budget = CharacterBudget(str(path), limits)
    from genderscan.ingest.pdfcheck import largest_stream_over
    from genderscan.limits import MB, exceeded

    if b"%PDF" in data[:1024] and largest_stream_over(data, limits.max_pdf_stream_mb * MB):
        raise exceeded(str(path), "max_pdf_stream_mb", limits.max_pdf_stream_mb)
    pdf = open_pdf(path, data)
    try:
        all_lines: list[list[Line]] = []
        sizes: list[tuple[float, float]] = []
        labels: list[str | None] = []
        image_pages: list[int] = []
        blank_pages: list[int] = []
        graphic_pages = 0
        unloadable: list[int] = []
        count = len(pdf)
        if count == 0:
            raise InputError("pdf_no_pages", path=str(path))
        check_pages(str(path), count, limits)
        for index in range(count):
            try:
                page = pdf[index]
            except pdfium.PdfiumError:  # a page pdfium cannot load at all (damaged file): read as lost
                unloadable.append(index + 1)
                blank_pages.append(index + 1)
                labels.append(None)
                all_lines.append([])
                sizes.append(sizes[-1] if sizes else (595.0, 842.0))
                continue
            try:
                width, height = page.get_size()
                textpage = page.get_textpage()
                try:
                    lines = page_lines(textpage, index + 1)
                finally:
                    textpage.close()
                visible = sum(len(l.text.replace(" ", "")) for l in lines)
                budget.add(sum(len(l.text) for l in lines))
                if visible < MIN_PAGE_CHARS:
                    (image_pages if _image_page(page) else blank_pages).append(index + 1)
                    if index + 1 in blank_pages and _graphic_page(page):
                        graphic_pages += 1
                    if visible == 0 or index + 1 in image_pages:
                        lines = [] if visible == 0 else lines
            finally:
                page.close()
            labels.append(_page_label(pdf, index))
            all_lines.append(lines)
            sizes.append((width, height))
    finally:
        pdf.close()

    text_pages = count - len(image_pages) - len(blank_pages)
    if text_pages == 0:
        if image_pages or graphic_pages:
            raise InputError("scanned_pdf", path=str(path))
        raise InputError("empty_document", path=str(path))
    if len(image_pages) / count > MAX_IMAGE_PAGE_SHARE:
        raise InputError("mostly_scanned_pdf", path=str(path), image_pages=len(image_pages), pages=count)

    body = body_size(all_lines)
    running = running_lines(all_lines, [h for _, h in sizes], body)
    kept_pages: list[list[Line]] = []
    printed: list[str | None] = []
    for lines, (width, height) in zip(all_lines, sizes):
        lines, number = strip_running(lines, height, running)
        kept_pages.append(lines)
        printed.append(number)
    heading_sizes = sorted({round(l.size * 2) / 2 for p in kept_pages for l in p if l.size >= body * 1.12}, reverse=True)
    heading_sizes.append(body)  # bold body-size headings are the lowest level

    pieces: list[Piece] = []
    lexicon = Lexicon()
    for lines, (width, _height) in zip(kept_pages, sizes):
        ordered = reading_order(lines, width)
        body_lines, notes = split_footnotes(ordered, body)
        lexicon.learn([l.text for l in ordered])
        pieces.extend(page_pieces(body_lines, body, heading_sizes))
        if notes:
            pieces.extend(_footnote_pieces(notes))

    builder = DocumentBuilder(str(path), sha256, "pdf")
    use_printed = not any(labels) and _consistent(printed)
    infos = [
        PageInfo(i + 1, label=labels[i] or (printed[i] if use_printed else None), has_text=(i + 1) not in image_pages and (i + 1) not in blank_pages)
        for i in range(count)
    ]
    emit(builder, _footnotes_last(pieces), infos, lexicon)
    builder.warnings.extend(Notice(code="page_without_text", params={"page": n}) for n in image_pages)
    from genderscan.ingest.pdfcheck import is_damaged

    if unloadable or is_damaged(data):  # pdfium repaired the file silently: say so, and which pages came out empty
        builder.warnings.append(Notice(code="pdf_repaired"))
        builder.warnings.extend(Notice(code="pdf_page_lost_text", params={"page": n}) for n in blank_pages)
    return builder.build()


def _footnote_pieces(notes: list[Line]) -> list[Piece]:
    out: list[Piece] = []
    for line in notes:
        text = clean_line(line.text)
        if re.match(r"^(?:\d{1,3}|[*†])\s*\S", text) or not out:
            out.append(Piece(BlockKind.footnote, [(text, line.page)]))
        else:
            out[-1].lines.append((text, line.page))
    return out


def _footnotes_last(pieces: list[Piece]) -> list[Piece]:
    """Move footnotes after a paragraph that continues on the next page, so it can be re-joined."""
    out: list[Piece] = []
    held: list[Piece] = []
    for piece in pieces:
        if piece.kind == BlockKind.footnote:
            held.append(piece)
            continue
        if held:
            last = next((p for p in reversed(out) if p.kind != BlockKind.footnote), None)
            continues = (
                last is not None
                and piece.kind == BlockKind.paragraph
                and last.kind in (BlockKind.paragraph, BlockKind.list_item)
                and piece.lines[0][0][:1].islower()
                and not last.lines[-1][0].rstrip().endswith(SENTENCE_END)
            )
            if continues and last is not None:
                last.lines.extend(piece.lines)
                out.extend(held)
                held = []
                continue
            out.extend(held)
            held = []
        out.append(piece)
    out.extend(held)
    return out


def _consistent(printed: list[str | None]) -> bool:
    """True when the page numbers printed in headers/footers increase by one from page to page."""
    pairs = [(i, int(p)) for i, p in enumerate(printed) if p is not None and p.isdigit()]
    if len(pairs) < 3:
        return False
    return all(b[1] - a[1] == b[0] - a[0] for a, b in zip(pairs, pairs[1:]))
