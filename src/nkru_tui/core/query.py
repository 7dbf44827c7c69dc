"""The query language shared by the CLI and the TUI.

    query   := clause*           (clauses are ANDed)
    clause  := ["-"] (word | "\"" phrase "\"" | name ":" value)
    value   := word | "\"" phrase "\""

Words are folded (case and accents) and match word starts. The parser is a hand-written
scanner: no user text is ever compiled as a regular expression, and every input string either
parses or raises ``QueryError`` with a one-line message.
"""

from __future__ import annotations

from typing import NamedTuple

from . import schema
from .errors import QueryError
from .store import parse_date
from .textnorm import fold, tokens

QUALIFIERS: dict[str, str] = {
    "actor": "events involving an actor (id, name or alias)",
    "sector": f"events in a sector ({', '.join(schema.SECTORS)})",
    "country": "events with an actor from a country (code or name)",
    "kind": f"events with an actor of a kind ({', '.join(schema.ACTOR_KINDS)})",
    "year": (
        "events in a year or range (year:2024, year:2023..2025): a span that runs over it, "
        "and a window that MAY fall in it (shown as 2024–25?; add -is:window for the "
        "certain ones)"
    ),
    "date": "events whose start date is written with that prefix (date:2025-07; date:2025-?? = dated to the year only; a window or span counts under its start, as in the chart)",
    "from": "events on or after a date (from:2024-03), spans and windows included as for year:",
    "to": "events on or before a date (to:2025), spans and windows included as for year:",
    "source": "events cited from a source (its id)",
    "status": f"events with a status ({', '.join(schema.STATUSES)})",
    "type": f"events of a type ({', '.join(schema.EVENT_TYPES)})",
    "is": (
        "your bookmarks (is:bookmarked), records you added (is:user), dates or readings the "
        "source does not state (is:inferred), events that lasted from..to (is:span), that "
        "happened once at a time known only to a window (is:window), dated to a season "
        "(is:seasonal)"
    ),
    "has": "events with your note (has:note), with figures (has:figures), a status (has:status)",
}

IS_VALUES = ("bookmarked", "user", "inferred", "span", "window", "seasonal")
HAS_VALUES = ("note", "figures", "status")

# How each qualifier is written: with QUALIFIERS, the one source of every help text about the
# query language (the CLI's --help, the explorer's help screen, the README's table).
EXAMPLES: dict[str, tuple[str, ...]] = {
    "actor": ("actor:lavrov", 'actor:"Choe Son Hui"'),
    "sector": ("sector:tourism", "sector:tour"),
    "country": ("country:RU", "country:russia"),
    "kind": ("kind:person",),
    "year": ("year:2024", "year:2023..2025"),
    "date": ("date:2025-07", "date:2025-??"),
    "from": ("from:2024-03",),
    "to": ("to:2025-06-30",),
    "source": ("source:s-wonsan-talks",),
    "status": ("status:planned",),
    "type": ("type:reaction",),
    "is": tuple(f"is:{v}" for v in IS_VALUES),
    "has": tuple(f"has:{v}" for v in HAS_VALUES),
}

# The rest of the language, before the qualifiers: (examples, what they find).
SYNTAX: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("wonsan tourism",),
        (
            "events with both words (AND), case- and accent-insensitive, matching word starts "
            "(tour finds tourism)"
        ),
    ),
    (
        ("Лавров", "라브로프", "Kim Jong-un"),
        (
            "the same events as Lavrov, Kim Jong Un: a word also matches the names and aliases "
            "of an event's actors and places, in every script"
        ),
    ),
    (
        ("Lavrov", "Choe Son Hui", "평양"),
        (
            "also that name written in another script in any title, summary, quote or note, "
            "with no alias list (Лавров, Лаврова; 최선희, Чвэ Сон Хи; 평양, Пхеньяне; and back "
            "to the Latin): see Names in every script"
        ),
    ),
    (('"strategic talks"',), "the words next to each other"),
    (("-rason", '-"road bridge"', "-sector:military"), "excludes"),
)


