"""The analyst's own layer: notes, bookmarks and records they added, over a ``UserDB``.

A record (curated or the user's) may carry many notes, each with its own id (``n-<hex>``),
``created`` and ``updated`` times; ``add_note`` adds one, ``edit_note`` / ``remove_note``
change one by its id. Nothing a user wrote is replaced without an explicit edit.
``set_note`` / ``delete_note`` keep the older one-note-per-record calls working: they edit
(or delete) the record's first note, or all its notes. Bookmarks are one per target id.
Records the user adds live in the ``events``/``actors``/``relations``/``sources`` tables with
``"user": true``; only those can be edited or deleted, curated ids are read-only.

Every method that changes something returns only once the change is on disk (see
``userstore``). ``undo()`` takes back the last note or bookmark change made through this
``UserLayer``, itself as one atomic save.

Nothing here imports Textual.
"""

from __future__ import annotations

import copy
import secrets
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn

from tinydb.queries import QueryLike
from tinydb.table import Document, Table

from .. import paths
from .control import control_message, find_controls, first_control
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
from .userstore import LOCK_TIMEOUT, RECORD_TABLES, Signature, UserDB

NOTES = "notes"
BOOKMARKS = "bookmarks"
SEARCHES = "searches"
NOTE_FIELDS = ("id", "target", "text", "created", "updated")

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
    if target_id != target_id.strip() or first_control(target_id) is not None:
        raise UserInputError(f"{target_id!r} is not a record id")
    return target_id


def _check_text(text: Any, where: str) -> str:
    """Note text: kept exactly as given, but no control characters other than newline/tab."""
    if not isinstance(text, str):
        raise UserInputError("a note must be text")
    ch = first_control(text, long_text=True)
    if ch is not None:
        raise UserInputError(
            f"{where}: text: {control_message(ch, long_text=True)}; nothing was saved"
        )
    return text


def _where(field: str, wanted: Any) -> QueryLike:
    """A TinyDB condition: the document's ``field`` equals ``wanted``. A plain test rather than
    ``Query()[field] == wanted``, which costs several times more per document on a big table."""

    def test(value: Mapping[Any, Any]) -> bool:
        return value.get(field) == wanted

    return test


def _note(doc: Mapping[str, Any]) -> dict[str, Any]:
    return {k: doc.get(k) for k in NOTE_FIELDS}


def _set_to(new: Mapping[str, Any]) -> Callable[[MutableMapping], None]:
    """A TinyDB update that makes a document exactly ``new`` (keys not in it are dropped)."""

    def fn(doc: MutableMapping) -> None:
        doc.clear()
        doc.update(copy.deepcopy(dict(new)))

    return fn


@dataclass(frozen=True)
class _Undo:
    description: str  # what undoing it does
    notes: tuple[tuple[str, dict[str, Any] | None], ...] = ()  # (note id, note before or None)
    bookmark: tuple[str, bool] | None = None  # (target, bookmarked before)


def _note_doc(notes: Table, note_id: str) -> Document:
    """The stored note ``note_id``; NotFound if there is none."""
    found = notes.get(_where("id", note_id))
    if found is None:
        raise NotFound(f"there is no note with the id {note_id!r} (nkru-tui notes lists them)")
    assert isinstance(found, Document)
    return found


