"""The settings file, ``config.toml`` in the user's config folder (platformdirs), or the file
``NKRU_CONFIG`` names.

    theme = "textual-dark"        # any Textual theme
    mouse = true                  # capture the mouse in the explorer
    export_format = "md"          # the export dialog's first choice and `export`'s default
    user_store = "~/notes.json"   # your own layer (NKRU_USER_DB and --user-db still win)
    clipboard = "auto"            # where y/Y copy a citation: auto, osc52 or file

    [keys]                        # key overrides by binding id (Textual's keymap)
    export = "ctrl+e"

Reading never fails: a file that is not TOML, an unknown key or a value of the wrong kind is
one line each in ``Settings.problems`` naming the file, the line and the key, and that setting
keeps its default. Nothing here imports Textual.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

ENV_CONFIG = "NKRU_CONFIG"
CLIPBOARD_MODES = ("auto", "osc52", "file")
# a key as Textual names it: "ctrl+e", "F" (shift+f), "question_mark", "?"; several: "a,b"
KEY_RE = re.compile(r"^[^\s,\x00-\x1f\x7f]+(,[^\s,\x00-\x1f\x7f]+)*$")

DEFAULT_FILE = """\
# nkru-tui settings. Every line is optional: a setting left out keeps its default.
# `nkru-tui config` says where this file is read from and what is in force.

# A Textual theme, e.g. "textual-dark", "textual-light", "nord", "gruvbox".
# theme = "textual-dark"

# Capture the mouse in the explorer (false for terminals that leak mouse codes).
# mouse = true

# The export format offered first: md, csv, json, ftm, timeline, csl or gexf.
# export_format = "md"

# Your own layer's file (NKRU_USER_DB and --user-db take precedence).
# user_store = "~/nkru-notes.json"

# Where y / Y put a citation: "auto" (the terminal's clipboard through OSC 52, or a file
# in the user data folder where the terminal cannot take it: tmux with set-clipboard off,
# the Linux console), "osc52" (always the terminal) or "file" (always a file).
# clipboard = "auto"

