"""Public search: whatever a visitor types, they get a page of results, never an error page."""

import pytest

from cms.tests.html import visible_text
from heritage.tests.factories import StreetIndexPageFactory, StreetPageFactory

pytestmark = pytest.mark.django_db

HOSTILE_QUERIES = {
    "double-quote": '"',
    "unbalanced-quotes": '"Hoàng Hoa Thám',
    "single-quote": "Nhà thờ Đức Bà's",
    "star": "*",
    "prefix-star": "Hoàng*",
    "colon": "title:Hoàng",
    "bare-colon": ":",
    "parentheses": "(Lê Lợi",
    "closing-parenthesis": ")",
    "boolean-words": "AND OR NOT",
    "sql-injection": "' OR 1=1 --",
    "sql-drop": "'; DROP TABLE wagtailcore_page; --",
    "tsquery-operators": "a & | ! <-> b:*",
    "backslash": "\\",
    "percent-underscore": "100% _",
    "thousand-characters": "đường " * 166 + "abcd",
    "emoji": "🏫📚 trường",
    "only-emoji": "🇻🇳",
    "empty": "",
    "spaces": "     ",
    "nul-byte": "Lê\x00Lợi",
    "html": "<script>alert(1)</script>",
}


@pytest.fixture
def street(home_page):
    return StreetPageFactory(
        parent=StreetIndexPageFactory(parent=home_page), title="Đường Hoàng Hoa Thám"
    )


@pytest.mark.parametrize("query", HOSTILE_QUERIES.values(), ids=HOSTILE_QUERIES.keys())
def test_search_never_fails_whatever_is_typed(client, street, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html


@pytest.mark.parametrize("page_number", ["0", "-1", "abc", "99999", "1e9", ""])
def test_search_never_fails_whatever_page_number_is_asked(client, street, page_number):
    response = client.get("/search/", {"q": "Hoàng", "page": page_number})
    assert response.status_code == 200


def test_search_finds_a_page_by_a_word_of_its_title(client, street):
    response = client.get("/search/", {"q": "Hoàng Hoa Thám"})
    assert response.status_code == 200
    assert street.title in visible_text(response.content.decode())
    assert f'href="{street.url}"' in response.content.decode()


def test_search_does_not_show_unpublished_pages(client, home_page):
    index = StreetIndexPageFactory(parent=home_page)
    draft = StreetPageFactory(parent=index, title="Đường Bí Mật Chưa Công Bố", live=False)
    response = client.get("/search/", {"q": "Bí Mật"})
    assert response.status_code == 200
    assert draft.title not in visible_text(response.content.decode())
