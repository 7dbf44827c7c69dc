"""Content tests for the curated store data/db.json.

They read the JSON directly (stdlib only) and check what users rely on: the store's shape and
vocabularies, verbatim evidence, and a set of key facts from the two source documents.
The vocabularies are read from src/nkru_tui/core/schema.py by path (no package import).
"""

from __future__ import annotations

import calendar
import importlib.util
import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DB_PATH = REPO / "data" / "db.json"
SEEDS = REPO.parent / "shared" / "seeds"

HANGUL = re.compile(r"[\uac00-\ud7a3]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                      "\u2013": "-", "\u2014": "-", "\u00a0": " "})


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(FOLD)).strip()


def _schema():
    spec = importlib.util.spec_from_file_location(
        "_schema_for_store_tests", REPO / "src" / "nkru_tui" / "core" / "schema.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


schema = _schema()


@pytest.fixture(scope="module")
def db() -> dict:
    return json.loads(DB_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def actors(db) -> dict:
    return {a["id"]: a for a in db["actors"].values()}


@pytest.fixture(scope="module")
def events(db) -> list:
    return list(db["events"].values())


@pytest.fixture(scope="module")
def relations(db) -> list:
    return list(db["relations"].values())


@pytest.fixture(scope="module")
def seed_texts(db) -> dict:
    if not SEEDS.is_dir():
        pytest.skip(f"seed folder {SEEDS} is absent; verbatim checks need the source texts")
    return {s["id"]: fold((SEEDS / s["file"]).read_text(encoding="utf-8"))
            for s in db["sources"].values()}


def all_records(db):
    for table in ("sources", "actors", "events", "relations"):
        for rec in db[table].values():
            yield table, rec


def parse_date(value: str) -> tuple[int, ...]:
    m = schema.DATE_RE.match(value)
    assert m, f"bad date {value!r}"
    parts = tuple(int(g) for g in m.groups() if g is not None)
    if len(parts) >= 2:
        assert 1 <= parts[1] <= 12, value
    if len(parts) == 3:
        assert 1 <= parts[2] <= calendar.monthrange(parts[0], parts[1])[1], value
    return parts


# ------------------------------------------------------------------ layout and schema rules


def test_tinydb_layout(db):
    assert list(db) == list(schema.TABLES)
    for table, rows in db.items():
        # doc ids are the stable `doc_id`s of data/curated/*.toml: increasing, never reused,
        # not necessarily contiguous (a removed record leaves its id unused)
        ids = [int(k) for k in rows]
        assert ids == sorted(set(ids)) and ids[0] >= 1, table
    meta = db["meta"]["1"]
    assert meta["schema"] == schema.SCHEMA_VERSION == 1
    assert meta["name"] == "nkru-tui curated store"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["built"])


def test_file_is_deterministic_json(db):
    raw = DB_PATH.read_text(encoding="utf-8")
    assert raw == json.dumps(db, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def test_sizes(db):
    assert len(db["sources"]) == 2
    assert len(db["actors"]) >= 70
    assert 60 <= len(db["events"]) <= 100
    assert len(db["relations"]) >= 40


def test_ids_unique_across_tables_and_well_formed(db):
    seen = set()
    for table, rec in all_records(db):
        assert schema.ID_RE.match(rec["id"]), (table, rec["id"])
        assert rec["id"] not in seen, rec["id"]
        seen.add(rec["id"])


def test_sources(db):
    files = set()
    for src in db["sources"].values():
        for key in ("id", "title", "file", "origin"):
            assert src[key].strip(), (src["id"], key)
        files.add(src["file"])
        assert "not stated" in src["origin"]  # neither text names author, outlet or date
    assert files == {"000_56500e59d01c30ef.txt", "002_a71e007d51a8c298.txt"}
    people = next(s for s in db["sources"].values() if s["file"].startswith("000_"))
    assert people["title"] == ("North Korea-Russia People-to-People Exchanges as a Tool for "
                               "Sustained Dialogue")
    wonsan = next(s for s in db["sources"].values() if s["file"].startswith("002_"))
    assert "own words" in wonsan["notes"]


def test_actor_fields(actors):
    for aid, a in actors.items():
        assert a["name"].strip() and a["description"].strip(), aid
        assert a["kind"] in schema.ACTOR_KINDS, aid
        assert a["country"] is None or a["country"] in schema.COUNTRIES, aid
        assert isinstance(a["aliases"], list), aid
        assert all(isinstance(x, str) and x.strip() for x in a["aliases"]), aid


def test_people_and_places_have_native_script_aliases(actors):
    for aid, a in actors.items():
        if a["kind"] in ("person", "place") and a["country"] in ("KP", "RU"):
            joined = " ".join(a["aliases"])
            assert HANGUL.search(joined), f"{aid} lacks a Hangul alias"
            assert CYRILLIC.search(joined), f"{aid} lacks a Cyrillic alias"


def test_event_fields(events, actors):
    for e in events:
        eid = e["id"]
        start = parse_date(e["date"])
        if "end_date" in e:
            end = parse_date(e["end_date"])
            n = min(len(start), len(end))
            assert end[:n] >= start[:n], eid
        assert isinstance(e["date_inferred"], bool), eid
        if e["date_inferred"]:
            assert e.get("date_note", "").strip(), f"{eid}: inferred date without note"
        assert e["title"].strip() and e["summary"].strip(), eid
        assert e["type"] in schema.EVENT_TYPES, eid
        assert "status" not in e or e["status"] in schema.STATUSES, eid
        assert 1 <= len(e["sectors"]) <= 3, eid
        assert all(s in schema.SECTORS for s in e["sectors"]), eid
        assert e["actors"], eid
        for ref in e["actors"]:
            assert ref["id"] in actors, (eid, ref)
        for pid in e["places"]:
            assert actors[pid]["kind"] == "place", (eid, pid)
        for fig in e["figures"]:
            assert isinstance(fig["value"], (int, float)) and not isinstance(fig["value"], bool)
            assert fig["unit"].strip() and fig["counts"].strip(), eid
            assert fig.get("qualifier", "exact") in schema.FIGURE_QUALIFIERS, eid
            assert "approx" not in fig, f"{eid}: curated figures say qualifier, not approx"


def test_relation_fields(relations, actors):
    for r in relations:
        rid = r["id"]
        assert r["type"] in schema.RELATION_TYPES, rid
        assert r["subject"] in actors and r["object"] in actors, rid
        assert r["subject"] != r["object"], rid
        if "date" in r:
            start = parse_date(r["date"])
            if "end_date" in r:
                end = parse_date(r["end_date"])
                n = min(len(start), len(end))
                assert end[:n] >= start[:n], rid
        if r.get("date_inferred"):
            assert r.get("date_note", "").strip(), rid
        if r.get("inferred"):  # the reason sits in inferred_note (issue 12), not in note
            assert r.get("inferred_note", "").strip(), rid


def test_every_fact_has_evidence(db):
    source_ids = {s["id"] for s in db["sources"].values()}
    for table, rec in all_records(db):
        if table == "sources":
            continue
        assert rec["evidence"], (table, rec["id"])
        for item in rec["evidence"]:
            assert set(item) == {"source", "quote"}, rec["id"]
            assert item["source"] in source_ids, rec["id"]
            assert schema.QUOTE_MIN <= len(fold(item["quote"])) <= schema.QUOTE_MAX, rec["id"]


def test_quotes_are_verbatim(db, seed_texts):
    missing = [(rec["id"], item["quote"][:60])
               for _, rec in all_records(db) for item in rec.get("evidence", [])
               if fold(item["quote"]) not in seed_texts[item["source"]]]
    assert not missing


def test_nearly_every_sentence_is_cited(db, seed_texts):
    """Same measure as ../shared/tools/check-evidence: >= 85% of sentences overlap a quote."""
    quotes: dict[str, list[str]] = {}
    for _, rec in all_records(db):
        for item in rec.get("evidence", []):
            quotes.setdefault(item["source"], []).append(fold(item["quote"]))
    covered = total = 0
    for sid, text in seed_texts.items():
        sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\u201c\"])", text) if len(s) > 25]
        total += len(sentences)
        covered += sum(1 for s in sentences if any(q in s or s in q for q in quotes[sid]))
    assert covered / total >= 0.85


