"""Saved searches: a query kept under a name, recalled as ``@name`` in any query.

A name is lower-case letters, digits, ``-`` and ``_`` (at most 40). ``expand`` replaces each
``@name`` that stands as a word of a query with the saved query's text (queries are ANDed
words and qualifiers, so the text slots in as it is). A saved query is stored expanded, so
recalling one never chains into another.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .errors import QueryError

NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
REF_RE = re.compile(r"(?<!\S)@([^\s@]*)(?!\S)")


def check_name(name: str) -> str:
    """``name`` (without a leading ``@``) if it is a valid name; else a QueryError saying why."""
    name = name.removeprefix("@")
    if not NAME_RE.match(name):
        raise QueryError(
            f"{name!r} is not a search name: use lower-case letters, digits, '-' or '_' "
            "(at most 40, starting with a letter or digit)"
        )
    return name


def has_refs(query: str) -> bool:
    return bool(REF_RE.search(query or ""))


def expand(query: str, lookup: Callable[[str], str | None]) -> str:
    """``query`` with each ``@name`` replaced by the saved search's query; an unknown name is
    a QueryError naming it."""
    if "@" not in (query or ""):
        return query

    def one(m: re.Match[str]) -> str:
        name = m.group(1)
        saved = lookup(name) if NAME_RE.match(name) else None
        if saved is None:
            raise QueryError(
                f"no saved search @{name} (`nkru-tui searches` lists them)", query, m.start()
            )
        return saved

    return REF_RE.sub(one, query)


__all__ = ["NAME_RE", "check_name", "expand", "has_refs"]
