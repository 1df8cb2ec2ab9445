"""Format-independent text cleaning: from lines of text to blocks.

Readers hand over *pieces* (a heading, a paragraph, a list item, ... as a list
of lines, each line with the physical page it came from). This module

* normalises characters (ligatures, NBSP and other odd spaces, pdfium's soft
  hyphen markers U+FFFE / U+0002, OCR's doubled apostrophes);
* re-flows the lines of a piece into one paragraph, repairing words broken at
  a line end (see :func:`join_hyphenated` for the heuristic);
* separates footnote markers glued to words ("bereikt.7" -> "bereikt.");
* re-joins paragraphs that a column, page or blank line cut in the middle of a
  sentence;
* marks tables of contents, reference lists and glossaries by the heading they
  stand under (they are never evidence);
* and adds the result to a :class:`~genderscan.document.DocumentBuilder`, with
  page breaks that fall inside a block recorded so ``Document.page_at`` is
  right for every sentence.

The plain-text reader uses :func:`add_lines` (paragraphs at blank lines,
headings by heuristics); the PDF, DOCX, Markdown and HTML readers build pieces
from their own structure and call :func:`emit`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from genderscan.document import BlockKind, DocumentBuilder

LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\u000b]+")
#: Characters that mean "a word was broken here" (soft hyphen; pdfium's markers).
SOFT_HYPHENS = "\u00ad"
#: pdfium's marker for a hyphen at a line end it has already joined ("gender\ufffesensitief").
PDFIUM_HYPHENS = re.compile("[\ufffe\x02]")
ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u0000-\u0001\u0003-\u0008\u000e-\u001f]")
MULTISPACE = re.compile(r"(?<=\S) {2,}")  # runs of spaces inside a line
HYPHENS = re.compile(r"[\u2010\u2011]")  # typographic hyphens -> "-"
APOSTROPHES = re.compile(r"['’‘`]{2,}(?=s\b)")  # OCR "thema'’s" -> "thema’s"

BULLET = re.compile(r"^\s*(?:[-–•●○◦▪■□➢➤►✓✔*+]+|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+(?=\S)")
NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(?=\S)")
CHAPTER = re.compile(r"^(?:hoofdstuk|bijlage|deel|paragraaf)\s+[\w.]+\b", re.I)
TOC_LINE = re.compile(r"(?:\.{3,}|…+|(?:\. ){3,}|_{3,})\s*\d{1,4}\s*$|\s{2,}\d{1,4}\s*$")
TOC_TRAILING_PAGE = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+|hoofdstuk\s+\d+\.?\s+|bijlage\s+\w+\.?\s+)?\D.{1,100}?\s+\d{1,4}$", re.I)
SENTENCE_END = tuple(".!?:;”\"')]")

SECTION_PREFIX = re.compile(r"^(?:bijlage|hoofdstuk|deel|appendix)(?:\s+[\w.]{1,4})?\s*[:.–-]?\s*", re.I)
#: Headings under which every following block is not running text.
TOC_HEADING = re.compile(r"^(?:inhoud|inhoudsopgave|inhoudstafel|inhoudsoverzicht|contents|table of contents)$", re.I)
REFERENCES_HEADING = re.compile(
    r"^(?:literatuur(?:lijst)?|gebruikte literatuur|bronnen(?:lijst)?|geraadpleegde (?:bronnen|literatuur)|bronvermelding|"
    r"referenties|referentielijst|bibliografie|references|bibliography|noten|eindnoten)$",
    re.I,
)
GLOSSARY_HEADING = re.compile(
    r"^(?:begrippenlijst|begrippen|(?:verklarende )?woordenlijst|lijst (?:van|met) (?:begrippen|afkortingen)|afkortingen(?:lijst)?|"
    r"definities|begripsbepalingen|glossary|glossarium)$",
    re.I,
)

# ---------------------------------------------------------------------------
# characters


ODD = re.compile("[\ufb00-\ufb06\u00a0\u2000-\u200d\u2010\u2011\u202f\u205f\u3000\u2060\ufeff\x00\x01\x03-\x08\x0b-\x1f]|['’‘`]{2}")


def clean_line(line: str) -> str:
    """Normalise ligatures, odd spaces and compatibility characters in one line."""
    if "\t" in line or "\r" in line:
        line = line.replace("\t", " ").replace("\r", "")
    if not line.isascii():
        if ODD.search(line):
            for lig, rep in LIGATURES.items():
                if lig in line:
                    line = line.replace(lig, rep)
            line = SPACES.sub(" ", line)
            line = HYPHENS.sub("-", line)
            line = ZERO_WIDTH.sub("", line)
            line = APOSTROPHES.sub("’", line)
        if not unicodedata.is_normalized("NFC", line):
            line = unicodedata.normalize("NFC", line)
    elif ODD.search(line):
        line = ZERO_WIDTH.sub("", line)
    line = line.rstrip()
    return MULTISPACE.sub(" ", line) if "  " in line else line


def is_toc_line(text: str) -> bool:
    """A contents line: dotted leader (or a wide gap) before a page number at the end."""
    text = text.rstrip()
    return text[-1:].isdigit() and bool(TOC_LINE.search(text[-24:]))


# ---------------------------------------------------------------------------
# hyphenation

#: First parts that Dutch writes with a hyphen (ex-partner, niet-westers).
KEEP_PREFIXES = frozenset("ex oud non niet vice".split())
#: Hyphenated compounds kept whole although the rules below would join them.
KEEP_COMPOUNDS = frozenset(
    """gender-gerelateerd gender-gerelateerde sekse-gerelateerd sekse-gerelateerde gender-specifiek gender-specifieke
    gender-neutraal gender-neutrale gender-sensitiviteit-training""".split()
)
VOWELS = set("aeiouy")
DIAERESIS = {"a": "ä", "e": "ë", "i": "ï", "o": "ö", "u": "ü"}
#: Endings after which a vowel-clash break is a syllable break with a diaeresis (categorie-en).
INFLECTIONS = frozenset("en ën e ë er ers ele ële eel ëel es is ïs ische ën".split())
LAST_WORD = re.compile(r"([\w\u00c0-\u024f]+)-$")
FIRST_WORD = re.compile(r"^([\w\u00c0-\u024f]+)")


class Lexicon:
    """The document's own text, as evidence for line-end breaks: does it write a word joined or hyphenated elsewhere?

    Lines are kept as lower-cased text joined by newlines, so a word broken at a line end
    ("gender-\nsensitief") is not found as either form; lookups are substring searches.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._text: str | None = None

    def learn(self, lines: list[str]) -> None:
        self._parts.append("\n".join(lines).lower())
        self._text = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = "\n".join(self._parts)
        return self._text

    def writes_joined(self, word: str) -> bool:
        return len(word) > 5 and word in self.text

    def writes_hyphenated(self, word: str) -> bool:
        return word in self.text


