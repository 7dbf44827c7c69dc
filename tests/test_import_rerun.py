"""Imports that can be re-run: identical records are "already present" (exit 0), --update
replaces the user's own records that changed, and a clash with a different curated record, or
a different own record without --update, is an error listing every clash with nothing written.
And FollowTheMoney JSON lines written by the real ``followthemoney`` library import as actors
and events."""

from __future__ import annotations

import json
import os

import pytest
from clitools import MINI, cli_env, run_cli

try:  # PyICU, which followthemoney needs, builds only where the ICU headers are installed
    from followthemoney import model
except ImportError:  # pragma: no cover - `make install` says why it is missing
    if os.environ.get("NKRU_REQUIRE_FTM"):  # CI installs the ICU headers: never skip there
        raise
    model = None  # type: ignore[assignment]

needs_ftm = pytest.mark.skipif(
    model is None,
    reason="followthemoney is not installed (PyICU needs libicu-dev, pkg-config and g++; "
    ".ci/run installs them)",
)



@pytest.fixture
def env(tmp_path):
    return cli_env(NKRU_USER_DB=str(tmp_path / "mine.json"), NKRU_DB=str(MINI))


def user_bytes(tmp_path) -> bytes | None:
    p = tmp_path / "mine.json"
    return p.read_bytes() if p.exists() else None


MY_ACTOR = {"record_type": "actor", "id": "my-org", "name": "My Org", "kind": "organization",
            "country": "RU", "aliases": ["Моя организация"]}
MY_EVENT = {"id": "my-ev", "date": "2025-03", "title": "Org meets Kim", "summary": "Logged.",
            "sectors": ["diplomacy"], "actors": [{"id": "my-org", "role": "host"},
                                                 {"id": "kim-jong-un"}],
            "places": ["wonsan"], "figures": []}


def write(tmp_path, name: str, rows) -> str:
    f = tmp_path / name
    f.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return str(f)


