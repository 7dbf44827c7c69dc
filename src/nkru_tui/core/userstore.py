"""The user's own TinyDB file, stored so that nothing acknowledged is ever lost.

TinyDB's stock ``JSONStorage`` rewrites the file in place with no lock: a kill part-way through
a save leaves it unreadable or silently changed, and two writers lose each other's records (a
stale cached next id also makes the second writer's inserts fail). This module closes that:

* every write goes to a temporary file in the same folder
  (``.<name>.tmp-<pid>-<random>``), which is flushed, fsynced, renamed over the store with
  ``os.replace``, after which the folder is fsynced; only then does the write return. The
  file's mode and group are kept; a symlinked store keeps its link and its target is replaced;
* every read-modify-write holds an inter-process ``flock`` on a sidecar ``<name>.lock`` and
  reads fresh from disk inside it (TinyDB tables' cached next ids are reset there too);
* bytes are always UTF-8, whatever the locale;
* temporary files left by a crashed writer are swept when a store is opened;
* a file that cannot be read is moved aside to ``<name>.corrupt-<YYYYmmddTHHMMSS>`` (never
  overwritten), the message saying where is kept in ``UserStore.notices`` and a new, empty
  store is started; a file written by a newer schema is refused and left untouched;
* ``signature()`` / ``changed_on_disk()`` tell a long-running app that another program changed
  the file.

The hot path (``UserStore.update``) works on plain dicts and keeps each record's JSON text, so
saving one note re-encodes one note, not the whole store; the file stays a valid TinyDB store.

Nothing here imports Textual.
"""

from __future__ import annotations

import errno
import fcntl
import io
import json
import os
import re
import secrets
import stat
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from .errors import UserStoreError

SCHEMA = 1
APP = "nkru-tui"
META_TABLE = "meta"
RECORD_TABLES = ("events", "actors", "relations", "sources")
TABLES = (META_TABLE, "notes", "bookmarks", *RECORD_TABLES)

LOCK_TIMEOUT = 10.0  # seconds to wait for another instance's lock
STALE_TEMP_AGE = 60.0  # a temp file this old is garbage even if its pid is alive (reused)
_HEAD = 512  # bytes read to confirm that a cached state is still the file's content

T = TypeVar("T")
Data = dict[str, dict[str, dict[str, Any]]]
Signature = tuple[int, int, int, int, int]

_DIGITS = re.compile(r"[0-9]+\Z")


# ----------------------------------------------------------------------------- JSON text

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _make_fast_encode() -> Callable[[Any], str]:
    """The C encoder reused across calls (json.dumps builds a new one each call)."""
    try:
        from json.encoder import c_encode_basestring, c_make_encoder  # type: ignore[attr-defined]

        if c_make_encoder is None or c_encode_basestring is None:
            raise ImportError
        enc = _ENCODER
        c = c_make_encoder(
            None,
            enc.default,
            c_encode_basestring,
            None,
            enc.key_separator,
            enc.item_separator,
            False,
            False,
            False,
        )

        def fast(obj: Any) -> str:
            return "".join(c(obj, 0))

        sample = {"a": [1, 2.5, None, True, 'ж"\n'], "b": {"c": "평양"}}
        if fast(sample) != enc.encode(sample):  # pragma: no cover - other Pythons
            raise ImportError
        return fast
    except (ImportError, TypeError):  # pragma: no cover - pure-Python json
        return _ENCODER.encode


_encode = _make_fast_encode()


def _jkey(key: str) -> bytes:
    return _ENCODER.encode(key).encode("utf-8")


def _fragment(doc_id: str, doc: Any) -> bytes:
    """``"doc_id":{...}`` as UTF-8, or UserStoreError if the record is not plain JSON data."""
    try:
        text = _encode(doc)
        return b'"' + doc_id.encode("ascii") + b'":' + text.encode("utf-8")
    except UnicodeEncodeError:
        raise UserStoreError(
            "text contains characters that are not valid Unicode (a lone surrogate); "
            "nothing was saved"
        ) from None
    except (TypeError, ValueError, RecursionError) as exc:
        raise UserStoreError(
            f"cannot save this record as JSON ({exc}); nothing was saved"
        ) from None


