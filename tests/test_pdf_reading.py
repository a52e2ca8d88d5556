"""The PDF reader's rules, each on a small PDF made for it with reportlab: what it reads, what it drops, and
the errors that stop a run instead of losing words or rows."""

from __future__ import annotations

import dataclasses
import re
from hashlib import sha256
from pathlib import Path

import pytest
import reportlab
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table, TableStyle

from tip_gms import pdf
from tip_gms.document import HEADING
from tip_gms.errors import SourceError, SourceErrors
from tip_gms.pdf import reading
from tip_gms.pdf.__main__ import main
from tip_gms.pipeline import build_sources, read_source
from tip_gms.reports import DocumentSpec, Report

from .conftest import REPO, REPORT, SOURCE_CONFIG
from .renditions.blocks import FIXTURES

LEFT, TOP = 72, A4[1] - 72
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth"}
VERA = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"  # a TrueType font that reportlab ships


def lines_of(path, **_) -> list[str]:
    return [line for line in pdf.read(path)[0] if line]


def table(canvas, rows, y, widths=None):
    """A ruled table whose top is at `y`; returns its bottom."""
    drawn = Table(rows, colWidths=widths, style=TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"),
                                                           ("FONT", (0, 0), (-1, -1), "Helvetica", 10)]))
    _, height = drawn.wrap(400, 800)
    drawn.drawOn(canvas, LEFT, y - height)
    return y - height


def test_a_table_across_pages_with_its_header_repeated_and_a_row_split_is_one_table(tmp_path):
    canvas = Canvas(str(tmp_path / "t.pdf"), pagesize=A4)
    canvas.drawString(LEFT, 120, "Caption of the table")
    table(canvas, [["Country", "2005", "Note"], ["Laos", "1", "first part of"]], 110)
    canvas.showPage()
    table(canvas, [["Country", "2005", "Note"], ["", "", "a note"], ["Thailand", "2", "-"]], TOP)
    canvas.save()
    assert lines_of(tmp_path / "t.pdf") == [
        "Caption of the table", "Country\t2005\tNote", "Laos\t1\tfirst part of a note", "Thailand\t2\t-"]


def test_a_lone_row_in_columns_atop_a_page_continues_the_unruled_table_before_it(tmp_path):
    canvas = Canvas(str(tmp_path / "t.pdf"), pagesize=A4)
    for k, row in enumerate([["Nationality", "Victims", "Others"], ["Thai", "33", "156"]]):
        for x, cell in zip((LEFT, LEFT + 120, LEFT + 220), row, strict=True):
            canvas.drawString(x, 100 - 14 * k, cell)
    canvas.showPage()
    for x, cell in zip((LEFT, LEFT + 120, LEFT + 220), ["Total", "209", "171"], strict=True):
        canvas.drawString(x, TOP, cell)
    canvas.drawString(LEFT, TOP - 40, "A paragraph after the table.")
    canvas.save()
    assert lines_of(tmp_path / "t.pdf") == [
        "Nationality\tVictims\tOthers", "Thai\t33\t156", "Total\t209\t171", "A paragraph after the table."]


def test_a_table_followed_across_a_page_break_by_a_table_of_another_width_is_two_tables_and_logged(tmp_path,
                                                                                                   caplog):
    canvas = Canvas(str(tmp_path / "t.pdf"), pagesize=A4)
    table(canvas, [["a", "b", "c"], ["1", "2", "3"]], 100)
    canvas.showPage()
    table(canvas, [["x", "y"], ["4", "5"]], TOP)
    canvas.save()
    assert pdf.read(tmp_path / "t.pdf")[0] == ["a\tb\tc", "1\t2\t3", "", "x\ty", "4\t5"]
    assert re.search(r"page 2: the table at the foot of page 1 \(3 columns\) .* top of page 2 .*two tables.*--pages 2",
                     caplog.text)