class UserLayer:
    """Notes, bookmarks and user records in one user store file."""

    def __init__(
        self,
        store: UserDB,
        *,
        curated_ids: set[str] | None = None,
        curated_known_ids: Mapping[str, AbstractSet[str]] | None = None,
        curated_actor_kinds: Mapping[str, str] | None = None,
    ) -> None:
        self.store = store
        self.curated_known_ids = {t: _own(ids) for t, ids in (curated_known_ids or {}).items()}
        self.curated_ids: AbstractSet[str] = _AnyOf(
            [set(curated_ids or ()), *self.curated_known_ids.values()]
        )
        self.curated_actor_kinds = dict(curated_actor_kinds or {})
        self._undo: list[_Undo] = []

    @classmethod
    def open(
        cls,
        path: str | Path | None = None,
        *,
        curated_ids: set[str] | None = None,
        curated_known_ids: Mapping[str, AbstractSet[str]] | None = None,
        curated_actor_kinds: Mapping[str, str] | None = None,
        lock_timeout: float = LOCK_TIMEOUT,
    ) -> UserLayer:
        """Open (and if needed start) the user store at ``path``; None = the default place
        (``NKRU_USER_DB`` or the user data folder). Reads it once, so an unreadable store is
        moved aside now (see ``notices``) and a newer-version store raises UserStoreError."""
        p = Path(path) if path is not None else paths.default_user_db_path()
        store = UserDB(p, lock_timeout=lock_timeout)
        layer = cls(
            store,
            curated_ids=curated_ids,
            curated_known_ids=curated_known_ids,
            curated_actor_kinds=curated_actor_kinds,
        )
        store.storage.read_shown()
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
        return self.store.storage.changed_on_disk()

    def signature(self) -> Signature | None:
        return self.store.storage.signature()

    def _t(self, name: str) -> Table:
        return self.store.table(name)

    def snapshot(self) -> UserSnapshot:
        """The whole layer as plain data for the engine; ``version`` is the file signature.
        ``notes`` holds each record's notes' text (joined by a blank line), ``note_list`` the
        notes themselves."""
        data = self.store.storage.read_shown()  # parsed afresh: ours to hand out
        by_target: dict[str, list[dict[str, Any]]] = {}
        for doc in data[NOTES].values():
            t, text = doc.get("target"), doc.get("text")
            if isinstance(t, str) and isinstance(text, str):
                by_target.setdefault(t, []).append(_note(doc))
        marks = frozenset(
            d["target"] for d in data[BOOKMARKS].values() if isinstance(d.get("target"), str)
        )
        recs = {t: tuple(data[t].values()) for t in RECORD_TABLES}
        return UserSnapshot(
            notes={t: "\n\n".join(n["text"] for n in ns) for t, ns in by_target.items()},
            note_list={t: tuple(ns) for t, ns in by_target.items()},
            bookmarks=marks,
            events=recs["events"],
            actors=recs["actors"],
            relations=recs["relations"],
            sources=recs["sources"],
            version=self.store.storage.seen_signature,
        )

    # -- notes, many per record

    def list_notes(self, target_id: str | None = None) -> list[dict[str, Any]]:
        """Every note (or every note on ``target_id``) as ``{"id", "target", "text",
        "created", "updated"}``, oldest first."""
        docs = (
            self._t(NOTES).all()
            if target_id is None
            else self._t(NOTES).search(_where("target", target_id))
        )
        return [_note(d) for d in docs if isinstance(d.get("target"), str)]

    def get_note_by_id(self, note_id: str) -> dict[str, Any] | None:
        doc = self._t(NOTES).get(_where("id", note_id))
        return None if doc is None else _note(doc)

    def add_note(self, target_id: str, text: str) -> dict[str, Any]:
        """Add a note to ``target_id`` (the record's other notes are kept). Returns it."""
        target = _check_target(target_id)
        text = _check_text(text, f"note on {target}")
        if not text.strip():
            raise UserInputError("the note is empty; nothing was saved")
        with self.store.transaction():
            doc = self._insert_note(target, text)
        self._undo.append(
            _Undo(f"removed note {doc['id']} on {target}", notes=((doc["id"], None),))
        )
        return dict(doc)

    def _insert_note(self, target: str, text: str) -> dict[str, Any]:
        notes = self._t(NOTES)
        taken = {d.get("id") for d in self.store.storage.read()[NOTES].values()}  # in the lock
        nid = f"n-{secrets.token_hex(3)}"
        while nid in taken:
            nid = f"n-{secrets.token_hex(3)}"
        now = _now()
        doc = {"id": nid, "target": target, "text": text, "created": now, "updated": now}
        notes.insert(doc)
        return doc

    def edit_note(self, note_id: str, text: str) -> dict[str, Any]:
        """Replace the text of the note ``note_id``; NotFound if there is none."""
        if not isinstance(note_id, str) or not note_id.strip():
            raise UserInputError("which note? give its id (nkru-tui notes lists them)")
        with self.store.transaction():
            notes = self._t(NOTES)
            found = _note_doc(notes, note_id)
            before = _note(found)
            text = _check_text(text, f"note {note_id} on {before['target']}")
            if not text.strip():
                raise UserInputError(
                    f"the new text of note {note_id} is empty; to remove the "
                    "note use note --delete NOTE_ID; nothing was saved"
                )
            if text == before["text"]:
                return before
            doc = {**dict(found), "text": text, "updated": _now()}
            notes.update(_set_to(doc), doc_ids=[found.doc_id])
        self._undo.append(
            _Undo(
                f"restored previous text of note {note_id} on {before['target']}",
                notes=((note_id, dict(found)),),
            )
        )
        return _note(doc)

    def remove_note(self, note_id: str) -> dict[str, Any]:
        """Delete the note ``note_id``; returns it. NotFound if there is none."""
        with self.store.transaction():
            notes = self._t(NOTES)
            found = _note_doc(notes, note_id)
            notes.remove(doc_ids=[found.doc_id])
        before = dict(found)
        self._undo.append(
            _Undo(
                f"restored deleted note {note_id} on {before.get('target')}",
                notes=((note_id, before),),
            )
        )
        return _note(before)

    # -- notes, the one-per-record calls

    def get_note(self, target_id: str) -> str | None:
        """The text of the first note on ``target_id``."""
        doc = self.get_note_record(target_id)
        return None if doc is None else doc.get("text")

    def get_note_record(self, target_id: str) -> dict[str, Any] | None:
        doc = self._t(NOTES).get(_where("target", target_id))
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
            for d in self.store.storage.read()[NOTES].values()
            if isinstance(d.get("target"), str)
        ]

    def set_note(self, target_id: str, text: str) -> dict[str, Any] | None:
        """Make ``text`` the text of the first note on ``target_id`` (added if it has none),
        kept exactly as given. Empty or blank text deletes that note. Returns the saved note
        (None if deleted)."""
        target = _check_target(target_id)
        text = _check_text(text, f"note on {target}")
        with self.store.transaction():
            notes = self._t(NOTES)
            found = notes.get(_where("target", target))
            if found is None:
                if not text.strip():
                    return None
                doc = self._insert_note(target, text)
                undo = _Undo(f"removed note on {target}", notes=((doc["id"], None),))
            else:
                assert isinstance(found, Document)
                before = dict(found)
                if not text.strip():
                    notes.remove(doc_ids=[found.doc_id])
                    undo = _Undo(
                        f"restored deleted note on {target}", notes=((before["id"], before),)
                    )
                    doc = None
                elif found.get("text") == text:
                    return before
                else:
                    now = _now()
                    doc = {**before, "text": text, "updated": now}
                    doc.setdefault("created", now)
                    notes.update(_set_to(doc), doc_ids=[found.doc_id])
                    undo = _Undo(
                        f"restored previous note on {target}", notes=((before["id"], before),)
                    )
        self._undo.append(undo)
        return None if doc is None else dict(doc)

    def delete_note(self, target_id: str) -> bool:
        """Delete every note on ``target_id``; False if there was none."""
        target = _check_target(target_id)
        with self.store.transaction():
            notes = self._t(NOTES)
            found = notes.search(_where("target", target))
            if not found:
                return False
            notes.remove(doc_ids=[d.doc_id for d in found])
        self._undo.append(
            _Undo(
                f"restored deleted note on {target}", notes=tuple((d["id"], dict(d)) for d in found)
            )
        )
        return True

    # -- bookmarks

    def bookmarks(self) -> set[str]:
        return {d["target"] for d in self._t(BOOKMARKS).all() if isinstance(d.get("target"), str)}

    def is_bookmarked(self, target_id: str) -> bool:
        return self._t(BOOKMARKS).contains(_where("target", target_id))

    def toggle_bookmark(self, target_id: str) -> bool:
        """Bookmark ``target_id``, or remove its bookmark; True if it is now bookmarked."""
        target = _check_target(target_id)
        with self.store.transaction():
            now_marked = self._set_bookmark(target, None)
        what = "removed bookmark on" if now_marked else "restored bookmark on"
        self._undo.append(_Undo(f"{what} {target}", bookmark=(target, not now_marked)))
        return now_marked

    def _set_bookmark(self, target: str, want: bool | None) -> bool:
        marks = self._t(BOOKMARKS)
        ids = [d.doc_id for d in marks.search(_where("target", target))]
        if want is None:
            want = not ids
        if want and not ids:
            marks.insert({"target": target, "created": _now()})
        elif not want and ids:
            marks.remove(doc_ids=ids)
        return want

    # -- saved searches (a table of their own; a store without one simply has none)

    def saved_searches(self) -> list[dict[str, Any]]:
        """Every saved search, ``{"name", "query", "created"}``, by name."""
        rows = self.store.table(SEARCHES).all()
        found = [dict(d) for d in rows if isinstance(d.get("name"), str)]
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

        with self.store.transaction():  # one locked, atomic save
            self._t(SEARCHES).remove(_where("name", name))
            self._t(SEARCHES).insert(doc)
        return dict(doc)

    def delete_search(self, name: str) -> bool:
        """Delete the search saved as ``name``; False if there was none."""
        name = name.removeprefix("@")

        with self.store.transaction():
            return bool(self._t(SEARCHES).remove(_where("name", name)))

    # -- undo

    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> str | None:
        """Undo the last note or bookmark change made through this layer (one atomic save).
        Returns what was done, e.g. ``"removed bookmark on ev-1"``; None if nothing to undo.
        Only the notes that change touched are put back: other changes are left alone."""
        if not self._undo:
            return None
        u = self._undo[-1]
        with self.store.transaction():  # on failure the entry stays, to be tried again
            if u.bookmark is not None:
                self._set_bookmark(u.bookmark[0], u.bookmark[1])
            notes = self._t(NOTES)
            for nid, before in reversed(u.notes):
                found = notes.get(_where("id", nid))
                if before is None:
                    if found is not None:
                        assert isinstance(found, Document)
                        notes.remove(doc_ids=[found.doc_id])
                elif found is None:
                    notes.insert(copy.deepcopy(before))
                else:
                    assert isinstance(found, Document)
                    notes.update(_set_to(before), doc_ids=[found.doc_id])
        self._undo.pop()
        return u.description

    # -- user records

    def records(self, table: str) -> list[dict[str, Any]]:
        self._check_table(table)
        return list(self.store.storage.read_shown()[table].values())

    def get_record(self, record_id: str) -> dict[str, Any] | None:
        data = self.store.storage.read_shown()
        for t in RECORD_TABLES:
            for doc in data[t].values():
                if doc.get("id") == record_id:
                    return doc
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
        validator only the id and control characters are checked: an id already used
        (curated or user) is a ``StoreInvalid`` naming field ``id``."""
        self._check_table(table)
        if not isinstance(record, Mapping):
            raise UserInputError("a record must be an object")
        rec = copy.deepcopy(dict(record))
        rec["user"] = True
        rid = rec.get("id")
        if not isinstance(rid, str) or not rid.strip():
            raise UserInputError(f"a new {table[:-1]} needs an id")

        with self.store.transaction():
            problems = self._problems(table, rec, validator, exclude=None)
            if not any(p.field == "id" for p in problems):  # a validator may not check ids
                where = "a curated record" if rid in self.curated_ids else None
                found = self._locate(rid)
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
            self._t(table).insert(rec)
        return copy.deepcopy(rec)

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

        with self.store.transaction():
            problems = []
            for table, rec in staged:
                problems += self._control_problems(table, rec)
                rid = rec["id"]
                found = self._locate(rid)
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
            for table in RECORD_TABLES:
                batch = [rec for t, rec in staged if t == table]
                if batch:
                    self._t(table).insert_multiple(batch)
        return len(staged)

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

        with self.store.transaction():
            problems = self._control_problems_all((t, r) for t, r, _ in staged)
            places: list[tuple[str, Document] | None] = []
            for table, rec, is_replace in staged:
                rid = rec["id"]
                found = self._locate(rid)
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
                    self._t(table).update(_set_to(rec), doc_ids=[found[1].doc_id])
                    replaced += 1
                else:
                    self._t(table).insert(rec)
                    added += 1
        return added, replaced

    def update_record(
        self, record_id: str, changes: Mapping[str, Any], validator: Validator | None = None
    ) -> dict[str, Any]:
        """Merge ``changes`` into a record the user added (a key set to None is removed);
        curated records raise ReadOnlyRecord, unknown ids NotFound. Returns the new record."""
        if not isinstance(changes, Mapping):
            raise UserInputError("changes must be an object")
        if "id" in changes and changes["id"] != record_id:
            raise UserInputError("the id of a record cannot be changed")

        with self.store.transaction():
            where = self._locate(record_id)
            if where is None:
                self._missing(record_id)
                raise AssertionError  # pragma: no cover - _missing raises
            table, doc = where
            rec = copy.deepcopy(dict(doc))
            for k, v in copy.deepcopy(dict(changes)).items():
                if v is None:
                    rec.pop(k, None)
                else:
                    rec[k] = v
            rec["id"] = record_id
            rec["user"] = True
            problems = self._problems(table, rec, validator, exclude=record_id)
            if problems:
                raise StoreInvalid(self.path, problems)
            self._t(table).update(_set_to(rec), doc_ids=[doc.doc_id])
        return copy.deepcopy(rec)

    def delete_record(self, record_id: str) -> dict[str, Any]:
        """Delete a record the user added; curated ids raise ReadOnlyRecord, unknown NotFound.
        Returns the deleted record."""
        with self.store.transaction():
            where = self._locate(record_id)
            if where is None:
                self._missing(record_id)
                raise AssertionError  # pragma: no cover - _missing raises
            table, doc = where
            users = self._referrers(record_id)
            if users:
                more = f" and {len(users) - 3} more" if len(users) > 3 else ""
                raise UserInputError(
                    f"{record_id} is still referenced by {', '.join(users[:3])}{more}; "
                    "delete or edit those first"
                )
            self._t(table).remove(doc_ids=[doc.doc_id])
        return dict(doc)

    def _referrers(self, record_id: str) -> list[str]:
        """Ids of the user's records that point at ``record_id`` (actor, place or source)."""
        out: list[str] = []
        for t in RECORD_TABLES:
            for d in self._t(t).all():
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

    def _locate(self, record_id: str) -> tuple[str, Document] | None:
        for t in RECORD_TABLES:
            doc = self._t(t).get(_where("id", record_id))
            if doc is not None:
                assert isinstance(doc, Document)
                return t, doc
        return None

    def _missing(self, record_id: str) -> NoReturn:
        if record_id in self.curated_ids:
            raise ReadOnlyRecord(record_id)
        raise NotFound(f"no record you added has the id {record_id!r}")

    def _control_problems_all(
        self, records: Iterable[tuple[str, dict[str, Any]]]
    ) -> list[StoreError]:
        return [p for table, rec in records for p in self._control_problems(table, rec)]

    def _control_problems(self, table: str, rec: dict[str, Any]) -> list[StoreError]:
        rid = str(rec.get("id"))
        return [
            StoreError(
                self.path,
                control_message(ch, long_text),
                table=table,
                record=rid,
                field=field,
                exit_code=EXIT_STORE_INVALID,
            )
            for field, ch, long_text in find_controls(rec)
        ]

    def _problems(
        self,
        table: str,
        rec: dict[str, Any],
        validator: Validator | None,
        exclude: str | None,
    ) -> list[StoreError]:
        problems = self._control_problems(table, rec)
        if validator is None:
            return problems
        # the curated ids as given (on disk: views asking the index), the user's on top
        mine: dict[str, set[str]] = {t: set() for t in self.curated_known_ids}
        kinds = dict(self.curated_actor_kinds)
        for t in RECORD_TABLES:
            ids = mine.setdefault(t, set())
            for d in self._t(t).all():
                rid = d.get("id")
                if isinstance(rid, str) and rid != exclude:
                    ids.add(rid)
                    if t == "actors":
                        kinds[rid] = d.get("kind")  # type: ignore[assignment]
        known: dict[str, AbstractSet[str]] = {
            t: _Known(self.curated_known_ids.get(t, frozenset()), ids, exclude)
            for t, ids in mine.items()
        }
        if not self.curated_known_ids and self.curated_ids:
            known["curated"] = _Known(self.curated_ids, set(), exclude)
        found = list(validator(table, rec, known_ids=known, actor_kinds=kinds, path=self.path))
        seen = {(p.field, p.message) for p in problems}
        return problems + [p for p in found if (p.field, p.message) not in seen]


