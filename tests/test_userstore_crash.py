"""Crash safety of the user store: a writer killed at any moment never loses or mangles notes.

(1) 200+ runs of a real writer process killed with SIGKILL at a random moment;
(2) fault injection that kills the writer at chosen points of a save (part-way through the
    bytes, around each fsync and around the rename) for insert, update and delete.
After each: the store loads (not moved aside), its notes equal exactly the state before or
after a write, every acknowledged note is there, and no temp file is left behind.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from helpers.common import WRITER, apply, child_env, notes_map, ops_for, temp_files, run_writer
from nkru_tui.core.userlayer import UserLayer

RUNS = 200
WORKERS = 2


@pytest.fixture(autouse=True)
def _user_db_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("NKRU_USER_DB", str(tmp_path / "default-user.json"))


def _seed_store(path: Path, notes: dict[str, str]) -> None:
    layer = UserLayer.open(path)
    layer.store.table("notes").insert_multiple(
        {"target": t, "text": x, "created": "2025-01-01T00:00:00+00:00",
         "updated": "2025-01-01T00:00:00+00:00"}
        for t, x in notes.items()
    )


def _check_loads_clean(path: Path) -> dict[str, str]:
    """Open as the app would: no moved-aside notice, no temp file left, and a write works."""
    layer = UserLayer.open(path, lock_timeout=5)
    assert layer.notices == [], layer.notices
    assert temp_files(path.parent) == []
    assert not list(path.parent.glob("*.corrupt-*"))
    return {n["target"]: n["text"] for n in layer.notes()}


def _one_run(folder: Path, run: int, rnd: random.Random) -> tuple[int, bool]:
    """One writer killed at a random moment; returns (acknowledged ops, in-flight landed)."""
    path = folder / "user.json"
    before = _check_loads_clean(path)
    seed = run * 7919 + 1
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), "loop", str(seed)], env=child_env(path),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        bufsize=0,  # readline must not read ahead: communicate() would never see those acks
    )
    waited = 0
    try:
        assert proc.stdout.readline() == b"READY\n", proc.stderr.read().decode()
        # Odd runs start the random delay at the first acknowledged write, so that every other
        # kill lands among later saves however slow a loaded machine makes the first one; even
        # runs start it at READY, so the first save is cut too.
        if run % 2:
            line = proc.stdout.readline()
            assert line.startswith(b"A "), (line, proc.stderr.read().decode())
            waited = 1
        time.sleep(rnd.uniform(0, 0.05))
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL, err.decode()
    acked = waited + sum(1 for line in out.decode().splitlines() if line.startswith("A "))
    ops = ops_for(seed)
    states = [before]
    for op in ops[: acked + 1]:
        states.append(apply(states[-1], op))
    on_disk = _check_loads_clean(path)
    assert notes_map(path) == on_disk
    # every acknowledged write is there; at most the one in flight went further
    after, nxt = states[acked], states[min(acked + 1, len(states) - 1)]
    assert on_disk in (after, nxt), (
        f"run {run}: {acked} writes acknowledged but the store matches neither the state "
        f"after them nor after the next one; ops {ops[:acked + 1]}; differences from the "
        f"acknowledged state: { {k: (after.get(k), on_disk.get(k)) for k in set(after) | set(on_disk) if after.get(k) != on_disk.get(k)} }"
    )
    return acked, on_disk != states[acked]


def test_sigkill_at_random_moments(tmp_path):
    rnd = random.Random(20240619)
    folders = [tmp_path / f"w{i}" for i in range(WORKERS)]
    bulk = {f"bulk-{i}": f"пример {i} 예시" * 3 for i in range(300)}  # makes each save longer
    for f in folders:
        f.mkdir()
        _seed_store(f / "user.json", bulk)

    def worker(i: int) -> list[tuple[int, bool]]:
        r = random.Random(rnd.random() + i)
        return [_one_run(folders[i], run, r) for run in range(i, RUNS, WORKERS)]

    with ThreadPoolExecutor(WORKERS) as ex:
        results = [x for part in ex.map(worker, range(WORKERS)) for x in part]
    assert len(results) == RUNS
    # the writers really wrote: beyond the odd runs' first writes, later ones were acknowledged
    total_acked = sum(a for a, _ in results)
    assert total_acked > RUNS // 2
    for f in folders:  # the untouched bulk notes survived every kill
        on_disk = notes_map(f / "user.json")
        assert {k: v for k, v in on_disk.items() if k.startswith("bulk-")} == bulk


# ---------------------------------------------------------------------------- fault injection

BASE = {"keep": "Кремль и 평양", "upd": "old text", "del": "to be deleted"}
BASE.update({f"bulk-{i}": f"заметка {i} 노트" for i in range(200)})
AFTER = {
    "insert": {**BASE, "new": "새 노트 — новая заметка"},
    "update": {**BASE, "upd": "updated text — обновлено"},
    "delete": {k: v for k, v in BASE.items() if k != "del"},
}
BEFORE_RENAME = [f"write:{p}" for p in (5, 25, 50, 75, 95)] + [
    "fsync1:before", "fsync1:after", "replace:before",
]
AFTER_RENAME = ["replace:after", "fsync2:before", "fsync2:after"]


@pytest.mark.parametrize("op", ["insert", "update", "delete"])
@pytest.mark.parametrize("point", BEFORE_RENAME + AFTER_RENAME)
def test_killed_at_chosen_point(tmp_path, op, point):
    path = tmp_path / "user.json"
    _seed_store(path, BASE)
    original = path.read_bytes()
    r = run_writer(path, "fault", op, point)
    assert r.returncode == 77, f"fault point not reached: rc={r.returncode} {r.stdout}{r.stderr}"
    assert "ACK" not in r.stdout
    if point in BEFORE_RENAME:
        assert path.read_bytes() == original  # the store itself was never touched
        assert len(temp_files(tmp_path)) == 1  # the half-done temp file the crash left
        expected = BASE
    else:
        expected = AFTER[op]
    assert notes_map(path) == expected
    assert _check_loads_clean(path) == expected  # swept the temp file, nothing moved aside
    layer = UserLayer.open(path)
    layer.set_note("later", "still works")
    assert notes_map(path) == {**expected, "later": "still works"}
