#!/usr/bin/env python3
"""The floor: a bare Textual app with a header, an empty list, an input and a footer.

Every time the benchmark reports is a ratio to this app measured in the same run, started the
same way (the venv's Python running a script), in the same tmux terminal. It does nothing but
what any Textual app must: import Textual, build the DOM, paint, echo keys into the input.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Input, ListView


class FloorApp(App):
    TITLE = "floor"
    SUB_TITLE = "bench"

    def compose(self) -> ComposeResult:
        yield Header()
        yield ListView()
        yield Input(placeholder="search")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()


if __name__ == "__main__":
    FloorApp().run()
