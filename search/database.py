"""Wagtail's database search backend, with relevance ordering that holds at 100,000 pages.

Selected in settings by ``"BACKEND": "search.database"``; like
``wagtail.search.backends.database`` it picks the implementation for the default database.
Indexing, the query language, facets and fuzzy matching are modelsearch's own; what is
replaced is how a search reaches the index entries, because of how modelsearch builds it:

- SQLite: the score is a correlated subquery that re-runs the full-text ``MATCH`` for every
  matching page, so a word found in 15,000 books took minutes (``bench/search.py``).
- PostgreSQL: pages are joined to their index entries on ``object_id = page.id::varchar``,
  which no index serves, and ``title || body`` is matched row by row; ordering by rank took
  seconds, up to 100 s for a common word.

Here the index entries are matched first (FTS5's own index; on PostgreSQL a GIN index on
``title || body``, see search/migrations/0002), then joined once with the queryset's pages by
primary key, and ordered by the engine's score. Results are the same pages in the same
filters; only the query shape differs (``search/tests/test_database_backend.py``).
"""

from django.db import connection, connections
from django.db.models import BigIntegerField, F, FloatField, Func, IntegerField
from django.db.models.functions import Cast
from modelsearch.backends.database import SearchBackend as vendor_search_backend
from modelsearch.query import Fuzzy, MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

if connection.vendor == "sqlite":
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler as VendorAutocompleteQueryCompiler,
    )
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteFTSIndexEntry,
    )
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteSearchBackend as VendorSearchBackend,
    )
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteSearchQueryCompiler as VendorSearchQueryCompiler,
    )
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteSearchResults as VendorSearchResults,
    )
elif connection.vendor == "postgresql":
    from modelsearch.backends.database.postgres.postgres import (
        IndexEntry,
    )
    from modelsearch.backends.database.postgres.postgres import (
        PostgresAutocompleteQueryCompiler as VendorAutocompleteQueryCompiler,
    )
    from modelsearch.backends.database.postgres.postgres import (
        PostgresSearchBackend as VendorSearchBackend,
    )
    from modelsearch.backends.database.postgres.postgres import (
        PostgresSearchQueryCompiler as VendorSearchQueryCompiler,
    )
    from modelsearch.backends.database.postgres.postgres import (
        PostgresSearchResults as VendorSearchResults,
    )
else:  # MySQL and the fallback backend keep modelsearch's queries.
    VendorSearchBackend = None

#: How each engine's score sorts: FTS5's bm25() is lower for better matches.
BEST_FIRST = {"sqlite": "ASC", "postgresql": "DESC"}


def ranked_rows(queryset, entries, start, stop):
    """[(object id, score)] of the objects of `queryset` among the matching index `entries`
    (a queryset of values ``matched_id``, ``score``), best first, within start:stop.

    One join by primary key with the queryset's own SQL, whatever its filters, so the
    engine's order and the queryset's filters meet in a single statement."""
    entries_sql, entries_params = entries.query.sql_with_params()
    pk_column = queryset.model._meta.pk.column
    objects_sql, objects_params = queryset.order_by().values(pk_column).query.sql_with_params()
    order = BEST_FIRST[connections[queryset.db].vendor]
    sql = (
        f'SELECT m."matched_id", m."score" FROM ({entries_sql}) m '
        f'JOIN ({objects_sql}) o ON o."{pk_column}" = m."matched_id" '
        f'ORDER BY m."score" {order}, o."{pk_column}" DESC'
    )
    params = [*entries_params, *objects_params]
    if stop is not None:
        sql += " LIMIT %s OFFSET %s"
        params += [stop - (start or 0), start or 0]
    elif start:
        sql += " OFFSET %s" if order == "DESC" else " LIMIT -1 OFFSET %s"
        params.append(start)
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def in_ranked_order(queryset, rows, score_field=None):
    """The objects of `queryset` for ranked (id, score) rows, in that order."""
    pk_field = queryset.model._meta.pk
    objects = queryset.order_by().in_bulk([pk_field.to_python(pk) for pk, _ in rows])
    ordered = []
    for pk, score in rows:
        obj = objects.get(pk_field.to_python(pk))
        if obj is None:
            continue
        if score_field is not None:
            setattr(obj, score_field, score)
        ordered.append(obj)
    return ordered


def has_integer_pk(model):
    field = model._meta.pk
    while field.remote_field is not None:  # a child page's pk is its link to the parent
        field = field.target_field
    return isinstance(field, IntegerField)


class RankedQueryCompilerMixin:
    """Rank through `ranked_rows`; the engine-specific part is `matching_entries`."""

    def is_rankable(self):
        return (
            self.order_by_relevance
            and self.fields is None
            and has_integer_pk(self.queryset.model)
            and not isinstance(self.query, MatchAll | Not | Fuzzy)
        )

    def content_types(self):
        return get_descendants_content_types_pks(self.queryset.model)

    def ranked_objects(self, config, start, stop, score_field=None):
        rows = ranked_rows(self.queryset, self.matching_entries(config), start, stop)
        return in_ranked_order(self.queryset, rows, score_field)


