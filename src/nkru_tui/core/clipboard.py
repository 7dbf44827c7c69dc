"""Where a copied citation can go: the terminal's clipboard (OSC 52) or, where the terminal
cannot take it, a file in the user data folder.

OSC 52 is how a terminal app reaches the clipboard (also over SSH), but tmux drops it unless
``set-clipboard`` is on or external, and the Linux console has no clipboard at all. The
settings' ``clipboard`` chooses: ``auto`` (detect), ``osc52`` (always) or ``file`` (always).

Nothing here imports Textual.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path

from .. import paths
from .atomic import write_atomic

Runner = Callable[[list[str]], str | None]


def _tmux_option(argv: list[str]) -> str | None:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=1, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def osc52_blocked(env: Mapping[str, str] | None = None, run: Runner | None = None) -> str | None:
    """Why the terminal would drop an OSC 52 copy, or None when it should take it."""
    env = os.environ if env is None else env
    if env.get("TERM") == "linux":
        return "the Linux console has no clipboard"
    if env.get("TMUX"):
        value = (run or _tmux_option)(["tmux", "show", "-gv", "set-clipboard"])
        if value == "off":
            return "tmux has set-clipboard off"
    return None


def use_file(
    mode: str, env: Mapping[str, str] | None = None, run: Runner | None = None
) -> str | None:
    """The reason to write a file instead of copying (None: copy through OSC 52)."""
    if mode == "file":
        return 'the settings say clipboard = "file"'
    if mode == "osc52":
        return None
    return osc52_blocked(env, run)


def citations_folder() -> Path:
    from platformdirs import user_data_path

    return user_data_path(paths.APP_NAME, appauthor=False) / "citations"


def write_citation(text: str, record_id: str, ext: str) -> Path:
    """``text`` in ``<user data>/citations/<id>.<ext>`` (replaced atomically); the path."""
    folder = citations_folder()
    folder.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", record_id).strip(".-") or "citation"
    path = folder / f"{stem[:80]}.{ext}"
    write_atomic(path, text if text.endswith("\n") else text + "\n")
    return path
