"""FollowTheMoney entities as JSON lines, for OCCRP Aleph, OpenSanctions and ``ftm`` tools.

One line per entity, ``{"id", "schema", "properties": {name: [text, ...]}}``:

- a source is an ``Article`` (title, file name, origin, notes, URL and date where known);
- an actor is a ``Person``, ``Organization``, ``PublicBody`` (a state), ``Company``, an
  ``Address`` (a place) or an ``Event`` (a named occasion), with its name, every alias and its
  country;
- an event is an ``Event``: ``involved`` (every person or body it names), ``organizer`` (those
  whose role says they host, organise or initiate it), ``date`` or ``startDate``/``endDate`` at
  the precision known, ``summary``, ``country``, ``location`` and ``addressEntity`` (its
  places), ``proof`` (its sources); a window, a season or an inferred date is said in words in
  ``description``, as FtM dates cannot carry it;
- a relation is a ``Directorship`` (leads), ``Membership`` (member of, part of), ``Associate``
  (two people who met) or, for every other type or pair, an ``UnknownLink`` whose ``role`` is
  the type in words; an event that names a named occasion is linked to it the same way;
- each evidence quote of an actor or event is a ``Documentation`` entity: ``document`` the
  source, ``entity`` the record it supports, ``summary`` the quote. FtM lets Documentation
  point only at a Thing, not at a link, so a relation's quotes are its own ``summary``
  values, each naming its source, which its ``proof`` references.

Entity ids are ``nkru-<table>-<record id>``, so the import reads them back to our ids.
Every line passes ``followthemoney``'s own validation for its schema (tests/test_formats.py);
the library is a test dependency only.
"""

from __future__ import annotations

import json
from typing import Any

from .common import (
    Bundle,
    bundle,
    cited_sources,
    date_parts,
    figure_line,
    inferred_note,
    relation_label,
    when_long,
)

ID_PREFIX = {
    "sources": "nkru-source-",
    "actors": "nkru-actor-",
    "events": "nkru-event-",
    "relations": "nkru-relation-",
    "evidence": "nkru-evidence-",
}

ACTOR_SCHEMA = {
    "person": "Person",
    "organization": "Organization",
    "state": "PublicBody",
    "company": "Company",
    "party": "Organization",
    "institution": "Organization",
    "place": "Address",
    "event": "Event",
}
# Schemata that FtM counts as a LegalEntity (``involved``, ``member``, ``director``) and as an
# Organization (``organization`` of a Membership or Directorship).
LEGAL_ENTITY = {"Person", "Organization", "PublicBody", "Company"}
ORGANIZATION = {"Organization", "PublicBody", "Company"}
CLASSIFICATION = {"state": "state", "party": "political party", "institution": "institution"}

ORGANIZER_WORDS = ("host", "organis", "organiz", "initiator", "convener", "convenor")

COUNTRY = {"INT": "zz"}


def ftm_id(table: str, rid: str) -> str:
    return ID_PREFIX[table] + rid


def country_code(code: Any) -> str | None:
    if not isinstance(code, str) or not code:
        return None
    return COUNTRY.get(code, code.lower())


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


class _Entity:
    def __init__(self, eid: str, schema: str) -> None:
        self.id = eid
        self.schema = schema
        self.props: dict[str, list[str]] = {}

    def add(self, prop: str, *values: Any) -> None:
        for v in values:
            t = _text(v)
            if t is None:
                continue
            have = self.props.setdefault(prop, [])
            if t not in have:
                have.append(t)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "schema": self.schema, "properties": self.props}


def _dates(ent: _Entity, rec: dict) -> None:
    start = rec.get("date")
    if not date_parts(start):
        return
    if rec.get("end_date") and date_parts(rec["end_date"]) and not rec.get("latest"):
        ent.add("startDate", start)
        ent.add("endDate", rec["end_date"])
    else:
        ent.add("date", start)


def _about_date(rec: dict) -> str | None:
    """A date FtM's plain dates would misstate (window, season, inferred), in words."""
    if not (rec.get("latest") or rec.get("season") or rec.get("date_inferred")):
        return None
    return "When: " + when_long(rec)


