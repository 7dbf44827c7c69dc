"""The explorer driven by keys through Pilot, asserting what the user would see."""

from __future__ import annotations

import threading

import pytest

from nkru_tui.tui.app import make_app
from nkru_tui.tui.filters import Filters
from nkru_tui.tui.screens.filter_picker import FilterPicker
from nkru_tui.tui.screens.help import HelpScreen

from .conftest import MINI, palette_jump, rows, settle


def make(db=MINI, **kw):
    return make_app(db_path=db, **kw)


async def test_first_paint_does_not_wait_for_the_store(monkeypatch):
    from nkru_tui.core import engine as engine_mod

    gate = threading.Event()
    real_load = engine_mod.Engine.load.__func__

    def slow_load(cls, path=None, user=None, progress=None, preview=None):
        assert gate.wait(10), "test gate never opened"
        return real_load(cls, path, user, progress, preview)

    monkeypatch.setattr(engine_mod.Engine, "load", classmethod(slow_load))
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.main_screen
        # the panes are painted and say they are loading while the store is still loading
        assert screen.status.text == "loading…"
        assert "loading…" in rows(screen.timeline)[0]
        assert app.engine is None
        gate.set()
        await settle(pilot)
        assert screen.status.text == "5 of 5 events"


async def test_a_small_store_has_its_rows_on_the_first_frame():
    """A store that opens in milliseconds is loaded before the first frame, and that frame
    shows its rows, the ready status line and the first event, laid out for the terminal's
    width (-narrow at 80 columns): no worker's message, second layout or frame before them."""
    app = make()
    first: list[tuple] = []
    real_display = app._display

    def display(screen, renderable) -> None:  # what the screen holds when a frame is drawn
        if renderable is not None and not first and screen is app.main_screen:
            s = app.main_screen
            first.append(
                (len(s.timeline.events), s.status.text, s.has_class("-narrow"), s.detail.current_id)
            )
        real_display(screen, renderable)

    app._display = display  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = app.main_screen.timeline.highlighted
    assert shown is not None
    assert first == [(5, "5 of 5 events", True, shown["id"])]


async def test_the_collector_runs_again_once_the_first_frame_is_out():
    """``nkru-tui`` pauses the cyclic garbage collector for the start (cmd_tui); the app
    turns it back on after its first frame, before a large store's load begins."""
    import gc

    gc.disable()
    try:
        app = make()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
            assert app.main_screen.status.text == "5 of 5 events"
    finally:
        gc.enable()
        gc.unfreeze()


