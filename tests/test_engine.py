"""Search semantics over a small store with every script and kind of record."""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkru_tui.core.engine import Engine
from nkru_tui.core.errors import QueryError
from nkru_tui.core.userdata import UserSnapshot
from clitools import MINI


@pytest.fixture(scope="module")
def eng() -> Engine:
    return Engine.load(MINI)


def ids(evs):
    return [e["id"] for e in evs]


def test_empty_query_lists_every_event_in_date_order(eng):
    assert ids(eng.search_events("")) == [
        "railway-rebuilt", "tourists-2024", "treaty-signed", "wonsan-talks", "bridge-planned",
    ]


@pytest.mark.parametrize("q", ["putin", "Путин", "푸틴", "PUTIN", "vlad"])
def test_a_word_finds_events_through_actor_names_and_aliases(eng, q):
    assert ids(eng.search_events(q)) == ["treaty-signed"]


@pytest.mark.parametrize("q", ["Kim Jong Un", "kim jong-un", "Kim Jong-un", "김정은", "Ким Чен Ын",
                               '"kim jong un"'])
def test_romanizations_and_scripts_find_the_same_events(eng, q):
    assert ids(eng.search_events(q)) == ["treaty-signed"]


def test_accents_are_ignored_both_ways(eng):
    assert ids(eng.search_events("cafe")) == ["tourists-2024"]
    assert ids(eng.search_events("café")) == ["tourists-2024"]


def test_alias_of_a_place_finds_its_events(eng):
    assert ids(eng.search_events("Rajin-Sonbong")) == ["railway-rebuilt", "tourists-2024"]
    assert ids(eng.search_events("라선")) == ["railway-rebuilt", "tourists-2024"]


def test_words_are_anded_and_negation_excludes(eng):
    assert ids(eng.search_events("treaty putin")) == ["treaty-signed"]
    assert ids(eng.search_events("treaty wonsan")) == []
    assert ids(eng.search_events("rason -tourism")) == ["railway-rebuilt"]
    assert "treaty-signed" not in ids(eng.search_events("-putin"))


def test_phrase_needs_consecutive_words(eng):
    assert ids(eng.search_events('"strategic talks"')) == ["wonsan-talks"]
    assert ids(eng.search_events('"talks strategic"')) == []


@pytest.mark.parametrize(
    "q, expected",
    [
        ("sector:tourism", ["tourists-2024"]),
        ("sector:tour", ["tourists-2024"]),
        ("country:RU", ["treaty-signed", "bridge-planned"]),
        ("country:russia", ["treaty-signed", "bridge-planned"]),
        ("kind:person", ["treaty-signed"]),
        ("year:2024", ["tourists-2024", "treaty-signed"]),
        ("year:2010", ["railway-rebuilt"]),
        ("from:2025-07", ["wonsan-talks", "bridge-planned"]),
        ("to:2009", ["railway-rebuilt"]),
        ("source:s-two", ["wonsan-talks"]),
        ("status:planned", ["bridge-planned"]),
        ("type:background", ["railway-rebuilt"]),
        ("is:inferred", ["bridge-planned"]),
        ("has:figures", ["tourists-2024"]),
        ("actor:kim-jong-un", ["treaty-signed"]),
        ('actor:"Ким Чен Ын"', ["treaty-signed"]),
        ("-sector:diplomacy -sector:transport", ["tourists-2024"]),
    ],
)
def test_qualifiers(eng, q, expected):
    assert ids(eng.search_events(q)) == expected


def test_bad_query_raises_query_error(eng):
    with pytest.raises(QueryError):
        eng.search_events("sector:")


def test_actor_search(eng):
    assert [a["id"] for a in eng.search_actors("kind:place country:kp")] == ["rason", "wonsan"]
    assert [a["id"] for a in eng.search_actors("resort")] == ["wonsan"]  # description, accent
    assert [a["id"] for a in eng.search_actors("sector:tourism")] == ["rason"]
    assert eng.event_count("rason") == 2


def test_linked_records(eng):
    assert ids(eng.events_of_actor("rason")) == ["railway-rebuilt", "tourists-2024"]
    assert [r["id"] for r in eng.relations_of_actor("kim-jong-un")] == ["rel-putin-signed-kim"]
    assert eng.kind_of("s-one") == "source" and eng.kind_of("nope") is None


def test_user_overlay_notes_bookmarks_and_records(eng):
    e = Engine.load(MINI)
    mine = {"id": "my-event", "date": "2024-07", "title": "My own finding", "user": True,
            "sectors": ["trade"], "actors": [{"id": "vladimir-putin"}], "places": [], "figures": []}
    e.set_user(UserSnapshot(notes={"wonsan-talks": "Follow up with the ferry angle"},
                            bookmarks=frozenset({"tourists-2024"}), events=(mine,)))
    assert ids(e.search_events("ferry")) == ["wonsan-talks"]
    assert ids(e.search_events("has:note")) == ["wonsan-talks"]
    assert ids(e.search_events("is:bookmarked")) == ["tourists-2024"]
    assert ids(e.search_events("is:user")) == ["my-event"]
    assert ids(e.search_events("putin")) == ["treaty-signed", "my-event"]
    assert ids(e.events)[2:4] == ["treaty-signed", "my-event"]
    assert e.event_count("vladimir-putin") == 2
    assert not e.is_curated("my-event") and e.is_curated("treaty-signed")
    e.set_user(UserSnapshot())
    assert ids(e.search_events("ferry")) == [] and e.total_events == 5


