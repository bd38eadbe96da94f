"""Search at 100,000 books: update_index time, search and autocomplete latency, same run.

On a throwaway database (a temporary SQLite file, or PostgreSQL with ``--postgres``):
migrates, generates the site of ``bench/search_data.py`` (100,000 books in 200 school
libraries, 2,000 streets, 1,000 heritage sites, 1,000 neighbourhood offices), times a full
``update_index``, then times, in this process (no HTTP, no template), interleaved so all see
the same machine load:

- the baseline: fetching 20 books by primary key — the least a results page costs here;
- 200 mixed queries through the site's search service, ``search.query.site_search``: titles,
  authors and namesakes with and without diacritics and đ/d, half-typed last words, one-typo
  words, filters (kind, district, subject, grade band, ranking), a few with no hits — all
  made from the inserted data so they should find something;
- 200 autocomplete prefixes through ``search.query.autocomplete``;
- for reference, Wagtail's bare ``Page.objects.live().search()`` / ``.autocomplete()`` on
  the same strings (what the service costs on top of the engine).

    python bench/search.py                          # SQLite, 100,000 books
    python bench/search.py --books 5000             # quick run
    python bench/search.py --postgres               # a throwaway PostgreSQL cluster
    python bench/search.py --profile-index          # where update_index spends its time

Prints median and p95 in milliseconds and PASS/MISS against the targets (search p95 ≤ 100 ms,
autocomplete p95 ≤ 50 ms); exits with status 1 on a MISS. When ``search.query`` cannot be
imported, the service rows measure the bare-Wagtail adapter instead and say so.
"""

import argparse
import contextlib
import cProfile
import inspect
import io
import pstats
import random
import re
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import run_under_postgres, throwaway_django  # noqa: E402

SEARCH_P95_TARGET_MS = 100.0
AUTOCOMPLETE_P95_TARGET_MS = 50.0
NO_HIT_QUERIES = [
    "xylophone quaternion",
    "blockchain lượng tử",
    "pokémon zzzz",
    "qwertyuiop",
    "hamburger kangaroo",
]


def percentile_95(samples):
    ordered = sorted(samples)
    return ordered[max(0, round(len(ordered) * 0.95) - 1)]


# The service under test --------------------------------------------------------------------


class WagtailSearch:
    """Bare Wagtail search: the reference, and the stand-in when search.query is missing."""

    name = "Wagtail Page.search() (bare)"

    def search(self, query, kind=None, district=None, subject=None, grade_band=None, ranking=None):
        from django.apps import apps
        from wagtail.models import Page

        from library.models import Subject

        # A filter implies its page kind, as Wagtail filters only on the model's own fields.
        if subject or grade_band:
            kind = "library.BookPage"
        elif ranking:
            kind = "heritage.HeritageSitePage"
        elif district and not kind:
            kind = "heritage.StreetPage"
        model = apps.get_model(kind) if kind else Page
        pages = model.objects.live().public()
        if district:
            pages = pages.filter(district=district)
        if subject:  # search filters take the subject's own FilterField, its pk
            pages = pages.filter(subject__in=list(Subject.objects.filter(slug=subject)))
        if grade_band:
            pages = pages.filter(grade_band=grade_band)
        if ranking:
            pages = pages.filter(ranking=ranking)
        results = pages.search(query)
        return len(list(results[:20])), results.count()

    def autocomplete(self, query, limit=8):
        from wagtail.models import Page

        results = Page.objects.live().public().autocomplete(query)[:limit]
        return [{"title": page.title, "url": page.url} for page in results]


class SiteSearch:
    """``search.query``'s site_search/autocomplete, whichever way it takes its filters."""

    def __init__(self, module):
        self.module = module
        self.name = "search.query (site search)"
        parameters = inspect.signature(module.site_search).parameters
        self.takes_filters_object = "filters" in parameters

    def search(self, query, **filters):
        filters = {name: value for name, value in filters.items() if value}
        if "kind" in filters:  # "app_label.modelname", as the search page's links carry it
            filters["kind"] = filters["kind"].lower()
        if self.takes_filters_object:
            outcome = self.module.site_search(query, filters=self.module.Filters(**filters))
        else:
            outcome = self.module.site_search(query, **filters)
        return len(outcome.hits), outcome.total

    def autocomplete(self, query, limit=8):
        return self.module.autocomplete(query, limit=limit)


def site_service():
    try:
        from search import query
    except ImportError:
        return None
    if not hasattr(query, "site_search") or not hasattr(query, "autocomplete"):
        return None
    return SiteSearch(query)


