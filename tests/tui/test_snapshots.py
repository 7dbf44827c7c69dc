"""Snapshot tests at 80x24 and 120x40 (baselines in __snapshots__; --snapshot-update to renew)."""

from __future__ import annotations

from nkru_tui.tui.app import make_app

from .conftest import MINI, settle


def app():
    return make_app(db_path=MINI)


async def ready(pilot) -> None:
    await settle(pilot)
    pilot.app.main_screen.search_bar.cursor_blink = False


def test_start_80x24(snap_compare):
    assert snap_compare(app(), terminal_size=(80, 24), run_before=ready)


def test_start_120x40(snap_compare):
    assert snap_compare(app(), terminal_size=(120, 40), run_before=ready)


def test_search_80x24(snap_compare):
    async def run_before(pilot):
        await ready(pilot)
        await pilot.press("slash", *"kim")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=(80, 24), run_before=run_before)


def test_actor_selected_120x40(snap_compare):
    async def run_before(pilot):
        await ready(pilot)
        await pilot.press("1", "enter")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=(120, 40), run_before=run_before)


def test_event_detail_with_links_120x40(snap_compare):
    async def run_before(pilot):
        await ready(pilot)
        await pilot.press("j", "j", "enter", "j")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=(120, 40), run_before=run_before)


def test_filters_chips_80x24(snap_compare):
    async def run_before(pilot):
        from nkru_tui.tui.filters import Filters

        await ready(pilot)
        pilot.app.main_screen.apply_filters(Filters(sector="transport", year_from=2008))
        await settle(pilot)

    assert snap_compare(app(), terminal_size=(80, 24), run_before=run_before)


def test_filter_picker_80x24(snap_compare):
    async def run_before(pilot):
        await ready(pilot)
        await pilot.press("f", "down", "down")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=(80, 24), run_before=run_before)


def test_help_80x24(snap_compare):
    async def run_before(pilot):
        await ready(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=(80, 24), run_before=run_before)
