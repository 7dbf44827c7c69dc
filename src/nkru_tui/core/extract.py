"""The text of a document the user adds as a source: .txt, .md, .html/.htm, .pdf.

Every refusal is a ``SourceFileError`` whose message is one line naming the file; nothing here
writes anything. The text returned is NFC with ``\\n`` line ends, and contains no control
characters (a document that has any is refused: see ``_check_controls``).

Libraries: HTML goes through the standard library's ``html.parser`` (maintained with CPython,
PSF licence, no extra dependency; it tokenises, we only collect text events, so no regular
expression ever runs over markup). PDF through ``pypdf`` (BSD-3-Clause, pure Python). Text
that is not UTF-8 is identified by ``charset-normalizer`` (MIT) restricted to the encodings
this field meets (cp1251, koi8-r, euc-kr/cp949); UTF-16 is accepted with a byte-order mark.
"""

from __future__ import annotations

import hashlib
import io
import logging
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .control import CONTROL_IN_TEXT, escape_controls
from .errors import EXIT_USAGE, NkruError

#: The largest file accepted, in bytes (20 MiB): far above a long report or saved page, small
#: enough that a mistaken video or archive is refused at once instead of read into memory.
MAX_BYTES = 20 * 1024 * 1024

FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}

#: The encodings tried, after UTF-8 and UTF-16/UTF-8 with a byte-order mark.
DETECTED_ENCODINGS = ("cp1251", "koi8_r", "euc_kr", "cp949")
_ENCODING_NAMES = {"cp1251": "cp1251", "koi8_r": "koi8-r", "euc_kr": "euc-kr", "cp949": "cp949"}

TITLE_MAX = 200


class SourceFileError(NkruError):
    """A file that cannot become a source; ``str()`` is ``PATH: why``."""

    exit_code = EXIT_USAGE

    def __init__(self, path: str | Path, message: str) -> None:
        super().__init__(message)
        self.path = str(path)
        self.message = message

    def __str__(self) -> str:
        return f"{safe_text(self.path)}: {self.message}".replace("\n", " ")


@dataclass(frozen=True)
class Extracted:
    text: str  # NFC, \n line ends, no control characters
    title: str  # the document's own title, or its first line ("" if none)
    format: str  # text | markdown | html | pdf
    encoding: str | None  # what the bytes were decoded as (None for PDF)
    sha256: str  # of the original bytes
    size: int  # of the original bytes
    name: str  # the original file name


def safe_text(s: str) -> str:
    """``s`` with every control character shown as ``\\xNN`` (for messages and displays)."""
    return escape_controls(s)


# --------------------------------------------------------------------------- reading


def read_source_bytes(path: str | Path) -> bytes:
    """The file's bytes, or a ``SourceFileError`` for a folder, empty, huge or unreadable one."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise SourceFileError(p, "no such file") from None
    except OSError as exc:
        raise SourceFileError(p, f"cannot read: {exc.strerror or exc}") from None
    if p.is_dir():
        raise SourceFileError(
            p, "is a folder, not a document (give one .txt, .md, .html or .pdf file)"
        )
    if not p.is_file():
        raise SourceFileError(p, "is not a regular file")
    if st.st_size == 0:
        raise SourceFileError(p, "is empty (0 bytes)")
    if st.st_size > MAX_BYTES:
        raise SourceFileError(
            p,
            f"is {st.st_size / 1048576:.1f} MiB, above the {MAX_BYTES // 1048576} MiB limit "
            "for a source",
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise SourceFileError(p, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:  # grew while we looked
        raise SourceFileError(p, f"is above the {MAX_BYTES // 1048576} MiB limit for a source")
    return data


def extract_file(path: str | Path) -> Extracted:
    """Read and extract ``path``; raise ``SourceFileError`` with one clear line."""
    p = Path(path)
    fmt = FORMATS.get(p.suffix.lower())
    if p.is_dir():
        read_source_bytes(p)  # says it is a folder
    if fmt is None:
        raise SourceFileError(
            p,
            f"unsupported kind of file {p.suffix or '(no extension)'!r}: a source is a "
            ".txt, .md, .html, .htm or .pdf file",
        )
    data = read_source_bytes(p)
    return extract_bytes(data, fmt, p)


def extract_bytes(data: bytes, fmt: str, path: str | Path) -> Extracted:
    p = Path(path)
    encoding: str | None = None
    title = ""
    if fmt == "pdf":
        text, title = _pdf_text(data, p)
    else:
        raw, encoding = decode_text(data, p)
        if fmt == "html":
            text, title = html_text(raw)
            if not text.strip():
                raise SourceFileError(
                    p, "the page has no text outside scripts, styles, the head and navigation"
                )
        else:
            text = raw
    text = normalise_text(text)
    _check_controls(text, p)
    if not text.strip():
        raise SourceFileError(p, "has no text (only white space)")
    if not title:
        title = default_title(text, fmt)
    title = " ".join(normalise_text(title).split())[:TITLE_MAX]
    return Extracted(
        text=text,
        title=title,
        format=fmt,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        name=p.name,
    )


def normalise_text(text: str) -> str:
    """NFC, ``\\n`` line ends (CR LF, CR, U+2028/2029 and form feeds too), no leading BOM."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\f", "\n")
    text = text.removeprefix("\ufeff")
    return unicodedata.normalize("NFC", text)