def help_rows() -> list[tuple[tuple[str, ...], str]]:
    """(examples, what they find) for the whole language: syntax, then every qualifier."""
    return list(SYNTAX) + [
        (EXAMPLES.get(name, (name + ":",)), QUALIFIERS[name]) for name in QUALIFIERS
    ]


def help_markdown() -> str:
    """The query language as a Markdown table (README, help screen)."""
    lines = ["| you type | it finds |", "|---|---|"]
    for examples, finds in help_rows():
        typed = ", ".join(f"`{e}`" for e in examples)
        lines.append(f"| {typed} | {finds.replace('|', '/')} |")
    return "\n".join(lines) + "\n"


def help_text(width: int = 78) -> str:
    """The query language as plain text, one entry per example group (the CLI's --help)."""
    import textwrap

    out = []
    for examples, finds in help_rows():
        out.append("  " + "  ".join(examples))
        out += textwrap.wrap(finds, width, initial_indent="      ", subsequent_indent="      ")
    return "\n".join(out)


MAX_QUERY_LEN = 2000


# The parsed forms are immutable records (NamedTuple: a one-shot CLI search does not import
# dataclasses, whose import of inspect is a tenth of its imports).


class Term(NamedTuple):
    """A word (``words`` of one item) or a phrase (several words), already folded."""

    words: tuple[str, ...]
    phrase: bool = False
    negated: bool = False


class Qualifier(NamedTuple):
    name: str
    value: str  # folded
    negated: bool = False
    raw: str = ""
    # resolved forms
    codes: tuple[str, ...] = ()  # sectors, kinds, countries, statuses, types, is/has values
    date_range: tuple[int, int] | None = None


