"""Two or four instances writing at once never lose each other's notes.

Real processes, started together (they wait for a "go" file), each adding 100 notes; through
the user layer and through TinyDB's own insert (whose cached next id must be reset in the lock).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers.common import WRITER, child_env, temp_files
from nkru_tui.core.errors import UserStoreError
from nkru_tui.core.userlayer import UserLayer

N = 100


@pytest.fixture(autouse=True)
def _user_db_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("NKRU_USER_DB", str(tmp_path / "default-user.json"))


def _note_doc_ids(path: Path) -> list[str]:
    """The notes table's doc ids; fails on a key written twice in any object of the file
    (a plain json.loads would silently keep only the last of two equal keys)."""

    def hook(pairs):
        keys = [k for k, _ in pairs]
        assert len(keys) == len(set(keys)), f"duplicate keys in {path}: {keys}"
        return dict(pairs)

    raw = json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=hook)
    return list(raw["notes"])


def _race(tmp_path: Path, procs: int, how: str) -> None:
    path = tmp_path / "user.json"
    UserLayer.open(path).set_note("existing", "was here first")  # TinyDB has a next id to cache
    go = tmp_path / "go"
    tags = [f"p{i}" for i in range(procs)]
    children = [
        subprocess.Popen(
            [sys.executable, str(WRITER), "many", tag, str(N), str(go), how],
            env=child_env(path), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for tag in tags
    ]
    time.sleep(0.3)  # let every child import and open the store before the start
    go.touch()
    results = [c.communicate(timeout=120) for c in children]
    for c, (out, err) in zip(children, results):
        assert c.returncode == 0, err
        assert out.strip() == "DONE" and err == "", err
    layer = UserLayer.open(path)
    notes = {n["target"]: n["text"] for n in layer.notes()}
    expected = {"existing": "was here first"}
    expected.update({f"{t}-{i}": f"note {i} from {t}" for t in tags for i in range(N)})
    assert notes == expected
    doc_ids = _note_doc_ids(path)
    assert len(doc_ids) == len(set(doc_ids)) == procs * N + 1
    # the writers really ran at the same time: their notes interleave in the file
    order = [n["target"].split("-")[0] for n in layer.notes()][1:]
    switches = sum(1 for x, y in zip(order, order[1:]) if x != y)
    assert switches >= 10, f"writers did not overlap ({switches} switches)"
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize("procs", [2, 4])
def test_processes_adding_notes_at_once(tmp_path, procs):
    _race(tmp_path, procs, "layer")


@pytest.mark.parametrize("procs", [2, 4])
def test_processes_inserting_through_tinydb_at_once(tmp_path, procs):
    _race(tmp_path, procs, "tinydb")


def test_stale_instance_sees_the_other_ones_notes(tmp_path):
    """Two long-lived instances in turn: neither overwrites the other with its old view."""
    path = tmp_path / "user.json"
    a, b = UserLayer.open(path), UserLayer.open(path)
    for i in range(20):
        a.set_note(f"a{i}", "from a")
        b.set_note(f"b{i}", "from b")
        b.toggle_bookmark(f"a{i}")
    fresh = UserLayer.open(path)
    assert len(fresh.notes()) == 40
    assert fresh.bookmarks() == {f"a{i}" for i in range(20)}
    db_a, db_b = a.store, b.store
    db_a.table("notes").all()  # both cache a next id
    db_b.table("notes").all()
    ia = db_a.table("notes").insert({"target": "ta", "text": "x"})  # a caches its next id
    ib = db_b.table("notes").insert({"target": "tb", "text": "y"})  # b takes that id
    ia2 = db_a.table("notes").insert({"target": "ta2", "text": "z"})  # a must not reuse it
    assert len({ia, ib, ia2}) == 3
    assert {"ta", "tb", "ta2"} <= {n["target"] for n in fresh.notes()}


def test_lock_held_too_long_gives_a_clear_error(tmp_path):
    import fcntl
    import os

    path = tmp_path / "user.json"
    layer = UserLayer.open(path, lock_timeout=0.2)
    layer.set_note("x", "first")
    before = path.read_bytes()
    fd = os.open(str(path) + ".lock", os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        t0 = time.monotonic()
        with pytest.raises(UserStoreError, match="held the lock"):
            layer.set_note("y", "second")
        assert time.monotonic() - t0 < 2
    finally:
        os.close(fd)
    assert path.read_bytes() == before
    layer.set_note("y", "second")  # the lock is free again: the app carries on
    assert layer.get_note("y") == "second"