def _proof(ent: _Entity, rec: dict, sources: set[str]) -> None:
    ent.add("proof", *(ftm_id("sources", s) for s in cited_sources(rec) if s in sources))


def _inference(ent: _Entity, rec: dict) -> None:
    if rec.get("inferred") is True:
        ent.add("notes", "Inferred: " + (inferred_note(rec) or "read into the source"))


def _source(src: dict) -> _Entity:
    ent = _Entity(ftm_id("sources", src["id"]), "Article")
    ent.add("title", src.get("title"))
    ent.add("name", src.get("title"))
    ent.add("fileName", src.get("file"))
    ent.add("description", src.get("origin"))
    ent.add("summary", src.get("notes"))
    for key in ("url", "URL"):
        ent.add("sourceUrl", src.get(key))
    for key in ("author", "authors"):
        v = src.get(key)
        ent.add("author", *(v if isinstance(v, list) else [v]))
    ent.add("publisher", src.get("publisher") or src.get("outlet"))
    for key in ("published", "date", "issued"):
        if date_parts(src.get(key)):
            ent.add("publishedAt", src[key])
            break
    return ent


def _actor(actor: dict, sources: set[str]) -> _Entity:
    kind = actor.get("kind", "")
    schema = ACTOR_SCHEMA.get(kind, "Organization")
    ent = _Entity(ftm_id("actors", actor["id"]), schema)
    ent.add("name", actor.get("name"))
    if schema == "Address":
        ent.add("full", actor.get("name"))
    ent.add("alias", *(actor.get("aliases") or ()))
    ent.add("country", country_code(actor.get("country")))
    if schema == "PublicBody" and kind == "state":
        ent.add("jurisdiction", country_code(actor.get("country")))
    if kind in CLASSIFICATION and schema in LEGAL_ENTITY:
        ent.add("classification", CLASSIFICATION[kind])
    ent.add("description", actor.get("description"))
    _inference(ent, actor)
    _proof(ent, actor, sources)
    return ent


def _event(ev: dict, actors: dict[str, dict], sources: set[str]) -> tuple[_Entity, list[_Entity]]:
    ent = _Entity(ftm_id("events", ev["id"]), "Event")
    ent.add("name", ev.get("title"))
    ent.add("summary", ev.get("summary"))
    ent.add("description", _about_date(ev))
    _dates(ent, ev)
    links: list[_Entity] = []
    roles: list[str] = []
    countries: list[str | None] = []
    place_ids = [p for p in ev.get("places", ()) or () if p in actors]
    for n, a in enumerate(ev.get("actors", ()) or ()):
        aid = a.get("id") if isinstance(a, dict) else None
        if aid not in actors:
            continue
        actor = actors[aid]
        schema = ACTOR_SCHEMA.get(actor.get("kind", ""), "Organization")
        role = a.get("role") if isinstance(a.get("role"), str) else None
        countries.append(country_code(actor.get("country")))
        if schema in LEGAL_ENTITY:
            ent.add("involved", ftm_id("actors", aid))
            if role and any(w in role.lower() for w in ORGANIZER_WORDS):
                ent.add("organizer", ftm_id("actors", aid))
        elif schema == "Address":
            if aid not in place_ids:
                place_ids.append(aid)
        else:  # a named occasion: FtM's Event has no slot for another event
            link = _Entity(f"{ftm_id('events', ev['id'])}-with-{n + 1}", "UnknownLink")
            link.add("subject", ent.id)
            link.add("object", ftm_id("actors", aid))
            link.add("role", role or "part of or linked to")
            _proof(link, ev, sources)
            links.append(link)
        if role:
            roles.append(f"{actor.get('name', aid)}: {role}")
    for pid in place_ids:
        ent.add("addressEntity", ftm_id("actors", pid))
        ent.add("location", actors[pid].get("name"))
        countries.insert(0, country_code(actors[pid].get("country")))
    ent.add("country", *countries)
    ent.add("keywords", *(ev.get("sectors") or ()))
    notes = []
    if ev.get("type"):
        notes.append(f"Type: {ev['type']}")
    if ev.get("status"):
        notes.append(f"Status: {str(ev['status']).replace('_', ' ')}")
    if roles:
        notes.append("Roles: " + "; ".join(roles))
    for f in ev.get("figures", ()) or ():
        if isinstance(f, dict):
            notes.append(f"Figure: {figure_line(f)}")
    ent.add("notes", *notes)
    _inference(ent, ev)
    _proof(ent, ev, sources)
    return ent, links


