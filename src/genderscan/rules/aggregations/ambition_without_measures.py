"""Pitfall P4 ``valkuil-ambitie-zonder-uitwerking``: gender sensitivity only as ambition, nothing operationalised.

What: the pitfalls in ``applies_to`` keep their evidence only when gender
sensitivity appears as an ambition or as one theme of a list and nothing is
operationalised. Candidates are the pitfall's own rule findings (hedged gender
statements, gender sensitivity as one theme of many) and evidence of the items
in ``reads`` (B1) that is only an ambition or a quoted view (it counts at level
1), only in a list item, or hedged and not counted. The pitfall fires when
there is a candidate, no ``reads`` evidence counts in the document's own voice
outside a list, and no item of ``areas`` (B, C, D) reaches level 2 (A2 figures
on sex differences do not operationalise anything). Its evidence is then the
candidates in document order.

Why: the Verwonderzoek found that most regional visions name gender at most
as an intention; the CRM checklist asks for priority and actions. A document
that commits in its own voice, or works anything out in B, C or D, is not
"ambition without elaboration".

Example: "Wij willen gendersensitief werken." in a document without any level
2 in B, C or D: P4 fires with that sentence. Add "Wij trainen vanaf 2025 alle
wijkteams in gendersensitief werken." (C1 at level 2) and P4 does not fire.
"""

from __future__ import annotations

from genderscan.checklist import Aggregation
from genderscan.findings import Finding
from genderscan.kinds import BlockKind, Qualifier
from genderscan.rules.aggregations.base import SCORES, ScoresStage, key
from genderscan.rules.matcher import level1_only

STAGE = SCORES


def apply(agg: Aggregation, stage: ScoresStage) -> None:
    targets = stage.checklist.applies_to(agg)
    read = [i for i in stage.items if i.id in agg.reads]
    operationalised = any(i.level == 2 for i in stage.items if i.area in agg.areas)
    for pitfall in stage.pitfalls:
        if pitfall.id not in targets:
            continue
        candidates = list(pitfall.evidence)
        listed = {key(f) for f in candidates}
        own_voice_found = False
        for item in read:
            for f in item.evidence:
                if _own_voice_outside_list(f) and key(f) not in listed:
                    own_voice_found = True
                elif (f.counted or Qualifier.hedged in f.qualifiers) and key(f) not in listed:
                    candidates.append(f)
                    listed.add(key(f))
        pitfall.evidence = [] if operationalised or own_voice_found else sorted(candidates, key=lambda f: f.start)


def _own_voice_outside_list(f: Finding) -> bool:
    # own voice is the sentence's, whatever its rule accepts: no rule (None), so every ambition or quote is level 1 only
    return f.counted and not level1_only(f, None) and f.block_kind != BlockKind.list_item
