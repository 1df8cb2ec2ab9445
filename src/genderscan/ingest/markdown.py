"""Markdown reader (markdown-it-py, CommonMark + tables): headings from ``#``, lists, tables.

Inline markup is dropped (``**gender**`` reads "gender"); code blocks and HTML
blocks are skipped; YAML front matter is ignored. A Markdown file is one page.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt

from genderscan.document import BlockKind, Document, DocumentBuilder
from genderscan.ingest.layout import PageInfo, Piece, clean_line, emit
from genderscan.ingest.text import decode_for
from genderscan.limits import Limits

FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.S)


def inline_text(token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts)


def pieces(source: str) -> list[Piece]:
    md = MarkdownIt("commonmark").enable("table")
    tokens = md.parse(FRONT_MATTER.sub("", source))
    out: list[Piece] = []
    kind: BlockKind | None = None
    level: int | None = None
    row: list[str] | None = None
    list_depth = 0
    in_item = False
    for tok in tokens:
        if tok.type == "heading_open":
            kind, level = BlockKind.heading, int(tok.tag[1])
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif tok.type == "list_item_open":
            in_item = True
            out.append(Piece(BlockKind.list_item))
        elif tok.type == "list_item_close":
            in_item = False
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close" and row is not None:
            out.append(Piece(BlockKind.table, [(" | ".join(c for c in row if c), 1)]))
            row = None
        elif tok.type == "inline":
            text = inline_text(tok)
            lines = [(clean_line(line), 1) for line in text.split("\n")]
            if row is not None:
                row.append(" ".join(line for line, _ in lines).strip())
            elif kind == BlockKind.heading:
                out.append(Piece(BlockKind.heading, lines, level=level))
                kind = None
            elif list_depth and out and out[-1].kind == BlockKind.list_item and in_item:
                out[-1].lines.extend(lines)
            else:
                out.append(Piece(BlockKind.paragraph, lines))
    return [p for p in out if p.lines]


def read(path: Path, data: bytes, sha256: str, limits: Limits | None = None) -> Document:
    builder = DocumentBuilder(str(path), sha256, "md")
    emit(builder, pieces(decode_for(builder, path, data, limits)), [PageInfo(1)])
    return builder.build()
