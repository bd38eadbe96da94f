"""Library and book pages as a student who scanned a book spine sees them."""

import pytest

from cms.tests.html import page_html, visible_text
from home.tests.factories import SchoolIndexPageFactory, SchoolPageFactory
from library.tests.factories import BookPageFactory, LibraryPageFactory, SubjectFactory, isbn13

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(home_page):
    return LibraryPageFactory(
        parent=home_page,
        title="Thư viện Nhà văn hoá Phường Bến Nghé",
        opening_hours="Thứ 2 – Thứ 7: 7g30 – 20g00",
        phone="028 3829 1234",
    )


def test_library_page_shows_its_opening_hours_phone_and_live_books(client, library):
    book = BookPageFactory(parent=library, title="Tuổi thơ dữ dội")
    withdrawn = BookPageFactory(parent=library, title="Sách Đã Rút Khỏi Kệ", live=False)
    html = page_html(client, library)
    text = visible_text(html)
    assert library.title in text
    assert "7g30 – 20g00" in text
    assert 'href="tel:+84-28-3829-1234"' in html
    assert book.title in text
    assert f'href="{book.url}"' in html
    assert withdrawn.title not in text


def test_book_page_shows_its_catalogue_record(client, library):
    isbn = isbn13("978-604-2-09876")
    book = BookPageFactory(
        parent=library,
        title="Dế Mèn phiêu lưu ký",
        authors="Tô Hoài",
        translator="",
        publisher="NXB Kim Đồng",
        year=2019,
        isbn=isbn,
        code="VH-00042",
        call_number="895.9223 T450H",
        subject=SubjectFactory(name="Văn học thiếu nhi"),
    )
    html = page_html(client, book)
    text = visible_text(html)
    assert book.title in text
    assert "Tô Hoài" in text
    assert "NXB Kim Đồng" in text
    assert "2019" in text
    # The ISBN may be printed with or without hyphens; its digits must all be there, in order.
    assert isbn.replace("-", "") in text.replace("-", "")
    assert "VH-00042" in text
    assert "895.9223 T450H" in text
    assert "Văn học thiếu nhi" in text
    assert f'href="{library.url}"' in html


def test_a_school_library_and_its_books_are_served_under_the_school(client, home_page):
    school = SchoolPageFactory(parent=SchoolIndexPageFactory(parent=home_page))
    library = LibraryPageFactory(parent=school)
    book = BookPageFactory(parent=library, code="LQĐ-001")
    assert book.url.startswith(school.url)
    assert "LQĐ-001" in visible_text(page_html(client, book))
