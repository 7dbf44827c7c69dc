"""Broken, foreign and newer user stores, failing disks, locales, symlinks and file modes.

An unreadable store is never overwritten or dropped: it is moved aside byte for byte, the user
is told where in one message, and a new store is started. A newer-version store is refused and
left untouched. A full disk or read-only folder gives a clear error and changes nothing.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.common import WRITER, child_env, notes_map, temp_files
from nkru_tui.core.errors import UserStoreError
from nkru_tui.core.userlayer import UserLayer

GOOD = (
    b'{"meta":{"1":{"schema":1,"app":"nkru-tui"}},"notes":{"1":{"target":"ev-1",'
    b'"text":"\xd0\x9a\xd1\x80\xd0\xb5\xd0\xbc\xd0\xbb\xd1\x8c","created":"2025-01-01T00:00:00+00:00",'
    b'"updated":"2025-01-01T00:00:00+00:00"}},"bookmarks":{}}'
)

CORPUS = {
    "empty": (b"", "empty"),
    "newline": (b"\n", "whitespace"),
    "truncated": (GOOD[: len(GOOD) // 2], "not valid JSON"),
    "trailing-garbage": (GOOD + b"}garbage", "not valid JSON"),
    "bom": (b"\xef\xbb\xbf" + GOOD, "byte-order mark"),
    "top-level-list": (b'[{"notes": {}}]', "top level is a JSON list"),
    "deep-nesting": (b'{"notes":{"1":{"x":' + b"[" * 200000 + b"]" * 200000 + b"}}}", "nested too deeply"),
    "non-utf8": (GOOD.replace(b"\xd0\x9a", b"\xff\x9a"), "not UTF-8"),
    "table-not-object": (b'{"notes":[1,2,3]}', "table 'notes' is a JSON list"),
    "record-not-object": (b'{"notes":{"1":"just text"}}', "notes/1 is a JSON string"),
    "key-not-number": (b'{"notes":{"abc":{"target":"x","text":"y"}}}', "not a number"),
    "nul-bytes": (b"\0" * 64, "not valid JSON"),
}


@pytest.fixture(autouse=True)
def _user_db_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("NKRU_USER_DB", str(tmp_path / "default-user.json"))


def _state(path: Path) -> tuple:
    st = os.stat(path)
    return (path.read_bytes(), st.st_ino, st.st_mtime_ns, st.st_mode)


@pytest.mark.parametrize("name", list(CORPUS))
def test_unreadable_store_is_moved_aside_and_a_new_one_started(tmp_path, name):
    content, reason = CORPUS[name]
    path = tmp_path / "user.json"
    path.write_bytes(content)
    layer = UserLayer.open(path)
    assert len(layer.notices) == 1, layer.notices
    msg = layer.notices[0]
    aside = list(tmp_path.glob("user.json.corrupt-*"))
    assert len(aside) == 1
    assert aside[0].read_bytes() == content  # byte for byte
    assert str(aside[0]) in msg and reason in msg and "\n" not in msg
    assert "new, empty store" in msg
    assert layer.notes() == [] and layer.bookmarks() == set()
    assert json.loads(path.read_bytes())["meta"]["1"]["app"] == "nkru-tui"  # a new store
    layer.set_note("ev-1", "after the rescue")
    assert notes_map(path) == {"ev-1": "after the rescue"}
    assert aside[0].read_bytes() == content
    assert UserLayer.open(path).notices == []  # told once, not on every start


def test_second_corrupt_store_in_the_same_second_gets_its_own_name(tmp_path):
    path = tmp_path / "user.json"
    path.write_bytes(b"broken one")
    UserLayer.open(path)
    path.write_bytes(b"broken two")
    layer = UserLayer.open(path)
    asides = sorted(tmp_path.glob("user.json.corrupt-*"))
    assert len(asides) == 2
    assert {a.read_bytes() for a in asides} == {b"broken one", b"broken two"}
    assert str(asides[-1]) in layer.notices[0] or str(asides[0]) in layer.notices[0]


def test_store_broken_while_open_is_moved_aside_on_next_read_and_write(tmp_path):
    path = tmp_path / "user.json"
    layer = UserLayer.open(path)
    layer.set_note("a", "one")
    path.write_bytes(b'{"notes": oops')
    assert layer.changed_on_disk()
    assert layer.snapshot().notes == {}
    assert len(layer.notices) == 1
    path.write_bytes(b"[]")
    layer.set_note("b", "two")  # the write rescues the broken file first, then saves
    assert len(layer.notices) == 2
    assert notes_map(path) == {"b": "two"}
    assert sorted(p.read_bytes() for p in tmp_path.glob("user.json.corrupt-*")) == [
        b'[]', b'{"notes": oops'
    ]


@pytest.mark.parametrize(
    "content",
    [
        b'{"meta":{"1":{"schema":2,"app":"nkru-tui"}},"notes":{"1":{"target":"a","text":"b"}}}',
        b'{"_meta":{"1":{"version":3}},"notes":["a new layout we cannot know"]}',
        b'{"meta":{"1":{"schema":1.5,"app":"nkru-tui"}},"notes":{}}',
    ],
    ids=["meta-schema-2", "_meta-version-3", "schema-1.5"],
)
def test_newer_store_is_refused_and_left_untouched(tmp_path, content):
    path = tmp_path / "user.json"
    path.write_bytes(content)
    before = _state(path)
    with pytest.raises(UserStoreError, match="newer version") as exc:
        UserLayer.open(path)
    assert "\n" not in str(exc.value) and str(path) in str(exc.value)
    assert _state(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["user.json"]


def test_store_replaced_by_newer_version_while_open_refuses_writes(tmp_path):
    path = tmp_path / "user.json"
    layer = UserLayer.open(path)
    layer.set_note("a", "one")
    path.write_bytes(b'{"meta":{"1":{"schema":9,"app":"nkru-tui"}},"notes":{}}')
    before = _state(path)
    for action in (lambda: layer.set_note("b", "x"), lambda: layer.toggle_bookmark("a"),
                   layer.snapshot, layer.notes):
        with pytest.raises(UserStoreError, match="newer version"):
            action()
    assert _state(path) == before and temp_files(tmp_path) == []


def test_curated_store_is_not_taken_for_a_user_store(tmp_path):
    path = tmp_path / "db.json"
    path.write_bytes(b'{"meta":{"1":{"schema":1,"name":"nkru-tui curated store"}},"events":{}}')
    before = _state(path)
    with pytest.raises(UserStoreError, match="not an nkru-tui user store"):
        UserLayer.open(path)
    assert _state(path) == before


def test_directory_in_place_of_the_store(tmp_path):
    (tmp_path / "user.json").mkdir()
    with pytest.raises(UserStoreError, match="not a regular file|directory"):
        UserLayer.open(tmp_path / "user.json")


# ---------------------------------------------------------------------------- failing disks


def _fail(kind: str, monkeypatch) -> str:
    real_open, real_write, real_fsync = os.open, os.write, os.fsync

    def bad_open(p, flags, *a, **kw):
        if ".tmp-" in str(p) and flags & os.O_CREAT:
            code = errno.EROFS if kind == "erofs" else errno.EACCES
            raise OSError(code, os.strerror(code), str(p))
        return real_open(p, flags, *a, **kw)

    def bad_write(fd, data):
        real_write(fd, memoryview(data)[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def bad_fsync(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if kind in ("erofs", "eacces"):
        monkeypatch.setattr(os, "open", bad_open)
        return "read-only" if kind == "erofs" else "not writable"
    if kind == "enospc-write":
        monkeypatch.setattr(os, "write", bad_write)
    else:
        monkeypatch.setattr(os, "fsync", bad_fsync)
    return "disk is full"


@pytest.mark.parametrize("kind", ["enospc-write", "enospc-fsync", "erofs", "eacces"])
@pytest.mark.parametrize("action", ["new-note", "edit-note", "bookmark", "undo"])
def test_write_failure_is_clear_and_changes_nothing(tmp_path, monkeypatch, kind, action):
    path = tmp_path / "user.json"
    layer = UserLayer.open(path)
    layer.set_note("a", "Кремль")
    layer.toggle_bookmark("a")
    before = _state(path)
    with monkeypatch.context() as m:
        words = _fail(kind, m)
        with pytest.raises(UserStoreError) as exc:
            {
                "new-note": lambda: layer.set_note("b", "평양"),
                "edit-note": lambda: layer.set_note("a", "changed"),
                "bookmark": lambda: layer.toggle_bookmark("b"),
                "undo": layer.undo,
            }[action]()
    msg = str(exc.value)
    assert words in msg and "unchanged" in msg and "\n" not in msg
    assert _state(path) == before
    assert temp_files(tmp_path) == []
    # the app carries on, and its view is the disk's, not the failed change
    assert layer.get_note("a") == "Кремль" and layer.get_note("b") is None
    assert layer.bookmarks() == {"a"}
    if action == "undo":
        assert layer.undo() == "removed bookmark on a"  # still there to retry
    layer.set_note("c", "works again")
    assert notes_map(path)["c"] == "works again"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_folder_for_real(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "user.json"
    layer = UserLayer.open(path)
    layer.set_note("a", "one")
    before = _state(path)
    folder.chmod(0o500)
    try:
        with pytest.raises(UserStoreError, match="not writable|read-only"):
            layer.set_note("b", "two")
        assert _state(path) == before
        assert UserLayer.open(path).get_note("a") == "one"  # reading still works
    finally:
        folder.chmod(0o700)


# ---------------------------------------------------------------------------- locale, links, modes

C_LOCALE = {"LANG": "C", "LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0",
            "PYTHONIOENCODING": "ascii"}
NOTES = {"ev-hangul": "조선민주주의인민공화국과 러시아", "ev-cyr": "Пхеньян — Москва, «договор»",
         "ev-mixed": "Kim / 김정은 / Ким Чен Ын\nsecond line ✓"}


def test_hangul_and_cyrillic_round_trip_under_the_c_locale(tmp_path):
    path = tmp_path / "user.json"
    env = child_env(path, **C_LOCALE)
    probe = subprocess.run(
        [sys.executable, "-c", "import locale; print(locale.getpreferredencoding(False))"],
        env=env, capture_output=True, text=True,
    )
    assert "utf" not in probe.stdout.lower(), "the test needs a non-UTF-8 locale to mean anything"
    spec = json.dumps(NOTES, ensure_ascii=True)
    w = subprocess.run([sys.executable, str(WRITER), "setnotes", spec], env=env,
                       capture_output=True, text=True)
    assert w.returncode == 0, w.stderr
    assert json.loads(w.stdout) == NOTES
    raw = path.read_bytes()
    for text in NOTES.values():
        assert json.dumps(text, ensure_ascii=False)[1:-1].encode("utf-8") in raw  # UTF-8, readable
    assert notes_map(path) == NOTES
    r = subprocess.run([sys.executable, str(WRITER), "dump"], env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == NOTES


@pytest.mark.parametrize("relative", [False, True])
def test_symlinked_store_keeps_its_link_and_updates_the_target(tmp_path, relative):
    real_dir, link_dir = tmp_path / "real", tmp_path / "link"
    real_dir.mkdir()
    link_dir.mkdir()
    target = real_dir / "notes.json"
    link = link_dir / "user.json"
    UserLayer.open(target).set_note("a", "one")
    link.symlink_to(os.path.relpath(target, link_dir) if relative else target)
    pointed = os.readlink(link)
    layer = UserLayer.open(link)
    assert layer.get_note("a") == "one"
    layer.set_note("b", "two")
    layer.toggle_bookmark("b")
    assert link.is_symlink() and os.readlink(link) == pointed
    assert notes_map(target) == {"a": "one", "b": "two"}
    assert temp_files(real_dir) == [] and temp_files(link_dir) == []
    layer.snapshot()
    assert not layer.changed_on_disk()
    UserLayer.open(target).set_note("c", "written at the target")  # another instance
    assert layer.changed_on_disk()
    assert layer.snapshot().notes["c"] == "written at the target"
    assert sorted(p.name for p in link_dir.iterdir()) == ["user.json"]


def test_file_mode_and_group_are_kept(tmp_path):
    path = tmp_path / "user.json"
    layer = UserLayer.open(path)
    layer.set_note("a", "one")
    assert os.stat(path).st_mode & 0o777 == 0o600  # a new store is private
    os.chmod(path, 0o640)
    gid = 4242 if os.geteuid() == 0 else os.stat(path).st_gid
    if os.geteuid() == 0:
        os.chown(path, -1, gid)
    ino = os.stat(path).st_ino
    layer.set_note("b", "two")
    st = os.stat(path)
    assert st.st_ino != ino  # it really was replaced
    assert st.st_mode & 0o7777 == 0o640
    assert st.st_gid == gid
    assert notes_map(path) == {"a": "one", "b": "two"}


def test_stale_temp_files_are_swept_but_live_ones_kept(tmp_path):
    path = tmp_path / "user.json"
    UserLayer.open(path).set_note("a", "one")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    crashed = tmp_path / f".user.json.tmp-{dead}-deadbeef"
    crashed.write_bytes(b'{"half')
    live = tmp_path / f".user.json.tmp-{os.getppid()}-cafe0001"  # a live pid, fresh: kept
    live.write_bytes(b'{"writing')
    old_live = tmp_path / f".user.json.tmp-{os.getppid()}-cafe0002"  # live pid but old: swept
    old_live.write_bytes(b"{")
    os.utime(old_live, (1, 1))
    other = tmp_path / ".other.json.tmp-1-abc"  # not ours: kept
    other.write_bytes(b"x")
    layer = UserLayer.open(path)
    assert layer.notices == [] and layer.get_note("a") == "one"
    assert not crashed.exists() and not old_live.exists()
    assert live.exists() and other.exists()
