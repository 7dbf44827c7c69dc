"""The user's own TinyDB file, stored so that nothing acknowledged is ever lost.

TinyDB gives the tables, documents, queries and ids. What its stock ``JSONStorage`` lacks is
added by one Storage, ``UserStorage``, and a TinyDB subclass, ``UserDB``, that routes every
change through it:

* every read-modify-write (a TinyDB insert/update/remove, or a ``transaction()`` grouping
  several) holds an inter-process ``flock`` on a sidecar ``<name>.lock``, reads the file fresh
  inside it, resets TinyDB's cached next ids there, and saves ONCE at the end, atomically
  (``atomic.write_atomic``: temp file, fsync, rename, folder fsync); an exception inside saves
  nothing. The file's mode and group are kept, a new store is private (0600), and a symlinked
  store keeps its link while its target is replaced;
* reads outside a transaction are always fresh from disk (TinyDB's query cache is off);
* the file is UTF-8 JSON encoded with orjson, whatever the locale;
* temporary files left by a crashed writer are swept when a store is opened;
* a file that cannot be read is moved aside to ``<name>.corrupt-<YYYYmmddTHHMMSS>`` (never
  overwritten), the message saying where is kept in ``notices`` and a new, empty store is
  started; a file written by a newer schema, or that is not a user store, is refused and left
  untouched; a full disk or read-only folder is one clear ``UserStoreError`` and the store is
  unchanged;
* ``signature()`` / ``changed_on_disk()`` tell a long-running app that another program changed
  the file.

Nothing here imports Textual.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import stat
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from .atomic import TEMP_MARK, fsync_dir, write_atomic
from .errors import UserStoreError

SCHEMA = 1
APP = "nkru-tui"
META_TABLE = "meta"
RECORD_TABLES = ("events", "actors", "relations", "sources")
TABLES = (META_TABLE, "notes", "bookmarks", *RECORD_TABLES)

LOCK_TIMEOUT = 10.0  # seconds to wait for another instance's lock
STALE_TEMP_AGE = 60.0  # a temp file this old is garbage even if its pid is alive (reused)

Data = dict[str, dict[str, dict[str, Any]]]
Signature = tuple[int, int, int, int, int]

_DIGITS = re.compile(r"[0-9]+\Z")


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
        if all(k.isascii() and k.isdigit() for k in rows) and all(
            type(d) is dict for d in rows.values()
        ):
            continue  # the usual case, checked quickly
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
        return orjson.loads(data), None
    except orjson.JSONDecodeError:
        pass  # say why, in the standard library's words (and accept what only it reads)
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


def _normalise(raw: dict, migrate: bool = True) -> Data:
    """Our tables present, ``meta`` first and stamped with schema and app; ``migrate``: notes
    written before notes had ids get one (``n-<doc id>``), so every note can be named."""
    data: Data = {META_TABLE: raw.get(META_TABLE) or {}}
    for t in TABLES[1:]:
        data[t] = raw.get(t) or {}
    for t, rows in raw.items():
        if t not in data:
            data[t] = rows
    if not data[META_TABLE]:
        data[META_TABLE]["1"] = {"schema": SCHEMA, "app": APP}
    if migrate:
        for doc_id, doc in data["notes"].items():
            if "id" not in doc:
                doc["id"] = f"n-{doc_id}"
    return data


def _encode(data: Data) -> bytes:
    try:
        return orjson.dumps(data)
    except orjson.JSONEncodeError as exc:
        if "surrogate" in str(exc):
            raise UserStoreError(
                "text contains characters that are not valid Unicode (a lone surrogate); "
                "nothing was saved"
            ) from None
        raise UserStoreError(
            f"cannot save this record as JSON ({exc}); nothing was saved"
        ) from None


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
    except OSError:  # EPERM: someone else's live process
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
        self.depth = 0
        self._owner: int | None = None

    def held(self) -> bool:
        return self.depth > 0 and self._owner == threading.get_ident()

    def acquire(self) -> None:
        if not self._tlock.acquire(timeout=self.timeout):
            raise UserStoreError(
                f"timed out after {self.timeout:g} s waiting for another thread's save",
                self._store_path,
            )
        if self.depth:
            self.depth += 1
            return
        try:
            self._fd = self._open_and_lock()
        except BaseException:
            self._tlock.release()
            raise
        self.depth = 1
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
        self.depth -= 1
        if self.depth == 0:
            fd, self._fd, self._owner = self._fd, None, None
            if fd is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_UN)
                finally:
                    os.close(fd)
        self._tlock.release()


# ----------------------------------------------------------------------------- the storage


class UserStorage(Storage):
    """TinyDB storage for the user store: fresh reads, locked transactions, atomic saves.

    Outside a transaction ``read()`` parses the file anew each time (callers may keep and
    change what they get). Inside ``transaction()`` the first read is fresh and the rest see
    the same data with the changes made so far; ``write()`` only records the new data, which
    is saved when the outermost transaction ends without an exception.
    """

    def __init__(self, path: str | Path, *, lock_timeout: float = LOCK_TIMEOUT) -> None:
        self.path = Path(path)
        self.notices: list[str] = []
        self._lock = _Lock(lambda: self._target() + ".lock", lock_timeout, str(self.path))
        self._seen: Signature | None | bool = False  # False: nothing shown to the caller yet
        self._pending: Data | None = None  # the transaction's data
        self._pending_sig: Signature | None = None
        self._pending_blob: bytes | None = None  # the bytes ``_pending`` was read from
        self._dirty = False
        # Inside a transaction only: the file's bytes as last read or written by us and their
        # parsed data, reused when the file still holds exactly those bytes (a fresh read
        # that skips parsing). Never handed out outside a transaction.
        self._cache: tuple[bytes, Data] | None = None
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
        """True when the file is not what ``read_shown()`` last returned (or what this store
        saved on top of that): another program changed it and the caller should read again."""
        return self._seen is False or self.signature() != self._seen

    @property
    def seen_signature(self) -> Signature | None:
        return None if self._seen is False else self._seen  # type: ignore[return-value]

    # -- TinyDB's interface

    def read(self) -> Data:
        if self._lock.held():
            if self._pending is None:
                self._pending, self._pending_sig, self._pending_blob = self._load(reuse=True)
            return self._pending
        return self._load()[0]

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        with self.transaction():
            if self._pending is None:
                self.read()  # refuses a newer or foreign store before replacing it
            self._pending = data
            self._dirty = True

    def close(self) -> None:
        self._cache = None

    # -- reading

    def read_shown(self) -> Data:
        """``read()`` for data the caller shows: ``changed_on_disk()`` is measured from it."""
        data, sig, _ = self._load()
        self._seen = sig
        return data

    def _load(self, reuse: bool = False) -> tuple[Data, Signature | None, bytes | None]:
        """The file's data, read from disk now. ``reuse`` (in a transaction): the cached
        parse is used if the bytes on disk are exactly the cached bytes."""
        target = self._target()
        try:
            fd = os.open(target, os.O_RDONLY | os.O_CLOEXEC)
        except FileNotFoundError:
            return _normalise({}), None, None
        except OSError as exc:
            raise UserStoreError(f"cannot read the user store: {exc.strerror}", self.path) from None
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise UserStoreError("is not a regular file; it was not read or changed", self.path)
            with open(fd, "rb", closefd=False) as f:
                blob = f.read()
        except OSError as exc:
            raise UserStoreError(f"cannot read the user store: {exc.strerror}", self.path) from None
        finally:
            os.close(fd)
        sig = _sig(st)
        if reuse:
            cache, self._cache = self._cache, None  # taken: the transaction may change it
            if cache is not None and cache[0] == blob:
                return cache[1], sig, blob
        raw, reason = _parse(blob)
        if reason is None:
            bad = _check(raw)
            if bad is not None:
                kind, reason = bad
                if kind != "corrupt":
                    raise UserStoreError(reason, self.path)
        if reason is not None:
            return self._recover(sig, reason)
        return _normalise(raw), sig, blob

    def _recover(self, sig: Signature, reason: str) -> tuple[Data, Signature | None, bytes | None]:
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
                now: Signature | None = _sig(os.stat(target))
            except FileNotFoundError:
                now = None
            if now != sig:  # replaced meanwhile (by a writer holding the lock): look again
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
            data = _normalise({})
            try:
                new_sig, blob = self._save(data)
                return data, new_sig, blob
            except UserStoreError:
                return _normalise({}), None, None  # the next save creates it
        finally:
            self._lock.release()

    # -- writing

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the lock; reads inside see fresh data and the changes made so far, which are
        saved once, atomically, when the outermost transaction ends without an exception."""
        self._lock.acquire()
        outer = self._lock.depth == 1
        if outer:
            self._pending, self._pending_sig, self._dirty = None, None, False
            self._pending_blob = None
        ok = False
        try:
            yield
            if outer and self._dirty and self._pending is not None:
                before = self._pending_sig
                caught_up = before == self._seen if before is not None else self._seen is None
                sig, self._pending_blob = self._save(self._pending)
                if caught_up:
                    self._seen = sig
            ok = True
        finally:
            if outer:
                if ok and self._pending is not None and self._pending_blob is not None:
                    # what we read or wrote, kept for the next transaction (reused only if the
                    # file still holds exactly these bytes; callers must not change what they
                    # read inside a transaction except through TinyDB's writes)
                    self._cache = (self._pending_blob, self._pending)
                self._pending, self._pending_sig, self._dirty = None, None, False
                self._pending_blob = None
            self._lock.release()

    def _save(self, data: dict[str, Any]) -> tuple[Signature, bytes]:
        """Write ``data`` (normalised in place) atomically; the lock must be held. Returns the
        new signature and the bytes written."""
        assert self._lock.held(), "UserStorage._save outside the lock"
        if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
            raise UserStoreError("refusing to save: not an object of tables", self.path)
        data.update(_normalise(data, migrate=False))  # read() migrated what it read
        meta = data[META_TABLE]
        mid = next(iter(meta))
        meta[mid] = {
            **meta[mid],
            "schema": meta[mid].get("schema", SCHEMA),
            "app": meta[mid].get("app", APP),
        }
        payload = _encode(data)
        target = self._target()
        folder = os.path.dirname(target)
        try:
            write_atomic(target, payload, new_mode=0o600)
            sig = _sig(os.stat(target))
        except OSError as exc:
            raise UserStoreError(_explain(exc, "save", folder), self.path) from None
        return sig, payload

    # -- housekeeping

    def sweep_temp_files(self) -> list[str]:
        """Remove temp files a crashed writer left (our pattern; pid gone or > 1 min old)."""
        target = self._target()
        folder, name = os.path.split(target)
        pat = re.compile(re.escape(f".{name}{TEMP_MARK}") + r"(\d+)-[0-9a-f]+\Z")
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
        fsync_dir(os.path.dirname(target))
        return cand
    raise OSError(errno.EEXIST, "too many moved-aside copies")  # pragma: no cover


