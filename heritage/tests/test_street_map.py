"""A street drawn as a line in the admin, and the small map and directions of every located page."""

import json
from html import unescape

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.geo import RouteEditorWidget
from cms.tests.html import off_site_assets, page_html
from heritage.models import StreetPage
from heritage.tests.factories import (
    HeritageIndexPageFactory,
    HeritageSitePageFactory,
    NeighbourhoodOfficePageFactory,
    OfficeIndexPageFactory,
    StreetIndexPageFactory,
    StreetPageFactory,
    StreetPlaceFactory,
)
from home.tests.factories import SchoolIndexPageFactory, SchoolPageFactory
from library.tests.factories import LibraryPageFactory

pytestmark = pytest.mark.django_db

# Lê Lợi, District 1: a route of three points, west to east.
ROUTE = {
    "type": "LineString",
    "coordinates": [[106.698, 10.7731], [106.7005, 10.7745], [106.7032, 10.776]],
}
START = "SRID=4326;POINT(106.698000 10.773100)"
END = "SRID=4326;POINT(106.703200 10.776000)"


@pytest.fixture
def streets(home_page):
    return StreetIndexPageFactory(parent=home_page)


def soup_of(html):
    return BeautifulSoup(html, "html.parser")


def map_extra(html):
    node = soup_of(html).find("script", id="place-map-extra")
    assert node is not None, "no json_script for the map"
    return json.loads(node.string)


# The route editor in the admin -------------------------------------------------------------


def test_route_editor_renders_the_current_route_over_the_textarea():
    html = RouteEditorWidget().render(
        "route_geojson", json.dumps(ROUTE), attrs={"id": "id_route_geojson"}
    )
    soup = soup_of(html)
    editor = soup.find(attrs={"data-controller": "route-editor"})
    textarea = editor.find("textarea", attrs={"name": "route_geojson"})
    assert textarea["id"] == "id_route_geojson"
    assert json.loads(textarea.string) == ROUTE
    options = json.loads(editor["data-route-editor-options"])
    assert options["startField"] == "id_start_location"
    assert options["endField"] == "id_end_location"
    assert options["tileUrl"]
    # The map's tools are revealed by the script: without it, the textarea is the editor.
    assert editor.find(class_="route-editor-tools").has_attr("hidden")


def test_route_editor_takes_leaflet_from_the_site():
    media = RouteEditorWidget().media
    assert media._js == ["vendor/leaflet/leaflet.js", "js/admin-leaflet.js", "js/route-editor.js"]
    assert "vendor/leaflet/leaflet.css" in media._css["all"]


def test_street_edit_view_shows_the_route_editor_with_its_route(admin_client, streets):
    street = StreetPageFactory(parent=streets, route_geojson=json.dumps(ROUTE))
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[street.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    soup = soup_of(html)
    textarea = soup.find("textarea", attrs={"name": "route_geojson"})
    assert textarea.find_parent(attrs={"data-controller": "route-editor"})
    assert json.loads(textarea.string) == ROUTE
    scripts = [tag["src"] for tag in soup.find_all("script", src=True)]
    assert "/static/vendor/leaflet/leaflet.js" in scripts
    assert "/static/js/route-editor.js" in scripts
    assert not [url for url in off_site_assets(html) if "leaflet" in url]
    # Admin strings in Vietnamese.
    assert "Bỏ điểm cuối cùng" in html


def street_edit_form(street, **fields):
    data = {
        "title": street.title,
        "slug": street.slug,
        "summary": "",
        "search_description": "",
        "namesake": street.namesake,
        "namesake_bio": rich_text(""),
        "former_names": street.former_names,
        "local_specialties": rich_text(""),
        "suggested_tours": rich_text(""),
        "places": inline_formset([]),
        "location": street.location,
        "district": street.district,
        "province": street.province,
        "start_point": street.start_point,
        "end_point": street.end_point,
        "route_geojson": "",
    }
    for name in ("body", "gallery", "related_pages"):
        data[name] = streamfield([])
    data.update(fields)
    return nested_form_data(data)


@pytest.mark.parametrize(
    ("route", "message"),
    [
        ('{"type": "LineString", "coordinates": [[106.70, 10.77]', "GeoJSON hợp lệ"),
        ('{"type": "Point", "coordinates": [106.70, 10.77]}', "ít nhất hai điểm"),
        (
            '{"type": "LineString", "coordinates": [[106.70, 10.77], [100.50, 13.75]]}',
            "nằm ngoài lãnh thổ Việt Nam",
        ),
    ],
    ids=["not-json", "a-point", "outside-vietnam"],
)
def test_a_bad_route_is_refused_in_vietnamese_and_the_editors_input_kept(
    admin_client, streets, route, message
):
    street = StreetPageFactory(parent=streets, title="Đường Lê Lợi", route_geojson="")
    data = street_edit_form(
        street, title="Đường Lê Lợi (sửa)", namesake="Lê Lợi (1385–1433)", route_geojson=route
    )
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[street.pk]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    soup = soup_of(html)
    # What the editor typed is still in the form, the bad route included, for them to fix.
    assert soup.find("input", attrs={"name": "title"})["value"] == "Đường Lê Lợi (sửa)"
    assert soup.find("input", attrs={"name": "namesake"})["value"] == "Lê Lợi (1385–1433)"
    assert unescape(soup.find("textarea", attrs={"name": "route_geojson"}).string).strip() == route
    street.refresh_from_db()
    assert street.title == "Đường Lê Lợi"
    assert street.get_latest_revision_as_object().title == "Đường Lê Lợi"


def test_a_route_drawn_in_the_editor_is_saved(admin_client, streets):
    # Guards the form data above: the same POST with a good route saves it.
    street = StreetPageFactory(parent=streets, route_geojson="")
    data = street_edit_form(street, route_geojson=json.dumps(ROUTE))
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[street.pk]), data)
    assert response.status_code == 302
    saved = StreetPage.objects.get(pk=street.pk).get_latest_revision_as_object()
    assert json.loads(saved.route_geojson) == ROUTE


