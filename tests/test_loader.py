"""Loading and validating stores: the valid one, and each kind of invalid one."""

from __future__ import annotations

import copy
import json

import pytest

from nkru_tui.core.engine import Engine
from nkru_tui.core.errors import StoreError, StoreInvalid
from nkru_tui.core.store import load_raw, parse_date, validate, validate_record
from clitools import MINI

RAW = json.loads(MINI.read_text(encoding="utf-8"))


def problems_of(mutate) -> list[str]:
    raw = copy.deepcopy(RAW)
    mutate(raw)
    return [str(p) for p in validate(raw, "store.json")]


def test_the_mini_store_is_valid():
    assert validate(RAW, "x") == []


@pytest.mark.parametrize(
    "mutate, expected",
    [
        (lambda r: r["events"]["1"].update(date="2024-13"), "store.json: events/treaty-signed: date: '2024-13' is not a date"),
        (lambda r: r["events"]["1"].update(date="2023-02-29"), "events/treaty-signed: date:"),
        (lambda r: r["events"]["5"].update(end_date="2001"), "events/railway-rebuilt: end_date: 2001 is before date 2008"),
        (lambda r: r["events"]["1"].update(sectors=["spaceflight"]), "events/treaty-signed: sectors: 'spaceflight' is not one of"),
        (lambda r: r["events"]["1"].update(sectors=[]), "events/treaty-signed: sectors: must be a non-empty list"),
        (lambda r: r["events"]["1"]["actors"].append({"id": "nobody"}), "events/treaty-signed: actors[2].id: unknown actor 'nobody'"),
        (lambda r: r["events"]["2"].update(places=["kim-jong-un"]), "events/wonsan-talks: places[0]: 'kim-jong-un' is a person, not a place"),
        (lambda r: r["events"]["2"].update(id="treaty-signed"), "events/treaty-signed: id: duplicate id"),
        (lambda r: r["events"]["2"].update(id="Bad Id!"), "events/#2: id: 'Bad Id!' is not a valid id"),
        (lambda r: r["events"]["1"].update(evidence=[]), "events/treaty-signed: evidence: must be a non-empty list"),
        (lambda r: r["events"]["1"].update(evidence=[{"source": "s-nine", "quote": "long enough quote"}]), "evidence[0].source: unknown source 's-nine'"),
        (lambda r: r["events"]["1"].update(evidence=[{"source": "s-one", "quote": "short"}]), "evidence[0].quote: quote must be"),
        (lambda r: r["events"]["1"].update(date_inferred=True), "events/treaty-signed: date_note: an inferred date needs a note"),
        (lambda r: r["events"]["1"].update(status="rumoured"), "events/treaty-signed: status: 'rumoured' is not one of"),
        (lambda r: r["events"]["3"]["figures"][0].update(value="many"), "events/tourists-2024: figures[0].value: must be a number"),
        (lambda r: r["actors"]["1"].update(kind="wizard"), "actors/kim-jong-un: kind: 'wizard' is not one of"),
        (lambda r: r["actors"]["1"].update(country="XX"), "actors/kim-jong-un: country: 'XX' is not one of"),
        (lambda r: r["actors"]["1"].update(aliases="Kim"), "actors/kim-jong-un: aliases: must be a list of strings"),
        (lambda r: r["relations"]["1"].update(object="ghost"), "relations/rel-putin-signed-kim: object: unknown actor 'ghost'"),
        (lambda r: r["relations"]["1"].update(type="loves"), "relations/rel-putin-signed-kim: type: 'loves' is not one of"),
        (lambda r: r.pop("actors"), "actors: table missing"),
        (lambda r: r.update(events=[1, 2]), "events: table must be an object of records"),
        (lambda r: r["meta"]["1"].update(schema=99), "meta: schema: store is schema 99, newer than"),
        (lambda r: r["events"].update({"9": "not a record"}), "events/#9: record must be an object"),
    ],
)
def test_each_kind_of_invalid_record_is_named(mutate, expected):
    found = problems_of(mutate)
    assert any(expected in p for p in found), found


def test_every_problem_is_reported_at_once():
    def many(r):
        r["events"]["1"]["date"] = "soon"
        r["events"]["2"]["sectors"] = ["nope"]
        r["actors"]["2"]["kind"] = "wizard"
    found = problems_of(many)
    assert len(found) == 3


def test_engine_load_raises_store_invalid_with_all_problems(tmp_path):
    raw = copy.deepcopy(RAW)
    raw["events"]["1"]["date"] = "soon"
    raw["events"]["2"]["sectors"] = ["nope"]
    p = tmp_path / "bad.json"
    p.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(StoreInvalid) as err:
        Engine.load(p)
    assert len(err.value.problems) == 2
    assert "(and 1 more problem(s))" in str(err.value)
    assert str(p) in str(err.value)


@pytest.mark.parametrize(
    "content, fragment",
    [
        (b"", "empty file"),
        (b"\n", "empty file"),
        (b'{"events": {', "not valid JSON"),
        (b'{"a": 1} trailing', "not valid JSON"),
        (b"[1, 2]", "top level is a JSON list"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"[" * 100000 + b"]" * 100000, "not a store: JSON nested too deeply"),
    ],
    ids=["empty", "newline", "truncated", "trailing", "list", "non-utf8", "deep"],
)
def test_unreadable_files_give_one_line(tmp_path, content, fragment):
    p = tmp_path / "s.json"
    p.write_bytes(content)
    with pytest.raises(StoreError) as err:
        load_raw(p)
    assert fragment in str(err.value) and str(p) in str(err.value)
    assert "\n" not in str(err.value)
    assert p.read_bytes() == content  # untouched


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(StoreError, match="no such file"):
        load_raw(tmp_path / "nope.json")
    with pytest.raises(StoreError, match="is a directory"):
        load_raw(tmp_path)


def test_bom_is_tolerated(tmp_path):
    p = tmp_path / "bom.json"
    p.write_bytes(b"\xef\xbb\xbf" + MINI.read_bytes())
    assert Engine.load(p).total_events == 5


def test_parse_date_precisions():
    assert parse_date("2024") and parse_date("2024-02") and parse_date("2024-02-29")
    assert parse_date("2023-02-29") is None and parse_date("24") is None and parse_date(2024) is None
    y = parse_date("2024")
    m = parse_date("2024-06")
    assert y[0] <= m[0] <= m[1] <= y[1]


def test_validate_record_for_user_additions():
    known = {"events": {"treaty-signed"}, "actors": {"kim-jong-un"}, "sources": {"s-one"}}
    kinds = {"kim-jong-un": "person"}
    ok = {"id": "mine", "date": "2025-01", "title": "t", "user": True, "sectors": ["trade"],
          "actors": [{"id": "kim-jong-un"}]}
    assert validate_record("events", ok, known_ids=known, actor_kinds=kinds) == []
    bad = dict(ok, id="treaty-signed", sectors=["x"], actors=[{"id": "ghost"}], date="2025-1")
    msgs = [str(p) for p in validate_record("events", bad, known_ids=known, actor_kinds=kinds)]
    assert any("id already used" in m for m in msgs)
    assert any("sectors" in m for m in msgs) and any("ghost" in m for m in msgs)
    assert any("date" in m for m in msgs)