# ----------------------------------------------------------------------------- the state


class _State:
    """A parsed store plus what makes saving it cheap: each record's JSON bytes."""

    __slots__ = ("data", "frags", "indexes", "next_ids", "rev", "sig")

    def __init__(self, data: Data, sig: Signature | None) -> None:
        self.data = data
        self.frags: dict[str, dict[str, bytes]] = {}
        self.indexes: dict[tuple[str, str], dict[str, list[str]]] = {}
        self.next_ids: dict[str, int] = {}
        self.sig = sig
        self.rev: str | None = None
        meta = data.get(META_TABLE) or {}
        for doc in meta.values():
            rev = doc.get("rev")
            if isinstance(rev, str) and doc.get("app") == APP:
                self.rev = rev
            break

    @classmethod
    def empty(cls) -> _State:
        return cls(_normalise({}), None)

    def next_id(self, table: str) -> str:
        n = self.next_ids.get(table)
        if n is None:
            rows = self.data.get(table) or {}
            n = max((int(k) for k in rows), default=0) + 1
        self.next_ids[table] = n + 1
        return str(n)

    def index(self, table: str, field: str) -> dict[str, list[str]]:
        """value -> doc ids (oldest first) of the records whose ``field`` is that text."""
        ix = self.indexes.get((table, field))
        if ix is None:
            ix = {}
            for k, d in (self.data.get(table) or {}).items():
                v = d.get(field)
                if isinstance(v, str):
                    ix.setdefault(v, []).append(k)
            self.indexes[(table, field)] = ix
        return ix

    def reindex(self, table: str, doc_id: str, old: dict | None, new: dict | None) -> None:
        for (t, f), ix in self.indexes.items():
            if t != table:
                continue
            ov = old.get(f) if old is not None else None
            nv = new.get(f) if new is not None else None
            if ov == nv and old is not None and new is not None:
                continue
            if isinstance(ov, str) and doc_id in ix.get(ov, ()):
                ix[ov].remove(doc_id)
                if not ix[ov]:
                    del ix[ov]
            if isinstance(nv, str):
                ix.setdefault(nv, []).append(doc_id)

    def table_frags(self, table: str) -> dict[str, bytes]:
        f = self.frags.get(table)
        if f is None:
            f = {k: _fragment(k, v) for k, v in self.data[table].items()}
            self.frags[table] = f
        return f

    def payload(self) -> bytes:
        chunks = [b"{"]
        for i, table in enumerate(self.data):
            if i:
                chunks.append(b",")
            chunks.append(_jkey(table))
            chunks.append(b":{")
            chunks.append(b",".join(self.table_frags(table).values()))
            chunks.append(b"}")
        chunks.append(b"}")
        return b"".join(chunks)


def _normalise(raw: dict) -> Data:
    """Our tables present, ``meta`` first and stamped with schema and app."""
    data: Data = {META_TABLE: raw.get(META_TABLE) or {}}
    for t in TABLES[1:]:
        data[t] = raw.get(t) or {}
    for t, rows in raw.items():
        if t not in data:
            data[t] = rows
    meta = data[META_TABLE]
    if not meta:
        meta["1"] = {"schema": SCHEMA, "app": APP}
    return data


