"""Plain-text rendering helpers shared by the panes.

Everything that comes from the store or from the user is turned into ``rich.text.Text`` /
``Segment``s from plain strings here: nothing is ever parsed as markup. Widths are measured in
terminal cells, so Hangul (two cells a syllable) and Cyrillic line up in columns.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style

from ..core.control import CONTROL_IN_TEXT
from ..core.dates import human_when, short_when, when_long
from ..core.textsearch import Marks

# what a view is given to highlight: the engine's Marks (``Engine.match_marks``), or folded
# words and phrases as written (``Engine.match_terms``)
Terms = Marks | Iterable[str]

# Statuses that mean "not (yet) happened": shown as a tag before the title.
NOT_YET = {
    "proposed": "proposed",
    "planned": "planned",
    "announced": "announced",
    "agreed": "agreed",
    "under_construction": "building",
    "expected": "expected",
    "reported": "reported",
    "ongoing": "ongoing",
    "speculated": "speculated",
}


def clean(text: object) -> str:
    """One line of plain text: control characters and newlines become spaces."""
    return " ".join(CONTROL_IN_TEXT.sub(" ", str(text if text is not None else "")).split())


def date_label(ev: dict, width: int | None = None) -> str:
    """The date as a row shows it (``core.dates.human_when``): ``2024-06``, a span
    ``2008–2013``, a window ``2024–25?``, a season ``spring 2024``, an inferred date ``2026?``;
    with ``width``, shortened to fit (``2024-05-01…?``)."""
    return clean(human_when(ev) if width is None else short_when(ev, width))


def date_long(ev: dict) -> str:
    """The date as the detail view says it, naming a span, window or season, and how an
    inferred date was inferred (``core.dates.when_long``)."""
    return clean(when_long(ev))


def status_tag(ev: dict) -> str:
    status = ev.get("status")
    if not status:
        return ""
    return NOT_YET.get(status, str(status).replace("_", " "))


def sector_tag(ev: dict) -> str:
    sectors = list(ev.get("sectors", ()) or ())
    if not sectors:
        return ""
    return str(sectors[0]) + ("+" if len(sectors) > 1 else "")


def fit(text: str, width: int) -> str:
    """``text`` cut or padded to exactly ``width`` cells, with an ellipsis when cut."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text + " " * (width - cell_len(text))
    return set_cell_size(text, width - 1) + "…"


def as_marks(terms: Terms) -> Marks:
    return terms if isinstance(terms, Marks) else Marks.literal(terms)


def match_spans(text: str, terms: Terms) -> list[tuple[int, int]]:
    """Character spans of the words of ``text`` that the query matches: words its words
    begin, its phrases, and (given ``Marks``) the words of another script it matches by
    phonetic key (Лавров for Lavrov, 최선희 for Choe Son Hui)."""
    return as_marks(terms).spans(text)


def styled_parts(text: str, style: Style, spans: list[tuple[int, int]], match: Style):
    """``(text, style)`` pieces of ``text`` with ``match`` added over ``spans``."""
    pos = 0
    for a, b in spans:
        if a > pos:
            yield text[pos:a], style
        yield text[a:b], style + match
        pos = b
    if pos < len(text):
        yield text[pos:], style


def line_segments(parts: Iterable[tuple[str, Style]], width: int, fill: Style) -> list[Segment]:
    """Segments for one row of exactly ``width`` cells; the last piece is cut with ``…``."""
    out: list[Segment] = []
    used = 0
    for text, style in parts:
        if used >= width:
            break
        n = cell_len(text)
        if used + n > width:
            room = width - used
            out.append(
                Segment(set_cell_size(text, max(0, room - 1)) + ("…" if room else ""), style)
            )
            used = width
            break
        out.append(Segment(text, style))
        used += n
    if used < width:
        out.append(Segment(" " * (width - used), fill))
    return out
