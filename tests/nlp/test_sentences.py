"""Sentence segmentation on policy text: abbreviations, numbers, quotes, bullets, headings."""

from __future__ import annotations

import pytest

from genderscan.ingest import read_document
from genderscan.nlp import annotate

from .seeds import seed

CASES = [
    (
        "Dit staat o.a. in art. 12 van het verdrag, zie blz. 4 en nr. 7. Daarna volgt meer.",
        ["Dit staat o.a. in art. 12 van het verdrag, zie blz. 4 en nr. 7.", "Daarna volgt meer."],
    ),
    ("Zie paragraaf 2.1 voor de cijfers. In 2.3 staat meer.", ["Zie paragraaf 2.1 voor de cijfers.", "In 2.3 staat meer."]),
    (
        "Partners, bijv. ex-partners, d.w.z. iedereen i.p.v. alleen echtgenoten. Dat is nieuw.",
        ["Partners, bijv. ex-partners, d.w.z. iedereen i.p.v. alleen echtgenoten.", "Dat is nieuw."],
    ),
    ("Het beleid… Dat is het.", ["Het beleid…", "Dat is het."]),
    ("Het beleid … en dan verder.", ["Het beleid … en dan verder."]),
    ("Hij zei: “Dit is het.” Daarna ging hij weg.", ["Hij zei: “Dit is het.”", "Daarna ging hij weg."]),
    ("Er zijn (o.a. in Zweden) projecten. Die werken.", ["Er zijn (o.a. in Zweden) projecten.", "Die werken."]),
    ("Dit is zin een! Is dit zin twee? Ja.", ["Dit is zin een!", "Is dit zin twee?", "Ja."]),
    ("Er zijn 3.500 meldingen. Dat is veel.", ["Er zijn 3.500 meldingen.", "Dat is veel."]),
    ("Vormen van geweld, enz. De gemeente doet veel.", ["Vormen van geweld, enz.", "De gemeente doet veel."]),
    ("Dhr. Jansen en mevr. De Vries zijn het eens.", ["Dhr. Jansen en mevr. De Vries zijn het eens."]),
    ("1. Inleiding", ["1. Inleiding"]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_sentences(nlp, text, expected):
    assert [s.text.strip() for s in nlp(text).sents] == expected


def blocks_with(path, nlp, snippet):
    annotated = annotate(read_document(path), nlp)
    found = [(b, d) for b, d in annotated.blocks() if snippet in b.text]
    assert found, snippet
    return found


def test_seed_abbreviation_dwz(nlp):
    (_, doc), *_ = blocks_with(seed("000"), nlp, "d.w.z. zijn er indicaties")
    sents = [s.text for s in doc.sents]
    hit = next(s for s in sents if "d.w.z." in s)
    assert hit.startswith("Het eerste kernelement") and hit.endswith("overdrachtspatronen?")
    assert any(s.startswith("Het tweede kernelement") for s in sents)
    # "in 4.2.2." ends a sentence, "4.2.3" inside one does not
    assert any(s.startswith("Op gendersensitiviteit gaan wij in 4.2.3 nader in") for s in sents)


def test_seed_heading_is_one_sentence(nlp):
    for block, doc in blocks_with(seed("000"), nlp, "Wanneer is sprake van veelbelovende praktijken"):
        if block.kind == "heading":
            assert len(list(doc.sents)) == 1
            break
    else:
        raise AssertionError("heading not found")


def test_seed_bullet_with_bijv(nlp):
    (_, doc), *_ = blocks_with(seed("003"), nlp, "bijv. fysiek")
    sents = [s.text for s in doc.sents]
    assert len(sents) == 1, sents
    assert sents[0].startswith("De wijze van onderzoek") and sents[0].endswith("in de relatie?")


def test_seed_bullets_are_separate(nlp):
    blocks = blocks_with(seed("001"), nlp, "In veel regio's is de laatste tijd gewerkt")
    block, doc = blocks[0]
    assert block.kind == "list_item"
    sents = [s.text for s in doc.sents]
    assert sents[0].startswith("In veel regio's") and sents[-1].endswith("te bevorderen.")
    assert not any("In de regio's waar nieuw beleid" in s for s in sents)
