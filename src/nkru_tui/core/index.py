"""In-memory indexes built once at load, so a search never rescans the raw records.

A ``Segment`` indexes one sorted list of events (the curated store, or the user's own records);
``ActorIndex`` indexes actor names and aliases in every script. Word postings are kept per
folded token; a prefix is answered by a binary search over the sorted vocabulary.
"""

from __future__ import annotations

import itertools
from array import array
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar, cast

from .dates import SEASON, SPAN, WINDOW, bounds, when_kind
from .store import parse_date
from .textnorm import tokens, tokens_uncached
from .translit import (
    HANGUL,
    OTHER,
    STOPWORDS,
    PhoneticMap,
    hangul_groups,
    query_keys,
    script_of,
)

X = TypeVar("X", bound=Hashable)

PositionSet = set[int]

# A word this short matches whole words only (a one-letter prefix would match nearly all),
# unless it is a non-Latin character such as a Hangul syllable.
MIN_PREFIX = 2


def event_text_fields(ev: dict) -> Iterator[str]:
    """The searchable text of an event, in a stable order (phrases are checked within one)."""
    yield ev.get("id", "")
    yield ev.get("date", "")
    for f in ("end_date", "latest", "season"):
        if ev.get(f):
            yield ev[f]
    yield ev.get("title", "")
    yield ev.get("summary", "")
    yield " ".join(ev.get("sectors", ()))
    if ev.get("status"):
        yield ev["status"].replace("_", " ")
    if ev.get("type"):
        yield ev["type"]
    for fig in ev.get("figures", ()):
        if isinstance(fig, dict):
            yield f"{fig.get('value', '')} {fig.get('unit', '')} {fig.get('counts', '')}"
    for a in ev.get("actors", ()):
        if isinstance(a, dict) and a.get("role"):
            yield a["role"]
    for e in ev.get("evidence", ()) or ():
        if isinstance(e, dict):
            yield e.get("quote", "")


def _digest(ids: Iterable[Any]) -> str:
    joined = "\0".join(map(str, ids))
    import hashlib

    return hashlib.blake2b(joined.encode("utf-8", "replace"), digest_size=16).hexdigest()


def _pack(table: Mapping[str, Sequence[int]], keys: list[str]) -> list:
    """``table`` (key -> positions) as [keys, offsets, positions]: two packed uint32 arrays,
    the positions of ``keys[i]`` being ``positions[offsets[i]:offsets[i + 1]]``."""
    flat = array("I")
    offsets = array("I", [0])
    for k in keys:
        flat.extend(table[k])
        offsets.append(len(flat))
    return [keys, offsets.tobytes(), flat.tobytes()]


def _unpack_array(code: str, data: bytes, n: int | None = None) -> array:
    arr = array(code)
    arr.frombytes(data)
    if n is not None and len(arr) != n:
        raise ValueError("length")
    return arr


def _unpack(
    packed: list,
    n: int | None = None,
    ints: list[int] | None = None,
) -> tuple[list[str], dict[str, Sequence[int]]]:
    """What ``_pack`` made: the keys, and each key's positions as a view into one array
    (no copy, no Python int per position); or, given ``ints`` (``list(range(n))``), as lists
    of those shared ints, as a fresh build makes them (a union of lists is faster than one
    of views). With ``n``, every position must be below it."""
    keys, offsets, flat = packed
    if not isinstance(keys, list):
        raise TypeError("keys")
    offs = _unpack_array("I", offsets, len(keys) + 1)
    arr = _unpack_array("I", flat)
    if offs[0] != 0 or offs[-1] != len(arr) or (n is not None and arr and max(arr) >= n):
        raise ValueError("offsets")
    view = memoryview(arr) if ints is None else list(map(ints.__getitem__, arr))
    return keys, dict(zip(keys, map(view.__getitem__, map(slice, offs[:-1], offs[1:]))))


def prefix_range(vocab: list[str], prefix: str) -> tuple[int, int]:
    lo = bisect_left(vocab, prefix)
    hi = bisect_left(vocab, prefix + "\U0010ffff")
    return lo, hi


