"""Every located page, whatever its kind: the map and `/api/places/` read from here.

`place_features()` gives them as GeoJSON features for the API, `listed_places()` as the map
page's list: both from a few columns of each page kind in one UNION query (no `.specific`, no
query per page), so 50,000 places cost one round trip (plus one for the API's images). The
whole collection is cached by the API; anything that can change it
(publishing, unpublishing, moving, deleting, privacy, sites) forgets it (see the end).
"""

import html
import math
import re
import uuid
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.urls import NoReverseMatch, reverse
from django.utils.encoding import iri_to_uri
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import pgettext_lazy
from wagtail.images import get_image_model
from wagtail.models import Page, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from cms.folding import fold
from cms.geo import LatLng
from cms.models import LocatedPage

# A stable slug per kind for API clients and map layers; a new located kind not listed here
# gets its model name (without "page") and still appears.
KIND_SLUGS = {
    "home.schoolpage": "school",
    "library.librarypage": "library",
    "heritage.streetpage": "street",
    "heritage.heritagesitepage": "heritage",
    "heritage.neighbourhoodofficepage": "office",
}
# One small rendition for every popup and app card: a single spec, so the renditions of a
# whole collection are prefetched in one query.
IMAGE_SPEC = "fill-240x160|jpegquality-70"
SUMMARY_LENGTH = 160
# Mean Earth radius (IUGG): a sphere is within 0.5% of the ellipsoid at Vietnam's latitudes.
EARTH_RADIUS_M = 6_371_008.8
# "Near me" looks in a box of this half-size first and widens it fourfold until it holds
# enough places: in a city a few kilometres do, and the database reads only that box.
NEAR_FIRST_RADIUS_M = 2_000
NEAR_GROWTH = 4
NEAR_DEFAULT_LIMIT = 50
MAX_LIMIT = 500
# SQLite's default limit of variables in one statement is 999 before 3.32.
IN_BATCH = 900
_SEPARATORS_RE = re.compile(r"[,;/]")
_SPACES_RE = re.compile(r"\s+")


def located_page_models():
    """Page models that have a point on the map, so a new located kind is never missed."""
    return [model for model in get_page_models() if issubclass(model, LocatedPage)]


# Kinds ------------------------------------------------------------------------------------


def kind_slug(model):
    return KIND_SLUGS.get(model._meta.label_lower) or model._meta.model_name.removesuffix("page")


def place_kinds():
    """{kind slug: page model}, in the order of KIND_SLUGS, then any newer located kind."""
    order = list(KIND_SLUGS.values())
    models = sorted(
        located_page_models(),
        key=lambda model: (
            order.index(kind_slug(model)) if kind_slug(model) in order else len(order),
            model._meta.label_lower,
        ),
    )
    return {kind_slug(model): model for model in models}


# A mark on each kind's marker, so that kinds differ by more than their colour (WCAG 1.4.1);
# translated, so it is the initial a reader of the site's language expects.
MARKER_LETTERS = {
    "school": pgettext_lazy("map marker of a school, one or two letters", "S"),
    "library": pgettext_lazy("map marker of a library, one or two letters", "L"),
    "street": pgettext_lazy("map marker of a street, one or two letters", "St"),
    "heritage": pgettext_lazy("map marker of a heritage site, one or two letters", "H"),
    "office": pgettext_lazy("map marker of a neighbourhood office, one or two letters", "O"),
}


def group_by_kind(places):
    """ListedPlaces by kind, for the map's legend and its list: [{kind, label, letter, places}].

    Kinds come in the map's order (schools, libraries, streets, heritage, offices, then any
    newer located kind) and places by title as a Vietnamese reader sorts them (Đ with D)."""
    kinds = place_kinds()
    groups = {}
    for place in places:
        kind = place.kind
        if kind not in groups:
            label = str(kinds[kind]._meta.verbose_name)
            letter = MARKER_LETTERS.get(kind) or label[:1].upper()
            groups[kind] = {"kind": kind, "label": label, "letter": str(letter), "places": []}
        groups[kind]["places"].append(place)
    for group in groups.values():
        group["places"].sort(key=lambda place: (fold(place.title), place.title))
    # Rows only hold kinds of place_kinds(), in the map's order.
    return [groups[kind] for kind in kinds if kind in groups]


