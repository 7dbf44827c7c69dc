"""The index cache of large stores: used when valid, ignored when stale or damaged."""

from __future__ import annotations

import json
import os

import pytest

from nkru_tui.core import cache
from nkru_tui.core.engine import Engine
from nkru_tui.core.errors import StoreInvalid
from clitools import MINI

QUERIES = ["", "putin", "Ким", "rajin-sonbong", '"strategic talks"', "sector:transport -rason"]


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "MIN_EVENTS", 1)
    p = tmp_path / "store.json"
    p.write_bytes(MINI.read_bytes())
    return p


def results(eng):
    return {q: [e["id"] for e in eng.search_events(q)] for q in QUERIES}


def test_second_load_uses_the_cache_with_identical_results(store):
    first = Engine.load(store)
    assert not first.index_from_cache
    assert list(cache.cache_dir().glob("index-*.bin"))
    second = Engine.load(store)
    assert second.index_from_cache
    assert results(second) == results(first)


def test_a_changed_store_is_revalidated_not_served_from_cache(store):
    Engine.load(store)
    raw = json.loads(store.read_text(encoding="utf-8"))
    raw["events"]["1"]["sectors"] = ["spaceflight"]
    store.write_text(json.dumps(raw), encoding="utf-8")
    os.utime(store, ns=(1, 1))  # even with an old timestamp the size changed
    with pytest.raises(StoreInvalid):
        Engine.load(store)


def test_a_damaged_cache_is_ignored(store):
    Engine.load(store)
    for f in cache.cache_dir().glob("index-*.bin"):
        data = bytearray(f.read_bytes())
        data[-5] ^= 0xFF
        f.write_bytes(bytes(data))
    eng = Engine.load(store)
    assert not eng.index_from_cache
    assert results(eng)["putin"] == ["treaty-signed"]


