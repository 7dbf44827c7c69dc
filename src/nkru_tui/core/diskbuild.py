"""Build a large store's on-disk index (core/diskindex.py) straight from its file, streaming:
never all records in memory (issue 13: a 100,000-event store once peaked at 906 MiB here).

The file is read by a streaming JSON parser (``ijson`` over its C backend, yajl2_c) in
passes, each holding one record at a time:

1. the ``events`` table, record by record, into a staging SQLite file next to the index:
   (place in the file, id, date bounds, the record as compact JSON). The engine's order
   (start date, id) is then one SQL sort, and the events are copied in that order into
   the index's ``ev`` table: the first screen's rows can be read from here already
   (``preview``), before anything is checked or indexed;
2. every other table (meta, sources, actors, relations: small) and the top level;
3. the events again, in the engine's order, from the index: each checked by the same
   validator as the in-memory load (``store.Validator``, the same messages in the same
   order), put in the same per-key tables (``index.EventTables``), its words folded once
   by the same ``textnorm`` code (``diskindex.fts_text``) into the FTS5 phrase index, from
   a thread of its own (``_IndexWriter``); the word postings are then read back from
   FTS5's index (``_fts_postings``).

A store small enough to parse whole (``parsed``) skips the reading of passes 1 and 2.

Any problem with the store raises the same one-line ``StoreError`` as the in-memory load;
the index is written to a temporary file and renamed into place only when complete and
valid, so a failed or killed build never leaves an index that is taken as current (its
leftovers are removed by the next build). Problems that are not the store's (the cache
folder unwritable, the disk full) return False: the caller falls back to the in-memory
engine.
"""

from __future__ import annotations

import hashlib
import os
import queue
import sqlite3
import threading
import time
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from . import diskindex
from .dates import bounds
from .errors import StoreInvalid
from .index import ActorIndex, EventTables
from .jsontext import stored_pretty
from .posbits import posting_blob
from .store import Validator, load_raw

BATCH = 2000  # events per executemany
# the word postings are read back from FTS5's index in chunks of tokens holding about this
# many positions (a 100k-event store has ~8.3M: 67 chunks, ~5 MB each while converted, two
# at a time)
POSTINGS_CHUNK = 125_000
# FTS5 keeps the first 32,768 bytes of a longer token (sqlite's FTS5_MAX_TOKEN_SIZE): the
# postings of a store with one are taken from the events' text instead (``_python_postings``)
FTS5_MAX_TOKEN = 32768
FTS_HASH_BYTES = 16 << 20
PREVIEW = 200  # the first rows handed to ``preview``
KEEP_PROBLEMS = 1000  # problems kept for StoreInvalid (all are counted)
SMALL_TABLES = ("meta", "sources", "actors", "relations")


class _Reader:
    """The store file as the parser reads it: a leading UTF-8 byte-order mark is skipped
    (as ``load_raw`` does), the bytes are hashed on the way (the index keeps the content
    hash) and counted (progress)."""

    def __init__(self, f: BinaryIO, hashed: bool) -> None:
        self.f = f
        self.h = hashlib.blake2b(digest_size=20) if hashed else None
        self.n = 0
        self.first = True

    def read(self, size: int = -1) -> bytes:
        data = self.f.read(size)
        if self.h is not None:
            self.h.update(data)
        self.n += len(data)
        if self.first and data:
            self.first = False
            if data.startswith(b"\xef\xbb\xbf"):
                data = data[3:]
        return data


class _Fallback(Exception):
    """The file is not a plain store the streaming parser reads as the in-memory load does
    (not JSON, not an object, a key given twice...): the in-memory load says what."""


def _ijson() -> Any:
    import ijson  # type: ignore[import-untyped]

    return ijson


def available() -> bool:
    try:
        _ijson()
    except ImportError:  # pragma: no cover - a dependency
        return False
    return True


def _dumps(obj: Any) -> bytes:
    return diskindex._dumps(obj)


def _loads(data: bytes) -> Any:
    return diskindex._loads(data)


# ------------------------------------------------------------------------------ leftovers


def _tmp_names(dest: Path) -> tuple[Path, Path]:
    tag = f"{os.getpid()}.{threading.get_ident()}"
    return (
        dest.with_name(f".{dest.name}.{tag}.tmp"),
        dest.with_name(f".{dest.name}.{tag}.stage.tmp"),
    )


def _words_file(stage: Path) -> Path:
    """The word postings' own staging file (``_fts_postings``), next to the staging file."""
    return stage.with_name(stage.name[: -len(".stage.tmp")] + ".words.tmp")


