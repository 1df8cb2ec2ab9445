"""Plain-text reader: UTF-8 (or cp1252) text; a form feed starts a new page."""

from __future__ import annotations

from pathlib import Path

from genderscan.document import Document, DocumentBuilder
from genderscan.errors import InputError
from genderscan.ingest.layout import add_lines


def decode(path: Path, data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise InputError("undecodable_text", path=str(path))


def read(path: Path, data: bytes, sha256: str) -> Document:
    builder = DocumentBuilder(str(path), sha256, "txt")
    for number, page in enumerate(decode(path, data).split("\f"), start=1):
        builder.new_page(number)
        add_lines(builder, page.splitlines())
    return builder.build()
