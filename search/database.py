"""Wagtail's database search backend, with relevance ordering that holds at 100,000 pages.

Selected in settings by ``"BACKEND": "search.database"``; like
``wagtail.search.backends.database`` it picks the implementation for the default database.
Indexing, matching, facets, counts and autocomplete are modelsearch's own; only the query that
orders results by relevance is replaced, because of how modelsearch builds it:

- SQLite: the score is a correlated subquery that re-runs the full-text ``MATCH`` for every
  matching page, so a word found in 15,000 books took minutes (``bench/search.py``). Here
  the FTS5 match is joined once with the filtered pages and ordered by ``bm25()``.
"""

from django.db import connection, connections
from django.db.models import F, FloatField, Func
from modelsearch.backends.database import SearchBackend as vendor_search_backend
from modelsearch.query import MatchAll, Not

if connection.vendor == "sqlite":
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler,
        SQLiteFTSIndexEntry,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
        SQLiteSearchResults,
    )
    from modelsearch.utils import get_descendants_content_types_pks


def _ordered_by_ids(queryset, ids, scores=None, score_field=None):
    """The objects of `queryset` with these ids, in that order, scores attached if asked."""
    objects = queryset.in_bulk(ids)
    ordered = []
    for position, object_id in enumerate(ids):
        obj = objects.get(object_id)
        if obj is None:
            continue
        if score_field is not None:
            setattr(obj, score_field, scores[position])
        ordered.append(obj)
    return ordered


if connection.vendor == "sqlite":

    class WeightedBM25(Func):
        """FTS5's bm25() with column weights, for the columns (autocomplete, body, title) in
        that order: a word in the title counts double, as modelsearch's title boost means."""

        output_field = FloatField()

        def as_sql(self, compiler, connection, **extra_context):
            return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, 1.0, 1.0, 2.0)", []

    class RankedSQLiteQueryCompilerMixin:
        """Order by bm25() over one join of the match with the pages, not a subquery per row."""

        def is_rankable(self):
            query = normalize(self.query)
            return self.order_by_relevance and not isinstance(query, MatchAll | Not)

        def ranked_ids(self, start, stop):
            """[(object id, score)] of the matching objects, best first, within start:stop."""
            search_query = self.build_search_query(normalize(self.query))
            matches = (
                SQLiteFTSIndexEntry.objects.filter(
                    MatchExpression(self.fields or self.FTS_TABLE_FIELDS, search_query)
                )
                .filter(
                    index_entry__content_type__in=get_descendants_content_types_pks(
                        self.queryset.model
                    )
                )
                .values(object_id=F("index_entry__object_id"), score=WeightedBM25())
            )
            match_sql, match_params = matches.query.sql_with_params()
            pk_column = self.queryset.model._meta.pk.column
            objects_sql, objects_params = (
                self.queryset.order_by().values(pk_column).query.sql_with_params()
            )
            sql = (
                f'SELECT m."object_id", m."score" FROM ({match_sql}) m '
                f'JOIN ({objects_sql}) o ON o."{pk_column}" = m."object_id" '
                f'ORDER BY m."score", o."{pk_column}" DESC'
            )
            params = [*match_params, *objects_params]
            if stop is not None:
                sql += " LIMIT %s OFFSET %s"
                params += [stop - (start or 0), start or 0]
            elif start:
                sql += " LIMIT -1 OFFSET %s"
                params.append(start)
            with connections[self.queryset.db].cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()

        def ranked_objects(self, start, stop, score_field=None):
            rows = self.ranked_ids(start, stop)
            pk_field = self.queryset.model._meta.pk
            ids = [pk_field.to_python(object_id) for object_id, _ in rows]
            scores = [score for _, score in rows]
            return _ordered_by_ids(self.queryset.order_by(), ids, scores, score_field)

    class RankedSQLiteSearchQueryCompiler(
        RankedSQLiteQueryCompilerMixin, SQLiteSearchQueryCompiler
    ):
        pass

    class RankedSQLiteAutocompleteQueryCompiler(
        RankedSQLiteQueryCompilerMixin, SQLiteAutocompleteQueryCompiler
    ):
        pass

    class RankedSQLiteSearchResults(SQLiteSearchResults):
        def _do_search(self):
            if self.query_compiler.is_rankable():
                return self.query_compiler.ranked_objects(
                    self.start, self.stop, score_field=self._score_field
                )
            return super()._do_search()

        def _do_count(self):
            # Counting needs no order: the unranked queryset skips the score entirely.
            compiler = self.query_compiler
            ordered, compiler.order_by_relevance = compiler.order_by_relevance, False
            try:
                return compiler.search(compiler.get_config(self.backend), None, None).count()
            finally:
                compiler.order_by_relevance = ordered

    class RankedSQLiteSearchBackend(SQLiteSearchBackend):
        query_compiler_class = RankedSQLiteSearchQueryCompiler
        autocomplete_query_compiler_class = RankedSQLiteAutocompleteQueryCompiler
        results_class = RankedSQLiteSearchResults


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    backend = vendor_search_backend(params)
    if connection.vendor == "sqlite" and isinstance(backend, SQLiteSearchBackend):
        return RankedSQLiteSearchBackend(params)
    return backend
