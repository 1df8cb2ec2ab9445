"""The semantic recall layer: explanations, the rule-only switch, the shipped model, deterministic training.

The rest of the suite runs rule-only (tests/conftest.py sets GENDERSCAN_SEMANTIC=0);
here the layer is switched on explicitly. The encoder loads once for this module.
"""

from __future__ import annotations

import json
import os

import pytest
import yaml
from typer.testing import CliRunner

from genderscan.cli import app
from genderscan.config import Config
from genderscan.document import BlockKind, DocumentBuilder
from genderscan.findings import TargetKind
from tests.conftest import EXAMPLES, ROOT

#: Paraphrases the rules miss but a reader counts (A4, A2, B2, A1, B5): at least one must be found semantically.
PARAPHRASES = [
    "Wie geen eigen inkomen heeft, samen met de partner schulden heeft of een verblijfsvergunning die aan de partner is gekoppeld, kan niet zomaar weg.",
    "Bij stalking door een ex-partner werken politie, Veilig Thuis en de vrouwenopvang vanaf 2025 samen in een vast overleg.",
    "Gender is een belangrijke factor in het ontstaan en voortduren van huiselijk geweld in onze regio.",
    "Slachtoffers van wie de verblijfsvergunning nog aan die van de partner is gekoppeld, durven vaak geen hulp te zoeken.",
    "Bescherming van de vrouwen en de kinderen heeft in de opvang een hoge prioriteit.",
]


@pytest.fixture(scope="module")
def encoder():
    from genderscan.semantic.encoder import embed, encoder

    embed(["gender"])
    return encoder()


@pytest.fixture(scope="module")
def model():
    from genderscan.semantic import load_model

    return load_model()


def _document(sentences: list[str], kind: BlockKind = BlockKind.paragraph):
    builder = DocumentBuilder("<test>", "", "txt")
    builder.add(BlockKind.heading, "2 Analyse")
    for s in sentences:
        builder.add(kind, s)
    return builder.build()


def _report(document, semantic: bool):
    from genderscan.pipeline import analyse_document

    return analyse_document(document, Config(semantic=semantic))


def test_semantic_finding_carries_its_explanation(encoder, model):
    report = _report(_document(PARAPHRASES), semantic=True)
    evidence = [e for i in report.items for e in i.evidence if e.rule.startswith("semantisch/")]
    assert evidence, "no paraphrase found by the semantic layer"
    for e in evidence:
        item = e.rule.split("/", 1)[1]
        assert e.semantic is not None
        assert e.semantic.probability >= e.semantic.threshold == pytest.approx(model.threshold(item), abs=1e-4)
        assert e.semantic.example_id and e.semantic.example_text, "the nearest labelled example is named"
        assert 0 < e.semantic.similarity <= 1
        assert e.page == 1 and e.section == "2 Analyse" and e.text in PARAPHRASES
        assert not e.operational, "semantic evidence never makes level 2"
    dumped = json.loads(report.model_dump_json())
    assert any("semantic" in e for i in dumped["items"] for e in i["evidence"])


def test_reports_show_the_explanation(encoder):
    from genderscan.report import render

    report = _report(_document(PARAPHRASES), semantic=True)
    assert "semantisch gevonden (kans 0," in render(report, "markdown", "nl")
    assert "semantisch gevonden (kans" in render(report, "html", "nl")
    assert "found semantically (probability 0." in render(report, "text", "en", verbose=True)


def test_no_semantic_gives_the_rule_only_result(encoder):
    from genderscan.nlp import annotate, load_pipeline
    from genderscan.pipeline import ruleset_for
    from genderscan.report import build_report
    from genderscan.scoring import score

    document = _document(PARAPHRASES)
    off = _report(document, semantic=False)
    config = Config(semantic=False)
    ruleset, nlp = ruleset_for(config), load_pipeline()
    rules_only = build_report(document, score(ruleset.run(annotate(document, nlp), nlp), ruleset.checklist, ruleset.checked_items()))
    strip = lambda r: r.model_dump(exclude={"analysed_at"})  # noqa: E731
    assert strip(off) == strip(rules_only)
    assert not any(e.rule.startswith("semantisch/") or e.semantic for i in off.items for e in i.evidence)
    assert "semantic" not in off.model_dump_json(), "rule-only JSON is today's JSON"


