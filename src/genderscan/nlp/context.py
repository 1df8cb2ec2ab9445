"""ConText-style qualifiers: is a matched span negated, hedged or attributed?

Trigger phrases live in ``nlp/data/context.yaml``: per qualifier, phrases that
act ``forward`` (on what follows them in the sentence) or ``backward`` (on what
precedes them), plus ``pseudo`` phrases that look like triggers but are not,
and ``terminators`` that end a trigger's scope. The component finds triggers
once per Doc; :func:`qualifiers` answers for any span afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

QUALIFIERS = ("negated", "hedged", "attributed")


@dataclass(frozen=True)
class Trigger:
    qualifier: str
    direction: str  # forward | backward | bidirectional
    start: int  # token index in the Doc
    end: int


def load_triggers(path: str | None = None) -> dict:
    source = Path(path) if path else resources.files("genderscan.nlp") / "data" / "context.yaml"
    with source.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


class ContextComponent:
    def __init__(self, nlp: Language, triggers: str | None = None) -> None:
        data = load_triggers(triggers)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.labels: dict[int, tuple[str, str]] = {}
        for qualifier, directions in data["triggers"].items():
            for direction, phrases in directions.items():
                key = f"{qualifier}:{direction}"
                self.labels[nlp.vocab.strings.add(key)] = (qualifier, direction)
                self.matcher.add(key, [nlp.make_doc(p) for p in phrases])
        self.pseudo = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.pseudo.add("pseudo", [nlp.make_doc(p) for p in data.get("pseudo", [])])
        self.terminators = frozenset(t.lower() for t in data.get("terminators", []))

    def __call__(self, doc: Doc) -> Doc:
        pseudo_tokens = {i for _, s, e in self.pseudo(doc) for i in range(s, e)}
        triggers = []
        for match_id, start, end in self.matcher(doc):
            if any(i in pseudo_tokens for i in range(start, end)):
                continue
            qualifier, direction = self.labels[match_id]
            triggers.append(Trigger(qualifier, direction, start, end))
        doc.user_data["context_triggers"] = triggers
        doc.user_data["context_terminators"] = [t.i for t in doc if t.lower_ in self.terminators]
        return doc


def qualifiers(span: Span, terms: list[Span] | None = None) -> frozenset[str]:
    """The qualifiers whose triggers have ``span`` in scope (within its sentence).

    ``terms`` are the matched term spans inside ``span`` (for a rule that needs
    several terms); a trigger between them (``cijfers worden niet uitgesplitst
    naar sekse``) qualifies the match, a trigger inside a term is part of it.
    """
    doc = span.doc
    terms = terms or [span]
    sent = span.sent if doc.has_annotation("SENT_START") else doc[:]
    terminators = doc.user_data.get("context_terminators", [])
    found: set[str] = set()
    for trig in doc.user_data.get("context_triggers", []):
        if trig.start < sent.start or trig.end > sent.end:
            continue
        if any(trig.start < t.end and t.start < trig.end for t in terms):
            continue  # a trigger inside a matched term is part of the term
        for term in terms:
            if trig.direction in ("forward", "bidirectional") and trig.end <= term.start:
                if not any(trig.end <= t < term.start for t in terminators):
                    found.add(trig.qualifier)
            if trig.direction in ("backward", "bidirectional") and trig.start >= term.end:
                if not any(term.end <= t < trig.start for t in terminators):
                    found.add(trig.qualifier)
    return frozenset(found)
