"""Reading and validating a store file (TinyDB's JSON layout).

``load_raw`` turns any unreadable file into a one-line ``StoreError``; ``validate`` lists every
problem at once, each naming table, record id and field.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date as _date
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import schema
from .control import control_message, find_controls
from .errors import EXIT_STORE_INVALID, StoreError, StoreInvalid

Raw = dict[str, dict[str, dict[str, Any]]]


def _loads(data: bytes) -> Any:
    try:  # orjson is optional: faster and leaner on large stores
        import orjson

        return orjson.loads(data)
    except ImportError:  # pragma: no cover - depends on the environment
        import json

        return json.loads(data)


def _utf8_problem(data: bytes) -> str:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"not UTF-8 text (bad byte at offset {exc.start})"
    return "not UTF-8 text"


def load_raw(path: str | Path, on_bytes: Callable[[bytes], None] | None = None) -> Raw:
    """Read ``path`` as a TinyDB JSON store; raise ``StoreError`` with one clear line.
    ``on_bytes`` is handed the file's bytes as read (e.g. to hash them)."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise StoreError(p, "no such file") from None
    except IsADirectoryError:
        raise StoreError(p, "is a directory, not a store file") from None
    except PermissionError:
        raise StoreError(p, "permission denied") from None
    except OSError as exc:
        raise StoreError(p, f"cannot read: {exc.strerror or exc}") from None
    if on_bytes is not None:
        on_bytes(data)
    if not data.strip():
        raise StoreError(p, "empty file, not a store")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        raw = _loads(data)
    except RecursionError:
        raise StoreError(p, "not a store: JSON nested too deeply") from None
    except UnicodeDecodeError as exc:
        raise StoreError(p, f"not UTF-8 text (bad byte at offset {exc.start})") from None
    except ValueError as exc:
        msg = str(exc).splitlines()[0] if str(exc) else "parse error"
        if "depth" in msg or "recursion" in msg:
            raise StoreError(p, "not a store: JSON nested too deeply") from None
        if "utf-8" in msg.lower() or "surrogate" in msg.lower():
            raise StoreError(p, _utf8_problem(data)) from None
        raise StoreError(p, f"not valid JSON: {msg}") from None
    del data  # the parsed records are all we keep
    if not isinstance(raw, dict):
        raise StoreError(
            p, f"not a store: top level is a JSON {type(raw).__name__}, expected an object"
        )
    return raw


# ---------------------------------------------------------------------------- dates


