"""Home, school and map pages as a visitor sees them."""

import pytest
from django.utils import translation

from cms.tests.html import CDN_HOSTS, off_site_assets, page_html, visible_text
from heritage.tests.factories import (
    HeritageIndexPageFactory,
    HeritageSitePageFactory,
    StreetIndexPageFactory,
    StreetPageFactory,
)
from home.tests.factories import (
    MapPageFactory,
    SchoolAchievementFactory,
    SchoolIndexPageFactory,
    SchoolPageFactory,
)
from library.tests.factories import LibraryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def schools(home_page):
    return SchoolIndexPageFactory(parent=home_page, title="Trường học trên địa bàn")


def test_home_page_shows_its_title_and_links_to_each_section(client, home_page, schools):
    streets = StreetIndexPageFactory(parent=home_page, title="Tuyến đường mang tên")
    html = page_html(client, home_page)
    assert home_page.title in visible_text(html)
    for section in (schools, streets):
        assert section.title in visible_text(html)
        assert f'href="{section.url}"' in html


def test_public_pages_declare_vietnamese_and_load_nothing_from_a_cdn(client, home_page):
    html = page_html(client, home_page)
    assert '<html lang="vi"' in html
    assert off_site_assets(html) == []
    assert not any(host in html for host in CDN_HOSTS)


def test_school_index_lists_its_live_schools_only(client, schools):
    open_school = SchoolPageFactory(parent=schools, title="Trường THCS Chu Văn An")
    draft_school = SchoolPageFactory(parent=schools, title="Trường THCS Chưa Công Bố", live=False)
    text = visible_text(page_html(client, schools))
    assert open_school.title in text
    assert draft_school.title not in text


def test_school_page_shows_its_official_name_founding_year_and_history(client, schools):
    school = SchoolPageFactory(
        parent=schools,
        title="Trường THPT Lê Quý Đôn",
        official_name="Trường Trung học phổ thông Lê Quý Đôn",
        founded_year=1874,
        former_names="Collège Chasseloup-Laubat\nTrường Jean-Jacques Rousseau",
        students=1620,
        scale_school_year="2024-2025",
    )
    SchoolAchievementFactory(page=school, year=2005, title="Danh hiệu Anh hùng Lao động")
    html = page_html(client, school)
    text = visible_text(html)
    assert "Trường Trung học phổ thông Lê Quý Đôn" in text
    assert "1874" in text
    assert "Collège Chasseloup-Laubat" in text
    assert "Danh hiệu Anh hùng Lao động" in text
    assert "2024-2025" in text
    assert "1.620" in text or "1620" in text
    with translation.override("vi"):
        assert str(school.get_level_display()) in text
    assert 'href="tel:+84' in html


def test_school_page_lists_the_library_it_owns(client, schools):
    school = SchoolPageFactory(parent=schools)
    library = LibraryPageFactory(parent=school, title="Thư viện Lê Quý Đôn")
    html = page_html(client, school)
    assert library.title in visible_text(html)
    assert f'href="{library.url}"' in html


def test_map_page_lists_every_located_page_for_readers_without_javascript(client, home_page):
    schools = SchoolIndexPageFactory(parent=home_page)
    school = SchoolPageFactory(parent=schools, title="Trường Tiểu học Bến Thành")
    site = HeritageSitePageFactory(
        parent=HeritageIndexPageFactory(parent=home_page), title="Dinh Độc Lập"
    )
    street = StreetPageFactory(
        parent=StreetIndexPageFactory(parent=home_page), title="Đường Đồng Khởi"
    )
    unlocated = SchoolPageFactory(parent=schools, title="Trường Chưa Có Toạ Độ", location="")
    map_page = MapPageFactory(parent=home_page)
    html = page_html(client, map_page)
    text = visible_text(html)
    for place in (school, site, street):
        assert place.title in text
        assert f'href="{place.url}"' in html
    assert unlocated.title not in text
    assert "/static/vendor/leaflet/leaflet.js" in html
    assert off_site_assets(html) == []
