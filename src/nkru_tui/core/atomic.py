"""One atomic file writer for every file the product writes (exports, the index cache, the
user store).

A reader never sees half a file: the bytes go to a temporary file beside the target
(``.<name>.tmp-<pid>-<random>``, so a crashed writer's leftovers can be recognised and swept),
which is written with ``os.write``, fsynced, then renamed over the target, and the folder is
fsynced so the rename survives a crash. A file that is replaced keeps its mode and (where the
writer may) its group; a new file gets ``new_mode``, by default the mode the umask allows for
an ordinary file (0666 & ~umask), not mkstemp's 0600.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

TEMP_MARK = ".tmp-"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def temp_path(path: Path | str) -> Path:
    """Where ``write_atomic`` stages the bytes for ``path``: same folder, hidden, unique."""
    path = Path(path)
    return path.with_name(f".{path.name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")


def open_temp(tmp: Path) -> int:
    """Create the temporary file, private until its mode is set; never through a link."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | os.O_NOFOLLOW
    return os.open(tmp, flags, 0o600)


def fsync_dir(folder: Path | str) -> None:
    """Make a rename in ``folder`` durable; a folder that cannot be opened or synced (some
    file systems refuse) is skipped."""
    try:
        fd = os.open(folder or ".", os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(
    path: Path | str, data: bytes | str, *, mode: int | None = None, new_mode: int | None = None
) -> None:
    """Replace ``path`` with ``data`` (text is written as UTF-8) atomically and durably.

    ``mode``: the permission bits to give the file whatever it replaces; by default those of
    the file it replaces, else ``new_mode``, else 0666 less the umask. A symlink at ``path`` is
    replaced by the file (resolve it first to write through it). Raises ``OSError`` and then
    leaves neither a temporary file nor any change to ``path``.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    blob = data.encode("utf-8") if isinstance(data, str) else data
    try:
        old: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        old = None
    if mode is None:
        if old is not None:
            mode = stat.S_IMODE(old.st_mode)
        else:
            mode = new_mode if new_mode is not None else 0o666 & ~_umask()
    tmp = temp_path(path)
    fd: int | None = open_temp(tmp)
    try:
        assert fd is not None
        if old is not None:
            try:  # keep the group (and, for root, the owner) of the file it replaces
                os.fchown(fd, old.st_uid if os.geteuid() == 0 else -1, old.st_gid)
            except OSError:
                pass  # not a member of that group: keep ours
        os.fchmod(fd, mode)
        view = memoryview(blob)
        off = 0
        while off < len(view):
            n = os.write(fd, view[off:])
            if n <= 0:  # pragma: no cover - a write that writes nothing
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            off += n
        os.fsync(fd)
        os.close(fd)
        fd = None
        os.replace(tmp, path)
    except BaseException:
        if fd is not None:
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    fsync_dir(folder)
