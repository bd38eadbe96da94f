"""The report dashboard's province-wide yearly report over 500 units and a year of daily counts
(target: at most 2 s), against a baseline in the same run.

On a throwaway database (a temporary SQLite file, or PostgreSQL with ``--postgres``): migrates,
then builds in bulk

    province (HomePage, a unit) ── a heritage index with 5 sites
    └── 20 districts (UnitPage, units), each with 8 streets, 3 heritage sites, 3 offices
        ├── wards (UnitPage, units), each with 4 streets and 2 offices
        └── schools (SchoolPage under the district's school index, units), each with a
            library of 8 books, half of them with an e-book

500 units in all (``--units``), their editors and moderators groups and collections made with
``bulk_create``, pages with ``cms.importing.tree`` (ids allocated first, treebeard paths
computed, two multi-row INSERTs per page kind), a QR code for every page issued over the two
years before, and for ``--year`` one row of page views for every page and every day, QR scans
on half of the page-days and e-book opens on half of the book-days (``--*-density``).

Then it times, interleaved round by round so that every row sees the same machine load:

- the baseline: one SUM over the year's rows of each count table, the least any report of
  the year must read;
- ``home.dashboard.build_report(province, Period.year(year))``, the function the view calls;
- the same through the admin view (HTML rendered) and its .xlsx export;
- a district's yearly report and the province's report of one month, for scale.

    python bench/dashboard.py                 # SQLite, 500 units (~2 min)
    python bench/dashboard.py --postgres      # a throwaway PostgreSQL cluster (tests.postgres)
    python bench/dashboard.py --rounds 3      # quick run

Prints median and p95 seconds, queries per call and the ratio to the baseline; exits with 1
when the province's yearly report takes more than 2 s at p95.
"""

import argparse
import datetime
import random
import statistics
import sys
import time
from itertools import count
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.harness import run_under_postgres, throwaway_django  # noqa: E402

TARGET_SECONDS = 2.0
DISTRICTS = 20
# Pages under each kind of unit.
PROVINCE_HERITAGE = 5
DISTRICT_STREETS, DISTRICT_HERITAGE, DISTRICT_OFFICES = 8, 3, 3
WARD_STREETS, WARD_OFFICES = 4, 2
BOOKS_PER_LIBRARY = 8
STREET_NAMES = (
    "Lê Lợi", "Nguyễn Huệ", "Hai Bà Trưng", "Trần Hưng Đạo", "Lý Thường Kiệt", "Võ Thị Sáu",
    "Nguyễn Thị Minh Khai", "Điện Biên Phủ", "Cách Mạng Tháng Tám", "Phan Đình Phùng",
)  # fmt: skip
BOOK_TITLES = (
    "Dế Mèn phiêu lưu ký", "Tắt đèn", "Số đỏ", "Đất rừng phương Nam", "Tuổi thơ dữ dội",
    "Kính vạn hoa", "Cho tôi xin một vé đi tuổi thơ", "Chiếc lược ngà",
)  # fmt: skip


def percentile_95(samples):
    ordered = sorted(samples)
    return ordered[max(0, round(len(ordered) * 0.95) - 1)]


# Building ------------------------------------------------------------------------------------


class TreeBuilder:
    """Pages made in memory with their tree positions, then written a model at a time."""

    def __init__(self):
        from django.utils import timezone
        from wagtail.models import Page

        self.root = Page.get_first_root_node()
        self.now = timezone.now()
        self.pages = []
        self.child_numbers = {self.root.path: count(Page.objects.child_of(self.root).count() + 1)}

    def add(self, parent, model, title, **fields):
        from django.contrib.contenttypes.models import ContentType
        from django.utils.text import slugify

        from cms.folding import fold
        from cms.importing import tree

        number = next(self.child_numbers[parent.path])
        page = model(title=title, **fields)
        page.path = parent.path + tree.path_step(number)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.slug = f"{slugify(fold(title))[:60]}-{number}"
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.draft_title = title
        page.locale_id = parent.locale_id
        page.content_type = ContentType.objects.get_for_model(model)
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = self.now
        parent.numchild += 1
        self.child_numbers[page.path] = count(1)
        self.pages.append(page)
        return page

    def write(self):
        """Every page, a model at a time (ids allocated first, as the importer does)."""
        from cms.importing import tree

        by_model = {}
        for page in self.pages:
            by_model.setdefault(type(page), []).append(page)
        for model, pages in by_model.items():
            for page, page_id in zip(pages, tree.allocate_page_ids(len(pages)), strict=True):
                page.id = page.page_ptr_id = page_id
            tree.insert_pages(model, pages)
        type(self.root).objects.filter(pk=self.root.pk).update(numchild=self.root.numchild)
        return by_model


