"""The note editor: a modal with a multi-line text area prefilled with the current note.

Ctrl+S saves (dismisses with the text, exactly as typed; blank text means "delete the note"),
Esc cancels without asking (dismisses with None). The target's title is shown as plain text:
titles and notes are untrusted, so nothing here is ever parsed as markup.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from ..text import clean


class NoteEditor(ModalScreen["str | None"]):
    """Edit the note on one record; ``dismiss(text)`` on Ctrl+S, ``dismiss(None)`` on Esc."""

    DEFAULT_CSS = """
    NoteEditor {
        align: center middle;
    }
    NoteEditor > #note-box {
        width: 90%;
        max-width: 100;
        height: 80%;
        max-height: 30;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    NoteEditor #note-title {
        text-style: bold;
        height: auto;
        max-height: 2;
    }
    NoteEditor #note-text {
        height: 1fr;
    }
    NoteEditor #note-hint {
        color: $text-muted;
        height: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save note", id="note_save", priority=True),
        Binding("escape", "cancel", "Cancel", id="note_cancel", priority=True),
    ]

    def __init__(
        self, title: str, text: str = "", *, target_id: str = "", note_id: str = ""
    ) -> None:
        super().__init__()
        self.target_title = title
        self.initial_text = text
        self.target_id = target_id
        self.note_id = note_id  # "": a new note; else the note being edited

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            yield Static(
                Content(
                    (f"Note {clean(self.note_id)} on: " if self.note_id else "New note on: ")
                    + clean(self.target_title)
                ),
                id="note-title",
                markup=False,
            )
            yield TextArea(
                self.initial_text,
                id="note-text",
                soft_wrap=True,
                tab_behavior="indent",
                show_line_numbers=False,
            )
            yield Static(
                Content(
                    "Ctrl+S save · Esc cancel"
                    + (" · delete a note with: nkru-tui note --delete ID" if self.note_id else "")
                ),
                id="note-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        area = self.text_area
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def text_area(self) -> TextArea:
        return self.query_one("#note-text", TextArea)

    def action_save(self) -> None:
        self.dismiss(self.text_area.text)

    def action_cancel(self) -> None:
        self.dismiss(None)
