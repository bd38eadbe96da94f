"""The map page as the server renders it: the list of places (the view for screen readers and
for phones without good JavaScript), the legend, and what the map's script is given."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from cms.places import ListedPlace, group_by_kind, listed_places, located_page_models
from cms.tests.html import off_site_assets, page_html, visible_text
from heritage.models import StreetPage
from home.models import MapPage
from search.tests.conftest import demo  # noqa: F401  (the demo site, loaded once per module)

pytestmark = pytest.mark.django_db

DEMO_KINDS = ["school", "library", "street", "heritage", "office"]


def located_pages(site):
    """Live, public located pages under the site's root as Wagtail's own querysets find them:
    what the map page's list (built from rows, see cms.places) must hold."""
    pages = []
    for model in located_page_models():
        queryset = model.objects.live().public().filter(latitude__isnull=False)
        pages.extend(queryset.descendant_of(site.root_page, inclusive=True))
    return pages


@pytest.fixture
def map_page(demo):  # noqa: F811
    return MapPage.objects.live().get()


@pytest.fixture
def soup(client, map_page):
    return BeautifulSoup(page_html(client, map_page), "html.parser")


def test_every_located_demo_page_is_listed_with_a_link_and_directions(client, map_page):
    html = page_html(client, map_page)
    text = visible_text(html)
    located = located_pages(map_page.get_site())
    assert len(located) >= 20
    for place in located:
        assert place.title in text
        assert f'href="{place.url}"' in html
    soup = BeautifulSoup(html, "html.parser")
    listed = soup.select(".map-places .place")
    assert len(listed) == len(located)
    assert all(
        item.find("a", href=lambda href: href and "openstreetmap.org/directions" in href)
        for item in listed
    )
    assert f"{len(located)} địa điểm trên bản đồ" in text


def test_the_list_and_the_places_api_hold_the_same_places(client, map_page):
    listed = {place.pk for place in located_pages(map_page.get_site())}
    collection = client.get(reverse("api_places")).json()
    assert {feature["id"] for feature in collection["features"]} == listed


def test_places_are_grouped_by_kind_in_the_maps_order(soup):
    groups = soup.select(".map-places .place-group")
    headings = [group.h3.get_text(" ", strip=True) for group in groups]
    assert [heading.split(" (")[0].split(" ", 1)[1] for heading in headings] == [
        "Trường học",
        "Thư viện",
        "Tuyến đường",
        "Di tích",
        "Văn phòng khu phố",
    ]
    offices = [link.get_text() for link in groups[-1].select(".place > a:first-child")]
    assert offices == sorted(offices)


def test_places_within_a_kind_sort_as_a_vietnamese_reader_expects():
    titles = ("Đường Zét", "Đường Ba Son", "Dinh Cũ", "Đường Đinh Tiên Hoàng")
    point = StreetPage(latitude=10.78, longitude=106.7).point
    (group,) = group_by_kind([ListedPlace("street", title, "/", "", point) for title in titles])
    assert group["kind"] == "street"
    # Đ sorts with D, not after Z as its code point would.
    assert [page.title for page in group["places"]] == [
        "Dinh Cũ",
        "Đường Ba Son",
        "Đường Đinh Tiên Hoàng",
        "Đường Zét",
    ]


def test_the_legend_has_a_labelled_checkbox_and_a_distinct_marker_per_kind(soup):
    entries = soup.select("[data-map-legend] label.map-layer")
    assert [entry.input["value"] for entry in entries] == DEMO_KINDS
    counts = {group.h3["id"]: group.h3.small.get_text() for group in soup.select(".place-group")}
    letters = set()
    for entry in entries:
        checkbox = entry.input
        assert checkbox["type"] == "checkbox" and checkbox.has_attr("checked")
        label = entry.select_one(".map-layer-name").get_text()
        assert label and label == checkbox["data-label"]
        count = entry.select_one("[data-map-count]").get_text()
        assert f"({count})" == counts[f"places-{checkbox['value']}"]
        marker = entry.select_one(".map-marker")
        assert f"map-marker-{checkbox['value']}" in marker["class"]
        assert marker["aria-hidden"] == "true"
        letters.add(marker.get_text())
    assert letters == {"T", "TV", "Đ", "DT", "KP"}


@override_settings(
    MAP_TILE_URL="https://ban-do.tinh.example.vn/tiles/{z}/{x}/{y}.png",
    MAP_TILE_ATTRIBUTION='&copy; <a href="https://tinh.example.vn">Sở TN&MT</a>',
)
def test_the_map_takes_tiles_and_data_from_the_sites_settings_and_urls(client, map_page):
    soup = BeautifulSoup(page_html(client, map_page), "html.parser")
    app = soup.select_one("[data-map-app]")
    assert app["data-tile-url"] == "https://ban-do.tinh.example.vn/tiles/{z}/{x}/{y}.png"
    assert app["data-tile-attribution"] == '&copy; <a href="https://tinh.example.vn">Sở TN&MT</a>'
    assert app["data-places-url"] == reverse("api_places")
    assert app["data-search-url"] == reverse("api_search")
    assert app["data-centre"] == "10.776900,106.700900"


