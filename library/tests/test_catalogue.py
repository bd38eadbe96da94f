"""A library's catalogue as a student browses it on a phone: filters with counts, Vietnamese
sort orders, pages of 24, covers, and a fixed number of queries whatever the library's size."""

import datetime
import importlib

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.tests.factories import DocumentFactory, ImageFactory
from library.catalogue import BOOKS_PER_PAGE
from library.models import GradeBand
from library.sort_keys import sort_key
from library.tests.factories import BookPageFactory, LibraryPageFactory, SubjectFactory
from tests.conftest import browser  # noqa: F401  (Debian's Chromium, shared with tests/)

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(home_page):
    return LibraryPageFactory(parent=home_page, title="Thư viện Trường THCS Lê Quý Đôn")


@pytest.fixture
def literature():
    return SubjectFactory(name="Văn học thử", slug="van-hoc-thu")


@pytest.fixture
def science():
    return SubjectFactory(name="Khoa học thử", slug="khoa-hoc-thu")


def get_catalogue(client, library, **params):
    response = client.get(library.url, params)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def listed_titles(soup):
    return [title.get_text(strip=True) for title in soup.select(".catalogue-list .book-title")]


def titles(client, library, **params):
    return listed_titles(get_catalogue(client, library, **params))


def choice_count(soup, name, value):
    """The count shown next to one filter choice, or None when the choice is not offered."""
    box = soup.find("input", attrs={"name": name, "value": value})
    if box is None:
        return None
    return int(box.find_parent("label").select_one(".count").get_text().strip("()"))


def checked_value(soup, name):
    box = soup.find("input", attrs={"name": name, "checked": True})
    return box["value"] if box else None


# Filters ---------------------------------------------------------------------------------------


def test_subject_filter_lists_only_books_of_that_subject_with_counts(
    client, library, literature, science
):
    BookPageFactory(parent=library, title="Tắt đèn", subject=literature)
    BookPageFactory(parent=library, title="Số đỏ", subject=literature)
    BookPageFactory(parent=library, title="Vũ trụ trong vỏ hạt dẻ", subject=science)
    BookPageFactory(parent=library, title="Sổ tay không chủ đề", subject=None)

    soup = get_catalogue(client, library, subject=literature.slug)

    assert sorted(listed_titles(soup)) == ["Số đỏ", "Tắt đèn"]
    assert checked_value(soup, "subject") == literature.slug
    assert choice_count(soup, "subject", literature.slug) == 2
    assert choice_count(soup, "subject", science.slug) == 1
    assert choice_count(soup, "subject", "") == 4  # “All”, books without a subject included


def test_grade_band_filter_lists_only_books_of_that_band(client, library):
    BookPageFactory(parent=library, title="Toán lớp 7", grade_band=GradeBand.LOWER_SECONDARY)
    BookPageFactory(parent=library, title="Tiếng Việt 3", grade_band=GradeBand.PRIMARY)
    BookPageFactory(parent=library, title="Tiếng Việt 4", grade_band=GradeBand.PRIMARY)

    soup = get_catalogue(client, library, grade_band=GradeBand.PRIMARY)

    assert sorted(listed_titles(soup)) == ["Tiếng Việt 3", "Tiếng Việt 4"]
    assert choice_count(soup, "grade_band", GradeBand.PRIMARY) == 2
    assert choice_count(soup, "grade_band", GradeBand.LOWER_SECONDARY) == 1
    # A band no book of the library has is not offered.
    assert choice_count(soup, "grade_band", GradeBand.UPPER_SECONDARY) is None


def test_ebook_filter_counts_uploaded_files_and_reading_links(client, library):
    BookPageFactory(parent=library, title="Có tệp PDF", ebook=DocumentFactory())
    BookPageFactory(parent=library, title="Có đường dẫn đọc", reading_url="https://sach.vn/doc")
    BookPageFactory(parent=library, title="Chỉ có sách giấy")

    soup = get_catalogue(client, library, ebook="1")

    assert sorted(listed_titles(soup)) == ["Có tệp PDF", "Có đường dẫn đọc"]
    assert choice_count(soup, "ebook", "1") == 2
    assert soup.find("input", attrs={"name": "ebook"}).has_attr("checked")


