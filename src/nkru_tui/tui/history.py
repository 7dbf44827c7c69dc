"""Browser-style history of the records shown in the detail pane (Backspace back, ] forward)."""

from __future__ import annotations


class History:
    def __init__(self, limit: int = 500) -> None:
        self._items: list[str] = []
        self._pos = -1
        self._limit = limit

    @property
    def current(self) -> str | None:
        return self._items[self._pos] if 0 <= self._pos < len(self._items) else None

    @property
    def can_back(self) -> bool:
        return self._pos > 0

    @property
    def can_forward(self) -> bool:
        return self._pos < len(self._items) - 1

    def visit(self, rid: str, replace: bool = False) -> None:
        """Go to ``rid``: the forward history is dropped, as in a browser."""
        if self.current == rid:
            return
        if replace and self._pos >= 0:
            self._items[self._pos] = rid
            del self._items[self._pos + 1 :]
            return
        del self._items[self._pos + 1 :]
        self._items.append(rid)
        if len(self._items) > self._limit:
            del self._items[0]
        self._pos = len(self._items) - 1

    def back(self) -> str | None:
        if not self.can_back:
            return None
        self._pos -= 1
        return self.current

    def forward(self) -> str | None:
        if not self.can_forward:
            return None
        self._pos += 1
        return self.current

    def __len__(self) -> int:
        return len(self._items)
