"""``genderscan compare OLD NEW``: level changes, new and removed evidence, score change."""

from __future__ import annotations

import json

from .conftest import CAUSE, DATA, FILLER, write_pdf

OLD_ONLY = "Traditionele rolpatronen houden geweld tegen vrouwen in stand."


def test_compare_two_versions(tmp_path, cli):
    old = tmp_path / "visie-2019.txt"
    old.write_text(f"Regiovisie 2019\n\n{FILLER}\n\n{OLD_ONLY}\n", encoding="utf-8")
    new = write_pdf(tmp_path / "visie-2023.pdf", [["Regiovisie 2023", FILLER, CAUSE], [DATA]])

    code, out, _ = cli("compare", old, new, "--format", "json", "--no-cache")
    assert code == 0
    result = json.loads(out)
    items = {i["id"]: i for i in result["items"]}
    assert (items["sekse-data"]["old_level"], items["sekse-data"]["new_level"], items["sekse-data"]["change"]) == (0, 1, 1)
    assert items["gender-als-oorzaak"]["change"] == 0  # named in both, by another sentence
    assert result["score_change"] == round(result["new_score"] - result["old_score"], 1) > 0
    added = {(e["item"], e["text"]) for e in result["added_evidence"]}
    removed = {(e["item"], e["text"]) for e in result["removed_evidence"]}
    assert ("sekse-data", DATA) in added and ("gender-als-oorzaak", CAUSE) in added
    assert removed == {("gender-als-oorzaak", OLD_ONLY)}
    assert next(e for e in result["added_evidence"] if e["item"] == "sekse-data")["page"] == 2

    code, out, _ = cli("compare", old, new, "--format", "markdown", "--lang", "en", "--no-cache")
    assert code == 0
    assert out.startswith("# Comparison of two versions")
    assert "## New evidence" in out and OLD_ONLY in out
    assert "| D1 Data by sex and gender | ✗ Absent | ~ Mentioned | **+1** |" in out  # codes and labels as in the reports
    assert "`sekse-data`" not in out

    code, out, _ = cli("compare", old, new, "--no-cache")
    assert code == 0 and "Nieuw bewijs (2)" in out and "Verdwenen bewijs (1)" in out
    assert "D1 Gegevens naar sekse en gender" in out and "~ Genoemd" in out

    assert all(i["code"] for i in result["items"]) and {e["code"] for e in result["added_evidence"]} >= {"A1", "D1"}


def test_compare_html_written_by_extension(tmp_path, cli):
    old = tmp_path / "visie-2019.txt"
    old.write_text(f"Regiovisie 2019\n\n{FILLER}\n\n{OLD_ONLY}\n", encoding="utf-8")
    new = tmp_path / "visie-2023.txt"
    new.write_text(f"Regiovisie 2023\n\n{FILLER}\n\n{CAUSE}\n\n{DATA}\n", encoding="utf-8")
    target = tmp_path / "vergelijking.html"
    code, out, _ = cli("compare", old, new, "-o", target, "--no-cache")
    assert code == 0 and out == ""
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="nl">' in html
    assert "D1 Gegevens naar sekse en gender" in html and "✗ Afwezig" in html and "~ Genoemd" in html
    assert "A Probleemanalyse en visie" in html  # area titles as in the reports
    assert "<script" not in html and "http" not in html.split("<body>")[1].split("genderscan")[0]
    assert OLD_ONLY in html and "&lt;" not in OLD_ONLY


def test_compare_reads_json_reports_and_unchanged_is_empty(tmp_path, cli):
    doc = tmp_path / "visie.txt"
    doc.write_text(f"Regiovisie\n\n{CAUSE}\n", encoding="utf-8")
    report = tmp_path / "visie.json"
    assert cli("analyse", doc, "-f", "json", "-o", report)[0] == 0
    code, out, _ = cli("compare", report, doc, "-f", "json", "--no-cache")
    assert code == 0
    result = json.loads(out)
    assert result["score_change"] == 0 and result["added_evidence"] == [] and result["removed_evidence"] == []
    assert all(i["change"] == 0 for i in result["items"])


def test_compare_bad_report_json(tmp_path, cli):
    bad = tmp_path / "oud.json"
    bad.write_text('{"score": 3}', encoding="utf-8")
    code, _, err = cli("compare", bad, bad, "--lang", "en")
    assert code == 2 and "is not a genderscan JSON report" in err


def test_compare_text_follows_the_terminal_width(tmp_path, cli, monkeypatch):
    old = tmp_path / "visie-2019.txt"
    old.write_text(f"Regiovisie 2019\n\n{FILLER}\n\n{OLD_ONLY}\n", encoding="utf-8")
    new = tmp_path / "visie-2023.txt"
    new.write_text(f"Regiovisie 2023\n\n{FILLER}\n\n{CAUSE}\n\n{DATA}\n", encoding="utf-8")
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = cli("compare", old, new, "--no-cache")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "~ Genoemd" in out
