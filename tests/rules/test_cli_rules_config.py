"""`genderscan rules list | explain | test` read genderscan.toml as `analyse` does.

A project folder with a genderscan.toml that adds a rule pack and switches a built-in rule off:
`rules list` must show the pack's rule and the rule as off, in Dutch and English, and
`rules test` must test the configured pack.
"""

from __future__ import annotations

import os
import re
import textwrap

import pytest

DISABLED = "sekse-data/uitgesplitst"
PACK_RULE = "mensenrechtenkader/lokaal"
GOOD_RULE = textwrap.dedent("""
    item: mensenrechtenkader
    message: "Verwijst naar het lokale mensenrechtenmanifest."
    all: [["mensenrechtenmanifest"]]
    examples:
      match: ["Het beleid volgt het mensenrechtenmanifest.", "Wij werken volgens het mensenrechtenmanifest van de regio.", "Het mensenrechtenmanifest is leidend."]
      no_match: ["De opvang is vol.", "Het wijkteam helpt.", "De gemeente zorgt voor veiligheid."]
    """)


@pytest.fixture
def project(tmp_path, monkeypatch):
    """tmp_path with genderscan.toml (rules = ["regio"], one rule disabled) and the pack regio/; cwd = there."""
    rule = tmp_path / "regio" / "mensenrechtenkader" / "lokaal.yaml"
    rule.parent.mkdir(parents=True)
    rule.write_text(GOOD_RULE, encoding="utf-8")
    (tmp_path / "genderscan.toml").write_text(f'rules = ["regio"]\ndisabled-rules = ["{DISABLED}"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in list(os.environ):
        if name.startswith("GENDERSCAN_") and name != "GENDERSCAN_SEMANTIC":
            monkeypatch.delenv(name)
    return tmp_path


def _row(output: str, rule_id: str) -> str:
    """The table row of ``rule_id``."""
    rows = [line for line in output.splitlines() if re.search(rf"\b{re.escape(rule_id)}\s", line)]
    assert rows, f"{rule_id} not listed:\n{output}"
    return rows[0]


def test_rules_list_shows_the_configured_pack_and_the_disabled_rule(project, cli):
    code, out, err = cli("rules", "list")
    assert code == 0, err
    assert f"Configuratiebestand: {project / 'genderscan.toml'}" in out
    assert "Pakket" in out and "Status" in out
    assert re.search(r"│ regio\s+│ aan\s+│", _row(out, PACK_RULE))
    assert re.search(r"│ ingebouwd\s+│ uit\s+│", _row(out, DISABLED))
    assert re.search(r"│ ingebouwd\s+│ aan\s+│", _row(out, "valkuil-genderneutraal/genderneutraal"))
    assert f"Uitgeschakeld (1, disabled-rules uit {project / 'genderscan.toml'}): {DISABLED}" in out


def test_rules_list_in_english(project, cli):
    code, out, err = cli("rules", "list", "--lang", "en")
    assert code == 0, err
    assert "Configuration file:" in out and "Pack" in out
    assert re.search(r"│ regio\s+│ on\s+│", _row(out, PACK_RULE))
    assert re.search(r"│ built-in\s+│ off\s+│", _row(out, DISABLED))
    assert f"Switched off (1, disabled-rules from {project / 'genderscan.toml'}): {DISABLED}" in out


def test_rules_list_takes_the_language_from_the_configuration(project, cli):
    (project / "genderscan.toml").write_text('lang = "en"\nrules = ["regio"]\n', encoding="utf-8")
    code, out, _ = cli("rules", "list")
    assert code == 0 and "Pack" in out and re.search(r"│ built-in\s+│ on\s+│", _row(out, DISABLED))


def test_rules_list_counts_only_the_rules_analyse_runs(project, cli):
    from genderscan.analyser import Analyser

    code, out, _ = cli("rules", "list")
    running = Analyser.resolve(project).ruleset.rules
    assert DISABLED not in {r.id for r in running} and PACK_RULE in {r.id for r in running}
    assert f"{len(running)} regels voor" in out


def test_environment_and_flags_override_the_file(project, cli, monkeypatch, tmp_path_factory):
    monkeypatch.setenv("GENDERSCAN_DISABLED_RULES", "valkuil-genderneutraal/genderneutraal")
    other = tmp_path_factory.mktemp("ander") / "mensenrechtenkader"
    other.mkdir()
    (other / "extra.yaml").write_text(GOOD_RULE.replace("lokaal", "extra"), encoding="utf-8")
    code, out, err = cli("rules", "list", "--rules", other.parent)
    assert code == 0, err
    assert re.search(r"│ uit\s+│", _row(out, "valkuil-genderneutraal/genderneutraal"))
    assert re.search(r"│ aan\s+│", _row(out, DISABLED))
    assert "GENDERSCAN_DISABLED_RULES" in out
    assert re.search(r"│ aan\s+│", _row(out, "mensenrechtenkader/extra"))
    assert PACK_RULE not in out  # a --rules flag replaces the file's packs, as in analyse


def test_rules_list_with_config_from_elsewhere(project, cli, tmp_path_factory, monkeypatch):
    elsewhere = tmp_path_factory.mktemp("elders")
    monkeypatch.chdir(elsewhere)
    code, out, _ = cli("rules", "list")
    assert code == 0 and PACK_RULE not in out and re.search(r"│ aan\s+│", _row(out, DISABLED))
    code, out, _ = cli("rules", "list", "--config", project / "genderscan.toml")
    assert code == 0 and PACK_RULE in out and re.search(r"│ uit\s+│", _row(out, DISABLED))


def test_rules_explain_says_a_rule_is_switched_off(project, cli):
    code, out, _ = cli("rules", "explain", DISABLED)
    assert code == 0 and "Deze regel staat uit" in out
    code, out, _ = cli("rules", "explain", PACK_RULE, "--lang", "en")
    assert code == 0 and "switched off" not in out and "mensenrechtenmanifest" in out


def test_an_unknown_disabled_rule_is_an_error(project, cli):
    (project / "genderscan.toml").write_text('disabled-rules = ["bestaat/niet"]\n', encoding="utf-8")
    code, _, err = cli("rules", "list")
    assert code == 2 and "bestaat/niet" in err


def test_rules_test_without_path_tests_the_configured_pack(project, cli):
    broken = project / "regio" / "mensenrechtenkader" / "kapot.yaml"
    broken.write_text(GOOD_RULE.replace("De opvang is vol.", "Het mensenrechtenmanifest is de basis van ons beleid."), encoding="utf-8")
    code, out, _ = cli("rules", "test")
    assert code == 1
    assert "mensenrechtenkader/kapot" in out and "Het mensenrechtenmanifest is de basis van ons beleid." in out
    assert f"Niet getest, want uitgeschakeld (disabled-rules uit {project / 'genderscan.toml'}): {DISABLED}" in out


def test_rules_test_path_tests_only_that_pack(project, cli):
    code, out, _ = cli("rules", "test", "regio", "--lang", "en")
    assert code == 0, out
    assert "1 rules, 6 examples tested, 0 failed." in out


def test_errors_after_the_configuration_is_read_speak_its_language(project, cli):
    (project / "genderscan.toml").write_text('lang = "en"\n', encoding="utf-8")
    code, _, err = cli("rules", "explain", "bestaat/niet")
    assert code == 2
    assert "Unknown rule 'bestaat/niet'" in err, err
    code, _, err = cli("rules", "explain", "bestaat/niet", "--lang", "nl")
    assert code == 2
    assert "Onbekende regel 'bestaat/niet'" in err, err


def test_explain_prints_paths_and_sources_with_brackets_as_text(tmp_path, monkeypatch, cli):
    """A folder named like rich markup ('[/x]', '[tool.genderscan]') must be printed, not parsed."""
    folder = tmp_path / "e[/x]"  # the folders "e[" and "x]": the path holds the text "[/x]"
    folder.mkdir(parents=True)
    (folder / "pyproject.toml").write_text(f'[tool.genderscan]\ndisabled-rules = ["{DISABLED}"]\n', encoding="utf-8")
    monkeypatch.chdir(folder)
    code, out, err = cli("rules", "explain", DISABLED)
    assert code == 0, err
    assert "pyproject.toml [tool.genderscan]" in " ".join(out.split())
    assert "Traceback" not in err


def test_rules_list_counts_a_hint_whose_rules_are_all_off_as_without_a_rule(project, cli):
    from genderscan.rules import load_rules

    hint_rules = [r.id for r in load_rules().rules if r.target == "alleen-schadelijke-praktijken"]
    (project / "genderscan.toml").write_text(f"disabled-rules = {hint_rules!r}\n".replace("'", '"'), encoding="utf-8")
    code, out, err = cli("rules", "list")
    assert code == 0, err
    assert "21 van de 22" in out
    assert "alleen-schadelijke-praktijken" in out.split("Zonder regel")[-1]
