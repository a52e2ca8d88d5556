"""A damaged or hostile PDF is refused before it is read, naming the file, the page or object, and the limit
(tip_gms.pdf.integrity); a source that changes while it is read is refused; the text source has its limits."""

from __future__ import annotations

import dataclasses
import logging
import time

import pytest

from tip_gms import pdf, source
from tip_gms.errors import SourceError
from tip_gms.pdf import integrity, reading

from . import hostile_pdfs
from .pdf_mutations import mutate
from .test_renditions import FIXTURES

WRITER = FIXTURES / "writer_letter.pdf"


def refusal(data: bytes, tmp_path, **limits) -> str:
    """The message the reader refuses `data` with (within a few seconds), under the default or given limits."""
    path = tmp_path / "hostile.pdf"
    path.write_bytes(data)
    chosen = dataclasses.replace(integrity.LIMITS, **limits)
    started = time.perf_counter()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(integrity, "LIMITS", chosen)
        with pytest.raises(SourceError) as error:
            pdf.read(path)
    assert time.perf_counter() - started < 10
    assert str(path) in str(error.value)
    return str(error.value)


def test_a_plain_pdf_passes_the_gate(tmp_path):
    path = tmp_path / "plain.pdf"
    path.write_bytes(hostile_pdfs.text_page(b"Hello world"))
    assert pdf.read(path)[0] == ["Hello world"]


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.pdf")), ids=lambda p: p.stem)
def test_every_committed_rendition_passes_the_gate(path):
    integrity.check(path.read_bytes(), path)


def test_a_broken_cross_reference_table_is_refused_naming_where(tmp_path):
    data = WRITER.read_bytes()
    xref = data.rindex(b"\nxref\n")
    entry = data.index(b" 00000 n", xref + 40) - 10  # the offset of an object, as a failing disk would garble it
    damaged = data[:entry] + b"00000x0000" + data[entry + 10:]
    message = refusal(damaged, tmp_path)
    assert "is damaged" in message and "qpdf had to repair it" in message and "xref" in message
    assert "download it again or repair it" in message and "pin the new sha256" in message


def test_a_stream_damaged_inside_its_compressed_data_is_refused_naming_its_page(tmp_path):
    """qpdf does not check the checksum of compressed data: a block zeroed inside a stream passes it, and pdfminer
    reads on with text missing. zlib checks it."""
    import pikepdf

    data = WRITER.read_bytes()
    with pikepdf.open(WRITER) as document:
        number = document.pages[2].obj["/Contents"].objgen[0]
    content = data.index(b"stream", data.index(b"\n%d 0 obj" % number)) + len(b"stream\n")
    damaged = data[:content + 200] + bytes(40) + data[content + 240:]
    message = refusal(damaged, tmp_path)
    assert "is damaged: the content of page 3 does not decompress" in message