class Tx:
    """What ``UserStore.update`` hands to its function: read tables, change records.

    Change records only through ``insert``/``put``/``remove`` so that each record's JSON text
    stays in step; tables returned by ``table()`` must not be mutated.
    """

    def __init__(self, state: _State) -> None:
        self._state = state
        self.changed = False

    def table(self, name: str) -> Mapping[str, dict[str, Any]]:
        return self._state.data.get(name) or {}

    def _rows(self, table: str) -> dict[str, dict[str, Any]]:
        return self._state.data.setdefault(table, {})

    def find(self, table: str, field: str, value: str) -> str | None:
        """The doc id of the (oldest) record whose ``field`` equals ``value``; indexed."""
        ids = self._state.index(table, field).get(value)
        return ids[0] if ids else None

    def find_all(self, table: str, field: str, value: str) -> list[str]:
        return list(self._state.index(table, field).get(value, ()))

    def insert(self, table: str, doc: dict[str, Any]) -> str:
        doc_id = self._state.next_id(table)
        self.put(table, doc_id, doc)
        return doc_id

    def put(self, table: str, doc_id: str, doc: dict[str, Any]) -> None:
        frag = _fragment(doc_id, doc)  # fails before anything changes
        rows = self._rows(table)
        self._state.reindex(table, doc_id, rows.get(doc_id), doc)
        rows[doc_id] = doc
        f = self._state.frags.get(table)
        if f is not None:
            f[doc_id] = frag
        self.changed = True

    def remove(self, table: str, doc_id: str) -> dict[str, Any] | None:
        doc = self._rows(table).pop(doc_id, None)
        if doc is not None:
            self._state.reindex(table, doc_id, doc, None)
            f = self._state.frags.get(table)
            if f is not None:
                f.pop(doc_id, None)
            self.changed = True
        return doc


# ----------------------------------------------------------------------------- checks


def _check(raw: Any) -> tuple[str, str] | None:
    """``("newer"|"foreign"|"corrupt", message)`` for a store we must not use, else None."""
    if not isinstance(raw, dict):
        return "corrupt", f"the top level is a JSON {_jtype(raw)}, not an object of tables"
    for mt in (META_TABLE, "_meta"):
        meta = raw.get(mt)
        if not isinstance(meta, dict):
            continue
        for doc in meta.values():
            if not isinstance(doc, dict):
                continue
            for key in ("schema", "version"):
                v = doc.get(key)
                if isinstance(v, (int, float)) and not isinstance(v, bool) and v > SCHEMA:
                    return "newer", (
                        f"written by a newer version of nkru-tui ({mt} {key} {v}; this version "
                        f"reads {SCHEMA}); it was not read or changed: upgrade nkru-tui, or "
                        "choose another user store with --user-db or NKRU_USER_DB"
                    )
    for table, rows in raw.items():
        if not isinstance(rows, dict):
            return "corrupt", f"table {table!r} is a JSON {_jtype(rows)}, not an object of records"
        for doc_id, doc in rows.items():
            if not _DIGITS.match(doc_id):
                return (
                    "corrupt",
                    f"table {table!r} has a record key {doc_id[:40]!r} that is not a number",
                )
            if not isinstance(doc, dict):
                return "corrupt", f"{table}/{doc_id} is a JSON {_jtype(doc)}, not an object"
    meta = raw.get(META_TABLE)
    if meta:
        apps = [d.get("app") for d in meta.values()]
        if APP not in apps:
            return "foreign", (
                "is not an nkru-tui user store (its meta table does not say app "
                f"{APP!r}; is it the curated store?); it was not read or changed"
            )
    return None


def _jtype(v: Any) -> str:
    return {dict: "object", list: "list", str: "string", bool: "boolean", type(None): "null"}.get(
        type(v), "number"
    )


def _parse(data: bytes) -> tuple[Any, str | None]:
    """JSON from UTF-8 bytes; ``(None, reason)`` when it cannot be read."""
    if not data.strip():
        return None, "the file is empty" if not data else "the file holds only whitespace"
    if data.startswith(b"\xef\xbb\xbf"):
        return None, "the file starts with a UTF-8 byte-order mark"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, f"it is not UTF-8 text (bad byte at offset {exc.start})"
    try:
        return json.loads(text), None
    except RecursionError:
        return None, "its JSON is nested too deeply"
    except ValueError as exc:  # JSONDecodeError
        return None, f"it is not valid JSON ({str(exc).splitlines()[0]})"