class Query(NamedTuple):
    text: str = ""
    terms: tuple[Term, ...] = ()
    qualifiers: tuple[Qualifier, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.qualifiers

    def highlight_terms(self) -> list[str]:
        """Folded words and phrases (positive only) that a view may highlight."""
        out: list[str] = []
        for t in self.terms:
            if not t.negated:
                out.append(" ".join(t.words))
        for q in self.qualifiers:
            if q.name == "actor" and not q.negated:
                out.append(q.value)
        return out


def _resolve_vocab(
    name: str, value: str, vocab: dict[str, str], pos: int, text: str
) -> tuple[str, ...]:
    if value in vocab:
        return (value,)
    hits = tuple(k for k in vocab if k.startswith(value))
    if hits:
        return hits
    raise QueryError(f"unknown {name} {value!r} (known: {', '.join(vocab)})", text, pos)


def _resolve_country(value: str, pos: int, text: str) -> tuple[str, ...]:
    up = value.upper()
    if up in schema.COUNTRIES:
        return (up,)
    if value in schema.COUNTRY_ALIASES:
        return (schema.COUNTRY_ALIASES[value],)
    hits = tuple(code for code, name in schema.COUNTRIES.items() if fold(name).startswith(value))
    hits += tuple(
        c
        for alias, c in schema.COUNTRY_ALIASES.items()
        if alias.startswith(value) and c not in hits
    )
    if hits:
        return tuple(dict.fromkeys(hits))
    known = ", ".join(f"{c} ({n})" for c, n in schema.COUNTRIES.items())
    raise QueryError(f"unknown country {value!r} (known: {known})", text, pos)


def _date_bound(name: str, value: str, pos: int, text: str) -> tuple[int, int]:
    rng = parse_date(value)
    if rng is None:
        raise QueryError(
            f"{name}: needs a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}", text, pos
        )
    return rng


def _make_qualifier(name: str, value: str, negated: bool, pos: int, text: str) -> Qualifier:
    raw = value
    value = fold(value.strip())
    if not value:
        raise QueryError(f"{name}: needs a value ({QUALIFIERS[name]})", text, pos)
    codes: tuple[str, ...] = ()
    rng: tuple[int, int] | None = None
    if name == "sector":
        codes = _resolve_vocab("sector", value, schema.SECTORS, pos, text)
    elif name == "kind":
        codes = _resolve_vocab("actor kind", value, schema.ACTOR_KINDS, pos, text)
    elif name == "status":
        codes = _resolve_vocab("status", value.replace(" ", "_"), schema.STATUSES, pos, text)
    elif name == "type":
        codes = _resolve_vocab("event type", value, schema.EVENT_TYPES, pos, text)
    elif name == "country":
        codes = _resolve_country(value, pos, text)
    elif name in ("is", "has"):
        allowed = IS_VALUES if name == "is" else HAS_VALUES
        hits = tuple(v for v in allowed if v.startswith(value))
        if not hits:
            raise QueryError(
                f"unknown {name}:{value} (known: {', '.join(name + ':' + v for v in allowed)})",
                text,
                pos,
            )
        codes = hits[:1] if value in allowed else hits
    elif name == "year":
        lo_s, sep, hi_s = value.partition("..")
        if not sep:
            hi_s = lo_s
        if not (lo_s.isdigit() and len(lo_s) == 4 and hi_s.isdigit() and len(hi_s) == 4):
            raise QueryError(
                f"year: needs a year or a range like 2023..2025, not {raw!r}", text, pos
            )
        lo, hi = parse_date(lo_s), parse_date(hi_s)
        assert lo is not None and hi is not None
        if hi[1] < lo[0]:
            raise QueryError(f"year: range {raw!r} ends before it starts", text, pos)
        rng = (lo[0], hi[1])
    elif name == "date":
        base, qmarks = (value[:-3], True) if value.endswith("-??") else (value, False)
        rng = parse_date(base)
        if rng is None or (qmarks and len(base) != 4):
            raise QueryError(
                f"date: needs YYYY, YYYY-MM, YYYY-MM-DD or YYYY-?? (year-only dates), not {raw!r}",
                text,
                pos,
            )
        codes = (base, "year-only" if qmarks else "prefix")
    elif name == "from":
        rng = (_date_bound(name, value, pos, text)[0], 10**7)
    elif name == "to":
        rng = (0, _date_bound(name, value, pos, text)[1])
    elif name == "source":
        pass
    elif name == "actor" and not tokens(value) and not value:
        raise QueryError("actor: needs a name or id", text, pos)
    return Qualifier(name=name, value=value, negated=negated, raw=raw, codes=codes, date_range=rng)


def parse_query(text: str | None) -> Query:
    """Parse ``text``; raise ``QueryError`` on malformed input. Never anything else."""
    if text is None:
        return Query()
    if not isinstance(text, str):
        raise QueryError("query must be text")
    if len(text) > MAX_QUERY_LEN:
        raise QueryError(f"query too long ({len(text)} characters; at most {MAX_QUERY_LEN})")
    terms: list[Term] = []
    quals: list[Qualifier] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        start = i
        negated = False
        if ch == "-" and i + 1 < n and not text[i + 1].isspace():
            negated = True
            i += 1
        if text[i] == '"':
            end = text.find('"', i + 1)
            if end < 0:
                raise QueryError("unclosed quote", text, i)
            words = tuple(tokens(text[i + 1 : end]))
            if words:
                terms.append(Term(words=words, phrase=len(words) > 1, negated=negated))
            i = end + 1
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] != '"':
            j += 1
        word = text[i:j]
        name, colon, rest = word.partition(":")
        lname = name.lower()
        if colon and name.isalpha() and name.isascii():
            if lname not in QUALIFIERS:
                raise QueryError(
                    f"unknown qualifier {name + ':'!r} (known: "
                    + ", ".join(q + ":" for q in QUALIFIERS)
                    + ")",
                    text,
                    start,
                )
            if not rest and j < n and text[j] == '"':
                end = text.find('"', j + 1)
                if end < 0:
                    raise QueryError("unclosed quote", text, j)
                rest = text[j + 1 : end]
                j = end + 1
            quals.append(_make_qualifier(lname, rest, negated, start, text))
            i = j
            continue
        if word == "-":
            i = j
            continue
        words = tuple(tokens(word))
        if len(words) == 1:
            terms.append(Term(words=words, negated=negated))
        elif words:  # "jong-un" or "rajin-sonbong": the parts in order
            terms.append(Term(words=words, phrase=True, negated=negated))
        i = j
    return Query(text=text, terms=tuple(terms), qualifiers=tuple(quals))
