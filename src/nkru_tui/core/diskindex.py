"""A derived, disposable index of a large store on disk (SQLite), so a start reads only what
the first screen shows, a search is an indexed lookup and a record is read when it is shown.

The store file stays the source of truth. The index is built straight from it by
``core/diskbuild.py``, with the in-memory engine's own code for everything it holds (its
tokens, date bounds and tables: whatever the engine's tokenizing and date functions become,
the index follows), written to a temporary file and renamed into place, and keyed by the store's identity (path, size, mtime, inode) with its
content hash kept inside: an index whose identity no longer matches is reused only if the
file's bytes hash the same, else rebuilt. Any problem with it is a miss, never an error.

Layout (one SQLite file per store path under the cache folder):

- ``ev(pos, id, date, rec)``: each event at its position in the engine's order, as the very
  text ``search --json`` prints for it (``jsontext.stored_pretty``: indented JSON), so a
  search writes it out unparsed; every other reader parses it (whitespace is no matter);
- ``post(tok, pos)``: each folded token's positions (``posbits.posting_blob``: a bitmap
  when frequent, else a packed uint32 array);
- ``tab(kind, key, n, pos)``: the actor, sector, source, status and type tables, stored
  alike, with each key's count;
- ``arr(name, data)``: date bounds, spans, inferred and with-figures positions;
- ``rec(tbl, rec)``: meta, sources and actors, one JSON list per table, read when asked;
- ``aword(kind, tok, ids)``, ``aseq(aid, names, seqs)``: the curated actors' ``ActorIndex``
  (``DiskActorIndex`` answers from them): each folded token of the actors' names (kind
  ``n``) or of all their text (kind ``t``) with the ids holding it, and each actor's token
  sequences (its names first), so a word query reads the rows of its words, nothing else;
- ``rel(seq, id, subject, object, rec)``: each relation's JSON in the store's order, indexed
  by id, subject and object, read when a detail, a lookup or the relation map asks for it
  (at a million events they are 250,000 records: never read whole to show one actor's);
- ``fts``: FTS5 over the same tokens, for phrases. Its tokenizer is ``ascii`` with ``_`` as
  a token character: every non-ASCII character is a token character and ASCII is already
  folded, so each engine token is exactly one FTS token, unchanged (no second folding); a
  ``|`` token between fields (never a word) keeps a phrase within one field.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from itertools import islice
from pathlib import Path
from typing import Any

from .index import MIN_PREFIX, ActorIndex, Segment, event_text_fields, seq_contains
from .jsontext import dumps_pretty
from .posbits import (
    BitsSeq,
    MergedRefs,
    PosBits,
    bits_of,
    blob_bits,
    blob_positions,
    index_in,
    rank,
    span_bits,
)
from .store import parse_date
from .textnorm import _NOT_WORD_ASCII, fold
from .translit import PhoneticMap

# 3: postings as bitmaps or arrays (posbits.posting_blob), tab.n; 4: rel rows; 5: records
# stored as `search --json` prints them, the actors' name index as rows (aword, aseq)
FORMAT = 5
ENV_DISABLE = "NKRU_NO_DISK_INDEX"
MIN_EVENTS = 5000  # smaller stores index in memory in milliseconds
# a file this large is never parsed whole: its index is built streaming (core/diskbuild.py)
STREAM_BYTES = 4_000_000
_FIELD_BREAK = "|"  # a token character for FTS, never in a word: phrases stay in a field
_RECORD_CACHE = 2048


def _dumps(obj: Any) -> bytes:
    try:
        import orjson

        return orjson.dumps(obj)
    except ImportError:  # pragma: no cover - orjson is a dependency
        import json

        return json.dumps(obj, ensure_ascii=False).encode("utf-8")


def _loads(data: bytes) -> Any:
    try:
        import orjson

        return orjson.loads(data)
    except ImportError:  # pragma: no cover
        import json

        return json.loads(data)


def fts5_available() -> bool:
    try:
        con = sqlite3.connect(":memory:")
        try:
            con.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
        finally:
            con.close()
        return True
    except sqlite3.Error:
        return False


def enabled() -> bool:
    return not os.environ.get(ENV_DISABLE) and fts5_available()


# ``fts_text``'s ASCII path: textnorm's blanking of non-word characters, with the field mark
# (a control character: never in a valid store's text) becoming the field break
_ASCII_TEXT = {**_NOT_WORD_ASCII, 0x1F: _FIELD_BREAK}
# its other path: textnorm's words, and the field marks
_WORD_OR_MARK = re.compile(r"\w+|\x1f")


def fts_text(ev: dict) -> str:
    """The event's folded tokens as FTS5 sees them: each field's tokens apart by spaces,
    fields apart by a token no query can match (the engine checks a phrase within one field).
    Its words (``split()``, less the field break) are the event's postings.

    The fields are folded together, joined by a mark that folding keeps and no word holds
    (``fold`` and ``textnorm``'s word split work character by character, so this is each
    field folded and split on its own): an ASCII event is lower-cased and blanked in two C
    calls, which the ``ascii`` tokenizer splits exactly as ``textnorm`` does; any other is
    folded once and its words found by textnorm's pattern."""
    joined = " \x1f ".join([f for f in event_text_fields(ev) if f])
    if joined.isascii():
        return joined.lower().translate(_ASCII_TEXT)
    return " ".join(_WORD_OR_MARK.findall(fold.__wrapped__(joined))).replace("\x1f", _FIELD_BREAK)


