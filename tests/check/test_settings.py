"""Configuration discovery and precedence: file < environment < flags."""

from __future__ import annotations

import json

import pytest

from genderscan.errors import GenderscanError
from genderscan.settings import resolve


def test_precedence_file_env_flags(repo, monkeypatch):
    (repo / "genderscan.toml").write_text("min-score = 10\nlang = \"en\"\n")
    target = repo / "docs" / "visie.txt"
    s = resolve(target)
    assert (s.thresholds.min_score, s.sources["min-score"]) == (10, str(repo / "genderscan.toml"))
    monkeypatch.setenv("GENDERSCAN_MIN_SCORE", "20")
    s = resolve(target)
    assert (s.thresholds.min_score, s.sources["min-score"]) == (20, "GENDERSCAN_MIN_SCORE")
    s = resolve(target, {"min-score": 30})
    assert (s.thresholds.min_score, s.sources["min-score"]) == (30, "--min-score")
    assert (s.config.lang, s.sources["lang"]) == ("en", str(repo / "genderscan.toml")), "untouched keys keep their source"
    monkeypatch.setenv("GENDERSCAN_MIN_SCORE", "")
    assert resolve(target).thresholds.min_score == 10, "an empty variable (an empty CI input) counts as unset"


def test_precedence_changes_the_exit_code(repo, cli, monkeypatch):
    (repo / "genderscan.toml").write_text("min-score = 90\n")
    assert cli("check", "docs/visie.txt")[0] == 1
    monkeypatch.setenv("GENDERSCAN_MIN_SCORE", "5")
    assert cli("check", "docs/visie.txt")[0] == 0
    assert cli("check", "docs/visie.txt", "--min-score", "95")[0] == 1


def test_pyproject_found_by_walking_up_and_paths_relative_to_it(repo, tmp_path):
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.genderscan]\nrules = ["our-rules"]\nrequire = ["A1", "D1:2"]\nbaseline = "ci/baseline.json"\n')
    deep = repo / "docs" / "2025" / "concept"
    deep.mkdir(parents=True)
    s = resolve(deep / "visie.txt")
    assert s.config_file == repo / "pyproject.toml"
    assert s.config.rules == [str(repo / "our-rules")]
    assert s.thresholds.require == {"gender-als-oorzaak": 1, "sekse-data": 2}
    assert s.baseline == repo / "ci" / "baseline.json"
    assert s.sources["require"].endswith("pyproject.toml [tool.genderscan]")
    # a pyproject.toml without [tool.genderscan] is passed by; a nearer genderscan.toml wins
    (repo / "docs" / "pyproject.toml").write_text('[project]\nname = "y"\n')
    assert resolve(deep / "visie.txt").config_file == repo / "pyproject.toml"
    (repo / "docs" / "genderscan.toml").write_text("fail-on-pitfall = true\n")
    s = resolve(deep / "visie.txt")
    assert s.config_file == repo / "docs" / "genderscan.toml"
    assert s.thresholds.require == {}, "files are not merged: the nearest one is the configuration"


def test_rule_pack_from_config_is_used_by_check(repo, cli):
    (repo / "genderscan.toml").write_text('rules = ["our-rules"]\nfail-on-pitfall = true\n')
    code, out, _ = cli("check", "docs/visie.txt")
    assert code == 1 and "valkuil-genderneutraal" in out
    (repo / "genderscan.toml").write_text('rules = ["our-rules"]\nfail-on-pitfall = true\ndisabled-rules = ["valkuil-genderneutraal/ongeacht", "valkuil-genderneutraal/genderneutraal"]\n')
    assert cli("check", "docs/visie.txt")[0] == 0


def test_weights_from_environment(repo, monkeypatch):
    monkeypatch.setenv("GENDERSCAN_WEIGHTS", "sekse-data=3, bescherming=0")
    assert resolve(repo).config.weights == {"sekse-data": 3.0, "bescherming": 0.0}


@pytest.mark.parametrize(
    "toml, code",
    [
        ("min_scor = 3\n", "config_unknown_key"),
        ("min-score = \"hoog\"\n", "config_invalid_value"),
        ("require = [\"A9\"]\n", "unknown_item"),
        ("[weights]\nnope = 2\n", "unknown_item"),
        ("fail-on-pitfall = \"misschien\"\n", "config_invalid_value"),
        ("min-score = \n", "config_invalid_toml"),
    ],
)
def test_config_errors(repo, toml, code):
    (repo / "genderscan.toml").write_text(toml)
    with pytest.raises(GenderscanError) as exc:
        resolve(repo / "docs" / "visie.txt")
    assert exc.value.code == code
    assert str(repo / "genderscan.toml") in exc.value.message() or code == "unknown_item"


def test_config_command_shows_values_and_sources(repo, cli, monkeypatch):
    (repo / "genderscan.toml").write_text('require = ["A1"]\nmin-score = 40\n')
    monkeypatch.setenv("GENDERSCAN_MIN_SCORE", "45")
    code, out, _ = cli("config", "docs/visie.txt")
    assert code == 0
    assert f"Configuratiebestand: {repo / 'genderscan.toml'}" in out
    lines = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert "45.0" in lines["min-score"] and lines["min-score"].endswith("# GENDERSCAN_MIN_SCORE")
    assert lines["require"].endswith(f"# {repo / 'genderscan.toml'}")
    assert lines["lang"].endswith("# standaard")
    data = json.loads(cli("config", "docs/visie.txt", "--format", "json")[1])
    by_key = {row["key"]: row for row in data["settings"]}
    assert by_key["min-score"]["source"] == "GENDERSCAN_MIN_SCORE"


@pytest.mark.parametrize(("value", "semantic"), [("off", False), ("Nee", False), ("ja", True), ("", True)])
def test_semantic_variable_means_the_same_to_the_api_and_the_command_line(repo, monkeypatch, value, semantic):
    from genderscan.config import Config

    monkeypatch.setenv("GENDERSCAN_SEMANTIC", value)
    assert Config().semantic is semantic
    assert resolve(repo / "docs" / "visie.txt").config.semantic is semantic


def test_unknown_word_for_a_yes_no_variable_is_the_same_error_everywhere(repo, monkeypatch):
    """GENDERSCAN_SEMANTIC=maybe used to switch the layer on in the Python API and be an error on the command line."""
    from genderscan.config import Config

    monkeypatch.setenv("GENDERSCAN_SEMANTIC", "maybe")
    errors = []
    for make in (Config, lambda: resolve(repo / "docs" / "visie.txt")):
        with pytest.raises(GenderscanError) as err:
            make()
        errors.append((err.value.code, err.value.params))
    assert errors[0] == errors[1] == ("config_invalid_value", {"path": "GENDERSCAN_SEMANTIC", "key": "semantic", "detail": "verwacht true of false"})
