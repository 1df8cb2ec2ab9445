"""PDF ingest on generated fixtures: each layout artefact of a designed policy PDF, repaired."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pdfgen import PageSpec, column_width, make_pdf, wrap

from genderscan.document import BlockKind
from genderscan.ingest import read_document

HEADER = "Regiovisie Veenstreek 2025–2028"


def body_text(doc) -> str:
    return "\n".join(b.text for b in doc.blocks if b.kind in (BlockKind.paragraph, BlockKind.list_item, BlockKind.heading))


def block_with(doc, needle: str):
    hits = [b for b in doc.blocks if needle in b.text]
    assert hits, f"{needle!r} not in any block:\n{doc.text}"
    return hits[0]


def sentence_page(doc, needle: str) -> int:
    return doc.page_at(doc.text.index(needle))


@pytest.fixture
def hyphen_pdf(tmp_path: Path) -> Path:
    col = [
        ("h", "1 Inleiding", 13),
        ("p", [
            "Wij werken in de hele regio gender-",
            "sensitief en regio-",
            "overstijgend samen met de vrouwen-",
            "opvang. Geweld is vaak gender-",
            "gerelateerd en treft ook ex-",
            "partners. De GGD-",
            "regio en Veilig Thuis zijn",
            "partners. Wij willen de samen-",
            "werking versterken en het geweld be-",
            "eindigen. Ook in Noord-",
            "Brabant gebeurt dat.",
        ]),
    ]
    return make_pdf(tmp_path / "hyphens.pdf", [PageSpec(cols=[col])])


def test_hyphenated_line_breaks_are_repaired_but_real_compounds_kept(hyphen_pdf):
    doc = read_document(hyphen_pdf)
    text = block_with(doc, "Wij werken").text
    assert "gendersensitief" in text
    assert "regio-overstijgend" in text
    assert "vrouwenopvang" in text
    assert "gender-gerelateerd" in text
    assert "ex-partners" in text
    assert "GGD-regio" in text
    assert "samenwerking" in text
    assert "beëindigen" in text
    assert "Noord-Brabant" in text
    assert "\ufffe" not in doc.text and "\x02" not in doc.text and "\u00ad" not in doc.text


def test_soft_hyphen_and_nbsp(tmp_path):
    col = [("p", ["De gemeente werkt gender\u00ad", "sensitief aan 20\u00a0procent van de", "casussen."])]
    doc = read_document(make_pdf(tmp_path / "soft.pdf", [PageSpec(cols=[col])]))
    text = block_with(doc, "De gemeente").text
    assert text == "De gemeente werkt gendersensitief aan 20 procent van de casussen."


def two_column_pages(n: int) -> list[PageSpec]:
    cw = column_width(2)
    pages = []
    for p in range(1, n + 1):
        left = wrap(f"Links begint pagina {p} met een lange zin over partnergeweld in de regio die doorloopt tot onderaan "
                    "de linkerkolom en daar eindigt met een punt.", cw)
        left2 = wrap(f"Tweede alinea links op pagina {p}: vrouwen en mannen worden niet in gelijke mate slachtoffer van "
                     "partnergeweld, en dat verschil "
                     "loopt door in de", cw)
        right = wrap(f"rechterkolom, waar de zin verder gaat en eindigt. Rechts staat op pagina {p} een eigen alinea "
                     "over de aanpak van de regio.", cw)
        pages.append(PageSpec(
            top=[("h", f"{p} Hoofdstuk over veiligheid thuis nummer {p}", 14)],
            cols=[[("p", left), ("p", left2)], [("p", right)]],
        ))
    return pages


@pytest.mark.parametrize("interleave", [False, True], ids=["stream-order", "interleaved"])
def test_two_columns_read_in_order_without_running_header_and_footer(tmp_path, interleave):
    doc = read_document(make_pdf(tmp_path / "cols.pdf", two_column_pages(4), interleave=interleave))
    text = doc.text
    assert HEADER not in text
    assert not any(re.search(r"(^|\s)pagina \d+$", b.text) for b in doc.blocks), text
    for p in range(1, 5):
        a = text.index(f"Links begint pagina {p}")
        b = text.index(f"Tweede alinea links op pagina {p}")
        c = text.index(f"Rechts staat op pagina {p}")
        h = text.index(f"{p} Hoofdstuk over veiligheid thuis nummer {p}")
        assert h < a < b < c, (p, h, a, b, c)
        if p > 1:
            assert text.index(f"Rechts staat op pagina {p - 1}") < h
        assert sentence_page(doc, f"Rechts staat op pagina {p}") == p
    # the sentence that crosses from the left to the right column is one paragraph
    assert "dat verschil loopt door in de rechterkolom, waar de zin verder gaat en eindigt." in text
    heading = block_with(doc, "3 Hoofdstuk over veiligheid")
    assert heading.kind == BlockKind.heading
    assert block_with(doc, "Rechts staat op pagina 3").section == heading.text


def test_footnotes_kept_out_of_the_running_sentence(tmp_path):
    cw = column_width(1)
    page1 = PageSpec(
        cols=[[
            ("h", "2 Probleemanalyse", 13),
            ("p", wrap("Het doel is in 2024 bereikt.^7 Daarna volgt de evaluatie van de aanpak van partnergeweld in de regio, "
                       "die in het voorjaar zal beginnen en die voortgaat op de volgende", cw)),
        ]],
        notes=["7 Zie het jaarverslag van Veilig Thuis 2024, pagina 12.", "8 Tweede noot op deze pagina."],
    )
    page2 = PageSpec(cols=[[("p", wrap("pagina met de rest van deze zin. Een nieuwe zin op pagina twee.", cw))]])
    doc = read_document(make_pdf(tmp_path / "notes.pdf", [page1, page2]))
    para = block_with(doc, "Het doel is")
    assert para.text.startswith("Het doel is in 2024 bereikt. Daarna volgt")
    assert "jaarverslag" not in para.text
    assert "voortgaat op de volgende pagina met de rest van deze zin." in para.text
    notes = [b for b in doc.blocks if b.kind == BlockKind.footnote]
    assert [n.text for n in notes] == ["7 Zie het jaarverslag van Veilig Thuis 2024, pagina 12.", "8 Tweede noot op deze pagina."]
    assert all(n.page == 1 for n in notes)
    # provenance: each sentence on its own page, also inside the paragraph that crosses the page
    assert sentence_page(doc, "Daarna volgt") == 1
    assert sentence_page(doc, "met de rest van deze zin") == 2
    assert sentence_page(doc, "Een nieuwe zin op pagina twee") == 2
    assert para.page == 1 and para.page_end == 2


def test_headings_lists_toc_references_glossary(tmp_path):
    cw = column_width(1)
    toc = PageSpec(cols=[[
        ("h", "Inhoudsopgave", 14),
        ("toc", "1 Inleiding", 2),
        ("toc", "2 Aanpak", 2),
        ("toc", "Literatuur", 3),
    ]])
    body = PageSpec(cols=[[
        ("h", "1 Inleiding", 14),
        ("p", wrap("Deze visie beschrijft de aanpak van huiselijk geweld.", cw)),
        ("b", "Uitgangspunten"),
        ("p", wrap("We hanteren de volgende uitgangspunten:", cw)),
        ("li", wrap("Veiligheid eerst voor slachtoffers en kinderen.", cw - 12)),
        ("li", wrap("Gendersensitief werken in alle onderdelen van de aanpak, van preventie tot nazorg en herstel "
                    "voor alle betrokkenen in het gezin.", cw - 12)),
        ("h", "1.1 Achtergrond", 11),
        ("p", wrap("Partnergeweld treft vooral vrouwen.", cw)),
    ]])
    back = PageSpec(cols=[[
        ("h", "Literatuur", 14),
        ("p", wrap("Atria (2016). Preventie van intergenerationeel geweld. Amsterdam: Atria.", cw)),
        ("p", wrap("Movisie (2016). Aandacht voor gender maakt de aanpak van huiselijk geweld effectiever.", cw)),
        ("h", "Begrippenlijst", 14),
        ("p", wrap("Gender: de rollen en verwachtingen die een samenleving koppelt aan vrouw-zijn en man-zijn.", cw)),
    ]])
    doc = read_document(make_pdf(tmp_path / "structure.pdf", [toc, body, back], cover=True))
    kinds = {b.text: b.kind for b in doc.blocks}
    assert [b.kind for b in doc.blocks if "....." in b.text] == [BlockKind.toc] * 3
    assert kinds["1 Inleiding"] == BlockKind.heading
    assert [b.heading_level for b in doc.blocks if b.text == "1 Inleiding"] == [1]
    assert block_with(doc, "1.1 Achtergrond").heading_level == 2
    assert kinds["Uitgangspunten"] == BlockKind.heading  # bold, unnumbered
    assert block_with(doc, "We hanteren").section == "Uitgangspunten"
    items = [b for b in doc.blocks if b.kind == BlockKind.list_item]
    assert [i.text for i in items] == [
        "Veiligheid eerst voor slachtoffers en kinderen.",
        "Gendersensitief werken in alle onderdelen van de aanpak, van preventie tot nazorg en herstel voor alle betrokkenen in het gezin.",
    ]
    assert block_with(doc, "Partnergeweld treft").section == "1.1 Achtergrond"
    assert block_with(doc, "Atria (2016)").kind == BlockKind.references
    assert block_with(doc, "Movisie (2016)").kind == BlockKind.references
    assert block_with(doc, "Gender: de rollen").kind == BlockKind.glossary
    assert block_with(doc, "Gender: de rollen").page == 3


def test_page_labels_are_reported_and_physical_numbers_kept(tmp_path):
    cw = column_width(1)
    pages = [PageSpec(cols=[[("h", f"Deel {n}", 14), ("p", wrap(f"Tekst op fysieke pagina {n} over de aanpak.", cw))]]) for n in range(1, 5)]
    path = make_pdf(tmp_path / "labels.pdf", pages, footer=None, page_labels=[(0, "ROMAN_LOWER", 1, None), (2, "ARABIC", 1, None)])
    doc = read_document(path)
    assert [(p.number, p.label) for p in doc.pages] == [(1, "i"), (2, "ii"), (3, "1"), (4, "2")]
    offset = doc.text.index("fysieke pagina 3")
    assert doc.page_at(offset) == 3
    assert doc.page_label_at(offset) == "1"


def test_printed_page_numbers_become_labels_when_the_pdf_has_none(tmp_path):
    cw = column_width(1)
    pages = [PageSpec(cols=[[("h", f"Deel {n}", 14), ("p", wrap(f"Tekst op fysieke pagina {n}.", cw))]]) for n in range(1, 6)]
    doc = read_document(make_pdf(tmp_path / "printed.pdf", pages, footer="{n}"))
    assert "fysieke pagina 5." in doc.text
    assert not re.search(r"^\d+$", doc.text, re.M)
    assert [p.label for p in doc.pages] == ["1", "2", "3", "4", "5"]
