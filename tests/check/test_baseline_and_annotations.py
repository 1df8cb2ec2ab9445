"""Baselines (round trip), GitHub annotations and inline suppression."""

from __future__ import annotations

import json

import pytest

from genderscan.check import annotation
from genderscan.suppress import Source


def test_baseline_round_trip(repo, cli):
    (repo / "genderscan.toml").write_text('rules = ["our-rules"]\nfail-on-pitfall = true\nrequire = ["D1"]\nbaseline = "genderscan-baseline.json"\n')
    code, _, err = cli("check", "docs/visie.txt")
    assert code == 2 and "genderscan baseline create" in err, "a configured baseline must exist"
    assert cli("check", "docs/visie.txt", "--no-baseline")[0] == 1
    code, out, _ = cli("baseline", "create", "docs/visie.txt")
    # every current finding: the pitfall sentence, and every item below level 2 at each level it misses
    # (A1 and A2 are 'genoemd': level 2 only; the 14 absent items: levels 1 and 2)
    assert code == 0 and "31 geaccepteerde problemen" in out
    data = json.loads((repo / "genderscan-baseline.json").read_text())
    kinds = {(e["kind"], e["id"], e["fingerprint"]) for e in data["entries"] if e["file"] == "docs/visie.txt"}
    assert len(kinds) == 31
    assert ("missing-item", "sekse-data", "level>=1") in kinds and ("missing-item", "sekse-data", "level>=2") in kinds
    assert ("missing-item", "gender-als-oorzaak", "level>=2") in kinds and ("missing-item", "gender-als-oorzaak", "level>=1") not in kinds
    assert sum(k[0] == "pitfall" and k[1] == "valkuil-genderneutraal" for k in kinds) == 1
    # the known problems are suppressed ...
    code, out, _ = cli("check", "docs/visie.txt")
    assert code == 0, out
    assert "2 in de baseline" in out
    # ... also when the paragraph is re-flowed and capitals change (same fingerprint)
    text = (repo / "docs" / "visie.txt").read_text()
    (repo / "docs" / "visie.txt").write_text(text.replace("Onze aanpak is genderneutraal: iedereen", "ONZE aanpak is\ngenderneutraal: iedereen"))
    assert cli("check", "docs/visie.txt")[0] == 0
    # a new pitfall sentence is reported, the accepted one is not
    with open(repo / "docs" / "visie.txt", "a", encoding="utf-8") as fh:
        fh.write("\nDe hulp is sekseneutraal ingericht.\n")
    code, out, _ = cli("check", "docs/visie.txt", "--format", "github")
    assert code == 1
    errors = [line for line in out.splitlines() if line.startswith("::error")]
    assert len(errors) == 1 and "De hulp is sekseneutraal ingericht." in errors[0]
    # --no-baseline shows everything again
    assert cli("check", "docs/visie.txt", "--no-baseline", "--format", "json")[1].count('"baselined": false') == 3


def test_score_below_threshold_is_not_baselined(repo, cli):
    cli("baseline", "create", "docs/visie.txt", "--output", "b.json")
    assert cli("check", "docs/visie.txt", "--baseline", "b.json", "--min-score", "99")[0] == 1


def test_baseline_works_from_another_folder(repo, cli, monkeypatch):
    """Entries are relative to the baseline's folder, not to the working directory."""
    (repo / "ci").mkdir()
    cli("baseline", "create", "docs/visie.txt", "--rules", "our-rules", "-o", "ci/baseline.json")
    assert json.loads((repo / "ci" / "baseline.json").read_text())["entries"][0]["file"] == "../docs/visie.txt"
    monkeypatch.chdir(repo / "docs")
    assert cli("check", "visie.txt", "--rules", "../our-rules", "--fail-on-pitfall", "--baseline", "../ci/baseline.json")[0] == 0


def test_invalid_baseline_is_a_usage_error(repo, cli):
    (repo / "b.json").write_text('{"entries": [{"file": 3}]}')
    code, _, err = cli("check", "docs/visie.txt", "--baseline", "b.json")
    assert code == 2 and "klopt niet" in err


