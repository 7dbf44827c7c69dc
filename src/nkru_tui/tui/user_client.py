"""The App's one client of the user's own layer (notes, bookmarks, undo, records they added).

``UserClient`` opens the ``UserLayer`` (with the engine's curated ids and actor kinds, so ids
are checked against the curated store and curated records stay read-only) and runs every
request in a thread worker, one at a time in the order asked (a queue drained by a single
worker), so the UI never waits on the disk or the lock. What happened comes back to the App as
typed messages, in order:

- ``Notice``: a store found unreadable was moved aside (by this layer or by another reader
  since the app started), and where it went;
- ``Changed``: a new snapshot of the layer, after a write or after another program (another
  nkru-tui, the CLI) changed the file; the App overlays it on the engine;
- ``Done``: the request's own method returned, i.e. its atomic save is on disk, so "saved"
  may be said now;
- ``Failed``: the request raised (disk full, read-only folder, lock timeout, a record the
  validator refused); the store is unchanged.

``poll()`` (called every ``POLL_INTERVAL`` seconds by the App) opens the store once it exists
and reloads what others wrote, with one ``stat`` when nothing changed.
"""

from __future__ import annotations

import collections
import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.message import Message
from textual.notifications import SeverityLevel

from .. import paths

if TYPE_CHECKING:
    from ..core.engine import Engine
    from ..core.userdata import UserSnapshot
    from ..core.userlayer import UserLayer

POLL_INTERVAL = 1.0

Signature = tuple[int, int, int, int, int]


@dataclass(frozen=True)
class UserRequest:
    """One thing to do with the layer, in the worker thread.

    ``op(layer)`` does it (None: only open and reload). ``saved(result)`` is what to tell the
    user once it is on disk; ``then(result)`` runs on the UI thread after that.
    """

    op: Callable[[UserLayer], Any] | None
    saved: Callable[[Any], str] | None = None
    then: Callable[[Any], None] | None = None
    what: str = "save"  # for the failure message: "not saved" / "could not reload your notes"
    records: bool = False  # the request may change records (actor event counts)
    only_if_exists: bool = False  # the poll: never create a store just by looking


