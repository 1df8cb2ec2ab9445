"""ConText-style qualifiers: is a matched span negated, hedged, attributed or a definition?

Trigger phrases live in ``nlp/data/context.yaml`` (see docs/nlp.md): per
qualifier, phrases that act ``forward`` (on what follows them in their clause),
``backward`` (on what precedes them) or ``bidirectional`` (on their whole
clause); ``pseudo`` phrases that look like triggers but are not; terminators
that end a clause; and ``negative_polarity`` words that a negation reverses
(double negation). The component finds triggers once per Doc with spaCy
PhraseMatchers; :func:`qualifiers` answers for any span afterwards.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

QUALIFIERS = ("negated", "hedged", "attributed")
DIRECTIONS = ("forward", "backward", "bidirectional")
KEY = "gs_context"


@dataclass(frozen=True)
class Trigger:
    qualifier: str
    direction: str  # forward | backward | bidirectional
    start: int  # token index in the Doc
    end: int
    polarity: bool = False  # the trigger is itself a negative-polarity word


@dataclass(frozen=True)
class DocContext:
    triggers: tuple[Trigger, ...]
    npi: tuple[int, ...]  # token indices of negative-polarity words (first token of the phrase)
    terminators: dict[str, tuple[int, ...]]  # qualifier -> sorted token indices


def load_triggers(path: str | None = None) -> dict:
    source = Path(path) if path else resources.files("genderscan.nlp") / "data" / "context.yaml"
    with source.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


class ContextComponent:
    def __init__(self, nlp: Language, triggers: str | None = None) -> None:
        data = load_triggers(triggers)
        make = nlp.make_doc
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.labels: dict[int, tuple[str, str, bool]] = {}
        for qualifier, directions in data["triggers"].items():
            for direction, phrases in directions.items():
                if direction not in DIRECTIONS:
                    raise ValueError(f"context.yaml: unknown direction {direction!r} for {qualifier}")
                for initial in (False, True):
                    chosen = [p[1:] if initial else p for p in phrases if str(p).startswith("^") == initial]
                    if not chosen:
                        continue
                    key = f"{qualifier}:{direction}:{int(initial)}"
                    self.labels[nlp.vocab.strings.add(key)] = (qualifier, direction, initial)
                    self.matcher.add(key, [make(str(p)) for p in chosen])
        self.pseudo = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.pseudo.add("pseudo", [make(str(p)) for p in data.get("pseudo") or []])
        self.npi = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.npi.add("npi", [make(str(p)) for p in data.get("negative_polarity") or []])
        terms = data.get("terminators") or {}
        if isinstance(terms, list):  # the older flat form
            terms = {"all": terms}
        common = {str(t).lower() for t in terms.get("all") or []}
        self.terminators = {q: frozenset(common | {str(t).lower() for t in terms.get(q) or []}) for q in QUALIFIERS}
        self.question_marks = frozenset(data.get("question_marks") or ["?"])
        add = nlp.vocab.strings.add
        self.terminator_ids = {q: frozenset(add(w) for w in words) for q, words in self.terminators.items()}
        self.question_ids = frozenset(add(w) for w in self.question_marks)

    def __call__(self, doc: Doc) -> Doc:
        pseudo = {i for _, s, e in self.pseudo(doc) for i in range(s, e)}
        npi_spans = [(s, e) for _, s, e in self.npi(doc) if not any(i in pseudo for i in range(s, e))]
        npi_starts = {s for s, _ in npi_spans}
        triggers = []
        for match_id, start, end in self.matcher(doc):
            if any(i in pseudo for i in range(start, end)):
                continue
            qualifier, direction, initial = self.labels[match_id]
            if initial and not doc[start].is_sent_start and start != 0:
                continue
            polarity = qualifier == "negated" and any(s >= start and e <= end for s, e in npi_spans)
            triggers.append(Trigger(qualifier, direction, start, end, polarity))
        # a trigger inside a longer one of the same qualifier is part of it
        # ("ontbreken" in "het ontbreken van")
        triggers = [
            t
            for t in triggers
            if not any(
                o is not t and o.qualifier == t.qualifier and o.start <= t.start and t.end <= o.end
                and (o.end - o.start) > (t.end - t.start)
                for o in triggers
            )
        ]
        lowers = doc.to_array(LOWER).tolist()
        terminators = {
            q: tuple(i for i, low in enumerate(lowers) if low in words) for q, words in self.terminator_ids.items()
        }
        questions = tuple(i for i, low in enumerate(lowers) if low in self.question_ids)
        doc.user_data[KEY] = DocContext(tuple(triggers), tuple(sorted(npi_starts)), terminators)
        doc.user_data[KEY + "_questions"] = questions
        return doc


def _scope(trig: Trigger, sent: Span, stops: tuple[int, ...]) -> tuple[int, int]:
    """Token range [lo, hi) that ``trig`` acts on, bounded by its clause."""
    lo, hi = trig.start, trig.end
    if trig.direction in ("backward", "bidirectional"):
        k = bisect_left(stops, trig.start) - 1
        lo = max(sent.start, stops[k] + 1) if k >= 0 else sent.start
    if trig.direction in ("forward", "bidirectional"):
        k = bisect_left(stops, trig.end)
        hi = min(sent.end, stops[k]) if k < len(stops) else sent.end
    return lo, hi


def _covers(scope: tuple[int, int], trig: Trigger, term: Span) -> bool:
    lo, hi = scope
    if trig.direction == "forward" and term.start < trig.end:
        return False
    if trig.direction == "backward" and term.end > trig.start:
        return False
    return term.start < hi and lo < term.end


def qualifiers(span: Span, terms: list[Span] | None = None) -> frozenset[str]:
    """The qualifiers of ``span`` (within its sentence).

    ``terms`` are the matched term spans inside ``span`` (for a rule that needs
    several terms); a trigger between them (``cijfers worden niet uitgesplitst
    naar sekse``) qualifies the match, a trigger inside a term is part of it.
    Values: ``negated``, ``hedged``, ``attributed`` and ``definition``.
    """
    doc = span.doc
    terms = list(terms or [span])
    try:
        sent = span.sent
    except ValueError:  # no sentence boundaries set
        sent = doc[:]
    found: set[str] = set()
    ctx: DocContext | None = doc.user_data.get(KEY)
    if ctx is not None:
        term_tokens = {i for t in terms for i in range(t.start, t.end)}
        negators: list[tuple[Trigger, tuple[int, int]]] = []
        for trig in ctx.triggers:
            if trig.start < sent.start or trig.end > sent.end:
                continue
            if any(i in term_tokens for i in range(trig.start, trig.end)):
                continue  # a trigger inside a matched term is part of the term
            scope = _scope(trig, sent, ctx.terminators.get(trig.qualifier, ()))
            if not any(_covers(scope, trig, t) for t in terms):
                continue
            if trig.qualifier == "negated":
                negators.append((trig, scope))
            else:
                found.add(trig.qualifier)
        if negators and _negation_count(negators, ctx, term_tokens) % 2 == 1:
            found.add("negated")
        # a question (the sentence ends in "?", perhaps before a closing quote) is hedged
        questions = doc.user_data.get(KEY + "_questions", ())
        k = bisect_left(questions, max(sent.start, sent.end - 3))
        if k < len(questions) and questions[k] < sent.end:
            found.add("hedged")
    from genderscan.nlp.definitions import is_definition

    if is_definition(sent):
        found.add("definition")
    return frozenset(found)


def _negation_count(negators: list[tuple[Trigger, tuple[int, int]]], ctx: DocContext, term_tokens: set[int]) -> int:
    """Plain negations count once together; each negative-polarity word in scope counts one more."""
    plain = any(not trig.polarity for trig, _ in negators)
    reversing = {trig.start for trig, _ in negators if trig.polarity}
    inside = {i for trig, _ in negators for i in range(trig.start, trig.end)}
    for _trig, (lo, hi) in negators:
        a, b = bisect_left(ctx.npi, lo), bisect_right(ctx.npi, hi - 1)
        reversing.update(i for i in ctx.npi[a:b] if i not in term_tokens and i not in inside)
    return int(plain) + len(reversing)