def parse_date(value: Any) -> tuple[int, int] | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` -> (first day, last day) as ordinals."""
    if not isinstance(value, str):
        return None
    return _parse_date(value)


@lru_cache(maxsize=131072)
def _parse_date(value: str) -> tuple[int, int] | None:
    m = schema.DATE_RE.match(value)
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if mo is None:
            return _date(y, 1, 1).toordinal(), _date(y, 12, 31).toordinal()
        month = int(mo)
        if d is None:
            last = calendar.monthrange(y, month)[1]
            return _date(y, month, 1).toordinal(), _date(y, month, last).toordinal()
        day = _date(y, month, int(d)).toordinal()
        return day, day
    except ValueError:
        return None


# ---------------------------------------------------------------------------- validation


class _Problems:
    def __init__(self, path: str | Path | None) -> None:
        self.path = path
        self.items: list[StoreError] = []

    def add(self, table: str, record: str | None, field: str | None, message: str) -> None:
        self.items.append(
            StoreError(
                self.path,
                message,
                table=table,
                record=record,
                field=field,
                exit_code=EXIT_STORE_INVALID,
            )
        )


def _is_str(v: Any) -> bool:
    return isinstance(v, str) and v.strip() != ""


def _str_list(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def _check_vocab(
    pr: _Problems, table: str, rid: str, field: str, value: Any, vocab: dict[str, str]
) -> None:
    if not isinstance(value, str) or value not in vocab:  # (a list or object: no TypeError)
        known = ", ".join(vocab)
        pr.add(table, rid, field, f"{value!r} is not one of: {known}")


_DATE_FORMS = "(YYYY, YYYY-MM or YYYY-MM-DD)"


def _check_dates(pr: _Problems, table: str, rid: str, rec: dict, required: bool) -> None:
    """``date`` (+ ``end_date`` for a span, or ``latest`` for a window, or ``season``)."""
    start = rec.get("date")
    end, latest, season = rec.get("end_date"), rec.get("latest"), rec.get("season")
    if start is None and not required:
        for f, v in (("end_date", end), ("latest", latest), ("season", season)):
            if v is not None:
                pr.add(table, rid, f, f"{f} given without date")
    else:
        rng = parse_date(start)
        if rng is None:
            pr.add(table, rid, "date", f"{start!r} is not a date {_DATE_FORMS}")
        for f, v in (("end_date", end), ("latest", latest)):
            if v is None:
                continue
            erng = parse_date(v)
            if erng is None:
                pr.add(table, rid, f, f"{v!r} is not a date {_DATE_FORMS}")
            elif rng is not None and erng[1] < rng[0]:
                pr.add(table, rid, f, f"{v} is before date {start}")
        if end is not None and latest is not None:
            pr.add(
                table,
                rid,
                "latest",
                "not together with end_date: end_date makes a span (it lasted from date to "
                "end_date), latest a window (it happened once, between date and latest)",
            )
        if season is not None:
            if not isinstance(season, str) or season not in schema.SEASONS:
                _check_vocab(pr, table, rid, "season", season, schema.SEASONS)
            elif not (isinstance(start, str) and len(start) == 4):
                pr.add(table, rid, "season", f'needs a year-only date ("2024"), not {start!r}')
            elif end is not None or latest is not None:
                pr.add(table, rid, "season", "goes with a single year: not with end_date or latest")
    inferred = rec.get("date_inferred", False)
    if not isinstance(inferred, bool):
        pr.add(table, rid, "date_inferred", "must be true or false")
    elif inferred and not _is_str(rec.get("date_note")):
        pr.add(table, rid, "date_note", "an inferred date needs a note saying how it was inferred")
    if rec.get("date_note") is not None and not isinstance(rec.get("date_note"), str):
        pr.add(table, rid, "date_note", "must be text")


def _check_inferred(pr: _Problems, table: str, rid: str, rec: dict) -> None:
    """``inferred: true`` + ``inferred_note``: the record reads into its source; say what."""
    inferred = rec.get("inferred", False)
    note = rec.get("inferred_note")
    if note is not None and not isinstance(note, str):
        pr.add(table, rid, "inferred_note", "must be text")
        return
    if not isinstance(inferred, bool):
        pr.add(table, rid, "inferred", "must be true or false")
    elif inferred:
        # Relations have long carried their reason in ``note``; keep accepting it.
        if not _is_str(note) and not (table == "relations" and _is_str(rec.get("note"))):
            pr.add(
                table,
                rid,
                "inferred_note",
                "an inferred record needs a note saying what is read into the source and why",
            )
    elif note is not None:
        pr.add(table, rid, "inferred_note", "given, but inferred is not true")


def _check_figure(pr: _Problems, rid: str, where: str, fig: dict) -> None:
    v: Any = fig.get("value")
    number = not isinstance(v, bool) and isinstance(v, (int, float))
    if not number:
        pr.add("events", rid, f"{where}.value", "must be a number")
    for f in ("unit", "counts"):
        if not _is_str(fig.get(f)):
            pr.add("events", rid, f"{where}.{f}", "missing or empty")
    approx = fig.get("approx")
    if approx is not None and not isinstance(approx, bool):
        pr.add("events", rid, f"{where}.approx", "must be true or false")
    q = fig.get("qualifier")
    if q is None:
        return
    if not isinstance(q, str) or q not in schema.FIGURE_QUALIFIERS:
        _check_vocab(pr, "events", rid, f"{where}.qualifier", q, schema.FIGURE_QUALIFIERS)
        return
    if approx is True and q != "about":
        pr.add(
            "events",
            rid,
            f"{where}.approx",
            f'true (read as "about") contradicts qualifier {q!r}; drop approx',
        )
    if q == "order" and number and not _power_of_ten(v):
        pr.add(
            "events",
            rid,
            f"{where}.value",
            f"{v!r} with qualifier 'order' must be a power of ten (10, 100, 1000, ...)",
        )


def _power_of_ten(v: float) -> bool:
    if not math.isfinite(v) or v != int(v) or v < 10:
        return False
    n = int(v)
    while n % 10 == 0:
        n //= 10
    return n == 1


def _check_evidence(pr: _Problems, table: str, rid: str, rec: dict, source_ids: set[str]) -> None:
    ev = rec.get("evidence")
    user = rec.get("user") is True
    if ev is None and user:
        return
    if not isinstance(ev, list) or (not ev and not user):
        pr.add(table, rid, "evidence", "must be a non-empty list of {source, quote}")
        return
    for i, item in enumerate(ev):
        f = f"evidence[{i}]"
        if not isinstance(item, dict):
            pr.add(table, rid, f, "must be an object {source, quote}")
            continue
        src, quote = item.get("source"), item.get("quote")
        if not _is_str(src):
            pr.add(table, rid, f + ".source", "missing source id")
        elif src not in source_ids:
            pr.add(table, rid, f + ".source", f"unknown source {src!r}")
        if not isinstance(quote, str):
            pr.add(table, rid, f + ".quote", "missing quote")
        elif not schema.QUOTE_MIN <= len(quote.strip()) <= schema.QUOTE_MAX:
            pr.add(
                table,
                rid,
                f + ".quote",
                f"quote must be {schema.QUOTE_MIN}..{schema.QUOTE_MAX} characters, "
                f"not {len(quote.strip())}",
            )


def _check_source(pr: _Problems, rid: str, rec: dict, ctx: dict) -> None:
    for f in ("title",):
        if not _is_str(rec.get(f)):
            pr.add("sources", rid, f, "missing or empty")
    if rec.get("user") is not True and not _is_str(rec.get("file")):
        pr.add("sources", rid, "file", "missing or empty")
    for f in ("file", "origin", "notes"):
        if f in rec and rec[f] is not None and not isinstance(rec[f], str):
            pr.add("sources", rid, f, "must be text")


def _check_actor(pr: _Problems, rid: str, rec: dict, ctx: dict) -> None:
    if not _is_str(rec.get("name")):
        pr.add("actors", rid, "name", "missing or empty")
    if "kind" not in rec:
        pr.add("actors", rid, "kind", "missing")
    else:
        _check_vocab(pr, "actors", rid, "kind", rec["kind"], schema.ACTOR_KINDS)
    c = rec.get("country")
    if c is not None:
        _check_vocab(pr, "actors", rid, "country", c, schema.COUNTRIES)
    if "aliases" in rec and not _str_list(rec["aliases"]):
        pr.add("actors", rid, "aliases", "must be a list of strings")
    if "description" in rec and not isinstance(rec["description"], str):
        pr.add("actors", rid, "description", "must be text")
    _check_inferred(pr, "actors", rid, rec)
    _check_evidence(pr, "actors", rid, rec, ctx["sources"])


def _check_event(pr: _Problems, rid: str, rec: dict, ctx: dict) -> None:
    for f in ("title", "summary"):
        if not _is_str(rec.get(f)):
            if f == "summary" and rec.get("user") is True and f not in rec:
                continue
            pr.add("events", rid, f, "missing or empty")
    _check_dates(pr, "events", rid, rec, required=True)
    sectors = rec.get("sectors")
    if not _str_list(sectors) or not sectors:
        pr.add("events", rid, "sectors", "must be a non-empty list of sectors")
    else:
        for s in sectors:
            _check_vocab(pr, "events", rid, "sectors", s, schema.SECTORS)
    actors = rec.get("actors", [])
    if not isinstance(actors, list):
        pr.add("events", rid, "actors", "must be a list of {id, role}")
    else:
        for i, a in enumerate(actors):
            aid = a.get("id") if isinstance(a, dict) else None
            if not isinstance(a, dict) or not isinstance(aid, str):
                pr.add("events", rid, f"actors[{i}]", "must be an object {id, role}")
            elif aid not in ctx["actors"]:
                pr.add("events", rid, f"actors[{i}].id", f"unknown actor {aid!r}")
            elif "role" in a and a["role"] is not None and not isinstance(a["role"], str):
                pr.add("events", rid, f"actors[{i}].role", "must be text")
    places = rec.get("places", [])
    if not _str_list(places):
        pr.add("events", rid, "places", "must be a list of place ids")
    else:
        for i, pid in enumerate(places):
            kind = ctx["actors"].get(pid)
            if kind is None:
                pr.add("events", rid, f"places[{i}]", f"unknown place {pid!r}")
            elif kind != "place":
                pr.add("events", rid, f"places[{i}]", f"{pid!r} is a {kind}, not a place")
    figures = rec.get("figures", [])
    if not isinstance(figures, list):
        pr.add("events", rid, "figures", "must be a list of {value, unit, counts}")
    else:
        for i, fig in enumerate(figures):
            if not isinstance(fig, dict):
                pr.add("events", rid, f"figures[{i}]", "must be an object {value, unit, counts}")
            else:
                _check_figure(pr, rid, f"figures[{i}]", fig)
    if rec.get("status") is not None:
        _check_vocab(pr, "events", rid, "status", rec["status"], schema.STATUSES)
    if rec.get("type") is not None:
        _check_vocab(pr, "events", rid, "type", rec["type"], schema.EVENT_TYPES)
    _check_inferred(pr, "events", rid, rec)
    _check_evidence(pr, "events", rid, rec, ctx["sources"])


def _event_is_fine(rec: dict, ctx: dict) -> bool:
    """True only when ``_check_event`` would find nothing wrong with ``rec``: the same rules
    for an ordinary event in one pass with no problem list, so most events of a large store
    are checked at a fraction of the cost. Anything unusual (a user's record, a value of the
    wrong type, any doubt) answers False, and the full check then says what is wrong, with
    its messages. (tests/test_store_fastpath.py: never True where the full check objects.)"""
    try:
        for f in ("title", "summary"):
            v = rec.get(f)
            if not isinstance(v, str) or not v.strip():
                return False
        start = rec.get("date")
        rng = parse_date(start)
        if rng is None:
            return False
        end, latest, season = rec.get("end_date"), rec.get("latest"), rec.get("season")
        if end is not None or latest is not None:
            if end is not None and latest is not None:
                return False
            other = parse_date(end if end is not None else latest)
            if other is None or other[1] < rng[0]:
                return False
        if season is not None and not (
            isinstance(season, str)
            and season in schema.SEASONS
            and isinstance(start, str)
            and len(start) == 4
            and end is None
            and latest is None
        ):
            return False
        inferred, note = rec.get("date_inferred", False), rec.get("date_note")
        if note is not None and not isinstance(note, str):
            return False
        if inferred is True:
            if not (isinstance(note, str) and note.strip()):
                return False
        elif inferred is not False:
            return False
        sectors = rec.get("sectors")
        if type(sectors) is not list or not sectors:
            return False
        if not all(map(schema.SECTORS.__contains__, sectors)):  # only a str equals a key
            return False
        kinds = ctx["actors"]
        actors = rec.get("actors", [])
        if type(actors) is not list:
            return False
        for a in actors:
            if type(a) is not dict:
                return False
            aid, role = a.get("id"), a.get("role")
            if not isinstance(aid, str) or aid not in kinds:
                return False
            if role is not None and not isinstance(role, str):
                return False
        places = rec.get("places", [])
        if type(places) is not list:
            return False
        for pid in places:
            if not isinstance(pid, str) or kinds.get(pid) != "place":
                return False
        figures = rec.get("figures", [])
        if type(figures) is not list:
            return False
        for fig in figures:
            if type(fig) is not dict:
                return False
            v = fig.get("value")
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                return False
            if not (_is_str(fig.get("unit")) and _is_str(fig.get("counts"))):
                return False
            approx, q = fig.get("approx"), fig.get("qualifier")
            if approx is not None and approx is not True and approx is not False:
                return False
            if q is not None and not (
                isinstance(q, str)
                and q in schema.FIGURE_QUALIFIERS
                and (approx is not True or q == "about")
                and (q != "order" or _power_of_ten(v))
            ):
                return False
        for f, vocab in (("status", schema.STATUSES), ("type", schema.EVENT_TYPES)):
            v = rec.get(f)
            if v is not None and not (isinstance(v, str) and v in vocab):
                return False
        inferred, note = rec.get("inferred", False), rec.get("inferred_note")
        if inferred is True:
            if not (isinstance(note, str) and note.strip()):
                return False
        elif inferred is not False or note is not None:
            return False
        evidence = rec.get("evidence")
        if type(evidence) is not list or not evidence:
            return False
        sources = ctx["sources"]
        for item in evidence:
            if type(item) is not dict:
                return False
            src, quote = item.get("source"), item.get("quote")
            if not isinstance(src, str) or not src.strip() or src not in sources:
                return False
            if not isinstance(quote, str):
                return False
            if not schema.QUOTE_MIN <= len(quote.strip()) <= schema.QUOTE_MAX:
                return False
    except (TypeError, ValueError, OverflowError):  # an unhashable value, a huge number...
        return False
    return True


def _check_relation(pr: _Problems, rid: str, rec: dict, ctx: dict) -> None:
    if "type" not in rec:
        pr.add("relations", rid, "type", "missing")
    else:
        _check_vocab(pr, "relations", rid, "type", rec["type"], schema.RELATION_TYPES)
    for f in ("subject", "object"):
        v = rec.get(f)
        if not isinstance(v, str):
            pr.add("relations", rid, f, "missing actor id")
        elif v not in ctx["actors"]:
            pr.add("relations", rid, f, f"unknown actor {v!r}")
    _check_dates(pr, "relations", rid, rec, required=False)
    _check_inferred(pr, "relations", rid, rec)
    _check_evidence(pr, "relations", rid, rec, ctx["sources"])


_CHECKERS: dict[str, Callable[[_Problems, str, dict, dict], None]] = {
    "sources": _check_source,
    "actors": _check_actor,
    "events": _check_event,
    "relations": _check_relation,
}


def iter_records(raw: Raw, table: str) -> Iterator[tuple[str, Any]]:
    rows = raw.get(table)
    if isinstance(rows, dict):
        yield from rows.items()


# In a record written as JSON by orjson, a control character can only appear as an escape
# (\uXXXX, \b, \t, \n, \f, \r), DEL or a C1 character as its UTF-8 bytes. A record whose
# JSON holds none of these has no control character anywhere (keys included): walking its
# fields one by one (a few dozen strings per event) is skipped. ``\\n`` (an escaped
# backslash, then n) matches too: that only costs the walk.
_MAY_HOLD_CONTROL = re.compile(rb"\\[ubtnfr]|\x7f|\xc2[\x80-\x9f]")


def _may_hold_controls(rec: dict, as_json: bytes | None = None) -> bool:
    try:
        import orjson

        data = as_json if as_json is not None else orjson.dumps(rec)
        return _MAY_HOLD_CONTROL.search(data) is not None
    except (ImportError, TypeError, ValueError):  # not plain JSON data: walk it
        return True


def _check_controls(
    pr: _Problems, table: str, rid: str, rec: dict, as_json: bytes | None = None
) -> None:
    """Control characters (ESC, BEL, C1...) would reach a terminal as commands: refused in
    every field; newline and tab only in long text (core/control.py)."""
    if not _may_hold_controls(rec, as_json):
        return
    for field, ch, long_text in find_controls(rec):
        if field != "id":  # the id rule already refuses them
            pr.add(table, rid, field, control_message(ch, long_text))


class Validator:
    """``validate`` one record at a time, in the same order of checks, with the same
    messages: the in-memory load gives it a whole parsed store (``validate``), the streaming
    index build (core/diskbuild.py) each record as it reads it, in whatever order. Each
    problem is kept with a key (phase, table, record's place in its table), so ``problems()``
    lists them exactly as ``validate`` would, however the records came.

    Phases: 0 the top level (tables, meta), 1 ids (valid, unique), 2 each record's fields.
    Only the ``keep`` first problems (by that order) are kept; ``count`` counts them all.
    """

    def __init__(self, path: str | Path | None, keep: int | None = None) -> None:
        self.pr = _Problems(path)
        self.keep = keep
        self.count = 0
        self._keyed: list[tuple[tuple[int, int, int], int, StoreError]] = []
        # id -> table of every record that passed the first pass (``seen`` of validate);
        # a streaming build keeps events out of it (``first(..., remember=False)``)
        self.seen: dict[str, str] = {}
        self.ctx: dict[str, Any] = {"sources": set(), "actors": {}}

    def _collect(self, key: tuple[int, int, int]) -> None:
        new, self.pr.items = self.pr.items, []
        for err in new:
            self.count += 1
            self._keyed.append((key, self.count, err))
        if self.keep is not None and len(self._keyed) > 4 * self.keep:
            self._keyed = sorted(self._keyed, key=lambda t: (t[0], t[1]))[: self.keep]

    def top(self, tables: list[tuple[str, bool]], meta: Any) -> None:
        """The top level: ``tables`` as (name, is an object) in the file's order, and the
        meta record (the first object in the meta table), if any."""
        pr = self.pr
        names = {name for name, _ in tables}
        for table in ("sources", "actors", "events"):
            if table not in names:
                pr.add(table, None, None, "table missing")
        for table, is_obj in tables:
            if table not in schema.TABLES and table != "_default":
                pr.add(table, None, None, f"unknown table (known: {', '.join(schema.TABLES)})")
            elif not is_obj:
                pr.add(table, None, None, "table must be an object of records")
        if meta is not None:
            ver = meta.get("schema")
            if not isinstance(ver, int) or isinstance(ver, bool):
                pr.add("meta", None, "schema", "must be a whole number")
            elif ver > schema.SCHEMA_VERSION:
                pr.add(
                    "meta",
                    None,
                    "schema",
                    f"store is schema {ver}, newer than this nkru-tui understands "
                    f"({schema.SCHEMA_VERSION}); upgrade nkru-tui",
                )
        self._collect((0, 0, 0))

    def first(
        self,
        table: str,
        doc_id: str,
        rec: Any,
        seq: int,
        also_in: str | None = None,
        remember: bool = True,
    ) -> str | None:
        """The first pass over one record (``seq``: its place in its table): an object with a
        valid id not used before (``also_in``: the table that has it already, when the caller
        knows it from elsewhere). Its id, or None when it is not checked any further."""
        pr = self.pr
        key = (1, _TABLE_ORDER[table], seq)
        label = f"#{doc_id}"
        if not isinstance(rec, dict):
            pr.add(table, label, None, "record must be an object")
            self._collect(key)
            return None
        rid = rec.get("id")
        if not isinstance(rid, str) or not schema.ID_RE.match(rid):
            pr.add(
                table,
                label,
                "id",
                f"{rid!r} is not a valid id (lower-case letters, digits and '-')",
            )
            self._collect(key)
            return None
        other = self.seen.get(rid) or also_in
        if other is not None:
            pr.add(table, rid, "id", f"duplicate id (also in {other})")
            self._collect(key)
            return None
        if remember:
            self.seen[rid] = table
        if table == "sources":
            self.ctx["sources"].add(rid)
        elif table == "actors":
            self.ctx["actors"][rid] = rec.get("kind")
        return rid

    def check(
        self, table: str, rid: str, rec: dict, seq: int, as_json: bytes | None = None
    ) -> None:
        """Every field of a record that passed ``first`` (``as_json``: the record as orjson
        wrote it, if the caller has it: the control-character check reads it)."""
        if table != "events" or not _event_is_fine(rec, self.ctx):
            _CHECKERS[table](self.pr, rid, rec, self.ctx)
        _check_controls(self.pr, table, rid, rec, as_json)
        if self.pr.items:
            self._collect((2, _TABLE_ORDER[table], seq))

    def problems(self) -> list[StoreError]:
        """The problems found, in ``validate``'s order (at most ``keep`` of them)."""
        got = sorted(self._keyed, key=lambda t: (t[0], t[1]))
        if self.keep is not None:
            got = got[: self.keep]
        return [err for _, _, err in got]


_TABLE_ORDER = {t: i for i, t in enumerate(_CHECKERS)}


def validate(
    raw: Any,
    path: str | Path | None = None,
    *,
    strict: bool = False,
    seeds: Path | None = None,
) -> list[StoreError]:
    """Every problem in ``raw``, each naming its table, record id and field.

    ``strict`` adds the curation rules of core/curation.py (the build applies them); with
    ``seeds`` (the folder of source texts) they include verbatim quotes and copied wording.
    """
    v = Validator(path)
    if not isinstance(raw, dict):
        v.pr.add("", None, None, "top level must be a JSON object of tables")
        return v.pr.items
    meta = next((r for _, r in iter_records(raw, "meta") if isinstance(r, dict)), None)
    v.top([(table, isinstance(rows, dict)) for table, rows in raw.items()], meta)
    # First pass: ids, uniqueness, and what later references need.
    good: dict[str, list[tuple[str, dict]]] = {t: [] for t in _CHECKERS}
    for table in _CHECKERS:
        for seq, (doc_id, rec) in enumerate(iter_records(raw, table)):
            rid = v.first(table, doc_id, rec, seq)
            if rid is not None:
                good[table].append((rid, rec))
    for table, rows in good.items():
        for seq, (rid, rec) in enumerate(rows):
            v.check(table, rid, rec, seq)
    problems = v.problems()
    if strict:
        from .curation import check_strict

        pr = _Problems(path)
        pr.items = problems
        check_strict(pr, raw, good, seeds)
        problems = pr.items
    return problems


def validate_record(
    table: str,
    record: dict,
    *,
    known_ids: dict[str, set[str]],
    actor_kinds: dict[str, str],
    path: str | Path | None = None,
) -> list[StoreError]:
    """Check one record (e.g. a user-added one) against the store it will join.

    ``known_ids`` maps table -> ids already present (curated and user); ``actor_kinds`` maps
    actor id -> kind. The record's own id must be new.
    """
    pr = _Problems(path)
    if table not in _CHECKERS:
        pr.add(table, None, None, f"cannot add to table {table!r}")
        return pr.items
    if not isinstance(record, dict):
        pr.add(table, None, None, "record must be an object")
        return pr.items
    rid = record.get("id")
    if not isinstance(rid, str) or not schema.ID_RE.match(rid):
        pr.add(
            table, str(rid), "id", f"{rid!r} is not a valid id (lower-case letters, digits, '-')"
        )
        return pr.items
    for t, ids in known_ids.items():
        if rid in ids:
            pr.add(table, rid, "id", f"id already used in {t}")
    kinds: dict[str, Any] = dict(actor_kinds)
    if table == "actors":
        kinds[rid] = record.get("kind")
    ctx = {"sources": set(known_ids.get("sources", ())), "actors": kinds}
    _CHECKERS[table](pr, rid, record, ctx)
    _check_controls(pr, table, rid, record)
    return pr.items


def check(raw: Any, path: str | Path | None) -> None:
    problems = validate(raw, path)
    if problems:
        raise StoreInvalid(path, problems)


def records(raw: Raw, table: str) -> Iterable[dict]:
    return (rec for _, rec in iter_records(raw, table) if isinstance(rec, dict))
