"""The export formats: one table that ``nkru-tui export -f`` and the TUI's export dialog both
read. Each entry renders the events a query found (plus what they reference) to text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Format:
    key: str
    label: str
    ext: str  # the file name's ending, without the first dot
    render: Callable[[Any, list[dict], str, bool], str]


def _md(eng: Any, events: list[dict], query: str, with_notes: bool) -> str:
    from ..exporting import to_markdown

    return to_markdown(eng, events, query, with_notes)


def _rows(fmt: str) -> Callable[[Any, list[dict], str, bool], str]:
    def render(eng: Any, events: list[dict], query: str, with_notes: bool) -> str:
        from ..exporting import collect, to_csv, to_json

        rows = collect(eng, events, with_notes)
        return to_json(rows) if fmt == "json" else to_csv(rows)

    return render


def _lazy(module: str) -> Callable[[Any, list[dict], str, bool], str]:
    def render(eng: Any, events: list[dict], query: str, with_notes: bool) -> str:
        from importlib import import_module

        mod = import_module(f"{__name__}.{module}")
        text: str = mod.render(eng, events, query, with_notes)
        return text

    return render


FORMATS: dict[str, Format] = {
    f.key: f
    for f in (
        Format("md", "Markdown brief", "md", _md),
        Format("csv", "CSV", "csv", _rows("csv")),
        Format("json", "JSON", "json", _rows("json")),
        Format("ftm", "FollowTheMoney", "ftm.json", _lazy("ftm")),
        Format("timeline", "TimelineJS", "timeline.json", _lazy("timelinejs")),
        Format("csl", "CSL-JSON", "csl.json", _lazy("csl")),
        Format("gexf", "GEXF graph", "gexf", _lazy("gexf")),
    )
}

__all__ = ["FORMATS", "Format"]
