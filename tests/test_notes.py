"""Many notes per record, each with its own id, through the real CLI and the user layer;
old one-note stores migrated on read; undo of add/edit/delete; usage errors exit 2."""

from __future__ import annotations

import json
import re

import pytest

from clitools import MINI, cli_env, run_cli
from nkru_tui.core.userlayer import UserInputError, UserLayer


def env_for(tmp_path):
    return cli_env(NKRU_USER_DB=str(tmp_path / "mine.json"), NKRU_DB=str(MINI))


def _note_id(stdout: str) -> str:
    m = re.search(r"\b(n-[0-9a-f]+)\b", stdout)
    assert m, stdout
    return m.group(1)


def test_note_on_a_record_the_user_added(tmp_path):
    env = env_for(tmp_path)
    r = run_cli("add", "event", "--id", "my-find", "--date", "2025-08", "--title", "My finding",
                "--sector", "trade", env=env)
    assert r.returncode == 0, r.stderr
    r = run_cli("note", "my-find", "check the customs data", env=env)
    assert r.returncode == 0, r.stderr
    assert "saved the note on my-find" in r.stdout
    r = run_cli("search", "customs", "--json", env=env)
    assert [e["id"] for e in json.loads(r.stdout)] == ["my-find"]


def test_a_second_note_is_added_not_replacing_the_first(tmp_path):
    env = env_for(tmp_path)
    first = _note_id(run_cli("note", "wonsan-talks", "first thought", env=env).stdout)
    second = _note_id(run_cli("note", "wonsan-talks", "second thought", env=env).stdout)
    assert first != second
    r = run_cli("notes", "wonsan-talks", "--json", env=env)
    notes = json.loads(r.stdout)
    assert [(n["id"], n["text"]) for n in notes] == [(first, "first thought"),
                                                      (second, "second thought")]
    assert all(n["target"] == "wonsan-talks" and n["created"] and n["updated"] for n in notes)
    # the table lists the ids too
    table = run_cli("notes", env=env).stdout
    assert first in table and second in table and "first thought" in table
    # both are searchable and shown
    for word, hit in (("first", True), ("second", True)):
        ids = [e["id"] for e in json.loads(run_cli("search", word, "--json", env=env).stdout)]
        assert ("wonsan-talks" in ids) is hit
    shown = run_cli("show", "wonsan-talks", env=env).stdout
    assert first in shown and second in shown and "second thought" in shown


def test_edit_and_delete_one_note_by_its_id(tmp_path):
    env = env_for(tmp_path)
    a = _note_id(run_cli("note", "wonsan-talks", "keep me", env=env).stdout)
    b = _note_id(run_cli("note", "wonsan-talks", "typo here", env=env).stdout)
    r = run_cli("note", "--edit", b, "no typo", "now", env=env)
    assert r.returncode == 0, r.stderr
    notes = json.loads(run_cli("notes", "--json", env=env).stdout)
    assert {n["id"]: n["text"] for n in notes} == {a: "keep me", b: "no typo now"}
    edited = next(n for n in notes if n["id"] == b)
    assert edited["updated"] >= edited["created"]
    r = run_cli("note", "--delete", a, env=env)
    assert r.returncode == 0 and f"deleted note {a}" in r.stdout
    assert [n["id"] for n in json.loads(run_cli("notes", "--json", env=env).stdout)] == [b]
    r = run_cli("note", "--delete", a, env=env)
    assert r.returncode == 1 and "no note with the id" in r.stderr
    # a record id where a note id belongs is refused, naming the record's notes
    r = run_cli("note", "--delete", "wonsan-talks", env=env)
    assert r.returncode == 1 and b in r.stderr and "Traceback" not in r.stderr
    assert [n["id"] for n in json.loads(run_cli("notes", "--json", env=env).stdout)] == [b]


def test_exports_with_notes_include_every_note(tmp_path):
    env = env_for(tmp_path)
    run_cli("note", "wonsan-talks", "alpha note", env=env)
    run_cli("note", "wonsan-talks", "beta note", env=env)
    md = run_cli("export", "--format", "md", "--with-notes", env=env).stdout
    assert md.count("My note:") == 2 and "alpha note" in md and "beta note" in md
    for fmt in ("csv", "json"):
        out = run_cli("export", "--format", fmt, "--with-notes", env=env).stdout
        assert "alpha note" in out and "beta note" in out, fmt


