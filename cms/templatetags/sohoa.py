"""Template tags and filters for the public site: links, numbers, reader preferences,
cards, pagination and the map."""

from django import template
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import prefetch_related_objects
from django.http import QueryDict

from cms.blocks import PlaceCategory
from cms.formatting import vn_distance as format_vn_distance
from cms.formatting import vn_number as format_vn_number
from cms.geo import parse_point
from cms.origin import on_public_origin
from cms.places import neighbours
from cms.validators import format_vietnamese_phone, phone_to_tel_uri

register = template.Library()

CARDS_PER_PAGE = 30

# Reader preferences that work without JavaScript: the header links add these to the query
# string, and the server puts the matching class on <html>. site.js remembers them.
READER_PREFS = {"text": ("lg", "text-lg"), "contrast": ("high", "contrast-high")}


@register.filter
def tel_uri(value):
    """`tel:+84-…` for a tap-to-call link, or '' when the number is not valid."""
    return phone_to_tel_uri(value)


@register.filter
def phone_display(value):
    return format_vietnamese_phone(value)


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """An absolute URL on the public origin, for canonical links and link previews."""
    return on_public_origin(url, context.get("request"))


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    ancestors = page.get_ancestors().filter(depth__gt=1).live() if page else []
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


# Text ----------------------------------------------------------------------------------------


@register.filter
def lines(value):
    """The non-empty lines of a plain text field such as “former names, one per line”."""
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


@register.filter
def vn_number(value):
    return format_vn_number(value)


@register.filter
def vn_distance(metres):
    return format_vn_distance(metres)


@register.filter
def kind(page):
    """The page kind as readers call it (the model's verbose name), e.g. “di tích”."""
    specific = getattr(page, "specific", page)
    return specific._meta.verbose_name


@register.filter
def key_fact(page):
    """The one fact a card shows under the title (see `BasePage.card_fact`)."""
    return page.card_fact() if hasattr(page, "card_fact") else ""


# Reader preferences --------------------------------------------------------------------------


@register.simple_tag(takes_context=True)
def reader_prefs(context):
    """Which reader preferences are on for this request, the class for <html>, and links that
    toggle each one while keeping the rest of the query string (e.g. ?page=2)."""
    request = context.get("request")
    params = request.GET.copy() if request else QueryDict(mutable=True)
    prefs = {"classes": []}
    for name, (on_value, css_class) in READER_PREFS.items():
        is_on = params.get(name) == on_value
        toggled = params.copy()
        if is_on:
            toggled.pop(name, None)
        else:
            toggled[name] = on_value
        prefs[f"{name}_on"] = is_on
        prefs[f"{name}_url"] = "?" + toggled.urlencode()
        if is_on:
            prefs["classes"].append(css_class)
    prefs["html_class"] = " ".join(prefs["classes"])
    return prefs


# Lists and pagination ------------------------------------------------------------------------


def prefetch_images(pages, *fields):
    """Fetch the image and its renditions of every page in a list in a few queries, instead of
    two per card. Pages of several models are grouped because a prefetch follows one model."""
    by_model = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page)
    for model, group in by_model.items():
        lookups = []
        for field in fields:
            try:
                model._meta.get_field(field)
            except Exception:  # noqa: BLE001 - a page kind without this image field
                continue
            lookups += [field, f"{field}__renditions"]
        if lookups:
            prefetch_related_objects(group, *lookups)
    return pages


@register.simple_tag(takes_context=True)
def paginate(context, items, per_page=CARDS_PER_PAGE):
    """One page of `items` for `?page=`; out-of-range pages show the last page. Covers and main
    images of that page are prefetched with their renditions."""
    request = context.get("request")
    if hasattr(items, "defer_streamfields"):
        items = items.defer_streamfields()
    paginator = Paginator(items, per_page)
    number = request.GET.get("page", 1) if request else 1
    try:
        page_obj = paginator.page(number)
    except PageNotAnInteger:
        page_obj = paginator.page(1)
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
    page_obj.object_list = prefetch_images(list(page_obj.object_list), "main_image", "cover_image")
    return page_obj


@register.simple_tag
def with_images(pages):
    """A list of pages with their images prefetched, for short unpaginated card lists."""
    return prefetch_images(list(pages or []), "main_image", "cover_image")


# Maps ----------------------------------------------------------------------------------------


@register.filter
def directions_url(point):
    """OpenStreetMap directions to a point: the reader's own map app is not assumed."""
    if not point:
        return ""
    return f"https://www.openstreetmap.org/directions?to={point.lat:.6f},{point.lng:.6f}"


@register.filter
def google_maps_url(point):
    """Google Maps directions to a point, as a plain link (no Google script on the page)."""
    if not point:
        return ""
    return f"https://www.google.com/maps/dir/?api=1&destination={point.lat:.6f},{point.lng:.6f}"


@register.filter
def geo_uri(point):
    """A `geo:` URI (RFC 5870), which phones open in their installed map app."""
    if not point:
        return ""
    return f"geo:{point.lat:.6f},{point.lng:.6f}"


@register.simple_tag
def nearby_places(page):
    """The places nearest to a located page, for the list under its small map."""
    return neighbours(page)


@register.filter
def point(value):
    """A LatLng from a stored location ('SRID=4326;POINT(lng lat)' or 'lat, lng'), or None."""
    return parse_point(value)


@register.filter
def place_category(code):
    """The label of a place category code (cơ quan, chợ…) as stored in a PlaceBlock."""
    return dict(PlaceCategory.CHOICES).get(code, "")
