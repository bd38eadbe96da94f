"""A resident opens the map on a small phone where only the site is reachable (no map tiles):
every located page is on it, kinds can be hidden, a search typed without diacritics flies to
the place, and "near me" lists what is nearest, or says why it cannot."""

import io
import json
import re
from importlib import import_module
from urllib.parse import parse_qs, urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command
from playwright.sync_api import expect

from heritage.tests.factories import HeritageIndexPageFactory, HeritageSitePageFactory
from home.models import MapPage
from home.tests.factories import MapPageFactory
from home.tests.test_map_page import located_pages
from tests.conftest import PHONE, browser  # noqa: F401  (one Chromium per process, see there)

# The live server needs committed data, hence transactional tests.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

# A few metres from the demo's "Khu phố Mẫu 6" office (10.8075, 106.7120).
NEXT_TO_OFFICE_6 = {"latitude": 10.8076, "longitude": 106.7121}
DISTANCE_RE = re.compile(r"^\d+ m$|^\d+(,\d)? km$")

COUNT_MARKERS_JS = """() => {
    const pane = document.querySelector(".leaflet-marker-pane");
    if (!pane) return -1;
    const single = pane.querySelectorAll(".map-marker").length;
    const clustered = [...pane.querySelectorAll(".marker-cluster")]
        .reduce((sum, cluster) => sum + Number(cluster.textContent.trim()), 0);
    return single + clustered;
}"""

POPUP_IN_SIGHT_JS = """() => {
    const popup = document.querySelector(".leaflet-popup");
    if (!popup) return false;
    const box = popup.getBoundingClientRect();
    const map = document.querySelector(".map-canvas").getBoundingClientRect();
    const sheet = document.querySelector("[data-map-results]").getBoundingClientRect();
    return box.left >= map.left && box.right <= map.right && box.top >= map.top
        && box.bottom <= Math.min(map.bottom, sheet.top);
}"""

HERE_CENTRED_JS = """() => {
    const here = document.querySelector(".leaflet-here-pane .map-here").getBoundingClientRect();
    const map = document.querySelector(".map-canvas").getBoundingClientRect();
    const sheetTop = document.querySelector("[data-map-results]").getBoundingClientRect().top;
    const x = here.left + here.width / 2;
    const y = here.top + here.height / 2;
    return sheetTop < map.bottom && Math.abs(x - (map.left + map.right) / 2) < 3
        && Math.abs(y - (map.top + sheetTop) / 2) < 3;
}"""


@pytest.fixture
def demo_map(home_page):
    """The demo site (committed: the live server reads it) and its map page.

    A transactional test's flush removes what migrations created; `load_demo` needs the site's
    home page (the `home_page` fixture) and the book subjects (seeded again here, faster than
    a serialized rollback)."""
    import_module("library.migrations.0002_seed_subjects").seed_subjects(apps, None)
    call_command("load_demo", stdout=io.StringIO())
    return MapPage.objects.live().get()


def located_counts(map_page):
    counts = {}
    for page in located_pages(map_page.get_site()):
        counts[type(page).__name__] = counts.get(type(page).__name__, 0) + 1
    return counts


def open_map(page, live_server, map_page):
    page.goto(live_server.url + map_page.url)
    expect(page.locator(".map-canvas.leaflet-container")).to_be_visible()


def wait_for_markers(page, count):
    page.wait_for_function(f"({COUNT_MARKERS_JS})() === {count}", timeout=15_000)


def results(page):
    return page.locator("[data-map-list] > li")


