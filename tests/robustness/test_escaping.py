"""One escaping function per output format (genderscan.escape), tested with hostile and generated text,
and applied where document text and file names reach a report."""

from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from genderscan.escape import csv_cell, github_data, github_property, markdown_code, markdown_text, sarif_uri

MD = MarkdownIt("commonmark", {"html": True}).enable("table")
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[klik hier](javascript:alert(1))",
    "<javascript:alert(1)>",
    "`` ` ``",
    "# kop\n\n> citaat | tabel |",
    "**vet** _schuin_ ![beeld](x.png)",
]


def _tags(html: str) -> set[str]:
    return set(re.findall(r"<\s*/?\s*([a-zA-Z][\w-]*)", html))


def _text(html: str) -> str:
    import html as h

    return h.unescape(re.sub(r"<[^>]+>", "", html)).strip()


@pytest.mark.parametrize("hostile", HOSTILE)
def test_markdown_text_renders_as_the_text(hostile):
    html = MD.render(markdown_text(hostile))
    assert _tags(html) <= {"p"}, html
    assert _text(html) == " ".join(hostile.split())


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"))


@FAST
@given(TEXT, st.sampled_from(["", "Citaat: ", "> ", "- "]))
def test_markdown_text_is_never_markup(text, prefix):
    """Wherever the template puts it (line start, after a quote or list marker), the text stays text."""
    html = MD.render(prefix + markdown_text(text))
    assert _tags(html) <= {"p", "blockquote", "ul", "li"}, html
    assert html.count("<blockquote>") <= prefix.count(">") and html.count("<li>") <= prefix.count("- ")
    assert _text(html).split() == (prefix.strip("> -") + " " + text).split() or _text(html).split() == text.split()


@pytest.mark.parametrize("name", ["visie`.pdf", "``", "a ` b `` c.pdf", "`start en eind`", " spaties ", "<script>.pdf"])
def test_markdown_code_keeps_a_file_name_inside_its_code_span(name):
    html = MD.render("- Document: " + markdown_code(name))
    assert _tags(html) <= {"ul", "li", "code"}, html
    assert re.search(r"<code>(.*)</code>", html, re.S).group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&quot;", '"') == name


@FAST
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1).filter(lambda s: s.strip() and "\n" not in s and "\r" not in s))
def test_markdown_code_is_one_code_span_with_the_text(name):
    import html as h

    rendered = MD.render("x " + markdown_code(name))
    assert rendered.count("<code>") == 1 and _tags(rendered) <= {"p", "code"}, rendered
    inner = h.unescape(re.search(r"<code>(.*)</code>", rendered, re.S).group(1))
    # the text is kept (CommonMark and the escaping may turn line endings and padding into spaces)
    assert inner.split() == name.split()


URI_CHARS = re.compile(r"^[A-Za-z0-9/\-._~!$&'()*+,;=:@%]*$")


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("docs/visie.pdf", "docs/visie.pdf"),
        ("/tmp/visie 2024.pdf", "/tmp/visie%202024.pdf"),
        ("docs/a#b?.pdf", "docs/a%23b%3F.pdf"),
        ("docs/100%.pdf", "docs/100%25.pdf"),
        ("C:\\stukken\\visie.pdf", "file:///C:/stukken/visie.pdf"),
        ("mailto:x.pdf", "./mailto:x.pdf"),
        ("één.pdf", "%C3%A9%C3%A9n.pdf"),
        ("docs/./visie.pdf", "docs/./visie.pdf"),  # found by the property test: "." segments stay
    ],
)
def test_sarif_uri_examples(path, uri):
    assert sarif_uri(path) == uri


@FAST
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="/\\\x00"), min_size=1), min_size=1, max_size=4))
def test_sarif_uri_is_a_uri_reference_that_decodes_to_the_path(parts):
    path = "/".join(parts)
    uri = sarif_uri(path)
    assert URI_CHARS.match(uri), uri
    decoded = unquote(uri.removeprefix("./"))
    assert decoded == path or decoded.endswith(path.lstrip("/")) or path.startswith(".")


def _github_decode(text: str) -> str:
    return text.replace("%2C", ",").replace("%3A", ":").replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


@FAST
@given(st.text())
def test_github_annotation_escaping_is_one_line_and_reversible(text):
    data, prop = github_data(text), github_property(text)
    assert "\n" not in data and "\r" not in data and "\n" not in prop and "\r" not in prop
    assert ":" not in prop and "," not in prop
    assert _github_decode(data) == text and _github_decode(prop) == text


def test_github_annotation_with_hostile_file_name():
    from genderscan.check import annotation

    line = annotation("error", "a,b:c%\n::error::nep.pdf", "genderscan A1", "regel 1\r\n::warning::nep")
    assert "\n" not in line and "\r" not in line  # one workflow command; the message may hold "::" (not at a line start)
    assert line.split("::")[1] == "error file=a%2Cb%3Ac%25%0A%3A%3Aerror%3A%3Anep.pdf,title=genderscan A1"


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_csv_formula_is_neutralised(cell):
    assert csv_cell(cell) == "'" + cell


