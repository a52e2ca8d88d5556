"""Small PDFs written byte by byte, each hostile in one way (the integrity gate's tests, tests/test_integrity.py):
a stream that decompresses to more than a limit, objects nested too deep, too many pages, glyphs without
characters. Written here rather than by a typesetter, because no typesetter makes them on purpose."""

from __future__ import annotations

import zlib
from collections.abc import Sequence


def pdf(objects: Sequence[bytes]) -> bytes:
    """A PDF of `objects` (object 1 the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(content: bytes, extra: bytes = b"", compress: bool = True) -> bytes:
    data = zlib.compress(content, 9) if compress else content
    return (b"<< /Length %d %s%s >>\nstream\n" % (len(data), b"/Filter /FlateDecode " if compress else b"", extra)
            + data + b"\nendstream")


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def text_page(text: bytes = b"Hello", *, pages: int = 1, extra_objects: Sequence[bytes] = (),
              content: bytes | None = None, font: bytes = _FONT) -> bytes:
    """A PDF of `pages` pages, each printing `text` (or drawing `content`) in `font`; object 5 on are extra."""
    kids = b" ".join(b"%d 0 R" % (6 + len(extra_objects) + k) for k in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
               stream(content if content is not None else b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"),
               font, b"<< /Font << /F1 4 0 R >> >>", *extra_objects]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R /Resources 5 0 R >>"
    return pdf([*objects, *[page] * pages])


def unmapped_font(to_unicode: bytes | None = None) -> tuple[bytes, list[bytes]]:
    """A composite font with no characters for its glyphs (no ToUnicode map, so pdfminer reads '(cid:N)'), or
    with the map `to_unicode` (a CMap's body); and the objects it needs, numbered from 6."""
    descendant = (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Unknown /CIDSystemInfo << /Registry (Adobe) "
                  b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 600 >>")
    descriptor = (b"<< /Type /FontDescriptor /FontName /Unknown /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 "
                  b"/Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>")
    objects = [descendant, descriptor]
    unicode = b""
    if to_unicode is not None:
        objects.append(stream(b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /U def "
                              b"1 begincodespacerange <0000> <FFFF> endcodespacerange " + to_unicode
                              + b" endcmap CMapName currentdict /CMap defineresource pop end end"))
        unicode = b" /ToUnicode 8 0 R"
    font = b"<< /Type /Font /Subtype /Type0 /BaseFont /Unknown /Encoding /Identity-H /DescendantFonts [6 0 R]%s >>" \
        % unicode
    return font, objects


def form_bomb(levels: int, times: int = 10) -> bytes:
    """A page that draws a form `times` times, which draws the next form `times` times, `levels` deep: a few
    hundred bytes that make a reader run times ** levels operators."""
    first = 4  # objects 1-3: catalog, pages, the page; forms from 4 on
    forms = []
    for level in range(levels):
        resources = b"<< /XObject << /X %d 0 R >> >>" % (first + level + 1) if level + 1 < levels else b"<< >>"
        content = b"/X Do " * times if level + 1 < levels else b"0 0 m 1 1 l S"
        forms.append(stream(content, b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources " + resources))
    page_content = first + levels
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                b"/Resources << /XObject << /X 4 0 R >> >> >>" % page_content, *forms, stream(b"/X Do " * times)])
