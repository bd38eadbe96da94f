"""Elasticsearch 8 folds Vietnamese on both sides of every field: checked without a server.

Elasticsearch cannot run here, so these tests hold the backend to what it sends: the index
settings (the analyzers), the mapping (which analyzer each field names, for indexing and for
searching) and the query bodies. `test_elasticsearch_live.py` checks the same against a server
when ELASTICSEARCH_URL names one.
"""

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from django.test import override_settings
from modelsearch.index import get_indexed_models
from modelsearch.query import Boost, Fuzzy, Or, PlainText
from wagtail.search.backends import get_search_backend

from cms.folding import fold
from heritage.models import StreetPage
from library.models import BookPage
from search.elasticsearch import (
    EDGENGRAM_ANALYZER,
    FOLDING_ANALYZER,
    VietnameseElasticsearch8SearchBackend,
)

BASE_DIR = Path(__file__).resolve().parents[2]
# The discard port: nothing listens there, so any attempt to connect would fail loudly.
NO_SERVER = "http://127.0.0.1:9"
PROJECT_APPS = {"home", "library", "heritage"}
PAGE_MODELS = sorted(
    (m for m in get_indexed_models() if m._meta.app_label in PROJECT_APPS),
    key=lambda m: m._meta.label,
)


def es_backends(**options):
    return {
        "default": {
            "BACKEND": "search.elasticsearch",
            "URLS": [NO_SERVER],
            "INDEX_PREFIX": "sohoa_",
            **options,
        }
    }


@pytest.fixture
def backend():
    with override_settings(WAGTAILSEARCH_BACKENDS=es_backends()):
        yield get_search_backend()


def analyzer(backend, name):
    return backend.settings["settings"]["analysis"]["analyzer"][name]


def text_fields(properties, prefix=""):
    """(dotted name, mapping) of every text field, nested fields included."""
    for name, field in properties.items():
        if field.get("type") == "text":
            yield prefix + name, field
        if "properties" in field:
            yield from text_fields(field["properties"], prefix=f"{prefix}{name}.")


def query_body(results):
    return results.query_compiler.get_query()


# -- The backend the settings select ---------------------------------------------------------


def test_the_backend_is_built_from_settings_without_contacting_a_server(backend):
    assert isinstance(backend, VietnameseElasticsearch8SearchBackend)
    assert backend.get_index_for_model(StreetPage).name == "sohoa_wagtailcore_page"


def run_with_elasticsearch_url(args, **variables):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "ELASTICSEARCH_URL": NO_SERVER,
        **variables,
    }
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def test_elasticsearch_url_selects_the_folding_backend_and_index_prefix(tmp_path):
    # Production settings: what a deployment that sets ELASTICSEARCH_URL actually gets.
    result = run_with_elasticsearch_url(
        [
            "-c",
            "import django; django.setup(); "
            "from wagtail.models import Page; "
            "from wagtail.search.backends import get_search_backend; "
            "b = get_search_backend(); "
            "print(type(b).__name__, b.get_index_for_model(Page).name)",
        ],
        ELASTICSEARCH_INDEX="tinh_binh_duong",
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="x" * 64,
        ALLOWED_HOSTS="sohoa.example.vn",
        SITE_BASE_URL="https://sohoa.example.vn",
        DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "VietnameseElasticsearch8SearchBackend",
        "tinh_binh_duong_wagtailcore_page",
    ]


def test_django_check_passes_with_elasticsearch_url_set_and_no_server():
    result = run_with_elasticsearch_url(["manage.py", "check"])
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


# -- Index settings: the analyzers -----------------------------------------------------------


def test_folding_analyzer_lowercases_then_folds_with_the_standard_tokenizer(backend):
    assert analyzer(backend, FOLDING_ANALYZER) == {
        "type": "custom",
        "tokenizer": "standard",
        "filter": ["lowercase", "asciifolding"],
    }


