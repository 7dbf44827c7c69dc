"""The on-disk index (core/diskindex.py) answers every query exactly as the in-memory engine.

A differential test: the same store is loaded both ways and many generated queries (words,
prefixes of every length, phrases within and across fields, negation, every qualifier,
Cyrillic and Hangul aliases) must return the same events in the same order, with and
without a user layer on top. Modest sizes; nothing is timed.
"""

from __future__ import annotations

import copy
import json
import random
import sys
from pathlib import Path

import pytest

from nkru_tui.core import diskbuild, diskindex
from nkru_tui.core.engine import Engine
from nkru_tui.core.errors import QueryError
from nkru_tui.core.index import event_text_fields
from nkru_tui.core.textnorm import tokens
from nkru_tui.core.userdata import UserSnapshot

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import gen_store

pytestmark = pytest.mark.skipif(
    not (diskindex.fts5_available() and diskbuild.available()), reason="no FTS5 or ijson"
)

# events that exercise the folding edge cases: accents, Cyrillic ё/й, Hangul, digits,
# underscores, one-letter words, a phrase split across two fields
EXTRA_EVENTS = [
    {
        "id": "edge-accents",
        "date": "2024",
        "title": "Kozhemyáko visits Rason_port b",
        "summary": "Ёлка и йод: Пхеньян, 평양 철도. Choe Son-hui; A b c.",
        "sectors": ["transport"],
        "actors": [],
        "evidence": [],
    },
    {
        "id": "edge-window",
        "date": "2024",
        "latest": "2025",
        "title": "railway window",
        "summary": "bridge talks",
        "sectors": ["transport"],
        "actors": [],
        "evidence": [],
    },
    {
        "id": "edge-season",
        "date": "2023",
        "season": "spring",
        "title": "spring railway bridge",
        "summary": "seasonal",
        "sectors": ["transport"],
        "actors": [],
        "evidence": [],
    },
    {
        "id": "edge-split",
        "date": "2024-06",
        "title": "railway",
        "summary": "bridge talks",
        "sectors": ["transport"],
        "actors": [],
        "evidence": [],
        "date_inferred": True,
    },
    {
        "id": "edge-digits",
        "date": "2024-06-19",
        "end_date": "2025-01",
        "title": "Treaty 2024 x1",
        "summary": "railway|bridge over_the Tumen",
        "sectors": ["diplomacy"],
        "status": "signed",
        "actors": [],
        "evidence": [],
        "figures": [{"value": 1000, "unit": "people", "counts": "workers"}],
    },
]


def synthetic() -> dict:
    """The generator's store plus the folding edge cases, made valid (evidence cited)."""
    raw = gen_store.generate(300, seed=11)
    src = next(iter(raw["sources"].values()))["id"]
    n = len(raw["events"])
    for i, ev in enumerate(copy.deepcopy(EXTRA_EVENTS)):
        ev["evidence"] = [{"source": src, "quote": f"{ev['title']} — a quote Ёлка 평양"}]
        if ev.get("status") == "signed":
            ev["status"] = "agreed"
        if ev.get("date_inferred"):
            ev["date_note"] = "inferred from the month of the talks"
        raw["events"][str(n + 1 + i)] = ev
    add_self_relation(raw)
    return raw


def _raw(kind: str) -> dict:
    if kind == "shipped":
        return json.loads((ROOT / "data" / "db.json").read_text(encoding="utf-8"))
    if kind == "model":  # windows, seasons, spans, inferred records (issue 12's fixture)
        return json.loads((ROOT / "tests" / "fixtures" / "model.json").read_text("utf-8"))
    return synthetic()


def add_self_relation(raw: dict) -> None:
    """A relation with the same actor at both ends (listed once per end by the engine), in
    the middle of the relations."""
    rels = raw["relations"]
    keys = list(rels)
    first = rels[keys[0]]
    mid = len(keys) // 2
    rebuilt = {k: rels[k] for k in keys[:mid]}
    rebuilt["self-edge"] = dict(first, id="rel-self-edge", object=first["subject"])
    rebuilt.update({k: rels[k] for k in keys[mid:]})
    raw["relations"] = rebuilt