def _own(ids: Iterable[str]) -> AbstractSet[str]:
    """A caller's ids kept as given when they are a view (the engine's over its index),
    else copied (a set the caller may change later)."""
    if isinstance(ids, AbstractSet) and not isinstance(ids, (set, frozenset)):
        return ids
    return frozenset(ids)


class _AnyOf(AbstractSet[str]):
    """The union of some sets, never copied into one (a million curated event ids)."""

    def __init__(self, parts: list[AbstractSet[str]]) -> None:
        self._parts = parts

    def __contains__(self, rid: object) -> bool:
        return any(rid in p for p in self._parts)

    def __iter__(self) -> Iterator[str]:
        seen: set[str] = set()
        for p in self._parts:
            for rid in p:
                if rid not in seen:
                    seen.add(rid)
                    yield rid

    def __len__(self) -> int:
        return sum(1 for _ in self)


class _Known(_AnyOf):
    """One table's ids a new record meets: curated and the user's, less ``exclude`` (the
    record being edited)."""

    def __init__(self, curated: AbstractSet[str], mine: set[str], exclude: str | None) -> None:
        super().__init__([curated, mine])
        self._exclude = exclude

    def __contains__(self, rid: object) -> bool:
        return rid != self._exclude and super().__contains__(rid)

    def __iter__(self) -> Iterator[str]:
        return (rid for rid in super().__iter__() if rid != self._exclude)


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