def remove_leftovers(dest: Path) -> None:
    """Temporary files of builds of ``dest`` whose process is gone (killed midway)."""
    try:
        names = list(dest.parent.glob(f".{dest.name}.*.tmp"))
    except OSError:
        return
    for f in names:
        parts = f.name[len(dest.name) + 2 :].split(".")
        try:
            pid = int(parts[0])
        except (ValueError, IndexError):
            continue
        if pid == os.getpid():
            continue
        try:
            os.kill(pid, 0)
            continue  # still building
        except ProcessLookupError:
            pass
        except OSError:
            continue
        try:
            f.unlink()
        except OSError:
            pass


# ------------------------------------------------------------------------------ build


class _Progress:
    def __init__(self, say: Callable[[str], None] | None) -> None:
        self.say = say
        self.last = 0.0

    def __call__(self, text: str, force: bool = False) -> None:
        if self.say is None:
            return
        now = time.monotonic()
        if force or now - self.last >= 0.25:
            self.last = now
            self.say(text)


def build(
    store: Path,
    dest: Path,
    ident: str,
    progress: Callable[[str], None] | None = None,
    preview: Callable[[list[dict], int], None] | None = None,
    parsed: tuple[dict, str] | None = None,
) -> bool:
    """Build the index of ``store`` at ``dest`` (identity ``ident``, taken before reading).

    Raises ``StoreError`` (``StoreInvalid``) exactly where the in-memory load would; False
    when the index cannot be written (the caller loads in memory instead). ``preview`` is
    given the first rows in the engine's order and the number of events as soon as they
    are known, before they are checked or indexed. ``parsed``: the store as ``load_raw``
    parsed it and the content hash of its bytes, when the caller has read it (a small
    file): nothing is read again."""
    remove_leftovers(dest)
    tmp, stage = _tmp_names(dest)
    say = _Progress(progress)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        for f in (tmp, stage):
            if f.exists():
                f.unlink()
        con = sqlite3.connect(str(tmp), check_same_thread=False)
    except (OSError, sqlite3.Error):
        return False
    done = False
    try:
        try:
            _build(con, store, tmp, stage, ident, say, preview, parsed)
        except _Fallback:
            con.close()
            load_raw(store)  # raises the in-memory load's error for this file
            return False  # it reads as a store after all: load it in memory
        con.close()
        if diskindex.identity(store) != ident:
            return False  # changed while being read: build again next time
        os.replace(tmp, dest)
        done = True
        return True
    except (OSError, sqlite3.Error):
        return False
    finally:
        try:
            con.close()
        except sqlite3.Error:  # pragma: no cover
            pass
        for f in (stage, _words_file(stage)) if done else (tmp, stage, _words_file(stage)):
            try:
                f.unlink()
            except OSError:
                pass


def _stage_row(seq: int, doc: str, rec: Any) -> tuple:
    """An event as the staging table holds it: (place in the file, key, id, date bounds,
    date as written, compact JSON)."""
    if not isinstance(rec, dict):
        return (seq, doc, "", 0, 0, "", stored_pretty(rec))
    rid = rec.get("id")
    try:
        rng = bounds(rec) or (0, 0)
    except (TypeError, ValueError, KeyError):
        rng = (0, 0)  # a broken date: the check says what is wrong
    rid = rid if isinstance(rid, str) else ""
    return (seq, doc, rid, rng[0], rng[1], str(rec.get("date", "")), stored_pretty(rec))


