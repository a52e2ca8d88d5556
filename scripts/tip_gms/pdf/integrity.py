"""The integrity gate: a PDF whose own structure is damaged, or whose cost is past a limit, is refused before
a word of it is read.

pdfminer (under pdfplumber) repairs what it can and reads on: a broken cross-reference table is rebuilt by
scanning the file, a stream that does not decompress gives what came out before the damage. What it reads is
then other text, with no error. So the file is checked first with qpdf (through pikepdf), which says where a
file needed repair, and every stream is decompressed here with zlib, which checks each stream's checksum
(qpdf does not: a zeroed block inside a compressed stream passes it).

The limits bound what a hostile file can cost: each is far above what a report needs (docs/guarantees.md),
and a file past one is refused naming it, in bounded time and memory.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tip_gms.errors import SourceError


@dataclass(frozen=True)
class Limits:
    """What one PDF may cost to read. The report's renditions need at most 118 pages, 500 objects, 6,000
    characters and 9,400 operators a page, nesting 6 deep and 3 MB of decompressed streams. Reading costs about
    a second per 100,000 operators, so the operator limit is what bounds the time a page can take."""

    pages: int = 2_000
    objects: int = 500_000  # the renditions have at most 500; each costs the gate about 10 microseconds
    chars_per_page: int = 100_000
    stream_bytes: int = 64 * 2**20  # one decompressed content stream, font or other non-image stream
    image_bytes: int = 512 * 2**20  # one decompressed image (a lossless scan of a large page at 600 dpi)
    total_bytes: int = 2 * 2**30  # every decompressed stream of the file together
    nesting: int = 64  # arrays and dictionaries inside one another, within one object
    operators_per_page: int = 200_000  # what drawing a page runs, each form it draws counted every time


LIMITS = Limits()
_IMAGE_FILTERS = {"/DCTDecode", "/JPXDecode", "/JBIG2Decode", "/CCITTFaxDecode"}  # pictures: no text inside
_STREAM_NAME = re.compile(r"^stream <[^>]*>\s*")
_CHUNK = 2**20  # decompressed a megabyte at a time, so that a bomb is stopped at its limit, not in memory
WHAT_TO_DO = "download it again or repair it (e.g. `qpdf in.pdf out.pdf`, then check the text), then pin the new sha256"


def check(data: bytes, path: str | Path, limits: Limits | None = None) -> None:
    """Stop unless the PDF in `data` (read from `path`) opens without repair, has at most `limits.pages`
    pages, and every stream in it decodes within the limits (default: LIMITS)."""
    import pikepdf  # here: importing the reader for its rules stays cheap

    limits = limits or LIMITS
    if b"%PDF-" not in data[:1024]:  # where every PDF says what it is
        raise SourceError(f"source file {path} is not a readable PDF: it does not begin with '%PDF-'. Is it the "
                          "file meant? Its `format` in the config says pdf")
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        return  # the reader refuses it, saying it is encrypted and what to do
    except pikepdf.PdfError as error:
        raise SourceError(f"source file {path} is damaged: it does not open as a PDF ({_first_line(error)}); "
                          + WHAT_TO_DO) from None
    with pdf:
        _no_repair(pdf, path, "its structure is broken, qpdf had to repair it")
        if (objects := int(pdf.trailer.get("/Size", 1)) - 1) > limits.objects:  # qpdf warned above if it lies
            raise SourceError(f"source file {path} has {objects:,} objects, more than the limit of "
                              f"{limits.objects:,} (tip_gms.pdf.integrity.Limits.objects); is it the report?")
        if len(pdf.pages) > limits.pages:
            raise SourceError(f"source file {path} has {len(pdf.pages):,} pages, more than the limit of "
                              f"{limits.pages:,} (tip_gms.pdf.integrity.Limits.pages); is it the report?")
        pages = _pages_of_streams(pdf)
        total = 0
        for obj in pdf.objects:
            _nesting(obj, path, limits)
            if isinstance(obj, pikepdf.Stream):
                total += _decoded_size(obj, path, pages, limits)
                if total > limits.total_bytes:
                    raise SourceError(f"source file {path}: its streams decompress to more than "
                                      f"{limits.total_bytes:,} bytes (tip_gms.pdf.integrity.Limits.total_bytes)")
        _no_repair(pdf, path, "an object in it is broken, qpdf had to repair it")
        costs: dict = {}
        for number, page in enumerate(pdf.pages, start=1):
            if _drawing_cost(page.obj, page.resources, costs, limits) > limits.operators_per_page:
                raise SourceError(f"source file {path}: drawing page {number} runs more than "
                                  f"{limits.operators_per_page:,} operators, past the limit "
                                  "(tip_gms.pdf.integrity.Limits.operators_per_page); is it the report?",
                                  page=number)


# A token of a content stream: strings, names and comments are skipped; a bare word is an operator (or a
# keyword such as `true`, counted as one: the count is an upper bound). `/Name Do` draws an XObject.
_TOKEN = re.compile(rb"\((?:\\.|[^\\()])*\)|<[^<>]*>|%[^\r\n]*|/[^\s/\[\]()<>{}%]*|[A-Za-z'\"][A-Za-z0-9*'\"]*")
_DRAWN = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do\b")


def _drawing_cost(owner, resources, costs: dict, limits: Limits) -> int:
    """How many operators drawing `owner` (a page, or a form XObject) runs: those of its content, and for every
    form it draws, that form's, each time it is drawn (forms drawing forms ten times over are a bomb of their
    own). Computed once per form (`costs`); past the limit the count stops growing."""
    import pikepdf

    key = owner.objgen
    if key in costs:
        return costs[key]
    costs[key] = limits.operators_per_page + 1  # a form that draws itself never ends
    contents = owner.get("/Contents") if isinstance(owner, pikepdf.Dictionary) and "/Contents" in owner else owner
    streams = [s for s in (contents if isinstance(contents, pikepdf.Array) else [contents])
               if isinstance(s, pikepdf.Stream)]
    data = b"\n".join(stream.read_bytes() for stream in streams)
    cost = sum(1 for token in _TOKEN.finditer(data) if token[0][:1].isalpha() or token[0][:1] in b"'\"")
    xobjects = resources.get("/XObject", {}) if isinstance(resources, pikepdf.Dictionary) else {}
    for name in _DRAWN.findall(data):
        form = xobjects.get("/" + name.decode("latin-1")) if hasattr(xobjects, "get") else None
        if isinstance(form, pikepdf.Stream) and form.get("/Subtype") == "/Form":
            cost += _drawing_cost(form, form.get("/Resources", resources), costs, limits)
        if cost > limits.operators_per_page:
            break
    costs[key] = cost
    return cost


def _first_line(error: Exception) -> str:
    text = _without_stream_name(str(error))
    return text.splitlines()[0][:200] if text else type(error).__name__


def _no_repair(pdf, path, what: str) -> None:
    """qpdf warns where it had to repair the file to read it: the cross-reference table, an object that does
    not parse. A linearised file's hint tables are only an index for web viewing, and no reader trusts them."""
    warnings = [_without_stream_name(w) for w in pdf.get_warnings()
                if "hint table" not in w and "linearization" not in w.lower()]
    if warnings:  # the first says "file is damaged"; the next, where there is one, says where
        detail = next((w for w in warnings if "file is damaged" not in w and "reconstruct" not in w), warnings[0])
        raise SourceError(f"source file {path} is damaged: {what} (qpdf: {detail[:200]}); " + WHAT_TO_DO)


