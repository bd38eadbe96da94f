"""Numbers and distances written the Vietnamese way (cms/formatting.py)."""

from decimal import Decimal

import pytest
from django.utils import translation

from cms.formatting import vn_distance, vn_number


@pytest.mark.parametrize(
    "value,written",
    [
        (1234567, "1.234.567"),
        (-1500, "-1.500"),
        (0, "0"),
        (Decimal("12.50"), "12,5"),
        (1.2, "1,2"),  # not 1,1999999999999999555910790149937
        (2.675, "2,675"),
        (None, ""),
        ("", ""),
    ],
)
def test_numbers_group_by_dots_and_decimals_after_a_comma(value, written):
    assert vn_number(value) == written


@pytest.mark.parametrize(
    "metres,written",
    [(7.4, "7 m"), (99.6, "100 m"), (344, "340 m"), (995, "1 km"), (1199, "1,2 km"),
     (9960, "10 km"), (15240, "15 km"), (123456, "123 km")],
)  # fmt: skip
def test_distances_read_as_the_map_writes_them(metres, written):
    with translation.override("vi"):
        assert vn_distance(metres) == written