def _build(
    con: sqlite3.Connection,
    store: Path,
    tmp: Path,
    stage: Path,
    ident: str,
    say: _Progress,
    preview: Callable[[list[dict], int], None] | None,
    parsed: tuple[dict, str] | None = None,
) -> None:
    ijson = _ijson()
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA page_size=8192")
    diskindex._schema(con)
    con.execute("ATTACH DATABASE ? AS s", (str(stage),))
    con.execute("PRAGMA s.journal_mode=OFF")
    con.execute("PRAGMA s.synchronous=OFF")
    con.execute(
        "CREATE TABLE s.rel(seq INTEGER PRIMARY KEY, doc TEXT NOT NULL, rid TEXT, rec BLOB NOT NULL)"
    )
    con.execute(
        "CREATE TABLE s.relrow(seq INTEGER PRIMARY KEY, id TEXT, subject TEXT, object TEXT,"
        " rec BLOB NOT NULL)"
    )
    con.execute(
        "CREATE TABLE s.stage(seq INTEGER PRIMARY KEY, doc TEXT NOT NULL, id TEXT NOT NULL,"
        " start INTEGER NOT NULL, end INTEGER NOT NULL, date TEXT NOT NULL, rec BLOB NOT NULL)"
    )
    size = os.stat(store).st_size
    mb = size / 1e6

    # -- pass 1: the events, in the file's order, into the staging table
    n = 0
    first_at = last_at = 0  # bytes read when the first and the last event came
    rows: list[tuple] = []
    stage_rows = "INSERT INTO s.stage VALUES (?, ?, ?, ?, ?, ?, ?)"
    if parsed is not None:  # the caller parsed the file already
        raw, digest = parsed
        evs = raw.get("events")
        for doc, rec in evs.items() if isinstance(evs, dict) else ():
            rows.append(_stage_row(n, doc, rec))
            n += 1
            if len(rows) >= BATCH:
                con.executemany(stage_rows, rows)
                rows = []
        con.executemany(stage_rows, rows)
    else:
        with open(store, "rb") as f:
            reader = _Reader(f, hashed=True)
            try:
                for doc, rec in ijson.kvitems(reader, "events", use_float=True):
                    last_at = reader.n
                    if not first_at:
                        first_at = last_at
                    rows.append(_stage_row(n, doc, rec))
                    n += 1
                    if len(rows) >= BATCH:
                        con.executemany(stage_rows, rows)
                        rows = []
                        say(f"reading events: {n:,} ({reader.n / 1e6:.0f}/{mb:.0f} MB)")
                con.executemany(stage_rows, rows)
                while reader.read(1 << 20):  # the rest, for the content hash
                    pass
            except (ijson.JSONError, UnicodeDecodeError, ValueError, TypeError) as exc:
                raise _Fallback(str(exc)) from None
            digest = reader.h.hexdigest() if reader.h is not None else ""
    del rows
    if con.execute("SELECT 1 FROM s.stage GROUP BY doc HAVING count(*) > 1 LIMIT 1").fetchone():
        raise _Fallback("a record key given twice")  # the in-memory load keeps the last one

    # the engine's order: (start, id); the file's order among equals, as a stable sort
    say(f"sorting {n:,} events by date", force=True)
    con.execute("CREATE TABLE s.ord AS SELECT seq FROM s.stage ORDER BY start, id, seq")
    if preview is not None:  # from the staging table, before the copy (~0.4 s at 100k)
        first = [
            _loads(r)
            for (r,) in con.execute(
                "SELECT t.rec FROM s.ord o JOIN s.stage t ON t.seq = o.seq"
                " WHERE o.rowid <= ? ORDER BY o.rowid",
                (PREVIEW,),
            )
        ]
        preview([e for e in first if isinstance(e, dict)], n)
    con.execute(
        "INSERT INTO ev(pos, id, date, rec)"
        " SELECT o.rowid - 1, t.id, t.date, t.rec FROM s.ord o JOIN s.stage t ON t.seq = o.seq"
    )

    # -- pass 2: the top level and the small tables
    say("reading sources, actors and relations", force=True)
    sink = _Relations(con)
    if parsed is not None:
        tops = [(name, isinstance(value, dict)) for name, value in raw.items()]
        small = {t: v for t, v in raw.items() if isinstance(v, dict) and t != "events"}
        for doc, rec in small.pop("relations", {}).items():
            sink.put(doc, rec)
    else:
        got = _around_events(store, first_at, last_at, sink) if n else None
        if got is None:
            sink.clear()
        tops, small = got if got is not None else _small_tables(store, sink)
    sink.flush()
    names = [name for name, _ in tops]
    if len(set(names)) != len(names):
        raise _Fallback("a table given twice")  # the in-memory load keeps the last one
    v = Validator(store, keep=KEEP_PROBLEMS)
    meta = next((r for r in small.get("meta", {}).values() if isinstance(r, dict)), None)
    v.top(tops, meta)

    def first_pass(table: str) -> list[tuple[int, str, dict]]:
        good = []
        for seq, (doc, rec) in enumerate(small.get(table, {}).items()):
            rid = v.first(table, doc, rec, seq)
            if rid is not None:
                good.append((seq, rid, rec))
        return good

    sources = first_pass("sources")
    actors = first_pass("actors")
    con.execute("CREATE INDEX ev_id ON ev(id)")
    dup_first = dict(
        con.execute("SELECT id, min(seq) FROM s.stage GROUP BY id HAVING count(*) > 1")
    )
    rel_ids = {rid for (rid,) in con.execute("SELECT rid FROM s.rel WHERE rid IS NOT NULL")}
    events_named = set()  # relation ids that are the id of an event (a duplicate id)
    rid: str | None
    for table, good in (("sources", sources), ("actors", actors)):
        for seq, rid, rec in good:
            v.check(table, rid, rec, seq)

    # -- pass 3: each event checked and indexed, in the engine's order
    tables = EventTables(positions=lambda: array("I"))
    starts, ends = array("i"), array("i")
    fts: list[tuple[int, str]] = []
    long_token = False  # a token FTS5 cuts short (then the postings come from the text)
    pos = 0
    # FTS5's inserts go on in a thread of their own, on a connection of their own, while this
    # one reads, checks and folds (SQLite tokenizes and writes without the GIL); the word
    # postings are then read from FTS5's index there (``_IndexWriter``). Until it is done,
    # this connection writes only to the staging file.
    try:  # FTS5 holds this much of its index in memory before writing it out (default 1 MB):
        # fewer, larger segments to merge (at 100k events, half the time of its inserts)
        con.execute("INSERT INTO fts(fts, rank) VALUES('hashsize', ?)", (FTS_HASH_BYTES,))
    except sqlite3.Error:  # pragma: no cover - an SQLite without the setting
        pass
    con.commit()
    writer = _IndexWriter(tmp, _words_file(stage))
    try:
        cur = con.cursor()
        q = (
            "SELECT t.seq, t.doc, t.start, t.end, t.rec FROM s.ord o JOIN s.stage t"
            " ON t.seq = o.seq ORDER BY o.rowid"
        )
        for seq, doc, start, end, blob in cur.execute(q):
            rec = _loads(blob)
            rid = v.first(
                "events",
                doc,
                rec,
                seq,
                also_in="events"
                if dup_first.get(rec.get("id") if isinstance(rec, dict) else None)
                not in (None, seq)
                else None,
                remember=False,
            )
            if rid is not None:
                v.check("events", rid, rec, seq, blob)
                if rid in rel_ids:
                    events_named.add(rid)
            if v.count:
                pos += 1
                if pos % BATCH == 0:
                    say(f"checking events: {100 * pos // max(n, 1)}%")
                continue  # the store is invalid: only the checks go on, to count the problems
            text = diskindex.fts_text(rec)
            if len(text) * 4 > FTS5_MAX_TOKEN and not long_token:
                long_token = any(len(t.encode("utf-8")) > FTS5_MAX_TOKEN for t in text.split())
            tables.add(pos, rec)
            starts.append(start)
            ends.append(end)
            fts.append((pos, text))
            pos += 1
            if len(fts) >= BATCH:
                writer.put(fts)
                fts = []
                say(f"indexing words: {100 * pos // max(n, 1)}%")
        # each relation's first pass, then its check (the problems keep validate's order); the
        # relations go to the index's rows as they are checked (an invalid store writes none),
        # through the staging file: the index file is the FTS5 thread's until it is done
        rel_rows: list[tuple] = []
        rel_done = 0
        for seq, doc, blob in con.execute("SELECT seq, doc, rec FROM s.rel ORDER BY seq"):
            rec = _loads(blob)
            rid = rec.get("id") if isinstance(rec, dict) else None
            also = "events" if isinstance(rid, str) and rid in events_named else None
            rid = v.first("relations", doc, rec, seq, also_in=also)
            if rid is not None:
                v.check("relations", rid, rec, seq, blob)
            if not v.count and isinstance(rec, dict):
                rel_rows.append(diskindex.relation_row(len(rel_rows) + rel_done, rec, blob))
                if len(rel_rows) >= BATCH:
                    _put_relations(con, rel_rows)
                    rel_done += len(rel_rows)
                    rel_rows = []
        if v.count:
            raise StoreInvalid(store, v.problems(), total=v.count)
        _put_relations(con, rel_rows)
        del rel_rows
        writer.put(fts)
        del fts
        say("indexing words: reading them back", force=True)
        # the postings are read from FTS5 and written there, while the tables pack here
        from_fts = writer.finish(n, postings=not long_token)
        tab = [
            (kind, key, len(p), posting_blob(p, n))
            for kind, keyed in tables.items().items()
            for key, p in keyed.items()
        ]
        writer.close()
    except BaseException:
        writer.stop()  # nothing more is written: the build is given up
        raise
    say("writing the index", force=True)
    con.execute("INSERT INTO rel(seq, id, subject, object, rec) SELECT * FROM s.relrow")
    diskindex.index_relations(con)
    if not from_fts:
        con.executemany("INSERT INTO post(tok, pos) VALUES (?, ?)", _python_postings(con, n))
    con.executemany("INSERT INTO tab(kind, key, n, pos) VALUES (?, ?, ?, ?)", tab)
    del tab
    spans = array("I", (i for i in range(n) if ends[i] > starts[i]))
    arrays = {
        "starts": starts.tobytes(),
        "ends": ends.tobytes(),
        "spans": spans.tobytes(),
        "inferred": array("I", tables.inferred).tobytes(),
        "with_figures": array("I", tables.with_figures).tobytes(),
    }
    con.executemany("INSERT INTO arr(name, data) VALUES (?, ?)", arrays.items())
    recs = {t: [r for r in small.get(t, {}).values() if isinstance(r, dict)] for t in SMALL_TABLES}
    con.executemany(
        "INSERT INTO rec(tbl, rec) VALUES (?, ?)",
        [(t, _dumps(recs[t])) for t in SMALL_TABLES if t != "relations"],
    )
    cur_actors = {a["id"]: a for a in recs["actors"]}
    try:
        diskindex.write_actor_index(con, ActorIndex(cur_actors.values()))
    except ValueError as exc:  # an id or token the rows cannot hold: no index
        raise _Fallback(str(exc)) from None
    con.executemany(
        "INSERT INTO meta(k, v) VALUES (?, ?)",
        [("format", diskindex.FORMAT), ("identity", ident), ("content", digest), ("n", n)],
    )
    con.commit()
    con.execute("DETACH DATABASE s")