def test_every_located_demo_page_is_a_marker_and_a_layer_toggle_hides_a_kind(
    open_phone, live_server, demo_map
):
    counts = located_counts(demo_map)
    total = sum(counts.values())
    page = open_phone()
    open_map(page, live_server, demo_map)

    wait_for_markers(page, total)
    # Full screen under the site header: the map reaches the bottom of the phone's screen.
    stage = page.locator(".map-stage").bounding_box()
    assert stage["width"] == PHONE["width"]
    assert stage["y"] + stage["height"] == pytest.approx(PHONE["height"], abs=2)
    # The tiles were asked for and refused: the markers and the list do not need them.
    assert any("tile.openstreetmap.org" in url for url in page.blocked_urls)
    expect(page.locator("[data-map-note]")).to_contain_text("Không tải được nền bản đồ")
    expect(page.locator(".map-places .place")).to_have_count(total)
    # One request for all the places.
    places_requests = [url for url in page.seen_urls if urlsplit(url).path == "/api/places/"]
    assert len(places_requests) == 1

    page.locator("[data-map-legend] summary").click()
    heritage = page.get_by_role("checkbox", name=re.compile(r"^Di tích"))
    expect(heritage).to_be_checked()
    expect(page.locator("[data-map-legend]")).to_contain_text(
        f"Di tích ({counts['HeritageSitePage']})"
    )
    heritage.uncheck()
    wait_for_markers(page, total - counts["HeritageSitePage"])
    expect(page.locator(".leaflet-marker-pane .map-marker-heritage")).to_have_count(0)

    heritage.check()
    wait_for_markers(page, total)


def test_a_search_without_diacritics_flies_to_the_heritage_site_and_opens_its_popup(
    open_phone, live_server, demo_map
):
    page = open_phone()
    open_map(page, live_server, demo_map)
    wait_for_markers(page, sum(located_counts(demo_map).values()))
    search_box = page.get_by_role("searchbox", name="Tìm địa điểm trên bản đồ")

    search_box.fill("dia dao")
    search_box.press("Enter")
    expect(results(page).first).to_contain_text("Địa đạo Củ Chi")
    expect(page.locator("[data-map-status]")).to_contain_text("Tìm thấy")
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Địa đạo Củ Chi", timeout=10_000)
    expect(popup).to_contain_text("Di tích")
    expect(popup.get_by_role("link", name="Địa đạo Củ Chi")).to_have_attribute(
        "href", re.compile(r"/dia-dao-cu-chi/$")
    )
    expect(popup.get_by_role("link", name="Chỉ đường")).to_have_attribute(
        "href", re.compile(r"^(geo:11\.14|https://www\.openstreetmap\.org/directions\?to=11\.14)")
    )
    # The map flew there: the whole popup is on the map, above the sheet of results.
    page.wait_for_function(POPUP_IN_SIGHT_JS, timeout=10_000)

    # The button works as Enter does.
    search_box.fill("dinh doc lap")
    page.get_by_role("button", name="Tìm", exact=True).click()
    expect(popup).to_contain_text("Dinh Độc Lập", timeout=10_000)
    expect(results(page).first).to_contain_text("Dinh Độc Lập")

    search_box.fill("zqzqzq xkcdw")
    search_box.press("Enter")
    expect(page.locator("[data-map-status]")).to_contain_text(
        "Không tìm thấy địa điểm nào trên bản đồ khớp với “zqzqzq xkcdw”"
    )
    expect(results(page)).to_have_count(0)


def test_near_me_lists_the_nearest_office_first_and_centres_the_map_on_the_reader(
    open_phone, live_server, demo_map
):
    page = open_phone(geolocation=NEXT_TO_OFFICE_6, grant_geolocation=True)
    open_map(page, live_server, demo_map)
    wait_for_markers(page, sum(located_counts(demo_map).values()))

    page.get_by_role("button", name="Gần tôi").click()
    expect(page.locator("[data-map-status]")).to_have_text(
        "Các địa điểm gần bạn nhất, gần nhất ở trên cùng."
    )
    expect(results(page)).to_have_count(20)
    expect(results(page).first).to_contain_text("Văn phòng Khu phố Mẫu 6")
    expect(results(page).nth(1)).to_contain_text("Văn phòng Khu phố Mẫu 5")
    distances = results(page).locator(".map-result-distance").all_inner_texts()
    assert len(distances) == 20
    assert all(DISTANCE_RE.match(distance) for distance in distances), distances
    assert distances[0] == "10 m" or distances[0].endswith(" m")
    assert any("," in distance for distance in distances), "no kilometres with a decimal comma"
    metres = [
        float(d[:-3].replace(",", ".")) * 1000 if d.endswith("km") else float(d[:-2])
        for d in distances
    ]
    assert metres == sorted(metres)

    near_requests = [
        parse_qs(urlsplit(url).query)
        for url in page.seen_urls
        if urlsplit(url).path == "/api/places/" and "near=" in url
    ]
    assert near_requests == [{"near": ["10.807600,106.712100"], "limit": ["20"]}]
    # The reader is marked in the middle of what the list leaves visible of the map.
    expect(page.locator(".leaflet-here-pane .map-here")).to_have_count(1)
    page.wait_for_function(HERE_CENTRED_JS, timeout=5_000)


