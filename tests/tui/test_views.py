"""The views through Pilot: the relation map, the density chart, the export dialog, and
the ``m``/``d``/``e`` keys on the real explorer screen.

The small host apps here are also what the snapshot tests photograph.
"""

from __future__ import annotations

import errno
import json
import os
from collections import Counter
from pathlib import Path

import re

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static

from nkru_tui.core.exporting import render_export
from nkru_tui.core import graph
from nkru_tui.core.engine import Engine
from nkru_tui.tui.app import make_app
from nkru_tui.tui.screens.export_screen import ExportScreen
from nkru_tui.tui.screens.relation_map_screen import RelationMapScreen
from nkru_tui.tui.widgets.density import SLOT_CHARS, DensityChart
from nkru_tui.tui.widgets.relation_map import RelationMap, relation_label

from .conftest import MINI, rows, settle

# A frozen copy of the curated store: the views' tests (and their snapshots) depend on which
# actors, relations and dates it holds, so a curation change must not move them.
DB = Path(__file__).resolve().parents[1] / "fixtures" / "views.json"
# The curated store itself, for the checks that must hold on whatever it holds.
CURATED = Path(__file__).resolve().parents[2] / "data" / "db.json"

LABEL = re.compile(r"─ (.+?) ─+▶ \[")
NODE = re.compile(r"\[(.+)\] \((\d+)\)$")

_ENGINES: dict[Path, Engine] = {}


def engine_for(path: Path) -> Engine:
    """One engine a store for the whole run: the tests only read it."""
    if path not in _ENGINES:
        _ENGINES[path] = Engine.load(path)
    return _ENGINES[path]


# ---------------------------------------------------------------------------- host apps


class HostApp(App):
    """Records the messages the views post; NO_COLOR is handled as NkruApp does."""

    def __init__(self) -> None:
        no_color = "NO_COLOR" in os.environ
        super().__init__(ansi_color=True if no_color else None)
        if no_color:
            self.theme = "ansi-dark"
        self.seen: list[tuple[str, str]] = []

    def on_relation_map_node_highlighted(self, message: RelationMap.NodeHighlighted) -> None:
        self.seen.append(("highlighted", message.actor_id))

    def on_relation_map_recentred(self, message: RelationMap.Recentred) -> None:
        self.seen.append(("recentred", message.actor_id))

    def on_density_chart_period_selected(self, message: DensityChart.PeriodSelected) -> None:
        self.seen.append(("period", message.period_key, message.query, message.count))


class MapApp(HostApp):
    """The relation map screen over ``db`` for ``actor``; ``result`` is what Esc returns."""

    def __init__(self, db: Path = DB, actor: str = "kim-jong-un") -> None:
        super().__init__()
        self.engine = engine_for(db)
        self.actor = actor
        self.result: object = "not closed"

    def on_mount(self) -> None:
        def closed(value) -> None:
            self.result = value

        self.push_screen(RelationMapScreen(self.engine, self.actor), closed)


class ChartApp(HostApp):
    """A density chart over the events ``query`` matches, above a line of text."""

    CSS = "#below { height: 1fr; padding: 0 1; color: $text-muted; }"

    def __init__(self, db: Path = DB, query: str = "", by: str = "year", height: int = 4) -> None:
        super().__init__()
        self.engine = engine_for(db)
        self.events = self.engine.search_events(query)
        self.by = by
        self.chart_height = height

    def compose(self) -> ComposeResult:
        chart = DensityChart(self.events, by=self.by, id="chart")
        chart.styles.height = self.chart_height
        yield chart
        yield Static("(the timeline would be here)", id="below", markup=False)

    def on_mount(self) -> None:
        self.query_one(DensityChart).focus()


class ExportApp(HostApp):
    def __init__(self, db: Path, query: str, folder: Path) -> None:
        super().__init__()
        self.engine = engine_for(db)
        self.search = query
        self.folder = folder
        self.result: object = "not closed"

    def on_mount(self) -> None:
        def closed(value) -> None:
            self.result = value

        self.push_screen(ExportScreen(self.engine, self.search, folder=self.folder), closed)


def views_app(db: Path = DB):
    return make_app(db_path=db)


def map_rows(widget: RelationMap) -> list[str]:
    return rows(widget)


# ---------------------------------------------------------------------------- relation map