async def test_a_large_store_shows_rows_before_search_is_ready(tmp_path, monkeypatch):
    """First start of a large store: its first rows are on screen while the index is built,
    the status line says search is not ready yet (never "N of M events" until it is)."""
    import json
    import sys
    from pathlib import Path

    from nkru_tui.core import diskbuild, diskindex
    from nkru_tui.core import engine as engine_mod

    if not (diskindex.fts5_available() and diskbuild.available()):
        pytest.skip("no FTS5 or ijson")
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    import gen_store

    store = tmp_path / "big.json"
    store.write_text(json.dumps(gen_store.generate(400, seed=3)), encoding="utf-8")
    monkeypatch.setenv("NKRU_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("NKRU_NO_DISK_INDEX", raising=False)
    monkeypatch.setattr(diskindex, "STREAM_BYTES", 1)
    gate = threading.Event()
    real_load = engine_mod.Engine.load.__func__

    def gated_load(cls, path=None, user=None, progress=None, preview=None):
        def held(events, total):
            preview(events, total)
            assert gate.wait(10), "test gate never opened"

        return real_load(cls, path, user, progress, held)

    monkeypatch.setattr(engine_mod.Engine, "load", classmethod(gated_load))
    app = make(db=store)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(100):
            await pilot.pause(0.05)
            if app.main_screen.timeline.highlighted is not None:
                break
        screen = app.main_screen
        assert app.engine is None
        assert "search not ready yet" in screen.status.text
        assert " of 400 events" not in screen.status.text
        first = rows(screen.timeline)[0]
        gate.set()
        await settle(pilot)
        assert screen.status.text == "400 of 400 events"
        assert rows(screen.timeline)[0] == first


async def test_timeline_rows_show_precision_marks_and_sectors():
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lines = rows(app.main_screen.timeline)[:5]
        assert lines[0].split()[0] == "2008–2013"  # a span
        assert "Khasan to Rajin rail" in lines[0]
        assert lines[1].split()[:2] == ["2024", "tourism"]
        assert lines[2].split()[:2] == ["2024-06", "diplomacy+"]
        assert lines[3].split()[0] == "2025-07-12"
        assert lines[4].split()[:3] == ["2026?", "transport", "‹planned›"]  # inferred, planned


async def test_cursor_keys_move_and_detail_follows():
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        s = app.main_screen
        tl = s.timeline
        assert tl.has_focus and tl.cursor == 0
        await pilot.press("j", "down")
        assert tl.cursor == 2
        await pilot.press("k")
        assert tl.cursor == 1
        await pilot.press("G")
        assert tl.cursor == 4
        await settle(pilot)
        assert s.detail.plain_text.startswith("Road bridge due for completion")
        assert "2026? (date inferred: the source says set to be completed in 2026)" in s.detail.plain_text
        await pilot.press("g")
        assert tl.cursor == 0
        await pilot.press("end")
        assert tl.cursor == 4
        await pilot.press("home", "pagedown")
        assert tl.cursor == 4
        await pilot.press("pageup")
        assert tl.cursor == 0
        await pilot.press("up")  # stays at the top
        assert tl.cursor == 0


async def test_search_as_you_type_highlights_and_counts():
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        s = app.main_screen
        await pilot.press("slash")
        assert s.search_bar.has_focus
        await pilot.press(*"tourists")
        await settle(pilot)
        assert s.status.text == "1 of 5 events · query: tourists"
        line = s.timeline.render_line(0)
        assert "About 1,500 Russian tourists visit" in line.text
        match = [seg for seg in line if seg.text == "tourists"]
        assert match and match[0].style.underline, "the matched word is highlighted"
        # Esc clears the search and gives focus back to the timeline
        await pilot.press("escape")
        await settle(pilot)
        assert s.status.text == "5 of 5 events"
        assert s.timeline.has_focus
        assert not s.search_bar.has_class("-open")


async def test_search_in_other_scripts_and_enter_keeps_query():
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        s = app.main_screen
        await pilot.press("slash", *"푸틴")
        await settle(pilot)
        assert s.status.text.startswith("1 of 5 events")
        assert "Putin and Kim sign the partnership treaty" in rows(s.timeline)[0]
        await pilot.press("enter")
        await settle(pilot)
        assert s.timeline.has_focus
        assert "query: 푸틴" in s.status.text


async def test_bad_query_reports_one_line_and_keeps_last_results():
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        s = app.main_screen
        await pilot.press("slash", *"rason")
        await settle(pilot)
        assert s.status.text.startswith("2 of 5 events")
        await pilot.press(*' "unclosed')
        await settle(pilot)
        assert s.status.text.startswith("bad query: unclosed quote (at character 7)")
        assert s.status.has_class("-error")
        assert s.timeline.count == 2  # the last good results stay
        s.search_bar.value = "rason sector:nope"
        await settle(pilot)
        assert s.status.text.startswith("bad query: unknown sector 'nope'")
        assert "\n" not in s.status.text
        assert s.timeline.count == 2
        s.search_bar.value = "rason"
        await settle(pilot)
        assert s.status.text.startswith("2 of 5 events")
        assert not s.status.has_class("-error")


async def test_selecting_an_actor_narrows_and_clearing_restores():
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        s = app.main_screen
        await pilot.press("1")
        assert s.actor_list.has_focus
        assert rows(s.actor_list)[0].startswith("  Kim Jong Un")  # after the marker slot
        assert rows(s.actor_list)[0].split()[-3:] == ["person", "KP", "1"]
        await pilot.press("enter")
        await settle(pilot)
        assert s.status.text == "1 of 5 events · events of Kim Jong Un — Esc/c to clear"
        assert s.timeline.count == 1
        text = s.detail.plain_text
        assert text.startswith("Kim Jong Un")
        for alias in ("Kim Jong-un", "김정은", "Ким Чен Ын"):
            assert alias in text
        assert "Vladimir Putin signed an agreement with Kim Jong Un (2024-06)" in text
        await pilot.press("c")
        await settle(pilot)
        assert s.status.text == "5 of 5 events"
        # Esc clears it too
        await pilot.press("enter")
        await settle(pilot)
        assert s.timeline.count == 1
        await pilot.press("escape")
        await settle(pilot)
        assert s.timeline.count == 5


async def test_actor_sort_by_count():
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        s = app.main_screen
        await pilot.press("1", "s")
        await settle(pilot)
        assert s.actor_list.sort_by == "count"
        assert rows(s.actor_list)[0].startswith("  Rason")  # 2 events
        await pilot.press("s")
        assert rows(s.actor_list)[0].startswith("  Kim Jong Un")


async def test_links_history_back_and_forward():
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        s = app.main_screen
        await pilot.press("j", "j")  # the treaty
        await settle(pilot)
        assert s.detail.current_id == "treaty-signed"
        await pilot.press("enter")  # into the detail pane
        assert s.detail.has_focus
        assert s.detail.links[:2] == ["vladimir-putin", "kim-jong-un"]
        await pilot.press("j")  # second link: Kim Jong Un
        assert s.detail.selected_link == "kim-jong-un"
        await pilot.press("enter")
        await settle(pilot)
        assert s.detail.current_id == "kim-jong-un"
        assert s.detail.plain_text.startswith("Kim Jong Un")
        # the actor's events are links too
        assert "treaty-signed" in s.detail.links
        await pilot.press("backspace")
        assert s.detail.current_id == "treaty-signed"
        assert s.detail.selected_link == "kim-jong-un"  # back where we left
        await pilot.press("right_square_bracket")
        assert s.detail.current_id == "kim-jong-un"
        await pilot.press("backspace", "backspace")  # nothing before the first page: stays
        assert s.detail.current_id in ("treaty-signed", "railway-rebuilt")


async def test_related_event_link_moves_timeline():
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        s = app.main_screen
        await pilot.press("enter")  # railway (Rason) -> detail
        assert s.detail.links == ["rason"]
        await pilot.press("enter")
        await settle(pilot)
        assert s.detail.current_id == "rason"
        assert "tourists-2024" in s.detail.links
        assert s.detail.select_link("tourists-2024")
        await pilot.press("enter")
        await settle(pilot)
        assert s.detail.current_id == "tourists-2024"
        assert s.timeline.highlighted["id"] == "tourists-2024"


async def test_filters_picker_chips_and_reset():
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        s = app.main_screen
        await pilot.press("f")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, FilterPicker)
        options = picker.query_one("#filter-options")
        # move to "tourism" under Sector by keys and pick it
        target = options.get_option_index("sector\ttourism")
        while options.highlighted != target:
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is s
        assert s.chips.display and "sector:tourism" in s.chips.plain
        assert s.status.text == "1 of 5 events · filters: sector:tourism"
        assert "About 1,500 Russian tourists visit" in rows(s.timeline)[0]
        await pilot.press("x")
        await settle(pilot)
        assert not s.chips.display
        assert s.status.text == "5 of 5 events"