# Geometry ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BBox:
    """A box in degrees, edges included: (west, south, east, north) like Leaflet's
    `toBBoxString()`. Never crosses the antimeridian (Vietnam is far from it)."""

    west: float
    south: float
    east: float
    north: float

    def intersection(self, other):
        """The common part of two boxes, None for the whole world, EMPTY when they miss."""
        if other is None:
            return self
        box = BBox(
            max(self.west, other.west),
            max(self.south, other.south),
            min(self.east, other.east),
            min(self.north, other.north),
        )
        return box if box.west <= box.east and box.south <= box.north else EMPTY

    def covers(self, other):
        return (
            self.west <= other.west
            and self.south <= other.south
            and self.east >= other.east
            and self.north >= other.north
        )


EMPTY = BBox(0.0, 1.0, 0.0, -1.0)  # south above north: nothing is inside


def haversine_m(lat1, lng1, lat2, lng2):
    """Great-circle distance in metres between two points given in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lng2 - lng1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def box_around(point, radius_m):
    """The smallest lat/lng box holding every point within `radius_m` of `point`, or None
    when that is the whole world. Longitudes widen with latitude; a box reaching a pole or
    the antimeridian takes every longitude."""
    angle = radius_m / EARTH_RADIUS_M
    if angle >= math.pi:
        return None
    d_lat = math.degrees(angle)
    south, north = point.lat - d_lat, point.lat + d_lat
    if south <= -90 or north >= 90:
        return BBox(-180.0, max(south, -90.0), 180.0, min(north, 90.0))
    ratio = math.sin(angle) / math.cos(math.radians(point.lat))
    d_lng = math.degrees(math.asin(ratio)) if ratio < 1 else 180.0
    west, east = point.lng - d_lng, point.lng + d_lng
    if west < -180 or east > 180:
        west, east = -180.0, 180.0
    return BBox(west, south, east, north)


# Queries ----------------------------------------------------------------------------------

PLACE_COLUMNS = (
    "id",
    "content_type_id",
    "title",
    "url_path",
    "summary",
    "search_description",
    "address",
    "ward",
    "district",
    "province",
    "latitude",
    "longitude",
    "main_image_id",
)


@dataclass(frozen=True)
class PlaceQuery:
    """What a client asked for: every filter is optional and they combine."""

    kinds: tuple = ()  # kind slugs; empty: every kind
    district: str = ""  # matched folded (case and diacritics ignored)
    bbox: BBox | None = None
    near: LatLng | None = None
    limit: int | None = None  # with `near`: how many of the nearest

    @property
    def is_everything(self):
        return not (self.kinds or self.district or self.bbox or self.near or self.limit)


def district_key(text):
    return _SPACES_RE.sub(" ", fold(text)).strip()


def district_matches(stored, wanted_key):
    """A street may lie in several districts ("Quận 1, Quận 3"): any of them matches."""
    if district_key(stored) == wanted_key:
        return True
    return any(district_key(part) == wanted_key for part in _SEPARATORS_RE.split(stored))


class PlaceRows:
    """The located pages of one site as plain rows (dicts of PLACE_COLUMNS)."""

    def __init__(self, site, kinds=()):
        self.root = site.root_page if site else None
        all_kinds = place_kinds()
        self.models = [all_kinds[kind] for kind in kinds] if kinds else list(all_kinds.values())
        # One query for every private section, instead of one per page kind in `.public()`.
        self.private = Page.objects.all().private_q()
        content_types = ContentType.objects.get_for_models(*all_kinds.values())
        self.kind_of = {content_types[model].pk: kind for kind, model in all_kinds.items()}
        # A located kind inheriting from another is listed as itself, once.
        self.subkinds = {
            model: [
                content_types[other].pk
                for other in all_kinds.values()
                if other is not model and issubclass(other, model)
            ]
            for model in self.models
        }

    def _base(self, model):
        # No filter on the content type when it is not needed: SQLite would then walk the
        # content type's index (every page of the kind) instead of the latitude's.
        queryset = model.objects.live().exclude(self.private)
        if self.subkinds[model]:
            queryset = queryset.exclude(content_type_id__in=self.subkinds[model])
        queryset = queryset.filter(latitude__isnull=False, longitude__isnull=False)
        if self.root is not None:
            queryset = queryset.filter(path__startswith=self.root.path)
        return queryset.order_by()

    def districts_matching(self, wanted):
        """The stored district values that `wanted` names, folded: one query."""
        wanted_key = district_key(wanted)
        parts = [
            self._base(model).exclude(district="").values_list("district", flat=True).distinct()
            for model in self.models
        ]
        values = set(parts[0].union(*parts[1:])) if parts else set()
        return sorted(value for value in values if district_matches(value, wanted_key))

    def fetch(self, box=None, districts=None, limit=None):
        """Rows in `box` (None: anywhere) and among `districts` (None: any), by page id."""
        if box is EMPTY or districts == [] or not self.models:
            return []
        parts = []
        for model in self.models:
            queryset = self._base(model)
            if districts is not None:
                queryset = queryset.filter(district__in=districts)
            if box is not None:
                queryset = queryset.filter(
                    latitude__gte=box.south,
                    latitude__lte=box.north,
                    longitude__gte=box.west,
                    longitude__lte=box.east,
                )
            parts.append(queryset.values(*PLACE_COLUMNS))
        query = parts[0].union(*parts[1:], all=True).order_by("id")
        rows = list(query[:limit] if limit else query)
        for row in rows:
            row["kind"] = self.kind_of.get(row["content_type_id"])
        # A page whose content type is no longer a located kind cannot be labelled: left out.
        return [row for row in rows if row["kind"]]


# How many of a page's nearest places its page lists (its small map shows a few more).
NEIGHBOURS_LISTED = 5


def nearest(rows_source, point, limit, box=None, districts=None):
    """The `limit` rows nearest to `point`, each with its `distance` in metres.

    Reads a box around the point that widens until it holds `limit` places within its
    radius (any place outside the box is farther than all of those), or until it covers
    the whole of `box` (or the world)."""
    radius = NEAR_FIRST_RADIUS_M
    while True:
        around = box_around(point, radius)
        exhaustive = around is None or (box is not None and around.covers(box))
        search_box = box if around is None else around.intersection(box)
        rows = rows_source.fetch(box=search_box, districts=districts)
        for row in rows:
            row["distance"] = haversine_m(point.lat, point.lng, row["latitude"], row["longitude"])
        if not exhaustive:
            within = [row for row in rows if row["distance"] <= radius]
            if len(within) >= limit:
                rows = within
                exhaustive = True
        if exhaustive:
            rows.sort(key=lambda row: (row["distance"], row["id"]))
            return rows[:limit]
        radius *= NEAR_GROWTH


# Features ---------------------------------------------------------------------------------


def plain_summary(row):
    """The summary as short plain text: no markup, one line, at most SUMMARY_LENGTH."""
    text = row["summary"] or row["search_description"] or ""
    if "<" in text or "&" in text:  # most summaries are plain: skip the HTML parser
        text = html.unescape(strip_tags(text))
    text = " ".join(text.split())
    if len(text) > SUMMARY_LENGTH:
        text = Truncator(text).chars(SUMMARY_LENGTH)
    return text


def image_urls(image_ids, origin):
    """{image id: absolute URL of its IMAGE_SPEC rendition}, renditions prefetched (made
    once when missing, as a template would). An image whose file is gone has no URL."""
    image_ids = sorted(set(image_ids))
    urls = {}
    images = get_image_model().objects.all()
    for start in range(0, len(image_ids), IN_BATCH):
        batch = images.filter(pk__in=image_ids[start : start + IN_BATCH])
        for image in batch.prefetch_renditions(IMAGE_SPEC):
            try:
                url = image.get_rendition(IMAGE_SPEC).url
            except (OSError, ValueError):
                continue
            urls[image.pk] = url if url.startswith(("http://", "https://")) else origin + url
    return urls


class PageUrls:
    """Absolute page URLs from `url_path` alone, as `Page.get_url_parts` builds them for
    pages of this site, without a `reverse()` per page."""

    def __init__(self, site, origin):
        self.root_path = site.root_page.url_path if site else "/"
        try:
            marker = reverse("wagtail_serve", args=("x/",))
        except NoReverseMatch:
            self.prefix = None
        else:
            self.prefix = origin + marker[: -len("x/")]

    def __call__(self, url_path):
        if self.prefix is None or not url_path.startswith(self.root_path):
            return None
        path = url_path[len(self.root_path) :]
        # Slugs are letters, digits, "-" and "_": only non-ASCII letters need encoding.
        return self.prefix + (path if path.isascii() else iri_to_uri(path))


def row_address(row):
    """A place's full address from its row, as LocatedPage.full_address writes it."""
    return ", ".join(filter(None, (row["address"], row["ward"], row["district"], row["province"])))