def build_site(units, rng):
    """The province's pages and units; returns (province unit, pages by model)."""
    from wagtail.models import Site

    from heritage.models import (
        HeritageIndexPage,
        HeritageKind,
        HeritageRanking,
        HeritageSitePage,
        NeighbourhoodOfficePage,
        OfficeIndexPage,
        StreetIndexPage,
        StreetPage,
    )
    from home.models import HomePage, SchoolIndexPage, SchoolLevel, SchoolPage, UnitKind, UnitPage
    from library.models import BookPage, LibraryPage

    builder = TreeBuilder()
    province_page = builder.add(builder.root, HomePage, "Tỉnh Đoàn Bình Minh")
    unit_pages = [(province_page, UnitKind.PROVINCE, None)]

    def heritage(parent, number):
        index = builder.add(parent, HeritageIndexPage, "Di tích – Địa chỉ đỏ")
        for n in range(number):
            builder.add(
                index,
                HeritageSitePage,
                f"Di tích {rng.choice(STREET_NAMES)} {n + 1}",
                kind=rng.choice(HeritageKind.values),
                ranking=rng.choice(HeritageRanking.values),
            )

    def streets_and_offices(parent, streets, offices):
        street_index = builder.add(parent, StreetIndexPage, "Tuyến đường")
        for n in range(streets):
            builder.add(street_index, StreetPage, f"Đường {rng.choice(STREET_NAMES)} {n + 1}")
        office_index = builder.add(parent, OfficeIndexPage, "Văn phòng khu phố")
        for n in range(offices):
            builder.add(office_index, NeighbourhoodOfficePage, f"Văn phòng Khu phố {n + 1}")

    heritage(province_page, PROVINCE_HERITAGE)
    below_districts = units - 1 - DISTRICTS
    for d in range(DISTRICTS):
        district = builder.add(province_page, UnitPage, f"Quận {d + 1}")
        unit_pages.append((district, UnitKind.DISTRICT, province_page))
        schools_index = builder.add(district, SchoolIndexPage, "Trường học")
        streets_and_offices(district, DISTRICT_STREETS, DISTRICT_OFFICES)
        heritage(district, DISTRICT_HERITAGE)
        # Wards and schools alternate, shared out over the districts as evenly as they go.
        for n in range(d, below_districts, DISTRICTS):
            if n % 2:
                school = builder.add(
                    schools_index,
                    SchoolPage,
                    f"Trường THCS {rng.choice(STREET_NAMES)} {n}",
                    level=SchoolLevel.LOWER_SECONDARY,
                )
                unit_pages.append((school, UnitKind.SCHOOL, district))
                library = builder.add(school, LibraryPage, f"Thư viện trường {n}")
                for b in range(BOOKS_PER_LIBRARY):
                    builder.add(
                        library,
                        BookPage,
                        f"{BOOK_TITLES[b % len(BOOK_TITLES)]} ({n}-{b})",
                        reading_url=f"https://sach.example.vn/{n}-{b}" if b % 2 else "",
                    )
            else:
                ward = builder.add(district, UnitPage, f"Phường {n}")
                unit_pages.append((ward, UnitKind.WARD, district))
                streets_and_offices(ward, WARD_STREETS, WARD_OFFICES)
    by_model = builder.write()
    site = Site.objects.filter(is_default_site=True).first()
    site.root_page_id = province_page.pk
    site.save()
    return make_units(unit_pages), by_model


