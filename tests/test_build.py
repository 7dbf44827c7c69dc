"""The curated records in data/curated/*.toml build data/db.json byte for byte, strictly."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest
from clitools import run_cli

from nkru_tui.core import build as b
from nkru_tui.core.curation import CopyChecker
from nkru_tui.core.store import validate

SEEDS = b.default_seeds()
NEEDS_SEEDS = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed texts absent")


def _seeds() -> Path | None:
    return SEEDS if SEEDS.is_dir() else None


def test_build_reproduces_db_json_byte_for_byte():
    data, problems = b.build(b.CURATED, _seeds())
    assert not problems, "\n".join(map(str, problems))
    assert data == b.OUT.read_bytes(), (
        "data/db.json is not what data/curated builds: run python -m nkru_tui.core.build"
    )


def test_check_mode_reports_up_to_date(capsys):
    assert b.main(["--check"]) == 0
    assert "is up to date" in capsys.readouterr().out


def test_every_record_has_a_stable_doc_id_matching_the_store():
    db = json.loads(b.OUT.read_text(encoding="utf-8"))
    for table in b.TABLES:
        with (b.CURATED / f"{table}.toml").open("rb") as fh:
            rows = tomllib.load(fh)[table]
        assert {str(r["doc_id"]): r["id"] for r in rows} == {
            k: v["id"] for k, v in db[table].items()
        }, table


@pytest.fixture
def curated(tmp_path) -> Path:
    folder = tmp_path / "curated"
    shutil.copytree(b.CURATED, folder)
    return folder


def _append(folder: Path, table: str, text: str) -> None:
    path = folder / f"{table}.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")


NEW_EVENT = """
[[events]]
doc_id = {doc_id}
id = "2099-test-event"
date = "2024"
title = "A test event"
summary = "Written for the test."
sectors = ["diplomacy"]
actors = [{{ id = "russia" }}]
{extra}
[[events.evidence]]
source = "s-wonsan-talks"
quote = "North Korean leader Kim Jong-un"
"""


def test_a_new_record_takes_max_plus_one_and_renumbers_nothing(curated):
    before = json.loads(b.OUT.read_text(encoding="utf-8"))
    n = max(int(k) for k in before["events"]) + 1
    _append(curated, "events", NEW_EVENT.format(doc_id=n, extra=""))
    data, problems = b.build(curated, _seeds())
    assert not problems, problems
    after = json.loads(data)
    assert after["events"][str(n)]["id"] == "2099-test-event"
    assert after["events"][str(n)]["type"] == "occurrence"  # defaults are filled
    del after["events"][str(n)]
    assert after["events"] == before["events"]


def test_a_record_inserted_mid_file_keeps_its_place_by_doc_id(curated):
    path = curated / "events.toml"
    text = path.read_text(encoding="utf-8")
    n = max(r["doc_id"] for r in tomllib.loads(text)["events"]) + 1
    head, sep, tail = text.partition("[[events]]")
    path.write_text(head + NEW_EVENT.format(doc_id=n, extra="") + "\n" + sep + tail,
                    encoding="utf-8")
    data, problems = b.build(curated, _seeds())
    assert not problems, problems
    assert list(json.loads(data)["events"])[-1] == str(n)


@pytest.mark.parametrize(
    "doc_id, message", [("1", "is also"), ("0", "doc_id >= 1"), ('"x"', "doc_id >= 1")]
)
def test_bad_doc_ids_are_refused(curated, doc_id, message):
    _append(curated, "events", NEW_EVENT.format(doc_id=doc_id, extra=""))
    data, problems = b.build(curated, _seeds())
    assert data is None
    assert any(message in str(p) for p in problems), problems


def test_strict_refuses_an_unknown_field(curated):
    n = 10_000
    _append(curated, "events", NEW_EVENT.format(doc_id=n, extra='colour = "red"'))
    data, problems = b.build(curated, _seeds())
    assert data is None
    assert any("colour" in str(p) and "unknown field" in str(p) for p in problems)


@NEEDS_SEEDS
def test_strict_refuses_copied_wording_and_a_quote_not_in_the_source(curated):
    copied = ("The Wonsan meeting between Choe Son-hui and Sergei Lavrov not only reaffirmed "
              "support")
    text = NEW_EVENT.format(doc_id=10_000, extra="").replace("Written for the test.", copied)
    text = text.replace("North Korean leader Kim Jong-un", "North Korean leader Kim Jong-il")
    _append(curated, "events", text)
    data, problems = b.build(curated, SEEDS)
    messages = [str(p) for p in problems]
    assert data is None
    assert any("summary" in m and "copies" in m for m in messages), messages
    assert any("not verbatim" in m for m in messages), messages


def test_validate_strict_in_the_cli(tmp_path):
    db = json.loads(b.OUT.read_text(encoding="utf-8"))
    db["events"]["1"]["colour"] = "red"
    path = tmp_path / "db.json"
    path.write_text(json.dumps(db), encoding="utf-8")
    assert run_cli("--db", str(path), "validate").returncode == 0
    r = run_cli("--db", str(path), "validate", "--strict")
    assert r.returncode == 4
    assert "colour" in r.stderr and "unknown field" in r.stderr


def test_the_shipped_store_passes_strict_validation():
    raw = json.loads(b.OUT.read_text(encoding="utf-8"))
    assert validate(raw, b.OUT, strict=True, seeds=_seeds()) == []


def test_copy_checker_counts_a_name_as_one_word():
    text = ("Officials met at the first Russia-North Korea University Presidents Forum in "
            "Vladivostok on a cold day in May 2025 and talked.")
    source = [text]
    names = ["first Russia-North Korea University Presidents Forum"]
    checker = CopyChecker(source, names, run=8)
    assert checker.copied("They met at the first Russia-North Korea University Presidents "
                          "Forum in Vladivostok.") is None
    run = checker.copied("So: in Vladivostok on a cold day in May 2025 and talked.")
    assert run == "in vladivostok on a cold day in may 2025 and talked"
    assert checker.copied("The article calls it 'on a cold day in May 2025 and talked'.") is None


def test_toml_keeps_text_readable():
    text = (b.CURATED / "actors.toml").read_text(encoding="utf-8")
    assert "\\u" not in text  # Hangul and Cyrillic are written as themselves
    assert "김정은" in text and "Лавров" in text
