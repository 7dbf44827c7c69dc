"""`search --json` prints the same bytes whether the store is answered from its on-disk index
(a large store: records streamed from the index rows) or loaded into memory
(``NKRU_NO_DISK_INDEX=1``), through the real CLI, with and without a user layer. Nothing is
timed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from clitools import cli_env, run_cli

from nkru_tui.core import diskindex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import gen_store

pytestmark = pytest.mark.skipif(not diskindex.fts5_available(), reason="SQLite without FTS5")

# values json and orjson write differently (json: 1e-05, 1.5e-07) and text that looks like
# them, so both the fast path and its fallback are compared
def _odd(rid: str, title: str, values: list[float]) -> dict:
    return {
        "id": rid,
        "date": "2024-06",
        "title": title,
        "summary": "« guillemets », a tab\tinside, Кожемяко 평양 \u2028 a line separator",
        "sectors": ["transport"],
        "actors": [{"id": "oleg-kozhemyako", "role": "host"}],
        "figures": [{"value": v, "unit": "t", "counts": "c"} for v in values],
    }


# values json and orjson write differently (json 1e-05 and 1.5e-07, orjson 0.00001 and
# 1.5e-7), each alone in its event, and text that looks like them
ODD = [
    _odd("odd-tiny", "railway tinyfig", [1e-05, 2.5]),
    _odd("odd-tinier", "railway tinierfig", [1.5e-07, 1e16]),
    _odd("odd-text", "railway bridge null 1e-6 x9e-8 0.00001", [3.0]),
]
ODD_FLOATS = {"tinyfig": '"value": 1e-05', "tinierfig": '"value": 1.5e-07'}

QUERIES = [
    "",
    "railway",
    '"railway bridge"',
    "kozhemyako",
    "sector:tourism year:2010..2015",
    "tour -railway",
    "zzzzzz",
    "tinyfig",
    "tinierfig",
    # actor names (the index's name rows): several words, a prefix, another script
    "oleg kozhemyako",
    "kozhem",
    "Кожемяко",
    '"my railway"',
    "tour",
]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    raw = gen_store.generate(diskindex.MIN_EVENTS + 20, seed=7)
    n = len(raw["events"])
    cited = next(iter(raw["events"].values()))["evidence"]
    for i, ev in enumerate(ODD):
        raw["events"][str(n + 1 + i)] = dict(ev, evidence=cited)
    path = tmp_path_factory.mktemp("big") / "store.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path


def _env(tmp: Path, user: Path, disk: bool) -> dict[str, str]:
    env = cli_env(NKRU_CACHE_DIR=str(tmp / "cache"), NKRU_USER_DB=str(user))
    env.pop("NKRU_NO_DISK_INDEX", None)
    if not disk:
        env["NKRU_NO_DISK_INDEX"] = "1"
    return env


def _search(store: Path, env: dict[str, str], q: str) -> str:
    r = run_cli("--db", str(store), "search", "--json", *([q] if q else []), env=env)
    assert r.returncode == 0, r.stderr
    return r.stdout


@pytest.mark.parametrize("with_user", [False, True])
def test_index_path_prints_what_the_memory_path_prints(store, tmp_path, with_user):
    user = tmp_path / "user.json"
    disk, mem = _env(tmp_path, user, True), _env(tmp_path, user, False)
    if with_user:  # own events interleaving curated ones at equal dates, and a note
        mine = tmp_path / "mine.json"
        mine.write_text(
            json.dumps(
                [
                    {"id": "my-railway", "date": "2024-06", "title": "my railway bridge",
                     "summary": "tour", "sectors": ["transport"]},
                    {"id": "a-mine", "date": "2011", "title": "tour of my own",
                     "summary": "Кожемяко", "sectors": ["tourism"]},
                ]
            ),
            encoding="utf-8",
        )
        r = run_cli("--db", str(store), "add", "event", "--json-file", str(mine), env=mem)
        assert r.returncode == 0, r.stderr
        r = run_cli("--db", str(store), "note", "odd-text", "a railway note", env=mem)
        assert r.returncode == 0, r.stderr
    first = _search(store, disk, "railway")  # builds the index
    assert list((tmp_path / "cache").glob("store-*.sqlite")), "no index was written"
    for q in QUERIES:
        got, want = _search(store, disk, q), _search(store, mem, q)
        assert got == want, q
        assert want == json.dumps(json.loads(want), ensure_ascii=False, indent=2) + "\n"
    assert first == _search(store, mem, "railway")
    for word, written in ODD_FLOATS.items():
        assert written in _search(store, disk, word)


def test_search_json_from_the_index_writes_the_stored_text(store, tmp_path):
    """Answered from the index, `search --json` writes each record's stored text: no record is
    parsed or encoded again (no JSON library is even loaded), the small tables are not read,
    and nothing else a search does not use is imported (hashlib, dataclasses and inspect:
    a fifth of the imports once); the bytes are the in-memory path's."""
    user = tmp_path / "user.json"
    disk, mem = _env(tmp_path, user, True), _env(tmp_path, user, False)
    _search(store, disk, "zzzzzz")  # builds the index
    code = (
        "import sys\n"
        "from nkru_tui.cli.main import main\n"
        f"rc = main(['--db', {str(store)!r}, 'search', '--json', 'kozhemyako'])\n"
        "sys.stdout.flush()\n"
        "heavy = ('json', 'orjson', 'hashlib', 'dataclasses', 'inspect')\n"
        "loaded = sorted(m for m in heavy if m in sys.modules)\n"
        "print(' '.join(loaded), file=sys.stderr)\n"
        "raise SystemExit(rc)\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", code], env=disk, capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 0, r.stderr
    assert r.stderr.strip() == ""  # none of them
    assert r.stdout == _search(store, mem, "kozhemyako")
    assert r.stdout.count('"id":') > 3
    # as a user runs it: no NKRU_USER_DB, so the user store's place comes from the settings
    # (config.toml's user_store, else the user data folder), which must not load them either
    plain = {k: v for k, v in disk.items() if k != "NKRU_USER_DB"}
    plain.update(XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
                 XDG_DATA_HOME=str(tmp_path / "xdg-data"))
    r = subprocess.run(
        [sys.executable, "-c", code], env=plain, capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 0 and r.stderr.strip() == "", r.stderr
    assert r.stdout.count('"id":') > 3
