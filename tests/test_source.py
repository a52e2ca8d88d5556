import hashlib

import pytest

from tip_gms import source
from tip_gms.errors import SourceError


def test_verify_accepts_the_pinned_file(tmp_path):
    path = tmp_path / "s.txt"
    path.write_bytes(b"report\n")
    digest = hashlib.sha256(b"report\n").hexdigest()
    assert source.verify(path, digest) == digest


def test_verify_refuses_a_changed_file_and_says_how_to_accept_it(tmp_path):
    path = tmp_path / "s.txt"
    path.write_bytes(b"report, edited\n")
    expected = hashlib.sha256(b"report\n").hexdigest()
    with pytest.raises(SourceError) as error:
        source.verify(path, expected)
    message = str(error.value)
    assert expected in message
    assert hashlib.sha256(b"report, edited\n").hexdigest() in message
    assert "workflow/config.yaml" in message and "sha256" in message


def test_verify_names_a_missing_file(tmp_path):
    with pytest.raises(SourceError, match="does not exist"):
        source.verify(tmp_path / "nope.txt", "0" * 64)


def test_lines_are_numbered_from_one_and_split_only_on_newline(tmp_path):
    path = tmp_path / "s.txt"
    path.write_bytes(b"first\r\nsecond\x0cstill second\nthird")
    assert source.read_lines(path) == ["first", "second\x0cstill second", "third"]


def test_a_byte_order_mark_is_dropped(tmp_path):
    path = tmp_path / "s.txt"
    path.write_bytes(b"\xef\xbb\xbfTitle\n")
    assert source.read_lines(path)[0] == "Title"


def test_invalid_utf8_names_the_line(tmp_path):
    path = tmp_path / "s.txt"
    path.write_bytes(b"ok\nstill ok\nbad \xff byte\n")
    with pytest.raises(SourceError, match="not valid UTF-8") as error:
        source.read_lines(path)
    assert error.value.line == 3


def test_an_empty_source_is_refused(tmp_path):
    path = tmp_path / "s.txt"
    path.write_bytes(b"\n\n")
    with pytest.raises(SourceError, match="empty"):
        source.read_lines(path)
