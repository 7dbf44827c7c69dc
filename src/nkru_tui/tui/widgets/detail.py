"""The detail pane: one event or actor in full, with its links.

Every line is plain ``rich.text.Text`` built from the record's strings (never markup). Links
(actors, places, related events, relations, an actor's events) are whole lines; a link cursor
moves over them with the arrow keys or j/k and Enter posts ``DetailView.LinkActivated``. The
screen keeps the history; this pane only shows what it is told to (``show_event``/``show_actor``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...core.control import CONTROL_IN_TEXT
from ...core.render import (
    actor_meta,
    figure_line,
    inferred_line,
    relation_notes,
    relation_text,
    status_text,
)
from ...core.textsearch import Marks
from ..text import Terms, as_marks, clean, date_label, date_long, match_spans
from .vlist import focus_cursor_style

MAX_LISTED_EVENTS = 200
NARROW_PREFIX = "@narrow:"
# An evidence quote: "@quote:RECORD_ID:INDEX" (Enter opens the reader at that passage).
QUOTE_PREFIX = "@quote:"
# One of the user's notes: "@note:NOTE_ID" (Enter opens the editor on that note).
NOTE_PREFIX = "@note:"

Block = tuple[Text, "str | None"]


def note_lines(note: str) -> list[str]:
    """A note's lines as typed (indentation kept), with tabs and control characters made safe."""
    return [
        CONTROL_IN_TEXT.sub(" ", line.expandtabs(4)).rstrip() for line in str(note).splitlines()
    ]


def user_section_lines(
    engine,
    rid: str,
    *,
    heading: Style | None = None,
    status: Style | None = None,
) -> list[Text]:
    """The user's part of a record's detail, one ``Text`` per line (empty list: nothing to show)."""
    return [t for t, _ in user_section_blocks(engine, rid, heading=heading, status=status)]


def user_section_blocks(
    engine,
    rid: str,
    *,
    heading: Style | None = None,
    status: Style | None = None,
    link: Style | None = None,
    muted: Style | None = None,
) -> list[Block]:
    """The user's part of a record's detail as ``(line, link target)`` blocks.

    ``★ Bookmarked``, ``Added by you (E edit · D delete)`` and a ``My notes (N)`` heading
    followed by each note: a link line ``✎ NOTE_ID · updated TIME`` (target
    ``@note:NOTE_ID``: Enter edits that note) and the note's lines, indented. A snapshot
    without ``note_list`` shows its joined ``notes`` text under ``My note``. Built from plain
    strings: ``[/]`` or ``[@click=app.quit]`` in a note shows literally.
    """
    user = engine.user if engine is not None else None
    rec = engine.get(rid) if engine is not None else None
    blocks: list[Block] = []
    status = status or Style()
    heading = heading or Style(bold=True)
    if user is not None and rid in user.bookmarks:
        blocks.append((Text("★ Bookmarked", style=status), None))
    if isinstance(rec, dict) and rec.get("user"):
        blocks.append((Text("Added by you (E edit · D delete)", style=status), None))
    note_list = (getattr(user, "note_list", None) or {}) if user is not None else {}
    listed = [
        n for n in note_list.get(rid, ()) if isinstance(n, dict) and isinstance(n.get("id"), str)
    ]
    if listed:
        if blocks:
            blocks.append((Text(""), None))
        blocks.append((Text(f"My notes ({len(listed)})", style=heading), None))
        for n in listed:
            item = Text("  ✎ ")
            item.append(clean(n["id"]), style=link or Style(underline=True))
            when = n.get("updated") or n.get("created")
            if when:
                item.append(f" · updated {clean(str(when))}", style=muted or Style(dim=True))
            blocks.append((item, NOTE_PREFIX + n["id"]))
            for text_line in note_lines(str(n.get("text", ""))) or [""]:
                blocks.append((Text("    " + text_line), None))
        return blocks
    note = user.notes.get(rid) if user is not None else None
    if note:
        if blocks:
            blocks.append((Text(""), None))
        blocks.append((Text("My note", style=heading), None))
        for line in note_lines(note) or [""]:
            blocks.append((Text("  " + line), None))
    return blocks


def user_section(engine, rid: str, **styles: Any) -> Text:
    """``user_section_lines`` joined into one ``Text`` (empty when there is nothing)."""
    return Text("\n").join(user_section_lines(engine, rid, **styles))