def test_edgengram_analyzer_folds_before_cutting_prefixes(backend):
    chain = analyzer(backend, EDGENGRAM_ANALYZER)
    assert chain["tokenizer"] == "standard"
    assert chain["filter"] == ["lowercase", "asciifolding", "edgengram"]
    edgengram = backend.settings["settings"]["analysis"]["filter"]["edgengram"]
    assert edgengram["type"] == "edge_ngram"
    assert edgengram["min_gram"] == 1


def test_deployment_index_settings_merge_over_the_analyzers_without_replacing_them():
    extra = {"settings": {"index": {"number_of_replicas": 0}}}
    with override_settings(WAGTAILSEARCH_BACKENDS=es_backends(INDEX_SETTINGS=extra)):
        backend = get_search_backend()
    assert backend.settings["settings"]["index"]["number_of_replicas"] == 0
    assert backend.settings["settings"]["index"]["max_ngram_diff"] == 12
    assert analyzer(backend, FOLDING_ANALYZER)["filter"] == ["lowercase", "asciifolding"]
    # The class-level settings are a template: one backend's overrides do not leak into the next.
    assert (
        "number_of_replicas"
        not in VietnameseElasticsearch8SearchBackend.settings["settings"]["index"]
    )


# -- Mapping: which analyzer each field names -------------------------------------------------


def test_every_indexed_page_kind_of_the_project_is_checked():
    names = {m.__name__ for m in PAGE_MODELS}
    assert {"BookPage", "StreetPage", "HeritageSitePage", "SchoolPage"} <= names


@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda m: m._meta.label)
def test_every_text_field_indexes_and_searches_folded(backend, model):
    properties = backend.mapping_class(model).get_mapping()["properties"]
    fields = dict(text_fields(properties))
    assert fields, f"{model.__name__} has no text field"
    for name, field in fields.items():
        if name.endswith("_edgengrams"):
            assert field["analyzer"] == EDGENGRAM_ANALYZER, name
            assert field["search_analyzer"] == FOLDING_ANALYZER, name
        else:
            # Without a search_analyzer, Elasticsearch searches with the field's analyzer.
            assert field["analyzer"] == FOLDING_ANALYZER, name
            assert "search_analyzer" not in field, name


def test_book_mapping_folds_title_autocomplete_catch_all_and_nested_subject(backend):
    properties = backend.mapping_class(BookPage).get_mapping()["properties"]
    assert properties["title"]["analyzer"] == FOLDING_ANALYZER
    assert properties["_all_text"]["analyzer"] == FOLDING_ANALYZER
    assert properties["_all_text_boost_2_0"]["analyzer"] == FOLDING_ANALYZER
    for autocomplete in ("_edgengrams", "title_edgengrams"):
        assert properties[autocomplete] == {
            "type": "text",
            "analyzer": EDGENGRAM_ANALYZER,
            "search_analyzer": FOLDING_ANALYZER,
        }
    subject = properties["library_bookpage__subject"]
    assert subject["type"] == "nested"
    assert subject["properties"]["name"]["analyzer"] == FOLDING_ANALYZER


def test_street_mapping_folds_the_places_along_it(backend):
    properties = backend.mapping_class(StreetPage).get_mapping()["properties"]
    places = properties["heritage_streetpage__places"]["properties"]
    assert places["name"]["analyzer"] == FOLDING_ANALYZER
    assert places["address"]["analyzer"] == FOLDING_ANALYZER


def test_filter_fields_stay_exact_keywords(backend):
    properties = backend.mapping_class(StreetPage).get_mapping()["properties"]
    assert properties["title_filter"] == {"type": "keyword"}
    assert "analyzer" not in properties["heritage_streetpage__district_filter"]


# -- Queries: what is sent ------------------------------------------------------------------

STREET = "Đường Hoàng Hoa Thám"