def _put_relations(con: sqlite3.Connection, rows: list[tuple]) -> None:
    """Checked relations' ``rel`` rows, staged (copied into the index once FTS5 is done)."""
    con.executemany("INSERT INTO s.relrow VALUES (?, ?, ?, ?, ?)", rows)


class _IndexWriter:
    """FTS5's part of the index, from a thread with its own connection to the index file:
    batches of (rowid, text), consecutive rowids, are queued and written in order; at the
    end (``finish``), the word postings are read back from FTS5's own index (each token's
    rowids: the positions of the events holding it), a few statements in all, so that
    thread rarely needs the GIL the build's thread holds."""

    def __init__(self, path: Path, words: Path) -> None:
        self.path, self.words = path, words
        self.con = sqlite3.connect(str(path), timeout=600, check_same_thread=False)
        self.con.execute("PRAGMA journal_mode=OFF")
        self.con.execute("PRAGMA synchronous=OFF")
        self.json = _has_json(self.con)  # else: executemany, and the postings from the text
        self.queue: queue.Queue[list[tuple[int, str]] | None] = queue.Queue(maxsize=4)
        self.error: BaseException | None = None
        self.stopped = False
        self.n = 0
        self.postings = True
        self.thread = threading.Thread(target=self._run, name="nkru-index-fts", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            while (rows := self.queue.get()) is not None:
                if self.stopped or not rows:
                    continue
                if not self.json:  # an SQLite without JSON functions
                    self.con.executemany("INSERT INTO fts(rowid, t) VALUES (?, ?)", rows)
                    continue
                # one statement per batch, the texts as one JSON array: the GIL is released
                # for the whole batch (executemany takes it back for each row, and waits for
                # it while the build's thread runs Python)
                self.con.execute(
                    "INSERT INTO fts(rowid, t) SELECT ? + key, value FROM json_each(?)",
                    (rows[0][0], _dumps([t for _, t in rows]).decode("utf-8")),
                )
            if not self.stopped:
                self.con.commit()
                if self.postings and self.json:
                    _fts_postings(self.con, self.n, self.path, self.words)
                    self.con.commit()
        except (sqlite3.Error, OSError, MemoryError, ValueError) as exc:
            self.error = exc  # handed to the build's thread by put() / close()
        finally:
            self.con.close()

    def put(self, rows: list[tuple[int, str]] | None) -> None:
        """Queue a batch (None: the end)."""
        while True:
            if self.error is not None:
                raise self.error
            if not self.thread.is_alive():
                raise sqlite3.OperationalError("the index's FTS5 writer stopped")
            try:
                self.queue.put(rows, timeout=0.5)
                return
            except queue.Full:
                continue

    def finish(self, n: int, postings: bool = True) -> bool:
        """Every batch is queued: when they are written, the word postings (of ``n`` events)
        are read from FTS5 into the ``post`` table (unless not ``postings``). Whether they
        will be (not without SQLite's JSON functions)."""
        self.n, self.postings = n, postings
        self.put(None)
        return postings and self.json

    def close(self) -> None:
        """Wait until it is done (raises what writing raised)."""
        self.thread.join()
        if self.error is not None:
            raise self.error

    def stop(self) -> None:
        """Write nothing more (the build is given up); the thread ends."""
        self.stopped = True
        while self.thread.is_alive():
            try:
                self.queue.put(None, timeout=0.5)
                break
            except queue.Full:
                continue
        self.thread.join()


_READ_POSTINGS = (
    "SELECT json_group_array(json_array(term, (SELECT json_group_array(rowid) FROM"
    " (SELECT rowid FROM fts WHERE fts MATCH '\"' || replace(term, '\"', '\"\"') || '\"'"
    " ORDER BY rowid)))) FROM temp.vocab WHERE term >= ? AND term <= ? AND term != ?"
)


def _has_json(con: sqlite3.Connection) -> bool:
    """Whether this SQLite has its JSON functions (built in since 3.38, and in most builds
    before)."""
    try:
        return con.execute("SELECT count(*) FROM json_each('[0]')").fetchone() == (1,)
    except sqlite3.Error:  # pragma: no cover
        return False


def _read_chunk(con: sqlite3.Connection, lo: str, hi: str, n: int) -> tuple[str, bytes]:
    """The packed postings of the tokens ``lo``..``hi``: [token, offset, length] of each (as
    JSON) and their blobs, end to end (one statement reads them, one writes them)."""
    (got,) = con.execute(_READ_POSTINGS, (lo, hi, diskindex._FIELD_BREAK)).fetchone()
    keys: list[tuple[str, int, int]] = []
    blobs: list[bytes] = []
    at = 1
    for tok, positions in _loads(got):
        blob = posting_blob(array("I", positions), n)
        keys.append((tok, at, len(blob)))
        blobs.append(blob)
        at += len(blob)
    return _dumps(keys).decode("utf-8"), b"".join(blobs)


def _vocab(con: sqlite3.Connection) -> None:
    con.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, fts, 'row')")


