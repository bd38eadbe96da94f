"""`/api/places/`: the located pages as GeoJSON, as the map, an app or a chatbot reads them."""

import gzip
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction, Site

from cms.origin import on_public_origin
from cms.tests.factories import ImageFactory
from heritage.tests.factories import (
    HeritageIndexPageFactory,
    HeritageSitePageFactory,
    NeighbourhoodOfficePageFactory,
    OfficeIndexPageFactory,
    StreetIndexPageFactory,
    StreetPageFactory,
)
from home.tests.factories import HomePageFactory, SchoolIndexPageFactory, SchoolPageFactory
from library.tests.factories import BookPageFactory, LibraryPageFactory

pytestmark = pytest.mark.django_db

URL = "/api/places/"
GEOJSON = "application/geo+json; charset=utf-8"

# Three places in Hà Nội and Hồ Chí Minh City. Expected distances were computed apart from
# the code under test, with Vincenty's formula on the WGS-84 ellipsoid (the API's haversine
# on a sphere must land within 1%).
HO_GUOM = (21.0287, 105.8524)
LANG_BAC = (21.0368, 105.8346)
DINH_DOC_LAP = (10.7770, 106.6953)
NEAR_HO_GUOM = (21.0285, 105.8542)
NEAR_BEN_THANH = (10.7725, 106.6980)
VINCENTY_M = {
    NEAR_HO_GUOM: {"Hồ Gươm": 188.4, "Lăng Bác": 2235.0, "Dinh Độc Lập": 1_137_991.4},
    NEAR_BEN_THANH: {"Dinh Độc Lập": 578.8, "Hồ Gươm": 1_138_547.8, "Lăng Bác": 1_139_594.2},
}


def wkt(lat, lng):
    return f"SRID=4326;POINT({lng} {lat})"


@pytest.fixture(autouse=True)
def fresh_cache():
    # Page ids and site ids repeat between tests on SQLite: no collection may outlive one.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def sections(home_page):
    return {
        "school": SchoolIndexPageFactory(parent=home_page),
        "street": StreetIndexPageFactory(parent=home_page),
        "heritage": HeritageIndexPageFactory(parent=home_page),
        "office": OfficeIndexPageFactory(parent=home_page),
    }


@pytest.fixture
def three_places(sections):
    heritage = sections["heritage"]
    return {
        "Hồ Gươm": HeritageSitePageFactory(
            parent=heritage,
            title="Hồ Gươm",
            district="Quận Hoàn Kiếm",
            province="Hà Nội",
            location=wkt(*HO_GUOM),
        ),
        "Lăng Bác": HeritageSitePageFactory(
            parent=heritage,
            title="Lăng Bác",
            district="Quận Ba Đình",
            province="Hà Nội",
            location=wkt(*LANG_BAC),
        ),
        "Dinh Độc Lập": HeritageSitePageFactory(
            parent=heritage,
            title="Dinh Độc Lập",
            district="Quận 1",
            province="TP. Hồ Chí Minh",
            location=wkt(*DINH_DOC_LAP),
        ),
    }


def get(client, query="", **headers):
    return client.get(URL + query, **headers)


def features(client, query=""):
    response = get(client, query)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == GEOJSON
    body = json.loads(response.content)
    assert body["type"] == "FeatureCollection"
    return body["features"]


def titles(client, query=""):
    return [feature["properties"]["title"] for feature in features(client, query)]


def by_title(client, query=""):
    return {feature["properties"]["title"]: feature for feature in features(client, query)}


# What each place says ----------------------------------------------------------------------


