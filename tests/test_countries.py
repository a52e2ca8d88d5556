import pytest

from tip_gms.countries import iso3
from tip_gms.errors import SourceError


@pytest.mark.parametrize(
    ("printed", "code"),
    [("Cambodia", "KHM"), ("Laos", "LAO"), ("Lao PDR", "LAO"), ("Myanmar", "MMR"), ("Burma", "MMR"),
     ("Viet Nam", "VNM"), ("Vietnam", "VNM"), ("Thailand", "THA"), ("Thai", "THA"), ("China", "CHN"),
     ("Japan", "JPN"), ("UK", "GBR"), ("Hong Kong", "HKG"), ("South Africa", "ZAF"), ("Bahrain", "BHR"),
     (" laos ", "LAO")],
)
def test_names_as_printed(printed, code):
    assert iso3(printed) == code


@pytest.mark.parametrize("printed", ["Atlantis", "IN", "Thaiand", ""])
def test_unknown_names_stop_with_the_value_and_line(printed):
    with pytest.raises(SourceError) as error:
        iso3(printed, line=93, column="country")
    message = str(error.value)
    assert "unknown country name" in message and repr(printed) in message and "source line 93" in message
