"""The plain-data view of the user's own layer that the engine overlays on the curated store.

The user layer (``userlayer.py``) produces it; the engine (``engine.py``) consumes it. Keeping it
here, with no behaviour, lets either side change without importing the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class UserSnapshot:
    """Notes and bookmarks keyed by record id, and records the user added (``user: True``)."""

    notes: dict[str, str] = field(default_factory=dict)  # record id -> its notes' text
    # record id -> its notes, oldest first: {"id", "target", "text", "created", "updated"}
    note_list: dict[str, tuple[dict, ...]] = field(default_factory=dict)
    bookmarks: frozenset[str] = frozenset()
    events: tuple[dict, ...] = ()
    actors: tuple[dict, ...] = ()
    relations: tuple[dict, ...] = ()
    sources: tuple[dict, ...] = ()
    # an opaque value that changes whenever the user store changes on disk
    version: object = None
