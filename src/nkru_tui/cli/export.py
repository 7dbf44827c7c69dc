"""`nkru-tui export` and `nkru-tui import`."""

from __future__ import annotations

import sys
from pathlib import Path

from ..core.errors import EXIT_OK
from ..core.exporting import render_events, write_export
from ..core.formats import FORMATS
from ..core.schema import SECTORS


def cmd_export(ctx) -> int:
    if ctx.args.format is None:
        from ..core.config import load

        settings = load()
        for line in settings.problems:
            print(f"nkru-tui: {line}", file=sys.stderr)
        ctx.args.format = settings.export_format
    eng = ctx.engine()
    query = " ".join(ctx.args.query)
    events = eng.search_events(query)
    text = render_events(eng, ctx.args.format, events, query, ctx.args.with_notes)
    if ctx.args.output and ctx.args.output != "-":
        write_export(Path(ctx.args.output), text)
        print(f"exported {len(events)} event(s) to {ctx.args.output}", file=sys.stderr)
    else:
        from .main import write_out

        write_out(text)
    return EXIT_OK


def _label(rec: dict) -> str:
    return str(rec.get("title") or rec.get("name") or rec.get("type") or "")


def cmd_import(ctx) -> int:
    from ..core import exporting

    path = Path(ctx.args.file)
    eng = ctx.engine()
    skipped: dict[str, int] = {}
    try:
        items, problems = exporting.read_import(path, ctx.args.sector, skipped)
        plan = exporting.validate_import(eng, items, path, problems, update=ctx.args.update)
    except exporting.ImportInvalid as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        print(f"nkru-tui: {exc}", file=sys.stderr)
        return exc.exit_code
    from .sources import verify_evidence  # quotes on sources with kept text are anchored

    for table, rec in plan:
        code = verify_evidence(ctx, table, [rec])
        if code:
            return code
    for sch, n in sorted(skipped.items()):
        print(f"left out {n} {sch} entit{'y' if n == 1 else 'ies'} (not imported)", file=sys.stderr)
    parts = []
    for label, records in (("new", plan.add), ("replaced", plan.replace)):
        counts = exporting.summarize(records)
        what = ", ".join(f"{n} {t}" for t, n in counts.items() if n)
        if what:
            parts.append(f"{what} {label}" if label == "replaced" else what)
    if plan.present:
        parts.append(f"{len(plan.present)} already present")
    summary = "; ".join(parts) or "nothing"
    if ctx.args.dry_run:
        for table, rec in plan.add:
            print(f"would add {table[:-1]} {rec['id']}: {_label(rec)}")
        for table, rec in plan.replace:
            print(f"would replace {table[:-1]} {rec['id']}: {_label(rec)}")
        print(f"dry run: would import {summary}; nothing was written")
        return EXIT_OK
    if not plan.add and not plan.replace:
        print(f"nothing to import: {summary}")
        return EXIT_OK
    layer = ctx.user_layer()
    layer.import_records(plan.add, plan.replace)
    print(f"imported {summary} into {layer.path}")
    return EXIT_OK


def register(sub, common) -> None:
    p = sub.add_parser(
        "export",
        parents=[common],
        help="export matching events with citations (" + ", ".join(FORMATS) + ")",
        description="Formats: " + "; ".join(f"{f.key}: {f.label}" for f in FORMATS.values()),
    )
    p.add_argument("query", nargs="*", help="query (empty: all events)")
    p.add_argument(
        "--format",
        "-f",
        choices=tuple(FORMATS),
        default=None,
        help="default: config.toml's export_format, else md",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    p.add_argument("--with-notes", action="store_true", help="include your notes")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser(
        "import",
        parents=[common],
        help="add events, actors, relations and sources from a JSON, CSV or FollowTheMoney "
        "file to your layer (re-running an import is safe)",
    )
    p.add_argument(
        "file",
        help="FILE.json, FILE.csv (an export of nkru-tui imports back) or FollowTheMoney JSON "
        "lines (Person, Organization, Company, PublicBody, Address, Event)",
    )
    p.add_argument("--dry-run", action="store_true", help="show what would be added; write nothing")
    p.add_argument(
        "--update",
        action="store_true",
        help="replace records of your own that the file changes (never curated ones)",
    )
    p.add_argument(
        "--sector",
        metavar="SECTOR",
        choices=tuple(SECTORS),
        help="for FollowTheMoney events that name none of our sectors in their keywords",
    )
    p.set_defaults(handler=cmd_import)


__all__ = ["register"]
