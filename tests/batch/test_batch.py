"""``genderscan batch``: outputs, failures, exit code, cache."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from genderscan.checklist import load_checklist
from genderscan.report import Report

from .conftest import CAUSE, DATA, FILLER, write_mixed_pdf, write_pdf

CHECKLIST = load_checklist()


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def test_batch_writes_comparison_and_reports_failures(corpus, manifest, cli, tmp_path):
    out = tmp_path / "out"
    code, _, err = cli("batch", corpus, "--manifest", manifest, "--out", out, "--jobs", "2", "--cache-dir", tmp_path / "cache", "--format", "json", "--format", "text")

    # a failed file makes the exit code 2, the rest completes
    assert code == 2
    assert "kapot.pdf" in err and "scan.pdf" in err

    columns, rows = read_csv(out / "scores.csv")
    assert columns == [
        "document", "path", "region", "centrumgemeente", "title", "period", "status", "error", "pages", "score", "percentile",
        "area_A", "area_B", "area_C", "area_D",
        "A1", "A2", "A3", "A4", "A5", "B1", "B2", "B3", "B4", "B5", "B6", "C1", "C2", "C3", "D1", "D2", "P1", "P2", "P3", "P4",
        "warnings",
    ]  # fmt: skip
    by_doc = {r["document"]: r for r in rows}
    assert set(by_doc) == {"twente-2023", "zeeland-2019", "kapot", "scan"}  # the .bak file is not a document
    twente, zeeland = by_doc["twente-2023"], by_doc["zeeland-2019"]
    assert (twente["region"], twente["period"], twente["centrumgemeente"]) == ("Twente", "2023-2026", "Enschede")
    assert twente["status"] == "ok" and twente["pages"] == "2"
    assert twente["A1"] == "1" and twente["D1"] == "1"  # A1 gender-als-oorzaak, D1 sekse-data
    assert zeeland["A1"] == "1" and zeeland["D1"] == "0"
    assert float(twente["score"]) > float(zeeland["score"])
    # percentile among the scored visions: the best 100, the other 50 of two; failed files none
    assert (twente["percentile"], zeeland["percentile"]) == ("100.0", "50.0")
    assert twente["B6"] in ("", "0", "1", "2")  # empty = item has no rules yet
    assert (by_doc["kapot"]["status"], by_doc["kapot"]["error"]) == ("failed", "corrupt_file")
    assert (by_doc["scan"]["status"], by_doc["scan"]["error"]) == ("failed", "scanned_pdf")
    assert by_doc["scan"]["score"] == "" and by_doc["scan"]["percentile"] == ""
    assert twente["warnings"] == "" and by_doc["kapot"]["warnings"] == ""

    columns, evidence = read_csv(out / "evidence.csv")
    assert columns[:9] == ["document", "kind", "code", "item", "page", "page_label", "section", "text", "qualifiers"]
    assert "counted" in columns
    data_rows = [e for e in evidence if e["document"] == "twente-2023" and e["code"] == "D1"]
    assert {e["item"] for e in data_rows} == {"sekse-data"}
    assert data_rows and data_rows[0]["page"] == "2" and data_rows[0]["text"] == DATA and data_rows[0]["counted"] == "1"
    assert any(e["document"] == "zeeland-2019" and e["text"] == CAUSE for e in evidence)

    # per-document reports in every requested format, none for failed files
    reports = sorted(p.name for p in (out / "reports").iterdir())
    assert reports == ["twente-2023.json", "twente-2023.txt", "zeeland-2019.json", "zeeland-2019.txt"]
    report = Report.model_validate_json((out / "reports" / "twente-2023.json").read_text(encoding="utf-8"))
    assert report.document.pages == 2
    assert "gender-als-oorzaak" in (out / "reports" / "twente-2023.txt").read_text(encoding="utf-8")

    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["exit_code"] == 2
    assert summary["counts"] == {"documents": 4, "ok": 2, "failed": 2, "pages": 4}
    assert {f["code"] for f in summary["failures"]} == {"corrupt_file", "scanned_pdf"}
    assert all(f["message"] for f in summary["failures"])
    assert [r["region"] for r in summary["manifest_rows_without_document"]] == ["Utrecht"]
    assert summary["worker_peak_rss_mb"] > 0
    assert {d["document"]: d["percentile"] for d in summary["documents"]} == {"twente-2023": 100.0, "zeeland-2019": 50.0, "kapot": None, "scan": None}

    html = (out / "overview.html").read_text(encoding="utf-8")
    assert "<svg" in html and "<table" in html
    assert "kapot.pdf" in html and "scanned_pdf" in html
    assert 'href="reports/twente-2023.json"' in html
    assert "Percentiel" in html


def test_second_run_uses_cache_and_rule_change_rescores_without_reading(corpus, cli, tmp_path):
    for bad in ("kapot.pdf", "scan.pdf"):
        (corpus / bad).unlink()
    cache = tmp_path / "cache"
    out = tmp_path / "out"
    args = ("batch", corpus, "--out", out, "--jobs", "1", "--cache-dir", cache, "--quiet")

    assert cli(*args)[0] == 0
    first = json.loads((out / "summary.json").read_text())
    assert first["cache"] == {"dir": str(cache), "reports": 0, "documents": 0, "failures": 0, "computed": 2}
    scores_first = (out / "scores.csv").read_text()

    assert cli(*args)[0] == 0
    second = json.loads((out / "summary.json").read_text())
    assert second["cache"]["reports"] == 2 and second["cache"]["computed"] == 0
    assert all(d["cached"] == "report" for d in second["documents"])
    assert (out / "scores.csv").read_text() == scores_first

    # the same bytes under another name are found in the cache too
    shutil.copy(corpus / "twente-2023.pdf", corpus / "twente-kopie.pdf")
    assert cli(*args)[0] == 0
    third = json.loads((out / "summary.json").read_text())
    assert third["cache"]["reports"] == 3

    # a changed rule set re-scores from the cached text (no PDF is read again)
    extra = tmp_path / "mijn-regels" / "sekse-data"
    extra.mkdir(parents=True)
    (extra / "meldingen.yaml").write_text(
        "item: sekse-data\n"
        'message: "test"\n'
        'source: "test"\n'
        "all:\n  - [afspraken]\n  - [signaleren]\n"
        "examples:\n  match: []\n  no_match: []\n",
        encoding="utf-8",
    )
    assert cli(*args, "--rules", tmp_path / "mijn-regels")[0] == 0
    fourth = json.loads((out / "summary.json").read_text())
    # two distinct files re-scored from their cached Document; the copy then finds the new report
    assert fourth["cache"]["computed"] == 0
    assert fourth["cache"]["documents"] == 2 and fourth["cache"]["reports"] == 1
    _, rows = read_csv(out / "scores.csv")
    assert {r["document"]: r["D1"] for r in rows}["zeeland-2019"] == "1"  # the new rule fired (D1 sekse-data)


def test_failures_are_cached_too(corpus, cli, tmp_path):
    args = ("batch", corpus / "scan.pdf", corpus / "kapot.pdf", "--out", tmp_path / "out", "-j", "1", "--cache-dir", tmp_path / "c", "-q")
    assert cli(*args)[0] == 2
    assert cli(*args)[0] == 2
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["cache"]["failures"] == 2
    assert {f["code"] for f in summary["failures"]} == {"corrupt_file", "scanned_pdf"}


def test_no_cache_leaves_no_cache_folder(corpus, cli, tmp_path, monkeypatch):
    monkeypatch.setenv("GENDERSCAN_CACHE_DIR", str(tmp_path / "default-cache"))
    code, _, _ = cli("batch", corpus / "zeeland-2019.pdf", "--out", tmp_path / "out", "-j", "1", "--no-cache", "-q")
    assert code == 0
    assert not (tmp_path / "default-cache").exists()
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["cache"]["dir"] is None and summary["cache"]["computed"] == 1


def test_usage_errors_exit_2_with_a_message(cli, tmp_path):
    code, _, err = cli("batch", tmp_path, "--out", tmp_path / "out", "-q")
    assert code == 2 and "Geen documenten gevonden" in err
    code, _, err = cli("batch", "--lang", "en")
    assert code == 2 and "manifest" in err
    bad = tmp_path / "m.csv"
    bad.write_text("regio,pad\nTwente,x.pdf\n", encoding="utf-8")
    code, _, err = cli("batch", "--manifest", bad, "--lang", "en")
    assert code == 2 and "region" in err and "period" in err


def test_manifest_alone_finds_its_files_and_shared_visions_get_all_regions(corpus, tmp_path, cli):
    manifest = tmp_path / "m.csv"
    manifest.write_text(
        "region,centrumgemeente,title,period,path\n"
        "Alkmaar – West-Friesland,Alkmaar,Noord-Holland Noord 2020-2023,2020-2023,visies/twente-2023.pdf\n"
        "Kop van Noord-Holland,Den Helder,Noord-Holland Noord 2020-2023,2020-2023,visies/twente-2023.pdf\n"
        "Twente,Enschede,Twente 2023-2026,2023-2026,https://example.org/twente.pdf\n",
        encoding="utf-8",
    )
    code, _, _ = cli("batch", "--manifest", manifest, "--out", tmp_path / "out", "-j", "1", "--no-cache", "-q")
    assert code == 0
    _, rows = read_csv(tmp_path / "out" / "scores.csv")
    assert len(rows) == 1
    assert rows[0]["region"] == "Alkmaar – West-Friesland; Kop van Noord-Holland"
    assert rows[0]["period"] == "2020-2023"


def test_rerun_into_the_scanned_folder_does_not_analyse_its_own_reports(corpus, cli, tmp_path):
    (corpus / "kapot.pdf").unlink()
    (corpus / "scan.pdf").unlink()
    args = ("batch", corpus, "--out", corpus / "uitvoer", "-j", "1", "--no-cache", "-q", "-f", "all")
    assert cli(*args)[0] == 0
    assert any(p.suffix in (".html", ".md", ".txt") for p in (corpus / "uitvoer" / "reports").iterdir())
    assert cli(*args)[0] == 0
    summary = json.loads((corpus / "uitvoer" / "summary.json").read_text())
    assert sorted(d["document"] for d in summary["documents"]) == ["twente-2023", "zeeland-2019"]


def test_scores_csv_lists_the_warnings_of_each_document(tmp_path, cli):
    """A PDF with a page without text and a text file with bad bytes and an unknown inline name: their
    warning codes in the last column, each once, sorted, joined by ';' (the same codes as the JSON report)."""
    folder = tmp_path / "visies"
    folder.mkdir()
    write_pdf(folder / "schoon.pdf", [["Regiovisie Schoon", FILLER, CAUSE]])
    write_mixed_pdf(folder / "half-scan.pdf", ["Regiovisie Half", FILLER, CAUSE])
    (folder / "notities.md").write_bytes(
        "# Regiovisie\n\n<!-- genderscan-disable bestaat-niet -->\nCafé-overleg over één aanpak.\n".encode() + b"Een \xff teken.\n" + f"{CAUSE}\n".encode()
    )
    out = tmp_path / "out"
    code, _, err = cli("batch", folder, "--out", out, "--no-cache", "--format", "json")
    assert code == 0, err
    columns, rows = read_csv(out / "scores.csv")
    assert columns[-1] == "warnings" and columns[-2] == "P4"
    by_doc = {r["document"]: r["warnings"] for r in rows}
    assert by_doc == {"schoon": "", "half-scan": "page_without_text", "notities": "inline_unknown_id;invalid_utf8"}
    report = json.loads((out / "reports" / "notities.json").read_text(encoding="utf-8"))
    assert sorted({w["code"] for w in report["warnings"]}) == by_doc["notities"].split(";")


def test_docs_name_every_warning_code():
    """docs/batch.md lists the codes the warnings column can hold: every Notice code in the source."""
    import re

    root = Path(__file__).resolve().parents[2]
    codes = {m for f in (root / "src" / "genderscan").rglob("*.py") for m in re.findall(r'Notice\(code="(\w+)"', f.read_text(encoding="utf-8"))}
    assert {"page_without_text", "pdf_repaired", "invalid_utf8"} <= codes
    doc = (root / "docs" / "batch.md").read_text(encoding="utf-8")
    assert {c for c in codes if f"`{c}`" not in doc} == set()
