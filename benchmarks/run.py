#!/usr/bin/env python3
"""The nkru-tui benchmark (issue 5): ``make bench`` runs it all.

    python benchmarks/run.py                 # full: shipped store + 1k, 10k, 100k, 5 runs each
    python benchmarks/run.py --quick         # smoke run: shipped store + 1k, 2 runs (< 2 min)
    python benchmarks/run.py --sizes 10k --runs 3
    python benchmarks/run.py --profile-only  # only write benchmarks/PROFILE.md
    python benchmarks/run.py --queries-only --sizes 100k [--cache-dir DIR]  # figure 3 only

Figures, for the shipped store and each synthetic size, with the floor app measured in the
same run (every time is also given as a ratio to the floor, with median and min-max spread):

1. first paint of the installed ``nkru-tui`` in tmux (80x24) and the time until search is ready
   (the status line shows the store's event count);
2. ``Engine.load`` (read + validate + index) against ``json.load`` of the same file, each in a
   fresh subprocess;
3. engine query latency p50/p95 over a fixed query set, "cold" (the engine's result caches
   cleared before each call: what a new keystroke costs) and "warm" (repeated query);
4. keystroke -> repainted timeline in the app (key sent in tmux -> status line shows the count
   the engine gives for the new query), against keystroke -> echo in the floor app's Input;
5. peak RSS (VmHWM) of the app process, and of the headless engine after load.

Also the note-save figure from ``benchmarks/bench_notes.py`` when that script exists.
It prints one table, writes the figures to ``benchmarks/out/results.json`` and (for full runs)
the table with the machine to ``benchmarks/RESULTS.md``. Parts that cannot run (engine or TUI
missing, no tmux) print ``n/a (reason)``. No figure here is asserted anywhere: the machine is
noisy, so only ratios within one run are meaningful.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import gc
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))

import gen_store  # noqa: E402
from procstat import status_kib

# The fixed query set (issue 5, figure 3). The synthetic stores always hold the anchors
# (Pyongyang / Пхеньян / 평양, Kim Jong Un, Vladimir Putin), so every query has hits.
QUERIES: list[tuple[str, str]] = [
    ("one word", "railway"),
    ("prefix", "tour"),
    ("two words", "kim putin"),
    ("phrase", '"railway bridge"'),
    ("qualifier", "sector:tourism"),
    ("Cyrillic alias", "Пхеньян"),
    ("Hangul alias", "평양"),
    ("all (range)", "year:1900..2100"),
    ("all (empty)", ""),
]

# What is typed into the app's search, one key at a time ("\b" = backspace). Only keys after
# which the engine's count changes are timed: otherwise an unchanged status line could not
# tell a repaint from a stale screen.
TYPE_FULL = "pyongyang rail" + "\b" * 14 + "tourism kim" + "\b" * 11
TYPE_QUICK = "rail tour" + "\b" * 9
BURST_WORD = "vladivostok"  # typed in one go after the test: only the final count is timed
FLOOR_TYPE = "pyongyangrailwaytourismkim"  # no spaces: a trailing one is invisible

# "N of M events": the "of" is required, so a progress line ("checking 100,000 events") is
# never taken for the ready status line.
STATUS_RE = re.compile(
    r"(\d[\d,.\u202f\u00a0']*)\s+of\s+(\d[\d,.\u202f\u00a0']*)\s+events?\b", re.I
)


def _num(s: str | None) -> int | None:
    if s is None:
        return None
    digits = re.sub(r"\D", "", s)
    return int(digits) if digits else None


NOTES_RE = re.compile(r"^\s*([a-z]+)\s+n=\s*(\d+)\s+median\s+([\d.]+) ms\s+p95\s+([\d.]+) ms")
LOAD_ERROR_RE = re.compile(r"nkru-tui: (?:cannot load|.*: (?:no such file|not valid|invalid)).*")
QUERY_RE = re.compile(r"\bquery: (.*?)(?: · |…|$)")


def parse_status(text: str) -> tuple[int, int] | None:
    """(shown, total) from a status line such as "1,234 of 100,000 events"."""
    st = parse_status_full(text)
    return None if st is None else (st[0], st[1])


def parse_status_full(text: str) -> tuple[int, int, str | None] | None:
    """(shown, total, query or None) from "1,234 of 100,000 events · query: rail"."""
    for line in reversed(text.splitlines()):
        for m in STATUS_RE.finditer(line):
            total, shown = _num(m.group(2)), _num(m.group(1))
            if total is not None and shown is not None:
                q = QUERY_RE.search(line, m.end())
                return shown, total, (q.group(1).strip() if q else None)
    return None


# =============================================================================== helpers


def pct(values: list[float], p: float) -> float | None:
    """Percentile with linear interpolation (p in 0..100)."""
    if not values:
        return None
    v = sorted(values)
    k = (len(v) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def summary(values: list[float]) -> dict | None:
    vals = [v for v in values if v is not None]
    if not vals:
        return None
    return {
        "n": len(vals), "median": statistics.median(vals), "min": min(vals), "max": max(vals),
        "p25": pct(vals, 25), "p75": pct(vals, 75), "p95": pct(vals, 95),
    }


def ratio(a: float | None, b: float | None) -> float | None:
    if a is None or not b:
        return None
    return a / b


def python_cmd() -> list[str]:
    return [sys.executable]


APP_OVERRIDE: list[str] | None = None


def app_cmd() -> list[str]:
    """The installed ``nkru-tui`` next to this Python, else ``python -m nkru_tui``."""
    if APP_OVERRIDE:
        return list(APP_OVERRIDE)
    script = Path(sys.executable).parent / "nkru-tui"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "nkru_tui"]


CACHE_ROOT: Path | None = None  # set by Bench: every child's NKRU_CACHE_DIR lives under it


def new_cache_dir() -> str:
    """A fresh, empty index-cache folder (the engine caches large stores' word index)."""
    root = CACHE_ROOT or Path(tempfile.gettempdir())
    root.mkdir(parents=True, exist_ok=True)
    return tempfile.mkdtemp(prefix="cache-", dir=root)


_SCRATCH: list[str] = []


def _scratch_cache() -> str:
    if not _SCRATCH:
        import atexit

        _SCRATCH.append(new_cache_dir())
        atexit.register(shutil.rmtree, _SCRATCH[0], True)
    return _SCRATCH[0]


def cache_used(d: str) -> bool:
    return any(Path(d).iterdir())


def term_env() -> dict[str, str]:
    """The environment of a tmux server (and so of every command in its panes): the caller's
    without PYTHONDONTWRITEBYTECODE, for the reason child_env says."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def child_env(**extra: str) -> dict[str, str]:
    """The environment of every child: no user's store, and its own (empty) index cache."""
    env = dict(os.environ)
    if env.get("PYTHONPATH"):  # children run elsewhere: make relative entries absolute
        env["PYTHONPATH"] = os.pathsep.join(
            str(Path(p).resolve()) for p in env["PYTHONPATH"].split(os.pathsep) if p
        )
    env.pop("NKRU_DB", None)
    env.pop("NKRU_USER_DB", None)
    # an installed app has its bytecode; without this every child would compile nkru_tui's
    # sources at each start (~70 ms) when the caller's shell sets it
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["NKRU_CACHE_DIR"] = _scratch_cache()  # never the user's cache; callers may override
    env.update(extra)
    return env


def run_worker(kind: str, *args: str, timeout: float = 900, cache_dir: str | None = None
               ) -> dict:
    """Run this file as a worker subprocess; its one JSON line, or {"error": ...}."""
    cmd = python_cmd() + [str(Path(__file__).resolve()), "--worker", kind, *args]
    env = child_env(**({"NKRU_CACHE_DIR": cache_dir} if cache_dir else {}))
    try:
        cp = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                            env=env, cwd=str(ROOT))
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    for line in reversed(cp.stdout.splitlines()):
        if line.startswith("{"):
            try:
                return json.loads(line)
            except ValueError:
                break
    err = (cp.stderr.strip().splitlines() or ["no output"])[-1]
    return {"error": f"exit {cp.returncode}: {err[:200]}"}


def probe(code: str) -> str | None:
    """None if ``code`` runs in a fresh interpreter, else the last line of its error."""
    cp = subprocess.run(python_cmd() + ["-c", code], capture_output=True, text=True,
                        env=child_env(), cwd=str(ROOT), timeout=120)
    if cp.returncode == 0:
        return None
    lines = cp.stderr.strip().splitlines()
    return lines[-1][:200] if lines else f"exit {cp.returncode}"


def source_digest() -> str:
    """A digest of the package's source, to tell if it changed while the benchmark ran."""
    import hashlib

    h = hashlib.sha256()
    for f in sorted((ROOT / "src" / "nkru_tui").rglob("*")):
        if f.is_file() and f.suffix in (".py", ".tcss", ".json", ".md"):
            h.update(str(f.relative_to(ROOT)).encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:12]


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        from importlib.metadata import version

        textual = version("textual")
    except Exception:
        textual = "not installed"
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, cwd=str(ROOT), timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(), "cpu": cpu, "memory": mem, "python": platform.python_version(),
        "textual": textual, "kernel": platform.release(), "tmux": _tmux_version(),
        "date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit, "loadavg": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }


