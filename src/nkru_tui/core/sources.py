"""The user's own sources: documents kept as text, and quotes verified against them.

A source the user adds is a record in the user layer's ``sources`` table (``"user": true``) with
its metadata, and its extracted text is kept in a folder beside the user store
(``user.json`` -> ``user.sources/``), in a file named by the SHA-256 of the original file's
bytes. A copy of a *curated* source attached by the user is an entry of the user store's
``attachments`` table (the curated record itself stays read-only).

Evidence on a source with text is anchored (``anchor.py``) and stored as
``{"source", "quote", "selector": [TextQuoteSelector, TextPositionSelector], "tier",
"sha256"}`` (+ ``"review": true`` and ``"similarity"`` for a close match, ``"typed"`` when the
quote as typed differs from the passage).

Nothing here imports Textual.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tinydb import Query as DbQuery

from . import schema
from .anchor import Anchor, AnchorFailure, SourceText, anchor, line_of, reanchor
from .atomic import write_atomic
from .control import is_control
from .errors import EXIT_STORE_INVALID, EXIT_USAGE, NkruError, NotFound, QueryError
from .extract import Extracted, extract_file, safe_text
from .query import Query, parse_query
from .store import parse_date
from .textsearch import LineIndex, Passage, TokenIndex, eval_terms, marks_for
from .userlayer import ReadOnlyRecord, UserLayer

ATTACHMENTS = "attachments"
LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


class SourceError(NkruError):
    """A source command that cannot be done; one line."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message.replace("\n", " ")


class QuoteRefused(NkruError):
    """A quote that does not anchor: exit 4, nothing written. ``closest`` is the nearest
    passage of the source (for the user to correct the quote), ``line`` its line."""

    exit_code = EXIT_STORE_INVALID

    def __init__(self, where: str, failure: AnchorFailure, line: int | None = None) -> None:
        super().__init__(failure.reason)
        self.where = where
        self.failure = failure
        self.line = line

    @property
    def closest(self) -> str | None:
        return self.failure.closest

    def __str__(self) -> str:
        hint = ""
        if self.failure.needs_flag:
            hint = " (pass --accept-close to cite it, marked as needing review)"
        return f"{self.where}: {self.failure.reason}{hint}; nothing was saved".replace("\n", " ")

    def closest_line(self) -> str | None:
        if not self.failure.closest:
            return None
        sim = f"{self.failure.similarity:.1f}% similar" if self.failure.similarity else ""
        at = f", line {self.line}" if self.line else ""
        text = " ".join(safe_text(self.failure.closest).split())
        return f"closest passage ({sim}{at}): «{text}»"


def texts_dir(user_db_path: Path) -> Path:
    """Where source texts live for the user store at ``user_db_path``."""
    return user_db_path.with_name(user_db_path.stem + ".sources")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _clean_line(s: str) -> str:
    return " ".join("".join(" " if is_control(c) else c for c in s).split())


def slug_id(title: str, sha: str) -> str:
    """``src-`` and the title's ASCII words, or the hash's start when it has none."""
    ascii_ = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_)
    slug = ""
    for w in words:
        if len(slug) + len(w) + 1 > 40:
            break
        slug = f"{slug}-{w}" if slug else w
    return f"src-{slug}" if len(slug) >= 3 else f"src-{sha[:10]}"


@dataclass
class Cite:
    """A verified quote, ready to be stored as evidence."""

    evidence: dict[str, Any]
    anchor: Anchor
    line: int

    def note(self, source_id: str) -> str | None:
        """What the user should be told beyond 'cited', or None."""
        a = self.anchor
        parts = []
        if a.occurrences > 1:
            parts.append(
                f"the quote occurs {a.occurrences} times in {source_id}; anchored to occurrence "
                f"{a.occurrence} (line {self.line}); to cite another, give --occurrence N "
                "or a longer quote"
            )
        if a.tier == "close":
            parts.append(
                f"cited a {a.similarity:.1f}% similar passage, marked as needing "
                "review (listed by `nkru-tui validate`)"
            )
        elif a.tier == "normalised":
            parts.append(
                "matched after normalising quotes, dashes and spacing; the passage "
                "is stored as it stands in the source"
            )
        return "; ".join(parts) or None


