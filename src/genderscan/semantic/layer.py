"""The semantic layer: candidate sentences -> embeddings -> per-target classifier -> Findings.

Runs after the rules over the same annotated document. Only sentences with
domain vocabulary (:mod:`genderscan.semantic.candidates`) in the document's own
running text are embedded, in batches, each distinct sentence once. A sentence
whose probability for a target reaches the target's threshold becomes a normal
:class:`~genderscan.findings.Finding` with rule ``semantisch/<target>``, the
sentence's page, section and offsets, the qualifiers the NLP stage gives its
domain words (as the rules get them for their terms), and an explanation: the
probability and the most similar labelled example.

What counts (the rules own level 2):
- never ``operational``: semantic evidence makes level 1 at most;
- ``negated`` never counts; ``hedged`` and ``attributed`` count for an item
  (level 1, marked); for a pitfall only the document's own voice counts;
- ``definition`` (begrippenlijst) counts only for A3 and pitfall P1;
- where a rule already has a finding for the same target and sentence, the
  semantic layer adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from genderscan.document import Block, BlockKind
from genderscan.findings import Finding, SemanticExplanation, TargetKind
from genderscan.kinds import CONTEXT_QUALIFIERS
from genderscan.semantic.candidates import target_gate, target_spans, vocabulary_hits

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from genderscan.nlp import AnnotatedDocument
    from genderscan.semantic.model import SemanticModel

RULE_PREFIX = "semantisch/"
#: Block kinds the layer reads (no headings, tables of contents, references, footnotes, captions).
KINDS = frozenset({BlockKind.paragraph, BlockKind.list_item, BlockKind.table, BlockKind.glossary})
#: Shortest sentence (tokens) worth judging.
MIN_TOKENS = 5
#: Targets for which a begrippenlijst entry is evidence (the layer's judgement and what training learns from).
DEFINITION_TARGETS = frozenset({"definitie-gendersensitief", "valkuil-gender-is-sekse"})


@dataclass
class Candidate:
    block: Block
    doc: Doc
    sent: Span
    text: str
    hits: list[tuple[int, int]]  # character spans of the domain words in the Doc
    raw: str = ""  # the sentence as in the Doc (unstripped: offsets from sent.start_char)

    def terms(self, target: str) -> list[Span]:
        """``target``'s words in the sentence as spans (all domain words when it has no word list):
        the terms whose qualifiers decide, as a rule's matched terms do."""
        spans = [(s + self.sent.start_char, e + self.sent.start_char) for s, e in target_spans(self.raw, target)]
        spans = spans or self.hits
        found = (self.doc.char_span(s, e, alignment_mode="expand") for s, e in spans)
        return [span for span in found if span is not None]

    def qualifiers(self, target: str) -> set[str]:
        """The NLP stage's qualifiers of ``target``'s words in the sentence (as for a rule's terms), and
        ``definition`` in a begrippenlijst: what decides whether a hit counts (the layer and training)."""
        from genderscan.nlp import qualifiers

        quals = {str(q) for q in qualifiers(self.sent, self.terms(target))}
        if self.block.kind == BlockKind.glossary:
            quals.add("definition")
        return quals


def candidates(annotated: AnnotatedDocument) -> list[Candidate]:
    """The sentences of the document's own text that hold domain vocabulary."""
    out: list[Candidate] = []
    for block, doc in annotated.blocks():
        if block.kind not in KINDS or len(doc) < MIN_TOKENS:
            continue
        last = doc[-1]
        text = block.text if last.idx + len(last.text_with_ws) == len(block.text) else doc.text
        hits = vocabulary_hits(text)
        if not hits:
            continue
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        for sent in sents:
            if len(sent) < MIN_TOKENS:
                continue
            inside = [(s, e) for s, e in hits if s >= sent.start_char and e <= sent.end_char]
            if inside:
                raw = text[sent.start_char : sent.end_char]
                out.append(Candidate(block, doc, sent, raw.strip(), inside, raw))
    return out


def _counts(kind: TargetKind, target: str, quals: set[str]) -> bool:
    if "definition" in quals and target not in DEFINITION_TARGETS:
        return False
    if "negated" in quals:
        return False
    if kind == TargetKind.pitfall and quals & set(CONTEXT_QUALIFIERS):  # a pitfall needs the document's own voice
        return False
    return True


def run(
    annotated: AnnotatedDocument,
    targets: Iterable[str] | None = None,
    existing: Iterable[Finding] = (),
    model: SemanticModel | None = None,
) -> list[Finding]:
    """The semantic findings for ``annotated`` (for ``targets``; all the model knows when None)."""
    from genderscan.nlp import span_offsets
    from genderscan.semantic.encoder import embed
    from genderscan.semantic.model import load_model

    model = model or load_model()
    chosen = None if targets is None else set(targets)
    wanted = [j for j, t in enumerate(model.targets) if (chosen is None or t in chosen) and model.thresholds[j] <= 1.0]
    if not wanted:
        return []
    # each distinct candidate sentence once, and only for the targets whose words it holds:
    # a sentence that no switched-on target may judge is not embedded at all
    gates: dict[str, list[int]] = {}
    cands = []
    for c in candidates(annotated):
        if c.text not in gates:
            gates[c.text] = [j for j in wanted if target_gate(c.text, model.targets[j])]
        if gates[c.text]:
            cands.append(c)
    if not cands:
        return []
    unique: dict[str, int] = {}
    for c in cands:
        unique.setdefault(c.text, len(unique))
    texts = list(unique)
    x = embed(texts)
    probs = model.probabilities(x)
    thresholds = model.thresholds
    hits = {i: [j for j in gates[text] if probs[i, j] >= thresholds[j]] for i, text in enumerate(texts)}
    rows = [i for i, found in hits.items() if found]
    if not rows:
        return []
    sims = dict(zip(rows, model.similarities(x[rows]), strict=True))  # for the nearest labelled example
    taken = {(f.target, f.block_id, f.start) for f in existing}
    document = annotated.document
    out: list[Finding] = []
    for c in cands:
        row = unique[c.text]
        if not hits[row]:
            continue
        s_start, s_end = span_offsets(c.sent)
        for j in hits[row]:
            target = model.targets[j]
            if (target, c.block.id, s_start) in taken:
                continue
            quals = c.qualifiers(target)  # as for a rule's terms: the target's own words
            near = model.nearest(sims[row], j)
            kind = TargetKind.pitfall if target.startswith("valkuil-") else TargetKind.item
            out.append(
                Finding(
                    rule=RULE_PREFIX + target,
                    target=target,
                    kind=kind,
                    block_id=c.block.id,
                    block_kind=str(c.block.kind),
                    page=document.page_at(s_start),
                    section=c.block.section,
                    text=c.text,
                    start=s_start,
                    end=s_end,
                    match_start=s_start,
                    match_end=s_end,
                    qualifiers=sorted(quals),
                    counted=_counts(kind, target, quals),
                    operational=False,
                    semantic=SemanticExplanation(
                        probability=round(float(probs[row, j]), 4),
                        threshold=round(float(thresholds[j]), 4),
                        example_id=model.example_ids[near[0]] if near else None,
                        example_text=model.example_texts[near[0]] if near else None,
                        similarity=round(max(0.0, near[1]), 4) if near else None,
                    ),
                )
            )
    return sorted(out, key=lambda f: (f.start, f.target))