def _tmux_version() -> str:
    try:
        return subprocess.run(["tmux", "-V"], capture_output=True, text=True,
                              timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "none"


# =============================================================================== workers
# Each runs in a fresh interpreter (``run.py --worker KIND ...``) and prints one JSON line.




def worker_json_load(path: str) -> dict:
    t0 = time.perf_counter()
    with open(path, "rb") as f:
        raw = json.load(f)
    t1 = time.perf_counter()
    return {"load_s": t1 - t0, "rss_kib": status_kib("VmHWM"),
            "events": len(raw.get("events", {}))}


def worker_engine_load(path: str) -> dict:
    t0 = time.perf_counter()
    from nkru_tui.core.engine import Engine

    t1 = time.perf_counter()
    eng = Engine.load(path)
    t2 = time.perf_counter()
    return {"import_s": t1 - t0, "load_s": t2 - t1, "rss_kib": status_kib("VmHWM"),
            "events": len(eng.events), "from_cache": getattr(eng, "index_from_cache", None)}


def _clear_caches(obj: Any, depth: int = 0, seen: set[int] | None = None) -> int:
    """Empty every dict attribute named like a cache on the engine and its parts."""
    seen = set() if seen is None else seen
    if id(obj) in seen or depth > 3:
        return 0
    seen.add(id(obj))
    n = 0
    attrs = getattr(obj, "__dict__", None)
    if not isinstance(attrs, dict):
        return 0
    for name, val in attrs.items():
        if "cache" in name.lower() and isinstance(val, dict):
            val.clear()
            n += 1
        elif type(val).__module__.startswith("nkru_tui"):
            n += _clear_caches(val, depth + 1, seen)
        elif isinstance(val, (list, tuple)) and val and len(val) < 16:
            for item in val:
                if type(item).__module__.startswith("nkru_tui"):
                    n += _clear_caches(item, depth + 1, seen)
    return n


def worker_queries(path: str, reps: str, typed: str) -> dict:
    from nkru_tui.core.engine import Engine

    eng = Engine.load(path)
    reps_n = int(reps)
    out: dict[str, Any] = {"events": len(eng.events), "queries": []}
    gc.collect()
    for label, q in QUERIES:
        res: dict[str, Any] = {"label": label, "query": q}
        try:
            hits = len(eng.search_events(q))
        except Exception as exc:  # a QueryError is a finding, not a crash
            res["error"] = f"{type(exc).__name__}: {exc}"
            out["queries"].append(res)
            continue
        res["hits"] = hits
        for mode in ("cold", "warm"):
            times: list[float] = []
            budget = time.perf_counter() + 5.0
            cpu: list[float] = []  # this thread's CPU time: the query's own work, no waiting
            for _ in range(reps_n):
                if mode == "cold":
                    res["caches_cleared"] = _clear_caches(eng)
                t0, c0 = time.perf_counter(), time.thread_time()
                eng.search_events(q)
                times.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.thread_time() - c0) * 1000)
                if time.perf_counter() > budget and len(times) >= 5:
                    break
            res[mode] = {"n": len(times), "p50_ms": pct(times, 50), "p95_ms": pct(times, 95),
                         "max_ms": max(times), "cpu_p50_ms": pct(cpu, 50),
                         "cpu_p95_ms": pct(cpu, 95)}
        out["queries"].append(res)
    # What the status line must show after each key of the typing test.
    counts = []
    text = ""
    for ch in typed:
        text = text[:-1] if ch == "\b" else text + ch
        try:
            counts.append(len(eng.search_events(text)))
        except Exception:
            counts.append(None)
    out["typed_counts"] = counts
    out["burst_count"] = len(eng.search_events(BURST_WORD))
    out["rss_kib"] = status_kib("VmHWM")
    return out




def worker_steps(path: str) -> dict:
    """A next start at a big store, step by step: what the explorer and the user's layer ask
    of the engine after the index opens, each step's time and the memory held after it (what
    breaks next at 1M, measured; the index must be in the worker's cache already)."""
    import tempfile as _tf

    steps: list[dict] = []

    def step(name: str, fn: Callable[[], Any]) -> Any:
        t0 = time.perf_counter()
        out = fn()
        steps.append({"step": name, "ms": (time.perf_counter() - t0) * 1000,
                      "rss_kib": status_kib("VmRSS"), "hwm_kib": status_kib("VmHWM")})
        return out

    def engine() -> Any:
        from nkru_tui.core.engine import Engine

        return Engine.load(path)

    eng = step("import + Engine.load (next start, index on disk)", engine)
    first = step("the first screen's 40 timeline rows", lambda: list(eng.events[:40]))
    step("every actor (`engine.actors`, the actor list's source)", lambda: len(eng.actors))
    step("every actor's event count (the actor list's counts)",
         lambda: {a: eng.event_count(a) for a in eng.actors})
    step("the actor list in name order (`search_actors('')`)", lambda: eng.search_actors(""))
    top = max(eng.actors, key=eng.event_count)
    step(f"an actor's detail: relations of `{top}`", lambda: eng.relations_of_actor(top))
    step(f"an actor's detail: events of `{top}`", lambda: len(eng.events_of_actor(top)))
    step("an event's detail: related events", lambda: eng.related_events(first[0]["id"]))

    def user_layer() -> Any:
        from nkru_tui.core.store import validate_record
        from nkru_tui.core.userlayer import UserLayer

        with _tf.TemporaryDirectory() as d:
            layer = UserLayer.open(Path(d) / "user.json",
                                   curated_known_ids=eng.curated_known_ids(),
                                   curated_actor_kinds=eng.curated_actor_kinds())
            src = next(iter(eng.sources))
            layer.add_record("events", {
                "id": "bench-own-event", "date": "2025", "title": "Own", "sectors": ["trade"],
                "actors": [], "evidence": [{"source": src, "quote": "a quote of my own here"}],
            }, validator=validate_record)

    step("the user's layer opened, one own record added (`a`)", user_layer)
    def density() -> Any:
        light = getattr(eng.search_events(""), "light_counts", None)
        return len(light()) if light is not None else None

    step("the density chart (`d`): every event's month and sector", density)
    step("every relation (an export, the records citing a source)", lambda: len(eng.relations))
    return {"steps": steps, "events": len(eng.events)}


WORKERS: dict[str, Callable[..., dict]] = {
    "json-load": worker_json_load,
    "engine-load": worker_engine_load,
    "queries": worker_queries,
    "steps": worker_steps,
}


# =============================================================================== tmux part


def _painted(screen) -> bool:
    # A Textual app paints the whole screen in one frame: header, widgets and footer. Two
    # non-blank rows tell a real frame from a stray line printed before the app starts.
    return screen.nonblank_rows() >= 2


# A timeline row starts with its date: at least three of them on screen are rows, whatever the
# status line says (on a first start the rows come with "search not ready yet").
ROW_RE = re.compile(r"^\s{1,3}[\u2191\u2193>*]?\s*(?:1[89]|20)\d\d(?:-\d\d){0,2}\b", re.MULTILINE)


def _rows_shown(screen) -> bool:
    return len(ROW_RE.findall(screen.text)) >= 3


def tmux_floor_session(typed: str, status: bool = False) -> dict:
    """The floor app: first paint, keystroke -> echo (or -> status line), peak RSS."""
    from tmux_harness import Terminal

    res: dict[str, Any] = {}
    with Terminal(env=term_env()) as term:
        argv = python_cmd() + [str(HERE / "floor_app.py")] + (["--status"] if status else [])
        t0 = term.launch(argv, cwd=str(ROOT))
        s = term.wait_for(_painted, timeout=30)
        if s is None:
            return {"error": "floor app did not paint within 30 s: "
                    + term.capture().text.strip()[-200:]}
        res["paint_s"] = s.at - t0
        time.sleep(0.3)
        lat = []
        text = ""
        for ch in typed:
            text += ch
            want = text

            def echoed(sc, want=want) -> bool:
                if status:
                    st = parse_status_full(sc.text)
                    return st is not None and st[0] == len(want) and st[2] == want
                return any(line.strip("▊▎▌▐│┃ ") == want for line in sc.lines)

            k = term.send_keys(ch)
            sc = term.wait_for(echoed, timeout=10)
            if sc is None:
                res["error"] = f"floor app did not echo {want!r}"
                break
            lat.append((sc.at - k) * 1000)
            time.sleep(0.05)
        res["key_ms"] = lat
        res["rss_kib"] = term.peak_rss_kib()
    return res


def tmux_app_session(store: Path | None, total: int | None, typed: str,
                     counts: list[int | None] | None, ready_timeout: float,
                     burst_count: int | None = None, cache_dir: str | None = None) -> dict:
    """nkru-tui in tmux: first paint, search ready, keystrokes, peak RSS."""
    from tmux_harness import Terminal

    res: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="nkru-bench-") as tmp:
        env = {"NKRU_USER_DB": str(Path(tmp) / "user.json"),
               "XDG_DATA_HOME": str(Path(tmp) / "data"),
               "XDG_CACHE_HOME": str(Path(tmp) / "cache"),
               "NKRU_CACHE_DIR": cache_dir or new_cache_dir()}
        if child_env().get("PYTHONPATH"):
            env["PYTHONPATH"] = child_env()["PYTHONPATH"]
        argv = app_cmd() + (["--db", str(store)] if store else [])
        with Terminal(env=term_env()) as term:
            t0 = term.launch(argv, env=env, cwd=tmp)
            s = term.wait_for(_painted, timeout=60)
            if s is None or term.dead:
                what = "exited" if term.dead else "did not paint within 60 s"
                return {"error": f"nkru-tui {what}: "
                        + " ".join(term.capture().text.split())[-240:]}
            res["paint_s"] = s.at - t0
            # rows: the first screen with timeline rows (or the load's error, or the ready
            # status, which never comes without rows)
            s = term.wait_for(lambda sc: _rows_shown(sc) or bool(LOAD_ERROR_RE.search(sc.text))
                              or parse_status(sc.text) is not None, timeout=ready_timeout)
            if s is not None and _rows_shown(s):
                res["rows_s"] = s.at - t0

            def ready(sc) -> bool:
                if LOAD_ERROR_RE.search(sc.text):
                    return True  # the app said it cannot load the store: stop waiting
                st = parse_status(sc.text)
                return st is not None and (total is None or st[1] == total)

            s = term.wait_for(ready, timeout=ready_timeout)
            if s is not None and LOAD_ERROR_RE.search(s.text):
                msg = LOAD_ERROR_RE.search(s.text).group(0)  # type: ignore[union-attr]
                return {**res, "error": f"nkru-tui could not load the store: {msg[:200]}"}
            if s is None:
                scr = " ".join(term.capture().text.split())
                if term.dead:
                    return {**res, "error": f"nkru-tui exited: {scr[-240:]!r}"}
                return {**res, "error": f"search not ready within {ready_timeout:.0f} s "
                        f"(no 'N of {total} events' on screen: {scr[-240:]!r})"}
            res["ready_s"] = s.at - t0
            res["status_at_ready"] = parse_status(s.text)
            if counts is not None and total is not None:
                time.sleep(0.3)
                res.update(_type_into_app(term, typed, counts, total, burst_count))
            res["rss_kib"] = term.peak_rss_kib()
    return res


