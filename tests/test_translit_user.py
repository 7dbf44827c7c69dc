"""Names found across scripts in EVERY text of the user's layer (issue 11): own event titles,
summaries and evidence quotes, notes, own actors (no aliases), and own source texts; driven
through the real CLI in a subprocess over an isolated user store.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clitools import MINI, cli_env, run_cli

RU_SOURCE = (
    "Визит в Пхеньян\n\n"
    "Министр иностранных дел России Сергей Лавров прибыл в КНДР.\n"
    "Переговоры прошли в Вонсане; Лаврова встретила Чвэ Сон Хи.\n"
)


def env_for(tmp_path: Path) -> dict[str, str]:
    return cli_env(NKRU_USER_DB=str(tmp_path / "mine.json"), NKRU_DB=str(MINI))


def ok(*args: str, env: dict[str, str]) -> str:
    r = run_cli(*args, env=env)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    return r.stdout


def ids(out: str) -> list[str]:
    return [r["id"] for r in json.loads(out)]


@pytest.fixture(scope="module")
def layer(tmp_path_factory) -> dict[str, str]:
    """A user layer where each name is written ONLY in Cyrillic or Hangul, each in another
    kind of text, and a control event that mentions none of them."""
    tmp = tmp_path_factory.mktemp("layer")
    env = env_for(tmp)
    src = tmp / "ru.txt"
    src.write_text(RU_SOURCE, encoding="utf-8")
    sid = ok("source", "add", str(src), "--lang", "ru", env=env).strip()

    def event(rid: str, title: str, *more: str) -> None:
        ok("add", "event", "--id", rid, "--date", "2025-07", "--title", title,
           "--sector", "diplomacy", *more, env=env)  # fmt: skip

    event("in-title", "Шойгу в КНДР")
    event("in-summary", "A visit", "--summary", "Встреча прошла в городе Пхеньян.")
    event("in-quote", "A statement", "--evidence", f"{sid}:Сергей Лавров прибыл в КНДР")
    event("in-note", "Talks")
    ok("note", "in-note", "Говорили с Чвэ Сон Хи о туризме", env=env)
    event("control", "Nothing to do with any of the names")
    ok("add", "actor", "--id", "my-lavrov", "--name", "Лавров", "--kind", "person",
       "--country", "RU", env=env)  # fmt: skip
    ok("add", "actor", "--id", "my-choe", "--name", "최선희", "--kind", "person",
       "--country", "KP", "--description", "외무상", env=env)  # fmt: skip
    ok("add", "actor", "--id", "my-port", "--name", "Port", "--kind", "place",
       "--description", "라진항 부두", env=env)  # fmt: skip
    event("with-actor", "Meeting", "--actor", "my-choe")
    return {**env, "SID": sid}


@pytest.mark.parametrize(
    "query,want",
    [
        ("Shoigu", "in-title"),
        ("Pyongyang", "in-summary"),
        ("Lavrov", "in-quote"),
        ("Choe Son Hui", "in-note"),
        ('"Choe Son Hui"', "in-note"),
        ("Choe Son Hui", "with-actor"),  # through the own actor named only 최선희
    ],
)
def test_every_kind_of_own_text_is_found_from_latin(layer, query, want):
    found = ids(ok("search", query, "--json", env=layer))
    assert want in found
    assert "control" not in found


@pytest.mark.parametrize(
    "query,want",
    [
        ("Lavrov", ["my-lavrov"]),
        ("lavrov", ["my-lavrov"]),
        ("Choe Son Hui", ["my-choe"]),
        ("Choe Son-hui", ["my-choe"]),
        ("Rajin", ["my-port"]),  # in the description, as `actors` searches descriptions
        ("Shoigu", []),
    ],
)
def test_own_actors_are_found_by_name_in_another_script(layer, query, want):
    found = [i for i in ids(ok("actors", query, "--json", env=layer)) if i.startswith("my-")]
    assert found == want


def test_curated_alias_matches_are_unchanged(layer):
    # the curated actors are found through their aliases, in every script, as before
    assert ids(ok("actors", "Путин", "--json", env=layer)) == ["vladimir-putin"]
    assert ids(ok("actors", "원산", "--json", env=layer)) == ["wonsan"]
    assert "kim-jong-un" in ids(ok("actors", "Ким Чен Ын", "--json", env=layer))


def test_a_latin_query_does_not_find_an_unrelated_own_actor(layer):
    assert ids(ok("actors", "Kursk", "--json", env=layer)) == []
    assert ids(ok("actors", "--json", "--", "Lavrov -Лавров", env=layer)) == []
