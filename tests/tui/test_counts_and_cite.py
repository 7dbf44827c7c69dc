"""The filter picker's counts, and Y: a citation in three forms, to the clipboard or a file."""

from __future__ import annotations

import json
import os
import stat

from textual.widgets import OptionList

from nkru_tui.core import schema
from nkru_tui.core.clipboard import citations_folder, osc52_blocked, use_file
from nkru_tui.tui.app import make_app
from nkru_tui.tui.screens.cite_screen import CiteScreen
from nkru_tui.tui.screens.filter_picker import FilterPicker

from .conftest import MINI, settle


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def prompt(picker: FilterPicker, option_id: str) -> str:
    options = picker.query_one(OptionList)
    return str(options.get_option(option_id).prompt)


async def test_the_filter_picker_counts_each_value_under_the_current_query():
    app = make_app(db_path=MINI)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        s = app.main_screen
        await pilot.press("slash", *"-treaty", "enter")
        await settle(pilot)
        engine = app.engine
        await pilot.press("f")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, FilterPicker)
        for sector in schema.SECTORS:
            want = engine.count_events(f"-treaty sector:{sector}")
            assert prompt(picker, f"sector\t{sector}").endswith(f"{sector}  {want:,}")
        assert prompt(picker, "sector\t\x00any").endswith(f"any  {engine.count_events('-treaty')}")
        # a pick recounts the other categories under it
        options = picker.query_one(OptionList)
        options.highlighted = options.get_option_index("sector\ttourism")
        await pilot.press("enter")
        await settle(pilot)
        for country in schema.COUNTRIES:
            want = engine.count_events(f"-treaty sector:tourism country:{country}")
            assert prompt(picker, f"country\t{country}").rstrip().endswith(f"  {want:,}")
        assert s.state.query == "-treaty"


def app_copying(monkeypatch):
    """The app on the mini store, with what it copies to the clipboard collected in a list."""
    app = make_app(db_path=MINI)
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    return app, copied


async def _cite(pilot, key: str) -> None:
    await pilot.press("Y")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CiteScreen)
    await pilot.press(key)
    await settle(pilot)


async def test_y_offers_plain_markdown_and_csl_json_through_osc52(monkeypatch):
    monkeypatch.delenv("TMUX", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    app, copied = app_copying(monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        ev = app.main_screen.selected_event()
        await _cite(pilot, "p")
        assert copied[-1].splitlines()[0].endswith(ev["title"])
        await _cite(pilot, "m")
        md = copied[-1]
        assert md.startswith(ev["title"]) and "[^" in md
        assert md.count("[^") == 2 * len(ev["evidence"])  # a mark and its footnote per quote
        await _cite(pilot, "c")
        items = json.loads(copied[-1])
        cited = {e["source"] for e in ev["evidence"]}
        assert {i["id"] for i in items} == cited
        assert all(i["type"] and i["title"] for i in items)
        assert any("copied the csl-json" in n for n in notices(app))


async def test_y_writes_a_file_where_tmux_drops_osc52(tmp_path, monkeypatch):
    fake = tmp_path / "bin"
    fake.mkdir()
    tmux = fake / "tmux"
    tmux.write_text('#!/bin/sh\n[ "$*" = "show -gv set-clipboard" ] && echo off\n')
    tmux.chmod(tmux.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    app, copied = app_copying(monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        ev = app.main_screen.selected_event()
        await pilot.press("Y")
        await settle(pilot)
        assert "tmux has set-clipboard off" in str(app.screen.query_one("#cite-where").render())
        await pilot.press("m")
        await settle(pilot)
        path = citations_folder() / f"{ev['id']}.md"
        assert path.read_text(encoding="utf-8").startswith(ev["title"])
        assert any(
            n == f"tmux has set-clipboard off: the markdown with a footnote is in {path}"
            for n in notices(app)
        )
        await pilot.press("y")  # the plain copy takes the same way
        await settle(pilot)
        assert (citations_folder() / f"{ev['id']}.txt").exists()
        assert copied == []


def test_osc52_detection():
    assert osc52_blocked({"TERM": "linux"}) == "the Linux console has no clipboard"
    assert osc52_blocked({"TERM": "xterm"}) is None
    tmux = {"TERM": "screen", "TMUX": "x"}
    assert osc52_blocked(tmux, run=lambda argv: "off") == "tmux has set-clipboard off"
    assert osc52_blocked(tmux, run=lambda argv: "on") is None
    assert osc52_blocked(tmux, run=lambda argv: "external") is None
    assert osc52_blocked(tmux, run=lambda argv: None) is None  # tmux not answering: try OSC 52
    assert use_file("file", {"TERM": "xterm"}) == 'the settings say clipboard = "file"'
    assert use_file("osc52", {"TERM": "linux"}) is None


async def test_the_clipboard_setting_sends_citations_to_a_file(monkeypatch):
    from nkru_tui.core.config import config_path

    path = config_path()  # in the test's own config folder
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('clipboard = "file"\n', encoding="utf-8")
    app = make_app(db_path=MINI)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        ev = app.main_screen.selected_event()
        await _cite(pilot, "c")
        written = citations_folder() / f"{ev['id']}.json"
        assert json.loads(written.read_text(encoding="utf-8"))
        assert any(str(written) in n for n in notices(app))


async def test_the_actor_counts_are_each_actors_events_counted_when_read():
    """The app's per-actor counts (the actor list's column, sort by count, the palette's top
    actors) read as a dict of every actor's event count, though each is counted when asked."""
    app = make_app(db_path=MINI)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        engine = app.engine
        want = {aid: len(engine.events_of_actor(aid)) for aid in engine.actors}
        assert any(want.values())
        assert dict(app.counts) == want
        assert len(app.counts) == len(want) and list(app.counts) == list(engine.actors)
        assert app.counts.get("no-such-actor", 0) == 0 and "no-such-actor" not in app.counts
        s = app.main_screen
        await pilot.press("1", "s")  # the actors pane, sorted by count
        await settle(pilot)
        shown = [a["id"] for a in s.actor_list.actors]
        assert shown == sorted(shown, key=lambda a: -want[a])
