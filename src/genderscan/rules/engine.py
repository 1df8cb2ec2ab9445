"""Compiling rules to spaCy matchers and running them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from genderscan.checklist import Checklist, load_checklist
from genderscan.document import BODY_KINDS, BlockKind
from genderscan.findings import Finding, TargetKind
from genderscan.nlp import AnnotatedDocument, qualifiers, span_offsets
from genderscan.paths import default_rules_dir
from genderscan.rules.loader import find_rule_files, load_rule_file
from genderscan.rules.schema import Rule

KEY = "gs_key"


def _token_key(token: Token) -> str:
    """``|folded|lemma|`` — what a term word is matched against."""
    from genderscan.document import fold

    return f"|{fold(token.text)}|{token.lemma_}|"


if not Token.has_extension(KEY):
    Token.set_extension(KEY, getter=_token_key)


def word_regex(word: str) -> str:
    from genderscan.document import fold

    w = fold(word)
    body = re.escape(w.strip("*"))
    head = r"[^|]*" if w.startswith("*") else ""
    tail = r"[^|]*" if w.endswith("*") else ""
    return rf"\|{head}{body}{tail}\|"


def term_pattern(term: str) -> list[dict]:
    return [{"_": {KEY: {"REGEX": word_regex(w)}}} for w in term.split()]


class CompiledRule:
    def __init__(self, rule: Rule, vocab) -> None:
        self.rule = rule
        self.groups: list[Matcher] = []
        for group in rule.all:
            matcher = Matcher(vocab)
            matcher.add("g", [term_pattern(t) for t in group])
            self.groups.append(matcher)
        self.unless = Matcher(vocab)
        if rule.unless:
            self.unless.add("u", [term_pattern(t) for t in rule.unless])

    def match(self, sent: Span) -> tuple[Span, list[Span]] | None:
        """The span covering one match of every group in ``sent`` and the term spans, or None."""
        spans = []
        for matcher in self.groups:
            hits = matcher(sent, as_spans=True)
            if not hits:
                return None
            spans.append(hits[0])
        if self.rule.unless and self.unless(sent):
            return None
        start = min(s.start for s in spans)
        end = max(s.end for s in spans)
        return sent.doc[start:end], spans


class RuleSet:
    def __init__(self, rules: list[Rule], checklist: Checklist) -> None:
        self.rules = rules
        self.checklist = checklist
        self._compiled: dict[int, list[CompiledRule]] = {}

    def by_id(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def checked_items(self) -> set[str]:
        return {r.item for r in self.rules if r.item}

    def compiled(self, nlp: Language) -> list[CompiledRule]:
        key = id(nlp.vocab)
        if key not in self._compiled:
            self._compiled[key] = [CompiledRule(r, nlp.vocab) for r in self.rules]
        return self._compiled[key]

    def run(self, annotated: AnnotatedDocument, nlp: Language) -> list[Finding]:
        compiled = self.compiled(nlp)
        document = annotated.document
        findings: list[Finding] = []
        for block, doc in annotated.blocks():
            if block.kind not in BODY_KINDS:
                continue
            for sent in doc.sents:
                for rule in compiled:
                    hit = rule.match(sent)
                    if hit is None:
                        continue
                    findings.append(self._finding(rule.rule, block, sent, *hit, document))
        return findings

    def _finding(self, rule: Rule, block, sent: Span, span: Span, terms: list[Span], document) -> Finding:
        quals = set(qualifiers(span, terms))
        if block.kind == BlockKind.glossary:
            quals.add("definition")
        kind = TargetKind.item if rule.item else TargetKind.pitfall if rule.pitfall else TargetKind.hint
        counted = not quals & {"negated", "hedged", "attributed"}
        if "definition" in quals and rule.target != "definitie-gendersensitief":
            counted = False
        start, end = span_offsets(sent)
        m_start, m_end = span_offsets(span)
        return Finding(
            rule=rule.id,
            target=rule.target,
            kind=kind,
            block_id=block.id,
            block_kind=str(block.kind),
            page=document.page_at(start),
            section=block.section if block.kind != BlockKind.heading else block.text,
            text=sent.text.strip(),
            start=start,
            end=end,
            match_start=m_start,
            match_end=m_end,
            qualifiers=sorted(quals),
            counted=counted,
        )


def builtin_rules_dir() -> Path:
    return default_rules_dir()


def load_rules(extra: Iterable[str | Path] = (), disabled: Iterable[str] = (), checklist: Checklist | None = None) -> RuleSet:
    """The built-in rules plus the packs in ``extra``; a later rule ID overrides an earlier one."""
    checklist = checklist or load_checklist()
    by_id: dict[str, Rule] = {}
    for root in [builtin_rules_dir(), *map(Path, extra)]:
        for path in find_rule_files(root):
            rule = load_rule_file(path, root, checklist)
            by_id[rule.id] = rule
    off = set(disabled)
    return RuleSet([r for r in by_id.values() if r.id not in off], checklist)


@cache
def default_ruleset() -> RuleSet:
    return load_rules()


def run_on_text(ruleset: RuleSet, nlp: Language, text: str) -> list[Finding]:
    """Run the rules over a bare text (for rule examples and the evaluation)."""
    from genderscan.document import DocumentBuilder
    from genderscan.nlp import annotate

    builder = DocumentBuilder("<tekst>", "", "txt")
    builder.add(BlockKind.paragraph, text)
    return ruleset.run(annotate(builder.build(), nlp), nlp)


__all__ = ["Doc", "RuleSet", "load_rules", "default_ruleset", "run_on_text"]
