"""Sources in the explorer: the list, the reader, and citing from it.

Plain functions over the MainScreen (no mixin): ``open_sources`` (the `s` key and the command
palette), ``open_reader`` (from the list, or Enter on an evidence quote in the detail pane),
and ``verify_evidence_op`` (the add/edit form's quotes on sources with kept text are anchored
before the save, in the user client's worker, like the CLI's).

Reading text happens on the UI thread (a 1 MB file reads in milliseconds; the reader wraps only
what is on screen); every write goes through the App's ``UserClient``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..core.sources import SourceLibrary
    from ..core.userlayer import UserLayer
    from .screens.main import MainScreen


def library(screen: MainScreen) -> SourceLibrary | None:
    """A read view of the user's sources and attachments (None before the store exists)."""
    engine = screen.engine
    path = Path(screen.nkru.user.path)
    if engine is None or not path.exists():
        return None  # (before the imports: a first start has no user store, and is quicker)
    from ..core.sources import SourceLibrary
    from ..core.userlayer import UserLayer

    layer = UserLayer.open(
        path,
        curated_known_ids=engine.curated_known_ids(),
        curated_actor_kinds=engine.curated_actor_kinds(),
    )
    return SourceLibrary.for_engine(layer, engine)


def readable_sources(screen: MainScreen) -> Callable[[str], bool]:
    """A test for "this source has a text to read here"."""
    engine = screen.engine
    lib = library(screen)
    attached = set(lib.attachments()) if lib is not None else set()

    def readable(source_id: str) -> bool:
        src = engine.sources.get(source_id) if engine is not None else None
        return bool(src and src.get("sha256")) or source_id in attached

    return readable


def open_sources(screen: MainScreen) -> None:
    from .screens.sources_list import SourcesScreen, source_rows

    engine = screen.engine
    if engine is None:
        screen._say("the store is still loading", "warning", 3)
        return
    lib = library(screen)
    attached = set(lib.attachments()) if lib is not None else set()

    def search(query: str) -> set[str]:
        from ..core.sources import search_sources

        return {m.source_id for m in search_sources(lib, engine, query)}

    listing = SourcesScreen(source_rows(engine, attached), search=search)

    def picked(source_id: str | None) -> None:
        if source_id:
            open_reader(screen, source_id, find=listing.filter_text or None)

    screen.app.push_screen(listing, picked)


def own_targets(engine: Any) -> list[tuple[str, str]]:
    """(id, label) of the user's own events, actors and relations (what can take a cite)."""
    out = []
    user = engine.user
    for kind, recs in (
        ("event", user.events),
        ("actor", user.actors),
        ("relation", user.relations),
    ):
        for r in recs:
            label = r.get("title") or r.get("name") or r.get("type") or r.get("id")
            out.append((str(r.get("id")), f"{kind}: {label}"))
    return out


def open_reader(
    screen: MainScreen, source_id: str, quote: dict | None = None, find: str | None = None
) -> None:
    """The reader on ``source_id``; with ``quote`` (an evidence item) at that passage; with
    ``find``, at the first match of that find (the sources list's filter)."""
    from ..core.anchor import AnchorFailure, anchor
    from ..core.sources import SourceError, passages
    from .screens.reader import Passage, ReaderScreen

    engine = screen.engine
    if engine is None:
        return
    lib = library(screen)
    if lib is None or not lib.has_text(source_id):
        how = (
            f"attach your copy: nkru-tui source attach {source_id} FILE"
            if source_id in engine.curated_known_ids().get("sources", set())
            else "it was added without a text"
        )
        screen._say(f"no text for {source_id} here ({how})", "warning", 6)
        return
    try:
        st = lib.load_text(source_id)
    except SourceError as exc:
        screen._say(str(exc), "error", 8)
        return
    spans = passages(engine, lib, source_id, st.text)
    at = None
    if quote is not None:
        from ..core.sources import position

        pos = position(quote)
        if pos is not None and st.text[pos[0] : pos[1]] == quote.get("quote"):
            at = pos[0]
        else:
            try:
                at = anchor(st, str(quote.get("quote") or ""), accept_close=True).start
            except AnchorFailure:
                screen._say("that quote is not found in the text", "warning", 4)
    title = str(engine.sources.get(source_id, {}).get("title") or source_id)
    reader = ReaderScreen(
        source_id,
        title,
        st.text,
        [Passage(a, b, rid) for a, b, rid in spans],
        at=at,
        library=lib,
        own_records=own_targets(engine),
        submit_cite=_submitter(screen, source_id),
        find=find,
    )

    def closed(result: tuple[str, Any] | None) -> None:
        if not result:
            return
        what, value = result
        if what == "record":
            screen.navigate(value)
        elif what == "new_event":
            screen._open_form("event", prefill={"evidence": [value]})

    screen.app.push_screen(reader, closed)


def _submitter(screen: MainScreen, source_id: str) -> Callable[..., None]:
    """Cite on an existing own record, through the user client (its worker, one at a time)."""
    from .user_client import UserRequest

    engine = screen.engine

    def submit(record_id: str, quote: str, occurrence: int, done: Callable[[Any], None]) -> None:
        def op(layer: UserLayer) -> Any:
            from ..core.sources import SourceLibrary

            return SourceLibrary.for_engine(layer, engine).cite(
                record_id, source_id, quote, occurrence=occurrence
            )

        screen.nkru.user.submit(
            UserRequest(
                op,
                lambda res: (
                    f"saved: cited {source_id} on {record_id}"
                    if res[2]
                    else f"{record_id} already cites that passage"
                ),
                then=done,
                records=True,
            )
        )

    return submit


def verify_evidence_op(
    engine: Any, rec: dict, prefill: dict | None = None
) -> Callable[[UserLayer], None]:
    """What the form's save does first, in the worker: anchor the record's quotes on sources
    with kept text (raising QuoteRefused, which the client reports, if one does not anchor).
    A prefilled evidence item the user left as it was keeps its verified position."""
    pre = [e for e in (prefill or {}).get("evidence", ()) if isinstance(e, dict)]
    evs = rec.get("evidence")
    if pre and isinstance(evs, list) and evs:
        first = evs[0]
        if (
            isinstance(first, dict)
            and first.get("source") == pre[0].get("source")
            and first.get("quote") == pre[0].get("quote")
        ):
            evs[0] = dict(pre[0])

    def op(layer: UserLayer) -> None:
        from ..core.sources import SourceLibrary

        SourceLibrary.for_engine(layer, engine).verify_record_evidence(rec)

    return op


__all__ = [
    "library",
    "open_reader",
    "open_sources",
    "own_targets",
    "readable_sources",
    "verify_evidence_op",
]