def _without_stream_name(warning: str) -> str:
    """qpdf names the file it read, here an in-memory copy ("stream <_io.BytesIO ...>"): the caller names it."""
    return _STREAM_NAME.sub("", warning.strip()).removeprefix(": ").strip() or warning.strip()


def _pages_of_streams(pdf) -> dict[tuple[int, int], int]:
    """The page (1-based) whose content each content stream is, by object number."""
    import pikepdf

    pages = {}
    for number, page in enumerate(pdf.pages, start=1):
        contents = page.obj.get("/Contents")
        for stream in contents if isinstance(contents, pikepdf.Array) else [contents]:
            if isinstance(stream, pikepdf.Stream):
                pages.setdefault(stream.objgen, number)
    return pages


def _nesting(obj, path, limits: Limits) -> None:
    """Stop if arrays and dictionaries lie more than `limits.nesting` deep inside one object (a reader that
    recurses into them runs out of stack)."""
    import pikepdf

    stack = [(obj, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limits.nesting:
            raise SourceError(f"source file {path}: object {obj.objgen[0]} nests arrays or dictionaries more than "
                              f"{limits.nesting} deep, past the limit (tip_gms.pdf.integrity.Limits.nesting); "
                              "is it the report?")
        if isinstance(item, pikepdf.Array):
            children: Iterator = iter(item)
        elif isinstance(item, pikepdf.Dictionary | pikepdf.Stream):
            children = (item[key] for key in item.keys())  # noqa: SIM118 (a Stream's keys are its dictionary's)
        else:
            continue
        stack += [(child, depth + 1) for child in children
                  if isinstance(child, pikepdf.Array | pikepdf.Dictionary) and not child.is_indirect]


def _decoded_size(stream, path, pages: dict, limits: Limits) -> int:
    """The size of the stream decompressed, checked as it goes; stop if it does not decode or is too large."""
    import pikepdf

    named = stream.get("/Filter")
    filters = [str(f) for f in named] if isinstance(named, pikepdf.Array) else [str(named)] if named else []
    image = str(stream.get("/Subtype")) == "/Image"
    limit = limits.image_bytes if image else limits.stream_bytes
    what = (f"the content of page {pages[stream.objgen]}" if stream.objgen in pages
            else f"{'an image' if image else 'a stream'} (object {stream.objgen[0]})")
    text_filters = [f for f in filters if f not in _IMAGE_FILTERS]
    if text_filters != filters[:len(text_filters)]:
        text_filters = filters  # an image filter before another: no reader decodes that; qpdf says so below
    try:
        raw = stream.read_raw_bytes()
        if text_filters in ([], ["/FlateDecode"]):
            size = _inflated_size(raw, limit) if text_filters else len(raw)
        else:  # rarer filters (LZW, ASCII85, RunLength...): qpdf decodes them
            size = len(stream.read_bytes()) if len(raw) * 4096 <= limit else limit + 1  # LZW: at most 4096:1
    except (zlib.error, _Truncated) as error:
        raise SourceError(f"source file {path} is damaged: {what} does not decompress ({error}); "
                          + WHAT_TO_DO) from None
    except Exception as error:  # pikepdf's error for a stream it cannot decode, named by qpdf
        raise SourceError(f"source file {path} is damaged: {what} does not decode ({_first_line(error)}); "
                          + WHAT_TO_DO) from None
    if size > limit:
        raise SourceError(f"source file {path}: {what} decompresses to more than {limit:,} bytes "
                          f"(tip_gms.pdf.integrity.Limits.{'image_bytes' if image else 'stream_bytes'})")
    return size


class _Truncated(Exception):
    pass


def _inflated_size(raw: bytes, limit: int) -> int:
    """The size of zlib data decompressed, a chunk at a time, stopping past `limit`; its checksum checked."""
    inflater = zlib.decompressobj()
    size, pending = 0, raw
    while pending and not inflater.eof:
        size += len(inflater.decompress(pending, _CHUNK))
        pending = inflater.unconsumed_tail
        if size > limit:
            return size
    if not inflater.eof:
        size += len(inflater.flush())
        if not inflater.eof:
            raise _Truncated("the compressed data end before the stream does")
    if inflater.unused_data.strip():
        raise _Truncated(f"{len(inflater.unused_data)} bytes follow the end of the compressed data")
    return size
