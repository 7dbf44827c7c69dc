"""The sources an export cites, as CSL-JSON: the input of Zotero, pandoc-citeproc and every
CSL processor.

One item per source: ``id`` (our source id, so ``[@s-wonsan-talks]`` cites it in pandoc),
``type``, ``title``, ``container-title`` and ``publisher`` where known, ``issued`` with
``date-parts`` at the precision known (a year, a month or a day, never padded), ``URL``, and
``note`` (what we know of its origin). The real ``citeproc-py`` renders the file into a
bibliography in tests/test_formats.py.
"""

from __future__ import annotations

import json
from typing import Any

from .common import bundle, date_parts

CSL_TYPES = {
    "article",
    "article-newspaper",
    "article-journal",
    "article-magazine",
    "report",
    "webpage",
    "post",
    "post-weblog",
    "book",
    "chapter",
    "document",
    "interview",
    "speech",
    "broadcast",
    "legislation",
    "treaty",
}


def _first(src: dict, *keys: str) -> Any:
    for k in keys:
        v = src.get(k)
        if v not in (None, "", []):
            return v
    return None


def item(src: dict) -> dict[str, Any]:
    out: dict[str, Any] = {"id": src["id"]}
    kind = _first(src, "csl_type", "kind", "type")
    out["type"] = kind if kind in CSL_TYPES else "article"
    out["title"] = src.get("title") or src["id"]
    container = _first(src, "container_title", "container-title", "outlet", "journal")
    if container:
        out["container-title"] = str(container)
    publisher = _first(src, "publisher")
    if publisher:
        out["publisher"] = str(publisher)
    authors = _first(src, "authors", "author")
    if authors:
        names = authors if isinstance(authors, list) else [authors]
        out["author"] = [{"literal": str(n)} for n in names if str(n).strip()]
    issued = _first(src, "published", "issued", "date")
    parts = date_parts(issued)
    if parts:
        out["issued"] = {"date-parts": [parts]}
    url = _first(src, "url", "URL")
    if isinstance(url, str):
        out["URL"] = url
    notes = [t for t in (src.get("origin"), src.get("file") and f"file: {src['file']}") if t]
    if notes:
        out["note"] = ". ".join(str(t).rstrip(".") for t in notes) + "."
    return out


def items(sources: list[dict]) -> list[dict[str, Any]]:
    return [item(s) for s in sources]


def render(eng: Any, events: list[dict], query: str, with_notes: bool) -> str:
    return (
        json.dumps(items(bundle(eng, events, query).sources), ensure_ascii=False, indent=2) + "\n"
    )
