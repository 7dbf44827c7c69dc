"""One atomic file writer for every file the product writes (exports, the index cache).

A reader never sees half a file: the bytes go to a temporary file beside the target, which is
flushed and fsynced, then renamed over the target, and the folder is fsynced so the rename
survives a crash. A file that is replaced keeps its mode; a new file gets the mode the umask
allows for an ordinary file (0666 & ~umask), not mkstemp's 0600.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable; a folder that cannot be opened is skipped."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(path: Path | str, data: bytes | str, *, mode: int | None = None) -> None:
    """Replace ``path`` with ``data`` (text is written as UTF-8) atomically and durably.

    ``mode``: the new file's permission bits; by default those of the file it replaces, or
    0666 less the umask for a new one. Raises ``OSError`` (and leaves no temporary file).
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    blob = data.encode("utf-8") if isinstance(data, str) else data
    if mode is None:
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except OSError:
            mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
            fh.flush()
            os.fchmod(fh.fileno(), mode)
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    fsync_dir(folder)
