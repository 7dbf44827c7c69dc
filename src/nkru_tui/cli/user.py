"""The analyst's own layer from the command line: notes, bookmarks, records they add.

Every write is acknowledged (exit 0, a line on stdout) only once it is on disk.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from ..core import schema
from ..core.errors import EXIT_OK, NotFound, StoreInvalid, UsageError
from ..core.store import validate_record


def _require_record(ctx, rid: str) -> dict:
    eng = ctx.engine()
    if eng.kind_of(rid) is None:
        from .main import _not_found

        raise _not_found(eng, rid)
    return eng.get(rid)


def _label(eng, rid: str) -> str:
    rec = eng.get(rid) or {}
    return rec.get("title") or rec.get("name") or rid


def _note_text(words: list[str]) -> str:
    """The note from the arguments, or from standard input if none (or ``-``) were given."""
    text = " ".join(words)
    if not words or text == "-":
        text = sys.stdin.read().rstrip("\n")
    return text


def cmd_note(ctx) -> int:
    a = ctx.args
    layer = ctx.user_layer()
    if a.delete is not None:
        if a.words or a.edit is not None:
            raise UsageError("note --delete NOTE_ID takes nothing else")
        _require_note(layer, a.delete)
        gone = layer.remove_note(a.delete)
        print(f"deleted note {gone['id']} on {gone['target']} from {layer.path}")
        return EXIT_OK
    if a.edit is not None:
        _require_note(layer, a.edit)
        text = _note_text(a.words)
        if not text.strip():
            raise UsageError("the new text is empty (to remove the note: note --delete NOTE_ID)")
        note = layer.edit_note(a.edit, text)
        print(f"saved note {note['id']} on {note['target']} to {layer.path}")
        return EXIT_OK
    if not a.words:
        raise UsageError("which record? nkru-tui note ID TEXT (or --edit / --delete NOTE_ID)")
    rid, words = a.words[0], a.words[1:]
    _require_record(ctx, rid)
    text = _note_text(words)
    if not text.strip():
        raise UsageError("the note is empty; nothing was saved")
    note = layer.add_note(rid, text)
    count = len(layer.list_notes(rid))
    more = f" ({count} notes on it)" if count > 1 else ""
    print(f"saved the note on {rid} as {note['id']}{more} to {layer.path}")
    return EXIT_OK


def _require_note(layer, note_id: str) -> None:
    if layer.get_note_by_id(note_id) is not None:
        return
    on_record = layer.list_notes(note_id)
    if on_record:
        ids = ", ".join(n["id"] for n in on_record)
        raise NotFound(
            f"{note_id!r} is a record, not a note; its notes are {ids} (give one of those)"
        )
    raise NotFound(f"there is no note with the id {note_id!r} (nkru-tui notes lists them)")


def cmd_notes(ctx) -> int:
    eng = ctx.engine()
    snap = eng.user
    rid = ctx.args.id
    if rid is not None and eng.kind_of(rid) is None and rid not in snap.note_list:
        from .main import _not_found

        raise _not_found(eng, rid)
    rows = []
    for target, notes in snap.note_list.items():
        if rid is not None and target != rid:
            continue
        for n in notes:
            rows.append(dict(n, title=_label(eng, target), kind=eng.kind_of(target)))
    rows.sort(key=lambda r: r.get("created") or "")
    from .main import emit_list, note_time

    empty = (
        f"no notes on {rid} yet (nkru-tui note {rid} TEXT)"
        if rid
        else "no notes yet (nkru-tui note ID TEXT)"
    )
    return emit_list(
        ctx,
        rows,
        empty,
        lambda r: [r["id"], r["target"], note_time(r)[:16], r["text"].replace("\n", " ⏎ ")],
        [9, 24, 16, None],
    )


def cmd_bookmark(ctx) -> int:
    rid = ctx.args.id
    _require_record(ctx, rid)
    on = ctx.user_layer().toggle_bookmark(rid)
    print(("bookmarked " if on else "removed the bookmark on ") + rid)
    return EXIT_OK


def cmd_bookmarks(ctx) -> int:
    eng = ctx.engine()
    marks = sorted(eng.user.bookmarks)
    rows = [{"id": m, "kind": eng.kind_of(m), "title": _label(eng, m)} for m in marks]
    from .main import emit_list

    return emit_list(
        ctx,
        rows,
        "no bookmarks yet (nkru-tui bookmark ID)",
        lambda r: [r["id"], r["kind"] or "?", r["title"]],
        [34, 8, None],
    )


# ------------------------------------------------------------------------------ records

TABLES = {"event": "events", "actor": "actors", "relation": "relations", "source": "sources"}


def _split_actor(spec: str) -> dict:
    aid, _, role = spec.partition(":")
    out: dict[str, Any] = {"id": aid.strip()}
    if role.strip():
        out["role"] = role.strip()
    return out


def _split_evidence(spec: str) -> dict:
    src, sep, quote = spec.partition(":")
    if not sep:
        raise UsageError(f"--evidence needs SOURCE_ID:QUOTE, not {spec!r}")
    return {"source": src.strip(), "quote": quote.strip()}


def _split_figure(spec: str) -> dict:
    """'[QUALIFIER] VALUE UNIT:WHAT IT COUNTS', e.g. 'at_least 10 groups:tourist groups'."""
    qualifier = None
    head, _, tail = spec.strip().partition(" ")
    if head in schema.FIGURE_QUALIFIERS:
        qualifier, spec = head, tail
    value, _, rest = spec.strip().partition(" ")
    unit, _, counts = rest.partition(":")
    try:
        num: Any = float(value) if "." in value else int(value)
    except ValueError:
        raise UsageError(
            f"--figure needs '[QUALIFIER] VALUE UNIT:WHAT IT COUNTS', not {spec!r}"
        ) from None
    fig: dict[str, Any] = {"value": num, "unit": unit.strip(), "counts": counts.strip()}
    if qualifier is not None:
        fig["qualifier"] = qualifier
    return fig


def record_from_flags(kind: str, a) -> dict[str, Any]:
    """The record the flags describe; only flags that were given appear."""
    rec: dict[str, Any] = {}
    simple = [
        "id",
        "date",
        "end_date",
        "latest",
        "season",
        "date_note",
        "inferred_note",
        "title",
        "summary",
        "status",
        "type",
        "name",
        "country",
        "description",
        "subject",
        "object",
        "note",
        "origin",
    ]
    for key in simple:
        v = getattr(a, key, None)
        if v is not None:
            rec[key] = v
    if getattr(a, "kind_field", None):
        rec["kind"] = a.kind_field
    if getattr(a, "source_file", None):
        rec["file"] = a.source_file
    if getattr(a, "rel_type", None):
        rec["type"] = a.rel_type
    if getattr(a, "date_inferred", False):
        rec["date_inferred"] = True
    if getattr(a, "inferred_note", None) is not None:
        rec["inferred"] = True
    if getattr(a, "sector", None):
        rec["sectors"] = a.sector
    if getattr(a, "actor", None):
        rec["actors"] = [_split_actor(s) for s in a.actor]
    if getattr(a, "place", None):
        rec["places"] = a.place
    if getattr(a, "alias", None):
        rec["aliases"] = a.alias
    if getattr(a, "figure", None):
        rec["figures"] = [_split_figure(s) for s in a.figure]
    if getattr(a, "evidence", None):
        rec["evidence"] = [_split_evidence(s) for s in a.evidence]
    if kind == "event":
        rec.setdefault("actors", [])
        rec.setdefault("places", [])
        rec.setdefault("figures", [])
    return rec


def _records_from_file(path: Path, table: str) -> list[dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise UsageError(f"{path}: not valid JSON: {str(exc).splitlines()[0]}") from None
    items = data if isinstance(data, list) else [data]
    if not all(isinstance(x, dict) for x in items):
        raise UsageError(f"{path}: expected a JSON object or a list of objects")
    return items


def _all_problems(fn):
    """Run a write; on invalid input list every problem, then the one-line summary."""

    def run(ctx) -> int:
        try:
            return fn(ctx)
        except StoreInvalid as exc:
            if len(exc.problems) > 1:
                for p in exc.problems:
                    print(str(p), file=sys.stderr)
            print(f"nkru-tui: {exc}; nothing was saved", file=sys.stderr)
            return exc.exit_code

    return run


@_all_problems
def cmd_add(ctx) -> int:
    a = ctx.args
    table = TABLES[a.kind]
    recs = _records_from_file(Path(a.file), table) if a.file else [record_from_flags(a.kind, a)]
    layer = ctx.user_layer()
    from .sources import verify_evidence  # quotes on sources with kept text are anchored

    code = verify_evidence(ctx, table, recs, accept_close=a.accept_close)
    if code:
        return code
    for rec in recs:
        if a.kind == "event":
            for key in ("actors", "places", "figures"):
                rec.setdefault(key, [])
        saved = layer.add_record(table, rec, validator=validate_record)
        print(f"added {a.kind} {saved['id']} to {layer.path}")
    return EXIT_OK


@_all_problems
def cmd_edit(ctx) -> int:
    a = ctx.args
    layer = ctx.user_layer()
    current = layer.get_record(a.id)
    kind = "event"
    if current is not None:
        for k, t in TABLES.items():
            if any(r.get("id") == a.id for r in layer.records(t)):
                kind = k
    changes = record_from_flags(kind, a)
    if kind == "event":
        for key in ("actors", "places", "figures"):
            if current is not None and key in current and changes.get(key) == []:
                changes.pop(key)
    changes.pop("id", None)
    for key in a.unset or []:
        changes[key] = None
    if not changes:
        raise UsageError("nothing to change: give flags such as --title or --unset FIELD")
    if changes.get("evidence"):
        from .sources import verify_evidence

        probe = dict(changes, id=a.id)
        code = verify_evidence(ctx, TABLES[kind], [probe], accept_close=a.accept_close)
        if code:
            return code
        changes["evidence"] = probe["evidence"]
    saved = layer.update_record(a.id, changes, validator=validate_record)
    print(f"updated {saved['id']} in {layer.path}")
    return EXIT_OK


def cmd_delete(ctx) -> int:
    layer = ctx.user_layer()
    gone = layer.delete_record(ctx.args.id)
    print(f"deleted {gone.get('id', ctx.args.id)} from {layer.path}")
    return EXIT_OK


def _record_flags(p) -> None:
    p.add_argument("--date", help="YYYY, YYYY-MM or YYYY-MM-DD")
    p.add_argument("--end-date", dest="end_date", help="a span: it lasted until this date")
    p.add_argument(
        "--latest",
        help="a window: it happened once, at some time between --date and this date",
    )
    p.add_argument("--season", help=f"with a year-only --date: {', '.join(schema.SEASONS)}")
    p.add_argument(
        "--inferred-note",
        dest="inferred_note",
        help="mark the record inferred: what it reads into its source, and why",
    )
    p.add_argument("--date-inferred", action="store_true", help="the date is inferred")
    p.add_argument("--date-note", dest="date_note", help="how an inferred date was inferred")
    p.add_argument("--title")
    p.add_argument("--summary")
    p.add_argument("--sector", action="append", help=f"repeatable: {', '.join(schema.SECTORS)}")
    p.add_argument("--actor", action="append", metavar="ID[:ROLE]", help="repeatable")
    p.add_argument("--place", action="append", metavar="ID", help="repeatable")
    p.add_argument(
        "--figure",
        action="append",
        metavar="'[QUALIFIER] VALUE UNIT:COUNTS'",
        help=f"repeatable; QUALIFIER one of {', '.join(schema.FIGURE_QUALIFIERS)}",
    )
    p.add_argument("--status", help=", ".join(schema.STATUSES))
    p.add_argument("--type", help=", ".join(schema.EVENT_TYPES))
    p.add_argument(
        "--evidence",
        action="append",
        metavar="SOURCE:QUOTE",
        help="repeatable; a quote on a source with kept text is verified in it",
    )
    p.add_argument(
        "--accept-close",
        dest="accept_close",
        action="store_true",
        help="accept --evidence quotes at least 95%% similar, marked for review",
    )
    p.add_argument("--name")
    p.add_argument("--kind", dest="kind_field", help=", ".join(schema.ACTOR_KINDS))
    p.add_argument("--country", help=", ".join(schema.COUNTRIES))
    p.add_argument("--alias", action="append", help="repeatable")
    p.add_argument("--description")
    p.add_argument("--subject", help="relation: actor id")
    p.add_argument("--object", help="relation: actor id")
    p.add_argument("--rel-type", dest="rel_type", help=", ".join(schema.RELATION_TYPES))
    p.add_argument("--note", help="relation: a note")
    p.add_argument("--source-file", dest="source_file", help="source: the document's file name")
    p.add_argument("--origin", help="source: what it says of itself")


def register(sub, common) -> None:
    p = sub.add_parser(
        "note",
        parents=[common],
        help="add a note to an event or actor, or edit/delete one",
        description="nkru-tui note ID TEXT adds a note (a record may have many); "
        "note --edit NOTE_ID TEXT replaces one note's text; note --delete NOTE_ID removes one. "
        "Omit TEXT or give '-' to read it from standard input. nkru-tui notes lists note ids.",
    )
    p.add_argument("words", nargs="*", metavar="ID TEXT", help="the record's id, then the note")
    p.add_argument("--edit", metavar="NOTE_ID", help="replace the text of this note")
    p.add_argument("--delete", metavar="NOTE_ID", help="remove this note")
    p.set_defaults(handler=cmd_note)

    p = sub.add_parser("notes", parents=[common], help="list your notes with their ids")
    p.add_argument("id", nargs="?", help="only the notes on this record")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_notes)

    p = sub.add_parser("bookmark", parents=[common], help="bookmark a record, or remove it")
    p.add_argument("id")
    p.set_defaults(handler=cmd_bookmark)

    p = sub.add_parser("bookmarks", parents=[common], help="list your bookmarks")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_bookmarks)

    p = sub.add_parser(
        "add", parents=[common], help="add an event, actor, relation or source of your own"
    )
    p.add_argument("kind", choices=list(TABLES))
    p.add_argument("--id", help="a new id: lower-case letters, digits and '-'")
    p.add_argument(
        "--json-file",
        dest="file",
        metavar="FILE",
        help="read the record (or a list of them) from a JSON file",
    )
    _record_flags(p)
    p.set_defaults(handler=cmd_add)

    p = sub.add_parser("edit", parents=[common], help="change a record you added")
    p.add_argument("id")
    p.add_argument("--unset", action="append", metavar="FIELD", help="remove a field")
    _record_flags(p)
    p.set_defaults(handler=cmd_edit)

    p = sub.add_parser("delete", parents=[common], help="delete a record you added")
    p.add_argument("id")
    p.set_defaults(handler=cmd_delete)


__all__ = ["StoreInvalid", "record_from_flags", "register"]