def test_every_located_kind_is_a_point_feature_with_what_a_popup_needs(client, sections):
    school = SchoolPageFactory(
        parent=sections["school"],
        title="Trường THPT Lê Quý Đôn",
        summary="Ngôi trường hơn 150 năm tuổi.",
        address="110 Nguyễn Thị Minh Khai",
        ward="Phường Xuân Hoà",
        district="Quận 3",
        province="TP. Hồ Chí Minh",
        location=wkt(10.7789123456, 106.6920987654),
        main_image=ImageFactory(),
    )
    library = LibraryPageFactory(parent=school, title="Thư viện Lê Quý Đôn")
    street = StreetPageFactory(parent=sections["street"], title="Đường Hoàng Hoa Thám")
    site = HeritageSitePageFactory(parent=sections["heritage"], title="Địa đạo Củ Chi")
    office = NeighbourhoodOfficePageFactory(parent=sections["office"], title="Khu phố 7")

    places = by_title(client)

    assert set(places) == {school.title, library.title, street.title, site.title, office.title}
    kinds = {title: feature["properties"]["kind"] for title, feature in places.items()}
    assert kinds == {
        school.title: "school",
        library.title: "library",
        street.title: "street",
        site.title: "heritage",
        office.title: "office",
    }
    labels = {feature["properties"]["kind_label"] for feature in places.values()}
    assert labels == {"trường học", "thư viện", "tuyến đường", "di tích", "văn phòng khu phố"}
    feature = places[school.title]
    assert feature["type"] == "Feature"
    assert feature["id"] == school.pk
    assert feature["geometry"] == {"type": "Point", "coordinates": [106.692099, 10.778912]}
    properties = feature["properties"]
    assert properties["url"] == on_public_origin(school.url) == "https://sohoa.test" + school.url
    assert properties["summary"] == "Ngôi trường hơn 150 năm tuổi."
    assert properties["address"] == (
        "110 Nguyễn Thị Minh Khai, Phường Xuân Hoà, Quận 3, TP. Hồ Chí Minh"
    )
    assert properties["district"] == "Quận 3"
    assert properties["image"].startswith("https://sohoa.test/media/images/")
    assert "fill-240x160" in properties["image"]
    assert "distance_m" not in properties
    assert places[street.title]["properties"]["image"] is None


def test_pages_without_a_point_and_pages_that_are_not_places_are_left_out(client, sections):
    SchoolPageFactory(parent=sections["school"], title="Có tọa độ")
    SchoolPageFactory(parent=sections["school"], title="Chưa có tọa độ", location="")
    library = LibraryPageFactory(parent=sections["school"].get_parent(), title="Thư viện")
    BookPageFactory(parent=library, title="Dế Mèn phiêu lưu ký")
    assert sorted(titles(client)) == ["Có tọa độ", "Thư viện"]


def test_summary_is_short_plain_text_and_the_payload_is_inert_in_html(client, sections):
    SchoolPageFactory(
        parent=sections["school"],
        title="Trường <script>alert(1)</script>",
        summary="<p>Trường <b>đẹp</b> &amp; xanh.</p>\n\n" + "Rất dài. " * 40,
    )
    response = get(client)
    assert b"<" not in response.content and b">" not in response.content
    properties = features(client)[0]["properties"]
    assert properties["title"] == "Trường <script>alert(1)</script>"
    summary = properties["summary"]
    assert summary.startswith("Trường đẹp & xanh. Rất dài.")
    assert "<" not in summary and "\n" not in summary
    assert len(summary) <= 160


def test_page_urls_are_those_wagtail_serves_even_with_a_vietnamese_slug(client, sections):
    street = StreetPageFactory(parent=sections["street"], title="Đường Đồng Khởi", slug="đồng-khởi")
    feature = features(client)[0]
    assert feature["properties"]["url"] == on_public_origin(street.url)
    assert "%C4%91" in feature["properties"]["url"]  # đ, percent-encoded as Wagtail does
    assert client.get(street.url).status_code == 200


def test_unpublished_private_and_other_sites_places_are_absent(client, sections, settings):
    SchoolPageFactory(parent=sections["school"], title="Công khai")
    SchoolPageFactory(parent=sections["school"], title="Bản nháp", live=False)
    restricted_index = StreetIndexPageFactory(parent=sections["school"].get_parent())
    StreetPageFactory(parent=restricted_index, title="Trong mục riêng tư")
    PageViewRestriction.objects.create(
        page=restricted_index, restriction_type=PageViewRestriction.LOGIN
    )
    other_home = HomePageFactory(title="Đoàn TNCS Hồ Chí Minh TP. Hà Nội")
    Site.objects.create(hostname="hanoi.sohoa.test", port=80, root_page=other_home)
    StreetPageFactory(
        parent=StreetIndexPageFactory(parent=other_home), title="Phố Hàng Bài", district="Hà Nội"
    )

    assert titles(client) == ["Công khai"]
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "hanoi.sohoa.test"]
    other = json.loads(client.get(URL, HTTP_HOST="hanoi.sohoa.test").content)["features"]
    assert [feature["properties"]["title"] for feature in other] == ["Phố Hàng Bài"]


