import hashlib

import pytest

from tip_gms import source
from tip_gms.errors import SourceError


def test_the_pinned_file_is_read_once_as_it_was_checked(tmp_path):
    path = tmp_path / "s.txt"
    path.write_bytes(b"report\n")
    digest = hashlib.sha256(b"report\n").hexdigest()
    assert source.read_pinned(path, digest) == b"report\n"


def test_verify_refuses_a_changed_file_and_says_how_to_accept_it(tmp_path):
    path = tmp_path / "s.txt"
    path.write_bytes(b"report, edited\n")
    expected = hashlib.sha256(b"report\n").hexdigest()
    with pytest.raises(SourceError) as error:
        source.read_pinned(path, expected)
    message = str(error.value)
    assert expected in message
    assert hashlib.sha256(b"report, edited\n").hexdigest() in message
    assert "workflow/config.yaml" in message and "sha256" in message


def test_verify_names_a_missing_file(tmp_path):
    with pytest.raises(SourceError, match="does not exist"):
        source.read_pinned(tmp_path / "nope.txt", "0" * 64)


def test_lines_are_numbered_from_one_and_split_only_on_newline(tmp_path):
    path = tmp_path / "s.txt"
    path.write_bytes(b"first\r\nsecond\x0cstill second\nthird")
    assert source.read_lines(path) == ["first", "second\x0cstill second", "third"]


def test_a_byte_order_mark_is_dropped(tmp_path):
    path = tmp_path / "s.txt"
    path.write_bytes(b"\xef\xbb\xbfTitle\n")
    assert source.read_lines(path)[0] == "Title"


def test_invalid_utf8_names_the_file_and_the_line(tmp_path):
    path = tmp_path / "s.txt"
    path.write_bytes(b"ok\nstill ok\nbad \xff byte\n")
    with pytest.raises(SourceError, match="not valid UTF-8") as error:
        source.read_lines(path)
    assert error.value.line == 3 and str(path) in str(error.value)


@pytest.mark.parametrize(("character", "name"), [
    ("\x00", "U+0000"), ("\x1b", "U+001B"), ("\x7f", "U+007F"), ("\x85", "U+0085"),
    ("\u202e", "RIGHT-TO-LEFT OVERRIDE"),
])
def test_control_characters_are_refused_naming_file_line_and_column(character, name):
    lines = ["A title", "", f"- bee{character}n between 12 and 15"]
    with pytest.raises(SourceError) as error:
        source.check_text(lines, "raw/x.txt")
    assert error.value.line == 3 and name in str(error.value)
    assert "raw/x.txt" in str(error.value) and "column 6" in str(error.value)


def test_tabs_and_ordinary_text_pass():
    source.check_text(["Tier\t2001\t2002", "- “Quoted” text, 5–7 km, naïve", ""], "raw/x.txt")


def test_a_line_longer_than_any_report_line_is_refused():
    source.check_text(["x" * source.MAX_LINE_CHARS], "raw/x.txt")
    with pytest.raises(SourceError, match="more than") as error:
        source.check_text(["ok", "x" * (source.MAX_LINE_CHARS + 1)], "raw/x.txt")
    assert error.value.line == 2


def test_an_empty_source_is_refused(tmp_path):
    path = tmp_path / "s.txt"
    path.write_bytes(b"\n\n")
    with pytest.raises(SourceError, match="empty"):
        source.read_lines(path)
