"""The command line: the TUI with no subcommand, and non-interactive commands for scripts.

Every failure a user can cause ends in one line on stderr and a documented exit code, never a
traceback. Textual is imported only when the TUI is started.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..core.errors import EXIT_OK, NkruError, NotFound
from ..paths import ENV_DB, ENV_USER_DB
from .output import (  # noqa: F401 - re-exported: other cli modules import them from here
    cells,
    clip,
    dumps_pretty,
    json_array_chunks,
    json_array_of,
    safe_streams,
    say,
    table,
    term_safe,
    term_width,
    write_bytes,
    write_json,
    write_out,
)

if TYPE_CHECKING:
    import argparse

    from ..core.engine import Engine
    from ..core.userlayer import UserLayer

EXIT_NO_TERMINAL = 6

EPILOG = """\
Query language: words are ANDed, case- and accent-insensitive, and match word starts;
qualifiers narrow by field. Example: nkru-tui search 'sector:tourism year:2024 -rason'
{query_help}

Stores: --db PATH or ${env_db} picks the curated store (default: the packaged one);
--user-db PATH or ${env_user_db} picks your notes and bookmarks store
(default: {user_db}).

Exit codes: 0 ok, 1 not found, 2 usage or bad query, 3 store missing or unreadable,
4 store invalid, 5 user store could not be written, 6 no terminal for the TUI.
"""


class Context:
    """What a command handler needs: the parsed args and lazily loaded stores."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._engine: Engine | None = None
        self._user_applied = False
        self._layer: UserLayer | None = None

    @property
    def db_path(self) -> Path | None:
        db = getattr(self.args, "db", None)
        return Path(db) if db else None

    @property
    def user_db_path(self) -> Path | None:
        p = getattr(self.args, "user_db", None)
        return Path(p) if p else None

    def engine(self, with_user: bool = True):
        """The curated store's engine; ``with_user``: with the user's own records, notes and
        bookmarks laid over it (also when it was first loaded without them)."""
        if self._engine is None:
            from ..core.engine import Engine

            self._engine = Engine.load(self.db_path)
        if with_user and not self._user_applied:
            self._user_applied = True
            snap = self.user_snapshot()
            if snap is not None:
                self._engine.set_user(snap)
        return self._engine

    def user_layer(self):
        """The user's own store, opened (and created) for writing, guarded by the curated
        store's ids (read-only, never reused) and actor kinds (for validation)."""
        if self._layer is None:
            from ..core.userlayer import UserLayer

            eng = self.engine(with_user=False)
            self._layer = UserLayer.open(
                self.user_db_path,
                curated_known_ids=eng.curated_known_ids(),
                curated_actor_kinds=eng.curated_actor_kinds(),
            )
            for notice in getattr(self._layer, "notices", []):
                print(f"nkru-tui: {notice}", file=sys.stderr)
        return self._layer

    def user_snapshot(self):
        """The user layer if its store exists; reading never creates one."""
        from ..paths import default_user_db_path

        path = self.user_db_path or default_user_db_path()
        if not path.exists():
            return None
        return self.user_layer().snapshot()

    def print_json(self, obj: Any) -> None:
        write_bytes([dumps_pretty(obj)])


DATE_W = 12  # "spring 2024", "2024–25?", "2008–2013" fit whole


def note_time(note: dict) -> str:
    """``2025-01-01 12:00`` (UTC) of a note's last change, ``(edited)`` if it was edited."""
    created, updated = note.get("created") or "", note.get("updated") or ""
    when = (updated or created)[:16].replace("T", " ")
    return when + (" (edited)" if updated and created and updated != created else "")


def event_row(ev: dict, eng=None) -> list[str]:
    from ..core.dates import short_when

    # "2024-06", a span "2008–2013", a window "2024–25?", "spring 2024", inferred "2026?"
    date = short_when(ev, DATE_W)
    title = ev.get("title", "")
    if ev.get("status"):
        title = f"[{ev['status'].replace('_', ' ')}] {title}"
    if ev.get("user"):
        title = "(mine) " + title
    return [date, ",".join(ev.get("sectors", ())[:2]), title]


# ------------------------------------------------------------------------------- commands


