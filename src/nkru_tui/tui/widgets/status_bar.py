"""The status line: "N of M events", the query, the filters, the actor selection, or an error."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ..text import clean


class StatusBar(Static):
    """One line. Everything shown is built as plain ``Content`` (never markup)."""

    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        width: 1fr;
        background: $panel;
        color: $text;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    StatusBar.-error { background: $error 40%; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Content("loading…"), id=id, markup=False)
        self.text = "loading…"

    def set_text(self, text: str, error: bool = False) -> None:
        self.text = clean(text)
        self.set_class(error, "-error")
        self.update(Content(self.text), layout=False)  # one line, whatever it says

    def show_state(
        self,
        *,
        shown: int,
        total: int,
        query: str,
        filters: str,
        actor_name: str | None,
        error: str | None = None,
    ) -> None:
        parts = [f"{shown:,} of {total:,} events"]
        if actor_name:
            parts.append(f"events of {clean(actor_name)} — Esc/c to clear")
        if query.strip():
            parts.append(f"query: {clean(query)}")
        if filters:
            parts.append(f"filters: {filters}")
        if error:
            parts.insert(0, clean(error))
        self.set_text(" · ".join(parts), error=bool(error))