# Key overrides by binding id, as Textual's keymap takes them (several keys: "a,b").
# [keys]
# export = "ctrl+e"
"""


class Settings:
    """The settings in force. A plain class, not a dataclass: every command reads it (the
    user store's place), and importing dataclasses (with inspect) cost a one-shot search ~5 ms."""

    _FIELDS = (
        "path",
        "theme",
        "mouse",
        "export_format",
        "user_store",
        "clipboard",
        "keys",
        "problems",
        "found",
    )

    def __init__(self, path: Path) -> None:
        self.path = path
        self.theme: str | None = None
        self.mouse = True
        self.export_format = "md"
        self.user_store: Path | None = None
        self.clipboard = "auto"
        self.keys: dict[str, str] = {}
        self.problems: list[str] = []
        self.found = False

    def __repr__(self) -> str:
        return "Settings(" + ", ".join(f"{f}={getattr(self, f)!r}" for f in self._FIELDS) + ")"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Settings):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in self._FIELDS)

    __hash__ = None  # type: ignore[assignment]  # mutable, as the dataclass was

    def report(self, key: str, why: str, table: str | None = None) -> None:
        """Add one line naming the file, the line and the key of a setting not used."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        n = _line_of(text, key, table)
        name = f"{table}.{key}" if table else key
        self.problems.append(f"{self.path}: line {n}: {name}: {why}")

    def in_force(self) -> dict[str, Any]:
        return {
            "theme": self.theme or "(the default theme)",
            "mouse": self.mouse,
            "export_format": self.export_format,
            "user_store": str(self.user_store) if self.user_store else "(the default place)",
            "clipboard": self.clipboard,
            "keys": dict(self.keys),
        }


def config_path() -> Path:
    env = os.environ.get(ENV_CONFIG)
    if env:
        return Path(env)
    from platformdirs import user_config_path

    return user_config_path("nkru-tui", appauthor=False) / "config.toml"


def _line_of(text: str, key: str, table: str | None = None) -> int:
    """The line where ``key`` is set (1-based; 0 if not found)."""
    in_table = table is None
    for n, line in enumerate(text.splitlines(), start=1):
        s = line.strip()
        if s.startswith("["):
            in_table = s.strip("[] ") == table if table else False
            continue
        if in_table and re.match(rf"^\"?{re.escape(key)}\"?\s*=", s):
            return n
    return 0


def load(path: Path | None = None) -> Settings:
    """The settings in force: the file's, with the defaults for whatever it could not give."""
    p = path or config_path()
    st = Settings(path=p)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        return st
    except (OSError, UnicodeDecodeError) as exc:
        st.problems.append(
            f"{p}: cannot read ({getattr(exc, 'strerror', None) or exc}); using the defaults"
        )
        return st
    st.found = True
    import tomllib  # only when there is a file: most starts have none

    from .formats import FORMATS

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        st.problems.append(f"{p}: {exc}; using the defaults")
        return st

    def bad(key: str, why: str, table: str | None = None) -> None:
        n = _line_of(text, key, table)
        name = f"{table}.{key}" if table else key
        st.problems.append(f"{p}: line {n}: {name}: {why}; using the default")

    for key, value in data.items():
        if key == "theme":
            if isinstance(value, str) and value.strip():
                st.theme = value.strip()
            else:
                bad(key, "must be the name of a theme")
        elif key == "mouse":
            if isinstance(value, bool):
                st.mouse = value
            else:
                bad(key, "must be true or false")
        elif key == "export_format":
            if isinstance(value, str) and value in FORMATS:
                st.export_format = value
            else:
                bad(key, f"must be one of {', '.join(FORMATS)}, not {value!r}")
        elif key == "user_store":
            if isinstance(value, str) and value.strip():
                st.user_store = Path(os.path.expanduser(value.strip()))
            else:
                bad(key, "must be a file path")
        elif key == "clipboard":
            if value in CLIPBOARD_MODES:
                st.clipboard = value
            else:
                bad(key, f"must be one of {', '.join(CLIPBOARD_MODES)}, not {value!r}")
        elif key == "keys":
            if not isinstance(value, dict):
                bad(key, 'must be a table [keys] of binding id = "key"')
                continue
            for bid, keys in value.items():
                if isinstance(keys, str) and KEY_RE.match(keys.replace(" ", "")):
                    st.keys[bid] = keys.replace(" ", "")
                else:
                    bad(bid, f'must be a key such as "ctrl+e", not {keys!r}', "keys")
        else:
            bad(
                key,
                "unknown setting (known: theme, mouse, export_format, user_store, clipboard, keys)",
            )
    return st


_HEADER = re.compile(r"^\s*\[")
_THEME_LINE = re.compile(r"^\s*\"?theme\"?\s*=")


def remember_theme(path: Path, theme: str) -> None:
    """Save ``theme`` in the settings file: its top-level ``theme =`` line is replaced (or one
    is added above the first table); every other line and comment is kept. Atomic."""
    import json

    from .atomic import write_atomic

    value = f"theme = {json.dumps(theme, ensure_ascii=False)}"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lines = []
    first_table = next((i for i, ln in enumerate(lines) if _HEADER.match(ln)), len(lines))
    for i in range(first_table):
        if _THEME_LINE.match(lines[i]):
            lines[i] = value
            break
    else:
        at = first_table
        while at > 0 and not lines[at - 1].strip():
            at -= 1
        lines.insert(at, value)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, "\n".join(lines) + "\n")


def key_clashes(keys: dict[str, str], bindings: dict[str, str]) -> list[str]:
    """Overrides that take a key another binding has: ``bindings`` maps every binding id to
    its keys (defaults), ``keys`` the overrides. One line each."""
    taken: dict[str, str] = {}
    for bid, ks in bindings.items():
        for k in (keys.get(bid) or ks).split(","):
            if k:
                taken.setdefault(k, bid)
    out = []
    for bid, ks in keys.items():
        if bid not in bindings:
            out.append(f"keys.{bid}: no binding has that id")
            continue
        for k in ks.split(","):
            owner = taken.get(k)
            if owner is not None and owner != bid:
                out.append(f"keys.{bid}: {k!r} is already {owner}'s key; not applied")
    return out


__all__ = ["DEFAULT_FILE", "Settings", "config_path", "key_clashes", "load", "remember_theme"]