NO_LEXICON = Lexicon()


def join_hyphenated(before: str, after: str, lexicon: Lexicon = NO_LEXICON) -> str:
    """Join ``before`` (ending in "-") and ``after`` (the next line), deciding whether the hyphen stays.

    The hyphen is removed ("gender-" + "sensitief" -> "gendersensitief") unless

    1. the document writes the hyphenated compound on one line elsewhere and never the joined form;
    2. the continuation starts with a capital, digit or other non-letter ("Noord-" + "Brabant");
    3. the part before the hyphen is an abbreviation or holds a digit ("GGD-" + "regio", "3-" + "jarig");
    4. the part before is a prefix word Dutch writes with a hyphen (ex-, oud-, non-, niet-, vice-)
       or the compound is in :data:`KEEP_COMPOUNDS` ("gender-gerelateerd");
    5. the break falls between two vowels ("regio-" + "overstijgend"): Dutch spelling writes a
       hyphen there in compounds. If the part before is short (be-, ge-, co-) or the continuation
       is only an ending ("categorie-" + "en"), it is a syllable break instead: the parts are
       joined and the diaeresis the break removed is restored ("beëindigen", "categorieën").

    When the document writes the joined form elsewhere, that wins over rules 3-5.
    """
    head = before[:-1]
    m_last, m_first = LAST_WORD.search(before), FIRST_WORD.match(after)
    if not m_last or not m_first or not after[:1].isalpha() or not after[:1].islower():
        return before + after  # rule 2 (or nothing word-like to join)
    first, second = m_last.group(1), m_first.group(1)
    joined_word, hyphen_word = (first + second).lower(), (first + "-" + second).lower()
    # the whole hyphenated word so far, e.g. "jong-volwasse-" -> "jong-volwasse"
    whole_first = re.search(r"[\w\u00c0-\u024f-]+-$", before)
    whole = (whole_first.group(0)[:-1] if whole_first else first).lower() + "-" + second.lower()
    if lexicon.writes_joined(joined_word):
        return head + after
    if lexicon.writes_hyphenated(hyphen_word) or lexicon.writes_hyphenated(whole):
        return before + after
    if (first.isupper() and len(first) > 1) or any(c.isdigit() for c in first):
        return before + after
    low = first.lower()
    if low in KEEP_PREFIXES or hyphen_word in KEEP_COMPOUNDS or whole in KEEP_COMPOUNDS:
        return before + after
    if low[-1:] in VOWELS and second[:1].lower() in VOWELS:
        if len(low) <= 3 or second.lower() in INFLECTIONS:
            c = after[0]
            return head + DIAERESIS.get(c, c) + after[1:]
        return before + after
    return head + after