class RankedSearchResults(VendorSearchResults if VendorSearchBackend else object):
    def _do_search(self):
        compiler = self.query_compiler
        if compiler.is_rankable():
            config = compiler.get_config(self.backend)
            return compiler.ranked_objects(config, self.start, self.stop, self._score_field)
        return super()._do_search()

    def _do_count(self):
        # Counting needs no order: the unranked query skips the score entirely.
        compiler = self.query_compiler
        ordered, compiler.order_by_relevance = compiler.order_by_relevance, False
        try:
            return super()._do_count()
        finally:
            compiler.order_by_relevance = ordered


if connection.vendor == "sqlite":

    class WeightedBM25(Func):
        """FTS5's bm25() with column weights, for the columns (autocomplete, body, title) in
        that order: a word in the title counts double, as modelsearch's title boost means."""

        output_field = FloatField()

        def as_sql(self, compiler, connection, **extra_context):
            return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, 1.0, 1.0, 2.0)", []

    class RankedSQLiteQueryCompilerMixin(RankedQueryCompilerMixin):
        def is_rankable(self):
            return super().is_rankable() and not isinstance(normalize(self.query), MatchAll | Not)

        def matching_entries(self, config):
            search_query = self.build_search_query(normalize(self.query), config=config)
            return (
                SQLiteFTSIndexEntry.objects.filter(
                    MatchExpression(self.FTS_TABLE_FIELDS, search_query),
                    index_entry__content_type__in=self.content_types(),
                )
                .values(matched_id=F("index_entry__object_id"), score=WeightedBM25())
                .order_by()
            )

    # The unranked query (counts, facets, order_by_relevance=False) is modelsearch's own:
    # on SQLite it is already one `pk IN (match)` subquery.
    class RankedSearchQueryCompiler(RankedSQLiteQueryCompilerMixin, VendorSearchQueryCompiler):
        pass

    class RankedAutocompleteQueryCompiler(
        RankedSQLiteQueryCompilerMixin, VendorAutocompleteQueryCompiler
    ):
        pass

elif connection.vendor == "postgresql":

    class RankedPostgresQueryCompilerMixin(RankedQueryCompilerMixin):
        def entry_vectors(self):
            """The index entry's own columns (modelsearch's are reached from the page)."""
            return [(F("title"), F("title_norm")), (F("body"), 1.0)]

        def matching_entries(self, config, scored=True):
            search_query = self.build_tsquery(self.query, config=config)
            vectors = self.entry_vectors()
            combined = vectors[0][0]
            for vector, _boost in vectors[1:]:
                combined = combined._combine(vector, "||", False)
            entries = IndexEntry.objects.annotate(_vector_=combined).filter(
                _vector_=search_query, content_type__in=self.content_types()
            )
            matched_id = Cast("object_id", output_field=BigIntegerField())
            if not scored:
                return entries.values(matched_id=matched_id).order_by()
            score = self._build_rank_expression(vectors, config)
            return entries.values(matched_id=matched_id, score=score).order_by()

        def search(self, config, start, stop, score_field=None, backend=None):
            """Unranked: the pages whose entries match, as `pk IN (entries)`."""
            unranked = not self.order_by_relevance and score_field is None
            if not (unranked and self.fields is None and has_integer_pk(self.queryset.model)):
                return super().search(config, start, stop, score_field, backend)
            if isinstance(self.query, MatchAll | Not | Fuzzy):
                return super().search(config, start, stop, score_field, backend)
            queryset = self.queryset.filter(pk__in=self.matching_entries(config, scored=False))
            if not queryset.query.order_by:
                queryset = queryset.order_by("-pk")  # stable pages, as modelsearch does
            return queryset[start:stop]

    class RankedSearchQueryCompiler(RankedPostgresQueryCompilerMixin, VendorSearchQueryCompiler):
        pass

    class RankedAutocompleteQueryCompiler(
        RankedPostgresQueryCompilerMixin, VendorAutocompleteQueryCompiler
    ):
        def entry_vectors(self):
            return [(F("autocomplete"), 1.0)]


if VendorSearchBackend is not None:

    class RankedSearchBackend(VendorSearchBackend):
        query_compiler_class = RankedSearchQueryCompiler
        autocomplete_query_compiler_class = RankedAutocompleteQueryCompiler
        results_class = RankedSearchResults


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    backend = vendor_search_backend(params)
    if VendorSearchBackend is not None and type(backend) is VendorSearchBackend:
        return RankedSearchBackend(params)
    return backend
