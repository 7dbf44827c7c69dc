"""Build data/db.json from the curated records in data/curated/*.toml.

    python -m nkru_tui.core.build            # validate (strict) and write data/db.json
    python -m nkru_tui.core.build --check    # validate and compare with data/db.json only

One TOML file per table (sources, actors, events, relations), each an array of tables
(``[[events]]``), plus meta.toml. Every record carries ``doc_id``, its TinyDB document id:
stable, never reused, a new record takes the table's largest doc_id + 1, so adding a record
never renumbers the others. The build fills the defaults, puts every record's fields in one
fixed order, applies the same validator as ``nkru-tui validate`` in its strict mode
(core/curation.py) and writes the store deterministically: the same files give the same bytes.
Standard library only (tomllib); docs/CURATION.md explains how records are written.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tomllib
from pathlib import Path
from typing import Any

from .curation import ACTOR_KEYS, ACTOR_REF_KEYS, EVIDENCE_KEYS, FIGURE_KEYS, KEYS
from .errors import EXIT_STORE_INVALID, StoreError

REPO = Path(__file__).resolve().parents[3]
CURATED = REPO / "data" / "curated"
OUT = REPO / "data" / "db.json"
ENV_SEEDS = "NKRU_SEEDS"
TABLES = ("sources", "actors", "events", "relations")


def default_seeds() -> Path:
    """The seed texts: $NKRU_SEEDS, else ../shared/seeds beside the repository."""
    env = os.environ.get(ENV_SEEDS)
    return Path(env) if env else REPO.parent / "shared" / "seeds"


def _ordered(rec: dict, keys: tuple[str, ...]) -> dict:
    out = {k: rec[k] for k in keys if k in rec}
    out.update({k: v for k, v in rec.items() if k not in out})  # unknown: kept, strict flags it
    return out


def normalise(table: str, rec: dict) -> dict:
    """One record as it is stored: defaults filled, fields in the fixed order."""
    rec = dict(rec)
    if table == "actors":
        rec.setdefault("country", None)
        rec.setdefault("aliases", [])
        return _ordered(rec, ACTOR_KEYS)
    if table == "events":
        rec.setdefault("date_inferred", False)
        rec.setdefault("type", "occurrence")
        rec.setdefault("places", [])
        rec.setdefault("figures", [])
        rec["actors"] = [
            _ordered(a, ACTOR_REF_KEYS) if isinstance(a, dict) else a
            for a in rec.get("actors") or []
        ]
        rec["figures"] = [
            _ordered(f, FIGURE_KEYS) if isinstance(f, dict) else f for f in rec["figures"]
        ]
    if isinstance(rec.get("evidence"), list):
        rec["evidence"] = [
            _ordered(e, EVIDENCE_KEYS) if isinstance(e, dict) else e for e in rec["evidence"]
        ]
    return _ordered(rec, KEYS[table])


def load_curated(folder: Path) -> tuple[dict[str, Any], list[StoreError]]:
    """Read meta.toml and the table files into TinyDB's layout, ordered by doc_id."""
    problems: list[StoreError] = []

    def bad(table: str, record: str | None, field: str | None, message: str) -> None:
        problems.append(
            StoreError(
                folder / f"{table}.toml",
                message,
                table=table,
                record=record,
                field=field,
                exit_code=EXIT_STORE_INVALID,
            )
        )

    def read(name: str) -> dict[str, Any]:
        path = folder / f"{name}.toml"
        try:
            with path.open("rb") as fh:
                return tomllib.load(fh)
        except FileNotFoundError:
            bad(name, None, None, "file missing")
        except tomllib.TOMLDecodeError as exc:
            bad(name, None, None, f"not valid TOML: {exc}")
        return {}

    meta = read("meta")
    raw: dict[str, Any] = {"meta": {"1": {k: meta.get(k) for k in ("schema", "name", "built")}}}
    for table in TABLES:
        data = read(table)
        rows = data.get(table, [])
        for key in data:
            if key != table:
                bad(table, None, key, f"unexpected top-level key (records are [[{table}]])")
        by_id: dict[int, dict] = {}
        for rec in rows if isinstance(rows, list) else []:
            rid = str(rec.get("id"))
            doc_id = rec.pop("doc_id", None)
            if isinstance(doc_id, bool) or not isinstance(doc_id, int) or doc_id < 1:
                bad(
                    table,
                    rid,
                    "doc_id",
                    f"{doc_id!r}: every record needs a doc_id >= 1 "
                    "(a new record takes the largest doc_id + 1)",
                )
                continue
            if doc_id in by_id:
                bad(table, rid, "doc_id", f"{doc_id} is also {by_id[doc_id].get('id')!r}")
                continue
            by_id[doc_id] = rec
        raw[table] = {str(k): normalise(table, by_id[k]) for k in sorted(by_id)}
    return raw, problems


def render(raw: dict[str, Any]) -> bytes:
    """The store's bytes: TinyDB's JSON layout, UTF-8, one space indent, trailing newline."""
    return (json.dumps(raw, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def build(
    folder: Path = CURATED, seeds: Path | None = None
) -> tuple[bytes | None, list[StoreError]]:
    """Validate (strict) and render the curated records; (None, problems) if any problem."""
    from .store import validate

    raw, problems = load_curated(folder)
    built = raw["meta"]["1"].get("built")
    if not isinstance(built, str) or len(built) != 10:
        problems.append(
            StoreError(
                folder / "meta.toml",
                "built must be YYYY-MM-DD",
                table="meta",
                exit_code=EXIT_STORE_INVALID,
            )
        )
    problems += validate(raw, folder, strict=True, seeds=seeds)
    if problems:
        return None, problems
    return render(raw), []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m nkru_tui.core.build",
        description="Build data/db.json from data/curated/*.toml (strict validation).",
    )
    parser.add_argument("--curated", type=Path, default=CURATED, help="folder of TOML files")
    parser.add_argument("--out", type=Path, default=OUT, help="store to write")
    parser.add_argument(
        "--seeds",
        type=Path,
        default=None,
        help=f"folder of source texts (default ${ENV_SEEDS} or ../shared/seeds)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; fail if the store differs from the build",
    )
    ns = parser.parse_args(argv)
    seeds = ns.seeds or default_seeds()
    if not seeds.is_dir():
        print(
            f"seed texts not found at {seeds}: quotes and wording are not checked "
            f"(pass --seeds DIR or set ${ENV_SEEDS})",
            file=sys.stderr,
        )
        seeds_arg = None
    else:
        seeds_arg = seeds
    data, problems = build(ns.curated, seeds_arg)
    if data is None:
        for p in problems:
            print(str(p), file=sys.stderr)
        print(f"{len(problems)} problem(s); {ns.out} not written", file=sys.stderr)
        return EXIT_STORE_INVALID
    counts = json.loads(data)
    summary = ", ".join(f"{t}={len(counts[t])}" for t in TABLES)
    if ns.check:
        try:
            same = ns.out.read_bytes() == data
        except OSError:
            same = False
        if not same:
            print(
                f"{ns.out} differs from the build of {ns.curated}; run without --check",
                file=sys.stderr,
            )
            return 1
        print(f"{ns.out} is up to date ({summary})")
        return 0
    from .atomic import write_atomic

    write_atomic(ns.out, data)
    print(f"wrote {ns.out} ({summary})")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
