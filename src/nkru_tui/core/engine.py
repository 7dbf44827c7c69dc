"""The engine: load, validate, index and search the store, with the user's layer on top.

One engine serves the CLI, the TUI and the tests; nothing here imports Textual.
"""

from __future__ import annotations

import gc
import heapq
import sqlite3
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any

from . import diskindex
from .diskindex import DiskSegment, LazyEvents
from .errors import StoreError
from .index import ActorIndex, Segment
from .posbits import decode, span_bits
from .query import Qualifier, Query, Term, parse_query
from .store import check, load_raw, parse_date, records
from .textnorm import fold, tokens, tokens_uncached
from .textsearch import (
    Marks,
    TokenIndex,
    best_cutting,
    eval_terms,
    marks_for,
    run_words,
)
from .userdata import UserSnapshot


class Engine:
    """A loaded, validated and indexed store. Build it with ``Engine.load``."""

    def __init__(
        self,
        raw: dict,
        path: Path | None = None,
        cached: dict | None = None,
        base: Segment | None = None,
        actor_index: ActorIndex | None = None,
        relations: diskindex.DiskRelations | None = None,
        tables: Callable[[str], list[dict]] | None = None,
    ) -> None:
        """``base``: the curated events' segment, already restored from the index cache;
        or ``cached``: such a cache's contents, restored here (a cache of another layout,
        or one that does not fit these events, is ignored). ``actor_index``: the curated
        actors' index, already built; ``relations``: the curated relations, read from the
        index when asked (instead of from ``raw``); ``tables``: likewise the meta, sources
        and actors lists, read when first asked (a search reads none of them)."""
        self.path = path
        if tables is None:
            small = {t: list(records(raw, t)) for t in ("meta", "sources", "actors")}
            tables = small.__getitem__
        self._small_tables = tables
        self._cur_rels: _Relations | diskindex.DiskRelations = (
            relations if relations is not None else _Relations(list(records(raw, "relations")))
        )
        self._rel_state: tuple[list[dict], dict[str, dict], dict[str, list[dict]]] | None = None
        self._all_rels: list[dict] | None = None
        if base is None and cached is not None:
            base = Segment.from_cache(list(records(raw, "events")), cached)
        self.index_from_cache = base is not None
        self._base = base if base is not None else Segment(records(raw, "events"))
        self.on_disk = isinstance(self._base, DiskSegment)
        self.curated_ids: frozenset[str] | _CuratedIds = (
            _CuratedIds(self._curated_other_ids, self._base, self._cur_rels)
            if self.on_disk
            else self._curated_other_ids() | self._cur_rels.ids() | frozenset(self._base.pos_of)
        )
        # what never changes with the user's layer is built once
        self._cur_actor_index = (
            actor_index if actor_index is not None else ActorIndex(self._cur_actors.values())
        )
        self._note_text: dict[str, str] = {}
        self._user = UserSnapshot()
        self._apply_user()

    # ------------------------------------------------------------------ loading

    # the curated meta, sources and actors: read when first asked (on disk: not at open)

    @cached_property
    def meta(self) -> dict:
        return next(iter(self._small_tables("meta")), {})

    @cached_property
    def _cur_sources(self) -> dict[str, dict]:
        return {s["id"]: s for s in self._small_tables("sources")}

    @cached_property
    def _cur_actors(self) -> dict[str, dict]:
        return {a["id"]: a for a in self._small_tables("actors")}

    @cached_property
    def _cur_actors_sorted(self) -> list[dict]:
        return sorted(self._cur_actors.values(), key=_by_name)

    def _curated_other_ids(self) -> frozenset[str]:
        return frozenset(list(self._cur_sources) + list(self._cur_actors))

    @classmethod
    def load(
        cls,
        path: str | Path | None = None,
        user: UserSnapshot | None = None,
        progress: Callable[[str], None] | None = None,
        preview: Callable[[list[dict], int], None] | None = None,
    ) -> Engine:
        """Load and validate ``path`` (default: the packaged store); raise ``StoreError``.

        ``progress``, if given, is told each stage ("reading 149 MB", "checking 100,000
        events", ...) so a caller can show how a long load is going. ``preview``, if given,
        may be handed the first events in order and the number of events while a large
        store's index is still being built (they are not checked yet)."""
        say = progress or (lambda stage: None)
        if path is None:
            from ..paths import default_db_path

            path = default_db_path()
        p = Path(path)
        use_disk = diskindex.enabled()
        if use_disk:
            eng = cls._open_index(p, user)
            if eng is not None:
                return eng
            try:
                size = p.stat().st_size
            except OSError:
                size = 0  # load_raw says what is wrong with the path
            if size >= diskindex.STREAM_BYTES:
                # a large store: its index is built straight from the file, never all of
                # it in memory (core/diskbuild.py); the in-memory load is the fallback
                eng = cls._build_index(p, user, say, preview)
                if eng is not None:
                    return eng
        from . import cache  # (the in-memory load only: a search on an index never needs it)

        key = cache.key_for(p)  # stat before reading: a later change makes a new key
        hit = cache.load(key)
        try:
            size = p.stat().st_size
            say(f"reading {size / 1e6:.1f} MB" if size >= 1e6 else "reading")
        except OSError:
            pass  # load_raw says what is wrong with the path
        ident = diskindex.identity(p) if use_disk else None  # taken before reading
        digest: list[str] = []  # the bytes' content hash, for an index built from them
        with _gc_paused():
            hashed = (
                (lambda data: digest.append(diskindex.content_hash_of(data))) if ident else None
            )
            raw = load_raw(p, on_bytes=hashed)
            n = len(raw.get("events") or {}) if isinstance(raw.get("events"), dict) else 0
            if ident and digest and n >= diskindex.MIN_EVENTS:
                # large enough for an index on disk: built from what was just parsed (it
                # checks the store as ``check`` does), never read again nor indexed in memory
                disk = cls._build_index(p, user, say, None, parsed=(raw, digest[0], ident))
                if disk is not None:
                    return disk
            base = None
            if hit is not None:
                # these very bytes (same path, size, mtime and inode) validated when cached
                say(f"indexing {n:,} events (from the cache)")
                base = Segment.from_cache(list(records(raw, "events")), hit)
                del hit
            if base is None:  # no cache, or one of another layout or not fitting: a miss
                say(f"checking {n:,} events")
                check(raw, p)
                say(f"indexing {n:,} events")
            eng = cls(raw, p, base=base)
            big = len(eng._base) >= diskindex.MIN_EVENTS
            if base is None and len(eng._base) >= cache.MIN_EVENTS and not (use_disk and big):
                cache.save(key, eng._base.export_cache(list(records(raw, "events"))))
        if user is not None:
            eng.set_user(user)
        return eng

    @classmethod
    def _open_index(cls, p: Path, user: UserSnapshot | None) -> Engine | None:
        idx = diskindex.open_for(p)
        eng = cls._from_index(idx, p) if idx is not None else None
        if eng is not None and user is not None:
            eng.set_user(user)
        return eng

    @classmethod
    def _build_index(
        cls,
        p: Path,
        user: UserSnapshot | None,
        say: Callable[[str], None],
        preview: Callable[[list[dict], int], None] | None,
        parsed: tuple[dict, str, str] | None = None,
    ) -> Engine | None:
        """Build ``p``'s index on disk and open it; None if it cannot be written (the caller
        loads in memory). Raises ``StoreError`` for a store the in-memory load refuses.
        ``parsed``: the store as parsed, its content hash and identity, if it was read."""
        from . import diskbuild

        ident = parsed[2] if parsed is not None else diskindex.identity(p)
        if ident is None or not diskbuild.available():
            return None
        dest = diskindex.index_path(p)
        with _gc_paused():
            got = (parsed[0], parsed[1]) if parsed is not None else None
            built = diskbuild.build(p, dest, ident, say, preview, parsed=got)
        return cls._open_index(p, user) if built else None

    @staticmethod
    def opens_quickly(path: str | Path | None = None) -> bool:
        """Whether ``load(path)`` takes milliseconds: a small store (the shipped one), or a
        large one whose index on disk is current. An app may then load it before its first
        frame."""
        if path is None:
            from ..paths import default_db_path

            path = default_db_path()
        try:
            size = Path(path).stat().st_size
        except OSError:
            return False
        if size <= QUICK_BYTES:
            return True
        return diskindex.enabled() and diskindex.is_current(Path(path))

    @classmethod
    def _from_index(cls, idx: diskindex.DiskIndex, path: Path) -> Engine | None:
        """An engine over a store's on-disk index (``diskindex``): the small tables are read
        into memory, the events stay on disk."""
        try:
            base = diskindex.DiskSegment(idx)
        except (sqlite3.Error, ValueError, KeyError, TypeError):
            idx.close()
            return None
        return cls(
            {},
            path,
            base=base,
            actor_index=diskindex.DiskActorIndex(idx),  # type: ignore[arg-type]
            relations=diskindex.DiskRelations(idx),
            tables=idx.records,
        )

    def set_user(self, snap: UserSnapshot) -> None:
        """Overlay the user's notes, bookmarks and records (cheap: the curated index stays)."""
        self._user = snap
        self._apply_user()

    @property
    def user(self) -> UserSnapshot:
        return self._user

    @cached_property
    def sources(self) -> dict[str, dict]:
        """Every source, curated and user."""
        out = dict(self._cur_sources)
        out.update({s["id"]: s for s in self._user.sources if s.get("id") not in self.curated_ids})
        return out

    @cached_property
    def actors(self) -> dict[str, dict]:
        """Every actor, curated and user."""
        out = dict(self._cur_actors)
        out.update({a["id"]: a for a in self._user.actors if a.get("id") not in self.curated_ids})
        return out

    @cached_property
    def _actors_sorted(self) -> list[dict]:
        user_actors = [a for a in self._user.actors if a.get("id") not in self.curated_ids]
        if not user_actors:
            return self._cur_actors_sorted
        return list(
            heapq.merge(self._cur_actors_sorted, sorted(user_actors, key=_by_name), key=_by_name)
        )

    def _apply_user(self) -> None:
        snap = self._user
        for name in ("sources", "actors", "_actors_sorted"):  # built again when asked
            self.__dict__.pop(name, None)
        self._rel_state = None  # the user's relations, by id and by actor: built when asked
        self._all_rels = None
        user_events = [e for e in snap.events if e.get("id") not in self.curated_ids]
        self._useg = Segment(user_events, user=True)
        self._segments = (self._base, self._useg) if user_events else (self._base,)
        user_actors = [a for a in snap.actors if a.get("id") not in self.curated_ids]
        self._actor_index = _Actors(self._cur_actor_index, ActorIndex(user_actors))
        known = getattr(self, "_note_tokens", {})  # unchanged notes keep their tokens
        self._note_tokens = {
            rid: known[rid]
            if self._note_text.get(rid) == text and rid in known
            else tokens_uncached(text)
            for rid, text in snap.notes.items()
        }
        self._note_text = dict(snap.notes)
        self._notes = TokenIndex({rid: [toks] for rid, toks in self._note_tokens.items()})
        self._all_events: Sequence[dict] | None = None

    def _user_relations(self) -> tuple[list[dict], dict[str, dict], dict[str, list[dict]]]:
        """The user's own relations (those not reusing a curated id), by id and by actor."""
        if self._rel_state is None:
            rels = [r for r in self._user.relations if r.get("id") not in self.curated_ids]
            self._rel_state = (rels, *_rels_keyed(rels))
        return self._rel_state

    @property
    def relations(self) -> list[dict]:
        """Every relation, curated and user (on disk: all read, for a caller that wants
        every one; a lookup by id or actor reads only its own)."""
        if self._all_rels is None:
            self._all_rels = self._cur_rels.all() + self._user_relations()[0]
        return self._all_rels

    def _relation(self, rid: str) -> dict | None:
        return self._user_relations()[1].get(rid) or self._cur_rels.get(rid)

    # ------------------------------------------------------------------ lookup

    @property
    def events(self) -> Sequence[dict]:
        """Every event, curated and user, in date order."""
        if self._all_events is None:
            if self.on_disk:
                self._all_events = self._merge([(s, range(len(s))) for s in self._segments])
            elif len(self._segments) == 1:
                self._all_events = self._base.events
            else:
                self._all_events = self._merge([(seg, range(len(seg))) for seg in self._segments])
        return self._all_events

    @property
    def total_events(self) -> int:
        return sum(len(s) for s in self._segments)

    def get_event(self, rid: str) -> dict | None:
        for seg in self._segments:
            pos = seg.pos_of.get(rid)
            if pos is not None:
                return seg.events[pos]
        return None

    def get(self, rid: str) -> dict | None:
        return (
            self.get_event(rid)
            or self.actors.get(rid)
            or self._relation(rid)
            or self.sources.get(rid)
        )

    def kind_of(self, rid: str) -> str | None:
        if self.get_event(rid) is not None:
            return "event"
        if rid in self.actors:
            return "actor"
        if rid in self._user_relations()[1] or rid in self._cur_rels:
            return "relation"
        if rid in self.sources:
            return "source"
        return None

    def is_curated(self, rid: str) -> bool:
        return rid in self.curated_ids

    def curated_known_ids(self) -> dict[str, AbstractSet[str]]:
        """Curated ids by table: what a user record may reference but never reuse. On disk
        the events' and relations' are views asking the index (at a million events, a set of
        every id took 2.4 s and 150 MiB each time the user layer opened)."""
        if self.on_disk:
            events: AbstractSet[str] = self._base.pos_of.keys()
            relations: AbstractSet[str] = _RelationIds(self._cur_rels)
        else:
            events, relations = set(self._base.pos_of), set(self._cur_rels.ids())
        return {
            "events": events,
            "actors": set(self._cur_actors),
            "relations": relations,
            "sources": set(self._cur_sources),
        }

    def curated_actor_kinds(self) -> dict[str, str]:
        return {aid: a.get("kind", "") for aid, a in self._cur_actors.items()}

    def events_of_actor(self, actor_id: str) -> Sequence[dict]:
        return self._merge([(seg, seg.actor_events.get(actor_id, ())) for seg in self._segments])

    def event_count(self, actor_id: str) -> int:
        return sum(
            seg.actor_count(actor_id)  # on disk: one query for every actor's count
            if isinstance(seg, DiskSegment)
            else len(seg.actor_events.get(actor_id, ()))
            for seg in self._segments
        )

    def relations_of_actor(self, actor_id: str) -> list[dict]:
        return self._cur_rels.of_actor(actor_id) + self._user_relations()[2].get(actor_id, [])

    def event_actor_ids(self, ev: dict) -> list[str]:
        ids = [a["id"] for a in ev.get("actors", ()) if isinstance(a, dict) and "id" in a]
        ids += [p for p in ev.get("places", ()) if p not in ids]
        return ids

    def related_events(self, event_id: str, limit: int = 10) -> list[dict]:
        """Events that share actors with ``event_id``, most shared first, then nearest in time."""
        ev = self.get_event(event_id)
        if ev is None:
            return []
        linked = [a["id"] for a in ev.get("actors", ()) if isinstance(a, dict) and "id" in a]
        here = _year(ev)
        key = lambda i: (-score[i], abs(year[i] - here), i)
        score: dict[str, int] = {}
        year: dict[str, int] = {}
        segs: Sequence[Segment] = self._segments
        if isinstance(self._base, DiskSegment):  # the curated events: by bitsets, below
            ranked = _related_on_disk(self._base, linked, event_id, here, limit)
            score.update((i, s) for i, s, _ in ranked)
            year.update((i, y) for i, _, y in ranked)
            segs = segs[1:]
        for seg in segs:
            for aid in linked:
                for pos in seg.actor_events.get(aid, ()):
                    o = seg.events[pos]
                    if o["id"] != event_id:
                        score[o["id"]] = score.get(o["id"], 0) + 1
                        year[o["id"]] = _year(o)
        ranked_ids = sorted(score, key=key)[:limit]
        return [e for e in (self.get_event(i) for i in ranked_ids) if e is not None]

    def source_title(self, source_id: str) -> str:
        src = self.sources.get(source_id)
        return src.get("title", source_id) if src else source_id

    def actor_name(self, actor_id: str) -> str:
        a = self.actors.get(actor_id)
        return a.get("name", actor_id) if a else actor_id

    # ------------------------------------------------------------------ search

    def search_events(self, query: str | Query | None = None) -> Sequence[dict]:
        """Events matching ``query`` in date order; raise ``QueryError`` if it is malformed.

        The list is the caller's to read, not to change: when every event matches (as for an
        empty query) it is the engine's own list of all events, not a copy."""
        q = query if isinstance(query, Query) else parse_query(query or "")
        if q.is_empty:
            return self.events
        parts: list[tuple[Segment, Iterable[int]]] = []
        for seg in self._segments:
            pos = self._eval_events(q, seg)
            # positions are distinct and in range: as many as the segment holds means all
            whole = pos is None or len(pos) == len(seg)
            if whole or pos is None:
                parts.append((seg, range(len(seg))))
            else:  # on disk, a bitset: the result reads it lazily (no sort of every hit)
                parts.append((seg, pos if self.on_disk else sorted(pos)))
        if all(isinstance(p, range) for _, p in parts):
            return self.events  # every event matched: the list an empty query returns
        return self._merge(parts)

    def count_events(self, query: str | Query | None = None) -> int:
        return len(self.search_events(query))

    def search_actors(self, query: str | Query | None = None) -> list[dict]:
        """Actors matching ``query`` in name order."""
        q = query if isinstance(query, Query) else parse_query(query or "")
        if q.is_empty:
            return list(self._actors_sorted)
        ids = self._eval_actors(q)
        return [a for a in self._actors_sorted if a["id"] in ids]

    def find_actors(self, text: str, limit: int | None = None) -> list[dict]:
        """Actors whose name, an alias or id holds the words of ``text`` (the last one as a
        prefix), in name order: for jump-to lists such as the TUI's command palette."""
        words = tuple(tokens(text))
        if not words:
            return []
        ids = self._actor_index.by_name(words)
        found = [a for a in self._actors_sorted if a["id"] in ids]
        return found[:limit] if limit is not None else found

    def match_terms(self, query: str | Query | None) -> list[str]:
        q = query if isinstance(query, Query) else parse_query(query or "")
        return q.highlight_terms()

    def match_marks(self, query: str | Query | None) -> Marks:
        """What to highlight of ``query`` in a record's text: the words its literal words
        begin, and the words of another script it matches (Лавров for Lavrov; Choe Son Hui
        for 최선희), as found among the words of the events, notes and actors."""
        q = query if isinstance(query, Query) else parse_query(query or "")
        if not q.terms:
            return marks_for(q, ())
        maps = [seg.phonetic() for seg in self._segments]
        maps += [ix.phonetic() for ix in (self._notes, *self._actor_index.user_indexes) if ix]
        return marks_for(q, maps)

    # ------------------------------------------------------------------ evaluation

    def _merge(self, parts: list[tuple[Segment, Iterable[int]]]) -> Sequence[dict]:
        if self.on_disk:
            return LazyEvents.merged(parts)
        if len(parts) == 1:
            seg, pos = parts[0]
            evs = seg.events
            return [evs[i] for i in pos]
        streams = [_keyed(seg, pos) for seg, pos in parts]
        return [t[2] for t in heapq.merge(*streams, key=lambda t: (t[0], t[1]))]

    def _note_ids(self, words: tuple[str, ...]) -> set[str]:
        """Records whose notes hold the term ``words`` (in any script)."""
        return self._notes.term(words, phrase=len(words) > 1)

    def _term_events(self, t: Term, seg: Segment) -> frozenset[int] | set[int]:
        def compute() -> frozenset[int]:
            if not t.phrase:
                found = seg.word_or_actor_positions(t.words[0], self._actor_index.by_name(t.words))
                other = seg.phonetic_word_positions(t.words[0])
            else:
                found = seg.phrase_positions(t.words)
                via_actors = seg.of_actors(self._actor_index.by_name(t.words))
                found = found if via_actors <= found else found | via_actors
                other = seg.phonetic_phrase_positions(t.words)
            return found if other <= found else found | other

        # a segment's own text and actors never change, so its answer for a term is kept;
        # notes are the user's and are added fresh each time
        hits = seg.cached(("term", t.words, t.phrase), compute)
        noted = seg.positions_of_ids(self._note_ids(t.words))
        return hits | noted if noted else hits

    def _run_events(self, run: list[Term], seg: Segment) -> list[set[int] | frozenset[int]]:
        """The sets a run of positive terms asks for: one per term, or, when some neighbours
        spell one name in another script (Choe Son Hui as 최선희, Kim Jong Un as Ким Чен Ын),
        one set: the events matching some cutting of the run into single terms (each as
        usual) and such names."""
        singles = [self._term_events(t, seg) for t in run]
        joined: dict[tuple[int, int], frozenset[int] | set[int]] = {}
        for j, i, words in run_words(run):
            hits = seg.phonetic_phrase_positions(words)
            noted = self._notes.joined(words)
            if noted:
                hits = hits | seg.positions_of_ids(noted)
            named = self._actor_index.joined(words, names_only=True)
            if named:
                hits = hits | seg.of_actors(named)
            if hits:
                joined[(j, i)] = hits
        if not joined:
            return singles  # the common case: the terms are ANDed as they always were
        return [best_cutting(singles, joined)]

    def _actor_ids_for(self, value: str) -> set[str]:
        if value in self.actors:
            return {value}
        words = tuple(tokens(value))
        return self._actor_index.by_name(words) if words else set()

    def _qual_events(self, q: Qualifier, seg: Segment) -> frozenset[int] | set[int]:
        if q.name in ("is", "has", "actor", "country", "kind"):
            return self._qual_events_now(q, seg)  # these depend on the user's layer
        key = ("qual", q.name, q.value, q.codes, q.date_range)
        return seg.cached(key, lambda: self._qual_events_now(q, seg))

    def _qual_events_now(self, q: Qualifier, seg: Segment) -> set[int] | frozenset[int]:
        name = q.name
        if name == "actor":
            return seg.of_actors(self._actor_ids_for(q.value))
        if name == "sector":
            return seg.by_keys(seg.sector_events, q.codes)
        if name == "status":
            return seg.by_keys(seg.status_events, q.codes)
        if name == "type":
            return seg.by_keys(seg.type_events, q.codes)
        if name in ("country", "kind"):
            field = "country" if name == "country" else "kind"
            codes = set(q.codes)
            return seg.of_actors(a["id"] for a in self.actors.values() if a.get(field) in codes)
        if name == "date":
            return seg.by_written_date(q.codes[0], q.codes[1] == "year-only")
        if name in ("year", "from", "to"):
            assert q.date_range is not None
            return seg.in_range(*q.date_range)
        if name == "source":
            keys = [s for s in seg.source_events if s == q.value or fold(s).startswith(q.value)]
            return seg.by_keys(seg.source_events, keys)
        if name == "is":
            code = q.codes[0] if len(q.codes) == 1 else q.value
            if code == "bookmarked":
                return seg.positions_of_ids(self._user.bookmarks)
            if code == "user":
                return seg.universe() if seg.user else set()
            if code == "inferred":
                return seg.cached(("is", "inferred"), lambda: seg.inferred)
            if code in ("span", "window", "seasonal"):
                kind = "season" if code == "seasonal" else code
                return seg.by_keys(seg.when_events, (kind,))
            return set()
        if name == "has":
            code = q.codes[0] if len(q.codes) == 1 else q.value
            if code == "note":
                return seg.positions_of_ids(self._user.notes)
            if code == "figures":
                return seg.cached(("has", "figures"), lambda: seg.with_figures)
            if code == "status":
                return seg.by_keys(seg.status_events, list(seg.status_events))
            return set()
        return set()  # pragma: no cover - the parser admits only known qualifiers

    def _eval_events(self, q: Query, seg: Segment) -> set[int] | frozenset[int] | None:
        pos_sets: list[set[int] | frozenset[int]] = []
        neg_sets: list[set[int] | frozenset[int]] = []
        run: list[Term] = []  # consecutive positive terms: maybe one name in another script
        for t in (*q.terms, None):
            if t is not None and not t.negated:
                run.append(t)
                continue
            if run:
                pos_sets.extend(self._run_events(run, seg))
                run = []
            if t is not None:
                neg_sets.append(self._term_events(t, seg))
        for ql in q.qualifiers:
            (neg_sets if ql.negated else pos_sets).append(self._qual_events(ql, seg))
        if len(pos_sets) == 1 and not neg_sets:
            return pos_sets[0]  # no copy: the common search-as-you-type case
        result: set[int] | frozenset[int] | None = None
        for s in sorted(pos_sets, key=len):
            result = s if result is None else result & s
            if not result:
                return set()
        for s in neg_sets:
            if result is None:
                result = seg.universe()
            result = result - s
        return result

    def _eval_actors(self, q: Query) -> set[str]:
        result: set[str] | None = None
        universe = set(self.actors)

        def combine(hits: set[str], negated: bool) -> None:
            nonlocal result
            if negated:
                result = (universe if result is None else result) - hits
            else:
                result = hits if result is None else result & hits

        ai = self._actor_index
        found = eval_terms(
            q.terms,
            lambda t: ai.by_text(t.words) | (self._note_ids(t.words) & universe),
            lambda words: ai.joined(words) | (self._notes.joined(words) & universe),
            lambda: set(universe),
        )
        if found is not None:
            combine(found, False)
        for ql in q.qualifiers:
            if ql.name in ("kind", "country"):
                codes = set(ql.codes)
                hits = {a["id"] for a in self.actors.values() if a.get(ql.name) in codes}
            elif ql.name == "actor":
                hits = self._actor_ids_for(ql.value)
            elif ql.name == "is" and ql.codes[:1] == ("bookmarked",):
                hits = set(self._user.bookmarks) & universe
            elif ql.name == "is" and ql.codes[:1] == ("user",):
                hits = {a for a in universe if a not in self.curated_ids}
            elif ql.name == "has" and ql.codes[:1] == ("note",):
                hits = set(self._user.notes) & universe
            else:  # an event qualifier: actors with at least one such event
                hits = set()
                for seg in self._segments:
                    for pos in self._qual_events(
                        Qualifier(ql.name, ql.value, False, ql.raw, ql.codes, ql.date_range), seg
                    ):
                        hits.update(self.event_actor_ids(seg.events[pos]))
            combine(hits, ql.negated)
        return universe if result is None else result