def test_rows_of_a_ruled_table_without_vertical_rules_get_their_columns_from_the_words(tmp_path):
    canvas = Canvas(str(tmp_path / "t.pdf"), pagesize=A4)
    rows = [["Country", "Domestic", "Total"], ["Austria", "92.9", "5,821"], ["Belgium", "0", "38"]]
    drawn = Table(rows, style=TableStyle([("GRID", (0, 0), (-1, 0), 0.5, "black"),  # the header ruled all round
                                          ("BOX", (0, 0), (-1, -1), 0.5, "black"),
                                          ("LINEBELOW", (0, 1), (-1, -1), 0.5, "black"),  # the body: rows only
                                          ("FONT", (0, 0), (-1, -1), "Helvetica", 10)]))
    _, height = drawn.wrap(400, 800)
    drawn.drawOn(canvas, LEFT, TOP - height)
    canvas.save()
    assert lines_of(tmp_path / "t.pdf") == ["Country\tDomestic\tTotal", "Austria\t92.9\t5,821", "Belgium\t0\t38"]
    assert [table.rows for table in pdf.tables(tmp_path / "t.pdf")] == [[row for row in rows]]


def test_bullets_printed_as_glyphs_or_drawn_as_shapes_are_list_items(tmp_path):
    canvas = Canvas(str(tmp_path / "b.pdf"), pagesize=A4)
    canvas.setFont("Helvetica", 11)
    canvas.drawString(LEFT, TOP, "Items:")
    canvas.setFont("ZapfDingbats", 6)
    canvas.drawString(LEFT, TOP - 16, "l")  # a filled circle in ZapfDingbats
    canvas.circle(LEFT + 2, TOP - 28, 1.8, fill=1)  # a disc drawn as a shape, as a browser does
    canvas.rect(LEFT + 20, TOP - 46, 3.5, 3.5, fill=1)  # a nested square
    pdfmetrics.registerFont(TTFont("Vera", str(VERA)))
    canvas.setFont("Vera", 11)
    canvas.drawString(LEFT, TOP - 64, "\u2022")
    canvas.drawString(LEFT, TOP - 112, "\u2192")  # any symbol set apart like a marker
    canvas.setFont("Courier", 11)
    canvas.drawString(LEFT + 20, TOP - 80, "o")  # a word processor's second-level bullet
    canvas.setFont("Helvetica", 11)
    for y, x, text in ((16, 12, "a glyph of a symbol font"), (32, 12, "a disc"), (48, 32, "a square, nested"),
                       (64, 12, "a bullet character"), (80, 40, "an o set apart"), (96, 0, "o is a letter"),
                       (112, 14, "an arrow set apart")):
        canvas.drawString(LEFT + x, TOP - y, text)
    canvas.save()
    assert lines_of(tmp_path / "b.pdf") == [
        "Items:", "- a glyph of a symbol font", "- a disc", " - a square, nested", "- a bullet character",
        " - an o set apart", "o is a letter", "- an arrow set apart"]


def test_running_headers_footers_and_page_numbers_are_dropped_but_numbers_in_the_text_are_kept(tmp_path):
    canvas = Canvas(str(tmp_path / "r.pdf"), pagesize=A4)
    for page in range(1, 5):
        canvas.setFont("Helvetica", 8)
        canvas.drawString(LEFT, A4[1] - 30, "A report on trafficking, 2007")
        canvas.drawString(LEFT, 30, f"Page {page} of 4")
        canvas.setFont("Helvetica", 11)
        canvas.drawString(LEFT, TOP, f"Text of the {ORDINALS[page]} page.")
        if page == 2:
            canvas.drawString(LEFT + 300, TOP - 40, "7")  # a slide number printed in the text
        canvas.showPage()
    canvas.save()
    assert lines_of(tmp_path / "r.pdf") == ["Text of the first page.", "Text of the second page.", " 7",
                                            "Text of the third page.", "Text of the fourth page."]


