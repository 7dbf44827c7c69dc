"""Exports with citations (CSV, JSON, Markdown) and the parsing and validation of imports.

Flat rows: one row per record, a ``record_type`` column (event, actor, relation, source),
scalar columns as they are and structured ones (actors with roles, figures, evidence) as JSON
text in CSV, as JSON values in JSON. Sectors and places are ``;``-joined in CSV. An exported
file imports back to the same records.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date as _date
from pathlib import Path
from typing import Any

from . import dates, schema
from .dates import edtf, human_when
from .errors import EXIT_STORE_INVALID, NkruError, StoreError
from .render import figure_line, inferred_note
from .store import validate_record

EVENT_COLUMNS = [
    "record_type",
    "id",
    "date",
    "end_date",
    "date_inferred",
    "date_note",
    "title",
    "summary",
    "sectors",
    "actors",
    "places",
    "figures",
    "status",
    "type",
    "evidence",
    "user",
    "actor_names",
    "sources",
    "note",
    # a window, a season, the inferred marker; derived: the EDTF form of the date,
    # the date as shown ("2024–25?") and each figure with its qualifier ("about 1,000 troops")
    "latest",
    "season",
    "edtf",
    "when",
    "figures_text",
    "inferred",
    "inferred_note",
]
# always in a CSV header, whatever the rows hold
ALWAYS_COLUMNS = EVENT_COLUMNS[:8]
ACTOR_COLUMNS = ["name", "kind", "country", "aliases", "description"]
RELATION_COLUMNS = ["subject", "object", "inferred"]
SOURCE_COLUMNS = ["file", "origin", "notes"]
ALL_COLUMNS = (
    EVENT_COLUMNS
    + ACTOR_COLUMNS
    + [c for c in RELATION_COLUMNS + SOURCE_COLUMNS if c not in EVENT_COLUMNS + ACTOR_COLUMNS]
)

# Columns that hold structured values: JSON text in CSV.
JSON_COLUMNS = {"actors", "figures", "evidence", "aliases"}
LIST_COLUMNS = {"sectors", "places"}
BOOL_COLUMNS = {"date_inferred", "user", "inferred"}
DERIVED_COLUMNS = {"record_type", "actor_names", "sources", "note", "edtf", "when", "figures_text"}

TABLE_OF = {"event": "events", "actor": "actors", "relation": "relations", "source": "sources"}


class ImportInvalid(NkruError):
    """An import with problems: nothing was written; ``problems`` lists every one."""

    exit_code = EXIT_STORE_INVALID

    def __init__(self, path: str | Path, problems: list[str]) -> None:
        super().__init__(f"{path}: {len(problems)} problem(s); nothing was imported")
        self.path = str(path)
        self.problems = problems

    def __str__(self) -> str:
        return self.args[0]


# ------------------------------------------------------------------------------- rows


def record_row(table: str, rec: dict, eng=None, note: str | None = None) -> dict[str, Any]:
    """A flat row for ``rec`` (as stored) with our derived columns."""
    rtype = {v: k for k, v in TABLE_OF.items()}[table]
    row: dict[str, Any] = {"record_type": rtype}
    for key, value in rec.items():
        row[key] = value
    if table == "events" and eng is not None:
        row["actor_names"] = [eng.actor_name(a) for a in eng.event_actor_ids(rec)]
    if table in ("events", "relations") and isinstance(rec.get("date"), str):
        row["edtf"] = edtf(rec)
        row["when"] = human_when(rec)
    figures = rec.get("figures")
    if table == "events" and isinstance(figures, list) and figures:
        row["figures_text"] = [figure_line(f) for f in figures if isinstance(f, dict)]
    if rec.get("evidence") and eng is not None:
        row["sources"] = sorted(
            {eng.source_title(e.get("source", "")) for e in rec["evidence"] if isinstance(e, dict)}
        )
    if note is not None:
        row["note"] = note
    return row


def collect(eng, events: list[dict], with_notes: bool) -> list[dict]:
    """Rows for ``events`` plus the user-added actors and sources they reference, so that an
    exported file imports into another user store on its own."""
    notes = eng.user.notes if with_notes else {}
    rows = [record_row("events", e, eng, notes.get(e["id"])) for e in events]
    actor_ids: list[str] = []
    source_ids: list[str] = []
    for e in events:
        for aid in eng.event_actor_ids(e):
            if aid not in actor_ids and not eng.is_curated(aid) and aid in eng.actors:
                actor_ids.append(aid)
    for rid in [e["id"] for e in events] + actor_ids:
        rec = eng.get(rid) or {}
        for ev in rec.get("evidence", ()) or ():
            sid = ev.get("source") if isinstance(ev, dict) else None
            if sid and sid not in source_ids and not eng.is_curated(sid) and sid in eng.sources:
                source_ids.append(sid)
    extra = [record_row("sources", eng.sources[s], eng) for s in source_ids]
    extra += [record_row("actors", eng.actors[a], eng, notes.get(a)) for a in actor_ids]
    return extra + rows


def to_json(rows: list[dict]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def _cell(col: str, value: Any) -> str:
    if value is None:
        return ""
    if col in LIST_COLUMNS and isinstance(value, list):
        return ";".join(str(v) for v in value)
    if col in ("actor_names", "sources", "figures_text") and isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if col in BOOL_COLUMNS:
        return "true" if value is True else ("false" if value is False else str(value))
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def to_csv(rows: list[dict]) -> str:
    present = {k for r in rows for k in r}
    cols = [c for c in ALL_COLUMNS if c in present or c in ALWAYS_COLUMNS]
    cols += sorted(present - set(cols))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    for r in rows:
        w.writerow([_cell(c, r.get(c)) for c in cols])
    return buf.getvalue()


# ------------------------------------------------------------------------------- markdown


def human_date(d: str | None) -> str:
    """ "June 2024" (``core.dates.human_date``, kept here for callers of this module)."""
    return dates.human_date(d)


def _md_escape(text: str) -> str:
    """Keep our own text from turning into Markdown structure (links, emphasis, footnotes)."""
    out = []
    for ch in " ".join(str(text).split()):
        if ch in "\\`*_[]<>#|":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def to_markdown(
    eng, events: list[dict], query: str, with_notes: bool, today: str | None = None
) -> str:
    """A dated chronology in our own words, with a numbered footnote for every quote."""
    today = today or _date.today().isoformat()
    notes = eng.user.notes if with_notes else {}
    lines = [
        "# North Korea–Russia relations: a chronology",
        "",
        (
            f"_{len(events)} event(s); query: {_md_escape(query) if query.strip() else '(all)'}; "
            f"generated {today} by nkru-tui._"
        ),
        "",
    ]
    foot: list[str] = []
    year = None
    for ev in events:
        y = (ev.get("date") or "")[:4]
        if y != year:
            if year is not None:
                lines.append("")
            year = y
            lines += [f"## {y or 'Undated'}", ""]
        # "June 2024", "2008–2013", "some time between 2024 and 2025", "spring 2024"
        when = human_when(dict(ev, date_inferred=False), words=True)
        if ev.get("date_inferred") is True:
            when += " (date inferred)"
        marks = ""
        for e in ev.get("evidence", ()) or ():
            foot.append(
                f"[^{len(foot) + 1}]: “{_md_escape(e.get('quote', ''))}” — "
                f"{_md_escape(eng.source_title(e.get('source', '')))}"
            )
            marks += f"[^{len(foot)}]"
        status = f" *({ev['status'].replace('_', ' ')})*" if ev.get("status") else ""
        mine = " *(my record)*" if ev.get("user") else ""
        lines.append(
            f"- **{when}** — {_md_escape(ev.get('title', ''))}{status}{mine}. "
            f"{_md_escape(ev.get('summary', ''))}{marks}"
        )
        for f in ev.get("figures", ()) or ():
            if isinstance(f, dict):
                lines.append(f"  - {_md_escape(figure_line(f))}")
        note = inferred_note(ev)
        if note is not None:
            lines.append(
                "  - *Inferred, not stated by the source*"
                + (f": {_md_escape(note)}" if note else "")
            )
        if ev["id"] in notes:
            each = [n["text"] for n in getattr(eng.user, "note_list", {}).get(ev["id"], ())]
            for text in each or [notes[ev["id"]]]:
                lines.append(f"  > My note: {_md_escape(text)}")
    if foot:
        lines += ["", "## Sources cited", ""] + foot
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------- import


def _coerce(col: str, value: str) -> Any:
    if value == "":
        return None
    if col in LIST_COLUMNS:
        return [v.strip() for v in value.split(";") if v.strip()]
    if col in BOOL_COLUMNS:
        low = value.strip().lower()
        if low in ("true", "1", "yes"):
            return True
        if low in ("false", "0", "no"):
            return False
        raise ValueError(f"{col}: {value!r} is not true or false")
    if col in JSON_COLUMNS:
        return json.loads(value)
    return value


def read_import(
    path: Path, default_sector: str | None = None, skipped: dict[str, int] | None = None
) -> tuple[list[tuple[str, str, dict]], list[str]]:
    """Parse an import file into (where, table, record) triples and the problems found so far
    (a file that cannot be read at all raises ImportInvalid).

    A file of FollowTheMoney JSON lines is read as actors and events (core/formats/
    ftm_import.py); ``default_sector`` is the sector of its events that name none of ours, and
    ``skipped`` receives how many entities of each other schema were left out."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StoreError(path, f"cannot read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportInvalid(path, [f"{path}: not UTF-8 text (byte {exc.start})"]) from None
    out: list[tuple[str, str, dict]] = []
    problems: list[str] = []
    from .formats import ftm_import

    if path.suffix.lower() != ".csv" and ftm_import.looks_like_ftm(text):
        out, problems, left = ftm_import.read_ftm(
            text, lambda n: f"{path}: line {n}", default_sector
        )
        if skipped is not None:
            skipped.update(left)
        return out, problems
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or "id" not in reader.fieldnames:
            raise ImportInvalid(
                path, [f"{path}: line 1: a CSV import needs a header with an id column"]
            )
        for n, row in enumerate(reader, start=2):
            where = f"{path}: line {n}"
            rtype = (row.get("record_type") or "event").strip()
            if rtype not in TABLE_OF:
                problems.append(
                    f"{where}: record_type: {rtype!r} is not event, actor, relation or source"
                )
                continue
            rec: dict[str, Any] = {}
            for col, value in row.items():
                if col is None:
                    problems.append(f"{where}: more cells than columns")
                    continue
                if col in DERIVED_COLUMNS or value is None:
                    continue
                if value == "" and col in LIST_COLUMNS and rtype == "event":
                    rec[col] = []  # an event's empty list of sectors or places
                    continue
                try:
                    v = _coerce(col, value)
                except (ValueError, json.JSONDecodeError) as exc:
                    problems.append(f"{where}: {col}: not valid ({exc})")
                    continue
                if v is not None:
                    rec[col] = v
            out.append((where, TABLE_OF[rtype], rec))
    else:
        try:
            raw = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise ImportInvalid(
                path, [f"{path}: not valid JSON: {str(exc).splitlines()[0]}"]
            ) from None
        items: list[tuple[str, str, Any]] = []
        if isinstance(raw, list):
            for i, rec in enumerate(raw):
                rtype = rec.get("record_type", "event") if isinstance(rec, dict) else "event"
                items.append(
                    (f"{path}: record {i + 1}", TABLE_OF.get(rtype, "?" + str(rtype)), rec)
                )
        elif isinstance(raw, dict):
            for table, rows in raw.items():
                if table in ("meta", "_default", "notes", "bookmarks"):
                    continue
                if table not in TABLE_OF.values():
                    problems.append(
                        f"{path}: table {table!r}: not events, actors, relations or sources"
                    )
                    continue
                seq = rows.items() if isinstance(rows, dict) else enumerate(rows or [], start=1)
                for key, rec in seq:
                    items.append((f"{path}: {table}/{key}", table, rec))
        else:
            raise ImportInvalid(
                path, [f"{path}: top level must be a list of records or an object of tables"]
            )
        for where, table, rec in items:
            if table.startswith("?"):
                problems.append(
                    f"{where}: record_type: {table[1:]!r} is not event, actor, relation or source"
                )
            elif not isinstance(rec, dict):
                problems.append(f"{where}: must be an object")
            else:
                clean = {k: v for k, v in rec.items() if k not in DERIVED_COLUMNS and v is not None}
                out.append((where, table, clean))
    return out, problems


