"""Strict curation rules: what ``nkru-tui validate --strict`` and the build add to ``validate``.

The ordinary validator (core/store.py) accepts any store the explorer can read, including a
user's own records. The curated store is held to more: no unknown fields, every actor field
present, one to three distinct sectors, no duplicate actor refs or aliases, an inferred-date
note only with an inferred date, the reason of an inference in ``inferred_note``, a figure
``qualifier`` rather than the old ``approx``, evidence items that are exactly
``{source, quote}``, and, when the seed texts are at hand, every quote verbatim in its source
and no run of ``COPY_RUN`` or more consecutive source words in a field written in our words.
docs/CURATION.md explains each rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from . import schema

# Field order in data/db.json; the build writes records in this order. A field a record does
# not know is kept (after these) and reported by the strict check.
SOURCE_KEYS = ("id", "title", "file", "origin", "notes")
ACTOR_KEYS = (
    "id",
    "name",
    "kind",
    "country",
    "aliases",
    "description",
    "inferred",
    "inferred_note",
    "evidence",
)
_DATE_KEYS = ("date", "end_date", "latest", "season", "date_inferred", "date_note")
EVENT_KEYS = (
    "id",
    *_DATE_KEYS,
    "inferred",
    "inferred_note",
    "title",
    "summary",
    "type",
    "status",
    "sectors",
    "actors",
    "places",
    "figures",
    "evidence",
)
RELATION_KEYS = (
    "id",
    "type",
    "subject",
    "object",
    *_DATE_KEYS,
    "inferred",
    "inferred_note",
    "note",
    "evidence",
)
FIGURE_KEYS = ("value", "unit", "counts", "qualifier", "approx")
ACTOR_REF_KEYS = ("id", "role")
EVIDENCE_KEYS = ("source", "quote")

KEYS: dict[str, tuple[str, ...]] = {
    "sources": SOURCE_KEYS,
    "actors": ACTOR_KEYS,
    "events": EVENT_KEYS,
    "relations": RELATION_KEYS,
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "sources": ("id", "title", "file", "origin"),
    "actors": ("id", "name", "kind", "aliases", "description", "evidence"),
    "events": ("date", "title", "summary", "sectors", "actors", "evidence"),
    "relations": ("type", "subject", "object", "evidence"),
}

# Fields written in our own words: none may copy COPY_RUN consecutive words of a source.
# (A phrase in single quotes inside a note is a marked quotation and is skipped.)
OWN_WORDS = ("title", "summary", "description", "note", "date_note", "inferred_note")
COPY_RUN = 8

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
    }
)
_WORD = re.compile(r"\w+(?:'\w+)*")
_MARKED_QUOTE = re.compile(r"(?<!\w)'[^']*?'(?!\w)")


class Problems(Protocol):
    def add(self, table: str, record: str | None, field: str | None, message: str) -> None: ...


def fold(text: str) -> str:
    """Fold typography and whitespace exactly as ../shared/tools/check-evidence does."""
    return re.sub(r"\s+", " ", text.translate(_FOLD)).strip()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text).lower())


def _collapse_names(tokens: list[str], names: list[list[str]]) -> list[str]:
    """Replace every occurrence of a known name (longest first) by one token.

    A proper name such as "the first Russia-North Korea University Presidents Forum" is not
    copied wording, so each name counts as a single word in both the source and our text.
    """
    by_first: dict[str, list[list[str]]] = {}
    for n in names:
        if len(n) > 1:
            by_first.setdefault(n[0], []).append(n)
    for lst in by_first.values():
        lst.sort(key=len, reverse=True)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for n in by_first.get(tokens[i], ()):
            if tokens[i : i + len(n)] == n:
                out.append("\x00" + "_".join(n))
                i += len(n)
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


class CopyChecker:
    """Finds runs of ``run`` or more consecutive words shared with the source texts."""

    def __init__(self, texts: Iterable[str], names: Iterable[str], run: int = COPY_RUN) -> None:
        self.run = run
        self.names = [w for w in (words(n) for n in names) if w]
        self.grams: set[tuple[str, ...]] = set()
        for text in texts:
            toks = _collapse_names(words(text), self.names)
            self.grams.update(tuple(toks[i : i + run]) for i in range(len(toks) - run + 1))

    def copied(self, text: str) -> str | None:
        """The first copied run in ``text`` (as words), or None."""
        toks = _collapse_names(words(_MARKED_QUOTE.sub(" ", fold(text))), self.names)
        hits = [
            i
            for i in range(len(toks) - self.run + 1)
            if tuple(toks[i : i + self.run]) in self.grams
        ]
        if not hits:
            return None
        start = hits[0]
        end = start
        while end + 1 in hits:
            end += 1
        run = toks[start : end + self.run]
        return " ".join(t[1:].replace("_", " ") if t.startswith("\x00") else t for t in run)


def seed_texts(raw: dict, seeds: Path, pr: Problems) -> dict[str, str]:
    """Folded seed text per source id, from ``seeds / source.file``."""
    texts: dict[str, str] = {}
    rows = raw.get("sources")
    for rec in rows.values() if isinstance(rows, dict) else ():
        if not isinstance(rec, dict) or not isinstance(rec.get("file"), str):
            continue
        path = seeds / rec["file"]
        try:
            texts[rec["id"]] = fold(path.read_text(encoding="utf-8"))
        except OSError:
            pr.add("sources", rec.get("id"), "file", f"seed text not found: {path}")
    return texts


def _is_str(v: Any) -> bool:
    return isinstance(v, str) and v.strip() != ""


def _check_fields(pr: Problems, table: str, rid: str, rec: dict) -> None:
    for key in rec:
        if key not in KEYS[table]:
            pr.add(table, rid, key, "unknown field (strict)")
    for key in REQUIRED[table]:
        if key not in rec or rec[key] in (None, "", []):
            pr.add(table, rid, key, "missing or empty (strict)")


def _check_evidence(pr: Problems, table: str, rid: str, rec: dict, texts: dict[str, str]) -> None:
    for i, item in enumerate(rec.get("evidence") or []):
        f = f"evidence[{i}]"
        if not isinstance(item, dict) or set(item) != set(EVIDENCE_KEYS):
            pr.add(table, rid, f, "must be exactly {source, quote} (strict)")
            continue
        quote = fold(str(item["quote"]))
        if not schema.QUOTE_MIN <= len(quote) <= schema.QUOTE_MAX:
            pr.add(table, rid, f + ".quote", f"folded quote length {len(quote)} (strict)")
        text = texts.get(item["source"])
        if text is not None and quote not in text:
            pr.add(
                table,
                rid,
                f + ".quote",
                f"not verbatim in {item['source']}: {quote[:70]!r} (strict)",
            )


def _check_dates(pr: Problems, table: str, rid: str, rec: dict) -> None:
    if rec.get("date_note") and not rec.get("date_inferred"):
        pr.add(table, rid, "date_note", "a date note without date_inferred (strict)")
    if rec.get("inferred") is True and not _is_str(rec.get("inferred_note")):
        pr.add(
            table,
            rid,
            "inferred_note",
            "an inferred record says why in inferred_note, not only in note (strict)",
        )


def check_strict(
    pr: Problems, raw: dict, good: dict[str, list[tuple[str, dict]]], seeds: Path | None
) -> None:
    """Add the strict curation problems of the records in ``good`` (table -> (id, record))."""
    texts = seed_texts(raw, seeds, pr) if seeds is not None else {}
    names = [a.get("name", "") for _, a in good.get("actors", [])]
    names += [
        x for _, a in good.get("actors", []) for x in a.get("aliases") or [] if isinstance(x, str)
    ]
    copies = CopyChecker(texts.values(), [n for n in names if isinstance(n, str)])
    for table in ("sources", "actors", "events", "relations"):
        for rid, rec in good.get(table, []):
            _check_fields(pr, table, rid, rec)
            if table == "sources":
                continue
            _check_evidence(pr, table, rid, rec, texts)
            _check_dates(pr, table, rid, rec)
            for key in OWN_WORDS:
                value = rec.get(key)
                run = copies.copied(value) if isinstance(value, str) and texts else None
                if run:
                    pr.add(
                        table,
                        rid,
                        key,
                        f"copies {len(run.split())} source words: {run!r} (strict: "
                        f"our words, or mark the quotation with '...')",
                    )
            if table == "actors":
                aliases = rec.get("aliases")
                if isinstance(aliases, list):
                    if any(not _is_str(x) for x in aliases):
                        pr.add(table, rid, "aliases", "an empty alias (strict)")
                    elif len(set(aliases)) != len(aliases):
                        pr.add(table, rid, "aliases", "duplicate aliases (strict)")
            elif table == "events":
                _check_event(pr, rid, rec)
            elif table == "relations":
                if rec.get("subject") == rec.get("object"):
                    pr.add(table, rid, "object", "subject and object are the same (strict)")
                if "inferred" in rec and not isinstance(rec["inferred"], bool):
                    pr.add(table, rid, "inferred", "must be true or false (strict)")


def _check_event(pr: Problems, rid: str, rec: dict) -> None:
    sectors = rec.get("sectors") or []
    if isinstance(sectors, list) and (
        not 1 <= len(sectors) <= 3 or len(set(map(str, sectors))) != len(sectors)
    ):
        pr.add("events", rid, "sectors", "need 1-3 distinct sectors (strict)")
    seen: set[str] = set()
    for i, ref in enumerate(rec.get("actors") or []):
        if not isinstance(ref, dict):
            continue
        if set(ref) - set(ACTOR_REF_KEYS):
            pr.add("events", rid, f"actors[{i}]", "an actor ref is {id, role?} (strict)")
        if "role" in ref and not _is_str(ref["role"]):
            pr.add("events", rid, f"actors[{i}].role", "empty role (strict)")
        aid = ref.get("id")
        if isinstance(aid, str):
            if aid in seen:
                pr.add("events", rid, f"actors[{i}]", f"duplicate actor ref {aid!r} (strict)")
            seen.add(aid)
    for i, fig in enumerate(rec.get("figures") or []):
        if isinstance(fig, dict) and set(fig) - set(FIGURE_KEYS):
            pr.add(
                "events",
                rid,
                f"figures[{i}]",
                f"unknown figure fields {sorted(set(fig) - set(FIGURE_KEYS))} (strict)",
            )
        if isinstance(fig, dict) and "approx" in fig:
            pr.add(
                "events",
                rid,
                f"figures[{i}].approx",
                "curated figures say qualifier (about, more_than, order, ...), not approx (strict)",
            )
