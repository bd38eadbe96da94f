"""The site's one search: folded queries, filters with counts, autocomplete, suggestions.

Every engine sees the same thing: pages index a folded copy of their text (see
`BasePage.folded_title` / `folded_text`) and queries are folded the same way here, so
diacritics and đ/d never decide whether a page is found.
"""

import re
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.db.models import Count, Q
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Fuzzy, PlainText

from cms.folding import fold
from cms.places import located_page_models
from heritage.models import HeritageRanking, HeritageSitePage
from library.models import BookPage, GradeBand
from search.suggestions import did_you_mean

RESULTS_PER_PAGE = 20
MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
# Words only: quotes, operators and control characters would reach the engine's own query
# syntax (an unbalanced quote is an FTS5 syntax error), and readers never mean them.
NOT_A_WORD_CHARACTER_RE = re.compile(r"[^\w]+")
CONTROL_CHARACTER_RE = re.compile(r"[\x00-\x1f\x7f]")
# Words that are operators to some engine (FTS5, Lucene) and never what a reader means.
OPERATOR_WORDS = {"and", "or", "not", "near"}


def clean_query(raw):
    """The folded words of what was typed, bounded in length and count."""
    text = NOT_A_WORD_CHARACTER_RE.sub(" ", (raw or "")[: MAX_QUERY_LENGTH * 2]).replace("_", " ")
    words = [word for word in fold(text).split() if word not in OPERATOR_WORDS]
    return " ".join(words[:MAX_WORDS])[:MAX_QUERY_LENGTH].strip()


def displayable_query(raw):
    """What was typed, safe to show back in the search box."""
    return CONTROL_CHARACTER_RE.sub("", raw or "").strip()[:MAX_QUERY_LENGTH]


@dataclass
class Filters:
    kind: str = ""  # "app_label.modelname"
    district: str = ""
    subject: str = ""  # Subject slug
    grade_band: str = ""
    ranking: str = ""

    @classmethod
    def from_params(cls, params):
        return cls(**{name: (params.get(name) or "").strip()[:100] for name in cls.names()})

    @classmethod
    def names(cls):
        return list(cls.__dataclass_fields__)

    def active(self):
        return {name: value for name, value in self.__dict__.items() if value}


@dataclass
class SearchOutcome:
    query: str
    folded: str
    filters: Filters
    page: object = None  # a Paginator page of specific Page objects
    paginator: object = None
    total: int = 0
    kind_counts: list = field(default_factory=list)
    facet_counts: dict = field(default_factory=dict)
    suggestion: str = ""
    # True when nothing matched exactly and the results are near matches (typos).
    fuzzy: bool = False

    @property
    def hits(self):
        return list(self.page) if self.page is not None else []


def _content_type_for(kind):
    try:
        app_label, model = kind.split(".", 1)
        return ContentType.objects.get_by_natural_key(app_label, model.lower())
    except (ValueError, ContentType.DoesNotExist):
        return None


def _located_pks(**lookups):
    """Primary keys of located pages of any kind matching `lookups`, as one OR of subqueries."""
    condition = Q(pk__in=[])
    for model in located_page_models():
        condition |= Q(pk__in=model.objects.filter(**lookups).values("pk"))
    return condition


def filtered_pages(filters):
    """Live, public pages narrowed by the filters, before any full-text matching."""
    pages = Page.objects.live().public().filter(depth__gt=1)
    if filters.kind:
        content_type = _content_type_for(filters.kind)
        pages = pages.filter(content_type=content_type) if content_type else pages.none()
    if filters.district:
        pages = pages.filter(_located_pks(district__iexact=filters.district))
    book_lookups = {}
    if filters.subject:
        book_lookups["subject__slug"] = filters.subject
    if filters.grade_band:
        book_lookups["grade_band"] = filters.grade_band
    if book_lookups:
        pages = pages.filter(pk__in=BookPage.objects.filter(**book_lookups).values("pk"))
    if filters.ranking:
        pages = pages.filter(
            pk__in=HeritageSitePage.objects.filter(ranking=filters.ranking).values("pk")
        )
    return pages