def _sig(st: os.stat_result) -> Signature:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _explain(exc: OSError, what: str, folder: str) -> str:
    e = exc.errno
    if e in (errno.ENOSPC, errno.EDQUOT):
        why = "the disk is full (no space left on the device)"
    elif e == errno.EROFS:
        why = f"the folder {folder} is on a read-only file system"
    elif e in (errno.EACCES, errno.EPERM):
        why = f"permission denied: the folder {folder} is not writable"
    else:
        why = exc.strerror or str(exc)
    return f"could not {what}: {why}; the user store is unchanged"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:  # pragma: no cover
        return True
    return True


# ----------------------------------------------------------------------------- the lock


class _Lock:
    """``flock`` on a sidecar file, re-entrant within one thread, exclusive across threads."""

    def __init__(self, path_fn: Callable[[], str], timeout: float, store_path: str) -> None:
        self._path_fn = path_fn
        self.timeout = timeout
        self._store_path = store_path
        self._tlock = threading.RLock()
        self._fd: int | None = None
        self._depth = 0
        self._owner: int | None = None

    def held(self) -> bool:
        return self._depth > 0 and self._owner == threading.get_ident()

    def acquire(self) -> None:
        if not self._tlock.acquire(timeout=self.timeout):
            raise UserStoreError(
                f"timed out after {self.timeout:g} s waiting for another thread's save",
                self._store_path,
            )
        if self._depth:
            self._depth += 1
            return
        try:
            self._fd = self._open_and_lock()
        except BaseException:
            self._tlock.release()
            raise
        self._depth = 1
        self._owner = threading.get_ident()

    def _open_and_lock(self) -> int:
        lp = self._path_fn()
        try:
            fd = os.open(lp, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            try:  # a read-only folder may still hold a lock file we can lock
                fd = os.open(lp, os.O_RDONLY | os.O_CLOEXEC)
            except OSError:
                raise UserStoreError(
                    _explain(exc, f"lock the user store ({lp})", os.path.dirname(lp)),
                    self._store_path,
                ) from None
        deadline = time.monotonic() + self.timeout
        pause = 0.001
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return fd
            except BlockingIOError:
                pass
            except OSError as exc:
                os.close(fd)
                raise UserStoreError(
                    f"cannot lock {lp}: {exc.strerror}", self._store_path
                ) from None
            if time.monotonic() >= deadline:
                os.close(fd)
                raise UserStoreError(
                    f"another nkru-tui (or script) has held the lock {lp} for more than "
                    f"{self.timeout:g} s; nothing was saved: try again when it has finished",
                    self._store_path,
                )
            time.sleep(pause)
            pause = min(pause * 2, 0.005)

    def release(self) -> None:
        self._depth -= 1
        if self._depth == 0:
            fd, self._fd, self._owner = self._fd, None, None
            if fd is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_UN)
                finally:
                    os.close(fd)
        self._tlock.release()


# ----------------------------------------------------------------------------- the store


