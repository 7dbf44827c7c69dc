"""The events' quick check (``store._event_is_fine``) never lets through what the full check
(``store._check_event``) objects to: it may only say "fine" where the full check finds no
problem, so a store's errors and their messages are those of the full check.

Events are drawn from valid ones with fields replaced by near misses of every kind (wrong
types, empty text, unknown ids and vocabulary, dates out of order, spans with a season,
figures with contradicting qualifiers, user records without evidence...)."""

from __future__ import annotations

import copy
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from nkru_tui.core import schema, store

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import gen_store

RAW = gen_store.generate(200, seed=3)
CTX = {
    "sources": {s["id"] for s in RAW["sources"].values()},
    "actors": {a["id"]: a.get("kind") for a in RAW["actors"].values()},
}
EVENTS = list(RAW["events"].values())
SOURCE = next(iter(CTX["sources"]))
ACTOR = next(a for a, k in CTX["actors"].items() if k != "place")
PLACE = next((a for a, k in CTX["actors"].items() if k == "place"), ACTOR)

ODD = [
    None, True, False, 0, 1, 1.5, -3, 1e308, float("nan"), float("inf"),
    "", " ", "x", "2024", "2024-02", "2024-02-30", "1999-12-31", "2025-01", "spring", "autumn",
    "nope", SOURCE, ACTOR, PLACE, "no-such-id", "about", "order", "exact", "at_least",
    "transport", "diplomacy", "agreed", "occurrence", "a quote that is long enough",
    "short", "x" * 401, [], [1], ["transport"], ["nope"], {}, {"a": 1},
]  # fmt: skip

FIELDS = [
    "title", "summary", "date", "end_date", "latest", "season", "date_inferred",
    "date_note", "sectors", "actors", "places", "figures", "status", "type", "inferred",
    "inferred_note", "evidence", "user",
]  # fmt: skip

figure = st.fixed_dictionaries(
    {"value": st.sampled_from([1, 10, 100, 1000, 7, 2.5, True, "3", None])},
    optional={
        "unit": st.sampled_from(["people", "", " ", None, 5]),
        "counts": st.sampled_from(["workers", "", None]),
        "approx": st.sampled_from([True, False, None, "yes"]),
        "qualifier": st.sampled_from([None, *schema.FIGURE_QUALIFIERS, "nope", 3]),
    },
)
item = st.fixed_dictionaries(
    {},
    optional={
        "source": st.sampled_from([SOURCE, "no-such-source", "", " ", None, 3]),
        "quote": st.sampled_from(["a quote long enough here", "short", " " * 20, None, 7,
                                  "y" * 400, "y" * 401]),
    },
)  # fmt: skip
actor = st.one_of(
    st.fixed_dictionaries(
        {"id": st.sampled_from([ACTOR, PLACE, "no-such-actor", 5, None])},
        optional={"role": st.sampled_from(["host", None, 3, ""])},
    ),
    st.sampled_from([ACTOR, None, 3]),
)
value = st.one_of(
    st.sampled_from(ODD),
    st.lists(figure, max_size=3),
    st.lists(item, max_size=3),
    st.lists(actor, max_size=3),
    st.lists(st.sampled_from([PLACE, ACTOR, "no-such-place", 3]), max_size=3),
    st.lists(st.sampled_from([*list(schema.SECTORS)[:3], "nope", 1]), max_size=3),
)


@settings(max_examples=1500, deadline=None)
@given(
    base=st.sampled_from(EVENTS),
    changes=st.dictionaries(st.sampled_from(FIELDS), value, max_size=4),
    drop=st.lists(st.sampled_from(FIELDS), max_size=2),
)
def test_the_quick_check_never_passes_what_the_full_check_refuses(base, changes, drop):
    rec = copy.deepcopy(base)
    rec.update(changes)
    for f in drop:
        rec.pop(f, None)
    if store._event_is_fine(rec, CTX):
        pr = store._Problems("x")
        store._check_event(pr, rec["id"], rec, CTX)
        assert not pr.items, (rec, [str(e) for e in pr.items])


def test_ordinary_events_take_the_quick_check():
    """Else it would cost without paying: the generator's events (and the shipped ones)
    are fine by both checks."""
    for ev in EVENTS:
        pr = store._Problems("x")
        store._check_event(pr, ev["id"], ev, CTX)
        assert not pr.items
        assert store._event_is_fine(ev, CTX), ev["id"]


def _figures() -> list:
    out = []
    for v in (1, 10, 1000, 7, 2.5, True, "3", None):
        for approx in (None, True, False, "yes"):
            for q in (None, *schema.FIGURE_QUALIFIERS, "nope"):
                fig = {"value": v, "unit": "people", "counts": "workers"}
                if approx is not None:
                    fig["approx"] = approx
                if q is not None:
                    fig["qualifier"] = q
                out.append([fig])
    out += [[{"value": 1, "unit": u, "counts": "x"}] for u in ("", " ", None, 5)]
    out += [[{"value": 1, "unit": "x", "counts": c}] for c in ("", None)]
    return out


def _evidence() -> list:
    ok = "a quote long enough here"
    out = [[{"source": s, "quote": ok}] for s in (SOURCE, "no-such-source", "", " ", None, 3)]
    out += [[{"source": SOURCE, "quote": q}] for q in ("short", " " * 20, None, 7, "y" * 401)]
    out += [[{"source": SOURCE, "quote": ok}, "not an object"], [{"quote": ok}], []]
    return out


def _actors() -> list:
    out = [[{"id": i, "role": r}] for i in (ACTOR, PLACE, "no-such-actor", 5, None)
           for r in ("host", None, 3)]  # fmt: skip
    return [*out, [ACTOR], [{"role": "host"}]]


CANDIDATES = [
    *ODD,
    *_figures(),
    *_evidence(),
    *_actors(),
    *[[p] for p in (PLACE, ACTOR, "no-such-place", 3)],
    *[[s] for s in (*list(schema.SECTORS)[:2], "nope", 1)],
]


def test_each_field_near_miss_alone():
    """Every field of a few events set, one at a time, to each candidate above (dates also
    in pairs: a span, a window, a season): the quick check says fine only where the full
    check finds nothing."""
    bases = [EVENTS[0], {**EVENTS[1], "date": "2024"}, {**EVENTS[2], "date": "2023-05"}]
    dates = ["2024", "2024-06", "2023", "2025-01-01", None, "x"]
    cases = [(f, v) for f in FIELDS for v in CANDIDATES]
    cases += [((a, b), (x, y)) for a in ("end_date", "latest", "season")
              for b in ("end_date", "latest", "season", "date") if a != b
              for x in (*dates, "spring") for y in (*dates, "winter")]  # fmt: skip
    for base in bases:
        for field, v in cases:
            rec = copy.deepcopy(base)
            if isinstance(field, tuple):
                rec[field[0]], rec[field[1]] = v
            else:
                rec[field] = copy.deepcopy(v)
            if store._event_is_fine(rec, CTX):
                pr = store._Problems("x")
                store._check_event(pr, rec["id"], rec, CTX)
                assert not pr.items, (field, v, [str(e) for e in pr.items])
