"""Vietnamese folding: what readers type without diacritics must meet what editors wrote.

Unicode decomposition strips tone and vowel marks but leaves đ/Đ alone (it is a letter of
its own, not d with a mark), so it is mapped by hand.
"""

import re
import unicodedata
from itertools import chain

from django.db.models import Manager
from wagtail.search import index

_D_STROKE = {"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"}
_COMBINING_MARK_RE = re.compile("[\u0300-\u036f]")


def _folding_table():
    """Precomposed Latin letters (Vietnamese included) mapped to their bare letter, so the
    common case is one C-speed str.translate instead of a Python loop per character."""
    table = {ord(letter): bare for letter, bare in _D_STROKE.items()}
    for code_point in chain(range(0xC0, 0x250), range(0x1E00, 0x1F00)):
        letter = chr(code_point)
        bare = _COMBINING_MARK_RE.sub("", unicodedata.normalize("NFD", letter))
        if bare != letter and code_point not in table:
            table[code_point] = bare
    return table


_FOLDING_TABLE = _folding_table()


def fold(text):
    """Lower-case text without diacritics: 'Đường Hoàng Hoa Thám' -> 'duong hoang hoa tham'."""
    if not text:
        return ""
    text = str(text)
    if not text.isascii():
        text = text.translate(_FOLDING_TABLE)
        if _COMBINING_MARK_RE.search(text):
            # Decomposed input (pasted from a Mac or Word): strip the loose marks too.
            decomposed = unicodedata.normalize("NFD", text).translate(_FOLDING_TABLE)
            text = unicodedata.normalize("NFC", _COMBINING_MARK_RE.sub("", decomposed))
    return text.lower()


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
