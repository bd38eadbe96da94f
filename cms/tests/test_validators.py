"""The validators' verdicts, and the Vietnamese message a volunteer reads when input is wrong."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from cms.geo import parse_point, validate_linestring_geojson, validate_location_in_vietnam
from cms.validators import (
    phone_to_tel_uri,
    validate_isbn,
    validate_non_negative,
    validate_school_year,
    validate_vietnamese_phone,
    validate_year,
)
from library.tests.factories import isbn13

THIS_YEAR = timezone.localdate().year


def vietnamese_error(validator, value):
    """The message the user sees (in Vietnamese) when `validator` rejects `value`."""
    with pytest.raises(ValidationError) as raised:
        validator(value)
    with translation.override("vi"):
        return " ".join(raised.value.messages)


def accepts(validator, value):
    validator(value)  # raises ValidationError when rejected
    return True


# ISBN --------------------------------------------------------------------------------------

VALID_ISBN_13 = isbn13("978-604-0-00000")


def with_wrong_check_digit(isbn):
    return isbn[:-1] + str((int(isbn[-1]) + 1) % 10)


@pytest.mark.parametrize(
    "isbn",
    [
        VALID_ISBN_13,
        VALID_ISBN_13.replace("-", ""),
        VALID_ISBN_13.replace("-", " "),
        isbn13("978-604-2-12345"),
        "0-306-40615-2",
        "0306406152",
        "978-0-306-40615-7",
        "0-8044-2957-X",
        "0-8044-2957-x",
        "",
    ],
)
def test_isbn_with_a_correct_check_digit_is_accepted(isbn):
    assert accepts(validate_isbn, isbn)


@pytest.mark.parametrize(
    "isbn, expected",
    [
        (with_wrong_check_digit(VALID_ISBN_13), "chữ số kiểm tra"),
        ("0-306-40615-3", "chữ số kiểm tra"),
        ("978-0-306-40615-8", "chữ số kiểm tra"),
        ("978-604-0-0000", "10 hoặc 13"),
        ("12345", "10 hoặc 13"),
        ("978-604-0-000000-0", "10 hoặc 13"),
        ("97860400000AB", "chỉ được gồm chữ số"),
        ("ABCDEFGHIJ", "chỉ được gồm chữ số"),
    ],
)
def test_isbn_with_a_wrong_check_digit_length_or_letters_is_refused_in_vietnamese(isbn, expected):
    message = vietnamese_error(validate_isbn, isbn)
    assert "ISBN" in message
    assert expected in message
    assert isbn in message


def test_the_computed_test_isbn_really_has_a_correct_check_digit():
    # Guards the helper: a known ISBN-13 comes out with its published check digit.
    assert isbn13("978-0-306-40615") == "978-0-306-40615-7"


# Coordinates -------------------------------------------------------------------------------

INSIDE_VIETNAM = {
    "Hà Nội": (21.0285, 105.8542),
    "TP. Hồ Chí Minh": (10.7769, 106.7009),
    "Phú Quốc": (10.2899, 103.9840),
    "Hoàng Sa (đảo Phú Lâm)": (16.8340, 112.3380),
    "Trường Sa (đảo Trường Sa Lớn)": (8.6447, 111.9200),
    "Mũi Cà Mau": (8.6000, 104.7200),
    "Lũng Cú": (23.3636, 105.3160),
}

OUTSIDE_VIETNAM = {
    "Bangkok": (13.7563, 100.5018),
    "Manila": (14.5995, 120.9842),
    "Null Island": (0.0, 0.0),
    "Singapore": (1.3521, 103.8198),
    "Côn Minh": (25.0389, 102.7183),
    "Hà Nội with latitude and longitude swapped": (105.8542, 21.0285),
}


def as_wkt(lat, lng):
    return f"SRID=4326;POINT({lng} {lat})"


@pytest.mark.parametrize("place", INSIDE_VIETNAM)
def test_points_in_vietnam_and_its_archipelagos_are_accepted(place):
    lat, lng = INSIDE_VIETNAM[place]
    assert accepts(validate_location_in_vietnam, as_wkt(lat, lng))
    assert accepts(validate_location_in_vietnam, f"{lat}, {lng}")


@pytest.mark.parametrize("place", OUTSIDE_VIETNAM)
def test_points_outside_vietnam_are_refused_in_vietnamese(place):
    lat, lng = OUTSIDE_VIETNAM[place]
    message = vietnamese_error(validate_location_in_vietnam, as_wkt(lat, lng))
    assert "nằm ngoài lãnh thổ Việt Nam" in message


@pytest.mark.parametrize(
    "garbage",
    ["không biết", "POINT(abc def)", "10.77", "10.77, ", "SRID=4326;POINT(106.7)", "1e3, 2e3"],
)
def test_unreadable_coordinates_are_refused_in_vietnamese(garbage):
    message = vietnamese_error(validate_location_in_vietnam, garbage)
    assert "toạ độ" in message.lower()
    assert garbage in message
    assert "nằm ngoài" not in message


def test_a_point_is_read_as_longitude_then_latitude_in_wkt_and_latitude_first_in_text():
    point = parse_point("SRID=4326;POINT(106.7009 10.7769)")
    assert (point.lat, point.lng) == (10.7769, 106.7009)
    assert parse_point("10.7769, 106.7009") == point
    assert parse_point(point.to_wkt()) == point


# Years and counts --------------------------------------------------------------------------


@pytest.mark.parametrize("year", [1000, 1858, 1975, THIS_YEAR, None])
def test_real_years_are_accepted(year):
    assert accepts(validate_year, year)


@pytest.mark.parametrize("year", [THIS_YEAR + 1, THIS_YEAR + 10, 9999])
def test_a_year_in_the_future_is_refused_in_vietnamese(year):
    message = vietnamese_error(validate_year, year)
    assert "tương lai" in message
    assert str(year) in message


@pytest.mark.parametrize("year", [0, 999, 75])
def test_a_year_before_1000_is_refused_in_vietnamese(year):
    message = vietnamese_error(validate_year, year)
    assert "1000" in message
    assert "không hợp lệ" in message


@pytest.mark.parametrize("count", [0, 1, 1500, None])
def test_zero_and_positive_counts_are_accepted(count):
    assert accepts(validate_non_negative, count)


@pytest.mark.parametrize("count", [-1, -250])
def test_a_negative_count_is_refused_in_vietnamese(count):
    message = vietnamese_error(validate_non_negative, count)
    assert "không được âm" in message
    assert str(count) in message


# Phone numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phone",
    [
        "0912345678",
        "0912 345 678",
        "028 3829 1234",
        "02838291234",
        "+84 912 345 678",
        "+84283829 1234",
    ],
)
def test_vietnamese_mobile_and_landline_numbers_are_accepted(phone):
    assert accepts(validate_vietnamese_phone, phone)
    assert phone_to_tel_uri(phone).startswith("tel:+84")


@pytest.mark.parametrize(
    "phone", ["12345", "0000000000", "không có", "abcdefghij", "0912", "0912345678abc"]
)
def test_a_number_that_is_not_vietnamese_is_refused_in_vietnamese(phone):
    message = vietnamese_error(validate_vietnamese_phone, phone)
    assert "không phải là số điện thoại hợp lệ" in message
    assert phone in message
    assert phone_to_tel_uri(phone) == ""


@pytest.mark.parametrize("phone", ["+33 1 42 68 53 00", "+66 2 123 4567"])
def test_a_foreign_number_is_refused_as_not_vietnamese(phone):
    message = vietnamese_error(validate_vietnamese_phone, phone)
    assert "không phải là số điện thoại hợp lệ" in message


@pytest.mark.parametrize("phone", ["09123abc78", "O912345678"])
def test_letters_inside_a_phone_number_are_refused(phone):
    message = vietnamese_error(validate_vietnamese_phone, phone)
    assert "không phải là số điện thoại hợp lệ" in message


# School year -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "school_year",
    ["2024-2025", "2024–2025", "2024/2025", "2024 - 2025", f"{THIS_YEAR}-{THIS_YEAR + 1}", ""],
)
def test_a_school_year_of_two_consecutive_years_is_accepted(school_year):
    assert accepts(validate_school_year, school_year)


@pytest.mark.parametrize("school_year", ["2024-2026", "2025-2024", "24-25", "2025", "năm nay"])
def test_a_malformed_school_year_is_refused_in_vietnamese(school_year):
    message = vietnamese_error(validate_school_year, school_year)
    assert "2025-2026" in message
    assert school_year in message


def test_a_school_year_in_the_future_is_refused_in_vietnamese():
    message = vietnamese_error(validate_school_year, f"{THIS_YEAR + 1}-{THIS_YEAR + 2}")
    assert "tương lai" in message


# Street routes (GeoJSON) -------------------------------------------------------------------

ROUTE_IN_HCMC = [[106.6510, 10.8010], [106.6540, 10.7990], [106.6580, 10.7950]]


def linestring(coordinates):
    return json.dumps({"type": "LineString", "coordinates": coordinates})


@pytest.mark.parametrize(
    "route",
    [
        linestring(ROUTE_IN_HCMC),
        json.dumps(
            {"type": "Feature", "properties": {}, "geometry": json.loads(linestring(ROUTE_IN_HCMC))}
        ),
        linestring([[106, 10], [106.5, 10.5]]),
        "",
    ],
)
def test_a_linestring_route_in_vietnam_is_accepted(route):
    assert accepts(validate_linestring_geojson, route)


@pytest.mark.parametrize(
    "route, expected",
    [
        ("{not json", "GeoJSON hợp lệ"),
        ("[1, 2]", "ít nhất hai điểm"),
        (json.dumps({"type": "Point", "coordinates": [106.7, 10.7]}), "ít nhất hai điểm"),
        (linestring([[106.7, 10.7]]), "ít nhất hai điểm"),
        (linestring([[106.7, 10.7], ["106.8", "10.8"]]), "[kinh độ, vĩ độ]"),
        (linestring([[106.7, 10.7], [106.8]]), "[kinh độ, vĩ độ]"),
        (linestring([[106.7, 10.7], [100.5018, 13.7563]]), "nằm ngoài lãnh thổ Việt Nam"),
        (linestring([[10.7, 106.7], [10.8, 106.8]]), "nằm ngoài lãnh thổ Việt Nam"),
    ],
)
def test_a_route_that_is_not_a_linestring_in_vietnam_is_refused_in_vietnamese(route, expected):
    message = vietnamese_error(validate_linestring_geojson, route)
    assert expected in message
