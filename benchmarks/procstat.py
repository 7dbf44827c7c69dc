"""This process's memory from /proc/self/status (Linux): one reader for every benchmark."""

from __future__ import annotations


def status_kib(field: str) -> int | None:
    """``VmHWM`` (peak resident), ``VmRSS`` (resident now), ... in KiB; None off Linux."""
    key = field + ":"
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return None
