"""year:/from:/to: over spans, windows and seasons (issue 12), on tests/fixtures/model.json.

model.json is mini.json plus: a window 2024..2025 (rason-tours-suspended), spring 2024
(spring-fair), winter 2024 (winter-troops, an inferred record), an inferred window
2025-03..2025-05 (talks-window-2025); mini has the span 2008..2013 (railway-rebuilt).
"""

from __future__ import annotations

import pytest

from nkru_tui.core.engine import Engine
from nkru_tui.core.query import QUALIFIERS
from clitools import MINI

MODEL = MINI.parent / "model.json"


@pytest.fixture(scope="module")
def eng() -> Engine:
    return Engine.load(MODEL)


def ids(evs):
    return [e["id"] for e in evs]


@pytest.mark.parametrize("q, expected", [
    # a window matches every year it may fall in
    ("year:2024", ["rason-tours-suspended", "tourists-2024", "spring-fair", "treaty-signed",
                   "winter-troops"]),
    ("year:2025", ["rason-tours-suspended", "winter-troops", "talks-window-2025",
                   "wonsan-talks"]),
    ("year:2026", ["bridge-planned"]),
    # a span matches every year it runs over
    ("year:2010", ["railway-rebuilt"]),
    ("year:2014", []),
    # from:/to: as for year:, by day: spring is over by June; the window may still be later
    ("from:2024-06 to:2024-12", ["rason-tours-suspended", "tourists-2024", "treaty-signed",
                                 "winter-troops"]),
    ("from:2025-06", ["rason-tours-suspended", "wonsan-talks", "bridge-planned"]),
    ("to:2024-02", ["railway-rebuilt", "rason-tours-suspended", "tourists-2024"]),
    ("from:2024-03 to:2024-03", ["rason-tours-suspended", "tourists-2024", "spring-fair"]),
    ("from:2025-06 to:2025-06", ["rason-tours-suspended"]),  # talks: March to May only
    # the certain ones only: drop windows
    ("year:2024 -is:window", ["tourists-2024", "spring-fair", "treaty-signed", "winter-troops"]),
    ("is:window", ["rason-tours-suspended", "talks-window-2025"]),
    ("is:span", ["railway-rebuilt"]),
    ("is:seasonal", ["spring-fair", "winter-troops"]),
    # date: is by the start as written, as the density chart counts
    ("date:2024", ["rason-tours-suspended", "tourists-2024", "spring-fair", "treaty-signed",
                   "winter-troops"]),
    ("date:2025", ["talks-window-2025", "wonsan-talks"]),
    ("date:2024-??", ["rason-tours-suspended", "tourists-2024", "spring-fair", "winter-troops"]),
    # inferred: a date or a reading
    ("is:inferred", ["winter-troops", "talks-window-2025", "bridge-planned"]),
    # the season and the window's end are words too
    ("winter", ["winter-troops"]),
])
def test_date_semantics(eng, q, expected):
    assert ids(eng.search_events(q)) == expected


def test_events_sort_by_their_earliest_day(eng):
    # spring 2024 (from March) after a plain 2024 (from January); winter 2024 from December
    order = ids(eng.search_events("date:2024"))
    assert order.index("tourists-2024") < order.index("spring-fair")
    assert order.index("treaty-signed") < order.index("winter-troops")


def test_the_query_help_says_what_a_window_matches():
    assert "MAY fall in" in QUALIFIERS["year"] and "-is:window" in QUALIFIERS["year"]
    for v in ("is:span", "is:window", "is:seasonal"):
        assert v in QUALIFIERS["is"]


@pytest.mark.parametrize("q", ["", "year:2025", "year:2024..2025", "is:window", "from:2025-02"])
def test_the_density_chart_counts_a_window_once_under_its_start(eng, q):
    from nkru_tui.core import graph

    evs = eng.search_events(q)
    for by in ("year", "month"):
        bars = graph.density(evs, by)
        assert sum(sum(c.values()) for _, c in bars) == len(evs)
        for key, counts in bars:
            if sum(counts.values()):
                narrowed = eng.search_events(f"{q} {graph.period_query(key)}")
                assert sum(counts.values()) == len(narrowed), (q, key)
    if q == "year:2025":  # the 2024–25 window and winter 2024 show under 2024
        assert dict((k, sum(c.values())) for k, c in graph.density(evs, "year")) == {
            "2024": 2, "2025": 2}