@dataclass(frozen=True)
class ListedPlace:
    """A located page as the map page and a page's neighbours list it, without the page object
    (there are thousands)."""

    kind: str
    title: str
    url: str
    full_address: str
    point: LatLng
    distance_m: float | None = None

    @property
    def kind_label(self):
        return place_kinds()[self.kind]._meta.verbose_name


def listed_place(row, page_url):
    return ListedPlace(
        kind=row["kind"],
        title=row["title"],
        url=page_url(row["url_path"]),
        full_address=row_address(row),
        point=LatLng(row["latitude"], row["longitude"]),
        distance_m=row.get("distance"),
    )


def listed_places(site):
    """The site's live, public located pages as ListedPlaces (site-relative URLs)."""
    if site is None:
        return []
    page_url = PageUrls(site, origin="")
    return [listed_place(row, page_url) for row in PlaceRows(site).fetch()]


def neighbours(page, limit=NEIGHBOURS_LISTED):
    """The live, public located pages nearest to `page` (not itself), nearest first, as
    ListedPlaces with their distance: the list under a page's small map."""
    point = page.point
    site = page.get_site()
    if point is None or site is None:
        return []
    rows = [row for row in nearest(PlaceRows(site), point, limit + 1) if row["id"] != page.pk]
    page_url = PageUrls(site, origin="")
    return [listed_place(row, page_url) for row in rows[:limit]]


