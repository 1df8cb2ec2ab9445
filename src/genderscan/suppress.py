"""Inline suppression in text sources, and finding a sentence's line in its source.

Syntax (the same in Markdown and plain text, on a line of its own or inline)::

    <!-- genderscan-disable valkuil-genderneutraal -->
    ... text in which that pitfall is not reported ...
    <!-- genderscan-enable valkuil-genderneutraal -->

- ``genderscan-disable`` with no names switches off every rule; with names
  (separated by spaces or commas) only those. A name is a rule ID
  (``sekseverschillen/vaker-vrouwen``), an item, pitfall or hint ID
  (``valkuil-genderneutraal``), or the folder part of rule IDs.
- ``genderscan-enable`` with names ends those; without names it ends all.
  A region left open runs to the end of the file.
- A suppressed finding is dropped before scoring: it does not count as
  evidence for an item and does not raise a pitfall. The report says how many
  findings were suppressed (warning ``inline_suppressed``).

This works on the raw source, independent of how a reader turns it into a
Document: a finding is suppressed when its sentence, reduced to letters and
digits (case and accents folded), occurs inside a disabled region of the raw
source reduced the same way (HTML tags, comments and Markdown link targets are
left out first). Limitation: a sentence that occurs word for word both inside
and outside a disabled region is suppressed in both places.
Binary formats (PDF, DOCX) have no inline suppression: use a baseline.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from genderscan.document import Document, Notice, fold_char
from genderscan.findings import Finding

TEXT_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".text"})
ALL = "*"

DIRECTIVE = re.compile(r"<!--\s*genderscan-(disable|enable)\b(.*?)-->", re.S)
#: Raw-source parts that a reader does not show as text.
HIDDEN = re.compile(r"<!--.*?-->|<[^>\n]+>|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|^\s*\[[^\]]+\]:\s*\S+.*$", re.S | re.M)


#: A directive as it may survive in a sentence of a reader that keeps comments as text.
DIRECTIVE_IN_TEXT = re.compile(r"(?:<!)?-*\s*genderscan-(?:disable|enable)\b.*?-->", re.S)


def normalise(text: str) -> str:
    """Letters and digits only, folded: the form in which sentences are compared."""
    text = DIRECTIVE_IN_TEXT.sub(" ", text)
    return "".join(fold_char(c) for c in text if c.isalnum())


def fingerprint_text(text: str) -> str:
    """Whitespace-collapsed, folded sentence (what baselines hash)."""
    return " ".join("".join(fold_char(c) for c in text).split())


@dataclass
class Region:
    start: int
    end: int
    names: frozenset[str]


class Source:
    """The raw text of a Markdown or plain-text file, searchable by sentence."""

    def __init__(self, raw: str) -> None:
        self.raw = raw

    @classmethod
    def of(cls, path: str | Path) -> Source | None:
        """The source of a text-format file, or None for other formats / unreadable files."""
        path = Path(path)
        if path.suffix.lower() not in TEXT_SUFFIXES or not path.is_file():
            return None
        from genderscan.errors import InputError
        from genderscan.ingest.text import decode

        try:
            return cls(decode(path, path.read_bytes()))
        except (InputError, OSError):
            return None

    @cached_property
    def _index(self) -> tuple[str, list[int]]:
        """The normalised raw text and, per normalised character, its raw offset."""
        hidden = [(m.start(), m.end()) for m in HIDDEN.finditer(self.raw)]
        chars: list[str] = []
        offsets: list[int] = []
        h = 0
        for i, c in enumerate(self.raw):
            while h < len(hidden) and hidden[h][1] <= i:
                h += 1
            if h < len(hidden) and hidden[h][0] <= i < hidden[h][1]:
                continue
            if c.isalnum():
                chars.append(fold_char(c))
                offsets.append(i)
        return "".join(chars), offsets

    def find(self, sentence: str, after: int = 0) -> int | None:
        """Raw offset where ``sentence`` starts (at or after raw offset ``after``), or None."""
        text, offsets = self._index
        needle = normalise(sentence)
        if not needle:
            return None
        pos = text.find(needle, bisect.bisect_left(offsets, after))
        return offsets[pos] if pos >= 0 else None

    def line_of(self, sentence: str) -> int | None:
        """1-based line on which ``sentence`` starts in the source."""
        offset = self.find(sentence)
        return None if offset is None else self.raw.count("\n", 0, offset) + 1

    def regions(self) -> list[Region]:
        """The disabled regions, in raw offsets."""
        open_: dict[str, int] = {}
        regions: list[Region] = []

        def close(name: str, at: int) -> None:
            start = open_.pop(name)
            regions.append(Region(start, at, frozenset({name})))

        for m in DIRECTIVE.finditer(self.raw):
            names = [n for n in re.split(r"[\s,]+", m.group(2).strip()) if n]
            if m.group(1) == "disable":
                for name in names or [ALL]:
                    open_.setdefault(name, m.end())
            else:
                for name in names or list(open_):
                    if name in open_:
                        close(name, m.start())
        for name in list(open_):
            close(name, len(self.raw))
        return regions

    def suppresses(self, finding: Finding) -> bool:
        for region in self.regions_cached:
            if not _names_match(region.names, finding):
                continue
            offset = self.find(finding.text, region.start)
            if offset is not None and offset < region.end:
                end = self._end_of(finding.text, offset)
                if end <= region.end:
                    return True
        return False

    def _end_of(self, sentence: str, start: int) -> int:
        text, offsets = self._index
        i = bisect.bisect_left(offsets, start) + len(normalise(sentence)) - 1
        return offsets[min(i, len(offsets) - 1)] + 1

    @cached_property
    def regions_cached(self) -> list[Region]:
        return self.regions()

    def unknown_names(self, known: set[str]) -> list[tuple[str, str, int]]:
        """``(directive, name, line)`` for every name in a disable/enable comment that is no rule ID,
        item/pitfall/hint ID or folder part of a rule ID (a typo would silently switch nothing off)."""
        unknown = []
        for m in DIRECTIVE.finditer(self.raw):
            for name in (n for n in re.split(r"[\s,]+", m.group(2).strip()) if n):
                if name.rstrip("/") not in known:
                    unknown.append((m.group(1), name, self.raw.count("\n", 0, m.start()) + 1))
        return unknown


def _names_match(names: frozenset[str], finding: Finding) -> bool:
    if ALL in names or finding.rule in names or finding.target in names:
        return True
    return any(finding.rule.startswith(name.rstrip("/") + "/") for name in names)


def known_names(rule_ids: list[str], targets: list[str]) -> set[str]:
    """What a disable comment may name: rule IDs, their folder parts, and item/pitfall/hint IDs."""
    known = set(rule_ids) | set(targets)
    for rule_id in rule_ids:
        parts = rule_id.split("/")
        known.update("/".join(parts[:n]) for n in range(1, len(parts)))
    return known


def apply_inline_suppressions(document: Document, findings: list[Finding], known: set[str] | None = None) -> list[Finding]:
    """Drop the findings that a ``genderscan-disable`` region in the source covers; with ``known``,
    a name in a comment that is not in it becomes a warning (``inline_unknown_id``)."""
    source = Source.of(document.path)
    if source is not None and known is not None:
        for directive, name, line in source.unknown_names(known):
            document.warnings.append(Notice(code="inline_unknown_id", params={"directive": directive, "name": name, "line": line}))
    if source is None or not source.regions_cached:
        return findings
    kept = [f for f in findings if not source.suppresses(f)]
    dropped = len(findings) - len(kept)
    if dropped:
        document.warnings.append(Notice(code="inline_suppressed", params={"count": dropped}))
    return kept