def test_renditions_are_fetched_for_all_places_at_once(client, sections):
    def add(count):
        for n in range(count):
            SchoolPageFactory(parent=sections["school"], main_image=ImageFactory(), title=f"T{n}")

    def queries_for_a_filtered_collection():
        get(client, "?kind=school")  # renditions made once, as a template would make them
        with CaptureQueriesContext(connection) as context:
            places = features(client, "?kind=school")
        assert all(place["properties"]["image"] for place in places)
        return len(context.captured_queries), len(places)

    add(2)
    few = queries_for_a_filtered_collection()
    add(6)
    many = queries_for_a_filtered_collection()
    assert (few[1], many[1]) == (2, 8)
    assert many[0] == few[0] <= 6


# Filters -------------------------------------------------------------------------------------


@pytest.fixture
def mixed(sections, three_places):
    SchoolPageFactory(parent=sections["school"], title="Trường Quận 3", district="Quận 3")
    StreetPageFactory(
        parent=sections["street"], title="Đường Lý Tự Trọng", district="Quận 1, Quận 3"
    )
    NeighbourhoodOfficePageFactory(parent=sections["office"], title="Khu phố 1", district="Quận 10")
    return three_places


@pytest.mark.parametrize(
    "query, expected",
    [
        ("?kind=heritage", {"Hồ Gươm", "Lăng Bác", "Dinh Độc Lập"}),
        ("?kind=school&kind=office", {"Trường Quận 3", "Khu phố 1"}),
        ("?kind=school,street", {"Trường Quận 3", "Đường Lý Tự Trọng"}),
        ("?kind=School, Street,&kind=school", {"Trường Quận 3", "Đường Lý Tự Trọng"}),
        ("?kind=library", set()),
    ],
)
def test_kind_filter_repeated_or_comma_separated(client, mixed, query, expected):
    assert set(titles(client, query)) == expected


@pytest.mark.parametrize(
    "district, expected",
    [
        ("Quận 3", {"Trường Quận 3", "Đường Lý Tự Trọng"}),
        ("quan 3", {"Trường Quận 3", "Đường Lý Tự Trọng"}),
        ("  QUẬN   1 ", {"Dinh Độc Lập", "Đường Lý Tự Trọng"}),
        ("quận hoàn kiếm", {"Hồ Gươm"}),
        ("quan ba dinh", {"Lăng Bác"}),
        ("Quận 10", {"Khu phố 1"}),
        ("Quận 2", set()),
    ],
)
def test_district_filter_ignores_case_and_diacritics(client, mixed, district, expected):
    assert set(titles(client, f"?district={district}")) == expected


def test_bbox_keeps_places_inside_and_on_its_edges(client, sections):
    index = sections["heritage"]
    for title, lat, lng in [
        ("giữa", 10.78, 106.70),
        ("cạnh tây", 10.78, 106.69),
        ("cạnh bắc", 10.79, 106.70),
        ("góc đông nam", 10.77, 106.71),
        ("ngoài phía tây", 10.78, 106.689999),
        ("ngoài phía bắc", 10.790001, 106.70),
        ("Hà Nội", *HO_GUOM),
    ]:
        HeritageSitePageFactory(parent=index, title=title, location=wkt(lat, lng))
    inside = set(titles(client, "?bbox=106.69,10.77,106.71,10.79"))
    assert inside == {"giữa", "cạnh tây", "cạnh bắc", "góc đông nam"}
    # A world-wide Leaflet view reports longitudes past ±180.
    assert len(titles(client, "?bbox=-540,-85.05,540,85.05")) == 7


