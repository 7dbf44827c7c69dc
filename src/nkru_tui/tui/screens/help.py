"""The help screen: the bundled ``help.md`` followed by every key, generated from the bindings."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

QUERY_TABLE = "<!-- query-table: generated from the qualifier table in nkru_tui.core.query -->"


def help_markdown() -> str:
    """The bundled help.md, with the query language's table generated in its place."""
    from ...core.query import help_markdown as query_table

    text = resources.files("nkru_tui.tui").joinpath("help.md").read_text(encoding="utf-8")
    return text.replace(QUERY_TABLE, query_table())


def _binding_list(bindings: Iterable[BindingType]) -> list[Binding]:
    out = []
    for b in bindings:
        if isinstance(b, Binding):
            out.append(b)
        elif isinstance(b, tuple):
            out.append(Binding(*b))
    return out


def keys_markdown(app, groups: list[tuple[str, Iterable[BindingType]]]) -> str:
    """A table per group: every key bound, with its description (aliases merged)."""
    lines = ["", "## Every key", ""]
    for title, bindings in groups:
        merged: dict[tuple[str, str], list[str]] = {}
        for b in _binding_list(bindings):
            if not b.description and not b.show:
                continue
            label = b.description or b.action
            slot = merged.setdefault((b.action, label), [])
            keymap = getattr(app, "_keymap", {}) or {}  # config.toml's [keys], as applied
            overridden = bool(b.id and b.id in keymap)
            raw = keymap[b.id] if overridden and b.id else b.key
            for key in (k.strip() for k in raw.split(",")):
                display = (
                    b.key_display
                    if b.key_display and not overridden
                    else app.get_key_display(Binding(key, b.action, b.description))
                )
                if display not in slot:
                    slot.append(display)
        if not merged:
            continue
        lines += [f"### {title}", "", "| Key | Does |", "|---|---|"]
        for (_action, label), keys in merged.items():
            shown = " / ".join(k.replace("|", "\\|") for k in keys)
            lines.append(f"| `{shown}` | {label} |")
        lines.append("")
    return "\n".join(lines)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close help", id="help_close"),
        Binding("q", "close", "Close help", show=False),
        Binding("question_mark", "close", "Close help", show=False),
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]

    def __init__(self, groups: list[tuple[str, Iterable[BindingType]]]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-scroll"):
            yield Markdown(help_markdown() + keys_markdown(self.app, self.groups), id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def _scroll(self) -> VerticalScroll:
        return self.query_one("#help-scroll", VerticalScroll)

    def action_scroll_down(self) -> None:
        self._scroll().scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self._scroll().scroll_up(animate=False)

    def action_scroll_home(self) -> None:
        self._scroll().scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self._scroll().scroll_end(animate=False)
