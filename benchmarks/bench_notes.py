"""How long saving one note takes when the user store already holds 10,000 notes.

    PYTHONPATH=src python benchmarks/bench_notes.py [--notes 10000] [--saves 200] [--cold 15]

Prints median and p95 in milliseconds for:
  warm  - a long-running app (the TUI): the layer is open, each save adds a note;
  edit  - the same, editing an existing note by its id;
  set   - the same through the one-note-per-record call ``set_note`` (finds the record's
          note by its target first);
  cold  - a one-shot command (``nkru-tui note``): open the store (read and parse it), then
          add one note;
          interpreter start-up not included.
Each save is a full, acknowledged write: lock, fresh check of the file, temp file, fsync,
rename, folder fsync. The store lives in a temporary folder (next to the system's TMPDIR;
pass --dir to measure another disk). No dependencies beyond the project.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from nkru_tui.core.userlayer import UserLayer  # noqa: E402


def _fill(layer: UserLayer, n: int) -> None:
    layer.store.table("notes").insert_multiple(
        {
            "id": f"n-{i:06x}",
            "target": f"ev-{i:05d}-some-event-slug",
            "text": f"Note {i}: Пхеньян и Москва, 평양과 모스크바 — a line of analyst text.",
            "created": "2025-01-01T12:00:00+00:00",
            "updated": "2025-01-01T12:00:00+00:00",
        }
        for i in range(n)
    )


def _stats(name: str, ms: list[float]) -> str:
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return (f"{name:5s} n={len(ms):4d}  median {statistics.median(ms):6.2f} ms  "
            f"p95 {p95:6.2f} ms  max {ms[-1]:6.2f} ms")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--notes", type=int, default=10_000)
    ap.add_argument("--saves", type=int, default=200)
    ap.add_argument("--cold", type=int, default=15)
    ap.add_argument("--dir", default=None, help="folder for the temporary store")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(dir=args.dir) as d:
        path = Path(d) / "user.json"
        layer = UserLayer.open(path)
        _fill(layer, args.notes)
        size = os.path.getsize(path)
        print(f"store: {args.notes} notes, {size / 1e6:.2f} MB at {path}")

        layer.add_note("warm-up", "the first save after opening")
        warm = []
        for i in range(args.saves):
            t = time.perf_counter()
            layer.add_note(f"new-{i}", f"one more note, number {i} — ещё одна, 하나 더")
            warm.append((time.perf_counter() - t) * 1e3)
        edit = []
        for i in range(args.saves):
            t = time.perf_counter()
            layer.edit_note(f"n-{i * 37 % args.notes:06x}", f"edited {i}")
            edit.append((time.perf_counter() - t) * 1e3)
        legacy = []
        for i in range(args.saves):
            t = time.perf_counter()
            layer.set_note(f"set-{i}", f"set through set_note {i}")
            legacy.append((time.perf_counter() - t) * 1e3)
        cold, cold_open, cold_save = [], [], []
        for i in range(args.cold):
            t = time.perf_counter()
            fresh = UserLayer.open(path)
            t1 = time.perf_counter()
            fresh.add_note(f"cold-{i}", "a one-shot save")
            t2 = time.perf_counter()
            cold.append((t2 - t) * 1e3)
            cold_open.append((t1 - t) * 1e3)
            cold_save.append((t2 - t1) * 1e3)

    print(_stats("warm", warm))
    print(_stats("edit", edit))
    print(_stats("set", legacy))
    print(_stats("cold", cold))
    print("  " + _stats("open", cold_open).replace("n=", "(cold) n=", 1))
    print("  " + _stats("save", cold_save).replace("n=", "(cold) n=", 1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
