"""Points on the map: parsing, Vietnam's bounds, and self-hosted Leaflet widgets for a location
and for a street's route.

Locations are stored the way wagtailgeowidget writes them into a text field,
``SRID=4326;POINT(<longitude> <latitude>)``, and mirrored into float fields for queries.
"""

import json
import re
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtailgeowidget.panels import LeafletPanel
from wagtailgeowidget.widgets import LeafletField

# Vietnam's mainland plus the Hoàng Sa and Trường Sa archipelagos and the southern islands.
VIETNAM_BOUNDS = {"south": 6.0, "north": 23.5, "west": 102.0, "east": 117.5}

POINT_RE = re.compile(
    r"^\s*(?:SRID=\d+;)?\s*POINT\s*\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)\s*$",
    re.IGNORECASE,
)
LATLNG_RE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*[,;]\s*(-?\d+(?:\.\d+)?)\s*$")


@dataclass(frozen=True)
class LatLng:
    lat: float
    lng: float

    def to_wkt(self):
        return f"SRID=4326;POINT({self.lng:.6f} {self.lat:.6f})"

    def in_vietnam(self):
        bounds = VIETNAM_BOUNDS
        return (
            bounds["south"] <= self.lat <= bounds["north"]
            and bounds["west"] <= self.lng <= bounds["east"]
        )


def parse_point(value):
    """A LatLng from 'SRID=4326;POINT(lng lat)' or 'lat, lng'; None for empty or garbage."""
    if not value:
        return None
    match = POINT_RE.match(value)
    if match:
        return LatLng(lat=float(match.group(2)), lng=float(match.group(1)))
    match = LATLNG_RE.match(value)
    if match:
        return LatLng(lat=float(match.group(1)), lng=float(match.group(2)))
    return None


def validate_location_in_vietnam(value):
    if not value:
        return
    point = parse_point(value)
    if point is None:
        raise ValidationError(
            _("Cannot read the coordinates “%(value)s”. Please choose the location on the map."),
            code="location_unreadable",
            params={"value": value},
        )
    if not point.in_vietnam():
        raise ValidationError(
            _(
                "The coordinates (%(lat)s, %(lng)s) lie outside Vietnam. Please check them: latitude about 6–23.5 and longitude about 102–117.5."
            ),
            code="location_outside_vietnam",
            params={"lat": f"{point.lat:.5f}", "lng": f"{point.lng:.5f}"},
        )


def validate_linestring_geojson(value):
    """A GeoJSON LineString whose every point lies in Vietnam."""
    if not value:
        return
    try:
        geometry = json.loads(value)
    except ValueError:
        raise ValidationError(
            _("The route must be valid GeoJSON (a LineString)."), code="route_json"
        ) from None
    if isinstance(geometry, dict) and geometry.get("type") == "Feature":
        geometry = geometry.get("geometry") or {}
    coordinates = geometry.get("coordinates") if isinstance(geometry, dict) else None
    if (
        not isinstance(geometry, dict)
        or geometry.get("type") != "LineString"
        or not isinstance(coordinates, list)
        or len(coordinates) < 2
    ):
        raise ValidationError(
            _("The route must be a LineString with at least two points."), code="route_shape"
        )
    for position in coordinates:
        if (
            not isinstance(position, list)
            or len(position) < 2
            or not all(isinstance(c, int | float) for c in position[:2])
        ):
            raise ValidationError(
                _("Each point of the route must be [longitude, latitude]."), code="route_point"
            )
        if not LatLng(lat=position[1], lng=position[0]).in_vietnam():
            raise ValidationError(
                _("The route has a point [%(lng)s, %(lat)s] outside Vietnam."),
                code="route_outside_vietnam",
                params={"lng": position[0], "lat": position[1]},
            )


class SelfHostedLeafletField(LeafletField):
    """wagtailgeowidget's Leaflet widget, with Leaflet served by this site instead of unpkg."""

    @cached_property
    def media(self):
        return forms.Media(
            css={
                "all": (
                    "vendor/leaflet/leaflet.css",
                    "wagtailgeowidget/css/leaflet-field.css",
                )
            },
            js=(
                "vendor/leaflet/leaflet.js",
                "js/admin-leaflet.js",
                "wagtailgeowidget/js/leaflet-field.js",
                "wagtailgeowidget/js/leaflet-field-controller.js",
            ),
        )


class LocationPanel(LeafletPanel):
    """A map to pick a point, using the self-hosted Leaflet."""

    def widget_overrides(self):
        return {
            self.field_name: SelfHostedLeafletField(
                address_field=self.address_field,
                zoom_field=self.zoom_field,
                hide_latlng=self.hide_latlng,
                zoom=self.zoom,
                srid=4326,
                id_prefix="id_",
            )
        }


def route_points(value):
    """The points of a stored route (a GeoJSON LineString, or a Feature holding one), in order.

    [] when the route is empty or cannot be used: a value saved before validation existed
    must not break the page that shows it."""
    try:
        validate_linestring_geojson(value)
    except ValidationError:
        return []
    if not value:
        return []
    geometry = json.loads(value)
    if geometry.get("type") == "Feature":
        geometry = geometry["geometry"]
    return [LatLng(lat=position[1], lng=position[0]) for position in geometry["coordinates"]]


def linestring_geojson(points):
    """A GeoJSON LineString geometry (a dict) through `points`, as the route editor writes it."""
    return {
        "type": "LineString",
        "coordinates": [[round(point.lng, 6), round(point.lat, 6)] for point in points],
    }


class RouteEditorWidget(forms.Textarea):
    """The route of a street drawn on a self-hosted Leaflet map (static/js/route-editor.js).

    The value stays a GeoJSON LineString in a textarea: the script only writes into it, so
    without JavaScript (or when Leaflet cannot load) the textarea is still the editor, and the
    model field's validator judges whatever is posted. The street's start and end coordinates
    are read from their own inputs (`start_field`, `end_field`) and shown on the map.
    """

    template_name = "widgets/route_editor.html"

    def __init__(self, attrs=None, start_field="start_location", end_field="end_location"):
        super().__init__(attrs={"rows": 3, **(attrs or {})})
        self.start_field = start_field
        self.end_field = end_field

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        field_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        prefix = field_id[: -len(name)] if field_id.endswith(name) else "id_"
        # JSON in an attribute: the template's autoescaping keeps it inert.
        context["route_editor_options"] = json.dumps(
            {
                "tileUrl": settings.MAP_TILE_URL,
                "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
                "centre": settings.MAP_DEFAULT_CENTRE,
                "bounds": VIETNAM_BOUNDS,
                "startField": prefix + self.start_field if self.start_field else "",
                "endField": prefix + self.end_field if self.end_field else "",
            }
        )
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # The default form renderer looks only in Django's and the apps' template folders;
        # this widget's template lives with the project's other templates.
        return super().render(name, value, attrs, renderer=TemplatesSetting())

    @property
    def media(self):
        return forms.Media(
            css={"all": ("vendor/leaflet/leaflet.css", "css/route-editor.css")},
            js=("vendor/leaflet/leaflet.js", "js/admin-leaflet.js", "js/route-editor.js"),
        )