@pytest.mark.parametrize("near", [NEAR_HO_GUOM, NEAR_BEN_THANH])
def test_near_sorts_by_great_circle_distance_in_metres(client, three_places, near):
    places = features(client, f"?near={near[0]},{near[1]}")
    expected = VINCENTY_M[near]
    assert [place["properties"]["title"] for place in places] == list(expected)
    for place in places:
        distance = place["properties"]["distance_m"]
        assert isinstance(distance, int)
        assert distance == pytest.approx(expected[place["properties"]["title"]], rel=0.01)


def test_near_with_a_limit_reads_only_as_far_as_it_needs(client, three_places):
    nearest = features(client, f"?near={NEAR_HO_GUOM[0]},{NEAR_HO_GUOM[1]}&limit=2")
    assert [place["properties"]["title"] for place in nearest] == ["Hồ Gươm", "Lăng Bác"]
    one = features(client, f"?near={NEAR_BEN_THANH[0]},{NEAR_BEN_THANH[1]}&limit=1")
    assert [place["properties"]["title"] for place in one] == ["Dinh Độc Lập"]


def test_near_returns_fifty_places_unless_told(client, sections):
    index = sections["office"]
    for n in range(55):
        NeighbourhoodOfficePageFactory(
            parent=index, title=f"Khu phố {n}", location=wkt(10.70 + n / 1000, 106.70)
        )
    places = features(client, "?near=10.70,106.70")
    assert len(places) == 50
    assert [place["properties"]["title"] for place in places[:3]] == [
        "Khu phố 0",
        "Khu phố 1",
        "Khu phố 2",
    ]
    distances = [place["properties"]["distance_m"] for place in places]
    assert distances == sorted(distances)
    assert len(features(client, "?near=10.70,106.70&limit=500")) == 55
    assert len(features(client, "?limit=7")) == 7


def test_filters_combine(client, mixed):
    query = "?kind=heritage,street&district=quan 1&bbox=106.6,10.7,106.8,10.9&near=10.7725,106.698"
    places = features(client, query)
    assert [place["properties"]["title"] for place in places] == [
        "Dinh Độc Lập",
        "Đường Lý Tự Trọng",
    ]
    assert all("distance_m" in place["properties"] for place in places)
    # near within a bbox far from the point: the box is read whole, nearest first.
    far = features(client, "?bbox=105.8,21.0,105.9,21.1&near=10.7725,106.698")
    assert [place["properties"]["title"] for place in far] == ["Hồ Gươm", "Lăng Bác"]


# Bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, words",
    [
        ("?bbox=106.6,10.7,106.8", "bốn số"),
        ("?bbox=106.6,10.7,106.8,10.9,1", "bốn số"),
        ("?bbox=a,b,c,d", "bốn số"),
        ("?bbox=106.6,nan,106.8,10.9", "bốn số"),
        ("?bbox=106.6,10.7,106.8,inf", "bốn số"),
        ("?bbox=106.6,10.9,106.8,10.7", "cạnh nam"),
        ("?bbox=106.6,-100,106.8,10.7", "vĩ độ"),
        ("?bbox=106.8,10.7,106.6,10.9", "cạnh tây"),
        ("?near=200,106.7", "vĩ độ"),
        ("?near=10.7,190", "kinh độ"),
        ("?near=10.7", "vĩ độ và kinh độ"),
        ("?near=10.7;106.7", "vĩ độ và kinh độ"),
        ("?near=1e400,106", "vĩ độ và kinh độ"),
        ("?kind=unknown", "loại địa điểm “unknown”"),
        ("?kind=heritage,temple", "loại địa điểm “temple”"),
        ("?limit=abc", "số nguyên từ 1 đến 500"),
        ("?limit=0", "số nguyên từ 1 đến 500"),
        ("?limit=-3", "số nguyên từ 1 đến 500"),
        ("?limit=501", "số nguyên từ 1 đến 500"),
        ("?limit=2.5&near=10.7,106.7", "số nguyên từ 1 đến 500"),
    ],
)
def test_bad_input_is_a_400_saying_what_is_wrong_in_vietnamese(client, home_page, query, words):
    response = get(client, query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    error = json.loads(response.content)["error"]
    assert words in error


def test_empty_parameters_are_ignored_and_other_methods_refused(client, three_places):
    assert len(titles(client, "?kind=&bbox=&near=&limit=&district=")) == 3
    assert client.post(URL).status_code == 405


# Cache, conditional requests, compression ----------------------------------------------------


def test_the_whole_collection_is_cached_until_a_page_is_published(client, three_places):
    features(client)
    # Changed behind Wagtail's back (no signal): the cached collection is still served.
    Page.objects.filter(pk=three_places["Hồ Gươm"].pk).update(title="Hồ Hoàn Kiếm")
    assert "Hồ Gươm" in titles(client)

    site = HeritageSitePageFactory(
        parent=three_places["Hồ Gươm"].get_parent(), title="Nhà tù Hỏa Lò", live=False
    )
    assert "Nhà tù Hỏa Lò" not in titles(client)
    site.save_revision().publish()
    assert set(titles(client)) == {"Hồ Hoàn Kiếm", "Lăng Bác", "Dinh Độc Lập", "Nhà tù Hỏa Lò"}


def test_an_import_refreshes_the_collection(client, sections):
    import io

    from cms.importing import plan_import, read_sheet, run_import

    assert titles(client) == []
    sheet = (
        "Tên di tích,Loại di tích,Vĩ độ,Kinh độ\nNhà tù Hỏa Lò,Di tích lịch sử,21.0253,105.8466\n"
    )
    plan = plan_import(read_sheet(io.BytesIO(sheet.encode()), "di-tich.csv"), sections["heritage"])
    assert run_import(plan).created == 1
    assert titles(client) == ["Nhà tù Hỏa Lò"]


def test_unpublishing_deleting_moving_and_restricting_refresh_the_collection(
    client, sections, three_places
):
    features(client)
    three_places["Lăng Bác"].unpublish()
    assert set(titles(client)) == {"Hồ Gươm", "Dinh Độc Lập"}

    three_places["Hồ Gươm"].delete()
    assert titles(client) == ["Dinh Độc Lập"]

    dinh = three_places["Dinh Độc Lập"]
    new_home = HeritageIndexPageFactory(parent=sections["school"].get_parent(), title="Di tích 2")
    features(client)
    Page.objects.get(pk=dinh.pk).move(new_home, pos="last-child")
    dinh.refresh_from_db()
    assert features(client)[0]["properties"]["url"] == on_public_origin(dinh.url)
    assert dinh.url.startswith(new_home.url)

    PageViewRestriction.objects.create(page=new_home, restriction_type=PageViewRestriction.LOGIN)
    assert titles(client) == []


def test_a_cached_collection_costs_one_query_and_is_revalidated_by_etag(
    client, three_places, django_assert_max_num_queries
):
    first = get(client)
    assert first["Cache-Control"] == "public, max-age=60"
    assert first["Access-Control-Allow-Origin"] == "*"
    etag = first["ETag"]
    assert etag.startswith('W/"')
    with django_assert_max_num_queries(1):  # the site, found from the request
        again = get(client)
    assert again.content == first.content
    assert again["ETag"] == etag

    not_modified = get(client, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etag

    filtered = get(client, "?kind=heritage&near=10.7725,106.698")
    assert get(client, "?kind=heritage&near=10.7725,106.698").content == filtered.content
    revalidated = get(
        client, "?kind=heritage&near=10.7725,106.698", HTTP_IF_NONE_MATCH=filtered["ETag"]
    )
    assert revalidated.status_code == 304

    three_places["Lăng Bác"].save_revision().publish()
    assert get(client, HTTP_IF_NONE_MATCH=etag).status_code == 304  # nothing visible changed
    three_places["Lăng Bác"].title = "Lăng Chủ tịch Hồ Chí Minh"
    three_places["Lăng Bác"].save_revision().publish()
    assert get(client, HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.parametrize("query", ["", "?kind=heritage", "?near=10.7725,106.698"])
def test_gzip_when_the_client_accepts_it(client, three_places, query):
    plain = get(client, query)
    assert "Content-Encoding" not in plain
    assert "Accept-Encoding" in plain["Vary"]
    compressed = get(client, query, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert compressed.status_code == 200
    assert compressed["Content-Encoding"] == "gzip"
    assert compressed["Content-Type"] == GEOJSON
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain.content
    assert len(compressed.content) < len(plain.content)


def test_the_url_is_named(home_page):
    assert reverse("api_places") == URL
