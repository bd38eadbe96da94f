"""Validators with messages a Vietnamese volunteer understands."""

import datetime
import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum import isbn as stdnum_isbn
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength

EARLIEST_YEAR = 1000


def current_year():
    return timezone.localdate().year


def validate_year(value):
    """A year of a real event: not before 1000 and not in the future."""
    if value is None:
        return
    if value < EARLIEST_YEAR:
        raise ValidationError(
            _("The year %(value)s is not valid: the year must be %(min)s or later."),
            code="year_too_early",
            params={"value": value, "min": EARLIEST_YEAR},
        )
    if value > current_year():
        raise ValidationError(
            _("The year %(value)s is in the future: enter a year no later than %(max)s."),
            code="year_in_future",
            params={"value": value, "max": current_year()},
        )


def validate_past_date(value):
    if value is None:
        return
    if isinstance(value, datetime.datetime):
        value = value.date()
    if value > timezone.localdate():
        raise ValidationError(
            _("The date %(value)s is in the future."),
            code="date_in_future",
            params={"value": value.strftime("%d/%m/%Y")},
        )
    validate_year(value.year)


def validate_non_negative(value):
    if value is not None and value < 0:
        raise ValidationError(
            _("A count cannot be negative (you entered %(value)s)."),
            code="negative",
            params={"value": value},
        )


def normalize_isbn(value):
    """ISBN without spaces or hyphens, upper-case X; empty stays empty."""
    return re.sub(r"[\s\-]", "", value or "").upper()


def validate_isbn(value):
    """ISBN-10 or ISBN-13 with a correct check digit."""
    if not value:
        return
    compact = normalize_isbn(value)
    if len(compact) not in (10, 13):
        raise ValidationError(
            _(
                "The ISBN “%(value)s” must have 10 or 13 digits (you entered %(length)s characters)."
            ),
            code="isbn_length",
            params={"value": value, "length": len(compact)},
        )
    try:
        stdnum_isbn.validate(compact)
    except InvalidChecksum:
        raise ValidationError(
            _(
                "The ISBN “%(value)s” has a wrong check digit: compare it with the code printed on the book."
            ),
            code="isbn_checksum",
            params={"value": value},
        ) from None
    except (InvalidFormat, InvalidLength):
        raise ValidationError(
            _("The ISBN “%(value)s” may contain only digits (an ISBN-10 may end in X)."),
            code="isbn_format",
            params={"value": value},
        ) from None


PHONE_CHARACTERS_RE = re.compile(r"^\+?[\d\s().\-]+$")


def parse_vietnamese_phone(value):
    """The phonenumbers object of a Vietnamese number, or None if it is not one."""
    # phonenumbers reads letters as a vanity keypad ("abc" -> 222): a typo would become
    # another number, so anything but digits and separators is refused outright.
    if not PHONE_CHARACTERS_RE.match(value or ""):
        return None
    try:
        number = phonenumbers.parse(value, "VN")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number_for_region(number, "VN"):
        return None
    return number


def validate_vietnamese_phone(value):
    if not value:
        return
    if parse_vietnamese_phone(value) is None:
        raise ValidationError(
            _(
                "“%(value)s” is not a valid Vietnamese phone number. Correct examples: 0912 345 678 or 028 3829 1234."
            ),
            code="invalid_phone",
            params={"value": value},
        )


def format_vietnamese_phone(value):
    """A valid number in national format (e.g. 0912 345 678); anything else unchanged."""
    number = parse_vietnamese_phone(value or "")
    if number is None:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def phone_to_tel_uri(value):
    """The tel: URI of a Vietnamese number in E.164, or '' when it is not valid."""
    number = parse_vietnamese_phone(value or "")
    if number is None:
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.RFC3966)


SCHOOL_YEAR_RE = re.compile(r"^(\d{4})\s*[-–/]\s*(\d{4})$")


def validate_school_year(value):
    """A school year such as 2025-2026: consecutive years, not beyond next year."""
    if not value:
        return
    match = SCHOOL_YEAR_RE.match(value.strip())
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise ValidationError(
            _(
                "The school year “%(value)s” must be written like 2025-2026 (two consecutive years)."
            ),
            code="school_year_format",
            params={"value": value},
        )
    validate_year(int(match.group(1)))
