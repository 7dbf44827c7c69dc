"""Minimal PDFs written by hand for the tests: one with a text layer in any script, one without.

The text layer uses a Type0 font with Identity-H encoding: each character is drawn as a
two-byte glyph id, and a ToUnicode CMap maps those ids back to the characters, which is what
text extractors read. No font program is embedded (a viewer would fall back to some font; the
extractor does not need one), so no font file or PDF library is needed to make the fixture.
"""

from __future__ import annotations


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
            .encode())
    return bytes(out)


def _stream(data: bytes, extra: str = "") -> bytes:
    return f"<< /Length {len(data)} {extra}>>\nstream\n".encode() + data + b"\nendstream"


def pdf_with_text(lines: list[str], title: str | None = None) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (any Unicode in the BMP)."""
    chars = sorted({c for line in lines for c in line})
    gid = {c: i + 1 for i, c in enumerate(chars)}
    content = bytearray(b"BT /F1 12 Tf 14 TL 50 780 Td\n")
    for line in lines:
        hexs = "".join(f"{gid[c]:04X}" for c in line)
        content += f"<{hexs}> Tj T*\n".encode()
    content += b"ET"
    cmap_lines = [f"<{gid[c]:04X}> <{ord(c):04X}>" for c in chars]
    cmap = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        f"{len(cmap_lines)} beginbfchar\n" + "\n".join(cmap_lines) + "\nendbfchar\n"
        "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
    ).encode()
    info = ""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"),
        _stream(bytes(content)),
        (b"<< /Type /Font /Subtype /Type0 /BaseFont /NkruTest /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>"),
        (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NkruTest "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor 8 0 R /DW 600 >>"),
        _stream(cmap),
        (b"<< /Type /FontDescriptor /FontName /NkruTest /Flags 32 /FontBBox [0 0 600 800] "
        b"/ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>"),
    ]
    if title is not None:
        hex_title = "FEFF" + "".join(f"{ord(c):04X}" for c in title)
        objs.append(f"<< /Title <{hex_title}> >>".encode())
        info = f" /Info {len(objs)} 0 R"
    data = _pdf(objs)
    if info:
        data = data.replace(b"/Root 1 0 R >>", f"/Root 1 0 R{info} >>".encode())
    return data


def pdf_without_text() -> bytes:
    """A one-page PDF that only draws a filled rectangle (like a scan: no text layer)."""
    content = b"0.5 g 50 50 200 200 re f"
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        _stream(content),
    ])
