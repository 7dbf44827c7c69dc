"""Shared by the user-store tests and the writer subprocess (tests/helpers/writer.py)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
WRITER = Path(__file__).resolve().parent / "writer.py"

TEXTS = [
    "short",
    "Кремль и Пхеньян подписали договор",
    "평양과 모스크바의 협력",
    "mixed: Путин / 김정은 / Kim Jong Un, 2024-06-19",
    "multi\nline\nnote with \"quotes\" and \\ backslash",
    "x" * 300,
]


def ops_for(seed: int, n: int = 3000) -> list[tuple]:
    """A deterministic list of note operations: ("set", target, text) or ("del", target)."""
    rnd = random.Random(seed)
    ops: list[tuple] = []
    for i in range(n):
        target = f"t-{rnd.randrange(25)}"
        if rnd.random() < 0.25:
            ops.append(("del", target))
        else:
            ops.append(("set", target, f"{rnd.choice(TEXTS)} #{seed}.{i}"))
    return ops


def apply(state: dict[str, str], op: tuple) -> dict[str, str]:
    new = dict(state)
    if op[0] == "set":
        new[op[1]] = op[2]
    else:
        new.pop(op[1], None)
    return new


def notes_map(path: str | os.PathLike) -> dict[str, str]:
    """target -> text, read straight from the file (independently of the product code)."""
    raw = json.loads(Path(path).read_bytes().decode("utf-8"))
    return {d["target"]: d["text"] for d in raw.get("notes", {}).values()}


def temp_files(folder: str | os.PathLike) -> list[str]:
    return sorted(p.name for p in Path(folder).iterdir() if ".tmp-" in p.name)


def child_env(user_db: str | os.PathLike, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["NKRU_USER_DB"] = str(user_db)
    env.pop("NKRU_DB", None)
    env.update(extra)
    return env


def run_writer(user_db, *args: str, timeout: float = 60, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(WRITER), *args], env=child_env(user_db), capture_output=True,
        text=True, timeout=timeout, **kw,
    )
