"""Bitset positions (core/posbits.py): every operation agrees with plain sets and lists."""

from __future__ import annotations

import random
from array import array

import pytest

from nkru_tui.core.posbits import (
    BitsSeq,
    MergedRefs,
    PosBits,
    bits_of,
    blob_bits,
    blob_count,
    blob_positions,
    decode,
    index_in,
    posting_blob,
    rank,
)

CASES = [(n, k) for n in (1, 7, 64, 100, 4097, 20_000) for k in (0, 1, 5, 300, 2049, 5000) if k <= n]


@pytest.mark.parametrize(("n", "k"), CASES)
def test_bits_and_sequences_agree_with_lists(n: int, k: int) -> None:
    rng = random.Random(n * 7919 + k)
    want = sorted(rng.sample(range(n), k))
    x = bits_of(array("I", want))
    assert x == bits_of(iter(want)) == bits_of(list(reversed(want))) == sum(1 << p for p in want)
    assert decode(x) == want
    seq = BitsSeq(x)
    assert len(seq) == k and list(seq) == want
    assert [seq[i] for i in range(k)] == want
    assert [seq[-i] for i in range(1, k + 1)] == [want[-i] for i in range(1, k + 1)]
    for start in range(0, k + 1, max(1, k // 7)):
        assert seq[start : start + 333] == want[start : start + 333]
    assert seq[::3] == want[::3]
    for p in range(0, n, max(1, n // 50)):
        assert rank(seq, p) == rank(want, p)
        assert index_in(seq, p) == index_in(want, p)
    blob = posting_blob(want, n)
    assert blob[:1] == (b"B" if k and k * 64 >= n else b"A")
    assert list(blob_positions(blob)) == want and blob_count(blob) == k
    assert blob_bits([blob]) == x


def test_set_operations_agree_with_sets() -> None:
    rng = random.Random(5)
    for _ in range(200):
        n = rng.choice([10, 200, 5000])
        a = set(rng.sample(range(n), rng.randint(0, n // 2)))
        b = set(rng.sample(range(n), rng.randint(0, n // 2)))
        pa, pb = PosBits.of(a), PosBits.of(b)
        assert set(pa & pb) == a & b and set(pa | pb) == a | b and set(pa - pb) == a - b
        assert set(pa ^ pb) == a ^ b
        # mixed with plain sets, either side
        assert set(a & pb) == a & b and set(a | pb) == a | b and set(a - pb) == a - b
        assert set(pa & b) == a & b and set(pa - b) == a - b
        assert (pa <= pb) == (a <= b) and (pa >= b) == (a >= b) and (pa < pb) == (a < b)
        assert (a <= pb) == (a <= b)
        assert len(pa) == len(a) and bool(pa) == bool(a) and pa == a
        assert all(p in pa for p in a) and not any(p in pa for p in set(range(n)) - a)
        acc: set[int] = set()
        acc |= pb  # a set grown by a bitset becomes one
        assert set(acc) == b


def test_merged_refs_read_lazily_as_the_list() -> None:
    rng = random.Random(9)
    for _ in range(60):
        base_list = sorted(rng.sample(range(3000), rng.randint(0, 1500)))
        base = BitsSeq(bits_of(base_list)) if rng.random() < 0.5 else base_list
        m = rng.randint(0, 6)
        cuts = sorted(rng.randint(0, len(base_list)) for _ in range(m))
        extra = [-1 - j for j in range(m)]
        want: list[int] = []
        done = 0
        for c, e in zip(cuts, extra):
            want += base_list[done:c] + [e]
            done = c
        want += base_list[done:]
        refs = MergedRefs(base, cuts, extra)
        assert len(refs) == len(want) and list(refs) == want
        assert [refs[i] for i in range(len(want))] == want
        for start in range(0, len(want) + 1, 97):
            assert refs[start : start + 250] == want[start : start + 250]
        for i, r in enumerate(want):
            if r >= 0:
                assert refs.index_of_base(r) == i
            else:
                assert refs.index_of_extra(r) == i
        assert refs.index_of_base(5000) is None
