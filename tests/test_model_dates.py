"""Dates that say what is known (issue 12): EDTF, the text a reader sees, the day bounds,
and figure qualifiers as text. Table-driven: one row per form."""

from __future__ import annotations

from datetime import date

import pytest

from nkru_tui.core import dates
from nkru_tui.core.render import figure_line, figure_text, inferred_text


def D(s: str) -> int:
    return date.fromisoformat(s).toordinal()


POINT = {"date": "2024-06"}
YEAR = {"date": "2024"}
DAY = {"date": "2025-07-12"}
INFERRED = {"date": "2026", "date_inferred": True, "date_note": "set to be completed in 2026"}
SPAN = {"date": "2008", "end_date": "2013"}
SPAN_DAYS = {"date": "2024-06-01", "end_date": "2024-07-15"}
SPAN_INF = {"date": "2008", "end_date": "2013", "date_inferred": True, "date_note": "n"}
WINDOW = {"date": "2024", "latest": "2025"}
WINDOW_M = {"date": "2024-05", "latest": "2024-09"}
WINDOW_C = {"date": "1999", "latest": "2000"}
WINDOW_INF = {"date": "2024", "latest": "2025", "date_inferred": True, "date_note": "n"}
SPRING = {"date": "2024", "season": "spring"}
WINTER = {"date": "2024", "season": "winter"}
SUMMER_INF = {"date": "2025", "season": "summer", "date_inferred": True, "date_note": "n"}

TABLE = [
    # rec, kind, edtf, human_when, words, bounds
    (POINT, "point", "2024-06", "2024-06", "June 2024", ("2024-06-01", "2024-06-30")),
    (YEAR, "point", "2024", "2024", "2024", ("2024-01-01", "2024-12-31")),
    (DAY, "point", "2025-07-12", "2025-07-12", "12 July 2025", ("2025-07-12", "2025-07-12")),
    (INFERRED, "point", "2026?", "2026?", "2026?", ("2026-01-01", "2026-12-31")),
    (SPAN, "span", "2008/2013", "2008–2013", "2008–2013", ("2008-01-01", "2013-12-31")),
    (SPAN_DAYS, "span", "2024-06-01/2024-07-15", "2024-06-01–2024-07-15",
     "1 June 2024 – 15 July 2024", ("2024-06-01", "2024-07-15")),
    (SPAN_INF, "span", "2008?/2013?", "2008?–2013?", "2008?–2013?", ("2008-01-01", "2013-12-31")),
    (WINDOW, "window", "[2024..2025]", "2024–25?", "some time between 2024 and 2025",
     ("2024-01-01", "2025-12-31")),
    (WINDOW_M, "window", "[2024-05..2024-09]", "2024-05–2024-09?",
     "some time between May 2024 and September 2024", ("2024-05-01", "2024-09-30")),
    (WINDOW_C, "window", "[1999..2000]", "1999–2000?", "some time between 1999 and 2000",
     ("1999-01-01", "2000-12-31")),
    (WINDOW_INF, "window", "[2024?..2025?]", "2024–25?", "some time between 2024 and 2025",
     ("2024-01-01", "2025-12-31")),
    (SPRING, "season", "2024-21", "spring 2024", "spring 2024", ("2024-03-01", "2024-05-31")),
    (WINTER, "season", "2024-24", "winter 2024", "winter 2024", ("2024-12-01", "2025-02-28")),
    (SUMMER_INF, "season", "2025-22?", "summer 2025?", "summer 2025?",
     ("2025-06-01", "2025-08-31")),
]


@pytest.mark.parametrize("rec, kind, edtf, human, words, bounds", TABLE,
                         ids=[t[2] for t in TABLE])
def test_every_form_of_a_date(rec, kind, edtf, human, words, bounds):
    assert dates.when_kind(rec) == kind
    assert dates.edtf(rec) == edtf
    assert dates.human_when(rec) == human
    assert dates.human_when(rec, words=True) == words
    assert dates.bounds(rec) == (D(bounds[0]), D(bounds[1]))


def test_undated_and_broken_records_never_raise():
    for rec in ({}, {"date": None}, {"date": 2024}, {"date": "2024", "latest": 5},
                {"date": "2024", "season": "monsoon"}, {"date": "soon", "end_date": "2025"}):
        dates.edtf(rec), dates.human_when(rec), dates.when_long(rec), dates.bounds(rec)
    assert dates.edtf({}) == "" and dates.human_when({}) == "" and dates.bounds({}) is None
    assert dates.when_long({}) == "undated"
    assert dates.when_kind({"date": "2024", "season": "monsoon"}) == "point"