def test_search_sends_the_folded_query_to_every_catch_all_field_without_overriding_analyzers(
    backend,
):
    body = query_body(backend.search(fold(STREET), StreetPage))
    match = body["bool"]["must"]["multi_match"]
    assert match["query"] == "duong hoang hoa tham"
    assert "_all_text" in match["fields"]
    assert "_all_text_boost_2_0^2.0" in match["fields"]
    # An "analyzer" in the query would take precedence over the fields' folding analyzer.
    assert "analyzer" not in match
    assert body["bool"]["filter"] == {"match": {"_django_content_type": "heritage.StreetPage"}}


def test_unfolded_query_is_sent_as_typed_for_the_server_to_fold(backend):
    match = query_body(backend.search(STREET, StreetPage))["bool"]["must"]["multi_match"]
    assert match["query"] == STREET
    assert "analyzer" not in match


@pytest.mark.parametrize("typed", ["hoang ho", "Hoàng Ho", "HOANG HO"])
def test_autocomplete_matches_the_edgengrams_field_whose_search_side_folds(backend, typed):
    body = query_body(backend.autocomplete(typed, StreetPage))
    assert body["bool"]["must"] == {"match": {"_edgengrams": {"query": typed}}}
    properties = backend.mapping_class(StreetPage).get_mapping()["properties"]
    assert properties["_edgengrams"]["search_analyzer"] == FOLDING_ANALYZER


def test_fuzzy_query_allows_typos_by_term_length(backend):
    body = query_body(backend.search(Fuzzy(fold("Hoàng Hao Thám")), StreetPage))
    match = body["bool"]["must"]["multi_match"]
    assert match == {
        "query": "hoang hao tham",
        "fuzziness": "AUTO",
        "fields": match["fields"],
    }
    assert "_all_text" in match["fields"]


def test_exact_words_can_outrank_fuzzy_ones_in_one_query(backend):
    query = fold("Hoàng Hoa Thám")
    body = query_body(backend.search(Or([Boost(PlainText(query), 2), Fuzzy(query)]), StreetPage))
    per_field = body["bool"]["must"]["dis_max"]["queries"]
    all_text = next(q for q in per_field if "_all_text" in q["bool"]["should"][0]["match"])
    exact, fuzzy = (clause["match"]["_all_text"] for clause in all_text["bool"]["should"])
    assert exact["boost"] == 2.0 and "fuzziness" not in exact
    assert fuzzy["fuzziness"] == "AUTO" and "boost" not in fuzzy


def test_autocomplete_does_not_accept_fuzzy_queries(backend):
    # Raised when the body is built, i.e. when results are first read: the service must not
    # pass Fuzzy to autocomplete().
    with pytest.raises(NotImplementedError):
        query_body(backend.autocomplete(Fuzzy("hoang"), StreetPage))


# -- fold(): the Python side of the same folding ----------------------------------------------

FOLDED = {
    "Đường": "duong",
    "ĐỊA ĐẠO": "dia dao",
    STREET: "duong hoang hoa tham",
    "DUONG HOANG HOA THAM": "duong hoang hoa tham",
    "Địa đạo Củ Chi": "dia dao cu chi",
    "Dế Mèn phiêu lưu ký": "de men phieu luu ky",
    "Trường Tiểu học Bạch Đằng": "truong tieu hoc bach dang",
    "Thư viện": "thu vien",
    "Độc lập": "doc lap",
    "Nguyễn Văn Bình": "nguyen van binh",
    "Ơn nghĩa sinh thành": "on nghia sinh thanh",
    "Lê Quý Đôn": "le quy don",
}


@pytest.mark.parametrize(("text", "expected"), FOLDED.items(), ids=FOLDED.keys())
def test_fold_lowercases_and_strips_marks_including_d_stroke(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize("text", ["Đường Hoàng Hoa Thám", "Ơn nghĩa sinh thành"])
def test_fold_treats_decomposed_text_like_precomposed(text):
    assert fold(unicodedata.normalize("NFD", text)) == fold(text)
