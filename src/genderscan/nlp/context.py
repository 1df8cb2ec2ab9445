"""ConText-style qualifiers: is a matched span negated, hedged, attributed or a definition?

Trigger phrases live in ``nlp/data/context.yaml`` (see docs/nlp.md): per
qualifier, phrases that act ``forward`` (on what follows them in their clause),
``backward`` (on what precedes them), ``bidirectional`` (on their whole
clause) or ``around`` (a reporting verb: its own clause backward, the rest of
the sentence forward); ``frames``: a verb and, a few words later, its
complement ("GREVIO stelt in haar rapport dat", "verdient in de aanpak meer
aandacht"); ``conditions``: a sentence-initial "Als"/"Wanneer" that opens a
subordinate clause, not a role ("Als regio …"); ``pseudo`` phrases that look
like triggers but are not; terminators that end a clause; and
``negative_polarity`` words that a negation reverses (double negation). The
component finds triggers once per Doc with spaCy PhraseMatchers;
:func:`qualifiers` answers for any span afterwards.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass

import numpy
from spacy.attrs import LOWER, SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from genderscan.kinds import CONTEXT_QUALIFIERS, Qualifier
from genderscan.nlp.schemas import Conditions, ContextData, Direction, Frames, load_data

KEY = "gs_context"
FORWARD, BACKWARD, BIDIRECTIONAL, AROUND = Direction.forward, Direction.backward, Direction.bidirectional, Direction.around


@dataclass(frozen=True)
class Trigger:
    qualifier: Qualifier
    direction: Direction
    start: int  # token index in the Doc
    end: int
    polarity: bool = False  # the trigger is itself a negative-polarity word
    frame: bool = False  # a frame verb: counts even inside a matched term ("omschrijft … als")


@dataclass(frozen=True)
class DocContext:
    triggers: tuple[Trigger, ...]
    npi: tuple[int, ...]  # token indices of negative-polarity words (first token of the phrase)
    terminators: dict[Qualifier, tuple[int, ...]]  # qualifier -> sorted token indices
    around: tuple[int, ...] = ()  # backward stops of `around` triggers
    colons: tuple[int, ...] = ()  # token indices of ":"


@dataclass(frozen=True)
class TriggerLabel:
    """What a matched trigger phrase means: its qualifier, direction, and whether it counts only sentence-initially (``^``)."""

    qualifier: Qualifier
    direction: Direction
    initial: bool


@dataclass(frozen=True)
class Frame:
    """A frame verb from ``frames`` in context.yaml, compiled to string ids.

    ``then``: its complements (each a tuple of word ids); ``gap``: how many words may
    come between; ``not_in_gap`` and ``stops``: words that end the search;
    ``firsts``: the position kinds (``then:<id>``) of the complements' first words,
    so a frame is only looked at when one of them occurs in the Doc.
    """

    qualifier: Qualifier
    direction: Direction
    gap: int
    then: tuple[tuple[int, ...], ...]
    not_in_gap: frozenset[int]
    stops: frozenset[int]
    firsts: frozenset[str]


def load_triggers(path: str | None = None) -> ContextData:
    """``nlp/data/context.yaml`` (or ``path``), validated: errors name the file and the line."""
    return load_data("context.yaml", ContextData, path)


class ContextComponent:
    def __init__(self, nlp: Language, triggers: str | None = None) -> None:
        data = load_triggers(triggers)
        make = nlp.make_doc
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.labels: dict[int, TriggerLabel] = {}
        for qualifier, directions in data.triggers.items():
            for direction, phrases in directions.items():
                for initial in (False, True):
                    chosen = [p[1:] if initial else p for p in phrases if p.startswith("^") == initial]
                    if not chosen:
                        continue
                    key = f"{qualifier}:{direction}:{int(initial)}"
                    self.labels[nlp.vocab.strings.add(key)] = TriggerLabel(qualifier, direction, initial)
                    self.matcher.add(key, [make(p) for p in chosen])
        # one PhraseMatcher for triggers, pseudo phrases, negative-polarity words
        # and frame verbs: one pass over the Doc
        self.pseudo_id = nlp.vocab.strings.add("pseudo")
        self.npi_id = nlp.vocab.strings.add("npi")
        self.matcher.add("pseudo", [make(p) for p in data.pseudo])
        self.matcher.add("npi", [make(p) for p in data.negative_polarity])
        terms = data.terminators
        common = {t.lower() for t in terms.all}
        self.terminators = {q: frozenset(common | {t.lower() for t in terms.of(q)}) for q in CONTEXT_QUALIFIERS}
        self.question_marks = frozenset(data.question_marks or ["?"])
        add = nlp.vocab.strings.add
        self.terminator_ids = {q: frozenset(add(w) for w in words) for q, words in self.terminators.items()}
        self.around_ids = frozenset(add(w.lower()) for w in terms.around)
        self.colon_id = add(":")
        self.question_ids = frozenset(add(w) for w in self.question_marks)
        self.all_stop_ids = frozenset(add(w) for w in common)
        self._init_frames(nlp, data.frames)
        self._init_conditions(nlp, data.conditions)
        iq = data.indirect_questions
        self.iq_qualifier = iq.qualifier
        self.iq_openers = frozenset(add(w.lower()) for w in iq.openers)
        self.iq_id = add("indirect_question")
        if iq.verbs:
            self.matcher.add("indirect_question", [make(p) for p in iq.verbs])
        # one pass over the tokens finds every kind of position: word id -> kinds
        kinds: dict[int, list[str]] = {}
        sets: dict[str, frozenset[int] | set[int]] = {f"stop:{q}": ids for q, ids in self.terminator_ids.items()}
        sets.update(
            around=self.around_ids | self.all_stop_ids,
            colon=frozenset({self.colon_id}),
            question=self.question_ids,
            opener=self.cond_openers,
        )
        for kind, ids in sets.items():
            for word in ids:
                kinds.setdefault(word, []).append(kind)
        # a frame is only looked for when the first word of one of its `then` phrases occurs
        for word in self.then_words:
            kinds.setdefault(word, []).extend(("then", f"then:{word}"))
        self.kinds = {word: tuple(k) for word, k in kinds.items()}

    # -- frames: a verb, a gap, its complement --------------------------------
    def _init_frames(self, nlp: Language, frames: Frames) -> None:
        add = nlp.vocab.strings.add
        self.frames: dict[int, Frame] = {}
        self.then_words: set[int] = set()
        self.clausal: dict[Qualifier, frozenset[int]] = {}
        self.frame_stops = frozenset(add(w.lower()) for w in frames.gap_stops)
        self.own_voice = tuple(tuple(add(w) for w in p.lower().split()) for p in frames.own_voice)
        self.evidence = tuple(tuple(add(w) for w in p.lower().split()) for p in frames.evidence)
        self.frame_not_after = frozenset(add(w.lower()) for w in frames.not_after)
        for qualifier in CONTEXT_QUALIFIERS:
            group = frames.group(qualifier)
            if not group:
                continue
            self.clausal[qualifier] = frozenset(add(w.lower()) for w in group.clausal_subject)
            stops = self.frame_stops
            if group.gap_stops is not None:
                stops = frozenset(add(w.lower()) for w in group.gap_stops)
            for n, entry in enumerate(group.verbs):
                key = f"frame:{qualifier}:{n}"
                then = tuple(tuple(add(w) for w in t.lower().split()) for t in entry.then)
                not_in_gap = frozenset(add(w.lower()) for w in entry.not_in_gap)
                firsts = frozenset(f"then:{t[0]}" for t in then)
                self.then_words.update(t[0] for t in then)
                gap = frames.max_gap if entry.gap is None else entry.gap
                self.frames[add(key)] = Frame(qualifier, group.direction, gap, then, not_in_gap, stops, firsts)
                self.matcher.add(key, [nlp.make_doc(f) for f in entry.forms])

    def _frame(self, lowers: list[int], sent_start: int, sent_end: int, start: int, end: int, spec: Frame) -> bool:
        qualifier, gap, then, not_in_gap, stops = spec.qualifier, spec.gap, spec.then, spec.not_in_gap, spec.stops
        if start > sent_start and lowers[start - 1] in self.frame_not_after:
            return False
        limit = min(sent_end, end + gap + 1)
        for j in range(end, limit):
            low = lowers[j]
            for phrase in then:
                if tuple(lowers[j : j + len(phrase)]) == phrase:
                    break
            else:
                phrase = None
            if phrase is not None:
                break
            if low in stops or low in self.all_stop_ids or low in not_in_gap:
                return False
        else:
            return False
        if qualifier is not Qualifier.attributed:
            return True
        for voice in self.own_voice + self.evidence:
            n = len(voice)
            before = start - n >= sent_start and tuple(lowers[start - n : start]) == voice
            if before:
                return False
        for voice in self.own_voice:
            n = len(voice)
            if tuple(lowers[end : end + n]) == voice:
                return False
        return True

    def _clausal_subject(self, doc: Doc, lowers: list[int], sent_start: int, verb: int, qualifier: Qualifier) -> bool:
        """Before ``verb`` in its clause: a "dat" clause with a verb of its own (the verb's subject)."""
        words = self.clausal.get(qualifier)
        if not words:
            return False
        stops = self.terminator_ids[qualifier]
        for k in range(verb - 1, sent_start - 1, -1):
            low = lowers[k]
            if low in stops:
                return False
            if low in words:
                return any(self._verbish(doc, j, lowers) for j in range(k + 1, verb))
        return False

    # -- conditions: sentence-initial "Als"/"Wanneer" + a subordinate clause -----
    def _init_conditions(self, nlp: Language, cond: Conditions) -> None:
        add = nlp.vocab.strings.add

        def words(values: list[str]) -> frozenset[int]:
            return frozenset(add(w.lower()) for w in values)

        self.cond_openers = words(cond.openers)
        self.cond_direction = cond.direction
        self.cond_not = tuple(tuple(add(w) for w in p.lower().split()) for p in cond.not_conditions)
        self.cond_not_after = words(cond.not_after)
        self.cond_subjects = words(cond.subjects)
        self.cond_inverted = words(cond.inverted_subjects)
        self.cond_clause_end = words(cond.clause_end)
        self.cond_not_verbs = words(cond.not_verbs)
        self.cond_verbs = words(cond.verbs)
        self.cond_role_window = cond.role_window
        self.cond_max = cond.max_tokens

    def _verbish(self, doc: Doc, i: int, lowers: list[int], final: bool = False) -> bool:
        """Does token ``i`` look like a verb? ``final``: it ends a subordinate
        clause, where Dutch puts the verb, so any -en word counts."""
        low = lowers[i]
        if low in self.cond_verbs:
            return True
        if low in self.cond_not_verbs:
            return False
        tok = doc[i]
        if not tok.is_alpha:
            return False
        text, lemma = tok.lower_, tok.lemma_.lower()
        if final and text.endswith("en") and len(text) > 4:  # "terugvallen", "zoeken"
            return True
        if not lemma.endswith("en"):
            return False
        if text == lemma:  # "zien", "geven": an infinitive or plural verb form
            return True
        return text.endswith(("t", "d", "de", "te", "den", "ten"))  # "werkt" -> werken

    def _is_condition(self, doc: Doc, i: int, sent_end: int, lowers: list[int]) -> bool:
        for phrase in self.cond_not:
            if tuple(lowers[i : i + len(phrase)]) == phrase:
                return False
        if i + 1 >= sent_end:
            return False
        first = lowers[i + 1]
        if first in self.cond_not_after:
            return False
        if first in self.cond_subjects:
            return True
        limit = min(sent_end, i + 1 + self.cond_max)
        end = next((j for j in range(i + 1, limit) if lowers[j] in self.cond_clause_end), None)
        # "Als regio zetten wij …": a verb, then the subject, early and before any comma
        role_end = min(end if end is not None else limit, i + 2 + self.cond_role_window)
        for k in range(i + 3, role_end):
            if (
                lowers[k] in self.cond_inverted
                and lowers[k - 1] not in self.cond_not_verbs
                and doc[k - 1].is_alpha
                and lowers[k - 2] not in self.cond_verbs  # "… heeft moet er": two verbs, a clause boundary
            ):
                return False
        if end is not None:
            return end > i + 1 and self._verbish(doc, end - 1, lowers, final=True)
        # no comma: the subordinate clause's verb right before the main verb
        return any(
            lowers[k + 1] in self.cond_verbs and self._verbish(doc, k, lowers, final=True) for k in range(i + 2, limit - 1)
        )

    def __call__(self, doc: Doc) -> Doc:
        matches = self.matcher(doc)
        pseudo_spans = [(s, e) for m, s, e in matches if m == self.pseudo_id]
        pseudo = {i for s, e in pseudo_spans for i in range(s, e)}
        npi_spans = [(s, e) for m, s, e in matches if m == self.npi_id and not any(i in pseudo for i in range(s, e))]
        npi_starts = {s for s, _ in npi_spans}
        triggers, frame_matches, iq_matches = self._phrase_triggers(doc, matches, pseudo_spans, npi_spans)
        array = doc.to_array([LOWER, SENT_START])
        lowers = array[:, 0].tolist()
        found: defaultdict[str, list[int]] = defaultdict(list)
        for i, ks in enumerate(map(self.kinds.get, lowers)):
            if ks:
                for kind in ks:
                    found[kind].append(i)
        frame_matches = [m for m in frame_matches if self.frames[m[0]].firsts & found.keys()] if found["then"] else []
        openers = found["opener"]
        if frame_matches or openers or iq_matches:
            bounds = _sentence_starts(doc, array)
            triggers += self._indirect_questions(doc, lowers, bounds, iq_matches)
            triggers += self._frame_triggers(doc, lowers, bounds, frame_matches, pseudo)
            triggers += self._conditions(doc, lowers, bounds, openers)
        terminators = {q: tuple(found[f"stop:{q}"]) for q in self.terminator_ids}
        questions = tuple(found["question"])
        doc.user_data[KEY] = DocContext(
            tuple(triggers), tuple(sorted(npi_starts)), terminators, tuple(found["around"]), tuple(found["colon"])
        )
        doc.user_data[KEY + "_questions"] = questions
        return doc

    def _phrase_triggers(
        self, doc: Doc, matches: list[tuple[int, int, int]], pseudo_spans: list[tuple[int, int]], npi_spans: list[tuple[int, int]]
    ) -> tuple[list[Trigger], list[tuple[int, int, int]], list[int]]:
        """The trigger phrases found (without those a pseudo phrase blocks), the frame-verb matches and the indirect-question verbs."""
        labels, frames = self.labels, self.frames
        triggers = []
        frame_matches = []
        iq_matches = []
        for match_id, start, end in matches:
            if match_id not in labels:
                if match_id in frames:
                    frame_matches.append((match_id, start, end))
                elif match_id == self.iq_id:
                    iq_matches.append(start)
                continue
            # a pseudo phrase blocks an overlapping trigger, unless the trigger
            # contains it whole ("onderzoeken de mogelijkheid" vs "de mogelijkheid")
            if pseudo_spans and any(ps < end and start < pe and not start <= ps < pe <= end for ps, pe in pseudo_spans):
                continue
            label = labels[match_id]
            if label.initial and not doc[start].is_sent_start and start != 0:
                continue
            polarity = label.qualifier is Qualifier.negated and any(s >= start and e <= end for s, e in npi_spans)
            triggers.append(Trigger(label.qualifier, label.direction, start, end, polarity))
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
        return triggers, frame_matches, iq_matches

    def _indirect_questions(self, doc: Doc, lowers: list[int], bounds: list[int], iq_matches: list[int]) -> list[Trigger]:
        """Sentence-initial "Of …" with a verb of ``indirect_questions`` in the sentence."""
        out = []
        for start in iq_matches:
            lo, _hi = _sentence_of(bounds, start, len(doc))
            first = next((j for j in range(lo, start) if doc[j].is_alpha), None)
            if first is not None and lowers[first] in self.iq_openers:
                out.append(Trigger(self.iq_qualifier, FORWARD, first, first + 1))
        return out

    def _frame_triggers(
        self, doc: Doc, lowers: list[int], bounds: list[int], frame_matches: list[tuple[int, int, int]], pseudo: set[int]
    ) -> list[Trigger]:
        """Frame verbs whose complement follows within their gap (and, for ``attributed``, whose subject is someone else)."""
        out = []
        for match_id, start, end in frame_matches:
            spec = self.frames[match_id]
            if any(i in pseudo for i in range(start, end)):
                continue
            lo, hi = _sentence_of(bounds, start, len(doc))
            if self._frame(lowers, lo, hi, start, end, spec):
                direction = spec.direction
                if direction in (BIDIRECTIONAL, BACKWARD) and self._clausal_subject(doc, lowers, lo, start, spec.qualifier):
                    direction = FORWARD
                out.append(Trigger(spec.qualifier, direction, start, end, frame=True))
        return out

    def _conditions(self, doc: Doc, lowers: list[int], bounds: list[int], openers: list[int]) -> list[Trigger]:
        """Sentence-initial "Als"/"Wanneer" that opens a condition (docs/nlp.md, *Conditions*)."""
        out = []
        for i in openers:
            lo, hi = _sentence_of(bounds, i, len(doc))
            if _opens_sentence(doc, i, lo) and self._is_condition(doc, i, hi, lowers):
                out.append(Trigger(Qualifier.hedged, self.cond_direction, i, i + 1))
        return out


def _sentence_starts(doc: Doc, array) -> list[int]:
    """Token indices where a sentence starts (``array[:, 1]`` is SENT_START)."""
    if not doc.has_annotation("SENT_START"):
        return [0]
    starts = numpy.flatnonzero(array[:, 1] == 1).tolist()
    return starts if starts and starts[0] == 0 else [0, *starts]


def _sentence_of(starts: list[int], i: int, n: int) -> tuple[int, int]:
    """Start and end of the sentence of token ``i``."""
    k = bisect_right(starts, i) - 1
    return starts[k], starts[k + 1] if k + 1 < len(starts) else n


def _opens_sentence(doc: Doc, i: int, sent_start: int) -> bool:
    """Token ``i`` starts its sentence, perhaps after bullets, numbers or quotes."""
    return all(not doc[j].is_alpha for j in range(sent_start, i))


def _scope(trig: Trigger, sent: Span, stops: tuple[int, ...], around: tuple[int, ...] = ()) -> tuple[int, int]:
    """Token range [lo, hi) that ``trig`` acts on, bounded by its clause."""
    lo, hi = trig.start, trig.end
    if trig.direction is AROUND:
        k = bisect_left(around, trig.start) - 1
        lo = max(sent.start, around[k] + 1) if k >= 0 else sent.start
    if trig.direction in (BACKWARD, BIDIRECTIONAL):
        k = bisect_left(stops, trig.start) - 1
        lo = max(sent.start, stops[k] + 1) if k >= 0 else sent.start
    if trig.direction in (FORWARD, BIDIRECTIONAL, AROUND):
        k = bisect_left(stops, trig.end)
        hi = min(sent.end, stops[k]) if k < len(stops) else sent.end
    return lo, hi


def _covers(scope: tuple[int, int], trig: Trigger, term: Span) -> bool:
    lo, hi = scope
    if trig.direction is FORWARD and term.start < trig.end:
        return False
    if trig.direction is BACKWARD and term.end > trig.start:
        return False
    return term.start < hi and lo < term.end


def qualifiers(span: Span, terms: list[Span] | None = None) -> frozenset[Qualifier]:
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
    found: set[Qualifier] = set()
    ctx: DocContext | None = doc.user_data.get(KEY)
    if ctx is not None:
        term_tokens = {i for t in terms for i in range(t.start, t.end)}
        negators: list[tuple[Trigger, tuple[int, int]]] = []
        for trig in ctx.triggers:
            if trig.start < sent.start or trig.end > sent.end:
                continue
            if not trig.frame and any(i in term_tokens for i in range(trig.start, trig.end)):
                continue  # a trigger inside a matched term is part of the term
            scope = _scope(trig, sent, ctx.terminators.get(trig.qualifier, ()), ctx.around)
            if not any(_covers(scope, trig, t) for t in terms):
                continue
            if trig.qualifier is Qualifier.negated:
                if _label_only(trig, terms, ctx.colons, sent):
                    continue
                negators.append((trig, scope))
            else:
                found.add(trig.qualifier)
        if negators and _negation_count(negators, ctx, term_tokens) % 2 == 1:
            found.add(Qualifier.negated)
        # a question (the sentence ends in "?", perhaps before a closing quote)
        # is hedged; after a colon only the part after the (last) colon
        questions = doc.user_data.get(KEY + "_questions", ())
        k = bisect_left(questions, max(sent.start, sent.end - 3))
        if k < len(questions) and questions[k] < sent.end:
            c = bisect_left(ctx.colons, questions[k]) - 1
            colon = ctx.colons[c] if c >= 0 and ctx.colons[c] >= sent.start else None
            if colon is None or min(t.start for t in terms) > colon:
                found.add(Qualifier.hedged)
    from genderscan.nlp.definitions import is_definition

    if is_definition(sent):
        found.add(Qualifier.definition)
    return frozenset(found)


def _label_only(trig: Trigger, terms: list[Span], colons: tuple[int, ...], sent: Span) -> bool:
    """A negation before a colon stays in its label ("Geen vrijblijvendheid: wij
    registreren …"): it does not qualify a match with a term after the colon."""
    k = bisect_left(colons, trig.end)
    if k >= len(colons) or colons[k] >= sent.end:
        return False
    colon = colons[k]
    return any(t.start > colon for t in terms)


def _negation_count(negators: list[tuple[Trigger, tuple[int, int]]], ctx: DocContext, term_tokens: set[int]) -> int:
    """Plain negations count once together; each negative-polarity word in scope counts one more."""
    plain = any(not trig.polarity for trig, _ in negators)
    reversing = {trig.start for trig, _ in negators if trig.polarity}
    inside = {i for trig, _ in negators for i in range(trig.start, trig.end)}
    for _trig, (lo, hi) in negators:
        a, b = bisect_left(ctx.npi, lo), bisect_right(ctx.npi, hi - 1)
        reversing.update(i for i in ctx.npi[a:b] if i not in term_tokens and i not in inside)
    return int(plain) + len(reversing)
