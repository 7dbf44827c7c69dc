"""The benchmark's synthetic store generator writes stores in our real schema.

Only the generator's output is checked here, with stdlib checks (and, when the engine is
importable, ``Engine.load``). No timing is asserted anywhere: the machines are noisy.
"""

from __future__ import annotations

import importlib
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import gen_store  # noqa: E402

from nkru_tui.core import schema  # noqa: E402

DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@pytest.fixture(scope="module")
def store_file(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bench") / "s200.json"
    gen_store.main(["200", str(out), "--seed", "7"])
    return out


@pytest.fixture(scope="module")
def raw(store_file: Path) -> dict:
    return json.loads(store_file.read_text(encoding="utf-8"))


def test_vocabularies_match_schema() -> None:
    assert gen_store.SECTORS == list(schema.SECTORS)
    assert gen_store.ACTOR_KINDS == list(schema.ACTOR_KINDS)
    assert gen_store.COUNTRIES == list(schema.COUNTRIES)
    assert gen_store.RELATION_TYPES == list(schema.RELATION_TYPES)
    assert gen_store.STATUSES == list(schema.STATUSES)
    assert gen_store.EVENT_TYPES == list(schema.EVENT_TYPES)


def test_deterministic(tmp_path: Path, store_file: Path) -> None:
    again = tmp_path / "again.json"
    gen_store.main(["200", str(again), "--seed", "7"])
    assert again.read_bytes() == store_file.read_bytes()
    other = tmp_path / "other.json"
    gen_store.main(["200", str(other), "--seed", "8"])
    assert other.read_bytes() != store_file.read_bytes()


def _valid_date(s: str) -> bool:
    if not isinstance(s, str) or not DATE_RE.match(s):
        return False
    import datetime

    parts = [int(p) for p in s.split("-")]
    try:
        datetime.date(parts[0], *(parts[1:] + [1, 1])[:2])
    except ValueError:
        return False
    return 1950 <= parts[0] <= 2026


def _check_evidence(rec: dict, sources: set[str]) -> None:
    ev = rec["evidence"]
    assert isinstance(ev, list) and ev, rec["id"]
    for item in ev:
        assert item["source"] in sources, rec["id"]
        assert schema.QUOTE_MIN <= len(item["quote"].strip()) <= schema.QUOTE_MAX, rec["id"]


def test_schema_valid_stdlib(raw: dict) -> None:
    assert set(raw) == set(schema.TABLES)
    for table in schema.TABLES:
        assert all(k.isdigit() for k in raw[table]), table
    ids: set[str] = set()
    for table in ("sources", "actors", "events", "relations"):
        for rec in raw[table].values():
            assert schema.ID_RE.match(rec["id"]), rec["id"]
            assert rec["id"] not in ids, rec["id"]
            ids.add(rec["id"])
    sources = {s["id"] for s in raw["sources"].values()}
    for s in raw["sources"].values():
        assert s["title"].strip() and s["file"].endswith(".txt")
    actors = {a["id"]: a for a in raw["actors"].values()}
    assert len(actors) >= 50
    for a in actors.values():
        assert a["name"].strip()
        assert a["kind"] in schema.ACTOR_KINDS
        assert a["country"] is None or a["country"] in schema.COUNTRIES
        assert all(isinstance(x, str) for x in a["aliases"])
        _check_evidence(a, sources)
    aliases = [x for a in actors.values() for x in a["aliases"]]
    assert any(re.search("[А-Яа-я]", x) for x in aliases), "Cyrillic aliases"
    assert any(re.search("[\uac00-\ud7a3]", x) for x in aliases), "Hangul aliases"
    events = list(raw["events"].values())
    assert len(events) == 200
    for e in events:
        assert _valid_date(e["date"]), e["date"]
        if "end_date" in e:
            assert _valid_date(e["end_date"]) and e["end_date"][:4] >= e["date"][:4]
        if e.get("date_inferred"):
            assert e["date_note"].strip()
        assert e["title"].strip() and e["summary"].strip()
        assert e["sectors"] and all(s in schema.SECTORS for s in e["sectors"])
        assert 2 <= len(e["actors"]) <= 5
        for a in e["actors"]:
            assert a["id"] in actors
            assert "role" not in a or isinstance(a["role"], str)
        for p in e["places"]:
            assert actors[p]["kind"] == "place"
        for f in e["figures"]:
            assert isinstance(f["value"], (int, float)) and not isinstance(f["value"], bool)
            assert f["unit"].strip() and f["counts"].strip()
        assert e.get("status") is None or e["status"] in schema.STATUSES
        assert e.get("type") is None or e["type"] in schema.EVENT_TYPES
        _check_evidence(e, sources)
    for r in raw["relations"].values():
        assert r["type"] in schema.RELATION_TYPES
        assert r["subject"] in actors and r["object"] in actors
        if "date" in r:
            assert _valid_date(r["date"])
        if r.get("inferred"):
            assert r["note"].strip()
        _check_evidence(r, sources)


def test_realistic_field_sizes(raw: dict) -> None:
    events = list(raw["events"].values())
    mean = lambda xs: sum(xs) / len(xs)  # noqa: E731
    assert 45 <= mean([len(e["title"]) for e in events]) <= 80
    assert 300 <= mean([len(e["summary"]) for e in events]) <= 500


def test_validator_accepts_it(raw: dict, store_file: Path) -> None:
    from nkru_tui.core import store

    assert [str(p) for p in store.validate(raw, store_file)] == []


def test_engine_loads_it(store_file: Path) -> None:
    try:
        engine = importlib.import_module("nkru_tui.core.engine")
    except ImportError as exc:
        pytest.skip(f"nkru_tui.core.engine does not import yet ({exc})")
    eng = engine.Engine.load(store_file)
    assert len(eng.events) == 200
    assert eng.search_events("Пхеньян"), "the Cyrillic anchor alias finds events"
