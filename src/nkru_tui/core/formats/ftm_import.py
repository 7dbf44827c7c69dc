"""FollowTheMoney JSON lines into our records, for ``nkru-tui import``.

``Person``, ``Organization``, ``Company`` and ``PublicBody`` entities become actors (the first
name as the name, the other names, aliases and previous names as aliases, the country where it
is one of ours, the description or summary); ``Address`` entities become places; ``Event``
entities become events (``name`` the title, ``summary`` or ``description`` the summary,
``startDate``/``endDate`` a span, several ``date`` values a window, ``involved`` and
``organizer`` the actors, ``addressEntity`` the places, ``keywords`` naming our sectors the
sectors). Other schemata (documents, links) are counted and left out.

An entity id becomes our id: ``nkru-actor-X`` (our own export) is ``X`` again; any other id is
``ftm-`` + its letters and digits in lower case, so importing the same file twice gives the
same ids, and the second time the records are "already present".
"""

from __future__ import annotations

import json
import re
from typing import Any

from .. import schema
from .ftm import COUNTRY, ID_PREFIX

PARTIAL = "_partial"  # FtM carries only some of our fields: compare on those (core/exporting)

ACTOR_KIND = {
    "Person": "person",
    "Organization": "organization",
    "Company": "company",
    "PublicBody": "organization",
    "Address": "place",
}
CLASSIFIED = {"state": "state", "political party": "party", "institution": "institution"}
EVENT = "Event"
OUR_COUNTRY = {v: k for k, v in COUNTRY.items()} | {c.lower(): c for c in schema.COUNTRIES}
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")