def test_own_words_not_pasted(db, seed_texts):
    """Titles, summaries and descriptions must not copy long runs of the source text."""
    corpus = " ".join(seed_texts.values()).lower()
    for table, rec in all_records(db):
        if table == "sources":
            continue
        for key in ("title", "summary", "description"):
            words = fold(rec.get(key, "")).lower().split()
            for i in range(len(words) - 9):
                run = " ".join(words[i:i + 10])
                assert run not in corpus, f"{rec['id']}.{key} copies: {run!r}"


# ------------------------------------------------------------------ key facts


def _events_with(events, *actor_ids):
    return [e for e in events if set(actor_ids) <= {a["id"] for a in e["actors"]}]


def test_treaty_signed_june_2024(events):
    hits = [e for e in _events_with(events, "vladimir-putin", "kim-jong-un")
            if e["date"] == "2024-06" and "diplomacy" in e["sectors"]
            and any("Treaty" in q["quote"] for q in e["evidence"])]
    assert hits
    assert "pyongyang" in hits[0]["places"]


def test_wonsan_talks_2025_07_12(events, relations):
    talks = [e for e in _events_with(events, "choe-son-hui", "sergei-lavrov")
             if e["date"] == "2025-07-12" and not e["date_inferred"]]
    assert talks and any("wonsan" in e["places"] for e in talks)
    assert any(r["type"] == "met" and {r["subject"], r["object"]} == {"choe-son-hui", "sergei-lavrov"}
               and r.get("date") == "2025-07-12" for r in relations)


