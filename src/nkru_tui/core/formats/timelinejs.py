"""Events as a Knight Lab TimelineJS 3 JSON file (``new TL.Timeline(el, data)``, or the
file's URL as the timeline's source).

Each event is a slide: ``start_date`` (and ``end_date`` for a span or a window) as
``{year, month?, day?}`` at the precision the record has, never padded; ``display_date`` in
words wherever the bare dates would mislead (a window "between 2024 and 2025", a season, an
inferred date "2024 (date inferred)"); ``text.headline`` the title; ``text.text`` the summary,
the date note, status and figures, and the numbered citations, all HTML-escaped (TimelineJS
renders it as HTML); ``group`` the event's first (main) sector, so the timeline has a row per
sector; ``unique_id`` the event id. The real TimelineJS builds the slides of an export in
headless Chromium in tests/test_timelinejs.py.
"""

from __future__ import annotations

import json
from datetime import date as _date
from html import escape
from typing import Any

from ..dates import SEASON, WINDOW, bounds, when_kind
from .common import date_parts, display_when, figure_line, inferred_text


def tl_date(parts: list[int]) -> dict[str, int]:
    out = {"year": parts[0]}
    if len(parts) > 1:
        out["month"] = parts[1]
    if len(parts) > 2:
        out["day"] = parts[2]
    return out


def slide_dates(ev: dict) -> tuple[dict, dict | None, str | None]:
    """``start_date``, ``end_date`` (or None) and ``display_date`` (or None) of an event."""
    start = date_parts(ev.get("date")) or [0]
    kind = when_kind(ev)
    if kind == SEASON and len(start) == 1:  # the season's months
        b = bounds(ev)
        if b is not None:
            first, last = _date.fromordinal(b[0]), _date.fromordinal(b[1])
            return (
                tl_date([first.year, first.month]),
                tl_date([last.year, last.month]),
                display_when(ev),
            )
    if kind == WINDOW and date_parts(ev.get("latest")):
        return tl_date(start), tl_date(date_parts(ev["latest"]) or start), display_when(ev)
    end = date_parts(ev.get("end_date")) if ev.get("end_date") else None
    display = display_when(ev) if ev.get("date_inferred") else None
    return tl_date(start), (tl_date(end) if end else None), display


def slide_text(eng: Any, ev: dict, note: str | None = None) -> str:
    parts = [f"<p>{escape(ev.get('summary') or '')}</p>"]
    facts = []
    if ev.get("date_inferred") and ev.get("date_note"):
        facts.append(f"Date: {ev['date_note']}")
    if ev.get("status"):
        facts.append(f"Status: {str(ev['status']).replace('_', ' ')}")
    for f in ev.get("figures", ()) or ():
        if isinstance(f, dict):
            facts.append(f"Figure: {figure_line(f)}")
    if inferred_text(ev):
        facts.append(inferred_text(ev).capitalize())
    names = [eng.actor_name(a) for a in eng.event_actor_ids(ev)]
    if names:
        facts.append("Actors: " + ", ".join(names))
    parts += [f"<p>{escape(t)}</p>" for t in facts]
    if note:
        parts.append(f"<p>My note: {escape(note)}</p>")
    cites = [
        f"<li>“{escape(e.get('quote', ''))}” — {escape(eng.source_title(e.get('source', '')))}</li>"
        for e in ev.get("evidence", ()) or ()
        if isinstance(e, dict)
    ]
    if cites:
        parts.append("<p>Sources:</p><ol>" + "".join(cites) + "</ol>")
    return "".join(parts)


def timeline(eng: Any, events: list[dict], query: str, with_notes: bool) -> dict[str, Any]:
    notes = eng.user.notes if with_notes else {}
    slides = []
    for ev in events:
        start, end, display = slide_dates(ev)
        slide: dict[str, Any] = {
            "unique_id": ev["id"],
            "start_date": start,
            "text": {
                "headline": escape(ev.get("title") or ev["id"]),
                "text": slide_text(eng, ev, notes.get(ev["id"])),
            },
        }
        if end:
            slide["end_date"] = end
        if display:
            slide["display_date"] = escape(display)
        sectors = ev.get("sectors") or []
        if sectors:
            slide["group"] = str(sectors[0]).capitalize()
        slides.append(slide)
    shown = query.strip() or "all events"
    return {
        "title": {
            "unique_id": "nkru-title",
            "text": {
                "headline": "North Korea–Russia relations",
                "text": f"<p>{len(events)} event(s); query: {escape(shown)}. "
                "Exported by nkru-tui.</p>",
            },
        },
        "events": slides,
    }


def render(eng: Any, events: list[dict], query: str, with_notes: bool) -> str:
    return json.dumps(timeline(eng, events, query, with_notes), ensure_ascii=False, indent=2) + "\n"
