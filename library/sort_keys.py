"""Keys stored on each book so that the catalogue sorts and filters in the database.

Vietnamese order, as a library catalogue files titles: diacritics do not decide the order
(“Ánh” files with “Anh”) but Đ is a letter of its own, after D (“Dế Mèn” before “Đất rừng”).
No database collation does exactly that on both SQLite and PostgreSQL, so the order is
written into a key instead.

The key holds only ASCII letters and digits, because PostgreSQL clusters created with a
linguistic locale (en_US.UTF-8, vi_VN.UTF-8) ignore spaces and punctuation when comparing:
a key made of letters and digits compares the same under every collation and under SQLite's
byte order, and a plain index on it serves ORDER BY everywhere.
"""

import re

from cms.folding import fold

# Đ after every D-word: "dzz" sorts after "d" followed by any letter or digit that begins a
# real word ("Dzũng", an old spelling, gives "dzung" < "dzz…").
D_STROKE_KEY = "dzz"
# Between words: "0" sorts before every letter, so “An Hà” files before “Anh” word by word,
# as in a dictionary, whatever the collation.
WORD_SEPARATOR = "0"
# Numbers compare by value, so “Tập 2” comes before “Tập 10”.
NUMBER_WIDTH = 6
SORT_KEY_LENGTH = 255
FOLDED_AUTHORS_LENGTH = 300

WORD_RE = re.compile(r"[^\W_]+")
NUMBER_RE = re.compile(r"\d+")


def _padded_numbers(word):
    return NUMBER_RE.sub(lambda match: match.group().zfill(NUMBER_WIDTH), word)


# Đ, and the look-alike Ð (U+00D0) that converted legacy-encoded text sometimes holds.
D_STROKE_RE = re.compile("[đĐðÐ]")


def sort_key(text):
    """The Vietnamese sort key of a title or a name: 'Đất rừng phương Nam' -> 'dzzat0rung0…'."""
    # Đ is marked before folding, which would make it a plain d.
    folded = fold(D_STROKE_RE.sub(D_STROKE_KEY, str(text or "")))
    words = [_padded_numbers(word) for word in WORD_RE.findall(folded)]
    return WORD_SEPARATOR.join(words)[:SORT_KEY_LENGTH]


def folded_words(text):
    """The folded words of `text`, each preceded by a space: ' nguyen nhat anh'.

    The leading space lets a filter match the start of any word with a plain LIKE
    ('% anh%'), so “anh” finds “Nguyễn Nhật Ánh” but not “Thanh”."""
    words = WORD_RE.findall(fold(text))
    return "".join(f" {word}" for word in words)[:FOLDED_AUTHORS_LENGTH]


def fill_catalogue_keys(book):
    """Set the keys the catalogue filters and sorts on from the book's title and authors."""
    book.title_sort_key = sort_key(book.title)
    # No author files last: NULL sorts after every name in the catalogue's author order.
    book.authors_sort_key = sort_key(book.authors) or None
    book.folded_authors = folded_words(book.authors)
