import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page

RESULTS_PER_PAGE = 20
MAX_QUERY_LENGTH = 200
# Words only: quotes, operators and control characters would reach the engine's own query
# syntax (an unbalanced quote is an FTS5 syntax error), and readers never mean them.
NOT_A_WORD_CHARACTER_RE = re.compile(r"[^\w]+")
CONTROL_CHARACTER_RE = re.compile(r"[\x00-\x1f\x7f]")


def clean_query(raw):
    """The words of what was typed, at most MAX_QUERY_LENGTH characters."""
    words = NOT_A_WORD_CHARACTER_RE.sub(" ", (raw or "")[: MAX_QUERY_LENGTH * 2])
    return " ".join(words.replace("_", " ").split())[:MAX_QUERY_LENGTH]


def search(request):
    """Full-text search over every live, public page, whatever its kind."""
    typed = CONTROL_CHARACTER_RE.sub("", request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    query_string = clean_query(typed)
    results = Page.objects.none()
    if query_string:
        results = Page.objects.live().public().specific().search(query_string)
        Query.get(query_string).add_hit()

    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)

    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": typed, "search_results": page, "paginator": paginator},
    )
