"""The filter state behind the chips and the picker, turned into query qualifiers.

Filters are not a second search: ``Filters.to_query()`` writes them in the query language
(``sector:tourism year:2024..2025``) and the engine does the rest, with the typed query.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import ClassVar

CATEGORIES = ("sector", "country", "kind", "year_from", "year_to", "source")
LABELS = {
    "sector": "Sector",
    "country": "Country",
    "kind": "Actor kind",
    "year_from": "From year",
    "year_to": "To year",
    "source": "Source",
}


@dataclass(frozen=True)
class Filters:
    sector: str | None = None
    country: str | None = None
    kind: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    source: str | None = None
    period: str | None = None  # a density bar: its events by start date (graph.period_query)

    FIELDS: ClassVar[tuple[str, ...]] = (*CATEGORIES, "period")

    @property
    def is_empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))

    def with_(self, **changes) -> Filters:
        return replace(self, **changes)

    def chips(self) -> list[tuple[str, str]]:
        """``(category, qualifier text)`` for each active filter, in a stable order."""
        out: list[tuple[str, str]] = []
        for name in ("sector", "country", "kind"):
            value = getattr(self, name)
            if value:
                out.append((name, f"{name}:{value}"))
        lo, hi = self.year_from, self.year_to
        if lo is not None and hi is not None:
            lo, hi = min(lo, hi), max(lo, hi)
            out.append(("year", f"year:{lo}" if lo == hi else f"year:{lo}..{hi}"))
        elif lo is not None:
            out.append(("year", f"from:{lo}"))
        elif hi is not None:
            out.append(("year", f"to:{hi}"))
        if self.source:
            out.append(("source", f"source:{self.source}"))
        if self.period:
            from ..core.graph import period_query

            out.append(("period", period_query(self.period)))
        return out

    def to_query(self) -> str:
        return " ".join(q for _, q in self.chips())
