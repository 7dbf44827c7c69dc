"""The analyst's own layer in the TUI, driven by keys through Pilot.

The real app built like ``make_app``, on a temp copy of mini.json and a user store in
tmp_path. Every wait is on a condition or on the workers, never a fixed sleep.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, SelectionList

from nkru_tui.core import schema
from nkru_tui.core.userlayer import UserLayer
from nkru_tui.tui import app as app_module
from nkru_tui.tui.app import NkruApp
from nkru_tui.tui.screens import main as main_module
from nkru_tui.tui.screens.note_editor import NoteEditor
from nkru_tui.tui.screens.record_form import ConfirmScreen, RecordForm, RecordKindPicker
from nkru_tui.tui.widgets.detail import user_section

from .conftest import MINI, rows, settle

ROOT = Path(__file__).resolve().parents[2]


class UserApp(NkruApp):
    CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))  # not next to this test


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "db.json"
    shutil.copyfile(MINI, path)
    return path


@pytest.fixture
def user_db(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "user" / "user.json"
    monkeypatch.setenv("NKRU_USER_DB", str(path))
    return path


def make(db: Path, user_db: Path) -> UserApp:
    return UserApp(db_path=db, user_db_path=user_db)


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def wait_for(pilot, cond, timeout: float = 5.0, what: str = "condition") -> float:
    """Wait until ``cond()`` holds (workers done, UI updated); return the seconds it took."""
    start = time.monotonic()
    while True:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if cond():
            return time.monotonic() - start
        if time.monotonic() - start > timeout:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await pilot.pause(0.05)


def saw(app, *words: str):
    return lambda: any(all(w in m for w in words) for m in messages(app))


async def search(pilot, text: str) -> None:
    s = pilot.app.main_screen
    await pilot.press("slash")
    s.search_bar.value = ""
    await pilot.press(*text)
    await pilot.press("enter")
    await settle(pilot)


async def clear_search(pilot) -> None:
    await pilot.press("slash", "escape")
    await settle(pilot)


def stored(user_db: Path) -> UserLayer:
    return UserLayer.open(user_db)


HOSTILE_NOTE = "Встреча в 평양\n[/] [bold]not bold[/bold] [@click=app.quit]quit[/]\n  indented line"


# ---------------------------------------------------------------------------- bookmarks, undo


async def test_b_bookmarks_the_selected_event_marks_it_and_is_bookmarked_finds_it(db, user_db):
    app = make(db, user_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        s = app.main_screen
        assert rows(s.timeline)[0].startswith("  2008")  # no marker yet
        await pilot.press("b")
        await wait_for(pilot, saw(app, "bookmarked and saved"), what="saved")
        assert stored(user_db).bookmarks() == {"railway-rebuilt"}  # on disk when "saved"
        assert rows(s.timeline)[0].startswith("★ 2008")
        assert "★ bookmarked" in s.detail.plain_text.lower()
        await search(pilot, "is:bookmarked")
        assert s.status.text.startswith("1 of 5 events")
        assert "Khasan to Rajin rail" in rows(s.timeline)[0]
        await clear_search(pilot)
        # an actor: the bookmark goes on the actor the focused list shows
        await pilot.press("1")
        await pilot.press("b")
        await wait_for(pilot, saw(app, "bookmarked and saved: Kim Jong Un"))
        assert stored(user_db).bookmarks() == {"railway-rebuilt", "kim-jong-un"}
        # the actors pane marks it as the timeline does
        await wait_for(pilot, lambda: rows(s.actor_list)[0].startswith("★ Kim Jong Un"),
                       what="★ in the actors pane")


async def test_u_undoes_the_last_bookmark_and_note_change(db, user_db):
    app = make(db, user_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        s = app.main_screen
        await pilot.press("b")
        await wait_for(pilot, saw(app, "bookmarked and saved"))
        assert rows(s.timeline)[0].startswith("★")
        await pilot.press("u")
        await wait_for(pilot, saw(app, "undone and saved: removed bookmark on railway-rebuilt"))
        assert stored(user_db).bookmarks() == set()
        assert not rows(s.timeline)[0].startswith("★")
        await search(pilot, "is:bookmarked")
        assert s.status.text.startswith("0 of 5 events")
        await clear_search(pilot)
        await pilot.press("u")
        await wait_for(pilot, saw(app, "nothing to undo"))


# ---------------------------------------------------------------------------- notes


async def test_n_saves_a_multiline_note_in_any_script_shown_literally(db, user_db):
    app = make(db, user_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        s = app.main_screen
        await pilot.press("j")  # tourists-2024
        await settle(pilot)
        assert s.detail.current_id == "tourists-2024"
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor))
        editor = app.screen
        assert "About 1,500 Russian tourists" in str(editor.query_one("#note-title").render())
        area = editor.text_area
        assert area.has_focus
        app.post_message(events.Paste(HOSTILE_NOTE))  # as a terminal paste arrives
        await wait_for(pilot, lambda: area.text == HOSTILE_NOTE, what=f"the paste {area.text!r}")
        await pilot.press("ctrl+s")
        await wait_for(pilot, saw(app, "note saved"), what="saved")
        assert app.is_running and app.screen is s  # [@click=app.quit] did nothing
        assert stored(user_db).get_note("tourists-2024") == HOSTILE_NOTE
        text = s.detail.plain_text
        assert "My note" in text
        for line in ("Встреча в 평양", "[/] [bold]not bold[/bold] [@click=app.quit]quit[/]"):
            assert line in text
        assert rows(s.timeline)[1].startswith("✎")
        # the note's words are searchable, and has:note finds it
        await search(pilot, "평양")  # the note, and the treaty signed in (Latin) Pyongyang
        assert s.status.text.startswith("2 of 5 events")
        assert "tourists" in rows(s.timeline)[0]
        await search(pilot, "встреча has:note")
        assert s.status.text.startswith("1 of 5 events")
        await clear_search(pilot)
        # n again: the editor opens empty (a new note); Esc cancels and asks nothing
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor))
        assert app.screen.text_area.text == ""
        await pilot.press("x", "y", "escape")
        await wait_for(pilot, lambda: app.screen is s)
        assert stored(user_db).get_note("tourists-2024") == HOSTILE_NOTE
        # u takes the note back
        await pilot.press("u")
        await wait_for(pilot, saw(app, "undone and saved: removed note", "on tourists-2024"))
        assert stored(user_db).get_note("tourists-2024") is None
        assert "My note" not in s.detail.plain_text


async def add_note_by_keys(pilot, text: str) -> None:
    app = pilot.app
    before = sum("note saved" in m for m in messages(app))
    await pilot.press("n")
    await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor))
    assert app.screen.text_area.text == ""  # n always starts a new note
    app.post_message(events.Paste(text))
    await wait_for(pilot, lambda: app.screen.text_area.text == text, what="the paste")
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: sum("note saved" in m for m in messages(app)) > before,
                   what="note saved")


async def test_n_adds_notes_enter_edits_one_by_id_and_u_reverts_it(db, user_db):
    app = make(db, user_db)
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        s = app.main_screen
        await pilot.press("j")  # tourists-2024
        await settle(pilot)
        assert s.detail.current_id == "tourists-2024"
        await add_note_by_keys(pilot, "first thought")
        await add_note_by_keys(pilot, "second [bold]x[/] and [@click=app.quit]q[/]")
        notes = stored(user_db).list_notes("tourists-2024")
        assert [n["text"] for n in notes] == [
            "first thought", "second [bold]x[/] and [@click=app.quit]q[/]"]
        first, second = (n["id"] for n in notes)
        await wait_for(pilot, lambda: "My notes (2)" in s.detail.plain_text, what="two listed")
        text = s.detail.plain_text
        assert f"✎ {first} · updated" in text and f"✎ {second} · updated" in text
        assert "first thought" in text
        assert "second [bold]x[/] and [@click=app.quit]q[/]" in text  # literally, no markup
        assert app.is_running
        # Enter on the second note: the editor holds it; saving edits only it, by id
        s.set_focus(s.detail)
        assert s.detail.select_link(f"@note:{second}")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor))
        editor = app.screen
        assert editor.note_id == second
        assert editor.text_area.text == "second [bold]x[/] and [@click=app.quit]q[/]"
        editor.text_area.text = "second, revised"
        await pilot.press("ctrl+s")
        await wait_for(pilot, saw(app, f"note {second} edited and saved"), what="edited")
        after = {n["id"]: n["text"] for n in stored(user_db).list_notes("tourists-2024")}
        assert after == {first: "first thought", second: "second, revised"}
        await wait_for(pilot, lambda: "second, revised" in s.detail.plain_text)
        # an empty save of an existing note deletes nothing (deleting is the CLI's)
        assert s.detail.select_link(f"@note:{first}")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor))
        app.screen.text_area.text = "   "
        await pilot.press("ctrl+s")
        await wait_for(pilot, saw(app, "an empty note is not saved", f"--delete {first}"))
        assert len(stored(user_db).list_notes("tourists-2024")) == 2
        # u reverts the edit, and only the edit
        await pilot.press("u")
        await wait_for(pilot, saw(app, "undone and saved: restored previous text", second))
        after = {n["id"]: n["text"] for n in stored(user_db).list_notes("tourists-2024")}
        assert after == {first: "first thought",
                         second: "second [bold]x[/] and [@click=app.quit]q[/]"}
        await wait_for(pilot, lambda: "second, revised" not in s.detail.plain_text)
        assert "second [bold]x[/] and [@click=app.quit]q[/]" in s.detail.plain_text


def test_user_section_is_plain_text_never_markup(db):
    from nkru_tui.core.engine import Engine
    from nkru_tui.core.userdata import UserSnapshot

    eng = Engine.load(db)
    eng.set_user(UserSnapshot(notes={"treaty-signed": HOSTILE_NOTE},
                              bookmarks=frozenset({"treaty-signed"})))
    text = user_section(eng, "treaty-signed")
    assert text.plain.splitlines() == [
        "★ Bookmarked", "", "My note", "  Встреча в 평양",
        "  [/] [bold]not bold[/bold] [@click=app.quit]quit[/]", "    indented line",
    ]
    assert not any(span.style and "link" in str(span.style) for span in text.spans)
    assert user_section(eng, "wonsan-talks").plain == ""


# ---------------------------------------------------------------------------- records


async def type_into(pilot, form, field: str, text: str) -> None:
    inp = form.query_one(f"#f-{field}", Input)
    inp.focus()
    inp.value = ""
    await pilot.press(*text)


async def set_value(pilot, form, field: str, text: str) -> None:
    """For fields whose typing is not under test: set the value (posts Input.Changed too)."""
    form.query_one(f"#f-{field}", Input).value = text
    await pilot.pause()


def field_errors(form, field: str) -> str:
    return str(form.query_one(f"#err-{field}").render())


async def test_add_event_validates_as_you_type_then_saves_marked_as_mine(db, user_db):
    app = make(db, user_db)
    async with app.run_test(size=(120, 44)) as pilot:
        await settle(pilot)
        s = app.main_screen
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, RecordKindPicker))
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, RecordForm))
        form = app.screen
        save = form.query_one("#form-save")
        assert save.disabled  # an empty form cannot be saved
        await set_value(pilot, form, "id", "my-visit")
        await type_into(pilot, form, "date", "2024-13")
        await set_value(pilot, form, "title", "Delegation visits Rason")
        await type_into(pilot, form, "actors", "kim-jong-un:host, nobody")
        await type_into(pilot, form, "sectors", "diplomacy, spy")
        await pilot.pause()
        assert "'2024-13' is not a date" in field_errors(form, "date")
        assert "unknown actor 'nobody'" in field_errors(form, "actors")
        assert "'spy' is not one of" in field_errors(form, "sectors")
        assert field_errors(form, "title") == ""
        assert form.query_one("#f-sector-list", SelectionList).selected == ["diplomacy"]
        assert "no match for 'nobody'" in str(form.query_one("#hint-actors").render())
        assert save.disabled
        await pilot.press("ctrl+s")  # refused: the form stays
        await pilot.pause()
        assert app.screen is form
        form.query_one("#f-actors", Input).focus()
        # an id already used is caught too
        await set_value(pilot, form, "id", "treaty-signed")
        assert "id already used" in field_errors(form, "id")
        # fix everything
        await set_value(pilot, form, "id", "my-visit")
        await set_value(pilot, form, "date", "2024-09-01")
        await pilot.press("end", *["backspace"] * len(", nobody"))  # in the actors field
        await set_value(pilot, form, "sectors", "diplomacy")
        await set_value(pilot, form, "places", "rason")
        # ticking a sector in the list writes it into the field
        sectors = form.query_one("#f-sector-list", SelectionList)
        sectors.focus()
        sectors.highlighted = list(schema.SECTORS).index("military")
        await pilot.press("space")
        await pilot.pause()
        assert form.query_one("#f-sectors", Input).value == "diplomacy, military"
        assert form.problems == {}, form.problems
        assert not save.disabled
        await pilot.press("ctrl+s")
        await wait_for(pilot, saw(app, "saved: added event my-visit"))
        rec = stored(user_db).get_record("my-visit")
        assert rec["user"] is True and rec["date"] == "2024-09-01"
        assert rec["actors"] == [{"id": "kim-jong-un", "role": "host"}]
        assert rec["sectors"] == ["diplomacy", "military"] and rec["places"] == ["rason"]
        assert "evidence" not in rec  # a record of the user's own may carry none
        await wait_for(pilot, lambda: s.timeline.count == 6)
        assert any("(mine) Delegation visits Rason" in r for r in rows(s.timeline))
        assert s.detail.current_id == "my-visit"
        assert s.timeline.highlighted["id"] == "my-visit"
        await search(pilot, "is:user")
        assert s.status.text.startswith("1 of 6 events")


async def test_add_actor_with_evidence_checked(db, user_db):
    app = make(db, user_db)
    async with app.run_test(size=(120, 44)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, RecordKindPicker))
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, RecordForm))
        form = app.screen
        assert form.kind == "actor"
        await set_value(pilot, form, "id", "ivan-petrov")
        await set_value(pilot, form, "name", "Иван Петров")
        await type_into(pilot, form, "evidence_source", "s-nope")
        await set_value(pilot, form, "evidence_quote", "short")
        await pilot.pause()
        assert field_errors(form, "kind") != ""  # kind is required
        assert "unknown source 's-nope'" in field_errors(form, "evidence_source")
        assert "quote must be" in field_errors(form, "evidence_quote")
        form.query_one("#f-kind").value = "person"
        await set_value(pilot, form, "evidence_source", "")
        await set_value(pilot, form, "evidence_quote", "")
        await pilot.pause()
        assert form.problems == {}, form.problems
        await pilot.press("ctrl+s")
        await wait_for(pilot, saw(app, "saved: added actor ivan-petrov"))
        rec = stored(user_db).get_record("ivan-petrov")
        assert rec["name"] == "Иван Петров" and rec["kind"] == "person"
        assert app.engine.get("ivan-petrov")["user"] is True


async def test_edit_and_delete_refuse_curated_records(db, user_db):
    app = make(db, user_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        s = app.main_screen
        await pilot.press("E")
        await wait_for(pilot, saw(app, "railway-rebuilt is a curated record and read-only"))
        assert app.screen is s
        await pilot.press("D")
        await pilot.pause()
        assert app.screen is s  # no confirm: nothing to delete
        assert sum("curated record and read-only" in m for m in messages(app)) == 2
        await pilot.press("1", "E")  # an actor from the curated store
        await wait_for(pilot, saw(app, "kim-jong-un is a curated record and read-only"))
        assert app.screen is s
        assert not user_db.exists()  # nothing written


@pytest.fixture
def user_db_with_event(user_db, db) -> Path:
    from nkru_tui.core.engine import Engine
    from nkru_tui.core.store import validate_record

    eng = Engine.load(db)
    layer = UserLayer.open(user_db, curated_known_ids=eng.curated_known_ids(),
                           curated_actor_kinds=eng.curated_actor_kinds())
    layer.add_record("events", {
        "id": "my-note-event", "date": "2025-01", "title": "My own sighting",
        "sectors": ["trade"], "actors": [], "places": [], "figures": [],
    }, validator=validate_record)
    return user_db


async def test_edit_then_delete_a_record_of_mine_after_confirming(db, user_db_with_event):
    user_db = user_db_with_event
    app = make(db, user_db)
    async with app.run_test(size=(120, 44)) as pilot:
        await settle(pilot)
        s = app.main_screen
        assert s.timeline.count == 6
        assert s.timeline.move_to("my-note-event")
        await settle(pilot)
        assert s.detail.current_id == "my-note-event"
        # E: the form comes prefilled; the id cannot change
        await pilot.press("E")
        await wait_for(pilot, lambda: isinstance(app.screen, RecordForm))
        form = app.screen
        assert form.query_one("#f-id", Input).disabled
        assert form.query_one("#f-title", Input).value == "My own sighting"
        await type_into(pilot, form, "title", "Sighting, confirmed")
        await pilot.press("ctrl+s")
        await wait_for(pilot, saw(app, "saved: event my-note-event updated"))
        assert stored(user_db).get_record("my-note-event")["title"] == "Sighting, confirmed"
        await wait_for(pilot, lambda: any("confirmed" in r for r in rows(s.timeline)))
        # D asks first; n keeps it
        await pilot.press("D")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is s)
        assert stored(user_db).get_record("my-note-event") is not None
        # D then y deletes it
        await pilot.press("D")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, saw(app, "deleted and saved"))
        assert stored(user_db).get_record("my-note-event") is None
        assert app.engine.get("my-note-event") is None
        await wait_for(pilot, lambda: s.timeline.count == 5)


# ---------------------------------------------------------------------------- other instances


async def test_a_note_written_by_the_cli_shows_within_seconds(db, user_db):
    app = make(db, user_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        s = app.main_screen
        assert s.detail.current_id == "railway-rebuilt"
        env = dict(os.environ, NKRU_USER_DB=str(user_db), NKRU_DB=str(db), LANG="C")
        src = str(ROOT / "src")
        env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
        done = subprocess.run(
            [sys.executable, "-m", "nkru_tui", "note", "railway-rebuilt", "Из CLI: 라선 노선"],
            env=env, capture_output=True, text=True, timeout=60,
        )
        assert done.returncode == 0, done.stderr
        took = await wait_for(pilot, lambda: "Из CLI: 라선 노선" in s.detail.plain_text,
                              timeout=5, what="the CLI's note in the detail pane")
        assert took < 3
        assert rows(s.timeline)[0].startswith("✎")
        # and a second change, to a store the app now has open
        done = subprocess.run([sys.executable, "-m", "nkru_tui", "bookmark", "railway-rebuilt"],
                              env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        await wait_for(pilot, lambda: rows(s.timeline)[0].startswith("★"), timeout=5)


# ---------------------------------------------------------------------------- failures


def _fail_saves(monkeypatch, code: int) -> None:
    real_open = os.open

    def bad_open(p, flags, *a, **kw):
        if ".tmp-" in str(p) and flags & os.O_CREAT:
            raise OSError(code, os.strerror(code), str(p))
        return real_open(p, flags, *a, **kw)

    monkeypatch.setattr(os, "open", bad_open)


async def test_a_read_only_user_store_folder_is_a_clear_error_and_the_app_goes_on(
        db, user_db, monkeypatch):
    layer = UserLayer.open(user_db)
    layer.set_note("wonsan-talks", "kept")
    before = user_db.read_bytes()
    app = make(db, user_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        s = app.main_screen
        _fail_saves(monkeypatch, errno.EROFS)
        await pilot.press("b")
        await wait_for(pilot, saw(app, "not saved", "read-only"), what="the error")
        notes = [n for n in app._notifications if "not saved" in n.message]
        assert notes[0].severity == "error" and "\n" not in notes[0].message
        assert user_db.read_bytes() == before
        assert not rows(s.timeline)[0].startswith("★")
        assert app.is_running
        await pilot.press("j")  # the app still answers keys
        assert s.timeline.cursor == 1
        monkeypatch.undo()
        await pilot.press("k", "b")  # and saves again once the folder is writable
        await wait_for(pilot, saw(app, "bookmarked and saved"))
        assert stored(user_db).bookmarks() == {"railway-rebuilt"}
        assert stored(user_db).get_note("wonsan-talks") == "kept"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
async def test_a_read_only_folder_for_real(db, user_db):
    UserLayer.open(user_db).set_note("wonsan-talks", "kept")
    before = user_db.read_bytes()
    app = make(db, user_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        user_db.parent.chmod(0o500)
        try:
            await pilot.press("b")
            await wait_for(pilot, saw(app, "not saved"), what="the error")
            assert user_db.read_bytes() == before and app.is_running
        finally:
            user_db.parent.chmod(0o700)


async def test_a_corrupt_user_store_is_moved_aside_and_the_user_told_where(db, user_db):
    user_db.parent.mkdir(parents=True)
    garbage = b'{"notes": {"1": {"target": "x", "text": "half a no'
    user_db.write_bytes(garbage)
    app = make(db, user_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await wait_for(pilot, saw(app, "moved aside"), what="the moved-aside message")
        msg = next(m for m in messages(app) if "moved aside" in m)
        asides = sorted(user_db.parent.glob("user.json.corrupt-*"))
        assert len(asides) == 1
        assert str(asides[0]) in msg
        assert asides[0].read_bytes() == garbage  # kept unchanged, never overwritten
        assert sum("moved aside" in m for m in messages(app)) == 1  # told once
        # a new store works
        await pilot.press("b")
        await wait_for(pilot, saw(app, "bookmarked and saved"))
        assert stored(user_db).bookmarks() == {"railway-rebuilt"}
        assert asides[0].read_bytes() == garbage


async def test_user_store_location_is_exposed(db, user_db):
    app = make(db, user_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.user.path == user_db
        keys = {b.key for b in main_module.USER_KEYS}
        assert {"b", "n", "u", "a", "E", "D"} <= keys
        title, bindings = next(
            (t, b) for t, b in app.main_screen.help_groups() if t.startswith(main_module.USER_HELP_TITLE)
        )
        assert f"`{user_db}`" in title and len(list(bindings)) == 6


async def test_the_user_keys_sit_beside_the_views_keys(db, user_db):
    """Both sets of keys are bound on the explorer, and neither hides the other."""
    app = make(db, user_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        s = app.main_screen
        keys = {b.key for bs in s._bindings.key_to_bindings.values() for b in bs}
        assert {"b", "n", "u", "a", "E", "D", "m", "e", "d"} <= keys
        await pilot.press("b")
        await wait_for(pilot, saw(app, "bookmarked and saved"))
        assert rows(s.timeline)[0].startswith("★")


async def test_actor_ids_are_suggested_token_by_token():
    from nkru_tui.tui.screens.record_form import TokenSuggester, form_field_of

    sug = TokenSuggester(["kim-jong-un", "vladimir-putin", "wonsan"])
    assert await sug.get_suggestion("kim-jong-un:host, vla") == "kim-jong-un:host, vladimir-putin"
    assert await sug.get_suggestion("Kim") == "Kim-jong-un"[:3] + "-jong-un"
    assert await sug.get_suggestion("kim-jong-un:ho") is None  # typing a role
    assert await sug.get_suggestion("zzz") is None
    assert form_field_of("actors[1].id") == "actors"
    assert form_field_of("evidence[0].quote") == "evidence_quote"
    assert form_field_of("date_note") == "date"

