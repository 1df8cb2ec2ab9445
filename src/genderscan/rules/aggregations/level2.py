"""Level 2 (*uitgewerkt*): counted item evidence with a concrete measure nearby.

What: counted evidence of a rule with ``level2: <profile>`` becomes
``operational`` (the item reaches level 2) when a marker of that profile in
``rules/_niveau2.yaml`` (a commitment in the own voice, a date, money, an
owner, an indicator; figures with a source for A2; "daarom" for A1) matches
within the profile's ``within`` (paragraph or section) of the evidence. The
marker must be in the document's own voice (not negated, hedged or
attributed), and so must the evidence: an ambition or a quoted view counts at
level 1 only and never reaches level 2 (the checklist's level-1 rule).

Why: the checklist's level 2 is "stated **and** operationalised: a concrete
measure, owner, budget, time frame, target or indicator tied to it in the same
passage or section"; the Verwonderzoek's advice is *positioneer, prioriteer en
operationaliseer*.

Example: "Wij trainen vanaf 2025 alle medewerkers van Veilig Thuis in
gendersensitief werken." is C1 evidence with the markers "wij trainen" and
"vanaf 2025" in the same paragraph: level 2. "We willen vanaf 2025 trainen in
gendersensitief werken." stays level 1 (hedged).
"""

from __future__ import annotations

from collections import defaultdict

from genderscan.checklist import Aggregation
from genderscan.findings import Finding
from genderscan.kinds import Place
from genderscan.rules.aggregations.base import FINDINGS, FindingsStage
from genderscan.rules.matcher import level1_only

STAGE = FINDINGS


def apply(agg: Aggregation, stage: FindingsStage) -> list[Finding]:
    findings, rules, profiles, markers = stage.findings, stage.rules, stage.profiles, stage.markers
    if not markers:
        return findings
    targets = stage.checklist.applies_to(agg)
    blocks = stage.matcher.blocks
    by_id = {b.block.id: b for b in blocks}

    def profile_of(f: Finding) -> str | None:
        rule = rules.get(f.rule)
        return rule.level2 if f.counted and rule and f.target in targets else None

    needed = {name for name in map(profile_of, findings) if name is not None and name in markers}
    # concrete measures per profile, in the document's own voice only, indexed by section when the
    # profile's scope is a section and by block otherwise (every narrower scope stays in one block),
    # so that a finding looks only at the markers it can see
    found: dict[str, dict[str | int, list[Place]]] = {}
    for name in needed:
        # only markers where a finding of this profile can see them: its block, or its section
        block_ids = {f.block_id for f in findings if profile_of(f) == name}
        by_section = profiles[name].within.is_section
        if by_section:
            near = {by_id[block_id].section for block_id in block_ids}
            only = {b.block.id for b in blocks if b.section in near}
        else:
            only = block_ids
        places: dict[str | int, list[Place]] = defaultdict(list)
        for marker in markers[name]:
            for match in stage.matcher.select(marker, only, strict=True):
                if match.counted:
                    place = match.place
                    places[place.section if by_section else place.block].append(place)
        found[name] = places
    for f in findings:
        profile = profile_of(f)
        if profile is None or profile not in found or level1_only(f, rules[f.rule]):
            continue
        scope = profiles[profile].within
        here = stage.where[id(f)]
        key = here.section if scope.is_section else here.block
        if any(scope.contains(here, m) for m in found[profile].get(key, ())):
            f.operational = True
    return findings