def looks_like_ftm(text: str) -> bool:
    """Whether ``text`` is FtM JSON lines: its first line is an entity object."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        obj = json.loads(first)
    except ValueError:
        return False
    return isinstance(obj, dict) and "schema" in obj and "properties" in obj


def our_id(ftm_id: str) -> str:
    for prefix in (ID_PREFIX["actors"], ID_PREFIX["events"]):
        if ftm_id.startswith(prefix) and schema.ID_RE.match(ftm_id[len(prefix) :]):
            return ftm_id[len(prefix) :]
    slug = re.sub(r"[^a-z0-9]+", "-", ftm_id.lower()).strip("-")
    return ("ftm-" + slug)[:120].rstrip("-")


def _vals(props: dict, name: str) -> list[str]:
    v = props.get(name) or []
    if isinstance(v, str):
        v = [v]
    return [" ".join(x.split()) for x in v if isinstance(x, str) and x.strip()]


def _date(value: str) -> str | None:
    m = _DATE.match(value.strip())
    return m.group(0) if m else None


def read_ftm(
    text: str, where_of: Any, default_sector: str | None = None
) -> tuple[list[tuple[str, str, dict]], list[str], dict[str, int]]:
    """(where, table, record) triples, problems, and counts of the schemata left out.
    ``where_of(n)`` names line ``n`` in messages."""
    entities: list[tuple[str, dict]] = []
    problems: list[str] = []
    skipped: dict[str, int] = {}
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = where_of(n)
        try:
            ent = json.loads(line)
        except ValueError as exc:
            problems.append(f"{where}: not a JSON object ({str(exc).splitlines()[0]})")
            continue
        if not isinstance(ent, dict) or not isinstance(ent.get("id"), str) or not ent["id"]:
            problems.append(f"{where}: an entity needs an id")
            continue
        if not isinstance(ent.get("schema"), str) or not isinstance(ent.get("properties"), dict):
            problems.append(f"{where}: {ent['id']}: needs a schema and properties")
            continue
        entities.append((where, ent))
    ids = {e["id"]: our_id(e["id"]) for _, e in entities}
    kinds: dict[str, str] = {}
    out: list[tuple[str, str, dict]] = []
    for where, ent in entities:
        sch, label = ent["schema"], f"{where}: {ent['id']}"
        if sch in ACTOR_KIND or (sch == EVENT and ent["id"].startswith(ID_PREFIX["actors"])):
            rec, problem = _actor(ent, ids[ent["id"]])
            if problem:
                problems.append(f"{label} ({sch}): {problem}")
                continue
            kinds[ent["id"]] = rec["kind"]
            out.append((where, "actors", rec))
        elif sch == EVENT:
            continue  # after every actor is known
        else:
            skipped[sch] = skipped.get(sch, 0) + 1
    for where, ent in entities:
        if ent["schema"] != EVENT or ent["id"] in kinds:
            continue
        rec, errs = _event(ent, ids, kinds, default_sector)
        problems += [f"{where}: {ent['id']} (Event): {e}" for e in errs]
        if not errs:
            out.append((where, "events", rec))
    return out, problems, skipped


def _actor(ent: dict, rid: str) -> tuple[dict, str | None]:
    props = ent["properties"]
    names = _vals(props, "name") or _vals(props, "full")
    if not names:
        return {}, "name: an actor needs a name"
    kind = ACTOR_KIND.get(ent["schema"], "event")  # an Event of our actors: a named occasion
    for c in _vals(props, "classification"):
        kind = CLASSIFIED.get(c.lower(), kind)
    rec: dict[str, Any] = {"id": rid, "name": names[0], "kind": kind, PARTIAL: True}
    aliases: list[str] = []
    for a in names[1:] + _vals(props, "alias") + _vals(props, "previousName"):
        if a != names[0] and a not in aliases:
            aliases.append(a)
    if aliases:
        rec["aliases"] = aliases
    countries = _vals(props, "country") or _vals(props, "jurisdiction")
    ours = [OUR_COUNTRY[c.lower()] for c in countries if c.lower() in OUR_COUNTRY]
    if ours:
        rec["country"] = ours[0]
    text = (_vals(props, "description") or _vals(props, "summary") or [""])[0]
    others = [c for c in countries if c.lower() not in OUR_COUNTRY]
    if others:
        text = (text + " " if text else "") + f"Country: {', '.join(others)}."
    if text:
        rec["description"] = text
    return rec, None


def _event(
    ent: dict, ids: dict[str, str], kinds: dict[str, str], default_sector: str | None
) -> tuple[dict, list[str]]:
    props = ent["properties"]
    errs: list[str] = []
    rec: dict[str, Any] = {"id": ids[ent["id"]], PARTIAL: True}
    names = _vals(props, "name")
    if names:
        rec["title"] = names[0]
    else:
        errs.append("name: an event needs a name (its title)")
    summary = (_vals(props, "summary") or _vals(props, "description") or [""])[0]
    if summary:
        rec["summary"] = summary
    starts = sorted(d for d in map(_date, _vals(props, "startDate")) if d)
    ends = sorted(d for d in map(_date, _vals(props, "endDate")) if d)
    dates = sorted({d for d in map(_date, _vals(props, "date")) if d})
    if starts:
        rec["date"] = starts[0]
        if ends and ends[-1] != starts[0]:
            rec["end_date"] = ends[-1]
    elif dates:
        rec["date"] = dates[0]
        if len(dates) > 1:
            rec["latest"] = dates[-1]  # several dates: it happened once, in that window
    else:
        errs.append("date: an event needs a date, startDate or a date in its date property")
    sectors = [k.lower() for k in _vals(props, "keywords") if k.lower() in schema.SECTORS]
    if not sectors and default_sector:
        sectors = [default_sector]
    if sectors:
        rec["sectors"] = list(dict.fromkeys(sectors))
    else:
        errs.append(
            "keywords: no keyword names one of our sectors; "
            "give one with --sector (e.g. --sector diplomacy)"
        )
    actors: list[dict[str, Any]] = []
    organizers = set(_vals(props, "organizer"))
    for ref in _vals(props, "involved") + _vals(props, "organizer"):
        aid = ids.get(ref, our_id(ref))
        if any(a["id"] == aid for a in actors) or kinds.get(ref) == "place":
            continue
        actors.append({"id": aid, "role": "organizer"} if ref in organizers else {"id": aid})
    places = [ids.get(ref, our_id(ref)) for ref in _vals(props, "addressEntity")]
    rec["actors"] = actors
    rec["places"] = list(dict.fromkeys(places))
    rec["figures"] = []
    return rec, errs


__all__ = ["looks_like_ftm", "our_id", "read_ftm"]
