"""Running the real CLI in a subprocess, with the test's isolated environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).resolve().parent / "fixtures" / "mini.json"


def cli_env(**extra: str) -> dict[str, str]:
    """The environment for a CLI subprocess: this test's isolated paths, src importable."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def run_cli(*args: str, env: dict[str, str] | None = None, input: str | None = None):
    return subprocess.run(
        [sys.executable, "-m", "nkru_tui", *args],
        capture_output=True, text=True, env=env or cli_env(), input=input, timeout=60,
        encoding="utf-8",
    )
