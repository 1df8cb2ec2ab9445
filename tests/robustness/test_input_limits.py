"""Input limits (docs/limits.md): a DOCX bomb, too many characters or pages is an input error, never a crash."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

from genderscan.errors import InputError
from genderscan.ingest import read_document
from genderscan.limits import Limits, check_archive

from .conftest import write_docx


def test_docx_bomb_is_refused_by_name_with_how_to_raise_the_limit(tmp_path, cli):
    # 6 MB of <w:p> compress to a few kB; the member limit is lowered to 2 MB so the test stays fast
    bomb = write_docx(tmp_path / "bom.docx", 6 * 1024 * 1024)
    assert bomb.stat().st_size < 100_000
    run = cli("analyse", "bom.docx", env={"GENDERSCAN_MAX_ARCHIVE_MEMBER_MB": "2"})
    assert run.code == 2
    assert "word/document.xml" in run.stderr and "groter dan 2 MB" in run.stderr
    assert "max-archive-member-mb" in run.stderr and "GENDERSCAN_MAX_ARCHIVE_MEMBER_MB" in run.stderr
    assert run.stdout == ""


def test_docx_bomb_message_in_english(tmp_path, cli):
    write_docx(tmp_path / "bom.docx", 3 * 1024 * 1024)
    run = cli("analyse", "bom.docx", "--lang", "en", env={"GENDERSCAN_MAX_ARCHIVE_MEMBER_MB": "1"})
    assert run.code == 2 and "larger than 1 MB" in run.stderr and "zip bomb" in run.stderr


def test_total_expanded_size_is_limited_across_members(tmp_path):
    parts = {f"word/media/image{i}.bin": b"\0" * (900 * 1024) for i in range(4)}  # 4 x 0.9 MB, each under 1 MB
    path = write_docx(tmp_path / "veel.docx", 10_000, extra=parts)
    limits = Limits(max_archive_member_mb=1, max_archive_total_mb=2)
    with pytest.raises(InputError) as err:
        read_document(path, limits)
    assert err.value.code == "limit_archive_total"
    read_document(path, Limits(max_archive_member_mb=1, max_archive_total_mb=8))  # under the limits: read


def test_lying_zip_header_is_refused(tmp_path):
    """A member whose header claims 1000 bytes but expands to 3 MB: zipfile stops at the declared size and
    the CRC fails, so the document is refused (as damaged) without expanding more than it declared."""
    path = write_docx(tmp_path / "leugen.docx", 3 * 1024 * 1024)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("word/document.xml")
    # patch the declared size in the central directory to 1000 bytes
    name = b"word/document.xml"
    at = data.find(b"PK\x01\x02")
    while at != -1:
        n = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + n] == name:
            assert int.from_bytes(data[at + 24 : at + 28], "little") == info.file_size
            data[at + 24 : at + 28] = (1000).to_bytes(4, "little")
            break
        at = data.find(b"PK\x01\x02", at + 4)
    assert at != -1
    check_archive(str(path), bytes(data), Limits(max_archive_member_mb=1))  # the declared size passes ...
    path.write_bytes(bytes(data))
    with pytest.raises(InputError) as err:
        read_document(path, Limits(max_archive_member_mb=1))
    assert err.value.code == "corrupt_file"  # ... and the reader refuses the member that is longer


def test_bomb_is_refused_with_bounded_memory(tmp_path):
    """Checking a 40 MB member (a 40 kB file) costs a few MB: nothing is expanded in memory before the check."""
    path = write_docx(tmp_path / "bom.docx", 40 * 1024 * 1024, paragraph=b"<w:p/>")
    code = (
        "import resource, sys\n"
        "from genderscan.ingest import read_document\n"
        "from genderscan.errors import InputError\n"
        f"before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "try:\n"
        f"    read_document({str(path)!r})\n"
        "except InputError as exc:\n"
        "    print(exc.code)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)\n"
    )
    import subprocess

    from .conftest import SRC

    out = subprocess.run([sys.executable, "-c", code], env={"PYTHONPATH": str(SRC)}, capture_output=True, text=True, timeout=120)
    code_line, growth_kb = out.stdout.split()
    assert code_line == "limit_archive_member"
    assert int(growth_kb) < 30 * 1024, f"peak memory grew by {int(growth_kb) // 1024} MB"


def test_characters_limit(tmp_path, cli):
    (tmp_path / "lang.txt").write_text("Vrouwen worden vaker slachtoffer van partnergeweld.\n\n" * 200, encoding="utf-8")
    run = cli("analyse", "lang.txt", env={"GENDERSCAN_MAX_CHARACTERS": "1000"})
    assert run.code == 2 and "meer dan 1000 tekens" in run.stderr and "GENDERSCAN_MAX_CHARACTERS" in run.stderr


def test_characters_limit_stops_a_docx_early(tmp_path):
    path = write_docx(tmp_path / "tekst.docx", 200_000)
    with pytest.raises(InputError) as err:
        read_document(path, Limits(max_characters=5_000))
    assert err.value.code == "limit_characters"


def test_pages_limit(tmp_path, cli):
    example = Path(__file__).resolve().parents[2] / "examples" / "regiovisie-voorbeeld.pdf"
    (tmp_path / "visie.pdf").write_bytes(example.read_bytes())
    run = cli("analyse", "visie.pdf", env={"GENDERSCAN_MAX_PAGES": "3"})
    assert run.code == 2 and "4 pagina's" in run.stderr and "de grens is 3" in run.stderr


def test_pages_limit_from_genderscan_toml(tmp_path, cli):
    example = Path(__file__).resolve().parents[2] / "examples" / "regiovisie-voorbeeld.pdf"
    (tmp_path / "visie.pdf").write_bytes(example.read_bytes())
    (tmp_path / "genderscan.toml").write_text("max-pages = 2\n", encoding="utf-8")
    for command in ("check", "analyse"):
        run = cli(command, "visie.pdf")
        assert run.code == 2 and "de grens is 2 (max-pages)" in run.stdout + run.stderr, command


@pytest.mark.parametrize("value", ["0", "-5", "veel", "1.5"])
def test_wrong_limit_in_environment_is_an_error(tmp_path, cli, value):
    (tmp_path / "a.txt").write_text("Vrouwen worden vaker slachtoffer.", encoding="utf-8")
    run = cli("analyse", "a.txt", env={"GENDERSCAN_MAX_PAGES": value})
    assert run.code == 2 and "GENDERSCAN_MAX_PAGES" in run.stderr and "geheel getal" in run.stderr


def test_raised_limit_reads_a_document_refused_before(tmp_path):
    """A refusal for a limit is not cached: after raising the limit the document is read."""
    from genderscan.cache import Cache
    from genderscan.config import Config
    from genderscan.pipeline import analyse_cached

    (tmp_path / "a.txt").write_text("Vrouwen worden vaker slachtoffer van partnergeweld dan mannen.\n", encoding="utf-8")
    cache = Cache(tmp_path / "cache")
    with pytest.raises(InputError):
        analyse_cached(tmp_path / "a.txt", Config(limits=Limits(max_characters=10)), cache)
    assert analyse_cached(tmp_path / "a.txt", Config(limits=Limits()), cache).report.score >= 0
    # a cached document is checked again under the current limits (a cached report: its pages)
    cache.put_report = lambda *a, **k: None
    for path in (tmp_path / "cache").rglob("*"):
        if "reports" in path.parts and path.is_file():
            path.unlink()
    with pytest.raises(InputError) as err:
        analyse_cached(tmp_path / "a.txt", Config(limits=Limits(max_characters=10)), cache)
    assert err.value.code == "limit_characters"


def test_batch_refuses_a_cached_report_over_the_pages_limit(tmp_path):
    """A report cached under a higher max-pages is a cache miss in batch too (Cache.get_report), as in analyse."""
    from genderscan.batch.run import run
    from genderscan.cache import Cache
    from genderscan.config import Config

    example = Path(__file__).resolve().parents[2] / "examples" / "regiovisie-voorbeeld.pdf"
    pdf = tmp_path / "visie.pdf"
    pdf.write_bytes(example.read_bytes())
    cache = Cache(tmp_path / "cache")
    [first] = run([pdf], Config(semantic=False), cache, jobs=0)
    assert first.status == "ok" and first.pages == 4
    [again] = run([pdf], Config(semantic=False), cache, jobs=0)
    assert again.cached == "report"
    [refused] = run([pdf], Config(semantic=False, limits=Limits(max_pages=1)), cache, jobs=0)
    assert refused.status == "failed" and refused.error_code == "limit_pages" and refused.report is None


def test_limits_do_not_change_the_report_cache_key():
    from genderscan.cache import report_key
    from genderscan.config import Config

    assert report_key("abc", Config(limits=Limits(max_pages=5))) == report_key("abc", Config())



def test_one_paragraph_over_a_million_characters_is_analysed(tmp_path, cli):
    """spaCy's default max_length (1,000,000) used to end such a file with a traceback."""
    (tmp_path / "een-alinea.txt").write_text("Vrouwen worden vaker slachtoffer van partnergeweld dan mannen " * 17_000, encoding="utf-8")
    run = cli("analyse", "een-alinea.txt", "-f", "json", timeout=300)
    assert run.code == 0, run.stderr
    assert '"score"' in run.stdout


