"""genderscan.textcodec: the one decoder of plain-text files, shared by the text reader and SARIF."""

from __future__ import annotations

from genderscan import textcodec
from genderscan.ingest import text
from tests.test_architecture import LEAF, SRC, imported_units


def test_textcodec_is_a_leaf():
    """Any stage may import it (the text reader and the SARIF renderer do), so it imports none."""
    assert not {unit for unit, _ in imported_units(SRC / "textcodec.py")} & LEAF


def test_the_text_reader_decodes_with_textcodec():
    assert text.decode_counted is textcodec.decode_counted
    assert text.decode is textcodec.decode