class SourceLibrary:
    """Own sources and attachments over a ``UserLayer``; ``curated`` maps curated source ids
    to their records and ``curated_quotes`` lists ``(record_id, quote)`` per curated source."""

    def __init__(
        self,
        layer: UserLayer,
        curated: Mapping[str, dict] | None = None,
        curated_quotes: Mapping[str, list[tuple[str, str]]] | None = None,
    ) -> None:
        self.layer = layer
        self.curated = dict(curated or {})
        self.curated_quotes = dict(curated_quotes or {})
        self._engine: Any = None
        self._texts: dict[str, SourceText] = {}

    @classmethod
    def for_engine(cls, layer: UserLayer, eng: Any) -> SourceLibrary:
        """Over ``eng``'s curated sources; their curated quotes are looked up only when an
        attach needs them (a search by source, never a pass over every record)."""
        cur_ids = eng.curated_known_ids().get("sources", set())
        curated = {sid: eng.sources[sid] for sid in cur_ids if sid in eng.sources}
        lib = cls(layer, curated)
        lib._engine = eng
        return lib

    def quotes_of(self, source_id: str) -> list[tuple[str, str]]:
        """(record id, quote) of every curated quote from ``source_id``."""
        if source_id in self.curated_quotes or self._engine is None:
            return self.curated_quotes.get(source_id, [])
        out = []
        for _kind, rec in citing(self._engine, source_id):
            if rec.get("user"):
                continue
            for ev in rec.get("evidence") or ():
                if isinstance(ev, dict) and ev.get("source") == source_id:
                    out.append((str(rec["id"]), str(ev.get("quote", ""))))
        self.curated_quotes[source_id] = out
        return out

    @property
    def folder(self) -> Path:
        return texts_dir(self.layer.path)

    # ---------------------------------------------------------------- lookups

    def own_sources(self) -> list[dict[str, Any]]:
        return self.layer.records("sources")

    def attachments(self) -> dict[str, dict[str, Any]]:
        rows = self.layer.store.table(ATTACHMENTS).all()
        return {d["source"]: dict(d) for d in rows if isinstance(d.get("source"), str)}

    def text_info(self, source_id: str) -> dict[str, Any] | None:
        """The record (own source) or attachment (curated) that says where the text is."""
        rec = self.layer.get_record(source_id)
        if rec is not None and rec.get("sha256"):
            return rec
        return self.attachments().get(source_id)

    def text_path(self, info: Mapping[str, Any]) -> Path:
        return self.folder / f"{info['sha256']}.txt"

    def load_text(self, source_id: str, *, check: bool = True) -> SourceText:
        """The source's kept text; ``SourceError`` (exit 4) when it is missing or changed."""
        cached = self._texts.get(source_id)
        if cached is not None:
            return cached
        info = self.text_info(source_id)
        if info is None:
            raise SourceError(self._no_text_message(source_id))
        path = self.text_path(info)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise SourceError(
                f"{path}: the text of source {source_id} is missing", EXIT_STORE_INVALID
            ) from None
        except OSError as exc:
            raise SourceError(
                f"{path}: cannot read: {exc.strerror or exc}", EXIT_STORE_INVALID
            ) from None
        if check and info.get("text_sha256") and _sha(data) != info["text_sha256"]:
            raise SourceError(
                f"{path}: the text of source {source_id} has changed since it "
                "was added (sha256 differs)",
                EXIT_STORE_INVALID,
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise SourceError(
                f"{path}: the text of source {source_id} is not UTF-8", EXIT_STORE_INVALID
            ) from None
        st = SourceText(text)
        self._texts[source_id] = st
        return st

    def _no_text_message(self, source_id: str) -> str:
        if source_id in self.curated:
            return (
                f"source {source_id} is curated and has no text here: attach your copy "
                f"with `nkru-tui source attach {source_id} FILE`"
            )
        if self.layer.get_record(source_id) is not None:
            return f"source {source_id} has no kept text (it was added as a name only)"
        return f"no source with id {source_id!r}"

    def find_by_sha(self, sha: str) -> dict[str, Any] | None:
        for rec in self.own_sources():
            if rec.get("sha256") == sha:
                return rec
        return None

    # ---------------------------------------------------------------- adding

    def add(
        self,
        path: str | Path,
        *,
        source_id: str | None = None,
        title: str | None = None,
        date: str | None = None,
        url: str | None = None,
        publisher: str | None = None,
        lang: str | None = None,
    ) -> tuple[dict[str, Any], bool, Extracted]:
        """Add the document at ``path``; returns (record, created, extracted). The same
        bytes added before return the existing record with ``created`` False."""
        fields = {"title": title, "date": date, "url": url, "publisher": publisher, "lang": lang}
        self._check_fields(path, fields, source_id)
        ex = extract_file(path)
        existing = self.find_by_sha(ex.sha256)
        if existing is not None:
            return existing, False, ex
        rid = source_id or self._free_id(slug_id(title or ex.title or ex.name, ex.sha256))
        if source_id is not None:
            self._check_id_free(source_id)
        text_blob = ex.text.encode("utf-8")
        rec: dict[str, Any] = {
            "id": rid,
            "title": _clean_line(title or ex.title or ex.name) or ex.name,
        }
        for k in ("date", "url", "publisher", "lang"):
            if fields[k]:
                rec[k] = fields[k]
        rec.update(
            {
                "file": ex.name,
                "format": ex.format,
                "sha256": ex.sha256,
                "size": ex.size,
                "text_sha256": _sha(text_blob),
                "chars": len(ex.text),
                "added": _now(),
            }
        )
        if ex.encoding:
            rec["encoding"] = ex.encoding
        target = self.folder / f"{ex.sha256}.txt"
        created_file = self._write_text(target, text_blob)
        from .store import validate_record

        try:
            saved = self.layer.add_record("sources", rec, validator=validate_record)
        except BaseException:
            if created_file:
                target.unlink(missing_ok=True)
            raise
        return saved, True, ex

    def _write_text(self, target: Path, blob: bytes) -> bool:
        """Keep the text; True if the file is new (so a failed add can take it back)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if target.exists() and target.read_bytes() == blob:
                return False
            write_atomic(target, blob)
        except OSError as exc:
            from .errors import UserStoreError

            raise UserStoreError(
                f"cannot keep the source text: {exc.strerror or exc}", target
            ) from None
        return True

    def _check_fields(
        self, path: str | Path, fields: Mapping[str, str | None], source_id: str | None
    ) -> None:
        for k, v in fields.items():
            if v is not None and (any(is_control(c) for c in v) or not v.strip()):
                raise SourceError(f"--{k}: must be text on one line, without control characters")
        if source_id is not None and not schema.ID_RE.match(source_id):
            raise SourceError(
                f"--id: {safe_text(source_id)!r} is not a valid id (lower-case "
                "letters, digits and '-')"
            )
        d = fields.get("date")
        if d is not None and parse_date(d) is None:
            raise SourceError(
                f"--date: {safe_text(d)!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
            )
        lang = fields.get("lang")
        if lang is not None and not LANG_RE.match(lang):
            raise SourceError(
                f"--lang: {safe_text(lang)!r} is not a language code (e.g. ru, ko, en)"
            )
        url = fields.get("url")
        if url is not None and not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$", url):
            raise SourceError(f"--url: {safe_text(url)!r} is not a URL")
        if source_id is not None:
            self._check_id_free(source_id)

    def _check_id_free(self, rid: str) -> None:
        if rid in self.layer.curated_ids or rid in self.curated:
            raise SourceError(
                f"--id: {rid} is already used by a curated record; nothing was stored",
                EXIT_STORE_INVALID,
            )
        if self.layer.get_record(rid) is not None:
            raise SourceError(
                f"--id: {rid} is already used by a record you added; nothing was stored",
                EXIT_STORE_INVALID,
            )

    def _free_id(self, base: str) -> str:
        rid, n = base, 2
        while (
            rid in self.layer.curated_ids
            or rid in self.curated
            or self.layer.get_record(rid) is not None
        ):
            rid, n = f"{base}-{n}", n + 1
        return rid

    # ---------------------------------------------------------------- removing

    def remove(self, source_id: str) -> dict[str, Any]:
        if source_id in self.curated:
            raise ReadOnlyRecord(source_id)
        if not any(r.get("id") == source_id for r in self.layer.records("sources")):
            if self.layer.get_record(source_id) is not None:
                raise SourceError(f"{source_id} is not a source (use `nkru-tui delete`)")
            raise NotFound(f"no source you added has the id {source_id!r}")
        citers = [r["id"] for r in self.layer_citing(source_id)]
        if citers:
            more = f" and {len(citers) - 5} more" if len(citers) > 5 else ""
            raise SourceError(
                f"source {source_id} is cited by {', '.join(citers[:5])}{more}: remove that "
                "evidence (or those records) first; nothing was removed"
            )
        gone = self.layer.delete_record(source_id)
        sha = gone.get("sha256")
        if (
            sha
            and self.find_by_sha(sha) is None
            and not any(a.get("sha256") == sha for a in self.attachments().values())
        ):
            (self.folder / f"{sha}.txt").unlink(missing_ok=True)
        return gone

    def layer_citing(self, source_id: str) -> list[dict[str, Any]]:
        out = []
        for t in ("events", "actors", "relations"):
            for r in self.layer.records(t):
                if any(
                    isinstance(e, dict) and e.get("source") == source_id
                    for e in r.get("evidence") or ()
                ):
                    out.append(r)
        return out

    # ---------------------------------------------------------------- attaching

    def attach(self, source_id: str, path: str | Path) -> tuple[dict[str, Any], int]:
        """Attach the user's copy of a curated source: only when every curated quote of it
        anchors (exact or normalised). Returns (attachment, number of quotes checked)."""
        if source_id not in self.curated:
            if self.layer.get_record(source_id) is not None:
                raise SourceError(
                    f"{source_id} is a source you added: its text is kept "
                    "already (attach is for curated sources)"
                )
            raise NotFound(f"no curated source with id {source_id!r}")
        ex = extract_file(path)
        st = SourceText(ex.text)
        quotes = self.quotes_of(source_id)
        bad: list[str] = []
        for rid, q in quotes:
            try:
                anchor(st, q)
            except AnchorFailure:
                bad.append(f"{rid}: «{' '.join(safe_text(q).split())[:80]}»")
        if bad:
            raise AttachRefused(Path(path), source_id, bad, len(quotes))
        blob = ex.text.encode("utf-8")
        target = self.folder / f"{ex.sha256}.txt"
        self._write_text(target, blob)
        att = {
            "source": source_id,
            "file": ex.name,
            "format": ex.format,
            "sha256": ex.sha256,
            "size": ex.size,
            "text_sha256": _sha(blob),
            "chars": len(ex.text),
            "added": _now(),
        }
        if ex.encoding:
            att["encoding"] = ex.encoding

        table = self.layer.store.table(ATTACHMENTS)
        with self.layer.store.transaction():  # one locked, atomic save
            table.remove(DbQuery().source == source_id)
            table.insert(att)
        self._texts.pop(source_id, None)
        return att, len(quotes)

    # ---------------------------------------------------------------- citing

    def verify(
        self,
        source_id: str,
        quote: str,
        *,
        accept_close: bool = False,
        occurrence: int | None = None,
        where: str = "",
    ) -> Cite:
        """Anchor ``quote`` in the source's text; ``QuoteRefused`` (exit 4) if it does not."""
        st = self.load_text(source_id)
        label = where or f"quote from {source_id}"
        try:
            a = anchor(st, quote, accept_close=accept_close, occurrence=occurrence)
        except AnchorFailure as fail:
            line = None
            if fail.closest:
                i = st.text.find(fail.closest)
                line = line_of(st.text, i) if i >= 0 else None
            raise QuoteRefused(label, fail, line) from None
        info = self.text_info(source_id) or {}
        ev: dict[str, Any] = {
            "source": source_id,
            "quote": a.exact,
            "selector": a.selectors(),
            "tier": a.tier,
            "sha256": info.get("sha256"),
        }
        if a.tier != "exact":
            ev["typed"] = quote.strip()
        if a.tier == "close":
            ev["review"] = True
            ev["similarity"] = a.similarity
        return Cite(ev, a, line_of(st.text, a.start))

    def has_text(self, source_id: str) -> bool:
        return self.text_info(source_id) is not None

    def verify_record_evidence(
        self, rec: dict[str, Any], *, accept_close: bool = False, table: str = ""
    ) -> list[Cite]:
        """Anchor every evidence item of ``rec`` whose source has kept text, in place
        (``rec["evidence"]`` items are replaced by the verified ones). Items that carry a
        selector already are re-checked, not re-typed. Returns the new cites."""
        out: list[Cite] = []
        items = rec.get("evidence")
        if not isinstance(items, list):
            return out
        rid = rec.get("id", "?")
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            sid, quote = item.get("source"), item.get("quote")
            if not isinstance(sid, str) or not isinstance(quote, str) or not self.has_text(sid):
                continue
            where = f"{table + '/' if table else ''}{rid}: evidence[{i}] from {sid}"
            if item.get("selector") and item.get("sha256") == (self.text_info(sid) or {}).get(
                "sha256"
            ):  # already anchored: keep its place if the passage still stands there
                got = reanchor(self.load_text(sid).text, item)
                if got is not None and got.exact == quote:
                    continue
            close = accept_close or bool(item.get("review"))
            c = self.verify(sid, quote, accept_close=close, where=where)
            items[i] = c.evidence
            out.append(c)
        return out

    def cite(
        self,
        record_id: str,
        source_id: str,
        quote: str,
        *,
        accept_close: bool = False,
        occurrence: int | None = None,
    ) -> tuple[dict[str, Any], Cite, bool]:
        """Add a verified quote to a record of the user's own. Returns (record, cite, added);
        ``added`` is False when that passage was already cited there."""
        rec = self.layer.get_record(record_id)
        if rec is None:
            if record_id in self.layer.curated_ids:
                raise ReadOnlyRecord(record_id)
            raise NotFound(f"no record you added has the id {record_id!r}")
        if any(r.get("id") == record_id for r in self.layer.records("sources")):
            raise SourceError(f"{record_id} is a source; cite on an event, actor or relation")
        c = self.verify(
            source_id,
            quote,
            accept_close=accept_close,
            occurrence=occurrence,
            where=f"{record_id}: quote from {source_id}",
        )
        evs = [e for e in rec.get("evidence") or () if isinstance(e, dict)]
        pos = c.anchor.start, c.anchor.end
        for e in evs:
            if e.get("source") == source_id and _position(e) == pos:
                return rec, c, False
        from .store import validate_record

        saved = self.layer.update_record(
            record_id, {"evidence": [*evs, c.evidence]}, validator=validate_record
        )
        return saved, c, True

    # ---------------------------------------------------------------- checking

    def check(self) -> tuple[list[str], list[str], int]:
        """Re-check every quote on a source with kept text: (problems, needing review,
        quotes checked). Each line names the record(s) affected."""
        problems: list[str] = []
        review: list[str] = []
        cited: dict[str, list[tuple[str, int, dict]]] = {}
        for t in ("events", "actors", "relations"):
            for r in self.layer.records(t):
                for i, e in enumerate(r.get("evidence") or ()):
                    if isinstance(e, dict) and isinstance(e.get("source"), str):
                        cited.setdefault(e["source"], []).append((str(r.get("id")), i, e))
        n = 0
        for sid in sorted(
            set(cited)
            | {s["id"] for s in self.own_sources() if s.get("sha256")}
            | set(self.attachments())
        ):
            items = cited.get(sid, [])
            if not self.has_text(sid):
                continue
            try:
                st = self.load_text(sid)
            except SourceError as exc:
                who = sorted({rid for rid, _, _ in items})
                affected = f" (affects {', '.join(who)})" if who else ""
                problems.append(f"{exc}{affected}")
                continue
            info = self.text_info(sid) or {}
            for rid, i, e in items:
                n += 1
                where = f"{rid}: evidence[{i}] from {sid}"
                if e.get("sha256") and info.get("sha256") and e["sha256"] != info["sha256"]:
                    problems.append(
                        f"{where}: cited from another version of the source (sha256 differs)"
                    )
                    continue
                if e.get("selector"):
                    ok = reanchor(st.text, e) is not None
                else:
                    try:
                        anchor(st, e.get("quote") or "")
                        ok = True
                    except AnchorFailure:
                        ok = False
                if not ok:
                    q = " ".join(safe_text(str(e.get("quote", ""))).split())[:60]
                    problems.append(f"{where}: the quote no longer anchors in the text: «{q}»")
                elif e.get("review") or e.get("tier") == "close":
                    q = " ".join(safe_text(str(e.get("quote", ""))).split())[:60]
                    review.append(
                        f"{where}: close match ({e.get('similarity', '?')}% similar) "
                        f"needs review: «{q}»"
                    )
        return problems, review, n


class AttachRefused(NkruError):
    exit_code = EXIT_STORE_INVALID

    def __init__(self, path: Path, source_id: str, bad: list[str], total: int) -> None:
        super().__init__(source_id)
        self.path = path
        self.source_id = source_id
        self.bad = bad
        self.total = total

    def __str__(self) -> str:
        return (
            f"{safe_text(str(self.path))}: not attached to {self.source_id}: "
            f"{len(self.bad)} of its {self.total} curated quote(s) do not anchor in this "
            "text"
        )


def _position(e: Mapping[str, Any]) -> tuple[int, int] | None:
    for s in e.get("selector") or ():
        if isinstance(s, dict) and s.get("type") == "TextPositionSelector":
            a, b = s.get("start"), s.get("end")
            if isinstance(a, int) and isinstance(b, int):
                return a, b
    return None


def position(e: Mapping[str, Any]) -> tuple[int, int] | None:
    """The (start, end) a stored evidence item points at, if it was anchored."""
    return _position(e)


def citing_records(eng: Any) -> Iterable[dict[str, Any]]:
    """Every record (curated and own) that has evidence: events, actors, relations."""
    yield from eng.events
    yield from eng.actors.values()
    yield from eng.relations


def _cites(rec: dict[str, Any], source_id: str) -> bool:
    return any(
        isinstance(e, dict) and e.get("source") == source_id for e in rec.get("evidence") or ()
    )


def citing(eng: Any, source_id: str) -> list[tuple[str, dict[str, Any]]]:
    """(kind, record) of every record citing ``source_id``: the events through the engine's
    ``source:`` index (a prefix match, so filtered exactly here), then actors and relations."""
    out: list[tuple[str, dict[str, Any]]] = []
    try:
        events = eng.search_events(f"source:{source_id}")
    except Exception:  # noqa: BLE001 - an id the query language cannot take: look at all
        events = eng.events
    out += [("event", r) for r in events if _cites(r, source_id)]
    out += [("actor", r) for r in eng.actors.values() if _cites(r, source_id)]
    out += [("relation", r) for r in eng.relations if _cites(r, source_id)]
    return out


def cite_counts(eng: Any) -> dict[str, int]:
    """Source id -> how many records cite it (each source looked up by the engine)."""
    return {sid: len(citing(eng, sid)) for sid in eng.sources}


__all__ = [
    "ATTACHMENTS",
    "AttachRefused",
    "Cite",
    "QuoteRefused",
    "SourceError",
    "SourceLibrary",
    "cite_counts",
    "citing",
    "citing_records",
    "passages",
    "position",
    "search_sources",
    "snippet",
    "texts_dir",
]


def passages(eng: Any, lib: SourceLibrary, source_id: str, text: str) -> list[tuple[int, int, str]]:
    """``(start, end, record_id)`` of every cited passage of ``source_id`` in ``text``: the
    stored position where it still holds its passage, else the quote anchored again (curated
    quotes on an attached copy carry no position)."""
    st = SourceText(text)
    out: list[tuple[int, int, str]] = []
    for _kind, rec in citing(eng, source_id):
        for e in rec.get("evidence") or ():
            if not isinstance(e, dict) or e.get("source") != source_id:
                continue
            got = reanchor(text, e) if e.get("selector") else None
            if got is None:
                try:
                    got = anchor(st, str(e.get("quote") or ""), accept_close=True)
                except AnchorFailure:
                    continue
            out.append((got.start, got.end, str(rec.get("id"))))
    return sorted(out)


# ------------------------------------------------------------------------------ search
#
# Words in the sources' texts are found with the event index's matcher (``textsearch``: the
# same folded tokens, prefixes, phrases and phonetic keys across scripts), a source text
# indexed by line. A source matches a query when its text or its title/publisher holds
# every positive term (neighbouring words may spell one name in another script) and no
# negated one; its passages are the lines holding a match.

# line indexes of source texts, by the text's sha256 (a text is kept under its hash and
# never changes; a few are kept: the 1 MB case takes ~0.15 s to index)
_LINE_INDEXES: dict[str, LineIndex] = {}
_MAX_LINE_INDEXES = 8


def line_index(text: str, sha: str | None = None) -> LineIndex:
    """The (cached) line index of a source text."""
    key = sha or hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    got = _LINE_INDEXES.get(key)
    if got is None or got.text != text:
        if len(_LINE_INDEXES) >= _MAX_LINE_INDEXES:
            _LINE_INDEXES.pop(next(iter(_LINE_INDEXES)))
        got = _LINE_INDEXES[key] = LineIndex(text)
    return got


@dataclass(frozen=True)
class SourceMatch:
    """A source matching a search: ``passages`` are its lines with a match (all of them),
    ``in_title`` whether its title or publisher matched too."""

    source_id: str
    record: Mapping[str, Any]
    in_title: bool
    text: str
    passages: tuple[Passage, ...]


def _query_terms(query: str | Query) -> Query:
    q = query if isinstance(query, Query) else parse_query(query)
    if q.qualifiers:
        raise QueryError(
            f"{q.qualifiers[0].name}: selects events; a search "
            'of the sources takes words, -words and "phrases"',
            q.text,
        )
    if not q.terms:
        raise QueryError("nothing to search for: give words to find in the sources", q.text)
    return q


def _doc_matches(fields: list[TokenIndex], q: Query) -> bool:
    def hit(found: Callable[[TokenIndex], set]) -> set[int]:
        return {0} if any(found(f) for f in fields) else set()

    got = eval_terms(
        q.terms,
        lambda t: hit(lambda f: f.term(t.words, t.phrase)),
        lambda words: hit(lambda f: f.joined(words)),
        lambda: {0},
    )
    return got is None or bool(got)


def search_sources(
    lib: SourceLibrary | None,
    eng: Any,
    query: str | Query,
    *,
    texts_only: bool = False,
    warn: Callable[[str], None] | None = None,
) -> list[SourceMatch]:
    """The sources (curated and own, in date order) whose kept text, or title or publisher,
    matches ``query`` (words, -words and "phrases"; ``QueryError`` for qualifiers or no
    words); ``texts_only``: only matches in the text. A source whose text is missing or
    changed is passed over, and ``warn`` told why."""
    q = _query_terms(query)
    out: list[SourceMatch] = []
    recs = sorted(
        eng.sources.items(), key=lambda kv: (str(kv[1].get("date") or "9999"), str(kv[0]))
    )
    for sid, rec in recs:
        info = lib.text_info(sid) if lib is not None else None
        if texts_only and info is None:
            continue
        meta = TokenIndex.of_texts({0: [str(rec.get(f) or "") for f in ("title", "publisher")]})
        text = ""
        lines: LineIndex | None = None
        if lib is not None and info is not None:
            try:
                text = lib.load_text(sid).text
            except SourceError as exc:
                if warn is not None:
                    warn(f"{exc}; not searched")
            else:
                lines = line_index(text, info.get("text_sha256"))
        fields = [f for f in (lines.index if lines else None, meta) if f]
        if not fields or not _doc_matches(fields, q):
            continue
        found: tuple[Passage, ...] = ()
        if lines is not None:
            found = tuple(lines.passages(marks_for(q, [lines.index.phonetic()])))
        in_title = _doc_matches([meta], q) if meta else False
        if found or (in_title and not texts_only):
            out.append(SourceMatch(sid, rec, in_title, text, found))
    return out


def snippet(text: str, p: Passage, width: int = 100) -> tuple[str, list[tuple[int, int]]]:
    """A passage shortened to about ``width`` characters around its first match (``…``
    where cut), on one line, and its match spans within the snippet."""
    a, b = p.start, p.end
    s0, e0 = p.spans[0]
    lo, hi = a, b
    if b - a > width:
        lo = max(a, s0 - max(0, width - (e0 - s0)) // 3)
        hi = min(b, lo + width)
        lo = max(a, hi - width)
        while lo > a and lo < s0 and not text[lo - 1].isspace():  # start at a word
            lo += 1
    head = "…" if lo > a else ""
    tail = "…" if hi < b else ""
    shown = head + "".join(" " if c in "\t\r" else c for c in text[lo:hi]) + tail
    off = len(head) - lo
    spans = [(max(x, lo) + off, min(y, hi) + off) for x, y in p.spans if x < hi and y > lo]
    return shown, spans
