"""HTML reader (standard library parser): h1-h6 headings, paragraphs, list items, table rows.

Scripts, styles, navigation, headers and footers of the page are skipped. An
HTML file is one page.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from genderscan.document import BlockKind, Document, DocumentBuilder
from genderscan.ingest.layout import PageInfo, Piece, clean_line, emit
from genderscan.ingest.text import decode_for
from genderscan.limits import Limits

SKIP = {"script", "style", "nav", "header", "footer", "noscript", "template", "svg", "head"}
BLOCKS = {"p": BlockKind.paragraph, "li": BlockKind.list_item, "tr": BlockKind.table, "caption": BlockKind.caption,
          "dd": BlockKind.paragraph, "dt": BlockKind.paragraph, "blockquote": BlockKind.paragraph, "div": BlockKind.paragraph,
          "td": None, "th": None}


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[Piece] = []
        self.skip = 0
        self.kind: BlockKind | None = None
        self.level: int | None = None
        self.buf: list[str] = []
        self.cells: list[str] | None = None

    def flush(self) -> None:
        text = " ".join("".join(self.buf).split())
        self.buf = []
        if self.cells is not None:
            if text:
                self.cells.append(text)
            return
        if text:
            self.pieces.append(Piece(self.kind or BlockKind.paragraph, [(clean_line(text), 1)], level=self.level))

    def handle_starttag(self, tag, attrs) -> None:
        if tag in SKIP:
            self.skip += 1
            return
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.flush()
            self.kind, self.level = BlockKind.heading, int(tag[1])
        elif tag == "tr":
            self.flush()
            self.cells = []
        elif tag in ("td", "th"):
            self.flush()
        elif tag in BLOCKS or tag == "br":
            self.flush()
            if tag in BLOCKS:
                self.kind, self.level = BLOCKS[tag], None

    def handle_endtag(self, tag) -> None:
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag == "tr":
            self.flush()
            if self.cells:
                self.pieces.append(Piece(BlockKind.table, [(" | ".join(self.cells), 1)]))
            self.cells = None
        elif tag in BLOCKS or tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.flush()
            self.kind, self.level = None, None

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.buf.append(data)


def read(path: Path, data: bytes, sha256: str, limits: Limits | None = None) -> Document:
    builder = DocumentBuilder(str(path), sha256, "html")
    parser = _Parser()
    parser.feed(decode_for(builder, path, data, limits))
    parser.close()
    parser.flush()
    emit(builder, parser.pieces, [PageInfo(1)])
    return builder.build()
