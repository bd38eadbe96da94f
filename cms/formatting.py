"""Numbers written the Vietnamese way, for templates and model methods alike."""

from decimal import Decimal


def vn_number(value):
    """1.234.567 and 12,5 (Django's vi locale has no digit grouping)."""
    if value is None or value == "":
        return ""
    if isinstance(value, Decimal | float):
        value = Decimal(value).normalize()
        integer, _sep, fraction = f"{value:f}".partition(".")
    else:
        integer, fraction = str(int(value)), ""
    sign = "-" if integer.startswith("-") else ""
    digits = integer.lstrip("-")
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    text = sign + ".".join(groups or ["0"])
    return f"{text},{fraction}" if fraction else text
