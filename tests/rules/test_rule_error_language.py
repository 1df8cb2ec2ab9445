"""A malformed rule pack is reported in the user's language, with file and line."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import EXAMPLES


def _run(pack, *extra):
    return subprocess.run(
        [sys.executable, "-m", "genderscan", "analyse", str(EXAMPLES / "regiovisie-voorbeeld.txt"), "--rules", str(pack), *extra],
        capture_output=True,
        text=True,
    )


def test_unknown_item_in_a_user_rule_dutch_and_english(tmp_path):
    rule = tmp_path / "eigen" / "fout.yaml"
    rule.parent.mkdir()
    rule.write_text('message: "x"\nall:\n  - [sekse]\nitem: bestaat-niet\n', encoding="utf-8")
    nl, en = _run(tmp_path), _run(tmp_path, "--lang", "en")
    assert nl.returncode == en.returncode == 2
    assert f"{rule}, regel 4: onbekend item 'bestaat-niet'" in nl.stderr
    assert f"{rule}, line 4: unknown item 'bestaat-niet'" in en.stderr
    assert "Traceback" not in nl.stderr + en.stderr


def test_a_key_written_twice_is_refused_with_both_lines(tmp_path):
    """PyYAML keeps only the last of two equal keys; a rule author who writes ``unless:`` twice
    would silently lose the first list. genderscan refuses the file instead."""
    rule = tmp_path / "eigen" / "dubbel.yaml"
    rule.parent.mkdir()
    rule.write_text(
        'item: sekse-data\nmessage: "x"\nall:\n  - [sekse]\nunless: ["leeftijd"]\nunless: ["geslacht"]\n', encoding="utf-8"
    )
    nl, en = _run(tmp_path), _run(tmp_path, "--lang", "en")
    assert nl.returncode == en.returncode == 2
    assert f"{rule}, regel 6: de sleutel “unless” staat twee keer in dezelfde mapping (eerder op regel 5)" in nl.stderr
    assert f"{rule}, line 6: the key “unless” appears twice in the same mapping (first on line 5)" in en.stderr
    assert "Traceback" not in nl.stderr + en.stderr


def test_yaml_merge_keys_are_not_taken_for_a_key_written_twice():
    from genderscan.datafile import _FAST_LOADER, _SlowLoader
    import yaml

    text = "base: &b {a: 1, c: 3}\nother:\n  <<: *b\n  a: 2\n"
    for loader in (_FAST_LOADER, _SlowLoader):
        assert yaml.load(text, Loader=loader)["other"] == {"a": 2, "c": 3}
