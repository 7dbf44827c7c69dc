"""The engine is headless: importing it (and running the CLI's search) never loads Textual."""

from __future__ import annotations

import subprocess
import sys

from clitools import MINI, cli_env


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