def test_a_truncated_file_is_refused(tmp_path):
    data = WRITER.read_bytes()
    assert "is damaged" in refusal(data[: len(data) * 2 // 3], tmp_path)


def test_a_decompression_bomb_is_refused_at_its_limit_in_bounded_time(tmp_path):
    """65 MiB of content from 65 KB of file: stopped once 64 MiB have come out, a megabyte at a time."""
    bomb = hostile_pdfs.text_page(content=b"BT /F1 12 Tf 72 720 Td (x) Tj ET" + b" " * (65 * 2**20))
    assert len(bomb) < 100_000
    message = refusal(bomb, tmp_path)
    assert "the content of page 1 decompresses to more than 67,108,864 bytes" in message
    assert "Limits.stream_bytes" in message


def test_all_streams_together_have_a_limit(tmp_path):
    message = refusal(hostile_pdfs.text_page(pages=3), tmp_path, total_bytes=10)
    assert "Limits.total_bytes" in message


def test_too_many_pages_are_refused_before_any_is_read(tmp_path):
    message = refusal(hostile_pdfs.text_page(pages=integrity.LIMITS.pages + 1), tmp_path)
    assert "2,001 pages, more than the limit of 2,000" in message


def test_too_many_objects_are_refused_before_any_is_read(tmp_path):
    message = refusal(hostile_pdfs.text_page(extra_objects=[b"null"] * 200), tmp_path, objects=100)
    assert "206 objects, more than the limit of 100" in message


@pytest.mark.parametrize("depth", [integrity.LIMITS.nesting + 1, 5_000])
def test_objects_nested_too_deep_are_refused(tmp_path, depth):
    """Past our limit, or past qpdf's own (500), which it reports as a repair."""
    message = refusal(hostile_pdfs.text_page(extra_objects=[b"[" * depth + b"]" * depth]), tmp_path)
    assert "nests arrays or dictionaries more than 64 deep" in message or "deeply nested" in message


def test_a_page_that_runs_too_many_operators_is_refused_before_it_is_read(tmp_path):
    """1.8 million drawing operators in 140 KB: pdfplumber would take minutes over them."""
    flood = hostile_pdfs.text_page(content=b"BT /F1 12 Tf 72 720 Td (x) Tj ET " + b"0 0 m 1 1 l S\n" * 600_000)
    assert "drawing page 1 runs more than 200,000 operators" in refusal(flood, tmp_path)


def test_forms_that_draw_forms_ten_times_over_are_refused(tmp_path):
    """Eight levels of forms each drawing the next ten times: 2 KB that ask for 100 million operators."""
    message = refusal(hostile_pdfs.form_bomb(8), tmp_path)
    assert "Limits.operators_per_page" in message
    assert pdf.integrity.check(hostile_pdfs.form_bomb(2), "two levels.pdf") is None  # 100 operators: fine


def test_a_page_with_too_many_characters_is_refused_naming_it(tmp_path):
    message = refusal(hostile_pdfs.text_page(b"x " * 300), tmp_path, chars_per_page=500)
    assert "page 1 prints 600 characters, more than the limit of 500" in message


def test_glyphs_without_characters_are_refused_naming_the_page(tmp_path):
    font, objects = hostile_pdfs.unmapped_font()
    data = hostile_pdfs.text_page(content=b"BT /F1 12 Tf 72 720 Td <000100020003> Tj ET", font=font,
                                  extra_objects=objects)
    message = refusal(data, tmp_path)
    assert "page 1 prints 1 word(s) in glyphs that the PDF gives no characters for" in message
    assert "(cid:1)" in message


def test_private_use_characters_outside_bullets_are_refused(tmp_path):
    font, objects = hostile_pdfs.unmapped_font(b"1 beginbfchar <0001> <E000> endbfchar")
    data = hostile_pdfs.text_page(content=b"BT /F1 12 Tf 72 720 Td <00010001> Tj ET", font=font,
                                  extra_objects=objects)
    assert "glyphs that the PDF gives no characters for ('\\ue000\\ue000'" in refusal(data, tmp_path)


def test_a_pdfminer_warning_of_lost_data_stops_the_run_naming_the_page():
    with reading._data_loss_refused("raw/x.pdf") as refuse_any:
        refuse_any(1)  # nothing logged: nothing refused
        logging.getLogger("pdfminer.pdfpage").warning("Data-loss while decompressing corrupted data")
        with pytest.raises(SourceError, match=r"raw/x.pdf is damaged: reading page 2, pdfminer could not read all "
                                              r"of it \(Data-loss while decompressing corrupted data\)"):
            refuse_any(2)


def test_a_damaged_copy_that_pdfminer_would_read_with_lines_changed_is_refused(tmp_path):
    """The issue's case: 56 bytes zeroed in a font program. pdfminer logs a warning and reads 911 lines, not
    the intact file's; the gate refuses it."""
    _, damaged = mutate(WRITER.read_bytes(), 55)
    assert "does not decompress" in refusal(damaged, tmp_path)


def test_a_source_that_changes_while_it_is_read_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "s.pdf"
    data = hostile_pdfs.text_page(b"Hello world")
    path.write_bytes(data)
    pinned = source.read_pinned(path, source.hashlib.sha256(data).hexdigest())
    path.write_bytes(hostile_pdfs.text_page(b"Hello World"))  # same size, other bytes
    assert pdf.read(path, data=pinned)[0] == ["Hello world"]  # what is read is what was checked
    with pytest.raises(SourceError, match="changed while it was being read"):
        source.check_unchanged(path, pinned)
    source.check_unchanged(path, path.read_bytes())


def test_the_text_source_has_a_size_and_a_line_limit(tmp_path, monkeypatch):
    path = tmp_path / "s.txt"
    path.write_bytes(b"x\n" * 11)
    monkeypatch.setattr(source, "MAX_SOURCE_BYTES", 21)
    with pytest.raises(SourceError, match=r"has 22 bytes, more than the limit of 21 \(tip_gms.source"):
        source.read_pinned(path, "0" * 64)
    monkeypatch.setattr(source, "MAX_LINES", 10)
    with pytest.raises(SourceError, match=r"has 12 lines, more than the limit of 10"):
        source.check_text(source.read_lines(path), path)


@pytest.mark.parametrize("save", [
    {"object_stream_mode": "generate"},  # objects packed in compressed object streams, a cross-reference stream
    {"linearize": True},  # "fast web view", with hint tables
    {"encryption": {"owner": "secret", "user": "", "R": 6, "allow": {"extract": False}}},  # opens without a password
    {"compress_streams": False},
], ids=["object streams", "linearised", "encrypted without a user password", "uncompressed"])
def test_a_valid_pdf_saved_another_way_passes_the_gate_and_reads_the_same(tmp_path, save):
    """The gate refuses damage, not the ways a valid PDF may be written (qpdf writes each of these)."""
    import pikepdf

    options = dict(save)
    if "object_stream_mode" in options:
        options["object_stream_mode"] = pikepdf.ObjectStreamMode.generate
    if "encryption" in options:
        settings = options["encryption"]
        options["encryption"] = pikepdf.Encryption(owner=settings["owner"], user=settings["user"], R=settings["R"],
                                                   allow=pikepdf.Permissions(**settings["allow"]))
    with pikepdf.open(WRITER) as document:
        document.save(tmp_path / "saved.pdf", **options)
    assert pdf.read(tmp_path / "saved.pdf")[0] == pdf.read(WRITER)[0]


def test_a_pdf_of_no_pages_or_a_page_tree_in_a_loop_is_refused(tmp_path):
    catalog = b"<< /Type /Catalog /Pages 2 0 R >>"
    assert "has no pages" in refusal(hostile_pdfs.pdf([catalog, b"<< /Type /Pages /Kids [] /Count 0 >>"]), tmp_path)
    looped = hostile_pdfs.pdf([catalog, b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"])
    assert "Loop detected in /Pages" in refusal(looped, tmp_path)
