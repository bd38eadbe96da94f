"""“Did you mean”: the closest indexed title words to a mistyped query word."""

import difflib
import re

from django.core.cache import cache
from wagtail.models import Page

from cms.folding import fold

MIN_WORD_LENGTH = 4
VOCABULARY_CACHE_KEY = "sohoa-search-vocabulary"
VOCABULARY_SECONDS = 600
WORD_RE = re.compile(r"\w+")


def vocabulary():
    """Folded words of live page titles (cached: titles change rarely, queries often)."""
    words = cache.get(VOCABULARY_CACHE_KEY)
    if words is None:
        words = set()
        for title in (
            Page.objects.live().filter(depth__gt=1).values_list("title", flat=True).iterator()
        ):
            words.update(word for word in WORD_RE.findall(fold(title)) if len(word) >= 2)
        words = sorted(words)
        cache.set(VOCABULARY_CACHE_KEY, words, VOCABULARY_SECONDS)
    return words


def did_you_mean(folded_query):
    """The query with each unknown word of 4+ letters replaced by its closest known word,
    or '' when nothing would change."""
    known = vocabulary()
    known_set = set(known)
    corrected = []
    for word in folded_query.split():
        if len(word) >= MIN_WORD_LENGTH and word not in known_set:
            candidates = [w for w in known if abs(len(w) - len(word)) <= 1 and w[:1] == word[:1]]
            close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.75)
            word = close[0] if close else word
        corrected.append(word)
    suggestion = " ".join(corrected)
    return suggestion if suggestion != folded_query else ""
