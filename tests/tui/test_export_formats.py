"""The export dialog offers every format of the one table (core.formats.FORMATS) and writes
what ``render_export`` gives for each; choosing a format changes the file's ending."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App

from nkru_tui.core.engine import Engine
from nkru_tui.core.exporting import render_export
from nkru_tui.core.formats import FORMATS
from nkru_tui.tui.screens.export_screen import ExportScreen, with_format

from .conftest import MINI, settle


class Host(App):
    def __init__(self, folder: Path, query: str) -> None:
        super().__init__()
        self.engine = Engine.load(MINI)
        self.folder = folder
        self.search = query

    def on_mount(self) -> None:
        self.push_screen(ExportScreen(self.engine, self.search, folder=self.folder))


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f not in ("md", "csv", "json")])
async def test_every_format_in_the_dialog(tmp_path, fmt):
    app = Host(tmp_path, "year:2024..2026")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        assert [b.id for b in screen.query("#export-format RadioButton")] == [
            f"fmt-{k}" for k in FORMATS]
        await pilot.click(f"#fmt-{fmt}")
        assert screen.path_text.endswith("." + FORMATS[fmt].ext)
        await pilot.click("#export-go")
        await settle(pilot)
        assert screen.error is None
        (written,) = tmp_path.iterdir()
        assert written.name.endswith("." + FORMATS[fmt].ext)
        assert written.read_text(encoding="utf-8") == render_export(
            app.engine, fmt, "year:2024..2026", False)


def test_with_format_keeps_the_users_name():
    assert with_format("brief.md", "ftm") == "brief.ftm.json"
    assert with_format("brief.ftm.json", "csl") == "brief.csl.json"
    assert with_format("brief.csl.json", "json") == "brief.json"
    assert with_format("graph.gexf", "timeline") == "graph.timeline.json"
    assert with_format("notes.txt", "csv") == "notes.txt"
