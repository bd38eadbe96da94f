"""The location widget in the page editor works in a real browser with only the site reachable."""

import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from heritage.models import HeritageIndexPage, OfficeIndexPage, StreetIndexPage
from home.models import HomePage, SchoolIndexPage

# The live server needs committed data, hence transactional tests.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

PASSWORD = "a-long-test-password-42"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("bientap", "bientap@example.vn", PASSWORD)


def sign_in(page, live_server):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "bientap")
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def home_page():
    """The home page, rebuilt if an earlier transactional test flushed the migrations' tree."""
    home = HomePage.objects.first()
    if home:
        return home
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant("vi"))
    root = Page.objects.filter(depth=1).first() or Page.add_root(
        instance=Page(title="Root", slug="root")
    )
    return root.add_child(instance=HomePage(title="Sohoa", slug="home"))


def parent_for(index_model):
    home = home_page()
    if index_model is None:
        return home
    return home.add_child(instance=index_model(title=str(index_model._meta.verbose_name)))


@pytest.mark.parametrize(
    ("parent_model", "page_type"),
    [
        (None, "library/librarypage"),
        (SchoolIndexPage, "home/schoolpage"),
        (StreetIndexPage, "heritage/streetpage"),
        (HeritageIndexPage, "heritage/heritagesitepage"),
        (OfficeIndexPage, "heritage/neighbourhoodofficepage"),
    ],
)
def test_location_is_picked_on_a_self_hosted_map(
    offline_page, live_server, editor, parent_model, page_type
):
    parent = parent_for(parent_model)
    page = offline_page
    sign_in(page, live_server)

    page.goto(f"{live_server.url}/admin/pages/add/{page_type}/{parent.pk}/")
    page.get_by_role("tab", name="Vị trí").click()
    page.focus("#id_location_latlng")
    map_element = page.locator("#id_location_map.leaflet-container")
    map_element.wait_for(state="visible")
    marker = page.locator("#id_location_map .leaflet-marker-icon")
    marker.wait_for(state="visible")
    map_element.scroll_into_view_if_needed()
    box = marker.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] - 4
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 40, y + 30, steps=8)
    page.mouse.up()

    page.wait_for_function("document.querySelector('#id_location').value.includes('POINT')")
    value = page.input_value("#id_location")
    match = re.match(r"SRID=4326;POINT\((-?[\d.]+) (-?[\d.]+)\)", value)
    assert match, value
    longitude, latitude = map(float, match.groups())
    assert 102 < longitude < 118 and 6 < latitude < 24
    # Leaflet itself came from the site; only map tiles were refused.
    assert not [url for url in page.blocked_urls if "leaflet" in url and ".js" in url]
    assert all("tile" in url for url in page.blocked_urls), page.blocked_urls