def _pair(raw: dict, tmp: Path) -> tuple[Engine, Engine]:
    """The store in memory, and its index on disk as users get it: built by the streaming
    build (core/diskbuild.py) from the store written to a file."""
    mem = Engine(raw)
    store = tmp / "store.json"
    store.write_text(json.dumps(raw, ensure_ascii=False, indent=1), encoding="utf-8")
    dest = tmp / "idx.sqlite"
    ident = diskindex.identity(store)
    assert ident is not None and diskbuild.build(store, dest, ident)
    disk = Engine._from_index(diskindex.DiskIndex(dest), store)
    assert disk is not None and disk.on_disk and not mem.on_disk
    return mem, disk


def _user(raw: dict) -> UserSnapshot:
    evs = list(raw["events"].values())
    rng = random.Random(3)
    dates = sorted({e["date"] for e in evs})
    mine = []
    for i in range(12):
        d = rng.choice(dates)
        mine.append(
            {
                "id": f"{'a' if i % 2 else 'zz'}-mine-{i}",
                "date": d,
                "user": True,
                "title": f"my railway note {i} Пхеньян",
                "summary": "tourism bridge",
                "sectors": ["transport"],
                "actors": [],
                "evidence": [],
            }
        )
    picked = rng.sample(evs, 5)
    acts = [a["id"] for a in raw.get("actors", {}).values()]
    rels: list[dict] = []
    if len(acts) >= 2:
        own = {"type": "met", "user": True, "evidence": []}
        rels = [
            {"id": "rel-mine-1", "subject": acts[0], "object": acts[1], **own},
            {"id": "rel-mine-self", "subject": acts[1], "object": acts[1], **own},
        ]
        for cur in list(raw.get("relations", {}).values())[:1]:  # a curated id: not taken
            rels.append(dict(cur, subject=acts[1], note="mine, reusing a curated id"))
    return UserSnapshot(
        notes={e["id"]: "a railway bridge in my notes" for e in picked[:3]},
        bookmarks=frozenset(e["id"] for e in picked[2:]),
        events=tuple(mine),
        relations=tuple(rels),
    )