@pytest.mark.parametrize(
    ("init_script", "expected"),
    [
        (None, "Bạn chưa cho phép trang web biết vị trí của bạn"),
        (
            "delete Navigator.prototype.geolocation;",
            "Trình duyệt này không xác định được vị trí của bạn",
        ),
    ],
    ids=["permission-refused", "no-geolocation"],
)
def test_near_me_without_a_position_says_why_and_the_map_still_works(
    open_phone, live_server, home_page, init_script, expected
):
    site = HeritageSitePageFactory(
        parent=HeritageIndexPageFactory(parent=home_page), title="Dinh Độc Lập"
    )
    map_page = MapPageFactory(parent=home_page)
    page = open_phone(init_script=init_script)
    open_map(page, live_server, map_page)
    wait_for_markers(page, 1)

    page.get_by_role("button", name="Gần tôi").click()
    expect(page.locator("[data-map-status]")).to_contain_text(expected)
    expect(results(page)).to_have_count(0)
    # The rest of the page is unaffected: the list, and the search.
    expect(page.locator(".map-places .place")).to_contain_text(site.title)
    page.get_by_role("searchbox", name="Tìm địa điểm trên bản đồ").fill("dinh doc lap")
    page.get_by_role("button", name="Tìm", exact=True).click()
    expect(page.locator(".leaflet-popup-content")).to_contain_text(site.title, timeout=10_000)


def test_five_thousand_places_load_clustered_from_one_request(open_phone, live_server, home_page):
    """The API itself is benchmarked in bench/places.py; here the page is fed a collection
    of 5,000 places so that only the browser's side is measured."""
    map_page = MapPageFactory(parent=home_page)
    kinds = ["school", "library", "street", "heritage", "office"]
    features = [
        {
            "type": "Feature",
            "id": 100_000 + number,
            "geometry": {
                "type": "Point",
                "coordinates": [106.55 + (number % 71) * 0.004, 10.70 + (number // 71) * 0.003],
            },
            "properties": {
                "title": f"Địa điểm {number}",
                "kind": kinds[number % 5],
                "kind_label": kinds[number % 5],
                "url": f"/dia-diem-{number}/",
                "summary": "",
                "address": "",
                "district": "",
                "image": None,
            },
        }
        for number in range(5000)
    ]
    page = open_phone()
    page.route(
        re.compile(r"/api/places/$"),
        lambda route: route.fulfill(
            content_type="application/geo+json",
            body=json.dumps({"type": "FeatureCollection", "features": features}),
        ),
    )
    open_map(page, live_server, map_page)

    wait_for_markers(page, 5000)
    # Clustered: a few dozen elements on the phone's screen, not 5,000; and no popup built.
    assert page.locator(".leaflet-marker-pane > *").count() < 200
    expect(page.locator(".leaflet-popup")).to_have_count(0)
    # Kinds the page did not list (published since) get a legend entry with their count.
    page.locator("[data-map-legend] summary").click()
    layers = page.locator("[data-map-legend] [data-map-layer]")
    expect(layers).to_have_count(5)
    expect(page.locator("[data-map-legend]")).to_contain_text("(1.000)")
    page.get_by_role("checkbox", name=re.compile(r"^Office")).uncheck()
    wait_for_markers(page, 4000)