class UserClient:
    """Opens the user layer once and runs the requests; posts the outcomes to the App."""

    class Notice(Message):
        def __init__(self, text: str, timeout: float = 20) -> None:
            super().__init__()
            self.text = text
            self.timeout = timeout

    class Changed(Message):
        def __init__(self, snapshot: UserSnapshot, records: bool) -> None:
            super().__init__()
            self.snapshot = snapshot
            self.records = records  # the request was one that may change records

    class Done(Message):
        def __init__(self, request: UserRequest, result: Any) -> None:
            super().__init__()
            self.request = request
            self.result = result

    class Failed(Message):
        def __init__(self, request: UserRequest, error: BaseException) -> None:
            super().__init__()
            self.request = request
            self.error = error

    def __init__(self, app: App[Any], path: str | Path | None = None) -> None:
        self._app = app
        self.path = Path(path) if path else paths.default_user_db_path()
        self._engine: Engine | None = None
        self._layer: UserLayer | None = None
        self._lock = threading.Lock()
        self._queue: collections.deque[UserRequest] = collections.deque()
        self._busy = False
        self._started = time.time()
        self._notices_seen = 0
        self._reported: set[str] = set()
        self._startup_done = False
        self._open_failed: Signature | None = None  # the file's signature when opening failed
        self._version: object = None  # the version of the last snapshot handed out

    @property
    def is_open(self) -> bool:
        return self._layer is not None

    def saved_searches(self) -> list[dict[str, Any]]:
        """The saved searches (``@name``), read from the store on disk, by name; none if
        there is no store yet. Safe in a worker thread: it only reads the file (replaced whole
        on every save, so never seen half-written) and changes nothing, not even an unreadable
        store, which the poll reports."""
        import json

        try:
            data = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return []
        rows = data.get("searches") if isinstance(data, dict) else None
        found = [
            dict(row)
            for row in ((rows or {}).values() if isinstance(rows, dict) else ())
            if isinstance(row, dict)
            and isinstance(row.get("name"), str)
            and isinstance(row.get("query"), str)
        ]
        return sorted(found, key=lambda d: d["name"])

    def saved_search(self, name: str) -> str | None:
        """The query saved as ``name`` (``@name`` in the search bar), or None."""
        for row in self.saved_searches():
            if row["name"] == name:
                return str(row["query"])
        return None

    # ------------------------------------------------------------------ opening

    def read(self, engine: Engine) -> UserSnapshot | None:
        """At start (in the loader's thread): the layer's snapshot if the store exists.

        Reading never creates a store. What the open had to say (a store moved aside) is
        posted by the first ``poll``.
        """
        self._engine = engine
        layer = self._open(only_if_exists=True)
        if layer is None:
            return None
        snap = layer.snapshot()
        self._version = snap.version
        return snap

    def _open(self, only_if_exists: bool) -> UserLayer | None:
        if self._layer is not None:
            return self._layer
        if only_if_exists and not self.path.exists():
            return None
        from ..core.userlayer import UserLayer

        engine = self._engine
        try:
            self._layer = UserLayer.open(
                self.path,
                curated_known_ids=engine.curated_known_ids() if engine else None,
                curated_actor_kinds=engine.curated_actor_kinds() if engine else None,
            )
        except Exception:
            self._open_failed = _stat_sig(self.path)
            raise
        self._open_failed = None
        return self._layer

    # ------------------------------------------------------------------ asking

    def submit(self, request: UserRequest) -> None:
        """Queue ``request``; the worker runs the queue in order."""
        with self._lock:
            self._queue.append(request)
            if self._busy:
                return
            self._busy = True
        self._app.run_worker(
            self._drain, thread=True, group="user-store", name="user-store", exit_on_error=False
        )

    def poll(self) -> None:
        """Open the store once it exists, and reload what others wrote (on the UI thread)."""
        if self._engine is None or self._busy:
            return
        reread = UserRequest(None, what="read", only_if_exists=True)
        if not self._startup_done:
            self._startup_done = True
            self.submit(reread)
            return
        if self._layer is None:
            sig = _stat_sig(self.path)
            if sig is not None and sig != self._open_failed:
                self.submit(reread)
            return
        try:
            changed = self._layer.changed_on_disk()
        except Exception:  # noqa: BLE001 - a look that failed is taken again a second later
            return
        if changed:
            self.submit(UserRequest(None, what="reload", only_if_exists=True))

    # ------------------------------------------------------------------ in the worker

    def _drain(self) -> None:
        while True:
            with self._lock:
                if not self._queue:
                    self._busy = False
                    return
                request = self._queue.popleft()
            try:
                self._run(request)
            except Exception as exc:  # noqa: BLE001  # pragma: no cover - a bug must not stop the queue
                self._post(self.Failed(request, exc))

    def _post(self, message: Message) -> None:
        """Posted, never ``call_from_thread``: the worker does not wait on the UI, so a
        hang-up in the middle of a save cannot leave it blocked."""
        self._app.post_message(message)

    def _run(self, request: UserRequest) -> None:
        try:
            layer = self._open(request.only_if_exists)
            result = request.op(layer) if (request.op is not None and layer is not None) else None
        except Exception as exc:  # noqa: BLE001 - any failure is told, the queue goes on
            self._post(self.Failed(request, exc))
            for text in self._asides(None):
                self._post(self.Notice(text))
            return
        for text in self._asides(layer):
            self._post(self.Notice(text))
        if layer is not None:
            try:
                snap = layer.snapshot()
            except Exception as exc:  # noqa: BLE001 - the write is on disk; only the re-read failed
                text = f"saved, but the store could not be read back: {exc}"
                self._post(self.Notice(text, timeout=8))
            else:
                if request.op is not None or snap.version != self._version:
                    self._version = snap.version
                    self._post(self.Changed(snap, request.records))
        self._post(self.Done(request, result))

    def _asides(self, layer: UserLayer | None) -> list[str]:
        """New messages about a store moved aside: the layer's, and a file moved aside by
        another reader since the app started."""
        out: list[str] = []
        if layer is not None:
            notices = list(layer.notices)
            for n in notices[self._notices_seen :]:
                out.append(n)
                m = re.search(r" to (.+?\.corrupt-\S+?),", n)
                if m:
                    self._reported.add(m.group(1))
            self._notices_seen = len(notices)
        path = self.path
        try:
            names = sorted(os.listdir(path.parent or "."))
        except OSError:
            return out
        prefix = os.path.basename(os.path.realpath(path)) + ".corrupt-"
        folder = os.path.dirname(os.path.realpath(path))
        for name in names:
            if not name.startswith(prefix):
                continue
            aside = os.path.join(folder, name)
            if aside in self._reported or str(path.parent / name) in self._reported:
                continue
            try:
                ctime = os.stat(aside).st_ctime
            except OSError:
                continue
            if ctime >= self._started - 2:
                self._reported.add(aside)
                out.append(
                    f"{path}: your user store could not be read; it was moved aside, "
                    f"unchanged, to {aside}, and a new, empty store was started"
                )
        return out


def failure_text(request: UserRequest, exc: BaseException) -> tuple[str, SeverityLevel, float]:
    """(message, severity, seconds shown) telling the user why ``request`` did not happen."""
    from ..core.errors import StoreInvalid, UserStoreError

    verb = "not saved" if request.what == "save" else f"could not {request.what} your notes"
    if isinstance(exc, StoreInvalid):
        problems = getattr(exc, "problems", None) or []
        detail = "; ".join(
            (f"{p.field}: " if getattr(p, "field", None) else "") + str(getattr(p, "message", p))
            for p in problems
        ) or str(exc)
        return f"not saved: {detail}", "warning", 8
    if isinstance(exc, UserStoreError):
        return f"{verb}: {exc}", "error", 10
    return f"{verb}: {exc}", "warning" if request.what == "save" else "error", 8


def _stat_sig(path: Path) -> Signature | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
