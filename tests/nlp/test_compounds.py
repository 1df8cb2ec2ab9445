"""Token._.gs_compound / gs_head: Dutch compounds split into folded parts."""

import pytest

from genderscan.nlp.compounds import split_compound

CASES = {
    "genderongelijkheid": ("gender", "ongelijkheid"),
    "Genderongelijkheid": ("gender", "ongelijkheid"),
    "partnergeweld": ("partner", "geweld"),
    "mogelijkheid": ("mogelijkheid",),
    "onmacht": ("onmacht",),
    "vrouwenopvang": ("vrouw", "opvang"),
    "machtsverhoudingen": ("macht", "verhoudingen"),
    "machtsongelijkheid": ("macht", "ongelijkheid"),
    "beleidsplan": ("beleid", "plan"),
    "kindermishandeling": ("kind", "mishandeling"),
    "gendersensitief": ("gender", "sensitief"),
    "gendersensitieve": ("gender", "sensitieve"),
    "genderneutraal": ("gender", "neutraal"),
    "seksespecifiek": ("sekse", "specifiek"),
    "sekseverschillen": ("sekse", "verschillen"),
    "gender-sensitief": ("gender", "sensitief"),
    "genderongelijkheidsdenken": ("gender", "ongelijkheid", "denken"),
    "beroepskrachten": ("beroep", "krachten"),
    "gelijkheid": ("gelijkheid",),
    "ongelijkheid": ("ongelijkheid",),
    "gelijkwaardigheid": ("gelijkwaardigheid",),
    "aandacht": ("aandacht",),
    "onderzoek": ("onderzoek",),
    "kinderen": ("kinderen",),
    "slachtoffers": ("slachtoffers",),
    "vrouwen": ("vrouwen",),
    "rollenpatronen": ("rol", "patronen"),
    "meisjesbesnijdenis": ("meisje", "besnijdenis"),
    "geweld": ("geweld",),
    "2.1": ("2.1",),
}


@pytest.mark.parametrize("word,parts", CASES.items())
def test_split_compound(word, parts):
    assert split_compound(word) == parts


def test_token_extensions(nlp):
    doc = nlp("Genderongelijkheid en partnergeweld; de mogelijkheid van onmacht in de vrouwenopvang.")
    by_text = {t.text: t for t in doc}
    assert by_text["Genderongelijkheid"]._.gs_compound == ("gender", "ongelijkheid")
    assert by_text["partnergeweld"]._.gs_head == "geweld"
    assert "gelijkheid" not in by_text["mogelijkheid"]._.gs_compound
    assert by_text["onmacht"]._.gs_compound == ("onmacht",)
    assert by_text["vrouwenopvang"]._.gs_compound == ("vrouw", "opvang")
    assert nlp("machtsverhoudingen")[0]._.gs_head_lemma == "verhouding"