def _fts_postings(con: sqlite3.Connection, n: int, path: Path, words: Path) -> None:
    """The ``post`` table (each token's positions among ``n`` events), read from FTS5's index
    (committed at ``path``): ``fts5vocab`` gives the tokens and how many events hold each;
    then, for a range of tokens at a time, one statement gives each one's rowids (JSON), and
    one more writes their packed postings (one blob, cut by SQL). Two threads read the
    ranges (SQLite reads without the GIL), each with its own connection; their postings go
    to a file of their own (``words``: this connection alone writes it), copied into the
    index once both are done. The tokens are the words of each event's ``fts_text``, which
    FTS5's tokenizer splits as ``split()`` does, less the field break (none is cut short:
    ``FTS5_MAX_TOKEN``)."""
    _vocab(con)
    (js,) = con.execute("SELECT json_group_array(json_array(term, doc)) FROM temp.vocab").fetchone()
    chunks: list[tuple[str, str]] = []
    first: str | None = None
    held = 0
    for term, docs in _loads(js):
        if term == diskindex._FIELD_BREAK:
            continue
        if first is None:
            first = term
        last, held = term, held + docs
        if held >= POSTINGS_CHUNK:
            chunks.append((first, last))
            first, held = None, 0
    if first is not None:
        chunks.append((first, last))
    del js
    con.execute("ATTACH DATABASE ? AS w", (str(words),))
    con.execute("PRAGMA w.journal_mode=OFF")
    con.execute("PRAGMA w.synchronous=OFF")
    con.execute("CREATE TABLE w.post(tok TEXT PRIMARY KEY, pos BLOB NOT NULL) WITHOUT ROWID")
    write = (
        "INSERT INTO w.post(tok, pos) SELECT json_extract(value, '$[0]'),"
        " substr(?2, json_extract(value, '$[1]'), json_extract(value, '$[2]'))"
        " FROM json_each(?1)"
    )
    got: queue.Queue[tuple[str, bytes] | BaseException | None] = queue.Queue(maxsize=2)

    def other_half() -> None:
        try:
            mine = sqlite3.connect(str(path), timeout=600)
            try:
                _vocab(mine)
                for lo, hi in chunks[1::2]:
                    got.put(_read_chunk(mine, lo, hi, n))
            finally:
                mine.close()
        except (sqlite3.Error, OSError, MemoryError, ValueError) as exc:
            got.put(exc)
        got.put(None)

    helper = threading.Thread(target=other_half, name="nkru-index-words", daemon=True)
    helper.start()
    done = False

    def take(block: bool) -> None:
        nonlocal done
        while not done:
            try:
                item = got.get(block=block)
            except queue.Empty:
                return
            if item is None:
                done = True
            elif isinstance(item, BaseException):
                raise item
            else:
                con.execute(write, item)

    try:
        for lo, hi in chunks[0::2]:
            con.execute(write, _read_chunk(con, lo, hi, n))
            take(block=False)
        take(block=True)
    finally:
        while not done:  # the helper never waits on a full queue
            if got.get() is None:
                done = True
        helper.join()
    con.execute("INSERT INTO post(tok, pos) SELECT tok, pos FROM w.post ORDER BY tok")
    con.commit()
    con.execute("DETACH DATABASE w")
    con.execute("DROP TABLE temp.vocab")