@pytest.mark.parametrize(
    "typed",
    ["nguyen nhat anh", "Nguyễn Nhật Ánh", "NGUYEN NHAT", "nhat anh", "ngu nh"],
)
def test_author_filter_finds_names_typed_with_or_without_diacritics(client, library, typed):
    BookPageFactory(parent=library, title="Mắt biếc", authors="Nguyễn Nhật Ánh")
    BookPageFactory(parent=library, title="Hai người bạn", authors="Tô Hoài, Nguyễn Nhật Ánh")
    BookPageFactory(parent=library, title="Dế Mèn phiêu lưu ký", authors="Tô Hoài")

    assert sorted(titles(client, library, author=typed)) == ["Hai người bạn", "Mắt biếc"]


def test_author_filter_matches_the_start_of_words_and_d_with_stroke(client, library):
    BookPageFactory(parent=library, title="Truyện Kiều", authors="Nguyễn Du")
    BookPageFactory(parent=library, title="Thơ Thanh Tâm", authors="Thanh Tâm")
    BookPageFactory(parent=library, title="Thơ Đặng Trần Côn", authors="Đặng Trần Côn")

    # “anh” is not the start of a word of “Thanh Tâm”; “dang” finds “Đặng”.
    assert titles(client, library, author="anh") == []
    assert titles(client, library, author="dang tran") == ["Thơ Đặng Trần Côn"]


def test_each_filter_count_keeps_the_other_filters(client, library, literature, science):
    primary, secondary = GradeBand.PRIMARY, GradeBand.LOWER_SECONDARY
    BookPageFactory(parent=library, subject=literature, grade_band=primary, ebook=DocumentFactory())
    BookPageFactory(parent=library, subject=literature, grade_band=primary)
    BookPageFactory(parent=library, subject=literature, grade_band=secondary)
    BookPageFactory(parent=library, subject=science, grade_band=primary)

    soup = get_catalogue(client, library, subject=literature.slug, grade_band=primary)

    assert len(listed_titles(soup)) == 2
    # Subjects are counted among primary-school books, bands among literature books.
    assert choice_count(soup, "subject", literature.slug) == 2
    assert choice_count(soup, "subject", science.slug) == 1
    assert choice_count(soup, "grade_band", primary) == 2
    assert choice_count(soup, "grade_band", secondary) == 1
    assert choice_count(soup, "ebook", "1") == 1


def test_search_box_finds_this_library_books_only_typed_without_diacritics(client, library):
    other_library = LibraryPageFactory(parent=library.get_parent())
    BookPageFactory(parent=library, title="Đất rừng phương Nam", authors="Đoàn Giỏi")
    BookPageFactory(parent=library, title="Quê nội", authors="Võ Quảng")
    BookPageFactory(parent=other_library, title="Đất rừng phương Nam", authors="Đoàn Giỏi")

    soup = get_catalogue(client, library, q="dat rung")

    assert listed_titles(soup) == ["Đất rừng phương Nam"]
    assert soup.select_one("#catalogue-q")["value"] == "dat rung"


def test_search_box_finds_a_half_typed_last_word(client, library):
    BookPageFactory(parent=library, title="Quê nội", authors="Võ Quảng")
    BookPageFactory(parent=library, title="Tuổi thơ dữ dội")

    assert titles(client, library, q="que no") == ["Quê nội"]


def test_search_combines_with_filters_and_counts_only_matches(client, library, literature):
    BookPageFactory(parent=library, title="Truyện cổ tích Việt Nam", subject=literature)
    BookPageFactory(parent=library, title="Truyện cười dân gian")
    BookPageFactory(parent=library, title="Lịch sử Việt Nam", subject=literature)

    soup = get_catalogue(client, library, q="truyen", subject=literature.slug)

    assert listed_titles(soup) == ["Truyện cổ tích Việt Nam"]
    assert choice_count(soup, "subject", "") == 2  # both “truyện” books, whatever the subject


def test_an_unpublished_book_is_not_listed_or_counted(client, library, literature):
    BookPageFactory(parent=library, title="Đã xuất bản", subject=literature)
    BookPageFactory(parent=library, title="Bản nháp chưa duyệt", subject=literature, live=False)

    soup = get_catalogue(client, library)

    assert listed_titles(soup) == ["Đã xuất bản"]
    assert choice_count(soup, "subject", literature.slug) == 1
    assert "Bản nháp chưa duyệt" not in titles(client, library, q="ban nhap")