def _by_name(a: dict) -> tuple[str, str]:
    return (fold(a.get("name", "")), a["id"])


# a store file this small loads (parse, validate, index) in tens of milliseconds
QUICK_BYTES = 1_500_000


def _rels_keyed(rels: list[dict]) -> tuple[dict[str, dict], dict[str, list[dict]]]:
    """``rels`` by id (the last of an id) and by the actor at each end (a relation with
    the same actor at both ends is listed twice)."""
    rel_of: dict[str, list[dict]] = {}
    for r in rels:
        for end in (r.get("subject"), r.get("object")):
            if end:
                rel_of.setdefault(end, []).append(r)
    return {r["id"]: r for r in rels}, rel_of


class _Relations:
    """The curated relations held in memory, with the lookups ``diskindex.DiskRelations``
    answers from the index (the engine asks either the same way)."""

    def __init__(self, rels: list[dict]) -> None:
        self._list = rels
        self._keys: tuple[dict[str, dict], dict[str, list[dict]]] | None = None
        self._ids = frozenset(r["id"] for r in rels)

    def _keyed(self) -> tuple[dict[str, dict], dict[str, list[dict]]]:
        if self._keys is None:
            self._keys = _rels_keyed(self._list)
        return self._keys

    def all(self) -> list[dict]:
        return self._list

    def ids(self) -> frozenset[str]:
        return self._ids

    def __contains__(self, rid: object) -> bool:
        return rid in self._ids

    def get(self, rid: str) -> dict | None:
        return self._keyed()[0].get(rid)

    def of_actor(self, actor_id: str) -> list[dict]:
        return list(self._keyed()[1].get(actor_id, ()))