def _type_into_app(term, typed: str, counts: list[int | None], total: int,
                   burst_count: int | None) -> dict:
    """Type ``typed`` into the search, one key at a time; time key -> updated status line.

    A key counts as repainted when the status line shows the engine's count for the new
    query and, where the status line names the query ("query: ..."), that query. Without a
    query on the status line, keys that leave the count unchanged cannot be told from a stale
    screen and are not timed.
    """
    before = term.capture()
    term.send_keys("/")
    # "/" opens and focuses the search box; wait until something on screen changed (or 1 s).
    term.wait_for(lambda sc: sc.lines != before.lines, timeout=1.0)
    time.sleep(0.1)
    lat: list[float] = []
    skipped = 0
    prev = total
    query_aware = False
    text = ""
    for ch, want in zip(typed, counts):
        text = text[:-1] if ch == "\b" else text + ch
        k = term.send_keys("BSpace", literal=False) if ch == "\b" else term.send_keys(ch)
        if want is None:
            skipped += 1
            time.sleep(0.1)
            continue
        sc = term.wait_for(_status_shows(want, total, text, query_aware), timeout=15)
        if sc is None:
            st = parse_status_full(term.capture().text)
            return {"key_ms": lat, "keys_skipped": skipped,
                    "key_error": f"after typing {text!r} the status showed {st}, "
                                 f"expected ({want}, {total}, {text.strip()!r})"}
        st = parse_status_full(sc.text)
        query_aware = query_aware or (st is not None and st[2] is not None)
        if query_aware or want != prev:
            lat.append((sc.at - k) * 1000)
        else:
            skipped += 1  # status unchanged: cannot tell a repaint from a stale screen
        prev = want
        time.sleep(0.05)
    res: dict[str, Any] = {"key_ms": lat, "keys_skipped": skipped}
    if burst_count is None:
        return res
    # Burst: the whole word at once, as fast as tmux sends it; time to the final count.
    # Stale searches must be cancelled, so this should cost about one keystroke, not eleven.
    term.send_keys("BSpace", literal=False) if text else None
    k = term.send_keys(BURST_WORD)
    sc = term.wait_for(_status_shows(burst_count, total, BURST_WORD, query_aware), timeout=20)
    if sc is None:
        res["burst_error"] = f"the status never showed {burst_count} for {BURST_WORD!r}"
    else:
        res["burst_ms"] = (sc.at - k) * 1000
    return res


def _status_shows(want: int, total: int, text: str, query_aware: bool):
    def pred(sc) -> bool:
        st = parse_status_full(sc.text)
        if st is None or st[0] != want or st[1] != total:
            return False
        if st[2] is not None:
            return st[2] == text.strip()
        return not (query_aware and text.strip())

    return pred