def _figures(events):
    return [(e, f) for e in events for f in e["figures"]]


def test_figure_180_students(events):
    assert any(f["value"] == 180 and "student" in f["unit"] and e["date"] == "2024"
               for e, f in _figures(events))


def test_figure_about_1500_tourists(events):
    assert any(f["value"] == 1500 and f.get("qualifier") == "about" and "tourist" in f["unit"]
               and e["date"] == "2024" for e, f in _figures(events))


def test_other_figures(events):
    values = {(f["value"], f["unit"]) for _, f in _figures(events)}
    for expected in [(10, "tourist groups"), (10, "traffic lanes"), (300, "vehicles per day"),
                     (10, "university heads"), (30000, "troops"), (11, "session")]:
        assert expected in values, expected
    headline = [e for e, f in _figures(events) if f["value"] == 30000]
    assert headline[0]["status"] == "reported"


def test_bridge_under_construction_and_planned(events):
    statuses = {e["date"]: e.get("status") for e in events if "bridge" in e["title"].lower()}
    assert statuses.get("2024") == "under_construction"
    assert statuses.get("2026") == "planned"
    assert statuses.get("2018") is None  # the 2018 proposal is background history


def test_railway_reconstruction_2008_2013(events):
    assert any(e["date"] == "2008" and e.get("end_date") == "2013" and e["type"] == "background"
               and {"russian-railways", "nk-ministry-of-railways"} <= {a["id"] for a in e["actors"]}
               for e in events)


def test_shoigu_meeting_date_is_marked_inferred(events):
    meeting = [e for e in _events_with(events, "sergei-shoigu", "kim-jong-un")
               if e["date"] == "2025-06-17"]
    assert meeting and all(e["date_inferred"] and e["date_note"] for e in meeting)


def test_reaction_and_statements(events, relations):
    reaction = [e for e in events if e["type"] == "reaction"]
    assert reaction and {"united-states", "south-korea", "european-union"} <= {
        a["id"] for a in reaction[0]["actors"]}
    assert sum(e["type"] == "statement" for e in events) >= 5
    assert any(e["type"] == "forecast" for e in events)
    assert any(e["type"] == "assessment" for e in events)
    condemned = {r["subject"] for r in relations if r["type"] == "condemned"
                 and r["object"] == "north-korea"}
    assert {"united-states", "south-korea", "european-union"} <= condemned


def test_key_relations(relations):
    triples = {(r["subject"], r["type"], r["object"]) for r in relations}
    for t in [("oleg-kozhemyako", "leads", "primorsky-krai"),
              ("sergei-shoigu", "leads", "russian-security-council"),
              ("russia", "operates", "rasoncontrans"),
              ("north-korea", "operates", "rasoncontrans"),
              ("ygur", "part_of", "united-russia"),
              ("vladimir-putin", "signed_with", "kim-jong-un"),
              ("choe-son-hui", "met", "sergei-lavrov"),
              ("united-russia", "signed_with", "wpk")]:
        assert t in triples, t


def test_kim_jong_un_aliases(actors):
    aliases = actors["kim-jong-un"]["aliases"]
    assert "Kim Jong-un" in aliases
    assert "김정은" in aliases
    assert "Ким Чен Ын" in aliases


def test_rason_aliases(actors):
    assert "Rajin-Sonbong" in actors["rason"]["aliases"]
    assert actors["rason"]["kind"] == "place"


def test_named_actors_present(actors):
    for aid in ["choe-son-hui", "sergei-lavrov", "sergei-shoigu", "kim-il-sung", "kim-jong-il",
                "mariinsky-primorsky", "intergovernmental-commission", "wonsan", "masikryong",
                "rajin-port", "khasan", "kursk-region", "vostochny-cosmodrome", "ygur", "spyl",
                "movement-of-the-first", "songdowon", "rosaviatsia", "aeroflot", "aurora",
                "air-koryo", "state-duma", "russian-railways", "sco", "un-security-council"]:
        assert aid in actors, aid
    assert "grandfather" in actors["kim-il-sung"]["description"]
