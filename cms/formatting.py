"""Numbers written the Vietnamese way, for templates and model methods alike."""

from decimal import Decimal

from django.utils.translation import gettext


def vn_number(value):
    """1.234.567 and 12,5 (Django's vi locale has no digit grouping)."""
    if value is None or value == "":
        return ""
    if isinstance(value, Decimal | float):
        # From a float's shortest repr: Decimal(1.2) is 1.1999999999999999555910790149937.
        value = Decimal(str(value) if isinstance(value, float) else value).normalize()
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


def vn_distance(metres):
    """ "45 m", "350 m" (to 10 m), "1,2 km", "15 km": as static/js/map.js writes distances."""
    if metres < 100:
        return gettext("%(distance)s m") % {"distance": vn_number(round(metres))}
    rounded = round(metres / 10) * 10
    if rounded < 1000:
        return gettext("%(distance)s m") % {"distance": vn_number(rounded)}
    km = metres / 1000
    km = round(km, 1) if km < 10 else round(km)
    return gettext("%(distance)s km") % {"distance": vn_number(km)}
