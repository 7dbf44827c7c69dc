"""The streaming index build (core/diskbuild.py): the index it writes straight from a store's
file is the one written from the in-memory engine's Segment, it answers as the in-memory
engine, and it refuses a bad store with the in-memory load's very error line, leaving no
index behind. Modest sizes; nothing is timed."""

from __future__ import annotations

import copy
import json
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from nkru_tui.core import diskbuild, diskindex
from nkru_tui.core.engine import Engine
from nkru_tui.core.errors import StoreError

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

import gen_store
from helpers import segment_index
from test_diskindex import _answer, _queries, _user, synthetic

pytestmark = pytest.mark.skipif(
    not (diskindex.fts5_available() and diskbuild.available()), reason="no FTS5 or ijson"
)


def _synthetic() -> dict:
    return synthetic()


def _raw(kind: str) -> dict:
    if kind == "shipped":
        return json.loads((ROOT / "data" / "db.json").read_text(encoding="utf-8"))
    if kind == "model":  # events before sources in the file; windows, seasons, spans
        return json.loads((ROOT / "tests" / "fixtures" / "model.json").read_text("utf-8"))
    return _synthetic()


def _store(raw: dict, tmp: Path, name: str = "store.json") -> Path:
    p = tmp / name
    p.write_text(json.dumps(raw, ensure_ascii=False, indent=1), encoding="utf-8")
    return p


def _build(store: Path, dest: Path) -> Engine:
    ident = diskindex.identity(store)
    assert ident is not None
    assert diskbuild.build(store, dest, ident)
    eng = Engine._from_index(diskindex.DiskIndex(dest), store)
    assert eng is not None and eng.on_disk
    return eng


def _fts_tokens(con: sqlite3.Connection) -> list[tuple]:
    """Every token FTS5 holds, with its event and place in the event's text."""
    con.execute("CREATE VIRTUAL TABLE temp.inst USING fts5vocab(main, fts, 'instance')")
    return con.execute("SELECT term, doc, offset FROM temp.inst ORDER BY 1, 2, 3").fetchall()


def _rows(path: Path) -> dict[str, list]:
    con = sqlite3.connect(path)
    try:
        return {
            t: con.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
            for t in ("ev", "post", "tab", "arr", "rel", "aword", "aseq")
        } | {
            "rec": con.execute("SELECT * FROM rec ORDER BY 1").fetchall()
        } | {"fts": _fts_tokens(con)}
    finally:
        con.close()


@pytest.mark.parametrize(
    "kind", ["synthetic", "shipped", "model", "chunked", "long-token", "no-json"]
)
def test_streamed_index_is_the_segment_index(kind: str, tmp_path: Path, monkeypatch) -> None:
    """Row for row, the tables the streaming build writes are those written from the
    in-memory engine's Segment (same positions, tokens, tables, date arrays, records);
    "chunked": the word postings are read back from FTS5 a few tokens at a time;
    "long-token": a token longer than FTS5 keeps whole makes them come from the text;
    "no-json": an SQLite without JSON functions (FTS5 rows one by one, postings from the
    text)."""
    if kind == "chunked":
        monkeypatch.setattr(diskbuild, "POSTINGS_CHUNK", 50)
    if kind == "long-token":
        monkeypatch.setattr(diskbuild, "FTS5_MAX_TOKEN", 12)
        seen = []
        real = diskbuild._python_postings
        monkeypatch.setattr(
            diskbuild, "_python_postings", lambda *a: seen.append(1) or real(*a)
        )
    if kind == "no-json":
        monkeypatch.setattr(diskbuild, "_has_json", lambda con: False)
    raw = _raw("synthetic" if kind in ("chunked", "long-token", "no-json") else kind)
    store = _store(raw, tmp_path)
    _build(store, tmp_path / "streamed.sqlite")
    mem = Engine(raw)
    assert segment_index.write(
        tmp_path / "segment.sqlite", mem._base, raw, "i", "d", actor_index=mem._cur_actor_index
    )
    got, want = _rows(tmp_path / "streamed.sqlite"), _rows(tmp_path / "segment.sqlite")
    for table in want:
        assert got[table] == want[table], table
    assert seen == [1] if kind == "long-token" else True