def test_paragraph_longer_than_a_models_max_length_is_an_input_error(nlp, monkeypatch):
    from genderscan.document import BlockKind, DocumentBuilder
    from genderscan.nlp import annotate

    builder = DocumentBuilder("lang.txt", "", "txt")
    builder.add(BlockKind.paragraph, "Vrouwen worden vaker slachtoffer. " * 10)
    monkeypatch.setattr(nlp, "max_length", 100)
    with pytest.raises(InputError) as err:
        annotate(builder.build(), nlp)
    assert err.value.code == "block_too_long" and "--model" in err.value.message("nl")


def test_pdf_decompression_bomb_is_refused_before_pdfium_expands_it(tmp_path, cli):
    from .conftest import write_pdf

    write_pdf(tmp_path / "bom.pdf", padding_mb=12)
    assert (tmp_path / "bom.pdf").stat().st_size < 50_000
    run = cli("analyse", "bom.pdf", env={"GENDERSCAN_MAX_PDF_STREAM_MB": "8"})
    assert run.code == 2 and "groter dan 8 MB" in run.stderr and "GENDERSCAN_MAX_PDF_STREAM_MB" in run.stderr


def test_compressed_pdf_under_the_limit_is_read_and_not_damaged(tmp_path):
    from genderscan.ingest.pdfcheck import is_damaged, largest_stream_over

    from .conftest import write_pdf

    path = write_pdf(tmp_path / "klein.pdf", padding_mb=1)
    assert not is_damaged(path.read_bytes()) and largest_stream_over(path.read_bytes(), 1 << 20)
    document = read_document(path, Limits(max_pdf_stream_mb=2))
    assert "partnergeweld" in document.text and not document.warnings


@pytest.mark.parametrize(
    ("name", "xml"),
    [
        (
            "billion-laughs",
            b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY l0 "lollollollol">'
            + b"".join(b'<!ENTITY l%d "%s">' % (i, b"&l%d;" % (i - 1) * 10) for i in range(1, 10))
            + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>',
        ),
        ("deep-nesting", b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' + b"<w:p>" * 50_000 + b"</w:p>" * 50_000 + b"</w:body></w:document>"),
    ],
)
def test_hostile_docx_xml_is_a_corrupt_file(tmp_path, cli, name, xml):
    from .conftest import CONTENT_TYPES, RELS

    with zipfile.ZipFile(tmp_path / f"{name}.docx", "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", xml)
    run = cli("analyse", f"{name}.docx")
    assert run.code == 2 and "beschadigd" in run.stderr


def test_huge_text_file_is_refused_without_decoding(tmp_path):
    path = tmp_path / "groot.txt"
    path.write_bytes(b"a" * 4001)
    with pytest.raises(InputError) as err:
        read_document(path, Limits(max_characters=1000))
    assert err.value.code == "limit_characters"
