"""Text folding shared by the index and the query parser.

``fold`` makes matching case- and accent-insensitive in every script we carry: Latin
(Kozhemyako, Choe Son-hui), Cyrillic (Ким Чен Ын, ё = е, й = и) and Hangul (syllables are
re-composed after the accents are stripped, so 김정은 stays 김정은).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# A fixed pattern over folded text; no user input is ever compiled as a regex.
_WORD = re.compile(r"\w+")
# For ASCII text, \w is [A-Za-z0-9_]: every other ASCII character becomes a space and the
# words are what str.split() leaves (translate has a C fast path for ASCII; ~2x the regex).
_NOT_WORD_ASCII = str.maketrans(
    {chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_")}
)
_TRANSLATE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u0131": "i"})


class _DropMarks(dict[int, "str | int | None"]):
    """For str.translate (C speed): every combining mark in the Basic Multilingual Plane
    dropped, the apostrophes and dotless i of ``_TRANSLATE`` replaced, any other character
    kept. Each code point is classified the first time it is met (``__missing__``), instead
    of all 64k of them before the first fold (~10 ms of every start)."""

    def __missing__(self, cp: int) -> int | None:
        keep = cp < 0x300 or cp >= 0x10000 or not unicodedata.combining(chr(cp))
        value = cp if keep else None
        self[cp] = value
        return value


@lru_cache(maxsize=1)
def _drop_marks() -> dict[int, str | int | None]:
    table = _DropMarks()
    table.update(_TRANSLATE)
    return table


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case-fold and strip combining accents; keep Hangul syllables whole."""
    if text.isascii():
        return text.lower()
    stripped = unicodedata.normalize("NFKD", text).translate(_drop_marks())
    return unicodedata.normalize("NFC", stripped).casefold()


def _words(folded: str) -> list[str]:
    """``_WORD.findall(folded)``, faster for ASCII text."""
    if folded.isascii():
        return folded.translate(_NOT_WORD_ASCII).split()
    return _WORD.findall(folded)


def tokens(text: str) -> list[str]:
    """The folded words of ``text`` in order ("Kim Jong-un" -> ["kim", "jong", "un"])."""
    return _words(fold(text))


def tokens_uncached(text: str) -> list[str]:
    return _words(fold.__wrapped__(text))
