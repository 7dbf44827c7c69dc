"""Anchoring a quote in a source's text, in tiers: exact, normalised, close.

The result names the passage as it stands in the source (``start``/``end`` are offsets into
the source's stored text, snapped to its own characters) plus a W3C Web Annotation
``TextQuoteSelector`` (exact, prefix, suffix) and ``TextPositionSelector`` (start, end).

Normalised matching folds both the source and the quote the same way (see ``normalise``) and
keeps a map from every normalised offset back to the source, so a match found in the folded
text is reported on the source's own characters. The close tier uses RapidFuzz (MIT), at
least ``CLOSE_MIN`` similar, over the folded texts.

Nothing here imports Textual or touches the disk.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

QUOTE_MIN = 12  # the same floor as the curated store's (schema.QUOTE_MIN)
CLOSE_MIN = 95.0  # RapidFuzz partial-ratio, 0..100
CONTEXT = 32  # prefix/suffix length of a TextQuoteSelector

TIERS = ("exact", "normalised", "close")

_QUOTES = "'\"‘’‚‛“”„‟«»‹›′″`´"
_DASHES = "-‐‑‒–—―−⁃﹘﹣－"
_IGNORED = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e"
_TRANS = {ord(c): '"' for c in _QUOTES}
_TRANS.update({ord(c): "-" for c in _DASHES})

# What is not copied through one-to-one: a word hyphenated over a line break, white space
# other than one plain space, quotes, dashes, ignorable characters, the ellipsis.
_HYPHEN_BREAK = r"(?<=\w)[-\u00ad\u2010\u2011][ \t\u00a0]*\n\s*(?=\w)"
_SPECIAL = re.compile(
    "(?P<hb>" + _HYPHEN_BREAK + ")"
    "|(?P<ws>[" + _IGNORED + r"]+\s[\s" + _IGNORED + r"]*|\s[\s" + _IGNORED + r"]+|[^\S ])"
    "|(?P<q>[" + re.escape(_QUOTES.replace('"', "")) + "])"
    "|(?P<d>[" + re.escape(_DASHES.replace("-", "")) + "])"
    "|(?P<ig>[" + _IGNORED + "]+)"
    "|(?P<el>\u2026)"
)


@dataclass
class Folded:
    """A text folded for matching, with the map back to the original's offsets.

    Segment ``k`` covers folded ``[nstart[k], nstart[k+1])`` and original
    ``[sstart[k], send[k])``; ``one[k]`` says it is copied one character to one character.
    """

    text: str
    nstart: list[int] = field(default_factory=list)
    sstart: list[int] = field(default_factory=list)
    send: list[int] = field(default_factory=list)
    one: list[bool] = field(default_factory=list)

    def to_source(self, a: int, b: int) -> tuple[int, int]:
        """The original span of folded ``[a, b)`` (``a < b``)."""
        k = bisect_right(self.nstart, a) - 1
        s = self.sstart[k] + (a - self.nstart[k]) if self.one[k] else self.sstart[k]
        k2 = bisect_right(self.nstart, b - 1) - 1
        if self.one[k2]:
            e = self.sstart[k2] + (b - 1 - self.nstart[k2]) + 1
        else:
            e = self.send[k2]
        return s, e


def _fold_piece(piece: str) -> str:
    """NFKC of a run of ordinary characters, with the same quote/dash mapping after it."""
    return unicodedata.normalize("NFKC", piece).translate(_TRANS).replace("\u2026", "...")


def fold(text: str, keep_break_hyphen: bool = False) -> Folded:
    """``text`` folded (NFKC; quotes alike; dashes alike; soft hyphens and zero-width
    characters dropped; a word hyphenated over a line break joined; white space runs one
    space; ``…`` as ``...``), with the offset map back to ``text``.

    With ``keep_break_hyphen`` a hyphen at a line break is kept ("North-\\nKorean" folds to
    "North-Korean" rather than "NorthKorean")."""
    out: list[str] = []
    f = Folded("")
    n = 0  # folded length so far

    def seg(piece: str, s: int, e: int, one: bool) -> None:
        nonlocal n
        if not piece:
            return
        f.nstart.append(n)
        f.sstart.append(s)
        f.send.append(e)
        f.one.append(one)
        out.append(piece)
        n += len(piece)

    def plain(s: int, e: int) -> None:
        chunk = text[s:e]
        if not chunk:
            return
        if unicodedata.is_normalized("NFKC", chunk):
            seg(chunk, s, e, True)
            return
        # rare: compatibility characters; fold them one cluster (base + marks) at a time
        i = s
        while i < e:
            j = i + 1
            while j < e and unicodedata.combining(text[j]):
                j += 1
            piece = _fold_piece(text[i:j])
            seg(piece, i, j, len(piece) == j - i and piece == text[i:j])
            i = j

    pos = 0
    for m in _SPECIAL.finditer(text):
        s, e = m.span()
        plain(pos, s)
        kind = m.lastgroup
        if kind == "hb":
            if keep_break_hyphen and text[s] != "\u00ad":
                seg("-", s, e, False)
        elif kind == "ws":
            seg(" ", s, e, False)
        elif kind == "q":
            seg('"', s, e, False)
        elif kind == "d":
            seg("-", s, e, False)
        elif kind == "el":
            seg("...", s, e, False)
        # "ig": nothing
        pos = e
    plain(pos, len(text))
    f.text = "".join(out)
    return f


def fold_quote(quote: str) -> str:
    return fold(quote).text.strip()


@dataclass(frozen=True)
class Anchor:
    tier: str  # exact | normalised | close
    start: int
    end: int
    exact: str  # the passage as it stands in the source
    prefix: str
    suffix: str
    occurrences: int = 1  # how many times the quote occurs (exact/normalised tiers)
    occurrence: int = 1  # which of them this is, 1-based
    similarity: float = 100.0

    @property
    def needs_review(self) -> bool:
        return self.tier == "close"

    def selectors(self) -> list[dict[str, Any]]:
        return [
            {
                "type": "TextQuoteSelector",
                "exact": self.exact,
                "prefix": self.prefix,
                "suffix": self.suffix,
            },
            {"type": "TextPositionSelector", "start": self.start, "end": self.end},
        ]


class AnchorFailure(Exception):
    """Why a quote does not anchor; ``closest`` is the nearest passage, if any."""

    def __init__(
        self,
        reason: str,
        closest: str | None = None,
        similarity: float | None = None,
        needs_flag: bool = False,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.closest = closest
        self.similarity = similarity
        self.needs_flag = needs_flag  # a close match that --accept-close would take


class SourceText:
    """A source's text with its folded forms built once, on first need."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: dict[bool, Folded] = {}

    def folded(self, keep_break_hyphen: bool = False) -> Folded:
        f = self._folded.get(keep_break_hyphen)
        if f is None:
            f = self._folded[keep_break_hyphen] = fold(self.text, keep_break_hyphen)
        return f


