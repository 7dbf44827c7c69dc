"""A/B: two builds of nkru-tui side by side, interleaved, in one session (issue 13).

    python benchmarks/ab.py oneshot STORE [--runs 5] --app NAME=CMD [--app NAME=CMD ...]
    python benchmarks/ab.py paint [STORE] [--runs 9] --app NAME=CMD[@CACHE] [--app ...]

``oneshot``: each app's ``search --json Q`` for peers.ONESHOT beside SQLite FTS5 and ripgrep
on the same events (timed as peers.oneshot times them: wall from spawn to exit, peak RSS).
``paint``: first paint, rows on screen and search ready in tmux beside the floor app's first
frame (run.py's sessions), for the shipped store or STORE (its index built by a warm-up).
An app is ``NAME=COMMAND`` (split like a shell), optionally ``NAME=COMMAND@CACHE_DIR`` for its
own index cache (builds of different index formats must not share one). A build from git:
``git archive REV src | tar -x -C /tmp/old`` and ``--app "old=env PYTHONPATH=/tmp/old/src
.venv/bin/python -m nkru_tui@/tmp/old-cache"``. Only the ratios within one run mean anything.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import peers  # noqa: E402
import run  # noqa: E402


def _apps(specs: list[str]) -> list[tuple[str, list[str], str | None]]:
    out = []
    for spec in specs:
        name, _, rest = spec.partition("=")
        cmd, _, cache = rest.partition("@")
        # the apps run in a scratch folder: a relative path (.venv/bin/nkru-tui) is made absolute
        argv = [os.path.abspath(w) if "/" in w and not w.startswith("/") and os.path.exists(w)
                else w for w in shlex.split(cmd)]
        out.append((name, argv, os.path.abspath(cache) if cache else None))
    return out


def oneshot(store: Path, apps: list[tuple[str, list[str], str | None]], runs: int) -> None:
    env = run.child_env(NKRU_USER_DB=str(Path(run._scratch_cache()) / "no-user.json"))
    db = peers.fts_db_for(store)
    jl = peers.jsonl_for(store)
    for name, cmd, cache in apps:  # each app's index, built untimed
        e = dict(env, NKRU_CACHE_DIR=cache) if cache else env
        peers.run_timed_rss([*cmd, "--db", str(store), "search", "--json", "zzzzzz"], env=e)
    for _label, q in peers.ONESHOT:
        fq = (q + "*" if not q.endswith('"') else q + " *").replace("'", "''")
        cmds = {
            name: ([*cmd, "--db", str(store), "search", "--json", q],
                   dict(env, NKRU_CACHE_DIR=cache) if cache else env)
            for name, cmd, cache in apps
        }
        cmds["FTS5"] = (["sqlite3", "-json", str(db), f"SELECT rec FROM ev WHERE ev MATCH '{fq}'"],
                        env)
        cmds["rg"] = (["rg", "-i", "-F", q.strip('"'), str(jl)], env)
        for c, e in cmds.values():
            peers.run_timed_rss(c, env=e)  # untimed: page cache, bytecode
        ms: dict[str, list[float]] = {k: [] for k in cmds}
        rss: dict[str, int] = {k: 0 for k in cmds}
        for _ in range(runs):
            for k, (c, e) in cmds.items():
                r = peers.run_timed_rss(c, env=e)
                ms[k].append(r["ms"])
                rss[k] = max(rss[k], r.get("rss_kib") or 0)
        fts = statistics.median(ms["FTS5"])
        cells = [f"{k} {statistics.median(v):.0f} ms {rss[k] // 1024} MiB"
                 + (f" (×{statistics.median(v) / fts:.1f} FTS5)" if k not in ("FTS5", "rg") else "")
                 for k, v in ms.items()]
        print(f"{q}: " + " | ".join(cells), flush=True)


def paint(apps: list[tuple[str, list[str], str | None]], runs: int,
          store: Path | None = None) -> None:
    """First paint, rows on screen and search ready in tmux, each app beside the floor app.
    With a STORE, each app's index is built by an untimed warm-up in its own cache folder
    (``@CACHE``, else a fresh one), so the timed runs are starts with the index on disk."""
    keys = ("paint_s", "rows_s", "ready_s")
    res: dict[str, dict[str, list[float]]] = {"floor": {"paint_s": []}}
    res.update({name: {k: [] for k in keys} for name, _, _ in apps})
    caches = {name: cache or run.new_cache_dir() for name, _, cache in apps}
    run.tmux_floor_session("")
    for name, cmd, _ in apps:  # warm-up (builds the index of a large store)
        run.APP_OVERRIDE = cmd
        r = run.tmux_app_session(store, None, "", None, 1800, cache_dir=caches[name])
        if r.get("error"):
            print(f"{name}: warm-up: {r['error']}", flush=True)
    for _ in range(runs):
        res["floor"]["paint_s"].append(run.tmux_floor_session("")["paint_s"])
        for name, cmd, _ in apps:
            run.APP_OVERRIDE = cmd
            r = run.tmux_app_session(store, None, "", None, 60, cache_dir=caches[name])
            if r.get("error"):
                print(f"{name}: {r['error']}", flush=True)
            for k in keys:
                res[name][k].append(r.get(k) or float("nan"))
    floor = statistics.median(res["floor"]["paint_s"])
    what = store.name if store else "shipped store"
    for name, d in res.items():
        for k, v in d.items():
            ok = [x for x in v if x == x]  # NaN: not measured in that run
            if not ok:
                print(f"{name}: {k[:-2]}, {what}: not measured", flush=True)
                continue
            m = statistics.median(ok)
            lo = min(ok) / min(res["floor"]["paint_s"])
            print(f"{name}: {k[:-2]}, {what}, median {m * 1000:.0f} ms ×{m / floor:.2f} "
                  f"floor (fastest ÷ fastest ×{lo:.2f}; runs {[round(x * 1000) for x in ok]})",
                  flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("what", choices=("oneshot", "paint"))
    ap.add_argument("store", nargs="?", type=Path)
    ap.add_argument("--runs", type=int, default=None)
    ap.add_argument("--app", action="append", required=True, metavar="NAME=CMD[@CACHE]")
    a = ap.parse_args()
    apps = _apps(a.app)
    if a.what == "oneshot":
        if a.store is None:
            ap.error("oneshot needs a STORE")
        oneshot(a.store, apps, a.runs or 5)
    else:
        paint(apps, a.runs or 9, a.store.resolve() if a.store else None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