def repair_inline_breaks(line: str, lexicon: Lexicon = NO_LEXICON) -> str:
    """Resolve pdfium's line-end hyphen markers (U+FFFE / U+0002) with the same rules as a hard hyphen."""
    parts = PDFIUM_HYPHENS.split(line)
    out = parts[0]
    for part in parts[1:]:
        if not part:  # marker at the very end: a hyphen before the next line
            out += "-"
            continue
        out = join_hyphenated(out + "-", part, lexicon) if out[-1:].isalpha() else out + part
    return out


def join_lines(lines: list[str], lexicon: Lexicon = NO_LEXICON) -> str:
    """Join the lines of one paragraph, repairing words broken at line end."""
    return join_tracked([(line, 0) for line in lines], lexicon)[0]


def join_tracked(lines: list[tuple[str, int]], lexicon: Lexicon = NO_LEXICON) -> tuple[str, list[tuple[int, int]]]:
    """Join ``(line, page)`` pairs; also return ``(offset, page)`` where the page changes inside the text."""
    out = ""
    page = None
    breaks: list[tuple[int, int]] = []
    for raw, line_page in lines:
        line = raw.strip()
        if not line:
            continue
        if "\ufffe" in line or "\x02" in line:
            line = repair_inline_breaks(line, lexicon)
        if page is None:
            page = line_page
        elif line_page != page:
            page = line_page
            breaks.append((len(out) + (0 if not out or out[-1] in SOFT_HYPHENS or out.endswith("-") else 1), line_page))
        if not out:
            out = line
        elif out[-1] in SOFT_HYPHENS:
            out = out[:-1] + line
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha():
            out = join_hyphenated(out, line, lexicon)
        elif out.endswith(("/", "–-")):
            out = out + line
        else:
            out = out + " " + line
    if any(c in out for c in SOFT_HYPHENS):
        # soft hyphens inside a line: remove them, shifting the page-break offsets
        for ch in SOFT_HYPHENS:
            while ch in out:
                pos = out.index(ch)
                out = out[:pos] + out[pos + 1 :]
                breaks = [(o - 1 if o > pos else o, p) for o, p in breaks]
    breaks = [(min(o, len(out)), p) for o, p in breaks]
    return out, breaks