@pytest.mark.parametrize("actor", ["kim-jong-un", "sergei-lavrov", "choe-son-hui", "russia"])
async def test_map_shows_centre_and_each_neighbour_with_label_and_weight(actor):
    app = MapApp(DB, actor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        m = app.screen.relation_map
        eng = app.engine
        expected = graph.neighbourhood(eng, actor)
        assert [nb.actor_id for nb in m.neighbours] == [nb.actor_id for nb in expected]
        lines = map_rows(m)
        assert eng.actor_name(actor) in lines[1]  # the centre box, beside the trunk
        for i, nb in enumerate(expected):
            line = lines[i]
            name = eng.actor_name(nb.actor_id)
            node = NODE.search(line)
            assert node, line
            shown, weight = node.group(1), int(node.group(2))
            assert shown == name or (shown.endswith("…") and name.startswith(shown[:-1])), line
            assert weight == nb.shared_events
            label = relation_label(nb.relations)
            if label:
                shown_label = LABEL.search(line)
                assert shown_label, line
                cut = shown_label.group(1)
                assert cut == label or (cut.endswith("…") and label.startswith(cut[:-1])), line
            else:
                assert "╌╌╌" in line and "▶" not in line


async def test_map_words_relations_from_the_centre():
    app = MapApp(DB, "sergei-lavrov")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        lines = "\n".join(map_rows(app.screen.relation_map))
        assert "visited ─" in lines and "[Wonsan] (5)" in lines       # Lavrov visited Wonsan
        assert "hosted by ─" in lines and "[North Korea] (2)" in lines  # North Korea hosted him
        assert "leads ─" in lines                                       # his ministry
        assert "─ met ─" in lines and "[Choe Son Hui] (2)" in lines


async def test_map_keys_move_recentre_and_post_messages():
    app = MapApp(DB, "kim-jong-un")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        m = app.screen.relation_map
        first, second = (nb.actor_id for nb in m.neighbours[:2])
        assert m.highlighted == "kim-jong-un" and m.has_focus
        await pilot.press("down")
        assert m.highlighted == first == "vladimir-putin"
        await pilot.press("j")
        assert m.highlighted == second == "north-korea"
        await pilot.press("k", "h")
        assert m.highlighted == "kim-jong-un"
        await pilot.press("l")  # back to the last neighbour visited
        assert m.highlighted == first
        await pilot.press("j", "enter")
        await pilot.pause()
        assert m.centre == "north-korea" and m.highlighted == "north-korea"
        assert [nb.actor_id for nb in m.neighbours] == [
            nb.actor_id for nb in graph.neighbourhood(app.engine, "north-korea")]
        assert "North Korea" in map_rows(m)[1]
        await pilot.press("backspace")
        await pilot.pause()
        assert m.centre == "kim-jong-un"
        events = [e for e in app.seen if e[0] == "recentred"]
        assert events == [("recentred", "north-korea"), ("recentred", "kim-jong-un")]
        assert ("highlighted", "vladimir-putin") in app.seen
        # Enter on the centre does not recentre; Backspace with no earlier centre rings
        await pilot.press("enter", "backspace")
        assert [e for e in app.seen if e[0] == "recentred"] == events


async def test_map_scrolls_to_keep_the_highlight_in_view_at_80x24():
    app = MapApp(DB, "north-korea")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        m = app.screen.relation_map
        assert len(m.neighbours) > m.scrollable_content_region.height
        await pilot.press("end")
        last = app.engine.actor_name(m.neighbours[-1].actor_id)
        visible = map_rows(m)
        assert any(f"[{last}]" in line for line in visible)
        assert "North Korea" in visible[1]  # the centre box does not scroll away
        assert all(len(line) <= 80 for line in visible)


async def test_map_panel_follows_and_escape_returns_the_highlighted_actor():
    app = MapApp(DB, "choe-son-hui")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.panel_text.startswith("Choe Son Hui\nperson · KP")
        await pilot.press("down")
        await pilot.pause()
        panel = screen.panel_text
        assert panel.startswith("Sergei Lavrov\nperson · RU")
        assert "Choe Son Hui met Sergei Lavrov; 2 shared events" in panel
        assert "also: " in panel and "Лавров" in panel
        await pilot.press("escape")
        await pilot.pause()
        assert app.result == "sergei-lavrov"


async def test_map_names_are_plain_text_and_cut_by_cells(hostile_store):
    app = MapApp(hostile_store, "kim-jong-un")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = map_rows(app.screen.relation_map)
        assert any("[Vladimir [i]Putin[/]]" in line for line in lines)
        assert app.is_running


async def test_map_highlight_is_visible_without_colour(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = MapApp(DB, "kim-jong-un")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        m = app.screen.relation_map
        await pilot.press("down")
        strip = m.render_line(0)
        node = [seg for seg in strip if seg.text.startswith("[Vladimir Putin]")]
        assert node and node[0].style.reverse and node[0].style.bold
        assert not any(seg.style.reverse for seg in m.render_line(1) if seg.text.strip())
        await pilot.press("h")  # the centre: a heavy box and a reversed name
        assert m.render_line(0).text.lstrip().startswith("┏")
        assert any(seg.style.reverse for seg in m.render_line(1) if "Kim Jong Un" in seg.text)


# ---------------------------------------------------------------------------- density chart


@pytest.mark.parametrize("db", [MINI, DB, CURATED], ids=["mini", "views", "curated"])
@pytest.mark.parametrize("by", ["year", "month"])
async def test_density_counts_are_the_engines(db, by):
    app = ChartApp(db, by=by)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        chart = app.query_one(DensityChart)
        expected = {k: sum(c.values()) for k, c in graph.density(app.events, by=by)}
        assert chart.counts() == expected
        assert sum(chart.counts().values()) == len(app.engine.events)


async def test_density_follows_the_events_it_is_given():
    app = ChartApp(DB)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        chart = app.query_one(DensityChart)
        tourism = app.engine.search_events("sector:tourism")
        chart.update_events(tourism)
        await pilot.pause()
        assert sum(chart.counts().values()) == len(tourism)
        assert chart.slots[0] == "tourism"
        assert chart.cursor_key == max(ev["date"][:4] for ev in tourism)
        chart.update_events([])
        await pilot.pause()
        assert chart.counts() == {}
        assert "no dated events" in chart.render_line(0).text


async def test_density_cursor_shows_label_count_and_breakdown():
    app = ChartApp(DB)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        chart = app.query_one(DensityChart)
        assert chart.cursor_key == "2026"  # the latest period with events
        await pilot.press("left")
        assert chart.cursor_key == "2025"
        info = chart.render_line(3).text
        n = chart.counts()["2025"]
        assert info.startswith(f"2025 · {n} events")
        top = Counter(ev["sectors"][0] for ev in app.events if ev["date"].startswith("2025"))
        assert f"{SLOT_CHARS[0]}{chart.slots[0][:5]}" in info
        assert f" {top[chart.slots[0]]} " in info
        # the peak bar fills every bar row; an empty period is blank
        col = chart.cursor - chart.first
        assert all(chart.render_line(y).text[col] != " " for y in range(2))
        await pilot.press("shift+left")
        assert chart.cursor_key == "2024"
        await pilot.press("home")
        assert chart.cursor_key == "1950"
        await pilot.press("right")
        assert chart.cursor_key == "1951" and chart.counts()["1951"] == 0
        assert chart.render_line(1).text[1] == " " and chart.render_line(0).text[1] == " "
        assert chart.render_line(3).text.startswith("1951 · 0 events")


async def test_density_fits_80_columns_and_scrolls_when_narrower():
    app = ChartApp(DB)
    async with app.run_test(size=(50, 12)) as pilot:
        await pilot.pause()
        chart = app.query_one(DensityChart)
        n = len(chart.bars)
        assert n > 50
        assert chart.cursor_key == "2026" and chart.first == n - 50
        assert chart.render_line(2).text.startswith("◀")  # more to the left
        await pilot.press("home")
        assert chart.first == 0 and chart.render_line(2).text.rstrip().endswith("▶")
        assert all(len(chart.render_line(y).text) == 50 for y in range(4))
    app = ChartApp(DB)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        chart = app.query_one(DensityChart)
        assert chart.first == 0 and len(chart.bars) <= 80  # all years on screen at 80 columns
        assert "◀" not in chart.render_line(2).text and "▶" not in chart.render_line(2).text


async def test_density_zoom_keeps_the_time():
    app = ChartApp(DB)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        chart = app.query_one(DensityChart)
        await pilot.press("left")  # 2025
        await pilot.press("plus")
        assert chart.by == "month" and chart.cursor_key.startswith("2025")
        assert chart.counts() == {k: sum(c.values()) for k, c in graph.density(app.events, "month")}
        assert "by month" in chart.render_line(3).text
        await pilot.press("minus")
        assert chart.by == "year" and chart.cursor_key == "2025"


async def test_density_without_colour_uses_distinct_shades(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = ChartApp(DB, height=6)  # four bar rows: room for several sectors in the 2025 bar
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        chart = app.query_one(DensityChart)
        await pilot.press("left")
        col = chart.cursor - chart.first
        cells = {chart.render_line(y).text[col] for y in range(4)}
        assert len(cells & set(SLOT_CHARS)) >= 2, cells
        legend = chart.render_line(5).text
        assert all(ch in legend for ch in SLOT_CHARS[: len(chart.slots)])
        cursor_cell = [s for s in chart.render_line(3) if s.style.reverse]
        assert cursor_cell, "the cursor bar is reversed"


async def test_enter_on_a_bar_posts_its_period_query():
    app = ChartApp(DB, by="month")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        chart = app.query_one(DensityChart)
        while chart.cursor_key != "2025-07":
            await pilot.press("left")
        await pilot.press("enter")
        await pilot.pause()
        assert app.seen[-1] == ("period", "2025-07", "date:2025-07",
                                chart.counts()["2025-07"])


def _bar_events(events, key: str) -> set[str]:
    """The events ``graph.density`` puts in bar ``key`` (start date, at its precision)."""
    out = set()
    for ev in events:
        d = ev["date"]
        k = d[:4] if len(key) == 4 else (d[:7] if len(d) >= 7 else d[:4] + "-??")
        if k == key:
            out.add(ev["id"])
    return out


@pytest.mark.parametrize("by", ["year", "month"])
def test_a_bars_query_finds_every_event_of_the_bar(by):
    eng = engine_for(CURATED)
    for key, counter in graph.density(eng.events, by):
        mine = _bar_events(eng.events, key)
        assert len(mine) == sum(counter.values())
        found = {ev["id"] for ev in eng.search_events(graph.period_query(key))}
        assert mine <= found, key


@pytest.mark.parametrize("by", ["year", "month"])
def test_a_bars_query_finds_exactly_the_bars_events(by):
    eng = engine_for(CURATED)
    for key, _ in graph.density(eng.events, by):
        found = {ev["id"] for ev in eng.search_events(graph.period_query(key))}
        assert found == _bar_events(eng.events, key), key


# ---------------------------------------------------------------------------- export


async def _export(app, pilot, fmt: str, notes: bool = False) -> ExportScreen:
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ExportScreen)
    await pilot.click(f"#fmt-{fmt}")
    if notes:
        await pilot.click("#export-notes")
    await pilot.click("#export-go")
    await settle(pilot)
    return screen


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
async def test_export_writes_what_render_export_gives(tmp_path, fmt):
    query = "sector:diplomacy year:2025"
    app = ExportApp(DB, query, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _export(app, pilot, fmt)
        assert screen.error is None
        files = sorted(tmp_path.iterdir())
        assert [f.suffix for f in files] == [f".{fmt}"]
        assert files[0].name.startswith("nkru-export-")
        text = files[0].read_text(encoding="utf-8")
        assert text == render_export(app.engine, fmt, query, False)
        n = len(app.engine.search_events(query))
        assert n > 1
        if fmt == "json":
            rows_ = json.loads(text)
            assert sum(1 for r in rows_ if r["record_type"] == "event") == n
        assert app.result == str(files[0])
        notes = [x.message for x in app._notifications]
        assert notes == [f"exported {n} events to {files[0]}"]


async def test_export_into_a_missing_folder_says_why_and_keeps_running(tmp_path):
    app = ExportApp(DB, "", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#export-path").value = str(tmp_path / "no" / "such" / "x.md")
        await pilot.click("#export-go")
        await settle(pilot)
        assert app.screen is screen and app.is_running
        assert screen.message_text.startswith("not exported: ")
        assert "cannot write here" in screen.message_text
        assert list(tmp_path.iterdir()) == []
        # fix the path and it works
        screen.query_one("#export-path").value = str(tmp_path / "ok.md")
        await pilot.click("#export-go")
        await settle(pilot)
        assert (tmp_path / "ok.md").read_text(encoding="utf-8") == render_export(
            app.engine, "md", "", False)


async def test_export_to_a_read_only_filesystem_is_a_clear_error(tmp_path, monkeypatch):
    import nkru_tui.core.atomic as atomic

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(atomic, "open_temp", read_only)
    app = ExportApp(DB, "", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _export(app, pilot, "csv")
        assert app.screen is screen and app.is_running
        assert "Read-only file system" in screen.message_text
        assert [x.severity for x in app._notifications] == ["error"]
        assert list(tmp_path.iterdir()) == []
        await pilot.press("escape")
        await pilot.pause()
        assert app.result is None


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
async def test_export_into_a_read_only_folder_for_real(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        app = ExportApp(DB, "", folder)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _export(app, pilot, "md")
            assert app.is_running and "cannot write here" in screen.message_text
    finally:
        folder.chmod(0o700)


async def test_export_asks_before_replacing_a_file(tmp_path):
    app = ExportApp(DB, "", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        target = tmp_path / "brief.md"
        target.write_text("keep me", encoding="utf-8")
        screen.query_one("#export-path").value = str(target)
        await pilot.click("#export-go")
        await settle(pilot)
        assert "exists" in screen.message_text and target.read_text() == "keep me"
        await pilot.click("#export-go")
        await settle(pilot)
        assert target.read_text(encoding="utf-8") == render_export(app.engine, "md", "", False)


# ---------------------------------------------------------------------------- on the explorer


async def test_m_opens_the_map_and_the_detail_pane_follows():
    app = views_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = app.main_screen
        main.select_actor("kim-jong-un")
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, RelationMapScreen)
        m = app.screen.relation_map
        assert m.centre == "kim-jong-un"
        await pilot.press("down", "down", "enter")  # North Korea becomes the centre
        await settle(pilot)
        assert main.detail.current_id == "north-korea"  # followed while the map is open
        await pilot.press("down")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is main
        assert main.detail.current_id == m.neighbours[0].actor_id == "russia"
        await pilot.press("backspace")  # the map's steps are in the history
        await settle(pilot)
        assert main.detail.current_id == "north-korea"


async def test_m_on_an_event_maps_its_first_actor():
    app = views_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        main = app.main_screen
        ev = main.timeline.highlighted
        await pilot.press("m")
        await pilot.pause()
        assert app.screen.relation_map.centre == app.engine.event_actor_ids(ev)[0]


async def test_d_shows_the_chart_that_follows_the_results_and_narrows_the_timeline():
    app = views_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = app.main_screen
        await pilot.press("d")
        await settle(pilot)
        chart = main.density_chart
        assert chart is not None and chart.display and chart.by == "year"
        assert sum(chart.counts().values()) == len(main.timeline.events) == 86
        # the chart follows a search
        await pilot.press("slash", *"tourists", "enter")
        await settle(pilot)
        shown = main.timeline.events
        assert 0 < len(shown) < 86
        assert chart.counts() == {k: sum(c.values()) for k, c in graph.density(shown, "year")}
        # Enter on a bar narrows the timeline to that period
        chart.focus()
        key, n = chart.cursor_key, chart.cursor_count
        await pilot.press("enter")
        await settle(pilot)
        assert f"date:{key}" in main.full_query()
        assert main.timeline.events == app.engine.search_events(main.full_query())
        assert {ev["id"] for ev in main.timeline.events} == _bar_events(shown, key)
        assert n == len(_bar_events(shown, key))
        # d again: months; and again: hidden
        chart.focus()
        await pilot.press("d")
        assert chart.by == "month"
        await pilot.press("d")
        assert not chart.display and main.timeline.has_focus


async def test_e_exports_the_current_filtered_set(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = views_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        main = app.main_screen
        main.select_actor("sergei-lavrov")
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        assert screen.search_query == main.full_query() == "actor:sergei-lavrov"
        await pilot.press("enter")  # Enter in the file name field exports
        await settle(pilot)
        assert app.screen is main
        files = list(tmp_path.glob("nkru-export-*.md"))
        assert len(files) == 1
        assert files[0].read_text(encoding="utf-8") == render_export(
            app.engine, "md", "actor:sergei-lavrov", False)
