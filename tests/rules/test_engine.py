"""The rule engine as a policy expert and a user of --rules meet it."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from genderscan.config import Config
from genderscan.document import BlockKind, DocumentBuilder
from genderscan.errors import RuleError
from genderscan.pipeline import analyse_document
from genderscan.rules import load_rules
from genderscan.rules.engine import run_on_text
from genderscan.rules.selftest import check_all


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def levels(text_blocks, config=None):
    builder = DocumentBuilder("<t>", "", "txt")
    for kind, text in text_blocks:
        builder.add(BlockKind(kind), text)
    report = analyse_document(builder.build(), config or Config())
    data = report.model_dump()
    return {i["id"]: i["level"] for i in data["items"]}, {p["id"] for p in data["pitfalls"] if p["evidence"]}, data


PACK_RULE = """
    item: bescherming
    message: "Het Oranje Huis biedt veilige opvang."
    source: "eigen regio"
    all:
      - ["oranje huis"]
    examples:
      match: ["Het Oranje Huis vangt gezinnen op.", "We werken met het Oranje Huis.", "Het Oranje Huis is open."]
      no_match: ["Het huis is oranje geverfd.", "Er is geen Oranje Huis in de regio.", "Het Blauwe Huis is open."]
"""


def test_user_pack_adds_a_rule(tmp_path):
    write(tmp_path, "bescherming/oranje-huis.yaml", PACK_RULE)
    text = [("paragraph", "Gezinnen vinden een plek in het Oranje Huis.")]
    base, _, _ = levels(text)
    with_pack, _, _ = levels(text, Config(rules=[str(tmp_path)]))
    assert base["bescherming"] == 0
    assert with_pack["bescherming"] >= 1
    assert load_rules([tmp_path]).by_id("bescherming/oranje-huis") is not None


def test_user_pack_overrides_a_builtin_rule_by_id(tmp_path):
    write(tmp_path, "mensenrechtenkader/verdrag.yaml", PACK_RULE.replace("bescherming", "mensenrechtenkader"))
    ruleset = load_rules([tmp_path])
    rule = ruleset.by_id("mensenrechtenkader/verdrag")
    assert rule.all == [["oranje huis"]]
    text = [("paragraph", "Ons beleid volgt het Verdrag van Istanbul.")]
    items, _, _ = levels(text, Config(rules=[str(tmp_path)]))
    assert items["mensenrechtenkader"] == 0  # the replaced rule no longer looks for the convention


def test_user_pack_can_extend_a_term_list(tmp_path):
    write(tmp_path, "_vocab/training.yaml", "termen: [werkatelier]\n")
    write(tmp_path, "deskundigheidsbevordering/atelier.yaml", PACK_RULE.replace("bescherming", "deskundigheidsbevordering").replace('["oranje huis"]', '["@training"]\n      - ["gender"]'))
    ruleset = load_rules([tmp_path])
    assert ruleset.expanded(["@training"]) == ["werkatelier"]


def test_bad_rule_file_names_file_line_and_field(tmp_path):
    path = write(
        tmp_path,
        "x/kapot.yaml",
        """
        item: bescherming
        message: "x"
        within: alinea
        all:
          - [opvang]
        """,
    )
    with pytest.raises(RuleError) as err:
        load_rules([tmp_path])
    msg = err.value.message("nl")
    assert str(path) in msg and "regel 4" in msg and "within" in msg


def test_unknown_term_list_is_reported_with_its_line(tmp_path):
    write(tmp_path, "x/ref.yaml", """
        item: bescherming
        message: "x"
        all:
          - ["@bestaat-niet"]
        """)
    with pytest.raises(RuleError) as err:
        load_rules([tmp_path])
    assert "@bestaat-niet" in err.value.message("nl") and "regel 5" in err.value.message("nl")


def test_unknown_item_is_an_error(tmp_path):
    write(tmp_path, "x/item.yaml", 'item: bestaat-niet\nmessage: "x"\nall: [[a]]\n')
    with pytest.raises(RuleError, match="bestaat-niet"):
        load_rules([tmp_path])


def test_broken_example_is_reported_with_file_and_sentence(tmp_path, nlp):
    path = write(tmp_path, "bescherming/oranje-huis.yaml", PACK_RULE.replace('"Het Blauwe Huis is open."', '"Het Oranje Huis is dicht."'))
    ruleset = load_rules([tmp_path])
    failures = check_all(ruleset, nlp, [ruleset.by_id("bescherming/oranje-huis")])
    assert [f.sentence for f in failures] == ["Het Oranje Huis is dicht."]
    assert str(path) in failures[0].describe()


@pytest.mark.parametrize(
    "sentence, counted, mark",
    [
        ("Genderongelijkheid is een voedingsbodem voor partnergeweld.", True, None),
        ("Genderongelijkheid is geen oorzaak van partnergeweld.", False, None),
        ("We willen onderzoeken of genderongelijkheid een oorzaak van partnergeweld is.", True, "hedged"),
        ("Volgens GREVIO is genderongelijkheid een oorzaak van partnergeweld.", True, "attributed"),
    ],
)
def test_negated_never_counts_hedged_and_attributed_count_marked(ruleset, nlp, sentence, counted, mark):
    findings = [f for f in run_on_text(ruleset, nlp, sentence) if f.target == "gender-als-oorzaak"]
    assert findings, "the sentence is found"
    assert findings[0].counted is counted
    if mark:
        assert mark in findings[0].qualifiers


def test_ambition_and_quote_reach_level_1_never_level_2(ruleset, nlp):
    """Checklist level 1: a hedged item with a concrete measure beside it stays 'genoemd'."""
    from genderscan.scoring import score

    text = (
        "We willen onderzoeken of we cijfers naar sekse kunnen uitsplitsen. "
        "Vanaf 2025 financiert de gemeente hiervoor een onderzoeker met een budget van 40.000 euro."
    )
    own = "Veilig Thuis registreert vanaf 2025 alle meldingen uitgesplitst naar sekse; de gemeente financiert dit met 40.000 euro."
    levels = {}
    for t in (text, own):
        scored = score(run_on_text(ruleset, nlp, t), ruleset.checklist, ruleset.checked_items())
        levels[t] = next(i.level for i in scored.items if i.id == "sekse-data")
    assert levels[text] == 1
    assert levels[own] == 2


def test_traps_do_not_count(ruleset, nlp):
    traps = [
        ("De cijfers worden uitgesplitst naar leeftijd en wijk.", "sekse-data"),
        ("De aanpak van geweld in afhankelijkheidsrelaties is een regionale taak.", "macht-en-controle"),
        ("De hulp is afhankelijk van de ernst van de situatie bij huiselijk geweld.", "macht-en-controle"),
        ("Er zijn mogelijkheden voor meer samenwerking in de keten.", "gendersensitief-uitgangspunt"),
        ("Veel slachtoffers voelen onmacht tegenover de pleger.", "macht-en-controle"),
        ("De regio zet in op een integrale aanpak van huiselijk geweld.", "specifieke-aanpak"),
    ]
    for sentence, target in traps:
        hits = [f for f in run_on_text(ruleset, nlp, sentence) if f.counted and f.target == target]
        assert not hits, f"{target} counted on trap: {sentence}"


def test_headings_and_references_are_not_evidence():
    blocks = [("heading", "Genderongelijkheid als voedingsbodem van partnergeweld"), ("references", "Atria (2016). Genderongelijkheid is de voedingsbodem van partnergeweld.")]
    items, _, _ = levels(blocks)
    assert items["gender-als-oorzaak"] == 0


def test_glossary_counts_only_for_the_definition():
    blocks = [("glossary", "Gendersensitief werken: het bewust zijn van en rekening houden met de verschillen in macht, afhankelijkheid en wederzijdse verwachtingen die uit genderrollen voortvloeien, die een voedingsbodem zijn voor partnergeweld.")]
    items, _, _ = levels(blocks)
    assert items["definitie-gendersensitief"] == 1
    assert items["gender-als-oorzaak"] == 0 and items["macht-en-controle"] == 0


def test_level_2_needs_a_concrete_measure_in_the_same_paragraph():
    stated = [("paragraph", "Professionals krijgen scholing over gender en geweld.")]
    measure = [("paragraph", "Professionals krijgen scholing over gender en geweld. Vanaf 2025 volgen alle medewerkers van Veilig Thuis deze training; de centrumgemeente stelt hiervoor € 40.000 beschikbaar.")]
    elsewhere = stated + [("paragraph", "Vanaf 2025 stelt de centrumgemeente € 40.000 beschikbaar voor de wijkteams.")]
    assert levels(stated)[0]["deskundigheidsbevordering"] == 1
    assert levels(measure)[0]["deskundigheidsbevordering"] == 2
    assert levels(elsewhere)[0]["deskundigheidsbevordering"] == 1


def test_hedged_measure_does_not_lift_to_level_2():
    text = [("paragraph", "Professionals krijgen scholing over gender en geweld. We willen hiervoor in 2026 budget vrijmaken.")]
    assert levels(text)[0]["deskundigheidsbevordering"] == 1


def test_p4_ambition_without_elaboration():
    ambition = [("paragraph", "Wij willen de komende jaren meer gendersensitief gaan werken. Voorlopig ligt de prioriteit bij de wachtlijsten van Veilig Thuis.")]
    _, fired, _ = levels(ambition)
    assert "valkuil-ambitie-zonder-uitwerking" in fired


def test_p4_one_bullet_in_a_list():
    bullets = [("paragraph", "Onze speerpunten zijn:"), ("list_item", "vroegsignalering"), ("list_item", "gendersensitief werken"), ("list_item", "versterken van de wijkteams")]
    items, fired, _ = levels(bullets)
    assert items["gendersensitief-uitgangspunt"] == 1
    assert "valkuil-ambitie-zonder-uitwerking" in fired


def test_p4_does_not_fire_when_b_c_or_d_is_operationalised():
    text = [
        ("paragraph", "Wij willen de komende jaren meer gendersensitief gaan werken."),
        ("paragraph", "Veilig Thuis registreert vanaf 2025 bij alle meldingen het geslacht van slachtoffer en pleger; de centrumgemeente is eigenaar van deze actie."),
    ]
    items, fired, _ = levels(text)
    assert items["sekse-data"] == 2
    assert "valkuil-ambitie-zonder-uitwerking" not in fired


def test_p4_a2_figures_do_not_prevent_it():
    text = [
        ("paragraph", "Vrouwen zijn vaker slachtoffer van partnergeweld dan mannen: 73 procent tegen 59 procent (prevalentieonderzoek 2010)."),
        ("paragraph", "Gendersensitiviteit verdient in de aanpak meer aandacht."),
    ]
    items, fired, _ = levels(text)
    assert items["sekseverschillen"] == 2
    assert "valkuil-ambitie-zonder-uitwerking" in fired


def test_hint_power_without_gender_is_per_sentence():
    power = [("paragraph", "Ongelijke machtsverhoudingen liggen vaak ten grondslag aan huiselijk geweld.")]
    _, _, data = levels(power)
    assert any(h["id"] == "macht-zonder-gender" and h["evidence"] for h in data["hints"])
    both = power + [("paragraph", "Genderongelijkheid is de voedingsbodem van partnergeweld.")]
    _, _, data = levels(both)
    hint = next(h for h in data["hints"] if h["id"] == "macht-zonder-gender")
    assert [e["text"] for e in hint["evidence"]] == [power[0][1]]
    linked = [("paragraph", "Ongelijke machtsverhoudingen tussen mannen en vrouwen liggen ten grondslag aan huiselijk geweld.")]
    _, _, data = levels(linked)
    assert not any(h["id"] == "macht-zonder-gender" and h["evidence"] for h in data["hints"])


def test_hint_only_harmful_practices():
    harmful = [("paragraph", "Bij eergerelateerd geweld liggen traditionele gendernormen ten grondslag aan het geweld.")]
    items, _, data = levels(harmful)
    assert items["gender-als-oorzaak"] == 1
    assert any(h["id"] == "alleen-schadelijke-praktijken" and h["evidence"] for h in data["hints"])
    broad = harmful + [("paragraph", "Ook partnergeweld komt voort uit genderongelijkheid.")]
    _, _, data = levels(broad)
    assert not any(h["id"] == "alleen-schadelijke-praktijken" and h["evidence"] for h in data["hints"])


def test_compound_head_and_part_terms(tmp_path, nlp):
    for name, term in (("kop", "kop:geweld"), ("deel", "deel:gender")):
        write(tmp_path, f"specifieke-aanpak/{name}.yaml", f"""
            item: specifieke-aanpak
            message: "x"
            all: [["{term}"]]
            """)
    ruleset = load_rules([tmp_path])

    def hit(rule_id, sentence):
        single = ruleset.subset([ruleset.by_id(rule_id)])
        return any(f.counted for f in run_on_text(single, nlp, sentence))

    assert hit("specifieke-aanpak/kop", "Partnergeweld vraagt om een aparte aanpak.")
    assert not hit("specifieke-aanpak/kop", "De partners in de keten leveren geweldige inzet.")
    assert hit("specifieke-aanpak/deel", "Genderongelijkheid is hardnekkig.")
    assert not hit("specifieke-aanpak/deel", "De agenda van de raad is vol.")
