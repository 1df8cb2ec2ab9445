"""Generate test PDFs that look like designed policy documents (reportlab canvas).

A document is a list of pages; a page has full-width items at the top
(``top``), one list of items per column (``cols``) and footnotes (``notes``).
Items are tuples:

* ``("h", text, size)``       heading in Helvetica-Bold
* ``("b", text)``             bold line in body size (an unnumbered heading)
* ``("p", [line, ...])``      a paragraph, already broken into lines; ``^7`` in a
  line draws "7" as a superscript footnote marker
* ``("li", [line, ...])``     a bullet item ("•" hanging in front)
* ``("toc", text, page)``     a contents line with dotted leader

Running header and footer ("pagina {n}") are drawn on every page except the
first (``cover=True``) — first in the content stream, as most generators do.
``interleave=True`` draws the columns line by line alternately (left, right,
left, ...), so pdfium sees both columns' lines on one baseline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas

BODY_FONT, BODY_SIZE, LEADING = "Helvetica", 10, 13
MARGIN = 56
GUTTER = 24


@dataclass
class PageSpec:
    top: list[tuple] = field(default_factory=list)
    cols: list[list[tuple]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def column_width(columns: int = 2) -> float:
    width = A4[0] - 2 * MARGIN
    return (width - GUTTER * (columns - 1)) / columns


def wrap(text: str, width: float, size: float = BODY_SIZE, font: str = BODY_FONT, breaks: dict[str, str] | None = None) -> list[str]:
    """Greedy line breaking; ``breaks`` maps words to their hyphenated first part ("gendersensitief": "gender-")."""
    breaks = breaks or {}
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if stringWidth(trial.replace("^", ""), font, size) <= width:
            line = trial
            continue
        head = breaks.get(word.strip(".,;:"))
        if head and stringWidth(f"{line} {head}", font, size) <= width:
            lines.append(f"{line} {head}" if line else head)
            line = word[len(head) - 1 :] if head.endswith("-") else word[len(head) :]
            continue
        lines.append(line)
        line = word
    if line:
        lines.append(line)
    return lines


def _draw_line(c, x: float, y: float, text: str, font: str = BODY_FONT, size: float = BODY_SIZE) -> None:
    """Draw ``text``; ``^N`` becomes a superscript marker in a smaller font."""
    parts = text.split("^")
    c.setFont(font, size)
    c.drawString(x, y, parts[0])
    x += stringWidth(parts[0], font, size)
    for part in parts[1:]:
        digits = "".join(ch for ch in part[:3] if ch.isdigit())
        rest = part[len(digits) :]
        c.setFont(font, size * 0.6)
        c.drawString(x, y + size * 0.4, digits)
        x += stringWidth(digits, font, size * 0.6)
        c.setFont(font, size)
        c.drawString(x, y, rest)
        x += stringWidth(rest, font, size)


def _item_ops(item: tuple, x: float, width: float) -> list[tuple]:
    """(dy_before, x, text, font, size, dy_after_line) drawing operations for one item."""
    kind = item[0]
    ops: list[tuple] = []
    if kind == "h":
        size = item[2] if len(item) > 2 else 13
        for i, line in enumerate(wrap(item[1], width, size, "Helvetica-Bold")):
            ops.append((size * 1.25 if i else size * 0.6, x, line, "Helvetica-Bold", size))
        ops.append((size * 0.5, None, "", "", 0))
    elif kind == "b":
        ops.append((4, x, item[1], "Helvetica-Bold", BODY_SIZE))
        ops.append((2, None, "", "", 0))
    elif kind == "p":
        for line in item[1]:
            ops.append((LEADING, x, line, BODY_FONT, BODY_SIZE))
        ops.append((6, None, "", "", 0))
    elif kind == "li":
        for i, line in enumerate(item[1]):
            if i == 0:
                ops.append((LEADING, x, "•", BODY_FONT, BODY_SIZE))
                ops.append((0, x + 12, line, BODY_FONT, BODY_SIZE))
            else:
                ops.append((LEADING, x + 12, line, BODY_FONT, BODY_SIZE))
        ops.append((3, None, "", "", 0))
    elif kind == "toc":
        text, page = item[1], str(item[2])
        w_text = stringWidth(text + " ", BODY_FONT, BODY_SIZE)
        w_page = stringWidth(" " + page, BODY_FONT, BODY_SIZE)
        dots = "." * int((width - w_text - w_page) / stringWidth(".", BODY_FONT, BODY_SIZE))
        ops.append((LEADING, x, f"{text} {dots} {page}", BODY_FONT, BODY_SIZE))
    return ops


def _layout(items: list[tuple], x: float, y: float, width: float) -> tuple[list[tuple[float, float, str, str, float]], float]:
    placed = []
    for item in items:
        for dy, ox, text, font, size in _item_ops(item, x, width):
            y -= dy
            if ox is not None:
                placed.append((ox, y, text, font, size))
    return placed, y


def make_pdf(
    path: Path,
    pages: list[PageSpec],
    header: str | None = "Regiovisie Veenstreek 2025–2028",
    footer: str | None = "pagina {n}",
    cover: bool = False,
    interleave: bool = False,
    encrypt: str | None = None,
    page_labels: list[tuple[int, str, int, str | None]] | None = None,
) -> Path:
    """Write the PDF; return ``path``."""
    kwargs = {"invariant": 1, "pageCompression": 0}
    if encrypt:
        from reportlab.lib import pdfencrypt

        kwargs["encrypt"] = pdfencrypt.StandardEncryption(encrypt, ownerPassword=encrypt + "-owner")
    c = rl_canvas.Canvas(str(path), pagesize=A4, **kwargs)
    width, height = A4
    for n, spec in enumerate(pages, start=1):
        if not (cover and n == 1):
            c.setFont(BODY_FONT, 8)
            if header:
                c.drawString(MARGIN, height - 36, header)
            if footer:
                c.drawRightString(width - MARGIN, 28, footer.format(n=n))
        placed, y = _layout(spec.top, MARGIN, height - 72, width - 2 * MARGIN)
        ncols = max(1, len(spec.cols))
        cw = column_width(ncols) if spec.cols else width - 2 * MARGIN
        columns = []
        for k, col in enumerate(spec.cols):
            col_placed, _ = _layout(col, MARGIN + k * (cw + GUTTER), y - 6, cw)
            columns.append(col_placed)
        for x, yy, text, font, size in placed:
            _draw_line(c, x, yy, text, font, size)
        if interleave:
            rows = max((len(col) for col in columns), default=0)
            for i in range(rows):
                for col in columns:
                    if i < len(col):
                        _draw_line(c, *col[i][:3], font=col[i][3], size=col[i][4])
        else:
            for col in columns:
                for x, yy, text, font, size in col:
                    _draw_line(c, x, yy, text, font, size)
        ny = 52 + 10 * len(spec.notes)
        if spec.notes:
            c.line(MARGIN, ny + 8, MARGIN + 120, ny + 8)
        for note in spec.notes:
            _draw_line(c, MARGIN, ny, note, BODY_FONT, 7.5)
            ny -= 10
        c.showPage()
    if page_labels:
        for page_index, style, start, prefix in page_labels:
            c.addPageLabel(page_index, style=style, start=start, prefix=prefix)
    c.save()
    return path


# ---------------------------------------------------------------------------
# a long regiovisie-like document (benchmark, speed)

SENTENCES = [
    "Partnergeweld treft vrouwen en mannen niet in gelijke mate en daarom kijken we in deze regiovisie nadrukkelijk naar gender.",
    "De regio werkt gendersensitief: we houden rekening met de verschillende posities van vrouwen en mannen in de aanpak.",
    "Veilig Thuis registreert meldingen uitgesplitst naar sekse, leeftijd en de relatie tussen pleger en slachtoffer.",
    "Professionals van de wijkteams volgen een training over dwingende controle en de rol van genderongelijkheid.",
    "We versterken de samenwerking tussen vrouwenopvang, politie, jeugdhulp en de regio-overstijgende expertisecentra.",
    "Economische afhankelijkheid maakt het voor slachtoffers moeilijk om een gewelddadige relatie te verlaten.",
    "Bij een scheiding neemt het risico op ernstig geweld toe, ook wanneer de relatie al voorbij is.",
    "Jongeren leren op school over gezonde relaties, grenzen en gelijkwaardigheid tussen meisjes en jongens.",
]
CHAPTERS = ["Inleiding", "Probleemanalyse", "Visie en uitgangspunten", "Preventie", "Bescherming", "Deskundigheid", "Monitoring"]
BREAKS = {"gendersensitief": "gender-", "regiovisie": "regio-", "genderongelijkheid": "gender-", "samenwerking": "samen-", "vrouwenopvang": "vrouwen-"}


def regiovisie_pages(n_pages: int = 60) -> list[PageSpec]:
    """``n_pages`` two-column pages with headings, paragraphs, bullets and footnotes."""
    cw = column_width(2)
    pages = []
    s = 0
    for n in range(1, n_pages + 1):
        cols: list[list[tuple]] = []
        for k in range(2):
            items: list[tuple] = []
            if k == 0:
                items.append(("h", f"{n} {CHAPTERS[n % len(CHAPTERS)]}", 13))
            lines_left = 48
            para = 0
            while lines_left > 8:
                text = " ".join(SENTENCES[(s + j) % len(SENTENCES)] for j in range(3))
                s += 3
                if para == 1 and k == 1:
                    text = text.replace("gelijke mate", "gelijke mate^1", 1)
                lines = wrap(text, cw, breaks=BREAKS)
                items.append(("p", lines))
                lines_left -= len(lines) + 1
                para += 1
                if para == 2:
                    items.append(("li", wrap(SENTENCES[s % len(SENTENCES)], cw - 12)))
                    lines_left -= 2
            cols.append(items)
        pages.append(PageSpec(cols=cols, notes=["1 Bron: Veilig Thuis Veenstreek, jaarcijfers."]))
    return pages