def test_wrapped_lines_and_words_broken_at_a_line_end_are_joined_as_the_text_has_them(tmp_path):
    canvas = Canvas(str(tmp_path / "w.pdf"), pagesize=A4)
    canvas.setFont("Helvetica", 11)

    def filled(text, end):  # `text` and more words, up to the right margin, then `end`
        while canvas.stringWidth(f"{text} more words {end}", "Helvetica", 11) < A4[0] - 2 * LEFT:
            text += " more words"
        return f"{text} {end}"

    lines = [filled("A line that fills the width", "Inter-"), filled("Ministerial, and a dash", "-"),
             filled("stays;", "women-"), "and children-trafficking."]
    for k, text in enumerate(lines):
        canvas.drawString(LEFT, TOP - 14 * k, text)
    canvas.drawString(LEFT, TOP - 60, "A short line.")
    canvas.drawString(LEFT, TOP - 74, "Another short line.")
    canvas.save()
    assert lines_of(tmp_path / "w.pdf") == [
        f"{lines[0]}{lines[1]} {lines[2]} {lines[3]}", "A short line.", "Another short line."]


def test_a_slash_at_a_line_end_joins_words_but_keeps_the_space_before_a_number(tmp_path):
    canvas = Canvas(str(tmp_path / "s.pdf"), pagesize=A4)
    canvas.setFont("Helvetica", 11)
    lines = []
    for text, end in (("Words joined by a slash:", "Centers/"), ("shelters; a law", "No. 5/")):
        while canvas.stringWidth(f"{text} a {end}", "Helvetica", 11) < A4[0] - 2 * LEFT:
            text += " a"  # filled to within a short word: the next line's first word would not fit
        lines.append(f"{text} {end}")
    lines.append("2005 of the council.")
    for k, text in enumerate(lines):
        canvas.drawString(LEFT, TOP - 14 * k, text)
    canvas.save()
    assert lines_of(tmp_path / "s.pdf") == [f"{lines[0]}{lines[1]} {lines[2]}"]


def test_a_word_too_long_for_its_cell_is_joined_but_a_word_that_fills_it_is_not(tmp_path):
    """Writer breaks '(MWAF),' inside the word when the cell is too narrow for it; WeasyPrint puts 'Act.' on a
    line of its own after a word that nearly fills the cell. Both leave a line of one word as wide as the cell."""
    canvas = Canvas(str(tmp_path / "c.pdf"), pagesize=A4)
    width = canvas.stringWidth  # each column 14 pt wider than its first line: 6 pt padding on each side
    widths = [width("Suppression", "Helvetica", 10) + 14, width("(MWA", "Helvetica", 10) + 14]
    canvas.drawString(LEFT, TOP, "Caption of the table")
    table(canvas, [["Act", "Body"], ["Suppression\nAct.", "(MWA\nF),"]], TOP - 10, widths)
    canvas.save()
    assert lines_of(tmp_path / "c.pdf")[1:] == ["Act\tBody", "Suppression Act.\t(MWAF),"]


def test_a_word_that_reaches_no_line_stops_the_run_naming_its_page_and_the_word(tmp_path, monkeypatch):
    canvas = Canvas(str(tmp_path / "l.pdf"), pagesize=A4)
    canvas.drawString(LEFT, TOP, "Kept words")
    canvas.drawString(LEFT, TOP - 40, "Lost words")
    canvas.save()
    read_page = reading._read_page

    def losing(page, path, scanned=None):  # a reading step that forgets a line: the accounting must notice
        read = read_page(page, path, scanned)
        read.lines = [line for line in read.lines if line.text != "Lost words"]
        return read

    monkeypatch.setattr(reading, "_read_page", losing)
    with pytest.raises(SourceError, match=r"page 1: the word\(s\) 'Lost words' reached no line .*--pages 1"):
        pdf.read(tmp_path / "l.pdf")


def test_the_command_shows_the_lines_of_the_pages_asked_for(capsys):
    main([str(FIXTURES / "writer_letter.pdf"), "--pages", "3-4"])
    header, *shown = capsys.readouterr().out.splitlines()
    assert header.split()[:4] == ["line", "page", "on", "page"]  # the columns say what they are
    assert {line.split()[1] for line in shown} == {"p3", "p4"}
    assert any("Cambodia\t2\t3".replace("\t", " | ") in line for line in shown)
    dropped = [line for line in shown if line.startswith("dropped")]
    assert dropped and all("(running header or footer)" in line for line in dropped)
    assert "dropped  p3   (running header or footer)  Page 3 of 31" in dropped


