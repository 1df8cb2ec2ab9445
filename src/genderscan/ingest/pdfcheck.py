"""Is a PDF damaged? pdfium repairs a broken file silently; this check says when it had to.

pdfium rebuilds a cross-reference table that does not point at the objects and
skips content it cannot decode, without telling its caller. This module reads
the file's own structure to find out whether that happened:

* ``startxref`` at the end must point at a cross-reference table (``xref``) or
  a cross-reference stream (``N G obj``), and so must every ``/Prev``;
* every object a classic table lists as in use must start where the table says;
* every Flate-compressed stream that is not an image (page contents, fonts,
  object streams) with a direct ``/Length`` must decompress without error
  (decompressed in chunks and thrown away; at most :data:`MAX_INFLATE` bytes).

Only damage is reported, no repair is attempted; the reader turns it into the
warnings ``pdf_repaired`` and ``pdf_page_lost_text`` (see docs/ingest.md).

:func:`largest_stream_over` finds decompression bombs before pdfium sees the
file: pdfium expands a page's content stream in memory (an 800 kB PDF whose
content expands to 800 MB took 1.7 GB).
"""

from __future__ import annotations

import re
import zlib

STARTXREF = re.compile(rb"startxref\s+(\d+)\s*%%EOF")
OBJECT = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj\b")
ENTRY = re.compile(rb"(\d{10})[ ](\d{5})[ ]([nf])")
PREV = re.compile(rb"/Prev\s+(\d+)")
LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")
STREAM = re.compile(rb"stream\r?\n")
#: Decompressed bytes checked per stream, at most (a longer stream is taken as readable).
MAX_INFLATE = 16 * 1024 * 1024
CHUNK = 1024 * 1024
#: Cross-reference sections followed, at most (a /Prev chain may loop).
MAX_SECTIONS = 64


def is_damaged(data: bytes) -> bool:
    """True when the structure of ``data`` (a PDF) is broken, so that pdfium has to repair or skip parts."""
    found = list(STARTXREF.finditer(data, max(0, len(data) - 4096)))
    if not found:
        return True
    offsets: list[int] = []
    seen: set[int] = set()
    section: int | None = int(found[-1].group(1))
    while section is not None and section not in seen and len(seen) < MAX_SECTIONS:
        seen.add(section)
        if section >= len(data):
            return True
        start = section
        while start < len(data) and data[start : start + 1].isspace():
            start += 1
        if data.startswith(b"xref", start):
            trailer = data.find(b"trailer", start)
            if trailer == -1:
                return True
            offsets += [int(o) for o, _, kind in ENTRY.findall(data, start, trailer) if kind == b"n"]
            head = data[trailer : trailer + 4096]
        elif OBJECT.match(data, start):
            head = data[start : start + 4096]  # a cross-reference stream: its entries are compressed
            if b"/XRef" not in head.split(b"stream", 1)[0]:
                return True
        else:
            return True
        prev = PREV.search(head.split(b"stream", 1)[0])
        section = int(prev.group(1)) if prev else None
    for offset in offsets:
        if offset >= len(data) or not OBJECT.match(data, offset):
            return True
        if _bad_stream(data, offset):
            return True
    return False


def _bad_stream(data: bytes, offset: int) -> bool:
    head = data[offset : offset + 4096]
    at = STREAM.search(head)
    if at is None:
        return False
    dictionary = head[: at.start()]
    if b"endobj" in dictionary or b"/FlateDecode" not in dictionary or b"/Image" in dictionary:
        return False
    filters = dictionary.count(b"Decode")
    length = LENGTH.search(dictionary)
    if length is None or filters != 1:  # indirect length or a filter chain: leave it to pdfium
        return False
    begin = offset + at.end()
    body = data[begin : begin + int(length.group(1))]
    inflater = zlib.decompressobj()
    try:
        total = len(inflater.decompress(body, CHUNK))
        while inflater.unconsumed_tail and total < MAX_INFLATE:
            total += len(inflater.decompress(inflater.unconsumed_tail, CHUNK))
    except zlib.error:
        return True
    return False


#: The keyword that opens a stream's data (not the one in ``endstream``).
STREAM_START = re.compile(rb"(?<!end)stream\r?\n")


def largest_stream_over(data: bytes, limit: int) -> bool:
    """True when a Flate stream that is not an image expands to more than ``limit`` bytes.

    Every ``stream`` keyword in the file is examined (also objects that no
    cross-reference table lists); the data is inflated in chunks of 1 MB and
    thrown away, so this costs no more memory than one chunk. Images are not
    expanded by genderscan (it never renders), so they are skipped.
    """
    position = 0
    while (match := STREAM_START.search(data, position)) is not None:
        begin = match.end()
        head_start = data.rfind(b"obj", max(0, match.start() - 4096), match.start())
        dictionary = data[head_start if head_start != -1 else max(0, match.start() - 4096) : match.start()]
        length = LENGTH.search(dictionary)
        end = data.find(b"endstream", begin)
        stop = begin + int(length.group(1)) if length else (end if end != -1 else len(data))
        position = max(begin, min(stop, len(data)))
        if b"/FlateDecode" not in dictionary or b"/Image" in dictionary or dictionary.count(b"Decode") != 1:
            continue
        inflater = zlib.decompressobj()
        total = 0
        try:
            piece = data[begin:stop]
            total = len(inflater.decompress(piece, CHUNK))
            while inflater.unconsumed_tail and total <= limit:
                total += len(inflater.decompress(inflater.unconsumed_tail, CHUNK))
        except zlib.error:
            continue  # damaged: is_damaged reports it
        if total > limit:
            return True
    return False
