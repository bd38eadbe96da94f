import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from cms.folding import fold

register = template.Library()
WORD_RE = re.compile(r"(\w+)")
SNIPPET_WORDS = 40


@register.filter
def highlight(text, folded_query):
    """Escaped text with the words that match the (folded) query wrapped in <mark>, whatever
    their diacritics: “duong” marks “Đường”."""
    text = Truncator(text or "").words(SNIPPET_WORDS)
    query_words = [word for word in (folded_query or "").split() if word]
    if not query_words:
        return escape(text)
    pieces = []
    for piece in WORD_RE.split(text):
        folded = fold(piece)
        if piece and WORD_RE.fullmatch(piece) and any(folded.startswith(w) for w in query_words):
            pieces.append(f"<mark>{escape(piece)}</mark>")
        else:
            pieces.append(escape(piece))
    return mark_safe("".join(pieces))


@register.simple_tag(takes_context=True)
def filter_url_without(context, name):
    """The current search URL without one filter (Django's {% querystring %} cannot take the
    name of the parameter to drop from a variable)."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    params.pop(name, None)
    return f"?{params.urlencode()}"