class UserStore:
    """One user store file. Safe across threads and processes.

    ``read()`` gives the current data (plain dicts: do not mutate them); ``update(fn)`` runs
    ``fn(tx)`` inside the lock on fresh data and saves atomically if ``tx`` changed anything;
    ``tinydb()`` gives a TinyDB whose writes all go through the same lock and atomic save.
    """

    def __init__(self, path: str | Path, *, lock_timeout: float = LOCK_TIMEOUT) -> None:
        self.path = Path(path)
        self.notices: list[str] = []
        self._state: _State | None = None
        self._seen: Signature | None | bool = False  # False: the caller has read nothing yet
        self._lock = _Lock(lambda: self._target() + ".lock", lock_timeout, str(self.path))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass  # reading still works (as an empty store); a save will say what is wrong
        self.sweep_temp_files()

    # -- where

    def _target(self) -> str:
        """The real file: a symlinked store is replaced at its target, the link kept."""
        return os.path.realpath(self.path)

    @property
    def lock_timeout(self) -> float:
        return self._lock.timeout

    @lock_timeout.setter
    def lock_timeout(self, value: float) -> None:
        self._lock.timeout = value

    # -- change detection

    def signature(self) -> Signature | None:
        """(device, inode, size, mtime_ns, ctime_ns) of the store file, None if it is absent."""
        try:
            return _sig(os.stat(self.path))
        except OSError:
            return None

    def changed_on_disk(self) -> bool:
        """True when the file is not what this store last returned from ``read()`` (or wrote
        on top of that): another program replaced or changed it, and the caller should read
        again."""
        return self._seen is False or self.signature() != self._seen

    @property
    def seen_signature(self) -> Signature | None:
        return None if self._seen is False else self._seen  # type: ignore[return-value]

    # -- locking

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the inter-process lock (re-entrant)."""
        self._lock.acquire()
        try:
            yield
        finally:
            self._lock.release()

    # -- reading

    def read(self) -> Data:
        """The store's current data (fresh from disk or a cache proven to match it)."""
        st = self._load()
        self._seen = st.sig
        return st.data

    def find(self, table: str, field: str, value: str) -> dict[str, Any] | None:
        """The current (oldest) record whose ``field`` equals ``value`` (do not mutate it)."""
        st = self._load()
        ids = st.index(table, field).get(value)
        return st.data[table][ids[0]] if ids else None

    def _invalidate(self) -> None:
        self._state = None

    def _load(self) -> _State:
        target = self._target()
        try:
            fd = os.open(target, os.O_RDONLY | os.O_CLOEXEC)
        except FileNotFoundError:
            if self._state is None or self._state.sig is not None:
                self._state = _State.empty()
            return self._state
        except OSError as exc:
            raise UserStoreError(f"cannot read the user store: {exc.strerror}", self.path) from None
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise UserStoreError("is not a regular file; it was not read or changed", self.path)
            sig = _sig(st)
            cached = self._state
            if cached is not None and cached.sig == sig and cached.rev:
                head = os.pread(fd, _HEAD, 0)
                if b'"rev":"' + cached.rev.encode("ascii") + b'"' in head:
                    return cached
            with io.FileIO(fd, closefd=False) as f:
                data = f.readall()
        except OSError as exc:
            raise UserStoreError(f"cannot read the user store: {exc.strerror}", self.path) from None
        finally:
            os.close(fd)
        raw, reason = _parse(data)
        if reason is None:
            bad = _check(raw)
            if bad is not None:
                kind, reason = bad
                if kind != "corrupt":
                    raise UserStoreError(reason, self.path)
        if reason is not None:
            return self._recover(sig, reason)
        state = _State(_normalise(raw), sig)
        self._state = state
        return state

    def _recover(self, sig: Signature, reason: str) -> _State:
        """Move an unreadable store aside (never overwrite it) and start a new one."""
        try:
            self._lock.acquire()
        except UserStoreError as exc:
            raise UserStoreError(
                f"the user store cannot be read ({reason}) and could not be moved aside "
                f"({exc.message}); it was left as it is",
                self.path,
            ) from None
        try:
            target = self._target()
            try:
                now = _sig(os.stat(target))
            except FileNotFoundError:
                now = None
            if now != sig:  # replaced meanwhile (by a writer holding the lock): look again
                self._state = None
                return self._load()
            try:
                aside = _move_aside(target)
            except OSError as exc:
                raise UserStoreError(
                    f"the user store cannot be read ({reason}) and could not be moved aside: "
                    f"{_explain(exc, 'rename it', os.path.dirname(target))}",
                    self.path,
                ) from None
            self.notices.append(
                f"{self.path}: the user store could not be read ({reason}); it was moved "
                f"aside, unchanged, to {aside}, and a new, empty store was started"
            )
            state = _State.empty()
            self._state = state
            try:
                self._commit(state)
            except UserStoreError:
                self._state = _State.empty()  # the next save creates it
            return self._state
        finally:
            self._lock.release()

    # -- writing

    def update(self, fn: Callable[[Tx], T]) -> T:
        """Run ``fn(tx)`` on fresh data inside the lock; save atomically if it changed
        anything. Returns ``fn``'s result once the save is on disk. If ``fn`` or the save
        raises, nothing is saved and the store is as it was."""
        with self.locked():
            state = self._load()
            caught_up = state.sig == self._seen
            tx = Tx(state)
            try:
                result = fn(tx)
                if tx.changed:
                    self._commit(state)
            except BaseException:
                self._state = None  # fn may have changed the cached data: re-read next time
                raise
            if caught_up and tx.changed:
                self._seen = state.sig
            return result

    def write_all(self, data: Mapping[str, Any]) -> None:
        """Replace the whole store with ``data`` (TinyDB's layout), atomically."""
        with self.locked():
            bad = _check(data)
            if bad is not None:
                raise UserStoreError(f"refusing to save: {bad[1]}", self.path)
            state = _State(_normalise({k: dict(v) for k, v in data.items()}), None)
            try:
                self._load()  # refuses a newer-version store before replacing it
                self._commit(state)
            except BaseException:
                self._state = None
                raise
            self._state = state

    def _commit(self, state: _State) -> None:
        """Save ``state`` atomically (the lock must be held); returns after the folder fsync."""
        assert self._lock.held(), "UserStore._commit outside the lock"
        meta = state.data[META_TABLE]
        mid = next(iter(meta))
        doc = dict(meta[mid])
        doc.setdefault("schema", SCHEMA)
        doc.setdefault("app", APP)
        doc["rev"] = rev = secrets.token_hex(8)
        meta[mid] = doc
        state.table_frags(META_TABLE)[mid] = _fragment(mid, doc)
        payload = state.payload()
        state.sig = _atomic_write(self._target(), payload, str(self.path))
        state.rev = rev
        self._state = state

    # -- housekeeping

    def sweep_temp_files(self) -> list[str]:
        """Remove temp files a crashed writer left (our pattern; pid gone or > 1 min old)."""
        target = self._target()
        folder, name = os.path.split(target)
        pat = re.compile(re.escape(f".{name}.tmp-") + r"(\d+)-[0-9a-f]+\Z")
        removed: list[str] = []
        try:
            entries = list(os.scandir(folder or "."))
        except OSError:
            return removed
        now = time.time()
        for e in entries:
            m = pat.match(e.name)
            if not m:
                continue
            try:
                age = now - e.stat(follow_symlinks=False).st_mtime
                pid = int(m.group(1))
                if (pid != os.getpid() and not _pid_alive(pid)) or age > STALE_TEMP_AGE:
                    os.unlink(e.path)
                    removed.append(e.path)
            except OSError:
                continue
        return removed

    def tinydb(self) -> TinyDB:
        """A TinyDB over this store whose every change is locked, fresh and atomic."""
        return _LockedTinyDB(store=self, storage=AtomicStorage)

    def close(self) -> None:
        self._state = None


