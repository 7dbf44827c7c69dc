"""Names across scripts in the explorer (issue 11), driven by keys through Pilot: a Latin query
highlights the name where a record writes it in Cyrillic or Hangul (timeline and detail), the
actor list finds an own actor named only «Лавров», the sources list filters by words of the
texts in any script, and the reader's `/` finds «Лавров» and 라브로프 from Lavrov.

The real app on mini.json with a user store in tmp_path (records, an actor and two sources
added through the user layer and ``SourceLibrary``, as the CLI adds them).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input

from nkru_tui.core.engine import Engine
from nkru_tui.core.sources import SourceLibrary
from nkru_tui.core.store import validate_record
from nkru_tui.core.userlayer import UserLayer
from nkru_tui.tui import app as app_module
from nkru_tui.tui.app import NkruApp
from nkru_tui.tui.screens.reader import ReaderScreen
from nkru_tui.tui.screens.sources_list import SourcesScreen

from .conftest import MINI, palette_jump, settle
from .test_sources_ui import wait_for

RU = (
    "Визит в Пхеньян\n\n"
    "Министр иностранных дел России Сергей Лавров прибыл в КНДР [bold]не разметка[/bold].\n\n"
    "Переговоры прошли в Вонсане. Лаврова встретила Чвэ Сон Хи.\n"
)
KO = "원산 회담\n\n최선희 외무상과 라브로프 외무장관이 원산에서 만났다.\n"
EN = "Ferry news\n\nThe ferry between Rajin and Vladivostok carried passengers again.\n"


class TranslitApp(NkruApp):
    CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))


def _event(rid: str, title: str, summary: str) -> dict:
    return {
        "id": rid,
        "date": "2025-07-12",
        "title": title,
        "summary": summary,
        "sectors": ["diplomacy"],
        "actors": [],
        "places": [],
        "figures": [],
    }


@pytest.fixture
def user_db(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "user" / "user.json"
    monkeypatch.setenv("NKRU_USER_DB", str(path))
    eng = Engine.load(MINI)
    layer = UserLayer.open(
        path,
        curated_known_ids=eng.curated_known_ids(),
        curated_actor_kinds=eng.curated_actor_kinds(),
    )
    lib = SourceLibrary.for_engine(layer, eng)
    for name, text, lang in (("ru.txt", RU, "ru"), ("ko.txt", KO, "ko"), ("en.txt", EN, "en")):
        doc = tmp_path / name
        doc.write_text(text, encoding="utf-8")
        lib.add(doc, source_id=f"src-{lang}", date="2025-07-12", lang=lang)
    layer.add_record(
        "events",
        _event("my-visit", "Шойгу прибыл", "Лавров встретил Чвэ Сон Хи в Вонсане."),
        validator=validate_record,
    )
    layer.add_record(
        "actors",
        {"id": "my-lavrov", "name": "Лавров", "kind": "person", "country": "RU"},
        validator=validate_record,
    )
    return path


def make(user_db: Path) -> TranslitApp:
    return TranslitApp(db_path=MINI, user_db_path=user_db)


def styled(strip, style_test) -> list[str]:
    """The texts of a drawn line's segments that ``style_test`` accepts."""
    return [seg.text for seg in strip if seg.style and style_test(seg.style)]


async def search(pilot, text: str) -> None:
    await pilot.press("slash", *text)
    await settle(pilot)


def summary_marks(s) -> list[str]:
    """What the detail pane marks in the own event's summary."""
    lines = [s.detail.render_line(y) for y in range(s.detail.size.height)]
    (summary,) = [ln for ln in lines if "Вонсане" in ln.text]
    return styled(summary, lambda st: st.underline)


