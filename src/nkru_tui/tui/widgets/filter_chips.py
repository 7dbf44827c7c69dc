"""The active filters as chips (``[sector:tourism] [year:2024..2025]  x reset``)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ..filters import Filters


class FilterChips(Static):
    """Shown only while a filter is active; rendered as plain ``Content``."""

    DEFAULT_CSS = """
    FilterChips {
        height: 1;
        padding: 0 1;
        display: none;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    FilterChips.-active { display: block; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Content(""), id=id, markup=False)
        self.filters = Filters()
        self._shown: list[tuple[str, str]] | None = None  # the chips on screen (None: not set yet)

    def set_filters(self, filters: Filters) -> None:
        chips = filters.chips()
        self.filters = filters
        if self.is_mounted and chips == self._shown:
            return  # unchanged (every keystroke of a search): no update, no layout
        self._shown = chips
        self.set_class(bool(chips), "-active")
        if not chips:
            self.update(Content(""))
            return
        no_color = self.app.no_color
        chip_style = "reverse" if no_color else "bold $text on $primary-muted"
        parts: list[Content | tuple[str, str] | str] = [Content("filters ")]
        for _, text in chips:
            parts.append((f" {text} ", chip_style))
            parts.append(" ")
        parts.append(("  f edit · x reset", "dim" if not no_color else ""))
        self.update(Content.assemble(*parts))

    @property
    def plain(self) -> str:
        return " ".join(t for _, t in self.filters.chips())
