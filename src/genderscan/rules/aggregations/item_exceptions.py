"""Item exceptions (``unless_items`` in a rule).

What: a finding of a rule with ``unless_items: [A, B]`` lapses when one of the
items A or B has counted evidence anywhere in the document.

Why: some statements only mean something when the document says nothing
better. "Huiselijk geweld treft zowel vrouwen als mannen" is the whole analysis
of a gender-neutral policy (pitfall P3) only when the document names no sex
differences (A2) and no gender inequality as a cause (A1) elsewhere.

Example: ``valkuil-genderneutraal/zowel-als`` has ``unless_items:
[gender-als-oorzaak, sekseverschillen, definitie-gendersensitief]``; in a
document that also says "Vrouwen zijn vaker slachtoffer van ernstig
partnergeweld dan mannen" (A2 counts) the P3 finding is dropped.
"""

from __future__ import annotations

from genderscan.checklist import Aggregation
from genderscan.findings import Finding, TargetKind
from genderscan.rules.aggregations.base import FINDINGS, FindingsStage

STAGE = FINDINGS


def apply(agg: Aggregation, stage: FindingsStage) -> list[Finding]:
    targets = stage.checklist.applies_to(agg)
    counted_items = {f.target for f in stage.findings if f.counted and f.kind == TargetKind.item}
    out = []
    for f in stage.findings:
        rule = stage.rules.get(f.rule)
        if f.target in targets and rule and rule.unless_items and counted_items & set(rule.unless_items):
            continue
        out.append(f)
    return out
