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
