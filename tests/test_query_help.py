"""The query language is described once, in core.query (QUALIFIERS, EXAMPLES, SYNTAX), and every
help text is generated from it: the CLI's --help, the explorer's help screen, the README."""

from __future__ import annotations

from pathlib import Path

from clitools import MINI, run_cli
from textual.widgets import Markdown

from nkru_tui.core.query import EXAMPLES, QUALIFIERS, help_markdown, parse_query
from nkru_tui.tui.app import make_app
from nkru_tui.tui.screens.help import HelpScreen

ROOT = Path(__file__).resolve().parents[1]


def test_every_qualifier_has_examples_that_parse():
    assert set(EXAMPLES) == set(QUALIFIERS)
    for name, examples in EXAMPLES.items():
        for example in examples:
            q = parse_query(example)
            assert [x.name for x in q.qualifiers] == [name], example


def test_cli_help_names_every_qualifier_with_its_description():
    r = run_cli("--help")
    assert r.returncode == 0, r.stderr
    text = " ".join(r.stdout.split())  # argparse keeps our layout; compare without wrapping
    for name, finds in QUALIFIERS.items():
        for example in EXAMPLES[name]:
            assert example in text, example
        assert " ".join(finds.split()) in text, name


async def test_help_screen_shows_the_generated_table():
    app = make_app(db_path=MINI)
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        source = app.screen.query_one(Markdown).source
        assert help_markdown() in source
        assert "<!--" not in source  # the marker was replaced


def test_readme_table_is_the_generated_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert help_markdown() in readme + "\n", (
        "README's query table is out of date: paste nkru_tui.core.query.help_markdown()"
    )
