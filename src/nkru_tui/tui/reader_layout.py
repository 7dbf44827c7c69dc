"""Wrapping a source's text into screen rows, lazily, for the reader.

A row is a ``(start, end)`` span of the text (offsets into it), so everything the reader draws
(cited passages, find matches, the cursor, a selection) is a span of the same offsets. Rows
are made only as far as they are needed: the first screen of a 1 MB text costs what that
screen costs; ``extend`` makes more in bounded steps so the rest can follow in the background.
Cell widths (wide Hangul counts two) come from Rich. Nothing here draws.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from rich.cells import get_character_cell_size


@lru_cache(maxsize=4096)
def _char_width(ch: str) -> int:
    return get_character_cell_size(ch)


class ReaderLayout:
    """The rows of ``text`` at ``width`` cells, made on demand."""

    def __init__(self, text: str, width: int) -> None:
        self.text = text
        self.width = max(8, width)
        self.starts: list[int] = []  # row start offsets
        self.ends: list[int] = []  # row end offsets (the newline excluded)
        self._pos = 0  # where the next logical line starts
        self.done = not text

    def __len__(self) -> int:
        return len(self.starts)

    def extend(self, rows: int) -> int:
        """Make at least ``rows`` more rows (fewer at the end of the text); returns how many."""
        made = 0
        text, n = self.text, len(self.text)
        while made < rows and not self.done:
            s = self._pos
            e = text.find("\n", s)
            if e < 0:
                e = n
            before = len(self.starts)
            self._wrap(s, e)
            made += len(self.starts) - before
            self._pos = e + 1
            if self._pos > n or (e == n):
                self.done = True
        return made

    def ensure_rows(self, count: int) -> None:
        if len(self.starts) < count and not self.done:
            self.extend(count - len(self.starts))

    def ensure_offset(self, offset: int) -> None:
        while not self.done and self._pos <= offset:
            self.extend(256)

    def complete(self) -> None:
        while not self.done:
            self.extend(4096)

    def row_of(self, offset: int) -> int:
        """The row holding ``offset`` (made on demand)."""
        self.ensure_offset(offset)
        return max(0, bisect_right(self.starts, offset) - 1)

    def _wrap(self, s: int, e: int) -> None:
        text, width = self.text, self.width
        if e - s <= width and (text[s:e].isascii() or self._cells(s, e) <= width):
            self.starts.append(s)
            self.ends.append(e)
            return
        ascii_line = text[s:e].isascii()
        while s < e:
            if ascii_line:
                cut = min(e, s + width)
            else:
                cells, cut = 0, s
                while cut < e:
                    w = _char_width(text[cut])
                    if cells + w > width:
                        break
                    cells += w
                    cut += 1
                cut = max(cut, s + 1)
            if cut < e and text[cut] != " ":
                sp = text.rfind(" ", s, cut)
                if sp > s:
                    cut = sp + 1
            elif cut < e:  # break at the space itself: it ends this row
                cut += 1
            self.starts.append(s)
            self.ends.append(cut)
            s = cut

    def _cells(self, s: int, e: int) -> int:
        return sum(_char_width(c) for c in self.text[s:e])


__all__ = ["ReaderLayout"]
