"""The own-sources figures (issue 11): adding a 1 MB text source, citing 20 quotes in it, and
the reader's first lines on a 1 MB text.

    PYTHONPATH=src python benchmarks/bench_sources.py [--runs 5] [--mb 1] [--json] [--quick]

Each figure is the median (and min-max) over ``--runs`` runs, each in a fresh user store in a
temporary folder, in this process (interpreter start-up not included):

  add     - ``SourceLibrary.add`` of a ~1 MB UTF-8 text file: read, hash, decode, normalise,
            check, keep the text (atomic write + fsync) and save the record;
  cite    - one ``SourceLibrary.cite`` (anchor the quote, verify, save the evidence on an own
            event, fsynced), over 20 quotes spread through the text: half typed exactly, half
            with straight quotes/hyphens/single spaces where the text has typographic quotes,
            dashes, no-break spaces and line breaks (the normalised tier); the first cite of a
            run includes loading the kept text and, for normalised quotes, folding it;
  fold    - folding the whole text for the normalised tier, which a cite pays (once per
            process) only when no stretch of the quote's words is rare enough to fold just
            windows around it;
  reader  - ``ReaderScreen`` pushed in a headless Textual app at 80x24 on the 1 MB text, until
            its first screen is painted (Pilot), i.e. what the user waits for;
  search  - ``search_sources`` of "Pyongyang" in the 1 MB source (found as written and as
            평양 in its Korean paragraphs), from a cold start: the kept text read and checked,
            indexed by line, the phonetic keys of its words made (what a one-shot
            ``nkru-tui sources --search`` pays), every matching line with its spans;
  search again - the same search of another word (모스크바, finding Moscow) once the text is
            indexed (what the explorer's filter and the reader's find pay per query).

Targets: a cite under 100 ms, the reader's first lines under 300 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from nkru_tui.core.sources import SourceLibrary  # noqa: E402
from nkru_tui.core.store import validate_record  # noqa: E402
from nkru_tui.core.userlayer import UserLayer  # noqa: E402

WORDS_RU = (
    "сотрудничество между Россией и КНДР будет расширяться в области туризма "
    "образования и транспорта по словам министра"
).split()
WORDS_EN = (
    "the two sides agreed to expand cooperation in tourism education and transport "
    "according to officials in Pyongyang and Moscow"
).split()
WORDS_KO = "양국은 관광 협력을 강화하기로 합의했다 원산 평양 모스크바 외무상 회담".split()


def _vocabulary(rnd: random.Random) -> list[list[str]]:
    """Three vocabularies of made-up words (Cyrillic, Latin, Hangul syllables) around the
    field's own words, so the text repeats like prose does, not like a 20-word loop."""
    ru = "бвгдзклмнпрстфхцчш"
    ru_v = "аеиоуыэюя"
    en = "bcdfghklmnprstvwz"
    en_v = "aeiou"

    def word(cons: str, vow: str) -> str:
        return "".join(rnd.choice(cons) + rnd.choice(vow) for _ in range(rnd.randint(1, 4)))

    def hangul() -> str:
        return "".join(chr(0xAC00 + rnd.randrange(11172)) for _ in range(rnd.randint(1, 3)))

    return [
        WORDS_RU + [word(ru, ru_v) for _ in range(3000)],
        WORDS_EN + [word(en, en_v) for _ in range(3000)],
        WORDS_KO + [hangul() for _ in range(3000)],
    ]


def make_text(target_bytes: int, seed: int = 7) -> str:
    """Paragraphs in three scripts with the field's typography: «», “”, —, NBSP, and words
    hyphenated over line breaks. Word frequencies fall off like prose (Zipf-like)."""
    rnd = random.Random(seed)
    vocabs = _vocabulary(rnd)
    weights = {id(v): [1.0 / (i + 1) for i in range(len(v))] for v in vocabs}
    parts: list[str] = []
    size = 0
    n = 0
    while size < target_bytes:
        words = rnd.choice(vocabs)

        def w(k: int = 1, words: list[str] = words) -> str:
            return " ".join(rnd.choices(words, weights[id(words)], k=k))

        sent = w(rnd.randint(8, 20))
        n += 1
        para = (
            f"{n}. {sent.capitalize()} — «{w()}\u00a0{w()}» “{w(2)}” paragraph {n} "
            f"coope-\nration {sent}."
        )
        parts.append(para)
        size += len(para.encode("utf-8")) + 2
    return "\n\n".join(parts) + "\n"


