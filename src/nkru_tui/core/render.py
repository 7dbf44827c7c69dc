"""Text for records that every view shares: the CLI, the detail pane and the exports.

Plain strings only; each view escapes or styles them as its medium needs.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from . import schema
from .dates import edtf, human_when, when_long

__all__ = [
    "actor_meta",
    "edtf",
    "figure_line",
    "figure_qualifier",
    "figure_text",
    "human_when",
    "inferred_line",
    "inferred_note",
    "inferred_text",
    "number_text",
    "relation_notes",
    "relation_text",
    "status_text",
    "when_long",
]

# order of magnitude -> words ("order" qualifier): 10 ** n
_ORDERS = {
    1: "tens",
    2: "hundreds",
    3: "thousands",
    4: "tens of thousands",
    5: "hundreds of thousands",
    6: "millions",
    7: "tens of millions",
    8: "hundreds of millions",
    9: "billions",
    10: "tens of billions",
    11: "hundreds of billions",
    12: "trillions",
}

# units measured rather than counted: "less than 5 tonnes", but "fewer than 5 ships"
_MEASURES = {
    "tonne",
    "tonnes",
    "ton",
    "tons",
    "km",
    "kilometres",
    "kilometers",
    "metres",
    "meters",
    "dollars",
    "usd",
    "roubles",
    "rubles",
    "won",
    "yuan",
    "euros",
    "eur",
    "percent",
    "%",
    "hectares",
    "miles",
    "barrels",
    "litres",
    "liters",
    "kg",
    "mw",
    "gw",
    "kwh",
    "square",
    "cubic",
    "money",
    "worth",
    "volume",
}


def figure_qualifier(f: dict) -> str:
    """The figure's qualifier: ``qualifier`` if known, else "about" for the old
    ``approx: true``, else "exact"."""
    q = f.get("qualifier")
    if isinstance(q, str) and q in schema.FIGURE_QUALIFIERS:
        return q
    return "about" if f.get("approx") is True else "exact"


def number_text(v: Any) -> str:
    """1500 -> "1,500"; 2.5 -> "2.5"; anything else as written."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return str(v if v is not None else "")
    if isinstance(v, float):
        if not math.isfinite(v):
            return str(v)
        if v.is_integer():
            v = int(v)
        else:
            return f"{v:,}"
    return f"{v:,}"


def _order_words(v: Any) -> str | None:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v < 10:
        return None
    n = round(math.log10(v))
    return _ORDERS.get(n) if 10**n == v else None


def figure_text(f: dict) -> str:
    """The number as the source gives it, with its unit: "1,500 tourists", "about 1,000
    troops", "at least 10 groups", "more than 10 groups", "at most 5 ships", "fewer than 5
    ships" ("less than 5 tonnes"), and an order of magnitude: "thousands of troops"."""
    v, unit = f.get("value"), " ".join(str(f.get("unit", "") or "").split())
    q = figure_qualifier(f)
    if q == "order":
        words = _order_words(v)
        if words:
            return f"{words} of {unit}" if unit else words
        q = "about"
    num = number_text(v)
    if q == "less_than":
        measured = bool(set(unit.lower().split()) & _MEASURES) or isinstance(v, float)
        prefix = "less than " if measured else "fewer than "
    else:
        prefix = {
            "about": "about ",
            "at_least": "at least ",
            "more_than": "more than ",
            "at_most": "at most ",
        }.get(q, "")
    return f"{prefix}{num} {unit}".rstrip()


def figure_line(f: dict) -> str:
    """ "about 1,500 tourists: Russian tourists in 2024" (what is counted after the colon)."""
    counts = " ".join(str(f.get("counts", "") or "").split())
    return figure_text(f) + (f": {counts}" if counts else "")


def inferred_note(rec: dict) -> str | None:
    """What a record reads into its source (``inferred_note``, or a relation's ``note``), ""
    if it is marked inferred without saying, None when it is not marked inferred."""
    if rec.get("inferred") is not True:
        return None
    for f in ("inferred_note", "note"):
        note = rec.get(f)
        if isinstance(note, str) and note.strip():
            return " ".join(note.split())
    return ""


def inferred_text(rec: dict) -> str:
    """ "inferred: NOTE" for a record that reads into its source; "" otherwise."""
    note = inferred_note(rec)
    if note is None:
        return ""
    return "inferred" + (f": {note}" if note else "")


# statuses that say the event has not (yet) been confirmed as done
NOT_DONE = frozenset(
    ("proposed", "planned", "expected", "speculated", "agreed", "announced", "under_construction")
)


def status_text(rec: dict) -> str:
    """ "planned (not confirmed as done)", "ongoing"; "" for a record without a status."""
    status = rec.get("status")
    if not isinstance(status, str) or not status:
        return ""
    label = status.replace("_", " ")
    return f"{label} (not confirmed as done)" if status in NOT_DONE else label


def inferred_line(rec: dict) -> str:
    """ "Inferred, not stated by the source: NOTE" for a record marked inferred; "" otherwise."""
    note = inferred_note(rec)
    if note is None:
        return ""
    return "Inferred, not stated by the source" + (f": {note}" if note else "")


def relation_text(actor_name: Callable[[str], str], rel: dict) -> str:
    """ "Kim Jong Un signed an agreement with Vladimir Putin" (the type's wording)."""
    kind = str(rel.get("type", ""))
    verb = schema.RELATION_TYPES.get(kind, kind.replace("_", " "))
    return (
        f"{actor_name(str(rel.get('subject', '')))} {verb} {actor_name(str(rel.get('object', '')))}"
    )


def relation_notes(rel: dict) -> str:
    """What follows a relation: " (2024–25?)" when dated, " (inferred: NOTE)" when inferred."""
    out = f" ({human_when(rel)})" if rel.get("date") else ""
    inferred = inferred_text(rel)
    return out + (f" ({inferred})" if inferred else "")


def actor_meta(actor: dict, event_count: int) -> str:
    """ "person · KP (North Korea) · 3 event(s)"."""
    country = actor.get("country")
    cname = schema.COUNTRIES.get(country or "", "")
    where = f"{country} ({cname})" if country and cname else str(country or "no country")
    return f"{actor.get('kind', '')} · {where} · {event_count} event(s)"