def word_matches(vocab: list[str], word: str, prefix: bool) -> Iterable[str]:
    """The vocabulary entries that ``word`` matches (as a prefix where allowed)."""
    if not prefix or (len(word) < MIN_PREFIX and word.isascii()):
        i = bisect_left(vocab, word)
        return vocab[i : i + 1] if i < len(vocab) and vocab[i] == word else ()
    lo, hi = prefix_range(vocab, word)
    return vocab[lo:hi]


def seq_contains(seq: list[str], words: tuple[str, ...]) -> bool:
    """``words`` appear consecutively in ``seq``; the last word may be a prefix."""
    n = len(words)
    if n == 0:
        return True
    head, last = words[:-1], words[-1]
    for i in range(len(seq) - n + 1):
        if tuple(seq[i : i + n - 1]) == head and seq[i + n - 1].startswith(last):
            return True
    return False


def _all_of(sets: list[set[X]]) -> set[X]:
    sets = sorted(sets, key=len)
    out = set(sets[0]) if sets else set()
    for s in sets[1:]:
        if not out:
            break
        out &= s
    return out


# A name read as several words is looked up as exact phrases of the words that carry each
# part's key; past this many combinations the reading is not tried (a key shared by many
# words, such as a lone vowel, says little).
MAX_PHRASE_COMBOS = 128


def has_run(seq: Sequence[str], words: tuple[str, ...]) -> bool:
    """``words`` appear in ``seq`` as consecutive whole tokens."""
    n = len(words)
    return any(tuple(seq[i : i + n]) == words for i in range(len(seq) - n + 1))


def _combos(pm: PhoneticMap, keysets: list[tuple[str, ...]], exclude: str) -> list[tuple[str, ...]]:
    """Token sequences (of scripts other than ``exclude``) whose first token carries one of
    ``keysets[0]``, the second one of ``keysets[1]``, ...; none past ``MAX_PHRASE_COMBOS``."""
    choices = [
        [t for t in dict.fromkeys(pm.tokens(k, exclude)) if t not in STOPWORDS] for k in keysets
    ]
    total = 1
    for c in choices:
        total *= len(c)
    if not total or total > MAX_PHRASE_COMBOS:
        return []
    return list(itertools.product(*choices))


def phonetic_word_seqs(pm: PhoneticMap, word: str, short_ok: bool = False) -> list[tuple[str, ...]]:
    """The token sequences of ``pm``'s vocabulary that ``word`` matches through its phonetic
    key among the words of other scripts: single tokens (Lavrov -> лавров), or, for a Hangul
    word, consecutive words of Latin or Cyrillic (최선희 -> choe son hui)."""
    if script_of(word) != HANGUL:
        return [(t,) for t in pm.word_tokens(word, short_ok)]
    out: list[tuple[str, ...]] = []
    for groups in hangul_groups(word):
        if len(groups) == 1:
            out += [(t,) for t in pm.tokens(groups, HANGUL)]
        else:
            out += _combos(pm, [(g,) for g in groups], HANGUL)
    return out