def test_old_one_note_store_is_migrated_on_read(tmp_path):
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({
        "meta": {"1": {"schema": 1, "app": "nkru-tui"}},
        "notes": {"1": {"target": "wonsan-talks", "text": "old note, kept",
                        "created": "2025-01-01T00:00:00+00:00",
                        "updated": "2025-01-01T00:00:00+00:00"},
                  "2": {"target": "kim-jong-un", "text": "another old one",
                        "created": "2025-01-02T00:00:00+00:00",
                        "updated": "2025-01-02T00:00:00+00:00"}},
        "bookmarks": {},
    }), encoding="utf-8")
    env = env_for(tmp_path)
    notes = json.loads(run_cli("notes", "--json", env=env).stdout)
    assert [(n["target"], n["text"]) for n in notes] == [("wonsan-talks", "old note, kept"),
                                                         ("kim-jong-un", "another old one")]
    ids = [n["id"] for n in notes]
    assert all(ids) and len(set(ids)) == 2
    # the ids are stable: a new note is added beside the old one, which can be edited by id
    new = _note_id(run_cli("note", "wonsan-talks", "a new note", env=env).stdout)
    assert run_cli("note", "--edit", ids[1], "edited old one", env=env).returncode == 0
    after = {n["id"]: n["text"] for n in json.loads(run_cli("notes", "--json", env=env).stdout)}
    assert after == {ids[0]: "old note, kept", ids[1]: "edited old one", new: "a new note"}


@pytest.mark.parametrize("args", [
    ["--evidence", "nocolon"],
    ["--figure", "many people:counted"],
])
def test_a_malformed_flag_value_is_a_usage_error(tmp_path, args):
    env = env_for(tmp_path)
    r = run_cli("add", "event", "--id", "x-1", "--date", "2025", "--title", "t",
                "--sector", "trade", *args, env=env)
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert r.stderr.count("\n") == 1 and args[0] in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "mine.json").exists() or "x-1" not in (tmp_path / "mine.json").read_text()


def test_edit_with_nothing_to_change_and_bad_json_file_are_usage_errors(tmp_path):
    env = env_for(tmp_path)
    run_cli("add", "actor", "--id", "my-org", "--name", "My Org", "--kind", "organization",
            env=env)
    r = run_cli("edit", "my-org", env=env)
    assert r.returncode == 2 and "nothing to change" in r.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    r = run_cli("add", "actor", "--json-file", str(bad), env=env)
    assert r.returncode == 2 and str(bad) in r.stderr and "Traceback" not in r.stderr


# ---------------------------------------------------------------------------- the layer


@pytest.fixture
def layer(tmp_path) -> UserLayer:
    return UserLayer.open(tmp_path / "user.json")


def test_undo_covers_add_edit_and_delete_of_one_note(layer):
    a = layer.add_note("ev-1", "one")
    b = layer.add_note("ev-1", "two")
    layer.edit_note(b["id"], "two, edited")
    layer.remove_note(a["id"])
    assert [n["text"] for n in layer.list_notes("ev-1")] == ["two, edited"]
    assert "restored deleted note" in layer.undo()
    assert {n["id"]: n["text"] for n in layer.list_notes("ev-1")} == {a["id"]: "one",
                                                                      b["id"]: "two, edited"}
    assert layer.get_note_by_id(a["id"]) == a  # put back as it was, id and times included
    assert "restored previous text" in layer.undo()
    assert layer.get_note_by_id(b["id"])["text"] == "two"
    assert "removed note" in layer.undo()
    assert [n["id"] for n in layer.list_notes("ev-1")] == [a["id"]]
    assert "removed note" in layer.undo()
    assert layer.list_notes() == [] and layer.undo() is None


def test_snapshot_carries_every_note(layer):
    layer.add_note("ev-1", "alpha")
    layer.add_note("ev-1", "beta")
    snap = layer.snapshot()
    assert "alpha" in snap.notes["ev-1"] and "beta" in snap.notes["ev-1"]
    assert [n["text"] for n in snap.note_list["ev-1"]] == ["alpha", "beta"]


def test_empty_notes_and_unknown_note_ids_are_refused(layer):
    with pytest.raises(UserInputError):
        layer.add_note("ev-1", "  \n")
    n = layer.add_note("ev-1", "x")
    with pytest.raises(UserInputError):
        layer.edit_note(n["id"], "")
    from nkru_tui.core.errors import NotFound

    with pytest.raises(NotFound):
        layer.edit_note("n-nothere", "y")
    with pytest.raises(NotFound):
        layer.remove_note("n-nothere")
    assert layer.list_notes() == [n]
