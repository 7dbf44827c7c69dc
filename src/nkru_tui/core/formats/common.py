"""What every exchange format shares: the records an export carries and their dates.

An export starts from the events a query finds. ``bundle`` adds what those events need to
stand on their own in another tool: the actors and places they name, the relations between
those actors, and every source that any of these records cites. An empty query exports the
whole store, actors and relations that no event names included.

Dates follow the team's data model: ``date`` (earliest), ``end_date`` (a span), ``latest`` (a
window: one moment somewhere between ``date`` and ``latest``), ``season`` (with a year), and
``date_inferred`` + ``date_note``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..dates import edtf, human_when, when_long
from ..render import figure_line, inferred_text
from ..schema import DATE_RE, RELATION_TYPES


@dataclass
class Bundle:
    """The records of one export, each list in a stable order."""

    events: list[dict] = field(default_factory=list)
    actors: list[dict] = field(default_factory=list)
    relations: list[dict] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)


def cited_sources(rec: dict) -> list[str]:
    out: list[str] = []
    for ev in rec.get("evidence", ()) or ():
        sid = ev.get("source") if isinstance(ev, dict) else None
        if isinstance(sid, str) and sid not in out:
            out.append(sid)
    return out


def bundle(eng: Any, events: list[dict], query: str) -> Bundle:
    """The events ``query`` found and everything they reference (see the module's text)."""
    everything = not query.strip()
    if everything:
        actor_ids = list(eng.actors)
    else:
        actor_ids = []
        for ev in events:
            for aid in eng.event_actor_ids(ev):
                if aid in eng.actors and aid not in actor_ids:
                    actor_ids.append(aid)
    chosen = set(actor_ids)
    relations = [
        r
        for r in eng.relations
        if everything or (r.get("subject") in chosen and r.get("object") in chosen)
    ]
    actors = [eng.actors[a] for a in actor_ids]
    source_ids: list[str] = []
    for rec in [*events, *actors, *relations]:
        for sid in cited_sources(rec):
            if sid in eng.sources and sid not in source_ids:
                source_ids.append(sid)
    if everything:
        source_ids += [s for s in eng.sources if s not in source_ids]
    return Bundle(list(events), actors, relations, [eng.sources[s] for s in source_ids])


# ------------------------------------------------------------------------------- dates


def date_parts(d: Any) -> list[int] | None:
    """[year], [year, month] or [year, month, day] for a stored date; None if not one."""
    if not isinstance(d, str):
        return None
    m = DATE_RE.match(d)
    if not m:
        return None
    return [int(p) for p in m.groups() if p is not None]


def display_when(rec: dict) -> str:
    """When ``rec`` happened, in words for a reader of another tool: "June 2024",
    "2008–2013", "between 2024 and 2025?" (a window), "spring 2024"; an inferred date says so
    ("2026 (date inferred)")."""
    if rec.get("date_inferred") is True:
        return human_when(dict(rec, date_inferred=False), words=True) + " (date inferred)"
    return human_when(rec, words=True)


def relation_label(rtype: str) -> str:
    return RELATION_TYPES.get(rtype, rtype.replace("_", " "))


def inferred_note(rec: dict) -> str:
    note = rec.get("inferred_note") or rec.get("note") or ""
    return note if isinstance(note, str) else ""


__all__ = [
    "Bundle",
    "bundle",
    "cited_sources",
    "date_parts",
    "display_when",
    "edtf",
    "figure_line",
    "human_when",
    "inferred_note",
    "inferred_text",
    "relation_label",
    "when_long",
]
