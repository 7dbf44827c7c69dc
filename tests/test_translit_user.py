"""Names found across scripts in EVERY text of the user's layer (issue 11): own event titles,
summaries and evidence quotes, notes, own actors (no aliases), and own source texts; driven
through the real CLI in a subprocess over an isolated user store.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clitools import MINI, cli_env, run_cli

KO_SOURCE = (
    "원산 회담\n\n최선희 외무상과 라브로프 외무장관이 원산에서 만났다.\n평양에서 다시 만났다.\n"
)
# a copy of the curated source s-two (its curated quotes anchor in it), with a Russian line
S_TWO_COPY = "Talks were held in the coastal\ncity of Wonsan in July.\nИх вёл Шойгу.\n"
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
    ko = tmp / "ko.txt"
    ko.write_text(KO_SOURCE, encoding="utf-8")
    ko_id = ok("source", "add", str(ko), "--lang", "ko", env=env).strip()
    copy = tmp / "two.txt"
    copy.write_text(S_TWO_COPY, encoding="utf-8")
    ok("source", "attach", "s-two", str(copy), env=env)

    def event(rid: str, title: str, *more: str) -> None:
        ok("add", "event", "--id", rid, "--date", "2025-07", "--title", title,
           "--sector", "diplomacy", *more, env=env)  # fmt: skip

    event("in-title", "Шойгу в КНДР")
    event("in-summary", "A visit", "--summary", "Встреча прошла в городе Пхеньян.")
    event("in-quote", "A statement", "--evidence", f"{sid}:Сергей Лавров прибыл в КНДР")
    event("in-note", "Talks")
    ok("note", "in-note", "Говорили с Чвэ Сон Хи о туризме", env=env)
    event("control", "Nothing to do with any of the names")
    event("in-latin", "Ferry talks", "--summary", "Officials met in Pyongyang and Rason.")
    ok("note", "vladimir-putin", "Встречался с Лавровым и Нодон Синмун", env=env)
    ok("add", "actor", "--id", "my-lavrov", "--name", "Лавров", "--kind", "person",
       "--country", "RU", env=env)  # fmt: skip
    ok("add", "actor", "--id", "my-choe", "--name", "최선희", "--kind", "person",
       "--country", "KP", "--description", "외무상", env=env)  # fmt: skip
    ok("add", "actor", "--id", "my-port", "--name", "Port", "--kind", "place",
       "--description", "라진항 부두", env=env)  # fmt: skip
    event("with-actor", "Meeting", "--actor", "my-choe")
    return {**env, "SID": sid, "KO": ko_id}


@pytest.mark.parametrize(
    "query,want",
    [
        ("Shoigu", "in-title"),
        ("Pyongyang", "in-summary"),
        ("Lavrov", "in-quote"),
        ("Choe Son Hui", "in-note"),
        ('"Choe Son Hui"', "in-note"),
        ("Choe Son Hui", "with-actor"),  # through the own actor named only 최선희
        ("평양", "in-latin"),  # and the reverse: Hangul and Cyrillic find Latin text
        ("Пхеньян", "in-latin"),
        ("라선", "in-latin"),
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


def test_a_note_on_a_curated_actor_is_searched_in_every_script(layer):
    assert ids(ok("actors", "Lavrov", "--json", env=layer)) == ["vladimir-putin", "my-lavrov"]
    assert "vladimir-putin" in ids(ok("actors", "Rodong", "Sinmun", "--json", env=layer))


def test_curated_alias_matches_are_unchanged(layer):
    # the curated actors are found through their aliases, in every script, as before
    assert ids(ok("actors", "Путин", "--json", env=layer)) == ["vladimir-putin"]
    assert ids(ok("actors", "원산", "--json", env=layer)) == ["wonsan"]
    assert "kim-jong-un" in ids(ok("actors", "Ким Чен Ын", "--json", env=layer))


def test_a_latin_query_does_not_find_an_unrelated_own_actor(layer):
    assert ids(ok("actors", "Kursk", "--json", env=layer)) == []
    assert ids(ok("actors", "--json", "--", "Lavrov -Лавров", env=layer)) == []


# ---------------------------------------------------------------------------- source texts


def passages(layer: dict[str, str], query: str) -> dict[str, list[tuple[int, list[str]]]]:
    """``sources --search QUERY --json``: source id -> (line, matched words) of each passage."""
    out = json.loads(ok("sources", "--json", "--search", query, env=layer))
    for m in out:
        for p in m["passages"]:
            for (a, b), word in zip(p["offsets"], p["matches"], strict=True):
                assert b - a == len(word)
    return {m["id"]: [(p["line"], p["matches"]) for p in m["passages"]] for m in out}


@pytest.mark.parametrize(
    "query,want",
    [
        ("Lavrov", {"RU": [(3, ["Лавров"]), (4, ["Лаврова"])], "KO": [(3, ["라브로프"])]}),
        ("Лавров", {"RU": [(3, ["Лавров"]), (4, ["Лаврова"])], "KO": [(3, ["라브로프"])]}),
        ("라브로프", {"RU": [(3, ["Лавров"]), (4, ["Лаврова"])], "KO": [(3, ["라브로프"])]}),
        ("Choe Son Hui", {"RU": [(4, ["Чвэ Сон Хи"])], "KO": [(3, ["최선희"])]}),
        ("Pyongyang", {"RU": [(1, ["Пхеньян"])], "KO": [(4, ["평양에서"])]}),
        ("Wonsan", {"RU": [(4, ["Вонсане"])], "KO": [(1, ["원산"]), (3, ["원산에서"])],
                    "s-two": [(2, ["Wonsan"])]}),
        ("Shoigu", {"s-two": [(3, ["Шойгу"])]}),
        ("переговоры", {"RU": [(4, ["Переговоры"])]}),  # a plain word, a prefix too
        ("перегов", {"RU": [(4, ["Переговоры"])]}),
        ('"Сергей Лавров"', {"RU": [(3, ["Сергей Лавров"])]}),
        ("Lavrov -Pyongyang", {}),  # both texts name Pyongyang somewhere
        ("Kim Jong Un", {}),
    ],
)  # fmt: skip
def test_sources_search_finds_words_of_the_texts_in_every_script(layer, query, want):
    ids = {"RU": layer["SID"], "KO": layer["KO"], "s-two": "s-two"}
    assert passages(layer, query) == {ids[k]: v for k, v in want.items()}


def test_sources_search_lists_matching_lines_for_people(layer):
    out = ok("sources", "--search", "Lavrov", env=layer)
    assert f"{layer['SID']}  -  Визит в Пхеньян  [2 line(s)]" in out
    assert "  line 3 (Лавров): Министр иностранных дел России Сергей Лавров прибыл в КНДР." in out
    assert "  line 3 (라브로프): " in out


def test_search_adds_the_sources_section_but_keeps_its_json(layer):
    out = ok("search", "Lavrov", env=layer)
    events, _, section = out.partition("in your sources (2;")
    assert "A statement" in events  # the event whose quote names Лавров
    assert f"  {layer['SID']}  Визит в Пхеньян  [2 line(s)]" in section
    assert "    line 4 (Лаврова): " in section
    data = json.loads(ok("search", "Lavrov", "--json", env=layer))
    assert isinstance(data, list) and all("date" in e and "in your" not in e for e in data)
    # a query with qualifiers selects events: no sources section
    assert "in your sources" not in ok("search", "Lavrov", "sector:diplomacy", env=layer)


@pytest.mark.parametrize(
    "query,says",
    [("year:2024", "year: selects events"), ("", "nothing to search for"), ('"Lav', "quote")],
)
def test_sources_search_refuses_what_it_cannot_search_in_one_line(layer, query, says):
    r = run_cli("sources", "--search", query, env=layer)
    assert r.returncode == 2 and r.stdout == ""
    assert "Traceback" not in r.stderr
    (line,) = r.stderr.strip().splitlines()
    assert says in line


def test_sources_search_says_when_a_text_is_gone_or_changed_and_goes_on(tmp_path):
    env = env_for(tmp_path)
    for name, text in (("ru.txt", RU_SOURCE), ("ko.txt", KO_SOURCE)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    ru = ok("source", "add", str(tmp_path / "ru.txt"), env=env).strip()
    ko = ok("source", "add", str(tmp_path / "ko.txt"), env=env).strip()
    assert set(passages(env, "Lavrov")) == {ru, ko}
    kept = {p.read_text(encoding="utf-8"): p for p in (tmp_path / "mine.sources").iterdir()}
    kept[KO_SOURCE].write_text(KO_SOURCE.replace("라브로프", "라브로"), encoding="utf-8")
    kept[RU_SOURCE].unlink()
    r = run_cli("sources", "--search", "Lavrov", env=env)
    assert r.returncode == 0 and "Traceback" not in r.stderr and r.stdout == ""
    assert f"the text of source {ru} is missing; not searched" in r.stderr
    assert f"the text of source {ko} has changed since it was added" in r.stderr
    assert "no source matches" in r.stderr


def test_a_long_line_is_cut_around_its_match(tmp_path):
    env = env_for(tmp_path)
    filler = "Бла-бла о сотрудничестве и туризме. " * 60
    (tmp_path / "long.txt").write_text(
        f"Длинный текст\n\n{filler}Глава МИД Лавров сказал главное. {filler}\n", encoding="utf-8"
    )
    ok("source", "add", str(tmp_path / "long.txt"), env=env)
    out = ok("sources", "--search", "Lavrov", env=env)
    (line,) = [ln for ln in out.splitlines() if ln.startswith("  line 3 (Лавров): ")]
    shown = line.removeprefix("  line 3 (Лавров): ")
    assert shown.startswith("…") and shown.endswith("…") and "Глава МИД Лавров сказал" in shown
    assert len(shown) <= 102
