"""What a record's date fields say is known, in every form the program shows or searches.

A record (event or relation) is dated by ``date`` ("YYYY", "YYYY-MM" or "YYYY-MM-DD", the
earliest it can be) and at most one of:

- ``end_date``: a SPAN, it lasted from ``date`` to ``end_date`` ("2008–2013");
- ``latest``: a WINDOW, it happened once, at a time not known more precisely than
  ``date``..``latest`` ("2024–25?");
- ``season`` (with a year-only ``date``): it happened in that season ("spring 2024").

``date_inferred`` (+ ``date_note``) says the date is read into the source, not stated there.

Everything here is derived, never stored: the EDTF (ISO 8601-2) form ``edtf``, the text a
reader sees (``human_when``, ``when_long``), and the day bounds (``bounds``) the engine
searches by. A season's months are the northern-hemisphere meteorological ones: spring is
March to May, summer June to August, autumn September to November, and winter December of
the year to February of the next.
"""

from __future__ import annotations

import calendar
from datetime import date as _date
from typing import Any

from . import schema
from .store import parse_date

POINT, SPAN, WINDOW, SEASON = "point", "span", "window", "season"

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

# season -> (first month, months long); winter runs into the next year
_SEASON_MONTHS: dict[str, tuple[int, int]] = {
    "spring": (3, 3),
    "summer": (6, 3),
    "autumn": (9, 3),
    "winter": (12, 3),
}


def _s(v: Any) -> str:
    return v if isinstance(v, str) else ""


def when_kind(rec: dict) -> str:
    """ "point", "span", "window" or "season" ("" for an undated record)."""
    if not _s(rec.get("date")):
        return ""
    if _s(rec.get("end_date")):
        return SPAN
    if _s(rec.get("latest")):
        return WINDOW
    if _s(rec.get("season")) in schema.SEASONS:
        return SEASON
    return POINT


def season_bounds(year: int, season: str) -> tuple[int, int]:
    """First and last day (ordinals) of ``season`` of ``year``."""
    first, length = _SEASON_MONTHS[season]
    last_month = first + length - 1
    ly, lm = year + (last_month - 1) // 12, (last_month - 1) % 12 + 1
    last_day = calendar.monthrange(ly, lm)[1]
    return _date(year, first, 1).toordinal(), _date(ly, lm, last_day).toordinal()


def bounds(rec: dict) -> tuple[int, int] | None:
    """The first and last day (ordinals) the record may fall on or runs over: a span's whole
    run, a window's whole range, a season's months; None when undated or unreadable."""
    start = parse_date(rec.get("date"))
    if start is None:
        return None
    kind = when_kind(rec)
    if kind in (SPAN, WINDOW):
        end = parse_date(rec.get("end_date") if kind == SPAN else rec.get("latest"))
        if end is not None and end[1] >= start[0]:
            return start[0], end[1]
    elif kind == SEASON and len(rec["date"]) == 4:
        return season_bounds(int(rec["date"]), rec["season"])
    return start


# ---------------------------------------------------------------------------- EDTF


def edtf(rec: dict) -> str:
    """The record's date in EDTF (ISO 8601-2): "2024-06", a span "2008/2013", a window
    "[2024..2025]" (one of that range), a season "2024-21" (21 spring .. 24 winter); an
    inferred date is qualified as uncertain: "2024?", "2008?/2013?", "[2024?..2025?]"."""
    d = _s(rec.get("date"))
    if not d:
        return ""
    q = "?" if rec.get("date_inferred") is True else ""
    kind = when_kind(rec)
    if kind == SPAN:
        return f"{d}{q}/{rec['end_date']}{q}"
    if kind == WINDOW:
        return f"[{d}{q}..{rec['latest']}{q}]"
    if kind == SEASON:
        return f"{d}-{schema.SEASON_EDTF[rec['season']]}{q}"
    return d + q


# ---------------------------------------------------------------------------- text


def human_date(d: str | None) -> str:
    """ "2024", "June 2024", "12 July 2025" ("undated" for nothing)."""
    if not d:
        return "undated"
    parts = d.split("-")
    try:
        if len(parts) == 1:
            return parts[0]
        month = MONTHS[int(parts[1]) - 1]
        return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"
    except (ValueError, IndexError):
        return d


