"""The Textual app: ``make_app(...)`` builds it the same way for the CLI and the tests.

A store that opens in milliseconds (the shipped one, or a large one whose index is on disk) is
loaded before the first frame, which shows its rows. Any other never holds up the first paint:
the screen composes at once with "loading…", the engine loads in a thread worker once the first
frame is out and a message hands it over. When the terminal goes away (SIGHUP, the pty hung
up, stdin closed) the app exits, and a watchdog ends the process if shutdown stalls.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.message import Message

from .commands import JumpProvider, SavedSearchProvider
from .screens.main import MainScreen
from .user_client import POLL_INTERVAL, UserClient, failure_text

if TYPE_CHECKING:
    from ..core.engine import Engine

HANGUP_GRACE = 1.5  # seconds the normal exit gets before the watchdog ends the process
EXIT_HANGUP = 129


class NkruApp(App[int]):
    """Actors, timeline and detail, linked; over a validated, indexed store.

    The App owns the long-lived services: the engine (loaded in a worker), the actor event
    counts, and the one client of the user's layer. Screens read them from here and are told
    (``MainScreen.store_loaded``, ``MainScreen.user_data_changed``) when they change.
    """

    CSS_PATH = "app.tcss"
    TITLE = "nkru-tui"
    COMMANDS = App.COMMANDS | {JumpProvider, SavedSearchProvider}
    COMMAND_PALETTE_BINDING = "ctrl+p"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+p", "command_palette", "Jump", id="palette", show=False),
    ]

    class Loaded(Message):
        def __init__(self, engine: Engine) -> None:
            super().__init__()
            self.engine = engine

    class LoadProgress(Message):
        """A stage of a long load, for the status line (posted: never blocks the loader)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class LoadPreview(Message):
        """The first rows of a large store, while its index is still being built."""

        def __init__(self, events: list[dict], total: int) -> None:
            super().__init__()
            self.events = events
            self.total = total

    class LoadFailed(Message):
        def __init__(self, error: str, exit_code: int) -> None:
            super().__init__()
            self.error = error
            self.exit_code = exit_code

    def __init__(
        self,
        db_path: str | Path | None = None,
        user_db_path: str | Path | None = None,
        mouse: bool = True,
    ) -> None:
        no_color = "NO_COLOR" in os.environ
        # With NO_COLOR, an ANSI theme makes Textual strip colours (plain), instead of turning
        # them into greys; the cursors then use reverse video.
        super().__init__(ansi_color=True if no_color else None)
        from ..core.config import load as load_settings

        self.settings = load_settings()  # config.toml; never fails, problems said on mount
        if no_color:
            self.theme = "ansi-dark"
        elif self.settings.theme:
            if self.settings.theme in self.available_themes:
                self.theme = self.settings.theme
            else:
                self.settings.report(
                    "theme", f"no theme {self.settings.theme!r}; using the default"
                )
        self.db_path = Path(db_path) if db_path else None
        self.mouse = mouse and self.settings.mouse
        self._saved_theme = self.theme  # a theme chosen later is remembered in config.toml
        self.engine: Engine | None = None
        self.counts: Mapping[str, int] = {}  # events per actor; replaced whole, never mutated
        self.load_error: str | None = None
        self._load_exit_code = 0
        self.user = UserClient(self, user_db_path)
        self.main_screen = MainScreen()
        self._hung_up = threading.Event()
        self._finished = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None

    def get_default_screen(self) -> MainScreen:
        return self.main_screen

    def _apply_keys(self) -> None:
        """config.toml's [keys], by binding id, minus any that would take another binding's
        key (each such clash is reported)."""
        from ..core.config import key_clashes

        wanted = self.settings.keys
        if not wanted:
            return
        defaults: dict[str, str] = {}
        for cls in (type(self), type(self.main_screen)):
            for b in getattr(cls, "BINDINGS", ()):
                if isinstance(b, Binding) and b.id:
                    defaults.setdefault(b.id, b.key)
        clashes = key_clashes(wanted, defaults)
        for line in clashes:
            bid = line.split(":", 1)[0].removeprefix("keys.")
            self.settings.report(bid, line.split(": ", 1)[1], "keys")
        refused = {c.split(":", 1)[0].removeprefix("keys.") for c in clashes}
        self.set_keymap({b: k for b, k in wanted.items() if b not in refused})

    def run(self, *, mouse: bool | None = None, **kwargs: Any) -> int | None:
        """Run; without ``mouse`` given, the mouse is captured as ``make_app(mouse=...)`` said."""
        return super().run(mouse=self.mouse if mouse is None else mouse, **kwargs)

    def _theme_changed(self, _theme: object) -> None:
        """A theme chosen (the command palette): remember it in config.toml."""
        name = self.theme
        if name == self._saved_theme or "NO_COLOR" in os.environ:
            return
        self._saved_theme = name
        from ..core.config import remember_theme

        try:
            remember_theme(self.settings.path, name)
        except OSError as exc:
            self.notify(
                f"theme {name} not saved in {self.settings.path}: {exc.strerror or exc}",
                severity="warning",
                markup=False,
            )
            return
        self.settings.theme = name

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self._apply_keys()
        for line in self.settings.problems:
            self.notify(line, title="Settings", severity="warning", markup=False, timeout=10)
        self._loop = asyncio.get_running_loop()
        if not self.is_headless:
            self._install_hangup_handlers()
        # a small store, or a large one whose index is on disk, opens in milliseconds: it is
        # loaded now, so its rows are on the first frame. Any other starts loading once the
        # first frame is out: on 2 cores its parsing would compete with the first paint.
        self.call_after_refresh(self._after_first_frame, self._load_now())
        self.set_interval(POLL_INTERVAL, self.user.poll, name="user-poll")

    def _after_first_frame(self, loaded: bool) -> None:
        """The first frame is out: the collector runs again (``cmd_tui`` pauses it for the
        start), then a store not loaded before that frame starts loading."""
        import gc

        if not gc.isenabled():
            # what the start built lives as long as the app: the collector never walks it
            # again, and the first collection after the pause does not walk it either
            gc.freeze()
            gc.enable()
        if not loaded:
            self.load_store()

    # ------------------------------------------------------------------ loading

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_store(self) -> None:
        import time

        from ..core.engine import Engine
        from ..core.errors import NkruError

        started = time.monotonic()
        shown: list[int] = []  # the number of events, once their first rows are shown

        def progress(stage: str) -> None:
            secs = time.monotonic() - started
            took = f" ({secs:.0f} s)" if secs >= 1 else ""
            if shown:  # never "N of M events": that is the ready status line's form
                text = f"{shown[0]:,} events · search not ready yet: {stage}{took}"
            else:
                text = f"loading… {stage}{took}"
            self.post_message(self.LoadProgress(text))

        def preview(events: list[dict], total: int) -> None:
            shown.append(total)
            self.post_message(self.LoadPreview(events, total))

        try:
            engine = Engine.load(self.db_path, progress=progress, preview=preview)
        except NkruError as exc:
            self.post_message(self.LoadFailed(f"nkru-tui: {exc}", exc.exit_code))
            return
        except Exception as exc:  # noqa: BLE001 - an unreadable file, a bug: say so, do not crash
            self.post_message(self.LoadFailed(f"nkru-tui: cannot load the store: {exc}", 3))
            return
        try:
            snap = self.user.read(engine)
            if snap is not None:
                engine.set_user(snap)
        except Exception as exc:  # noqa: BLE001 - the curated store works without the user layer
            self.post_message(UserClient.Notice(f"your notes could not be read: {exc}", 5))
        self.post_message(self.Loaded(engine))

    def _load_now(self) -> bool:
        from ..core.engine import Engine

        if not Engine.opens_quickly(self.db_path):
            return False
        try:
            engine = Engine.load(self.db_path)
            snap = self.user.read(engine)
            if snap is not None:
                engine.set_user(snap)
        except Exception:  # noqa: BLE001 - the worker loads again and says what is wrong
            return False
        self.on_nkru_app_loaded(self.Loaded(engine))
        return True

    @staticmethod
    def _count(engine: Engine) -> Mapping[str, int]:
        return ActorCounts(engine)

    def on_nkru_app_loaded(self, message: Loaded) -> None:
        self.counts = self._count(message.engine)
        self.engine = message.engine
        if self.main_screen.ready:  # else the screen picks it up when it mounts
            self.main_screen.store_loaded()

    def on_nkru_app_load_progress(self, message: LoadProgress) -> None:
        if self.engine is None and self.load_error is None and self.main_screen.ready:
            self.main_screen.status.set_text(message.text)

    def on_nkru_app_load_preview(self, message: LoadPreview) -> None:
        if self.engine is None and self.load_error is None and self.main_screen.ready:
            self.main_screen.show_preview(message.events, message.total)

    def on_nkru_app_load_failed(self, message: LoadFailed) -> None:
        self.load_error = message.error
        self._load_exit_code = message.exit_code
        if self.main_screen.ready:
            self.main_screen.show_load_error(message.error)

    # ------------------------------------------------------------------ the user's layer

    def on_user_client_notice(self, message: UserClient.Notice) -> None:
        self.notify(message.text, severity="warning", markup=False, timeout=message.timeout)

    def on_user_client_changed(self, message: UserClient.Changed) -> None:
        """A new snapshot of the user's layer: overlay it, recount, redraw."""
        engine = self.engine
        if engine is None:
            return
        old, snap = engine.user, message.snapshot
        records = message.records or (
            old.events != snap.events
            or old.actors != snap.actors
            or old.relations != snap.relations
        )
        engine.set_user(snap)
        if records:
            self.counts = self._count(engine)
        self.main_screen.user_data_changed()

    def on_user_client_done(self, message: UserClient.Done) -> None:
        request = message.request
        if request.saved is not None:
            self.notify(request.saved(message.result), markup=False, timeout=3)
        if request.then is not None:
            request.then(message.result)

    def on_user_client_failed(self, message: UserClient.Failed) -> None:
        text, severity, timeout = failure_text(message.request, message.error)
        self.notify(text, severity=severity, markup=False, timeout=timeout)

    # ------------------------------------------------------------------ for the palette

    def top_actors(self, n: int) -> list[dict]:
        """The ``n`` actors with the most events."""
        if self.engine is None:
            return []
        counts = self.counts
        ranked = sorted(counts, key=lambda a: -counts[a])[:n]
        return [self.engine.actors[a] for a in ranked if a in self.engine.actors]

    def jump_to(self, rid: str) -> None:
        self.main_screen.jump_to(rid)

    async def action_quit(self) -> None:
        self.exit(return_code=self._load_exit_code)

    # ------------------------------------------------------------------ SSH drop

    def _install_hangup_handlers(self) -> None:
        loop = self._loop
        assert loop is not None
        for sig in (signal.SIGHUP, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, self.hang_up, sig.name)
            except (ValueError, RuntimeError, NotImplementedError):  # pragma: no cover
                pass
        threading.Thread(
            target=self._watch_terminal, name="nkru-terminal-watch", daemon=True
        ).start()

    def _watch_terminal(self) -> None:
        """Poll stdin for hang-up (POLLHUP/ERR/NVAL) twice a second; never reads from it."""
        import select

        try:
            fd = 0
            poller = select.poll()
            poller.register(fd, 0)  # no events asked: only hang-up and errors are reported
        except (OSError, ValueError, AttributeError):  # pragma: no cover
            return
        while not self._finished.is_set() and not self._hung_up.is_set():
            try:
                events = poller.poll(500)
            except InterruptedError:  # pragma: no cover
                continue
            except OSError:
                events = [(fd, select.POLLNVAL)]
            if any(
                mask & (select.POLLHUP | select.POLLERR | select.POLLNVAL) for _, mask in events
            ):
                loop = self._loop
                self._start_watchdog()
                if loop is not None and not loop.is_closed():
                    try:
                        loop.call_soon_threadsafe(self.hang_up, "terminal gone")
                    except RuntimeError:  # pragma: no cover - loop closed meanwhile
                        pass
                return

    def _start_watchdog(self) -> None:
        if self._hung_up.is_set():
            return
        self._hung_up.set()

        def watchdog() -> None:
            finished = self._finished.wait(HANGUP_GRACE)
            if finished and self.is_headless:
                return  # under tests: the app finished, the test process goes on
            os._exit(EXIT_HANGUP)  # the real process: whatever still runs, end it now

        threading.Thread(target=watchdog, name="nkru-hangup-watchdog", daemon=True).start()

    def hang_up(self, why: str = "hang-up") -> None:
        """The terminal is gone: exit now; the watchdog ends the process if this stalls."""
        self._start_watchdog()
        self.exit(return_code=EXIT_HANGUP)

    async def _shutdown(self) -> None:
        try:
            await super()._shutdown()
        finally:
            self._finished.set()