def test_cli_switch_and_setting(encoder, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1741949400")
    doc = tmp_path / "visie.txt"
    doc.write_text("\n\n".join(PARAPHRASES), encoding="utf-8")
    runner = CliRunner()
    on = runner.invoke(app, ["analyse", str(doc), "-f", "json", "--semantic"])
    off = runner.invoke(app, ["analyse", str(doc), "-f", "json", "--no-semantic"])
    assert on.exit_code == 0 and off.exit_code == 0
    assert "semantisch/" in on.stdout and "semantisch/" not in off.stdout
    monkeypatch.setenv("GENDERSCAN_SEMANTIC", "1")
    assert Config().semantic
    default_off = runner.invoke(app, ["analyse", str(doc), "-f", "json", "--no-semantic"])
    assert default_off.stdout == off.stdout

    from genderscan.settings import resolve

    (tmp_path / "genderscan.toml").write_text("semantic = false\n")
    monkeypatch.delenv("GENDERSCAN_SEMANTIC")
    assert resolve(doc).config.semantic is False
    (tmp_path / "genderscan.toml").write_text("")
    assert resolve(doc).config.semantic is True


def test_cache_key_depends_on_the_semantic_setting():
    from genderscan.cache import report_key

    assert report_key("abc", Config(semantic=True)) != report_key("abc", Config(semantic=False))


def test_negated_semantic_evidence_never_counts_and_pitfalls_need_own_voice():
    from genderscan.semantic.layer import _counts

    assert not _counts(TargetKind.item, "macht-en-controle", {"negated"})
    assert _counts(TargetKind.item, "macht-en-controle", {"hedged"}), "hedged/attributed count at level 1 (marked)"
    assert _counts(TargetKind.item, "macht-en-controle", {"attributed"})
    assert not _counts(TargetKind.item, "macht-en-controle", {"definition"})
    assert _counts(TargetKind.item, "definitie-gendersensitief", {"definition"})
    assert not _counts(TargetKind.pitfall, "valkuil-genderneutraal", {"attributed"})


def test_candidates_need_domain_vocabulary():
    from genderscan.semantic.candidates import is_candidate, target_gate

    assert is_candidate("Vrouwen rapporteren iets meer incidenten dan mannen.")
    assert is_candidate("Bij partnergeweld is een veiligheidsplan nodig.")
    assert not is_candidate("De gemeenteraad vergadert op dinsdag over de begroting.")
    assert not target_gate("Jongeren zijn een belangrijke doelgroep voor preventie.", "preventie-gendernormen")
    assert not target_gate("Afhankelijk van de situatie pakt het wijkteam de hulp op.", "macht-en-controle")


def test_shipped_model_matches_the_development_corpora(model):
    """A changed dev corpus without `genderscan train` fails here: retrain and commit the model."""
    from genderscan.checklist import load_checklist
    from genderscan.semantic.train import corpus_hash, default_corpora

    recorded = model.meta["corpora"]
    current = {str(p.relative_to(ROOT)).replace(os.sep, "/"): p for p in default_corpora(ROOT)}
    assert sorted(recorded) == sorted(current), "the model was trained on other development sets: run genderscan train"
    for name, path in current.items():
        assert recorded[name] == corpus_hash(path), f"{name} changed since the model was trained: run genderscan train"
    assert not any("held-out" in n or "gold-test" in n for n in recorded)
    checklist = load_checklist()
    assert set(model.targets) <= set(checklist.item_ids + checklist.pitfall_ids)
    assert model.weights.shape == (len(model.targets), 512)
    assert len(model.example_ids) == model.examples.shape[0] == model.labels.shape[0]
    assert (ROOT / "src/genderscan/semantic/data/model.npz").stat().st_size < 1_000_000


FIXTURE = [
    {"id": "f-a2-1", "text": "Vrouwen worden vaker slachtoffer van partnergeweld dan mannen.", "counts": ["sekseverschillen"]},
    {"id": "f-a2-2", "text": "Meer vrouwen dan mannen raken ernstig gewond door geweld van een partner.", "counts": ["sekseverschillen"]},
    {"id": "f-a2-3", "text": "Het overgrote deel van de slachtoffers van intieme terreur is vrouw.", "counts": ["sekseverschillen"]},
    {"id": "f-a2-4", "text": "Mannen zijn veel vaker pleger van ernstig geweld in relaties.", "counts": ["sekseverschillen"]},
    {"id": "f-a4-1", "text": "De pleger houdt het geld in handen en isoleert de partner van vrienden.", "counts": ["macht-en-controle"]},
    {"id": "f-a4-2", "text": "Financiële afhankelijkheid van de partner maakt het moeilijk om weg te gaan.", "counts": ["macht-en-controle"]},
    {"id": "f-a4-3", "text": "Dwingende controle is een patroon van dreiging, vernedering en isolatie.", "counts": ["macht-en-controle"]},
    {"id": "f-a4-4", "text": "Zij moest toestemming vragen voor elke uitgave.", "counts": ["macht-en-controle"]},
    {"id": "f-n-1", "text": "De gemeente subsidieert het buurthuis in de wijk.", "counts": []},
    {"id": "f-n-2", "text": "Veilig Thuis is bereikbaar via een landelijk nummer.", "counts": []},
    {"id": "f-n-3", "text": "Het wijkteam werkt samen met de huisarts en de school.", "counts": []},
    {"id": "f-n-4", "text": "De aanpak van geweld in afhankelijkheidsrelaties is een taak van de regio.", "counts": []},
    {"id": "f-n-5", "text": "Er is geen verschil tussen vrouwen en mannen als slachtoffer.", "counts": [], "found": ["sekseverschillen"], "kind": "negated"},
    {"id": "f-n-6", "text": "Meer vrouwen dan mannen werken in deeltijd.", "counts": []},
]


def test_train_is_deterministic_and_never_reads_held_out(encoder, tmp_path):
    pytest.importorskip("sklearn")
    corpus = tmp_path / "corpora" / "gold"
    corpus.mkdir(parents=True)
    (corpus / "mini.yaml").write_text(yaml.safe_dump(FIXTURE, allow_unicode=True), encoding="utf-8")
    runner = CliRunner()
    out1, out2 = tmp_path / "m1.npz", tmp_path / "m2.npz"
    for out in (out1, out2):
        result = runner.invoke(app, ["train", str(corpus), "--output", str(out)])
        assert result.exit_code == 0, result.output
    assert out1.read_bytes() == out2.read_bytes()

    from genderscan.semantic.model import SemanticModel
    from genderscan.semantic.train import corpus_hash

    trained = SemanticModel.load(out1)
    assert trained.meta["corpora"] == {"corpora/gold": corpus_hash(corpus)}
    assert trained.meta["entries"] == len(FIXTURE)
    assert "sekseverschillen" in trained.meta["cv"] and "threshold" in trained.meta["cv"]["sekseverschillen"]
    assert trained.meta["crossval"]["added"] == {"tp": 0, "fp": 0}  # no real text: nothing measured per document

    held_out = tmp_path / "corpora" / "real" / "held-out"
    held_out.mkdir(parents=True)
    (held_out / "x.yaml").write_text("- {id: x, text: 'niet lezen', counts: []}\n")
    for i, path in enumerate([held_out, ROOT / "corpora" / "gold-test"]):
        result = runner.invoke(app, ["train", str(path), "--output", str(tmp_path / f"forbidden{i}.npz")])
        assert getattr(result.exception, "code", None) == "train_forbidden" and not (tmp_path / f"forbidden{i}.npz").exists()


def test_example_vision_keeps_its_levels_with_the_semantic_layer(encoder):
    """examples/expected.yaml (a human answer key, never training data): the semantic layer must not change the levels."""
    from genderscan.pipeline import analyse

    expected = yaml.safe_load((EXAMPLES / "expected.yaml").read_text(encoding="utf-8"))
    on = analyse(EXAMPLES / "regiovisie-voorbeeld.txt", Config(semantic=True))
    off = analyse(EXAMPLES / "regiovisie-voorbeeld.txt", Config(semantic=False))
    changed = {i.id: (j.level, i.level) for i, j in zip(on.items, off.items, strict=True) if i.level != j.level}
    assert not changed, f"levels changed by the semantic layer: {changed}"
    assert on.score == off.score == expected["score"]["document"]
    assert {p.id for p in on.pitfalls} == {p.id for p in off.pitfalls}


def test_evaluate_reports_rules_semantic_and_combined(encoder, tmp_path):
    gold = tmp_path / "set.yaml"
    gold.write_text(yaml.safe_dump(FIXTURE[:6] + FIXTURE[8:], allow_unicode=True), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["evaluate", str(gold), "--semantic", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)["sets"][0]
    assert {"genderscan", "rules", "semantic", "combined", "studie", "item"} <= set(data["micro"])
    assert data["micro"]["genderscan"] == data["micro"]["combined"]
    assert set(data["targets"]["macht-en-controle"]) >= {"rules", "semantic", "combined"}
    off = json.loads(runner.invoke(app, ["evaluate", str(gold), "--no-semantic", "--format", "json"]).stdout)["sets"][0]
    assert set(off["micro"]) == {"genderscan", "studie", "item"}
    assert off["micro"]["genderscan"] == data["micro"]["rules"]
    text = runner.invoke(app, ["evaluate", str(gold), "--semantic"])
    assert text.exit_code == 0 and "regels, semantische laag en samen" in text.stdout


def test_train_measures_each_real_document_out_of_fold(encoder, tmp_path):
    """meta['crossval']: per real document the whole training (threshold included) is rerun without it."""
    pytest.importorskip("sklearn")
    dev = tmp_path / "corpora" / "real" / "dev"
    dev.mkdir(parents=True)
    (dev / "a.yaml").write_text(yaml.safe_dump(FIXTURE[::2], allow_unicode=True), encoding="utf-8")
    (dev / "b.yaml").write_text(yaml.safe_dump(FIXTURE[1::2], allow_unicode=True), encoding="utf-8")
    out = tmp_path / "m.npz"
    result = CliRunner().invoke(app, ["train", str(dev), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "Buiten de fold op echte tekst" in result.output

    from genderscan.semantic.model import SemanticModel

    cv = SemanticModel.load(out).meta["crossval"]
    assert set(cv["targets"]["sekseverschillen"]["thresholds"]) == {"a.yaml", "b.yaml"}
    assert cv["targets"]["valkuil-genderneutraal"]["thresholds"] == {}  # pitfalls stay off
    assert set(cv["micro"]) == {"rules", "combined"} and cv["micro"]["rules"]["tp"] + cv["micro"]["rules"]["fn"] > 0


def test_real_text_is_recognised_by_the_corpus_path_not_by_where_the_checkout_lives(tmp_path):
    from genderscan.semantic.train import is_real_text

    assert is_real_text(tmp_path / "corpora" / "real" / "dev")
    assert is_real_text(tmp_path / "corpora" / "real" / "dev" / "000.yaml")
    assert not is_real_text(tmp_path / "real" / "genderscan" / "corpora" / "gold")


def test_training_leaves_unlabelled_entries_out(tmp_path):
    """Entries genderscan label wrote and nobody labelled (empty kind) are not trained as negatives;
    training lists and tests them as evaluate does (genderscan.semantic.gold)."""
    from genderscan.evaluate import load_gold
    from genderscan.semantic.gold import count_unlabelled, gold_files
    from genderscan.semantic.train import load_examples

    corpus = tmp_path / "corpora" / "gold"
    corpus.mkdir(parents=True)
    todo = [{"id": "u-1", "text": "Nog niet gelabeld.", "counts": [], "kind": ""}, {"id": "u-2", "text": "Ook niet.", "counts": [], "kind": None}]
    (corpus / "b.yaml").write_text(yaml.safe_dump(FIXTURE[:3] + todo, allow_unicode=True), encoding="utf-8")
    (corpus / "a.yaml").write_text(yaml.safe_dump(FIXTURE[3:5], allow_unicode=True), encoding="utf-8")
    assert gold_files(corpus) == [corpus / "a.yaml", corpus / "b.yaml"] and gold_files(corpus / "a.yaml") == [corpus / "a.yaml"]
    examples = load_examples([corpus])
    assert sorted(e.id for e in examples) == sorted(e["id"] for e in FIXTURE[:5])
    assert not {"u-1", "u-2"} & {e.id for e in examples}
    assert count_unlabelled(corpus) == 2
    assert sorted(e.id for e in load_gold([corpus], skip_unlabelled=True)) == sorted(e.id for e in examples)


def test_warm_loads_the_semantic_layer_when_it_is_on():
    """Analyser.warm() (batch and serve workers) loads the model and encoder too, not the first document."""
    from genderscan.analyser import Analyser
    from genderscan.semantic import encoder as enc
    from genderscan.semantic import model as mdl

    enc.encoder.cache_clear()
    mdl.load_model.cache_clear()
    Analyser(Config(semantic=False)).warm()
    assert enc.encoder.cache_info().currsize == 0 and mdl.load_model.cache_info().currsize == 0
    Analyser(Config(semantic=True)).warm()
    assert enc.encoder.cache_info().currsize == 1 and mdl.load_model.cache_info().currsize == 1
