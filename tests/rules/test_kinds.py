"""The vocabulary of types: Qualifier, Scope (parsed, with contains())."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from genderscan.kinds import LEVEL1_ONLY, Place, Qualifier, Scope, ScopeKind
from genderscan.rules.schema import Rule


@pytest.mark.parametrize("text", ["sentence", "sentences:2", "tokens:6", "tokens:12", "paragraph", "section"])
def test_scope_round_trip(text):
    assert str(Scope.parse(text)) == text


@pytest.mark.parametrize("text", ["zin", "sentences:0", "tokens:100", "sentences", "paragraph:2", ""])
def test_bad_scope(text):
    with pytest.raises(ValueError, match="kies sentence"):
        Scope.parse(text)


def _place(block=1, sentence=0, start=0, end=1, section="2.1"):
    return Place(section, block, sentence, start, end)


def test_contains():
    a = _place(sentence=3, start=20, end=22)
    assert Scope.parse("sentence").contains(a, _place(sentence=3, start=30, end=31))
    assert not Scope.parse("sentence").contains(a, _place(sentence=4))
    assert Scope.parse("sentences:2").contains(a, _place(sentence=4))
    assert not Scope.parse("sentences:2").contains(a, _place(sentence=5))
    assert Scope.parse("tokens:3").contains(a, _place(start=25, end=26))
    assert not Scope.parse("tokens:3").contains(a, _place(start=26, end=27))
    assert Scope.parse("tokens:3").contains(a, _place(start=15, end=17))
    assert Scope.parse("paragraph").contains(a, _place(sentence=9))
    assert not Scope.parse("paragraph").contains(a, _place(block=2))
    assert Scope.parse("section").contains(a, _place(block=2))
    assert not Scope.parse("section").contains(a, _place(block=2, section="3"))


def test_rule_fields_are_parsed_and_shown_as_text():
    rule = Rule(item="sekse-data", message="m", all=[["x"]], within="tokens:4", accepts=["definition"], blocks=["list_item"])
    assert rule.within == Scope(ScopeKind.tokens, 4)
    assert rule.model_dump()["within"] == "tokens:4"
    assert rule.accepts == [Qualifier.definition] and rule.accepts == ["definition"]


def test_rule_rejects_blocks_that_are_never_evidence():
    with pytest.raises(ValidationError):
        Rule(item="sekse-data", message="m", all=[["x"]], blocks=["toc"])


def test_level1_only_is_hedged_and_attributed():
    assert {"hedged", "attributed"} == LEVEL1_ONLY
