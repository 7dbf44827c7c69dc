"""The actors pane: name, kind, country and event count; sorted by name or by count (``s``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive

from ..text import clean, fit, line_segments
from .vlist import VirtualList

KIND_W = 8
COUNT_W = 5


class ActorList(VirtualList):
    """Actors; Enter posts ``ActorList.Selected``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "toggle_sort", "Sort", id="sort_actors"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = VirtualList.COMPONENT_CLASSES | {
        "actor-list--meta",
        "actor-list--count",
        "actor-list--active",
    }

    DEFAULT_CSS = """
    ActorList {
        & > .actor-list--meta { color: $text-muted; }
        & > .actor-list--count { color: $secondary; }
        & > .actor-list--active { text-style: bold underline; }
    }
    """

    sort_by: reactive[str] = reactive("name", init=False)

    class Selected(Message):
        """Enter on ``actor``."""

        def __init__(self, actor_list: ActorList, actor: dict) -> None:
            super().__init__()
            self.actor_list = actor_list
            self.actor = actor

        @property
        def control(self) -> ActorList:
            return self.actor_list

    class SortChanged(Message):
        def __init__(self, sort_by: str) -> None:
            super().__init__()
            self.sort_by = sort_by

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._source: Sequence[dict] = ()
        self._actors: list[dict] = []
        self._counts: Mapping[str, int] = {}
        self.active_id: str | None = None
        self._marks = None  # callable(actor) -> str: ★ bookmark, ✎ note (the user's layer)

    def set_marks(self, marks) -> None:
        """``marks(actor) -> str``: a one-cell marker shown before each name."""
        self._marks = marks
        self.refresh()

    @property
    def actors(self) -> list[dict]:
        return self._actors

    @property
    def highlighted(self) -> dict | None:
        if 0 <= self.cursor < len(self._actors):
            return self._actors[self.cursor]
        return None

    def set_actors(self, actors: Sequence[dict], counts: Mapping[str, int]) -> None:
        """Show ``actors`` with their event ``counts``; the cursor stays on the same actor."""
        keep = self.highlighted["id"] if self.highlighted else None
        self._source = actors
        self._counts = counts
        self._resort(keep)

    def set_active(self, actor_id: str | None) -> None:
        """Mark the actor that narrows the timeline (or none)."""
        self.active_id = actor_id
        self.refresh()

    def move_to(self, actor_id: str) -> bool:
        for i, a in enumerate(self._actors):
            if a.get("id") == actor_id:
                self.cursor = i
                return True
        return False

    def _resort(self, keep: str | None) -> None:
        if self.sort_by == "count":
            self._actors = sorted(self._source, key=lambda a: -self._counts.get(a["id"], 0))
        else:
            self._actors = list(self._source)  # the engine gives name order
        index = 0
        if keep:
            for i, a in enumerate(self._actors):
                if a.get("id") == keep:
                    index = i
                    break
        self.set_count(len(self._actors), index)

    def watch_sort_by(self) -> None:
        keep = self.highlighted["id"] if self.highlighted else None
        self._resort(keep)
        self.post_message(self.SortChanged(self.sort_by))

    def action_toggle_sort(self) -> None:
        self.sort_by = "count" if self.sort_by == "name" else "name"
        self.notify(f"actors sorted by {self.sort_by}", timeout=2)

    def on_virtual_list_chosen(self, message: VirtualList.Chosen) -> None:
        if message.vlist is not self:
            return
        message.stop()
        if 0 <= message.index < len(self._actors):
            self.post_message(self.Selected(self, self._actors[message.index]))

    def on_virtual_list_cursor_moved(self, message: VirtualList.CursorMoved) -> None:
        if message.vlist is self:
            message.stop()

    def render_row(self, index: int, width: int, base: Style) -> list[Segment]:
        a = self._actors[index]
        meta = base + self.get_component_rich_style("actor-list--meta", partial=True)
        name_style = base
        if a.get("id") == self.active_id:
            name_style = base + self.get_component_rich_style("actor-list--active", partial=True)
        count = str(self._counts.get(a["id"], 0)).rjust(COUNT_W - 1) + " "
        mark = ((self._marks(a) if self._marks else "") or " ")[:1]
        tail_w = KIND_W + 4 + COUNT_W
        if width < 28:
            name_w = max(1, width - COUNT_W - 2)
            parts = [(mark + " ", meta), (fit(clean(a.get("name", "")), name_w), name_style)]
        else:
            name_w = width - tail_w - 2
            parts = [
                (mark + " ", meta),
                (fit(clean(a.get("name", "")), name_w - 1) + " ", name_style),
                (fit(clean(a.get("kind", "")), KIND_W) + " ", meta),
                (fit(clean(a.get("country") or "-"), 3), meta),
            ]
        parts.append(
            (count, base + self.get_component_rich_style("actor-list--count", partial=True))
        )
        return line_segments(parts, width, base)