class DetailView(ScrollView, can_focus=True):
    """An event or an actor, with keyboard-followable links."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "next_link", "Next link", show=False),
        Binding("j", "next_link", "Next link", show=False),
        Binding("up", "prev_link", "Previous link", show=False),
        Binding("k", "prev_link", "Previous link", show=False),
        Binding("enter", "follow", "Follow link", id="follow"),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home", "top", "Top", show=False),
        Binding("g", "top", "Top", show=False),
        Binding("end", "bottom", "Bottom", show=False),
        Binding("G", "bottom", "Bottom", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "detail--title",
        "detail--heading",
        "detail--muted",
        "detail--link",
        "detail--match",
        "detail--status",
        "detail--cursor",
        "detail--cursor-blurred",
    }

    DEFAULT_CSS = """
    DetailView {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        & > .detail--title { text-style: bold; color: $text; }
        & > .detail--heading { text-style: bold; color: $primary; }
        & > .detail--muted { color: $text-muted; }
        & > .detail--link { color: $secondary; text-style: underline; }
        & > .detail--match { color: $accent; text-style: bold underline; }
        & > .detail--status { color: $warning; text-style: italic; }
        & > .detail--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .detail--cursor-blurred {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    class LinkActivated(Message):
        """Enter (or a click) on a link to ``target`` (a record id, or ``@narrow:ACTOR``)."""

        def __init__(self, detail: DetailView, target: str) -> None:
            super().__init__()
            self.detail = detail
            self.target = target

        @property
        def control(self) -> DetailView:
            return self.detail

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._blocks: list[Block] = []
        self._lines: list[tuple[Text, int]] = []  # (wrapped line, block index)
        self._block_lines: list[tuple[int, int]] = []  # first line, line count
        self._links: list[int] = []  # block indices that are links
        self._wrapped_for = -1
        self._sized = False  # laid out at least once (its width known)
        self.link_cursor = 0
        self.current_id: str | None = None
        self.current_kind: str | None = None
        # which sources have a text to read here: their quotes become links to the reader
        self.readable: Callable[[str], bool] = lambda source_id: False

    # ------------------------------------------------------------------ down: method calls

    @property
    def links(self) -> list[str]:
        """The link targets in order."""
        return [self._blocks[b][1] or "" for b in self._links]

    @property
    def selected_link(self) -> str | None:
        if 0 <= self.link_cursor < len(self._links):
            return self._blocks[self._links[self.link_cursor]][1]
        return None

    @property
    def plain_text(self) -> str:
        return "\n".join(t.plain for t, _ in self._blocks)

    def show_message(self, text: str) -> None:
        self.current_id = None
        self.current_kind = None
        self._set_blocks([(Text(text, style=self._style("detail--muted")), None)])

    def show_event(self, engine, ev: dict, terms: Terms = (), link: str | None = None) -> None:
        self.current_id = ev.get("id")
        self.current_kind = "event"
        self._set_blocks(list(self._event_blocks(engine, ev, as_marks(terms))), link)

    def show_actor(self, engine, actor: dict, terms: Terms = (), link: str | None = None) -> None:
        self.current_id = actor.get("id")
        self.current_kind = "actor"
        self._set_blocks(list(self._actor_blocks(engine, actor, as_marks(terms))), link)

    def select_link(self, target: str) -> bool:
        for i, b in enumerate(self._links):
            if self._blocks[b][1] == target:
                self.link_cursor = i
                self._reveal_link()
                self.refresh()
                return True
        return False

    # ------------------------------------------------------------------ building

    def _style(self, name: str) -> Style:
        if not self.is_mounted:
            return Style()
        return self.get_component_rich_style(name, partial=True)

    def _hl(self, text: str, terms: Marks, style: Style | None = None) -> Text:
        t = Text(text, style=style or Style())
        match = self._style("detail--match")
        for a, b in match_spans(text, terms):
            t.stylize(match, a, b)
        return t

    def _heading(self, text: str) -> Block:
        return (Text(text, style=self._style("detail--heading")), None)

    def _plain(self, text: str, style: Style | None = None) -> Block:
        return (Text(text, style=style or Style()), None)

    def _link(self, label: str, target: str, suffix: str = "") -> Block:
        t = Text("  → ")
        t.append(label, style=self._style("detail--link"))
        if suffix:
            t.append(suffix, style=self._style("detail--muted"))
        return (t, target)

    def _evidence_blocks(self, engine, rec: dict, terms: Marks) -> Iterable[Block]:
        evidence = [e for e in rec.get("evidence", ()) or () if isinstance(e, dict)]
        if not evidence:
            return
        yield self._plain("")
        yield self._heading(f"Evidence ({len(evidence)})")
        rid = str(rec.get("id", ""))
        for i, e in enumerate(evidence):
            quote = self._hl("  “" + clean(e.get("quote", "")) + "”", terms)
            if e.get("review") or e.get("tier") == "close":
                quote.append("  (close match: needs review)", style=self._style("detail--muted"))
            readable = self.readable(str(e.get("source", "")))
            yield (quote, f"{QUOTE_PREFIX}{rid}:{i}" if readable else None)
            yield self._plain(
                "      — " + clean(engine.source_title(e.get("source", ""))),
                self._style("detail--muted"),
            )

    def _user_blocks(self, engine, rid: str) -> Iterable[Block]:
        yield from user_section_blocks(
            engine,
            rid,
            heading=self._style("detail--heading"),
            status=self._style("detail--status"),
            link=self._style("detail--link"),
            muted=self._style("detail--muted"),
        )

    def _event_blocks(self, engine, ev: dict, terms: Marks) -> Iterable[Block]:
        yield (self._hl(clean(ev.get("title", "")), terms, self._style("detail--title")), None)
        yield self._plain(date_long(ev), self._style("detail--muted"))
        status = status_text(ev)
        if status:
            yield self._plain(f"Status: {clean(status)}", self._style("detail--status"))
        yield from self._inferred_blocks(ev)
        if ev.get("type") and ev["type"] != "occurrence":
            yield self._plain(f"Type: {clean(ev['type'])}", self._style("detail--muted"))
        yield self._plain(
            "Sectors: " + ", ".join(clean(s) for s in ev.get("sectors", ()) or ()),
            self._style("detail--muted"),
        )
        yield from self._user_blocks(engine, ev.get("id", ""))
        if ev.get("summary"):
            yield self._plain("")
            yield (self._hl(clean(ev["summary"]), terms), None)
        actors = [a for a in ev.get("actors", ()) or () if isinstance(a, dict) and a.get("id")]
        if actors:
            yield self._plain("")
            yield self._heading("Actors")
            for a in actors:
                role = f" ({clean(a['role'])})" if a.get("role") else ""
                yield self._link(clean(engine.actor_name(a["id"])), a["id"], role)
        places = list(ev.get("places", ()) or ())
        if places:
            yield self._plain("")
            yield self._heading("Places")
            for p in places:
                yield self._link(clean(engine.actor_name(p)), p)
        figures = [f for f in ev.get("figures", ()) or () if isinstance(f, dict)]
        if figures:
            yield self._plain("")
            yield self._heading("Figures")
            for f in figures:
                yield self._plain("  " + clean(figure_line(f)))
        yield from self._evidence_blocks(engine, ev, terms)
        related = engine.related_events(ev.get("id", "")) if ev.get("id") else []
        if related:
            yield self._plain("")
            yield self._heading("Related events")
            for r in related:
                yield self._link(clean(r.get("title", "")), r["id"], f"  {date_label(r)}")

    def _inferred_blocks(self, rec: dict) -> Iterable[Block]:
        """The inferred marker: what the record reads into its source, and why."""
        line = inferred_line(rec)
        if line:
            yield self._plain(clean(line), self._style("detail--status"))

    def _actor_blocks(self, engine, actor: dict, terms: Marks) -> Iterable[Block]:
        aid = actor.get("id", "")
        yield (self._hl(clean(actor.get("name", "")), terms, self._style("detail--title")), None)
        yield self._plain(
            clean(actor_meta(actor, engine.event_count(aid))), self._style("detail--muted")
        )
        yield from self._inferred_blocks(actor)
        yield from self._user_blocks(engine, aid)
        aliases = [clean(a) for a in actor.get("aliases", ()) or () if a]
        if aliases:
            yield self._plain("")
            yield self._heading("Also known as")
            for alias in aliases:
                yield (self._hl("  " + alias, terms), None)
        if actor.get("description"):
            yield self._plain("")
            yield (self._hl(clean(actor["description"]), terms), None)
        rels = engine.relations_of_actor(aid)
        if rels:
            yield self._plain("")
            yield self._heading(f"Relations ({len(rels)})")
            for r in rels:
                subj, obj = r.get("subject", ""), r.get("object", "")
                other = obj if subj == aid else subj
                label = clean(relation_text(engine.actor_name, r))
                notes = relation_notes(
                    r
                )  # " (2024-06) (inferred: …)"; clean() would strip its space
                yield self._link(label, other, " " + clean(notes) if notes else "")
        yield from self._evidence_blocks(engine, actor, terms)
        evs = engine.events_of_actor(aid)
        yield self._plain("")
        yield self._heading(f"Events ({len(evs)})")
        if evs:
            yield self._link("narrow the timeline to these events", NARROW_PREFIX + aid)
        for e in evs[:MAX_LISTED_EVENTS]:
            yield self._link(clean(e.get("title", "")), e["id"], f"  {date_label(e)}")
        if len(evs) > MAX_LISTED_EVENTS:
            yield self._plain(
                f"  … and {len(evs) - MAX_LISTED_EVENTS} more (narrow the timeline to see all)",
                self._style("detail--muted"),
            )

    # ------------------------------------------------------------------ layout

    def _set_blocks(self, blocks: list[Block], link: str | None = None) -> None:
        self._blocks = blocks
        self._links = [i for i, (_, target) in enumerate(blocks) if target]
        self.link_cursor = 0
        self._wrapped_for = -1
        self._rewrap()
        self.scroll_to(0, 0, animate=False, immediate=True)
        if link:
            self.select_link(link)
        self.refresh()

    def _rewrap(self) -> None:
        if not self.is_mounted:
            return
        if not self._sized:
            # not laid out yet (the store loaded before the first frame): wrapped at the first
            # Resize or render_line, once the width is known, not first at width 1
            self._wrapped_for = -1
            self._lines, self._block_lines = [], []
            return
        width = max(1, self.scrollable_content_region.width)
        if width == self._wrapped_for:
            return
        self._wrapped_for = width
        console = self.app.console
        lines: list[tuple[Text, int]] = []
        self._block_lines = []
        for bi, (text, _) in enumerate(self._blocks):
            start = len(lines)
            if not text.plain:
                lines.append((Text(""), bi))
            else:
                for line in text.wrap(console, width, overflow="fold"):
                    lines.append((line, bi))
            self._block_lines.append((start, len(lines) - start))
        self._lines = lines
        self.virtual_size = Size(0, len(lines))

    def on_resize(self, event: events.Resize) -> None:
        self._sized = True
        self._rewrap()
        self.refresh()

    # ------------------------------------------------------------------ keys

    def _reveal_link(self) -> None:
        if not self._links or not self._block_lines:
            return
        start, n = self._block_lines[self._links[self.link_cursor]]
        self.scroll_to_region(
            Region(0, start, 1, max(1, n)), animate=False, force=True, immediate=True
        )

    def _viewport(self) -> tuple[int, int]:
        top = int(self.scroll_offset.y)
        return top, max(1, self.scrollable_content_region.height)

    def action_next_link(self) -> None:
        top, height = self._viewport()
        nxt = self.link_cursor + 1
        if self._links and nxt < len(self._links) and self._block_lines:
            start, _ = self._block_lines[self._links[nxt]]
            if start < top + height + height // 2:
                self.link_cursor = nxt
                self._reveal_link()
                self.refresh()
                return
        self.scroll_to(y=top + max(1, height - 1), animate=False, immediate=True)

    def action_prev_link(self) -> None:
        top, height = self._viewport()
        prv = self.link_cursor - 1
        if self._links and prv >= 0 and self._block_lines:
            start, _ = self._block_lines[self._links[prv]]
            if start >= top - height // 2:
                self.link_cursor = prv
                self._reveal_link()
                self.refresh()
                return
        self.scroll_to(y=max(0, top - max(1, height - 1)), animate=False, immediate=True)

    def action_page_down(self) -> None:
        top, height = self._viewport()
        self.scroll_to(y=top + max(1, height - 1), animate=False, immediate=True)

    def action_page_up(self) -> None:
        top, height = self._viewport()
        self.scroll_to(y=max(0, top - max(1, height - 1)), animate=False, immediate=True)

    def action_top(self) -> None:
        self.scroll_to(y=0, animate=False, immediate=True)
        if self._links:
            self.link_cursor = 0
            self.refresh()

    def action_bottom(self) -> None:
        self.scroll_to(y=len(self._lines), animate=False, immediate=True)
        if self._links:
            self.link_cursor = len(self._links) - 1
            self.refresh()

    def action_follow(self) -> None:
        target = self.selected_link
        if target:
            self.post_message(self.LinkActivated(self, target))

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        y = offset.y + int(self.scroll_offset.y)
        if 0 <= y < len(self._lines):
            bi = self._lines[y][1]
            if bi in self._links:
                self.link_cursor = self._links.index(bi)
                self.refresh()
                self.post_message(self.LinkActivated(self, self._blocks[bi][1] or ""))

    def _on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh()

    # ------------------------------------------------------------------ rendering

    def render_line(self, y: int) -> Strip:
        self._sized = True
        self._rewrap()
        width = self.scrollable_content_region.width
        base = self.rich_style
        if width <= 0:
            return Strip.blank(0)
        index = y + int(self.scroll_offset.y)
        if index >= len(self._lines):
            return Strip.blank(width, base)
        text, bi = self._lines[index]
        segments = list(Segment.apply_style(text.render(self.app.console, end=""), style=base))
        strip = Strip(segments).adjust_cell_length(width, base)
        if self._links and self._links[self.link_cursor] == bi:
            cursor = focus_cursor_style(self, "detail--cursor")
            strip = Strip(list(Segment.apply_style(strip, post_style=cursor)), width)
        return strip
