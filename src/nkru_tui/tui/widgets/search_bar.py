"""The search bar: ``/`` shows it, typing searches (same query language as the CLI)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input


class SearchBar(Input):
    """An ``Input`` that posts ``SearchBar.QueryChanged`` as you type and ``Closed`` on Esc/Enter."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear_and_close", "Clear search", id="search_clear"),
    ]

    DEFAULT_CSS = """
    SearchBar {
        height: 1;
        border: none;
        padding: 0 1;
        display: none;
    }
    SearchBar.-open { display: block; }
    """

    class QueryChanged(Message):
        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, SearchBar.QueryChanged)

    class Closed(Message):
        """Focus should go back to the panes; ``cleared`` when Esc emptied the query."""

        def __init__(self, cleared: bool) -> None:
            super().__init__()
            self.cleared = cleared

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            placeholder='search: words, "phrases", -exclude, sector: year: actor: …  (Esc clears)',
            id=id,
        )
        # Called with the new query in the very call that changes the value (instead of a
        # QueryChanged message): a search answered there is on the frame that echoes the key,
        # where a message, handled after that frame, lands a frame later.
        self.on_typed: Callable[[str], None] | None = None

    def watch_value(self, value: str) -> None:
        if self.on_typed is not None and not self._is_prevented(Input.Changed):
            self.on_typed(value)

    def open(self) -> None:
        self.add_class("-open")
        # focus now, not later: keys already queued behind "/" must land in the bar
        self.screen.set_focus(self)
        self.cursor_position = len(self.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is self:
            event.stop()
            if self.on_typed is None:
                self.post_message(self.QueryChanged(self.value))

    def leave(self, clear: bool) -> None:
        """Enter (keep the query) or Esc (clear it): give up the focus at once, in the key's
        own handler, so keys the terminal already sent behind it (``?``, ``q``, ``j``…) go to
        the panes, not into the query; the screen then places the focus on ``Closed``."""
        had = bool(self.value)
        self.screen.set_focus(None)
        if clear:
            self.value = ""
        if clear or not self.value:
            self.remove_class("-open")
        self.post_message(self.Closed(cleared=clear and had))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input is self:  # Enter reaching the bar itself (no screen to catch it)
            event.stop()
            self.leave(clear=False)

    def action_clear_and_close(self) -> None:
        self.leave(clear=True)
