"""Plain-text reader: UTF-8 (or cp1252) text; a form feed starts a new page.

Paragraphs end at blank lines (but a sentence cut by a blank line is re-joined),
headings are found heuristically (numbered lines, "Hoofdstuk ...", short
stand-alone lines), bullets become list items; see :mod:`.layout`.
"""

from __future__ import annotations

from pathlib import Path

from genderscan.document import Document, DocumentBuilder
from genderscan.errors import InputError
from genderscan.ingest.layout import add_lines


def decode(path: Path, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise InputError("undecodable_text", path=str(path))


def page_lines(text: str) -> list[tuple[str, int]]:
    """``(line, page)`` pairs; a form feed starts the next page."""
    pairs: list[tuple[str, int]] = []
    for number, page in enumerate(text.split("\f"), start=1):
        lines = page.splitlines() or [""]
        pairs.extend((line, number) for line in lines)
    return pairs


def read(path: Path, data: bytes, sha256: str) -> Document:
    builder = DocumentBuilder(str(path), sha256, "txt")
    add_lines(builder, page_lines(decode(path, data)))
    return builder.build()