async def test_filters_become_qualifiers_combined_with_the_query():
    assert Filters(sector="tourism", year_from=2024, year_to=2025).to_query() == (
        "sector:tourism year:2024..2025"
    )
    assert Filters(country="KP", kind="place", year_from=2025).to_query() == (
        "country:KP kind:place from:2025"
    )
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        s = app.main_screen
        s.apply_filters(Filters(year_from=2024, year_to=2025))
        await settle(pilot)
        assert s.status.text.startswith("3 of 5 events")
        await pilot.press("slash", *"treaty")
        await settle(pilot)
        assert s.status.text == "1 of 5 events · query: treaty · filters: year:2024..2025"
        s.apply_filters(Filters(source="s-two"))
        await settle(pilot)
        assert s.timeline.count == 0
        assert "no matching events" in rows(s.timeline)[0]


async def test_palette_jumps_to_actor_by_alias():
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        s = await palette_jump(pilot, "Путин")
        assert s.detail.current_id == "vladimir-putin"
        assert s.actor_list.highlighted["id"] == "vladimir-putin"


async def test_palette_jumps_to_event_by_title_words():
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        s = app.main_screen
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"road bridge")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert s.detail.current_id == "bridge-planned"
        assert s.timeline.highlighted["id"] == "bridge-planned"


