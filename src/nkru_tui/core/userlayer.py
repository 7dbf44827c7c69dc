"""The analyst's own layer: notes, bookmarks and records they added, over a ``UserStore``.

Notes and bookmarks may target any id (curated or user) and are kept one per target id.
Records the user adds live in the ``events``/``actors``/``relations``/``sources`` tables with
``"user": true``; only those can be edited or deleted, curated ids are read-only.

Every method that changes something returns only once the change is on disk (see
``userstore``). ``undo()`` takes back the last note or bookmark change made through this
``UserLayer``, itself as one atomic save.

Nothing here imports Textual.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn

from .. import paths
from .errors import (
    EXIT_STORE_INVALID,
    EXIT_USAGE,
    NkruError,
    NotFound,
    StoreError,
    StoreInvalid,
    UserStoreError,
)
from .userdata import UserSnapshot
from .userstore import LOCK_TIMEOUT, RECORD_TABLES, Signature, Tx, UserStore

NOTES = "notes"
BOOKMARKS = "bookmarks"
SEARCHES = "searches"

Validator = Callable[..., list[StoreError]]


class ReadOnlyRecord(NkruError):
    """An edit or delete aimed at a curated record: those are read-only."""

    exit_code = EXIT_USAGE

    def __init__(self, record_id: str) -> None:
        super().__init__(record_id)
        self.record_id = record_id

    def __str__(self) -> str:
        return (
            f"{self.record_id} is a curated record and read-only: only records you added "
            "can be edited or deleted (add a note to it instead)"
        )


class UserInputError(NkruError):
    """A bad argument to the user layer (empty id, unknown table, id already used...)."""

    exit_code = EXIT_USAGE

    def __str__(self) -> str:
        return str(self.args[0]).replace("\n", " ")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _check_target(target_id: Any) -> str:
    if not isinstance(target_id, str) or not target_id.strip():
        raise UserInputError("a note or bookmark needs the id of a record")
    if target_id != target_id.strip() or any(c in target_id for c in "\n\r\t\0"):
        raise UserInputError(f"{target_id!r} is not a record id")
    return target_id


def _find(rows: Mapping[str, dict[str, Any]], field: str, value: str) -> str | None:
    for doc_id, doc in rows.items():
        if doc.get(field) == value:
            return doc_id
    return None


@dataclass(frozen=True)
class _Undo:
    kind: str  # "note" | "bookmark"
    target: str
    before: Any  # a note record (dict) or None; a bool for a bookmark
    description: str  # what undoing it does


class UserLayer:
    """Notes, bookmarks and user records in one user store file."""

    def __init__(
        self,
        store: UserStore,
        *,
        curated_ids: set[str] | None = None,
        curated_known_ids: Mapping[str, set[str]] | None = None,
        curated_actor_kinds: Mapping[str, str] | None = None,
    ) -> None:
        self.store = store
        self.curated_known_ids = {t: set(ids) for t, ids in (curated_known_ids or {}).items()}
        ids = set(curated_ids or ())
        for known in self.curated_known_ids.values():
            ids |= known
        self.curated_ids = ids
        self.curated_actor_kinds = dict(curated_actor_kinds or {})
        self._undo: list[_Undo] = []

    @classmethod
    def open(
        cls,
        path: str | Path | None = None,
        *,
        curated_ids: set[str] | None = None,
        curated_known_ids: Mapping[str, set[str]] | None = None,
        curated_actor_kinds: Mapping[str, str] | None = None,
        lock_timeout: float = LOCK_TIMEOUT,
    ) -> UserLayer:
        """Open (and if needed start) the user store at ``path``; None = the default place
        (``NKRU_USER_DB`` or the user data folder). Reads it once, so an unreadable store is
        moved aside now (see ``notices``) and a newer-version store raises UserStoreError."""
        p = Path(path) if path is not None else paths.default_user_db_path()
        store = UserStore(p, lock_timeout=lock_timeout)
        layer = cls(
            store,
            curated_ids=curated_ids,
            curated_known_ids=curated_known_ids,
            curated_actor_kinds=curated_actor_kinds,
        )
        store.read()
        return layer

    # -- plumbing

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def notices(self) -> list[str]:
        """Messages for the user, e.g. where an unreadable store was moved aside."""
        return self.store.notices

    def changed_on_disk(self) -> bool:
        return self.store.changed_on_disk()

    def signature(self) -> Signature | None:
        return self.store.signature()

    def snapshot(self) -> UserSnapshot:
        """The whole layer as plain data for the engine; ``version`` is the file signature."""
        data = self.store.read()
        notes: dict[str, str] = {}
        for doc in data[NOTES].values():
            t, text = doc.get("target"), doc.get("text")
            if isinstance(t, str) and isinstance(text, str):
                notes[t] = text
        marks = frozenset(
            d["target"] for d in data[BOOKMARKS].values() if isinstance(d.get("target"), str)
        )
        recs = {t: tuple(copy.deepcopy(list(data[t].values()))) for t in RECORD_TABLES}
        return UserSnapshot(
            notes=notes,
            bookmarks=marks,
            events=recs["events"],
            actors=recs["actors"],
            relations=recs["relations"],
            sources=recs["sources"],
            version=self.store.seen_signature,
        )

    # -- notes

    def get_note(self, target_id: str) -> str | None:
        doc = self.get_note_record(target_id)
        return None if doc is None else doc.get("text")

    def get_note_record(self, target_id: str) -> dict[str, Any] | None:
        doc = self.store.find(NOTES, "target", target_id)
        return None if doc is None else dict(doc)

    def notes(self) -> list[dict[str, Any]]:
        """Every note as ``{"target", "text", "created", "updated"}``, oldest first."""
        return [
            {
                "target": d["target"],
                "text": d.get("text", ""),
                "created": d.get("created"),
                "updated": d.get("updated"),
            }
            for d in self.store.read()[NOTES].values()
            if isinstance(d.get("target"), str)
        ]

    def set_note(self, target_id: str, text: str) -> dict[str, Any] | None:
        """Save ``text`` as the note on ``target_id`` (kept exactly as given). Empty or blank
        text deletes the note. Returns the saved note record (None if deleted)."""
        target = _check_target(target_id)
        if not isinstance(text, str):
            raise UserInputError("a note must be text")
        if not text.strip():
            self.delete_note(target)
            return None

        def fn(tx: Tx) -> tuple[dict[str, Any] | None, dict[str, Any]]:
            doc_id = tx.find(NOTES, "target", target)
            before = None if doc_id is None else dict(tx.table(NOTES)[doc_id])
            if before is not None and before.get("text") == text:
                return before, before
            now = _now()
            doc = {
                "target": target,
                "text": text,
                "created": (before or {}).get("created") or now,
                "updated": now,
            }
            if doc_id is None:
                tx.insert(NOTES, doc)
            else:
                tx.put(NOTES, doc_id, doc)
            return before, doc

        before, doc = self.store.update(fn)
        if before is not doc:
            what = "removed note on" if before is None else "restored previous note on"
            self._undo.append(_Undo("note", target, before, f"{what} {target}"))
        return dict(doc)

    def delete_note(self, target_id: str) -> bool:
        """Delete the note on ``target_id``; False if there was none."""
        target = _check_target(target_id)
        before = self.store.update(lambda tx: self._remove_note(tx, target))
        if before is None:
            return False
        self._undo.append(_Undo("note", target, before, f"restored deleted note on {target}"))
        return True

    @staticmethod
    def _remove_note(tx: Tx, target: str) -> dict[str, Any] | None:
        before = None
        for doc_id in tx.find_all(NOTES, "target", target):
            before = tx.remove(NOTES, doc_id)
        return before

    # -- bookmarks

    def bookmarks(self) -> set[str]:
        return {
            d["target"]
            for d in self.store.read()[BOOKMARKS].values()
            if isinstance(d.get("target"), str)
        }

    def is_bookmarked(self, target_id: str) -> bool:
        return self.store.find(BOOKMARKS, "target", target_id) is not None

    def toggle_bookmark(self, target_id: str) -> bool:
        """Bookmark ``target_id``, or remove its bookmark; True if it is now bookmarked."""
        target = _check_target(target_id)
        now_marked = self.store.update(lambda tx: self._set_bookmark(tx, target, None))
        what = "removed bookmark on" if now_marked else "restored bookmark on"
        self._undo.append(_Undo("bookmark", target, not now_marked, f"{what} {target}"))
        return now_marked

    @staticmethod
    def _set_bookmark(tx: Tx, target: str, want: bool | None) -> bool:
        ids = tx.find_all(BOOKMARKS, "target", target)
        if want is None:
            want = not ids
        if want and not ids:
            tx.insert(BOOKMARKS, {"target": target, "created": _now()})
        elif not want:
            for doc_id in ids:
                tx.remove(BOOKMARKS, doc_id)
        return want

    # -- saved searches (a table of their own; a store without one simply has none)

    def saved_searches(self) -> list[dict[str, Any]]:
        """Every saved search, ``{"name", "query", "created"}``, by name."""
        rows = self.store.read().get(SEARCHES) or {}
        found = [dict(d) for d in rows.values() if isinstance(d.get("name"), str)]
        return sorted(found, key=lambda d: d["name"])

    def get_search(self, name: str) -> str | None:
        """The query saved as ``name``, or None."""
        for d in self.saved_searches():
            if d["name"] == name and isinstance(d.get("query"), str):
                return str(d["query"])
        return None

    def save_search(
        self, name: str, query: str, parts: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """Save ``query`` as ``name`` (a name already used is replaced). ``name`` must pass
        ``core.saved.check_name``; the caller checks the query parses. ``parts``: what the
        explorer shows it as (``{"query": typed, "filters": {...}, "actor": id}``), kept so
        that recalling it puts the filter chips and the actor back, not only the query."""
        from .saved import check_name

        name = check_name(name)
        if not isinstance(query, str):
            raise UserInputError("a saved search's query must be text")
        doc: dict[str, Any] = {"name": name, "query": " ".join(query.split()), "created": _now()}
        if parts:
            doc["parts"] = copy.deepcopy(dict(parts))

        def fn(tx: Tx) -> dict[str, Any]:
            for doc_id in tx.find_all(SEARCHES, "name", name):
                tx.remove(SEARCHES, doc_id)
            tx.insert(SEARCHES, doc)
            return doc

        return dict(self.store.update(fn))

    def delete_search(self, name: str) -> bool:
        """Delete the search saved as ``name``; False if there was none."""
        name = name.removeprefix("@")

        def fn(tx: Tx) -> bool:
            ids = tx.find_all(SEARCHES, "name", name)
            for doc_id in ids:
                tx.remove(SEARCHES, doc_id)
            return bool(ids)

        return self.store.update(fn)

    # -- undo

    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> str | None:
        """Undo the last note or bookmark change made through this layer (one atomic save).
        Returns what was done, e.g. ``"removed bookmark on ev-1"``; None if nothing to undo."""
        if not self._undo:
            return None
        u = self._undo[-1]

        def fn(tx: Tx) -> None:
            if u.kind == "bookmark":
                self._set_bookmark(tx, u.target, bool(u.before))
                return
            doc_id = tx.find(NOTES, "target", u.target)
            if u.before is None:
                self._remove_note(tx, u.target)
            elif doc_id is None:
                tx.insert(NOTES, dict(u.before))
            else:
                tx.put(NOTES, doc_id, dict(u.before))

        self.store.update(fn)  # on failure the entry stays, to be tried again
        self._undo.pop()
        return u.description

    # -- user records

    def records(self, table: str) -> list[dict[str, Any]]:
        self._check_table(table)
        return [dict(d) for d in self.store.read()[table].values()]

    def get_record(self, record_id: str) -> dict[str, Any] | None:
        data = self.store.read()
        for t in RECORD_TABLES:
            doc_id = _find(data[t], "id", record_id)
            if doc_id is not None:
                return copy.deepcopy(data[t][doc_id])
        return None

    def is_user_record(self, record_id: str) -> bool:
        return self.get_record(record_id) is not None

    def add_record(
        self, table: str, record: Mapping[str, Any], validator: Validator | None = None
    ) -> dict[str, Any]:
        """Add a record of the user's own to ``table`` (events, actors, relations, sources),
        stored with ``"user": true``. ``validator`` (e.g. ``store.validate_record``) is called
        as ``validator(table, record, known_ids=..., actor_kinds=..., path=...)`` with curated
        and user ids; any problem raises ``StoreInvalid`` and nothing is saved. Without a
        validator only the id is checked: one already used (curated or user) is a
        ``StoreInvalid`` naming field ``id``."""
        self._check_table(table)
        if not isinstance(record, Mapping):
            raise UserInputError("a record must be an object")
        rec = copy.deepcopy(dict(record))
        rec["user"] = True
        rid = rec.get("id")
        if not isinstance(rid, str) or not rid.strip():
            raise UserInputError(f"a new {table[:-1]} needs an id")

        def fn(tx: Tx) -> dict[str, Any]:
            problems = self._problems(tx, table, rec, validator, exclude=None)
            if not any(p.field == "id" for p in problems):  # a validator may not check ids
                where = "a curated record" if rid in self.curated_ids else None
                found = self._locate(tx, rid)
                if found is not None:
                    where = f"a record you added ({found[0]})"
                if where is not None:
                    problems.insert(
                        0,
                        StoreError(
                            self.path,
                            f"id already used by {where}",
                            table=table,
                            record=rid,
                            field="id",
                            exit_code=EXIT_STORE_INVALID,
                        ),
                    )
            if problems:
                raise StoreInvalid(self.path, problems)
            tx.insert(table, rec)
            return rec

        return copy.deepcopy(self.store.update(fn))

    def add_records(self, records: list[tuple[str, Mapping[str, Any]]]) -> int:
        """Add many records (already validated together, e.g. an import) in ONE atomic save:
        all of them or, if any id is already used, none. Returns how many were added."""
        staged: list[tuple[str, dict[str, Any]]] = []
        for table, record in records:
            self._check_table(table)
            rec = copy.deepcopy(dict(record))
            rec["user"] = True
            if not isinstance(rec.get("id"), str) or not rec["id"].strip():
                raise UserInputError(f"a new {table[:-1]} needs an id")
            staged.append((table, rec))

        def fn(tx: Tx) -> int:
            problems = []
            for table, rec in staged:
                rid = rec["id"]
                found = self._locate(tx, rid)
                if rid in self.curated_ids or found is not None:
                    where = (
                        "a curated record" if found is None else f"a record you added ({found[0]})"
                    )
                    problems.append(
                        StoreError(
                            self.path,
                            f"id already used by {where}",
                            table=table,
                            record=rid,
                            field="id",
                            exit_code=EXIT_STORE_INVALID,
                        )
                    )
            if problems:
                raise StoreInvalid(self.path, problems)
            for table, rec in staged:
                tx.insert(table, rec)
            return len(staged)

        return self.store.update(fn)

    def import_records(
        self,
        add: list[tuple[str, Mapping[str, Any]]],
        replace: list[tuple[str, Mapping[str, Any]]],
    ) -> tuple[int, int]:
        """An import in ONE atomic save: ``add`` new records (as ``add_records``) and put each
        of ``replace`` in place of the user's own record of its id, whole. All or nothing: an
        added id already used, or a replaced id that is not a record of the user's own (in
        that table), raises ``StoreInvalid`` listing each. Returns (added, replaced)."""
        staged: list[tuple[str, dict[str, Any], bool]] = []
        for records, is_replace in ((add, False), (replace, True)):
            for table, record in records:
                self._check_table(table)
                rec = copy.deepcopy(dict(record))
                rec["user"] = True
                if not isinstance(rec.get("id"), str) or not rec["id"].strip():
                    raise UserInputError(f"a {table[:-1]} needs an id")
                staged.append((table, rec, is_replace))

        def fn(tx: Tx) -> tuple[int, int]:
            problems = []
            places: list[tuple[str, str] | None] = []
            for table, rec, is_replace in staged:
                rid = rec["id"]
                found = self._locate(tx, rid)
                places.append(found)
                if is_replace and (found is None or found[0] != table):
                    message = f"not a {table[:-1]} of your own, so it cannot be replaced"
                elif not is_replace and (rid in self.curated_ids or found is not None):
                    whose = (
                        "a curated record" if found is None else f"a record you added ({found[0]})"
                    )
                    message = f"id already used by {whose}"
                else:
                    continue
                problems.append(
                    StoreError(
                        self.path,
                        message,
                        table=table,
                        record=rid,
                        field="id",
                        exit_code=EXIT_STORE_INVALID,
                    )
                )
            if problems:
                raise StoreInvalid(self.path, problems)
            added = replaced = 0
            for (table, rec, is_replace), found in zip(staged, places):
                if is_replace and found is not None:
                    tx.put(table, found[1], rec)
                    replaced += 1
                else:
                    tx.insert(table, rec)
                    added += 1
            return added, replaced

        return self.store.update(fn)

    def update_record(
        self, record_id: str, changes: Mapping[str, Any], validator: Validator | None = None
    ) -> dict[str, Any]:
        """Merge ``changes`` into a record the user added (a key set to None is removed);
        curated records raise ReadOnlyRecord, unknown ids NotFound. Returns the new record."""
        if not isinstance(changes, Mapping):
            raise UserInputError("changes must be an object")
        if "id" in changes and changes["id"] != record_id:
            raise UserInputError("the id of a record cannot be changed")

        def fn(tx: Tx) -> dict[str, Any]:
            where = self._locate(tx, record_id)
            if where is None:
                self._missing(record_id)
            table, doc_id = where
            rec = copy.deepcopy(dict(tx.table(table)[doc_id]))
            for k, v in copy.deepcopy(dict(changes)).items():
                if v is None:
                    rec.pop(k, None)
                else:
                    rec[k] = v
            rec["id"] = record_id
            rec["user"] = True
            problems = self._problems(tx, table, rec, validator, exclude=record_id)
            if problems:
                raise StoreInvalid(self.path, problems)
            tx.put(table, doc_id, rec)
            return rec

        return copy.deepcopy(self.store.update(fn))

    def delete_record(self, record_id: str) -> dict[str, Any]:
        """Delete a record the user added; curated ids raise ReadOnlyRecord, unknown NotFound.
        Returns the deleted record."""

        def fn(tx: Tx) -> dict[str, Any]:
            where = self._locate(tx, record_id)
            if where is None:
                self._missing(record_id)
            table, doc_id = where
            users = self._referrers(tx, record_id)
            if users:
                more = f" and {len(users) - 3} more" if len(users) > 3 else ""
                raise UserInputError(
                    f"{record_id} is still referenced by {', '.join(users[:3])}{more}; "
                    "delete or edit those first"
                )
            return tx.remove(table, doc_id)  # type: ignore[return-value]

        return self.store.update(fn)

    @staticmethod
    def _referrers(tx: Tx, record_id: str) -> list[str]:
        """Ids of the user's records that point at ``record_id`` (actor, place or source)."""
        out: list[str] = []
        for t in RECORD_TABLES:
            for d in tx.table(t).values():
                refs = {a.get("id") for a in d.get("actors", ()) if isinstance(a, dict)}
                refs.update(d.get("places", ()) or ())
                refs.update({d.get("subject"), d.get("object")})
                refs.update(
                    e.get("source") for e in d.get("evidence", ()) or () if isinstance(e, dict)
                )
                if record_id in refs and d.get("id") != record_id:
                    out.append(str(d.get("id")))
        return out

    # -- record helpers

    @staticmethod
    def _check_table(table: str) -> None:
        if table not in RECORD_TABLES:
            raise UserInputError(
                f"cannot add to {table!r}: records go in {', '.join(RECORD_TABLES)}"
            )

    @staticmethod
    def _locate(tx: Tx, record_id: str) -> tuple[str, str] | None:
        for t in RECORD_TABLES:
            doc_id = _find(tx.table(t), "id", record_id)
            if doc_id is not None:
                return t, doc_id
        return None

    def _missing(self, record_id: str) -> NoReturn:
        if record_id in self.curated_ids:
            raise ReadOnlyRecord(record_id)
        raise NotFound(f"no record you added has the id {record_id!r}")

    def _problems(
        self,
        tx: Tx,
        table: str,
        rec: dict[str, Any],
        validator: Validator | None,
        exclude: str | None,
    ) -> list[StoreError]:
        if validator is None:
            return []
        known: dict[str, set[str]] = {t: set(ids) for t, ids in self.curated_known_ids.items()}
        kinds = dict(self.curated_actor_kinds)
        for t in RECORD_TABLES:
            ids = known.setdefault(t, set())
            for d in tx.table(t).values():
                rid = d.get("id")
                if isinstance(rid, str) and rid != exclude:
                    ids.add(rid)
                    if t == "actors":
                        kinds[rid] = d.get("kind")  # type: ignore[assignment]
        if not self.curated_known_ids and self.curated_ids:
            known["curated"] = set(self.curated_ids)
        if exclude is not None:
            for ids in known.values():
                ids.discard(exclude)
        return list(validator(table, rec, known_ids=known, actor_kinds=kinds, path=self.path))


def open_user_layer(path: str | Path | None = None, **kwargs: Any) -> UserLayer:
    """Shorthand for ``UserLayer.open``."""
    return UserLayer.open(path, **kwargs)


__all__ = [
    "ReadOnlyRecord",
    "UserInputError",
    "UserLayer",
    "UserStoreError",
    "open_user_layer",
]