# Queries made from the data ----------------------------------------------------------------


def typo(word, rng):
    """One wrong, missing or swapped letter (never the first: readers get that right)."""
    i = rng.randrange(1, len(word) - 1)
    how = rng.choice(("replace", "drop", "swap"))
    if how == "replace":
        return word[:i] + rng.choice("aeiouhnt".replace(word[i], "")) + word[i + 1 :]
    if how == "drop":
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def half_typed(text, rng):
    """The text cut inside its last word, as while typing: 'Hoàng Hoa Thám' -> 'Hoàng Hoa Th'."""
    words = text.split()
    last = words[-1]
    # The widget asks from two characters on, so a lone word keeps at least two.
    cut = rng.randint(1 if len(words) > 1 else 2, max(2, len(last) - 1))
    return " ".join([*words[:-1], last[:cut]])


def make_queries(count, rng):
    """`count` mixed search cases: (label, query, filters, should_hit)."""
    from cms.folding import fold
    from heritage.models import HeritageSitePage, NeighbourhoodOfficePage, StreetPage
    from home.models import SchoolPage
    from library.models import BookPage

    def sample(queryset, fields, n=40):
        rows = list(queryset.values_list(*fields)[:2000])
        return rng.sample(rows, min(n, len(rows)))

    books = sample(BookPage.objects.live(), ("title", "authors", "subject__slug", "grade_band"))
    streets = sample(StreetPage.objects.live(), ("title", "namesake", "district"))
    sites = sample(HeritageSitePage.objects.live(), ("title", "ranking", "district"))
    schools = sample(SchoolPage.objects.live(), ("title",))
    officers = sample(NeighbourhoodOfficePage.objects.live(), ("officers__name", "district"))

    def typo_in(text):
        words = fold(text).split()
        long = [i for i, w in enumerate(words) if len(w) >= 4]
        if not long:
            return fold(text)
        i = rng.choice(long)
        words[i] = typo(words[i], rng)
        return " ".join(words)

    makers = [
        ("book title", lambda: (rng.choice(books)[0], {})),
        ("book title, folded", lambda: (fold(rng.choice(books)[0]), {})),
        ("author", lambda: (rng.choice(books)[1].split(",")[0], {})),
        ("author, folded", lambda: (fold(rng.choice(books)[1].split(",")[0]), {})),
        ("street, folded", lambda: (fold(rng.choice(streets)[0]), {})),
        ("namesake, đ typed as d", lambda: (rng.choice(streets)[1].replace("Đ", "D"), {})),
        ("heritage site, folded", lambda: (fold(rng.choice(sites)[0]), {})),
        ("school", lambda: (rng.choice(schools)[0], {})),
        ("officer's name, folded", lambda: (fold(rng.choice(officers)[0]), {})),
        ("half-typed title", lambda: (half_typed(rng.choice(books)[0], rng), {})),
        ("one typo", lambda: (typo_in(rng.choice(books + streets)[0]), {})),
        (
            "book + subject filter",
            lambda: (lambda b: (fold(b[0]), {"kind": "library.BookPage", "subject": b[2]}))(
                rng.choice(books)
            ),
        ),
        (
            "book + grade band filter",
            lambda: (lambda b: (b[1].split(",")[0], {"grade_band": b[3]}))(rng.choice(books)),
        ),
        (
            "street + district filter",
            lambda: (lambda s: (fold(s[1]), {"district": s[2]}))(rng.choice(streets)),
        ),
        (
            "heritage + ranking filter",
            lambda: (lambda s: (s[0], {"ranking": s[1]}))(rng.choice(sites)),
        ),
    ]
    cases = []
    no_hit_every = max(1, count // len(NO_HIT_QUERIES))
    for i in range(count):
        if i % no_hit_every == no_hit_every - 1 and len([c for c in cases if not c[3]]) < len(
            NO_HIT_QUERIES
        ):
            cases.append(("no hits", NO_HIT_QUERIES[i // no_hit_every], {}, False))
            continue
        label, make = makers[i % len(makers)]
        query, filters = make()
        cases.append((label, query, filters, True))
    return cases


def make_prefixes(count, rng):
    """`count` autocomplete inputs: page titles cut while typing, with or without diacritics."""
    from wagtail.models import Page

    from cms.folding import fold

    titles = list(
        Page.objects.live()
        .filter(depth__gt=2)
        .order_by("?")
        .values_list("title", flat=True)[:count]
    )
    prefixes = []
    for n, title in enumerate(titles):
        words = title.split()
        start = rng.randrange(len(words))  # typed from any word, not only the first
        text = " ".join(words[start : start + rng.randint(1, 3)])
        text = fold(text) if n % 2 else text
        prefixes.append(half_typed(text, rng) if len(text) > 3 else text)
    return prefixes


# Measuring ---------------------------------------------------------------------------------


class TimedOut(Exception):
    pass


@contextlib.contextmanager
def interrupted_after(seconds):
    """Stop a call whose queries outlast `seconds`: SQLite's interrupt() from a timer thread;
    PostgreSQL has a statement_timeout for the session (see main)."""
    from django.db import OperationalError, connection

    timer = None
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        timer = threading.Timer(seconds, connection.connection.interrupt)
        timer.start()
    try:
        yield
    except OperationalError as error:
        raise TimedOut() from error
    finally:
        if timer:
            timer.cancel()


def timed_ms(function, *args, timeout=None, **kwargs):
    """(milliseconds, result); result is TimedOut when the call was stopped."""
    started = time.perf_counter()
    try:
        with interrupted_after(timeout) if timeout else contextlib.nullcontext():
            result = function(*args, **kwargs)
    except TimedOut:
        result = TimedOut
    return (time.perf_counter() - started) * 1000, result


def measure(services, cases, prefixes, timeout, budget):
    """Interleave baseline, every service's search and autocomplete; return samples by row.

    A call stopped after `timeout` seconds counts with the time it had taken (so a p95 with
    stopped calls is a lower bound); a row stops being measured once it has used `budget`
    seconds, so one pathological engine cannot hold the run for hours."""
    from library.models import BookPage

    book_pks = list(BookPage.objects.order_by("?").values_list("pk", flat=True)[:2000])
    rng = random.Random(7)

    def baseline():
        return list(BookPage.objects.filter(pk__in=rng.sample(book_pks, 20)))

    samples = {"baseline": []}
    found = {}
    for service in services:
        samples[(service.name, "search")] = []
        samples[(service.name, "autocomplete")] = []
        found[service.name] = {
            "hit": 0,
            "should": 0,
            "stray": 0,
            "complete": 0,
            "missed": {},
            "timeouts": {"search": 0, "autocomplete": 0},
        }
    # Warm up: connections, content types, caches (the service's vocabulary), compiled regexes.
    for service in services:
        for _label, query, filters, _ in cases[:10]:
            timed_ms(service.search, query, timeout=timeout, **filters)
        for prefix in prefixes[:10]:
            timed_ms(service.autocomplete, prefix, timeout=timeout)
    for _ in range(10):
        baseline()
    for i in range(max(len(cases), len(prefixes))):
        samples["baseline"].append(timed_ms(baseline)[0])
        for service in services:
            tally = found[service.name]
            row = samples[(service.name, "search")]
            if i < len(cases) and sum(row) < budget * 1000:
                _label, query, filters, should_hit = cases[i]
                elapsed, result = timed_ms(service.search, query, timeout=timeout, **filters)
                row.append(elapsed)
                if result is TimedOut:
                    tally["timeouts"]["search"] += 1
                    total = None
                else:
                    total = result[1]
                if should_hit:
                    tally["should"] += 1
                    tally["hit"] += bool(total)
                    if total == 0:
                        tally["missed"].setdefault(cases[i][0], []).append(query)
                else:
                    tally["stray"] += bool(total)
            row = samples[(service.name, "autocomplete")]
            if i < len(prefixes) and sum(row) < budget * 1000:
                elapsed, suggestions = timed_ms(service.autocomplete, prefixes[i], timeout=timeout)
                row.append(elapsed)
                if suggestions is TimedOut:
                    tally["timeouts"]["autocomplete"] += 1
                else:
                    tally["complete"] += bool(suggestions)
    return samples, found


# Running -----------------------------------------------------------------------------------


def profile_update_index(update_index):
    profiler = cProfile.Profile()
    profiler.enable()
    seconds = update_index()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    stats.print_stats(r"(modelsearch|wagtail|cms|search|django/db/models/(query|sql))", 25)
    text = re.sub(r"^.*?(?=\s+ncalls)", "", out.getvalue(), flags=re.S)
    print("update_index profile (cumulative, top 25 of modelsearch/wagtail/cms/search/ORM):")
    print(text)
    return seconds


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--books", type=int, default=100_000)
    parser.add_argument("--libraries", type=int, default=200)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--prefixes", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="use DATABASE_URL if it is PostgreSQL, else start a throwaway cluster",
    )
    parser.add_argument(
        "--reference",
        action="store_true",
        help="also time bare Wagtail Page.search()/.autocomplete() on the same strings",
    )
    parser.add_argument(
        "--timeout", type=float, default=10.0, help="seconds before one call is stopped"
    )
    parser.add_argument(
        "--budget", type=float, default=150.0, help="seconds of calls per row at most"
    )
    parser.add_argument("--profile-index", action="store_true")
    options = parser.parse_args(argv)

    if options.postgres:
        status = run_under_postgres(__file__, argv)
        if status is not None:
            return status

    with throwaway_django("sohoa-search-bench-", options.postgres) as (workdir, engine):
        from django.db import connection

        from bench import search_data

        started = time.perf_counter()
        counts = search_data.generate(
            books=options.books,
            libraries=options.libraries,
            streets=max(1, options.books // 50),
            heritage_sites=max(1, options.books // 100),
            offices=max(1, options.books // 100),
            seed=options.seed,
        )
        generate_seconds = time.perf_counter() - started
        pages = sum(counts.values())
        problems = search_data.check_tree()
        if any(problems):
            raise SystemExit(f"the generated tree is broken: {problems}")
        print(f"{engine}: generated {pages:,} pages in {generate_seconds:.1f} s (tree valid)")

        if options.profile_index:
            index_seconds = profile_update_index(search_data.update_index)
        else:
            index_seconds = search_data.update_index()
        print(f"update_index: {index_seconds:.1f} s", flush=True)
        if connection.vendor == "postgresql":
            # A site in service has vacuumed, analysed tables; right after 100,000 inserts
            # autovacuum would instead run in the middle of the measurements.
            started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
            print(f"VACUUM ANALYZE: {time.perf_counter() - started:.1f} s", flush=True)

        rng = random.Random(options.seed)
        cases = make_queries(options.queries, rng)
        prefixes = make_prefixes(options.prefixes, rng)
        service = site_service()
        services = [service] if service else []
        if options.reference or not service:
            services.append(WagtailSearch())
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET statement_timeout = {int(options.timeout * 1000)}")
        samples, found = measure(services, cases, prefixes, options.timeout, options.budget)
    return report(engine, counts, generate_seconds, index_seconds, services, samples, found)


def report(engine, counts, generate_seconds, index_seconds, services, samples, found):
    pages = sum(counts.values())
    baseline = statistics.median(samples["baseline"])
    print()
    print(f"{'engine':<12} {engine}")
    print(f"{'books':<12} {counts.get('library.BookPage', 0):,} ({pages:,} pages)")
    print(f"{'generation':<12} {generate_seconds:.1f} s")
    print(f"{'update_index':<12} {index_seconds:.1f} s")
    print()
    print(f"{'':<44} {'n':>4} {'median':>8} {'p95':>8} {'vs base':>8}   target")
    print(
        f"{'baseline: 20 books by pk':<44} {len(samples['baseline']):4} {baseline:8.2f} "
        f"{percentile_95(samples['baseline']):8.2f} {'1.0×':>8}"
    )
    failed = False
    for service in services:
        for what, target in (
            ("search", SEARCH_P95_TARGET_MS),
            ("autocomplete", AUTOCOMPLETE_P95_TARGET_MS),
        ):
            values = samples[(service.name, what)]
            median, p95 = statistics.median(values), percentile_95(values)
            verdict = ""
            if service is services[0] and service.name.startswith("search.query"):
                verdict = f"≤{target:.0f} {'PASS' if p95 <= target else 'MISS'}"
                failed |= p95 > target
            stopped = found[service.name]["timeouts"][what]
            if stopped:
                verdict += f" ({stopped} stopped: p95 ≥)"
            label = f"{service.name}: {what}"
            print(
                f"{label:<44} {len(values):4} {median:8.2f} {p95:8.2f} "
                f"{median / baseline:7.1f}×   {verdict}"
            )
    print()
    for service in services:
        tally = found[service.name]
        queries = len(samples[(service.name, "search")])
        prefixes = len(samples[(service.name, "autocomplete")])
        print(
            f"{service.name}: {tally['hit']}/{tally['should']} queries that should hit found "
            f"something, {tally['stray']} of {queries - tally['should']} no-hit queries did; "
            f"{tally['complete']}/{prefixes} prefixes completed"
        )
        for label, missed in tally["missed"].items():
            print(f"    found nothing ({label}): " + "; ".join(missed[:3]))
    if not services[0].name.startswith("search.query"):
        print("search.query is not importable: figures are for the bare-Wagtail adapter")
    print(
        "milliseconds, in-process (no HTTP); rows interleaved in one loop; a row stops after "
        "its time budget (n < 200)"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