def test_the_scripts_messages_are_translated_in_the_page(soup):
    app = soup.select_one("[data-map-app]")
    messages = {name: value for name, value in app.attrs.items() if name.startswith("data-msg-")}
    assert len(messages) >= 20 and all(messages.values())
    assert messages["data-msg-geo-denied"].startswith("Bạn chưa cho phép trang web biết vị trí")
    assert messages["data-msg-directions"] == "Chỉ đường"
    assert messages["data-msg-metres"] == "%(distance)s m"
    assert "%(query)s" in messages["data-msg-no-results"]
    with translation.override("vi"):
        assert soup.select_one("[data-map-near-me]").get_text() == "Gần tôi"


def test_the_page_loads_its_map_from_the_site_only(client, map_page):
    html = page_html(client, map_page)
    assert off_site_assets(html) == []
    soup = BeautifulSoup(html, "html.parser")
    scripts = [script["src"] for script in soup.find_all("script", src=True)]
    for asset in (
        "/static/vendor/leaflet/leaflet.js",
        "/static/vendor/leaflet.markercluster/leaflet.markercluster.js",
        "/static/js/map.js",
    ):
        assert asset in scripts
    # Leaflet before the plugin, both before the page's script.
    assert scripts.index("/static/js/map.js") > scripts.index(
        "/static/vendor/leaflet.markercluster/leaflet.markercluster.js"
    )
    styles = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    for asset in (
        "/static/vendor/leaflet/leaflet.css",
        "/static/vendor/leaflet.markercluster/MarkerCluster.css",
        "/static/vendor/leaflet.markercluster/MarkerCluster.Default.css",
        "/static/css/map.css",
    ):
        assert asset in styles
    # Each is a file the site has (from npm or the project's static/).
    for asset in scripts + styles:
        assert finders.find(asset.removeprefix(settings.STATIC_URL)), asset


def test_without_javascript_the_search_box_uses_the_site_search(client, soup):
    form = soup.select_one("form[data-map-search]")
    assert form["action"] == reverse("search") and form["method"] == "get"
    field = form.select_one("input[type=search]")
    assert field["name"] == "q"
    assert soup.select_one(f'label[for="{field["id"]}"]')
    response = client.get(form["action"], {field["name"]: "dia dao cu chi"})
    assert "Địa đạo Củ Chi" in visible_text(response.content.decode())
    # The map and "near me" need the script: hidden until it runs.
    assert soup.select_one("[data-map-frame]").has_attr("hidden")
    assert soup.select_one("[data-map-near-me]").has_attr("hidden")


def listed_titles(html, kind):
    soup = BeautifulSoup(html, "html.parser")
    group = soup.select_one(f"#places-{kind}").find_parent("section")
    return [link.get_text() for link in group.select(".place > a:first-child")]


def test_the_list_names_a_few_places_of_each_kind_and_links_to_the_rest(
    client, map_page, monkeypatch
):
    monkeypatch.setattr(MapPage, "places_per_kind", 2)
    groups = group_by_kind(listed_places(map_page.get_site()))
    html = page_html(client, map_page)
    soup = BeautifulSoup(html, "html.parser")
    for group in groups:
        titles = [page.title for page in group["places"]]
        assert listed_titles(html, group["kind"]) == titles[:2]
        more = soup.select_one(f"a[href='?kind={group['kind']}#places-{group['kind']}']")
        if len(titles) > 2:
            assert more.get_text() == f"Xem cả {len(titles)} {group['label']}"
        else:
            assert more is None
    # The count above the list and the legend's still count every place.
    assert f"{sum(len(group['places']) for group in groups)} địa điểm trên bản đồ" in html


def test_one_kind_is_listed_whole_page_by_page(client, map_page, monkeypatch):
    monkeypatch.setattr(MapPage, "places_per_page", 2)
    (offices,) = [
        group
        for group in group_by_kind(listed_places(map_page.get_site()))
        if group["kind"] == "office"
    ]
    expected = [page.title for page in offices["places"]]
    assert len(expected) > 2
    seen, number = [], 1
    while True:
        response = client.get(map_page.url, {"kind": "office", "page": number})
        html = response.content.decode()
        soup = BeautifulSoup(html, "html.parser")
        assert [group.h3["id"] for group in soup.select(".place-group")] == ["places-office"]
        titles = listed_titles(html, "office")
        assert len(titles) <= 2
        seen += titles
        current = soup.select_one(".pagination .pagination-current").get_text()
        assert current.startswith(f"Trang {number} ")
        assert soup.select_one(f"a[href='{map_page.url}#places-heading']").get_text() == (
            "Mọi loại địa điểm"
        )
        if not soup.select_one(".pagination a[rel=next]"):
            break
        number += 1
    assert seen == expected


@pytest.mark.parametrize("query", [{"kind": "unicorn"}, {"kind": ""}, {"kind": "office'><b>"}])
def test_an_unknown_kind_lists_every_kind(client, map_page, query):
    response = client.get(map_page.url, query)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.select(".place-group")) == len(DEMO_KINDS)
    assert "office'><b>" not in response.content.decode()


def test_a_page_past_the_end_of_a_kind_shows_its_last_page(client, map_page, monkeypatch):
    monkeypatch.setattr(MapPage, "places_per_page", 2)
    last = client.get(map_page.url, {"kind": "office", "page": 999}).content.decode()
    words = client.get(map_page.url, {"kind": "office", "page": "hai"}).content.decode()
    assert listed_titles(last, "office") and listed_titles(words, "office")
    assert BeautifulSoup(last, "html.parser").select_one(".pagination a[rel=next]") is None
