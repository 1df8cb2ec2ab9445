"""The wave-2 qualifier fixes as a user sees them: does a sentence count for its item?"""

from __future__ import annotations

import pytest

from genderscan.document import BlockKind, DocumentBuilder
from genderscan.nlp import annotate

CASES = [
    # (sentence, item, counted in the document's own voice); a hedged or attributed
    # sentence still counts at level 1 (checklist), marked: see test_level1_only below
    ("Als eerste stap registreert Veilig Thuis vanaf 2025 bij alle meldingen het geslacht van slachtoffer en pleger.", "sekse-data", True),
    ("Als er budget is, registreert Veilig Thuis bij alle meldingen het geslacht van slachtoffer en pleger.", "sekse-data", False),
    ("GREVIO stelt in haar rapport uit 2020 dat genderongelijkheid een oorzaak is van geweld tegen vrouwen.", "gender-als-oorzaak", False),
    ("Wij stellen dat genderongelijkheid een oorzaak is van geweld tegen vrouwen.", "gender-als-oorzaak", True),
    ("Geen vrijblijvendheid: alle meldingen worden uitgesplitst naar sekse.", "sekse-data", True),
    ("De wensen van slachtoffers staan centraal: wij bieden mannelijke slachtoffers een eigen opvang.", "mannen-en-lhbti", True),
    # the reporting verb is part of the rule's own term: still the view of others
    ("Het College voor de Rechten van de Mens omschrijft gendersensitief werken als het bewust zijn van en rekening houden met verschillen in macht tussen vrouwen en mannen.", "definitie-gendersensitief", False),
    ("Wij omschrijven gendersensitief werken als het bewust zijn van en rekening houden met verschillen in macht tussen vrouwen en mannen.", "definitie-gendersensitief", True),
]


@pytest.mark.parametrize(("text", "item", "counted"), CASES)
def test_sentence_counts_for_item(ruleset, nlp, text, item, counted):
    builder = DocumentBuilder("test.txt", "", "txt")
    builder.add(BlockKind.paragraph, text)
    findings = [f for f in ruleset.run(annotate(builder.build(), nlp), nlp) if f.target == item]
    assert findings, f"{item} not found in {text!r}"
    own_voice = any(f.counted and not {"hedged", "attributed"} & set(f.qualifiers) for f in findings)
    assert own_voice is counted, [(f.rule, f.qualifiers) for f in findings]
