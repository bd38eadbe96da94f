"""The site's one search: folded queries, filters with counts, autocomplete, suggestions.

Every engine sees the same thing: pages index a folded copy of their text (see
`BasePage.folded_title` / `folded_text`) and queries are folded the same way here, so
diacritics and đ/d never decide whether a page is found.
"""

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.db.models import Count, Q
from django.db.models.expressions import RawSQL
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Fuzzy, PlainText

from cms.folding import fold
from cms.models import LocatedPage
from cms.places import located_page_models
from heritage.models import HeritageRanking, HeritageSitePage
from library.models import BookPage, GradeBand
from search.suggestions import did_you_mean, suggestions

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


def _kind_entry(content_type, count):
    model = content_type.model_class() if content_type else None
    if model is None:
        return None
    return {
        "kind": f"{content_type.app_label}.{content_type.model}",
        "label": str(model._meta.verbose_name),
        "count": count,
    }


def _kind_counts(counts):
    """[{kind, label, count}] from {content type id: count}, largest first."""
    content_types = ContentType.objects.in_bulk(list(counts))
    kinds = [_kind_entry(content_types.get(pk), count) for pk, count in counts.items()]
    return sorted((kind for kind in kinds if kind), key=lambda kind: -kind["count"])


def id_set(ids):
    """A subquery of these primary keys passed as one parameter, for `pk__in`: Django's
    `pk__in=[...]` prepares every value in Python, which cost more than the search itself
    with thousands of matching pages."""
    ids = [int(pk) for pk in ids]
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [ids])
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])


class FacetTally:
    """Pages per kind, and counts per district, subject, grade band and ranking among the
    matching pages: one grouped query per page kind present that has such a filter."""

    def __init__(self):
        self.kinds = Counter()
        self.counts = {name: {} for name in ("district", "subject", "grade_band", "ranking")}

    def add_pages(self, rows):
        """Tally (pk, content type id) rows of matching pages."""
        pks_by_kind = defaultdict(list)
        for pk, content_type_id in rows:
            pks_by_kind[content_type_id].append(pk)
        for content_type_id, pks in pks_by_kind.items():
            self.kinds[content_type_id] += len(pks)
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is not None:
                self._add_facets_of(model, pks)

    def _add_facets_of(self, model, pks):
        fields = {}
        if issubclass(model, LocatedPage):
            fields["district"] = ("district", None)
        if issubclass(model, BookPage):
            fields["subject"] = ("subject__slug", "subject__name")
            fields["grade_band"] = ("grade_band", None)
        if issubclass(model, HeritageSitePage):
            fields["ranking"] = ("ranking", None)
        if not fields:
            return
        columns = [column for pair in fields.values() for column in pair if column]
        pages = model.objects.filter(pk__in=id_set(pks)).order_by()
        for row in pages.values(*columns).annotate(n=Count("pk")):
            for facet, (value_column, label_column) in fields.items():
                label = row[label_column] if label_column else None
                self._add(facet, row[value_column], label, row["n"])

    def _add(self, facet, value, label, count):
        if value in (None, ""):
            return
        entry = self.counts[facet].setdefault(
            value, {"value": value, "label": label or value, "count": 0}
        )
        entry["count"] += count

    def facet_counts(self):
        for value, entry in self.counts["grade_band"].items():
            if value in GradeBand.values:
                entry["label"] = str(GradeBand(value).label)
        for value, entry in self.counts["ranking"].items():
            if value in HeritageRanking.values:
                entry["label"] = str(HeritageRanking(value).label)

        def ordered(counts):
            return sorted(counts.values(), key=lambda entry: (-entry["count"], str(entry["label"])))

        return {name: ordered(counts) for name, counts in self.counts.items()}


# Counts come from one pass over at most this many matching pages (instead of a full-text
# match per count). A broader query has its total and kinds counted by the engine and its
# filter counts made over FACET_SCAN_LIMIT of its pages.
FACET_SCAN_LIMIT = 20000
# Elasticsearch counts total and kinds itself; filter counts look at its first hits.
FACET_SCAN_LIMIT_ELASTICSEARCH = 1000


