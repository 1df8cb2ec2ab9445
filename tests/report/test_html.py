"""HTML report: self-contained, complete for a reader, in both languages (the browser test is in tests/browser)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from genderscan.i18n import checklist_texts, load
from genderscan.report import render


@pytest.fixture(scope="module")
def html_nl(example_report):
    return render(example_report, "html", "nl")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> _Collector:
    c = _Collector()
    c.feed(html)
    return c


def test_self_contained_no_scripts_no_external_resources(html_nl):
    c = parse(html_nl)
    names = {t for t, _ in c.tags}
    assert "script" not in names and "link" not in names and "img" not in names and "iframe" not in names
    assert not any("src" in a for _, a in c.tags)
    urls = set(re.findall(r"(?:https?:)?//[\w.-]+[^\s\"')<]*", html_nl))
    assert urls <= {"http://www.w3.org/2000/svg"}, urls
    assert "@import" not in html_nl and "url(" not in html_nl


def test_header_has_document_date_and_score_chart(html_nl, example_report):
    assert "<html lang=\"nl\">" in html_nl
    assert "regiovisie-voorbeeld.txt" in html_nl
    assert "14 maart 2025" in html_nl and 'datetime="2025-03-14T10:50:00Z"' in html_nl
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html_nl and 'role="img"' in html_nl
    score = f"{example_report.score:.1f}".replace(".", ",")
    assert f"Score: {score} van 100" in html_nl


def test_reader_can_answer_which_items_are_missing_and_why_present_ones_count(html_nl, example_report):
    text = " ".join(" ".join(parse(html_nl).text).split())
    texts = checklist_texts("nl")["items"]
    for item in example_report.items:
        assert texts[item.id]["title"] in text
        for e in item.evidence:
            assert " ".join(e.text.split()) in text
            assert f"p. {e.page_label or e.page}" in text
    assert "Sterk op" in text or "Nog geen enkel punt is uitgewerkt" in text
    missing = [i for i in example_report.items if i.checked and i.level == 0]
    if missing:
        assert "Niet gevonden:" in text


def test_not_counted_sentences_show_their_reason(html_nl, example_report):
    qualifiers = checklist_texts("nl")["qualifiers"]
    not_counted = [(e, i) for i in example_report.items for e in i.evidence if not e.counted]
    assert not_counted, "the example has a negated sentence ('De cijfers worden niet uitgesplitst naar sekse.')"
    for e, _ in not_counted:
        for q in e.qualifiers:
            assert f"telt niet mee: {qualifiers[q]}" in html_nl


def test_top_three_gaps_have_recommendation_example_and_source(html_nl, example_report):
    texts = checklist_texts("nl")["items"]
    section = _unesc(html_nl.split('id="next"', 1)[1].split("</section>", 1)[0])
    assert len(example_report.gaps) >= 3
    for gap in example_report.gaps[:3]:
        t = texts[gap]
        for fragment in (t["recommendation"], t["example"]["text"], t["example"]["source"], t["sources"][0]):
            assert fragment in section


def test_status_is_not_by_colour_alone(html_nl):
    ui = load("nl", "ui")
    for status in ("genoemd",):
        assert f'<span class="badge {status}">{ui["status_mark"][status]} {ui["status"][status]}</span>' in html_nl


def test_methodology_and_english(example_report):
    en = render(example_report, "html", "en")
    assert '<html lang="en">' in en
    assert checklist_texts("en")["methodology"][:60] in _unesc(en)
    assert "14 March 2025" in en
    assert "Sterk op" not in en and "Ontbreekt" not in en


def _unesc(text: str) -> str:
    import html

    return html.unescape(text)
