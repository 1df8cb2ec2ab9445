"""Hint ``alleen-schadelijke-praktijken``: gender as a cause only for harmful practices.

What: the hints in ``applies_to`` keep their evidence only when every counted
sentence of the items in ``reads`` (A1 ``gender-als-oorzaak``) is one of the
hint's own sentences. When A1 also counts in another sentence, or not at all,
the hint is dropped.

Why: the checklist counts gender as a cause of violence also when a document
names it only for harmful practices in migrant groups (eergerelateerd geweld,
huwelijksdwang, meisjesbesnijdenis), but flags that: the analysis then leaves
out partner violence in the whole population.

Example: a document whose only A1 sentence is "Eergerelateerd geweld en
huwelijksdwang komen voort uit ongelijke genderrollen." keeps the hint; add
"Genderongelijkheid is een voedingsbodem voor partnergeweld." and the hint
lapses. (The hint ``macht-zonder-gender`` is per sentence and needs no
aggregation.)
"""

from __future__ import annotations

from genderscan.checklist import Aggregation
from genderscan.rules.aggregations.base import SCORES, ScoresStage, key

STAGE = SCORES


def apply(agg: Aggregation, stage: ScoresStage) -> None:
    targets = stage.checklist.applies_to(agg)
    counted = [f for i in stage.items if i.id in agg.reads for f in i.evidence if f.counted]
    for hint in stage.hints:
        if hint.id not in targets:
            continue
        flagged = {key(f) for f in hint.evidence}
        if not counted or any(key(f) not in flagged for f in counted):
            hint.evidence = []
