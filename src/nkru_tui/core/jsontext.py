"""The JSON text the CLI prints: ``json.dumps(obj, ensure_ascii=False, indent=2)``, byte for
byte, written by orjson (C, ten times faster) wherever orjson writes the same.

It lives in core because the on-disk index (core/diskindex.py) stores each event as this very
text, so ``search --json`` writes a stored record without parsing and dumping it again; the
CLI (cli/output.py) prints everything else through it. The DEL and C1 controls, which
``json.dumps`` leaves raw, are written as ``\\u`` escapes (still the same JSON value).
"""

from __future__ import annotations

import re
from typing import Any

_C1 = re.compile("[\x7f-\x9f]")

# Where orjson writes otherwise than ``json.dumps``: a float below 1e-4 (orjson 0.00001 and
# 1.5e-7 for json's 1e-05 and 1.5e-07; every other float, string escape and separator is the
# same) and NaN or infinity (orjson null, json NaN). Sought in orjson's bytes, each a C scan:
# a ``null`` or ``0.0000`` anywhere (even inside a string), or a one-digit negative exponent
# after a digit, sends the whole object through ``json`` instead.
_ORJSON_EXP = re.compile(rb"e-[6-9](?![0-9])")


def json_safe(text: str) -> str:
    """JSON text with the DEL and C1 controls (which ``json.dumps`` leaves raw, unlike C0)
    written as ``\\u`` escapes; still the same, valid JSON."""
    if not _C1.search(text):
        return text
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _as_json_writes(data: bytes) -> bool:
    if b"null" in data or b"0.0000" in data:
        return False
    return not any(48 <= data[m.start() - 1] <= 57 for m in _ORJSON_EXP.finditer(data))


def _orjson_pretty(obj: Any) -> bytes | None:
    """orjson's indented bytes of ``obj`` where they are json's (C1 escaped), else None.
    Raises what orjson raises for what it cannot write (TypeError)."""
    import orjson

    data = orjson.dumps(obj, option=orjson.OPT_INDENT_2)
    if not _as_json_writes(data):
        return None
    if b"\x7f" in data or b"\xc2" in data:  # DEL, or a C1 control maybe (U+0080-009F)
        return json_safe(data.decode("utf-8")).encode("utf-8")
    return data


def dumps_pretty(obj: Any) -> bytes:
    """``json.dumps(obj, ensure_ascii=False, indent=2)`` plus a newline, UTF-8, byte for byte
    (C1 controls escaped)."""
    try:
        data = _orjson_pretty(obj)
        if data is not None:
            return data + b"\n"
    except (ImportError, TypeError, ValueError):
        pass
    import json

    text = json_safe(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
    return text.encode("utf-8", "replace")


def stored_pretty(rec: Any) -> bytes:
    """``dumps_pretty(rec)`` without its newline, as an index stores a record: the same
    bytes wherever that succeeds. What ``dumps_pretty`` would write but no JSON reader reads
    back as the same value (NaN or infinity, text orjson cannot encode) raises ``ValueError``
    or ``TypeError`` instead: such a store is not indexed."""
    data = _orjson_pretty(rec)
    if data is not None:
        return data
    import json

    return json_safe(json.dumps(rec, ensure_ascii=False, indent=2, allow_nan=False)).encode()


def nested(pretty: bytes) -> bytes:
    """A value's ``dumps_pretty`` text (without its newline) as an item of an indented list:
    each line two spaces further in. A newline in that text is always between tokens (json
    escapes one inside a string), so this is the text ``json.dumps(indent=2)`` writes for it
    one level down. Items already joined by ``b",\n"`` come out as the list's lines the same
    way, in one pass."""
    return b"  " + pretty.replace(b"\n", b"\n  ")