def test_filters_are_kept_in_sort_and_page_links(client, library, literature):
    for number in range(BOOKS_PER_PAGE + 1):
        BookPageFactory(parent=library, title=f"Sách {number}", subject=literature)

    soup = get_catalogue(client, library, subject=literature.slug, author="to hoai", sort="year")

    for link in soup.select(".catalogue-sort a, .catalogue-pages a"):
        assert f"subject={literature.slug}" in link["href"]
        assert "author=to+hoai" in link["href"]
    next_link = soup.select_one(".catalogue-pages a[rel=next]")
    assert "sort=year" in next_link["href"] and "page=2" in next_link["href"]
    # The form keeps the sort order when filters change.
    assert soup.find("input", attrs={"name": "sort", "type": "hidden"})["value"] == "year"


def test_reading_preferences_are_kept_when_the_filter_form_is_sent(client, library):
    BookPageFactory(parent=library)

    form = get_catalogue(client, library, text="lg", contrast="high").select_one(".catalogue-form")

    assert form.find("input", attrs={"type": "hidden", "name": "text"})["value"] == "lg"
    assert form.find("input", attrs={"type": "hidden", "name": "contrast"})["value"] == "high"


# Sorting ---------------------------------------------------------------------------------------

VIETNAMESE_TITLE_ORDER = [
    "An Hà",
    "Anh em",
    "Ánh trăng",
    "Dế Mèn phiêu lưu ký",
    "Dòng sông",
    "Đà Lạt",
    "Đất rừng phương Nam",
    "Em bé",
    "Tập 2",
    "Tập 10",
]


def test_title_order_is_vietnamese_with_d_stroke_after_d(client, library):
    for title in reversed(VIETNAMESE_TITLE_ORDER):
        BookPageFactory(parent=library, title=title)

    assert titles(client, library) == VIETNAMESE_TITLE_ORDER
    assert titles(client, library, sort="title") == VIETNAMESE_TITLE_ORDER


def test_author_order_is_vietnamese_and_books_without_author_come_last(client, library):
    BookPageFactory(parent=library, title="Không tác giả", authors="")
    BookPageFactory(parent=library, title="Sách của Đoàn Giỏi", authors="Đoàn Giỏi")
    BookPageFactory(parent=library, title="Sách của Duy Khán", authors="Duy Khán")
    BookPageFactory(parent=library, title="Sách của Anh Đức", authors="Anh Đức")

    assert titles(client, library, sort="author") == [
        "Sách của Anh Đức",
        "Sách của Duy Khán",
        "Sách của Đoàn Giỏi",
        "Không tác giả",
    ]


def test_year_order_is_newest_publication_first_and_unknown_years_last(client, library):
    BookPageFactory(parent=library, title="Không rõ năm", year=None)
    BookPageFactory(parent=library, title="In năm 1990", year=1990)
    BookPageFactory(parent=library, title="In năm 2020", year=2020)

    assert titles(client, library, sort="year") == ["In năm 2020", "In năm 1990", "Không rõ năm"]


def test_newest_order_is_most_recently_added_first(client, library):
    now = timezone.now()
    for days_ago, title in [(30, "Thêm tháng trước"), (0, "Thêm hôm nay"), (7, "Thêm tuần trước")]:
        book = BookPageFactory(parent=library, title=title)
        type(book).objects.filter(pk=book.pk).update(
            first_published_at=now - datetime.timedelta(days=days_ago)
        )

    assert titles(client, library, sort="newest") == [
        "Thêm hôm nay",
        "Thêm tuần trước",
        "Thêm tháng trước",
    ]


def test_renaming_a_book_moves_it_in_the_title_order(client, library):
    BookPageFactory(parent=library, title="Bông sen")
    book = BookPageFactory(parent=library, title="Cánh diều")
    book.title = "Ánh trăng"
    book.save_revision().publish()

    assert titles(client, library) == ["Ánh trăng", "Bông sen"]


def test_search_results_come_best_match_first_unless_another_order_is_chosen(client, library):
    BookPageFactory(parent=library, title="Cẩm nang", summary="Lời khuyên về tuổi thơ.")
    BookPageFactory(parent=library, title="Tuổi thơ dữ dội", summary="Tiểu thuyết.")

    soup = get_catalogue(client, library, q="tuoi tho")
    assert listed_titles(soup)[0] == "Tuổi thơ dữ dội"
    assert "sort=relevance" in soup.select_one(".catalogue-sort a[aria-current]")["href"]
    assert titles(client, library, q="tuoi tho", sort="title") == ["Cẩm nang", "Tuổi thơ dữ dội"]


