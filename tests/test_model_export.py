"""Exports carry the date, figure and inference model (issue 12): JSON and CSV the stored
fields plus the derived ``edtf``, ``when`` and ``figures_text``; Markdown the date in words,
figure qualifiers and the inferred marker. Over tests/fixtures/model.json."""

from __future__ import annotations

import csv
import io
import json

from nkru_tui.core import exporting
from nkru_tui.core.engine import Engine
from clitools import MINI, run_cli

MODEL = MINI.parent / "model.json"
STORED = {r["id"]: r for t in ("events", "actors", "relations")
          for r in json.loads(MODEL.read_text(encoding="utf-8"))[t].values()}


def test_json_rows_carry_the_fields_and_the_derived_edtf():
    r = run_cli("--db", str(MODEL), "export", "-f", "json")
    assert r.returncode == 0, r.stderr
    rows = {row["id"]: row for row in json.loads(r.stdout)}
    for rid, row in rows.items():
        for key, value in STORED[rid].items():
            assert row[key] == value, (rid, key)
    assert rows["rason-tours-suspended"]["latest"] == "2025"
    assert rows["rason-tours-suspended"]["edtf"] == "[2024..2025]"
    assert rows["rason-tours-suspended"]["when"] == "2024–25?"
    assert rows["railway-rebuilt"]["edtf"] == "2008/2013"
    assert rows["spring-fair"]["edtf"] == "2024-21" and rows["spring-fair"]["season"] == "spring"
    assert rows["talks-window-2025"]["edtf"] == "[2025-03?..2025-05?]"
    assert rows["bridge-planned"]["edtf"] == "2026?"
    assert rows["winter-troops"]["inferred"] is True
    assert rows["winter-troops"]["inferred_note"].startswith("the source says")
    assert rows["winter-troops"]["figures_text"] == [
        "thousands of troops: troops sent", "less than 5 tonnes: aid delivered"]
    assert rows["spring-fair"]["figures"][0]["qualifier"] == "more_than"


def test_csv_has_the_columns_and_reads_back_to_the_stored_records(tmp_path):
    out = tmp_path / "x.csv"
    r = run_cli("--db", str(MODEL), "export", "-f", "csv", "-o", str(out))
    assert r.returncode == 0, r.stderr
    text = out.read_text(encoding="utf-8")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text))}
    for col in ("latest", "season", "edtf", "when", "figures_text", "inferred", "inferred_note"):
        assert col in next(iter(rows.values())), col
    w = rows["rason-tours-suspended"]
    assert (w["date"], w["latest"], w["edtf"], w["when"]) == ("2024", "2025", "[2024..2025]",
                                                              "2024–25?")
    assert rows["spring-fair"]["season"] == "spring" and rows["spring-fair"]["edtf"] == "2024-21"
    assert rows["spring-fair"]["figures_text"] == "more than 10 groups: tourist groups at the fair"
    assert json.loads(rows["spring-fair"]["figures"])[0]["qualifier"] == "more_than"
    wt = rows["winter-troops"]
    assert wt["inferred"] == "true" and "indicating that" in wt["inferred_note"]
    assert rows["tourists-2024"]["inferred"] == ""
    # an export reads back to the records as stored: the derived columns are dropped
    items, problems = exporting.read_import(out)
    assert problems == []
    for _, _, rec in items:
        stored = STORED[rec["id"]]
        assert {k: v for k, v in rec.items() if v != []} == {
            k: v for k, v in stored.items() if v != []}, rec["id"]


def test_markdown_says_the_date_the_figures_and_the_inference():
    eng = Engine.load(MODEL)
    md = exporting.to_markdown(eng, eng.events, "", False, today="2026-01-01")
    assert "- **2008–2013** — Khasan to Rajin railway rebuilt." in md
    assert "- **some time between 2024 and 2025** — Tours to Rason suspended once." in md
    assert "- **spring 2024** — Spring trade fair." in md
    assert ("- **some time between March 2025 and May 2025 (date inferred)** — "
            "Talks at some point in spring.") in md
    assert "  - more than 10 groups: tourist groups at the fair" in md
    assert "  - thousands of troops: troops sent" in md
    assert "  - *Inferred, not stated by the source*: the source says 'indicating that'" in md
    assert "**2026 (date inferred)**" in md


def test_show_and_search_in_the_cli():
    r = run_cli("--db", str(MODEL), "search", "year:2025")
    assert r.returncode == 0, r.stderr
    rows = r.stdout.splitlines()
    assert rows[0].startswith("2024–25?") and "Tours to Rason suspended once" in rows[0]
    assert rows[1].startswith("winter 2024 ")
    assert rows[2].startswith("2025-03…?")
    r = run_cli("--db", str(MODEL), "show", "winter-troops")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "Date: winter 2024 (December 2024 to February 2025)" in out
    assert "Inferred, not stated by the source: the source says 'indicating that'" in out
    assert "  thousands of troops: troops sent" in out and "  less than 5 tonnes: aid delivered" in out
    r = run_cli("--db", str(MODEL), "show", "rason-tours-suspended")
    assert "Date: 2024–25? (a window: once, at some time between 2024 and 2025;" in r.stdout
    r = run_cli("--db", str(MODEL), "show", "rel-academy-part-of")
    assert "Date: 2024–25? (a window" in r.stdout
    assert "Inferred, not stated by the source: working to build closer ties" in r.stdout
    r = run_cli("--db", str(MODEL), "show", "diplomatic-academy")
    assert "Inferred, not stated by the source: that it belongs to the Foreign Ministry" in r.stdout
    assert "(2024–25?) (inferred: working to build closer ties" in r.stdout


def test_add_takes_a_window_a_season_a_figure_qualifier_and_the_inferred_marker(tmp_path):
    from clitools import cli_env

    env = cli_env(NKRU_USER_DB=str(tmp_path / "u.json"))
    r = run_cli("--db", str(MODEL), "add", "event", "--id", "my-window", "--date", "2024",
                "--latest", "2025", "--title", "Mine", "--sector", "trade", "--figure",
                "at_least 10 groups:tourist groups", "--inferred-note", "my reading", env=env)
    assert r.returncode == 0, r.stderr
    r = run_cli("--db", str(MODEL), "show", "my-window", env=env)
    assert "Date: 2024–25? (a window" in r.stdout
    assert "Inferred, not stated by the source: my reading" in r.stdout
    assert "  at least 10 groups: tourist groups" in r.stdout
    r = run_cli("--db", str(MODEL), "add", "event", "--id", "my-season", "--date", "2024-05",
                "--season", "spring", "--title", "x", "--sector", "trade", env=env)
    assert r.returncode == 4
    assert "events/my-season: season: needs a year-only date" in r.stderr
