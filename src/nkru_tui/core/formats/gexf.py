"""Actors and their links as a GEXF 1.2 graph, for Gephi.

Nodes are the actors an export names (label, kind, country, aliases). Edges are directed:
one per relation (from subject to object, labelled with its type in words, weight 1) and one
per pair of actors that share events (``link`` ``shared_events``, weight the number of events
they share, from the first actor named to the other). The graph is dynamic where dates are
known: an edge's ``start`` and ``end`` are the first and last day its dates can cover (a
relation's date, span or window; the earliest and latest of the shared events), so Gephi's
timeline filters them. ``networkx.read_gexf`` reads the file back in tests/test_formats.py.
"""

from __future__ import annotations

from datetime import date as _date
from itertools import combinations
from typing import Any
from xml.etree import ElementTree as ET

from ..dates import bounds
from .common import bundle, edtf, relation_label

NS = "http://www.gexf.net/1.2draft"

NODE_ATTRS = [
    ("0", "kind", "string"),
    ("1", "country", "string"),
    ("2", "aliases", "string"),
    ("3", "inferred", "boolean"),
]
EDGE_ATTRS = [
    ("0", "link", "string"),
    ("1", "relation", "string"),
    ("2", "inferred", "boolean"),
    ("3", "events", "string"),
    ("4", "when", "string"),
]


def interval(rec: dict) -> tuple[str | None, str | None]:
    """The first and last day ``rec``'s dates can cover (a span's run, a window's range, a
    season's months, the whole month or year of an imprecise date)."""
    b = bounds(rec)
    if b is None:
        return None, None
    return _date.fromordinal(b[0]).isoformat(), _date.fromordinal(b[1]).isoformat()


def _attvalues(
    parent: ET.Element, spec: list[tuple[str, str, str]], values: dict[str, Any]
) -> None:
    box = ET.SubElement(parent, "attvalues")
    for aid, title, kind in spec:
        v = values.get(title)
        if v is None or v == "":
            continue
        text = ("true" if v else "false") if kind == "boolean" else str(v)
        ET.SubElement(box, "attvalue", {"for": aid, "value": text})


def graph_xml(eng: Any, events: list[dict], query: str) -> ET.Element:
    b = bundle(eng, events, query)
    actor_ids = [a["id"] for a in b.actors]
    present = set(actor_ids)
    root = ET.Element("gexf", {"xmlns": NS, "version": "1.2"})
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "nkru-tui"
    ET.SubElement(meta, "description").text = (
        "North Korea–Russia relations: actors, their relations and the events they share"
        + (f" (query: {query.strip()})" if query.strip() else "")
    )
    graph = ET.SubElement(
        root, "graph", {"defaultedgetype": "directed", "mode": "dynamic", "timeformat": "date"}
    )
    for cls, spec in (("node", NODE_ATTRS), ("edge", EDGE_ATTRS)):
        box = ET.SubElement(graph, "attributes", {"class": cls})
        for aid, title, kind in spec:
            ET.SubElement(box, "attribute", {"id": aid, "title": title, "type": kind})
    nodes = ET.SubElement(graph, "nodes")
    for a in b.actors:
        node = ET.SubElement(nodes, "node", {"id": a["id"], "label": a.get("name") or a["id"]})
        _attvalues(
            node,
            NODE_ATTRS,
            {
                "kind": a.get("kind"),
                "country": a.get("country"),
                "aliases": "; ".join(a.get("aliases") or ()),
                "inferred": True if a.get("inferred") is True else None,
            },
        )
    edges = ET.SubElement(graph, "edges")
    for r in b.relations:
        if r.get("subject") not in present or r.get("object") not in present:
            continue
        start, end = interval(r)
        attrs: dict[str, str] = {
            "id": r["id"],
            "source": r["subject"],
            "target": r["object"],
            "label": relation_label(r.get("type", "")),
            "weight": "1",
        }
        if start and end:
            attrs.update(start=start, end=end)
        edge = ET.SubElement(edges, "edge", attrs)
        _attvalues(
            edge,
            EDGE_ATTRS,
            {
                "link": "relation",
                "relation": r.get("type"),
                "inferred": r.get("inferred") is True,
                "when": edtf(r) or None,
            },
        )
    shared: dict[tuple[str, str], list[dict]] = {}
    for ev in b.events:
        ids = [a for a in eng.event_actor_ids(ev) if a in present]
        for pair in combinations(dict.fromkeys(ids), 2):
            shared.setdefault(pair, []).append(ev)
    for n, ((one, other), evs) in enumerate(shared.items(), start=1):
        spans = [interval(e) for e in evs]
        starts = [s for s, _ in spans if s]
        ends = [e for _, e in spans if e]
        attrs = {
            "id": f"shared-{n}",
            "source": one,
            "target": other,
            "label": f"{len(evs)} shared event{'' if len(evs) == 1 else 's'}",
            "weight": str(len(evs)),
        }
        if starts and ends:
            attrs.update(start=min(starts), end=max(ends))
        edge = ET.SubElement(edges, "edge", attrs)
        _attvalues(
            edge, EDGE_ATTRS, {"link": "shared_events", "events": " ".join(e["id"] for e in evs)}
        )
    return root


def render(eng: Any, events: list[dict], query: str, with_notes: bool) -> str:
    root = graph_xml(eng, events, query)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
