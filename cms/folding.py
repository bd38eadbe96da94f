"""Vietnamese folding: what readers type without diacritics must meet what editors wrote.

Unicode decomposition strips tone and vowel marks but leaves đ/Đ alone (it is a letter of
its own, not d with a mark), so it is mapped by hand.
"""

import unicodedata

_D_STROKE = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def fold(text):
    """Lower-case text without diacritics: 'Đường Hoàng Hoa Thám' -> 'duong hoang hoa tham'."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", str(text).translate(_D_STROKE))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped).lower()


def _as_text(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return " ".join(_as_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_as_text(item) for item in value.values())
    return str(value)


def searchable_text(obj, fields, skip=frozenset()):
    """The text a search backend would index for `fields` of `obj`, related objects included."""
    from django.db.models import Manager
    from wagtail.search import index

    parts = []
    for field in fields:
        if isinstance(field, index.SearchField) and field.field_name not in skip:
            parts.append(_as_text(field.get_value(obj)))
        elif isinstance(field, index.RelatedFields):
            value = field.get_value(obj)
            if isinstance(value, Manager):
                related = list(value.all())
            elif callable(value):
                related = [value()]
            else:
                related = [value] if value is not None else []
            parts.extend(searchable_text(item, field.fields) for item in related)
    return " ".join(part for part in parts if part)