def test_a_dataset_that_cannot_be_built_from_a_pdf_names_the_page_the_reading_step_and_the_command(tmp_path):
    canvas = Canvas(str(tmp_path / "s.pdf"), pagesize=A4)
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(LEFT, TOP, "Interim Report")
    canvas.setFont("Helvetica", 11)
    canvas.drawString(LEFT, TOP - 30, "March 2007")
    canvas.showPage()
    canvas.setFont("Helvetica", 11)
    canvas.drawString(LEFT, TOP, "Trafficking in Persons Report by US Department of State (Tier1)")
    canvas.drawString(LEFT, TOP - 40, "The table is missing.")
    canvas.save()
    pdf_file = tmp_path / "s.pdf"
    spec = {**SOURCE_CONFIG, "path": str(pdf_file), "format": "pdf", "documents": SOURCE_CONFIG["documents"][:1],
            "sha256": sha256(pdf_file.read_bytes()).hexdigest(),
            "datasets": {"tier_placements": REPORT.settings("tier_placements")}}
    with pytest.raises(SourceErrors) as error:
        build_sources([spec], basedir=str(REPO), outputs=str(tmp_path), code="c")
    message = str(error.value)
    assert "(page 2)" in message and "reading step most likely at fault: 'ruled table'" in message
    assert f"`.venv/bin/python -m tip_gms.pdf {tmp_path / 's.pdf'} --pages 2` shows what was read there" in message


def test_importing_the_reader_for_its_rules_does_not_load_pdfplumber():
    import subprocess
    import sys

    code = "import sys, tip_gms.pdf; sys.exit('pdfplumber' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_the_codebook_lists_every_rule_of_reading_a_pdf():
    from tip_gms.publishing import docs

    codebook = docs.codebook([], [{"path": "raw/x.pdf", "sha256": "0"}], version="0123456789ab")
    assert "## Reading PDF sources" in codebook
    assert all(f"- **{name}**: {rule}" in codebook for name, rule in {**pdf.READING, **pdf.DROPPED}.items())


def test_a_document_title_not_found_in_a_pdf_says_how_to_see_what_was_read(tmp_path):
    canvas = Canvas(str(tmp_path / "t.pdf"), pagesize=A4)
    canvas.drawString(LEFT, TOP, "Not the title the configuration names")
    canvas.save()
    shown = r"`\.venv/bin/python -m tip_gms.pdf .*t\.pdf` shows what was read"
    with pytest.raises(SourceError, match=rf"not found: .*{shown}"):
        read_source(dataclasses.replace(REPORT, documents=REPORT.documents[:1]), str(tmp_path / "t.pdf"), "pdf")


def test_justified_text_is_not_read_as_a_table(tmp_path):
    style = ParagraphStyle("justified", fontName="Helvetica", fontSize=11, leading=13, alignment=TA_JUSTIFY)
    text = ("Laos does not yet have a specific anti-trafficking law and mainly use the Penal Code against "
            "violations of children's rights and the Law on Protection of Women and Children (2004) to arrest "
            "and prosecute traffickers and to protect at-risk groups and victims.")
    canvas = Canvas(str(tmp_path / "j.pdf"), pagesize=A4)
    paragraph = Paragraph(text, style)
    _, height = paragraph.wrap(160, 400)  # narrow: the spaces of its lines stretch wide
    paragraph.drawOn(canvas, LEFT, TOP - height)
    canvas.save()
    lines = lines_of(tmp_path / "j.pdf")
    assert " ".join(lines) == text and not any("\t" in line for line in lines)


