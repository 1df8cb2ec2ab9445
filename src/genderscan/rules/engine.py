"""Compiling rules once and running them over an annotated document.

The engine reads every body block's spaCy Doc once: each distinct token is
looked up in the rule set's :class:`~genderscan.rules.terms.TermIndex` (a
cached set of word-pattern IDs), phrases are found from an inverted index
(each term list once per block, shared by the rules that use it), a rule only
visits the blocks that contain a first word of its first group, and each rule
then only combines hit lists: the ``all`` groups within the rule's
scope (sentence, N sentences, N tokens, paragraph, section), the ``also``
conditions in their own scope, ``unless`` exceptions and ``pseudo`` look-alikes.
A match becomes a :class:`~genderscan.findings.Finding` with the sentence's
context qualifiers (``genderscan.nlp.qualifiers``); the rule's ``accepts`` /
``requires`` decide whether it counts. Finally the level-2 layer marks counted
item evidence ``operational`` when a concrete measure from the rule's
``level2`` profile (``rules/_niveau2.yaml``) sits in the same paragraph or
section, in the document's own voice (not negated, hedged or attributed).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import IntEnum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from genderscan.checklist import Checklist, load_checklist
from genderscan.document import Block, BlockKind
from genderscan.findings import Finding, TargetKind
from genderscan.kinds import BLOCKING, LEVEL1_ONLY, Place, Qualifier, Scope
from genderscan.paths import default_rules_dir
from genderscan.rules.loader import (
    PROFILES_FILE,
    Vocab,
    check_refs,
    expand,
    find_rule_files,
    find_vocab_files,
    load_profiles_file,
    load_rule_file,
    load_vocab_file,
)
from genderscan.rules.schema import Profile, Rule
from genderscan.rules.terms import DocIndex, Group, TermIndex

if TYPE_CHECKING:  # spaCy and the NLP stage load when rules run, not for ``rules list`` or an input error
    from spacy.language import Language
    from spacy.tokens import Doc

    from genderscan.nlp import AnnotatedDocument

Hit = tuple[int, int]  # token span (start, end) in a block's Doc


class Rank(IntEnum):
    """How far a match counts (:meth:`RuleSet._assess`), best last."""

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

    block: _Block
    sentence: int
    terms: list[Hit]
    qualifiers: set[str]
    counted: bool

    @property
    def place(self) -> Place:
        return Place(self.block.section, self.block.block.id, self.sentence, min(s for s, _ in self.terms), max(e for _, e in self.terms))


@dataclass
class CompiledRule:
    rule: Rule
    groups: list[Group]
    also: list[tuple[Group, Scope]]
    unless: Group
    pseudo: Group
    blocks: frozenset[BlockKind]

    @classmethod
    def build(cls, rule: Rule, index: TermIndex, vocab: dict[str, Vocab]) -> CompiledRule:
        def phrases(terms: list[str]) -> Group:
            return index.group(expand(terms, vocab))

        return cls(
            rule=rule,
            groups=[phrases(g) for g in rule.all],
            also=[(phrases(c.terms), c.within) for c in rule.also],
            unless=phrases(rule.unless),
            pseudo=phrases(rule.pseudo),
            blocks=frozenset(rule.blocks),
        )


@dataclass
class _Block:
    """One body block during a run: its Doc, sentence bounds and hit lists per rule."""

    block: Block
    doc: Doc
    index: DocIndex
    sent_starts: list[int]
    sent_ends: list[int]
    section: str
    hits: dict[int, RuleHits] = field(default_factory=dict)
    quals: dict[tuple[Hit, ...], frozenset[str]] = field(default_factory=dict)  # qualifiers per matched terms
    sentences: dict[int, tuple[int, int, str, int]] = field(default_factory=dict)  # start, end, text, page
    text: str | None = None  # the Doc's text, read once

    def sent_of(self, token: int) -> int:
        return bisect.bisect_right(self.sent_starts, token) - 1

    def place(self, hit: Hit, sent: int | None = None) -> Place:
        return Place(self.section, self.block.id, self.sent_of(hit[0]) if sent is None else sent, hit[0], hit[1])


class _Blocks(list):
    """The body blocks of one run, with the blocks per section and, per word pattern, the blocks that contain it."""

    def __init__(self, blocks: list[_Block]) -> None:
        super().__init__(blocks)
        self.by_section: dict[str, list[_Block]] = defaultdict(list)
        self.by_word: dict[int, list[int]] = defaultdict(list)
        for n, b in enumerate(self):
            self.by_section[b.section].append(b)
            for wid in b.index.positions:
                self.by_word[wid].append(n)

    def _with(self, group: Group) -> set[int]:
        found: set[int] = set()
        for wid in group.firsts:
            found.update(self.by_word.get(wid, ()))
        return found

    def containing(self, groups: list[Group]) -> list[_Block]:
        """The blocks (in document order) holding a first word of a phrase of every group in ``groups``."""
        found = self._with(groups[0])
        for group in groups[1:]:
            if not found:
                break
            found &= self._with(group)
        return [self[n] for n in sorted(found)]


def _overlaps(hit: Hit, covered: set[int]) -> bool:
    return any(i in covered for i in range(hit[0], hit[1]))


class RuleSet:
    """Validated rules plus the term lists and level-2 profiles they use."""

    def __init__(
        self,
        rules: list[Rule],
        checklist: Checklist,
        vocab: dict[str, Vocab] | None = None,
        profiles: dict[str, Profile] | None = None,
    ) -> None:
        self.rules = rules
        self.checklist = checklist
        self.vocab = vocab or {}
        self.profiles = profiles or {}
        self._compiled: dict[int, tuple[TermIndex, list[CompiledRule], dict[str, list[CompiledRule]]]] = {}

    def subset(self, rules: list[Rule]) -> RuleSet:
        return RuleSet(rules, self.checklist, self.vocab, self.profiles)

    def by_id(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def checked_items(self) -> set[str]:
        return {r.item for r in self.rules if r.item}

    def expanded(self, terms: list[str]) -> list[str]:
        return expand(terms, self.vocab)

    # -- compiling -------------------------------------------------------
    def compiled(self, nlp: Language) -> tuple[TermIndex, list[CompiledRule], dict[str, list[CompiledRule]]]:
        key = id(nlp.vocab)
        if key not in self._compiled:
            index = TermIndex(lambda text: [t.text for t in nlp.make_doc(text)])
            rules = [CompiledRule.build(r, index, self.vocab) for r in self.rules]
            used = {r.level2 for r in self.rules if r.level2 and r.level2 != "none"}
            markers = {
                name: [CompiledRule.build(m, index, self.vocab) for m in self.profiles[name].any]
                for name in used
                if name in self.profiles
            }
            self._compiled[key] = (index, rules, markers)
        return self._compiled[key]

    # -- running ---------------------------------------------------------
    def run(self, annotated: AnnotatedDocument, nlp: Language) -> list[Finding]:
        index, compiled, markers = self.compiled(nlp)
        document = annotated.document
        blocks: list[_Block] = []
        for block, doc in annotated.blocks():
            if block.kind in (BlockKind.toc, BlockKind.references, BlockKind.footnote) or not len(doc):
                continue
            sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
            blocks.append(
                _Block(
                    block=block,
                    doc=doc,
                    index=DocIndex(doc, index),
                    sent_starts=[s.start for s in sents],
                    sent_ends=[s.end for s in sents],
                    section=block.section or f"#{block.id}",
                )
            )
        blocks = _Blocks(blocks)
        where: dict[int, Place] = {}  # id(finding) -> where its match is
        findings: list[Finding] = []
        for rule in compiled:
            for f, place in self._run_rule(rule, blocks, document):
                where[id(f)] = place
                findings.append(f)
        findings = self._dedupe(findings)
        findings = self._drop_conditional(findings)
        if markers:
            self._operationalise(findings, where, blocks, markers, document)
        return findings

    def _hits(self, rule: CompiledRule, b: _Block, rid: int) -> RuleHits:
        """The hits of ``rule`` in block ``b``; empty when the first group is absent."""
        if rid not in b.hits:
            find = b.index.find_group
            first = find(rule.groups[0])
            if not first and not any(s.is_section for s in (rule.rule.within, rule.rule.unless_within, *(s for _, s in rule.also))):
                b.hits[rid] = RuleHits([[] for _ in rule.groups], [[] for _ in rule.also], [])
                return b.hits[rid]
            covered = {i for s, e in find(rule.pseudo) for i in range(s, e)} if rule.pseudo else set()

            def clean(hits):
                return [h for h in hits if not _overlaps(h, covered)] if covered else hits

            b.hits[rid] = RuleHits(
                [clean(first)] + [clean(find(g)) for g in rule.groups[1:]],
                [clean(find(p)) for p, _ in rule.also],
                clean(find(rule.unless)) if rule.unless else [],
            )
        return b.hits[rid]

    def _candidates(self, scope: Scope, b: _Block, by_section: dict[str, list[_Block]]) -> list[_Block]:
        return by_section[b.section] if scope.is_section else [b]

    def _run_rule(self, rule: CompiledRule, blocks: _Blocks, document) -> list[tuple[Finding, Place]]:
        return [(self._finding(rule.rule, m.block, m.sentence, m.terms, m.qualifiers, m.counted, document), m.place) for m in self._select(rule, blocks)]

    def _select(
        self, rule: CompiledRule, blocks: _Blocks, only: set[int] | None = None, strict: bool = False
    ) -> list[Match]:
        """Per block and sentence the match of ``rule`` (the best-ranked one wins).

        ``only``: block IDs to look for matches in (other blocks still serve as context, e.g. for ``within: section``).
        ``strict``: count only matches in the document's own voice (level-2 markers).
        """
        rid = id(rule)
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
            out += [Match(b, sent, c.terms, c.qualifiers, self._counts(rule.rule, c.rank, strict)) for sent, c in best.items()]
        return out

    @staticmethod
    def _counts(rule: Rule, rank: Rank, strict: bool) -> bool:
        """Whether a match of ``rank`` counts: item evidence from level 1 (hedged or attributed) on,
        pitfalls, hints and (``strict``) level-2 markers only in the document's own voice."""
        if strict or rule.kind is not TargetKind.item:
            return rank == OWN_VOICE
        return rank >= LEVEL1

    def _match(self, rule, b: _Block, sent: int, anchor: Hit, groups, by_section, rid) -> list[Hit] | None:
        r = rule.rule
        terms: list[Hit] = [anchor]
        here = b.place(anchor, sent)
        for g in range(1, len(groups)):
            found = None  # (distance, block, hit); same-sentence hits nearest to the anchor first
            for other in self._candidates(r.within, b, by_section):
                ohits = groups[g] if other is b else self._hits(rule, other, rid).groups[g]
                for h in ohits:
                    if other is b and any(h[0] < t[1] and t[0] < h[1] for t in terms):
                        continue  # one word cannot serve two groups
                    if not r.within.contains(here, other.place(h)):
                        continue
                    same = other is b and b.sent_of(h[0]) == sent
                    dist = (0 if same else 1, abs(h[0] - anchor[0]) if other is b else 0)
                    if found is None or dist < found[0]:
                        found = (dist, other, h)
            if found is None:
                return None
            if found[0][0] == 0:
                terms.append(found[2])
        for c, (_, scope) in enumerate(rule.also):
            ok = False
            for other in self._candidates(scope, b, by_section):
                ahits = self._hits(rule, other, rid).also[c]
                if any(scope.contains(here, other.place(h)) for h in ahits):
                    ok = True
                    break
            if not ok:
                return None
        if rule.unless:
            scope = r.unless_within
            for other in self._candidates(scope, b, by_section):
                uhits = self._hits(rule, other, rid).unless
                if any(scope.contains(here, other.place(h)) for h in uhits):
                    return None
        return terms

    def _assess(self, rule: Rule, b: _Block, terms: list[Hit]) -> tuple[set[str], Rank]:
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

    def _finding(self, rule: Rule, b: _Block, sent: int, terms: list[Hit], quals: set[str], counted: bool, document) -> Finding:
        from genderscan.nlp import span_offsets

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
            info = b.sentences[sent] = (s_start, s_end, text, document.page_at(s_start))
        s_start, s_end, text, page = info
        m_start, m_end = span_offsets(doc[start:end])
        kind = TargetKind(rule.kind)
        return Finding(
            rule=rule.id,
            target=rule.target,
            kind=kind,
            block_id=b.block.id,
            block_kind=str(b.block.kind),
            page=page,
            section=b.block.section if b.block.kind != BlockKind.heading else b.block.text,
            text=text,
            start=s_start,
            end=s_end,
            match_start=m_start,
            match_end=m_end,
            qualifiers=[str(q) for q in sorted(quals)],
            counted=counted,
        )

    @staticmethod
    def _dedupe(findings: list[Finding]) -> list[Finding]:
        """One finding per target and sentence; a counted one wins over one that does not count."""
        best: dict[tuple[str, int, int], Finding] = {}
        for f in findings:
            key = (f.target, f.block_id, f.start)
            if key not in best or (f.counted and not best[key].counted):
                best[key] = f
        return sorted(best.values(), key=lambda f: (f.start, f.target))

    def _drop_conditional(self, findings: list[Finding]) -> list[Finding]:
        counted_items = {f.target for f in findings if f.counted and f.kind == TargetKind.item}
        rules = {r.id: r for r in self.rules}
        out = []
        for f in findings:
            rule = rules.get(f.rule)
            if rule and rule.unless_items and counted_items & set(rule.unless_items):
                continue
            out.append(f)
        return out

    def _operationalise(self, findings, where: dict[int, int], blocks: _Blocks, markers: dict[str, list[CompiledRule]], document) -> None:
        rules = {r.id: r for r in self.rules}
        by_id = {b.block.id: b for b in blocks}
        needed = {rules[f.rule].level2 for f in findings if f.counted and f.rule in rules and rules[f.rule].level2 in markers}
        # concrete measures per profile, in the document's own voice only, per section
        found: dict[str, dict[str, list[Place]]] = {}
        for name in needed:
            # only markers where a finding of this profile can see them: its block, or its section
            targets = {f.block_id for f in findings if f.counted and f.rule in rules and rules[f.rule].level2 == name}
            if self.profiles[name].within.is_section:
                near = {by_id[block_id].section for block_id in targets}
                only = {b.block.id for b in blocks if b.section in near}
            else:
                only = targets
            places: dict[str, list[Place]] = defaultdict(list)
            for m in markers[name]:
                for match in self._select(m, blocks, only, strict=True):
                    if match.counted:
                        places[match.block.section].append(match.place)
            found[name] = places
        for f in findings:
            rule = rules.get(f.rule)
            if not (f.counted and rule and rule.level2 in found) or level1_only(f, rule):
                continue
            scope = self.profiles[rule.level2].within
            here = where[id(f)]
            if any(scope.contains(here, m) for m in found[rule.level2].get(here.section, ())):
                f.operational = True