# =============================================================================== the run


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.quick = args.quick
        self.runs = args.runs
        self.results: dict[str, Any] = {"machine": machine(), "config": {}, "stores": {},
                                        "floor": {}, "na": {}}
        self.t_start = time.perf_counter()
        # a big store (1M events): each of its figures once (a first start builds its index
        # for minutes), and its first start's index kept for the figures that need one
        self.big_from = gen_store.parse_size(getattr(args, "big_from", None) or "1m")
        self.big_caches: dict[str, str] = {}

    def is_big(self, label: str) -> bool:
        st = self.results["stores"].get(label, {})
        n = st.get("events") or (gen_store.parse_size(label) if label != "shipped" else 0)
        return n >= self.big_from

    def runs_for(self, label: str) -> int:
        return min(self.runs, self.args.runs_1m) if self.is_big(label) else self.runs

    def log(self, msg: str) -> None:
        el = time.perf_counter() - self.t_start
        print(f"[{el:6.1f}s] {msg}", file=sys.stderr, flush=True)

    # ------------------------------------------------------------------ availability

    def check(self) -> None:
        na = self.results["na"]
        why = probe("import nkru_tui.core.engine")
        if why:
            na["engine"] = f"engine not importable: {why}"
        why = None if APP_OVERRIDE else probe("import nkru_tui.tui.app")
        if why:
            na["tui"] = f"TUI not importable: {why}"
        else:
            why = probe("import nkru_tui.cli")
            if why:
                na["tui"] = f"CLI not importable: {why}"
        from tmux_harness import tmux_available

        why = tmux_available()
        if why:
            na["tmux"] = why
        for k, v in na.items():
            self.log(f"n/a {k}: {v}")

    def stores(self) -> list[tuple[str, Path | None, Path | None]]:
        """(label, path for --db or None for the packaged store, file to read)."""
        out: list[tuple[str, Path | None, Path | None]] = []
        cp = subprocess.run(
            python_cmd() + ["-c", "from nkru_tui.paths import packaged_db_path as p; print(p())"],
            capture_output=True, text=True, env=child_env(), cwd=str(ROOT), timeout=60,
        )
        shipped = Path(cp.stdout.strip()) if cp.returncode == 0 and cp.stdout.strip() else None
        if shipped is None or not shipped.is_file():
            self.results["na"]["shipped"] = "no shipped store (data/db.json missing)"
            self.log("n/a shipped store: data/db.json missing")
        else:
            out.append(("shipped", None, shipped))
        for label in self.args.sizes:
            n = gen_store.parse_size(label)
            self.log(f"store {label}: generating or reusing (seed {self.args.seed})")
            p = gen_store.cached_store(n, self.args.seed)
            out.append((gen_store.size_label(n), p, p))
        return out

    # ------------------------------------------------------------------ parts

    def headless(self, label: str, path: Path) -> None:
        st = self.results["stores"].setdefault(label, {})
        st["file"] = str(path)
        st["file_mb"] = path.stat().st_size / 1e6
        js, el, ew = [], [], []  # json.load, Engine.load cold, Engine.load warm (cached index)
        # 15 min, plus 3 s per MB: at 1M events (1.5 GB) on a shared 2-core machine a first
        # start took longer than 15 min, and a fixed limit made every 1M figure n/a
        timeout = 900 + 3 * st["file_mb"]
        big = self.is_big(label)
        runs = self.runs_for(label)
        for i in range(runs):
            if big:
                self.log(f"{label}: json.load, Engine.load first and next start "
                         f"(run {i + 1}/{runs})")
            r = run_worker("json-load", str(path), timeout=timeout)
            if "error" not in r:
                js.append(r)
                st["events"] = r["events"]
            if "engine" not in self.results["na"]:
                cache = new_cache_dir()  # cold: no index cache yet (a first start)
                r = run_worker("engine-load", str(path), cache_dir=cache, timeout=timeout)
                if "error" in r:
                    st["engine_error"] = r["error"]
                    break
                el.append(r)
                if cache_used(cache):  # warm: the next start, with the cache just written
                    r = run_worker("engine-load", str(path), cache_dir=cache, timeout=timeout)
                    if "error" in r:
                        st["engine_warm_error"] = r["error"]
                    else:
                        ew.append(r)
                if big and i == runs - 1 and "engine_warm_error" not in st:
                    self.big_caches[label] = cache  # its index serves the queries and peers
                else:
                    shutil.rmtree(cache, ignore_errors=True)
        st["json_load_s"] = summary([r["load_s"] for r in js])
        st["json_rss_kib"] = summary([r["rss_kib"] for r in js if r.get("rss_kib")])
        if el:
            st["engine_load_s"] = summary([r["load_s"] for r in el])
            st["engine_import_s"] = summary([r["import_s"] for r in el])
            st["engine_rss_kib"] = summary([r["rss_kib"] for r in el if r.get("rss_kib")])
        if ew:
            st["engine_load_warm_s"] = summary([r["load_s"] for r in ew])
            st["engine_rss_warm_kib"] = summary([r["rss_kib"] for r in ew if r.get("rss_kib")])
            st["engine_warm_from_cache"] = [r.get("from_cache") for r in ew]
        self.log(f"{label}: json.load {_fmt_s(st['json_load_s'])}, Engine.load "
                 f"{_fmt_s(st.get('engine_load_s')) if el else st.get('engine_error', 'n/a')}"
                 + (f", warm {_fmt_s(st.get('engine_load_warm_s'))}" if ew else ""))
        if "engine" in self.results["na"] or "engine_error" in st:
            return
        reps = "10" if self.quick else "40"
        r = run_worker("queries", str(path), reps, self.typed, timeout=timeout,
                       cache_dir=self.big_caches.get(label))
        if "error" in r:
            st["query_error"] = r["error"]
        else:
            st["queries"] = r["queries"]
            st["typed_counts"] = r["typed_counts"]
            st["burst_count"] = r["burst_count"]
            st["events"] = r["events"]
        self.log(f"{label}: queries done")
        if label in self.big_caches:
            r = run_worker("steps", str(path), timeout=timeout, cache_dir=self.big_caches[label])
            st["steps"] = r.get("steps") or r.get("error")
            self.log(f"{label}: next start step by step: "
                     + ("; ".join(f"{x['step'][:30]} {x['ms']:.0f} ms" for x in r["steps"])
                        if "steps" in r else r.get("error", "?")))

    @property
    def typed(self) -> str:
        return TYPE_QUICK if self.quick else TYPE_FULL

    def tmux(self, stores: list[tuple[str, Path | None, Path | None]]) -> None:
        na = self.results["na"]
        if "tmux" in na:
            return
        floor_runs: list[dict] = []
        floor_status_runs: list[dict] = []
        app_runs: dict[str, list[dict]] = {label: [] for label, _, _ in stores}
        warm_runs: dict[str, list[dict]] = {label: [] for label, _, _ in stores}
        floor_typed = FLOOR_TYPE[: len(self.typed.replace("\b", "")) or 8]
        app_ok = "tui" not in na
        broken: set[str] = set()
        # One untimed warm-up of each (page cache, .pyc files), then interleaved runs so
        # that drift in the machine's load hits the floor and the app alike.
        self.log("tmux: warm-up")
        tmux_floor_session(floor_typed[:3])
        if app_ok:
            for label, db, _ in stores[:1]:
                st = self.results["stores"].get(label, {})
                tmux_app_session(db, st.get("events"), "", None, 120)
                self.log("tmux: warm-up done")
        for i in range(self.runs):
            r = tmux_floor_session(floor_typed)
            floor_runs.append(r)
            self.log(f"tmux run {i + 1}/{self.runs}: floor paint {_ms(r.get('paint_s'))}"
                     + (f" ERROR {r['error']}" if "error" in r else ""))
            r = tmux_floor_session(floor_typed, status=True)
            floor_status_runs.append(r)
            if "error" in r:
                self.log(f"tmux run {i + 1}/{self.runs}: floor --status ERROR {r['error']}")
            if not app_ok:
                continue
            for label, db, _ in stores:
                if label in broken:
                    continue
                st = self.results["stores"].get(label, {})
                total = st.get("events")
                big = self.is_big(label)
                if i >= self.runs_for(label):
                    continue  # a big store: one first start and one next start (minutes)
                counts = st.get("typed_counts")
                # a big store's first start: search ready in minutes (~6 at 1M, 2026-12-02)
                timeout = 60 + (0.8 if big else 2) * (st.get("file_mb") or 0)
                cache = new_cache_dir()
                try:
                    # First start (no index cache), then, if the engine wrote one, the next
                    # start with it: what a user sees the first time and every time after.
                    for mode in ("cold", "warm"):
                        if mode == "warm" and not cache_used(cache):
                            break
                        r = tmux_app_session(db, total, self.typed, counts, timeout,
                                             st.get("burst_count"), cache)
                        (app_runs if mode == "cold" else warm_runs)[label].append(r)
                        if "ready_s" not in r:  # it will fail the same way: do not wait again
                            broken.add(label)
                        msg = (f"tmux run {i + 1}/{self.runs}: {label} {mode} paint "
                               f"{_ms(r.get('paint_s'))} ready {_ms(r.get('ready_s'))}")
                        for key in ("error", "key_error", "burst_error"):
                            if key in r:
                                msg += f" {key.upper()} {r[key]}"
                        self.log(msg)
                        if label in broken:
                            break
                finally:
                    shutil.rmtree(cache, ignore_errors=True)
        self.results["floor"] = _tmux_summary(floor_runs)
        self.results["floor_status"] = _tmux_summary(floor_status_runs)
        for label, runs in app_runs.items():
            if runs:
                self.results["stores"].setdefault(label, {})["tui"] = _tmux_summary(runs)
            if warm_runs[label]:
                self.results["stores"][label]["tui_warm"] = _tmux_summary(warm_runs[label])

    def sources(self) -> None:
        """The own-sources figures (issue 11) from benchmarks/bench_sources.py."""
        args = ["--json"] + (["--quick"] if self.quick else [])
        self.log("sources: " + " ".join(["bench_sources.py", *args]))
        try:
            cp = subprocess.run(python_cmd() + [str(HERE / "bench_sources.py"), *args],
                                capture_output=True, text=True, timeout=600, env=child_env(),
                                cwd=str(ROOT))
        except subprocess.TimeoutExpired:
            self.results["sources"] = {"error": "bench_sources.py timed out after 600 s"}
            return
        res: dict[str, Any] = {"command": f"bench_sources.py {' '.join(args)}",
                               "exit": cp.returncode, "stdout": cp.stdout[-4000:]}
        if cp.returncode != 0:
            res["error"] = (cp.stderr.strip().splitlines() or ["failed"])[-1][:300]
        for line in reversed(cp.stdout.splitlines()):
            if line.startswith("{"):
                try:
                    res["json"] = json.loads(line)
                except ValueError:
                    pass
                break
        self.results["sources"] = res

    def notes(self) -> None:
        script = HERE / "bench_notes.py"
        if not script.exists():
            self.results["na"]["notes"] = "benchmarks/bench_notes.py not written yet"
            return
        args = []
        try:
            helptext = subprocess.run(python_cmd() + [str(script), "--help"], capture_output=True,
                                      text=True, timeout=60, env=child_env(),
                                      cwd=str(ROOT)).stdout
        except (OSError, subprocess.SubprocessError):
            helptext = ""
        if "--json" in helptext:
            args.append("--json")
        if self.quick and "--quick" in helptext:
            args.append("--quick")
        self.log("notes: " + " ".join(["bench_notes.py", *args]))
        try:
            cp = subprocess.run(python_cmd() + [str(script), *args], capture_output=True,
                                text=True, timeout=600, env=child_env(), cwd=str(ROOT))
        except subprocess.TimeoutExpired:
            self.results["notes"] = {"error": "bench_notes.py timed out after 600 s"}
            return
        res: dict[str, Any] = {"command": f"bench_notes.py {' '.join(args)}".strip(),
                               "exit": cp.returncode, "stdout": cp.stdout[-4000:]}
        if cp.returncode != 0:
            res["error"] = (cp.stderr.strip().splitlines() or ["failed"])[-1][:300]
        parsed = {}
        for line in cp.stdout.splitlines():
            m = NOTES_RE.match(line)
            if m:
                parsed[m.group(1)] = {"n": int(m.group(2)), "median_ms": float(m.group(3)),
                                      "p95_ms": float(m.group(4))}
        if parsed:
            res["parsed"] = parsed
        for line in reversed(cp.stdout.splitlines()):
            if line.strip().startswith("{"):
                try:
                    res["json"] = json.loads(line)
                    break
                except ValueError:
                    pass
        self.results["notes"] = res

    def peers(self, stores: list[tuple[str, Path | None, Path | None]]) -> None:
        """Issue 13's peers on the same events: one-shot search (nkru-tui with its index
        built, SQLite FTS5, ripgrep) and VisiData's first rows and memory."""
        import peers

        for label, _, path in stores:
            st = self.results["stores"].get(label, {})
            n = st.get("events") or 0
            if path is None or n < 10_000:
                continue
            runs = self.runs_for(label)
            # a big store: the one-shot commands use the index its headless first start
            # built (a first start of the CLI is that same build, minutes: not run again)
            kept = self.big_caches.get(label)
            self.log(f"peers at {label}: one-shot search (nkru-tui, FTS5, rg), {runs} run(s)")
            with tempfile.TemporaryDirectory(prefix="nkru-bench-peer-") as tmp:
                env = child_env(NKRU_CACHE_DIR=kept or new_cache_dir(),
                                NKRU_USER_DB=str(Path(tmp) / "user.json"),
                                XDG_DATA_HOME=str(Path(tmp) / "data"))
                try:
                    res = peers.oneshot(path, app_cmd(), env, runs, log=self.log,
                                        first_start=kept is None)
                except (OSError, subprocess.SubprocessError, ValueError) as exc:
                    res = {"error": f"{type(exc).__name__}: {exc}"}
            if kept is not None:
                res["first_start_na"] = "the same build as `Engine.load`, first start (headless)"
            if "tmux" not in self.results["na"] and not self.args.no_tmux:
                self.log(f"peers at {label}: VisiData in tmux, {min(runs, 3)} run(s)")
                try:
                    res["visidata"] = peers.visidata(path, n, min(runs, 3), log=self.log)
                except Exception as exc:  # a peer that breaks is reported, not fatal
                    res["visidata"] = {"error": f"{type(exc).__name__}: {exc}"}
                if "error" in res["visidata"]:
                    self.log(f"n/a VisiData at {label}: {res['visidata']['error']}")
            st["peers"] = res

    # ------------------------------------------------------------------ main

    def run(self) -> int:
        a = self.args
        OUT.mkdir(parents=True, exist_ok=True)
        self.results["config"] = {
            "runs": self.runs, "sizes": a.sizes, "seed": a.seed, "quick": self.quick,
            "python": sys.executable, "app": " ".join(app_cmd()), "typed": self.typed,
            "queries": QUERIES, "command": " ".join(["benchmarks/run.py", *sys.argv[1:]]),
            "big_from": self.big_from, "runs_1m": min(self.runs, a.runs_1m),
        }
        global CACHE_ROOT
        CACHE_ROOT = Path(tempfile.mkdtemp(prefix="nkru-bench-caches-"))
        digest = source_digest()
        self.results["config"]["source_digest"] = digest
        self.check()
        stores = self.stores()
        for label, _, path in stores:
            assert path is not None
            self.headless(label, path)
        if not a.no_tmux:
            self.tmux(stores)
        else:
            self.results["na"]["tmux"] = "skipped (--no-tmux)"
        self.notes()
        if a.peers:
            self.peers(stores)
        else:
            self.results["na"]["peers"] = "skipped (--no-peers)"
        self.sources()
        for cache in self.big_caches.values():
            shutil.rmtree(cache, ignore_errors=True)
        if a.profile and "engine" not in self.results["na"]:
            import profile_startup

            # the largest store below the big ones: PROFILE.md is `make bench`'s, whether or
            # not 1M ran (what bounds the 1M figures is in NOTES.md)
            small = [p for lb, _, p in stores if not self.is_big(lb)]
            big = small[-1] if small else None
            self.log(f"profile: importtime and cProfile ({big})")
            profile_startup.write_profile(big, HERE / "PROFILE.md", log=self.log)
        shutil.rmtree(CACHE_ROOT, ignore_errors=True)
        self.results["elapsed_s"] = time.perf_counter() - self.t_start
        if source_digest() != digest:
            self.results["na"]["warning"] = (
                "the nkru_tui source changed while the benchmark ran: figures mix versions")
            self.log("WARNING: " + self.results["na"]["warning"])
        summary = render_summary(self.results)
        table = summary + "\n\n" + render(self.results) + "\n\n" + render_peers(self.results)
        targets = render_targets(self.results)
        print(table)
        print()
        if big_labels(self.results):
            print(render_summary(self.results, big=True) + "\n")
        print(targets)
        (OUT / "results.json").write_text(json.dumps(self.results, indent=1, ensure_ascii=False))
        md = render_markdown(self.results, table, targets)
        dest = OUT / "RESULTS-quick.md" if self.quick or a.no_results_md else HERE / "RESULTS.md"
        dest.write_text(md)
        self.log(f"wrote {OUT / 'results.json'} and {dest}")
        if dest == HERE / "RESULTS.md" and update_readme(summary_block(self.results, summary)):
            self.log("wrote the summary table into README.md")
        if dest == HERE / "RESULTS.md":
            for what in write_1m(self.results, table, targets):
                self.log(f"wrote {what}")
        return 0