async def test_help_screen_lists_every_key():
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        md = app.screen.query_one("#help-text").source
        for label in ("Search", "Filters", "Reset", "Back", "Forward", "Cite", "Quit",
                      "Sort", "Follow link", "Clear search", "Zoom", "Next pane", "Jump"):
            assert f"| {label}" in md, label
        for key in ("`/`", "`y`", "`q`", "`?`", "`f`", "`x`", "`s`", "`z`"):
            assert key in md, key
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main_screen


async def test_copy_citation_through_osc52():
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "y")
        await pilot.pause()
        assert app.clipboard == (
            "2024-06 — Putin and Kim sign the partnership treaty\n"
            "Source One: “Putin signed the treaty”"
        )
        assert any("copied the citation" in str(n.message) for n in app._notifications)


async def test_quit_key_exits_zero():
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_missing_store_says_so_and_quits_with_its_code(tmp_path):
    app = make(db=tmp_path / "nope.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        s = app.main_screen
        assert s.status.text.startswith("nkru-tui: ")
        assert "nope.json" in s.status.text
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 3


async def test_tab_moves_between_panes_and_zoom():
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        s = app.main_screen
        assert s.timeline.has_focus
        await pilot.press("tab")
        assert s.detail.has_focus
        await pilot.press("shift+tab", "shift+tab")
        assert s.actor_list.has_focus
        await pilot.press("2", "z")
        assert s.maximized is s.timeline
        await pilot.press("z")
        assert s.maximized is None


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_all_three_panes_visible(size):
    app = make()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        s = app.main_screen
        regions = [w.region for w in (s.actor_list, s.timeline, s.detail)]
        for r in regions:
            assert r.width >= 20 and r.height >= 3
            assert r.right <= size[0] and r.bottom <= size[1]
        if size[0] >= 100:
            # actors above the timeline on the left, the detail beside them
            assert regions[0].x == regions[1].x < regions[2].x
            assert regions[0].y < regions[1].y
        else:
            assert regions[0].y < regions[1].y < regions[2].y  # stacked
            assert all(r.width == size[0] for r in regions)


async def test_resize_to_a_few_cells_and_back():
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        s = app.main_screen
        await pilot.press("slash", *"kim", "enter")
        for w, h in [(3, 2), (1, 1), (10, 4), (40, 10), (2, 30), (200, 60), (80, 24)]:
            await pilot.resize_terminal(w, h)
            await pilot.pause()
            await pilot.press("down", "up", "tab")
        await settle(pilot)
        assert app.is_running
        assert s.status.text.startswith("1 of 5 events")
        assert any("Putin and Kim" in line for line in rows(s.timeline))


async def test_hang_up_exits_the_app():
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.hang_up("test")
        await pilot.pause()
    assert app.return_code == 129


def test_mouse_flag_reaches_textual(monkeypatch):
    """make_app(mouse=False) (the CLI's --no-mouse) runs Textual with the mouse left alone."""
    from textual.app import App

    asked: list[bool] = []
    monkeypatch.setattr(App, "run", lambda self, *, mouse=True, **kw: asked.append(mouse))
    make(mouse=False).run()
    make().run()
    make(mouse=False).run(mouse=True)  # an explicit argument still wins
    assert asked == [False, True, True]
