"""Acceptance: the five good-practice passages of Verwonderzoek (2023) Bijlage 2 yield the items the study describes."""

from __future__ import annotations

import pytest

from genderscan.config import Config
from genderscan.document import BlockKind, DocumentBuilder
from genderscan.pipeline import analyse_document
from tests.rules import passages as P


def run(blocks):
    builder = DocumentBuilder("<bijlage-2>", "", "txt")
    for kind, text in blocks:
        builder.add(BlockKind(kind), text)
    report = analyse_document(builder.build(), Config())
    data = report.model_dump()
    items = {i["id"]: i["level"] for i in data["items"]}
    fired = {p["id"] for p in data["pitfalls"] if p["evidence"]}
    hints = {h["id"] for h in data.get("hints", []) if h["evidence"]}
    return items, fired, hints


def counted(items):
    return {i for i, level in items.items() if level >= 1}


@pytest.mark.parametrize(
    "name, blocks, expected",
    [
        ("West Veluwe Vallei: sekseverschillen in de probleemanalyse", P.WEST_VELUWE_VALLEI, {"sekseverschillen"}),
        ("Zuid-Holland Zuid: gender als maatschappelijke factor, verschillen met cijfers", P.ZUID_HOLLAND_ZUID, {"gender-als-oorzaak", "sekseverschillen"}),
        ("Twente: definitie in de begrippenlijst, macht en afhankelijkheid", P.TWENTE, {"definitie-gendersensitief", "macht-en-controle"}),
        ("Amsterdam-Amstelland: uitgangspunt en andere beleidsterreinen", P.AMSTERDAM_AMSTELLAND, {"gendersensitief-uitgangspunt", "domeinoverstijgend"}),
        ("Groningen: genderrollen als voedingsbodem, intieme terreur", P.GRONINGEN, {"gender-als-oorzaak", "sekseverschillen", "macht-en-controle", "specifieke-aanpak"}),
    ],
)
def test_good_practice_items_found(name, blocks, expected):
    items, _, _ = run(blocks)
    assert expected <= counted(items), f"{name}: missing {expected - counted(items)}"


def test_twente_doelgroepen_reading_is_pitfall_p1():
    _, fired, _ = run(P.TWENTE)
    assert "valkuil-gender-is-sekse" in fired


def test_twente_without_glossary_has_no_definition():
    items, _, _ = run(P.TWENTE[:2])
    assert items["definitie-gendersensitief"] == 0


def test_groningen_figures_with_source_reach_level_2():
    items, _, _ = run(P.GRONINGEN)
    assert items["sekseverschillen"] == 2


def test_zuid_holland_zuid_is_not_only_harmful_practices():
    _, _, hints = run(P.ZUID_HOLLAND_ZUID)
    assert "alleen-schadelijke-praktijken" not in hints
