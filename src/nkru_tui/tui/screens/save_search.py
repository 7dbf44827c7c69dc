"""Save the current search (``S``): a name for the query, filters and actor shown.

The name is checked as it is typed (``core.saved.check_name``); Enter saves, Esc cancels.
The query and the name are the user's text: shown as plain ``Content``, never as markup.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ...core.errors import QueryError
from ...core.saved import check_name
from ..text import clean


class SaveSearchScreen(ModalScreen["str | None"]):
    """``dismiss(name)`` on Enter with a valid name, ``dismiss(None)`` on Esc."""

    DEFAULT_CSS = """
    SaveSearchScreen {
        align: center middle;
    }
    SaveSearchScreen > #save-search-box {
        width: 90%;
        max-width: 80;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    SaveSearchScreen #save-search-query { height: auto; max-height: 3; }
    SaveSearchScreen #save-search-message { color: $text-muted; height: auto; }
    SaveSearchScreen #save-search-message.-error { color: $error; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="save_search_cancel", priority=True),
    ]

    def __init__(self, summary: str, names: list[str], initial: str = "") -> None:
        super().__init__()
        self.summary = summary
        self.names = set(names)
        self.initial = initial

    def compose(self) -> ComposeResult:
        with Vertical(id="save-search-box"):
            yield Static(Content("Save this search as @name"), markup=False)
            shown = clean(self.summary) or "(all events)"
            yield Static(Content("search: " + shown), id="save-search-query", markup=False)
            yield Input(
                self.initial,
                placeholder="name: lower-case letters, digits, - or _ (e.g. rason-tourism)",
                id="save-search-name",
            )
            yield Static(
                Content("Enter saves · Esc cancels · recall with @name in the search bar"),
                id="save-search-message",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def _say(self, text: str, error: bool) -> None:
        msg = self.query_one("#save-search-message", Static)
        msg.update(Content(text))
        msg.set_class(error, "-error")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        value = event.value.strip()
        if not value:
            self._say("Enter saves · Esc cancels · recall with @name in the search bar", False)
            return
        try:
            name = check_name(value)
        except QueryError as exc:
            self._say(str(exc).removeprefix("bad query: "), True)
            return
        if name in self.names:
            self._say(f"Enter replaces the saved search @{name}", False)
        else:
            self._say(f"Enter saves it as @{name}", False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            name = check_name(event.value.strip())
        except QueryError as exc:
            self._say(str(exc).removeprefix("bad query: "), True)
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)