# ---------------------------------------------------------------------------
# footnote markers

#: A footnote number glued after punctuation that follows a word: "bereikt.7 Daarna", "daarvan.2".
DIGIT = re.compile(r"\d")
GLUED_MARKER = re.compile(r"(?<=[a-zà-ÿ)]{2}[.,;:)])(\d{1,2})(?=\s+[A-Z(‘'\"“]|\s*$)")


def strip_footnote_markers(text: str) -> str:
    """Remove footnote numbers glued to a word ("bereikt.7 Daarna" -> "bereikt. Daarna")."""
    if not DIGIT.search(text):
        return text
    return GLUED_MARKER.sub("", text)


# ---------------------------------------------------------------------------
# pieces and emitting


@dataclass
class Piece:
    """A block before its lines are joined: kind, lines with their page, heading level."""

    kind: BlockKind
    lines: list[tuple[str, int]] = field(default_factory=list)
    level: int | None = None
    #: set by readers that know the block ends a column/page (so a sentence may continue).
    open_end: bool = False

    @property
    def page(self) -> int:
        return self.lines[0][1] if self.lines else 1

    def text(self) -> str:
        return " ".join(line for line, _ in self.lines)


@dataclass
class PageInfo:
    number: int
    label: str | None = None
    has_text: bool = True


def heading_level(line: str) -> int | None:
    """Heading level suggested by numbering ("2.1 ..." -> 2, "Hoofdstuk 3" -> 1), else None."""
    text = line.strip()
    m = NUMBERED.match(text)
    if m:
        return m.group(1).count(".") + 1
    if CHAPTER.match(text):
        return 1
    return None


def is_heading(line: str, next_blank: bool) -> int | None:
    """Heading level of a stand-alone line of plain text, or None."""
    text = line.strip()
    if not text or len(text) > 90 or is_toc_line(text):
        return None
    level = heading_level(text)
    if level is not None:
        if text.endswith((".", ";", ",", ":")) or not re.search(r"[A-Za-zÀ-ÿ]{3}", text):
            return None
        numbered = NUMBERED.match(text)
        if numbered and (not text[numbered.end() :][:1].isupper() or len(text.split()) > 12):
            return None
        return level
    if text.endswith((".", ",", ";", ":")) or BULLET.match(text):
        return None
    if next_blank and len(text.split()) <= 8 and text[:1].isupper() and re.search(r"[a-zà-ÿA-Z]{3}", text):
        return 2
    return None


def mark_sections(pieces: list[Piece]) -> None:
    """Mark blocks under a contents, literature or glossary heading; lines with dotted leaders as toc."""
    special: BlockKind | None = None
    special_level = 0
    for piece in pieces:
        text = piece.text().strip()
        if piece.kind == BlockKind.heading:
            bare = SECTION_PREFIX.sub("", NUMBERED.sub("", text)).strip().rstrip(":").strip()
            kind = (
                BlockKind.toc if TOC_HEADING.match(bare)
                else BlockKind.references if REFERENCES_HEADING.match(bare)
                else BlockKind.glossary if GLOSSARY_HEADING.match(bare)
                else None
            )
            level = piece.level or 1
            if kind is not None:
                special, special_level = kind, level
                continue
            if special == BlockKind.toc and (is_toc_line(text) or TOC_TRAILING_PAGE.match(text)):
                piece.kind = BlockKind.toc
                continue
            if special is not None and (level <= special_level or special == BlockKind.toc):
                special = None
            elif special == BlockKind.glossary and not NUMBERED.match(text):
                piece.kind = BlockKind.glossary  # a term in bold standing on its own line
                continue
            elif special is not None:
                continue
        if is_toc_line(text) and (special == BlockKind.toc or len(text) < 140):
            piece.kind = BlockKind.toc
            continue
        if special == BlockKind.toc and not TOC_TRAILING_PAGE.match(text):
            special = None
        if special is not None and piece.kind in (BlockKind.paragraph, BlockKind.list_item, BlockKind.toc):
            piece.kind = special