@pytest.mark.parametrize("with_user", [False, True])
def test_streamed_index_answers_as_the_engine(with_user: bool, tmp_path: Path) -> None:
    raw = _synthetic()
    disk = _build(_store(raw, tmp_path), tmp_path / "idx.sqlite")
    mem = Engine(raw)
    if with_user:
        snap = _user(raw)
        mem.set_user(snap)
        disk.set_user(snap)
    assert [e["id"] for e in disk.events] == [e["id"] for e in mem.events]
    for q in _queries(mem, raw, 200, seed=21 + with_user):
        assert _answer(disk, q) == _answer(mem, q), q
    assert disk.relations == mem.relations
    assert sorted(disk.actors) == sorted(mem.actors)


def _load_error(store: Path, monkeypatch, disk: bool) -> str:
    if disk:
        monkeypatch.delenv("NKRU_NO_DISK_INDEX", raising=False)
    else:
        monkeypatch.setenv("NKRU_NO_DISK_INDEX", "1")
    with pytest.raises(StoreError) as exc:
        Engine.load(store)
    return f"{exc.value} [exit {exc.value.exit_code}]"


def _hostile(raw: dict) -> list[tuple[str, dict]]:
    out = []
    evs = list(raw["events"])
    deep = evs[-3]  # a bad record deep in the file
    bad = copy.deepcopy(raw)
    bad["events"][deep]["actors"] = [{"id": "no-such-actor", "role": "x"}]
    out.append(("unknown actor", bad))
    bad = copy.deepcopy(raw)
    bad["events"][deep]["date"] = "2024-13"
    bad["events"][evs[5]]["title"] = ""
    out.append(("two problems", bad))
    bad = copy.deepcopy(raw)
    bad["events"][deep]["id"] = raw["events"][evs[2]]["id"]
    out.append(("duplicate event id", bad))
    bad = copy.deepcopy(raw)
    bad["events"][deep]["id"] = next(iter(raw["actors"].values()))["id"]
    out.append(("event id of an actor", bad))
    bad = copy.deepcopy(raw)
    bad["relations"][next(iter(raw["relations"]))]["id"] = raw["events"][deep]["id"]
    out.append(("relation id of an event", bad))
    bad = copy.deepcopy(raw)
    bad["events"][deep]["summary"] = "a \x1b[31m red summary"
    out.append(("control character", bad))
    bad = copy.deepcopy(raw)
    bad["events"][deep] = ["not", "an", "object"]
    out.append(("record not an object", bad))
    bad = copy.deepcopy(raw)
    bad["events"][deep]["id"] = "Not An Id"
    out.append(("bad id", bad))
    bad = copy.deepcopy(raw)
    bad["surprise"] = {}
    out.append(("unknown table", bad))
    bad = copy.deepcopy(raw)
    del bad["actors"]
    out.append(("no actors table", bad))
    bad = copy.deepcopy(raw)
    bad["meta"]["1"]["schema"] = 99
    out.append(("newer schema", bad))
    return out


def _read_once(monkeypatch) -> None:
    """The build may not read the store's file: it is handed the parsed store."""

    def no(*args: object) -> None:
        raise AssertionError("the store's file was read again")

    for name in ("_Reader", "_around_events", "_small_tables"):
        monkeypatch.setattr(diskbuild, name, no)