def _snap(text: str, s: int, e: int) -> tuple[int, int]:
    """Shrink ``[s, e)`` so it neither starts nor ends with white space."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


MAX_WINDOWS = 200
_GAP = r"[\s" + _IGNORED + "]+"


def _windowed(text: str, fq: str, keep: bool) -> list[tuple[int, int]]:
    """Folded matches of ``fq`` found by folding only windows of ``text`` around the raw
    occurrences of the quote's longest stretch of plain words (a C-speed regular-expression
    search, any white space between the words), so a normalised match in a long text does not
    fold all of it. Empty when no stretch is found few enough times, or no window holds the
    quote (e.g. a word broken by a soft hyphen in the text): the caller then folds the whole
    text."""
    chunks = sorted(re.split(r'["\-]|\.\.\.', fq), key=len, reverse=True)
    found: list[int] | None = None
    for chunk in chunks[:6]:  # the stretch found the fewest times
        words = chunk.split()
        if len(" ".join(words)) < 8:
            break
        pat = re.compile(_GAP.join(map(re.escape, words)))
        starts: list[int] = []
        for m in pat.finditer(text):
            starts.append(m.start())
            if len(starts) > (len(found) if found else MAX_WINDOWS):
                break
        if 0 < len(starts) <= MAX_WINDOWS and (found is None or len(starts) < len(found)):
            found = starts
            if len(found) == 1:
                break
    if not found:
        return []
    pad = 2 * len(fq) + 64
    windows: list[list[int]] = []
    for i in found:
        a, b = max(0, i - pad), min(len(text), i + pad)
        if windows and a <= windows[-1][1]:
            windows[-1][1] = b
        else:
            windows.append([a, b])
    hits: set[tuple[int, int]] = set()
    for a, b in windows:
        f = fold(text[a:b], keep)
        for h in _all(f.text, fq):
            s, e = f.to_source(h, h + len(fq))
            hits.add((a + s, a + e))
    return sorted(hits)


def _snap_words(text: str, s: int, e: int) -> tuple[int, int]:
    """Widen ``[s, e)`` to whole words (a fuzzy alignment may cut one)."""
    while s > 0 and text[s - 1].isalnum() and text[s].isalnum():
        s -= 1
    while e < len(text) and text[e - 1].isalnum() and text[e].isalnum():
        e += 1
    return s, e


def _all(hay: str, needle: str) -> list[int]:
    out = []
    i = hay.find(needle)
    while i >= 0:
        out.append(i)
        i = hay.find(needle, i + 1)
    return out


def make_anchor(
    text: str,
    tier: str,
    s: int,
    e: int,
    occurrences: int = 1,
    occurrence: int = 1,
    similarity: float = 100.0,
) -> Anchor:
    s, e = _snap(text, s, e)
    return Anchor(
        tier=tier,
        start=s,
        end=e,
        exact=text[s:e],
        prefix=text[max(0, s - CONTEXT) : s],
        suffix=text[e : e + CONTEXT],
        occurrences=occurrences,
        occurrence=occurrence,
        similarity=similarity,
    )


def anchor(
    source: SourceText | str,
    quote: str,
    *,
    accept_close: bool = False,
    occurrence: int | None = None,
) -> Anchor:
    """Anchor ``quote`` in ``source``; raise ``AnchorFailure`` saying why not.

    ``occurrence`` (1-based) picks one of several places where the quote occurs; by default
    the first. A close match is returned only with ``accept_close``."""
    st = source if isinstance(source, SourceText) else SourceText(source)
    text = st.text
    q = quote.strip()
    if len(q) < QUOTE_MIN:
        raise AnchorFailure(
            f"the quote is {len(q)} character(s); at least {QUOTE_MIN} are needed to be evidence"
        )
    hits = _all(text, q)
    if hits:
        return _pick(text, "exact", [(h, h + len(q)) for h in hits], occurrence)
    fq = fold_quote(q)
    if len(fq) < QUOTE_MIN:
        raise AnchorFailure(f"the quote has fewer than {QUOTE_MIN} characters of text")
    for keep in (False, True):
        spans = _windowed(text, fq, keep)
        if not spans:  # no cheap candidate: fold the whole text (built once per SourceText)
            f = st.folded(keep)
            spans = [f.to_source(h, h + len(fq)) for h in _all(f.text, fq)]
        if spans:
            return _pick(text, "normalised", spans, occurrence)
    from rapidfuzz import fuzz

    f = st.folded(False)
    al = fuzz.partial_ratio_alignment(fq, f.text)
    if al is None or al.dest_end <= al.dest_start:
        raise AnchorFailure("the quote is not in the source")
    s, e = f.to_source(al.dest_start, al.dest_end)
    s, e = _snap_words(text, *_snap(text, s, e))
    closest = text[s:e]
    if al.score >= CLOSE_MIN:
        if accept_close:
            return make_anchor(text, "close", s, e, similarity=round(al.score, 1))
        raise AnchorFailure(
            f"the quote is not in the source as written, but a passage is {al.score:.1f}% similar",
            closest,
            al.score,
            needs_flag=True,
        )
    raise AnchorFailure(
        "the quote is not in the source", closest if closest.strip() else None, al.score
    )


def _pick(text: str, tier: str, spans: list[tuple[int, int]], occurrence: int | None) -> Anchor:
    n = len(spans)
    k = occurrence or 1
    if not 1 <= k <= n:
        raise AnchorFailure(f"the quote occurs {n} time(s); there is no occurrence {k}")
    s, e = spans[k - 1]
    return make_anchor(text, tier, s, e, occurrences=n, occurrence=k)


def reanchor(text: str, ev: dict[str, Any]) -> Anchor | None:
    """Check stored evidence against ``text`` (validate): the stored position still holding
    the stored passage, or else the passage found again by its quote selector; None if the
    passage is no longer there."""
    sels = {s.get("type"): s for s in ev.get("selector", ()) or () if isinstance(s, dict)}
    pos, tq = sels.get("TextPositionSelector"), sels.get("TextQuoteSelector")
    exact = (tq or {}).get("exact") or ev.get("quote") or ""
    if pos and isinstance(pos.get("start"), int) and isinstance(pos.get("end"), int):
        s, e = pos["start"], pos["end"]
        if 0 <= s < e <= len(text) and text[s:e] == exact:
            return make_anchor(text, ev.get("tier") or "exact", s, e)
    if not exact:
        return None
    hits = _all(text, exact)
    if not hits:
        return None
    prefix, suffix = (tq or {}).get("prefix", ""), (tq or {}).get("suffix", "")
    best = max(
        hits, key=lambda h: (text[:h].endswith(prefix), text[h + len(exact) :].startswith(suffix))
    )
    return make_anchor(text, ev.get("tier") or "exact", best, best + len(exact))


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


__all__ = [
    "CLOSE_MIN",
    "QUOTE_MIN",
    "Anchor",
    "AnchorFailure",
    "SourceText",
    "anchor",
    "fold",
    "fold_quote",
    "line_of",
    "make_anchor",
    "reanchor",
]
