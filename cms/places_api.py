"""`/api/places/`: the located pages of the site as GeoJSON, for the map, apps and chatbots.

    /api/places/                                  every place (cached, pre-compressed)
    /api/places/?kind=heritage&kind=office        kinds, repeated or "heritage,office"
    /api/places/?district=quan 1                  case and diacritics ignored
    /api/places/?bbox=106.69,10.77,106.71,10.79   west,south,east,north (Leaflet's toBBoxString)
    /api/places/?near=10.7769,106.7009&limit=20   nearest first, with distance_m (limit ≤ 500)

Filters combine. Bad input is a 400 with {"error": "<message in Vietnamese>"}, never a 500.
"""

import gzip
import hashlib
import json
import math

from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified, JsonResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import parse_etags, patch_vary_headers
from django.utils.text import compress_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Site

from cms.geo import LatLng
from cms.origin import on_public_origin
from cms.places import (
    MAX_LIMIT,
    BBox,
    PlaceQuery,
    place_features,
    place_kinds,
    places_cache_version,
)

CONTENT_TYPE = "application/geo+json; charset=utf-8"
CACHE_CONTROL = "public, max-age=60"
# Publishing, moving and deleting forget the cached collection at once (cms.places); the
# timeout bounds how stale it can be where a change sends no signal (bulk imports) or where
# each server process keeps its own cache (Django's default local-memory cache).
PLACES_CACHE_SECONDS = 300
MAX_DISTRICT_LENGTH = 100
# Escaped inside JSON strings so the payload stays inert even if pasted into HTML or a
# <script> element (what Django's json_script does).
JSON_HTML_ESCAPES = (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"))


class BadPlaceQuery(ValueError):
    """A query string the API cannot answer; its message is for the client, in Vietnamese."""


def _numbers(value, count):
    parts = value.split(",")
    if len(parts) != count:
        return None
    try:
        numbers = [float(part) for part in parts]
    except ValueError:
        return None
    return numbers if all(math.isfinite(number) for number in numbers) else None


def parse_kinds(params):
    known = place_kinds()
    kinds = []
    for value in params.getlist("kind"):
        for kind in value.split(","):
            kind = kind.strip().lower()
            if not kind or kind in kinds:
                continue
            if kind not in known:
                raise BadPlaceQuery(
                    _("Unknown kind of place “%(kind)s”. Use one or more of: %(kinds)s.")
                    % {"kind": kind[:40], "kinds": ", ".join(known)}
                )
            kinds.append(kind)
    return tuple(kinds)


def parse_bbox(value):
    numbers = _numbers(value, 4)
    if numbers is None:
        raise BadPlaceQuery(
            _(
                "bbox must be four numbers separated by commas: west,south,east,north (for example bbox=106.69,10.77,106.71,10.79)."
            )
        )
    west, south, east, north = numbers
    if not (-90 <= south <= north <= 90):
        raise BadPlaceQuery(
            _("In bbox, latitudes must lie between -90 and 90, and south must not exceed north.")
        )
    # A world-wide Leaflet view reports longitudes beyond ±180: they mean "all the way".
    west, east = max(west, -180.0), min(east, 180.0)
    if west > east:
        raise BadPlaceQuery(_("In bbox, west must not exceed east."))
    return BBox(west, south, east, north)


def parse_near(value):
    numbers = _numbers(value, 2)
    if numbers is None:
        raise BadPlaceQuery(
            _(
                "near must be a latitude and a longitude separated by a comma (for example near=10.7769,106.7009)."
            )
        )
    lat, lng = numbers
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise BadPlaceQuery(
            _(
                "In near, the latitude must lie between -90 and 90 and the longitude between -180 and 180."
            )
        )
    return LatLng(lat=lat, lng=lng)


def parse_limit(value):
    value = value.strip()
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= MAX_LIMIT:
        raise BadPlaceQuery(
            _("limit must be a whole number from 1 to %(max)s.") % {"max": MAX_LIMIT}
        )
    return int(value)


def parse_query(params):
    """A PlaceQuery from the query string; BadPlaceQuery for anything it cannot mean."""

    def given(name):
        value = params.get(name)
        return value if value and value.strip() else None

    return PlaceQuery(
        kinds=parse_kinds(params),
        district=(params.get("district") or "").strip()[:MAX_DISTRICT_LENGTH],
        bbox=parse_bbox(given("bbox")) if given("bbox") else None,
        near=parse_near(given("near")) if given("near") else None,
        limit=parse_limit(given("limit")) if given("limit") else None,
    )


def geojson_bytes(features):
    text = json.dumps(
        {"type": "FeatureCollection", "features": features},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    for character, escape in JSON_HTML_ESCAPES:
        text = text.replace(character, escape)
    return text.encode()


def make_etag(body):
    # Weak: the gzip and identity encodings of one collection share it.
    return f'W/"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"'


def cached_collection(site, origin):
    """(ETag, gzip-compressed body) of the site's whole collection, built at most once per
    change of the places. Kept compressed: a tenth of the size in the cache, and clients
    that accept gzip (browsers, apps) are sent it as it is."""
    key = ":".join(
        [
            "sohoa-places",
            places_cache_version(),
            str(site.pk),
            get_language() or "",
            hashlib.md5(origin.encode(), usedforsecurity=False).hexdigest()[:12],
        ]
    )
    entry = cache.get(key)
    if entry is None:
        body = geojson_bytes(place_features(site, PlaceQuery(), origin))
        # No random bytes in the gzip header (GZipMiddleware's BREACH guard): the
        # collection is public and holds no secret.
        entry = (make_etag(body), compress_string(body))
        cache.set(key, entry, PLACES_CACHE_SECONDS)
    return entry


def _bare(etag):
    return etag.removeprefix("W/")


def is_not_modified(request, etag):
    """If-None-Match compares weakly (RFC 9110 13.1.2)."""
    etags = parse_etags(request.headers.get("If-None-Match", ""))
    return "*" in etags or any(_bare(candidate) == _bare(etag) for candidate in etags)


def with_api_headers(response, etag):
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    response["Access-Control-Allow-Origin"] = "*"
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def error_response(message):
    response = JsonResponse(
        {"error": message}, status=400, json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def places(request):
    """The site's live, public located pages as a GeoJSON FeatureCollection."""
    try:
        query = parse_query(request.GET)
    except BadPlaceQuery as error:
        return error_response(str(error))
    site = Site.find_for_request(request)
    origin = on_public_origin("/", request).removesuffix("/")
    encoding = None
    if query.is_everything and site is not None:
        etag, compressed = cached_collection(site, origin)
        if is_not_modified(request, etag):
            return with_api_headers(HttpResponseNotModified(), etag)
        if re_accepts_gzip.search(request.headers.get("Accept-Encoding", "")):
            body, encoding = compressed, "gzip"
        else:
            body = gzip.decompress(compressed)
    else:
        # Filtered answers are built each time (the database reads only what matches) and
        # compressed by GZipMiddleware when the client accepts it.
        body = geojson_bytes(place_features(site, query, origin))
        etag = make_etag(body)
        if is_not_modified(request, etag):
            return with_api_headers(HttpResponseNotModified(), etag)
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    if encoding:
        response["Content-Encoding"] = encoding
    return with_api_headers(response, etag)