@pytest.mark.parametrize("rec, text", [
    (SPAN, "2008–2013 (a span: from 2008 to 2013)"),
    (WINDOW, "2024–25? (a window: once, at some time between 2024 and 2025; not known more precisely)"),
    (SPRING, "spring 2024 (March to May)"),
    (WINTER, "winter 2024 (December 2024 to February 2025)"),
    (INFERRED, "2026? (date inferred: set to be completed in 2026)"),
    (WINDOW_INF, "2024–25? (a window: once, at some time between 2024 and 2025; not known more "
                 "precisely; date inferred: n)"),
])
def test_the_long_form_names_the_kind_of_date(rec, text):
    assert dates.when_long(rec) == text


@pytest.mark.parametrize("rec, width, text", [
    (SPAN, 12, "2008–2013"),
    (WINDOW, 12, "2024–25?"),
    (SPAN_DAYS, 12, "2024-06-01…"),
    (dict(WINDOW_M, date="2024-05-01"), 12, "2024-05-01…?"),
    (SPRING, 12, "spring 2024"),
])
def test_short_forms_fit_a_column(rec, width, text):
    assert dates.short_when(rec, width) == text


@pytest.mark.parametrize("rec, lo, hi, expected", [
    (WINDOW, "2024-01-01", "2024-12-31", "may"),   # year:2024 - may fall in 2024
    (WINDOW, "2025-01-01", "2025-12-31", "may"),
    (WINDOW, "2023-01-01", "2026-12-31", "in"),    # year:2023..2026 holds the whole window
    (WINDOW, "2026-01-01", "2026-12-31", ""),
    (SPAN, "2010-01-01", "2010-12-31", "in"),      # a span runs over every year of its run
    (SPAN, "2014-01-01", "2014-12-31", ""),
    (SPRING, "2024-01-01", "2024-12-31", "in"),
    (SPRING, "2024-06-01", "2099-12-31", ""),       # from:2024-06: spring is over by then
    (WINTER, "2025-01-01", "2025-12-31", "may"),    # winter 2024 runs into February 2025
    (POINT, "2024-06-15", "2099-12-31", "may"),     # from:2024-06-15 and "June 2024"
])
def test_overlap_says_in_or_may(rec, lo, hi, expected):
    assert dates.overlap(rec, D(lo), D(hi)) == expected


FIGURES = [
    ({"value": 1500, "unit": "tourists"}, "1,500 tourists"),
    ({"value": 1500, "unit": "tourists", "approx": True}, "about 1,500 tourists"),
    ({"value": 1000, "unit": "troops", "qualifier": "about"}, "about 1,000 troops"),
    ({"value": 10, "unit": "groups", "qualifier": "at_least"}, "at least 10 groups"),
    ({"value": 10, "unit": "groups", "qualifier": "more_than"}, "more than 10 groups"),
    ({"value": 5, "unit": "ships", "qualifier": "at_most"}, "at most 5 ships"),
    ({"value": 5, "unit": "ships", "qualifier": "less_than"}, "fewer than 5 ships"),
    ({"value": 5, "unit": "tonnes", "qualifier": "less_than"}, "less than 5 tonnes"),
    ({"value": 1000, "unit": "troops", "qualifier": "order"}, "thousands of troops"),
    ({"value": 10000, "unit": "workers", "qualifier": "order"}, "tens of thousands of workers"),
    ({"value": 1000000, "unit": "tonnes", "qualifier": "order"}, "millions of tonnes"),
    ({"value": 1500, "unit": "x", "qualifier": "order"}, "about 1,500 x"),  # not a power of ten
    ({"value": 2.5, "unit": "km", "qualifier": "exact"}, "2.5 km"),
    ({"value": 3.0, "unit": "days"}, "3 days"),
]


@pytest.mark.parametrize("fig, text", FIGURES, ids=[t for _, t in FIGURES])
def test_figure_text(fig, text):
    assert figure_text(fig) == text


def test_figure_line_and_inferred_text():
    assert figure_line({"value": 10, "unit": "groups", "counts": "tourist groups",
                        "qualifier": "more_than"}) == "more than 10 groups: tourist groups"
    assert inferred_text({"inferred": True, "inferred_note": "the text says 'indicating'"}) \
        == "inferred: the text says 'indicating'"
    assert inferred_text({"inferred": True, "note": "relation note"}) == "inferred: relation note"
    assert inferred_text({"inferred": False, "inferred_note": "x"}) == ""
