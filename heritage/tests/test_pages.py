"""Street, heritage-site and neighbourhood-office pages as a resident who scanned a plate sees
them."""

import pytest
from django.utils import translation

from cms.tests.html import page_html, visible_text
from heritage.models import HeritageRanking
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

pytestmark = pytest.mark.django_db


INDEXES = {
    "streets": (StreetIndexPageFactory, StreetPageFactory, "Đường Nguyễn Thị Minh Khai"),
    "heritage": (HeritageIndexPageFactory, HeritageSitePageFactory, "Dinh Độc Lập"),
    "offices": (
        OfficeIndexPageFactory,
        NeighbourhoodOfficePageFactory,
        "Khu phố 7, Phường Tân Định",
    ),
}


@pytest.mark.parametrize("section", INDEXES)
def test_each_index_lists_its_live_children_only(client, home_page, section):
    index_factory, child_factory, title = INDEXES[section]
    index = index_factory(parent=home_page)
    child = child_factory(parent=index, title=title)
    draft = child_factory(parent=index, title="Trang Chưa Công Bố", live=False)
    html = page_html(client, index)
    assert index.title in visible_text(html)
    assert child.title in visible_text(html)
    assert f'href="{child.url}"' in html
    assert draft.title not in visible_text(html)


def test_street_page_shows_its_namesake_former_names_and_places_along_it(client, home_page):
    street = StreetPageFactory(
        parent=StreetIndexPageFactory(parent=home_page),
        title="Đường Hoàng Hoa Thám",
        namesake="Hoàng Hoa Thám (1858–1913)",
        former_names="Đường Phan Đình Phùng\nĐường số 7",
        decision_number="QĐ 24/2001/QĐ-UB",
        length_m=2350,
        start_point="Ngã tư Bảy Hiền",
        end_point="Cầu Bông",
    )
    StreetPlaceFactory(page=street, name="Chợ Hoàng Hoa Thám", category="cho")
    text = visible_text(page_html(client, street))
    assert "Hoàng Hoa Thám (1858–1913)" in text
    assert "Đường Phan Đình Phùng" in text
    assert "QĐ 24/2001/QĐ-UB" in text
    assert "2.350" in text or "2350" in text
    assert "Ngã tư Bảy Hiền" in text and "Cầu Bông" in text
    assert "Chợ Hoàng Hoa Thám" in text


@pytest.mark.parametrize("ranking", list(HeritageRanking), ids=lambda r: r.value)
def test_heritage_site_page_shows_its_ranking_label(client, home_page, ranking):
    site = HeritageSitePageFactory(
        parent=HeritageIndexPageFactory(parent=home_page),
        title="Bến Nhà Rồng",
        ranking=ranking,
        other_names="Nhà Rồng\nBảo tàng Hồ Chí Minh – Chi nhánh TP. Hồ Chí Minh",
        fee="Miễn phí",
    )
    text = visible_text(page_html(client, site))
    with translation.override("vi"):
        ranking_label = str(site.get_ranking_display())
        kind_label = str(site.get_kind_display())
    assert ranking_label in text
    assert kind_label in text
    assert "Bảo tàng Hồ Chí Minh – Chi nhánh TP. Hồ Chí Minh" in text
    assert "Miễn phí" in text


def test_heritage_ranking_labels_are_vietnamese():
    with translation.override("vi"):
        assert str(HeritageRanking.SPECIAL_NATIONAL.label) == "Di tích quốc gia đặc biệt"
        assert str(HeritageRanking.PROVINCIAL.label) == "Di tích cấp tỉnh"


def test_office_page_shows_its_officers_with_tap_to_call_links(client, home_page):
    office = NeighbourhoodOfficePageFactory(
        parent=OfficeIndexPageFactory(parent=home_page),
        title="Văn phòng Khu phố 3",
        ward="Phường Bến Thành",
        phone="028 3822 4567",
        former_units="Khu phố 5\nKhu phố 6",
    )
    OfficerFactory(page=office, name="Trần Thị Hoa", phone="0912345678")
    OfficerFactory(page=office, name="Lê Văn Nam", phone="", role="cong_an_khu_vuc")
    html = page_html(client, office)
    text = visible_text(html)
    assert "Trần Thị Hoa" in text
    assert "Lê Văn Nam" in text
    assert 'href="tel:+84-912-345-678"' in html
    assert 'href="tel:+84-28-3822-4567"' in html
    assert "Phường Bến Thành" in text
    assert "Khu phố 5" in text and "Khu phố 6" in text