@pytest.mark.parametrize("case", range(11))
@pytest.mark.parametrize("how", ["streamed", "parsed"])
def test_a_bad_store_gives_the_in_memory_error_and_no_index(
    case: int, how: str, tmp_path: Path, monkeypatch
) -> None:
    """"streamed": a large file, read by the streaming build; "parsed": a file small enough
    to parse whole, with events enough for an index (built from what was parsed)."""
    monkeypatch.setenv("NKRU_CACHE_DIR", str(tmp_path / "cache"))
    if how == "streamed":
        monkeypatch.setattr(diskindex, "STREAM_BYTES", 1)  # stream even this small file
    else:
        monkeypatch.setattr(diskindex, "MIN_EVENTS", 10)
        _read_once(monkeypatch)
    name, raw = _hostile(gen_store.generate(120, seed=4))[case]
    store = _store(raw, tmp_path)
    want = _load_error(store, monkeypatch, disk=False)
    got = _load_error(store, monkeypatch, disk=True)
    assert got == want, name
    assert diskindex.open_for(store) is None
    assert not [f for f in (tmp_path / "cache").glob("*") if f.is_file()], name
    assert not _build_threads(), name


def _build_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("nkru-index")]


@pytest.mark.parametrize("where", ["fts", "postings"])
def test_a_build_that_cannot_write_falls_back_in_memory(
    where: str, tmp_path: Path, monkeypatch
) -> None:
    """The index's FTS5 thread failing (here: SQLite refusing to write) is not the store's
    problem: the load answers from memory, and no index, temporary file or thread is left."""
    monkeypatch.setenv("NKRU_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(diskindex, "STREAM_BYTES", 1)

    def fail(*args: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    if where == "fts":  # a batch of FTS texts (a list of str) cannot be written
        real = diskbuild._dumps
        monkeypatch.setattr(
            diskbuild,
            "_dumps",
            lambda obj: fail() if obj and isinstance(obj, list) and isinstance(obj[0], str)
            else real(obj),
        )
    else:
        monkeypatch.setattr(diskbuild, "_fts_postings", fail)
    raw = _synthetic()
    store = _store(raw, tmp_path)
    eng = Engine.load(store)
    assert not eng.on_disk and eng.total_events == len(raw["events"])
    assert diskindex.open_for(store) is None
    assert not [f for f in (tmp_path / "cache").glob("*") if f.is_file()]
    assert not _build_threads()


@pytest.mark.parametrize(
    "text",
    [
        b"",
        b"[1, 2]",
        b'{"events": {"1": {"id": "x"}}',  # cut short
        b'{"events": {}, "events": {}}',
        b"\xff\xfe{}",
        b'{"meta": {"1": {"schema": 1}}, "sources": {}, "actors": {}, "events": {"1": nope}}',
    ],
)
def test_a_broken_file_gives_the_in_memory_error(text: bytes, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("NKRU_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(diskindex, "STREAM_BYTES", 1)
    store = tmp_path / "store.json"
    store.write_bytes(text)
    want = _load_error(store, monkeypatch, disk=False)
    assert _load_error(store, monkeypatch, disk=True) == want
    assert diskindex.open_for(store) is None


def test_a_build_cut_short_leaves_no_index(tmp_path: Path, monkeypatch) -> None:
    """A build that dies midway (here: killed) leaves nothing taken as current; the next
    build removes its leftovers and succeeds."""
    cache = tmp_path / "cache"
    store = _store(gen_store.generate(3000, seed=6), tmp_path)
    env = dict(os.environ, NKRU_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT / "src"))
    code = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from nkru_tui.core import diskbuild, diskindex\n"
        "p = Path(sys.argv[1])\n"
        "def say(stage):\n"
        "    if stage.startswith('reading sources'):\n"
        "        os.kill(os.getpid(), 9)\n"
        "diskbuild.build(p, diskindex.index_path(p), diskindex.identity(p), say)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(store)], env=env, timeout=120, check=False
    )
    assert proc.returncode == -9
    monkeypatch.setenv("NKRU_CACHE_DIR", str(cache))
    assert list(cache.glob(".*.tmp"))  # what the killed build left
    assert diskindex.open_for(store) is None and not diskindex.is_current(store)
    monkeypatch.setattr(diskindex, "STREAM_BYTES", 1)
    eng = Engine.load(store)
    assert eng.on_disk and eng.total_events == 3000
    assert not list(cache.glob(".*.tmp"))


def test_a_small_file_of_many_events_is_read_once(tmp_path: Path, monkeypatch) -> None:
    """A store below the streaming size with events enough for an index: the file is parsed
    once, and its index built from that (no second read, no in-memory index first); it
    answers as the in-memory engine, and the next load opens it."""
    monkeypatch.setenv("NKRU_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(diskindex, "MIN_EVENTS", 10)
    raw = _synthetic()
    store = _store(raw, tmp_path)
    assert store.stat().st_size < diskindex.STREAM_BYTES
    _read_once(monkeypatch)
    monkeypatch.setattr(Engine, "__init__", _no_memory_index(Engine.__init__))
    disk = Engine.load(store)
    assert disk.on_disk and diskindex.is_current(store)
    assert Engine.load(store).on_disk
    monkeypatch.undo()
    mem = Engine(raw)
    for q in _queries(mem, raw, 60, seed=31):
        assert _answer(disk, q) == _answer(mem, q), q


def _no_memory_index(init):
    def checked(self, raw, *args, base=None, **kw):
        assert base is not None, "the events were indexed in memory"
        init(self, raw, *args, base=base, **kw)

    return checked


def test_preview_gives_the_first_rows_in_order(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("NKRU_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(diskindex, "STREAM_BYTES", 1)
    raw = _synthetic()
    store = _store(raw, tmp_path)
    seen: list[tuple[list[dict], int]] = []
    eng = Engine.load(store, preview=lambda evs, n: seen.append((evs, n)))
    assert len(seen) == 1
    rows, n = seen[0]
    assert n == eng.total_events == len(raw["events"])
    assert [e["id"] for e in rows] == [e["id"] for e in eng.events[: len(rows)]]
    assert rows == list(eng.events[: len(rows)])  # whole records, as the index holds them
    assert len(rows) == min(n, diskbuild.PREVIEW)


def _layouts() -> list[tuple[str, bytes]]:
    raw = gen_store.generate(200, seed=8)
    raw["actors"][next(iter(raw["actors"]))]["description"] = 'a "events": {} }}, "x": {'
    last = list(raw["events"])[-1]
    raw["events"][last]["summary"] = 'ends with }}, "relations": {} }'
    order = ["meta", "sources", "actors", "events", "relations"]
    out = [
        ("compact", json.dumps(raw).encode()),
        ("indented", json.dumps(raw, indent=2, ensure_ascii=False).encode()),
        ("byte-order mark", b"\xef\xbb\xbf" + json.dumps(raw).encode()),
    ]
    for name, keys in (
        ("events last", [k for k in order if k != "events"] + ["events"]),
        ("events first", ["events"] + [k for k in order if k != "events"]),
    ):
        out.append((name, json.dumps({k: raw[k] for k in keys}).encode()))
    return out


@pytest.mark.parametrize("case", range(5))
def test_the_tables_around_the_events_are_cut_out_without_parsing_the_events_again(
    case: int, tmp_path: Path, monkeypatch
) -> None:
    """The small tables are read from the parts of the file before and after the events
    (no second parse of the events): for every layout, the index is the Segment's."""
    name, data = _layouts()[case]

    def slow(*args: object) -> None:
        raise AssertionError(f"{name}: read the slow way")

    monkeypatch.setattr(diskbuild, "_small_tables", slow)
    store = tmp_path / "store.json"
    store.write_bytes(data)
    _build(store, tmp_path / "streamed.sqlite")
    raw = json.loads(data.decode("utf-8-sig"))
    mem = Engine(raw)
    assert segment_index.write(
        tmp_path / "segment.sqlite", mem._base, raw, "i", "d", actor_index=mem._cur_actor_index
    )
    got, want = _rows(tmp_path / "streamed.sqlite"), _rows(tmp_path / "segment.sqlite")
    for table in want:
        assert got[table] == want[table], (name, table)