def level1_only(f: Finding, rule: Rule | None) -> bool:
    """Counted evidence that is only an ambition or a quoted view: never level 2."""
    accepted = set(rule.accepts) | set(rule.requires) if rule else set()
    return bool((set(f.qualifiers) & LEVEL1_ONLY) - accepted)


def builtin_rules_dir() -> Path:
    return default_rules_dir()


def load_rules(extra: Iterable[str | Path] = (), disabled: Iterable[str] = (), checklist: Checklist | None = None) -> RuleSet:
    """The built-in rules plus the packs in ``extra``; a later rule ID, term list or profile overrides an earlier one."""
    checklist = checklist or load_checklist()
    by_id: dict[str, Rule] = {}
    vocab: dict[str, Vocab] = {}
    profiles: dict[str, Profile] = {}
    for root in [builtin_rules_dir(), *map(Path, extra)]:
        for path in find_rule_files(root):
            rule = load_rule_file(path, root, checklist)
            by_id[rule.id] = rule
        for path in find_vocab_files(root):
            vocab[path.stem] = load_vocab_file(path)
        if (root / PROFILES_FILE).is_file():
            profiles.update(load_profiles_file(root / PROFILES_FILE))
    for profile in profiles.values():
        for marker in profile.any:
            check_refs(marker, vocab, profiles)
    rules = [r for r in by_id.values() if r.id not in set(disabled)]
    for rule in rules:
        check_refs(rule, vocab, profiles)
    return RuleSet(rules, checklist, vocab, profiles)


@cache
def default_ruleset() -> RuleSet:
    return load_rules()


def text_document(text: str, kind: BlockKind = BlockKind.paragraph):
    """A one-block Document for a bare text (rule examples, the evaluation)."""
    from genderscan.document import DocumentBuilder

    builder = DocumentBuilder("<tekst>", "", "txt")
    builder.add(kind, text)
    return builder.build()


def run_on_text(ruleset: RuleSet, nlp: Language, text: str, kind: BlockKind = BlockKind.paragraph) -> list[Finding]:
    """Run the rules over a bare text (for rule examples and the evaluation)."""
    from genderscan.nlp import annotate

    return ruleset.run(annotate(text_document(text, kind), nlp), nlp)


__all__ = ["CompiledRule", "RuleSet", "load_rules", "default_ruleset", "run_on_text", "text_document"]