def emit_list(
    ctx: Context,
    records: list,
    empty: str,
    row: Callable[[Any], list[str]],
    widths: list[int | None],
) -> int:
    """A listing command's output: the records as JSON with --json, else a table that fits
    the terminal; an empty listing says so on stderr (stdout stays clean for pipes)."""
    if ctx.args.json:
        ctx.print_json(records)
    elif not records:
        print(empty, file=sys.stderr)
    else:
        write_out(table((row(r) for r in records), widths))
    return EXIT_OK


def cmd_search(ctx: Context) -> int:
    query = " ".join(ctx.args.query)
    save = getattr(ctx.args, "save", None)
    if save is not None or "@" in query:
        from .searches import expand_query, save_search

        query = expand_query(ctx, query)  # @name: a saved search
        if save is not None:
            save_search(ctx, save, query)
    evs = ctx.engine().search_events(query)  # (a large store's: lazy)
    if ctx.args.json:  # streamed: records are read from the index as they are printed
        pretty = getattr(evs, "pretty", None)
        if pretty is not None:  # an index on disk stores each record as it is printed here
            write_bytes(json_array_of(pretty()))
            return EXIT_OK
        import gc

        gc.disable()  # parsed records hold no cycles: no collector walks while printing them
        try:
            write_bytes(json_array_chunks(evs))
        finally:
            gc.enable()
        return EXIT_OK
    code = emit_list(ctx, list(evs), "no matching events", event_row, [DATE_W, 20, None])
    from .sources import sources_section  # then the user's sources whose text holds the words

    extra = sources_section(ctx, query)
    if extra:
        write_out("\n".join(extra) + "\n")
    return code


def cmd_actors(ctx: Context) -> int:
    eng = ctx.engine()
    actors = eng.search_actors(" ".join(ctx.args.query))
    if ctx.args.sort == "count":
        actors = sorted(actors, key=lambda a: (-eng.event_count(a["id"]), a.get("name", "")))
    return emit_list(
        ctx,
        actors,
        "no matching actors",
        lambda a: [
            a.get("name", ""),
            a.get("kind", ""),
            a.get("country") or "-",
            str(eng.event_count(a["id"])),
            a["id"],
        ],
        [None, 12, 7, 6, 28],
    )


def _evidence_lines(eng, rec: dict) -> list[str]:
    out = []
    for ev in rec.get("evidence", ()) or ():
        out.append(f"  “{ev.get('quote', '')}”")
        out.append(f"      — {eng.source_title(ev.get('source', ''))} [{ev.get('source', '')}]")
    return out


def linked_records(eng, rid: str) -> dict:
    """The records linked to ``rid``, as stored, for ``show --json`` and exports."""
    kind = eng.kind_of(rid)
    rec = eng.get(rid)
    linked: dict[str, list] = {"actors": [], "events": [], "relations": [], "sources": []}
    srcs = {
        s
        for e in rec.get("evidence", ()) or ()
        if isinstance(e, dict) and isinstance(s := e.get("source"), str)
    }
    if kind == "event":
        linked["actors"] = [eng.actors[a] for a in eng.event_actor_ids(rec) if a in eng.actors]
        linked["events"] = eng.related_events(rid)
    elif kind == "actor":
        linked["events"] = list(eng.events_of_actor(rid))
        linked["relations"] = eng.relations_of_actor(rid)
        others = {r.get("subject") for r in linked["relations"]} | {
            r.get("object") for r in linked["relations"]
        }
        linked["actors"] = [eng.actors[a] for a in sorted(others - {rid}) if a in eng.actors]
    elif kind == "relation":
        linked["actors"] = [
            eng.actors[a] for a in (rec.get("subject"), rec.get("object")) if a in eng.actors
        ]
    elif kind == "source":
        linked["events"] = list(eng.search_events(f"source:{rid}"))
    linked["sources"] = [eng.sources[s] for s in sorted(srcs) if s in eng.sources]
    return {"kind": kind, "record": rec, "linked": linked}


