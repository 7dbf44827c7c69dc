"""Untrusted text is never markup; NO_COLOR is plain; the timeline scales to 100k events."""

from __future__ import annotations

import time

from rich.style import Style
from textual.app import App, ComposeResult
from textual.filter import Monochrome, NoColor

from nkru_tui.core.engine import Engine
from nkru_tui.tui.app import make_app
from nkru_tui.tui.widgets.timeline import Timeline

from .conftest import HOSTILE_ALIAS, HOSTILE_TITLE, MINI, rows, settle


def test_hostile_store_still_validates(hostile_store):
    eng = Engine.load(hostile_store)
    assert eng.get("treaty-signed")["title"].startswith(HOSTILE_TITLE)


async def test_markup_in_data_is_shown_literally(hostile_store):
    app = make_app(db_path=hostile_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        s = app.main_screen
        await pilot.press("2", "j", "j")  # the hostile event
        await settle(pilot)
        assert s.detail.current_id == "treaty-signed"
        text = s.detail.plain_text
        assert HOSTILE_TITLE in text
        assert "Summary with [red]markup[/red] and [/] and [@click=app.quit]x[/]." in text
        assert "[/] Source [b]One" in text
        assert "Vladimir [i]Putin[/] ([bold]role)" in text
        # the rendered lines carry no click actions
        for y in range(s.detail.scrollable_content_region.height):
            for seg in s.detail.render_line(y):
                assert not (seg.style and seg.style.meta and "@click" in seg.style.meta)
        line = s.timeline.render_line(2)
        assert "[/] [bold]x [@click=a" in line.text
        # clicking the text triggers nothing
        await pilot.click("#timeline", offset=(30, 2))
        await pilot.click("#detail", offset=(3, 0))
        await settle(pilot)
        assert app.is_running
        # actors: the hostile name and alias
        await pilot.press("1")
        assert any("Vladimir [i]Putin[/]" in r for r in rows(s.actor_list))
        s.actor_list.move_to("kim-jong-un")
        await pilot.press("enter")
        await settle(pilot)
        assert HOSTILE_ALIAS in s.detail.plain_text
        await pilot.press("y")  # no event is in the detail: the timeline's is cited
        await pilot.pause()
        assert app.is_running


async def test_markup_in_the_query_is_literal(hostile_store):
    app = make_app(db_path=hostile_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        s = app.main_screen
        for query in ("[/]", "[bold]x", "[@click=app.quit]quit[/]", "[@click=app.quit]"):
            await pilot.press("escape", "slash", *query)
            await settle(pilot)
            assert app.is_running
            assert f"query: {query}" in s.status.text
        await pilot.press("enter")
        await pilot.click("#status", offset=(30, 0))
        await settle(pilot)
        assert app.is_running
        # the palette with the same text
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"[@click=app.quit]quit[/]")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"quit")  # finds the hostile alias: the prompt must stay literal
        await settle(pilot)
        assert app.is_running
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
        # notifications with hostile titles
        await pilot.press("2", "j", "j", "y")
        await pilot.pause()
        assert app.is_running
        assert HOSTILE_TITLE in app.clipboard


async def test_filter_picker_source_titles_are_literal(hostile_store):
    app = make_app(db_path=hostile_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await pilot.pause()
        options = app.screen.query_one("#filter-options")
        prompt = options.get_option("source\ts-one").prompt
        assert "[/] Source [b]One" in str(prompt)
        await pilot.press("end", "escape")
        await settle(pilot)
        assert app.is_running


async def test_hangul_and_cyrillic_align_in_columns(tmp_path):
    import json

    raw = json.loads(MINI.read_text(encoding="utf-8"))
    raw["actors"]["1"]["name"] = "김정은 위원장"
    raw["actors"]["2"]["name"] = "Владимир Путин"
    db = tmp_path / "scripts.json"
    db.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    from rich.cells import cell_len

    app = make_app(db_path=db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        s = app.main_screen
        lines = [s.actor_list.render_line(y) for y in range(5)]
        width = s.actor_list.scrollable_content_region.width
        for strip in lines:
            assert strip.cell_length == width
        texts = [strip.text for strip in lines]
        # the kind column starts at the same cell on every row
        cols = {cell_len(t[: t.index(k)]) for t in texts for k in ("person", "place") if k in t}
        assert len(cols) == 1, texts


async def test_no_color_is_plain_with_a_visible_cursor(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(db_path=MINI)
    assert app.no_color
    assert any(isinstance(f, NoColor) for f in app._filters)
    assert not any(isinstance(f, Monochrome) for f in app._filters)
    assert app.theme == "ansi-dark"
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        s = app.main_screen
        cursor_line = s.timeline.render_line(0)
        assert all(seg.style.reverse for seg in cursor_line if seg.text.strip())
        other = s.timeline.render_line(1)
        assert not any(seg.style and seg.style.reverse for seg in other)
        # after the filter every segment of the screen is colourless
        strips = app.screen._compositor.render_strips()
        filt = next(f for f in app._filters if isinstance(f, NoColor))
        from textual.color import Color

        for strip in strips[:5]:
            for seg in filt.apply(list(strip), Color(0, 0, 0)):
                if seg.style:
                    assert seg.style.color is None or seg.style.color.is_default
                    assert seg.style.bgcolor is None or seg.style.bgcolor.is_default


class TimelineApp(App):
    def compose(self) -> ComposeResult:
        yield Timeline(id="timeline")


async def test_timeline_scales_to_100k_events():
    events = [
        {"id": f"e{i}", "date": f"{1950 + i // 2000}-01-01", "title": f"event number {i}",
         "sectors": ["trade"]}
        for i in range(100_000)
    ]
    app = TimelineApp()
    async with app.run_test(size=(80, 24)) as pilot:
        tl = app.query_one(Timeline)
        calls = 0
        real = tl.render_row

        def counting(index, width, base: Style):
            nonlocal calls
            calls += 1
            return real(index, width, base)

        tl.render_row = counting
        tl.focus()
        start = time.perf_counter()
        tl.set_events(events)
        await pilot.pause()
        await pilot.press("G")
        await pilot.pause()
        await pilot.press("pageup", "k", "k")
        await pilot.pause()
        elapsed = time.perf_counter() - start
        assert tl.cursor == 100_000 - 1 - (24 - 1) - 2
        assert tl.virtual_size.height == 100_000
        assert any("event number 99999" in r for r in rows(tl)) or any(
            "event number 9997" in r for r in rows(tl))
        assert calls < 24 * 12, f"rendered {calls} rows for a 24-line screen"
        assert elapsed < 5
