"""config.toml through the real explorer: a broken file, a key override (the key works, the
footer and the help show it), a clash reported, a theme chosen remembered."""

from __future__ import annotations

from pathlib import Path

from textual.widgets._footer import FooterKey

from nkru_tui.core.config import config_path
from nkru_tui.tui.app import make_app
from nkru_tui.tui.screens.filter_picker import FilterPicker
from nkru_tui.tui.screens.help import HelpScreen, keys_markdown

from .conftest import MINI, settle


def write_config(text: str) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_a_broken_settings_file_is_one_notice_and_the_app_starts():
    path = write_config('theme = "nord"\nmouse = maybe\n')
    app = make_app(db_path=MINI)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.main_screen.status.text == "5 of 5 events"  # works, with the defaults
        said = [n for n in notices(app) if str(path) in n]
        assert len(said) == 1 and "line 2" in said[0] and "Traceback" not in said[0]
        assert app.theme != "nord"


async def test_a_key_override_works_and_the_footer_and_help_show_it():
    write_config('[keys]\nfilters = "F"\n')
    app = make_app(db_path=MINI)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert not notices(app)
        footer = {k.description: k.key_display for k in app.screen.query(FooterKey)}
        assert footer["Filters"] == "F"
        await pilot.press("f")  # the old key does nothing now
        await settle(pilot)
        assert not isinstance(app.screen, FilterPicker)
        await pilot.press("F")
        await settle(pilot)
        assert isinstance(app.screen, FilterPicker)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = keys_markdown(app, app.main_screen.help_groups())
        assert "| `F` | Filters |" in text and "| `f` | Filters |" not in text


async def test_a_clashing_override_is_reported_and_not_applied():
    path = write_config('[keys]\n\nfilters = "b"\n')
    app = make_app(db_path=MINI)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        said = [n for n in notices(app) if "keys.filters" in n]
        assert len(said) == 1 and f"{path}: line 3: keys.filters:" in said[0]
        assert "'b'" in said[0] and "bookmark" in said[0]
        footer = {k.description: k.key_display for k in app.screen.query(FooterKey)}
        assert footer["Bookmark"] == "b" and footer["Filters"] == "f"


async def test_a_theme_chosen_is_remembered_and_the_users_lines_kept():
    original = '# my settings\nmouse = true  # keep\ntheme = "nord"\n\n[keys]\n# none yet\n'
    path = write_config(original)
    app = make_app(db_path=MINI)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
        app.theme = "gruvbox"  # what the palette's "Change theme" does
        await settle(pilot)
    assert path.read_text(encoding="utf-8") == original.replace("nord", "gruvbox")
    app = make_app(db_path=MINI)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "gruvbox"


async def test_a_theme_is_remembered_in_a_new_file():
    import tomllib

    path = config_path()
    assert not path.exists()
    app = make_app(db_path=MINI)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert not path.exists()  # starting writes nothing
        app.theme = "dracula"
        await settle(pilot)
    assert tomllib.loads(path.read_text(encoding="utf-8"))["theme"] == "dracula"