@dataclass
class ImportPlan:
    """What an import does: records to add, own records to replace (``--update``), and
    records identical to what is already there."""

    add: list[tuple[str, dict]] = field(default_factory=list)
    replace: list[tuple[str, dict]] = field(default_factory=list)
    present: list[tuple[str, dict]] = field(default_factory=list)

    def __iter__(self):  # the records to write, in reference order
        return iter(self.add + self.replace)


IGNORED_IN_COMPARISON = {"user"} | DERIVED_COLUMNS


def comparable(rec: dict) -> dict:
    """``rec`` as compared for "already present": our derived columns, the user mark, empty
    values (a missing list and an empty one say the same) and the anchors of quotes left
    out."""
    out = {
        k: v
        for k, v in rec.items()
        if k not in IGNORED_IN_COMPARISON and not k.startswith("_") and v not in (None, "", [])
    }
    if isinstance(out.get("evidence"), list):  # anchors in a kept text are derived: not compared
        out["evidence"] = [
            {k: e.get(k) for k in ("source", "quote")} if isinstance(e, dict) else e
            for e in out["evidence"]
        ]
    return out


PARTIAL = "_partial"  # set by a reader of a format that carries only some of our fields


def differing_fields(new: dict, old: dict, partial: bool = False) -> list[str]:
    """The fields in which ``new`` differs from ``old``. A ``partial`` record (read from a
    format that cannot carry every field, such as FollowTheMoney) is compared on the fields it
    has, and its actors by id (FtM keeps no roles)."""
    a, b = comparable(new), comparable(old)
    keys = set(a) if partial else set(a) | set(b)
    out = []
    for k in keys:
        x, y = a.get(k), b.get(k)
        if partial and k == "actors" and isinstance(x, list) and isinstance(y, list):
            x = sorted(str(i.get("id")) for i in x if isinstance(i, dict))
            y = sorted(str(i.get("id")) for i in y if isinstance(i, dict))
        if x != y:
            out.append(k)
    return sorted(out)


