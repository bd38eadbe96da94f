"""One cell of a sheet: its text turned into a field's value, and a value written back as text.

Every parser takes the cell's text (already stripped, NFC) and returns the Python value for
the model field, or raises ValidationError with a message the volunteer can act on. The
matching ``format_*`` writes what ``export_sheet`` puts in the cell, so that reading an
exported cell gives back the very value it came from.
"""

import datetime
import decimal
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms.folding import fold
from cms.geo import LatLng, parse_point

WHITESPACE_RE = re.compile(r"\s+")
# 1.234 or 1,234 or 1 234 (thousands grouped as Vietnamese and English writers do).
GROUPED_INTEGER_RE = re.compile(r"^\d{1,3}(?:[.,\s]\d{3})+$")
# Excel turns a whole number typed in a number cell into 2019.0 when saved as text.
WHOLE_FLOAT_RE = re.compile(r"^(\d+)\.0+$")
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y")


def one_line(text):
    """A single-line field: line breaks and runs of spaces typed in a cell become one space."""
    return WHITESPACE_RE.sub(" ", text).strip()


def several_lines(text):
    """A field of one item per line (former names): each line tidied, empty lines dropped."""
    lines = (one_line(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def parse_integer(text):
    if not text:
        return None
    compact = text.replace("\u00a0", " ").strip()
    whole = WHOLE_FLOAT_RE.match(compact)
    if whole:
        compact = whole.group(1)
    elif GROUPED_INTEGER_RE.match(compact):
        compact = re.sub(r"[.,\s]", "", compact)
    if compact.lstrip("-").isdigit():
        return int(compact)
    raise ValidationError(
        _("“%(value)s” is not a whole number: write digits only, for example 2019."),
        code="not_integer",
        params={"value": text},
    )


def parse_decimal(text):
    if not text:
        return None
    try:
        # A comma is the Vietnamese decimal separator: 12,5 m.
        return decimal.Decimal(text.replace(",", ".").replace(" ", ""))
    except decimal.InvalidOperation:
        raise ValidationError(
            _("“%(value)s” is not a number: write for example 12.5 or 12,5."),
            code="not_decimal",
            params={"value": text},
        ) from None


def format_decimal(value):
    return "" if value is None else format(value.normalize(), "f")


def parse_date(text):
    if not text:
        return None
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, date_format).date()
        except ValueError:
            continue
    raise ValidationError(
        _("“%(value)s” is not a date: write it as day/month/year, for example 30/04/1975."),
        code="not_date",
        params={"value": text},
    )


def format_date(value):
    return value.strftime("%d/%m/%Y") if value else ""


def parse_url(text):
    """A link; 'www.…' typed without its scheme is accepted as https."""
    if text and text.lower().startswith("www."):
        return f"https://{text}"
    return text


def parse_location(text):
    """'lat, lng' (or the map widget's WKT) stored as the widget writes it."""
    if not text:
        return ""
    point = parse_point(text)
    if point is None:
        raise ValidationError(
            _(
                "Cannot read the location “%(value)s”: write latitude, longitude, for example 10.7769, 106.7009."
            ),
            code="location_unreadable",
            params={"value": text},
        )
    return point.to_wkt()


def format_location(value):
    point = parse_point(value)
    return f"{point.lat:.6f}, {point.lng:.6f}" if point else ""


def parse_coordinate(text):
    if not text:
        return None
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise ValidationError(
            _("“%(value)s” is not a coordinate: write a number such as 10.7769."),
            code="not_coordinate",
            params={"value": text},
        ) from None


def location_from_coordinates(latitude, longitude):
    return LatLng(lat=latitude, lng=longitude).to_wkt()


def same_location(a, b):
    """Two stored locations name the same point (to the 6 decimals the widget keeps)."""
    first, second = parse_point(a), parse_point(b)
    if first is None or second is None:
        return first is None and second is None
    return round(first.lat, 6) == round(second.lat, 6) and round(first.lng, 6) == round(
        second.lng, 6
    )


class ChoiceParser:
    """A choice field read from the words volunteers use for it, diacritics or not.

    `names` maps each stored value to its Vietnamese names, the first being what an export
    writes; the choice's own (translated) label and stored value are accepted too.
    """

    def __init__(self, choices, names, message):
        self.choices = choices
        self.names = names
        self.message = message

    def lookup(self):
        table = {}
        for value, label in self.choices.choices:
            for name in (value, label, *self.names.get(value, ())):
                table.setdefault(header_key(str(name)), value)
        return table

    def bind(self):
        """The parse function for one import, its lookup table built once."""
        table = self.lookup()
        return lambda text: self.parse_with(table, text)

    def __call__(self, text):
        return self.parse_with(self.lookup(), text)

    def parse_with(self, table, text):
        if not text:
            return None
        value = table.get(header_key(text))
        if value is None:
            raise ValidationError(
                self.message,
                code="unknown_choice",
                params={"value": text, "known": ", ".join(self.export_names())},
            )
        return value

    def export_names(self):
        return [self.names[value][0] for value in self.choices.values if value in self.names]

    def format(self, value):
        names = self.names.get(value)
        return names[0] if names else (value or "")

    def guess_from(self, text):
        """The choice whose name appears as words in `text` (a school's level in its name)."""
        words = f" {header_key(text)} "
        # Longest names first: "trung hoc co so" must win over "co so".
        for name, value in sorted(self.lookup().items(), key=lambda item: -len(item[0])):
            if name and f" {name} " in words:
                return value
        return None


def header_key(text):
    """How headers and names are compared: folded, punctuation and units in brackets ignored."""
    without_brackets = re.sub(r"\([^)]*\)", " ", fold(text))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", without_brackets).split())
