"""What readers type finds what they mean, over the demo content, on every database engine."""

import pytest
from wagtail.models import Page

from cms.folding import fold
from search.query import Filters, autocomplete, clean_query, site_search

pytestmark = pytest.mark.django_db


# (what a reader types, the title of the page they mean)
QUERIES = [
    ("dinh doc lap", "Dinh Độc Lập"),
    ("Dinh Độc Lập", "Dinh Độc Lập"),
    ("DINH ĐỘC LẬP", "Dinh Độc Lập"),
    ("đinh đoc lap", "Dinh Độc Lập"),
    ("dia dao cu chi", "Địa đạo Củ Chi"),
    ("Địa đạo Củ Chi", "Địa đạo Củ Chi"),
    ("duong le loi", "Đường Lê Lợi"),
    ("Đường Lê Lợi", "Đường Lê Lợi"),
    ("nguyen thi minh khai", "Đường Nguyễn Thị Minh Khai"),
    ("duong nguyen hue", "Đường Nguyễn Huệ"),
    ("de men phieu luu ky", "Dế Mèn phiêu lưu ký"),
    ("Dế Mèn", "Dế Mèn phiêu lưu ký"),
    ("truyen kieu", "Truyện Kiều"),
    ("tat den", "Tắt đèn"),
    ("cho ben thanh", "Chợ Bến Thành"),
    ("chua giac lam", "Chùa Giác Lâm"),
    ("buu dien trung tam", "Bưu điện Trung tâm Sài Gòn"),
    ("bi thu chi doan", "Văn phòng Khu phố Mẫu"),  # an officer's role
]


def titles(outcome):
    return [hit.title for hit in outcome.hits]


@pytest.mark.parametrize(("typed", "expected"), QUERIES)
def test_reader_finds_the_page_they_mean_in_the_first_results(demo, typed, expected):
    found = titles(site_search(typed))
    assert any(fold(expected) in fold(title) for title in found[:3]), found[:5]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("dinh d", "Dinh Độc Lập"),
        ("le l", "Đường Lê Lợi"),
        ("nguyen thi m", "Đường Nguyễn Thị Minh Khai"),
        ("dia dao c", "Địa đạo Củ Chi"),
        ("Địa đạo C", "Địa đạo Củ Chi"),
        ("de men", "Dế Mèn phiêu lưu ký"),
    ],
)
def test_autocomplete_puts_the_meant_title_first(demo, typed, expected):
    suggestions = [item["title"] for item in autocomplete(typed)]
    assert suggestions and suggestions[0] == expected, suggestions


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("truyen kiue", "truyen kieu"),  # swapped letters
        ("dinh doc lapp", "dinh doc lap"),  # one letter too many
        ("chua giac lm", ""),  # words under four letters are left alone
        ("tuyen duongg", "tuyen duong"),
    ],
)
def test_a_typo_gets_a_did_you_mean_from_the_index(demo, typed, suggested):
    outcome = site_search(typed)
    assert outcome.total == 0 or outcome.fuzzy
    assert outcome.suggestion == suggested
    if suggested:
        assert site_search(outcome.suggestion).total > 0


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("truyen kiue", "Truyện Kiều"),  # swapped letters
        ("dinh doc lapp", "Dinh Độc Lập"),  # one letter too many
        ("chua giac lamm", "Chùa Giác Lâm"),
        ("dia dao cu chii", "Địa đạo Củ Chi"),
        ("buu dien trng tam", "Bưu điện Trung tâm Sài Gòn"),  # one letter missing
    ],
)
def test_one_typo_still_finds_the_page(demo, typed, expected):
    """Elasticsearch matches near words itself; the database engines search the query
    corrected from the index's words."""
    outcome = site_search(typed)
    assert outcome.fuzzy
    assert expected in titles(outcome)[:5]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("dinh doc l", "Dinh Độc Lập"),
        ("Tắt đè", "Tắt đèn"),
        ("cho ben tha", "Chợ Bến Thành"),
    ],
)
def test_a_half_typed_last_word_finds_titles_starting_so(demo, typed, expected):
    outcome = site_search(typed)
    assert expected in titles(outcome)[:3]


def test_a_query_that_matches_nothing_says_so(demo):
    outcome = site_search("xylophone quaternion")
    assert outcome.total == 0 and not outcome.fuzzy and outcome.hits == []


def test_kind_filter_narrows_and_counts_each_kind(demo):
    everything = site_search("sai gon")
    counts = {entry["kind"]: entry["count"] for entry in everything.kind_counts}
    assert sum(counts.values()) == everything.total
    books = site_search("sai gon", filters=Filters(kind="library.bookpage"))
    assert books.total == counts["library.bookpage"]
    assert {hit._meta.label_lower for hit in books.hits} == {"library.bookpage"}


