from django.http import JsonResponse
from django.template.response import TemplateResponse
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page

from cms.models import LocatedPage
from cms.origin import on_public_origin
from cms.qr.models import QRCode
from search.query import Filters, autocomplete, site_search


def run_search(request):
    filters = Filters.from_params(request.GET)
    outcome = site_search(request.GET.get("q"), filters=filters, page=request.GET.get("page", 1))
    if outcome.folded and outcome.page is not None and outcome.page.number == 1:
        Query.get(outcome.folded).add_hit()
    return outcome


def search(request):
    """The search page: works without JavaScript; filters are plain links and a form."""
    outcome = run_search(request)
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": outcome.query, "outcome": outcome, "filters": outcome.filters},
    )


def parents_of(pages):
    """{page pk: parent page} in one query, for results that name where they belong."""
    parent_paths = {page.pk: page.path[: -Page.steplen] for page in pages}
    parents = {p.path: p for p in Page.objects.filter(path__in=set(parent_paths.values()))}
    return {pk: parents.get(path) for pk, path in parent_paths.items()}


def hit_as_json(page, parent=None, qr_url=None):
    """One result for chatbots and apps."""
    hit = {
        "id": page.pk,
        "title": page.title,
        "kind": page._meta.label_lower,
        "kind_label": str(page._meta.verbose_name),
        "summary": getattr(page, "summary", "") or page.search_description,
        "url": on_public_origin(page.url),
        "qr_url": qr_url,
        "location": None,
    }
    if isinstance(page, LocatedPage) and page.latitude is not None:
        hit["location"] = {
            "lat": page.latitude,
            "lng": page.longitude,
            "address": page.full_address,
        }
    if page._meta.label_lower == "library.bookpage":
        library = parent or page.get_parent()
        hit["library"] = {"title": library.title, "url": on_public_origin(library.url)}
        hit["has_ebook"] = page.has_ebook
        hit["authors"] = page.authors
    return hit


def api_search(request):
    """`/api/search/?q=…`: the same results, filters and pagination as the page, as JSON."""
    outcome = run_search(request)
    page = outcome.page
    hits = outcome.hits
    parents = parents_of(hits)
    short_links = {
        qr_code.page_id: qr_code.short_url
        for qr_code in QRCode.objects.filter(page_id__in=[hit.pk for hit in hits])
    }
    body = {
        "query": outcome.query,
        "folded_query": outcome.folded,
        "filters": outcome.filters.active(),
        "total": outcome.total,
        "page": page.number if page else 1,
        "pages": outcome.paginator.num_pages if outcome.paginator else 0,
        "results": [hit_as_json(hit, parents.get(hit.pk), short_links.get(hit.pk)) for hit in hits],
        "kinds": outcome.kind_counts,
        "facets": outcome.facet_counts,
        "suggestion": outcome.suggestion,
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def api_autocomplete(request):
    """Titles as you type, for the search box's suggestions."""
    suggestions = [
        {**item, "url": on_public_origin(item["url"])}
        for item in autocomplete(request.GET.get("q"))
    ]
    response = JsonResponse(
        {"query": request.GET.get("q", "")[:200], "results": suggestions},
        json_dumps_params={"ensure_ascii": False},
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=60"
    return response
