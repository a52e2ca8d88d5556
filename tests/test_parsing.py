from datetime import date

import pytest

from tip_gms import parsing
from tip_gms.errors import SourceError


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("13", (13, False)), ("1,754", (1754, False)), ("-", (0, True)), (" 610 ", (610, False))],
)
def test_count(cell, expected):
    assert parsing.count(cell, column="persons", line=7) == expected


@pytest.mark.parametrize("cell", ["1O", "", "12.5", "1,75", "—", "n/a"])
def test_count_refuses_what_is_not_a_whole_number(cell):
    with pytest.raises(SourceError) as error:
        parsing.count(cell, column="2003", line=480)
    message = str(error.value)
    assert "column 2003" in message and repr(cell.strip()) in message and "source line 480" in message


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("189 (49.7)", (189, False, 49.7)), ("391 (100.0)", (391, False, 100.0)), ("-", (0, True, None)),
     ("156", (156, False, None))],
)
def test_count_with_share(cell, expected):
    assert parsing.count_with_share(cell, column="total", line=570) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Oct.2005", date(2005, 10, 1)), ("Feb.2007", date(2007, 2, 1)), ("March 2002", date(2002, 3, 1)),
     ("Sept. 2004", date(2004, 9, 1))],
)
def test_month(text, expected):
    assert parsing.month(text, column="as_of", line=569) == expected


@pytest.mark.parametrize("text", ["Oct2005x", "Octember 2005", "2005"])
def test_month_refuses_other_text(text):
    with pytest.raises(SourceError, match="not a month"):
        parsing.month(text, column="as_of", line=569)


@pytest.mark.parametrize(
    ("printed", "code"),
    [("1", "1"), ("2", "2"), ("3", "3"), ("2-WL", "2WL"), ("2WL", "2WL"), ("Tier 2 Watch List", "2WL"),
     ("Tier2-WL", "2WL"), ("Tier 3", "3")],
)
def test_tier(printed, code):
    assert parsing.tier(printed, line=90) == code


@pytest.mark.parametrize("printed", ["2-XL", "4", "1-WL", "", "Tier"])
def test_tier_refuses_unknown_codes(printed):
    with pytest.raises(SourceError) as error:
        parsing.tier(printed, line=90)
    assert "column tier" in str(error.value) and "source line 90" in str(error.value)


def test_year():
    assert parsing.year("2006", column="year", line=89) == 2006
    with pytest.raises(SourceError, match="four-digit year"):
        parsing.year("2OO6", column="year", line=89)


@pytest.mark.parametrize(("printed", "expected"), [
    ("Oct.2005", date(2005, 10, 1)), ("March 2002", date(2002, 3, 1)), ("Nov-2010", date(2010, 11, 1)),
    ("November, 2010", date(2010, 11, 1)), ("2010-11", date(2010, 11, 1)),
])
def test_months_in_the_formats_reports_print(printed, expected):
    assert parsing.month(printed, column="as_of", line=1) == expected


@pytest.mark.parametrize("printed", ["2010-13", "Octember 2005", "10/2005", "2005"])
def test_what_is_not_a_month_is_refused(printed):
    with pytest.raises(SourceError, match="not a month"):
        parsing.month(printed, column="as_of", line=1)