class ActorCounts(Mapping[str, int]):
    """Events per actor, each counted when first read: the first frame shows a few actors'
    counts, not all of a large store's (5,000 at 100k events). Made afresh whenever the
    records change (``NkruApp._count``), so it reads as the snapshot a dict made then would."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._ids: list[str] | None = None  # the actors' ids, in the engine's order
        self._known: frozenset[str] = frozenset()
        self._got: dict[str, int] = {}

    def _actor_ids(self) -> list[str]:
        if self._ids is None:
            self._ids = list(self._engine.actors)
            self._known = frozenset(self._ids)
        return self._ids

    def __getitem__(self, actor_id: str) -> int:
        n = self._got.get(actor_id)
        if n is None:
            self._actor_ids()
            if actor_id not in self._known:
                raise KeyError(actor_id)
            n = self._got[actor_id] = self._engine.event_count(actor_id)
        return n

    def __iter__(self) -> Iterator[str]:
        return iter(self._actor_ids())

    def __len__(self) -> int:
        return len(self._actor_ids())


def make_app(
    db_path: str | Path | None = None, user_db_path: str | Path | None = None, mouse: bool = True
) -> NkruApp:
    """The app as the CLI and the tests build it. ``mouse=False`` is also passed to ``run``."""
    return NkruApp(db_path=db_path, user_db_path=user_db_path, mouse=mouse)