def _tmux_summary(runs: list[dict]) -> dict:
    ok = [r for r in runs if "error" not in r]
    out: dict[str, Any] = {"runs": len(runs), "ok": len(ok)}
    errors = sorted({r["error"] for r in runs if "error" in r}
                    | {r["key_error"] for r in runs if "key_error" in r}
                    | {r["burst_error"] for r in runs if "burst_error" in r})
    if errors:
        out["errors"] = errors
    out["paint_s"] = summary([r["paint_s"] for r in runs if r.get("paint_s") is not None])
    out["ready_s"] = summary([r["ready_s"] for r in ok if r.get("ready_s") is not None])
    out["rows_s"] = summary([r["rows_s"] for r in ok if r.get("rows_s") is not None])
    keys = [k for r in ok for k in r.get("key_ms", [])]
    out["key_ms"] = summary(keys)
    out["key_samples"] = len(keys)
    out["keys_skipped"] = sum(r.get("keys_skipped", 0) for r in ok)
    out["burst_ms"] = summary([r["burst_ms"] for r in ok if "burst_ms" in r])
    out["rss_kib"] = summary([r["rss_kib"] for r in ok if r.get("rss_kib")])
    return out


# =============================================================================== rendering


def _ms(s: float | None) -> str:
    return "n/a" if s is None else f"{s * 1000:.0f} ms"


def _fmt_s(sm: dict | None) -> str:
    return "n/a" if not sm else f"{sm['median']:.3f} s"


def _cell(sm: dict | None, unit: str, scale: float = 1.0, key: str = "median",
          spread: bool = True, digits: int | None = None) -> str:
    if not sm:
        return ""
    v = sm[key] * scale
    d = digits if digits is not None else (0 if v >= 100 else 1 if v >= 10 else 2)
    s = f"{v:.{d}f}"
    if spread and sm.get("n", 0) > 1 and key == "median":
        s += f" ({sm['min'] * scale:.{d}f}–{sm['max'] * scale:.{d}f})"
    return s + (f" {unit}" if unit else "")


def _x(r: float | None) -> str:
    return "" if r is None else f" ×{r:.2f}"


def _med(sm: dict | None, key: str = "median") -> float | None:
    return sm.get(key) if sm else None


def render(res: dict) -> str:
    floor = res.get("floor") or {}
    stores = res.get("stores", {})
    labels = list(stores)
    na = res.get("na", {})
    cols = ["figure", "floor"] + [
        f"{lb} ({stores[lb].get('events', '?')} ev, {stores[lb].get('file_mb', 0):.1f} MB)"
        for lb in labels
    ]
    rows: list[list[str]] = []

    def tmux_na() -> str:
        why = na.get("tmux") or na.get("tui")
        return f"n/a ({why})" if why else "n/a"

    def add(name: str, floor_cell: str, fn: Callable[[dict], str]) -> None:
        rows.append([name, floor_cell] + [fn(stores[lb]) for lb in labels])

    fp = floor.get("paint_s")
    any_warm = any(st.get("tui_warm") for st in stores.values())
    modes = [("tui", "first start" if any_warm else "")] + (
        [("tui_warm", "next start, index cached")] if any_warm else [])
    for which, what in modes:
        tag = f", {what}" if what else ""
        add(f"first paint{tag} (s) ×floor",
            (_cell(fp, "", digits=3) or tmux_na()) if which == "tui" else "",
            lambda st, w=which: _tui(st, "paint_s", lambda sm: _cell(sm, "", digits=3)
                                     + _x(ratio(_med(sm), _med(fp))), tmux_na(), w))
        for key, name in (("rows_s", "rows on screen"), ("ready_s", "search ready")):
            add(f"{name}{tag} (s) ×floor paint", "",
                lambda st, w=which, k=key: _tui(st, k, lambda sm: _cell(sm, "", digits=3)
                                                + _x(ratio(_med(sm), _med(fp))), tmux_na(), w))
            add(f"{name}{tag} ÷ json.load", "",
                lambda st, w=which, k=key: _tui(st, k, lambda sm: _x(
                    ratio(_med(sm), _med(st.get("json_load_s")))).strip(), tmux_na(), w))
    add("json.load (s)", "", lambda st: _cell(st.get("json_load_s"), "", digits=3))
    add("Engine.load (s) ×json.load" + (" [first start]" if any_warm else ""), "",
        lambda st: (_cell(st.get("engine_load_s"), "", digits=3)
                    + _x(ratio(_med(st.get("engine_load_s")), _med(st.get("json_load_s")))))
        if st.get("engine_load_s") else f"n/a ({na.get('engine') or st.get('engine_error')})")
    if any(st.get("engine_load_warm_s") for st in stores.values()):
        add("Engine.load, index cached (s) ×json.load", "",
            lambda st: (_cell(st.get("engine_load_warm_s"), "", digits=3)
                        + _x(ratio(_med(st.get("engine_load_warm_s")),
                                   _med(st.get("json_load_s")))))
            if st.get("engine_load_warm_s") else "– (not cached at this size)")
    for i, (label, q) in enumerate(QUERIES):
        def qcell(st: dict, i: int = i) -> str:
            qs = st.get("queries")
            if not qs:
                why = na.get("engine") or st.get("query_error") or st.get("engine_error")
                return f"n/a ({why})"
            r = qs[i]
            if "error" in r:
                return f"error: {r['error']}"
            c, w = r["cold"], r["warm"]
            return (f"{c['p50_ms']:.2f} / {c['p95_ms']:.2f} (warm {w['p95_ms']:.2f}) "
                    f"[{r['hits']}]")
        add(f"query {label} `{q}` p50/p95 ms [hits]", "", qcell)
    fk = floor.get("key_ms")
    add("keystroke→repaint p50 / p95 (ms) ×floor",
        (f"{fk['median']:.1f} / {fk['p95']:.1f}" if fk else tmux_na()),
        lambda st: _tui(st, "key_ms", lambda sm: (
            f"{sm['median']:.1f} / {sm['p95']:.1f} ×{ratio(sm['median'], _med(fk)) or 0:.2f}"
            f" / ×{ratio(sm['p95'], _med(fk, 'p95')) or 0:.2f} (n={sm['n']})"), tmux_na()))
    fs = (res.get("floor_status") or {}).get("key_ms")
    add("keystroke→status line p50 / p95 (ms) ×floor --status",
        (f"{fs['median']:.1f} / {fs['p95']:.1f}" if fs else tmux_na()),
        lambda st: _tui(st, "key_ms", lambda sm: (
            f"×{ratio(sm['median'], _med(fs)) or 0:.2f}"
            f" / ×{ratio(sm['p95'], _med(fs, 'p95')) or 0:.2f}"), tmux_na()))
    add(f"burst '{BURST_WORD}' in one go → final count (ms)", "",
        lambda st: _tui(st, "burst_ms", lambda sm: _cell(sm, ""), tmux_na()))
    fr = floor.get("rss_kib")
    for which, what in modes:
        tag = f", {what}" if what else ""
        add(f"peak RSS app{tag} (MiB) ×floor",
            (_cell(fr, "", 1 / 1024) or tmux_na()) if which == "tui" else "",
            lambda st, w=which: _tui(st, "rss_kib", lambda sm: _cell(sm, "", 1 / 1024)
                                     + _x(ratio(_med(sm), _med(fr))), tmux_na(), w))
    add("peak RSS Engine.load / json.load (MiB)", "",
        lambda st: (f"{_med(st.get('engine_rss_kib')) / 1024:.0f}" if st.get("engine_rss_kib")
                    else "n/a") + (f" / {_med(st.get('json_rss_kib')) / 1024:.0f}"
                                   if st.get("json_rss_kib") else ""))
    notes = res.get("notes")
    if notes:
        rows.append(["note save (bench_notes.py)", "",
                     notes.get("error") or _notes_cell(notes)] + [""] * (len(labels) - 1))
    elif "notes" in na:
        rows.append(["note save (bench_notes.py)", "", f"n/a ({na['notes']})"]
                    + [""] * (len(labels) - 1))
    return _md_table(cols, rows)


