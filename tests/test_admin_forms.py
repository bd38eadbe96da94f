"""What an editor sees when the admin refuses a page: the Vietnamese error, and nothing saved."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from heritage.models import NeighbourhoodOfficePage, StreetPage
from heritage.tests.factories import OfficeIndexPageFactory, StreetIndexPageFactory
from home.models import SchoolPage
from home.tests.factories import SchoolIndexPageFactory
from library.models import BookPage
from library.tests.factories import BookPageFactory, LibraryPageFactory, isbn13

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year
BANGKOK = "SRID=4326;POINT(100.501800 13.756300)"
HO_CHI_MINH_CITY = "SRID=4326;POINT(106.700900 10.776900)"
PAGE_STREAMFIELDS = ("body", "gallery", "related_pages")


def add_url(model, parent):
    return reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )


def page_form(title, slug, streamfields=(), **fields):
    """The create form's POST data: empty StreamFields unless given, then the fields."""
    data = {"title": title, "slug": slug, "summary": "", "search_description": ""}
    for name in (*PAGE_STREAMFIELDS, *streamfields):
        data[name] = streamfield([])
    data.update(fields)
    return nested_form_data(data)


def school_form(**fields):
    data = {
        "official_name": "Trường THPT Nguyễn Thị Minh Khai",
        "level": "thpt",
        "former_names": "",
        "name_meaning": rich_text(""),
        "traditions": rich_text(""),
        "achievements": inline_formset([]),
        "founded_year": "1913",
        "location": HO_CHI_MINH_CITY,
    }
    data.update(fields)
    return page_form(
        "Trường THPT Nguyễn Thị Minh Khai",
        "thpt-nguyen-thi-minh-khai",
        streamfields=("history", "videos"),
        **data,
    )


def book_form(title="Mắt biếc", slug="mat-biec", **fields):
    data = {
        "authors": "Nguyễn Nhật Ánh",
        "isbn": isbn13("978-604-1-11111"),
        "language": "vi",
        "grade_band": "thcs",
        "copies": "2",
        "code": "VH-00001",
    }
    data.update(fields)
    return page_form(title, slug, **data)


def post_and_get_errors(admin_client, model, parent, data):
    before = model.objects.count()
    response = admin_client.post(add_url(model, parent), data)
    return response, model.objects.count() - before


# Schools -----------------------------------------------------------------------------------


@pytest.fixture
def school_index(home_page):
    return SchoolIndexPageFactory(parent=home_page)


def test_a_valid_school_is_created_through_the_admin(admin_client, school_index):
    # Guards the form data below: without errors the same POST does create the page.
    response, created = post_and_get_errors(admin_client, SchoolPage, school_index, school_form())
    assert response.status_code == 302, response.context["form"].errors
    assert created == 1
    school = SchoolPage.objects.get(slug="thpt-nguyen-thi-minh-khai")
    assert (school.latitude, school.longitude) == pytest.approx((10.7769, 106.7009))


def test_a_school_located_outside_vietnam_is_refused_in_vietnamese(admin_client, school_index):
    response, created = post_and_get_errors(
        admin_client, SchoolPage, school_index, school_form(location=BANGKOK)
    )
    assert response.status_code == 200
    assert "nằm ngoài lãnh thổ Việt Nam" in response.content.decode()
    assert created == 0


