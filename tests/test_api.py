"""The Python API for researchers: genderscan.analyse, Report.to_frame, genderscan.batch (docs/api.md)."""

from __future__ import annotations

import subprocess
import sys

import pytest

import genderscan
from genderscan.errors import InputError

from .conftest import EXAMPLES

EXAMPLE_TXT = EXAMPLES / "regiovisie-voorbeeld.txt"
CAUSE = "Genderongelijkheid is een belangrijke voedingsbodem voor partnergeweld."
CODES = ["A1", "A2", "A3", "A4", "A5", "B1", "B2", "B3", "B4", "B5", "B6", "C1", "C2", "C3", "D1", "D2"]

pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def report():
    return genderscan.analyse(EXAMPLE_TXT)


def test_analyse_a_path_and_the_same_text_agree(report):
    assert isinstance(report, genderscan.Report)
    assert genderscan.analyse(str(EXAMPLE_TXT)).score == report.score
    from_text = genderscan.analyse(EXAMPLE_TXT.read_text(encoding="utf-8"))
    assert from_text.score == report.score and from_text.document.path == "tekst.txt"


def test_analyse_a_sentence_and_english_texts():
    r = genderscan.analyse(CAUSE, lang="en")
    a1 = next(i for i in r.items if i.code == "A1")
    assert a1.level >= 1 and a1.evidence[0].text == CAUSE
    assert "Gender inequality" in r.to_frame("en").set_index("code").loc["A1", "title"]


def test_unreadable_input_raises_a_genderscan_error():
    with pytest.raises(InputError) as exc:
        genderscan.analyse("bestaat-niet.pdf")
    assert "bestaat-niet.pdf" in exc.value.message("nl")
    with pytest.raises(InputError):
        genderscan.analyse("   ")


def test_to_frame_one_row_per_item_with_codes(report):
    df = report.to_frame()
    items = df[df.kind == "item"]
    assert list(items.code) == CODES
    assert items.set_index("code").loc["A1", "id"] == "gender-als-oorzaak"
    assert items.set_index("code").loc["A1", "title"] == "Genderongelijkheid als oorzaak benoemd"
    assert set(items.level.dropna()) <= {0, 1, 2}
    assert (df[df.kind == "pitfall"].code.str.match(r"P[1-4]")).all()
    ev = report.evidence_frame()
    assert {"code", "id", "page", "text", "counted"} <= set(ev.columns)
    assert (ev[ev.kind == "item"].code.isin(CODES)).all()


def test_batch_of_paths_texts_and_a_missing_file():
    df = genderscan.batch([EXAMPLE_TXT, CAUSE, "ontbreekt.pdf"])
    assert list(df.document) == ["regiovisie-voorbeeld.txt", "tekst-2", "ontbreekt.pdf"]
    assert list(df.status) == ["ok", "ok", "failed"] and df.error[2] == "file_not_found"
    assert CODES[0] in df.columns and "P1" in df.columns and "gender-als-oorzaak" not in df.columns
    assert df.percentile.tolist()[:2] == [100.0, 50.0] and pd.isna(df.percentile[2])
    assert df.loc[0, "A1"] == 2 and pd.isna(df.loc[2, "A1"])
    assert list(df.columns[-2:]) == ["P4", "warnings"] and df.warnings[1] == ""


def test_batch_lists_the_warnings_of_a_document_as_scores_csv_does(tmp_path):
    bad = tmp_path / "kapot.md"
    # UTF-8 (with "één") apart from one invalid byte: read as UTF-8, with the warning invalid_utf8
    bad.write_bytes("# Visie\n\nGenderongelijkheid is één oorzaak van geweld. ".encode() + b"\xff\n")
    df = genderscan.batch([bad])
    assert df.status[0] == "ok"
    assert "invalid_utf8" in df.warnings[0].split(";")


def test_batch_keeps_the_index_of_a_dataframe_column():
    texts = pd.DataFrame({"tekst": [CAUSE, "Wij werken samen met de GGD."]}, index=["utrecht", "zeeland"])
    df = genderscan.batch(texts["tekst"])
    assert list(df.index) == ["utrecht", "zeeland"]
    assert df.loc["utrecht", "score"] > df.loc["zeeland", "score"]


def test_without_pandas_a_clear_message():
    code = (
        "import sys; sys.modules['pandas'] = None\n"
        "import genderscan\n"
        "r = genderscan.analyse('Genderongelijkheid is een oorzaak van geweld.')\n"
        "try:\n    r.to_frame()\nexcept ImportError as e:\n    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert "genderscan[pandas]" in out


def test_import_genderscan_stays_light():
    code = "import sys, genderscan; print(sorted(m for m in ('spacy', 'pandas', 'genderscan.api') if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "[]"


def test_text_input_keeps_the_input_limits():
    """A string is read as a file is: over config.limits it is the same limit error, before any analysis."""
    from genderscan.config import Config
    from genderscan.limits import Limits

    config = Config(limits=Limits(max_characters=50))
    for call in (lambda: genderscan.analyse("\n".join([CAUSE] * 5), config=config), lambda: genderscan.api.analyse_text("\n".join([CAUSE] * 5), config)):
        with pytest.raises(InputError) as exc:
            call()
        assert exc.value.code == "limit_characters" and exc.value.params["path"] == "tekst.txt"
    pages = Config(limits=Limits(max_pages=2))
    with pytest.raises(InputError) as exc:
        genderscan.analyse("\f".join([CAUSE] * 3), config=pages)
    assert exc.value.code == "limit_pages"


def test_a_long_one_line_text_is_text_not_a_file_name():
    """Longer than a file name may be (255 bytes), shorter than 1024: analysed as text, not an OSError."""
    report = genderscan.analyse(" ".join([CAUSE] * 5))
    assert report.document.path == "tekst.txt" and next(i for i in report.items if i.code == "A1").level >= 1
