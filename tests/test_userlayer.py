"""The user layer's behaviour: notes, bookmarks, undo, user records, the read-only rule for
curated records, validation, snapshots and noticing another instance's changes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from helpers.common import child_env, notes_map
from nkru_tui.core.errors import NkruError, NotFound, StoreError, StoreInvalid, UserStoreError
from nkru_tui.core.userdata import UserSnapshot
from nkru_tui.core.userlayer import ReadOnlyRecord, UserInputError, UserLayer

CURATED = {"ev-curated", "putin", "kim-jong-un", "pyongyang", "s-source"}


@pytest.fixture(autouse=True)
def _user_db_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("NKRU_USER_DB", str(tmp_path / "env" / "deep" / "user.json"))


@pytest.fixture
def layer(tmp_path) -> UserLayer:
    return UserLayer.open(tmp_path / "user.json", curated_ids=set(CURATED))


def _raw(layer: UserLayer) -> dict:
    return json.loads(layer.path.read_bytes().decode("utf-8"))


# ---------------------------------------------------------------------------- opening


def test_open_none_uses_env_path_and_creates_folders(tmp_path):
    layer = UserLayer.open(None)
    assert layer.path == tmp_path / "env" / "deep" / "user.json"
    assert layer.path.parent.is_dir()
    layer.set_note("x", "y")
    raw = _raw(layer)
    assert raw["meta"]["1"]["schema"] == 1 and raw["meta"]["1"]["app"] == "nkru-tui"
    assert set(raw) >= {"meta", "notes", "bookmarks", "events", "actors", "relations", "sources"}
    assert layer.notices == []


def test_opening_a_missing_store_writes_nothing(tmp_path):
    layer = UserLayer.open(tmp_path / "user.json")
    assert layer.notes() == [] and not layer.path.exists()
    assert layer.snapshot() == UserSnapshot(version=None)


def test_file_is_compact_tinydb_json(layer):
    layer.set_note("ev-1", "Кремль")
    text = layer.path.read_text(encoding="utf-8")
    assert "\n" not in text and ": " not in text and "Кремль" in text  # compact, readable UTF-8
    from tinydb import TinyDB

    with TinyDB(layer.path, encoding="utf-8") as db:  # stock TinyDB reads it
        assert db.table("notes").all()[0]["text"] == "Кремль"


# ---------------------------------------------------------------------------- notes


def test_set_get_update_delete_note(layer):
    saved = layer.set_note("ev-curated", "first thought")
    assert layer.get_note("ev-curated") == "first thought"
    created = saved["created"]
    assert datetime.fromisoformat(created).tzinfo is not None
    layer.set_note("ev-curated", "second thought")
    (note,) = layer.notes()
    assert note["target"] == "ev-curated" and note["text"] == "second thought"
    assert note["created"] == created and note["updated"] >= created
    assert len(_raw(layer)["notes"]) == 1  # one note per target, updated in place
    assert layer.delete_note("ev-curated") is True
    assert layer.delete_note("ev-curated") is False
    assert layer.get_note("ev-curated") is None and layer.notes() == []


def test_note_text_kept_exactly_and_blank_text_deletes(layer):
    text = "  leading spaces\n\ttab, 평양, Москва, emoji 🇰🇵\n"
    layer.set_note("a", text)
    assert UserLayer.open(layer.path).get_note("a") == text
    assert layer.set_note("a", "   \n") is None
    assert layer.get_note("a") is None


def test_notes_keep_their_order_and_fields(layer):
    for t in ("c", "a", "b"):
        layer.set_note(t, t * 3)
    assert [n["target"] for n in layer.notes()] == ["c", "a", "b"]
    assert set(layer.notes()[0]) == {"target", "text", "created", "updated"}


@pytest.mark.parametrize("bad", ["", "  ", "a\nb", " padded", None, 5])
def test_bad_target_ids_are_refused(layer, bad):
    with pytest.raises(UserInputError):
        layer.set_note(bad, "x")
    with pytest.raises(UserInputError):
        layer.toggle_bookmark(bad)


def test_text_that_cannot_be_stored_is_refused_and_nothing_changes(layer):
    layer.set_note("a", "fine")
    before = layer.path.read_bytes()
    with pytest.raises(UserStoreError, match="not valid Unicode"):
        layer.set_note("b", "bad \udcff surrogate")  # what a mis-decoded argv can hold
    assert layer.path.read_bytes() == before
    assert layer.get_note("b") is None
    assert layer.undo() == "removed note on a"  # the failed call left no undo entry


# ---------------------------------------------------------------------------- bookmarks & undo


def test_toggle_bookmark(layer):
    assert layer.toggle_bookmark("putin") is True
    assert layer.toggle_bookmark("ev-user") is True
    assert layer.bookmarks() == {"putin", "ev-user"} and layer.is_bookmarked("putin")
    assert layer.toggle_bookmark("putin") is False
    assert layer.bookmarks() == {"ev-user"}
    assert UserLayer.open(layer.path).bookmarks() == {"ev-user"}


def test_undo_walks_back_each_change(layer):
    assert layer.undo() is None
    layer.set_note("a", "one")
    layer.set_note("a", "two")
    layer.toggle_bookmark("a")
    layer.delete_note("a")
    layer.toggle_bookmark("a")
    layer.set_note("a", "two")  # same as... nothing: it was deleted, so this is new
    assert layer.undo() == "removed note on a"
    assert layer.get_note("a") is None
    assert layer.undo() == "restored bookmark on a"
    assert layer.bookmarks() == {"a"}
    assert layer.undo() == "restored deleted note on a"
    assert layer.get_note("a") == "two"
    assert layer.undo() == "removed bookmark on a"
    assert layer.bookmarks() == set()
    assert layer.undo() == "restored previous note on a"
    assert layer.get_note("a") == "one"
    assert layer.undo() == "removed note on a"
    assert layer.get_note("a") is None
    assert layer.undo() is None
    assert notes_map(layer.path) == {}  # each undo was saved


def test_undo_restores_the_note_record_and_leaves_others_alone(layer, tmp_path):
    first = layer.set_note("a", "one")
    layer.set_note("a", "two")
    other = UserLayer.open(layer.path)
    other.set_note("b", "someone else's")
    assert other.undo() == "removed note on b"
    other.set_note("b", "someone else's")
    assert layer.undo() == "restored previous note on a"
    assert layer.get_note_record("a") == first  # the same timestamps as before
    assert layer.get_note("b") == "someone else's"  # not another instance's change
    assert layer.undo() == "removed note on a"
    assert layer.undo() is None


def test_unchanged_note_is_not_an_undo_step(layer):
    layer.set_note("a", "same")
    mtime = os.stat(layer.path).st_mtime_ns
    layer.set_note("a", "same")
    assert os.stat(layer.path).st_mtime_ns == mtime  # nothing written
    assert layer.undo() == "removed note on a"
    assert layer.undo() is None


# ---------------------------------------------------------------------------- user records

EVENT = {"id": "ev-user-1", "date": "2024-06", "title": "My event", "sectors": ["trade"],
         "actors": [{"id": "putin"}]}


def test_add_update_delete_user_record(layer):
    rec = layer.add_record("events", EVENT)
    assert rec["user"] is True and rec["title"] == "My event"
    assert "user" not in EVENT  # the caller's dict is not changed
    assert layer.get_record("ev-user-1")["user"] is True
    assert layer.is_user_record("ev-user-1") and not layer.is_user_record("ev-curated")
    new = layer.update_record("ev-user-1", {"title": "Renamed", "actors": None})
    assert new["title"] == "Renamed" and "actors" not in new and new["user"] is True
    assert layer.records("events") == [new]
    snap = layer.snapshot()
    assert snap.events == (new,)
    assert layer.delete_record("ev-user-1")["id"] == "ev-user-1"
    assert layer.records("events") == [] and layer.get_record("ev-user-1") is None


def test_curated_records_are_read_only(layer):
    before = None
    layer.set_note("ev-curated", "notes on curated records are fine")
    layer.toggle_bookmark("ev-curated")
    before = layer.path.read_bytes()
    with pytest.raises(ReadOnlyRecord, match="curated record and read-only") as exc:
        layer.update_record("ev-curated", {"title": "hijacked"})
    assert isinstance(exc.value, NkruError) and "\n" not in str(exc.value)
    with pytest.raises(ReadOnlyRecord, match="read-only"):
        layer.delete_record("putin")
    with pytest.raises(StoreInvalid, match="id already used by a curated record") as exc:
        layer.add_record("events", {**EVENT, "id": "ev-curated"})
    assert exc.value.problems[0].field == "id"
    with pytest.raises(NotFound):
        layer.delete_record("never-existed")
    assert layer.path.read_bytes() == before


def test_record_rules(layer):
    layer.add_record("actors", {"id": "my-actor", "name": "Me", "kind": "person"})
    with pytest.raises(StoreInvalid, match="already used by a record you added"):
        layer.add_record("events", {**EVENT, "id": "my-actor"})  # ids unique across tables
    lenient = lambda table, record, **kw: []  # noqa: E731 - a validator that checks no ids
    with pytest.raises(StoreInvalid, match="already used"):
        layer.add_record("events", {**EVENT, "id": "my-actor"}, validator=lenient)
    with pytest.raises(StoreInvalid, match="curated"):
        layer.add_record("events", {**EVENT, "id": "putin"}, validator=lenient)
    assert layer.records("events") == []
    with pytest.raises(UserInputError, match="cannot add"):
        layer.add_record("notes", {"id": "x"})
    with pytest.raises(UserInputError, match="needs an id"):
        layer.add_record("events", {"title": "no id"})
    with pytest.raises(UserInputError, match="cannot be changed"):
        layer.update_record("my-actor", {"id": "other"})


def test_validator_problems_stop_the_save(layer):
    calls = []

    def validator(table, record, *, known_ids, actor_kinds, path=None):
        calls.append((table, dict(record), known_ids, actor_kinds, path))
        return [StoreError(path, "not a date", table=table, record=record["id"], field="date")]

    before_exists = layer.path.exists()
    with pytest.raises(StoreInvalid, match="not a date") as exc:
        layer.add_record("events", EVENT, validator=validator)
    assert exc.value.problems and layer.path.exists() == before_exists
    assert layer.records("events") == []
    table, record, known, kinds, path = calls[0]
    assert table == "events" and record["user"] is True and path == layer.path
    assert "ev-curated" in set().union(*known.values())


def test_real_validator_sees_curated_and_user_ids(tmp_path):
    store = pytest.importorskip("nkru_tui.core.store")
    layer = UserLayer.open(
        tmp_path / "user.json",
        curated_known_ids={"actors": {"putin", "pyongyang"}, "events": {"ev-curated"},
                           "sources": {"s-source"}, "relations": set()},
        curated_actor_kinds={"putin": "person", "pyongyang": "place"},
    )
    v = store.validate_record
    layer.add_record("actors", {"id": "my-place", "name": "Rason", "kind": "place",
                                "country": "KP"}, validator=v)
    ok = layer.add_record("events", {**EVENT, "places": ["my-place", "pyongyang"]}, validator=v)
    assert ok["user"] is True
    with pytest.raises(StoreInvalid) as exc:
        layer.add_record("events", {**EVENT, "id": "ev-bad", "date": "2024-13",
                                    "sectors": ["cooking"], "actors": [{"id": "nobody"}]},
                         validator=v)
    fields = {p.field for p in exc.value.problems}
    assert {"date", "sectors", "actors[0].id"} <= fields
    for taken in ("ev-curated", "my-place", "ev-user-1"):
        with pytest.raises(StoreInvalid, match="already used") as exc:
            layer.add_record("events", {**EVENT, "id": taken}, validator=v)
        assert "id" in {p.field for p in exc.value.problems}
    # an update may keep its own id, and is validated too
    layer.update_record("ev-user-1", {"title": "Still fine"}, validator=v)
    with pytest.raises(StoreInvalid):
        layer.update_record("ev-user-1", {"sectors": []}, validator=v)
    assert layer.get_record("ev-user-1")["title"] == "Still fine"


# ---------------------------------------------------------------------------- snapshot & changes


def test_snapshot_is_plain_data_with_a_version(layer):
    layer.set_note("a", "note a")
    layer.toggle_bookmark("b")
    layer.add_record("actors", {"id": "me", "name": "Me", "kind": "person"})
    snap = layer.snapshot()
    assert snap.notes == {"a": "note a"} and snap.bookmarks == frozenset({"b"})
    assert snap.actors[0]["id"] == "me" and snap.events == ()
    assert snap.version == layer.signature() and snap.version is not None
    snap.actors[0]["name"] = "changed by the caller"
    assert layer.get_record("me")["name"] == "Me"  # the snapshot is a copy
    layer.set_note("a", "changed")
    assert layer.snapshot().version != snap.version


def test_change_by_another_instance_is_noticed(layer):
    layer.set_note("a", "mine")
    layer.snapshot()
    assert not layer.changed_on_disk()
    layer.set_note("a2", "my own save")  # our own save on top of what we saw
    assert not layer.changed_on_disk()
    other = UserLayer.open(layer.path)
    other.set_note("b", "theirs")
    assert layer.changed_on_disk()
    assert layer.snapshot().notes == {"a": "mine", "a2": "my own save", "b": "theirs"}
    assert not layer.changed_on_disk()
    other.toggle_bookmark("a")
    layer.set_note("c", "mine again")  # saving merges their change, which we have not shown
    assert layer.changed_on_disk()
    assert layer.snapshot().bookmarks == {"a"}


def test_change_by_another_program_in_place_is_noticed(layer):
    layer.set_note("a", "mine")
    layer.snapshot()
    raw = layer.path.read_bytes()
    with open(layer.path, "r+b") as f:  # an editor rewriting the file in place, same size
        f.write(raw.replace(b'"mine"', b'"MINE"'))
    assert layer.changed_on_disk()
    assert layer.get_note("a") == "MINE"  # the cache is not trusted over the disk


def test_replaced_file_with_same_size_and_times_is_reread(layer):
    layer.set_note("a", "mine")
    layer.snapshot()
    st = os.stat(layer.path)
    raw = layer.path.read_bytes().replace(b'"mine"', b'"YOUR"')
    tmp = layer.path.with_name("elsewhere")
    tmp.write_bytes(raw)
    os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(tmp, layer.path)
    assert layer.get_note("a") == "YOUR"


def test_core_modules_do_not_import_textual():
    code = (
        "import sys, nkru_tui.core.userlayer, nkru_tui.core.userstore\n"
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        "raise SystemExit(1 if bad else 0)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], env=child_env(Path("/nonexistent/u.json")),
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
