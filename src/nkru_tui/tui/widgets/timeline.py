"""The timeline pane: every event (or the ones a query matches) in date order.

A virtual list: it keeps a reference to the engine's result list and renders only the visible
rows, so 100k events scroll as quickly as ten. A row is ``mark date  sector  [status] title``;
the first row of each year shows its date in bold (the year grouping), the others dimmed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.message import Message

from ...core.textsearch import Marks
from ..text import (
    Terms,
    as_marks,
    clean,
    date_label,
    fit,
    line_segments,
    match_spans,
    sector_tag,
    status_tag,
    styled_parts,
)
from .vlist import VirtualList

DATE_W = 12
SECTOR_W = 10


class Timeline(VirtualList):
    """Events in date order. Say what happens with ``Highlighted`` and ``Selected``."""

    COMPONENT_CLASSES: ClassVar[set[str]] = VirtualList.COMPONENT_CLASSES | {
        "timeline--date",
        "timeline--year",
        "timeline--sector",
        "timeline--status",
        "timeline--match",
        "timeline--mark",
        "timeline--empty",
    }

    DEFAULT_CSS = """
    Timeline {
        & > .timeline--date { color: $text-muted; }
        & > .timeline--year { color: $text; text-style: bold; }
        & > .timeline--sector { color: $secondary; }
        & > .timeline--status { color: $warning; text-style: italic; }
        & > .timeline--match { color: $accent; text-style: bold underline; }
        & > .timeline--mark { color: $warning; }
        & > .timeline--empty { color: $text-muted; text-style: italic; }
    }
    """

    class Highlighted(Message):
        """The cursor rests on ``event``."""

        def __init__(self, timeline: Timeline, event: dict | None) -> None:
            super().__init__()
            self.timeline = timeline
            self.event = event

        @property
        def control(self) -> Timeline:
            return self.timeline

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, Timeline.Highlighted)

    class Selected(Message):
        """Enter on ``event``."""

        def __init__(self, timeline: Timeline, event: dict) -> None:
            super().__init__()
            self.timeline = timeline
            self.event = event

        @property
        def control(self) -> Timeline:
            return self.timeline

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._events: Sequence[dict] = ()
        self._terms: Marks = Marks()
        self._marks = None  # callable(event) -> str: the bookmark / note / own-record marker
        self.empty_text = "loading…"

    # ------------------------------------------------------------------ down: method calls

    @property
    def events(self) -> Sequence[dict]:
        return self._events

    @property
    def highlighted(self) -> dict | None:
        if 0 <= self.cursor < len(self._events):
            return self._events[self.cursor]
        return None

    def set_events(
        self, events: Sequence[dict], terms: Terms | None = None, keep: str | None = None
    ) -> None:
        """Show ``events`` (not copied); keep the cursor on event id ``keep`` if present."""
        if keep is None and self.highlighted is not None:
            keep = self.highlighted["id"]
        self._events = events
        self._terms = as_marks(terms or ())
        self.empty_text = "no matching events"
        index = self.index_of(keep) if keep else None
        self.set_count(len(events), index or 0)

    def set_marks(self, marks) -> None:
        """``marks(event) -> str`` of at most two cells (★ bookmark, ✎ note), or None."""
        self._marks = marks
        self.refresh()

    def index_of(self, event_id: str) -> int | None:
        find = getattr(self._events, "index_of", None)
        if find is not None:  # a large store's lazy result: found without reading rows
            return find(event_id)
        for i, ev in enumerate(self._events):
            if ev.get("id") == event_id:
                return i
        return None

    def move_to(self, event_id: str) -> bool:
        index = self.index_of(event_id)
        if index is None:
            return False
        self.cursor = index
        return True

    # ------------------------------------------------------------------ up: messages

    def on_virtual_list_cursor_moved(self, message: VirtualList.CursorMoved) -> None:
        if message.vlist is not self:
            return
        message.stop()
        self.post_message(self.Highlighted(self, self.highlighted))

    def on_virtual_list_chosen(self, message: VirtualList.Chosen) -> None:
        if message.vlist is not self:
            return
        message.stop()
        if 0 <= message.index < len(self._events):
            self.post_message(self.Selected(self, self._events[message.index]))

    # ------------------------------------------------------------------ rendering

    def render_line(self, y: int):
        if not self._count and y == 0:
            from textual.strip import Strip

            width = self.scrollable_content_region.width
            style = self.rich_style + self.get_component_rich_style("timeline--empty", partial=True)
            return Strip(
                line_segments([(" " + self.empty_text, style)], max(0, width), self.rich_style)
            )
        return super().render_line(y)

    def render_row(self, index: int, width: int, base: Style) -> list[Segment]:
        ev = self._events[index]
        style = self.get_component_rich_style
        date = date_label(ev, DATE_W)
        prev = self._events[index - 1] if index else None
        new_year = prev is None or str(prev.get("date", ""))[:4] != str(ev.get("date", ""))[:4]
        date_style = base + style("timeline--year" if new_year else "timeline--date", partial=True)
        mark = self._marks(ev) if self._marks else ""
        parts: list[tuple[str, Style]] = [
            ((mark or " ")[:1] + " ", base + style("timeline--mark", partial=True)),
            (fit(date, DATE_W) + " ", date_style),
        ]
        if width >= 44:
            parts.append(
                (
                    fit(sector_tag(ev), SECTOR_W) + " ",
                    base + style("timeline--sector", partial=True),
                )
            )
        tag = status_tag(ev)
        if tag:
            parts.append((f"‹{tag}› ", base + style("timeline--status", partial=True)))
        title = clean(ev.get("title", ""))
        if ev.get("user"):
            title = "(mine) " + title
        spans = match_spans(title, self._terms)
        parts.extend(styled_parts(title, base, spans, style("timeline--match", partial=True)))
        return line_segments(parts, width, base)