def _packed(positions: Iterable[int]) -> bytes:
    return array("I", positions).tobytes()


def _unpacked(data: bytes) -> array:
    a = array("I")
    a.frombytes(data)
    return a


# ------------------------------------------------------------------------------ location


def _batches(items: Iterable[int], size: int = 256) -> Iterator[list[int]]:
    """``items`` in lists of ``size`` (the last one shorter): how many records one read asks
    for at a time."""
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def index_path(store: Path) -> Path:
    from .cache import cache_dir

    real = os.path.realpath(store)
    try:  # the builtin SHA-256: hashlib would load OpenSSL's library first (ms per start)
        from _sha256 import sha256  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - another Python
        from hashlib import sha256
    h = sha256(real.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return cache_dir() / f"store-{h}.sqlite"


def identity(store: Path) -> str | None:
    from .. import __version__

    try:
        st = os.stat(store)
    except OSError:
        return None
    real = os.path.realpath(store)
    return f"{real}|{st.st_size}|{st.st_mtime_ns}|{st.st_ino}|{FORMAT}|{__version__}"


def content_hash_of(data: bytes) -> str:
    """``content_hash`` of a file whose bytes were read whole."""
    import hashlib

    return hashlib.blake2b(data, digest_size=20).hexdigest()


def content_hash(store: Path) -> str:
    import hashlib

    h = hashlib.blake2b(digest_size=20)
    with open(store, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


# ------------------------------------------------------------------------------ build


def _schema(con: sqlite3.Connection) -> None:
    con.executescript(
        """
        CREATE TABLE meta(k TEXT PRIMARY KEY, v) WITHOUT ROWID;
        CREATE TABLE ev(pos INTEGER PRIMARY KEY, id TEXT NOT NULL, date TEXT NOT NULL,
                        rec BLOB NOT NULL);
        CREATE TABLE post(tok TEXT PRIMARY KEY, pos BLOB NOT NULL) WITHOUT ROWID;
        CREATE TABLE tab(kind TEXT, key TEXT, n INTEGER NOT NULL, pos BLOB NOT NULL,
                         PRIMARY KEY(kind, key))
            WITHOUT ROWID;
        CREATE TABLE arr(name TEXT PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID;
        CREATE TABLE rec(tbl TEXT PRIMARY KEY, rec BLOB NOT NULL) WITHOUT ROWID;
        CREATE TABLE aword(kind TEXT, tok TEXT, ids TEXT NOT NULL, PRIMARY KEY(kind, tok))
            WITHOUT ROWID;
        CREATE TABLE aseq(aid TEXT PRIMARY KEY, names INTEGER NOT NULL, seqs TEXT NOT NULL)
            WITHOUT ROWID;
        CREATE TABLE rel(seq INTEGER PRIMARY KEY, id TEXT, subject TEXT, object TEXT,
                         rec BLOB NOT NULL);
        CREATE VIRTUAL TABLE fts USING fts5(t, content='', columnsize=0,
                                           tokenize="ascii tokenchars '_|'");
        """
    )


def relation_row(seq: int, rec: dict, blob: bytes) -> tuple:
    """A relation's ``rel`` row: its place among the relations, its id, the actors at its
    ends (as the engine keys them: a non-empty id, else none) and its JSON."""
    rid = rec.get("id")
    ends = [
        e if isinstance(e, str) and e else None for e in (rec.get("subject"), rec.get("object"))
    ]
    return (seq, rid if isinstance(rid, str) else None, *ends, blob)


def index_relations(con: sqlite3.Connection) -> None:
    """The lookups of ``rel``, made once its rows are in (faster than growing them)."""
    for col in ("id", "subject", "object"):
        con.execute(f"CREATE INDEX rel_{col} ON rel({col})")


def write_actor_index(con: sqlite3.Connection, ai: ActorIndex) -> None:
    """The curated actors' ``ActorIndex`` as rows (``aword``, ``aseq``), in a fixed order.
    Ids and tokens hold no whitespace (ids are ``[a-z0-9-]``, tokens are word characters):
    a space parts them in a row, a newline parts sequences; anything else is refused
    (``ValueError``: no index, the in-memory engine answers)."""

    def words(items: Iterable[str]) -> str:
        items = list(items)
        out = " ".join(items)
        if len(out.split()) != len(items):
            raise ValueError("a token or id with whitespace")
        return out

    for kind, post in (("n", ai.name_postings), ("t", ai.postings)):
        con.executemany(
            "INSERT INTO aword(kind, tok, ids) VALUES (?, ?, ?)",
            ((kind, tok, words(sorted(post[tok]))) for tok in sorted(post)),
        )
    con.executemany(
        "INSERT INTO aseq(aid, names, seqs) VALUES (?, ?, ?)",
        (
            (aid, len(ai.name_seqs[aid]), "\n".join(words(q) for q in ai.text_seqs[aid]))
            for aid in sorted(ai.name_seqs)
        ),
    )


# ------------------------------------------------------------------------------ open


class DiskIndex:
    """An open index file: one connection, shared by threads under a lock."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.lock = threading.RLock()
        self.meta = dict(self.con.execute("SELECT k, v FROM meta"))
        if self.meta.get("format") != FORMAT:
            raise ValueError("format")

    def query(self, sql: str, args: Sequence[Any] = ()) -> list[tuple]:
        with self.lock:
            return self.con.execute(sql, args).fetchall()

    def blobs(
        self, table: str, column: str, keys: Iterable[str], kind: str | None = None
    ) -> list[bytes]:
        """The ``pos`` blobs of ``table`` (post or tab, of one ``kind``) whose ``column`` is
        one of ``keys``: one query per 500 keys."""
        keys = list(dict.fromkeys(keys))
        where = "kind = ? AND " if kind is not None else ""
        out: list[bytes] = []
        for k in range(0, len(keys), 500):
            chunk = keys[k : k + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT pos FROM {table} WHERE {where}{column} IN ({marks})"
            out += [r[0] for r in self.query(sql, [kind, *chunk] if kind is not None else chunk)]
        return out

    def records(self, tbl: str) -> list[dict]:
        rows = self.query("SELECT rec FROM rec WHERE tbl = ?", (tbl,))
        got = _loads(rows[0][0]) if rows else []
        if not isinstance(got, list):
            raise TypeError(tbl)
        return got

    def close(self) -> None:
        with self.lock:
            self.con.close()


class DiskActorIndex:
    """The curated actors' ``ActorIndex`` answered from the index's rows: ``by_name`` and
    ``by_text`` read the rows of the query's words (one range read per word) and, for
    several words, the token sequences of the actors holding them all; the same answers,
    by the same rules (``ActorIndex._match``), with nothing read at open."""

    def __init__(self, idx: DiskIndex) -> None:
        self.idx = idx
        self._cache: dict[tuple, set[str]] = {}

    def _ids(self, kind: str, word: str, prefix: bool) -> set[str]:
        args: tuple[str, ...]
        if not prefix or (len(word) < MIN_PREFIX and word.isascii()):
            sql, args = "SELECT ids FROM aword WHERE kind = ? AND tok = ?", (kind, word)
        else:
            sql = "SELECT ids FROM aword WHERE kind = ? AND tok >= ? AND tok < ?"
            args = (kind, word, word + "\U0010ffff")
        out: set[str] = set()
        for (ids,) in self.idx.query(sql, args):
            out.update(ids.split(" "))
        return out

    def _seqs(self, aids: Iterable[str], names_only: bool) -> dict[str, list[list[str]]]:
        out: dict[str, list[list[str]]] = {}
        keys = list(aids)
        for k in range(0, len(keys), 500):
            chunk = keys[k : k + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT aid, names, seqs FROM aseq WHERE aid IN ({marks})"
            for aid, names, seqs in self.idx.query(sql, chunk):
                lines = [line.split() for line in seqs.split("\n")]
                out[aid] = lines[:names] if names_only else lines
        return out

    def _match(self, words: tuple[str, ...], names_only: bool) -> set[str]:
        key = (words, names_only)
        hit = self._cache.get(key)
        if hit is not None:
            return set(hit)
        kind = "n" if names_only else "t"
        cand: set[str] | None = None
        for i, w in enumerate(words):
            hits = self._ids(kind, w, prefix=(i == len(words) - 1) or len(words) == 1)
            cand = hits if cand is None else cand & hits
            if not cand:
                return set()
        if cand is None:
            return set()
        if len(words) > 1:
            seqs = self._seqs(cand, names_only)
            cand = {a for a in cand if any(seq_contains(q, words) for q in seqs.get(a, ()))}
        if len(self._cache) > 256:
            self._cache.clear()
        self._cache[key] = cand
        return set(cand)

    def by_name(self, words: tuple[str, ...]) -> set[str]:
        """Actors whose name or an alias contains ``words`` (last one a prefix)."""
        return self._match(words, names_only=True)

    def by_text(self, words: tuple[str, ...]) -> set[str]:
        """Actors whose name, aliases, description, kind or country match ``words``."""
        return self._match(words, names_only=False)


class DiskRelations:
    """The curated relations in the index's ``rel`` rows, read when asked: one relation by
    id, an actor's by subject and object (one indexed query each); every relation only for
    a caller that wants them all (an export, the records citing a source)."""

    def __init__(self, idx: DiskIndex) -> None:
        self._idx = idx
        self._ids: frozenset[str] | None = None

    def all(self) -> list[dict]:
        return [_loads(b) for (b,) in self._idx.query("SELECT rec FROM rel ORDER BY seq")]

    def ids(self) -> frozenset[str]:
        if self._ids is None:
            q = "SELECT id FROM rel WHERE id IS NOT NULL"
            self._ids = frozenset(rid for (rid,) in self._idx.query(q))
        return self._ids

    def __contains__(self, rid: object) -> bool:
        if not isinstance(rid, str):
            return False
        if self._ids is not None:
            return rid in self._ids
        return bool(self._idx.query("SELECT 1 FROM rel WHERE id = ? LIMIT 1", (rid,)))

    def get(self, rid: str) -> dict | None:
        """The relation ``rid`` (the last of that id, as a dict by id keeps it)."""
        q = "SELECT rec FROM rel WHERE id = ? ORDER BY seq DESC LIMIT 1"
        rows = self._idx.query(q, (rid,))
        return _loads(rows[0][0]) if rows else None

    def of_actor(self, actor_id: str) -> list[dict]:
        """The relations with ``actor_id`` at an end, in the store's order (one with it at
        both ends twice, as the in-memory engine lists it once per end)."""
        q = (
            "SELECT seq, rec FROM rel WHERE subject = ?1"
            " UNION ALL SELECT seq, rec FROM rel WHERE object = ?1 ORDER BY 1"
        )
        return [_loads(b) for _, b in self._idx.query(q, (actor_id,))]


def is_current(store: Path) -> bool:
    """An index of ``store``'s very file (same identity) is on disk."""
    ident = identity(store)
    path = index_path(store)
    if ident is None or not path.exists():
        return False
    try:
        idx = DiskIndex(path)
    except (sqlite3.Error, ValueError, OSError):
        return False
    try:
        return bool(idx.meta.get("identity") == ident)
    finally:
        idx.close()


def open_for(store: Path, say: Callable[[str], None] | None = None) -> DiskIndex | None:
    """The index of ``store`` if one is on disk and current, else None. An index whose
    identity is stale but whose content hash matches the file is reused."""
    ident = identity(store)
    if ident is None:
        return None
    path = index_path(store)
    if not path.exists():
        return None
    try:
        idx = DiskIndex(path)
    except (sqlite3.Error, ValueError, OSError):
        return None
    if idx.meta.get("identity") == ident:
        return idx
    # the file was touched, copied or rewritten: the same bytes keep their index
    try:
        same = idx.meta.get("content") == content_hash(store)
    except OSError:
        same = False
    idx.close()
    if not same:
        return None
    try:
        con = sqlite3.connect(str(path))
        try:
            con.execute("UPDATE meta SET v = ? WHERE k = 'identity'", (ident,))
            con.commit()
        finally:
            con.close()
        return DiskIndex(path)
    except (sqlite3.Error, ValueError, OSError):
        return None


# ------------------------------------------------------------------------------ segment


class _Table(Mapping[str, Sequence[int]]):
    """One of a segment's key -> positions tables, read from the index on demand."""

    def __init__(self, idx: DiskIndex, kind: str) -> None:
        self.idx, self.kind = idx, kind
        self.n = int(idx.meta["n"])
        self._keys: list[str] | None = None
        self._cache: dict[str, Sequence[int]] = {}
        self._lengths: dict[str, int] | None = None

    def __getitem__(self, key: str) -> Sequence[int]:
        hit = self._cache.get(key)
        if hit is None:
            rows = self.idx.query(
                "SELECT pos FROM tab WHERE kind = ? AND key = ?", (self.kind, key)
            )
            if not rows:
                raise KeyError(key)
            hit = blob_positions(rows[0][0])
            if len(self._cache) > 4096:
                self._cache.clear()
            self._cache[key] = hit
        return hit

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def count(self, key: str) -> int:
        """``len(self.get(key, ()))`` without reading the positions: one query for all keys."""
        if self._lengths is None:
            self._lengths = dict(
                self.idx.query("SELECT key, n FROM tab WHERE kind = ?", (self.kind,))
            )
        return self._lengths.get(key, 0)

    def bits(self, keys: Iterable[str]) -> int:
        """The union of ``keys``' positions as a bitset."""
        return blob_bits(self.idx.blobs("tab", "key", keys, kind=self.kind), self.n)

    def keys_list(self) -> list[str]:
        if self._keys is None:
            self._keys = [
                k
                for (k,) in self.idx.query(
                    "SELECT key FROM tab WHERE kind = ? ORDER BY key", (self.kind,)
                )
            ]
        return self._keys

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys_list())

    def __len__(self) -> int:
        return len(self.keys_list())

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None