def _kind_counts(results):
    counts = results.facet("content_type_id")
    content_types = ContentType.objects.in_bulk(list(counts))
    kinds = []
    for content_type_id, count in counts.items():
        content_type = content_types.get(content_type_id)
        model = content_type.model_class() if content_type else None
        if model is None:
            continue
        kinds.append(
            {
                "kind": f"{content_type.app_label}.{content_type.model}",
                "label": str(model._meta.verbose_name),
                "count": count,
            }
        )
    return sorted(kinds, key=lambda kind: -kind["count"])


# Facet counts look at this many matching pages at most: the full-text match runs once, not
# once per facet (about ten subqueries), which dominated search time at 100,000 books.
FACET_SCAN_LIMIT = 5000


def _matching_pks(results):
    """Primary keys of the matching pages (at most FACET_SCAN_LIMIT), fetched once."""
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is not None:
        pks = get_queryset().order_by().values_list("pk", flat=True)[:FACET_SCAN_LIMIT]
        return list(pks)
    return [page.pk for page in results[:1000]]


def _grouped(queryset, value_field, label_field=None):
    # Page querysets are ordered by tree path, which would split every group in GROUP BY.
    fields = [name for name in (value_field, label_field) if name]
    rows = queryset.order_by().values(*fields).annotate(n=Count("pk"))
    counts = {}
    for row in rows:
        value = row[value_field]
        if value in (None, ""):
            continue
        label = row[label_field] if label_field else value
        counts[value] = {"value": value, "label": label, "count": row["n"]}
    return counts


def _facet_counts(results):
    """Counts per district, subject, grade band and ranking among the matching pages."""
    pks = _matching_pks(results)
    districts = {}
    for model in located_page_models():
        for value, entry in _grouped(model.objects.filter(pk__in=pks), "district").items():
            districts.setdefault(value, {**entry, "count": 0})["count"] += entry["count"]
    books = BookPage.objects.filter(pk__in=pks)
    subjects = _grouped(books, "subject__slug", "subject__name")
    grade_bands = _grouped(books, "grade_band")
    for value, entry in grade_bands.items():
        entry["label"] = str(GradeBand(value).label) if value in GradeBand.values else value
    rankings = _grouped(HeritageSitePage.objects.filter(pk__in=pks), "ranking")
    for value, entry in rankings.items():
        entry["label"] = (
            str(HeritageRanking(value).label) if value in HeritageRanking.values else value
        )

    def ordered(counts):
        return sorted(counts.values(), key=lambda entry: (-entry["count"], str(entry["label"])))

    return {
        "district": ordered(districts),
        "subject": ordered(subjects),
        "grade_band": ordered(grade_bands),
        "ranking": ordered(rankings),
    }


RERANK_DEPTH = 200


def title_matches(folded_query, title):
    """Whether every query word starts a word of the folded title."""
    title_words = fold(title).split()
    return all(
        any(title_word.startswith(word) for title_word in title_words)
        for word in folded_query.split()
    )


class TitleFirstResults:
    """Search results where pages whose title holds every query word come first.

    SQLite's FTS5 backend ignores field boosts, so a body mention could outrank a title; the
    engine's top RERANK_DEPTH results are re-ordered (stable, so the engine's order stays
    within each group) and anything deeper keeps the engine's order."""

    def __init__(self, results, folded_query, typed_words=()):
        self.results = results
        self.folded_query = folded_query
        # With diacritics typed, titles written exactly so go before merely folded matches.
        self.typed_words = [word for word in typed_words if fold(word) != word]
        self._top = None

    def rank(self, page):
        title_words = page.title.lower().split()
        exact = all(
            any(title_word.startswith(word) for title_word in title_words)
            for word in self.typed_words
        )
        return (0 if title_matches(self.folded_query, page.title) else 1, 0 if exact else 1)

    def count(self):
        return self.results.count()

    def __len__(self):
        return self.count()

    def top(self):
        if self._top is None:
            top = list(self.results[:RERANK_DEPTH])
            top.sort(key=self.rank)
            self._top = top
        return self._top

    def __getitem__(self, key):
        if isinstance(key, slice) and (key.stop or 0) <= RERANK_DEPTH:
            return self.top()[key]
        if isinstance(key, int) and key < RERANK_DEPTH:
            return self.top()[key]
        return self.results[key]


