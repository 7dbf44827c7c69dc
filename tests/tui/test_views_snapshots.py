"""Snapshots of the relation map and the density chart on tests/fixtures/views.json, a frozen
copy of the curated store, so that curating data/db.json never changes them.

Regenerate with ``pytest tests/tui/test_views_snapshots.py --snapshot-update`` and look at the
SVGs in ``tests/tui/__snapshots__/`` before committing them.
"""

from __future__ import annotations

from .test_views import DB, ChartApp, MapApp


def test_relation_map_80x24(snap_compare):
    assert snap_compare(MapApp(DB, "kim-jong-un"), terminal_size=(80, 24), press=["down"])


def test_relation_map_120x40(snap_compare):
    assert snap_compare(MapApp(DB, "north-korea"), terminal_size=(120, 40),
                        press=["down", "down"])


def test_relation_map_no_color_80x24(snap_compare, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(MapApp(DB, "sergei-lavrov"), terminal_size=(80, 24), press=["down"])


def test_density_years_80x24(snap_compare):
    assert snap_compare(ChartApp(DB), terminal_size=(80, 24), press=["left"])


def test_density_months_120x40(snap_compare):
    assert snap_compare(ChartApp(DB, by="month", height=5), terminal_size=(120, 40),
                        press=["left", "left"])


def test_density_no_color_80x24(snap_compare, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(ChartApp(DB, by="month", height=5), terminal_size=(80, 24),
                        press=["left", "left"])
