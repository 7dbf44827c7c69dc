"""A large store's first start, headless, before/after side by side (issue 13).

    python benchmarks/first_start.py STORE [--runs 3] [--build NAME=SRC_DIR ...]

Each round runs, interleaved and each in a fresh process: ``json.load`` of STORE, then
``Engine.load(STORE)`` with an empty index-cache folder for every build (``NAME=SRC_DIR``:
a ``src`` folder put first on ``PYTHONPATH``, e.g. from ``git archive main src | tar -x -C
/tmp/main``; default: this checkout). It prints, per build, the median wall time and peak
RSS, the ratio to ``json.load``'s median in the same run, and the median time at which each
stage of the build (its progress lines, by their first word) was first reported. Only the
ratios within one run mean anything (the machine is shared).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from procstat import status_kib


def worker(kind: str, path: str) -> None:
    out: dict = {}
    if kind == "json":
        t0 = time.perf_counter()
        with open(path, "rb") as f:
            json.load(f)
        out["s"] = time.perf_counter() - t0
    else:
        from nkru_tui.core.engine import Engine

        stages: dict[str, float] = {}
        t0 = time.perf_counter()

        def say(text: str) -> None:
            word = " ".join(text.split()[:2]).rstrip(":")
            stages.setdefault(word, time.perf_counter() - t0)

        def preview(rows: list, n: int) -> None:
            stages.setdefault("(preview rows)", time.perf_counter() - t0)

        eng = Engine.load(path, progress=say, preview=preview)
        out["s"] = time.perf_counter() - t0
        out["stages"] = stages
        out["on_disk"] = eng.on_disk
    out["rss_mib"] = (status_kib("VmHWM") or 0) / 1024
    print(json.dumps(out))


def run_one(kind: str, store: Path, src: str | None) -> dict:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("NKRU_DB", None)
    env["NKRU_USER_DB"] = os.devnull + ".none.json"
    cache = tempfile.mkdtemp(prefix="first-start-")
    env["NKRU_CACHE_DIR"] = cache
    if src:
        env["PYTHONPATH"] = str(Path(src).resolve())
    try:
        cp = subprocess.run(
            [sys.executable, __file__, "--worker", kind, str(store)],
            capture_output=True,
            text=True,
            env=env,
            cwd=str(ROOT),
        )
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    for line in reversed(cp.stdout.splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise SystemExit(f"{kind} {src}: exit {cp.returncode}: {cp.stderr[-500:]}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("store", nargs="?")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--build", action="append", default=[])
    ap.add_argument("--worker", nargs=2, metavar=("KIND", "STORE"))
    a = ap.parse_args()
    if a.worker:
        worker(*a.worker)
        return 0
    store = Path(a.store)
    builds = [tuple(b.split("=", 1)) for b in a.build] or [("this", None)]
    got: dict[str, list[dict]] = {"json.load": []}
    for name, _ in builds:
        got[name] = []
    for r in range(a.runs):
        got["json.load"].append(run_one("json", store, None))
        for name, src in builds:
            got[name].append(run_one("engine", store, src))
        print(f"round {r + 1}: " + ", ".join(f"{k} {v[-1]['s']:.2f} s" for k, v in got.items()),
              file=sys.stderr)
    base = statistics.median(x["s"] for x in got["json.load"])
    print(f"json.load: {base:.2f} s, {statistics.median(x['rss_mib'] for x in got['json.load']):.0f} MiB")
    for name, _ in builds:
        runs = got[name]
        s = statistics.median(x["s"] for x in runs)
        mib = statistics.median(x["rss_mib"] for x in runs)
        spread = ", ".join(f"{x['s']:.2f}" for x in runs)
        print(f"{name}: {s:.2f} s (x{s / base:.2f} json.load; runs {spread}), {mib:.0f} MiB,"
              f" on disk: {all(x.get('on_disk') for x in runs)}")
        words = list(dict.fromkeys(w for x in runs for w in x.get("stages", {})))
        for w in words:
            ts = [x["stages"][w] for x in runs if w in x.get("stages", {})]
            print(f"    {statistics.median(ts):7.2f} s  {w}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
