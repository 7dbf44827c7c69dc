#!/usr/bin/env python3
"""The floor: a bare Textual app with a header, an empty list, an input and a footer.

Every time the benchmark reports is a ratio to this app measured in the same run, started the
same way (the venv's Python running a script), in the same tmux terminal. It does nothing but
what any Textual app must: import Textual, build the DOM, paint, echo keys into the input.

``--status`` adds a one-line status under the list that each keystroke rewrites
("N of 1,000 events · query: TEXT", N = the query's length), synchronously and with no search:
the least a Textual app pays for "key -> another widget repainted", i.e. the floor of the
app's keystroke -> status line figure.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Input, ListView, Static


class FloorApp(App):
    TITLE = "floor"
    SUB_TITLE = "bench"

    def __init__(self, status: bool = False) -> None:
        super().__init__()
        self.with_status = status

    def compose(self) -> ComposeResult:
        yield Header()
        yield ListView()
        if self.with_status:
            yield Static("1,000 of 1,000 events", id="status")
        yield Input(placeholder="search")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.with_status:
            text = f"{len(event.value):,} of 1,000 events"
            if event.value.strip():
                text += f" · query: {event.value.strip()}"
            self.query_one("#status", Static).update(text)


if __name__ == "__main__":
    FloorApp(status="--status" in sys.argv[1:]).run()