async def test_a_latin_query_highlights_the_name_in_its_own_script_as_you_type(user_db):
    app = make(user_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        s = app.main_screen
        await search(pilot, "Shoigu")
        assert s.status.text.startswith("1 of ")
        row = s.timeline.render_line(0)
        assert "Шойгу прибыл" in row.text
        assert styled(row, lambda st: st.underline) == ["Шойгу"]
        # the detail pane shows the same record, marked again for each new query
        for query, marked in (
            ("Choe Son Hui", ["Чвэ Сон Хи"]),  # written in Cyrillic as three words
            ("Лавров", ["Лавров"]),  # a literal word, as before
            ("Lavrov", ["Лавров"]),
            ('"Лавров встретил"', ["Лавров встретил"]),
        ):
            await pilot.press("escape")
            await search(pilot, query)
            assert s.detail.current_id == "my-visit"
            assert summary_marks(s) == marked, query


async def test_the_palette_jumps_to_an_own_actor_named_only_in_cyrillic(user_db):
    app = make(user_db)
    async with app.run_test(size=(100, 30)) as pilot:
        s = await palette_jump(pilot, "Lavrov")
        assert s.detail.current_id == "my-lavrov"
        assert s.actor_list.highlighted["id"] == "my-lavrov"


async def open_sources(pilot, app) -> SourcesScreen:
    await settle(pilot)
    await pilot.press("s")
    await wait_for(pilot, lambda: isinstance(app.screen, SourcesScreen))
    return app.screen


def listed(screen: SourcesScreen) -> list[str]:
    table = screen.query_one(DataTable)
    return [str(table.get_row_at(i)[1].plain).strip(" *-") for i in range(table.row_count)]


async def test_the_sources_list_filters_by_words_of_the_texts_in_any_script(user_db):
    app = make(user_db)
    async with app.run_test(size=(80, 24)) as pilot:
        listing = await open_sources(pilot, app)
        everything = listed(listing)
        assert {"Визит в Пхеньян", "원산 회담", "Ferry news", "Source One"} <= set(everything)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"Lavrov")
        assert listed(listing) == ["Визит в Пхеньян", "원산 회담"]
        assert "2 of " in str(listing.query_one("#sources-title").render())
        await pilot.press("ctrl+u", *"Choe Son Hui")
        assert listed(listing) == ["Визит в Пхеньян", "원산 회담"]
        await pilot.press("ctrl+u", *"Vladivostok")
        assert listed(listing) == ["Ferry news"]
        await pilot.press("ctrl+u", *"source one")  # a title matches too
        assert listed(listing) == ["Source One"]
        await pilot.press("ctrl+u", *"year:2024")  # a qualifier: said in the hint line
        assert "year: selects events" in str(listing.query_one("#sources-hint").render())
        await pilot.press("ctrl+u")
        assert listed(listing) == everything
        # Esc in the filter goes back to the list; Esc there closes it
        await pilot.press("escape")
        assert isinstance(app.focused, DataTable) and isinstance(app.screen, SourcesScreen)
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, SourcesScreen))


async def test_the_reader_finds_a_name_in_another_script_with_n_and_N(user_db):
    app = make(user_db)
    async with app.run_test(size=(80, 24)) as pilot:
        listing = await open_sources(pilot, app)
        await pilot.press("slash", *"Lavrov", "enter")
        assert isinstance(app.focused, DataTable)
        await pilot.press("enter")  # the first row: the Russian source, opened at the match
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await pilot.pause()
        reader = app.screen
        view = reader.view
        assert listing.filter_text == "Lavrov" and reader.source_id == "src-ru"
        assert [RU[a:b] for a, b in view.matches] == ["Лавров", "Лаврова"]
        assert view.current == 0 and view.cursor == RU.index("Лавров")
        await pilot.press("n")
        assert view.current == 1 and view.cursor == RU.index("Лаврова")
        await pilot.press("N")
        assert view.current == 0
        # a find typed in the reader: the same, and plain words as before
        await pilot.press("escape", "slash", *"Choe Son Hui", "enter")
        assert [RU[a:b] for a, b in view.matches] == ["Чвэ Сон Хи"]
        row = next(y for y in range(view.size.height) if "Чвэ" in view.render_line(y).text)
        assert "".join(styled(view.render_line(row), lambda st: st.reverse)) == "Чвэ Сон Хи"
        await pilot.press("escape", "slash", *"прибыл", "enter")
        assert [RU[a:b] for a, b in view.matches] == ["прибыл"]
        await pilot.press("escape", "slash", *'"unclosed', "enter")  # not a query: no crash
        assert view.matches == [] and app.is_running


def test_reader_find_across_scripts_80x24_snapshot(user_db, snap_compare, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")

    async def run_before(pilot):
        await open_sources(pilot, pilot.app)
        await pilot.press("slash", *"Lavrov", "enter", "down", "enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ReaderScreen))
        await pilot.pause()

    assert snap_compare(make(user_db), terminal_size=(80, 24), run_before=run_before)


def test_sources_filtered_80x24_snapshot(user_db, snap_compare, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")

    async def run_before(pilot):
        await open_sources(pilot, pilot.app)
        await pilot.press("slash", *"Pyongyang")
        pilot.app.screen.query_one(Input).cursor_blink = False
        await pilot.pause()

    assert snap_compare(make(user_db), terminal_size=(80, 24), run_before=run_before)


def test_cross_script_highlight_80x24_snapshot(user_db, snap_compare, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")

    async def run_before(pilot):
        await settle(pilot)
        pilot.app.main_screen.search_bar.cursor_blink = False
        await search(pilot, "Choe Son Hui")

    assert snap_compare(make(user_db), terminal_size=(80, 24), run_before=run_before)
