"""ambition_without_measures: pitfall P4."""

from __future__ import annotations

from genderscan.rules.aggregations import ambition_without_measures
from genderscan.rules.aggregations.base import ScoresStage

from .util import CHECKLIST, aggregation, finding, flag, item

P4 = "valkuil-ambitie-zonder-uitwerking"
B1 = "gendersensitief-uitgangspunt"


def _run(items, p4_evidence=()):
    p4 = flag(P4, p4_evidence)
    ambition_without_measures.apply(aggregation("ambition_without_measures"), ScoresStage(items=items, pitfalls=[p4], hints=[], checklist=CHECKLIST))
    return p4.evidence


def test_hedged_b1_alone_fires():
    b1 = finding(B1, qualifiers=["hedged"], start=10)
    assert _run([item(B1, 1, [b1])]) == [b1]


def test_b1_in_own_voice_outside_a_list_does_not_fire():
    own = finding(B1, start=10)
    wish = finding(P4, "pitfall", start=50, qualifiers=["hedged"])
    assert _run([item(B1, 1, [own])], [wish]) == []


def test_b1_as_one_bullet_fires():
    bullet = finding(B1, start=10, block_kind="list_item")
    assert _run([item(B1, 1, [bullet])]) == [bullet]


def test_level_2_in_b_c_or_d_prevents_it():
    b1 = finding(B1, qualifiers=["hedged"], start=10)
    assert _run([item(B1, 1, [b1]), item("sekse-data", 2)]) == []


def test_a2_figures_do_not_prevent_it():
    b1 = finding(B1, qualifiers=["hedged"], start=10)
    assert _run([item(B1, 1, [b1]), item("sekseverschillen", 2)]) == [b1]


def test_candidates_in_document_order_without_duplicates():
    wish = finding(P4, "pitfall", start=80, qualifiers=["hedged"])
    same = finding(B1, start=80, qualifiers=["hedged"])
    early = finding(B1, start=5, qualifiers=["attributed"])
    assert _run([item(B1, 1, [same, early])], [wish]) == [early, wish]


def test_negated_b1_is_no_candidate():
    negated = finding(B1, start=5, counted=False, qualifiers=["negated"])
    assert _run([item(B1, 0, [negated])]) == []
