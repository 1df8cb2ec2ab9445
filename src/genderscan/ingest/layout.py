"""Format-independent text cleaning: from lines of text to blocks.

Readers hand over the lines of a page (PDF) or of a file (text); this module
repairs hyphenation, re-flows lines into paragraphs, recognises headings and
list items, and normalises odd characters.
"""

from __future__ import annotations

import re
import unicodedata

from genderscan.document import BlockKind, DocumentBuilder

LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb06": "st"}
SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]+")
BULLET = re.compile(r"^\s*(?:[-–•●○▪■*+]+|\d{1,2}[.)]|[a-z][.)])\s+(?=\S)")
NUMBERED_HEADING = re.compile(r"^(?:(?:hoofdstuk|bijlage)\s+\w+[.:]?\s*|\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+)\S", re.I)


def clean_line(line: str) -> str:
    """Normalise ligatures, odd spaces and compatibility characters in one line."""
    for lig, rep in LIGATURES.items():
        line = line.replace(lig, rep)
    line = line.replace("\ufffe", "\u00ad").replace("\r", "")
    line = SPACES.sub(" ", line)
    return unicodedata.normalize("NFC", line).rstrip()


def join_lines(lines: list[str]) -> str:
    """Join the lines of one paragraph, repairing words broken at line end."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("\u00ad"):
            out = out[:-1] + line
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[:1].islower():
            # "gender-\nsensitief" -> "gendersensitief"; a real compound such as
            # "regio-\noverstijgend" cannot be told apart here without a lexicon,
            # so lower-case continuations are joined (the common case in Dutch).
            out = out[:-1] + line
        else:
            out = out + " " + line
    return out.replace("\u00ad", "")


def is_heading(line: str, next_blank: bool) -> int | None:
    """Heading level of a stand-alone line, or None."""
    text = line.strip()
    if not text or len(text) > 90 or text.endswith((".", ",", ";", ":")) and not NUMBERED_HEADING.match(text):
        return None
    m = re.match(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+\S", text)
    if m:
        if text.endswith((".", ";", ",")):
            return None
        return m.group(1).count(".") + 1
    if re.match(r"^(hoofdstuk|bijlage)\b", text, re.I):
        return 1
    if next_blank and len(text.split()) <= 8 and text[:1].isupper() and not BULLET.match(text):
        return 2
    return None


def add_lines(builder: DocumentBuilder, lines: list[str]) -> None:
    """Cut ``lines`` into blocks at blank lines, headings and bullets; add them."""
    lines = [clean_line(line) for line in lines]
    para: list[str] = []
    para_kind = BlockKind.paragraph

    def flush() -> None:
        nonlocal para, para_kind
        if para:
            text = join_lines(para)
            if para_kind == BlockKind.list_item:
                text = BULLET.sub("", text, count=1)
            builder.add(para_kind, text)
        para, para_kind = [], BlockKind.paragraph

    for i, line in enumerate(lines):
        if not line.strip():
            flush()
            continue
        prev_blank = i == 0 or not lines[i - 1].strip()
        next_blank = i + 1 >= len(lines) or not lines[i + 1].strip()
        level = is_heading(line, next_blank) if prev_blank else None
        if level is not None:
            flush()
            builder.add(BlockKind.heading, line.strip(), heading_level=level)
            continue
        if BULLET.match(line) and not re.match(r"^\s*\d{1,2}\.\d", line):
            flush()
            para_kind = BlockKind.list_item
        para.append(line)
    flush()
