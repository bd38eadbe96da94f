"""Against a real Elasticsearch 8: Vietnamese folding, autocomplete and typos, end to end.

Runs only when ELASTICSEARCH_URL names a server, e.g.
``ELASTICSEARCH_URL=http://127.0.0.1:9200 python -m pytest search/tests/test_elasticsearch_live.py``.
Each test builds its own indexes under a unique prefix with ``update_index`` and deletes them
afterwards, so a server that also holds a site's indexes is left as it was.

Queries name ``fields=["title"]`` where the point is Elasticsearch's own analyzer: the title is
indexed as the editor wrote it, so a match there proves the analyzer folded both sides (the
pages' folded copies, searched by default, would match even without it).
"""

import io
import os
import uuid

import pytest
from django.core.management import call_command
from django.test import override_settings
from modelsearch.query import Fuzzy, PlainText
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from cms.folding import fold
from heritage.models import HeritageSitePage, StreetPage
from heritage.tests.factories import (
    HeritageIndexPageFactory,
    HeritageSitePageFactory,
    StreetIndexPageFactory,
    StreetPageFactory,
)
from library.models import BookPage
from library.tests.factories import BookPageFactory, LibraryPageFactory
from search.elasticsearch import FOLDING_ANALYZER

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")

pytestmark = [
    pytest.mark.skipif(
        not ELASTICSEARCH_URL, reason="ELASTICSEARCH_URL is not set: no Elasticsearch server"
    ),
    pytest.mark.django_db,
]


def update_index():
    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())


@pytest.fixture
def es_backend(db):
    """The folding backend on the server, under an index prefix no one else uses."""
    prefix = f"sohoa_test_{uuid.uuid4().hex[:12]}_"
    backends = {
        "default": {
            "BACKEND": "search.elasticsearch",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": prefix,
            "TIMEOUT": 30,
        }
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        backend = get_search_backend()
        # Indexes (and mappings) exist before any page is saved, so nothing indexed on save
        # lands in an index Elasticsearch would create with its own default analyzer.
        update_index()
        try:
            yield backend
        finally:
            # Elasticsearch 8 refuses wildcard deletes by default: delete by concrete name
            # (an alias goes with its index).
            created = backend.es.indices.get(index=f"{prefix}*").body
            for name in created:
                backend.es.indices.delete(index=name)


@pytest.fixture
def pages(es_backend, home_page):
    street = StreetPageFactory(
        parent=StreetIndexPageFactory(parent=home_page), title="Đường Hoàng Hoa Thám"
    )
    site = HeritageSitePageFactory(
        parent=HeritageIndexPageFactory(parent=home_page), title="Địa đạo Củ Chi"
    )
    book = BookPageFactory(parent=LibraryPageFactory(parent=home_page), title="Dế Mèn phiêu lưu ký")
    update_index()
    return {"street": street.pk, "site": site.pk, "book": book.pk}


def found(model, query, **kwargs):
    """Primary keys of the hits (a plain Page hit never equals the specific page object)."""
    return [page.pk for page in model.objects.live().search(query, **kwargs)]


def completed(model, typed, **kwargs):
    return [page.pk for page in model.objects.live().autocomplete(typed, **kwargs)]


def analyzed(backend, text):
    response = backend.es.indices.analyze(
        index=backend.get_index_for_model(Page).name, analyzer=FOLDING_ANALYZER, text=text
    )
    return [token["token"] for token in response["tokens"]]


FOLDING_TABLE = [
    "Đường Hoàng Hoa Thám",
    "ĐỊA ĐẠO CỦ CHI",
    "Dế Mèn phiêu lưu ký",
    "Trường Tiểu học Bạch Đằng",
    "Độc lập",
    "Ơn nghĩa sinh thành",
    "Nguyễn Văn Bình",
]


@pytest.mark.parametrize("text", FOLDING_TABLE)
def test_the_server_folds_like_fold(es_backend, text):
    assert analyzed(es_backend, text) == fold(text).split()


@pytest.mark.parametrize(
    "query", ["duong hoang hoa tham", "Đường Hoàng Hoa Thám", "DUONG HOANG HOA THAM"]
)
def test_street_is_found_with_or_without_diacritics_and_in_capitals(pages, query):
    assert pages["street"] in found(StreetPage, query)
    assert pages["street"] in found(StreetPage, query, fields=["title"])
    assert pages["street"] in found(Page, query)


def test_d_stroke_meets_plain_d(pages):
    assert pages["site"] in found(HeritageSitePage, "dia dao cu chi", fields=["title"])
    assert pages["site"] in found(HeritageSitePage, "ĐỊA ĐẠO", fields=["title"])


def test_a_street_query_does_not_return_the_book(pages):
    assert pages["book"] not in found(BookPage, PlainText("duong hoang hoa tham"))


@pytest.mark.parametrize("typed", ["hoang ho", "Hoàng Ho", "HOANG HO"])
def test_autocomplete_finds_the_street_from_a_prefix(pages, typed):
    assert pages["street"] in completed(StreetPage, typed)
    assert pages["street"] in completed(StreetPage, typed, fields=["title"])
    assert pages["street"] in completed(Page, typed)


def test_one_swapped_letter_is_forgiven_by_a_fuzzy_query(pages):
    # "hoagn" is "hoang" with two letters swapped: no exact match, one edit away.
    assert found(StreetPage, PlainText("hoagn"), fields=["title"]) == []
    assert pages["street"] in found(StreetPage, Fuzzy("hoagn"), fields=["title"])
    assert pages["street"] in found(StreetPage, Fuzzy(fold("Hoàng Hao Thám")))
