"""The exchange formats, each read by the real library of that format (test dependencies in
pyproject's ``test`` extra): FollowTheMoney by ``followthemoney``, CSL-JSON by ``citeproc-py``,
GEXF by ``networkx``. TimelineJS has its own module (tests/test_timelinejs.py)."""

from __future__ import annotations

import copy
import json
import os

import networkx as nx
import pytest
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from clitools import MINI, ROOT, run_cli

from nkru_tui.core.engine import Engine
from nkru_tui.core.exporting import render_events
from nkru_tui.core.formats import FORMATS

try:  # PyICU, which followthemoney needs, builds only where the ICU headers are installed
    from followthemoney import model
    from followthemoney.exc import InvalidData
except ImportError:  # pragma: no cover - `make install` says why it is missing
    if os.environ.get("NKRU_REQUIRE_FTM"):  # CI installs the ICU headers: never skip there
        raise
    model = None  # type: ignore[assignment]
    InvalidData = Exception  # type: ignore[assignment,misc]

needs_ftm = pytest.mark.skipif(
    model is None,
    reason="followthemoney is not installed (PyICU needs libicu-dev, pkg-config and g++; "
    ".ci/run installs them)",
)


DB = ROOT / "data" / "db.json"


@pytest.fixture(scope="module")
def mini() -> Engine:
    return Engine.load(MINI)


@pytest.fixture(scope="module")
def curated() -> Engine:
    return Engine.load(DB)


def odd_dates(eng: Engine) -> list[dict]:
    """MINI's events plus a window, a season and an inferred record, as the model has them."""
    events = [copy.deepcopy(e) for e in eng.events]
    window = dict(
        events[1],
        id="window-ev",
        date="2024",
        latest="2025",
        date_inferred=True,
        date_note="between the two visits",
    )
    season = dict(events[1], id="season-ev", date="2024", season="winter")
    treaty = next(e for e in events if e["id"] == "treaty-signed")
    guess = dict(treaty, id="guess-ev", inferred=True, inferred_note="read from the tone")
    return events + [window, season, guess]


# ------------------------------------------------------------------------------- FtM


def ftm_problems(text: str) -> list[str]:
    """Every way the lines fail FollowTheMoney: unknown or abstract schema, unknown property,
    the schema's own validation, a required property missing, a value the library's cleaning
    changes or drops, a reference to no entity of the file or to one of the wrong schema."""
    ents = [json.loads(line) for line in text.splitlines()]
    by_id: dict[str, dict] = {}
    out: list[str] = []
    for e in ents:
        if e["id"] in by_id:
            out.append(f"{e['id']}: id used twice")
        by_id[e["id"]] = e
    for e in ents:
        where = f"{e['id']} ({e.get('schema')})"
        schema = model.get(e.get("schema", ""))
        if schema is None or schema.abstract:
            out.append(f"{where}: not a concrete schema")
            continue
        for prop, values in e["properties"].items():
            if prop not in schema.properties:
                out.append(f"{where}: {prop}: no such property")
            elif not values or not all(isinstance(v, str) and v for v in values):
                out.append(f"{where}: {prop}: values must be non-empty strings")
        try:
            schema.validate(e)
        except InvalidData as exc:
            out.append(f"{where}: {exc.errors}")
        for req in schema.required:
            if not e["properties"].get(req):
                out.append(f"{where}: {req}: required")
        proxy = model.get_proxy(e, cleaned=False)
        for prop, values in e["properties"].items():
            if prop in schema.properties and sorted(proxy.get(prop)) != sorted(values):
                out.append(f"{where}: {prop}: cleaned to {proxy.get(prop)}, not {values}")
            p = schema.properties.get(prop)
            if p is not None and p.type.name == "entity":
                for v in values:
                    target = by_id.get(v)
                    if target is None:
                        out.append(f"{where}: {prop}: {v} is not in the file")
                    elif not model.get(target["schema"]).is_a(p.range):
                        out.append(
                            f"{where}: {prop}: {v} is a {target['schema']}, not a {p.range.name}"
                        )
    return out


