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


async def test_the_add_form_takes_a_window_a_season_and_the_inferred_marker(tmp_path):
    from nkru_tui.tui.screens.record_form import RecordForm, RecordKindPicker

    from .test_user_layer_ui import UserApp, set_value, wait_for

    app = UserApp(db_path=MODEL, user_db_path=tmp_path / "u.json")
    async with app.run_test(size=(120, 44)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, RecordKindPicker))
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, RecordForm))
        form = app.screen
        await set_value(pilot, form, "id", "my-window")
        await set_value(pilot, form, "date", "2024-05")
        await set_value(pilot, form, "title", "Mine")
        await set_value(pilot, form, "sectors", "trade")
        await set_value(pilot, form, "latest", "2024-01")
        await set_value(pilot, form, "inferred_note", "my reading")
        await pilot.pause()
        assert "latest" in form.problems and "before date" in " ".join(form.problems["latest"])
        await set_value(pilot, form, "latest", "2025")
        await pilot.pause()
        assert form.problems == {}, form.problems
        rec = form.record()
        assert rec["latest"] == "2025" and rec["inferred"] is True
        assert rec["inferred_note"] == "my reading" and "season" not in rec
        await set_value(pilot, form, "inferred_note", "")
        assert "inferred" not in form.record() and "inferred_note" not in form.record()