def pick_quotes(text: str, count: int, seed: int = 11) -> list[tuple[str, str]]:
    """(kind, quote): exact slices, and normalised ones typed with plain punctuation."""
    rnd = random.Random(seed)
    out: list[tuple[str, str]] = []
    paras = [m for m in text.split("\n\n") if len(m) > 120]
    step = max(1, len(paras) // count)
    for i in range(count):
        para = paras[min(len(paras) - 1, i * step + rnd.randrange(step))]
        if i % 2 == 0:
            j = rnd.randrange(0, len(para) - 60)
            q = para[j : j + 60]
            out.append(("exact", q))
        else:
            k = para.index("«")
            q = para[max(0, k - 20) : k + 40]
            q = (
                q.replace("«", '"')
                .replace("»", '"')
                .replace("—", "-")
                .replace("\u00a0", " ")
                .replace("“", '"')
                .replace("”", '"')
                .replace("-\n", "")
                .replace("\n", " ")
            )
            out.append(("normalised", q))
    return out


def _ms(xs: list[float]) -> dict:
    return {
        "n": len(xs),
        "median_ms": round(statistics.median(xs) * 1000, 2),
        "min_ms": round(min(xs) * 1000, 2),
        "max_ms": round(max(xs) * 1000, 2),
    }


def bench_add_and_cite(text: str, quotes: list[tuple[str, str]], runs: int) -> dict:
    add_t: list[float] = []
    cite_t: list[float] = []
    first_cite: list[float] = []
    tiers: dict[str, int] = {}
    for run in range(runs):
        with tempfile.TemporaryDirectory(prefix="nkru-bench-src-") as tmp:
            doc = Path(tmp) / "doc.txt"
            doc.write_text(text, encoding="utf-8")
            layer = UserLayer.open(Path(tmp) / "user.json")
            layer.add_record(
                "events",
                {
                    "id": "bench-ev",
                    "date": "2025",
                    "title": "Bench",
                    "sectors": ["tourism"],
                    "actors": [],
                    "places": [],
                    "figures": [],
                },
                validator=validate_record,
            )
            lib = SourceLibrary(layer)
            t0 = time.perf_counter()
            rec, created, _ = lib.add(doc, source_id="src-bench")
            add_t.append(time.perf_counter() - t0)
            assert created
            for i, (_kind, q) in enumerate(quotes):
                t0 = time.perf_counter()
                _, c, _added = lib.cite("bench-ev", rec["id"], q)
                dt = time.perf_counter() - t0
                (first_cite if i == 0 else cite_t).append(dt)
                if run == 0:
                    tiers[c.anchor.tier] = tiers.get(c.anchor.tier, 0) + 1
            assert len(layer.get_record("bench-ev")["evidence"]) == len(quotes)
    return {
        "add": _ms(add_t),
        "cite": _ms(cite_t + first_cite),
        "cite_first": _ms(first_cite),
        "tiers": tiers,
    }


async def _reader_once(text: str) -> float:
    from textual.app import App

    from nkru_tui.tui.screens.reader import ReaderScreen

    painted: list[float] = []

    class Bench(App):
        def on_mount(self) -> None:
            self.t0 = time.perf_counter()
            scr = ReaderScreen("src-bench", "Bench", text)
            self.push_screen(scr)
            scr.call_after_refresh(lambda: painted.append(time.perf_counter()))

    app = Bench()
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(200):
            if painted:
                break
            await pilot.pause(0.005)
        assert painted, "the reader never painted"
        first = painted[0] - app.t0
        view = app.screen.query_one("#reader-text")
        assert view.layout_ is not None and len(view.layout_) >= 20
    return first


def bench_fold(text: str, runs: int) -> dict:
    """Folding the whole text: what a normalised cite costs when no stretch of the quote's
    words is rare enough to search windows only (the fallback; see anchor._windowed)."""
    from nkru_tui.core.anchor import fold

    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fold(text)
        times.append(time.perf_counter() - t0)
    return {"fold": _ms(times)}


def bench_search(text: str, runs: int) -> dict:
    from nkru_tui.core import sources as src_mod
    from nkru_tui.core.textnorm import fold
    from nkru_tui.core.translit import phonetic_keys

    cold: list[float] = []
    warm: list[float] = []
    lines = 0
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="nkru-bench-search-") as tmp:
            doc = Path(tmp) / "doc.txt"
            doc.write_text(text, encoding="utf-8")
            lib = SourceLibrary(UserLayer.open(Path(tmp) / "user.json"))
            rec, _, _ = lib.add(doc, source_id="src-bench")
            eng = SimpleNamespace(sources={"src-bench": rec})

            lib = SourceLibrary(lib.layer)  # no text kept in memory
            src_mod._LINE_INDEXES.clear()
            phonetic_keys.cache_clear()
            fold.cache_clear()
            t0 = time.perf_counter()
            (m,) = src_mod.search_sources(lib, eng, "Pyongyang")
            cold.append(time.perf_counter() - t0)
            lines = len(m.passages)
            t0 = time.perf_counter()
            (m2,) = src_mod.search_sources(lib, eng, "모스크바")
            warm.append(time.perf_counter() - t0)
            assert m2.passages
    return {"search": _ms(cold), "search_again": _ms(warm), "search_lines": lines}


def bench_reader(text: str, runs: int) -> dict:
    times = [asyncio.run(_reader_once(text)) for _ in range(runs)]
    return {"reader": _ms(times)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--mb", type=float, default=1.0, help="size of the text source in MB")
    ap.add_argument("--quotes", type=int, default=20)
    ap.add_argument("--quick", action="store_true", help="2 runs")
    ap.add_argument("--json", action="store_true", help="also print the figures as JSON")
    a = ap.parse_args(argv)
    runs = 2 if a.quick else a.runs
    text = make_text(int(a.mb * 1_000_000))
    quotes = pick_quotes(text, a.quotes)
    res = {"bytes": len(text.encode("utf-8")), "runs": runs, "quotes": len(quotes)}
    res.update(bench_add_and_cite(text, quotes, runs))
    res.update(bench_fold(text, runs))
    res.update(bench_reader(text, runs))
    res.update(bench_search(text, runs))
    print(
        f"own sources: {res['bytes'] / 1e6:.2f} MB text, {runs} runs, "
        f"{len(quotes)} quotes per run (tiers {res['tiers']})"
    )
    for key, label, target in (
        ("add", "add a source", None),
        ("cite", "cite one quote", 100),
        ("cite_first", "first cite of a run", None),
        ("fold", "fold whole text", None),
        ("reader", "reader first lines", 300),
        ("search", "search a word (cold)", None),
        ("search_again", "search again (indexed)", None),
    ):
        f = res[key]
        tgt = f"  (target < {target} ms)" if target else ""
        print(
            f"  {label:<22} median {f['median_ms']:8.1f} ms   min {f['min_ms']:.1f}  "
            f"max {f['max_ms']:.1f}  n={f['n']}{tgt}"
        )
    if a.json:
        print(json.dumps(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