# The street's map ----------------------------------------------------------------------------


def test_street_page_hands_its_line_and_located_places_to_the_map(client, streets):
    street = StreetPageFactory(parent=streets, route_geojson=json.dumps(ROUTE))
    StreetPlaceFactory(
        page=street,
        name="Chợ Bến Thành",
        category="cho",
        address="Lê Lợi",
        location="SRID=4326;POINT(106.698100 10.772500)",
    )
    StreetPlaceFactory(page=street, name="Quán không có toạ độ", category="nha_hang", location="")
    html = page_html(client, street)
    extra = map_extra(html)
    assert extra["line"] == ROUTE
    assert extra["places"] == [
        {
            "name": "Chợ Bến Thành",
            "category": "Chợ",
            "address": "Lê Lợi",
            "lat": 10.7725,
            "lng": 106.6981,
        }
    ]
    box = soup_of(html).find(attrs={"data-place-map": True})
    assert box["data-extra"] == "place-map-extra"
    assert box["data-page-id"] == str(street.pk)
    # The place without coordinates is still listed, only not on the map.
    assert "Quán không có toạ độ" in html


def test_street_without_a_route_is_drawn_from_its_start_to_its_end(client, streets):
    street = StreetPageFactory(
        parent=streets, route_geojson="", start_location=START, end_location=END
    )
    extra = map_extra(page_html(client, street))
    assert extra["line"] == {
        "type": "LineString",
        "coordinates": [[106.698, 10.7731], [106.7032, 10.776]],
    }


def test_street_with_only_a_line_still_gets_a_map(client, streets):
    street = StreetPageFactory(parent=streets, location="", route_geojson=json.dumps(ROUTE))
    html = page_html(client, street)
    box = soup_of(html).find(attrs={"data-place-map": True})
    assert box is not None
    assert not box.has_attr("data-lat")
    assert map_extra(html)["line"] == ROUTE


def test_place_names_cannot_break_out_of_the_map_data(client, streets):
    street = StreetPageFactory(parent=streets)
    name = "</script><script>alert('x')</script>"
    StreetPlaceFactory(page=street, name=name, location="10.7725, 106.6981")
    html = page_html(client, street)
    assert "<script>alert(" not in html
    assert map_extra(html)["places"][0]["name"] == name


# Directions and the map on every located page ----------------------------------------------


def located_page(kind, home_page, **fields):
    if kind == "school":
        return SchoolPageFactory(parent=SchoolIndexPageFactory(parent=home_page), **fields)
    if kind == "library":
        return LibraryPageFactory(parent=home_page, **fields)
    if kind == "street":
        return StreetPageFactory(parent=StreetIndexPageFactory(parent=home_page), **fields)
    if kind == "heritage":
        return HeritageSitePageFactory(parent=HeritageIndexPageFactory(parent=home_page), **fields)
    return NeighbourhoodOfficePageFactory(parent=OfficeIndexPageFactory(parent=home_page), **fields)