@needs_ftm
def test_ftm_every_line_of_the_curated_store_passes_followthemoney(curated):
    text = render_events(curated, "ftm", curated.events, "", False)
    assert ftm_problems(text) == []
    schemata = {json.loads(line)["schema"] for line in text.splitlines()}
    assert {
        "Article",
        "Person",
        "PublicBody",
        "Organization",
        "Address",
        "Event",
        "Documentation",
    } <= schemata
    assert schemata & {"Directorship", "Membership", "Associate", "UnknownLink"}


@needs_ftm
def test_ftm_records_carry_names_aliases_dates_places_and_evidence(mini):
    text = render_events(mini, "ftm", odd_dates(mini), "", False)
    assert ftm_problems(text) == []
    ents = {e["id"]: e for e in map(json.loads, text.splitlines())}
    kim = ents["nkru-actor-kim-jong-un"]
    assert kim["schema"] == "Person" and kim["properties"]["country"] == ["kp"]
    assert kim["properties"]["alias"] == ["Kim Jong-un", "김정은", "Ким Чен Ын"]
    assert ents["nkru-actor-wonsan"]["schema"] == "Address"
    treaty = ents["nkru-event-treaty-signed"]["properties"]
    assert treaty["date"] == ["2024-06"] and treaty["involved"] == [
        "nkru-actor-vladimir-putin",
        "nkru-actor-kim-jong-un",
    ]
    assert "Roles: Vladimir Putin: signatory; Kim Jong Un: signatory" in treaty["notes"]
    rail = ents["nkru-event-railway-rebuilt"]["properties"]
    assert rail["startDate"] == ["2008"] and rail["endDate"] == ["2013"] and "date" not in rail
    talks = ents["nkru-event-wonsan-talks"]["properties"]
    assert talks["addressEntity"] == ["nkru-actor-wonsan"] and talks["location"] == ["Wonsan"]
    assert talks["country"] == ["kp"] and talks["proof"] == ["nkru-source-s-two"]
    window = ents["nkru-event-window-ev"]["properties"]
    assert window["date"] == ["2024"] and "endDate" not in window
    (about,) = window["description"]  # core/dates.when_long's words, whatever they are
    assert about.startswith("When: 2024–25? (a window") and "between the two visits" in about
    assert ents["nkru-event-season-ev"]["properties"]["description"][0].startswith(
        "When: winter 2024 ("
    )
    assert "Inferred: read from the tone" in ents["nkru-event-guess-ev"]["properties"]["notes"]
    rel = ents["nkru-relation-rel-putin-signed-kim"]
    assert rel["schema"] == "UnknownLink"
    assert rel["properties"]["role"] == ["signed an agreement with"]
    docs = [
        e
        for e in ents.values()
        if e["schema"] == "Documentation"
        and e["properties"]["entity"] == ["nkru-event-treaty-signed"]
    ]
    assert [d["properties"]["summary"] for d in docs] == [["Putin signed the treaty"]]
    assert docs[0]["properties"]["document"] == ["nkru-source-s-one"]


@needs_ftm
def test_ftm_organizer_comes_from_the_role(mini):
    ev = dict(
        copy.deepcopy(mini.get_event("treaty-signed") or {}),
        id="hosted",
        actors=[{"id": "kim-jong-un", "role": "host"}, {"id": "vladimir-putin", "role": "visitor"}],
    )
    text = render_events(mini, "ftm", [ev], "x", False)
    assert ftm_problems(text) == []
    props = next(e for e in map(json.loads, text.splitlines()) if e["id"] == "nkru-event-hosted")[
        "properties"
    ]
    assert props["organizer"] == ["nkru-actor-kim-jong-un"]
    assert len(props["involved"]) == 2


@needs_ftm
def test_the_checker_catches_what_followthemoney_refuses():
    bad = [
        {"id": "a", "schema": "Person", "properties": {"name": ["A"], "country": ["atlantis"]}},
        {"id": "b", "schema": "Membership", "properties": {"member": ["a"]}},
        {"id": "c", "schema": "Event", "properties": {"name": ["C"], "date": ["2024-21"]}},
        {"id": "d", "schema": "Event", "properties": {"name": ["D"], "involved": ["c"]}},
    ]
    problems = ftm_problems("".join(json.dumps(e) + "\n" for e in bad))
    assert any(p.startswith("a (Person)") and "country" in p for p in problems)
    assert any(p.startswith("b (Membership): organization: required") for p in problems)
    assert any(p.startswith("c (Event)") and "date" in p for p in problems)
    assert any(p.startswith("d (Event): involved: c is a Event") for p in problems)


