"""The small maps in a real browser, on a phone that reaches only the site (no map tiles): a
street's line and places, a heritage site's neighbours, and drawing a route in the admin."""

import json
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

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
from tests.conftest import browser, open_phone  # noqa: F401  (shared fixtures, see there)

# The live server needs committed data, hence transactional tests.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

PASSWORD = "mat-khau-thu-nghiem-42"
LEAFLET_JS = "/static/vendor/leaflet/leaflet.js"
# Lê Lợi, District 1.
ROUTE = {
    "type": "LineString",
    "coordinates": [[106.698, 10.7731], [106.7005, 10.7745], [106.7032, 10.776]],
}


@pytest.fixture
def phone(open_phone):  # noqa: F811
    """A 360 × 740 touch phone that reaches only the site; JavaScript errors fail the test."""
    return open_phone()


def open_map(page):
    """Scroll the page's small map into view and wait until Leaflet has drawn it."""
    box = page.locator("[data-place-map]")
    box.scroll_into_view_if_needed()
    expect(page.locator("[data-place-map].leaflet-container")).to_be_visible(timeout=15_000)
    return box


def test_a_street_page_draws_its_line_and_the_places_along_it(phone, live_server, home_page):
    street = StreetPageFactory(
        parent=StreetIndexPageFactory(parent=home_page),
        title="Đường Lê Lợi",
        route_geojson=json.dumps(ROUTE),
        location="SRID=4326;POINT(106.700500 10.774500)",
    )
    StreetPlaceFactory(
        page=street, name="Chợ Bến Thành", category="cho", location="10.7725, 106.6981"
    )
    StreetPlaceFactory(
        page=street, name="Nhà hát Thành phố", category="khac", location="10.7765, 106.7031"
    )
    StreetPlaceFactory(page=street, name="Quán chưa có toạ độ", category="nha_hang", location="")

    phone.goto(live_server.url + street.url)
    box = open_map(phone)

    line = box.locator("svg path.place-map-line")
    expect(line).to_have_count(1)
    assert len(line.get_attribute("d")) > 10  # a drawn path, not an empty one
    along = box.locator(".place-map-marker--along")
    expect(along).to_have_count(2)
    titles = sorted(along.nth(i).get_attribute("title") for i in range(2))
    assert titles == ["Chợ Bến Thành", "Nhà hát Thành phố"]
    expect(box.locator(".place-map-marker--self")).to_have_count(1)

    # A place's marker tells what it is.
    box.locator(".place-map-marker--along[title='Chợ Bến Thành']").click()
    expect(box.locator(".leaflet-popup-content")).to_contain_text("Chợ Bến Thành")
    expect(box.locator(".leaflet-popup-content")).to_contain_text("Chợ")

    # Leaflet came from the site; only the tiles were refused, and the map says so.
    assert any(urlsplit(url).path == LEAFLET_JS for url in phone.seen_urls)
    assert phone.blocked_urls and all("openstreetmap" in url for url in phone.blocked_urls)
    expect(phone.locator(".place-map-note")).to_be_visible()


