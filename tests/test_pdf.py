"""The PDF reader, on a PDF rendition of the source typeset at test time (tests/pdf_fixture.py): the same
document model and the same datasets as the text source, with pages."""

import hashlib
import re

import pandas as pd
import pdfplumber
import pytest
from reportlab.pdfgen.canvas import Canvas

from tip_gms import source
from tip_gms.document import BLANK, BULLET, HEADING, PARAGRAPH, TABLE_ROW
from tip_gms.errors import SourceError, SourceErrors
from tip_gms.pipeline import build_sources, read_source
from tip_gms.reports import DocumentSpec, Report
from tip_gms.shapes import PROVENANCE

from .conftest import RAW, REPO, REPORT, SOURCE_CONFIG, build_all
from .pdf_fixture import write_pdf

# Columns that say where a value was read, not what it is: they differ between a text and a PDF.
LINE_COLUMNS = {*PROVENANCE, "first_line", "last_line", "source_lines", "citation"}  # a citation names page and line


@pytest.fixture(scope="module")
def from_pdf(pdf_path):
    return read_source(REPORT, str(pdf_path), "pdf")


@pytest.fixture(scope="module")
def built_from_pdf(from_pdf):
    return build_all(from_pdf)[0]


def page_texts(pdf_path, numbers) -> dict[int, str]:
    """The text of some pages, as pdfplumber itself reads them."""
    with pdfplumber.open(pdf_path) as pdf:
        return {n: pdf.pages[n - 1].extract_text() for n in set(numbers)}


def test_the_fixture_has_ruled_tables_an_unruled_one_and_text_over_many_pages(pdf_path, from_pdf):
    document = from_pdf.document("jica_interim_report_2007")
    tier, rescued, kredtrakhan = (document.find(row).page for row in ("Cambodia 2 3", "Australia 1 13", "Thai 33 156"))
    with pdfplumber.open(pdf_path) as pdf:
        ruled = {rows[1][0] for n in (tier, rescued, kredtrakhan) for table in pdf.pages[n - 1].find_tables()
                 for rows in [table.extract()]}
        kredtrakhan_text = pdf.pages[kredtrakhan - 1].extract_text()
    assert {"Cambodia", "Australia"} <= ruled  # the tier table and the rescued-victims table have rules
    assert "Thai" not in ruled and "Thai 33 156 189 (49.7)" in kredtrakhan_text  # the Kredtrakhan table has none
    assert len({line.page for line in from_pdf.lines if line.kind == BULLET}) >= 10


def test_the_pdf_reads_into_the_same_lines_and_blocks_as_the_text(parsed, from_pdf):
    assert [d.doc_id for d in from_pdf.documents] == [d.doc_id for d in parsed.documents]
    for text, pdf in zip(parsed.documents, from_pdf.documents, strict=True):
        def shape(document):
            return [(line.kind, line.text, line.indent) for line in document.lines if line.kind != BLANK]
        assert shape(pdf) == shape(text), text.doc_id
        assert [[line.text for line in block] for block in pdf.blocks()] == [
            [line.text for line in block] for block in text.blocks()], text.doc_id


def test_pdf_lines_know_their_page(from_pdf):
    text_lines = [line for line in from_pdf.lines if line.kind != BLANK]
    assert all(line.page >= 1 and line.line_on_page >= 1 for line in text_lines)
    pages = [line.page for line in text_lines]
    assert pages == sorted(pages) and pages[-1] >= 20
    assert from_pdf.lines[0].line_on_page == 1 and from_pdf.lines[0].bold  # the bold title
    tier_row = from_pdf.document("jica_interim_report_2007").find("Cambodia 2 3")
    assert tier_row.kind == TABLE_ROW and from_pdf.page_of(tier_row.number) == tier_row.page


