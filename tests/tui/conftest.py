"""Helpers for the TUI tests: build the app on a fixture store and wait for it to settle."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MINI = FIXTURES / "mini.json"

HOSTILE_TITLE = "[/] [bold]x [@click=app.quit]quit[/]"
HOSTILE_ALIAS = "[@click=app.quit]quit[/]"


async def settle(pilot, rounds: int = 6) -> None:
    """Wait until the workers are done and their messages handled (no fixed sleeps)."""
    app = pilot.app
    for _ in range(rounds):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def palette_jump(pilot, text: str):
    """Ctrl+P, type ``text``, Enter on the first hit; the main screen, back in front."""
    app = pilot.app
    await settle(pilot)
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*text)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert app.screen is app.main_screen
    return app.main_screen


def rows(widget) -> list[str]:
    """The lines a user sees in a Line-API pane, as plain text."""
    height = widget.scrollable_content_region.height
    return [widget.render_line(y).text.rstrip() for y in range(height)]


def screen_of(app):
    return app.main_screen


@pytest.fixture
def mini() -> Path:
    return MINI


@pytest.fixture
def hostile_store(tmp_path) -> Path:
    """mini.json with markup-like text in titles, summaries, aliases, names and sources."""
    raw = json.loads(MINI.read_text(encoding="utf-8"))
    raw = copy.deepcopy(raw)
    ev = raw["events"]["1"]
    ev["title"] = HOSTILE_TITLE + " treaty"
    ev["summary"] = "Summary with [red]markup[/red] and [/] and [@click=app.quit]x[/]."
    ev["actors"][0]["role"] = "[bold]role"
    raw["actors"]["1"]["aliases"].append(HOSTILE_ALIAS)
    raw["actors"]["2"]["name"] = "Vladimir [i]Putin[/]"
    raw["actors"]["2"]["description"] = "[@click=app.quit]President[/] of Russia."
    raw["sources"]["1"]["title"] = "[/] Source [b]One"
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path
