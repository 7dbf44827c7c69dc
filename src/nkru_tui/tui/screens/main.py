"""The explorer screen: actors | timeline | detail, a search bar, filter chips and a status line.

The panes talk up with messages (``ActorList.Selected``, ``Timeline.Highlighted``/``Selected``,
``DetailView.LinkActivated``, ``SearchBar.QueryChanged``, ``DensityChart.PeriodSelected``);
this screen decides what follows and calls methods down on the panes. What the user is
looking at is one value, ``self.state`` (an ``ExplorerState``: query, filters, actor,
history). All searching and filtering is the engine's: ``state.full_query()`` is one query.

The engine, the actor counts and the user-layer client belong to the App; this screen reads
them from there, asks the client for writes (bookmark, note, undo, records of one's own) and
is told when the store is loaded (``store_loaded``) or the user's data changed
(``user_data_changed``). The views open as screens of their own modules (relation map,
export) or as a widget above the timeline (density chart), each given what it needs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input
from textual.worker import get_current_worker

from ...core import schema
from ...core.textsearch import Marks
from ..filters import Filters
from ..state import ExplorerState
from ..text import clean, date_long
from ..user_client import UserRequest
from ..widgets.actor_list import ActorList
from ..widgets.detail import NARROW_PREFIX, NOTE_PREFIX, QUOTE_PREFIX, DetailView
from ..widgets.filter_chips import FilterChips
from ..widgets.search_bar import SearchBar
from ..widgets.status_bar import StatusBar
from ..widgets.timeline import Timeline

if TYPE_CHECKING:  # the density chart and the relation map are imported when first shown
    from ...core.engine import Engine
    from ..app import NkruApp
    from ..widgets.density import DensityChart
    from ..widgets.relation_map import RelationMap

# A short pause before a keystroke's search runs, so fast typing searches once.
DEBOUNCE = 0.05
FAST_SEARCH = 0.015  # seconds: a search this quick runs on every keystroke, undebounced
# seconds: while searches take no longer than this, a keystroke's search runs in the key's own
# handler, so its count is on the frame that echoes the key (a worker's answer lands a frame
# later); a slower one moves the next searches to the worker, off the UI thread
INLINE_SEARCH = 0.008
DENSITY_ID = "density"

EXPLORER_KEYS: list[BindingType] = [
    # priority: "/" moves focus before the keys typed after it are routed (fast typing)
    Binding("slash", "search", "Search", id="search", priority=True),
    # priority too, and only while the search bar has the focus (check_action): Enter and
    # Esc must move the focus before the keys typed right after them are routed
    Binding("enter", "leave_search(False)", "Keep query", id="search_keep", priority=True),
    Binding("escape", "leave_search(True)", "Clear search", id="search_clear_now", priority=True),
    Binding("f", "filters", "Filters", id="filters"),
    Binding("x", "reset_filters", "Reset", id="reset_filters"),
    Binding("backspace", "back", "Back", id="back"),
    Binding("left_square_bracket", "back", "Back", show=False),
    Binding("alt+left", "back", "Back", show=False),
    Binding("right_square_bracket", "forward", "Forward", id="forward", show=False),
    Binding("alt+right", "forward", "Forward", show=False),
    Binding("c", "clear_actor", "Clear actor", id="clear_actor", show=False),
    Binding("escape", "escape", "Clear actor / unzoom", show=False),
    Binding("y", "copy_citation", "Cite", id="copy_citation"),
    Binding("Y", "cite_as", "Cite as…", id="cite_as", show=False),
    Binding("S", "save_search", "Save search", id="save_search", show=False),
    Binding("z", "zoom", "Zoom", id="zoom", show=False),
    Binding("1", "focus_pane('actors')", "Actors pane", show=False),
    Binding("2", "focus_pane('timeline')", "Timeline pane", show=False),
    Binding("3", "focus_pane('detail')", "Detail pane", show=False),
    Binding("question_mark", "help", "Help", id="help"),
    Binding("q", "app.quit", "Quit", id="quit"),
]

USER_KEYS: list[BindingType] = [
    Binding("b", "toggle_bookmark", "Bookmark", id="bookmark"),
    Binding("n", "edit_note", "Note", id="note"),
    Binding("u", "undo_user_change", "Undo note/bookmark", id="undo_user", show=False),
    Binding("a", "add_record", "Add event/actor", id="add_record", show=False),
    Binding("E", "edit_record", "Edit a record you added", id="edit_record", show=False),
    Binding("D", "delete_record", "Delete a record you added", id="delete_record", show=False),
]
USER_HELP_TITLE = "Your notes, bookmarks and records"

VIEW_KEYS: list[BindingType] = [
    Binding("m", "relation_map", "Map", id="relation_map"),
    Binding("e", "export", "Export", id="export"),
    Binding("d", "density", "Density", id="density"),
    Binding("s", "sources", "Sources", id="sources", show=False),
]
VIEWS_HELP_TITLE = "Views and exports"


# The screen's layout by the terminal's width: (least width, class), as Textual reads them.
BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]


def breakpoint_classes(width: int) -> dict[str, bool]:
    """Which of the BREAKPOINTS classes a screen ``width`` wide has (Textual's rule: the one
    with the largest least width not above ``width``)."""
    chosen = next(
        (name for least, name in sorted(BREAKPOINTS, reverse=True) if width >= least), None
    )
    return {name: name == chosen for _, name in BREAKPOINTS}


class SearchDone(Message):
    def __init__(self, gen: int, events: Sequence[dict], terms: Marks, actors: list[dict]) -> None:
        super().__init__()
        self.gen = gen
        self.events = events
        self.terms = terms
        self.actors = actors


class SearchFailed(Message):
    def __init__(self, gen: int, error: str) -> None:
        super().__init__()
        self.gen = gen
        self.error = error


class MainScreen(Screen[None]):
    """The three linked panes."""

    HORIZONTAL_BREAKPOINTS = BREAKPOINTS
    # the pane that has the focus when the screen starts (and when it resumes with none):
    # Textual's default, the first focusable widget, is the hidden search bar, which
    # on_mount then blurred, restyling it twice before the first frame
    AUTO_FOCUS = "#timeline"

    # views, then the user's keys, then the explorer's: the order the footer shows them
    BINDINGS: ClassVar[list[BindingType]] = VIEW_KEYS + USER_KEYS + EXPLORER_KEYS

    def __init__(self) -> None:
        super().__init__(id="main")
        self.state = ExplorerState()
        self.ready = False
        # the last results, as shown
        self.error: str | None = None
        self.terms: Marks = Marks()
        self._shown = 0
        self._gen = 0
        self._last_search_s = 0.0
        self._pending_focus: str | None = None  # an event just added: the cursor goes there
        self._search_bar: SearchBar | None = None

    # ------------------------------------------------------------------ the App's services

    @property
    def nkru(self) -> NkruApp:
        return cast("NkruApp", self.app)

    @property
    def engine(self) -> Engine | None:
        return self.nkru.engine

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        # The breakpoint class (-narrow/-wide) that Textual sets when the screen's first Resize
        # is handled, set now: else the first frame is laid out wide and a second layout (and
        # a restyle of every widget) follows at once on a narrow terminal.
        self.update_classes(breakpoint_classes(self.app.size.width), update=False)
        # the search bar (hidden until /) is mounted once the first frame is out: search_bar
        yield FilterChips(id="chips")
        with Container(id="panes"):
            with Vertical(id="left"):
                actors = ActorList(id="actors")
                actors.border_title = "Actors"
                yield actors
                with Vertical(id="timeline-column"):  # the density chart goes above
                    timeline = Timeline(id="timeline")
                    timeline.border_title = "Timeline"
                    yield timeline
            detail = DetailView(id="detail")
            detail.border_title = "Detail"
            yield detail
        yield StatusBar(id="status")
        yield Footer(id="footer")

    def on_mount(self) -> None:
        self.set_focus(self.timeline)
        self.call_after_refresh(lambda: self.search_bar)  # mounted, hidden, before any "/"
        self.detail.show_message("loading the store…")
        self.ready = True
        if self.engine is not None:
            self.store_loaded()
        elif self.nkru.load_error:
            self.show_load_error(self.nkru.load_error)

    @property
    def timeline(self) -> Timeline:
        return self.query_one("#timeline", Timeline)

    @property
    def actor_list(self) -> ActorList:
        return self.query_one("#actors", ActorList)

    @property
    def detail(self) -> DetailView:
        return self.query_one("#detail", DetailView)

    @property
    def status(self) -> StatusBar:
        return self.query_one("#status", StatusBar)

    @property
    def search_bar(self) -> SearchBar:
        """The search bar, above the filter chips; mounted when first asked for (after the
        first frame: it is hidden until /, and the frame need not style or lay it out)."""
        if self._search_bar is None:
            bar = SearchBar(id="search")
            bar.on_typed = self._typed
            self._search_bar = bar
            self.mount(bar, before=self.chips)
        return self._search_bar

    @property
    def chips(self) -> FilterChips:
        return self.query_one("#chips", FilterChips)

    @property
    def density_chart(self) -> DensityChart | None:
        found = self.query(f"#{DENSITY_ID}")
        if not found:
            return None
        from ..widgets.density import DensityChart

        return found.first(DensityChart)

    # ------------------------------------------------------------------ told by the App

    def store_loaded(self) -> None:
        """The store is loaded: show everything."""
        engine = self.engine
        assert engine is not None
        self.actor_list.set_actors(engine.search_actors(""), self.nkru.counts)
        self.timeline.set_marks(self._marks)
        self.actor_list.set_marks(self._marks)
        self._update_readable()
        # the whole store, unfiltered: in this handler, so the rows, the status line and the
        # first event's detail are on the frame that follows (on the first frame when the
        # store was loaded before it), not a worker's message and a frame later
        self.refresh_results(debounce=False, inline=True)

    def _update_readable(self) -> None:
        """Which sources have a text here (own with kept text, curated with a copy attached):
        the detail pane makes their quotes links to the reader."""
        from ..sources_actions import readable_sources

        self.detail.readable = readable_sources(self)

    def show_preview(self, events: list[dict], total: int) -> None:
        """The first rows of a large store whose index is still being built: shown, not yet
        searchable (the status line says so until ``store_loaded``)."""
        self.timeline.set_events(events)
        self.timeline.border_title = Content(f"Timeline · first {len(events):,}/{total:,}")
        self.detail.show_message("search is not ready yet: the store's index is being built…")
        self.status.set_text(f"{total:,} events · search not ready yet")

    def show_load_error(self, message: str) -> None:
        self.timeline.empty_text = "the store could not be loaded"
        self.timeline.refresh()
        self.detail.show_message(message)
        self.status.set_text(message, error=True)

    def user_data_changed(self) -> None:
        """Redraw the markers and the detail, and rerun the search (is:bookmarked, has:note)."""
        engine = self.engine
        if engine is None:
            return
        detail = self.detail
        self._update_readable()
        rid = detail.current_id
        if rid and engine.get(rid) is not None:
            y = detail.scroll_offset.y
            self._show(rid, link=detail.selected_link)
            detail.scroll_to(y=y, animate=False, immediate=True)
        elif rid:
            detail.show_message(f"{rid} is no longer there (deleted)")
        self.timeline.refresh()
        self.actor_list.refresh()
        self.refresh_results(debounce=False)

    def _marks(self, rec: dict) -> str:
        """The marker of an event or actor in the lists: ★ bookmarked, ✎ noted, + yours."""
        engine = self.engine
        if engine is None:
            return ""
        user = engine.user
        if rec.get("id") in user.bookmarks:
            return "★"
        if rec.get("id") in user.notes:
            return "✎"
        if rec.get("user"):
            return "+"
        return ""

    # ------------------------------------------------------------------ searching

    def full_query(self) -> str:
        return self.state.full_query()

    def refresh_results(self, debounce: bool = True, inline: bool = False) -> None:
        """Run the query (typed + filters + actor) in a worker; a newer call cancels it.
        A keystroke (``debounce``) is answered at once, in this handler, while searches are
        quick (``INLINE_SEARCH``); ``inline`` always is (the store just loaded)."""
        if self.engine is None:
            return
        self._gen += 1
        st = self.state
        args = (self._gen, st.query, st.full_query(), st.filters.to_query())
        if inline or (debounce and self._last_search_s <= INLINE_SEARCH):
            self.workers.cancel_group(self, "search")  # a slower search still running is stale
            done = self._run_search(*args, lambda: False)
            if isinstance(done, SearchDone):
                self.on_search_done(done)
            elif isinstance(done, SearchFailed):
                self.on_search_failed(done)
            return
        self._search(*args, debounce)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, gen: int, typed: str, full: str, filter_query: str, debounce: bool) -> None:
        import time

        worker = get_current_worker()
        # Wait for the typist to pause only when searching is slow enough to fall behind
        # (a large store); otherwise every keystroke repaints at once.
        if debounce and self._last_search_s > FAST_SEARCH:
            time.sleep(DEBOUNCE)
            if worker.is_cancelled:
                return
        done = self._run_search(gen, typed, full, filter_query, lambda: worker.is_cancelled)
        if done is not None and not worker.is_cancelled:
            self.post_message(done)

    def _run_search(
        self,
        gen: int,
        typed: str,
        full: str,
        filter_query: str,
        cancelled: Callable[[], bool],
    ) -> SearchDone | SearchFailed | None:
        """The search's answer as the message to handle (None if ``cancelled`` meanwhile)."""
        import time

        started = time.perf_counter()
        engine = self.engine
        assert engine is not None
        from ...core.errors import QueryError  # off the first paint
        from ...core.query import parse_query

        try:
            if "@" in full:  # @name: a saved search (core/saved.py)
                from ...core.saved import expand

                lookup = self.nkru.user.saved_search
                full, typed = expand(full, lookup), expand(typed, lookup)
            query = parse_query(full)
            terms = engine.match_marks(parse_query(typed))
        except QueryError as exc:
            return None if cancelled() else SearchFailed(gen, str(exc))
        events = engine.search_events(query)
        if cancelled():
            return None
        actors = engine.search_actors(filter_query)
        self._last_search_s = time.perf_counter() - started
        return None if cancelled() else SearchDone(gen, events, terms, actors)

    def on_search_done(self, message: SearchDone) -> None:
        if message.gen != self._gen or self.engine is None:
            return
        self.error = None
        self.terms = message.terms
        self._shown = len(message.events)
        self.timeline.set_events(message.events, message.terms)
        self.actor_list.set_actors(message.actors, self.nkru.counts)
        self.chips.set_filters(self.state.filters)
        chart = self.density_chart
        if chart is not None and chart.display:
            chart.update_events(self.timeline.events)
        self._update_titles()
        self.update_status()
        if self.detail.current_id is None:
            ev = self.timeline.highlighted
            if ev is not None:
                self._show(ev["id"])
                self.state.history.visit(ev["id"])
                self.state.preview = True
            else:
                self.detail.show_message("no matching events")
        elif self.detail.current_kind in ("event", "actor"):
            # the same record, marked for the new query: after the frame that answers the key
            self.call_after_refresh(self._remark_detail, message.gen)
        if self._pending_focus:
            self.call_after_refresh(self._focus_pending)

    def _remark_detail(self, gen: int) -> None:
        rid = self.detail.current_id
        if gen == self._gen and rid is not None and self.detail.current_kind in ("event", "actor"):
            self._show(rid)

    def _focus_pending(self) -> None:
        rid = self._pending_focus
        if rid and self.timeline.move_to(rid):
            self._pending_focus = None

    def on_search_failed(self, message: SearchFailed) -> None:
        if message.gen != self._gen:
            return
        self.error = message.error
        self.update_status()

    def update_status(self) -> None:
        engine = self.engine
        if engine is None:
            return
        actor = self.state.actor
        self.status.show_state(
            shown=self._shown,
            total=engine.total_events,
            query=self.state.query,
            filters=self.state.filters.to_query(),
            actor_name=engine.actor_name(actor) if actor else None,
            error=self.error,
        )

    def _update_titles(self) -> None:
        engine = self.engine
        total = engine.total_events if engine else 0
        title = Content(f"Timeline {self._shown:,}/{total:,}")
        if self.state.actor and engine is not None:
            title = title + Content(" · " + clean(engine.actor_name(self.state.actor)))
        self.timeline.border_title = title
        self.actor_list.border_title = Content(
            f"Actors {self.actor_list.count:,} · by {self.actor_list.sort_by} (s)"
        )

    @on(ActorList.SortChanged)
    def _sort_changed(self) -> None:
        self._update_titles()

    # ------------------------------------------------------------------ the detail pane

    def _show(self, rid: str, link: str | None = None) -> bool:
        engine = self.engine
        if engine is None:
            return False
        kind = engine.kind_of(rid)
        rec = engine.get(rid)
        if rec is None:
            return False
        if kind == "event":
            self.detail.show_event(engine, rec, self.terms, link)
        elif kind == "actor":
            self.detail.show_actor(engine, rec, self.terms, link)
        else:
            return False
        self.detail.border_title = "Detail · " + kind
        return True

    def navigate(self, rid: str) -> bool:
        """Show ``rid`` in the detail pane as a new step in the history."""
        if not self._show(rid):
            return False
        self.state.history.visit(rid)
        self.state.preview = False
        if self.engine is not None and self.engine.kind_of(rid) == "event":
            self.timeline.move_to(rid)
        else:
            self.actor_list.move_to(rid)
        return True

    def jump_to(self, rid: str) -> None:
        """The palette's target: show it and put the list cursors on it."""
        if not self.navigate(rid):
            return
        if self.engine is not None and self.engine.kind_of(rid) == "event":
            if self.timeline.index_of(rid) is None:
                self.notify(
                    "that event is hidden by the current search or filters",
                    markup=False,
                    timeout=3,
                )
            self.set_focus(self.timeline)
        else:
            self.set_focus(self.actor_list)

    def on_timeline_highlighted(self, message: Timeline.Highlighted) -> None:
        ev = message.event
        if ev is None or self.engine is None or ev.get("id") == self.detail.current_id:
            return
        st = self.state
        if self.timeline.has_focus or st.preview:
            self._show(ev["id"])
            st.history.visit(ev["id"], replace=st.preview and len(st.history) > 0)
            st.preview = True

    def on_timeline_selected(self, message: Timeline.Selected) -> None:
        ev = message.event
        if ev.get("id") != self.detail.current_id:
            self.navigate(ev["id"])
        self.state.preview = False
        self.set_focus(self.detail)

    def on_actor_list_selected(self, message: ActorList.Selected) -> None:
        self.select_actor(message.actor["id"])

    def select_actor(self, actor_id: str | None) -> None:
        """Narrow the timeline to ``actor_id``'s events (None: all events)."""
        self.state.actor = actor_id
        self.actor_list.set_active(actor_id)
        if actor_id:
            self.navigate(actor_id)
        self.refresh_results(debounce=False)

    def on_detail_view_link_activated(self, message: DetailView.LinkActivated) -> None:
        target = message.target
        if target.startswith(NARROW_PREFIX):
            self.select_actor(target[len(NARROW_PREFIX) :])
            self.set_focus(self.timeline)
            return
        if target.startswith(QUOTE_PREFIX):
            self.open_quote(target[len(QUOTE_PREFIX) :])
            return
        if target.startswith(NOTE_PREFIX):
            self.open_note(target[len(NOTE_PREFIX) :])
            return
        self.navigate(target)

    def selected_event(self) -> dict | None:
        engine = self.engine
        if engine is None:
            return None
        if self.detail.current_kind == "event" and self.detail.current_id:
            return engine.get(self.detail.current_id)
        return self.timeline.highlighted

    # ------------------------------------------------------------------ search bar

    def on_search_bar_query_changed(self, message: SearchBar.QueryChanged) -> None:
        self._typed(message.query)

    def _typed(self, query: str) -> None:
        """The search bar's text changed (a key, a paste, an edit): search it."""
        self.state.query = query
        self.refresh_results()

    # ------------------------------------------------------------------ saved searches

    def recall_search(self, name: str) -> bool:
        """Put the search saved as ``name`` back: its typed query, filter chips and actor when
        it was saved from the explorer (S), else its query in the search bar. False (and said)
        when nothing is saved under that name."""
        name = name.removeprefix("@")
        doc = next((d for d in self.nkru.user.saved_searches() if d["name"] == name), None)
        if doc is None or self.engine is None:
            self._say(f"no saved search @{name} (S saves one)", "error", 6)
            return False
        parts = doc.get("parts") if isinstance(doc.get("parts"), dict) else None
        st = self.state
        if parts is not None:
            raw = parts.get("filters") if isinstance(parts.get("filters"), dict) else {}
            fields = {k: v for k, v in raw.items() if k in Filters.FIELDS}
            actor = parts.get("actor")
            st.query = str(parts.get("query") or "")
            st.filters = Filters(**fields)
            st.actor = actor if isinstance(actor, str) and actor in self.engine.actors else None
        else:
            st.query, st.filters, st.actor = str(doc["query"]), Filters(), None
        bar = self.search_bar
        with bar.prevent(Input.Changed):
            bar.value = st.query
        bar.set_class(bool(st.query), "-open")
        self.chips.set_filters(st.filters)
        self.actor_list.set_active(st.actor)
        self.refresh_results(debounce=False)
        self._say(f"recalled the saved search @{name}", timeout=3)
        return True

    def action_save_search(self) -> None:
        if self.engine is None:
            self._say("the store is still loading", "warning", 3)
            return
        from ...core.errors import QueryError
        from ...core.query import parse_query
        from ...core.saved import expand
        from .save_search import SaveSearchScreen

        st = self.state
        try:  # stored with any @name in it already replaced (core/saved.py)
            full = expand(st.full_query(), self.nkru.user.saved_search)
            typed = expand(st.query, self.nkru.user.saved_search)
            parse_query(full)
        except QueryError as exc:
            self._say(f"not saved: {exc}", "error", 6)
            return
        parts = {
            "query": typed,
            "filters": {k: v for k, v in asdict(st.filters).items() if v is not None},
            "actor": st.actor,
        }

        def named(name: str | None) -> None:
            if not name:
                return
            self.nkru.user.submit(
                UserRequest(
                    lambda layer: layer.save_search(name, full, parts),
                    lambda doc: f"saved the search @{doc['name']}: {doc['query'] or '(all)'}",
                )
            )

        names = [d["name"] for d in self.nkru.user.saved_searches()]
        self.app.push_screen(SaveSearchScreen(full, names), named)

    def delete_search(self, name: str) -> None:
        def said(deleted: bool) -> str:
            return f"deleted the saved search @{name}" if deleted else f"no saved search @{name}"

        self.nkru.user.submit(UserRequest(lambda layer: layer.delete_search(name), said))

    def on_search_bar_closed(self, message: SearchBar.Closed) -> None:
        if message.cleared:
            self.state.query = ""
            self.refresh_results(debounce=False)
        self.set_focus(self.timeline)

    # ------------------------------------------------------------------ explorer actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_search":
            # elsewhere Enter and Esc work as usual (no bar yet: it cannot have the focus)
            return self._search_bar is not None and self.focused is self._search_bar
        return True

    def action_leave_search(self, clear: bool) -> None:
        name = None if clear else saved_search_name(self.search_bar.value)
        if name is not None and any(
            d["name"] == name and d.get("parts") for d in self.nkru.user.saved_searches()
        ):
            self.recall_search(name)  # Enter on "@name": its filter chips and actor too
            if not self.state.query:
                self.search_bar.leave(False)
                return
        self.search_bar.leave(clear)

    def action_search(self) -> None:
        bar = self.search_bar
        if self.focused is bar:
            bar.insert_text_at_cursor("/")  # a "/" typed in the query itself
        else:
            bar.open()

    def action_escape(self) -> None:
        if self.maximized is not None:
            self.minimize()
        elif self.state.actor:
            self.select_actor(None)

    def action_clear_actor(self) -> None:
        if self.state.actor:
            self.select_actor(None)

    def action_back(self) -> None:
        self._step(self.state.history.back())

    def action_forward(self) -> None:
        self._step(self.state.history.forward())

    def _step(self, rid: str | None) -> None:
        if rid is None:
            self.app.bell()
            return
        previous = self.detail.current_id
        self._show(rid, link=previous)
        self.state.preview = False
        if self.engine is not None and self.engine.kind_of(rid) == "event":
            self.timeline.move_to(rid)

    def action_focus_pane(self, which: str) -> None:
        self.set_focus(self.query_one(f"#{which}"))

    def action_zoom(self) -> None:
        if self.maximized is not None:
            self.minimize()
            return
        pane = self.focused
        if pane is not None and pane.id in ("actors", "timeline", "detail"):
            self.maximize(pane, container=False)

    def action_help(self) -> None:
        from .help import HelpScreen

        if not isinstance(self.app.screen, HelpScreen):
            self.app.push_screen(HelpScreen(self.help_groups()))

    def help_groups(self) -> list[tuple[str, Iterable[BindingType]]]:
        """The key tables of the help screen, by where the keys work."""
        from ..widgets.search_bar import SearchBar

        where = str(self.nkru.user.path).replace("`", "'")
        return [
            (
                "Everywhere",
                EXPLORER_KEYS
                + list(self.app.BINDINGS)
                + [
                    Binding("tab", "focus_next", "Next pane"),
                    Binding("shift+tab", "focus_previous", "Previous pane"),
                ],
            ),
            ("Timeline and actor lists", list(Timeline.BINDINGS) + list(ActorList.BINDINGS)),
            ("Detail pane", list(DetailView.BINDINGS)),
            (
                "Search bar",
                list(SearchBar.BINDINGS)
                + [Binding("enter", "submit", "Keep the query, back to the timeline")],
            ),
            (f"{USER_HELP_TITLE} (stored in `{where}`)", USER_KEYS),
            (VIEWS_HELP_TITLE, VIEW_KEYS),
        ]

    def action_copy_citation(self) -> None:
        ev = self.selected_event()
        if ev is None or self.engine is None:
            self.notify("no event selected to cite", severity="warning", markup=False)
            return
        self.deliver_citation(ev, "plain", citation(self.engine, ev))

    def action_cite_as(self) -> None:
        """Y: the citation as plain text, Markdown with a footnote, or CSL-JSON."""
        ev = self.selected_event()
        engine = self.engine
        if ev is None or engine is None:
            self.notify("no event selected to cite", severity="warning", markup=False)
            return
        from ...core.citations import FORMATS
        from ...core.clipboard import citations_folder, use_file
        from .cite_screen import CiteScreen

        why = use_file(self.nkru.settings.clipboard)
        where = (
            f"goes to a file in {citations_folder()} ({why})"
            if why
            else "goes to the clipboard through the terminal (OSC 52)"
        )

        def chosen(key: str | None) -> None:
            if key in FORMATS and engine is not None:
                self.deliver_citation(ev, key, FORMATS[key].render(engine, ev))

        self.app.push_screen(CiteScreen(ev.get("title", ""), "The citation " + where), chosen)

    def deliver_citation(self, ev: dict, fmt: str, text: str) -> None:
        """To the clipboard (OSC 52), or to a file where the terminal cannot take OSC 52."""
        from ...core.citations import FORMATS
        from ...core.clipboard import use_file, write_citation

        title = clean(ev.get("title", ""))[:60]
        label = FORMATS[fmt].label if fmt != "plain" else "citation"
        why = use_file(self.nkru.settings.clipboard)
        if why is None:
            self.app.copy_to_clipboard(text)
            self._say(f"copied the {label.lower()}: {title}", timeout=3)
            return
        try:
            path = write_citation(text, str(ev.get("id", "citation")), FORMATS[fmt].ext)
        except OSError as exc:
            self._say(f"could not write the citation: {exc.strerror or exc}", "error", 8)
            return
        self._say(f"{why}: the {label.lower()} is in {path}", timeout=10)

    def filter_choices(self) -> dict[str, Sequence[tuple[object, str]]]:
        engine = self.engine
        years: list[tuple[object, str]] = []
        if engine is not None and engine.events:
            lo = int(str(engine.events[0].get("date", "0"))[:4] or 0)
            hi = int(str(engine.events[-1].get("date", "0"))[:4] or 0)
            years = [(y, str(y)) for y in range(hi, lo - 1, -1)]
        sources: list[tuple[object, str]] = []
        if engine is not None:
            sources = sorted(
                (
                    (sid, f"{clean(s.get('title', sid))[:70]}  [{sid}]")
                    for sid, s in engine.sources.items()
                ),
                key=lambda t: t[1].lower(),
            )
        return {
            "sector": [(k, k) for k in schema.SECTORS],
            "country": [(k, f"{k} {v}") for k, v in schema.COUNTRIES.items()],
            "kind": [(k, k) for k in schema.ACTOR_KINDS],
            "year_from": years,
            "year_to": years,
            "source": sources,
        }

    def action_filters(self) -> None:
        from .filter_picker import FilterPicker

        def done(filters: Filters | None) -> None:
            if filters is not None and filters != self.state.filters:
                self.apply_filters(filters)

        picker = FilterPicker(self.state.filters, self.filter_choices(), self.filter_counter())
        self.app.push_screen(picker, done)

    def filter_counter(self) -> Callable[[Filters], int | None]:
        """How many events ``filters`` would give with the current query and actor (None: the
        query is not valid). Called in the picker's worker thread."""
        engine = self.engine
        query, actor = self.state.query, self.state.actor

        def count(filters: Filters) -> int | None:
            from ...core.errors import QueryError

            if engine is None:
                return None
            full = ExplorerState(query=query, filters=filters, actor=actor).full_query()
            try:
                return engine.count_events(full)
            except QueryError:
                return None

        return count

    def apply_filters(self, filters: Filters) -> None:
        self.state.filters = filters
        self.chips.set_filters(filters)
        self.refresh_results(debounce=False)

    def action_reset_filters(self) -> None:
        if not self.state.filters.is_empty:
            self.apply_filters(Filters())
            self.notify("filters reset", timeout=2, markup=False)

    # ------------------------------------------------------------------ views

    def map_actor(self) -> str | None:
        """The actor the map starts from: the one shown or highlighted, else the event's first."""
        engine = self.engine
        if engine is None:
            return None
        detail = self.detail
        if detail.current_kind == "actor" and detail.current_id in engine.actors:
            return detail.current_id
        actors = self.actor_list
        if actors.has_focus and actors.highlighted is not None:
            return actors.highlighted.get("id")
        if self.state.actor:
            return self.state.actor
        ev = self.selected_event()
        if ev is not None:
            for aid in engine.event_actor_ids(ev):
                if aid in engine.actors:
                    return aid
        return None

    def action_relation_map(self) -> None:
        from .relation_map_screen import RelationMapScreen

        actor_id = self.map_actor()
        if actor_id is None or self.engine is None:
            self.notify(
                "no actor selected for the relation map",
                severity="warning",
                markup=False,
                timeout=3,
            )
            return

        def closed(final: str | None) -> None:
            if final:
                self.navigate(final)

        self.app.push_screen(RelationMapScreen(self.engine, actor_id, report_to=self), closed)

    def on_relation_map_recentred(self, message: RelationMap.Recentred) -> None:
        """The map (on its own screen) took a new centre: the detail pane follows."""
        message.stop()
        self.navigate(message.actor_id)

    def action_export(self) -> None:
        from .export_screen import ExportScreen

        if self.engine is None:
            self.notify("the store is not loaded yet", severity="warning", markup=False)
            return
        fmt = self.nkru.settings.export_format  # config.toml's default export format
        self.app.push_screen(ExportScreen(self.engine, self.full_query(), fmt=fmt))

    def action_sources(self) -> None:
        from ..sources_actions import open_sources

        open_sources(self)

    def open_reader(self, source_id: str, quote: dict | None = None) -> None:
        from ..sources_actions import open_reader

        open_reader(self, source_id, quote)

    def open_quote(self, ref: str) -> None:
        """Enter on an evidence quote in the detail pane: the reader at that passage."""
        rid, _, index = ref.rpartition(":")
        rec = self.engine.get(rid) if self.engine is not None else None
        evidence = [e for e in (rec or {}).get("evidence", ()) or () if isinstance(e, dict)]
        if not index.isdigit() or int(index) >= len(evidence):
            return
        quote = evidence[int(index)]
        self.open_reader(str(quote.get("source", "")), quote)

    def action_density(self) -> None:
        """Cycle: hidden → per year → per month → hidden."""
        chart = self.density_chart
        if chart is None:
            from ..widgets.density import DensityChart

            chart = DensityChart(self.timeline.events, id=DENSITY_ID)
            chart.border_title = "Density"
            self.query_one("#timeline-column").mount(chart, before=0)
            chart.focus()
        elif not chart.display:
            chart.update_events(self.timeline.events)
            chart.set_zoom("year")
            chart.display = True
            chart.focus()
        elif chart.by == "year":
            chart.set_zoom("month")
        else:
            chart.display = False
            self.timeline.focus()

    def on_density_chart_period_selected(self, message: DensityChart.PeriodSelected) -> None:
        """A bar chosen: its period becomes a filter chip (x resets it)."""
        message.stop()
        self.apply_filters(self.state.filters.with_(period=message.period_key))
        self.timeline.focus()

    # ------------------------------------------------------------------ the user's layer

    def _say(self, text: str, severity: str = "information", timeout: float = 4) -> None:
        self.notify(text, severity=severity, markup=False, timeout=timeout)  # type: ignore[arg-type]

    def _label(self, rid: str) -> str:
        rec = self.engine.get(rid) if self.engine is not None else None
        if not isinstance(rec, dict):
            return rid
        label = clean(rec.get("title") or rec.get("name") or rid)
        return label if len(label) <= 60 else label[:59] + "…"

    def user_target(self) -> tuple[str, str] | None:
        """The record the user means: the focused list's row, else what the detail shows."""
        engine = self.engine
        if engine is None:
            return None
        focused = self.focused
        if focused is self.actor_list:
            actor = self.actor_list.highlighted
            if actor and actor.get("id"):
                return actor["id"], "actor"
        if focused is self.timeline:
            ev = self.timeline.highlighted
            if ev and ev.get("id"):
                return ev["id"], "event"
        rid, kind = self.detail.current_id, self.detail.current_kind
        if rid and kind in ("event", "actor") and engine.get(rid) is not None:
            return rid, kind
        ev = self.selected_event()
        if ev and ev.get("id"):
            return ev["id"], "event"
        return None

    def _need_target(self) -> tuple[str, str] | None:
        if self.engine is None:
            self._say("the store is still loading", "warning", 3)
            return None
        target = self.user_target()
        if target is None:
            self._say("select an event or an actor first", "warning", 3)
        return target

    def action_toggle_bookmark(self) -> None:
        target = self._need_target()
        if target is None:
            return
        rid = target[0]
        label = self._label(rid)

        def saved(now_marked: bool) -> str:
            if now_marked:
                return f"★ bookmarked and saved: {label}"
            return f"bookmark removed, saved: {label}"

        self.nkru.user.submit(UserRequest(lambda layer: layer.toggle_bookmark(rid), saved))

    def action_edit_note(self) -> None:
        """n: a NEW note on the selected event or actor (the record's other notes stay)."""
        target = self._need_target()
        if target is None or self.engine is None:
            return
        rid = target[0]
        from .note_editor import NoteEditor

        label = self._label(rid)

        def edited(text: str | None) -> None:
            if text is None:
                return
            if not text.strip():
                self._say("an empty note is not saved", timeout=2)
                return

            def saved(note: dict) -> str:
                return f"note saved: {label} (new note {note.get('id', '')})"

            self.nkru.user.submit(UserRequest(lambda layer: layer.add_note(rid, text), saved))

        self.app.push_screen(NoteEditor(label, "", target_id=rid), edited)

    def open_note(self, note_id: str) -> None:
        """Enter on a note in the detail pane: edit that note (by id) in the editor."""
        engine = self.engine
        if engine is None:
            return
        found = None
        for rid, notes in (getattr(engine.user, "note_list", None) or {}).items():
            for n in notes:
                if n.get("id") == note_id:
                    found = (rid, n)
        if found is None:
            self._say(f"the note {note_id} is gone", "warning", 3)
            return
        rid, note = found
        initial = str(note.get("text", ""))
        label = self._label(rid)
        from .note_editor import NoteEditor

        def edited(text: str | None) -> None:
            if text is None:
                return
            if text == initial:
                self._say("note unchanged", timeout=2)
                return
            if not text.strip():  # deleting is the CLI's: nkru-tui note --delete ID
                self._say(
                    f"an empty note is not saved; to delete it: nkru-tui note --delete {note_id}",
                    "warning",
                    4,
                )
                return

            def saved(_note: dict) -> str:
                return f"note {note_id} edited and saved: {label}"

            self.nkru.user.submit(UserRequest(lambda layer: layer.edit_note(note_id, text), saved))

        self.app.push_screen(NoteEditor(label, initial, target_id=rid, note_id=note_id), edited)

    def action_undo_user_change(self) -> None:
        if not self.nkru.user.is_open:
            self._say("nothing to undo", timeout=2)
            return

        def saved(description: str | None) -> str:
            return "nothing to undo" if description is None else f"undone and saved: {description}"

        self.nkru.user.submit(UserRequest(lambda layer: layer.undo(), saved))

    def action_add_record(self) -> None:
        if self.engine is None:
            self._say("the store is still loading", "warning", 3)
            return
        from .record_form import RecordKindPicker

        def picked(kind: str | None) -> None:
            if kind in ("event", "actor"):
                self._open_form(kind)

        self.app.push_screen(RecordKindPicker(), picked)

    def _open_form(
        self, kind: str, record: dict | None = None, prefill: dict | None = None
    ) -> None:
        from ...core.store import validate_record
        from ..sources_actions import verify_evidence_op
        from .record_form import TABLE_OF, FormContext, RecordForm

        rid0 = record.get("id") if record else None
        form = RecordForm(
            kind, FormContext.from_engine(self.engine, exclude=rid0), record, prefill=prefill
        )
        engine = self.engine
        table = TABLE_OF[kind]

        def filled(rec: dict | None) -> None:
            if rec is None:
                return
            rid = rec.get("id", "")
            if record is None:

                def added(_saved: object) -> None:
                    self._pending_focus = rid if kind == "event" else None
                    self.navigate(rid)

                verify = verify_evidence_op(engine, rec, prefill)
                request = UserRequest(
                    lambda layer: (
                        verify(layer),
                        layer.add_record(table, rec, validator=validate_record),
                    )[1],
                    lambda _saved: f"saved: added {kind} {rid}",
                    then=added,
                    records=True,
                )
            else:
                changes = {k: v for k, v in rec.items() if k not in ("id", "user")}
                for k in record:
                    if k not in rec and k not in ("id", "user"):
                        changes[k] = None
                verify = verify_evidence_op(engine, changes)
                request = UserRequest(
                    lambda layer: (
                        verify(layer),
                        layer.update_record(rid, changes, validator=validate_record),
                    )[1],
                    lambda _saved: f"saved: {kind} {rid} updated",
                    records=True,
                )
            self.nkru.user.submit(request)

        self.app.push_screen(form, filled)

    def _refuse_curated(self, rid: str) -> bool:
        """True (and the user told why) when ``rid`` is not a record the user added."""
        from ...core.userlayer import ReadOnlyRecord

        engine = self.engine
        rec = engine.get(rid) if engine is not None else None
        if engine is not None and engine.is_curated(rid):
            self._say(str(ReadOnlyRecord(rid)), "warning", 6)
            return True
        if not isinstance(rec, dict) or not rec.get("user"):
            self._say(f"{rid} is not a record you added: nothing to change", "warning", 4)
            return True
        return False

    def action_edit_record(self) -> None:
        target = self._need_target()
        if target is None or self.engine is None:
            return
        rid, kind = target
        if self._refuse_curated(rid):
            return
        self._open_form(kind, dict(self.engine.get(rid) or {}))

    def action_delete_record(self) -> None:
        target = self._need_target()
        if target is None:
            return
        rid, kind = target
        if self._refuse_curated(rid):
            return
        from .record_form import ConfirmScreen

        label = self._label(rid)

        def answered(yes: bool | None) -> None:
            if yes:
                self.nkru.user.submit(
                    UserRequest(
                        lambda layer: layer.delete_record(rid),
                        lambda _deleted: f"deleted and saved: {kind} {label}",
                        records=True,
                    )
                )

        self.app.push_screen(
            ConfirmScreen(
                f"Delete the {kind} you added, “{label}” ({rid})? "
                "Its note and bookmark stay, and this cannot be undone with u."
            ),
            answered,
        )


def saved_search_name(query: str) -> str | None:
    """``name`` when the whole query is ``@name`` (one word), else None."""
    text = query.strip()
    if text.startswith("@") and len(text) > 1 and not any(c.isspace() for c in text):
        return text[1:]
    return None


def citation(engine: Engine, ev: dict) -> str:
    """``date — title`` and each evidence quote with its source's title, as plain text."""
    lines = [f"{date_long(ev)} — {clean(ev.get('title', ''))}"]
    for e in ev.get("evidence", ()) or ():
        if isinstance(e, dict):
            lines.append(
                f"{clean(engine.source_title(e.get('source', '')))}: “{clean(e.get('quote', ''))}”"
            )
    return "\n".join(lines)
