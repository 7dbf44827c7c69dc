#!/usr/bin/env python3
"""What bounds start-up, load and search: writes benchmarks/PROFILE.md.

    python benchmarks/profile_startup.py [STORE.json]     # default: the 100k synthetic store
    python benchmarks/run.py --profile-only --sizes 100k   # the same, from the runner

* ``python -X importtime -c "import nkru_tui.cli"`` and ``... nkru_tui.tui.app`` (and the
  floor app's Textual imports, for reference): the top imports by cumulative time;
* cProfile of ``Engine.load`` on the store, sorted by cumulative time;
* cProfile of the fixed query set on that store (caches cleared first, as for a new keystroke).

Each part runs in a fresh interpreter so nothing is pre-imported or cached.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

IMPORTS = [
    ("nkru_tui.cli", "import nkru_tui.cli"),
    ("nkru_tui.tui.app", "import nkru_tui.tui.app"),
    ("floor app's imports (textual.app + widgets)",
     "import textual.app; from textual.widgets import Footer, Header, Input, ListView"),
]

CPROFILE_CODE = r"""
import cProfile, io, pstats, sys, time
sys.path.insert(0, {here!r})
from run import QUERIES, _clear_caches
path = {path!r}
t0 = time.perf_counter()
from nkru_tui.core.engine import Engine
t1 = time.perf_counter()
pr = cProfile.Profile()
pr.enable()
eng = Engine.load(path)
pr.disable()
t2 = time.perf_counter()
def dump(pr, n, sort="cumulative"):
    s = io.StringIO()
    st = pstats.Stats(pr, stream=s).strip_dirs().sort_stats(sort)
    st.print_stats(n)
    return "\n".join(l.rstrip() for l in s.getvalue().splitlines()
                     if l.strip() and not l.startswith("   Ordered by"))
cached = getattr(eng, "index_from_cache", None)
print("@@LOAD", f"import {{t1 - t0:.3f}} s; first Engine.load (empty index cache) under cProfile "
      f"{{t2 - t1:.2f}} s; index_from_cache={{cached}}")
print(dump(pr, 30))
print("@@LOADTOT")
print(dump(pr, 15, "tottime"))
pr2 = cProfile.Profile()
t3 = time.perf_counter()
pr2.enable()
eng2 = Engine.load(path)
pr2.disable()
t4 = time.perf_counter()
print("@@WARM", f"second Engine.load under cProfile {{t4 - t3:.2f}} s; "
      f"index_from_cache={{getattr(eng2, 'index_from_cache', None)}}")
print(dump(pr2, 25))
del eng2
pr = cProfile.Profile()
times = []
for label, q in QUERIES:
    _clear_caches(eng)
    pr.enable()
    t = time.perf_counter()
    eng.search_events(q)
    times.append((label, q, (time.perf_counter() - t) * 1000))
    pr.disable()
