"""English that Wagtail writes literally in its admin templates or its maps' Leaflet.

templates/wagtailadmin/ overrides the few Wagtail templates whose English no catalogue reaches.
Each copy is pinned to the Wagtail template it was made from: when an upgrade changes one, the
test below fails, and the copy is made again from the new template with the same change.
"""

import hashlib
import re
from pathlib import Path

import pytest
import wagtail
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from cms.geo import RouteEditorWidget, SelfHostedLeafletField
from home.tests.factories import SchoolIndexPageFactory, SchoolPageFactory

WAGTAIL_TEMPLATES = Path(wagtail.__file__).parent / "admin" / "templates" / "wagtailadmin"
OUR_TEMPLATES = settings.BASE_DIR / "templates" / "wagtailadmin"

# Template: (the first 16 hex digits of the SHA-256 of Wagtail 8.0's template, what we changed).
OVERRIDES = {
    "home.html": ("7eb3ee7b5a9d1355", 'the search button\'s value="Search"'),
    "shared/header.html": ("37d78005e6612711", 'the search button\'s value="Search"'),
    "shared/headers/_actions.html": ("facea723b6b91762", 'aria-label="Actions"'),
    "tables/boolean_cell.html": ("f52d1f7945b2b176", "True/False/None as the icon's title"),
    "pages/listing/_page_title_column_header.html": (
        "6edca9f62c0dd844",
        "the page search's count ending in \"None\" (extends Wagtail's)",
    ),
}


# Wagtail's custom branding (blocks made to be overridden, not copies): "Sohoa", not "Wagtail".
BRANDING = {"admin_base.html", "login.html"}


def test_every_override_is_listed_here():
    ours = {str(path.relative_to(OUR_TEMPLATES)) for path in OUR_TEMPLATES.rglob("*.html")}
    assert ours == set(OVERRIDES) | BRANDING


def test_the_admin_is_branded_sohoa(db, admin_client):
    login = Client().get("/admin/login/").content.decode()
    assert "<title>Đăng nhập - Sohoa</title>" in " ".join(login.split()).replace("> ", ">")
    assert "Đăng nhập Sohoa" in login
    dashboard = admin_client.get("/admin/").content.decode()
    assert "- Sohoa</title>" in dashboard and "- Wagtail</title>" not in dashboard


@pytest.mark.parametrize("name", sorted(OVERRIDES))
def test_the_overridden_wagtail_template_is_the_one_we_copied(name):
    pinned, change = OVERRIDES[name]
    digest = hashlib.sha256((WAGTAIL_TEMPLATES / name).read_bytes()).hexdigest()[:16]
    assert digest == pinned, (
        f"Wagtail changed wagtailadmin/{name}: make templates/wagtailadmin/{name} again from "
        f"the new one, redo the change ({change}), then pin {digest} here."
    )


@pytest.mark.parametrize(
    "name,english",
    [
        ("home.html", 'value="Search"'),
        ("shared/header.html", 'value="Search"'),
        ("shared/headers/_actions.html", 'aria-label="Actions"'),
        ("tables/boolean_cell.html", "stringformat:'s'"),
    ],
)
def test_the_copies_differ_from_wagtails_where_wagtail_wrote_english(name, english):
    assert english in (WAGTAIL_TEMPLATES / name).read_text()
    assert english not in (OUR_TEMPLATES / name).read_text()


def test_the_admin_search_buttons_and_actions_menu_are_vietnamese(admin_client, home_page):
    dashboard = admin_client.get("/admin/").content.decode()
    assert 'value="Tìm kiếm"' in dashboard and 'value="Search"' not in dashboard
    chooser = admin_client.get("/admin/choose-page/").json()["html"]
    assert 'value="Tìm kiếm"' in chooser and 'value="Search"' not in chooser
    explorer = admin_client.get(f"/admin/pages/{home_page.pk}/").content.decode()
    assert 'aria-label="Thao tác"' in explorer and 'aria-label="Actions"' not in explorer


@pytest.mark.parametrize("value,title", [(True, "Có"), (False, "Không"), (None, "Chưa xác định")])
def test_a_yes_no_cell_says_yes_or_no_in_vietnamese(value, title):
    with translation.override("vi"):
        html = render_to_string(
            "wagtailadmin/tables/boolean_cell.html", {"value": value, "column": None}
        )
    assert " ".join(html.split()).count(f'<span class="w-sr-only"> {title} </span>') == 1
    assert not {"True", "False", "None"} & set(html.split())


def title_column_header(client, query, url="/admin/pages/search/"):
    html = client.get(url, query).content.decode()
    header = re.search(r'<th class="title"[^>]*>(.*?)</th>', html, re.DOTALL).group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", header).split())


@pytest.mark.parametrize("count", [1, 2])
def test_the_page_search_counts_pages(admin_client, home_page, count):
    index = SchoolIndexPageFactory(parent=home_page, title="Trường học")
    for number in range(count):
        SchoolPageFactory(parent=index, title=f"Trường Sơn Ca {number}")
    header = title_column_header(admin_client, {"q": "Sơn Ca"})
    assert f"1-{count} trong tổng số {count} trang" in header
    assert "None" not in header


def test_the_explorers_search_count_is_wagtails_own(admin_client, home_page):
    """The explorer names what it lists (and where): the override steps aside."""
    index = SchoolIndexPageFactory(parent=home_page, title="Trường học")
    SchoolPageFactory(parent=index, title="Trường Sơn Ca")
    header = title_column_header(admin_client, {"q": "Sơn Ca"}, f"/admin/pages/{index.pk}/")
    assert (
        header == "Tiêu đề 1-1 trong tổng số 1 trang trong “ Trường học ”. Tìm trên toàn trang web"
    )


def test_the_admin_maps_load_vietnamese_zoom_titles_after_leaflet():
    for media in (SelfHostedLeafletField().media, RouteEditorWidget().media):
        scripts = [str(script) for script in media._js]
        assert (
            scripts.index("js/admin-leaflet.js") == scripts.index("vendor/leaflet/leaflet.js") + 1
        )


def test_the_admin_javascript_catalogue_has_the_zoom_titles(admin_client):
    catalogue = admin_client.get("/admin/jsi18n/").content.decode()
    assert '"Zoom in": "Ph\\u00f3ng to"' in catalogue
    assert '"Zoom out": "Thu nh\\u1ecf"' in catalogue
