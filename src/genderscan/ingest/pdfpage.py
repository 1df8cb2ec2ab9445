"""One PDF page's lines: the :class:`Line` the PDF reader builds, columns and reading order, and
running headers and footers (repeated in the margin bands of several pages) with printed page numbers."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from genderscan.ingest.layout import PAGE_NUMBER

HEADER_BAND = 0.09  # top/bottom share of the page height where running headers/footers live


@dataclass(slots=True)
class Line:
    text: str
    x0: float
    x1: float
    base: float  # baseline y (PDF space, bottom-up)
    size: float
    bold: bool
    page: int
    column: int = 0

    @property
    def top(self) -> float:
        return self.base + self.size * 0.8


# ---------------------------------------------------------------------------
# columns


def assign_columns(lines: list[Line], width: float) -> list[float]:
    """Find column boundaries (x) and set ``line.column``; return the boundaries."""
    if len(lines) < 4:
        return []
    left_edge = min(l.x0 for l in lines)
    xs = sorted(l.x0 for l in lines if l.x0 >= left_edge + 0.2 * width)
    bounds: list[float] = []
    for x in xs:
        if bounds and x - bounds[-1] < 0.15 * width:
            continue
        near = sum(1 for l in lines if abs(l.x0 - x) <= 4)
        if near < 3:
            continue
        crossing = sum(1 for l in lines if l.x0 < x - 4 and l.x1 > x + 4)
        left = sum(1 for l in lines if l.x1 <= x + 4 and l.x0 >= (bounds[-1] if bounds else 0))
        if crossing <= max(2, 0.12 * len(lines)) and left >= 3:
            bounds.append(x - 4)
    for line in lines:
        col = 0
        for k, b in enumerate(bounds):
            if line.x0 >= b:
                col = k + 1
        # a line that crosses a boundary spans columns
        if any(line.x0 < b and line.x1 > b + 8 for b in bounds):
            col = -1
        line.column = col
    return bounds


def reading_order(lines: list[Line], width: float) -> list[Line]:
    """Lines column by column, in bands separated by full-width lines."""
    bounds = assign_columns(lines, width)
    by_y = sorted(lines, key=lambda l: (-l.base, l.x0))
    if not bounds:
        return by_y
    out: list[Line] = []
    band: list[Line] = []

    def flush() -> None:
        band.sort(key=lambda l: (l.column, -l.base, l.x0))
        out.extend(band)
        band.clear()

    for line in by_y:
        if line.column == -1:
            flush()
            out.append(line)
        else:
            band.append(line)
    flush()
    return out


# ---------------------------------------------------------------------------
# running headers and footers


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", text.lower())).strip()


def running_lines(pages: list[list[Line]], heights: list[float], body: float) -> set[tuple[str, str]]:
    """Keys (zone, text with digits masked) of lines repeated in the top/bottom band of several pages.

    Lines in a font larger than the body text are headings, not running headers.
    """
    seen: Counter[tuple[str, str]] = Counter()
    for lines, h in zip(pages, heights):
        keys = set()
        for zone, line in _edge_lines(lines, h):
            if line.size <= body * 1.05 and not line.bold:
                keys.add((zone, _key(line.text)))
        seen.update(keys)
    n = len(pages)
    need = 2 if n <= 4 else 3
    return {k for k, c in seen.items() if c >= need and (n > 2 or c == n)}


def _edge_lines(lines: list[Line], height: float):
    """The outermost lines at the top and bottom of a page, if they lie in the margin band and stand apart."""
    if not lines:
        return
    ordered = sorted(lines, key=lambda l: -l.base)
    for i, line in enumerate(ordered[:2]):
        inner = ordered[i + 1] if i + 1 < len(ordered) else None
        if line.base >= height * (1 - HEADER_BAND) and (inner is None or line.base - inner.base > 1.5 * line.size):
            yield "top", line
    tail = ordered[-2:]
    for i, line in enumerate(reversed(tail)):
        k = len(ordered) - 1 - i
        inner = ordered[k - 1] if k >= 1 else None
        if line.base <= height * HEADER_BAND and (inner is None or inner.base - line.base > 1.5 * line.size):
            yield "bottom", line


def strip_running(lines: list[Line], height: float, running: set[tuple[str, str]]) -> tuple[list[Line], str | None]:
    """Remove running headers/footers and page numbers; return the kept lines and a printed page number."""
    drop: set[int] = set()
    printed = None
    for zone, line in _edge_lines(lines, height):
        if (zone, _key(line.text)) in running or PAGE_NUMBER.match(line.text):
            drop.add(id(line))
            m = PAGE_NUMBER.match(line.text) and re.search(r"\d+", line.text)
            if m and printed is None:
                printed = m.group()
    return [l for l in lines if id(l) not in drop], printed