def test_github_annotation_for_a_text_file(repo, cli):
    code, out, _ = cli("check", "docs/visie.txt", "--rules", "our-rules", "--fail-on-pitfall", "--require", "D1", "--format", "github", "--lang", "en")
    assert code == 1
    lines = out.splitlines()
    [pitfall] = [line for line in lines if "line=7" in line]
    assert pitfall.startswith(
        "::error file=docs/visie.txt,line=7,title=genderscan P3 The policy calls itself gender-neutral::"
        "Pitfall P3 The policy calls itself gender-neutral ('valkuil-genderneutraal'): \"Onze aanpak is genderneutraal: iedereen krijgt dezelfde hulp.\"%0AAdvice: "
    ), pitfall
    assert "%0AMore: genderscan rules explain valkuil-genderneutraal/" in pitfall
    [item] = [line for line in lines if "sekse-data" in line]
    assert item.startswith(
        "::error file=docs/visie.txt,title=genderscan D1 Data by sex and gender::"
        "The required item D1 Data by sex and gender ('sekse-data') is missing or too weak: level 0, required 1.%0AAdvice: "
    )
    assert item.endswith("%0AMore: genderscan rules explain sekse-data")
    assert lines[-1].startswith("Failed: 1 file(s) checked, 2 errors")


def test_github_annotation_for_a_pdf_has_the_page_instead_of_a_line(repo, cli):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(repo / "docs" / "visie.pdf"), pagesize=A4)
    pdf.drawString(72, 760, "Vrouwen worden veel vaker slachtoffer van partnergeweld dan mannen.")
    pdf.showPage()
    pdf.drawString(72, 760, "Onze aanpak is genderneutraal: iedereen krijgt dezelfde hulp.")
    pdf.showPage()
    pdf.save()
    code, out, _ = cli("check", "docs/visie.pdf", "--rules", "our-rules", "--require", "A2", "--format", "github")
    assert code == 0, "warnings do not fail"
    warning = next(line for line in out.splitlines() if line.startswith("::warning"))
    assert warning.startswith("::warning file=docs/visie.pdf,title=genderscan P3 ")
    assert "line=" not in warning
    assert "(blz. 2)%0AAdvies: " in warning


def test_annotation_escaping():
    assert annotation("error", "a,b:c.md", "t", "50% klaar\nregel 2", 3) == "::error file=a%2Cb%3Ac.md,line=3,title=t::50%25 klaar%0Aregel 2"


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_inline_suppression(repo, cli, suffix):
    from genderscan.ingest import supported_suffixes

    if suffix not in supported_suffixes():
        pytest.skip(f"{suffix} ingest not in this build yet")
    doc = repo / "docs" / f"stil{suffix}"
    doc.write_text(
        "# Regiovisie\n\n"
        "Onze aanpak is genderneutraal: iedereen krijgt dezelfde hulp.\n\n"
        "<!-- genderscan-disable valkuil-genderneutraal -->\n"
        "Wij helpen alle **inwoners** ongeacht geslacht.\n"
        "<!-- genderscan-enable -->\n\n"
        "<!-- genderscan-disable -->\n"
        "De hulp is sekseneutraal ingericht.\n",
        encoding="utf-8",
    )
    code, out, _ = cli("check", str(doc.relative_to(repo)), "--rules", "our-rules", "--fail-on-pitfall", "--format", "json")
    data = json.loads(out)["files"][0]
    pitfalls = [p["text"] for p in data["problems"] if p["kind"] == "pitfall"]
    assert pitfalls == ["Onze aanpak is genderneutraal: iedereen krijgt dezelfde hulp."]
    assert data["problems"][0]["line"] == 3
    assert [w["code"] for w in data["report"]["warnings"]] == ["inline_suppressed"]
    # switched off, the comments change nothing
    (repo / "genderscan.toml").write_text("inline-suppressions = false\n")
    out = json.loads(cli("check", str(doc.relative_to(repo)), "--rules", "our-rules", "--format", "json")[1])
    assert len([p for p in out["files"][0]["problems"] if p["kind"] == "pitfall"]) == 3


def test_markdown_source_matching():
    """What the suppression and the line lookup rely on, for Markdown a reader renders to plain text."""
    raw = (
        "# Titel\n\n"
        "Zie [de cijfers](https://example.org/cbs \"CBS\") van het *CBS*:\n"
        "vrouwen worden vaker slachtoffer.\n\n"
        "<!-- genderscan-disable sekseverschillen -->\n"
        "- Mannen zijn <b>vaker</b> pleger.\n"
        "<!-- genderscan-enable sekseverschillen -->\n"
        "Mannen zijn vaker pleger in regio Zuid.\n"
    )
    source = Source(raw)
    assert source.line_of("Zie de cijfers van het CBS: vrouwen worden vaker slachtoffer.") == 3
    assert source.line_of("Mannen zijn vaker pleger in regio Zuid.") == 9
    assert source.line_of("Deze zin staat er niet in.") is None
    [region] = source.regions()
    assert region.names == {"sekseverschillen"}
    assert source.find("Mannen zijn vaker pleger.", region.start) < region.end