def merge_continuations(pieces: list[Piece]) -> list[Piece]:
    """Re-join paragraphs cut inside a sentence by a blank line, a column or a page."""
    out: list[Piece] = []
    for piece in pieces:
        prev = out[-1] if out else None
        if (
            prev is not None
            and piece.kind == BlockKind.paragraph
            and prev.kind in (BlockKind.paragraph, BlockKind.list_item, BlockKind.references, BlockKind.glossary)
            and piece.lines
            and prev.lines
        ):
            last = prev.lines[-1][0].rstrip()
            first = piece.lines[0][0].lstrip()
            if first[:1].islower() and (last.endswith("-") or last[-1:] in SOFT_HYPHENS or not last.endswith(SENTENCE_END)):
                prev.lines.extend(piece.lines)
                continue
        out.append(piece)
    return out


def _piece_text(piece: Piece, lexicon: Lexicon) -> tuple[str, list[tuple[int, int]]]:
    """The joined text of ``piece`` without footnote markers (not in headings) and list bullets, with its page breaks."""
    text, breaks = join_tracked(piece.lines, lexicon)
    if piece.kind != BlockKind.heading:
        stripped = strip_footnote_markers(text)
        if stripped != text:
            breaks = _shift(text, stripped, breaks)
            text = stripped
    if piece.kind == BlockKind.list_item:
        m = BULLET.match(text)
        if m:
            breaks = [(max(0, o - m.end()), p) for o, p in breaks]
            text = text[m.end() :]
    return text, breaks


def emit(builder: DocumentBuilder, pieces: list[Piece], pages: list[PageInfo], lexicon: Lexicon | None = None) -> None:
    """Add ``pieces`` to ``builder`` in order, opening ``pages`` as their text begins."""
    if lexicon is None:
        lexicon = Lexicon()
        for piece in pieces:
            lexicon.learn([line for line, _ in piece.lines])
    pieces = merge_continuations(pieces)
    mark_sections(pieces)
    order = {p.number: i for i, p in enumerate(pages)}
    opened = 0  # pages[:opened] are open in the builder

    def open_until(number: int) -> None:
        nonlocal opened
        target = order.get(number, opened)
        while opened <= target and opened < len(pages):
            info = pages[opened]
            builder.new_page(info.number, label=info.label, has_text=info.has_text)
            opened += 1

    for piece in pieces:
        if not piece.lines:
            continue
        text, breaks = _piece_text(piece, lexicon)
        lead = len(text) - len(text.lstrip())
        text = text.strip()
        if not text:
            continue
        open_until(piece.page)
        block = builder.add(piece.kind, text, heading_level=piece.level if piece.kind == BlockKind.heading else None)
        if block is None:
            continue
        if piece.kind == BlockKind.footnote and block.page != piece.page:
            block.page = piece.page  # moved behind a paragraph that continues on the next page
        for offset, number in breaks:
            offset = min(max(0, offset - lead), len(text))
            if order.get(number, -1) < opened:
                continue
            open_until(number)
            at = block.start + offset
            builder.pages[-1].start = at
            if len(builder.pages) > 1:
                builder.pages[-2].end = at
            block.page_end = number
    open_until(pages[-1].number if pages else 1)