class _RelationIds(AbstractSet[str]):
    """The curated relations' ids as a set that asks the index one id at a time."""

    def __init__(self, rels: diskindex.DiskRelations | _Relations) -> None:
        self._rels = rels

    def __contains__(self, rid: object) -> bool:
        return rid in self._rels

    def __iter__(self) -> Iterator[str]:
        return iter(self._rels.ids())

    def __len__(self) -> int:
        return len(self._rels.ids())


class _CuratedIds:
    """The curated ids when the events stay on disk: events and relations are asked of
    the index, the sources' and actors' ids read when first asked."""

    def __init__(
        self,
        others: Callable[[], frozenset[str]],
        base: Segment,
        rels: diskindex.DiskRelations | _Relations,
    ) -> None:
        self.base, self.rels = base, rels
        self._others_of = others
        self._others: frozenset[str] | None = None

    @property
    def others(self) -> frozenset[str]:
        if self._others is None:
            self._others = self._others_of()
        return self._others

    def __contains__(self, rid: object) -> bool:
        return rid in self.others or rid in self.base.pos_of or rid in self.rels

    def __iter__(self) -> Iterator[str]:
        yield from self.others
        yield from self.rels.ids()
        yield from self.base.pos_of

    def __len__(self) -> int:
        return len(self.others) + len(self.rels.ids()) + len(self.base)


