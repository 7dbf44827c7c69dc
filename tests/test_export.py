"""Exports checked field by field, and the density and neighbourhood computations."""

from __future__ import annotations

import csv
import io
import json

from nkru_tui.core import exporting, graph
from nkru_tui.core.engine import Engine
from clitools import MINI, run_cli


def test_json_export_rows_are_the_records_with_derived_columns():
    r = run_cli("--db", str(MINI), "export", "-f", "json", "tourism")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert len(rows) == 1
    row = rows[0]
    stored = json.loads(MINI.read_text(encoding="utf-8"))["events"]["3"]
    for key, value in stored.items():
        assert row[key] == value, key
    assert row["record_type"] == "event"
    assert row["actor_names"] == ["Rason"] and row["sources"] == ["Source One"]


def test_csv_export_field_by_field(tmp_path):
    out = tmp_path / "x.csv"
    r = run_cli("--db", str(MINI), "export", "-f", "csv", "-o", str(out))
    assert r.returncode == 0 and "exported 5 event(s)" in r.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [row["id"] for row in rows] == [
        "railway-rebuilt", "tourists-2024", "treaty-signed", "wonsan-talks", "bridge-planned"]
    treaty = rows[2]
    assert treaty["date"] == "2024-06" and treaty["sectors"] == "diplomacy;military"
    assert json.loads(treaty["actors"]) == [
        {"id": "vladimir-putin", "role": "signatory"}, {"id": "kim-jong-un", "role": "signatory"}]
    assert json.loads(treaty["evidence"]) == [{"source": "s-one", "quote": "Putin signed the treaty"}]
    assert treaty["actor_names"] == "Vladimir Putin; Kim Jong Un"
    bridge = rows[4]
    assert bridge["date_inferred"] == "true" and bridge["status"] == "planned"
    assert rows[1]["figures"] and json.loads(rows[1]["figures"])[0]["value"] == 1500


def test_markdown_brief_has_dated_chronology_and_numbered_footnotes():
    eng = Engine.load(MINI)
    md = exporting.to_markdown(eng, eng.search_events("year:2024..2026"), "year:2024..2026",
                               False, today="2026-01-01")
    assert "## 2024" in md and "## 2025" in md
    assert "- **June 2024** — Putin and Kim sign the partnership treaty." in md
    assert "[^2]: “Putin signed the treaty” — Source One" in md
    assert "**2026 (date inferred)**" in md and "*(planned)*" in md
    # each footnote mark has its footnote
    for n in range(1, 5):
        assert f"[^{n}]:" in md and f"[^{n}]" in md.split("## Sources cited")[0]


def test_markdown_escapes_markup_in_data():
    from nkru_tui.core.exporting import _md_escape

    assert _md_escape("[click](http://x) *bold*") == "\\[click\\](http://x) \\*bold\\*"


def test_density_counts_match_the_engine():
    eng = Engine.load(MINI)
    for q in ["", "sector:transport", "year:2024..2025"]:
        evs = eng.search_events(q)
        bars = graph.density(evs, "year")
        assert sum(sum(c.values()) for _, c in bars) == len(evs)
        for key, counts in bars:
            if sum(counts.values()):
                assert sum(counts.values()) == len(
                    eng.search_events(f"{q} {graph.period_query(key)}"))


def test_date_qualifier_is_a_written_start_date_prefix():
    eng = Engine.load(MINI)
    ids = lambda q: [e["id"] for e in eng.search_events(q)]  # noqa: E731
    assert ids("date:2024") == ["tourists-2024", "treaty-signed"]
    assert ids("date:2024-06") == ["treaty-signed"]
    assert ids("date:2024-??") == ["tourists-2024"]
    assert ids("date:2010") == []  # the 2008-2013 span starts in 2008
    assert ids("year:2010") == ["railway-rebuilt"]


def test_neighbourhood_has_relations_and_shared_events():
    eng = Engine.load(MINI)
    (nb,) = graph.neighbourhood(eng, "kim-jong-un")
    assert nb.actor_id == "vladimir-putin"
    assert nb.relations == [("signed_with", "in")] and nb.shared_events == 1
