"""The document model: what ingest produces and every later stage reads.

A :class:`Document` is the cleaned text of one file, cut into :class:`Block` s
(headings, paragraphs, list items, ...) that each know their page and section,
with character offsets into ``Document.text``. ``Document.normalised`` is a
case- and diacritic-folded copy of the same length, so one offset locates a
match in both: rules match on the normalised form, reports quote the text.
"""

from __future__ import annotations

import bisect
import unicodedata
from enum import StrEnum
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field


class BlockKind(StrEnum):
    heading = "heading"
    paragraph = "paragraph"
    list_item = "list_item"
    table = "table"
    toc = "toc"  # table of contents: never evidence
    references = "references"  # bibliography / literature list: never evidence
    footnote = "footnote"  # footnote bodies: kept out of running sentences
    glossary = "glossary"  # begrippenlijst entries: count only as definitions
    caption = "caption"


#: Block kinds whose text is the document's own running text.
BODY_KINDS = frozenset({BlockKind.heading, BlockKind.paragraph, BlockKind.list_item, BlockKind.table, BlockKind.glossary, BlockKind.caption})


class Notice(BaseModel):
    """A non-fatal remark about the input (e.g. a page without text), by message code."""

    code: str
    params: dict[str, str | int] = Field(default_factory=dict)


class Page(BaseModel):
    """One physical page and the range of ``Document.text`` that came from it."""

    number: int = Field(description="Physical page number, 1-based.")
    label: str | None = Field(default=None, description="Printed page label, if the PDF has one.")
    start: int
    end: int
    has_text: bool = True


class Block(BaseModel):
    """A heading, paragraph, list item, ... with its provenance."""

    id: int
    kind: BlockKind
    text: str = Field(description="The block as it reads (hyphenation repaired, whitespace normalised).")
    start: int = Field(description="Offset of the first character in Document.text.")
    end: int = Field(description="Offset after the last character in Document.text.")
    page: int = Field(description="Physical page on which the block starts.")
    page_end: int | None = Field(default=None, description="Physical page on which the block ends, if not ``page``.")
    section: str | None = Field(default=None, description="Text of the nearest heading above the block.")
    heading_level: int | None = None


class Document(BaseModel):
    """The ingested document."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    path: str
    sha256: str
    format: str
    pages: list[Page]
    blocks: list[Block]
    text: str
    warnings: list[Notice] = Field(default_factory=list)

    @cached_property
    def normalised(self) -> str:
        """``text`` folded for matching; same length, so offsets are shared."""
        return fold(self.text)

    def page_at(self, offset: int) -> int:
        """The physical page number that holds ``offset``."""
        starts = [p.start for p in self.pages]
        i = max(0, bisect.bisect_right(starts, offset) - 1)
        return self.pages[i].number if self.pages else 1

    def page_label_at(self, offset: int) -> str:
        starts = [p.start for p in self.pages]
        i = max(0, bisect.bisect_right(starts, offset) - 1)
        if not self.pages:
            return "1"
        page = self.pages[i]
        return page.label or str(page.number)


def fold_char(ch: str) -> str:
    """Lower-case ``ch`` and strip its diacritics, keeping exactly one character."""
    low = ch.lower()
    if len(low) != 1:
        low = ch
    if low.isascii():
        return low
    base = unicodedata.normalize("NFD", low)[0]
    return base if len(base) == 1 else low


def fold(text: str) -> str:
    """Case- and diacritic-fold ``text`` character by character (length-preserving)."""
    if text.isascii():
        return text.lower()
    return "".join(fold_char(c) for c in text)


class DocumentBuilder:
    """Assembles a :class:`Document` block by block, keeping offsets and sections right.

    Readers call :meth:`new_page` and :meth:`add` in reading order; the builder
    joins blocks with a blank line and tracks the current section heading.
    """

    SEPARATOR = "\n\n"

    def __init__(self, path: str, sha256: str, fmt: str) -> None:
        self.path, self.sha256, self.format = path, sha256, fmt
        self._parts: list[str] = []
        self._length = 0
        self.pages: list[Page] = []
        self.blocks: list[Block] = []
        self.warnings: list[Notice] = []
        self._section: str | None = None

    def new_page(self, number: int, label: str | None = None, has_text: bool = True) -> None:
        if self.pages:
            self.pages[-1].end = self._length
        self.pages.append(Page(number=number, label=label, start=self._length, end=self._length, has_text=has_text))

    def add(self, kind: BlockKind, text: str, heading_level: int | None = None) -> Block | None:
        text = text.strip()
        if not text:
            return None
        if not self.pages:
            self.new_page(1)
        if self._parts:
            self._parts.append(self.SEPARATOR)
            self._length += len(self.SEPARATOR)
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        if kind == BlockKind.heading:
            self._section = text
        block = Block(
            id=len(self.blocks),
            kind=kind,
            text=text,
            start=start,
            end=self._length,
            page=self.pages[-1].number,
            section=self._section,
            heading_level=heading_level,
        )
        self.blocks.append(block)
        return block

    def build(self) -> Document:
        if self.pages:
            self.pages[-1].end = self._length
        return Document(
            path=self.path,
            sha256=self.sha256,
            format=self.format,
            pages=self.pages,
            blocks=self.blocks,
            text="".join(self._parts),
            warnings=self.warnings,
        )