class _Actors:
    """The curated actor index (built once) and the user's (rebuilt with each snapshot),
    answering as one. The user's actors are also found in another script by phonetic keys
    (an actor named only «Лавров» by Lavrov): the curated ones carry hand-written aliases in
    every script, and are matched by those only, as before."""

    def __init__(self, curated: ActorIndex, user: ActorIndex) -> None:
        self.curated, self.user = curated, user
        self._names = TokenIndex({aid: seqs for aid, seqs in user.name_seqs.items()})
        self._texts = TokenIndex({aid: seqs for aid, seqs in user.text_seqs.items()})

    @property
    def user_indexes(self) -> tuple[TokenIndex[str], ...]:
        return (self._texts,)

    def by_name(self, words: tuple[str, ...]) -> set[str]:
        return (
            self.curated.by_name(words)
            | self.user.by_name(words)
            | self._names.term(words, phrase=len(words) > 1)
        )

    def by_text(self, words: tuple[str, ...]) -> set[str]:
        return (
            self.curated.by_text(words)
            | self.user.by_text(words)
            | self._texts.term(words, phrase=len(words) > 1)
        )

    def joined(self, words: tuple[str, ...], names_only: bool = False) -> set[str]:
        """User actors holding ``words`` as one name in another script (Choe Son Hui) in
        their name or an alias (or, unless ``names_only``, their description)."""
        return (self._names if names_only else self._texts).joined(words)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a store is parsed and indexed.

    A load allocates millions of containers (one dict per record, lists, index tables) and
    frees almost none, none of them in cycles; with the collector on, CPython walks the whole
    growing heap again and again (about half the time of parsing a 100k store). One
    collection at the end moves the survivors to the oldest generation at the cost of a
    single walk, so the deferred work (two or three walks if left to the collector's
    thresholds) does not land on a later keystroke instead."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        if gc.get_count()[0] > _GC_AFTER_LOAD:
            gc.collect()


