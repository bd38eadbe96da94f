"""Browsing one library's catalogue: filters with counts, Vietnamese sort orders, pages of 24.

Everything is decided in the database, in a fixed number of queries whatever the size of the
library or of the page: one count per filter group (the count next to each choice is how many
books that choice would show with the other filters kept), one count and one slice for the
page, and the covers of the page with their renditions in two more.

Parameters come from the query string and are checked here; a value that is not a choice (an
unknown subject, a made-up sort order, a page number that is not one) is ignored, never an
error.
"""

import re
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch, Q, TextChoices
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.search.query import PlainText

from library.models import BookPage, GradeBand, Subject
from search.query import (
    FACET_SCAN_LIMIT_ELASTICSEARCH,
    clean_query,
    displayable_query,
    id_set,
    scored_matches,
)

BOOKS_PER_PAGE = 24
# The cover rendition that book_item.html asks for; prefetched with each page of books.
COVER_FILTER_SPEC = "fill-120x180|format-webp"
MAX_TEXT_LENGTH = 100
SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")
# "Has an e-book": an uploaded file or a link to read it online.
WITH_EBOOK = Q(ebook__isnull=False) | ~Q(reading_url="")


class SortOrder(TextChoices):
    TITLE = "title", _("Title A–Z")
    NEWEST = "newest", _("Newest added")
    YEAR = "year", _("Publication year")
    AUTHOR = "author", _("Author")
    RELEVANCE = "relevance", _("Best match")


# The key and page id end every order, so that a page boundary never falls between two books
# that compare equal and a book shows on two pages or none. Vietnamese order comes from the
# keys that library.sort_keys stores on each book (Đ after D, diacritics ignored).
ORDERINGS = {
    SortOrder.TITLE: ("title_sort_key", "pk"),
    SortOrder.NEWEST: (F("first_published_at").desc(nulls_last=True), "-pk"),
    SortOrder.YEAR: (F("year").desc(nulls_last=True), "title_sort_key", "pk"),
    SortOrder.AUTHOR: (F("authors_sort_key").asc(nulls_last=True), "title_sort_key", "pk"),
}


@dataclass(frozen=True)
class CatalogueParams:
    """What the reader asked for, checked: invalid values are already dropped."""

    query: str = ""  # as typed, shown back in the search box
    author: str = ""  # as typed
    subject: str = ""  # slug of an existing subject
    subject_id: int | None = None
    subject_name: str = ""
    grade_band: str = ""
    ebook: bool = False
    sort: str = SortOrder.TITLE
    page: str = "1"

    @property
    def folded_query(self):
        return clean_query(self.query)

    @property
    def author_words(self):
        return clean_query(self.author).split()

    @property
    def has_filters(self):
        return bool(
            self.folded_query
            or self.author_words
            or self.subject_id
            or self.grade_band
            or self.ebook
        )


def _subject(slug):
    """(id, name) of the subject with this slug, or (None, '')."""
    if not SLUG_RE.match(slug):
        return None, ""
    return Subject.objects.filter(slug=slug).values_list("pk", "name").first() or (None, "")


def read_params(params):
    """CatalogueParams from a query string (a QueryDict or a dict)."""
    query = displayable_query(params.get("q"))[:MAX_TEXT_LENGTH]
    subject = (params.get("subject") or "").strip()
    subject_id, subject_name = _subject(subject) if subject else (None, "")
    grade_band = params.get("grade_band") or ""
    # Best match is the natural order of a search, and means nothing without one.
    searching = bool(clean_query(query))
    sort = params.get("sort") or ""
    if sort not in SortOrder.values or (sort == SortOrder.RELEVANCE and not searching):
        sort = SortOrder.RELEVANCE if searching else SortOrder.TITLE
    return CatalogueParams(
        query=query,
        author=displayable_query(params.get("author"))[:MAX_TEXT_LENGTH],
        subject=subject if subject_id else "",
        subject_id=subject_id,
        subject_name=subject_name,
        grade_band=grade_band if grade_band in GradeBand.values else "",
        ebook=params.get("ebook") == "1",
        sort=SortOrder(sort),
        page=str(params.get("page") or "1"),
    )


def ranked_ids(results):
    """Primary keys of search results, best first."""
    scored = scored_matches(results)
    if scored is not None:  # the database backends: one pass over the index
        return [pk for pk, *_ in scored]
    return [page.pk for page in results[:FACET_SCAN_LIMIT_ELASTICSEARCH]]


def matching_book_ids(books, folded_query):
    """Keys of the books matching a folded query, best first, through the site's search
    backend: every word, or else titles starting with what was typed (a half-typed word),
    the first two attempts of the site search."""
    attempts = (
        lambda: books.search(PlainText(folded_query, operator="and")),
        lambda: books.autocomplete(folded_query),
    )
    for attempt in attempts:
        ids = ranked_ids(attempt())
        if ids:
            return ids
    return []


def narrowed(books, params, matching_ids=None, *, without=None):
    """`books` narrowed by every filter of `params` except the group named by `without`."""
    if params.subject_id and without != "subject":
        books = books.filter(subject_id=params.subject_id)
    if params.grade_band and without != "grade_band":
        books = books.filter(grade_band=params.grade_band)
    if params.ebook and without != "ebook":
        books = books.filter(WITH_EBOOK)
    # Each word starts a word of an author's name (folded_authors puts a space before each).
    for word in params.author_words:
        books = books.filter(folded_authors__contains=f" {word}")
    if matching_ids is not None:
        books = books.filter(pk__in=id_set(matching_ids))
    return books