def _not_found(eng, rid: str) -> NotFound:
    import difflib

    evs = eng.events
    ids = list(eng.actors) + (evs.ids() if hasattr(evs, "ids") else [e["id"] for e in evs])
    ids += list(eng.sources)
    close = difflib.get_close_matches(rid, ids, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return NotFound(f"no event, actor, relation or source with id {rid!r}{hint}")


def cmd_show(ctx: Context) -> int:
    eng = ctx.engine()
    rid = ctx.args.id
    if eng.kind_of(rid) is None:
        raise _not_found(eng, rid)
    data = linked_records(eng, rid)
    if ctx.args.json:
        ctx.print_json(data)
        return EXIT_OK
    if data["kind"] == "source":
        from .sources import show_source

        write_out("\n".join(show_source(ctx, rid, data)) + "\n")
        return EXIT_OK
    write_out("\n".join(describe(eng, rid, data)) + "\n")
    return EXIT_OK


def describe(eng, rid: str, data: dict) -> list[str]:
    from ..core.dates import short_when, when_long
    from ..core.render import (
        actor_meta,
        figure_line,
        inferred_line,
        inferred_note,
        relation_notes,
        relation_text,
        status_text,
    )

    rec, kind, linked = data["record"], data["kind"], data["linked"]
    lines: list[str] = []
    user = eng.user
    if kind == "event":
        lines += [
            rec.get("title", ""),
            f"Date: {when_long(rec)}",
            f"Sectors: {', '.join(rec.get('sectors', []))}",
        ]
        if inferred_line(rec):
            lines.append(inferred_line(rec))
        if status_text(rec):
            lines.append(f"Status: {status_text(rec)}")
        if rec.get("type") and rec["type"] != "occurrence":
            lines.append(f"Type: {rec['type']}")
        lines += ["", rec.get("summary", ""), ""]
        if rec.get("actors"):
            lines.append("Actors:")
            for a in rec["actors"]:
                role = f" ({a['role']})" if a.get("role") else ""
                lines.append(f"  {eng.actor_name(a['id'])}{role} [{a['id']}]")
        if rec.get("places"):
            lines.append(
                "Places: " + ", ".join(f"{eng.actor_name(p)} [{p}]" for p in rec["places"])
            )
        if rec.get("figures"):
            lines.append("Figures:")
            for f in rec["figures"]:
                lines.append(f"  {figure_line(f)}")
    elif kind == "actor":
        lines += [rec.get("name", ""), actor_meta(rec, eng.event_count(rid))]
        if inferred_line(rec):
            lines.append(inferred_line(rec))
        if rec.get("aliases"):
            lines.append("Also: " + "; ".join(rec["aliases"]))
        lines += ["", rec.get("description", ""), ""]
        if linked["relations"]:
            lines.append("Relations:")
            for r in linked["relations"]:
                lines.append(f"  {relation_text(eng.actor_name, r)}{relation_notes(r)}")
        lines.append(f"Events ({len(linked['events'])}):")
        for e in linked["events"]:
            lines.append(f"  {short_when(e, DATE_W):<{DATE_W}}  {e.get('title', '')} [{e['id']}]")
    elif kind == "relation":
        lines.append(relation_text(eng.actor_name, rec))
        if rec.get("date"):
            lines.append(f"Date: {when_long(rec)}")
        if inferred_line(rec):
            lines.append(inferred_line(rec))
        if rec.get("note") and rec.get("note") != inferred_note(rec):
            lines.append(f"Note: {rec['note']}")
    elif kind == "source":
        lines += [rec.get("title", ""), f"File: {rec.get('file', '')}", rec.get("origin", "")]
        lines.append(f"Events citing it: {len(linked['events'])}")
    if rec.get("evidence"):
        lines += ["", "Evidence:"] + _evidence_lines(eng, rec)
    for note in getattr(user, "note_list", {}).get(rid, ()):
        lines += [
            "",
            f"My note: {note['id']}, {note_time(note)}",
            "  " + note["text"].replace("\n", "\n  "),
        ]
    if rid in user.bookmarks:
        lines.append("★ bookmarked")
    if kind == "event" and linked["events"]:
        lines += ["", "Related events:"]
        for e in linked["events"]:
            lines.append(f"  {short_when(e, DATE_W):<{DATE_W}}  {e.get('title', '')} [{e['id']}]")
    return lines


def cmd_validate(ctx: Context) -> int:
    from ..core.errors import StoreInvalid
    from ..core.store import load_raw, validate
    from ..paths import default_db_path

    path = ctx.db_path or default_db_path()
    raw = load_raw(path)
    strict = getattr(ctx.args, "strict", False)
    seeds = None
    if strict:  # the curation rules; with the seed texts, verbatim quotes and copied wording
        from ..core.build import default_seeds

        seeds = getattr(ctx.args, "seeds", None) or default_seeds()
        if not Path(seeds).is_dir():
            print(
                f"strict: seed texts not found at {seeds}; quotes and wording not checked "
                "(--seeds DIR)",
                file=sys.stderr,
            )
            seeds = None
    problems = validate(raw, path, strict=strict, seeds=Path(seeds) if seeds else None)
    if problems:
        for p in problems:
            print(str(p), file=sys.stderr)
        print(f"{path}: {len(problems)} problem(s)", file=sys.stderr)
        return StoreInvalid(path, problems).exit_code
    counts = {t: len(raw.get(t, {}) or {}) for t in ("events", "actors", "relations", "sources")}
    write_out(
        f"{path}: ok ({counts['events']} events, {counts['actors']} actors, "
        f"{counts['relations']} relations, {counts['sources']} sources)\n"
    )
    from .sources import validate_own  # the user's own quotes, re-checked against their texts

    return validate_own(ctx)


def cmd_tui(ctx: Context) -> int:
    term = os.environ.get("TERM", "")
    if term == "dumb" or not sys.stdin.isatty() or not sys.stdout.isatty():
        why = "TERM=dumb" if term == "dumb" else "no terminal (stdin/stdout is not a tty)"
        print(
            f"nkru-tui: cannot draw the explorer here ({why}); use the command line instead, "
            "e.g. `nkru-tui search QUERY`, `nkru-tui actors`, `nkru-tui show ID` "
            "(see `nkru-tui --help`)",
            file=sys.stderr,
        )
        return EXIT_NO_TERMINAL
    import gc

    # The start (Textual's imports, the app's widgets, a small store) allocates some 50,000
    # containers and frees almost none: no collector passes before the first frame (~10% of
    # a start). The app turns the collector back on once that frame is out (NkruApp).
    gc.disable()
    from ..tui.app import make_app

    app = make_app(db_path=ctx.db_path, user_db_path=ctx.user_db_path, mouse=not ctx.args.no_mouse)
    app.run()  # the mouse as make_app and config.toml said (NkruApp.run)
    return int(app.return_code or 0)


# ------------------------------------------------------------------------------- parser

Handler = Callable[[Context], int]
# Other modules add subcommands: each entry is a function(subparsers, parent) -> None.
EXTENSIONS: list[str] = [
    "nkru_tui.cli.user",
    "nkru_tui.cli.export",
    "nkru_tui.cli.sources",
    "nkru_tui.cli.searches",
    "nkru_tui.cli.config",
]
BUILTIN = ("search", "actors", "show", "validate", "tui")
# Which module adds each command, so a command line imports only its own (a one-shot search
# pays for no exporter, extractor or TOML reader). tests/test_cli_commands.py checks it
# against what the modules register.
COMMANDS: dict[str, str | None] = {
    **dict.fromkeys(BUILTIN),
    **dict.fromkeys(
        ("note", "notes", "bookmark", "bookmarks", "add", "edit", "delete"), EXTENSIONS[0]
    ),
    **dict.fromkeys(("export", "import"), EXTENSIONS[1]),
    **dict.fromkeys(("source", "sources", "cite"), EXTENSIONS[2]),
    "searches": EXTENSIONS[3],
    "config": EXTENSIONS[4],
}


def command_named(argv: list[str]) -> str | None:
    """The command ``argv`` names if it is plain to see: only ``--db PATH``, ``--user-db
    PATH`` (or ``=PATH``) and ``--no-mouse`` before a known command name, or nothing but
    those (the explorer, ``tui``). Anything else (help, version, abbreviations, a typo) gets
    the whole parser, which says the same."""
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("--db", "--user-db"):
            i += 2
        elif a.startswith(("--db=", "--user-db=")) or a == "--no-mouse":
            i += 1
        else:
            return a if a in COMMANDS else None
    return "tui"


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; ``only``: with that one command (the others are not
    imported), for a command line that names it (``command_named``)."""
    import argparse

    if only is None:
        from ..core.query import help_text
        from ..paths import default_user_db_path

        try:
            user_db = str(default_user_db_path())
        except Exception:  # noqa: BLE001  # pragma: no cover - platformdirs always answers
            user_db = "the user data directory"
        epilog = EPILOG.format(
            query_help=help_text(), env_db=ENV_DB, env_user_db=ENV_USER_DB, user_db=user_db
        )
    else:  # the epilog is only shown by the whole parser's --help
        epilog = None
    # --db and --user-db work before or after the subcommand.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=f"curated store (default: packaged; env {ENV_DB})",
    )
    common.add_argument(
        "--user-db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=f"your notes/bookmarks store (env {ENV_USER_DB})",
    )
    parser = argparse.ArgumentParser(
        prog="nkru-tui",
        description="Explore North Korea-Russia relations: a cited timeline, actors and sources. "
        "With no command, opens the terminal explorer.",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"nkru-tui {__version__}")
    parser.add_argument(
        "--no-mouse",
        action="store_true",
        help="do not capture the mouse (for terminals that leak mouse codes)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    if only is None or only in BUILTIN:
        _builtin_commands(sub, common, only)
    import importlib

    for modname in EXTENSIONS:
        if only is not None and COMMANDS.get(only) != modname:
            continue
        try:
            mod = importlib.import_module(modname)
        except ModuleNotFoundError as exc:
            if exc.name != modname:
                raise
            continue
        mod.register(sub, common)
    return parser


def _builtin_commands(sub: Any, common: argparse.ArgumentParser, only: str | None) -> None:
    def want(name: str) -> bool:
        return only is None or only == name

    if want("search"):
        p = sub.add_parser("search", parents=[common], help="matching events in date order")
        p.add_argument("query", nargs="*", help="query (empty: all events)")
        p.add_argument("--json", action="store_true", help="a JSON array of the events as stored")
        p.add_argument(
            "--save",
            metavar="NAME",
            help="also save the query as NAME, to recall as @NAME (`nkru-tui searches` lists them)",
        )
        p.set_defaults(handler=cmd_search)

    if want("actors"):
        p = sub.add_parser("actors", parents=[common], help="matching actors")
        p.add_argument("query", nargs="*")
        p.add_argument("--json", action="store_true")
        p.add_argument("--sort", choices=("name", "count"), default="name")
        p.set_defaults(handler=cmd_actors)

    if want("show"):
        p = sub.add_parser("show", parents=[common], help="an event, actor, relation or source")
        p.add_argument("id")
        p.add_argument("--json", action="store_true")
        p.set_defaults(handler=cmd_show)

    if want("validate"):
        p = sub.add_parser("validate", parents=[common], help="check the store, list every problem")
        p.add_argument(
            "--strict",
            action="store_true",
            help="also the curation rules the build applies (docs/CURATION.md)",
        )
        p.add_argument(
            "--seeds",
            metavar="DIR",
            default=None,
            help="with --strict: folder of the source texts (default: ../shared/seeds)",
        )
        p.set_defaults(handler=cmd_validate)

    if want("tui"):
        p = sub.add_parser("tui", parents=[common], help="open the explorer (the default)")
        p.add_argument("--no-mouse", action="store_true")
        p.set_defaults(handler=cmd_tui)


def main(argv: list[str] | None = None) -> int:
    if hasattr(signal, "SIGPIPE"):  # `nkru-tui search | head` ends quietly
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    for stream in (sys.stdout, sys.stderr):  # Hangul and Cyrillic survive LANG=C
        enc = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if enc != "utf8" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):  # pragma: no cover
                pass
    words = sys.argv[1:] if argv is None else argv
    if words:
        parser = build_parser(command_named(words))
        with safe_streams():  # argparse's errors repeat what was typed
            args = parser.parse_args(words)
    else:  # `nkru-tui` alone: the explorer, as the parser would say, without building it
        from types import SimpleNamespace

        args = SimpleNamespace(no_mouse=False, command=None)  # type: ignore[assignment]
    handler: Handler = getattr(args, "handler", cmd_tui)
    if not hasattr(args, "no_mouse"):
        args.no_mouse = False
    ctx = Context(args)
    if handler is cmd_tui:  # the explorer draws on the terminal itself
        return _run(handler, ctx)
    with safe_streams():  # every line a command prints: control characters made visible
        return _run(handler, ctx)


def _run(handler: Handler, ctx: Context) -> int:
    try:
        return int(handler(ctx) or 0)
    except NkruError as exc:
        print(f"nkru-tui: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
