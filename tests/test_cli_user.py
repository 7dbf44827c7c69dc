"""The user layer through the real CLI: notes, bookmarks, records, and the read-only rule."""

from __future__ import annotations

import json

from clitools import MINI, cli_env, run_cli


def env_for(tmp_path):
    return cli_env(NKRU_USER_DB=str(tmp_path / "mine.json"), NKRU_DB=str(MINI))


def test_note_is_saved_searchable_and_listed(tmp_path):
    env = env_for(tmp_path)
    r = run_cli("note", "wonsan-talks", "Ask about the ferry to 원산", env=env)
    assert r.returncode == 0 and "saved the note on wonsan-talks" in r.stdout
    r = run_cli("search", "ferry", "--json", env=env)
    assert [e["id"] for e in json.loads(r.stdout)] == ["wonsan-talks"]
    r = run_cli("search", "has:note", "--json", env=env)
    assert [e["id"] for e in json.loads(r.stdout)] == ["wonsan-talks"]
    r = run_cli("notes", "--json", env=env)
    (note,) = json.loads(r.stdout)
    assert note["target"] == "wonsan-talks" and note["text"] == "Ask about the ferry to 원산"
    r = run_cli("show", "wonsan-talks", env=env)
    assert "My note:" in r.stdout and "Ask about the ferry" in r.stdout


def test_note_from_stdin_keeps_lines_and_scripts_under_lang_c(tmp_path):
    env = env_for(tmp_path)
    env.update(LANG="C", LC_ALL="C")
    text = "Первая строка\n둘째 줄"
    r = run_cli("note", "kim-jong-un", "-", env=env, input=text)
    assert r.returncode == 0, r.stderr
    r = run_cli("notes", "--json", env=env)
    assert json.loads(r.stdout)[0]["text"] == text
    raw = json.loads((tmp_path / "mine.json").read_text(encoding="utf-8"))
    assert text in [d["text"] for d in raw["notes"].values()]


def test_note_on_unknown_id_is_refused_and_nothing_written(tmp_path):
    env = env_for(tmp_path)
    r = run_cli("note", "no-such-id", "x", env=env)
    assert r.returncode == 1 and "no event, actor" in r.stderr
    assert "Traceback" not in r.stderr


def test_bookmark_toggles(tmp_path):
    env = env_for(tmp_path)
    assert "bookmarked tourists-2024" in run_cli("bookmark", "tourists-2024", env=env).stdout
    r = run_cli("search", "is:bookmarked", "--json", env=env)
    assert [e["id"] for e in json.loads(r.stdout)] == ["tourists-2024"]
    assert "removed" in run_cli("bookmark", "tourists-2024", env=env).stdout
    assert json.loads(run_cli("bookmarks", "--json", env=env).stdout) == []


def test_add_edit_delete_a_user_event(tmp_path):
    env = env_for(tmp_path)
    r = run_cli("add", "event", "--id", "my-find", "--date", "2025-08", "--title", "My finding",
                "--sector", "trade", "--actor", "kim-jong-un:host", "--place", "wonsan", env=env)
    assert r.returncode == 0, r.stderr
    r = run_cli("search", "is:user", "--json", env=env)
    (ev,) = json.loads(r.stdout)
    assert ev["id"] == "my-find" and ev["user"] is True
    assert ev["actors"] == [{"id": "kim-jong-un", "role": "host"}] and ev["places"] == ["wonsan"]
    r = run_cli("search", "김정은", env=env)
    assert "(mine) My finding" in r.stdout
    r = run_cli("edit", "my-find", "--title", "Better title", env=env)
    assert r.returncode == 0, r.stderr
    assert "Better title" in run_cli("show", "my-find", env=env).stdout
    r = run_cli("delete", "my-find", env=env)
    assert r.returncode == 0
    assert json.loads(run_cli("search", "is:user", "--json", env=env).stdout) == []


def test_add_lists_every_problem_and_saves_nothing(tmp_path):
    env = env_for(tmp_path)
    r = run_cli("add", "event", "--id", "bad-one", "--date", "2025-13", "--title", "T",
                "--sector", "spaceflight", "--actor", "ghost", env=env)
    assert r.returncode == 4
    assert "date" in r.stderr and "spaceflight" in r.stderr and "ghost" in r.stderr
    assert "nothing was saved" in r.stderr and "Traceback" not in r.stderr
    assert json.loads(run_cli("search", "is:user", "--json", env=env).stdout) == []


def test_add_actor_from_json_file(tmp_path):
    env = env_for(tmp_path)
    f = tmp_path / "a.json"
    f.write_text(json.dumps({"id": "new-org", "name": "New Org", "kind": "organization",
                             "country": "RU", "aliases": ["Новая"]}), encoding="utf-8")
    r = run_cli("add", "actor", "--json-file", str(f), env=env)
    assert r.returncode == 0, r.stderr
    r = run_cli("actors", "Новая", "--json", env=env)
    assert [a["id"] for a in json.loads(r.stdout)] == ["new-org"]


def test_curated_records_are_read_only(tmp_path):
    env = env_for(tmp_path)
    for args in (["edit", "treaty-signed", "--title", "x"], ["delete", "treaty-signed"]):
        r = run_cli(*args, env=env)
        assert r.returncode == 2 and "curated record and read-only" in r.stderr
    r = run_cli("add", "event", "--id", "treaty-signed", "--date", "2024", "--title", "t",
                "--sector", "trade", env=env)
    assert r.returncode == 4 and "id" in r.stderr


def test_user_store_location_is_in_help():
    r = run_cli("--help", env=cli_env(NKRU_USER_DB="/somewhere/else.json"))
    assert "/somewhere/else.json" in r.stdout


def test_a_user_actor_still_referenced_cannot_be_deleted(tmp_path):
    env = env_for(tmp_path)
    assert run_cli("add", "actor", "--id", "my-org", "--name", "My Org", "--kind",
                   "organization", env=env).returncode == 0
    assert run_cli("add", "event", "--id", "my-ev", "--date", "2025", "--title", "t",
                   "--sector", "trade", "--actor", "my-org", env=env).returncode == 0
    r = run_cli("delete", "my-org", env=env)
    assert r.returncode == 2 and "still referenced by my-ev" in r.stderr
    assert run_cli("delete", "my-ev", env=env).returncode == 0
    assert run_cli("delete", "my-org", env=env).returncode == 0
