"""One renderer of a record's facts (core/render.py) serves the CLI's ``show`` and the explorer's
detail pane: the status, the inferred marker, an actor's kind/country/count, each relation and
each figure read the same, word for word, in both."""

from __future__ import annotations

import json
from pathlib import Path

from clitools import cli_env, run_cli

from nkru_tui.core.engine import Engine
from nkru_tui.core.render import (
    actor_meta,
    figure_line,
    inferred_line,
    relation_notes,
    relation_text,
    status_text,
)
from nkru_tui.tui.app import make_app

FIXTURES = Path(__file__).resolve().parent / "fixtures"
STORES = [FIXTURES / "mini.json", FIXTURES / "model.json"]


def facts(eng: Engine, rid: str) -> list[str]:
    """What both views must say about ``rid``, as core/render.py words it."""
    rec = eng.get(rid)
    assert rec is not None
    out = [x for x in (status_text(rec), inferred_line(rec)) if x]
    if eng.kind_of(rid) == "actor":
        out.append(actor_meta(rec, eng.event_count(rid)))
        out += [
            relation_text(eng.actor_name, r) + relation_notes(r)
            for r in eng.relations_of_actor(rid)
        ]
    out += [figure_line(f) for f in rec.get("figures", ()) or () if isinstance(f, dict)]
    return out


def test_the_cli_and_the_detail_pane_say_the_same_facts():
    async def detail_text(app, rid: str) -> str:
        assert app.main_screen.navigate(rid)
        return app.main_screen.detail.plain_text

    import asyncio

    async def run(store: Path) -> int:
        eng = Engine.load(store)
        ids = [ev["id"] for ev in eng.events] + list(eng.actors)
        checked = 0
        app = make_app(db_path=store)
        async with app.run_test(size=(160, 50)) as pilot:
            # the loader starts after the first frame: wait for the store, not for a guess
            for _ in range(400):
                await app.workers.wait_for_complete()
                await pilot.pause()
                if app.engine is not None and app.main_screen.timeline.count:
                    break
                await pilot.pause(0.05)
            assert app.engine is not None, "the store did not load"
            for rid in ids:
                want = facts(eng, rid)
                shown = await detail_text(app, rid)
                printed = run_cli("--db", str(store), "show", rid, env=cli_env()).stdout
                for fact in want:
                    assert fact in shown, (rid, fact, shown)
                    assert fact in printed, (rid, fact, printed)
                    checked += 1
        return checked

    checked = sum(asyncio.run(run(store)) for store in STORES)
    assert checked > 20  # the stores have statuses, inferred records, relations and figures


def test_status_wording():
    assert status_text({"status": "planned"}) == "planned (not confirmed as done)"
    assert (
        status_text({"status": "under_construction"})
        == "under construction (not confirmed as done)"
    )
    assert status_text({"status": "ongoing"}) == "ongoing"
    assert status_text({}) == ""


def test_the_stores_carry_what_the_facts_test_needs():
    raw = [json.loads(p.read_text(encoding="utf-8")) for p in STORES]
    events = [e for r in raw for e in r["events"].values()]
    assert any(e.get("status") for e in events)
    assert any(e.get("figures") for e in events)
    assert any(
        e.get("inferred")
        for r in raw
        for t in ("events", "actors", "relations")
        for e in r[t].values()
    )
