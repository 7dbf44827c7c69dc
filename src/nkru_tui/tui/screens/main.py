"""The explorer screen: actors | timeline | detail, a search bar, filter chips and a status line.

The panes talk up with messages (``ActorList.Selected``, ``Timeline.Highlighted``/``Selected``,
``DetailView.LinkActivated``, ``SearchBar.QueryChanged``); this screen decides what follows and
calls methods down on the panes. All searching and filtering is the engine's: the typed query,
the filter chips (as qualifiers) and the chosen actor (``actor:ID``) become one query string.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer
from textual.worker import get_current_worker

from ...core import schema
from ..filters import Filters
from ..history import History
from ..text import clean, date_long
from ..user_actions import UserActions
from ..views_actions import ViewsActions
from ..widgets.actor_list import ActorList
from ..widgets.detail import NARROW_PREFIX, DetailView
from ..widgets.filter_chips import FilterChips
from ..widgets.search_bar import SearchBar
from ..widgets.status_bar import StatusBar
from ..widgets.timeline import Timeline

# A short pause before a keystroke's search runs, so fast typing searches once.
DEBOUNCE = 0.05
FAST_SEARCH = 0.015  # seconds: a search this quick runs on every keystroke, undebounced


class SearchDone(Message):
    def __init__(self, gen: int, events, terms, actors) -> None:
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


class MainScreen(UserActions, ViewsActions, Screen):
    """The three linked panes."""

    # Textual declares this an instance variable, so it cannot be annotated ClassVar here.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: "/" moves focus before the keys typed after it are routed (fast typing)
        Binding("slash", "search", "Search", id="search", priority=True),
        # priority too, and only while the search bar has the focus (check_action): Enter and
        # Esc must move the focus before the keys typed right after them are routed
        Binding("enter", "leave_search(False)", "Keep query", id="search_keep", priority=True),
        Binding(
            "escape", "leave_search(True)", "Clear search", id="search_clear_now", priority=True
        ),
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
        Binding("z", "zoom", "Zoom", id="zoom", show=False),
        Binding("1", "focus_pane('actors')", "Actors pane", show=False),
        Binding("2", "focus_pane('timeline')", "Timeline pane", show=False),
        Binding("3", "focus_pane('detail')", "Detail pane", show=False),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    def __init__(self) -> None:
        super().__init__(id="main")
        self._last_search_s = 0.0
        self.engine = None
        self.query_text = ""
        self.filters = Filters()
        self.actor_id: str | None = None
        self.history = History()
        self.preview = True  # the detail pane follows the timeline cursor
        self.error: str | None = None
        self.terms: list[str] = []
        self._gen = 0
        self._shown = 0
        self.counts: dict[str, int] = {}
        self.ready = False

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield SearchBar(id="search")
        yield FilterChips(id="chips")
        with Container(id="panes"):
            with Vertical(id="left"):
                actors = ActorList(id="actors")
                actors.border_title = "Actors"
                yield actors
                with Vertical(id="timeline-column"):  # issue 6: a density chart goes above
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
        self.detail.show_message("loading the store…")
        self.ready = True
        app = self.app
        if getattr(app, "engine", None) is not None:
            self.set_engine(app.engine, app.counts)
        elif getattr(app, "load_error", None):
            self.show_load_error(app.load_error)

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
        return self.query_one("#search", SearchBar)

    @property
    def chips(self) -> FilterChips:
        return self.query_one("#chips", FilterChips)

    # ------------------------------------------------------------------ engine

    def set_engine(self, engine, counts) -> None:
        """The store is loaded: show everything."""
        self.engine = engine
        self.counts = counts
        self.actor_list.set_actors(engine.search_actors(""), counts)
        self.timeline.set_marks(self._marks)
        self.actor_list.set_marks(self._marks)
        self.refresh_results(debounce=False)

    def show_load_error(self, message: str) -> None:
        self.timeline.empty_text = "the store could not be loaded"
        self.timeline.refresh()
        self.detail.show_message(message)
        self.status.set_text(message, error=True)

    def _marks(self, ev: dict) -> str:
        """The marker of an event or actor in the lists: ★ bookmarked, ✎ noted, + yours."""
        user = self.engine.user if self.engine is not None else None
        if user is None:
            return ""
        if ev.get("id") in user.bookmarks:
            return "★"
        if ev.get("id") in user.notes:
            return "✎"
        if ev.get("user"):
            return "+"
        return ""

    def full_query(self) -> str:
        parts = [self.query_text.strip(), self.filters.to_query()]
        if self.actor_id:
            parts.append(f"actor:{self.actor_id}")
        return " ".join(p for p in parts if p)

    def refresh_results(self, debounce: bool = True) -> None:
        """Run the query (typed + filters + actor) in a worker; a newer call cancels it."""
        if self.engine is None:
            return
        self._gen += 1
        self._search(
            self._gen, self.query_text, self.full_query(), self.filters.to_query(), debounce
        )

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
        started = time.perf_counter()
        engine = self.engine
        from ...core.errors import QueryError  # in the worker: off the first paint
        from ...core.query import parse_query

        try:
            query = parse_query(full)
            terms = engine.match_terms(parse_query(typed))
        except QueryError as exc:
            if not worker.is_cancelled:
                self.post_message(SearchFailed(gen, str(exc)))
            return
        events = engine.search_events(query)
        if worker.is_cancelled:
            return
        actors = engine.search_actors(filter_query)
        self._last_search_s = time.perf_counter() - started
        if not worker.is_cancelled:
            self.post_message(SearchDone(gen, events, terms, actors))

    def on_search_done(self, message: SearchDone) -> None:
        if message.gen != self._gen or self.engine is None:
            return
        self.error = None
        self.terms = message.terms
        self._shown = len(message.events)
        self.timeline.set_events(message.events, message.terms)
        self.actor_list.set_actors(message.actors, self.counts)
        self.chips.set_filters(self.filters)
        self._update_titles()
        self.update_status()
        if self.detail.current_id is None:
            ev = self.timeline.highlighted
            if ev is not None:
                self._show(ev["id"])
                self.history.visit(ev["id"])
                self.preview = True
            else:
                self.detail.show_message("no matching events")

    def on_search_failed(self, message: SearchFailed) -> None:
        if message.gen != self._gen:
            return
        self.error = message.error
        self.update_status()

    def update_status(self) -> None:
        if self.engine is None:
            return
        actor = self.engine.actor_name(self.actor_id) if self.actor_id else None
        self.status.show_state(
            shown=self._shown,
            total=self.engine.total_events,
            query=self.query_text,
            filters=self.filters.to_query(),
            actor_name=actor,
            error=self.error,
        )

    def _update_titles(self) -> None:
        total = self.engine.total_events if self.engine else 0
        title = Content(f"Timeline {self._shown:,}/{total:,}")
        if self.actor_id and self.engine is not None:
            title = title + Content(" · " + clean(self.engine.actor_name(self.actor_id)))
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
        self.history.visit(rid)
        self.preview = False
        if self.engine.kind_of(rid) == "event":
            self.timeline.move_to(rid)
        else:
            self.actor_list.move_to(rid)
        return True

    def jump_to(self, rid: str) -> None:
        """The palette's target: show it and put the list cursors on it."""
        if self.navigate(rid):
            if self.engine.kind_of(rid) == "event":
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
        if self.timeline.has_focus or self.preview:
            self._show(ev["id"])
            self.history.visit(ev["id"], replace=self.preview and len(self.history) > 0)
            self.preview = True

    def on_timeline_selected(self, message: Timeline.Selected) -> None:
        ev = message.event
        if ev.get("id") != self.detail.current_id:
            self.navigate(ev["id"])
        self.preview = False
        self.set_focus(self.detail)

    def on_actor_list_selected(self, message: ActorList.Selected) -> None:
        self.select_actor(message.actor["id"])

    def select_actor(self, actor_id: str | None) -> None:
        """Narrow the timeline to ``actor_id``'s events (None: all events)."""
        self.actor_id = actor_id
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
        self.navigate(target)

    # ------------------------------------------------------------------ search bar

    def on_search_bar_query_changed(self, message: SearchBar.QueryChanged) -> None:
        self.query_text = message.query
        self.refresh_results()

    def on_search_bar_closed(self, message: SearchBar.Closed) -> None:
        if message.cleared:
            self.query_text = ""
            self.refresh_results(debounce=False)
        self.set_focus(self.timeline)

    # ------------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_search":
            return self.focused is self.search_bar  # elsewhere Enter and Esc work as usual
        return True

    def action_leave_search(self, clear: bool) -> None:
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
        elif self.actor_id:
            self.select_actor(None)

    def action_clear_actor(self) -> None:
        if self.actor_id:
            self.select_actor(None)

    def action_back(self) -> None:
        self._step(self.history.back())

    def action_forward(self) -> None:
        self._step(self.history.forward())

    def _step(self, rid: str | None) -> None:
        if rid is None:
            self.app.bell()
            return
        previous = self.detail.current_id
        self._show(rid, link=previous)
        self.preview = False
        if self.engine.kind_of(rid) == "event":
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
        self.app.action_show_help_screen()

    def selected_event(self) -> dict | None:
        if self.engine is None:
            return None
        if self.detail.current_kind == "event" and self.detail.current_id:
            return self.engine.get(self.detail.current_id)
        return self.timeline.highlighted

    def action_copy_citation(self) -> None:
        ev = self.selected_event()
        if ev is None:
            self.notify("no event selected to cite", severity="warning", markup=False)
            return
        text = citation(self.engine, ev)
        self.app.copy_to_clipboard(text)
        self.notify(
            "copied the citation: " + clean(ev.get("title", ""))[:60], markup=False, timeout=3
        )

    def filter_choices(self) -> dict:
        engine = self.engine
        years: list[tuple[object, str]] = []
        if engine is not None and engine.events:
            lo = int(str(engine.events[0].get("date", "0"))[:4] or 0)
            hi = int(str(engine.events[-1].get("date", "0"))[:4] or 0)
            years = [(y, str(y)) for y in range(hi, lo - 1, -1)]
        sources = []
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
            if filters is not None and filters != self.filters:
                self.apply_filters(filters)

        self.app.push_screen(FilterPicker(self.filters, self.filter_choices()), done)

    def apply_filters(self, filters: Filters) -> None:
        self.filters = filters
        self.chips.set_filters(filters)
        self.refresh_results(debounce=False)

    def action_reset_filters(self) -> None:
        if not self.filters.is_empty:
            self.apply_filters(Filters())
            self.notify("filters reset", timeout=2, markup=False)


def citation(engine, ev: dict) -> str:
    """``date — title`` and each evidence quote with its source's title, as plain text."""
    lines = [f"{date_long(ev)} — {clean(ev.get('title', ''))}"]
    for e in ev.get("evidence", ()) or ():
        if isinstance(e, dict):
            lines.append(
                f"{clean(engine.source_title(e.get('source', '')))}: “{clean(e.get('quote', ''))}”"
            )
    return "\n".join(lines)
