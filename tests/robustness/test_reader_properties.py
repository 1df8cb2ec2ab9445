"""Property-based tests of the readers: any input gives a Document or an InputError, never another exception."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from genderscan.errors import InputError
from genderscan.ingest import read_document
from genderscan.ingest.text import decode_counted

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
FEW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufeff"))
EXAMPLE_PDF = Path(__file__).resolve().parents[2] / "examples" / "regiovisie-voorbeeld.pdf"


@SETTINGS
@given(TEXT)
def test_utf8_text_is_decoded_exactly(text):
    assert decode_counted(Path("x.txt"), text.encode("utf-8")) == (text, 0)


@SETTINGS
@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_give_an_input_error(data):
    try:
        text, bad = decode_counted(Path("x.txt"), data)
    except InputError as exc:
        assert exc.code == "undecodable_text"
    else:
        assert isinstance(text, str) and bad >= 0 and "\x00" not in text


@SETTINGS
@given(
    st.lists(st.text(alphabet="éëïöüàçñ€", min_size=1, max_size=3), min_size=4, max_size=20),  # more valid characters than bad bytes
    st.sampled_from([b"\xff", b"\xc3", b"\x80", b"\xed\xa0\x80"]),
    st.integers(min_value=0, max_value=19),
)
def test_a_stray_byte_in_utf8_is_replaced_not_mojibake(words, stray, where):
    parts = [w.encode("utf-8") for w in words]
    parts.insert(min(where, len(parts)), stray)
    text, bad = decode_counted(Path("x.txt"), b" ".join(parts))
    assert bad >= 1 and "\ufffd" in text
    assert all(w in text for w in words)  # every valid character survives


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
@FEW
@given(text=TEXT)
def test_text_readers_give_a_consistent_document_or_an_input_error(tmp_path, suffix, text):
    path = tmp_path / f"doc{suffix}"
    path.write_bytes(text.encode("utf-8"))
    try:
        document = read_document(path)
    except InputError as exc:
        assert exc.code == "empty_document"
        return
    for block in document.blocks:
        assert document.text[block.start : block.end] == block.text and block.text.strip()
    assert [p.number for p in document.pages] == list(range(1, len(document.pages) + 1))


@FEW
@given(st.binary(min_size=1, max_size=3000))
def test_random_docx_bytes_give_an_input_error(tmp_path, data):
    path = tmp_path / "x.docx"
    path.write_bytes(b"PK\x03\x04" + data)
    with pytest.raises(InputError):
        read_document(path)


@FEW
@given(st.binary(max_size=400), st.sampled_from(["word/document.xml", "[Content_Types].xml", "_rels/.rels"]))
def test_docx_with_a_garbage_part_gives_an_input_error(tmp_path, garbage, part):
    from .conftest import CONTENT_TYPES, RELS

    parts = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS, "word/document.xml": b"<w:document/>"}
    parts[part] = garbage
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    path = tmp_path / "x.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError):
        read_document(path)


@FEW
@given(st.integers(min_value=0, max_value=12_000), st.binary(min_size=1, max_size=3000))
def test_damaged_pdf_gives_a_document_or_an_input_error(tmp_path, offset, garbage):
    data = bytearray(EXAMPLE_PDF.read_bytes())
    data[offset : offset + len(garbage)] = garbage
    path = tmp_path / "x.pdf"
    path.write_bytes(bytes(data))
    try:
        document = read_document(path)
    except InputError:
        return
    assert document.blocks
