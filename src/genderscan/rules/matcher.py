"""The matcher: one rule set's compiled rules run over the body blocks of one document.

The matcher reads every body block's spaCy Doc once: each distinct token is
looked up in the compiled :class:`~genderscan.rules.terms.TermIndex` (a cached
set of word-pattern IDs), phrases are found from an inverted index (each term
list once per block, shared by the rules that use it), a rule only visits the
blocks that contain a first word of its first group, and each rule then only
combines hit lists: the ``all`` groups within the rule's :class:`~genderscan.kinds.Scope`
(sentence, N sentences, N tokens, paragraph, section), the ``also``
conditions in their own scope, ``unless`` exceptions and ``pseudo``
look-alikes. A match (:class:`Match`) becomes a :class:`~genderscan.findings.Finding`
with the sentence's context qualifiers (``genderscan.nlp.qualifiers``); the
rule's ``accepts`` / ``requires`` / ``marks`` decide how far it counts
(:class:`Rank`): the checklist's level-1 rule (hedged or attributed item
evidence counts at level 1, marked; negated never counts; pitfalls and hints
only in the document's own voice).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field
from enum import IntEnum
from typing import TYPE_CHECKING, NamedTuple

from genderscan.document import Block, BlockKind, Document
from genderscan.findings import Finding, TargetKind
from genderscan.kinds import BLOCKING, LEVEL1_ONLY, Place, Qualifier, Scope
from genderscan.rules.index import CompiledIndex, CompiledRule
from genderscan.rules.schema import Rule
from genderscan.rules.terms import DocIndex, Group

if TYPE_CHECKING:  # spaCy and the NLP stage load when rules run, not for ``rules list`` or an input error
    from spacy.tokens import Doc

    from genderscan.nlp import AnnotatedDocument

#: Block kinds that are never evidence.
NOT_BODY = (BlockKind.toc, BlockKind.references, BlockKind.footnote)

Hit = tuple[int, int]  # token span (start, end) in a block's Doc


class Rank(IntEnum):
    """How far a match counts (:meth:`Matcher._assess`), best last."""

    NOT_COUNTED = 0  # negated, a definition the rule does not accept, or a required qualifier missing
    LEVEL1 = 1  # only hedged or attributed: item evidence counts at level 1, marked
    OWN_VOICE = 2  # counts fully


NOT_COUNTED, LEVEL1, OWN_VOICE = Rank.NOT_COUNTED, Rank.LEVEL1, Rank.OWN_VOICE


@dataclass
class RuleHits:
    """The hits of one rule in one block: per ``all`` group, per ``also`` condition, and of ``unless``."""

    groups: list[list[Hit]]
    also: list[list[Hit]]
    unless: list[Hit]


@dataclass
class Candidate:
    """The best match so far of a rule in one sentence."""

    terms: list[Hit]
    qualifiers: set[str]
    rank: Rank


@dataclass
class Match:
    """A rule's match in one sentence of a block: its terms, qualifiers and whether it counts."""

    rule: Rule
    block: BlockRun
    sentence: int
    terms: list[Hit]
    qualifiers: set[str]
    counted: bool

    @property
    def place(self) -> Place:
        return Place(self.block.section, self.block.block.id, self.sentence, min(s for s, _ in self.terms), max(e for _, e in self.terms))

class SentenceInfo(NamedTuple):
    """A sentence of a block as a finding reports it: offsets in ``Document.text``, text and page."""

    start: int
    end: int
    text: str
    page: int


@dataclass
class BlockRun:
    """One body block during a run: its Doc, sentence bounds and hit lists per rule."""

    block: Block
    doc: Doc
    index: DocIndex
    sent_starts: list[int]
    sent_ends: list[int]
    section: str
    hits: dict[int, RuleHits] = field(default_factory=dict)
    quals: dict[tuple[Hit, ...], frozenset[str]] = field(default_factory=dict)  # qualifiers per matched terms
    sentences: dict[int, SentenceInfo] = field(default_factory=dict)
    text: str | None = None  # the Doc's text, read once

    def sent_of(self, token: int) -> int:
        return bisect.bisect_right(self.sent_starts, token) - 1

    def place(self, hit: Hit, sent: int | None = None) -> Place:
        return Place(self.section, self.block.id, self.sent_of(hit[0]) if sent is None else sent, hit[0], hit[1])


