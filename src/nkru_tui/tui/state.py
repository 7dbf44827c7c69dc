"""What the explorer is looking at, as one value owned by the explorer screen.

The typed query, the filter chips and the chosen actor together make the engine's query
(``full_query``); the history holds the records shown in the detail pane, and ``preview``
says whether its current entry only follows the timeline cursor (and may be replaced).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .filters import Filters
from .history import History


@dataclass
class ExplorerState:
    query: str = ""
    filters: Filters = field(default_factory=Filters)
    actor: str | None = None
    history: History = field(default_factory=History)
    preview: bool = True  # the detail pane follows the timeline cursor

    def full_query(self) -> str:
        """The typed query, the filters' qualifiers and ``actor:ID``, as one query string."""
        parts = [self.query.strip(), self.filters.to_query()]
        if self.actor:
            parts.append(f"actor:{self.actor}")
        return " ".join(p for p in parts if p)
