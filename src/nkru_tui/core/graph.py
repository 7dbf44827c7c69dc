"""The shape of the relationship: an actor's neighbourhood and events over time.

Both are computed from the engine's indexes, so they follow the same query and filters as
the timeline.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class Neighbour:
    actor_id: str
    relations: list[tuple[str, str]] = field(default_factory=list)  # (type, "out"|"in")
    shared_events: int = 0


def neighbourhood(eng, actor_id: str, limit: int = 24) -> list[Neighbour]:
    """Actors linked to ``actor_id`` by typed relations or shared events.

    Ordered: typed relations first, then by how many events they share, then by name.
    """
    found: dict[str, Neighbour] = {}
    for rel in eng.relations_of_actor(actor_id):
        out = rel.get("subject") == actor_id
        other = rel.get("object") if out else rel.get("subject")
        if not other or other == actor_id or other not in eng.actors:
            continue
        nb = found.setdefault(other, Neighbour(other))
        entry = (rel.get("type", ""), "out" if out else "in")
        if entry not in nb.relations:
            nb.relations.append(entry)
    shared: Counter[str] = Counter()
    for ev in eng.events_of_actor(actor_id):
        for other in set(eng.event_actor_ids(ev)):
            if other != actor_id and other in eng.actors:
                shared[other] += 1
    for other, n in shared.items():
        found.setdefault(other, Neighbour(other)).shared_events = n
    ranked = sorted(
        found.values(),
        key=lambda nb: (not nb.relations, -nb.shared_events, eng.actor_name(nb.actor_id).lower()),
    )
    return ranked[:limit]


def density(events: list[dict], by: str = "year") -> list[tuple[str, Counter[str]]]:
    """Events per period (``year`` or ``month``) split by each event's first sector.

    Every period from the first to the last is present (empty ones too), so a chart has no
    gaps that hide time. An event counts once, in the period of its start date.
    """
    return density_of(((ev, 1) for ev in events), by)


def density_of(
    weighted: Iterable[tuple[dict, int]], by: str = "year"
) -> list[tuple[str, Counter[str]]]:
    """``density`` of events given as (event, how many events count as it): a large
    store's chart counts one summary per distinct (month, first sector, window)."""
    counts: dict[str, Counter[str]] = {}
    for ev, n in weighted:
        key = period_key(ev, by)
        if key is None:
            continue
        sector = (ev.get("sectors") or ["other"])[0]
        bar = counts.get(key)
        if bar is None:
            bar = counts[key] = Counter()
        bar[sector] += n
    if not counts:
        return []
    keys = sorted(k for k in counts)
    if by == "year":
        first, last = int(keys[0]), int(keys[-1])
        if last - first <= 400:
            keys = [str(y) for y in range(first, last + 1)]
    else:
        dated = [k for k in keys if not k.endswith("??")]
        if dated:
            y0, m0 = map(int, dated[0].split("-"))
            y1, m1 = map(int, dated[-1].split("-"))
            span: list[str] = []
            y, m = y0, m0
            while (y, m) <= (y1, m1) and len(span) < 2400:
                span.append(f"{y:04d}-{m:02d}")
                m += 1
                if m > 12:
                    y, m = y + 1, 1
            keys = sorted(set(span) | set(keys))
    return [(k, counts.get(k, Counter())) for k in keys]


def period_key(ev: dict, by: str = "year") -> str | None:
    """The bar ``ev`` counts under: the year (or month, ``YYYY-??`` for a year-only date) of
    its ``date`` as written, a span's or window's start; None when undated."""
    d = ev.get("date") or ""
    if not isinstance(d, str) or len(d) < 4:
        return None
    return d[:4] if by == "year" else (d[:7] if len(d) >= 7 else d[:4] + "-??")


def window_counts(events: list[dict], by: str = "year") -> Counter[str]:
    """Per bar, how many of its events are windows (``latest``): counted under their start,
    they may have happened in a later period."""
    return window_counts_of(((ev, 1) for ev in events), by)


def window_counts_of(weighted: Iterable[tuple[dict, int]], by: str = "year") -> Counter[str]:
    """``window_counts`` of (event, weight) pairs, as ``density_of``."""
    out: Counter[str] = Counter()
    for ev, n in weighted:
        if ev.get("latest") and not ev.get("end_date"):
            key = period_key(ev, by)
            if key is not None:
                out[key] += n
    return out


def period_query(key: str) -> str:
    """The query qualifier that narrows to exactly one density bar's events (counted, like
    the bars, by start date as written; ``YYYY-??`` is the bar of year-only dates)."""
    return f"date:{key}"
