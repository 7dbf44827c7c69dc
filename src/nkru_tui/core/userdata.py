"""The plain-data view of the user's own layer that the engine overlays on the curated store.

The user layer (``userlayer.py``) produces it; the engine (``engine.py``) consumes it. Keeping it
here, with no behaviour, lets either side change without importing the other.
"""

from __future__ import annotations

from typing import Any

_FIELDS = ("notes", "note_list", "bookmarks", "events", "actors", "relations", "sources", "version")


class UserSnapshot:
    """Notes and bookmarks keyed by record id, and records the user added (``user: True``).

    Immutable, compared and hashed by its fields (as a frozen dataclass would be; written out
    so that the engine's import, which every one-shot CLI search pays, needs no dataclasses).
    """

    __slots__ = _FIELDS

    notes: dict[str, str]  # record id -> its notes' text
    # record id -> its notes, oldest first: {"id", "target", "text", "created", "updated"}
    note_list: dict[str, tuple[dict, ...]]
    bookmarks: frozenset[str]
    events: tuple[dict, ...]
    actors: tuple[dict, ...]
    relations: tuple[dict, ...]
    sources: tuple[dict, ...]
    # an opaque value that changes whenever the user store changes on disk
    version: object

    def __init__(
        self,
        notes: dict[str, str] | None = None,
        note_list: dict[str, tuple[dict, ...]] | None = None,
        bookmarks: frozenset[str] = frozenset(),
        events: tuple[dict, ...] = (),
        actors: tuple[dict, ...] = (),
        relations: tuple[dict, ...] = (),
        sources: tuple[dict, ...] = (),
        version: object = None,
    ) -> None:
        values = (
            {} if notes is None else notes,
            {} if note_list is None else note_list,
            bookmarks,
            events,
            actors,
            relations,
            sources,
            version,
        )
        for name, value in zip(_FIELDS, values):
            object.__setattr__(self, name, value)

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in _FIELDS)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, UserSnapshot)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in _FIELDS)
        return f"UserSnapshot({inner})"
