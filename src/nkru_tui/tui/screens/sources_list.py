"""The sources list: every source, curated and the user's own, with date, title, language and
how many records cite it. Enter opens the reader on it (dismissed with the source id).

``/`` filters the list by a query of words, matched as `nkru-tui sources --search` matches
(``search``: the ids of the sources whose text, title or publisher holds the words, in any
script: Lavrov keeps a source that writes «Лавров»); the filter is kept in ``filter_text``
so the reader can open on its first match.

Titles are untrusted: every cell is a plain ``Text``, never markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from ..text import clean


@dataclass(frozen=True)
class SourceRow:
    id: str
    date: str
    title: str
    lang: str
    cites: int
    own: bool
    has_text: bool


def source_rows(engine, attached: set[str] | frozenset[str] = frozenset()) -> list[SourceRow]:
    """The rows for ``engine``'s sources (curated and own), oldest first, undated last."""
    from ...core.sources import cite_counts

    counts = cite_counts(engine)
    rows = []
    for sid, rec in engine.sources.items():
        rows.append(
            SourceRow(
                id=sid,
                date=str(rec.get("date") or ""),
                title=clean(rec.get("title") or sid),
                lang=str(rec.get("lang") or ""),
                cites=counts.get(sid, 0),
                own=bool(rec.get("user")),
                has_text=bool(rec.get("sha256")) or sid in attached,
            )
        )
    rows.sort(key=lambda r: (r.date or "9999", r.title.casefold(), r.id))
    return rows


class SourcesScreen(ModalScreen["str | None"]):
    """Pick a source; Enter opens its text in the reader."""

    DEFAULT_CSS = """
    SourcesScreen { align: center middle; }
    SourcesScreen > Vertical { width: 100%; max-width: 110; height: 100%; max-height: 30;
        border: round $accent; background: $panel; }
    SourcesScreen #sources-title { height: 1; text-style: bold; padding: 0 1; }
    SourcesScreen DataTable { height: 1fr; }
    SourcesScreen #sources-hint { height: 1; padding: 0 1; color: $text-muted; }
    SourcesScreen #sources-filter { display: none; height: 3; }
    SourcesScreen.-filtering #sources-filter { display: block; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close"),
        Binding("enter", "open", "Read", show=False),
        Binding("slash", "filter", "Filter"),
    ]
    HINT = "Enter: read · /: filter by words · Esc: close · * own · - no text here"

    def __init__(
        self,
        rows: Sequence[SourceRow],
        search: Callable[[str], set[str]] | None = None,
    ) -> None:
        """``search(query)``: the ids of the sources matching ``query`` (raising an
        ``NkruError`` for a query it cannot take); without it there is no filter."""
        super().__init__()
        self.all_rows = list(rows)
        self.rows = list(rows)
        self.search = search
        self.filter_text = ""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self._title()), id="sources-title")
            yield Input(
                placeholder="words in the texts or titles, any script (Enter: to the list)",
                id="sources-filter",
            )
            yield DataTable(id="sources-table", cursor_type="row", zebra_stripes=False)
            yield Static(Content(self.HINT), id="sources-hint")

    def _title(self) -> str:
        if not self.filter_text:
            return f"Sources ({len(self.all_rows)})"
        return f"Sources ({len(self.rows)} of {len(self.all_rows)} with: {self.filter_text})"

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(Text("Date"), key="date", width=10)
        table.add_column(Text("Title"), key="title")
        table.add_column(Text("Lang"), key="lang", width=4)
        table.add_column(Text("Cites"), key="cites", width=5)
        self._fill()
        table.focus()
        self._fit()

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for r in self.rows:
            mark = ("*" if r.own else " ") + (" " if r.has_text else "-")
            table.add_row(
                Text(r.date or "-"),
                Text(f"{mark} {r.title}"),
                Text(r.lang or "-"),
                Text(str(r.cites), justify="right"),
                key=r.id,
            )

    def action_filter(self) -> None:
        if self.search is None:
            return
        self.add_class("-filtering")
        self.query_one("#sources-filter", Input).focus()

    @on(Input.Changed, "#sources-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        from ...core.errors import NkruError

        text = " ".join(event.value.split())
        hint = self.query_one("#sources-hint", Static)
        if not text:
            self.rows, self.filter_text = list(self.all_rows), ""
        else:
            assert self.search is not None
            try:
                keep = self.search(text)
            except NkruError as exc:
                hint.update(Content(" ".join(str(exc).split())))
                return
            self.rows = [r for r in self.all_rows if r.id in keep]
            self.filter_text = text
        hint.update(Content(self.HINT if self.rows or not text else "no source holds that"))
        self.query_one("#sources-title", Static).update(Content(self._title()))
        self._fill()

    @on(Input.Submitted, "#sources-filter")
    def _filter_done(self) -> None:
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """The title column takes what the others leave."""
        table = self.query_one(DataTable)
        width = max(20, table.size.width - 10 - 4 - 5 - 3 * 4)
        col = table.columns.get("title")  # type: ignore[call-overload]
        if col is not None and table.size.width:
            col.width = width
            col.auto_width = False
            table.refresh()

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.dismiss(str(event.row_key.value))

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if self.rows:
            self.dismiss(self.rows[table.cursor_row].id)

    def action_close(self) -> None:
        box = self.query_one("#sources-filter", Input)
        if box.has_focus:  # Esc in the filter: back to the list, the filter kept
            self.query_one(DataTable).focus()
            if not box.value:
                self.remove_class("-filtering")
            return
        self.dismiss(None)


__all__ = ["SourceRow", "SourcesScreen", "source_rows"]