class BlockRuns(list[BlockRun]):
    """The body blocks of one run, with the blocks per section and, per word pattern, the blocks that contain it."""

    def __init__(self, blocks: list[BlockRun]) -> None:
        super().__init__(blocks)
        self.by_section: dict[str, list[BlockRun]] = defaultdict(list)
        self.by_word: dict[int, list[int]] = defaultdict(list)
        for n, b in enumerate(self):
            self.by_section[b.section].append(b)
            for wid in b.index.positions:
                self.by_word[wid].append(n)

    def _with(self, group: Group) -> set[int]:
        """The blocks holding a first word of ``group``: only the first words that occur in this run are looked up."""
        found: set[int] = set()
        for wid in self.by_word.keys() & group.firsts:
            found.update(self.by_word[wid])
        return found

    def containing(self, groups: list[Group]) -> list[BlockRun]:
        """The blocks (in document order) holding a first word of a phrase of every group in ``groups``."""
        found = self._with(groups[0])
        for group in groups[1:]:
            if not found:
                break
            found &= self._with(group)
        return [self[n] for n in sorted(found)]


def _overlaps(hit: Hit, covered: set[int]) -> bool:
    return any(i in covered for i in range(hit[0], hit[1]))


class Matcher:
    """Runs compiled rules over the body blocks of one annotated document."""

    def __init__(self, index: CompiledIndex, annotated: AnnotatedDocument) -> None:
        self.index = index
        self.document: Document = annotated.document
        runs: list[BlockRun] = []
        for block, doc in annotated.blocks():
            if block.kind in NOT_BODY or not len(doc):
                continue
            sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
            runs.append(
                BlockRun(
                    block=block,
                    doc=doc,
                    index=DocIndex(doc, index.terms),
                    sent_starts=[s.start for s in sents],
                    sent_ends=[s.end for s in sents],
                    section=block.section or f"#{block.id}",
                )
            )
        self.blocks = BlockRuns(runs)

    def run(self) -> tuple[list[Finding], dict[int, Place]]:
        """The findings of every rule, one per target and sentence, and where each one's match is (by ``id(finding)``)."""
        where: dict[int, Place] = {}
        findings: list[Finding] = []
        for rule in self.index.rules:
            for m in self.select(rule):
                f = self.finding(m)
                where[id(f)] = m.place
                findings.append(f)
        return dedupe(findings), where

    def _hits(self, rule: CompiledRule, b: BlockRun, rid: int) -> RuleHits:
        """The hits of ``rule`` in block ``b``; empty when the first group is absent."""
        if rid not in b.hits:
            find = b.index.find_group
            first = find(rule.groups[0])
            if not first and not any(s.is_section for s in (rule.rule.within, rule.rule.unless_within, *(s for _, s in rule.also))):
                b.hits[rid] = RuleHits([[] for _ in rule.groups], [[] for _ in rule.also], [])
                return b.hits[rid]
            covered = {i for s, e in find(rule.pseudo) for i in range(s, e)} if rule.pseudo else set()

            def clean(hits: list[Hit]) -> list[Hit]:
                return [h for h in hits if not _overlaps(h, covered)] if covered else hits

            b.hits[rid] = RuleHits(
                [clean(first)] + [clean(find(g)) for g in rule.groups[1:]],
                [clean(find(p)) for p, _ in rule.also],
                clean(find(rule.unless)) if rule.unless else [],
            )
        return b.hits[rid]

    def _candidates(self, scope: Scope, b: BlockRun, by_section: dict[str, list[BlockRun]]) -> list[BlockRun]:
        return by_section[b.section] if scope.is_section else [b]

    def select(self, rule: CompiledRule, only: set[int] | None = None, strict: bool = False) -> list[Match]:
        """Per block and sentence the match of ``rule`` (the best-ranked one wins).

        ``only``: block IDs to look for matches in (other blocks still serve as context, e.g. for ``within: section``).
        ``strict``: count only matches in the document's own voice (level-2 markers).
        """
        rid = id(rule)
        blocks = self.blocks
        by_section = blocks.by_section
        in_block = not rule.rule.within.is_section  # then every group must be in the anchor's block
        out: list[Match] = []
        # only blocks with a first word of the first group (of every group, when in_block) can give a finding
        for b in blocks.containing(rule.groups if in_block else rule.groups[:1]):
            if b.block.kind not in rule.blocks or (only is not None and b.block.id not in only):
                continue
            if in_block and not all(b.index.find_group(g) for g in rule.groups):
                continue  # a group without any hit (before removing look-alikes): no finding
            groups = self._hits(rule, b, rid).groups
            if not groups[0]:
                continue
            if in_block and any(not g for g in groups[1:]):
                continue
            best: dict[int, Candidate] = {}  # per sentence: the best-ranked match wins
            for anchor in groups[0]:
                sent = b.sent_of(anchor[0])
                prev = best.get(sent)
                if prev is not None and prev.rank == OWN_VOICE:
                    continue
                terms = self._match(rule, b, sent, anchor, groups, by_section, rid)
                if terms is None:
                    continue
                quals, rank = self._assess(rule.rule, b, terms)
                if prev is None or rank > prev.rank:
                    best[sent] = Candidate(terms, quals, rank)
            out += [Match(rule.rule, b, sent, c.terms, c.qualifiers, self._counts(rule.rule, c.rank, strict)) for sent, c in best.items()]
        return out

    @staticmethod
    def _counts(rule: Rule, rank: Rank, strict: bool) -> bool:
        """Whether a match of ``rank`` counts: item evidence from level 1 (hedged or attributed) on,
        pitfalls, hints and (``strict``) level-2 markers only in the document's own voice."""
        if strict or rule.kind is not TargetKind.item:
            return rank == OWN_VOICE
        return rank >= LEVEL1

    def _match(
        self, rule: CompiledRule, b: BlockRun, sent: int, anchor: Hit, groups: list[list[Hit]], by_section: dict[str, list[BlockRun]], rid: int
    ) -> list[Hit] | None:
        """The terms of a match anchored at ``anchor`` (one per group in the anchor's sentence), or None."""
        terms: list[Hit] = [anchor]
        here = b.place(anchor, sent)
        for g in range(1, len(groups)):
            found = self._nearest(rule, b, sent, anchor, here, g, groups, terms, by_section, rid)
            if found is None:
                return None
            if found[0][0] == 0:
                terms.append(found[2])
        if not self._conditions_hold(rule, b, here, by_section, rid):
            return None
        return terms

    def _nearest(
        self,
        rule: CompiledRule,
        b: BlockRun,
        sent: int,
        anchor: Hit,
        here: Place,
        g: int,
        groups: list[list[Hit]],
        terms: list[Hit],
        by_section: dict[str, list[BlockRun]],
        rid: int,
    ) -> tuple[tuple[int, int], BlockRun, Hit] | None:
        """The hit of group ``g`` within the rule's scope, nearest the anchor; same-sentence hits first."""
        within = rule.rule.within
        found = None  # (distance, block, hit)
        for other in self._candidates(within, b, by_section):
            ohits = groups[g] if other is b else self._hits(rule, other, rid).groups[g]
            for h in ohits:
                if other is b and any(h[0] < t[1] and t[0] < h[1] for t in terms):
                    continue  # one word cannot serve two groups
                where = other.place(h)
                if not within.contains(here, where):
                    continue
                same = other is b and where.sentence == sent
                dist = (0 if same else 1, abs(h[0] - anchor[0]) if other is b else 0)
                if found is None or dist < found[0]:
                    found = (dist, other, h)
        return found

    def _conditions_hold(self, rule: CompiledRule, b: BlockRun, here: Place, by_section: dict[str, list[BlockRun]], rid: int) -> bool:
        """Every ``also`` condition has a hit in its scope, and no ``unless`` term is in its scope."""
        for c, (_, scope) in enumerate(rule.also):
            if not any(
                scope.contains(here, other.place(h)) for other in self._candidates(scope, b, by_section) for h in self._hits(rule, other, rid).also[c]
            ):
                return False
        if rule.unless:
            scope = rule.rule.unless_within
            for other in self._candidates(scope, b, by_section):
                if any(scope.contains(here, other.place(h)) for h in self._hits(rule, other, rid).unless):
                    return False
        return True

    def _assess(self, rule: Rule, b: BlockRun, terms: list[Hit]) -> tuple[set[str], Rank]:
        """The qualifiers of a match and its rank for ``rule``: :data:`OWN_VOICE` (counts fully),
        :data:`LEVEL1` (only hedged or attributed: counts at level 1 for items) or :data:`NOT_COUNTED`."""
        key = tuple(terms)
        found = b.quals.get(key)
        if found is None:
            doc = b.doc
            start = min(s for s, _ in terms)
            end = max(e for _, e in terms)
            from genderscan.nlp import qualifiers

            found = b.quals[key] = qualifiers(doc[start:end], [doc[s:e] for s, e in terms])
        quals = set(found) | set(rule.marks)
        if b.block.kind == BlockKind.glossary:
            quals.add(Qualifier.definition)
        blocking = (quals & BLOCKING) - set(rule.accepts) - set(rule.requires)
        if rule.requires and not quals & set(rule.requires):
            return quals, NOT_COUNTED
        if not blocking:
            return quals, OWN_VOICE
        return quals, LEVEL1 if blocking <= LEVEL1_ONLY else NOT_COUNTED

    def finding(self, m: Match) -> Finding:
        """The :class:`Finding` of a match: its sentence (text, offsets, page), match offsets and qualifiers."""
        from genderscan.nlp import span_offsets

        rule, b, sent, terms = m.rule, m.block, m.sentence, m.terms
        doc = b.doc
        start = min(s for s, _ in terms)
        end = max(e for _, e in terms)
        info = b.sentences.get(sent)
        if info is None:
            sentence = doc[b.sent_starts[sent] : b.sent_ends[sent]]
            s_start, s_end = span_offsets(sentence)
            # == sentence.text.strip(): the Doc's text is its tokens' text with whitespace
            if b.text is None:
                # annotate() made the Doc from the block's text; Doc.text would rebuild it token by token
                last = doc[-1]
                b.text = b.block.text if last.idx + len(last.text_with_ws) == len(b.block.text) else doc.text
            text = b.text[sentence.start_char : sentence.end_char].strip()
            info = b.sentences[sent] = SentenceInfo(s_start, s_end, text, self.document.page_at(s_start))
        s_start, s_end, text, page = info
        m_start, m_end = span_offsets(doc[start:end])
        return Finding(
            rule=rule.id,
            target=rule.target,
            kind=rule.kind,
            block_id=b.block.id,
            block_kind=str(b.block.kind),
            page=page,
            section=b.block.section if b.block.kind != BlockKind.heading else b.block.text,
            text=text,
            start=s_start,
            end=s_end,
            match_start=m_start,
            match_end=m_end,
            qualifiers=[str(q) for q in sorted(m.qualifiers)],
            counted=m.counted,
        )


def dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per target and sentence; a counted one wins over one that does not count."""
    best: dict[tuple[str, int, int], Finding] = {}
    for f in findings:
        key = (f.target, f.block_id, f.start)
        if key not in best or (f.counted and not best[key].counted):
            best[key] = f
    return sorted(best.values(), key=lambda f: (f.start, f.target))


def level1_only(f: Finding, rule: Rule | None) -> bool:
    """Counted evidence that is only an ambition or a quoted view: never level 2."""
    accepted = set(rule.accepts) | set(rule.requires) if rule else set()
    return bool((set(f.qualifiers) & LEVEL1_ONLY) - accepted)



__all__ = ["BlockRun", "BlockRuns", "Candidate", "Hit", "Match", "Matcher", "Rank", "RuleHits", "SentenceInfo", "dedupe", "level1_only"]
