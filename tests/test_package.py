"""The wheel: `pip install .` puts the curated store inside the package, so `nkru-tui` works
from any folder with no source checkout beside it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    r = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    if r.returncode != 0 and "hatchling" in (r.stderr + r.stdout):
        pytest.skip("hatchling is not installed in this environment: " + r.stderr[-200:])
    assert r.returncode == 0, r.stderr
    (whl,) = out.glob("nkru_tui-*.whl")
    return whl


def test_wheel_contains_the_store_and_tui_files(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "nkru_tui/data/db.json" in names
    assert "nkru_tui/cli/main.py" in names and "nkru_tui/core/engine.py" in names
    packaged = json.loads(zipfile.ZipFile(wheel).read("nkru_tui/data/db.json"))
    assert packaged == json.loads((ROOT / "data" / "db.json").read_text(encoding="utf-8"))


def test_installed_package_runs_from_another_folder(wheel, tmp_path):
    target = tmp_path / "site"
    r = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
         str(wheel)], capture_output=True, text=True, timeout=300,
    )
    assert r.returncode == 0, r.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NKRU_DB")}
    env["PYTHONPATH"] = str(target)
    code = (
        "import nkru_tui, sys; from nkru_tui.cli import main; "
        "print(nkru_tui.__file__, file=sys.stderr); sys.argv=['nkru-tui','search','--json']; "
        "raise SystemExit(main())"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert str(target) in r.stderr  # the installed copy ran, not the checkout
    events = json.loads(r.stdout)
    assert len(events) > 20
    assert all({"id", "date", "title", "summary", "sectors", "actors", "evidence"} <= e.keys()
               for e in events)
