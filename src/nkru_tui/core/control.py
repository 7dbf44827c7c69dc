"""Control characters in stored text: which are refused, and where they were found.

Text from records, notes and imports ends up on a terminal, where C0/C1 control characters
(ESC, BEL, CSI...) are commands, not text. They are refused when data comes in; newline and
tab are allowed only in the long, free-text fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

# Every control character but newline and tab: C0, DEL and C1 (Unicode category Cc).
CONTROL_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ANY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")

# Fields whose text may run over several lines (newline and tab allowed there).
LONG_TEXT_FIELDS = frozenset(
    {
        "summary",
        "description",
        "text",
        "quote",
        "note",
        "notes",
        "date_note",
        "inferred_note",
        # a quote's anchoring in its source (W3C text-quote selector) and what the user typed
        "exact",
        "prefix",
        "suffix",
        "typed",
    }
)


def is_control(ch: str) -> bool:
    """Whether ``ch`` is a control character (C0, DEL or C1)."""
    return ch < " " or "\x7f" <= ch <= "\x9f"


def _escape(m: re.Match[str]) -> str:
    return f"\\x{ord(m.group()):02x}"


def escape_controls(text: str, *, keep_lines: bool = False) -> str:
    """``text`` with every control character written as a visible ``\\xNN`` escape (ESC
    becomes the four characters ``\\x1b``); with ``keep_lines``, newline and tab stay."""
    pattern = CONTROL_IN_TEXT if keep_lines else _ANY_CONTROL
    return pattern.sub(_escape, text) if pattern.search(text) else text


def first_control(text: str, *, long_text: bool = False) -> str | None:
    """The first refused control character in ``text``, or None: C0 (U+0000-U+001F), DEL and
    C1 (U+0080-U+009F), i.e. Unicode category Cc; newline and tab pass in long text."""
    m = (CONTROL_IN_TEXT if long_text else _ANY_CONTROL).search(text)  # is_control, in C
    return m.group() if m else None


def describe(ch: str) -> str:
    """``U+001B (ESC)``-style name of a control character."""
    names = {
        "\x1b": "ESC",
        "\x07": "BEL",
        "\x00": "NUL",
        "\r": "carriage return",
        "\n": "newline",
        "\t": "tab",
        "\x7f": "DEL",
        "\x9b": "CSI",
        "\x08": "backspace",
    }
    name = names.get(ch)
    return f"U+{ord(ch):04X}" + (f" ({name})" if name else "")


def find_controls(value: Any, field: str = "") -> Iterator[tuple[str, str, bool]]:
    """``(field path, character, newline/tab allowed there)`` for every string in ``value`` (walked through dicts and
    lists, keys included) holding a refused control character. The last key on the path
    decides whether newline and tab are allowed."""
    if isinstance(value, str):
        leaf = field.rsplit(".", 1)[-1].split("[", 1)[0]
        long_text = leaf in LONG_TEXT_FIELDS
        ch = first_control(value, long_text=long_text)
        if ch is not None:
            yield field or "value", ch, long_text
    elif isinstance(value, dict):
        for k, v in value.items():
            key = str(k)
            sub = f"{field}.{key}" if field else key
            ch = first_control(key)
            if ch is not None:
                yield sub, ch, False
            yield from find_controls(v, sub)
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            yield from find_controls(v, f"{field}[{i}]")


def control_message(ch: str, long_text: bool = False) -> str:
    allowed = "only newline and tab may be used in this field" if long_text else "not allowed here"
    return (
        f"contains the control character {describe(ch)}, which a terminal would take as a "
        f"command; {allowed}"
    )
