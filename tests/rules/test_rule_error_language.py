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