# ----------------------------------------------------------------------------- TinyDB


def _in_transaction(name: str) -> Callable[..., Any]:
    base = getattr(Table, name)

    def method(self: Table, *args: Any, **kwargs: Any) -> Any:
        with self.storage.transaction():  # type: ignore[attr-defined]
            self._next_id = None  # another process may have inserted since we counted
            return base(self, *args, **kwargs)

    method.__name__ = name
    method.__doc__ = base.__doc__
    return method


class UserTable(Table):
    """A TinyDB table whose every change is one locked, fresh, atomic read-modify-write."""

    def __init__(self, storage: Storage, name: str, cache_size: int = 0) -> None:
        super().__init__(storage, name, cache_size=0)  # a cached search could be stale

    def _get_next_id(self) -> int:
        # TinyDB's, with the table's keys converted in one pass (a 10k-note table is common)
        next_id: int = self._next_id or max(map(int, self._read_table()), default=0) + 1
        self._next_id = next_id + 1  # type: ignore[assignment]
        return next_id

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        # TinyDB's, with the key conversions done in one pass each way
        tables = self.storage.read() or {}
        raw = tables.get(self.name) or {}
        table = dict(zip(map(int, raw), raw.values()))
        updater(table)
        tables[self.name] = dict(zip(map(str, table), table.values()))
        self.storage.write(tables)
        self.clear_cache()

    insert = _in_transaction("insert")
    insert_multiple = _in_transaction("insert_multiple")
    update = _in_transaction("update")
    update_multiple = _in_transaction("update_multiple")
    upsert = _in_transaction("upsert")
    remove = _in_transaction("remove")
    truncate = _in_transaction("truncate")


class UserDB(TinyDB):
    """The user store: ``UserDB(path, lock_timeout=...)``. Group several changes into one
    locked, atomic save with ``with db.transaction(): ...``."""

    table_class = UserTable  # type: ignore[assignment]
    default_storage_class = UserStorage  # type: ignore[assignment]

    @property
    def storage(self) -> UserStorage:
        return self._storage  # type: ignore[return-value]

    @property
    def path(self) -> Path:
        return self.storage.path

    @property
    def notices(self) -> list[str]:
        return self.storage.notices

    def transaction(self) -> Any:
        return self.storage.transaction()

    def drop_tables(self) -> None:
        with self.transaction():
            super().drop_tables()

    def drop_table(self, name: str) -> None:
        with self.transaction():
            super().drop_table(name)