@dataclass
class Choice:
    value: str
    label: str
    count: int
    selected: bool = False


def _all_choice(count, selected):
    return Choice(value="", label=_("All"), count=count, selected=selected)


def subject_choices(books, params, matching_ids):
    """“All” and every subject with books under the other filters (and the one chosen)."""
    rows = (
        narrowed(books, params, matching_ids, without="subject")
        .order_by()
        .values("subject_id", "subject__slug", "subject__name", "subject__sort_order")
        .annotate(count=Count("pk"))
    )
    rows = list(rows)
    choices = [
        Choice(
            value=row["subject__slug"],
            label=row["subject__name"],
            count=row["count"],
            selected=row["subject_id"] == params.subject_id,
        )
        for row in sorted(
            (row for row in rows if row["subject_id"] is not None),
            key=lambda row: (row["subject__sort_order"], row["subject__name"]),
        )
    ]
    if params.subject_id and not any(choice.selected for choice in choices):
        choices.append(Choice(params.subject, params.subject_name, 0, selected=True))
    total = sum(row["count"] for row in rows)
    return [_all_choice(total, not params.subject_id), *choices]


def grade_band_choices(books, params, matching_ids):
    """“All” and each grade band with books under the other filters, in school order."""
    counts = dict(
        narrowed(books, params, matching_ids, without="grade_band")
        .order_by()
        .values_list("grade_band")
        .annotate(count=Count("pk"))
    )
    choices = [
        Choice(band.value, band.label, counts.get(band.value, 0), params.grade_band == band.value)
        for band in GradeBand
        if counts.get(band.value) or params.grade_band == band.value
    ]
    return [_all_choice(sum(counts.values()), not params.grade_band), *choices]


def ebook_choice(books, params, matching_ids):
    """The “has an e-book” box, counted under the other filters."""
    counts = narrowed(books, params, matching_ids, without="ebook").aggregate(
        with_ebook=Count("pk", filter=WITH_EBOOK)
    )
    return Choice("1", _("Only books with an e-book"), counts["with_ebook"], params.ebook)


def sort_choices(params):
    orders = [order for order in SortOrder if order != SortOrder.RELEVANCE]
    if params.folded_query:
        orders.insert(0, SortOrder.RELEVANCE)
    return [Choice(order.value, order.label, 0, params.sort == order) for order in orders]


def for_display(books):
    """Books as the list shows them: subject joined, cover and its rendition prefetched,
    StreamFields (body, gallery) left in the database."""
    covers = get_image_model().objects.prefetch_renditions(COVER_FILTER_SPEC)
    return (
        books.defer_streamfields()
        .select_related("subject")
        .prefetch_related(Prefetch("cover_image", queryset=covers))
    )


def page_of(paginator, number):
    """The page asked for; not a number gives the first page, beyond either end the nearest."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1
    return paginator.page(min(max(number, 1), paginator.num_pages))


def paginate_in_rank_order(books, ranked, number):
    """A page of `books` in search rank order: the keys of the filtered matches are read in one
    query and ordered here, and only the page's books are fetched."""
    kept = set(books.values_list("pk", flat=True))
    paginator = Paginator([pk for pk in ranked if pk in kept], BOOKS_PER_PAGE)
    page = page_of(paginator, number)
    found = for_display(BookPage.objects.filter(pk__in=page.object_list)).in_bulk()
    page.object_list = [found[pk] for pk in page.object_list if pk in found]
    return page


def paginate_sorted(books, order, number):
    paginator = Paginator(for_display(books.order_by(*ORDERINGS[order])), BOOKS_PER_PAGE)
    page = page_of(paginator, number)
    page.object_list = list(page.object_list)
    return page


@dataclass
class Catalogue:
    params: CatalogueParams
    page: object  # a Paginator page of BookPage objects
    subjects: list = field(default_factory=list)
    grade_bands: list = field(default_factory=list)
    ebook: Choice | None = None
    sorts: list = field(default_factory=list)

    @property
    def paginator(self):
        return self.page.paginator

    @property
    def page_range(self):
        """Page numbers around the current one, with '…' for the gaps."""
        return list(self.paginator.get_elided_page_range(self.page.number, on_each_side=1))

    def active_filters(self):
        """[(parameter, what the reader sees)] of the filters in use, to remove one by one."""
        params = self.params
        active = []
        if params.query:
            active.append(("q", f"“{params.query}”"))
        if params.author_words:
            active.append(("author", params.author))
        active += [("subject", choice.label) for choice in self.subjects[1:] if choice.selected]
        active += [("grade_band", c.label) for c in self.grade_bands[1:] if c.selected]
        if params.ebook:
            active.append(("ebook", self.ebook.label))
        return active


def browse(library_books, query_params):
    """One page of a library's catalogue for a query string: see Catalogue.

    `library_books` are the books a visitor may see (live, public, of one library)."""
    params = read_params(query_params)
    matching = None
    if params.folded_query:
        matching = matching_book_ids(library_books, params.folded_query)
    books = narrowed(library_books, params, matching)
    if params.sort == SortOrder.RELEVANCE:
        page = paginate_in_rank_order(books, matching, params.page)
    else:
        page = paginate_sorted(books, params.sort, params.page)
    return Catalogue(
        params=params,
        page=page,
        subjects=subject_choices(library_books, params, matching),
        grade_bands=grade_band_choices(library_books, params, matching),
        ebook=ebook_choice(library_books, params, matching),
        sorts=sort_choices(params),
    )
