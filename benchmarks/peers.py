"""The peers a user could pick instead, measured on the same events in the same run (issue 13).

- VisiData (``vd``; GPL, a benchmark peer only, never a dependency of nkru-tui: ``make bench``
  installs it into its own venv, ``.cache/bench-peers``, passed as ``run.py --peers-venv``)
  on the events as JSON lines: time to its first rows on screen in tmux, and its peak memory
  once every row is loaded;
- SQLite FTS5 (the ``sqlite3`` command) over the same text: each event's searchable fields
  plus the names and aliases of its actors (nkru-tui matches actor names too), the record's
  JSON returned per hit, as ``search --json`` prints it;
- ripgrep (``rg``, Debian package ``ripgrep``) over the JSON lines, case-insensitive.

Each one-shot command runs in a fresh process; wall time from spawn to exit, peak RSS from
``wait4``. The derived files (JSON lines, the FTS5 database) are built once per store, untimed,
next to the store under ``benchmarks/stores/``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

# the venv holding the peers installed by `make bench` (VisiData), if any
PEERS_VENV: Path | None = None

# one-shot queries: an actor's name (matched through the actor index), a common word, a phrase
ONESHOT: list[tuple[str, str]] = [
    ("actor name", "kozhemyako"),
    ("one word", "railway"),
    ("phrase", '"railway bridge"'),
]


def _loads(data: bytes) -> Any:
    try:
        import orjson

        return orjson.loads(data)
    except ImportError:  # pragma: no cover
        return json.loads(data)


def jsonl_for(store: Path) -> Path:
    """The store's events as JSON lines (what VisiData and ripgrep read)."""
    out = store.with_suffix(".events.jsonl")
    if out.exists() and out.stat().st_mtime >= store.stat().st_mtime:
        return out
    tmp = out.with_suffix(".tmp")
    db = store.with_suffix(".fts5.sqlite")
    if db.exists() and db.stat().st_mtime >= store.stat().st_mtime:
        # the FTS5 file holds each event's json.dumps in the store's order: the same lines,
        # read a row at a time (at 1M events, parsing the 1.5 GB store takes ~10 GB)
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            with open(tmp, "w", encoding="utf-8") as f:
                for (rec,) in con.execute("SELECT rec FROM ev ORDER BY rowid"):
                    f.write(rec + "\n")
        finally:
            con.close()
        os.replace(tmp, out)
        return out
    raw = _loads(store.read_bytes())
    with open(tmp, "w", encoding="utf-8") as f:
        for ev in (raw.get("events") or {}).values():
            f.write(json.dumps(ev, ensure_ascii=False) + "\n")
    del raw
    os.replace(tmp, out)
    return out


def fts_db_for(store: Path) -> Path:
    """An FTS5 database of the store's events: searchable text, and the record's JSON."""
    out = store.with_suffix(".fts5.sqlite")
    if out.exists() and out.stat().st_mtime >= store.stat().st_mtime:
        return out
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from nkru_tui.core.index import event_text_fields

    raw = _loads(store.read_bytes())
    names: dict[str, str] = {}
    for a in (raw.get("actors") or {}).values():
        names[a.get("id", "")] = " ".join([a.get("name", ""), *(a.get("aliases") or [])])
    tmp = out.with_suffix(".tmp")
    if tmp.exists():
        tmp.unlink()
    con = sqlite3.connect(str(tmp))
    con.execute("PRAGMA journal_mode=OFF")
    con.execute(
        "CREATE VIRTUAL TABLE ev USING fts5(text, rec UNINDEXED, "
        "tokenize='unicode61 remove_diacritics 2')"
    )

    def rows():
        for ev in (raw.get("events") or {}).values():
            linked = [a.get("id") for a in ev.get("actors", ()) if isinstance(a, dict)]
            linked += list(ev.get("places", ()) or ())
            text = "\n".join([*event_text_fields(ev), *(names.get(x, "") for x in linked)])
            yield text, json.dumps(ev, ensure_ascii=False)

    con.executemany("INSERT INTO ev(text, rec) VALUES (?, ?)", rows())
    con.commit()
    con.close()
    del raw
    os.replace(tmp, out)
    return out


def run_timed_rss(
    argv: list[str], env: dict[str, str] | None = None, cwd: str | None = None
) -> dict:
    """Run ``argv`` once: wall ms from spawn to exit, lines of output, and its peak RSS as
    ``/usr/bin/time`` reports it (a child forked from this process would report this
    process's size as its own peak: Linux keeps the high-water mark across exec)."""
    import tempfile

    gtime = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None
    with tempfile.NamedTemporaryFile(prefix="rss-", suffix=".txt") as tf:
        full = [gtime, "-q", "-f", "%M", "-o", tf.name, *argv] if gtime else argv
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            full, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=cwd
        )
        assert proc.stdout is not None
        lines = 0
        while chunk := proc.stdout.read(1 << 16):
            lines += chunk.count(b"\n")
        proc.wait()
        t1 = time.perf_counter()
        rss = None
        try:
            rss = int(Path(tf.name).read_text().split()[-1]) if gtime else None
        except (ValueError, IndexError, OSError):
            pass
    return {"ms": (t1 - t0) * 1000, "exit": proc.returncode, "lines": lines, "rss_kib": rss}


def _median(xs: list[float]) -> float | None:
    return statistics.median(xs) if xs else None