def _relation(
    rel: dict, actors: dict[str, dict], sources: set[str], titles: dict[str, str]
) -> _Entity | None:
    subj, obj = rel.get("subject"), rel.get("object")
    if subj not in actors or obj not in actors:
        return None
    s_schema = ACTOR_SCHEMA.get(actors[subj].get("kind", ""), "Organization")
    o_schema = ACTOR_SCHEMA.get(actors[obj].get("kind", ""), "Organization")
    rtype = rel.get("type", "")
    label = relation_label(rtype)
    if rtype == "leads" and s_schema in LEGAL_ENTITY and o_schema in ORGANIZATION:
        schema, ends, role_prop = "Directorship", ("director", "organization"), "role"
    elif (
        rtype in ("member_of", "part_of") and s_schema in LEGAL_ENTITY and o_schema in ORGANIZATION
    ):
        schema, ends, role_prop = "Membership", ("member", "organization"), "role"
    elif rtype == "met" and s_schema == "Person" and o_schema == "Person":
        schema, ends, role_prop = "Associate", ("person", "associate"), "relationship"
    else:
        schema, ends, role_prop = "UnknownLink", ("subject", "object"), "role"
    ent = _Entity(ftm_id("relations", rel["id"]), schema)
    ent.add(ends[0], ftm_id("actors", subj))
    ent.add(ends[1], ftm_id("actors", obj))
    ent.add(role_prop, label)
    _dates(ent, rel)
    about = _about_date(rel)
    note = rel.get("note") if isinstance(rel.get("note"), str) else None
    ent.add("description", " ".join(t for t in (about, note) if t) or None)
    if rel.get("inferred") is True:
        ent.add("status", "inferred")
    # FtM's Documentation can only point at a Thing, and a link is an Interval: a relation's
    # quotes are its ``summary``, each with its source, which ``proof`` also names
    for e in rel.get("evidence", ()) or ():
        if isinstance(e, dict) and e.get("source") in sources and e.get("quote"):
            ent.add("summary", f"“{e['quote']}” ({titles.get(e['source'], e['source'])})")
    _proof(ent, rel, sources)
    return ent


def _documentation(table: str, rec: dict, sources: set[str]) -> list[_Entity]:
    out = []
    for n, ev in enumerate(rec.get("evidence", ()) or (), start=1):
        if not isinstance(ev, dict) or ev.get("source") not in sources:
            continue
        doc = _Entity(f"{ID_PREFIX['evidence']}{table[:-1]}-{rec['id']}-{n}", "Documentation")
        doc.add("document", ftm_id("sources", ev["source"]))
        doc.add("entity", ftm_id(table, rec["id"]))
        doc.add("role", "evidence")
        doc.add("summary", ev.get("quote"))
        out.append(doc)
    return out


def entities(b: Bundle) -> list[dict[str, Any]]:
    """The FtM entities of a bundle, as plain dicts."""
    sources = {s["id"] for s in b.sources}
    actors = {a["id"]: a for a in b.actors}
    out: list[_Entity] = [_source(s) for s in b.sources]
    out += [_actor(a, sources) for a in b.actors]
    for ev in b.events:
        ent, links = _event(ev, actors, sources)
        out.append(ent)
        out += links
    titles = {s["id"]: s.get("title") or s["id"] for s in b.sources}
    rels = (_relation(r, actors, sources, titles) for r in b.relations)
    out += [e for e in rels if e is not None]
    for table, recs in (("actors", b.actors), ("events", b.events)):
        for rec in recs:
            out += _documentation(table, rec, sources)
    return [e.to_dict() for e in out]


def render(eng: Any, events: list[dict], query: str, with_notes: bool) -> str:
    ents = entities(bundle(eng, events, query))
    return "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in ents)