def _big_store(n: int) -> dict:
    raw = json.loads(MINI.read_text(encoding="utf-8"))
    evs = {}
    for i in range(n):
        evs[str(i + 1)] = {
            "id": f"ev-{i}", "date": f"{1990 + i % 35}-{1 + i % 12:02d}",
            "title": f"Event number {i} about {'tourism' if i % 3 else 'trade'} links",
            "summary": "Delegations meet to discuss cooperation. " * 5,
            "sectors": ["tourism" if i % 3 else "trade"],
            "actors": [{"id": "kim-jong-un" if i % 2 else "vladimir-putin"}],
            "places": ["rason"] if i % 5 == 0 else [], "figures": [],
            "evidence": [{"source": "s-one", "quote": "a synthetic quote for scale"}],
        }
    raw["events"] = evs
    return raw


def test_index_answers_without_rescanning_records(tmp_path):
    """After load, searching must not touch the raw record text again (an index, not a scan)."""
    p = tmp_path / "big.json"
    p.write_text(json.dumps(_big_store(3000)), encoding="utf-8")
    e = Engine.load(p)
    import nkru_tui.core.index as index_mod

    calls = {"n": 0}
    orig = index_mod.event_text_fields

    def counting(ev):
        calls["n"] += 1
        return orig(ev)

    index_mod.event_text_fields = counting
    try:
        assert len(e.search_events("tourism putin")) == 1000
        assert len(e.search_events("sector:trade year:2000..2005")) > 0
        assert len(e.search_events("Ким")) == 1500
    finally:
        index_mod.event_text_fields = orig
    assert calls["n"] == 0


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('abkimruйкимпу김정은 "-:*[]/.2024') ), max_size=30))
def test_no_query_crashes_the_search(text):
    e = _ENGINE
    try:
        res = e.search_events(text)
        assert isinstance(res, list)
        e.search_actors(text)
    except QueryError:
        pass


_ENGINE = Engine.load(MINI)


def test_user_actors_join_the_curated_ones_in_search_and_order():
    e = Engine.load(MINI)
    org = {"id": "my-org", "name": "Lotus Trading", "kind": "company", "country": "KP",
           "aliases": ["연꽃무역"], "user": True}
    ev = {"id": "my-deal", "date": "2025-02", "title": "A deal", "user": True,
          "sectors": ["trade"], "actors": [{"id": "my-org"}], "places": [], "figures": []}
    e.set_user(UserSnapshot(actors=(org,), events=(ev,)))
    assert ids(e.search_events("연꽃무역")) == ["my-deal"]
    assert [a["id"] for a in e.search_actors("")] == [
        "kim-jong-un", "my-org", "primorsky-krai", "rason", "vladimir-putin", "wonsan"]
    assert [a["id"] for a in e.search_actors("lotus")] == ["my-org"]
    e.set_user(UserSnapshot())
    assert ids(e.search_events("연꽃무역")) == [] and "my-org" not in e.actors


def test_load_leaves_the_garbage_collector_as_it_found_it(tmp_path):
    import gc

    from nkru_tui.core.errors import StoreError

    assert gc.isenabled()
    Engine.load(MINI)
    assert gc.isenabled()
    with pytest.raises(StoreError):
        Engine.load(tmp_path / "missing.json")
    assert gc.isenabled()
    gc.disable()
    try:
        Engine.load(MINI)
        assert not gc.isenabled()
    finally:
        gc.enable()


# ---------------------------------------------------------------- odd values in the store


@settings(max_examples=300, deadline=None)
@given(field=st.sampled_from(["title", "summary", "date", "end_date", "date_inferred",
                              "date_note", "sectors", "actors", "places", "figures", "status",
                              "type", "evidence", "user", "latest", "season",
                              "inferred", "inferred_note"]),
       value=st.recursive(
           st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
           | st.text(max_size=8),
           lambda kids: st.lists(kids, max_size=3)
           | st.dictionaries(st.text(max_size=6), kids, max_size=3),
           max_leaves=8))
def test_any_json_value_in_any_event_field_is_reported_never_raised(field, value):
    from nkru_tui.core import store

    raw = json.loads(MINI.read_text(encoding="utf-8"))
    raw["events"]["1"][field] = value
    problems = store.validate(raw, "s.json")  # must not raise, whatever the value
    assert all(str(p).startswith("s.json: ") for p in problems)


def test_ascii_words_are_split_exactly_as_the_word_regex_does():
    import re

    from nkru_tui.core.textnorm import _words

    every = "".join(chr(c) for c in range(128))
    samples = [every, every[::-1] * 2, "Kim Jong-un's 2024_visit: rail\x1cway\x1f(ok)", "",
               "   ", "a", "_", "__x__ y", "1,000.5 tonnes", "tab\tnew\nline\rcr\x0bv\x0cf"]
    for s in samples:
        assert _words(s) == re.findall(r"\w+", s), repr(s)
    assert _words("café 평양 Ким") == re.findall(r"\w+", "café 평양 Ким")  # not ASCII: the regex


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_words_agree_with_the_regex_on_any_ascii_text(s):
    import re

    from nkru_tui.core.textnorm import _words

    assert _words(s) == re.findall(r"\w+", s)
