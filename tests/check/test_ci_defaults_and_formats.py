"""CI defaults and outputs: which files are checked, the default policy, every check format with
thresholds and baseline, -o, unknown IDs in disable comments, and the configuration in every front end."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import jsonschema
import pytest

from tests.conftest import ROOT

SARIF_SCHEMA = json.loads((ROOT / "tests" / "report" / "schemas" / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
#: Names A2 (sex differences) but not A1 (inequality as a cause).
NO_CAUSE = "Regiovisie\n\nVrouwen worden veel vaker slachtoffer van partnergeweld dan mannen.\n"


def test_readme_changelog_license_contributing_are_never_checked(repo, cli):
    for name in ("README.md", "CHANGELOG.md", "LICENSE.txt", "CONTRIBUTING.md", "docs/readme.md"):
        (repo / name).write_text("# Over dit project\n\nDrie regels.\n", encoding="utf-8")
    code, out, _ = cli("check", ".")
    assert code == 0, out
    assert "README.md: overgeslagen" in out and "docs/visie.txt: score" in out
    assert "5 bestand(en) overgeslagen" in out
    # named explicitly (as pre-commit does) they are skipped too; a missing file stays an error
    assert cli("check", "README.md")[0] == 0
    assert cli("check", "ontbreekt.md")[0] == 2


def test_include_and_exclude_globs_from_the_configuration(repo, cli):
    (repo / "docs" / "concept-visie.txt").write_text(NO_CAUSE, encoding="utf-8")
    (repo / "docs" / "handleiding.md").write_text("# Handleiding\n\nZo werkt het.\n", encoding="utf-8")
    (repo / "genderscan.toml").write_text('include = ["docs/*visie*.txt"]\nexclude = ["concept-*"]\nrequire = ["A1"]\n')
    data = json.loads(cli("check", "docs", "--format", "json")[1])
    assert {f["path"]: f["skipped"] for f in data["files"]} == {"docs/concept-visie.txt": True, "docs/handleiding.md": True, "docs/visie.txt": False}
    assert data["passed"] is True
    code, out, _ = cli("config", "--format", "json")
    settings = {row["key"]: row for row in json.loads(out)["settings"]}
    assert settings["include"]["value"] == ["docs/*visie*.txt"] and settings["exclude"]["source"].endswith("genderscan.toml")


def test_default_policy_when_no_threshold_is_set(repo, cli):
    (repo / "docs" / "visie.txt").write_text(NO_CAUSE, encoding="utf-8")
    code, out, _ = cli("check", "docs/visie.txt")
    assert code == 1, "no threshold anywhere: the default policy (A1, A2) applies and A1 is missing"
    assert "Geen drempels ingesteld: het standaardbeleid geldt (require = A1, A2)" in out
    assert "[gender-als-oorzaak]" in out
    # shown by genderscan config, and configurable
    code, out, _ = cli("config", "docs/visie.txt")
    assert "default-require" in out and '["A1", "A2"]' in out and "Standaardbeleid: actief" in out
    (repo / "genderscan.toml").write_text("default-require = []\n")
    assert cli("check", "docs/visie.txt")[0] == 0
    assert "Standaardbeleid: niet actief" in cli("config", "docs/visie.txt")[1]
    # any threshold of one's own replaces it
    (repo / "genderscan.toml").write_text("min-score = 1\n")
    code, out, _ = cli("check", "docs/visie.txt")
    assert code == 0 and "standaardbeleid" not in out


def test_text_output_carries_code_title_advice_and_rules_explain(repo, cli):
    code, out, _ = cli("check", "docs/visie.txt", "--require", "D1", "--rules", "our-rules")
    assert code == 1
    assert "fout [sekse-data] Het vereiste item D1 Gegevens naar sekse en gender ('sekse-data')" in out
    assert "    Advies: " in out and "    Uitleg: genderscan rules explain sekse-data" in out
    assert "waarschuwing [valkuil-genderneutraal] Valkuil P3 " in out
    assert "    Uitleg: genderscan rules explain valkuil-genderneutraal/" in out
    # scores as in the reports: one decimal, a comma in Dutch
    assert re.search(r"docs/visie\.txt: score \d+,\d\n", out)
    assert re.search(r"docs/visie\.txt: score \d+\.\d\n", cli("check", "docs/visie.txt", "--lang", "en")[1])


def test_sarif_follows_thresholds_and_baseline(repo, cli):
    args = ("check", "docs/visie.txt", "--rules", "our-rules", "--require", "D1", "--fail-on-pitfall")
    code, out, _ = cli(*args, "--format", "sarif")
    assert code == 1
    log = json.loads(out)
    jsonschema.validate(log, SARIF_SCHEMA)
    results = log["runs"][0]["results"]
    assert {(r["ruleId"], r["level"]) for r in results} == {("sekse-data", "error"), ("valkuil-genderneutraal", "error")}
    assert all(r["baselineState"] == "new" and "suppressions" not in r for r in results)
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["sekse-data"]["shortDescription"]["text"] == "D1 Gegevens naar sekse en gender"
    assert "genderscan rules explain sekse-data" in rules["sekse-data"]["help"]["text"]
    # without fail-on-pitfall the pitfall is a warning; without require there is no item result
    levels = {r["ruleId"]: r["level"] for r in json.loads(cli("check", "docs/visie.txt", "--rules", "our-rules", "--min-score", "1", "-f", "sarif")[1])["runs"][0]["results"]}
    assert levels == {"valkuil-genderneutraal": "warning"}
    # the baseline suppresses (viewers hide suppressed results) and the exit code follows
    assert cli("baseline", "create", "docs/visie.txt", "--rules", "our-rules", "-o", "b.json")[0] == 0
    code, out, _ = cli(*args, "--baseline", "b.json", "-f", "sarif")
    assert code == 0
    results = json.loads(out)["runs"][0]["results"]
    assert results and all(r["baselineState"] == "unchanged" and r["suppressions"][0]["kind"] == "external" for r in results)


def test_gitlab_code_quality_and_junit_with_output_file(repo, cli):
    args = ("check", "docs/visie.txt", "README.md", "--rules", "our-rules", "--require", "D1")
    (repo / "README.md").write_text("# Project\n", encoding="utf-8")
    code, out, _ = cli(*args, "--format", "gitlab", "-o", "gl-code-quality-report.json")
    assert code == 1 and out == ""
    issues = json.loads((repo / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert {(i["check_name"], i["severity"]) for i in issues} == {("sekse-data", "major"), ("valkuil-genderneutraal", "minor")}
    assert all(i["location"]["path"] == "docs/visie.txt" and i["location"]["lines"]["begin"] >= 1 and len(i["fingerprint"]) == 64 for i in issues)
    assert any(i["description"].startswith("D1 Gegevens naar sekse en gender") for i in issues)

    code, _, _ = cli(*args, "-o", "junit.xml")  # .xml: JUnit
    assert code == 1
    suite = ET.parse(repo / "junit.xml").getroot().find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("2", "1", "1")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert "D1 Gegevens naar sekse en gender" in cases["docs/visie.txt"].find("failure").text
    assert cases["README.md"].find("skipped") is not None

    # the baseline: GitLab gets only new problems, JUnit passes
    assert cli("baseline", "create", "docs/visie.txt", "--rules", "our-rules", "-o", "b.json")[0] == 0
    assert cli(*args, "--baseline", "b.json", "-f", "gitlab", "-o", "gl.json")[0] == 0
    assert json.loads((repo / "gl.json").read_text()) == []
    assert cli(*args, "--baseline", "b.json", "-o", "junit.xml")[0] == 0
    assert ET.parse(repo / "junit.xml").getroot().find("testsuite").get("failures") == "0"


def test_output_file_format_from_extension(repo, cli):
    code, out, _ = cli("check", "docs/visie.txt", "--min-score", "1", "-o", "check.sarif")
    assert code == 0 and out == ""
    assert json.loads((repo / "check.sarif").read_text())["version"] == "2.1.0"
    assert cli("check", "docs/visie.txt", "-o", "check.pdf")[0] == 2


def test_unknown_ids_in_disable_comments_are_reported(repo, cli):
    doc = repo / "docs" / "stil.md"
    doc.write_text(
        "# Regiovisie\n\n<!-- genderscan-disable valkuil-genderneutraaal, sekseverschillen -->\n"
        "Onze aanpak is genderneutraal: iedereen krijgt dezelfde hulp.\n<!-- genderscan-enable -->\n",
        encoding="utf-8",
    )
    code, out, _ = cli("check", "docs/stil.md", "--min-score", "0")
    assert code == 0
    assert "waarschuwing [inline-disable] Regel 3: 'valkuil-genderneutraaal'" in out
    assert "sekseverschillen'" not in out  # a known item ID is fine
    code, out, _ = cli("analyse", "docs/stil.md", "-f", "json")
    [warning] = [w for w in json.loads(out)["warnings"] if w["code"] == "inline_unknown_id"]
    assert "valkuil-genderneutraaal" in warning["message"]


@pytest.fixture
def disabled(repo):
    """A genderscan.toml that switches off the rule that finds A1 in the vision."""
    from genderscan.rules import load_rules

    rule_ids = [r.id for r in load_rules().rules if r.item == "gender-als-oorzaak"]
    lines = ", ".join(f'"{r}"' for r in rule_ids)
    (repo / "genderscan.toml").write_text(f"disabled-rules = [{lines}]\nlang = \"en\"\n", encoding="utf-8")
    return repo


def _a1(report: dict) -> int:
    return next(i["level"] for i in report["items"] if i["code"] == "A1")


def test_analyse_batch_and_compare_read_the_configuration(disabled, cli, tmp_path):
    code, out, _ = cli("analyse", "docs/visie.txt", "-f", "json")
    assert code == 0 and _a1(json.loads(out)) == 0, "disabled-rules from genderscan.toml"
    assert "Checklist item" in cli("analyse", "docs/visie.txt")[1], "lang from genderscan.toml"
    code, out, _ = cli("analyse", "docs/visie.txt", "-f", "json", "--config", str(tmp_path / "geen.toml"))
    assert code == 2
    (tmp_path / "leeg.toml").write_text("")
    assert _a1(json.loads(cli("analyse", "docs/visie.txt", "-f", "json", "--config", str(tmp_path / "leeg.toml"))[1])) == 1

    code, _, _ = cli("batch", "docs", "--out", "uit", "--jobs", "1", "--no-cache", "--quiet")
    assert code == 0
    report = json.loads((disabled / "uit" / "reports" / "visie.json").read_text(encoding="utf-8"))
    assert _a1(report) == 0

    code, out, _ = cli("compare", "docs/visie.txt", "docs/visie.txt", "-f", "json", "--no-cache")
    assert code == 0
    assert next(i for i in json.loads(out)["items"] if i["code"] == "A1")["new_level"] == 0
    assert "Comparison of two versions" in cli("compare", "docs/visie.txt", "docs/visie.txt", "--no-cache")[1]


def test_docs_ci_example_names_real_rules():
    """Every rule ID in a disabled-rules example of docs/ci.md exists (genderscan rules list)."""
    import re

    from genderscan.rules import load_rules

    known = {r.id for r in load_rules().rules}
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    named = re.findall(r"disabled-rules = \[([^\]]*)\]", text)
    ids = [i for group in named for i in re.findall(r'"([^"]+)"', group)]
    assert ids and all(i in known for i in ids), ids


def test_a_leading_dot_slash_in_a_glob_is_a_prefix_not_characters():
    from genderscan.settings import glob_match

    assert glob_match(".github/beleid/visie.md", "./.github/**")
    assert not glob_match("github/beleid/visie.md", "./.github/**")