def _summarise(outcome, unranked, rows=None):
    """Fill total, kind_counts and facet_counts of `outcome` for unranked search results, from
    (pk, content type id) `rows` of the matches when the caller already has them."""
    if rows is None and hasattr(unranked, "get_queryset"):  # the database backends
        matching = unranked.get_queryset().order_by()
        rows = list(matching.values_list("pk", "content_type_id")[: FACET_SCAN_LIMIT + 1])
    if rows is None:  # Elasticsearch
        first_hits = [page.pk for page in unranked[:FACET_SCAN_LIMIT_ELASTICSEARCH]]
        rows = list(Page.objects.filter(pk__in=first_hits).values_list("pk", "content_type_id"))
        complete = False
    else:
        complete = len(rows) <= FACET_SCAN_LIMIT
    tally = FacetTally()
    tally.add_pages(rows[:FACET_SCAN_LIMIT])
    outcome.facet_counts = tally.facet_counts()
    if complete:
        outcome.total = len(rows)
        outcome.kind_counts = _kind_counts(tally.kinds)
    else:
        outcome.total = unranked.count()
        outcome.kind_counts = _kind_counts(unranked.facet("content_type_id"))


def scored_matches(results):
    """(pk, content type id) of the matches, best first, at most FACET_SCAN_LIMIT + 1, in
    one pass when the backend offers it (search.database); else None."""
    compiler = getattr(results, "query_compiler", None)
    scored_rows = getattr(compiler, "scored_rows", None)
    if scored_rows is None or not compiler.is_rankable():
        return None
    config = compiler.get_config(results.backend)
    return scored_rows(config, FACET_SCAN_LIMIT + 1, columns=("content_type_id",))


class PagesInOrder:
    """An ordered list of page keys that fetches the pages of any slice; slices beyond the
    list (a query with more than FACET_SCAN_LIMIT matches) come from `rest`."""

    def __init__(self, pages, pks, rest):
        self.pages = pages
        self.pks = pks
        self.rest = rest

    def __getitem__(self, key):
        single = not isinstance(key, slice)
        stop = key + 1 if single else key.stop
        complete = len(self.pks) <= FACET_SCAN_LIMIT
        if not complete and (stop is None or stop > len(self.pks)):
            return self.rest[key]
        pks = [self.pks[key]] if single else self.pks[key]
        found = self.pages.in_bulk(pks)
        ordered = [found[pk] for pk in pks if pk in found]
        return ordered[0] if single else ordered


def _find(outcome, pages, query, prefix=False):
    """Count and tally the matches of `query` into `outcome`; return them ranked, to page.

    On the database backends one query returns every match in rank order: counts, kinds,
    filter counts and the pages shown all come from it."""
    # Ranking needs only titles: the specific pages are fetched for the page shown.
    titles_only = pages.only("pk", "title", "content_type_id")
    ranked = _search_results(titles_only, query, prefix=prefix)
    unranked = _search_results(pages, query, prefix=prefix, ranked=False)
    scored = scored_matches(ranked)
    _summarise(outcome, unranked, rows=scored)
    if scored is None:
        return ranked
    # The keys passed the filters already: fetched by key alone.
    by_key = Page.objects.only("pk", "title", "content_type_id")
    return PagesInOrder(by_key, [pk for pk, _ in scored], rest=ranked)


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

    def __init__(self, results, folded_query, typed_words, total):
        self.results = results
        self.total = total
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
        return self.total

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
    """Whether the engine itself finds near matches in reasonable time: Elasticsearch.

    modelsearch's fuzzy search on PostgreSQL (pg_trgm word similarity over the whole text)
    took 4-15 s per query at 100,000 books and matched unrelated pages, so PostgreSQL, like
    SQLite, searches the query corrected from the index's own words instead."""
    return "elasticsearch" in type(get_search_backend()).__module__


def _search_results(pages, query, *, prefix=False, ranked=True):
    if prefix:
        return pages.autocomplete(query, order_by_relevance=ranked)
    return pages.search(query, order_by_relevance=ranked)


