"""Import: all or nothing, every problem listed, dry run, and the export round trip."""

from __future__ import annotations

import csv
import io
import json

import pytest

from clitools import MINI, cli_env, run_cli


@pytest.fixture
def env(tmp_path):
    return cli_env(NKRU_USER_DB=str(tmp_path / "mine.json"), NKRU_DB=str(MINI))


def user_bytes(tmp_path) -> bytes | None:
    p = tmp_path / "mine.json"
    return p.read_bytes() if p.exists() else None


def add_my_records(env):
    for args in (
        ["add", "actor", "--id", "my-org", "--name", "My Org", "--kind", "organization",
         "--country", "RU", "--alias", "Моя организация"],
        ["add", "event", "--id", "my-ev-1", "--date", "2025-03", "--title", "Org meets Kim",
         "--summary", "A meeting I logged.", "--sector", "diplomacy",
         "--actor", "my-org:host", "--actor", "kim-jong-un", "--place", "wonsan",
         "--figure", "12 delegates:people in the room"],
        ["add", "event", "--id", "my-ev-2", "--date", "2025", "--title", "Second, with \"quotes\"",
         "--sector", "trade", "--date-inferred", "--date-note", "my guess", "--status", "planned"],
    ):
        r = run_cli(*args, env=env)
        assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_imports_back_unchanged(tmp_path, env, fmt):
    add_my_records(env)
    before = json.loads(run_cli("search", "is:user", "--json", env=env).stdout)
    actor_before = json.loads(run_cli("show", "my-org", "--json", env=env).stdout)["record"]
    out = tmp_path / f"mine.{fmt}"
    r = run_cli("export", "-f", fmt, "is:user", "-o", str(out), env=env)
    assert r.returncode == 0, r.stderr
    env2 = dict(env, NKRU_USER_DB=str(tmp_path / "fresh.json"))
    r = run_cli("import", str(out), env=env2)
    assert r.returncode == 0, r.stderr
    assert "imported 1 actors, 2 events" in r.stdout
    after = json.loads(run_cli("search", "is:user", "--json", env=env2).stdout)
    assert after == before
    actor_after = json.loads(run_cli("show", "my-org", "--json", env=env2).stdout)["record"]
    assert actor_after == actor_before


def test_dry_run_writes_nothing(tmp_path, env):
    f = tmp_path / "in.json"
    f.write_text(json.dumps([{"id": "imp-1", "date": "2024-05", "title": "Imported",
                              "sectors": ["trade"], "actors": [], "places": [], "figures": []}]),
                 encoding="utf-8")
    r = run_cli("import", str(f), "--dry-run", env=env)
    assert r.returncode == 0 and "would add event imp-1: Imported" in r.stdout
    assert user_bytes(tmp_path) is None
    assert json.loads(run_cli("search", "is:user", "--json", env=env).stdout) == []


def test_import_with_each_kind_of_error_leaves_the_store_byte_for_byte(tmp_path, env):
    run_cli("note", "treaty-signed", "keep me", env=env)
    before = user_bytes(tmp_path)
    rows = [
        {"id": "ok-one", "date": "2024-05", "title": "Fine", "sectors": ["trade"]},
        {"id": "bad-date", "date": "2024-13", "title": "x", "sectors": ["trade"]},
        {"id": "bad-sector", "date": "2024", "title": "x", "sectors": ["spaceflight"]},
        {"id": "bad-ref", "date": "2024", "title": "x", "sectors": ["trade"],
         "actors": [{"id": "ghost"}]},
        {"id": "treaty-signed", "date": "2024", "title": "x", "sectors": ["trade"]},
        {"id": "ok-one", "date": "2024", "title": "dup", "sectors": ["trade"]},
        {"id": "Bad Id", "date": "2024", "title": "x", "sectors": ["trade"]},
        {"record_type": "planet", "id": "p"},
    ]
    f = tmp_path / "bad.json"
    f.write_text(json.dumps(rows), encoding="utf-8")
    r = run_cli("import", str(f), env=env)
    assert r.returncode == 4 and "nothing was imported" in r.stderr
    for frag in ("record 2: date", "record 3: sectors", "record 4: actors[0].id",
                 "record 5: id: id already used", "record 6: id", "record 7: id",
                 "record 8: record_type"):
        assert frag in r.stderr, frag
    assert "Traceback" not in r.stderr
    assert user_bytes(tmp_path) == before


def test_csv_errors_name_the_line(tmp_path, env):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["id", "date", "title", "sectors", "actors"])
    w.writerow(["c-1", "2024-02", "Fine", "trade", "[]"])
    w.writerow(["c-2", "2024-02-30", "Bad date", "trade", "[]"])
    w.writerow(["c-3", "2024", "Bad json", "trade", "[{oops"])
    f = tmp_path / "in.csv"
    f.write_text(buf.getvalue(), encoding="utf-8")
    r = run_cli("import", str(f), env=env)
    assert r.returncode == 4
    assert "line 4: actors: not valid" in r.stderr
    assert user_bytes(tmp_path) is None


def test_unreadable_import_files(tmp_path, env):
    for name, content in (("e.json", b""), ("t.json", b"[1,"), ("b.json", b"\xff\xfe")):
        f = tmp_path / name
        f.write_bytes(content)
        r = run_cli("import", str(f), env=env)
        assert r.returncode == 4 and "Traceback" not in r.stderr and str(f) in r.stderr
