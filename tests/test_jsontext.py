"""core/jsontext.py: the JSON text the CLI prints and the index stores is `json.dumps(indent=2)`'s,
byte for byte, whichever encoder wrote it; a stored record is the printed one. Nothing timed."""

from __future__ import annotations

import json
import math
import random

import pytest

from nkru_tui.core import jsontext

FLOATS = [0.0, -0.0, 1.5, 1e-05, 1.5e-07, 2.5e-5, 1e-4, 1e16, 1.7976931348623157e308, 5e-324,
          123456.789, -3.25e-6, 0.1, 1e22, 9.99e-7]
TEXTS = ["", "plain", "null", "0.00001", "x9e-8", "1e-6", "tab\there", "new\nline", "quote \" \\",
         "« guillemets » Кожемяко 평양", "\u2028 separator", "\x85 C1 next line", "\x7f del",
         "\u00a0 no-break", "e-7 at start", "emoji 🙂"]


def _value(rng: random.Random, depth: int = 0):
    kind = rng.randrange(7 if depth < 3 else 4)
    if kind == 0:
        return rng.choice(FLOATS) * rng.choice([1, -1])
    if kind == 1:
        return rng.randint(-(10**12), 10**12)
    if kind == 2:
        return rng.choice(TEXTS)
    if kind == 3:
        return rng.choice([True, False, None])
    if kind == 4:
        return [_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {rng.choice(TEXTS) + str(i): _value(rng, depth + 1) for i in range(rng.randrange(5))}


def _want(obj) -> bytes:
    return jsontext.json_safe(json.dumps(obj, ensure_ascii=False, indent=2) + "\n").encode()


def test_dumps_pretty_is_json_dumps_byte_for_byte():
    rng = random.Random(13)
    for _ in range(3000):
        obj = _value(rng)
        assert jsontext.dumps_pretty(obj) == _want(obj), obj


def test_a_stored_record_is_the_printed_one_and_nests_as_a_list_item():
    rng = random.Random(5)
    recs = [{"id": f"e{i}", "v": _value(rng), "w": _value(rng)} for i in range(400)]
    stored = [jsontext.stored_pretty(r) for r in recs]
    assert stored == [jsontext.dumps_pretty(r)[:-1] for r in recs]
    for k in (1, 2, 7, 400):
        body = b"[\n" + jsontext.nested(b",\n".join(stored[:k])) + b"\n]\n"
        assert body == _want(recs[:k])
        assert body == b"[\n" + b",\n".join(map(jsontext.nested, stored[:k])) + b"\n]\n"
    assert json.loads(stored[3]) == recs[3]


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_what_no_json_reader_reads_back_is_never_stored(bad):
    """json.dumps writes NaN and Infinity (and the CLI prints them so); an index must not
    store a record that reads back otherwise: the build falls back to the in-memory engine."""
    with pytest.raises(ValueError):
        jsontext.stored_pretty({"id": "x", "figures": [{"value": bad}]})
    assert b"NaN" in jsontext.dumps_pretty(math.nan)