def oneshot(
    store: Path,
    nkru_argv: list[str],
    env: dict[str, str],
    runs: int,
    log=print,
    first_start: bool = True,
) -> dict:
    """Each one-shot query: nkru-tui's ``search --json`` (index already built), FTS5, rg.
    ``first_start``: the index is not built yet (its build, a first start, is timed)."""
    out: dict[str, Any] = {"queries": []}
    na: dict[str, str] = {}
    rg = shutil.which("rg")
    sq = shutil.which("sqlite3")
    if not rg:
        na["rg"] = "ripgrep not installed (apt-get install ripgrep)"
    if not sq:
        na["fts5"] = "sqlite3 command not installed"
    db = fts_db_for(store) if sq else None
    jl = jsonl_for(store)  # (from the FTS5 file's rows when there is one)
    # build nkru-tui's index once (a first start), timed apart from the queries
    first = run_timed_rss([*nkru_argv, "--db", str(store), "search", "--json", "zzzz"], env=env)
    if first_start:
        out["first_start"] = first
    log(
        f"  one-shot {'first start (builds the index)' if first_start else 'start'}: "
        f"{first['ms'] / 1000:.1f} s, {(first.get('rss_kib') or 0) / 1024:.0f} MiB"
    )
    for label, q in ONESHOT:
        row: dict[str, Any] = {"label": label, "query": q}
        # the engine matches word starts: the last word is a prefix in FTS5 too
        fts_q = (q + "*" if not q.endswith('"') else q + " *").replace("'", "''")
        cmds = {"nkru": [*nkru_argv, "--db", str(store), "search", "--json", q]}
        if db is not None:
            cmds["fts5"] = [
                sq,
                "-json",
                str(db),  # type: ignore[list-item]
                f"SELECT rec FROM ev WHERE ev MATCH '{fts_q}'",
            ]
        if rg:
            cmds["rg"] = [rg, "-i", "-F", q.strip('"'), str(jl)]
        for name in cmds:  # warm the page cache, untimed
            run_timed_rss(cmds[name], env=env)
        times: dict[str, list[float]] = {k: [] for k in cmds}
        rss: dict[str, list[int]] = {k: [] for k in cmds}
        lines: dict[str, int] = {}
        for _ in range(runs):
            for name, argv in cmds.items():  # interleaved: drift hits all alike
                r = run_timed_rss(argv, env=env)
                times[name].append(r["ms"])
                if r.get("rss_kib"):
                    rss[name].append(r["rss_kib"])
                lines[name] = r["lines"]
        for name in cmds:
            row[name] = {
                "ms": _median(times[name]),
                "min": min(times[name]),
                "max": max(times[name]),
                "rss_kib": max(rss[name], default=None),
                "lines": lines[name],
            }
        out["queries"].append(row)
        log(f"  one-shot {q!r}: " + ", ".join(f"{k} {row[k]['ms']:.0f} ms" for k in cmds))
    out["na"] = na
    return out


ROWS_RE = re.compile(r"(\d[\d,]*)\s+rows?\b")


def visidata(store: Path, events: int, runs: int, log=print) -> dict:
    """VisiData on the JSON lines in tmux: first rows, and peak RSS with every row loaded."""
    vd = str(PEERS_VENV / "bin" / "vd") if PEERS_VENV else ""
    if not vd or not Path(vd).exists():
        vd = shutil.which("vd") or ""
    if not vd:
        return {"error": "VisiData not installed (`make bench` installs it in .cache/bench-peers)"}
    from tmux_harness import Terminal

    jl = jsonl_for(store)
    res: dict[str, Any] = {"rows_s": [], "loaded_s": [], "rss_kib": []}
    first_id = None
    with open(jl, "rb") as f:
        first_id = _loads(f.readline()).get("id")
    for i in range(runs + 1):  # the first is an untimed warm-up
        # never PYTHONDONTWRITEBYTECODE in the pane (VisiData is Python too; see run.term_env)
        term_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        with Terminal(env=term_env) as term:
            env = {"HOME": str(Path(jl).parent), "VD_OPTIONS": ""}
            t0 = term.launch([vd, "--confirm-overwrite=False", str(jl)], env=env)

            def has_rows(sc) -> bool:
                return sc.nonblank_rows() >= 4 and (
                    first_id is None
                    or any(first_id[:20] in line for line in sc.lines)
                    or sc.nonblank_rows() >= 10
                )

            s = term.wait_for(has_rows, timeout=120)
            if s is None:
                return {
                    "error": "VisiData showed no rows within 120 s: "
                    + " ".join(term.capture().text.split())[-200:]
                }

            def loaded(sc) -> bool:
                for m in ROWS_RE.finditer(sc.text):
                    if int(m.group(1).replace(",", "")) >= events:
                        return True
                return False

            s2 = term.wait_for(loaded, timeout=600)
            if i == 0:
                continue
            res["rows_s"].append(s.at - t0)
            if s2 is not None:
                res["loaded_s"].append(s2.at - t0)
            time.sleep(0.5)
            res["rss_kib"].append(term.peak_rss_kib())
        log(
            f"  VisiData run {i}: first rows {res['rows_s'][-1]:.3f} s, all loaded "
            f"{res['loaded_s'][-1] if res['loaded_s'] else float('nan'):.1f} s, "
            f"{(res['rss_kib'][-1] or 0) / 1024:.0f} MiB"
        )
    return res
