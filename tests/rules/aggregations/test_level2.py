"""level2: a concrete measure of the rule's profile nearby, in the own voice, lifts counted item evidence."""

from __future__ import annotations

from genderscan.rules.engine import run_on_text


def _c1(ruleset, nlp, text):
    return [f for f in run_on_text(ruleset, nlp, text) if f.target == "deskundigheidsbevordering" and f.counted]


def test_measure_in_the_same_paragraph(ruleset, nlp):
    found = _c1(ruleset, nlp, "Wij trainen vanaf 2025 alle medewerkers van Veilig Thuis in gendersensitief werken.")
    assert found and all(f.operational for f in found)


def test_without_measure_level_1(ruleset, nlp):
    found = _c1(ruleset, nlp, "Professionals krijgen scholing over gender en geweld.")
    assert found and not any(f.operational for f in found)


def test_ambition_never_reaches_level_2(ruleset, nlp):
    found = _c1(ruleset, nlp, "We willen vanaf 2025 alle medewerkers trainen in gendersensitief werken; de gemeente financiert dit.")
    assert found and not any(f.operational for f in found)
    assert all("hedged" in f.qualifiers for f in found)


def test_hedged_marker_does_not_count(ruleset, nlp):
    found = _c1(ruleset, nlp, "Professionals krijgen scholing over gender en geweld. We willen hiervoor in 2026 budget vrijmaken.")
    assert found and not any(f.operational for f in found)


def test_only_items_in_applies_to(ruleset, nlp):
    from genderscan.checklist import load_checklist

    checklist = load_checklist()
    data = checklist.model_dump()
    for agg in data["aggregations"]:
        if agg["name"] == "level2":
            agg["applies_to"] = ["sekse-data"]
    narrowed = ruleset.subset(ruleset.rules)
    narrowed.checklist = type(checklist).model_validate(data)
    text = "Wij trainen vanaf 2025 alle medewerkers van Veilig Thuis in gendersensitief werken."
    assert not any(f.operational for f in _c1(narrowed, nlp, text))
