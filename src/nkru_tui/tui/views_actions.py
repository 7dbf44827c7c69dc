"""Issue 6's keys on the main screen: ``m`` relation map, ``e`` export, ``d`` density chart.

``ViewsActions`` is a Screen mixin (a ``Screen`` subclass, so Textual merges its ``BINDINGS``
into the main screen's). It relies only on what ``MainScreen`` already has: ``engine``,
``full_query()``, ``navigate(rid)``, ``select_actor(aid)``, ``filters``/``apply_filters``,
``detail``, ``actor_list``, ``timeline``, ``selected_event()`` and the ``#timeline-column``
container. Two small seams make it complete (see ``views_results_changed`` and
``narrow_to_period``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input

if TYPE_CHECKING:  # imported when first used, to keep them off the first paint
    from .widgets.density import DensityChart
    from .widgets.relation_map import RelationMap

DENSITY_ID = "density"


class ViewsActions(Screen):
    """Relation map, export and density chart for the explorer screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "relation_map", "Map", id="relation_map"),
        Binding("e", "export", "Export", id="export"),
        Binding("d", "density", "Density", id="density"),
    ]

    # ------------------------------------------------------------------ relation map

    def map_actor(self) -> str | None:
        """The actor the map starts from: the one shown or highlighted, else the event's first."""
        engine = getattr(self, "engine", None)
        if engine is None:
            return None
        detail = self.detail
        if detail.current_kind == "actor" and detail.current_id in engine.actors:
            return detail.current_id
        actors = self.actor_list
        if actors.has_focus and actors.highlighted is not None:
            return actors.highlighted.get("id")
        if getattr(self, "actor_id", None):
            return self.actor_id
        ev = self.selected_event()
        if ev is not None:
            for aid in engine.event_actor_ids(ev):
                if aid in engine.actors:
                    return aid
        return None

    def action_relation_map(self) -> None:
        from .screens.relation_map_screen import RelationMapScreen

        actor_id = self.map_actor()
        if actor_id is None:
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

    # ------------------------------------------------------------------ export

    def action_export(self) -> None:
        from .screens.export_screen import ExportScreen

        if getattr(self, "engine", None) is None:
            self.notify("the store is not loaded yet", severity="warning", markup=False)
            return
        self.app.push_screen(ExportScreen(self.engine, self.full_query()))

    # ------------------------------------------------------------------ density chart

    @property
    def density_chart(self) -> DensityChart | None:
        found = self.query(f"#{DENSITY_ID}")
        from .widgets.density import DensityChart

        return found.first(DensityChart) if found else None

    def action_density(self) -> None:
        """Cycle: hidden → per year → per month → hidden."""
        chart = self.density_chart
        if chart is None:
            from .widgets.density import DensityChart

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

    def on_search_done(self, message) -> None:
        """The chart follows every new result list.

        Textual calls the ``on_search_done`` of each class in the MRO, the most derived first,
        so this runs right after ``MainScreen.on_search_done`` has put the results in the
        timeline (a stale search leaves the timeline, and so the chart, as they were).
        """
        self.views_results_changed(self.timeline.events)

    def views_results_changed(self, events: Sequence[dict]) -> None:
        """Give the (shown) chart a new result list."""
        chart = self.density_chart
        if chart is not None and chart.display:
            chart.update_events(events)

    def on_density_chart_period_selected(self, message: DensityChart.PeriodSelected) -> None:
        message.stop()
        self.narrow_to_period(message.period_key, message.query)
        self.timeline.focus()

    def narrow_to_period(self, period_key: str, query: str) -> None:
        """Seam: narrow the results to one density bar.

        With a ``period`` field on ``Filters`` (a chip whose qualifier is
        ``graph.period_query(period)``) the period becomes a removable filter. Until then a
        year bar uses the year filters and a month bar adds its qualifier to the typed query.
        """
        filters = self.filters
        names = {f.name for f in fields(filters)}
        if "period" in names:
            self.apply_filters(filters.with_(period=period_key))
        elif len(period_key) == 4 or period_key.endswith("??"):
            year = int(period_key[:4])
            self.apply_filters(filters.with_(year_from=year, year_to=year))
        else:
            self.query_text = " ".join(p for p in (self.query_text.strip(), query) if p)
            bar = self.search_bar
            with bar.prevent(Input.Changed):  # the bar shows it; this call runs the search
                bar.value = self.query_text
            self.refresh_results(debounce=False)
