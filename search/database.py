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
from modelsearch.query import Fuzzy, MatchAll, Not, PlainText
from modelsearch.utils import get_descendants_content_types_pks

if connection.vendor == "sqlite":
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import (
        IndexEntry,
        SQLiteFTSIndexEntry,
    )
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler as VendorAutocompleteQueryCompiler,
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
        PostgresSearchAtomicRebuilder,
        PostgresSearchRebuilder,
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


def ranked_rows(queryset, entries_sql, entries_params, start, stop, ordered=True, columns=()):
    """[(object id, *columns, score)] of the objects of `queryset` among the matching index
    entries (SQL selecting ``matched_id`` and ``score``), best first, within start:stop;
    `columns` are more columns of the queryset's model to return.

    One join by primary key with the queryset's own SQL, whatever its filters, so the
    engine's order and the queryset's filters meet in a single statement. Unordered, the
    database stops at the first `stop` rows it finds."""
    pk_column = queryset.model._meta.pk.column
    objects = queryset.order_by().values(pk_column, *columns)
    objects_sql, objects_params = objects.query.sql_with_params()
    vendor = connections[queryset.db].vendor
    selected = "".join(f', o."{column}"' for column in columns)
    sql = (
        f'SELECT m."matched_id"{selected}, m."score" FROM ({entries_sql}) m '
        f'JOIN ({objects_sql}) o ON o."{pk_column}" = m."matched_id"'
    )
    if ordered:
        sql += f' ORDER BY m."score" {BEST_FIRST[vendor]}, o."{pk_column}" DESC'
    params = [*entries_params, *objects_params]
    if stop is not None:
        sql += " LIMIT %s OFFSET %s"
        params += [stop - (start or 0), start or 0]
    elif start:
        sql += " LIMIT -1 OFFSET %s" if vendor == "sqlite" else " OFFSET %s"
        params.append(start)
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def in_ranked_order(queryset, rows, score_field=None):
    """The objects of `queryset` for ranked (id, score) rows, in that order.

    The rows already passed the queryset's filters, so the objects are fetched by primary key
    alone (re-applying a filter such as "books of this grade band" cost more than the fetch),
    with the queryset's deferred fields and related lookups."""
    pk_field = queryset.model._meta.pk
    by_pk = queryset.model._default_manager.using(queryset.db).all()
    by_pk.query.deferred_loading = queryset.query.deferred_loading
    by_pk.query.select_related = queryset.query.select_related
    by_pk._prefetch_related_lookups = queryset._prefetch_related_lookups
    by_pk._iterable_class = queryset._iterable_class  # e.g. Wagtail's .specific()
    objects = by_pk.in_bulk([pk_field.to_python(pk) for pk, _ in rows])
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
        entries_sql, entries_params = self.matching_entries(config).query.sql_with_params()
        rows = ranked_rows(self.queryset, entries_sql, entries_params, start, stop)
        return in_ranked_order(self.queryset, rows, score_field)

    def scored_rows(self, config, limit, columns=()):
        """[(pk, *columns)] of the matching objects, best first, at most `limit`: for a
        caller that counts and pages the matches itself from one pass over the index."""
        entries_sql, entries_params = self.matching_entries(config).query.sql_with_params()
        rows = ranked_rows(self.queryset, entries_sql, entries_params, 0, limit, columns=columns)
        pk_field = self.queryset.model._meta.pk
        return [(pk_field.to_python(pk), *values) for pk, *values, _score in rows]


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


