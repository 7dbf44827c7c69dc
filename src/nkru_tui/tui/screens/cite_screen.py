"""``Y``: choose the form of a citation (plain, Markdown with a footnote, CSL-JSON)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...core.citations import FORMATS
from ..text import clean


class CiteScreen(ModalScreen["str | None"]):
    """``dismiss(format key)`` on Enter (or the format's first letter), None on Esc."""

    DEFAULT_CSS = """
    CiteScreen { align: center middle; }
    CiteScreen > #cite-box {
        width: 90%;
        max-width: 70;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    CiteScreen #cite-options { height: auto; }
    CiteScreen #cite-where { color: $text-muted; height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cite_cancel"),
        Binding("p", "pick('plain')", "Plain", show=False),
        Binding("m", "pick('markdown')", "Markdown", show=False),
        Binding("c", "pick('csl')", "CSL-JSON", show=False),
    ]

    def __init__(self, title: str, where: str) -> None:
        super().__init__()
        self.record_title = title
        self.where = where

    def compose(self) -> ComposeResult:
        with Vertical(id="cite-box"):
            yield Static(Content("Copy the citation of: " + clean(self.record_title)), markup=False)
            yield OptionList(
                *(Option(Content(f.label), id=f.key) for f in FORMATS.values()),
                id="cite-options",
                markup=False,
            )
            yield Static(Content(self.where), id="cite-where", markup=False)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_pick(self, key: str) -> None:
        self.dismiss(key)

    def action_cancel(self) -> None:
        self.dismiss(None)
