"""Compiling rules once and running them over an annotated document.

The engine reads every body block's spaCy Doc once: each distinct token is
looked up in the rule set's :class:`~genderscan.rules.terms.TermIndex` (a
cached set of word-pattern IDs), phrases are found from an inverted index, and
each rule then only combines hit lists: the ``all`` groups within the rule's
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
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from genderscan.checklist import Checklist, load_checklist
from genderscan.document import Block, BlockKind
from genderscan.findings import Finding, TargetKind
from genderscan.nlp import AnnotatedDocument, qualifiers, span_offsets
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
from genderscan.rules.terms import DocIndex, TermIndex

#: Qualifiers that stop a finding from counting unless the rule ``accepts`` them.
BLOCKING = frozenset({"negated", "hedged", "attributed", "definition"})

Hit = tuple[int, int]  # token span (start, end) in a block's Doc


@dataclass
class CompiledRule:
    rule: Rule
    groups: list[list[tuple[int, ...]]]
    also: list[tuple[list[tuple[int, ...]], str]]
    unless: list[tuple[int, ...]]
    pseudo: list[tuple[int, ...]]
    blocks: frozenset[str]

    @classmethod
    def build(cls, rule: Rule, index: TermIndex, vocab: dict[str, Vocab]) -> CompiledRule:
        def phrases(terms: list[str]) -> list[tuple[int, ...]]:
            return [index.phrase(t) for t in expand(terms, vocab)]

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
    hits: dict[int, tuple[list[list[Hit]], list[list[Hit]], list[Hit]]] = field(default_factory=dict)

    def sent_of(self, token: int) -> int:
        return bisect.bisect_right(self.sent_starts, token) - 1


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
        where: dict[int, int] = {}  # id(finding) -> sentence index in its block
        findings: list[Finding] = []
        for rule in compiled:
            for f, sent in self._run_rule(rule, blocks, document):
                where[id(f)] = sent
                findings.append(f)
        findings = self._dedupe(findings)
        findings = self._drop_conditional(findings)
        if markers:
            self._operationalise(findings, where, blocks, markers, document)
        return findings

    def _hits(self, rule: CompiledRule, b: _Block, rid: int):
        """(group hits, also hits, unless hits) of ``rule`` in block ``b``; empty when the first group is absent."""
        if rid not in b.hits:
            first = b.index.find_any(rule.groups[0])
            if not first and "section" not in (rule.rule.within, rule.rule.unless_within, *(s for _, s in rule.also)):
                b.hits[rid] = ([[] for _ in rule.groups], [[] for _ in rule.also], [])
                return b.hits[rid]
            covered = {i for s, e in b.index.find_any(rule.pseudo) for i in range(s, e)} if rule.pseudo else set()

            def clean(hits):
                return [h for h in hits if not _overlaps(h, covered)] if covered else hits

            b.hits[rid] = (
                [clean(first)] + [clean(b.index.find_any(g)) for g in rule.groups[1:]],
                [clean(b.index.find_any(p)) for p, _ in rule.also],
                clean(b.index.find_any(rule.unless)) if rule.unless else [],
            )
        return b.hits[rid]

    def _in_scope(self, scope: str, b: _Block, sent: int, anchor: Hit, other: _Block, hit: Hit) -> bool:
        """Is ``hit`` (in block ``other``) within ``scope`` of the anchor in sentence ``sent`` of ``b``?"""
        if scope == "section":
            return other.section == b.section
        if other is not b:
            return False
        if scope == "paragraph":
            return True
        if scope == "sentence":
            return other.sent_of(hit[0]) == sent
        kind, n = scope.split(":")
        if kind == "sentences":
            return abs(other.sent_of(hit[0]) - sent) < int(n)
        # tokens:N — gap between the two spans at most N tokens, same sentence not required
        gap = max(hit[0] - anchor[1], anchor[0] - hit[1], 0)
        return gap <= int(n)

    def _candidates(self, scope: str, b: _Block, by_section: dict[str, list[_Block]]) -> list[_Block]:
        return by_section[b.section] if scope == "section" else [b]

    def _run_rule(self, rule: CompiledRule, blocks: list[_Block], document) -> list[tuple[Finding, int]]:
        rid = id(rule)
        scopes = [rule.rule.within] + [s for _, s in rule.also] + [rule.rule.unless_within]
        by_section: dict[str, list[_Block]] = defaultdict(list)
        if "section" in scopes:
            for b in blocks:
                by_section[b.section].append(b)
        out: list[tuple[Finding, int]] = []
        for b in blocks:
            if str(b.block.kind) not in rule.blocks:
                continue
            groups, _, _ = self._hits(rule, b, rid)
            if not groups[0]:
                continue
            if rule.rule.within != "section" and any(not g for g in groups[1:]):
                continue
            best: dict[int, Finding] = {}  # per sentence: a counted finding wins
            for anchor in groups[0]:
                sent = b.sent_of(anchor[0])
                if sent in best and best[sent].counted:
                    continue
                terms = self._match(rule, b, sent, anchor, groups, by_section, rid)
                if terms is None:
                    continue
                finding = self._finding(rule.rule, b, sent, terms, document)
                if sent not in best or finding.counted:
                    best[sent] = finding
            out += [(f, sent) for sent, f in best.items()]
        return out

    def _match(self, rule, b: _Block, sent: int, anchor: Hit, groups, by_section, rid) -> list[Hit] | None:
        r = rule.rule
        terms: list[Hit] = [anchor]
        for g in range(1, len(groups)):
            found = None  # (distance, block, hit); same-sentence hits nearest to the anchor first
            for other in self._candidates(r.within, b, by_section):
                ohits = groups[g] if other is b else self._hits(rule, other, rid)[0][g]
                for h in ohits:
                    if other is b and any(h[0] < t[1] and t[0] < h[1] for t in terms):
                        continue  # one word cannot serve two groups
                    if not self._in_scope(r.within, b, sent, anchor, other, h):
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
                ahits = self._hits(rule, other, rid)[1][c]
                if any(self._in_scope(scope, b, sent, anchor, other, h) for h in ahits):
                    ok = True
                    break
            if not ok:
                return None
        if rule.unless:
            scope = r.unless_within
            for other in self._candidates(scope, b, by_section):
                uhits = self._hits(rule, other, rid)[2]
                if any(self._in_scope(scope, b, sent, anchor, other, h) for h in uhits):
                    return None
        return terms

    def _finding(self, rule: Rule, b: _Block, sent: int, terms: list[Hit], document) -> Finding:
        doc = b.doc
        start = min(s for s, _ in terms)
        end = max(e for _, e in terms)
        span = doc[start:end]
        term_spans = [doc[s:e] for s, e in terms]
        quals = set(qualifiers(span, term_spans))
        if b.block.kind == BlockKind.glossary:
            quals.add("definition")
        blocking = (quals & BLOCKING) - set(rule.accepts) - set(rule.requires)
        counted = not blocking
        if rule.requires and not quals & set(rule.requires):
            counted = False
        sentence = doc[b.sent_starts[sent] : b.sent_ends[sent]]
        s_start, s_end = span_offsets(sentence)
        m_start, m_end = span_offsets(span)
        kind = TargetKind(rule.kind)
        return Finding(
            rule=rule.id,
            target=rule.target,
            kind=kind,
            block_id=b.block.id,
            block_kind=str(b.block.kind),
            page=document.page_at(s_start),
            section=b.block.section if b.block.kind != BlockKind.heading else b.block.text,
            text=sentence.text.strip(),
            start=s_start,
            end=s_end,
            match_start=m_start,
            match_end=m_end,
            qualifiers=sorted(quals),
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

    def _operationalise(self, findings, where: dict[int, int], blocks: list[_Block], markers: dict[str, list[CompiledRule]], document) -> None:
        rules = {r.id: r for r in self.rules}
        by_id = {b.block.id: b for b in blocks}
        needed = {rules[f.rule].level2 for f in findings if f.counted and f.rule in rules and rules[f.rule].level2 in markers}
        # sentences with a concrete measure per profile, in the document's own voice only
        found: dict[str, list[tuple[int, int, str]]] = {}
        for name in needed:
            found[name] = [
                (mf.block_id, sent, by_id[mf.block_id].section)
                for m in markers[name]
                for mf, sent in self._run_rule(m, blocks, document)
                if mf.counted
            ]
        for f in findings:
            rule = rules.get(f.rule)
            if not (f.counted and rule and rule.level2 in found):
                continue
            scope = self.profiles[rule.level2].within
            b = by_id[f.block_id]
            sent = where.get(id(f), 0)
            for block_id, msent, section in found[rule.level2]:
                if scope == "section":
                    ok = section == b.section
                elif block_id != f.block_id:
                    ok = False
                elif scope == "paragraph":
                    ok = True
                elif scope == "sentence":
                    ok = msent == sent
                else:
                    ok = abs(msent - sent) < int(scope.split(":")[1])
                if ok:
                    f.operational = True
                    break


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