class TieredAutocompleteMixin:
    """Autocomplete order: titles starting with what is typed, then titles holding it as a
    phrase, then titles holding every word (the last one as a prefix), which is what
    modelsearch matches.

    Tiers rather than the engine's score: scoring every match of a two-letter prefix took
    50-100 ms at 100,000 pages, while each tier is an index lookup that stops at the results
    wanted. Each engine writes `tier_sql(tier, terms)`."""

    TIERS = ("starts", "phrase", "words")
    scored_rows = None  # tiers are not scores: callers rank autocomplete results themselves

    def is_rankable(self):
        return (
            super().is_rankable()
            and isinstance(self.query, PlainText)
            and bool(self.query.query_string.split())
        )

    def every_word(self):
        return self.query.operator.lower() == "and"

    def ranked_objects(self, config, start, stop, score_field=None):
        terms = self.query.query_string.split()
        best_tier = {}
        for tier, name in enumerate(self.TIERS, 1):
            sql, params = self.tier_sql(name, terms)
            sql = sql.replace("%(tier)s", str(tier))
            for pk, score in ranked_rows(self.queryset, sql, params, 0, stop, ordered=False):
                best_tier.setdefault(pk, score)
            if stop is not None and len(best_tier) >= stop:
                break
        rows = sorted(best_tier.items(), key=lambda row: row[1])[start:stop]
        return in_ranked_order(self.queryset, rows, score_field)


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

    def fts5_phrase(terms):
        return '"' + " ".join(term.replace('"', '""') for term in terms) + '"'

    class RankedAutocompleteQueryCompiler(
        TieredAutocompleteMixin, RankedSQLiteQueryCompilerMixin, VendorAutocompleteQueryCompiler
    ):
        """Tiers through the prefix-indexed autocomplete table (search/migrations/0003)."""

        TABLE = "sohoa_autocomplete_fts"

        def tier_sql(self, tier, terms):
            phrase = fts5_phrase(terms) + " *"
            if tier == "starts":
                match = "^ " + phrase
            elif tier == "phrase":
                match = phrase
            else:
                words = [fts5_phrase([term]) for term in terms[:-1]]
                words.append(fts5_phrase(terms[-1:]) + " *")
                match = (" AND " if self.every_word() else " OR ").join(words)
            content_types = list(self.content_types())
            sql = (
                f'SELECT ie."object_id" AS "matched_id", %(tier)s AS "score" '
                f'FROM "{self.TABLE}" JOIN "{IndexEntry._meta.db_table}" ie '
                f'ON ie."id" = "{self.TABLE}"."rowid" '
                f'WHERE "{self.TABLE}" MATCH %s '
                f'AND ie."content_type_id" IN ({", ".join(["%s"] * len(content_types))})'
            )
            return sql, [match, *content_types]

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

    def tsquery_lexeme(term, prefix=False):
        """A term quoted for to_tsquery(), whatever characters it holds."""
        quoted = "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"
        return quoted + (":*" if prefix else "")

    class RankedAutocompleteQueryCompiler(
        TieredAutocompleteMixin, RankedPostgresQueryCompilerMixin, VendorAutocompleteQueryCompiler
    ):
        """Tiers through the GIN index on the autocomplete vector; "starts with" is a
        lexeme at position 1 (the folded title comes first, see cms.models.BasePage)."""

        STARTS_SCAN = 1000

        def entry_vectors(self):
            return [(F("autocomplete"), 1.0)]

        def tier_sql(self, tier, terms):
            lexemes = [tsquery_lexeme(term) for term in terms[:-1]]
            lexemes.append(tsquery_lexeme(terms[-1], prefix=True))
            if tier == "words":
                tsquery = (" & " if self.every_word() else " | ").join(lexemes)
            else:
                tsquery = " <-> ".join(lexemes)
            content_types = list(self.content_types())
            sql = (
                'SELECT ie."object_id"::bigint AS "matched_id", %(tier)s AS "score", '
                'ie."autocomplete" AS "vector" '
                f'FROM "{IndexEntry._meta.db_table}" ie '
                "WHERE ie.\"autocomplete\" @@ to_tsquery('simple', %s) "
                f'AND ie."content_type_id" IN ({", ".join(["%s"] * len(content_types))})'
            )
            params = [tsquery, *content_types]
            if tier == "starts":
                # Position 1 is checked on at most STARTS_SCAN matches: a prefix that starts
                # few titles ("ng") would otherwise unnest every title holding it.
                first_lexeme = (
                    "starts_with(lexeme.lexeme, %s)" if len(terms) == 1 else "lexeme.lexeme = %s"
                )
                sql = (
                    f"SELECT * FROM ({sql} LIMIT {self.STARTS_SCAN}) candidates "
                    'WHERE EXISTS (SELECT 1 FROM unnest(candidates."vector") lexeme '
                    f"WHERE 1 = ANY(lexeme.positions) AND {first_lexeme})"
                )
                params.append(terms[0].lower())
            return sql, params

    class AnalyzeAfterRebuildMixin:
        """Refresh the planner's statistics of the index once `update_index` has rewritten
        it: with the statistics of an empty table, PostgreSQL planned autocomplete with
        sequential scans (220 ms p95 at 100,000 books, 50 ms once analysed)."""

        def finish(self):
            super().finish()
            table = IndexEntry._meta.db_table
            with self.index.write_connection.cursor() as cursor:
                cursor.execute(f'ANALYZE "{table}"')

    class AnalyzingRebuilder(AnalyzeAfterRebuildMixin, PostgresSearchRebuilder):
        pass

    class AnalyzingAtomicRebuilder(AnalyzeAfterRebuildMixin, PostgresSearchAtomicRebuilder):
        pass


if VendorSearchBackend is not None:

    class RankedSearchBackend(VendorSearchBackend):
        query_compiler_class = RankedSearchQueryCompiler
        autocomplete_query_compiler_class = RankedAutocompleteQueryCompiler
        results_class = RankedSearchResults
        if connection.vendor == "postgresql":
            rebuilder_class = AnalyzingRebuilder
            atomic_rebuilder_class = AnalyzingAtomicRebuilder


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    backend = vendor_search_backend(params)
    if VendorSearchBackend is not None and type(backend) is VendorSearchBackend:
        return RankedSearchBackend(params)
    return backend
