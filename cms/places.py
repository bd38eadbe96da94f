"""Every located page, whatever its kind: the map reads from here."""

from wagtail.models import get_page_models

from cms.models import LocatedPage


def located_page_models():
    """Page models that have a point on the map, so a new located kind is never missed."""
    return [model for model in get_page_models() if issubclass(model, LocatedPage)]


def located_pages(site=None):
    """Live, public located pages (with coordinates) under the site's root, as specific pages."""
    pages = []
    root = site.root_page if site else None
    for model in located_page_models():
        queryset = model.objects.live().public().filter(latitude__isnull=False)
        if root is not None:
            queryset = queryset.descendant_of(root, inclusive=True)
        pages.extend(queryset.select_related("main_image"))
    return sorted(pages, key=lambda page: (page._meta.verbose_name, page.title))
