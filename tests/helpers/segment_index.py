"""The on-disk index written from the in-memory engine's ``Segment``: a reference for tests
only (the product builds its index with ``core/diskbuild.py``, straight from the store's
file). It folds each field on its own, as the engine's ``textnorm`` does, so the build's
whole-event folding (``diskindex.fts_text``) is compared with the plain way."""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from nkru_tui.core import diskindex
from nkru_tui.core.index import ActorIndex, Segment, event_text_fields
from nkru_tui.core.jsontext import stored_pretty
from nkru_tui.core.posbits import posting_blob
from nkru_tui.core.store import records
from nkru_tui.core.textnorm import _NOT_WORD_ASCII, tokens_uncached


def fts_text(ev: dict) -> str:
    """Each field's folded tokens (an ASCII field blanked as ``textnorm`` splits it), fields
    apart by the field break."""
    return f" {diskindex._FIELD_BREAK} ".join(
        f.lower().translate(_NOT_WORD_ASCII) if f.isascii() else " ".join(tokens_uncached(f))
        for f in event_text_fields(ev)
        if f
    )


def write(
    dest: Path,
    seg: Segment,
    raw: Mapping[str, Any],
    ident: str,
    digest: str,
    actor_index: ActorIndex | None = None,
) -> bool:
    """Write the index of ``seg`` (built over ``raw``'s events) to ``dest``."""
    dumps = diskindex._dumps
    con = sqlite3.connect(str(dest))
    try:
        diskindex._schema(con)
        evs = seg.events
        con.executemany(
            "INSERT INTO ev(pos, id, date, rec) VALUES (?, ?, ?, ?)",
            (
                (i, ev.get("id", ""), str(ev.get("date", "")), stored_pretty(ev))
                for i, ev in enumerate(evs)
            ),
        )
        con.execute("CREATE INDEX ev_id ON ev(id)")
        n = len(evs)
        con.executemany(
            "INSERT INTO post(tok, pos) VALUES (?, ?)",
            ((tok, posting_blob(seg.postings[tok], n)) for tok in seg.vocab),
        )
        for kind, table in seg._tables().items():
            con.executemany(
                "INSERT INTO tab(kind, key, n, pos) VALUES (?, ?, ?, ?)",
                ((kind, key, len(p), posting_blob(p, n)) for key, p in table.items()),
            )
        arrays = {
            "starts": array("i", seg.starts).tobytes(),
            "ends": array("i", seg.ends).tobytes(),
            "spans": array("I", seg.spans).tobytes(),
            "inferred": array("I", sorted(seg.inferred)).tobytes(),
            "with_figures": array("I", sorted(seg.with_figures)).tobytes(),
        }
        con.executemany("INSERT INTO arr(name, data) VALUES (?, ?)", arrays.items())
        con.executemany(
            "INSERT INTO rec(tbl, rec) VALUES (?, ?)",
            [
                (tbl, dumps(list(records(raw, tbl))))  # type: ignore[arg-type]
                for tbl in ("meta", "sources", "actors")
            ],
        )
        con.executemany(
            "INSERT INTO rel(seq, id, subject, object, rec) VALUES (?, ?, ?, ?, ?)",
            (
                diskindex.relation_row(seq, r, dumps(r))
                for seq, r in enumerate(records(raw, "relations"))  # type: ignore[arg-type]
            ),
        )
        diskindex.index_relations(con)
        if actor_index is None:
            actor_index = ActorIndex(records(raw, "actors"))  # type: ignore[arg-type]
        diskindex.write_actor_index(con, actor_index)
        con.executemany(
            "INSERT INTO fts(rowid, t) VALUES (?, ?)", ((i, fts_text(ev)) for i, ev in enumerate(evs))
        )
        con.executemany(
            "INSERT INTO meta(k, v) VALUES (?, ?)",
            [("format", diskindex.FORMAT), ("identity", ident), ("content", digest), ("n", n)],
        )
        con.commit()
    finally:
        con.close()
    return True