# a load that allocated fewer containers than this (a small store) leaves them to the next
# young-generation collection, which is cheap at that size; a full one would walk the app too
_GC_AFTER_LOAD = 50_000


def _keyed(seg: Segment, positions: Iterable[int]):
    starts, evs = seg.starts, seg.events
    return ((starts[i], evs[i]["id"], evs[i]) for i in sorted(positions))


def _related_on_disk(
    seg: DiskSegment, linked: list[str], event_id: str, here: int, limit: int
) -> list[tuple[str, int, int]]:
    """``Engine.related_events`` over the on-disk segment: (id, shared actors, year) of
    at least the ``limit`` best of its events by (most shared, nearest year, id), without
    reading every event of a frequent actor (Pyongyang: a fifth of the store).

    Scores come from bitsets (``at_least[k]``: the events of at least k of ``linked``); within
    a score, years widen from ``here`` until enough events are found. An event's position
    follows its start day, whose year is its date's year or (a winter) the one before: the
    window of positions read covers both."""
    table: Any = seg.actor_events
    at_least: list[int] = [0]
    for aid in linked:  # an actor named twice counts twice, as it does in memory
        bits = table.bits([aid])
        at_least.append(0)
        for k in range(len(at_least) - 1, 1, -1):
            at_least[k] |= at_least[k - 1] & bits
        at_least[1] |= bits
    me = seg.pos_of.get(event_id)
    mask = ~(1 << me) if me is not None else -1
    out: list[tuple[str, int, int]] = []
    for s in range(len(at_least) - 1, 0, -1):
        level = at_least[s] & ~(at_least[s + 1] if s + 1 < len(at_least) else 0) & mask
        if not level:
            continue
        d = 0
        while True:
            lo, hi = parse_date(str(max(1, here - d - 1))), parse_date(str(min(9999, here + d)))
            a = bisect_left(seg.starts, lo[0]) if lo and here - d - 1 >= 1 else 0
            b = bisect_right(seg.starts, hi[1]) if hi and here + d <= 9999 else seg.n
            every = a == 0 and b == seg.n
            near = level & span_bits(a, b)
            if every or near.bit_count() >= limit:
                got = LazyEvents(seg, None, decode(near >> a, a)).id_dates()
                years = [(i, _year({"date": dt})) for i, dt in got]
                close = [(i, y) for i, y in years if abs(y - here) <= d]
                if every or len(close) >= limit:
                    out += [(i, s, y) for i, y in (years if every else close)]
                    break
            d = d + 1 if d < 8 else d * 2
        if len(out) >= limit:
            break
    return out


def _year(ev: dict | None) -> int:
    try:
        return int(str((ev or {}).get("date", "0"))[:4])
    except ValueError:
        return 0


__all__ = ["Engine", "StoreError"]
