"""Table-driven test of the context qualifiers (tests/nlp/qualifiers.yaml).

Each case names a sentence, the matched term and the qualifiers the pipeline
must give it. The pipeline must get at least 95% right; every miss is printed.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from genderscan.nlp import qualifiers

TABLE = Path(__file__).with_name("qualifiers.yaml")
CASES = yaml.safe_load(TABLE.read_text(encoding="utf-8"))["cases"]


def find_term(doc, term: str):
    words = [w.lower() for w in term.split()]
    lowers = [t.lower_ for t in doc]
    for i in range(len(lowers) - len(words) + 1):
        if lowers[i : i + len(words)] == words:
            return doc[i : i + len(words)]
    raise AssertionError(f"term {term!r} not found in {doc.text!r}")


def run_table(nlp):
    failures = []
    docs = nlp.pipe(case["text"] for case in CASES)
    for case, doc in zip(CASES, docs, strict=True):
        span = find_term(doc, case["term"])
        got = set(qualifiers(span))
        want = set(case.get("expect") or [])
        if got != want:
            failures.append((case, sorted(got)))
    return failures


def test_table_is_big_enough():
    assert len(CASES) >= 120
    seeds = [c for c in CASES if str(c.get("source", "")).startswith("seed-")]
    assert len(seeds) >= 15
    kinds = {q for c in CASES for q in c.get("expect") or []}
    assert kinds == {"negated", "hedged", "attributed", "definition"}


def test_qualifier_table(nlp):
    failures = run_table(nlp)
    for case, got in failures:
        print(f"MISS {case['text']!r} [{case['term']}] expected {sorted(case.get('expect') or [])} got {got}")
    accuracy = 1 - len(failures) / len(CASES)
    print(f"qualifier accuracy: {accuracy:.1%} ({len(CASES) - len(failures)}/{len(CASES)})")
    assert accuracy >= 0.95


def test_new_cases_have_controls():
    """The wave-2 cases: fixes of real errors, with variants that must not change."""
    fixes = [c for c in CASES if c.get("change") == "fix"]
    controls = [c for c in CASES if c.get("change") == "control"]
    assert len(fixes) + len(controls) >= 40
    assert len(controls) >= 20


def test_negation_in_a_label_does_not_reach_past_the_colon(nlp):
    """A rule match with terms on both sides of "label: statement" is not negated by the label."""
    doc = nlp("Geen vrijblijvendheid in de aanpak van huiselijk geweld: wij registreren alle meldingen uitgesplitst naar sekse.")
    terms = [find_term(doc, "geweld"), find_term(doc, "sekse")]
    assert "negated" not in qualifiers(doc[terms[0].start : terms[1].end], terms)
    # the same terms in one clause with "geen" are negated
    doc = nlp("Er worden geen cijfers over huiselijk geweld uitgesplitst naar sekse.")
    terms = [find_term(doc, "geweld"), find_term(doc, "sekse")]
    assert "negated" in qualifiers(doc[terms[0].start : terms[1].end], terms)
