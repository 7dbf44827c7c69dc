"""The query parser: what users type, what they mistype, and that nothing crashes it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkru_tui.core.errors import QueryError
from nkru_tui.core.query import parse_query


def test_words_are_folded_and_anded():
    q = parse_query("Пхеньян  RUSSIA Ré")
    assert [t.words for t in q.terms] == [("пхеньян",), ("russia",), ("re",)]


def test_phrase_negation_and_qualifiers():
    q = parse_query('"strategic talks" -rason sector:tour -country:china year:2023..2025')
    assert q.terms[0].phrase and q.terms[0].words == ("strategic", "talks")
    assert q.terms[1].negated and q.terms[1].words == ("rason",)
    names = [(x.name, x.negated) for x in q.qualifiers]
    assert names == [("sector", False), ("country", True), ("year", False)]
    assert q.qualifiers[0].codes == ("tourism",)
    assert q.qualifiers[1].codes == ("CN",)


def test_hyphenated_romanization_is_a_phrase_of_its_parts():
    q = parse_query("Jong-un")
    assert q.terms[0].words == ("jong", "un") and q.terms[0].phrase


def test_quoted_qualifier_value():
    q = parse_query('actor:"Kim Jong Un"')
    assert q.qualifiers[0].value == "kim jong un"


@pytest.mark.parametrize(
    "text, fragment",
    [
        ('"unclosed', "unclosed quote"),
        ("foo:bar", "unknown qualifier 'foo:'"),
        ("sector:", "sector: needs a value"),
        ("sector:spaceflight", "unknown sector 'spaceflight'"),
        ("year:20x4", "year: needs a year"),
        ("year:2025..2023", "ends before it starts"),
        ("from:2024-13", "from: needs a date"),
        ("to:yesterday", "to: needs a date"),
        ("country:atlantis", "unknown country"),
        ("is:famous", "unknown is:famous"),
        ("x" * 3000, "query too long"),
    ],
)
def test_malformed_queries_say_what_is_wrong(text, fragment):
    with pytest.raises(QueryError) as err:
        parse_query(text)
    msg = str(err.value)
    assert fragment in msg
    assert "\n" not in msg and msg.startswith("bad query:")


def test_markup_and_regex_metacharacters_are_plain_words():
    q = parse_query("[bold] (a+)+$ .* [/]")
    assert [t.words for t in q.terms] == [("bold",), ("a",)]


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=200))
def test_no_input_string_crashes_the_parser(text):
    try:
        parse_query(text)
    except QueryError as exc:
        assert str(exc)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(
    ['"', "-", ":", "actor:", "sector:", "year:", "from:", "is:", "..", "2024", "кит", "김",
     "é", " ", "[/]", "\\", "*", "(", "country:", "tourism"]), max_size=12))
def test_no_combination_of_syntax_fragments_crashes(parts):
    try:
        parse_query("".join(parts))
    except QueryError:
        pass