def test_book_filters_count_subjects_and_grade_bands(demo):
    outcome = site_search("sach mau")
    subjects = {entry["value"]: entry["count"] for entry in outcome.facet_counts["subject"]}
    assert subjects
    subject, count = next(iter(subjects.items()))
    narrowed = site_search("sach mau", filters=Filters(subject=subject))
    assert narrowed.total == count
    assert all(hit.subject.slug == subject for hit in narrowed.hits)


def test_ranking_and_district_filters(demo):
    special = site_search("di tich", filters=Filters(ranking="quoc_gia_dac_biet"))
    assert {hit.title for hit in special.hits} >= {"Dinh Độc Lập", "Địa đạo Củ Chi"}
    district = site_search("duong", filters=Filters(district="Quận 1"))
    assert district.total > 0
    assert all(hit.specific.district == "Quận 1" for hit in district.hits)


def test_publishing_unpublishing_and_deleting_change_what_is_found(demo):
    street = Page.objects.get(title="Đường Lê Lợi").specific
    street.title = "Đường Lê Lợi Xanh Mướt"
    street.save_revision().publish()
    assert "Đường Lê Lợi Xanh Mướt" in titles(site_search("xanh muot"))
    street.unpublish()
    assert "Đường Lê Lợi Xanh Mướt" not in titles(site_search("xanh muot"))
    street.save_revision().publish()
    assert "Đường Lê Lợi Xanh Mướt" in titles(site_search("xanh muot"))
    street.delete()
    assert "Đường Lê Lợi Xanh Mướt" not in titles(site_search("xanh muot"))


@pytest.mark.parametrize(
    "typed",
    [
        "",
        " ",
        '"',
        'a"b',
        "*",
        ":",
        "(",
        ")",
        "-",
        "NEAR",
        "AND",
        "OR NOT",
        "'; DROP TABLE x; --",
        "1 OR 1=1",
        "x" * 1000,
        "🙂 đường",
        "Đường 路 улица",
        "\x00",
        "title:le",
        "le*",
        "(le lợi)",
    ],
)
def test_any_input_answers_200(client, demo, typed):
    assert client.get("/search/", {"q": typed}).status_code == 200
    response = client.get("/api/search/", {"q": typed})
    assert response.status_code == 200
    assert response.json()["query"] == clean_query(typed) or response.json()["results"] is not None
    assert client.get("/api/search/autocomplete/", {"q": typed}).status_code == 200


def test_api_returns_hits_with_kind_summary_links_and_location(client, demo):
    body = client.get("/api/search/", {"q": "dinh doc lap"}).json()
    hit = next(hit for hit in body["results"] if hit["title"] == "Dinh Độc Lập")
    assert hit["kind"] == "heritage.heritagesitepage"
    assert hit["url"] == "https://sohoa.test/di-tich/dinh-doc-lap/"
    assert hit["qr_url"].startswith("https://sohoa.test/q/")
    assert 10 < hit["location"]["lat"] < 11
    assert body["total"] >= 1 and body["page"] == 1


def test_api_book_hits_name_their_library_and_ebook(client, demo):
    body = client.get("/api/search/", {"q": "truyen kieu", "kind": "library.bookpage"}).json()
    assert body["results"]
    assert all("library" in hit and "has_ebook" in hit for hit in body["results"])


def test_search_page_keeps_the_query_and_marks_matches(client, demo):
    html = client.get("/search/", {"q": "dinh doc lap"}).content.decode()
    assert 'value="dinh doc lap"' in html
    assert "<mark>Dinh</mark>" in html
    assert "<mark>Độc</mark>" in html


def test_no_results_page_suggests_a_spelling(client, demo):
    html = client.get("/search/", {"q": "truyen kiue"}).content.decode()
    assert "truyen kieu" in html


def test_a_title_match_outranks_a_mention_in_the_text(demo):
    found = titles(site_search("sai gon"))
    assert "Sài Gòn" in found[0]


def test_exact_diacritics_rank_at_least_as_high_as_folded_matches(home_page):
    from heritage.tests.factories import StreetIndexPageFactory, StreetPageFactory

    index = StreetIndexPageFactory(parent=home_page, title="Phố", slug="pho")
    for title in ["Đường Dương Bá Trạc", "Đường Dương Quảng Hàm", "Dương Đường"]:
        StreetPageFactory(parent=index, title=title).save_revision().publish()
    exact = titles(site_search("Đường Dương"))
    folded = titles(site_search("duong duong"))
    assert set(exact) == set(folded)
    assert exact[0] == "Dương Đường" or exact.index("Dương Đường") <= folded.index("Dương Đường")
