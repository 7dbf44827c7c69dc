"""A form to add (or edit) an event or an actor of the user's own, validated as you type.

On every change the form builds the record it describes and runs the store's own
``validate_record`` over it, against the ids the engine knows (curated and the user's), so the
form and the store can never disagree. Each problem is shown under its field and Save stays
disabled while there is any. ``dismiss(record)`` on save, ``dismiss(None)`` on Esc.

Also here: ``RecordKindPicker`` (event or actor?) and ``ConfirmScreen`` (yes/no).
Everything shown is built from plain strings (``Content``), never parsed as markup.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Button, Input, Select, SelectionList, Static, TextArea

from ...core import schema
from ...core.store import validate_record
from ...core.textnorm import fold
from ..text import clean

TABLE_OF = {"event": "events", "actor": "actors"}
_PLACEHOLDER_ID = "form-record-being-typed"


@dataclass
class FormContext:
    """What the form validates against: ids already used, actor kinds, names for suggestions."""

    known_ids: dict[str, set[str]] = field(default_factory=dict)
    actor_kinds: dict[str, str] = field(default_factory=dict)
    actor_names: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # id -> title

    @classmethod
    def from_engine(cls, engine, exclude: str | None = None) -> FormContext:
        """Curated ids plus the user's; ``exclude`` (the record being edited) is left out."""
        known = {t: set(ids) for t, ids in engine.curated_known_ids().items()}
        user = engine.user
        for table in ("events", "actors", "relations", "sources"):
            for rec in getattr(user, table, ()) or ():
                rid = rec.get("id") if isinstance(rec, dict) else None
                if isinstance(rid, str):
                    known.setdefault(table, set()).add(rid)
        if exclude is not None:
            for ids in known.values():
                ids.discard(exclude)
        kinds: dict[str, str] = {}
        names: dict[str, str] = {}
        for aid, actor in engine.actors.items():
            if aid == exclude:
                continue
            kinds[aid] = actor.get("kind")
            names[aid] = str(actor.get("name", "") or "")
        sources = {sid: str(s.get("title", sid) or sid) for sid, s in engine.sources.items()}
        return cls(known_ids=known, actor_kinds=kinds, actor_names=names, sources=sources)


# ---------------------------------------------------------------------------- parsing helpers


def split_list(text: str) -> list[str]:
    """``"a, b ,,c"`` -> ``["a", "b", "c"]``."""
    return [t.strip() for t in text.split(",") if t.strip()]


def parse_actor_specs(text: str) -> list[dict[str, Any]]:
    """``"kim-jong-un:host, vladimir-putin"`` -> ``[{"id", "role"?}, ...]``."""
    out = []
    for spec in split_list(text):
        aid, _, role = spec.partition(":")
        item: dict[str, Any] = {"id": aid.strip()}
        if role.strip():
            item["role"] = role.strip()
        out.append(item)
    return out


def actor_specs_text(actors: Any) -> str:
    parts = []
    for a in actors or ():
        if isinstance(a, dict) and a.get("id"):
            parts.append(str(a["id"]) + (f":{a['role']}" if a.get("role") else ""))
    return ", ".join(parts)


def form_field_of(problem_field: str | None) -> str:
    """The form field a validator's field path belongs to (``actors[1].id`` -> ``actors``)."""
    if not problem_field:
        return "general"
    base = re.split(r"[\[.]", problem_field, maxsplit=1)[0]
    if base == "evidence":
        return "evidence_source" if problem_field.endswith(".source") else "evidence_quote"
    if base in ("date_note", "date_inferred"):
        return "date"
    if base == "inferred":
        return "inferred_note"
    return base


