"""search.database: Wagtail's database backend with its relevance ordering replaced.

The replaced query must return what modelsearch's own query returns — the same pages, the
filters of the queryset kept, slices consistent with the whole — only faster.
"""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText

from heritage.models import HeritageSitePage, StreetPage
from search.database import SearchBackend

pytestmark = pytest.mark.django_db


def pks(results):
    return [page.pk for page in results]


def test_the_site_uses_it():
    assert type(get_search_backend()).__module__ == "search.database"
    assert isinstance(get_search_backend(), type(SearchBackend({})))


@pytest.mark.parametrize("typed", ["sai gon", "duong", "di tich quoc gia", "sach mau"])
def test_ranked_results_are_the_unranked_results_reordered(demo, typed):
    pages = Page.objects.live().public()
    ranked = pages.search(PlainText(typed, operator="and"))
    unranked = pages.search(PlainText(typed, operator="and"), order_by_relevance=False)
    assert ranked.count() == unranked.count() > 0
    assert sorted(pks(ranked)) == sorted(pks(unranked))


def test_slices_are_windows_of_the_whole_ranking(demo):
    results = Page.objects.live().search("duong")
    whole = pks(results)
    assert len(whole) > 6
    assert pks(results[2:5]) == whole[2:5]
    assert pks(results[5:]) == whole[5:]
    assert results[0].pk == whole[0]


def test_a_title_outranks_a_mention_in_the_text(demo):
    results = Page.objects.live().search(PlainText("giac lam", operator="and"))
    assert results[0].title == "Chùa Giác Lâm"


def test_the_querysets_filters_hold(demo):
    quan_1 = pks(StreetPage.objects.live().filter(district="Quận 1").search("duong"))
    assert quan_1
    assert set(StreetPage.objects.filter(pk__in=quan_1).values_list("district", flat=True)) == {
        "Quận 1"
    }
    draft = HeritageSitePage.objects.get(title="Dinh Độc Lập")
    draft.unpublish()
    assert draft.pk not in pks(Page.objects.live().search("dinh doc lap"))


def test_scores_are_attached_when_asked(demo):
    results = Page.objects.live().search("duong").annotate_score("relevance")
    scores = [page.relevance for page in results[:5]]
    assert all(isinstance(score, float) for score in scores)


def test_autocomplete_ranks_too(demo):
    suggestions = Page.objects.live().autocomplete("dia dao c")
    assert "Địa đạo Củ Chi" in [page.title for page in suggestions[:5]]


def test_autocomplete_puts_titles_starting_with_the_typed_text_first(demo):
    from cms.folding import fold

    titles = [fold(page.title) for page in Page.objects.live().autocomplete("d")]
    starting = [title.startswith("d") for title in titles]
    assert any(starting) and not all(starting)
    assert starting == sorted(starting, reverse=True), titles


@pytest.mark.parametrize("typed", ['"', 'le" OR "x', "*", "^", "a:b", "NEAR(", "đường"])
def test_autocomplete_takes_any_text(demo, typed):
    list(Page.objects.live().autocomplete(typed)[:5])


def test_the_autocomplete_index_follows_renames_and_deletions(demo):
    def suggested(typed):
        return [page.title for page in Page.objects.live().autocomplete(typed)[:10]]

    street = StreetPage.objects.get(title="Đường Lê Lợi")
    street.title = "Đường Xoài Mít"
    street.save_revision().publish()
    assert "Đường Xoài Mít" in suggested("xoai m")
    street.title = "Đường Chôm Chôm"
    street.save_revision().publish()
    assert suggested("xoai m") == []
    assert "Đường Chôm Chôm" in suggested("chom ch")
    street.delete()
    assert suggested("chom ch") == []


def test_specific_and_deferred_querysets_keep_their_shape(demo):
    specific = Page.objects.live().specific().search("dinh doc lap")
    assert all(type(page) is not Page for page in specific[:5])
    assert any(isinstance(page, HeritageSitePage) for page in specific[:5])
    titles_only = Page.objects.live().only("pk", "title").search("dinh doc lap")
    assert titles_only[0].get_deferred_fields() >= {"path", "slug"}


def test_a_page_saved_again_is_indexed_with_its_new_text(demo):
    street = StreetPage.objects.get(title="Đường Lê Lợi")
    assert "xyzzy" not in street.folded_text()  # computed once and kept...
    street.former_names = "Đường Đỗ Xyzzy"
    street.save()  # ...until the page is saved
    # "do" meets "Đỗ" in the folded text only.
    assert street.pk in pks(StreetPage.objects.live().search(PlainText("do xyzzy", operator="and")))


def test_a_full_rebuild_keeps_search_working(demo):
    # On PostgreSQL the rebuild ends by analysing the index table (AnalyzeAfterRebuildMixin).
    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
    assert "Dinh Độc Lập" in [page.title for page in Page.objects.live().search("dinh doc lap")]
    assert "Địa đạo Củ Chi" in [page.title for page in Page.objects.live().autocomplete("dia d")]