print("@@QUERY", "; ".join(f"{{l}} `{{q}}` {{ms:.1f}} ms" for l, q, ms in times))
print(dump(pr, 30))
"""


def importtime(code: str, python: str = sys.executable, top: int = 25) -> tuple[float, str]:
    """(wall seconds, a table of the top imports by cumulative time) for ``code``."""
    t0 = time.perf_counter()
    cp = subprocess.run([python, "-X", "importtime", "-c", code], capture_output=True,
                        text=True, cwd=str(ROOT), timeout=300)
    wall = time.perf_counter() - t0
    rows = []
    for line in cp.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        try:
            _, rest = line.split(":", 1)
            self_us, cum_us, name = rest.split("|", 2)
            rows.append((int(cum_us), int(self_us), name.rstrip()))
        except ValueError:
            continue
    if cp.returncode != 0:
        err = (cp.stderr.strip().splitlines() or ["failed"])[-1]
        return wall, f"(import failed: {err})"
    rows.sort(reverse=True)
    total_self = sum(r[1] for r in rows)
    out = [f"{'cumulative ms':>13}  {'self ms':>8}  module (indent = nesting)"]
    for cum, self_, name in rows[:top]:
        out.append(f"{cum / 1000:13.1f}  {self_ / 1000:8.1f}  {name}")
    out.append(f"({len(rows)} modules, {total_self / 1000:.0f} ms of import time in all; "
               f"process wall time {wall * 1000:.0f} ms)")
    return wall, "\n".join(out)


def top_level_groups(code: str, python: str = sys.executable) -> str:
    """Self import time summed per top-level package: where the import time goes."""
    cp = subprocess.run([python, "-X", "importtime", "-c", code], capture_output=True,
                        text=True, cwd=str(ROOT), timeout=300)
    groups: dict[str, int] = {}
    for line in cp.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        try:
            self_us, _, name = line.split(":", 1)[1].split("|", 2)
        except ValueError:
            continue
        pkg = name.strip().split(".")[0]
        groups[pkg] = groups.get(pkg, 0) + int(self_us)
    rows = sorted(groups.items(), key=lambda kv: -kv[1])[:12]
    return ", ".join(f"{k} {v / 1000:.0f} ms" for k, v in rows)


def cprofile(path: Path, python: str = sys.executable) -> dict[str, str]:
    import os
    import shutil
    import tempfile

    code = CPROFILE_CODE.format(here=str(HERE), path=str(path))
    cache = tempfile.mkdtemp(prefix="nkru-bench-profile-cache-")
    env = dict(os.environ, NKRU_CACHE_DIR=cache)  # its own, empty index cache
    try:
        cp = subprocess.run([python, "-c", code], capture_output=True, text=True,
                            cwd=str(ROOT), timeout=1200, env=env)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    if cp.returncode != 0:
        err = (cp.stderr.strip().splitlines() or ["failed"])[-1]
        return {"error": err}
    parts: dict[str, str] = {}
    cur = None
    buf: list[str] = []
    for line in cp.stdout.splitlines():
        if line.startswith("@@"):
            if cur:
                parts[cur] = "\n".join(buf)
            tag, _, head = line[2:].partition(" ")
            cur, buf = tag, []
            parts[cur + "_head"] = head
        else:
            buf.append(line)
    if cur:
        parts[cur] = "\n".join(buf)
    return parts


def write_profile(store: Path | None, out: Path, log: Callable[[str], None] = print) -> None:
    from run import machine

    m = machine()
    md = [
        "# Profiles: what bounds start-up, load and search",
        "",
        f"Written by `python benchmarks/run.py --profile-only` (or a full `make bench`) on "
        f"{m['date']}: {m['nproc']} cores, {m['cpu']}; Python {m['python']}; "
        f"Textual {m['textual']}; commit {m['commit']}.",
        "",
        "## Imports (`python -X importtime -c ...`)",
        "",
    ]
    for title, code in IMPORTS:
        log(f"profile: importtime {title}")
        _, table = importtime(code)
        md += [f"### {title}", "", f"`{code}`", "", "Self time by top-level package: "
               + top_level_groups(code), "", "```", table, "```", ""]
    if store is not None and store.exists():
        log(f"profile: cProfile Engine.load + queries on {store.name}")
        parts = cprofile(store)
        md += [f"## Engine.load on `{store.name}` ({store.stat().st_size / 1e6:.0f} MB)", ""]
        if "error" in parts:
            md += [f"n/a ({parts['error']})", ""]
        else:
            md += [parts.get("LOAD_head", ""), "", "Sorted by cumulative time:", "", "```",
                   parts.get("LOAD", ""), "```", "", "Sorted by own time:", "", "```",
                   parts.get("LOADTOT", ""), "```", "",
                   "## Engine.load again, with the index cache the first load wrote", "",
                   parts.get("WARM_head", ""), "", "```", parts.get("WARM", ""), "```", "",
                   "## The fixed query set (caches cleared before each query)", "",
                   parts.get("QUERY_head", ""), "", "```", parts.get("QUERY", ""), "```", ""]
    out.write_text("\n".join(md))
    log(f"profile: wrote {out}")


def main(argv: list[str] | None = None) -> int:
    import gen_store

    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else gen_store.cached_store(100_000)
    write_profile(path, HERE / "PROFILE.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
