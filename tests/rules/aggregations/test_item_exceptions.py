"""item_exceptions: a rule's unless_items."""

from __future__ import annotations

from types import SimpleNamespace

from genderscan.rules.aggregations import item_exceptions
from genderscan.rules.schema import Rule

from .util import CHECKLIST, aggregation, finding


def _stage(findings, rules):
    return SimpleNamespace(findings=findings, rules={r.id: r for r in rules}, checklist=CHECKLIST)


P3 = Rule(id="valkuil-genderneutraal/zowel-als", pitfall="valkuil-genderneutraal", message="", all=[["x"]], unless_items=["sekseverschillen"])


def test_finding_lapses_when_the_item_counts_elsewhere():
    p3 = finding("valkuil-genderneutraal", "pitfall", start=0, rule=P3.id)
    a2 = finding("sekseverschillen", start=50)
    out = item_exceptions.apply(aggregation("item_exceptions"), _stage([p3, a2], [P3]))
    assert out == [a2]


def test_finding_stays_when_the_item_does_not_count():
    p3 = finding("valkuil-genderneutraal", "pitfall", start=0, rule=P3.id)
    a2 = finding("sekseverschillen", start=50, counted=False, qualifiers=["negated"])
    out = item_exceptions.apply(aggregation("item_exceptions"), _stage([p3, a2], [P3]))
    assert out == [p3, a2]


def test_through_the_engine(ruleset, nlp):
    from genderscan.rules.engine import run_on_text

    alone = "Huiselijk geweld treft zowel vrouwen als mannen, ongeacht geslacht."
    with_a2 = alone + " Vrouwen zijn vaker slachtoffer van ernstig partnergeweld dan mannen."
    def fired(text):
        return any(f.target == "valkuil-genderneutraal" and f.counted for f in run_on_text(ruleset, nlp, text))
    assert fired(alone)
    assert not fired(with_a2)