def test_a_heading_is_larger_than_the_body_of_its_page_when_a_page_shrinks_its_text(tmp_path):
    canvas = Canvas(str(tmp_path / "h.pdf"), pagesize=A4)
    for heading, body in ((16, 12), (11, 8)):  # the second page's text is shrunk to fit
        canvas.setFont("Helvetica", heading)
        canvas.drawString(LEFT, TOP, f"A heading at {heading} pt")
        canvas.setFont("Helvetica", body)
        for k in range(3):
            canvas.drawString(LEFT, TOP - 40 - 14 * k, f"Body text printed at {body} points, line {k + 1}.")
        canvas.showPage()
    canvas.save()
    parsed = read_source(Report("h", (DocumentSpec("h", "A heading"),)), str(tmp_path / "h.pdf"), "pdf")
    assert [line.text for line in parsed.lines if line.kind == HEADING] == ["A heading at 16 pt",
                                                                              "A heading at 11 pt"]


def test_a_table_of_two_columns_without_rules_is_a_table(tmp_path):
    canvas = Canvas(str(tmp_path / "t.pdf"), pagesize=A4)
    canvas.setFont("Helvetica", 10)
    canvas.drawString(LEFT, TOP, "Rates by age group, as the survey found them in the year.")
    for k, (age, rate) in enumerate([("20-29", "0.2650"), ("30-39", "0.3100"), ("40-49", "0.1275")]):
        canvas.drawString(LEFT, TOP - 24 - 14 * k, age)
        canvas.drawString(LEFT + 120, TOP - 24 - 14 * k, rate)
    canvas.save()
    assert lines_of(tmp_path / "t.pdf") == ["Rates by age group, as the survey found them in the year.",
                                            "20-29\t0.2650", "30-39\t0.3100", "40-49\t0.1275"]


def test_a_row_that_holds_only_a_label_is_a_row_of_its_table(tmp_path):
    canvas = Canvas(str(tmp_path / "t.pdf"), pagesize=A4)
    canvas.setFont("Helvetica", 10)
    rows = [["Group", "2005", "2006"], ["Actual"], ["Male", "10", "12"], ["Female", "11", "13"], ["Projected"],
            ["Male", "14", "15"]]
    for k, row in enumerate(rows):
        for x, cell in zip((LEFT, LEFT + 150, LEFT + 220), row, strict=False):
            canvas.drawString(x, TOP - 14 * k, cell)
    canvas.save()
    assert [table.rows for table in pdf.tables(tmp_path / "t.pdf")] == [
        [row + [""] * (3 - len(row)) for row in rows]]
    assert lines_of(tmp_path / "t.pdf") == ["Group\t2005\t2006", "Actual\t\t", "Male\t10\t12", "Female\t11\t13",
                                            "Projected\t\t", "Male\t14\t15"]


def test_the_reading_rules_quote_the_tolerances_the_reader_uses():
    t = pdf.TOLERANCES
    assert f"wider than {t.column_gap} of the font size" in pdf.READING["unruled table"]
    assert f"a space ({t.space} of the font size)" in pdf.READING["unruled table"]
    assert f"wider than {t.block_gap} of the font size" in pdf.READING["block"]
    assert f"more than {t.larger} times larger" in pdf.READING["heading"]


@pytest.mark.parametrize("align", ["bottom"])
def test_a_header_cell_wrapped_over_lines_in_a_table_without_rules_is_one_cell(tmp_path, align):
    """The issue's case: header cells wrap over up to three lines, aligned to the bottom of the header row, in a
    table without rules. (Aligned to the top, the lines below the first are read as the wrapped cells of the
    row above only where they fill fewer than half of the columns; aligned to the middle, cells of two lines
    and of three stand half a line apart: neither is read as one row yet.)"""
    header = [["Province"], ["Residents", "in 2004"], ["Victims in", "October", "2005"],
              ["Victims in", "March", "2006"]]
    canvas = Canvas(str(tmp_path / "t.pdf"), pagesize=A4)
    canvas.setFont("Helvetica", 10)
    xs = (LEFT, LEFT + 150, LEFT + 230, LEFT + 310)
    for x, lines in zip(xs, header, strict=True):
        start = {"top": 0, "middle": (3 - len(lines)) / 2, "bottom": 3 - len(lines)}[align]
        for k, text in enumerate(lines):
            canvas.drawString(x, TOP - 11 * (start + k), text)
    for r, row in enumerate([["Bangkok", "120", "33", "40"], ["Chiang Mai", "80", "12", "15"]]):
        for x, text in zip(xs, row, strict=True):
            canvas.drawString(x, TOP - 40 - 14 * r, text)
    canvas.save()
    assert lines_of(tmp_path / "t.pdf") == [
        "Province\tResidents in 2004\tVictims in October 2005\tVictims in March 2006",
        "Bangkok\t120\t33\t40", "Chiang Mai\t80\t12\t15"]