KINDS = ["school", "library", "street", "heritage", "office"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_located_page_has_directions_and_a_small_map(client, home_page, kind):
    page = located_page(kind, home_page, location="SRID=4326;POINT(106.700900 10.776900)")
    html = page_html(client, page)
    soup = soup_of(html)
    links = {a.get_text(strip=True): a["href"] for a in soup.select(".location .directions a")}
    assert links == {
        "Chỉ đường": "https://www.openstreetmap.org/directions?to=10.776900,106.700900",
        "Mở bằng ứng dụng bản đồ": "geo:10.776900,106.700900",
        "Google Maps": "https://www.google.com/maps/dir/?api=1&destination=10.776900,106.700900",
    }
    box = soup.find(attrs={"data-place-map": True})
    assert (box["data-lat"], box["data-lng"]) == ("10.776900", "106.700900")
    assert box["data-places-url"] == "/api/places/"
    assert box["data-leaflet-js"] == "/static/vendor/leaflet/leaflet.js"
    # Leaflet is not on the page: the script loads it when the map scrolls into view.
    scripts = [tag["src"] for tag in soup.find_all("script", src=True)]
    assert "/static/js/place-map.js" in scripts
    assert not [src for src in scripts if "leaflet" in src]
    assert off_site_assets(html) == []


@pytest.mark.parametrize("kind", KINDS)
def test_a_page_without_a_point_shows_no_map(client, home_page, kind):
    page = located_page(kind, home_page, location="", address="12 Lê Lợi")
    html = page_html(client, page)
    soup = soup_of(html)
    assert soup.find(attrs={"data-place-map": True}) is None
    assert "place-map.js" not in html
    assert soup.select(".location .directions") == []
    # The address is still given.
    assert "12 Lê Lợi" in soup.select_one(".location .address").get_text()


def test_each_located_place_along_a_street_has_its_own_directions(client, streets):
    street = StreetPageFactory(parent=streets)
    StreetPlaceFactory(page=street, name="Nhà hát Thành phố", location="10.776500, 106.703100")
    StreetPlaceFactory(page=street, name="Quán không có toạ độ", location="")
    soup = soup_of(page_html(client, street))
    places = {
        item.select_one(".place-name").get_text(strip=True): item
        for item in soup.select(".place-list .place")
    }
    hrefs = [a["href"] for a in places["Nhà hát Thành phố"].select(".place-directions a")]
    assert hrefs == [
        "https://www.openstreetmap.org/directions?to=10.776500,106.703100",
        "geo:10.776500,106.703100",
        "https://www.google.com/maps/dir/?api=1&destination=10.776500,106.703100",
    ]
    assert places["Quán không có toạ độ"].select(".place-directions") == []


def test_a_located_page_lists_its_nearest_places_with_their_distance(client, home_page):
    """For every reader, JavaScript or not (the map draws the same places as markers)."""
    here = located_page("heritage", home_page, location="10.776900, 106.695300")
    # About 110 m, 1.2 km and 15 km north of it; a draft and a private page are not listed.
    near = located_page("school", home_page, title="Trường gần", location="10.777900, 106.695300")
    far = located_page("library", home_page, title="Thư viện xa", location="10.787700, 106.695300")
    farther = located_page(
        "office", home_page, title="Khu phố rất xa", location="10.911800, 106.695300"
    )
    located_page("street", home_page, location="10.777000, 106.695300").unpublish()
    private = located_page("heritage", home_page, location="10.777100, 106.695300")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    soup = soup_of(page_html(client, here))
    neighbours = soup.select(".location .place-neighbours li")
    assert [" ".join(item.get_text(" ").split()) for item in neighbours] == [
        "Trường gần Trường học · 110 m",
        "Thư viện xa Thư viện · 1,2 km",
        "Khu phố rất xa Văn phòng khu phố · 15 km",
    ]
    assert [item.a["href"] for item in neighbours] == [near.url, far.url, farther.url]
    assert soup.select_one(".place-neighbours-heading").get_text() == "Gần đây"


def test_a_page_alone_on_the_map_lists_no_neighbours(client, home_page):
    page = located_page("school", home_page, location="10.776900, 106.695300")
    soup = soup_of(page_html(client, page))
    assert soup.select(".place-neighbours") == []
    assert soup.select(".place-neighbours-heading") == []
