"""Saved searches in the explorer: S saves query, filters and actor; @name recalls them; the
command palette lists them and deletes one."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from textual.command import CommandPalette

from nkru_tui.core.userlayer import UserLayer
from nkru_tui.tui.app import make_app
from nkru_tui.tui.filters import Filters
from nkru_tui.tui.screens.save_search import SaveSearchScreen

from .conftest import MINI, rows, settle


@pytest.fixture
def user_db(tmp_path) -> Path:
    return tmp_path / "user" / "user.json"


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def wait_for(pilot, cond, timeout: float = 10.0) -> None:
    start = time.monotonic()
    while not cond():
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.05)
        assert time.monotonic() - start < timeout, "timed out"


async def test_s_saves_query_filters_and_actor_and_at_name_recalls_them(tmp_path, user_db):
    db = tmp_path / "db.json"
    shutil.copyfile(MINI, db)
    app = make_app(db_path=db, user_db_path=user_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        s = app.main_screen
        s.apply_filters(Filters(sector="diplomacy"))
        s.select_actor("kim-jong-un")
        await pilot.press("slash", *"treaty", "enter")
        await settle(pilot)
        shown = rows(s.timeline)[:2]
        status = s.status.text
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, SaveSearchScreen)
        await pilot.press(*"[b]x y", "enter")  # refused, shown as plain text, not saved
        await settle(pilot)
        message = str(app.screen.query_one("#save-search-message").render())
        assert message.startswith("'[b]x y' is not a search name")
        assert isinstance(app.screen, SaveSearchScreen)
        app.screen.query_one("#save-search-name").value = ""
        await pilot.press(*"kim-diplo", "enter")
        await wait_for(pilot, lambda: any("saved the search @kim-diplo" in n for n in notices(app)))
        (saved,) = UserLayer.open(user_db).saved_searches()
        assert saved["query"] == "treaty sector:diplomacy actor:kim-jong-un"  # what @name means
        assert saved["parts"] == {
            "query": "treaty",
            "filters": {"sector": "diplomacy"},
            "actor": "kim-jong-un",
        }
        # clear everything, then recall with @name in the search bar
        await pilot.press("slash", "escape", "x", "c")
        await settle(pilot)
        assert s.state.full_query() == ""
        await pilot.press("slash", *"@kim-diplo")
        await settle(pilot)
        # @name works as you type (the whole query)...
        assert s.status.text == "1 of 5 events · query: @kim-diplo"
        await pilot.press("enter")  # ...and Enter puts the chips and the actor back
        await settle(pilot)
        assert s.state.query == "treaty"
        assert s.state.filters == Filters(sector="diplomacy")
        assert s.state.actor == "kim-jong-un"
        assert s.search_bar.value == "treaty"
        assert s.status.text == status
        assert rows(s.timeline)[: len(shown)] == shown
        # an unknown name: one line in the status, the last results stay
        await pilot.press("slash")
        s.search_bar.value = "@nope"
        await settle(pilot)
        assert s.status.text.startswith("bad query: no saved search @nope")


async def test_the_palette_lists_recalls_and_deletes_saved_searches(tmp_path, user_db):
    layer = UserLayer.open(user_db)
    layer.save_search(
        "tour", "tourism from:2024", {"query": "tourism", "filters": {"year_from": 2024}}
    )
    app = make_app(db_path=MINI, user_db_path=user_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        s = app.main_screen
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"@tour")
        await wait_for(pilot, lambda: "saved search: @tour" in _palette_text(app))
        await pilot.press("enter")
        await settle(pilot)
        assert s.state.query == "tourism" and s.state.filters == Filters(year_from=2024)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"delete saved search tour")
        await wait_for(pilot, lambda: "delete saved search: @tour" in _palette_text(app))
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: any("deleted the saved search @tour" in n for n in notices(app))
        )
        assert UserLayer.open(user_db).saved_searches() == []


def _palette_text(app) -> str:
    from textual.widgets import OptionList

    if not isinstance(app.screen, CommandPalette):
        return ""
    options = app.screen.query_one(OptionList)
    return "\n".join(
        str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
    )