def test_sort_key_puts_d_stroke_after_every_d_word_and_numbers_by_value():
    ordered = ["Dzũng", "Đà", "Ðà (U+00D0)", "Đỗ", "E"]
    assert sorted(ordered, key=sort_key)[:2] == ["Dzũng", "Đà"]
    assert sort_key("Đà") == sort_key("Ðà")
    assert sort_key("Tập 2") < sort_key("Tập 10")
    assert sort_key("A\u0301nh") == sort_key("Ánh") == sort_key("Anh")
    # Letters and digits only: no collation can reorder the key by ignoring punctuation.
    assert sort_key("“Tuổi thơ” – dữ dội!").isalnum()


def test_books_saved_before_the_catalogue_keys_existed_get_them_from_the_migration(client, library):
    fill_keys = importlib.import_module("library.migrations.0003_catalogue_keys")
    for title in ["Đà Lạt", "Dế Mèn", "Em bé"]:
        BookPageFactory(parent=library, title=title, authors="Đoàn Giỏi")
    BookPage = apps.get_model("library", "BookPage")
    BookPage.objects.update(title_sort_key="", authors_sort_key=None, folded_authors="")

    fill_keys.fill_keys_of_existing_books(apps, schema_editor=None)

    assert titles(client, library) == ["Dế Mèn", "Đà Lạt", "Em bé"]
    assert len(titles(client, library, author="doan gioi")) == 3


# Pagination ------------------------------------------------------------------------------------


@pytest.fixture
def thirty_books(library):
    return [BookPageFactory(parent=library, title=f"Sách số {number:02d}") for number in range(30)]


def test_a_page_holds_24_books_and_the_next_page_the_rest(client, library, thirty_books):
    first = titles(client, library)
    second = titles(client, library, page="2")

    assert len(first) == BOOKS_PER_PAGE
    assert len(second) == 30 - BOOKS_PER_PAGE
    assert first + second == [f"Sách số {number:02d}" for number in range(30)]


@pytest.mark.parametrize(
    ("asked", "shown"),
    [("abc", 1), ("", 1), ("0", 1), ("-3", 1), ("1e9", 1), ("2", 2), ("99999", 2), ("9" * 40, 2)],
)
def test_a_bad_page_number_falls_back_to_the_nearest_page(
    client, library, thirty_books, asked, shown
):
    soup = get_catalogue(client, library, page=asked)

    current = soup.select_one(".catalogue-pages a[aria-current=page]")
    assert current.get_text(" ", strip=True).endswith(str(shown))
    assert len(listed_titles(soup)) == (BOOKS_PER_PAGE if shown == 1 else 30 - BOOKS_PER_PAGE)


def test_page_links_mark_the_current_page_and_offer_previous_and_next(client, library):
    for number in range(BOOKS_PER_PAGE * 5):
        BookPageFactory(parent=library, title=f"Sách {number:03d}")

    soup = get_catalogue(client, library, page="3")

    pages = soup.select_one("nav.catalogue-pages")
    assert pages.select_one("a[aria-current=page]").get_text(" ", strip=True).endswith("3")
    assert "page=2" in pages.select_one("a[rel=prev]")["href"]
    assert "page=4" in pages.select_one("a[rel=next]")["href"]
    linked = {a.get_text(" ", strip=True).split()[-1] for a in pages.select("ol a")}
    assert {"1", "2", "3", "4", "5"} <= linked


# Bad input -------------------------------------------------------------------------------------

IGNORED_PARAMS = {
    "unknown-subject": {"subject": "khong-co-chu-de-nay"},
    "path-as-subject": {"subject": "../../etc/passwd"},
    "nul-in-subject": {"subject": "van\x00hoc"},
    "long-subject": {"subject": "a" * 5000},
    "unknown-grade-band": {"grade_band": "dai_hoc"},
    "ebook-not-1": {"ebook": "yes"},
    "unknown-sort": {"sort": "price"},
    "relevance-without-search": {"sort": "relevance"},
    "blank-author": {"author": "   "},
    "punctuation-author": {"author": "%_*"},
    "only-operators-search": {"q": "AND OR"},
}


@pytest.mark.parametrize("params", IGNORED_PARAMS.values(), ids=IGNORED_PARAMS.keys())
def test_an_invalid_parameter_is_ignored(client, library, params):
    BookPageFactory(parent=library, title="Bông sen")
    BookPageFactory(parent=library, title="Ánh trăng")

    assert titles(client, library, **params) == ["Ánh trăng", "Bông sen"]