def validate_import(
    eng,
    items: list[tuple[str, str, dict]],
    path: Path,
    problems: list[str] | None = None,
    *,
    update: bool = False,
) -> ImportPlan:
    """Check every record against the store and each other; all or nothing: any problem
    (with those ``read_import`` found) raises ImportInvalid listing every one.

    A record identical to the one of its id already there is "present" (nothing to do). One
    that differs is a clash, listed with the fields that differ, unless it is the user's own
    record and ``update`` is set: then it is replaced. A curated record is never replaced."""
    known: dict[str, set[str]] = {
        "events": {e["id"] for e in eng.events},
        "actors": set(eng.actors),
        "relations": {r["id"] for r in eng.relations},
        "sources": set(eng.sources),
    }
    kinds = {aid: a.get("kind") for aid, a in eng.actors.items()}
    problems = list(problems or [])
    # records may reference each other: admit every new id before checking references
    order = {"sources": 0, "actors": 1, "events": 2, "relations": 3}
    staged = sorted(items, key=lambda t: order.get(t[1], 9))
    new_ids: dict[str, str] = {}
    for where, table, rec in staged:
        rid = rec.get("id")
        if isinstance(rid, str):
            if rid in new_ids:
                problems.append(
                    f"{where}: id: {rid!r} appears twice in this file (also {new_ids[rid]})"
                )
            new_ids[rid] = where
            if table == "actors":
                kinds[rid] = rec.get("kind")
    pending_sources = {
        r["id"] for _, t, r in staged if t == "sources" and isinstance(r.get("id"), str)
    }
    pending_actors = {r.get("id") for _, t, r in staged if t == "actors"}
    plan = ImportPlan()
    for where, table, rec in staged:
        rec = dict(rec)
        partial = rec.pop(PARTIAL, False) is True
        rec["user"] = True
        rid = rec.get("id")
        existing = eng.get(rid) if isinstance(rid, str) else None
        replacing = False
        if existing is not None:
            kind = eng.kind_of(rid)
            curated = eng.is_curated(rid)
            whose = "a curated" if curated else "your own"
            if kind != table[:-1]:
                problems.append(f"{where}: id: id already used by {whose} {kind}")
                continue
            diff = differing_fields(rec, existing, partial)
            if not diff:
                plan.present.append((table, rec))
                continue
            if curated:
                problems.append(
                    f"{where}: id: id already used by a curated {kind} that differs "
                    f"({', '.join(diff)}); curated records are never replaced"
                )
                continue
            if not update:
                problems.append(
                    f"{where}: id: id already used by your own {kind}, which differs "
                    f"({', '.join(diff)}); --update replaces it"
                )
                continue
            replacing = True
        ctx_known = {t: set(ids) for t, ids in known.items()}
        if replacing:
            ctx_known[table].discard(rid)
        ctx_known["sources"] = ctx_known["sources"] | pending_sources
        actor_kinds = dict(kinds)
        for aid in pending_actors:
            actor_kinds.setdefault(aid, kinds.get(aid))
        errs = validate_record(table, rec, known_ids=ctx_known, actor_kinds=actor_kinds)
        for e in errs:
            fld = f"{e.field}: " if e.field else ""
            problems.append(f"{where}: {fld}{e.message}")
        (plan.replace if replacing else plan.add).append((table, rec))
    if problems:
        raise ImportInvalid(path, problems)
    return plan