def make_units(unit_pages):
    """The Unit rows of `unit_pages` [(page, kind, parent page)], with their groups and
    collections, in a few bulk inserts; returns the province's unit."""
    from django.contrib.auth.models import Group
    from wagtail.models import Collection

    from cms.importing import tree
    from home.models import Unit
    from home.units import unit_key

    groups = Group.objects.bulk_create(
        [
            Group(name=f"{role} – {page.title} #{n}")
            for n, (page, _kind, _parent) in enumerate(unit_pages)
            for role in ("Biên tập viên", "Kiểm duyệt")
        ]
    )
    root = Collection.get_first_root_node()
    first = root.numchild
    collections = Collection.objects.bulk_create(
        [
            Collection(
                name=page.title,
                path=root.path + tree.path_step(first + n + 1),
                depth=root.depth + 1,
                numchild=0,
            )
            for n, (page, _kind, _parent) in enumerate(unit_pages)
        ]
    )
    Collection.objects.filter(pk=root.pk).update(numchild=root.numchild + len(collections))
    unit_by_page = {}
    # Parents before children: a level at a time, so each parent's id is known.
    for level in ("province", "district", None):
        batch = []
        for n, (page, kind, parent_page) in enumerate(unit_pages):
            if (level and kind != level) or (not level and kind in ("province", "district")):
                continue
            batch.append(
                Unit(
                    name=page.title,
                    key=unit_key(page.title),
                    kind=kind,
                    parent=unit_by_page.get(parent_page.pk) if parent_page else None,
                    page_id=page.pk,
                    editors=groups[2 * n],
                    moderators=groups[2 * n + 1],
                    collection=collections[n],
                )
            )
        for unit in Unit.objects.bulk_create(batch):
            unit_by_page[unit.page_id] = unit
    return unit_by_page[unit_pages[0][0].pk]


def issue_qr_codes(page_ids, year, rng):
    """A code for every page, issued at random moments of the two years up to `year`'s end."""
    from django.utils import timezone

    from cms.importing import tree
    from cms.qr.codes import ALPHABET
    from cms.qr.models import QRCode

    start = datetime.datetime(year - 1, 1, 1, tzinfo=timezone.get_default_timezone())
    seconds = 2 * 365 * 24 * 3600
    codes = []
    for n, page_id in enumerate(page_ids):
        digits, code = n, ""
        for _ in range(6):
            digits, remainder = divmod(digits, len(ALPHABET))
            code = ALPHABET[remainder] + code
        issued = start + datetime.timedelta(seconds=rng.randrange(seconds))
        codes.append(QRCode(code=f"B{code}", page_id=page_id, created_at=issued))
    fields = [field for field in QRCode._meta.local_concrete_fields if not field.primary_key]
    tree.insert_rows(QRCode, fields, codes)
    return dict(QRCode.objects.values_list("page_id", "pk"))


def insert_counts(table, columns, rows):
    """Many rows at once: COPY on PostgreSQL, executemany (one prepared INSERT) on SQLite."""
    from django.db import connection

    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            raw = cursor.cursor
            with raw.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    placeholders = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({placeholders})", rows)


def add_daily_counts(page_ids, book_ids, codes, year, options, rng):
    """A year of daily views, scans and e-book opens; returns rows written per table."""
    from cms.counting import CountKind, PageCountDay
    from cms.qr.models import QRScanDay

    first = datetime.date(year, 1, 1)
    days = [
        first + datetime.timedelta(days=n)
        for n in range((first.replace(year=year + 1) - first).days)
    ]

    def page_rows():
        for page_id in page_ids:
            for day in days:
                if rng.random() < options.view_density:
                    yield (page_id, day, CountKind.VIEW, rng.randint(1, 60), "", "")
        for page_id in book_ids:
            for day in days:
                if rng.random() < options.open_density:
                    yield (page_id, day, CountKind.EBOOK_OPEN, rng.randint(1, 5), "", "")

    def scan_rows():
        for page_id in page_ids:
            code_id = codes[page_id]
            for day in days:
                if rng.random() < options.scan_density:
                    yield (code_id, day, rng.randint(1, 20))

    page_rows, scan_rows = list(page_rows()), list(scan_rows())
    insert_counts(
        PageCountDay._meta.db_table,
        ["page_id", "day", "kind", "count", "former_title", "former_path"],
        page_rows,
    )
    insert_counts(QRScanDay._meta.db_table, ["qr_code_id", "day", "count"], scan_rows)
    return len(page_rows), len(scan_rows)


# Measuring -----------------------------------------------------------------------------------


