"""Lemmas: simplemma plus the override table in nlp/data/lemmas.yaml."""

import pytest

LEMMAS = {
    "uitgesplitst": "uitsplitsen",
    "vrouwen": "vrouw",
    "mannen": "man",
    "machtsverhoudingen": "machtsverhouding",
    "meisjes": "meisje",
    "slachtoffers": "slachtoffer",
    "professionals": "professional",
    "medewerkers": "medewerker",
    "genderneutrale": "genderneutraal",
    "gendersensitieve": "gendersensitief",
    "verschillen": "verschil",
    "kinderen": "kind",
    "plegers": "pleger",
}


@pytest.mark.parametrize("word,lemma", LEMMAS.items())
def test_lemma_in_pipeline(nlp, word, lemma):
    doc = nlp(f"De {word} staan centraal.")
    assert doc[1].lemma_ == lemma
