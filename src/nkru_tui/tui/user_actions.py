"""The analyst's own layer in the TUI: bookmarks, notes, undo, and records of their own.

``UserActions`` is a ``Screen`` mixin (so Textual merges its ``BINDINGS``) for the explorer
screen: ``class MainScreen(UserActions, Screen)``. It relies only on what the explorer screen
has (``engine``, ``detail``, ``timeline``, ``actor_list``, ``refresh_results``, ``navigate``,
``counts``) and looks each up defensively, so it also works under a test screen.

How writes go:

- One ``UserLayer`` per screen, opened with the engine's curated ids and actor kinds (so ids
  are checked against the curated store, and curated records are read-only).
- Every write runs in a thread worker, one at a time in the order asked (a queue drained by a
  single worker), so the UI never waits on the disk or the lock; results come back as
  ``UserLayerUpdate`` messages, in order.
- "saved" is said (``notify``) only after the layer's method returned, i.e. after the atomic
  save is on disk. A ``UserStoreError`` (disk full, read-only folder, lock timeout) is a clear
  notification; the store is unchanged and the app keeps running.
- After each write the engine gets ``layer.snapshot()`` and the panes refresh, so the ★/✎
  markers, ``is:bookmarked``, ``has:note`` and note-text search see it at once.
- Every ``USER_POLL_INTERVAL`` seconds a cheap check (``changed_on_disk``: one ``stat``) picks
  up what another instance or the CLI wrote, and reloads.
- A store found unreadable is moved aside by the store; the user is told where it went.

Also here: ``user_section()``, the detail pane's "★ Bookmarked / Added by you / My note" part
as plain ``rich.text.Text`` (notes are untrusted: never markup).
"""

from __future__ import annotations

import collections
import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen

from .text import clean

USER_POLL_INTERVAL = 1.0

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# ---------------------------------------------------------------------------- detail section


def note_lines(note: str) -> list[str]:
    """A note's lines as typed (indentation kept), with tabs and control characters made safe."""
    return [_CONTROL.sub(" ", line.expandtabs(4)).rstrip() for line in str(note).splitlines()]


def user_section_lines(
    engine,
    rid: str,
    *,
    heading: Style | None = None,
    status: Style | None = None,
) -> list[Text]:
    """The user's part of a record's detail, one ``Text`` per line (empty list: nothing to show).

    ``★ Bookmarked``, ``Added by you (E edit · D delete)`` and a ``My note`` heading followed
    by the note's lines, indented. Built from plain strings: ``[/]`` or ``[@click=app.quit]``
    in a note shows literally.
    """
    user = getattr(engine, "user", None)
    rec = engine.get(rid) if engine is not None else None
    lines: list[Text] = []
    status = status or Style()
    heading = heading or Style(bold=True)
    if user is not None and rid in user.bookmarks:
        lines.append(Text("★ Bookmarked", style=status))
    if isinstance(rec, dict) and rec.get("user"):
        lines.append(Text("Added by you (E edit · D delete)", style=status))
    note = user.notes.get(rid) if user is not None else None
    if note:
        if lines:
            lines.append(Text(""))
        lines.append(Text("My note", style=heading))
        for line in note_lines(note) or [""]:
            lines.append(Text("  " + line))
    return lines


def user_section(engine, rid: str, **styles: Any) -> Text:
    """``user_section_lines`` joined into one ``Text`` (empty when there is nothing)."""
    return Text("\n").join(user_section_lines(engine, rid, **styles))


# ---------------------------------------------------------------------------- the mixin


class UserLayerUpdate(Message):
    """From the store worker to the screen: run ``callback(*args)`` on the UI thread."""

    def __init__(self, callback: Callable[..., Any], args: tuple) -> None:
        super().__init__()
        self.callback = callback
        self.args = args


@dataclass
class _Job:
    fn: Callable[[Any], Any] | None  # fn(layer) -> result, in the worker thread
    done: Callable[[Any], None] | None = None  # done(result), on the UI thread
    what: str = "save"  # for error messages: "not saved" / "could not reload"
    records: bool = False  # the job may change records (actor event counts)
    open_only_if_exists: bool = False  # the poll: never create a store just by looking