def phonetic_phrase_seqs(pm: PhoneticMap, words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The token sequences that several words (a phrase, or neighbours in a query) match as
    ONE name in another script: a Hangul word they spell together (Choe Son Hui = 최선희), or
    consecutive words whose keys match one by one (Kim Jong Un = Ким Чен Ын)."""
    out: list[tuple[str, ...]] = [(t,) for t in pm.joined_tokens(words)]
    script = script_of(words[0])
    if script == OTHER or any(script_of(w) != script for w in words[1:]):
        return out
    wanted = [query_keys(w, short_ok=True) for w in words]
    if all(wanted):
        out += _combos(pm, wanted, script)
    return out


def seq_hits(
    post: Mapping[str, Collection[X]],
    phrase: Callable[[tuple[str, ...]], Iterable[X]],
    seqs: Iterable[tuple[str, ...]],
) -> set[X]:
    """The records holding one of ``seqs`` (``post``: token -> records; ``phrase``: the
    records holding an exact sequence of tokens)."""
    todo = list(dict.fromkeys(seqs))
    union = getattr(post, "union", None)
    if union is not None:  # the on-disk index: every single token in one read, one bitset
        found = union([seq[0] for seq in todo if len(seq) == 1])
        for seq in todo:
            if len(seq) > 1:
                found = found | phrase(seq)
        return found
    out: set[X] = set()
    for seq in todo:
        out.update(post[seq[0]] if len(seq) == 1 else phrase(seq))
    return out


def phonetic_word_hits(
    pm: PhoneticMap,
    post: Mapping[str, Collection[X]],
    phrase: Callable[[tuple[str, ...]], Iterable[X]],
    word: str,
    short_ok: bool = False,
) -> set[X]:
    """What ``word`` finds through its phonetic key among the words of other scripts."""
    return seq_hits(post, phrase, phonetic_word_seqs(pm, word, short_ok))


def phonetic_phrase_hits(
    pm: PhoneticMap,
    post: Mapping[str, Collection[X]],
    phrase: Callable[[tuple[str, ...]], Iterable[X]],
    words: tuple[str, ...],
) -> set[X]:
    """What several words find as ONE name in another script (``phonetic_phrase_seqs``)."""
    return seq_hits(post, phrase, phonetic_phrase_seqs(pm, words))


class EventTables:
    """The per-key position tables of events (actor, sector, source, status, type, when) and
    the inferred and with-figures positions, filled one event at a time: the in-memory
    ``Segment`` and the streaming index build (core/diskbuild.py) both fill them here."""

    def __init__(self, positions: Callable[[], Any] = list) -> None:
        """``positions``: the kind of list each key's positions are appended to (a packed
        ``array`` keeps a million events' tables small)."""
        self.actor: dict[str, list[int]] = defaultdict(positions)
        self.sector: dict[str, list[int]] = defaultdict(positions)
        self.source: dict[str, list[int]] = defaultdict(positions)
        self.status: dict[str, list[int]] = defaultdict(positions)
        self.type: dict[str, list[int]] = defaultdict(positions)
        # "span", "window", "season" -> positions (``is:span``, ``is:window``, ``is:seasonal``)
        self.when: dict[str, list[int]] = defaultdict(positions)
        # ascending, each position once
        self.inferred: list[int] = positions()
        self.with_figures: list[int] = positions()

    def add(self, pos: int, ev: dict) -> None:
        linked = {a["id"] for a in ev.get("actors", ()) if isinstance(a, dict) and "id" in a}
        linked.update(ev.get("places", ()))
        for aid in linked:
            self.actor[aid].append(pos)
        for s in ev.get("sectors", ()):
            self.sector[s].append(pos)
        for src in {e.get("source") for e in ev.get("evidence", ()) or () if isinstance(e, dict)}:
            if src:
                self.source[src].append(pos)
        if ev.get("status"):
            self.status[ev["status"]].append(pos)
        self.type[ev.get("type") or "occurrence"].append(pos)
        kind = when_kind(ev)
        if kind in (SPAN, WINDOW, SEASON):
            self.when[kind].append(pos)
        if ev.get("date_inferred") is True or ev.get("inferred") is True:
            self.inferred.append(pos)
        if ev.get("figures"):
            self.with_figures.append(pos)

    def items(self) -> dict[str, Mapping[str, Sequence[int]]]:
        """By their names in ``Segment.TABLES``."""
        return {
            "actor": self.actor,
            "sector": self.sector,
            "source": self.source,
            "status": self.status,
            "type": self.type,
            "when": self.when,
        }


class Segment:
    """An index over one list of events, sorted by (start date, id)."""

    # the per-key position tables, by their name in a cache (``export_cache``)
    TABLES = ("actor", "sector", "source", "status", "type", "when")

    def __init__(
        self,
        events: Iterable[dict],
        *,
        user: bool = False,
        postings: dict[str, Sequence[int]] | None = None,
    ) -> None:
        """Index ``events``; ``postings`` from a cache skips the text scan, which is most of a
        large store's load time (``from_cache`` restores every other part as well)."""
        evs = []
        for ev in events:
            # a span's whole run, a window's whole range, a season's months
            rng = bounds(ev) or (0, 0)
            evs.append((rng[0], ev.get("id", ""), rng[1], ev))
        evs.sort(key=lambda t: (t[0], t[1]))
        self.user = user
        self.events: list[dict] = [t[3] for t in evs]
        self.starts: list[int] = [t[0] for t in evs]
        self.ends: list[int] = [t[2] for t in evs]
        self.pos_of: dict[str, int] = {t[1]: i for i, t in enumerate(evs)}
        self.spans: list[int] = [i for i, t in enumerate(evs) if t[2] > t[0]]
        fresh: dict[str, list[int]] = defaultdict(list)
        tables = EventTables()
        for pos, ev in enumerate(self.events):
            if postings is None:
                # one fold and one scan over all of an event's text: the hot loop of a load
                for tok in set(tokens_uncached("\n".join(event_text_fields(ev)))):
                    fresh[tok].append(pos)
            tables.add(pos, ev)
        self.actor_events = tables.actor
        self.sector_events = tables.sector
        self.source_events = tables.source
        self.status_events = tables.status
        self.type_events = tables.type
        self.when_events: dict[str, Sequence[int]] = {k: v for k, v in tables.when.items()}
        self.inferred: set[int] = set(tables.inferred)
        self.with_figures: set[int] = set(tables.with_figures)
        self.postings: dict[str, Sequence[int]] = (
            postings
            if postings is not None
            else {tok: array("I", lst) for tok, lst in fresh.items()}
        )
        del fresh
        self.vocab: list[str] = sorted(self.postings)
        self._cache: dict[tuple, frozenset[int]] = {}
        self._phon: PhoneticMap | None = None

    def __len__(self) -> int:
        return len(self.events)

    def ids_digest(self) -> str:
        """Identifies the order of events the postings' positions refer to."""
        return _digest(ev.get("id", "") for ev in self.events)

    # ---------------------------------------------------------------- cache

    def _tables(self) -> dict[str, Mapping[str, Sequence[int]]]:
        return {
            "actor": self.actor_events,
            "sector": self.sector_events,
            "source": self.source_events,
            "status": self.status_events,
            "type": self.type_events,
            "when": self.when_events,
        }

    def export_cache(self, source: list[dict]) -> dict:
        """Everything ``from_cache`` needs to rebuild this segment over ``source`` (the
        events in the order given to ``__init__``) without reading any event's fields:
        the sort order as indexes into ``source``, the date bounds, and every position
        table as one packed array with per-key offsets. Positions are uint32."""
        where = {id(ev): i for i, ev in enumerate(source)}
        order = array("I", [where[id(ev)] for ev in self.events])
        tables = {name: _pack(table, list(table)) for name, table in self._tables().items()}
        return {
            "ids": self.ids_digest(),
            "n": len(self.events),
            "order": order.tobytes(),
            "starts": array("i", self.starts).tobytes(),
            "ends": array("i", self.ends).tobytes(),
            "spans": array("I", self.spans).tobytes(),
            "inferred": array("I", sorted(self.inferred)).tobytes(),
            "with_figures": array("I", sorted(self.with_figures)).tobytes(),
            "postings": _pack(self.postings, self.vocab),
            "tables": tables,
        }

    @classmethod
    def from_cache(cls, source: list[dict], blob: Any) -> Segment | None:
        """The segment ``export_cache`` described, over ``source`` (the same events in the
        same order), or None when ``blob`` is of another layout, damaged, or does not fit
        ``source``: the ids of the restored order must match the digest taken at export."""
        try:
            n = blob["n"]
            if not isinstance(n, int) or n != len(source):
                return None
            order = _unpack_array("I", blob["order"], n)
            starts = _unpack_array("i", blob["starts"], n)
            ends = _unpack_array("i", blob["ends"], n)
            events = list(map(source.__getitem__, order))
            ids = [ev.get("id", "") for ev in events]
            if _digest(ids) != blob["ids"]:
                return None
            vocab, postings = _unpack(blob["postings"])
            ints = list(range(n))
            # given ``ints``, _unpack makes each key's positions a list
            tables = {
                name: cast("dict[str, list[int]]", _unpack(blob["tables"][name], n, ints)[1])
                for name in cls.TABLES
            }
            spans = _unpack_array("I", blob["spans"])
            inferred = _unpack_array("I", blob["inferred"])
            with_figures = _unpack_array("I", blob["with_figures"])
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            return None
        if vocab != sorted(vocab) or any(
            p >= n for p in (*spans[-1:], *inferred[-1:], *with_figures[-1:])
        ):
            return None
        seg = cls.__new__(cls)
        seg.user = False
        seg.events = events
        seg.starts = starts.tolist()
        seg.ends = ends.tolist()
        seg.pos_of = dict(zip(ids, range(n)))
        seg.spans = spans.tolist()
        seg.actor_events = defaultdict(list, tables["actor"])
        seg.sector_events = defaultdict(list, tables["sector"])
        seg.source_events = defaultdict(list, tables["source"])
        seg.status_events = defaultdict(list, tables["status"])
        seg.type_events = defaultdict(list, tables["type"])
        seg.when_events = cast("dict[str, Sequence[int]]", tables["when"])
        seg.inferred = set(inferred)
        seg.with_figures = set(with_figures)
        seg.postings = postings
        seg.vocab = vocab
        seg._cache = {}
        seg._phon = None
        return seg

    # ---------------------------------------------------------------- primitives

    def cached(self, key: tuple, compute) -> frozenset[int]:
        hit = self._cache.get(key)
        if hit is None:
            if len(self._cache) > 512:
                self._cache.clear()
            hit = self._cache[key] = frozenset(compute())  # (no copy of a frozenset)
        return hit

    def word_positions(self, word: str, prefix: bool = True) -> frozenset[int]:
        def compute() -> frozenset[int]:
            post = self.postings
            return frozenset().union(*[post[tok] for tok in word_matches(self.vocab, word, prefix)])

        return self.cached(("w", word, prefix), compute)

    def word_or_actor_positions(self, word: str, actor_ids: Iterable[str]) -> frozenset[int]:
        """``word_positions(word)`` plus the events of ``actor_ids``, built as one set (a
        frequent prefix matches tens of thousands of events: one pass, not a copy)."""
        post, get = self.postings, self.actor_events.get
        return frozenset().union(
            *[post[tok] for tok in word_matches(self.vocab, word, True)],
            *[get(aid, ()) for aid in actor_ids],
        )

    def phonetic(self) -> PhoneticMap:
        """The phonetic keys of this segment's words, built on first use."""
        if self._phon is None:
            self._phon = PhoneticMap(self.vocab)
        return self._phon

    def phonetic_postings(self) -> Mapping[str, Collection[int]]:
        """Token -> positions, for the tokens ``phonetic()`` names."""
        return self.postings

    def exact_phrase_positions(self, words: tuple[str, ...]) -> frozenset[int]:
        """Events holding ``words`` as consecutive whole tokens of one field."""
        return self.cached(("xp", words), lambda: self._exact_phrase_positions(words))

    def _exact_phrase_positions(self, words: tuple[str, ...]) -> set[int]:
        cand = _all_of([set(self.word_positions(w, prefix=False)) for w in words])
        return {
            pos
            for pos in cand
            if any(
                has_run(tokens_uncached(t), words) for t in event_text_fields(self.events[pos]) if t
            )
        }

    def phonetic_word_positions(self, word: str, short_ok: bool = False) -> frozenset[int]:
        """Events holding ``word`` in another script (Lavrov -> «Лавров», 평양 -> Pyongyang)."""
        return self.cached(
            ("pw", word, short_ok),
            lambda: phonetic_word_hits(
                self.phonetic(),
                self.phonetic_postings(),
                self.exact_phrase_positions,
                word,
                short_ok,
            ),
        )

    def phonetic_phrase_positions(self, words: tuple[str, ...]) -> frozenset[int]:
        """Events holding ``words`` as one name in another script (Choe Son Hui -> 최선희)."""
        return self.cached(
            ("pp", words),
            lambda: phonetic_phrase_hits(
                self.phonetic(), self.phonetic_postings(), self.exact_phrase_positions, words
            ),
        )

    def phrase_positions(self, words: tuple[str, ...]) -> frozenset[int]:
        return self.cached(("phrase", words), lambda: self._phrase_positions(words))

    def _phrase_positions(self, words: tuple[str, ...]) -> set[int]:
        cand: set[int] | None = None
        for i, w in enumerate(words):
            hits = self.word_positions(w, prefix=(i == len(words) - 1))
            cand = set(hits) if cand is None else cand & hits
            if not cand:
                return set()
        assert cand is not None
        out = set()
        for pos in cand:
            ev = self.events[pos]
            if any(seq_contains(tokens_uncached(t), words) for t in event_text_fields(ev) if t):
                out.add(pos)
        return out

    def of_actors(self, actor_ids: Iterable[str]) -> frozenset[int]:
        return self.by_keys(self.actor_events, actor_ids)

    def universe(self) -> frozenset[int]:
        """Every position of this segment."""
        return frozenset(range(len(self.events)))

    def by_keys(self, table: Mapping[str, Sequence[int]], keys: Iterable[str]) -> frozenset[int]:
        """The union of ``table``'s positions for ``keys`` (read-only: a frozenset)."""
        get = table.get
        return frozenset().union(*[get(k, ()) for k in keys])

    def in_range(self, lo: int, hi: int) -> frozenset[int]:
        """Events whose [start, end] overlaps [lo, hi]."""
        a = bisect_left(self.starts, lo)
        b = bisect_right(self.starts, hi)
        ends, spans = self.ends, self.spans  # spans: ascending positions of multi-day events
        before = [pos for pos in spans[: bisect_left(spans, a)] if ends[pos] >= lo]
        return frozenset(range(a, b)).union(before) if before else frozenset(range(a, b))

    def by_written_date(self, prefix: str, year_only: bool) -> set[int]:
        """Events whose start date, as written, begins with ``prefix`` (or, with
        ``year_only``, is exactly that year with no month)."""
        rng = parse_date(prefix)
        if rng is None:
            return set()
        a, b = bisect_left(self.starts, rng[0]), bisect_right(self.starts, rng[1])
        evs = self.events
        if year_only:
            return {i for i in range(a, b) if len(str(evs[i].get("date", ""))) == 4}
        return {i for i in range(a, b) if str(evs[i].get("date", "")).startswith(prefix)}

    def positions_of_ids(self, ids: Iterable[str]) -> set[int]:
        return {self.pos_of[i] for i in ids if i in self.pos_of}


class ActorIndex:
    """Names, aliases, ids and descriptions of actors, folded, in every script."""

    def __init__(self, actors: Iterable[dict]) -> None:
        postings: dict[str, set[str]] = defaultdict(set)
        name_postings: dict[str, set[str]] = defaultdict(set)
        self.name_seqs: dict[str, list[list[str]]] = {}
        self.text_seqs: dict[str, list[list[str]]] = {}
        for a in actors:
            aid = a.get("id")
            if not aid:
                continue
            names = [a.get("name", "")] + list(a.get("aliases", ()) or ()) + [aid]
            seqs = [tokens(n) for n in names if n]
            self.name_seqs[aid] = seqs
            for seq in seqs:
                for tok in seq:
                    name_postings[tok].add(aid)
                    postings[tok].add(aid)
            other = [
                a.get("description", "") or "",
                a.get("kind", "") or "",
                a.get("country") or "",
            ]
            oseqs = [tokens_uncached(t) for t in other if t]
            self.text_seqs[aid] = seqs + oseqs
            for seq in oseqs:
                for tok in seq:
                    postings[tok].add(aid)
        self.postings = dict(postings)
        self.vocab = sorted(self.postings)
        self.name_postings = dict(name_postings)
        self.name_vocab = sorted(self.name_postings)

    def _match(self, words: tuple[str, ...], names_only: bool) -> set[str]:
        post = self.name_postings if names_only else self.postings
        vocab = self.name_vocab if names_only else self.vocab
        seqs = self.name_seqs if names_only else self.text_seqs
        cand: set[str] | None = None
        for i, w in enumerate(words):
            hits: set[str] = set()
            for tok in word_matches(vocab, w, prefix=(i == len(words) - 1) or len(words) == 1):
                hits.update(post[tok])
            cand = hits if cand is None else cand & hits
            if not cand:
                return set()
        assert cand is not None
        if len(words) > 1:
            cand = {aid for aid in cand if any(seq_contains(s, words) for s in seqs[aid])}
        return cand

    def by_name(self, words: tuple[str, ...]) -> set[str]:
        """Actors whose name or an alias contains ``words`` (last one a prefix)."""
        return self._match(words, names_only=True)

    def by_text(self, words: tuple[str, ...]) -> set[str]:
        """Actors whose name, aliases, description, kind or country match ``words``."""
        return self._match(words, names_only=False)
