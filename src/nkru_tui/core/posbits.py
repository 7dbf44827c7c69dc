"""Sets of event positions as bitsets (a Python ``int``: bit p set = position p), so the
on-disk index (``diskindex``) answers a broad query in time proportional to the store's size
in machine words, not to the number of events it matches.

A search that matches tens of thousands of events used to build a Python set of that many
ints, sort it and map each position to a row. Here ``&``, ``|``, ``-`` and counting run over
the int's digits in C (100,000 events: 1,563 64-bit words), and the result is read lazily:
``BitsSeq`` finds the i-th position through per-block counts and decodes only the block it is
asked for, which is all a virtual list on screen needs.

Stored postings (``posting_blob``) are a bitmap when at least 1/64 of the events hold the
token (so a bitmap is never more than twice the bytes of the packed array, and a frequent
token is read with one ``int.from_bytes``), else a packed uint32 array of positions.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from itertools import compress, repeat
from typing import Any, overload

_ARRAY = 65  # b"A": a packed uint32 array of ascending positions follows
_BITMAP = 66  # b"B": a little-endian bitmap, bit p = position p
_BIT = bytes(1 << i for i in range(8))
_BLOCK = 4096  # bits per block of a BitsSeq (decoded one block at a time)
_BLOCK_BYTES = _BLOCK // 8
_ONES = bytes.maketrans(b"01", b"\0\1")


# ------------------------------------------------------------------------------ stored form


def posting_blob(positions: Sequence[int], n: int) -> bytes:
    """One posting list (ascending positions, each < ``n``) as the index stores it: a bitmap
    when at least 1/64 of the ``n`` events are in it, else a packed uint32 array. The index
    builder writes every word, actor, sector, ... posting through this function."""
    if positions and len(positions) * 64 >= n:
        return bytes((_BITMAP,)) + bits_of(positions, n).to_bytes((n + 7) // 8, "little")
    return bytes((_ARRAY,)) + array("I", positions).tobytes()


def blob_bits(blobs: Iterable[bytes], size: int | None = None) -> int:
    """The union of stored posting lists, as a bitset: bitmaps are read as ints, arrays are
    gathered and set in one pass (``size``: the number of events, if known)."""
    x = 0
    small = array("I")
    for blob in blobs:
        tag = blob[0]
        if tag == _BITMAP:
            x |= int.from_bytes(memoryview(blob)[1:], "little")
        elif tag == _ARRAY:
            small.frombytes(memoryview(blob)[1:])
        else:
            raise ValueError("posting")
    return x | bits_of(small, size) if small else x


def blob_positions(blob: bytes) -> Sequence[int]:
    """A stored posting list as an ascending sequence of positions (lazily decoded if it is
    a bitmap)."""
    tag = blob[0]
    if tag == _ARRAY:
        a = array("I")
        a.frombytes(memoryview(blob)[1:])
        return a
    if tag == _BITMAP:
        return BitsSeq(int.from_bytes(memoryview(blob)[1:], "little"))
    raise ValueError("posting")


def blob_count(blob: bytes) -> int:
    if blob[0] == _ARRAY:
        return (len(blob) - 1) // 4
    return int.from_bytes(memoryview(blob)[1:], "little").bit_count()


# ------------------------------------------------------------------------------ building


def bits_of(positions: Iterable[int], size: int | None = None) -> int:
    """The bitset of ``positions`` (any order, repeats allowed; each below ``size`` if
    given)."""
    if isinstance(positions, PosBits):
        return positions.x
    if isinstance(positions, range) and positions.step == 1:
        return span_bits(positions.start, positions.stop)
    if isinstance(positions, (array, list)) and len(positions) > 256:
        return _scatter(positions, size)
    buf = bytearray()
    for p in positions:
        k = p >> 3
        if k >= len(buf):
            buf.extend(bytes(k + 1 - len(buf) + 64))
        buf[k] |= _BIT[p & 7]
    return int.from_bytes(buf, "little")


def _scatter(positions: array | list, size: int | None = None) -> int:
    """``bits_of`` for many positions: one flag byte per position set in C (``map`` over
    ``bytearray.__setitem__``), then every eighth flag (``flags[j::8]``, a C slice) read as
    an int whose bytes are 0 or 1 and shifted to bit j of each byte: eight slices make the
    bitmap, with no Python step per position. ``size``: a bound on the positions, if known."""
    flags = bytearray((size if size is not None else max(positions) + 1) + 8)
    deque(map(flags.__setitem__, positions, repeat(1)), 0)
    x = 0
    for j in range(8):
        x |= int.from_bytes(flags[j::8], "little") << j
    return x


def span_bits(a: int, b: int) -> int:
    """Positions a..b-1."""
    return ((1 << (b - a)) - 1) << a if b > a else 0


def decode(x: int, offset: int = 0) -> list[int]:
    """The positions of ``x``'s set bits, ascending, each plus ``offset``."""
    if not x:
        return []
    flags = bin(x)[:1:-1].encode("ascii").translate(_ONES)
    return list(compress(range(offset, offset + len(flags)), flags))


