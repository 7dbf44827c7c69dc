"""The explorer shows what a date says, figure qualifiers and the inferred marker (issue 12),
on tests/fixtures/model.json."""

from __future__ import annotations

from nkru_tui.tui.app import make_app

from .conftest import FIXTURES, rows, settle

MODEL = FIXTURES / "model.json"


async def test_timeline_rows_tell_spans_windows_and_seasons_apart():
    app = make_app(db_path=MODEL)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lines = rows(app.main_screen.timeline)[:9]
        firsts = [line[2:15].strip() for line in lines]  # mark, then a 12-cell date
        assert firsts == ["2008–2013", "2024–25?", "2024", "spring 2024", "2024-06",
                          "winter 2024", "2025-03…?", "2025-07-12", "2026?"], lines


async def test_detail_says_the_kind_of_date_the_figures_and_the_inference():
    app = make_app(db_path=MODEL)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        s = app.main_screen
        await pilot.press(*["j"] * 5)
        await settle(pilot)
        text = s.detail.plain_text
        assert text.startswith("Troops sent for the winter"), text
        assert "winter 2024 (December 2024 to February 2025)" in text
        assert "Inferred, not stated by the source: the source says 'indicating that'" in text
        assert "thousands of troops: troops sent" in text
        assert "less than 5 tonnes: aid delivered" in text
        await pilot.press("k", "k", "k", "k")
        await settle(pilot)
        text = s.detail.plain_text
        assert text.startswith("Tours to Rason suspended once"), text
        assert "2024–25? (a window: once, at some time between 2024 and 2025" in text
        await pilot.press("j", "j")
        await settle(pilot)
        assert "more than 10 groups: tourist groups at the fair" in s.detail.plain_text


async def test_the_density_bar_says_how_many_of_its_events_are_windows():
    from textual.app import App

    from nkru_tui.core import graph
    from nkru_tui.core.engine import Engine
    from nkru_tui.tui.widgets.density import DensityChart

    evs = Engine.load(MODEL).search_events("year:2025")
    assert graph.window_counts(evs, "year") == {"2024": 1, "2025": 1}

    class Chart(App):
        def compose(self):
            yield DensityChart(evs, by="year", id="chart")

    app = Chart()
    async with app.run_test(size=(80, 6)) as pilot:
        chart = app.query_one(DensityChart)
        chart.focus()
        await pilot.pause()
        info = chart.render_line(chart.size.height - 1).text
        assert info.startswith("2025 · 2 events (1 may be later)"), info
        await pilot.press("left")
        info = chart.render_line(chart.size.height - 1).text
        assert info.startswith("2024 · 2 events (1 may be later)"), info
