"""Command palette (Ctrl+P): jump to any actor or event by name, alias or title words.

The engine does the finding (``Engine.find_actors`` over its actor index of names and aliases
in every script, ``Engine.search_events`` for titles); the palette only shows the hits. Every
prompt is built as plain ``Content`` because the palette would otherwise parse it as markup.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from ..core.errors import QueryError
from .text import clean, date_label

if TYPE_CHECKING:
    from ..core.engine import Engine
    from .app import NkruApp

MAX_ACTORS = 15
MAX_EVENTS = 25


def _highlight(matcher, text: str) -> Content:
    """``text`` as plain content with the fuzzy-matched characters styled (never markup)."""
    content = Content(text)
    try:
        score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    except Exception:  # noqa: BLE001  # pragma: no cover - the fuzzy matcher is best effort
        return content
    if score:
        for offset in offsets:
            if 0 <= offset < len(text) and not text[offset].isspace():
                content = content.stylize("bold underline", offset, offset + 1)
    return content


class JumpProvider(Provider):
    """Actors and events of the loaded store."""

    @property
    def nkru(self) -> NkruApp:
        return cast("NkruApp", self.app)

    def _engine(self) -> Engine | None:
        return self.nkru.engine

    def _jump(self, rid: str) -> None:
        self.nkru.jump_to(rid)

    def _sources(self, source_id: str | None = None) -> None:
        """The sources list, or the reader on one source."""
        screen = self.nkru.main_screen
        if source_id is None:
            screen.action_sources()
        else:
            screen.open_reader(source_id)

    async def discover(self) -> Hits:
        engine = self._engine()
        if engine is None:
            return
        yield DiscoveryHit(
            Content("Sources: every source, read its text and cite from it (s)"),
            self._sources,
            text="Sources",
            help="curated and your own: date, title, language, how many records cite each",
        )
        # cheap: the best-connected actors, already counted by the app
        for actor in self.nkru.top_actors(10):
            name = clean(actor.get("name", ""))
            yield DiscoveryHit(
                Content(f"actor: {name}"),
                partial(self._jump, actor["id"]),
                text=name,
                help=escape(f"{actor.get('kind', '')} · {actor.get('country') or '-'}"),
            )

    async def search(self, query: str) -> Hits:
        engine = self._engine()
        if engine is None or not query.strip():
            return
        matcher = self.matcher(query)
        if matcher.match("sources"):
            yield Hit(
                matcher.match("sources"),
                Content("Sources: every source, read its text and cite from it (s)"),
                self._sources,
                text="Sources",
            )
        for sid, src in engine.sources.items():
            title = clean(src.get("title", "") or sid)
            score = max(matcher.match(title), matcher.match(sid))
            if score:
                yield Hit(
                    0.2 + score / 4,
                    Content("source: ").append(_highlight(matcher, title)),
                    partial(self._sources, sid),
                    text=title,
                    help=escape(f"{src.get('date') or '-'} · read the text"),
                )
        for actor in engine.find_actors(query, MAX_ACTORS):
            name = clean(actor.get("name", ""))
            aliases = [clean(a) for a in actor.get("aliases", ()) or ()]
            yield Hit(
                1.0,  # a name or alias hit: what a jump is for, above any title hit
                Content("actor: ").append(_highlight(matcher, name)),
                partial(self._jump, actor["id"]),
                text=name,
                help=escape(" · ".join(aliases[:4]) or clean(actor.get("kind", ""))),
            )
        try:
            events = engine.search_events(query)
        except QueryError:  # a query the language rejects: no event hits
            events = []
        for ev in events[:MAX_EVENTS]:
            title = clean(ev.get("title", ""))
            yield Hit(
                0.25 + matcher.match(title) / 4,
                Content("event: ").append(_highlight(matcher, title)),
                partial(self._jump, ev["id"]),
                text=title,
                help=escape(f"{date_label(ev)} · {', '.join(ev.get('sectors', ())[:3])}"),
            )


class SavedSearchProvider(Provider):
    """Saved searches: recall one (``@name``), or delete it."""

    @property
    def nkru(self) -> NkruApp:
        return cast("NkruApp", self.app)

    def _saved(self) -> list[dict]:
        return self.nkru.user.saved_searches() if self.nkru.engine is not None else []

    def _recall(self, name: str) -> None:
        self.nkru.main_screen.recall_search(name)

    def _delete(self, name: str) -> None:
        self.nkru.main_screen.delete_search(name)

    async def discover(self) -> Hits:
        for d in self._saved():
            name = clean(d["name"])
            yield DiscoveryHit(
                Content(f"saved search: @{name}"),
                partial(self._recall, d["name"]),
                text=f"@{name}",
                help=escape(clean(d.get("query") or "") or "(all events)"),
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for d in self._saved():
            name = clean(d["name"])
            shown = clean(d.get("query") or "") or "(all events)"
            for label, action, weight in (
                (f"saved search: @{name}", self._recall, 1.0),
                (f"delete saved search: @{name}", self._delete, 0.9),
            ):
                score = matcher.match(label)
                if score > 0:
                    yield Hit(
                        score * weight,
                        _highlight(matcher, label),
                        partial(action, d["name"]),
                        text=label,
                        help=escape(shown),
                    )
