"""One event's citation in the forms ``Y`` offers: plain text, Markdown with footnotes, and
CSL-JSON (the cited sources, as Zotero and pandoc read them). Text for a clipboard or a file:
control characters are dropped here, so nothing can reach a terminal through them.

Nothing here imports Textual.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .dates import when_long


def _plain(text: Any) -> str:
    s = str(text or "")
    return "".join(" " if ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 else c for c in s).strip()


def _evidence(ev: dict) -> list[dict]:
    return [e for e in ev.get("evidence", ()) or () if isinstance(e, dict)]


def plain(engine: Any, ev: dict) -> str:
    """``date — title`` and each evidence quote with its source's title."""
    lines = [f"{_plain(when_long(ev))} — {_plain(ev.get('title', ''))}"]
    for e in _evidence(ev):
        src = _plain(engine.source_title(e.get("source", "")))
        lines.append(f"{src}: “{_plain(e.get('quote', ''))}”")
    return "\n".join(lines)


def _md(text: str) -> str:
    for ch in "\\`*_[]<>#|":
        text = text.replace(ch, "\\" + ch)
    return text


def markdown(engine: Any, ev: dict) -> str:
    """The event as a sentence whose sources are Markdown footnotes (pandoc, GitHub)."""
    rid = _plain(ev.get("id", "ev")).replace(" ", "-") or "ev"
    marks = []
    notes = []
    for i, e in enumerate(_evidence(ev), 1):
        label = f"{rid}-{i}"
        marks.append(f"[^{label}]")
        sid = e.get("source", "")
        src = engine.sources.get(sid) or {}
        parts = [f"*{_md(_plain(engine.source_title(sid)))}*"]
        if e.get("quote"):
            parts.append(f"“{_md(_plain(e['quote']))}”")
        url = src.get("url") if isinstance(src, dict) else None
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            parts.append(f"<{_plain(url)}>")
        notes.append(f"[^{label}]: " + ", ".join(parts) + ".")
    head = f"{_md(_plain(ev.get('title', '')))} ({_md(_plain(when_long(ev)))}).{''.join(marks)}"
    return "\n".join([head, "", *notes]) if notes else head


def csl_json(engine: Any, ev: dict) -> str:
    """The sources the event cites as CSL-JSON items, each with the quote it supports."""
    from .formats.csl import item

    out: list[dict[str, Any]] = []
    seen: dict[str, dict[str, Any]] = {}
    for e in _evidence(ev):
        sid = e.get("source", "")
        src = engine.sources.get(sid)
        if not isinstance(src, dict) or "id" not in src:
            continue
        if sid not in seen:
            seen[sid] = item(src)
            out.append(seen[sid])
        quote = _plain(e.get("quote", ""))
        if quote:
            cited = f"{_plain(ev.get('title', ''))}: “{quote}”"
            note = seen[sid].get("note")
            seen[sid]["note"] = f"{note} {cited}" if note else cited
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True)
class CitationFormat:
    key: str
    label: str
    ext: str
    render: Callable[[Any, dict], str]


FORMATS: dict[str, CitationFormat] = {
    f.key: f
    for f in (
        CitationFormat("plain", "Plain text", "txt", plain),
        CitationFormat("markdown", "Markdown with a footnote", "md", markdown),
        CitationFormat("csl", "CSL-JSON (the cited sources)", "json", csl_json),
    )
}
