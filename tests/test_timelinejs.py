"""The ``timeline`` export loaded into the real TimelineJS (npm ``@knight-lab/timelinejs``) in
headless Chromium (Debian's ``chromium``): it must build a slide for every event, with no
error, and show our display dates. Skipped, with the reason, only where Chromium or the npm
package cannot be installed (``.ci/run`` installs both)."""

from __future__ import annotations

import copy
import json
from html import unescape

import pytest
from clitools import MINI, ROOT
from helpers.browser import build_timeline, chromium, timelinejs

from nkru_tui.core.engine import Engine
from nkru_tui.core.exporting import render_events
from nkru_tui.core.formats.common import display_when


@pytest.fixture(scope="module")
def tl():
    browser = chromium()
    if browser is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    package, why = timelinejs()
    if package is None:
        pytest.skip(why)
    return lambda text: build_timeline(browser, package, text)


def odd_events(eng: Engine) -> list[dict]:
    events = [copy.deepcopy(e) for e in eng.events]
    base = next(e for e in events if e["id"] == "wonsan-talks")
    return events + [
        dict(
            base,
            id="window-ev",
            date="2024",
            latest="2025",
            date_inferred=True,
            title="Talks <somewhere> & sometime",
            date_note="between the visits",
        ),
        dict(base, id="season-ev", date="2024", season="winter", title="Winter talks"),
    ]


def test_timelinejs_builds_every_slide_of_the_mini_store(tl):
    eng = Engine.load(MINI)
    events = odd_events(eng)
    text = render_events(eng, "timeline", events, "", False)
    report = tl(text)
    assert report["problems"] == [] and report["config_errors"] == [], report
    assert report["loaded"] and report["ready"], report
    assert report["events"] == len(events)
    assert report["slides"] == len(events) + 1  # and the title slide
    assert report["markers"] == len(events)
    heads = report["headlines"]
    assert "North Korea–Russia relations" in heads
    assert "Talks <somewhere> & sometime" in heads  # escaped by us, shown as text
    assert "Putin and Kim sign the partnership treaty" in heads
    dates = [unescape(d) for d in report["dates"]]
    window = next(e for e in events if e["id"] == "window-ev")
    assert display_when(window) in dates  # core/dates' words for a window, marked inferred
    assert "2024" in display_when(window) and "2025" in display_when(window)
    assert "winter 2024" in dates
    assert "2026 (date inferred)" in dates
    # one row per main sector
    assert report["groups"] == len({e["sectors"][0] for e in events})


def test_timelinejs_builds_the_curated_store(tl):
    eng = Engine.load(ROOT / "data" / "db.json")
    text = render_events(eng, "timeline", eng.events, "", False)
    assert len(json.loads(text)["events"]) == len(eng.events)
    report = tl(text)
    assert report["problems"] == [] and report["config_errors"] == [], report
    assert report["loaded"], report
    assert report["slides"] == len(eng.events) + 1


def test_the_harness_sees_a_timeline_that_does_not_build(tl):
    bad = {"events": [{"start_date": {"year": "abc"}, "text": {"headline": "x"}}]}
    report = tl(json.dumps(bad))
    assert not report["loaded"] and report["slides"] == 0


def test_slide_dates_of_a_season_a_window_and_a_span():
    from nkru_tui.core.formats.timelinejs import slide_dates

    winter = {"date": "2024", "season": "winter"}
    assert slide_dates(winter) == (
        {"year": 2024, "month": 12},
        {"year": 2025, "month": 2},
        "winter 2024",
    )
    window = {"date": "2024-05", "latest": "2024-09"}
    assert slide_dates(window)[:2] == ({"year": 2024, "month": 5}, {"year": 2024, "month": 9})
    span = {"date": "2008", "end_date": "2013-06-30"}
    assert slide_dates(span) == ({"year": 2008}, {"year": 2013, "month": 6, "day": 30}, None)
