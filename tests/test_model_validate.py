"""The date, figure and inference model (issue 12): what the validator accepts and refuses.

Each refusal is one line naming the store, table/record and field.
"""

from __future__ import annotations

import copy
import json

import pytest
from clitools import MINI

from nkru_tui.core.store import validate, validate_record

RAW = json.loads(MINI.read_text(encoding="utf-8"))
# events: 1 treaty-signed 2024-06, 2 wonsan-talks 2025-07-12, 3 tourists-2024 (figure),
# 4 bridge-planned 2026 (inferred date), 5 railway-rebuilt 2008..2013 (span)


def problems_of(mutate) -> list[str]:
    raw = copy.deepcopy(RAW)
    mutate(raw)
    return [str(p) for p in validate(raw, "store.json")]


def ev(n: int, **fields):
    return lambda r: r["events"][str(n)].update(fields)


def fig(**fields):
    return lambda r: r["events"]["3"]["figures"][0].update(fields)


ACCEPTED = {
    "window": ev(3, latest="2025"),
    "window, month precision": ev(1, latest="2024-09"),
    "window ending the same year": ev(3, latest="2024"),
    "season": ev(3, season="spring"),
    "winter season": ev(4, season="winter"),
    "qualifier at_least": fig(qualifier="at_least", approx=None),
    "every qualifier": lambda r: r["events"]["3"].update(figures=[
        {"value": 10, "unit": "u", "counts": "c", "qualifier": q}
        for q in ("exact", "about", "at_least", "more_than", "at_most", "less_than", "order")
    ]),
    "order of magnitude": fig(value=1000, qualifier="order", approx=None),
    "approx true with about": fig(approx=True, qualifier="about"),
    "old approx alone": fig(approx=True),
    "inferred event": ev(1, inferred=True, inferred_note="the source implies it"),
    "inferred actor": lambda r: r["actors"]["1"].update(inferred=True, inferred_note="why"),
    "inferred relation with note": lambda r: r["relations"]["1"].update(inferred=True, note="n"),
    "inferred relation with inferred_note":
        lambda r: r["relations"]["1"].update(inferred=True, inferred_note="n"),
    "relation window": lambda r: r["relations"]["1"].update(latest="2025"),
    "inferred false": ev(1, inferred=False),
}


@pytest.mark.parametrize("mutate", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_the_model_accepts(mutate):
    assert problems_of(mutate) == []


REFUSED = [
    (ev(3, latest="2025-13"), "store.json: events/tourists-2024: latest: '2025-13' is not a date"),
    (ev(3, latest=2025), "events/tourists-2024: latest: 2025 is not a date"),
    (ev(1, latest="2023"), "events/treaty-signed: latest: 2023 is before date 2024-06"),
    (ev(5, latest="2014"), "events/railway-rebuilt: latest: not together with end_date"),
    (ev(3, season="monsoon"), "events/tourists-2024: season: 'monsoon' is not one of: spring"),
    (ev(3, season=["spring"]), "events/tourists-2024: season: ['spring'] is not one of"),
    (ev(1, season="spring"), "events/treaty-signed: season: needs a year-only date (\"2024\"), not '2024-06'"),
    (ev(5, season="spring"), "events/railway-rebuilt: season: goes with a single year"),
    (ev(3, season="spring", latest="2025"), "events/tourists-2024: season: goes with a single year"),
    (lambda r: r["relations"]["1"].pop("date") and r["relations"]["1"].update(latest="2025"),
     "relations/rel-putin-signed-kim: latest: latest given without date"),
    (lambda r: r["relations"]["1"].pop("date") and r["relations"]["1"].update(season="summer"),
     "relations/rel-putin-signed-kim: season: season given without date"),
    (fig(qualifier="roughly"), "events/tourists-2024: figures[0].qualifier: 'roughly' is not one of: exact, about"),
    (fig(qualifier=None, approx="yes"), "events/tourists-2024: figures[0].approx: must be true or false"),
    (fig(approx=True, qualifier="at_least"), "events/tourists-2024: figures[0].approx: true (read as \"about\") contradicts qualifier 'at_least'"),
    (fig(approx=None, qualifier="order", value=1500), "events/tourists-2024: figures[0].value: 1500 with qualifier 'order' must be a power of ten"),
    (fig(approx=None, qualifier="order", value=1), "figures[0].value: 1 with qualifier 'order' must be a power of ten"),
    (ev(1, inferred=True), "events/treaty-signed: inferred_note: an inferred record needs a note"),
    (ev(1, inferred=True, inferred_note="  "), "events/treaty-signed: inferred_note: an inferred record needs a note"),
    (ev(1, inferred="yes", inferred_note="n"), "events/treaty-signed: inferred: must be true or false"),
    (ev(1, inferred_note="a reading"), "events/treaty-signed: inferred_note: given, but inferred is not true"),
    (ev(1, inferred=True, inferred_note=["n"]), "events/treaty-signed: inferred_note: must be text"),
    (lambda r: r["actors"]["1"].update(inferred=True), "actors/kim-jong-un: inferred_note: an inferred record needs a note"),
    (lambda r: r["relations"]["1"].update(inferred=True), "relations/rel-putin-signed-kim: inferred_note: an inferred record needs a note"),
    (lambda r: r["relations"]["1"].update(inferred=1, note="n"), "relations/rel-putin-signed-kim: inferred: must be true or false"),
    (ev(1, date_note=5), "events/treaty-signed: date_note: must be text"),
]


@pytest.mark.parametrize("mutate, expected", REFUSED, ids=[e.split(": ", 2)[-1][:40] for _, e in REFUSED])
def test_the_model_refuses_with_one_line_naming_record_and_field(mutate, expected):
    found = problems_of(mutate)
    assert any(expected in p for p in found), found
    assert all("\n" not in p for p in found)


def test_a_user_record_is_checked_the_same_way():
    known = {"events": set(), "actors": {"kim-jong-un"}, "sources": {"s-one"}}
    kinds = {"kim-jong-un": "person"}
    rec = {"id": "mine", "date": "2024", "title": "t", "user": True, "sectors": ["trade"],
           "latest": "2025", "inferred": True, "inferred_note": "my reading",
           "figures": [{"value": 100, "unit": "u", "counts": "c", "qualifier": "order"}]}
    assert validate_record("events", rec, known_ids=known, actor_kinds=kinds) == []
    bad = dict(rec, season="spring", inferred_note=None)
    msgs = [str(p) for p in validate_record("events", bad, known_ids=known, actor_kinds=kinds)]
    assert any("events/mine: season: goes with a single year" in m for m in msgs), msgs
    assert any("events/mine: inferred_note: an inferred record needs a note" in m for m in msgs)