def site_search(raw_query, *, filters=None, page=1, per_page=RESULTS_PER_PAGE):
    """Search every page kind for what was typed; see SearchOutcome.

    When nothing holds every word, in turn: titles starting with what was typed (a word
    left half-typed), the engine's own near matches (Elasticsearch), then the query with
    mistyped words corrected from the index's words ("did you mean")."""
    filters = filters or Filters()
    folded = clean_query(raw_query)
    outcome = SearchOutcome(query=displayable_query(raw_query), folded=folded, filters=filters)
    if not folded:
        return outcome
    pages = filtered_pages(filters)
    attempts = [(PlainText(folded, operator="and"), False), (folded, True)]
    if supports_fuzzy():
        attempts.append((Fuzzy(folded), False))
    for query, prefix in attempts:
        found = _find(outcome, pages, query, prefix=prefix)
        if outcome.total:
            break
    # Anything but every word found as typed is a near match, and says so.
    outcome.fuzzy = bool(outcome.total) and query is not attempts[0][0]
    if outcome.fuzzy:
        outcome.suggestion = did_you_mean(folded)
    elif not outcome.total:
        corrected = suggestions(folded)
        outcome.suggestion = next(iter(corrected), "")
        for suggestion in corrected:
            found = _find(outcome, pages, PlainText(suggestion, operator="and"))
            if outcome.total:
                outcome.suggestion = suggestion
                outcome.fuzzy = True
                break
    typed_words = NOT_A_WORD_CHARACTER_RE.sub(" ", outcome.query).lower().split()
    ranked = TitleFirstResults(
        found,
        outcome.suggestion if outcome.fuzzy and outcome.suggestion else folded,
        typed_words,
        total=outcome.total,
    )
    outcome.paginator = Paginator(ranked, per_page)
    try:
        outcome.page = outcome.paginator.page(page)
    except PageNotAnInteger:
        outcome.page = outcome.paginator.page(1)
    except EmptyPage:
        outcome.page = outcome.paginator.page(outcome.paginator.num_pages)
    outcome.page.object_list = specific_pages(outcome.page.object_list)
    return outcome


def specific_pages(pages):
    """The specific page objects for a slice of results, keeping their order."""
    pages = list(pages)
    specifics = Page.objects.filter(pk__in=[page.pk for page in pages]).specific().in_bulk()
    return [specifics[page.pk] for page in pages if page.pk in specifics]


# The engine's best candidates, re-ranked here: the database backends give titles starting
# with what was typed first (search.database), Elasticsearch its own relevance.
AUTOCOMPLETE_CANDIDATES = 100


def autocomplete_rank(folded_query, title):
    """Titles holding what was typed as a phrase, earliest first, then shorter titles."""
    folded_title = fold(title)
    match = re.search(rf"(?<!\w){re.escape(folded_query)}", folded_title)
    return (0 if match else 1, match.start() if match else 0, len(folded_title))


def autocomplete(raw_query, limit=8):
    """Pages whose folded title starts with what is being typed: [{title, url, kind}].

    Engines match each typed word as a prefix anywhere in the title; the candidates are then
    re-ranked so that "le l" puts "Đường Lê Lợi" before "Hoàng Lê nhất thống chí". A title
    shared by several pages (the same book in several libraries) is suggested once."""
    folded = clean_query(raw_query)
    if not folded:
        return []
    candidates = (
        Page.objects.live()
        .public()
        .filter(depth__gt=1)
        .only("pk", "title", "url_path", "content_type_id")
        .autocomplete(folded)[:AUTOCOMPLETE_CANDIDATES]
    )
    pages = sorted(candidates, key=lambda page: autocomplete_rank(folded, page.title))
    suggestions = {}
    for page in pages:
        if len(suggestions) == limit:
            break
        if page.title not in suggestions:
            kind = page.specific_class._meta.verbose_name if page.specific_class else ""
            suggestions[page.title] = {"title": page.title, "url": page.url, "kind": str(kind)}
    return list(suggestions.values())
