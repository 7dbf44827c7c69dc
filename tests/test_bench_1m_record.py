"""`make bench-1m` keeps its 1M table apart from `make bench`'s: the 1M store's figures go
to their own README block (and RESULTS-1M.md), and a later `make bench` rewriting the main
block leaves them in place. Rendering only: nothing is run or timed here."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import run


def _results(with_1m: bool) -> dict:
    def store(n: int, rows: float, js: float) -> dict:
        return {
            "events": n,
            "json_load_s": {"median": js, "min": js, "max": js},
            "tui": {"rows_s": {"median": rows, "min": rows, "max": rows}},
        }

    stores = {"100k": store(100_000, 3.1, 2.6)}
    if with_1m:
        stores["1M"] = store(1_000_000, 31.0, 26.0)
    return {
        "machine": {
            "date": "today",
            "commit": "abc1234",
            "nproc": 2,
            "cpu": "x",
            "memory": "1 GiB",
            "python": "3.11",
            "textual": "8",
        },
        "config": {"command": "benchmarks/run.py", "big_from": 1_000_000, "runs_1m": 1},
        "stores": stores,
    }


def test_the_1m_rows_are_in_their_own_table() -> None:
    res = _results(with_1m=True)
    main, big = run.render_summary(res), run.render_summary(res, big=True)
    assert "100k (100,000 ev): rows on screen, first start" in main
    assert "1,000,000 ev" not in main
    assert "1M (1,000,000 ev): rows on screen, first start | 31.00 s" in big
    assert "100,000 ev" not in big
    assert run.big_labels(_results(with_1m=False)) == []


def test_make_bench_leaves_the_1m_block_in_place(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(
        "intro\n"
        f"{run.README_START}\nold main\n{run.README_END}\n"
        "between\n"
        f"{run.README_1M_START}\nold 1m\n{run.README_1M_END}\n"
        "end\n",
        encoding="utf-8",
    )
    res = _results(with_1m=True)
    big = run.render_summary(res, big=True)
    assert run.update_readme(
        run.summary_block_1m(res, big), readme, run.README_1M_START, run.README_1M_END
    )
    # then a `make bench` without the 1M store rewrites only the main block
    small = _results(with_1m=False)
    assert run.update_readme(run.summary_block(small, run.render_summary(small)), readme)
    text = readme.read_text(encoding="utf-8")
    assert "old main" not in text and "old 1m" not in text
    main_block = text.split(run.README_START)[1].split(run.README_END)[0]
    big_block = text.split(run.README_1M_START)[1].split(run.README_1M_END)[0]
    assert "100k (100,000 ev)" in main_block and "1,000,000 ev" not in main_block
    assert "1M (1,000,000 ev): rows on screen, first start" in big_block
    assert text.startswith("intro\n") and "between\n" in text and text.endswith("end\n")