class _PosOf(Mapping[str, int]):
    """id -> position, read from the index on demand."""

    def __init__(self, idx: DiskIndex, n: int) -> None:
        self.idx, self.n = idx, n

    def get(self, key: Any, default: Any = None) -> Any:
        if not isinstance(key, str):
            return default
        rows = self.idx.query("SELECT pos FROM ev WHERE id = ?", (key,))
        return rows[0][0] if rows else default

    def __getitem__(self, key: str) -> int:
        pos = self.get(key)
        if pos is None:
            raise KeyError(key)
        return pos

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter([i for (i,) in self.idx.query("SELECT id FROM ev ORDER BY pos")])

    def __len__(self) -> int:
        return self.n


class _Events(Sequence[dict]):
    """A segment's events in order, each parsed from the index when first read (a bounded
    number stay parsed)."""

    def __init__(self, seg: DiskSegment) -> None:
        self.seg = seg

    def __len__(self) -> int:
        return self.seg.n

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self.seg.event(p) for p in range(*i.indices(self.seg.n))]
        if i < 0:
            i += self.seg.n
        if not 0 <= i < self.seg.n:
            raise IndexError(i)
        return self.seg.event(i)

    def __iter__(self) -> Iterator[dict]:
        return self.seg.iter_events(range(self.seg.n))


