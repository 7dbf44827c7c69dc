"""The relation map: one actor's neighbourhood drawn with box-drawing characters.

The centre actor is a box on the left; a trunk runs down beside it and each neighbour is one
spoke, a row that reads as a sentence from the centre::

    ┌────────────────┐ ┌─ met, signed with ───▶ [Vladimir Putin] (4)
    │ Kim Jong Un    ├─┼─ leads ───────────────▶ [North Korea] (3)
    │ person · KP    │ ├─ met by ──────────────▶ [Sergei Shoigu] (2)
    │ 9 events       │ ├╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌ [Pyongyang] (3)
    └────────────────┘ └╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌ [Ygur] (1)

A solid spoke carries typed relations (worded from the centre: ``leads``, ``led by``); a dashed
one means the two only share events. ``(n)`` is the number of events they share. The neighbours
come from ``core.graph.neighbourhood`` in its order. The box stays in place while the spokes
scroll, so a long neighbourhood stays readable at 80x24.

Keys: ↑/↓ (k/j) move between nodes, ←/h to the centre, →/l back to the spokes, Enter makes the
highlighted node the centre, Backspace returns to the previous centre. Messages up:
``NodeHighlighted`` (merged in floods) and ``Recentred``. The highlighted node is reverse and
bold, so it shows without colour; the centre, when highlighted, also gets a heavy box.
Every name and label is plain text (never markup) and is cut by terminal cells.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...core import graph
from ..text import clean, fit, line_segments
from .vlist import focus_cursor_style

# How each relation type reads from the centre: (centre is subject, centre is object).
PHRASES: dict[str, tuple[str, str]] = {
    "leads": ("leads", "led by"),
    "member_of": ("member of", "has member"),
    "part_of": ("part of", "includes"),
    "met": ("met", "met"),
    "signed_with": ("signed with", "signed with"),
    "operates": ("operates", "operated by"),
    "visited": ("visited", "visited by"),
    "hosted": ("hosted", "hosted by"),
    "allied_with": ("allied with", "allied with"),
    "located_in": ("located in", "contains"),
    "founded": ("founded", "founded by"),
    "supports": ("supports", "supported by"),
    "condemned": ("condemned", "condemned by"),
    "opposes": ("opposes", "opposed by"),
    "cooperates_with": ("cooperates with", "cooperates with"),
}

BOX_LIGHT = "┌┐└┘─│"
BOX_HEAVY = "┏┓┗┛━┃"
BOX_ROWS = 5  # top, name, kind · country, events, bottom
CONNECT_ROW = 1  # the box joins the trunk beside the name

# (up, down, left, right) -> the junction on the trunk
JUNCTIONS = {
    (False, True, False, True): "┌",
    (False, True, True, True): "┬",
    (True, False, False, True): "└",
    (True, False, True, True): "┴",
    (True, True, False, True): "├",
    (True, True, True, True): "┼",
    (True, True, True, False): "┤",
    (True, True, False, False): "│",
    (False, True, True, False): "┐",
    (True, False, True, False): "┘",
    (False, False, True, True): "─",
    (False, False, False, True): "─",
    (False, False, True, False): "─",
}


def relation_label(relations: list[tuple[str, str]]) -> str:
    """``met, signed with``: each typed relation worded from the centre, once each."""
    out: list[str] = []
    for rtype, direction in relations:
        words = PHRASES.get(rtype)
        if words is None:
            base = clean(str(rtype).replace("_", " "))
            words = (base, base + " (by)")
        phrase = words[0] if direction == "out" else words[1]
        if phrase not in out:
            out.append(phrase)
    return ", ".join(out)


class RelationMap(ScrollView, can_focus=True):
    """A centre actor and its neighbours; ``set_centre(actor_id)`` to draw one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("left", "to_centre", "Centre", show=False),
        Binding("h", "to_centre", "Centre", show=False),
        Binding("right", "to_spokes", "Neighbours", show=False),
        Binding("l", "to_spokes", "Neighbours", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("enter", "recentre", "Make centre", id="map_recentre"),
        Binding("backspace", "back", "Previous centre", id="map_back"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "relation-map--box",
        "relation-map--name",
        "relation-map--meta",
        "relation-map--line",
        "relation-map--shared",
        "relation-map--label",
        "relation-map--node",
        "relation-map--weight",
        "relation-map--cursor",
        "relation-map--cursor-blurred",
        "relation-map--empty",
    }

    DEFAULT_CSS = """
    RelationMap {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        & > .relation-map--box { color: $accent; }
        & > .relation-map--name { text-style: bold; }
        & > .relation-map--meta { color: $text-muted; }
        & > .relation-map--line { color: $primary; }
        & > .relation-map--shared { color: $text-muted; }
        & > .relation-map--label { color: $text; }
        & > .relation-map--node { text-style: bold; }
        & > .relation-map--weight { color: $text-muted; }
        & > .relation-map--empty { color: $text-muted; text-style: italic; }
        & > .relation-map--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: bold;
        }
        & > .relation-map--cursor-blurred {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
        }
    }
    """

    class NodeHighlighted(Message):
        """The highlight rests on ``actor_id`` (the centre or a neighbour)."""

        def __init__(self, relation_map: RelationMap, actor_id: str) -> None:
            super().__init__()
            self.relation_map = relation_map
            self.actor_id = actor_id

        @property
        def control(self) -> RelationMap:
            return self.relation_map

        def can_replace(self, message: Message) -> bool:
            return (
                isinstance(message, RelationMap.NodeHighlighted)
                and message.relation_map is self.relation_map
            )

    class Recentred(Message):
        """``actor_id`` is now the centre."""

        def __init__(self, relation_map: RelationMap, actor_id: str) -> None:
            super().__init__()
            self.relation_map = relation_map
            self.actor_id = actor_id

        @property
        def control(self) -> RelationMap:
            return self.relation_map

    def __init__(
        self,
        engine,
        centre: str | None = None,
        *,
        limit: int = 24,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.engine = engine
        self.limit = limit
        self.centre: str | None = None
        self.neighbours: list[graph.Neighbour] = []
        self.cursor = -1  # -1: the centre; 0..n-1: a neighbour
        self.trail: list[str] = []  # earlier centres, for Backspace
        if centre is not None:
            self._load(centre)

    # ------------------------------------------------------------------ down: method calls

    @property
    def highlighted(self) -> str | None:
        """The actor id under the highlight."""
        if 0 <= self.cursor < len(self.neighbours):
            return self.neighbours[self.cursor].actor_id
        return self.centre

    def set_centre(self, actor_id: str, remember: bool = True) -> bool:
        """Draw ``actor_id``'s neighbourhood with the highlight on the centre."""
        if self.engine is None or actor_id not in self.engine.actors:
            return False
        if remember and self.centre and self.centre != actor_id:
            self.trail.append(self.centre)
        self._load(actor_id)
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()
        self.post_message(self.NodeHighlighted(self, actor_id))
        return True

    def move_to(self, actor_id: str) -> bool:
        """Put the highlight on ``actor_id`` if it is the centre or a neighbour."""
        if actor_id == self.centre:
            self._set_cursor(-1)
            return True
        for i, nb in enumerate(self.neighbours):
            if nb.actor_id == actor_id:
                self._set_cursor(i)
                return True
        return False

    def _load(self, actor_id: str) -> None:
        self.centre = actor_id
        self.neighbours = graph.neighbourhood(self.engine, actor_id, limit=self.limit)
        self.cursor = -1
        self._spoke_cursor = 0
        self.virtual_size = Size(0, max(len(self.neighbours), BOX_ROWS))

    # ------------------------------------------------------------------ keys

    def _set_cursor(self, index: int) -> None:
        index = max(-1, min(index, len(self.neighbours) - 1))
        if index == self.cursor:
            return
        self.cursor = index
        if index >= 0:
            self._spoke_cursor = index
            self.scroll_to_region(Region(0, index, 1, 1), animate=False, force=True, immediate=True)
        self.refresh()
        target = self.highlighted
        if target:
            self.post_message(self.NodeHighlighted(self, target))

    def action_cursor_up(self) -> None:
        self._set_cursor(self.cursor - 1)

    def action_cursor_down(self) -> None:
        self._set_cursor(self.cursor + 1)

    def action_to_centre(self) -> None:
        self._set_cursor(-1)

    def action_to_spokes(self) -> None:
        if self.cursor < 0 and self.neighbours:
            self._set_cursor(min(self._spoke_cursor, len(self.neighbours) - 1))

    def action_first(self) -> None:
        self._set_cursor(-1)

    def action_last(self) -> None:
        self._set_cursor(len(self.neighbours) - 1)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def action_page_up(self) -> None:
        self._set_cursor(max(0, self.cursor - self._page()) if self.cursor >= 0 else -1)

    def action_page_down(self) -> None:
        self._set_cursor(self.cursor + self._page())

    def action_recentre(self) -> None:
        target = self.highlighted
        if target and target != self.centre and self.set_centre(target):
            self.post_message(self.Recentred(self, target))

    def action_back(self) -> None:
        while self.trail:
            previous = self.trail.pop()
            if self.set_centre(previous, remember=False):
                self.post_message(self.Recentred(self, previous))
                return
        self.app.bell()

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        self.focus()
        box_w = self._box_width(self.scrollable_content_region.width)
        if offset.x <= box_w and offset.y < BOX_ROWS:
            self._set_cursor(-1)
            return
        index = offset.y + int(self.scroll_offset.y)
        if 0 <= index < len(self.neighbours):
            if index == self.cursor or event.chain > 1:
                self._set_cursor(index)
                self.action_recentre()
            else:
                self._set_cursor(index)

    def _on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh()

    # ------------------------------------------------------------------ rendering

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def cursor_style(self) -> Style:
        return focus_cursor_style(self, "relation-map--cursor")

    def _box_width(self, width: int) -> int:
        if self.centre is None:
            return 0
        name = clean(self.engine.actor_name(self.centre))
        cap = 30 if width >= 110 else 22 if width >= 70 else max(12, width // 3)
        return max(14, min(cell_len(name) + 4, cap))

    def _box_lines(self, box_w: int) -> list[str]:
        actor = self.engine.actors.get(self.centre, {})
        inner = box_w - 4
        meta = " · ".join(clean(x) for x in (actor.get("kind"), actor.get("country")) if x)
        n = self.engine.event_count(self.centre)
        return [
            fit(clean(actor.get("name", self.centre)), inner),
            fit(meta, inner),
            fit(f"{n} event" + ("" if n == 1 else "s"), inner),
        ]

    def _label_width(self, spokes_w: int) -> int:
        widest = max((cell_len(relation_label(nb.relations)) for nb in self.neighbours), default=0)
        return max(6, min(widest, spokes_w * 2 // 5))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if width <= 0:
            return Strip.blank(0)
        if self.centre is None:
            return Strip(
                line_segments(
                    [(" no actor", base + self._style("relation-map--empty"))] if y == 0 else [],
                    width,
                    base,
                ),
                width,
            )
        box_w = self._box_width(width)
        parts: list[tuple[str, Style]] = [(" ", base)]
        parts += self._box_part(y, box_w, base)
        parts += self._spoke_part(y, box_w, width - 1 - box_w, base)
        return Strip(line_segments(parts, width, base), width)

    def _box_part(self, y: int, box_w: int, base: Style) -> list[tuple[str, Style]]:
        """The centre box's cells on screen row ``y`` (the box does not scroll)."""
        if y >= BOX_ROWS:
            return [(" " * box_w, base)]
        on = self.cursor < 0
        tl, tr, bl, br, h, v = tuple(BOX_HEAVY if on else BOX_LIGHT)
        box = base + self._style("relation-map--box")
        if y == 0:
            return [(tl + h * (box_w - 2) + tr, box)]
        if y == BOX_ROWS - 1:
            return [(bl + h * (box_w - 2) + br, box)]
        text = self._box_lines(box_w)[y - 1]
        if y == 1:
            style = base + self._style("relation-map--name")
            if on:
                style += self.cursor_style()
        else:
            style = base + self._style("relation-map--meta")
        right = v
        if y == CONNECT_ROW and self.neighbours:
            right = "┣" if on else "├"
        return [(v + " ", box), (text, style), (" " + right, box)]

    def _spoke_part(self, y: int, box_w: int, room: int, base: Style) -> list[tuple[str, Style]]:
        n = len(self.neighbours)
        line = base + self._style("relation-map--line")
        if n == 0:
            if y == CONNECT_ROW:
                return [
                    (
                        "  no typed relations or shared events",
                        base + self._style("relation-map--empty"),
                    )
                ]
            return []
        oy = int(self.scroll_offset.y)
        index = y + oy
        top, bottom = min(CONNECT_ROW, -oy), max(CONNECT_ROW, n - 1 - oy)
        gap = "─" if y == CONNECT_ROW else " "
        if not top <= y <= bottom:
            return [(gap + " ", line)]
        has_spoke = 0 <= index < n
        key = (y > top, y < bottom, y == CONNECT_ROW, has_spoke)
        junction = JUNCTIONS.get(key, "│")
        parts: list[tuple[str, Style]] = [(gap + junction, line)]
        if not has_spoke:
            return parts
        nb = self.neighbours[index]
        spokes_w = room - 2
        label_w = self._label_width(spokes_w)
        label = relation_label(nb.relations)
        weight = f" ({nb.shared_events})"
        name_w = max(4, spokes_w - label_w - 9 - cell_len(weight))
        name = fit(clean(self.engine.actor_name(nb.actor_id)), name_w).rstrip()
        if label:
            shown = fit(label, label_w).rstrip()
            fill = "─" * (label_w - cell_len(shown) + 2)
            parts += [
                ("─ ", line),
                (shown, base + self._style("relation-map--label")),
                (" " + fill + "▶ ", line),
            ]
        else:
            dashed = base + self._style("relation-map--shared")
            parts += [("╌" * (label_w + 6) + " ", dashed)]
        node = base + self._style("relation-map--node")
        weight_style = base + self._style("relation-map--weight")
        if index == self.cursor:
            cursor = self.cursor_style()
            node, weight_style = node + cursor, weight_style + cursor
        parts += [("[" + name + "]", node), (weight, weight_style)]
        return parts
