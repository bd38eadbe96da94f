from django.core.cache import cache
from wagtail.signals import page_published, page_unpublished

from search.suggestions import VOCABULARY_CACHE_KEY


def forget_vocabulary(**kwargs):
    """Titles changed: "did you mean" must learn the new words."""
    cache.delete(VOCABULARY_CACHE_KEY)


def register_signal_handlers():
    page_published.connect(forget_vocabulary, dispatch_uid="sohoa_search_vocabulary_published")
    page_unpublished.connect(forget_vocabulary, dispatch_uid="sohoa_search_vocabulary_unpublished")
