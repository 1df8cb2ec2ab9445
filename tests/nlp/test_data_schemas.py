"""The NLP data files have schemas and fail with the file and the line, like the rule files."""

from __future__ import annotations

import pytest

from genderscan.errors import RuleError
from genderscan.nlp.schemas import (
    CompoundsData,
    ContextData,
    DefinitionsData,
    Direction,
    LemmasData,
    load_data,
)

SHIPPED = [
    ("context.yaml", ContextData),
    ("definitions.yaml", DefinitionsData),
    ("compounds.yaml", CompoundsData),
    ("lemmas.yaml", LemmasData),
]


@pytest.mark.parametrize(("name", "model"), SHIPPED)
def test_shipped_files_validate(name, model):
    assert isinstance(load_data(name, model), model)


def test_definitions_have_a_named_label_pattern():
    data = load_data("definitions.yaml", DefinitionsData)
    assert data.label is not None and data.label.pattern.startswith("^")
    assert "bijvoorbeeld" in data.label.not_labels
    assert data.patterns


def test_context_directions_are_enums():
    data = load_data("context.yaml", ContextData)
    assert set(data.triggers["negated"]) <= set(Direction)


def _error(tmp_path, text: str, model) -> RuleError:
    path = tmp_path / "data.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_data("unused.yaml", model, path)
    return info.value


def test_unknown_direction_names_file_and_line(tmp_path):
    err = _error(tmp_path, "triggers:\n  negated:\n    sideways: [niet]\n", ContextData)
    assert err.code == "data_file_invalid"
    assert err.params["line"] == 3
    assert "data.yaml" in err.params["path"]
    assert "NLP-gegevensbestand" in err.message("nl")


def test_older_flat_terminators_are_an_error(tmp_path):
    err = _error(tmp_path, "triggers: {}\nterminators: [maar, echter]\n", ContextData)
    assert err.params["line"] == 2
    assert "terminators" in str(err.params["detail"])


def test_unknown_key_is_an_error(tmp_path):
    err = _error(tmp_path, "triggers: {}\nframes:\n  max_gap: 4\n  gapstops: [en]\n", ContextData)
    assert err.params["line"] == 4


def test_bad_regex_in_definitions(tmp_path):
    err = _error(tmp_path, "patterns:\n  - '^onder'\n  - '(unclosed'\n", DefinitionsData)
    assert err.params["line"] == 3
    assert "reguliere expressie" in str(err.params["detail"])


def test_not_a_mapping(tmp_path):
    err = _error(tmp_path, "- just\n- a list\n", LemmasData)
    assert err.params["line"] == 1


def test_custom_context_file_in_the_component(tmp_path):
    import spacy

    from genderscan.nlp.context import ContextComponent

    path = tmp_path / "context.yaml"
    path.write_text("triggers:\n  negated:\n    bidirectional: [nimmer]\n", encoding="utf-8")
    component = ContextComponent(spacy.blank("nl"), str(path))
    assert [label.direction for label in component.labels.values()] == [Direction.bidirectional]
