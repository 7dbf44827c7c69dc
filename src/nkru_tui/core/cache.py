"""A cache of a large store's index, so a second start skips the text scan and every other
per-event pass of indexing (dates, sort, actor and sector tables).

The cache is derived data: keyed by the store file's path, size, modification time and inode
(and this program's version), written atomically, checked by a checksum before use, and simply
ignored when it is missing, stale, unreadable or unwritable. Only stores of at least
``MIN_EVENTS`` events use it; small ones index in milliseconds.
"""

from __future__ import annotations

import marshal
import os
import zlib
from pathlib import Path
from typing import Any

MIN_EVENTS = 5000
# 2: one packed array of positions with (start, end) spans per token
# 3: the whole curated segment (``Segment.export_cache``): sort order, date bounds, spans,
#    actor/sector/source/status/type tables, inferred and with-figures positions, postings
# 4: event bounds are a window's or season's too (``core.dates.bounds``), a "when" table
#    (span/window/season positions), ``inferred`` holds record-level inferences as well, and
#    ``latest`` and ``season`` are searchable words
FORMAT = 4
MAGIC = b"NKRUIDX1"
ENV_CACHE_DIR = "NKRU_CACHE_DIR"


def cache_dir() -> Path:
    env = os.environ.get(ENV_CACHE_DIR)
    if env:
        return Path(env)
    from platformdirs import user_cache_path

    return user_cache_path("nkru-tui", appauthor=False)


def key_for(path: Path) -> str | None:
    from .. import __version__

    try:
        st = os.stat(path)
        real = os.path.realpath(path)
    except OSError:
        return None
    ident = f"{real}|{st.st_size}|{st.st_mtime_ns}|{st.st_ino}|{FORMAT}|{__version__}"
    import hashlib  # (here: an index on disk asks this module only for cache_dir)

    return hashlib.sha256(ident.encode("utf-8", "surrogateescape")).hexdigest()


def _file(key: str) -> Path:
    return cache_dir() / f"index-{key[:32]}.bin"


def load(key: str | None) -> dict[str, Any] | None:
    if not key:
        return None
    try:
        blob = _file(key).read_bytes()
    except OSError:
        return None
    if len(blob) < 12 or not blob.startswith(MAGIC):
        return None
    crc, body = int.from_bytes(blob[8:12], "big"), blob[12:]
    if zlib.crc32(body) != crc:
        return None
    try:
        data = marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    return data


def save(key: str | None, data: dict[str, Any]) -> bool:
    """Write the cache atomically; any failure leaves no trace and is not an error."""
    if not key:
        return False
    target = _file(key)
    from .atomic import write_atomic

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        body = marshal.dumps(dict(data, key=key))
        write_atomic(target, MAGIC + zlib.crc32(body).to_bytes(4, "big") + body)
        return True
    except (OSError, ValueError):
        return False
