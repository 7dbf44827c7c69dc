"""The density chart: events per year (zoomed out) or per month (zoomed in), split by sector.

Four rows by default (the bar rows grow with the widget's height)::

    ▁              ▁ ▁   ▁▁▃▅█▁       bars: one column a period, stacked by sector
    ▁              ▁ ▁   ▁▁▓▓█▁
    1950      1990      2010  2020    the axis: a label where a decade / year begins
    2025 · 47 events  █diplomacy 19 ▓tourism 8 ▒transport 2 ░military 5 ▞other 13 · year

The counts are ``core.graph.density``'s (an event counts once, in the period of its start
date, under its first sector), over whatever events the screen gives ``update_events``. The
four most frequent sectors of those events get a shade each (█ ▓ ▒ ░) and the rest share ▞,
so sectors stay apart without colour; with colour each also has its own colour. A bar's top
cell is an eighth block (▁..▇) for precision. The last row is both the legend and the
cursor bar's breakdown; it says how many of the bar's events are windows ("(2 may be
later)"): a window counts under its start, as ``date:`` finds it, but may have happened later.

Keys: ←/→ (h/l) move the bar cursor, shift+←/→ jump to the previous/next non-empty bar,
Home/End, + (month) / - (year) zoom, Enter posts ``PeriodSelected`` with the period key and
its query qualifier (``core.graph.period_query``). More periods than columns: the chart
scrolls to keep the cursor in view, with ◀ / ▶ on the axis saying there is more.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from math import ceil
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from ...core import graph
from ..text import line_segments
from .vlist import focus_cursor_style

SLOT_CHARS = ("█", "▓", "▒", "░", "▞")
EIGHTHS = "▁▂▃▄▅▆▇"
TOP_SECTORS = len(SLOT_CHARS) - 1
OTHER = "other"


def period_label(key: str) -> str:
    """``2025``, ``2025-07``, or ``2025 (no month)`` for year-only dates."""
    return f"{key[:4]} (no month)" if key.endswith("??") else key


class DensityChart(Widget, can_focus=True):
    """A compact bar chart of events over time; ``update_events(events)`` to follow a query."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "cursor(-1)", "Earlier", show=False),
        Binding("h", "cursor(-1)", "Earlier", show=False),
        Binding("right", "cursor(1)", "Later", show=False),
        Binding("l", "cursor(1)", "Later", show=False),
        Binding("shift+left", "jump(-1)", "Previous non-empty", show=False),
        Binding("shift+right", "jump(1)", "Next non-empty", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("plus", "zoom('month')", "Months", id="density_months"),
        Binding("equals_sign", "zoom('month')", "Months", show=False),
        Binding("minus", "zoom('year')", "Years", id="density_years"),
        Binding("enter", "select", "Narrow to period", id="density_select"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "density--s0",
        "density--s1",
        "density--s2",
        "density--s3",
        "density--s4",
        "density--axis",
        "density--label",
        "density--count",
        "density--cursor",
        "density--cursor-blurred",
        "density--empty",
        "density--more",
    }

    DEFAULT_CSS = """
    DensityChart {
        height: 4;
        min-height: 3;
        & > .density--s0 { color: $primary; }
        & > .density--s1 { color: $success; }
        & > .density--s2 { color: $accent; }
        & > .density--s3 { color: $error; }
        & > .density--s4 { color: $text-muted; }
        & > .density--axis { color: $text-muted; }
        & > .density--label { text-style: bold; }
        & > .density--count { text-style: bold; }
        & > .density--more { color: $accent; text-style: bold; }
        & > .density--empty { color: $text-muted; text-style: italic; }
        & > .density--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: bold;
        }
        & > .density--cursor-blurred {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
        }
    }
    """

    class PeriodSelected(Message):
        """Enter on the bar for ``period_key``; ``query`` narrows to it."""

        def __init__(self, chart: DensityChart, period_key: str, query: str, count: int) -> None:
            super().__init__()
            self.chart = chart
            self.period_key = period_key
            self.query = query
            self.count = count

        @property
        def control(self) -> DensityChart:
            return self.chart

    def __init__(
        self,
        events: Sequence[dict] = (),
        by: str = "year",
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.by = by
        self._events: Sequence[dict] = events
        self.bars: list[tuple[str, Counter[str]]] = []
        self.windows: Counter[str] = Counter()
        self.slots: list[str] = []  # the top sectors; index = shade
        self.cursor = 0
        self.first = 0  # the first bar on screen
        self._compute(keep=None)

    # ------------------------------------------------------------------ down: method calls

    def update_events(self, events: Sequence[dict]) -> None:
        """Follow a new result list (the cursor stays on its period if it still exists)."""
        keep = self.cursor_key
        self._events = events
        self._compute(keep)
        self.refresh()

    def set_zoom(self, by: str) -> None:
        """``year`` or ``month``; the cursor stays on the same time."""
        if by not in ("year", "month") or by == self.by:
            return
        key = self.cursor_key
        self.by = by
        if key is None:
            self._compute(None)
        elif by == "month":
            # the first month of that year with events (or its first month)
            year = key[:4]
            self._compute(None)
            keys = [k for k, c in self.bars if k.startswith(year)]
            busy = [k for k, c in self.bars if k.startswith(year) and c.total()]
            target = (busy or keys)[0] if (busy or keys) else None
            if target is not None:
                self.cursor = self._index(target)
        else:
            self._compute(key[:4])
        self._reveal()
        self.refresh()

    def toggle_zoom(self) -> None:
        self.set_zoom("month" if self.by == "year" else "year")

    @property
    def cursor_key(self) -> str | None:
        return self.bars[self.cursor][0] if 0 <= self.cursor < len(self.bars) else None

    @property
    def cursor_count(self) -> int:
        return sum(self.bars[self.cursor][1].values()) if 0 <= self.cursor < len(self.bars) else 0

    def counts(self) -> dict[str, int]:
        """``{period_key: events}`` for every bar (for tests and the status line)."""
        return {k: sum(c.values()) for k, c in self.bars}

    def _index(self, key: str) -> int:
        for i, (k, _) in enumerate(self.bars):
            if k == key:
                return i
        return 0

    def _compute(self, keep: str | None) -> None:
        light = getattr(self._events, "light_counts", None)  # a large store's lazy result
        weighted = light() if light is not None else [(ev, 1) for ev in self._events]
        self.bars = graph.density_of(weighted, by=self.by)
        self.windows = graph.window_counts_of(weighted, by=self.by)
        totals: Counter[str] = Counter()
        for _, c in self.bars:
            totals.update(c)
        ranked = sorted(totals, key=lambda s: (-totals[s], s))
        self.slots = ranked[:TOP_SECTORS]
        if len(ranked) > TOP_SECTORS:
            self.slots.append(OTHER)
        keys = [k for k, _ in self.bars]
        if keep is not None and keep in keys:
            self.cursor = keys.index(keep)
        else:
            busy = [i for i, (_, c) in enumerate(self.bars) if sum(c.values())]
            self.cursor = busy[-1] if busy else max(0, len(self.bars) - 1)
        self._reveal()

    # ------------------------------------------------------------------ keys

    def _bar_room(self) -> int:
        return max(1, self.size.width)

    def _geometry(self) -> tuple[int, int]:
        """(cells per period, bar cells) for the widget's width."""
        n = max(1, len(self.bars))
        per = max(1, min(4, self._bar_room() // n))
        return per, (per - 1 if per >= 3 else 1)

    def _visible(self) -> int:
        per, _ = self._geometry()
        return max(1, self._bar_room() // per)

    def _reveal(self) -> None:
        visible = self._visible()
        if self.cursor < self.first:
            self.first = self.cursor
        elif self.cursor >= self.first + visible:
            self.first = self.cursor - visible + 1
        self.first = max(0, min(self.first, max(0, len(self.bars) - visible)))

    def on_resize(self, event: events.Resize) -> None:
        self._reveal()

    def _move(self, index: int) -> None:
        if not self.bars:
            return
        self.cursor = max(0, min(index, len(self.bars) - 1))
        self._reveal()
        self.refresh()

    def action_cursor(self, step: int) -> None:
        self._move(self.cursor + step)

    def action_jump(self, step: int) -> None:
        i = self.cursor + step
        while 0 <= i < len(self.bars):
            if sum(self.bars[i][1].values()):
                self._move(i)
                return
            i += step
        self.app.bell()

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        self._move(len(self.bars) - 1)

    def action_zoom(self, by: str) -> None:
        self.set_zoom(by)

    def action_select(self) -> None:
        key = self.cursor_key
        if key is not None:
            self.post_message(
                self.PeriodSelected(self, key, graph.period_query(key), self.cursor_count)
            )

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        self.focus()
        per, _ = self._geometry()
        index = self.first + offset.x // per
        if 0 <= index < len(self.bars):
            again = index == self.cursor or event.chain > 1
            self._move(index)
            if again:
                self.action_select()

    def _on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh()

    # ------------------------------------------------------------------ rendering

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def cursor_style(self) -> Style:
        return focus_cursor_style(self, "density--cursor")

    def _slot_of(self, sector: str) -> int:
        try:
            return self.slots.index(sector)
        except ValueError:
            return len(self.slots) - 1

    def _stack(self, counter: Counter[str]) -> list[tuple[int, int]]:
        """``(slot, n)`` bottom-up: the most frequent sectors at the bottom."""
        per_slot: Counter[int] = Counter()
        for sector, n in counter.items():
            per_slot[self._slot_of(sector)] += n
        return sorted(per_slot.items())

    def _bar_cells(self, counter: Counter[str], rows: int, peak: int) -> list[tuple[str, int]]:
        """``(char, slot)`` for each bar row, bottom-up (slot -1: blank)."""
        total = sum(counter.values())
        if not total or not peak:
            return [(" ", -1)] * rows
        height = max(1, ceil(total / peak * rows * 8))  # in eighths of a cell
        bounds: list[tuple[float, int]] = []  # (top edge in eighths, slot)
        acc = 0
        for slot, n in self._stack(counter):
            acc += n
            bounds.append((acc / total * height, slot))

        def slot_at(level: float) -> int:
            for top, slot in bounds:
                if level < top:
                    return slot
            return bounds[-1][1]

        cells: list[tuple[str, int]] = []
        for r in range(rows):
            lo = r * 8
            if height >= lo + 8:
                slot = slot_at(lo + 4)
                cells.append((SLOT_CHARS[slot], slot))
            elif height > lo:
                part = height - lo
                cells.append((EIGHTHS[part - 1], slot_at(lo + part / 2)))
            else:
                cells.append((" ", -1))
        return cells

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        height = self.size.height
        base = self.rich_style
        if width <= 0:
            return Strip.blank(0)
        if not self.bars:
            parts = (
                [(" no dated events to chart", base + self._style("density--empty"))]
                if y == 0
                else []
            )
            return Strip(line_segments(parts, width, base), width)
        if y == 0:
            self._reveal()  # the width may have changed since the cursor last moved
        bar_rows = max(1, height - 2)
        if y < bar_rows:
            return Strip(self._bar_row(bar_rows - 1 - y, bar_rows, width, base), width)
        if y == bar_rows:
            return Strip(self._axis_row(width, base), width)
        if y == bar_rows + 1:
            return Strip(line_segments(self._info_parts(width, base), width, base), width)
        return Strip.blank(width, base)

    def _bar_row(self, r: int, rows: int, width: int, base: Style) -> list[Segment]:
        per, cells = self._geometry()
        visible = self.bars[self.first : self.first + self._visible()]
        peak = max((sum(c.values()) for _, c in self.bars), default=0)
        cursor = self.cursor_style()
        out: list[Segment] = []
        for i, (_, counter) in enumerate(visible):
            char, slot = self._bar_cells(counter, rows, peak)[r]
            style = base + (self._style(f"density--s{slot}") if slot >= 0 else Style())
            if self.first + i == self.cursor:
                style += cursor
            out.append(Segment(char * cells, style))
            if per > cells:
                out.append(Segment(" " * (per - cells), base))
        used = sum(cell_len(s.text) for s in out)
        if used < width:
            out.append(Segment(" " * (width - used), base))
        return out

    def _axis_row(self, width: int, base: Style) -> list[Segment]:
        per, _ = self._geometry()
        visible = self.bars[self.first : self.first + self._visible()]
        row = [" "] * width
        more_left = self.first > 0
        last_end = 1 if more_left else -1
        for i, (key, _) in enumerate(visible):
            prev = self.bars[self.first + i - 1][0] if self.first + i else None
            if self.by == "year":
                tick = i == 0 or key.endswith("0")
                label = key
            else:
                tick = i == 0 or prev is None or prev[:4] != key[:4]
                label = key[:4]
            x = i * per
            if tick and x > last_end and x + len(label) <= width:
                row[x : x + len(label)] = list(label)
                last_end = x + len(label)
            elif key.endswith("??") and x > last_end and x < width:
                row[x] = "?"  # a bar of events dated only to the year
        more_right = self.first + len(visible) < len(self.bars)
        if more_left:
            row[0] = "◀"
        if more_right:
            row[width - 1] = "▶"
        axis = base + self._style("density--axis")
        more = base + self._style("density--more")
        styles = [axis] * width
        if more_left:
            styles[0] = more
        if more_right:
            styles[width - 1] = more
        # the cursor's column runs on through the axis row, so it shows under a short bar too
        _, cells = self._geometry()
        x0 = (self.cursor - self.first) * per
        for x in range(max(0, x0), min(width, x0 + cells)):
            styles[x] = styles[x] + self.cursor_style()
        segs: list[Segment] = []
        for x, ch in enumerate(row):
            if segs and segs[-1].style == styles[x]:
                segs[-1] = Segment(segs[-1].text + ch, styles[x])
            else:
                segs.append(Segment(ch, styles[x]))
        return segs

    def _info_parts(self, width: int, base: Style) -> list[tuple[str, Style]]:
        key = self.cursor_key or ""
        counter = self.bars[self.cursor][1] if self.bars else Counter()
        n = sum(counter.values())
        per_slot = dict(self._stack(counter))
        parts: list[tuple[str, Style]] = [
            (period_label(key), base + self._style("density--label")),
            (f" · {n} event" + ("" if n == 1 else "s") + " ", base + self._style("density--count")),
        ]
        w = self.windows.get(key, 0)
        if w:  # windows count under their start; they may have happened later
            parts.append((f"({w} may be later) ", base + self._style("density--axis")))
        head = sum(cell_len(t) for t, _ in parts)
        mode = f" · by {self.by}"
        for cut in (None, 5, 3):  # full sector names, then shortened, to fit the width
            items = []
            for slot, sector in enumerate(self.slots):
                name = sector if cut is None else sector[:cut]
                items.append((f" {SLOT_CHARS[slot]}{name} {per_slot.get(slot, 0)}", slot))
            if head + sum(cell_len(t) for t, _ in items) + len(mode) <= width or cut == 3:
                break
        for text, slot in items:
            parts.append((text, base + self._style(f"density--s{slot}")))
        parts.append((mode, base + self._style("density--axis")))
        return parts