class DiskSegment(Segment):
    """The curated events' segment, answered from a ``DiskIndex``: the same primitives the
    engine asks of a ``Segment``, with nothing per event held in memory but the date bounds
    and a bounded cache of parsed records."""

    def __init__(self, idx: DiskIndex) -> None:
        self.idx = idx
        self.user = False
        self.n = int(idx.meta["n"])
        # the date bounds and the other arrays are read when a query first needs them (a
        # word search does not); their sizes are checked here, so a damaged index is a miss
        sizes = dict(idx.query("SELECT name, length(data) FROM arr"))
        for name in ("starts", "ends"):
            if sizes.get(name) != 4 * self.n:
                raise ValueError("arrays")
        if any(sizes.get(name, 1) % 4 for name in ("spans", "inferred", "with_figures")):
            raise ValueError("arrays")
        self.actor_events = _Table(idx, "actor")  # type: ignore[assignment]
        self.sector_events = _Table(idx, "sector")  # type: ignore[assignment]
        self.source_events = _Table(idx, "source")  # type: ignore[assignment]
        self.status_events = _Table(idx, "status")  # type: ignore[assignment]
        self.type_events = _Table(idx, "type")  # type: ignore[assignment]
        self.when_events = _Table(idx, "when")  # type: ignore[assignment]
        self.pos_of = _PosOf(idx, self.n)  # type: ignore[assignment]
        self.events = _Events(self)  # type: ignore[assignment]
        self._records: OrderedDict[int, dict] = OrderedDict()
        self._cache = {}

    def __len__(self) -> int:
        return self.n

    def _array(self, name: str, code: str = "I") -> array:
        rows = self.idx.query("SELECT data FROM arr WHERE name = ?", (name,))
        out = array(code)
        out.frombytes(rows[0][0])
        return out

    @cached_property
    def starts(self) -> array:  # type: ignore[override]
        return self._array("starts", "i")

    @cached_property
    def ends(self) -> array:  # type: ignore[override]
        return self._array("ends", "i")

    @cached_property
    def spans(self) -> array:  # type: ignore[override]
        return self._array("spans")

    @cached_property
    def inferred(self) -> PosBits:  # type: ignore[override]
        return PosBits(bits_of(self._array("inferred")))

    @cached_property
    def with_figures(self) -> PosBits:  # type: ignore[override]
        return PosBits(bits_of(self._array("with_figures")))

    def actor_count(self, actor_id: str) -> int:
        table: Any = self.actor_events
        return int(table.count(actor_id))

    # ---------------------------------------------------------------- records

    def event(self, pos: int) -> dict:
        rec = self._records.get(pos)
        if rec is not None:
            self._records.move_to_end(pos)
            return rec
        rows = self.idx.query("SELECT rec FROM ev WHERE pos = ?", (pos,))
        if not rows:
            raise IndexError(pos)
        return self._keep(pos, _loads(rows[0][0]))

    def _keep(self, pos: int, rec: dict) -> dict:
        self._records[pos] = rec
        if len(self._records) > _RECORD_CACHE:
            self._records.popitem(last=False)
        return rec

    def iter_events(self, positions: Iterable[int], batch: int = 256) -> Iterator[dict]:
        """The events at ``positions``, in that order, read in batches."""
        for buf in _batches(positions, batch):
            yield from self._batch(buf)

    def _stored(self, want: list[int]) -> dict[int, bytes]:
        """The stored text of the events at ``want`` (ascending), by position: one range
        read where they are dense, else one lookup of them all."""
        if not want:
            return {}
        lo, hi = want[0], want[-1]
        if hi - lo < 4 * len(want):
            rows = self.idx.query("SELECT pos, rec FROM ev WHERE pos BETWEEN ? AND ?", (lo, hi))
            if len(rows) == len(want):
                return dict(rows)
            wanted = set(want)
            return {p: r for p, r in rows if p in wanted}
        marks = ",".join("?" * len(want))
        return dict(self.idx.query(f"SELECT pos, rec FROM ev WHERE pos IN ({marks})", want))

    def stored_pretty(self, positions: list[int]) -> list[bytes]:
        """The events at ``positions`` (ascending) as ``jsontext.dumps_pretty`` writes them
        (without the newline): the stored text, unparsed."""
        got = self._stored(sorted(set(positions)))
        try:
            return [got[p] for p in positions]
        except KeyError as exc:
            raise IndexError(exc.args[0]) from None

    def _batch(self, positions: list[int]) -> list[dict]:
        want = sorted({p for p in positions if p not in self._records})
        got = {p: _loads(r) for p, r in self._stored(want).items()}
        out = []
        for p in positions:
            rec = got.get(p)
            if rec is None:
                rec = self.event(p)
            else:
                self._keep(p, rec)
            out.append(rec)
        return out

    def light_rows(self) -> tuple[array, list[dict]]:
        """What a chart counts of each event (``graph.density``, ``graph.window_counts``):
        its date cut to the month, its first sector and whether it is a window, as one
        shared small dict per distinct combination, and each position's index into them.
        Read once (one pass over the records in SQLite), on first use."""
        got = getattr(self, "_light", None)
        if got is None:
            codes = array("I")
            kinds: dict[tuple, int] = {}
            rows: list[dict] = []
            sql = (
                "SELECT date, json_extract(CAST(rec AS TEXT), '$.sectors[0]', '$.latest',"
                " '$.end_date') FROM ev ORDER BY pos"
            )
            with self.idx.lock:
                for date, extra in self.idx.con.execute(sql):
                    sector, latest, end = _loads(extra)
                    key = (date[:7], sector, bool(latest) and not end)
                    code = kinds.get(key)
                    if code is None:
                        code = kinds[key] = len(rows)
                        light: dict = {
                            "date": key[0],
                            "sectors": [] if sector is None else [sector],
                        }
                        if key[2]:
                            light["latest"] = latest
                        rows.append(light)
                    codes.append(code)
            got = self._light = (codes, rows)
        return got

    def insertion_point(self, start: int, rid: str) -> int:
        """How many of this segment's events sort before an event (start, rid)."""
        a, b = bisect_left(self.starts, start), bisect_right(self.starts, start)
        if a == b:
            return a
        rows = self.idx.query(
            "SELECT count(*) FROM ev WHERE pos >= ? AND pos < ? AND id < ?", (a, b, rid)
        )
        return a + int(rows[0][0])

    # ---------------------------------------------------------------- primitives

    def ids_digest(self) -> str:  # pragma: no cover - never cached again
        raise NotImplementedError

    # Every set of positions this segment answers is a ``PosBits`` (a bitset): a broad
    # query costs machine words over the store, not an int object per matching event.

    def cached(self, key: tuple, compute) -> PosBits:  # type: ignore[override]
        cache: dict[tuple, Any] = self._cache
        hit = cache.get(key)
        if hit is None:
            if len(cache) > 512:
                cache.clear()
            hit = cache[key] = PosBits.of(compute())
        return hit

    def universe(self) -> PosBits:  # type: ignore[override]
        return PosBits(span_bits(0, self.n))

    def by_keys(  # type: ignore[override]
        self, table: Mapping[str, Sequence[int]], keys: Iterable[str]
    ) -> PosBits:
        if isinstance(table, _Table):
            return PosBits(table.bits(keys))
        return PosBits.of(super().by_keys(table, keys))  # pragma: no cover

    def in_range(self, lo: int, hi: int) -> PosBits:  # type: ignore[override]
        a = bisect_left(self.starts, lo)
        b = bisect_right(self.starts, hi)
        ends, spans = self.ends, self.spans
        before = [pos for pos in spans[: bisect_left(spans, a)] if ends[pos] >= lo]
        return PosBits(span_bits(a, b) | bits_of(before))

    def _tokens_matching(self, word: str, prefix: bool) -> list[bytes]:
        if not prefix or (len(word) < MIN_PREFIX and word.isascii()):
            rows = self.idx.query("SELECT pos FROM post WHERE tok = ?", (word,))
        else:
            rows = self.idx.query(
                "SELECT pos FROM post WHERE tok >= ? AND tok < ?", (word, word + "\U0010ffff")
            )
        return [r[0] for r in rows]

    def word_positions(self, word: str, prefix: bool = True) -> PosBits:  # type: ignore[override]
        return self.cached(
            ("w", word, prefix),
            lambda: PosBits(blob_bits(self._tokens_matching(word, prefix), self.n)),
        )

    def word_or_actor_positions(  # type: ignore[override]
        self, word: str, actor_ids: Iterable[str]
    ) -> PosBits:
        table: Any = self.actor_events
        return PosBits(blob_bits(self._tokens_matching(word, True), self.n) | table.bits(actor_ids))

    def _phrase_positions(self, words: tuple[str, ...]) -> set[int]:
        if not words:
            return set()
        match = '"' + " ".join(words) + '"'
        last = words[-1]
        rows = self.idx.query("SELECT rowid FROM fts WHERE fts MATCH ?", (match + "*",))
        found = {r[0] for r in rows}
        if found and len(last) < MIN_PREFIX and last.isascii():
            # the engine also asks for the short last word as a whole word somewhere
            found &= self.word_positions(last, prefix=False)
        return found

    def _exact_phrase_positions(self, words: tuple[str, ...]) -> set[int]:
        if not words:
            return set()
        match = '"' + " ".join(words) + '"'
        return {r[0] for r in self.idx.query("SELECT rowid FROM fts WHERE fts MATCH ?", (match,))}

    def by_written_date(self, prefix: str, year_only: bool) -> set[int]:
        rng = parse_date(prefix)
        if rng is None:
            return set()
        a, b = bisect_left(self.starts, rng[0]), bisect_right(self.starts, rng[1])
        rows = self.idx.query("SELECT pos, date FROM ev WHERE pos >= ? AND pos < ?", (a, b))
        if year_only:
            return {p for p, d in rows if len(d) == 4}
        return {p for p, d in rows if d.startswith(prefix)}

    def positions_of_ids(self, ids: Iterable[str]) -> PosBits:  # type: ignore[override]
        ids = [i for i in ids if isinstance(i, str)]
        out: set[int] = set()
        for k in range(0, len(ids), 500):
            chunk = ids[k : k + 500]
            marks = ",".join("?" * len(chunk))
            out.update(
                p for (p,) in self.idx.query(f"SELECT pos FROM ev WHERE id IN ({marks})", chunk)
            )
        return PosBits.of(out)

    # ---------------------------------------------------------------- phonetic keys

    def phonetic(self) -> PhoneticMap:
        """The phonetic keys (``translit``) of the index's tokens, read on first use: the
        non-ASCII tokens for a Latin word, the ASCII ones only for a Cyrillic or Hangul one."""
        if getattr(self, "_phon", None) is None:
            self._phon = PhoneticMap(source=self._vocab_part)
        assert self._phon is not None
        return self._phon

    def _vocab_part(self, ascii_part: bool) -> list[str]:
        op = "<" if ascii_part else ">="
        return [r[0] for r in self.idx.query(f"SELECT tok FROM post WHERE tok {op} ?", ("\x80",))]

    def phonetic_postings(self) -> Mapping[str, Sequence[int]]:
        return _Postings(self.idx)


