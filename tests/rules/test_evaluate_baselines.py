"""`genderscan evaluate` with two baselines, several sets and JSON, and quoted GREVIO sentences in the report."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from typer.testing import CliRunner

from genderscan.cli import app
from tests.conftest import EXAMPLES

runner = CliRunner()

DEV = """
- id: t1
  text: "Genderongelijkheid vormt de voedingsbodem voor partnergeweld."
  counts: [gender-als-oorzaak]
- id: t2
  text: "Vrouwen en mannen zijn welkom bij het wijkcentrum."
  counts: []
  kind: trap
"""
HELD_OUT = """
- id: h1
  text: "Veilig Thuis registreert alle meldingen uitgesplitst naar geslacht van slachtoffer en pleger."
  counts: [sekse-data]
- id: h2
  text: "Er is geen aandacht voor gender in de training van de wijkteams."
  counts: []
  found: [deskundigheidsbevordering]
  kind: negated
"""


def _sets(tmp_path):
    dev, held = tmp_path / "dev.yaml", tmp_path / "held.yaml"
    dev.write_text(textwrap.dedent(DEV), encoding="utf-8")
    held.write_text(textwrap.dedent(HELD_OUT), encoding="utf-8")
    return dev, held


def test_item_keywords_do_not_fire_on_generic_words():
    from genderscan.evaluate import ITEM_KEYWORDS, KEYWORDS, keyword_scan

    targets = list(ITEM_KEYWORDS)
    sentence = "Vrouwen en mannen zijn welkom bij het wijkcentrum."
    assert len(keyword_scan(sentence, targets, KEYWORDS)) >= 10  # the study scan's generic words fire everywhere
    assert keyword_scan(sentence, targets, ITEM_KEYWORDS) == set()
    assert keyword_scan("Wij bieden opvang aan slachtoffers.", targets, ITEM_KEYWORDS) == {"bescherming"}


def test_json_reports_every_set_with_both_baselines(tmp_path):
    dev, held = _sets(tmp_path)
    result = runner.invoke(app, ["evaluate", str(dev), str(held), "--format", "json", "--errors"])
    assert result.exit_code == 0, result.output
    sets = json.loads(result.stdout)["sets"]
    assert [s["path"] for s in sets] == [str(dev), str(held)]
    for s in sets:
        assert set(s["micro"]) == {"genderscan", "studie", "item"}
        assert s["micro"]["genderscan"]["f1"] == 1.0, s.get("errors")
        assert s["micro"]["item"]["precision"] > s["micro"]["studie"]["precision"]
    assert sets[0]["entries"] == 2 and sets[0]["targets"]["gender-als-oorzaak"]["genderscan"]["tp"] == 1
    # the negated training sentence is reported as found but not counted
    assert sets[1]["found_not_counted"] == {**sets[1]["found_not_counted"], "tp": 1, "fn": 0}


def test_text_shows_both_baselines_and_the_sets_side_by_side(tmp_path):
    dev, held = _sets(tmp_path)
    result = runner.invoke(app, ["evaluate", str(dev), str(held)])
    assert result.exit_code == 0, result.output
    assert "studie-scan" in result.output and "item-trefwoorden" in result.output
    assert result.output.count("Micro-F1") == 2
    assert "naast elkaar" in result.output and str(held) in result.output


def test_unknown_format_is_a_clear_error(tmp_path):
    dev, _ = _sets(tmp_path)
    result = subprocess.run([sys.executable, "-m", "genderscan", "evaluate", str(dev), "--format", "xml"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "xml" in result.stderr and "Traceback" not in result.stderr


def _level_and_evidence(ruleset, nlp, text, item):
    from genderscan.rules.engine import run_on_text
    from genderscan.scoring import score

    scored = score(run_on_text(ruleset, nlp, text), ruleset.checklist, ruleset.checked_items())
    result = next(i for i in scored.items if i.id == item)
    return result.level, result.evidence


def test_grevio_as_speaker_counts_at_level_1_marked_as_quoted(ruleset, nlp):
    level, evidence = _level_and_evidence(
        ruleset, nlp, "GREVIO stelt in een rapport over Nederland uit 2020 dat het Nederlandse beleid genderneutraal is.", "mensenrechtenkader"
    )
    assert level == 1
    assert evidence and all(f.counted and not f.operational and "attributed" in f.qualifiers for f in evidence)


def test_adopting_grevio_as_frame_counts(ruleset, nlp):
    level, _ = _level_and_evidence(
        ruleset, nlp, "Wij onderschrijven de aanbevelingen die GREVIO in 2020 aan Nederland heeft gedaan en nemen die als kader voor deze visie.", "mensenrechtenkader"
    )
    assert level >= 1


def test_example_shows_the_grevio_sentence_as_quoted_at_level_1():
    from genderscan.pipeline import analyse

    report = analyse(EXAMPLES / "regiovisie-voorbeeld.txt")
    item = next(i for i in report.items if i.id == "mensenrechtenkader")
    quoted = [e for e in item.evidence if e.text.startswith("GREVIO stelt")]
    assert item.level == 1 and quoted
    assert quoted[0].counted is True and "attributed" in quoted[0].qualifiers
    assert report.score == 65.0  # examples/expected.yaml
