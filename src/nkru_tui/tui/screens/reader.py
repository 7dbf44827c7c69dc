"""The reader: a source's kept text, wrapped to the terminal, with every cited passage marked.

- Cited passages are underlined and carry a gutter mark (``┃``) on their rows; Enter on one
  goes to the record citing it (the screen is dismissed with ``("record", id)``).
- ``/`` finds in the text (case-insensitive), and the same name written in another script
  (``Lavrov`` finds «Лавров» and 라브로프: the search's phonetic keys, ``core/textsearch``);
  ``n``/``N`` the next and previous match.
- A cursor (arrows, ``w``/``b`` by word, ``)``/``(`` by sentence) and a selection: ``v``
  starts one at the cursor and the cursor movements extend it (by word, by sentence); ``c``
  cites the selection, or the current find match, on a new event (dismissed with
  ``("new_event", evidence)`` for the caller to open the add form) or on an existing record of
  the user's own (verified and saved here through the ``SourceLibrary``).

The text is untrusted: it is drawn as plain segments, never parsed as markup. Styles are
underline/reverse/bold, so everything is still told apart with NO_COLOR.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...core.textsearch import merge_spans
from ..reader_layout import ReaderLayout

GUTTER = 2
CITED = Style(underline=True, color="cyan")
MATCH = Style(reverse=True)
CURRENT = Style(reverse=True, bold=True, color="yellow")
SELECTED = Style(reverse=True, color="green")
CURSOR = Style(reverse=True, bold=True)
MARK = Style(bold=True, color="cyan")

_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…。]+[\"'»”’)]*(?=\s|$)|\n\s*\n")


@dataclass(frozen=True)
class Passage:
    """A cited span of the text and the record citing it."""

    start: int
    end: int
    record_id: str
    label: str = ""


def _safe(ch: str) -> str:
    """What is drawn for one character of the text: one character, never a control."""
    o = ord(ch)
    if ch == "\t":
        return " "
    if o < 0x20 or 0x7F <= o < 0xA0:
        return "\ufffd"
    return ch


class SourceText(ScrollView, can_focus=True):
    """The wrapped text, drawn a row at a time (only the rows on screen are made)."""

    DEFAULT_CSS = """
    SourceText { height: 1fr; }
    """

    def __init__(self, text: str, passages: Sequence[Passage] = (), **kw: Any) -> None:
        super().__init__(**kw)
        self.text = text
        self.passages = sorted(passages, key=lambda p: (p.start, p.end))
        self._pstarts = [p.start for p in self.passages]
        self.layout_: ReaderLayout | None = None
        self.cursor = 0
        self.sel_anchor: int | None = None  # selection anchor (selection = anchor..cursor)
        self.matches: list[tuple[int, int]] = []
        self.current: int | None = None  # index into matches
        self._mstarts: list[int] = []
        self._pending_jump: int | None = None

    # ------------------------------------------------------------------ layout

    def _text_width(self) -> int:
        return max(8, self.scrollable_content_region.width - GUTTER)

    def _layout(self) -> ReaderLayout:
        width = self._text_width()
        if self.layout_ is None or self.layout_.width != width:
            self.layout_ = ReaderLayout(self.text, width)
            self.layout_.ensure_rows(self.size.height + 1)
            self._update_size()
        return self.layout_

    def _update_size(self) -> None:
        lay = self.layout_
        if lay is None:
            return
        rows = len(lay) if lay.done else max(len(lay), self.size.height + 1)
        self.virtual_size = Size(self._text_width() + GUTTER, rows)

    def on_mount(self) -> None:
        self.set_interval(0.05, self._grow)

    def on_resize(self) -> None:
        self._layout()
        self.scroll_to_offset(self.cursor, center=False)

    def _grow(self) -> None:
        """Make more rows in the background, a bounded step at a time."""
        lay = self.layout_
        if lay is None or lay.done:
            return
        lay.extend(3000)
        self._update_size()

    # ------------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        lay = self._layout()
        row = int(self.scroll_offset.y) + y
        lay.ensure_rows(row + 1)
        if row >= len(lay):
            return Strip.blank(self.size.width)
        s, e = lay.starts[row], lay.ends[row]
        width = self._text_width()
        cited = self._passages_in(s, e)
        mark = Segment("┃ ", MARK) if cited else Segment("  ")
        segs = [mark]
        bounds = {s, e}
        for a, b, _ in cited:
            bounds.update((max(s, a), min(e, b)))
        for a, b in self._matches_in(s, e):
            bounds.update((max(s, a), min(e, b)))
        sel = self.selection()
        if sel:
            bounds.update((min(max(s, sel[0]), e), max(min(e, sel[1]), s)))
        if s <= self.cursor < e or (self.cursor == e and e == len(self.text)):
            bounds.update((self.cursor, min(e, self.cursor + 1)))
        cuts = sorted(b for b in bounds if s <= b <= e)
        cur_match = self.matches[self.current] if self.current is not None else None
        for a, b in pairwise(cuts):
            if a >= b:
                continue
            style = Style()
            if any(pa <= a < pb for pa, pb, _ in cited):
                style += CITED
            if any(ma <= a < mb for ma, mb in self._matches_in(a, b)):
                style += CURRENT if cur_match and cur_match[0] <= a < cur_match[1] else MATCH
            if sel and sel[0] <= a < sel[1]:
                style += SELECTED
            if a == self.cursor:
                style += CURSOR
            segs.append(Segment("".join(map(_safe, self.text[a:b])), style))
        if self.cursor == e and s <= e and (e == len(self.text) or self.text[e : e + 1] == "\n"):
            segs.append(Segment(" ", CURSOR))
        strip = Strip(segs).crop(0, width + GUTTER)
        return strip.extend_cell_length(self.size.width)

    def _passages_in(self, s: int, e: int) -> list[tuple[int, int, Passage]]:
        out = []
        i = bisect_left(self._pstarts, e)
        for p in self.passages[:i]:
            if p.end > s and p.start < e:
                out.append((p.start, p.end, p))
        return out

    def _matches_in(self, s: int, e: int) -> list[tuple[int, int]]:
        if not self.matches:
            return []
        i = max(0, bisect_right(self._mstarts, s) - 1)
        out = []
        while i < len(self.matches) and self.matches[i][0] < e:
            a, b = self.matches[i]
            if b > s:
                out.append((a, b))
            i += 1
        return out

    # ------------------------------------------------------------------ cursor

    def selection(self) -> tuple[int, int] | None:
        if self.sel_anchor is None:
            return None
        a, b = sorted((self.sel_anchor, self.cursor))
        b = min(len(self.text), b + 1)  # the character under the cursor is in it
        return (a, b) if a < b else None

    def move_to(self, offset: int) -> None:
        self.cursor = max(0, min(len(self.text), offset))
        self.scroll_to_offset(self.cursor)
        self.refresh()
        self.post_message(SourceText.Moved())

    def scroll_to_offset(self, offset: int, center: bool = True) -> None:
        lay = self._layout()
        row = lay.row_of(offset)
        self._update_size()
        top, h = int(self.scroll_offset.y), max(1, self.size.height)
        if not top <= row < top + h:
            target = max(0, row - h // 3) if center else row
            self.scroll_to(y=target, animate=False, force=True)

    def row_col(self) -> tuple[int, int]:
        lay = self._layout()
        row = lay.row_of(self.cursor)
        return row, self.cursor - lay.starts[row]

    def move_rows(self, delta: int) -> None:
        lay = self._layout()
        row, col = self.row_col()
        target = max(0, row + delta)
        lay.ensure_rows(target + 1)
        target = min(target, len(lay) - 1)
        s, e = lay.starts[target], lay.ends[target]
        self.move_to(min(s + col, max(s, e - 1) if e > s else s))

    def next_word(self, forward: bool = True) -> None:
        t, c = self.text, self.cursor
        if forward:
            i = c
            while i < len(t) and _is_word(t[i]):  # past the word under the cursor
                i += 1
            m = _WORD.search(t, i)
            if self.sel_anchor is not None and m is not None:  # a selection takes whole words
                self.move_to(m.end() - 1)
                return
            self.move_to(m.start() if m else len(t))
        else:
            lo = max(0, c - 400)
            starts = [m.start() for m in _WORD.finditer(t, lo, c) if m.start() < c]
            self.move_to(starts[-1] if starts else lo)

    def word_end(self) -> None:
        """Extend to the end of the word at or after the cursor (for selections)."""
        m = _WORD.search(self.text, self.cursor + 1)
        self.move_to(m.end() - 1 if m else len(self.text) - 1)

    def next_sentence(self, forward: bool = True) -> None:
        t, c = self.text, self.cursor
        if forward:
            m = _SENTENCE_END.search(t, c + 1)
            if self.sel_anchor is not None:  # a selection grows to the sentence's end
                self.move_to(m.end() - 1 if m else len(t) - 1)
                return
            if not m:
                self.move_to(len(t))
                return
            i = m.end()
            while i < len(t) and t[i].isspace():
                i += 1
            self.move_to(i)
        else:
            lo = max(0, c - 2000)
            ends = [m.end() for m in _SENTENCE_END.finditer(t, lo, max(lo, c - 1))]
            i = ends[-1] if ends else lo
            while i < c and i < len(t) and t[i].isspace():
                i += 1
            self.move_to(i)

    # ------------------------------------------------------------------ find

    def find(self, needle: str) -> int:
        """Find ``needle`` as written (case-insensitive), and its words written in another
        script; returns how many matches."""
        self.matches, self.current = [], None
        if needle:
            found: list[tuple[int, int]] = []
            folded, n = self.text.casefold(), needle.casefold()
            if len(folded) == len(self.text):  # casefold kept every offset
                i = folded.find(n)
                while i >= 0 and len(found) < 100_000:
                    found.append((i, i + len(n)))
                    i = folded.find(n, i + max(1, len(n)))
            else:
                for m in re.finditer(re.escape(needle), self.text, re.IGNORECASE):
                    found.append(m.span())
            self.matches = merge_spans(found + other_scripts(self.text, needle))
        self._mstarts = [a for a, _ in self.matches]
        self.refresh()
        return len(self.matches)

    def goto_match(self, forward: bool = True) -> tuple[int, int] | None:
        if not self.matches:
            return None
        if self.current is None:
            i = bisect_left(self._mstarts, self.cursor)
            if not forward:
                i -= 1
        else:
            i = self.current + (1 if forward else -1)
        i %= len(self.matches)
        self.current = i
        self.move_to(self.matches[i][0])
        return i + 1, len(self.matches)

    def passage_at(self, offset: int) -> Passage | None:
        for a, b, p in self._passages_in(offset, offset + 1):
            if a <= offset < b:
                return p
        return None

    def add_passage(self, p: Passage) -> None:
        self.passages = sorted([*self.passages, p], key=lambda q: (q.start, q.end))
        self._pstarts = [q.start for q in self.passages]
        self.refresh()

    class Moved(Message):
        """The cursor moved (the screen updates its status line)."""


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def other_scripts(text: str, needle: str) -> list[tuple[int, int]]:
    """Spans of ``text`` holding the words of ``needle`` written in another script (Лавров
    for Lavrov, 최선희 for Choe Son Hui), found as the search finds them; a needle that is not
    a query of words (an unclosed quote, a qualifier) finds nothing here."""
    from ...core.errors import QueryError
    from ...core.query import parse_query
    from ...core.sources import line_index
    from ...core.textsearch import Marks, marks_for

    try:
        q = parse_query(needle)
    except QueryError:
        return []
    if not q.terms:
        return []
    lines = line_index(text)
    return lines.find(Marks(seqs=marks_for(q, [lines.index.phonetic()]).seqs))


class CitePicker(ModalScreen["str | None"]):
    """Where to cite the chosen passage: a new event, or a record of the user's own."""

    DEFAULT_CSS = """
    CitePicker { align: center middle; }
    CitePicker > Vertical { width: 70; max-width: 100%; height: auto; max-height: 20;
        border: round $accent; padding: 0 1; background: $panel; }
    CitePicker #cite-quote { height: auto; max-height: 4; margin-bottom: 1; }
    CitePicker OptionList { height: auto; max-height: 12; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, quote: str, records: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.quote = quote
        self.records = list(records)

    def compose(self) -> ComposeResult:
        with Vertical():
            shown = " ".join("".join(map(_safe, self.quote)).split())
            yield Static(
                Content("Cite «") + Content(shown[:200]) + Content("» on:"), id="cite-quote"
            )
            opts = [
                Option(
                    Content("+ a new event (the add form opens with this evidence)"), id="__new__"
                )
            ]
            for rid, label in self.records:
                opts.append(Option(Content(f"{label}  [{rid}]"), id=rid))
            yield OptionList(*opts, id="cite-targets")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReaderScreen(Screen["tuple[str, Any] | None"]):
    """A source's text. ``library`` (a ``SourceLibrary``) verifies and saves citations;
    ``own_records`` lists ``(id, label)`` of the user's records that can take one."""

    DEFAULT_CSS = """
    ReaderScreen #reader-title { height: 1; background: $boost; text-style: bold;
        padding: 0 1; }
    ReaderScreen #reader-status { height: 1; background: $boost; padding: 0 1; }
    ReaderScreen #reader-find { display: none; height: 3; }
    ReaderScreen.-finding #reader-find { display: block; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("q", "close", "Close", show=False),
        Binding("slash", "find", "Find"),
        Binding("n", "next_match", "Next", show=False),
        Binding("N", "prev_match", "Prev", show=False),
        Binding("up,k", "rows(-1)", "Up", show=False),
        Binding("down,j", "rows(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("left,h", "chars(-1)", "Left", show=False),
        Binding("right,l", "chars(1)", "Right", show=False),
        Binding("w", "word(True)", "Word", show=False),
        Binding("b", "word(False)", "Back a word", show=False),
        Binding("e", "word_end", "End of word", show=False),
        Binding("right_parenthesis", "sentence(True)", "Sentence", show=False),
        Binding("left_parenthesis", "sentence(False)", "Back a sentence", show=False),
        Binding("home,g", "edge(False)", "Top", show=False),
        Binding("end,G", "edge(True)", "Bottom", show=False),
        Binding("v", "select", "Select"),
        Binding("c", "cite", "Cite"),
        Binding("enter", "open_record", "Go to record"),
    ]

    def __init__(
        self,
        source_id: str,
        title: str,
        text: str,
        passages: Sequence[Passage] = (),
        *,
        at: int | None = None,
        library: Any = None,
        own_records: Sequence[tuple[str, str]] = (),
        submit_cite: Callable[..., None] | None = None,
        find: str | None = None,
    ) -> None:
        """``submit_cite(record_id, quote, occurrence, done)`` saves a cite on an existing
        record (the App's user client) and calls ``done((record, cite, added))``; without it
        ``library.cite`` is called here."""
        super().__init__()
        self.source_id = source_id
        self.title_text = title
        self.text = text
        self.passages = list(passages)
        self.at = at
        self.library = library
        self.own_records = list(own_records)
        self.submit_cite = submit_cite
        self.find_text = find
        self.message = ""

    @property
    def view(self) -> SourceText:
        return self.query_one(SourceText)

    def compose(self) -> ComposeResult:
        title = " ".join("".join(map(_safe, self.title_text)).split())
        yield Static(Content(f"{title}  [{self.source_id}]"), id="reader-title")
        yield SourceText(self.text, self.passages, id="reader-text")
        yield Input(placeholder="find in the text (Enter; Esc to cancel)", id="reader-find")
        yield Static(Content(""), id="reader-status")

    def on_mount(self) -> None:
        self.view.focus()
        if self.at is not None:
            self.call_after_refresh(self.view.move_to, self.at)
        elif self.find_text:
            self.call_after_refresh(self.run_find, self.find_text)
        self.update_status()

    # ------------------------------------------------------------------ status

    def say(self, message: str) -> None:
        self.message = message
        self.update_status()

    def update_status(self) -> None:
        v = self.view
        parts = []
        lay = v.layout_
        if lay is not None and len(lay):
            row = lay.row_of(v.cursor)
            total = f"{len(lay)}" if lay.done else f"{len(lay)}+"
            parts.append(f"row {row + 1}/{total}")
        sel = v.selection()
        if sel:
            parts.append(f"selected {sel[1] - sel[0]} chars (c: cite)")
        elif v.current is not None:
            parts.append(f"match {v.current + 1}/{len(v.matches)}")
        p = v.passage_at(v.cursor)
        if p is not None:
            parts.append(f"cited by {p.record_id} (Enter)")
        if self.message:
            parts.append(self.message)
        if not parts:
            parts.append("/ find · v select · c cite · Enter go to record · Esc back")
        self.query_one("#reader-status", Static).update(Content(" · ".join(parts)))

    @on(SourceText.Moved)
    def _moved(self) -> None:
        self.update_status()

    # ------------------------------------------------------------------ actions

    def action_rows(self, delta: int) -> None:
        self.view.move_rows(delta)

    def action_page(self, direction: int) -> None:
        self.view.move_rows(direction * max(1, self.view.size.height - 1))

    def action_chars(self, delta: int) -> None:
        self.view.move_to(self.view.cursor + delta)

    def action_word(self, forward: bool) -> None:
        self.view.next_word(forward)

    def action_word_end(self) -> None:
        self.view.word_end()

    def action_sentence(self, forward: bool) -> None:
        self.view.next_sentence(forward)

    def action_edge(self, end: bool) -> None:
        v = self.view
        if end and v.layout_ is not None:
            v.layout_.complete()
            v._update_size()
        v.move_to(len(v.text) if end else 0)

    def action_select(self) -> None:
        v = self.view
        v.sel_anchor = None if v.sel_anchor is not None else v.cursor
        v.refresh()
        self.say(
            "selecting: move to extend (w word, ) sentence), c to cite"
            if v.sel_anchor is not None
            else ""
        )

    def action_find(self) -> None:
        self.add_class("-finding")
        box = self.query_one("#reader-find", Input)
        box.focus()

    @on(Input.Submitted, "#reader-find")
    def _find_submitted(self, event: Input.Submitted) -> None:
        self.remove_class("-finding")
        self.run_find(event.value)

    def run_find(self, needle: str) -> None:
        """Find ``needle``, go to the first match, and say how many there are."""
        v = self.view
        v.sel_anchor = None  # the current match is what `c` cites now
        n = v.find(needle)
        v.focus()
        if n:
            v.goto_match(True)
            self.say(f"{n} match(es) for {needle!r}: n next, N previous")
        else:
            self.say(f"no match for {needle!r}" if needle else "")

    def action_next_match(self) -> None:
        if self.view.goto_match(True) is None:
            self.say("no find: / to find")

    def action_prev_match(self) -> None:
        if self.view.goto_match(False) is None:
            self.say("no find: / to find")

    def action_back(self) -> None:
        if self.has_class("-finding"):
            self.remove_class("-finding")
            self.view.focus()
            return
        v = self.view
        if v.sel_anchor is not None or v.matches:
            v.sel_anchor = None
            v.matches, v.current, v._mstarts = [], None, []
            v.refresh()
            self.say("")
            return
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_open_record(self) -> None:
        p = self.view.passage_at(self.view.cursor)
        if p is None:
            self.say("the cursor is not on a cited passage")
            return
        self.dismiss(("record", p.record_id))

    def chosen_span(self) -> tuple[int, int] | None:
        v = self.view
        sel = v.selection()
        if sel:
            return sel
        if v.current is not None:
            return v.matches[v.current]
        return None

    def action_cite(self) -> None:
        span = self.chosen_span()
        if span is None:
            self.say("nothing to cite: v selects from the cursor, or / finds a passage")
            return
        if self.library is None:
            self.say("citing needs your user store")
            return
        quote = self.text[span[0] : span[1]].strip()
        try:
            cite = self.verify(span)
        except Exception as exc:  # noqa: BLE001 - a refusal is shown, never raised
            self.say(" ".join(str(exc).split()))
            return

        def picked(target: str | None) -> None:
            if target is None:
                return
            if target == "__new__":
                self.dismiss(("new_event", cite.evidence))
                return
            if self.submit_cite is not None:
                self.submit_cite(
                    target, quote, cite.anchor.occurrence, lambda res: self.cited(target, res)
                )
                return
            try:
                res = self.library.cite(
                    target, self.source_id, quote, occurrence=cite.anchor.occurrence
                )
            except Exception as exc:  # noqa: BLE001
                self.say(" ".join(str(exc).split()))
                return
            self.cited(target, res)

        self.app.push_screen(CitePicker(quote, self.own_records), picked)

    def cited(self, target: str, res: tuple[Any, Any, bool]) -> None:
        """A cite on ``target`` is saved: mark its passage."""
        _rec, c, added = res
        v = self.view
        v.sel_anchor = None
        v.add_passage(Passage(c.anchor.start, c.anchor.end, target))
        self.say(f"cited on {target}" if added else f"{target} already cites it")

    def verify(self, span: tuple[int, int]) -> Any:
        """The passage ``span`` verified as evidence (exact tier, that very occurrence)."""
        raw = self.text[span[0] : span[1]]
        quote = raw.strip()
        start = span[0] + (len(raw) - len(raw.lstrip()))
        occurrence = 1
        i = self.text.find(quote)
        while 0 <= i < start:
            occurrence += 1
            i = self.text.find(quote, i + 1)
        return self.library.verify(self.source_id, quote, occurrence=occurrence)


__all__ = ["CitePicker", "Passage", "ReaderScreen", "SourceText"]
