"""The real CLI in a subprocess: output, --json, --db placement, errors and exit codes."""

from __future__ import annotations

import json

import pytest

from clitools import MINI, cli_env, run_cli


def test_version():
    r = run_cli("--version")
    assert r.returncode == 0 and r.stdout.startswith("nkru-tui ")


def test_search_table_in_date_order():
    r = run_cli("--db", str(MINI), "search")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 5
    assert lines[0].startswith("2008–2013 ") and "Khasan to Rajin railway rebuilt" in lines[0]
    assert lines[-1].startswith("2026?") and "[planned]" in lines[-1]


def test_table_fits_the_terminal_width():
    r = run_cli("--db", str(MINI), "search", env=cli_env(COLUMNS="50"))
    assert r.returncode == 0
    assert all(len(line) <= 50 for line in r.stdout.splitlines()), r.stdout
    assert "…" in r.stdout


@pytest.mark.parametrize("order", ["before", "after"])
def test_db_before_or_after_the_subcommand(order):
    args = ["--db", str(MINI), "search", "Путин"] if order == "before" else [
        "search", "Путин", "--db", str(MINI)]
    r = run_cli(*args, "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert [e["id"] for e in data] == ["treaty-signed"]
    ev = data[0]
    for key in ("id", "date", "title", "summary", "sectors", "actors", "evidence"):
        assert key in ev


def test_db_from_environment():
    r = run_cli("search", "--json", env=cli_env(NKRU_DB=str(MINI)))
    assert r.returncode == 0 and len(json.loads(r.stdout)) == 5


def test_search_json_empty_result_is_an_empty_array():
    r = run_cli("--db", str(MINI), "search", "zzzzzz", "--json")
    assert r.returncode == 0 and json.loads(r.stdout) == []


def test_actors_and_sort_by_count():
    r = run_cli("--db", str(MINI), "actors", "--sort", "count", "--json")
    assert r.returncode == 0
    assert json.loads(r.stdout)[0]["id"] == "rason"
    r = run_cli("--db", str(MINI), "actors", "kind:place")
    assert r.returncode == 0 and len(r.stdout.splitlines()) == 3


def test_show_event_with_linked_records_and_evidence():
    r = run_cli("--db", str(MINI), "show", "treaty-signed")
    assert r.returncode == 0
    assert "Vladimir Putin (signatory)" in r.stdout
    assert "“Putin signed the treaty”" in r.stdout and "Source One" in r.stdout
    r = run_cli("--db", str(MINI), "show", "kim-jong-un", "--json")
    data = json.loads(r.stdout)
    assert data["kind"] == "actor" and data["record"]["name"] == "Kim Jong Un"
    assert [e["id"] for e in data["linked"]["events"]] == ["treaty-signed"]
    assert [r["id"] for r in data["linked"]["relations"]] == ["rel-putin-signed-kim"]


def test_show_unknown_id_suggests_and_exits_1():
    r = run_cli("--db", str(MINI), "show", "kim-jong")
    assert r.returncode == 1
    assert "did you mean kim-jong-un" in r.stderr and "Traceback" not in r.stderr


def test_validate_ok():
    r = run_cli("--db", str(MINI), "validate")
    assert r.returncode == 0 and "ok (5 events, 5 actors, 1 relations, 2 sources)" in r.stdout


def _assert_one_line_error(r, code, *fragments):
    assert r.returncode == code, (r.returncode, r.stderr)
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    for f in fragments:
        assert f in r.stderr


def test_missing_file(tmp_path):
    p = tmp_path / "nope.json"
    _assert_one_line_error(run_cli("--db", str(p), "search"), 3, str(p), "no such file")


def test_unreadable_json_left_untouched(tmp_path):
    p = tmp_path / "broken.json"
    p.write_bytes(b'{"events": {"1": ')
    _assert_one_line_error(run_cli("--db", str(p), "search"), 3, str(p), "not valid JSON")
    assert p.read_bytes() == b'{"events": {"1": '


def test_invalid_record_names_file_record_and_field(tmp_path):
    raw = json.loads(MINI.read_text(encoding="utf-8"))
    raw["events"]["2"]["sectors"] = ["spaceflight"]
    p = tmp_path / "invalid.json"
    p.write_text(json.dumps(raw), encoding="utf-8")
    before = p.read_bytes()
    _assert_one_line_error(run_cli("--db", str(p), "search"), 4,
                           str(p), "events/wonsan-talks", "sectors", "spaceflight")
    r = run_cli("--db", str(p), "validate")
    assert r.returncode == 4 and "events/wonsan-talks: sectors" in r.stderr
    assert p.read_bytes() == before


def test_bad_query_exit_2():
    _assert_one_line_error(run_cli("--db", str(MINI), "search", '"open'), 2, "unclosed quote")
    _assert_one_line_error(run_cli("--db", str(MINI), "search", "bogus:x"), 2, "unknown qualifier")


def test_hostile_query_text_is_plain():
    r = run_cli("--db", str(MINI), "search", "[@click=app.quit]", "--json")
    assert r.returncode == 0 and json.loads(r.stdout) == []


def test_no_terminal_points_to_the_cli():
    r = run_cli("--db", str(MINI), input="")
    assert r.returncode == 6
    assert "nkru-tui search" in r.stderr and "\x1b" not in r.stdout + r.stderr


def test_dumb_terminal_points_to_the_cli():
    r = run_cli("--db", str(MINI), env=cli_env(TERM="dumb"))
    assert r.returncode == 6 and "TERM=dumb" in r.stderr


def test_utf8_output_under_lang_c():
    r = run_cli("--db", str(MINI), "show", "kim-jong-un",
                env=cli_env(LANG="C", LC_ALL="C", PYTHONIOENCODING="", PYTHONUTF8="0"))
    assert r.returncode == 0, r.stderr
    assert "김정은" in r.stdout and "Ким Чен Ын" in r.stdout


def test_help_names_the_query_language_and_exit_codes():
    r = run_cli("--help")
    assert r.returncode == 0
    assert "qualifiers" in r.stdout and "Exit codes" in r.stdout