# ------------------------------------------------------------------------------ sets


class PosBits(AbstractSet[int]):
    """An immutable set of positions held as one int. Set operators with another
    ``PosBits`` run in C over the int; any other set or iterable of ints is converted."""

    __slots__ = ("_n", "x")

    def __init__(self, x: int = 0) -> None:
        self.x = x
        self._n = -1

    @classmethod
    def of(cls, positions: Iterable[int]) -> PosBits:
        return positions if isinstance(positions, PosBits) else cls(bits_of(positions))

    def __len__(self) -> int:
        if self._n < 0:
            self._n = self.x.bit_count()
        return self._n

    def __bool__(self) -> bool:
        return self.x != 0

    def __contains__(self, p: object) -> bool:
        return isinstance(p, int) and p >= 0 and (self.x >> p) & 1 == 1

    def __iter__(self) -> Iterator[int]:
        return iter(BitsSeq(self.x))

    def seq(self) -> BitsSeq:
        """The positions in ascending order, as a lazily decoded sequence."""
        return BitsSeq(self.x, len(self))

    def __and__(self, other: Iterable[Any]) -> PosBits:
        return PosBits(self.x & bits_of(other))

    def __or__(self, other: Iterable[Any]) -> PosBits:
        return PosBits(self.x | bits_of(other))

    def __sub__(self, other: Iterable[Any]) -> PosBits:
        return PosBits(self.x & ~bits_of(other))

    def __xor__(self, other: Iterable[Any]) -> PosBits:
        return PosBits(self.x ^ bits_of(other))

    __rand__ = __and__
    __ror__ = __or__
    __rxor__ = __xor__

    def __rsub__(self, other: Iterable[Any]) -> PosBits:
        return PosBits(bits_of(other) & ~self.x)

    def __le__(self, other: Iterable[Any]) -> bool:
        return self.x & ~bits_of(other) == 0

    def __ge__(self, other: Iterable[Any]) -> bool:
        return bits_of(other) & ~self.x == 0

    def __lt__(self, other: Iterable[Any]) -> bool:
        o = bits_of(other)
        return self.x != o and self.x & ~o == 0

    def __gt__(self, other: Iterable[Any]) -> bool:
        o = bits_of(other)
        return self.x != o and o & ~self.x == 0

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PosBits):
            return self.x == other.x
        if isinstance(other, (set, frozenset)):
            return all(isinstance(p, int) and p >= 0 for p in other) and self.x == bits_of(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def isdisjoint(self, other: Iterable[Any]) -> bool:
        return self.x & bits_of(other) == 0

    def __repr__(self) -> str:
        return f"PosBits({len(self)} positions)"


# ------------------------------------------------------------------------------ sequences


class _Lazy(Sequence[int]):
    """An ascending sequence of ints read by item or by slice, never listed whole."""

    __slots__ = ()

    @overload
    def __getitem__(self, i: int) -> int: ...

    @overload
    def __getitem__(self, i: slice) -> list[int]: ...

    def __getitem__(self, i: int | slice) -> int | list[int]:
        n = len(self)
        if isinstance(i, slice):
            start, stop, step = i.indices(n)
            if step != 1:
                return [self._item(j) for j in range(start, stop, step)]
            return self._range(start, stop) if start < stop else []
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(i)
        return self._item(i)

    def _item(self, i: int) -> int:  # 0 <= i < len(self)
        raise NotImplementedError

    def _range(self, start: int, stop: int) -> list[int]:  # 0 <= start < stop <= len(self)
        raise NotImplementedError


class BitsSeq(_Lazy):
    """The set bits of an int as an ascending sequence, decoded one block at a time: the
    length is one popcount, the i-th position a bisect over per-block counts (made on first
    use) and one block's decoding, ``index``/``rank`` one masked popcount."""

    __slots__ = ("_blocks", "_cum", "_n", "x")

    def __init__(self, x: int, n: int = -1) -> None:
        self.x = x
        self._n = n if n >= 0 else x.bit_count()
        self._cum: list[int] | None = None  # positions before each block
        self._blocks: dict[int, list[int]] = {}

    def __len__(self) -> int:
        return self._n

    def _counts(self) -> list[int]:
        if self._cum is None:
            raw = self.x.to_bytes((self.x.bit_length() + 7) // 8 or 1, "little")
            cum = [0]
            for k in range(0, len(raw), _BLOCK_BYTES):
                cum.append(
                    cum[-1] + int.from_bytes(raw[k : k + _BLOCK_BYTES], "little").bit_count()
                )
            self._cum = cum
        return self._cum

    def _block(self, k: int) -> list[int]:
        got = self._blocks.get(k)
        if got is None:
            if len(self._blocks) >= 8:
                self._blocks.clear()
            word = (self.x >> (k * _BLOCK)) & ((1 << _BLOCK) - 1)
            got = self._blocks[k] = decode(word, k * _BLOCK)
        return got

    def _item(self, i: int) -> int:
        cum = self._counts()
        k = bisect_right(cum, i) - 1
        return self._block(k)[i - cum[k]]

    def _range(self, start: int, stop: int) -> list[int]:
        cum = self._counts()
        out: list[int] = []
        want = stop - start
        k = bisect_right(cum, start) - 1
        while len(out) < want and k < len(cum) - 1:
            lo = max(0, start - cum[k])
            out.extend(self._block(k)[lo : lo + want - len(out)])
            k += 1
        return out

    def __iter__(self) -> Iterator[int]:
        x = self.x
        if not x:
            return
        low = (x & -x).bit_length() - 1  # from the first position on, not from 0
        x >>= low
        step = _BLOCK * 16
        for base in range(0, x.bit_length(), step):
            yield from decode((x >> base) & ((1 << step) - 1), base + low)

    def __contains__(self, p: object) -> bool:
        return isinstance(p, int) and p >= 0 and (self.x >> p) & 1 == 1

    def rank(self, p: int) -> int:
        """How many positions are below ``p``."""
        if p <= 0:
            return 0
        return (self.x & ((1 << p) - 1)).bit_count()

    def index(self, p: Any, start: int = 0, stop: int | None = None) -> int:
        if p not in self:
            raise ValueError(p)
        i = self.rank(p)
        if i < start or (stop is not None and i >= stop):
            raise ValueError(p)
        return i

    def count(self, p: Any) -> int:
        return 1 if p in self else 0

    def __repr__(self) -> str:
        return f"BitsSeq({self._n} positions)"


def rank(seq: Sequence[int], p: int) -> int:
    """How many items of the ascending ``seq`` are below ``p``."""
    r = getattr(seq, "rank", None)
    return int(r(p)) if r is not None else bisect_left(seq, p)


def index_in(seq: Sequence[int], p: int) -> int | None:
    """Where ``p`` is in the ascending ``seq``, or None."""
    i = rank(seq, p)
    return i if i < len(seq) and seq[i] == p else None


class MergedRefs(_Lazy):
    """An ascending sequence of base positions with other refs inserted at given cuts, read
    lazily: ``cuts[j]`` base items come before ``extra[j]`` (cuts ascending)."""

    __slots__ = ("_at", "base", "cuts", "extra")

    def __init__(self, base: Sequence[int], cuts: list[int], extra: list[int]) -> None:
        self.base, self.cuts, self.extra = base, cuts, extra
        self._at = [c + j for j, c in enumerate(cuts)]  # each extra's index in the whole

    def __len__(self) -> int:
        return len(self.base) + len(self.extra)

    def _item(self, i: int) -> int:
        j = bisect_right(self._at, i)
        if j and self._at[j - 1] == i:
            return self.extra[j - 1]
        return self.base[i - j]

    def _range(self, start: int, stop: int) -> list[int]:
        j0 = bisect_left(self._at, start)
        j1 = bisect_left(self._at, stop)
        base = self.base[start - j0 : stop - j1]
        out: list[int] = []
        done = start - j0
        for j in range(j0, j1):
            cut = self.cuts[j]
            out.extend(base[done - (start - j0) : cut - (start - j0)])
            out.append(self.extra[j])
            done = cut
        out.extend(base[done - (start - j0) :])
        return out

    def __iter__(self) -> Iterator[int]:
        done = 0
        it = iter(self.base)
        for cut, ref in zip(self.cuts, self.extra):
            for _ in range(cut - done):
                yield next(it)
            yield ref
            done = cut
        yield from it

    def index_of_base(self, p: int) -> int | None:
        i = index_in(self.base, p)
        return None if i is None else i + bisect_right(self.cuts, i)

    def index_of_extra(self, ref: int) -> int | None:
        try:
            return self._at[self.extra.index(ref)]
        except ValueError:
            return None

    def __repr__(self) -> str:
        return f"MergedRefs({len(self)})"
