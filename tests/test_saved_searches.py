"""Saved searches: ``search --save NAME QUERY``, ``search @NAME``, ``searches [--json]``,
``searches --delete NAME`` from the CLI, and ``@name`` in the explorer's search bar. They live
in the user layer (its own table), with its durability."""

from __future__ import annotations

import json

import pytest

from clitools import MINI, cli_env, run_cli
from nkru_tui.core.errors import QueryError
from nkru_tui.core.saved import check_name, expand
from nkru_tui.core.userlayer import UserLayer


@pytest.fixture
def env(tmp_path):
    return cli_env(NKRU_USER_DB=str(tmp_path / "mine.json"), NKRU_DB=str(MINI))


def ids(stdout: str) -> list[str]:
    return [e["id"] for e in json.loads(stdout)]


def test_save_recall_list_and_delete_from_the_cli(tmp_path, env):
    r = run_cli("searches", env=env)
    assert r.returncode == 0 and "no saved searches" in r.stderr
    assert not (tmp_path / "mine.json").exists()  # listing creates nothing
    r = run_cli("search", "--save", "tour", "sector:tourism", "--json", env=env)
    assert r.returncode == 0, r.stderr
    assert "saved @tour: sector:tourism" in r.stderr and ids(r.stdout) == ["tourists-2024"]
    # a saved search inside another query, and saved in turn (stored expanded)
    r = run_cli("search", "--save", "rails", "sector:transport", "year:2008..2013", env=env)
    assert r.returncode == 0, r.stderr
    r = run_cli("search", "--save", "both", "@rails", "railway", "--json", env=env)
    assert r.returncode == 0 and "saved @both: sector:transport year:2008..2013 railway" in r.stderr
    r = run_cli("search", "@rails", "--json", env=env)
    assert ids(r.stdout) == ["railway-rebuilt"]
    r = run_cli("searches", "--json", env=env)
    listed = json.loads(r.stdout)
    assert [d["name"] for d in listed] == ["both", "rails", "tour"]
    assert listed[2] == {"name": "tour", "query": "sector:tourism"}
    r = run_cli("searches", env=env)
    assert "@rails" in r.stdout and "sector:transport year:2008..2013" in r.stdout
    # saving under a name already used replaces it
    run_cli("search", "--save", "tour", "rason", env=env)
    assert ids(run_cli("search", "@tour", "--json", env=env).stdout) == [
        "railway-rebuilt", "tourists-2024"]
    r = run_cli("searches", "--delete", "@tour", env=env)
    assert r.returncode == 0 and "deleted @tour" in r.stderr
    r = run_cli("searches", "--delete", "tour", env=env)
    assert r.returncode == 1 and "no saved search @tour" in r.stderr  # not found


def test_bad_names_queries_and_unknown_names_are_one_line(tmp_path, env):
    for args, frag in (
        (["search", "--save", "Bad Name", "x"], "'Bad Name' is not a search name"),
        (["search", "--save", "ok", "year:abc"], "year: needs a year"),
        (["search", "@nope"], "no saved search @nope"),
    ):
        r = run_cli(*args, env=env)
        assert r.returncode == 2 and "Traceback" not in r.stderr
        assert frag in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "mine.json").exists()  # nothing was saved


def test_expand_and_names():
    saved = {"a": "sector:trade", "b": "rason -tourists"}
    assert expand("@a year:2024", saved.get) == "sector:trade year:2024"
    assert expand("x @b", saved.get) == "x rason -tourists"
    assert expand("mail@a.org", saved.get) == "mail@a.org"  # not a word of its own
    with pytest.raises(QueryError, match="no saved search @c"):
        expand("@c", saved.get)
    assert check_name("@my-search_1") == "my-search_1"
    with pytest.raises(QueryError):
        check_name("-dash")


def test_saved_searches_survive_reopening_and_keep_records(tmp_path):
    path = tmp_path / "s.json"
    layer = UserLayer.open(path)
    layer.set_note("treaty-signed", "keep me")
    layer.save_search("one", "sector:trade   year:2024")
    again = UserLayer.open(path)
    assert again.get_search("one") == "sector:trade year:2024"
    assert again.get_note("treaty-signed") == "keep me"
    assert again.delete_search("one") and again.saved_searches() == []


async def test_at_name_in_the_search_bar(tmp_path):
    from nkru_tui.tui.app import make_app

    from tui.conftest import settle

    user = tmp_path / "mine.json"
    UserLayer.open(user).save_search("tour", "sector:tourism")
    app = make_app(db_path=MINI, user_db_path=user)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        s = app.main_screen
        await pilot.press("slash", *"@tour")
        await settle(pilot)
        assert s.status.text.startswith("1 of 5 events"), s.status.text
        assert s.timeline.count == 1
        s.search_bar.value = "@nope"
        await settle(pilot)
        assert s.status.text.startswith("bad query: no saved search @nope")
        assert s.timeline.count == 1  # the last good results stay
