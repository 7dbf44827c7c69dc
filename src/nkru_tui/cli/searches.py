"""Saved searches from the command line: ``search --save NAME QUERY``, ``search @NAME``,
``searches [--json]`` and ``searches --delete NAME``. They live in the user layer."""

from __future__ import annotations

import sys

from ..core.errors import EXIT_NOT_FOUND, EXIT_OK
from ..core.query import parse_query
from ..core.saved import check_name, expand


def _lookup(ctx):
    """A name -> query function over the user's saved searches (none if no store yet)."""
    from ..paths import default_user_db_path

    path = ctx.user_db_path or default_user_db_path()
    if not path.exists():
        return lambda name: None
    layer = ctx.user_layer()
    return layer.get_search


def expand_query(ctx, query: str) -> str:
    """``query`` with its ``@name``s replaced by the saved queries (QueryError if unknown)."""
    return expand(query, _lookup(ctx)) if "@" in query else query


def save_search(ctx, name: str, query: str) -> None:
    name = check_name(name)
    parse_query(query)  # a query that does not parse is not saved
    ctx.user_layer().save_search(name, query)
    print(f"saved @{name}: {query or '(all events)'}", file=sys.stderr)


def cmd_searches(ctx) -> int:
    from ..paths import default_user_db_path

    path = ctx.user_db_path or default_user_db_path()
    if ctx.args.delete:
        name = ctx.args.delete.removeprefix("@")
        if not path.exists() or not ctx.user_layer().delete_search(name):
            print(f"nkru-tui: no saved search @{name}", file=sys.stderr)
            return EXIT_NOT_FOUND
        print(f"deleted @{name}", file=sys.stderr)
        return EXIT_OK
    found = ctx.user_layer().saved_searches() if path.exists() else []
    if ctx.args.json:
        ctx.print_json([{"name": d["name"], "query": d.get("query", "")} for d in found])
        return EXIT_OK
    if not found:
        print(
            "no saved searches (save one with: nkru-tui search --save NAME QUERY)", file=sys.stderr
        )
        return EXIT_OK
    from .main import table, write_out

    rows = ([f"@{d['name']}", d.get("query") or "(all events)"] for d in found)
    write_out(table(rows, [24, None]))
    return EXIT_OK


def register(sub, common) -> None:
    p = sub.add_parser(
        "searches",
        parents=[common],
        help="list your saved searches (recall one as @NAME in a query), or delete one",
    )
    p.add_argument("--json", action="store_true", help="a JSON array of {name, query}")
    p.add_argument("--delete", metavar="NAME", help="delete the search saved as NAME")
    p.set_defaults(handler=cmd_searches)


__all__ = ["expand_query", "register", "save_search"]