def render_peers(res: dict) -> str:
    """Issue 13: nkru-tui beside what a user could pick instead, on the same events."""
    stores = {lb: st for lb, st in res.get("stores", {}).items() if st.get("peers")}
    if not stores:
        why = res.get("na", {}).get("peers") or "no store of 10k events or more"
        return f"Peers: n/a ({why})"
    labels = list(stores)
    cols = ["figure (median; ×ratio nkru-tui ÷ peer)"] + [
        f"{lb} ({stores[lb].get('events', '?')} ev)" for lb in labels]
    rows: list[list[str]] = []

    def ms(d: dict | None) -> str:
        return "n/a" if not d or d.get("ms") is None else f"{d['ms']:.0f}"

    qlabels = []
    for st in stores.values():
        for q in st["peers"].get("queries", []):
            if (q["label"], q["query"]) not in qlabels:
                qlabels.append((q["label"], q["query"]))
    for ql, qq in qlabels:
        def cell(st: dict, ql: str = ql) -> str:
            q = next((x for x in st["peers"].get("queries", []) if x["label"] == ql), None)
            if q is None:
                return "n/a"
            nk, ft, rg = q.get("nkru"), q.get("fts5"), q.get("rg")
            out = f"nkru-tui {ms(nk)} / FTS5 {ms(ft)} / rg {ms(rg)}"
            r = ratio((nk or {}).get("ms"), (ft or {}).get("ms"))
            return out + (f" (×{r:.1f} FTS5)" if r else "")
        rows.append([f"one-shot `search --json {qq}` (ms)"] + [cell(stores[lb]) for lb in labels])

    def rss_cell(st: dict) -> str:
        qs = st["peers"].get("queries", [])
        vals = [q[k]["rss_kib"] for q in qs for k in ("nkru", "fts5", "rg")
                if q.get(k) and q[k].get("rss_kib")]
        if not vals:
            return "n/a"
        nk = max((q["nkru"]["rss_kib"] for q in qs if q.get("nkru", {}).get("rss_kib")),
                 default=0)
        ft = max((q["fts5"]["rss_kib"] for q in qs if q.get("fts5", {}).get("rss_kib")),
                 default=0)
        rg = max((q["rg"]["rss_kib"] for q in qs if q.get("rg", {}).get("rss_kib")), default=0)
        return f"nkru-tui {nk / 1024:.0f} / FTS5 {ft / 1024:.0f} / rg {rg / 1024:.0f}"
    rows.append(["peak RSS of a one-shot search (MiB)"] + [rss_cell(stores[lb]) for lb in labels])

    def first_cell(st: dict) -> str:
        f = st["peers"].get("first_start") or {}
        if not f:
            why = st["peers"].get("first_start_na")
            return f"n/a ({why})" if why else "n/a"
        js = _med(st.get("json_load_s"))
        r = f" (×{f['ms'] / 1000 / js:.1f} json.load)" if js else ""
        return (f"{f['ms'] / 1000:.1f} s{r}, {(f.get('rss_kib') or 0) / 1024:.0f} MiB")
    rows.append(["one-shot search, first start (builds the index): time, peak RSS"]
                + [first_cell(stores[lb]) for lb in labels])

    def vd_cell(st: dict, key: str) -> str:
        vd = st["peers"].get("visidata")
        if not vd:
            return "n/a (not run at this size)"
        if "error" in vd:
            return f"n/a ({vd['error'][:120]})"
        vals = vd.get(key) or []
        if not vals:
            return "n/a"
        v = statistics.median(vals)
        if key == "rss_kib":
            mine = _med((st.get("tui") or {}).get("rss_kib"))
            mine_w = _med((st.get("tui_warm") or {}).get("rss_kib"))
            out = f"VisiData {v / 1024:.0f}"
            if mine:
                out += f" / nkru-tui first start {mine / 1024:.0f} (×{mine / v:.2f})"
            if mine_w:
                out += f" / next start {mine_w / 1024:.0f} (×{mine_w / v:.2f})"
            return out
        mine = _med((st.get("tui") or {}).get("ready_s"))
        mine_w = _med((st.get("tui_warm") or {}).get("ready_s"))
        out = f"VisiData {v:.2f}"
        if key == "rows_s":
            if mine:
                out += f" / nkru-tui first start {mine:.2f} (×{mine / v:.1f})"
            if mine_w:
                out += f" / next start {mine_w:.2f} (×{mine_w / v:.1f})"
        return out
    rows.append(["first rows on screen (s): VisiData on JSON lines / nkru-tui rows+search ready"]
                + [vd_cell(stores[lb], "rows_s") for lb in labels])
    rows.append(["VisiData: every row loaded (s)"]
                + [vd_cell(stores[lb], "loaded_s") for lb in labels])
    rows.append(["peak RSS in the terminal (MiB)"]
                + [vd_cell(stores[lb], "rss_kib") for lb in labels])
    return "Peers (issue 13), same events, same run:\n\n" + _md_table(cols, rows)


def _notes_cell(notes: dict) -> str:
    p = notes.get("parsed")
    if p:
        return "; ".join(f"{k} {v['median_ms']:.1f} ms (p95 {v['p95_ms']:.1f}, n={v['n']})"
                         for k, v in p.items()) + " — 10k notes, median"
    j = notes.get("json")
    if isinstance(j, dict):
        parts = [f"{k}={v:.3g}" if isinstance(v, float) else f"{k}={v}" for k, v in j.items()
                 if isinstance(v, (int, float, str)) and len(str(v)) < 40]
        return "; ".join(parts[:8])
    lines = [ln for ln in notes.get("stdout", "").splitlines() if ln.strip()]
    return " | ".join(lines[-3:])[:300]


def _tui(st: dict, key: str, fmt: Callable[[dict], str], na: str, which: str = "tui") -> str:
    t = st.get(which)
    if not t:
        return "– (no index cache at this size)" if which == "tui_warm" and st.get("tui") else na
    sm = t.get(key)
    if not sm:
        errs = t.get("errors")
        return f"n/a ({errs[0][:160]})" if errs else "n/a"
    return fmt(sm)


