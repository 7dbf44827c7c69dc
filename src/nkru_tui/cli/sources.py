"""The user's own sources from the command line: `source add/remove/attach`, `sources`, `cite`,
and the checks that `show`, `validate`, `add --evidence` and `import` make on them.

Every refusal is one line on stderr naming the file (and record and field), a non-zero exit,
and nothing stored. Text from documents is shown with control characters escaped.
"""

from __future__ import annotations

import sys
from typing import Any

from ..core.errors import EXIT_OK, EXIT_STORE_INVALID
from ..core.extract import MAX_BYTES, safe_text


def _library(ctx) -> Any:
    from ..core.sources import SourceLibrary

    return SourceLibrary.for_engine(ctx.user_layer(), ctx.engine())


def _err(line: str) -> None:
    print(f"nkru-tui: {line}", file=sys.stderr)


def _refused(exc) -> int:
    """Print a QuoteRefused (and the closest passage) and return its exit code."""
    _err(str(exc))
    closest = exc.closest_line()
    if closest:
        print(closest, file=sys.stderr)
    return int(exc.exit_code)


# ------------------------------------------------------------------------------ commands


def cmd_source_add(ctx) -> int:
    a = ctx.args
    lib = _library(ctx)
    rec, created, ex = lib.add(
        a.file,
        source_id=a.id,
        title=a.title,
        date=a.date,
        url=a.url,
        publisher=a.publisher,
        lang=a.lang,
    )
    if a.json:
        ctx.print_json(dict(rec, created=created))
        return EXIT_OK
    if not created:
        print(
            f"already added: these bytes are source {rec['id']} "
            f"({safe_text(rec.get('title', ''))}); nothing new was stored"
        )
        return EXIT_OK
    enc = f", {ex.encoding}" if ex.encoding and ex.encoding != "utf-8" else ""
    if ex.encoding and ex.encoding not in ("utf-8",):
        print(f"nkru-tui: read {safe_text(ex.name)} as {ex.encoding}", file=sys.stderr)
    print(rec["id"])
    print(
        f"added source {rec['id']}: {safe_text(rec['title'])} ({ex.format}{enc}, "
        f"{len(ex.text):,} characters) to {lib.layer.path}",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_source_remove(ctx) -> int:
    lib = _library(ctx)
    gone = lib.remove(ctx.args.id)
    print(f"removed source {gone['id']} from {lib.layer.path}")
    return EXIT_OK


def cmd_source_attach(ctx) -> int:
    from ..core.sources import AttachRefused

    lib = _library(ctx)
    try:
        att, n = lib.attach(ctx.args.id, ctx.args.file)
    except AttachRefused as exc:
        for line in exc.bad:
            print(f"  does not anchor: {line}", file=sys.stderr)
        _err(str(exc))
        return exc.exit_code
    print(
        f"attached {safe_text(att['file'])} to {ctx.args.id}: all {n} curated quote(s) anchor in it"
    )
    return EXIT_OK


def cmd_sources(ctx) -> int:
    from ..core.sources import cite_counts

    if ctx.args.search is not None:
        return cmd_sources_search(ctx)
    eng = ctx.engine()
    counts = cite_counts(eng)
    lib = _library(ctx) if eng.user.sources or _has_user_store(ctx) else None
    atts = lib.attachments() if lib else {}
    rows = []
    for sid, rec in eng.sources.items():
        own = bool(rec.get("user"))
        rows.append(
            dict(
                rec,
                id=sid,
                own=own,
                cited_by=counts.get(sid, 0),
                has_text=bool(rec.get("sha256")) or sid in atts,
            )
        )
    rows.sort(key=lambda r: (r.get("date") or "", r.get("title") or "", r["id"]))
    from .main import emit_list

    return emit_list(
        ctx,
        rows,
        "no sources",
        lambda r: [
            r.get("date") or "-",
            safe_text(r.get("title") or ""),
            r.get("lang") or "-",
            str(r["cited_by"]),
            ("own" if r["own"] else "curated") + ("" if r["has_text"] else " (no text)"),
            r["id"],
        ],
        # the id column as wide as the longest id (at most 28), so that at 80 columns the
        # title keeps what a fixed 28 took for short ids like src-9aacb2bd1c
        [10, None, 5, 5, 17, min(28, max((len(r["id"]) for r in rows), default=2))],
    )


# how many passages of a source the human listing shows (--json gives them all)
SHOWN_PASSAGES = 5


def _matches(ctx, query: str, texts_only: bool = False) -> list:
    from ..core.sources import search_sources

    eng = ctx.engine()
    lib = _library(ctx) if _has_user_store(ctx) else None
    return search_sources(lib, eng, query, texts_only=texts_only, warn=_err)


def passage_lines(m, most: int = SHOWN_PASSAGES, indent: str = "  ") -> list[str]:
    """A matching source's passages as `sources --search` and `search` print them: the line
    number, the words matched (in their own script), and the line cut around the match."""
    from ..core.sources import snippet

    out = []
    for p in m.passages[:most]:
        shown, spans = snippet(m.text, p)
        words = ", ".join(dict.fromkeys(shown[a:b] for a, b in spans))
        out.append(f"{indent}line {p.line} ({safe_text(words)}): {safe_text(shown)}")
    if len(m.passages) > most:
        out.append(f"{indent}… and {len(m.passages) - most} more line(s) (--json lists all)")
    return out


def _match_json(m) -> dict:
    from ..core.sources import snippet

    rec = m.record
    passages = []
    for p in m.passages:
        shown, _spans = snippet(m.text, p)
        passages.append(
            {
                "line": p.line,
                "matches": [m.text[a:b] for a, b in p.spans],
                "offsets": [[a, b] for a, b in p.spans],
                "snippet": shown,
            }
        )
    return {
        "id": m.source_id,
        "title": rec.get("title") or "",
        "date": rec.get("date") or "",
        "own": bool(rec.get("user")),
        "in_title": m.in_title,
        "passages": passages,
    }


def cmd_sources_search(ctx) -> int:
    """`sources --search QUERY`: the sources whose text (or title) holds the query's words, in
    any script, each with its matching lines."""
    found = _matches(ctx, ctx.args.search)
    if ctx.args.json:
        ctx.print_json([_match_json(m) for m in found])
        return EXIT_OK
    if not found:
        print("no source matches", file=sys.stderr)
        return EXIT_OK
    out = []
    for m in found:
        rec = m.record
        where = f"{len(m.passages)} line(s)" if m.passages else "in the title"
        out.append(
            f"{m.source_id}  {rec.get('date') or '-'}  {safe_text(rec.get('title') or '')}"
            f"  [{where}]"
        )
        out += passage_lines(m)
    print("\n".join(out))
    return EXIT_OK


def sources_section(ctx, query: str) -> list[str]:
    """The lines `search` adds after its events: the user's sources whose TEXT holds the
    query's words (only for a query of words: qualifiers select events). Empty when there
    is nothing to add, or no user store."""
    from ..core.query import parse_query

    if not _has_user_store(ctx):
        return []
    q = parse_query(query)
    if not q.terms or q.qualifiers:
        return []
    if not any(s.get("sha256") for s in ctx.engine().user.sources) and not (
        _library(ctx).attachments()
    ):
        return []  # no text kept: nothing to look in
    found = _matches(ctx, query, texts_only=True)
    if not found:
        return []
    out = ["", f"in your sources ({len(found)}; nkru-tui sources --search for all lines):"]
    for m in found:
        title = safe_text(m.record.get("title") or "")
        out.append(f"  {m.source_id}  {title}  [{len(m.passages)} line(s)]")
        out += passage_lines(m, most=2, indent="    ")
    return out


def _has_user_store(ctx) -> bool:
    from ..paths import default_user_db_path

    return (ctx.user_db_path or default_user_db_path()).exists()


def cmd_cite(ctx) -> int:
    from ..core.sources import QuoteRefused

    a = ctx.args
    lib = _library(ctx)
    try:
        _rec, c, added = lib.cite(
            a.record, a.source, a.quote, accept_close=a.accept_close, occurrence=a.occurrence
        )
    except QuoteRefused as exc:
        return _refused(exc)
    note = c.note(a.source)
    if note:
        print(f"nkru-tui: {note}", file=sys.stderr)
    if a.json:
        ctx.print_json(c.evidence)
        return EXIT_OK
    if not added:
        print(f"{a.record} already cites that passage of {a.source}; nothing changed")
        return EXIT_OK
    print(
        f"cited {a.source} on {a.record} ({c.anchor.tier}, line {c.line}, characters "
        f"{c.anchor.start}-{c.anchor.end}): «{' '.join(safe_text(c.anchor.exact).split())}»"
    )
    return EXIT_OK


# ------------------------------------------------------------------------------ hooks


def verify_evidence(ctx, table: str, records: list[dict], accept_close: bool = False) -> int:
    """Anchor the evidence of ``records`` (in place) on sources with kept text; on a refusal
    print it and return its exit code, else 0. Used by `add`, `edit` and `import`."""
    from ..core.sources import QuoteRefused, SourceError

    if not _has_user_store(ctx) or not any(r.get("evidence") for r in records):
        return 0  # no own source has kept text yet
    lib = _library(ctx)
    try:
        for rec in records:
            for c in lib.verify_record_evidence(rec, accept_close=accept_close, table=table):
                note = c.note(c.evidence["source"])
                if note:
                    print(f"nkru-tui: {rec.get('id')}: {note}", file=sys.stderr)
    except QuoteRefused as exc:
        return _refused(exc)
    except SourceError as exc:
        _err(f"{exc}; nothing was saved")
        return exc.exit_code
    return 0


def validate_own(ctx) -> int:
    """`validate`'s check of the user's own quotes; prints problems, returns an exit code."""
    if not _has_user_store(ctx):
        return EXIT_OK
    lib = _library(ctx)
    problems, review, n = lib.check()
    for line in problems:
        print(line, file=sys.stderr)
    for line in review:
        print(f"needs review: {line}")
    if problems:
        print(
            f"{lib.layer.path}: {len(problems)} problem(s) with your sources' quotes",
            file=sys.stderr,
        )
        return EXIT_STORE_INVALID
    if n:
        extra = f", {len(review)} needing review" if review else ""
        print(f"{lib.layer.path}: ok ({n} quote(s) on your sources re-checked{extra})")
    return EXIT_OK


def show_source(ctx, rid: str, data: dict) -> list[str]:
    """The lines `show SOURCE_ID` prints: metadata, where the text is, and who cites it."""
    from ..core.sources import citing

    eng = ctx.engine()
    rec = data["record"]
    lib = _library(ctx) if (rec.get("user") or _has_user_store(ctx)) else None
    lines = [safe_text(rec.get("title", ""))]
    own = bool(rec.get("user"))
    lines.append("Own source" if own else "Curated source")
    for key, label in (
        ("date", "Date"),
        ("publisher", "Publisher"),
        ("url", "URL"),
        ("lang", "Language"),
        ("file", "File"),
        ("origin", "Origin"),
        ("format", "Format"),
        ("encoding", "Encoding"),
    ):
        if rec.get(key):
            lines.append(f"{label}: {safe_text(str(rec[key]))}")
    info = lib.text_info(rid) if lib else None
    if lib is not None and info:
        lines.append(f"Size: {info.get('size', 0):,} bytes, {info.get('chars', 0):,} characters")
        lines.append(f"SHA-256: {info.get('sha256')}")
        lines.append(f"Added: {info.get('added', '')}")
        lines.append(f"Text: {lib.text_path(info)}")
    elif not own:
        lines.append(f"Text: not here (attach a copy: nkru-tui source attach {rid} FILE)")
    cites = citing(eng, rid)
    lines += ["", f"Cited by {len(cites)} record(s):"]
    for kind, r in cites:
        label = r.get("title") or r.get("name") or r.get("type") or ""
        mine = " (mine)" if r.get("user") else ""
        lines.append(f"  {kind:<8} {safe_text(label)} [{r['id']}]{mine}")
    return lines


# ------------------------------------------------------------------------------ parser


def register(sub, common) -> None:
    p = sub.add_parser(
        "source", parents=[common], help="add, remove or attach a source document (source add FILE)"
    )
    ssub = p.add_subparsers(dest="source_command", metavar="ACTION", required=True)

    q = ssub.add_parser(
        "add",
        parents=[common],
        help=f"keep a document (.txt .md .html .htm .pdf, up to {MAX_BYTES // 1048576} MiB) "
        "as a source you can cite",
    )
    q.add_argument("file")
    q.add_argument("--id", help="the new source's id (default: from its title)")
    q.add_argument("--title", help="default: the document's title or first line")
    q.add_argument("--date", help="YYYY, YYYY-MM or YYYY-MM-DD")
    q.add_argument("--url")
    q.add_argument("--publisher")
    q.add_argument("--lang", help="language code, e.g. ru, ko, en")
    q.add_argument("--json", action="store_true", help="print the source record as JSON")
    q.set_defaults(handler=cmd_source_add)

    q = ssub.add_parser("remove", parents=[common], help="remove a source nothing cites")
    q.add_argument("id")
    q.set_defaults(handler=cmd_source_remove)

    q = ssub.add_parser(
        "attach",
        parents=[common],
        help="attach your copy of a curated source (every curated quote must anchor in it)",
    )
    q.add_argument("id", help="the curated source's id")
    q.add_argument("file")
    q.set_defaults(handler=cmd_source_attach)

    p = sub.add_parser(
        "sources",
        parents=[common],
        help="every source, curated and own, with how many records cite it",
    )
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--search",
        metavar="QUERY",
        help="the sources whose text (or title) holds these words, in any script (Lavrov "
        "finds Лавров), with the matching lines",
    )
    p.set_defaults(handler=cmd_sources)

    p = sub.add_parser(
        "cite", parents=[common], help="add a verified quote from a source to a record of your own"
    )
    p.add_argument("record", metavar="RECORD_ID")
    p.add_argument("source", metavar="SOURCE_ID")
    p.add_argument("quote", metavar="QUOTE")
    p.add_argument(
        "--accept-close",
        action="store_true",
        help="accept a passage at least 95%% similar, marked as needing review",
    )
    p.add_argument(
        "--occurrence",
        type=int,
        metavar="N",
        help="when the quote occurs more than once: which one (1 = first)",
    )
    p.add_argument("--json", action="store_true", help="print the stored evidence as JSON")
    p.set_defaults(handler=cmd_cite)


__all__ = ["register", "show_source", "sources_section", "validate_own", "verify_evidence"]