HOSTILE_TEXT = ['"', "' OR 1=1 --", "a & | ! <-> b:*", "Lê\x00Lợi", "đường " * 300, "🇻🇳", "(x"]


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_whatever_is_typed_in_the_boxes_the_page_answers(client, library, text):
    BookPageFactory(parent=library, title="Bông sen", authors="Sơn Tùng")

    get_catalogue(client, library, q=text)
    get_catalogue(client, library, author=text)


# Covers ----------------------------------------------------------------------------------------


def test_covers_are_lazy_webp_thumbnails_with_their_size_and_a_placeholder_without(client, library):
    BookPageFactory(
        parent=library, title="Có bìa", cover_image=ImageFactory(file__width=400, file__height=600)
    )
    BookPageFactory(parent=library, title="Không bìa", cover_image=None)

    soup = get_catalogue(client, library)

    with_cover, without_cover = soup.select(".catalogue-list .book-item")
    image = with_cover.select_one(".book-cover img")
    assert image["src"].endswith(".webp")
    assert (image["width"], image["height"]) == ("120", "180")
    assert image["loading"] == "lazy"
    assert without_cover.select_one(".book-cover img") is None
    assert without_cover.select_one(".book-cover .book-cover-none") is not None


# Speed -----------------------------------------------------------------------------------------


def add_books(library, count, subject):
    for _ in range(count):
        BookPageFactory(
            parent=library,
            subject=subject,
            authors="Tô Hoài",
            cover_image=ImageFactory(),
            reading_url="https://sach.vn/doc",
        )


@pytest.fixture
def no_rendition_cache(settings):
    """No cache to find renditions in: a cold or per-process cache must not be what keeps
    the query count flat (Wagtail looks renditions up in the default cache first)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def queries_to_show(client, library, params):
    """Queries of one catalogue page, once the covers' renditions exist (the first visit
    makes them, like any first visit after an upload)."""
    get_catalogue(client, library, **params)
    with CaptureQueriesContext(connection) as queries:
        get_catalogue(client, library, **params)
    return len(queries)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"page": "2"},
        {"sort": "author"},
        {"author": "to hoai", "grade_band": GradeBand.PRIMARY, "ebook": "1"},
        {"q": "de men"},
        {"q": "de men", "sort": "title"},
    ],
    ids=["default", "page-2", "by-author", "filters", "search", "search-by-title"],
)
def test_queries_per_page_do_not_grow_with_the_books_shown_or_held(
    client, library, literature, params, no_rendition_cache
):
    params = {"subject": literature.slug, **params}
    add_books(library, 3, literature)
    few = queries_to_show(client, library, params)

    add_books(library, 2 * BOOKS_PER_PAGE + 5, literature)
    many = queries_to_show(client, library, params)

    assert len(titles(client, library, **params)) == BOOKS_PER_PAGE
    assert many == few


# In a browser --------------------------------------------------------------------------------


@pytest.fixture
def phone_without_javascript(browser, live_server):  # noqa: F811
    """A 360 px wide phone with JavaScript off, reaching only the site."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
        java_script_enabled=False,
        locale="vi-VN",
    )
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(live_server.url) else route.abort()
        ),
    )
    yield context.new_page()
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_phone_without_javascript_filters_sorts_and_pages_the_catalogue(
    phone_without_javascript, live_server, library, literature
):
    for number in range(BOOKS_PER_PAGE + 2):
        BookPageFactory(parent=library, title=f"Truyện {number:02d}", subject=literature)
    BookPageFactory(parent=library, title="Vật lý vui", authors="Nguyễn Nhật Ánh")
    page = phone_without_javascript

    page.goto(f"{live_server.url}{library.url}")
    page.locator(".catalogue-filters summary").click()
    page.locator(f"input[name=subject][value={literature.slug}]").check()
    page.locator("input[name=author]").fill("to hoai")
    page.locator(".catalogue-filters button[type=submit]").click()
    page.wait_for_url(lambda url: f"subject={literature.slug}" in url)

    assert page.locator(".catalogue-list .book-item").count() == BOOKS_PER_PAGE
    assert "Vật lý vui" not in page.locator(".catalogue-list").inner_text()
    page.locator(".catalogue-pages a[rel=next]").click()
    page.wait_for_url(lambda url: "page=2" in url and "author=to+hoai" in url)
    assert page.locator(".catalogue-list .book-item").count() == 2
    # Nothing of the catalogue is wider than the phone: no sideways scrolling.
    for part in (".catalogue-form", ".catalogue-sort", ".catalogue-list", ".catalogue-pages"):
        box = page.locator(part).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, part