def test_an_unwritable_cache_dir_is_not_an_error(store, monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setenv("NKRU_CACHE_DIR", str(blocker / "sub"))
    eng = Engine.load(store)
    assert results(eng)["putin"] == ["treaty-signed"]


def test_small_stores_are_not_cached(tmp_path):
    p = tmp_path / "small.json"
    p.write_bytes(MINI.read_bytes())
    Engine.load(p)
    assert not list(cache.cache_dir().glob("index-*.bin"))


def test_a_cache_of_another_layout_is_ignored(store):
    Engine.load(store)
    (f,) = cache.cache_dir().glob("index-*.bin")
    import marshal
    import zlib

    body = f.read_bytes()[12:]
    data = marshal.loads(body)
    data["postings"] = {"putin": b"\x00\x00\x00\x00"}  # an old token -> bytes layout
    body = marshal.dumps(data)
    f.write_bytes(cache.MAGIC + zlib.crc32(body).to_bytes(4, "big") + body)
    eng = Engine.load(store)
    assert not eng.index_from_cache
    assert results(eng)["putin"] == ["treaty-signed"]


def test_load_reports_its_stages(store):
    stages: list[str] = []
    Engine.load(store, progress=stages.append)
    assert stages[0].startswith("reading") and stages[1] == "checking 5 events"
    assert stages[2] == "indexing 5 events"
    stages.clear()
    Engine.load(store, progress=stages.append)
    assert stages[-1] == "indexing 5 events (from the cache)"
    assert not any(s.startswith("checking") for s in stages)


# ---------------------------------------------------------------- what a hit restores (FORMAT 3)

RICH_QUERIES = QUERIES + [
    "rail", "ra", "year:2020..2024", "from:2000", "to:1990", "year:1900..2100", "-tour",
    "is:inferred", "has:figures", "has:status", "status:planned", "type:statement",
    "sector:tourism -sector:trade", "country:kp", "kind:place", "date:2020", "date:2020-??",
    "source:src", "Пхеньян", "평양", '"railway bridge"', "is:bookmarked", "has:note",
    "is:window", "is:span", "is:seasonal", "year:2025", "spring",
]


@pytest.fixture(scope="module")
def synth_bytes(tmp_path_factory) -> bytes:
    """A synthetic store of the benchmark's kind: spans, inferred dates, statuses, figures."""
    import sys

    from clitools import ROOT

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import gen_store

    out = tmp_path_factory.mktemp("synth") / "s300.json"
    gen_store.main(["300", str(out), "--seed", "11"])
    return out.read_bytes()


@pytest.fixture(params=["mini", "model", "synth"])
def any_store(request, tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "MIN_EVENTS", 1)
    p = tmp_path / "store.json"
    if request.param == "synth":
        p.write_bytes(request.getfixturevalue("synth_bytes"))
    else:  # model.json: windows, seasons and inferred records (issue 12)
        p.write_bytes((MINI.parent / f"{request.param}.json").read_bytes())
    return p


def segment_state(seg) -> dict:
    """Every part of a segment, as plain values (views and arrays as lists)."""
    tables = {name: {k: list(v) for k, v in table.items()} for name, table in seg._tables().items()}
    return {
        "events": [e["id"] for e in seg.events], "starts": list(seg.starts),
        "ends": list(seg.ends), "pos_of": dict(seg.pos_of), "spans": list(seg.spans),
        "tables": tables, "inferred": set(seg.inferred), "with_figures": set(seg.with_figures),
        "postings": {t: list(p) for t, p in seg.postings.items()}, "vocab": list(seg.vocab),
        "user": seg.user,
    }


def lookups(eng) -> dict:
    evs = eng.events
    out: dict = {"events": [e["id"] for e in evs]}
    for e in evs[:: max(1, len(evs) // 40)]:
        out[e["id"]] = (eng.get(e["id"]) is e, eng.kind_of(e["id"]),
                        [r["id"] for r in eng.related_events(e["id"])])
    for aid in eng.actors:
        out[aid] = (eng.event_count(aid), [e["id"] for e in eng.events_of_actor(aid)],
                    [r["id"] for r in eng.relations_of_actor(aid)])
    for q in RICH_QUERIES:
        try:
            out["q " + q] = ([e["id"] for e in eng.search_events(q)],
                             [a["id"] for a in eng.search_actors(q)])
        except Exception as exc:  # the same error both ways is as good as the same result
            out["q " + q] = repr(exc)
    return out


def test_a_hit_restores_every_part_of_the_index(any_store):
    fresh = Engine.load(any_store)
    assert not fresh.index_from_cache
    hit = Engine.load(any_store)
    assert hit.index_from_cache
    assert segment_state(hit._base) == segment_state(fresh._base)
    assert lookups(hit) == lookups(fresh)


def test_a_hit_serves_the_user_layer_like_a_fresh_load(any_store):
    from nkru_tui.core.userdata import UserSnapshot

    fresh = Engine.load(any_store)
    first = fresh.events[0]["id"]
    snap = UserSnapshot(notes={first: "a railway note"}, bookmarks={first: {}})
    fresh.set_user(snap)
    hit = Engine.load(any_store, user=snap)
    assert hit.index_from_cache
    assert lookups(hit) == lookups(fresh)


def _rewrite_cache(change) -> None:
    import marshal
    import zlib

    (f,) = cache.cache_dir().glob("index-*.bin")
    data = marshal.loads(f.read_bytes()[12:])
    change(data)
    body = marshal.dumps(data)
    f.write_bytes(cache.MAGIC + zlib.crc32(body).to_bytes(4, "big") + body)


def _swap_first_two(data) -> None:
    from array import array

    order = array("I")
    order.frombytes(data["order"])
    order[0], order[1] = order[1], order[0]
    data["order"] = order.tobytes()


def _position_past_the_end(data) -> None:
    from array import array

    keys, offsets, flat = data["tables"]["sector"]
    arr = array("I")
    arr.frombytes(flat)
    arr[-1] = data["n"] + 5
    data["tables"]["sector"] = [keys, offsets, arr.tobytes()]


def _format_2(data) -> None:  # the layout before FORMAT 3: postings only
    for k in list(data):
        if k not in ("key", "ids"):
            del data[k]
    data["postings"] = {"flat": b"", "spans": {}}


@pytest.mark.parametrize("change", [
    _swap_first_two,                                   # an order the ids digest refuses
    _position_past_the_end,                            # a position beyond the events
    lambda d: d.update(n=d["n"] + 1),                  # another number of events
    lambda d: d.update(starts=d["starts"][:-4]),       # a truncated array
    lambda d: d["tables"].pop("status"),               # a table missing
    lambda d: d.update(postings=d["postings"][:2]),    # postings of another shape
    lambda d: d.update(vocab=None, postings=[d["postings"][0][::-1]] + d["postings"][1:]),
    _format_2,
], ids=["order", "past-end", "count", "truncated", "no-table", "postings-shape",
        "unsorted-vocab", "format-2"])
def test_a_cache_that_does_not_fit_is_ignored_and_the_store_checked(any_store, change):
    fresh = Engine.load(any_store)
    expected = lookups(fresh)
    _rewrite_cache(change)
    stages: list[str] = []
    eng = Engine.load(any_store, progress=stages.append)
    assert not eng.index_from_cache
    assert any(s.startswith("checking") for s in stages)  # a miss is re-validated
    assert stages[-1].startswith("indexing") and "cache" not in stages[-1]
    assert lookups(eng) == expected
    again = Engine.load(any_store)  # and the miss wrote a good cache again
    assert again.index_from_cache
    assert lookups(again) == expected


def test_a_cache_of_the_previous_format_is_never_read(store, monkeypatch):
    monkeypatch.setattr(cache, "FORMAT", 2)
    old_key = cache.key_for(store)
    monkeypatch.undo()
    assert cache.key_for(store) != old_key