def _python_postings(con: sqlite3.Connection, n: int) -> list[tuple[str, bytes]]:
    """The word postings from the events' text, as ``_fts_postings`` reads them from FTS5:
    for a store with a token FTS5 keeps only the start of (it never is in ordinary text)."""
    post: dict[str, array] = defaultdict(lambda: array("I"))
    for pos, blob in con.execute("SELECT pos, rec FROM ev ORDER BY pos"):
        for tok in set(diskindex.fts_text(_loads(blob)).split()):
            post[tok].append(pos)
    post.pop(diskindex._FIELD_BREAK, None)
    return [(tok, posting_blob(post[tok], n)) for tok in sorted(post)]


Tops = list[tuple[str, bool]]  # the top level: (table, is an object), in the file's order


class _Relations:
    """The relations, as they are read, into the staging file (key, id, JSON): at a million
    events they are 250,000 records, never held in memory together."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.rows: list[tuple] = []
        self.n = 0

    def put(self, doc: str, rec: Any) -> None:
        rid = rec.get("id") if isinstance(rec, dict) else None
        self.rows.append((self.n, doc, rid if isinstance(rid, str) else None, _dumps(rec)))
        self.n += 1
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        self.con.executemany("INSERT INTO s.rel VALUES (?, ?, ?, ?)", self.rows)
        self.rows = []

    def clear(self) -> None:
        self.rows, self.n = [], 0
        self.con.execute("DELETE FROM s.rel")

    def keys_unique(self) -> bool:
        self.flush()
        q = "SELECT 1 FROM s.rel GROUP BY doc HAVING count(*) > 1 LIMIT 1"
        return self.con.execute(q).fetchone() is None


def _small_tables(store: Path, sink: _Relations) -> tuple[Tops, dict[str, dict]]:
    """The top level of the store and every table but ``events`` (they are small), read in
    one pass that skips the events token by token (any layout; ``_around_events`` is the
    quick way)."""
    ijson = _ijson()
    tops: list[tuple[str, bool]] = []
    state: dict[str, Any] = {"began": False, "kind": None}

    def others(f: _Reader) -> Iterator[tuple[str, str, Any]]:
        in_events = False
        for prefix, event, value in ijson.parse(f, use_float=True):
            if in_events:
                if prefix == "" and event in ("map_key", "end_map"):
                    in_events = False
                else:
                    if state["kind"] is None:
                        state["kind"] = event
                    continue
            if prefix == "":
                if event == "map_key":
                    tops.append((value, False))
                    if value == "events":
                        in_events = True
                        state["kind"] = None
                        continue
                elif event not in ("start_map", "end_map"):
                    raise _Fallback("top level")
                elif event == "start_map":
                    state["began"] = True
            yield prefix, event, value

    small: dict[str, dict] = {}
    kinds: dict[str, bool] = {}
    try:
        with open(store, "rb") as f:
            for name, value in ijson.kvitems(others(_Reader(f, hashed=False)), ""):
                kinds[name] = isinstance(value, dict)
                if isinstance(value, dict):
                    small[name] = value
    except (ijson.JSONError, UnicodeDecodeError, ValueError, TypeError) as exc:
        raise _Fallback(str(exc)) from None
    if not state["began"]:
        raise _Fallback("top level")  # not an object
    out = []
    for name, _ in tops:
        if name == "events":
            out.append((name, state["kind"] == "start_map"))
        else:
            out.append((name, kinds.get(name, False)))
    for doc, rec in small.pop("relations", {}).items():
        sink.put(doc, rec)
    return out, small


class _Slice:
    """``head`` + the bytes ``start:end`` of an open file + ``tail``, as a file to read."""

    def __init__(self, f: BinaryIO, start: int, end: int, head: bytes, tail: bytes) -> None:
        self.f, self.left, self.head, self.tail = f, end - start, head, tail
        f.seek(start)

    def read(self, size: int = -1) -> bytes:
        if size == 0:  # how a parser asks whether this reads bytes or text
            return b""
        if self.head:
            cut = size if size > 0 else len(self.head)
            out, self.head = self.head[:cut], self.head[cut:]
            return out
        if self.left > 0:
            data = self.f.read(min(self.left, size if size > 0 else 1 << 20))
            self.left -= len(data)
            if data:
                return data
            self.left = 0
        out, self.tail = self.tail, b""
        return out


_WS = b" \t\r\n"


def _top_level(
    f: BinaryIO, start: int, end: int, head: bytes, tail: bytes
) -> list[tuple[str, str]] | None:
    """If ``head`` + the file's ``start:end`` + ``tail`` is one JSON object, its keys with
    the first parse event of each value; else None (one pass at C speed but the loop)."""
    ijson = _ijson()
    out: list[tuple[str, str]] = []
    want = None
    try:
        for prefix, event, value in ijson.parse(_Slice(f, start, end, head, tail)):
            if want is not None and prefix == want:
                out.append((want, event))
                want = None
            elif prefix == "" and event == "map_key":
                want = value
    except (ijson.JSONError, UnicodeDecodeError, ValueError, TypeError):
        return None
    return out


def _parses(f: BinaryIO, start: int, end: int, head: bytes) -> bool:
    """Whether ``head`` + the file's ``start:end`` is one JSON value (parsed in C: nothing is
    built, no Python runs per token)."""
    ijson = _ijson()
    try:
        for _ in ijson.kvitems(_Slice(f, start, end, head, b""), "\x00"):
            pass
    except (ijson.JSONError, UnicodeDecodeError, ValueError, TypeError):
        return False
    return True


def _around_events(
    store: Path, first_at: int, last_at: int, sink: _Relations
) -> tuple[Tops, dict] | None:
    """What ``_small_tables`` reads, without parsing the events again: the tables before
    the events and those after are read as two JSON objects of their own, cut out of the
    file where the top-level ``"events"`` member begins and ends. Where it begins is an
    occurrence of ``"events"`` (never inside a string: quotes are escaped there) before the
    first event was read, where it ends a ``}`` after the last one was: each candidate is
    tried, and only one at the top level makes the cut parts parse whole. None when no cut
    works (the slow way then reads the file)."""
    ijson = _ijson()
    size = os.stat(store).st_size
    with open(store, "rb") as f:
        head = f.read(first_at)
        lead = 3 if head.startswith(b"\xef\xbb\xbf") else 0
        before: list[tuple[str, str]] | None = None
        head_end = 0  # the members before "events" are the file's lead:head_end, then "}"
        cut = head.find(b'"events"')
        while cut >= 0:
            part_end = len(head[:cut].rstrip(_WS))
            last = head[part_end - 1 : part_end]
            if head[cut + 8 :].lstrip(_WS)[:1] == b":" and last in (b",", b"{"):
                # the members before "events", closed as an object of their own (read from
                # the file, not copied: at 1M events they are ~40 MB)
                head_end = part_end if last == b"{" else part_end - 1
                before = _top_level(f, lead, head_end, b"", b"}")
                if before is not None:
                    break
            cut = head.find(b'"events"', cut + 1)
        if before is None:
            return None
        del head
        # where the events' object ends: a "}" followed by "," (more members) or by the
        # top level's own "}"
        start = max(first_at, last_at - 2 * 65536)
        f.seek(start)
        window = f.read(size - start if size - start < (1 << 22) else (last_at - start) + (1 << 20))
        after: list[tuple[str, str]] | None = None
        tail_at = -1
        # the events' "}" follows its last record's "}", then comes "," or the top "}"
        i = window.find(b"}")
        while i >= 0:
            rest = window[i + 1 :].lstrip(_WS)
            if window[:i].rstrip(_WS)[-1:] != b"}":
                pass
            elif rest[:1] == b"}" and start + len(window) == size and not rest[1:].strip(_WS):
                after, tail_at = [], size  # events is the last member
                break
            elif rest[:1] == b",":
                comma = start + i + 1 + (len(window) - i - 1 - len(rest))
                if _parses(f, comma + 1, size, b"{"):
                    after, tail_at = _top_level(f, comma + 1, size, b"{", b""), comma + 1
                    break
            i = window.find(b"}", i + 1)
        if after is None:
            return None
        del window
        tops: Tops = []
        small: dict[str, dict] = {}
        for side, names in ((0, before), (1, after)):
            if side == 1:
                tops.append(("events", True))  # an object: its records were read
            for name, event in names:
                if name == "events":
                    return None  # a second events table: the slow way says what
                tops.append((name, event == "start_map"))
                if name not in SMALL_TABLES or event != "start_map":
                    continue
                src = (
                    _Slice(f, lead, head_end, b"", b"}")
                    if side == 0
                    else _Slice(f, tail_at, size, b"{", b"")
                )
                try:
                    items = ijson.kvitems(src, name, use_float=True)
                    if name == "relations":
                        for doc, rec in items:
                            sink.put(doc, rec)
                    else:
                        small[name] = dict(items)
                except (ijson.JSONError, UnicodeDecodeError, ValueError, TypeError):
                    return None
    if not sink.keys_unique():
        return None  # a key given twice: the slow way keeps the last, as the in-memory load
    return tops, small