def _queries(eng: Engine, raw: dict, n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    vocab = eng._base.vocab
    evs = list(raw["events"].values())
    actors = list(raw.get("actors", {}).values())
    sectors = sorted({s for e in evs for s in e.get("sectors", ())}) or ["transport"]
    sources = sorted(
        {
            x.get("source")
            for e in evs
            for x in e.get("evidence", ()) or ()
            if isinstance(x, dict) and x.get("source")
        }
    ) or ["s"]
    years = sorted({int(str(e["date"])[:4]) for e in evs})
    dates = sorted({str(e["date"]) for e in evs})

    def word() -> str:
        w = rng.choice(vocab)
        r = rng.random()
        if r < 0.3:
            return w[: rng.randint(1, max(1, len(w)))]  # a prefix, one letter included
        if r < 0.35:
            return w.upper()
        return w

    def phrase() -> str:
        ev = rng.choice(evs)
        fields = [tokens(f) for f in event_text_fields(ev) if f]
        toks = rng.choice(fields) if rng.random() < 0.8 else [t for f in fields for t in f]
        if len(toks) < 2:
            return f'"{word()} {word()}"'
        k = rng.randint(2, min(4, len(toks)))
        i = rng.randint(0, len(toks) - k)
        seq = toks[i : i + k]
        if rng.random() < 0.4:
            seq[-1] = seq[-1][: rng.randint(1, len(seq[-1]))]
        return '"' + " ".join(seq) + '"'

    def alias() -> str:
        a = rng.choice(actors) if actors else {"name": "Пхеньян"}
        names = [a.get("name", "")] + list(a.get("aliases", ()) or [])
        name = rng.choice([x for x in names if x] or ["평양"])
        return f'"{name}"' if " " in name else name

    def qual() -> str:
        c = rng.randrange(16)
        if c == 0:
            a = rng.choice(actors) if actors else {"id": "x"}
            return f"actor:{a['id']}" if rng.random() < 0.5 else f"actor:{alias()}"
        if c == 1:
            return f"sector:{rng.choice(sectors)}"
        if c == 2:
            return f"country:{rng.choice(['kp', 'ru', 'cn', 'north'])}"
        if c == 3:
            return f"kind:{rng.choice(['person', 'org', 'place', 'state'])}"
        if c == 4:
            y = rng.choice(years)
            return f"year:{y}" if rng.random() < 0.5 else f"year:{y}..{y + rng.randint(0, 5)}"
        if c == 5:
            d = rng.choice(dates)
            return f"date:{d[: rng.choice([4, 7, 10])]}"
        if c == 6:
            return f"date:{rng.choice(years)}-??"
        if c == 7:
            return f"from:{rng.choice(dates)}"
        if c == 8:
            return f"to:{rng.choice(dates)}"
        if c == 9:
            s = rng.choice(sources)
            return f"source:{s if rng.random() < 0.6 else s[: rng.randint(1, len(s))]}"
        if c == 10:
            return f"status:{rng.choice(['signed', 'proposed', 'planned', 'in'])}"
        if c == 11:
            return f"type:{rng.choice(['statement', 'reaction', 'occurrence', 'assessment'])}"
        if c == 12:
            return (
                f"is:{rng.choice(['bookmarked', 'user', 'inferred', 'span', 'window', 'seasonal'])}"
            )
        if c == 13:
            return f"has:{rng.choice(['note', 'figures', 'status'])}"
        return alias()

    out = [
        "",
        "railway",
        "tour",
        "kim putin",
        '"railway bridge"',
        "sector:tourism",
        "Пхеньян",
        "평양",
        "year:1900..2100",
        "-tour",
        '"railway b"',
        "b",
        "r",
        "ё",
        "kozhemyako",
        "KOZHEMYÁKO",
        "rason_port",
        '"railway"',
        "jong-un",
        "-",
        '"a b c"',
    ]
    makers = [word, word, phrase, alias, qual]
    while len(out) < n:
        clauses = []
        for _ in range(rng.randint(1, 3)):
            c = rng.choice(makers)()
            if rng.random() < 0.2:
                c = "-" + c
            clauses.append(c)
        out.append(" ".join(clauses))
    return out


def _answer(eng: Engine, q: str) -> object:
    try:
        res = eng.search_events(q)
    except QueryError as exc:
        return ("error", str(exc))
    return [e["id"] for e in res]


@pytest.mark.parametrize("kind", ["synthetic", "shipped", "model"])
@pytest.mark.parametrize("with_user", [False, True])
def test_index_answers_as_the_engine(kind: str, with_user: bool, tmp_path: Path) -> None:
    raw = _raw(kind)
    mem, disk = _pair(raw, tmp_path)
    if with_user:
        snap = _user(raw)
        mem.set_user(snap)
        disk.set_user(snap)
    assert [e["id"] for e in disk.events] == [e["id"] for e in mem.events]
    queries = _queries(mem, raw, 400, seed=5 + with_user)
    every = [e["id"] for e in mem.events][::7]
    hits = sum(1 for q in queries if _answer(mem, q) not in ([], ()))
    assert hits > len(queries) // 3  # the generated queries do find things
    for q in queries:
        want = _answer(mem, q)
        assert _answer(disk, q) == want, q
        res = disk.search_events(q) if not isinstance(want, tuple) else None
        if res is not None and hasattr(res, "ids"):
            assert res.ids() == want, q  # the id-only read path agrees too
        if res is not None and hasattr(res, "index_of"):  # the lazy reads a list view makes
            assert isinstance(want, list)
            step = max(1, len(want) // 4)
            for k in range(0, len(want), step):
                assert res.index_of(want[k]) == k, q
                assert [e["id"] for e in res[k : k + 5]] == want[k : k + 5], q
            if want:
                assert res[-1]["id"] == want[-1], q
            absent = next((i for i in every if i not in set(want)), None)
            if absent is not None:
                assert res.index_of(absent) is None, q
    for q in queries[:60]:
        try:
            want_a = [a["id"] for a in mem.search_actors(q)]
        except QueryError:
            continue
        assert [a["id"] for a in disk.search_actors(q)] == want_a, q


def test_lookups_agree(tmp_path: Path) -> None:
    raw = _raw("synthetic")
    mem, disk = _pair(raw, tmp_path)
    snap = _user(raw)
    mem.set_user(snap)
    disk.set_user(snap)
    for aid in list(mem.actors)[:40]:
        assert [e["id"] for e in disk.events_of_actor(aid)] == [
            e["id"] for e in mem.events_of_actor(aid)
        ]
        assert disk.event_count(aid) == mem.event_count(aid)
    for ev in list(mem.events)[::17]:
        rid = ev["id"]
        assert disk.get_event(rid) == ev
        assert disk.kind_of(rid) == mem.kind_of(rid)
        assert disk.is_curated(rid) == mem.is_curated(rid)
        assert [e["id"] for e in disk.related_events(rid)] == [
            e["id"] for e in mem.related_events(rid)
        ]
    assert disk.get_event("no-such-event") is None
    # related events: on disk ranked by bitsets and a widening year window
    for ev in list(mem.events)[::3]:
        for limit in (1, 3, 10, 40):
            assert [e["id"] for e in disk.related_events(ev["id"], limit)] == [
                e["id"] for e in mem.related_events(ev["id"], limit)
            ], (ev["id"], limit)
    assert disk.relations == mem.relations
    # relations read per actor and per id from the index's rows (the user's on top)
    assert any(r["subject"] == r["object"] for r in mem.relations if not r.get("user"))
    for aid in mem.actors:
        assert disk.relations_of_actor(aid) == mem.relations_of_actor(aid), aid
    mine_self = snap.relations[1]  # the user's, with one actor at both ends: once per end
    assert disk.relations_of_actor(mine_self["object"]).count(mine_self) == 2
    for r in mem.relations:
        assert disk.get(r["id"]) == mem.get(r["id"]) == r
        assert disk.kind_of(r["id"]) == mem.kind_of(r["id"]) == "relation"
        assert disk.is_curated(r["id"]) == mem.is_curated(r["id"]) == (not r.get("user"))
    reused = snap.relations[2]
    assert disk.get(reused["id"]) == mem.get(reused["id"]) != reused  # the curated one
    for rid in ("no-such-relation", ""):
        assert disk.get(rid) is mem.get(rid) is None
        assert disk.kind_of(rid) is mem.kind_of(rid) is None
    assert disk.relations_of_actor("no-such-actor") == mem.relations_of_actor("x") == []
    assert disk.curated_known_ids() == mem.curated_known_ids()
    res = disk.search_events("railway")
    assert res[:3] == list(mem.search_events("railway"))[:3]
    assert res[-1] == mem.search_events("railway")[-1]


def test_stale_index_is_rebuilt_and_same_bytes_reuse_it(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("NKRU_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(diskindex, "MIN_EVENTS", 10)
    store = tmp_path / "store.json"
    raw = gen_store.generate(60, seed=2)
    store.write_text(json.dumps(raw), encoding="utf-8")
    first = Engine.load(store)
    assert first.on_disk
    assert diskindex.open_for(store) is not None
    # same bytes, new identity (touched): the index is reused, not rebuilt
    store.write_text(json.dumps(raw), encoding="utf-8")
    assert diskindex.open_for(store) is not None
    # other bytes: the index no longer fits, and the next load rebuilds it
    del raw["events"][next(iter(raw["events"]))]
    store.write_text(json.dumps(raw), encoding="utf-8")
    assert diskindex.open_for(store) is None
    again = Engine.load(store)
    assert again.on_disk and again.total_events == first.total_events - 1
    # a damaged index is a miss, never an error
    diskindex.index_path(store).write_bytes(b"not a database")
    assert diskindex.open_for(store) is None
    assert Engine.load(store).total_events == again.total_events


def test_opens_quickly(tmp_path: Path, monkeypatch) -> None:
    """The app loads before its first frame only what opens in milliseconds."""
    from nkru_tui.core import engine as engine_mod

    monkeypatch.setenv("NKRU_CACHE_DIR", str(tmp_path / "cache"))
    assert Engine.opens_quickly(ROOT / "data" / "db.json")  # the shipped store: small
    store = tmp_path / "store.json"
    store.write_text(json.dumps(gen_store.generate(60, seed=2)), encoding="utf-8")
    monkeypatch.setattr(engine_mod, "QUICK_BYTES", 1000)
    monkeypatch.setattr(diskindex, "MIN_EVENTS", 10)
    assert not Engine.opens_quickly(store)  # large, no index yet
    Engine.load(store)
    assert Engine.opens_quickly(store)  # its index is on disk now
    assert not Engine.opens_quickly(tmp_path / "missing.json")


@pytest.mark.parametrize("kind", ["model", "shipped"])
def test_related_events_agree(kind: str, tmp_path: Path) -> None:
    """Windows, seasons (a winter starts in the year before its date's) and spans: the
    on-disk ranking (bitsets, a widening window of positions) is the in-memory one."""
    raw = _raw(kind)
    mem, disk = _pair(raw, tmp_path)
    snap = _user(raw)
    mem.set_user(snap)
    disk.set_user(snap)
    for ev in mem.events:
        for limit in (1, 5, 10):
            assert [e["id"] for e in disk.related_events(ev["id"], limit)] == [
                e["id"] for e in mem.related_events(ev["id"], limit)
            ], (ev["id"], limit)


@pytest.mark.parametrize("kind", ["synthetic", "model"])
def test_chart_rows_count_as_the_records(kind: str, tmp_path: Path) -> None:
    """The density chart's light rows (date to the month, first sector, window) give the
    counts the full records give, per year and per month, with a user layer."""
    from nkru_tui.core import graph

    raw = _raw(kind)
    mem, disk = _pair(raw, tmp_path)
    snap = _user(raw)
    mem.set_user(snap)
    disk.set_user(snap)
    for q in ["", "railway", "tour", "-tour", "is:window", "year:2024", "Пхеньян", "zzzz"]:
        res = disk.search_events(q)
        light = res.light_counts()  # type: ignore[attr-defined]
        assert sum(n for _, n in light) == len(res)
        full = list(mem.search_events(q))
        for by in ("year", "month"):
            assert graph.density_of(light, by) == graph.density(full, by), (q, by)
            assert graph.window_counts_of(light, by) == graph.window_counts(full, by), (q, by)


@pytest.mark.parametrize("kind", ["synthetic", "shipped"])
def test_actor_name_rows_answer_as_the_actor_index(kind: str, tmp_path: Path) -> None:
    """The curated actors' index read from its rows (``DiskActorIndex``, one range read per
    word) finds the actors the in-memory ``ActorIndex`` finds, for every word of every
    actor's names and text, its prefixes (one letter, two, more), pairs and triples of
    consecutive words (a phrase: the last one a prefix), in every script."""
    raw = _raw(kind)
    mem, disk = _pair(raw, tmp_path)
    ai, dai = mem._cur_actor_index, disk._cur_actor_index
    assert isinstance(dai, diskindex.DiskActorIndex)
    rng = random.Random(9)
    probes: set[tuple[str, ...]] = {("zzzz",), ("kozhemyako", "zzz"), ("a", "b")}
    for seqs in list(ai.text_seqs.values()):
        for seq in seqs:
            for i, tok in enumerate(seq):
                probes.add((tok,))
                probes.add((tok[: rng.randint(1, max(1, len(tok)))],))
                if i + 1 < len(seq):
                    nxt = seq[i + 1]
                    probes.add((tok, nxt[: rng.randint(1, len(nxt))]))
                if i + 2 < len(seq):
                    probes.add((tok, seq[i + 1], seq[i + 2]))
                    probes.add((seq[i + 2], tok))  # out of order: no phrase
    assert len(probes) > 200
    found = 0
    for words in sorted(probes):
        want_n, want_t = ai.by_name(words), ai.by_text(words)
        assert dai.by_name(words) == want_n, words
        assert dai.by_text(words) == want_t, words
        assert dai.by_name(words) == want_n, words  # a second ask (cached) agrees too
        found += bool(want_n) + bool(want_t)
    assert found > len(probes) // 2  # most probes find someone


def test_user_records_meet_the_same_curated_ids(tmp_path: Path) -> None:
    """A user layer opened over the index (its curated event and relation ids are views
    asking the index, never copied into sets) refuses and accepts the same records, with the
    same messages, as one opened over the in-memory engine."""
    from nkru_tui.core.errors import StoreError
    from nkru_tui.core.store import validate_record
    from nkru_tui.core.userlayer import UserLayer

    raw = _raw("synthetic")
    mem, disk = _pair(raw, tmp_path)
    assert not isinstance(disk.curated_known_ids()["events"], set)
    ev = next(iter(raw["events"].values()))
    rel = next(iter(raw["relations"].values()))
    src = next(iter(raw["sources"].values()))["id"]
    acts = [a["id"] for a in raw["actors"].values()]
    base = {
        "date": "2025",
        "title": "Mine",
        "sectors": ["transport"],
        "actors": [],
        "evidence": [{"source": src, "quote": "a quote of my own"}],
    }
    tries = [
        ("events", dict(base, id=ev["id"])),  # a curated event's id
        ("events", dict(base, id=rel["id"])),  # a curated relation's id
        ("events", dict(base, id=acts[0])),  # a curated actor's id
        ("events", dict(base, id="my-own-event", actors=[{"id": acts[0], "role": "x"}])),
        ("events", dict(base, id="my-own-event")),  # now the user's own: used
        (
            "relations",
            {"id": rel["id"], "type": "met", "subject": acts[0], "object": acts[1], "evidence": []},
        ),
        (
            "relations",
            {
                "id": "my-rel",
                "type": "met",
                "subject": acts[0],
                "object": "my-own-event",
                "evidence": [],
            },
        ),
        (
            "relations",
            {
                "id": "my-rel-2",
                "type": "met",
                "subject": acts[0],
                "object": acts[1],
                "evidence": [],
            },
        ),
    ]
    answers = {}
    for name, eng in (("mem", mem), ("disk", disk)):
        layer = UserLayer.open(
            tmp_path / f"{name}.json",
            curated_known_ids=eng.curated_known_ids(),
            curated_actor_kinds=eng.curated_actor_kinds(),
        )
        got = []
        for table, rec in tries:
            try:
                layer.add_record(table, rec, validator=validate_record)
                got.append("added")
            except StoreError as exc:
                got.append(str(exc).replace(str(tmp_path / name), "USER"))
        # an edit of the user's own record meets every id but its own
        layer.update_record("my-own-event", {"title": "Mine, edited"}, validator=validate_record)
        got.append((layer.get_record("my-own-event") or {}).get("title", ""))
        assert ev["id"] in layer.curated_ids and rel["id"] in layer.curated_ids
        assert "my-own-event" not in layer.curated_ids
        answers[name] = got
    assert answers["disk"] == answers["mem"]
    assert [a == "added" for a in answers["mem"]] == [
        False,
        False,
        False,
        True,
        False,
        False,
        False,
        True,
        False,  # "Mine, edited"
    ]
