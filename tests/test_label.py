"""``genderscan label``: blind sets from a user's own documents, and ``evaluate`` on them (corpora/real/README.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent / "ingest"))
from pdfgen import PageSpec, column_width, make_pdf, wrap  # noqa: E402

SRC = Path(__file__).resolve().parent.parent / "src"
FIELDS = ["id", "text", "source", "doc", "counts", "marks", "found", "kind", "hints", "level", "note"]

DOMAIN_P1 = [
    "Vrouwen zijn vaker slachtoffer van ernstig partnergeweld dan mannen.",
    "De regio werkt gendersensitief in de hele aanpak van huiselijk geweld.",
]
OTHER_P1 = [
    "Het college stelt elk jaar een nieuw uitvoeringsprogramma op.",
    "De gemeenteraad bespreekt dit programma in het voorjaar.",
    "Wij houden de kosten van het programma binnen de begroting.",
]
DOMAIN_P2 = ["Veilig Thuis registreert de meldingen naar sekse en naar de relatie tussen pleger en slachtoffer."]
OTHER_P2 = [
    "De wethouder schrijft daarover twee keer per jaar een korte brief.",
    "Die brief staat daarna op de website van de gemeente.",
    "Vragen over de planning beantwoordt het projectbureau binnen een week.",
]
HEADING = "Partnergeweld en gender in de regio"


def _para(sentences: list[str]) -> tuple:
    return ("p", wrap(" ".join(sentences), column_width(1)))


@pytest.fixture
def visie(tmp_path) -> Path:
    """Two pages: a heading with domain words (not running text), then paragraphs with and without them."""
    pages = [
        PageSpec(top=[("h", HEADING, 14), _para(DOMAIN_P1[:1] + OTHER_P1[:2]), _para(DOMAIN_P1[1:] + OTHER_P1[2:])]),
        PageSpec(top=[_para(OTHER_P2[:1] + DOMAIN_P2 + OTHER_P2[1:])]),
    ]
    return make_pdf(tmp_path / "Regiovisie Veenstreek.pdf", pages)


def _load(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_label_writes_the_domain_sentences_with_pages_and_empty_labels(cli, visie, tmp_path):
    out = tmp_path / "set.yaml"
    code, _, err = cli("label", visie, "-o", out, "--others", "0")
    assert code == 0, err
    entries = _load(out)
    assert [e["text"] for e in entries] == [*DOMAIN_P1, *DOMAIN_P2]  # document order; the heading is not running text
    assert [e["source"] for e in entries] == ["Regiovisie Veenstreek.pdf:p1"] * 2 + ["Regiovisie Veenstreek.pdf:p2"]
    assert [e["id"] for e in entries] == ["regiovisie-veenstreek-0001", "regiovisie-veenstreek-0002", "regiovisie-veenstreek-0003"]
    for e in entries:
        assert list(e) == FIELDS
        assert e["doc"] == "Regiovisie Veenstreek.pdf"
        assert (e["counts"], e["marks"], e["found"], e["kind"], e["hints"], e["level"], e["note"]) == ([], {}, [], "", [], {}, "")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("#") and "corpora/real/README.md" in text and "Label zonder genderscan te draaien" in text
    assert "3 zinnen" in err and "genderscan evaluate" in err


def test_label_prefix_doc_and_the_near_miss_sample(cli, visie, tmp_path):
    out = tmp_path / "set.yaml"
    code, _, err = cli("label", visie, "-o", out, "--others", "2", "--prefix", "rvs", "--doc", "regiovisie Veenstreek 2025-2028")
    assert code == 0, err
    entries = _load(out)
    others = [e for e in entries if e["text"] in OTHER_P1 + OTHER_P2]
    assert len(entries) == 5 and len(others) == 2
    assert [e["id"] for e in entries] == [f"rvs-{n:04d}" for n in range(1, 6)]
    assert {e["doc"] for e in entries} == {"regiovisie Veenstreek 2025-2028"}
    order = [*OTHER_P1[:1], *DOMAIN_P1[:1], *OTHER_P1[1:2], *DOMAIN_P1[1:], *OTHER_P1[2:], *OTHER_P2[:1], *DOMAIN_P2, *OTHER_P2[1:]]
    texts = [e["text"] for e in entries]
    assert texts == sorted(texts, key=order.index)  # still in document order


def test_label_default_sample_is_ten_percent_rounded_up(cli, visie, tmp_path):
    out = tmp_path / "set.yaml"
    assert cli("label", visie, "-o", out)[0] == 0
    assert len(_load(out)) == 3 + 1  # ceil(10% of 3)


def test_label_is_deterministic_per_seed_and_shuffles(cli, visie, tmp_path):
    def run(name: str, *flags: str) -> str:
        out = tmp_path / name
        code, _, err = cli("label", visie, "-o", out, "--others", "3", *flags)
        assert code == 0, err
        return out.read_text(encoding="utf-8").replace(name, "SET")  # the header names the file

    assert run("a.yaml", "--seed", "7") == run("b.yaml", "--seed", "7")
    first, second = run("c.yaml", "--shuffle", "--seed", "1"), run("d.yaml", "--shuffle", "--seed", "1")
    assert first == second and "willekeurige volgorde" in first
    ordered = [e["text"] for e in yaml.safe_load(run("e.yaml", "--seed", "1"))]
    shuffled = [e["text"] for e in yaml.safe_load(first)]
    assert sorted(ordered) == sorted(shuffled) and ordered != shuffled


def test_label_is_blind_no_rules_no_item_names(cli, visie, tmp_path, monkeypatch, ruleset):
    import genderscan.rules
    import genderscan.rules.engine

    def refuse(*args, **kwargs):
        raise AssertionError("genderscan label loaded the rule set")

    monkeypatch.setattr(genderscan.rules, "load_rules", refuse)
    monkeypatch.setattr(genderscan.rules.engine, "default_ruleset", refuse)
    out = tmp_path / "set.yaml"
    code, _, err = cli("label", visie, "-o", out, "--others", "5")
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    names = ruleset.checklist.item_ids + ruleset.checklist.pitfall_ids + list(ruleset.checklist.hints)
    assert [n for n in names if n in text] == []


def test_the_label_module_never_imports_the_rules(visie):
    """In a fresh process, reading, cutting and writing a set leaves genderscan.rules unimported."""
    code = (
        "import sys; from genderscan import label; from genderscan.ingest import read_document; "
        "from genderscan.nlp import load_pipeline; "
        f"s = label.sentences(read_document({str(visie)!r}), load_pipeline()); "
        "label.render(label.choose(s)[0], 'x.yaml', False); "
        "bad = sorted(m for m in sys.modules if m.split('.')[:2] in (['genderscan', 'rules'], ['genderscan', 'scoring'])); "
        "print(bad); assert not bad"
    )
    done = subprocess.run([sys.executable, "-c", code], env={"PYTHONPATH": str(SRC), "PATH": ""}, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_label_refuses_to_overwrite_unless_forced(cli, visie, tmp_path):
    out = tmp_path / "set.yaml"
    out.write_text("- id: x\n  text: mijn labels\n", encoding="utf-8")
    code, _, err = cli("label", visie, "-o", out)
    assert code == 2 and "bestaat al" in err and "--force" in err and "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "- id: x\n  text: mijn labels\n"
    code, _, err = cli("label", visie, "-o", out, "--lang", "en")
    assert code == 2 and "already exists" in err
    assert cli("label", visie, "-o", out, "--force")[0] == 0
    assert len(_load(out)) == 4
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_label_output_must_be_yaml(cli, visie, tmp_path):
    code, _, err = cli("label", visie, "-o", tmp_path / "set.txt")
    assert code == 2 and ".yaml" in err


def test_label_bad_input_is_reported_and_the_rest_goes_on(cli, visie, tmp_path):
    empty = tmp_path / "leeg.txt"
    empty.write_text("\n  \n", encoding="utf-8")
    secret = make_pdf(tmp_path / "geheim.pdf", [PageSpec(cols=[[("p", wrap("Geheime tekst over de regio.", column_width()))]])], encrypt="x")
    out = tmp_path / "set.yaml"
    code, _, err = cli("label", empty, secret, visie, "-o", out, "--others", "0")
    assert code == 2  # as batch: a document failed
    assert "leeg.txt" in err and "geheim.pdf" in err and "Traceback" not in err
    assert len(_load(out)) == 3  # the readable document is written
    alone = tmp_path / "alleen.yaml"
    code, _, err = cli("label", empty, "-o", alone)
    assert code == 2 and "leeg.txt" in err and "Traceback" not in err and not alone.exists()


def test_evaluate_refuses_unlabelled_entries_and_scores_them_once_labelled(cli, visie, tmp_path):
    out = tmp_path / "mijn-set.yaml"
    assert cli("label", visie, "-o", out, "--others", "0")[0] == 0
    code, _, err = cli("evaluate", out, "--no-semantic")
    assert code == 2
    assert "mijn-set.yaml" in err and "3 van de 3" in err and "regiovisie-veenstreek-0001" in err and "--skip-unlabelled" in err
    code, _, err = cli("evaluate", out, "--no-semantic", "--lang", "en")
    assert code == 2 and "not labelled yet" in err

    entries = _load(out)  # the labeller fills in two of the three
    entries[0].update(counts=["sekseverschillen"], kind="positive")
    entries[1].update(counts=["gendersensitief-uitgangspunt"], kind="positive")
    out.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, _, err = cli("evaluate", out, "--no-semantic")
    assert code == 2 and "1 van de 3" in err and "regiovisie-veenstreek-0003" in err

    import json

    code, stdout, err = cli("evaluate", out, "--no-semantic", "--skip-unlabelled", "--format", "json")
    assert code == 0, err
    assert json.loads(stdout)["sets"][0]["entries"] == 2 and "1 niet-gelabelde" in err

    entries[2].update(counts=["sekse-data"], kind="positive")
    out.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, stdout, err = cli("evaluate", out, "--no-semantic", "--format", "json")
    assert code == 0, err
    result = json.loads(stdout)["sets"][0]
    assert result["entries"] == 3 and result["micro"]["genderscan"]["n"] == 3


def test_load_gold_unlabelled(tmp_path):
    from genderscan.errors import InputError
    from genderscan.evaluate import count_unlabelled, load_gold

    f = tmp_path / "s.yaml"
    f.write_text('- {id: a, text: "x", counts: [], kind: near-miss}\n- {id: b, text: "y", counts: [], kind: ""}\n- {id: c, text: "z", counts: [], kind: }\n', encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_gold([f])
    assert exc.value.code == "gold_unlabelled" and exc.value.params["n"] == 2 and exc.value.params["first"] == "b"
    assert [e.id for e in load_gold([f], skip_unlabelled=True)] == ["a"]
    assert count_unlabelled(f) == 2 and count_unlabelled(tmp_path) == 2
    g = tmp_path / "old.yaml"  # gold sets without a kind field keep their default
    g.write_text('- {id: a, text: "x", counts: [sekse-data]}\n', encoding="utf-8")
    assert load_gold([g])[0].kind == "positive"


def test_evaluate_parses_each_gold_file_once(tmp_path, monkeypatch, cli):
    """genderscan evaluate checks, counts the skipped entries and scores from one parse per file."""
    import genderscan.evaluate as ev
    from genderscan.evaluate import read_gold

    f = tmp_path / "s.yaml"
    f.write_text('- {id: a, text: "Meer vrouwen dan mannen zijn slachtoffer.", counts: [], kind: near-miss}\n- {id: b, text: "y", counts: [], kind: ""}\n', encoding="utf-8")
    entries, skipped = read_gold([f], skip_unlabelled=True)
    assert [e.id for e in entries] == ["a"] and skipped == 1
    parsed: list = []
    real = ev.read_gold_file
    monkeypatch.setattr(ev, "read_gold_file", lambda p: parsed.append(p) or real(p))
    code, stdout, err = cli("evaluate", f, "--no-semantic", "--skip-unlabelled", "--format", "json")
    assert code == 0, err
    assert parsed == [f] and "1 niet-gelabelde" in err and json.loads(stdout)["sets"][0]["entries"] == 1
