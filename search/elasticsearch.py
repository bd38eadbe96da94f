"""Elasticsearch 8 backend that folds Vietnamese the way `cms.folding.fold` does.

Selected in settings by ``"BACKEND": "search.elasticsearch"`` when ``ELASTICSEARCH_URL`` is set.

Why a subclass and not only ``INDEX_SETTINGS``: modelsearch's mapping (``ElasticsearchBaseMapping``)
gives text fields no analyzer at all (so Elasticsearch's ``standard`` analyzer, which keeps
diacritics, applies) and hard-codes ``"search_analyzer": "standard"`` on the autocomplete
(edge-ngram) fields. Index settings can define analyzers but cannot change which analyzer a
field's mapping names, so the mapping is overridden here and the analyzers it names are defined
next to it.

Fuzziness: the query compiler supports ``modelsearch.query.Fuzzy`` and compiles it to a
``multi_match`` with ``"fuzziness": "AUTO"`` (terms of 1-2 characters exact, 3-5 one edit, 6+
two; a swap of adjacent letters is one edit) over the same fields as a plain search. The search
service should pass ``Fuzzy(fold(q))`` to ``.search()`` on this backend; autocomplete only accepts
plain text (``.autocomplete(fold(q))``), and ``Fuzzy`` there raises ``NotImplementedError``. The
compiler drops a ``Boost`` wrapped around a ``Fuzzy``; to rank exact words above near misses,
boost the exact side instead: ``Or([Boost(PlainText(q), 2), Fuzzy(q)])``.
"""

from copy import deepcopy

from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8AutocompleteQueryCompiler,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchQueryCompiler,
)
from modelsearch.utils import deep_update

#: Analyzer for every text field, at index and at search time, and the search side of autocomplete.
FOLDING_ANALYZER = "vietnamese_folding"
#: The name modelsearch's mapping gives the index side of autocomplete fields.
EDGENGRAM_ANALYZER = "edgengram_analyzer"

# `asciifolding` is Lucene's ASCIIFoldingFilter (Elasticsearch reference, "ASCII folding token
# filter": "This filter uses Lucene's ASCIIFoldingFilter"). Its table maps U+0110 Đ to "D" and
# U+0111 đ to "d" (apache/lucene, lucene/analysis/common/src/java/org/apache/lucene/analysis/
# miscellaneous/ASCIIFoldingFilter.java), which Unicode decomposition does not, as well as ơ/ư
# (U+01A1, U+01B0) and the tone-marked vowels of Latin Extended Additional (ạ U+1EA1, ệ U+1EC7...).
# It folds precomposed letters only: text stored decomposed (NFD) keeps its combining marks here,
# which is one reason the pages also index a copy folded by `fold()`.
# `lowercase` comes first so the chain reads like `fold()`: lower-case, then strip marks.
FOLDING_FILTERS = ["lowercase", "asciifolding"]

ANALYSIS = {
    "analyzer": {
        FOLDING_ANALYZER: {
            "type": "custom",
            "tokenizer": "standard",
            "filter": FOLDING_FILTERS,
        },
        # modelsearch defines this analyzer already (with asciifolding); it is restated so that
        # the edge-ngrams are cut from exactly the tokens the folding analyzer produces.
        EDGENGRAM_ANALYZER: {
            "type": "custom",
            "tokenizer": "standard",
            "filter": [*FOLDING_FILTERS, "edgengram"],
        },
    }
}


def _fold_text_fields(properties):
    """Name the folding analyzer on every text field that names none, nested ones included.

    Elasticsearch uses a field's ``analyzer`` for indexing and, without a ``search_analyzer``,
    for searching too ("Specify an analyzer" in the Elasticsearch reference), so one setting
    covers both sides. The catch-all ``_all_text`` and ``_all_text_boost_*`` fields that
    ``copy_to`` fills are text fields like any other: they are covered as well.
    """
    for field in properties.values():
        if field.get("type") == "text":
            field.setdefault("analyzer", FOLDING_ANALYZER)
        if "properties" in field:
            _fold_text_fields(field["properties"])


class FoldingMapping(Elasticsearch8Mapping):
    edgengram_analyzer_config = {
        "analyzer": EDGENGRAM_ANALYZER,
        # modelsearch searches edge-ngrams with "standard", which would leave "Hoàng" unfolded
        # and so unable to meet the folded "hoang" stored in the index.
        "search_analyzer": FOLDING_ANALYZER,
    }

    def get_mapping(self):
        mapping = super().get_mapping()
        _fold_text_fields(mapping["properties"])
        return mapping


class FoldingSearchQueryCompiler(Elasticsearch8SearchQueryCompiler):
    mapping_class = FoldingMapping


class FoldingAutocompleteQueryCompiler(Elasticsearch8AutocompleteQueryCompiler):
    mapping_class = FoldingMapping


class VietnameseElasticsearch8SearchBackend(Elasticsearch8SearchBackend):
    """Elasticsearch 8 with every text field folded (lower case, no diacritics, đ→d)."""

    mapping_class = FoldingMapping
    query_compiler_class = FoldingSearchQueryCompiler
    autocomplete_query_compiler_class = FoldingAutocompleteQueryCompiler
    # Class-level defaults, deep-merged like modelsearch's own; a deployment's INDEX_SETTINGS
    # (e.g. number_of_replicas) is still merged over these by the base constructor.
    settings = deep_update(
        deepcopy(Elasticsearch8SearchBackend.settings), {"settings": {"analysis": ANALYSIS}}
    )


SearchBackend = VietnameseElasticsearch8SearchBackend
