"""Terminal escape injection: control characters are refused on the way in (records, notes,
imports; newline and tab only in long text), and whatever a store holds, no control
character reaches the terminal raw through the CLI: it is shown as a visible escape."""

from __future__ import annotations

import json

import pytest

from clitools import MINI, cli_env, run_cli

EVIL = "Evil \x1b]52;c;ZXZpbA==\x07 \x1b[2J"
RAW = ("\x1b", "\x07", "\x9b")


def _clean(r) -> None:
    for stream in (r.stdout, r.stderr):
        for ch in RAW:
            assert ch not in stream, (repr(ch), stream[:400])
    assert "Traceback" not in r.stderr


def _env(tmp_path, db=MINI):
    return cli_env(NKRU_USER_DB=str(tmp_path / "mine.json"), NKRU_DB=str(db))


def _evil_curated(tmp_path):
    raw = json.loads(MINI.read_text(encoding="utf-8"))
    raw["events"][next(iter(raw["events"]))]["title"] = EVIL
    path = tmp_path / "evil-db.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    return path


def test_a_curated_store_with_control_characters_is_refused_naming_record_and_field(tmp_path):
    env = _env(tmp_path, _evil_curated(tmp_path))
    for args in (["search", "evil"], ["validate"], ["show", "treaty-signed"],
                 ["export", "--format", "md"]):
        r = run_cli(*args, env=env)
        assert r.returncode == 4, (args, r.returncode, r.stderr)
        assert "events/treaty-signed: title: contains the control character U+001B (ESC)" in r.stderr
        _clean(r)


def test_an_import_with_control_characters_is_refused_and_nothing_written(tmp_path):
    env = _env(tmp_path)
    f = tmp_path / "in.json"
    f.write_text(json.dumps([{"record_type": "actor", "id": "evil-org", "name": EVIL,
                              "kind": "organization", "country": "RU"}]), encoding="utf-8")
    r = run_cli("import", str(f), env=env)
    assert r.returncode == 4, r.stderr
    assert f"{f}: record 1: name: contains the control character U+001B" in r.stderr
    _clean(r)
    assert not (tmp_path / "mine.json").exists() or "evil-org" not in (
        tmp_path / "mine.json").read_text(encoding="utf-8")


def test_add_and_note_refuse_control_characters_but_keep_newlines_in_long_text(tmp_path):
    env = _env(tmp_path)
    r = run_cli("add", "event", "--id", "my-ev", "--date", "2025", "--title", EVIL,
                "--sector", "trade", env=env)
    assert r.returncode == 4 and "my-ev: title:" in r.stderr and "U+001B" in r.stderr
    _clean(r)
    r = run_cli("note", "treaty-signed", "a note \x1b[2J", env=env)
    assert r.returncode == 2 and "treaty-signed: text:" in r.stderr
    _clean(r)
    r = run_cli("note", "treaty-signed", "-", env=env, input="line one\n\tline two")
    assert r.returncode == 0, r.stderr
    notes = json.loads(run_cli("notes", "--json", env=env).stdout)
    assert notes[0]["text"] == "line one\n\tline two"
    r = run_cli("add", "event", "--id", "my-ev", "--date", "2025", "--title", "t",
                "--summary", "two\nlines", "--sector", "trade", env=env)
    assert r.returncode == 0, r.stderr


def _hand_edited_user_store(tmp_path) -> None:
    """What a user store may hold when edited by hand or written by an older version."""
    (tmp_path / "mine.json").write_text(json.dumps({
        "meta": {"1": {"schema": 1, "app": "nkru-tui"}},
        "notes": {"1": {"id": "n-1", "target": "treaty-signed", "text": "note " + EVIL,
                        "created": "2025-01-01T00:00:00+00:00",
                        "updated": "2025-01-01T00:00:00+00:00"}},
        "bookmarks": {"1": {"target": "evil-ev", "created": "2025-01-01T00:00:00+00:00"}},
        "events": {"1": {"id": "evil-ev", "date": "2024", "title": EVIL, "summary": EVIL,
                         "sectors": ["trade"], "actors": [{"id": "evil-actor"}], "places": [],
                         "figures": [], "user": True}},
        "actors": {"1": {"id": "evil-actor", "name": EVIL, "kind": "organization",
                         "country": "RU", "user": True}},
    }), encoding="utf-8")


@pytest.mark.parametrize("args", [
    ["search", "evil"], ["search"], ["show", "evil-ev"], ["show", "treaty-signed"],
    ["actors"], ["notes"], ["bookmarks"], ["validate"], ["export", "--format", "md", "--with-notes"],
    ["search", "evil", "--json"], ["notes", "--json"],
])
def test_whatever_the_user_store_holds_never_reaches_the_terminal_raw(tmp_path, args):
    _hand_edited_user_store(tmp_path)
    r = run_cli(*args, env=_env(tmp_path))
    _clean(r)
    if "--json" in args:
        json.loads(r.stdout)  # still valid JSON
    elif args[0] in ("search", "show", "notes", "actors", "export"):
        assert r.returncode == 0, r.stderr
        assert "\\x1b" in r.stdout  # shown, visibly escaped


def test_term_safe():
    from nkru_tui.cli.output import term_safe

    assert term_safe("a\tb\nc") == "a\tb\nc"
    assert term_safe(EVIL) == "Evil \\x1b]52;c;ZXZpbA==\\x07 \\x1b[2J"
    assert term_safe("csi \x9b del \x7f cr \r") == "csi \\x9b del \\x7f cr \\x0d"
    assert term_safe("평양 Москва ␛") == "평양 Москва ␛"