def _shift(before: str, after: str, breaks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Map offsets in ``before`` to ``after`` (which only lost characters)."""
    if not breaks:
        return breaks
    out = []
    for offset, page in breaks:
        removed = len(before[:offset]) - len(strip_footnote_markers(before[:offset]))
        out.append((offset - removed, page))
    return out


# ---------------------------------------------------------------------------
# plain lines (text files, seeds)

PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(?:(?:pagina|pag\.|blz\.|page|p\.)\s*)?\d{1,4}(?:\s*(?:van|/|of)\s*\d{1,4})?(?:\s*[-–—])?\s*$", re.I)


ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(?=\S)")


def pieces_from_lines(lines: list[tuple[str, int]]) -> list[Piece]:
    """Cut ``(line, page)`` pairs into pieces at blank lines, headings and bullets."""
    cleaned = [(clean_line(line), page) for line, page in lines]
    pieces: list[Piece] = []
    current: Piece | None = None

    def flush() -> None:
        nonlocal current
        if current is not None and current.lines:
            pieces.append(current)
        current = None

    n = len(cleaned)
    for i, (line, page) in enumerate(cleaned):
        if not line.strip():
            flush()
            continue
        prev_blank = i == 0 or not cleaned[i - 1][0].strip()
        next_blank = i + 1 >= n or not cleaned[i + 1][0].strip()
        if prev_blank and next_blank and PAGE_NUMBER.match(line):
            continue  # an isolated page number
        atx = ATX.match(line)
        if atx:  # a Markdown-style heading in a text file
            flush()
            pieces.append(Piece(BlockKind.heading, [(line[atx.end() :].strip(), page)], level=len(atx.group(1))))
            continue
        level = is_heading(line, next_blank) if prev_blank else None
        if level is not None and heading_level(line) is None:
            # a short line followed by a lower-case continuation is a sentence cut by a blank line
            following = next((text for text, _ in cleaned[i + 1 :] if text.strip()), "")
            if following.lstrip()[:1].islower():
                level = None
        if level is not None:
            flush()
            pieces.append(Piece(BlockKind.heading, [(line.strip(), page)], level=level))
            continue
        if BULLET.match(line) and not re.match(r"^\s*\d{1,2}\.\d", line) and not (
            current is not None and current.lines[-1][0].rstrip().endswith("-")
        ):
            flush()
            current = Piece(BlockKind.list_item)
        if current is None:
            current = Piece(BlockKind.paragraph)
        current.lines.append((line, page))
    flush()
    return pieces


def remove_repeated_lines(lines: list[tuple[str, int]], min_count: int = 3) -> list[tuple[str, int]]:
    """Drop short stand-alone lines repeated across the text (running headers/footers in text extractions)."""
    def key(s: str) -> str:
        return re.sub(r"\d+", "#", s.strip().lower())

    def standalone(i: int) -> bool:
        before = i == 0 or not lines[i - 1][0].strip()
        after = i + 1 >= len(lines) or not lines[i + 1][0].strip()
        return before or after

    counts = Counter(
        key(line) for i, (line, _) in enumerate(lines)
        if line.strip() and len(line.split()) <= 8 and not line.rstrip().endswith((".", "?", "!", ",", ";", ":")) and standalone(i)
    )
    pages_of: dict[str, set[int]] = {}
    for line, page in lines:
        pages_of.setdefault(key(line), set()).add(page)
    multi_page = len({p for _, p in lines}) > 1
    repeated = {
        k for k, c in counts.items()
        if c >= min_count and k and not BULLET.match(k) and (not multi_page or len(pages_of[k]) >= min_count)
    }
    return [(line, page) for i, (line, page) in enumerate(lines) if not (key(line) in repeated and standalone(i))]


def add_lines(builder: DocumentBuilder, lines: list[str] | list[tuple[str, int]]) -> None:
    """Clean plain ``lines`` (optionally ``(line, page)`` pairs) and add them to ``builder`` as blocks."""
    pairs = [(line, 1) if isinstance(line, str) else line for line in lines]
    pairs = remove_repeated_lines(pairs)
    pages = sorted({p for _, p in pairs}) or [1]
    known = [p.number for p in builder.pages]
    emit(builder, pieces_from_lines(pairs), [PageInfo(n) for n in pages if n not in known])
