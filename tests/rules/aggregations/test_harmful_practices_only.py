"""harmful_practices_only: the hint alleen-schadelijke-praktijken."""

from __future__ import annotations

from genderscan.rules.aggregations import harmful_practices_only
from genderscan.rules.aggregations.base import ScoresStage

from .util import CHECKLIST, aggregation, finding, flag, item

HINT = "alleen-schadelijke-praktijken"
A1 = "gender-als-oorzaak"


def _run(a1_evidence, hint_evidence, other_hints=()):
    hint = flag(HINT, hint_evidence)
    others = [flag(h, e) for h, e in other_hints]
    stage = ScoresStage(items=[item(A1, 1 if a1_evidence else 0, a1_evidence)], pitfalls=[], hints=[hint, *others], checklist=CHECKLIST)
    harmful_practices_only.apply(aggregation("harmful_practices_only"), stage)
    return hint.evidence, [o.evidence for o in others]


def test_stays_when_all_a1_is_about_harmful_practices():
    a1 = finding(A1, start=0)
    h = finding(HINT, "hint", start=0)
    assert _run([a1], [h])[0] == [h]


def test_lapses_when_a1_counts_elsewhere():
    a1 = finding(A1, start=0)
    other = finding(A1, start=100)
    h = finding(HINT, "hint", start=0)
    assert _run([a1, other], [h])[0] == []


def test_lapses_without_counted_a1():
    h = finding(HINT, "hint", start=0)
    assert _run([finding(A1, start=0, counted=False, qualifiers=["negated"])], [h])[0] == []


def test_other_hints_are_untouched():
    power = finding("macht-zonder-gender", "hint", start=40)
    _, others = _run([finding(A1, start=100)], [], [("macht-zonder-gender", [power])])
    assert others == [[power]]