def measure(province, year, rounds):
    """Interleaved samples: ({row: [seconds]}, {row: queries of the last call})."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.db.models import Sum
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cms.counting import PageCountDay
    from cms.qr.models import QRScanDay
    from home.dashboard import Period, build_report
    from home.models import Unit

    whole_year = Period.year(year)
    start, end = whole_year.start, whole_year.end
    district = Unit.objects.filter(parent=province).order_by("page__path").first()
    admin = get_user_model().objects.create_superuser("bench", "bench@example.vn", "x")
    client = Client()
    client.force_login(admin)
    query = {"unit": province.pk, "period": "year", "year": year}

    def baseline():
        for table in (PageCountDay, QRScanDay):
            table.objects.filter(day__range=(start, end)).aggregate(Sum("count"))

    def view(export=None):
        response = client.get(
            "/admin/reports/units/", {**query, **({"export": export} if export else {})}
        )
        assert response.status_code == 200, response.content[:500]
        return response

    rows = {
        "baseline: SUM of the year's counts": baseline,
        "build_report, province, year": lambda: build_report(province, whole_year),
        "admin view (HTML), province, year": view,
        "admin export (.xlsx), province, year": lambda: view("xlsx"),
        "build_report, one district, year": lambda: build_report(district, whole_year),
        "build_report, province, December": lambda: build_report(province, Period.month(year, 12)),
    }
    samples = {name: [] for name in rows}
    queries = {}
    for call in rows.values():  # warm up: connections, content types, the page cache
        call()
    for _ in range(rounds):
        for name, call in rows.items():
            with CaptureQueriesContext(connection) as context:
                started = time.perf_counter()
                call()
                samples[name].append(time.perf_counter() - started)
            queries[name] = len(context.captured_queries)
    return samples, queries


def show_queries(province, year):
    """The queries of one province-wide yearly report, slowest first. (On SQLite a query's
    rows are read after its timing stops, so there the times understate the big ones.)"""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from home.dashboard import Period, build_report

    with CaptureQueriesContext(connection) as context:
        build_report(province, Period.year(year))
    print("\nQueries of build_report(province, year), slowest first:")
    for query in sorted(context.captured_queries, key=lambda q: -float(q["time"])):
        print(f"{float(query['time']):>7.3f} s  {query['sql'][:300]}")


def report(engine, samples, queries):
    baseline = statistics.median(samples["baseline: SUM of the year's counts"])
    print(f"\n{engine}, {len(next(iter(samples.values())))} rounds")
    print(f"{'':<40} {'median s':>9} {'p95 s':>8} {'queries':>8} {'× baseline':>11}")
    for name, values in samples.items():
        median = statistics.median(values)
        print(
            f"{name:<40} {median:>9.3f} {percentile_95(values):>8.3f} "
            f"{queries[name]:>8} {median / baseline:>10.1f}×"
        )
    p95 = percentile_95(samples["build_report, province, year"])
    verdict = "PASS" if p95 <= TARGET_SECONDS else "MISS"
    print(
        f"\nProvince, year: p95 {p95:.3f} s against a target of {TARGET_SECONDS:.0f} s: {verdict}"
    )
    return p95 <= TARGET_SECONDS


# Running -------------------------------------------------------------------------------------


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=500, help="units in all (500)")
    parser.add_argument("--year", type=int, default=2025, help="the year of the counts")
    parser.add_argument("--rounds", type=int, default=7, help="calls per row (7)")
    parser.add_argument("--view-density", type=float, default=1.0, help="page-days viewed")
    parser.add_argument("--scan-density", type=float, default=0.5, help="page-days scanned")
    parser.add_argument("--open-density", type=float, default=0.5, help="book-days opened")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument(
        "--queries", action="store_true", help="also list the report's queries, slowest first"
    )
    options = parser.parse_args(argv)
    if options.units < 1 + DISTRICTS:
        parser.error(f"--units must be at least {1 + DISTRICTS} (a province and its districts)")

    if options.postgres:
        status = run_under_postgres(__file__, argv)
        if status is not None:
            return status

    with throwaway_django("sohoa-dashboard-bench-", options.postgres) as (workdir, engine):
        from django.db import connection, transaction

        from library.models import BookPage

        rng = random.Random(options.seed)
        started = time.perf_counter()
        with transaction.atomic():
            province, by_model = build_site(options.units, rng)
            page_ids = [page.pk for pages in by_model.values() for page in pages]
            book_ids = [page.pk for page in by_model[BookPage] if page.reading_url]
            codes = issue_qr_codes(page_ids, options.year, rng)
            page_rows, scan_rows = add_daily_counts(
                page_ids, book_ids, codes, options.year, options, rng
            )
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        units = province.subtree().count()
        print(
            f"{engine}: {units:,} units, {len(page_ids):,} pages, {len(codes):,} QR codes; "
            f"{page_rows:,} daily page counts and {scan_rows:,} daily scan counts for "
            f"{options.year}; built in {time.perf_counter() - started:.0f} s",
            flush=True,
        )
        samples, queries = measure(province, options.year, options.rounds)
        if options.queries:
            show_queries(province, options.year)
        return 0 if report(engine, samples, queries) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
