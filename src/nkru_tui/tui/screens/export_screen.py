"""The export dialog (``e``): the current results to a file in any format of
``core.formats.FORMATS`` (Markdown brief, CSV, JSON, FollowTheMoney, TimelineJS, CSL-JSON, GEXF).

The text is ``core.exporting.render_export``'s, the same as ``nkru-tui export`` writes, and the
file is written atomically (``write_export``) in a thread worker, so a slow disk never
freezes the screen. Success is announced (path and count) only after the file is in place;
a bad path, a missing or read-only folder or a bad query leaves the dialog open with the
reason on its message line, and the app keeps running. An existing file is replaced only
after a second Export.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from ...core.formats import FORMATS as FORMAT_TABLE
from ..text import clean

FORMATS = tuple((f.key, f.label) for f in FORMAT_TABLE.values())


class Tick(Checkbox):
    """A checkbox whose mark is drawn only when ticked, so it reads without colour."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return "X" if self.value else " "


class Choice(RadioButton):
    """A radio button whose dot is drawn only when chosen, so it reads without colour."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return "●" if self.value else " "


def default_name(fmt: str, today: date | None = None) -> str:
    return f"nkru-export-{(today or date.today()):%Y%m%d}.{FORMAT_TABLE[fmt].ext}"


def with_format(path: str, fmt: str) -> str:
    """``path`` with the ending of ``fmt`` in place of a format's ending it has (the user's
    own name is kept; a name with no format's ending is left alone)."""
    endings = sorted({f.ext for f in FORMAT_TABLE.values()}, key=len, reverse=True)
    for ext in endings:
        if path.endswith("." + ext) and len(path) > len(ext) + 1:
            return path[: -len(ext)] + FORMAT_TABLE[fmt].ext
    return path


class ExportScreen(ModalScreen["str | None"]):
    """Export the events that ``query`` matches; dismisses with the written path or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export_cancel"),
    ]

    DEFAULT_CSS = """
    ExportScreen {
        align: center middle;
        #export-dialog {
            width: 76;
            max-width: 100%;
            height: auto;
            max-height: 100%;
            border: heavy $accent;
            background: $surface;
            padding: 0 1;
        }
        #export-title { text-style: bold; }
        #export-query { color: $text-muted; }
        .export-label { width: 8; height: 3; content-align: left middle; }
        .export-label.-one { height: 1; }
        .export-row { height: auto; }
        #export-format {
            width: 1fr; layout: grid; grid-size: 3; grid-rows: 1; border: none; height: auto;
        }
        #export-path { width: 1fr; }
        #export-notes { border: none; }
        #export-message { height: auto; min-height: 1; }
        #export-message.-error { color: $error; text-style: bold; }
        #export-buttons { height: 3; align-horizontal: right; }
        #export-buttons Button { margin-left: 1; min-width: 10; }
    }
    """

    class Done(Message):
        def __init__(self, path: str, count: int) -> None:
            super().__init__()
            self.path = path
            self.count = count

    class Failed(Message):
        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    def __init__(
        self,
        engine,
        query: str,
        fmt: str = "md",
        with_notes: bool = False,
        folder: str | Path | None = None,
    ) -> None:
        super().__init__()
        self.engine = engine
        self.search_query = query
        self.fmt = fmt if fmt in dict(FORMATS) else "md"
        self.with_notes = with_notes
        self.folder = Path(folder) if folder is not None else None
        self.writing = False
        self.error: str | None = None
        self.written: str | None = None
        self._confirm: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog"):
            yield Static(Content("Export the current results"), id="export-title", markup=False)
            shown = clean(self.search_query) or "(all events)"
            yield Static(Content("query: " + shown), id="export-query", markup=False)
            with Horizontal(classes="export-row"):
                yield Label("Format", classes="export-label -one")
                with RadioSet(id="export-format"):
                    for key, label in FORMATS:
                        yield Choice(label, value=key == self.fmt, id=f"fmt-{key}")
            with Horizontal(classes="export-row"):
                yield Label("File", classes="export-label")
                yield Input(
                    self._default_path(self.fmt), id="export-path", placeholder="file to write"
                )
            yield Tick("include my notes", self.with_notes, id="export-notes")
            yield Static("", id="export-message", markup=False)
            with Horizontal(id="export-buttons"):
                yield Button("Export", id="export-go", variant="primary")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    # ------------------------------------------------------------------ state

    def _default_path(self, fmt: str) -> str:
        name = default_name(fmt)
        return str(self.folder / name) if self.folder is not None else name

    @property
    def path_text(self) -> str:
        return self.query_one("#export-path", Input).value

    @property
    def message_text(self) -> str:
        return str(self.query_one("#export-message", Static).content)

    def _say(self, text: str, error: bool = False) -> None:
        self.error = text if error else None
        msg = self.query_one("#export-message", Static)
        msg.update(Content(text))
        msg.set_class(error, "-error")

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        new = (event.pressed.id or "fmt-md").removeprefix("fmt-")
        field = self.query_one("#export-path", Input)
        field.value = with_format(field.value, new)  # keep the user's name, change the ending
        self.fmt = new
        self._confirm = None

    @on(Checkbox.Changed, "#export-notes")
    def _notes_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.with_notes = event.value

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        self._confirm = None

    # ------------------------------------------------------------------ export

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-go")
    def action_export(self) -> None:
        if self.writing:
            return
        raw = self.path_text.strip()
        if not raw:
            self._say("give a file name to write", error=True)
            return
        path = Path(os.path.expanduser(raw))
        if path.is_dir():
            self._say(f"{raw} is a folder: give a file name", error=True)
            return
        if path.exists() and self._confirm != path:
            self._confirm = path
            self._say(f"{raw} exists: Export again to replace it")
            return
        self.writing = True
        self.query_one("#export-go", Button).disabled = True
        self._say(f"writing {raw}…")
        self._write(path, self.fmt, self.search_query, self.with_notes)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _write(self, path: Path, fmt: str, query: str, with_notes: bool) -> None:
        from ...core.errors import NkruError
        from ...core.exporting import render_events, write_export

        try:
            events = self.engine.search_events(query)
            text = render_events(self.engine, fmt, events, query, with_notes)
            count = len(events)
            write_export(path, text)
        except NkruError as exc:
            self.post_message(self.Failed(str(exc)))
            return
        except (OSError, ValueError) as exc:  # an odd path (NUL byte, too long)
            self.post_message(self.Failed(f"{path}: cannot write: {exc}"))
            return
        self.post_message(self.Done(str(path), count))

    def on_export_screen_done(self, message: Done) -> None:
        self.writing = False
        self.written = message.path
        n = message.count
        self.app.notify(
            f"exported {n} event{'' if n == 1 else 's'} to {message.path}",
            title="Export",
            markup=False,
            timeout=6,
        )
        self.dismiss(message.path)

    def on_export_screen_failed(self, message: Failed) -> None:
        self.writing = False
        self.query_one("#export-go", Button).disabled = False
        self._say("not exported: " + clean(message.error), error=True)
        self.app.notify(
            clean(message.error), title="Export failed", severity="error", markup=False, timeout=8
        )

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        if not self.writing:
            self.dismiss(None)