@FAST
@given(st.text())
def test_csv_cell_never_starts_a_formula_and_round_trips(text):
    value = csv_cell(text)
    assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert value == text or value == "'" + text
    buffer = io.StringIO()
    csv.writer(buffer).writerow([value, "x"])
    assert next(csv.reader(io.StringIO(buffer.getvalue()))) == [value, "x"]


# --- applied in the renderers ----------------------------------------------------------------

HOSTILE_VISION = (
    "Vrouwen worden vaker slachtoffer van partnergeweld dan mannen <script>alert(1)</script>.\n\n"
    "Genderongelijkheid is een voedingsbodem voor geweld <img src=x onerror=alert(1)> [klik](javascript:alert(1)).\n"
)


def test_analyse_markdown_escapes_document_text_and_file_name(tmp_path, cli):
    name = "visie`` <b onmouseover=x>.txt"
    (tmp_path / name).write_text(HOSTILE_VISION, encoding="utf-8")
    run = cli("analyse", name, "-f", "markdown")
    assert run.code == 0, run.stderr
    html = MD.render(run.stdout)
    assert not _tags(html) & {"script", "img", "a", "b"}, sorted(_tags(html))
    assert "javascript:" not in re.sub(r"<code>.*?</code>|\\", "", html) or "href" not in html
    assert f"<code>{name.replace('<', '&lt;').replace('>', '&gt;')}</code>" in html


def test_compare_markdown_escapes_document_text_and_file_names(tmp_path, cli):
    (tmp_path / "oud`.txt").write_text("Het beleid richt zich op alle inwoners.\n", encoding="utf-8")
    (tmp_path / "nieuw.txt").write_text(HOSTILE_VISION, encoding="utf-8")
    run = cli("compare", "oud`.txt", "nieuw.txt", "-f", "markdown", "--no-cache")
    assert run.code == 0, run.stderr
    html = MD.render(run.stdout)
    assert not _tags(html) & {"script", "img", "a"}, sorted(_tags(html))
    assert "<code>oud`.txt</code>" in html


def test_sarif_uses_an_encoded_uri(tmp_path, cli):
    (tmp_path / "visie #1.txt").write_text(HOSTILE_VISION, encoding="utf-8")
    run = cli("analyse", "visie #1.txt", "-f", "sarif")
    location = json.loads(run.stdout)["runs"][0]["artifacts"][0]["location"]["uri"]
    assert location == "visie%20%231.txt"


def test_batch_csv_neutralises_formulas_in_file_names_and_text(tmp_path, cli):
    name = "=HYPERLINK(1).txt"
    (tmp_path / name).write_text(
        "@Vrouwen worden veel vaker slachtoffer van partnergeweld dan mannen.\n\n"
        "+Genderongelijkheid is een belangrijke voedingsbodem voor partnergeweld.\n",
        encoding="utf-8",
    )
    outputs = ("uit", "uit/scores.csv", "uit/evidence.csv", "uit/summary.json", "uit/overview.html", "uit/reports")
    run = cli("batch", name, "--out", "uit", "--no-cache", expect=outputs + ("uit/reports/hyperlink-1.json", "uit/reports/hyperlink-1.html"))
    assert run.code == 0, run.stderr
    scores = list(csv.DictReader((tmp_path / "uit" / "scores.csv").open(encoding="utf-8")))
    assert scores[0]["path"] == "'" + name
    evidence = list(csv.DictReader((tmp_path / "uit" / "evidence.csv").open(encoding="utf-8")))
    assert {row["text"][:2] for row in evidence} == {"'@", "'+"}
    for row in scores + evidence:
        assert not any(str(v).startswith(("=", "+", "-", "@")) for v in row.values()), row


@FAST
@given(st.text())
def test_terminal_text_has_no_control_characters_left(text):
    from genderscan.escape import terminal_text

    def control(c: str) -> bool:
        return (ord(c) < 0x20 and c not in "\t\n") or 0x7F <= ord(c) < 0xA0

    shown = terminal_text(text)
    assert len(shown) == len(text) and not any(control(c) for c in shown)
    assert all(a == b for a, b in zip(shown, text) if not control(b))  # everything else is kept


def test_escape_sequence_in_a_file_name_is_shown_not_sent_to_the_terminal(tmp_path, cli):
    name = "visie\x1b]0;titel\x07\x1b[2J.txt"
    (tmp_path / name).write_text(HOSTILE_VISION, encoding="utf-8")
    run = cli("analyse", name)
    assert run.code == 0 and "\x1b" not in run.stdout and "visie␛]0;titel␇␛[2J.txt" in run.stdout
    run = cli("analyse", "weg\x1b[2J.pdf")
    assert run.code == 2 and "\x1b" not in run.stderr and "weg␛[2J.pdf" in run.stderr