def _md_table(cols: list[str], rows: list[list[str]]) -> str:
    def esc(c: str) -> str:
        return c.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(esc(c) for c in cols) + " |",
             "|" + "|".join("---" for _ in cols) + "|"]
    lines += ["| " + " | ".join(esc(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def render_targets(res: dict) -> str:
    """The issue's targets, each with the measured median and met / MISSED."""
    floor = res.get("floor") or {}
    stores = res.get("stores", {})
    out = ["Targets (issue 5; medians, ratios within this run):"]

    def line(name: str, value: float | None, limit: float, fmt: str) -> None:
        if value is None:
            out.append(f"- {name}: n/a")
        else:
            ok = "met" if value <= limit else "MISSED"
            out.append(f"- {name}: {fmt.format(value)} (target ≤ {fmt.format(limit)}) {ok}")

    fp = _med(floor.get("paint_s"))
    fk, fk95 = _med(floor.get("key_ms")), _med(floor.get("key_ms"), "p95")
    fsk = (res.get("floor_status") or {}).get("key_ms")
    fs, fs95 = _med(fsk), _med(fsk, "p95")
    for lb, st in stores.items():
        t = st.get("tui") or {}
        if lb == "shipped":
            line("first paint, shipped store ×floor", ratio(_med(t.get("paint_s")), fp), 1.2,
                 "×{:.2f}")
        if lb == "100k":
            tw = st.get("tui_warm") or {}
            line("first paint, 100k ×floor", ratio(_med(t.get("paint_s")), fp), 1.5, "×{:.2f}")
            line("rows on screen, 100k ÷ json.load (first start)",
                 ratio(_med(t.get("rows_s")), _med(st.get("json_load_s"))), 1.0, "×{:.2f}")
            line("search ready, 100k ÷ json.load (first start)",
                 ratio(_med(t.get("ready_s")), _med(st.get("json_load_s"))), 3.0, "×{:.2f}")
            if tw:
                line("first paint, 100k, next start ×floor", ratio(_med(tw.get("paint_s")), fp),
                     1.5, "×{:.2f}")
                line("search ready, 100k ÷ json.load (next start, index cached)",
                     ratio(_med(tw.get("ready_s")), _med(st.get("json_load_s"))), 2.0,
                     "×{:.2f}")
            qs = [q for q in st.get("queries", []) if "cold" in q]
            for q in sorted(qs, key=lambda q: -q["cold"]["p95_ms"]):
                line(f"query p95 at 100k, {q['label']} `{q['query']}`", q["cold"]["p95_ms"],
                     10.0, "{:.1f} ms")
            rss = _med(t.get("rss_kib"))
            line("peak RSS at 100k (first start)", rss / 1024 if rss else None, 250,
                 "{:.0f} MiB")
            if tw:
                rss = _med(tw.get("rss_kib"))
                line("peak RSS at 100k (next start)", rss / 1024 if rss else None, 250,
                     "{:.0f} MiB")
        if lb in ("10k", "100k"):
            lim = 1.2 if lb == "10k" else 1.5
            line(f"keystroke→repaint p50 at {lb} ×floor", ratio(_med(t.get("key_ms")), fk),
                 lim, "×{:.2f}")
            line(f"keystroke→repaint p95 at {lb} ×floor p95",
                 ratio(_med(t.get("key_ms"), "p95"), fk95), lim, "×{:.2f}")
            if fs:
                line(f"keystroke→repaint p50 at {lb} ×floor --status (same key → second "
                     "widget path)", ratio(_med(t.get("key_ms")), fs), lim, "×{:.2f}")
                line(f"keystroke→repaint p95 at {lb} ×floor --status p95",
                     ratio(_med(t.get("key_ms"), "p95"), fs95), lim, "×{:.2f}")
        if lb == "100k":
            for q in (st.get("peers") or {}).get("queries", []):
                nk, ft = (q.get("nkru") or {}).get("ms"), (q.get("fts5") or {}).get("ms")
                line(f"one-shot search at 100k ÷ SQLite FTS5, `{q['query']}`", ratio(nk, ft),
                     2.0, "×{:.2f}")
            for key, what in (("engine_rss_kib", "first start"),
                              ("engine_rss_warm_kib", "next start, index on disk")):
                v = _med(st.get(key))
                line(f"peak RSS of Engine.load at 100k ({what})", v / 1024 if v else None,
                     250, "{:.0f} MiB")
    if len(out) == 1:
        out.append("- none measurable in this run (they need the shipped store, 10k and 100k)")
    notes = res.get("notes")
    parsed = (notes or {}).get("parsed") or {}
    if "warm" in parsed:
        line("note save with 10k notes (open app)", parsed["warm"]["median_ms"], 50, "{:.1f} ms")
    if "cold" in parsed:
        line("note save with 10k notes (one-shot command: open + save)",
             parsed["cold"]["median_ms"], 50, "{:.1f} ms")
    src = (res.get("sources") or {}).get("json") or {}
    if src:
        line("cite one quote in a 1 MB own source", src["cite"]["median_ms"], 100, "{:.1f} ms")
        line("reader first lines on a 1 MB text", src["reader"]["median_ms"], 300, "{:.1f} ms")
    if notes and not parsed and isinstance(notes.get("json"), dict):
        j = notes["json"]
        v = next((j[k] for k in ("median_ms", "p50_ms", "save_ms", "median") if k in j), None)
        if isinstance(v, (int, float)):
            line("note save with 10k notes", v, 50, "{:.1f} ms")
    return "\n".join(out)


def _big_from(res: dict) -> int:
    return int(res.get("config", {}).get("big_from") or 1_000_000)


def big_labels(res: dict) -> list[str]:
    """The stores of 1,000,000 events or more that were measured (`make bench-1m`)."""
    return [lb for lb, st in res.get("stores", {}).items()
            if (st.get("events") or 0) >= _big_from(res)]


def render_summary(res: dict, big: bool = False) -> str:
    """Issue 13's one table: each figure beside what it is measured against in the same run
    (a peer a user could pick instead, the bare Textual app, ``json.load``), the ratio and
    the target. ``big``: the table of the 1M store alone (the README and RESULTS-1M.md keep
    it apart, so that `make bench` leaves it in place); else every other store's."""
    floor = res.get("floor") or {}
    fp = _med(floor.get("paint_s"))
    fsk = _med((res.get("floor_status") or {}).get("key_ms"))
    rows: list[list[str]] = []

    def row(fig: str, mine: str, peer: str, r: float | None, target: str,
            limit: float | None = None) -> None:
        met = "" if r is None or limit is None else (" met" if r <= limit else " MISSED")
        rows.append([fig, mine, peer, "n/a" if r is None else f"×{r:.2f}", target + met])

    def s(v: float | None) -> str:
        return "n/a" if v is None else f"{v:.2f} s"

    def mib(v: float | None) -> str:
        return "n/a" if not v else f"{v / 1024:.0f} MiB"

    bigs = big_labels(res)
    for lb, st in res.get("stores", {}).items():
        if (lb in bigs) != big:
            continue
        t, tw = st.get("tui") or {}, st.get("tui_warm") or {}
        peers = st.get("peers") or {}
        vd = peers.get("visidata") or {}
        vd_rows = statistics.median(vd["rows_s"]) if vd.get("rows_s") else None
        vd_rss = statistics.median(vd["rss_kib"]) if vd.get("rss_kib") else None
        n = st.get("events")
        size = f"{lb} ({n:,} ev)" if isinstance(n, int) else lb
        js = _med(st.get("json_load_s"))
        if lb == "shipped":
            # the first frame with rows: the first paint only when the rows are on it
            mine = _med(t.get("rows_s")) or _med(t.get("paint_s"))
            row(f"{size}: rows on the first frame", s(mine), f"bare Textual app {s(fp)}",
                ratio(mine, fp), "≤ ×1.2", 1.2)
            continue
        if (n or 0) < 100_000:
            continue  # the figures are at 100k and 1M; the rest are in RESULTS.md
        if tw:
            mine = _med(tw.get("ready_s"))
            row(f"{size}: rows on screen, index on disk", s(mine),
                f"bare Textual app {s(fp)}", ratio(mine, fp), "≤ ×1.5", 1.5)
            if vd_rows:
                row(f"{size}: rows on screen, index on disk", s(mine),
                    f"VisiData first rows {s(vd_rows)}", ratio(mine, vd_rows), "")
        if t.get("rows_s"):
            mine = _med(t.get("rows_s"))
            row(f"{size}: rows on screen, first start", s(mine), f"`json.load` {s(js)}",
                ratio(mine, js), "≤ ×1", 1.0)
        if t.get("ready_s"):
            mine = _med(t.get("ready_s"))
            row(f"{size}: search ready, first start", s(mine), f"`json.load` {s(js)}",
                ratio(mine, js), "≤ ×3", 3.0)
        elif st.get("engine_load_s"):
            mine = _med(st.get("engine_load_s"))
            row(f"{size}: `Engine.load`, first start (headless)", s(mine),
                f"`json.load` {s(js)}", ratio(mine, js), "≤ ×3", 3.0)
        if st.get("engine_load_warm_s"):
            mine = _med(st.get("engine_load_warm_s"))
            row(f"{size}: `Engine.load`, index on disk (headless)", s(mine),
                f"`json.load` {s(js)}", ratio(mine, js), "")
        for q in peers.get("queries", []):
            nk, ft, rg = (q.get(k) or {} for k in ("nkru", "fts5", "rg"))
            peer = f"SQLite FTS5 {ms_(ft.get('ms'))}, ripgrep {ms_(rg.get('ms'))}"
            row(f"{size}: one-shot `search --json {q['query']}`", ms_(nk.get("ms")), peer,
                ratio(nk.get("ms"), ft.get("ms")), "≤ ×2 FTS5", 2.0)
        qs = peers.get("queries", [])
        if qs:
            nk = max((q["nkru"].get("rss_kib") or 0 for q in qs if q.get("nkru")), default=0)
            ft = max((q["fts5"].get("rss_kib") or 0 for q in qs if q.get("fts5")), default=0)
            rg = max((q["rg"].get("rss_kib") or 0 for q in qs if q.get("rg")), default=0)
            row(f"{size}: peak memory, one-shot search", mib(nk),
                f"SQLite FTS5 {mib(ft)}, ripgrep {mib(rg)}", None, "≤ 250 MiB"
                + ("" if not nk else (" met" if nk <= 250 * 1024 else " MISSED")))
        for what, d in (("first start", t), ("index on disk", tw)):
            mine = _med(d.get("rss_kib"))
            if mine:
                row(f"{size}: peak memory of the explorer, {what}", mib(mine),
                    f"VisiData (every row) {mib(vd_rss)}", ratio(mine, vd_rss),
                    "≤ 250 MiB" + (" met" if mine <= 250 * 1024 else " MISSED"))
        if not t and st.get("engine_rss_kib"):
            mine = _med(st.get("engine_rss_kib"))
            row(f"{size}: peak memory of `Engine.load`, first start", mib(mine),
                f"`json.load` {mib(_med(st.get('json_rss_kib')))}",
                ratio(mine, _med(st.get("json_rss_kib"))), "≤ 250 MiB"
                + (" met" if mine and mine <= 250 * 1024 else " MISSED"))
        cold = [q for q in st.get("queries", []) if "cold" in q]
        if cold and (n or 0) >= 100_000:
            worst = max(cold, key=lambda q: q["cold"]["p95_ms"])
            row(f"{size}: engine query p95, slowest of {len(cold)}",
                f"{worst['cold']['p95_ms']:.1f} ms (`{worst['query']}`)", "", None,
                "< 10 ms" + (" met" if worst["cold"]["p95_ms"] < 10 else " MISSED"))
        if t.get("key_ms") and fsk and (n or 0) >= 100_000:
            mine = _med(t.get("key_ms"))
            row(f"{size}: a key typed into `/` until its count shows (p50)", ms_(mine),
                f"bare Textual app repainting on the same key {ms_(fsk)}", ratio(mine, fsk),
                "≤ ×1.5", 1.5)
    if not rows:
        return "Summary: n/a (no store measured)"
    cols = ["figure", "nkru-tui", "measured against, same run", "ratio", "target"]
    if big:
        runs = res.get("config", {}).get("runs_1m", 1)
        return (f"Issue 13 at 1,000,000 events ({runs} run(s) each; the targets are the 100k "
                "ones, for comparison; ratios within this run):\n\n" + _md_table(cols, rows))
    return "Issue 13, one table (medians; ratios within this run):\n\n" + _md_table(cols, rows)


def ms_(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.0f} ms"


def summary_block(res: dict, summary: str) -> str:
    """The README's copy of the summary table, with the machine and the date."""
    m, c = res["machine"], res["config"]
    load = m.get("loadavg")
    return (
        f"Latest full run: {m['date']}, `make bench` (`{c['command']}`), commit {m['commit']};"
        f" {m['nproc']} cores ({m['cpu']}), {m['memory']} RAM, Python {m['python']}, "
        f"Textual {m['textual']}"
        + (f"; load average {load} at the start (other jobs on the machine)" if load else "")
        + ". Compare ratios, not times.\n\n"
        + summary.split("\n\n", 1)[-1]
    )


README_START = "<!-- bench-summary:start (benchmarks/run.py writes this) -->"
README_END = "<!-- bench-summary:end -->"
README_1M_START = "<!-- bench-1m:start (benchmarks/run.py --with-1m writes this) -->"
README_1M_END = "<!-- bench-1m:end -->"


def summary_block_1m(res: dict, summary: str) -> str:
    m, c = res["machine"], res["config"]
    load = m.get("loadavg")
    return (
        f"Latest 1M run: {m['date']}, `make bench-1m` (`{c['command']}`), commit "
        f"{m['commit']}; {res.get('elapsed_s', 0) / 60:.0f} min in all"
        + (f"; load average {load} at the start" if load else "")
        + ". Full table: [benchmarks/RESULTS-1M.md](benchmarks/RESULTS-1M.md).\n\n"
        + summary.split("\n\n", 1)[-1]
    )


def update_readme(block: str, readme: Path = ROOT / "README.md", start: str = README_START,
                  end: str = README_END) -> bool:
    """Put ``block`` between the README's markers; False if they are not there."""
    try:
        text = readme.read_text(encoding="utf-8")
    except OSError:
        return False
    a, b = text.find(start), text.find(end)
    if a < 0 or b < a:
        return False
    readme.write_text(text[: a + len(start)] + "\n" + block.rstrip() + "\n"
                      + text[b:], encoding="utf-8")
    return True


def write_1m(res: dict, table: str, targets: str) -> list[str]:
    """`make bench-1m`'s own record, apart from `make bench`'s (which rewrites RESULTS.md
    and the README's summary without the 1M store): RESULTS-1M.md and the README's 1M block."""
    if not big_labels(res):
        return []
    summary = render_summary(res, big=True)
    for lb in big_labels(res):
        steps = res["stores"][lb].get("steps")
        if isinstance(steps, str):
            summary += f"\n\n{lb}, a next start step by step: n/a ({steps})"
        elif steps:
            rows = [[x["step"], f"{x['ms']:.0f}", f"{(x['rss_kib'] or 0) / 1024:.0f}",
                     f"{(x['hwm_kib'] or 0) / 1024:.0f}"] for x in steps]
            summary += (f"\n\n{lb}, a next start step by step (one process, in this order; "
                        "`benchmarks/run.py --worker steps STORE` with the index in its cache):"
                        "\n\n" + _md_table(["step", "ms", "held after (MiB)",
                                               "peak so far (MiB)"], rows))
    c = res["config"]
    md = (
        render_markdown(res, summary + "\n\n" + table, targets)
        .replace("# Benchmark results", "# Benchmark results with 1,000,000 events", 1)
        .replace("Command: `make bench` (", "Command: `make bench-1m` (", 1)
        .replace(f"; {c['runs']} runs each,", f"; {c['runs']} runs each "
                 f"({c.get('runs_1m', 1)} at 1M),", 1)
    )
    (HERE / "RESULTS-1M.md").write_text(md)
    done = [str(HERE / "RESULTS-1M.md")]
    if update_readme(summary_block_1m(res, summary), start=README_1M_START, end=README_1M_END):
        done.append("README.md (1M block)")
    return done


def render_markdown(res: dict, table: str, targets: str) -> str:
    m = res["machine"]
    c = res["config"]
    na = res.get("na", {})
    lines = [
        "# Benchmark results",
        "",
        f"Command: `make bench` (= `python {c['command']}`); {c['runs']} runs each, "
        f"synthetic stores seed {c['seed']}; {res.get('elapsed_s', 0) / 60:.1f} min.",
        "",
        f"Machine: {m['nproc']} cores, {m['cpu']}, {m['memory']} RAM; Linux {m['kernel']}; "
        f"Python {m['python']}; Textual {m['textual']}; {m['tmux']}; {m['date']}; "
        f"commit {m['commit']}.",
        "",
        "Cells: median (min–max over runs) and ×ratio. Times from tmux are measured by "
        "polling the 80x24 screen through a tmux control client (woken by the app's output). "
        "Queries: p50 / p95 with the engine's caches cleared before each call "
        "(what a new keystroke costs), warm p95 in brackets, hit count in square brackets. "
        "Keystroke: key sent → the status line shows the engine's count for the new query "
        "(floor: key → echoed in its Input), pooled over all runs.",
        "",
        table,
        "",
        targets,
        "",
    ]
    if na:
        lines += ["Not measured / warnings: " + "; ".join(f"{k}: {v}" for k, v in na.items()),
                  ""]
    lines += ["What bounds each figure that misses its target: `benchmarks/NOTES.md`, with the "
              "profiles in `benchmarks/PROFILE.md`.", ""]
    return "\n".join(lines)


# =============================================================================== CLI


@contextlib.contextmanager
def _index_cache(a: argparse.Namespace):
    """``--cache-dir`` (kept), else a fresh folder removed afterwards."""
    cache = a.cache_dir or tempfile.mkdtemp(prefix="nkru-bench-")
    Path(cache).mkdir(parents=True, exist_ok=True)
    try:
        yield cache
    finally:
        if not a.cache_dir:
            shutil.rmtree(cache, ignore_errors=True)


def queries_only(a: argparse.Namespace) -> int:
    """Only the query figures (3) at each ``--sizes``, printed: for iterating on the engine.
    ``--cache-dir`` keeps the index between runs (a 100k index takes ~30-70 s to build)."""
    with _index_cache(a) as cache:
        return _queries_only(a, cache)


def _queries_only(a: argparse.Namespace, cache: str) -> int:
    print(f"index cache: {cache}; {a.runs or 40} calls per query and mode (5 s budget)",
          file=sys.stderr, flush=True)
    for label in [s for s in (a.sizes or "100k").split(",") if s.strip()]:
        path = gen_store.cached_store(gen_store.parse_size(label), a.seed)
        r = run_worker("queries", str(path), str(a.runs or 40), "", cache_dir=cache)
        if "error" in r:
            print(f"{label}: {r['error']}")
            continue
        print(f"\n{label} ({r['events']:,} events): ms, cold = caches cleared before each call"
              " (wall p50 / p95, then this thread's CPU p50 / p95), warm p95")
        for q in r["queries"]:
            if "error" in q:
                print(f"  {q['query']!r:20} {q['error']}")
                continue
            c, w = q["cold"], q["warm"]
            print(f"  {q['query']!r:20} {q['hits']:>7} hits  cold {c['p50_ms']:7.2f} / "
                  f"{c['p95_ms']:7.2f}  cpu {c['cpu_p50_ms']:6.2f} / {c['cpu_p95_ms']:6.2f}"
                  f"  warm {w['p95_ms']:6.2f}")
    return 0


def keys_only(a: argparse.Namespace) -> int:
    """Only the keystroke figure (4) at one size: ``floor_app.py --status`` and the app
    typing the full sequence, interleaved, ``--runs`` each (default 3), with the index kept
    in ``--cache-dir`` (the app starts on a built index: the next-start case)."""
    with _index_cache(a) as cache:
        return _keys_only(a, cache)


def _keys_only(a: argparse.Namespace, cache: str) -> int:
    label = (a.sizes or "100k").split(",")[0]
    path = gen_store.cached_store(gen_store.parse_size(label), a.seed)
    r = run_worker("queries", str(path), "3", TYPE_FULL, cache_dir=cache)
    if "error" in r:
        print(f"{label}: {r['error']}")
        return 1
    total, counts = r["events"], r["typed_counts"]
    floor_typed = FLOOR_TYPE[: len(TYPE_FULL.replace("\b", ""))]
    tmux_floor_session(floor_typed[:3])  # warm-up
    floor_ms: list[float] = []
    app_ms: list[float] = []
    for i in range(a.runs or 3):
        f = tmux_floor_session(floor_typed, status=True)
        floor_ms += f.get("key_ms", [])
        t = tmux_app_session(path, total, TYPE_FULL, counts, 120, r["burst_count"], cache)
        app_ms += t.get("key_ms", [])
        print(f"run {i + 1}: floor --status {len(f.get('key_ms', []))} keys"
              f"{' ERROR ' + f['error'] if 'error' in f else ''}; app {label} ready "
              f"{_ms(t.get('ready_s'))}, {len(t.get('key_ms', []))} keys, burst "
              f"{t.get('burst_ms', 0):.0f} ms"
              + "".join(f" {k.upper()} {t[k]}" for k in ("error", "key_error") if k in t),
              file=sys.stderr, flush=True)
    fp50, fp95, ap50, ap95 = (pct(floor_ms, 50), pct(floor_ms, 95), pct(app_ms, 50),
                              pct(app_ms, 95))
    if not (fp50 and fp95 and ap50 and ap95):
        print("no keystrokes timed")
        return 1
    print(f"keystroke -> status line, {label}: app p50 {ap50:.1f} / p95 {ap95:.1f} ms "
          f"(n={len(app_ms)}); floor --status p50 {fp50:.1f} / p95 {fp95:.1f} ms "
          f"(n={len(floor_ms)}); x{ap50 / fp50:.2f} / x{ap95 / fp95:.2f}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="nkru-tui benchmark (issue 5)")
    ap.add_argument("--runs", type=int, default=None, help="runs per figure (default 5; quick 2)")
    ap.add_argument("--sizes", default=None, help="synthetic sizes, e.g. 1k,10k,100k")
    ap.add_argument("--seed", type=int, default=gen_store.DEFAULT_SEED)
    ap.add_argument("--quick", action="store_true", help="fast smoke run (shipped + 1k, 2 runs)")
    ap.add_argument("--no-tmux", action="store_true", help="skip the terminal figures")
    ap.add_argument("--no-peers", dest="peers", action="store_false",
                    help="skip the peers (VisiData, SQLite FTS5, ripgrep)")
    ap.add_argument("--with-1m", action="store_true",
                    help="also 1,000,000 events (headless figures and one-shot peers; "
                         "the terminal figures stop at 100k)")
    ap.add_argument("--runs-1m", type=int, default=1,
                    help="runs per figure at 1,000,000 events (default 1: a first start "
                         "builds the index for minutes)")
    ap.add_argument("--big-from", default="1m", help=argparse.SUPPRESS)  # smoke tests: 10k
    ap.add_argument("--profile", dest="profile", action="store_true", default=None,
                    help="write benchmarks/PROFILE.md (default in full runs)")
    ap.add_argument("--no-profile", dest="profile", action="store_false")
    ap.add_argument("--profile-only", action="store_true",
                    help="only write PROFILE.md (at the largest --sizes)")
    ap.add_argument("--no-results-md", action="store_true",
                    help="do not overwrite benchmarks/RESULTS.md")
    ap.add_argument("--app", help="command to benchmark instead of the installed nkru-tui "
                    "(it must accept --db PATH and show 'N of M events')")
    ap.add_argument("--render-only", action="store_true",
                    help="print the table again from benchmarks/out/results.json")
    ap.add_argument("--queries-only", action="store_true",
                    help="only the engine query figures at --sizes (default 100k), printed")
    ap.add_argument("--keys-only", action="store_true",
                    help="only keystroke -> status line at the first --sizes (default 100k) "
                         "against floor_app.py --status, in tmux")
    ap.add_argument("--cache-dir",
                    help="with --queries-only/--keys-only: the index cache to use and keep")
    ap.add_argument("--peers-venv", type=Path, default=None,
                    help="the venv `make bench` installs the peers into (VisiData)")
    ap.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.worker:
        kind, *rest = a.worker
        print(json.dumps(WORKERS[kind](*rest), ensure_ascii=False))
        return 0
    if a.queries_only:
        return queries_only(a)
    if a.keys_only:
        return keys_only(a)
    if a.render_only:
        res = json.loads((OUT / "results.json").read_text())
        summary = render_summary(res)
        table = summary + "\n\n" + render(res) + "\n\n" + render_peers(res)
        targets = render_targets(res)
        print(table + "\n\n" + targets)
        if not res["config"].get("quick") and not a.no_results_md:
            (HERE / "RESULTS.md").write_text(render_markdown(res, table, targets))
            update_readme(summary_block(res, summary))
            write_1m(res, table, targets)
        return 0
    if a.peers_venv:
        import peers

        peers.PEERS_VENV = a.peers_venv.resolve()
    if a.app:
        global APP_OVERRIDE
        import shlex

        APP_OVERRIDE = shlex.split(a.app)
    if a.runs is None:
        a.runs = 2 if a.quick else 5
    if a.sizes is None:
        a.sizes = "1k" if a.quick else "1k,10k,100k"
    a.sizes = [s for s in a.sizes.split(",") if s.strip()]
    if a.with_1m and not any(gen_store.parse_size(s) >= 1_000_000 for s in a.sizes):
        a.sizes.append("1m")
    if a.profile is None:
        a.profile = not a.quick
    if a.profile_only:
        import profile_startup

        n = gen_store.parse_size(a.sizes[-1]) if a.sizes else 100_000
        path = gen_store.cached_store(n, a.seed)
        profile_startup.write_profile(path, HERE / "PROFILE.md",
                                      log=lambda m: print(m, file=sys.stderr))
        return 0
    if not shutil.which("tmux") and not a.no_tmux:
        print("run.py: tmux not found; terminal figures will be n/a", file=sys.stderr)
    return Bench(a).run()


if __name__ == "__main__":
    raise SystemExit(main())