@pytest.mark.parametrize(("title_size", "kinds"), [
    (16, [HEADING, PARAGRAPH, PARAGRAPH]),  # type sizes decide: a larger line is a heading, body lines are not
    (10, [PARAGRAPH, HEADING, HEADING]),  # one size only: the text's own shape decides, as for a text source
])
def test_headings_come_from_type_size_where_the_pdf_has_it(tmp_path, title_size, kinds):
    canvas = Canvas(str(tmp_path / "h.pdf"))
    canvas.setFont("Helvetica", title_size)
    canvas.drawString(72, 750, "A heading.")  # a full stop: not a heading by its text alone
    canvas.setFont("Helvetica", 10)
    canvas.drawString(72, 720, "Two short lines")
    canvas.drawString(72, 708, "in one block")
    canvas.save()
    parsed = read_source(Report("h", (DocumentSpec("h", "A heading"),)), str(tmp_path / "h.pdf"), "pdf")
    assert [line.kind for line in parsed.lines if line.kind != BLANK] == kinds


@pytest.mark.parametrize("name", SOURCE_CONFIG["datasets"])
def test_datasets_from_the_pdf_equal_those_from_the_text(built, built_from_pdf, name):
    text, pdf = built[0][name], built_from_pdf[name]
    assert len(pdf) == len(text) > 0
    assert pdf["source_page"].notna().all() and (pdf["source_page"] >= 1).all()
    columns = [c for c in text.columns if c not in LINE_COLUMNS]
    if name == "quality_findings":  # messages cite line numbers
        text, pdf = (frame.assign(message=frame["message"].str.replace(r"(?i)line \d+", "line N", regex=True))
                     for frame in (text, pdf))
    if "mention_id" in columns:  # '<doc_id>:<line>:<n>' names the line
        text, pdf = (frame.assign(mention_id=frame["mention_id"].str.replace(r":\d+:", ":N:", regex=True))
                     for frame in (text, pdf))
    pd.testing.assert_frame_equal(pdf[columns], text[columns])


def test_every_value_from_the_pdf_is_on_its_page(pdf_path, built_from_pdf):
    tiers, residents = built_from_pdf["tier_placements"], built_from_pdf["kredtrakhan_residents_by_nationality"]
    page_text = page_texts(pdf_path, [*tiers["source_page"], *residents["source_page"]])
    for _, row in tiers.iterrows():
        assert re.search(rf"^{row['country']} .*{row['tier_as_printed']}", page_text[row["source_page"]], re.MULTILINE)
    for _, row in residents.iterrows():
        assert f"{row['nationality']} " in page_text[row["source_page"]]


def test_a_bad_cell_in_a_pdf_names_its_line_and_page(tmp_path):
    lines = source.read_lines(RAW)[:100]  # the first document, down to its tier table
    lines[lines.index("Laos\t2\t2\t2\t2-WL\t2\t3")] = "Laos\t2\t2\t2\t2-XL\t2\t3"
    write_pdf(lines, tmp_path / "bad.pdf", section_codes=REPORT.section_codes)
    pdf = tmp_path / "bad.pdf"
    spec = {**SOURCE_CONFIG, "path": str(pdf), "format": "pdf", "sha256": hashlib.sha256(pdf.read_bytes()).hexdigest(),
            "documents": SOURCE_CONFIG["documents"][:1], "datasets": {"tier_placements": REPORT.settings(
                "tier_placements")}}
    laos = read_source(Report.from_config(spec), str(pdf), "pdf").documents[0].find("Laos 2 2 2 2-XL")
    with pytest.raises(SourceErrors) as error:
        build_sources([spec], basedir=str(REPO), outputs=str(tmp_path), code="c")
    assert f"{pdf}: dataset tier_placements, column tier, value '2-XL', source line {laos.number} (page {laos.page})" \
        in str(error.value)
    assert laos.page > 1


def test_a_file_that_is_not_a_pdf_is_refused(tmp_path):
    (tmp_path / "x.pdf").write_text("not a PDF")
    with pytest.raises(SourceError, match="is not a readable PDF"):
        read_source(REPORT, str(tmp_path / "x.pdf"), "pdf")


def test_an_encrypted_pdf_is_refused_saying_so(tmp_path):
    from reportlab.lib import pdfencrypt

    canvas = Canvas(str(tmp_path / "e.pdf"), encrypt=pdfencrypt.StandardEncryption("secret", canPrint=1))
    canvas.drawString(72, 720, "Interim Report")
    canvas.save()
    with pytest.raises(SourceError, match=r"e\.pdf is an encrypted PDF \(it asks for a password\)"):
        read_source(REPORT, str(tmp_path / "e.pdf"), "pdf")
