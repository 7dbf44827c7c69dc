"""Vocabularies and field rules of the store: the single source of truth.

The README's query-language section and docs/DESIGN.md describe these same lists.
"""

from __future__ import annotations

import re

SCHEMA_VERSION = 1

TABLES = ("meta", "sources", "actors", "events", "relations")

SECTORS: dict[str, str] = {
    "diplomacy": "talks, visits and statements between governments",
    "military": "armed forces, troops, weapons, defence pacts",
    "security": "security councils, sanctions enforcement, threats",
    "politics": "parties, leaders' standing, domestic politics",
    "economy": "economic cooperation in general, investment, commissions",
    "trade": "goods, fairs, markets, trade volumes",
    "transport": "rail, road, bridges, flights, ferries, checkpoints",
    "tourism": "tourist groups, resorts, tours",
    "education": "universities, students, teachers, forums",
    "science": "scientific and technical cooperation",
    "youth": "youth organisations, children's camps",
    "culture": "theatre, art, exhibitions, image and public opinion",
    "sport": "athletes and sports exchanges",
    "media": "information and public relations",
    "aid": "food and energy aid",
    "labour": "workers and labourers sent abroad",
    "agriculture": "farming cooperation",
    "sanctions": "sanctions and their violation",
    "energy": "energy supplies and cooperation",
}

ACTOR_KINDS: dict[str, str] = {
    "person": "a named person",
    "organization": "a body, agency, movement or club",
    "state": "a country or its government as a whole",
    "place": "a city, region, port, resort or site",
    "company": "a firm or joint venture",
    "party": "a political party",
    "institution": "a university, theatre or similar institution",
    "event": "a named occasion or forum",
}

COUNTRIES: dict[str, str] = {
    "KP": "North Korea",
    "RU": "Russia",
    "CN": "China",
    "KR": "South Korea",
    "US": "United States",
    "JP": "Japan",
    "UA": "Ukraine",
    "EU": "European Union",
    "UN": "United Nations",
    "INT": "International",
}

# Extra names by which a user may type a country in ``country:``.
COUNTRY_ALIASES: dict[str, str] = {
    "dprk": "KP",
    "north korea": "KP",
    "northkorea": "KP",
    "nk": "KP",
    "pyongyang": "KP",
    "russia": "RU",
    "russian federation": "RU",
    "moscow": "RU",
    "china": "CN",
    "prc": "CN",
    "south korea": "KR",
    "southkorea": "KR",
    "rok": "KR",
    "sk": "KR",
    "usa": "US",
    "united states": "US",
    "america": "US",
    "japan": "JP",
    "ukraine": "UA",
    "european union": "EU",
    "united nations": "UN",
    "international": "INT",
}

RELATION_TYPES: dict[str, str] = {
    "leads": "heads or leads",
    "member_of": "is a member of",
    "part_of": "is part of",
    "met": "met",
    "signed_with": "signed an agreement with",
    "operates": "operates",
    "visited": "visited",
    "hosted": "hosted",
    "allied_with": "is allied with",
    "located_in": "is located in",
    "founded": "founded or established",
    "supports": "supports",
    "condemned": "condemned",
    "opposes": "opposes",
    "cooperates_with": "cooperates with",
}

STATUSES: dict[str, str] = {
    "proposed": "proposed, not decided",
    "planned": "planned or scheduled",
    "announced": "announced",
    "agreed": "agreed, not yet carried out",
    "under_construction": "being built",
    "expected": "expected by the source",
    "reported": "reported, not confirmed",
    "ongoing": "still under way",
    "speculated": "a possibility the source raises",
}

EVENT_TYPES: dict[str, str] = {
    "occurrence": "something that happened (the default)",
    "statement": "something said by an actor",
    "reaction": "a reaction by other states or bodies",
    "assessment": "the source's own analysis",
    "forecast": "what the source expects to happen",
    "background": "history before the period covered",
}

# A season narrows a year-precision ``date`` ("spring 2024" = date "2024", season "spring").
# The number is the EDTF (ISO 8601-2) season code; the months are the northern-hemisphere
# meteorological seasons, so winter Y runs from December Y to February Y+1.
SEASONS: dict[str, str] = {
    "spring": "March to May",
    "summer": "June to August",
    "autumn": "September to November",
    "winter": "December to February of the next year",
}
SEASON_EDTF: dict[str, int] = {"spring": 21, "summer": 22, "autumn": 23, "winter": 24}

# How a figure's value relates to the true number. Absent means "exact"; an old
# ``approx: true`` is read as "about".
FIGURE_QUALIFIERS: dict[str, str] = {
    "exact": "the number as the source gives it (the default)",
    "about": 'an approximate number ("about 1,000")',
    "at_least": 'a lower bound, inclusive ("at least 10")',
    "more_than": 'a lower bound, exclusive ("more than 10", "over 10")',
    "at_most": 'an upper bound, inclusive ("at most 10", "up to 10")',
    "less_than": 'an upper bound, exclusive ("fewer than 10")',
    "order": 'an order of magnitude: value 1000 is "thousands" (value a power of ten)',
}

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,120}$")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

QUOTE_MIN = 12
QUOTE_MAX = 400