def summarize(records: Iterable[tuple[str, dict]]) -> dict[str, int]:
    """How many records of each table (sources, actors, events, relations)."""
    counts: dict[str, int] = {t: 0 for t in ("sources", "actors", "events", "relations")}
    for table, _ in records:
        counts[table] = counts.get(table, 0) + 1
    return counts


__all__ = [
    "ImportInvalid",
    "ImportPlan",
    "collect",
    "read_import",
    "schema",
    "summarize",
    "to_csv",
    "to_json",
    "to_markdown",
    "validate_import",
]


def render_events(eng, fmt: str, events: list[dict], query: str, with_notes: bool) -> str:
    """The export of ``events`` (the results of ``query``) in ``fmt``, a key of
    ``core.formats.FORMATS`` (md, csv, json, ftm, timeline, csl, gexf)."""
    from .formats import FORMATS

    return FORMATS[fmt].render(eng, events, query, with_notes)


def render_export(eng, fmt: str, query: str, with_notes: bool) -> str:
    """The export of the events ``query`` finds."""
    return render_events(eng, fmt, eng.search_events(query), query, with_notes)


def write_export(path: Path, text: str) -> None:
    """Write an export file atomically; a failure is one ``UserStoreError`` naming the path."""
    from .atomic import write_atomic
    from .errors import UserStoreError

    try:
        write_atomic(path, text)
    except OSError as exc:
        folder = Path(path).parent
        where = "" if folder.is_dir() and os.access(folder, os.W_OK) else " here"
        raise UserStoreError(f"cannot write{where}: {exc.strerror or exc}", path) from None
