"""The admin opens for every page kind, in Vietnamese, with its own copy of Leaflet."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from cms.tests.html import CDN_HOSTS, off_site_assets
from heritage.tests.factories import (
    HeritageIndexPageFactory,
    HeritageSitePageFactory,
    NeighbourhoodOfficePageFactory,
    OfficeIndexPageFactory,
    OfficerFactory,
    StreetIndexPageFactory,
    StreetPageFactory,
    StreetPlaceFactory,
)
from home.tests.factories import (
    MapPageFactory,
    SchoolAchievementFactory,
    SchoolIndexPageFactory,
    SchoolPageFactory,
)
from library.tests.factories import BookPageFactory, LibraryPageFactory

pytestmark = pytest.mark.django_db

KINDS = [
    "HomePage",
    "SchoolIndexPage",
    "SchoolPage",
    "LibraryPage",
    "BookPage",
    "StreetIndexPage",
    "StreetPage",
    "HeritageIndexPage",
    "HeritageSitePage",
    "OfficeIndexPage",
    "NeighbourhoodOfficePage",
    "MapPage",
]
LOCATED_KINDS = [
    "SchoolPage",
    "LibraryPage",
    "StreetPage",
    "HeritageSitePage",
    "NeighbourhoodOfficePage",
]


@pytest.fixture
def tree(home_page):
    """One page of every kind, each under a parent it is allowed under."""
    schools = SchoolIndexPageFactory(parent=home_page)
    school = SchoolPageFactory(parent=schools)
    SchoolAchievementFactory(page=school)
    library = LibraryPageFactory(parent=school)
    streets = StreetIndexPageFactory(parent=home_page)
    street = StreetPageFactory(parent=streets)
    StreetPlaceFactory(page=street)
    heritage = HeritageIndexPageFactory(parent=home_page)
    offices = OfficeIndexPageFactory(parent=home_page)
    office = NeighbourhoodOfficePageFactory(parent=offices)
    OfficerFactory(page=office)
    pages = {
        "HomePage": home_page,
        "SchoolIndexPage": schools,
        "SchoolPage": school,
        "LibraryPage": library,
        "BookPage": BookPageFactory(parent=library),
        "StreetIndexPage": streets,
        "StreetPage": street,
        "HeritageIndexPage": heritage,
        "HeritageSitePage": HeritageSitePageFactory(parent=heritage),
        "OfficeIndexPage": offices,
        "NeighbourhoodOfficePage": office,
        "MapPage": MapPageFactory(parent=home_page),
    }
    assert sorted(pages) == sorted(KINDS)
    return pages


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


@pytest.mark.parametrize("kind", KINDS)
def test_the_edit_view_of_each_kind_opens(admin_client, tree, kind):
    page = tree[kind]
    response = admin_client.get(edit_url(page))
    assert response.status_code == 200
    assert page.title in response.content.decode()


@pytest.mark.parametrize("kind", KINDS)
def test_the_create_view_of_each_kind_opens_under_its_parent(admin_client, tree, kind):
    page = tree[kind]
    parent = page.get_parent()
    model = page.specific_class
    url = reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )
    response = admin_client.get(url)
    assert response.status_code == 200
    assert 'id="page-edit-form"' in response.content.decode()


@pytest.mark.parametrize("kind", LOCATED_KINDS)
def test_the_map_in_the_editor_uses_the_self_hosted_leaflet(admin_client, tree, kind):
    html = admin_client.get(edit_url(tree[kind])).content.decode()
    assert "/static/vendor/leaflet/leaflet.js" in html
    assert "/static/vendor/leaflet/leaflet.css" in html
    assert not any(host in html for host in CDN_HOSTS)
    assert off_site_assets(html) == []


def test_the_admin_login_page_is_in_vietnamese(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert 'lang="vi"' in response.content.decode()


def test_the_admin_login_heading_and_button_say_dang_nhap(client, db):
    soup = BeautifulSoup(client.get("/admin/login/").content, "html.parser")
    assert "Đăng nhập" in soup.find("h1").get_text()
    assert "Đăng nhập" in soup.find("button", type="submit").get_text()


def test_anonymous_visitors_are_sent_to_the_login_page(client, tree):
    response = client.get(edit_url(tree["BookPage"]))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
