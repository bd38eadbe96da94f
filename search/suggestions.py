"""“Did you mean”: mistyped query words corrected from the words of the page titles.

A typo here is what readers make on a phone keyboard: one wrong, missing, extra or swapped
letter in a word of four letters or more (so a typed word of three letters may be a
four-letter word missing one). Of the known words one such edit away, the one in most titles
wins: "turong" is one edit from both "truong" and "tuong", and far more titles say "Trường".
"""

import re
import string
from collections import Counter

from django.core.cache import cache
from wagtail.models import Page

from cms.folding import fold

MIN_WORD_LENGTH = 4
VOCABULARY_CACHE_KEY = "sohoa-search-vocabulary-v2"
VOCABULARY_SECONDS = 600
WORD_RE = re.compile(r"\w+")
# Folded text holds only these (see cms.folding).
LETTERS = string.ascii_lowercase + string.digits


def vocabulary():
    """{folded word: number of live page titles holding it} (cached: titles change rarely,
    queries often; publishing and unpublishing forget it, see signal_handlers)."""
    words = cache.get(VOCABULARY_CACHE_KEY)
    if words is None:
        words = Counter()
        titles = Page.objects.live().filter(depth__gt=1).values_list("title", flat=True)
        for title in titles.iterator():
            words.update(set(WORD_RE.findall(fold(title))))
        words = dict(words)
        cache.set(VOCABULARY_CACHE_KEY, words, VOCABULARY_SECONDS)
    return words


def one_edit_away(word):
    """Every string one deleted, swapped, replaced or inserted letter away from `word`."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deleted = [left + right[1:] for left, right in splits if right]
    swapped = [left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1]
    replaced = [left + c + right[1:] for left, right in splits if right for c in LETTERS]
    inserted = [left + c + right for left, right in splits for c in LETTERS]
    return set(deleted + swapped + replaced + inserted) - {word}


def corrections(word, known, limit=3):
    """Known words `word` may be a typo of, in most titles first (at most `limit`): one edit
    away, and one of the two words has four letters or more."""
    if word in known or len(word) < MIN_WORD_LENGTH - 1:
        return []
    candidates = [
        candidate
        for candidate in one_edit_away(word)
        if candidate in known and max(len(candidate), len(word)) >= MIN_WORD_LENGTH
    ]
    candidates.sort(key=lambda candidate: (-known[candidate], candidate))
    return candidates[:limit]


def correction(word, known):
    """The likeliest word `word` is a typo of, or None."""
    return next(iter(corrections(word, known)), None)


def suggestions(folded_query, limit=4):
    """Corrected queries, likeliest first: each mistyped word replaced by one of its
    corrections. The caller keeps the first that finds pages, since only the other words of
    the query tell "trng tam" (trung tam) from "trng" (trong)."""
    known = vocabulary()
    queries = [[]]
    for word in folded_query.split():
        options = corrections(word, known) or [word]
        queries = [query + [option] for query in queries for option in options][: limit * 3]
    corrected = [" ".join(query) for query in queries]
    return [query for query in corrected if query != folded_query][:limit]


def did_you_mean(folded_query):
    """The likeliest corrected query, or '' when nothing would change."""
    return next(iter(suggestions(folded_query)), "")
