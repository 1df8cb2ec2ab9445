"""--model: a saved spaCy pipeline with its own sentence splitter and lemmas works under genderscan."""

from __future__ import annotations

import pytest
import spacy

from genderscan.errors import GenderscanError
from genderscan.nlp import load_pipeline, qualifiers
from genderscan.rules.engine import run_on_text


@pytest.fixture(scope="module")
def model_nlp(tmp_path_factory):
    path = tmp_path_factory.mktemp("model") / "nl_test_model"
    base = spacy.blank("nl")
    base.add_pipe("sentencizer")
    ruler = base.add_pipe("attribute_ruler", name="lemmatizer")  # a model with its own lemmas
    ruler.add([[{"LOWER": "vrouwen"}]], {"LEMMA": "Vrouw"})
    ruler.add([[{"LOWER": "uitgesplitst"}]], {"LEMMA": "uitgesplitst"})  # wrong: genderscan overrides it
    base.to_disk(path)
    return load_pipeline(str(path))


def test_model_keeps_its_components_and_adds_ours(model_nlp):
    names = model_nlp.pipe_names
    assert names[:2] == ["sentencizer", "lemmatizer"]
    assert {"genderscan_lemmas", "genderscan_context"} <= set(names)
    assert "genderscan_sentences" in names  # a sentencizer is refined by ours


def test_model_lemmas_and_overrides(model_nlp):
    doc = model_nlp("De cijfers over vrouwen worden uitgesplitst naar sekse.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["vrouwen"] == "vrouw"  # the model's lemma, lower-cased
    assert lemmas["uitgesplitst"] == "uitsplitsen"  # genderscan's override wins
    assert lemmas["cijfers"] == "cijfer"  # gaps filled by simplemma


def test_model_qualifiers_and_compounds(model_nlp):
    doc = model_nlp("Gender speelt o.a. in de aanpak geen rol. Genderongelijkheid is niet irrelevant.")
    sents = list(doc.sents)
    assert len(sents) == 2
    assert qualifiers(doc[0:1]) == {"negated"}
    assert qualifiers(sents[1][0:1]) == frozenset()
    assert sents[1][0]._.gs_compound == ("gender", "ongelijkheid")


def test_rules_run_on_model(model_nlp, ruleset):
    text = "Genderongelijkheid ligt ten grondslag aan partnergeweld tegen vrouwen."
    embedded = {f.rule for f in run_on_text(ruleset, load_pipeline(), text)}
    with_model = {f.rule for f in run_on_text(ruleset, model_nlp, text)}
    assert embedded and with_model == embedded


def test_unknown_model():
    with pytest.raises(GenderscanError) as err:
        load_pipeline("nl_core_news_doesnotexist")
    assert err.value.code == "model_not_found"
