"""`nkru-tui export` and `nkru-tui import`."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .core.errors import EXIT_OK, NkruError, UserStoreError


def render_export(eng, fmt: str, query: str, with_notes: bool) -> str:
    return render_events(eng, fmt, eng.search_events(query), query, with_notes)


def render_events(eng, fmt: str, events: list[dict], query: str, with_notes: bool) -> str:
    """The export of ``events`` (the results of ``query``) in ``fmt``: md, csv or json."""
    from .core import exporting

    if fmt == "md":
        return exporting.to_markdown(eng, events, query, with_notes)
    rows = exporting.collect(eng, events, with_notes)
    return exporting.to_json(rows) if fmt == "json" else exporting.to_csv(rows)


def write_file_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a reader never sees half a file."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UserStoreError(f"cannot write here: {exc.strerror or exc}", path) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise UserStoreError(f"cannot write: {exc.strerror or exc}", path) from None


def cmd_export(ctx) -> int:
    eng = ctx.engine()
    query = " ".join(ctx.args.query)
    events = eng.search_events(query)
    text = render_events(eng, ctx.args.format, events, query, ctx.args.with_notes)
    if ctx.args.output and ctx.args.output != "-":
        write_file_atomic(Path(ctx.args.output), text)
        print(f"exported {len(events)} event(s) to {ctx.args.output}", file=sys.stderr)
    else:
        from .cli import write_out

        write_out(text)
    return EXIT_OK


def cmd_import(ctx) -> int:
    from .core import exporting

    path = Path(ctx.args.file)
    eng = ctx.engine()
    try:
        items, problems = exporting.read_import(path)
        records = exporting.validate_import(eng, items, path, problems)
    except exporting.ImportInvalid as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        print(f"nkru-tui: {exc}", file=sys.stderr)
        return exc.exit_code
    counts = exporting.summarize(records)
    what = ", ".join(f"{n} {t}" for t, n in counts.items() if n)
    if ctx.args.dry_run:
        for table, rec in records:
            label = rec.get("title") or rec.get("name") or rec.get("type") or ""
            print(f"would add {table[:-1]} {rec['id']}: {label}")
        print(f"dry run: would import {what or 'nothing'}; nothing was written")
        return EXIT_OK
    if not records:
        print("nothing to import")
        return EXIT_OK
    layer = ctx.user_layer()
    layer.add_records(records)
    print(f"imported {what} into {layer.path}")
    return EXIT_OK


def register(sub, common) -> None:
    p = sub.add_parser(
        "export", parents=[common],
        help="export matching events with citations (csv, json or a Markdown brief)",
    )
    p.add_argument("query", nargs="*", help="query (empty: all events)")
    p.add_argument("--format", "-f", choices=("csv", "json", "md"), default="md")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    p.add_argument("--with-notes", action="store_true", help="include your notes")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser(
        "import", parents=[common],
        help="add events, actors, relations and sources from a JSON or CSV file to your layer",
    )
    p.add_argument("file", help="FILE.json or FILE.csv (an export of nkru-tui imports back)")
    p.add_argument("--dry-run", action="store_true", help="show what would be added; write nothing")
    p.set_defaults(handler=cmd_import)


__all__ = ["register", "render_events", "render_export", "write_file_atomic", "NkruError"]
