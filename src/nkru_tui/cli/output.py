"""Everything the CLI writes for people goes through here: text on stdout and stderr, tables
that fit the terminal, and ``term_safe``, which shows every control character as a visible
escape so that text from a store (curated, the user's own or an import) can never send the
terminal a command: ``ESC ] 52`` setting the clipboard, ``ESC [ 2 J`` clearing the screen.

Control characters are written as ``\\x1b``-style escapes rather than as Unicode control
pictures (U+241B ␛): the escapes are plain ASCII, so they survive ``LANG=C`` and any font;
they cannot be confused with a real ␛ character that a record may legitimately hold; and
they are the notation a user can search for or paste into Python, JSON or ``printf``.

While a command runs, ``sys.stdout`` and ``sys.stderr`` are wrapped (``safe_streams``) so
that any ``print`` in any command passes ``term_safe`` too; JSON output is written with
``write_json`` instead, which keeps the JSON valid and escapes the C1 controls that
``json.dumps`` leaves raw.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any, TextIO

from ..core.control import escape_controls
from ..core.errors import EXIT_OK
from ..core.jsontext import dumps_pretty, json_safe, nested


def term_safe(text: str) -> str:
    """``text`` with every control character except newline and tab written as a visible
    escape (ESC becomes the four characters ``\\x1b``)."""
    return escape_controls(text, keep_lines=True)


class SafeStream(io.TextIOBase):
    """A text stream that passes everything written through ``term_safe``."""

    def __init__(self, raw: TextIO) -> None:
        self.raw = raw

    def write(self, s: str) -> int:
        self.raw.write(term_safe(s))
        return len(s)

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()

    def fileno(self) -> int:
        return self.raw.fileno()

    def __getattr__(self, name: str) -> Any:  # encoding, errors, buffer...
        return getattr(self.raw, name)

    def writable(self) -> bool:
        return True


@contextmanager
def safe_streams() -> Iterator[None]:
    """Within: ``sys.stdout`` and ``sys.stderr`` escape control characters."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)
    try:
        yield
    finally:
        if isinstance(sys.stdout, SafeStream):
            sys.stdout = out
        sys.stderr = err


def _raw_stdout() -> Any:
    out = sys.stdout
    return out.raw if isinstance(out, SafeStream) else out


def _write(stream: Any, text: str) -> None:
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:  # `nkru-tui search | head`: stop quietly
        _quiet_exit()


def _quiet_exit() -> None:
    try:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
    except OSError:  # pragma: no cover
        pass
    raise SystemExit(EXIT_OK) from None


def write_out(text: str) -> None:
    """Human-readable text to stdout, control characters escaped."""
    _write(_raw_stdout(), term_safe(text))


def write_json(text: str) -> None:
    """JSON text to stdout, as JSON (its strings already escape C0; C1 escaped here)."""
    _write(_raw_stdout(), json_safe(text))


def json_array_chunks(items: Iterable[Any], size: int = 256) -> Iterator[bytes]:
    """``dumps_pretty(list(items))`` in pieces, ``size`` items at a time, so a long result
    is never all in memory, parsed or printed, at once."""
    it = iter(items)
    first = True
    while batch := list(islice(it, size)):
        body = dumps_pretty(batch)  # b"[\n  {...},\n  {...}\n]\n"
        yield (b"[\n" if first else b",\n") + body[2:-3]
        first = False
    yield b"[]\n" if first else b"\n]\n"


def json_array_of(items: Iterable[bytes], size: int = 256) -> Iterator[bytes]:
    """``dumps_pretty`` of a list, in pieces, from each item's own ``dumps_pretty`` text
    (without its newline): what a record stored as that text costs is one copy, no parse."""
    it = iter(items)
    first = True
    while batch := list(islice(it, size)):
        # each item one level in: a newline within the joined items or between them is
        # followed by two more spaces (``nested`` of each, in one pass over the batch)
        yield (b"[\n" if first else b",\n") + nested(b",\n".join(batch))
        first = False
    yield b"[]\n" if first else b"\n]\n"


def write_bytes(chunks: Iterable[bytes]) -> None:
    """UTF-8 bytes to stdout as they come (the text layer flushed first)."""
    out = _raw_stdout()
    buf = getattr(out, "buffer", None)
    if buf is None:  # a text-only stream (tests)
        _write(out, b"".join(chunks).decode("utf-8", "replace"))
        return
    try:
        out.flush()
        for chunk in chunks:
            buf.write(chunk)
        buf.flush()
    except BrokenPipeError:  # `nkru-tui search --json | head`: stop quietly
        _quiet_exit()


def say(*parts: Any, err: bool = False) -> None:
    """``print`` for people: one line to stdout (or stderr), control characters escaped."""
    line = term_safe(" ".join(str(p) for p in parts)) + "\n"
    if err:
        stream = sys.stderr.raw if isinstance(sys.stderr, SafeStream) else sys.stderr
        stream.write(line)
        stream.flush()
    else:
        _write(_raw_stdout(), line)


def term_width() -> int:
    import shutil

    return max(40, shutil.get_terminal_size((100, 24)).columns)


def cells(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def clip(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` terminal cells (wide Hangul counts two), with an ellipsis;
    control characters are escaped first, so the width is what the terminal shows."""
    text = " ".join(term_safe(str(text)).split())
    if cells(text) <= width:
        return text + " " * (width - cells(text))
    from rich.cells import set_cell_size

    return set_cell_size(text, max(0, width - 1)) + "…"


def table(rows: Iterable[list[str]], widths: list[int | None]) -> str:
    """Rows as columns; a ``None`` width takes what is left of the terminal."""
    total = term_width()
    fixed = sum(w for w in widths if w) + 2 * (len(widths) - 1)
    flex = max(10, total - fixed)
    out = []
    for row in rows:
        parts = [clip(cell, w or flex) for cell, w in zip(row, widths)]
        out.append("  ".join(parts).rstrip())
    return "\n".join(out) + ("\n" if out else "")