def _move_aside(target: str) -> str:
    """Rename ``target`` to ``<target>.corrupt-<stamp>[-n]`` without clobbering anything."""
    base = f"{target}.corrupt-{time.strftime('%Y%m%dT%H%M%S')}"
    for n in range(10000):
        cand = base if n == 0 else f"{base}-{n}"
        try:
            os.link(target, cand)  # fails if cand exists: no race with another mover
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
                raise
            if os.path.lexists(cand):  # file systems without hard links
                continue
            os.rename(target, cand)
        else:
            os.unlink(target)
        _fsync_dir(os.path.dirname(target))
        return cand
    raise OSError(errno.EEXIST, "too many moved-aside copies")  # pragma: no cover


def _fsync_dir(folder: str) -> None:
    fd = os.open(folder or ".", os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def _atomic_write(target: str, payload: bytes, shown: str) -> Signature:
    """temp file in the same folder -> write -> fsync -> os.replace -> fsync the folder."""
    folder, name = os.path.split(target)
    try:
        old = os.stat(target)
    except FileNotFoundError:
        old = None
    except OSError as exc:
        raise UserStoreError(_explain(exc, "save", folder), shown) from None
    tmp = os.path.join(folder, f".{name}.tmp-{os.getpid()}-{secrets.token_hex(4)}")
    fd: int | None = None
    try:
        fd = os.open(
            tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600
        )
        if old is not None:
            try:
                os.fchown(fd, old.st_uid if os.geteuid() == 0 else -1, old.st_gid)
            except OSError:
                pass  # not a member of that group: keep ours
            os.fchmod(fd, stat.S_IMODE(old.st_mode))
        view = memoryview(payload)
        off = 0
        while off < len(view):
            n = os.write(fd, view[off:])
            if n <= 0:  # pragma: no cover - a write that writes nothing
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            off += n
        os.fsync(fd)
        os.close(fd)
        fd = None
        os.replace(tmp, target)
    except OSError as exc:
        if fd is not None:
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise UserStoreError(_explain(exc, "save", folder), shown) from None
    try:
        _fsync_dir(folder)
        return _sig(os.stat(target))
    except OSError as exc:
        raise UserStoreError(
            f"saved, but could not confirm it on disk: {exc.strerror or exc}", shown
        ) from None


# ----------------------------------------------------------------------------- TinyDB


class AtomicStorage(Storage):
    """A TinyDB ``Storage`` over a ``UserStore``: fresh reads, atomic locked writes.

    ``TinyDB(path, storage=AtomicStorage)`` works; ``UserStore.tinydb()`` also makes every
    insert/update/remove one locked read-modify-write with TinyDB's cached next ids reset.
    """

    def __init__(
        self, path: str | Path | None = None, *, store: UserStore | None = None, **kwargs: Any
    ) -> None:
        if store is None:
            if path is None:
                raise TypeError("AtomicStorage needs a path or a store")
            store = UserStore(path, **kwargs)
        self.store = store

    def read(self) -> dict[str, dict[str, Any]] | None:
        data = self.store.read()
        # TinyDB replaces tables in the dict it is given and updates documents in place:
        # hand it copies so that a failed save never leaves our cache changed.
        return {t: {k: dict(v) for k, v in rows.items()} for t, rows in data.items()}

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.store.write_all(data)

    def close(self) -> None:
        self.store.close()


def _locked_method(name: str) -> Callable[..., Any]:
    base = getattr(Table, name)

    def method(self: Table, *args: Any, **kwargs: Any) -> Any:
        store: UserStore = self._storage.store  # type: ignore[attr-defined]
        with store.locked():
            self._next_id = None  # another process may have inserted since we counted
            return base(self, *args, **kwargs)

    method.__name__ = name
    method.__doc__ = base.__doc__
    return method


class _LockedTable(Table):
    insert = _locked_method("insert")
    insert_multiple = _locked_method("insert_multiple")
    update = _locked_method("update")
    update_multiple = _locked_method("update_multiple")
    upsert = _locked_method("upsert")
    remove = _locked_method("remove")
    truncate = _locked_method("truncate")


class _LockedTinyDB(TinyDB):
    table_class = _LockedTable

    def drop_tables(self) -> None:
        with self.storage.store.locked():  # type: ignore[attr-defined]
            super().drop_tables()

    def drop_table(self, name: str) -> None:
        with self.storage.store.locked():  # type: ignore[attr-defined]
            super().drop_table(name)
