import dataclasses

import pytest

from tip_gms import document
from tip_gms.document import BULLET, HEADING, NUMBERED, PARAGRAPH, SLIDE_NUMBER, TABLE_ROW, clean
from tip_gms.errors import SourceError
from tip_gms.reports import DocumentSpec, Report

from .conftest import REPORT

ONE_DOCUMENT = Report("s", (DocumentSpec("d", "Title"),))


def test_clean_strips_presentation_markup():
    assert clean("**Prosecution:** Justice") == "Prosecution: Justice"
    assert clean("<u>Central Body</u> , chaired") == "Central Body , chaired"
    assert clean("about US\\$. 5 to 7 billion") == "about US$. 5 to 7 billion"
    assert clean("  two   spaces\t") == "two spaces"


def test_the_three_documents_are_found_by_their_titles(parsed):
    spans = [(d.doc_id, d.first_line, d.last_line) for d in parsed.documents]
    assert spans == [
        ("jica_interim_report_2007", 3, 617),
        ("cambodia_experiences_2007", 619, 857),
        ("shelters_gms_2007", 859, 917),
    ]


def test_line_numbers_match_the_raw_file(parsed):
    line = parsed.lines[89]  # index 89 holds line 90
    assert line.number == 90 and line.raw.startswith("Cambodia\t2\t3")


@pytest.mark.parametrize(
    ("number", "kind"),
    [(89, TABLE_ROW), (98, HEADING), (102, PARAGRAPH), (58, BULLET), (19, NUMBERED), (631, SLIDE_NUMBER),
     (136, HEADING), (3, HEADING), (128, BULLET)],
)
def test_line_kinds(parsed, number, kind):
    assert parsed.lines[number - 1].kind == kind


def test_bullet_nesting(parsed):
    assert parsed.lines[127].indent == 1  # " - 2-1. Legal Framework**"
    assert parsed.lines[57].indent == 0


def test_table_after_caption_reads_cells_without_markup(parsed):
    doc = parsed.document("jica_interim_report_2007")
    table = doc.table_after("Table Main Measures taken to Combat Trafficking")
    assert table.caption_line == 610
    assert table.rows[0].cells[1] == "Legal Framework"
    myanmar = next(row for row in table.body() if row.label == "Myanmar")
    assert myanmar.line == 615 and "<u>" not in myanmar.cells[3]
    assert myanmar.cells[3].startswith("Central Body for Suppression of TIP")


def test_a_table_is_found_past_a_note_under_its_caption(parsed):
    table = parsed.document("jica_interim_report_2007").table_after("Persons Staying at Baan Kredtrakhan")
    assert table.rows[0].line == 568 and [row.line for row in table.rows][-1] == 575


def test_tables_are_found_by_caption_not_position():
    raw = ["Title", "", "Intro text.", "", "My caption", "", "\t2001\t2002", "A\t1\t2", "", "end"]
    doc = document.parse(ONE_DOCUMENT, raw).document("d")
    table = doc.table_after("my caption")
    assert [row.cells for row in table.body()] == [("A", "1", "2")]
    assert table.body()[0].line == 8


@pytest.mark.parametrize(("row", "word"), [("A\t1", "missing"), ("A\t1\t2\t3", "extra")])
def test_a_row_of_the_wrong_width_names_its_line(row, word):
    raw = ["Title", "", "My caption", "\t2001\t2002", row]
    doc = document.parse(ONE_DOCUMENT, raw).document("d")
    with pytest.raises(SourceError, match=word) as error:
        doc.table_after("My caption").body()
    assert error.value.line == 5 and error.value.value == "A"


def test_a_missing_caption_is_a_clear_error(parsed):
    with pytest.raises(SourceError, match="no line containing 'No such caption'"):
        parsed.document("jica_interim_report_2007").table_after("No such caption")


def test_a_missing_document_is_a_clear_error(parsed):
    raw = [line.raw for line in parsed.lines]
    report = dataclasses.replace(REPORT, documents=(*REPORT.documents, DocumentSpec("extra", "A report nobody wrote")))
    with pytest.raises(SourceError, match=r"document extra not found: .* the end of the source \(line 917\)"):
        document.parse(report, raw)


def test_a_table_is_looked_for_only_up_to_the_next_heading():
    raw = ["Title", "", "My caption", "", " 2001  2002", "A  1  2", "B  3  4", "", "Next heading", "", "\t2001", "C\t1"]
    doc = document.parse(ONE_DOCUMENT, raw).document("d")
    with pytest.raises(SourceError, match=r"next heading \(line 9\); line 5 has runs of spaces") as error:
        doc.table_after("My caption")
    assert error.value.line == 3 and error.value.column == "caption"


def test_a_builder_anchor_found_on_two_lines_is_ambiguous():
    raw = ["Title", "", "My caption", "\t2001", "A\t1", "", "My caption", "\t2001", "B\t1"]
    source = document.parse(ONE_DOCUMENT, raw)
    with pytest.raises(SourceError, match=r"more than one line \(3, 7\)") as error:
        document.table_after(source, "my caption")
    assert error.value.line == 7
    with pytest.raises(SourceError, match=r"no line of the documents \(source lines 1-9\) contains"):
        document.section(source, "no such heading")


def test_section_stops_at_the_next_heading(parsed):
    lines = parsed.document("jica_interim_report_2007").section("Persons Staying at Baan Kredtrakhan")
    assert lines[0].number == 566 and lines[-1].number == 575


# What a typesetter may print differently, found by its words -------------------------------------------------

SPLIT_TITLE = ["Title of a report", "", "set over two paragraphs", "", "March 2007", "", "Presented by", "",
               "A. Person", "", "Body text that runs on.", "", "1"]
SPLIT_WHERE = [document.Printed(1, 1, True, True), document.Printed(1), document.Printed(1, 2, True, True),
               document.Printed(1), document.Printed(1, 3), document.Printed(1), document.Printed(1, 4),
               document.Printed(1), document.Printed(1, 5), document.Printed(1), document.Printed(1, 6),
               document.Printed(1), document.Printed(1, 7)]


def test_a_title_over_several_paragraphs_is_one_title_up_to_its_date():
    source = document.parse(ONE_DOCUMENT, SPLIT_TITLE, SPLIT_WHERE)
    assert [line.text for line in source.documents[0].title] == ["Title of a report", "set over two paragraphs"]


def test_a_document_is_found_by_a_title_phrase_that_runs_over_two_paragraphs():
    report = Report("s", (DocumentSpec("d", "Title of a report set over"),))
    assert document.parse(report, SPLIT_TITLE, SPLIT_WHERE).documents[0].first_line == 1


def test_a_phrase_wrapped_onto_the_next_line_of_its_kind_is_found_where_it_starts():
    source = document.parse(ONE_DOCUMENT, ["Title", "", "Memorandum of Understanding on", "Trafficking with:",
                                           "", "- Thailand - signed"])
    lines = source.documents[0].span("Understanding on Trafficking with")
    assert [line.number for line in lines] == [3, 4]
    assert [line.text for line in source.documents[0].section("Understanding on Trafficking with")] == [
        "- Thailand - signed"]


def test_a_numbered_heading_that_holds_another_is_two():
    codes = REPORT.section_codes
    assert document.numbered_headings("C2. Measures : C2-1. Legal Framework", codes) == [
        "C2. Measures :", "C2-1. Legal Framework"]
    assert document.numbered_headings("Lao PDR L1. Present Situations", codes) == ["Lao PDR L1. Present Situations"]