class TokenSuggester(Suggester):
    """Completes the last comma-separated token (before any ``:role``) from ``candidates``."""

    def __init__(self, candidates: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.candidates = sorted(candidates)

    async def get_suggestion(self, value: str) -> str | None:
        head, sep, token = value.rpartition(",")
        lead = token[: len(token) - len(token.lstrip())]
        token = token.lstrip()
        if not token or ":" in token:
            return None
        low = token.lower()
        for cand in self.candidates:
            if cand.lower().startswith(low) and cand.lower() != low:
                return head + sep + lead + token + cand[len(token) :]
        return None


# ---------------------------------------------------------------------------- the form


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "input"  # input | text | select | sectors
    placeholder: str = ""
    required: bool = False


EVENT_FIELDS = (
    Field(
        "id",
        "Id",
        placeholder="lower-case letters, digits and '-', e.g. 2025-my-event",
        required=True,
    ),
    Field("date", "Date", placeholder="YYYY, YYYY-MM or YYYY-MM-DD", required=True),
    Field(
        "end_date",
        "End date",
        placeholder="optional, a span: it lasted until this date (same form, not before)",
    ),
    Field(
        "latest",
        "Latest",
        placeholder="optional, a window: it happened once, some time up to this date",
    ),
    Field("season", "Season", kind="select"),
    Field("title", "Title", required=True),
    Field("summary", "Summary", kind="text"),
    Field(
        "sectors",
        "Sectors",
        kind="sectors",
        placeholder="comma-separated, or tick below",
        required=True,
    ),
    Field(
        "actors", "Actors", placeholder="actor ids, each with an optional :role, comma-separated"
    ),
    Field("places", "Places", placeholder="ids of actors of kind place, comma-separated"),
    Field("status", "Status", kind="select"),
    Field("type", "Type", kind="select"),
    Field(
        "inferred_note",
        "Inferred",
        placeholder="optional: what this record reads into its source that it does not state",
    ),
    Field("evidence_source", "Evidence source", placeholder="optional: a source id"),
    Field(
        "evidence_quote",
        "Evidence quote",
        placeholder=f"optional: {schema.QUOTE_MIN}..{schema.QUOTE_MAX} characters, verbatim",
    ),
)

ACTOR_FIELDS = (
    Field(
        "id",
        "Id",
        placeholder="lower-case letters, digits and '-', e.g. ivan-petrov",
        required=True,
    ),
    Field("name", "Name", required=True),
    Field("kind", "Kind", kind="select", required=True),
    Field("country", "Country", kind="select"),
    Field("aliases", "Aliases", placeholder="other names, comma-separated (any script)"),
    Field("description", "Description", kind="text"),
    Field(
        "inferred_note",
        "Inferred",
        placeholder="optional: what this record reads into its source that it does not state",
    ),
    Field("evidence_source", "Evidence source", placeholder="optional: a source id"),
    Field(
        "evidence_quote",
        "Evidence quote",
        placeholder=f"optional: {schema.QUOTE_MIN}..{schema.QUOTE_MAX} characters, verbatim",
    ),
)

SELECT_OPTIONS: dict[str, dict[str, str]] = {
    "status": schema.STATUSES,
    "type": schema.EVENT_TYPES,
    "kind": schema.ACTOR_KINDS,
    "country": schema.COUNTRIES,
    "season": schema.SEASONS,
}


class RecordForm(ModalScreen["dict[str, Any] | None"]):
    """Add (``record=None``) or edit an event or an actor; dismisses with the record or None."""

    DEFAULT_CSS = """
    RecordForm { align: center middle; }
    RecordForm > #form-box {
        width: 95%; max-width: 110; height: 95%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    RecordForm #form-title { text-style: bold; height: auto; }
    RecordForm #form-fields { height: 1fr; }
    RecordForm .field-label { height: 1; margin-top: 1; color: $text; text-style: bold; }
    RecordForm .field-error { height: auto; color: $error; }
    RecordForm .field-error.-empty { display: none; }
    RecordForm .field-hint { height: auto; color: $text-muted; }
    RecordForm .field-hint.-empty { display: none; }
    RecordForm TextArea { height: 4; }
    RecordForm SelectionList { height: 7; }
    RecordForm #form-buttons { height: 3; align-horizontal: right; }
    RecordForm #form-summary { height: auto; color: $text-muted; }
    RecordForm #form-summary.-invalid { color: $error; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="form_save", priority=True),
        Binding("escape", "cancel", "Cancel", id="form_cancel", priority=True),
    ]

    def __init__(
        self,
        kind: str,
        context: FormContext,
        record: Mapping[str, Any] | None = None,
        prefill: Mapping[str, Any] | None = None,
    ) -> None:
        """``record``: the record being edited; ``prefill``: fields a new record starts with
        (e.g. the evidence chosen in the reader)."""
        super().__init__()
        if kind not in TABLE_OF:
            raise ValueError(f"cannot make a form for {kind!r}")
        self.kind = kind
        self.table = TABLE_OF[kind]
        self.context = context
        self.original = copy.deepcopy(dict(record)) if record is not None else None
        self.prefill = copy.deepcopy(dict(prefill)) if prefill is not None else {}
        self.fields = EVENT_FIELDS if kind == "event" else ACTOR_FIELDS
        self.problems: dict[str, list[str]] = {}
        self._syncing = False
        self._mounted = False
        self._shown: dict[str, str] = {}

    @property
    def editing(self) -> bool:
        return self.original is not None

    # ------------------------------------------------------------------ layout

    def _initial(self, name: str) -> str:
        rec = self.original or self.prefill
        if name == "actors":
            return actor_specs_text(rec.get("actors"))
        if name in ("places", "aliases", "sectors"):
            return ", ".join(str(x) for x in rec.get(name, ()) or ())
        if name.startswith("evidence_"):
            ev = [e for e in rec.get("evidence", ()) or () if isinstance(e, dict)]
            return str(ev[0].get(name[len("evidence_") :], "") or "") if ev else ""
        value = rec.get(name)
        return "" if value is None else str(value)

    def _widget_for(self, f: Field) -> Widget:
        wid = f"f-{f.name}"
        if f.kind == "text":
            return TextArea(self._initial(f.name), id=wid, soft_wrap=True, tab_behavior="focus")
        if f.kind == "select":
            vocab = SELECT_OPTIONS[f.name]
            options = [(Content(f"{k} — {v}"), k) for k, v in vocab.items()]
            initial = self._initial(f.name)
            value = initial if initial in vocab else Select.NULL
            return Select(
                options,
                id=wid,
                value=value,
                allow_blank=True,
                prompt="(none)" if not f.required else "choose…",
            )
        suggester = None
        if f.name == "actors":
            suggester = TokenSuggester(list(self.context.actor_names))
        elif f.name == "places":
            suggester = TokenSuggester(
                [a for a, k in self.context.actor_kinds.items() if k == "place"]
            )
        elif f.name == "sectors":
            suggester = TokenSuggester(list(schema.SECTORS))
        elif f.name == "evidence_source":
            suggester = TokenSuggester(list(self.context.sources))
        inp = Input(self._initial(f.name), placeholder=f.placeholder, id=wid, suggester=suggester)
        if f.name == "id" and self.editing:
            inp.disabled = True
        return inp

    def compose(self) -> ComposeResult:
        what = "an event" if self.kind == "event" else "an actor"
        title = (
            f"Edit {what} of yours: {clean((self.original or {}).get('id', ''))}"
            if self.editing
            else f"Add {what} of your own"
        )
        with Vertical(id="form-box"):
            yield Static(Content(title), id="form-title", markup=False)
            with VerticalScroll(id="form-fields"):
                for f in self.fields:
                    label = f.label + (" *" if f.required else "")
                    yield Static(
                        Content(label), classes="field-label", markup=False, id=f"label-{f.name}"
                    )
                    yield self._widget_for(f)
                    if f.kind == "sectors":
                        chosen = set(split_list(self._initial("sectors")))
                        yield SelectionList[str](
                            *[
                                (Content(f"{k} — {v}"), k, k in chosen)
                                for k, v in schema.SECTORS.items()
                            ],
                            id="f-sector-list",
                        )
                    if f.name in ("actors", "places", "evidence_source"):
                        yield Static(
                            Content(""),
                            id=f"hint-{f.name}",
                            markup=False,
                            classes="field-hint -empty",
                        )
                    yield Static(
                        Content(""), id=f"err-{f.name}", markup=False, classes="field-error -empty"
                    )
                yield Static(
                    Content(""), id="err-general", markup=False, classes="field-error -empty"
                )
            yield Static(Content(""), id="form-summary", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button("Save (Ctrl+S)", id="form-save", variant="primary", disabled=True)
                yield Button("Cancel (Esc)", id="form-cancel")

    def on_mount(self) -> None:
        self._mounted = True
        first = (
            "f-title"
            if self.editing and self.kind == "event"
            else ("f-name" if self.editing else "f-id")
        )
        self.query_one(f"#{first}").focus()
        self.revalidate()

    # ------------------------------------------------------------------ reading the fields

    def value(self, name: str) -> str:
        widget = self.query_one(f"#f-{name}")
        if isinstance(widget, Input):
            return widget.value
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, Select):
            v = widget.value
            return "" if v is Select.NULL or v is None else str(v)
        return ""

    def record(self) -> dict[str, Any]:
        """The record the fields describe (fields left empty are left out)."""
        rec: dict[str, Any] = copy.deepcopy(self.original) if self.original else {}
        rec.pop("user", None)
        for f in self.fields:
            if f.name.startswith("evidence_"):
                continue
            raw = self.value(f.name)
            text = raw.strip()
            if f.name == "id":
                rec["id"] = (self.original or {}).get("id", text) if self.editing else text
            elif f.name in ("date", "title", "name") and f.required:
                rec[f.name] = text
            elif f.name == "sectors":
                rec["sectors"] = split_list(raw)
            elif f.name == "actors":
                rec["actors"] = parse_actor_specs(raw)
            elif f.name in ("places", "aliases"):
                items = split_list(raw)
                if items or f.name == "places":
                    rec[f.name] = items
                else:
                    rec.pop(f.name, None)
            elif f.kind == "text":
                if text:
                    rec[f.name] = raw.strip("\n")
                else:
                    rec.pop(f.name, None)
            elif f.name == "kind":
                if text:
                    rec["kind"] = text
                else:
                    rec.pop("kind", None)
            elif text:
                rec[f.name] = text
            else:
                rec.pop(f.name, None)
        if rec.get("inferred_note"):  # a note is the inferred marker's reason
            rec["inferred"] = True
        else:
            rec.pop("inferred", None)
        if self.kind == "event":
            rec.setdefault("figures", [])
        src, quote = self.value("evidence_source").strip(), self.value("evidence_quote").strip()
        old_evidence = (self.original or {}).get("evidence", ()) or ()
        rest = [e for e in old_evidence if isinstance(e, dict)][1:]
        if src or quote:
            rec["evidence"] = [{"source": src, "quote": quote}] + rest
        elif rest:
            rec["evidence"] = rest
        else:
            rec.pop("evidence", None)
        return rec

    # ------------------------------------------------------------------ validation

    def validate_now(self) -> dict[str, list[str]]:
        """Problems by form field for what is typed now (``{}`` when it can be saved)."""
        rec = self.record()
        rec["user"] = True
        problems: dict[str, list[str]] = {}

        def add(name: str, msg: str) -> None:
            problems.setdefault(name, [])
            if msg not in problems[name]:
                problems[name].append(msg)

        rid = rec.get("id")
        check = rec
        if not isinstance(rid, str) or not schema.ID_RE.match(rid):
            add(
                "id",
                "required"
                if not rid
                else f"{rid!r} is not a valid id: lower-case letters, digits and '-'",
            )
            check = dict(rec, id=_PLACEHOLDER_ID)  # still check the other fields meanwhile
        for p in validate_record(
            self.table,
            check,
            known_ids=self.context.known_ids,
            actor_kinds=self.context.actor_kinds,
        ):
            name = form_field_of(p.field)
            if name not in {f.name for f in self.fields}:
                name = "general"
                msg = f"{p.field}: {p.message}" if p.field else p.message
            else:
                msg = p.message
            if name == "date" and p.field == "date" and not rec.get("date"):
                msg = "required: YYYY, YYYY-MM or YYYY-MM-DD"
            elif msg == "missing or empty" or (name == "kind" and msg == "missing"):
                msg = "required"
            add(name, msg)
        return problems

    def revalidate(self) -> None:
        if not self._mounted:
            return
        self.problems = self.validate_now()
        for name in [f.name for f in self.fields] + ["general"]:
            msgs = self.problems.get(name, [])
            self._put(f"err-{name}", "\n".join("  ✗ " + clean(m) for m in msgs))
        count = sum(len(v) for v in self.problems.values())
        self._put(
            "form-summary",
            f"{count} problem(s) to fix before saving" if count else "ready to save",
            empty_class=None,
        )
        self.query_one("#form-summary").set_class(bool(count), "-invalid")
        self.query_one("#form-save", Button).disabled = bool(count)
        self._update_hints()

    def _put(self, wid: str, text: str, empty_class: str | None = "-empty") -> None:
        """Show ``text`` (plain) in Static ``#wid``; only when it changed (no needless layout)."""
        if self._shown.get(wid) == text:
            return
        self._shown[wid] = text
        widget = self.query_one(f"#{wid}", Static)
        widget.update(Content(text))
        if empty_class:
            widget.set_class(not text, empty_class)

    def _update_hints(self) -> None:
        for name in ("actors", "places", "evidence_source"):
            if not any(f.name == name for f in self.fields):
                continue
            self._put(f"hint-{name}", self._hint(name))

    def _hint(self, name: str) -> str:
        raw = self.value(name)
        token = raw.rpartition(",")[2].strip().partition(":")[0].strip()
        if not token:
            return ""
        if name == "evidence_source":
            pool = self.context.sources
            if token in pool:
                return "  " + clean(pool[token])
        else:
            pool = {
                a: n
                for a, n in self.context.actor_names.items()
                if name == "actors" or self.context.actor_kinds.get(a) == "place"
            }
            if token in pool:
                return "  " + clean(pool[token])
        low = fold(token)
        hits = [
            rid for rid, label in pool.items() if rid.startswith(low) or low in fold(str(label))
        ][:5]
        if not hits:
            return "  no match for " + repr(token)
        return "  " + " · ".join(f"{rid} ({clean(pool[rid])[:30]})" for rid in hits)

    # ------------------------------------------------------------------ events

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "f-sectors" and not self._syncing:
            self._sync_list_from_text()
        self.revalidate()

    @on(TextArea.Changed)
    @on(Select.Changed)
    def _other_changed(self) -> None:
        self.revalidate()

    @on(SelectionList.SelectedChanged)
    def _sector_list_changed(self, event: SelectionList.SelectedChanged) -> None:
        if self._syncing:
            return
        chosen = list(event.selection_list.selected)
        inp = self.query_one("#f-sectors", Input)
        typed = split_list(inp.value)
        unknown = [s for s in typed if s not in schema.SECTORS]
        ordered = [s for s in typed if s in chosen] + [s for s in chosen if s not in typed]
        new = ", ".join(ordered + unknown)
        if split_list(new) != typed:
            self._syncing = True
            try:
                inp.value = new
            finally:
                self._syncing = False
        self.revalidate()

    def _sync_list_from_text(self) -> None:
        sl = self.query_one("#f-sector-list", SelectionList)
        want = {
            s for s in split_list(self.query_one("#f-sectors", Input).value) if s in schema.SECTORS
        }
        if want == set(sl.selected):
            return
        self._syncing = True
        try:
            for s in schema.SECTORS:
                if s in want:
                    sl.select(s)
                else:
                    sl.deselect(s)
        finally:
            self._syncing = False

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        self.revalidate()
        if self.problems:
            count = sum(len(v) for v in self.problems.values())
            self.notify(
                f"not saved: {count} problem(s) in the form",
                severity="warning",
                markup=False,
                timeout=3,
            )
            return
        rec = self.record()
        rec.pop("user", None)
        self.dismiss(rec)

    def action_cancel(self) -> None:
        for select in self.query(Select):
            if select.expanded:
                select.expanded = False
                select.focus()
                return
        self.dismiss(None)


class RecordKindPicker(ModalScreen["str | None"]):
    """Ask what to add: ``e`` an event, ``a`` an actor; Esc cancels."""

    DEFAULT_CSS = """
    RecordKindPicker { align: center middle; }
    RecordKindPicker > #kind-box {
        width: 44; height: auto; border: thick $primary; background: $surface; padding: 0 1;
    }
    RecordKindPicker #kind-buttons { height: 3; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "pick('event')", "Event"),
        Binding("a", "pick('actor')", "Actor"),
        Binding("escape", "pick('')", "Cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="kind-box"):
            yield Static(
                Content("Add a record of your own: e event · a actor · Esc cancel"), markup=False
            )
            with Horizontal(id="kind-buttons"):
                yield Button("Event (e)", id="kind-event", variant="primary")
                yield Button("Actor (a)", id="kind-actor")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_pick((event.button.id or "").removeprefix("kind-"))

    def action_pick(self, kind: str) -> None:
        self.dismiss(kind or None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; ``y`` confirms, ``n``/Esc declines. The question is plain text."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > #confirm-box {
        width: 70; max-width: 95%; height: auto;
        border: thick $error; background: $surface; padding: 0 1;
    }
    ConfirmScreen #confirm-buttons { height: 3; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, yes: str = "Yes (y)", no: str = "No (n)") -> None:
        super().__init__()
        self.question = question
        self.yes, self.no = yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(Content(self.question), id="confirm-question", markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button(self.yes, id="confirm-yes", variant="error")
                yield Button(self.no, id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_answer(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(bool(yes))