def test_a_ruled_table_over_three_pages_is_one_table(tmp_path):
    """Each page's part joins the table it continues, however many pages the table runs over: the third part
    used to stand apart, since only the page where the table began was compared with the next."""
    from reportlab.platypus import SimpleDocTemplate

    rows = [["Year", "Persons"]] + [[str(1900 + n), str(n * 7)] for n in range(130)]
    table = Table(rows, repeatRows=1, style=TableStyle([("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0))]))
    SimpleDocTemplate(str(tmp_path / "long.pdf"), pagesize=A4).build([table])
    import pdfplumber

    with pdfplumber.open(tmp_path / "long.pdf") as opened:
        assert len(opened.pages) >= 3
        last_page = len(opened.pages)
        first_on = {page.page_number: page.extract_text().splitlines()[1] for page in opened.pages}
    lines, printed = pdf.read(tmp_path / "long.pdf")
    table_rows = [line for line in lines if "\t" in line]
    assert table_rows == ["\t".join(row) for row in rows]  # one header, every row once, in order
    assert "" not in lines  # one table: no gap between parts
    # and each row says the page it is printed on (source_page), not the page where the table began
    page_of = {line.replace("\t", " "): at.page for line, at in zip(lines, printed, strict=True)}
    assert {page_of[first_row] for first_row in first_on.values()} == set(range(1, last_page + 1))
    assert all(page_of[first_row] == page for page, first_row in first_on.items())


@pytest.mark.parametrize("line_height", [1.1, 1.35, 1.6])
def test_a_paragraph_in_loose_lines_is_one_line_and_blocks_stay_apart(tmp_path, line_height):
    """Lines set further apart than half the font size (a line height of 1.6) are still the lines of one
    paragraph, joined where they wrap; a blank line is a gap wider than those lines' gap (READING 'block')."""
    from reportlab.platypus import SimpleDocTemplate

    style = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=10 * line_height, spaceAfter=14)
    first = " ".join(["Victims are supported by the shelters of the ministry and of the partners"] * 3)
    second = " ".join(["A second block follows after a blank line, and it wraps over lines too"] * 3)
    SimpleDocTemplate(str(tmp_path / "t.pdf"), pagesize=A4).build([Paragraph(first, style), Paragraph(second, style)])
    assert pdf.read(tmp_path / "t.pdf")[0] == [first, "", second]


def test_a_word_too_long_for_its_cell_broken_before_its_comma_is_joined_again(tmp_path):
    """Writer breaks a word wider than its cell before the comma that ends it ('Federation(MWAF)' / ', Save'):
    the comma is the rest of the word, not a word of its own (READING 'word broken at a line end')."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    wide = stringWidth("Federation(MWAF)", "Helvetica", 10) + 12  # the cell's padding: 6 pt each side
    canvas = Canvas(str(tmp_path / "t.pdf"), pagesize=A4)
    table(canvas, [["Country", "Partners"], ["Myanmar", "Federation(MWAF)\n, Save the\nChildren"]], 700,
          widths=[80, wide])
    canvas.save()
    assert lines_of(tmp_path / "t.pdf") == ["Country\tPartners", "Myanmar\tFederation(MWAF), Save the Children"]
