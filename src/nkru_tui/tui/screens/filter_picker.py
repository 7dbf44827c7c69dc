"""The filter picker: one list of every filter value, grouped; Enter picks, Esc applies.

It returns a new ``Filters``; the main screen turns it into query qualifiers for the engine.
Next to each value: how many events it would give under the current query and the other
filters, counted by the engine in a worker (a new pick recounts; the stale count is dropped).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..filters import CATEGORIES, LABELS, Filters
from ..text import clean

ANY = "\x00any"


class FilterPicker(ModalScreen["Filters | None"]):
    """Choices: ``{category: [(value, label), ...]}`` for the categories in ``CATEGORIES``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "apply", "Apply and close", id="filter_apply"),
        Binding("f", "apply", "Apply and close", show=False),
        Binding("x", "reset", "Reset all", id="filter_reset"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(
        self,
        filters: Filters,
        choices: dict[str, Sequence[tuple[object, str]]],
        counter: Callable[[Filters], int | None] | None = None,
    ) -> None:
        super().__init__()
        self.filters = filters
        self.choices = choices
        self.counter = counter
        self.counts: dict[tuple[str, object], int | None] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="filter-picker"):
            yield Static(
                Content("Filters — Enter picks a value, Esc applies, x resets all"),
                id="filter-title",
                markup=False,
            )
            yield OptionList(*self._options(), id="filter-options", markup=False)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        # start on the first selectable row
        for i in range(options.option_count):
            if not options.get_option_at_index(i).disabled:
                options.highlighted = i
                break
        self.recount()

    def _candidates(self) -> list[tuple[str, object]]:
        return [
            (cat, value)
            for cat in CATEGORIES
            for value in [ANY, *(v for v, _label in self.choices.get(cat, ()))]
            if self.choices.get(cat)
        ]

    def recount(self) -> None:
        self.counts = {}
        if self.counter is not None:
            self._count(self.filters)

    @work(thread=True, exclusive=True, group="filter-counts", exit_on_error=False)
    def _count(self, filters: Filters) -> None:
        from textual.worker import get_current_worker

        worker = get_current_worker()
        counter = self.counter
        assert counter is not None
        counts: dict[tuple[str, object], int | None] = {}
        for cat, value in self._candidates():
            if worker.is_cancelled:
                return
            counts[(cat, value)] = counter(filters.with_(**{cat: None if value is ANY else value}))
        if not worker.is_cancelled:
            self.app.call_from_thread(self._counted, filters, counts)

    def _counted(self, filters: Filters, counts: dict[tuple[str, object], int | None]) -> None:
        if filters != self.filters:
            return  # a newer pick is being counted
        self.counts = counts
        self._refresh_prompts()

    def _value_of(self, cat: str) -> object:
        return getattr(self.filters, cat)

    def _prompt(self, cat: str, value: object, label: str) -> Content:
        current = self._value_of(cat)
        chosen = (current is None) if value is ANY else (current == value)
        prompt = Content(("● " if chosen else "○ ") + clean(label))
        n = self.counts.get((cat, value))
        if n is not None:
            prompt = prompt + Content.styled(f"  {n:,}", "dim" if n == 0 else "")
        return prompt

    def _options(self) -> list[Option]:
        out: list[Option] = []
        for cat in CATEGORIES:
            values = self.choices.get(cat, ())
            if not values:
                continue
            out.append(Option(Content(f"── {LABELS[cat]} ──"), id=f"h\t{cat}", disabled=True))
            out.append(Option(self._prompt(cat, ANY, "any"), id=f"{cat}\t{ANY}"))
            for value, label in values:
                out.append(Option(self._prompt(cat, value, label), id=f"{cat}\t{value}"))
        return out

    def _refresh_prompts(self) -> None:
        options = self.query_one(OptionList)
        for cat in CATEGORIES:
            values = self.choices.get(cat, ())
            if not values:
                continue
            options.replace_option_prompt(f"{cat}\t{ANY}", self._prompt(cat, ANY, "any"))
            for value, label in values:
                options.replace_option_prompt(f"{cat}\t{value}", self._prompt(cat, value, label))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        cat, _, raw = (event.option.id or "").partition("\t")
        if cat not in CATEGORIES:
            return
        value: object = None
        if raw != ANY:
            for v, _label in self.choices.get(cat, ()):
                if str(v) == raw:
                    value = v
                    break
        self.filters = self.filters.with_(**{cat: value})
        self._refresh_prompts()
        self.recount()

    def action_apply(self) -> None:
        self.dismiss(self.filters)

    def action_reset(self) -> None:
        self.filters = Filters()
        self._refresh_prompts()
        self.recount()

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()
