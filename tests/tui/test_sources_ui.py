"""Sources in the explorer, driven by keys through Pilot: the sources list, the reader (wrapped
text, cited passages marked, find, n/N), Enter from a quote to the reader and from the reader
back to the record, and citing from the reader on an existing record and on a new event.

The real app on mini.json with a user store in tmp_path holding an own source (added through
``SourceLibrary``, as `nkru-tui source add` does) whose text has markup-like and control-free
hostile content. Every wait is on a condition or the workers.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input

from nkru_tui.core.sources import SourceLibrary
from nkru_tui.core.store import validate_record
from nkru_tui.core.userlayer import UserLayer
from nkru_tui.tui import app as app_module
from nkru_tui.tui.app import NkruApp
from nkru_tui.tui.screens.reader import CitePicker, ReaderScreen, SourceText
from nkru_tui.tui.screens.record_form import RecordForm
from nkru_tui.tui.screens.sources_list import SourcesScreen

from .conftest import MINI, settle

TEXT = (
    "Talks in Wonsan\n\n"
    "Foreign Minister Choe Son Hui met Sergei Lavrov in Wonsan on 12 July. "
    "Both sides said the ties were “unbreakable”. [bold]Not markup[/bold] and "
    "[@click=app.quit]no action[/] are part of this text.\n\n"
    "Лавров заявил, что «сотрудничество\u00a0будет расширяться». "
    "최선희 외무상과 라브로프 외무장관이 원산에서 회담을 가졌다.\n\n"
    + "\n\n".join(f"Paragraph {i}: the ferry between Rajin and Vladivostok carried "
                  f"passengers again in week {i}." for i in range(1, 40))
    + "\n"
)
CITED = "Both sides said the ties were “unbreakable”"


class SourcesApp(NkruApp):
    CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))


@pytest.fixture
def user_db(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "user" / "user.json"
    monkeypatch.setenv("NKRU_USER_DB", str(path))
    doc = tmp_path / "talks.txt"
    doc.write_text(TEXT, encoding="utf-8")
    from nkru_tui.core.engine import Engine

    eng = Engine.load(MINI)
    layer = UserLayer.open(path, curated_known_ids=eng.curated_known_ids(),
                           curated_actor_kinds=eng.curated_actor_kinds())
    lib = SourceLibrary.for_engine(layer, eng)
    lib.add(doc, source_id="src-talks", date="2025-07-12", lang="en")
    layer.add_record("events", {"id": "my-talks", "date": "2025-07-12", "title": "Talks",
                                "sectors": ["diplomacy"], "actors": [], "places": [],
                                "figures": []}, validator=validate_record)
    lib.cite("my-talks", "src-talks", CITED)
    return path


def make(user_db: Path) -> SourcesApp:
    return SourcesApp(db_path=MINI, user_db_path=user_db)


async def wait_for(pilot, cond, timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < end, "timed out waiting"
        await pilot.pause(0.02)


def lines(view: SourceText) -> list[str]:
    return [view.render_line(y).text.rstrip() for y in range(view.size.height)]


def stored_evidence(user_db: Path, rid: str) -> list[dict]:
    raw = json.loads(user_db.read_text(encoding="utf-8"))
    for row in raw["events"].values():
        if row["id"] == rid:
            return row.get("evidence", [])
    return []


async def open_reader(pilot, app) -> ReaderScreen:
    await settle(pilot)
    await pilot.press("s")
    await wait_for(pilot, lambda: isinstance(app.screen, SourcesScreen))
    table = app.screen.query_one(DataTable)
    assert table.get_row_at(0)[1].plain.endswith("Talks in Wonsan")  # dated first
    assert [c.plain for c in table.get_row_at(0)] == ["2025-07-12", "*  Talks in Wonsan", "en",
                                                      "1"]
    assert table.get_row_at(1)[1].plain.startswith(" -")  # a curated source without text
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
    await pilot.pause()
    return app.screen


async def test_sources_list_and_reader_show_text_literally_with_cited_passages(user_db):
    app = make(user_db)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await open_reader(pilot, app)
        view = reader.view
        shown = lines(view)
        assert shown[0] == "  Talks in Wonsan"
        joined = "\n".join(shown)
        assert "[bold]Not markup[/bold]" in joined and "[@click=app.quit]no action[/]" in joined
        assert all(len(line) <= 80 for line in shown)
        marked = [line for line in shown if line.startswith("┃")]
        assert marked and any("unbreakable" in line for line in marked)
        # the cited passage is underlined (visible without colour)
        row = next(y for y, line in enumerate(shown) if "unbreakable" in line)
        segs = [s for s in view.render_line(row) if "unbreakable" in s.text]
        assert segs and all(s.style and s.style.underline for s in segs)
        # no click actions anywhere in the drawn text
        for y in range(view.size.height):
            for seg in view.render_line(y):
                assert not (seg.style and seg.style.meta and "@click" in seg.style.meta)
        await pilot.click("#reader-text", offset=(20, 4))
        assert app.is_running


async def test_find_next_previous_and_enter_goes_to_the_citing_record(user_db):
    app = make(user_db)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await open_reader(pilot, app)
        view = reader.view
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"vladivostok", "enter")
        await pilot.pause()
        assert len(view.matches) == 39 and view.current == 0
        first = view.cursor
        assert TEXT[first:first + 11] == "Vladivostok"
        await pilot.press("n", "n")
        assert view.current == 2 and view.cursor > first
        await pilot.press("N")
        assert view.current == 1
        await pilot.press("N", "N")
        assert view.current == 38  # wraps round
        row, _ = view.row_col()
        top = int(view.scroll_offset.y)
        assert top <= row < top + view.size.height  # the match is on screen
        # Enter on a cited passage: to the record citing it
        await pilot.press("escape")  # the find is cleared, the reader stays
        assert isinstance(app.screen, ReaderScreen) and not view.matches
        view.move_to(TEXT.index("ties were"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, ReaderScreen))
        await settle(pilot)
        assert app.main_screen.detail.current_id == "my-talks"


async def test_enter_on_an_evidence_quote_opens_the_reader_at_that_passage(user_db):
    app = make(user_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        s = app.main_screen
        s.navigate("my-talks")
        await settle(pilot)
        await pilot.press("3")
        assert s.detail.select_link("@quote:my-talks:0")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await pilot.pause()
        view = app.screen.view
        assert view.cursor == TEXT.index(CITED)
        assert view.passage_at(view.cursor).record_id == "my-talks"


async def test_cite_a_selection_on_an_existing_own_record(user_db):
    app = make(user_db)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await open_reader(pilot, app)
        view = reader.view
        view.move_to(TEXT.index("Лавров"))
        await pilot.press("v", "w", "w", "w")  # a selection grown by words
        assert TEXT[slice(*view.selection())] == "Лавров заявил, что «сотрудничество"
        await pilot.press("right_parenthesis")  # ... and to the end of the sentence
        quote = TEXT[slice(*view.selection())]
        assert quote == "Лавров заявил, что «сотрудничество\u00a0будет расширяться»."
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CitePicker))
        await pilot.press("down", "enter")  # below "a new event": my-talks
        await wait_for(pilot, lambda: len(stored_evidence(user_db, "my-talks")) == 2)
        await settle(pilot)
        ev = stored_evidence(user_db, "my-talks")[1]
        assert ev["quote"] == quote and ev["tier"] == "exact" and ev["source"] == "src-talks"
        pos = next(s for s in ev["selector"] if s["type"] == "TextPositionSelector")
        assert TEXT[pos["start"]:pos["end"]] == quote
        assert isinstance(app.screen, ReaderScreen)
        assert reader.view.passage_at(TEXT.index("Лавров")).record_id == "my-talks"


async def test_cite_the_find_match_on_a_new_event_through_the_add_form(user_db):
    app = make(user_db)
    async with app.run_test(size=(120, 44)) as pilot:
        reader = await open_reader(pilot, app)
        await pilot.press("slash", *"passengers again in week 7.", "enter")
        await pilot.pause()
        assert reader.view.current == 0
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CitePicker))
        await pilot.press("enter")  # "a new event"
        await wait_for(pilot, lambda: isinstance(app.screen, RecordForm))
        form = app.screen
        assert form.query_one("#f-evidence_source", Input).value == "src-talks"
        assert form.query_one("#f-evidence_quote", Input).value == "passengers again in week 7."
        for field, value in (("id", "my-ferry"), ("title", "Ferry carries passengers"),
                             ("date", "2025"), ("sectors", "transport")):
            form.query_one(f"#f-{field}", Input).value = value
            await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: stored_evidence(user_db, "my-ferry"))
        ev = stored_evidence(user_db, "my-ferry")[0]
        assert ev["tier"] == "exact" and ev["sha256"]
        start = next(s for s in ev["selector"] if s["type"] == "TextPositionSelector")["start"]
        assert start == TEXT.index("passengers again in week 7.")


async def test_a_form_quote_not_in_the_source_is_refused_and_nothing_saved(user_db):
    app = make(user_db)
    async with app.run_test(size=(120, 44)) as pilot:
        await settle(pilot)
        app.main_screen._open_form("event", prefill={"evidence": [
            {"source": "src-talks", "quote": "a sentence that is not in the talks text"}]})
        await wait_for(pilot, lambda: isinstance(app.screen, RecordForm))
        await pilot.pause()
        form = app.screen
        for field, value in (("id", "my-wrong"), ("title", "Wrong"), ("date", "2025"),
                             ("sectors", "transport")):
            form.query_one(f"#f-{field}", Input).value = value
            await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any("not in the source" in n.message
                                          for n in app._notifications))
        await settle(pilot)
        assert stored_evidence(user_db, "my-wrong") == []


def test_reader_80x24_snapshot(user_db, snap_compare, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")

    async def run_before(pilot):
        await open_reader(pilot, pilot.app)
        await pilot.press("slash", *"ferry", "enter")
        await pilot.pause()

    assert snap_compare(make(user_db), terminal_size=(80, 24), run_before=run_before)


async def test_a_curated_source_with_an_attached_copy_reads_with_its_curated_quotes(
    tmp_path, monkeypatch
):
    path = tmp_path / "u" / "user.json"
    monkeypatch.setenv("NKRU_USER_DB", str(path))
    app = SourcesApp(db_path=MINI, user_db_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SourcesScreen))
        table = app.screen.query_one(DataTable)
        assert [table.get_row_at(i)[1].plain for i in range(2)] == [
            " - Source One", " - Source Two"]
        await pilot.press("down", "enter")  # Source Two has no text here: said so
        await wait_for(pilot, lambda: any("attach your copy" in n.message
                                          for n in app._notifications))
        assert not isinstance(app.screen, ReaderScreen)

    from nkru_tui.core.engine import Engine

    copy = tmp_path / "two.txt"
    copy.write_text("Talks were held in the coastal\ncity of Wonsan in July.\n", encoding="utf-8")
    eng = Engine.load(MINI)
    layer = UserLayer.open(path, curated_known_ids=eng.curated_known_ids(),
                           curated_actor_kinds=eng.curated_actor_kinds())
    SourceLibrary.for_engine(layer, eng).attach("s-two", copy)
    app = SourcesApp(db_path=MINI, user_db_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SourcesScreen))
        assert app.screen.query_one(DataTable).get_row_at(1)[1].plain == "   Source Two"
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await pilot.pause()
        view = app.screen.view
        shown = lines(view)
        assert shown[:2] == ["┃ Talks were held in the coastal", "┃ city of Wonsan in July."]
        ids = {p.record_id for p in view.passages}
        assert ids == {"wonsan-talks", "wonsan"}  # both curated records citing it
