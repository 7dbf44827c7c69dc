"""A virtual list: a ``ScrollView`` that renders only the rows on screen (the Line API).

The timeline and the actor list build on it, so 100k rows cost what 30 rows cost: the list
keeps a reference to the caller's sequence and asks ``render_row`` for each visible line.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

CURSOR_NO_COLOR = Style(reverse=True, bold=True)
CURSOR_BLURRED_NO_COLOR = Style(reverse=True)


def focus_cursor_style(widget, component: str) -> Style:
    """A cursor's style in any of our panes: the ``component`` (focused) or
    ``component-blurred`` style from CSS, or reverse video under NO_COLOR."""
    if widget.app.no_color:
        return CURSOR_NO_COLOR if widget.has_focus else CURSOR_BLURRED_NO_COLOR
    name = component if widget.has_focus else component + "-blurred"
    return widget.get_component_rich_style(name, partial=True)


class VirtualList(ScrollView, can_focus=True):
    """Rows ``0..count-1`` with a cursor; subclasses say how a row looks (``render_row``)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("g", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("G", "last", "Last", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("enter", "select", "Open", id="open"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"vlist--cursor", "vlist--cursor-blurred"}

    DEFAULT_CSS = """
    VirtualList {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        & > .vlist--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .vlist--cursor-blurred {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class CursorMoved(Message):
        """The cursor moved to ``index`` (floods of these merge in the queue)."""

        def __init__(self, vlist: VirtualList, index: int) -> None:
            super().__init__()
            self.vlist = vlist
            self.index = index

        @property
        def control(self) -> VirtualList:
            return self.vlist

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, VirtualList.CursorMoved) and message.vlist is self.vlist

    class Chosen(Message):
        """Enter (or a second click) on row ``index``."""

        def __init__(self, vlist: VirtualList, index: int) -> None:
            super().__init__()
            self.vlist = vlist
            self.index = index

        @property
        def control(self) -> VirtualList:
            return self.vlist

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._count = 0

    # ------------------------------------------------------------------ data

    @property
    def count(self) -> int:
        return self._count

    def set_count(self, count: int, cursor: int = 0) -> None:
        """Show ``count`` rows with the cursor on ``cursor`` (clamped)."""
        self._count = max(0, count)
        size = Size(0, self._count)
        height = self.container_size.height
        if (
            self.is_mounted
            and height
            and (self.virtual_size.height > height) == (self._count > height)
        ):
            # the scrollbar neither appears nor goes: no layout of the whole screen (a
            # keystroke's new count would otherwise reflow every widget), only the scrollbar
            self.set_reactive(VirtualList.virtual_size, size)
            self._scroll_update(size)
        else:
            self.virtual_size = size
        self.set_reactive(VirtualList.cursor, self._clamp(cursor))
        self.refresh()
        self._reveal(center=True)
        self.post_message(self.CursorMoved(self, self.cursor))

    def _clamp(self, index: int) -> int:
        return max(0, min(index, self._count - 1)) if self._count else 0

    # ------------------------------------------------------------------ cursor

    def validate_cursor(self, value: int) -> int:
        return self._clamp(value)

    def watch_cursor(self, old: int, new: int) -> None:
        self._reveal()
        self.refresh()
        if self._count:
            self.post_message(self.CursorMoved(self, new))

    def _reveal(self, center: bool = False) -> None:
        if not self._count or not self.is_mounted:
            return
        self.scroll_to_region(
            Region(0, self.cursor, 1, 1),
            animate=False,
            force=True,
            immediate=True,
            center=center,
        )

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self._count - 1

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def action_page_up(self) -> None:
        self.cursor -= self._page()

    def action_page_down(self) -> None:
        self.cursor += self._page()

    def action_select(self) -> None:
        if self._count:
            self.post_message(self.Chosen(self, self.cursor))

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = offset.y + int(self.scroll_offset.y)
        if 0 <= index < self._count:
            if index == self.cursor or event.chain > 1:
                self.post_message(self.Chosen(self, index))
            self.cursor = index
            self.focus()

    # ------------------------------------------------------------------ rendering

    def cursor_style(self) -> Style:
        return focus_cursor_style(self, "vlist--cursor")

    def _on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + int(self.scroll_offset.y)
        base = self.rich_style
        if width <= 0:
            return Strip.blank(0)
        if index >= self._count:
            return Strip.blank(width, base)
        segments = self.render_row(index, width, base)
        if index == self.cursor:
            cursor = self.cursor_style()
            segments = list(Segment.apply_style(segments, post_style=cursor))
        return Strip(segments, width)

    def render_row(self, index: int, width: int, base: Style) -> list[Segment]:  # pragma: no cover
        """Segments for row ``index``, exactly ``width`` cells wide."""
        raise NotImplementedError
