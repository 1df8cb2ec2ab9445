"""genderscan check: exit codes, thresholds, formats (with real documents)."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import EXAMPLES


def test_exit_0_when_all_thresholds_hold(repo, cli):
    code, out, _ = cli("check", "docs/visie.txt", "--require", "A1,sekseverschillen", "--min-score", "5")
    assert code == 0, out
    assert "docs/visie.txt: score" in out
    assert "Geslaagd" in out


def test_min_score_threshold(repo, cli):
    code, out, _ = cli("check", "docs/visie.txt", "--min-score", "90")
    assert code == 1
    assert "[min-score]" in out and "lager dan de drempel van 90" in out
    score = json.loads(cli("check", "docs/visie.txt", "--format", "json")[1])["files"][0]["score"]
    # the threshold is inclusive: exactly the score passes
    assert cli("check", "docs/visie.txt", "--min-score", str(score))[0] == 0


def test_require_threshold(repo, cli):
    code, out, _ = cli("check", "docs/visie.txt", "--require", "sekse-data")
    assert code == 1
    assert "[sekse-data]" in out and "D1" in out
    # level 2 (uitgewerkt) asked, the document only names the cause (level 1)
    code, out, _ = cli("check", "docs/visie.txt", "--require", "A1:2", "--lang", "en")
    assert code == 1
    assert "level 1, required 2" in out


def test_required_item_without_rules_fails_with_its_own_message(repo, cli):
    """An item whose rules are all switched off is 'not checked': requiring it fails, never passes silently."""
    from genderscan.rules import load_rules

    off = [arg for r in load_rules().rules if r.item == "gender-evaluatie" for arg in ("--disable", r.id)]
    assert off, "gender-evaluatie has no rules to switch off"
    code, out, _ = cli("check", "docs/visie.txt", "--require", "gender-evaluatie", *off)
    assert code == 1
    assert "nog niet controleren" in out


def test_fail_on_pitfall_threshold(repo, cli):
    code, out, _ = cli("check", "docs/visie.txt", "--rules", "our-rules")
    assert code == 0, "a pitfall is only a warning without --fail-on-pitfall"
    assert "waarschuwing [valkuil-genderneutraal]" in out
    code, out, _ = cli("check", "docs/visie.txt", "--rules", "our-rules", "--fail-on-pitfall")
    assert code == 1
    assert "docs/visie.txt:7: fout [valkuil-genderneutraal]" in out
    assert "Onze aanpak is genderneutraal" in out


def test_no_exit_keeps_threshold_failures_at_0_but_not_input_errors(repo, cli):
    assert cli("check", "docs/visie.txt", "--min-score", "99", "--no-exit")[0] == 0
    assert cli("check", "docs/missing.txt", "--no-exit")[0] == 2


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--require", "X9"], "Onbekend checklist-item 'X9'"),
        (["--require", "A1:3"], "het niveau is 1"),
        (["--format", "xml"], "Onbekend uitvoerformaat 'xml'"),
        (["--min-score", "120"], "verwacht een getal van 0 tot 100"),
        (["--baseline", "nope.json"], "bestaat niet"),
        (["--disable", "geen/regel"], "Onbekende regel 'geen/regel'"),
        (["--lang", "fr"], "Onbekende taal 'fr'"),
    ],
)
def test_exit_2_on_usage_errors(repo, cli, args, expected):
    code, out, err = cli("check", "docs/visie.txt", *args)
    assert code == 2
    assert expected in err
    assert "Traceback" not in err


def test_exit_2_on_input_errors_and_missing_arguments(repo, cli):
    code, out, _ = cli("check", "docs/visie.txt", "docs/bestaat-niet.txt")
    assert code == 2
    assert "docs/bestaat-niet.txt: kan niet lezen" in out
    assert "docs/visie.txt: score" in out, "the readable file is still checked"
    (repo / "leeg").mkdir()
    code, _, err = cli("check", "leeg")
    assert code == 2 and "Geen documenten gevonden" in err
    code, _, err = cli("check")
    assert code == 2 and "Missing argument" in err


def test_folders_are_searched_for_documents(repo, cli):
    shutil.copy(repo / "docs" / "visie.txt", repo / "docs" / "tweede.txt")
    (repo / "docs" / "notes.json").write_text("{}")
    out = json.loads(cli("check", "docs", "--format", "json")[1])
    assert [f["path"] for f in out["files"]] == ["docs/tweede.txt", "docs/visie.txt"]


def test_json_format_lists_problems_and_report(repo, cli):
    code, out, _ = cli("check", "docs/visie.txt", "--format", "json", "--require", "D1", "--rules", "our-rules")
    data = json.loads(out)
    assert code == 1 and data["passed"] is False
    problems = data["files"][0]["problems"]
    assert {(p["kind"], p["id"], p["severity"]) for p in problems} == {
        ("missing-item", "sekse-data", "error"),
        ("pitfall", "valkuil-genderneutraal", "warning"),
    }
    assert data["files"][0]["report"]["schema_version"] == "1.0"


def test_sarif_comes_from_the_report_registry(repo, cli):
    from genderscan.report import FORMATS

    code, out, err = cli("check", "docs/visie.txt", "--format", "sarif")
    if "sarif" not in FORMATS:
        assert code == 2 and "SARIF" in err
    else:
        assert code == 0
        assert json.loads(out)["version"] == "2.1.0"


def test_the_example_vision(cli, monkeypatch, tmp_path, nlp):
    monkeypatch.chdir(EXAMPLES.parent)
    code, out, _ = cli("check", "examples/regiovisie-voorbeeld.txt", "--require", "A1,A2,C1,D1", "--config", str(tmp_path / "none.toml"))
    assert code == 2, "a --config file that does not exist is a usage error"
    (tmp_path / "genderscan.toml").write_text('require = ["A1", "A2", "C1", "D1"]\n')
    code, out, _ = cli("check", "examples/regiovisie-voorbeeld.txt", "--config", str(tmp_path / "genderscan.toml"))
    assert code == 0, out


def test_check_loads_the_rule_set_once_per_configuration_not_per_file(repo, cli, monkeypatch):
    """check resolves the settings per file; validating disabled-rules used to load every rule again each time."""
    import genderscan.rules.ruleset as ruleset

    (repo / "genderscan.toml").write_text('rules = ["our-rules"]\ndisabled-rules = ["valkuil-genderneutraal/genderneutraal"]\n', encoding="utf-8")
    for n in range(4):
        shutil.copy(repo / "docs" / "visie.txt", repo / "docs" / f"visie{n}.txt")
    loads = []
    real = ruleset.load_rules
    monkeypatch.setattr(ruleset, "load_rules", lambda *a, **k: loads.append(a) or real(*a, **k))
    code, out, _ = cli("check", "docs", "--no-semantic", "--format", "json")
    assert len(json.loads(out)["files"]) == 5, out
    # once every rule (to validate disabled-rules, for every file), once the rules analyse runs
    assert len(loads) == 2, loads
