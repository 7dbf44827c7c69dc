"""The streaming index build of a store, phase by phase: time and memory (issue 13, 1M).

    NKRU_CACHE_DIR=$(mktemp -d) python benchmarks/build_phases.py STORE

Runs ``diskbuild.build`` on STORE into the cache folder and prints, at each phase the build
reports, the elapsed time and the process's resident memory, then each phase's peak (a thread
samples VmRSS every 0.2 s: the FTS5 threads of the build are in this process too). Wrap it in
``/usr/bin/time -f "%e s %M KiB"`` for the whole run's peak.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

from procstat import status_kib


def main(argv: list[str]) -> int:
    from nkru_tui.core import diskbuild, diskindex

    store = Path(argv[0])
    t0 = time.perf_counter()
    phase = ["start"]
    peak: dict[str, tuple[int, float]] = {}

    def sample() -> None:
        while True:
            r, p = (status_kib("VmRSS") or 0) // 1024, phase[0]
            if r > peak.get(p, (0, 0.0))[0]:
                peak[p] = (r, time.perf_counter() - t0)
            time.sleep(0.2)

    threading.Thread(target=sample, daemon=True).start()

    def say(msg: str) -> None:
        key = " ".join(msg.split(":")[0].split(" ")[:2])
        if key != phase[0]:
            phase[0] = key
            rss = (status_kib("VmRSS") or 0) // 1024
            print(f"[{time.perf_counter() - t0:7.1f}s] rss {rss:5d} MiB  {msg}", flush=True)

    ident = diskindex.identity(store)
    if ident is None:
        print(f"{store}: not found", file=sys.stderr)
        return 1
    ok = diskbuild.build(store, diskindex.index_path(store), ident, say,
                         lambda evs, n: say(f"preview {len(evs)} of {n}"))
    print(f"[{time.perf_counter() - t0:7.1f}s] built: {ok}")
    for p, (r, t) in peak.items():
        print(f"  peak in {p!r}: {r} MiB at {t:.0f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