def _window_text(d: str, latest: str) -> str:
    """ "2024–25" for two years of one century, else "2024-05–2024-09"."""
    if len(d) == 4 and len(latest) == 4 and d[:2] == latest[:2] and d != latest:
        return f"{d}–{latest[2:]}"
    return f"{d}–{latest}"


def human_when(rec: dict, words: bool = False) -> str:
    """The date as a row shows it: "2024-06", a span "2008–2013", a window "2024–25?",
    a season "spring 2024"; an inferred date ends in "?" ("2026?", "2008?–2013?").

    With ``words``, months are spelled out ("June 2024", "some time between 2024 and 2025").
    """
    d = _s(rec.get("date"))
    if not d:
        return "undated" if words else ""
    q = "?" if rec.get("date_inferred") is True else ""
    fmt = human_date if words else str
    kind = when_kind(rec)
    if kind == SPAN:
        end = rec["end_date"]
        return (
            f"{fmt(d)}{q} – {fmt(end)}{q}"
            if words and (len(d) > 4 or len(end) > 4)
            else f"{fmt(d)}{q}–{fmt(end)}{q}"
        )
    if kind == WINDOW:
        if words:
            return f"some time between {human_date(d)} and {human_date(rec['latest'])}"
        return _window_text(d, rec["latest"]) + "?"
    if kind == SEASON:
        return f"{rec['season']} {d}{q}"
    return fmt(d) + q


def short_when(rec: dict, width: int) -> str:
    """``human_when`` in at most ``width`` cells (a timeline column): a span or window too
    long to show whole keeps its start and marks the rest ("2024-05-01…", "2024-05-01…?")."""
    full = human_when(rec)
    if len(full) <= width:
        return full
    d = _s(rec.get("date"))
    kind = when_kind(rec)
    q = "?" if rec.get("date_inferred") is True or kind == WINDOW else ""
    return (d + "…" + q)[: max(0, width)]


def when_long(rec: dict) -> str:
    """The date as the detail pane and ``show`` say it, naming what kind of date it is:
    "2008–2013 (a span: from 2008 to 2013)", "2024–25? (a window: once, at some time
    between 2024 and 2025; not known more precisely)", "spring 2024 (March to May)",
    "2026? (date inferred: NOTE)"."""
    d = _s(rec.get("date"))
    if not d:
        return "undated"
    kind = when_kind(rec)
    said: list[str] = []
    if kind == SPAN:
        said.append(f"a span: from {human_date(d)} to {human_date(rec['end_date'])}")
    elif kind == WINDOW:
        said.append(
            f"a window: once, at some time between {human_date(d)} and "
            f"{human_date(rec['latest'])}; not known more precisely"
        )
    elif kind == SEASON and len(d) == 4:
        first, length = _SEASON_MONTHS[rec["season"]]
        last = first + length - 1
        y, ly = int(d), int(d) + (last - 1) // 12
        end = MONTHS[(last - 1) % 12]
        said.append(
            f"{MONTHS[first - 1]} to {end}" if ly == y else f"{MONTHS[first - 1]} {y} to {end} {ly}"
        )
    if rec.get("date_inferred") is True:
        note = " ".join(_s(rec.get("date_note")).split())
        said.append("date inferred" + (f": {note}" if note else ""))
    text = human_when(rec)
    return f"{text} ({'; '.join(said)})" if said else text


def start_year(rec: dict) -> int | None:
    """The year the record is counted under in per-year tallies: the year of ``date``
    (a window's earliest year, a span's first year)."""
    d = _s(rec.get("date"))
    return int(d[:4]) if len(d) >= 4 and d[:4].isdigit() else None


def overlap(rec: dict, lo: int, hi: int) -> str:
    """How the record stands to the days ``lo``..``hi`` (what ``year:``/``from:``/``to:``
    match): "in" when it certainly falls there (its whole date is inside, or it is a span
    that overlaps: a span runs over every day of its run), "may" when it only may (a window,
    season or imprecise date that straddles the edge: "2024–25?" for ``year:2024``), ""
    when it cannot."""
    b = bounds(rec)
    if b is None or b[1] < lo or b[0] > hi:
        return ""
    if when_kind(rec) == SPAN or (lo <= b[0] and b[1] <= hi):
        return "in"
    return "may"
