"""Settings (config.toml): `nkru-tui config` and `--default`, a broken or unknown setting as one
line naming the file, line and key with the defaults used, and in the explorer (Pilot): the
theme, a key override by binding id, a clash reported not dropped silently, the export
dialog's default format."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from clitools import MINI, cli_env, run_cli
from nkru_tui.core.config import load


@pytest.fixture
def cfg(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "config.toml"
    monkeypatch.setenv("NKRU_CONFIG", str(path))
    return path


def test_config_prints_where_and_what_and_a_default_file(cfg):
    env = cli_env(NKRU_CONFIG=str(cfg))
    r = run_cli("config", env=env)
    assert r.returncode == 0 and f"# {cfg} (not there: all defaults)" in r.stdout
    assert 'export_format = "md"' in r.stdout and "mouse = true" in r.stdout
    r = run_cli("config", "--default", env=env)
    assert r.returncode == 0
    assert tomllib.loads(r.stdout) == {}  # every line commented: the defaults
    cfg.write_text(r.stdout.replace('# export_format = "md"', 'export_format = "ftm"'),
                   encoding="utf-8")
    st = load(cfg)
    assert st.problems == [] and st.export_format == "ftm"
    r = run_cli("config", env=env)
    assert r.returncode == 0 and 'export_format = "ftm"' in r.stdout


def test_broken_and_unknown_settings_are_one_line_each(cfg):
    cfg.write_text('theme = "nord"\nmouse = "yes"\nexport_format = "docx"\ncolour = 1\n'
                   '[keys]\nexport = "ctrl+e"\nhelp = 5\n', encoding="utf-8")
    r = run_cli("config", env=cli_env(NKRU_CONFIG=str(cfg)))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert lines == [
        f"nkru-tui: {cfg}: line 2: mouse: must be true or false; using the default",
        f"nkru-tui: {cfg}: line 3: export_format: must be one of md, csv, json, ftm, timeline, "
        "csl, gexf, not 'docx'; using the default",
        f"nkru-tui: {cfg}: line 4: colour: unknown setting (known: theme, mouse, export_format, "
        "user_store, clipboard, keys); using the default",
        f"nkru-tui: {cfg}: line 7: keys.help: must be a key such as \"ctrl+e\", not 5; using "
        "the default",
    ]
    assert 'theme = "nord"' in r.stdout and "mouse = true" in r.stdout
    cfg.write_text("theme = \n", encoding="utf-8")
    r = run_cli("config", env=cli_env(NKRU_CONFIG=str(cfg)))
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
    assert str(cfg) in r.stderr and "line 1" in r.stderr and "using the defaults" in r.stderr


def test_export_format_and_user_store_from_the_config(cfg, tmp_path):
    store = tmp_path / "my-notes.json"
    cfg.write_text(f'export_format = "csl"\nuser_store = "{store}"\n', encoding="utf-8")
    env = cli_env(NKRU_CONFIG=str(cfg), NKRU_DB=str(MINI))
    env.pop("NKRU_USER_DB", None)
    r = run_cli("export", "wonsan", env=env)
    assert r.returncode == 0 and '"id": "s-two"' in r.stdout  # CSL-JSON, not Markdown
    r = run_cli("note", "treaty-signed", "kept where the config says", env=env)
    assert r.returncode == 0, r.stderr
    assert store.exists()


async def test_the_explorer_uses_the_settings_and_reports_what_it_cannot(cfg, tmp_path):
    from nkru_tui.tui.app import make_app
    from nkru_tui.tui.screens.export_screen import ExportScreen

    from tui.conftest import settle

    cfg.write_text('theme = "nord"\nexport_format = "gexf"\nmouse = 3\n[keys]\n'
                   'export = "ctrl+e"\ndensity = "m"\n', encoding="utf-8")
    app = make_app(db_path=MINI, user_db_path=tmp_path / "u.json")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
        notes = [n.message for n in app._notifications]
        assert f"{cfg}: line 3: mouse: must be true or false; using the default" in notes
        # density = "m" would take the relation map's key: reported, not applied
        assert any(f"{cfg}: line 6: keys.density: 'm' is already relation_map's key" in n
                   for n in notes), notes
        await pilot.press("ctrl+e")  # the export binding, moved
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.fmt == "gexf"  # the configured default format
        assert app.screen.path_text.endswith(".gexf")


def test_the_default_config_path_is_in_the_user_config_folder(monkeypatch, tmp_path):
    from nkru_tui.core.config import config_path

    monkeypatch.delenv("NKRU_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert config_path() == tmp_path / "xdg" / "nkru-tui" / "config.toml"
    assert os.fspath(config_path()).endswith("config.toml")
