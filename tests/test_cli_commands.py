"""A command line that names its command builds a parser of that command only and imports
only what that command needs: the table saying which module adds which command is right,
every command parses and helps exactly as through the whole parser, and a one-shot search
imports no exporter, extractor, TOML reader or Textual. Nothing is timed."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import json
import sys

import pytest

from clitools import MINI, cli_env, run_cli
from nkru_tui.cli import main as _main  # noqa: F401 - the package's main function

cli = sys.modules["nkru_tui.cli.main"]


def _registered(modname: str | None) -> list[str]:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    common = argparse.ArgumentParser(add_help=False)
    if modname is None:
        cli._builtin_commands(sub, common, None)
    else:
        importlib.import_module(modname).register(sub, common)
    return list(sub.choices)


def test_the_command_table_says_which_module_adds_each_command():
    for modname in [None, *cli.EXTENSIONS]:
        for name in _registered(modname):
            assert cli.COMMANDS.get(name, "missing") == modname, name
    full = cli.build_parser()
    (action,) = [a for a in full._actions if isinstance(a, argparse._SubParsersAction)]
    assert sorted(action.choices) == sorted(cli.COMMANDS)


ARGVS = [
    ["search", "--json", "kim", "putin"],
    ["--db", "x.json", "search", "tour", "--save", "t"],
    ["--db=x.json", "--no-mouse", "actors", "--sort", "count", "--json"],
    ["--user-db", "u.json", "show", "kim-jong-un", "--json"],
    ["validate", "--strict"],
    ["note", "kim-jong-un", "hello"],
    ["export", "--help"],
    ["source", "add", "--help"],
    ["search", "--bogus"],
    ["actors", "--sort", "nope"],
    ["searches"],
    ["config"],
    [],
    ["--no-mouse", "--db", "x.json"],
    ["--db"],
]


def _outcome(parser: argparse.ArgumentParser, argv: list[str]) -> tuple:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            ns = vars(parser.parse_args(argv))
            code = None
        except SystemExit as exc:
            ns, code = {}, exc.code
    ns = {k: getattr(v, "__name__", v) for k, v in ns.items()}
    return ns, code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("argv", ARGVS, ids=lambda a: " ".join(a) or "(none)")
def test_one_command_parses_and_helps_as_the_whole_parser(argv, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    only = cli.command_named(argv)
    assert only is not None
    assert _outcome(cli.build_parser(only), argv) == _outcome(cli.build_parser(), argv)


@pytest.mark.parametrize(
    "argv", [["--help"], ["-h", "search"], ["--version"], ["--d", "x", "search"], ["serch"]]
)
def test_anything_else_gets_the_whole_parser(argv):
    assert cli.command_named(argv) is None


def test_a_one_shot_search_imports_only_what_it_needs(tmp_path):
    code = (
        "import sys; from nkru_tui.cli import main; rc = main(sys.argv[1:]);"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)"
    )
    env = cli_env(NKRU_USER_DB=str(tmp_path / "none.json"))
    import subprocess

    r = subprocess.run(
        [sys.executable, "-c", "import json;" + code, "--db", str(MINI), "search", "--json", "x"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    mods = set(json.loads(r.stderr.strip().splitlines()[-1]))
    for heavy in (
        "textual",
        "rich",
        "nkru_tui.cli.user",
        "nkru_tui.cli.export",
        "nkru_tui.cli.sources",
        "nkru_tui.core.extract",
        "nkru_tui.core.exporting",
        "importlib.resources",
        "difflib",
    ):
        assert heavy not in mods, heavy
    # and the output is what the whole CLI prints
    assert r.stdout == run_cli("--db", str(MINI), "search", "--json", "x", env=env).stdout


def test_no_words_at_all_is_what_the_whole_parser_says():
    # `nkru-tui` alone opens the explorer without building a parser: the same values
    assert vars(cli.build_parser().parse_args([])) == {"no_mouse": False, "command": None}