# ------------------------------------------------------------------------------- CSL


def bibliography(items: list[dict]) -> list[str]:
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bib = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for it in items:
        bib.register(Citation([CitationItem(it["id"])]))
    return [str(entry) for entry in bib.bibliography()]


def test_csl_sources_render_through_citeproc(curated):
    items = json.loads(render_events(curated, "csl", curated.events, "", False))
    assert {i["id"] for i in items} == set(curated.sources)
    entries = bibliography(items)
    assert len(entries) == len(items)
    for it in items:
        assert any(it["title"] in e for e in entries), it["title"]


def test_csl_dates_at_their_precision_and_urls(mini):
    src = {
        "id": "s-dated",
        "title": "A dated report",
        "file": "x.txt",
        "url": "https://example.org/r",
        "published": "2025-07",
        "publisher": "Some Press",
        "author": "A. Writer",
    }
    from nkru_tui.core.formats import csl

    it = csl.item(src)
    assert it["issued"] == {"date-parts": [[2025, 7]]} and it["URL"] == "https://example.org/r"
    assert it["publisher"] == "Some Press" and it["author"] == [{"literal": "A. Writer"}]
    (entry,) = bibliography([it])
    assert "2025" in entry and "A dated report" in entry and "https://example.org/r" in entry
    # a query exports only the sources its events cite
    items = json.loads(render_events(mini, "csl", mini.search_events("wonsan"), "wonsan", False))
    assert [i["id"] for i in items] == ["s-two"]


# ------------------------------------------------------------------------------- GEXF


def test_gexf_reads_back_in_networkx(tmp_path, mini):
    path = tmp_path / "g.gexf"
    path.write_text(render_events(mini, "gexf", odd_dates(mini), "", False), encoding="utf-8")
    g = nx.read_gexf(path)
    assert set(g.nodes) == set(mini.actors)
    assert g.nodes["kim-jong-un"]["label"] == "Kim Jong Un"
    assert g.nodes["kim-jong-un"]["kind"] == "person" and g.nodes["kim-jong-un"]["country"] == "KP"
    edges = list(g.edges(data=True))
    rel = [d for u, v, d in edges if d.get("link") == "relation"]
    assert len(rel) == 1 and rel[0]["relation"] == "signed_with"
    assert rel[0]["start"] == "2024-06-01" and rel[0]["end"] == "2024-06-30"
    shared = [(u, v, d) for u, v, d in edges if d.get("link") == "shared_events"]
    assert [(u, v) for u, v, _ in shared] == [("vladimir-putin", "kim-jong-un")]
    # the treaty and the inferred copy of it: two shared events, weighted 2
    assert shared[0][2]["weight"] == 2 and shared[0][2]["events"] == "treaty-signed guess-ev"


def test_gexf_of_the_curated_store_reads_back(tmp_path, curated):
    path = tmp_path / "all.gexf"
    path.write_text(render_events(curated, "gexf", curated.events, "", False), encoding="utf-8")
    g = nx.read_gexf(path)
    assert g.number_of_nodes() == len(curated.actors)
    assert sum(1 for *_, d in g.edges(data=True) if d.get("link") == "relation") == len(
        curated.relations
    )


# ------------------------------------------------------------------------------- CLI


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_from_the_cli(tmp_path, fmt):
    out = tmp_path / f"x.{FORMATS[fmt].ext}"
    r = run_cli("--db", str(MINI), "export", "-f", fmt, "-o", str(out), "tourism")
    assert r.returncode == 0, r.stderr
    assert "exported 1 event(s)" in r.stderr
    assert out.read_text(encoding="utf-8").strip()


def test_an_unknown_format_is_one_clear_line(tmp_path):
    r = run_cli("--db", str(MINI), "export", "-f", "docx", "-o", str(tmp_path / "x"))
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert "invalid choice: 'docx'" in r.stderr
    assert not (tmp_path / "x").exists()