def supports_fuzzy():
    """Whether the engine finds near matches: Elasticsearch, or PostgreSQL with pg_trgm."""
    if "elasticsearch" in type(get_search_backend()).__module__:
        return True
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cursor.fetchone() is not None


def site_search(raw_query, *, filters=None, page=1, per_page=RESULTS_PER_PAGE):
    """Search every page kind for what was typed; see SearchOutcome."""
    filters = filters or Filters()
    folded = clean_query(raw_query)
    outcome = SearchOutcome(query=displayable_query(raw_query), folded=folded, filters=filters)
    if not folded:
        return outcome
    results = filtered_pages(filters).search(PlainText(folded, operator="and"))
    if not results.count() and supports_fuzzy():
        results = filtered_pages(filters).search(Fuzzy(folded))
        outcome.fuzzy = True
    outcome.kind_counts = _kind_counts(results)
    outcome.facet_counts = _facet_counts(results)
    typed_words = NOT_A_WORD_CHARACTER_RE.sub(" ", outcome.query).lower().split()
    outcome.paginator = Paginator(TitleFirstResults(results, folded, typed_words), per_page)
    outcome.total = outcome.paginator.count
    try:
        outcome.page = outcome.paginator.page(page)
    except PageNotAnInteger:
        outcome.page = outcome.paginator.page(1)
    except EmptyPage:
        outcome.page = outcome.paginator.page(outcome.paginator.num_pages)
    outcome.page.object_list = specific_pages(outcome.page.object_list)
    if outcome.fuzzy or not outcome.total:
        outcome.suggestion = did_you_mean(folded)
    return outcome


def specific_pages(pages):
    """The specific page objects for a slice of results, keeping their order."""
    pages = list(pages)
    specifics = Page.objects.filter(pk__in=[page.pk for page in pages]).specific().in_bulk()
    return [specifics[page.pk] for page in pages if page.pk in specifics]


# Candidates are taken unranked and ranked here: the SQLite backend's relevance ranking re-runs
# the match for every candidate row (2.2 s against 95 ms at 100,000 books).
AUTOCOMPLETE_CANDIDATES = 300


def autocomplete_rank(folded_query, title):
    """Titles holding what was typed as a phrase, earliest first, then shorter titles."""
    folded_title = fold(title)
    match = re.search(rf"(?<!\w){re.escape(folded_query)}", folded_title)
    return (0 if match else 1, match.start() if match else 0, len(folded_title))


def autocomplete(raw_query, limit=8):
    """Pages whose folded title starts with what is being typed: [{title, url, kind}].

    Engines match each typed word as a prefix anywhere in the title; the candidates are then
    re-ranked so that "le l" puts "Đường Lê Lợi" before "Hoàng Lê nhất thống chí"."""
    folded = clean_query(raw_query)
    if not folded:
        return []
    candidates = (
        Page.objects.live()
        .public()
        .filter(depth__gt=1)
        .autocomplete(folded, order_by_relevance=False)[:AUTOCOMPLETE_CANDIDATES]
    )
    pages = list(candidates)
    pages.sort(key=lambda page: autocomplete_rank(folded, page.title))
    pages = specific_pages(pages[:limit])
    return [
        {"title": page.title, "url": page.url, "kind": str(page._meta.verbose_name)}
        for page in pages[:limit]
    ]