@dataclass
class _UserState:
    started: float = field(default_factory=time.time)
    layer: Any = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    queue: collections.deque = field(default_factory=collections.deque)
    busy: bool = False
    notices_seen: int = 0
    reported: set = field(default_factory=set)
    startup_done: bool = False
    open_failed: object = None  # the file's signature when opening it last failed
    pending_focus: str | None = None
    timer: Any = None


class UserActions(Screen):
    """Bookmarks, notes, undo and the user's own records, for the explorer screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "toggle_bookmark", "Bookmark", id="bookmark"),
        Binding("n", "edit_note", "Note", id="note"),
        Binding("u", "undo_user_change", "Undo note/bookmark", id="undo_user", show=False),
        Binding("a", "add_record", "Add event/actor", id="add_record", show=False),
        Binding("E", "edit_record", "Edit a record you added", id="edit_record", show=False),
        Binding("D", "delete_record", "Delete a record you added", id="delete_record", show=False),
    ]

    USER_HELP_TITLE = "Your notes, bookmarks and records"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._user_state = _UserState()

    # ------------------------------------------------------------------ plumbing

    def _ua(self) -> _UserState:
        st = self.__dict__.get("_user_state")
        if st is None:
            st = self.__dict__["_user_state"] = _UserState()
        return st

    def _user_engine(self):
        engine = getattr(self, "engine", None)
        if engine is None:
            engine = getattr(self.app, "engine", None)
        return engine

    def _user_pane(self, name: str):
        try:
            return getattr(self, name)
        except Exception:  # noqa: BLE001 - not composed (yet), or a screen without that pane
            return None

    def user_store_path(self) -> Path:
        from .. import paths

        path = getattr(self.app, "user_db_path", None)
        return Path(path) if path else paths.default_user_db_path()

    def user_store_location(self) -> str:
        """Where the user's notes, bookmarks and records are kept (for the help screen)."""
        return str(self.user_store_path())

    @classmethod
    def user_help_group(cls) -> tuple[str, list[BindingType]]:
        """(title, bindings) for the help screen's key tables."""
        return cls.USER_HELP_TITLE, list(UserActions.BINDINGS)

    def _user_label(self, rid: str) -> str:
        engine = self._user_engine()
        rec = engine.get(rid) if engine is not None else None
        if not isinstance(rec, dict):
            return rid
        label = rec.get("title") or rec.get("name") or rid
        label = clean(label)
        return label if len(label) <= 60 else label[:59] + "…"

    def _user_say(self, text: str, severity: str = "information", timeout: float = 4) -> None:
        self.notify(
            text,
            severity=severity,  # type: ignore[arg-type]
            markup=False,
            timeout=timeout,
        )

    def user_target(self) -> tuple[str, str] | None:
        """The record the user means: the focused list's row, else what the detail shows."""
        engine = self._user_engine()
        if engine is None:
            return None
        focused = self.focused
        actor_list = self._user_pane("actor_list")
        if actor_list is not None and focused is actor_list:
            actor = getattr(actor_list, "highlighted", None)
            if actor and actor.get("id"):
                return actor["id"], "actor"
        timeline = self._user_pane("timeline")
        if timeline is not None and focused is timeline:
            ev = getattr(timeline, "highlighted", None)
            if ev and ev.get("id"):
                return ev["id"], "event"
        detail = self._user_pane("detail")
        if detail is not None:
            rid = getattr(detail, "current_id", None)
            kind = getattr(detail, "current_kind", None)
            if rid and kind in ("event", "actor") and engine.get(rid) is not None:
                return rid, kind
        selected = getattr(self, "selected_event", None)
        ev = selected() if callable(selected) else None
        if ev and ev.get("id"):
            return ev["id"], "event"
        return None

    # ------------------------------------------------------------------ lifecycle

    def on_mount(self) -> None:
        st = self._ua()
        if st.timer is None:
            st.timer = self.set_interval(USER_POLL_INTERVAL, self._user_poll, name="user-poll")

    def _user_poll(self) -> None:
        """Every second: open the store once it exists, and reload what others wrote."""
        st = self._ua()
        if self._user_engine() is None or st.busy:
            return
        if not st.startup_done:
            st.startup_done = True
            self._user_submit(_Job(None, what="read", open_only_if_exists=True))
            return
        if st.layer is None:
            sig = _stat_sig(self.user_store_path())
            if sig is not None and sig != st.open_failed:
                self._user_submit(_Job(None, what="read", open_only_if_exists=True))
            return
        try:
            changed = st.layer.changed_on_disk()
        except Exception:  # noqa: BLE001
            return
        if changed:
            self._user_submit(_Job(None, what="reload", open_only_if_exists=True))

    def on_search_done(self, message) -> None:
        """Once the new results are in: put the timeline cursor on an event just added."""
        if self._ua().pending_focus:
            self.call_after_refresh(self._user_focus_pending)

    def _user_focus_pending(self) -> None:
        st = self._ua()
        rid = st.pending_focus
        timeline = self._user_pane("timeline")
        if rid and timeline is not None and hasattr(timeline, "move_to") and timeline.move_to(rid):
            st.pending_focus = None

    # ------------------------------------------------------------------ the write queue

    def _user_submit(self, job: _Job) -> None:
        st = self._ua()
        with st.lock:
            st.queue.append(job)
            if st.busy:
                return
            st.busy = True
        self.run_worker(
            self._user_drain,
            thread=True,
            group="user-store",
            name="user-store",
            exit_on_error=False,
        )

    def _user_drain(self) -> None:
        st = self._ua()
        while True:
            with st.lock:
                if not st.queue:
                    st.busy = False
                    return
                job = st.queue.popleft()
            try:
                self._user_run(st, job)
            except Exception as exc:  # noqa: BLE001  # pragma: no cover - a bug must not stop the queue
                self._user_to_ui(self._user_say, f"{job.what} failed: {exc}", "error", 8)

    def _user_open(self, st: _UserState, only_if_exists: bool):
        if st.layer is not None:
            return st.layer
        path = self.user_store_path()
        if only_if_exists and not path.exists():
            return None
        from ..core.userlayer import UserLayer

        engine = self._user_engine()
        try:
            st.layer = UserLayer.open(
                path,
                curated_known_ids=engine.curated_known_ids(),
                curated_actor_kinds=engine.curated_actor_kinds(),
            )
        except Exception:
            st.open_failed = _stat_sig(path)
            raise
        st.open_failed = None
        return st.layer

    def _user_run(self, st: _UserState, job: _Job) -> None:
        """One job, in the worker thread."""
        try:
            layer = self._user_open(st, job.open_only_if_exists)
            result = job.fn(layer) if (job.fn is not None and layer is not None) else None
        except Exception as exc:  # noqa: BLE001
            self._user_to_ui(self._user_failed, job, exc)
            self._user_to_ui(self._user_report_asides, self._user_asides(st, None))
            return
        asides = self._user_asides(st, layer)
        snap = None
        if layer is not None:
            try:
                snap = layer.snapshot()
            except Exception as exc:  # noqa: BLE001 - the write is on disk; only the re-read failed
                self._user_to_ui(
                    self._user_say,
                    f"saved, but the store could not be read back: {exc}",
                    "warning",
                    8,
                )
        self._user_to_ui(self._user_done, job, result, snap, asides)

    def _user_to_ui(self, fn, *args) -> None:
        """Run ``fn(*args)`` on the UI thread, in order. A message, not ``call_from_thread``:
        the worker never waits on the UI, so a hang-up mid-save cannot leave it blocked."""
        self.post_message(UserLayerUpdate(fn, args))

    def on_user_layer_update(self, message: UserLayerUpdate) -> None:
        message.stop()
        message.callback(*message.args)

    def _user_asides(self, st: _UserState, layer) -> list[str]:
        """New messages about a store moved aside: the layer's, and a file moved aside by
        another reader since this screen started (e.g. the app's own first read)."""
        out: list[str] = []
        if layer is not None:
            notices = list(layer.notices)
            for n in notices[st.notices_seen :]:
                out.append(n)
                m = re.search(r" to (.+?\.corrupt-\S+?),", n)
                if m:
                    st.reported.add(m.group(1))
            st.notices_seen = len(notices)
        path = self.user_store_path()
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
            if aside in st.reported or str(path.parent / name) in st.reported:
                continue
            try:
                ctime = os.stat(aside).st_ctime
            except OSError:
                continue
            if ctime >= st.started - 2:
                st.reported.add(aside)
                out.append(
                    f"{path}: your user store could not be read; it was moved aside, "
                    f"unchanged, to {aside}, and a new, empty store was started"
                )
        return out

    # ------------------------------------------------------------------ on the UI thread

    def _user_report_asides(self, asides: list[str]) -> None:
        for text in asides:
            self._user_say(text, "warning", 20)

    def _user_failed(self, job: _Job, exc: BaseException) -> None:
        from ..core.errors import StoreInvalid, UserStoreError

        if isinstance(exc, StoreInvalid):
            problems = getattr(exc, "problems", None) or []
            detail = "; ".join(
                (f"{p.field}: " if getattr(p, "field", None) else "")
                + str(getattr(p, "message", p))
                for p in problems
            ) or str(exc)
            self._user_say(f"not saved: {detail}", "warning", 8)
        elif isinstance(exc, UserStoreError):
            verb = "not saved" if job.what == "save" else f"could not {job.what} your notes"
            self._user_say(f"{verb}: {exc}", "error", 10)
        else:
            verb = "not saved" if job.what == "save" else f"could not {job.what} your notes"
            self._user_say(f"{verb}: {exc}", "warning" if job.what == "save" else "error", 8)

    def _user_done(self, job: _Job, result: Any, snap, asides: list[str]) -> None:
        self._user_report_asides(asides)
        engine = self._user_engine()
        if snap is not None and engine is not None:
            old = engine.user
            records = job.records or (
                old.events != snap.events
                or old.actors != snap.actors
                or old.relations != snap.relations
            )
            if job.fn is not None or snap.version != old.version:
                engine.set_user(snap)
                if records:
                    self._user_recount(engine)
                self._user_refresh_views()
        if job.done is not None:
            job.done(result)

    def _user_recount(self, engine) -> None:
        counts = getattr(self, "counts", None)
        if isinstance(counts, dict):
            counts.update({aid: engine.event_count(aid) for aid in engine.actors})

    def _user_refresh_views(self) -> None:
        """Redraw the markers and the detail, and rerun the search (is:bookmarked, has:note)."""
        engine = self._user_engine()
        detail = self._user_pane("detail")
        if detail is not None and engine is not None:
            rid = getattr(detail, "current_id", None)
            if rid:
                show = getattr(self, "_show", None)
                if engine.get(rid) is not None and callable(show):
                    y = detail.scroll_offset.y
                    show(rid, link=getattr(detail, "selected_link", None))
                    detail.scroll_to(y=y, animate=False, immediate=True)
                elif engine.get(rid) is None and hasattr(detail, "show_message"):
                    detail.show_message(f"{rid} is no longer there (deleted)")
        for name in ("timeline", "actor_list"):
            pane = self._user_pane(name)
            if pane is not None:
                pane.refresh()
        refresh = getattr(self, "refresh_results", None)
        if callable(refresh):
            refresh(debounce=False)

    # ------------------------------------------------------------------ actions

    def _user_need_target(self) -> tuple[str, str] | None:
        if self._user_engine() is None:
            self._user_say("the store is still loading", "warning", 3)
            return None
        target = self.user_target()
        if target is None:
            self._user_say("select an event or an actor first", "warning", 3)
        return target

    def action_toggle_bookmark(self) -> None:
        target = self._user_need_target()
        if target is None:
            return
        rid, _kind = target
        label = self._user_label(rid)

        def done(now_marked: bool) -> None:
            if now_marked:
                self._user_say(f"★ bookmarked and saved: {label}", timeout=3)
            else:
                self._user_say(f"bookmark removed, saved: {label}", timeout=3)

        self._user_submit(_Job(lambda layer: layer.toggle_bookmark(rid), done))

    def action_edit_note(self) -> None:
        target = self._user_need_target()
        if target is None:
            return
        rid, _kind = target
        from .screens.note_editor import NoteEditor

        engine = self._user_engine()
        initial = engine.user.notes.get(rid, "") if engine is not None else ""
        label = self._user_label(rid)

        def edited(text: str | None) -> None:
            if text is None:
                return
            if text == initial:
                self._user_say("note unchanged", timeout=2)
                return
            if not text.strip() and not initial:
                self._user_say("an empty note is not saved", timeout=2)
                return

            def done(saved) -> None:
                if saved is None:
                    self._user_say(f"note deleted, saved: {label}", timeout=3)
                else:
                    self._user_say(f"note saved: {label}", timeout=3)

            self._user_submit(_Job(lambda layer: layer.set_note(rid, text), done))

        self.app.push_screen(NoteEditor(label, initial, target_id=rid), edited)

    def action_undo_user_change(self) -> None:
        st = self._ua()
        if st.layer is None:
            self._user_say("nothing to undo", timeout=2)
            return

        def done(description: str | None) -> None:
            if description is None:
                self._user_say("nothing to undo", timeout=2)
            else:
                self._user_say(f"undone and saved: {description}", timeout=3)

        self._user_submit(_Job(lambda layer: layer.undo(), done))

    def action_add_record(self) -> None:
        engine = self._user_engine()
        if engine is None:
            self._user_say("the store is still loading", "warning", 3)
            return
        from .screens.record_form import RecordKindPicker

        def picked(kind: str | None) -> None:
            if kind in ("event", "actor"):
                self._user_open_form(kind)

        self.app.push_screen(RecordKindPicker(), picked)

    def _user_open_form(self, kind: str, record: dict | None = None) -> None:
        from ..core.store import validate_record
        from .screens.record_form import TABLE_OF, FormContext, RecordForm

        engine = self._user_engine()
        rid0 = record.get("id") if record else None
        form = RecordForm(kind, FormContext.from_engine(engine, exclude=rid0), record)
        table = TABLE_OF[kind]

        def filled(rec: dict | None) -> None:
            if rec is None:
                return
            rid = rec.get("id", "")
            if record is None:

                def done(_saved) -> None:
                    self._user_say(f"saved: added {kind} {rid}", timeout=3)
                    self._ua().pending_focus = rid if kind == "event" else None
                    navigate = getattr(self, "navigate", None)
                    if callable(navigate):
                        navigate(rid)

                def fn(layer):
                    return layer.add_record(table, rec, validator=validate_record)
            else:
                changes = {k: v for k, v in rec.items() if k not in ("id", "user")}
                for k in record:
                    if k not in rec and k not in ("id", "user"):
                        changes[k] = None

                def done(_saved) -> None:
                    self._user_say(f"saved: {kind} {rid} updated", timeout=3)

                def fn(layer):
                    return layer.update_record(rid, changes, validator=validate_record)

            self._user_submit(_Job(fn, done, records=True))

        self.app.push_screen(form, filled)

    def _user_refuse_curated(self, rid: str) -> bool:
        """True (and the user told why) when ``rid`` is not a record the user added."""
        from ..core.userlayer import ReadOnlyRecord

        engine = self._user_engine()
        rec = engine.get(rid) if engine is not None else None
        if engine is not None and engine.is_curated(rid):
            self._user_say(str(ReadOnlyRecord(rid)), "warning", 6)
            return True
        if not isinstance(rec, dict) or not rec.get("user"):
            self._user_say(f"{rid} is not a record you added: nothing to change", "warning", 4)
            return True
        return False

    def action_edit_record(self) -> None:
        target = self._user_need_target()
        if target is None:
            return
        rid, kind = target
        if self._user_refuse_curated(rid):
            return
        rec = self._user_engine().get(rid)
        self._user_open_form(kind, dict(rec))

    def action_delete_record(self) -> None:
        target = self._user_need_target()
        if target is None:
            return
        rid, kind = target
        if self._user_refuse_curated(rid):
            return
        from .screens.record_form import ConfirmScreen

        label = self._user_label(rid)

        def answered(yes: bool | None) -> None:
            if not yes:
                return

            def done(_deleted) -> None:
                self._user_say(f"deleted and saved: {kind} {label}", timeout=3)

            self._user_submit(_Job(lambda layer: layer.delete_record(rid), done, records=True))

        self.app.push_screen(
            ConfirmScreen(
                f"Delete the {kind} you added, “{label}” ({rid})? "
                "Its note and bookmark stay, and this cannot be undone with u."
            ),
            answered,
        )


def _stat_sig(path: Path):
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
