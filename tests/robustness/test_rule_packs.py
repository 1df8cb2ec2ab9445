"""Rule packs: every regular expression is checked at load (file and line) and matched with a time limit."""

from __future__ import annotations

import time

import pytest

from genderscan.errors import RuleError

RULE = """\
item: sekse-data
message: "Cijfers naar sekse."
all:
  - [vrouwen, mannen]
  - {pattern}
examples:
  match:
    - "Vrouwen en mannen: 2019."
"""


def pack(tmp_path, pattern: str):
    folder = tmp_path / "pakket" / "sekse-data"
    folder.mkdir(parents=True)
    (folder / "proef.yaml").write_text(RULE.format(pattern=f'["{pattern}"]'), encoding="utf-8")
    return tmp_path / "pakket"


def test_invalid_regex_names_file_and_line(tmp_path):
    from genderscan.rules import load_rules

    with pytest.raises(RuleError) as err:
        load_rules([pack(tmp_path, "/(unclosed/")])
    text = err.value.message("nl")
    assert "proef.yaml, regel 5" in text and "/(unclosed/" in text and "klopt niet" in text
    assert "line 5" in err.value.message("en")


def test_invalid_regex_in_analyse_and_rules_test_is_exit_2(tmp_path, cli):
    pack(tmp_path, "/(unclosed/")
    (tmp_path / "visie.txt").write_text("Vrouwen en mannen worden geteld.", encoding="utf-8")
    for args in (["analyse", "visie.txt", "--rules", "pakket"], ["rules", "test", "pakket"]):
        run = cli(*args)
        assert run.code == 2, args
        assert "proef.yaml, regel 5" in run.stderr and "/(unclosed/" in run.stderr


def test_invalid_regex_in_a_term_list_names_its_line(tmp_path):
    from genderscan.rules import load_rules

    root = pack(tmp_path, "/20[0-9][0-9]/")
    (root / "_vocab").mkdir()
    (root / "_vocab" / "jaren.yaml").write_text("termen:\n  - jaar\n  - /[0-9/\n", encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_rules([root])
    assert "jaren.yaml, regel 3" in err.value.message("nl")


def test_nested_quantifier_on_a_30_character_word_does_not_hang(tmp_path, nlp):
    from genderscan.rules import load_rules
    from genderscan.rules.engine import run_on_text

    ruleset = load_rules([pack(tmp_path, "/(a+)+b/")])
    started = time.perf_counter()
    run_on_text(ruleset, nlp, "Vrouwen en mannen " + "a" * 30 + " zijn geteld.")
    assert time.perf_counter() - started < 5


def test_catastrophic_regex_stops_with_a_rule_error_naming_the_pattern(tmp_path, nlp):
    from genderscan.rules import load_rules
    from genderscan.rules.engine import run_on_text

    ruleset = load_rules([pack(tmp_path, "/(a|aa)+c/")])
    started = time.perf_counter()
    with pytest.raises(RuleError) as err:
        run_on_text(ruleset, nlp, "Vrouwen en mannen " + "a" * 60 + " zijn geteld.")
    assert time.perf_counter() - started < 5
    assert "/(a|aa)+c/" in err.value.message("nl") and "Vereenvoudig" in err.value.message("nl")


def test_builtin_regexes_still_match():
    from genderscan.rules.terms import compile_regex, regex_errors

    assert regex_errors("/(19|20)[0-9][0-9]/ /[0-9]+%/") == []
    assert compile_regex("(19|20)[0-9][0-9]").fullmatch("2019", timeout=1)
    assert regex_errors("in /(19/") == [("/(19/", regex_errors("/(19/")[0][1])]