class _Postings(Mapping[str, Sequence[int]]):
    """Token -> positions, read from the index on demand (for the phonetic lookups)."""

    def __init__(self, idx: DiskIndex) -> None:
        self.idx = idx
        self.n = int(idx.meta["n"])

    def __getitem__(self, tok: str) -> Sequence[int]:
        rows = self.idx.query("SELECT pos FROM post WHERE tok = ?", (tok,))
        if not rows:
            raise KeyError(tok)
        return blob_positions(rows[0][0])

    def union(self, toks: Iterable[str]) -> PosBits:
        """The positions of any of ``toks``, as one bitset (``index._union`` asks this)."""
        return PosBits(blob_bits(self.idx.blobs("post", "tok", toks), self.n))

    def __iter__(self) -> Iterator[str]:  # pragma: no cover - not needed by the lookups
        return iter(r[0] for r in self.idx.query("SELECT tok FROM post"))

    def __len__(self) -> int:  # pragma: no cover
        return int(self.idx.query("SELECT count(*) FROM post")[0][0])


# ------------------------------------------------------------------------------ results


class LazyEvents(Sequence[dict]):
    """Events in date order, as positions: a curated event (``ref >= 0``, a position in the
    on-disk segment) or a user event (``ref < 0``: position ``-1 - ref`` in the user's
    in-memory segment). A record is read when it is asked for, so a search that matches
    most of a large store costs its positions, not its records."""

    __slots__ = ("base", "refs", "user")

    def __init__(self, base: DiskSegment, user: Segment | None, refs: Sequence[int]) -> None:
        self.base, self.user, self.refs = base, user, refs

    @classmethod
    def merged(cls, parts: list[tuple[Segment, Iterable[int]]]) -> LazyEvents:
        """The events at each segment's positions (ascending sequences, or any set: a
        ``PosBits`` is read lazily, never listed), curated and user ones in date order."""
        base: DiskSegment | None = None
        user: Segment | None = None
        bpos: Sequence[int] = ()
        upos: Sequence[int] = ()
        for seg, pos in parts:
            seq: Sequence[int]
            if isinstance(pos, PosBits):
                seq = pos.seq()
            elif isinstance(pos, (range, list, array, BitsSeq)):
                seq = pos
            else:
                seq = sorted(pos)
            if isinstance(seg, DiskSegment):
                base, bpos = seg, seq
            else:
                user, upos = seg, seq
        assert base is not None
        if not upos or user is None:
            return cls(base, user, bpos)
        cuts: list[int] = []
        for u in upos:
            ev = user.events[u]
            cuts.append(rank(bpos, base.insertion_point(user.starts[u], ev.get("id", ""))))
        return cls(base, user, MergedRefs(bpos, cuts, [-1 - u for u in upos]))

    def index_of(self, event_id: str) -> int | None:
        """Where the event ``event_id`` is in this sequence, or None (no record is read)."""
        refs = self.refs
        pos = self.base.pos_of.get(event_id)
        if pos is not None:
            if isinstance(refs, MergedRefs):
                return refs.index_of_base(pos)
            return index_in(refs, pos)
        upos = self.user.pos_of.get(event_id) if self.user is not None else None
        if upos is None:
            return None
        if isinstance(refs, MergedRefs):
            return refs.index_of_extra(-1 - upos)
        try:
            return list(refs).index(-1 - upos)
        except ValueError:
            return None

    def __len__(self) -> int:
        return len(self.refs)

    def _one(self, r: int) -> dict:
        if r >= 0:
            return self.base.event(r)
        assert self.user is not None
        return self.user.events[-1 - r]

    def __getitem__(self, i):
        if isinstance(i, slice):
            return list(self._read(self.refs[i]))
        return self._one(self.refs[i])

    def _read(self, refs: Iterable[int]) -> Iterator[dict]:
        for chunk in _batches(refs):
            yield from self._chunk(chunk)

    def _chunk(self, refs: list[int]) -> list[dict]:
        got = iter(self.base._batch([r for r in refs if r >= 0]))
        return [next(got) if r >= 0 else self._one(r) for r in refs]

    def __iter__(self) -> Iterator[dict]:
        return self._read(self.refs)

    def pretty(self) -> Iterator[bytes]:
        """Each event, in order, as ``jsontext.dumps_pretty`` writes it without its newline:
        a curated one is the text the index stores (no parse, no dump), a user one is
        written here."""
        for chunk in _batches(self.refs):
            yield from self._pretty_chunk(chunk)

    def _pretty_chunk(self, refs: list[int]) -> list[bytes]:
        curated = [r for r in refs if r >= 0]
        got = self.base.stored_pretty(curated)
        if len(curated) == len(refs):
            return got
        it = iter(got)
        return [next(it) if r >= 0 else dumps_pretty(self._one(r))[:-1] for r in refs]

    def light_counts(self) -> list[tuple[dict, int]]:
        """For charts (``graph.density_of``): each distinct summary of these events as
        ``DiskSegment.light_rows`` gives it (date to the month, first sector, window or not;
        shared dicts, not to be changed) with how many events it stands for; user events
        as they are. No record is parsed per call: 38k hits cost one count in C."""
        codes, rows = self.base.light_rows()
        refs = self.refs
        base = refs.base if isinstance(refs, MergedRefs) else refs
        if isinstance(base, range):
            tally = Counter(codes[base.start : base.stop])
        else:
            tally = Counter(map(codes.__getitem__, base))
        out = [(rows[c], n) for c, n in tally.items()]
        if isinstance(refs, MergedRefs):
            out += [(self._one(r), 1) for r in refs.extra]
        return out

    def ids(self) -> list[str]:
        """The events' ids in order (curated ones read from the index, not parsed)."""
        return [i for i, _ in self.id_dates()]

    def id_dates(self) -> list[tuple[str, str]]:
        """(id, date as written) of each event, in order, without parsing a record."""
        got: dict[int, tuple[str, str]] = {}
        pos = [r for r in self.refs if r >= 0]
        for k in range(0, len(pos), 900):
            chunk = pos[k : k + 900]
            if chunk and chunk[-1] - chunk[0] == len(chunk) - 1:
                rows = self.base.idx.query(
                    "SELECT pos, id, date FROM ev WHERE pos >= ? AND pos <= ?",
                    (chunk[0], chunk[-1]),
                )
            else:
                marks = ",".join("?" * len(chunk))
                rows = self.base.idx.query(
                    f"SELECT pos, id, date FROM ev WHERE pos IN ({marks})", chunk
                )
            got.update((p, (i, d)) for p, i, d in rows)
        out = []
        for r in self.refs:
            if r >= 0:
                out.append(got[r])
            else:
                ev = self._one(r)
                out.append((ev.get("id", ""), str(ev.get("date", ""))))
        return out

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyEvents):
            other = list(other)
        if not isinstance(other, list):
            return NotImplemented
        return len(other) == len(self) and list(self) == other

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<{len(self)} events>"