def place_features(site, query, origin):
    """GeoJSON features of the site's live, public located pages matching `query`.

    `origin` ("https://sohoa.example.vn") makes page and image URLs absolute. With
    `query.near` the features are the `query.limit` nearest, nearest first, each with
    `distance_m`; otherwise they are in page id order (cut at `query.limit` if given).
    """
    if site is None:
        return []
    source = PlaceRows(site, query.kinds)
    districts = source.districts_matching(query.district) if query.district else None
    if query.near is not None:
        limit = query.limit or NEAR_DEFAULT_LIMIT
        rows = nearest(source, query.near, limit, box=query.bbox, districts=districts)
    else:
        rows = source.fetch(box=query.bbox, districts=districts, limit=query.limit)
    images = image_urls((row["main_image_id"] for row in rows if row["main_image_id"]), origin)
    page_url = PageUrls(site, origin)
    labels = {kind: str(model._meta.verbose_name) for kind, model in place_kinds().items()}
    features = []
    for row in rows:
        properties = {
            "title": row["title"],
            "kind": row["kind"],
            "kind_label": labels[row["kind"]],
            "url": page_url(row["url_path"]),
            "summary": plain_summary(row),
            "address": row_address(row),
            "district": row["district"],
            "image": images.get(row["main_image_id"]),
        }
        if "distance" in row:
            properties["distance_m"] = round(row["distance"])
        features.append(
            {
                "type": "Feature",
                "id": row["id"],
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(row["longitude"], 6), round(row["latitude"], 6)],
                },
                "properties": properties,
            }
        )
    return features


# Cache invalidation -----------------------------------------------------------------------

CACHE_VERSION_KEY = "sohoa-places-version"


def places_cache_version():
    """A token naming the current state of the places; cached collections carry it in
    their key. A fresh random token (never a counter that could restart at an old value)
    is drawn whenever the places may have changed."""
    version = cache.get(CACHE_VERSION_KEY)
    if version is None:
        cache.add(CACHE_VERSION_KEY, uuid.uuid4().hex[:16], None)
        version = cache.get(CACHE_VERSION_KEY) or "unversioned"
    return version


def forget_cached_places(**kwargs):
    """Every cached collection, of every site, is stale from now on."""
    cache.set(CACHE_VERSION_KEY, uuid.uuid4().hex[:16], None)


def forget_cached_places_for(sender, instance, **kwargs):
    """Saving or deleting a located page (also outside publishing: demo loading, scripts,
    and each located page of a deleted section) changes the places."""
    if isinstance(instance, LocatedPage):
        forget_cached_places()


def connect_signals():
    """Connected when this module is first imported (home.models imports it while the app
    registry loads), with ids so that a second call changes nothing."""
    for name, signal in (
        ("published", page_published),
        ("unpublished", page_unpublished),
        ("pre_move", pre_page_move),
        ("post_move", post_page_move),
    ):
        signal.connect(forget_cached_places, dispatch_uid=f"sohoa_places_{name}")
    post_save.connect(forget_cached_places_for, dispatch_uid="sohoa_places_saved")
    post_delete.connect(forget_cached_places_for, dispatch_uid="sohoa_places_deleted")
    # Privacy and site roots decide which pages are listed, and under which URLs.
    for model in ("wagtailcore.PageViewRestriction", "wagtailcore.Site"):
        for signal in (post_save, post_delete):
            signal.connect(
                forget_cached_places,
                sender=model,
                dispatch_uid=f"sohoa_places_{model}_{signal is post_save}",
            )