def test_a_second_import_of_the_same_file_is_already_present(tmp_path, env):
    f = write(tmp_path, "in.json", [MY_ACTOR, MY_EVENT])
    r = run_cli("import", f, env=env)
    assert r.returncode == 0, r.stderr
    assert "imported 1 actors, 1 events into" in r.stdout
    before = user_bytes(tmp_path)
    r = run_cli("import", f, env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "nothing to import: 2 already present"
    assert user_bytes(tmp_path) == before


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_our_own_export_imports_back_into_the_same_store_as_present(tmp_path, env, fmt):
    run_cli("import", write(tmp_path, "in.json", [MY_ACTOR, MY_EVENT]), env=env)
    before = user_bytes(tmp_path)
    out = tmp_path / f"all.{fmt}"
    r = run_cli("export", "-f", fmt, "-o", str(out), env=env)  # curated and own records
    assert r.returncode == 0, r.stderr
    r = run_cli("import", str(out), env=env)
    assert r.returncode == 0, r.stderr
    assert "nothing to import:" in r.stdout and "already present" in r.stdout
    assert user_bytes(tmp_path) == before


def test_a_changed_own_record_is_a_clash_without_update_and_replaced_with_it(tmp_path, env):
    run_cli("import", write(tmp_path, "in.json", [MY_ACTOR, MY_EVENT]), env=env)
    before = user_bytes(tmp_path)
    changed = dict(MY_EVENT, title="Org meets Kim again", sectors=["trade"])
    new = dict(MY_EVENT, id="my-ev-2", title="A new one")
    f = write(tmp_path, "changed.json", [MY_ACTOR, changed, new])
    r = run_cli("import", f, env=env)
    assert r.returncode == 4 and "Traceback" not in r.stderr
    assert ("record 2: id: id already used by your own event, which differs (sectors, title); "
            "--update replaces it") in r.stderr
    assert user_bytes(tmp_path) == before  # nothing written, not even the new record
    r = run_cli("import", f, "--update", "--dry-run", env=env)
    assert r.returncode == 0, r.stderr
    assert "would replace event my-ev: Org meets Kim again" in r.stdout
    assert "would add event my-ev-2: A new one" in r.stdout
    assert user_bytes(tmp_path) == before
    r = run_cli("import", f, "--update", env=env)
    assert r.returncode == 0, r.stderr
    assert "imported 1 events; 1 events replaced; 1 already present into" in r.stdout
    shown = json.loads(run_cli("show", "my-ev", "--json", env=env).stdout)["record"]
    assert shown["title"] == "Org meets Kim again" and shown["sectors"] == ["trade"]
    # the replacement is whole: a field the file leaves out is gone
    r = run_cli("import", write(tmp_path, "less.json", [dict(changed, summary=None)]),
                "--update", env=env)
    assert r.returncode == 0, r.stderr
    shown = json.loads(run_cli("show", "my-ev", "--json", env=env).stdout)["record"]
    assert "summary" not in shown


def test_a_clash_with_curated_records_lists_every_one_even_with_update(tmp_path, env):
    curated = json.loads(MINI.read_text(encoding="utf-8"))
    treaty = dict(curated["events"]["1"], title="Rewritten")
    putin = dict(curated["actors"]["2"], record_type="actor", country="KP")
    same_kim = dict(curated["actors"]["1"], record_type="actor")
    f = write(tmp_path, "clash.json", [treaty, putin, same_kim, dict(MY_EVENT, id="fresh-one", actors=[])])
    for extra in ([], ["--update"]):
        r = run_cli("import", f, *extra, env=env)
        assert r.returncode == 4 and "Traceback" not in r.stderr
        assert ("record 1: id: id already used by a curated event that differs (title); "
                "curated records are never replaced") in r.stderr
        assert "record 2: id: id already used by a curated actor that differs (country)" in r.stderr
        assert "record 3" not in r.stderr  # identical: already present, no clash
        assert "record 4" not in r.stderr
        assert user_bytes(tmp_path) is None


def test_an_id_of_another_kind_is_a_clash(tmp_path, env):
    f = write(tmp_path, "kind.json", [dict(MY_EVENT, id="kim-jong-un")])
    r = run_cli("import", f, "--update", env=env)
    assert r.returncode == 4
    assert "record 1: id: id already used by a curated actor" in r.stderr


# ------------------------------------------------------------------------------- FtM


def ftm_lines(*entities) -> str:
    return "".join(json.dumps(e.to_dict(), ensure_ascii=False) + "\n" for e in entities)


def real_entities():
    """Entities made and cleaned by the real followthemoney library, as Aleph would give."""
    person = model.make_entity("Person")
    person.id = "Q567-kim-yo-jong"
    person.add("name", "Kim Yo Jong")
    person.add("alias", ["Kim Yo-jong", "김여정"])
    person.add("country", "kp")
    org = model.make_entity("Organization")
    org.id = "rosatom-corp"
    org.add("name", "Rosatom")
    org.add("alias", "Росатом")
    org.add("country", "ru")
    firm = model.make_entity("Company")
    firm.id = "acme-trading"
    firm.add("name", "Acme Trading")
    firm.add("country", "de")
    body = model.make_entity("PublicBody")
    body.id = "kp-mofa"
    body.add("name", "Ministry of Foreign Affairs of the DPRK")
    body.add("country", "kp")
    event = model.make_entity("Event")
    event.id = "ev-visit-1"
    event.add("name", "Delegation visits Rosatom")
    event.add("summary", "A North Korean delegation tours a Rosatom site.")
    event.add("startDate", "2024-03-05")
    event.add("endDate", "2024-03-09")
    event.add("involved", [person.id, org.id])
    event.add("organizer", org.id)
    event.add("keywords", ["energy", "not-a-sector"])
    doc = model.make_entity("Article")
    doc.id = "some-article"
    doc.add("title", "An article")
    return [person, org, firm, body, event, doc]


@needs_ftm
def test_ftm_entities_from_the_real_library_import_as_actors_and_events(tmp_path, env):
    f = tmp_path / "aleph.ftm.json"
    f.write_text(ftm_lines(*real_entities()), encoding="utf-8")
    r = run_cli("import", str(f), env=env)
    assert r.returncode == 0, r.stderr
    assert "imported 4 actors, 1 events into" in r.stdout
    assert "left out 1 Article entity (not imported)" in r.stderr
    show = lambda rid: json.loads(run_cli("show", rid, "--json", env=env).stdout)["record"]
    kim = show("ftm-q567-kim-yo-jong")
    assert kim["name"] == "Kim Yo Jong" and kim["kind"] == "person" and kim["country"] == "KP"
    assert sorted(kim["aliases"]) == sorted(["Kim Yo-jong", "김여정"])
    assert show("ftm-rosatom-corp")["aliases"] == ["Росатом"]
    acme = show("ftm-acme-trading")
    assert acme["kind"] == "company" and "country" not in acme
    assert acme["description"] == "Country: de."
    assert show("ftm-kp-mofa")["kind"] == "organization"
    ev = show("ftm-ev-visit-1")
    assert ev["date"] == "2024-03-05" and ev["end_date"] == "2024-03-09"
    assert ev["sectors"] == ["energy"] and ev["title"] == "Delegation visits Rosatom"
    assert ev["actors"] == [{"id": "ftm-q567-kim-yo-jong"},
                            {"id": "ftm-rosatom-corp", "role": "organizer"}]
    # and again: already present
    before = user_bytes(tmp_path)
    r = run_cli("import", str(f), env=env)
    assert r.returncode == 0 and "nothing to import: 5 already present" in r.stdout
    assert user_bytes(tmp_path) == before


@needs_ftm
def test_ftm_event_without_a_sector_is_one_clear_line_and_sector_supplies_it(tmp_path, env):
    event = model.make_entity("Event")
    event.id = "ev-2"
    event.add("name", "Something happened")
    event.add("date", "2023")
    nameless = model.make_entity("Event")
    nameless.id = "ev-3"
    nameless.add("date", "2023")
    nameless.add("keywords", "trade")
    f = tmp_path / "e.ftm.json"
    f.write_text(ftm_lines(event, nameless), encoding="utf-8")
    r = run_cli("import", str(f), env=env)
    assert r.returncode == 4 and "Traceback" not in r.stderr
    assert (f"{f}: line 1: ev-2 (Event): keywords: no keyword names one of our sectors; "
            "give one with --sector (e.g. --sector diplomacy)") in r.stderr
    assert f"{f}: line 2: ev-3 (Event): name: an event needs a name (its title)" in r.stderr
    assert user_bytes(tmp_path) is None
    f.write_text(ftm_lines(event), encoding="utf-8")
    r = run_cli("import", str(f), "--sector", "diplomacy", env=env)
    assert r.returncode == 0, r.stderr
    ev = json.loads(run_cli("show", "ftm-ev-2", "--json", env=env).stdout)["record"]
    assert ev["sectors"] == ["diplomacy"] and ev["date"] == "2023"


def test_our_ftm_export_imports_into_a_fresh_store_and_again_as_present(tmp_path, env):
    run_cli("import", write(tmp_path, "in.json", [MY_ACTOR, MY_EVENT]), env=env)
    out = tmp_path / "mine.ftm.json"
    r = run_cli("export", "-f", "ftm", "-o", str(out), "is:user", env=env)
    assert r.returncode == 0, r.stderr
    env2 = dict(env, NKRU_USER_DB=str(tmp_path / "fresh.json"))
    r = run_cli("import", str(out), env=env2)
    assert r.returncode == 0, r.stderr
    # curated actors in the file are already present; ours come back under their own ids
    assert "imported 1 actors, 1 events" in r.stdout
    ev = json.loads(run_cli("show", "my-ev", "--json", env=env2).stdout)["record"]
    assert ev["title"] == "Org meets Kim" and ev["places"] == ["wonsan"]
    assert {a["id"] for a in ev["actors"]} == {"my-org", "kim-jong-un"}
    r = run_cli("import", str(out), env=env2)
    assert r.returncode == 0 and "nothing to import" in r.stdout


def test_a_broken_ftm_line_names_the_line(tmp_path, env):
    f = tmp_path / "b.ftm.json"
    good = {"id": "p1", "schema": "Person", "properties": {"name": ["A Person"]}}
    f.write_text(json.dumps(good) + "\n{oops\n" + json.dumps({"schema": "Person"}) + "\n",
                 encoding="utf-8")
    r = run_cli("import", str(f), env=env)
    assert r.returncode == 4 and "Traceback" not in r.stderr
    assert f"{f}: line 2: not a JSON object" in r.stderr
    assert f"{f}: line 3: an entity needs an id" in r.stderr
    assert user_bytes(tmp_path) is None


def test_a_full_ftm_export_imports_back_as_already_present(tmp_path, env):
    out = tmp_path / "all.ftm.json"
    assert run_cli("export", "-f", "ftm", "-o", str(out), env=env).returncode == 0
    r = run_cli("import", str(out), env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("nothing to import: ") and "already present" in r.stdout
    assert user_bytes(tmp_path) is None