def test_a_school_founded_in_the_future_is_refused_in_vietnamese(admin_client, school_index):
    response, created = post_and_get_errors(
        admin_client, SchoolPage, school_index, school_form(founded_year=str(THIS_YEAR + 1))
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "tương lai" in html
    assert str(THIS_YEAR + 1) in html
    assert created == 0


def test_a_school_with_a_bad_phone_and_negative_count_is_refused_in_vietnamese(
    admin_client, school_index
):
    response, created = post_and_get_errors(
        admin_client, SchoolPage, school_index, school_form(phone="12345", students="-5")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "không phải là số điện thoại hợp lệ" in html
    assert "students" in response.context["form"].errors
    # Django's own minimum check (Vietnamese catalogue) answers before the model's validator.
    assert "không được âm" in html or "lớn hơn hoặc bằng" in html
    assert created == 0


def test_a_school_achievement_in_the_future_is_refused_in_vietnamese(admin_client, school_index):
    achievements = inline_formset(
        [{"year": str(THIS_YEAR + 3), "title": "Giải Nhất", "level": "tinh"}]
    )
    response, created = post_and_get_errors(
        admin_client, SchoolPage, school_index, school_form(achievements=achievements)
    )
    assert response.status_code == 200
    assert "tương lai" in response.content.decode()
    assert created == 0


def test_a_history_event_before_year_1000_is_refused_in_vietnamese(admin_client, school_index):
    history = streamfield(
        [("event", {"year": "950", "title": "Truyền thuyết", "text": rich_text("")})]
    )
    response, created = post_and_get_errors(
        admin_client, SchoolPage, school_index, school_form(history=history)
    )
    assert response.status_code == 200
    # StreamField errors reach the editor as JSON for the block widgets.
    [error] = response.context["form"].errors["history"].as_data()
    shown = json.dumps(error.as_json_data(), ensure_ascii=False)
    assert "950" in shown and "1000" in shown and "không hợp lệ" in shown
    assert created == 0


# Books -------------------------------------------------------------------------------------


@pytest.fixture
def library(home_page):
    return LibraryPageFactory(parent=home_page)


def test_a_valid_book_is_created_through_the_admin(admin_client, library):
    response, created = post_and_get_errors(admin_client, BookPage, library, book_form())
    assert response.status_code == 302, response.context["form"].errors
    assert created == 1
    assert BookPage.objects.get(slug="mat-biec").code == "VH-00001"


def test_book_code_must_be_unique_within_a_library(admin_client, library):
    BookPageFactory(parent=library, code="VH-00001")
    response, created = post_and_get_errors(
        admin_client, BookPage, library, book_form(code="vh-00001")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "đã được dùng" in html
    assert "vh-00001" in html
    assert created == 0


def test_the_same_book_code_in_another_library_is_fine(admin_client, home_page, library):
    BookPageFactory(parent=library, code="VH-00001")
    other_library = LibraryPageFactory(parent=home_page)
    response, created = post_and_get_errors(
        admin_client, BookPage, other_library, book_form(code="VH-00001")
    )
    assert response.status_code == 302, response.context["form"].errors
    assert created == 1


def test_editing_a_book_keeps_its_own_code(admin_client, library):
    book = BookPageFactory(parent=library, code="VH-00009", title="Mắt biếc")
    data = book_form(code="VH-00009", title="Mắt biếc (tái bản)", slug=book.slug)
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[book.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    book.refresh_from_db()
    assert book.get_latest_revision_as_object().title == "Mắt biếc (tái bản)"


@pytest.mark.parametrize(
    "isbn, expected",
    [("0-306-40615-3", "chữ số kiểm tra"), ("12345", "10 hoặc 13")],
)
def test_a_book_with_a_bad_isbn_is_refused_in_vietnamese(admin_client, library, isbn, expected):
    response, created = post_and_get_errors(admin_client, BookPage, library, book_form(isbn=isbn))
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert created == 0


def test_a_book_published_in_the_future_is_refused_in_vietnamese(admin_client, library):
    response, created = post_and_get_errors(
        admin_client, BookPage, library, book_form(year=str(THIS_YEAR + 2))
    )
    assert response.status_code == 200
    assert "tương lai" in response.content.decode()
    assert created == 0


# Streets and offices -----------------------------------------------------------------------


def test_a_street_route_outside_vietnam_is_refused_in_vietnamese(admin_client, home_page):
    index = StreetIndexPageFactory(parent=home_page)
    data = page_form(
        "Đường Lê Lợi",
        "duong-le-loi",
        namesake="Lê Lợi",
        namesake_bio=rich_text(""),
        former_names="",
        local_specialties=rich_text(""),
        suggested_tours=rich_text(""),
        places=inline_formset([]),
        route_geojson='{"type": "LineString", "coordinates": [[106.70, 10.77], [100.50, 13.75]]}',
    )
    response, created = post_and_get_errors(admin_client, StreetPage, index, data)
    assert response.status_code == 200
    assert "nằm ngoài lãnh thổ Việt Nam" in response.content.decode()
    assert created == 0


def test_an_officer_with_an_invalid_phone_is_refused_in_vietnamese(admin_client, home_page):
    index = OfficeIndexPageFactory(parent=home_page)
    officers = inline_formset(
        [
            {
                "role": "truong_khu_pho",
                "role_other": "",
                "name": "Phạm Văn Đức",
                "phone": "0000000000",
            }
        ]
    )
    data = page_form(
        "Văn phòng Khu phố 1", "khu-pho-1", former_units="", phone="", officers=officers
    )
    response, created = post_and_get_errors(admin_client, NeighbourhoodOfficePage, index, data)
    assert response.status_code == 200
    assert "không phải là số điện thoại hợp lệ" in response.content.decode()
    assert created == 0