def test_a_heritage_site_shows_its_neighbours_once_its_map_is_in_view(
    phone, live_server, home_page
):
    site = HeritageSitePageFactory(
        parent=HeritageIndexPageFactory(parent=home_page),
        title="Dinh Độc Lập",
        location="SRID=4326;POINT(106.695300 10.777000)",
        # A long visiting section puts the map well below the first screen.
        visiting_hours="\n".join(f"Ngày {day}: 8g00 – 16g00" for day in range(1, 61)),
    )
    offices = OfficeIndexPageFactory(parent=home_page)
    neighbours = [
        NeighbourhoodOfficePageFactory(
            parent=offices, title="Khu phố 1", location="SRID=4326;POINT(106.696000 10.778000)"
        ),
        NeighbourhoodOfficePageFactory(
            parent=offices, title="Khu phố 2", location="SRID=4326;POINT(106.694000 10.776000)"
        ),
        HeritageSitePageFactory(
            parent=site.get_parent(),
            title="Nhà thờ Đức Bà",
            location="SRID=4326;POINT(106.699000 10.779800)",
        ),
    ]

    phone.goto(live_server.url + site.url)
    phone.wait_for_load_state("networkidle")
    # Nothing of Leaflet is fetched while the map is out of sight.
    assert not [url for url in phone.seen_urls if "leaflet" in url]

    box = open_map(phone)
    markers = box.locator(".place-map-marker--neighbour")
    expect(markers).to_have_count(len(neighbours))
    titles = sorted(markers.nth(i).get_attribute("title") for i in range(len(neighbours)))
    assert titles == sorted(page.title for page in neighbours)
    expect(box.locator(".place-map-marker--self")).to_have_attribute("title", "Dinh Độc Lập")

    box.locator(".place-map-marker--neighbour[title='Nhà thờ Đức Bà']").click()
    link = box.locator(".leaflet-popup-content a")
    expect(link).to_have_text("Nhà thờ Đức Bà")
    assert urlsplit(link.get_attribute("href")).path == neighbours[2].url


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("bientap", "bientap@example.vn", PASSWORD)


def sign_in(page, live_server):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "bientap")
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def test_a_route_drawn_by_clicking_on_the_map_is_saved(phone, live_server, home_page, editor):
    street = StreetPageFactory(
        parent=StreetIndexPageFactory(parent=home_page),
        title="Đường Lê Lợi",
        route_geojson="",
        start_location="SRID=4326;POINT(106.698000 10.773100)",
        end_location="SRID=4326;POINT(106.703200 10.776000)",
    )
    sign_in(phone, live_server)
    phone.goto(f"{live_server.url}/admin/pages/{street.pk}/edit/")
    phone.get_by_role("tab", name="Lộ trình").click()

    map_box = phone.locator(".route-editor-map.leaflet-container")
    expect(map_box).to_be_visible()
    map_box.scroll_into_view_if_needed()
    # The street's start and end are on the map, and a line can begin at the start.
    expect(phone.locator(".route-editor-end--start")).to_be_visible()
    expect(phone.locator(".route-editor-end--end")).to_be_visible()
    expect(phone.get_by_role("button", name="Bắt đầu tuyến tại điểm đầu")).to_be_visible()

    box = map_box.bounding_box()
    for fx, fy in ((0.35, 0.3), (0.5, 0.55), (0.65, 0.45), (0.45, 0.7)):
        phone.mouse.click(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
    expect(phone.locator(".route-editor-handle")).to_have_count(4)
    phone.get_by_role("button", name="Bỏ điểm cuối cùng").click()
    expect(phone.locator(".route-editor-handle")).to_have_count(3)
    expect(phone.locator(".route-editor-status")).to_contain_text("Số điểm trên tuyến: 3.")
    expect(phone.locator("path.route-editor-line")).to_have_count(1)

    route = json.loads(phone.input_value("textarea[name=route_geojson]"))
    assert route["type"] == "LineString"
    assert len(route["coordinates"]) == 3

    # Wagtail's Vietnamese catalogue has no "Save draft" yet: either wording will do.
    phone.get_by_role("button", name=re.compile("^(Save draft|Lưu bản nháp)$")).click()
    phone.wait_for_url(re.compile(rf"/admin/pages/{street.pk}/edit/$"))
    expect(phone.locator(".messages")).to_be_visible()

    saved = StreetPage.objects.get(pk=street.pk).get_latest_revision_as_object()
    geometry = json.loads(saved.route_geojson)
    assert geometry["type"] == "LineString"
    assert geometry["coordinates"] == route["coordinates"]
    for lng, lat in geometry["coordinates"]:
        assert 106.69 < lng < 106.71 and 10.76 < lat < 10.79
    # Leaflet came from the site: only map tiles were refused.
    assert all("openstreetmap" in url for url in phone.blocked_urls), phone.blocked_urls
