"""The layers hold: importing the engine (and running the CLI's search) never loads Textual, and
import-linter's contracts in pyproject.toml (core -> no Textual/CLI/TUI, TUI -> no CLI) are kept."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from clitools import MINI, ROOT, cli_env


def test_core_does_not_import_textual():
    code = (
        "import sys, nkru_tui.core.engine, nkru_tui.core.query, nkru_tui.core.store, "
        "nkru_tui.core.index, nkru_tui.core.schema\n"
        "import pkgutil, importlib, nkru_tui.core as c\n"
        "for m in pkgutil.iter_modules(c.__path__): importlib.import_module('nkru_tui.core.' + m.name)\n"
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        "print(bad); raise SystemExit(1 if bad else 0)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], env=cli_env(), capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_cli_search_does_not_import_textual():
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['nkru-tui', '--db', {str(MINI)!r}, 'search', 'putin']\n"
        "from nkru_tui.cli import main\n"
        "rc = main()\n"
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        "raise SystemExit(10 if bad else rc)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], env=cli_env(), capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


CONTRACTS = (
    "core is headless: it imports neither Textual nor the CLI nor the TUI",
    "the TUI does not import the CLI",
    "the format libraries are test dependencies: nkru-tui itself never imports them",
)


def _lint_imports(src: Path) -> subprocess.CompletedProcess:
    """import-linter's own command over the package found under ``src``."""
    env = cli_env()
    env["PYTHONPATH"] = str(src)
    return subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache",
         "--config", str(ROOT / "pyproject.toml")],
        env=env, capture_output=True, text=True, cwd=ROOT, timeout=120,
    )


def test_layer_contracts_hold():
    r = _lint_imports(ROOT / "src")
    assert r.returncode == 0, r.stdout + r.stderr
    for name in CONTRACTS:
        assert f"{name} KEPT" in r.stdout
    assert f"{len(CONTRACTS)} kept, 0 broken" in r.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("core/query.py", "import textual.app", CONTRACTS[0]),
        ("core/render.py", "from ..cli import main", CONTRACTS[0]),
        ("tui/filters.py", "def _f():\n    from ..cli import main", CONTRACTS[1]),
    ],
)
def test_layer_contracts_catch_a_wrong_import(tmp_path, module, line, broken):
    """The contracts are not vacuous: one stray import (even a lazy one) breaks them."""
    shutil.copytree(ROOT / "src" / "nkru_tui", tmp_path / "nkru_tui",
                    ignore=shutil.ignore_patterns("__pycache__"))
    target = tmp_path / "nkru_tui" / module
    text = target.read_text(encoding="utf-8") if target.exists() else ""
    target.write_text(text + "\n" + line + "\n", encoding="utf-8")
    r = _lint_imports(tmp_path)
    assert r.returncode != 0, r.stdout
    assert f"{broken} BROKEN" in r.stdout
