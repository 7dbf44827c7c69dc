"""The relation map screen: the map, and a panel about the highlighted actor.

Wide terminals (>= 100 columns) get the panel on the right; narrow ones get it as a few lines
under the map. The panel follows ``RelationMap.NodeHighlighted``: name, kind and country,
aliases, and how the actor relates to the centre (or, for the centre, its event count).
Esc dismisses the screen with the highlighted actor's id, so the opener can show that actor.
With ``report_to`` given, every ``Recentred`` is also posted there (a fresh message), so the
main screen's detail pane and history can follow while the map is open.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.content import Content
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..text import clean
from ..widgets.relation_map import RelationMap, relation_label

LEGEND = "── typed relation  ╌╌ shared events only  (n) events shared with the centre"


class RelationMapScreen(Screen[str | None]):
    """Hosts a ``RelationMap``; returns the highlighted actor id on Esc."""

    # Textual declares this an instance variable, so it cannot be annotated ClassVar here.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="map_close"),
        Binding("m", "close", "Close", show=False),
    ]

    DEFAULT_CSS = """
    RelationMapScreen {
        layout: vertical;
        #map-title { height: 1; padding: 0 1; text-style: bold; background: $boost; }
        #map-body { height: 1fr; layout: horizontal; }
        #map { width: 1fr; height: 1fr; }
        #map-panel {
            width: 38;
            height: 1fr;
            padding: 0 1;
            border-left: solid $primary 40%;
        }
        #map-legend { height: 1; padding: 0 1; color: $text-muted; }
        &.-narrow #map-body { layout: vertical; }
        &.-narrow #map-panel {
            width: 1fr;
            height: 4;
            border-left: none;
            border-top: solid $primary 40%;
        }
    }
    """

    def __init__(self, engine, actor_id: str, report_to: MessagePump | None = None) -> None:
        super().__init__()
        self.engine = engine
        self.start = actor_id
        self.report_to = report_to

    def compose(self) -> ComposeResult:
        yield Static(id="map-title", markup=False)
        with Container(id="map-body"):
            yield RelationMap(self.engine, self.start, id="map")
            yield Static(id="map-panel", markup=False)
        yield Static(Content(LEGEND), id="map-legend", markup=False)
        yield Footer()

    @property
    def relation_map(self) -> RelationMap:
        return self.query_one("#map", RelationMap)

    @property
    def panel_text(self) -> str:
        return str(self.query_one("#map-panel", Static).content)

    def on_mount(self) -> None:
        self.relation_map.focus()
        self._show_title()
        self._show_panel(self.relation_map.highlighted)

    def _show_title(self) -> None:
        m = self.relation_map
        centre = clean(self.engine.actor_name(m.centre)) if m.centre else ""
        n = len(m.neighbours)
        text = f"Relation map · {centre} · {n} neighbour" + ("" if n == 1 else "s")
        self.query_one("#map-title", Static).update(Content(text))

    def describe(self, actor_id: str | None) -> str:
        """Plain text about ``actor_id`` as seen from the current centre."""
        m = self.relation_map
        actor = self.engine.actors.get(actor_id) if actor_id else None
        if actor is None:
            return "no actor"
        name = clean(actor.get("name", actor_id))
        meta = " · ".join(clean(x) for x in (actor.get("kind"), actor.get("country")) if x)
        aliases = ", ".join(clean(a) for a in actor.get("aliases", ()) or () if clean(a))
        lines = [name, meta]
        if actor_id == m.centre:
            n = self.engine.event_count(actor_id)
            lines.append(
                f"centre: {n} event{'' if n == 1 else 's'}, "
                f"{len(m.neighbours)} neighbour{'' if len(m.neighbours) == 1 else 's'}"
            )
        else:
            nb = next((x for x in m.neighbours if x.actor_id == actor_id), None)
            centre = clean(self.engine.actor_name(m.centre))
            if nb is not None:
                label = relation_label(nb.relations)
                rel = f"{centre} {label} {name}" if label else f"no typed relation with {centre}"
                lines.append(
                    f"{rel}; {nb.shared_events} shared event{'' if nb.shared_events == 1 else 's'}"
                )
        if aliases:
            lines.append("also: " + aliases)
        return "\n".join(line for line in lines if line)

    def _show_panel(self, actor_id: str | None) -> None:
        self.query_one("#map-panel", Static).update(Content(self.describe(actor_id)))

    def on_relation_map_node_highlighted(self, message: RelationMap.NodeHighlighted) -> None:
        self._show_panel(message.actor_id)

    def on_relation_map_recentred(self, message: RelationMap.Recentred) -> None:
        self._show_title()
        if self.report_to is not None:
            self.report_to.post_message(RelationMap.Recentred(self.relation_map, message.actor_id))

    def action_close(self) -> None:
        self.dismiss(self.relation_map.highlighted)