def _check_controls(text: str, p: Path) -> None:
    m = CONTROL_IN_TEXT.search(text)
    if m is not None:
        i, ch = m.start(), m.group()
        line = text.count("\n", 0, i) + 1
        col = i - (text.rfind("\n", 0, i) + 1) + 1
        kind = "binary data, not text" if ch == "\0" else "text with control characters"
        raise SourceFileError(
            p,
            f"{kind}: U+{ord(ch):04X} at line {line}, column {col} (control characters "
            "are not accepted in a source)",
        )


def default_title(text: str, fmt: str) -> str:
    for line in text.split("\n"):
        s = line.strip()
        if not s:
            continue
        if fmt == "markdown":
            s = s.lstrip("#").strip() or s
        return s
    return ""


# --------------------------------------------------------------------------- encodings


def decode_text(data: bytes, p: Path) -> tuple[str, str]:
    """The bytes as text and the encoding used; refuse binary data and what cannot be told."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(data[3:], "utf-8", p), "utf-8 (with BOM)"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        enc = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        return _decode(data[2:], enc, p), "utf-16 (with BOM)"
    if b"\0" in data:
        raise SourceFileError(p, "binary data, not text (it contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise SourceFileError(p, "binary data, not text")
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(DETECTED_ENCODINGS), threshold=0.2).best()
    if best is None:
        raise SourceFileError(
            p,
            "cannot tell the text's encoding (tried UTF-8, UTF-16 with BOM, cp1251, koi8-r, "
            "euc-kr/cp949): save it as UTF-8 and add it again",
        )
    enc = best.encoding
    return _decode(data, enc, p), _ENCODING_NAMES.get(enc, enc)


def _decode(data: bytes, enc: str, p: Path) -> str:
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        raise SourceFileError(p, f"not valid {enc} text (bad byte at offset {exc.start})") from None


def _looks_binary(data: bytes) -> bool:
    head = data[:65536]
    ctrl = sum(1 for b in head if b < 0x20 and b not in (9, 10, 12, 13))
    return ctrl > max(2, len(head) // 100)


# --------------------------------------------------------------------------- HTML

_SKIP = {
    "script",
    "style",
    "head",
    "nav",
    "noscript",
    "template",
    "svg",
    "iframe",
    "object",
    "canvas",
    "button",
    "select",
    "form",
}
_BLOCK = {
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tr",
    "ul",
    "br",
    "caption",
    "tbody",
    "thead",
    "tfoot",
    "center",
    "menu",
}
_PARA = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "ul",
    "ol",
    "figure",
    "hr",
}
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # entities decoded by the parser
        self.parts: list[str | None] = []  # None: a paragraph break
        self.skip: list[str] = []
        self.pre = 0
        self.in_title = False
        self.title: list[str] = []
        self.h1: list[str] | None = None
        self.h1_done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        role = next((v for k, v in attrs if k == "role"), None)
        hidden = any(k == "hidden" for k, _ in attrs) or (
            next((v for k, v in attrs if k == "aria-hidden"), None) == "true"
        )
        if tag == "title":
            self.in_title = True
            return
        if tag in _VOID:
            if tag in ("br", "hr") and not self.skip:
                self.parts.append(None if tag == "hr" else "\n")
            return
        if self.skip or tag in _SKIP or role in ("navigation", "banner", "search") or hidden:
            self.skip.append(tag)
            return
        if tag == "pre":
            self.pre += 1
        if tag == "h1" and not self.h1_done:
            self.h1 = []
        if tag in ("td", "th"):
            self.parts.append("\t")
        elif tag in _BLOCK:
            self.parts.append(None if tag in _PARA else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
            return
        if self.skip:
            if tag in self.skip:  # close up to the matching open tag (forgiving of bad HTML)
                while self.skip and self.skip.pop() != tag:
                    pass
            return
        if tag == "pre" and self.pre:
            self.pre -= 1
        if tag == "h1" and self.h1 is not None:
            self.h1_done = True
        if tag in _BLOCK:
            self.parts.append(None if tag in _PARA else "\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
            return
        if self.skip:
            return
        if not self.pre:
            data = _collapse(data)
        if self.h1 is not None and not self.h1_done:
            self.h1.append(data)
        self.parts.append(data)


def _collapse(data: str) -> str:
    """HTML's white-space rule outside <pre>: any run of ASCII white space is one space
    (no-break spaces are kept: they are text)."""
    out = []
    prev_space = False
    for ch in data:
        if ch in " \t\n\r\f":
            if not prev_space:
                out.append(" ")
            prev_space = True
        else:
            out.append(ch)
            prev_space = False
    return "".join(out)


def html_text(markup: str) -> tuple[str, str]:
    """The readable text of an HTML page, and its ``<title>`` (or first ``<h1>``)."""
    parser = _TextParser()
    try:
        parser.feed(markup)
        parser.close()
    except (AssertionError, ValueError):  # pragma: no cover - html.parser is forgiving
        pass
    # Text lines, each stripped; a paragraph break (None) between them leaves one blank line,
    # any number of line breaks one line break.
    lines: list[str] = []
    para = False
    cur: list[str] = []

    def flush() -> None:
        nonlocal para
        s = "".join(cur).strip(" \t")
        cur.clear()
        if not s:
            return
        if para and lines:
            lines.append("")
        para = False
        lines.append(s)

    for part in parser.parts:
        if part is None:
            flush()
            para = True
        elif "\n" in part:
            chunks = part.split("\n")
            for c in chunks[:-1]:
                cur.append(c)
                flush()
            cur.append(chunks[-1])
        else:
            cur.append(part)
    flush()
    title = " ".join("".join(parser.title).split())
    if not title and parser.h1:
        title = " ".join("".join(parser.h1).split())
    return "\n".join(lines), title


# --------------------------------------------------------------------------- PDF


def _pdf_text(data: bytes, p: Path) -> tuple[str, str]:
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise SourceFileError(p, "not a PDF file (no %PDF header)")
    log = logging.getLogger("pypdf")
    log.addHandler(logging.NullHandler())
    log.propagate = False  # pypdf warns about harmless quirks; our message is the one line
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                ok = bool(reader.decrypt(""))
            except Exception:  # noqa: BLE001 - any failure means we cannot read it
                ok = False
            if not ok:
                raise SourceFileError(p, "the PDF is encrypted with a password")
        pages = [(page.extract_text() or "") for page in reader.pages]
        title = ""
        try:
            meta = reader.metadata
            if meta is not None and meta.title:
                title = str(meta.title)
        except Exception:  # noqa: BLE001 - metadata is optional
            title = ""
    except SourceFileError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds for broken files
        msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise SourceFileError(p, f"not a readable PDF: {safe_text(msg)[:120]}") from None
    text = "\n\n".join(pg.strip("\n") for pg in pages)
    if not text.strip():
        raise SourceFileError(
            p,
            f"the PDF has no text layer ({len(pages)} page(s) of images or drawings, "
            "e.g. a scan): run OCR on it first, or add a text version",
        )
    return text, title


__all__ = [
    "MAX_BYTES",
    "Extracted",
    "SourceFileError",
    "decode_text",
    "extract_bytes",
    "extract_file",
    "html_text",
    "normalise_text",
    "safe_text",
]
