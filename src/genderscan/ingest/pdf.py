"""PDF reader: text per page via pypdfium2, cleaned by :mod:`.layout`."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from genderscan.document import Document, DocumentBuilder, Notice
from genderscan.errors import InputError
from genderscan.ingest.layout import add_lines

#: A document whose pages are mostly without text is refused, not scored 0.
MAX_IMAGE_PAGE_SHARE = 0.5


def open_pdf(path: Path, data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        detail = str(exc)
        if "password" in detail.lower():
            raise InputError("encrypted_pdf", path=str(path)) from None
        raise InputError("corrupt_file", path=str(path), kind="PDF", detail=detail) from None


def read(path: Path, data: bytes, sha256: str) -> Document:
    pdf = open_pdf(path, data)
    builder = DocumentBuilder(str(path), sha256, "pdf")
    empty_pages: list[int] = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
            page.close()
            number = index + 1
            has_text = bool(text.strip())
            builder.new_page(number, has_text=has_text)
            if not has_text:
                empty_pages.append(number)
                continue
            add_lines(builder, text.replace("\r\n", "\n").split("\n"))
    finally:
        pdf.close()
    pages = len(builder.pages)
    if pages and len(empty_pages) == pages:
        raise InputError("scanned_pdf", path=str(path))
    if pages and len(empty_pages) / pages > MAX_IMAGE_PAGE_SHARE:
        raise InputError("mostly_scanned_pdf", path=str(path), image_pages=len(empty_pages), pages=pages)
    builder.warnings.extend(Notice(code="page_without_text", params={"page": n}) for n in empty_pages)
    return builder.build()
